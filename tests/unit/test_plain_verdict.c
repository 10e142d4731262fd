/*
 * test_plain_verdict.c - a checked day or week told in plain words, from a
 * hand-built check result: one lunch a day for two days, a 7-10 group,
 * daily energy norm 2100-2500 kcal (middle 2300):
 *
 *            energy  calcium  vitamin D  sodium
 *   day 1      713     low       low      high     713 / 2300 = 31.0 %
 *   day 2      920     ok        ok       ok       920 / 2300 = 40.0 %
 *   average  816.5     low       ok       ok     816.5 / 2300 = 35.5 %
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "mealcheck/i18n.h"
#include "mealcheck/plain_verdict.h"

#define LOCALEDIR "build/locale"

struct fixture {
    struct mc_menu menu;
    struct mc_meal meals[2];
    struct mc_day days[2];
    char *meal_names[1];
    struct mc_norm_group group;
    struct mc_check_sub sub;
    struct mc_norm_row energy_lo, energy_hi;
    struct mc_check_item items[4];
    struct mc_check_value values[4][2];
    struct mc_check_result r;
};

static struct fixture fx;

static void item(size_t i, enum mc_nutrient n, enum mc_status d1, enum mc_status d2,
                 enum mc_status avg)
{
    struct mc_check_item *it = &fx.items[i];
    it->nutrient = n;
    it->days = fx.values[i];
    it->days[0] = (struct mc_check_value){.value = 1, .coverage = 1, .status = d1};
    it->days[1] = (struct mc_check_value){.value = 1, .coverage = 1, .status = d2};
    it->avg = (struct mc_check_value){.value = 1, .coverage = 1, .status = avg};
}

static void build(enum mc_outcome outcome)
{
    memset(&fx, 0, sizeof fx);
    fx.meal_names[0] = (char *)"lunch";
    for (int d = 0; d < 2; d++) {
        fx.meals[d] = (struct mc_meal){.week = 1, .day = d + 1, .meal = "lunch",
                                       .first = 0, .count = 1};
        fx.days[d] = (struct mc_day){.week = 1, .day = d + 1, .first = (size_t)d, .count = 1};
    }
    fx.menu = (struct mc_menu){.meals = fx.meals, .n_meals = 2, .days = fx.days,
                               .n_days = 2, .meal_names = fx.meal_names, .n_meal_names = 1};
    fx.group = (struct mc_norm_group){.id = (char *)"g7_10", .age_min = 7, .age_max = 10};
    fx.sub.group = &fx.group;
    fx.energy_lo = (struct mc_norm_row){.nutrient = MC_N_ENERGY_KCAL, .value = 2100};
    fx.energy_hi = (struct mc_norm_row){.nutrient = MC_N_ENERGY_KCAL, .value = 2500};
    item(0, MC_N_ENERGY_KCAL, MC_STATUS_OK, MC_STATUS_OK, MC_STATUS_OK);
    fx.items[0].lo_row = &fx.energy_lo;
    fx.items[0].hi_row = &fx.energy_hi;
    fx.values[0][0].value = 713;
    fx.values[0][1].value = 920;
    fx.items[0].avg.value = 816.5;
    item(1, MC_N_CALCIUM_MG, MC_STATUS_LOW, MC_STATUS_OK, MC_STATUS_LOW);
    item(2, MC_N_VIT_D_UG, MC_STATUS_LOW, MC_STATUS_OK, MC_STATUS_OK);
    item(3, MC_N_SODIUM_MG, MC_STATUS_HIGH, MC_STATUS_OK, MC_STATUS_OK);
    fx.r = (struct mc_check_result){.subs = &fx.sub, .n_subs = 1, .items = fx.items,
                                    .n_items = 4, .outcome = outcome};
}

static const char *say(long day, enum mc_plain_when when)
{
    static char buf[512];
    struct mc_plain_verdict v;
    mc_plain_verdict_of(&fx.r, &fx.menu, day, &v);
    return mc_plain_verdict_text(&v, when, buf, sizeof buf);
}

Test(plain_verdict, day_with_low_and_high)
{
    build(MC_OUTCOME_FAILS);
    struct mc_plain_verdict v;
    mc_plain_verdict_of(&fx.r, &fx.menu, 0, &v);
    cr_expect_float_eq(v.energy_pct, 31.0, 0.05, "713 / 2300");
    cr_expect_eq(v.n_low, 2);
    cr_expect_eq(v.n_high, 1);
    cr_expect_eq(v.age_min, 7);
    cr_expect_eq(v.age_max, 10);
    cr_expect_str_eq(say(0, MC_PLAIN_TODAY),
                     "Lunch today: a 7-10-year-old gets 31 % of the day's energy; "
                     "low in calcium, vitamin D; too much sodium.");
    cr_expect_str_eq(say(-1, MC_PLAIN_WEEK),
                     "Lunch this week, on average: a 7-10-year-old gets 36 % of the "
                     "day's energy; low in calcium.", "816.5 / 2300 = 35.5 -> 36");
    cr_expect_str_eq(say(0, MC_PLAIN_MEAL),
                     "Lunch: a 7-10-year-old gets 31 % of the day's energy; "
                     "low in calcium, vitamin D; too much sodium.");
}

/* Nothing low or high on day 2: "balanced" only when the check complies. */
Test(plain_verdict, balanced_only_when_it_complies)
{
    build(MC_OUTCOME_COMPLIES);
    cr_expect_str_eq(say(1, MC_PLAIN_DAY),
                     "Lunch, Tuesday: a 7-10-year-old gets 40 % of the day's energy; "
                     "balanced.");
    build(MC_OUTCOME_ADVISORY);
    cr_expect_str_eq(say(1, MC_PLAIN_DAY),
                     "Lunch, Tuesday: a 7-10-year-old gets 40 % of the day's energy; "
                     "the menu complies with the verified norms, but advisory "
                     "(unverified) norms are not met.");
    build(MC_OUTCOME_COMPLIES);
    fx.values[1][1].status = MC_STATUS_INSUFFICIENT;
    cr_expect_str_eq(say(1, MC_PLAIN_TODAY),
                     "Lunch today: a 7-10-year-old gets 40 % of the day's energy; "
                     "balanced.", "insufficient data is neither low nor high");
}

Test(plain_verdict, unknown_energy_and_several_meals)
{
    build(MC_OUTCOME_FAILS);
    fx.items[0].lo_row = fx.items[0].hi_row = NULL;
    fx.days[0].count = 2;
    fx.menu.n_meal_names = 2;
    cr_expect_str_eq(say(0, MC_PLAIN_TODAY),
                     "The meals today; low in calcium, vitamin D; too much sodium.");
    fx.items[3].days[0].status = MC_STATUS_OK;
    fx.items[1].days[0].status = MC_STATUS_OK;
    fx.items[2].days[0].status = MC_STATUS_OK;
    cr_expect_str_eq(say(0, MC_PLAIN_TODAY), "The meals today; the menu does NOT comply.");
}

Test(plain_verdict, russian_and_kazakh)
{
    struct mc_err err = {0};
    build(MC_OUTCOME_FAILS);
    cr_assert_eq(mc_i18n_set("ru", LOCALEDIR, &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_str_eq(say(0, MC_PLAIN_TODAY),
                     "Обед сегодня: ребёнок 7–10 лет получает 31 % дневной нормы энергии; "
                     "мало: кальций, витамин D; слишком много: натрий.");
    cr_assert_eq(mc_i18n_set("kk", LOCALEDIR, &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_str_eq(say(0, MC_PLAIN_TODAY),
                     "Түскі ас бүгін: 7–10 жастағы бала күндік энергия нормасының 31 %-ын "
                     "алады; аз: кальций, D дәрумені; тым көп: натрий.");
    mc_i18n_set("en", LOCALEDIR, &err);
}
