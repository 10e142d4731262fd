/* test_errors.c - the mistakes people make with the command line and the
 * files they feed it, and the exact messages and exit statuses they get. */
#include <criterion/criterion.h>
#include <string.h>

#include "harness.h"

#define BOOK "tests/data/recipes-basic/recipes.csv"
#define BASIC "tests/data/menu-basic/menu.csv"
#define ERR "tests/data/errors/"
#define UTF8_HINT "expected UTF-8 text (in a spreadsheet: save as \"CSV UTF-8\")\n"

/* menu-excel-ru.csv is menu-basic as Excel saves it in a Russian locale: a
 * byte-order mark, CRLF, ';' between fields, quoted header names, decimal
 * commas, trailing empty columns, Russian and Kazakh day and meal names. */
Test(errors, russian_excel_csv_reads_as_the_plain_one)
{
    struct run plain, excel;
    run_mc(&plain, "menu", "--recipes", BOOK, "--menu", BASIC, NULL);
    run_mc(&excel, "menu", "--recipes", BOOK, "--menu", ERR "menu-excel-ru.csv", NULL);
    cr_expect_eq(excel.status, 0, "%s", excel.err);
    cr_expect_str_eq(excel.err, "");
    cr_expect_eq(plain.status, 0);
    cr_expect_str_eq(excel.out, plain.out);
    run_free(&plain);
    run_free(&excel);
}

/* Run `menu` on the basic book and menu and expect exit 2 with message. */
static void expect_menu_refused(const char *menu, const char *message)
{
    struct run r;
    run_mc(&r, "menu", "--recipes", BOOK, "--menu", menu, NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, message);
    cr_expect_str_eq(r.out, "");
    run_free(&r);
}

Test(errors, windows_1251_is_refused_at_its_first_byte)
{
    expect_menu_refused(ERR "menu-cp1251.csv",
                        "mealcheck: error: " ERR "menu-cp1251.csv:2:2: byte 0xCF "
                        "is not UTF-8 (the file may be in Windows-1251 or another "
                        "legacy encoding); " UTF8_HINT);
}

Test(errors, utf16_is_refused)
{
    expect_menu_refused(ERR "menu-utf16.csv",
                        "mealcheck: error: " ERR "menu-utf16.csv:1: the file is "
                        "UTF-16; " UTF8_HINT);
}

Test(errors, a_database_given_as_a_recipe_book)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", "build/mealcheck.db", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: build/mealcheck.db:1:1: a NUL byte: "
                     "the file is binary or UTF-16; " UTF8_HINT);
    run_free(&r);
}

Test(errors, a_directory_given_as_a_menu)
{
    expect_menu_refused("tests/data", "mealcheck: error: tests/data: is a "
                        "directory; expected a CSV file\n");
}

/* Each usage mistake: the first line of stderr, exit 2, nothing on stdout. */
Test(errors, usage_mistakes_say_what_was_expected)
{
    static const struct {
        const char *args[5];
        const char *first_line;
    } cases[] = {
        {{"menu", "--menu", BASIC, "--recipes", NULL},
         "mealcheck: error: option '--recipes' needs a value\n"},
        {{"menu", "--recipes", BOOK, NULL, NULL},
         "mealcheck: error: missing --menu FILE\n"},
        {{"check", "--menu", BASIC, NULL, NULL},
         "mealcheck: error: missing --recipes FILE\n"},
        {{"recipe", "--recipes", BOOK, "--format", "yaml"},
         "mealcheck: error: --format: expected text, json or csv, got 'yaml'\n"},
        {{"standards", "list", "--format", "csv", NULL},
         "mealcheck: error: --format: expected text or json, got 'csv'\n"},
        {{"standards", "list", "--format", NULL, NULL},
         "mealcheck: error: option '--format' needs a value\n"},
        {{"recipe", "--recipes", BOOK, "--verbose", NULL},
         "mealcheck: error: unknown option '--verbose'\n"},
        {{"recipe", "--recipes", BOOK, "Buckwheat", "Milk cup"},
         "mealcheck: error: unexpected argument 'Milk cup'\n"},
        {{"db", "build", "now", NULL, NULL},
         "mealcheck: error: unexpected argument 'now'\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct run r;
        const char *const *a = cases[i].args;
        run_mc(&r, a[0], a[1], a[2], a[3], a[4], NULL);
        cr_expect_eq(r.status, 2, "case %zu", i);
        cr_expect(str_starts(r.err, cases[i].first_line), "case %zu: %s", i, r.err);
        cr_expect(str_has(r.err, "\nusage: mealcheck "), "case %zu: no usage", i);
        cr_expect_str_eq(r.out, "");
        run_free(&r);
    }
}

Test(errors, format_names_any_case)
{
    struct run r;
    run_mc(&r, "standards", "list", "--format", "JSON", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_starts(r.out, "[{\"id\":"), "%s", r.out);
    run_free(&r);
}

Test(errors, global_db_without_a_value)
{
    struct run r;
    run_mc_nodb(&r, "--db", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: option '--db' needs a value\n"
                         "usage: mealcheck [--db FILE] COMMAND"), "%s", r.err);
    run_free(&r);
}
