/* test_options.c - every command reads its options one way: `--opt VALUE`
 * and `--opt=VALUE`, `-o FILE` and `-oFILE`, `--` before arguments, and
 * the same words for a missing value, an unknown option and a stray
 * argument. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define BOOK "menus/recipes.csv"
#define MENU "menus/menu.csv"

/* Run mealcheck --db DB with the NULL-terminated args. */
static void run_list(struct run *r, const char *const *args)
{
    char *argv[64], wrapper[1024];
    int argc = mc_argv(argv, wrapper, sizeof wrapper, 1);
    for (; *args && argc < 63; args++)
        argv[argc++] = (char *)*args;
    argv[argc] = NULL;
    run_argv(r, argv);
}

/* The two spellings give the same output and status, the one expected. */
static void expect_same(const char *const *spaced, const char *const *joined, int status)
{
    struct run a, b;
    run_list(&a, spaced);
    run_list(&b, joined);
    cr_expect_eq(a.status, status, "%s: %s", spaced[0], a.err);
    cr_expect_eq(b.status, status, "%s=: %s", joined[0], b.err);
    cr_expect(strlen(a.out) > 20, "%s printed nothing", spaced[0]);
    cr_expect_str_eq(b.out, a.out);
    run_free(&a);
    run_free(&b);
}

Test(options, equals_in_check)
{
    expect_same((const char *[]){"check", "--recipes", BOOK, "--menu", MENU, "--standard",
                                 "us_dri", "--group", "9-13", "--date", "2026-09-01",
                                 "--meal-share", "breakfast=20-25", "--meal-share", "lunch=30-35",
                                 "--format", "json", NULL},
                (const char *[]){"check", "--recipes=" BOOK, "--menu=" MENU,
                                 "--standard=us_dri", "--group=9-13", "--date=2026-09-01",
                                 "--meal-share=breakfast=20-25", "--meal-share=lunch=30-35",
                                 "--format=json", NULL},
                3);
}

Test(options, equals_in_suggest)
{
    expect_same((const char *[]){"suggest", "--recipes", BOOK, "--menu", MENU,
                                 "--standard", "us_dri", "--group", "9-13", "--date",
                                 "2026-09-01", "--vary", "40", "--format", "json", NULL},
                (const char *[]){"suggest", "--recipes=" BOOK, "--menu=" MENU,
                                 "--standard=us_dri", "--group=9-13", "--date=2026-09-01",
                                 "--vary=40", "--format=json", NULL},
                3);
}

Test(options, equals_in_audit_menu_recipe_foods_standards)
{
    expect_same((const char *[]){"audit", "menus/audit/schools.csv", "--recipes", BOOK,
                                 "--format", "csv", "--date", "2026-09-01", "--jobs", "1",
                                 NULL},
                (const char *[]){"audit", "--recipes=" BOOK, "--format=csv",
                                 "--date=2026-09-01", "--jobs=1", "menus/audit/schools.csv",
                                 NULL},
                4);
    expect_same((const char *[]){"menu", "--recipes", BOOK, "--menu", MENU, "--format",
                                 "csv", "--csv-sep", ";", NULL},
                (const char *[]){"menu", "--menu=" MENU, "--recipes=" BOOK, "--format=csv",
                                 "--csv-sep=;", NULL},
                0);
    expect_same((const char *[]){"recipe", "--recipes", BOOK, "--format", "json", NULL},
                (const char *[]){"recipe", "--recipes=" BOOK, "--format=json", NULL}, 0);
    expect_same((const char *[]){"foods", "search", "milk", "--limit", "3", "--format",
                                 "json", NULL},
                (const char *[]){"foods", "search", "--limit=3", "milk", "--format=json",
                                 NULL},
                0);
    expect_same((const char *[]){"standards", "list", "--format", "json", NULL},
                (const char *[]){"standards", "--format=json", "list", NULL}, 0);
}

/* serve answers about the value it read from --port=: the option was seen. */
Test(options, equals_in_serve)
{
    struct run r;
    run_mc(&r, "serve", "--port=99999", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: --port: expected 0-65535, got '99999'\n"
                         "usage: mealcheck serve"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "serve", "--threads=0", NULL);
    cr_expect(str_starts(r.err, "mealcheck: error: --threads: expected 1-64, got '0'\n"),
              "%s", r.err);
    run_free(&r);
}

/* -o FILE, -oFILE and --output=FILE write the same report. */
Test(options, short_value_attached)
{
    const char *paths[] = {"/tmp/mc-opt-a.xlsx", "/tmp/mc-opt-b.xlsx", "/tmp/mc-opt-c.xlsx"};
    for (size_t i = 0; i < 3; i++)
        unlink(paths[i]);
    struct run r;
    run_mc(&r, "check", "--recipes", BOOK, "--menu", MENU, "--standard", "us_dri",
           "--group", "9-13", "-o", paths[0], NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    run_free(&r);
    run_mc(&r, "check", "--recipes", BOOK, "--menu", MENU, "--standard", "us_dri",
           "--group", "9-13", "-o/tmp/mc-opt-b.xlsx", NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    cr_expect(str_has(r.out, "report written to /tmp/mc-opt-b.xlsx\n"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "check", "--recipes", BOOK, "--menu", MENU, "--standard", "us_dri",
           "--group", "9-13", "--output=/tmp/mc-opt-c.xlsx", NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    run_free(&r);
    for (size_t i = 0; i < 3; i++) {
        cr_expect_eq(access(paths[i], F_OK), 0, "%s not written", paths[i]);
        unlink(paths[i]);
    }
    /* -oNAME is checked as -o NAME is. */
    run_mc(&r, "check", "--recipes", BOOK, "--menu", MENU, "--standard", "us_dri",
           "--group", "9-13", "-oreport.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: -o: expected a file name ending in "
                         ".xlsx, got 'report.csv'\n"), "%s", r.err);
    run_free(&r);
}

/* The first line of stderr, status 2 and the command's usage, for every
 * command: a value missing, an option unknown (also with =), a flag given
 * a value, a stray argument. */
Test(options, mistakes_read_the_same_everywhere)
{
    static const struct {
        const char *args[6];
        const char *first_line;
    } cases[] = {
        {{"check", "--recipes", BOOK, "--menu", NULL},
         "mealcheck: error: option '--menu' needs a value\n"},
        {{"check", "--recipes", BOOK, "--bogus=1", NULL},
         "mealcheck: error: unknown option '--bogus=1'\n"},
        {{"check", "--recipes", BOOK, "extra", NULL},
         "mealcheck: error: unexpected argument 'extra'\n"},
        {{"check", "-x", NULL}, "mealcheck: error: unknown option '-x'\n"},
        {{"suggest", "--swap=yes", NULL},
         "mealcheck: error: option '--swap' takes no value\n"},
        {{"suggest", "--recipes", BOOK, "-o", NULL},
         "mealcheck: error: option '-o' needs a value\n"},
        {{"audit", "menus/audit/schools.csv", "--jobs", NULL},
         "mealcheck: error: option '--jobs' needs a value\n"},
        {{"audit", "a.csv", "b.csv", NULL}, "mealcheck: error: unexpected argument 'b.csv'\n"},
        {{"menu", "--recipes", BOOK, "--limit", "3", NULL},
         "mealcheck: error: unknown option '--limit'\n"},
        {{"recipe", "--recipes", BOOK, "--decimal-comma=1", NULL},
         "mealcheck: error: option '--decimal-comma' takes no value\n"},
        {{"foods", "search", "milk", "--limit", NULL},
         "mealcheck: error: option '--limit' needs a value\n"},
        {{"foods", "show", "01001", "--limit=3", NULL},
         "mealcheck: error: unknown option '--limit=3'\n"},
        {{"standards", "show", "us_dri", "extra", NULL},
         "mealcheck: error: unexpected argument 'extra'\n"},
        {{"db", "build", "--force=1", NULL},
         "mealcheck: error: option '--force' takes no value\n"},
        {{"db", "info", "--bogus", NULL}, "mealcheck: error: unknown option '--bogus'\n"},
        {{"serve", "--listen", NULL}, "mealcheck: error: option '--listen' needs a value\n"},
        {{"serve", "--verbose", NULL}, "mealcheck: error: unknown option '--verbose'\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct run r;
        run_list(&r, cases[i].args);
        cr_expect_eq(r.status, 2, "case %zu", i);
        cr_expect(str_starts(r.err, cases[i].first_line), "case %zu: %s", i, r.err);
        char want[64];
        snprintf(want, sizeof want, "\nusage: mealcheck %s", cases[i].args[0]);
        cr_expect(str_has(r.err, want), "case %zu: no usage: %s", i, r.err);
        cr_expect_str_eq(r.out, "", "case %zu", i);
        run_free(&r);
    }
}

/* After `--` a word that looks like an option is an argument: a dish. */
Test(options, double_dash_ends_the_options)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", BOOK, "--", "--format", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_has(r.err, "'--format'") && !str_has(r.err, "needs a value"), "%s",
              r.err);
    run_free(&r);
}

/* The global options take = too, before or after the command. */
Test(options, global_options_with_equals)
{
    struct run r;
    run_mc_nodb(&r, "--db=/nonexistent/a.db", "foods", "show", "01001", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_has(r.err, "/nonexistent/a.db"), "%s", r.err);
    run_free(&r);
    run_mc_nodb(&r, "foods", "show", "01001", "--db=/nonexistent/b.db", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_has(r.err, "/nonexistent/b.db"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "standards", "list", "--standards=/nonexistent/norms", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_has(r.err, "/nonexistent/norms"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "--lang=ru", "foods", "show", "01001", "--bogus", NULL);
    cr_expect(str_starts(r.err, "mealcheck: ошибка: "), "%s", r.err);
    run_free(&r);
    run_mc_nodb(&r, "--db", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: option '--db' needs a value\n"
                         "usage: mealcheck [--db FILE] COMMAND"), "%s", r.err);
    run_free(&r);
    run_mc_nodb(&r, "--version=2", NULL);
    cr_expect(str_starts(r.err, "mealcheck: error: option '--version' takes no value\n"),
              "%s", r.err);
    run_free(&r);
}
