/*
 * fuzz_sr28.c - the SR28 line reader, from memory and through its file
 * path (which reads in blocks): both must give the same records and the
 * same messages.
 */
#include <stdint.h>

#include "fuzz_util.h"
#include "mealcheck/sr28.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read every record into a transcript (caller frees) and the messages into err. */
static char *read_all(struct mc_sr28 *r, struct mc_err *err)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        abort();
    int rc;
    while ((rc = mc_sr28_next(r, err)) != 0) {
        fprintf(f, "%d %ld %zu:", rc, mc_sr28_line(r), mc_sr28_nfields(r));
        for (size_t i = 0; i <= mc_sr28_nfields(r); i++) {
            double v;
            fprintf(f, "%s\x1f", mc_sr28_field(r, i));
            mc_sr28_number(r, i, "Nutr_Val", &v, err);
        }
        fputc('\n', f);
    }
    fclose(f);
    return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mc_err e1 = {0}, e2 = {0};
    struct mc_sr28 *r;
    char path[128], *t1 = NULL, *t2 = NULL;
    fuzz_write("fuzz.txt", data, size, path, sizeof path);
    if (mc_sr28_open_buffer(path, (const char *)data, size, &r, &e1))
        abort();
    t1 = read_all(r, &e1);
    mc_sr28_close(r);
    if (mc_sr28_open(path, &r, &e2))
        abort();
    t2 = read_all(r, &e2);
    mc_sr28_close(r);
    if (strcmp(t1, t2) != 0 || e1.count != e2.count ||
        strcmp(mc_err_text(&e1) ? mc_err_text(&e1) : "",
               mc_err_text(&e2) ? mc_err_text(&e2) : "") != 0)
        abort();
    free(t1);
    free(t2);
    mc_err_release(&e1);
    mc_err_release(&e2);
    return 0;
}
