/*
 * sr28.c - streaming reader for SR28's '^'-separated, '~'-quoted text.
 *
 * NUT_DATA.txt is 36 MB, so lines are assembled from fixed-size blocks
 * instead of reading the file whole.  Each line is split and converted to
 * UTF-8 into a second buffer that the fields point into.
 */
#include "mealcheck/sr28.h"
#include "array.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mealcheck/infile.h"

#define BLOCK 65536

struct mc_sr28 {
    char *path;
    FILE *f;          /* NULL when reading from memory */
    char *in;         /* current block (or the whole input, from memory) */
    size_t in_len, in_pos;
    int eof;
    int skip_lf;      /* the last line ended in CR: a following LF is its pair */
    long line;        /* line number of the next line */
    long rec_line;    /* line number of the current record */
    char *raw;        /* the current line, without its line end */
    size_t raw_len, raw_cap;
    char *text;       /* fields in UTF-8, each NUL-terminated */
    size_t text_cap;
    size_t *offs;     /* field offsets into text */
    size_t nfields, fcap;
};

static mc_code sr28_new(const char *name, struct mc_sr28 **out,
                        struct mc_err *err)
{
    struct mc_sr28 *r = calloc(1, sizeof *r);
    if (!r || !(r->path = strdup(name))) {
        free(r);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory reading %s", name);
    }
    r->line = 1;
    *out = r;
    return MC_OK;
}

mc_code mc_sr28_open(const char *path, struct mc_sr28 **out, struct mc_err *err)
{
    *out = NULL;
    /* Streamed, not read whole (NUT_DATA.txt is 36 MB), but opened as
     * every input is: a FIFO or a device is refused at once. */
    int fd;
    mc_code orc = mc_infile_open(path, &fd, err);
    if (orc)
        return orc;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        int e = errno;
        close(fd);
        return mc_err_set(err, MC_ERR_NOMEM, "%s: cannot open: %s", path, strerror(e));
    }
    struct mc_sr28 *r;
    mc_code rc = sr28_new(path, &r, err);
    if (rc) {
        fclose(f);
        return rc;
    }
    r->f = f;
    if (!(r->in = malloc(BLOCK))) {
        mc_sr28_close(r);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory reading %s", path);
    }
    *out = r;
    return MC_OK;
}

mc_code mc_sr28_open_buffer(const char *name, const char *data, size_t len,
                            struct mc_sr28 **out, struct mc_err *err)
{
    *out = NULL;
    struct mc_sr28 *r;
    mc_code rc = sr28_new(name, &r, err);
    if (rc)
        return rc;
    if (!(r->in = malloc(len ? len : 1))) {
        mc_sr28_close(r);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory reading %s", name);
    }
    if (len) /* data may be NULL when empty */
        memcpy(r->in, data, len);
    r->in_len = len;
    r->eof = 1;
    *out = r;
    return MC_OK;
}

void mc_sr28_close(struct mc_sr28 *r)
{
    if (!r)
        return;
    if (r->f)
        fclose(r->f);
    free(r->in);
    free(r->raw);
    free(r->text);
    free(r->offs);
    free(r->path);
    free(r);
}

/* Refill the block; 0 at end of input, -1 on a read error. */
static int refill(struct mc_sr28 *r, struct mc_err *err)
{
    if (r->eof)
        return 0;
    r->in_len = fread(r->in, 1, BLOCK, r->f);
    r->in_pos = 0;
    if (r->in_len == 0) {
        r->eof = 1;
        if (ferror(r->f))
            return mc_err_at(err, MC_ERR_IO, r->path, r->line, 0,
                             "read error"), -1;
        return 0;
    }
    return 1;
}

/* Collect the next line into raw.  1 = a line, 0 = end of input, -1 = error. */
static int read_line(struct mc_sr28 *r, struct mc_err *err)
{
    r->raw_len = 0;
    int got = 0;
    for (;;) {
        if (r->in_pos == r->in_len) {
            int rc = refill(r, err);
            if (rc < 0)
                return -1;
            if (rc == 0)
                return got;
        }
        if (r->skip_lf) {
            r->skip_lf = 0;
            if (r->in[r->in_pos] == '\n') {
                r->in_pos++;
                continue;
            }
        }
        const char *s = r->in + r->in_pos;
        size_t avail = r->in_len - r->in_pos, n = 0;
        while (n < avail && s[n] != '\r' && s[n] != '\n')
            n++;
        if (mc_array_reserve(&r->raw, &r->raw_cap, r->raw_len + n + 1, 1, 256))
            return mc_err_set(err, MC_ERR_NOMEM, "out of memory"), -1;
        memcpy(r->raw + r->raw_len, s, n);
        r->raw_len += n;
        r->in_pos += n;
        got = 1;
        if (n < avail) {
            /* CRLF is one line end; a lone CR or LF is one too. */
            r->skip_lf = r->in[r->in_pos] == '\r';
            r->in_pos++;
            return 1;
        }
    }
}

/* Windows-1252 code points for bytes 0x80-0x9F (0 = unassigned: keep the
 * Latin-1 control code).  The rest of the upper half is Latin-1. */
static const unsigned short cp1252[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* Append bytes [s, e) to text as UTF-8; returns the new end. */
static char *to_utf8(char *o, const char *s, const char *e)
{
    for (; s < e; s++) {
        unsigned c = (unsigned char)*s;
        if (c >= 0x80 && c < 0xA0 && cp1252[c - 0x80])
            c = cp1252[c - 0x80];
        if (c < 0x80) {
            *o++ = (char)c;
        } else if (c < 0x800) {
            *o++ = (char)(0xC0 | (c >> 6));
            *o++ = (char)(0x80 | (c & 0x3F));
        } else {
            *o++ = (char)(0xE0 | (c >> 12));
            *o++ = (char)(0x80 | ((c >> 6) & 0x3F));
            *o++ = (char)(0x80 | (c & 0x3F));
        }
    }
    *o++ = '\0';
    return o;
}

/* Split raw into fields.  0 = ok, -1 = malformed (recorded). */
static int split(struct mc_sr28 *r, struct mc_err *err)
{
    /* Each input byte becomes at most 3 UTF-8 bytes, plus one NUL per field. */
    if (mc_array_reserve(&r->text, &r->text_cap, 4 * r->raw_len + 2, 1, 256))
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory"), -1;
    const char *p = r->raw, *end = r->raw + r->raw_len;
    char *o = r->text;
    r->nfields = 0;
    for (;;) {
        long col = (long)r->nfields + 1;
        const char *s = p, *e;
        if (p < end && *p == '~') {
            s = ++p;
            e = memchr(s, '~', (size_t)(end - s));
            if (!e)
                return mc_err_at(err, MC_ERR_INPUT, r->path, r->rec_line, col,
                                 "unterminated '~' quote"), -1;
            p = e + 1;
            if (p < end && *p != '^')
                return mc_err_at(err, MC_ERR_INPUT, r->path, r->rec_line, col,
                                 "unexpected text after a closing '~'"), -1;
        } else {
            while (p < end && *p != '^') {
                if (*p == '~')
                    return mc_err_at(err, MC_ERR_INPUT, r->path, r->rec_line,
                                     col, "unexpected '~' inside an unquoted "
                                     "field"), -1;
                p++;
            }
            e = p;
        }
        if (mc_array_reserve(&r->offs, &r->fcap, r->nfields + 1, sizeof *r->offs, 32))
            return mc_err_set(err, MC_ERR_NOMEM, "out of memory"), -1;
        r->offs[r->nfields++] = (size_t)(o - r->text);
        o = to_utf8(o, s, e);
        if (p == end)
            return 0;
        p++; /* the '^' */
    }
}

int mc_sr28_next(struct mc_sr28 *r, struct mc_err *err)
{
    for (;;) {
        r->rec_line = r->line;
        int rc = read_line(r, err);
        if (rc <= 0) {
            r->nfields = 0;
            return rc;
        }
        r->line++;
        if (r->raw_len == 0)
            continue;
        if (split(r, err) < 0) {
            r->nfields = 0;
            return -1;
        }
        return 1;
    }
}

size_t mc_sr28_nfields(const struct mc_sr28 *r)
{
    return r->nfields;
}

const char *mc_sr28_field(const struct mc_sr28 *r, size_t i)
{
    return i < r->nfields ? r->text + r->offs[i] : "";
}

int mc_sr28_number(const struct mc_sr28 *r, size_t i, const char *what,
                   double *out, struct mc_err *err)
{
    const char *s = mc_sr28_field(r, i);
    if (*s == '\0')
        return 0;
    /* strtod alone would take "inf", hex floats and leading blanks. */
    int digits = 0, other = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits = 1;
        else if (!strchr(".+-eE", *p))
            other = 1;
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (!digits || other || *end != '\0' || errno == ERANGE || !isfinite(v))
        return mc_err_at(err, MC_ERR_INPUT, r->path, r->rec_line, (long)i + 1,
                         "expected a number for %s, found '%s'", what, s), -1;
    *out = v;
    return 1;
}

long mc_sr28_line(const struct mc_sr28 *r)
{
    return r->rec_line;
}

const char *mc_sr28_path(const struct mc_sr28 *r)
{
    return r->path;
}
