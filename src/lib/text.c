/*
 * text.c - Unicode names: NFC, case folding and distances (libunistring).
 */
#include "mealcheck/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

/* Folded text up to this many bytes is built on the stack. */
#define FOLD_STACK 256

/*
 * 1 when s[0..n) holds only ASCII and the Russian alphabet (U+0401,
 * U+0410-U+044F, U+0451): text that is NFC already and whose case folding
 * is a byte rule, the same as libunistring's (tests/unit/test_text.c checks
 * every letter).  Menus and books are mostly such text, and libunistring's
 * folding is the costliest step of reading them.
 */
static int is_russian(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x80)
            continue;
        if (i + 1 >= n)
            return 0;
        unsigned a = s[i], b = s[++i];
        if (!((a == 0xD0 && (b == 0x81 || (b >= 0x90 && b <= 0xBF))) ||
              (a == 0xD1 && ((b >= 0x80 && b <= 0x8F) || b == 0x91))))
            return 0;
    }
    return 1;
}

/* Fold s[0..n), is_russian(), into out (n bytes: each letter keeps its
 * length); ё and Ё become е. */
static void fold_russian(const unsigned char *s, size_t n, unsigned char *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned a = s[i];
        if (a < 0x80) {
            out[i] = (unsigned char)(a >= 'A' && a <= 'Z' ? a + 32 : a);
            continue;
        }
        unsigned b = s[i + 1];
        if ((a == 0xD0 && b == 0x81) || (a == 0xD1 && b == 0x91))
            a = 0xD0, b = 0xB5;                 /* Ё, ё -> е */
        else if (a == 0xD0 && b >= 0x90 && b <= 0x9F)
            b += 0x20;                          /* А-П -> а-п */
        else if (a == 0xD0 && b >= 0xA0 && b <= 0xAF)
            a = 0xD1, b -= 0x20;                /* Р-Я -> р-я */
        out[i] = (unsigned char)a;
        out[++i] = (unsigned char)b;
    }
}

static char *fold_alloc(const char *s, size_t n, char *buf, size_t *len)
{
    char *out;
    if (is_russian((const unsigned char *)s, n)) {
        out = n <= *len ? buf : malloc(n ? n : 1);
        if (!out)
            return NULL;
        fold_russian((const unsigned char *)s, n, (unsigned char *)out);
        *len = n;
        return out;
    }
    if (u8_check((const uint8_t *)s, n))
        return NULL;
    out = (char *)u8_casefold((const uint8_t *)s, n, NULL, UNINORM_NFC,
                              (uint8_t *)buf, len);
    for (size_t i = 0; out && i + 1 < *len; i++)
        if ((unsigned char)out[i] == 0xD1 && (unsigned char)out[i + 1] == 0x91) {
            out[i] = (char)0xD0;
            out[i + 1] = (char)0xB5;
        }
    return out;
}

void mc_text_fold(const char *in, char *out, size_t size)
{
    char buf[FOLD_STACK];
    size_t len = sizeof buf, n = strlen(in);
    char *f = fold_alloc(in, n, buf, &len);
    if (!f) {
        /* Not UTF-8: ASCII letters still fold, other bytes stay. */
        for (len = 0; len + 1 < size && in[len]; len++)
            out[len] = (char)(in[len] >= 'A' && in[len] <= 'Z' ? in[len] + 32 : in[len]);
        out[len] = '\0';
        return;
    }
    if (len >= size) {
        len = size - 1;
        while (len > 0 && ((unsigned char)f[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(out, f, len);
    out[len] = '\0';
    if (f != buf)
        free(f);
}

int mc_text_compare_fold(const char *a, const char *b)
{
    if (a == b || strcmp(a, b) == 0)
        return 0;
    char bx[FOLD_STACK], by[FOLD_STACK];
    size_t lx = sizeof bx, ly = sizeof by;
    size_t na = strlen(a), nb = strlen(b);
    char *x = fold_alloc(a, na, bx, &lx);
    char *y = fold_alloc(b, nb, by, &ly);
    int c;
    if (!x || !y) {
        /* Not UTF-8 (or no memory): order the bytes as they are. */
        c = strcmp(a, b);
    } else {
        c = memcmp(x, y, lx < ly ? lx : ly);
        if (c == 0)
            c = (lx > ly) - (lx < ly);
    }
    if (x && x != bx)
        free(x);
    if (y && y != by)
        free(y);
    return c;
}

int mc_text_equal_fold(const char *a, const char *b)
{
    return mc_text_compare_fold(a, b) == 0;
}

size_t mc_text_chars(const char *s)
{
    return u8_mbsnlen((const uint8_t *)s, strlen(s));
}

/* Decode s into n code points at *out (buf when they fit, else malloc'd). */
static ucs4_t *decode(const char *s, ucs4_t *buf, size_t cap, size_t *n)
{
    size_t len = strlen(s), chars = u8_mbsnlen((const uint8_t *)s, len);
    ucs4_t *u = chars <= cap ? buf : malloc(chars * sizeof *u);
    if (!u)
        return NULL;
    const uint8_t *p = (const uint8_t *)s, *end = p + len;
    *n = 0;
    while (p < end)
        p += u8_mbtouc(&u[(*n)++], p, (size_t)(end - p));
    return u;
}

#define DIST_STACK 64

size_t mc_text_distance(const char *a, const char *b)
{
    ucs4_t ba[DIST_STACK], bb[DIST_STACK];
    size_t stack[3 * (DIST_STACK + 1)];
    size_t la, lb, d = (size_t)-1;
    ucs4_t *x = decode(a, ba, DIST_STACK, &la);
    ucs4_t *y = x ? decode(b, bb, DIST_STACK, &lb) : NULL;
    /* Three rows: two back for a swap, the one before, the one built. */
    size_t *rows = !y ? NULL : lb <= DIST_STACK ? stack
                 : malloc(3 * (lb + 1) * sizeof *rows);
    if (rows) {
        size_t *r2 = rows, *r1 = rows + lb + 1, *r = rows + 2 * (lb + 1);
        for (size_t j = 0; j <= lb; j++)
            r1[j] = j;
        for (size_t i = 1; i <= la; i++) {
            r[0] = i;
            for (size_t j = 1; j <= lb; j++) {
                size_t best = r1[j - 1] + (x[i - 1] != y[j - 1]);
                if (r1[j] + 1 < best)
                    best = r1[j] + 1;
                if (r[j - 1] + 1 < best)
                    best = r[j - 1] + 1;
                if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] &&
                    r2[j - 2] + 1 < best)
                    best = r2[j - 2] + 1;
                r[j] = best;
            }
            size_t *t = r2;
            r2 = r1;
            r1 = r;
            r = t;
        }
        d = r1[lb];
        if (rows != stack)
            free(rows);
    }
    if (x && x != ba)
        free(x);
    if (y && y != bb)
        free(y);
    return d;
}

size_t mc_text_utf8_check(const char *s, size_t n)
{
    const uint8_t *bad = u8_check((const uint8_t *)s, n);
    return bad ? (size_t)(bad - (const uint8_t *)s) : n;
}

size_t mc_text_utf8_char(const char *p, size_t n)
{
    ucs4_t uc;
    int k = u8_mbtoucr(&uc, (const uint8_t *)p, n);
    return k > 0 ? (size_t)k : 0;
}

void mc_text_capitalize(const char *in, char *out, size_t size)
{
    ucs4_t c;
    size_t n = strlen(in), len = 8;
    uint8_t buf[8], *up = NULL;
    int first = n && !u8_check((const uint8_t *)in, n)
                    ? u8_mbtouc(&c, (const uint8_t *)in, n) : 0;
    if (first > 0)
        up = u8_toupper((const uint8_t *)in, (size_t)first, NULL, NULL, buf, &len);
    if (up != buf || len >= size) {
        /* Not UTF-8, empty, or an upper case too long for out: as it is. */
        if (up != buf)
            free(up);
        snprintf(out, size, "%s", in);
        return;
    }
    memcpy(out, buf, len);
    snprintf(out + len, size - len, "%s", in + first);
}

size_t mc_text_hash(const char *s)
{
    size_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}
