/*
 * test_menu.c - menus: portions, meals, days, week averages, weighted
 * analysis, from the real SR28 database and tests/data/recipes-basic.
 *
 * SR28 values used (per 100 g): 01077 Milk, whole: energy 61 kcal;
 * 11124 Carrots, raw: 41 kcal; recipes (see test_recipe.c): Porridge base
 * 153 kcal in 150 g for 2 servings, Buckwheat 184 kcal in 200 g, Milk cup
 * 148.84 kcal in 244 g.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book_fixture.h"
#include "mealcheck/menu.h"

TestSuite(menu, .init = fx_book_open, .fini = fx_book_close);

#define KCAL(v) ((v).value[MC_N_ENERGY_KCAL])

/* Week 1 Monday breakfast: Porridge base at its own portion (150 / 2 =
 * 75 g: 76.5 kcal) + 200 g milk (122 kcal) = 198.5 kcal; lunch: 100 g of
 * Buckwheat (184 * 100 / 200 = 92 kcal); day 290.5.  Tuesday lunch: 122 g
 * of Milk cup (148.84 * 122 / 244 = 74.42 kcal).  Week 1 average day
 * (290.5 + 74.42) / 2 = 182.46.  Week 2 Monday "Завтрак" (breakfast):
 * 50 g carrots, 20.5 kcal. */
Test(menu, portions_meals_days_weeks)
{
    struct mc_err err = {0};
    struct mc_menu *m;
    cr_assert_eq(mc_menu_load("tests/data/menu-basic/menu.csv", fx_book, fx_db, &m, &err),
                 MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(m->n_servings, 5);
    cr_assert_eq(m->n_meals, 4);
    cr_assert_eq(m->n_days, 3);
    cr_assert_eq(m->n_weeks, 2);
    cr_expect_eq(m->weighted, 0);
    cr_assert_eq(m->n_meal_names, 2);
    cr_expect_str_eq(m->meal_names[0], "breakfast");
    cr_expect_str_eq(m->meal_names[1], "lunch");

    const struct mc_serving *s = &m->servings[0];
    cr_expect_str_eq(s->dish, "Porridge base");
    cr_expect(s->assumed & MC_ASSUMED_PORTION);
    cr_expect_float_eq(s->portion_g, 75.0, 1e-12);
    cr_expect_float_eq(KCAL(s->n), 76.5, 1e-9);
    s = &m->servings[1];
    cr_expect_null(s->recipe);
    cr_expect_str_eq(s->food_id, "01077");
    cr_expect_float_eq(KCAL(s->n), 122.0, 1e-9);

    const struct mc_meal *ml = m->meals;
    cr_expect_str_eq(ml[0].meal, "breakfast");
    cr_expect_eq(ml[0].count, 2);
    cr_expect(isnan(ml[0].planned_meals));
    cr_expect_float_eq(KCAL(ml[0].n), 198.5, 1e-9);
    cr_expect_float_eq(KCAL(ml[1].n), 92.0, 1e-9);
    cr_expect_float_eq(KCAL(ml[2].n), 74.42, 1e-9);
    cr_expect_eq(ml[3].week, 2);
    cr_expect_str_eq(ml[3].meal, "breakfast");
    cr_expect_float_eq(KCAL(ml[3].n), 20.5, 1e-9);

    cr_expect_eq(m->days[0].day, 1);
    cr_expect_eq(m->days[1].day, 2);
    cr_expect_float_eq(KCAL(m->days[0].n), 290.5, 1e-9);
    cr_expect_float_eq(KCAL(m->weeks[0].avg), 182.46, 1e-9);
    cr_expect_eq(m->weeks[0].count, 2);
    cr_expect_float_eq(KCAL(m->weeks[1].avg), 20.5, 1e-9);
    cr_expect_str_eq(mc_day_name(m->days[2].day), "Monday");
    mc_menu_free(m);
}

/* USDA weighted analysis: a lunch planned for 100 meals with 60 servings of
 * Buckwheat (200 g: 184 kcal), 100 of milk (244 g: 148.84 kcal) and 40 of
 * Milk cup (148.84 kcal): (184 * 60 + 148.84 * 100 + 148.84 * 40) / 100
 * = (11040 + 14884 + 5953.6) / 100 = 318.776 kcal. */
Test(menu, weighted_planned_servings)
{
    struct mc_err err = {0};
    struct mc_menu *m;
    cr_assert_eq(mc_menu_load("tests/data/menu-weighted/menu.csv", fx_book, fx_db, &m, &err),
                 MC_OK, "%s", mc_err_text(&err));
    cr_expect_eq(m->weighted, 1);
    cr_assert_eq(m->n_meals, 1);
    cr_expect_float_eq(m->meals[0].planned_meals, 100.0, 0);
    cr_expect_float_eq(KCAL(m->meals[0].n), 318.776, 1e-9);
    cr_expect_float_eq(KCAL(m->days[0].n), 318.776, 1e-9);
    cr_expect_float_eq(m->servings[2].planned_servings, 40.0, 0);
    mc_menu_free(m);
}

static struct mc_serving serving(int week, int day, const char *meal, double kcal,
                                 double ps, double pm, long line)
{
    struct mc_serving s = {.week = week, .day = day, .meal = meal,
                           .planned_servings = ps, .planned_meals = pm,
                           .line = line};
    mc_nvec_zero(&s.n);
    s.n.mass_g = s.n.known_g[MC_N_ENERGY_KCAL] = 100;
    s.n.value[MC_N_ENERGY_KCAL] = kcal;
    return s;
}

/* mc_menu_aggregate is pure: servings in any order are grouped by week,
 * day and meal order; lunch (300 + 200) comes after breakfast (100). */
Test(menu, aggregate_without_files)
{
    char *names[] = {(char *)"breakfast", (char *)"lunch"};
    struct mc_serving sv[4] = {
        serving(1, 2, names[1], 300, NAN, NAN, 2),
        serving(1, 2, names[0], 100, NAN, NAN, 3),
        serving(1, 2, names[1], 200, NAN, NAN, 4),
        serving(1, 1, names[0], 50, NAN, NAN, 5),
    };
    struct mc_menu m = {.path = (char *)"mem", .servings = sv, .n_servings = 4,
                        .meal_names = names, .n_meal_names = 2};
    struct mc_err err = {0};
    cr_assert_eq(mc_menu_aggregate(&m, &err), MC_OK);
    cr_expect_eq(sv[0].line, 5);
    cr_expect_eq(m.n_meals, 3);
    cr_expect_float_eq(KCAL(m.meals[2].n), 500.0, 1e-12);
    cr_expect_float_eq(KCAL(m.days[1].n), 600.0, 1e-12);
    cr_expect_float_eq(KCAL(m.weeks[0].avg), 325.0, 1e-12); /* (50 + 600) / 2 */
    free(m.meals);
    free(m.days);
    free(m.weeks);
}

Test(menu, weighted_meal_must_be_consistent)
{
    char *names[] = {(char *)"lunch"};
    struct mc_serving sv[3] = {
        serving(1, 1, names[0], 300, 10, 20, 2),
        serving(1, 1, names[0], 100, 5, 25, 3),
        serving(1, 1, names[0], 100, NAN, NAN, 4),
    };
    struct mc_menu m = {.path = (char *)"m.csv", .servings = sv, .n_servings = 3,
                        .meal_names = names, .n_meal_names = 1};
    struct mc_err err = {0};
    cr_assert_eq(mc_menu_aggregate(&m, &err), MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err),
        "m.csv:3: planned_meals 25 differs from 20 given at line 2 for the same day and meal\n"
        "m.csv:4: planned_servings missing: other dishes of week 1 Monday lunch give it (line 2)\n");
    mc_err_release(&err);
    free(m.meals);
    free(m.days);
    free(m.weeks);
}

Test(menu, day_names)
{
    cr_expect_eq(mc_day_parse("1"), 1);
    cr_expect_eq(mc_day_parse("7"), 7);
    cr_expect_eq(mc_day_parse("8"), 0);
    cr_expect_eq(mc_day_parse("Mon"), 1);
    cr_expect_eq(mc_day_parse("FRIDAY"), 5);
    cr_expect_eq(mc_day_parse("Пн"), 1);
    cr_expect_eq(mc_day_parse("ВТОРНИК"), 2);
    cr_expect_eq(mc_day_parse("ЖҰМА"), 5);
    cr_expect_eq(mc_day_parse("СӘРСЕНБІ"), 3);
    cr_expect_eq(mc_day_parse("вс"), 7);
    cr_expect_eq(mc_day_parse("Funday"), 0);
    cr_expect_eq(mc_day_parse(""), 0);
}

/* A menu's day and meal cells are read once per spelling and remembered
 * (eight of each): ten spellings of days and meals, then the first two
 * again after they were forgotten, each row in a week of its own. */
Test(menu, day_and_meal_cells_remembered)
{
    static const struct { const char *day, *meal; int want_day; const char *want_meal; } rows[] = {
        {"Mon", "breakfast", 1, "breakfast"}, {"вторник", "Завтрак", 2, "breakfast"},
        {"3", "lunch", 3, "lunch"}, {"ЧТ", "Обед", 4, "lunch"},
        {"пятница", "таңғы ас", 5, "breakfast"}, {"Sat", "Полдник", 6, "snack"},
        {"Воскресенье", "түскі ас", 7, "lunch"}, {"monday", "Ужин", 1, "dinner"},
        {"ВТ", "dinner", 2, "dinner"}, {"Wed", "LUNCH", 3, "lunch"},
        {"Mon", "breakfast", 1, "breakfast"}, {"вторник", "Завтрак", 2, "breakfast"},
    };
    const size_t n = sizeof rows / sizeof *rows;
    char tmpl[] = "/tmp/mc-menu-XXXXXX";
    int fd = mkstemp(tmpl);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    cr_assert(f);
    fprintf(f, "week,day,meal,dish,portion_g\n");
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%zu,%s,%s,01077,100\n", i + 1, rows[i].day, rows[i].meal);
    cr_assert_eq(fclose(f), 0);
    struct mc_err err = {0};
    struct mc_menu *m = NULL;
    mc_code rc = mc_menu_load(tmpl, fx_book, fx_db, &m, &err);
    remove(tmpl);
    cr_assert_eq(rc, MC_OK, "%s", mc_err_text(&err) ? mc_err_text(&err) : "");
    cr_assert_eq(m->n_servings, n);
    for (size_t i = 0; i < n; i++) {
        cr_expect_eq(m->servings[i].week, (int)i + 1);
        cr_expect_eq(m->servings[i].day, rows[i].want_day, "row %zu '%s'", i, rows[i].day);
        cr_expect_str_eq(m->servings[i].meal, rows[i].want_meal, "row %zu '%s'", i,
                         rows[i].meal);
    }
    cr_expect_eq(m->n_meal_names, 4, "breakfast, lunch, snack, dinner");
    mc_menu_free(m);
    mc_err_release(&err);
}

/* A meal name too long to keep whole ("x" and 70 Cyrillic letters, 141
 * bytes) is cut between letters: it was cut inside one, and the JSON and
 * Excel output then held invalid UTF-8.  Butter 100 g: 717 kcal. */
Test(menu, long_meal_name_is_cut_between_letters)
{
    char tmpl[] = "/tmp/mc-menu-XXXXXX", longname[142] = "x", kept[128] = "";
    for (int i = 0; i < 70; i++)
        strcat(longname, "\xD0\xB6"); /* ж */
    memcpy(kept, longname, 127);      /* "x" and 63 letters fit in 128 bytes */
    int fd = mkstemp(tmpl);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    cr_assert(f);
    fprintf(f, "day,meal,dish,portion_g\nMon,%s,01001,100\n", longname);
    cr_assert_eq(fclose(f), 0);
    struct mc_err err = {0};
    struct mc_menu *m = NULL;
    mc_code rc = mc_menu_load(tmpl, fx_book, fx_db, &m, &err);
    remove(tmpl);
    cr_assert_eq(rc, MC_OK, "%s", mc_err_text(&err) ? mc_err_text(&err) : "");
    cr_assert_eq(m->n_meal_names, 1);
    cr_expect_str_eq(m->meal_names[0], kept);
    cr_expect_float_eq(KCAL(m->meals[0].n), 717.0, 1e-9);
    mc_menu_free(m);
    mc_err_release(&err);
}

/* Sanity checks on a menu (tests/data/sanity, the sample recipe book):
 * a 20 g soup and a 2 kg compote warn at their portion cells; the
 * "Итого за завтрак" row (400 = 200 + 200) is no dish and agrees; the
 * "Итого за день" row says 2300 g, lunch sums to 20 + 2000 = 2020 g and
 * the day to 2420 g: it warns. */
Test(menu, sanity_warnings_and_total_rows)
{
    struct mc_err err = {0};
    struct mc_menu *m = NULL;
    struct mc_recipe_book *b = NULL;
    cr_assert_eq(mc_recipe_book_load("menus/recipes.csv", fx_db, fx_cooking, &b, &err),
                 MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_menu_load("tests/data/sanity/menu.csv", b, fx_db, &m, &err), MC_OK,
                 "%s", mc_err_text(&err));
    cr_expect_eq(m->n_servings, 4, "total rows are not dishes");
    cr_expect_str_eq(mc_err_warnings(&err),
        "tests/data/sanity/menu.csv:5:5: soup 'Суп гороховый': a portion of 20 g is "
        "implausible for a school child (expected 100-500 g): is the unit or a digit "
        "wrong?\n"
        "tests/data/sanity/menu.csv:6:5: drink 'Компот из сухофруктов': a portion of "
        "2000 g is implausible for a school child (expected 50-400 g): is the unit or a "
        "digit wrong?\n"
        "tests/data/sanity/menu.csv:7:5: the row 'Итого за день' declares 2300 g, but "
        "the portions above sum to 2020 g since the last total row and 2420 g over the "
        "day\n");
    mc_menu_free(m);
    mc_recipe_book_free(b);
    mc_err_release(&err);
}

/* Day cells merged in the spreadsheet and exported to CSV: empty on lines
 * 3, 4 and 6.  One error with the hint, not one per row. */
Test(menu, merged_day_cells_give_one_hint)
{
    struct mc_err err = {0};
    struct mc_menu *m = NULL;
    struct mc_recipe_book *b = NULL;
    cr_assert_eq(mc_recipe_book_load("menus/recipes.csv", fx_db, fx_cooking, &b, &err),
                 MC_OK, "%s", mc_err_text(&err));
    cr_expect_eq(mc_menu_load("tests/data/sanity/menu-merged.csv", b, fx_db, &m, &err),
                 MC_ERR_INPUT);
    cr_expect_null(m);
    cr_expect_eq(err.count, 1);
    cr_expect_str_eq(mc_err_text(&err),
        "tests/data/sanity/menu-merged.csv:3:2: day: empty on 3 rows from this line on, "
        "below 'Mon': were the cells merged in the spreadsheet (a CSV keeps a merged "
        "cell's value in its first row only)? Fill the day into every row\n");
    mc_recipe_book_free(b);
    mc_err_release(&err);
}

/* The menu of a date in a cycle begun on Monday 2025-09-01, worked out on
 * a calendar: 4 weeks of Monday to Friday unless said otherwise. */
static struct mc_cycle_day cycle(int start, int date, int weeks, int days,
                                 const int *holidays, size_t n)
{
    struct mc_cycle_day c;
    memset(&c, 0xff, sizeof c);
    cr_assert_eq(mc_menu_cycle_day(start, date, weeks, days, holidays, n, &c), 1,
                 "%d in a cycle from %d", date, start);
    return c;
}

#define expect_cycle(c, st, ymd, w, d)                                          \
    do {                                                                         \
        cr_expect_eq((c).status, (st));                                          \
        cr_expect_eq((c).date, (ymd));                                           \
        cr_expect_eq((c).week, (w));                                             \
        cr_expect_eq((c).day, (d));                                              \
    } while (0)

/* Wednesday 3 September: week 1, day 3.  Friday 26 September, 25 days on:
 * week 4, day 5.  Monday 29 September is 28 days on, the 5th week of a
 * 4-week cycle: week 1 again, and Thursday 2 October its day 4. */
Test(cycle, school_days_and_the_fifth_week)
{
    expect_cycle(cycle(20250901, 20250903, 4, 5, NULL, 0), MC_CYCLE_SCHOOL_DAY,
                 20250903, 1, 3);
    expect_cycle(cycle(20250901, 20250926, 4, 5, NULL, 0), MC_CYCLE_SCHOOL_DAY,
                 20250926, 4, 5);
    expect_cycle(cycle(20250901, 20250929, 4, 5, NULL, 0), MC_CYCLE_SCHOOL_DAY,
                 20250929, 1, 1);
    expect_cycle(cycle(20250901, 20251002, 4, 5, NULL, 0), MC_CYCLE_SCHOOL_DAY,
                 20251002, 1, 4);
    /* Monday 5 January 2026: 30 + 31 + 30 + 31 + 4 = 126 days = 18 weeks
     * on, 18 mod 4 = 2: week 3, day 1. */
    expect_cycle(cycle(20250901, 20260105, 4, 5, NULL, 0), MC_CYCLE_SCHOOL_DAY,
                 20260105, 3, 1);
    /* A leap day: Thursday 29 February 2024 in a cycle from Monday the 26th. */
    expect_cycle(cycle(20240226, 20240229, 2, 5, NULL, 0), MC_CYCLE_SCHOOL_DAY,
                 20240229, 1, 4);
}

/* Saturday 6 and Sunday 7 September have no meal: the next is Monday the
 * 8th, week 2, day 1.  A menu with Saturdays serves the 6th (week 1, day
 * 6), and not the 7th. */
Test(cycle, weekend_gives_the_next_school_day)
{
    expect_cycle(cycle(20250901, 20250906, 4, 5, NULL, 0), MC_CYCLE_NO_SCHOOL,
                 20250908, 2, 1);
    expect_cycle(cycle(20250901, 20250907, 4, 5, NULL, 0), MC_CYCLE_NO_SCHOOL,
                 20250908, 2, 1);
    expect_cycle(cycle(20250901, 20250906, 4, 6, NULL, 0), MC_CYCLE_SCHOOL_DAY,
                 20250906, 1, 6);
    expect_cycle(cycle(20250901, 20250907, 4, 6, NULL, 0), MC_CYCLE_NO_SCHOOL,
                 20250908, 2, 1);
}

/* Before the cycle: Monday 25 August waits for 1 September (week 1, day 1).
 * A cycle begun on Wednesday 3 September: its week 1 is that Monday's
 * week, so the 1st waits for the 3rd (day 3) and the 8th is week 2. */
Test(cycle, before_the_start)
{
    expect_cycle(cycle(20250901, 20250825, 4, 5, NULL, 0), MC_CYCLE_NOT_STARTED,
                 20250901, 1, 1);
    expect_cycle(cycle(20250903, 20250901, 4, 5, NULL, 0), MC_CYCLE_NOT_STARTED,
                 20250903, 1, 3);
    expect_cycle(cycle(20250903, 20250908, 4, 5, NULL, 0), MC_CYCLE_SCHOOL_DAY,
                 20250908, 2, 1);
}

/* Holidays on Monday 27 and Tuesday 28 October (8 weeks on: week 1): the
 * next school day is Wednesday the 29th, week 1, day 3.  Friday 24th's
 * next day is no question: it is a school day (week 4, day 5). */
Test(cycle, holidays_are_skipped)
{
    static const int hol[] = {20251027, 20251028};
    expect_cycle(cycle(20250901, 20251027, 4, 5, hol, 2), MC_CYCLE_HOLIDAY,
                 20251029, 1, 3);
    expect_cycle(cycle(20250901, 20251024, 4, 5, hol, 2), MC_CYCLE_SCHOOL_DAY,
                 20251024, 4, 5);
    /* Saturday 25th: the weekend, then the holidays, then the 29th. */
    expect_cycle(cycle(20250901, 20251025, 4, 5, hol, 2), MC_CYCLE_NO_SCHOOL,
                 20251029, 1, 3);
}

Test(cycle, bad_arguments)
{
    struct mc_cycle_day c;
    cr_expect_eq(mc_menu_cycle_day(20250901, 20250230, 4, 5, NULL, 0, &c), 0);
    cr_expect_eq(mc_menu_cycle_day(20250931, 20250901, 4, 5, NULL, 0, &c), 0);
    cr_expect_eq(mc_menu_cycle_day(19691231, 20250901, 4, 5, NULL, 0, &c), 0);
    cr_expect_eq(mc_menu_cycle_day(20250901, 20250901, 0, 5, NULL, 0, &c), 0);
    cr_expect_eq(mc_menu_cycle_day(20250901, 20250901, 4, 8, NULL, 0, &c), 0);
    cr_expect_eq(mc_menu_cycle_day(20250901, 20250901, 4, 0, NULL, 0, &c), 0);
}
