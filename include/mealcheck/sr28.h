/*
 * sr28.h - a reader for USDA SR28's ASCII distribution format.
 *
 * USDA ships SR28 as text files with one record per line, fields separated
 * by '^', text fields wrapped in '~' ("~01001~^~0100~^0.85^^"), numeric
 * fields bare, and an empty field meaning "no value" (which is not zero).
 * Lines end in CRLF; a lone CR or LF is accepted as a line end too, and
 * blank lines are skipped.  Text is Windows-1252/Latin-1 (the µ of µg in
 * NUTR_DEF.txt, typographic quotes in FOOD_DES.txt); the reader hands out
 * UTF-8.
 *
 * Each record keeps its line number so that diagnostics read
 * "food_composition/usda-sr28/NUT_DATA.txt:12:3: ...", the column being the
 * field number (1 = the first field).
 *
 * @code
 *   struct mc_sr28 *r;
 *   if (mc_sr28_open("FD_GROUP.txt", &r, &err)) return err.code;
 *   while ((rc = mc_sr28_next(r, &err)) != 0)
 *       if (rc > 0) use(mc_sr28_field(r, 0), mc_sr28_field(r, 1));
 *   mc_sr28_close(r);
 * @endcode
 */
#ifndef MEALCHECK_SR28_H
#define MEALCHECK_SR28_H

#include <stddef.h>

#include "mealcheck/error.h"

struct mc_sr28;

/**
 * Open an SR28 file for streaming.  The file is read in blocks, so memory
 * does not grow with its size.  On failure *out is NULL and err says why
 * ("path: cannot open: No such file or directory"); the code is
 * MC_ERR_INPUT when the file does not exist (the caller named a wrong
 * path), MC_ERR_IO otherwise.
 */
mc_code mc_sr28_open(const char *path, struct mc_sr28 **out, struct mc_err *err);

/**
 * Read SR28 text from memory (copied; data may be NULL when len is 0);
 * name is used in diagnostics.
 */
mc_code mc_sr28_open_buffer(const char *name, const char *data, size_t len,
                            struct mc_sr28 **out, struct mc_err *err);

/** Close and free.  Accepts NULL. */
void mc_sr28_close(struct mc_sr28 *r);

/**
 * Advance to the next record.
 * @return 1 when a record was read; 0 at the end of the input; -1 when the
 *         line is malformed (an unterminated '~', text after a closing '~',
 *         a '~' inside a bare field) or could not be read.  The problem is
 *         recorded in err; after a malformed line the reader has moved past
 *         it, so the caller may go on to report further errors.
 */
int mc_sr28_next(struct mc_sr28 *r, struct mc_err *err);

/** Number of fields in the current record. */
size_t mc_sr28_nfields(const struct mc_sr28 *r);

/**
 * Field i of the current record as UTF-8 without its '~' quotes; "" when
 * the field is empty or i is past the end.  Valid until the next
 * mc_sr28_next() or mc_sr28_close().
 */
const char *mc_sr28_field(const struct mc_sr28 *r, size_t i);

/**
 * Field i as a number.  SR28 writes plain decimals ("81.11", "0", ".5").
 * @param what the field's name, for the message ("Nutr_Val")
 * @return 1 with *out set; 0 when the field is empty (no value: *out is
 *         untouched and nothing is recorded); -1 when it is not a number,
 *         recorded in err as "path:line:col: expected a number for
 *         Nutr_Val, found 'abc'".
 */
int mc_sr28_number(const struct mc_sr28 *r, size_t i, const char *what,
                   double *out, struct mc_err *err);

/** The 1-based line of the current record. */
long mc_sr28_line(const struct mc_sr28 *r);

/** The path or name given at open, for diagnostics. */
const char *mc_sr28_path(const struct mc_sr28 *r);

#endif
