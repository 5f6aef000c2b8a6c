/* An output directory as a unit (mn_result_write, the studies' writers): a run's files are
 * staged in a hidden folder of the directory, DIR/.mnsim.stage.PID-N, then renamed into place
 * one by one, the summary (summary.json; population.json, sweep.json, sensitivity.json) last,
 * and the directory fsynced. The summary holds the manifest of the others. While a run writes it holds DIR/.mnsim.lock, so under the
 * lock every temporary of a process that is gone (a run killed with -9) is removed. The files
 * the previous run's manifest lists and this run did not write are removed after the renames,
 * so the directory afterwards holds this run's files and files mnsim never wrote. */
#ifndef MNSIM_OUTPUT_OUTDIR_INT_H
#define MNSIM_OUTPUT_OUTDIR_INT_H

#include <cjson/cJSON.h>

#include "core/core_int.h"

#define MNI_OUTDIR_MAX_FILES 128
#define MNI_OUTDIR_NAME_MAX  128

typedef struct mni_outdir {
  mn_ctx *ctx;
  char dir[4096];   /* the output directory */
  char stage[4200]; /* DIR/.mnsim.stage.PID-N: this run's files until the commit */
  char summary[64]; /* the file that holds the manifest, moved in last */
  int lock_fd;      /* holds the lock on DIR/.mnsim.lock; -1: none */
  size_t n_old;     /* files of the previous run (its manifest), its summary included */
  char old[MNI_OUTDIR_MAX_FILES][MNI_OUTDIR_NAME_MAX];
} mni_outdir;

/** Create DIR if missing, take its lock (waiting for another run), remove the temporaries of
 *  dead processes, read the previous run's manifest and make the staging folder. On failure
 *  nothing is held (mni_outdir_end is still safe). */
mn_status mni_outdir_begin(mn_ctx *ctx, const char *dir, const char *summary, mni_outdir *od);
/** The manifest of the files staged so far (every file but the summary, which cannot hold its
 *  own checksum), sorted by name: {"run_id", "files": [{"name", "bytes", "sha256"}], "note"}.
 *  run_id is the first 16 hex digits of the SHA-256 of the file list (name, bytes, sha256 per
 *  line): the same files give the same id, any other file set another. */
mn_status mni_outdir_manifest(mni_outdir *od, cJSON **out);
/** Move every staged file into DIR (the summary last), remove the previous run's files this run
 *  did not write, fsync DIR. Not cancellable: it is a few renames. */
mn_status mni_outdir_commit(mni_outdir *od);
/** Remove what is left of the staging folder (all of it unless committed) and free the lock. */
void mni_outdir_end(mni_outdir *od);

#endif /* MNSIM_OUTPUT_OUTDIR_INT_H */
