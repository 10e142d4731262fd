/*
 * main.c - mealcheck's entry point: global options and command dispatch.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "mealcheck/food_db.h"
#include "mealcheck/i18n.h"
#include "mealcheck/version.h"

#ifndef MC_DATADIR
#error "MC_DATADIR, the installed data directory, is not defined: build with make"
#endif

struct command {
    const char *name;
    int (*fn)(int argc, char **argv, struct cli_ctx *ctx);
    const char *summary;
};

static const struct command commands[] = {
    {"db", cmd_db, N_("build the food-composition database")},
    {"foods", cmd_foods, N_("search foods and show their composition")},
    {"recipe", cmd_recipe, N_("compute technological cards (recipes)")},
    {"menu", cmd_menu, N_("compute a menu dish by dish, meal by meal, day by day")},
    {"standards", cmd_standards, N_("list and show norm sets")},
    {"check", cmd_check, N_("check a menu against norms; write the Excel report")},
    {"suggest", cmd_suggest, N_("the smallest change that makes a failing menu comply")},
    {"audit", cmd_audit, N_("check many schools from a manifest; write the roll-up")},
    {"serve", cmd_serve, N_("serve the web pages and the JSON API")},
};

static void usage(FILE *f)
{
    fputs(_("usage: mealcheck [--db FILE] COMMAND [ARGS...] [--db FILE]\n"
            "       mealcheck --help | --version\n\ncommands:\n"), f);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
    fprintf(f,
            _("\noptions:\n"
              "  --db FILE    food database (default $MEALCHECK_DB, else "
              "$MEALCHECK_HOME/%s);\n"
              "               before or after the command\n"
              "  --standards DIR  also the norm sets (*.csv, *.xlsx) of DIR, besides\n"
              "               $MEALCHECK_HOME/standards (also $MEALCHECK_STANDARDS);\n"
              "               before or after the command\n"
              "  --lang LANG  language of messages, text output and reports:\n"
              "               ru, kk or en (default: from LC_ALL, LC_MESSAGES\n"
              "               or LANG, else en); before or after the command\n"
              "\n'mealcheck COMMAND --help' describes a command.\n"
              "\nexit status: 0 ok (check: the menu complies), 1 internal failure,\n"
              "2 bad usage or input, 3 check: the menu does not comply (audit:\n"
              "some school does not), 4 audit: some school could not be checked,\n"
              "5 foods search: no food matches, 6 check: complies with the verified\n"
              "norms, advisory norms not met, 7 check: compliance cannot be decided\n"),
            MC_FOOD_DB_DEFAULT);
}

/* Output redirected to a full disk must not end in success: a caterer
 * would take the cut-off CSV for the whole menu. */
static int flush_stdout(int status)
{
    if (fflush(stdout) == 0 && !ferror(stdout))
        return status;
    fprintf(stderr, _("mealcheck: error: cannot write the output: %s\n"),
            strerror(errno));
    return CLI_EXIT_FAILURE;
}

/* A user's folder of norm sets is searched after the installed one
 * (mc_standard_set_load() takes folders separated by ':'). */
static int add_standards(struct cli_ctx *ctx, const char *dir)
{
    size_t len = strlen(ctx->standards_dir);
    int n = snprintf(ctx->standards_dir + len, sizeof ctx->standards_dir - len, ":%s", dir);
    if (*dir && n > 0 && (size_t)n < sizeof ctx->standards_dir - len)
        return 0;
    fprintf(stderr, _("mealcheck: error: --standards: expected a folder, got '%s'\n"), dir);
    return -1;
}

static int opt_standards(const struct cli_option *o, const char *name, const char *v,
                         const char *u)
{
    (void)name, (void)u;
    return add_standards(o->target, v) ? CLI_EXIT_BAD_INPUT : 0;
}

static int opt_db(const struct cli_option *o, const char *name, const char *v,
                  const char *u)
{
    (void)name, (void)u;
    struct cli_ctx *ctx = o->target;
    snprintf(ctx->db_path, sizeof ctx->db_path, "%s", v);
    return 0;
}

static int set_path(char *dst, size_t size, const char *home, const char *rel)
{
    int n = snprintf(dst, size, "%s/%s", home, rel);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* The language comes before anything is printed: --lang before or after
 * the command, else the locale's.  A catalogue missing for the locale's
 * language leaves English; one missing for --lang is an error.  The walk
 * is quiet: main() reports the mistakes it finds, in that language.
 * @return -1 to go on, or the exit status. */
static int set_lang(int argc, char **argv, struct cli_ctx *ctx)
{
    const char *lang = NULL;
    const struct cli_option options[] = {
        CLI_OPT_STRING("--lang", &lang),
        CLI_OPT_STRING("--db", NULL),
        CLI_OPT_STRING("--standards", NULL),
        CLI_OPT_END,
    };
    const struct cli_parser p = {.options = options,
                                 .mode = CLI_PARSE_KEEP_UNKNOWN | CLI_PARSE_QUIET};
    char **copy = malloc(((size_t)argc + 1) * sizeof *copy);
    if (copy) { /* the walk keeps the rest in place: a copy, not argv */
        memcpy(copy, argv, (size_t)argc * sizeof *copy);
        cli_parse_options(&p, argc, copy, 1, NULL);
        free(copy);
    }
    struct mc_err err = {0};
    if (!mc_i18n_set(lang ? lang : mc_lang_from_env(), ctx->locale_dir, &err) || !lang) {
        mc_err_release(&err);
        return -1;
    }
    return cli_fail(&err);
}

/* Where the data is (the database, the catalogues, standards/ and
 * food_composition/), the one place the tool decides it: $MEALCHECK_HOME,
 * else the current directory when it is a mealcheck tree (it has the
 * database, or the SR28 files `db build` makes it from), both laid out as
 * the source tree; else the installed data directory, $MEALCHECK_DATADIR or
 * the one `make install` compiled in, with mealcheck.db and locale/ at its
 * top (Makefile, "Installation"). */
static int set_home(struct cli_ctx *ctx)
{
    const char *home = getenv("MEALCHECK_HOME");
    int tree = 1;
    if (!home || !*home) {
        home = ".";
        if (access(MC_FOOD_DB_DEFAULT, F_OK) && access("food_composition/usda-sr28", F_OK)) {
            home = getenv("MEALCHECK_DATADIR");
            home = home && *home ? home : MC_DATADIR;
            tree = 0;
        }
    }
    ctx->home = home;
    return set_path(ctx->db_path, sizeof ctx->db_path, home,
                    tree ? MC_FOOD_DB_DEFAULT : "mealcheck.db") ||
           set_path(ctx->locale_dir, sizeof ctx->locale_dir, home,
                    tree ? MC_LOCALE_DIR_DEFAULT : "locale") ||
           set_path(ctx->cooking_dir, sizeof ctx->cooking_dir, home,
                    "food_composition/cooking") ||
           set_path(ctx->standards_dir, sizeof ctx->standards_dir, home, "standards");
}

int main(int argc, char **argv)
{
    struct cli_ctx ctx = {.prog = "mealcheck"};
    if (set_home(&ctx)) {
        fprintf(stderr, "mealcheck: error: %s: the data directory's name is too long\n",
                ctx.home);
        return CLI_EXIT_BAD_INPUT;
    }
    int st = set_lang(argc, argv, &ctx);
    if (st >= 0)
        return st;
    const char *env_db = getenv("MEALCHECK_DB");
    if (env_db && *env_db)
        snprintf(ctx.db_path, sizeof ctx.db_path, "%s", env_db);
    const char *env_std = getenv("MEALCHECK_STANDARDS");
    if (env_std && *env_std && add_standards(&ctx, env_std))
        return CLI_EXIT_BAD_INPUT;

    /* --db, --standards and --lang may follow the command too (`mealcheck
     * foods search x --db other.db`, as people append options); set_lang()
     * has read --lang already. */
    int help = 0, version = 0, i, kept;
    const struct cli_option global[] = {
        CLI_OPT_CALL("--db", &ctx, opt_db, 0),
        CLI_OPT_CALL("--standards", &ctx, opt_standards, 0),
        CLI_OPT_STRING("--lang", NULL),
        CLI_OPT_END,
    };
    const struct cli_option before[] = {
        {"--help", 'h', 0, &help, NULL, 0, NULL},
        CLI_OPT_FLAG("--version", &version),
        CLI_OPT_INCLUDE(global),
        CLI_OPT_END,
    };
    const struct cli_parser p = {.options = before, .print_usage = usage,
                                 .mode = CLI_PARSE_STOP_AT_ARG};
    if ((st = cli_parse_options(&p, argc, argv, 1, &i)) >= 0)
        return st;
    if (help || version) {
        if (help)
            usage(stdout);
        else
            printf("mealcheck %s\n", MC_VERSION);
        return CLI_EXIT_OK;
    }
    if (i == argc) {
        usage(stderr);
        return CLI_EXIT_BAD_INPUT;
    }
    /* Taken out here so that no command has to know them. */
    const struct cli_parser after = {.options = global, .mode = CLI_PARSE_KEEP_UNKNOWN};
    if ((st = cli_parse_options(&after, argc, argv, i + 1, &kept)) >= 0)
        return st;
    argc = kept;
    argv[argc] = NULL;
    for (size_t c = 0; c < sizeof commands / sizeof *commands; c++)
        if (!strcmp(argv[i], commands[c].name))
            return flush_stdout(commands[c].fn(argc - i, argv + i, &ctx));
    fprintf(stderr, _("mealcheck: error: unknown command '%s'\n"), argv[i]);
    usage(stderr);
    return CLI_EXIT_BAD_INPUT;
}
