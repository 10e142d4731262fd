/*
 * test_suggest_cli.c - `mealcheck suggest` end to end on the sample menu,
 * the shipped DRIs (breakfast 20-25 %, lunch 30-35 % of the day) and the
 * real SR28 database.
 *
 * For 7-11 year olds without additions nothing within +-25 % complies:
 * vitamin D averages 2.2 ug against 7.5 ug, and the most the dishes give
 * with every portion at its largest is 2.8 ug.  For 9-13 year olds with
 * skimmed milk (01085) allowed, a change is found; the menu written by
 * --apply complies when `mealcheck check` judges it.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define R "menus/recipes.csv"
#define M "menus/menu.csv"
#define NORMS "--standard", "us_dri", "--meal-share", "breakfast=20-25", \
              "--meal-share", "lunch=30-35"

Test(suggest_cli, infeasible_names_the_norms_and_exits_3)
{
    struct run r;
    run_mc(&r, "--lang", "en", "suggest", "--recipes", R, "--menu", M, NORMS, "--group",
           "7-11", NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    /* Vitamin D, calcium and saturated fat each fail alone: three subsets
     * of one norm; the compromise reaches 2.7 ug of vitamin D. */
    cr_expect(str_has(r.out, "this norm cannot be met even alone:\n  us_dri 7-11 "
                             "(child_4_8, male_9_13, female_9_13), Vitamin D (ug), period "
                             "average: at least 7.5: the closest the dishes come is 2.7, "
                             "short by 4.8 (65 %); even alone it cannot be met: the most "
                             "these dishes can give is 2.8\n"),
              "%s", r.out);
    cr_expect(str_has(r.out, "Calcium (mg), period average: at least 650: "), "%s", r.out);
    cr_expect(str_has(r.out, "not constrained: Iodine (ug) in us_dri is unknown"), "%s",
              r.out);
    cr_expect(str_has(r.out, "RESULT: no change within the bounds makes the menu comply"));
    run_free(&r);
}

Test(suggest_cli, json_of_an_infeasible_menu)
{
    struct run r;
    run_mc(&r, "suggest", "--recipes", R, "--menu", M, NORMS, "--group", "7-11",
           "--format", "json", NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    cr_expect(str_starts(r.out, "{\"menu\":\"menus/menu.csv\",\"already_complies\":false,"
                                "\"feasible\":false,\"irreducible\":true,"), "%s", r.out);
    cr_expect(str_has(r.out, "{\"standard\":\"us_dri\",\"group\":\"7-11\",\"nutrient\":"
                             "\"vit_d_ug\",\"measure\":\"amount\",\"meal\":null,\"scope\":"
                             "\"average\",\"side\":\"min\",\"set\":1,\"bound\":7.5,"), "%s", r.out);
    cr_expect(str_has(r.out, "\"changes\":[],\"nutrients\":[]"));
    cr_expect(str_has(r.out, "\"applied\":null}\n"));
    run_free(&r);
}

/* suggest for 9-13 year olds with skimmed milk allowed, --apply -o path, a
 * new temporary file whose name ends in its last `suffix` characters. */
static void apply_to(struct run *r, char *path, int suffix)
{
    int fd = mkstemps(path, suffix);
    cr_assert(fd >= 0);
    close(fd);
    run_mc(r, "--lang", "en", "suggest", "--recipes", R, "--menu", M, NORMS, "--group",
           "9-13", "--add", "01085=200", "--apply", "-o", path, NULL);
    cr_expect_eq(r->status, 0, "%s", r->err);
}

Test(suggest_cli, apply_writes_a_menu_that_check_accepts)
{
    char path[] = "/tmp/mc-fixed-XXXXXX.csv";
    struct run r;
    apply_to(&r, path, 4);
    cr_expect(str_has(r.out, "Vitamin D (ug) 2.2 -> "), "%s", r.out);
    cr_expect(str_has(r.out, "FAIL -> pass"), "%s", r.out);
    cr_expect(str_has(r.out, "RESULT: with these changes compliance cannot be decided: a "
                             "verified norm has insufficient data (checked)"), "%s", r.out);
    cr_expect(str_has(r.out, "changed menu written to "), "%s", r.out);
    run_free(&r);
    char *csv = slurp(path);
    cr_expect(str_starts(csv, "week,day,meal,dish,portion_g\n1,Monday,breakfast,"), "%s", csv);
    cr_expect(str_has(csv, ",01085,"), "%s", csv);
    free(csv);
    run_mc(&r, "check", "--recipes", R, "--menu", path, NORMS, "--group", "9-13", NULL);
    cr_expect_eq(r.status, 7, "%s%s", r.out, r.err);
    cr_expect(str_has(r.out, "RESULT: compliance cannot be decided: a verified norm has "
                             "insufficient data"), "%s", r.out);
    cr_expect(!str_has(r.out, " FAIL\n"), "%s", r.out);
    run_free(&r);
    unlink(path);
}

/* The same as a workbook: the project's .xlsx reader reads it back, and
 * check judges it to comply. */
Test(suggest_cli, apply_writes_a_workbook_that_check_accepts)
{
    char path[] = "/tmp/mc-fixed-XXXXXX.xlsx";
    struct run r;
    apply_to(&r, path, 5);
    cr_expect(str_has(r.out, "changed menu written to "), "%s", r.out);
    run_free(&r);
    run_mc(&r, "check", "--recipes", R, "--menu", path, NORMS, "--group", "9-13",
           "--format", "json", NULL);
    /* No verified norm fails; some lack data in SR28 (exit 7, as check says). */
    cr_expect_eq(r.status, 7, "%s%s", r.out, r.err);
    cr_expect(str_has(r.out, "\"complies\":false,\"outcome\":\"cannot_be_decided\","
                             "\"undecided_reason\":\"insufficient_data\",\"meals\":"
                             "[\"breakfast\",\"lunch\"]"), "%s", r.out);
    cr_expect(!str_has(r.out, "\"verdict\":\"fail\""), "%s", r.out);
    cr_expect(str_has(r.out, "\"menu\":[\"week\",\"day\",\"meal\",\"dish\",\"portion_g\"]"),
              "%s", r.out);
    run_free(&r);
    unlink(path);
}

Test(suggest_cli, json_changes_before_after)
{
    struct run r;
    run_mc(&r, "suggest", "--recipes", R, "--menu", M, NORMS, "--group", "9-13", "--add",
           "01085=200", "--format", "json", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.out, "\"feasible\":true"), "%s", r.out);
    cr_expect(str_has(r.out, "{\"kind\":\"add\",\"week\":1,\"day\":\"Monday\",\"meal\":"),
              "%s", r.out);
    cr_expect(str_has(r.out, "\"nutrient\":\"vit_d_ug\",\"measure\":\"amount\",\"meal\":"
                             "null,\"before\":2."), "%s", r.out);
    cr_expect(str_has(r.out, "\"verdict_before\":\"fail\",\"verdict_after\":\"pass\""));
    run_free(&r);
}

Test(suggest_cli, bad_usage)
{
    struct run r;
    run_mc(&r, "suggest", "--recipes", R, "--menu", M, NORMS, "--group", "9-13",
           "--apply", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_has(r.err, "mealcheck: error: --apply needs -o FIXED-MENU.csv or .xlsx"),
              "%s", r.err);
    run_free(&r);
    run_mc(&r, "suggest", "--recipes", R, "--menu", M, NORMS, "--group", "9-13",
           "--apply", "-o", "fixed.ods", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_has(r.err, "-o: expected a menu file name ending in .csv or .xlsx, got "
                             "'fixed.ods'"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "suggest", "--recipes", R, "--menu", M, NORMS, "--group", "9-13",
           "--vary", "0", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_has(r.err, "--vary: expected a percentage above 0 and at most 100, "
                             "got '0'"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "suggest", "--recipes", R, "--menu", M, NORMS, "--group", "9-13",
           "--objective", "cost", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_has(r.err, "menus/menu.csv:2: --objective cost needs the price of "
                             "every dish: 'Каша рисовая молочная' has none"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "suggest", "--recipes", R, "--menu", M, NORMS, "--group", "9-13", "--add",
           "Абракадабра", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_has(r.err, "--add 'Абракадабра': not a recipe of menus/recipes.csv"), "%s",
              r.err);
    run_free(&r);
}

/* --swap on tests/data/suggest (test_suggest.c gives the arithmetic), the
 * norm set found through $MEALCHECK_STANDARDS; --budget and --objective go
 * through the options check shares. */
#define SUG "tests/data/suggest/"
Test(suggest_cli, swap_and_prices)
{
    struct run r;
    setenv("MEALCHECK_STANDARDS", SUG "standards", 1);
    run_mc(&r, "--lang", "en", "suggest", "--recipes", SUG "recipes.csv", "--menu",
           SUG "swap.csv", "--standard", "t_vitc", "--group", "7-10", "--date", "2025-01-01",
           "--swap", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.out, "  week 1 Monday, lunch: swap Sweet tea 200.0 g for Orange "
                             "drink 200.0 g\n"), "%s", r.out);
    cr_expect(str_has(r.err, "mealcheck: warning: tests/data/suggest/recipes.csv: 1 dish(es) "
                             "of the menu have no course ('Buckwheat' first)"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "--lang", "en", "suggest", "--recipes", SUG "recipes.csv", "--menu",
           SUG "priced.csv", "--standard", "t_vitc", "--group", "7-10", "--date",
           "2025-01-01", "--budget", "120", "--currency", "KZT", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.out, "  week 1 Monday, lunch: 09316 40.0 g -> 47.8 g (+19 %), cost "
                             "+3.90 KZT\n"), "%s", r.out);
    cr_expect(str_has(r.out, "cost per child a day: 110.00 -> 113.90 KZT (+3.90)\n"), "%s",
              r.out);
    run_free(&r);
    run_mc(&r, "--lang", "en", "suggest", "--recipes", SUG "recipes.csv", "--menu",
           SUG "priced.csv", "--standard", "t_vitc", "--group", "7-10", "--date",
           "2025-01-01", "--objective", "cost", "--format", "json", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.out, "\"cost\":{\"before\":110,\"after\":111.4"), "%s", r.out);
    run_free(&r);
    unsetenv("MEALCHECK_STANDARDS");
}

Test(suggest_cli, bad_course_in_the_book)
{
    char path[] = "/tmp/mc-course-XXXXXX.csv";
    int fd = mkstemps(path, 4);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("Блюдо,Выход,Категория,Продукт,Нетто\nЧай,200,компот,14411,200\n", f);
    fclose(f);
    struct run r;
    run_mc(&r, "recipe", "--recipes", path, NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_has(r.err, ":2:3: course: expected soup, main, side, salad, drink, bakery, "
                             "porridge, dessert or fruit (or their Russian or Kazakh names), "
                             "got 'компот'"), "%s", r.err);
    run_free(&r);
    unlink(path);
}

Test(suggest_cli, help)
{
    struct run r;
    run_mc(&r, "--lang", "en", "suggest", "--help", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(str_starts(r.out, "usage: mealcheck suggest --recipes FILE --menu FILE"));
    run_free(&r);
    run_mc(&r, "--lang", "en", "--help", NULL);
    cr_expect(str_has(r.out, "suggest    the smallest change that makes a failing menu "
                             "comply"), "%s", r.out);
    run_free(&r);
}
