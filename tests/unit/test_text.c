/* test_text.c - NFC, case folding, distances and UTF-8 checks of names. */
#include <criterion/criterion.h>

#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "mealcheck/text.h"

Test(text, fold_russian_kazakh_and_ascii)
{
    char out[64];
    mc_text_fold("ПЛОВ Ёжик ІҢҚӘҒӨҰҮҺ Tea", out, sizeof out);
    cr_expect_str_eq(out, "плов ежик іңқәғөұүһ tea", "ё is written as е");
    mc_text_fold("Плов", out, 5);
    cr_expect_str_eq(out, "пл", "cut at a whole character that fits");
}

Test(text, equal_fold)
{
    cr_expect(mc_text_equal_fold("плов", "ПЛОВ"));
    cr_expect(mc_text_equal_fold("Каша «Геркулес»", "каша «геркулес»"));
    cr_expect(mc_text_equal_fold("ДҮЙСЕНБІ", "дүйсенбі"));
    cr_expect(!mc_text_equal_fold("плов", "плов "), "lengths differ");
    cr_expect(mc_text_equal_fold("пшенная", "ПШЁННАЯ"), "ё is е");
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

/* "е" + U+0308 COMBINING DIAERESIS is ё once composed (NFC), hence е. */
Test(text, decomposed_letters_compose)
{
    char out[64];
    mc_text_fold("Пше\xCC\x88нная", out, sizeof out);
    cr_expect_str_eq(out, "пшенная");
    cr_expect(mc_text_equal_fold("Каша пше\xCC\x88нная", "каша пшённая"));
    cr_expect(mc_text_equal_fold("Cafe\xCC\x81", "CAF\xC3\x89"), "é composed");
    cr_expect(!mc_text_equal_fold("Й", "и"), "й is its own letter");
}

/* Unicode folds every script, not a table of two alphabets. */
Test(text, fold_other_scripts)
{
    char out[64];
    mc_text_fold("ΣΟΦΙΑ Straße ÇA", out, sizeof out);
    cr_expect_str_eq(out, "σοφια strasse ça");
}

Test(text, fold_cuts_at_a_whole_character)
{
    char out[6];
    mc_text_fold("ЁЖИК", out, sizeof out);
    cr_expect_str_eq(out, "еж", "5 bytes hold two letters of two bytes");
}

Test(text, invalid_utf8_folds_ascii_only)
{
    char out[16];
    mc_text_fold("AB\xC0z", out, sizeof out);
    cr_expect_str_eq(out, "ab\xC0z");
}

/* Distances count characters: a Cyrillic letter is one edit, as a Latin
 * one, and so is a swap of two neighbours. */
Test(text, distance_in_characters)
{
    cr_expect_eq(mc_text_distance("картофль", "картофель"), 1);
    cr_expect_eq(mc_text_distance("марковь", "морковь"), 1);
    cr_expect_eq(mc_text_distance("buckwhet", "buckwheat"), 1);
    cr_expect_eq(mc_text_distance("dya", "day"), 1, "a swap is one edit");
    cr_expect_eq(mc_text_distance("кратофель", "картофель"), 1);
    cr_expect_eq(mc_text_distance("", "қымыз"), 5);
    cr_expect_eq(mc_text_distance("сахар", "сахар"), 0);
    cr_expect_eq(mc_text_distance("abc", "xyz"), 3);
    cr_expect_eq(mc_text_chars("қымыз tea"), 9);
}

/* Longer than the stack rows: the heap path gives the same answers. */
Test(text, distance_of_long_names)
{
    char a[400] = "", b[400] = "";
    for (int i = 0; i < 90; i++)
        strcat(a, "ж");
    strcpy(b, a);
    b[0] = '\0';
    strcat(b, "ш");
    strcat(b, a + 2);
    cr_expect_eq(mc_text_distance(a, b), 1);
    strcat(b, "xy");
    cr_expect_eq(mc_text_distance(a, b), 3);
}

Test(text, utf8_check)
{
    const char ok[] = "Қымыз, milk";
    cr_expect_eq(mc_text_utf8_check(ok, strlen(ok)), strlen(ok));
    cr_expect_eq(mc_text_utf8_check("ab\xC0\x80", 4), 2, "overlong NUL");
    cr_expect_eq(mc_text_utf8_check("a\xED\xA0\x80", 4), 1, "a surrogate");
    cr_expect_eq(mc_text_utf8_check("ab\xD0", 3), 2, "cut in the middle");
    cr_expect_eq(mc_text_utf8_check("\xF4\x90\x80\x80", 4), 0, "past U+10FFFF");
}

/* A name heads a line of a form with a capital, in any script. */
Test(text, capitalize)
{
    char out[64];
    mc_text_capitalize("мука пшеничная", out, sizeof out);
    cr_expect_str_eq(out, "Мука пшеничная");
    mc_text_capitalize("ұн", out, sizeof out);
    cr_expect_str_eq(out, "Ұн");
    mc_text_capitalize("ёжевика", out, sizeof out);
    cr_expect_str_eq(out, "Ёжевика");
    mc_text_capitalize("milk", out, sizeof out);
    cr_expect_str_eq(out, "Milk");
    mc_text_capitalize("", out, sizeof out);
    cr_expect_str_eq(out, "");
    mc_text_capitalize("\xD0", out, sizeof out);
    cr_expect_str_eq(out, "\xD0", "not UTF-8: as it is");
    mc_text_capitalize("мука", out, 3);
    cr_expect_str_eq(out, "М", "cut to fit");
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

/* The Russian alphabet and ASCII fold by a byte rule (text.c's fast path):
 * every letter of it, alone and in a word, folds as libunistring folds it
 * (full case folding, NFC), ё and Ё then written е. */
Test(text, russian_fast_path_folds_as_unicode)
{
    unsigned cps[66 + 95];
    size_t n = 0;
    cps[n++] = 0x401;
    cps[n++] = 0x451;
    for (unsigned c = 0x410; c <= 0x44F; c++)
        cps[n++] = c;
    for (unsigned c = 0x20; c < 0x7F; c++)
        cps[n++] = c;
    for (size_t i = 0; i < n; i++) {
        uint8_t in[16], want[64];
        int k = u8_uctomb(in, cps[i], 4);
        cr_assert_gt(k, 0);
        memcpy(in + k, "\xD0\x96z", 4); /* Жz after it, NUL included */
        size_t wl = sizeof want - 1;
        uint8_t *w = u8_casefold(in, strlen((char *)in), NULL, UNINORM_NFC, want, &wl);
        cr_assert(w == want);
        want[wl] = '\0';
        char *yo;
        while ((yo = strstr((char *)want, "\xD1\x91")))
            memcpy(yo, "\xD0\xB5", 2);
        char out[64];
        mc_text_fold((const char *)in, out, sizeof out);
        cr_expect_str_eq(out, (char *)want, "U+%04X", cps[i]);
    }
}
