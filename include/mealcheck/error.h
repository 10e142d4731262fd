/*
 * error.h - errors as values: a result code plus the messages that explain it.
 *
 * Library functions never print and never exit.  A function that can fail
 * returns an mc_code and, when it fails, appends one or more human-readable
 * messages to a caller-owned struct mc_err.  The command-line front end
 * prints those messages once, at the edge, and maps the code to an exit
 * status.  Parsers that can go on after a bad line record every problem (up
 * to MC_ERR_LIMIT) so that a user fixes a file in one pass, not one error at
 * a time.
 *
 * Each message is kept as a record (struct mc_diag: severity, code, file,
 * sheet, line, column, message), as SQLite keeps sqlite3_errmsg() apart from
 * sqlite3_error_offset(): a front end formats, relabels or serialises the
 * fields and never edits text.
 *
 * Warnings travel in the same struct: a warning is a message about input
 * that was accepted but may not mean what its author thinks (a column
 * mealcheck does not read).  It does not fail anything: it is kept apart
 * from the errors, leaves code and count alone, and the front end prints
 * it as "mealcheck: warning: ..." whether the call succeeded or not.
 *
 * Message style: lowercase, no trailing full stop, input location first in
 * compiler form:  "menus/week1.csv:14:3: unknown food '10234'".
 */
#ifndef MEALCHECK_ERROR_H
#define MEALCHECK_ERROR_H

#include <stddef.h>

/** Result codes.  MC_OK is 0 so that `if (rc)` reads as "if it failed". */
typedef enum mc_code {
    MC_OK = 0,
    MC_ERR_USAGE,     /**< bad command-line arguments */
    MC_ERR_INPUT,     /**< malformed or inconsistent input data */
    MC_ERR_NOT_FOUND, /**< a named thing (food, recipe, standard) does not exist */
    MC_ERR_IO,        /**< a file could not be read or written */
    MC_ERR_DB,        /**< SQLite reported an error */
    MC_ERR_NOMEM,     /**< out of memory */
    MC_ERR_INTERNAL   /**< a bug in mealcheck */
} mc_code;

/** How many messages one struct mc_err keeps before it stops recording. */
#define MC_ERR_LIMIT 50

/** Whether a diagnostic failed the call or only warns about accepted input. */
typedef enum mc_severity {
    MC_SEVERITY_ERROR = 0,
    MC_SEVERITY_WARNING
} mc_severity;

/**
 * One diagnostic, as a record: where it points and what it says.  The
 * strings belong to the struct mc_err that holds it and live until the
 * record is moved, relabelled or released.
 */
struct mc_diag {
    mc_severity severity;
    mc_code code;        /**< the failure's code; MC_OK for a warning */
    const char *file;    /**< the input it points into; NULL when none */
    const char *sheet;   /**< the workbook's sheet; NULL when none */
    long line;           /**< 1-based; 0 when unknown */
    long column;         /**< 1-based; 0 when unknown */
    const char *message; /**< one line, translated, without the place */
};

/**
 * Accumulated diagnostics.  Embed it in the caller's storage, initialise it
 * with mc_err_init() (or `struct mc_err e = {0};`) and release it with
 * mc_err_release().  Read the records with mc_err_diag_count() and
 * mc_err_diag(); the fields below the first three are private.
 */
struct mc_err {
    mc_code code;      /**< the code of the first failure recorded, MC_OK if none */
    int count;         /**< errors recorded (may exceed MC_ERR_LIMIT) */
    int n_warnings;    /**< warnings recorded (may exceed MC_ERR_LIMIT) */
    /* private: the kept records in the order recorded, and the joined
     * texts mc_err_text()/mc_err_warnings() built from them */
    struct mc_diag *diags;
    size_t n_diags, cap_diags;
    char *joined[2];
};

/** Initialise an empty error record.  Cannot fail. */
void mc_err_init(struct mc_err *err);

/** Free the messages and warnings and reset to empty.  Accepts NULL. */
void mc_err_release(struct mc_err *err);

/**
 * Record a failure with no place in an input (a message about a file as a
 * whole names it itself).  fmt is looked up in the message catalogue
 * (mealcheck/i18n.h): mark it N_("...") where it is raised to have it
 * translated.  Line breaks inside the message (from a quoted cell) become
 * spaces, so that every message is one line of text.
 * @return code, so callers can write `return mc_err_set(err, MC_ERR_IO, ...)`.
 * err may be NULL, in which case only the code is returned.
 */
mc_code mc_err_set(struct mc_err *err, mc_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/**
 * Record a failure located in an input file: file = path, line, column.
 * Its line reads "path:line:col: message"; col <= 0 omits the column;
 * line <= 0 omits line and column.
 */
mc_code mc_err_at(struct mc_err *err, mc_code code, const char *path,
                  long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/**
 * Record a failure located in a sheet of a workbook, as mc_err_at() does;
 * its line reads "path[sheet]:line:col: message".
 */
mc_code mc_err_at_sheet(struct mc_err *err, mc_code code, const char *path,
                        const char *sheet, long line, long col, const char *fmt,
                        ...) __attribute__((format(printf, 7, 8)));

/**
 * Record a warning located in an input file, as mc_err_at() places it:
 * the input is accepted, but the user should know (a column that is not
 * read).  code and count are not changed; at most MC_ERR_LIMIT warnings
 * are kept.  err may be NULL.
 */
void mc_err_warn_at(struct mc_err *err, const char *path, long line, long col,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/** How many diagnostics err keeps (errors and warnings, at most
 * MC_ERR_LIMIT of each), in the order they were recorded. */
size_t mc_err_diag_count(const struct mc_err *err);

/** Diagnostic i (< mc_err_diag_count()) of err. */
const struct mc_diag *mc_err_diag(const struct mc_err *err, size_t i);

/**
 * Write d as the command line shows it, "file[sheet]:line:col: message"
 * (the parts that are unknown left out), into buf as snprintf() does.
 * @return the length of the whole line, which may be size or more.
 */
size_t mc_diag_format(const struct mc_diag *d, char *buf, size_t size);

/**
 * err's errors as one text, each formatted by mc_diag_format() and ending
 * in '\n'; NULL when none is kept (or out of memory).  Valid until err
 * changes.
 */
const char *mc_err_text(struct mc_err *err);

/** err's warnings as one text, as mc_err_text() joins the errors. */
const char *mc_err_warnings(struct mc_err *err);

/**
 * Name the input path by label in every diagnostic: the file of those
 * placed in it, and the leading path of a message that names it first
 * ("path: ..." as mc_err_set() callers write it).  A front end that read
 * an upload from a temporary file shows the name it was uploaded as.
 */
void mc_err_relabel(struct mc_err *err, const char *path, const char *label);

/** Append from's warnings to to's and forget them in from. */
void mc_err_move_warnings(struct mc_err *to, struct mc_err *from);

/** Forget err's warnings (once a front end has shown them). */
void mc_err_clear_warnings(struct mc_err *err);

/**
 * Move every diagnostic of from into to, from's errors in path ordered by
 * line and column (stably; the others, which have no line in path,
 * first), so that
 * a user reads a file's problems top to bottom whichever stage found them.
 * from is released.
 */
void mc_err_move_sorted(struct mc_err *to, struct mc_err *from, const char *path);

/** True once MC_ERR_LIMIT messages are recorded: a parser should stop. */
int mc_err_full(const struct mc_err *err);

/** A short, static description of a code ("malformed input"), in English;
 * _() translates it. */
const char *mc_strerror(mc_code code);

#endif
