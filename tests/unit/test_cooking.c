/* test_cooking.c - cooking-loss profiles: loading, errors, application. */
#include <criterion/criterion.h>
#include <string.h>

#include "mealcheck/cooking.h"

Test(cooking, shipped_cis_profile_has_the_documented_factors)
{
    struct mc_err err = {0};
    struct mc_cooking_set *set;
    cr_assert_eq(mc_cooking_set_load("food_composition/cooking", &set, &err), MC_OK,
                 "%s", mc_err_text(&err));
    cr_expect_str_eq(set->profiles[0].name, "none");
    const struct mc_cooking_profile *p = mc_cooking_find(set, "CIS-Heat-Treatment");
    cr_assert(p);
    cr_expect_str_eq(p->path, "food_composition/cooking/cis-heat-treatment.csv");
    cr_expect_float_eq(p->factor[MC_N_PROTEIN_G], 0.94, 1e-12);
    cr_expect_float_eq(p->factor[MC_N_FAT_G], 0.88, 1e-12);
    cr_expect_float_eq(p->factor[MC_N_CARB_G], 0.91, 1e-12);
    cr_expect_float_eq(p->factor[MC_N_VIT_C_MG], 0.40, 1e-12);
    cr_expect_float_eq(p->factor[MC_N_SODIUM_MG], 0.76, 1e-12);
    cr_expect_float_eq(p->factor[MC_N_VIT_D_UG], 1.0, 0, "not listed: kept");
    cr_expect(p->recompute_energy);
    cr_expect_null(mc_cooking_find(set, "fried"));
    mc_cooking_set_free(set);
}

Test(cooking, missing_dir_gives_just_none)
{
    struct mc_err err = {0};
    struct mc_cooking_set *set;
    cr_assert_eq(mc_cooking_set_load("tests/data/no-such-dir", &set, &err), MC_OK);
    cr_expect_eq(set->n, 1);
    cr_expect_str_eq(set->profiles[0].name, "none");
    cr_expect_eq(set->profiles[0].factor[MC_N_VIT_C_MG], 1.0);
    mc_cooking_set_free(set);
}

Test(cooking, every_bad_row_is_reported)
{
    struct mc_err err = {0};
    struct mc_cooking_set *set = (void *)1;
    cr_assert_eq(mc_cooking_set_load("tests/data/cooking-bad", &set, &err), MC_ERR_INPUT);
    cr_expect_null(set);
    cr_expect_str_eq(mc_err_text(&err),
        "tests/data/cooking-bad/bad.csv:3:1: unknown nutrient 'vitamin_q'\n"
        "tests/data/cooking-bad/bad.csv:4:2: expected a retention factor between 0 and 1, got '1.5'\n"
        "tests/data/cooking-bad/bad.csv:5:2: expected a retention factor between 0 and 1, got ''\n"
        "tests/data/cooking-bad/bad.csv:7:1: nutrient 'protein_g' already given at line 2\n");
    mc_err_release(&err);
}

/* 100 g with protein 10 g, fat 5 g, carbohydrate 20 g, vitamin C 8 mg and a
 * table energy of 200 kcal, under tests/data/cooking-test/half.csv
 * (protein 0.5, vitamin C 0.25, energy recomputed):
 *   protein 10 * 0.5 = 5; fat and carbohydrate unchanged; vitamin C 2;
 *   energy 4 * 5 + 9 * 5 + 4 * 20 = 145 kcal (not 200). */
Test(cooking, apply_retains_and_recomputes_energy)
{
    struct mc_err err = {0};
    struct mc_cooking_set *set;
    cr_assert_eq(mc_cooking_set_load("tests/data/cooking-test", &set, &err), MC_OK);
    const struct mc_cooking_profile *p = mc_cooking_find(set, "half");
    cr_assert(p);
    struct mc_nvec v;
    mc_nvec_zero(&v);
    v.mass_g = 100;
    int known[] = {MC_N_ENERGY_KCAL, MC_N_PROTEIN_G, MC_N_FAT_G, MC_N_CARB_G, MC_N_VIT_C_MG};
    for (size_t i = 0; i < 5; i++)
        v.known_g[known[i]] = 100;
    v.value[MC_N_ENERGY_KCAL] = 200;
    v.value[MC_N_PROTEIN_G] = 10;
    v.value[MC_N_FAT_G] = 5;
    v.value[MC_N_CARB_G] = 20;
    v.value[MC_N_VIT_C_MG] = 8;
    mc_cooking_apply(p, &v);
    cr_expect_float_eq(v.value[MC_N_PROTEIN_G], 5.0, 1e-12);
    cr_expect_float_eq(v.value[MC_N_FAT_G], 5.0, 1e-12);
    cr_expect_float_eq(v.value[MC_N_VIT_C_MG], 2.0, 1e-12);
    cr_expect_float_eq(v.value[MC_N_ENERGY_KCAL], 145.0, 1e-12);
    cr_expect_float_eq(mc_nvec_coverage(&v, MC_N_ENERGY_KCAL), 1.0, 1e-12);

    /* Fat unknown for half the mass: recomputed energy is known only over
     * the mass where protein, fat and carbohydrate all are. */
    v.known_g[MC_N_FAT_G] = 50;
    mc_cooking_apply(p, &v);
    cr_expect_float_eq(mc_nvec_coverage(&v, MC_N_ENERGY_KCAL), 0.5, 1e-12);
    mc_cooking_set_free(set);
}

Test(cooking, none_changes_nothing)
{
    struct mc_err err = {0};
    struct mc_cooking_set *set;
    cr_assert_eq(mc_cooking_set_load("tests/data/cooking-test", &set, &err), MC_OK);
    struct mc_nvec v;
    mc_nvec_zero(&v);
    v.mass_g = v.known_g[MC_N_ENERGY_KCAL] = 100;
    v.value[MC_N_ENERGY_KCAL] = 123.4;
    mc_cooking_apply(mc_cooking_find(set, "none"), &v);
    cr_expect_eq(v.value[MC_N_ENERGY_KCAL], 123.4);
    mc_cooking_set_free(set);
}
