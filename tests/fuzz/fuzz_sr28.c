/* fuzz_sr28.c - the SR28 line reader, from memory and through its file path. */
#include <stdint.h>

#include "fuzz_util.h"
#include "mealcheck/sr28.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_all(struct mc_sr28 *r, struct mc_err *err)
{
    int rc;
    while ((rc = mc_sr28_next(r, err)) != 0) {
        if (rc < 0)
            continue;
        for (size_t i = 0; i <= mc_sr28_nfields(r); i++) {
            double v;
            mc_sr28_number(r, i, "Nutr_Val", &v, err);
        }
        (void)mc_sr28_line(r);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mc_err err = {0};
    struct mc_sr28 *r;
    char path[128];
    if (!mc_sr28_open_buffer("fuzz.txt", (const char *)data, size, &r, &err)) {
        read_all(r, &err);
        mc_sr28_close(r);
    }
    /* The file path reads in blocks; both must see the same records. */
    fuzz_write("fuzz.txt", data, size, path, sizeof path);
    if (!mc_sr28_open(path, &r, &err)) {
        read_all(r, &err);
        mc_sr28_close(r);
    }
    mc_err_release(&err);
    return 0;
}
