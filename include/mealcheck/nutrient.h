/*
 * nutrient.h - the canonical nutrient keys and the nutrient vector.
 *
 * Every computation in mealcheck works on a fixed set of nutrients, named by
 * stable keys (energy_kcal, protein_g, ...) that also appear in CSV headers,
 * norm files and JSON output.  Each key maps to one USDA SR28 nutrient
 * number (or none, for nutrients SR28 does not carry, such as iodine).
 *
 * A struct mc_nvec carries, for every nutrient, the amount computed from
 * known data *and* how much of the food mass behind it had a known value.
 * That is how "unknown is not zero" survives sums and scaling: a food whose
 * table lacks vitamin D contributes its grams to mass_g but not to
 * known_g[MC_N_VIT_D_UG], so the sum reports e.g. 62 % coverage instead of
 * silently pretending the missing value was zero.
 */
#ifndef MEALCHECK_NUTRIENT_H
#define MEALCHECK_NUTRIENT_H

#include <stddef.h>

/** Canonical nutrients, in display order. */
enum mc_nutrient {
    MC_N_ENERGY_KCAL,
    MC_N_PROTEIN_G,
    MC_N_FAT_G,
    MC_N_SATFAT_G,
    MC_N_MUFA_G,
    MC_N_PUFA_G,
    MC_N_TRANS_FAT_G,
    MC_N_CHOLESTEROL_MG,
    MC_N_CARB_G,
    MC_N_SUGARS_G,
    MC_N_FIBER_G,
    MC_N_WATER_G,
    MC_N_SODIUM_MG,
    MC_N_POTASSIUM_MG,
    MC_N_CALCIUM_MG,
    MC_N_PHOSPHORUS_MG,
    MC_N_MAGNESIUM_MG,
    MC_N_IRON_MG,
    MC_N_ZINC_MG,
    MC_N_COPPER_MG,
    MC_N_SELENIUM_UG,
    MC_N_MANGANESE_MG,
    MC_N_IODINE_UG,
    MC_N_VIT_A_UG_RAE,
    MC_N_RETINOL_UG,
    MC_N_BETA_CAROTENE_UG,
    MC_N_VIT_C_MG,
    MC_N_VIT_D_UG,
    MC_N_VIT_E_MG,
    MC_N_VIT_K_UG,
    MC_N_THIAMIN_MG,
    MC_N_RIBOFLAVIN_MG,
    MC_N_NIACIN_MG,
    MC_N_VIT_B6_MG,
    MC_N_FOLATE_UG_DFE,
    MC_N_VIT_B12_UG,
    MC_N_COUNT
};

/** Static facts about one canonical nutrient. */
struct mc_nutrient_info {
    const char *key;  /**< stable key, e.g. "vit_c_mg" */
    const char *name; /**< English display name, e.g. "Vitamin C"; for
                           people, mc_nutrient_name() */
    const char *unit; /**< "g", "mg", "ug" or "kcal" (ASCII; display may use µg) */
    int sr_nutr_no;   /**< USDA SR28 Nutr_No, 0 when SR28 has none */
    int decimals;     /**< decimals to show when rounding for display */
};

/** The facts for nutrient n (0 <= n < MC_N_COUNT). */
const struct mc_nutrient_info *mc_nutrient_info(enum mc_nutrient n);

/** The display name of n in the language in force (mealcheck/i18n.h):
 * "Protein", "Белки", "Ақуыз".  Text output and reports use this. */
const char *mc_nutrient_name(enum mc_nutrient n);

/** The unit of n for display in the language in force ("g", "г"); the
 * unit in mc_nutrient_info() is the ASCII key unit. */
const char *mc_nutrient_unit(enum mc_nutrient n);

/** The nutrient with this key (exact, case-insensitive), or -1. */
int mc_nutrient_by_key(const char *key);

/** The nutrient mapped to SR28 nutrient number nr, or -1. */
int mc_nutrient_by_sr(int nr);

/**
 * A nutrient vector: amounts plus their coverage.
 *
 * value[n]   amount of nutrient n from the known data, in the key's unit;
 * known_g[n] grams of food mass whose value for n was known;
 * mass_g     grams of food mass behind the vector.
 *
 * Coverage of n is known_g[n] / mass_g (1.0 = every gram known).  All three
 * scale together, so scaling and adding keep coverage exact.
 */
struct mc_nvec {
    double value[MC_N_COUNT];
    double known_g[MC_N_COUNT];
    double mass_g;
};

/** Set every field to zero (an empty vector: nothing eaten, nothing known). */
void mc_nvec_zero(struct mc_nvec *v);

/** dst += src * k, field by field (k = 1 adds). */
void mc_nvec_add_scaled(struct mc_nvec *dst, const struct mc_nvec *src, double k);

/** v *= k, field by field. */
void mc_nvec_scale(struct mc_nvec *v, double k);

/**
 * Share of v's mass whose value for n is known, in [0, 1].  An empty vector
 * (mass_g == 0) has coverage 1: nothing was served, so nothing is unknown.
 * (Inline: a check asks it for every nutrient of every day; nutrient.c
 * holds the external definition.)
 */
inline double mc_nvec_coverage(const struct mc_nvec *v, enum mc_nutrient n)
{
    if (v->mass_g <= 0.0)
        return 1.0;
    double c = v->known_g[n] / v->mass_g;
    /* Rounding in long sums can push a full coverage a hair past 1. */
    return c > 1.0 ? 1.0 : (c < 0.0 ? 0.0 : c);
}

/** True when no gram behind v has a known value for n (the value is unknown). */
inline int mc_nvec_unknown(const struct mc_nvec *v, enum mc_nutrient n)
{
    return v->mass_g > 0.0 && v->known_g[n] <= 0.0;
}

#endif
