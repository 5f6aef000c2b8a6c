/* The one set-up of a CVODE integrator (see cvode_int.h). CVODE reports errors through a
 * handler that prints to stderr by default; a library never prints (style B): ours keeps the
 * text for the caller's message and logs it to the context. SUNDIALS 6 installs the handler
 * on the integrator (CVodeSetErrHandlerFn), SUNDIALS >= 7 on the SUNContext. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <sundials/sundials_config.h>
#include <sundials/sundials_context.h>

#include "numerics/cvode_int.h"

static void keep(mni_cvode *cv, int code, const char *function, const char *msg)
{
  if (code < 0) { /* an error: the caller's failure message carries it */
    snprintf(cv->msg, sizeof cv->msg, "%s (%d): %s", function, code, msg);
    mni_log(cv->ctx, MN_LOG_DEBUG, "%s: CVODE %s", cv->who, cv->msg);
  } else { /* a warning (CVODE goes on) */
    mni_log(cv->ctx, MN_LOG_WARN, "%s: CVODE %s: %s", cv->who, function, msg);
  }
}

#if SUNDIALS_VERSION_MAJOR >= 7
static void on_error(int line, const char *function, const char *file, const char *msg,
                     SUNErrCode code, void *ud, SUNContext sun)
{
  (void)line, (void)file, (void)sun;
  keep(ud, code, function, msg);
}
#else
static void on_error(int code, const char *module, const char *function, char *msg, void *ud)
{
  (void)module;
  keep(ud, code, function, msg);
}
#endif

int mni_sun_context_create(SUNContext *sun)
{
#if SUNDIALS_VERSION_MAJOR >= 7
  return SUNContext_Create(SUN_COMM_NULL, sun);
#else
  return SUNContext_Create(NULL, sun);
#endif
}

mn_status mni_cvode_fail(mni_cvode *cv, mn_status st, const char *fmt, ...)
{
  char head[MNI_ERRMSG_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(head, sizeof head, fmt, ap);
  va_end(ap);
  if (cv->msg[0] == '\0') return mni_fail(cv->ctx, st, "%s", head);
  return mni_fail(cv->ctx, st, "%s: CVODE %s", head, cv->msg);
}

mn_status mni_cvode_create(mn_ctx *ctx, const mni_cvode_spec *sp, mni_cvode *cv)
{
  memset(cv, 0, sizeof *cv);
  cv->ctx = ctx;
  cv->who = sp->who != NULL ? sp->who : "cvode";
#if SUNDIALS_VERSION_MAJOR >= 7
  if (SUNContext_ClearErrHandlers(sp->sun) != 0 ||
      SUNContext_PushErrHandler(sp->sun, on_error, cv) != 0)
    return mni_fail(ctx, MN_E_NOMEM, "%s: cannot install CVODE's error handler", cv->who);
#endif
  cv->mem = CVodeCreate(CV_BDF, sp->sun);
  if (cv->mem == NULL) return mni_fail(ctx, MN_E_NOMEM, "%s: cannot create CVODE", cv->who);
  const char *step = NULL;
  int flag = CV_SUCCESS;
#if SUNDIALS_VERSION_MAJOR < 7
  if ((flag = CVodeSetErrHandlerFn(cv->mem, on_error, cv)) != CV_SUCCESS)
    step = "error handler";
  else
#endif
      if ((flag = CVodeInit(cv->mem, sp->rhs, sp->t0_s, sp->y0)) != CV_SUCCESS)
    step = "CVodeInit";
  else if ((flag = CVodeSetUserData(cv->mem, sp->user_data)) != CV_SUCCESS)
    step = "user data";
  else if ((flag = sp->atol_v != NULL
                       ? CVodeSVtolerances(cv->mem, sp->rtol, sp->atol_v)
                       : CVodeSStolerances(cv->mem, sp->rtol, sp->atol)) != CV_SUCCESS)
    step = "tolerances";
  else if (sp->LS != NULL && (flag = CVodeSetLinearSolver(cv->mem, sp->LS, sp->A)) != CVLS_SUCCESS)
    step = "linear solver";
  else if (sp->jac != NULL && (flag = CVodeSetJacFn(cv->mem, sp->jac)) != CVLS_SUCCESS)
    step = "Jacobian";
  else if (sp->max_steps > 0 && (flag = CVodeSetMaxNumSteps(cv->mem, sp->max_steps)) != CV_SUCCESS)
    step = "step limit";
  if (step == NULL) return MN_OK;
  mn_status st = mni_cvode_fail(cv, flag == CV_MEM_FAIL || flag == CVLS_MEM_FAIL ? MN_E_NOMEM : MN_E_ARG,
                                "%s: cannot set up CVODE (%s)", cv->who, step);
  mni_cvode_free(cv);
  return st;
}

void mni_cvode_free(mni_cvode *cv)
{
  if (cv == NULL) return;
  if (cv->mem != NULL) CVodeFree(&cv->mem);
  cv->mem = NULL;
}
