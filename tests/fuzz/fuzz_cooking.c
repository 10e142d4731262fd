/* fuzz_cooking.c - the cooking-loss profile loader on one CSV file. */
#include <stdint.h>

#include "fuzz_util.h"
#include "mealcheck/cooking.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mc_err err = {0};
    struct mc_cooking_set *set;
    char path[128];
    fuzz_write("fuzz.csv", data, size, path, sizeof path);
    if (!mc_cooking_set_load(fuzz_scratch(), &set, &err)) {
        for (size_t i = 0; i < set->n; i++) {
            /* 100 g with every nutrient known, so every factor is used. */
            struct mc_nvec v;
            mc_nvec_zero(&v);
            v.mass_g = 100.0;
            for (int n = 0; n < MC_N_COUNT; n++) {
                v.value[n] = 1.0 + n;
                v.known_g[n] = 100.0;
            }
            mc_cooking_apply(&set->profiles[i], &v);
        }
        mc_cooking_set_free(set);
    }
    mc_err_release(&err);
    return 0;
}
