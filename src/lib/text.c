/*
 * text.c - case folding of UTF-8 names (see text.h).
 */
#include "mealcheck/text.h"

/* Fold the character at *p: writes 1 or 2 bytes to out, returns how many,
 * and moves *p past the character's bytes (the same number). */
static size_t fold_char(const unsigned char **pp, unsigned char out[2])
{
    const unsigned char *p = *pp;
    if (*p >= 'A' && *p <= 'Z') {
        out[0] = (unsigned char)(*p + 32);
        *pp += 1;
        return 1;
    }
    if (p[0] == 0xD0 && p[1] >= 0x90 && p[1] <= 0x9F) {
        out[0] = 0xD0; /* А-П -> а-п */
        out[1] = (unsigned char)(p[1] + 0x20);
    } else if (p[0] == 0xD0 && p[1] >= 0xA0 && p[1] <= 0xAF) {
        out[0] = 0xD1; /* Р-Я -> р-я */
        out[1] = (unsigned char)(p[1] - 0x20);
    } else if (p[0] == 0xD0 && (p[1] == 0x81 || p[1] == 0x86)) {
        out[0] = 0xD1; /* Ё -> ё, І -> і */
        out[1] = (unsigned char)(p[1] + 0x10);
    } else if (((p[0] == 0xD2 && p[1] >= 0x8A) || (p[0] == 0xD3 && p[1] >= 0x90)) &&
               p[1] <= 0xBF && p[1] % 2 == 0) {
        out[0] = p[0]; /* U+048A-U+04BF, U+04D0-U+04FF: capital, then small */
        out[1] = (unsigned char)(p[1] + 1);
    } else {
        out[0] = p[0];
        *pp += 1;
        return 1;
    }
    *pp += 2;
    return 2;
}

void mc_text_fold(const char *in, char *out, size_t size)
{
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)in;
    unsigned char c[2];
    while (*p && o + 2 < size) {
        size_t n = fold_char(&p, c);
        for (size_t i = 0; i < n; i++)
            out[o++] = (char)c[i];
    }
    out[o] = '\0';
}

/* A folded byte stream over a string: fold_char's output, byte by byte. */
struct folder {
    const unsigned char *p;
    unsigned char c[2];
    size_t n, i;
};

/* The next folded byte, or -1 at the end. */
static int next_byte(struct folder *f)
{
    if (f->i == f->n) {
        if (!*f->p)
            return -1;
        f->n = fold_char(&f->p, f->c);
        f->i = 0;
    }
    return f->c[f->i++];
}

int mc_text_casecmp(const char *a, const char *b)
{
    struct folder fa = {(const unsigned char *)a, {0, 0}, 0, 0};
    struct folder fb = {(const unsigned char *)b, {0, 0}, 0, 0};
    for (;;) {
        int x = next_byte(&fa), y = next_byte(&fb);
        if (x != y || x < 0)
            return x - y;
    }
}
