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

/**
 * Accumulated diagnostics.  Embed it in the caller's storage, initialise it
 * with mc_err_init() (or `struct mc_err e = {0};`) and release it with
 * mc_err_release().
 */
struct mc_err {
    mc_code code;  /**< the code of the first failure recorded, MC_OK if none */
    int count;     /**< messages recorded (may exceed MC_ERR_LIMIT) */
    char *text;    /**< messages, each ending in '\n'; NULL when none */
    size_t len;    /**< bytes used in text */
    size_t cap;    /**< bytes allocated for text */
    int n_warnings;   /**< warnings recorded (may exceed MC_ERR_LIMIT) */
    char *warnings;   /**< warnings, each ending in '\n'; NULL when none */
    size_t wlen, wcap;/**< bytes used and allocated in warnings */
};

/** Initialise an empty error record.  Cannot fail. */
void mc_err_init(struct mc_err *err);

/** Free the messages and warnings and reset to empty.  Accepts NULL. */
void mc_err_release(struct mc_err *err);

/**
 * Record a failure: append a formatted message (no trailing newline needed).
 * fmt is looked up in the message catalogue (mealcheck/i18n.h): mark it
 * N_("...") where it is raised to have it translated.
 * Line breaks inside the message (from a quoted cell) become spaces, so
 * that every message is one line of text.
 * @return code, so callers can write `return mc_err_set(err, MC_ERR_IO, ...)`.
 * err may be NULL, in which case only the code is returned.
 */
mc_code mc_err_set(struct mc_err *err, mc_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/**
 * Record a failure located in an input file, prefixed "path:line:col: ".
 * col <= 0 omits the column; line <= 0 omits line and column.
 */
mc_code mc_err_at(struct mc_err *err, mc_code code, const char *path,
                  long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/**
 * Record a warning located in an input file, prefixed like mc_err_at():
 * the input is accepted, but the user should know (a column that is not
 * read).  code and count are not changed; at most MC_ERR_LIMIT warnings
 * are kept.  err may be NULL.
 */
void mc_err_warn_at(struct mc_err *err, const char *path, long line, long col,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/** Append from's warnings to to's and forget them in from. */
void mc_err_move_warnings(struct mc_err *to, struct mc_err *from);

/** True once MC_ERR_LIMIT messages are recorded: a parser should stop. */
int mc_err_full(const struct mc_err *err);

/** A short, static description of a code ("malformed input"), in English;
 * _() translates it. */
const char *mc_strerror(mc_code code);

#endif
