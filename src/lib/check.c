/*
 * check.c - judging a menu against norm sets (the arithmetic is in check.h).
 *
 * Bounds are collected "before shares": every side of a daily bound scales
 * by the same share of the day, so the binding subgroup found on the base
 * values stays binding for any set of meals and each scope (a day, the
 * period) only multiplies.
 */
#include "mealcheck/check.h"
#include "mealcheck/i18n.h"
#include "array.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *mc_status_name(enum mc_status s)
{
    switch (s) {
    case MC_STATUS_OK: return _("ok");
    case MC_STATUS_LOW: return _("low");
    case MC_STATUS_HIGH: return _("high");
    case MC_STATUS_INSUFFICIENT: return _("insufficient data");
    case MC_STATUS_NONE: break;
    }
    return "";
}

const char *mc_value_status_label(const struct mc_check_value *v, char *buf, size_t size)
{
    if (v->status != MC_STATUS_NONE && v->status != MC_STATUS_INSUFFICIENT &&
        v->coverage > 0.0 && v->coverage < 1.0)
        /* TRANSLATORS: a status ("low") of a total whose food values are
         * known for only part of the food mass. */
        snprintf(buf, size, _("%s, partial"), mc_status_name(v->status));
    else
        snprintf(buf, size, "%s", mc_status_name(v->status));
    return buf;
}

const char *mc_verdict_name(enum mc_verdict v)
{
    switch (v) {
    case MC_VERDICT_FAIL: return _("FAIL");
    case MC_VERDICT_ADVISORY: return _("advisory");
    case MC_VERDICT_INSUFFICIENT: return _("insufficient data");
    case MC_VERDICT_PASS: break;
    }
    return _("pass");
}

/* mc_check_measure, inline in judge(): it runs for every item of every day.
 * cov: v's coverage of every nutrient (mc_nvec_coverage), or NULL. */
static inline void measure(const struct mc_nvec *v, const double *cov, enum mc_nutrient n,
                           int pct_energy, double *value, double *coverage, int *unknown)
{
    *unknown = mc_nvec_unknown(v, n);
    *coverage = cov ? cov[n] : mc_nvec_coverage(v, n);
    *value = *unknown ? NAN : v->value[n];
    if (!pct_energy)
        return;
    double e = v->value[MC_N_ENERGY_KCAL];
    double ce = cov ? cov[MC_N_ENERGY_KCAL] : mc_nvec_coverage(v, MC_N_ENERGY_KCAL);
    if (mc_nvec_unknown(v, MC_N_ENERGY_KCAL) || e <= 0)
        *unknown = 1;
    if (ce < *coverage)
        *coverage = ce;
    *value = *unknown ? NAN : 100.0 * mc_energy_factor(n) * v->value[n] / e;
}

void mc_check_measure(const struct mc_nvec *v, enum mc_nutrient n,
                      int pct_energy, double *value, double *coverage,
                      int *unknown)
{
    measure(v, NULL, n, pct_energy, value, coverage, unknown);
}

enum mc_status mc_check_judge(double value, double coverage, int unknown,
                              double lo, double hi, double coverage_min,
                              int pct_energy)
{
    if (unknown)
        return MC_STATUS_INSUFFICIENT;
    /* Unknown grams can only add to an amount, so an amount already above
     * its maximum is high whatever the coverage.  A share of energy can move
     * either way. */
    if (!pct_energy && !isnan(hi) && value > hi)
        return MC_STATUS_HIGH;
    if (coverage < coverage_min)
        return MC_STATUS_INSUFFICIENT;
    if (!isnan(lo) && value < lo)
        return MC_STATUS_LOW;
    if (!isnan(hi) && value > hi)
        return MC_STATUS_HIGH;
    return MC_STATUS_OK;
}

/* ---- averages ------------------------------------------------------------ */

/* Per-run vectors shared by every result: the period average of each meal
 * name and of the whole day. */
struct averages {
    struct mc_nvec *meal;   /* per menu->meal_names */
    struct mc_nvec day;
    /* per day of the menu, per nutrient: the coverage of the day's vector,
     * divided once for every result and item */
    double *day_cov;
};

static double meal_weight(const struct mc_meal *m)
{
    return isnan(m->planned_meals) ? 1.0 : m->planned_meals;
}

static int compute_averages(const struct mc_menu *menu, enum mc_average how,
                            struct averages *a)
{
    size_t nm = menu->n_meal_names;
    a->meal = calloc(nm ? nm : 1, sizeof *a->meal);
    a->day_cov = malloc((menu->n_days ? menu->n_days : 1) * MC_N_COUNT * sizeof *a->day_cov);
    double *wsum = calloc(nm ? nm : 1, sizeof *wsum);
    if (!a->meal || !a->day_cov || !wsum) {
        free(wsum);
        return -1;
    }
    for (size_t d = 0; d < menu->n_days; d++)
        for (int n = 0; n < MC_N_COUNT; n++)
            a->day_cov[d * MC_N_COUNT + n] = mc_nvec_coverage(&menu->days[d].n, n);
    for (size_t k = 0; k < nm; k++)
        mc_nvec_zero(&a->meal[k]);
    mc_nvec_zero(&a->day);
    for (size_t i = 0; i < menu->n_meals; i++) {
        const struct mc_meal *m = &menu->meals[i];
        for (size_t k = 0; k < nm; k++)
            if (!strcmp(menu->meal_names[k], m->meal)) {
                double w = how == MC_AVERAGE_TOTALS ? meal_weight(m) : 1.0;
                mc_nvec_add_scaled(&a->meal[k], &m->n, w);
                wsum[k] += w;
            }
    }
    for (size_t k = 0; k < nm; k++)
        if (wsum[k] > 0)
            mc_nvec_scale(&a->meal[k], 1.0 / wsum[k]);
    if (how == MC_AVERAGE_TOTALS) {
        for (size_t k = 0; k < nm; k++)
            mc_nvec_add_scaled(&a->day, &a->meal[k], 1.0);
    } else {
        for (size_t d = 0; d < menu->n_days; d++)
            mc_nvec_add_scaled(&a->day, &menu->days[d].n, 1.0);
        if (menu->n_days)
            mc_nvec_scale(&a->day, 1.0 / (double)menu->n_days);
    }
    free(wsum);
    return 0;
}

/* ---- bounds ------------------------------------------------------------ */

static int lo_side(enum mc_bound_kind k)
{
    return k == MC_BOUND_MIN || k == MC_BOUND_RANGE_MIN ||
           k == MC_BOUND_PCT_ENERGY_MIN || k == MC_BOUND_TARGET;
}

static int hi_side(enum mc_bound_kind k)
{
    return k == MC_BOUND_MAX || k == MC_BOUND_RANGE_MAX ||
           k == MC_BOUND_PCT_ENERGY_MAX || k == MC_BOUND_TARGET;
}

static int menu_has_meal(const struct mc_menu *menu, const char *meal)
{
    for (size_t k = 0; k < menu->n_meal_names; k++)
        if (!strcasecmp(menu->meal_names[k], meal))
            return 1;
    return 0;
}

/*
 * Which rows of the norm set apply to a result, found once per result from
 * the set's precomputed items (mc_standard.item_rows): sub[i] is row i's
 * subgroup, or SIZE_MAX when the row is not in force, is for none of the
 * result's subgroups, or (per meal) for a meal the menu does not serve;
 * item[k] is the result's item of the set's item k, or SIZE_MAX.
 */
struct plan {
    size_t *sub;      /* per row */
    size_t *item;     /* per item of the set */
    size_t *of_group; /* per group of the set: its subgroup, or SIZE_MAX */
};

static void plan_rows(const struct mc_check_result *res, const struct mc_menu *menu,
                      int date, struct plan *p)
{
    const struct mc_standard *std = res->std;
    for (size_t g = 0; g < std->n_groups; g++)
        p->of_group[g] = SIZE_MAX;
    for (size_t s = res->n_subs; s-- > 0;) /* the first subgroup of a group */
        p->of_group[res->subs[s].group - std->groups] = s;
    /* item[k] holds, until collect_items numbers the items, whether the
     * menu serves item k's meal. */
    for (size_t k = 0; k < std->n_items; k++)
        p->item[k] = std->per != MC_PER_MEAL ||
                     menu_has_meal(menu, std->rows[std->item_rows[k]].meal);
    for (size_t i = 0; i < std->n_rows; i++) {
        const struct mc_norm_row *r = &std->rows[i];
        p->sub[i] = mc_norm_row_in_force(r, date) && p->item[r->item]
                        ? p->of_group[r->group] : SIZE_MAX;
    }
}

/*
 * The shares of the day that apply to std, in a new table (*tab, free it):
 * the shares the user states (opts) are the user's rule, so they replace
 * the set's own for the meals they name; the set's own cover the other
 * meals.  A per-meal set, or a per-day set with neither, has none (n = 0:
 * the menu is a whole day).  *assumed counts the user's shares used.
 */
static int shares_in_force(const struct mc_standard *std,
                           const struct mc_check_opts *opts,
                           struct mc_meal_share **tab, size_t *n, int *assumed)
{
    *tab = NULL;
    *n = 0;
    *assumed = 0;
    if (std->per != MC_PER_DAY || !(std->n_shares + opts->n_shares))
        return 0;
    if (!(*tab = calloc(std->n_shares + opts->n_shares, sizeof **tab)))
        return -1;
    for (size_t i = 0; i < std->n_shares; i++)
        if (!mc_meal_share_find(opts->shares, opts->n_shares, std->shares[i].meal))
            (*tab)[(*n)++] = std->shares[i];
    for (size_t i = 0; i < opts->n_shares; i++)
        (*tab)[(*n)++] = opts->shares[i];
    *assumed = (int)opts->n_shares;
    return 0;
}

/* Share of the day (%) covered by a set of meals, for per-day sets. */
static void meals_share(const struct mc_check_result *res, const char *const *meals,
                        size_t n, double *slo, double *shi, int *verified)
{
    *slo = *shi = 100.0;
    *verified = 1;
    if (!res->n_shares)
        return;
    *slo = *shi = 0.0;
    for (size_t i = 0; i < n; i++) {
        const struct mc_meal_share *sh =
            mc_meal_share_find(res->shares, res->n_shares, meals[i]);
        if (!sh)
            continue; /* rejected before judging */
        *slo += sh->min_pct;
        *shi += sh->max_pct;
        *verified &= sh->verified;
    }
}

/* Share of the day (%) covered by the meals day d serves. */
static void day_share(const struct mc_check_result *res, const struct mc_menu *menu,
                      size_t d, double *slo, double *shi)
{
    const struct mc_day *day = &menu->days[d];
    const char *names[64];
    size_t nn = 0;
    int ver;
    for (size_t i = day->first; i < day->first + day->count && nn < 64; i++)
        names[nn++] = menu->meals[i].meal;
    meals_share(res, names, nn, slo, shi, &ver);
}

/* Days a and b serve the same meals (the same names, in the same order). */
static int same_meals(const struct mc_menu *menu, size_t a, size_t b)
{
    const struct mc_day *x = &menu->days[a], *y = &menu->days[b];
    if (x->count != y->count)
        return 0;
    for (size_t i = 0; i < x->count; i++)
        if (menu->meals[x->first + i].meal != menu->meals[y->first + i].meal)
            return 0;
    return 1;
}

/*
 * Share of the day (%) the period average is held to.  The mean of
 * the days (MC_AVERAGE_DAYS) counts a meal only on the days that serve it,
 * so its norm is the mean of the days' shares; the average day of
 * MC_AVERAGE_TOTALS is the sum of every meal's average, so its norm is the
 * sum of all the menu's shares.  *verified covers every meal of the menu.
 */
static void average_share(const struct mc_check_result *res, const struct mc_menu *menu,
                          enum mc_average how, const double *day_lo,
                          const double *day_hi, double *slo, double *shi, int *verified)
{
    meals_share(res, (const char *const *)menu->meal_names, menu->n_meal_names, slo,
                shi, verified);
    if (how != MC_AVERAGE_DAYS || !menu->n_days)
        return;
    double lo = 0, hi = 0;
    for (size_t d = 0; d < menu->n_days; d++) {
        lo += day_lo[d];
        hi += day_hi[d];
    }
    *slo = lo / (double)menu->n_days;
    *shi = hi / (double)menu->n_days;
}

/* A base bound of item it scaled by a share of the day (%), when the
 * item's bounds scale (an amount for the whole day). */
static double scaled(const struct mc_check_item *it, double base, double share)
{
    int scale = !it->pct_energy && !it->meal;
    return isnan(base) ? NAN : scale ? base * share / 100.0 : base;
}

/* Judge value vector v (its coverages cov, or NULL) for item it against the
 * bounds lo and hi (scaled).
 * Inline: it runs for every item of every day. */
static inline void judge(const struct mc_check_item *it, const struct mc_nvec *v,
                         const double *cov, double lo, double hi, double coverage_min,
                         struct mc_check_value *out)
{
    int unknown;
    out->lo = lo;
    out->hi = hi;
    measure(v, cov, it->nutrient, it->pct_energy, &out->value, &out->coverage, &unknown);
    if (it->band && !isnan(out->lo) && !isnan(out->hi))
        out->ref = (out->lo + out->hi) / 2;
    else if (isnan(out->lo) || (!isnan(out->hi) && out->value > out->hi))
        out->ref = out->hi;
    else
        out->ref = out->lo;
    out->pct_of_norm = !unknown && out->ref > 0 ? 100.0 * out->value / out->ref : NAN;
    out->status = mc_check_judge(out->value, out->coverage, unknown, out->lo,
                                 out->hi, coverage_min, it->pct_energy);
}

/* ---- one result ---------------------------------------------------------- */

static void result_release(struct mc_check_result *r)
{
    if (r->n_items)
        free(r->items[0].days); /* every item's days and sub_avg: one block */
    free(r->items);
    free(r->subs);
    free(r->shares);
    for (size_t i = 0; i < r->n_unjudged; i++)
        free(r->unjudged_meals[i]);
    free(r->unjudged_meals);
}

void mc_check_free(struct mc_check *check)
{
    if (!check)
        return;
    for (size_t i = 0; i < check->n_results; i++)
        result_release(&check->results[i]);
    free(check->results);
    free(check);
}

static long sub_children(const struct mc_group_spec *spec, enum mc_sex sex)
{
    if (sex == MC_SEX_MALE)
        return spec->boys;
    if (sex == MC_SEX_FEMALE)
        return spec->girls;
    return spec->boys + spec->girls;
}

/* Create the items of res, in the set's item order: one per nutrient x
 * measure x meal with a row that applies (p->sub), numbered in p->item.
 * res->items has room for every item of the set. */
static void collect_items(struct mc_check_result *res, struct plan *p)
{
    const struct mc_standard *std = res->std;
    for (size_t k = 0; k < std->n_items; k++)
        p->item[k] = SIZE_MAX;
    for (size_t i = 0; i < std->n_rows; i++)
        if (p->sub[i] != SIZE_MAX)
            p->item[std->rows[i].item] = 0;
    for (size_t k = 0; k < std->n_items; k++) {
        if (p->item[k] == SIZE_MAX)
            continue;
        const struct mc_norm_row *r = &std->rows[std->item_rows[k]];
        p->item[k] = res->n_items;
        struct mc_check_item *it = &res->items[res->n_items++];
        memset(it, 0, sizeof *it);
        it->nutrient = r->nutrient;
        it->pct_energy = mc_bound_is_pct(r->kind);
        it->meal = *r->meal ? r->meal : NULL;
    }
}

/*
 * The base bounds of every item of res over all its subgroups (the
 * strictest, and which row set it) and over each subgroup s alone
 * (lo[k * n_subs + s], hi[...] for item k), in one pass over the norm set's
 * rows.
 */
static void items_bounds(struct mc_check_result *res, const struct plan *p, double *lo,
                         double *hi)
{
    const struct mc_standard *std = res->std;
    size_t ns = res->n_subs;
    for (size_t k = 0; k < res->n_items; k++)
        res->items[k].lo_base = res->items[k].hi_base = NAN;
    for (size_t k = 0; k < res->n_items * ns; k++)
        lo[k] = hi[k] = NAN;
    for (size_t i = 0; i < std->n_rows; i++) {
        const struct mc_norm_row *r = &std->rows[i];
        size_t s = p->sub[i];
        if (s == SIZE_MAX)
            continue;
        struct mc_check_item *it = &res->items[p->item[r->item]];
        size_t k = p->item[r->item] * ns + s;
        double t = r->tolerance_pct / 100.0;
        if (r->kind == MC_BOUND_TARGET || r->kind == MC_BOUND_RANGE_MIN ||
            r->kind == MC_BOUND_RANGE_MAX)
            it->band = 1;
        if (lo_side(r->kind)) {
            double v = r->value * (1 - t);
            if (isnan(it->lo_base) || v > it->lo_base) {
                it->lo_base = v;
                it->lo_row = r;
                it->lo_sub = s;
            }
            if (isnan(lo[k]) || v > lo[k])
                lo[k] = v;
        }
        if (hi_side(r->kind)) {
            double v = r->value * (1 + t);
            if (isnan(it->hi_base) || v < it->hi_base) {
                it->hi_base = v;
                it->hi_row = r;
                it->hi_sub = s;
            }
            if (isnan(hi[k]) || v < hi[k])
                hi[k] = v;
        }
    }
}

/* The mc_nvec of meal `name` on day d, or NULL when not served. */
static const struct mc_nvec *day_meal(const struct mc_menu *menu, size_t d,
                                      const char *name)
{
    const struct mc_day *day = &menu->days[d];
    for (size_t i = day->first; i < day->first + day->count; i++)
        if (!strcmp(menu->meals[i].meal, name))
            return &menu->meals[i].n;
    return NULL;
}

static void verdict(struct mc_check_item *it, enum mc_judge how, size_t n_days)
{
    int fail = 0, advisory = 0;
    for (size_t d = 0; d <= n_days; d++) {
        enum mc_status s;
        if (d == n_days)
            s = it->avg.status;
        else if (how == MC_JUDGE_EACH_DAY)
            s = it->days[d].status;
        else
            continue;
        if (s == MC_STATUS_LOW)
            it->lo_verified ? (fail = 1) : (advisory = 1);
        if (s == MC_STATUS_HIGH)
            it->hi_verified ? (fail = 1) : (advisory = 1);
    }
    it->verdict = fail ? MC_VERDICT_FAIL
                : advisory ? MC_VERDICT_ADVISORY
                : it->avg.status == MC_STATUS_INSUFFICIENT ? MC_VERDICT_INSUFFICIENT
                : MC_VERDICT_PASS;
}

/* Judge item over the period and each day into its days and sub_avg;
 * lo/hi: its bounds for each subgroup (items_bounds); day_lo/day_hi: the
 * shares of each day (the same for every item of the result). */
static void judge_item(struct mc_check_result *res, const struct mc_menu *menu,
                          const struct averages *avg, const double *lo,
                          const double *hi, const double *day_lo,
                          const double *day_hi, struct mc_check_item *it)
{
    const struct mc_standard *std = res->std;
    double cmin = std->coverage_min;
    int per_day = std->per == MC_PER_DAY && !it->pct_energy;
    int share_ok = per_day ? res->shares_verified : 1;
    it->lo_verified = it->lo_row && it->lo_row->verified && share_ok;
    it->hi_verified = it->hi_row && it->hi_row->verified && share_ok;

    const struct mc_nvec *av = &avg->day;
    if (it->meal)
        for (size_t k = 0; k < menu->n_meal_names; k++)
            if (!strcmp(menu->meal_names[k], it->meal))
                av = &avg->meal[k];
    /* The period average, then against each subgroup's own bounds, then
     * each day: one loop, so that judge() is inlined into it. */
    size_t ns = res->n_subs, n = 1 + ns + menu->n_days;
    /* Days with the shares of the day before have its bounds: scaling
     * divides, and a usual menu's days all have the same shares. */
    double day_slo = NAN, day_shi = NAN, day_lo_b = NAN, day_hi_b = NAN;
    for (size_t j = 0; j < n; j++) {
        const struct mc_nvec *v = av;
        double lo_j, hi_j;
        struct mc_check_value *out = &it->avg;
        size_t d = j - 1 - ns; /* j > ns: a day */
        if (j > ns) {
            v = it->meal ? day_meal(menu, d, it->meal) : &menu->days[d].n;
            out = &it->days[d];
            if (!v) {
                out->value = out->coverage = out->lo = out->hi = out->ref = NAN;
                out->pct_of_norm = NAN;
                out->status = MC_STATUS_NONE;
                continue;
            }
            if (!(day_lo[d] == day_slo && day_hi[d] == day_shi)) {
                day_slo = day_lo[d];
                day_shi = day_hi[d];
                day_lo_b = scaled(it, it->lo_base, day_slo);
                day_hi_b = scaled(it, it->hi_base, day_shi);
            }
            lo_j = day_lo_b;
            hi_j = day_hi_b;
        } else if (j > 0) {
            lo_j = scaled(it, lo[j - 1], res->share_lo);
            hi_j = scaled(it, hi[j - 1], res->share_hi);
            out = &it->sub_avg[j - 1];
        } else {
            lo_j = scaled(it, it->lo_base, res->share_lo);
            hi_j = scaled(it, it->hi_base, res->share_hi);
        }
        judge(it, v, j > ns && !it->meal ? avg->day_cov + d * MC_N_COUNT : NULL, lo_j, hi_j,
              cmin, out);
        if (j > ns) {
            it->days_judged++;
            if (out->status == MC_STATUS_LOW || out->status == MC_STATUS_HIGH)
                it->days_out++;
        } else if (j > 0 && isnan(lo[j - 1]) && isnan(hi[j - 1])) {
            out->status = MC_STATUS_NONE;
        }
    }
    verdict(it, std->judge, menu->n_days);
}

/* The items of res, each judged; p: room for the plan of any set checked. */
static mc_code build_items(struct mc_check_result *res, const struct mc_menu *menu,
                           const struct averages *avg, const struct mc_check_opts *opts,
                           const double *day_lo, const double *day_hi, struct plan *p,
                           struct mc_err *err)
{
    const struct mc_standard *std = res->std;
    if (!(res->items = malloc((std->n_items ? std->n_items : 1) * sizeof *res->items)))
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    plan_rows(res, menu, opts->date, p);
    collect_items(res, p);
    if (res->n_items == 0) {
        char date[16];
        return mc_err_set(err, MC_ERR_INPUT,
                          N_("standard '%s' has no norms in force on %s for group "
                             "'%s' and the meals of %s"), std->id,
                          mc_date_format(date, sizeof date, opts->date),
                          res->spec->text, menu->path);
    }
    if (std->per == MC_PER_MEAL) {
        res->unjudged_meals = calloc(menu->n_meal_names + 1, sizeof(char *));
        if (!res->unjudged_meals)
            return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        for (size_t k = 0; k < menu->n_meal_names; k++) {
            int found = 0;
            for (size_t i = 0; i < res->n_items && !found; i++)
                found = !strcmp(res->items[i].meal, menu->meal_names[k]);
            if (!found &&
                !(res->unjudged_meals[res->n_unjudged++] = strdup(menu->meal_names[k])))
                return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        }
    }
    /* Every item's days and subgroup averages in one block, and the
     * bounds per subgroup in another: two allocations per result, not two
     * per item. */
    size_t nb = res->n_items * res->n_subs, per_item = menu->n_days + res->n_subs;
    struct mc_check_value *vals = malloc(res->n_items * per_item * sizeof *vals);
    double *lo = malloc(2 * (nb ? nb : 1) * sizeof *lo), *hi = lo + nb;
    if (!vals || !lo) {
        free(vals);
        free(lo);
        res->n_items = 0; /* no block to free */
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < res->n_items; i++) {
        res->items[i].days = vals + i * per_item;
        res->items[i].sub_avg = vals + i * per_item + menu->n_days;
    }
    items_bounds(res, p, lo, hi);
    for (size_t i = 0; i < res->n_items; i++) {
        struct mc_check_item *it = &res->items[i];
        judge_item(res, menu, avg, lo + i * res->n_subs, hi + i * res->n_subs, day_lo,
                   day_hi, it);
        res->n_fail += it->verdict == MC_VERDICT_FAIL;
        res->n_advisory += it->verdict == MC_VERDICT_ADVISORY;
        res->n_insufficient += it->verdict == MC_VERDICT_INSUFFICIENT;
        res->n_pass += it->verdict == MC_VERDICT_PASS;
        if (mc_check_item_decides(it)) {
            res->n_deciding++;
            res->n_deciding_insufficient += it->verdict == MC_VERDICT_INSUFFICIENT;
        }
    }
    free(lo);
    res->outcome = mc_check_classify(res, &res->why);
    res->complies = res->outcome == MC_OUTCOME_COMPLIES;
    return MC_OK;
}

static mc_code build_result(struct mc_check_result *res, const struct mc_menu *menu,
                            const struct averages *avg,
                            const struct mc_check_opts *opts, const size_t *idx,
                            size_t n_idx, struct plan *p, struct mc_err *err)
{
    const struct mc_standard *std = res->std;
    if (!(res->subs = calloc(n_idx, sizeof *res->subs)))
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n_idx; i++) {
        res->subs[i].group = &std->groups[idx[i]];
        res->subs[i].children = sub_children(res->spec, std->groups[idx[i]].sex);
    }
    res->n_subs = n_idx;
    if (shares_in_force(std, opts, &res->shares, &res->n_shares, &res->shares_assumed))
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    size_t nd = menu->n_days ? menu->n_days : 1;
    double *day_lo = malloc(2 * nd * sizeof *day_lo), *day_hi = day_lo + nd;
    if (!day_lo)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    for (size_t d = 0; d < menu->n_days; d++)
        if (d && same_meals(menu, d - 1, d)) { /* the usual week: the same meals daily */
            day_lo[d] = day_lo[d - 1];
            day_hi[d] = day_hi[d - 1];
        } else {
            day_share(res, menu, d, &day_lo[d], &day_hi[d]);
        }
    average_share(res, menu, opts->average, day_lo, day_hi, &res->share_lo,
                  &res->share_hi, &res->shares_verified);
    mc_code rc = build_items(res, menu, avg, opts, day_lo, day_hi, p, err);
    free(day_lo);
    return rc;
}

/* Every meal of the menu needs a share when shares apply to a per-day set. */
static mc_code check_shares(const struct mc_menu *menu, const struct mc_standard *std,
                            const struct mc_check_opts *opts, struct mc_err *err)
{
    struct mc_meal_share *tab;
    size_t n;
    int assumed;
    mc_code rc = MC_OK;
    if (shares_in_force(std, opts, &tab, &n, &assumed))
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    if (!n)
        return MC_OK;
    for (size_t k = 0; k < menu->n_meal_names; k++) {
        if (mc_meal_share_find(tab, n, menu->meal_names[k]))
            continue;
        char list[512] = "";
        size_t len = 0;
        for (size_t i = 0; i < n && len < sizeof list; i++)
            len += (size_t)snprintf(list + len, sizeof list - len, "%s%s %g-%g %%",
                                    i ? ", " : "", tab[i].meal, tab[i].min_pct,
                                    tab[i].max_pct);
        if (assumed && !std->n_shares)
            rc = mc_err_set(err, MC_ERR_INPUT,
                            N_("%s: meal '%s' has no share of the day in --meal-share "
                               "(given: %s); add '--meal-share %s=MIN-MAX'"),
                            menu->path, menu->meal_names[k], list,
                            menu->meal_names[k]);
        else
            rc = mc_err_set(err, MC_ERR_INPUT,
                            N_("%s: meal '%s' has no share of the day in standard '%s' "
                               "(%s gives shares for: %s); add a '#meal_share: %s MIN-MAX' "
                               "line to the norm set or leave the meal out"),
                            menu->path, menu->meal_names[k], std->id, std->path, list,
                            menu->meal_names[k]);
    }
    free(tab);
    return rc;
}

static mc_code check_dates(const struct mc_standard *std, int date,
                           struct mc_err *err)
{
    char d[16], f[16], t[16];
    /* A replaced act is still judged when asked for, but never silently. */
    if (mc_standard_superseded(std, date)) {
        mc_err_warn_at(err, std->path, 0, 0,
                       N_("standard '%s' is no longer in force on %s: it ended on %s and "
                         "was replaced by %s; it is judged as it stood then because it "
                         "was asked for"), std->id, mc_date_format(d, sizeof d, date),
                       mc_date_format(t, sizeof t, std->effective_to), std->superseded_by);
        return MC_OK;
    }
    if ((std->effective_from && date < std->effective_from) ||
        (std->effective_to && date > std->effective_to))
        return mc_err_set(err, MC_ERR_INPUT,
                          N_("standard '%s' is in force from %s to %s, not on %s "
                             "(use --date)"), std->id,
                          std->effective_from ? mc_date_format(f, sizeof f, std->effective_from) : _("always"),
                          std->effective_to ? mc_date_format(t, sizeof t, std->effective_to) : _("further notice"),
                          mc_date_format(d, sizeof d, date));
    return MC_OK;
}

mc_code mc_check_run(const struct mc_menu *menu,
                     const struct mc_standard *const *stds, size_t n_std,
                     const struct mc_group_spec *groups, size_t n_groups,
                     const struct mc_check_opts *opts, struct mc_check **out,
                     struct mc_err *err)
{
    struct averages avg = {0};
    size_t *idx = NULL;
    size_t max_groups = 1, max_rows = 0, max_items = 0;
    struct plan plan;
    mc_code rc = MC_OK;
    struct mc_check *c = calloc(1, sizeof *c);
    *out = NULL;
    if (!c || !(c->results = calloc(n_std * n_groups + 1, sizeof *c->results))) {
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        goto fail;
    }
    c->menu = menu;
    c->date = opts->date;
    c->average = opts->average;
    if (!menu->n_days) {
        rc = mc_err_set(err, MC_ERR_INPUT, N_("%s: the menu has no days"), menu->path);
        goto fail;
    }
    for (size_t s = 0; s < n_std; s++) {
        mc_code e1 = check_shares(menu, stds[s], opts, err);
        mc_code e2 = check_dates(stds[s], opts->date, err);
        if (e1 || e2)
            rc = e1 ? e1 : e2;
        if (stds[s]->n_groups > max_groups)
            max_groups = stds[s]->n_groups;
        if (stds[s]->n_rows > max_rows)
            max_rows = stds[s]->n_rows;
        if (stds[s]->n_items > max_items)
            max_items = stds[s]->n_items;
    }
    if (rc)
        goto fail;
    /* One block: the groups selected (idx), then the plan's. */
    if (!(idx = malloc((2 * max_groups + max_rows + max_items) * sizeof *idx)) ||
        compute_averages(menu, opts->average, &avg)) {
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        goto fail;
    }
    plan.of_group = idx + max_groups;
    plan.sub = plan.of_group + max_groups;
    plan.item = plan.sub + max_rows;
    for (size_t s = 0; s < n_std; s++)
        for (size_t g = 0; g < n_groups; g++) {
            size_t n;
            if (mc_standard_select_groups(stds[s], &groups[g], idx, &n, err)) {
                rc = err ? err->code : MC_ERR_NOT_FOUND;
                continue;
            }
            struct mc_check_result *res = &c->results[c->n_results++];
            res->std = stds[s];
            res->spec = &groups[g];
            mc_code e = build_result(res, menu, &avg, opts, idx, n, &plan, err);
            if (e)
                rc = e;
        }
    if (rc)
        goto fail;
    for (size_t i = 0; i < c->n_results; i++) {
        const struct mc_check_result *r = &c->results[i];
        if (r->outcome > c->outcome)
            c->outcome = r->outcome;
        if (r->why == MC_UNDECIDED_DATA || (r->why && !c->why))
            c->why = r->why;
    }
    if (c->outcome != MC_OUTCOME_UNDECIDED)
        c->why = MC_UNDECIDED_NO;
    c->complies = c->outcome == MC_OUTCOME_COMPLIES;
    free(idx);
    free(avg.meal);
    free(avg.day_cov);
    *out = c;
    return MC_OK;
fail:
    free(idx);
    free(avg.meal);
    free(avg.day_cov);
    mc_check_free(c);
    return rc;
}

/* ---- outcome ------------------------------------------------------------- */

int mc_check_item_decides(const struct mc_check_item *it)
{
    return (it->lo_row && it->lo_verified) || (it->hi_row && it->hi_verified);
}

enum mc_outcome mc_check_classify(const struct mc_check_result *r,
                                  enum mc_undecided *why)
{
    int deciding = 0, unjudged = 0, fail = 0, advisory = 0;
    for (size_t i = 0; i < r->n_items; i++) {
        const struct mc_check_item *it = &r->items[i];
        int decides = mc_check_item_decides(it);
        deciding += decides;
        unjudged += decides && it->verdict == MC_VERDICT_INSUFFICIENT;
        fail += it->verdict == MC_VERDICT_FAIL;
        advisory += it->verdict == MC_VERDICT_ADVISORY;
    }
    enum mc_undecided w = fail ? MC_UNDECIDED_NO
                          : !deciding ? MC_UNDECIDED_UNVERIFIED
                          : unjudged ? MC_UNDECIDED_DATA : MC_UNDECIDED_NO;
    if (why)
        *why = w;
    return fail ? MC_OUTCOME_FAILS
           : w ? MC_OUTCOME_UNDECIDED
           : advisory ? MC_OUTCOME_ADVISORY : MC_OUTCOME_COMPLIES;
}

const char *mc_outcome_sentence(enum mc_outcome o, enum mc_undecided why)
{
    switch (o) {
    case MC_OUTCOME_ADVISORY:
        return _("the menu complies with the verified norms, but advisory "
                 "(unverified) norms are not met");
    case MC_OUTCOME_UNDECIDED:
        return why == MC_UNDECIDED_DATA
                   ? _("compliance cannot be decided: a verified norm has "
                       "insufficient data")
                   : _("compliance cannot be decided: the norms checked are "
                       "unverified and only advise");
    case MC_OUTCOME_FAILS: return _("the menu does NOT comply");
    case MC_OUTCOME_COMPLIES: break;
    }
    return _("the menu complies with every norm set checked");
}

const char *mc_outcome_key(enum mc_outcome o)
{
    static const char *const keys[] = {
        [MC_OUTCOME_COMPLIES] = "complies", [MC_OUTCOME_ADVISORY] = "advisory_not_met",
        [MC_OUTCOME_UNDECIDED] = "cannot_be_decided",
        [MC_OUTCOME_FAILS] = "does_not_comply",
    };
    return keys[o];
}

const char *mc_undecided_key(enum mc_undecided why)
{
    static const char *const keys[] = {
        [MC_UNDECIDED_NO] = "", [MC_UNDECIDED_DATA] = "insufficient_data",
        [MC_UNDECIDED_UNVERIFIED] = "unverified_norms",
    };
    return keys[why];
}

/* A norm row is verified but a meal share it uses is not. */
static int share_unverified(const struct mc_check_result *r)
{
    for (size_t i = 0; i < r->n_items; i++) {
        const struct mc_check_item *it = &r->items[i];
        if ((it->lo_row && it->lo_row->verified && !it->lo_verified) ||
            (it->hi_row && it->hi_row->verified && !it->hi_verified))
            return 1;
    }
    return 0;
}

const char *mc_check_outcome_label(const struct mc_check_result *r, char *buf,
                                   size_t size)
{
    char adv[160] = "";
    if (r->n_advisory)
        snprintf(adv, sizeof adv, mc_ngettext("%d advisory norm not met",
                                              "%d advisory norms not met", r->n_advisory),
                 r->n_advisory);
    switch (r->outcome) {
    case MC_OUTCOME_FAILS:
        snprintf(buf, size, mc_ngettext("DOES NOT COMPLY: %d verified norm not met",
                                        "DOES NOT COMPLY: %d verified norms not met",
                                        r->n_fail), r->n_fail);
        break;
    case MC_OUTCOME_UNDECIDED:
        if (r->why == MC_UNDECIDED_DATA)
            snprintf(buf, size, mc_ngettext("cannot be decided: %d verified norm has "
                                            "insufficient data",
                                            "cannot be decided: %d verified norms have "
                                            "insufficient data",
                                            r->n_deciding_insufficient),
                     r->n_deciding_insufficient);
        else
            snprintf(buf, size, "%s%s",
                     mc_ngettext("cannot be decided: the only norm checked is "
                                 "unverified and only advises",
                                 "cannot be decided: none of the norms checked is "
                                 "verified, they only advise", (unsigned long)r->n_items),
                     share_unverified(r) ? _(" (a meal share of the norm set is "
                                             "unverified: state the shares you apply)")
                                         : "");
        break;
    case MC_OUTCOME_ADVISORY:
        snprintf(buf, size, mc_ngettext("complies with the %d verified norm",
                                        "complies with the %d verified norms",
                                        r->n_deciding), r->n_deciding);
        break;
    case MC_OUTCOME_COMPLIES:
        snprintf(buf, size, mc_ngettext("complies: the %d verified norm is met",
                                        "complies: the %d verified norms are met",
                                        r->n_deciding), r->n_deciding);
        break;
    }
    size_t len = strlen(buf);
    if (*adv && len < size)
        snprintf(buf + len, size - len, "; %s", adv);
    return buf;
}

static size_t item_name(char *buf, size_t size, const struct mc_check_item *it)
{
    /* xgettext:no-c-format */
    return (size_t)snprintf(buf, size, "%s%s%s%s", mc_nutrient_name(it->nutrient),
                            it->pct_energy ? _(" (% kcal)") : "", it->meal ? ", " : "",
                            it->meal ? it->meal : "");
}

/* " (70 % of norm, low)" or, when only some days are out,
 * " (not met on 6 of 10 days)". */
static size_t not_met(char *buf, size_t size, const struct mc_check_item *it)
{
    if (isnan(it->avg.pct_of_norm) || it->avg.status == MC_STATUS_OK ||
        it->avg.status == MC_STATUS_INSUFFICIENT)
        return (size_t)snprintf(buf, size, _(" (not met on %d of %d days)"), it->days_out,
                                it->days_judged);
    return (size_t)snprintf(buf, size, _(" (%.0f %% of norm, %s)"), it->avg.pct_of_norm,
                            mc_status_name(it->avg.status));
}

const char *mc_check_decided_label(const struct mc_check_result *r, char *buf,
                                   size_t size)
{
    size_t len = 0;
    char name[160];
    buf[0] = '\0';
    for (int decides = 1; decides >= 0; decides--) {
        int n = 0;
        for (size_t i = 0; i < r->n_items && len < size; i++) {
            const struct mc_check_item *it = &r->items[i];
            if (mc_check_item_decides(it) != decides)
                continue;
            item_name(name, sizeof name, it);
            const char *head = !n ? decides ? _("decide (verified): ")
                                            : _("only advise (unverified): ")
                                  : ", ";
            len += (size_t)snprintf(buf + len, size - len, "%s%s%s", len && !n ? "; " : "",
                                    head, name);
            n++;
            if ((it->verdict == MC_VERDICT_ADVISORY || it->verdict == MC_VERDICT_FAIL) &&
                len < size)
                len += not_met(buf + len, size - len, it);
            else if (it->verdict == MC_VERDICT_INSUFFICIENT && decides && len < size)
                len += (size_t)snprintf(buf + len, size - len, " (%s)",
                                        mc_verdict_name(it->verdict));
        }
        if (!n && len < size)
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "; " : "",
                                    decides ? _("decide (verified): none")
                                            : _("only advise (unverified): none"));
    }
    return buf;
}

int mc_check_binding(const struct mc_check_item *it, const struct mc_norm_row **row,
                     size_t *sub, int *verified)
{
    int hi = it->avg.status == MC_STATUS_HIGH || !it->lo_row;
    if (row)
        *row = hi ? it->hi_row : it->lo_row;
    if (sub)
        *sub = hi ? it->hi_sub : it->lo_sub;
    if (verified)
        *verified = hi ? it->hi_verified : it->lo_verified;
    return hi;
}

static int verdict_rank(enum mc_verdict v)
{
    switch (v) {
    case MC_VERDICT_FAIL: return 0;
    case MC_VERDICT_ADVISORY: return 1;
    case MC_VERDICT_INSUFFICIENT: return 2;
    case MC_VERDICT_PASS: break;
    }
    return 3;
}

void mc_check_order(const struct mc_check_result *r, size_t *idx)
{
    size_t n = 0;
    for (int rank = 0; rank <= 3; rank++)
        for (size_t i = 0; i < r->n_items; i++)
            if (verdict_rank(r->items[i].verdict) == rank)
                idx[n++] = i;
}

/* text, then the norm set's groups it selects: "7-11 (ru_7_11)". */
static const char *group_label(const struct mc_check_result *r, const char *text,
                               char *buf, size_t size)
{
    size_t len = (size_t)snprintf(buf, size, "%s", text);
    if (!r->spec->is_ages || len >= size)
        return buf;
    for (size_t s = 0; s < r->n_subs && len < size; s++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", s ? ", " : " (",
                                r->subs[s].group->id);
    if (len < size)
        snprintf(buf + len, size - len, ")");
    return buf;
}

const char *mc_check_group_label(const struct mc_check_result *r, char *buf,
                                 size_t size)
{
    char text[256];
    return group_label(r, mc_group_spec_label(r->spec, text, sizeof text), buf, size);
}

const char *mc_check_group_name(const struct mc_check_result *r, char *buf, size_t size)
{
    return group_label(r, r->spec->text, buf, size);
}

const char *mc_check_share_label(const struct mc_check_result *r, char *buf,
                                 size_t size)
{
    if (r->std->per != MC_PER_DAY)
        snprintf(buf, size, "%s", "");
    else if (!r->n_shares)
        snprintf(buf, size, "%s", _("whole-day norms: the menu is compared with a full "
                                    "day's needs (meal shares, when given, scale them to "
                                    "the meals served)"));
    else
        snprintf(buf, size, _("the menu's meals must cover %.4g-%.4g %% of the daily norm "
                              "(shares %s%s)"), r->share_lo, r->share_hi,
                 (size_t)r->shares_assumed == r->n_shares ? _("given for this check")
                 : r->shares_assumed ? _("of the norm set and given for this check")
                                     : _("of the norm set"),
                 r->shares_verified ? "" : _("; a meal share is unverified: advisory"));
    return buf;
}
