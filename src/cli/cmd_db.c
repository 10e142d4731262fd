/*
 * cmd_db.c - `mealcheck db build` and `mealcheck db info`: make the food
 * database from SR28 and the local tables, and show where it came from.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "mealcheck/i18n.h"
#include "mealcheck/food_db.h"

static const char usage[] = N_(
    /* xgettext:no-c-format */
    "usage: mealcheck db build [-o FILE] [--force] [--sr28 DIR] [--local DIR]\n"
    "                          [--aliases DIR]\n"
    "       mealcheck db info\n"
    "\n"
    "build  import USDA SR28 and the local food tables into one SQLite file,\n"
    "       written atomically; skipped when the inputs are unchanged\n"
    "info   show the database's source, release, import date and row counts\n"
    "\n"
    "options:\n"
    "  -o FILE      database to write (default: the global --db, else\n"
    "               $MEALCHECK_HOME/build/mealcheck.db)\n"
    "  --force      rebuild even when the inputs are unchanged\n"
    "  --sr28 DIR   SR28 files (default $MEALCHECK_HOME/food_composition/usda-sr28)\n"
    "  --local DIR  local food CSVs (default $MEALCHECK_HOME/food_composition/local)\n"
    "  --aliases DIR  Russian and Kazakh names of foods (default\n"
    "               $MEALCHECK_HOME/food_composition/aliases; none with --sr28,\n"
    "               as the names point at SR28's foods by number)\n");

static int build(int argc, char **argv, struct cli_ctx *ctx)
{
    char sr28[4096], local[4096], aliases[4096];
    snprintf(sr28, sizeof sr28, "%s/food_composition/usda-sr28", ctx->home);
    snprintf(local, sizeof local, "%s/food_composition/local", ctx->home);
    snprintf(aliases, sizeof aliases, "%s/food_composition/aliases", ctx->home);
    struct mc_food_db_build_opts o = {
        .sr28_dir = sr28, .local_dir = local, .out_path = ctx->db_path,
        .alias_dir = aliases};
    const struct cli_option options[] = {
        {NULL, 'o', 1, &o.out_path, NULL, 0, NULL},
        CLI_OPT_FLAG("--force", &o.force),
        CLI_OPT_STRING("--sr28", &o.sr28_dir),
        CLI_OPT_STRING("--local", &o.local_dir),
        CLI_OPT_STRING("--aliases", &o.alias_dir),
        CLI_OPT_END,
    };
    const struct cli_parser p = {.options = options, .usage = usage};
    int rc = cli_parse_options(&p, argc, argv, 2, NULL);
    if (rc >= 0)
        return rc;
    if (o.sr28_dir != sr28 && o.alias_dir == aliases)
        o.alias_dir = NULL;
    struct mc_err err = {0};
    struct mc_food_db_build_stats st;
    if (mc_food_db_build(&o, &st, &err))
        return cli_fail(&err);
    if (st.skipped)
        printf(_("%s is up to date (use --force to rebuild)\n"), o.out_path);
    else
        printf(_("built %s: %ld SR28 foods, %ld local foods, %ld food groups, "
                 "%ld nutrients, %ld SR28 values, %ld local values, %ld measures, "
                 "%ld aliases in %.1f s\n"),
               o.out_path, st.foods, st.local_foods, st.groups, st.nutrients,
               st.values, st.local_values, st.measures, st.aliases, st.seconds);
    return CLI_EXIT_OK;
}

static int info(int argc, char **argv, struct cli_ctx *ctx)
{
    const struct cli_option none[] = {CLI_OPT_END};
    const struct cli_parser parser = {.options = none, .usage = usage};
    int rc = cli_parse_options(&parser, argc, argv, 2, NULL);
    if (rc >= 0)
        return rc;
    struct mc_err err = {0};
    struct mc_food_db *db = NULL;
    struct mc_food_db_provenance p;
    if (mc_food_db_open(ctx->db_path, &db, &err) ||
        mc_food_db_provenance(db, &p, &err)) {
        mc_food_db_close(db);
        return cli_fail(&err);
    }
    printf(_("database:    %s\nsource:      %s\nrelease:     %s\n"
             "imported at: %s\nfoods:       %ld SR28, %ld local\n"
             "food groups: %ld\nnutrients:   %ld\nvalues:      %ld SR28, %ld local\n"
             "measures:    %ld\n"),
           ctx->db_path, p.source, p.release, p.imported_at, p.foods,
           p.local_foods, p.groups, p.nutrients, p.values, p.local_values,
           p.measures);
    mc_food_db_provenance_release(&p);
    mc_food_db_close(db);
    return CLI_EXIT_OK;
}

int cmd_db(int argc, char **argv, struct cli_ctx *ctx)
{
    if (cli_help_asked(argc, argv, usage))
        return CLI_EXIT_OK;
    if (argc < 2)
        return cli_usage_error(usage, "missing subcommand (build or info)");
    if (!strcmp(argv[1], "build"))
        return build(argc, argv, ctx);
    if (!strcmp(argv[1], "info"))
        return info(argc, argv, ctx);
    return cli_usage_error(usage, "unknown subcommand '%s'", argv[1]);
}
