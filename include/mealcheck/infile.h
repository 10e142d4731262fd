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

struct mc_input_limits; /* mealcheck/csv.h */

/**
 * One input as a front end has it: a file the user named (the command
 * line) or bytes received (a web upload: CSV text or an .xlsx workbook).
 * The loaders of recipe books, menus and alias tables take it, so that an
 * upload is read as a file would be, with the same messages, naming it as
 * the user knows it.  Zeroed: no input.
 */
struct mc_input {
    const char *path;        /**< the file ("book.xlsx#Sheet" chooses a sheet);
                                  NULL: the len bytes at data */
    const char *data;        /**< CSV text or .xlsx bytes, when path is NULL */
    size_t len;
    const char *name;        /**< what messages call it; NULL: path */
    const char *sheet;       /**< a workbook's sheet; NULL or "": the first
                                  (or the one path names after '#') */
    const struct mc_input_limits *limits; /**< what reading it may cost (a
                                  server's per request); NULL: the defaults */
};

/** 1 when in names a file or holds bytes, 0 when it is zeroed. */
int mc_input_given(const struct mc_input *in);

/** What messages call in: its name, else its path ("" when neither). */
const char *mc_input_name(const struct mc_input *in);

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

/** Record that the input named path holds more than max bytes, as
 * mc_infile_read_max() says it: MC_ERR_INPUT. */
mc_code mc_infile_too_large(const char *path, size_t max, struct mc_err *err);

#endif
