/*
 * test_infile.c - input files that would hang or exhaust the tool: a
 * device (/dev/zero), a FIFO with no writer, a file past the size limit,
 * through a command and through an audit manifest that names them.
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

#define BOOK "menus/recipes.csv"

/* A fresh folder holding a FIFO "fifo" and a sparse 65 MiB "big.csv" (no
 * disk is used: only its size is past the limit). */
static void make_hostile(char *dir, size_t size)
{
    snprintf(dir, size, "/tmp/mc-infile-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/fifo", dir);
    cr_assert_eq(mkfifo(path, 0600), 0);
    snprintf(path, sizeof path, "%s/big.csv", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    cr_assert_eq(ftruncate(fileno(f), (off_t)65 << 20), 0);
    fclose(f);
}

/* Bounded: before the fix a FIFO waited for ever. */
TestSuite(infile, .timeout = 120);

static void remove_dir(const char *dir)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
}

Test(infile, device_is_refused_not_read)
{
    struct run r;
    run_mc(&r, "menu", "--recipes", BOOK, "--menu", "/dev/zero", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: /dev/zero: not a regular file (a pipe, "
                            "a device or a socket); expected a CSV file or an .xlsx "
                            "workbook\n");
    run_free(&r);
}

Test(infile, fifo_is_refused_without_waiting_for_a_writer)
{
    char dir[64], fifo[PATH_MAX], want[PATH_MAX + 200];
    make_hostile(dir, sizeof dir);
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    struct run r;
    run_mc(&r, "recipe", "--recipes", fifo, "Плов", NULL);
    cr_expect_eq(r.status, 2);
    snprintf(want, sizeof want, "mealcheck: error: %s: not a regular file (a pipe, a "
             "device or a socket); expected a CSV file or an .xlsx workbook\n", fifo);
    cr_expect_str_eq(r.err, want);
    run_free(&r);
    remove_dir(dir);
}

Test(infile, file_past_the_limit_is_refused_naming_it)
{
    char dir[64], big[PATH_MAX], want[PATH_MAX + 200];
    make_hostile(dir, sizeof dir);
    snprintf(big, sizeof big, "%s/big.csv", dir);
    struct run r;
    run_mc(&r, "menu", "--recipes", BOOK, "--menu", big, NULL);
    cr_expect_eq(r.status, 2);
    snprintf(want, sizeof want, "mealcheck: error: %s: larger than 64 MiB, the most an "
             "input file may hold\n", big);
    cr_expect_str_eq(r.err, want);
    run_free(&r);
    remove_dir(dir);
}

/* Schools whose menu is a device, a FIFO or too large could not be
 * checked; the audit goes on with the others (exit 4, not 1, no hang). */
Test(infile, audit_reports_the_schools_with_hostile_menus)
{
    char dir[64], manifest[PATH_MAX], good[PATH_MAX], want[PATH_MAX + 300];
    make_hostile(dir, sizeof dir);
    cr_assert_not_null(realpath("menus/audit/menus/week1.csv", good));
    snprintf(manifest, sizeof manifest, "%s/schools.csv", dir);
    FILE *f = fopen(manifest, "w");
    cr_assert_not_null(f);
    fprintf(f, "school_id,standards,groups,menu\n"
               "G1,ru_sanpin_3590_20,7-11,%s\n"
               "Z1,ru_sanpin_3590_20,7-11,/dev/zero\n"
               "F1,ru_sanpin_3590_20,7-11,fifo\n"
               "L1,ru_sanpin_3590_20,7-11,big.csv\n", good);
    fclose(f);
    struct run r;
    run_mc(&r, "audit", manifest, "--recipes", BOOK, "--date", "2025-09-01",
           "--format", "json", NULL);
    cr_expect_eq(r.status, 4, "%s", r.err);
    cr_expect(strstr(r.out, "\"counts\":{\"complies\":0,\"advisory_not_met\":0,\"fails\":0,"
                            "\"insufficient_data\":0,\"unverified_norms\":1,"
                            "\"not_checked\":3}"), "%s", r.out);
    cr_expect(strstr(r.out, "\"errors\":[\"/dev/zero: not a regular file (a pipe, a "
                            "device or a socket); expected a CSV file or an .xlsx "
                            "workbook\"]"), "%s", r.out);
    snprintf(want, sizeof want, "\"errors\":[\"%s/fifo: not a regular file (a pipe, a "
             "device or a socket); expected a CSV file or an .xlsx workbook\"]", dir);
    cr_expect(strstr(r.out, want), "%s", r.out);
    snprintf(want, sizeof want, "\"errors\":[\"%s/big.csv: larger than 64 MiB, the most "
             "an input file may hold\"]", dir);
    cr_expect(strstr(r.out, want), "%s", r.out);
    run_free(&r);
    remove_dir(dir);
}
