/*
 * check.h - judging an analysed menu against norm sets.
 *
 * Pure computation: no I/O.  For each norm set x group the user names, the
 * subgroups the menu serves (age bands and sexes of the class) are looked
 * up, the bounds in force on the check date are collected, and every
 * nutrient is judged per day (or per meal) and for the period average.
 *
 * The arithmetic (docs/check-json.md gives the same in prose):
 *
 *   norm of a daily bound   = value x share of the day the meals cover
 *                             (min side: sum of the meals' minimum shares,
 *                              max side: sum of their maximum shares;
 *                              100 % when the norm set gives no shares).
 *                             A day: the meals it serves.  The period
 *                             average: the mean of the days' shares
 *                             (MC_AVERAGE_DAYS; a meal served on some days
 *                             counts for those days only), the sum over all
 *                             the menu's meals (MC_AVERAGE_TOTALS)
 *   norm of a per-meal bound = value, for that meal
 *   tolerance t %           : min side x (1 - t/100), max side x (1 + t/100)
 *   share of energy         = 100 x kcal/g x grams / energy_kcal,
 *                             kcal/g = 4 protein, carbohydrate, sugars; 9 fats
 *   binding bound           = the highest minimum and the lowest maximum over
 *                             the subgroups (one menu feeds every child)
 *   % of norm               = value / reference; the reference is the
 *                             middle of a band (range_min/max, target),
 *                             else the maximum when the value exceeds it or
 *                             there is no minimum, else the minimum
 *   status                  = high when above the maximum (even with partial
 *                             data: unknowns can only add); else
 *                             insufficient when coverage < the set's
 *                             threshold; else low when below the minimum;
 *                             else ok
 *   period average          = mean of the days (MC_AVERAGE_DAYS) or, per
 *                             meal, sum(meal x planned meals) / sum(planned
 *                             meals) (MC_AVERAGE_TOTALS; weight 1 when the
 *                             menu gives no planned meals)
 *
 * A violated bound decides compliance only when it is verified (the norm
 * row and every meal share it used); an unverified one is "advisory".
 * Meal shares the user states (mc_check_opts) are the user's rule: they
 * replace the set's own for the meals they name and count as verified.
 *
 * The outcome of a norm set x group (mc_check_classify), worst first:
 *   does not comply   a verified bound is violated
 *   cannot be decided nothing verified is violated, but no bound checked is
 *                     verified (every norm only advises), or a verified
 *                     bound has insufficient data
 *   complies with the verified norms, advisory norms not met
 *                     every verified bound is met, an unverified one is not
 *   complies          every bound checked is met (or only lacks data on an
 *                     advisory norm)
 * The outcome of a whole check is the worst of its results'.
 */
#ifndef MEALCHECK_CHECK_H
#define MEALCHECK_CHECK_H

#include <stddef.h>

#include "mealcheck/error.h"
#include "mealcheck/menu.h"
#include "mealcheck/nutrient.h"
#include "mealcheck/standard.h"

/** The judgement of one value. */
enum mc_status {
    MC_STATUS_NONE,         /**< nothing to judge (the meal is not served that day) */
    MC_STATUS_OK,
    MC_STATUS_LOW,
    MC_STATUS_HIGH,
    MC_STATUS_INSUFFICIENT  /**< coverage below the norm set's threshold */
};

/** The verdict on one nutrient bound over the period. */
enum mc_verdict {
    MC_VERDICT_PASS,
    MC_VERDICT_FAIL,         /**< a verified bound is violated */
    MC_VERDICT_ADVISORY,     /**< only unverified bounds are violated */
    MC_VERDICT_INSUFFICIENT  /**< not enough data to judge */
};

/** The outcome of a check, best first (see above). */
enum mc_outcome {
    MC_OUTCOME_COMPLIES,
    MC_OUTCOME_ADVISORY,     /**< complies with the verified norms; advisory norms not met */
    MC_OUTCOME_UNDECIDED,    /**< cannot be decided: see enum mc_undecided */
    MC_OUTCOME_FAILS         /**< does not comply */
};

/** Why a check cannot be decided. */
enum mc_undecided {
    MC_UNDECIDED_NO,
    MC_UNDECIDED_DATA,       /**< a verified norm lacks data (coverage below the threshold) */
    MC_UNDECIDED_UNVERIFIED  /**< no norm checked is verified: every one only advises */
};

/** How the period average is formed. */
enum mc_average {
    MC_AVERAGE_DAYS,   /**< mean of the days */
    MC_AVERAGE_TOTALS  /**< total over total, weighted by planned meals */
};

/** One value judged against its norm. */
struct mc_check_value {
    double value;      /**< amount, or % of energy; NAN when unknown */
    double coverage;   /**< 0..1 */
    double lo, hi;     /**< the norm in force for this scope; NAN = no bound */
    double ref;        /**< reference for % of norm; NAN when none */
    double pct_of_norm;/**< 100 x value / ref; NAN when either is missing */
    enum mc_status status;
};

/** One nutrient bound of one norm set x group (min, max, band or both). */
struct mc_check_item {
    enum mc_nutrient nutrient;
    int pct_energy;                 /**< 1: judged as % of energy */
    const char *meal;               /**< per-meal norm: the meal; NULL: the day */
    const struct mc_norm_row *lo_row, *hi_row; /**< binding rows; NULL = no bound */
    size_t lo_sub, hi_sub;          /**< binding subgroup (index into subs) */
    int lo_verified, hi_verified;   /**< row and shares verified */
    int band;                       /**< 1 when the reference is the band's middle */
    struct mc_check_value avg;      /**< the period average */
    struct mc_check_value *days;    /**< per day of the menu (menu->n_days entries) */
    struct mc_check_value *sub_avg; /**< the average against each subgroup's own norm */
    int days_out;                   /**< days low or high */
    int days_judged;                /**< days with a value to judge */
    enum mc_verdict verdict;
    double lo_base, hi_base;        /**< bound before meal shares (tolerance applied) */
};

/** A subgroup of the class: one norm group of the set. */
struct mc_check_sub {
    const struct mc_norm_group *group;
    long children;                  /**< from a roster; 0 when not given */
};

/** The judgement of a menu against one norm set for one group. */
struct mc_check_result {
    const struct mc_standard *std;
    const struct mc_group_spec *spec;
    struct mc_check_sub *subs;   size_t n_subs;
    struct mc_check_item *items; size_t n_items; /**< in nutrient order */
    double share_lo, share_hi;   /**< % of the day the period average is held to (per-day sets; see above) */
    int shares_verified;
    struct mc_meal_share *shares; size_t n_shares; /**< the shares in force (opts', then the set's); none: whole day */
    int shares_assumed;          /**< how many of them came from mc_check_opts */
    char **unjudged_meals;       size_t n_unjudged; /**< per-meal sets: meals with no norms */
    int n_fail, n_advisory, n_insufficient, n_pass;
    int n_deciding;              /**< items with a verified bound: they decide */
    int n_deciding_insufficient; /**< of them, judged "insufficient data" */
    enum mc_outcome outcome;     /**< mc_check_classify() */
    enum mc_undecided why;       /**< MC_OUTCOME_UNDECIDED: why */
    int complies;                /**< outcome is MC_OUTCOME_COMPLIES */
};

/** What to check. */
struct mc_check_opts {
    int date;                    /**< yyyymmdd: the bounds in force that day */
    enum mc_average average;
    /** Shares of the day for per-day norm sets that give none of their own
     *  (the US DRIs): a school serves part of a child's day, so its meals are
     *  held to that part.  NULL/0: such sets see the menu as a whole day. */
    const struct mc_meal_share *shares;
    size_t n_shares;
};

/** A whole run: every norm set x group, side by side. */
struct mc_check {
    const struct mc_menu *menu;
    int date;
    enum mc_average average;
    struct mc_check_result *results; size_t n_results; /**< standard-major order */
    enum mc_outcome outcome;     /**< the worst of the results' */
    enum mc_undecided why;       /**< undecided: data when a result lacks data, else unverified */
    int complies;                /**< outcome is MC_OUTCOME_COMPLIES */
};

/**
 * Judge menu against each of the n_std norm sets for each of the n_groups
 * groups.  Fails (MC_ERR_NOT_FOUND / MC_ERR_INPUT, all problems recorded)
 * on an unknown group, a menu meal a per-day set has no share for, or a
 * set with no bound in force on the date for the menu's meals.
 * The result points into menu, stds and groups: keep them alive.
 * @return MC_OK with *out set (free with mc_check_free).
 */
mc_code mc_check_run(const struct mc_menu *menu,
                     const struct mc_standard *const *stds, size_t n_std,
                     const struct mc_group_spec *groups, size_t n_groups,
                     const struct mc_check_opts *opts, struct mc_check **out,
                     struct mc_err *err);

/**
 * The outcome of r from its items' verdicts and verified bounds (see the
 * rule at the top); *why (may be NULL) says why it cannot be decided.
 * mc_check_run() stores it in r->outcome, r->why; every front end shows it.
 */
enum mc_outcome mc_check_classify(const struct mc_check_result *r,
                                  enum mc_undecided *why);

/** 1 when item it has a verified bound, so that it decides. */
int mc_check_item_decides(const struct mc_check_item *it);

/** Free a check.  Accepts NULL. */
void mc_check_free(struct mc_check *check);

/**
 * Judge one value against [lo, hi] (NAN = open side): see the status rule
 * above.  unknown is 1 when no gram behind the value is known.
 */
enum mc_status mc_check_judge(double value, double coverage, int unknown,
                              double lo, double hi, double coverage_min,
                              int pct_energy);

/** The value of nutrient n in v as judged: an amount or a % of energy. */
void mc_check_measure(const struct mc_nvec *v, enum mc_nutrient n,
                      int pct_energy, double *value, double *coverage,
                      int *unknown);

/**
 * The bound that matters for the item's average: the maximum when the
 * value is high or there is no minimum, else the minimum.
 * @return 1 for the maximum, 0 for the minimum; *row, *sub (index into the
 *         result's subs) and *verified describe it.  Any out pointer may be NULL.
 */
int mc_check_binding(const struct mc_check_item *it, const struct mc_norm_row **row,
                     size_t *sub, int *verified);

/**
 * Item indexes of r in display order: failing first, then advisory,
 * insufficient, passing; nutrient order within each.
 * @param idx array of r->n_items entries
 */
void mc_check_order(const struct mc_check_result *r, size_t *idx);

/** "ok", "low", "high", "insufficient data", "" for NONE, in the language
 * in force (mealcheck/i18n.h); JSON keeps its own English keys. */
const char *mc_status_name(enum mc_status s);

/**
 * The status of a judged value for people: mc_status_name(), and when the
 * value was summed over only part of the food mass (0 < coverage < 1),
 * marked partial ("low, partial": the known part is low, the whole may
 * not be).  "" for NONE.
 */
const char *mc_value_status_label(const struct mc_check_value *v, char *buf, size_t size);

/** "pass", "FAIL", "advisory", "insufficient data", in the language in force. */
const char *mc_verdict_name(enum mc_verdict v);

/**
 * What the norms of r were scaled to, for people: "the menu's meals must
 * cover 50-60 % of the daily norm (shares of the norm set)", "... (shares
 * given with --meal-share)", "whole-day norms: ..." or "" for per-meal sets.
 */
const char *mc_check_share_label(const struct mc_check_result *r, char *buf,
                                 size_t size);

/** The outcome of a whole check as a sentence: "the menu complies with
 * every norm set checked", "... complies with the verified norms, but
 * advisory (unverified) norms are not met", "compliance cannot be decided:
 * <why>", "the menu does NOT comply". */
const char *mc_outcome_sentence(enum mc_outcome o, enum mc_undecided why);

/** JSON/CSV spelling: "complies", "advisory_not_met", "cannot_be_decided",
 * "does_not_comply". */
const char *mc_outcome_key(enum mc_outcome o);

/** JSON/CSV spelling of why: "", "insufficient_data", "unverified_norms". */
const char *mc_undecided_key(enum mc_undecided why);

/**
 * The outcome of r as a sentence that counts what decided, e.g.
 * "complies with the 4 verified norms; 9 advisory norms not met" or
 * "cannot be decided: none of the 13 norms checked is verified (9 not met)".
 */
const char *mc_check_outcome_label(const struct mc_check_result *r, char *buf,
                                   size_t size);

/**
 * Which norms of r decided and which only advised, by name, e.g.
 * "decide (verified): Energy, Iron; only advise (unverified): Calcium
 * 70 % low, ...": the advisory ones not met with their % of norm.
 */
const char *mc_check_decided_label(const struct mc_check_result *r, char *buf,
                                   size_t size);

/** Label of a group request with its subgroups, e.g. "7-11 (child_4_8,
 * male_9_13, female_9_13)", for a reader: a roster in the thread's
 * language (mc_group_spec_label()), "14 мальчиков и 12 девочек 7–11 лет
 * (ru_7_11)". */
const char *mc_check_group_label(const struct mc_check_result *r, char *buf,
                                 size_t size);

/** As mc_check_group_label(), with the group as it was given, in any
 * language: for JSON, whose values a program reads. */
const char *mc_check_group_name(const struct mc_check_result *r, char *buf, size_t size);

#endif
