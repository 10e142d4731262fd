/* fuzz_standard.c - the norm-set loader on one hand-edited CSV file. */
#include <stdint.h>

#include "fuzz_util.h"
#include "mealcheck/standard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mc_err err = {0};
    struct mc_standard_set *set;
    char path[128];
    fuzz_write("fuzz.csv", data, size, path, sizeof path);
    if (!mc_standard_set_load(fuzz_scratch(), &set, &err))
        mc_standard_set_free(set);
    mc_err_release(&err);
    return 0;
}
