/*
 * cooking.h - cooking-loss profiles: nutrient retention as data.
 *
 * A profile says what share of each nutrient survives a cooking method
 * (protein 0.94 under heat treatment, vitamin C 0.40, ...).  Profiles are
 * CSV files (food_composition/cooking/<name>.csv, documented in
 * docs/formats.md); the profile "none" (every factor 1) always exists and
 * is the default.  A profile may also say that energy is recomputed from
 * the retained protein, fat and carbohydrate with 4/9/4 kcal per gram, as
 * CIS technological-card practice does.
 */
#ifndef MEALCHECK_COOKING_H
#define MEALCHECK_COOKING_H

#include "mealcheck/error.h"
#include "mealcheck/nutrient.h"

/** One cooking-loss profile. */
struct mc_cooking_profile {
    char *name;                 /**< file stem, e.g. "cis-heat-treatment" */
    char *path;                 /**< file it came from; "" for "none" */
    double factor[MC_N_COUNT];  /**< retention, 0..1 (1 = no loss) */
    int recompute_energy;       /**< energy = 4 protein + 9 fat + 4 carb after retention */
};

/** All profiles known to a run. */
struct mc_cooking_set {
    struct mc_cooking_profile *profiles; /**< profiles[0] is "none" */
    size_t n;
};

/**
 * Load every *.csv in dir as a profile named after the file, plus "none".
 * A missing dir yields just "none".  Errors name file, line and column.
 */
mc_code mc_cooking_set_load(const char *dir, struct mc_cooking_set **out,
                            struct mc_err *err);

/** Free a set.  Accepts NULL. */
void mc_cooking_set_free(struct mc_cooking_set *set);

/** The profile with this name (case-insensitive), or NULL. */
const struct mc_cooking_profile *
mc_cooking_find(const struct mc_cooking_set *set, const char *name);

/**
 * Apply profile p to a nutrient vector in place: every value is multiplied
 * by its factor; if p recomputes energy, energy becomes 4 P + 9 F + 4 C of
 * the retained values, known over the mass known for all three.
 */
void mc_cooking_apply(const struct mc_cooking_profile *p, struct mc_nvec *v);

#endif
