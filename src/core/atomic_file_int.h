/* Atomic output files: write to a temporary file beside the target, then rename it into place,
 * so that a reader never sees a half-written file under its final name, and a failed run
 * leaves none. */
#ifndef MNSIM_ATOMIC_FILE_INT_H
#define MNSIM_ATOMIC_FILE_INT_H

#include <stdio.h>

#include "core/core_int.h"

typedef struct mni_afile {
  FILE *f; /* write here between open and commit */
  int fd;  /* f's descriptor, kept for fsync (f may be a stream without one) */
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
/** Flush, fsync, close and rename into place; every step checked, so a file cut short by a full
 *  disk never takes its final name. On failure the temporary is removed and the message names
 *  the file and the system's reason ("No space left on device"). */
mn_status mni_afile_commit(mn_ctx *ctx, mni_afile *af);
/** Close and remove the temporary; safe to call on a committed or never-opened file. */
void mni_afile_abort(mni_afile *af);
/** For a writer whose fputs/fprintf/fwrite failed: the system's reason (errno, taken at once),
 *  the temporary removed, MN_E_IO with "PATH: write failed: REASON". */
mn_status mni_afile_fail(mn_ctx *ctx, mni_afile *af);
/** For files written by a library that opens them by name (PLplot, HDF5), before the rename:
 *  fsync tmp_path. MN_E_IO with final_path and the reason on failure. */
mn_status mni_afile_sync_path(mn_ctx *ctx, const char *tmp_path, const char *final_path);
/** Why a library that does not report write errors (PLplot) left tmp_path short: a write of a
 *  few kilobytes at its end is tried and its errno returned (ENOSPC on a full disk), 0 when it
 *  succeeds. */
int mni_afile_write_errno(const char *tmp_path);
/** path for messages: an output directory's staging folder ("DIR/.mnsim.stage.ID/NAME") is
 *  shown as the file's final name, "DIR/NAME". */
const char *mni_afile_shown(const char *path, char *buf, size_t size);
/** The files of a directory that start with '.' and hold ".tmp.PID." or are "PREFIX.PID-..."
 *  (prefix = ".mnsim.stage."): a temporary of process PID. Returns PID, or 0 when the name is
 *  not one of mnsim's temporaries. */
long mni_afile_temp_owner(const char *name);
/** Create a directory and its parents if missing (mode 0777 & ~umask). */
mn_status mni_mkdir_p(mn_ctx *ctx, const char *dir);

#endif /* MNSIM_ATOMIC_FILE_INT_H */
