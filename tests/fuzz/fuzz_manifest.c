/* fuzz_manifest.c - the audit manifest (manifest.h): the schools, their
 * files, groups, norm sets and meal shares, from a CSV file; loaded whole
 * (the web) and scanned then read back row by row (the audit), which must
 * agree: the same verdict, the same message, the same schools. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "mealcheck/manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128];
    fuzz_write("schools.csv", data, size, path, sizeof path);
    struct mc_err err = {0}, serr = {0};
    struct mc_manifest *m = NULL, *s = NULL;
    mc_code rc = mc_manifest_load(path, &m, &err);
    mc_code src = mc_manifest_scan(path, NULL, &s, &serr);
    const char *text = mc_err_text(&err), *stext = mc_err_text(&serr);
    if ((rc == MC_OK) != (src == MC_OK) || !text != !stext || (text && strcmp(text, stext)))
        abort();
    if (rc == MC_OK) {
        struct mc_manifest_rows *r = NULL;
        struct mc_manifest_school row = {0};
        size_t i = 0;
        if (mc_manifest_rows_open(s, &r, &serr))
            abort();
        while (mc_manifest_rows_next(r, &row, &serr) == 1) {
            if (i >= m->n || strcmp(row.id, m->schools[i].id) ||
                strcmp(row.menu, m->schools[i].menu) || row.line != m->schools[i].line)
                abort();
            mc_manifest_school_release(&row);
            i++;
        }
        if (i != m->n || s->n != m->n)
            abort();
        mc_manifest_rows_close(r);
    }
    mc_manifest_free(m);
    mc_manifest_free(s);
    mc_err_release(&err);
    mc_err_release(&serr);
    return 0;
}
