/* test_errors.c - the mistakes people make with the command line and the
 * files they feed it, and the exact messages and exit statuses they get. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

extern char **environ;

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
    /* The same but for the last line, which names the menu file read. */
    cr_expect(str_has(excel.out, "\ncolumns read from " ERR "menu-excel-ru.csv: "
                                 "week, day, meal, dish, portion_g\n"), "%s", excel.out);
    *strstr(excel.out, "\ncolumns read from " ERR) = '\0';
    *strstr(plain.out, "\ncolumns read from " BASIC) = '\0';
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

/* Every mistake of a menu in one run, in line order; the last row (ПЛОВ,
 * "250,5": other case, decimal comma) is fine. */
Test(errors, menu_mistakes_all_at_once)
{
#define M ERR "menu-mistakes.csv"
    struct run r;
    run_mc(&r, "menu", "--recipes", "menus/recipes.csv", "--menu", M, NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err,
        "mealcheck: error: " M ":2:2: day: expected 1-7 or a day name (Mon, Monday, Пн), got '0'\n"
        "mealcheck: error: " M ":3:2: day: expected 1-7 or a day name (Mon, Monday, Пн), got '8'\n"
        "mealcheck: error: " M ":4:5: portion_g: expected a positive number, got '0'\n"
        "mealcheck: error: " M ":5:5: portion_g: expected a positive number, got '-5'\n"
        "mealcheck: error: " M ":6:5: portion_g: expected a positive number up to 10000000, "
        "got '1e300'\n"
        "mealcheck: error: " M ":7:4: unknown dish 'Каша рисовая': not a recipe of "
        "menus/recipes.csv, a food id or a food name; did you mean 'Каша рисовая молочная' "
        "(recipe); 'мука рисовая' (20061 Rice flour, white, unenriched); 'крупа рисовая' "
        "(20450 Rice, white, medium-grain, raw, unenriched)?\n"
        "mealcheck: error: " M ":8:4: unknown dish 'плв': not a recipe of menus/recipes.csv, "
        "a food id or a food name; did you mean 'Плов' (recipe)?\n");
    cr_expect_str_eq(r.out, "");
    run_free(&r);
#undef M
}

Test(errors, recipe_mistakes_all_at_once)
{
#define B ERR "recipes-mistakes.csv"
    struct run r;
    run_mc(&r, "recipe", "--recipes", B, NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err,
        "mealcheck: error: " B ":2:3: yield_g: expected a positive number, got '0'\n"
        "mealcheck: error: " B ":3:2: servings: expected a positive number, got '0'\n"
        "mealcheck: error: " B ":4:5: net_g: expected a non-negative number up to 10000000, "
        "got '1e308'\n"
        "mealcheck: error: " B ":5:5: net_g: expected a non-negative number, got '-1'\n"
        "mealcheck: error: " B ":6:4: unknown food 'Морковча': not a food id, food name or "
        "recipe of this book; did you mean 'морковка' (11124 Carrots, raw)?\n",
        "a Cyrillic name one letter off is corrected, by its Russian name");
    run_free(&r);
#undef B
}

Test(errors, header_only_files)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", ERR "recipes-header-only.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: " ERR "recipes-header-only.csv: no "
                     "recipes: the book has a header row only; expected a row naming "
                     "a recipe\n");
    cr_expect_str_eq(r.out, "");
    run_free(&r);
    expect_menu_refused(ERR "menu-header-only.csv", "mealcheck: error: " ERR
                        "menu-header-only.csv: no dishes: the menu has a header row "
                        "only; expected a row per dish served\n");
}

/* A recipe is found by its name in any case, Cyrillic too; a name that is
 * part of several gets them all as hints. */
Test(errors, recipe_names_any_case_and_hints)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", "menus/recipes.csv", "ПЛОВ", "--format", "csv", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.out, "\nПлов,cis-heat-treatment,"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "recipe", "--recipes", "menus/recipes.csv", "Компот", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: no recipe 'Компот' in menus/recipes.csv; "
                     "did you mean 'Компот из сухофруктов' (recipe); 'Компот из свежих "
                     "яблок' (recipe)?\n");
    run_free(&r);
}

/* A dish twice in one meal, however it is written (other case, an id
 * without its leading zero); the same dish at another meal is fine. */
Test(errors, a_dish_twice_in_one_meal)
{
    expect_menu_refused(ERR "menu-repeats.csv",
        "mealcheck: error: " ERR "menu-repeats.csv:5: dish 'buckwheat' repeats line 2 "
        "in week 1 Monday breakfast; expected one row per dish, with the whole portion\n"
        "mealcheck: error: " ERR "menu-repeats.csv:6: dish '1077' repeats line 3 "
        "in week 1 Monday breakfast; expected one row per dish, with the whole portion\n");
}

/* Unknown columns are ignored, but one that looks like a column the file
 * lacks is a typo; note and date are left alone. */
Test(errors, misspelt_header)
{
    expect_menu_refused(ERR "menu-misspelt-header.csv",
        "mealcheck: error: " ERR "menu-misspelt-header.csv:1:2: unknown column 'Dya'; "
        "expected 'day'\n"
        "mealcheck: error: " ERR "menu-misspelt-header.csv:1:5: unknown column 'Portion'; "
        "expected 'portion_g'\n");
}

/* A food name with a comma, unquoted: its second half lands in portion_g
 * and the portion past the header. */
Test(errors, unquoted_comma_in_a_dish)
{
#define U ERR "menu-unquoted-comma.csv"
    expect_menu_refused(U,
        "mealcheck: error: " U ":2:6: '50' is past the last column of the header (5); "
        "expected a value with a ',' in it to be quoted\n"
        "mealcheck: error: " U ":2:5: portion_g: expected a positive number, got 'raw'\n");
#undef U
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

#define CHECK_ARGS "check", "--recipes", BOOK, "--menu", BASIC, "--standard", \
    "us_dri", "--group", "9-13"

/* Paths that cannot take a file: exit 2 before anything is written. */
Test(errors, output_and_database_paths)
{
    static const struct {
        int with_db;
        const char *args[6];
        const char *message;
    } cases[] = {
        {0, {"--db", "tests/data", "foods", "show", "01001", NULL},
         "mealcheck: error: tests/data: is a directory; expected a mealcheck food "
         "database file\n"},
        {0, {"--db", "tests/data/none.db", "foods", "show", "01001", NULL},
         "mealcheck: error: tests/data/none.db: cannot open the food database: No such "
         "file or directory (build it with 'mealcheck db build')\n"},
        {0, {"--db", BASIC, "foods", "show", "01001", NULL},
         "mealcheck: error: " BASIC ": not a mealcheck food database\n"},
        {0, {"db", "build", "-o", "tests/data", NULL, NULL},
         "mealcheck: error: tests/data: is a directory; expected a file name\n"},
        {1, {"-o", "tests/data/errors", NULL, NULL, NULL, NULL}, NULL},
        {1, {"-o", BASIC "/r.xlsx", NULL, NULL, NULL, NULL},
         "mealcheck: error: " BASIC "/r.xlsx: cannot write: Not a directory\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct run r;
        const char *const *a = cases[i].args;
        if (cases[i].with_db)
            run_mc(&r, CHECK_ARGS, a[0], a[1], NULL);
        else
            run_mc_nodb(&r, a[0], a[1], a[2], a[3], a[4], NULL);
        cr_expect_eq(r.status, 2, "case %zu: %s", i, r.err);
        if (cases[i].message)
            cr_expect_str_eq(r.err, cases[i].message, "case %zu", i);
        cr_expect_str_eq(r.out, "", "case %zu", i);
        run_free(&r);
    }
}

/* check -o out exits 2 with "mealcheck: error: <out>: <reason>" only. */
static void expect_report_refused(const char *out, const char *reason)
{
    struct run r;
    run_mc(&r, CHECK_ARGS, "-o", out, NULL);
    cr_expect_eq(r.status, 2);
    char want[256];
    snprintf(want, sizeof want, "mealcheck: error: %s: %s\n", out, reason);
    cr_expect_str_eq(r.err, want);
    cr_expect_str_eq(r.out, "");
    run_free(&r);
}

/* tests/data/errors is a directory whose name does not end in .xlsx, so
 * the case above stops at the name; a directory named like a report
 * gets as far as the write. */
Test(errors, report_path_is_a_directory)
{
    char dir[] = "/tmp/mc-e2e-rep-XXXXXX", out[64];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(out, sizeof out, "%s/r.xlsx", dir);
    cr_assert_eq(mkdir(out, 0755), 0);
    expect_report_refused(out, "is a directory; expected a file name");
    struct run r;
    run_mc(&r, CHECK_ARGS, "-o", "report.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: -o: expected a file name ending in "
                         ".xlsx, got 'report.csv'\nusage:"), "%s", r.err);
    run_free(&r);
    rmdir(out);
    rmdir(dir);
}

/* Permissions bind only non-root users; as root the folder is writable. */
Test(errors, report_in_a_read_only_folder)
{
    if (geteuid() == 0)
        cr_skip_test("root writes into read-only folders");
    char dir[] = "/tmp/mc-e2e-ro-XXXXXX", out[64];
    cr_assert_not_null(mkdtemp(dir));
    cr_assert_eq(chmod(dir, 0555), 0);
    snprintf(out, sizeof out, "%s/r.xlsx", dir);
    expect_report_refused(out, "cannot write: Permission denied");
    rmdir(dir);
}

/* Name of a file in dir whose name has ".tmp-", into name; 1 if found. */
static int find_temp(const char *dir, char *name, size_t size)
{
    DIR *d = opendir(dir);
    int found = 0;
    for (struct dirent *e; d && !found && (e = readdir(d));)
        if (strstr(e->d_name, ".tmp-")) {
            snprintf(name, size, "%s", e->d_name);
            found = 1;
        }
    if (d)
        closedir(d);
    return found;
}

/* Ctrl-C (SIGINT) during a database build: the process dies of the signal
 * and its temporary database goes with it.  The full SR28 build takes
 * seconds, so the temporary file is there to be seen first. */
/* Start the tool with args (NULL-terminated) as from a terminal (SIGINT
 * not ignored, whatever the test runner does), stdout to out_path and
 * stderr to err_path; return its pid. */
static pid_t spawn_mc(const char *out_path, const char *err_path, const char *const *args)
{
    const char *bin = getenv("MC_TEST_BIN");
    char *argv[16] = {(char *)(bin && *bin ? bin : "build/mealcheck")};
    for (int i = 0; args[i] && i < 14; i++)
        argv[i + 1] = (char *)args[i];
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawnattr_t attr;
    sigset_t deflt;
    sigemptyset(&deflt);
    sigaddset(&deflt, SIGINT);
    posix_spawnattr_init(&attr);
    posix_spawnattr_setsigdefault(&attr, &deflt);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
    pid_t pid;
    cr_assert_eq(posix_spawn(&pid, argv[0], &fa, &attr, argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    return pid;
}

Test(errors, interrupted_build_leaves_no_temporary_file, .timeout = 120)
{
    char dir[] = "/tmp/mc-e2e-int-XXXXXX", out[64], name[256];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(out, sizeof out, "%s/m.db", dir);
    const char *args[] = {"db", "build", "-o", out, NULL};
    pid_t pid = spawn_mc("/dev/null", "/dev/null", args);
    int seen = 0;
    for (int i = 0; i < 6000 && !(seen = find_temp(dir, name, sizeof name)); i++)
        nanosleep(&(struct timespec){.tv_nsec = 10000000}, NULL);
    cr_expect(seen, "no temporary file appeared");
    kill(pid, SIGINT);
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_expect(WIFSIGNALED(st) && WTERMSIG(st) == SIGINT, "status %d", st);
    cr_expect(!find_temp(dir, name, sizeof name), "left behind: %s", name);
    cr_expect_eq(access(out, F_OK), -1, "no half-built database");
    unlink(out);
    rmdir(dir);
}

/* Output sent to a full disk is a failure, not a quietly cut-off success. */
Test(errors, output_to_a_full_disk)
{
    char err_path[] = "/tmp/mc-e2e-full-XXXXXX";
    close(mkstemp(err_path));
    const char *db = getenv("MC_TEST_DB");
    const char *args[] = {"--db", db && *db ? db : "build/mealcheck.db", "menu",
                          "--recipes", BOOK, "--menu", BASIC, "--format", "csv", NULL};
    pid_t pid = spawn_mc("/dev/full", err_path, args);
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 1, "status %d", st);
    char *err = slurp(err_path);
    cr_expect_str_eq(err, "mealcheck: error: cannot write the output: No space left on "
                     "device\n");
    free(err);
    unlink(err_path);
}

/* --cooking names a folder; check takes it as recipe and menu do. */
Test(errors, cooking_folder_must_exist)
{
    struct run r;
    run_mc(&r, CHECK_ARGS, "--cooking", "tests/data/no-such-folder", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: tests/data/no-such-folder: No such file or "
                     "directory; --cooking expects a folder of cooking-loss profiles "
                     "(*.csv)\n");
    run_free(&r);
    run_mc(&r, "menu", "--recipes", BOOK, "--menu", BASIC, "--cooking", BASIC, NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: " BASIC ": not a folder; --cooking expects "
                     "a folder of cooking-loss profiles (*.csv)\n");
    run_free(&r);
    /* The test folder has the profile half only, as check now sees. */
    run_mc(&r, CHECK_ARGS, "--cooking", "tests/data/cooking-test", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: " BOOK ":11:9: unknown cooking profile "
                         "'cis-heat-treatment' (profiles: none, half)\n"), "%s", r.err);
    run_free(&r);
}

/* Every option check's help names is one it takes, and the reverse. */
Test(errors, check_help_names_its_options)
{
    struct run r;
    run_mc(&r, "check", "--help", NULL);
    cr_expect_eq(r.status, 0);
    const char *opts[] = {"--recipes FILE", "--menu FILE", "--standard ID", "--group G",
                          "--date YYYY-MM-DD", "--meal-share MEAL=MIN-MAX",
                          "--average days|totals", "--title TEXT",
                          "-o|--output REPORT.xlsx", "--format text|json",
                          "--cooking DIR"};
    for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
        cr_expect(str_has(r.out, opts[i]), "help lacks %s", opts[i]);
    run_free(&r);
}

/* --meal-share takes meal names as a menu does: Russian, Kazakh, any case. */
Test(errors, meal_share_in_russian_and_kazakh)
{
    struct run en, local;
    run_mc(&en, "check", "--recipes", "menus/recipes.csv", "--menu", "menus/menu.csv",
           "--standard", "us_dri", "--group", "9-13", "--date", "2026-09-01",
           "--meal-share", "breakfast=20-25", "--meal-share", "lunch=30-35",
           "--format", "json", NULL);
    run_mc(&local, "check", "--recipes", "menus/recipes.csv", "--menu", "menus/menu.csv",
           "--standard", "us_dri", "--group", "9-13", "--date", "2026-09-01",
           "--meal-share", "Завтрак=20-25", "--meal-share", "ТҮСКІ АС=30-35",
           "--format", "json", NULL);
    cr_expect_eq(en.status, 3, "%s", en.err);
    cr_expect_eq(local.status, en.status, "%s", local.err);
    cr_expect_str_eq(local.out, en.out);
    run_free(&en);
    run_free(&local);
}

/* A norm set dropped into standards/ in Windows-1251: its metadata is
 * checked as strictly as its table. */
Test(errors, norm_set_in_windows_1251)
{
    setenv("MEALCHECK_HOME", ERR "home-cp1251", 1);
    struct run r;
    run_mc(&r, "standards", "list", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: " ERR "home-cp1251/standards/kz_test.csv"
                         ":2:1: byte 0xCD is not UTF-8 (the file may be in Windows-1251 or "
                         "another legacy encoding); " UTF8_HINT), "%s", r.err);
    run_free(&r);
}
