/*
 * test_unit.c - units and quantities as caterers write them (unit.h).
 *
 * Measures below are SR28's (WEIGHT.txt): milk 01077 1 cup = 244 g,
 * 1 fl oz = 30.5 g, 1 tbsp = 15 g, 1 quart = 976 g; oats 08120 1 cup = 81 g
 * and 0.333 cup = 27 g; barbecue sauce 06150 0.5 cup = 143 g and 1 cup =
 * 279 g; egg 01123 large 50 g, medium 44 g.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "mealcheck/unit.h"

#define CUP 236.5882365
#define TBSP 14.78676478125
#define TSP 4.92892159375

static const struct mc_measure milk[] = {
    {1, (char *)"cup", 244}, {1, (char *)"fl oz", 30.5},
    {1, (char *)"tbsp", 15}, {1, (char *)"quart", 976}};
static const struct mc_measure oats[] = {
    {1, (char *)"cup", 81}, {0.333, (char *)"cup", 27}};
static const struct mc_measure bbq[] = {
    {0.5, (char *)"cup", 143}, {1, (char *)"cup", 279}};
static const struct mc_measure egg[] = {
    {1, (char *)"large", 50}, {1, (char *)"medium", 44}};

static double grams(const char *unit, const struct mc_measure *m, size_t n)
{
    struct mc_unit_grams w;
    cr_assert_eq(mc_unit_grams(unit, m, n, &w), MC_UNIT_OK, "unit %s", unit);
    return w.grams;
}

Test(unit, spellings)
{
    const char *tbsp[] = {"ст. л.", "ст.л.", "Ст Л", "СТ.Л", "столовая ложка",
                          "ас қасық", "АС ҚАСЫҚ"};
    for (size_t i = 0; i < sizeof tbsp / sizeof *tbsp; i++) {
        const struct mc_unit *u = mc_unit_find(tbsp[i]);
        cr_assert(u, "%s", tbsp[i]);
        cr_expect_str_eq(u->name, "ст. л.");
    }
    cr_expect_str_eq(mc_unit_find("гр")->name, "g");
    cr_expect_str_eq(mc_unit_find("Г")->name, "g");
    cr_expect_str_eq(mc_unit_find("КГ")->name, "kg");
    cr_expect_str_eq(mc_unit_find("шай қасық")->name, "ч. л.");
    cr_expect_str_eq(mc_unit_find("стақан")->name, "стакан");
    cr_expect_str_eq(mc_unit_find("дана")->name, "шт");
    cr_expect_str_eq(mc_unit_find("fl. oz")->name, "fl oz");
    cr_expect_str_eq(mc_unit_find("Tbsp")->name, "tbsp");
    cr_expect_null(mc_unit_find("щепотка"));
    cr_expect_null(mc_unit_find(""));
    cr_expect_null(mc_unit_find("ст"));
}

/* US customary volumes from the gallon of 231 cubic inches; the mass
 * units from the pound of 453.59237 g; the Russian spoons metric. */
Test(unit, factors)
{
    cr_expect_float_eq(mc_unit_find("gal")->factor, 3785.411784, 1e-12);
    cr_expect_float_eq(mc_unit_find("qt")->factor, 946.352946, 1e-12);
    cr_expect_float_eq(mc_unit_find("pt")->factor, 473.176473, 1e-12);
    cr_expect_float_eq(mc_unit_find("cup")->factor, CUP, 1e-12);
    cr_expect_float_eq(mc_unit_find("fl oz")->factor, 29.5735295625, 1e-12);
    cr_expect_float_eq(mc_unit_find("tbsp")->factor, TBSP, 1e-12);
    cr_expect_float_eq(mc_unit_find("tsp")->factor, TSP, 1e-12);
    cr_expect_float_eq(mc_unit_find("tbsp")->factor, 3 * mc_unit_find("tsp")->factor, 1e-12);
    cr_expect_float_eq(mc_unit_find("cup")->factor, 16 * mc_unit_find("tbsp")->factor, 1e-12);
    cr_expect_float_eq(mc_unit_find("lb")->factor, 453.59237, 1e-12);
    cr_expect_float_eq(mc_unit_find("oz")->factor, 28.349523125, 1e-12);
    cr_expect_eq(mc_unit_find("ч. л.")->factor, 5.0);
    cr_expect_eq(mc_unit_find("ст. л.")->factor, 15.0);
    cr_expect_eq(mc_unit_find("стакан")->factor, 200.0);
    cr_expect_eq(mc_unit_find("мг")->factor, 0.001);
    cr_expect_eq(mc_unit_find("л")->factor, 1000.0);
}

Test(unit, quantities)
{
    static const struct { const char *text; double v; } ok[] = {
        {"2", 2}, {"1,5", 1.5}, {" 0.25 ", 0.25}, {"1/2", 0.5}, {"3/4", 0.75},
        {"1 1/2", 1.5}, {"2 / 3", 2.0 / 3.0}, {"½", 0.5}, {"¼", 0.25},
        {"¾", 0.75}, {"1½", 1.5}, {"1 ¾", 1.75}, {"⅓", 1.0 / 3.0},
        {"1 000", 1000}, {"0", 0}};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        double v = -1;
        cr_expect(mc_unit_parse_qty(ok[i].text, &v), "'%s'", ok[i].text);
        cr_expect_float_eq(v, ok[i].v, 1e-12, "'%s' = %g", ok[i].text, v);
    }
    const char *bad[] = {"", "-1", "1/0", "1/2x", "a", "1.5/2", "x½", "1-1/2",
                         "1/2/3", "-½", "1,5 1/2", "12 5"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        double v = 0;
        cr_expect_not(mc_unit_parse_qty(bad[i], &v), "'%s' read as %g", bad[i], v);
    }
}

Test(unit, mass_units_need_no_measure)
{
    cr_expect_eq(grams("кг", NULL, 0), 1000.0);
    cr_expect_eq(grams("g", NULL, 0), 1.0);
    cr_expect_float_eq(grams("lb", NULL, 0), 453.59237, 1e-12);
}

/* A measure of the food by name comes first; a volume unit takes the
 * density of the measure of its own size (tbsp for ст. л., cup for
 * стакан), else of the largest volume (milk: the quart, 976 g). */
Test(unit, volumes_by_density)
{
    cr_expect_eq(grams("cup", milk, 4), 244.0);
    cr_expect_eq(grams("CUP", milk, 4), 244.0);
    cr_expect_eq(grams("tbsp", milk, 4), 15.0);
    cr_expect_float_eq(grams("ст. л.", milk, 4), 15.0 * 15.0 / TBSP, 1e-12);
    cr_expect_float_eq(grams("стакан", milk, 4), 200.0 * 244.0 / CUP, 1e-12);
    cr_expect_float_eq(grams("мл", milk, 4), 976.0 / (4 * CUP), 1e-12);
    cr_expect_float_eq(grams("л", milk, 4), 1000.0 * 976.0 / (4 * CUP), 1e-9);
    cr_expect_float_eq(grams("gal", milk, 4), 4 * 976.0, 1e-9);
    cr_expect_float_eq(grams("tsp", milk, 4), TSP * 976.0 / (4 * CUP), 1e-12);
    cr_expect_float_eq(grams("ч. л.", oats, 2), 5.0 * 81.0 / CUP, 1e-12);
}

/* Oats: 0.333 cup = 27 g is 81.08 g per cup, SR28's rounding of 1 cup =
 * 81 g (0.1 % apart): the row of the larger amount is used.  Barbecue
 * sauce: 286 g and 279 g per cup, 2.5 % apart: ambiguous. */
Test(unit, rounding_is_not_ambiguity)
{
    cr_expect_eq(grams("cup", oats, 2), 81.0);
    struct mc_unit_grams w;
    cr_expect_eq(mc_unit_grams("cup", bbq, 2, &w), MC_UNIT_AMBIGUOUS);
    cr_expect_eq(w.measure, &bbq[1]);
    cr_expect_eq(w.other, &bbq[0]);
    cr_expect_eq(mc_unit_grams("стакан", bbq, 2, &w), MC_UNIT_AMBIGUOUS);
}

Test(unit, pieces_and_what_is_missing)
{
    cr_expect_eq(grams("шт", egg, 2), 44.0);
    cr_expect_eq(grams("дана", egg, 2), 44.0);
    cr_expect_eq(grams("large", egg, 2), 50.0);
    struct mc_unit_grams w;
    cr_expect_eq(mc_unit_grams("шт", milk, 4, &w), MC_UNIT_NO_MEASURE);
    cr_expect_eq(mc_unit_grams("мл", egg, 2, &w), MC_UNIT_NO_MEASURE);
    cr_expect_eq(mc_unit_grams("мл", NULL, 0, &w), MC_UNIT_NO_MEASURE);
    cr_expect_eq(mc_unit_grams("glass", milk, 4, &w), MC_UNIT_UNKNOWN);
}
