/*
 * test_infile.c - the one reader of input files: whole regular files, and
 * a clear refusal, without blocking, of a FIFO, a device, a directory and
 * a file past MC_INFILE_MAX; a norm-set folder holding a FIFO fails at
 * once instead of waiting for a writer.
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mealcheck/infile.h"
#include "mealcheck/standard.h"

static char dir[] = "/tmp/mc-infile-unit-XXXXXX";

static void setup(void)
{
    cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
}

TestSuite(infile, .init = setup, .fini = teardown, .timeout = 20);

static void path_in(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
}

Test(infile, reads_a_regular_file_whole)
{
    char p[PATH_MAX], *buf;
    size_t len;
    path_in(p, sizeof p, "a.csv");
    FILE *f = fopen(p, "w");
    fputs("day,meal\nMon,lunch\n", f);
    fclose(f);
    struct mc_err err = {0};
    cr_assert_eq(mc_infile_read(p, &buf, &len, &err), MC_OK);
    cr_expect_eq(len, 19);
    cr_expect_str_eq(buf, "day,meal\nMon,lunch\n");
    free(buf);
}

Test(infile, refuses_what_is_not_a_regular_file)
{
    char fifo[PATH_MAX], want[PATH_MAX + 200], *buf = (char *)"x";
    size_t len = 1;
    path_in(fifo, sizeof fifo, "fifo.csv");
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    struct mc_err err = {0};
    cr_expect_eq(mc_infile_read(fifo, &buf, &len, &err), MC_ERR_INPUT);
    cr_expect_null(buf);
    cr_expect_eq(len, 0);
    snprintf(want, sizeof want, "%s: not a regular file (a pipe, a device or a socket); "
             "expected a CSV file or an .xlsx workbook\n", fifo);
    cr_expect_str_eq(mc_err_text(&err), want);
    mc_err_release(&err);
    cr_expect_eq(mc_infile_read("/dev/zero", &buf, &len, &err), MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err), "/dev/zero: not a regular file (a pipe, a device or a "
                               "socket); expected a CSV file or an .xlsx workbook\n");
    mc_err_release(&err);
    cr_expect_eq(mc_infile_read(dir, &buf, &len, &err), MC_ERR_INPUT);
    snprintf(want, sizeof want, "%s: is a directory; expected a CSV file\n", dir);
    cr_expect_str_eq(mc_err_text(&err), want);
    mc_err_release(&err);
}

Test(infile, refuses_a_file_past_the_limit)
{
    char p[PATH_MAX], want[PATH_MAX + 100], *buf;
    size_t len;
    path_in(p, sizeof p, "big.csv");
    FILE *f = fopen(p, "w");
    /* Sparse: one byte past the limit costs no disk. */
    cr_assert_eq(ftruncate(fileno(f), (off_t)MC_INFILE_MAX + 1), 0);
    fclose(f);
    struct mc_err err = {0};
    cr_expect_eq(mc_infile_read(p, &buf, &len, &err), MC_ERR_INPUT);
    snprintf(want, sizeof want, "%s: larger than 64 MiB, the most an input file may "
             "hold\n", p);
    cr_expect_str_eq(mc_err_text(&err), want);
    mc_err_release(&err);
    /* Exactly the limit is read. */
    f = fopen(p, "r+");
    cr_assert_eq(ftruncate(fileno(f), (off_t)MC_INFILE_MAX), 0);
    fclose(f);
    cr_expect_eq(mc_infile_read(p, &buf, &len, &err), MC_OK);
    cr_expect_eq(len, MC_INFILE_MAX);
    free(buf);
}

Test(infile, a_fifo_among_the_norm_sets_is_refused_at_once)
{
    char fifo[PATH_MAX], want[PATH_MAX + 200];
    path_in(fifo, sizeof fifo, "t_fifo.csv");
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    struct mc_err err = {0};
    struct mc_standard_set *set = NULL;
    cr_expect_eq(mc_standard_set_load(dir, &set, &err), MC_ERR_INPUT);
    snprintf(want, sizeof want, "%s: not a regular file (a pipe, a device or a socket); "
             "expected a CSV file or an .xlsx workbook\n", fifo);
    cr_expect_str_eq(mc_err_text(&err), want);
    mc_err_release(&err);
    mc_standard_set_free(set);
}
