/* book_fixture.h - what the recipe and menu tests share: the SR28 database
 * ($MC_TEST_DB), the shipped cooking profiles and the recipe book
 * tests/data/recipes-basic/recipes.csv, opened before each test. */
#ifndef MEALCHECK_TEST_BOOK_FIXTURE_H
#define MEALCHECK_TEST_BOOK_FIXTURE_H

#include "mealcheck/recipe.h"

extern struct mc_food_db *fx_db;
extern struct mc_cooking_set *fx_cooking;
extern struct mc_recipe_book *fx_book;

/** Open the three; a failure fails the test.  For TestSuite(.init). */
void fx_book_open(void);

/** The same with another recipe book. */
void fx_book_open_at(const char *recipes);
/** Close them.  For TestSuite(.fini). */
void fx_book_close(void);

#endif
