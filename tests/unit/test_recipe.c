/*
 * test_recipe.c - technological cards computed from the real SR28 database.
 *
 * Expected values are worked out by hand from SR28 (per 100 g, NUT_DATA.txt):
 *   20010 Buckwheat groats, roasted, cooked: energy 92 kcal, protein 3.38 g,
 *         fat 0.62 g, carbohydrate 19.94 g
 *   11124 Carrots, raw: energy 41 kcal, vitamin A 835 ug RAE; refuse 11 %
 *   01077 Milk, whole, 3.25%: energy 61, protein 3.15, fat 3.25,
 *         carbohydrate 4.8, calcium 113 mg, sodium 43 mg, vitamin D 1.3 ug,
 *         thiamin 0.046 mg; 1 cup = 244 g (WEIGHT.txt)
 *   01001 Butter, salted: energy 717, protein 0.85, fat 81.11
 *   02047 Salt, table: sodium 38758 mg; 1 tsp = 6 g
 *   04060 Oil, sunflower: energy 884, fat 100; vitamin D not analysed
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book_fixture.h"
#include "mealcheck/recipe.h"

TestSuite(recipe, .init = fx_book_open, .fini = fx_book_close);

static const struct mc_recipe *get(const char *name)
{
    const struct mc_recipe *r = mc_recipe_book_find(fx_book, name);
    cr_assert(r, "no recipe %s", name);
    return r;
}

/* 200 g of cooked buckwheat, one serving, yield = net = 200 g:
 * energy 92 * 200/100 = 184 kcal; protein 3.38 * 2 = 6.76 g;
 * per 100 g of dish = the food itself, 92 kcal. */
Test(recipe, single_food)
{
    const struct mc_recipe *r = get("buckwheat");
    struct mc_nvec v;
    cr_expect_float_eq(r->yield_g, 200.0, 1e-9);
    cr_expect(r->assumed & MC_ASSUMED_YIELD);
    cr_expect_str_eq(r->cooking->name, "none");
    cr_expect_str_eq(r->ingredients[0].food_id, "20010");
    mc_recipe_per_portion(r, &v);
    cr_expect_float_eq(v.value[MC_N_ENERGY_KCAL], 184.0, 1e-9);
    cr_expect_float_eq(v.value[MC_N_PROTEIN_G], 6.76, 1e-9);
    mc_recipe_per_100g(r, &v);
    cr_expect_float_eq(v.value[MC_N_ENERGY_KCAL], 92.0, 1e-9);
    cr_expect_float_eq(v.value[MC_N_CARB_G], 19.94, 1e-9);
}

/* 100 g of carrots as purchased, refuse 11 %: net 100 * 0.89 = 89 g;
 * energy 41 * 0.89 = 36.49 kcal, vitamin A 835 * 0.89 = 743.15 ug for the
 * batch of 2 servings: per portion 18.245 kcal; portion 89 / 2 = 44.5 g. */
Test(recipe, gross_to_net_through_refuse)
{
    const struct mc_recipe *r = get("Carrot sticks");
    const struct mc_ingredient *ing = &r->ingredients[0];
    cr_expect(ing->matched_by_name);
    cr_expect_str_eq(ing->food_id, "11124");
    cr_expect_float_eq(ing->refuse_pct, 11.0, 1e-12);
    cr_expect_float_eq(ing->net_g, 89.0, 1e-9);
    cr_expect(ing->assumed & MC_ASSUMED_NET);
    cr_expect_float_eq(r->total.value[MC_N_VIT_A_UG_RAE], 743.15, 1e-9);
    struct mc_nvec v;
    mc_recipe_per_portion(r, &v);
    cr_expect_float_eq(v.value[MC_N_ENERGY_KCAL], 18.245, 1e-9);
    cr_expect_float_eq(mc_recipe_portion_g(r), 44.5, 1e-9);
    cr_expect_float_eq(mc_recipe_net_from_gross(100, 11), 89.0, 1e-12);
}

/* 1 cup of milk = 244 g: energy 61 * 2.44 = 148.84 kcal, calcium
 * 113 * 2.44 = 275.72 mg.  "0.5 CUP" (any case) of milk + "1 tsp" of salt
 * (id written without its leading zero): 122 g + 6 g; sodium
 * 43 * 1.22 + 38758 * 0.06 = 52.46 + 2325.48 = 2377.94 mg; yield 128 g. */
Test(recipe, household_measures)
{
    const struct mc_recipe *r = get("Milk cup");
    cr_expect_float_eq(r->ingredients[0].net_g, 244.0, 1e-9);
    cr_expect_float_eq(r->total.value[MC_N_ENERGY_KCAL], 148.84, 1e-9);
    cr_expect_float_eq(r->total.value[MC_N_CALCIUM_MG], 275.72, 1e-9);
    r = get("Salted milk");
    cr_expect_str_eq(r->ingredients[1].food_id, "02047");
    cr_expect_float_eq(r->ingredients[1].net_g, 6.0, 1e-12);
    cr_expect_float_eq(r->total.value[MC_N_SODIUM_MG], 2377.94, 1e-9);
    cr_expect_float_eq(r->yield_g, 128.0, 1e-9);
}

/* Porridge base: 100 g buckwheat + 100 g milk, cooked down to 150 g, two
 * servings.  Total energy 92 + 61 = 153 kcal; per 100 g of dish
 * 153 / 150 * 100 = 102 kcal; per portion (75 g) 153 / 2 = 76.5 kcal. */
Test(recipe, yield_scaling)
{
    const struct mc_recipe *r = get("Porridge base");
    struct mc_nvec v;
    cr_expect_float_eq(r->total.value[MC_N_ENERGY_KCAL], 153.0, 1e-9);
    mc_recipe_per_100g(r, &v);
    cr_expect_float_eq(v.value[MC_N_ENERGY_KCAL], 102.0, 1e-9);
    mc_recipe_per_portion(r, &v);
    cr_expect_float_eq(v.value[MC_N_ENERGY_KCAL], 76.5, 1e-9);
    cr_expect_float_eq(mc_recipe_portion_g(r), 75.0, 1e-12);
}

/* Porridge plate: 75 g of the finished base (half of its 150 g) + 5 g of
 * butter.  Energy 153 * 75/150 + 717 * 0.05 = 76.5 + 35.85 = 112.35 kcal;
 * fat (0.62 + 3.25) / 2 + 81.11 * 0.05 = 1.935 + 4.0555 = 5.9905 g. */
Test(recipe, sub_recipe)
{
    const struct mc_recipe *r = get("Porridge plate");
    const struct mc_ingredient *ing = &r->ingredients[0];
    cr_expect_eq(ing->sub, get("Porridge base"), "name matched case-insensitively");
    cr_expect_null(ing->food_id);
    cr_expect_float_eq(ing->per100.value[MC_N_ENERGY_KCAL], 102.0, 1e-9);
    cr_expect_float_eq(r->total.value[MC_N_ENERGY_KCAL], 112.35, 1e-9);
    cr_expect_float_eq(r->total.value[MC_N_FAT_G], 5.9905, 1e-9);
}

/* 200 g of milk under cis-heat-treatment: protein 3.15 * 2 * 0.94 = 5.922,
 * fat 3.25 * 2 * 0.88 = 5.72, carbohydrate 4.8 * 2 * 0.91 = 8.736; energy
 * recomputed 4 * 5.922 + 9 * 5.72 + 4 * 8.736 = 23.688 + 51.48 + 34.944
 * = 110.112 kcal (the table would give 122); calcium 226 * 0.88 = 198.88;
 * thiamin 0.092 * 0.72 = 0.06624; vitamin D (no factor) 2.6. */
Test(recipe, cooking_loss_profile)
{
    const struct mc_recipe *r = get("Heated milk");
    cr_expect_str_eq(r->cooking->name, "cis-heat-treatment");
    cr_expect_eq(r->ingredients[0].cooking, r->cooking);
    cr_expect_float_eq(r->total.value[MC_N_PROTEIN_G], 5.922, 1e-9);
    cr_expect_float_eq(r->total.value[MC_N_FAT_G], 5.72, 1e-9);
    cr_expect_float_eq(r->total.value[MC_N_CARB_G], 8.736, 1e-9);
    cr_expect_float_eq(r->total.value[MC_N_ENERGY_KCAL], 110.112, 1e-9);
    cr_expect_float_eq(r->total.value[MC_N_CALCIUM_MG], 198.88, 1e-9);
    cr_expect_float_eq(r->total.value[MC_N_THIAMIN_MG], 0.06624, 1e-12);
    cr_expect_float_eq(r->total.value[MC_N_VIT_D_UG], 2.6, 1e-12);
}

/* An ingredient line overriding the recipe's profile: 100 g milk heated
 * (energy 4 * 3.15 * 0.94 + 9 * 3.25 * 0.88 + 4 * 4.8 * 0.91
 * = 11.844 + 25.74 + 17.472 = 55.056) + 10 g butter under "none"
 * (71.7 kcal) = 126.756 kcal; fat 2.86 + 8.111 = 10.971 g. */
Test(recipe, ingredient_profile_overrides_the_recipe)
{
    const struct mc_recipe *r = get("Buttered milk");
    cr_expect_str_eq(r->ingredients[1].cooking->name, "none");
    cr_expect_float_eq(r->total.value[MC_N_ENERGY_KCAL], 126.756, 1e-9);
    cr_expect_float_eq(r->total.value[MC_N_FAT_G], 10.971, 1e-9);
}

/* The whole 150 g of porridge base under cis-heat-treatment: the recipe's
 * profile applies to a sub-recipe portion too.  Protein 6.53 * 0.94 =
 * 6.1382, fat 3.87 * 0.88 = 3.4056, carbohydrate 24.74 * 0.91 = 22.5134;
 * energy 24.5528 + 30.6504 + 90.0536 = 145.2568 kcal. */
Test(recipe, profile_applies_to_sub_recipe_portions)
{
    const struct mc_recipe *r = get("Reheated base");
    cr_expect_float_eq(r->total.value[MC_N_PROTEIN_G], 6.1382, 1e-9);
    cr_expect_float_eq(r->total.value[MC_N_ENERGY_KCAL], 145.2568, 1e-9);
}

/* 100 g milk (vitamin D 1.3 ug) + 10 g sunflower oil (vitamin D not in
 * SR28): vitamin D 1.3 ug known over 100 of 110 g, coverage 0.90909...;
 * energy 61 + 88.4 = 149.4 kcal, fully known. */
Test(recipe, partial_coverage)
{
    const struct mc_recipe *r = get("Milk with oil");
    cr_expect_float_eq(r->total.value[MC_N_VIT_D_UG], 1.3, 1e-12);
    cr_expect_float_eq(mc_nvec_coverage(&r->total, MC_N_VIT_D_UG), 100.0 / 110.0, 1e-12);
    cr_expect(!mc_nvec_unknown(&r->total, MC_N_VIT_D_UG));
    cr_expect_float_eq(r->total.value[MC_N_ENERGY_KCAL], 149.4, 1e-9);
    cr_expect_float_eq(mc_nvec_coverage(&r->total, MC_N_ENERGY_KCAL), 1.0, 1e-12);
    cr_expect(mc_nvec_unknown(&r->ingredients[1].n, MC_N_VIT_D_UG));
}

/* mc_recipe_compute is pure: a card built in memory, no files. */
Test(recipe, compute_without_files)
{
    struct mc_ingredient ing[2];
    memset(ing, 0, sizeof ing);
    struct mc_recipe r = {.name = (char *)"mem", .servings = 4, .yield_g = 300,
                          .ingredients = ing, .n_ingredients = 2,
                          .cooking = &fx_cooking->profiles[0]};
    for (int i = 0; i < 2; i++) {
        mc_nvec_zero(&ing[i].per100);
        ing[i].per100.mass_g = ing[i].per100.known_g[MC_N_IRON_MG] = 100;
        ing[i].cooking = r.cooking;
    }
    ing[0].per100.value[MC_N_IRON_MG] = 2.0;  /* 150 g: 3 mg */
    ing[0].net_g = 150;
    ing[1].per100.value[MC_N_IRON_MG] = 10.0; /* 50 g: 5 mg */
    ing[1].net_g = 50;
    mc_recipe_compute(&r);
    cr_expect_float_eq(r.total.value[MC_N_IRON_MG], 8.0, 1e-12);
    cr_expect_float_eq(r.total.mass_g, 200.0, 1e-12);
    struct mc_nvec v;
    mc_recipe_per_portion(&r, &v);  /* 8 / 4 */
    cr_expect_float_eq(v.value[MC_N_IRON_MG], 2.0, 1e-12);
    mc_recipe_per_100g(&r, &v);     /* 8 / 300 * 100 */
    cr_expect_float_eq(v.value[MC_N_IRON_MG], 8.0 / 3.0, 1e-12);
}

/* Cycles through three recipes and through one, and a name that is
 * neither a food nor a recipe: each reported once, in line order, and no
 * book is returned. */
Test(recipe, cycles_and_undefined_recipes)
{
    struct mc_err err = {0};
    struct mc_recipe_book *b = (void *)1;
    cr_assert_eq(mc_recipe_book_load("tests/data/recipes-cycle/recipes.csv", fx_db,
                                     fx_cooking, &b, &err),
                 MC_ERR_INPUT);
    cr_expect_null(b);
    cr_expect_eq(err.count, 3);
    cr_expect_str_eq(mc_err_text(&err),
        "tests/data/recipes-cycle/recipes.csv:5:2: recipe cycle: 'Soup' -> 'Stock' -> "
        "'Sauce' -> 'Soup'\n"
        "tests/data/recipes-cycle/recipes.csv:6:2: recipe cycle: 'Self' -> 'Self'\n"
        "tests/data/recipes-cycle/recipes.csv:8:2: unknown food 'Xyzzyq': not a food id, "
        "food name or recipe of this book; name the food as tech cards do (in Russian or Kazakh) or by SR28's "
        "English name: find it with 'mealcheck foods search WORDS'\n");
    mc_err_release(&err);
}

/* SR28 weighs some measures twice.  Barbecue sauce 06150: "0.5 cup" =
 * 143 g (286 g per cup) and "1 cup" = 279 g, 2.5 % apart: a cup of it has
 * no single weight, so the line is an error that shows both.  Enchilada
 * sauce 27063: "0.25 cup" = 56 g and "1 cup" = 224 g agree (224 g per
 * cup): 2 cups = 448 g, energy 30 kcal/100 g x 4.48 = 134.4 kcal. */
Test(recipe, measure_weighed_twice)
{
    struct mc_err err = {0};
    struct mc_recipe_book *b = (void *)1;
    cr_assert_eq(mc_recipe_book_load("tests/data/recipes-measures/ambiguous.csv", fx_db,
                                     fx_cooking, &b, &err),
                 MC_ERR_INPUT);
    cr_expect_null(b);
    cr_expect_str_eq(mc_err_text(&err),
        "tests/data/recipes-measures/ambiguous.csv:2:5: ambiguous measure 'cup' for "
        "06150 Sauce, barbecue: SR28 weighs it 0.5 cup = 143 g, 1 cup = 279 g, more "
        "than 1 % apart; give the grams (net_g, or qty in g)\n");
    mc_err_release(&err);

    cr_assert_eq(mc_recipe_book_load("tests/data/recipes-measures/agree.csv", fx_db,
                                     fx_cooking, &b, &err),
                 MC_OK, "%s", mc_err_text(&err) ? mc_err_text(&err) : "");
    const struct mc_ingredient *in = &b->recipes[0].ingredients[0];
    cr_expect_float_eq(in->net_g, 448, 1e-9);
    cr_expect_float_eq(in->n.value[MC_N_ENERGY_KCAL], 134.4, 1e-9);
    mc_recipe_book_free(b);
}

/* Weights that differ by SR28's rounding only are one weight, that of the
 * larger amount.  Oats 08120: 1 cup = 81 g, 0.333 cup = 27 g (81.08 g per
 * cup): 1/2 cup = 40.5 g, 379 kcal/100 g x 0.405 = 153.495 kcal.  Ricotta
 * 01036: 0.5 cup = 124 g, 1 cup = 246 g (0.8 % apart): 1 cup = 246 g,
 * 174 x 2.46 = 428.04 kcal. */
Test(recipe, measure_rounded_twice)
{
    struct mc_err err = {0};
    struct mc_recipe_book *b = NULL;
    cr_assert_eq(mc_recipe_book_load("tests/data/recipes-measures/rounded.csv", fx_db,
                                     fx_cooking, &b, &err),
                 MC_OK, "%s", mc_err_text(&err) ? mc_err_text(&err) : "");
    cr_expect_float_eq(b->recipes[0].ingredients[0].net_g, 40.5, 1e-9);
    cr_expect_float_eq(b->recipes[0].total.value[MC_N_ENERGY_KCAL], 153.495, 1e-9);
    cr_expect_float_eq(b->recipes[1].ingredients[0].net_g, 246, 1e-9);
    cr_expect_float_eq(b->recipes[1].total.value[MC_N_ENERGY_KCAL], 428.04, 1e-9);
    mc_recipe_book_free(b);
}

/* Units as caterers write them (tests/data/recipes-units), each line's
 * grams from SR28's measures (WEIGHT.txt) and docs/formats.md's factors:
 *   1 1/2 стакан oats 08120 (1 cup = 81 g):  1.5 x 200 ml x 81 / 236.5882365
 *   200 мл milk 01077 (largest volume: 1 quart = 976 g):  200 x 976 / 946.352946
 *   2 ч. л. sugar 19335 (1 tsp = 4.2 g):  2 x 5 ml x 4.2 / 4.92892159375
 *   ½ ст. л. butter 01001 (1 tbsp = 14.2 g):  0.5 x 15 x 14.2 / 14.78676478125
 *   1 шт egg 01123 (medium = 44 g):  44
 *   "0,1" кг buckwheat groats 20009:  100
 *   1 ас қасық sesame oil 04058 (1 tablespoon = 13.6 g):  15 x 13.6 / 14.78676478125
 *   1 pt milk 01077:  473.176473 x 976 / 946.352946 = 488
 * energy per 100 g: 379, 61, 387, 717, 143, 346, 884, 61. */
Test(recipe, caterers_units)
{
    const double cup = 236.5882365, tbsp = cup / 16, tsp = tbsp / 3;
    const double g[] = {1.5 * 200 * 81 / cup, 200 * 976 / (4 * cup), 2 * 5 * 4.2 / tsp,
                        0.5 * 15 * 14.2 / tbsp, 44, 100, 15 * 13.6 / tbsp, 488};
    const double kcal[] = {379, 61, 387, 717, 143, 346, 884, 61};
    struct mc_err err = {0};
    struct mc_recipe_book *b = NULL;
    cr_assert_eq(mc_recipe_book_load("tests/data/recipes-units/recipes.csv", fx_db,
                                     fx_cooking, &b, &err),
                 MC_OK, "%s", mc_err_text(&err) ? mc_err_text(&err) : "");
    const struct mc_recipe *r = &b->recipes[0];
    cr_assert_eq(r->n_ingredients, 8);
    double energy = 0;
    for (size_t i = 0; i < 8; i++) {
        cr_expect_float_eq(r->ingredients[i].net_g, g[i], 1e-9, "line %zu: %.17g g",
                           i + 2, r->ingredients[i].net_g);
        energy += g[i] * kcal[i] / 100;
    }
    cr_expect_float_eq(r->total.value[MC_N_ENERGY_KCAL], energy, 1e-9);
    mc_recipe_book_free(b);
}

/* Recipe names are matched ignoring case in Cyrillic too: the second card
 * names the first "ҚЫМЫЗ СУСЫН".  Koumiss KZ0001 has calcium 90 mg/100 g:
 * the first card is 100 g (90 mg), 50 g of it give 90 x 50 / 100 = 45 mg. */
Test(recipe, cyrillic_names_ignore_case)
{
    struct mc_err err = {0};
    struct mc_recipe_book *b = NULL;
    cr_assert_eq(mc_recipe_book_load("tests/data/recipes-case/recipes.csv", fx_db,
                                     fx_cooking, &b, &err),
                 MC_OK, "%s", mc_err_text(&err) ? mc_err_text(&err) : "");
    const struct mc_recipe *r = mc_recipe_book_find(b, "сусын ҮЛКЕН");
    cr_assert(r);
    cr_expect_str_eq(r->name, "Сусын үлкен");
    cr_expect(r->ingredients[0].sub == &b->recipes[0]);
    cr_expect_float_eq(r->total.value[MC_N_CALCIUM_MG], 45, 1e-9);
    cr_expect_null(mc_recipe_book_find(b, "сусын"));
    mc_recipe_book_free(b);
}

/* A chain of 12000 sub-recipes, each 100 g of the next, the last 100 g of
 * butter: every one is 100 g of butter, 717 kcal and 81.11 g fat.  The
 * cycle search once recursed per sub-recipe and overflowed the stack here,
 * and each name was compared with every other (seconds, not milliseconds). */
Test(recipe, long_sub_recipe_chain)
{
    enum { N = 12000 };
    char path[] = "/tmp/mc-chain-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    cr_assert(f);
    fprintf(f, "recipe,servings,yield_g,food,net_g\n");
    for (int i = 0; i < N - 1; i++)
        fprintf(f, "r%d,1,,r%d,100\n", i, i + 1);
    fprintf(f, "r%d,1,,01001,100\n", N - 1);
    cr_assert_eq(fclose(f), 0);
    struct mc_err err = {0};
    struct mc_recipe_book *b = NULL;
    mc_code rc = mc_recipe_book_load(path, fx_db, fx_cooking, &b, &err);
    remove(path);
    cr_assert_eq(rc, MC_OK, "%s", mc_err_text(&err) ? mc_err_text(&err) : "");
    cr_assert_eq(b->n, N);
    struct mc_nvec v;
    mc_recipe_per_portion(&b->recipes[0], &v);
    cr_expect_float_eq(v.value[MC_N_ENERGY_KCAL], 717.0, 1e-6);
    cr_expect_float_eq(v.value[MC_N_FAT_G], 81.11, 1e-6);
    cr_expect_eq(b->recipes[0].ingredients[0].sub, &b->recipes[1]);
    mc_recipe_book_free(b);
    mc_err_release(&err);
}

/* Write text to a scratch file and load it as a book; rc is returned, the
 * path goes to path (for the expected messages) and the file is removed. */
static mc_code load_text(const char *text, char *path, size_t size,
                         struct mc_err *err)
{
    char tmpl[] = "/tmp/mc-book-XXXXXX";
    int fd = mkstemp(tmpl);
    cr_assert(fd >= 0);
    snprintf(path, size, "%s", tmpl);
    FILE *f = fdopen(fd, "w");
    cr_assert(f);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
    struct mc_recipe_book *b = NULL;
    mc_code rc = mc_recipe_book_load(path, fx_db, fx_cooking, &b, err);
    mc_recipe_book_free(b);
    remove(path);
    return rc;
}

/* A food name with a line break inside quotes is quoted back on one line:
 * messages are sorted by line, and a second line of a message once sorted
 * on its own, ahead of the rest. */
Test(recipe, line_break_in_a_name_stays_in_its_message)
{
    char path[64], want[1024];
    struct mc_err err = {0};
    cr_assert_eq(load_text("recipe,food,net_g\nKasha,\"Xyzzyq\nqyzzyx\",10\n"
                           "Tea,Xyzzyq,10\n", path, sizeof path, &err),
                 MC_ERR_INPUT);
    snprintf(want, sizeof want,
             "%1$s:2:2: unknown food 'Xyzzyq qyzzyx': not a food id, food name "
             "or recipe of this book; name the food as tech cards do (in Russian or Kazakh) or by SR28's "
             "English name: find it with 'mealcheck foods search WORDS'\n"
             "%1$s:4:2: unknown food 'Xyzzyq': not a food id, food name or "
             "recipe of this book; name the food as tech cards do (in Russian or Kazakh) or by SR28's "
             "English name: find it with 'mealcheck foods search WORDS'\n", path);
    cr_expect_str_eq(mc_err_text(&err), want);
    cr_expect_eq(err.count, 2);
    mc_err_release(&err);
}

/* Foods named as caterers name them, through the alias table: гречка =
 * 20009 (346 kcal/100 g), молоко = 01211 (61), сахар = 19335 (387), масло
 * сливочное = 01145 (717), and the same in Kazakh: 0.6 x 346 + 1.5 x 61 +
 * 0.05 x 387 + 0.05 x 717 = 354.3 kcal. */
Test(recipe, russian_and_kazakh_food_names)
{
    struct mc_err err = {0};
    struct mc_recipe_book *b = NULL;
    cr_assert_eq(mc_recipe_book_load("tests/data/recipes-aliases/recipes.csv", fx_db,
                                     fx_cooking, &b, &err),
                 MC_OK, "%s", mc_err_text(&err) ? mc_err_text(&err) : "");
    static const char *const ids[] = {"20009", "01211", "19335", "01145"};
    for (size_t r = 0; r < 2; r++) {
        cr_assert_eq(b->recipes[r].n_ingredients, 4);
        for (size_t i = 0; i < 4; i++) {
            cr_expect_str_eq(b->recipes[r].ingredients[i].food_id, ids[i]);
            cr_expect_eq(b->recipes[r].ingredients[i].matched_by_name, 1);
        }
        cr_expect_float_eq(b->recipes[r].total.value[MC_N_ENERGY_KCAL], 354.3, 1e-9);
    }
    mc_recipe_book_free(b);
}

/* "масло" alone is butter or oil: an error that lists both. */
Test(recipe, ambiguous_food_name)
{
    struct mc_err err = {0};
    struct mc_recipe_book *b = (void *)1;
    cr_assert_eq(mc_recipe_book_load("tests/data/recipes-aliases/ambiguous.csv", fx_db,
                                     fx_cooking, &b, &err),
                 MC_ERR_INPUT);
    cr_expect_null(b);
    cr_expect_str_eq(mc_err_text(&err),
        "tests/data/recipes-aliases/ambiguous.csv:3:3: ambiguous food name 'масло': "
        "the alias table gives 01145 Butter, without salt; 04060 Oil, sunflower, "
        "linoleic (less than 60%); write the id of the one meant\n");
    mc_err_release(&err);
}

/* A recipe of the book comes before the alias table: "АЙРАН" is the book's
 * card (100 g of milk 01211, 61 kcal), not the local food KZ0012, whose
 * nutrients are unknown: 200 g give 122 kcal. */
Test(recipe, own_recipe_before_alias)
{
    struct mc_err err = {0};
    struct mc_recipe_book *b = NULL;
    cr_assert_eq(mc_recipe_book_load("tests/data/recipes-aliases/recipes.csv", fx_db,
                                     fx_cooking, &b, &err),
                 MC_OK, "%s", mc_err_text(&err) ? mc_err_text(&err) : "");
    const struct mc_recipe *r = mc_recipe_book_find(b, "Окрошка");
    cr_assert(r);
    cr_expect(r->ingredients[0].sub == mc_recipe_book_find(b, "Айран"));
    cr_expect_null(r->ingredients[0].food_id);
    cr_expect_float_eq(r->total.value[MC_N_ENERGY_KCAL], 122, 1e-9);
    mc_recipe_book_free(b);
}

/*
 * Sanity checks on what was typed (tests/data/sanity/recipes.csv), each a
 * warning at its cell, the book still loads:
 *   Плов in kg under "Нетто, г": net 0.095 + 0.05 + 0.03 + 0.02 + 0.01 =
 *     0.205 g against a yield of 200 g, 975.6 times (limit 10);
 *   Каша: its "Итого:" row says 190 g net, the rows sum to 50 + 150 = 200 g
 *     (gross 200 = 200: no warning), and is no ingredient;
 *   Суп: yield empty, its "Выход" row gives 250 g;
 *   Суп луковый: "Шығымы" 250 g against yield_g 300 g;
 *   Масло на хлеб: 20 g sunflower oil (04060, 884 kcal/100 g) = 176.8 kcal
 *     in a yield of 10 g, 17.68 kcal/g (limit 9);
 *   Плов с говядиной: only the beef in kg (0.095), the rest in g: the yield
 *     (200 g against 110.095 g net) cannot show it, the beef's row under
 *     1 g does (as Плов's).
 */
Test(recipe, sanity_warnings_on_what_was_typed)
{
    struct mc_err err = {0};
    struct mc_recipe_book *b = NULL;
    cr_assert_eq(mc_recipe_book_load("tests/data/sanity/recipes.csv", fx_db, fx_cooking,
                                     &b, &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_eq(err.n_warnings, 6);
    cr_expect_str_eq(mc_err_warnings(&err),
        "tests/data/sanity/recipes.csv:9:6: recipe 'Каша рисовая': the row 'Итого:' "
        "declares 190 g net, but the rows above sum to 200 g\n"
        "tests/data/sanity/recipes.csv:15:6: recipe 'Суп луковый': the row 'Шығымы' "
        "declares a yield of 250 g, but yield_g on line 13 says 300 g\n"
        "tests/data/sanity/recipes.csv:2:6: recipe 'Плов': 0.095 g of '23485' (Beef "
        "Products) is less than 1 g: is a weight in kg written under a 'g' header?\n"
        "tests/data/sanity/recipes.csv:17:6: recipe 'Плов с говядиной': 0.095 g of "
        "'23485' (Beef Products) is less than 1 g: is a weight in kg written under a "
        "'g' header?\n"
        "tests/data/sanity/recipes.csv:2:3: recipe 'Плов': the yield, 200 g, is 976 "
        "times the sum of its net weights, 0.205 g (expected 1/10 to 10 times): is a "
        "weight in kg written under a 'g' header, or the reverse?\n"
        "tests/data/sanity/recipes.csv:16:3: recipe 'Масло на хлеб': 17.7 kcal per g "
        "of the dish (177 kcal in 10 g), more than any food has (fat: 9 kcal/g): is "
        "the yield too small or a weight in the wrong unit?\n");
    const struct mc_recipe *kasha = mc_recipe_book_find(b, "Каша рисовая");
    cr_assert(kasha);
    cr_expect_eq(kasha->n_ingredients, 2, "the Итого row is not an ingredient");
    const struct mc_recipe *soup = mc_recipe_book_find(b, "Суп");
    cr_assert(soup);
    cr_expect_eq(soup->n_ingredients, 2);
    cr_expect_float_eq(soup->yield_g, 250, 1e-12);
    cr_expect_not(soup->assumed & MC_ASSUMED_YIELD);
    cr_expect_float_eq(mc_recipe_book_find(b, "Масло на хлеб")->total.value[MC_N_ENERGY_KCAL],
                       176.8, 1e-9);
    cr_expect_eq(mc_recipe_book_find(b, "Суп луковый")->n_ingredients, 2);
    mc_recipe_book_free(b);
    mc_err_release(&err);
}

Test(recipe, total_row_words)
{
    cr_expect_eq(mc_total_row_kind("Итого"), MC_TOTAL_SUM);
    cr_expect_eq(mc_total_row_kind("ИТОГО за день"), MC_TOTAL_SUM);
    cr_expect_eq(mc_total_row_kind("Всего:"), MC_TOTAL_SUM);
    cr_expect_eq(mc_total_row_kind("Барлығы"), MC_TOTAL_SUM);
    cr_expect_eq(mc_total_row_kind("Жиыны."), MC_TOTAL_SUM);
    cr_expect_eq(mc_total_row_kind("Выход блюда"), MC_TOTAL_YIELD);
    cr_expect_eq(mc_total_row_kind("Шығымы"), MC_TOTAL_YIELD);
    cr_expect_eq(mc_total_row_kind("Выходной пирог"), MC_TOTAL_NONE);
    cr_expect_eq(mc_total_row_kind("Итоговый салат"), MC_TOTAL_NONE);
    cr_expect_eq(mc_total_row_kind(""), MC_TOTAL_NONE);
    /* beyond 0.5 g and 1 % both: 200 vs 203 differs, 200 vs 201.5 and 2000 vs 2015 do not */
    cr_expect(mc_total_differs(203, 200));
    cr_expect_not(mc_total_differs(201.5, 200));
    cr_expect_not(mc_total_differs(2015, 2000));
    cr_expect_not(mc_total_differs(0.4, 0));
}

/* The shipped catalogue of school dishes (menus/catalogue/recipes.csv):
 * every product resolves and every dish has a course, so the pages can
 * group them.  Two portions worked out by hand from SR28 per 100 g:
 *   Каша гречневая рассыпчатая (card 237, 150 g): 20009 buckwheat 69 g
 *   (346 kcal, protein 11.73 g), 01145 butter 6.75 g (717 kcal, 0.85 g),
 *   water and salt 0: energy 0.69 * 346 + 0.0675 * 717 = 238.74 + 48.3975
 *   = 287.1375 kcal; protein 0.69 * 11.73 + 0.0675 * 0.85 = 8.151075 g.
 *   Каша манная молочная жидкая (205 g): 08172 farina 31 g (369 kcal,
 *   10.60 g), 01211 milk 106 g (61 kcal, 3.15 g), 19335 sugar 5 g (387
 *   kcal, 0 g), butter 5 g: energy 114.39 + 64.66 + 19.35 + 35.85 =
 *   234.25 kcal; protein 3.286 + 3.339 + 0 + 0.0425 = 6.6675 g.
 *   Бутерброды с маслом (S8, 50 g): butter 10 g, 18069 white bread 35 g
 *   (266 kcal, 8.85 g): energy 71.7 + 93.1 = 164.8 kcal; protein 0.085
 *   + 3.0975 = 3.1825 g.
 *   Жаркое из говядины (S13, 230 g, brutto/netto; net weights): 23485
 *   beef 65 g (139 kcal, 22.15 g), 11352 potato 160 g (77 kcal, 2.05 g),
 *   11282 onion 7 g (40, 1.1), 11546 tomato paste 5 g (82, 4.32), 11124
 *   carrot 4 g (41, 0.93), 20481 flour 2 g (364, 10.33), 04060 sunflower
 *   oil 5 g (884, 0), salt and water 0: energy 90.35 + 123.2 + 2.8 + 4.1
 *   + 1.64 + 7.28 + 44.2 = 273.57 kcal; protein 14.3975 + 3.28 + 0.077 +
 *   0.216 + 0.0372 + 0.2066 = 18.2143 g.
 *   Плов с курицей (палау, S3, 220 g, brutto only, so net from SR28's
 *   refuse): 05006 chicken 140 g less 32 % = 95.2 g (215 kcal, 18.6 g),
 *   onion 10 g less 10 % = 9 g, carrot 15 g less 11 % = 13.35 g, oil 7 g,
 *   20450 rice 40 g (360 kcal, 6.61 g), butter 4 g, salt 0: energy 204.68
 *   + 3.6 + 5.4735 + 61.88 + 144 + 28.68 = 448.3135 kcal; protein 17.7072
 *   + 0.099 + 0.124155 + 2.644 + 0.034 = 20.608355 g. */
Test(recipe, catalogue_loads_and_sums_by_hand)
{
    struct mc_err err = {0};
    struct mc_recipe_book *b = NULL;
    cr_assert_eq(mc_recipe_book_load("menus/catalogue/recipes.csv", fx_db, fx_cooking,
                                     &b, &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_eq(err.count, 0);
    cr_expect_eq(b->n, 32);
    for (size_t i = 0; i < b->n; i++)
        cr_expect(b->recipes[i].course != MC_COURSE_NONE, "%s has no course",
                  b->recipes[i].name);

    const struct mc_recipe *r = mc_recipe_book_find(b, "Каша гречневая рассыпчатая");
    cr_assert(r);
    struct mc_nvec v;
    mc_recipe_per_portion(r, &v);
    cr_expect_float_eq(mc_recipe_portion_g(r), 150.0, 1e-9);
    cr_expect_float_eq(v.value[MC_N_ENERGY_KCAL], 287.1375, 1e-9);
    cr_expect_float_eq(v.value[MC_N_PROTEIN_G], 8.151075, 1e-9);

    r = mc_recipe_book_find(b, "каша манная молочная жидкая");
    cr_assert(r);
    mc_recipe_per_portion(r, &v);
    cr_expect_float_eq(v.value[MC_N_ENERGY_KCAL], 234.25, 1e-9);
    cr_expect_float_eq(v.value[MC_N_PROTEIN_G], 6.6675, 1e-9);

    r = mc_recipe_book_find(b, "Бутерброды с маслом");
    cr_assert(r);
    mc_recipe_per_portion(r, &v);
    cr_expect_float_eq(mc_recipe_portion_g(r), 50.0, 1e-9);
    cr_expect_float_eq(v.value[MC_N_ENERGY_KCAL], 164.8, 1e-9);
    cr_expect_float_eq(v.value[MC_N_PROTEIN_G], 3.1825, 1e-9);

    r = mc_recipe_book_find(b, "Жаркое из говядины");
    cr_assert(r);
    mc_recipe_per_portion(r, &v);
    cr_expect_float_eq(mc_recipe_portion_g(r), 230.0, 1e-9);
    cr_expect_float_eq(v.value[MC_N_ENERGY_KCAL], 273.57, 1e-9);
    cr_expect_float_eq(v.value[MC_N_PROTEIN_G], 18.2143, 1e-9);

    r = mc_recipe_book_find(b, "Плов с курицей");
    cr_assert(r);
    mc_recipe_per_portion(r, &v);
    cr_expect_float_eq(mc_recipe_portion_g(r), 220.0, 1e-9);
    cr_expect_float_eq(v.value[MC_N_ENERGY_KCAL], 448.3135, 1e-9);
    cr_expect_float_eq(v.value[MC_N_PROTEIN_G], 20.608355, 1e-9);
    mc_recipe_book_free(b);
    mc_err_release(&err);
}
