/* test_text.c - case folding of Russian and Kazakh names. */
#include <criterion/criterion.h>

#include "mealcheck/text.h"

Test(text, fold_russian_kazakh_and_ascii)
{
    char out[64];
    mc_text_fold("ПЛОВ Ёжик ІҢҚӘҒӨҰҮҺ Tea", out, sizeof out);
    cr_expect_str_eq(out, "плов ёжик іңқәғөұүһ tea");
    mc_text_fold("Плов", out, 5);
    cr_expect_str_eq(out, "пл", "cut at a whole character that fits");
}

Test(text, equal_fold)
{
    cr_expect(mc_text_equal_fold("плов", "ПЛОВ"));
    cr_expect(mc_text_equal_fold("Каша «Геркулес»", "каша «геркулес»"));
    cr_expect(mc_text_equal_fold("ДҮЙСЕНБІ", "дүйсенбі"));
    cr_expect(!mc_text_equal_fold("плов", "плов "), "lengths differ");
    cr_expect(!mc_text_equal_fold("пшено", "пшёно"), "е is not ё");
    cr_expect(!mc_text_equal_fold("Салат", "Салаты"));
}

/* The order behind the recipe index: equal exactly when equal_fold is,
 * otherwise as the folded bytes compare, a shorter prefix first. */
Test(text, compare_fold_orders_folded_text)
{
    cr_expect_eq(mc_text_compare_fold("ҚЫМЫЗ Сусын", "қымыз СУСЫН"), 0);
    cr_expect_lt(mc_text_compare_fold("Каша", "каша рисовая"), 0);
    cr_expect_gt(mc_text_compare_fold("каша рисовая", "КАША"), 0);
    cr_expect_lt(mc_text_compare_fold("Apple", "banana"), 0);
    cr_expect_lt(mc_text_compare_fold("Zebra", "ая"), 0, "ASCII before Cyrillic");
    cr_expect_gt(mc_text_compare_fold("б", "А"), 0);
    cr_expect_eq(mc_text_compare_fold("", ""), 0);
}

/* FNV-1a, 64 bits: its published values for "" and "a". */
Test(text, hash)
{
    if (sizeof(size_t) == 8) {
        cr_expect_eq(mc_text_hash(""), (size_t)0xcbf29ce484222325u);
        cr_expect_eq(mc_text_hash("a"), (size_t)0xaf63dc4c8601ec8cu);
    }
    cr_expect_neq(mc_text_hash("Плов"), mc_text_hash("плов"), "bytes as written");
}
