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
    double price;                  /**< price of the portion: the menu's price
                                        column, else the recipe's batch cost x
                                        portion_g / yield_g; NAN when unknown */
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
    double cost;                   /**< its price for one child, weighted like n;
                                        NAN when a dish's price is unknown */
};

/** One day. */
struct mc_day {
    int week, day;
    size_t first, count;           /**< its meals: meals[first .. first+count) */
    struct mc_nvec n;              /**< sum of its meals */
    double cost;                   /**< sum of its meals' costs; NAN when unknown */
};

/** One week. */
struct mc_week {
    int week;
    size_t first, count;           /**< its days: days[first .. first+count) */
    struct mc_nvec avg;            /**< mean of its days */
    double avg_cost;               /**< mean of its days' costs; NAN when unknown */
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
    char **columns;              /**< the columns read, as the header names
                                      them, NULL-terminated; one allocation */
};

/**
 * Load a menu and compute it against a recipe book.  Every problem in the
 * file is recorded (up to MC_ERR_LIMIT) before failing: bad weeks, days,
 * meals or numbers, unknown dishes with the closest recipes and foods, a
 * plain food without portion_g, inconsistent planned servings, a header
 * that stands for a quantity column the menu lacks ("portions" for
 * portion_g).  Other columns that are not read are warnings in err
 * (mc_csv_header_unread()).
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

/** mc_menu_load() reading the file within limits (NULL: the defaults;
 *  mc_csv_open_limited()), as a server does per request. */
mc_code mc_menu_load_limited(const char *path, const struct mc_input_limits *limits,
                             const struct mc_recipe_book *book,
                             struct mc_food_db *db, struct mc_menu **out,
                             struct mc_err *err);

struct mc_input; /* mealcheck/infile.h */

/** mc_menu_load() of a file or an upload (mealcheck/infile.h), within its
 *  limits; messages and menu->path name it as in->name says. */
mc_code mc_menu_load_input(const struct mc_input *in, const struct mc_recipe_book *book,
                           struct mc_food_db *db, struct mc_menu **out,
                           struct mc_err *err);

/** Free a menu.  Accepts NULL. */
void mc_menu_free(struct mc_menu *menu);

/** What the menu costs one child, against a daily budget. */
struct mc_menu_cost {
    double mean_day;   /**< mean of the days' costs; NAN when one is unknown */
    int days;          /**< days of the menu */
    int days_priced;   /**< days whose cost is known */
    int days_over;     /**< priced days costing more than the budget */
};

/**
 * Sum up the days' costs (mc_day.cost) against budget, the most one child
 * may cost a day (<= 0 or NAN: no budget, days_over 0).  Pure arithmetic.
 */
void mc_menu_cost(const struct mc_menu *m, double budget, struct mc_menu_cost *out);

/**
 * The menu's cost per child a day as a person reads it, "mean 168.00 KZT;
 * budget 150.00 KZT: 1 of 2 days over" or "unknown for 1 of 2 days (a
 * dish without a price)...", or "" when no day is priced and there is no
 * budget (nothing to say).
 * @param currency  label after amounts, NULL for none
 * @return buf, always NUL-terminated
 */
const char *mc_menu_cost_text(const struct mc_menu *m, double budget,
                              const char *currency, char *buf, size_t size);

/** English day name for 1..7 ("Monday"), as in JSON and CSV; _() translates it. */
const char *mc_day_name(int day);

/**
 * Group computed servings into meals, days and weeks, without any I/O.
 * On entry menu->servings (week, day, meal pointing into meal_names, n,
 * price, planned_servings, planned_meals, line) and menu->meal_names (in display
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

/** Whether a date has a school meal in a menu cycle (mc_menu_cycle_day()). */
enum mc_cycle_status {
    MC_CYCLE_SCHOOL_DAY,   /**< a day of the menu: its meals are served */
    MC_CYCLE_NO_SCHOOL,    /**< a day of the week past the menu's days (weekend) */
    MC_CYCLE_HOLIDAY,      /**< one of the holidays given */
    MC_CYCLE_NOT_STARTED   /**< before the cycle's first day */
};

/** A date placed in a menu cycle. */
struct mc_cycle_day {
    enum mc_cycle_status status;
    int date;              /**< yyyymmdd of the meal meant: the date asked on a
                                school day, else the next school day */
    int week;              /**< 1..n_weeks: the cycle's week of that day (the
                                menu's weeks in order: menu->weeks[week - 1]) */
    int day;               /**< 1..days_per_week: its day, 1 = Monday */
};

/**
 * Which week and day of a menu a date serves, without any I/O.  The cycle
 * begins on cycle_start (a manifest's cycle_start column): week 1 is the
 * Monday-to-Sunday week holding it, and the weeks follow in the menu's
 * order, over and over (the 5th week of a 4-week menu is its week 1).
 * A school week has days_per_week days from Monday (5: Monday to Friday;
 * 6 with Saturday; the most days of any week of the menu).  A date with
 * no school meal (a later day of the week, a holiday, a date before
 * cycle_start, or a day of week 1 before cycle_start) says why, with the
 * next school day's date, week and day.
 * @param cycle_start  yyyymmdd, the first day of week 1
 * @param date         yyyymmdd, the day asked about
 * @param n_weeks      weeks in the menu's cycle, at least 1
 * @param days_per_week  1..7
 * @param holidays     yyyymmdd dates without school (may be NULL when n is 0)
 * @return 1 with *out set; 0 when a date is not a calendar date from 1970
 *         to 9999, n_weeks
 *         or days_per_week is out of range, or every day of the next
 *         year is a holiday.
 */
int mc_menu_cycle_day(int cycle_start, int date, int n_weeks, int days_per_week,
                      const int *holidays, size_t n_holidays,
                      struct mc_cycle_day *out);

/**
 * The name a meal is known by: text lowercased (Cyrillic too), and a
 * Russian or Kazakh name of a usual meal (завтрак, түскі ас, ...) replaced
 * by the English one (breakfast, lunch, ...).
 * @param size  bytes of out; longer names are cut, always NUL-terminated
 */
void mc_meal_canonical(const char *text, char *out, size_t size);

/**
 * A meal's name for people, in the language in force (mealcheck/i18n.h):
 * "lunch" is "обед" in Russian, "түскі ас" in Kazakh; a meal that is not
 * one of the usual five is returned as the menu has it.
 */
const char *mc_meal_label(const char *meal);

#endif
