/*
 * food_set.h - food-set norms (натуральные нормы): grams of each food group
 * per child per day, checked over the menu period as the cumulative
 * statement (накопительная ведомость) does.
 *
 * Two CSV files drive it (formats in food_composition/food_sets/README.md):
 *
 *   a food map    food_id,name_prefix,sr28_group,group,note: each row
 *                 assigns one food (by id), the foods whose name starts so
 *                 ("Cheese, cottage"), or every food of an SR28 food group
 *                 (by the group's name, as the database and local tables
 *                 give it) to a food group ("meat", "milk"); a food's own
 *                 row wins, then the longest prefix, then its SR28 group
 *   a food set    group,age_min,age_max,food_group,name,grams,verified,
 *                 source_url,note: the norm, net grams per child per day
 *
 * The arithmetic, per serving of a recipe with factor f = portion_g /
 * yield_g (times planned_servings / planned_meals when the menu weights the
 * meal):
 *
 *   ingredient food     net  += f * net_g,  gross += f * gross_g (net_g
 *                       when gross is not given)
 *   ingredient recipe   recurse with f * net_g / yield_g(sub)
 *   plain food served   net = gross = portion_g (times the weight)
 *
 * Grams are summed per food group and day; the average is the period total
 * over the menu's days; the norm for the menu is the day's norm times the
 * share of the day the menu is to supply (share_lo-share_hi %), widened by
 * the tolerance; % of norm is the average over the middle of that band.
 */
#ifndef MEALCHECK_FOOD_SET_H
#define MEALCHECK_FOOD_SET_H

#include <stddef.h>

#include "mealcheck/error.h"
#include "mealcheck/menu.h"

/** A food map: foods and SR28 food groups to food-set groups. */
struct mc_food_map_rule {
    char *food_id;     /**< the food this row assigns, or NULL */
    char *name_prefix; /**< the start of the names this row assigns, or NULL */
    char *sr28_group;  /**< the SR28 food group this row assigns, or NULL */
    char *group;       /**< the food-set group ("meat") */
    long line;
};

struct mc_food_map {
    char *path;
    struct mc_food_map_rule *rules;
    size_t n;
};

/**
 * Load a food map.  Every bad row is recorded: not exactly one of food_id,
 * name_prefix and sr28_group given, an empty or malformed group key
 * (lowercase letters, digits, '_'), a food, prefix or SR28 group assigned
 * twice.
 * @return MC_OK with *out (free with mc_food_map_free); MC_ERR_INPUT,
 *         MC_ERR_IO or MC_ERR_NOMEM with *out NULL.
 */
mc_code mc_food_map_load(const char *path, struct mc_food_map **out,
                         struct mc_err *err);

/** Free a food map.  Accepts NULL. */
void mc_food_map_free(struct mc_food_map *map);

/**
 * The food-set group of a food: its own row, else the row with the longest
 * prefix of its name (ASCII case aside), else its SR28 group's row (case
 * aside), else NULL (unassigned).
 * @param name        the food's long name; may be NULL
 * @param sr28_group  the food's group name; may be NULL
 */
const char *mc_food_map_group(const struct mc_food_map *map, const char *food_id,
                              const char *name, const char *sr28_group);

/** One norm: grams of a food group per child per day for an age group. */
struct mc_food_norm_row {
    char *group;       /**< age group id ("ru_7_11") */
    int age_min, age_max;
    char *food_group;  /**< key of the food map ("meat") */
    char *name;        /**< the wording of the source ("Мясо 1-й категории") */
    double grams;      /**< net grams per child per day */
    int verified;      /**< 1 when checked against the official text */
    char *source_url;  /**< may be "" */
    char *note;        /**< may be "" */
    long line;
};

/** A food set: every row of one file. */
struct mc_food_norm {
    char *id;          /**< the file name without ".csv" */
    char *path;
    struct mc_food_norm_row *rows;
    size_t n;
};

/**
 * Load the food set dir/id.csv (dir: food_composition/food_sets/norms).
 * Every bad row
 * is recorded; an age group must keep its ages on every row, a food group
 * appear once per age group, grams be a number >= 0.
 * @return MC_OK with *out (free with mc_food_norm_free); MC_ERR_NOT_FOUND
 *         when there is no such file (the message lists the sets in dir);
 *         MC_ERR_INPUT, MC_ERR_IO or MC_ERR_NOMEM.
 */
mc_code mc_food_norm_load(const char *dir, const char *id,
                          struct mc_food_norm **out, struct mc_err *err);

/** Free a food set.  Accepts NULL. */
void mc_food_norm_free(struct mc_food_norm *norm);

/** How one food group fares against its norm. */
enum mc_food_status {
    MC_FOOD_NO_NORM,   /**< the set has no norm for this group */
    MC_FOOD_OK,
    MC_FOOD_LOW,
    MC_FOOD_HIGH
};

/** "no norm", "ok", "low", "high". */
const char *mc_food_status_name(enum mc_food_status s);

/** One food group over the period. */
struct mc_food_set_line {
    const char *food_group;   /**< key; "unassigned" for foods the map misses */
    const char *name;         /**< the norm's wording, else the key */
    const struct mc_food_norm_row *row; /**< NULL when no norm */
    double *day_net_g;        /**< net grams on each day of the menu */
    double total_net_g, total_gross_g; /**< over the period */
    double avg_net_g;         /**< total_net_g / days */
    double norm_lo_g, norm_hi_g; /**< the norm for the menu's share, with the
                                    tolerance; NAN when no norm */
    double pct;               /**< 100 * avg / middle of the share band; NAN */
    enum mc_food_status status;
};

/** One food eaten over the period, with its group. */
struct mc_food_set_food {
    char *food_id;
    char *name;
    const char *food_group;   /**< as in the lines */
    double total_net_g;
};

/** A food-set check.  Free with mc_food_set_free(). */
struct mc_food_set {
    const struct mc_food_norm *norm;
    const char *age_group;    /**< the age group of the norm used */
    int age_min, age_max;
    size_t n_days;
    double share_lo, share_hi; /**< % of the day's set the menu supplies */
    double tolerance_pct;
    struct mc_food_set_line *lines; /**< the norm's rows in file order, then
                                       groups without a norm by key, then
                                       "unassigned" */
    size_t n_lines;
    struct mc_food_set_food *foods; /**< by group key, then food id */
    size_t n_foods;
    int n_low, n_high, n_ok;
    int complies;             /**< 1 unless a verified norm is low or high */
};

/** The SR28 food group name of a food id, or NULL when unknown.  The
 * string must stay valid until mc_food_set_run() returns. */
typedef const char *(*mc_food_group_fn)(void *ctx, const char *food_id);

/** What mc_food_set_run() is asked. */
struct mc_food_set_opts {
    int age_min, age_max;     /**< the class; exactly one age group of the
                                 set must cover these ages */
    double share_lo, share_hi; /**< % of the day, 0 < lo <= hi <= 100 */
    double tolerance_pct;     /**< allowed deviation, >= 0 */
    mc_food_group_fn group_of; /**< NULL: every food's SR28 group unknown */
    void *ctx;                /**< passed to group_of */
};

/**
 * Sum the menu's grams per food group and judge them, without any I/O.
 * @return MC_OK with *out; MC_ERR_NOT_FOUND when no age group (or more
 *         than one) of the set covers the ages, with the set's groups
 *         listed; MC_ERR_NOMEM.
 */
mc_code mc_food_set_run(const struct mc_menu *menu, const struct mc_food_norm *norm,
                        const struct mc_food_map *map,
                        const struct mc_food_set_opts *opts,
                        struct mc_food_set **out, struct mc_err *err);

/** "DOES NOT COMPLY" when a verified norm is missed, "complies: every
 * deviation is advisory" when only unverified ones are, else "complies". */
const char *mc_food_set_verdict(const struct mc_food_set *fs);

/** Free a food-set check.  Accepts NULL. */
void mc_food_set_free(struct mc_food_set *fs);

#endif
