/* fuzz_food_search.c - the food search query (`foods search`, GET
 * /api/foods/search) and name lookup against the real database
 * (MC_TEST_DB, default build/mealcheck.db). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/food_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct mc_food_db *db;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mc_err err = {0};
    if (!db) {
        const char *path = getenv("MC_TEST_DB");
        if (mc_food_db_open(path ? path : "build/mealcheck.db", &db, &err)) {
            fprintf(stderr, "%s", mc_err_text(&err) ? mc_err_text(&err) : "cannot open the database\n");
            abort();
        }
    }
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    struct mc_food_hit *hits;
    size_t n;
    if (mc_food_db_search(db, text, 10, &hits, &n, &err) == MC_OK) {
        if (n > 10)
            abort(); /* at most limit hits */
        mc_food_hits_free(hits, n);
    }
    mc_err_release(&err);
    free(text);
    return 0;
}
