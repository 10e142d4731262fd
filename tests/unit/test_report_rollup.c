/*
 * test_report_rollup.c - the audit of menus/audit and its roll-up workbook,
 * read back from its XML, against each school checked alone as `mealcheck
 * check` does it (mc_menu_load + mc_check_run on the same files), with the
 * real SR28 database and the shipped norm sets, on 2025-09-01.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mealcheck/audit.h"
#include "mealcheck/food_db.h"
#include "mealcheck/menu.h"
#include "mealcheck/recipe.h"
#include "mealcheck/report_rollup.h"
#include "xlsx_cells.h"

#define N_SCHOOLS 12

static struct mc_food_db *db;
static struct mc_cooking_set *cooking;
static struct mc_standard_set *set;
static struct mc_recipe_book *book;
static struct mc_manifest *manifest;
static struct mc_audit *audit;
static char dir[64], path[128];

/* The rows the audit handed on, in the order it did. */
static struct mc_audit_school rows[N_SCHOOLS];
static char *row_ids[N_SCHOOLS];    /* their school's id (a row's school is lent) */
static size_t n_rows;

struct keep {
    struct mc_report_rollup *roll;  /* NULL: the rows only */
};

static void keep_row(void *arg, const struct mc_audit_school *s)
{
    struct keep *k = arg;
    if (k->roll)
        mc_report_rollup_school(k->roll, s);
    cr_assert_lt(n_rows, N_SCHOOLS);
    rows[n_rows] = *s;
    rows[n_rows].error = s->error ? strdup(s->error) : NULL;
    rows[n_rows].school = NULL;
    row_ids[n_rows] = strdup(s->school->id);
    rows[n_rows++].report = NULL;
}

/* What one school's check says, worked out here from the check itself. */
struct expect {
    const char *verdict;
    char failing[512];
    const char *worst;         /* nutrient name; NULL when none */
    double worst_pct, coverage;
    const char *error_part;    /* for a school not checked */
    unsigned char bounded[MC_N_COUNT]; /* nutrients with a bound */
};
static struct expect want[N_SCHOOLS];

static int rank(enum mc_verdict v)
{
    return v == MC_VERDICT_FAIL ? 4 : v == MC_VERDICT_ADVISORY ? 3
           : v == MC_VERDICT_PASS ? 2 : 1;
}

static double dist(double pct)
{
    return isnan(pct) ? -1 : fabs(pct - 100);
}

/* The documented reduction (audit.h, check.h), item by item: each norm set
 * x group has its outcome, the school the worst of them. */
static void expect_from_check(const struct mc_check *c, struct expect *e)
{
    static const char *const names[] = {
        "complies", "complies with verified norms, advisory not met",
        "cannot be decided: insufficient data", "cannot be decided: unverified norms",
        "does not comply"};
    int worst_rank = 0, fails[MC_N_COUNT] = {0}, outcome = 0;
    e->worst_pct = e->coverage = NAN;
    for (size_t i = 0; i < c->n_results; i++) {
        int deciding = 0, unjudged = 0, fail = 0, advisory = 0;
        for (size_t k = 0; k < c->results[i].n_items; k++) {
            const struct mc_check_item *it = &c->results[i].items[k];
            int r = rank(it->verdict);
            int decides = (it->lo_row && it->lo_verified) || (it->hi_row && it->hi_verified);
            if (r > worst_rank || (r == worst_rank &&
                                   dist(it->avg.pct_of_norm) > dist(e->worst_pct))) {
                worst_rank = r;
                e->worst = mc_nutrient_info(it->nutrient)->name;
                e->worst_pct = it->avg.pct_of_norm;
            }
            fails[it->nutrient] |= it->verdict == MC_VERDICT_FAIL;
            e->bounded[it->nutrient] = 1;
            deciding |= decides;
            fail |= it->verdict == MC_VERDICT_FAIL;
            advisory |= it->verdict == MC_VERDICT_ADVISORY;
            if (it->verdict == MC_VERDICT_INSUFFICIENT)
                unjudged |= decides;
            else if (isnan(e->coverage) || it->avg.coverage < e->coverage)
                e->coverage = it->avg.coverage;
        }
        int o = fail ? 4 : !deciding ? 3 : unjudged ? 2 : advisory ? 1 : 0;
        /* insufficient data wins over unverified norms among undecided */
        if (o > outcome && !(outcome == 2 && o == 3))
            outcome = o;
    }
    for (int n = 0; n < MC_N_COUNT; n++)
        if (fails[n])
            snprintf(e->failing + strlen(e->failing), sizeof e->failing - strlen(e->failing),
                     "%s%s", *e->failing ? ", " : "", mc_nutrient_info(n)->name);
    e->verdict = names[outcome];
}

static void check_alone(const struct mc_manifest_school *s, struct expect *e)
{
    struct mc_err err = {0};
    struct mc_menu *menu = NULL;
    if (mc_menu_load(s->menu, book, db, &menu, &err)) {
        e->verdict = "could not be checked";
        e->error_part = strdup(mc_err_text(&err));
        mc_err_release(&err);
        return;
    }
    const struct mc_standard *stds[4];
    struct mc_group_spec specs[4] = {{0}};
    for (size_t k = 0; k < s->n_standards; k++)
        cr_assert_eq(mc_standard_get(set, s->standards[k], &stds[k], &err), MC_OK);
    for (size_t g = 0; g < s->n_groups; g++)
        cr_assert_eq(mc_group_spec_parse(s->groups[g], &specs[g], &err), MC_OK);
    struct mc_check_opts o = {.date = 20250901, .shares = s->shares,
                              .n_shares = s->n_shares};
    struct mc_check *c = NULL;
    cr_assert_eq(mc_check_run(menu, stds, s->n_standards, specs, s->n_groups, &o, &c,
                              &err), MC_OK, "%s", mc_err_text(&err));
    expect_from_check(c, e);
    mc_check_free(c);
    for (size_t g = 0; g < s->n_groups; g++)
        mc_group_spec_release(&specs[g]);
    mc_menu_free(menu);
}

static void setup(void)
{
    struct mc_err err = {0};
    const char *dbp = getenv("MC_TEST_DB");
    dbp = dbp && *dbp ? dbp : MC_FOOD_DB_DEFAULT;
    cr_assert_eq(mc_food_db_open(dbp, &db, &err), MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_cooking_set_load("food_composition/cooking", &cooking, &err), MC_OK);
    cr_assert_eq(mc_standard_set_load("standards", &set, &err), MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_recipe_book_load("menus/recipes.csv", db, cooking, &book, &err),
                 MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_manifest_load("menus/audit/schools.csv", &manifest, &err), MC_OK);
    cr_assert_eq(manifest->n, N_SCHOOLS);
    for (size_t i = 0; i < N_SCHOOLS; i++)
        check_alone(&manifest->schools[i], &want[i]);

    snprintf(dir, sizeof dir, "/tmp/mc-rollup-XXXXXX");
    cr_assert(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/rollup.xlsx", dir);
    struct keep k = {0};
    cr_assert_eq(mc_report_rollup_open(path, manifest, 20250901, 0, &k.roll, &err), MC_OK,
                 "%s", mc_err_text(&err));
    struct mc_audit_opts o = {.db_path = dbp, .standards = set, .cooking = cooking,
                              .recipes = "menus/recipes.csv", .date = 20250901,
                              .jobs = 2, .school = keep_row, .school_arg = &k};
    cr_assert_eq(mc_audit_run(manifest, &o, &audit, &err), MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_report_rollup_close(k.roll, audit, &err), MC_OK, "%s", mc_err_text(&err));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
    for (size_t i = 0; i < N_SCHOOLS; i++)
        free((char *)want[i].error_part);
    memset(want, 0, sizeof want);
    for (size_t i = 0; i < n_rows; i++) {
        free(rows[i].error);
        free(row_ids[i]);
    }
    n_rows = 0;
    mc_audit_free(audit);
    audit = NULL;
    mc_manifest_free(manifest);
    mc_recipe_book_free(book);
    mc_standard_set_free(set);
    mc_cooking_set_free(cooking);
    mc_food_db_close(db);
}

TestSuite(report_rollup, .init = setup, .fini = teardown);

/* The text of cell col+row ("" when not written: libxlsxwriter leaves out
 * an empty string); ref receives its name.  Two buffers in turn, so that
 * two calls can meet in one assertion. */
static const char *at(const char *sheet, char col, size_t row, char *ref)
{
    static struct cell c[2];
    static int turn;
    char key[32];
    sprintf(ref, "%c%zu", col, row);
    snprintf(key, sizeof key, "<c r=\"%s\"", ref);
    turn = !turn;
    c[turn] = strstr(sheet, key) ? cell(sheet, NULL, ref) : (struct cell){"", ""};
    return c[turn].value;
}

static void expect_close(double got, double want_v, const char *what)
{
    if (isnan(want_v))
        cr_expect(isnan(got), "%s: %g, expected none", what, got);
    else
        cr_expect(fabs(got - want_v) <= 1e-9 * fabs(want_v), "%s: %.17g, expected %.17g",
                  what, got, want_v);
}

/* Every school's row says what checking it alone says. */
Test(report_rollup, schools_equal_check_alone)
{
    char *ws = member(path, "xl/worksheets/sheet2.xml");
    char ref[16];
    cr_expect_str_eq(at(ws, 'E', 1, ref), "Verdict");
    cr_expect(strstr(ws, "<autoFilter ref=\"A1:S13\"/>"), "autofilter over the rows");
    cr_expect(strstr(ws, "state=\"frozen\""), "frozen header");
    cr_expect(strstr(ws, "t=\"inlineStr\""), "constant_memory mode writes strings inline");
    for (size_t i = 0; i < N_SCHOOLS; i++) {
        const struct expect *e = &want[i];
        size_t r = i + 2;
        cr_expect_str_eq(at(ws, 'A', r, ref), manifest->schools[i].id);
        cr_expect_str_eq(at(ws, 'E', r, ref), e->verdict, "%s", manifest->schools[i].id);
        if (e->error_part) {
            const char *msg = at(ws, 'Q', r, ref);
            cr_expect(strncmp(msg, e->error_part, strlen(e->error_part) - 1) == 0,
                      "%s: '%s', expected '%s'", ref, msg, e->error_part);
            continue;
        }
        cr_expect_str_eq(at(ws, 'F', r, ref), e->failing, "%s", ref);
        cr_expect_str_eq(at(ws, 'G', r, ref), e->worst ? e->worst : "", "%s", ref);
        expect_close(strtod(at(ws, 'J', r, ref), NULL), e->worst_pct, ref);
        expect_close(strtod(at(ws, 'K', r, ref), NULL), e->coverage, ref);
    }
    free(ws);
}

/* The sample is what menus/README.md promises: SanPiN without stated meal
 * shares cannot decide (every bound is unverified), some schools do not
 * comply, one could not be checked for an unknown dish. */
Test(report_rollup, the_sample_mixes_verdicts)
{
    cr_expect_str_eq(want[0].verdict, "cannot be decided: unverified norms");
    cr_expect_str_eq(want[1].verdict, "cannot be decided: unverified norms");
    cr_expect_str_eq(want[2].verdict, "does not comply");
    cr_expect_str_eq(want[7].verdict, "could not be checked");
    cr_expect(strstr(want[7].error_part,
                     "menus/audit/menus/week1-unknown-dish.csv:27:4: unknown dish "
                     "'Суп куриный с лапшой и фрикадельками'") == want[7].error_part,
              "%s", want[7].error_part);
}

/* Summary counts per district and overall, from the rows expected. */
Test(report_rollup, summary_counts)
{
    char *ws = member(path, "xl/worksheets/sheet1.xml");
    char ref[16];
    static const char *const names[] = {
        "complies", "complies with verified norms, advisory not met", "does not comply",
        "cannot be decided: insufficient data", "cannot be decided: unverified norms",
        "could not be checked"};
    static const char *const districts[] = {"Almaly", "Bostandyk", "Medeu"};
    double total[6] = {0};
    cr_expect_str_eq(at(ws, 'F', 8, ref), "Does not comply");
    cr_expect_str_eq(at(ws, 'H', 8, ref), "Undecided: unverified norms");
    for (size_t d = 0; d < 3; d++) {
        double count[6] = {0};
        for (size_t i = 0; i < N_SCHOOLS; i++)
            if (!strcmp(manifest->schools[i].district, districts[d]))
                for (int v = 0; v < 6; v++)
                    count[v] += !strcmp(want[i].verdict, names[v]);
        cr_expect_str_eq(at(ws, 'A', 9 + d, ref), districts[d]);
        sprintf(ref, "C%zu", 9 + d);
        cr_expect_eq(numat(ws, NULL, ref), 4);
        for (int v = 0; v < 6; v++) {
            sprintf(ref, "%c%zu", 'D' + v, 9 + d);
            cr_expect_eq(numat(ws, NULL, ref), count[v], "%s", ref);
            total[v] += count[v];
        }
    }
    cr_expect_str_eq(at(ws, 'A', 12, ref), "All districts");
    for (int v = 0; v < 6; v++) {
        sprintf(ref, "%c12", 'D' + v);
        cr_expect_eq(numat(ws, NULL, ref), total[v], "%s", ref);
    }
    cr_expect_eq(total[0] + total[1] + total[2] + total[3] + total[4] + total[5], N_SCHOOLS);
    /* none complies: 5 fail, 6 held to SanPiN alone cannot be decided */
    cr_expect_eq(total[0], 0);
    cr_expect_eq(total[2], 5);
    cr_expect_eq(total[4], 6);
    cr_expect_eq(total[5], 1);
    free(ws);
    char *chart = member(path, "xl/charts/chart1.xml");
    cr_expect(strstr(chart, "Schools by verdict, per district"));
    cr_expect(strstr(chart, "Summary!$A$9:$A$11"), "districts as categories");
    free(chart);
}

/* Per nutrient: schools failing it and the worst % of norm, from the checks. */
Test(report_rollup, nutrients)
{
    char *ws = member(path, "xl/worksheets/sheet3.xml");
    const char *row = strstr(ws, "<t>Vitamin D</t>");
    cr_assert(row, "a Vitamin D row");
    while (strncmp(row, "<c r=\"A", 7))
        row--;
    size_t r = (size_t)atol(row + 7);
    double failing = 0, bounded = 0;
    for (size_t i = 0; i < N_SCHOOLS; i++) {
        failing += strstr(want[i].failing, "Vitamin D") != NULL;
        bounded += want[i].bounded[MC_N_VIT_D_UG];
    }
    char ref[16];
    sprintf(ref, "D%zu", r);
    cr_expect_eq(numat(ws, NULL, ref), failing, "%s", ref);
    cr_expect_gt(failing, 0);
    sprintf(ref, "C%zu", r);
    cr_expect_eq(numat(ws, NULL, ref), bounded, "%s", ref);
    cr_expect_eq(bounded, 9, "the two per-meal sets bound no vitamin D");
    free(ws);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Rows come in manifest order, whatever thread checked them; the median %
 * of norm of each nutrient is the middle of the rows' values sorted (the
 * mean of the two middle ones for an even number), to the last bit. */
Test(report_rollup, rows_in_order_and_medians)
{
    cr_assert_eq(n_rows, N_SCHOOLS);
    for (size_t i = 0; i < N_SCHOOLS; i++)
        cr_expect_str_eq(row_ids[i], manifest->schools[i].id, "row %zu", i);
    int odd = 0, even = 0;
    for (int n = 0; n < MC_N_COUNT; n++) {
        double v[N_SCHOOLS];
        size_t k = 0;
        for (size_t i = 0; i < N_SCHOOLS; i++)
            if (rows[i].verdict != MC_AUDIT_NOT_CHECKED && rows[i].nutrient_verdict[n] >= 0 &&
                !isnan(rows[i].pct[n]))
                v[k++] = rows[i].pct[n];
        cr_expect_eq(audit->nutrients[n].n_known, k, "%s", mc_nutrient_name(n));
        if (!k) {
            cr_expect(isnan(audit->nutrients[n].median_pct), "%s", mc_nutrient_name(n));
            continue;
        }
        qsort(v, k, sizeof *v, cmp_double);
        double median = k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
        cr_expect_eq(audit->nutrients[n].median_pct, median, "%s: %.17g, want %.17g",
                     mc_nutrient_name(n), audit->nutrients[n].median_pct, median);
        odd += k % 2 == 1;
        even += k % 2 == 0 && v[k / 2 - 1] != v[k / 2];
    }
    cr_expect_gt(odd, 0, "a nutrient with an odd number of values");
    cr_expect_gt(even, 0, "a nutrient whose two middle values differ");
}

/* A day of koumiss (local food KZ0001: 39 kcal, 15 mg vitamin C per 100 g,
 * vitamin A not known) against t_each: 2820 g = 1099.8 kcal, within the
 * unverified 1100 kcal target; vitamin C 423 mg >= 20 x 95 %; the verified
 * vitamin A minimum cannot be judged: the school has insufficient data,
 * though check says it complies. */
Test(audit, insufficient_data)
{
    struct mc_err err = {0};
    struct mc_standard_set *tset = NULL;
    struct mc_manifest *m = NULL;
    struct mc_audit *a = NULL;
    struct mc_cooking_set *profiles = NULL;
    const char *dbp = getenv("MC_TEST_DB");
    cr_assert_eq(mc_cooking_set_load("food_composition/cooking", &profiles, &err), MC_OK);
    cr_assert_eq(mc_standard_set_load("tests/data/standards-basic", &tset, &err), MC_OK);
    cr_assert_eq(mc_manifest_load("tests/data/audit/insufficient.csv", &m, &err), MC_OK);
    struct keep k = {0};
    struct mc_audit_opts o = {.db_path = dbp && *dbp ? dbp : MC_FOOD_DB_DEFAULT,
                              .standards = tset, .cooking = profiles,
                              .recipes = "menus/recipes.csv",
                              .date = 20250901, .jobs = 1, .school = keep_row,
                              .school_arg = &k};
    cr_assert_eq(mc_audit_run(m, &o, &a, &err), MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(n_rows, 1);
    const struct mc_audit_school *s = &rows[0];
    cr_expect_eq(s->verdict, MC_AUDIT_INSUFFICIENT, "%s", s->error);
    cr_expect_eq(a->count[MC_AUDIT_INSUFFICIENT], 1);
    cr_expect_eq(s->n_insufficient, 1);
    cr_expect_eq(s->n_fail, 0);
    cr_expect_eq(s->nutrient_verdict[MC_N_VIT_A_UG_RAE], MC_VERDICT_INSUFFICIENT);
    cr_expect_eq(s->coverage, 1.0, "energy and vitamin C are known");
    /* worst: the pass farthest from its norm, vitamin C 423 mg against the
     * minimum less t_each's 5 % tolerance, 19 mg */
    cr_expect_eq(s->worst, MC_N_VIT_C_MG);
    cr_expect(fabs(s->worst_pct - 100.0 * 15 * 28.2 / 19) < 1e-9, "%.17g", s->worst_pct);
    /* 2820 g of koumiss is no portion a child is served: said, not fatal */
    cr_expect(mc_err_warnings(&err) && strstr(mc_err_warnings(&err), "a portion of 2820 g is implausible"),
              "%s", mc_err_warnings(&err));
    mc_err_release(&err);
    free(rows[0].error);
    n_rows = 0;
    mc_audit_free(a);
    mc_manifest_free(m);
    mc_standard_set_free(tset);
    mc_cooking_set_free(profiles);
}
