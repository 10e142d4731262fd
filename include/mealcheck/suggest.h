/*
 * suggest.h - the smallest change that makes a failing menu comply.
 *
 * The menu's servings become the variables of a mixed-integer linear
 * programme solved by GLPK: each portion may move within bounds (by default
 * +-25 % of the card's portion, never below the minimum of its course:
 * soup 150 g, main 60, side 100, salad 50, drink 150, bakery 20, porridge
 * 120, dessert 50, fruit 80; min_portion_g overrides them all), when the
 * user allows them, simple items (a food or a recipe) may be added to any
 * meal, and with swap, a dish of the book with a course (recipe.h) may be
 * replaced by another recipe of the same course, at its card's portion
 * within the same bounds: a binary per serving and candidate, at most one
 * swap per serving.
 * Nutrients are linear in grams, so every norm the engine (check.h) judges
 * is a linear row in the portions:
 *
 *   value of a scope = sum over its servings of  per-gram value x grams x w
 *     w = planned_servings / planned_meals for a weighted meal, else 1,
 *         times the averaging weight of the scope (1 / days for the mean of
 *         the days; planned meals over their sum for total over total)
 *   amount bound      lo <= value <= hi   (lo, hi as the check scaled them)
 *   share of energy   100 f N - lo E >= 0,  100 f N - hi E <= 0
 *
 * Rows are made only for the bounds that decide compliance: verified ones
 * (row and meal shares), of the binding subgroup, on the period average and,
 * for norm sets judged every day, on each day.  A value the engine does not
 * know (no gram behind it known, or coverage below the set's threshold) is
 * not made a row, since the engine does not fail it low: an unknown is
 * never taken for zero; such nutrients are listed in `unknown`.
 *
 * Objective: fewest and smallest changes (1 per changed, swapped or added
 * dish plus its change relative to its portion), or the lowest mean cost per child a
 * day where every dish has a price; a budget caps each day's cost.
 *
 * Every suggestion is applied to a copy of the menu and judged again by
 * mc_check_run() before it is returned; one the engine does not confirm is
 * MC_ERR_INTERNAL, never a result.  When no change within the bounds can
 * comply, an irreducible infeasible subset of the norm rows is found by the
 * deletion filter on the linear relaxation (each row dropped in turn, for
 * good when the rest stays infeasible; at most 2 s of processor time), and
 * the elastic problem over them (every row may be missed, at a price
 * proportional to the shortfall relative to its bound) says by how much.
 */
#ifndef MEALCHECK_SUGGEST_H
#define MEALCHECK_SUGGEST_H

#include <stddef.h>

#include "mealcheck/check.h"
#include "mealcheck/error.h"
#include "mealcheck/food_db.h"
#include "mealcheck/menu.h"
#include "mealcheck/recipe.h"

/** What the solver minimises. */
enum mc_suggest_objective {
    MC_SUGGEST_CHANGES, /**< fewest and smallest changes */
    MC_SUGGEST_COST     /**< lowest mean cost per child a day */
};

/** An item the user allows to be added to any meal. */
struct mc_suggest_add {
    const char *name;   /**< a recipe of the book, else a food (id, name or alias) */
    double portion_g;   /**< the portion added; <= 0: the card's portion
                             (a food: 100 g) */
};

/** The knobs of a suggestion. */
struct mc_suggest_opts {
    double vary_pct;            /**< how far a portion may move, % of the
                                     card's portion (default 25 when 0) */
    double min_portion_g;       /**< no portion below this (0: the course's) */
    int swap;                   /**< 1: a dish may be swapped for another
                                     recipe of its course */
    const struct mc_suggest_add *adds; size_t n_adds;
    enum mc_suggest_objective objective;
    double budget;              /**< most one child's day may cost; <= 0: none */
};

/** One change of the menu. */
struct mc_suggest_change {
    int added;                  /**< 1: a dish added, 0: a portion changed */
    int week, day;
    const char *meal;           /**< points into the original menu */
    const char *dish;           /**< as the menu (or --add) names it */
    const char *swap_for;       /**< a swap: the recipe served instead (dish
                                     is the one replaced, old_g its portion,
                                     new_g the new dish's); NULL otherwise */
    double old_g, new_g;        /**< old_g 0 for an added dish */
    double old_cost, new_cost;  /**< price of the portion; NAN when unknown */
    size_t serving;             /**< index in the original menu; SIZE_MAX when added */
    size_t new_serving;         /**< index in the changed menu */
};

/** A norm that cannot be met within the bounds, or one that stops it. */
struct mc_suggest_conflict {
    size_t result, item;        /**< indexes into the check's results and items */
    long day;                   /**< day index of the menu; -1: the period average */
    int hi;                     /**< 1: the maximum side, 0: the minimum */
    int set;                    /**< which subset that cannot be met together,
                                     from 1; 0 without subsets (irreducible 0
                                     and the relaxation feasible) */
    double bound;               /**< the norm's value in the check's scope */
    double reach;               /**< the value the best compromise gives */
    double shortfall;           /**< how far reach misses bound; 0 for a row that
                                     is met but stops the others */
    double alone;               /**< the most (min side) or least (max side) the
                                     dishes can give when only this norm counts;
                                     NAN when not computed */
};

/** The answer.  Free with mc_suggestion_free(). */
struct mc_suggestion {
    int already_complies;       /**< no verified norm is violated as it is */
    int feasible;               /**< a change was found and confirmed */
    struct mc_suggest_change *changes; size_t n_changes;
    struct mc_menu *menu;       /**< the changed menu; NULL when not feasible */
    struct mc_check *before;    /**< the check of the menu as given */
    struct mc_check *after;     /**< the engine's check of menu; NULL when none */
    struct mc_suggest_conflict *conflicts; size_t n_conflicts;
    /** 1: the conflicts are irreducible infeasible subsets of the norm rows,
     *  by set (each row of a set is needed for it to fail: drop any and the
     *  rest of the set can be met; the sets apart, the rest can be met);
     *  0: the time bound stopped the search (the last set cannot be met but
     *  may not be minimal), or, with every set 0, only whole dishes, added
     *  or swapped, fail, and the conflicts are the rows the best compromise
     *  misses or holds at their limit */
    int irreducible;
    /** Items whose value is unknown to the engine and so not constrained:
     *  (result, item) pairs of the check before. */
    size_t (*unknown)[2];       size_t n_unknown;
    double cost_before, cost_after; /**< mean cost per child a day; NAN unknown */
    int rows, cols;             /**< size of the model solved */
    int optimal;                /**< 1: the best change (within 0.1 %); 0: the
                                     best found in the solver's time limit */
};

/**
 * Find the smallest change of menu that makes it comply with each of the
 * n_std norm sets for each of the n_groups groups (as mc_check_run() with
 * opts would judge it), solve it and prove it.
 * @param book  the book the menu was loaded with; added recipes come from it
 * @param db    the food database, for added foods; used only during the call
 * @return MC_OK with *out (feasible, already_complies, or neither with the
 *         conflicts filled); MC_ERR_INPUT for an unknown item to add, a
 *         budget or cost objective without prices; MC_ERR_INTERNAL when
 *         the engine does not confirm the solver's answer.  *out is menu's
 *         dependant: keep menu, book, stds and groups alive.
 */
mc_code mc_suggest_run(const struct mc_menu *menu, const struct mc_recipe_book *book,
                       struct mc_food_db *db, const struct mc_standard *const *stds,
                       size_t n_std, const struct mc_group_spec *groups,
                       size_t n_groups, const struct mc_check_opts *copts,
                       const struct mc_suggest_opts *opts,
                       struct mc_suggestion **out, struct mc_err *err);

/** Free a suggestion.  Accepts NULL. */
void mc_suggestion_free(struct mc_suggestion *s);

/**
 * Write the changed menu s->menu as a menu (docs/formats.md) that
 * mc_menu_load() reads back to the same servings: week, day, meal, dish,
 * portion_g, and planned_servings, planned_meals and price when the menu
 * as given had them; a workbook of one sheet, "Menu", when path ends in
 * .xlsx (any case), else CSV.  Written to a temporary file and renamed
 * over path.
 */
mc_code mc_suggestion_write_menu(const struct mc_suggestion *s, const char *path,
                                 struct mc_err *err);

/** "NAME=GRAMS" or "NAME" (`suggest --add`, the web's suggest_add) into *a,
 *  its name copied into name (size bytes); 0 when empty or the grams are
 *  not above 0. */
int mc_suggest_add_parse(const char *v, struct mc_suggest_add *a, char *name, size_t size);

/** 1 when a suggestion moved the norm item (b before, a after): its value
 *  as shown (the nutrient's decimals), or its verdict, changed. */
int mc_suggest_moved(const struct mc_check_item *b, const struct mc_check_item *a);

#endif
