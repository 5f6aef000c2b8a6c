/* A population with -o DIR survives being killed: DIR/.resume/ holds the run's settings
 * (run.txt: patients and seed; scenario.yaml: the base scenario) and one file per finished
 * chunk of patients (rows_<first>.bin: their inputs, results, statuses and messages, bit for
 * bit), each written under a temporary name and renamed into place, so a chunk file is whole
 * or absent: the directory is the index of what is done. `mnsim population --resume DIR` reads
 * the settings and the chunks back, runs the chunks that are missing, and writes the same files
 * as a run that was never killed; the directory .resume is removed once they are written. */
#define _POSIX_C_SOURCE 200809L
#include "population_resume.h"

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

int resume_save_settings(mn_ctx *ctx, const char *outdir, const mn_scenario *s, size_t n,
                         uint64_t seed)
{
  if (make_dirs(outdir) != 0) {
    mn_cli_error("population: cannot make %s/.resume: %s", outdir, strerror(errno));
    return MN_EXIT_FAILED; /* an output that cannot be written, as for mnsim run -o */
  }
  char *yaml = NULL;
  if (mn_scenario_to_yaml(ctx, s, &yaml) != MN_OK) {
    mn_cli_error("%s", mn_ctx_errmsg(ctx));
    return MN_EXIT_FAILED;
  }
  char run[128];
  int len = snprintf(run, sizeof run, "patients %zu\nseed %" PRIu64 "\n", n, seed);
  int bad = write_atomic(outdir, "scenario.yaml", yaml, strlen(yaml)) != 0 ||
            write_atomic(outdir, "run.txt", run, (size_t)len) != 0;
  mn_string_free(ctx, yaml);
  if (bad) {
    mn_cli_error("population: cannot write the resume files in %s/.resume: %s", outdir,
                 strerror(errno));
    return MN_EXIT_FAILED;
  }
  return MN_EXIT_OK;
}

int resume_load_settings(mn_ctx *ctx, const char *outdir, mn_scenario *s, size_t *n,
                         uint64_t *seed)
{
  char path[4096];
  resume_path(path, sizeof path, outdir, "run.txt");
  FILE *f = fopen(path, "r");
  unsigned long long nn = 0;
  uint64_t sd = 0;
  if (f == NULL) {
    mn_cli_error("population: --resume %s: no interrupted run there (%s: %s)", outdir, path,
                 strerror(errno));
    return MN_EXIT_USAGE;
  }
  int got = fscanf(f, "patients %llu seed %" SCNu64, &nn, &sd);
  fclose(f);
  if (got != 2 || nn < 1) {
    mn_cli_error("population: --resume %s: %s is damaged", outdir, path);
    return MN_EXIT_USAGE;
  }
  resume_path(path, sizeof path, outdir, "scenario.yaml");
  if (mn_scenario_load_file(ctx, path, s) != MN_OK) {
    mn_cli_error("%s", mn_ctx_errmsg(ctx));
    return MN_EXIT_USAGE;
  }
  *n = (size_t)nn;
  *seed = sd;
  return MN_EXIT_OK;
}

int resume_save_chunk(const char *outdir, const mn_study *st, size_t first, size_t last)
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

int resume_load_chunk(mn_ctx *ctx, const char *outdir, mn_study *st, size_t first, size_t last)
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
    mn_cli_error("population: --resume: %s is damaged (delete it to run its patients again)",
                 path);
    return -1;
  }
  return 1;
}

void resume_finish(const char *outdir)
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
