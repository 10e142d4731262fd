/*
 * cmd_suggest.c - `mealcheck suggest`: the smallest change that makes a
 * failing menu comply (mealcheck/suggest.h), proven by the check, as text
 * or JSON (docs/suggest.md); --apply -o writes the changed menu.
 */
#include "cli.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/check.h"
#include "mealcheck/csv.h"
#include "mealcheck/i18n.h"
#include "mealcheck/menu.h"
#include "mealcheck/food_db.h"
#include "mealcheck/recipe.h"
#include "mealcheck/report_xlsx.h"
#include "mealcheck/session.h"
#include "mealcheck/standard.h"
#include "mealcheck/document.h"
#include "mealcheck/suggest.h"

static const char usage[] = N_(
    /* xgettext:no-c-format */
    "usage: mealcheck suggest --recipes FILE --menu FILE --standard ID [--standard ID...]\n"
    "                         --group G [--group G...] [--date YYYY-MM-DD]\n"
    "                         [--meal-share MEAL=MIN-MAX...] [--average days|totals]\n"
    "                         [--vary PCT] [--min-portion GRAMS] [--swap]\n"
    "                         [--add NAME[=GRAMS]...] [--objective changes|cost]\n"
    "                         [--budget AMOUNT] [--currency LABEL]\n"
    "                         [--format text|json] [--cooking DIR] [--aliases FILE]\n"
    "                         [--apply -o FIXED-MENU.csv|.xlsx]\n"
    "                         [--report REPORT.xlsx [--title TEXT]]\n"
    "  Finds the fewest and smallest changes that make the menu comply with the\n"
    "  norms as 'mealcheck check' judges them (the same options), checks the\n"
    "  changed menu again and shows each change and each nutrient before -> after.\n"
    "  --vary: how far a portion may move, in % of the card's portion (default 25)\n"
    "  --min-portion: no portion below this many grams (default: by the dish's\n"
    "  course: soup 150, main 60, side 100, salad 50, drink 150, bakery 20,\n"
    "  porridge 120, dessert 50, fruit 80)\n"
    "  --swap: a dish may be swapped for another recipe of its course (the\n"
    "  book's course column), one swap a serving at most\n"
    "  --add: an item (a recipe of the book, or a food) that may be added to any\n"
    "  meal, at GRAMS (default: the card's portion; a food: 100 g) +- --vary\n"
    "  --objective cost: the cheapest menu per child a day (needs prices)\n"
    "  --budget: the most one child's day may cost (needs prices)\n"
    "  --report: the check report of the menu as given (as 'mealcheck check -o')\n"
    "  with a Suggestions sheet: each change, the nutrients it moves, the new\n"
    "  verdict, or the norms that cannot be met together\n"
    "  When no change can comply, says which norms cannot be met together and by\n"
    "  how much.\n"
    "  exit status: 0 a change was found (or none is needed), 3 no change within\n"
    "  the bounds complies, 2 bad input, 1 failure\n");

struct args {
    struct cli_check_args c;
    const char *out, *report, *title;
    struct mc_suggest_add adds[CLI_MAX_ARGS];
    char add_names[CLI_MAX_ARGS][256];
    struct mc_suggest_opts opts;
    int apply;
};

static int opt_output(const struct cli_option *o, const char *name, const char *v,
                      const char *u)
{
    size_t n = strlen(v);
    if (!(n > 4 && !strcasecmp(v + n - 4, ".csv")) &&
        !(n > 5 && !strcasecmp(v + n - 5, ".xlsx")))
        return cli_usage_error(u, "%s: expected a menu file name ending in "
                                      ".csv or .xlsx, got '%s'", name, v);
    *(const char **)o->target = v;
    return 0;
}

static int opt_vary(const struct cli_option *o, const char *name, const char *v,
                    const char *u)
{
    (void)name;
    double *pct = o->target;
    if (!mc_parse_number(v, pct) || !(*pct > 0) || *pct > 100)
        return cli_usage_error(u, "--vary: expected a percentage above 0 and "
                                      "at most 100, got '%s'", v);
    return 0;
}

static int opt_min_portion(const struct cli_option *o, const char *name, const char *v,
                           const char *u)
{
    (void)name;
    double *g = o->target;
    if (!mc_parse_number(v, g) || *g < 0)
        return cli_usage_error(u, "--min-portion: expected grams, got '%s'", v);
    return 0;
}

static int opt_add(const struct cli_option *o, const char *name, const char *v,
                   const char *u)
{
    struct args *a = o->target;
    size_t k = a->opts.n_adds;
    if (k >= CLI_MAX_ARGS)
        return cli_usage_error(u, "at most %d %s options", CLI_MAX_ARGS, name);
    if (!mc_suggest_add_parse(v, &a->adds[k], a->add_names[k], sizeof a->add_names[k]))
        return cli_usage_error(u, "--add: expected NAME or NAME=GRAMS (a recipe "
                                      "of the book or a food), got '%s'", v);
    a->opts.adds = a->adds;
    a->opts.n_adds++;
    return 0;
}

static int opt_objective(const struct cli_option *o, const char *name, const char *v,
                         const char *u)
{
    (void)name;
    enum mc_suggest_objective *obj = o->target;
    if (!strcmp(v, "changes"))
        *obj = MC_SUGGEST_CHANGES;
    else if (!strcmp(v, "cost"))
        *obj = MC_SUGGEST_COST;
    else
        return cli_usage_error(u, "--objective: expected 'changes' or 'cost', "
                                      "got '%s'", v);
    return 0;
}

static int parse_args(int argc, char **argv, struct args *a)
{
    /* suggest's own options: the bounds, the additions, the objective, --apply. */
    const struct cli_option own[] = {
        CLI_OPT_FLAG("--apply", &a->apply),
        CLI_OPT_FLAG("--swap", &a->opts.swap),
        {"--output", 'o', 1, &a->out, opt_output, 0, NULL},
        CLI_OPT_CALL("--report", &a->report, cli_opt_xlsx, 0),
        CLI_OPT_STRING("--title", &a->title),
        CLI_OPT_CALL("--vary", &a->opts.vary_pct, opt_vary, 0),
        CLI_OPT_CALL("--min-portion", &a->opts.min_portion_g, opt_min_portion, 0),
        CLI_OPT_CALL("--add", a, opt_add, 0),
        CLI_OPT_CALL("--objective", &a->opts.objective, opt_objective, 0),
        CLI_OPT_END,
    };
    int rc = cli_check_args_parse(argc, argv, usage, own, &a->c);
    if (rc)
        return rc;
    a->opts.budget = a->c.budget;
    if (a->apply != (a->out != NULL))
        return cli_usage_error(usage, a->apply ? "--apply needs -o FIXED-MENU.csv or .xlsx"
                                               : "-o writes the changed menu: give "
                                                 "--apply too");
    return 0;
}

/* ---- shared wording ------------------------------------------------------ */

static const char *item_name(const struct mc_check_item *it, char *buf, size_t size)
{
    /* xgettext:no-c-format */
    snprintf(buf, size, "%s (%s)%s%s", mc_nutrient_name(it->nutrient),
             it->pct_energy ? _("% kcal") : mc_nutrient_unit(it->nutrient),
             it->meal ? ", " : "", it->meal ? it->meal : "");
    return buf;
}

static int decimals(const struct mc_check_item *it)
{
    return it->pct_energy ? 1 : mc_nutrient_info(it->nutrient)->decimals;
}

static const char *fmt_value(double v, int d, char *buf, size_t size)
{
    if (isnan(v))
        snprintf(buf, size, "%s", _("unknown"));
    else
        snprintf(buf, size, "%.*f", d, v);
    return buf;
}

static const char *scope_text(const struct mc_menu *m, long day, char *buf, size_t size)
{
    if (day < 0)
        snprintf(buf, size, "%s", _("period average"));
    else
        snprintf(buf, size, _("week %d %s"), m->days[day].week,
                 _(mc_day_name(m->days[day].day)));
    return buf;
}

/* ---- text ------------------------------------------------------------------ */

static void text_changes(FILE *f, const struct mc_suggestion *s, const char *currency)
{
    fprintf(f, mc_ngettext("%zu change (proven: the changed menu is checked again):\n",
                           "%zu changes (proven: the changed menu is checked again):\n",
                           s->n_changes), s->n_changes);
    for (size_t i = 0; i < s->n_changes; i++) {
        const struct mc_suggest_change *c = &s->changes[i];
        fprintf(f, _("  week %d %s, %s: "), c->week, _(mc_day_name(c->day)), c->meal);
        if (c->added)
            fprintf(f, _("add %s, %.1f g"), c->dish, c->new_g);
        else if (c->swap_for)
            fprintf(f, _("swap %s %.1f g for %s %.1f g"), c->dish, c->old_g, c->swap_for,
                    c->new_g);
        else
            fprintf(f, _("%s %.1f g -> %.1f g (%+.0f %%)"), c->dish, c->old_g, c->new_g,
                    100.0 * (c->new_g - c->old_g) / c->old_g);
        if (!isnan(c->new_cost) && !isnan(c->old_cost))
            fprintf(f, _(", cost %+.2f%s%s"), c->new_cost - c->old_cost,
                    currency ? " " : "", currency ? currency : "");
        fputc('\n', f);
    }
    if (!isnan(s->cost_before) && !isnan(s->cost_after))
        fprintf(f, _("cost per child a day: %.2f -> %.2f%s%s (%+.2f)\n"), s->cost_before,
                s->cost_after, currency ? " " : "", currency ? currency : "",
                s->cost_after - s->cost_before);
    char label[512], name[160], x[32], y[32];
    fputs(_("before -> after (period average):\n"), f);
    for (size_t r = 0; r < s->before->n_results; r++) {
        const struct mc_check_result *rb = &s->before->results[r];
        const struct mc_check_result *ra = &s->after->results[r];
        for (size_t i = 0; i < rb->n_items && i < ra->n_items; i++) {
            const struct mc_check_item *b = &rb->items[i], *a = &ra->items[i];
            if (!mc_suggest_moved(b, a))
                continue;
            int d = decimals(b);
            fprintf(f, "  %s %s: %s %s -> %s  %s -> %s\n", rb->std->id,
                    mc_check_group_label(rb, label, sizeof label),
                    item_name(b, name, sizeof name), fmt_value(b->avg.value, d, x, sizeof x),
                    fmt_value(a->avg.value, d, y, sizeof y), mc_verdict_name(b->verdict),
                    mc_verdict_name(a->verdict));
        }
    }
}

static void text_conflicts(FILE *f, const struct mc_suggestion *s, const struct args *a)
{
    const struct mc_menu *m = s->before->menu;
    char label[512], name[160], scope[64];
    fprintf(f, _("no change within the bounds (portions +-%g %% of the card's, never "
                 "below the least portion, %zu item(s) to add%s%s) makes %s comply.\n"),
            a->opts.vary_pct > 0 ? a->opts.vary_pct : 25, a->opts.n_adds,
            a->opts.swap ? _(", swaps") : "", a->opts.budget > 0 ? _(", the budget") : "",
            m->path);
    for (size_t i = 0; i < s->n_conflicts; i++) {
        const struct mc_suggest_conflict *c = &s->conflicts[i];
        const struct mc_check_result *r = &s->before->results[c->result];
        const struct mc_check_item *it = &r->items[c->item];
        int d = decimals(it);
        if (!i || c->set != s->conflicts[i - 1].set) {
            size_t n = 1;
            while (i + n < s->n_conflicts && s->conflicts[i + n].set == c->set)
                n++;
            if (!c->set)
                fputs(_("the norms the closest compromise misses or holds at their "
                        "limit:\n"), f);
            else if (n == 1)
                fputs(_("this norm cannot be met even alone:\n"), f);
            else if (s->irreducible)
                fprintf(f, _("these %zu norms cannot be met together (without any one of "
                             "them the others can):\n"), n);
            else
                fprintf(f, _("these %zu norms cannot be met together:\n"), n);
        }
        fprintf(f, "  %s %s, %s, %s: %s %.*f", r->std->id,
                mc_check_group_label(r, label, sizeof label),
                item_name(it, name, sizeof name), scope_text(m, c->day, scope, sizeof scope),
                c->hi ? _("at most") : _("at least"), d, c->bound);
        if (c->shortfall > 0) {
            fprintf(f, _(": the closest the dishes come is %.*f, %s by %.*f (%.0f %%)"), d,
                    c->reach, c->hi ? _("over") : _("short"), d, c->shortfall,
                    100.0 * c->shortfall / fabs(c->bound));
            if (!isnan(c->alone) && (c->hi ? c->alone > c->bound : c->alone < c->bound))
                fprintf(f, _("; even alone it cannot be met: the %s these dishes can "
                             "give is %.*f"), c->hi ? _("least") : _("most"), d, c->alone);
        } else {
            fprintf(f, _(": met at its limit, it holds the others back"));
        }
        fputc('\n', f);
    }
}

static void text_unknown(FILE *f, const struct mc_suggestion *s)
{
    char name[160];
    for (size_t i = 0; i < s->n_unknown; i++) {
        const struct mc_check_result *r = &s->before->results[s->unknown[i][0]];
        fprintf(f, _("not constrained: %s in %s is unknown (too little data), and "
                     "unknown is not taken for zero\n"),
                item_name(&r->items[s->unknown[i][1]], name, sizeof name), r->std->id);
    }
}

static void print_text(FILE *f, const struct mc_suggestion *s, const struct args *a)
{
    const struct mc_menu *m = s->before->menu;
    if (s->already_complies) {
        fprintf(f, _("%s violates no verified norm: nothing to change (%s)\n"),
                m->path, mc_outcome_sentence(s->before->outcome, s->before->why));
        return;
    }
    text_unknown(f, s);
    if (s->feasible) {
        fprintf(f, _("%s does not comply; the smallest change found (model: %d norm "
                     "rows, %d columns):\n"), m->path, s->rows, s->cols);
        if (!s->optimal)
            fputs(_("(the best change found within the solver's search limit; a "
                    "smaller one may exist)\n"), f);
        text_changes(f, s, a->c.currency);
        fprintf(f, _("\nRESULT: with these changes %s (checked)\n"),
                mc_outcome_sentence(s->after->outcome, s->after->why));
    } else {
        text_conflicts(f, s, a);
        fprintf(f, "\n%s\n", _("RESULT: no change within the bounds makes the menu comply"));
    }
}

/* ---- the command ------------------------------------------------------------ */

int cmd_suggest(int argc, char **argv, struct cli_ctx *ctx)
{
    struct args a = {0};
    int st = parse_args(argc, argv, &a);
    if (st)
        return st < 0 ? CLI_EXIT_OK : st;
    struct mc_err err = {0};
    struct mc_standard_set *set = NULL;
    struct mc_session s = {0};
    struct mc_suggestion *sug = NULL;
    struct mc_food_db_provenance prov = {0};
    int status;
    struct mc_session_opts o = cli_check_session_opts(ctx, &a.c);

    /* The suggestion runs the check itself, before and after the change. */
    if (mc_standard_set_load(ctx->standards_dir, &set, &err))
        goto fail;
    o.standards = set;
    if (mc_session_open(&o, &s, &err) ||
        mc_suggest_run(s.menu, s.book, s.db, s.stds, s.n_stds, s.specs, s.n_specs,
                       &a.c.opts, &a.opts, &sug, &err))
        goto fail;
    cli_warnings(&err);
    const char *applied = NULL;
    if (a.out && sug->feasible) {
        if (mc_suggestion_write_menu(sug, a.out, &err))
            goto fail;
        applied = a.out;
    }
    if (a.report) {
        if (mc_food_db_provenance(s.db, &prov, &err))
            goto fail;
        struct mc_report rep = {.check = sug->before, .book = s.book, .prov = &prov,
                                .title = a.title, .budget = a.c.budget,
                                .currency = a.c.currency, .suggestion = sug,
                                .db = s.db};
        if (mc_report_xlsx_write(&rep, a.report, &err))
            goto fail;
    }
    if (a.c.fmt == CLI_FORMAT_JSON) {
        struct mc_json j;
        mc_json_init(&j, stdout);
        mc_document_suggestion(&j, sug, applied);
        fputc('\n', stdout);
    } else
        print_text(stdout, sug, &a);
    if (a.c.fmt == CLI_FORMAT_TEXT && applied)
        printf(_("changed menu written to %s\n"), applied);
    else if (a.c.fmt == CLI_FORMAT_TEXT && a.out && sug->already_complies)
        printf(_("%s not written: nothing to change\n"), a.out);
    if (a.c.fmt == CLI_FORMAT_TEXT && a.report)
        printf(_("report written to %s\n"), a.report);
    status = sug->feasible || sug->already_complies ? CLI_EXIT_OK : CLI_EXIT_NONCOMPLIANT;
    goto done;
fail:
    status = cli_fail(&err);
done:
    mc_food_db_provenance_release(&prov);
    mc_suggestion_free(sug);
    mc_session_close(&s);
    mc_standard_set_free(set);
    mc_err_release(&err);
    return status;
}
