/* fuzz_csv.c - the CSV reader: every record, every field, every number. */
#include <stdint.h>

#include "mealcheck/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mc_err err = {0};
    struct mc_csv *csv;
    if (mc_csv_open_buffer("fuzz.csv", (const char *)data, size, &csv, &err))
        goto out;
    int rc;
    while ((rc = mc_csv_next(csv, &err)) > 0) {
        size_t n = mc_csv_nfields(csv);
        for (size_t i = 0; i <= n; i++) {
            double v;
            mc_parse_number(mc_csv_field(csv, i), &v);
            mc_csv_number(csv, (int)i, "qty", (int)(i & 1), &v, &err);
        }
        mc_csv_find(csv, "food");
        (void)mc_csv_line(csv);
    }
    mc_csv_close(csv);
out:
    mc_err_release(&err);
    return 0;
}
