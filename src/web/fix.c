/*
 * fix.c - how to fix a failing menu on the web: mealcheck/suggest.h run on
 * the check just done (same menu, norms, groups and meal shares), shown
 * below the result as each change and each nutrient before -> after, or
 * the norms that cannot be met together; and as the JSON of
 * `suggest --format json` in POST /api/check with "suggest": true.
 * The solver runs only when the check fails, and its time is bounded by
 * the library (a fixed amount of search: about 1.5 s here for the change,
 * as much again for the conflicting norms).
 */
#include "web.h"

#include <math.h>
#include <string.h>

#include "mealcheck/document.h"
#include "mealcheck/i18n.h"

mc_code web_fix_run(struct mc_food_db *db, const struct web_check_in *in,
                    const struct mc_check_opts *opts, struct web_check *c,
                    struct mc_err *err)
{
    if (!in->suggest || !c->check || c->check->outcome != MC_OUTCOME_FAILS)
        return MC_OK;
    struct mc_suggest_add adds[WEB_MAX_ARGS];
    size_t n = in->n_adds;
    if (n > WEB_MAX_ARGS)
        return mc_err_set(err, MC_ERR_USAGE, "suggest_add: at most %d items to add",
                          WEB_MAX_ARGS);
    for (size_t k = 0; k < n; k++)
        if (!mc_suggest_add_parse(in->adds[k], &adds[k], c->add_names[k],
                                   sizeof c->add_names[k]))
            return mc_err_set(err, MC_ERR_USAGE, "suggest_add: expected NAME or "
                              "NAME=GRAMS (a recipe of the book or a food), got '%s'",
                              in->adds[k]);
    const struct mc_suggest_opts so = {.adds = adds, .n_adds = n};
    return mc_suggest_run(c->menu, c->book, db, c->stds, in->n_stds, c->specs,
                          c->n_specs, opts, &so, &c->suggestion, err);
}

void web_fix_form_field(FILE *f, const char *adds)
{
    fprintf(f, "\"></label><label>%s <input name=\"suggest_add\" value=\"",
            _("If the menu fails, a fix may add (e.g. 01085=200, a food or recipe "
              "and grams; several separated by ',')"));
    web_html(f, adds);
}

void web_fix_json(struct mc_json *j, const struct web_check *c)
{
    if (c->suggestion)
        mc_document_suggestion(j, c->suggestion, NULL);
    else
        mc_json_null(j);
}

static void put_value(FILE *f, const struct mc_check_item *it, double v)
{
    if (isnan(v))
        fputs(_("unknown"), f);
    else
        fprintf(f, "%.*f", it->pct_energy ? 1 : mc_nutrient_info(it->nutrient)->decimals, v);
}

/* "us_dri 9-13, Calcium (mg), lunch" */
static void put_item(FILE *f, const struct mc_check_result *r, const struct mc_check_item *it)
{
    char label[512];
    web_html(f, r->std->id);
    fputc(' ', f);
    web_html(f, mc_check_group_label(r, label, sizeof label));
    fputs(", ", f);
    web_html(f, mc_nutrient_name(it->nutrient));
    fputs(" (", f);
    /* xgettext:no-c-format */
    web_html(f, it->pct_energy ? _("% kcal") : mc_nutrient_unit(it->nutrient));
    fputc(')', f);
    if (it->meal) {
        fputs(", ", f);
        web_html(f, mc_meal_label(it->meal));
    }
}

/* The dish of change c as the menu names it; a plain food as the reader
 * knows it. */
static void put_change_dish(FILE *f, struct mc_food_db *db, enum web_lang lang,
                            const struct mc_suggestion *s, const struct mc_suggest_change *c)
{
    const struct mc_menu *m = c->added ? s->menu : s->before->menu;
    size_t i = c->added ? c->new_serving : c->serving;
    const struct mc_serving *sv = m && i < m->n_servings ? &m->servings[i] : NULL;
    if (!sv || !web_put_food_local(f, db, lang, sv->food_id, c->dish))
        web_html(f, c->dish);
}

static void put_changes(FILE *f, struct mc_food_db *db, enum web_lang lang,
                        const struct mc_suggestion *s)
{
    fprintf(f, "<table class=\"fix-changes\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
               "<th>%s</th></tr></thead><tbody>\n", _("Day"), _("Meal"), _("Change"),
            _("Portion, g"));
    for (size_t i = 0; i < s->n_changes; i++) {
        const struct mc_suggest_change *c = &s->changes[i];
        fprintf(f, "<tr><td>");
        fprintf(f, _("week %d %s"), c->week, _(mc_day_name(c->day)));
        fputs("</td><td>", f);
        web_html(f, mc_meal_label(c->meal));
        fputs("</td><td>", f);
        if (c->added)
            fprintf(f, "%s ", _("add"));
        else if (c->swap_for)
            fprintf(f, "%s ", _("swap"));
        put_change_dish(f, db, lang, s, c);
        if (c->swap_for) {
            fprintf(f, " &rarr; ");
            web_html(f, c->swap_for);
        }
        fprintf(f, "</td><td>%.1f &rarr; %.1f</td></tr>\n", c->old_g, c->new_g);
    }
    fprintf(f, "</tbody></table>\n<table class=\"fix-nutrients\"><thead><tr><th>%s</th>"
               "<th>%s</th><th>%s</th></tr></thead><tbody>\n", _("Norm"),
            _("Average before &rarr; after"), _("Verdict before &rarr; after"));
    for (size_t r = 0; r < s->before->n_results; r++) {
        const struct mc_check_result *rb = &s->before->results[r];
        const struct mc_check_result *ra = &s->after->results[r];
        for (size_t i = 0; i < rb->n_items && i < ra->n_items; i++) {
            const struct mc_check_item *b = &rb->items[i], *a = &ra->items[i];
            if (!mc_suggest_moved(b, a))
                continue;
            fputs("<tr><td>", f);
            put_item(f, rb, b);
            fputs("</td><td>", f);
            put_value(f, b, b->avg.value);
            fputs(" &rarr; ", f);
            put_value(f, b, a->avg.value);
            fprintf(f, "</td><td>%s &rarr; %s</td></tr>\n", mc_verdict_name(b->verdict),
                    mc_verdict_name(a->verdict));
        }
    }
    fputs("</tbody></table>\n<p class=\"fix-outcome\">", f);
    fprintf(f, _("With these changes (checked again): %s"),
            mc_outcome_sentence(s->after->outcome, s->after->why));
    fputs("</p>\n", f);
}

/* The heading of conflict i's set, as `suggest` words it; NULL when i
 * continues the set above. */
static const char *set_heading(const struct mc_suggestion *s, size_t i, char *buf,
                               size_t size)
{
    const struct mc_suggest_conflict *c = &s->conflicts[i];
    if (i && c->set == s->conflicts[i - 1].set)
        return NULL;
    size_t n = 1;
    while (i + n < s->n_conflicts && s->conflicts[i + n].set == c->set)
        n++;
    if (!c->set)
        snprintf(buf, size, "%s", _("the norms the closest compromise misses or holds at "
                                    "their limit:\n"));
    else if (n == 1)
        snprintf(buf, size, "%s", _("this norm cannot be met even alone:\n"));
    else if (s->irreducible)
        snprintf(buf, size, _("these %zu norms cannot be met together (without any one of "
                              "them the others can):\n"), n);
    else
        snprintf(buf, size, _("these %zu norms cannot be met together:\n"), n);
    return buf;
}

/* What the closest compromise gives for conflict c, in `suggest`'s words:
 * ": the closest the dishes come is 2.7, short by 4.8 (64 %); even alone
 * it cannot be met: the most these dishes can give is 3.3". */
static void put_reach(FILE *f, const struct mc_check_item *it,
                      const struct mc_suggest_conflict *c)
{
    int d = it->pct_energy ? 1 : mc_nutrient_info(it->nutrient)->decimals;
    char text[1024];
    if (c->shortfall > 0) {
        int n = snprintf(text, sizeof text,
                         _(": the closest the dishes come is %.*f, %s by %.*f (%.0f %%)"), d,
                         c->reach, c->hi ? _("over") : _("short"), d, c->shortfall,
                         100.0 * c->shortfall / fabs(c->bound));
        if (n >= 0 && (size_t)n < sizeof text && !isnan(c->alone) &&
            (c->hi ? c->alone > c->bound : c->alone < c->bound))
            snprintf(text + n, sizeof text - (size_t)n,
                     _("; even alone it cannot be met: the %s these dishes can give is %.*f"),
                     c->hi ? _("least") : _("most"), d, c->alone);
    } else {
        snprintf(text, sizeof text, "%s", _(": met at its limit, it holds the others back"));
    }
    web_html(f, text);
}

/* The norms no change within the bounds meets, by set, as `suggest` lists
 * them. */
static void put_conflicts(FILE *f, const struct mc_suggestion *s)
{
    const struct mc_menu *m = s->before->menu;
    fprintf(f, "<p>%s</p>\n",
            /* xgettext:no-c-format */
            _("No change within the bounds (portions +-25 % of the card's, never below "
              "the least portion of the course) makes the menu comply. These norms "
              "cannot be met together:"));
    for (size_t i = 0; i < s->n_conflicts; i++) {
        const struct mc_suggest_conflict *c = &s->conflicts[i];
        const struct mc_check_result *r = &s->before->results[c->result];
        const struct mc_check_item *it = &r->items[c->item];
        char heading[512];
        if (set_heading(s, i, heading, sizeof heading)) {
            if (i)
                fputs("</ul>\n", f);
            heading[strcspn(heading, "\n")] = '\0';
            fputs("<p class=\"fix-set\">", f);
            web_html(f, heading);
            fputs("</p>\n<ul class=\"fix-conflicts\">", f);
        }
        fputs("<li>", f);
        put_item(f, r, it);
        fputs(", ", f);
        if (c->day < 0)
            fputs(_("period average"), f);
        else
            fprintf(f, _("week %d %s"), m->days[c->day].week, _(mc_day_name(m->days[c->day].day)));
        fprintf(f, ": %s ", c->hi ? _("at most") : _("at least"));
        put_value(f, it, c->bound);
        put_reach(f, it, c);
        fputs("</li>", f);
    }
    if (s->n_conflicts)
        fputs("</ul>\n", f);
}

void web_fix_page(FILE *f, struct mc_food_db *db, enum web_lang lang,
                  const struct web_check *c)
{
    const struct mc_suggestion *s = c->suggestion;
    if (!s || s->already_complies)
        return;
    fprintf(f, "<section id=\"fix\" data-feasible=\"%s\"><h2>%s</h2>\n",
            s->feasible ? "true" : "false", _("How to fix it"));
    if (s->feasible && !s->optimal)
        fprintf(f, "<p class=\"help\">%s</p>\n",
                _("(the best change found within the solver's search limit; a "
                  "smaller one may exist)"));
    if (s->feasible)
        put_changes(f, db, lang, s);
    else
        put_conflicts(f, s);
    fputs("</section>\n", f);
}
