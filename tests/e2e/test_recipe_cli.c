/* test_recipe_cli.c - `mealcheck recipe` end to end, on the real SR28 database. */
#include <criterion/criterion.h>
#include <string.h>

#include "harness.h"

#define BASIC "tests/data/recipes-basic/recipes.csv"
#define ERRORS "tests/data/recipes-errors/recipes.csv"

/* Heated milk: 200 g of 01077 under cis-heat-treatment; energy recomputed
 * 4 * 5.922 + 9 * 5.72 + 4 * 8.736 = 110.112 kcal (see test_recipe.c);
 * per 100 g 55.056. */
Test(recipe_cli, text_card_names_the_profile)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", BASIC, "Heated milk", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.err, "");
    cr_expect(str_has(r.out, "Heated milk\n  " BASIC " line 11; servings 1; yield 200.0 g "
                         "(sum of net weights); portion 200.0 g\n"
                         "  cooking: cis-heat-treatment\n"), "%s", r.out);
    cr_expect(str_has(r.out, "    1         -        -     200.0  -            "
                         "cis-heat-treatment   01077 Milk, whole, 3.25% milkfat, "
                         "with added vitamin D\n"), "%s", r.out);
    cr_expect(str_has(r.out, "  Energy                       kcal            110             55"
                         "            110            110\n"), "%s", r.out);
    cr_expect(!str_has(r.out, "Buckwheat"), "only the named recipe");
    run_free(&r);
}

/* Carrot sticks: gross 100 g, refuse 11 % (shown), net 89 g. */
Test(recipe_cli, text_shows_refuse_and_measures)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", BASIC, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.out, "    1     100.0      11%      89.0  -            none"
                         "                 11124 Carrots, raw\n"), "%s", r.out);
    cr_expect(str_has(r.out, "    2         -        -       6.0  1 tsp        none"
                         "                 02047 Salt, table\n"), "%s", r.out);
    cr_expect(str_has(r.out, "    1         -        -      75.0  -            none"
                         "                 Porridge base (sub-recipe)\n"), "%s", r.out);
    run_free(&r);
}

Test(recipe_cli, json_is_full_precision_with_schema_version)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", BASIC, "porridge plate", "--format", "json", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_starts(r.out, "{\"schema_version\":1,\"recipes_file\":\"" BASIC "\","
                            "\"recipes\":[{\"name\":\"Porridge plate\",\"line\":9,"
                            "\"servings\":1,\"yield_g\":80,\"portion_g\":80,"
                            "\"cooking\":\"none\",\"assumed\":[\"yield\"],"
                            "\"per_portion\":{\"energy_kcal\":{\"value\":112.35,"
                            "\"coverage\":1},"), "%s", r.out);
    cr_expect(str_has(r.out, "\"food\":\"porridge base\",\"food_id\":null,"
                         "\"sub_recipe\":\"Porridge base\",\"food_name\":\"Porridge base\","
                         "\"food_name_local\":null,\"matched_by_name\":false,\"gross_g\":null,\"qty\":null,"
                         "\"unit\":null,\"refuse_pct\":0,\"net_g\":75,"
                         "\"cooking\":\"none\",\"price_kg\":null,\"cost\":null,\"assumed\":[],"
                         "\"contribution\":{\"energy_kcal\":{\"value\":76.5,"), "%s", r.out);
    cr_expect(str_has(r.out, "\"trans_fat_g\":{\"value\":"));
    cr_expect(str_has(r.out, "\"iodine_ug\":{\"value\":null,\"coverage\":0}"));
    run_free(&r);
}

/* Milk with oil: vitamin D known over 100 of 110 g. */
Test(recipe_cli, csv_has_values_and_coverage)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", BASIC, "Milk with oil", "--format", "csv", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_starts(r.out, "recipe,cooking,part,line,food,food_id,gross_g,net_g,"
                            "weight_g,energy_kcal,energy_kcal_coverage,protein_g,"));
    /* 149.4 and 88.4 kcal show as 149 and 88, fat 13.3 g, coverage 10/11
     * rounded down. */
    cr_expect(str_has(r.out, "\nMilk with oil,none,total,15,,,,,110,149,1,3.2,1,13.3,1,"),
              "%s", r.out);
    cr_expect(str_has(r.out, "\nMilk with oil,none,ingredient,16,\"04060 Oil, sunflower, "
                         "linoleic (less than 60%)\",04060,,10,10,88,1,0,1,10,1,"), "%s", r.out);
    cr_expect(str_has(r.out, ",1.3,0.909,"), "vitamin D coverage: %s", r.out);
    run_free(&r);
}

Test(recipe_cli, every_error_in_the_file_in_line_order)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", ERRORS, NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.out, "");
    cr_expect_str_eq(r.err,
        "mealcheck: error: " ERRORS ":2:4: unknown food 'Bukwheat groats cooked': not a "
        "food id, food name or recipe of this book; did you mean 20010 Buckwheat groats, "
        "roasted, cooked?\n"
        "mealcheck: error: " ERRORS ":3:6: net_g: expected a non-negative number, got '12x'\n"
        "mealcheck: error: " ERRORS ":4:8: unknown unit 'glass' for 01077 Milk, whole, "
        "3.25% milkfat, with added vitamin D; expected a unit (g, kg, mg, lb, oz, ml, l, "
        "tsp, tbsp, cup, fl oz, pt, qt, gal, г, гр, кг, мг, мл, л, ч. л., ст. л., "
        "стакан, шт, Kazakh шай қасық, ас қасық, стақан, дана) or one of its measures: "
        "'cup', 'fl oz', 'tbsp', 'quart'\n"
        "mealcheck: error: " ERRORS ":5:6: net weight 120 g is larger than gross_g 100 g\n"
        "mealcheck: error: " ERRORS ":7:4: recipe cycle: 'Loop A' -> 'Loop B' -> 'Loop A'\n"
        "mealcheck: error: " ERRORS ":8:1: duplicate recipe 'Kasha' (first defined at line 2)\n"
        "mealcheck: error: " ERRORS ":8:2: servings: expected a positive number, got '0'\n"
        "mealcheck: error: " ERRORS ":8:9: unknown cooking profile 'fried' (profiles: none, "
        "cis-heat-treatment)\n");
    run_free(&r);
}

Test(recipe_cli, missing_column)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", "tests/data/recipes-errors/no-food-column.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: tests/data/recipes-errors/no-food-column.csv:1: "
                            "missing column 'food'\n"
                            "mealcheck: error: tests/data/recipes-errors/no-food-column.csv:1:3: "
                            "column 'food_id' is not read; expected 'food' (a food id, "
                            "food name or recipe)\n");
    run_free(&r);
}

Test(recipe_cli, unknown_recipe_name_suggests_the_closest)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", BASIC, "Buckweat", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: no recipe 'Buckweat' in " BASIC
                            "; did you mean 'Buckwheat' (recipe)?\n");
    run_free(&r);
}

Test(recipe_cli, usage)
{
    struct run r;
    run_mc(&r, "recipe", "--help", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(str_starts(r.out, "usage: mealcheck recipe --recipes FILE [NAME]"));
    run_free(&r);
    run_mc(&r, "recipe", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: missing --recipes FILE\nusage:"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "recipe", "--recipes", BASIC, "--format", "xml", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: --format: expected text, json or csv, got 'xml'\n"));
    run_free(&r);
}

Test(recipe_cli, sample_book_computes)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", "menus/recipes.csv", "--format", "csv", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.out, "\nПлов,cis-heat-treatment,per_portion,"));
    cr_expect(str_has(r.out, "\nЛагман,none,ingredient,"));
    run_free(&r);
}

/* What a unit cannot weigh: a piece of milk, millilitres of a food SR28
 * gives no volume for, a volume of a sub-recipe, a quantity that is not
 * a number or a fraction. */
Test(recipe_cli, units_that_cannot_be_weighed)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", "tests/data/recipes-units/errors.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err,
        "mealcheck: error: tests/data/recipes-units/errors.csv:2:5: unit 'шт': 01077 "
        "Milk, whole, 3.25% milkfat, with added vitamin D has no piece measure (piece, "
        "each, item, egg, fruit, medium) in SR28 to weigh it by; its measures are 'cup', "
        "'fl oz', 'tbsp', 'quart' (or use a mass unit: g, kg, г, кг)\n"
        "mealcheck: error: tests/data/recipes-units/errors.csv:3:4: qty: expected a "
        "non-negative number or a fraction (1/2, 1 1/2, ½) up to 10000000, got '1/0'\n"
        "mealcheck: error: tests/data/recipes-units/errors.csv:4:5: unit 'мл': 01123 "
        "Egg, whole, raw, fresh has no volume measure (cup, tbsp, tsp, fl oz, quart, ml) "
        "in SR28 to weigh it by; its measures are 'large', 'extra large', 'jumbo', "
        "'cup (4.86 large eggs)', 'medium', 'small' (or use a mass unit: g, kg, г, кг)\n"
        "mealcheck: error: tests/data/recipes-units/errors.csv:6:5: unit 'стакан': a "
        "sub-recipe is measured by mass (g, kg, mg, lb, oz, г, гр, кг, мг)\n");
    run_free(&r);
}

/* 'brutto' and 'weight' are refused, naming the columns
 * meant, with the missing quantity columns. */
Test(recipe_cli, quantity_lookalikes)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", "tests/data/unread/book-gross.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err,
        "mealcheck: error: tests/data/unread/book-gross.csv:1: missing quantity columns: "
        "give net_g, gross_g, or qty and unit\n"
        "mealcheck: error: tests/data/unread/book-gross.csv:1:4: column 'brutto' is not "
        "read; expected 'gross_g' (grams as purchased)\n"
        "mealcheck: error: tests/data/unread/book-gross.csv:1:5: column 'weight' is not "
        "read; expected 'net_g' (edible grams)\n");
    run_free(&r);
    run_mc(&r, "recipe", "--recipes", BASIC, "Buckwheat", "--format", "json", NULL);
    cr_expect(str_has(r.out, "],\"columns_read\":[\"recipe\",\"servings\",\"yield_g\","
                             "\"food\",\"gross_g\",\"net_g\",\"qty\",\"unit\",\"cooking\"]}\n"),
              "%s", r.out);
    run_free(&r);
}

/* The hint for a food typed main word first, as SR28 names it: whole milk
 * before buttermilk (which bm25 alone puts first, its name being shorter). */
Test(recipe_cli, hint_prefers_typed_word_order)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", "tests/data/hints/milk-whole.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err,
        "mealcheck: error: tests/data/hints/milk-whole.csv:2:3: unknown food 'Milk whole': "
        "not a food id, food name or recipe of this book; did you mean 01077 Milk, whole, "
        "3.25% milkfat, with added vitamin D; 01211 Milk, whole, 3.25% milkfat, without "
        "added vitamin A and vitamin D; 01230 Milk, buttermilk, fluid, whole?\n");
    run_free(&r);
}

/* A line's cost is its price a kg times its gross weight (net when no
 * gross): 40 + 90 = 130 for Oatmeal; a sub-recipe line without a price
 * costs its share of the sub-recipe's batch: Porridge plate 130 + 50. */
Test(recipe_cli, costs)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", "tests/data/prices/recipes.csv", "--format", "csv",
           NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.out, "_coverage,cost\n"), "%s", r.out);
    cr_expect(str_has(r.out, ",130\nOatmeal,none,per_100g,"), "portion 130: %s", r.out);
    cr_expect(str_has(r.out, ",40\nOatmeal,none,ingredient,3,"), "%s", r.out);
    cr_expect(str_has(r.out, ",18\nCarrot salad,none,per_100g,"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "recipe", "--recipes", "tests/data/prices/recipes.csv", "Porridge plate", NULL);
    cr_expect(str_has(r.out, "\n  cost: 180.00 a portion, 180.00 the batch\n"), "%s", r.out);
    run_free(&r);
}

/* The плов: 0.095 (kg) of beef and the rest in kg under "Нетто, г"
 * with a 200 g yield: the card loads, a warning names the yield cell. */
Test(recipe_cli, kg_under_a_g_header_warns)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", "tests/data/sanity/recipes.csv", "Плов", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.err, "mealcheck: warning: tests/data/sanity/recipes.csv:2:3: recipe "
                             "'Плов': the yield, 200 g, is 976 times the sum of its net "
                             "weights, 0.205 g (expected 1/10 to 10 times): is a weight in "
                             "kg written under a 'g' header, or the reverse?\n"), "%s", r.err);
    cr_expect(str_has(r.err, "mealcheck: warning: tests/data/sanity/recipes.csv:17:6: recipe "
                             "'Плов с говядиной': 0.095 g of '23485' (Beef Products) is less "
                             "than 1 g: is a weight in kg written under a 'g' header?\n"),
              "only the beef in kg: %s", r.err);
    cr_expect(!str_has(r.err, "unknown"), "the Итого and Выход rows are no foods: %s", r.err);
    run_free(&r);
}
