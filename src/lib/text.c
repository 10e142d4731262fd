/*
 * text.c - case folding for Russian and Kazakh names in UTF-8.
 */
#include "mealcheck/text.h"

#include <stdlib.h>
#include <string.h>

/* Fold the character at p (not NUL) into out; return the bytes of p it
 * took, *n the bytes written (1 to 4): a whole UTF-8 sequence, so that
 * folded strings compare character by character.  Capitals pair with
 * lowercase letters as Unicode lays them out: А-П 0x20 code points on,
 * Р-Я, Ё and І in the next lead byte, and the Kazakh letters
 * (U+048A-U+04BF, U+04D0-U+04FF) with the next code point. */
static size_t fold_char(const unsigned char *p, unsigned char out[4], size_t *n)
{
    *n = 2;
    if (p[0] == 0xD0 && p[1] >= 0x90 && p[1] <= 0x9F) {
        out[0] = 0xD0;
        out[1] = (unsigned char)(p[1] + 0x20);
    } else if (p[0] == 0xD0 && p[1] >= 0xA0 && p[1] <= 0xAF) {
        out[0] = 0xD1;
        out[1] = (unsigned char)(p[1] - 0x20);
    } else if (p[0] == 0xD0 && (p[1] == 0x81 || p[1] == 0x86)) {
        out[0] = 0xD1;
        out[1] = (unsigned char)(p[1] + 0x10);
    } else if (((p[0] == 0xD2 && p[1] >= 0x8A) || (p[0] == 0xD3 && p[1] >= 0x90)) &&
               p[1] <= 0xBF && p[1] % 2 == 0) {
        out[0] = p[0];
        out[1] = (unsigned char)(p[1] + 1);
    } else if (p[0] >= 'A' && p[0] <= 'Z') {
        *n = 1;
        out[0] = (unsigned char)(p[0] + 32);
    } else {
        size_t len = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 1;
        out[0] = p[0];
        for (*n = 1; *n < len && (p[*n] & 0xC0) == 0x80; ++*n)
            out[*n] = p[*n];
    }
    return *n;
}

void mc_text_fold(const char *in, char *out, size_t size)
{
    size_t o = 0, n;
    unsigned char c[4];
    const unsigned char *p = (const unsigned char *)in;
    while (*p) {
        size_t took = fold_char(p, c, &n);
        if (o + n >= size)
            break;
        p += took;
        for (size_t k = 0; k < n; k++)
            out[o++] = (char)c[k];
    }
    out[o] = '\0';
}

int mc_text_compare_fold(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    unsigned char x[4], y[4];
    size_t nx, ny;
    /* Skip the bytes both share, back to the start of the character they
     * differ in: equal characters fold alike.  Names in a book share long
     * prefixes ("Каша ...") and a menu looks up every dish it serves. */
    while (*p && *p == *q) {
        p++;
        q++;
    }
    while (p > (const unsigned char *)a && ((*p & 0xC0) == 0x80 || (*q & 0xC0) == 0x80)) {
        p--;
        q--;
    }
    while (*p && *q) {
        p += fold_char(p, x, &nx);
        q += fold_char(q, y, &ny);
        int c = memcmp(x, y, nx < ny ? nx : ny);
        if (c)
            return c;
        if (nx != ny)
            return nx < ny ? -1 : 1;
    }
    return (*p != 0) - (*q != 0);
}

int mc_text_equal_fold(const char *a, const char *b)
{
    return mc_text_compare_fold(a, b) == 0;
}

size_t mc_text_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *row = malloc((lb + 1) * sizeof *row);
    if (!row)
        return (size_t)-1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    size_t d = row[lb];
    free(row);
    return d;
}

size_t mc_text_hash(const char *s)
{
    size_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}
