/* book_fixture.c - see book_fixture.h. */
#include "book_fixture.h"

#include <criterion/criterion.h>
#include <stdlib.h>

struct mc_food_db *fx_db;
struct mc_cooking_set *fx_cooking;
struct mc_recipe_book *fx_book;

void fx_book_open(void)
{
    fx_book_open_at("tests/data/recipes-basic/recipes.csv");
}

void fx_book_open_at(const char *recipes)
{
    struct mc_err err = {0};
    const char *path = getenv("MC_TEST_DB");
    cr_assert_eq(mc_food_db_open(path && *path ? path : MC_FOOD_DB_DEFAULT, &fx_db, &err),
                 MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_cooking_set_load("food_composition/cooking", &fx_cooking, &err),
                 MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_recipe_book_load(recipes, fx_db,
                                     fx_cooking, &fx_book, &err),
                 MC_OK, "%s", mc_err_text(&err));
}

void fx_book_close(void)
{
    mc_recipe_book_free(fx_book);
    mc_cooking_set_free(fx_cooking);
    mc_food_db_close(fx_db);
    fx_book = NULL;
    fx_cooking = NULL;
    fx_db = NULL;
}
