/*
 * suggest.c - the smallest change that makes a menu comply (the model is
 * described in suggest.h), solved with GLPK and proven by mc_check_run().
 *
 * Columns, 1-based as GLPK counts them: per serving s the grams g, the
 * increase up, the decrease down (g - up + down = portion) and the binary
 * "changed" c (up + down <= (ub - lb) c); per option (an item a meal may
 * add, or a recipe a serving may be swapped for) the grams z, the binary
 * "taken" y (lb y <= z <= ub y) and, for a swap, d >= |z - portion y|, its
 * distance from the card's portion.
 */
#include "mealcheck/suggest.h"

#include "mealcheck/csv.h"
#include "mealcheck/i18n.h"

#include <errno.h>
#include <glpk.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "report_style.h"
#include "tempfile.h"
#include "array.h"

/* A row's bound is tightened by a margin (relative) so that what the
 * solver puts on the bound is inside it for the engine's strict
 * comparison: the first, then, when the portions rounded to 0.1 g miss a
 * bound, the wider ones, so that the menu written is a caterer's. */
static const double margins[] = {1e-7, 1e-3, 1e-2};

/* How much the branch and bound may search for a better change: a number
 * of subproblems times the model's rows (a subproblem's cost grows with
 * them), so that a menu of any length stops after about the same work.
 * Work, not time, so that the same menu gets the same change on a loaded
 * server, under a sanitizer or on a slow machine; the time limit is only
 * a backstop for a subproblem that runs long. */
#define WORK_LIMIT 200000
#define MIN_NODES 200
#define TIME_LIMIT_MS 20000

/* How much the search for irreducible infeasible subsets may do: linear
 * programmes solved times the model's rows; work, not time, for the same
 * reason. */
#define IIS_WORK_LIMIT 400000

/* A dish that may enter a meal: an item allowed to be added, or a recipe
 * of the book that may take a serving's place. */
struct add_item {
    const char *name;
    const struct mc_recipe *recipe;
    struct mc_food *food;          /* owned; NULL for a recipe */
    struct mc_nvec per_g;          /* one gram */
    double portion, lb, ub;
    double price_g;                /* NAN when unknown */
};

/* One term of a nutrient row: column, its grams' nutrient and energy. */
struct term {
    int col;
    double n, e;
};

/* A nutrient row of the model. */
struct nrow {
    size_t result, item;
    long day;
    int hi, pct;
    double bound, factor;          /* factor: kcal per gram for pct rows */
    double tight;                  /* the bound as the model holds it (margin) */
    size_t first, count;           /* its terms */
};

/* One (grams, binary) pair of columns: an addition to a meal, or a swap
 * of a serving for another dish of its course. */
struct option {
    size_t meal;
    size_t serving;                /* the serving replaced; SIZE_MAX: an addition */
    const struct add_item *item;
    double w;                      /* weight in its meal, as the serving's */
};

struct model {
    const struct mc_menu *menu;
    const struct mc_suggest_opts *opts;
    size_t ns, nm, na, nc;
    double *lb, *ub, *w;           /* per serving: bounds (g), weight in its meal */
    size_t *meal_of;
    double *avg_day, *avg_meal;    /* per meal: weight in the average day, and in
                                      the average of its meal name */
    struct add_item *adds;
    struct add_item *cands;        /* --swap: the recipes of the book with a course */
    struct option *options; size_t n_opts;
    size_t *meal_opt;              /* per meal: its first option (nm + 1 entries) */
    struct nrow *rows; size_t n_rows, cap_rows;
    struct term *terms; size_t n_terms, cap_terms;
    double cost_scale;             /* 1: cost objective */
};

static int col_g(size_t s) { return (int)(1 + 4 * s); }
static int col_up(size_t s) { return (int)(2 + 4 * s); }
static int col_down(size_t s) { return (int)(3 + 4 * s); }
static int col_c(size_t s) { return (int)(4 + 4 * s); }
static int col_z(const struct model *M, size_t i) { return (int)(1 + 4 * M->ns + 3 * i); }
static int col_y(const struct model *M, size_t i) { return col_z(M, i) + 1; }
static int col_d(const struct model *M, size_t i) { return col_z(M, i) + 2; }
static int n_cols(const struct model *M) { return (int)(4 * M->ns + 3 * M->n_opts); }

static void model_free(struct model *M)
{
    free(M->lb);
    free(M->ub);
    free(M->w);
    free(M->meal_of);
    free(M->avg_day);
    free(M->avg_meal);
    for (size_t k = 0; k < M->na; k++)
        mc_food_free(M->adds[k].food);
    free(M->adds);
    free(M->cands);
    free(M->options);
    free(M->meal_opt);
    free(M->rows);
    free(M->terms);
}

/* ---- the menu's arithmetic as weights --------------------------------------- */

static size_t meal_name_index(const struct mc_menu *menu, const char *meal)
{
    for (size_t k = 0; k < menu->n_meal_names; k++)
        if (!strcmp(menu->meal_names[k], meal))
            return k;
    return 0;
}

static double planned(const struct mc_meal *m)
{
    return isnan(m->planned_meals) ? 1.0 : m->planned_meals;
}

/* The weights mc_menu_aggregate() and the check's averages give each
 * serving and meal (menu.h, check.h). */
static int weights(struct model *M, enum mc_average how)
{
    const struct mc_menu *menu = M->menu;
    size_t nk = menu->n_meal_names ? menu->n_meal_names : 1;
    double *sum = calloc(nk, sizeof *sum);
    double *cnt = calloc(nk, sizeof *cnt);
    if (!sum || !cnt) {
        free(sum);
        free(cnt);
        return -1;
    }
    for (size_t m = 0; m < menu->n_meals; m++) {
        size_t k = meal_name_index(menu, menu->meals[m].meal);
        sum[k] += planned(&menu->meals[m]);
        cnt[k] += 1;
    }
    for (size_t m = 0; m < menu->n_meals; m++) {
        const struct mc_meal *ml = &menu->meals[m];
        size_t k = meal_name_index(menu, ml->meal);
        if (how == MC_AVERAGE_TOTALS) {
            M->avg_meal[m] = M->avg_day[m] = planned(ml) / sum[k];
        } else {
            M->avg_meal[m] = 1.0 / cnt[k];
            M->avg_day[m] = 1.0 / (double)menu->n_days;
        }
        for (size_t i = ml->first; i < ml->first + ml->count; i++) {
            const struct mc_serving *s = &menu->servings[i];
            M->meal_of[i] = m;
            M->w[i] = isnan(ml->planned_meals) ? 1.0
                                               : s->planned_servings / ml->planned_meals;
        }
    }
    free(sum);
    free(cnt);
    return 0;
}

static size_t day_of_meal(const struct mc_menu *menu, size_t m)
{
    for (size_t d = 0; d < menu->n_days; d++)
        if (m >= menu->days[d].first && m < menu->days[d].first + menu->days[d].count)
            return d;
    return SIZE_MAX;
}

/* The factor of meal m in a scope: day d (-1: the period average), meal
 * name (NULL: the whole day); 0 when m is outside it. */
static double meal_factor(const struct model *M, size_t m, long day, const char *meal)
{
    const struct mc_meal *ml = &M->menu->meals[m];
    if (meal && strcmp(ml->meal, meal))
        return 0.0;
    if (day >= 0)
        return day_of_meal(M->menu, m) == (size_t)day ? 1.0 : 0.0;
    return meal ? M->avg_meal[m] : M->avg_day[m];
}

/* ---- rows ------------------------------------------------------------------ */

static int push_term(struct model *M, int col, double n, double e)
{
    if (n == 0.0 && e == 0.0)
        return 0;
    if (mc_array_reserve(&M->terms, &M->cap_terms, M->n_terms + 1, sizeof *M->terms, 1024))
        return -1;
    M->terms[M->n_terms++] = (struct term){col, n, e};
    return 0;
}

static int add_row(struct model *M, size_t res, size_t item,
                   const struct mc_check_item *it, long day, int hi, double bound)
{
    if (mc_array_reserve(&M->rows, &M->cap_rows, M->n_rows + 1, sizeof *M->rows, 64))
        return -1;
    struct nrow *r = &M->rows[M->n_rows];
    *r = (struct nrow){.result = res, .item = item, .day = day, .hi = hi,
                       .pct = it->pct_energy, .bound = bound,
                       .factor = mc_energy_factor(it->nutrient), .first = M->n_terms};
    enum mc_nutrient n = it->nutrient;
    const struct mc_menu *menu = M->menu;
    for (size_t m = 0; m < menu->n_meals; m++) {
        double f = meal_factor(M, m, day, it->meal);
        if (f == 0.0)
            continue;
        const struct mc_meal *ml = &menu->meals[m];
        for (size_t s = ml->first; s < ml->first + ml->count; s++) {
            const struct mc_serving *sv = &menu->servings[s];
            double k = f * M->w[s] / sv->portion_g;
            if (push_term(M, col_g(s), k * sv->n.value[n],
                          k * sv->n.value[MC_N_ENERGY_KCAL]))
                return -1;
        }
        for (size_t i = M->meal_opt[m]; i < M->meal_opt[m + 1]; i++) {
            const struct option *op = &M->options[i];
            double k = f * op->w;
            if (push_term(M, col_z(M, i), k * op->item->per_g.value[n],
                          k * op->item->per_g.value[MC_N_ENERGY_KCAL]))
                return -1;
        }
    }
    r->count = M->n_terms - r->first;
    M->n_rows++;
    return 0;
}

/* The rows of one judged value: the verified sides the engine can fail. */
static int value_rows(struct model *M, size_t res, size_t item,
                      const struct mc_check_item *it, long day,
                      const struct mc_check_value *v, double coverage_min)
{
    if (isnan(v->value) || v->status == MC_STATUS_NONE)
        return 0;
    int thin = v->coverage < coverage_min;
    if (it->lo_verified && !isnan(v->lo) && !thin && add_row(M, res, item, it, day, 0, v->lo))
        return -1;
    /* An amount above its maximum is high whatever its coverage. */
    if (it->hi_verified && !isnan(v->hi) && (!thin || !it->pct_energy) &&
        add_row(M, res, item, it, day, 1, v->hi))
        return -1;
    return 0;
}

static int build_rows(struct model *M, const struct mc_check *c)
{
    for (size_t r = 0; r < c->n_results; r++) {
        const struct mc_check_result *res = &c->results[r];
        double cmin = res->std->coverage_min;
        for (size_t i = 0; i < res->n_items; i++) {
            const struct mc_check_item *it = &res->items[i];
            if (value_rows(M, r, i, it, -1, &it->avg, cmin))
                return -1;
            if (res->std->judge != MC_JUDGE_EACH_DAY)
                continue;
            for (size_t d = 0; d < M->menu->n_days; d++)
                if (value_rows(M, r, i, it, (long)d, &it->days[d], cmin))
                    return -1;
        }
    }
    return 0;
}

static void set_margin(struct model *M, double margin)
{
    for (size_t i = 0; i < M->n_rows; i++) {
        struct nrow *r = &M->rows[i];
        double d = margin * fabs(r->bound) + 1e-12;
        r->tight = r->hi ? r->bound - d : r->bound + d;
    }
}

/* Row coefficient of a term: the amount, or 100 f N - bound E for a share
 * of energy. */
static double coef(const struct nrow *r, const struct term *t)
{
    return r->pct ? 100.0 * r->factor * t->n - r->tight * t->e : t->n;
}

/* The row's value at x (1-based columns): the amount or the % of energy. */
static double row_value(const struct model *M, const struct nrow *r, const double *x)
{
    double n = 0, e = 0;
    for (size_t i = r->first; i < r->first + r->count; i++) {
        n += M->terms[i].n * x[M->terms[i].col];
        e += M->terms[i].e * x[M->terms[i].col];
    }
    if (!r->pct)
        return n;
    return e > 0 ? 100.0 * r->factor * n / e : NAN;
}

/* ---- the programme ------------------------------------------------------- */

/* Columns, link rows and the objective; nutrient rows follow. */
static void set_columns(glp_prob *lp, const struct model *M, int integer)
{
    const struct mc_menu *menu = M->menu;
    const struct mc_suggest_opts *o = M->opts;
    int cost = o->objective == MC_SUGGEST_COST;
    double tie = cost ? 1e-3 : 1.0; /* the changes break ties of cost */
    glp_add_cols(lp, n_cols(M));
    for (size_t i = 0; i < M->n_opts; i++) {
        const struct option *op = &M->options[i];
        const struct add_item *a = op->item;
        int z = col_z(M, i), y = col_y(M, i);
        glp_set_col_bnds(lp, z, GLP_DB, 0, a->ub);
        glp_set_col_bnds(lp, y, GLP_DB, 0, 1);
        if (integer)
            glp_set_col_kind(lp, y, GLP_BV);
        glp_set_obj_coef(lp, z, (cost ? a->price_g * op->w / (double)menu->n_days : 0) +
                                    tie / a->portion);
        glp_set_obj_coef(lp, y, tie);
        int r = glp_add_rows(lp, 2);
        int ind[4] = {0, z, y, col_d(M, i)};
        double up[4] = {0, 1, -a->ub, 0}, lo[4] = {0, 1, -a->lb, 0};
        glp_set_mat_row(lp, r, 2, ind, up);
        glp_set_row_bnds(lp, r, GLP_UP, 0, 0);
        glp_set_mat_row(lp, r + 1, 2, ind, lo);
        glp_set_row_bnds(lp, r + 1, GLP_LO, 0, 0);
        if (op->serving == SIZE_MAX) { /* an addition: the smaller the better */
            glp_set_col_bnds(lp, col_d(M, i), GLP_FX, 0, 0);
            continue;
        }
        /* A swap: the nearer its card's portion the better. */
        glp_set_obj_coef(lp, z, cost ? a->price_g * op->w / (double)menu->n_days : 0);
        glp_set_col_bnds(lp, col_d(M, i), GLP_LO, 0, 0);
        glp_set_obj_coef(lp, col_d(M, i), tie / a->portion);
        double dp[4] = {0, 1, -a->portion, -1}, dm[4] = {0, 1, -a->portion, 1};
        r = glp_add_rows(lp, 2);
        glp_set_mat_row(lp, r, 3, ind, dp);
        glp_set_row_bnds(lp, r, GLP_UP, 0, 0);
        glp_set_mat_row(lp, r + 1, 3, ind, dm);
        glp_set_row_bnds(lp, r + 1, GLP_LO, 0, 0);
    }
    size_t most = 1;
    for (size_t m = 0; m < M->nm; m++)
        if (M->meal_opt[m + 1] - M->meal_opt[m] + 1 > most)
            most = M->meal_opt[m + 1] - M->meal_opt[m] + 1;
    int *ind = malloc((most + 4) * sizeof *ind);
    double *val = malloc((most + 4) * sizeof *val);
    if (!ind || !val)
        goto done;
    for (size_t s = 0; s < M->ns; s++) {
        const struct mc_serving *sv = &menu->servings[s];
        double p = sv->portion_g, range = M->ub[s] - M->lb[s];
        /* The serving's swaps b: g - up + down + p sum b = p, and g within
         * its bounds unless swapped, 0 when swapped. */
        int n = 3, nb = 0;
        size_t m = M->meal_of[s];
        ind[1] = col_g(s), ind[2] = col_up(s), ind[3] = col_down(s);
        val[1] = 1, val[2] = -1, val[3] = 1;
        for (size_t i = M->meal_opt[m]; i < M->meal_opt[m + 1]; i++)
            if (M->options[i].serving == s) {
                ind[++n] = col_y(M, i);
                val[n] = p;
                nb++;
            }
        glp_set_col_bnds(lp, col_g(s), nb ? GLP_DB : M->lb[s] < M->ub[s] ? GLP_DB : GLP_FX,
                         nb ? 0 : M->lb[s], M->ub[s]);
        glp_set_col_bnds(lp, col_up(s), GLP_LO, 0, 0);
        glp_set_col_bnds(lp, col_down(s), GLP_LO, 0, 0);
        glp_set_col_bnds(lp, col_c(s), GLP_DB, 0, 1);
        if (integer)
            glp_set_col_kind(lp, col_c(s), GLP_BV);
        if (cost)
            glp_set_obj_coef(lp, col_g(s), sv->price / p * M->w[s] / (double)menu->n_days);
        glp_set_obj_coef(lp, col_up(s), tie / p);
        glp_set_obj_coef(lp, col_down(s), tie / p);
        glp_set_obj_coef(lp, col_c(s), tie);
        int r = glp_add_rows(lp, 2);
        glp_set_mat_row(lp, r, n, ind, val);
        glp_set_row_bnds(lp, r, GLP_FX, p, p);
        int ind2[4] = {0, col_up(s), col_down(s), col_c(s)};
        double val2[4] = {0, 1, 1, -(range > 0 ? range : 1)};
        glp_set_mat_row(lp, r + 1, 3, ind2, val2);
        glp_set_row_bnds(lp, r + 1, GLP_UP, 0, 0);
        if (!nb)
            continue;
        /* g + lb sum b >= lb and g + ub sum b <= ub: at most one swap. */
        for (int k = 4; k <= n; k++)
            val[k] = M->lb[s];
        r = glp_add_rows(lp, 2);
        ind[3] = col_g(s);
        val[3] = 1;
        glp_set_mat_row(lp, r, n - 2, ind + 2, val + 2);
        glp_set_row_bnds(lp, r, GLP_LO, M->lb[s], 0);
        for (int k = 4; k <= n; k++)
            val[k] = M->ub[s];
        glp_set_mat_row(lp, r + 1, n - 2, ind + 2, val + 2);
        glp_set_row_bnds(lp, r + 1, GLP_UP, 0, M->ub[s]);
    }
done:
    free(ind);
    free(val);
}

/* Each day's cost within the budget. */
static void budget_rows(glp_prob *lp, const struct model *M)
{
    const struct mc_menu *menu = M->menu;
    int *ind = malloc((size_t)(n_cols(M) + 1) * sizeof *ind);
    double *val = malloc((size_t)(n_cols(M) + 1) * sizeof *val);
    if (!ind || !val)
        goto done;
    for (size_t d = 0; d < menu->n_days; d++) {
        int n = 0;
        const struct mc_day *day = &menu->days[d];
        for (size_t m = day->first; m < day->first + day->count; m++) {
            const struct mc_meal *ml = &menu->meals[m];
            for (size_t s = ml->first; s < ml->first + ml->count; s++) {
                ind[++n] = col_g(s);
                val[n] = menu->servings[s].price / menu->servings[s].portion_g * M->w[s];
            }
            for (size_t i = M->meal_opt[m]; i < M->meal_opt[m + 1]; i++) {
                ind[++n] = col_z(M, i);
                val[n] = M->options[i].item->price_g * M->options[i].w;
            }
        }
        int r = glp_add_rows(lp, 1);
        glp_set_mat_row(lp, r, n, ind, val);
        glp_set_row_bnds(lp, r, GLP_UP, 0, M->opts->budget);
    }
done:
    free(ind);
    free(val);
}

/* The nutrient rows; with elastic, each gets a slack column priced by
 * its relative shortfall (scale: the row's size at the current portions).
 * Returns the first nutrient row's number. */
static int nutrient_rows(glp_prob *lp, const struct model *M, const double *x0,
                         int elastic, const unsigned char *keep)
{
    int first = glp_get_num_rows(lp) + 1;
    size_t most = 1;
    for (size_t i = 0; i < M->n_rows; i++)
        if (M->rows[i].count + 2 > most)
            most = M->rows[i].count + 2;
    int *ind = malloc(most * sizeof *ind);
    double *val = malloc(most * sizeof *val);
    if (!ind || !val)
        goto done;
    for (size_t i = 0; i < M->n_rows; i++) {
        const struct nrow *r = &M->rows[i];
        int n = 0;
        if (keep && !keep[i])
            continue;
        for (size_t t = r->first; t < r->first + r->count; t++) {
            ind[++n] = M->terms[t].col;
            val[n] = coef(r, &M->terms[t]);
        }
        double b = r->bound, rhs = r->pct ? 0.0 : r->tight;
        int row = glp_add_rows(lp, 1);
        if (elastic) {
            double e = 0;
            for (size_t t = r->first; t < r->first + r->count; t++)
                e += M->terms[t].e * x0[M->terms[t].col];
            double scale = r->pct ? fabs(b) * (e > 0 ? e : 1) : fabs(b);
            int sc = glp_add_cols(lp, 1);
            glp_set_col_bnds(lp, sc, GLP_LO, 0, 0);
            glp_set_obj_coef(lp, sc, 1e3 / (scale > 1e-9 ? scale : 1e-9));
            ind[++n] = sc;
            val[n] = r->hi ? -1.0 : 1.0;
        }
        glp_set_mat_row(lp, row, n, ind, val);
        glp_set_row_bnds(lp, row, r->hi ? GLP_UP : GLP_LO, rhs, rhs);
    }
done:
    free(ind);
    free(val);
    return first;
}

/* The programme; keep: the nutrient rows made (NULL: all), numbered from
 * *first_row in their order. */
static glp_prob *programme(const struct model *M, const double *x0, int integer,
                           int elastic, const unsigned char *keep, int *first_row)
{
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    set_columns(lp, M, integer);
    if (M->opts->budget > 0)
        budget_rows(lp, M);
    *first_row = nutrient_rows(lp, M, x0, elastic, keep);
    return lp;
}

/* x at the menu as given: every portion as served, nothing added. */
static void current_point(const struct model *M, double *x)
{
    memset(x, 0, (size_t)(n_cols(M) + 1) * sizeof *x);
    for (size_t s = 0; s < M->ns; s++)
        x[col_g(s)] = M->menu->servings[s].portion_g;
}

/* The grams again for the changes of x0 (its binaries fixed), a linear
 * programme.  1: solved into x, 0: infeasible, -1: solver failure. */
static int solve_grams(const struct model *M, const double *x0, double *x)
{
    int first;
    glp_prob *lp = programme(M, x, 0, 0, NULL, &first);
    for (size_t s = 0; s < M->ns; s++)
        glp_set_col_bnds(lp, col_c(s), GLP_FX, round(x0[col_c(s)]), 0);
    for (size_t i = 0; i < M->n_opts; i++)
        glp_set_col_bnds(lp, col_y(M, i), GLP_FX, round(x0[col_y(M, i)]), 0);
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    int rc = glp_simplex(lp, &parm), found = -1;
    if (rc == GLP_ENOPFS || (!rc && glp_get_prim_stat(lp) == GLP_NOFEAS))
        found = 0;
    else if (!rc && glp_get_status(lp) == GLP_OPT)
        found = 1;
    if (found == 1)
        for (int j = 1; j <= n_cols(M); j++)
            x[j] = glp_get_col_prim(lp, j);
    glp_delete_prob(lp);
    return found;
}

/* The subproblems the branch and bound has taken up, and how many it may. */
struct node_count {
    int n, limit;
};

/* The branch and bound's callback: stop it after its limit of subproblems. */
static void count_nodes(glp_tree *tree, void *info)
{
    struct node_count *c = info;
    if (glp_ios_reason(tree) == GLP_ISELECT && ++c->n > c->limit)
        glp_ios_terminate(tree);
}

/* Solve the MILP.  1: solved into x, 0: infeasible, -1: solver failure. */
static int solve(const struct model *M, double *x, int *optimal)
{
    struct node_count nodes = {0, WORK_LIMIT / (int)(M->n_rows ? M->n_rows : 1)};
    if (nodes.limit < MIN_NODES)
        nodes.limit = MIN_NODES;
    int first;
    glp_prob *lp = programme(M, x, 1, 0, NULL, &first);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    parm.mip_gap = 1e-3;
    /* Many changes of equal worth make the search long: the feasibility
     * pump and cuts find a good one early, and the best within the time
     * limit is taken (still proven by the check). */
    parm.fp_heur = GLP_ON;
    parm.mir_cuts = GLP_ON;
    parm.cov_cuts = GLP_ON;
    parm.tm_lim = TIME_LIMIT_MS;
    parm.cb_func = count_nodes;
    parm.cb_info = &nodes;
    int rc = glp_intopt(lp, &parm), st = glp_mip_status(lp), found = -1;
    if (rc == GLP_ENOPFS || rc == GLP_ENODFS || st == GLP_NOFEAS)
        found = 0;
    else if ((rc == 0 || rc == GLP_ETMLIM || rc == GLP_ESTOP || rc == GLP_EMIPGAP) &&
             (st == GLP_OPT || st == GLP_FEAS))
        found = 1;
    /* Stopped at the gap asked for: the best within 0.1 %. */
    *optimal = (rc == 0 || rc == GLP_EMIPGAP) && (st == GLP_OPT || st == GLP_FEAS);
    if (found == 1)
        for (int j = 1; j <= n_cols(M); j++)
            x[j] = glp_mip_col_val(lp, j);
    glp_delete_prob(lp);
    return found;
}

/* ---- what cannot be met ---------------------------------------------------- */

/* The most (min side) or least (max side) an amount row can be when only
 * the portion bounds count; NAN for a share of energy. */
static double alone(const struct model *M, const struct nrow *r)
{
    if (r->pct)
        return NAN;
    glp_prob *lp = glp_create_prob();
    set_columns(lp, M, 0);
    for (int j = 1; j <= n_cols(M); j++)
        glp_set_obj_coef(lp, j, 0);
    for (size_t t = r->first; t < r->first + r->count; t++) {
        int col = M->terms[t].col;
        glp_set_obj_coef(lp, col, glp_get_obj_coef(lp, col) + M->terms[t].n);
    }
    glp_set_obj_dir(lp, r->hi ? GLP_MIN : GLP_MAX);
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    double v = !glp_simplex(lp, &parm) && glp_get_status(lp) == GLP_OPT ? glp_get_obj_val(lp)
                                                                         : NAN;
    glp_delete_prob(lp);
    return v;
}

/* Whether the linear relaxation of lp is feasible: 1, 0, or -1 when the
 * solver fails. */
static int lp_feasible(glp_prob *lp)
{
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    int rc = glp_simplex(lp, &parm);
    if (rc == GLP_ENOPFS)
        return 0;
    if (rc)
        return -1;
    return glp_get_prim_stat(lp) == GLP_FEAS;
}

/* Irreducible infeasible subsets of the nutrient rows by the deletion
 * filter (GLPK has none): each row in turn is dropped for good when the
 * others stay infeasible without it; what stays is one subset.  Its rows
 * are then set aside and, while the rest is still infeasible, the next
 * subset is found among them.  set receives each row's subset number from
 * 1 (0: in none); returns 1 when every subset is irreducible, 0 when the
 * time bound stopped the filter (the rows still in the last subset cannot
 * be met together, but it may not be minimal), -1 when the relaxation is
 * feasible (only whole dishes, added or swapped, fail) or the solver
 * fails. */
static int deletion_filter(const struct model *M, int *set)
{
    int first;
    double *x = calloc((size_t)(n_cols(M) + 1), sizeof *x);
    struct bnds { int type; double lo, hi; } *b = malloc((M->n_rows + 1) * sizeof *b);
    if (!x || !b) {
        free(x);
        free(b);
        return -1;
    }
    glp_prob *lp = programme(M, x, 0, 0, NULL, &first);
    free(x);
    for (int j = 1; j <= glp_get_num_cols(lp); j++)
        glp_set_obj_coef(lp, j, 0); /* feasibility only */
    for (size_t i = 0; i < M->n_rows; i++) {
        int row = first + (int)i;
        b[i] = (struct bnds){glp_get_row_type(lp, row), glp_get_row_lb(lp, row),
                             glp_get_row_ub(lp, row)};
        set[i] = 0;
    }
    int done = 1, fail = lp_feasible(lp) != 0, n_sets = 0, solves = 0;
    int max_solves = IIS_WORK_LIMIT / (int)(M->n_rows ? M->n_rows : 1);
    while (!fail) {
        n_sets++;
        for (size_t i = 0; i < M->n_rows && !fail; i++) {
            if (set[i])
                continue;
            if (++solves > max_solves) {
                done = 0;
                break;
            }
            int row = first + (int)i;
            glp_set_row_bnds(lp, row, GLP_FR, 0, 0);
            int g = lp_feasible(lp);
            fail = g < 0;
            if (g == 1)
                glp_set_row_bnds(lp, row, b[i].type, b[i].lo, b[i].hi);
            /* else: still infeasible without it, dropped for good */
        }
        /* The rows still bound are the subset: set them aside, bring the
         * others back, and see whether what is left can be met. */
        for (size_t i = 0; i < M->n_rows; i++) {
            int row = first + (int)i;
            if (set[i])
                continue;
            if (glp_get_row_type(lp, row) != GLP_FR) {
                set[i] = n_sets;
                glp_set_row_bnds(lp, row, GLP_FR, 0, 0);
            } else {
                glp_set_row_bnds(lp, row, b[i].type, b[i].lo, b[i].hi);
            }
        }
        if (!done || fail)
            break;
        int g = lp_feasible(lp);
        fail = g < 0;
        if (g != 0)
            break;
    }
    glp_delete_prob(lp);
    free(b);
    return fail || !n_sets ? -1 : done;
}

/* The rows that cannot be met together: an irreducible infeasible subset
 * where the relaxation gives one, else the rows the elastic programme
 * misses or holds at their limit; each with the compromise the elastic
 * programme over them reaches. */
static mc_code conflicts(struct model *M, struct mc_suggestion *out, struct mc_err *err)
{
    double *x = malloc((size_t)(n_cols(M) + 1) * sizeof *x);
    unsigned char *keep = malloc(M->n_rows + 1);
    int *set = malloc((M->n_rows + 1) * sizeof *set);
    if (!x || !keep || !set) {
        free(x);
        free(keep);
        free(set);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    int iis = deletion_filter(M, set);
    for (size_t i = 0; i < M->n_rows; i++)
        keep[i] = set[i] > 0;
    out->irreducible = iis == 1;
    current_point(M, x);
    int first;
    glp_prob *lp = programme(M, x, 0, 1, iis >= 0 ? keep : NULL, &first);
    for (int j = 1; j <= n_cols(M); j++)
        glp_set_obj_coef(lp, j, 0); /* only the misses count */
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    mc_code rc = MC_OK;
    if (glp_simplex(lp, &parm) || glp_get_status(lp) != GLP_OPT) {
        rc = mc_err_set(err, MC_ERR_INTERNAL, "the solver could not analyse why "
                        "%s cannot comply", M->menu->path);
        goto done;
    }
    for (int j = 1; j <= n_cols(M); j++)
        x[j] = glp_get_col_prim(lp, j);
    if (!(out->conflicts = calloc(M->n_rows ? M->n_rows : 1, sizeof *out->conflicts))) {
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        goto done;
    }
    /* Set by set; short rows first, then the rows that hold them back. */
    int n_sets = 0;
    for (size_t i = 0; i < M->n_rows; i++)
        n_sets = set[i] > n_sets ? set[i] : n_sets;
    for (int step = iis >= 0 ? 2 : 0; step < 2 * (n_sets + 1); step++) {
        int k = step / 2, pass = step % 2;
        for (size_t i = 0, row = (size_t)first; i < M->n_rows; i++) {
            const struct nrow *r = &M->rows[i];
            if (iis >= 0 && !keep[i])
                continue;
            int this_row = (int)row++;
            if (iis >= 0 && set[i] != k)
                continue;
            double v = row_value(M, r, x);
            double miss = r->hi ? v - r->bound : r->bound - v;
            int shortrow = miss > 1e-6 * (fabs(r->bound) + 1e-9);
            double dual = glp_get_row_dual(lp, this_row);
            if (pass == 0 ? !shortrow : shortrow || (iis < 0 && fabs(dual) < 1e-9))
                continue;
            out->conflicts[out->n_conflicts++] = (struct mc_suggest_conflict){
                .result = r->result, .item = r->item, .day = r->day, .hi = r->hi,
                .set = k, .bound = r->bound, .reach = v,
                .shortfall = shortrow ? miss : 0, .alone = shortrow ? alone(M, r) : NAN};
        }
    }
done:
    glp_delete_prob(lp);
    free(x);
    free(keep);
    free(set);
    return rc;
}

/* ---- the changed menu ------------------------------------------------------ */

static mc_code copy_serving(struct mc_serving *to, const struct mc_serving *from,
                            const char *meal)
{
    *to = *from;
    to->meal = meal;
    to->dish = strdup(from->dish);
    to->food_id = from->food_id ? strdup(from->food_id) : NULL;
    to->food_name = from->food_name ? strdup(from->food_name) : NULL;
    if (!to->dish || (from->food_id && !to->food_id) || (from->food_name && !to->food_name))
        return MC_ERR_NOMEM;
    return MC_OK;
}

static double round_g(double g, int round)
{
    return round ? floor(g * 10.0 + 0.5) / 10.0 : g;
}

/* The option a serving is swapped for at x, or NULL. */
static const struct option *swap_of(const struct model *M, const double *x, size_t s)
{
    size_t m = M->meal_of[s];
    for (size_t i = M->meal_opt[m]; i < M->meal_opt[m + 1]; i++)
        if (M->options[i].serving == s && x[col_y(M, i)] >= 0.5)
            return &M->options[i];
    return NULL;
}

/* Serve a's dish at g grams in to (its week, day, meal and line set). */
static mc_code put_item(struct mc_serving *to, const struct add_item *a, double g)
{
    to->recipe = a->recipe;
    to->dish = strdup(a->recipe ? a->recipe->name : a->food->id);
    if (!to->dish)
        return MC_ERR_NOMEM;
    if (a->food && (!(to->food_id = strdup(a->food->id)) ||
                    !(to->food_name = strdup(a->food->name))))
        return MC_ERR_NOMEM;
    to->portion_g = g;
    to->price = a->price_g * g;
    mc_nvec_zero(&to->n);
    mc_nvec_add_scaled(&to->n, &a->per_g, g);
    return MC_OK;
}

/* The menu with x's portions (rounded to 0.1 g when round), swaps and
 * additions; portions within 0.05 g of the menu's stay as they are. */
static mc_code changed_menu(const struct model *M, const double *x, int round,
                            struct mc_menu **out, struct mc_err *err)
{
    const struct mc_menu *menu = M->menu;
    struct mc_menu *c = calloc(1, sizeof *c);
    mc_code rc = MC_ERR_NOMEM;
    *out = NULL;
    if (!c || !(c->path = strdup(menu->path)) ||
        !(c->meal_names = calloc(menu->n_meal_names + 1, sizeof *c->meal_names)) ||
        !(c->servings = calloc(M->ns + M->n_opts + 1, sizeof *c->servings)))
        goto fail;
    for (size_t k = 0; k < menu->n_meal_names; k++, c->n_meal_names++)
        if (!(c->meal_names[k] = strdup(menu->meal_names[k])))
            goto fail;
    long line = 0;
    for (size_t s = 0; s < M->ns; s++) {
        const struct mc_serving *from = &menu->servings[s];
        struct mc_serving *to = &c->servings[c->n_servings++];
        const char *meal = c->meal_names[meal_name_index(menu, from->meal)];
        const struct option *sw = swap_of(M, x, s);
        if (from->line > line)
            line = from->line;
        if (sw) {
            *to = (struct mc_serving){.week = from->week, .day = from->day, .meal = meal,
                                      .planned_servings = from->planned_servings,
                                      .planned_meals = from->planned_meals,
                                      .line = from->line};
            if (put_item(to, sw->item, round_g(x[col_z(M, (size_t)(sw - M->options))], round)))
                goto fail;
            continue;
        }
        if (copy_serving(to, from, meal))
            goto fail;
        double g = round_g(x[col_g(s)], round);
        if (fabs(g - from->portion_g) < 0.05)
            g = from->portion_g;
        to->portion_g = g;
        mc_nvec_scale(&to->n, g / from->portion_g);
        to->price = from->price * g / from->portion_g;
    }
    for (size_t i = 0; i < M->n_opts; i++) {
        const struct option *op = &M->options[i];
        double g = round_g(x[col_z(M, i)], round);
        if (op->serving != SIZE_MAX || g < 0.05 || x[col_y(M, i)] < 0.5)
            continue;
        const struct mc_meal *ml = &menu->meals[op->meal];
        struct mc_serving *to = &c->servings[c->n_servings++];
        *to = (struct mc_serving){.week = ml->week, .day = ml->day,
                                  .meal = c->meal_names[meal_name_index(menu, ml->meal)],
                                  /* one for each child */
                                  .planned_servings = ml->planned_meals,
                                  .planned_meals = ml->planned_meals, .line = ++line};
        if (put_item(to, op->item, g))
            goto fail;
    }
    if ((rc = mc_menu_aggregate(c, err)))
        goto fail;
    *out = c;
    return MC_OK;
fail:
    mc_menu_free(c);
    return rc == MC_ERR_NOMEM ? mc_err_set(err, rc, "out of memory") : rc;
}

/* The changes from menu to c, in menu order. */
static mc_code list_changes(const struct model *M, const struct mc_menu *c,
                            struct mc_suggestion *out, struct mc_err *err)
{
    const struct mc_menu *menu = M->menu;
    out->changes = calloc(c->n_servings + 1, sizeof *out->changes);
    if (!out->changes)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    /* c's servings are sorted by week, day, meal, line: the menu's keep
     * their lines, and each meal's additions come after its dishes. */
    for (size_t i = 0; i < c->n_servings; i++) {
        const struct mc_serving *t = &c->servings[i];
        const struct mc_serving *f = NULL;
        size_t s = 0;
        for (; s < M->ns && !f; s++)
            if (menu->servings[s].line == t->line)
                f = &menu->servings[s];
        int swapped = f && strcmp(t->dish, f->dish);
        if (f && !swapped && t->portion_g == f->portion_g)
            continue;
        out->changes[out->n_changes++] = (struct mc_suggest_change){
            .added = !f, .swap_for = swapped ? t->dish : NULL, .week = t->week, .day = t->day,
            .meal = menu->meal_names[meal_name_index(menu, t->meal)],
            .dish = f ? f->dish : t->recipe ? t->recipe->name : t->food_name,
            .old_g = f ? f->portion_g : 0, .new_g = t->portion_g,
            .old_cost = f ? f->price : 0, .new_cost = t->price,
            .serving = f ? s - 1 : SIZE_MAX, .new_serving = i};
    }
    return MC_OK;
}

/* ---- set up ---------------------------------------------------------------- */

/* The least portion of a dish: --min-portion, else its course's. */
static double min_portion(const struct model *M, const struct mc_recipe *r)
{
    static const double by_course[MC_COURSE_COUNT] = {
        [MC_COURSE_SOUP] = 150, [MC_COURSE_MAIN] = 60, [MC_COURSE_SIDE] = 100,
        [MC_COURSE_SALAD] = 50, [MC_COURSE_DRINK] = 150, [MC_COURSE_BAKERY] = 20,
        [MC_COURSE_PORRIDGE] = 120, [MC_COURSE_DESSERT] = 50, [MC_COURSE_FRUIT] = 80};
    if (M->opts->min_portion_g > 0)
        return M->opts->min_portion_g;
    return r ? by_course[r->course] : 0.0;
}

/* A recipe as an item that may enter a meal, at its card's portion. */
static void recipe_item(struct add_item *a, const struct mc_recipe *r)
{
    a->name = r->name;
    a->recipe = r;
    mc_nvec_zero(&a->per_g);
    mc_nvec_add_scaled(&a->per_g, &r->total, 1.0 / r->yield_g);
    a->portion = mc_recipe_portion_g(r);
    a->price_g = r->cost / r->yield_g;
}

/* Bounds of an item: its portion +- vary, never below the minimum. */
static void item_bounds(const struct model *M, struct add_item *a)
{
    double v = M->opts->vary_pct / 100.0;
    a->lb = fmax(a->portion * (1 - v), min_portion(M, a->recipe));
    a->ub = fmax(a->portion * (1 + v), a->lb);
}

static mc_code resolve_adds(struct model *M, const struct mc_recipe_book *book,
                            struct mc_food_db *db, struct mc_err *err)
{
    const struct mc_suggest_opts *o = M->opts;
    mc_code rc = MC_OK;
    for (size_t k = 0; k < M->na; k++) {
        struct add_item *a = &M->adds[k];
        const struct mc_recipe *r = mc_recipe_book_find(book, o->adds[k].name);
        if (r) {
            recipe_item(a, r);
        } else {
            int by_name;
            a->name = o->adds[k].name;
            mc_code e = mc_recipe_find_food(db, a->name, &a->food, &by_name, err);
            if (e == MC_ERR_NOT_FOUND) {
                char hint[1024];
                mc_recipe_suggest(book, db, a->name, hint, sizeof hint);
                rc = mc_err_set(err, MC_ERR_INPUT, N_("--add '%s': not a recipe of %s, "
                                                      "a food id or a food name%s"),
                                a->name, book->path, hint);
                continue;
            }
            if (e) {
                rc = e;
                continue;
            }
            mc_nvec_zero(&a->per_g);
            mc_nvec_add_scaled(&a->per_g, &a->food->per100, 0.01);
            a->portion = 100.0;
            a->price_g = NAN;
        }
        if (o->adds[k].portion_g > 0)
            a->portion = o->adds[k].portion_g;
        item_bounds(M, a);
    }
    return rc;
}

/* Whether meal m serves the item (a recipe, or a food by id). */
static int meal_serves(const struct model *M, size_t m, const struct add_item *a)
{
    const struct mc_meal *ml = &M->menu->meals[m];
    for (size_t s = ml->first; s < ml->first + ml->count; s++) {
        const struct mc_serving *sv = &M->menu->servings[s];
        if (a->recipe ? sv->recipe == a->recipe
                      : sv->food_id && !strcmp(sv->food_id, a->food->id))
            return 1;
    }
    return 0;
}

static int push_option(struct model *M, size_t *cap, struct option op)
{
    if (mc_array_reserve(&M->options, cap, M->n_opts + 1, sizeof *M->options, 64))
        return -1;
    M->options[M->n_opts++] = op;
    return 0;
}

/* The options of each meal: the items it may add (one it already serves
 * is changed by its portion, not added twice) and, with --swap, for each
 * dish with a course, the other recipes of that course it does not serve;
 * with prices needed, only the priced ones. */
static mc_code build_options(struct model *M, int need_price, struct mc_err *err)
{
    const struct mc_menu *menu = M->menu;
    size_t cap = 0;
    for (size_t m = 0; m < M->nm; m++) {
        const struct mc_meal *ml = &menu->meals[m];
        M->meal_opt[m] = M->n_opts;
        for (size_t k = 0; k < M->na; k++)
            if (!meal_serves(M, m, &M->adds[k]) &&
                push_option(M, &cap, (struct option){m, SIZE_MAX, &M->adds[k], 1.0}))
                goto nomem;
        for (size_t s = ml->first; s < ml->first + ml->count; s++) {
            const struct mc_recipe *r = menu->servings[s].recipe;
            for (size_t j = 0; r && r->course && j < M->nc; j++) {
                const struct add_item *a = &M->cands[j];
                if (a->recipe->course != r->course || meal_serves(M, m, a) ||
                    (need_price && isnan(a->price_g)))
                    continue;
                if (push_option(M, &cap, (struct option){m, s, a, M->w[s]}))
                    goto nomem;
            }
        }
    }
    M->meal_opt[M->nm] = M->n_opts;
    return MC_OK;
nomem:
    return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
}

/* --swap: the book's recipes with a course; a served dish without one is
 * said once. */
static mc_code swap_candidates(struct model *M, const struct mc_recipe_book *book,
                               struct mc_err *err)
{
    if (!M->opts->swap)
        return MC_OK;
    if (!(M->cands = calloc(book->n + 1, sizeof *M->cands)))
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < book->n; i++)
        if (book->recipes[i].course) {
            recipe_item(&M->cands[M->nc], &book->recipes[i]);
            item_bounds(M, &M->cands[M->nc++]);
        }
    size_t without = 0;
    const char *first = NULL;
    for (size_t s = 0; s < M->ns; s++) {
        const struct mc_recipe *r = M->menu->servings[s].recipe;
        if (!r || r->course)
            continue;
        int seen = 0;
        for (size_t t = 0; t < s && !seen; t++)
            seen = M->menu->servings[t].recipe == r;
        if (!seen && !without++)
            first = r->name;
    }
    if (without)
        mc_err_warn_at(err, book->path, 0, 0,
                       N_("%zu dish(es) of the menu have no course ('%s' first): they "
                          "are not swapped (the course column, docs/formats.md)"),
                       without, first);
    return MC_OK;
}

/* Prices the objective or the budget needs. */
static int prices_needed(const struct mc_suggest_opts *o)
{
    return o->objective == MC_SUGGEST_COST || o->budget > 0;
}

static mc_code need_prices(const struct model *M, struct mc_err *err)
{
    const struct mc_suggest_opts *o = M->opts;
    const char *why = o->budget > 0 ? "--budget" : "--objective cost";
    if (!prices_needed(o))
        return MC_OK;
    for (size_t s = 0; s < M->ns; s++) {
        const struct mc_serving *sv = &M->menu->servings[s];
        if (isnan(sv->price))
            return mc_err_at(err, MC_ERR_INPUT, M->menu->path, sv->line, 0,
                             N_("%s needs the price of every dish: '%s' has none (give "
                                "the book's price column or the menu's)"), why, sv->dish);
    }
    for (size_t k = 0; k < M->na; k++)
        if (isnan(M->adds[k].price_g))
            return mc_err_set(err, MC_ERR_INPUT,
                              N_("%s needs the price of every dish: --add '%s' has none "
                                 "(add it as a recipe of the book with a price)"), why,
                              M->adds[k].name);
    return MC_OK;
}

static mc_code model_init(struct model *M, const struct mc_menu *menu,
                          const struct mc_recipe_book *book, struct mc_food_db *db,
                          const struct mc_check_opts *copts,
                          const struct mc_suggest_opts *o, struct mc_err *err)
{
    M->menu = menu;
    M->opts = o;
    M->ns = menu->n_servings;
    M->nm = menu->n_meals;
    M->na = o->n_adds;
    size_t ns = M->ns ? M->ns : 1, nm = M->nm ? M->nm : 1;
    if (!(M->lb = calloc(ns, sizeof *M->lb)) || !(M->ub = calloc(ns, sizeof *M->ub)) ||
        !(M->w = calloc(ns, sizeof *M->w)) || !(M->meal_of = calloc(ns, sizeof *M->meal_of)) ||
        !(M->avg_day = calloc(nm, sizeof *M->avg_day)) ||
        !(M->avg_meal = calloc(nm, sizeof *M->avg_meal)) ||
        !(M->adds = calloc(M->na + 1, sizeof *M->adds)) ||
        !(M->meal_opt = calloc(nm + 1, sizeof *M->meal_opt)) || weights(M, copts->average))
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    double v = o->vary_pct / 100.0;
    for (size_t s = 0; s < M->ns; s++) {
        const struct mc_serving *sv = &menu->servings[s];
        double card = sv->recipe ? mc_recipe_portion_g(sv->recipe) : sv->portion_g;
        /* The portion as served stays possible whatever the bounds say. */
        M->lb[s] = fmin(sv->portion_g, fmax(card * (1 - v), min_portion(M, sv->recipe)));
        M->ub[s] = fmax(sv->portion_g, card * (1 + v));
    }
    mc_code rc;
    if ((rc = resolve_adds(M, book, db, err)) || (rc = need_prices(M, err)) ||
        (rc = swap_candidates(M, book, err)))
        return rc;
    return build_options(M, prices_needed(o), err);
}

static mc_code list_unknown(const struct mc_check *c, struct mc_suggestion *out,
                            struct mc_err *err)
{
    size_t n = 0;
    for (size_t r = 0; r < c->n_results; r++)
        n += c->results[r].n_items;
    if (!(out->unknown = calloc(n + 1, sizeof *out->unknown)))
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    for (size_t r = 0; r < c->n_results; r++)
        for (size_t i = 0; i < c->results[r].n_items; i++)
            if (c->results[r].items[i].avg.status == MC_STATUS_INSUFFICIENT) {
                out->unknown[out->n_unknown][0] = r;
                out->unknown[out->n_unknown++][1] = i;
            }
    return MC_OK;
}

static double mean_cost(const struct mc_menu *m)
{
    struct mc_menu_cost c;
    mc_menu_cost(m, 0, &c);
    return c.mean_day;
}

/* The first failing item of c, for the message of an unconfirmed answer. */
static const char *first_failure(const struct mc_check *c, char *buf, size_t size)
{
    snprintf(buf, size, "?");
    for (size_t r = 0; r < c->n_results; r++)
        for (size_t i = 0; i < c->results[r].n_items; i++)
            if (c->results[r].items[i].verdict == MC_VERDICT_FAIL) {
                snprintf(buf, size, "%s %s", c->results[r].std->id,
                         mc_nutrient_info(c->results[r].items[i].nutrient)->key);
                return buf;
            }
    return buf;
}

/* The model holds only the norms that decide (verified rows and stated
 * meal shares) and leaves unknown nutrients unconstrained, so its target is
 * that check finds no verified norm violated: "complies", "complies with the
 * verified norms" (advisory norms unmet) or, where a verified norm lacks
 * data, "cannot be decided" for that reason alone. */
static int meets_deciding_norms(const struct mc_check *c)
{
    return c->outcome != MC_OUTCOME_FAILS;
}

/* Judge the menu x gives (rounded to 0.1 g when round) with the engine:
 * s->menu, s->after and s->feasible. */
static mc_code prove(const struct model *M, const double *x, int round,
                     const struct mc_standard *const *stds, size_t n_std,
                     const struct mc_group_spec *groups, size_t n_groups,
                     const struct mc_check_opts *copts, struct mc_suggestion *s,
                     struct mc_err *err)
{
    mc_menu_free(s->menu);
    mc_check_free(s->after);
    s->menu = NULL;
    s->after = NULL;
    mc_code rc = changed_menu(M, x, round, &s->menu, err);
    if (!rc)
        rc = mc_check_run(s->menu, stds, n_std, groups, n_groups, copts, &s->after, err);
    s->feasible = !rc && meets_deciding_norms(s->after);
    return rc;
}

mc_code mc_suggest_run(const struct mc_menu *menu, const struct mc_recipe_book *book,
                       struct mc_food_db *db, const struct mc_standard *const *stds,
                       size_t n_std, const struct mc_group_spec *groups,
                       size_t n_groups, const struct mc_check_opts *copts,
                       const struct mc_suggest_opts *opts,
                       struct mc_suggestion **out, struct mc_err *err)
{
    struct model M = {0};
    struct mc_suggest_opts o = *opts;
    double *x = NULL, *x0 = NULL;
    mc_code rc;
    struct mc_suggestion *s = calloc(1, sizeof *s);
    *out = NULL;
    if (!s)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    if (!(o.vary_pct > 0))
        o.vary_pct = 25;
    s->cost_after = NAN;
    if ((rc = mc_check_run(menu, stds, n_std, groups, n_groups, copts, &s->before, err)) ||
        (rc = model_init(&M, menu, book, db, copts, &o, err)) ||
        (rc = list_unknown(s->before, s, err)))
        goto fail;
    s->cost_before = mean_cost(menu);
    if (s->before->outcome == MC_OUTCOME_UNDECIDED && s->before->why == MC_UNDECIDED_UNVERIFIED) {
        rc = mc_err_set(err, MC_ERR_INPUT,
                        "%s: %s; a change can only aim at verified norms or stated "
                        "meal shares (--meal-share)", menu->path,
                        mc_outcome_sentence(s->before->outcome, s->before->why));
        goto fail;
    }
    if (meets_deciding_norms(s->before)) {
        s->already_complies = 1;
        goto done;
    }
    if (build_rows(&M, s->before) ||
        !(x = malloc((size_t)(n_cols(&M) + 1) * sizeof *x))) {
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        goto fail;
    }
    glp_term_out(GLP_OFF); /* the library never prints */
    s->rows = (int)M.n_rows;
    s->cols = n_cols(&M);
    size_t nx = (size_t)(n_cols(&M) + 1);
    if (!(x0 = malloc(nx * sizeof *x0))) {
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        goto fail;
    }
    /* Proof: the engine judges the changed menu, its portions as written
     * (0.1 g); when they miss, the grams of the same changes are solved
     * again with a wider margin, and as a last resort the portions as
     * first solved are judged. */
    for (size_t k = 0; k < sizeof margins / sizeof *margins && !s->feasible; k++) {
        int optimal = 0;
        set_margin(&M, margins[k]);
        current_point(&M, x);
        int found = k ? solve_grams(&M, x0, x) : solve(&M, x, &optimal);
        if (found < 0) {
            rc = mc_err_set(err, MC_ERR_INTERNAL, "the solver failed on %s", menu->path);
            goto fail;
        }
        if (!found && k == 0) {
            if ((rc = conflicts(&M, s, err)))
                goto fail;
            goto done;
        }
        if (!found)
            break;
        if (k == 0) {
            memcpy(x0, x, nx * sizeof *x);
            s->optimal = optimal;
        }
        if ((rc = prove(&M, x, 1, stds, n_std, groups, n_groups, copts, s, err)))
            goto fail;
    }
    if (!s->feasible && (rc = prove(&M, x0, 0, stds, n_std, groups, n_groups, copts, s,
                                    err)))
        goto fail;
    if (!s->feasible) {
        char what[160];
        rc = mc_err_set(err, MC_ERR_INTERNAL,
                        "the change found for %s does not comply when checked (%s "
                        "fails): a bug in mealcheck suggest", menu->path,
                        first_failure(s->after, what, sizeof what));
        goto fail;
    }
    if ((rc = list_changes(&M, s->menu, s, err)))
        goto fail;
    s->cost_after = mean_cost(s->menu);
done:
    free(x);
    free(x0);
    model_free(&M);
    /* GLPK's environment is the thread's: a worker thread (audit, server)
     * that ends would leak it.  No problem of this call outlives it. */
    glp_free_env();
    *out = s;
    return MC_OK;
fail:
    free(x);
    free(x0);
    model_free(&M);
    glp_free_env();
    mc_suggestion_free(s);
    return rc;
}

void mc_suggestion_free(struct mc_suggestion *s)
{
    if (!s)
        return;
    mc_check_free(s->after);
    mc_check_free(s->before);
    mc_menu_free(s->menu);
    free(s->changes);
    free(s->conflicts);
    free(s->unknown);
    free(s);
}

/* ---- --apply --------------------------------------------------------------- */

/* Where the changed menu goes: a CSV file or a worksheet, cell by cell. */
struct menu_out {
    FILE *f;
    lxw_worksheet *ws;
    struct mc_report_err *xl;   /* the first failure writing ws */
    lxw_row_t row;
    lxw_col_t col;
};

static void csv_text(FILE *f, const char *t)
{
    if (!strpbrk(t, ",\"\r\n")) {
        fputs(t, f);
        return;
    }
    fputc('"', f);
    for (; *t; t++) {
        if (*t == '"')
            fputc('"', f);
        fputc(*t, f);
    }
    fputc('"', f);
}

static void put_text(struct menu_out *o, const char *t)
{
    if (o->f) {
        if (o->col)
            fputc(',', o->f);
        csv_text(o->f, t);
    } else {
        mc_xl(o->xl, worksheet_write_string(o->ws, o->row, o->col, t, NULL));
    }
    o->col++;
}

/* A number; nothing for NAN. */
static void put_number(struct menu_out *o, double v)
{
    if (o->f) {
        if (o->col)
            fputc(',', o->f);
        if (!isnan(v))
            fprintf(o->f, "%.10g", v);
    } else if (!isnan(v)) {
        mc_xl(o->xl, worksheet_write_number(o->ws, o->row, o->col, v, NULL));
    }
    o->col++;
}

static void end_row(struct menu_out *o)
{
    if (o->f)
        fputc('\n', o->f);
    o->row++;
    o->col = 0;
}

static int menu_has_column(const struct mc_menu *m, const char *name)
{
    for (char *const *c = m->columns; c && *c; c++)
        if (!strcmp(*c, name))
            return 1;
    return 0;
}

static void write_rows(const struct mc_suggestion *s, struct menu_out *o)
{
    const struct mc_menu *m = s->menu;
    int weighted = m->weighted, priced = menu_has_column(s->before->menu, "price");
    static const char *const head[] = {"week", "day", "meal", "dish", "portion_g",
                                       "planned_servings", "planned_meals", "price"};
    for (size_t k = 0; k < sizeof head / sizeof *head; k++)
        if ((k < 5) || (k < 7 ? weighted : priced))
            put_text(o, head[k]);
    end_row(o);
    for (size_t i = 0; i < m->n_servings; i++) {
        const struct mc_serving *sv = &m->servings[i];
        put_number(o, sv->week);
        put_text(o, mc_day_name(sv->day));
        put_text(o, sv->meal);
        put_text(o, sv->dish);
        put_number(o, sv->portion_g);
        if (weighted) {
            put_number(o, sv->planned_servings);
            put_number(o, isnan(sv->planned_servings) ? NAN : sv->planned_meals);
        }
        if (priced)
            put_number(o, sv->price);
        end_row(o);
    }
}

static int is_xlsx(const char *path)
{
    size_t n = strlen(path);
    return n > 5 && !strcasecmp(path + n - 5, ".xlsx");
}

mc_code mc_suggestion_write_menu(const struct mc_suggestion *s, const char *path,
                                 struct mc_err *err)
{
    if (!s->menu)
        return mc_err_set(err, MC_ERR_INTERNAL, "no changed menu to write");
    struct mc_tempfile t = {0};
    struct menu_out o = {0};
    if (is_xlsx(path)) {
        lxw_workbook *wb;
        mc_code rc = mc_report_open(path, 0, &t, &wb, err);
        if (rc)
            return rc;
        struct mc_report_err x = {0};
        o.xl = &x;
        if ((o.ws = mc_report_sheet(&x, wb, _("Menu"))))
            write_rows(s, &o);
        return mc_report_close(wb, &t, path, &x, err);
    }
    mc_code rc = mc_tempfile_create(&t, path, err);
    if (rc)
        return rc;
    if (!(o.f = fopen(t.path, "w"))) {
        mc_tempfile_release(&t);
        return mc_err_set(err, MC_ERR_IO, N_("%s: cannot write: %s"), path, strerror(errno));
    }
    write_rows(s, &o);
    if (ferror(o.f) | fclose(o.f))
        rc = mc_err_set(err, MC_ERR_IO, N_("%s: cannot write: %s"), path, strerror(errno));
    else
        rc = mc_tempfile_commit(&t, err);
    mc_tempfile_release(&t);
    return rc;
}

int mc_suggest_add_parse(const char *v, struct mc_suggest_add *a, char *name, size_t size)
{
    const char *eq = strrchr(v, '=');
    a->portion_g = 0;
    if (eq && mc_parse_number(eq + 1, &a->portion_g)) {
        if (!(a->portion_g > 0))
            return 0;
        snprintf(name, size, "%.*s", (int)(eq - v), v);
    } else {
        snprintf(name, size, "%s", v);
    }
    a->name = name;
    return *name != '\0';
}

/* A value as the text shows it: its decimals, or "unknown". */
static const char *shown(double v, const struct mc_check_item *it, char *buf, size_t size)
{
    int d = it->pct_energy ? 1 : mc_nutrient_info(it->nutrient)->decimals;
    if (isnan(v))
        snprintf(buf, size, "unknown");
    else
        snprintf(buf, size, "%.*f", d, v);
    return buf;
}

int mc_suggest_moved(const struct mc_check_item *b, const struct mc_check_item *a)
{
    char x[32], y[32];
    return b->verdict != a->verdict ||
           strcmp(shown(b->avg.value, b, x, sizeof x), shown(a->avg.value, a, y, sizeof y));
}
