/*
 * error.c - the message buffer behind struct mc_err.
 *
 * Messages are kept in one growing string so the CLI can print them in one
 * write; allocation failure while recording a message degrades to keeping
 * the code only, never to a crash.
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

void mc_err_release(struct mc_err *err)
{
    if (!err)
        return;
    free(err->text);
    free(err->warnings);
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

/* Append one line to a growing buffer (the errors or the warnings). */
static void append(char **text, size_t *len, size_t *cap, const char *prefix,
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
    size_t plen = strlen(prefix), mlen = strlen(buf);
    size_t need = *len + plen + mlen + 2;
    if (mc_array_reserve(text, cap, need, 1, 256))
        return;
    memcpy(*text + *len, prefix, plen);
    memcpy(*text + *len + plen, buf, mlen);
    *len += plen + mlen;
    (*text)[(*len)++] = '\n';
    (*text)[*len] = '\0';
}

static mc_code record(struct mc_err *err, mc_code code, const char *prefix,
                      const char *fmt, va_list ap)
{
    if (!err)
        return code;
    if (err->code == MC_OK)
        err->code = code;
    /* A message marked N_() where it is raised reads in the user's language. */
    if (err->count < MC_ERR_LIMIT)
        append(&err->text, &err->len, &err->cap, prefix, _(fmt), ap);
    err->count++;
    return code;
}

mc_code mc_err_set(struct mc_err *err, mc_code code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(err, code, "", fmt, ap);
    va_end(ap);
    return code;
}

/* "path:line:col: " as mc_err_at() documents it. */
static void locate(char *prefix, size_t size, const char *path, long line,
                   long col)
{
    if (line <= 0)
        snprintf(prefix, size, "%s: ", path);
    else if (col <= 0)
        snprintf(prefix, size, "%s:%ld: ", path, line);
    else
        snprintf(prefix, size, "%s:%ld:%ld: ", path, line, col);
}

void mc_err_warn_at(struct mc_err *err, const char *path, long line, long col,
                    const char *fmt, ...)
{
    if (!err)
        return;
    char prefix[1100];
    locate(prefix, sizeof prefix, path, line, col);
    va_list ap;
    va_start(ap, fmt);
    if (err->n_warnings < MC_ERR_LIMIT)
        append(&err->warnings, &err->wlen, &err->wcap, prefix, _(fmt), ap);
    va_end(ap);
    err->n_warnings++;
}

/* append() takes a format; a stored line goes through "%s". */
static void append_line(struct mc_err *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    append(&err->warnings, &err->wlen, &err->wcap, "", fmt, ap);
    va_end(ap);
}

void mc_err_move_warnings(struct mc_err *to, struct mc_err *from)
{
    for (const char *p = from->warnings; p && *p; p = strchr(p, '\n') + 1)
        if (to->n_warnings++ < MC_ERR_LIMIT)
            append_line(to, "%.*s", (int)(strchr(p, '\n') - p), p);
    /* Warnings past the limit were counted, not kept. */
    if (from->n_warnings > MC_ERR_LIMIT)
        to->n_warnings += from->n_warnings - MC_ERR_LIMIT;
    free(from->warnings);
    from->warnings = NULL;
    from->wlen = from->wcap = 0;
    from->n_warnings = 0;
}

mc_code mc_err_at(struct mc_err *err, mc_code code, const char *path,
                  long line, long col, const char *fmt, ...)
{
    char prefix[1100];
    locate(prefix, sizeof prefix, path, line, col);
    va_list ap;
    va_start(ap, fmt);
    record(err, code, prefix, fmt, ap);
    va_end(ap);
    return code;
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
