/*
 * error.c - the message buffer behind struct mc_err.
 *
 * Messages are kept in one growing string so the CLI can print them in one
 * write; allocation failure while recording a message degrades to keeping
 * the code only, never to a crash.
 */
#include "mealcheck/error.h"
#include "mealcheck/i18n.h"

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
    mc_err_init(err);
}

int mc_err_full(const struct mc_err *err)
{
    return err && err->count >= MC_ERR_LIMIT;
}

static void append(struct mc_err *err, const char *prefix, const char *fmt,
                   va_list ap)
{
    char buf[2048];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    if (n < 0)
        return;
    /* One message, one line: a quoted cell quoted back may hold line breaks. */
    for (char *p = buf; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    size_t plen = strlen(prefix), mlen = strlen(buf);
    size_t need = err->len + plen + mlen + 2;
    if (need > err->cap) {
        size_t cap = err->cap ? err->cap * 2 : 256;
        while (cap < need)
            cap *= 2;
        char *p = realloc(err->text, cap);
        if (!p)
            return;
        err->text = p;
        err->cap = cap;
    }
    memcpy(err->text + err->len, prefix, plen);
    memcpy(err->text + err->len + plen, buf, mlen);
    err->len += plen + mlen;
    err->text[err->len++] = '\n';
    err->text[err->len] = '\0';
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
        append(err, prefix, _(fmt), ap);
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

mc_code mc_err_at(struct mc_err *err, mc_code code, const char *path,
                  long line, long col, const char *fmt, ...)
{
    char prefix[1100];
    if (line <= 0)
        snprintf(prefix, sizeof prefix, "%s: ", path);
    else if (col <= 0)
        snprintf(prefix, sizeof prefix, "%s:%ld: ", path, line);
    else
        snprintf(prefix, sizeof prefix, "%s:%ld:%ld: ", path, line, col);
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
