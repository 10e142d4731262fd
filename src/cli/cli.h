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

#include "mealcheck/check.h"
#include "mealcheck/error.h"
#include "mealcheck/nutrient.h"
#include "mealcheck/session.h"
#include "parse_options.h"

/** Exit statuses, documented in README.md and `mealcheck --help`. */
enum cli_exit {
    CLI_EXIT_OK = 0,            /**< success; for check: the menu complies */
    CLI_EXIT_FAILURE = 1,       /**< internal or system failure */
    CLI_EXIT_BAD_INPUT = 2,     /**< bad usage or bad input data */
    CLI_EXIT_NONCOMPLIANT = 3,  /**< check: the menu does not meet the norms */
    CLI_EXIT_NOT_CHECKED = 4,   /**< audit: some schools could not be checked */
    CLI_EXIT_NO_MATCH = 5,      /**< foods search: no food matches */
    CLI_EXIT_ADVISORY = 6,      /**< check: complies with the verified norms, advisory
                                     norms not met (audit: some school) */
    CLI_EXIT_UNDECIDED = 7      /**< check: compliance cannot be decided (audit: some school) */
};

/** The exit status of a check's outcome: 0, 6, 7 or 3. */
int cli_outcome_status(enum mc_outcome o);

/** Settings shared by all commands. */
struct cli_ctx {
    const char *prog;           /**< "mealcheck" */
    const char *home;           /**< where the data is: $MEALCHECK_HOME, "." or the
                                     installed data directory (main.c) */
    char db_path[4096];         /**< --db, $MEALCHECK_DB, or the database in home */
    char locale_dir[4096];      /**< the compiled catalogues in home */
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
int cmd_suggest(int argc, char **argv, struct cli_ctx *ctx);
int cmd_audit(int argc, char **argv, struct cli_ctx *ctx);
int cmd_serve(int argc, char **argv, struct cli_ctx *ctx);

/**
 * Print err's warnings to stderr as "mealcheck: warning: <message>" and
 * forget them; its errors stay.  Commands call it once their input is
 * loaded, so that a warning is printed once whether they succeed or fail.
 */
void cli_warnings(struct mc_err *err);

/**
 * Print err's warnings (cli_warnings()), then its messages to stderr as
 * "mealcheck: error: <message>" and
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

/**
 * Parse a --format value, any case, among the formats allowed (a mask of
 * 1 << fmt).  Anything else is a usage error "--format: expected text or
 * json, got 'xml'" followed by usage.
 * @return -1 with *out set, or CLI_EXIT_BAD_INPUT after printing the error.
 */
int cli_parse_format(const char *usage, const char *text, unsigned allowed,
                     enum cli_format *out);

/**
 * Check the value v of option opt names a workbook: a name Excel would not
 * open as one (report.csv, an empty name) is a mistake, not a wish.
 * @return 0 when it ends in .xlsx, else CLI_EXIT_BAD_INPUT after printing
 *         the error and usage.
 */
int cli_xlsx_name(const char *usage, const char *opt, const char *v);

/** Write s as one CSV field with the separator of the options or the
 * locale: mc_csv_write_field() with MC_CSV_FORMULA_SAFE. */
void cli_csv_field(FILE *f, const char *s);

/** Write s as one CSV field that mealcheck itself reads back, as it is:
 * mc_csv_write_field() without MC_CSV_FORMULA_SAFE. */
void cli_csv_data(FILE *f, const char *s);

/*
 * CSV output is written for the spreadsheet that will open it: Excel in a
 * Russian or Kazakh locale splits a line on ';' and reads "12,5" as a
 * number, and takes "12.5" for text.  The default comes from the locale
 * (the first set of LC_ALL, LC_NUMERIC, LANG): ru_* and kk_* give ';' and
 * a decimal comma, anything else ',' and a decimal point; the options
 * --csv-sep and --decimal-comma / --decimal-point override it.
 */

/** The CSV options, for a command's option table (CLI_OPT_INCLUDE):
 * --csv-sep SEP (one of , ; or tab, written "\t" or "tab"),
 * --decimal-comma, --decimal-point. */
extern const struct cli_option cli_csv_options[];

/** Write the CSV field separator. */
void cli_csv_sep(FILE *f);

/** Write a header row: names is comma-separated ("id,name"); each comma is
 * written as the separator.  Ends the line when newline is set. */
void cli_csv_header(FILE *f, const char *names, int newline);

/**
 * Write v rounded (halves away from zero) to at most decimals digits, as
 * the text output shows it, trailing zeros dropped ("25.85", "250"), with
 * the decimal separator (quoted when it is also the field separator:
 * "25,85"); nothing for NaN.
 */
void cli_csv_number(FILE *f, double v, int decimals);

/**
 * Format value rounded for display with the nutrient's decimals, or
 * "unknown" when no data; appends " (73%)" when coverage is partial.
 */
const char *cli_fmt_nutrient(char *buf, size_t size, const struct mc_nvec *v,
                             enum mc_nutrient n);

/* ---- Recipe books, shared by recipe, menu and check (src/cli/book.c) ---- */

struct mc_food_db;
struct mc_recipe_book;

/**
 * What a command's session (mealcheck/session.h) reads: the database of
 * ctx, the caterer's alias table at aliases (NULL: none), the cooking
 * profiles of cooking_dir (NULL: ctx->cooking_dir; a cooking_dir given
 * must be a folder), the recipe book at recipes and the menu at menu
 * (NULL: none).  The caller adds the norm sets and the check.
 */
struct mc_session_opts cli_session_opts(const struct cli_ctx *ctx, const char *recipes,
                                        const char *menu, const char *cooking_dir,
                                        const char *aliases);

/** The options of the commands that compute dishes. */
struct cli_book_args {
    const char *recipes;        /**< --recipes FILE */
    const char *menu;           /**< --menu FILE (when asked for) */
    const char *cooking;        /**< --cooking DIR, NULL for the default */
    const char *aliases;        /**< --aliases FILE, NULL for none */
    const char *name;           /**< the positional argument (when allowed) */
    enum cli_format format;     /**< --format text|json|csv, default text */
};

/**
 * Parse --recipes FILE, --cooking DIR, --aliases FILE, --format FMT, --help, and with
 * want_menu --menu FILE, with want_name one positional argument.  Prints
 * the usage for --help or on an error.
 * @return -1 to go on, or the exit status to return (0 after --help).
 */
int cli_book_args_parse(int argc, char **argv, const char *usage, int want_menu,
                        int want_name, struct cli_book_args *out);

/**
 * Print which columns of a file were read, for a person to see that none
 * was ignored: "columns read from menu.csv: day, meal, dish, portion_g".
 * @param columns  NULL-terminated, as mc_menu and mc_recipe_book keep them
 */
void cli_text_columns(FILE *f, const char *path, char *const *columns);

struct mc_menu;

/**
 * Print what the menu costs one child a day, when any price is known or a
 * budget is given: "cost per child a day: mean 512.40 KZT; budget 600.00
 * KZT: 2 of 10 days over".
 * @param budget    per child per day, <= 0 for none
 * @param currency  label after amounts, NULL for none
 */
void cli_text_cost(FILE *f, const struct mc_menu *m, double budget,
                   const char *currency);

/** Write the nutrient columns of a CSV header: ",energy_kcal,energy_kcal_coverage,...". */
void cli_csv_nvec_header(FILE *f);

/** Write a nutrient vector as CSV cells matching cli_csv_nvec_header():
 * value rounded to the nutrient's decimals (empty when unknown) and
 * coverage (0-1, 3 decimals; partial coverage rounds down, never to 1). */
void cli_csv_nvec(FILE *f, const struct mc_nvec *v);

/**
 * Write s into buf padded with spaces to |width| characters, counted as
 * UTF-8 characters so that Russian and Kazakh columns line up: spaces on
 * the left for width > 0 (like printf's %10s), on the right for width < 0
 * (%-10s).  With cut, longer text is cut at a character boundary (%10.10s).
 * @return buf
 */
const char *cli_pad(char *buf, size_t size, const char *s, int width, int cut);

/**
 * Print a text table, one row per canonical nutrient (name, unit) and one
 * column per vector, values rounded for display by cli_fmt_nutrient().
 * @param indent spaces before each line
 */
void cli_text_nvec_table(FILE *f, int indent, const char *const *headers,
                         const struct mc_nvec *const *cols, size_t ncols);

/* ---- What check shares with the web server (src/cli/check_common.c) ---- */

struct mc_check;
struct mc_meal_share;
struct mc_standard;
struct mc_standard_set;
struct mc_group_spec;
struct mc_food_hit;
struct mc_food_set;

/** How many --standard, --group, --meal-share (and suggest's --add) a
 * command takes. */
#define CLI_MAX_ARGS 16

/** The options `check` and `suggest` share: what to read, the norms and
 * how they are judged, the budget, and the output format. */
struct cli_check_args {
    const char *recipes, *menu, *cooking, *currency;
    const char *aliases;        /**< the caterer's own alias table; NULL: none */
    const char *stds[CLI_MAX_ARGS];
    size_t n_stds;
    const char *groups[CLI_MAX_ARGS];
    size_t n_groups;
    struct mc_meal_share shares[CLI_MAX_ARGS];
    char share_meals[CLI_MAX_ARGS][64]; /* their meal names, as the menu knows them */
    struct mc_check_opts opts;
    enum cli_format fmt;
    double budget;              /**< per child per day; 0: none */
};

/**
 * Parse the options of check and suggest: --recipes, --menu, --cooking,
 * --aliases, --standard, --group, --date, --meal-share, --average,
 * --budget, --currency and --format (text or json) into a (the date
 * defaults to today), and the command's own options (a table whose
 * targets are its own); --help prints usage.  Then --recipes, --menu, a
 * --standard and a --group are required.
 * @return 0 to go on, -1 after --help, or the exit status of a usage error
 */
int cli_check_args_parse(int argc, char **argv, const char *usage,
                         const struct cli_option *own, struct cli_check_args *a);

/**
 * The session of check and suggest: cli_session_opts() of a's files, with
 * a's norm sets and groups.  The caller adds the loaded norm sets.
 */
struct mc_session_opts cli_check_session_opts(const struct cli_ctx *ctx,
                                              const struct cli_check_args *a);

/* ---- Food sets, for check --food-set (src/cli/food_sets.c) ---- */

struct mc_menu;
struct mc_food_map;
struct mc_food_norm;
struct mc_food_set;

/** The --food-set options of check. */
struct cli_food_set_args {
    const char *id;             /**< --food-set ID, NULL when not asked */
    const char *group;          /**< the class: the first --group */
    double share_lo, share_hi;  /**< --food-set-share MIN-MAX, default 100-100 */
    double tolerance_pct;       /**< --food-set-tolerance PCT, default 0 */
};

/** A food-set check with what it points into. */
struct cli_food_set {
    struct mc_food_map *map;
    struct mc_food_norm *norm;
    struct mc_food_set *result;
};

/**
 * Load home/food_composition/food_sets/food_groups.csv and the set
 * food_sets/norms/<id>.csv, and check menu against it (SR28 groups from db).
 * Close with cli_food_set_close(), also after a failure.
 */
mc_code cli_food_set_open(const struct cli_ctx *ctx, const struct cli_food_set_args *a,
                          const struct mc_menu *menu, struct mc_food_db *db,
                          struct cli_food_set *out, struct mc_err *err);

/** Free what cli_food_set_open() made.  Accepts a zeroed struct. */
void cli_food_set_close(struct cli_food_set *s);

/** Print the cumulative statement: one row per food group. */
void cli_food_set_text(FILE *f, const struct mc_food_set *fs);

#endif
