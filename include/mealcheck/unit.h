/*
 * unit.h - quantities and units as caterers write them, turned into grams.
 *
 * A recipe line may give a quantity in a unit instead of grams: "1/2" "кг",
 * "2" "ст. л.", "1 1/2" "cup", "200" "мл".  This module reads such
 * quantities and knows the units: mass units convert by a fixed factor,
 * volume units through the food's density, taken from its household
 * measures in SR28 (a cup of milk weighs 244 g, so 200 ml weigh
 * 200 x 244 / 236.5882365 g), and a count (шт, дана) is the food's
 * "piece" measure.  Every factor is in docs/formats.md.  Pure computation:
 * no I/O, no allocation.
 */
#ifndef MEALCHECK_UNIT_H
#define MEALCHECK_UNIT_H

#include <stddef.h>

#include "mealcheck/food_db.h"

/** What a unit measures. */
enum mc_unit_kind {
    MC_UNIT_MASS,   /**< grams by a fixed factor: g, кг, lb */
    MC_UNIT_VOLUME, /**< millilitres by a fixed factor, grams by density: мл, cup */
    MC_UNIT_COUNT   /**< pieces: the food's piece measure */
};

/** A unit of the table in unit.c. */
struct mc_unit {
    const char *name;       /**< canonical spelling: "g", "ст. л.", "cup" */
    enum mc_unit_kind kind;
    double factor;          /**< grams (mass) or millilitres (volume) per unit; 1 for a count */
    const char *sr28;       /**< the SR28 measure of the same size ("tbsp"), or NULL */
};

/**
 * The unit spelt text, in any case, with or without dots and spaces
 * ("ст. л.", "ст.л.", "СТ Л", "Tbsp", "гр"); NULL when it is not one.
 */
const struct mc_unit *mc_unit_find(const char *text);

/**
 * The accepted units as a message lists them: "g, kg, mg, ..., шт,
 * Kazakh ас қасық, ...".  Static text.
 */
const char *mc_unit_list(void);

/**
 * Parse a quantity as people write it: a decimal number (mc_parse_number:
 * "1,5", "1 000"), a fraction "1/2", a whole and a fraction "1 1/2", or a
 * vulgar fraction alone or after a whole ("½", "1½", "1 ½"; ¼ ½ ¾ ⅓ ⅔ ⅛).
 * Negative numbers, a zero denominator and trailing text are refused.
 * @return 1 with *out set, 0 otherwise
 */
int mc_unit_parse_qty(const char *text, double *out);

/** Why mc_unit_grams() found no weight. */
enum mc_unit_status {
    MC_UNIT_OK = 0,
    MC_UNIT_UNKNOWN,    /**< neither a unit nor a measure of the food */
    MC_UNIT_NO_MEASURE, /**< a volume or count unit, and the food has no measure to weigh it */
    MC_UNIT_AMBIGUOUS   /**< SR28 weighs the measure twice, more than 1 % apart */
};

/** Relative difference under which two SR28 weights of one measure are the
 * same weight rounded (oats: 1 cup = 81 g, 0.333 cup = 27 g). */
#define MC_UNIT_ROUNDING 0.01

/** How one unit of an ingredient was weighed. */
struct mc_unit_grams {
    double grams;                    /**< grams of one unit */
    const struct mc_unit *unit;      /**< the unit of the table, or NULL for a measure of the food */
    const struct mc_measure *measure; /**< the SR28 measure used, or NULL (mass unit) */
    const struct mc_measure *other;  /**< MC_UNIT_AMBIGUOUS: a measure that disagrees with measure */
};

/**
 * Grams of one text unit of a food with these household measures (n may
 * be 0, as for a sub-recipe).  In order: a mass unit by its factor; a
 * measure of the food by that name (any case); a volume unit through the
 * food's density, from the measure of the same size when the food has it
 * ("ст. л." and "tbsp"), else from its volume measure of the largest
 * volume; a count unit as the food's "piece", "each", "item", "egg",
 * "fruit" or else "medium" measure.  When SR28 weighs one measure twice
 * ("0.333 cup" = 27 g, "1 cup" = 81 g) and the weights per unit agree to
 * MC_UNIT_ROUNDING, the row of the larger amount is used.
 */
enum mc_unit_status mc_unit_grams(const char *text,
                                  const struct mc_measure *measures, size_t n,
                                  struct mc_unit_grams *out);

#endif
