/*
 * test_check.c - compliance judgements on hand-built menus, against the
 * norm sets in tests/data/standards-basic (values chosen so every expected
 * number can be worked out on paper; the arithmetic is in the comments).
 *
 * The menu "A": two days, breakfast (B) and lunch (L), 300 g each meal,
 * every value known:
 *
 *             energy  vit C  sodium  satfat  protein  iron  calcium
 *   day 1 B     500     10     300      5       20      2     200
 *   day 1 L     700     20     900     10       30      4     250
 *   day 2 B     400      5     200      2       10      1     150
 *   day 2 L     600     15    1000      6       25      3     300
 *   day 1      1200     30    1200     15       50      6     450
 *   day 2      1000     20    1200      8       35      4     450
 *   mean       1100     25    1200   11.5     42.5      5     450
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "mealcheck/check.h"

enum { N_DAYS = 2, N_MEALS = 2 };

struct tmenu {
    struct mc_menu m;
    struct mc_meal meals[N_DAYS * N_MEALS];
    struct mc_day days[N_DAYS];
    struct mc_week week;
    char *names[N_MEALS];
};

static const double menu_a[N_DAYS][N_MEALS][7] = {
    {{500, 10, 300, 5, 20, 2, 200}, {700, 20, 900, 10, 30, 4, 250}},
    {{400, 5, 200, 2, 10, 1, 150}, {600, 15, 1000, 6, 25, 3, 300}},
};
static const enum mc_nutrient cols[7] = {
    MC_N_ENERGY_KCAL, MC_N_VIT_C_MG, MC_N_SODIUM_MG, MC_N_SATFAT_G,
    MC_N_PROTEIN_G, MC_N_IRON_MG, MC_N_CALCIUM_MG,
};

/* Build menu A with the given meal names; planned meals per day x meal
 * (NULL: not weighted). */
static void build(struct tmenu *t, const char *meal0, const char *meal1,
                  const double (*planned)[N_MEALS])
{
    memset(t, 0, sizeof *t);
    t->names[0] = (char *)meal0;
    t->names[1] = (char *)meal1;
    t->m.path = (char *)"menu-a.csv";
    t->m.meals = t->meals;
    t->m.n_meals = N_DAYS * N_MEALS;
    t->m.days = t->days;
    t->m.n_days = N_DAYS;
    t->m.weeks = &t->week;
    t->m.n_weeks = 1;
    t->m.meal_names = t->names;
    t->m.n_meal_names = N_MEALS;
    t->m.weighted = planned != NULL;
    t->week = (struct mc_week){.week = 1, .first = 0, .count = N_DAYS};
    for (int d = 0; d < N_DAYS; d++) {
        struct mc_day *day = &t->days[d];
        *day = (struct mc_day){.week = 1, .day = d + 1, .first = (size_t)d * N_MEALS,
                               .count = N_MEALS};
        mc_nvec_zero(&day->n);
        for (int k = 0; k < N_MEALS; k++) {
            struct mc_meal *ml = &t->meals[d * N_MEALS + k];
            *ml = (struct mc_meal){.week = 1, .day = d + 1, .meal = t->names[k],
                                   .planned_meals = planned ? planned[d][k] : NAN};
            mc_nvec_zero(&ml->n);
            ml->n.mass_g = 300;
            for (int c = 0; c < 7; c++) {
                ml->n.value[cols[c]] = menu_a[d][k][c];
                ml->n.known_g[cols[c]] = 300;
            }
            mc_nvec_add_scaled(&day->n, &ml->n, 1.0);
        }
    }
}

struct fixture {
    struct mc_standard_set *set;
    struct mc_group_spec spec;
    struct mc_check *check;
    struct mc_err err;
};

/* Run one norm set for one group on menu m; asserts success. */
static const struct mc_check_result *run(struct fixture *f, const struct mc_menu *m,
                                         const char *std, const char *group,
                                         int date, enum mc_average avg)
{
    memset(f, 0, sizeof *f);
    cr_assert_eq(mc_standard_set_load("tests/data/standards-basic", &f->set, &f->err), MC_OK);
    const struct mc_standard *s = mc_standard_find(f->set, std);
    cr_assert(s);
    mc_group_spec_parse(group, &f->spec, NULL);
    struct mc_check_opts o = {.date = date, .average = avg};
    mc_code rc = mc_check_run(m, &s, 1, &f->spec, 1, &o, &f->check, &f->err);
    cr_assert_eq(rc, MC_OK, "%s", mc_err_text(&f->err) ? mc_err_text(&f->err) : "");
    cr_assert_eq(f->check->n_results, 1);
    return &f->check->results[0];
}

static void done(struct fixture *f)
{
    mc_check_free(f->check);
    mc_group_spec_release(&f->spec);
    mc_standard_set_free(f->set);
    mc_err_release(&f->err);
}

static const struct mc_check_item *item(const struct mc_check_result *r,
                                        enum mc_nutrient n, int pct, const char *meal)
{
    for (size_t i = 0; i < r->n_items; i++) {
        const struct mc_check_item *it = &r->items[i];
        if (it->nutrient == n && it->pct_energy == pct &&
            (meal ? it->meal && !strcmp(it->meal, meal) : !it->meal))
            return it;
    }
    cr_assert_fail("no item for %s", mc_nutrient_info(n)->key);
    return NULL;
}

#define EQ(a, b) cr_expect_float_eq((a), (b), 1e-9)

/* Breakfast + lunch cover 20+30 = 50 % to 25+35 = 60 % of the day. */
Test(check, daily_norms_times_meal_shares)
{
    struct tmenu t;
    struct fixture f;
    build(&t, "breakfast", "lunch", NULL);
    const struct mc_check_result *r = run(&f, &t.m, "t_daily", "7-10", 20210101,
                                          MC_AVERAGE_DAYS);
    EQ(r->share_lo, 50);
    EQ(r->share_hi, 60);
    cr_expect(r->shares_verified);

    /* target 2000 kcal: 1000..1200, middle 1100; mean 1100 = 100 %. */
    const struct mc_check_item *e = item(r, MC_N_ENERGY_KCAL, 0, NULL);
    EQ(e->avg.lo, 1000);
    EQ(e->avg.hi, 1200);
    EQ(e->avg.value, 1100);
    EQ(e->avg.pct_of_norm, 100);
    cr_expect_eq(e->avg.status, MC_STATUS_OK);
    cr_expect_eq(e->days[0].status, MC_STATUS_OK, "1200 is not above 1200");
    cr_expect_eq(e->days_out, 0);
    cr_expect_eq(e->verdict, MC_VERDICT_PASS);

    /* vitamin C min 60 x 50 % = 30; mean 25 = 83.3 %: low; day 2 (20) low. */
    const struct mc_check_item *c = item(r, MC_N_VIT_C_MG, 0, NULL);
    EQ(c->avg.lo, 30);
    cr_expect(isnan(c->avg.hi));
    EQ(c->avg.pct_of_norm, 25.0 / 30.0 * 100.0);
    cr_expect_eq(c->avg.status, MC_STATUS_LOW);
    cr_expect_eq(c->days[0].status, MC_STATUS_OK);
    cr_expect_eq(c->days[1].status, MC_STATUS_LOW);
    cr_expect_eq(c->days_out, 1);
    cr_expect_eq(c->days_judged, 2);
    cr_expect_eq(c->verdict, MC_VERDICT_FAIL);
    cr_expect_str_eq(c->lo_row->rule, "r_c");

    /* sodium max 2000 with 10 % tolerance = 2200, x 60 % = 1320. */
    const struct mc_check_item *na = item(r, MC_N_SODIUM_MG, 0, NULL);
    EQ(na->hi_base, 2200);
    EQ(na->avg.hi, 1320);
    EQ(na->avg.pct_of_norm, 1200.0 / 1320.0 * 100.0);
    cr_expect_eq(na->avg.status, MC_STATUS_OK);

    cr_expect_eq(r->n_fail, 2, "vitamin C and iron (12 mg x 50 % = 6 > 5)");
    cr_expect_not(r->complies);
    cr_expect_not(f.check->complies);
    done(&f);
}

/* Share of energy with 4/9/4 kcal per gram. */
Test(check, share_of_energy)
{
    struct tmenu t;
    struct fixture f;
    build(&t, "breakfast", "lunch", NULL);
    const struct mc_check_result *r = run(&f, &t.m, "t_daily", "kids_7_10", 20210101,
                                          MC_AVERAGE_DAYS);
    /* saturated fat: mean 9 x 11.5 / 1100 = 9.409 % (ok, < 10);
     * day 1: 9 x 15 / 1200 = 11.25 % (high); day 2: 9 x 8 / 1000 = 7.2 %. */
    const struct mc_check_item *s = item(r, MC_N_SATFAT_G, 1, NULL);
    EQ(s->avg.value, 100.0 * 9 * 11.5 / 1100);
    EQ(s->avg.hi, 10); /* a share of energy is not scaled by meal shares */
    EQ(s->days[0].value, 11.25);
    EQ(s->days[1].value, 7.2);
    cr_expect_eq(s->avg.status, MC_STATUS_OK);
    cr_expect_eq(s->days[0].status, MC_STATUS_HIGH);
    EQ(s->days[0].pct_of_norm, 112.5); /* 11.25 / 10, a maximum alone */
    cr_expect_eq(s->days_out, 1);
    cr_expect_eq(s->verdict, MC_VERDICT_PASS, "judged on the week average");
    /* protein 10-30 % of energy: 4 x 42.5 / 1100 = 15.45 %. */
    const struct mc_check_item *p = item(r, MC_N_PROTEIN_G, 1, NULL);
    EQ(p->avg.value, 100.0 * 4 * 42.5 / 1100);
    EQ(p->avg.lo, 10);
    EQ(p->avg.hi, 30);
    EQ(p->avg.pct_of_norm, 100.0 * (4 * 42.5 / 11) / 10); /* of the minimum */
    cr_expect_eq(p->avg.status, MC_STATUS_OK);
    done(&f);
}

/* --date picks the rows in force: iron min 10 until 2019, 12 from 2020. */
Test(check, dates_select_the_rules_in_force)
{
    struct tmenu t;
    struct fixture f;
    build(&t, "breakfast", "lunch", NULL);
    const struct mc_check_result *r = run(&f, &t.m, "t_daily", "7-10", 20190601,
                                          MC_AVERAGE_DAYS);
    const struct mc_check_item *fe = item(r, MC_N_IRON_MG, 0, NULL);
    EQ(fe->avg.lo, 5);       /* 10 x 50 % */
    cr_expect_eq(fe->avg.status, MC_STATUS_OK, "5 is not below 5");
    cr_expect_str_eq(fe->lo_row->rule, "r_fe_2010");
    done(&f);
    r = run(&f, &t.m, "t_daily", "7-10", 20200101, MC_AVERAGE_DAYS);
    fe = item(r, MC_N_IRON_MG, 0, NULL);
    EQ(fe->avg.lo, 6);       /* 12 x 50 % */
    cr_expect_eq(fe->avg.status, MC_STATUS_LOW);
    cr_expect_str_eq(fe->lo_row->rule, "r_fe_2020");
    done(&f);
}

/* Per-meal norms with dated sodium limits: lunch sodium mean (900+1000)/2 = 950. */
Test(check, per_meal_norms_and_dates)
{
    struct tmenu t;
    struct fixture f;
    build(&t, "breakfast", "lunch", NULL);
    const struct mc_check_result *r = run(&f, &t.m, "t_meal", "5-10", 20230101,
                                          MC_AVERAGE_DAYS);
    /* breakfast energy (500+400)/2 = 450 in 350-500, middle 425: 105.9 %. */
    const struct mc_check_item *b = item(r, MC_N_ENERGY_KCAL, 0, "breakfast");
    EQ(b->avg.value, 450);
    EQ(b->avg.ref, 425);
    EQ(b->avg.pct_of_norm, 450.0 / 425.0 * 100.0);
    cr_expect_eq(b->avg.status, MC_STATUS_OK);
    /* lunch energy (700+600)/2 = 650: in 550-650; day 1 (700) high. */
    const struct mc_check_item *l = item(r, MC_N_ENERGY_KCAL, 0, "lunch");
    EQ(l->avg.value, 650);
    cr_expect_eq(l->avg.status, MC_STATUS_OK);
    cr_expect_eq(l->days[0].status, MC_STATUS_HIGH);
    cr_expect_eq(l->days_out, 1);
    cr_expect_eq(l->verdict, MC_VERDICT_PASS);
    const struct mc_check_item *na = item(r, MC_N_SODIUM_MG, 0, "lunch");
    EQ(na->avg.hi, 1000);
    cr_expect_eq(na->avg.status, MC_STATUS_OK);
    cr_expect(r->complies);
    cr_expect_eq(r->n_unjudged, 0);
    done(&f);
    r = run(&f, &t.m, "t_meal", "5-10", 20270701, MC_AVERAGE_DAYS);
    na = item(r, MC_N_SODIUM_MG, 0, "lunch");
    EQ(na->avg.hi, 900);
    cr_expect_str_eq(na->hi_row->rule, "r_na_2");
    cr_expect_eq(na->avg.status, MC_STATUS_HIGH);
    cr_expect_eq(na->verdict, MC_VERDICT_FAIL);
    cr_expect_not(r->complies);
    done(&f);
}

/* USDA weighted analysis: lunch planned for 100 children on day 1 and 300
 * on day 2.  Total over total: (700 x 100 + 600 x 300) / 400 = 625 kcal;
 * the mean of days stays 650. */
Test(check, weighted_total_over_total)
{
    static const double planned[N_DAYS][N_MEALS] = {{NAN, 100}, {NAN, 300}};
    struct tmenu t;
    struct fixture f;
    build(&t, "breakfast", "lunch", planned);
    const struct mc_check_result *r = run(&f, &t.m, "t_meal", "5-10", 20230101,
                                          MC_AVERAGE_TOTALS);
    EQ(item(r, MC_N_ENERGY_KCAL, 0, "lunch")->avg.value, 625);
    EQ(item(r, MC_N_ENERGY_KCAL, 0, "breakfast")->avg.value, 450);
    cr_expect_eq(f.check->average, MC_AVERAGE_TOTALS);
    done(&f);
    r = run(&f, &t.m, "t_meal", "5-10", 20230101, MC_AVERAGE_DAYS);
    EQ(item(r, MC_N_ENERGY_KCAL, 0, "lunch")->avg.value, 650);
    done(&f);
    /* Daily norms: the day is the sum of the meal averages, 450 + 625. */
    build(&t, "breakfast", "lunch", planned);
    r = run(&f, &t.m, "t_daily", "7-10", 20230101, MC_AVERAGE_TOTALS);
    EQ(item(r, MC_N_ENERGY_KCAL, 0, NULL)->avg.value, 1075);
    done(&f);
}

/* A roster of 14 boys and 12 girls aged 11-14: both subgroups judged, the
 * strictest bound binds.  Calcium min 1000 (boys) / 1200 (girls) x 50 %
 * = 500 / 600: the girls' 600 binds; mean 450 = 75 %.  Vitamin C 60 / 50:
 * the boys' 30 binds. */
Test(check, mixed_group_strictest_subgroup_binds)
{
    struct tmenu t;
    struct fixture f;
    build(&t, "breakfast", "lunch", NULL);
    const struct mc_check_result *r = run(&f, &t.m, "t_daily",
                                          "14 boys and 12 girls aged 11-14", 20210101,
                                          MC_AVERAGE_DAYS);
    cr_assert_eq(r->n_subs, 2);
    cr_expect_str_eq(r->subs[0].group->id, "boys_11_14");
    cr_expect_eq(r->subs[0].children, 14);
    cr_expect_eq(r->subs[1].children, 12);
    const struct mc_check_item *ca = item(r, MC_N_CALCIUM_MG, 0, NULL);
    EQ(ca->avg.lo, 600);
    cr_expect_eq(ca->lo_sub, 1, "the girls bind");
    size_t sub = 9;
    const struct mc_norm_row *row = NULL;
    int verified = 0;
    cr_expect_eq(mc_check_binding(ca, &row, &sub, &verified), 0, "the minimum matters");
    cr_expect_eq(sub, 1);
    cr_expect_eq(row, ca->lo_row);
    cr_expect(verified);
    EQ(ca->avg.pct_of_norm, 75);
    EQ(ca->sub_avg[0].lo, 500);
    EQ(ca->sub_avg[0].pct_of_norm, 90);
    cr_expect_eq(ca->sub_avg[0].status, MC_STATUS_LOW);
    const struct mc_check_item *c = item(r, MC_N_VIT_C_MG, 0, NULL);
    EQ(c->avg.lo, 30);
    cr_expect_eq(c->lo_sub, 0, "the boys bind");
    cr_expect(c->lo_verified, "the boys' row is verified");
    EQ(c->sub_avg[1].lo, 25);
    cr_expect_eq(c->sub_avg[1].status, MC_STATUS_OK);
    char buf[128];
    cr_expect_str_eq(mc_check_group_label(r, buf, sizeof buf),
                     "14 boys and 12 girls aged 11-14 (boys_11_14, girls_11_14)");
    done(&f);
}

/* Tolerance 5 % and judging every day: vitamin C min 20 x 95 % = 19
 * (no shares: the whole day); day 2 has 20, day 1 30: both ok.  The energy
 * target 1100 +/- 5 % = 1045..1155 is unverified: day 1 (1200) high and
 * day 2 (1000) low make it advisory, not a failure. */
Test(check, tolerance_each_day_and_unverified_rows)
{
    struct tmenu t;
    struct fixture f;
    build(&t, "breakfast", "lunch", NULL);
    const struct mc_check_result *r = run(&f, &t.m, "t_each", "7-10", 20210101,
                                          MC_AVERAGE_DAYS);
    const struct mc_check_item *c = item(r, MC_N_VIT_C_MG, 0, NULL);
    EQ(c->avg.lo, 19);
    cr_expect_eq(c->verdict, MC_VERDICT_PASS);
    const struct mc_check_item *e = item(r, MC_N_ENERGY_KCAL, 0, NULL);
    EQ(e->avg.lo, 1045);
    EQ(e->avg.hi, 1155);
    cr_expect_eq(e->avg.status, MC_STATUS_OK);
    cr_expect_eq(e->days[0].status, MC_STATUS_HIGH);
    cr_expect_eq(e->days[1].status, MC_STATUS_LOW);
    cr_expect_eq(e->days_out, 2);
    cr_expect_eq(e->verdict, MC_VERDICT_ADVISORY);
    /* Vitamin A is unknown in every meal: insufficient data, not a failure. */
    const struct mc_check_item *a = item(r, MC_N_VIT_A_UG_RAE, 0, NULL);
    cr_expect_eq(a->avg.status, MC_STATUS_INSUFFICIENT);
    cr_expect_eq(a->verdict, MC_VERDICT_INSUFFICIENT);
    /* The verified vitamin A minimum cannot be judged: nothing fails, yet
     * compliance cannot be decided. */
    cr_expect_not(r->complies);
    cr_expect_eq(r->outcome, MC_OUTCOME_UNDECIDED);
    cr_expect_eq(r->why, MC_UNDECIDED_DATA);
    cr_expect_eq(r->n_deciding, 2);
    cr_expect_eq(r->n_deciding_insufficient, 1);
    char label[512];
    cr_expect_str_eq(mc_check_outcome_label(r, label, sizeof label),
                     "cannot be decided: 1 verified norm has insufficient data; "
                     "1 advisory norm not met");
    cr_expect_str_eq(mc_check_decided_label(r, label, sizeof label),
                     "decide (verified): Vitamin A (RAE) (insufficient data), Vitamin C; "
                     "only advise (unverified): Energy (not met on 2 of 2 days)");
    cr_expect_eq(r->n_advisory, 1);
    cr_expect_eq(r->n_insufficient, 1);
    size_t idx[3];
    mc_check_order(r, idx);
    cr_expect_eq(r->items[idx[0]].nutrient, MC_N_ENERGY_KCAL, "advisory first");
    cr_expect_eq(r->items[idx[1]].nutrient, MC_N_VIT_A_UG_RAE);
    cr_expect_eq(r->items[idx[2]].nutrient, MC_N_VIT_C_MG);
    done(&f);
}

Test(check, judging_values)
{
    /* An amount above its maximum is high even with partial data. */
    cr_expect_eq(mc_check_judge(120, 0.5, 0, NAN, 100, 0.8, 0), MC_STATUS_HIGH);
    cr_expect_eq(mc_check_judge(120, 0.5, 0, NAN, 100, 0.8, 1), MC_STATUS_INSUFFICIENT,
                 "a share of energy can move either way");
    cr_expect_eq(mc_check_judge(50, 0.79, 0, 60, NAN, 0.8, 0), MC_STATUS_INSUFFICIENT);
    cr_expect_eq(mc_check_judge(50, 0.8, 0, 60, NAN, 0.8, 0), MC_STATUS_LOW);
    cr_expect_eq(mc_check_judge(60, 1, 0, 60, 60, 0.8, 0), MC_STATUS_OK);
    cr_expect_eq(mc_check_judge(0, 0, 1, 60, NAN, 0.8, 0), MC_STATUS_INSUFFICIENT);

    /* 150 g known with 6 g protein, 50 g unknown; energy 100 kcal over all
     * 200 g: 4 x 6 / 100 = 24 % with coverage min(0.75, 1) = 0.75. */
    struct mc_nvec v;
    mc_nvec_zero(&v);
    v.mass_g = 200;
    v.value[MC_N_PROTEIN_G] = 6;
    v.known_g[MC_N_PROTEIN_G] = 150;
    v.value[MC_N_ENERGY_KCAL] = 100;
    v.known_g[MC_N_ENERGY_KCAL] = 200;
    double val, cov;
    int unknown;
    mc_check_measure(&v, MC_N_PROTEIN_G, 1, &val, &cov, &unknown);
    EQ(val, 24);
    EQ(cov, 0.75);
    cr_expect_not(unknown);
    v.known_g[MC_N_ENERGY_KCAL] = 0;
    mc_check_measure(&v, MC_N_PROTEIN_G, 1, &val, &cov, &unknown);
    cr_expect(unknown, "no energy, no share of energy");
}

/* A meal the daily norm set has no share for is an error naming it. */
Test(check, meal_without_a_share_is_an_error)
{
    struct tmenu t;
    struct mc_standard_set *set = NULL;
    struct mc_err err = {0};
    struct mc_group_spec g;
    struct mc_check *c = NULL;
    build(&t, "breakfast", "snack", NULL);
    cr_assert_eq(mc_standard_set_load("tests/data/standards-basic", &set, &err), MC_OK);
    const struct mc_standard *s = mc_standard_find(set, "t_daily");
    mc_group_spec_parse("7-10", &g, NULL);
    struct mc_check_opts o = {.date = 20210101};
    cr_expect_eq(mc_check_run(&t.m, &s, 1, &g, 1, &o, &c, &err), MC_ERR_INPUT);
    cr_expect_null(c);
    cr_expect_str_eq(mc_err_text(&err),
        "menu-a.csv: meal 'snack' has no share of the day in standard 't_daily' "
        "(tests/data/standards-basic/daily.csv gives shares for: breakfast 20-25 %, "
        "lunch 30-35 %); add a '#meal_share: snack MIN-MAX' line to the norm set or "
        "leave the meal out\n");
    mc_err_release(&err);
    /* Before the set's effective date, and a group it does not have. */
    o.date = 20091231;
    cr_expect_eq(mc_check_run(&t.m, &s, 1, &g, 1, &o, &c, &err), MC_ERR_INPUT);
    cr_expect(strstr(mc_err_text(&err), "standard 't_daily' is in force from 2010-01-01 to "
                               "further notice, not on 2009-12-31 (use --date)"),
              "%s", mc_err_text(&err));
    mc_err_release(&err);
    mc_group_spec_release(&g);
    mc_standard_set_free(set);
}

/* A per-meal set says which meals it has no norms for. */
Test(check, per_meal_set_reports_unjudged_meals)
{
    struct tmenu t;
    struct fixture f;
    build(&t, "lunch", "snack", NULL);
    const struct mc_check_result *r = run(&f, &t.m, "t_meal", "primary", 20210101,
                                          MC_AVERAGE_DAYS);
    cr_assert_eq(r->n_unjudged, 1);
    cr_expect_str_eq(r->unjudged_meals[0], "snack");
    /* "lunch" is now the first meal: (500 + 400) / 2 = 450 < 550: low. */
    const struct mc_check_item *l = item(r, MC_N_ENERGY_KCAL, 0, "lunch");
    EQ(l->avg.value, 450);
    cr_expect_eq(l->avg.status, MC_STATUS_LOW);
    done(&f);
}

/* --meal-share: a per-day set with no shares of its own (t_each) is scaled by
 * the user's shares.  t_each has a 5 % tolerance:
 *   vitamin C min 20: whole day 20 x 0.95 = 19; breakfast + lunch cover
 *   20 + 30 = 50 %, so 19 x 0.5 = 9.5
 *   energy target 1100: 1100 x 0.95 x 0.5 = 522.5 .. 1100 x 1.05 x 0.6 = 693,
 *   so the mean day of 1100 kcal is high. */
Test(check, meal_share_option_scales_whole_day_norms)
{
    struct tmenu t;
    struct mc_standard_set *set = NULL;
    struct mc_err err = {0};
    struct mc_group_spec g;
    struct mc_check *c = NULL;
    char label[256];
    build(&t, "breakfast", "lunch", NULL);
    cr_assert_eq(mc_standard_set_load("tests/data/standards-basic", &set, &err), MC_OK);
    const struct mc_standard *s = mc_standard_find(set, "t_each");
    mc_group_spec_parse("7-10", &g, NULL);

    struct mc_check_opts o = {.date = 20210101};
    cr_assert_eq(mc_check_run(&t.m, &s, 1, &g, 1, &o, &c, &err), MC_OK);
    const struct mc_check_result *r = &c->results[0];
    cr_expect_eq(r->n_shares, 0);
    EQ(item(r, MC_N_VIT_C_MG, 0, NULL)->avg.lo, 19);
    cr_expect_str_eq(mc_check_share_label(r, label, sizeof label),
                     "whole-day norms: the menu is compared with a full day's needs "
                     "(meal shares, when given, scale them to the meals served)");
    mc_check_free(c);

    struct mc_meal_share shares[] = {{(char *)"breakfast", 20, 25, 1},
                                     {(char *)"Lunch", 30, 35, 1}};
    o.shares = shares;
    o.n_shares = 2;
    cr_assert_eq(mc_check_run(&t.m, &s, 1, &g, 1, &o, &c, &err), MC_OK);
    r = &c->results[0];
    cr_expect(r->shares_assumed);
    EQ(r->share_lo, 50);
    EQ(r->share_hi, 60);
    const struct mc_check_item *vc = item(r, MC_N_VIT_C_MG, 0, NULL);
    EQ(vc->avg.lo, 9.5);
    cr_expect_eq(vc->avg.status, MC_STATUS_OK);
    const struct mc_check_item *e = item(r, MC_N_ENERGY_KCAL, 0, NULL);
    EQ(e->avg.lo, 522.5);
    EQ(e->avg.hi, 693);
    cr_expect_eq(e->avg.status, MC_STATUS_HIGH);
    cr_expect_str_eq(mc_check_share_label(r, label, sizeof label),
                     "the menu's meals must cover 50-60 % of the daily norm "
                     "(shares given for this check)");
    mc_check_free(c);

    /* The user's shares are the user's rule: they replace a set's own
     * (t_daily: breakfast 20-25, lunch 30-35) for the meals they name,
     * the set's own cover the others. */
    const struct mc_standard *daily = mc_standard_find(set, "t_daily");
    shares[1].min_pct = 10;
    cr_assert_eq(mc_check_run(&t.m, &daily, 1, &g, 1, &o, &c, &err), MC_OK);
    cr_expect_eq(c->results[0].shares_assumed, 2);
    EQ(c->results[0].share_lo, 30);
    EQ(c->results[0].share_hi, 60);
    mc_check_free(c);
    o.shares = &shares[1];
    o.n_shares = 1;
    cr_assert_eq(mc_check_run(&t.m, &daily, 1, &g, 1, &o, &c, &err), MC_OK);
    cr_expect_eq(c->results[0].shares_assumed, 1);
    EQ(c->results[0].share_lo, 20 + 10);
    EQ(c->results[0].share_hi, 25 + 35);
    cr_expect_str_eq(mc_check_share_label(&c->results[0], label, sizeof label),
                     "the menu's meals must cover 30-60 % of the daily norm "
                     "(shares of the norm set and given for this check)");
    mc_check_free(c);
    o.shares = shares;

    /* Every meal of the menu needs a share. */
    o.n_shares = 1;
    cr_expect_eq(mc_check_run(&t.m, &s, 1, &g, 1, &o, &c, &err), MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err), "menu-a.csv: meal 'lunch' has no share of the day in "
                               "--meal-share (given: breakfast 20-25 %); add "
                               "'--meal-share lunch=MIN-MAX'\n");
    mc_err_release(&err);
    mc_group_spec_release(&g);
    mc_standard_set_free(set);
}

/* A meal served on some days only: menu A with day 2 serving lunch alone
 * (day 2 = 600 kcal, vitamin C 15 mg).  t_daily: breakfast 20-25 %, lunch
 * 30-35 %; energy target 2000, vitamin C min 60.
 *   day 1 (B + L) 50-60 %: energy 1000..1200, 1200 ok; vit C >= 30, 30 ok
 *   day 2 (L)     30-35 %: energy  600..700,   600 ok; vit C >= 18, 15 low
 * The mean day (energy (1200 + 600) / 2 = 900, vit C (30 + 15) / 2 = 22.5)
 * holds breakfast on half the days, so its share is the mean of the days'
 * shares: (50 + 30) / 2 = 40 % .. (60 + 35) / 2 = 47.5 %:
 *   energy 2000 x 0.40 = 800 .. 2000 x 0.475 = 950: 900 ok (the sum of
 *   both meals' shares, 1000..1200, would call it low);
 *   vit C 60 x 0.40 = 24: 22.5 low.
 * With --average totals the average day is the sum of the meal averages,
 * breakfast 500 + lunch (700 + 600) / 2 = 650 = 1150 kcal, held to the sum
 * of the shares, 50-60 %: 1000..1200, ok. */
Test(check, meal_served_on_some_days_only)
{
    struct tmenu t;
    struct fixture f;
    build(&t, "breakfast", "lunch", NULL);
    t.meals[2] = t.meals[3]; /* day 2: its lunch only */
    t.m.n_meals = 3;
    t.days[1].first = 2;
    t.days[1].count = 1;
    t.days[1].n = t.meals[2].n;

    const struct mc_check_result *r = run(&f, &t.m, "t_daily", "kids_7_10", 20210101,
                                          MC_AVERAGE_DAYS);
    EQ(r->share_lo, 40);
    EQ(r->share_hi, 47.5);
    char label[256];
    cr_expect_str_eq(mc_check_share_label(r, label, sizeof label),
                     "the menu's meals must cover 40-47.5 % of the daily norm "
                     "(shares of the norm set)");
    const struct mc_check_item *e = item(r, MC_N_ENERGY_KCAL, 0, NULL);
    EQ(e->days[0].lo, 1000);
    EQ(e->days[0].hi, 1200);
    EQ(e->days[1].lo, 600);
    EQ(e->days[1].hi, 700);
    EQ(e->avg.value, 900);
    EQ(e->avg.lo, 800);
    EQ(e->avg.hi, 950);
    EQ(e->avg.ref, 875);
    cr_expect_eq(e->avg.status, MC_STATUS_OK);
    const struct mc_check_item *c = item(r, MC_N_VIT_C_MG, 0, NULL);
    EQ(c->days[1].lo, 18);
    cr_expect_eq(c->days[1].status, MC_STATUS_LOW);
    EQ(c->avg.value, 22.5);
    EQ(c->avg.lo, 24);
    cr_expect_eq(c->avg.status, MC_STATUS_LOW);
    done(&f);

    r = run(&f, &t.m, "t_daily", "kids_7_10", 20210101, MC_AVERAGE_TOTALS);
    EQ(r->share_lo, 50);
    EQ(r->share_hi, 60);
    e = item(r, MC_N_ENERGY_KCAL, 0, NULL);
    EQ(e->avg.value, 1150);
    EQ(e->avg.lo, 1000);
    EQ(e->avg.hi, 1200);
    cr_expect_eq(e->avg.status, MC_STATUS_OK);
    done(&f);
}

/*
 * The verdict never misleads (issue 15): a SanPiN 3590-20 week for 7-11
 * (the shipped set) with energy at 85 %, calcium 61 % and vitamin D 11 % of
 * the norm.  Breakfast + lunch cover 50-60 % of the day: energy 2350 kcal
 * -> 1175-1410, middle 1292.5, and 85 % of it 1098.625; calcium 1100 x 50 %
 * = 550 mg, 61 % 335.5; vitamin D 10 x 50 % = 5 ug, 11 % 0.55.  The other
 * nine rows are met: protein 42, fat 43, carbohydrate 184 (in their bands),
 * vitamin C 40 >= 30, thiamin 1 >= 0.6, riboflavin 1 >= 0.7, vitamin A
 * 400 >= 350, magnesium 200 >= 125, iron 8 >= 6, iodine 60 >= 50.  Every
 * day alike; breakfast serves 40 % of it, lunch 60 %.
 */
static const enum mc_nutrient sanpin_n[] = {
    MC_N_ENERGY_KCAL, MC_N_CALCIUM_MG, MC_N_VIT_D_UG, MC_N_PROTEIN_G, MC_N_FAT_G,
    MC_N_CARB_G, MC_N_VIT_C_MG, MC_N_THIAMIN_MG, MC_N_RIBOFLAVIN_MG, MC_N_VIT_A_UG_RAE,
    MC_N_MAGNESIUM_MG, MC_N_IRON_MG, MC_N_IODINE_UG,
};

static void build_sanpin(struct tmenu *t, double energy, double calcium, double vit_d)
{
    const double day[] = {energy, calcium, vit_d, 42, 43, 184, 40, 1, 1, 400, 200, 8, 60};
    build(t, "breakfast", "lunch", NULL);
    for (int d = 0; d < N_DAYS; d++) {
        mc_nvec_zero(&t->days[d].n);
        for (int k = 0; k < N_MEALS; k++) {
            struct mc_nvec *v = &t->meals[d * N_MEALS + k].n;
            mc_nvec_zero(v);
            v->mass_g = 300;
            for (int n = 0; n < MC_N_COUNT; n++)
                v->known_g[n] = 300;
            for (size_t i = 0; i < sizeof day / sizeof *day; i++)
                v->value[sanpin_n[i]] = day[i] * (k ? 0.6 : 0.4);
            mc_nvec_add_scaled(&t->days[d].n, v, 1.0);
        }
    }
}

/* Check t against the shipped SanPiN set for g; free set and the check. */
static const struct mc_check *run_sanpin(struct mc_standard_set **set, struct tmenu *t,
                                         const struct mc_group_spec *g,
                                         const struct mc_meal_share *shares, size_t n)
{
    struct mc_err err = {0};
    struct mc_check *c = NULL;
    cr_assert_eq(mc_standard_set_load("standards", set, &err), MC_OK);
    const struct mc_standard *s = mc_standard_find(*set, "ru_sanpin_3590_20");
    cr_assert(s);
    struct mc_check_opts o = {.date = 20250901, .shares = shares, .n_shares = n};
    cr_assert_eq(mc_check_run(&t->m, &s, 1, g, 1, &o, &c, &err), MC_OK, "%s", mc_err_text(&err));
    return c;
}

Test(check, deficient_sanpin_week_never_complies)
{
    struct tmenu t;
    struct mc_standard_set *set = NULL;
    char label[2048];
    struct mc_group_spec g;
    cr_assert_eq(mc_group_spec_parse("7-11", &g, NULL), MC_OK);
    build_sanpin(&t, 0.85 * 1292.5, 0.61 * 550, 0.11 * 5);
    /* The set's own shares: its lunch share is unverified, so no bound decides. */
    const struct mc_check *c = run_sanpin(&set, &t, &g, NULL, 0);
    const struct mc_check_result *r = &c->results[0];
    EQ(item(r, MC_N_ENERGY_KCAL, 0, NULL)->avg.pct_of_norm, 85);
    EQ(item(r, MC_N_CALCIUM_MG, 0, NULL)->avg.pct_of_norm, 61);
    EQ(item(r, MC_N_VIT_D_UG, 0, NULL)->avg.pct_of_norm, 11);
    cr_expect_eq(r->n_items, 13);
    cr_expect_eq(r->n_deciding, 0);
    cr_expect_eq(r->n_advisory, 3);
    cr_expect_not(r->complies);
    cr_expect_not(c->complies);
    cr_expect_eq(r->outcome, MC_OUTCOME_UNDECIDED);
    cr_expect_eq(r->why, MC_UNDECIDED_UNVERIFIED);
    cr_expect_eq(c->outcome, MC_OUTCOME_UNDECIDED);
    cr_expect_eq(c->why, MC_UNDECIDED_UNVERIFIED);
    cr_expect_str_eq(mc_check_outcome_label(r, label, sizeof label),
                     "cannot be decided: none of the norms checked is verified, they only "
                     "advise (a meal share of the norm set is unverified: state the shares "
                     "you apply); 3 advisory norms not met");
    cr_expect_str_eq(mc_check_decided_label(r, label, sizeof label),
                     "decide (verified): none; only advise (unverified): Energy (85 % of "
                     "norm, low), Protein, Total fat, Carbohydrate, Calcium (61 % of norm, "
                     "low), Magnesium, Iron, Iodine, Vitamin A (RAE), Vitamin C, Vitamin D "
                     "(11 % of norm, low), Thiamin (B1), Riboflavin (B2)");
    mc_check_free((struct mc_check *)c);
    mc_standard_set_free(set);

    /* Shares the user states decide: calcium and vitamin D fail; energy's
     * row is unverified and only advises. */
    struct mc_meal_share shares[] = {{(char *)"breakfast", 20, 25, 1},
                                     {(char *)"lunch", 30, 35, 1}};
    c = run_sanpin(&set, &t, &g, shares, 2);
    r = &c->results[0];
    cr_expect_eq(r->n_deciding, 9);
    cr_expect_eq(r->n_fail, 2);
    cr_expect_eq(r->n_advisory, 1);
    cr_expect_eq(c->outcome, MC_OUTCOME_FAILS);
    cr_expect_str_eq(mc_check_outcome_label(r, label, sizeof label),
                     "DOES NOT COMPLY: 2 verified norms not met; 1 advisory norm not met");
    mc_check_free((struct mc_check *)c);
    mc_standard_set_free(set);

    /* Calcium 600 and vitamin D 6 meet the verified norms; energy at 85 %
     * is still short: amber, never "complies". */
    build_sanpin(&t, 0.85 * 1292.5, 600, 6);
    c = run_sanpin(&set, &t, &g, shares, 2);
    r = &c->results[0];
    cr_expect_eq(r->outcome, MC_OUTCOME_ADVISORY);
    cr_expect_not(c->complies);
    cr_expect_str_eq(mc_check_outcome_label(r, label, sizeof label),
                     "complies with the 9 verified norms; 1 advisory norm not met");
    cr_expect_str_eq(mc_outcome_key(c->outcome), "advisory_not_met");
    mc_check_free((struct mc_check *)c);
    mc_standard_set_free(set);

    /* Energy at the band's middle too: every norm met, complies. */
    build_sanpin(&t, 1292.5, 600, 6);
    c = run_sanpin(&set, &t, &g, shares, 2);
    cr_expect_eq(c->outcome, MC_OUTCOME_COMPLIES);
    cr_expect(c->complies);
    cr_expect_str_eq(mc_check_outcome_label(&c->results[0], label, sizeof label),
                     "complies: the 9 verified norms are met");
    mc_check_free((struct mc_check *)c);
    mc_standard_set_free(set);
    mc_group_spec_release(&g);
}
