/* The C locale for numbers inside the library, whatever the host program set (see core_int.h).
 *
 * Why a per-thread locale at the entry points rather than strtod_l/snprintf_l wrappers: numbers
 * are read and written in a hundred places (strtod, printf's %g into CSV, YAML, HTML and
 * messages) and by libraries we call (PLplot's axis labels go through snprintf); a wrapper per
 * call would miss those and every new one. uselocale() changes only the calling thread, so two
 * host threads in different locales do not disturb each other, and setlocale() (process-wide,
 * not thread-safe) is never called. */
#define _POSIX_C_SOURCE 200809L
#include <locale.h>
#include <pthread.h>

#include "core/core_int.h"

_Static_assert(sizeof(locale_t) <= sizeof(void *), "locale_t must fit the guard's pointer");

static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static locale_t c_locale; /* (locale_t)0 if newlocale failed: then the guard does nothing */

/* The caller's locale while an entry point runs on this thread (0 outside): the callbacks get
 * it back, so a host's logger or progress bar formats as the host expects. */
static _Thread_local locale_t host_locale;

static void make_c_locale(void)
{
  c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

mni_locale_scope mni_locale_enter(void)
{
  mni_locale_scope s = {NULL, NULL};
  pthread_once(&c_locale_once, make_c_locale);
  if (c_locale == (locale_t)0) return s;
  locale_t prev = uselocale(c_locale);
  s.saved = (void *)prev;
  s.saved_host = (void *)host_locale;
  if (prev != c_locale) host_locale = prev; /* the outermost entry point on this thread */
  return s;
}

void mni_locale_leave(mni_locale_scope *s)
{
  if (s->saved == NULL) return;
  host_locale = (locale_t)s->saved_host;
  uselocale((locale_t)s->saved);
}

void *mni_locale_host_begin(void)
{
  if (host_locale == (locale_t)0) return NULL;
  return (void *)uselocale(host_locale);
}

void mni_locale_host_end(void *mine)
{
  if (mine != NULL) uselocale((locale_t)mine);
}
