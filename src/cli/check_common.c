/*
 * check_common.c - what `mealcheck check` shares with the web server
 * (src/web/): the norm sets and groups as the user names them, and the
 * check as JSON (documented in docs/check-json.md).
 */
#include "cli.h"

#include <string.h>

#include "mealcheck/check.h"
#include "mealcheck/csv.h"
#include "mealcheck/food_set.h"
#include "mealcheck/i18n.h"
#include "mealcheck/menu.h"
#include "mealcheck/recipe.h"
#include "mealcheck/session.h"
#include "mealcheck/standard.h"
#include "mealcheck/version.h"

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

enum mc_outcome cli_check_outcome(const struct mc_check *c, const struct mc_food_set *fs)
{
    enum mc_outcome f = !fs ? MC_OUTCOME_COMPLIES
                        : !fs->complies ? MC_OUTCOME_FAILS
                        : fs->n_low || fs->n_high ? MC_OUTCOME_ADVISORY
                                                  : MC_OUTCOME_COMPLIES;
    return f > c->outcome ? f : c->outcome;
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

static void json_status(FILE *f, enum mc_status s)
{
    static const char *const names[] = {
        [MC_STATUS_OK] = "ok", [MC_STATUS_LOW] = "low", [MC_STATUS_HIGH] = "high",
        [MC_STATUS_INSUFFICIENT] = "insufficient_data",
    };
    if (s == MC_STATUS_NONE)
        fputs("null", f);
    else
        fprintf(f, "\"%s\"", names[s]);
}

static void json_reason(FILE *f, enum mc_undecided why)
{
    if (why == MC_UNDECIDED_NO)
        fputs("null", f);
    else
        fprintf(f, "\"%s\"", mc_undecided_key(why));
}

static void json_value(FILE *f, const struct mc_check_value *v)
{
    fputs("\"value\":", f);
    cli_json_number(f, v->value);
    fputs(",\"coverage\":", f);
    cli_json_number(f, v->coverage);
    fputs(",\"min\":", f);
    cli_json_number(f, v->lo);
    fputs(",\"max\":", f);
    cli_json_number(f, v->hi);
    fputs(",\"reference\":", f);
    cli_json_number(f, v->ref);
    fputs(",\"pct_of_norm\":", f);
    cli_json_number(f, v->pct_of_norm);
    fputs(",\"status\":", f);
    json_status(f, v->status);
}

static void json_bound(FILE *f, const struct mc_check_result *r,
                       const struct mc_norm_row *row, size_t sub, double base,
                       int verified)
{
    if (!row) {
        fputs("null", f);
        return;
    }
    fprintf(f, "{\"kind\":\"%s\",\"value\":", mc_bound_kind_name(row->kind));
    cli_json_number(f, row->value);
    fputs(",\"after_tolerance\":", f);
    cli_json_number(f, base);
    fputs(",\"unit\":", f);
    cli_json_string(f, row->unit);
    fputs(",\"group\":", f);
    cli_json_string(f, r->subs[sub].group->id);
    fputs(",\"rule\":", f);
    cli_json_string(f, row->rule);
    fputs(",\"effective_from\":", f);
    cli_json_date(f, row->effective_from);
    fputs(",\"effective_to\":", f);
    cli_json_date(f, row->effective_to);
    fprintf(f, ",\"verified\":%s,\"line\":%ld,\"note\":", verified ? "true" : "false",
            row->line);
    cli_json_string(f, row->note);
    fputc('}', f);
}

static void json_item(FILE *f, const struct mc_check *c,
                      const struct mc_check_result *r, const struct mc_check_item *it)
{
    static const char *const verdicts[] = {
        [MC_VERDICT_PASS] = "pass", [MC_VERDICT_FAIL] = "fail",
        [MC_VERDICT_ADVISORY] = "advisory",
        [MC_VERDICT_INSUFFICIENT] = "insufficient_data",
    };
    fprintf(f, "{\"nutrient\":\"%s\",\"unit\":\"%s\",\"measure\":\"%s\",\"meal\":",
            mc_nutrient_info(it->nutrient)->key,
            it->pct_energy ? "pct_energy" : mc_nutrient_info(it->nutrient)->unit,
            it->pct_energy ? "pct_energy" : "amount");
    if (it->meal)
        cli_json_string(f, it->meal);
    else
        fputs("null", f);
    fputs(",\"min\":", f);
    json_bound(f, r, it->lo_row, it->lo_sub, it->lo_base, it->lo_verified);
    fputs(",\"max\":", f);
    json_bound(f, r, it->hi_row, it->hi_sub, it->hi_base, it->hi_verified);
    fputs(",\"average\":{", f);
    json_value(f, &it->avg);
    fputs("},\"days\":[", f);
    for (size_t d = 0; d < c->menu->n_days; d++) {
        fprintf(f, "%s{\"week\":%d,\"day\":%d,", d ? "," : "", c->menu->days[d].week,
                c->menu->days[d].day);
        json_value(f, &it->days[d]);
        fputc('}', f);
    }
    fprintf(f, "],\"days_out\":%d,\"days_judged\":%d,\"verdict\":\"%s\",\"decides\":%s,"
               "\"subgroups\":[",
            it->days_out, it->days_judged, verdicts[it->verdict],
            mc_check_item_decides(it) ? "true" : "false");
    for (size_t s = 0; s < r->n_subs; s++) {
        fprintf(f, "%s{\"group\":", s ? "," : "");
        cli_json_string(f, r->subs[s].group->id);
        fputc(',', f);
        json_value(f, &it->sub_avg[s]);
        fputc('}', f);
    }
    fputs("]}", f);
}

void cli_check_json(FILE *f, const struct mc_check *c, const struct mc_food_set *fs,
                    const struct mc_recipe_book *book, double budget,
                    const char *currency)
{
    const struct mc_menu *m = c->menu;
    char date[16];
    fprintf(f, "{\"mealcheck_version\":\"%s\",\"menu\":", MC_VERSION);
    cli_json_string(f, m->path);
    enum mc_outcome o = cli_check_outcome(c, fs);
    fprintf(f, ",\"date\":\"%s\",\"average\":\"%s\",\"weighted\":%s,\"complies\":%s,"
               "\"outcome\":\"%s\",\"undecided_reason\":",
            mc_date_format(date, sizeof date, c->date),
            c->average == MC_AVERAGE_TOTALS ? "totals" : "days",
            m->weighted ? "true" : "false", o == MC_OUTCOME_COMPLIES ? "true" : "false",
            mc_outcome_key(o));
    json_reason(f, o == MC_OUTCOME_UNDECIDED ? c->why : MC_UNDECIDED_NO);
    fputs(",\"meals\":[", f);
    for (size_t k = 0; k < m->n_meal_names; k++) {
        fputs(k ? "," : "", f);
        cli_json_string(f, m->meal_names[k]);
    }
    fputs("],\"days\":[", f);
    for (size_t d = 0; d < m->n_days; d++)
        fprintf(f, "%s{\"week\":%d,\"day\":%d,\"name\":\"%s\"}", d ? "," : "",
                m->days[d].week, m->days[d].day, mc_day_name(m->days[d].day));
    fputs("],\"results\":[", f);
    for (size_t i = 0; i < c->n_results; i++) {
        const struct mc_check_result *r = &c->results[i];
        fputs(i ? ",{\"standard\":" : "{\"standard\":", f);
        cli_json_string(f, r->std->id);
        fputs(",\"title\":", f);
        cli_json_string(f, r->std->title);
        fputs(",\"superseded_by\":", f);
        if (mc_standard_superseded(r->std, c->date))
            cli_json_string(f, r->std->superseded_by);
        else
            fputs("null", f);
        fputs(",\"group\":", f);
        cli_json_string(f, r->spec->text);
        fprintf(f, ",\"per\":\"%s\",\"judge\":\"%s\",\"share_of_day\":",
                r->std->per == MC_PER_DAY ? "day" : "meal",
                r->std->judge == MC_JUDGE_EACH_DAY ? "each_day" : "week_average");
        if (r->std->per == MC_PER_DAY) {
            fputs("{\"min_pct\":", f);
            cli_json_number(f, r->share_lo);
            fputs(",\"max_pct\":", f);
            cli_json_number(f, r->share_hi);
            fprintf(f, ",\"verified\":%s,\"source\":\"%s\"}",
                    r->shares_verified ? "true" : "false",
                    !r->n_shares ? "whole_day"
                    : (size_t)r->shares_assumed == r->n_shares ? "meal_share_option"
                    : r->shares_assumed ? "standard_and_meal_share_option" : "standard");
        } else {
            fputs("null", f);
        }
        fputs(",\"subgroups\":[", f);
        for (size_t s = 0; s < r->n_subs; s++) {
            const struct mc_norm_group *g = r->subs[s].group;
            fprintf(f, "%s{\"id\":", s ? "," : "");
            cli_json_string(f, g->id);
            fprintf(f, ",\"age_min\":%d,\"age_max\":%d,\"sex\":\"%s\",\"children\":%ld}",
                    g->age_min, g->age_max, mc_sex_name(g->sex), r->subs[s].children);
        }
        fputs("],\"unjudged_meals\":[", f);
        for (size_t k = 0; k < r->n_unjudged; k++) {
            fputs(k ? "," : "", f);
            cli_json_string(f, r->unjudged_meals[k]);
        }
        fprintf(f, "],\"complies\":%s,\"outcome\":\"%s\",\"undecided_reason\":",
                r->complies ? "true" : "false", mc_outcome_key(r->outcome));
        json_reason(f, r->why);
        fprintf(f, ",\"counts\":{\"fail\":%d,\"advisory\":%d,"
                   "\"insufficient_data\":%d,\"pass\":%d,\"deciding\":%d,\"advising\":%d},"
                   "\"items\":[",
                r->n_fail, r->n_advisory, r->n_insufficient, r->n_pass, r->n_deciding,
                (int)r->n_items - r->n_deciding);
        for (size_t k = 0; k < r->n_items; k++) {
            fputs(k ? "," : "", f);
            json_item(f, c, r, &r->items[k]);
        }
        fputs("]}", f);
    }
    fputs("],", f);
    cli_json_inputs(f, book, m, budget, currency);
    if (fs) {
        fputs(",\"food_set\":", f);
        cli_food_set_json(f, fs);
    }
    fputs("}\n", f);
}
