/*
 * main.c - mealcheck's entry point: global options and command dispatch.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mealcheck/food_db.h"
#include "mealcheck/version.h"

struct command {
    const char *name;
    int (*fn)(int argc, char **argv, struct cli_ctx *ctx);
    const char *summary;
};

static const struct command commands[] = {
    {"db", cmd_db, "build the food-composition database"},
    {"foods", cmd_foods, "search foods and show their composition"},
    {"recipe", cmd_recipe, "compute technological cards (recipes)"},
    {"menu", cmd_menu, "compute a menu dish by dish, meal by meal, day by day"},
    {"standards", cmd_standards, "list and show norm sets"},
    {"check", cmd_check, "check a menu against norms; write the Excel report"},
    {"audit", cmd_audit, "check many schools from a manifest; write the roll-up"},
    {"serve", cmd_serve, "serve the web pages and the JSON API"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: mealcheck [--db FILE] COMMAND [ARGS...] [--db FILE]\n"
               "       mealcheck --help | --version\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f,
            "\noptions:\n"
            "  --db FILE  food database (default $MEALCHECK_DB, else "
            "$MEALCHECK_HOME/" MC_FOOD_DB_DEFAULT ");\n"
            "             before or after the command\n"
            "\n'mealcheck COMMAND --help' describes a command.\n"
            "\nexit status: 0 ok (check: the menu complies), 1 internal failure,\n"
            "2 bad usage or input, 3 check: the menu does not comply (audit:\n"
            "some school does not), 4 audit: some school could not be checked,\n"
            "5 foods search: no food matches\n");
}

/* Output redirected to a full disk must not end in success: a caterer
 * would take the cut-off CSV for the whole menu. */
static int flush_stdout(int status)
{
    if (fflush(stdout) == 0 && !ferror(stdout))
        return status;
    fprintf(stderr, "mealcheck: error: cannot write the output: %s\n",
            strerror(errno));
    return CLI_EXIT_FAILURE;
}

static int set_path(char *dst, size_t size, const char *home, const char *rel)
{
    int n = snprintf(dst, size, "%s/%s", home, rel);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

int main(int argc, char **argv)
{
    struct cli_ctx ctx = {.prog = "mealcheck"};
    const char *home = getenv("MEALCHECK_HOME");
    ctx.home = home && *home ? home : ".";
    if (set_path(ctx.db_path, sizeof ctx.db_path, ctx.home, MC_FOOD_DB_DEFAULT) ||
        set_path(ctx.cooking_dir, sizeof ctx.cooking_dir, ctx.home,
                 "food_composition/cooking") ||
        set_path(ctx.standards_dir, sizeof ctx.standards_dir, ctx.home,
                 "standards")) {
        fprintf(stderr, "mealcheck: error: MEALCHECK_HOME is too long\n");
        return CLI_EXIT_BAD_INPUT;
    }
    const char *env_db = getenv("MEALCHECK_DB");
    if (env_db && *env_db)
        snprintf(ctx.db_path, sizeof ctx.db_path, "%s", env_db);

    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return CLI_EXIT_OK;
        } else if (!strcmp(argv[i], "--version")) {
            printf("mealcheck %s\n", MC_VERSION);
            return CLI_EXIT_OK;
        } else if (!strcmp(argv[i], "--db") && i + 1 < argc) {
            snprintf(ctx.db_path, sizeof ctx.db_path, "%s", argv[++i]);
        } else if (!strncmp(argv[i], "--db=", 5)) {
            snprintf(ctx.db_path, sizeof ctx.db_path, "%s", argv[i] + 5);
        } else {
            fprintf(stderr, strcmp(argv[i], "--db")
                                ? "mealcheck: error: unknown option '%s'\n"
                                : "mealcheck: error: option '%s' needs a value\n",
                    argv[i]);
            usage(stderr);
            return CLI_EXIT_BAD_INPUT;
        }
    }
    if (i == argc) {
        usage(stderr);
        return CLI_EXIT_BAD_INPUT;
    }
    /* `--db FILE` may follow the command too (`mealcheck foods search x
     * --db other.db`, as people append options): take it out here so that
     * no command has to know it. */
    int kept = i + 1;
    for (int k = i + 1; k < argc; k++) {
        if (!strcmp(argv[k], "--db") && k + 1 < argc)
            snprintf(ctx.db_path, sizeof ctx.db_path, "%s", argv[++k]);
        else if (!strncmp(argv[k], "--db=", 5))
            snprintf(ctx.db_path, sizeof ctx.db_path, "%s", argv[k] + 5);
        else if (!strcmp(argv[k], "--db")) {
            fprintf(stderr, "mealcheck: error: option '--db' needs a value\n");
            return CLI_EXIT_BAD_INPUT;
        } else
            argv[kept++] = argv[k];
    }
    argc = kept;
    argv[argc] = NULL;
    for (size_t c = 0; c < sizeof commands / sizeof *commands; c++)
        if (!strcmp(argv[i], commands[c].name))
            return flush_stdout(commands[c].fn(argc - i, argv + i, &ctx));
    fprintf(stderr, "mealcheck: error: unknown command '%s'\n", argv[i]);
    usage(stderr);
    return CLI_EXIT_BAD_INPUT;
}
