/* The context: allocator, last error message, logger, progress hook, thread count.
 * It is the only place where state lives between calls; there are no globals. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_int.h"

struct mn_ctx {
  mn_alloc_fn alloc;
  void *alloc_ud;
  mn_log_fn log;
  void *log_ud;
  mn_progress_fn progress;
  void *progress_ud;
  mn_cancel_fn cancel;
  void *cancel_ud;
  int n_threads;
  int quiet; /* > 0: logger and progress hook not called (mni_ctx_quiet) */
  struct {
    void *data;
    mni_slot_destroy_fn destroy;
  } slot[MNI_N_SLOTS]; /* lazily parsed catalogues */
  const char *parse_file; /* the catalogue file whose entry is being parsed (messages) */
  char errmsg[MNI_ERRMSG_MAX];
  char err_key[MNI_ERRKEY_MAX];     /* the scenario key the last failure is about, or "" */
  char err_value[MNI_ERRVALUE_MAX]; /* the value given to it, or "" */
};

static void *default_alloc(void *ud, void *ptr, size_t old_size, size_t new_size)
{
  (void)ud;
  (void)old_size;
  if (new_size == 0) {
    free(ptr);
    return NULL;
  }
  return realloc(ptr, new_size);
}

mn_status mn_ctx_create(mn_alloc_fn alloc, void *alloc_ud, mn_ctx **out)
{
  if (out == NULL)
    return MN_E_ARG;
  *out = NULL;
  if (alloc == NULL)
    alloc = default_alloc;
  mni_json_hooks_install(); /* before the library's first cJSON object */
  mn_ctx *ctx = alloc(alloc_ud, NULL, 0, sizeof *ctx);
  if (ctx == NULL)
    return MN_E_NOMEM;
  memset(ctx, 0, sizeof *ctx);
  ctx->alloc = alloc;
  ctx->alloc_ud = alloc_ud;
  *out = ctx;
  return MN_OK;
}

void mn_ctx_destroy(mn_ctx **pctx)
{
  if (pctx == NULL || *pctx == NULL)
    return;
  mn_ctx *ctx = *pctx;
  for (int i = 0; i < MNI_N_SLOTS; i++)
    if (ctx->slot[i].data != NULL && ctx->slot[i].destroy != NULL)
      ctx->slot[i].destroy(ctx, ctx->slot[i].data);
  ctx->alloc(ctx->alloc_ud, ctx, sizeof *ctx, 0);
  *pctx = NULL;
}

void mni_ctx_allocator(const mn_ctx *ctx, mn_alloc_fn *fn, void **ud)
{
  *fn = ctx->alloc;
  *ud = ctx->alloc_ud;
}

const char *mn_ctx_errmsg(const mn_ctx *ctx) { return ctx ? ctx->errmsg : "no context"; }

const char *mn_ctx_error_key(const mn_ctx *ctx) { return ctx ? ctx->err_key : ""; }

const char *mn_ctx_error_value(const mn_ctx *ctx) { return ctx ? ctx->err_value : ""; }

void mn_ctx_set_logger(mn_ctx *ctx, mn_log_fn fn, void *ud)
{
  ctx->log = fn;
  ctx->log_ud = ud;
}

void mn_ctx_set_progress(mn_ctx *ctx, mn_progress_fn fn, void *ud)
{
  ctx->progress = fn;
  ctx->progress_ud = ud;
}

void mn_ctx_set_threads(mn_ctx *ctx, int n_threads) { ctx->n_threads = n_threads > 0 ? n_threads : 0; }

int mn_ctx_get_threads(const mn_ctx *ctx) { return ctx->n_threads; }

void *mn_alloc(mn_ctx *ctx, size_t size)
{
  if (size == 0)
    size = 1;
  void *p = ctx->alloc(ctx->alloc_ud, NULL, 0, size);
  if (p == NULL)
    mni_fail(ctx, MN_E_NOMEM, "allocation of %zu bytes failed", size);
  return p;
}

void *mn_calloc(mn_ctx *ctx, size_t n, size_t size)
{
  if (size != 0 && n > (size_t)-1 / size) {
    mni_fail(ctx, MN_E_NOMEM, "allocation of %zu x %zu bytes overflows", n, size);
    return NULL;
  }
  void *p = mn_alloc(ctx, n * size);
  if (p != NULL)
    memset(p, 0, n * size > 0 ? n * size : 1);
  return p;
}

void *mn_realloc(mn_ctx *ctx, void *ptr, size_t old_size, size_t new_size)
{
  if (new_size == 0)
    new_size = 1;
  void *p = ctx->alloc(ctx->alloc_ud, ptr, ptr ? old_size : 0, new_size);
  if (p == NULL)
    mni_fail(ctx, MN_E_NOMEM, "allocation of %zu bytes failed", new_size);
  return p;
}

void mn_free(mn_ctx *ctx, void *ptr, size_t size)
{
  if (ptr != NULL)
    ctx->alloc(ctx->alloc_ud, ptr, size, 0);
}

mn_status mni_fail(mn_ctx *ctx, mn_status st, const char *fmt, ...)
{
  if (ctx == NULL)
    return st;
  MNI_C_LOCALE(); /* a safety net: a message made outside any guarded entry point */
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(ctx->errmsg, sizeof ctx->errmsg, fmt, ap);
  va_end(ap);
  ctx->err_key[0] = ctx->err_value[0] = '\0'; /* a new failure: about no key until told */
  return st;
}

void mni_error_about(mn_ctx *ctx, const char *key, const char *value, size_t vlen)
{
  if (ctx == NULL)
    return;
  snprintf(ctx->err_key, sizeof ctx->err_key, "%s", key != NULL ? key : "");
  if (value == NULL) vlen = 0;
  if (vlen >= sizeof ctx->err_value) vlen = sizeof ctx->err_value - 1; /* as the message cuts it */
  if (vlen > 0) memcpy(ctx->err_value, value, vlen);
  ctx->err_value[vlen] = '\0';
}

mn_status mni_fail_key(mn_ctx *ctx, mn_status st, const char *key, const char *value, size_t vlen,
                       const char *fmt, ...)
{
  if (ctx == NULL)
    return st;
  MNI_C_LOCALE();
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(ctx->errmsg, sizeof ctx->errmsg, fmt, ap);
  va_end(ap);
  mni_error_about(ctx, key, value, vlen);
  return st;
}

void mni_clear_error(mn_ctx *ctx)
{
  if (ctx != NULL)
    ctx->errmsg[0] = ctx->err_key[0] = ctx->err_value[0] = '\0';
}

void mni_log(mn_ctx *ctx, mn_log_level level, const char *fmt, ...)
{
  if (ctx == NULL || ctx->log == NULL || ctx->quiet > 0)
    return;
  char buf[MNI_ERRMSG_MAX];
  {
    MNI_C_LOCALE();
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
  }
  void *mine = mni_locale_host_begin();
  ctx->log(ctx->log_ud, level, buf);
  mni_locale_host_end(mine);
}

void mn_ctx_set_cancel(mn_ctx *ctx, mn_cancel_fn fn, void *ud)
{
  if (ctx == NULL) return;
  ctx->cancel = fn;
  ctx->cancel_ud = ud;
}

mn_status mni_check_cancel(mn_ctx *ctx, const char *stage)
{
  /* polled even when quiet: an anchor run of the outcome stops as promptly as the run */
  if (ctx == NULL || ctx->cancel == NULL || ctx->cancel(ctx->cancel_ud) == 0) return MN_OK;
  return mni_fail(ctx, MN_E_CANCELLED, "%s: cancelled", stage);
}

mn_status mni_progress(mn_ctx *ctx, const char *stage, double fraction, double sim_time_s)
{
  MN_TRY(mni_check_cancel(ctx, stage));
  if (ctx == NULL || ctx->progress == NULL || ctx->quiet > 0)
    return MN_OK;
  void *mine = mni_locale_host_begin();
  int is_cancelled = ctx->progress(ctx->progress_ud, stage, fraction, sim_time_s) != 0;
  mni_locale_host_end(mine);
  if (is_cancelled)
    return mni_fail(ctx, MN_E_CALLBACK, "%s: cancelled by the progress callback", stage);
  return MN_OK;
}

void mni_ctx_quiet(mn_ctx *ctx, int delta)
{
  if (ctx != NULL) ctx->quiet += delta;
}

void *mni_ctx_slot_get(const mn_ctx *ctx, mni_slot_id id) { return ctx->slot[id].data; }

void *mni_ctx_slot_take(mn_ctx *ctx, mni_slot_id id)
{
  void *data = ctx->slot[id].data;
  ctx->slot[id].data = NULL;
  ctx->slot[id].destroy = NULL;
  return data;
}

const char *mni_ctx_parse_file(const mn_ctx *ctx)
{
  return ctx->parse_file != NULL ? ctx->parse_file : "catalogue";
}

void mni_ctx_set_parse_file(mn_ctx *ctx, const char *file)
{
  ctx->parse_file = file;
}

void mni_ctx_slot_set(mn_ctx *ctx, mni_slot_id id, void *data, mni_slot_destroy_fn destroy)
{
  if (ctx->slot[id].data != NULL && ctx->slot[id].destroy != NULL)
    ctx->slot[id].destroy(ctx, ctx->slot[id].data);
  ctx->slot[id].data = data;
  ctx->slot[id].destroy = destroy;
}
