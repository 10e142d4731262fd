/*
 * plain_verdict.c - a checked day or week in plain words (plain_verdict.h).
 */
#include "mealcheck/plain_verdict.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "mealcheck/i18n.h"
#include "mealcheck/text.h"

static int listed(const enum mc_nutrient *list, size_t n, enum mc_nutrient x)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == x)
            return 1;
    return 0;
}

/* The daily energy norm of an energy item: the middle of a band, else the
 * one bound it has (rows hold the whole day's value, before meal shares). */
static double daily_energy(const struct mc_check_item *it)
{
    if (it->lo_row && it->hi_row)
        return (it->lo_row->value + it->hi_row->value) / 2;
    return it->lo_row ? it->lo_row->value : it->hi_row ? it->hi_row->value : NAN;
}

void mc_plain_verdict_of(const struct mc_check_result *r, const struct mc_menu *menu,
                         long day, struct mc_plain_verdict *out)
{
    memset(out, 0, sizeof *out);
    out->age_min = out->age_max = -1;
    out->energy_pct = NAN;
    out->outcome = r->outcome;
    out->why = r->why;
    for (size_t s = 0; s < r->n_subs; s++) {
        const struct mc_norm_group *g = r->subs[s].group;
        if (out->age_min < 0 || g->age_min < out->age_min)
            out->age_min = g->age_min;
        if (g->age_max > out->age_max)
            out->age_max = g->age_max;
    }
    if (day >= 0) {
        const struct mc_day *d = &menu->days[day];
        out->weekday = d->day;
        out->meal = d->count == 1 ? menu->meals[d->first].meal : NULL;
    } else {
        out->meal = menu->n_meal_names == 1 ? menu->meal_names[0] : NULL;
    }
    for (size_t i = 0; i < r->n_items; i++) {
        const struct mc_check_item *it = &r->items[i];
        const struct mc_check_value *v = day >= 0 ? &it->days[day] : &it->avg;
        if (it->nutrient == MC_N_ENERGY_KCAL && !it->pct_energy && !it->meal &&
            isnan(out->energy_pct) && !isnan(v->value) && v->coverage > 0) {
            double norm = daily_energy(it);
            if (norm > 0)
                out->energy_pct = 100 * v->value / norm;
        }
        if (v->status == MC_STATUS_LOW && !listed(out->low, out->n_low, it->nutrient))
            out->low[out->n_low++] = it->nutrient;
        else if (v->status == MC_STATUS_HIGH &&
                 !listed(out->high, out->n_high, it->nutrient))
            out->high[out->n_high++] = it->nutrient;
    }
    out->balanced = r->outcome == MC_OUTCOME_COMPLIES && !out->n_low && !out->n_high;
}

/* Append printf text to buf at *len, cut at size. */
static void put(char *buf, size_t size, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void put(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
    if (*len >= size - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *len, size - *len, fmt, ap);
    va_end(ap);
    if (n > 0)
        *len = *len + (size_t)n < size ? *len + (size_t)n : size - 1;
}

/* A nutrient's name inside a sentence: a capital opening its first word
 * lowercased ("Vitamin D" -> "vitamin D", "Кальций" -> "кальций"). */
static void name_in_sentence(enum mc_nutrient n, char *out, size_t size)
{
    const char *name = mc_nutrient_name(n);
    ucs4_t c;
    int k = u8_mbtouc(&c, (const uint8_t *)name, strlen(name));
    ucs4_t next = 0;
    if (k > 0 && name[k])
        u8_mbtouc(&next, (const uint8_t *)name + k, strlen(name + k));
    uint8_t first[8];
    /* "D дәрумені" keeps its letter: only a capital opening a word is lowered */
    int w = k > 0 && uc_is_lower(next) ? u8_uctomb(first, uc_tolower(c), (int)sizeof first)
                                       : -1;
    if (w <= 0)
        snprintf(out, size, "%s", name);
    else
        snprintf(out, size, "%.*s%s", w, (const char *)first, name + k);
}

static void put_list(char *buf, size_t size, size_t *len, const char *fmt,
                     const enum mc_nutrient *list, size_t n)
{
    char names[1024] = "";
    size_t nl = 0;
    for (size_t i = 0; i < n; i++) {
        char one[128];
        name_in_sentence(list[i], one, sizeof one);
        put(names, sizeof names, &nl, "%s%s", i ? ", " : "", one);
    }
    put(buf, size, len, fmt, names);
}

const char *mc_plain_verdict_text(const struct mc_plain_verdict *v, enum mc_plain_when when,
                                  char *buf, size_t size)
{
    char meal[128], subject[256];
    if (v->meal)
        mc_text_capitalize(mc_meal_label(v->meal), meal, sizeof meal);
    else
        snprintf(meal, sizeof meal, "%s", _("The meals"));
    if (when == MC_PLAIN_TODAY)
        /* TRANSLATORS: %s is a meal ("Lunch") or "The meals". */
        snprintf(subject, sizeof subject, _("%s today"), meal);
    else if (when == MC_PLAIN_DAY)
        /* TRANSLATORS: a meal and a day of the week: "Lunch, Tuesday". */
        snprintf(subject, sizeof subject, _("%s, %s"), meal, _(mc_day_name(v->weekday)));
    else if (when == MC_PLAIN_WEEK)
        snprintf(subject, sizeof subject, _("%s this week, on average"), meal);
    else
        snprintf(subject, sizeof subject, "%s", meal);
    size_t len = 0;
    buf[0] = '\0';
    if (!isnan(v->energy_pct) && v->age_min >= 0)
        /* TRANSLATORS: "Lunch today: a 7-10-year-old gets 31 % of the day's energy". */
        put(buf, size, &len, _("%s: a %d-%d-year-old gets %.0f %% of the day's energy"),
            subject, v->age_min, v->age_max, v->energy_pct);
    else if (!isnan(v->energy_pct))
        put(buf, size, &len, _("%s: a child gets %.0f %% of the day's energy"), subject,
            v->energy_pct);
    else
        put(buf, size, &len, "%s", subject);
    if (v->balanced)
        put(buf, size, &len, "%s", _("; balanced"));
    if (v->n_low)
        /* TRANSLATORS: followed by nutrient names: "; low in calcium, vitamin D". */
        put_list(buf, size, &len, _("; low in %s"), v->low, v->n_low);
    if (v->n_high)
        put_list(buf, size, &len, _("; too much %s"), v->high, v->n_high);
    if (!v->balanced && !v->n_low && !v->n_high)
        put(buf, size, &len, "; %s", mc_outcome_sentence(v->outcome, v->why));
    put(buf, size, &len, ".");
    return buf;
}
