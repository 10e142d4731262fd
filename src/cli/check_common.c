/*
 * check_common.c - what `mealcheck check` and `suggest` share: their
 * options and the exit status of an outcome.  What they share with the
 * web server is in the library (session.h, document.h).
 */
#include "cli.h"

#include <string.h>

#include "mealcheck/check.h"
#include "mealcheck/csv.h"
#include "mealcheck/i18n.h"
#include "mealcheck/session.h"
#include "mealcheck/standard.h"

int cli_outcome_status(enum mc_outcome o)
{
    switch (o) {
    case MC_OUTCOME_ADVISORY: return CLI_EXIT_ADVISORY;
    case MC_OUTCOME_UNDECIDED: return CLI_EXIT_UNDECIDED;
    case MC_OUTCOME_FAILS: return CLI_EXIT_NONCOMPLIANT;
    case MC_OUTCOME_COMPLIES: break;
    }
    return CLI_EXIT_OK;
}

static int add_arg(const char **list, size_t *n, const char *name, const char *v,
                   const char *usage)
{
    if (*n >= CLI_MAX_ARGS)
        return cli_usage_error(usage, "at most %d %s options", CLI_MAX_ARGS, name);
    list[(*n)++] = v;
    return 0;
}

static int opt_standard(const struct cli_option *o, const char *name, const char *v,
                        const char *usage)
{
    struct cli_check_args *a = o->target;
    return add_arg(a->stds, &a->n_stds, name, v, usage);
}

static int opt_group(const struct cli_option *o, const char *name, const char *v,
                     const char *usage)
{
    struct cli_check_args *a = o->target;
    return add_arg(a->groups, &a->n_groups, name, v, usage);
}

static int opt_meal_share(const struct cli_option *o, const char *name, const char *v,
                          const char *usage)
{
    struct cli_check_args *a = o->target;
    size_t k = a->opts.n_shares;
    if (k >= CLI_MAX_ARGS)
        return cli_usage_error(usage, "at most %d %s options", CLI_MAX_ARGS, name);
    if (!mc_meal_share_parse(v, &a->shares[k], a->share_meals[k], sizeof a->share_meals[k]))
        return cli_usage_error(usage, "--meal-share: expected MEAL=MIN-MAX "
                                      "(%% of the day, e.g. lunch=30-35), got '%s'", v);
    a->opts.shares = a->shares;
    a->opts.n_shares++;
    return 0;
}

static int opt_budget(const struct cli_option *o, const char *name, const char *v,
                      const char *usage)
{
    (void)name;
    double *budget = o->target;
    if (!mc_parse_number(v, budget) || !(*budget > 0.0))
        return cli_usage_error(usage, "--budget: expected a positive amount per "
                                      "child per day, got '%s'", v);
    return 0;
}

int cli_check_args_parse(int argc, char **argv, const char *usage,
                         const struct cli_option *own, struct cli_check_args *a)
{
    a->opts.date = mc_session_today();
    const struct cli_option options[] = {
        CLI_OPT_STRING("--recipes", &a->recipes),
        CLI_OPT_STRING("--menu", &a->menu),
        CLI_OPT_STRING("--cooking", &a->cooking),
        CLI_OPT_STRING("--aliases", &a->aliases),
        CLI_OPT_STRING("--currency", &a->currency),
        CLI_OPT_CALL("--budget", &a->budget, opt_budget, 0),
        CLI_OPT_CALL("--standard", a, opt_standard, 0),
        CLI_OPT_CALL("--group", a, opt_group, 0),
        CLI_OPT_CALL("--date", &a->opts.date, cli_opt_date, 0),
        CLI_OPT_CALL("--meal-share", a, opt_meal_share, 0),
        CLI_OPT_CALL("--average", &a->opts.average, cli_opt_average, 0),
        CLI_OPT_CALL("--format", &a->fmt, cli_opt_format,
                     1u << CLI_FORMAT_TEXT | 1u << CLI_FORMAT_JSON),
        CLI_OPT_INCLUDE(own),
        CLI_OPT_END,
    };
    const struct cli_parser p = {.options = options, .usage = usage};
    int rc = cli_parse_options(&p, argc, argv, 1, NULL);
    if (rc >= 0)
        return rc ? rc : -1;
    if (!a->recipes || !a->menu)
        return cli_usage_error(usage, "missing %s",
                               a->recipes ? "--menu FILE" : "--recipes FILE");
    if (!a->n_stds)
        return cli_usage_error(usage, "give at least one --standard (see "
                                      "'mealcheck standards list')");
    if (!a->n_groups)
        return cli_usage_error(usage, "give at least one --group");
    return 0;
}

struct mc_session_opts cli_check_session_opts(const struct cli_ctx *ctx,
                                              const struct cli_check_args *a)
{
    struct mc_session_opts o = cli_session_opts(ctx, a->recipes, a->menu, a->cooking,
                                                a->aliases);
    o.std_ids = a->stds;
    o.n_stds = a->n_stds;
    o.groups = a->groups;
    o.n_groups = a->n_groups;
    return o;
}
