/*
 * recipe.c - recipe books: reading technological cards, resolving their
 * ingredients against the food database, and computing their nutrients.
 *
 * Loading runs in stages so that one run reports every problem in a file:
 * parse (columns, numbers, recipe structure), resolve (foods, sub-recipes,
 * quantities), order (sub-recipe cycles, found by depth-first search) and,
 * only when all of that succeeded, compute (mc_recipe_compute, pure
 * arithmetic, sub-recipes first).
 */
#include "mealcheck/recipe.h"
#include "mealcheck/i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mealcheck/csv.h"
#include "mealcheck/infile.h"
#include "mealcheck/text.h"
#include "mealcheck/unit.h"

enum col { C_RECIPE, C_SERVINGS, C_YIELD, C_FOOD, C_GROSS, C_NET, C_QTY,
           C_UNIT, C_COOKING, C_PRICE, C_COURSE, C_COUNT };
_Static_assert(C_COUNT == MC_RECIPE_N_COLUMNS, "mc_recipe_columns");
const char *const mc_recipe_columns[MC_RECIPE_N_COLUMNS] = {
    "recipe", "servings", "yield_g", "food", "gross_g", "net_g", "qty",
    "unit", "cooking", "price", "course"};

/* The courses with the names Russian and Kazakh cards give them
 * (docs/formats.md), compared folded. */
static const struct {
    enum mc_course course;
    const char *names[8];
} course_names[] = {
    {MC_COURSE_SOUP, {"soup", "суп", "первое", "первое блюдо", "сорпа", "көже",
                      "бірінші тағам"}},
    {MC_COURSE_MAIN, {"main", "второе", "второе блюдо", "горячее", "основное блюдо",
                      "екінші тағам", "негізгі тағам"}},
    {MC_COURSE_SIDE, {"side", "гарнир"}},
    {MC_COURSE_SALAD, {"salad", "салат", "закуска", "холодная закуска",
                       "тіскебасар"}},
    {MC_COURSE_DRINK, {"drink", "напиток", "третье", "сусын"}},
    {MC_COURSE_BAKERY, {"bakery", "выпечка", "хлеб", "хлебобулочное изделие", "нан",
                        "тоқаш"}},
    {MC_COURSE_PORRIDGE, {"porridge", "каша", "ботқа"}},
    {MC_COURSE_DESSERT, {"dessert", "десерт", "сладкое", "тәтті тағам"}},
    {MC_COURSE_FRUIT, {"fruit", "фрукты", "фрукт", "жеміс", "жемістер"}},
};

const char *mc_course_name(enum mc_course c)
{
    for (size_t i = 0; i < sizeof course_names / sizeof *course_names; i++)
        if (course_names[i].course == c)
            return course_names[i].names[0];
    return "";
}

int mc_course_parse(const char *text, enum mc_course *out)
{
    for (size_t i = 0; i < sizeof course_names / sizeof *course_names; i++)
        for (const char *const *n = course_names[i].names; *n; n++)
            if (mc_text_equal_fold(text, *n)) {
                *out = course_names[i].course;
                return 1;
            }
    return 0;
}

/* Headers that stand for a column this book lacks (a quantity, most of
 * all): read as they are, they would be ignored, or gross taken for net. */
static const struct mc_csv_lookalike lookalikes[] = {
    {"gross", C_GROSS, "grams as purchased"},
    {"gross_weight", C_GROSS, "grams as purchased"},
    {"gross_grams", C_GROSS, "grams as purchased"},
    {"gross_kg", C_GROSS, "grams as purchased"},
    {"brutto", C_GROSS, "grams as purchased"},
    {"net", C_NET, "edible grams"},
    {"net_weight", C_NET, "edible grams"},
    {"net_grams", C_NET, "edible grams"},
    {"net_kg", C_NET, "edible grams"},
    {"netto", C_NET, "edible grams"},
    {"weight", C_NET, "edible grams"},
    {"weight_g", C_NET, "edible grams"},
    {"grams", C_NET, "edible grams"},
    {"g", C_NET, "edible grams"},
    {"yield", C_YIELD, "grams of the finished dish, all servings"},
    {"yield_weight", C_YIELD, "grams of the finished dish, all servings"},
    {"output", C_YIELD, "grams of the finished dish, all servings"},
    {"output_g", C_YIELD, "grams of the finished dish, all servings"},
    {"total_weight", C_YIELD, "grams of the finished dish, all servings"},
    {"portions", C_SERVINGS, "portions the card makes"},
    {"portion", C_SERVINGS, "portions the card makes"},
    {"portion_count", C_SERVINGS, "portions the card makes"},
    {"serves", C_SERVINGS, "portions the card makes"},
    {"number_of_servings", C_SERVINGS, "portions the card makes"},
    {"quantity", C_QTY, "amount in the unit column"},
    {"amount", C_QTY, "amount in the unit column"},
    {"units", C_UNIT, "g, kg or a household measure"},
    {"measure", C_UNIT, "g, kg or a household measure"},
    {"cost", C_PRICE, "price of 1 kg as purchased"},
    {"price_kg", C_PRICE, "price of 1 kg as purchased"},
    {"price_per_kg", C_PRICE, "price of 1 kg as purchased"},
    {"food_id", C_FOOD, "a food id, food name or recipe"},
    {"food_name", C_FOOD, "a food id, food name or recipe"},
    {"ingredient", C_FOOD, "a food id, food name or recipe"},
    {"product", C_FOOD, "a food id, food name or recipe"},
};

struct loader {
    const char *path;
    struct mc_food_db *db;
    const struct mc_cooking_set *cooking;
    struct mc_err *err;
    int col[C_COUNT];            /* field index, -1 when the column is absent */
    struct mc_recipe_book *book;
    unsigned char *state;        /* per recipe, for the cycle search */
    size_t *order;               /* recipes, sub-recipes before their users */
    size_t n_order;
    /* The current card's rows so far, for a declared "Итого" row; a sum is
     * known while every row above gave that column. */
    double sum_net, sum_gross;
    int net_known, gross_known;
};

enum { VISIT_NEW, VISIT_OPEN, VISIT_DONE };

/* Grow an array of n elements before adding one: capacity 4, 8, 16, ... */
static int grow(void *pp, size_t n, size_t size)
{
    void **p = pp;
    if (n != 0 && (n < 4 || (n & (n - 1)) != 0))
        return 0;
    void *q = realloc(*p, (n ? 2 * n : 4) * size);
    if (!q)
        return -1;
    *p = q;
    return 0;
}

static const char *cell(const struct loader *L, const struct mc_csv *csv,
                        enum col c)
{
    return L->col[c] < 0 ? "" : mc_csv_field(csv, (size_t)L->col[c]);
}

static int number(struct loader *L, const struct mc_csv *csv, enum col c,
                  int positive, double *out)
{
    return mc_csv_number(csv, L->col[c], mc_recipe_columns[c], positive, out, L->err);
}

/* The qty cell: a number or a fraction as caterers write it ("1 1/2",
 * "½", "0,5"); NAN when empty, -1 after recording a bad one (as
 * mc_csv_number). */
static void qty(struct loader *L, const struct mc_csv *csv, double *out)
{
    const char *t = cell(L, csv, C_QTY);
    *out = NAN;
    if (!*t)
        return;
    if (mc_unit_parse_qty(t, out) && *out <= MC_CSV_NUMBER_MAX)
        return;
    *out = -1.0;
    mc_err_at(L->err, MC_ERR_INPUT, L->path, mc_csv_line(csv), L->col[C_QTY] + 1,
              "qty: expected a non-negative number or a fraction (1/2, 1 1/2, "
              "½) up to 10000000, got '%s'", t);
}

static const struct mc_cooking_profile *profile(struct loader *L,
                                                const struct mc_csv *csv,
                                                const char *name)
{
    const struct mc_cooking_profile *p = mc_cooking_find(L->cooking, name);
    if (!p) {
        char known[512] = "";
        size_t len = 0;
        for (size_t i = 0; i < L->cooking->n && len < sizeof known; i++)
            len += (size_t)snprintf(known + len, sizeof known - len, "%s%s",
                                    i ? ", " : "", L->cooking->profiles[i].name);
        mc_err_at(L->err, MC_ERR_INPUT, L->path, mc_csv_line(csv),
                  L->col[C_COOKING] + 1,
                  "unknown cooking profile '%s' (profiles: %s)", name, known);
    }
    return p;
}

static mc_code header(struct loader *L, struct mc_csv *csv)
{
    mc_code rc = mc_csv_header(csv, mc_recipe_columns, C_COUNT, L->col,
                               "the columns recipe, food and net_g, gross_g "
                               "or qty and unit", L->err);
    if (rc)
        return rc;
    long line = mc_csv_line(csv);
    int before = L->err->count;
    rc = mc_csv_header_unread(csv, mc_recipe_columns, C_COUNT, L->col, lookalikes,
                              sizeof lookalikes / sizeof *lookalikes,
                              &L->book->columns, L->err);
    if (rc == MC_ERR_NOMEM)
        return rc;
    if (L->col[C_RECIPE] < 0)
        mc_err_at(L->err, MC_ERR_INPUT, L->path, line, 0, "missing column 'recipe'");
    if (L->col[C_FOOD] < 0)
        mc_err_at(L->err, MC_ERR_INPUT, L->path, line, 0, "missing column 'food'");
    if (L->col[C_GROSS] < 0 && L->col[C_NET] < 0 && L->col[C_QTY] < 0)
        mc_err_at(L->err, MC_ERR_INPUT, L->path, line, 0,
                  "missing quantity columns: give net_g, gross_g, or qty and unit");
    if ((L->col[C_QTY] < 0) != (L->col[C_UNIT] < 0))
        mc_err_at(L->err, MC_ERR_INPUT, L->path, line, 0,
                  "missing column '%s' (qty and unit go together)",
                  L->col[C_QTY] < 0 ? "qty" : "unit");
    return L->err->count > before ? L->err->code : MC_OK;
}

/* A row that starts a recipe: its name, servings, yield and profile. */
static int start_recipe(struct loader *L, const struct mc_csv *csv,
                        const char *name)
{
    struct mc_recipe_book *b = L->book;
    long line = mc_csv_line(csv);
    if (grow(&b->recipes, b->n, sizeof *b->recipes))
        return -1;
    struct mc_recipe *r = &b->recipes[b->n];
    memset(r, 0, sizeof *r);
    if (!(r->name = strdup(name)))
        return -1;
    b->n++;
    r->line = line;
    L->sum_net = L->sum_gross = 0.0;
    L->net_known = L->gross_known = 1;
    if (number(L, csv, C_SERVINGS, 1, &r->servings) == 0) {
        r->servings = 1.0;
        r->assumed |= MC_ASSUMED_SERVINGS;
    }
    if (number(L, csv, C_YIELD, 1, &r->yield_g) == 0)
        r->assumed |= MC_ASSUMED_YIELD;
    const char *cook = cell(L, csv, C_COOKING);
    r->cooking = *cook ? profile(L, csv, cook) : NULL;
    if (!r->cooking)
        r->cooking = &L->cooking->profiles[0];
    const char *course = cell(L, csv, C_COURSE);
    if (*course && !mc_course_parse(course, &r->course))
        mc_err_at(L->err, MC_ERR_INPUT, L->path, line, L->col[C_COURSE] + 1,
                  "course: expected soup, main, side, salad, drink, bakery, porridge, "
                  "dessert or fruit (or their Russian or Kazakh names), got '%s'",
                  course);
    return 0;
}

/* Servings and yield describe the card, so they live on its first row. */
static void check_card_cell(struct loader *L, const struct mc_csv *csv,
                            enum col c, double first, const struct mc_recipe *r)
{
    double v;
    if (number(L, csv, c, 1, &v) == 1 && v != first)
        mc_err_at(L->err, MC_ERR_INPUT, L->path, mc_csv_line(csv),
                  L->col[c] + 1,
                  "%s of recipe '%s' goes on its first row (line %ld)",
                  mc_recipe_columns[c], r->name, r->line);
}

static int add_ingredient(struct loader *L, const struct mc_csv *csv,
                          struct mc_recipe *r, int first_row)
{
    if (grow(&r->ingredients, r->n_ingredients, sizeof *r->ingredients))
        return -1;
    struct mc_ingredient *ing = &r->ingredients[r->n_ingredients];
    memset(ing, 0, sizeof *ing);
    if (!(ing->food = strdup(cell(L, csv, C_FOOD))))
        return -1;
    r->n_ingredients++;
    ing->line = mc_csv_line(csv);
    if (number(L, csv, C_GROSS, 0, &ing->gross_g) == 1)
        L->sum_gross += ing->gross_g;
    else
        L->gross_known = 0;
    if (number(L, csv, C_NET, 0, &ing->net_g) == 1)
        L->sum_net += ing->net_g;
    else
        L->net_known = 0;
    qty(L, csv, &ing->qty);
    number(L, csv, C_PRICE, 0, &ing->price_kg);
    const char *unit = cell(L, csv, C_UNIT);
    if (*unit && !(ing->unit = strdup(unit)))
        return -1;
    const char *cook = first_row ? "" : cell(L, csv, C_COOKING);
    ing->cooking = *cook ? profile(L, csv, cook) : NULL;
    if (!ing->cooking)
        ing->cooking = r->cooking;
    return 0;
}

/*
 * A row that declares a total of card r ("Итого", "Выход") instead of a
 * food: compared with what it closes, never read as a food.  "Итого" sums
 * the net and gross columns above; "Выход" is the yield (net column, else
 * gross), which it gives when yield_g is empty.
 */
static void declared_row(struct loader *L, const struct mc_csv *csv,
                         struct mc_recipe *r, enum mc_total_row kind, const char *label)
{
    long line = mc_csv_line(csv);
    double net = NAN, gross = NAN;
    int has_net = number(L, csv, C_NET, 0, &net) == 1;
    int has_gross = number(L, csv, C_GROSS, 0, &gross) == 1;
    if (kind == MC_TOTAL_SUM) {
        if (has_net && L->net_known && mc_total_differs(net, L->sum_net))
            mc_err_warn_at(L->err, L->path, line, L->col[C_NET] + 1,
                           N_("recipe '%s': the row '%s' declares %g g net, but the "
                              "rows above sum to %g g"), r->name, label, net, L->sum_net);
        if (has_gross && L->gross_known && mc_total_differs(gross, L->sum_gross))
            mc_err_warn_at(L->err, L->path, line, L->col[C_GROSS] + 1,
                           N_("recipe '%s': the row '%s' declares %g g gross, but the "
                              "rows above sum to %g g"), r->name, label, gross,
                           L->sum_gross);
        return;
    }
    double y = has_net ? net : gross;
    if (!has_net && !has_gross)
        return;
    if (r->assumed & MC_ASSUMED_YIELD) {
        r->yield_g = y;
        r->assumed &= ~(unsigned)MC_ASSUMED_YIELD;
    } else if (mc_total_differs(y, r->yield_g)) {
        mc_err_warn_at(L->err, L->path, line, L->col[has_net ? C_NET : C_GROSS] + 1,
                       N_("recipe '%s': the row '%s' declares a yield of %g g, but "
                          "yield_g on line %ld says %g g"), r->name, label, y, r->line,
                       r->yield_g);
    }
}

static mc_code parse(struct loader *L, struct mc_csv *csv)
{
    mc_code rc = header(L, csv);
    if (rc)
        return rc;
    int next = 0;
    while (!mc_err_full(L->err) && (next = mc_csv_next(csv, L->err)) > 0) {
        const char *name = cell(L, csv, C_RECIPE);
        const char *food = cell(L, csv, C_FOOD);
        long line = mc_csv_line(csv);
        struct mc_recipe_book *b = L->book;
        const char *label = *food ? food : name;
        enum mc_total_row kind = mc_total_row_kind(label);
        if (kind && b->n && (!*name || !*food)) {
            declared_row(L, csv, &b->recipes[b->n - 1], kind, label);
            continue;
        }
        if (*name) {
            if (start_recipe(L, csv, name))
                goto nomem;
        } else if (b->n == 0) {
            mc_err_at(L->err, MC_ERR_INPUT, L->path, line, L->col[C_RECIPE] + 1,
                      "ingredient before any recipe: a recipe's first row names "
                      "it in column 'recipe'");
            continue;
        } else {
            struct mc_recipe *r = &b->recipes[b->n - 1];
            check_card_cell(L, csv, C_SERVINGS, r->servings, r);
            check_card_cell(L, csv, C_YIELD, r->yield_g, r);
            if (*cell(L, csv, C_COURSE))
                mc_err_at(L->err, MC_ERR_INPUT, L->path, line, L->col[C_COURSE] + 1,
                          "course of recipe '%s' goes on its first row (line %ld)",
                          r->name, r->line);
        }
        struct mc_recipe *r = &b->recipes[b->n - 1];
        if (!*food) {
            /* A first row may name the recipe only; its lines follow. */
            if (!*name || *cell(L, csv, C_GROSS) || *cell(L, csv, C_NET) ||
                *cell(L, csv, C_QTY))
                mc_err_at(L->err, MC_ERR_INPUT, L->path, line,
                          L->col[C_FOOD] + 1,
                          "missing food: expected a food id, food name or recipe");
            continue;
        }
        if (add_ingredient(L, csv, r, *name != '\0'))
            goto nomem;
    }
    if (next == 0 && L->book->n == 0 && L->err->count == 0)
        mc_err_at(L->err, MC_ERR_INPUT, L->path, 0, 0, "no recipes: the book has "
                  "a header row only; expected a row naming a recipe");
    /* Row errors are recorded; resolving goes on to find more of them. */
    return MC_OK;
nomem:
    return mc_err_set(L->err, MC_ERR_NOMEM, "out of memory reading %s", L->path);
}

static int cmp_by_name(const void *pa, const void *pb)
{
    const struct mc_recipe *a = *(const struct mc_recipe *const *)pa;
    const struct mc_recipe *b = *(const struct mc_recipe *const *)pb;
    int c = mc_text_compare_fold(a->name, b->name);
    return c ? c : (a > b) - (a < b);
}

static const struct mc_portion_range portion_ranges[] = {
    {N_("soup"), {"суп", "борщ", "щи", "сорпа", "рассольник", "солянка", "уха", "көже",
                  "шорпа", "soup", "borscht", NULL}, 100, 500},
    {N_("drink"), {"компот", "чай", "кисель", "какао", "сок", "напиток", "кефир", "айран",
                   "шай", "compote", "tea", "juice"}, 50, 400},
    {N_("dish"), {NULL}, 5, 600},
};

const struct mc_portion_range *mc_portion_range(const char *name)
{
    char fold[512];
    mc_text_fold(name, fold, sizeof fold);
    size_t n = sizeof portion_ranges / sizeof *portion_ranges;
    for (size_t k = 0; k + 1 < n; k++)
        for (const char *w = fold; *w; w += strcspn(w, " -,.()«»\"")) {
            w += strspn(w, " -,.()«»\"");
            for (size_t i = 0; i < 12 && portion_ranges[k].words[i]; i++)
                if (!strncmp(w, portion_ranges[k].words[i],
                             strlen(portion_ranges[k].words[i])))
                    return &portion_ranges[k];
        }
    return &portion_ranges[n - 1];
}

/* Sort the recipes by name for lookups, and report names used twice: a
 * book may hold thousands of recipes, too many to compare each with each.
 * Hash the first of each name (the one a lookup finds) as written. */
static mc_code index_names(struct loader *L)
{
    struct mc_recipe_book *b = L->book;
    size_t slots = 16;
    while (slots < 2 * b->n)
        slots *= 2;
    if (!(b->by_name = malloc((b->n ? b->n : 1) * sizeof *b->by_name)) ||
        !(b->by_exact = calloc(slots, sizeof *b->by_exact)))
        return mc_err_set(L->err, MC_ERR_NOMEM, "out of memory");
    b->exact_slots = slots;
    for (size_t i = 0; i < b->n; i++) {
        b->by_name[i] = &b->recipes[i];
        b->recipes[i].portion = mc_portion_range(b->recipes[i].name);
    }
    qsort(b->by_name, b->n, sizeof *b->by_name, cmp_by_name);
    for (size_t i = 0; i < b->n; i++) {
        const struct mc_recipe *r = b->by_name[i];
        if (i > 0 && mc_text_equal_fold(r->name, b->by_name[i - 1]->name))
            continue;
        size_t h = mc_text_hash(r->name);
        while (b->by_exact[h & (slots - 1)])
            h++;
        b->by_exact[h & (slots - 1)] = r;
    }
    for (size_t i = 1, first = 0; i < b->n; i++) {
        const struct mc_recipe *r = b->by_name[i];
        if (mc_text_compare_fold(r->name, b->by_name[first]->name) != 0)
            first = i;
        else
            mc_err_at(L->err, MC_ERR_INPUT, L->path, r->line,
                      L->col[C_RECIPE] + 1,
                      "duplicate recipe '%s' (first defined at line %ld)",
                      r->name, b->by_name[first]->line);
    }
    return MC_OK;
}

/* The food's measures as a message lists them: "'cup', 'tbsp'". */
static void measure_names(const struct mc_food *food, char *list, size_t size)
{
    size_t len = 0;
    list[0] = '\0';
    for (size_t i = 0; i < food->n_measures && len < size; i++)
        len += (size_t)snprintf(list + len, size - len, "%s'%s'", i ? ", " : "",
                                food->measures[i].unit);
}

/* Grams of one unit of the line's food (food NULL: a sub-recipe), or an
 * error that says which units and measures there are (unit.h). */
static int unit_grams(struct loader *L, const struct mc_ingredient *ing,
                      const struct mc_food *food, double *grams)
{
    long col = L->col[C_UNIT] + 1;
    struct mc_unit_grams w;
    enum mc_unit_status st = mc_unit_grams(ing->unit, food ? food->measures : NULL,
                                           food ? food->n_measures : 0, &w);
    *grams = w.grams;
    if (st == MC_UNIT_OK && (food || (w.unit && w.unit->kind == MC_UNIT_MASS)))
        return 0;
    char list[1024] = "";
    if (!food) {
        mc_err_at(L->err, MC_ERR_INPUT, L->path, ing->line, col,
                  "unit '%s': a sub-recipe is measured by mass (g, kg, mg, lb, "
                  "oz, г, гр, кг, мг)", ing->unit);
    } else if (st == MC_UNIT_AMBIGUOUS) {
        size_t len = 0;
        for (size_t i = 0; i < food->n_measures && len < sizeof list; i++) {
            const struct mc_measure *m = &food->measures[i];
            if (mc_text_equal_fold(m->unit, w.measure->unit))
                len += (size_t)snprintf(list + len, sizeof list - len,
                                        "%s%g %s = %g g", len ? ", " : "",
                                        m->amount, m->unit, m->grams);
        }
        mc_err_at(L->err, MC_ERR_INPUT, L->path, ing->line, col,
                  "ambiguous measure '%s' for %s %s: SR28 weighs it %s, more "
                  "than 1 %% apart; give the grams (net_g, or qty in g)",
                  ing->unit, food->id, food->name, list);
    } else if (food->n_measures == 0) {
        mc_err_at(L->err, MC_ERR_INPUT, L->path, ing->line, col,
                  "%s '%s': %s %s has no household measures in SR28; use a "
                  "mass unit (g, kg, mg, lb, oz, г, кг, мг)",
                  st == MC_UNIT_UNKNOWN ? "unknown unit" : "unit", ing->unit,
                  food->id, food->name);
    } else if (st == MC_UNIT_NO_MEASURE) {
        measure_names(food, list, sizeof list);
        mc_err_at(L->err, MC_ERR_INPUT, L->path, ing->line, col,
                  "unit '%s': %s %s has no %s in SR28 to weigh it by; "
                  "its measures are %s (or use a mass unit: g, kg, г, кг)",
                  ing->unit, food->id, food->name,
                  w.unit->kind == MC_UNIT_VOLUME
                      ? "volume measure (cup, tbsp, tsp, fl oz, quart, ml)"
                      : "piece measure (piece, each, item, egg, fruit, medium)",
                  list);
    } else {
        measure_names(food, list, sizeof list);
        mc_err_at(L->err, MC_ERR_INPUT, L->path, ing->line, col,
                  "unknown unit '%s' for %s %s; expected a unit (%s) or one "
                  "of its measures: %s", ing->unit, food->id, food->name,
                  mc_unit_list(), list);
    }
    return -1;
}

/* Net grams of an ingredient from gross_g, net_g and qty + unit. */
static void quantities(struct loader *L, struct mc_ingredient *ing,
                       const struct mc_food *food)
{
    long line = ing->line;
    if (ing->gross_g < 0.0 || ing->net_g < 0.0 || ing->qty < 0.0)
        return; /* a bad number, reported when read */
    int has_qty = !isnan(ing->qty), has_unit = ing->unit != NULL;
    if (has_qty != has_unit) {
        mc_err_at(L->err, MC_ERR_INPUT, L->path, line,
                  L->col[has_qty ? C_UNIT : C_QTY] + 1,
                  "%s without %s: qty and unit go together",
                  has_qty ? "qty" : "unit", has_qty ? "unit" : "qty");
        return;
    }
    if (has_qty) {
        if (!isnan(ing->net_g)) {
            mc_err_at(L->err, MC_ERR_INPUT, L->path, line, L->col[C_QTY] + 1,
                      "both net_g and qty given: give one of them");
            return;
        }
        double g;
        if (unit_grams(L, ing, food, &g))
            return;
        ing->net_g = ing->qty * g;
    }
    if (isnan(ing->net_g)) {
        if (isnan(ing->gross_g)) {
            int c = L->col[C_NET] >= 0 ? C_NET : L->col[C_GROSS] >= 0 ? C_GROSS : C_QTY;
            mc_err_at(L->err, MC_ERR_INPUT, L->path, line, L->col[c] + 1,
                      "no quantity for '%s': give net_g, gross_g, or qty and unit",
                      ing->food);
            return;
        }
        ing->net_g = mc_recipe_net_from_gross(ing->gross_g, ing->refuse_pct);
        ing->assumed |= MC_ASSUMED_NET;
    } else if (!isnan(ing->gross_g) && ing->net_g > ing->gross_g) {
        mc_err_at(L->err, MC_ERR_INPUT, L->path, line,
                  L->col[has_qty ? C_QTY : C_NET] + 1,
                  "net weight %g g is larger than gross_g %g g", ing->net_g,
                  ing->gross_g);
    }
}

/*
 * A weight under 1 g of a food that is never used in such crumbs (meat,
 * fish, legumes; not salt, spices, herbs, garlic or butter for greasing):
 * the row was most likely typed in kg under a "g" header, which the card's
 * yield cannot show when the other rows are in grams.
 */
static void tiny_weight(struct loader *L, const struct mc_recipe *r,
                        const struct mc_ingredient *ing, const struct mc_food *food)
{
    static const char *const groups[] = {
        "Beef Products", "Pork Products", "Poultry Products",
        "Lamb, Veal, and Game Products", "Finfish and Shellfish Products",
        "Sausages and Luncheon Meats", "Legumes and Legume Products",
    };
    if (!isnan(ing->qty) || !(ing->net_g > 0.0 && ing->net_g < 1.0))
        return;
    for (size_t i = 0; i < sizeof groups / sizeof *groups; i++)
        if (!strcmp(food->group, groups[i])) {
            mc_err_warn_at(L->err, L->path, ing->line, L->col[C_NET] + 1,
                           N_("recipe '%s': %g g of '%s' (%s) is less than 1 g: is a "
                              "weight in kg written under a 'g' header?"),
                           r->name, ing->net_g, ing->food, food->group);
            return;
        }
}

static mc_code resolve_ingredient(struct loader *L, const struct mc_recipe *r,
                                  struct mc_ingredient *ing)
{
    struct mc_food *food = NULL;
    /* The book's own recipe outranks the alias table: "Бауырсақ" is the
     * book's card when it has one, not the generic local food. */
    int aliases = mc_recipe_book_find(L->book, ing->food) == NULL;
    mc_code rc = mc_recipe_find_food_at(L->db, ing->food, L->path, ing->line,
                                        L->col[C_FOOD] + 1, aliases, &food,
                                        &ing->matched_by_name, L->err);
    if (rc == MC_ERR_INPUT) {
        rc = MC_OK; /* an ambiguous name, recorded */
    } else if (rc == MC_OK) {
        if (!(ing->food_id = strdup(food->id)) ||
            !(ing->food_name = strdup(food->name))) {
            rc = mc_err_set(L->err, MC_ERR_NOMEM, "out of memory");
            goto done;
        }
        ing->refuse_pct = food->refuse_pct;
        ing->per100 = food->per100;
        quantities(L, ing, food);
        tiny_weight(L, r, ing, food);
    } else if (rc == MC_ERR_NOT_FOUND) {
        rc = MC_OK;
        ing->matched_by_name = 0;
        ing->sub = mc_recipe_book_find(L->book, ing->food);
        if (ing->sub) {
            if (!(ing->food_name = strdup(ing->sub->name))) {
                rc = mc_err_set(L->err, MC_ERR_NOMEM, "out of memory");
                goto done;
            }
            quantities(L, ing, NULL);
        } else {
            char hint[1024];
            mc_recipe_suggest(L->book, L->db, ing->food, hint, sizeof hint);
            mc_err_at(L->err, MC_ERR_INPUT, L->path, ing->line,
                      L->col[C_FOOD] + 1,
                      N_("unknown food '%s': not a food id, food name or recipe "
                         "of this book%s"), ing->food, hint);
        }
    }
done:
    mc_food_free(food);
    return rc;
}

static mc_code resolve(struct loader *L)
{
    struct mc_recipe_book *b = L->book;
    for (size_t i = 0; i < b->n && !mc_err_full(L->err); i++) {
        struct mc_recipe *r = &b->recipes[i];
        int before = L->err->count;
        for (size_t k = 0; k < r->n_ingredients && !mc_err_full(L->err); k++) {
            mc_code rc = resolve_ingredient(L, r, &r->ingredients[k]);
            if (rc)
                return rc;
        }
        if (r->n_ingredients == 0)
            mc_err_at(L->err, MC_ERR_INPUT, L->path, r->line, 0,
                      "recipe '%s' has no ingredients", r->name);
        if (L->err->count > before || !(r->assumed & MC_ASSUMED_YIELD))
            continue;
        double sum = 0.0;
        for (size_t k = 0; k < r->n_ingredients; k++)
            sum += r->ingredients[k].net_g;
        r->yield_g = sum;
        if (sum <= 0.0)
            mc_err_at(L->err, MC_ERR_INPUT, L->path, r->line, 0,
                      "recipe '%s' weighs nothing: its net weights sum to 0 g "
                      "and yield_g is not given", r->name);
    }
    return MC_OK;
}

/* A recipe on the search path and the next of its ingredients to follow. */
struct frame {
    size_t recipe, next;
};

/* Record the cycle that ing closes: the path from recipe j down to here. */
static void report_cycle(struct loader *L, const struct frame *stack,
                         size_t depth, size_t j, const struct mc_ingredient *ing)
{
    const struct mc_recipe *recipes = L->book->recipes;
    char path[1024] = "";
    size_t len = 0, from = depth;
    while (stack[from].recipe != j)
        from--;
    for (size_t s = from; s <= depth && len < sizeof path; s++)
        len += (size_t)snprintf(path + len, sizeof path - len, "'%s' -> ",
                                recipes[stack[s].recipe].name);
    mc_err_at(L->err, MC_ERR_INPUT, L->path, ing->line, L->col[C_FOOD] + 1,
              "recipe cycle: %s'%s'", path, recipes[j].name);
}

/* Depth-first search for sub-recipe cycles from root; post-order gives the
 * order of computation.  The search keeps its own stack (room for every
 * recipe: one is on the path at most once), as a book may chain thousands
 * of sub-recipes, too deep for recursion on the C stack. */
static void visit(struct loader *L, size_t root, struct frame *stack)
{
    const struct mc_recipe *recipes = L->book->recipes;
    size_t depth = 0;
    stack[0] = (struct frame){root, 0};
    L->state[root] = VISIT_OPEN;
    for (;;) {
        struct frame *f = &stack[depth];
        const struct mc_recipe *r = &recipes[f->recipe];
        if (f->next == r->n_ingredients) {
            L->state[f->recipe] = VISIT_DONE;
            L->order[L->n_order++] = f->recipe;
            if (depth == 0)
                return;
            depth--;
            continue;
        }
        const struct mc_ingredient *ing = &r->ingredients[f->next++];
        if (!ing->sub)
            continue;
        size_t j = (size_t)(ing->sub - recipes);
        if (L->state[j] == VISIT_NEW) {
            L->state[j] = VISIT_OPEN;
            stack[++depth] = (struct frame){j, 0};
        } else if (L->state[j] == VISIT_OPEN) {
            report_cycle(L, stack, depth, j, ing);
        }
    }
}

static mc_code order(struct loader *L)
{
    size_t n = L->book->n;
    struct frame *stack = malloc((n ? n : 1) * sizeof *stack);
    L->state = calloc(n ? n : 1, 1);
    L->order = malloc((n ? n : 1) * sizeof *L->order);
    if (!stack || !L->state || !L->order) {
        free(stack);
        return mc_err_set(L->err, MC_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        if (L->state[i] == VISIT_NEW)
            visit(L, i, stack);
    free(stack);
    return MC_OK;
}

/*
 * Warnings on what was typed in card r (limits in recipe.h): a yield far
 * from the sum of the net weights, more energy per gram than fat has.
 */
static void sanity(struct loader *L, const struct mc_recipe *r)
{
    long col = L->col[C_YIELD] + 1;
    double net = 0.0;
    for (size_t k = 0; k < r->n_ingredients; k++)
        net += r->ingredients[k].net_g;
    double ratio = r->yield_g / net;
    if (!(r->assumed & MC_ASSUMED_YIELD) && net > 0.0 &&
        (ratio > MC_YIELD_RATIO_MAX || ratio < 1.0 / MC_YIELD_RATIO_MAX))
        mc_err_warn_at(L->err, L->path, r->line, col,
                       N_("recipe '%s': the yield, %g g, is %.3g times the sum of its "
                          "net weights, %g g (expected 1/%g to %g times): is a weight "
                          "in kg written under a 'g' header, or the reverse?"),
                       r->name, r->yield_g, ratio, net, MC_YIELD_RATIO_MAX,
                       MC_YIELD_RATIO_MAX);
    double kcal = r->total.value[MC_N_ENERGY_KCAL];
    if (r->yield_g > 0.0 && kcal / r->yield_g > MC_KCAL_PER_G_MAX)
        mc_err_warn_at(L->err, L->path, r->line, col,
                       N_("recipe '%s': %.1f kcal per g of the dish (%.0f kcal in "
                          "%g g), more than any food has (fat: %g kcal/g): is the "
                          "yield too small or a weight in the wrong unit?"),
                       r->name, kcal / r->yield_g, kcal, r->yield_g, MC_KCAL_PER_G_MAX);
}

enum mc_total_row mc_total_row_kind(const char *cell)
{
#define WORD(w, k) {w, sizeof w - 1, k}
    static const struct { const char *word; size_t len; enum mc_total_row kind; } words[] = {
        WORD("итого", MC_TOTAL_SUM), WORD("всего", MC_TOTAL_SUM),
        WORD("барлығы", MC_TOTAL_SUM), WORD("жиыны", MC_TOTAL_SUM),
        WORD("total", MC_TOTAL_SUM), WORD("выход", MC_TOTAL_YIELD),
        WORD("шығымы", MC_TOTAL_YIELD), WORD("шығым", MC_TOTAL_YIELD),
        WORD("yield", MC_TOTAL_YIELD),
    };
#undef WORD
    /* Only the first word counts, and none of them is longer than 7
     * letters: a longer word is no total, whatever it folds to (this runs
     * on every row of every menu). */
    char word[64], fold[64];
    size_t w = strcspn(cell, " \t:.,");
    if (w >= 32)
        return MC_TOTAL_NONE;
    memcpy(word, cell, w);
    word[w] = '\0';
    mc_text_fold(word, fold, sizeof fold);
    size_t n = strlen(fold);
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (words[i].len == n && !memcmp(fold, words[i].word, n))
            return words[i].kind;
    return MC_TOTAL_NONE;
}

int mc_total_differs(double declared, double sum)
{
    double d = fabs(declared - sum);
    return d > MC_TOTAL_TOLERANCE_G && d > fabs(sum) * MC_TOTAL_TOLERANCE_PCT / 100.0;
}

mc_code mc_recipe_book_load(const char *path, struct mc_food_db *db,
                            const struct mc_cooking_set *cooking,
                            struct mc_recipe_book **out, struct mc_err *err)
{
    return mc_recipe_book_load_limited(path, NULL, db, cooking, out, err);
}

mc_code mc_recipe_book_load_limited(const char *path,
                                    const struct mc_input_limits *limits,
                                    struct mc_food_db *db,
                                    const struct mc_cooking_set *cooking,
                                    struct mc_recipe_book **out, struct mc_err *err)
{
    const struct mc_input in = {.path = path, .limits = limits};
    return mc_recipe_book_load_input(&in, db, cooking, out, err);
}

mc_code mc_recipe_book_load_input(const struct mc_input *in, struct mc_food_db *db,
                                  const struct mc_cooking_set *cooking,
                                  struct mc_recipe_book **out, struct mc_err *err)
{
    const char *path = mc_input_name(in);
    *out = NULL;
    struct mc_err found = {0};
    struct loader L = {.path = path, .db = db, .cooking = cooking, .err = &found};
    struct mc_csv *csv = NULL;
    mc_code rc;
    if (!(L.book = calloc(1, sizeof *L.book)) || !(L.book->path = strdup(path))) {
        rc = mc_err_set(&found, MC_ERR_NOMEM, "out of memory");
        goto fail;
    }
    if ((rc = mc_csv_open_input(in, &csv, &found)))
        goto fail;
    L.path = mc_csv_path(csv); /* "recipes.xlsx[Техкарты]" for a workbook */
    if ((rc = parse(&L, csv)) || (rc = index_names(&L)) || (rc = resolve(&L)) ||
        (rc = order(&L)))
        goto fail;
    if (found.count) {
        rc = found.code;
        goto fail;
    }
    for (size_t i = 0; i < L.n_order; i++)
        mc_recipe_compute(&L.book->recipes[L.order[i]]);
    for (size_t i = 0; i < L.book->n; i++)
        sanity(&L, &L.book->recipes[i]);
    *out = L.book;
    L.book = NULL;
    rc = MC_OK;
fail:
    mc_err_move_sorted(err, &found, L.path);
    mc_recipe_book_free(L.book);
    mc_csv_close(csv);
    free(L.state);
    free(L.order);
    return rc;
}

void mc_recipe_book_free(struct mc_recipe_book *book)
{
    if (!book)
        return;
    for (size_t i = 0; i < book->n; i++) {
        struct mc_recipe *r = &book->recipes[i];
        for (size_t k = 0; k < r->n_ingredients; k++) {
            free(r->ingredients[k].food);
            free(r->ingredients[k].food_id);
            free(r->ingredients[k].food_name);
            free(r->ingredients[k].unit);
        }
        free(r->ingredients);
        free(r->name);
    }
    free(book->columns);
    free(book->recipes);
    free(book->by_name);
    free(book->by_exact);
    free(book->path);
    free(book);
}

const struct mc_recipe *mc_recipe_book_find(const struct mc_recipe_book *book,
                                            const char *name)
{
    for (size_t h = mc_text_hash(name); book->exact_slots; h++) {
        const struct mc_recipe *r = book->by_exact[h & (book->exact_slots - 1)];
        if (!r)
            break;
        if (!strcmp(r->name, name))
            return r;
    }
    size_t lo = 0, hi = book->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (mc_text_compare_fold(book->by_name[mid]->name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < book->n && mc_text_equal_fold(book->by_name[lo]->name, name)
               ? book->by_name[lo] : NULL;
}

double mc_recipe_portion_g(const struct mc_recipe *r)
{
    return r->yield_g / r->servings;
}

void mc_recipe_per_portion(const struct mc_recipe *r, struct mc_nvec *out)
{
    *out = r->total;
    mc_nvec_scale(out, 1.0 / r->servings);
}

void mc_recipe_per_100g(const struct mc_recipe *r, struct mc_nvec *out)
{
    *out = r->total;
    mc_nvec_scale(out, 100.0 / r->yield_g);
}

double mc_recipe_net_from_gross(double gross_g, double refuse_pct)
{
    return gross_g * (1.0 - refuse_pct / 100.0);
}

void mc_recipe_compute(struct mc_recipe *r)
{
    mc_nvec_zero(&r->total);
    r->cost = 0.0;
    for (size_t k = 0; k < r->n_ingredients; k++) {
        struct mc_ingredient *ing = &r->ingredients[k];
        if (ing->sub)
            mc_recipe_per_100g(ing->sub, &ing->per100);
        /* Bought by the kilogram as purchased, refuse included. */
        ing->cost = ing->sub && isnan(ing->price_kg)
                        ? ing->sub->cost * ing->net_g / ing->sub->yield_g
                        : ing->price_kg *
                              (isnan(ing->gross_g) ? ing->net_g : ing->gross_g) / 1000.0;
        r->cost += ing->cost; /* NAN once one is unknown */
        mc_nvec_zero(&ing->n);
        mc_nvec_add_scaled(&ing->n, &ing->per100, ing->net_g / 100.0);
        mc_cooking_apply(ing->cooking, &ing->n);
        mc_nvec_add_scaled(&r->total, &ing->n, 1.0);
    }
}

/* Most foods an ambiguous alias lists. */
#define MAX_ALIAS_FOODS 8

/* Say how a product name was read when more than its spelling differs
 * from the alias table's: what was set aside, which fat share or grade
 * the table lacks, which name its abbreviated or reordered words stand
 * for. */
static void warn_read_as(struct mc_err *err, const char *path, long line, long col,
                         const char *text, const struct mc_product_match *how,
                         const struct mc_food_hit *food)
{
    char more[512] = "";
    size_t len = 0;
    if (how->set_aside[0])
        len += (size_t)snprintf(more + len, sizeof more - len, _("; set aside: %s"),
                                how->set_aside);
    if (how->fat_unmatched >= 0 && len < sizeof more)
        len += (size_t)snprintf(more + len, sizeof more - len,
                                _("; no food of its own for %g %% fat"),
                                how->fat_unmatched);
    if (how->grade_unmatched && len < sizeof more)
        len += (size_t)snprintf(more + len, sizeof more - len, "%s",
                                _("; no food of its own for the grade"));
    if (how->misspelt && len < sizeof more)
        snprintf(more + len, sizeof more - len, "%s", _("; a misspelling?"));
    mc_err_warn_at(err, path, line, col, "food '%s' read as '%s' (%s %s)%s", text,
                   how->read_as, food->id, food->name, more);
}

mc_code mc_recipe_find_food_at(struct mc_food_db *db, const char *text,
                               const char *path, long line, long col,
                               int aliases, struct mc_food **out, int *by_name,
                               struct mc_err *err)
{
    if (by_name)
        *by_name = 0;
    mc_code rc = mc_food_db_get(db, text, out, err);
    size_t len = strlen(text);
    if (rc == MC_ERR_NOT_FOUND && len > 0 && len < 5 &&
        strspn(text, "0123456789") == len) {
        char padded[8];
        snprintf(padded, sizeof padded, "%05ld", strtol(text, NULL, 10));
        rc = mc_food_db_get(db, padded, out, err);
    }
    if (rc != MC_ERR_NOT_FOUND)
        return rc;
    rc = mc_food_db_find_name(db, text, out, err);
    if (rc != MC_ERR_NOT_FOUND || !aliases) {
        if (rc == MC_OK && by_name)
            *by_name = 1;
        return rc;
    }
    struct mc_food_hit *hits;
    size_t n;
    struct mc_product_match how;
    if ((rc = mc_food_db_find_product(db, text, MAX_ALIAS_FOODS, &hits, &n, &how, err)))
        return rc;
    if (n == 1) {
        rc = mc_food_db_get(db, hits[0].id, out, err);
        if (rc == MC_OK && by_name)
            *by_name = 1;
        if (rc == MC_OK && path && (how.set_aside[0] || how.fat_unmatched >= 0 ||
                                    how.grade_unmatched || how.by_words || how.misspelt))
            warn_read_as(err, path, line, col, text, &how, &hits[0]);
    } else if (n > 1) {
        char list[1024] = "";
        size_t used = 0;
        struct mc_err ignored = {0};
        /* The candidates by the names the user knows them by, if any. */
        mc_food_db_localize_hits(db, hits, n, mc_i18n_lang(), &ignored);
        mc_err_release(&ignored);
        for (size_t i = 0; i < n && used < sizeof list; i++)
            used += (size_t)(hits[i].name_local && *hits[i].name_local
                      ? snprintf(list + used, sizeof list - used, "%s%s %s (%s)",
                                 i ? "; " : "", hits[i].id, hits[i].name_local,
                                 hits[i].name)
                      : snprintf(list + used, sizeof list - used, "%s%s %s",
                                 i ? "; " : "", hits[i].id, hits[i].name));
        rc = path ? mc_err_at(err, MC_ERR_INPUT, path, line, col,
                              "ambiguous food name '%s': the alias table gives "
                              "%s; write the id of the one meant", text, list)
                  : mc_err_set(err, MC_ERR_INPUT, "ambiguous food name '%s': the "
                               "alias table gives %s; write the id of the one "
                               "meant", text, list);
    } else {
        rc = MC_ERR_NOT_FOUND;
    }
    mc_food_hits_free(hits, n);
    return rc;
}

mc_code mc_recipe_find_food(struct mc_food_db *db, const char *text,
                            struct mc_food **out, int *by_name,
                            struct mc_err *err)
{
    return mc_recipe_find_food_at(db, text, NULL, 0, 0, 1, out, by_name, err);
}

#define N_RECIPE_HINTS 3

void mc_recipe_suggest(const struct mc_recipe_book *book, struct mc_food_db *db,
                       const char *text, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    /* Recipes near the text by edit distance, whose name holds it, or
     * that it holds ("Каша рисовая" for "Каша рисовая молочная"), nearest
     * first. */
    const struct mc_recipe *hint[N_RECIPE_HINTS];
    size_t dist[N_RECIPE_HINTS], n_hint = 0;
    char want[512], name[512];
    mc_text_fold(text, want, sizeof want);
    /* Lengths and distances in characters, whatever their bytes: one edit
     * in three letters, at least two ("Котлеты куриные": котлеты рыбные). */
    size_t lw = mc_text_chars(want), close = lw / 3 > 2 ? lw / 3 : 2;
    for (size_t i = 0; book && i < book->n; i++) {
        mc_text_fold(book->recipes[i].name, name, sizeof name);
        size_t ln = mc_text_chars(name);
        int holds = (lw >= 4 && strstr(name, want)) || (ln >= 4 && strstr(want, name));
        /* The distance is at least the difference in length: when that
         * alone rules a name out, skip computing it (its cost is the
         * product of the lengths, and a book may hold thousands). */
        if (!holds && (ln > lw + close || lw > ln + close))
            continue;
        size_t d = mc_text_distance(want, name);
        if (d > close && !holds)
            continue;
        /* Insertion into the sorted list; the farthest falls off the end. */
        size_t k = n_hint < N_RECIPE_HINTS ? n_hint++ : N_RECIPE_HINTS;
        for (; k > 0 && dist[k - 1] > d; k--)
            if (k < N_RECIPE_HINTS) {
                hint[k] = hint[k - 1];
                dist[k] = dist[k - 1];
            }
        if (k < N_RECIPE_HINTS) {
            hint[k] = &book->recipes[i];
            dist[k] = d;
        }
    }
    for (size_t k = 0; k < n_hint && len < size; k++)
        len += (size_t)snprintf(buf + len, size - len, "%s'%s' %s",
                                k ? "; " : _("; did you mean "), hint[k]->name,
                                _("(recipe)"));
    struct mc_food_hit *hits = NULL;
    size_t n = 0;
    struct mc_err ignored = {0};
    /* A hint is a courtesy: a failed search just gives no hint. */
    if (db && mc_food_db_search(db, text, 3, &hits, &n, &ignored) == MC_OK)
        for (size_t i = 0; i < n && len < size; i++)
            len += (size_t)(hits[i].alias  /* the Russian or Kazakh name first */
                      ? snprintf(buf + len, size - len, "%s'%s' (%s %s)",
                                 len ? "; " : _("; did you mean "), hits[i].alias,
                                 hits[i].id, hits[i].name)
                      : snprintf(buf + len, size - len, "%s%s %s",
                                 len ? "; " : _("; did you mean "), hits[i].id,
                                 hits[i].name));
    mc_food_hits_free(hits, n);
    mc_err_release(&ignored);
    if (len && len < size)
        snprintf(buf + len, size - len, "?");
    else if (!len && db)
        snprintf(buf, size, "%s", _("; name the food as tech cards do (in Russian or "
                                    "Kazakh) or by SR28's English name: find it with "
                                    "'mealcheck foods search WORDS'"));
}
