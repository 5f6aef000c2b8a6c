/* Atomic output files; see atomic_file_int.h. POSIX: open(O_EXCL), fsync, rename. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
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
  mni_fail(ctx, MN_E_IO, "%s: cannot create: %s", final_path, strerror(errno));
  return -1;
}

mn_status mni_afile_reserve(mn_ctx *ctx, const char *dir, const char *name, char *final_path,
                            char *tmp_path, size_t path_size)
{
  int fd = make_temp(ctx, dir, name, final_path, tmp_path, path_size);
  if (fd < 0)
    return MN_E_IO;
  close(fd);
  return MN_OK;
}

mn_status mni_afile_open(mn_ctx *ctx, const char *dir, const char *name, mni_afile *af)
{
  memset(af, 0, sizeof *af);
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
  return MN_OK;
}

mn_status mni_afile_commit(mn_ctx *ctx, mni_afile *af)
{
  if (af->f == NULL)
    return mni_fail(ctx, MN_E_IO, "%s: file is not open", af->final_path);
  int bad = ferror(af->f) || fflush(af->f) != 0 || fsync(fileno(af->f)) != 0;
  int e = errno;
  bad |= fclose(af->f) != 0;
  af->f = NULL;
  if (bad || rename(af->tmp_path, af->final_path) != 0) {
    if (!bad)
      e = errno;
    unlink(af->tmp_path);
    return mni_fail(ctx, MN_E_IO, "%s: write failed: %s", af->final_path, strerror(e));
  }
  af->tmp_path[0] = '\0';
  return MN_OK;
}

void mni_afile_abort(mni_afile *af)
{
  if (af->f != NULL) {
    fclose(af->f);
    af->f = NULL;
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
