/*
 * parse_options.h - every command's options from one declarative table.
 *
 * A command lists its options (name, short form, whether a value follows,
 * where it goes or what reads it) and cli_parse_options() walks argv the
 * one way for all of them: `--opt VALUE` and `--opt=VALUE`, `-o FILE` and
 * `-oFILE`, `--` ending the options, `--help`/`-h` anywhere printing the
 * usage, and the same three errors everywhere: "option '--x' needs a
 * value", "unknown option '--x'", "unexpected argument 'x'" (and "option
 * '--x' takes no value" for `--flag=x`).  Unique prefixes are not
 * accepted: an option is spelt out, so adding one never breaks a script.
 */
#ifndef MEALCHECK_CLI_PARSE_OPTIONS_H
#define MEALCHECK_CLI_PARSE_OPTIONS_H

#include <stdio.h>

struct cli_option;

/**
 * What reads an option's value.
 * @param o      the table entry: its target and arg
 * @param name   the option as typed ("--output" or "-o"), for messages
 * @param value  the value, NULL for a flag
 * @param usage  the command's usage (untranslated), for cli_usage_error()
 * @return 0, or the exit status after printing the error and usage
 */
typedef int (*cli_option_fn)(const struct cli_option *o, const char *name,
                             const char *value, const char *usage);

/** One option of a table; a table ends with an entry of zeros. */
struct cli_option {
    const char *name;       /**< the long form with its dashes ("--recipes"), or NULL */
    char short_name;        /**< 'o' for -o, or 0 */
    int takes_value;        /**< 1: a value follows (--x V, --x=V, -xV) */
    void *target;           /**< without fn: a const char ** that gets the value,
                                 or an int * set to 1 by a flag, or NULL to
                                 pass over it (one another walk takes); else
                                 fn's */
    cli_option_fn fn;       /**< reads the value into target, or NULL */
    unsigned arg;           /**< for fn: a mask of formats, a limit */
    const struct cli_option *include; /**< instead of the above: another
                                           table's options (shared ones) */
};

/** A flag that sets *p to 1. */
#define CLI_OPT_FLAG(name, p) {name, 0, 0, p, NULL, 0, NULL}
/** An option whose value is stored in *p (a const char *). */
#define CLI_OPT_STRING(name, p) {name, 0, 1, p, NULL, 0, NULL}
/** An option whose value fn reads into p, with arg. */
#define CLI_OPT_CALL(name, p, fn, arg) {name, 0, 1, p, fn, arg, NULL}
/** The options of another table. */
#define CLI_OPT_INCLUDE(table) {NULL, 0, 0, NULL, NULL, 0, table}
/** The end of a table. */
#define CLI_OPT_END {NULL, 0, 0, NULL, NULL, 0, NULL}

/** How cli_parse_options() treats what is not an option of the table. */
enum cli_parse_mode {
    /** Stop at the first argument that is not an option (main: the
     * command); *rest is its index. */
    CLI_PARSE_STOP_AT_ARG = 1,
    /** Keep unknown options and arguments, in order, in argv[0..*rest);
     * --help is not looked at.  For the global options taken out from
     * after the command. */
    CLI_PARSE_KEEP_UNKNOWN = 2,
    /** Print nothing: an error only returns its status. */
    CLI_PARSE_QUIET = 4,
};

/** A parse: the options and what to do with the rest. */
struct cli_parser {
    const struct cli_option *options;
    const char *usage;          /**< untranslated; printed by --help and after an
                                     error (NULL: print_usage, or none) */
    void (*print_usage)(FILE *f); /**< when usage is NULL (main's) */
    unsigned mode;              /**< enum cli_parse_mode bits */
    /** Take an argument that is not an option: 0 taken, 1 not wanted
     * ("unexpected argument"), else the exit status after an error.  NULL:
     * none is wanted. */
    int (*argument)(void *self, const char *arg);
    void *self;
};

/**
 * Parse argv[from..argc) against p->options, calling each option's fn or
 * storing into its target, in order.
 * @param rest  with CLI_PARSE_STOP_AT_ARG the index of the first
 *              argument, with CLI_PARSE_KEEP_UNKNOWN the count of argv
 *              kept (argv[from..*rest) then holds them); may be NULL
 * @return -1 to go on, 0 after printing the usage for --help, or the exit
 *         status of an error (printed with the usage unless quiet)
 */
int cli_parse_options(const struct cli_parser *p, int argc, char **argv, int from,
                      int *rest);

/**
 * Print usage for --help or -h anywhere in argv[1..argc) before `--`, as
 * the commands with subcommands need before they pick one.
 * @return 1 when it printed, else 0
 */
int cli_help_asked(int argc, char **argv, const char *usage);

/* Readers of values every command spells the same way. */

/** --format: one of the formats of o->arg (a mask of 1 << enum cli_format)
 * into the enum cli_format at target. */
int cli_opt_format(const struct cli_option *o, const char *name, const char *value,
                   const char *usage);

/** --date YYYY-MM-DD into the int (yyyymmdd) at target. */
int cli_opt_date(const struct cli_option *o, const char *name, const char *value,
                 const char *usage);

/** --average days|totals into the enum mc_average at target. */
int cli_opt_average(const struct cli_option *o, const char *name, const char *value,
                    const char *usage);

/** A report's name (-o, --report): a file name ending in .xlsx, into the
 * const char * at target. */
int cli_opt_xlsx(const struct cli_option *o, const char *name, const char *value,
                 const char *usage);

#endif
