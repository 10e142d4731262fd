/*
 * nutrient.c - the canonical nutrient table and nutrient-vector arithmetic.
 *
 * The SR28 numbers come from NUTR_DEF.txt: vitamin A is RAE (320), folate
 * is DFE (435) and vitamin E is alpha-tocopherol (323), the bases the US
 * DRIs and most school norms use.
 */
#include "mealcheck/nutrient.h"
#include "mealcheck/i18n.h"

#include <string.h>
#include <strings.h>

static const struct mc_nutrient_info table[MC_N_COUNT] = {
    [MC_N_ENERGY_KCAL] = {"energy_kcal", N_("Energy"), "kcal", 208, 0},
    [MC_N_PROTEIN_G] = {"protein_g", N_("Protein"), "g", 203, 1},
    [MC_N_FAT_G] = {"fat_g", N_("Total fat"), "g", 204, 1},
    [MC_N_SATFAT_G] = {"satfat_g", N_("Saturated fat"), "g", 606, 1},
    [MC_N_MUFA_G] = {"mufa_g", N_("Monounsaturated fat"), "g", 645, 1},
    [MC_N_PUFA_G] = {"pufa_g", N_("Polyunsaturated fat"), "g", 646, 1},
    [MC_N_TRANS_FAT_G] = {"trans_fat_g", N_("Trans fat"), "g", 605, 2},
    [MC_N_CHOLESTEROL_MG] = {"cholesterol_mg", N_("Cholesterol"), "mg", 601, 0},
    [MC_N_CARB_G] = {"carb_g", N_("Carbohydrate"), "g", 205, 1},
    [MC_N_SUGARS_G] = {"sugars_g", N_("Total sugars"), "g", 269, 1},
    [MC_N_FIBER_G] = {"fiber_g", N_("Dietary fibre"), "g", 291, 1},
    [MC_N_WATER_G] = {"water_g", N_("Water"), "g", 255, 0},
    [MC_N_SODIUM_MG] = {"sodium_mg", N_("Sodium"), "mg", 307, 0},
    [MC_N_POTASSIUM_MG] = {"potassium_mg", N_("Potassium"), "mg", 306, 0},
    [MC_N_CALCIUM_MG] = {"calcium_mg", N_("Calcium"), "mg", 301, 0},
    [MC_N_PHOSPHORUS_MG] = {"phosphorus_mg", N_("Phosphorus"), "mg", 305, 0},
    [MC_N_MAGNESIUM_MG] = {"magnesium_mg", N_("Magnesium"), "mg", 304, 0},
    [MC_N_IRON_MG] = {"iron_mg", N_("Iron"), "mg", 303, 1},
    [MC_N_ZINC_MG] = {"zinc_mg", N_("Zinc"), "mg", 309, 1},
    [MC_N_COPPER_MG] = {"copper_mg", N_("Copper"), "mg", 312, 2},
    [MC_N_SELENIUM_UG] = {"selenium_ug", N_("Selenium"), "ug", 317, 1},
    [MC_N_MANGANESE_MG] = {"manganese_mg", N_("Manganese"), "mg", 315, 2},
    [MC_N_IODINE_UG] = {"iodine_ug", N_("Iodine"), "ug", 0, 0},
    [MC_N_VIT_A_UG_RAE] = {"vit_a_ug_rae", N_("Vitamin A (RAE)"), "ug", 320, 0},
    [MC_N_RETINOL_UG] = {"retinol_ug", N_("Retinol"), "ug", 319, 0},
    [MC_N_BETA_CAROTENE_UG] = {"beta_carotene_ug", N_("Beta-carotene"), "ug", 321, 0},
    [MC_N_VIT_C_MG] = {"vit_c_mg", N_("Vitamin C"), "mg", 401, 1},
    [MC_N_VIT_D_UG] = {"vit_d_ug", N_("Vitamin D"), "ug", 328, 1},
    [MC_N_VIT_E_MG] = {"vit_e_mg", N_("Vitamin E (alpha-tocopherol)"), "mg", 323, 1},
    [MC_N_VIT_K_UG] = {"vit_k_ug", N_("Vitamin K"), "ug", 430, 1},
    [MC_N_THIAMIN_MG] = {"thiamin_mg", N_("Thiamin (B1)"), "mg", 404, 2},
    [MC_N_RIBOFLAVIN_MG] = {"riboflavin_mg", N_("Riboflavin (B2)"), "mg", 405, 2},
    [MC_N_NIACIN_MG] = {"niacin_mg", N_("Niacin"), "mg", 406, 1},
    [MC_N_VIT_B6_MG] = {"vit_b6_mg", N_("Vitamin B6"), "mg", 415, 2},
    [MC_N_FOLATE_UG_DFE] = {"folate_ug_dfe", N_("Folate (DFE)"), "ug", 435, 0},
    [MC_N_VIT_B12_UG] = {"vit_b12_ug", N_("Vitamin B12"), "ug", 418, 2},
};

const struct mc_nutrient_info *mc_nutrient_info(enum mc_nutrient n)
{
    return &table[n];
}

const char *mc_nutrient_name(enum mc_nutrient n)
{
    return _(table[n].name);
}

const char *mc_nutrient_unit(enum mc_nutrient n)
{
    /* TRANSLATORS: g, mg, ug and kcal are units of nutrient amounts
     * (ug: microgram). */
    static const char *const units[] = {N_("g"), N_("mg"), N_("ug"), N_("kcal")};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (strcmp(units[i], table[n].unit) == 0)
            return _(units[i]);
    return table[n].unit;
}

int mc_nutrient_by_key(const char *key)
{
    for (int n = 0; n < MC_N_COUNT; n++)
        if (strcasecmp(table[n].key, key) == 0)
            return n;
    return -1;
}

int mc_nutrient_by_sr(int nr)
{
    for (int n = 0; n < MC_N_COUNT; n++)
        if (table[n].sr_nutr_no == nr && nr != 0)
            return n;
    return -1;
}

void mc_nvec_zero(struct mc_nvec *v)
{
    for (int n = 0; n < MC_N_COUNT; n++) {
        v->value[n] = 0.0;
        v->known_g[n] = 0.0;
    }
    v->mass_g = 0.0;
}

void mc_nvec_add_scaled(struct mc_nvec *dst, const struct mc_nvec *src, double k)
{
    for (int n = 0; n < MC_N_COUNT; n++) {
        dst->value[n] += src->value[n] * k;
        dst->known_g[n] += src->known_g[n] * k;
    }
    dst->mass_g += src->mass_g * k;
}

void mc_nvec_scale(struct mc_nvec *v, double k)
{
    for (int n = 0; n < MC_N_COUNT; n++) {
        v->value[n] *= k;
        v->known_g[n] *= k;
    }
    v->mass_g *= k;
}

/* The external definitions of the header's inline functions. */
extern inline double mc_nvec_coverage(const struct mc_nvec *v, enum mc_nutrient n);
extern inline int mc_nvec_unknown(const struct mc_nvec *v, enum mc_nutrient n);
