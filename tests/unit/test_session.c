/* test_session.c - norm sets and groups as a user names them, and the
 * default date of a check. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mealcheck/check.h"
#include "mealcheck/food_set.h"
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
