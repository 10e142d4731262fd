/*
 * harness.h - run the mealcheck binary as a user would, for end-to-end tests.
 *
 * The binary is $MC_TEST_BIN (default build/mealcheck) and the database
 * $MC_TEST_DB (default build/mealcheck.db, passed as --db).  When
 * $MC_TEST_WRAPPER is set (e.g. "valgrind -q --error-exitcode=99") the
 * command runs under it, so `make valgrind` checks the CLI too.
 */
#ifndef MEALCHECK_TEST_HARNESS_H
#define MEALCHECK_TEST_HARNESS_H

#include <stddef.h>

/* An API diagnostic without a place in a file (docs/api.md), as JSON. */
#define NO_PLACE(msg) "{\"severity\":\"error\",\"file\":null,\"sheet\":null," \
                      "\"line\":null,\"column\":null,\"message\":\"" msg "\"}"

/** What one run printed and returned. */
struct run {
    int status;   /**< exit status, or 128 + signal */
    char *out;    /**< everything written to stdout, NUL-terminated */
    char *err;    /**< everything written to stderr, NUL-terminated */
};

/**
 * Run `mealcheck --db $MC_TEST_DB ARGS...`; the argument list ends with NULL.
 * Always fills r (aborts the test on a harness failure).  Free with run_free().
 */
void run_mc(struct run *r, ...);

/** Same, without the --db option (to test database-less commands or --db itself). */
void run_mc_nodb(struct run *r, ...);

/**
 * Fill argv with the command that runs mealcheck: $MC_TEST_WRAPPER's words
 * (split in wrapper, size bytes), $MC_TEST_BIN and, with_db, --db
 * $MC_TEST_DB.  argv needs 20 entries and room for what follows.
 * @return the number of entries filled
 */
int mc_argv(char **argv, char *wrapper, size_t size, int with_db);

/** Run any program (argv[0] found on PATH) with its output captured. */
void run_argv(struct run *r, char *const *argv);

/** Free the captured output. */
void run_free(struct run *r);

/** True when needle occurs in hay. */
int str_has(const char *hay, const char *needle);

/** True when s starts with prefix. */
int str_starts(const char *s, const char *prefix);

/** Read a whole file into a NUL-terminated heap string, or NULL. */
char *slurp(const char *path);

#endif
