/*
 * xlsx_cells.c - reading cells of a written workbook back from its XML.
 */
#include "xlsx_cells.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One member of the zip, through `unzip -p`; caller frees. */
char *member(const char *xlsx, const char *name)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s'", xlsx, name);
    FILE *p = popen(cmd, "r");
    cr_assert(p);
    size_t len = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
        len += n;
        if (cap - len < 4096)
            buf = realloc(buf, cap *= 2);
    }
    buf[len] = '\0';
    cr_assert_eq(pclose(p), 0, "unzip %s %s", xlsx, name);
    return buf;
}

/* The i-th shared string (plain text between <t> tags). */
char *shared(const char *sst, long i)
{
    const char *p = sst;
    for (long k = 0; k <= i; k++) {
        p = strstr(p, "<si>");
        cr_assert(p, "shared string %ld", i);
        p += 4;
    }
    p = strchr(p, '>') + 1; /* past <t ...> */
    const char *end = strstr(p, "</t>");
    return strndup(p, (size_t)(end - p));
}

struct cell cell(const char *sheet, const char *sst, const char *ref)
{
    struct cell c = {"", ""};
    char key[32];
    snprintf(key, sizeof key, "<c r=\"%s\"", ref);
    const char *p = strstr(sheet, key);
    cr_assert(p, "no cell %s", ref);
    const char *end = strstr(p, "</c>");
    const char *close = strstr(p, "/>");
    if (close && (!end || close < end) && close < strchr(p, '>') + 1)
        return c; /* an empty cell */
    const char *f = strstr(p, "<f>");
    if (f && f < end)
        snprintf(c.formula, sizeof c.formula, "%.*s", (int)(strstr(f, "</f>") - f - 3), f + 3);
    const char *is = strstr(p, "<is><t");
    if (is && is < end) {
        is = strchr(is + 4, '>') + 1; /* past <t ...> */
        snprintf(c.value, sizeof c.value, "%.*s", (int)(strstr(is, "</t>") - is), is);
        return c;
    }
    const char *v = strstr(p, "<v>");
    if (!v || v > end)
        return c;
    snprintf(c.value, sizeof c.value, "%.*s", (int)(strstr(v, "</v>") - v - 3), v + 3);
    const char *t = strstr(p, " t=\"s\"");
    if (t && t < strchr(p, '>')) {
        char *s = shared(sst, atol(c.value));
        snprintf(c.value, sizeof c.value, "%s", s);
        free(s);
    }
    return c;
}

double num(const struct cell *c)
{
    return strtod(c->value, NULL);
}

double numat(const char *sheet, const char *sst, const char *ref)
{
    struct cell c = cell(sheet, sst, ref);
    cr_expect_neq(c.value[0], '\0', "cell %s is empty", ref);
    return num(&c);
}
