/* A study with -o DIR survives being killed: DIR/.resume/ holds the run's settings (run.txt:
 * the command and the options that make its rows, one a line; scenario.yaml: the base scenario)
 * and one file per finished chunk of rows (rows_<first>.bin: their inputs, results, statuses and
 * messages, bit for bit), each written under a temporary name and renamed into place, so a chunk
 * file is whole or absent: the directory is the index of what is done. `mnsim population|sweep|
 * sensitivity --resume DIR` reads the settings and the chunks back, runs the chunks that are
 * missing (the library's checkpoint, mn_study_set_checkpoint), and writes the same files as a
 * run that was never killed; the directory .resume is removed once they are written. */
#define _POSIX_C_SOURCE 200809L
#include "study_resume.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC "mnsim rows 1\n"

static void resume_path(char *buf, size_t n, const char *outdir, const char *name)
{
  snprintf(buf, n, "%s/.resume%s%s", outdir, name[0] != '\0' ? "/" : "", name);
}

/* mkdir -p of outdir/.resume. */
static int make_dirs(const char *outdir)
{
  char path[4096];
  snprintf(path, sizeof path, "%s", outdir);
  for (char *p = path + 1; *p != '\0'; p++)
    if (*p == '/') {
      *p = '\0';
      if (mkdir(path, 0777) != 0 && errno != EEXIST) return -1;
      *p = '/';
    }
  if (mkdir(path, 0777) != 0 && errno != EEXIST) return -1;
  resume_path(path, sizeof path, outdir, "");
  if (mkdir(path, 0777) != 0 && errno != EEXIST) return -1;
  return 0;
}

/* Write data to outdir/.resume/name through a temporary and a rename. */
static int write_atomic(const char *outdir, const char *name, const void *data, size_t len)
{
  char final[4096], tmp[4160];
  resume_path(final, sizeof final, outdir, name);
  snprintf(tmp, sizeof tmp, "%s.tmp.%ld", final, (long)getpid());
  FILE *f = fopen(tmp, "wb");
  if (f == NULL) return -1;
  bool ok = fwrite(data, 1, len, f) == len;
  ok = (fflush(f) == 0) && ok;
  ok = (fsync(fileno(f)) == 0) && ok;
  ok = (fclose(f) == 0) && ok;
  if (!ok || rename(tmp, final) != 0) {
    unlink(tmp);
    return -1;
  }
  return 0;
}

/* run.txt: "command C", then "n N", "seed S", "method M" when given and "vary TEXT" for each
 * --vary, in order. */
static int save_settings(mn_ctx *ctx, const study_cli_opts *o, const mn_scenario *s)
{
  const char *dir = o->outdir;
  if (make_dirs(dir) != 0) {
    mn_cli_error("%s: cannot make %s/.resume: %s", o->command, dir, strerror(errno));
    return MN_EXIT_FAILED; /* an output that cannot be written, as for mnsim run -o */
  }
  size_t cap = 256;
  for (int k = 0; k < o->n_varies; k++)
    cap += strlen(o->varies[k]) + 8;
  if (o->method != NULL) cap += strlen(o->method);
  char *run = malloc(cap), *yaml = NULL;
  if (run == NULL) return MN_EXIT_FAILED;
  size_t len = (size_t)snprintf(run, cap, "command %s\n", o->command);
  if (o->n >= 0) len += (size_t)snprintf(run + len, cap - len, "n %lld\n", o->n);
  if (o->patients >= 0)
    len += (size_t)snprintf(run + len, cap - len, "patients %lld\n", o->patients);
  if (o->has_seed) len += (size_t)snprintf(run + len, cap - len, "seed %" PRIu64 "\n", o->seed);
  if (o->method != NULL) len += (size_t)snprintf(run + len, cap - len, "method %s\n", o->method);
  for (int k = 0; k < o->n_varies; k++)
    len += (size_t)snprintf(run + len, cap - len, "vary %s\n", o->varies[k]);
  if (mn_scenario_to_yaml(ctx, s, &yaml) != MN_OK) {
    free(run);
    mn_cli_error("%s", mn_ctx_errmsg(ctx));
    return MN_EXIT_FAILED;
  }
  int bad = write_atomic(dir, "scenario.yaml", yaml, strlen(yaml)) != 0 ||
            write_atomic(dir, "run.txt", run, len) != 0;
  mn_string_free(ctx, yaml);
  free(run);
  if (bad) {
    mn_cli_error("%s: cannot write the resume files in %s/.resume: %s", o->command, dir,
                 strerror(errno));
    return MN_EXIT_FAILED;
  }
  return MN_EXIT_OK;
}

/* Read run.txt and scenario.yaml back into *o and *s; the --vary texts point into r->settings. */
static int load_settings(mn_ctx *ctx, study_cli_opts *o, mn_scenario *s, study_resume *r)
{
  const char *dir = o->resume;
  char path[4096];
  resume_path(path, sizeof path, dir, "run.txt");
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    mn_cli_error("%s: --resume %s: no interrupted run there (%s: %s)", o->command, dir, path,
                 strerror(errno));
    return MN_EXIT_USAGE;
  }
  r->settings = calloc(1, 65536);
  size_t n = r->settings != NULL ? fread(r->settings, 1, 65535, f) : 0;
  fclose(f);
  if (r->settings == NULL) return MN_EXIT_FAILED;
  r->settings[n] = '\0';
  bool ok = strncmp(r->settings, "command ", 8) == 0;
  char *save = NULL;
  for (char *line = strtok_r(r->settings, "\n", &save); ok && line != NULL;
       line = strtok_r(NULL, "\n", &save)) {
    char *v = strchr(line, ' ');
    ok = v != NULL;
    if (!ok) break;
    *v++ = '\0';
    char *end = NULL;
    if (strcmp(line, "command") == 0 && strcmp(v, o->command) != 0) {
      mn_cli_error("%s: --resume %s holds an interrupted '%s', not a '%s': resume it with "
                   "'mnsim %s --resume %s'",
                   o->command, dir, v, o->command, v, dir);
      return MN_EXIT_USAGE;
    } else if (strcmp(line, "n") == 0) {
      o->n = strtoll(v, &end, 10);
      ok = *end == '\0' && o->n >= 1;
    } else if (strcmp(line, "patients") == 0) {
      o->patients = strtoll(v, &end, 10);
      ok = *end == '\0' && o->patients >= 1;
    } else if (strcmp(line, "seed") == 0) {
      o->seed = strtoull(v, &end, 10);
      o->has_seed = true;
      ok = *end == '\0';
    } else if (strcmp(line, "method") == 0) {
      o->method = v;
    } else if (strcmp(line, "vary") == 0) {
      ok = o->n_varies < STUDY_CLI_MAX_VARIES;
      if (ok) o->varies[o->n_varies++] = v;
    } else {
      ok = strcmp(line, "command") == 0;
    }
  }
  if (!ok) {
    mn_cli_error("%s: --resume %s: %s is damaged", o->command, dir, path);
    return MN_EXIT_USAGE;
  }
  resume_path(path, sizeof path, dir, "scenario.yaml");
  mn_status st = mn_scenario_load_file(ctx, path, s);
  if (st == MN_OK) st = mn_scenario_validate(ctx, s);
  if (st != MN_OK) {
    mn_cli_error("%s", mn_ctx_errmsg(ctx));
    return MN_EXIT_USAGE;
  }
  return MN_EXIT_OK;
}

static int save_chunk(const char *outdir, const mn_study *st, size_t first, size_t last)
{
  size_t n_in = mn_study_input_count(st), n_out = mn_study_output_count();
  size_t cap = strlen(MAGIC) + 5 * 8 + (last - first) * ((n_in + n_out) * 8 + 8 + 256);
  unsigned char *buf = malloc(cap), *p = buf;
  if (buf == NULL) return -1;
  memcpy(p, MAGIC, strlen(MAGIC));
  p += strlen(MAGIC);
  uint64_t head[5] = {first, last, n_in, n_out, 0};
  memcpy(p, head, sizeof head);
  p += sizeof head;
  for (size_t i = first; i < last; i++) {
    const char *msg = NULL;
    int32_t status = (int32_t)mn_study_row_status(st, i, &msg);
    uint32_t len = (uint32_t)strnlen(msg, 255);
    memcpy(p, mn_study_inputs(st, i), n_in * sizeof(double));
    p += n_in * sizeof(double);
    memcpy(p, mn_study_outputs(st, i), n_out * sizeof(double));
    p += n_out * sizeof(double);
    memcpy(p, &status, 4);
    memcpy(p + 4, &len, 4);
    memcpy(p + 8, msg, len);
    p += 8 + len;
  }
  char name[64];
  snprintf(name, sizeof name, "rows_%012zu.bin", first);
  int rc = write_atomic(outdir, name, buf, (size_t)(p - buf));
  free(buf);
  return rc;
}

static int load_chunk(mn_ctx *ctx, const char *outdir, mn_study *st, size_t first, size_t last)
{
  char path[4096], name[64];
  snprintf(name, sizeof name, "rows_%012zu.bin", first);
  resume_path(path, sizeof path, outdir, name);
  FILE *f = fopen(path, "rb");
  if (f == NULL) return 0; /* not done yet */
  size_t n_in = mn_study_input_count(st), n_out = mn_study_output_count();
  char magic[sizeof MAGIC];
  uint64_t head[5];
  bool ok = fread(magic, 1, strlen(MAGIC), f) == strlen(MAGIC) &&
            memcmp(magic, MAGIC, strlen(MAGIC)) == 0 && fread(head, sizeof head, 1, f) == 1 &&
            head[0] == first && head[1] == last && head[2] == n_in && head[3] == n_out;
  double in[64], out[64];
  for (size_t i = first; ok && i < last; i++) {
    int32_t status = 0;
    uint32_t len = 0;
    char msg[256];
    ok = n_in <= 64 && n_out <= 64 && fread(in, sizeof(double), n_in, f) == n_in &&
         fread(out, sizeof(double), n_out, f) == n_out && fread(&status, 4, 1, f) == 1 &&
         fread(&len, 4, 1, f) == 1 && len < sizeof msg && fread(msg, 1, len, f) == len;
    if (!ok) break;
    msg[len] = '\0';
    ok = mn_study_set_row(ctx, st, i, in, out, (int)status, msg) == MN_OK;
  }
  fclose(f);
  if (!ok) {
    mn_cli_error("--resume: %s is damaged (delete it to run its rows again)", path);
    return -1;
  }
  return 1;
}

static void remove_resume_dir(const char *outdir)
{
  char path[4096];
  resume_path(path, sizeof path, outdir, "");
  DIR *d = opendir(path);
  if (d == NULL) return;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    char file[4400];
    snprintf(file, sizeof file, "%s/%s", path, e->d_name);
    unlink(file);
  }
  closedir(d);
  rmdir(path);
}

/* ---- The checkpoint of the context's studies ------------------------------------------------- */

static int checkpoint_load(void *ud, mn_study *st, size_t first, size_t last)
{
  study_resume *r = ud;
  if (!r->is_resuming) return 0; /* a fresh run: an earlier run's chunks may not be gone yet */
  int got = load_chunk(r->ctx, r->dir, st, first, last);
  if (got < 0) r->is_reported = true;
  return got;
}

static int checkpoint_save(void *ud, mn_study *st, size_t first, size_t last)
{
  study_resume *r = ud;
  if (!r->is_writer) return 0; /* rank 0 saves for every rank */
  if (save_chunk(r->dir, st, first, last) == 0) return 0;
  mn_cli_error("cannot save rows %zu to %zu in %s/.resume", first, last - 1, r->dir);
  r->is_reported = true;
  return -1;
}

int study_resume_begin(mn_ctx *ctx, study_cli_opts *o, int rank, mn_scenario *s, study_resume *r)
{
  *r = (study_resume){.ctx = ctx, .is_writer = rank == 0};
  int rc = MN_EXIT_OK;
  if (o->resume != NULL) {
    r->is_resuming = true;
    rc = load_settings(ctx, o, s, r);
  } else {
    rc = study_cli_scenario(ctx, o, s);
    if (rc == MN_EXIT_OK && mn_cli_stop_before_work) return rc; /* the fuzz target: no files */
    if (rc == MN_EXIT_OK && o->outdir != NULL && r->is_writer) {
      remove_resume_dir(o->outdir); /* a fresh run: what an earlier killed run left is dropped */
      rc = save_settings(ctx, o, s);
    }
  }
  r->dir = o->resume != NULL ? o->resume : o->outdir;
  if (rc != MN_EXIT_OK || r->dir == NULL) return rc;
  /* Every rank runs the same chunks (each ends with a collective share of its rows). */
  mn_status st = mn_study_set_checkpoint(ctx, 0, checkpoint_load, checkpoint_save, r);
  if (st != MN_OK) {
    mn_cli_error("%s", mn_ctx_errmsg(ctx));
    return MN_EXIT_FAILED;
  }
  return MN_EXIT_OK;
}

void study_resume_finish(study_resume *r)
{
  if (r->dir != NULL && r->is_writer) remove_resume_dir(r->dir);
}

void study_resume_end(study_resume *r)
{
  if (r->ctx != NULL) mn_study_set_checkpoint(r->ctx, 0, NULL, NULL, NULL);
  free(r->settings);
  r->settings = NULL;
}
