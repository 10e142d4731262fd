/*
 * school_search.c - a school of a manifest by name, number or district
 * (school_search.h gives the rule).
 */
#include "mealcheck/school_search.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "mealcheck/text.h"

#define MAX_WORDS 24
#define WORD_BYTES 96

struct words {
    char w[MAX_WORDS][WORD_BYTES];
    int digits[MAX_WORDS];      /* 1: a run of digits, compared as a number */
    size_t n;
};

/* Words that only say "a school": a query may hold them, a school's name
 * need not ("№ 12" finds "Гимназия № 12"). */
static const char *const generic[] = {
    "школа", "школы", "сош", "оош", "мектеп", "мектебі", "school", "no", "n",
};

static int is_generic(const char *w)
{
    for (size_t i = 0; i < sizeof generic / sizeof *generic; i++)
        if (!strcmp(w, generic[i]))
            return 1;
    return 0;
}

/* Append the words of text (folded here) to ws: runs of letters, runs of
 * digits (leading zeros dropped). */
static void split_words(const char *text, struct words *ws)
{
    char folded[1024];
    mc_text_fold(text ? text : "", folded, sizeof folded);
    const uint8_t *s = (const uint8_t *)folded;
    int kind = 0; /* 0: between words, 1: letters, 2: digits */
    size_t len = 0;
    while (*s) {
        ucs4_t c;
        int n = u8_mbtouc(&c, s, strlen((const char *)s));
        if (n <= 0)
            n = 1;
        int k = uc_is_digit(c) ? 2 : uc_is_alpha(c) ? 1 : 0;
        if (k != kind && kind && ws->n < MAX_WORDS) {
            ws->w[ws->n][len] = '\0';
            ws->digits[ws->n++] = kind == 2;
        }
        if (k && (k != kind)) {
            len = 0;
            if (ws->n == MAX_WORDS)
                return;
        }
        kind = k;
        if (k == 2 && len == 0 && c == '0' && s[1] >= '0' && s[1] <= '9') {
            s += n; /* "012" is 12 */
            continue;
        }
        if (k && len + (size_t)n < WORD_BYTES) {
            memcpy(ws->w[ws->n] + len, s, (size_t)n);
            len += (size_t)n;
        }
        s += n;
    }
    if (kind && ws->n < MAX_WORDS) {
        ws->w[ws->n][len] = '\0';
        ws->digits[ws->n++] = kind == 2;
    }
}

/* The cost of query word q against the school's words (school_search.h),
 * or -1 when it matches none. */
static int word_cost(const struct words *q, size_t i, const struct words *s)
{
    int best = -1;
    size_t qlen = strlen(q->w[i]), qchars = mc_text_chars(q->w[i]);
    for (size_t j = 0; j < s->n && best != 0; j++) {
        if (q->digits[i] != s->digits[j])
            continue;
        int c = -1;
        if (!strcmp(q->w[i], s->w[j]))
            c = 0;
        else if (!q->digits[i] && qchars >= 2 && !strncmp(q->w[i], s->w[j], qlen))
            c = 1;
        else if (!q->digits[i] && qchars >= 4 && mc_text_chars(s->w[j]) >= 4 &&
                 mc_text_distance(q->w[i], s->w[j]) == 1)
            c = 2;
        if (c >= 0 && (best < 0 || c < best))
            best = c;
    }
    if (best < 0 && !q->digits[i] && is_generic(q->w[i]))
        best = 3;
    return best;
}

static int hit_order(const void *a, const void *b)
{
    const struct mc_school_hit *x = a, *y = b;
    if (x->cost != y->cost)
        return x->cost < y->cost ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

size_t mc_school_search(const struct mc_manifest *m, const char *query,
                        struct mc_school_hit *out, size_t max)
{
    struct words *q = malloc(sizeof *q), *s = malloc(sizeof *s);
    struct mc_school_hit *all = m ? malloc(m->n * sizeof *all) : NULL;
    size_t found = 0;
    if (!q || !s || !all)
        goto done;
    q->n = 0;
    split_words(query, q);
    if (!q->n)
        goto done;
    for (size_t k = 0; k < m->n; k++) {
        const struct mc_manifest_school *sc = &m->schools[k];
        s->n = 0;
        split_words(sc->id, s);
        split_words(sc->name, s);
        split_words(sc->district, s);
        split_words(sc->region, s);
        int cost = 0, real = 0;
        size_t i;
        for (i = 0; i < q->n; i++) {
            int c = word_cost(q, i, s);
            if (c < 0)
                break;
            cost += c;
            real += c < 3;
        }
        if (i == q->n && real) /* "школа" alone names no school */
            all[found++] = (struct mc_school_hit){k, cost};
    }
    qsort(all, found, sizeof *all, hit_order);
    memcpy(out, all, (found < max ? found : max) * sizeof *out);
done:
    free(q);
    free(s);
    free(all);
    return found;
}
