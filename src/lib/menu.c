/*
 * menu.c - menus: reading the dishes served, scaling each to its portion,
 * and summing meals, days and weeks.
 *
 * Loading resolves every row (recipe first, then a food served as is) and
 * records every problem before failing; mc_menu_aggregate then does the
 * sums, without I/O, including USDA weighted analysis (7 CFR 210.10(i)):
 * when a menu gives planned servings, a meal is
 * sum(serving * planned_servings) / planned_meals.
 */
#include "mealcheck/menu.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mealcheck/csv.h"
#include "mealcheck/infile.h"
#include "mealcheck/i18n.h"
#include "mealcheck/text.h"
#include "array.h"

enum col { C_WEEK, C_DAY, C_MEAL, C_DISH, C_PORTION, C_PSERV, C_PMEALS,
           C_PRICE, C_COUNT };
static const char *const col_names[C_COUNT] = {
    "week", "day", "meal", "dish", "portion_g", "planned_servings",
    "planned_meals", "price"};

/* Headers that stand for a column this file lacks, read as they are
 * they would be ignored: a caterer's 250 g would become the recipe's 200. */
static const struct mc_csv_lookalike lookalikes[] = {
    {"portions", C_PORTION, "grams served"},
    {"portion_size", C_PORTION, "grams served"},
    {"portion_weight", C_PORTION, "grams served"},
    {"portion_grams", C_PORTION, "grams served"},
    {"serving_g", C_PORTION, "grams served"},
    {"serving_size", C_PORTION, "grams served"},
    {"weight", C_PORTION, "grams served"},
    {"weight_g", C_PORTION, "grams served"},
    {"grams", C_PORTION, "grams served"},
    {"g", C_PORTION, "grams served"},
    {"qty", C_PORTION, "grams served"},
    {"quantity", C_PORTION, "grams served"},
    {"amount", C_PORTION, "grams served"},
    {"yield", C_PORTION, "grams served"},
    {"yield_g", C_PORTION, "grams served"},
    {"output", C_PORTION, "grams served"},
    {"net_g", C_PORTION, "grams served"},
    {"net", C_PORTION, "grams served"},
    {"netto", C_PORTION, "grams served"},
    {"gross_g", C_PORTION, "grams served"},
    {"gross", C_PORTION, "grams served"},
    {"brutto", C_PORTION, "grams served"},
    {"servings", C_PSERV, "servings planned of the dish"},
    {"planned", C_PSERV, "servings planned of the dish"},
    {"meals", C_PMEALS, "meals planned"},
    {"cost", C_PRICE, "price of the portion served"},
    {"portion_price", C_PRICE, "price of the portion served"},
};

#define MEMO 8 /* day and meal cells remembered: a week's days */

struct loader {
    const char *path;
    const struct mc_recipe_book *book;
    struct mc_food_db *db;
    struct mc_err *err;
    int col[C_COUNT];
    struct mc_menu *menu;
    size_t cap_servings, cap_names;
    size_t *name_seen;           /* per meal name: order of first appearance */
    /* Day and meal cells left empty below a value, as merged cells export
     * to CSV: one hint per column instead of an error per row. */
    struct { long first, count; char above[64], first_above[64]; } blank[2];
    /* Portions since the last declared total row, and over the day, for an
     * "Итого" row; NAN once a portion is unknown. */
    double since_total_g, day_g;
    int last_week, last_day;
    /* The day and meal cells last read and what they read as: a menu
     * repeats a few of them row after row, and folding them was most of
     * reading a row. */
    struct { char text[64]; int day; } day_cell[MEMO];
    struct { char text[64]; char meal[128]; } meal_cell[MEMO];
    size_t day_next, meal_next;         /* entries filled, in turn */
};

static const char *const day_names[8] = {
    "", N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
    N_("Saturday"), N_("Sunday")};

void mc_menu_cost(const struct mc_menu *m, double budget, struct mc_menu_cost *out)
{
    out->mean_day = 0.0;
    out->days = (int)m->n_days;
    out->days_priced = out->days_over = 0;
    for (size_t i = 0; i < m->n_days; i++) {
        double c = m->days[i].cost;
        out->mean_day += c;
        if (isnan(c))
            continue;
        out->days_priced++;
        if (budget > 0.0 && c > budget)
            out->days_over++;
    }
    out->mean_day = m->n_days ? out->mean_day / (double)m->n_days : NAN;
}

const char *mc_menu_cost_text(const struct mc_menu *m, double budget,
                              const char *currency, char *buf, size_t size)
{
    struct mc_menu_cost c;
    const char *cur = currency ? currency : "", *sp = *cur ? " " : "";
    mc_menu_cost(m, budget, &c);
    buf[0] = '\0';
    if (c.days_priced == 0 && !(budget > 0.0))
        return buf;
    size_t len;
    if (isnan(c.mean_day))
        len = (size_t)snprintf(buf, size, _("unknown for %d of %d days (a dish "
                                            "without a price)"),
                               c.days - c.days_priced, c.days);
    else
        len = (size_t)snprintf(buf, size, _("mean %.2f%s%s"), c.mean_day, sp, cur);
    if (budget > 0.0 && len < size)
        snprintf(buf + len, size - len, _("; budget %.2f%s%s: %d of %d days over"),
                 budget, sp, cur, c.days_over, c.days);
    return buf;
}

const char *mc_day_name(int day)
{
    return day >= 1 && day <= 7 ? day_names[day] : "";
}

/* Days since 1970-01-01 of a Gregorian date (H. Hinnant's
 * days_from_civil); -1 for a yyyymmdd that is no calendar date from 1970
 * to 9999 (so that the days are never negative). */
static long days_from_date(int ymd)
{
    int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 ||
        d > mdays[m - 1] + (m == 2 && leap))
        return -1;
    y -= m <= 2;
    long era = y / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int date_from_days(long z)
{
    z += 719468;
    long era = z / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    long y = yoe + era * 400 + (m <= 2);
    return (int)(y * 10000 + m * 100 + d);
}

static int is_holiday(int ymd, const int *holidays, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (holidays[i] == ymd)
            return 1;
    return 0;
}

int mc_menu_cycle_day(int cycle_start, int date, int n_weeks, int days_per_week,
                      const int *holidays, size_t n_holidays,
                      struct mc_cycle_day *out)
{
    long start = days_from_date(cycle_start), t = days_from_date(date);
    if (start < 0 || t < 0 || n_weeks < 1 || days_per_week < 1 || days_per_week > 7)
        return 0;
    /* 1970-01-01 was a Thursday: weekday 1 = Monday .. 7 = Sunday. */
    long monday0 = start - ((start + 3) % 7 + 7) % 7;
    enum mc_cycle_status status = MC_CYCLE_SCHOOL_DAY;
    if (t < start)
        status = MC_CYCLE_NOT_STARTED;
    else if (is_holiday(date, holidays, n_holidays))
        status = MC_CYCLE_HOLIDAY;
    else if ((t + 3) % 7 + 1 > days_per_week)
        status = MC_CYCLE_NO_SCHOOL;
    long d = t < start ? start : t;
    /* The next school day: a year of days is more than any calendar of
     * holidays leaves without one. */
    for (long k = 0;; k++, d++) {
        if (k > 366 + (long)n_holidays)
            return 0;
        int wd = (int)((d + 3) % 7) + 1;
        if (wd <= days_per_week && !is_holiday(date_from_days(d), holidays, n_holidays))
            break;
    }
    out->status = status;
    out->date = date_from_days(d);
    out->week = (int)((d - monday0) / 7 % n_weeks) + 1;
    out->day = (int)((d + 3) % 7) + 1;
    return 1;
}

int mc_day_parse(const char *text)
{
    static const char *const names[][5] = {
        {"mon", "monday", "пн", "понедельник", "дүйсенбі"},
        {"tue", "tuesday", "вт", "вторник", "сейсенбі"},
        {"wed", "wednesday", "ср", "среда", "сәрсенбі"},
        {"thu", "thursday", "чт", "четверг", "бейсенбі"},
        {"fri", "friday", "пт", "пятница", "жұма"},
        {"sat", "saturday", "сб", "суббота", "сенбі"},
        {"sun", "sunday", "вс", "воскресенье", "жексенбі"},
    };
    if (text[0] >= '1' && text[0] <= '7' && text[1] == '\0')
        return text[0] - '0';
    char f[64];
    mc_text_fold(text, f, sizeof f);
    for (int d = 0; d < 7; d++)
        for (int k = 0; k < 5; k++)
            if (strcmp(f, names[d][k]) == 0)
                return d + 1;
    return 0;
}

/* Meal names in the order a day runs; Russian and Kazakh names are mapped
 * to the English ones so that one menu reads the same either way. */
static const struct {
    const char *name;
    const char *aliases[3];
} meal_order[] = {
    {"breakfast", {"завтрак", "таңғы ас", NULL}},
    {"second breakfast", {"второй завтрак", NULL, NULL}},
    {"lunch", {"обед", "түскі ас", NULL}},
    {"snack", {"полдник", "бесін ас", NULL}},
    {"dinner", {"ужин", "кешкі ас", NULL}},
};
#define N_MEAL_ORDER (sizeof meal_order / sizeof *meal_order)

void mc_meal_canonical(const char *text, char *out, size_t size)
{
    mc_text_fold(text, out, size);
    for (size_t m = 0; m < N_MEAL_ORDER; m++)
        for (int k = 0; k < 3 && meal_order[m].aliases[k]; k++)
            if (strcmp(out, meal_order[m].aliases[k]) == 0)
                snprintf(out, size, "%s", meal_order[m].name);
}

const char *mc_meal_label(const char *meal)
{
    /* TRANSLATORS: the meals of a school day, as a menu names them. */
    static const char *const labels[N_MEAL_ORDER] = {
        N_("breakfast"), N_("second breakfast"), N_("lunch"), N_("snack"), N_("dinner"),
    };
    for (size_t m = 0; m < N_MEAL_ORDER; m++)
        if (strcmp(meal, meal_order[m].name) == 0)
            return _(labels[m]);
    return meal;
}

static size_t meal_rank(const char *name)
{
    for (size_t m = 0; m < N_MEAL_ORDER; m++)
        if (strcmp(name, meal_order[m].name) == 0)
            return m;
    return N_MEAL_ORDER;
}

/* Copy text to dst (size bytes, cut as snprintf cuts). */
static void keep(char *dst, size_t size, const char *text)
{
    size_t n = strlen(text);
    if (n >= size)
        n = size - 1;
    memcpy(dst, text, n);
    dst[n] = '\0';
}

/* The entry of memo (MEMO entries of entry_size bytes, each starting with
 * its text) that holds text, 1 with *i its index; else 0 with *i the entry
 * to fill in turn (*next counts them), or SIZE_MAX when text is too long
 * to keep (text_size).  Entries start as "", which reads as day 0 and
 * meal "". */
static int recall(const void *memo, size_t entry_size, size_t text_size, size_t *next,
                  const char *text, size_t *i)
{
    const char *m = memo;
    for (*i = 0; *i < MEMO; ++*i)
        if (!strcmp(m + *i * entry_size, text))
            return 1;
    *i = strlen(text) < text_size ? (*next)++ % MEMO : SIZE_MAX;
    return 0;
}

/* mc_day_parse(text), remembered. */
static int day_of(struct loader *L, const char *text)
{
    size_t i;
    if (recall(L->day_cell, sizeof *L->day_cell, sizeof L->day_cell->text, &L->day_next,
               text, &i))
        return L->day_cell[i].day;
    int day = mc_day_parse(text);
    if (i != SIZE_MAX) {
        strcpy(L->day_cell[i].text, text);
        L->day_cell[i].day = day;
    }
    return day;
}

/* mc_meal_canonical(text) into out (size bytes, as in memo), remembered. */
static void meal_of(struct loader *L, const char *text, char *out, size_t size)
{
    size_t i;
    if (recall(L->meal_cell, sizeof *L->meal_cell, sizeof L->meal_cell->text,
               &L->meal_next, text, &i)) {
        memcpy(out, L->meal_cell[i].meal, size);
        return;
    }
    mc_meal_canonical(text, out, size);
    if (i != SIZE_MAX) {
        strcpy(L->meal_cell[i].text, text);
        memcpy(L->meal_cell[i].meal, out, size);
    }
}

static const char *cell(const struct loader *L, const struct mc_csv *csv,
                        enum col c)
{
    return L->col[c] < 0 ? "" : mc_csv_field(csv, (size_t)L->col[c]);
}

static int number(struct loader *L, const struct mc_csv *csv, enum col c,
                  int positive, double *out)
{
    return mc_csv_number(csv, L->col[c], col_names[c], positive, out, L->err);
}

/* The menu's copy of a meal name, added on first sight. */
static const char *intern_meal(struct loader *L, const char *name)
{
    struct mc_menu *m = L->menu;
    for (size_t i = 0; i < m->n_meal_names; i++)
        if (strcmp(m->meal_names[i], name) == 0)
            return m->meal_names[i];
    if (mc_array_reserve(&m->meal_names, &L->cap_names, m->n_meal_names + 1,
                         sizeof *m->meal_names, 8))
        return NULL;
    char *copy = strdup(name);
    if (copy)
        m->meal_names[m->n_meal_names++] = copy;
    return copy;
}

/* Resolve the dish of a row and compute its portion into s. */
static mc_code dish(struct loader *L, struct mc_serving *s)
{
    long line = s->line;
    s->recipe = mc_recipe_book_find(L->book, s->dish);
    if (s->portion_g < 0.0)
        return MC_OK; /* a bad number, reported when read */
    if (s->recipe) {
        if (isnan(s->portion_g)) {
            s->portion_g = mc_recipe_portion_g(s->recipe);
            s->assumed |= MC_ASSUMED_PORTION;
        }
        mc_nvec_zero(&s->n);
        mc_nvec_add_scaled(&s->n, &s->recipe->total,
                           s->portion_g / s->recipe->yield_g);
        if (isnan(s->price))
            s->price = s->recipe->cost * s->portion_g / s->recipe->yield_g;
        return MC_OK;
    }
    struct mc_food *food = NULL;
    mc_code rc = mc_recipe_find_food_at(L->db, s->dish, L->path, line,
                                        L->col[C_DISH] + 1, 1, &food,
                                        &s->matched_by_name, L->err);
    if (rc == MC_ERR_INPUT)
        return MC_OK; /* an ambiguous name, recorded */
    if (rc == MC_ERR_NOT_FOUND) {
        char hint[1024];
        mc_recipe_suggest(L->book, L->db, s->dish, hint, sizeof hint);
        mc_err_at(L->err, MC_ERR_INPUT, L->path, line, L->col[C_DISH] + 1,
                  N_("unknown dish '%s': not a recipe of %s, a food id or a food "
                     "name%s"), s->dish, L->book->path, hint);
        return MC_OK;
    }
    if (rc)
        return rc;
    if (!(s->food_id = strdup(food->id)) || !(s->food_name = strdup(food->name))) {
        rc = mc_err_set(L->err, MC_ERR_NOMEM, "out of memory");
    } else if (isnan(s->portion_g)) {
        mc_err_at(L->err, MC_ERR_INPUT, L->path, line,
                  L->col[C_PORTION] >= 0 ? L->col[C_PORTION] + 1 : 0,
                  "portion_g is required for a food served as is (%s %s)",
                  food->id, food->name);
    } else {
        mc_nvec_zero(&s->n);
        mc_nvec_add_scaled(&s->n, &food->per100, s->portion_g / 100.0);
    }
    mc_food_free(food);
    return rc;
}

static void check_portion(struct loader *L, const struct mc_serving *s)
{
    if (!(s->portion_g >= 0.0) || !(s->recipe || s->food_id))
        return;
    /* A recipe's range was found once, when the book was read. */
    const struct mc_portion_range *p = s->recipe ? s->recipe->portion
                                                 : mc_portion_range(s->dish);
    if (s->portion_g < p->min_g || s->portion_g > p->max_g)
        mc_err_warn_at(L->err, L->path, s->line,
                       L->col[C_PORTION] >= 0 ? L->col[C_PORTION] + 1 : 0,
                       N_("%s '%s': a portion of %g g is implausible for a school child "
                          "(expected %g-%g g): is the unit or a digit wrong?"),
                       _(p->kind), s->dish, s->portion_g, p->min_g, p->max_g);
}

/* A day or meal cell left empty (c: 0 day, 1 meal): 1 when it is the
 * first of a run below a value, which is counted for one hint. */
static int blank_below(struct loader *L, int c, long line)
{
    if (!*L->blank[c].above)
        return 0;
    if (!L->blank[c].count++) {
        L->blank[c].first = line;
        memcpy(L->blank[c].first_above, L->blank[c].above, sizeof L->blank[c].above);
    }
    return 1;
}

/* A row declaring a total ("Итого за день" with its grams): compared with
 * the portions since the last total row or over the day; never a dish. */
static void total_row(struct loader *L, const struct mc_csv *csv, const char *label)
{
    double g;
    if (number(L, csv, C_PORTION, 0, &g) == 1 && !isnan(L->since_total_g) &&
        mc_total_differs(g, L->since_total_g) &&
        (isnan(L->day_g) || mc_total_differs(g, L->day_g)))
        mc_err_warn_at(L->err, L->path, mc_csv_line(csv), L->col[C_PORTION] + 1,
                       N_("the row '%s' declares %g g, but the portions above sum to "
                          "%g g since the last total row and %g g over the day"),
                       label, g, L->since_total_g, L->day_g);
    L->since_total_g = 0.0;
}

static mc_code row(struct loader *L, const struct mc_csv *csv)
{
    const char *label = *cell(L, csv, C_DISH) ? cell(L, csv, C_DISH) : cell(L, csv, C_MEAL);
    if (mc_total_row_kind(label) != MC_TOTAL_NONE) {
        total_row(L, csv, label);
        return MC_OK;
    }
    struct mc_menu *m = L->menu;
    if (mc_array_reserve(&m->servings, &L->cap_servings, m->n_servings + 1,
                         sizeof *m->servings, 64))
        goto nomem;
    struct mc_serving *s = &m->servings[m->n_servings];
    memset(s, 0, sizeof *s);
    s->line = mc_csv_line(csv);
    if (!(s->dish = strdup(cell(L, csv, C_DISH))))
        goto nomem;
    m->n_servings++;

    double week;
    int w = number(L, csv, C_WEEK, 1, &week);
    if (w == 0) {
        s->week = 1;
        s->assumed |= MC_ASSUMED_WEEK;
    } else if (w == 1 && (week != floor(week) || week > 1000)) {
        mc_err_at(L->err, MC_ERR_INPUT, L->path, s->line, L->col[C_WEEK] + 1,
                  "week: expected a whole number from 1 to 1000, got '%s'",
                  cell(L, csv, C_WEEK));
    } else if (w == 1) {
        s->week = (int)week;
    }
    const char *day = cell(L, csv, C_DAY);
    if (!(s->day = day_of(L, day)) && !(!*day && blank_below(L, 0, s->line)))
        mc_err_at(L->err, MC_ERR_INPUT, L->path, s->line, L->col[C_DAY] + 1,
                  "day: expected 1-7 or a day name (Mon, Monday, Пн), got '%s'",
                  day);
    if (*day)
        keep(L->blank[0].above, sizeof L->blank[0].above, day);
    char meal[sizeof L->meal_cell->meal];
    meal_of(L, cell(L, csv, C_MEAL), meal, sizeof meal);
    if (!*meal && !blank_below(L, 1, s->line))
        mc_err_at(L->err, MC_ERR_INPUT, L->path, s->line, L->col[C_MEAL] + 1,
                  "meal: expected a meal name (breakfast, lunch, ...)");
    else if (*meal && !(s->meal = intern_meal(L, meal)))
        goto nomem;
    if (*meal)
        keep(L->blank[1].above, sizeof L->blank[1].above, cell(L, csv, C_MEAL));
    number(L, csv, C_PORTION, 1, &s->portion_g);
    number(L, csv, C_PSERV, 0, &s->planned_servings);
    number(L, csv, C_PMEALS, 1, &s->planned_meals);
    number(L, csv, C_PRICE, 0, &s->price);
    if (!*s->dish) {
        mc_err_at(L->err, MC_ERR_INPUT, L->path, s->line, L->col[C_DISH] + 1,
                  "dish: expected a recipe, food id or food name");
        return MC_OK;
    }
    mc_code rc = dish(L, s);
    check_portion(L, s);
    if (s->week != L->last_week || s->day != L->last_day) {
        L->day_g = L->since_total_g = 0.0;
        L->last_week = s->week;
        L->last_day = s->day;
    }
    L->day_g += s->portion_g;            /* NAN stays NAN: the sum is unknown */
    L->since_total_g += s->portion_g;
    return rc;
nomem:
    return mc_err_set(L->err, MC_ERR_NOMEM, "out of memory reading %s", L->path);
}

static mc_code parse(struct loader *L, struct mc_csv *csv)
{
    mc_code e = mc_csv_header(csv, col_names, C_COUNT, L->col,
                              "the columns day, meal and dish", L->err);
    if (e)
        return e;
    int before = L->err->count;
    e = mc_csv_header_unread(csv, col_names, C_COUNT, L->col, lookalikes,
                             sizeof lookalikes / sizeof *lookalikes,
                             &L->menu->columns, L->err);
    if (e == MC_ERR_NOMEM)
        return e;
    for (int c = C_DAY; c <= C_DISH; c++)
        if (L->col[c] < 0)
            mc_err_at(L->err, MC_ERR_INPUT, L->path, mc_csv_line(csv), 0,
                      "missing column '%s'", col_names[c]);
    if (L->err->count > before)
        return L->err->code;
    int rc = 0;
    /* Room for every row of a usual menu at once: a serving is large, and
     * doubling copies it (a huge file still grows by doubling). */
    size_t rows = mc_csv_rows_left(csv);
    if (mc_array_reserve(&L->menu->servings, &L->cap_servings, rows < 4096 ? rows : 4096,
                         sizeof *L->menu->servings, 64))
        return mc_err_set(L->err, MC_ERR_NOMEM, "out of memory reading %s", L->path);
    while (!mc_err_full(L->err) && (rc = mc_csv_next(csv, L->err)) > 0)
        if ((e = row(L, csv)))
            return e;
    /* A lone empty cell is a plain error; a run of them, one hint. */
    for (int c = 0; c < 2; c++)
        if (L->blank[c].count == 1 && c == 0)
            mc_err_at(L->err, MC_ERR_INPUT, L->path, L->blank[c].first, L->col[C_DAY] + 1,
                      "day: expected 1-7 or a day name (Mon, Monday, Пн), got '%s'", "");
        else if (L->blank[c].count == 1)
            mc_err_at(L->err, MC_ERR_INPUT, L->path, L->blank[c].first, L->col[C_MEAL] + 1,
                      "meal: expected a meal name (breakfast, lunch, ...)");
        else if (L->blank[c].count)
            mc_err_at(L->err, MC_ERR_INPUT, L->path, L->blank[c].first,
                      L->col[C_DAY + c] + 1,
                      N_("%s: empty on %ld rows from this line on, below '%s': were the "
                         "cells merged in the spreadsheet (a CSV keeps a merged cell's "
                         "value in its first row only)? Fill the %s into every row"),
                      c ? "meal" : "day", L->blank[c].count, L->blank[c].first_above,
                      c ? "meal" : "day");
    if (rc == 0 && L->menu->n_servings == 0)
        mc_err_at(L->err, MC_ERR_INPUT, L->path, 0, 0, "no dishes: the menu has "
                  "a header row only; expected a row per dish served");
    return MC_OK;
}

/* Meal names in display order: the usual meals of a day, then the others
 * in order of first appearance (the order they were interned). */
static void order_meal_names(struct mc_menu *m)
{
    for (size_t i = 1; i < m->n_meal_names; i++) {
        char *name = m->meal_names[i];
        size_t j = i;
        for (; j > 0 && meal_rank(m->meal_names[j - 1]) > meal_rank(name); j--)
            m->meal_names[j] = m->meal_names[j - 1];
        m->meal_names[j] = name;
    }
}

mc_code mc_menu_load(const char *path, const struct mc_recipe_book *book,
                     struct mc_food_db *db, struct mc_menu **out,
                     struct mc_err *err)
{
    return mc_menu_load_limited(path, NULL, book, db, out, err);
}

mc_code mc_menu_load_limited(const char *path, const struct mc_input_limits *limits,
                             const struct mc_recipe_book *book,
                             struct mc_food_db *db, struct mc_menu **out,
                             struct mc_err *err)
{
    const struct mc_input in = {.path = path, .limits = limits};
    return mc_menu_load_input(&in, book, db, out, err);
}

mc_code mc_menu_load_input(const struct mc_input *in, const struct mc_recipe_book *book,
                           struct mc_food_db *db, struct mc_menu **out,
                           struct mc_err *err)
{
    const char *path = mc_input_name(in);
    *out = NULL;
    struct loader L = {.path = path, .book = book, .db = db, .err = err};
    struct mc_csv *csv = NULL;
    int before = err->count;
    mc_code rc;
    if (!(L.menu = calloc(1, sizeof *L.menu)) || !(L.menu->path = strdup(path))) {
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        goto fail;
    }
    if ((rc = mc_csv_open_input(in, &csv, err)))
        goto fail;
    L.path = mc_csv_path(csv); /* "menu.xlsx[Меню]" for a workbook */
    if ((rc = parse(&L, csv)))
        goto fail;
    if (err->count > before) {
        rc = err->code;
        goto fail;
    }
    order_meal_names(L.menu);
    if ((rc = mc_menu_aggregate(L.menu, err)))
        goto fail;
    *out = L.menu;
    L.menu = NULL;
fail:
    mc_menu_free(L.menu);
    mc_csv_close(csv);
    return rc;
}

void mc_menu_free(struct mc_menu *menu)
{
    if (!menu)
        return;
    for (size_t i = 0; i < menu->n_servings; i++) {
        free(menu->servings[i].dish);
        free(menu->servings[i].food_id);
        free(menu->servings[i].food_name);
    }
    for (size_t i = 0; i < menu->n_meal_names; i++)
        free(menu->meal_names[i]);
    free(menu->meal_names);
    free(menu->servings);
    free(menu->meals);
    free(menu->days);
    free(menu->weeks);
    free(menu->path);
    free(menu->columns);
    free(menu);
}

/* qsort has no context argument: the meal order travels in a static, one
 * per thread, since an audit loads menus on several threads at once. */
static _Thread_local const struct mc_menu *sort_menu;

static size_t meal_index(const struct mc_menu *m, const char *meal)
{
    for (size_t i = 0; i < m->n_meal_names; i++)
        if (m->meal_names[i] == meal)
            return i;
    return m->n_meal_names;
}

static int cmp_serving(const void *pa, const void *pb)
{
    const struct mc_serving *a = pa, *b = pb;
    if (a->week != b->week)
        return a->week < b->week ? -1 : 1;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    size_t ma = meal_index(sort_menu, a->meal), mb = meal_index(sort_menu, b->meal);
    if (ma != mb)
        return ma < mb ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* The same recipe or food twice in one meal is a copied row more often
 * than a second portion, and would count double unseen. */
static void check_repeats(const struct mc_menu *m, const struct mc_meal *meal,
                          struct mc_err *err)
{
    const struct mc_serving *s = &m->servings[meal->first];
    for (size_t j = 1; j < meal->count; j++)
        for (size_t i = 0; i < j; i++)
            if ((s[j].recipe && s[j].recipe == s[i].recipe) ||
                (s[j].food_id && s[i].food_id && !strcmp(s[j].food_id, s[i].food_id))) {
                mc_err_at(err, MC_ERR_INPUT, m->path, s[j].line, 0,
                          "dish '%s' repeats line %ld in week %d %s %s; expected "
                          "one row per dish, with the whole portion", s[j].dish,
                          s[i].line, meal->week, mc_day_name(meal->day), meal->meal);
                break;
            }
}

/* Sum one meal's servings; weighted when they give planned servings. */
static void sum_meal(const struct mc_menu *m, struct mc_meal *meal,
                     struct mc_err *err)
{
    const struct mc_serving *s = &m->servings[meal->first];
    check_repeats(m, meal, err);
    const struct mc_serving *with = NULL, *without = NULL, *pm = NULL;
    for (size_t i = 0; i < meal->count; i++) {
        if (!isnan(s[i].planned_servings)) {
            if (!with)
                with = &s[i];
        } else if (!without) {
            without = &s[i];
        }
        if (isnan(s[i].planned_meals))
            continue;
        if (isnan(s[i].planned_servings))
            mc_err_at(err, MC_ERR_INPUT, m->path, s[i].line, 0,
                      "planned_meals without planned_servings");
        else if (!pm)
            pm = &s[i];
        else if (s[i].planned_meals != pm->planned_meals)
            mc_err_at(err, MC_ERR_INPUT, m->path, s[i].line, 0,
                      "planned_meals %g differs from %g given at line %ld for "
                      "the same day and meal", s[i].planned_meals,
                      pm->planned_meals, pm->line);
    }
    meal->planned_meals = NAN;
    mc_nvec_zero(&meal->n);
    meal->cost = 0.0;
    if (with && without) {
        mc_err_at(err, MC_ERR_INPUT, m->path, without->line, 0,
                  "planned_servings missing: other dishes of week %d %s %s "
                  "give it (line %ld)", meal->week, mc_day_name(meal->day),
                  meal->meal, with->line);
        return;
    }
    if (with && !pm) {
        mc_err_at(err, MC_ERR_INPUT, m->path, with->line, 0,
                  "planned_servings without planned_meals for week %d %s %s",
                  meal->week, mc_day_name(meal->day), meal->meal);
        return;
    }
    if (with)
        meal->planned_meals = pm->planned_meals;
    for (size_t i = 0; i < meal->count; i++) {
        double w = with ? s[i].planned_servings / meal->planned_meals : 1.0;
        mc_nvec_add_scaled(&meal->n, &s[i].n, w);
        meal->cost += s[i].price * w; /* NAN once a price is unknown */
    }
}

mc_code mc_menu_aggregate(struct mc_menu *m, struct mc_err *err)
{
    int before = err->count;
    sort_menu = m;
    /* Most menus list their days in order: then there is nothing to sort
     * (cmp_serving is a total order, so sorting would keep them as they are). */
    size_t k = 1;
    while (k < m->n_servings && cmp_serving(&m->servings[k - 1], &m->servings[k]) < 0)
        k++;
    if (k < m->n_servings)
        qsort(m->servings, m->n_servings, sizeof *m->servings, cmp_serving);
    sort_menu = NULL;
    /* As many meals, days and weeks as the sorted servings start (not one
     * per serving: each holds nutrient vectors, and zeroing unused ones was
     * a tenth of an audit). */
    size_t nm = 0, nd = 0, nw = 0;
    for (size_t i = 0; i < m->n_servings; i++) {
        const struct mc_serving *s = &m->servings[i], *p = i ? s - 1 : NULL;
        int week = !p || p->week != s->week, day = week || p->day != s->day;
        nw += week;
        nd += day;
        nm += day || p->meal != s->meal;
    }
    m->meals = calloc(nm ? nm : 1, sizeof *m->meals);
    m->days = calloc(nd ? nd : 1, sizeof *m->days);
    m->weeks = calloc(nw ? nw : 1, sizeof *m->weeks);
    if (!m->meals || !m->days || !m->weeks)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    m->weighted = 0;
    for (size_t i = 0; i < m->n_servings; i++) {
        const struct mc_serving *s = &m->servings[i];
        struct mc_meal *ml = m->n_meals ? &m->meals[m->n_meals - 1] : NULL;
        if (!ml || ml->week != s->week || ml->day != s->day || ml->meal != s->meal) {
            ml = &m->meals[m->n_meals++];
            ml->week = s->week;
            ml->day = s->day;
            ml->meal = s->meal;
            ml->first = i;
        }
        ml->count++;
    }
    for (size_t i = 0; i < m->n_meals; i++) {
        struct mc_meal *ml = &m->meals[i];
        sum_meal(m, ml, err);
        if (!isnan(ml->planned_meals))
            m->weighted = 1;
        struct mc_day *d = m->n_days ? &m->days[m->n_days - 1] : NULL;
        if (!d || d->week != ml->week || d->day != ml->day) {
            d = &m->days[m->n_days++];
            d->week = ml->week;
            d->day = ml->day;
            d->first = i;
            mc_nvec_zero(&d->n);
            d->cost = 0.0;
        }
        d->count++;
        mc_nvec_add_scaled(&d->n, &ml->n, 1.0);
        d->cost += ml->cost;
    }
    for (size_t i = 0; i < m->n_days; i++) {
        struct mc_week *w = m->n_weeks ? &m->weeks[m->n_weeks - 1] : NULL;
        if (!w || w->week != m->days[i].week) {
            w = &m->weeks[m->n_weeks++];
            w->week = m->days[i].week;
            w->first = i;
            mc_nvec_zero(&w->avg);
            w->avg_cost = 0.0;
        }
        w->count++;
        mc_nvec_add_scaled(&w->avg, &m->days[i].n, 1.0);
        w->avg_cost += m->days[i].cost;
    }
    for (size_t i = 0; i < m->n_weeks; i++) {
        mc_nvec_scale(&m->weeks[i].avg, 1.0 / (double)m->weeks[i].count);
        m->weeks[i].avg_cost /= (double)m->weeks[i].count;
    }
    return err->count > before ? err->code : MC_OK;
}
