/*
 * tempfile.h - write a file atomically: a temporary file beside the target,
 * synced and renamed over it only when complete (private to the library).
 *
 * The database build and the Excel report both promise that an error or an
 * interruption never leaves a half-written file where the user expects a
 * whole one; this is the one place that keeps that promise.  While a
 * temporary file exists, SIGINT, SIGTERM and SIGHUP (unless ignored)
 * remove it before the process dies of the signal as it would have.  A
 * process killed outright (SIGKILL, a power cut) cannot: its file carries
 * its pid, and the next mc_tempfile_create() for the same target removes
 * the files of that pattern whose process is gone.
 */
#ifndef MEALCHECK_TEMPFILE_H
#define MEALCHECK_TEMPFILE_H

#include "mealcheck/error.h"

/** A temporary file on its way to becoming target. */
struct mc_tempfile {
    char *target; /**< the final path */
    char *path;   /**< "<target>.tmp-<pid>-XXXXXX": write here */
    int slot;     /**< 1 + its index in the list a signal cleans, 0 if none */
};

/**
 * Create an empty temporary file beside target (first removing the stale
 * ones of processes that are gone), with the permissions the
 * user's umask gives a new file (mkstemp alone would make it private).
 * What the user can fix is MC_ERR_INPUT: a target that is a directory
 * ("<target>: is a directory; expected a file name"), a missing folder, no
 * permission, a read-only file system ("<target>: cannot write: ...").
 */
mc_code mc_tempfile_create(struct mc_tempfile *t, const char *target,
                           struct mc_err *err);

/** Sync the temporary file to disk, rename it over the target and sync
 * the folder, so that the rename itself survives a power cut.  A failure
 * to sync the folder is reported (MC_ERR_IO) though the target is then
 * already in place. */
mc_code mc_tempfile_commit(struct mc_tempfile *t, struct mc_err *err);

/**
 * Remove the temporary file if it is still there and free the names.
 * Call it on every path, after a commit too.  Accepts a zeroed struct.
 */
void mc_tempfile_release(struct mc_tempfile *t);

#endif
