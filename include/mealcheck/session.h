/*
 * session.h - what every front end does to analyse a menu: open the food
 * database with the caterer's own alias table, load the cooking profiles,
 * the recipe book and the menu (files or uploads, mealcheck/infile.h),
 * resolve the norm sets and groups as the user names them, date the check
 * and run it.
 *
 * The command line (`mealcheck check`, `suggest`, `menu`, `recipe`,
 * `audit`) and the web server both call these, so that a typo in a norm
 * set, a group, a book or a menu reads the same wherever it is made.
 *
 * @code
 *   struct mc_session s;
 *   const struct mc_session_opts o = {.db_path = "mealcheck.db",
 *       .recipes = {.path = "recipes.csv"}, .menu = {.path = "menu.csv"},
 *       .standards = set, .std_ids = ids, .n_stds = 1, .groups = groups,
 *       .n_groups = 1, .check = &opts};
 *   if (mc_session_open(&o, &s, &err) == MC_OK)
 *       mc_document_check(stdout, s.check, NULL, s.book, 0, NULL);
 *   mc_session_close(&s);
 * @endcode
 */
#ifndef MEALCHECK_SESSION_H
#define MEALCHECK_SESSION_H

#include <stddef.h>

#include "mealcheck/check.h"
#include "mealcheck/error.h"
#include "mealcheck/infile.h"
#include "mealcheck/standard.h"

struct mc_check;
struct mc_food_set;
struct mc_standard;
struct mc_standard_set;
struct mc_group_spec;

/**
 * Find the norm sets std_ids names in set and parse the group specs,
 * checking each group against each set, so that a typo is reported before
 * the slow loading, with the valid choices.  Every problem is recorded in
 * err, not only the first.
 * @param stds   out: n_stds entries, NULL where the id is unknown
 * @param specs  n_groups zeroed entries; release each with
 *               mc_group_spec_release() whatever the result
 * @return MC_OK; MC_ERR_NOT_FOUND for an unknown norm set or group;
 *         MC_ERR_USAGE for a malformed group; MC_ERR_NOMEM
 */
mc_code mc_session_resolve(const struct mc_standard_set *set,
                           const char *const *std_ids, size_t n_stds,
                           const char *const *groups, size_t n_groups,
                           const struct mc_standard **stds,
                           struct mc_group_spec *specs, struct mc_err *err);

/**
 * The outcome of check c with its food-set check fs (NULL: none): the
 * worse of the two, where the food set fails on a verified norm missed and
 * is advisory when only unverified ones are.
 */
enum mc_outcome mc_session_outcome(const struct mc_check *c, const struct mc_food_set *fs);

/** The most norm sets, and the most groups, one session checks. */
#define MC_SESSION_MAX 16

struct mc_cooking_set;
struct mc_food_db;
struct mc_menu;
struct mc_recipe_book;

/** What a session reads and how it judges.  Zeroed members are not asked
 * for: no menu, no alias table, no norm sets, no check. */
struct mc_session_opts {
    const char *db_path;        /**< the food database, opened read-only when
                                     db is NULL or an alias table is given */
    struct mc_food_db *db;      /**< an open handle to read with instead
                                     (borrowed, never closed); with an alias
                                     table the session opens its own from
                                     db_path, so that a handle others share
                                     never holds one caterer's names */
    struct mc_input aliases;    /**< the caterer's own alias table
                                     (mc_food_db_add_aliases_input()) */
    const struct mc_cooking_set *cooking; /**< loaded profiles (borrowed); NULL:
                                     load cooking_dir */
    const char *cooking_dir;    /**< the folder of profiles; a missing one
                                     has none, unless cooking_named */
    int cooking_named;          /**< 1: the user named cooking_dir, so it must
                                     be a folder */
    struct mc_input recipes;    /**< the recipe book (always read) */
    struct mc_input menu;       /**< the menu; one workbook with the book
                                     (the same data) has its sheets found by
                                     their headers when not named
                                     (mc_workbook_find_sheets()) */
    const struct mc_standard_set *standards; /**< where std_ids are looked up */
    const char *const *std_ids; /**< the norm sets by id, at most MC_SESSION_MAX */
    size_t n_stds;
    const char *const *groups;  /**< as mc_standard_resolve_groups() reads them */
    size_t n_groups;
    const struct mc_check_opts *check; /**< run the check with these (needs a
                                     menu and norm sets); NULL: do not */
};

/** An analysis: what it read and, when asked, the check.  Every pointer
 * is NULL when not asked for.  Do not copy: specs hold their own memory. */
struct mc_session {
    struct mc_food_db *db;      /**< the database the inputs were read with */
    const struct mc_cooking_set *cooking;
    struct mc_recipe_book *book;
    struct mc_menu *menu;
    struct mc_check *check;
    const struct mc_standard *stds[MC_SESSION_MAX];
    size_t n_stds;
    struct mc_group_spec specs[MC_SESSION_MAX];
    size_t n_specs;
    /* What the session opened itself and frees. */
    struct mc_food_db *own_db;
    struct mc_cooking_set *own_cooking;
};

/**
 * Resolve the norm sets and groups (mc_session_resolve(): every problem
 * before the slow loading), check that a named cooking folder is one
 * ("dir: not a folder; --cooking expects a folder of cooking-loss profiles
 * (*.csv)"), open the database and add the alias table, load the cooking
 * profiles, the recipe book and the menu, and run the check, stopping at
 * the first step that fails.  Messages name each input as its
 * mc_input_name() says; warnings stay in err.
 * @return MC_OK with s filled; else the code recorded in err (MC_ERR_USAGE
 *         for more than MC_SESSION_MAX norm sets or groups, MC_ERR_INPUT /
 *         MC_ERR_NOT_FOUND for what the inputs or names say), s closed.
 *         Either way mc_session_close() may be called.
 */
mc_code mc_session_open(const struct mc_session_opts *o, struct mc_session *s,
                        struct mc_err *err);

/** Free what mc_session_open() made.  Accepts a zeroed session. */
void mc_session_close(struct mc_session *s);

/** Today's date as yyyymmdd in local time: the date a check is for unless
 * the user gives one. */
int mc_session_today(void);

#endif
