/*
 * menu.h - menus: what is served to one child, dish by dish, meal by meal.
 *
 * A menu is a CSV with one row per dish served (format in docs/formats.md):
 * week, day, meal, dish, portion_g, and optionally planned_servings and
 * planned_meals for USDA weighted analysis.  Analysis resolves each dish
 * against a recipe book (or the food database, for a food served as is),
 * scales it to the portion and aggregates:
 *
 *   serving  = recipe per portion * portion_g / (yield_g / servings)
 *   meal     = sum of its servings, or, when the menu gives planned
 *              servings, sum(serving * planned_servings) / planned_meals
 *   day      = sum of its meals
 *   week avg = mean of its days
 *
 * Results are ordered by week, day, then meal (breakfast, second
 * breakfast, lunch, snack, dinner, then other meals in order of first
 * appearance).
 */
#ifndef MEALCHECK_MENU_H
#define MEALCHECK_MENU_H

#include <stddef.h>

#include "mealcheck/error.h"
#include "mealcheck/food_db.h"
#include "mealcheck/nutrient.h"
#include "mealcheck/recipe.h"

/** One dish served. */
struct mc_serving {
    int week;                      /**< 1.. */
    int day;                       /**< 1..7, Monday = 1 */
    const char *meal;              /**< lowercase meal name, owned by the result */
    char *dish;                    /**< as written in the menu */
    const struct mc_recipe *recipe;/**< NULL when a plain food is served */
    char *food_id;                 /**< the plain food's id, else NULL */
    char *food_name;               /**< the plain food's long name, else NULL */
    int matched_by_name;           /**< 1 when the plain food was found by name */
    double portion_g;
    double planned_servings;       /**< NAN when not given */
    double planned_meals;          /**< as given on this row; NAN when not given */
    unsigned assumed;              /**< MC_ASSUMED_* bits */
    struct mc_nvec n;              /**< nutrients of the portion */
    long line;                     /**< line in the menu file */
};

/** One meal of one day. */
struct mc_meal {
    int week, day;
    const char *meal;
    size_t first, count;           /**< its servings: servings[first .. first+count) */
    double planned_meals;          /**< NAN when not weighted */
    struct mc_nvec n;              /**< what one child gets at this meal */
};

/** One day. */
struct mc_day {
    int week, day;
    size_t first, count;           /**< its meals: meals[first .. first+count) */
    struct mc_nvec n;              /**< sum of its meals */
};

/** One week. */
struct mc_week {
    int week;
    size_t first, count;           /**< its days: days[first .. first+count) */
    struct mc_nvec avg;            /**< mean of its days */
};

/** An analysed menu.  Free with mc_menu_free(). */
struct mc_menu {
    char *path;
    struct mc_serving *servings; size_t n_servings;
    struct mc_meal *meals;       size_t n_meals;
    struct mc_day *days;         size_t n_days;
    struct mc_week *weeks;       size_t n_weeks;
    char **meal_names;           size_t n_meal_names; /**< distinct meals, in order */
    int weighted;                /**< 1 when planned servings were given */
};

/**
 * Load a menu and compute it against a recipe book.  Every problem in the
 * file is recorded (up to MC_ERR_LIMIT) before failing: bad weeks, days,
 * meals or numbers, unknown dishes with the closest recipes and foods, a
 * plain food without portion_g, inconsistent planned servings.
 * @param book  recipes; servings point into it, so it must outlive the menu
 * @param db    food database for dishes that are plain foods, used only
 *              during the call
 * @param out   the menu (caller frees with mc_menu_free), NULL on failure
 * @return MC_OK; MC_ERR_INPUT for a malformed menu; MC_ERR_IO, MC_ERR_DB or
 *         MC_ERR_NOMEM.
 */
mc_code mc_menu_load(const char *path, const struct mc_recipe_book *book,
                     struct mc_food_db *db, struct mc_menu **out,
                     struct mc_err *err);

/** Free a menu.  Accepts NULL. */
void mc_menu_free(struct mc_menu *menu);

/** English day name for 1..7 ("Monday"), as in JSON and CSV; _() translates it. */
const char *mc_day_name(int day);

/**
 * Group computed servings into meals, days and weeks, without any I/O.
 * On entry menu->servings (week, day, meal pointing into meal_names, n,
 * planned_servings, planned_meals, line) and menu->meal_names (in display
 * order) are set; meals, days and weeks must be empty.  Servings are
 * sorted by week, day, meal order, then line.  A meal is weighted when
 * its rows give planned_servings: then every row of it must, and they
 * must agree on planned_meals; inconsistencies are recorded against
 * menu->path and the serving's line, as is a recipe or food served twice
 * in one meal.
 */
mc_code mc_menu_aggregate(struct mc_menu *menu, struct mc_err *err);

/**
 * Day of the week from a menu cell: 1-7, Mon..Sun or Monday..Sunday
 * (any case), Russian Пн..Вс or full names, Kazakh full names.
 * @return 1..7, or 0 when not a day.
 */
int mc_day_parse(const char *text);

/**
 * The name a meal is known by: text lowercased (Cyrillic too), and a
 * Russian or Kazakh name of a usual meal (завтрак, түскі ас, ...) replaced
 * by the English one (breakfast, lunch, ...).
 * @param size  bytes of out; longer names are cut, always NUL-terminated
 */
void mc_meal_canonical(const char *text, char *out, size_t size);

#endif
