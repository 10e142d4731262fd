/* fuzz_food_set.c - the food-map and food-set loaders on one hand-edited
 * CSV file, read as each. */
#include <stdint.h>

#include "fuzz_util.h"
#include "mealcheck/food_set.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mc_err err = {0};
    struct mc_food_map *map;
    struct mc_food_norm *norm;
    char path[128];
    fuzz_write("fuzz.csv", data, size, path, sizeof path);
    if (!mc_food_map_load(path, &map, &err))
        mc_food_map_free(map);
    mc_err_release(&err);
    if (!mc_food_norm_load(fuzz_scratch(), "fuzz", &norm, &err))
        mc_food_norm_free(norm);
    mc_err_release(&err);
    return 0;
}
