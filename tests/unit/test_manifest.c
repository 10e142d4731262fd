/*
 * test_manifest.c - reading the list of schools of an audit.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mealcheck/manifest.h"

static struct mc_manifest *load_ok(const char *path)
{
    struct mc_err err = {0};
    struct mc_manifest *m = NULL;
    cr_assert_eq(mc_manifest_load(path, &m, &err), MC_OK, "%s", mc_err_text(&err));
    mc_err_release(&err);
    return m;
}

/* Loaded whole or scanned, the same messages. */
static void load_fails(const char *path, const char *expected)
{
    for (int scan = 0; scan < 2; scan++) {
        struct mc_err err = {0};
        struct mc_manifest *m = NULL;
        cr_assert_eq(scan ? mc_manifest_scan(path, NULL, &m, &err)
                          : mc_manifest_load(path, &m, &err), MC_ERR_INPUT);
        cr_expect_null(m);
        cr_expect_str_eq(mc_err_text(&err), expected, "scan %d", scan);
        mc_err_release(&err);
    }
}

Test(manifest, sample_audit)
{
    struct mc_manifest *m = load_ok("menus/audit/schools.csv");
    cr_assert_eq(m->n, 12);
    const struct mc_manifest_school *s = &m->schools[0];
    cr_expect_str_eq(s->id, "ALM-001");
    cr_expect_str_eq(s->name, "School-lyceum No. 12");
    cr_expect_str_eq(s->district, "Almaly");
    cr_expect_str_eq(s->region, "Almaty");
    cr_expect_str_eq(s->menu, "menus/audit/menus/two-weeks.csv");
    cr_expect_null(s->recipes);
    cr_expect_eq(s->n_groups, 1);
    cr_expect_str_eq(s->groups[0], "7-11");
    cr_expect_eq(s->n_standards, 1);
    cr_expect_str_eq(s->standards[0], "ru_sanpin_3590_20");
    cr_expect_eq(s->n_shares, 0);
    cr_expect_eq(s->line, 2);
    s = &m->schools[2];
    cr_expect_str_eq(s->id, "ALM-003");
    cr_expect_eq(s->n_standards, 2);
    cr_expect_str_eq(s->standards[1], "us_dri");
    cr_assert_eq(s->n_shares, 2);
    cr_expect_str_eq(s->shares[1].meal, "lunch");
    cr_expect_eq(s->shares[1].min_pct, 30);
    cr_expect_eq(s->shares[1].max_pct, 35);
    cr_expect_eq(s->shares[1].verified, 1);
    cr_expect_str_eq(m->schools[3].groups[0], "14 boys and 12 girls aged 9-13");
    cr_expect_eq(m->col_groups, 7);
    cr_expect_eq(m->col_standards, 8);
    mc_manifest_free(m);
}

/* Paths are relative to the manifest's folder unless absolute; lists are
 * trimmed; columns in any order and case; a Russian meal is canonical. */
Test(manifest, paths_lists_and_shares)
{
    struct mc_manifest *m = load_ok("tests/data/manifest/paths.csv");
    cr_assert_eq(m->n, 1);
    const struct mc_manifest_school *s = &m->schools[0];
    cr_expect_str_eq(s->menu, "tests/data/manifest/sub/m.csv");
    cr_expect_str_eq(s->recipes, "/abs/book.csv");
    cr_expect_str_eq(s->name, "");
    cr_expect_str_eq(s->district, "");
    cr_assert_eq(s->n_groups, 2);
    cr_expect_str_eq(s->groups[0], "7-11");
    cr_expect_str_eq(s->groups[1], "14 boys and 12 girls aged 9-13");
    cr_assert_eq(s->n_shares, 2);
    cr_expect_str_eq(s->shares[0].meal, "breakfast");
    cr_expect_eq(s->shares[0].min_pct, 20);
    cr_expect_eq(s->shares[0].max_pct, 25);
    cr_expect_str_eq(s->shares[1].meal, "lunch");
    cr_expect_eq(s->shares[1].min_pct, 30);
    cr_expect_eq(s->shares[1].max_pct, 30);
    cr_expect_eq(m->col_groups, 4);
    mc_manifest_free(m);
}

Test(manifest, every_bad_row_reported_at_its_cell)
{
    load_fails("tests/data/manifest/bad-rows.csv",
               "tests/data/manifest/bad-rows.csv:3:1: school 'A1' is listed twice "
               "(first at line 2)\n"
               "tests/data/manifest/bad-rows.csv:4:1: school_id is empty; expected "
               "the school's id\n"
               "tests/data/manifest/bad-rows.csv:5:4: menu is empty; expected the "
               "school's menu file\n"
               "tests/data/manifest/bad-rows.csv:5:5: groups is empty; expected an "
               "age group or roster, e.g. 7-11\n"
               "tests/data/manifest/bad-rows.csv:5:7: meal_shares: lunch is given twice\n"
               "tests/data/manifest/bad-rows.csv:6:6: standards is empty; expected a "
               "norm set id, e.g. ru_sanpin_3590_20\n"
               "tests/data/manifest/bad-rows.csv:6:7: meal_shares: expected "
               "MEAL=MIN-MAX (% of the day, e.g. lunch=30-35), got 'breakfast=40-30'\n");
}

Test(manifest, bad_header)
{
    load_fails("tests/data/manifest/bad-header.csv",
               "tests/data/manifest/bad-header.csv:1:3: unknown column 'group'; "
               "expected 'groups'\n");
}

Test(manifest, no_schools)
{
    load_fails("tests/data/manifest/empty.csv",
               "tests/data/manifest/empty.csv: no schools: the manifest has a header "
               "row only; expected a row per school\n");
}

Test(manifest, missing_file)
{
    struct mc_err err = {0};
    struct mc_manifest *m = NULL;
    cr_assert_eq(mc_manifest_load("tests/data/manifest/none.csv", &m, &err), MC_ERR_INPUT);
    cr_expect(strstr(mc_err_text(&err), "tests/data/manifest/none.csv") == mc_err_text(&err), "%s", mc_err_text(&err));
    mc_err_release(&err);
}

/* Ids are looked up in a table that grows with the manifest: every id of a
 * long one is found, wherever its twin is (here 3,001 rows apart, across
 * several growths of the table), and only the twins are reported. */
Test(manifest, twins_found_in_a_long_manifest)
{
    char path[] = "/tmp/mc-manifest-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("school_id,menu,groups,standards\n", f);
    for (int i = 0; i < 5000; i++)
        fprintf(f, "S%d,m.csv,7-11,us_dri\n", i);
    fputs("S1999,m.csv,7-11,us_dri\nS0,m.csv,7-11,us_dri\ns0,m.csv,7-11,us_dri\n", f);
    fclose(f);
    char expected[512];
    snprintf(expected, sizeof expected,
             "%s:5002:1: school 'S1999' is listed twice (first at line 2001)\n"
             "%s:5003:1: school 'S0' is listed twice (first at line 2)\n", path, path);
    load_fails(path, expected);
    unlink(path);
}

static void expect_str(const char *got, const char *want, const char *what)
{
    if (!want)
        cr_expect_null(got, "%s", what);
    else
        cr_expect_str_eq(got, want, "%s", what);
}

/* Every field of s is w's. */
static void expect_same(const struct mc_manifest_school *s,
                        const struct mc_manifest_school *w)
{
    expect_str(s->id, w->id, "id");
    expect_str(s->name, w->name, "name");
    expect_str(s->district, w->district, "district");
    expect_str(s->region, w->region, "region");
    expect_str(s->menu, w->menu, "menu");
    expect_str(s->recipes, w->recipes, "recipes");
    expect_str(s->aliases, w->aliases, "aliases");
    cr_expect_eq(s->line, w->line);
    cr_expect_eq(s->cycle_start, w->cycle_start);
    cr_assert_eq(s->n_groups, w->n_groups);
    for (size_t k = 0; k < w->n_groups; k++)
        cr_expect_str_eq(s->groups[k], w->groups[k]);
    cr_assert_eq(s->n_standards, w->n_standards);
    for (size_t k = 0; k < w->n_standards; k++)
        cr_expect_str_eq(s->standards[k], w->standards[k]);
    cr_assert_eq(s->n_shares, w->n_shares);
    for (size_t k = 0; k < w->n_shares; k++) {
        cr_expect_str_eq(s->shares[k].meal, w->shares[k].meal);
        cr_expect_eq(s->shares[k].min_pct, w->shares[k].min_pct);
        cr_expect_eq(s->shares[k].max_pct, w->shares[k].max_pct);
        cr_expect_eq(s->shares[k].verified, w->shares[k].verified);
    }
}

/* A scanned manifest keeps no school in memory; its schools read back (from
 * its temporary file) are the loaded manifest's, field by field, as are a
 * loaded manifest's read as rows, and both end after the last. */
Test(manifest, scan_then_rows)
{
    const char *paths[] = {"menus/audit/schools.csv", "tests/data/manifest/paths.csv",
                           "tests/data/manifest/cycle.csv", "tests/data/names/schools.csv"};
    for (size_t p = 0; p < 4; p++) {
        struct mc_manifest *whole = load_ok(paths[p]), *m = NULL;
        struct mc_err err = {0};
        cr_assert_eq(mc_manifest_scan(paths[p], NULL, &m, &err), MC_OK, "%s",
                     mc_err_text(&err));
        cr_expect_null(m->schools);
        cr_expect_eq(m->n, whole->n);
        cr_expect_eq(m->col_groups, whole->col_groups);
        cr_expect_eq(m->col_standards, whole->col_standards);
        const struct mc_manifest *from[] = {m, whole};
        for (int f = 0; f < 2; f++) {
            struct mc_manifest_rows *rows;
            struct mc_manifest_school s;
            cr_assert_eq(mc_manifest_rows_open(from[f], &rows, &err), MC_OK);
            for (size_t i = 0; i < whole->n; i++) {
                cr_assert_eq(mc_manifest_rows_next(rows, &s, &err), 1, "row %zu", i);
                expect_same(&s, &whole->schools[i]);
                mc_manifest_school_release(&s);
            }
            cr_expect_eq(mc_manifest_rows_next(rows, &s, &err), 0);
            cr_expect_null(s.id);
            mc_manifest_rows_close(rows);
        }
        cr_expect_eq(err.count, 0);
        mc_manifest_free(m);
        mc_manifest_free(whole);
        mc_err_release(&err);
    }
}

/* cycle_start: a date read as yyyymmdd; an empty cell is 0 (no cycle). */
Test(manifest, cycle_start)
{
    struct mc_manifest *m = load_ok("tests/data/manifest/cycle.csv");
    cr_assert_eq(m->n, 2);
    cr_expect_eq(m->schools[0].cycle_start, 20250901);
    cr_expect_eq(m->schools[1].cycle_start, 0);
    mc_manifest_free(m);
}

/* A date as a Russian spreadsheet shows it, and one not in the calendar. */
Test(manifest, cycle_start_bad)
{
    load_fails("tests/data/manifest/cycle-bad.csv",
               "tests/data/manifest/cycle-bad.csv:2:5: cycle_start: expected the first "
               "day of the menu's week 1 as YYYY-MM-DD (e.g. 2025-09-01), got "
               "'01.09.2025'\n"
               "tests/data/manifest/cycle-bad.csv:3:5: cycle_start: expected the first "
               "day of the menu's week 1 as YYYY-MM-DD (e.g. 2025-09-01), got "
               "'2025-02-30'\n");
}
