/*
 * test_food_set_cli.c - `mealcheck check --food-set` end to end, on the
 * shipped food map and SanPiN 3590-20 Appendix 7 set.
 *
 * tests/data/food-set (worked out in tests/unit/test_food_set.c): per day
 * on average oats 75 g (cereals), milk 300 g, apple 75 g, wheat bread 30 g,
 * butter 7.5 g, cheddar 15 g, tomato 22.5 g.  Against the 7-11 set: milk
 * 300 of 300 g (100 %, ok), cereals 75 of 45 g (167 %, high), wheat bread
 * 30 of 150 g (20 %, low); every row is unverified, so none fails.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define FS_R "tests/data/food-set/recipes.csv"
#define FS_M "tests/data/food-set/menu.csv"
#define APP7 "ru_sanpin_3590_20_app7"

/* The statement in text, and its sheet in the report. */
Test(food_set_cli, text_statement)
{
    char path[64], cmd[160];
    snprintf(path, sizeof path, "build/e2e-food-set-%d.xlsx", (int)getpid());
    struct run r;
    run_mc(&r, "check", "--recipes", FS_R, "--menu", FS_M, "--standard", "ru_sanpin_3590_20",
           "--group", "7-11", "--food-set", APP7, "-o", path, NULL);
    snprintf(cmd, sizeof cmd, "unzip -p %s xl/workbook.xml | grep -q '<sheet name=\"Food sets\"'",
             path);
    cr_expect_eq(system(cmd), 0);
    unlink(path);
    cr_expect(str_has(r.out, "\n== food set ru_sanpin_3590_20_app7, group ru_7_11 (7-11): "
                             "complies: every deviation is advisory (19 low, 1 high, 1 ok)\n"
                             "   net grams per child per day, average of 2 days; norm: "
                             "100-100 % of the day's set, tolerance 0 %\n"), "%s", r.out);
    cr_expect(str_has(r.out, "   milk                    600.0      300.0 300.0           "
                             "   100%  ok       no (advisory)\n"), "%s", r.out);
    cr_expect(str_has(r.out, "   cereals_legumes         150.0       75.0 45.0            "
                             "   167%  high     no (advisory)\n"));
    cr_expect(str_has(r.out, "   cheese                   30.0       15.0 -               "
                             "      -  no norm  \n"));
    run_free(&r);
}

/* Half of the day's set, 50-60 % within 10 %: milk 300 x 0.5 x 0.9 = 135 to
 * 300 x 0.6 x 1.1 = 198 g (198.00000000000003 in doubles), and 300 g is
 * 300 / 165 = 181.8 % of the middle. */
Test(food_set_cli, json_share_and_tolerance)
{
    struct run r;
    run_mc(&r, "check", "--recipes", FS_R, "--menu", FS_M, "--standard", "ru_sanpin_3590_20",
           "--group", "7-11", "--food-set", APP7, "--food-set-share", "50-60",
           "--food-set-tolerance", "10", "--format", "json", NULL);
    cr_expect(str_has(r.out, "}]},\"food_set\":{\"complies\":true,\"id\":"
                             "\"ru_sanpin_3590_20_app7\",\"group\":\"ru_7_11\",\"age_min\":7,"
                             "\"age_max\":11,\"days\":2,\"share_min_pct\":50,"
                             "\"share_max_pct\":60,\"tolerance_pct\":10,\"lines\":["), "%s", r.out);
    cr_expect(str_has(r.out, "{\"status\":\"high\",\"verified\":false,\"food_group\":\"milk\","
                             "\"name\":\"Молоко\",\"days_net_g\":[200,400],\"total_net_g\":600,"
                             "\"total_gross_g\":600,\"average_net_g\":300,\"norm_g\":300,"
                             "\"min_g\":135,\"max_g\":198.00000000000003,\"pct_of_norm\":"
                             "181.8181818181818}"),
              "%s", r.out);
    cr_expect(str_has(r.out, "{\"status\":\"no_norm\",\"verified\":null,\"food_group\":"
                             "\"cheese\",\"name\":\"cheese\",\"days_net_g\":[20,10],"
                             "\"total_net_g\":30,\"total_gross_g\":30,\"average_net_g\":15,"
                             "\"norm_g\":null,\"min_g\":null,\"max_g\":null,"
                             "\"pct_of_norm\":null}"), "%s", r.out);
    cr_expect(str_has(r.out, "{\"total_net_g\":45,\"food_id\":\"11529\",\"name\":\"Tomatoes, "
                             "red, ripe, raw, year round average\",\"food_group\":"
                             "\"vegetables\"}]}}\n"));
    run_free(&r);
}

Test(food_set_cli, errors)
{
    struct run r;
    run_mc(&r, "check", "--recipes", FS_R, "--menu", FS_M, "--standard", "ru_sanpin_3590_20",
           "--group", "7-11", "--food-set", "nope", "--date", "2026-08-31", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: unknown food set 'nope' (available: "
                            "ru_sanpin_3590_20_app7)\n");
    run_free(&r);
    run_mc(&r, "check", "--recipes", FS_R, "--menu", FS_M, "--standard", "ru_sanpin_3590_20",
           "--group", "9-13", "--food-set", APP7, "--date", "2026-08-31", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: food set 'ru_sanpin_3590_20_app7': no age "
                            "group covers ages 9-13 (its groups: ru_7_11 (7-11), ru_12_18 "
                            "(12-18))\n");
    run_free(&r);
    run_mc(&r, "check", "--recipes", FS_R, "--menu", FS_M, "--standard", "ru_sanpin_3590_20",
           "--group", "7-11", "--food-set", APP7, "--food-set-share", "0-5", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: --food-set-share: expected MIN-MAX (% of "
                                "the day, e.g. 50-60), got '0-5'\nusage:"), "%s", r.err);
    run_free(&r);
}
