/* test_text.c - case folding of names in English, Russian and Kazakh. */
#include <criterion/criterion.h>

#include "mealcheck/text.h"

Test(text, fold)
{
    char out[64];
    mc_text_fold("Плов ҚЫМЫЗ Ёлка ІӘҒҢӨҰҮҺ Lunch", out, sizeof out);
    cr_expect_str_eq(out, "плов қымыз ёлка іәғңөұүһ lunch");
    /* Cut to fit, never in the middle of a letter: 5 bytes hold "пл". */
    mc_text_fold("ПЛОВ", out, 6);
    cr_expect_str_eq(out, "пл");
}

Test(text, casecmp)
{
    cr_expect_eq(mc_text_casecmp("Плов", "пЛОВ"), 0);
    cr_expect_eq(mc_text_casecmp("Түскі ас", "ТҮСКІ АС"), 0);
    cr_expect_eq(mc_text_casecmp("Salad", "SALAD"), 0);
    cr_expect_lt(mc_text_casecmp("плов", "плова"), 0);
    cr_expect_gt(mc_text_casecmp("Плова", "плов"), 0);
    cr_expect_neq(mc_text_casecmp("Ә", "ә "), 0);
    cr_expect_eq(mc_text_casecmp("", ""), 0);
}
