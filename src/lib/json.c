/*
 * json.c - the streaming JSON writer of json.h.
 */
#include "mealcheck/json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/text.h"

void mc_json_init(struct mc_json *j, FILE *f)
{
    memset(j, 0, sizeof *j);
    j->f = f;
}

void mc_json_write_string(FILE *f, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    fputc('"', f);
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        size_t k = mc_text_utf8_char((const char *)p + i, n - i);
        if (k == 0) {
            fputs("\xEF\xBF\xBD", f); /* U+FFFD for the byte that is not UTF-8 */
            i++;
            continue;
        }
        switch (c) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (c < 0x20)
                fprintf(f, "\\u%04x", c);
            else
                fwrite(p + i, 1, k, f);
        }
        i += k;
    }
    fputc('"', f);
}

void mc_json_write_number(FILE *f, double v)
{
    if (!isfinite(v)) {
        fputs("null", f);
        return;
    }
    /* Starting at 15 digits loses nothing: a double with a shorter exact
     * form prints as that form, %g dropping the trailing zeros. */
    char buf[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    fputs(buf, f);
}

/* Before a value: in an array the comma after the previous element; in an
 * object the key has put it; and the checks. */
static void value(struct mc_json *j)
{
    if (j->depth > 0 && j->object[j->depth]) {
        if (!j->after_key)
            j->misuse = 1; /* a member without a key */
    } else {
        if (j->depth == 0 && j->count[0])
            j->misuse = 1; /* a second document */
        if (j->depth > 0 && j->count[j->depth])
            fputs(j->line_break == 1 ? ",\n " : j->line_break ? ",\n" : ",", j->f);
        else if (j->line_break == 2)
            fputc('\n', j->f);
        j->line_break = 0;
        if (j->count[j->depth] < 2)
            j->count[j->depth]++;
    }
    j->after_key = 0;
}

void mc_json_line_break(struct mc_json *j)
{
    j->line_break = 1;
}

void mc_json_newline(struct mc_json *j)
{
    j->line_break = 2;
}

void mc_json_key(struct mc_json *j, const char *key)
{
    if (j->depth == 0 || !j->object[j->depth] || j->after_key)
        j->misuse = 1;
    if (j->count[j->depth])
        fputs(j->line_break ? ",\n" : ",", j->f);
    j->line_break = 0;
    if (j->count[j->depth] < 2)
        j->count[j->depth]++;
    mc_json_write_string(j->f, key, strlen(key));
    fputc(':', j->f);
    j->after_key = 1;
}

static void begin(struct mc_json *j, int object)
{
    value(j);
    if (j->depth == MC_JSON_MAX_DEPTH) {
        j->misuse = 1;
        return;
    }
    fputc(object ? '{' : '[', j->f);
    j->depth++;
    j->count[j->depth] = 0;
    j->object[j->depth] = (unsigned char)object;
}

static void end(struct mc_json *j, int object)
{
    if (j->depth == 0 || j->object[j->depth] != object || j->after_key) {
        j->misuse = 1;
        return;
    }
    fputc(object ? '}' : ']', j->f);
    j->depth--;
}

void mc_json_object_begin(struct mc_json *j) { begin(j, 1); }
void mc_json_object_end(struct mc_json *j) { end(j, 1); }
void mc_json_array_begin(struct mc_json *j) { begin(j, 0); }
void mc_json_array_end(struct mc_json *j) { end(j, 0); }

void mc_json_string_n(struct mc_json *j, const char *s, size_t n)
{
    value(j);
    mc_json_write_string(j->f, s, n);
}

void mc_json_string(struct mc_json *j, const char *s)
{
    if (!s) {
        mc_json_null(j);
        return;
    }
    mc_json_string_n(j, s, strlen(s));
}

void mc_json_number(struct mc_json *j, double v)
{
    value(j);
    mc_json_write_number(j->f, v);
}

void mc_json_int(struct mc_json *j, long long v)
{
    value(j);
    fprintf(j->f, "%lld", v);
}

void mc_json_bool(struct mc_json *j, int b)
{
    value(j);
    fputs(b ? "true" : "false", j->f);
}

void mc_json_null(struct mc_json *j)
{
    value(j);
    fputs("null", j->f);
}

int mc_json_finish(const struct mc_json *j)
{
    return j->depth == 0 && !j->misuse && !j->after_key && j->count[0] && !ferror(j->f)
               ? 0 : -1;
}

void mc_json_member_string(struct mc_json *j, const char *key, const char *s)
{
    mc_json_key(j, key);
    mc_json_string(j, s);
}

void mc_json_member_number(struct mc_json *j, const char *key, double v)
{
    mc_json_key(j, key);
    mc_json_number(j, v);
}

void mc_json_member_int(struct mc_json *j, const char *key, long long v)
{
    mc_json_key(j, key);
    mc_json_int(j, v);
}

void mc_json_member_bool(struct mc_json *j, const char *key, int b)
{
    mc_json_key(j, key);
    mc_json_bool(j, b);
}

void mc_json_member_date(struct mc_json *j, const char *key, int date)
{
    char buf[16];
    if (date > 0)
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", date / 10000, date / 100 % 100,
                 date % 100);
    mc_json_member_string(j, key, date > 0 ? buf : NULL);
}
