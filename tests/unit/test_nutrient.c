/* test_nutrient.c - nutrient keys and coverage-carrying vector arithmetic. */
#include <criterion/criterion.h>

#include "mealcheck/nutrient.h"

Test(nutrient, keys_map_to_sr28_numbers)
{
    cr_expect_eq(mc_nutrient_by_key("energy_kcal"), MC_N_ENERGY_KCAL);
    cr_expect_eq(mc_nutrient_by_key("VIT_C_MG"), MC_N_VIT_C_MG);
    cr_expect_eq(mc_nutrient_by_key("vitamin_c"), -1);
    cr_expect_eq(mc_nutrient_by_sr(320), MC_N_VIT_A_UG_RAE);
    cr_expect_eq(mc_nutrient_info(MC_N_FOLATE_UG_DFE)->sr_nutr_no, 435);
    cr_expect_eq(mc_nutrient_by_sr(0), -1, "iodine has no SR number");
}

/* 150 g of a food with 10 mg/100 g vitamin C (known) plus 50 g of a food
 * whose vitamin C is unknown: value 15 mg, coverage 150/200 = 0.75. */
Test(nutrient, unknown_is_not_zero)
{
    struct mc_nvec a, b, sum;
    mc_nvec_zero(&a);
    mc_nvec_zero(&b);
    mc_nvec_zero(&sum);
    a.mass_g = b.mass_g = 100;
    a.value[MC_N_VIT_C_MG] = 10;
    a.known_g[MC_N_VIT_C_MG] = 100;
    mc_nvec_add_scaled(&sum, &a, 1.5);
    mc_nvec_add_scaled(&sum, &b, 0.5);
    cr_expect_float_eq(sum.value[MC_N_VIT_C_MG], 15.0, 1e-12);
    cr_expect_float_eq(mc_nvec_coverage(&sum, MC_N_VIT_C_MG), 0.75, 1e-12);
    cr_expect(!mc_nvec_unknown(&sum, MC_N_VIT_C_MG));
    cr_expect(mc_nvec_unknown(&sum, MC_N_PROTEIN_G));
    mc_nvec_scale(&sum, 2);
    cr_expect_float_eq(mc_nvec_coverage(&sum, MC_N_VIT_C_MG), 0.75, 1e-12);
}

Test(nutrient, empty_vector_has_full_coverage)
{
    struct mc_nvec v;
    mc_nvec_zero(&v);
    cr_expect_float_eq(mc_nvec_coverage(&v, MC_N_IRON_MG), 1.0, 0);
    cr_expect(!mc_nvec_unknown(&v, MC_N_IRON_MG));
}
