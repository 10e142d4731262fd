/*
 * session.c - what every front end does to analyse a menu (session.h).
 */
#include "mealcheck/session.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "mealcheck/cooking.h"
#include "mealcheck/csv.h"
#include "mealcheck/food_db.h"
#include "mealcheck/food_set.h"
#include "mealcheck/i18n.h"
#include "mealcheck/menu.h"
#include "mealcheck/recipe.h"
#include "mealcheck/standard.h"
#include "mealcheck/workbook.h"
#include "mealcheck/xlsx_read.h"

mc_code mc_session_resolve(const struct mc_standard_set *set,
                           const char *const *std_ids, size_t n_stds,
                           const char *const *groups, size_t n_groups,
                           const struct mc_standard **stds,
                           struct mc_group_spec *specs, struct mc_err *err)
{
    mc_code rc = MC_OK;
    for (size_t i = 0; i < n_stds; i++)
        if (mc_standard_get(set, std_ids[i], &stds[i], err))
            rc = MC_ERR_NOT_FOUND;
    mc_code g = mc_standard_resolve_groups(stds, n_stds, groups, n_groups, specs, err);
    return g ? g : rc;
}

enum mc_outcome mc_session_outcome(const struct mc_check *c, const struct mc_food_set *fs)
{
    enum mc_outcome f = !fs ? MC_OUTCOME_COMPLIES
                        : !fs->complies ? MC_OUTCOME_FAILS
                        : fs->n_low || fs->n_high ? MC_OUTCOME_ADVISORY
                                                  : MC_OUTCOME_COMPLIES;
    return f > c->outcome ? f : c->outcome;
}

int mc_session_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

/* The library takes a missing default folder as "no profiles but none"; a
 * folder the user names must be there. */
static mc_code check_cooking_dir(const struct mc_session_opts *o, struct mc_err *err)
{
    struct stat st;
    const char *dir = o->cooking_dir;
    const char *why = !o->cooking_named || o->cooking || !dir ? NULL
                      : stat(dir, &st) != 0 ? strerror(errno)
                      : !S_ISDIR(st.st_mode) ? _("not a folder") : NULL;
    if (why)
        return mc_err_set(err, MC_ERR_INPUT, N_("%s: %s; --cooking expects a folder "
                          "of cooking-loss profiles (*.csv)"), dir, why);
    return MC_OK;
}

static mc_code open_db(const struct mc_session_opts *o, struct mc_session *s,
                       struct mc_err *err)
{
    mc_code rc;
    if (o->db && !mc_input_given(&o->aliases)) {
        s->db = o->db;
        return MC_OK;
    }
    if ((rc = mc_food_db_open(o->db_path, &s->own_db, err)))
        return rc;
    s->db = s->own_db;
    return mc_input_given(&o->aliases)
               ? mc_food_db_add_aliases_input(s->db, &o->aliases, NULL, err)
               : MC_OK;
}

/* A caterer's one workbook holding the book and the menu: the sheets she
 * did not name are found by their headers. */
static mc_code find_sheets(const struct mc_session_opts *o, struct mc_input *book,
                           struct mc_input *menu, char (*sheets)[256], struct mc_err *err)
{
    int named_book = book->sheet && *book->sheet, named_menu = menu->sheet && *menu->sheet;
    if (!book->data || book->data != menu->data || book->len != menu->len ||
        mc_sheet_sniff(book->data, book->len) != MC_SHEET_ZIP || (named_book && named_menu))
        return MC_OK;
    const struct mc_xlsx_limits lim = {.max_cells = o->menu.limits
                                                        ? o->menu.limits->max_cells : 0};
    mc_code rc = mc_workbook_find_sheets(mc_input_name(book), book->data, book->len, &lim,
                                         sheets[0], sizeof sheets[0], sheets[1],
                                         sizeof sheets[1], err);
    if (rc)
        return rc;
    if (!named_book)
        book->sheet = sheets[0];
    if (!named_menu)
        menu->sheet = sheets[1];
    return MC_OK;
}

mc_code mc_session_open(const struct mc_session_opts *o, struct mc_session *s,
                        struct mc_err *err)
{
    memset(s, 0, sizeof *s);
    if (o->n_stds > MC_SESSION_MAX || o->n_groups > MC_SESSION_MAX)
        return mc_err_set(err, MC_ERR_USAGE, "at most %d norm sets and %d groups",
                          MC_SESSION_MAX, MC_SESSION_MAX);
    struct mc_input book = o->recipes, menu = o->menu;
    char sheets[2][256];
    mc_code rc = MC_OK;
    if (o->n_stds || o->n_groups) {
        s->n_stds = o->n_stds;
        s->n_specs = o->n_groups;
        rc = mc_session_resolve(o->standards, o->std_ids, o->n_stds, o->groups,
                                o->n_groups, s->stds, s->specs, err);
    }
    if (rc || (rc = check_cooking_dir(o, err)) || (rc = open_db(o, s, err)))
        goto fail;
    s->cooking = o->cooking;
    if (!s->cooking) {
        if ((rc = mc_cooking_set_load(o->cooking_dir, &s->own_cooking, err)))
            goto fail;
        s->cooking = s->own_cooking;
    }
    if ((rc = find_sheets(o, &book, &menu, sheets, err)) ||
        (rc = mc_recipe_book_load_input(&book, s->db, s->cooking, &s->book, err)) ||
        (mc_input_given(&menu) &&
         (rc = mc_menu_load_input(&menu, s->book, s->db, &s->menu, err))) ||
        (o->check && (rc = mc_check_run(s->menu, s->stds, s->n_stds, s->specs,
                                        s->n_specs, o->check, &s->check, err))))
        goto fail;
    return MC_OK;
fail:
    mc_session_close(s);
    return rc;
}

void mc_session_close(struct mc_session *s)
{
    mc_check_free(s->check);
    mc_menu_free(s->menu);
    mc_recipe_book_free(s->book);
    mc_cooking_set_free(s->own_cooking);
    mc_food_db_close(s->own_db);
    for (size_t g = 0; g < s->n_specs; g++)
        mc_group_spec_release(&s->specs[g]);
    memset(s, 0, sizeof *s);
}
