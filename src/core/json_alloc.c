/* cJSON's memory through the context's allocator (issue 18: out-of-memory coverage).
 *
 * cJSON_InitHooks is process-wide, so the hooks are installed once (pthread_once, from
 * mn_ctx_create: before the library makes any cJSON object) and never changed. Each allocation
 * asks the calling thread's current context, set by MNI_JSON_SCOPE at the entry points that
 * build JSON, so two threads with two contexts each use their own allocator. A header before
 * each block records which allocator made it and the size it was asked for, so the block goes
 * back to the same allocator whoever frees it and whenever (the header holds the allocator, not
 * the context, which may be gone by then). Outside a scope (a host program's own use of cJSON)
 * the hooks use malloc with the same header. What this cannot cover (docs/architecture.md):
 * a host that calls cJSON_InitHooks itself, or frees after our first context a cJSON block it
 * made before it. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

#include "core/core_int.h"

typedef union block_header {
  struct {
    mn_alloc_fn alloc; /* NULL: malloc */
    void *ud;
    size_t size; /* the whole block, header included */
  } h;
  max_align_t align; /* cJSON stores doubles and pointers after it */
} block_header;

static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;
static _Thread_local mn_ctx *current; /* the context of the JSON being built on this thread */

static void *json_malloc(size_t size)
{
  size_t total = size + sizeof(block_header);
  if (total < size) return NULL;
  block_header *b;
  mn_alloc_fn fn = NULL;
  void *ud = NULL;
  if (current != NULL) mni_ctx_allocator(current, &fn, &ud);
  b = fn != NULL ? fn(ud, NULL, 0, total) : malloc(total);
  if (b == NULL) return NULL;
  b->h.alloc = fn;
  b->h.ud = ud;
  b->h.size = total;
  return b + 1;
}

static void json_free(void *p)
{
  if (p == NULL) return;
  block_header *b = (block_header *)p - 1;
  if (b->h.alloc != NULL)
    b->h.alloc(b->h.ud, b, b->h.size, 0);
  else
    free(b);
}

static void install(void)
{
  cJSON_Hooks hooks = {json_malloc, json_free};
  cJSON_InitHooks(&hooks);
}

void mni_json_hooks_install(void)
{
  pthread_once(&hooks_once, install);
}

mni_json_scope mni_json_enter(mn_ctx *ctx)
{
  mni_json_scope s = {current};
  current = ctx;
  return s;
}

void mni_json_leave(mni_json_scope *s)
{
  current = s->saved;
}
