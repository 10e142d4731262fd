/*
 * plain_verdict.h - a checked day (or week) of a menu told to a parent in
 * plain words: "Lunch today: a 7-10-year-old gets 31 % of the day's
 * energy; low in calcium, vitamin D."
 *
 * Pure computation over a check result (check.h); the sentence is in the
 * language in force (i18n.h).  It never says more than the check does:
 * "balanced" only when the result's outcome is "complies" and nothing in
 * the scope is low or high; otherwise it names what is low and what is
 * too much, or, when nothing is, gives the check's outcome sentence.
 */
#ifndef MEALCHECK_PLAIN_VERDICT_H
#define MEALCHECK_PLAIN_VERDICT_H

#include <stddef.h>

#include "mealcheck/check.h"
#include "mealcheck/nutrient.h"

/** The day a verdict speaks of, for its subject. */
enum mc_plain_when {
    MC_PLAIN_TODAY,    /**< "Lunch today" */
    MC_PLAIN_DAY,      /**< "Lunch, Tuesday" (the day's name) */
    MC_PLAIN_WEEK,     /**< "Lunch this week, on average" (the period average) */
    MC_PLAIN_MEAL      /**< "Lunch": a meal put together, on no day in particular */
};

/** What a parent is told, before it is put into words. */
struct mc_plain_verdict {
    int age_min, age_max;        /**< over the result's subgroups; -1: not known */
    double energy_pct;           /**< 100 x the scope's energy / the daily energy
                                      norm (the middle of a band); NAN: not known */
    enum mc_nutrient low[MC_N_COUNT];  size_t n_low;  /**< below the norm, nutrient order */
    enum mc_nutrient high[MC_N_COUNT]; size_t n_high; /**< above it */
    int balanced;                /**< outcome complies and nothing is low or high */
    enum mc_outcome outcome;     /**< the result's */
    enum mc_undecided why;
    const char *meal;            /**< the one meal served in the scope, or NULL
                                      for several */
    int weekday;                 /**< 1..7 of the day; 0 for the week */
};

/**
 * Gather what r says about day (an index into r's menu days, menu->days) or,
 * with day < 0, about the period average.  A nutrient counts once however
 * many bounds judge it; values with insufficient data are neither low nor
 * high.
 */
void mc_plain_verdict_of(const struct mc_check_result *r, const struct mc_menu *menu,
                         long day, struct mc_plain_verdict *out);

/**
 * v as one sentence in the language in force, ending with a full stop.
 * @param size  bytes of buf; a longer sentence is cut
 * @return buf
 */
const char *mc_plain_verdict_text(const struct mc_plain_verdict *v, enum mc_plain_when when,
                                  char *buf, size_t size);

#endif
