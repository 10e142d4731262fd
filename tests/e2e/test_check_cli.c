/*
 * test_check_cli.c - `mealcheck standards` and `mealcheck check` end to end,
 * on the real SR28 database and the shipped norm sets.
 *
 * tests/data/check-ok/menu.csv, one Monday (values from SR28):
 *   breakfast: apple 09003 400 g (52 kcal/100 g = 208) + oats 08120 60 g
 *              (379 kcal/100 g = 227.4) = 435.4 kcal; saturated fat
 *              0.028 x 4 + 1.110 x 0.6 = 0.778 g = 9 x 0.778 / 435.4 = 1.6 %
 *   lunch:     oats 100 g (379) + apple 500 g (260) = 639 kcal
 * USDA K-5 (5-10 years): breakfast 350-500 kcal, lunch 550-650 kcal,
 * saturated fat < 10 %, sodium <= 540 / 1110 mg (2025): complies.
 *
 * tests/data/check-small/menu.csv: vitamin C is the apple's only, 4.6 mg
 * (Monday, 100 g) and 9.2 mg (Tuesday, 200 g): mean 6.9 mg.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define SMALL_R "tests/data/check-small/recipes.csv"
#define SMALL_M "tests/data/check-small/menu.csv"
#define OK_M "tests/data/check-ok/menu.csv"

static int has(const char *hay, const char *needle)
{
    return strstr(hay, needle) != NULL;
}

Test(standards_cli, list_and_show)
{
    struct run r;
    run_mc(&r, "standards", "list", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(has(r.out, "\nru_sanpin_3590_20    per day, each day               2    25  SanPiN"),
              "%s", r.out);
    cr_expect(has(r.out, "\nusda_school_meals    per meal, period average        3    33  USDA"));
    run_free(&r);
    run_mc(&r, "standards", "show", "usda_school_meals", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(has(r.out, "  legal ref:   7 CFR 210.10(f) (lunch) and 220.8(f) (breakfast)"));
    cr_expect(has(r.out, "  grades_k_5     sodium_mg        max                   935 mg"
                         "           lunch      2027-07-01..            "
                         "usda_2024_sodium_limit_eff_2027_07_01\n"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "standards", "show", "ru_sanpin_3590_20", "--format", "json", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(has(r.out, "\"meal_shares\":[{\"meal\":\"breakfast\",\"min_pct\":20,"
                         "\"max_pct\":25,\"verified\":true},{\"meal\":\"lunch\","
                         "\"min_pct\":30,\"max_pct\":35,\"verified\":false}]"), "%s", r.out);
    run_free(&r);
}

Test(standards_cli, unknown_id)
{
    struct run r;
    run_mc(&r, "standards", "show", "kz_302", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: unknown standard 'kz_302' (available: "
                            "ru_mr_2_3_1_0253_21, ru_sanpin_3590_20, uk_scotland_2020, us_dri, usda_school_meals)\n");
    run_free(&r);
}

Test(check_cli, complying_menu_exits_0)
{
    struct run r;
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", OK_M, "--standard",
           "usda_school_meals", "--group", "5-10", "--date", "2025-01-01", NULL);
    cr_expect_eq(r.status, 0, "%s%s", r.out, r.err);
    cr_expect(has(r.out, "== usda_school_meals, group 5-10 (grades_k_5): complies: the "
                         "6 verified norms are met (0 fail, 0 advisory, 0 insufficient "
                         "data, 6 pass)"), "%s", r.out);
    cr_expect(has(r.out, "   Energy (kcal), breakfast             350-500                 435    102%"),
              "%s", r.out);
    cr_expect(has(r.out, "RESULT: the menu complies with every norm set checked\n"));
    run_free(&r);
}

/* From 1 July 2027 the breakfast sodium limit for K-5 is 485 mg (2024 rule). */
Test(check_cli, date_selects_the_sodium_rule)
{
    struct run r;
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", OK_M, "--standard",
           "usda_school_meals", "--group", "grades_k_5", "--date", "2027-07-01",
           "--format", "json", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(has(r.out, "\"date\":\"2027-07-01\""));
    cr_expect(has(r.out, "\"nutrient\":\"sodium_mg\",\"unit\":\"mg\",\"measure\":\"amount\","
                         "\"meal\":\"breakfast\",\"min\":null,\"max\":{\"kind\":\"max\","
                         "\"value\":485,\"after_tolerance\":485,\"unit\":\"mg\","
                         "\"group\":\"grades_k_5\",\"rule\":\"usda_2024_sodium_limit_eff_2027_07_01\","
                         "\"effective_from\":\"2027-07-01\",\"effective_to\":null"), "%s", r.out);
    run_free(&r);
}

/* Failing nutrients come first; exit 3; the JSON average of vitamin C is 6.9. */
Test(check_cli, noncompliant_menu_exits_3)
{
    struct run r;
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", SMALL_M, "--standard", "us_dri",
           "--group", "14 boys and 12 girls aged 9-13", "--date", "2025-01-01", NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    cr_expect(has(r.out, "== us_dri, group 14 boys and 12 girls aged 9-13 (male_9_13, "
                         "female_9_13): DOES NOT COMPLY"), "%s", r.out);
    cr_expect(has(r.out, "   subgroups: male_9_13 (9-13, male, 14 children), female_9_13 "
                         "(9-13, female, 12 children); the strictest bound binds (BINDS)\n"));
    const char *table = strstr(r.out, "VERDICT\n");
    cr_assert(table);
    const char *first = table + strlen("VERDICT\n");
    cr_expect(strstr(first, "FAIL\n") < strstr(first, "pass\n"), "failures first");
    cr_expect(has(r.out, "   Vitamin C (mg)                       45.0-1200.0             6.9"
                         "     15%  low"), "%s", r.out);
    cr_expect(has(r.out, "RESULT: the menu does NOT comply\n"));
    run_free(&r);
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", SMALL_M, "--standard", "us_dri",
           "--group", "9-13", "--date", "2025-01-01", "--format", "json", NULL);
    cr_expect_eq(r.status, 3);
    cr_expect(has(r.out, "\"complies\":false"));
    const char *c = strstr(r.out, "{\"nutrient\":\"vit_c_mg\"");
    cr_assert(c, "%s", r.out);
    /* (4.6 + 9.2) / 2 in binary floating point. */
    cr_expect(has(c, "\"average\":{\"value\":6.8999999999999995,\"coverage\":1,\"min\":45,\"max\":1200,"
                     "\"reference\":45,\"pct_of_norm\":15.333333333333334,\"status\":\"low\"}"),
              "%.600s", c);
    run_free(&r);
}

Test(check_cli, unknown_standard_and_group_list_the_valid_ones)
{
    struct run r;
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", SMALL_M, "--standard", "nope",
           "--standard", "ru_sanpin_3590_20", "--group", "teens", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err,
        "mealcheck: error: unknown standard 'nope' (available: ru_mr_2_3_1_0253_21, "
        "ru_sanpin_3590_20, uk_scotland_2020, us_dri, usda_school_meals)\n"
        "mealcheck: error: unknown group 'teens' for standard 'ru_sanpin_3590_20' "
        "(groups: ru_7_11 (7-11, any), ru_12_plus (12-18, any); or give ages such as "
        "'7-11', '9-13:female', '14 boys and 12 girls aged 9-13')\n");
    cr_expect_str_eq(r.out, "");
    run_free(&r);
}

Test(check_cli, meal_without_a_share)
{
    struct run r;
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", "tests/data/check-small/menu-snack.csv",
           "--standard", "ru_sanpin_3590_20", "--group", "7-11", "--date", "2026-08-31", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err,
        "mealcheck: error: tests/data/check-small/menu-snack.csv: meal 'snack' has no "
        "share of the day in standard 'ru_sanpin_3590_20' (./standards/ru_sanpin_3590_20.csv "
        "gives shares for: breakfast 20-25 %, lunch 30-35 %); add a '#meal_share: snack "
        "MIN-MAX' line to the norm set or leave the meal out\n");
    run_free(&r);
}

Test(check_cli, usage_errors)
{
    struct run r;
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", SMALL_M, "--group", "7-11", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(has(r.err, "mealcheck: error: give at least one --standard (see "
                         "'mealcheck standards list')\nusage: mealcheck check"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", SMALL_M, "--standard", "us_dri",
           "--group", "7-11", "--date", "2025-02-30", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(has(r.err, "mealcheck: error: --date: expected YYYY-MM-DD, got '2025-02-30'\n"));
    run_free(&r);
}

/* A report in a folder that does not exist: bad input (exit 2), nothing written. */
Test(check_cli, report_path_unwritable)
{
    struct run r;
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", OK_M, "--standard",
           "usda_school_meals", "--group", "5-10", "-o", "build/no-such-dir/r.xlsx", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: build/no-such-dir/r.xlsx: cannot write: "
                            "No such file or directory\n");
    cr_expect_str_eq(r.out, "", "no verdict printed when the report failed");
    run_free(&r);
}

/* The sample menu end to end, as `make run` does, plus the Scotland and
 * USDA sets side by side. */
Test(check_cli, sample_menu_report)
{
    char path[64];
    snprintf(path, sizeof path, "build/e2e-sample-%d.xlsx", (int)getpid());
    struct run r;
    run_mc(&r, "check", "--recipes", "menus/recipes.csv", "--menu", "menus/menu.csv",
           "--standard", "ru_sanpin_3590_20", "--standard", "us_dri", "--standard",
           "uk_scotland_2020", "--group", "7-11", "--date", "2026-09-01", "-o", path, NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    cr_expect(has(r.out, "== ru_sanpin_3590_20, group 7-11 (ru_7_11): "));
    cr_expect(has(r.out, "   the menu's meals must cover 50-60 % of the daily norm (shares "
                         "of the norm set; a meal share is unverified: advisory)\n"));
    cr_expect(has(r.out, "== us_dri, group 7-11 (child_4_8, male_9_13, female_9_13): "));
    cr_expect(has(r.out, "   whole-day norms: the menu is compared with a full day's needs "
                         "(meal shares, when given, scale them to the meals served)\n"));
    cr_expect(has(r.out, "== uk_scotland_2020, group 7-11 (primary): "));
    cr_expect(has(r.out, "   breakfast: no norms for this meal in uk_scotland_2020\n"));
    cr_expect(has(r.out, "report written to "));
    char cmd[160];
    snprintf(cmd, sizeof cmd, "unzip -p %s xl/workbook.xml | grep -q '<sheet name=\"Data quality\"'",
             path);
    cr_expect_eq(system(cmd), 0);
    unlink(path);
    run_free(&r);
}

/* --meal-share holds a school menu to its part of whole-day norms.  The
 * sample's calcium: the US DRI for 9-13 is 1300 mg/day; breakfast + lunch
 * at 20-25 % + 30-35 % cover 50-60 % of it, so the minimum is 650 mg. */
Test(check_cli, meal_share_option)
{
    struct run r;
    run_mc(&r, "check", "--recipes", "menus/recipes.csv", "--menu", "menus/menu.csv",
           "--standard", "us_dri", "--group", "9-13", "--date", "2026-09-01",
           "--meal-share", "breakfast=20-25", "--meal-share", "lunch=30-35",
           "--format", "json", NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    cr_expect(has(r.out, "\"share_of_day\":{\"min_pct\":50,\"max_pct\":60,"
                         "\"verified\":true,\"source\":\"meal_share_option\"}"), "%s", r.out);
    cr_expect(has(r.out, "\"nutrient\":\"calcium_mg\""));
    cr_expect(has(r.out, "\"note\":\"UL (total intake)\"},\"average\":{\"value\":"));
    cr_expect(has(r.out, "\"coverage\":1,\"min\":650,\"max\":1800,\"reference\":650,"),
              "1300 x 50 %% and the UL 3000 x 60 %%");
    run_free(&r);
    run_mc(&r, "check", "--recipes", "menus/recipes.csv", "--menu", "menus/menu.csv",
           "--standard", "us_dri", "--group", "9-13", "--meal-share", "lunch=35-30", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: --meal-share: expected MEAL=MIN-MAX "
                                "(% of the day, e.g. lunch=30-35), got 'lunch=35-30'\nusage:"),
              "%s", r.err);
    run_free(&r);
    run_mc(&r, "check", "--recipes", "menus/recipes.csv", "--menu", "menus/menu.csv",
           "--standard", "us_dri", "--group", "9-13", "--meal-share", "lunch=30-35", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: menus/menu.csv: meal 'breakfast' has no "
                            "share of the day in --meal-share (given: lunch 30-35 %); add "
                            "'--meal-share breakfast=MIN-MAX'\n");
    run_free(&r);
}

/* USDA weighted analysis (tests/data/check-weighted): Monday lunch is
 * (oats 100 g x 50 servings (379 kcal) + apple 200 g x 100 (104 kcal)) / 100
 * planned meals = (18950 + 10400) / 100 = 293.5 kcal; Tuesday
 * (379 x 150 + 104 x 150) / 150 = 483 kcal.  Mean of days 388.25; total
 * over total (293.5 x 100 + 483 x 150) / 250 = 407.2. */
Test(check_cli, weighted_average_choice)
{
    struct run r;
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", "tests/data/check-weighted/menu.csv",
           "--standard", "usda_school_meals", "--group", "5-10", "--date", "2025-01-01",
           "--format", "json", NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    cr_expect(has(r.out, "\"average\":\"days\",\"weighted\":true"));
    cr_expect(has(r.out, "\"meal\":\"lunch\",\"min\":{\"kind\":\"range_min\""));
    cr_expect(has(r.out, "\"average\":{\"value\":388.25,"), "%s", r.out);
    cr_expect(has(r.out, "\"days\":[{\"week\":1,\"day\":1,\"value\":293.5,"));
    run_free(&r);
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", "tests/data/check-weighted/menu.csv",
           "--standard", "usda_school_meals", "--group", "5-10", "--date", "2025-01-01",
           "--average", "totals", NULL);
    cr_expect_eq(r.status, 3);
    cr_expect(has(r.out, "period average: total over total (planned meals); weighted by "
                         "planned servings\n"));
    cr_expect(has(r.out, "   Energy (kcal), lunch                 550-650                 407"
                         "     68%  low"), "%s", r.out);
    run_free(&r);
}

/* Prices (tests/data/prices): Oatmeal costs 50 g x 800 + 200 g x 450 a kg
 * = 40 + 90 = 130 a batch of 250 g; Carrot salad 120 g gross x 300 = 36 a
 * batch of 100 g; Porridge plate its 250 g of Oatmeal (130) and butter
 * 10 g x 5000 (50) = 180.  Monday: Oatmeal 125 g (65) + salad 100 g (36)
 * + an apple priced 25 in the menu = 126; Tuesday 180 + 30 = 210; mean
 * 168.  Against a budget of 150, Tuesday is over. */
Test(check_cli, cost_against_a_budget)
{
    struct run r;
    run_mc(&r, "check", "--recipes", "tests/data/prices/recipes.csv", "--menu",
           "tests/data/prices/menu.csv", "--standard", "us_dri", "--group", "9-13",
           "--budget", "150", "--currency", "KZT", NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    cr_expect(str_has(r.out, "\ncost per child a day: mean 168.00 KZT; budget 150.00 KZT: "
                             "1 of 2 days over\n"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "check", "--recipes", "tests/data/prices/recipes.csv", "--menu",
           "tests/data/prices/menu.csv", "--standard", "us_dri", "--group", "9-13",
           "--budget", "150", "--currency", "KZT", "--format", "json", NULL);
    cr_expect(str_has(r.out, ",\"cost\":{\"currency\":\"KZT\",\"budget\":150,\"mean_day\":168,"
                             "\"days_priced\":2,\"days_over\":1,\"days\":[{\"week\":1,\"day\":1,"
                             "\"cost\":126,\"over_budget\":false},{\"week\":1,\"day\":2,"
                             "\"cost\":210,\"over_budget\":true}]}}\n"), "%s", r.out);
    run_free(&r);
    /* An apple without a price: Tuesday's cost is unknown, not 180. */
    run_mc(&r, "check", "--recipes", "tests/data/prices/recipes.csv", "--menu",
           "tests/data/prices/menu-unpriced.csv", "--standard", "us_dri", "--group",
           "9-13", "--budget", "150", NULL);
    cr_expect(str_has(r.out, "\ncost per child a day: unknown for 1 of 2 days (a dish "
                             "without a price); budget 150.00: 0 of 2 days over\n"),
              "%s", r.out);
    run_free(&r);
    run_mc(&r, "check", "--recipes", "tests/data/prices/recipes.csv", "--menu",
           "tests/data/prices/menu.csv", "--standard", "us_dri", "--group", "9-13",
           "--budget", "0", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: --budget: expected a positive amount "
                                "per child per day, got '0'\n"), "%s", r.err);
    run_free(&r);
}

/* The case end to end: the sample held to SanPiN for 7-11 misses
 * calcium (70 %), vitamin C (76 %) and vitamin D (44 %).  With the set's
 * own shares (lunch unverified) no bound decides: it cannot be decided,
 * exit 7, never "complies".  The shares the caterer states decide: exit 3. */
Test(check_cli, sanpin_never_says_complies_over_missed_norms)
{
    struct run r;
    run_mc(&r, "check", "--recipes", "menus/recipes.csv", "--menu", "menus/menu.csv",
           "--standard", "ru_sanpin_3590_20", "--group", "7-11", "--date", "2026-09-01",
           NULL);
    cr_expect_eq(r.status, 7, "%s", r.err);
    cr_expect(has(r.out, "== ru_sanpin_3590_20, group 7-11 (ru_7_11): cannot be decided: "
                         "none of the norms checked is verified, they only advise (a meal "
                         "share of the norm set is unverified: state the shares you apply); "
                         "9 advisory norms not met (0 fail, 9 advisory, 1 insufficient data, "
                         "3 pass)\n"), "%s", r.out);
    cr_expect(has(r.out, "Calcium (70 % of norm, low)"), "%s", r.out);
    cr_expect(has(r.out, "Vitamin D (44 % of norm, low)"), "%s", r.out);
    cr_expect(has(r.out, "\nRESULT: compliance cannot be decided: the norms checked are "
                         "unverified and only advise\n"), "%s", r.out);
    cr_expect(!has(r.out, "RESULT: the menu complies"));
    run_free(&r);
    run_mc(&r, "check", "--recipes", "menus/recipes.csv", "--menu", "menus/menu.csv",
           "--standard", "ru_sanpin_3590_20", "--group", "7-11", "--date", "2026-09-01",
           "--format", "json", NULL);
    cr_expect_eq(r.status, 7);
    cr_expect(has(r.out, "\"complies\":false,\"outcome\":\"cannot_be_decided\","
                         "\"undecided_reason\":\"unverified_norms\",\"meals\":"), "%.400s", r.out);
    cr_expect(has(r.out, "\"counts\":{\"fail\":0,\"advisory\":9,\"insufficient_data\":1,"
                         "\"pass\":3,\"deciding\":0,\"advising\":13}"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "check", "--recipes", "menus/recipes.csv", "--menu", "menus/menu.csv",
           "--standard", "ru_sanpin_3590_20", "--group", "7-11", "--date", "2026-09-01",
           "--meal-share", "breakfast=20-25", "--meal-share", "lunch=30-35", NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    cr_expect(has(r.out, "(ru_7_11): DOES NOT COMPLY: 6 verified norms not met; 3 advisory "
                         "norms not met"), "%s", r.out);
    cr_expect(has(r.out, "(shares given for this check)"), "%s", r.out);
    run_free(&r);
}

/* Every verified norm met, advisory ones not (the food set's unverified
 * rows): amber, exit 6, in text and JSON. */
Test(check_cli, advisory_norms_not_met_exit_6)
{
    struct run r;
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", OK_M, "--standard",
           "usda_school_meals", "--group", "7-10", "--date", "2025-01-01", "--food-set",
           "ru_sanpin_3590_20_app7", NULL);
    cr_expect_eq(r.status, 6, "%s", r.err);
    cr_expect(has(r.out, "\nRESULT: the menu complies with the verified norms, but advisory "
                         "(unverified) norms are not met\n"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", OK_M, "--standard",
           "usda_school_meals", "--group", "7-10", "--date", "2025-01-01", "--food-set",
           "ru_sanpin_3590_20_app7", "--format", "json", NULL);
    cr_expect_eq(r.status, 6);
    cr_expect(has(r.out, "\"complies\":false,\"outcome\":\"advisory_not_met\","
                         "\"undecided_reason\":null,"), "%.400s", r.out);
    run_free(&r);
}
