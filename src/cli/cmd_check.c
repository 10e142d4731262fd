/*
 * cmd_check.c - `mealcheck check`: judge a menu against norm sets, print the
 * verdict (failing nutrients first) and optionally write the Excel report.
 * JSON output is documented in docs/check-json.md.
 */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/check.h"
#include "mealcheck/csv.h"
#include "mealcheck/document.h"
#include "mealcheck/food_db.h"
#include "mealcheck/food_set.h"
#include "mealcheck/i18n.h"
#include "mealcheck/menu.h"
#include "mealcheck/recipe.h"
#include "mealcheck/report_xlsx.h"
#include "mealcheck/session.h"
#include "mealcheck/standard.h"

static const char usage[] = N_(
    /* xgettext:no-c-format */
    "usage: mealcheck check --recipes FILE --menu FILE --standard ID [--standard ID...]\n"
    "                       --group G [--group G...] [--date YYYY-MM-DD]\n"
    "                       [--meal-share MEAL=MIN-MAX...] [--average days|totals]\n"
    "                       [--title TEXT] [-o|--output REPORT.xlsx]\n"
    "                       [--format text|json] [--cooking DIR]\n"
    "                       [--food-set ID [--food-set-share MIN-MAX]\n"
    "                        [--food-set-tolerance PCT]]\n"
    "                       [--budget AMOUNT] [--currency LABEL] [--aliases FILE]\n"
    "  G is a group id of the norm set (ru_7_11), an age band with an optional sex\n"
    "  (7-11, 12+, 9-13:female) or a roster ('14 boys and 12 girls aged 9-13').\n"
    "  --meal-share holds the meals to a share of whole-day norms (in % of the\n"
    "  day), e.g. --meal-share breakfast=20-25 --meal-share lunch=30-35\n"
    "  --food-set checks net grams per food group per child per day, averaged\n"
    "  over the menu, against a food set of food_composition/food_sets/norms\n"
    "  (ru_sanpin_3590_20_app7) for the first --group, as the share (in % of\n"
    "  the day's set, default 100) the menu supplies, within PCT % (default 0)\n"
    "  --budget is what one child's food may cost a day, compared with each\n"
    "  day's cost from the price columns (docs/formats.md); --currency labels\n"
    "  the amounts (KZT).  Neither changes whether the menu complies.\n"
    "  --aliases FILE names foods in the caterer's own words (docs/formats.md).\n"
    "  Shares given with --meal-share are your rule: they replace the set's own\n"
    "  for the meals they name and decide (a set's unverified share only advises).\n"
    "  exit status: 0 the menu complies, 3 it does not, 6 it complies with the\n"
    "  verified norms but advisory (unverified) norms are not met, 7 compliance\n"
    "  cannot be decided (no verified norm, or too little data), 2 bad input,\n"
    "  1 failure\n");

struct args {
    struct cli_check_args c;
    const char *out, *title;
    struct cli_food_set_args food;
};

static int opt_food_set_share(const struct cli_option *o, const char *name,
                              const char *v, const char *u)
{
    (void)name;
    struct cli_food_set_args *food = o->target;
    struct mc_meal_share sh;
    char meal[8], text[96];
    snprintf(text, sizeof text, "day=%s", v);
    if (!mc_meal_share_parse(text, &sh, meal, sizeof meal) || sh.min_pct <= 0)
        return cli_usage_error(u, "--food-set-share: expected MIN-MAX "
                                      "(%% of the day, e.g. 50-60), got '%s'", v);
    food->share_lo = sh.min_pct;
    food->share_hi = sh.max_pct;
    return 0;
}

static int opt_food_set_tolerance(const struct cli_option *o, const char *name,
                                  const char *v, const char *u)
{
    (void)name;
    double *pct = o->target;
    if (!mc_parse_number(v, pct) || *pct < 0 || *pct > 100)
        return cli_usage_error(u, "--food-set-tolerance: expected a "
                                      "percentage 0-100, got '%s'", v);
    return 0;
}

static int parse_args(int argc, char **argv, struct args *a)
{
    /* check's own options: the report and the food set. */
    const struct cli_option own[] = {
        {"--output", 'o', 1, &a->out, cli_opt_xlsx, 0, NULL},
        CLI_OPT_STRING("--title", &a->title),
        CLI_OPT_STRING("--food-set", &a->food.id),
        CLI_OPT_CALL("--food-set-share", &a->food, opt_food_set_share, 0),
        CLI_OPT_CALL("--food-set-tolerance", &a->food.tolerance_pct,
                     opt_food_set_tolerance, 0),
        CLI_OPT_END,
    };
    int rc = cli_check_args_parse(argc, argv, usage, own, &a->c);
    if (rc)
        return rc;
    a->food.group = a->c.groups[0];
    if (!a->food.share_hi)
        a->food.share_lo = a->food.share_hi = 100;
    return 0;
}

/* ---- text ---------------------------------------------------------------- */

static int decimals(const struct mc_check_item *it)
{
    return it->pct_energy ? 1 : mc_nutrient_info(it->nutrient)->decimals;
}

static const char *unit(const struct mc_check_item *it)
{
    /* xgettext:no-c-format */
    return it->pct_energy ? _("% kcal") : mc_nutrient_unit(it->nutrient);
}

static const char *fmt_norm(char *buf, size_t size, const struct mc_check_item *it,
                            const struct mc_check_value *v)
{
    int d = decimals(it);
    if (!isnan(v->lo) && !isnan(v->hi))
        snprintf(buf, size, "%.*f-%.*f", d, v->lo, d, v->hi);
    else if (!isnan(v->lo))
        snprintf(buf, size, ">= %.*f", d, v->lo);
    else
        snprintf(buf, size, "<= %.*f", d, v->hi);
    return buf;
}

static void print_result(FILE *f, const struct mc_check_result *r, int date)
{
    char label[512], norm[64], val[32], pct[16], cov[16], name[160], days[16], st[96];
    char c[9][256], text[4096];
    fprintf(f, _("\n== %s, group %s: %s (%d fail, %d advisory, %d insufficient data, "
                 "%d pass)\n"),
            r->std->id, mc_check_group_label(r, label, sizeof label),
            mc_check_outcome_label(r, text, sizeof text), r->n_fail,
            r->n_advisory, r->n_insufficient, r->n_pass);
    fprintf(f, "   %s\n", mc_standard_title(r->std));
    if (mc_standard_superseded(r->std, date)) {
        char d[16], t[16];
        fprintf(f, _("   NO LONGER IN FORCE on %s: ended on %s, replaced by %s\n"),
                mc_date_format(d, sizeof d, date),
                mc_date_format(t, sizeof t, r->std->effective_to), r->std->superseded_by);
    }
    fprintf(f, "   %s\n", mc_check_decided_label(r, text, sizeof text));
    if (r->n_subs > 1 || r->subs[0].children) {
        fputs(_("   subgroups:"), f);
        for (size_t s = 0; s < r->n_subs; s++) {
            const struct mc_norm_group *g = r->subs[s].group;
            fprintf(f, "%s %s (%d-%d, %s", s ? "," : "", g->id, g->age_min, g->age_max,
                    _(mc_sex_name(g->sex)));
            if (r->subs[s].children)
                fprintf(f, mc_ngettext(", %ld child", ", %ld children",
                                       (unsigned long)r->subs[s].children),
                        r->subs[s].children);
            fputc(')', f);
        }
        fputs(_("; the strictest bound binds (BINDS)\n"), f);
    }
    char shares[256];
    if (*mc_check_share_label(r, shares, sizeof shares))
        fprintf(f, "   %s\n", shares);
    for (size_t i = 0; i < r->n_unjudged; i++)
        fprintf(f, _("   %s: no norms for this meal in %s\n"), r->unjudged_meals[i],
                r->std->id);
    fprintf(f, _("   judged on: %s\n"), r->std->judge == MC_JUDGE_EACH_DAY
                                            ? _("every day and the average")
                                            : _("the period average"));
    /* TRANSLATORS: the column headers of check's table; keep them short. */
    fprintf(f, "   %s %s %s %s  %s %s %s  %s %s\n",
            cli_pad(c[0], sizeof c[0], _("NUTRIENT"), -36, 0),
            cli_pad(c[1], sizeof c[1], _("NORM"), -16, 0),
            cli_pad(c[2], sizeof c[2], _("VALUE"), 10, 0),
            /* xgettext:no-c-format */
            cli_pad(c[3], sizeof c[3], _("% NORM"), 7, 0),
            cli_pad(c[4], sizeof c[4], _("STATUS"), -17, 0),
            cli_pad(c[5], sizeof c[5], _("DAYS OUT"), 8, 0),
            cli_pad(c[6], sizeof c[6], _("COVER"), 6, 0),
            cli_pad(c[7], sizeof c[7], _("BINDS"), -13, 0), _("VERDICT"));
    size_t *idx = malloc((r->n_items ? r->n_items : 1) * sizeof *idx);
    if (!idx)
        return;
    mc_check_order(r, idx);
    for (size_t k = 0; k < r->n_items; k++) {
        const struct mc_check_item *it = &r->items[idx[k]];
        const struct mc_check_value *v = &it->avg;
        snprintf(name, sizeof name, "%s (%s)%s%s", mc_nutrient_name(it->nutrient),
                 unit(it), it->meal ? ", " : "", it->meal ? mc_meal_label(it->meal) : "");
        if (isnan(v->value))
            snprintf(val, sizeof val, "%s", _("unknown"));
        else
            snprintf(val, sizeof val, "%.*f", decimals(it), v->value);
        if (isnan(v->pct_of_norm))
            snprintf(pct, sizeof pct, "-");
        else
            snprintf(pct, sizeof pct, "%.0f%%", v->pct_of_norm);
        snprintf(cov, sizeof cov, "%.0f%%", v->coverage * 100.0);
        snprintf(days, sizeof days, "%d/%d", it->days_out, it->days_judged);
        size_t bind;
        mc_check_binding(it, NULL, &bind, NULL);
        fprintf(f, "   %s %-16s %s %7s  %s %8s %6s  %-13s %s\n",
                cli_pad(c[0], sizeof c[0], name, -36, 0),
                fmt_norm(norm, sizeof norm, it, v),
                cli_pad(c[2], sizeof c[2], val, 10, 0), pct,
                cli_pad(c[4], sizeof c[4], mc_value_status_label(v, st, sizeof st), -17, 0),
                days, cov,
                r->n_subs > 1 ? r->subs[bind].group->id : "", mc_verdict_name(it->verdict));
    }
    free(idx);
}

static void print_text(FILE *f, const struct mc_check *c, const struct mc_food_set *fs,
                       const struct mc_recipe_book *book, const struct args *a)
{
    const struct mc_menu *m = c->menu;
    char date[16];
    fprintf(f, "%s: ", m->path);
    fprintf(f, mc_ngettext("%zu week", "%zu weeks", m->n_weeks), m->n_weeks);
    fputs(", ", f);
    fprintf(f, mc_ngettext("%zu day", "%zu days", m->n_days), m->n_days);
    fputs(_("; meals:"), f);
    for (size_t k = 0; k < m->n_meal_names; k++)
        fprintf(f, "%s %s", k ? "," : "", mc_meal_label(m->meal_names[k]));
    fprintf(f, _("\nnorms in force on %s; period average: %s%s\n"),
            mc_date_format(date, sizeof date, c->date),
            c->average == MC_AVERAGE_TOTALS ? _("total over total (planned meals)")
                                            : _("mean of days"),
            m->weighted ? _("; weighted by planned servings") : "");
    cli_text_columns(f, book->path, book->columns);
    cli_text_columns(f, m->path, m->columns);
    cli_text_cost(f, m, a->c.budget, a->c.currency);
    for (size_t i = 0; i < c->n_results; i++)
        print_result(f, &c->results[i], c->date);
    if (fs)
        cli_food_set_text(f, fs);
    fprintf(f, _("\nRESULT: %s\n"), mc_outcome_sentence(mc_session_outcome(c, fs), c->why));
}

/* ---- the command ------------------------------------------------------------ */

int cmd_check(int argc, char **argv, struct cli_ctx *ctx)
{
    struct args a = {0};
    int st = parse_args(argc, argv, &a);
    if (st)
        return st < 0 ? CLI_EXIT_OK : st;
    struct mc_err err = {0};
    struct mc_standard_set *set = NULL;
    struct mc_session s = {0};
    struct mc_food_db_provenance prov = {0};
    struct cli_food_set food = {0};
    char *typed = NULL;
    int status = CLI_EXIT_FAILURE;
    struct mc_session_opts o = cli_check_session_opts(ctx, &a.c);
    o.check = &a.c.opts;

    if (mc_standard_set_load(ctx->standards_dir, &set, &err))
        goto fail;
    o.standards = set;
    if (mc_session_open(&o, &s, &err) ||
        (a.food.id && cli_food_set_open(ctx, &a.food, s.menu, s.db, &food, &err)))
        goto fail;
    /* The report lists them too, on its Data quality sheet. */
    if (mc_err_warnings(&err) && !(typed = strdup(mc_err_warnings(&err)))) {
        mc_err_set(&err, MC_ERR_NOMEM, "out of memory");
        goto fail;
    }
    cli_warnings(&err);
    if (a.out) {
        if (mc_food_db_provenance(s.db, &prov, &err))
            goto fail;
        struct mc_report rep = {.check = s.check, .book = s.book, .prov = &prov,
                                .title = a.title, .food_set = food.result,
                                .budget = a.c.budget, .currency = a.c.currency,
                                .warnings = typed, .db = s.db};
        if (mc_report_xlsx_write(&rep, a.out, &err))
            goto fail;
    }
    if (a.c.fmt == CLI_FORMAT_JSON)
        mc_document_check(stdout, s.check, food.result, s.book, a.c.budget, a.c.currency);
    else
        print_text(stdout, s.check, food.result, s.book, &a);
    if (a.out && a.c.fmt == CLI_FORMAT_TEXT)
        printf(_("report written to %s\n"), a.out);
    status = cli_outcome_status(mc_session_outcome(s.check, food.result));
    goto done;
fail:
    status = cli_fail(&err);
done:
    free(typed);
    mc_food_db_provenance_release(&prov);
    cli_food_set_close(&food);
    mc_session_close(&s);
    mc_standard_set_free(set);
    mc_err_release(&err);
    return status;
}
