/* Atomic output files; see atomic_file_int.h. POSIX: open(O_EXCL), fsync, rename. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/atomic_file_int.h"

/* Temporaries are numbered across the process so that two contexts on two threads never pick
 * the same name; the pid and the clock keep two processes apart. */
static atomic_uint temp_counter;

/* Build "dir/name" and a new temporary "dir/.name.tmp.PID.N.NS", create the temporary with the
 * usual permissions (0666 less the umask, which the kernel applies: the process's umask is never
 * read or changed, since changing it would race with every thread of the host) and return its
 * descriptor, or -1 with the context's message filled. */
static int make_temp(mn_ctx *ctx, const char *dir, const char *name, char *final_path,
                     char *tmp_path, size_t path_size)
{
  int n1 = snprintf(final_path, path_size, "%s/%s", dir, name);
  if (n1 < 0 || (size_t)n1 >= path_size) {
    mni_fail(ctx, MN_E_IO, "%s/%s: path too long", dir, name);
    return -1;
  }
  for (int attempt = 0; attempt < 100; attempt++) {
    unsigned k = atomic_fetch_add(&temp_counter, 1u);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int n2 = snprintf(tmp_path, path_size, "%s/.%s.tmp.%ld.%u.%ld", dir, name, (long)getpid(), k,
                      (long)ts.tv_nsec);
    if (n2 < 0 || (size_t)n2 >= path_size) {
      mni_fail(ctx, MN_E_IO, "%s/%s: path too long", dir, name);
      return -1;
    }
    int fd = open(tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return fd;
    if (errno != EEXIST) break;
  }
  int e = errno;
  char shown[4096];
  mni_fail(ctx, MN_E_IO, "%s: cannot create: %s", mni_afile_shown(final_path, shown, sizeof shown),
           strerror(e));
  return -1;
}

mn_status mni_afile_reserve(mn_ctx *ctx, const char *dir, const char *name, char *final_path,
                            char *tmp_path, size_t path_size)
{
  MN_TRY(mni_check_cancel(ctx, "writing")); /* every file of every writer starts here or below */
  int fd = make_temp(ctx, dir, name, final_path, tmp_path, path_size);
  if (fd < 0)
    return MN_E_IO;
  close(fd);
  return MN_OK;
}

mn_status mni_afile_open(mn_ctx *ctx, const char *dir, const char *name, mni_afile *af)
{
  memset(af, 0, sizeof *af);
  af->fd = -1;
  MN_TRY(mni_check_cancel(ctx, "writing"));
  int fd = make_temp(ctx, dir, name, af->final_path, af->tmp_path, sizeof af->tmp_path);
  if (fd < 0) {
    af->tmp_path[0] = '\0';
    return MN_E_IO;
  }
  af->f = fdopen(fd, "w");
  if (af->f == NULL) {
    int e = errno;
    close(fd);
    unlink(af->tmp_path);
    af->tmp_path[0] = '\0';
    return mni_fail(ctx, MN_E_IO, "%s: cannot open: %s", af->final_path, strerror(e));
  }
  af->fd = fd;
  return MN_OK;
}

/* The reason of a write error whose errno is lost (a stream that failed earlier): a write at the
 * file's end tells (ENOSPC on a full disk), else EIO. */
static int reason(const char *tmp_path)
{
  int e = tmp_path[0] != '\0' ? mni_afile_write_errno(tmp_path) : 0;
  return e != 0 ? e : EIO;
}

mn_status mni_afile_commit(mn_ctx *ctx, mni_afile *af)
{
  char shown[4096];
  if (af->f == NULL)
    return mni_fail(ctx, MN_E_IO, "%s: file is not open",
                    mni_afile_shown(af->final_path, shown, sizeof shown));
  /* fflush first: it retries what is buffered, so errno is the reason of this failure; fsync
   * then catches what a file system reports late (quotas, delayed allocation). */
  int e = 0;
  errno = 0;
  if (fflush(af->f) != 0 || ferror(af->f))
    e = errno != 0 ? errno : reason(af->tmp_path); /* an earlier write failed: ask again */
  else if (af->fd >= 0 && fsync(af->fd) != 0)
    e = errno;
  if (fclose(af->f) != 0 && e == 0) e = errno;
  af->f = NULL;
  af->fd = -1;
  if (e == 0 && rename(af->tmp_path, af->final_path) != 0) e = errno;
  if (e != 0) {
    unlink(af->tmp_path);
    af->tmp_path[0] = '\0';
    return mni_fail(ctx, MN_E_IO, "%s: write failed: %s",
                    mni_afile_shown(af->final_path, shown, sizeof shown), strerror(e));
  }
  af->tmp_path[0] = '\0';
  return MN_OK;
}

mn_status mni_afile_fail(mn_ctx *ctx, mni_afile *af)
{
  int e = errno != 0 ? errno : reason(af->tmp_path);
  char shown[4096];
  mni_afile_shown(af->final_path, shown, sizeof shown);
  mni_afile_abort(af);
  return mni_fail(ctx, MN_E_IO, "%s: write failed: %s", shown, strerror(e));
}

mn_status mni_afile_sync_path(mn_ctx *ctx, const char *tmp_path, const char *final_path)
{
  int fd = open(tmp_path, O_WRONLY | O_CLOEXEC);
  int e = fd < 0 ? errno : 0;
  if (fd >= 0 && fsync(fd) != 0) e = errno;
  if (fd >= 0 && close(fd) != 0 && e == 0) e = errno;
  if (e == 0) return MN_OK;
  char shown[4096];
  return mni_fail(ctx, MN_E_IO, "%s: write failed: %s",
                  mni_afile_shown(final_path, shown, sizeof shown), strerror(e));
}

int mni_afile_write_errno(const char *tmp_path)
{
  static const char zeros[8192];
  int fd = open(tmp_path, O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) return errno;
  int e = 0;
  errno = 0;
  if (write(fd, zeros, sizeof zeros) != (ssize_t)sizeof zeros || fsync(fd) != 0)
    e = errno != 0 ? errno : ENOSPC; /* a short write with no errno: the disk is full */
  close(fd);
  return e;
}

const char *mni_afile_shown(const char *path, char *buf, size_t size)
{
  const char *stage = strstr(path, "/.mnsim.stage.");
  const char *rest = stage != NULL ? strchr(stage + 1, '/') : NULL;
  if (rest == NULL)
    snprintf(buf, size, "%s", path);
  else
    snprintf(buf, size, "%.*s%s", (int)(stage - path), path, rest);
  return buf;
}

/* Whether s is digits up to the end or to the character c; *next: past it. */
static int digits_to(const char *s, char c, const char **next)
{
  const char *p = s;
  while (*p >= '0' && *p <= '9')
    p++;
  *next = p + (*p != '\0');
  return p > s && *p == c;
}

long mni_afile_temp_owner(const char *name)
{
  /* exactly the shapes we make: ".NAME.tmp.PID.N.NS" and ".mnsim.stage.PID-N", nothing a
   * person would name a file */
  static const char stage[] = ".mnsim.stage.";
  const char *p = NULL, *q = NULL, *r = NULL;
  int ok = 0;
  if (strncmp(name, stage, sizeof stage - 1) == 0) {
    p = name + sizeof stage - 1;
    ok = digits_to(p, '-', &q) && digits_to(q, '\0', &r);
  } else if (name[0] == '.' && (p = strstr(name, ".tmp.")) != NULL) {
    p += 5;
    const char *t = NULL;
    ok = digits_to(p, '.', &q) && digits_to(q, '.', &t) && digits_to(t, '\0', &r);
  }
  if (!ok || *p == '0') return 0;
  long pid = strtol(p, NULL, 10);
  return pid > 0 ? pid : 0;
}

void mni_afile_abort(mni_afile *af)
{
  if (af->f != NULL) {
    fclose(af->f);
    af->f = NULL;
    af->fd = -1;
  }
  if (af->tmp_path[0] != '\0') {
    unlink(af->tmp_path);
    af->tmp_path[0] = '\0';
  }
}

mn_status mni_mkdir_p(mn_ctx *ctx, const char *dir)
{
  char buf[4096];
  size_t n = strlen(dir);
  if (n == 0 || n >= sizeof buf)
    return mni_fail(ctx, MN_E_IO, "output directory name is empty or too long");
  memcpy(buf, dir, n + 1);
  for (size_t i = 1; i <= n; i++) {
    if (buf[i] == '/' || buf[i] == '\0') {
      char c = buf[i];
      buf[i] = '\0';
      if (mkdir(buf, 0777) != 0 && errno != EEXIST)
        return mni_fail(ctx, MN_E_IO, "%s: cannot create directory: %s", buf, strerror(errno));
      buf[i] = c;
    }
  }
  struct stat st;
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
    return mni_fail(ctx, MN_E_IO, "%s: not a directory", dir);
  return MN_OK;
}
