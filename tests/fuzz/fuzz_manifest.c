/* fuzz_manifest.c - the audit manifest (manifest.h): the schools, their
 * files, groups, norm sets and meal shares, from a CSV file. */
#include <stdint.h>

#include "fuzz_util.h"
#include "mealcheck/manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128];
    fuzz_write("schools.csv", data, size, path, sizeof path);
    struct mc_err err = {0};
    struct mc_manifest *m;
    if (mc_manifest_load(path, &m, &err) == MC_OK)
        mc_manifest_free(m);
    mc_err_release(&err);
    return 0;
}
