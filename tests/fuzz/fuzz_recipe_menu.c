/*
 * fuzz_recipe_menu.c - a recipe book and a menu against the real database.
 *
 * The input is split at the first SEP byte: before it the recipe book,
 * after it the menu.  Both are loaded (which resolves foods, computes
 * every recipe and aggregates the menu), read and freed.  The database
 * path comes from MC_TEST_DB (default build/mealcheck.db), the cooking
 * profiles from MC_FUZZ_COOKING (default food_composition/cooking).
 */
#include <stdint.h>

#include "fuzz_util.h"
#include "mealcheck/menu.h"
#include "mealcheck/recipe.h"

#define SEP '\x01'

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct mc_food_db *db;
static struct mc_cooking_set *cooking;

static void setup(void)
{
    struct mc_err err = {0};
    const char *db_path = getenv("MC_TEST_DB");
    const char *dir = getenv("MC_FUZZ_COOKING");
    if (mc_food_db_open(db_path ? db_path : "build/mealcheck.db", &db, &err) ||
        mc_cooking_set_load(dir ? dir : "food_composition/cooking", &cooking,
                            &err)) {
        fprintf(stderr, "%s", mc_err_text(&err) ? mc_err_text(&err) : "setup failed\n");
        abort();
    }
    mc_err_release(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!db)
        setup();
    const uint8_t *sep = memchr(data, SEP, size);
    size_t book_len = sep ? (size_t)(sep - data) : size;
    char book_path[128], menu_path[128];
    fuzz_write("recipes.csv", data, book_len, book_path, sizeof book_path);
    fuzz_write("menu.csv", sep ? sep + 1 : data + size,
               sep ? size - book_len - 1 : 0, menu_path, sizeof menu_path);

    struct mc_err err = {0};
    struct mc_recipe_book *book = NULL;
    struct mc_menu *menu = NULL;
    if (mc_recipe_book_load(book_path, db, cooking, &book, &err))
        goto out;
    for (size_t i = 0; i < book->n; i++) {
        struct mc_nvec v;
        mc_recipe_per_portion(&book->recipes[i], &v);
        mc_recipe_per_100g(&book->recipes[i], &v);
    }
    if (!mc_menu_load(menu_path, book, db, &menu, &err))
        mc_menu_free(menu);
out:
    mc_recipe_book_free(book);
    mc_err_release(&err);
    return 0;
}
