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
    "мдж", "м/д/ж", "м.д.ж", "жирн", "жирностью", "жирности", "заварка", "фас",
    "шт", "штук", "¼", "½", "сладко", "коровье", "коровий", "коровьего",
    /* Kazakh */
    "сүйексіз", "сүйекті", "салқындатылған", "мұздатылған", "жаңа",
};

/* Stems of adjectives and participles set aside in any gender and case:
 * at most eight letters (16 bytes) follow the stem. */
static const char *const set_aside_stems[] = {
    "охлажден", "заморожен", "морожен", "свежеморожен", "свеж", "рафинир",
    "нерафинир", "дезодорир", "шлифован", "байхов", "порцион", "фасован",
    "очищен", "полуфабрикат", "обогащен", "фортифицир", "витаминизир",
    "стерилизован", "пастеризован", "несолен", "пчелин", "сычужн", "горошком",
    "молот",
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

/* One token of a name, and where it stood. */
struct token {
    char t[TOKEN];
    int dot;   /* cut short with a dot: "раст." */
    int aside; /* inside brackets or quotes: "(корень)", «Геркулес» */
    int tail;  /* after the first comma outside brackets: "Огурец, грунтовый" */
};

/* Split folded text into tokens: words, numbers (a decimal comma kept,
 * "45-50" one range), "%" apart; hyphens, commas, quotes and brackets
 * separate, dots end an abbreviation unless inside a mark ("м.д.ж"). */
static size_t tokenize(const char *f, struct token *tok)
{
    size_t n = 0, len = 0;
    int depth = 0, quoted = 0, tail = 0;
    const unsigned char *p = (const unsigned char *)f;
    for (;; p++) {
        int digit_sep = (*p == ',' || *p == '.' || *p == '-') && len && p[1] &&
                        tok[n].t[len - 1] >= '0' && tok[n].t[len - 1] <= '9' &&
                        p[1] >= '0' && p[1] <= '9';
        int open = *p == '(' || (*p == 0xC2 && p[1] == 0xAB);   /* ( « */
        int close = *p == ')' || (*p == 0xC2 && p[1] == 0xBB);  /* ) » */
        size_t wide = *p == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB) ? 2
                    : *p == 0xE2 && p[1] == 0x80 && (p[2] == 0x93 || p[2] == 0x94) ? 3
                    : 0;                                          /* – — */
        int sep = !digit_sep &&
                  (!*p || *p == ' ' || *p == '\t' || *p == ',' || *p == ';' ||
                   *p == '"' || *p == '-' || *p == '%' || *p == '+' || *p == ':' ||
                   open || close || wide);
        int end_dot = *p == '.' && !digit_sep &&
                      (!p[1] || p[1] == ' ' || p[1] == ',' || p[1] == ')');
        /* A digit after a word of several letters starts a number
         * ("Говядина1 кат."); "С1" stays an egg category. */
        if (!sep && !end_dot && *p >= '0' && *p <= '9' && len > 2 &&
            (unsigned char)tok[n].t[len - 1] >= 0x80 && n < MAX_TOKENS) {
            tok[n].t[len] = '\0';
            tok[n].dot = 0;
            n++;
            len = 0;
        }
        if (!sep && !end_dot) {
            if (n < MAX_TOKENS && len < TOKEN - 1) {
                if (len == 0) {
                    tok[n].aside = depth > 0 || quoted;
                    tok[n].tail = tail;
                }
                tok[n].t[len++] = (char)*p;
            }
            continue;
        }
        if (n < MAX_TOKENS && len) {
            tok[n].t[len] = '\0';
            tok[n].dot = end_dot;
            n++;
        }
        len = 0;
        if (*p == '%' && n < MAX_TOKENS) {
            strcpy(tok[n].t, "%");
            tok[n].dot = 0;
            tok[n].aside = depth > 0 || quoted;
            tok[n++].tail = tail;
        }
        depth += open - (close && depth > 0);
        quoted ^= *p == '"';
        tail |= *p == ',' && !digit_sep && depth == 0 && !quoted;
        if (!*p)
            break;
        if (wide)
            p += wide - 1;
    }
    return n;
}

static void add_mark(struct mc_product_name *out, const struct token *tok, size_t from,
                     size_t to)
{
    size_t len = strlen(out->marks);
    for (size_t i = from; i < to && len < sizeof out->marks; i++)
        len += (size_t)snprintf(out->marks + len, sizeof out->marks - len, "%s%s",
                                i > from ? " " : len ? "; " : "", tok[i].t);
}

/* Append word w to words (one space apart). */
static void add_word(char *words, size_t size, const char *w)
{
    size_t len = strlen(words);
    if (len + 1 < size)
        snprintf(words + len, size - len, "%s%s", len ? " " : "", w);
}

/* A part of a plant, which brackets name as part of the food:
 * "Петрушка (корень)" is parsley root, not parsley. */
static int is_part(const char *t)
{
    static const char *const w[] = {"корень", "корни", "коренья", "зелень", "лист",
                                    "листья"};
    return one_of(t, w, sizeof w / sizeof *w);
}

/* "45-50": a range of shares, of which the first is taken. */
static int is_range(const char *t)
{
    char a[TOKEN];
    snprintf(a, sizeof a, "%s", t);
    char *dash = strchr(a, '-');
    if (!dash)
        return 0;
    *dash = '\0';
    return is_number(a) && is_number(dash + 1);
}

void mc_product_name_parse(const char *text, struct mc_product_name *out)
{
    char f[512];
    struct token tok[MAX_TOKENS];
    memset(out, 0, sizeof *out);
    out->fat_pct = -1;
    mc_text_fold(text, f, sizeof f);
    size_t n = tokenize(f, tok);
    int has_tail = 0;
    for (size_t i = 0; i < n; i++) {
        /* иод- is an older spelling of йод- ("соль иодированная") */
        if (!strncmp(tok[i].t, "иод", 6))
            memcpy(tok[i].t, "й", 2); /* и and й are both two bytes */
        if (!strcmp(tok[i].t, "сладкосливочное"))
            strcpy(tok[i].t, "сливочное");
    }
    for (size_t i = 0; i < n;) {
        const char *t = tok[i].t, *next = i + 1 < n ? tok[i + 1].t : "";
        size_t took = 1;
        int mark = 1; /* set aside, unlike fat and grade */
        if ((is_number(t) || is_range(t)) && !strcmp(next, "%")) {
            if (out->fat_pct < 0)
                out->fat_pct = number(t);
            took = 2;
            mark = 0;
            /* "2,5 % жирности", "45 % жир." */
            while (i + took < n && (!strncmp(tok[i + took].t, "жир", 6) ||
                                    !strcmp(tok[i + took].t, "мдж")))
                took++;
        } else if (is_number(t) && is_sort(next)) {
            out->grade = number(t) == 1 ? MC_GRADE_FIRST : MC_GRADE_SECOND;
            took = 2;
            mark = 0;
        } else if (is_number(t) && !strcmp(next, "го") && i + 2 < n && is_sort(tok[i + 2].t)) {
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
            while (i + took < n && (!strcmp(tok[i + took].t, "рк") ||
                                    strspn(tok[i + took].t, "0123456789-.") ==
                                        strlen(tok[i + took].t)))
                took++;
        } else if (is_set_aside(t)) {
            took = 1;
        } else {
            /* A word of the name, of its head before a comma, or of what
             * brackets or quotes add. */
            if (tok[i].aside && !is_part(t)) {
                add_word(out->aside, sizeof out->aside, t);
            } else {
                add_word(out->base, sizeof out->base, t);
                if (!tok[i].tail)
                    add_word(out->head, sizeof out->head, t);
                has_tail |= tok[i].tail;
                out->abbreviated |= tok[i].dot;
            }
            i++;
            continue;
        }
        if (mark)
            add_mark(out, tok, i, i + took);
        i += took;
    }
    if (!has_tail)
        out->head[0] = '\0';
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
