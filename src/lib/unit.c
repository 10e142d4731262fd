/*
 * unit.c - the units caterers write, their factors, and weighing a unit of
 * a food through its SR28 household measures.
 *
 * US customary volumes are exact by definition: a US gallon is 231 cubic
 * inches = 3785.411784 ml, a cup 1/16 of it, a tablespoon 1/16 of a cup,
 * a teaspoon 1/3 of a tablespoon, a fluid ounce 2 tablespoons; a pound is
 * 453.59237 g and an ounce 1/16 of it.  The Russian spoons and glass are
 * the metric ones of Russian kitchen tables: ч. л. 5 ml, ст. л. 15 ml,
 * стакан (the faceted glass, filled to the rim) 200 ml.
 */
#include "mealcheck/unit.h"

#include <math.h>
#include <string.h>

#include "mealcheck/csv.h"
#include "mealcheck/text.h"

#define GALLON_ML 3785.411784
#define CUP_ML (GALLON_ML / 16.0)
#define TBSP_ML (CUP_ML / 16.0)
#define TSP_ML (TBSP_ML / 3.0)
#define POUND_G 453.59237

static const struct mc_unit units[] = {
    {"g", MC_UNIT_MASS, 1.0, NULL},
    {"kg", MC_UNIT_MASS, 1000.0, NULL},
    {"mg", MC_UNIT_MASS, 0.001, NULL},
    {"lb", MC_UNIT_MASS, POUND_G, NULL},
    {"oz", MC_UNIT_MASS, POUND_G / 16.0, NULL},
    {"ml", MC_UNIT_VOLUME, 1.0, "ml"},
    {"l", MC_UNIT_VOLUME, 1000.0, NULL},
    {"tsp", MC_UNIT_VOLUME, TSP_ML, "tsp"},
    {"tbsp", MC_UNIT_VOLUME, TBSP_ML, "tbsp"},
    {"cup", MC_UNIT_VOLUME, CUP_ML, "cup"},
    {"fl oz", MC_UNIT_VOLUME, CUP_ML / 8.0, "fl oz"},
    {"pt", MC_UNIT_VOLUME, CUP_ML * 2.0, "pint"},
    {"qt", MC_UNIT_VOLUME, CUP_ML * 4.0, "quart"},
    {"gal", MC_UNIT_VOLUME, GALLON_ML, NULL},
    {"ч. л.", MC_UNIT_VOLUME, 5.0, "tsp"},
    {"ст. л.", MC_UNIT_VOLUME, 15.0, "tbsp"},
    {"стакан", MC_UNIT_VOLUME, 200.0, "cup"},
    {"шт", MC_UNIT_COUNT, 1.0, NULL},
};

enum { U_G, U_KG, U_MG, U_LB, U_OZ, U_ML, U_L, U_TSP, U_TBSP, U_CUP, U_FLOZ,
       U_PT, U_QT, U_GAL, U_RU_TSP, U_RU_TBSP, U_GLASS, U_PIECE, U_COUNT };
_Static_assert(sizeof units / sizeof *units == U_COUNT, "one enum per unit");

/* Spellings, lowercased without dots and spaces (see key()). */
static const struct spelling {
    const char *key;
    int unit;
} spellings[] = {
    {"g", U_G}, {"gr", U_G}, {"gram", U_G}, {"grams", U_G}, {"г", U_G},
    {"гр", U_G}, {"грамм", U_G}, {"грамма", U_G}, {"граммов", U_G},
    {"kg", U_KG}, {"кг", U_KG}, {"килограмм", U_KG},
    {"mg", U_MG}, {"мг", U_MG},
    {"lb", U_LB}, {"lbs", U_LB}, {"pound", U_LB},
    {"oz", U_OZ}, {"ounce", U_OZ},
    {"ml", U_ML}, {"мл", U_ML}, {"миллилитр", U_ML},
    {"l", U_L}, {"л", U_L}, {"литр", U_L}, {"litre", U_L}, {"liter", U_L},
    {"tsp", U_TSP}, {"teaspoon", U_TSP},
    {"tbsp", U_TBSP}, {"tablespoon", U_TBSP},
    {"cup", U_CUP}, {"cups", U_CUP},
    {"floz", U_FLOZ},
    {"pt", U_PT}, {"pint", U_PT},
    {"qt", U_QT}, {"quart", U_QT},
    {"gal", U_GAL}, {"gallon", U_GAL},
    {"чл", U_RU_TSP}, {"чайнаяложка", U_RU_TSP}, {"шайқасық", U_RU_TSP},
    {"стл", U_RU_TBSP}, {"столоваяложка", U_RU_TBSP}, {"асқасық", U_RU_TBSP},
    {"стакан", U_GLASS}, {"стақан", U_GLASS},
    {"шт", U_PIECE}, {"штука", U_PIECE}, {"штуки", U_PIECE}, {"штук", U_PIECE},
    {"дана", U_PIECE}, {"pc", U_PIECE}, {"pcs", U_PIECE},
};

const char *mc_unit_list(void)
{
    return "g, kg, mg, lb, oz, ml, l, tsp, tbsp, cup, fl oz, pt, qt, gal, "
           "г, гр, кг, мг, мл, л, ч. л., ст. л., стакан, шт, "
           "Kazakh шай қасық, ас қасық, стақан, дана";
}

/* text lowercased without dots, spaces and no-break spaces, so that
 * "Ст. л.", "ст.л." and "СТ Л" are one key; "" when it does not fit. */
static void key(const char *text, char *out, size_t size)
{
    char folded[64];
    mc_text_fold(text, folded, sizeof folded);
    size_t o = 0;
    for (const char *p = folded; *p && o + 1 < size; p++) {
        if (*p == '.' || *p == ' ')
            continue;
        if (!strncmp(p, "\xC2\xA0", 2)) {
            p++;
            continue;
        }
        out[o++] = *p;
    }
    out[o] = '\0';
    if (strlen(text) >= sizeof folded - 1)
        out[0] = '\0';
}

const struct mc_unit *mc_unit_find(const char *text)
{
    char k[64];
    key(text, k, sizeof k);
    for (size_t i = 0; k[0] && i < sizeof spellings / sizeof *spellings; i++)
        if (!strcmp(k, spellings[i].key))
            return &units[spellings[i].unit];
    return NULL;
}

/* ---- Quantities ---- */

static const struct vulgar {
    const char *utf8;
    double value;
} vulgars[] = {
    {"\xC2\xBC", 0.25}, {"\xC2\xBD", 0.5}, {"\xC2\xBE", 0.75},
    {"\xE2\x85\x93", 1.0 / 3.0}, {"\xE2\x85\x94", 2.0 / 3.0},
    {"\xE2\x85\x9B", 0.125},
};

/* Digits only, at least one, as a whole number; -1 otherwise. */
static double whole(const char *s, size_t n)
{
    if (n == 0 || n > 9 || strspn(s, "0123456789") < n)
        return -1.0;
    double v = 0.0;
    for (size_t i = 0; i < n; i++)
        v = v * 10.0 + (s[i] - '0');
    return v;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

int mc_unit_parse_qty(const char *text, double *out)
{
    size_t b = 0, e = strlen(text);
    while (b < e && is_blank(text[b]))
        b++;
    while (e > b && is_blank(text[e - 1]))
        e--;
    const char *s = text + b;
    size_t n = e - b;
    /* The whole before a fraction: "1 1/2", "1½", "1 ½"; -1 when none. */
    double w = 0.0, frac = -1.0;
    size_t head = 0;
    for (size_t i = 0; i < sizeof vulgars / sizeof *vulgars; i++) {
        size_t len = strlen(vulgars[i].utf8);
        if (n >= len && !memcmp(s + n - len, vulgars[i].utf8, len)) {
            frac = vulgars[i].value;
            head = n - len;
        }
    }
    const char *slash = memchr(s, '/', n);
    if (frac < 0.0 && slash) {
        /* "N/D" after an optional whole and blanks. */
        size_t d0 = (size_t)(slash - s) + 1, n0 = (size_t)(slash - s);
        while (d0 < n && is_blank(s[d0]))
            d0++;
        while (n0 > 0 && is_blank(s[n0 - 1]))
            n0--;
        size_t start = n0;
        while (start > 0 && s[start - 1] >= '0' && s[start - 1] <= '9')
            start--;
        double num = whole(s + start, n0 - start), den = whole(s + d0, n - d0);
        if (num < 0.0 || !(den > 0.0))
            return 0;
        frac = num / den;
        head = start;
        if (head > 0 && !is_blank(s[head - 1]))
            return 0;
    }
    if (frac < 0.0) {
        double v;
        if (!mc_parse_number(s, &v) || v < 0.0)
            return 0;
        *out = v;
        return 1;
    }
    while (head > 0 && is_blank(s[head - 1]))
        head--;
    if (head > 0 && (w = whole(s, head)) < 0.0)
        return 0;
    *out = w + frac;
    return 1;
}

/* ---- Weighing a unit of a food ---- */

/* SR28 measures that are volumes, in millilitres per unit. */
static const struct volume {
    const char *name;
    double ml;
} volumes[] = {
    {"cup", CUP_ML}, {"cup (8 fl oz)", CUP_ML}, {"cup (1 NLEA serving)", CUP_ML},
    {"tbsp", TBSP_ML}, {"tablespoon", TBSP_ML}, {"tsp", TSP_ML},
    {"teaspoon", TSP_ML}, {"fl oz", CUP_ML / 8.0}, {"pint", CUP_ML * 2.0},
    {"quart", CUP_ML * 4.0}, {"ml", 1.0},
};

/* The measures SR28 weighs one piece of a food by, in order of preference. */
static const char *const pieces[] = {"piece", "each", "item", "egg", "fruit",
                                     "medium"};

static double volume_ml(const char *name)
{
    for (size_t i = 0; i < sizeof volumes / sizeof *volumes; i++)
        if (mc_text_equal_fold(volumes[i].name, name))
            return volumes[i].ml;
    return 0.0;
}

/* Grams of one unit of the food's measure name: its row of the largest
 * amount when every row agrees to MC_UNIT_ROUNDING.
 * @return MC_UNIT_OK, MC_UNIT_UNKNOWN (no such measure) or MC_UNIT_AMBIGUOUS */
static enum mc_unit_status measure_named(const char *name,
                                         const struct mc_measure *m, size_t n,
                                         struct mc_unit_grams *out)
{
    double lo = INFINITY, hi = 0.0;
    const struct mc_measure *best = NULL, *low = NULL, *high = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!mc_text_equal_fold(m[i].unit, name) || !(m[i].amount > 0.0))
            continue;
        double g = m[i].grams / m[i].amount;
        if (g < lo) {
            lo = g;
            low = &m[i];
        }
        if (g > hi) {
            hi = g;
            high = &m[i];
        }
        if (!best || m[i].amount > best->amount)
            best = &m[i];
    }
    if (!best)
        return MC_UNIT_UNKNOWN;
    out->measure = best;
    if (hi - lo > MC_UNIT_ROUNDING * hi) {
        out->measure = low;
        out->other = high;
        return MC_UNIT_AMBIGUOUS;
    }
    out->grams = best->grams / best->amount;
    return MC_UNIT_OK;
}

/* Grams of one volume unit u: the food's density from the measure of the
 * same size, else from its measure of the largest volume. */
static enum mc_unit_status weigh_volume(const struct mc_unit *u,
                                        const struct mc_measure *m, size_t n,
                                        struct mc_unit_grams *out)
{
    /* "tbsp" and "tablespoon" are one size: either gives ст. л. its density. */
    const char *name = NULL;
    double size = u->sr28 ? volume_ml(u->sr28) : 0.0;
    for (size_t i = 0; size > 0.0 && i < n && !name; i++)
        if (volume_ml(m[i].unit) == size && m[i].amount > 0.0)
            name = m[i].unit;
    double most = 0.0; /* the first of equal volumes, in SR28 order */
    const char *largest = NULL;
    for (size_t i = 0; i < n && !name; i++)
        if (volume_ml(m[i].unit) * m[i].amount > most) {
            most = volume_ml(m[i].unit) * m[i].amount;
            largest = m[i].unit;
        }
    if (!name)
        name = largest;
    if (!name)
        return MC_UNIT_NO_MEASURE;
    enum mc_unit_status st = measure_named(name, m, n, out);
    if (st == MC_UNIT_OK)
        out->grams *= u->factor / volume_ml(name);
    return st;
}

enum mc_unit_status mc_unit_grams(const char *text,
                                  const struct mc_measure *measures, size_t n,
                                  struct mc_unit_grams *out)
{
    memset(out, 0, sizeof *out);
    const struct mc_unit *u = mc_unit_find(text);
    out->unit = u;
    if (u && u->kind == MC_UNIT_MASS) {
        out->grams = u->factor;
        return MC_UNIT_OK;
    }
    enum mc_unit_status st = measure_named(text, measures, n, out);
    if (st != MC_UNIT_UNKNOWN) {
        out->unit = NULL;
        return st;
    }
    if (!u)
        return MC_UNIT_UNKNOWN;
    if (u->kind == MC_UNIT_VOLUME)
        return weigh_volume(u, measures, n, out);
    for (size_t i = 0; i < sizeof pieces / sizeof *pieces; i++)
        if ((st = measure_named(pieces[i], measures, n, out)) != MC_UNIT_UNKNOWN)
            return st;
    return MC_UNIT_NO_MEASURE;
}
