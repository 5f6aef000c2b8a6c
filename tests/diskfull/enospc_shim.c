/* A full disk on any machine: an LD_PRELOAD library that makes writes into one directory fail
 * with ENOSPC once a budget of bytes is spent, as a small file system would.
 *
 *   MN_ENOSPC_DIR=DIR MN_ENOSPC_BYTES=N LD_PRELOAD=libmn_enospc_shim.so mnsim run -o DIR/out
 *
 * Every byte written to a file under DIR counts, whichever library writes it: write() and
 * pwrite() by descriptor (HDF5, our own probes), and the streams that fopen() and fdopen() hand
 * out for writing (cairo's PNG and SVG, PLplot, our CSV and JSON writers). C library streams
 * write through internal calls that an LD_PRELOAD cannot reach, so those streams are replaced by
 * fopencookie() streams that write through the budget; their fileno() is -1, which is why the
 * writers keep the descriptor they opened. A write that does not fit writes what fits and the
 * next fails, as write(2) does on a full disk. Used by tests/cli/test_diskfull.sh. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

static atomic_llong budget = -1; /* bytes left; -1: not read from the environment yet */
static char dir[PATH_MAX];       /* the full disk, resolved */
static size_t dir_len;

static void setup(void)
{
  if (atomic_load(&budget) != -1) return;
  const char *d = getenv("MN_ENOSPC_DIR"), *b = getenv("MN_ENOSPC_BYTES");
  if (d == NULL || b == NULL || realpath(d, dir) == NULL) {
    dir_len = 0;
    atomic_store(&budget, LLONG_MAX);
    return;
  }
  dir_len = strlen(dir);
  atomic_store(&budget, atoll(b));
}

static int path_is_full(const char *path)
{
  if (dir_len == 0) return 0;
  char buf[PATH_MAX];
  const char *p = path;
  if (path[0] != '/') { /* relative: against the working directory */
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd) == NULL) return 0;
    snprintf(buf, sizeof buf, "%s/%s", cwd, path);
    p = buf;
  }
  return strncmp(p, dir, dir_len) == 0 && (p[dir_len] == '/' || p[dir_len] == '\0');
}

static int fd_is_full(int fd)
{
  setup();
  if (dir_len == 0) return 0;
  char link[64], path[PATH_MAX];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, path, sizeof path - 1);
  if (n <= 0) return 0;
  path[n] = '\0';
  return path_is_full(path);
}

/* How many of n bytes fit; 0 with errno ENOSPC when none. */
static size_t take(size_t n)
{
  long long left = atomic_load(&budget), k;
  do {
    k = (long long)n < left ? (long long)n : left;
  } while (!atomic_compare_exchange_weak(&budget, &left, left - k));
  if (k == 0 && n > 0) errno = ENOSPC;
  return (size_t)k;
}

ssize_t write(int fd, const void *buf, size_t n)
{
  if (fd_is_full(fd)) {
    n = take(n);
    if (n == 0) return -1;
  }
  return syscall(SYS_write, fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
  if (fd_is_full(fd)) {
    n = take(n);
    if (n == 0) return -1;
  }
  return syscall(SYS_pwrite64, fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
  return pwrite(fd, buf, n, off);
}

/* ---- streams -------------------------------------------------------------------------------- */

/* All of it or -1: glibc takes a short count from a cookie for an error without errno, where
 * a file's stream would write on and fail with ENOSPC. */
static ssize_t cookie_write(void *c, const char *buf, size_t n)
{
  size_t done = 0;
  while (done < n) {
    ssize_t k = write((int)(intptr_t)c, buf + done, n - done);
    if (k < 0) return -1;
    done += (size_t)k;
  }
  return (ssize_t)n;
}

static ssize_t cookie_read(void *c, char *buf, size_t n)
{
  return read((int)(intptr_t)c, buf, n);
}

static int cookie_seek(void *c, off64_t *off, int whence)
{
  off_t r = lseek((int)(intptr_t)c, (off_t)*off, whence);
  if (r < 0) return -1;
  *off = r;
  return 0;
}

static int cookie_close(void *c)
{
  return close((int)(intptr_t)c);
}

static FILE *wrap(int fd, const char *mode)
{
  cookie_io_functions_t io = {cookie_read, cookie_write, cookie_seek, cookie_close};
  FILE *f = fopencookie((void *)(intptr_t)fd, mode, io);
  if (f == NULL) close(fd);
  return f;
}

static int is_writing(const char *mode)
{
  return strchr(mode, 'w') != NULL || strchr(mode, 'a') != NULL || strchr(mode, '+') != NULL;
}

FILE *fopen(const char *path, const char *mode)
{
  setup();
  static FILE *(*real)(const char *, const char *);
  if (real == NULL) real = (FILE * (*)(const char *, const char *)) dlsym(RTLD_NEXT, "fopen");
  if (!is_writing(mode) || !path_is_full(path)) return real(path, mode);
  int flags = strchr(mode, '+') != NULL ? O_RDWR : O_WRONLY;
  flags |= mode[0] == 'a' ? O_CREAT | O_APPEND : mode[0] == 'w' ? O_CREAT | O_TRUNC : 0;
  int fd = open(path, flags | O_CLOEXEC, 0666);
  return fd < 0 ? NULL : wrap(fd, mode);
}

FILE *fopen64(const char *path, const char *mode)
{
  return fopen(path, mode);
}

FILE *fdopen(int fd, const char *mode)
{
  static FILE *(*real)(int, const char *);
  if (real == NULL) real = (FILE * (*)(int, const char *)) dlsym(RTLD_NEXT, "fdopen");
  if (!is_writing(mode) || !fd_is_full(fd)) return real(fd, mode);
  return wrap(fd, mode);
}
