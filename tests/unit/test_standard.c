/* test_standard.c - norm-set files: metadata, rows, errors, dates, groups. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/standard.h"

static struct mc_standard_set *load_ok(const char *dir)
{
    struct mc_err err = {0};
    struct mc_standard_set *set = NULL;
    mc_code rc = mc_standard_set_load(dir, &set, &err);
    cr_assert_eq(rc, MC_OK, "%s", mc_err_text(&err) ? mc_err_text(&err) : "");
    mc_err_release(&err);
    return set;
}

Test(standard, metadata_and_rows)
{
    struct mc_standard_set *set = load_ok("tests/data/standards-basic");
    cr_assert_eq(set->n, 3);
    /* Sorted by id. */
    cr_expect_str_eq(set->items[0].id, "t_daily");
    cr_expect_str_eq(set->items[1].id, "t_each");
    cr_expect_str_eq(set->items[2].id, "t_meal");
    const struct mc_standard *s = mc_standard_find(set, "T_DAILY");
    cr_assert(s);
    cr_expect_str_eq(s->title, "Test daily norms");
    cr_expect_str_eq(s->source_url, "https://example.org/daily");
    cr_expect_eq(s->effective_from, 20100101);
    cr_expect_eq(s->effective_to, 0);
    cr_expect_eq(s->per, MC_PER_DAY);
    cr_expect_eq(s->judge, MC_JUDGE_WEEK_AVERAGE);
    cr_expect_float_eq(s->coverage_min, 0.8, 1e-12);
    cr_expect_str_eq(s->notes, "first note\nsecond note");
    cr_assert_eq(s->n_shares, 2);
    cr_expect_str_eq(s->shares[1].meal, "lunch");
    cr_expect_float_eq(s->shares[1].min_pct, 30, 1e-12);
    cr_expect_float_eq(s->shares[1].max_pct, 35, 1e-12);
    cr_expect_eq(s->shares[1].verified, 1);
    cr_assert_eq(s->n_groups, 3);
    cr_expect_str_eq(s->groups[2].id, "girls_11_14");
    cr_expect_eq(s->groups[2].sex, MC_SEX_FEMALE);
    cr_expect_eq(s->groups[2].age_min, 11);
    cr_assert_eq(s->n_rows, 12);
    const struct mc_norm_row *na = &s->rows[2];
    cr_expect_eq(na->nutrient, MC_N_SODIUM_MG);
    cr_expect_eq(na->kind, MC_BOUND_MAX);
    cr_expect_float_eq(na->tolerance_pct, 10, 1e-12);
    cr_expect_str_eq(na->rule, "r_na");
    cr_expect_str_eq(na->note, "sodium with 10 % tolerance");
    cr_expect_str_eq(na->source_url, "https://example.org/daily", "file's URL by default");
    cr_expect_eq(na->line, 19, "line numbers survive the metadata block");
    cr_expect_str_eq(s->rows[1].meal, "", "'daily' means the whole day");
    cr_expect_str_eq(s->rows[3].unit, "pct_energy", "default unit of a share of energy");
    cr_expect_float_eq(s->rows[0].tolerance_pct, 0, 1e-12, "the file's tolerance");
    cr_expect_eq(s->rows[6].effective_to, 20191231);
    cr_expect_eq(s->rows[7].effective_from, 20200101);
    cr_expect_eq(s->rows[11].verified, 0);

    const struct mc_standard *m = mc_standard_find(set, "t_meal");
    cr_expect_eq(m->per, MC_PER_MEAL);
    cr_expect_str_eq(m->rows[1].meal, "lunch", "meal names are lowercased");
    cr_expect_str_eq(m->rows[1].unit, "kcal", "the key's unit by default");
    cr_expect_str_eq(m->rows[1].rule, "r_kcal");
    const struct mc_standard *e = mc_standard_find(set, "t_each");
    cr_expect_str_eq(e->rows[0].rule, "t_each", "the set's id when no rule column");
    cr_expect_float_eq(e->rows[0].tolerance_pct, 5, 1e-12);
    cr_expect_str_eq(e->rows[2].unit, "ug_RE");
    mc_standard_set_free(set);
}

/* Each row's item (nutrient, measure, meal), numbered once at load in the
 * order a check lists items, with the first row of each: t_meal's rows are
 * energy at lunch (2), at breakfast (2) and sodium at lunch (2); breakfast
 * sorts before lunch. */
Test(standard, items_numbered_at_load)
{
    struct mc_standard_set *set = load_ok("tests/data/standards-basic");
    const struct mc_standard *m = mc_standard_find(set, "t_meal");
    cr_assert(m);
    cr_assert_eq(m->n_rows, 6);
    cr_assert_eq(m->n_items, 3);
    static const size_t item[] = {1, 1, 0, 0, 2, 2}, first[] = {2, 0, 4};
    for (size_t i = 0; i < 6; i++)
        cr_expect_eq(m->rows[i].item, item[i], "row %zu", i);
    for (size_t k = 0; k < 3; k++)
        cr_expect_eq(m->item_rows[k], first[k], "item %zu", k);
    /* t_daily: protein's two %-of-energy rows, iron's two dated rows and
     * calcium's two sex rows are one item each; items go by nutrient. */
    const struct mc_standard *d = mc_standard_find(set, "t_daily");
    cr_assert(d);
    cr_expect_eq(d->rows[4].item, d->rows[5].item);
    cr_expect_eq(d->rows[6].item, d->rows[7].item);
    cr_expect_eq(d->rows[8].item, d->rows[9].item);
    cr_expect_neq(d->rows[2].item, d->rows[3].item, "sodium and saturated fat");
    cr_expect_eq(d->item_rows[0], 0, "energy first");
    for (size_t k = 1; k < d->n_items; k++)
        cr_expect_leq(d->rows[d->item_rows[k - 1]].nutrient, d->rows[d->item_rows[k]].nutrient);
    for (size_t i = 0; i < d->n_rows; i++)
        cr_expect_leq(d->item_rows[d->rows[i].item], i, "row %zu's item begins at or before it", i);
    mc_standard_set_free(set);
}

Test(standard, every_error_of_a_file_is_reported)
{
    struct mc_err err = {0};
    struct mc_standard_set *set = NULL;
    mc_code rc = mc_standard_set_load("tests/data/standards-bad", &set, &err);
    cr_assert_eq(rc, MC_ERR_INPUT);
    cr_expect_null(set);
    cr_expect_str_eq(mc_err_text(&err),
        "tests/data/standards-bad/bad.csv:1: id: expected lowercase letters, digits and '_', got 'Bad Id'\n"
        "tests/data/standards-bad/bad.csv:3: per: expected 'day' or 'meal', got 'week'\n"
        "tests/data/standards-bad/bad.csv:4: unknown metadata key 'colour' (known: id, title, issuer, legal_ref, source_url, effective_from, effective_to, superseded_by, per, judge, tolerance_pct, coverage_min_pct, meal_share, note, title_ru, title_kk, note_ru, note_kk)\n"
        "tests/data/standards-bad/bad.csv: missing metadata line '#id: ...'\n"
        "tests/data/standards-bad/bad.csv: missing metadata line '#issuer: ...'\n"
        "tests/data/standards-bad/bad.csv: missing metadata line '#legal_ref: ...'\n"
        "tests/data/standards-bad/bad.csv: missing metadata line '#source_url: ...'\n"
        "tests/data/standards-bad/bad.csv: missing metadata line '#judge: week_average' or '#judge: each_day'\n"
        "tests/data/standards-bad/bad.csv:6:5: unknown nutrient 'vitamin_c' (the keys are listed in docs/standards.md)\n"
        "tests/data/standards-bad/bad.csv:7:4: expected sex 'any', 'male' or 'female', got 'boys'\n"
        "tests/data/standards-bad/bad.csv:7:6: unknown kind 'minimum' (expected min, max, range_min, range_max, target, pct_energy_min or pct_energy_max)\n"
        "tests/data/standards-bad/bad.csv:7:8: expected 'yes' or 'no', got 'maybe'\n"
        "tests/data/standards-bad/bad.csv:8:3: expected an age in whole years >= age_min (7), got '6'\n"
        "tests/data/standards-bad/bad.csv:8:7: expected a number >= 0, got '-1'\n"
        "tests/data/standards-bad/bad.csv:8:9: expected a date YYYY-MM-DD, got '2020-02-30'\n"
        "tests/data/standards-bad/bad.csv:9:1: group 'g1' was defined as ages 7-10, any; this row says 8-10, any\n"
        "tests/data/standards-bad/bad.csv:9:5: a share of energy needs protein, carbohydrate, sugars or a fat, not 'iron_mg'\n"
        "tests/data/standards-bad/noheader.csv:8: meal_share: expected 'MEAL MIN-MAX [unverified]' with percentages 0-100 (e.g. 'breakfast 20-25'), got 'breakfast 25-20'\n"
        "tests/data/standards-bad/noheader.csv:9: the header lacks the column 'kind'\n");
    mc_err_release(&err);
}

Test(standard, unknown_id_lists_the_available_ones)
{
    struct mc_standard_set *set = load_ok("tests/data/standards-basic");
    struct mc_err err = {0};
    const struct mc_standard *s = NULL;
    cr_expect_eq(mc_standard_get(set, "t_weekly", &s, &err), MC_ERR_NOT_FOUND);
    cr_expect_null(s);
    cr_expect_str_eq(mc_err_text(&err), "unknown standard 't_weekly' (available: t_daily, t_each, t_meal)\n");
    mc_err_release(&err);
    mc_standard_set_free(set);
}

Test(standard, missing_directory)
{
    struct mc_err err = {0};
    struct mc_standard_set *set = NULL;
    cr_expect_eq(mc_standard_set_load("tests/data/no-such-dir", &set, &err), MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err), "tests/data/no-such-dir: cannot open the norm-set directory: "
                               "No such file or directory\n");
    mc_err_release(&err);
}

Test(standard, dates_and_rows_in_force)
{
    int d = 0;
    cr_expect(mc_date_parse("2027-07-01", &d));
    cr_expect_eq(d, 20270701);
    cr_expect(mc_date_parse("2024-02-29", &d), "leap year");
    cr_expect_not(mc_date_parse("2023-02-29", &d));
    cr_expect_not(mc_date_parse("2023-13-01", &d));
    cr_expect_not(mc_date_parse("2023-1-01", &d));
    cr_expect_not(mc_date_parse("2023-01-01x", &d));
    /* Four digits, '-', two digits, '-', two digits, and nothing else. */
    d = 0;
    cr_expect_not(mc_date_parse("2022- 9-01", &d), "a blank in the month");
    cr_expect_not(mc_date_parse("2022-09- 1", &d), "a blank in the day");
    cr_expect_not(mc_date_parse("2022-+9-01", &d), "a sign in the month");
    cr_expect_not(mc_date_parse(" 2022-09-01", &d), "a leading blank");
    cr_expect_not(mc_date_parse("02022-9-01", &d));
    cr_expect_not(mc_date_parse("2022/09/01", &d));
    cr_expect_eq(d, 0, "a refused date leaves *out as it was");
    cr_expect(mc_date_parse("2022-09-01", &d));
    cr_expect_eq(d, 20220901);
    char buf[16];
    cr_expect_str_eq(mc_date_format(buf, sizeof buf, 20270701), "2027-07-01");
    struct mc_norm_row r = {.effective_from = 20230701, .effective_to = 20270630};
    cr_expect_not(mc_norm_row_in_force(&r, 20230630));
    cr_expect(mc_norm_row_in_force(&r, 20230701));
    cr_expect(mc_norm_row_in_force(&r, 20270630), "effective_to is inclusive");
    cr_expect_not(mc_norm_row_in_force(&r, 20270701));
    struct mc_norm_row open = {0};
    cr_expect(mc_norm_row_in_force(&open, 19000101));
}

static void spec(const char *text, struct mc_group_spec *g)
{
    cr_assert_eq(mc_group_spec_parse(text, g, NULL), MC_OK);
}

Test(standard, group_specs)
{
    struct mc_group_spec g;
    spec("7-10", &g);
    cr_expect(g.is_ages);
    cr_expect_eq(g.age_min, 7);
    cr_expect_eq(g.age_max, 10);
    cr_expect(g.want_male && g.want_female);
    mc_group_spec_release(&g);
    spec("9-13:female", &g);
    cr_expect(g.is_ages && !g.want_male && g.want_female);
    mc_group_spec_release(&g);
    spec("12+", &g);
    cr_expect_eq(g.age_min, 12);
    cr_expect_eq(g.age_max, 18, "12+ is school age: up to 18");
    mc_group_spec_release(&g);
    spec("14 boys and 12 girls aged 9-13", &g);
    cr_expect(g.is_ages);
    cr_expect_eq(g.boys, 14);
    cr_expect_eq(g.girls, 12);
    cr_expect_eq(g.age_min, 9);
    cr_expect_eq(g.age_max, 13);
    mc_group_spec_release(&g);
    spec("20 girls aged 11", &g);
    cr_expect(g.is_ages && !g.want_male && g.want_female);
    cr_expect_eq(g.age_max, 11);
    mc_group_spec_release(&g);
    spec("ru_7_11", &g);
    cr_expect_not(g.is_ages);
    cr_expect_str_eq(g.text, "ru_7_11");
    mc_group_spec_release(&g);
    spec("14 boys aged", &g);
    cr_expect_not(g.is_ages, "an incomplete roster is taken as a group id");
    mc_group_spec_release(&g);
}

Test(standard, selecting_subgroups)
{
    struct mc_standard_set *set = load_ok("tests/data/standards-basic");
    const struct mc_standard *s = mc_standard_find(set, "t_daily");
    struct mc_group_spec g;
    size_t idx[8], n;
    struct mc_err err = {0};

    spec("11-14", &g);
    cr_expect_eq(mc_standard_select_groups(s, &g, idx, &n, &err), MC_OK);
    cr_expect_eq(n, 2);
    cr_expect_eq(idx[0], 1);
    cr_expect_eq(idx[1], 2);
    mc_group_spec_release(&g);

    spec("11-14:male", &g);
    mc_standard_select_groups(s, &g, idx, &n, &err);
    cr_expect_eq(n, 1);
    cr_expect_eq(idx[0], 1);
    mc_group_spec_release(&g);

    spec("KIDS_7_10", &g);
    mc_standard_select_groups(s, &g, idx, &n, &err);
    cr_expect_eq(n, 1);
    cr_expect_eq(idx[0], 0);
    mc_group_spec_release(&g);

    spec("9-12", &g);
    mc_standard_select_groups(s, &g, idx, &n, &err);
    cr_expect_eq(n, 3, "ages 9-10 and 11-12, both sexes");
    mc_group_spec_release(&g);

    spec("5-7", &g);
    cr_expect_eq(mc_standard_select_groups(s, &g, idx, &n, &err), MC_ERR_NOT_FOUND);
    cr_expect_eq(n, 0);
    mc_group_spec_release(&g);
    spec("teens", &g);
    cr_expect_eq(mc_standard_select_groups(s, &g, idx, &n, &err), MC_ERR_NOT_FOUND);
    mc_group_spec_release(&g);
    cr_expect_str_eq(mc_err_text(&err),
        "no norms for children aged 5 in group '5-7' for standard 't_daily' (groups: "
        "kids_7_10 (7-10, any), boys_11_14 (11-14, male), girls_11_14 (11-14, female); "
        "or give ages such as '7-11', '9-13:female', '14 boys and 12 girls aged 9-13')\n"
        "unknown group 'teens' for standard 't_daily' (groups: kids_7_10 (7-10, any), "
        "boys_11_14 (11-14, male), girls_11_14 (11-14, female); or give ages such as "
        "'7-11', '9-13:female', '14 boys and 12 girls aged 9-13')\n");
    mc_err_release(&err);
    mc_standard_set_free(set);
}

Test(standard, energy_factors)
{
    cr_expect_float_eq(mc_energy_factor(MC_N_PROTEIN_G), 4.0, 0);
    cr_expect_float_eq(mc_energy_factor(MC_N_CARB_G), 4.0, 0);
    cr_expect_float_eq(mc_energy_factor(MC_N_SATFAT_G), 9.0, 0);
    cr_expect_float_eq(mc_energy_factor(MC_N_FAT_G), 9.0, 0);
    cr_expect_float_eq(mc_energy_factor(MC_N_IRON_MG), 0.0, 0);
}

/* The shipped norm sets load and carry the rows the issue asks for. */
Test(standard, shipped_norm_sets)
{
    struct mc_standard_set *set = load_ok("standards");
    const char *ids[] = {"ru_mr_2_3_1_0253_21", "ru_sanpin_3590_20", "uk_scotland_2020",
                         "us_dri", "usda_school_meals"};
    cr_assert_eq(set->n, 5);
    for (size_t i = 0; i < 5; i++)
        cr_expect_str_eq(set->items[i].id, ids[i]);
    const struct mc_standard *u = mc_standard_find(set, "usda_school_meals");
    /* Lunch sodium for K-5 on 1 July 2027: the 2024 rule's 935 mg. */
    int found = 0;
    for (size_t i = 0; i < u->n_rows; i++) {
        const struct mc_norm_row *r = &u->rows[i];
        if (r->nutrient == MC_N_SODIUM_MG && !strcmp(r->meal, "lunch") &&
            !strcmp(u->groups[r->group].id, "grades_k_5") &&
            mc_norm_row_in_force(r, 20270701)) {
            cr_expect_float_eq(r->value, 935, 0);
            found++;
        }
    }
    cr_expect_eq(found, 1);
    const struct mc_standard *ru = mc_standard_find(set, "ru_sanpin_3590_20");
    cr_expect_str_eq(ru->shares[0].meal, "breakfast");
    cr_expect_eq(ru->shares[0].verified, 1);
    cr_expect_eq(ru->shares[1].verified, 0, "the lunch share is unverified");
    mc_standard_set_free(set);
}

/* The template a nutrition centre copies loads as it is. */
Test(standard, template_loads)
{
    char dir[] = "/tmp/mc-template-XXXXXX", cmd[256];
    cr_assert(mkdtemp(dir));
    snprintf(cmd, sizeof cmd, "cp standards/TEMPLATE.csv.example %s/kz.csv", dir);
    cr_assert_eq(system(cmd), 0);
    struct mc_standard_set *set = load_ok(dir);
    cr_expect_str_eq(set->items[0].id, "kz_dsm_302_2020");
    cr_expect_eq(set->items[0].effective_from, 20250901);
    cr_expect_eq(set->items[0].n_groups, 3);
    mc_standard_set_free(set);
    snprintf(cmd, sizeof cmd, "rm -r %s", dir);
    cr_expect_eq(system(cmd), 0);
}

/* A meal name may have spaces: "second breakfast" is one of the meals a menu
 * knows, so a norm set must be able to give it a share.  The share line is
 * read from the right: [unverified], then MIN-MAX, and the rest (spaces
 * around it dropped, lowercased) is the meal. */
Test(standard, meal_share_of_a_meal_with_spaces)
{
    struct mc_standard_set *set = load_ok("tests/data/standards-meals");
    const struct mc_standard *s = mc_standard_find(set, "t_second");
    cr_assert(s);
    cr_assert_eq(s->n_shares, 3);
    cr_expect_str_eq(s->shares[0].meal, "breakfast");
    cr_expect_eq(s->shares[0].verified, 1);
    cr_expect_str_eq(s->shares[1].meal, "second breakfast");
    cr_expect_float_eq(s->shares[1].min_pct, 5, 1e-12);
    cr_expect_float_eq(s->shares[1].max_pct, 10, 1e-12);
    cr_expect_eq(s->shares[1].verified, 0);
    cr_expect_str_eq(s->shares[2].meal, "afternoon tea");
    cr_expect_float_eq(s->shares[2].min_pct, 10, 1e-12);
    cr_expect_float_eq(s->shares[2].max_pct, 15, 1e-12);
    cr_expect_eq(s->shares[2].verified, 1);
    cr_expect(mc_standard_share(s, "Second Breakfast") == &s->shares[1]);
    mc_standard_set_free(set);
}

/* Load text as the only norm file of a scratch directory, whose path goes
 * to path (for the expected messages).  The directory is removed. */
static mc_code load_text(const char *text, char *path, size_t size,
                         struct mc_err *err)
{
    char dir[] = "/tmp/mc-norm-XXXXXX";
    cr_assert(mkdtemp(dir));
    snprintf(path, size, "%s/n.csv", dir);
    FILE *f = fopen(path, "w");
    cr_assert(f);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
    struct mc_standard_set *set = (void *)1;
    mc_code rc = mc_standard_set_load(dir, &set, err);
    if (rc)
        cr_expect_null(set);
    mc_standard_set_free(set);
    remove(path);
    remove(dir);
    return rc;
}

/* An empty norm file: every missing piece is named, and the reader is
 * never handed a null buffer (undefined behaviour, found by fuzzing). */
Test(standard, empty_file)
{
    char path[64], want[1024];
    struct mc_err err = {0};
    cr_expect_eq(load_text("", path, sizeof path, &err), MC_ERR_INPUT);
    snprintf(want, sizeof want,
             "%1$s: missing metadata line '#id: ...'\n"
             "%1$s: missing metadata line '#title: ...'\n"
             "%1$s: missing metadata line '#issuer: ...'\n"
             "%1$s: missing metadata line '#legal_ref: ...'\n"
             "%1$s: missing metadata line '#source_url: ...'\n"
             "%1$s: missing metadata line '#per: day' or '#per: meal'\n"
             "%1$s: missing metadata line '#judge: week_average' or "
             "'#judge: each_day'\n"
             "%1$s: expected a header row after the metadata\n", path);
    cr_expect_str_eq(mc_err_text(&err), want);
    mc_err_release(&err);
}

/* sscanf reads "nan" as a number; a NaN share passed every range test. */
Test(standard, meal_share_nan_is_an_error)
{
    char path[64], want[512];
    struct mc_err err = {0};
    cr_expect_eq(load_text("#id: t\n#title: t\n#issuer: t\n#legal_ref: t\n"
                           "#source_url: t\n#per: day\n#judge: each_day\n"
                           "#meal_share: lunch nan-nan\n"
                           "#meal_share: snack 10-nan\n"
                           "group,age_min,age_max,sex,nutrient,kind,value,verified\n"
                           "g,7,10,any,energy_kcal,min,100,yes\n",
                           path, sizeof path, &err),
                 MC_ERR_INPUT);
    snprintf(want, sizeof want,
             "%1$s:8: meal_share: expected 'MEAL MIN-MAX [unverified]' with "
             "percentages 0-100 (e.g. 'breakfast 20-25'), got 'lunch nan-nan'\n"
             "%1$s:9: meal_share: expected 'MEAL MIN-MAX [unverified]' with "
             "percentages 0-100 (e.g. 'breakfast 20-25'), got 'snack 10-nan'\n",
             path);
    cr_expect_str_eq(mc_err_text(&err), want);
    mc_err_release(&err);
}

/* Roster counts are bounded: LONG_MAX boys and LONG_MAX girls once reached
 * the check, whose boys + girls overflowed (undefined behaviour).  Such a
 * text is no roster, so it is taken as a group id and reported unknown. */
Test(standard, roster_counts_are_bounded)
{
    struct mc_group_spec g;
    spec("10000000 boys and 10000000 girls aged 7-11", &g);
    cr_expect(g.is_ages);
    cr_expect_eq(g.boys, 10000000);
    cr_expect_eq(g.girls, 10000000);
    mc_group_spec_release(&g);
    const char *const huge[] = {
        "10000001 boys aged 7-11",
        "9223372036854775807 boys and 9223372036854775807 girls aged 7-11",
        "99999999999999999999999 girls aged 9",
    };
    for (size_t i = 0; i < sizeof huge / sizeof *huge; i++) {
        spec(huge[i], &g);
        cr_expect_not(g.is_ages, "%s", huge[i]);
        cr_expect_eq(g.boys + g.girls, 0, "%s", huge[i]);
        cr_expect_str_eq(g.text, huge[i]);
        mc_group_spec_release(&g);
    }
}

/* SanPiN 3590-20 ended on 2026-08-31 and names the act that replaced it. */
Test(standard, superseded_after_its_end_date)
{
    struct mc_standard_set *set = load_ok("standards");
    const struct mc_standard *s = mc_standard_find(set, "ru_sanpin_3590_20");
    cr_assert(s);
    cr_expect_eq(s->effective_to, 20260831);
    cr_expect(!strncmp(s->superseded_by, "SanPiN 2.3/2.4.4282-26 (", 24), "%s",
              s->superseded_by);
    cr_expect_eq(mc_standard_superseded(s, 20260831), 0);
    cr_expect_eq(mc_standard_superseded(s, 20260901), 1);
    const struct mc_standard *us = mc_standard_find(set, "us_dri");
    cr_expect_str_eq(us->superseded_by, "");
    cr_expect_eq(mc_standard_superseded(us, 20990101), 0);
    mc_standard_set_free(set);

    struct mc_err err = {0};
    cr_expect_eq(mc_standard_set_load("tests/data/standards-superseded", &set, &err),
                 MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err), "tests/data/standards-superseded/open_end.csv: "
                               "superseded_by needs the date the set ended: "
                               "'#effective_to: YYYY-MM-DD'\n");
    mc_err_release(&err);
}
