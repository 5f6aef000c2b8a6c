/* An output directory as a unit: lock, staging, manifest, commit (see outdir_int.h). */
#define _GNU_SOURCE /* flock, O_DIRECTORY */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic_file_int.h"
#include "core/sha256_int.h"
#include "output/outdir_int.h"

/* Staging folders are numbered across the process: two threads writing two directories never
 * share a name, and the pid keeps two processes apart (and says whose a folder is). */
static atomic_uint stage_counter;

/* Two writers of one directory take turns: an exclusive lock on DIR/.mnsim.lock for the whole
 * write, so a directory holds one run's files at a time and a report embeds its own run's
 * figures (a second run waits). The lock goes with the descriptor: a killed run frees it. */
static mn_status lock_dir(mn_ctx *ctx, const char *dir, int *fd)
{
  char path[4200];
  snprintf(path, sizeof path, "%s/.mnsim.lock", dir);
  *fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (*fd < 0)
    return mni_fail(ctx, MN_E_IO, "%s: cannot create the lock of the output directory: %s", path,
                    strerror(errno));
  mn_status st = MN_OK;
  int rc = flock(*fd, LOCK_EX | LOCK_NB);
  if (rc != 0 && errno == EWOULDBLOCK) { /* say whom we wait for: the holder's pid is inside */
    char owner[32] = "";
    ssize_t n = pread(*fd, owner, sizeof owner - 1, 0);
    owner[n > 0 ? n : 0] = '\0';
    owner[strcspn(owner, "\n")] = '\0';
    mni_log(ctx, MN_LOG_WARN, "%s: another run (process %s) is writing it: waiting", dir,
            owner[0] != '\0' ? owner : "?");
    /* a signal interrupts the wait (EINTR): the host may want to stop rather than wait on */
    while ((rc = flock(*fd, LOCK_EX)) != 0 && errno == EINTR)
      if ((st = mni_check_cancel(ctx, "waiting for the output directory")) != MN_OK) break;
  }
  if (rc != 0 || st != MN_OK) {
    int e = errno;
    close(*fd);
    *fd = -1;
    return st != MN_OK ? st
                       : mni_fail(ctx, MN_E_IO, "%s: cannot lock the output directory: %s", path,
                                  strerror(e));
  }
  /* who holds the lock, for the message of a run that waits (best effort) */
  char me[32];
  int n_me = snprintf(me, sizeof me, "%ld\n", (long)getpid());
  int is_noted = ftruncate(*fd, 0) == 0 && pwrite(*fd, me, (size_t)n_me, 0) == n_me;
  (void)is_noted;
  return MN_OK;
}

/* Remove a staging folder and the files in it (it holds no folders). */
static void remove_tree(const char *path)
{
  DIR *d = opendir(path);
  if (d == NULL) return;
  char p[4400];
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    snprintf(p, sizeof p, "%s/%s", path, e->d_name);
    unlink(p);
  }
  closedir(d);
  rmdir(path);
}

/* Under the lock no other run writes here, so a temporary whose process is gone was left by a
 * run that was killed: remove it. A live process's (a writer that takes no lock) stays. */
static void clean_stale(mn_ctx *ctx, const char *dir)
{
  DIR *d = opendir(dir);
  if (d == NULL) return;
  long me = (long)getpid();
  char p[4400];
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    long pid = mni_afile_temp_owner(e->d_name);
    if (pid <= 0 || pid == me || (pid_t)pid != pid) continue;
    if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue; /* alive, or not ours to judge */
    snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
    struct stat sb;
    if (lstat(p, &sb) != 0) continue;
    if (S_ISDIR(sb.st_mode))
      remove_tree(p);
    else
      unlink(p);
    mni_log(ctx, MN_LOG_INFO, "removed %s, left by process %ld which is gone", p, pid);
  }
  closedir(d);
}

/* A name a manifest may list: a plain file of the directory, never a path or a hidden file. */
static int is_plain_name(const char *name)
{
  size_t n = strlen(name);
  return n > 0 && n < MNI_OUTDIR_NAME_MAX && name[0] != '.' && strchr(name, '/') == NULL;
}

/* The files of the previous run, from its summary's manifest. A summary without one (written
 * before manifests, or not by mnsim) names nothing: its directory's files are left. */
static void read_old_manifest(mni_outdir *od)
{
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", od->dir, od->summary);
  FILE *f = fopen(path, "rb");
  if (f == NULL) return;
  long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
  char *text = size > 0 && size < (16L << 20) ? malloc((size_t)size + 1) : NULL;
  int ok =
      text != NULL && fseek(f, 0, SEEK_SET) == 0 && fread(text, 1, (size_t)size, f) == (size_t)size;
  fclose(f);
  if (!ok) {
    free(text);
    return;
  }
  text[size] = '\0';
  cJSON *root = cJSON_Parse(text);
  free(text);
  cJSON *files =
      cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "manifest"), "files");
  if (cJSON_IsArray(files)) {
    snprintf(od->old[od->n_old++], MNI_OUTDIR_NAME_MAX, "%s", od->summary);
    const cJSON *it;
    cJSON_ArrayForEach(it, files)
    {
      const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "name"));
      if (name != NULL && is_plain_name(name) && od->n_old < MNI_OUTDIR_MAX_FILES)
        snprintf(od->old[od->n_old++], MNI_OUTDIR_NAME_MAX, "%s", name);
    }
  }
  cJSON_Delete(root);
}

mn_status mni_outdir_begin(mn_ctx *ctx, const char *dir, const char *summary, mni_outdir *od)
{
  memset(od, 0, sizeof *od);
  od->ctx = ctx;
  od->lock_fd = -1;
  MN_REQUIRE(ctx, strlen(dir) < sizeof od->dir, MN_E_ARG, "output directory: path too long");
  MN_REQUIRE(ctx, is_plain_name(summary) && strlen(summary) < sizeof od->summary, MN_E_ARG,
             "output directory: bad summary name");
  snprintf(od->summary, sizeof od->summary, "%s", summary);
  snprintf(od->dir, sizeof od->dir, "%s", dir);
  MN_TRY(mni_mkdir_p(ctx, dir));
  MN_TRY(lock_dir(ctx, dir, &od->lock_fd));
  clean_stale(ctx, dir);
  read_old_manifest(od);
  snprintf(od->stage, sizeof od->stage, "%s/.mnsim.stage.%ld-%u", dir, (long)getpid(),
           atomic_fetch_add(&stage_counter, 1u));
  if (mkdir(od->stage, 0777) != 0) {
    int e = errno;
    mni_outdir_end(od);
    return mni_fail(ctx, MN_E_IO, "%s: cannot create the staging folder: %s", dir, strerror(e));
  }
  return MN_OK;
}

static int by_name(const void *a, const void *b)
{
  return strcmp((const char *)a, (const char *)b);
}

/* The plain files of the staging folder, sorted; temporaries (hidden) are not files of the run. */
static mn_status staged_files(mni_outdir *od, char (*name)[MNI_OUTDIR_NAME_MAX], size_t *n)
{
  *n = 0;
  DIR *d = opendir(od->stage);
  if (d == NULL)
    return mni_fail(od->ctx, MN_E_IO, "%s: cannot read the staging folder: %s", od->dir,
                    strerror(errno));
  mn_status st = MN_OK;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (e->d_name[0] == '.') continue;
    if (*n == MNI_OUTDIR_MAX_FILES || strlen(e->d_name) >= MNI_OUTDIR_NAME_MAX) {
      st = mni_fail(od->ctx, MN_E_IO, "%s: more than %d files or a name too long", od->dir,
                    MNI_OUTDIR_MAX_FILES);
      break;
    }
    memcpy(name[(*n)++], e->d_name, strlen(e->d_name) + 1); /* fits: checked above */
  }
  closedir(d);
  qsort(name, *n, MNI_OUTDIR_NAME_MAX, by_name);
  return st;
}

/* Size and SHA-256 of a staged file. */
static mn_status digest_file(mni_outdir *od, const char *name, long long *bytes, char hex[65])
{
  char path[4400];
  snprintf(path, sizeof path, "%s/%s", od->stage, name);
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return mni_fail(od->ctx, MN_E_IO, "%s/%s: cannot read back: %s", od->dir, name,
                    strerror(errno));
  mni_sha256 s;
  mni_sha256_init(&s);
  unsigned char buf[65536];
  size_t k;
  *bytes = 0;
  while ((k = fread(buf, 1, sizeof buf, f)) > 0) {
    mni_sha256_update(&s, buf, k);
    *bytes += (long long)k;
  }
  int bad = ferror(f);
  fclose(f);
  if (bad) return mni_fail(od->ctx, MN_E_IO, "%s/%s: cannot read back", od->dir, name);
  mni_sha256_hex(&s, hex);
  return MN_OK;
}

mn_status mni_outdir_manifest(mni_outdir *od, cJSON **out)
{
  *out = NULL;
  char(*names)[MNI_OUTDIR_NAME_MAX] = malloc(MNI_OUTDIR_MAX_FILES * sizeof *names);
  if (names == NULL) return mni_fail(od->ctx, MN_E_NOMEM, "manifest: out of memory");
  size_t n = 0;
  mn_status st = staged_files(od, names, &n);
  cJSON *m = cJSON_CreateObject(), *files = cJSON_CreateArray();
  if (st == MN_OK && (m == NULL || files == NULL))
    st = mni_fail(od->ctx, MN_E_NOMEM, "manifest: out of memory");
  mni_sha256 id;
  mni_sha256_init(&id);
  for (size_t i = 0; st == MN_OK && i < n; i++) {
    if (strcmp(names[i], od->summary) == 0) continue;
    long long bytes = 0;
    char hex[65];
    st = digest_file(od, names[i], &bytes, hex);
    if (st != MN_OK) break;
    char line[MNI_OUTDIR_NAME_MAX + 100];
    int k = snprintf(line, sizeof line, "%s %lld %s\n", names[i], bytes, hex);
    mni_sha256_update(&id, line, (size_t)k);
    cJSON *f = cJSON_CreateObject();
    if (f == NULL || !cJSON_AddItemToArray(files, f)) {
      cJSON_Delete(f);
      st = mni_fail(od->ctx, MN_E_NOMEM, "manifest: out of memory");
    } else if (cJSON_AddStringToObject(f, "name", names[i]) == NULL ||
               cJSON_AddNumberToObject(f, "bytes", (double)bytes) == NULL ||
               cJSON_AddStringToObject(f, "sha256", hex) == NULL) {
      st = mni_fail(od->ctx, MN_E_NOMEM, "manifest: out of memory");
    }
  }
  free(names);
  char run_id[65];
  mni_sha256_hex(&id, run_id);
  run_id[16] = '\0';
  if (st == MN_OK && cJSON_AddStringToObject(m, "run_id", run_id) == NULL)
    st = mni_fail(od->ctx, MN_E_NOMEM, "manifest: out of memory");
  if (st == MN_OK) {
    if (!cJSON_AddItemToObject(m, "files", files))
      st = mni_fail(od->ctx, MN_E_NOMEM, "manifest: out of memory");
    else
      files = NULL; /* m owns it */
  }
  char note[MNI_OUTDIR_NAME_MAX + 100];
  snprintf(note, sizeof note,
           "every file of this run but %s, which cannot hold its own checksum; sha256sum "
           "checks them",
           od->summary);
  if (st == MN_OK && cJSON_AddStringToObject(m, "note", note) == NULL)
    st = mni_fail(od->ctx, MN_E_NOMEM, "manifest: out of memory");
  cJSON_Delete(files);
  if (st != MN_OK) {
    cJSON_Delete(m);
    return st;
  }
  *out = m;
  return MN_OK;
}

static mn_status move_in(mni_outdir *od, const char *name)
{
  char from[4400], to[4400];
  snprintf(from, sizeof from, "%s/%s", od->stage, name);
  snprintf(to, sizeof to, "%s/%s", od->dir, name);
  if (rename(from, to) != 0)
    return mni_fail(od->ctx, MN_E_IO, "%s: cannot move into place: %s", to, strerror(errno));
  return MN_OK;
}

mn_status mni_outdir_commit(mni_outdir *od)
{
  char(*names)[MNI_OUTDIR_NAME_MAX] = malloc(MNI_OUTDIR_MAX_FILES * sizeof *names);
  if (names == NULL) return mni_fail(od->ctx, MN_E_NOMEM, "output: out of memory");
  size_t n = 0;
  mn_status st = staged_files(od, names, &n);
  int has_summary = 0;
  /* the summary last: once it is in place, every file its manifest lists is too */
  for (size_t i = 0; st == MN_OK && i < n; i++) {
    if (strcmp(names[i], od->summary) == 0)
      has_summary = 1;
    else
      st = move_in(od, names[i]);
  }
  if (st == MN_OK && has_summary) st = move_in(od, od->summary);
  /* the previous run's files that this run did not write would pass for this run's */
  for (size_t k = 0; st == MN_OK && k < od->n_old; k++) {
    int is_new = 0;
    for (size_t i = 0; i < n && !is_new; i++)
      is_new = strcmp(names[i], od->old[k]) == 0;
    if (is_new) continue;
    char p[4400];
    snprintf(p, sizeof p, "%s/%s", od->dir, od->old[k]);
    if (unlink(p) == 0) mni_log(od->ctx, MN_LOG_INFO, "removed %s of the previous run", p);
  }
  free(names);
  if (st != MN_OK) return st;
  rmdir(od->stage);
  /* the renames are durable only once the directory itself is on disk */
  int fd = open(od->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int e = fd < 0 ? errno : 0;
  if (fd >= 0 && fsync(fd) != 0) e = errno;
  if (fd >= 0) close(fd);
  if (e != 0 && e != EINVAL) /* EINVAL: a file system that cannot sync directories */
    return mni_fail(od->ctx, MN_E_IO, "%s: cannot sync the directory: %s", od->dir, strerror(e));
  return MN_OK;
}

void mni_outdir_end(mni_outdir *od)
{
  if (od->stage[0] != '\0') remove_tree(od->stage); /* after a commit: already gone */
  od->stage[0] = '\0';
  if (od->lock_fd >= 0) close(od->lock_fd); /* frees the lock */
  od->lock_fd = -1;
}
