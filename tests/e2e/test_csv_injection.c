/*
 * test_csv_injection.c - `--format csv` never writes user text a
 * spreadsheet would run as a formula (OWASP, CSV injection): text that
 * begins with = + - @, a tab or a carriage return is quoted with a leading
 * single quote; numbers such as -5 stay numbers.
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

static char dir[] = "/tmp/mc-csvinj-XXXXXX";

static void write_file(const char *name, const char *text)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s", path);
    fputs(text, f);
    fclose(f);
}

static void setup(void)
{
    cr_assert_not_null(mkdtemp(dir));
    write_file("book.csv", "recipe,servings,food,net_g\n"
                           "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1,01001,10\n"
                           "@SUM(A1),1,01001,10\n"
                           "-2+3,1,01001,10\n"
                           "+cmd,1,01001,10\n"
                           "\"\tTab\",1,01001,10\n"
                           "-5,1,01001,10\n"
                           "Butter,1,01001,10\n");
    write_file("menu.csv", "week,day,meal,dish,portion_g\n"
                           "1,Mon,=lunch,@SUM(A1),10\n"
                           "1,Mon,=lunch,-5,10\n");
    char good[PATH_MAX], manifest[PATH_MAX + 200];
    cr_assert_not_null(realpath("menus/audit/menus/week1.csv", good));
    snprintf(manifest, sizeof manifest,
             "school_id,school_name,district,standards,groups,menu\n"
             "-5,=cmd|' /C calc'!A0,@North,ru_sanpin_3590_20,7-11,%s\n", good);
    write_file("schools.csv", manifest);
}

static void teardown(void)
{
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
}

TestSuite(csv_injection, .init = setup, .fini = teardown);

/* The first field of every line of csv (after the header), joined by '|'. */
static void first_fields(const char *csv, char *out, size_t size)
{
    *out = '\0';
    const char *line = strchr(csv, '\n');
    size_t len = 0;
    while (line && line[1] && len < size) {
        line++;
        const char *end = line;
        if (*end == '"') { /* quoted: to the quote that is not doubled */
            for (end++; *end && !(end[0] == '"' && end[1] != '"'); end++)
                end += end[0] == '"';
            end += *end == '"';
        } else
            end += strcspn(end, ",\n");
        len += (size_t)snprintf(out + len, size - len, "%s%.*s", len ? "|" : "",
                                (int)(end - line), line);
        line = strchr(end, '\n');
    }
}

Test(csv_injection, recipe)
{
    char book[PATH_MAX], got[4096];
    snprintf(book, sizeof book, "%s/book.csv", dir);
    struct run r;
    run_mc(&r, "recipe", "--recipes", book, "--format", "csv", "--csv-sep", ",", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    first_fields(r.out, got, sizeof got);
    /* Four rows per recipe: per_portion, per_100g, total, the ingredient. */
    const char *want[] = {"\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", "\"'@SUM(A1)\"",
                          "\"'-2+3\"", "\"'+cmd\"", "\"'\tTab\"", "-5", "Butter"};
    char expected[4096] = "";
    size_t len = 0;
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        for (int k = 0; k < 4; k++)
            len += (size_t)snprintf(expected + len, sizeof expected - len, "%s%s",
                                    len ? "|" : "", want[i]);
    cr_expect_str_eq(got, expected);
    run_free(&r);
}

Test(csv_injection, menu)
{
    char book[PATH_MAX], menu[PATH_MAX];
    snprintf(book, sizeof book, "%s/book.csv", dir);
    snprintf(menu, sizeof menu, "%s/menu.csv", dir);
    struct run r;
    run_mc(&r, "menu", "--recipes", book, "--menu", menu, "--format", "csv", "--csv-sep",
           ",", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "\ndish,1,1,Monday,\"'=lunch\",\"'@SUM(A1)\",\"'@SUM(A1)\","),
              "%s", r.out);
    cr_expect(strstr(r.out, "\ndish,1,1,Monday,\"'=lunch\",-5,-5,"), "%s", r.out);
    run_free(&r);
}

Test(csv_injection, audit)
{
    char manifest[PATH_MAX];
    snprintf(manifest, sizeof manifest, "%s/schools.csv", dir);
    struct run r;
    run_mc(&r, "audit", manifest, "--recipes", "menus/recipes.csv", "--date", "2025-09-01",
           "--format", "csv", NULL);
    /* The shipped SanPiN set only advises (its lunch share is unverified). */
    cr_assert_eq(r.status, 7, "%s", r.err);
    cr_expect(str_starts(strchr(r.out, '\n') + 1,
                         "-5,\"'=cmd|' /C calc'!A0\",\"'@North\",,unverified_norms,"),
              "%s", r.out);
    run_free(&r);
}
