/*
 * test_install.c - the Makefile as a user and a packager meet it: the
 * database rule, -Werror only in a developer build, and `make install` /
 * `make uninstall` staged below DESTDIR, with the installed tool run from
 * elsewhere and a program built against the installed library through
 * pkg-config.
 *
 * make runs in the project root (where the tests run) on the tree the
 * suite was built from; the install links its own tool in build/install,
 * so the tool the other tests run is never touched.
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

/* A make started by a test is not part of the make that runs the tests:
 * no jobserver, none of the variables it was given (make exports them;
 * `make sanitize` gives BUILD, SAN, OPT, WERROR and TEST_DB). */
static void run_make(struct run *r, const char *const *args)
{
    static const char *const inherited[] = {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "BUILD",
                                            "SAN", "OPT", "WERROR", "TEST_DB"};
    for (size_t i = 0; i < sizeof inherited / sizeof *inherited; i++)
        unsetenv(inherited[i]);
    char *argv[16] = {(char *)"make"};
    int n = 1;
    for (; args[n - 1] && n < 15; n++)
        argv[n] = (char *)args[n - 1];
    argv[n] = NULL;
    run_argv(r, argv);
}

static void run_sh(struct run *r, const char *script)
{
    char *argv[] = {(char *)"sh", (char *)"-c", (char *)script, NULL};
    run_argv(r, argv);
}

/* After a change to the tool outside the importer make relinks it and
 * leaves the database; after a change to the importer it rebuilds it. */
Test(install, database_rule_follows_the_importer_only)
{
    struct run r;
    run_make(&r, (const char *const[]){"-n", "-W", "src/cli/cmd_foods.c", "build/mealcheck.db",
                                       NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.out, "-o build/mealcheck "), "%s", r.out);
    cr_expect(!str_has(r.out, "db build"), "%s", r.out);
    run_free(&r);

    const char *importer[] = {"src/lib/food_import.c", "src/lib/sr28.c",
                              "include/mealcheck/food_db.h"};
    for (size_t i = 0; i < sizeof importer / sizeof *importer; i++) {
        run_make(&r, (const char *const[]){"-n", "-W", importer[i], "build/mealcheck.db", NULL});
        cr_assert_eq(r.status, 0, "%s", r.err);
        cr_expect(str_has(r.out, "build/mealcheck --db build/mealcheck.db db build\n"),
                  "%s: %s", importer[i], r.out);
        run_free(&r);
    }
}

/* The database records the hash of the importer's sources it was built
 * by, the one make computes from the tree now: a database from other
 * import rules has another fingerprint, and `db build` redoes it. */
Test(install, database_records_the_importer_it_was_built_by)
{
    struct run r;
    run_make(&r, (const char *const[]){"-s", "--eval", "importer-hash: ; @echo $(IMPORTER_HASH)",
                                       "importer-hash", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_eq(strlen(r.out), 17, "%s", r.out);

    const char *path = getenv("MC_TEST_DB");
    sqlite3 *db;
    sqlite3_stmt *q;
    cr_assert_eq(sqlite3_open_v2(path && *path ? path : "build/mealcheck.db", &db,
                                 SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'importer'", -1,
                                    &q, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_step(q), SQLITE_ROW, "no importer in the database's meta");
    char want[32];
    snprintf(want, sizeof want, "%s\n", (const char *)sqlite3_column_text(q, 0));
    cr_expect_str_eq(r.out, want);
    sqlite3_finalize(q);
    sqlite3_close(db);
    run_free(&r);
}

/* Warnings are errors in a developer build (WERROR=1, and `make test`
 * sets it), not in a plain `make`; a plain build asks for no test tool. */
Test(install, werror_only_in_a_developer_build)
{
    static const char *const cases[][2] = {
        {"", ""}, {"WERROR=1", "-Werror"}, {"test", "-Werror"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct run r;
        const char *target = cases[i][0][0] ? cases[i][0] : "build/mealcheck";
        run_make(&r, (const char *const[]){"-n", "-W", "src/cli/main.c", target, NULL});
        cr_assert_eq(r.status, 0, "%s", r.err);
        cr_expect(str_has(r.out, "-c src/cli/main.c"), "%s", r.out);
        cr_expect(str_has(r.out, " -Werror ") == (cases[i][1][0] != 0), "%s: %s", target, r.out);
        run_free(&r);
    }
    struct run r;
    run_make(&r, (const char *const[]){"-n", "deps", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.out, "pkg-config --exists"), "%s", r.out);
    cr_expect(!str_has(r.out, "chromium") && !str_has(r.out, "valgrind") &&
              !str_has(r.out, "criterion"), "%s", r.out);
    run_free(&r);
}

static void expect_file(const char *stage, const char *rel)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s%s", stage, rel);
    cr_expect(access(path, R_OK) == 0, "%s not installed", path);
}

/* Run ARGV's first n words and then the check of the sample menu as
 * installed in data, in Russian (the installed catalogue). */
static void run_check(struct run *r, char **argv, int n, const char *data)
{
    static char recipes[PATH_MAX + 32], menu[PATH_MAX + 32];
    snprintf(recipes, sizeof recipes, "%s/menus/recipes.csv", data);
    snprintf(menu, sizeof menu, "%s/menus/menu.csv", data);
    const char *args[] = {"--lang", "ru", "check", "--recipes", recipes, "--menu", menu,
                          "--standard", "ru_sanpin_3590_20", "--group", "7-11",
                          "--date", "2026-01-01", NULL};
    for (size_t i = 0; args[i]; i++)
        argv[n++] = (char *)args[i];
    argv[n] = NULL;
    run_argv(r, argv);
}

Test(install, staged_install_runs_from_anywhere_and_uninstalls, .timeout = 180)
{
    char root[PATH_MAX], tmp[] = "/tmp/mc-install-XXXXXX";
    cr_assert(getcwd(root, sizeof root));
    cr_assert(mkdtemp(tmp));
    /* tmp is short: these cannot be cut off. */
    char stage[64], work[64], destdir[80], data[96], bin[96];
    snprintf(stage, sizeof stage, "%s/stage", tmp);
    snprintf(work, sizeof work, "%s/work", tmp);
    snprintf(destdir, sizeof destdir, "DESTDIR=%s", stage);
    snprintf(data, sizeof data, "%s/usr/share/mealcheck", stage);
    snprintf(bin, sizeof bin, "%s/usr/bin/mealcheck", stage);
    cr_assert_eq(mkdir(work, 0700), 0);

    struct run r;
    run_make(&r, (const char *const[]){"-s", "install", destdir, "PREFIX=/usr", NULL});
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    run_free(&r);
    static const char *const files[] = {
        "/usr/bin/mealcheck", "/usr/share/mealcheck/mealcheck.db",
        "/usr/share/mealcheck/locale/ru/LC_MESSAGES/mealcheck.mo",
        "/usr/share/mealcheck/locale/kk/LC_MESSAGES/mealcheck.mo",
        "/usr/share/mealcheck/standards/ru_sanpin_3590_20.csv",
        "/usr/share/mealcheck/standards/us_dri.csv",
        "/usr/share/mealcheck/food_composition/cooking/cis-heat-treatment.csv",
        "/usr/share/mealcheck/food_composition/food_sets/food_groups.csv",
        "/usr/share/mealcheck/food_composition/food_sets/norms/ru_sanpin_3590_20_app7.csv",
        "/usr/share/mealcheck/menus/recipes.csv", "/usr/share/man/man1/mealcheck.1",
        "/usr/lib/libmealcheck.a", "/usr/lib/pkgconfig/mealcheck.pc",
        "/usr/include/mealcheck/food_db.h"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        expect_file(stage, files[i]);
    cr_expect(access(bin, X_OK) == 0);

    /* The tool in the tree, for comparison, before leaving the tree. */
    struct run want;
    char *argv[40], wrapper[1024];
    run_check(&want, argv, mc_argv(argv, wrapper, sizeof wrapper, 1), data);
    cr_assert_eq(want.status, 7, "%s", want.err);

    /* Away from the tree, with no MEALCHECK_HOME: the compiled-in data
     * directory is /usr/share/mealcheck, not there yet while staged. */
    cr_assert_eq(chdir(work), 0);
    unsetenv("MEALCHECK_HOME");
    unsetenv("MEALCHECK_DB");
    unsetenv("MEALCHECK_DATADIR");
    char *show[] = {bin, (char *)"foods", (char *)"show", (char *)"01001", NULL};
    run_argv(&r, show);
    cr_expect_eq(r.status, 2, "%s", r.out);
    cr_expect(str_has(r.err, "/usr/share/mealcheck/mealcheck.db"), "%s", r.err);
    run_free(&r);

    /* MEALCHECK_DATADIR stands for it. */
    setenv("MEALCHECK_DATADIR", data, 1);
    /* The sample menu: breakfast and lunch of 7-11-year-olds give 1292 kcal
     * a day, calcium 384 mg, 70 % of SanPiN's 550 mg; with the set's own
     * unverified lunch share every norm only advises (exit 7). */
    argv[0] = bin;
    run_check(&r, argv, 1, data);
    cr_expect_eq(r.status, 7, "%s", r.err);
    cr_expect(str_has(r.out, "\n== ru_sanpin_3590_20, группа 7-11 (ru_7_11): невозможно "
                             "установить: ни одна из проверяемых норм не подтверждена"),
              "%s", r.out);
    cr_expect(str_has(r.out, "(нарушений: 0, рекомендательных: 9, недостаточно данных: 1, "
                             "в норме: 3)\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\n   Энергетическая ценность (ккал)       1175-1410              "
                             "1292    100%  норма"), "%s", r.out);
    cr_expect(str_has(r.out, "\n   Кальций (мг)                         >= 550                  "
                             "384     70%  ниже нормы"), "%s", r.out);
    cr_expect_str_eq(r.out, want.out);
    run_free(&r);
    run_free(&want);

    /* A program built against the installed library with pkg-config. */
    char script[4 * PATH_MAX];
    snprintf(script, sizeof script,
             "cat > app.c <<'EOF'\n"
             "#include <stdio.h>\n"
             "#include <mealcheck/food_db.h>\n"
             "int main(int argc, char **argv)\n"
             "{\n"
             "    struct mc_err err = {0};\n"
             "    struct mc_food_db *db = NULL;\n"
             "    struct mc_food_db_provenance p;\n"
             "    if (argc != 2 || mc_food_db_open(argv[1], &db, &err) ||\n"
             "        mc_food_db_provenance(db, &p, &err))\n"
             "        return 1;\n"
             "    printf(\"%%s: %%ld foods\\n\", p.release, p.foods);\n"
             "    mc_food_db_provenance_release(&p);\n"
             "    mc_food_db_close(db);\n"
             "    return 0;\n"
             "}\n"
             "EOF\n"
             "export PKG_CONFIG_SYSROOT_DIR='%s' PKG_CONFIG_PATH='%s/usr/lib/pkgconfig'\n"
             "cc -std=c11 -o app app.c $(pkg-config --cflags --libs --static mealcheck) && "
             "./app '%s/mealcheck.db'",
             stage, stage, data);
    run_sh(&r, script);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "SR28 (May 2016): 8789 foods\n");
    run_free(&r);

    /* make uninstall leaves not one installed file. */
    cr_assert_eq(chdir(root), 0);
    run_make(&r, (const char *const[]){"-s", "uninstall", destdir, "PREFIX=/usr", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    run_free(&r);
    char find[PATH_MAX + 64];
    snprintf(find, sizeof find, "find '%s' ! -type d", stage);
    run_sh(&r, find);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "", "left after uninstall:\n%s", r.out);
    run_free(&r);
    cr_expect(access(data, F_OK) != 0, "%s left", data);

    char rm[PATH_MAX + 16];
    snprintf(rm, sizeof rm, "rm -rf '%s'", tmp);
    run_sh(&r, rm);
    run_free(&r);
}
