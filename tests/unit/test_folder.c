/* test_folder.c - the one rule by which every reader lists a folder's data
 * files (src/lib/folder.h, private to the library). */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/lib/folder.h"

static char dir[64];

static void touch(const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert(f, "%s", path);
    fclose(f);
}

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/mc-folder-XXXXXX");
    cr_assert(mkdtemp(dir));
    /* As Windows, Excel, macOS and editors leave them in a shared folder. */
    static const char *const files[] = {
        "b.csv", "A.CSV", "c.Csv", ".hidden.csv", "._b.csv", "~$b.csv", "~$norms.xlsx",
        "norms.xlsx", "Norms.XLSX", "readme.md", "b.csv.bak", "csv", ".csv", "x.xls"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        touch(files[i]);
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

TestSuite(folder, .init = setup, .fini = teardown);

static void expect_list(unsigned kinds, const char *const *want, size_t n_want)
{
    struct mc_err err = {0};
    char **names;
    size_t n;
    cr_assert_eq(mc_folder_list(dir, kinds, &names, &n, &err), MC_OK);
    cr_expect_eq(n, n_want);
    for (size_t i = 0; i < n && i < n_want; i++)
        cr_expect_str_eq(names[i], want[i], "name %zu", i);
    cr_expect_null(names[n], "the list ends with NULL");
    mc_folder_free(names);
}

/* Any case of the extension; no dot-file, no lock file; byte order (upper
 * case first, as the C locale sorts), whatever the order on disk. */
Test(folder, csv_files_in_any_case_sorted_by_bytes)
{
    static const char *const want[] = {"A.CSV", "b.csv", "c.Csv"};
    expect_list(MC_FOLDER_CSV, want, 3);
}

Test(folder, csv_and_xlsx)
{
    static const char *const want[] = {"A.CSV", "Norms.XLSX", "b.csv", "c.Csv",
                                       "norms.xlsx"};
    expect_list(MC_FOLDER_CSV | MC_FOLDER_XLSX, want, 5);
}

Test(folder, the_rule_by_name)
{
    cr_expect(mc_folder_keeps("menu.CSV", MC_FOLDER_CSV));
    cr_expect(!mc_folder_keeps("menu.CSV", MC_FOLDER_XLSX));
    cr_expect(mc_folder_keeps("Нормы.xlsx", MC_FOLDER_XLSX));
    cr_expect(!mc_folder_keeps(".csv", MC_FOLDER_CSV), "a dot-file, not a name");
    cr_expect(!mc_folder_keeps("~$Нормы.xlsx", MC_FOLDER_XLSX));
    cr_expect(!mc_folder_keeps("menu.csv.bak", MC_FOLDER_CSV));
    cr_expect(!mc_folder_keeps("menu.xls", MC_FOLDER_XLSX));
}

/* A folder that is not there or not a folder: nothing recorded, errno says
 * why, for the reader to say what it expected; an empty one has none. */
Test(folder, missing_empty_and_not_a_folder)
{
    struct mc_err err = {0};
    char **names, path[128];
    size_t n = 7;
    snprintf(path, sizeof path, "%s/no-such", dir);
    cr_expect_eq(mc_folder_list(path, MC_FOLDER_CSV, &names, &n, &err), MC_ERR_NOT_FOUND);
    cr_expect_eq(errno, ENOENT);
    cr_expect_eq(n, 0);
    cr_expect_null(names);
    snprintf(path, sizeof path, "%s/b.csv", dir);
    cr_expect_eq(mc_folder_list(path, MC_FOLDER_CSV, &names, &n, &err), MC_ERR_NOT_FOUND);
    cr_expect_eq(errno, ENOTDIR);
    cr_expect_null(mc_err_text(&err), "nothing recorded");
    snprintf(path, sizeof path, "%s/empty", dir);
    cr_assert_eq(mkdir(path, 0700), 0);
    cr_expect_eq(mc_folder_list(path, MC_FOLDER_CSV, &names, &n, &err), MC_OK);
    cr_expect_eq(n, 0);
    cr_expect_null(names);
    mc_folder_free(names);
}
