/*
 * fuzz_local.c - a local food table, imported with the small SR28 of
 * tests/data/sr28-mini (or MC_FUZZ_SR28) into a scratch database.
 */
#include <stdint.h>

#include "fuzz_util.h"
#include "mealcheck/food_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char local[96], out[128];
    if (!local[0]) {
        snprintf(local, sizeof local, "%s/local", fuzz_scratch());
        if (mkdir(local, 0700) != 0)
            abort();
        snprintf(out, sizeof out, "%s/foods.db", fuzz_scratch());
    }
    char path[128];
    fuzz_write("local/foods.csv", data, size, path, sizeof path);
    const char *sr28 = getenv("MC_FUZZ_SR28");
    struct mc_food_db_build_opts o = {
        .sr28_dir = sr28 ? sr28 : "tests/data/sr28-mini",
        .local_dir = local, .out_path = out, .force = 1};
    struct mc_food_db_build_stats st;
    struct mc_err err = {0};
    if (!mc_food_db_build(&o, &st, &err)) {
        struct mc_food_db *db;
        if (!mc_food_db_open(out, &db, &err))
            mc_food_db_close(db);
    }
    mc_err_release(&err);
    return 0;
}
