/*
 * cli.h - the mealcheck command-line tool: shared context and helpers.
 *
 * The tool is a thin client of the library: each command lives in its own
 * src/cli/cmd_<name>.c, parses its arguments, calls mc_* functions and
 * prints.  Errors travel up as struct mc_err and are printed once, here at
 * the edge, by cli_fail().
 */
#ifndef MEALCHECK_CLI_H
#define MEALCHECK_CLI_H

#include <stdio.h>

#include "mealcheck/error.h"
#include "mealcheck/nutrient.h"

/** Exit statuses, documented in README.md and `mealcheck --help`. */
enum cli_exit {
    CLI_EXIT_OK = 0,            /**< success; for check: the menu complies */
    CLI_EXIT_FAILURE = 1,       /**< internal or system failure */
    CLI_EXIT_BAD_INPUT = 2,     /**< bad usage or bad input data */
    CLI_EXIT_NONCOMPLIANT = 3   /**< check: the menu does not meet the norms */
};

/** Settings shared by all commands. */
struct cli_ctx {
    const char *prog;           /**< "mealcheck" */
    const char *home;           /**< project root: $MEALCHECK_HOME or "." */
    char db_path[4096];         /**< --db, $MEALCHECK_DB, or home/build/mealcheck.db */
    char cooking_dir[4096];     /**< home/food_composition/cooking */
    char standards_dir[4096];   /**< home/standards */
};

/** Output formats accepted by --format. */
enum cli_format { CLI_FORMAT_TEXT, CLI_FORMAT_JSON, CLI_FORMAT_CSV };

/* One function per command, each in src/cli/cmd_<name>.c.  argv[0] is the
 * command name; the return value is the process exit status. */
int cmd_db(int argc, char **argv, struct cli_ctx *ctx);
int cmd_foods(int argc, char **argv, struct cli_ctx *ctx);
int cmd_recipe(int argc, char **argv, struct cli_ctx *ctx);
int cmd_menu(int argc, char **argv, struct cli_ctx *ctx);
int cmd_standards(int argc, char **argv, struct cli_ctx *ctx);
int cmd_check(int argc, char **argv, struct cli_ctx *ctx);

/**
 * Print err's messages to stderr as "mealcheck: error: <message>" and
 * return the exit status for its code (2 for usage/input/not found, 1
 * otherwise).  Releases err.
 */
int cli_fail(struct mc_err *err);

/**
 * Print "mealcheck: error: <formatted>" and the command's usage lines to
 * stderr; return CLI_EXIT_BAD_INPUT.
 */
int cli_usage_error(const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/** Parse a --format value; only the formats allowed (a mask of 1 << fmt). */
int cli_parse_format(const char *text, unsigned allowed, enum cli_format *out);

/** Write s as a JSON string literal, quotes included. */
void cli_json_string(FILE *f, const char *s);

/** Write a finite double for JSON (shortest round-trip form), or null for NaN. */
void cli_json_number(FILE *f, double v);

/** Write s as one CSV field, quoted when needed. */
void cli_csv_field(FILE *f, const char *s);

/**
 * Write a nutrient vector as a JSON object keyed by nutrient key:
 * {"energy_kcal": {"value": 512.3, "coverage": 1}, ...}, value null when
 * no gram behind it is known.  Values are full precision.
 */
void cli_json_nvec(FILE *f, const struct mc_nvec *v);

/**
 * Format value rounded for display with the nutrient's decimals, or
 * "unknown" when no data; appends " (73%)" when coverage is partial.
 */
const char *cli_fmt_nutrient(char *buf, size_t size, const struct mc_nvec *v,
                             enum mc_nutrient n);

#endif
