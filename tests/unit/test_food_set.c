/*
 * test_food_set.c - food map, food-set norms and the cumulative statement.
 *
 * tests/data/food-set (food groups from the shipped map):
 *   Porridge (2 servings, 500 g): oats 08120 100 g + milk 01077 400 g
 *   Bread with butter (1, 50 g): bread 18069 40 g + butter 01145 10 g
 *   Sandwich plate (1, 100 g): Bread with butter 50 g + cheddar 01009 20 g
 *                              + tomato 11529 net 30 g (gross 40 g)
 *   Monday:  Porridge 250 g (x 250/500 = 0.5: oats 50, milk 200), apple
 *            09003 150 g, Sandwich plate 100 g (x 1: bread 40, butter 10,
 *            cheese 20, tomato 30, gross 40)
 *   Tuesday: Porridge 500 g (x 1: oats 100, milk 400), Sandwich plate 50 g
 *            (x 0.5: bread 20, butter 5, cheese 10, tomato 15, gross 20)
 *   per day on average: cereals (oats) 75, milk 300, fruit 75, wheat bread
 *   30, butter 7.5, cheese 15, vegetables (tomato) 22.5 g; potatoes 0.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book_fixture.h"
#include "mealcheck/cooking.h"
#include "mealcheck/food_db.h"
#include "mealcheck/food_set.h"
#include "mealcheck/menu.h"
#include "mealcheck/recipe.h"

#define MAP "food_composition/food_sets/food_groups.csv"
#define SHIPPED "food_composition/food_sets/norms"

static struct mc_menu *menu;
static struct mc_food_map *map;
static struct mc_food *held[32];
static size_t n_held;

static void setup(void)
{
    struct mc_err err = {0};
    fx_book_open_at("tests/data/food-set/recipes.csv");
    cr_assert_eq(mc_menu_load("tests/data/food-set/menu.csv", fx_book, fx_db, &menu, &err),
                 MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_food_map_load(MAP, &map, &err), MC_OK, "%s", mc_err_text(&err));
}

static void teardown(void)
{
    for (size_t i = 0; i < n_held; i++)
        mc_food_free(held[i]);
    n_held = 0;
    mc_food_map_free(map);
    mc_menu_free(menu);
    fx_book_close();
}

TestSuite(food_set, .init = setup, .fini = teardown);

/* The SR28 group of a food, from the database. */
static const char *group_of(void *ctx, const char *id)
{
    (void)ctx;
    struct mc_food *f = NULL;
    mc_food_db_get(fx_db, id, &f, NULL);
    cr_assert(f && n_held < 32, "food %s", id);
    held[n_held++] = f;
    return f->group;
}

static struct mc_food_set *run(const struct mc_food_norm *n, int a0, int a1, double lo,
                               double hi, double tol)
{
    struct mc_err err = {0};
    struct mc_food_set *fs = NULL;
    struct mc_food_set_opts o = {.age_min = a0, .age_max = a1, .share_lo = lo,
                                 .share_hi = hi, .tolerance_pct = tol,
                                 .group_of = group_of};
    cr_assert_eq(mc_food_set_run(menu, n, map, &o, &fs, &err), MC_OK, "%s", mc_err_text(&err));
    return fs;
}

static const struct mc_food_set_line *line(const struct mc_food_set *fs, const char *key)
{
    for (size_t i = 0; i < fs->n_lines; i++)
        if (!strcmp(fs->lines[i].food_group, key))
            return &fs->lines[i];
    cr_assert_fail("no line %s", key);
    return NULL;
}

Test(food_set, shipped_map_sorts_foods)
{
    /* A food's own row beats its SR28 group; the longest prefix wins. */
    cr_expect_str_eq(mc_food_map_group(map, "02045", "Dill weed, fresh", "Spices and Herbs"),
                     "vegetables");
    cr_expect_str_eq(mc_food_map_group(map, "01012", "Cheese, cottage, creamed, large or "
                                       "small curd", "Dairy and Egg Products"),
                     "cottage_cheese");
    cr_expect_str_eq(mc_food_map_group(map, "01009", "Cheese, cheddar",
                                       "Dairy and Egg Products"), "cheese");
    cr_expect_str_eq(mc_food_map_group(map, "01077", "Milk, whole, 3.25% milkfat, with "
                                       "added vitamin D", "dairy and egg products"), "milk");
    cr_expect_str_eq(mc_food_map_group(map, "11352", "Potatoes, flesh and skin, raw",
                                       "Vegetables and Vegetable Products"), "potatoes");
    cr_expect_str_eq(mc_food_map_group(map, "KZ0001", "Қымыз", "Dairy and Egg Products"),
                     "sour_milk");
    cr_expect_null(mc_food_map_group(map, "21001", "Fast foods, biscuit", "Fast Foods"));
}

Test(food_set, statement_by_hand)
{
    struct mc_err err = {0};
    struct mc_food_norm *n = NULL;
    cr_assert_eq(mc_food_norm_load("tests/data/food-set/norms", "t_set", &n, &err), MC_OK,
                 "%s", mc_err_text(&err));
    cr_expect_eq(n->n, 7);
    struct mc_food_set *fs = run(n, 7, 10, 100, 100, 0);
    cr_expect_str_eq(fs->age_group, "t_7_11");
    cr_expect_eq(fs->n_days, 2);
    static const char *const order[] = {"cereals_legumes", "milk", "fruit", "bread_wheat",
                                        "butter", "potatoes", "cheese", "vegetables"};
    cr_assert_eq(fs->n_lines, 8);
    for (size_t i = 0; i < 8; i++)
        cr_expect_str_eq(fs->lines[i].food_group, order[i]);
    const struct mc_food_set_line *c = line(fs, "cereals_legumes");
    cr_expect_float_eq(c->day_net_g[0], 50, 1e-9);
    cr_expect_float_eq(c->day_net_g[1], 100, 1e-9);
    cr_expect_float_eq(c->total_net_g, 150, 1e-9);
    cr_expect_float_eq(c->total_gross_g, 150, 1e-9);
    cr_expect_float_eq(c->avg_net_g, 75, 1e-9);
    cr_expect_float_eq(c->pct, 75, 1e-9);
    cr_expect_eq(c->status, MC_FOOD_LOW);
    cr_expect_str_eq(c->name, "Крупы, бобовые");
    cr_expect_float_eq(line(fs, "milk")->avg_net_g, 300, 1e-9);
    cr_expect_eq(line(fs, "milk")->status, MC_FOOD_OK);
    cr_expect_float_eq(line(fs, "fruit")->day_net_g[0], 150, 1e-9);
    cr_expect_float_eq(line(fs, "fruit")->pct, 50, 1e-9);
    cr_expect_float_eq(line(fs, "bread_wheat")->day_net_g[1], 20, 1e-9);
    cr_expect_eq(line(fs, "bread_wheat")->status, MC_FOOD_OK);
    cr_expect_float_eq(line(fs, "butter")->avg_net_g, 7.5, 1e-9);
    cr_expect_float_eq(line(fs, "potatoes")->pct, 0, 1e-9);
    const struct mc_food_set_line *v = line(fs, "vegetables");
    cr_expect_float_eq(v->total_net_g, 45, 1e-9);
    cr_expect_float_eq(v->total_gross_g, 60, 1e-9, "gross 40 x 1 + 40 x 0.5");
    cr_expect_eq(v->status, MC_FOOD_NO_NORM);
    cr_expect(isnan(v->pct) && isnan(v->norm_lo_g));
    cr_expect_eq(fs->n_low, 4);
    cr_expect_eq(fs->n_ok, 2);
    cr_expect_eq(fs->n_high, 0);
    cr_expect_eq(fs->complies, 0, "cereals and fruit are verified and low");
    cr_assert_eq(fs->n_foods, 7);
    cr_expect_str_eq(fs->foods[0].food_id, "18069");
    cr_expect_str_eq(fs->foods[0].food_group, "bread_wheat");
    cr_expect_str_eq(fs->foods[6].food_id, "11529");
    cr_expect_float_eq(fs->foods[3].total_net_g, 30, 1e-9, "cheddar 20 + 10");
    mc_food_set_free(fs);
    mc_food_norm_free(n);
}

/* 50-60 % of the day within 10 %: the band is g x 0.5 x 0.9 .. g x 0.6 x 1.1
 * and % of norm is over g x 0.55. */
Test(food_set, share_and_tolerance)
{
    struct mc_err err = {0};
    struct mc_food_norm *n = NULL;
    cr_assert_eq(mc_food_norm_load("tests/data/food-set/norms", "t_set", &n, &err), MC_OK);
    struct mc_food_set *fs = run(n, 7, 11, 50, 60, 10);
    const struct mc_food_set_line *c = line(fs, "cereals_legumes");
    cr_expect_float_eq(c->norm_lo_g, 45, 1e-9);
    cr_expect_float_eq(c->norm_hi_g, 66, 1e-9);
    cr_expect_float_eq(c->pct, 75.0 / 55.0 * 100.0, 1e-9);
    cr_expect_eq(c->status, MC_FOOD_HIGH);
    cr_expect_float_eq(line(fs, "milk")->pct, 300.0 / 165.0 * 100.0, 1e-9);
    cr_expect_eq(line(fs, "fruit")->status, MC_FOOD_OK, "75 within 67.5-99");
    cr_expect_eq(fs->n_high, 4);
    cr_expect_eq(fs->n_ok, 1);
    cr_expect_eq(fs->n_low, 1);
    mc_food_set_free(fs);
    fs = run(n, 12, 14, 100, 100, 0);
    cr_expect_str_eq(fs->age_group, "t_12_18");
    cr_expect_eq(fs->n_lines, 7, "milk, then the six groups without a norm");
    mc_food_set_free(fs);
    struct mc_food_set_opts o = {.age_min = 10, .age_max = 12, .share_lo = 100,
                                 .share_hi = 100, .group_of = group_of};
    cr_expect_eq(mc_food_set_run(menu, n, map, &o, &fs, &err), MC_ERR_NOT_FOUND);
    cr_expect_str_eq(mc_err_text(&err), "food set 't_set': no age group covers ages 10-12 (its "
                               "groups: t_7_11 (7-11), t_12_18 (12-18))\n");
    mc_err_release(&err);
    mc_food_norm_free(n);
}

/* Without the SR28 groups only ids and name prefixes place foods: butter
 * and cheddar by prefix; oats, milk, apple, bread and tomato fall to
 * "unassigned", listed last: 150 + 600 + 150 + 60 + 45 = 1005 g. */
Test(food_set, unassigned_foods_are_kept)
{
    struct mc_err err = {0};
    struct mc_food_norm *n = NULL;
    struct mc_food_set *fs = NULL;
    cr_assert_eq(mc_food_norm_load("tests/data/food-set/norms", "t_set", &n, &err), MC_OK);
    struct mc_food_set_opts o = {.age_min = 7, .age_max = 11, .share_lo = 100,
                                 .share_hi = 100};
    cr_assert_eq(mc_food_set_run(menu, n, map, &o, &fs, &err), MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(fs->n_lines, 8);
    cr_expect_str_eq(fs->lines[6].food_group, "cheese");
    cr_expect_str_eq(fs->lines[7].food_group, "unassigned");
    cr_expect_float_eq(fs->lines[7].total_net_g, 1005, 1e-9);
    cr_expect_eq(fs->lines[7].status, MC_FOOD_NO_NORM);
    cr_expect_float_eq(line(fs, "butter")->total_net_g, 15, 1e-9);
    cr_expect_float_eq(line(fs, "milk")->total_net_g, 0, 1e-9);
    cr_expect_str_eq(mc_food_set_verdict(fs), "DOES NOT COMPLY");
    mc_food_set_free(fs);
    mc_food_norm_free(n);
}

/* The shipped SanPiN 3590-20 Appendix 7 set: 21 rows per age group, every
 * one unverified, so the fixture menu is low or high only in advisory. */
Test(food_set, sanpin_app7)
{
    struct mc_err err = {0};
    struct mc_food_norm *n = NULL;
    cr_assert_eq(mc_food_norm_load(SHIPPED, "ru_sanpin_3590_20_app7", &n, &err), MC_OK,
                 "%s", mc_err_text(&err));
    cr_expect_eq(n->n, 42);
    size_t verified = 0;
    for (size_t i = 0; i < n->n; i++) {
        verified += (size_t)n->rows[i].verified;
        if (!strcmp(n->rows[i].group, "ru_7_11") && !strcmp(n->rows[i].food_group, "potatoes"))
            cr_expect_float_eq(n->rows[i].grams, 187, 1e-9);
        if (!strcmp(n->rows[i].group, "ru_12_18") && !strcmp(n->rows[i].food_group, "meat"))
            cr_expect_float_eq(n->rows[i].grams, 78, 1e-9);
    }
    cr_expect_eq(verified, 0);
    struct mc_food_set *fs = run(n, 7, 11, 100, 100, 0);
    cr_expect_float_eq(line(fs, "cereals_legumes")->pct, 75.0 / 45.0 * 100.0, 1e-9);
    cr_expect_eq(line(fs, "cereals_legumes")->status, MC_FOOD_HIGH);
    cr_expect_float_eq(line(fs, "milk")->pct, 100, 1e-9);
    cr_expect_float_eq(line(fs, "bread_wheat")->pct, 20, 1e-9);
    cr_expect_eq(fs->n_ok, 1);
    cr_expect_eq(fs->n_high, 1);
    cr_expect_eq(fs->n_low, 19);
    cr_expect_eq(fs->complies, 1, "advisory only");
    cr_expect_str_eq(mc_food_set_verdict(fs), "complies: every deviation is advisory");
    mc_food_set_free(fs);
    mc_food_norm_free(n);
}

Test(food_set, bad_files_report_every_row)
{
    struct mc_err err = {0};
    struct mc_food_map *m = NULL;
    cr_expect_eq(mc_food_map_load("tests/data/food-set-bad/map.csv", &m, &err),
                 MC_ERR_INPUT);
    cr_expect_null(m);
    cr_expect_str_eq(mc_err_text(&err),
        "tests/data/food-set-bad/map.csv:2:1: expected exactly one of food_id, name_prefix "
        "and sr28_group, got 2\n"
        "tests/data/food-set-bad/map.csv:3:1: expected exactly one of food_id, name_prefix "
        "and sr28_group, got 0\n"
        "tests/data/food-set-bad/map.csv:4:4: group: expected lowercase letters, digits "
        "and '_', got 'Cheese'\n"
        "tests/data/food-set-bad/map.csv:6:1: '09003' is already assigned on line 5\n");
    mc_err_release(&err);
    struct mc_food_norm *n = NULL;
    cr_expect_eq(mc_food_norm_load("tests/data/food-set-bad/norms", "t_bad", &n, &err),
                 MC_ERR_INPUT);
    cr_expect_null(n);
    cr_expect_str_eq(mc_err_text(&err),
        "tests/data/food-set-bad/norms/t_bad.csv:3:1: group 't_a' is 7-11 on line 2, "
        "here 7-12\n"
        "tests/data/food-set-bad/norms/t_bad.csv:4:3: age_max 7 is below age_min 9\n"
        "tests/data/food-set-bad/norms/t_bad.csv:5:4: food_group: expected lowercase "
        "letters, digits and '_', got 'Meat'\n"
        "tests/data/food-set-bad/norms/t_bad.csv:5:6: grams: expected a non-negative "
        "number, got '-5'\n"
        "tests/data/food-set-bad/norms/t_bad.csv:6:7: verified: expected 'yes' or 'no', "
        "got 'maybe'\n"
        "tests/data/food-set-bad/norms/t_bad.csv:8:4: 'milk' of group 't_d' is already "
        "given on line 7\n");
    mc_err_release(&err);
    cr_expect_eq(mc_food_norm_load("tests/data/food-set-bad/norms", "t_none", &n, &err),
                 MC_ERR_NOT_FOUND);
    cr_expect_str_eq(mc_err_text(&err), "unknown food set 't_none' (available: t_bad)\n");
    mc_err_release(&err);
}

/* A food set saved as Excel on Windows names it (t_set.CSV) is found by its
 * id, and the list of the ones there leaves out dot-files, as every folder
 * of data files is read (src/lib/folder.h). */
Test(food_set, file_name_in_any_case)
{
    char dir[] = "/tmp/mc-food-set-XXXXXX", cmd[256];
    cr_assert(mkdtemp(dir));
    snprintf(cmd, sizeof cmd, "cp tests/data/food-set/norms/t_set.csv %s/t_set.CSV && "
             "cp tests/data/food-set/norms/t_set.csv %s/._t_mac.csv", dir, dir);
    cr_assert_eq(system(cmd), 0);
    struct mc_err err = {0};
    struct mc_food_norm *n = NULL;
    cr_expect_eq(mc_food_norm_load(dir, "t_set", &n, &err), MC_OK, "%s", mc_err_text(&err));
    mc_food_norm_free(n);
    n = NULL;
    cr_expect_eq(mc_food_norm_load(dir, "t_mac", &n, &err), MC_ERR_NOT_FOUND);
    cr_expect_str_eq(mc_err_text(&err), "unknown food set 't_mac' (available: t_set)\n");
    mc_err_release(&err);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}
