/*
 * infile.h - read an input file whole, safely.
 *
 * Every file mealcheck reads as input (recipe books, menus, audit
 * manifests, norm sets, food sets, cooking profiles; CSV or .xlsx, and
 * what the server reads of them) comes through here, so that one place
 * refuses what would hang or exhaust the process: a FIFO, a device
 * (/dev/zero) or a socket, and a file larger than MC_INFILE_MAX.
 */
#ifndef MEALCHECK_INFILE_H
#define MEALCHECK_INFILE_H

#include <stddef.h>

#include "mealcheck/error.h"

/** The largest input file read: 64 MiB, far above any menu or recipe book
 * (a 600,000-row menu is 1.7 MB) and far below what would exhaust memory. */
#define MC_INFILE_MAX_MIB 64
#define MC_INFILE_MAX ((size_t)MC_INFILE_MAX_MIB << 20)

/**
 * Read the regular file path into *buf, NUL-terminated (*len without the
 * NUL; free *buf).  The file is opened without blocking, so a FIFO with no
 * writer is refused at once instead of waiting for one.
 * @return MC_OK; MC_ERR_INPUT for what the user can fix: "path: cannot
 *         open: No such file or directory" (also permission, ENOTDIR),
 *         "path: is a directory; expected a CSV file", "path: not a regular
 *         file (a pipe, a device or a socket); expected a CSV file or an
 *         .xlsx workbook", "path: larger than 64 MiB, the most an input file
 *         may hold"; MC_ERR_IO, MC_ERR_NOMEM.  On failure *buf is NULL and
 *         errno is that of a failed open (ENOENT for a missing file).
 */
mc_code mc_infile_read(const char *path, char **buf, size_t *len, struct mc_err *err);

/**
 * Open the regular file path for reading, refusing at once what
 * mc_infile_read() refuses but its size, for a reader that streams a file
 * too large to hold (SR28's NUT_DATA.txt): *fd is the open descriptor
 * (close it), -1 on failure.
 * @return as mc_infile_read()
 */
mc_code mc_infile_open(const char *path, int *fd, struct mc_err *err);

/**
 * As mc_infile_read(), refusing a file larger than max bytes (0, or more
 * than MC_INFILE_MAX: MC_INFILE_MAX): "path: larger than 1000 bytes, the most an
 * input file may hold" (a whole number of MiB is written "64 MiB").
 */
mc_code mc_infile_read_max(const char *path, size_t max, char **buf, size_t *len,
                           struct mc_err *err);

#endif
