/*
 * error.c - the diagnostic records behind struct mc_err.
 *
 * Each message is a record with owned strings; the joined texts the command
 * line prints are built from them on demand.  Allocation failure while
 * recording a message degrades to keeping the code and the count only,
 * never to a crash.
 */
#include "mealcheck/error.h"
#include "mealcheck/i18n.h"
#include "array.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mc_err_init(struct mc_err *err)
{
    memset(err, 0, sizeof *err);
}

static void diag_free(struct mc_diag *d)
{
    free((char *)d->file);
    free((char *)d->sheet);
    free((char *)d->message);
}

/* The joined texts are rebuilt after any change to the records. */
static void forget_joined(struct mc_err *err)
{
    free(err->joined[0]);
    free(err->joined[1]);
    err->joined[0] = err->joined[1] = NULL;
}

void mc_err_release(struct mc_err *err)
{
    if (!err)
        return;
    for (size_t i = 0; i < err->n_diags; i++)
        diag_free(&err->diags[i]);
    free(err->diags);
    forget_joined(err);
    mc_err_init(err);
}

int mc_err_full(const struct mc_err *err)
{
    return err && err->count >= MC_ERR_LIMIT;
}

/* End a message cut at the end of buf after its last whole UTF-8
 * character, with "…", so that it stays UTF-8 (a JSON string) and shows
 * that it was cut. */
static void cut_whole(char *buf, size_t size)
{
    static const char more[] = "\xE2\x80\xA6"; /* U+2026 */
    size_t end = size - sizeof more;
    /* Back to the first byte of the character at end, which goes. */
    while (end > 0 && ((unsigned char)buf[end] & 0xC0) == 0x80)
        end--;
    memcpy(buf + end, more, sizeof more);
}

/* Room for one more record; 0 when out of memory. */
static int grow(struct mc_err *err)
{
    return !mc_array_reserve(&err->diags, &err->cap_diags, err->n_diags + 1,
                             sizeof *err->diags, 8);
}

static char *dup_or_null(const char *s, int *failed)
{
    if (!s)
        return NULL;
    char *p = strdup(s);
    if (!p)
        *failed = 1;
    return p;
}

/* Keep one record; its message is fmt formatted (already translated). */
static void keep(struct mc_err *err, mc_severity sev, mc_code code,
                 const char *file, const char *sheet, long line, long col,
                 const char *fmt, va_list ap)
{
    char buf[2048];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof buf)
        cut_whole(buf, sizeof buf);
    /* One message, one line: a quoted cell quoted back may hold line breaks. */
    for (char *p = buf; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    if (err->n_diags == err->cap_diags && !grow(err))
        return;
    int failed = 0;
    struct mc_diag d = {.severity = sev, .code = code,
                        .line = line > 0 ? line : 0,
                        .column = line > 0 && col > 0 ? col : 0};
    d.file = dup_or_null(file, &failed);
    d.sheet = dup_or_null(sheet, &failed);
    d.message = dup_or_null(buf, &failed);
    if (failed) {
        diag_free(&d);
        return;
    }
    forget_joined(err);
    err->diags[err->n_diags++] = d;
}

static mc_code record(struct mc_err *err, mc_code code, const char *file,
                      const char *sheet, long line, long col, const char *fmt,
                      va_list ap)
{
    if (!err)
        return code;
    if (err->code == MC_OK)
        err->code = code;
    /* A message marked N_() where it is raised reads in the user's language. */
    if (err->count < MC_ERR_LIMIT)
        keep(err, MC_SEVERITY_ERROR, code, file, sheet, line, col, _(fmt), ap);
    err->count++;
    return code;
}

mc_code mc_err_set(struct mc_err *err, mc_code code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(err, code, NULL, NULL, 0, 0, fmt, ap);
    va_end(ap);
    return code;
}

mc_code mc_err_at(struct mc_err *err, mc_code code, const char *path,
                  long line, long col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(err, code, path, NULL, line, col, fmt, ap);
    va_end(ap);
    return code;
}

mc_code mc_err_at_sheet(struct mc_err *err, mc_code code, const char *path,
                        const char *sheet, long line, long col, const char *fmt,
                        ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(err, code, path, sheet, line, col, fmt, ap);
    va_end(ap);
    return code;
}

void mc_err_warn_at(struct mc_err *err, const char *path, long line, long col,
                    const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    if (err->n_warnings < MC_ERR_LIMIT)
        keep(err, MC_SEVERITY_WARNING, MC_OK, path, NULL, line, col, _(fmt), ap);
    va_end(ap);
    err->n_warnings++;
}

size_t mc_err_diag_count(const struct mc_err *err)
{
    return err ? err->n_diags : 0;
}

const struct mc_diag *mc_err_diag(const struct mc_err *err, size_t i)
{
    return &err->diags[i];
}

size_t mc_diag_format(const struct mc_diag *d, char *buf, size_t size)
{
    char sheet[1100] = "";
    if (d->sheet)
        snprintf(sheet, sizeof sheet, "[%s]", d->sheet);
    int n;
    if (!d->file)
        n = snprintf(buf, size, "%s", d->message);
    else if (d->line <= 0)
        n = snprintf(buf, size, "%s%s: %s", d->file, sheet, d->message);
    else if (d->column <= 0)
        n = snprintf(buf, size, "%s%s:%ld: %s", d->file, sheet, d->line, d->message);
    else
        n = snprintf(buf, size, "%s%s:%ld:%ld: %s", d->file, sheet, d->line,
                     d->column, d->message);
    return n < 0 ? 0 : (size_t)n;
}

/* The records of one severity formatted one per line, or NULL when none. */
static const char *joined(struct mc_err *err, mc_severity sev)
{
    if (err->joined[sev])
        return err->joined[sev];
    size_t len = 0, kept = 0;
    for (size_t i = 0; i < err->n_diags; i++)
        if (err->diags[i].severity == sev) {
            len += mc_diag_format(&err->diags[i], NULL, 0) + 1;
            kept++;
        }
    char *text = kept ? malloc(len + 1) : NULL;
    if (!text)
        return NULL;
    size_t at = 0;
    for (size_t i = 0; i < err->n_diags; i++)
        if (err->diags[i].severity == sev) {
            at += mc_diag_format(&err->diags[i], text + at, len + 1 - at);
            text[at++] = '\n';
        }
    text[at] = '\0';
    return err->joined[sev] = text;
}

const char *mc_err_text(struct mc_err *err)
{
    return joined(err, MC_SEVERITY_ERROR);
}

const char *mc_err_warnings(struct mc_err *err)
{
    return joined(err, MC_SEVERITY_WARNING);
}

void mc_err_relabel(struct mc_err *err, const char *path, const char *label)
{
    size_t n = strlen(path);
    if (!err || !n)
        return;
    for (size_t i = 0; i < err->n_diags; i++) {
        struct mc_diag *d = &err->diags[i];
        const char **field = d->file ? &d->file : &d->message;
        const char *s = *field;
        /* the file itself, or it first: "path[Sheet]", "path: ..." */
        if (strncmp(s, path, n) != 0 ||
            (s[n] && (d->file ? s[n] != '[' && s[n] != ':' : s[n] != ':')))
            continue;
        size_t rest = strlen(s + n), nl = strlen(label);
        char *p = malloc(nl + rest + 1);
        if (!p)
            continue;
        memcpy(p, label, nl);
        memcpy(p + nl, s + n, rest + 1);
        free((char *)s);
        *field = p;
        forget_joined(err);
    }
}

/* An mc_err whose records all went holds no memory, as an empty one: a
 * caller that only moved or printed its warnings need not release it. */
static void drop_if_empty(struct mc_err *err)
{
    if (err->n_diags)
        return;
    free(err->diags);
    err->diags = NULL;
    err->cap_diags = 0;
}

/* Move from's records of severity sev to the end of to, at most room of
 * them (the rest were counted, never kept, as if recorded in to). */
static void take(struct mc_err *to, struct mc_err *from, mc_severity sev, int count)
{
    size_t room = count < MC_ERR_LIMIT ? (size_t)(MC_ERR_LIMIT - count) : 0;
    size_t w = 0;
    for (size_t i = 0; i < from->n_diags; i++) {
        struct mc_diag *d = &from->diags[i];
        if (d->severity != sev) {
            from->diags[w++] = *d;
            continue;
        }
        if (!room || (to->n_diags == to->cap_diags && !grow(to))) {
            diag_free(d);
            continue;
        }
        room--;
        to->diags[to->n_diags++] = *d;
    }
    from->n_diags = w;
    forget_joined(to);
    forget_joined(from);
    drop_if_empty(from);
}

void mc_err_move_warnings(struct mc_err *to, struct mc_err *from)
{
    take(to, from, MC_SEVERITY_WARNING, to->n_warnings);
    to->n_warnings += from->n_warnings;
    from->n_warnings = 0;
}

void mc_err_clear_warnings(struct mc_err *err)
{
    size_t w = 0;
    for (size_t i = 0; i < err->n_diags; i++) {
        if (err->diags[i].severity == MC_SEVERITY_WARNING)
            diag_free(&err->diags[i]);
        else
            err->diags[w++] = err->diags[i];
    }
    err->n_diags = w;
    err->n_warnings = 0;
    forget_joined(err);
    drop_if_empty(err);
}

struct placed {
    struct mc_diag d;
    long line, col;
    size_t seq;
};

static int cmp_placed(const void *pa, const void *pb)
{
    const struct placed *a = pa, *b = pb;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void mc_err_move_sorted(struct mc_err *to, struct mc_err *from, const char *path)
{
    size_t n = 0;
    for (size_t i = 0; i < from->n_diags; i++)
        n += from->diags[i].severity == MC_SEVERITY_ERROR;
    struct placed *v = malloc((n ? n : 1) * sizeof *v);
    size_t k = 0;
    for (size_t i = 0; v && i < from->n_diags; i++) {
        const struct mc_diag *d = &from->diags[i];
        if (d->severity != MC_SEVERITY_ERROR)
            continue;
        int here = d->file && !d->sheet && !strcmp(d->file, path);
        v[k] = (struct placed){*d, here ? d->line : 0, here ? d->column : 0, k};
        k++;
    }
    if (v) {
        qsort(v, n, sizeof *v, cmp_placed);
        /* The errors go back in sorted order after the warnings. */
        size_t w = 0;
        for (size_t i = 0; i < from->n_diags; i++)
            if (from->diags[i].severity != MC_SEVERITY_ERROR)
                from->diags[w++] = from->diags[i];
        for (size_t e = 0; e < n; e++)
            from->diags[w++] = v[e].d;
        free(v);
    }
    take(to, from, MC_SEVERITY_ERROR, to->count);
    if (to->code == MC_OK)
        to->code = from->code;
    to->count += from->count;
    mc_err_move_warnings(to, from);
    mc_err_release(from);
}

const char *mc_strerror(mc_code code)
{
    switch (code) {
    case MC_OK: return N_("no error");
    case MC_ERR_USAGE: return N_("bad usage");
    case MC_ERR_INPUT: return N_("malformed input");
    case MC_ERR_NOT_FOUND: return N_("not found");
    case MC_ERR_IO: return N_("input/output error");
    case MC_ERR_DB: return N_("database error");
    case MC_ERR_NOMEM: return N_("out of memory");
    case MC_ERR_INTERNAL: return N_("internal error");
    }
    return N_("unknown error");
}
