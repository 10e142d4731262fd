/*
 * test_i18n.c - choosing the language and translating through the
 * catalogues make compiles into build/locale (tests run from the root).
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>

#include "mealcheck/check.h"
#include "mealcheck/i18n.h"
#include "mealcheck/menu.h"
#include "mealcheck/nutrient.h"
#include "mealcheck/standard.h"

#define LOCALEDIR "build/locale"

Test(i18n, language_codes)
{
    cr_expect_str_eq(mc_lang_code("ru"), "ru");
    cr_expect_str_eq(mc_lang_code("KK"), "kk");
    cr_expect_str_eq(mc_lang_code("ru_RU.UTF-8"), "ru");
    cr_expect_str_eq(mc_lang_code("kk_KZ"), "kk");
    cr_expect_str_eq(mc_lang_code("en_GB.UTF-8"), "en");
    cr_expect_null(mc_lang_code("C.UTF-8"));
    cr_expect_null(mc_lang_code("rus"));
    cr_expect_null(mc_lang_code(""));
}

Test(i18n, language_from_the_environment)
{
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
    cr_expect_str_eq(mc_lang_from_env(), "en");
    setenv("LANG", "kk_KZ.UTF-8", 1);
    cr_expect_str_eq(mc_lang_from_env(), "kk");
    setenv("LC_MESSAGES", "ru_RU.UTF-8", 1);
    cr_expect_str_eq(mc_lang_from_env(), "ru");
    setenv("LC_ALL", "", 1); /* empty is unset */
    cr_expect_str_eq(mc_lang_from_env(), "ru");
    setenv("LC_ALL", "POSIX", 1);
    cr_expect_str_eq(mc_lang_from_env(), "en");
}

/* One process may switch back and forth (gettext caches lookups). */
Test(i18n, switching_languages)
{
    struct mc_err err = {0};
    cr_expect_str_eq(mc_i18n_lang(), "en");
    cr_expect_str_eq(mc_nutrient_name(MC_N_PROTEIN_G), "Protein");
    cr_assert_eq(mc_i18n_set("ru", LOCALEDIR, &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_str_eq(mc_i18n_lang(), "ru");
    cr_expect_str_eq(mc_nutrient_name(MC_N_PROTEIN_G), "Белки");
    cr_expect_str_eq(mc_nutrient_name(MC_N_ENERGY_KCAL), "Энергетическая ценность");
    cr_expect_str_eq(mc_nutrient_unit(MC_N_SELENIUM_UG), "мкг");
    cr_expect_str_eq(mc_status_name(MC_STATUS_LOW), "ниже нормы");
    cr_expect_str_eq(mc_verdict_name(MC_VERDICT_INSUFFICIENT), "недостаточно данных");
    cr_expect_str_eq(mc_ngettext("%zu day", "%zu days", 3), "%zu дня");
    cr_expect_str_eq(mc_ngettext("%zu day", "%zu days", 11), "%zu дней");
    cr_expect_str_eq(mc_ngettext("%zu day", "%zu days", 21), "%zu день");
    cr_assert_eq(mc_i18n_set("kk", LOCALEDIR, &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_str_eq(mc_nutrient_name(MC_N_PROTEIN_G), "Ақуыз");
    cr_expect_str_eq(mc_nutrient_name(MC_N_CARB_G), "Көмірсулар");
    cr_expect_str_eq(mc_ngettext("%zu day", "%zu days", 3), "%zu күн");
    cr_assert_eq(mc_i18n_set("en", LOCALEDIR, &err), MC_OK);
    cr_expect_str_eq(mc_nutrient_name(MC_N_PROTEIN_G), "Protein");
    cr_expect_str_eq(mc_nutrient_unit(MC_N_SELENIUM_UG), "ug");
    cr_expect_str_eq(mc_status_name(MC_STATUS_LOW), "low");
    mc_err_release(&err);
}

Test(i18n, errors_leave_english)
{
    struct mc_err err = {0};
    cr_expect_eq(mc_i18n_set("fr", LOCALEDIR, &err), MC_ERR_NOT_FOUND);
    cr_expect_str_eq(mc_err_text(&err), "unknown language 'fr'; expected ru, kk or en\n");
    mc_err_release(&err);
    cr_expect_eq(mc_i18n_set("ru", "tests/data", &err), MC_ERR_NOT_FOUND);
    cr_expect_str_eq(mc_err_text(&err), "tests/data/ru/LC_MESSAGES/mealcheck.mo: no message "
                               "catalogue for 'ru' (run make, or set MEALCHECK_HOME to "
                               "the mealcheck folder)\n");
    cr_expect_str_eq(mc_i18n_lang(), "en");
    cr_expect_str_eq(mc_nutrient_name(MC_N_FAT_G), "Total fat");
    mc_err_release(&err);
}

/* A library message marked N_() reads in the language in force. */
Test(i18n, library_messages)
{
    struct mc_err err = {0};
    cr_assert_eq(mc_i18n_set("kk", LOCALEDIR, &err), MC_OK);
    mc_err_set(&err, MC_ERR_NOT_FOUND, N_("unknown food '%s'"), "қымыз");
    mc_err_set(&err, MC_ERR_NOMEM, "out of memory");
    mc_err_set(&err, MC_ERR_INPUT, "%s", "not in the catalogue");
    cr_expect_str_eq(mc_err_text(&err), "белгісіз өнім «қымыз»\nжад жеткіліксіз\nnot in the catalogue\n");
    mc_err_release(&err);
    mc_i18n_set("en", LOCALEDIR, &err);
}

/* A norm set's title and notes in the language in force: Russian from
 * #title_ru / #note_ru, Kazakh falling back to the Russian (no #title_kk),
 * English as written. */
Test(i18n, norm_set_title_and_notes)
{
    struct mc_err err = {0};
    struct mc_standard_set *set;
    cr_assert_eq(mc_standard_load_file("tests/data/standards-l10n/daily.csv", &set, &err),
                 MC_OK, "%s", mc_err_text(&err));
    const struct mc_standard *s = &set->items[0];
    cr_expect_str_eq(mc_standard_title(s), "Test daily norms");
    cr_expect_str_eq(mc_standard_notes(s), s->notes);
    cr_assert_eq(mc_i18n_set("ru", LOCALEDIR, &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_str_eq(mc_standard_title(s), "Тестовые суточные нормы");
    cr_expect_str_eq(mc_standard_notes(s), "первое примечание\nвторое примечание");
    cr_assert_eq(mc_i18n_set("kk", LOCALEDIR, &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_str_eq(mc_standard_title(s), "Тестовые суточные нормы");
    cr_assert_eq(mc_i18n_set("en", LOCALEDIR, &err), MC_OK);
    cr_expect_str_eq(mc_standard_title(s), "Test daily norms");
    mc_standard_set_free(set);
}

/* Meal names for people; a meal that is not one of the usual five stays
 * as the menu writes it. */
Test(i18n, meal_labels)
{
    struct mc_err err = {0};
    cr_assert_eq(mc_i18n_set("kk", LOCALEDIR, &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_str_eq(mc_meal_label("breakfast"), "таңғы ас");
    cr_expect_str_eq(mc_meal_label("snack"), "бесін ас");
    cr_assert_eq(mc_i18n_set("ru", LOCALEDIR, &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_str_eq(mc_meal_label("lunch"), "обед");
    cr_expect_str_eq(mc_meal_label("second breakfast"), "второй завтрак");
    cr_expect_str_eq(mc_meal_label("brunch"), "brunch");
    cr_assert_eq(mc_i18n_set("en", LOCALEDIR, &err), MC_OK);
    cr_expect_str_eq(mc_meal_label("dinner"), "dinner");
}

/* Two threads, two languages, at the same time: each reads its own, and a
 * thread that chose none follows the process. */
struct speaker {
    const char *lang;
    const char *protein[2000];
    const char *days;
};

static void *speak(void *p)
{
    struct speaker *s = p;
    struct mc_err err = {0};
    if (mc_i18n_set_thread(s->lang, &err) == MC_OK)
        for (size_t i = 0; i < sizeof s->protein / sizeof *s->protein; i++)
            s->protein[i] = mc_nutrient_name(MC_N_PROTEIN_G);
    s->days = mc_ngettext("%zu day", "%zu days", 5);
    mc_err_release(&err);
    return NULL;
}

Test(i18n, a_language_per_thread)
{
    struct mc_err err = {0};
    cr_assert_eq(mc_i18n_load("ru", LOCALEDIR, &err), MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_i18n_load("kk", LOCALEDIR, &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_str_eq(mc_i18n_lang(), "en", "loading chooses no language");
    static struct speaker s[3] = {{.lang = "ru"}, {.lang = "kk"}, {.lang = "en"}};
    pthread_t t[3];
    for (int k = 0; k < 3; k++)
        cr_assert_eq(pthread_create(&t[k], NULL, speak, &s[k]), 0);
    for (int k = 0; k < 3; k++)
        pthread_join(t[k], NULL);
    const char *want[3] = {"Белки", "Ақуыз", "Protein"};
    for (int k = 0; k < 3; k++)
        for (size_t i = 0; i < sizeof s[k].protein / sizeof *s[k].protein; i++)
            cr_assert_str_eq(s[k].protein[i], want[k], "%s, lookup %zu", s[k].lang, i);
    cr_expect_str_eq(s[0].days, "%zu дней");
    cr_expect_str_eq(s[1].days, "%zu күн");
    cr_expect_str_eq(s[2].days, "%zu days");
    /* The test's own thread never chose: it still speaks English. */
    cr_expect_str_eq(mc_nutrient_name(MC_N_PROTEIN_G), "Protein");
    cr_expect_str_eq(mc_i18n_text("kk", "Protein"), "Ақуыз");
    cr_expect_eq(mc_i18n_set_thread("fr", &err), MC_ERR_NOT_FOUND);
    mc_err_release(&err);
}

Test(i18n, a_file_that_is_not_a_catalogue)
{
    struct mc_err err = {0};
    /* tests/data/<lang>/LC_MESSAGES/mealcheck.mo does not exist; a CSV
     * named as one is not a catalogue. */
    cr_expect_eq(mc_i18n_load("kk", "tests/data/not-a-catalogue", &err), MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err), "tests/data/not-a-catalogue/kk/LC_MESSAGES/"
                                        "mealcheck.mo: not a message catalogue (.mo)\n");
    mc_err_release(&err);
}
