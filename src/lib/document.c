/*
 * document.c - the check and food-search JSON documents (document.h).
 */
#include "mealcheck/document.h"

#include <math.h>

#include "mealcheck/check.h"
#include "mealcheck/food_db.h"
#include "mealcheck/food_set.h"
#include "mealcheck/menu.h"
#include "mealcheck/recipe.h"
#include "mealcheck/session.h"
#include "mealcheck/standard.h"
#include "mealcheck/suggest.h"
#include "mealcheck/version.h"

static void status(struct mc_json *j, enum mc_status s)
{
    static const char *const names[] = {
        [MC_STATUS_OK] = "ok", [MC_STATUS_LOW] = "low", [MC_STATUS_HIGH] = "high",
        [MC_STATUS_INSUFFICIENT] = "insufficient_data",
    };
    mc_json_member_string(j, "status", s == MC_STATUS_NONE ? NULL : names[s]);
}

static void reason(struct mc_json *j, enum mc_undecided why)
{
    mc_json_member_string(j, "undecided_reason",
                          why == MC_UNDECIDED_NO ? NULL : mc_undecided_key(why));
}

/* The members of a value: "value", "coverage", ..., "status". */
static void value(struct mc_json *j, const struct mc_check_value *v)
{
    mc_json_member_number(j, "value", v->value);
    mc_json_member_number(j, "coverage", v->coverage);
    mc_json_member_number(j, "min", v->lo);
    mc_json_member_number(j, "max", v->hi);
    mc_json_member_number(j, "reference", v->ref);
    mc_json_member_number(j, "pct_of_norm", v->pct_of_norm);
    status(j, v->status);
}

static void bound(struct mc_json *j, const char *key, const struct mc_check_result *r,
                  const struct mc_norm_row *row, size_t sub, double base, int verified)
{
    mc_json_key(j, key);
    if (!row) {
        mc_json_null(j);
        return;
    }
    mc_json_object_begin(j);
    mc_json_member_string(j, "kind", mc_bound_kind_name(row->kind));
    mc_json_member_number(j, "value", row->value);
    mc_json_member_number(j, "after_tolerance", base);
    mc_json_member_string(j, "unit", row->unit);
    mc_json_member_string(j, "group", r->subs[sub].group->id);
    mc_json_member_string(j, "rule", row->rule);
    mc_json_member_date(j, "effective_from", row->effective_from);
    mc_json_member_date(j, "effective_to", row->effective_to);
    mc_json_member_bool(j, "verified", verified);
    mc_json_member_int(j, "line", row->line);
    mc_json_member_string(j, "note", row->note);
    mc_json_object_end(j);
}

static void item(struct mc_json *j, const struct mc_check *c,
                 const struct mc_check_result *r, const struct mc_check_item *it)
{
    static const char *const verdicts[] = {
        [MC_VERDICT_PASS] = "pass", [MC_VERDICT_FAIL] = "fail",
        [MC_VERDICT_ADVISORY] = "advisory",
        [MC_VERDICT_INSUFFICIENT] = "insufficient_data",
    };
    const struct mc_nutrient_info *info = mc_nutrient_info(it->nutrient);
    mc_json_object_begin(j);
    mc_json_member_string(j, "nutrient", info->key);
    mc_json_member_string(j, "unit", it->pct_energy ? "pct_energy" : info->unit);
    mc_json_member_string(j, "measure", it->pct_energy ? "pct_energy" : "amount");
    mc_json_member_string(j, "meal", it->meal);
    bound(j, "min", r, it->lo_row, it->lo_sub, it->lo_base, it->lo_verified);
    bound(j, "max", r, it->hi_row, it->hi_sub, it->hi_base, it->hi_verified);
    mc_json_key(j, "average");
    mc_json_object_begin(j);
    value(j, &it->avg);
    mc_json_object_end(j);
    mc_json_key(j, "days");
    mc_json_array_begin(j);
    for (size_t d = 0; d < c->menu->n_days; d++) {
        mc_json_object_begin(j);
        mc_json_member_int(j, "week", c->menu->days[d].week);
        mc_json_member_int(j, "day", c->menu->days[d].day);
        value(j, &it->days[d]);
        mc_json_object_end(j);
    }
    mc_json_array_end(j);
    mc_json_member_int(j, "days_out", it->days_out);
    mc_json_member_int(j, "days_judged", it->days_judged);
    mc_json_member_string(j, "verdict", verdicts[it->verdict]);
    mc_json_member_bool(j, "decides", mc_check_item_decides(it));
    mc_json_key(j, "subgroups");
    mc_json_array_begin(j);
    for (size_t s = 0; s < r->n_subs; s++) {
        mc_json_object_begin(j);
        mc_json_member_string(j, "group", r->subs[s].group->id);
        value(j, &it->sub_avg[s]);
        mc_json_object_end(j);
    }
    mc_json_array_end(j);
    mc_json_object_end(j);
}

static void strings(struct mc_json *j, const char *key, char *const *list, size_t n)
{
    mc_json_key(j, key);
    mc_json_array_begin(j);
    for (size_t k = 0; k < n; k++)
        mc_json_string(j, list[k]);
    mc_json_array_end(j);
}

static void result(struct mc_json *j, const struct mc_check *c,
                   const struct mc_check_result *r)
{
    mc_json_object_begin(j);
    mc_json_member_string(j, "standard", r->std->id);
    mc_json_member_string(j, "title", r->std->title);
    mc_json_member_string(j, "superseded_by",
        mc_standard_superseded(r->std, c->date) ? r->std->superseded_by : NULL);
    mc_json_member_string(j, "group", r->spec->text);
    mc_json_member_string(j, "per", r->std->per == MC_PER_DAY ? "day" : "meal");
    mc_json_member_string(j, "judge", r->std->judge == MC_JUDGE_EACH_DAY ? "each_day"
                                                                          : "week_average");
    mc_json_key(j, "share_of_day");
    if (r->std->per == MC_PER_DAY) {
        mc_json_object_begin(j);
        mc_json_member_number(j, "min_pct", r->share_lo);
        mc_json_member_number(j, "max_pct", r->share_hi);
        mc_json_member_bool(j, "verified", r->shares_verified);
        mc_json_member_string(j, "source", !r->n_shares ? "whole_day"
                         : (size_t)r->shares_assumed == r->n_shares ? "meal_share_option"
                         : r->shares_assumed ? "standard_and_meal_share_option"
                                             : "standard");
        mc_json_object_end(j);
    } else {
        mc_json_null(j);
    }
    mc_json_key(j, "subgroups");
    mc_json_array_begin(j);
    for (size_t s = 0; s < r->n_subs; s++) {
        const struct mc_norm_group *g = r->subs[s].group;
        mc_json_object_begin(j);
        mc_json_member_string(j, "id", g->id);
        mc_json_member_int(j, "age_min", g->age_min);
        mc_json_member_int(j, "age_max", g->age_max);
        mc_json_member_string(j, "sex", mc_sex_name(g->sex));
        mc_json_member_int(j, "children", r->subs[s].children);
        mc_json_object_end(j);
    }
    mc_json_array_end(j);
    strings(j, "unjudged_meals", r->unjudged_meals, r->n_unjudged);
    mc_json_member_bool(j, "complies", r->complies);
    mc_json_member_string(j, "outcome", mc_outcome_key(r->outcome));
    reason(j, r->why);
    mc_json_key(j, "counts");
    mc_json_object_begin(j);
    mc_json_member_int(j, "fail", r->n_fail);
    mc_json_member_int(j, "advisory", r->n_advisory);
    mc_json_member_int(j, "insufficient_data", r->n_insufficient);
    mc_json_member_int(j, "pass", r->n_pass);
    mc_json_member_int(j, "deciding", r->n_deciding);
    mc_json_member_int(j, "advising", (int)r->n_items - r->n_deciding);
    mc_json_object_end(j);
    mc_json_key(j, "items");
    mc_json_array_begin(j);
    for (size_t k = 0; k < r->n_items; k++)
        item(j, c, r, &r->items[k]);
    mc_json_array_end(j);
    mc_json_object_end(j);
}

static void food_set(struct mc_json *j, const struct mc_food_set *fs)
{
    mc_json_object_begin(j);
    mc_json_member_bool(j, "complies", fs->complies);
    mc_json_member_string(j, "id", fs->norm->id);
    mc_json_member_string(j, "group", fs->age_group);
    mc_json_member_int(j, "age_min", fs->age_min);
    mc_json_member_int(j, "age_max", fs->age_max);
    mc_json_member_int(j, "days", (long long)fs->n_days);
    mc_json_member_number(j, "share_min_pct", fs->share_lo);
    mc_json_member_number(j, "share_max_pct", fs->share_hi);
    mc_json_member_number(j, "tolerance_pct", fs->tolerance_pct);
    mc_json_key(j, "lines");
    mc_json_array_begin(j);
    for (size_t i = 0; i < fs->n_lines; i++) {
        const struct mc_food_set_line *l = &fs->lines[i];
        mc_json_object_begin(j);
        mc_json_member_string(j, "status",
            l->status == MC_FOOD_NO_NORM ? "no_norm" : mc_food_status_name(l->status));
        mc_json_key(j, "verified");
        if (l->row)
            mc_json_bool(j, l->row->verified);
        else
            mc_json_null(j);
        mc_json_member_string(j, "food_group", l->food_group);
        mc_json_member_string(j, "name", l->name);
        mc_json_key(j, "days_net_g");
        mc_json_array_begin(j);
        for (size_t d = 0; d < fs->n_days; d++)
            mc_json_number(j, l->day_net_g[d]);
        mc_json_array_end(j);
        mc_json_member_number(j, "total_net_g", l->total_net_g);
        mc_json_member_number(j, "total_gross_g", l->total_gross_g);
        mc_json_member_number(j, "average_net_g", l->avg_net_g);
        mc_json_member_number(j, "norm_g", l->row ? l->row->grams : NAN);
        mc_json_member_number(j, "min_g", l->norm_lo_g);
        mc_json_member_number(j, "max_g", l->norm_hi_g);
        mc_json_member_number(j, "pct_of_norm", l->pct);
        mc_json_object_end(j);
    }
    mc_json_array_end(j);
    mc_json_key(j, "foods");
    mc_json_array_begin(j);
    for (size_t i = 0; i < fs->n_foods; i++) {
        const struct mc_food_set_food *x = &fs->foods[i];
        mc_json_object_begin(j);
        mc_json_member_number(j, "total_net_g", x->total_net_g);
        mc_json_member_string(j, "food_id", x->food_id);
        mc_json_member_string(j, "name", x->name);
        mc_json_member_string(j, "food_group", x->food_group);
        mc_json_object_end(j);
    }
    mc_json_array_end(j);
    mc_json_object_end(j);
}

void mc_document_nvec(struct mc_json *j, const struct mc_nvec *v)
{
    mc_json_object_begin(j);
    for (int n = 0; n < MC_N_COUNT; n++) {
        mc_json_key(j, mc_nutrient_info(n)->key);
        mc_json_object_begin(j);
        mc_json_member_number(j, "value", mc_nvec_unknown(v, n) ? NAN : v->value[n]);
        mc_json_member_number(j, "coverage", mc_nvec_coverage(v, n));
        mc_json_object_end(j);
    }
    mc_json_object_end(j);
}

void mc_document_assumed(struct mc_json *j, unsigned assumed)
{
    static const char *const names[] = {"servings", "yield", "net", "portion", "week"};
    mc_json_array_begin(j);
    for (unsigned i = 0; i < sizeof names / sizeof *names; i++)
        if (assumed & (1u << i))
            mc_json_string(j, names[i]);
    mc_json_array_end(j);
}

void mc_document_columns(struct mc_json *j, char *const *columns)
{
    mc_json_array_begin(j);
    for (size_t i = 0; columns && columns[i]; i++)
        mc_json_string(j, columns[i]);
    mc_json_array_end(j);
}

void mc_document_inputs(struct mc_json *j, const struct mc_recipe_book *book,
                        const struct mc_menu *m, double budget, const char *currency)
{
    mc_json_key(j, "columns_read");
    mc_json_object_begin(j);
    mc_json_key(j, "recipes");
    mc_document_columns(j, book->columns);
    mc_json_key(j, "menu");
    mc_document_columns(j, m->columns);
    mc_json_object_end(j);

    struct mc_menu_cost c;
    mc_menu_cost(m, budget, &c);
    mc_json_key(j, "cost");
    mc_json_object_begin(j);
    mc_json_member_string(j, "currency", currency);
    mc_json_member_number(j, "budget", budget > 0.0 ? budget : NAN);
    mc_json_member_number(j, "mean_day", c.mean_day);
    mc_json_member_int(j, "days_priced", c.days_priced);
    mc_json_member_int(j, "days_over", c.days_over);
    mc_json_key(j, "days");
    mc_json_array_begin(j);
    for (size_t i = 0; i < m->n_days; i++) {
        const struct mc_day *d = &m->days[i];
        mc_json_object_begin(j);
        mc_json_member_int(j, "week", d->week);
        mc_json_member_int(j, "day", d->day);
        mc_json_member_number(j, "cost", d->cost);
        mc_json_member_bool(j, "over_budget", budget > 0.0 && d->cost > budget);
        mc_json_object_end(j);
    }
    mc_json_array_end(j);
    mc_json_object_end(j);
}

void mc_document_check_members(struct mc_json *j, const struct mc_check *c,
                               const struct mc_food_set *fs,
                               const struct mc_recipe_book *book, double budget,
                               const char *currency)
{
    const struct mc_menu *m = c->menu;
    char buf[16];
    mc_json_member_string(j, "mealcheck_version", MC_VERSION);
    mc_json_member_string(j, "menu", m->path);
    enum mc_outcome o = mc_session_outcome(c, fs);
    mc_json_member_string(j, "date", mc_date_format(buf, sizeof buf, c->date));
    mc_json_member_string(j, "average",
                          c->average == MC_AVERAGE_TOTALS ? "totals" : "days");
    mc_json_member_bool(j, "weighted", m->weighted);
    mc_json_member_bool(j, "complies", o == MC_OUTCOME_COMPLIES);
    mc_json_member_string(j, "outcome", mc_outcome_key(o));
    reason(j, o == MC_OUTCOME_UNDECIDED ? c->why : MC_UNDECIDED_NO);
    strings(j, "meals", m->meal_names, m->n_meal_names);
    mc_json_key(j, "days");
    mc_json_array_begin(j);
    for (size_t d = 0; d < m->n_days; d++) {
        mc_json_object_begin(j);
        mc_json_member_int(j, "week", m->days[d].week);
        mc_json_member_int(j, "day", m->days[d].day);
        mc_json_member_string(j, "name", mc_day_name(m->days[d].day));
        mc_json_object_end(j);
    }
    mc_json_array_end(j);
    mc_json_key(j, "results");
    mc_json_array_begin(j);
    for (size_t i = 0; i < c->n_results; i++)
        result(j, c, &c->results[i]);
    mc_json_array_end(j);
    mc_document_inputs(j, book, m, budget, currency);
    if (fs) {
        mc_json_key(j, "food_set");
        food_set(j, fs);
    }
}

int mc_document_check(FILE *f, const struct mc_check *c, const struct mc_food_set *fs,
                      const struct mc_recipe_book *book, double budget,
                      const char *currency)
{
    struct mc_json j;
    mc_json_init(&j, f);
    mc_json_object_begin(&j);
    mc_document_check_members(&j, c, fs, book, budget, currency);
    mc_json_object_end(&j);
    fputc('\n', f);
    return mc_json_finish(&j);
}

int mc_document_food_hits(FILE *f, const struct mc_food_hit *h, size_t n)
{
    struct mc_json j;
    mc_json_init(&j, f);
    mc_json_array_begin(&j);
    for (size_t i = 0; i < n; i++) {
        mc_json_line_break(&j);
        mc_json_object_begin(&j);
        mc_json_member_string(&j, "id", h[i].id);
        mc_json_member_string(&j, "name", h[i].name);
        if (h[i].name_local) /* the CLI's search, in the user's language */
            mc_json_member_string(&j, "name_local",
                                  *h[i].name_local ? h[i].name_local : NULL);
        mc_json_member_string(&j, "group", h[i].group);
        mc_json_member_number(&j, "rank", h[i].rank);
        mc_json_object_end(&j);
    }
    mc_json_array_end(&j);
    fputc('\n', f);
    return mc_json_finish(&j);
}

int mc_document_food(FILE *f, const struct mc_food *food, const char *local,
                     const struct mc_food_value *v, size_t n)
{
    struct mc_json j;
    mc_json_init(&j, f);
    mc_json_object_begin(&j);
    mc_json_member_string(&j, "id", food->id);
    mc_json_member_string(&j, "name", food->name);
    mc_json_member_string(&j, "name_local", local && *local ? local : NULL);
    mc_json_member_string(&j, "short_name", food->short_name);
    mc_json_member_string(&j, "group", food->group);
    mc_json_member_string(&j, "source", food->source);
    mc_json_member_number(&j, "refuse_pct", food->refuse_known ? food->refuse_pct : NAN);
    mc_json_member_string(&j, "refuse_desc", food->refuse_desc);
    /* The two lists begin lines of their own, one nutrient a line. */
    mc_json_line_break(&j);
    mc_json_key(&j, "nutrients");
    mc_json_array_begin(&j);
    for (size_t i = 0; i < n; i++) {
        mc_json_line_break(&j);
        mc_json_object_begin(&j);
        mc_json_member_int(&j, "nr", v[i].nr);
        mc_json_member_string(&j, "tag", v[i].tag);
        mc_json_member_string(&j, "name", v[i].name);
        mc_json_member_string(&j, "unit", v[i].unit);
        mc_json_member_string(&j, "key", v[i].key);
        mc_json_member_number(&j, "value", v[i].known ? v[i].value : NAN);
        mc_json_object_end(&j);
    }
    mc_json_array_end(&j);
    mc_json_line_break(&j);
    mc_json_key(&j, "measures");
    mc_json_array_begin(&j);
    for (size_t i = 0; i < food->n_measures; i++) {
        mc_json_object_begin(&j);
        mc_json_member_number(&j, "amount", food->measures[i].amount);
        mc_json_member_string(&j, "unit", food->measures[i].unit);
        mc_json_member_number(&j, "grams", food->measures[i].grams);
        mc_json_object_end(&j);
    }
    mc_json_array_end(&j);
    mc_json_object_end(&j);
    fputc('\n', f);
    return mc_json_finish(&j);
}

/* ---- a suggestion ------------------------------------------------------- */

static const char *const verdict_keys[] = {
    [MC_VERDICT_PASS] = "pass", [MC_VERDICT_FAIL] = "fail",
    [MC_VERDICT_ADVISORY] = "advisory", [MC_VERDICT_INSUFFICIENT] = "insufficient_data",
};

/* The members naming a norm item: standard, group, nutrient, measure, meal. */
static void item_ref(struct mc_json *j, const struct mc_check_result *r,
                     const struct mc_check_item *it)
{
    mc_json_member_string(j, "standard", r->std->id);
    mc_json_member_string(j, "group", r->spec->text);
    mc_json_member_string(j, "nutrient", mc_nutrient_info(it->nutrient)->key);
    mc_json_member_string(j, "measure", it->pct_energy ? "pct_energy" : "amount");
    mc_json_member_string(j, "meal", it->meal);
}

static void changes(struct mc_json *j, const struct mc_suggestion *s)
{
    mc_json_key(j, "changes");
    mc_json_array_begin(j);
    for (size_t i = 0; i < s->n_changes; i++) {
        const struct mc_suggest_change *c = &s->changes[i];
        mc_json_object_begin(j);
        mc_json_member_string(j, "kind", c->added      ? "add"
                                         : c->swap_for ? "swap"
                                                       : "portion");
        mc_json_member_int(j, "week", c->week);
        mc_json_member_string(j, "day", mc_day_name(c->day));
        mc_json_member_string(j, "meal", c->meal);
        mc_json_member_string(j, "dish", c->dish);
        mc_json_member_string(j, "swap_for", c->swap_for);
        mc_json_member_number(j, "old_g", c->old_g);
        mc_json_member_number(j, "new_g", c->new_g);
        mc_json_member_number(j, "old_cost", c->old_cost);
        mc_json_member_number(j, "new_cost", c->new_cost);
        mc_json_object_end(j);
    }
    mc_json_array_end(j);
    mc_json_key(j, "nutrients");
    mc_json_array_begin(j);
    for (size_t r = 0; r < s->before->n_results; r++) {
        const struct mc_check_result *rb = &s->before->results[r];
        const struct mc_check_result *ra = &s->after->results[r];
        for (size_t i = 0; i < rb->n_items && i < ra->n_items; i++) {
            const struct mc_check_item *b = &rb->items[i], *a = &ra->items[i];
            if (!mc_suggest_moved(b, a))
                continue;
            mc_json_object_begin(j);
            item_ref(j, rb, b);
            mc_json_member_number(j, "before", b->avg.value);
            mc_json_member_number(j, "after", a->avg.value);
            mc_json_member_string(j, "verdict_before", verdict_keys[b->verdict]);
            mc_json_member_string(j, "verdict_after", verdict_keys[a->verdict]);
            mc_json_object_end(j);
        }
    }
    mc_json_array_end(j);
}

static void conflicts(struct mc_json *j, const struct mc_suggestion *s)
{
    const struct mc_menu *m = s->before->menu;
    mc_json_key(j, "conflicts");
    mc_json_array_begin(j);
    for (size_t i = 0; i < s->n_conflicts; i++) {
        const struct mc_suggest_conflict *c = &s->conflicts[i];
        const struct mc_check_result *r = &s->before->results[c->result];
        mc_json_object_begin(j);
        item_ref(j, r, &r->items[c->item]);
        if (c->day < 0) {
            mc_json_member_string(j, "scope", "average");
        } else {
            mc_json_key(j, "scope");
            mc_json_object_begin(j);
            mc_json_member_int(j, "week", m->days[c->day].week);
            mc_json_member_string(j, "day", mc_day_name(m->days[c->day].day));
            mc_json_object_end(j);
        }
        mc_json_member_string(j, "side", c->hi ? "max" : "min");
        mc_json_member_int(j, "set", c->set);
        mc_json_member_number(j, "bound", c->bound);
        mc_json_member_number(j, "reach", c->reach);
        mc_json_member_number(j, "shortfall", c->shortfall);
        mc_json_member_number(j, "alone", c->alone);
        mc_json_object_end(j);
    }
    mc_json_array_end(j);
}

void mc_document_suggestion(struct mc_json *j, const struct mc_suggestion *s,
                            const char *applied)
{
    mc_json_object_begin(j);
    mc_json_member_string(j, "menu", s->before->menu->path);
    mc_json_member_bool(j, "already_complies", s->already_complies);
    mc_json_member_bool(j, "feasible", s->feasible);
    mc_json_member_bool(j, "irreducible", s->irreducible);
    mc_json_key(j, "model");
    mc_json_object_begin(j);
    mc_json_member_int(j, "rows", s->rows);
    mc_json_member_int(j, "columns", s->cols);
    mc_json_member_bool(j, "optimal", s->optimal);
    mc_json_object_end(j);
    mc_json_key(j, "cost");
    mc_json_object_begin(j);
    mc_json_member_number(j, "before", s->cost_before);
    mc_json_member_number(j, "after", s->cost_after);
    mc_json_object_end(j);
    mc_json_key(j, "unknown");
    mc_json_array_begin(j);
    for (size_t i = 0; i < s->n_unknown; i++) {
        const struct mc_check_result *r = &s->before->results[s->unknown[i][0]];
        mc_json_object_begin(j);
        item_ref(j, r, &r->items[s->unknown[i][1]]);
        mc_json_object_end(j);
    }
    mc_json_array_end(j);
    if (s->feasible) {
        changes(j, s);
    } else {
        mc_json_key(j, "changes");
        mc_json_array_begin(j);
        mc_json_array_end(j);
        mc_json_key(j, "nutrients");
        mc_json_array_begin(j);
        mc_json_array_end(j);
    }
    conflicts(j, s);
    mc_json_member_string(j, "applied", applied);
    mc_json_object_end(j);
}
