/*
 * csv.h - a CSV reader that remembers where every field came from.
 *
 * Recipe books, menus, norm sets, cooking-loss profiles and local food
 * tables are all CSV files that people edit in spreadsheets, so the reader
 * accepts what spreadsheets write: a UTF-8 byte-order mark, CRLF or LF line
 * ends, quoted fields with embedded commas, quotes ("") and newlines, and
 * semicolons instead of commas when the first record has semicolons and no
 * comma (Excel's "CSV" where the decimal separator is a comma).  Text must
 * be UTF-8: opening a UTF-16 file, one with NUL bytes or with bytes that are
 * not UTF-8 (Windows-1251) fails with "path:line:col: ...; expected UTF-8
 * text".  Each record keeps its starting line so that diagnostics can say
 * "menus/week1.csv:14:3: ...", where the column is the field number (1 = the
 * first column, as a spreadsheet shows it).
 *
 * @code
 *   struct mc_csv *csv;
 *   if (mc_csv_open("menu.csv", &csv, &err)) return err.code;
 *   while ((rc = mc_csv_next(csv, &err)) > 0)
 *       printf("%s\n", mc_csv_field(csv, 0));
 *   mc_csv_close(csv);
 * @endcode
 */
#ifndef MEALCHECK_CSV_H
#define MEALCHECK_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "mealcheck/error.h"

struct mc_csv;

/**
 * Open a file for reading and check its encoding.  On failure *out is NULL
 * and err says why: MC_ERR_INPUT for what the user can fix (a missing or
 * unreadable file, a directory, a bad encoding), MC_ERR_IO for an I/O error.
 */
mc_code mc_csv_open(const char *path, struct mc_csv **out, struct mc_err *err);

/** What reading one input may cost, CSV and .xlsx alike: a server sets it
 *  for each request.  0 in a field is its default. */
struct mc_input_limits {
    size_t max_bytes; /**< bytes of the file (default and at most
                           MC_INFILE_MAX), and bytes unpacked from a
                           workbook's parts (default MC_XLSX_MAX_BYTES) */
    size_t max_rows;  /**< records below the header (default: no limit) */
    size_t max_cells; /**< fields of all records, cells stored of a sheet
                           (default MC_XLSX_MAX_CELLS for a sheet, no limit
                           for CSV, whose fields its bytes bound) */
};

/**
 * mc_csv_open() within limits (NULL: the defaults).  Past a limit,
 * opening fails ("menu.csv: larger than 100000 bytes, the most an input
 * file may hold", "menu.xlsx[Меню]:130: more than 5000 cells; mealcheck
 * reads at most 5000 cells of a sheet") or mc_csv_next() returns -1 with
 * "menu.csv:2002: more than 2000 rows below the header; mealcheck reads at
 * most 2000 rows of this file" (or "more than 5000 cells" for CSV).
 */
mc_code mc_csv_open_limited(const char *path, const struct mc_input_limits *limits,
                            struct mc_csv **out, struct mc_err *err);

struct mc_input; /* mealcheck/infile.h */

/**
 * mc_csv_open_limited() of an input that is a file or bytes in memory
 * (in->limits; a workbook's sheet by in->sheet or path's '#'), named in
 * messages as in->name says: "week1.xlsx[Меню]:3:4: ...".
 */
mc_code mc_csv_open_input(const struct mc_input *in, struct mc_csv **out,
                          struct mc_err *err);

/**
 * Read CSV from memory (copied; data may be NULL when len is 0); name is
 * used in diagnostics.
 * Useful for tests and for data that is not in a file.
 */
mc_code mc_csv_open_buffer(const char *name, const char *data, size_t len,
                           struct mc_csv **out, struct mc_err *err);

/**
 * Check that len bytes of text, starting at line of the file name, are
 * UTF-8 as mc_csv_open() requires, for text read outside the CSV reader
 * (the metadata lines of a norm set).
 * @return MC_OK, or MC_ERR_INPUT recorded as "name:line:col: ...; expected
 *         UTF-8 text ..."
 */
mc_code mc_csv_check_text(const char *name, long line, const char *text,
                          size_t len, struct mc_err *err);

/** Close and free.  Accepts NULL. */
void mc_csv_close(struct mc_csv *csv);

/**
 * Advance to the next record.  Records whose fields are all empty (blank
 * lines) are skipped.
 * @return 1 when a record was read, 0 at end of input, -1 on a syntax error
 *         (an unterminated quote), recorded in err.
 */
int mc_csv_next(struct mc_csv *csv, struct mc_err *err);

/** At least the number of records left to read (the line ends left, plus
 * one): for sizing an array before reading them. */
size_t mc_csv_rows_left(const struct mc_csv *csv);

/** Number of fields in the current record. */
size_t mc_csv_nfields(const struct mc_csv *csv);

/**
 * Field i of the current record, with surrounding spaces and tabs removed
 * from unquoted fields; "" when i is past the end.  Valid until the next
 * mc_csv_next() or mc_csv_close().
 */
const char *mc_csv_field(const struct mc_csv *csv, size_t i);

/**
 * Read the header record and find the named columns in it: cols[i] is the
 * field index of names[i], or -1 when the header lacks it.  A column is
 * also found by its Russian or Kazakh technological-card header, any case,
 * with or without a unit in grams ("Брутто, г" is gross_g, "Блюдо" is
 * recipe or dish, "Выход" yield_g or portion_g, whichever names holds; the
 * list is in docs/formats.md).  An empty file
 * is an error "path: empty file: expected a header row with <expected>".
 * So is a header cell that looks like a misspelling of a column it lacks:
 * one edit or one swap of neighbouring letters away ("dsh", "dya"), or the
 * name without its unit suffix ("portion" for "portion_g"): "path:1:5: unknown column 'portion'; expected
 * 'portion_g'".  Checking which columns are required is left to the caller.
 * After it, mc_csv_next() records (and still returns) a record with a
 * value past the header's last column: "path:3:6: 'whole' is past the
 * last column of the header (5); expected a value with a ',' in it to be
 * quoted".
 * names must not change while the program runs (a static array): each
 * thread keeps the columns of the last header read without a problem for
 * the same names array, so that the next file with the same header (an
 * audit's thousands of menus) is not searched again.
 * @return MC_OK, or the code recorded in err.
 */
mc_code mc_csv_header(struct mc_csv *csv, const char *const *names, int n,
                      int *cols, const char *expected, struct mc_err *err);

/** A header a person may write for a column that a file reads under
 * another name: "portions" for portion_g.  Read as it is, it would be
 * ignored and the result computed without it. */
struct mc_csv_lookalike {
    const char *header;  /**< the header cell, lowercase, blanks and '-' as
                              '_': "portions", "portion_size" */
    int column;          /**< index in names of the column it stands for */
    const char *meaning; /**< what that column holds: "grams served" */
};

/**
 * Account for every cell of the header that mc_csv_header() just read (it
 * must still be the current record), so that no column is ignored
 * unseen.  A cell that is a lookalike of a column the header lacks is an
 * error "path:1:5: column 'portions' is not read; expected 'portion_g'
 * (grams served)"; any other cell that is not one of names is a warning
 * (mc_err_warn_at) "path:1:6: column 'price' is not read: mealcheck reads
 * week, day, ... (free text goes in a column 'note')".  Empty cells and a
 * column 'note' (free text for people, in every format) are skipped.
 * A Russian or Kazakh header with a unit in kilograms ("Брутто, кг") is
 * an error: "column 'Брутто, кг' is not read: weights are read in grams;
 * expected 'Брутто, г' or 'gross_g'"; any other header with a byte past
 * ASCII gets the Russian and Kazakh headers read in its warning.
 * @param read  receives the columns read, in the file's order, as the
 *              header writes them, a synonym followed by the column it
 *              was read as ("Брутто, г (gross_g)"): a NULL-terminated
 *              array in one block (one free() frees it); NULL on failure
 * @return MC_OK, or the code recorded in err.
 */
mc_code mc_csv_header_unread(const struct mc_csv *csv, const char *const *names,
                             int n, const int *cols,
                             const struct mc_csv_lookalike *like, size_t n_like,
                             char ***read, struct mc_err *err);

/** The 1-based line where the current record starts. */
long mc_csv_line(const struct mc_csv *csv);

/** The path or name given at open, for diagnostics. */
const char *mc_csv_path(const struct mc_csv *csv);

/**
 * Index of the column named name in the current record (normally the
 * header), compared case-insensitively; -1 when absent.
 */
int mc_csv_find(const struct mc_csv *csv, const char *name);

/**
 * Parse a decimal number as people type it: surrounding spaces allowed, a
 * decimal comma accepted ("12,5" = 12.5), and digits grouped by thousands
 * with a space or no-break space as Russian spreadsheets write them
 * ("1 000,5" = 1000.5; "12 5" is refused).  Rejects empty text, trailing
 * garbage, NaN and infinities.
 * @return 1 on success (*out set), 0 otherwise.
 */
int mc_parse_number(const char *text, double *out);

/** The largest quantity mc_csv_number() accepts: ten tonnes in grams, ten
 * million servings.  Anything larger is a typing slip, and keeps sums far
 * from overflow. */
#define MC_CSV_NUMBER_MAX 1e7

/**
 * Read field i of the current record as a quantity: a number >= 0, or > 0
 * when positive is set, and at most MC_CSV_NUMBER_MAX.  i < 0 (a column the file does not have) reads as
 * an empty field.  A bad number is recorded in err as
 * "path:line:col: <name>: expected a positive number, got '12g'", or
 * "...: expected a positive number up to 10000000, got '1e300'".
 * @param name  the column's name, for the message
 * @return 1 with *out set; 0 for an empty field (*out NAN); -1 for a bad
 *         number, with *out = -1 so that later checks can tell a value
 *         that was already reported from a missing one.
 */
int mc_csv_number(const struct mc_csv *csv, int i, const char *name,
                  int positive, double *out, struct mc_err *err);

/** mc_csv_write_field() flags. */
enum {
    /** Text a spreadsheet would run as a formula (it starts with = + - @,
     *  a tab or a carriage return and is not a plain number such as "-5")
     *  is written as "'=..." so that a spreadsheet shows it and never runs
     *  it: for files people open.  Without it the text is written as it
     *  is, for files mealcheck reads back. */
    MC_CSV_FORMULA_SAFE = 1
};

/**
 * Write s as one CSV field: as it is, or in double quotes (inner quotes
 * doubled) when it holds sep, a comma, a quote or a line break, or when
 * MC_CSV_FORMULA_SAFE neutralises it.
 * @param sep    the field separator the file uses: ',' ';' or '\t'
 * @param flags  0 or MC_CSV_FORMULA_SAFE
 */
void mc_csv_write_field(FILE *f, const char *s, char sep, unsigned flags);

#endif
