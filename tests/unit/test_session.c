/* test_session.c - norm sets and groups as a user names them, the
 * default date of a check, and a session reading files or uploads. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mealcheck/check.h"
#include "mealcheck/food_db.h"
#include "mealcheck/food_set.h"
#include "mealcheck/menu.h"
#include "mealcheck/recipe.h"
#include "mealcheck/session.h"
#include "mealcheck/standard.h"

static struct mc_standard_set *load_basic(void)
{
    struct mc_err err = {0};
    struct mc_standard_set *set = NULL;
    cr_assert_eq(mc_standard_set_load("tests/data/standards-basic", &set, &err), MC_OK);
    mc_err_release(&err);
    return set;
}

Test(session, resolves_sets_and_groups)
{
    struct mc_standard_set *set = load_basic();
    const char *ids[] = {"T_DAILY", "t_each"};
    const char *groups[] = {"7-10"};
    const struct mc_standard *stds[2] = {0};
    struct mc_group_spec specs[1] = {0};
    struct mc_err err = {0};
    cr_expect_eq(mc_session_resolve(set, ids, 2, groups, 1, stds, specs, &err), MC_OK);
    cr_expect_eq(stds[0], mc_standard_find(set, "t_daily"), "ids in any case");
    cr_expect_eq(stds[1], mc_standard_find(set, "t_each"));
    cr_expect_eq(specs[0].is_ages, 1);
    cr_expect_eq(specs[0].age_min, 7);
    cr_expect_eq(specs[0].age_max, 10);
    cr_expect_null(mc_err_text(&err));
    mc_group_spec_release(&specs[0]);
    mc_err_release(&err);
    mc_standard_set_free(set);
}

Test(session, every_unknown_set_and_group_is_reported)
{
    struct mc_standard_set *set = load_basic();
    const char *ids[] = {"t_daly", "t_each", "nope"};
    const char *groups[] = {"kids_7_10", "no_such_group"};
    const struct mc_standard *stds[3] = {0};
    struct mc_group_spec specs[2] = {0};
    struct mc_err err = {0};
    cr_expect_eq(mc_session_resolve(set, ids, 3, groups, 2, stds, specs, &err),
                 MC_ERR_NOT_FOUND);
    cr_expect_null(stds[0]);
    cr_expect_eq(stds[1], mc_standard_find(set, "t_each"), "the known set is found");
    cr_expect_null(stds[2]);
    cr_expect_str_eq(mc_err_text(&err),
        "unknown standard 't_daly' (available: t_daily, t_each, t_meal)\n"
        "unknown standard 'nope' (available: t_daily, t_each, t_meal)\n"
        "unknown group 'no_such_group' for standard 't_each' (groups: kids_7_10 (7-10, any);"
        " or give ages such as '7-11', '9-13:female', '14 boys and 12 girls aged 9-13')\n");
    for (size_t i = 0; i < 2; i++)
        mc_group_spec_release(&specs[i]);
    mc_err_release(&err);
    mc_standard_set_free(set);
}

/* Today as strftime() writes it, around the call (a test run at midnight
 * may see either day). */
Test(session, today_is_the_local_date)
{
    char before[16], after[16];
    time_t t = time(NULL);
    strftime(before, sizeof before, "%Y%m%d", localtime(&t));
    int today = mc_session_today();
    t = time(NULL);
    strftime(after, sizeof after, "%Y%m%d", localtime(&t));
    char got[16];
    snprintf(got, sizeof got, "%d", today);
    cr_expect(!strcmp(got, before) || !strcmp(got, after), "got %s, expected %s", got,
              after);
}

/* The food set counts as much as the nutrients: the worse of the two. */
Test(session, outcome_with_a_food_set)
{
    struct mc_check c = {.outcome = MC_OUTCOME_ADVISORY};
    struct mc_food_set fs = {.complies = 1};
    cr_expect_eq(mc_session_outcome(&c, NULL), MC_OUTCOME_ADVISORY);
    cr_expect_eq(mc_session_outcome(&c, &fs), MC_OUTCOME_ADVISORY);
    c.outcome = MC_OUTCOME_COMPLIES;
    cr_expect_eq(mc_session_outcome(&c, &fs), MC_OUTCOME_COMPLIES);
    fs.n_low = 1;
    cr_expect_eq(mc_session_outcome(&c, &fs), MC_OUTCOME_ADVISORY,
                 "an unverified food norm missed is advisory");
    fs.complies = 0;
    cr_expect_eq(mc_session_outcome(&c, &fs), MC_OUTCOME_FAILS);
    c.outcome = MC_OUTCOME_UNDECIDED;
    fs = (struct mc_food_set){.complies = 1, .n_high = 2};
    cr_expect_eq(mc_session_outcome(&c, &fs), MC_OUTCOME_UNDECIDED);
}

static const char *test_db(void)
{
    const char *path = getenv("MC_TEST_DB");
    return path && *path ? path : MC_FOOD_DB_DEFAULT;
}

static char *slurp(const char *path, size_t *len)
{
    struct mc_err err = {0};
    char *buf = NULL;
    cr_assert_eq(mc_infile_read(path, &buf, len, &err), MC_OK, "%s", mc_err_text(&err));
    return buf;
}

/* An upload is read as the file it came from would be: the same totals,
 * named as the user knows it. */
Test(session, an_upload_reads_as_its_file)
{
    struct mc_err err = {0};
    struct mc_session f, u;
    const struct mc_session_opts of = {
        .db_path = test_db(), .cooking_dir = "food_composition/cooking",
        .recipes = {.path = "menus/recipes.csv"}, .menu = {.path = "menus/menu.csv"}};
    cr_assert_eq(mc_session_open(&of, &f, &err), MC_OK, "%s", mc_err_text(&err));
    size_t rlen, mlen;
    char *r = slurp("menus/recipes.csv", &rlen), *m = slurp("menus/menu.csv", &mlen);
    const struct mc_session_opts ou = {
        .db = f.db, .cooking = f.cooking,
        .recipes = {.data = r, .len = rlen, .name = "техкарты.csv"},
        .menu = {.data = m, .len = mlen, .name = "week1.csv"}};
    cr_assert_eq(mc_session_open(&ou, &u, &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_eq(u.db, f.db, "no alias table: the handle given is used");
    cr_expect_str_eq(u.book->path, "техкарты.csv");
    cr_expect_str_eq(u.menu->path, "week1.csv");
    cr_assert_eq(u.menu->n_days, f.menu->n_days);
    cr_assert_eq(f.menu->n_days, 10);
    for (size_t d = 0; d < f.menu->n_days; d++)
        cr_expect_eq(u.menu->days[d].n.value[MC_N_ENERGY_KCAL],
                     f.menu->days[d].n.value[MC_N_ENERGY_KCAL], "day %zu", d);
    mc_session_close(&u);
    mc_session_close(&f);
    free(r);
    free(m);
    mc_err_release(&err);
}

Test(session, an_uploads_errors_name_it)
{
    struct mc_err err = {0};
    struct mc_session s;
    size_t mlen;
    char *m = slurp("tests/data/menu-errors/menu.csv", &mlen);
    const struct mc_session_opts o = {
        .db_path = test_db(), .cooking_dir = "food_composition/cooking",
        .recipes = {.path = "tests/data/recipes-basic/recipes.csv", .name = "book.csv"},
        .menu = {.data = m, .len = mlen, .name = "week1.csv"}};
    cr_expect_eq(mc_session_open(&o, &s, &err), MC_ERR_INPUT);
    cr_expect_null(s.book, "closed on failure");
    const char *text = mc_err_text(&err);
    cr_assert_not_null(text);
    cr_expect(!strncmp(text, "week1.csv:2:5: portion_g: expected a positive number, "
                             "got 'abc'\n", 63), "%s", text);
    mc_session_close(&s);
    free(m);
    mc_err_release(&err);
}

/* A caterer's alias table goes into a handle of the session's own, never
 * into the one it was given (others share it). */
Test(session, an_alias_table_stays_in_the_session)
{
    struct mc_err err = {0};
    struct mc_food_db *shared;
    cr_assert_eq(mc_food_db_open(test_db(), &shared, &err), MC_OK);
    const char table[] = "alias,lang,food_id\nКартошка молодая,ru,11352\n";
    const char menu[] = "week,day,meal,dish,portion_g\n1,Mon,lunch,Картошка молодая,100\n";
    struct mc_session s;
    const struct mc_session_opts o = {
        .db_path = test_db(), .db = shared, .cooking_dir = "food_composition/cooking",
        .aliases = {.data = table, .len = sizeof table - 1, .name = "мои-названия.csv"},
        .recipes = {.path = "menus/recipes.csv"},
        .menu = {.data = menu, .len = sizeof menu - 1, .name = "week.csv"}};
    cr_assert_eq(mc_session_open(&o, &s, &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_neq(s.db, shared);
    cr_assert_eq(s.menu->n_servings, 1);
    cr_expect_str_eq(s.menu->servings[0].food_id, "11352");
    /* 100 g of raw potato, 11352: 77 kcal per 100 g in SR28. */
    cr_expect_float_eq(s.menu->days[0].n.value[MC_N_ENERGY_KCAL], 77.0, 1e-9);
    struct mc_food_hit *hits = NULL;
    size_t n = 9;
    cr_assert_eq(mc_food_db_find_alias(shared, "Картошка молодая", 5, &hits, &n, &err),
                 MC_OK);
    cr_expect_eq(n, 0, "the shared handle does not know the caterer's name");
    mc_food_hits_free(hits, n);
    mc_session_close(&s);

    const char bad[] = "alias,lang,food_id\nКартошка молодая,uz,11352\n";
    const struct mc_session_opts ob = {
        .db_path = test_db(), .db = shared, .cooking_dir = "food_composition/cooking",
        .aliases = {.data = bad, .len = sizeof bad - 1, .name = "мои-названия.csv"},
        .recipes = {.path = "menus/recipes.csv"}};
    cr_expect_eq(mc_session_open(&ob, &s, &err), MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err),
                     "мои-названия.csv:2:2: lang: expected ru or kk, got 'uz'\n");
    mc_session_close(&s);
    mc_food_db_close(shared);
    mc_err_release(&err);
}

Test(session, a_cooking_folder_named_must_be_one)
{
    struct mc_err err = {0};
    struct mc_session s;
    const struct mc_session_opts o = {
        .db_path = test_db(), .cooking_dir = "menus/menu.csv", .cooking_named = 1,
        .recipes = {.path = "menus/recipes.csv"}};
    cr_expect_eq(mc_session_open(&o, &s, &err), MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err), "menus/menu.csv: not a folder; --cooking expects "
                                        "a folder of cooking-loss profiles (*.csv)\n");
    mc_session_close(&s);
    mc_err_release(&err);
}

Test(session, the_check_is_run_when_asked)
{
    struct mc_err err = {0};
    struct mc_standard_set *set = NULL;
    cr_assert_eq(mc_standard_set_load("standards", &set, &err), MC_OK);
    const char *ids[] = {"us_dri"}, *groups[] = {"9-13"};
    const struct mc_check_opts opts = {.date = 20250115};
    struct mc_session s;
    const struct mc_session_opts o = {
        .db_path = test_db(), .cooking_dir = "food_composition/cooking",
        .recipes = {.path = "menus/recipes.csv"}, .menu = {.path = "menus/menu.csv"},
        .standards = set, .std_ids = ids, .n_stds = 1, .groups = groups, .n_groups = 1,
        .check = &opts};
    cr_assert_eq(mc_session_open(&o, &s, &err), MC_OK, "%s", mc_err_text(&err));
    cr_assert_not_null(s.check);
    cr_expect_eq(s.check->n_results, 1);
    cr_expect_eq(s.check->menu, s.menu);
    cr_expect_eq(s.stds[0], mc_standard_find(set, "us_dri"));
    mc_session_close(&s);
    mc_standard_set_free(set);
    mc_err_release(&err);
}
