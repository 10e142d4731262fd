/*
 * product_name.c - grade, fat and state marks of product names read apart.
 */
#include "mealcheck/product_name.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/text.h"

#define MAX_TOKENS 32
#define TOKEN 64

/* Words that set a product apart without changing what the table knows of
 * it per 100 g edible: state, bone, packaging, processing, standards.
 * "сушёный", "консервированный", "солёный" are not here: they name
 * another food of the table (dried apples are not apples). */
static const char *const set_aside[] = {
    "б/к", "бк", "охл", "с/м", "зам", "в/у", "пром", "производства",
    "промышленного", "порциями", "весовой", "весовая", "фасованный", "фасованная",
    "мдж", "м/д/ж", "м.д.ж", "жирн", "жирностью", "жирности", "заварка",
    /* Kazakh */
    "сүйексіз", "сүйекті", "салқындатылған", "мұздатылған", "жаңа",
};

/* Stems of adjectives and participles set aside in any gender and case:
 * at most eight letters (16 bytes) follow the stem. */
static const char *const set_aside_stems[] = {
    "охлажден", "заморожен", "морожен", "свежеморожен", "свеж", "рафинир",
    "нерафинир", "дезодорир", "шлифован", "байхов", "порцион", "фасован",
};

static int is_number(const char *t)
{
    size_t d = strspn(t, "0123456789");
    if (d == 0)
        return 0;
    if (t[d] == ',' || t[d] == '.')
        return t[d + 1] && strspn(t + d + 1, "0123456789") == strlen(t + d + 1);
    return t[d] == '\0';
}

static double number(const char *t)
{
    char buf[TOKEN];
    snprintf(buf, sizeof buf, "%s", t);
    char *c = strchr(buf, ',');
    if (c)
        *c = '.';
    return strtod(buf, NULL);
}

static int one_of(const char *t, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t, list[i]) == 0)
            return 1;
    return 0;
}

static int is_set_aside(const char *t)
{
    if (one_of(t, set_aside, sizeof set_aside / sizeof *set_aside))
        return 1;
    for (size_t i = 0; i < sizeof set_aside_stems / sizeof *set_aside_stems; i++) {
        size_t n = strlen(set_aside_stems[i]);
        if (strncmp(t, set_aside_stems[i], n) == 0 && strlen(t) <= n + 16)
            return 1;
    }
    return 0;
}

static int is_sort(const char *t)
{
    static const char *const w[] = {"с", "сорт", "сорта", "сорту", "сұрып"};
    return one_of(t, w, sizeof w / sizeof *w);
}

static int is_category(const char *t)
{
    static const char *const w[] = {"кат", "категории", "категория", "санат", "санаты"};
    return one_of(t, w, sizeof w / sizeof *w);
}

/* An egg category: С0-С3, СВ, Д0-Д3, ДВ (Cyrillic or Latin C). */
static int is_egg_category(const char *t)
{
    const char *rest = !strncmp(t, "с", 2) || !strncmp(t, "д", 2) ? t + 2
                     : t[0] == 'c' ? t + 1 : NULL;
    return rest && ((rest[0] >= '0' && rest[0] <= '3' && !rest[1]) || !strcmp(rest, "в"));
}

/* Split folded text into tokens: words, numbers (a decimal comma kept),
 * "%" apart; hyphens, commas, quotes and brackets separate, dots end an
 * abbreviation (dot[i] set) unless inside a mark ("м.д.ж"). */
static size_t tokenize(const char *f, char tok[][TOKEN], int *dot)
{
    size_t n = 0, len = 0;
    const unsigned char *p = (const unsigned char *)f;
    for (;; p++) {
        int digit_sep = (*p == ',' || *p == '.' || *p == '-') && len && p[1] &&
                        tok[n][len - 1] >= '0' && tok[n][len - 1] <= '9' &&
                        p[1] >= '0' && p[1] <= '9';
        size_t wide = *p == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB) ? 2 /* « » */
                    : *p == 0xE2 && p[1] == 0x80 && (p[2] == 0x93 || p[2] == 0x94) ? 3
                    : 0;                                             /* – — */
        int sep = !digit_sep &&
                  (!*p || *p == ' ' || *p == '\t' || *p == ',' || *p == ';' ||
                   *p == '(' || *p == ')' || *p == '"' || *p == '-' || *p == '%' ||
                   *p == '+' || *p == ':' || wide);
        int end_dot = *p == '.' && !digit_sep &&
                      (!p[1] || p[1] == ' ' || p[1] == ',' || p[1] == ')');
        if (!sep && !end_dot) {
            if (n < MAX_TOKENS && len < TOKEN - 1)
                tok[n][len++] = (char)*p;
            continue;
        }
        if (n < MAX_TOKENS && len) {
            tok[n][len] = '\0';
            dot[n] = end_dot;
            n++;
        }
        len = 0;
        if (*p == '%' && n < MAX_TOKENS) {
            strcpy(tok[n], "%");
            dot[n++] = 0;
        }
        if (!*p)
            break;
        if (wide)
            p += wide - 1;
    }
    return n;
}

static void add_mark(struct mc_product_name *out, char tok[][TOKEN], size_t from,
                     size_t to)
{
    size_t len = strlen(out->marks);
    for (size_t i = from; i < to && len < sizeof out->marks; i++)
        len += (size_t)snprintf(out->marks + len, sizeof out->marks - len, "%s%s",
                                i > from ? " " : len ? "; " : "", tok[i]);
}

void mc_product_name_parse(const char *text, struct mc_product_name *out)
{
    char f[512], tok[MAX_TOKENS][TOKEN];
    int dot[MAX_TOKENS];
    memset(out, 0, sizeof *out);
    out->fat_pct = -1;
    mc_text_fold(text, f, sizeof f);
    size_t n = tokenize(f, tok, dot), blen = 0;
    for (size_t i = 0; i < n;) {
        const char *t = tok[i], *next = i + 1 < n ? tok[i + 1] : "";
        size_t took = 1;
        int mark = 1; /* set aside, unlike fat and grade */
        if (is_number(t) && !strcmp(next, "%")) {
            out->fat_pct = number(t);
            took = 2;
            mark = 0;
        } else if (is_number(t) && is_sort(next)) {
            out->grade = number(t) == 1 ? MC_GRADE_FIRST : MC_GRADE_SECOND;
            took = 2;
            mark = 0;
        } else if (is_number(t) && !strcmp(next, "го") && i + 2 < n && is_sort(tok[i + 2])) {
            out->grade = number(t) == 1 ? MC_GRADE_FIRST : MC_GRADE_SECOND;
            took = 3;
            mark = 0;
        } else if (is_number(t) && is_category(next)) {
            took = 2;
        } else if (is_category(t) && is_number(next)) {
            took = 2;
        } else if (!strcmp(t, "в/с") || !strcmp(t, "вс")) {
            out->grade = MC_GRADE_PREMIUM;
            mark = 0;
        } else if (!strncmp(t, "высш", 8) || !strcmp(t, "жоғары")) {
            out->grade = MC_GRADE_PREMIUM;
            took = is_sort(next) ? 2 : 1;
            mark = 0;
        } else if ((!strncmp(t, "перв", 8) || !strncmp(t, "втор", 8)) && is_sort(next)) {
            out->grade = t[1] == '\xbf' ? MC_GRADE_FIRST : MC_GRADE_SECOND; /* п, в */
            took = 2;
            mark = 0;
        } else if (is_egg_category(t)) {
            took = 1;
        } else if ((!strcmp(t, "с") || !strcmp(t, "д")) && is_number(next) &&
                   number(next) <= 3) {
            took = 2; /* "С-1": an egg category written with a hyphen */
        } else if ((!strcmp(t, "на") || !strcmp(t, "без")) && !strcmp(next, "кости")) {
            took = 2;
        } else if (!strcmp(t, "гост") || !strcmp(t, "ту") || !strcmp(t, "ост") ||
                   !strcmp(t, "ст") || !strcmp(t, "сто")) {
            /* ... and the standard's number: "ГОСТ 31450-2013", "СТ РК 1005" */
            while (i + took < n && (is_number(tok[i + took]) || !strcmp(tok[i + took], "рк") ||
                                    strspn(tok[i + took], "0123456789-.") ==
                                        strlen(tok[i + took])))
                took++;
        } else if (is_set_aside(t)) {
            took = 1;
        } else {
            /* A word of the name. */
            if (blen < sizeof out->base)
                blen += (size_t)snprintf(out->base + blen, sizeof out->base - blen,
                                         "%s%s", blen ? " " : "", t);
            if (dot[i])
                out->abbreviated = 1;
            i++;
            continue;
        }
        if (mark)
            add_mark(out, tok, i, i + took);
        i += took;
    }
}

int mc_product_name_form(const struct mc_product_name *p, int which, char *out,
                         size_t size)
{
    if (which <= 1) {
        if (p->fat_pct < 0)
            return 0;
        char num[32];
        snprintf(num, sizeof num, "%g", p->fat_pct);
        char *c = strchr(num, '.');
        if (c && which == 0)
            *c = ',';
        else if (!c && which == 0)
            return 0; /* a whole number: one form is enough */
        snprintf(out, size, "%s %s%%", p->base, num);
        return 1;
    }
    if (p->grade == MC_GRADE_NONE)
        return 0;
    if (p->grade == MC_GRADE_PREMIUM)
        snprintf(out, size, "%s %s", p->base, which == 2 ? "в/с" : "высшего сорта");
    else
        snprintf(out, size, "%s %d %s", p->base, (int)p->grade,
                 which == 2 ? "сорт" : "сорта");
    return 1;
}
