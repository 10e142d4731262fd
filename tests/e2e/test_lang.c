/*
 * test_lang.c - `--lang ru|kk|en` and the locale's language, end to end:
 * check's text in Russian and Kazakh, errors, the default from LC_ALL /
 * LC_MESSAGES / LANG, JSON staying English, and the check report and the
 * audit roll-up workbook in Russian and Kazakh.
 *
 * The menu is tests/data/check-small (see test_check_cli.c): vitamin C
 * averages 6.9 mg against the US DRI 45-1200 mg of girls 9-13, 15 %, low.
 * The catalogues are build/locale/<lang>, compiled by make from po/.
 */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "../unit/xlsx_cells.h"

#define SMALL_R "tests/data/check-small/recipes.csv"
#define SMALL_M "tests/data/check-small/menu.csv"

static void check_small(struct run *r, const char *lang)
{
    run_mc(r, "--lang", lang, "check", "--recipes", SMALL_R, "--menu", SMALL_M,
           "--standard", "us_dri", "--group", "9-13:female", "--date", "2026-01-01",
           NULL);
}

/* The environment the harness passes on: no language but what a test sets. */
static void clear_locale(void)
{
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
    unsetenv("LANGUAGE");
}

Test(lang, check_in_russian)
{
    struct run r;
    check_small(&r, "ru");
    cr_expect_eq(r.status, 3, "%s", r.err);
    cr_expect(str_starts(r.out, "tests/data/check-small/menu.csv: 1 неделя, 2 дня; "
                                "приёмы пищи: завтрак, обед\n"
                                "нормы, действующие на 2026-01-01; среднее за период: "
                                "среднее по дням\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\n== us_dri, группа 9-13:female (female_9_13): НЕ СООТВЕТСТВУЕТ: "
                             "не выполнены 24 проверенные нормы (нарушений: 24, рекомендательных: 0, недостаточно данных: 1, "
                             "в норме: 3)\n"), "%s", r.out);
    /* Columns line up by characters, not bytes, in Cyrillic too. */
    cr_expect(str_has(r.out, "\n   ПИЩЕВОЕ ВЕЩЕСТВО                     НОРМА              "
                             "ЗНАЧЕНИЕ % НОРМЫ  ОЦЕНКА             ДНИ ВНЕ  ОХВАТ  "
                             "ОПРЕДЕЛЯЕТ    ЗАКЛЮЧЕНИЕ\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\n   Витамин C (мг)                       45.0-1200.0             "
                             "6.9     15%  ниже нормы             2/2   100%                "
                             "НАРУШЕНИЕ\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\n   Белки (г)                            >= 34.0"), "%s", r.out);
    cr_expect(str_has(r.out, "\n   Ретинол (мкг)                        <= 1700                  "
                             "68      4%  норма                  0/2   100%                "
                             "соответствует\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\nИТОГ: меню НЕ соответствует нормам\n"), "%s", r.out);
    run_free(&r);
}

Test(lang, check_in_kazakh)
{
    struct run r;
    check_small(&r, "kk");
    cr_expect_eq(r.status, 3, "%s", r.err);
    cr_expect(str_starts(r.out, "tests/data/check-small/menu.csv: 1 апта, 2 күн; "
                                "тамақтанулар: таңғы ас, түскі ас\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\n== us_dri, 9-13:female (female_9_13) тобы: СӘЙКЕС КЕЛМЕЙДІ: "
                             "24 тексерілген норма орындалмады (бұзушылық: 24, ұсынымдық: 0, деректер жеткіліксіз: 1, "
                             "нормада: 3)\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\n   C дәрумені (мг)                      45.0-1200.0             "
                             "6.9     15%  нормадан төмен         2/2   100%                "
                             "БҰЗУШЫЛЫҚ\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\n   Ақуыз (г)                            >= 34.0"), "%s", r.out);
    cr_expect(str_has(r.out, "\n   Йод (мкг)                            120-600            "
                             "белгісіз       -  деректер жеткіліксіз      0/2     0%    "
                             "            деректер жеткіліксіз\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\nҚОРЫТЫНДЫ: мәзір нормаларға СӘЙКЕС КЕЛМЕЙДІ\n"), "%s", r.out);
    run_free(&r);
}

/* English is the source text: --lang en is the output of no --lang. */
Test(lang, english_is_unchanged)
{
    struct run en, plain;
    clear_locale();
    check_small(&en, "en");
    run_mc(&plain, "check", "--recipes", SMALL_R, "--menu", SMALL_M, "--standard",
           "us_dri", "--group", "9-13:female", "--date", "2026-01-01", NULL);
    cr_expect_eq(en.status, 3);
    cr_expect_str_eq(en.out, plain.out);
    cr_expect(str_has(en.out, "\n   Vitamin C (mg)                       45.0-1200.0             "
                              "6.9     15%  low                    2/2   100%                "
                              "FAIL\n"), "%s", en.out);
    run_free(&en);
    run_free(&plain);
}

/* JSON is for programs: its keys and statuses stay English in any language. */
Test(lang, json_stays_english)
{
    struct run r;
    run_mc(&r, "--lang", "ru", "check", "--recipes", SMALL_R, "--menu", SMALL_M,
           "--standard", "us_dri", "--group", "9-13:female", "--date", "2026-01-01",
           "--format", "json", NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    cr_expect(str_has(r.out, "{\"nutrient\":\"vit_c_mg\",\"unit\":\"mg\""), "%.300s", r.out);
    cr_expect(str_has(r.out, "\"pct_of_norm\":15.333333333333334,\"status\":\"low\"}"));
    cr_expect(str_has(r.out, "\"verdict\":\"fail\""));
    cr_expect(str_has(r.out, "\"name\":\"Monday\""));
    cr_expect(!str_has(r.out, "ниже"));
    run_free(&r);
}

Test(lang, errors_in_russian_and_kazakh)
{
    struct run r;
    run_mc(&r, "--lang", "ru", "foods", "show", "99999", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: ошибка: неизвестный продукт «99999»"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "--lang", "kk", "check", "--recipes", SMALL_R, "--menu", SMALL_M,
           "--group", "7-11", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: қате: кемінде бір --standard көрсетіңіз "
                                "(«mealcheck standards list» қараңыз)\nқолданылуы: "
                                "mealcheck check"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "--lang", "ru", "check", "--recipes", "tests/data/none.csv", "--menu",
           SMALL_M, "--standard", "us_dri", "--group", "7-11", NULL);
    cr_expect_eq(r.status, 2);
    /* The system's reason (strerror) is in whatever language libc has. */
    cr_expect(str_starts(r.err, "mealcheck: ошибка: tests/data/none.csv: не удаётся открыть: "),
              "%s", r.err);
    run_free(&r);
    run_mc(&r, "--lang", "kk", "frobnicate", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: қате: белгісіз команда «frobnicate»\n"
                                "қолданылуы: mealcheck [--db ФАЙЛ] КОМАНДА"), "%s", r.err);
    run_free(&r);
}

Test(lang, unknown_language)
{
    struct run r;
    run_mc(&r, "--lang", "de", "foods", "show", "01001", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: unknown language 'de'; expected ru, kk or en\n");
    cr_expect_str_eq(r.out, "");
    run_free(&r);
    run_mc(&r, "--lang", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: option '--lang' needs a value\n"), "%s", r.err);
    run_free(&r);
}

/* The default: LC_ALL, else LC_MESSAGES, else LANG; C and other languages
 * are English. */
Test(lang, default_from_the_locale)
{
    struct run r;
    clear_locale();
    setenv("LANG", "ru_RU.UTF-8", 1);
    run_mc(&r, "foods", "show", "99999", NULL);
    cr_expect(str_starts(r.err, "mealcheck: ошибка: неизвестный продукт"), "%s", r.err);
    run_free(&r);
    setenv("LC_MESSAGES", "kk_KZ.UTF-8", 1);
    run_mc(&r, "foods", "show", "99999", NULL);
    cr_expect(str_starts(r.err, "mealcheck: қате: белгісіз өнім «99999»"), "%s", r.err);
    run_free(&r);
    setenv("LC_ALL", "C.UTF-8", 1);
    run_mc(&r, "foods", "show", "99999", NULL);
    cr_expect(str_starts(r.err, "mealcheck: error: unknown food '99999'"), "%s", r.err);
    run_free(&r);
    setenv("LC_ALL", "de_DE.UTF-8", 1);
    run_mc(&r, "foods", "show", "99999", NULL);
    cr_expect(str_starts(r.err, "mealcheck: error: unknown food '99999'"), "%s", r.err);
    run_free(&r);
    /* --lang wins over the locale. */
    setenv("LC_ALL", "ru_RU.UTF-8", 1);
    run_mc(&r, "--lang", "en", "foods", "show", "99999", NULL);
    cr_expect(str_starts(r.err, "mealcheck: error: unknown food '99999'"), "%s", r.err);
    run_free(&r);
}

/* Run from elsewhere, without its catalogues: the locale's language falls
 * back to English, an explicit --lang is an error that says what to do. */
Test(lang, missing_catalogue)
{
    struct run r;
    clear_locale();
    setenv("MEALCHECK_HOME", "tests/data", 1);
    setenv("LANG", "kk_KZ.UTF-8", 1);
    run_mc(&r, "foods", "show", "99999", NULL);
    cr_expect(str_starts(r.err, "mealcheck: error: unknown food '99999'"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "--lang", "ru", "foods", "show", "99999", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: tests/data/build/locale/ru/LC_MESSAGES/"
                            "mealcheck.mo: no message catalogue for 'ru' (run make, or set "
                            "MEALCHECK_HOME to the mealcheck folder)\n");
    run_free(&r);
}

Test(lang, nutrient_table_and_days)
{
    struct run r;
    run_mc(&r, "--lang", "ru", "menu", "--recipes", SMALL_R, "--menu", SMALL_M, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_starts(r.out, "Неделя 1, Понедельник\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\n  пищевое вещество             ед. "), "%s", r.out);
    cr_expect(str_has(r.out, "\n  Витамин C                    мг  "), "%s", r.out);
    cr_expect(str_has(r.out, "\nНеделя 1, средний день\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\n  пищевое вещество             ед.    ср. за 2 дня\n"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "--lang", "kk", "menu", "--recipes", SMALL_R, "--menu", SMALL_M, NULL);
    cr_expect(str_starts(r.out, "1-апта, Дүйсенбі\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\n  Энергетикалық құндылығы      ккал "), "%s", r.out);
    cr_expect(str_has(r.out, "\n  Көмірсулар                   г    "), "%s", r.out);
    run_free(&r);
}

/* foods show: the canonical nutrients by their Russian names and units,
 * SR28's other rows as SR28 names them (butter 01001: protein 0.85 g). */
Test(lang, food_composition)
{
    struct run r;
    run_mc(&r, "--lang", "ru", "foods", "show", "01001", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.out, "\nна 100 г съедобной части:\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\n  Белки                                              0.85 г\n"),
              "%s", r.out);
    cr_expect(str_has(r.out, "\n  Adjusted Protein                           неизвестно g\n"),
              "%s", r.out);
    run_free(&r);
}

/* One member of an .xlsx (a ZIP), read with `unzip -p` as
 * tests/unit/test_report_xlsx.c does; caller frees. */
static char *xlsx_member(const char *xlsx, const char *name)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s'", xlsx, name);
    FILE *p = popen(cmd, "r");
    cr_assert(p, "%s", cmd);
    size_t cap = 1 << 16, len = 0, n;
    char *buf = malloc(cap);
    cr_assert(buf);
    while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0)
        if ((len += n) + 1 == cap)
            cr_assert(buf = realloc(buf, cap *= 2));
    buf[len] = '\0';
    cr_assert_eq(pclose(p), 0, "%s", cmd);
    return buf;
}

/* The report in Russian and Kazakh: sheet names, the chart's reference to
 * the renamed Summary sheet, headers, labels and nutrient names. */
Test(lang, report_in_russian_and_kazakh)
{
    char path[] = "/tmp/mc-lang-XXXXXX";
    cr_assert(mkdtemp(path));
    char ru[64], kk[64];
    snprintf(ru, sizeof ru, "%s/ru.xlsx", path);
    snprintf(kk, sizeof kk, "%s/kk.xlsx", path);
    struct run r;
    run_mc(&r, "--lang", "ru", "check", "--recipes", SMALL_R, "--menu", SMALL_M,
           "--standard", "us_dri", "--group", "9-13:female", "--date", "2026-01-01",
           "-o", ru, NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    cr_expect(str_has(r.out, "\nотчёт записан в "), "%s", r.out);
    run_free(&r);
    char *wb = xlsx_member(ru, "xl/workbook.xml");
    cr_expect(str_has(wb, "<sheets><sheet name=\"Сводка\" sheetId=\"1\" r:id=\"rId1\"/>"
                          "<sheet name=\"Дни\" sheetId=\"2\" r:id=\"rId2\"/>"
                          "<sheet name=\"Блюда\" sheetId=\"3\" r:id=\"rId3\"/>"
                          "<sheet name=\"Рецептуры\" sheetId=\"4\" r:id=\"rId4\"/>"
                          "<sheet name=\"Качество данных\" sheetId=\"5\" r:id=\"rId5\"/>"
                          "<sheet name=\"Источники\" sheetId=\"6\" r:id=\"rId6\"/>"),
              "%s", wb);
    char *chart = xlsx_member(ru, "xl/charts/chart1.xml");
    cr_expect(str_has(chart, "<c:f>'Сводка'!$J$20:$J$"), "%s", chart);
    char *sst = xlsx_member(ru, "xl/sharedStrings.xml");
    cr_expect(str_has(sst, "<t>Отчёт mealcheck о соответствии меню нормам</t>"));
    cr_expect(str_has(sst, "<t>1 неделя, 2 дня: неделя 1, Понедельник — неделя 1, Вторник</t>"));
    cr_expect(str_has(sst, "<t>Пищевое вещество</t>"));
    cr_expect(str_has(sst, "<t>Белки</t>"));
    cr_expect(str_has(sst, "<t>Витамин C (мг)</t>"), "the Days sheet's nutrient headers");
    cr_expect(str_has(sst, "<t>НАРУШЕНИЕ</t>"));
    free(wb);
    free(chart);
    free(sst);

    run_mc(&r, "--lang", "kk", "check", "--recipes", SMALL_R, "--menu", SMALL_M,
           "--standard", "us_dri", "--group", "9-13:female", "--date", "2026-01-01",
           "-o", kk, NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    run_free(&r);
    wb = xlsx_member(kk, "xl/workbook.xml");
    cr_expect(str_has(wb, "<sheet name=\"Жиынтық\" sheetId=\"1\" r:id=\"rId1\"/>"), "%s", wb);
    cr_expect(str_has(wb, "<sheet name=\"Деректер сапасы\" sheetId=\"5\""), "%s", wb);
    sst = xlsx_member(kk, "xl/sharedStrings.xml");
    cr_expect(str_has(sst, "<t>Тағамдық зат</t>"));
    cr_expect(str_has(sst, "<t>Ақуыз</t>"));
    cr_expect(str_has(sst, "<t>Энергетикалық құндылығы (ккал)</t>"));
    free(wb);
    free(sst);
    unlink(ru);
    unlink(kk);
    rmdir(path);
}

/* A roster reads in the user's language with its plurals, in the text
 * and in the report's Summary; JSON keeps it as given. */
Test(lang, roster_in_russian_and_kazakh)
{
    char path[] = "/tmp/mc-lang-roster-XXXXXX";
    cr_assert(mkdtemp(path));
    char xlsx[64];
    snprintf(xlsx, sizeof xlsx, "%s/ru.xlsx", path);
    struct run r;
    run_mc(&r, "--lang", "ru", "check", "--recipes", SMALL_R, "--menu", SMALL_M,
           "--standard", "us_dri", "--group", "14 boys and 12 girls aged 9-13",
           "--date", "2026-01-01", "-o", xlsx, NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    cr_expect(str_has(r.out, "\n== us_dri, группа 14 мальчиков и 12 девочек 9–13 лет "
                             "(male_9_13, female_9_13): НЕ СООТВЕТСТВУЕТ"), "%s", r.out);
    run_free(&r);
    char *sheet = xlsx_member(xlsx, "xl/worksheets/sheet1.xml");
    char *sst = xlsx_member(xlsx, "xl/sharedStrings.xml");
    struct cell c = cell(sheet, sst, "B11");
    cr_expect(str_starts(c.value, "us_dri, группа 14 мальчиков и 12 девочек 9–13 лет "
                                  "(male_9_13, female_9_13): НЕ СООТВЕТСТВУЕТ"), "%s", c.value);
    free(sheet);
    free(sst);
    unlink(xlsx);
    rmdir(path);

    run_mc(&r, "--lang", "kk", "check", "--recipes", SMALL_R, "--menu", SMALL_M,
           "--standard", "us_dri", "--group", "1 boy and 21 girls aged 9-13",
           "--date", "2026-01-01", NULL);
    cr_expect(str_has(r.out, "\n== us_dri, 9–13 жастағы 1 ұл және 21 қыз "
                             "(male_9_13, female_9_13) тобы: "), "%s", r.out);
    run_free(&r);
    run_mc(&r, "--lang", "ru", "check", "--recipes", SMALL_R, "--menu", SMALL_M,
           "--standard", "us_dri", "--group", "1 boy and 21 girls aged 9-13",
           "--date", "2026-01-01", NULL);
    cr_expect(str_has(r.out, "группа 1 мальчик и 21 девочка 9–13 лет (male_9_13, "
                             "female_9_13)"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "--lang", "ru", "check", "--recipes", SMALL_R, "--menu", SMALL_M,
           "--standard", "us_dri", "--group", "14 boys and 12 girls aged 9-13",
           "--date", "2026-01-01", "--format", "json", NULL);
    cr_expect(str_has(r.out, "\"group\":\"14 boys and 12 girls aged 9-13\""), "%s", r.out);
    run_free(&r);
}

/* --lang may follow the command, as people append options. */
Test(lang, after_the_command)
{
    struct run r;
    run_mc(&r, "foods", "show", "99999", "--lang", "kk", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: қате: белгісіз өнім «99999»"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "foods", "show", "01001", "--lang=ru", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.out, "\nна 100 г съедобной части:\n"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "--lang", "ru", "foods", "show", "01001", "--lang", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: ошибка: для параметра «--lang» нужно значение\n");
    run_free(&r);
}

/* Each of the NULL-ended strings is in the member name of xlsx. */
static void expect_member(const char *xlsx, const char *name, ...)
{
    char *text = xlsx_member(xlsx, name);
    va_list ap;
    va_start(ap, name);
    for (const char *want; (want = va_arg(ap, const char *));)
        cr_expect(str_has(text, want), "%s: %s lacks %s", xlsx, name, want);
    va_end(ap);
    free(text);
}

/* The audit of menus/audit (12 schools in Almaly, Bostandyk and Medeu; see
 * tests/unit/test_report_rollup.c) with its roll-up workbook in lang;
 * BOS-004's menu has an unknown dish, so the status is 4. */
static void audit_rollup(const char *lang, const char *xlsx)
{
    struct run r;
    run_mc(&r, "--lang", lang, "audit", "menus/audit/schools.csv", "--recipes",
           "menus/recipes.csv", "--date", "2025-09-01", "-o", xlsx, NULL);
    cr_expect_eq(r.status, 4, "%s", r.err);
    run_free(&r);
}

/* The roll-up in Russian and Kazakh: sheet names, the chart's references to
 * the renamed Summary sheet, headers, labels, verdicts and nutrient names.
 * The workbook is written in constant memory: strings are inline. */
Test(lang, rollup_in_russian_and_kazakh)
{
    char path[] = "/tmp/mc-lang-XXXXXX";
    cr_assert(mkdtemp(path));
    char ru[64], kk[64];
    snprintf(ru, sizeof ru, "%s/r.xlsx", path);
    snprintf(kk, sizeof kk, "%s/k.xlsx", path);
    audit_rollup("ru", ru);
    expect_member(ru, "xl/workbook.xml",
                  "<sheets><sheet name=\"Сводка\" sheetId=\"1\" r:id=\"rId1\"/>"
                  "<sheet name=\"Школы\" sheetId=\"2\" r:id=\"rId2\"/>"
                  "<sheet name=\"Пищевые вещества\" sheetId=\"3\" r:id=\"rId3\"/>"
                  "<sheet name=\"Районы\" sheetId=\"4\" r:id=\"rId4\"/></sheets>", NULL);
    expect_member(ru, "xl/charts/chart1.xml", "<c:f>'Сводка'!$A$9:$A$11</c:f>",
                  "<c:f>'Сводка'!$D$8</c:f>",
                  "<a:t>Заключения по школам в разрезе районов</a:t>", NULL);
    expect_member(ru, "xl/worksheets/sheet1.xml",
                  "<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>Аудит mealcheck: "
                  "соответствие школьного питания нормам</t>",
                  "<c r=\"A5\" s=\"2\" t=\"inlineStr\"><is><t>Число школ</t>",
                  "<c r=\"H8\" s=\"3\" t=\"inlineStr\"><is><t>Не установлено: "
                  "непроверенные нормы</t>",
                  "<c r=\"I8\" s=\"3\" t=\"inlineStr\"><is><t>Не удалось проверить</t>",
                  "<c r=\"A12\" s=\"2\" t=\"inlineStr\"><is><t>Все районы</t>", NULL);
    expect_member(ru, "xl/worksheets/sheet2.xml",
                  "<c r=\"E1\" s=\"3\" t=\"inlineStr\"><is><t>Заключение</t>",
                  "<c r=\"F1\" s=\"3\" t=\"inlineStr\"><is><t>Пищевые вещества с "
                  "нарушением</t>",
                  "<c r=\"E2\" s=\"4\" t=\"inlineStr\"><is><t>невозможно установить: "
                  "непроверенные нормы</t>",
                  "<c r=\"E4\" s=\"7\" t=\"inlineStr\"><is><t>не соответствует</t>",
                  "<c r=\"E9\" s=\"8\" t=\"inlineStr\"><is><t>не удалось проверить</t>",
                  "<c r=\"G2\" t=\"inlineStr\"><is><t>Витамин D</t>", NULL);
    expect_member(ru, "xl/worksheets/sheet3.xml",
                  "<c r=\"A2\" t=\"inlineStr\"><is><t>Энергетическая ценность</t></is>"
                  "</c><c r=\"B2\" t=\"inlineStr\"><is><t>ккал</t>",
                  "<c r=\"F1\" s=\"3\" t=\"inlineStr\"><is><t>Медиана % нормы</t>", NULL);
    expect_member(ru, "xl/worksheets/sheet4.xml",
                  "<c r=\"J1\" s=\"3\" t=\"inlineStr\"><is><t>Доля соответствующих</t>",
                  "<c r=\"K2\" t=\"inlineStr\"><is><t>Насыщенные жирные кислоты</t>",
                  NULL);

    audit_rollup("kk", kk);
    expect_member(kk, "xl/workbook.xml",
                  "<sheets><sheet name=\"Жиынтық\" sheetId=\"1\" r:id=\"rId1\"/>"
                  "<sheet name=\"Мектептер\" sheetId=\"2\" r:id=\"rId2\"/>"
                  "<sheet name=\"Тағамдық заттар\" sheetId=\"3\" r:id=\"rId3\"/>"
                  "<sheet name=\"Аудандар\" sheetId=\"4\" r:id=\"rId4\"/></sheets>", NULL);
    expect_member(kk, "xl/charts/chart1.xml", "<c:f>'Жиынтық'!$A$9:$A$11</c:f>", NULL);
    expect_member(kk, "xl/worksheets/sheet2.xml",
                  "<c r=\"E1\" s=\"3\" t=\"inlineStr\"><is><t>Қорытынды</t>",
                  "<c r=\"E2\" s=\"4\" t=\"inlineStr\"><is><t>анықтау мүмкін емес: "
                  "нормалар тексерілмеген</t>",
                  "<c r=\"E4\" s=\"7\" t=\"inlineStr\"><is><t>сәйкес келмейді</t>",
                  /* the meal of the worst bound, by its Kazakh name */
                  "<c r=\"H8\" t=\"inlineStr\"><is><t>таңғы ас</t>",
                  "<c r=\"H10\" t=\"inlineStr\"><is><t>түскі ас</t>", NULL);
    unlink(ru);
    unlink(kk);
    rmdir(path);
}

/* English is the source text: the roll-up of --lang en keeps its English
 * sheet names, chart references and verdicts. */
Test(lang, rollup_in_english)
{
    char path[] = "/tmp/mc-lang-XXXXXX";
    cr_assert(mkdtemp(path));
    char en[64];
    snprintf(en, sizeof en, "%s/e.xlsx", path);
    audit_rollup("en", en);
    expect_member(en, "xl/workbook.xml",
                  "<sheets><sheet name=\"Summary\" sheetId=\"1\" r:id=\"rId1\"/>"
                  "<sheet name=\"Schools\" sheetId=\"2\" r:id=\"rId2\"/>"
                  "<sheet name=\"Nutrients\" sheetId=\"3\" r:id=\"rId3\"/>"
                  "<sheet name=\"Districts\" sheetId=\"4\" r:id=\"rId4\"/></sheets>", NULL);
    expect_member(en, "xl/charts/chart1.xml", "<c:f>Summary!$A$9:$A$11</c:f>", NULL);
    expect_member(en, "xl/worksheets/sheet2.xml",
                  "<c r=\"E1\" s=\"3\" t=\"inlineStr\"><is><t>Verdict</t>",
                  "<c r=\"E9\" s=\"8\" t=\"inlineStr\"><is><t>could not be checked</t>",
                  NULL);
    unlink(en);
    rmdir(path);
}

/* tests/data/names-report: «Оладьи» of «Мука пшеничная в/с» (20481) and
 * milk 01077 for breakfast on both days; for lunch plain milk 01211 on
 * Monday, mare's milk («бие сүті», KZ0005) on Tuesday. */
#define NAMES_R "tests/data/names-report/recipes.csv"
#define NAMES_M "tests/data/names-report/menu.csv"

/* A shared string's index in sst, as the cell that shows it writes it. */
static long sst_index(const char *sst, const char *text)
{
    long i = 0;
    for (const char *p = strstr(sst, "<si>"); p; p = strstr(p + 1, "<si>"), i++) {
        const char *t = strchr(p + 4, '>');
        if (t && !strncmp(t + 1, text, strlen(text)) && t[1 + strlen(text)] == '<')
            return i;
    }
    return -1;
}

/* Cell ref of sheet shows the shared string text. */
static void expect_cell(const char *xlsx, int sheet, const char *ref, const char *text)
{
    char name[64], want[96];
    char *sst = xlsx_member(xlsx, "xl/sharedStrings.xml");
    long i = sst_index(sst, text);
    cr_expect_geq(i, 0, "%s: no shared string «%s»", xlsx, text);
    snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", sheet);
    snprintf(want, sizeof want, "<c r=\"%s\"", ref);
    char *ws = xlsx_member(xlsx, name);
    char *c = strstr(ws, want), v[32];
    cr_expect(c, "%s: %s has no cell %s", xlsx, name, ref);
    snprintf(v, sizeof v, "<v>%ld</v>", i);
    if (c) {
        char *end = strstr(c, "</c>");
        cr_expect(end && strstr(c, v) && strstr(c, v) < end, "%s: %s!%s is not «%s»",
                  xlsx, name, ref, text);
    }
    free(ws);
    free(sst);
}

/* With --lang ru the report names foods as Russian kitchens do: the Tech
 * cards' raw material, the Recipes' resolved food (SR28's name beside it),
 * meal names on the Days sheet, and nutrient names, not keys, on Data
 * quality (SR28 has no iodine: Йод is unknown for every food). */
Test(lang, report_names_foods_meals_and_nutrients_in_russian)
{
    char path[] = "/tmp/mc-lang-XXXXXX";
    cr_assert(mkdtemp(path));
    char ru[64], en[64];
    snprintf(ru, sizeof ru, "%s/ru.xlsx", path);
    snprintf(en, sizeof en, "%s/en.xlsx", path);
    struct run r;
    run_mc(&r, "--lang", "ru", "check", "--recipes", NAMES_R, "--menu", NAMES_M,
           "--standard", "us_dri", "--group", "9-13:female", "--date", "2026-01-01",
           "-o", ru, NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    cr_expect(str_starts(r.out, "tests/data/names-report/menu.csv: 1 неделя, 2 дня; "
                                "приёмы пищи: завтрак, обед\n"), "%s", r.out);
    run_free(&r);
    /* Tech cards (sheet 7): card 1, raw material 1 */
    expect_cell(ru, 7, "B7", "Мука пшеничная (20481)");
    /* Recipes (sheet 4): the first ingredient of «Оладьи» */
    expect_cell(ru, 4, "A5", "Мука пшеничная в/с");
    expect_cell(ru, 4, "B5", "мука пшеничная (Wheat flour, white, all-purpose, unenriched)");
    /* Days (sheet 2): rows 5 and 6 are breakfast and lunch of Monday */
    expect_cell(ru, 2, "C5", "завтрак");
    expect_cell(ru, 2, "C6", "обед");
    /* Dishes (sheet 3) */
    expect_cell(ru, 3, "C3", "обед");
    /* Data quality (sheet 5): the unknown nutrients by name (rows 3-6: the two
     * ingredients, the two plain foods served); the coverage rows from 10 */
    expect_cell(ru, 5, "B3", "мука пшеничная (Wheat flour, white, all-purpose, unenriched)");
    expect_cell(ru, 5, "E3", "Трансжиры, Йод");
    expect_cell(ru, 5, "A10", "Энергетическая ценность");
    expect_cell(ru, 5, "C10", "ккал");
    /* Days (sheet 2), Tuesday's total (row 10): 200 g of mare's milk
     * (KZ0005: energy, protein, fat and water known) beside 100 g of
     * «Оладьи» (all known but trans fat and iodine): every other nutrient
     * is known for 100 of 300 g, a partial total, and says so. */
    expect_cell(ru, 2, "C10", "итого за день");
    expect_cell(ru, 2, "AP10", "Насыщенные жирные кислоты 33 %; Мононенасыщенные жирные "
                "кислоты 33 %; Полиненасыщенные жирные кислоты 33 %; Холестерин 33 %; "
                "Углеводы 33 %; Сахара (всего) 33 %; Пищевые волокна 33 %; Натрий 33 %; "
                "Калий 33 %; Кальций 33 %; Фосфор 33 %; Магний 33 %; Железо 33 %; Цинк 33 %; "
                "Медь 33 %; Селен 33 %; Марганец 33 %; Витамин A (рет. экв.) 33 %; Ретинол "
                "33 %; Бета-каротин 33 %; Витамин C 33 %; Витамин D 33 %; Витамин E "
                "(альфа-токоферол) 33 %; Витамин K 33 %; Тиамин (B1) 33 %; Рибофлавин (B2) "
                "33 %; Ниацин (PP) 33 %; Витамин B6 33 %; Фолаты (фол. экв.) 33 %; Витамин "
                "B12 33 %");
    /* Sources (sheet 6): the norm set's Russian title */
    char *sst = xlsx_member(ru, "xl/sharedStrings.xml");
    cr_expect(str_has(sst, "<t>Нормы потребления (Dietary Reference Intakes) для детей и "
                           "подростков (RDA/AI, UL, AMDR), суточные</t>"));
    cr_expect(!str_has(sst, "<t>breakfast</t>") && !str_has(sst, "<t>lunch</t>"));
    free(sst);

    /* English keeps SR28's names. */
    run_mc(&r, "--lang", "en", "check", "--recipes", NAMES_R, "--menu", NAMES_M,
           "--standard", "us_dri", "--group", "9-13:female", "--date", "2026-01-01",
           "-o", en, NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    run_free(&r);
    expect_cell(en, 7, "B7", "Wheat flour, white, all-purpose, unenriched");
    expect_cell(en, 4, "B5", "Wheat flour, white, all-purpose, unenriched");
    expect_cell(en, 2, "C5", "breakfast");
    expect_cell(en, 5, "E3", "Trans fat, Iodine");
    unlink(ru);
    unlink(en);
    rmdir(path);
}

/* `menu` in Kazakh: meal names, and a plain food served under its name
 * there with SR28's id and name beside it. */
Test(lang, menu_text_in_kazakh)
{
    struct run r;
    run_mc(&r, "--lang", "kk", "menu", "--recipes", NAMES_R, "--menu", NAMES_M, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.out, "\n  таңғы ас\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\n  түскі ас\n"), "%s", r.out);
    cr_expect(str_has(r.out, " 01211 сүт (Milk, whole, 3.25% milkfat, without added "
                             "vitamin A and vitamin D)\n"), "%s", r.out);
    run_free(&r);
}

/* Norm-set titles and notes in Russian (`#title_ru:`, `#note_ru:`). */
Test(lang, norm_set_title_in_russian)
{
    struct run r;
    run_mc(&r, "--lang", "ru", "standards", "show", "uk_scotland_2020", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_starts(r.out, "uk_scotland_2020: Нормы пищевых веществ в школьных обедах "
                                "Шотландии 2020 года (среднее за цикл меню)\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\n  примечание:  Энергия — диапазон: 440-596 ккал в начальной "
                             "школе, 633-857 ккал в средней.\n"), "%s", r.out);
    cr_expect(!str_has(r.out, "Energy is a band"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "--lang", "en", "standards", "show", "uk_scotland_2020", NULL);
    cr_expect(str_starts(r.out, "uk_scotland_2020: Scotland school lunch nutrient standards "
                                "2020 (average over the menu cycle)\n"), "%s", r.out);
    run_free(&r);
}

/* A value summed over part of the food mass is marked partial, not only
 * low: the sample menu's vitamin D is known for 98 % of what is served. */
Test(lang, partial_totals_are_marked)
{
    struct run r;
    run_mc(&r, "--lang", "en", "check", "--recipes", "menus/recipes.csv", "--menu",
           "menus/menu.csv", "--standard", "ru_sanpin_3590_20", "--group", "7-11", "--date",
           "2026-01-01", NULL);
    cr_expect(str_has(r.out, "\n   Vitamin D (ug)                       >= 5.0                  "
                             "2.2     44%  low, partial         10/10    98%                "
                             "advisory\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\n   Calcium (mg)                         >= 550                  "
                             "384     70%  low                  10/10   100%                "
                             "advisory\n"), "fully known: no mark\n%s", r.out);
    run_free(&r);
    run_mc(&r, "--lang", "ru", "check", "--recipes", "menus/recipes.csv", "--menu",
           "menus/menu.csv", "--standard", "ru_sanpin_3590_20", "--group", "7-11", "--date",
           "2026-01-01", NULL);
    cr_expect(str_has(r.out, "  ниже нормы, неполные данные "), "%s", r.out);
    run_free(&r);
}
