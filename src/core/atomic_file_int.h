/* Atomic output files: write to a temporary file beside the target, then rename it into place,
 * so that a reader never sees a half-written file under its final name, and a failed run
 * leaves none. */
#ifndef MNSIM_ATOMIC_FILE_INT_H
#define MNSIM_ATOMIC_FILE_INT_H

#include <stdio.h>

#include "core/core_int.h"

typedef struct mni_afile {
  FILE *f;                      /* write here between open and commit */
  char final_path[4096];
  char tmp_path[4096];
} mni_afile;

/** Open dir/name for writing (through a new temporary "dir/.name.tmp.PID.N.NS", mode 0666 less the umask). */
mn_status mni_afile_open(mn_ctx *ctx, const char *dir, const char *name, mni_afile *af);
/** For writers that open files by name (PLplot, HDF5): create the temporary of dir/name with
 *  the output permissions and return both paths; the caller writes tmp_path, then renames it
 *  to final_path or unlinks it. */
mn_status mni_afile_reserve(mn_ctx *ctx, const char *dir, const char *name, char *final_path,
                            char *tmp_path, size_t path_size);
/** Flush, close and rename into place. On failure the temporary is removed. */
mn_status mni_afile_commit(mn_ctx *ctx, mni_afile *af);
/** Close and remove the temporary; safe to call on a committed or never-opened file. */
void mni_afile_abort(mni_afile *af);
/** Create a directory and its parents if missing (mode 0777 & ~umask). */
mn_status mni_mkdir_p(mn_ctx *ctx, const char *dir);

#endif /* MNSIM_ATOMIC_FILE_INT_H */
