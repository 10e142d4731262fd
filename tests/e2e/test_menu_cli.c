/* test_menu_cli.c - `mealcheck menu` end to end, on the real SR28 database.
 * Expected energies are worked out in tests/unit/test_menu.c. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define BOOK "tests/data/recipes-basic/recipes.csv"
#define BASIC "tests/data/menu-basic/menu.csv"
#define ERRORS "tests/data/menu-errors/menu.csv"

/* Breakfast 76.5 + 122 = 198.5 kcal (shown 199), lunch 92, day 290.5
 * (291); week 1 average day (290.5 + 74.42) / 2 = 182.46 (182). */
Test(menu_cli, text_dishes_meals_days_weeks)
{
    struct run r;
    run_mc(&r, "menu", "--recipes", BOOK, "--menu", BASIC, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.err, "");
    cr_expect(str_starts(r.out,
        "Week 1, Monday\n"
        "      portion  cooking                      energy  protein g   fat g       carb g      dish\n"
        "  breakfast\n"
        "       75.0 g* none                        77 kcal  3.3         1.9         12.4        Porridge base\n"
        "      200.0 g  none                       122 kcal  6.3         6.5         9.6         "
        "01077 Milk, whole, 3.25% milkfat, with added vitamin D\n"
        "  lunch\n"
        "      100.0 g  none                        92 kcal  3.4         0.6         19.9        Buckwheat\n"
        "\n"
        "  nutrient                     unit      breakfast          lunch            day\n"
        "  Energy                       kcal            199             92            291\n"), "%s", r.out);
    cr_expect(str_has(r.out, "Week 1, average day\n"
                         "  nutrient                     unit  avg of 2 days\n"
                         "  Energy                       kcal            182\n"), "%s", r.out);
    cr_expect(str_has(r.out, "Week 2, Monday\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\n* portion not given in the menu: the recipe's portion "
                         "(yield / servings)\n"));
    run_free(&r);
}

Test(menu_cli, csv_rows_for_dishes_meals_days_and_weeks)
{
    struct run r;
    run_mc(&r, "menu", "--recipes", BOOK, "--menu", BASIC, "--format", "csv", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_starts(r.out, "level,week,day,day_name,meal,dish,recipe,food_id,cooking,"
                            "portion_g,planned_servings,planned_meals,energy_kcal,"
                            "energy_kcal_coverage,protein_g,"));
    /* Energy 76.5, 198.5, 290.5 and 182.46 kcal, rounded as the text shows
     * them (halves away from zero); protein to 0.1 g. */
    cr_expect(str_has(r.out, "\ndish,1,1,Monday,breakfast,Porridge base,Porridge base,,none,75,,,77,1,3.3,1,"));
    cr_expect(str_has(r.out, "\nmeal,1,1,Monday,breakfast,,,,,,,,199,1,9.6,1,"));
    cr_expect(str_has(r.out, "\nday,1,1,Monday,,,,,,,,,291,1,12.9,1,"));
    cr_expect(str_has(r.out, "\nweek_average_day,1,,,,,,,,,,,182,1,8.4,1,"));
    cr_expect(str_has(r.out, "\ndish,2,1,Monday,breakfast,\"Carrots, raw\",,11124,none,50,,,21,1,0.5,1,"));
    run_free(&r);
}

/* Excel in a Russian or Kazakh locale reads ';' and decimal commas: the
 * default follows the locale, and the options override it. */
Test(menu_cli, csv_for_russian_excel)
{
    struct run r;
    setenv("LC_ALL", "ru_RU.UTF-8", 1);
    run_mc(&r, "menu", "--recipes", BOOK, "--menu", BASIC, "--format", "csv", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_starts(r.out, "level;week;day;day_name;meal;dish;recipe;food_id;cooking;"
                            "portion_g;planned_servings;planned_meals;energy_kcal;"
                            "energy_kcal_coverage;protein_g;"), "%s", r.out);
    cr_expect(str_has(r.out, "\ndish;1;1;Monday;breakfast;Porridge base;Porridge base;;none;75;;;77;1;3,3;1;"));
    cr_expect(str_has(r.out, "\ndish;2;1;Monday;breakfast;\"Carrots, raw\";;11124;none;50;;;21;1;0,5;1;"));
    run_free(&r);
    run_mc(&r, "menu", "--recipes", BOOK, "--menu", BASIC, "--format", "csv",
           "--csv-sep", ",", "--decimal-point", NULL);
    cr_expect(str_has(r.out, "\nweek_average_day,1,,,,,,,,,,,182,1,8.4,1,"), "%s", r.out);
    run_free(&r);
    setenv("LC_ALL", "C", 1);
    run_mc(&r, "menu", "--recipes", BOOK, "--menu", BASIC, "--format", "csv",
           "--csv-sep", ";", "--decimal-comma", NULL);
    cr_expect(str_has(r.out, "\nweek_average_day;1;;;;;;;;;;;182;1;8,4;1;"), "%s", r.out);
    run_free(&r);
    /* A decimal comma between commas is quoted. */
    run_mc(&r, "menu", "--recipes", BOOK, "--menu", BASIC, "--format", "csv",
           "--csv-sep", ",", "--decimal-comma", NULL);
    cr_expect(str_has(r.out, "\nweek_average_day,1,,,,,,,,,,,182,1,\"8,4\",1,"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "menu", "--recipes", BOOK, "--menu", BASIC, "--csv-sep", "|", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: --csv-sep: expected ',' ';' or tab, "
                                "got '|'\nusage: mealcheck menu"), "%s", r.err);
    run_free(&r);
}

/* (184 * 60 + 148.84 * 100 + 148.84 * 40) / 100 = 318.776 kcal. */
Test(menu_cli, json_weighted_menu)
{
    struct run r;
    run_mc(&r, "menu", "--recipes", BOOK, "--menu", "tests/data/menu-weighted/menu.csv",
           "--format", "json", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_starts(r.out, "{\"schema_version\":1,\"menu_file\":\"tests/data/menu-weighted/"
                            "menu.csv\",\"recipes_file\":\"" BOOK "\",\"weighted\":true,"
                            "\"weeks\":[{\"week\":1,\"days_count\":1,\"average_day\":"
                            "{\"energy_kcal\":{\"value\":318.776,\"coverage\":1},"), "%s", r.out);
    cr_expect(str_has(r.out, "\"meals\":[{\"meal\":\"lunch\",\"planned_meals\":100,\"total\":"
                         "{\"energy_kcal\":{\"value\":318.776,"));
    cr_expect(str_has(r.out, "{\"dish\":\"01077\",\"line\":3,\"recipe\":null,\"food_id\":\"01077\","
                         "\"food_name\":\"Milk, whole, 3.25% milkfat, with added vitamin D\","
                         "\"cooking\":\"none\",\"portion_g\":244,\"planned_servings\":100,"
                         "\"price\":null,\"assumed\":[],\"nutrients\":{\"energy_kcal\":{\"value\":148.84,"), "%s", r.out);
    run_free(&r);
}

Test(menu_cli, every_error_in_the_file)
{
    struct run r;
    run_mc(&r, "menu", "--recipes", BOOK, "--menu", ERRORS, NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.out, "");
    cr_expect_str_eq(r.err,
        "mealcheck: error: " ERRORS ":2:5: portion_g: expected a positive number, got 'abc'\n"
        "mealcheck: error: " ERRORS ":3:1: week: expected a positive number, got 'x'\n"
        "mealcheck: error: " ERRORS ":3:2: day: expected 1-7 or a day name (Mon, Monday, Пн), "
        "got 'Funday'\n"
        "mealcheck: error: " ERRORS ":3:4: unknown dish 'Buckwhet': not a recipe of " BOOK
        ", a food id or a food name; did you mean 'Buckwheat' (recipe); 20008 Buckwheat; "
        "20011 Buckwheat flour, whole-groat; 20009 Buckwheat groats, roasted, dry?\n"
        "mealcheck: error: " ERRORS ":4:5: portion_g is required for a food served as is "
        "(09003 Apples, raw, with skin)\n"
        /* an empty cell below a value is judged at the end: merged cells? */
        "mealcheck: error: " ERRORS ":4:3: meal: expected a meal name (breakfast, lunch, ...)\n");
    run_free(&r);
}

Test(menu_cli, missing_column)
{
    struct run r;
    run_mc(&r, "menu", "--recipes", BOOK, "--menu", "tests/data/menu-errors/no-day.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: tests/data/menu-errors/no-day.csv:1: "
                            "missing column 'day'\n");
    run_free(&r);
}

Test(menu_cli, bad_recipe_book_is_reported_first)
{
    struct run r;
    run_mc(&r, "menu", "--recipes", "tests/data/recipes-errors/no-food-column.csv",
           "--menu", BASIC, NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: tests/data/recipes-errors/no-food-column.csv:1: "
                            "missing column 'food'\n"
                            "mealcheck: error: tests/data/recipes-errors/no-food-column.csv:1:3: "
                            "column 'food_id' is not read; expected 'food' (a food id, "
                            "food name or recipe)\n");
    run_free(&r);
}

Test(menu_cli, usage)
{
    struct run r;
    run_mc(&r, "menu", "--help", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(str_starts(r.out, "usage: mealcheck menu --recipes FILE --menu FILE"));
    run_free(&r);
    run_mc(&r, "menu", "--recipes", BOOK, NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: missing --menu FILE\nusage:"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "menu", "--recipes", BOOK, "--menu", "tests/data/no-such.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: tests/data/no-such.csv: cannot open: "
                            "No such file or directory\n");
    run_free(&r);
}

/* The sample menu: two weeks of five school days, breakfast and lunch. */
Test(menu_cli, sample_menu)
{
    struct run r;
    run_mc(&r, "menu", "--recipes", "menus/recipes.csv", "--menu", "menus/menu.csv",
           "--format", "csv", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    size_t days = 0, meals = 0;
    for (const char *p = r.out; (p = strstr(p, "\nday,")); p++)
        days++;
    for (const char *p = r.out; (p = strstr(p, "\nmeal,")); p++)
        meals++;
    cr_expect_eq(days, 10);
    cr_expect_eq(meals, 20);
    cr_expect(str_has(r.out, ",Плов,Плов,,cis-heat-treatment,200,"));
    run_free(&r);
}

/* A dish served as is may be named in Kazakh ("алма" = 09003 apple);
 * "ет" alone (beef, lamb or horse) is an error listing the three. */
Test(menu_cli, food_names_in_kazakh)
{
    struct run r;
    run_mc(&r, "menu", "--recipes", "tests/data/recipes-aliases/recipes.csv", "--menu",
           "tests/data/recipes-aliases/menu.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err,
        "mealcheck: error: tests/data/recipes-aliases/menu.csv:4:3: ambiguous food "
        "name 'ет': the alias table gives 17001 Lamb, domestic, composite of trimmed "
        "retail cuts, separable lean and fat, trimmed to 1/4\" fat, choice, raw; 17170 "
        "Game meat, horse, raw; 23485 Beef, composite of trimmed retail cuts, separable "
        "lean only, trimmed to 0\" fat, all grades, raw; write the id of the one meant\n");
    run_free(&r);
}

/* A caterer's 'portions' column is not portion_g: refused, not ignored
 * (it would have served the recipe's own portion); a supplier column read
 * by nothing is a warning. */
Test(menu_cli, column_not_read_is_never_silent)
{
    struct run r;
    run_mc(&r, "menu", "--recipes", BOOK, "--menu", "tests/data/unread/menu-portions.csv",
           NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err,
        "mealcheck: warning: tests/data/unread/menu-portions.csv:1:6: column 'supplier' is "
        "not read: mealcheck reads week, day, meal, dish, portion_g, planned_servings, "
        "planned_meals and price (free text goes in a column 'note')\n"
        "mealcheck: error: tests/data/unread/menu-portions.csv:1:5: column 'portions' is "
        "not read; expected 'portion_g' (grams served)\n");
    cr_expect_str_eq(r.out, "");
    run_free(&r);

    run_mc(&r, "menu", "--recipes", BOOK, "--menu", "tests/data/unread/menu-extra.csv",
           NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.err,
        "mealcheck: warning: tests/data/unread/menu-extra.csv:1:6: column 'supplier' is "
        "not read: mealcheck reads week, day, meal, dish, portion_g, planned_servings, "
        "planned_meals and price (free text goes in a column 'note')\n"
        "mealcheck: warning: tests/data/unread/menu-extra.csv:1:7: column 'notes' is "
        "not read: mealcheck reads week, day, meal, dish, portion_g, planned_servings, "
        "planned_meals and price (free text goes in a column 'note')\n");
    cr_expect(str_has(r.out, "\ncolumns read from " BOOK ": recipe, servings, yield_g, "
                             "food, gross_g, net_g, qty, unit, cooking\n"
                             "columns read from tests/data/unread/menu-extra.csv: week, "
                             "day, meal, dish, portion_g\n"), "%s", r.out);
    run_free(&r);

    run_mc(&r, "menu", "--recipes", BOOK, "--menu", "tests/data/unread/menu-extra.csv",
           "--format", "json", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(str_has(r.out, ",\"columns_read\":{\"recipes\":[\"recipe\",\"servings\","
                             "\"yield_g\",\"food\",\"gross_g\",\"net_g\",\"qty\",\"unit\","
                             "\"cooking\"],\"menu\":[\"week\",\"day\",\"meal\",\"dish\","
                             "\"portion_g\"]},\"cost\":"), "%s", r.out);
    run_free(&r);
}

/* A Russian technological card and a Kazakh menu: 100 g of a 200 g
 * portion of buckwheat 20010 (92 kcal, 3.38 g protein per 100 g). */
Test(menu_cli, russian_and_kazakh_headers)
{
    struct run r;
    run_mc(&r, "menu", "--recipes", "tests/data/headers-ru/recipes.csv", "--menu",
           "tests/data/headers-ru/menu-kk.csv", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.err, "");
    cr_expect(str_has(r.out, "  Energy                       kcal             92             92\n"),
              "%s", r.out);
    cr_expect(str_has(r.out, "columns read from tests/data/headers-ru/recipes.csv: Блюдо "
                             "(recipe), Количество порций (servings), Выход, г (yield_g), "
                             "Наименование продукта (food), Брутто, г (gross_g), Нетто (г) "
                             "(net_g)\ncolumns read from tests/data/headers-ru/menu-kk.csv: "
                             "Апта (week), Күн (day), Ас (meal), Тағам (dish), Порция "
                             "(portion_g)\n"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "recipe", "--recipes", "tests/data/headers-ru/recipes-kg.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: tests/data/headers-ru/recipes-kg.csv:1:3: "
                            "column 'Брутто, кг' is not read: weights are read in grams; "
                            "expected 'Брутто, г' or 'gross_g'\n");
    run_free(&r);
}

/* An editor or a web form may store ё as "е" + U+0308: the same dish, the
 * book's recipe (its name, with the composed ё, in the recipe column). */
Test(menu_cli, decomposed_letter_names_the_same_dish)
{
    struct run r;
    run_mc(&r, "menu", "--recipes", "menus/recipes.csv", "--menu",
           "tests/data/names/menu-decomposed.csv", "--format", "csv", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.err, "");
    cr_expect(str_has(r.out, "\ndish,1,1,Monday,breakfast,Каша пше\xCC\x88нная молочная,"
                             "Каша пшённая молочная,,cis-heat-treatment,200,,,249,1,7.1,1,"),
              "%s", r.out);
    run_free(&r);
}

/* A dish one edit in three letters from a recipe is suggested, Cyrillic
 * letters counting one edit each, like Latin ones. */
Test(menu_cli, near_recipes_suggested_by_letters)
{
    struct run r;
    run_mc(&r, "menu", "--recipes", "menus/recipes.csv", "--menu",
           "tests/data/names/menu-near.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_has(r.err, "unknown dish 'Котлеты куриные': not a recipe of "
                             "menus/recipes.csv, a food id or a food name; did you mean "
                             "'Котлеты рыбные' (recipe); "), "%s", r.err);
    cr_expect(!str_has(r.err, "'Котлеты говяжьи' (recipe)"), "7 edits: too far: %s", r.err);
    run_free(&r);
}
