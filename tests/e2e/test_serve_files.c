/*
 * test_serve_files.c - `mealcheck serve --audit` reads the files its
 * manifest names as the CLI does: a school whose recipe book is a FIFO is
 * refused at once (a worker waiting on it would be lost for good), and a
 * dish whose name begins with '=' or '-' is read as it is written.
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "served.h"

static struct served srv;
static char dir[] = "/tmp/mc-serve-files-XXXXXX";

static void write_file(const char *name, const char *text)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s", path);
    fputs(text, f);
    fclose(f);
}

static void start(void)
{
    cr_assert_not_null(mkdtemp(dir));
    write_file("book.csv", "recipe,servings,food,net_g\n"
                           "=Каша,1,01001,10\n"
                           "-2+3,1,01001,20\n");
    write_file("menu.csv", "week,day,meal,dish,portion_g\n"
                           "1,Mon,lunch,=Каша,10\n"
                           "1,Mon,lunch,-2+3,20\n");
    char fifo[PATH_MAX], manifest[PATH_MAX];
    snprintf(fifo, sizeof fifo, "%s/fifo.csv", dir);
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    write_file("schools.csv", "school_id,standards,groups,menu,recipes\n"
                              "S1,us_dri,7-11,menu.csv,book.csv\n"
                              "F1,us_dri,7-11,menu.csv,fifo.csv\n");
    snprintf(manifest, sizeof manifest, "%s/schools.csv", dir);
    const char *extra[] = {"--audit", manifest, NULL};
    served_start(&srv, extra);
}

static void stop(void)
{
    served_stop(&srv);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
}

TestSuite(serve_files, .init = start, .fini = stop, .timeout = 120);

Test(serve_files, a_fifo_for_a_book_is_refused_at_once)
{
    char want[PATH_MAX + 200];
    struct http_reply r;
    http(&srv, "GET", "/school?school=F1&lang=en", NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 422);
    snprintf(want, sizeof want, "<li>%s/fifo.csv: not a regular file (a pipe, a device or a "
             "socket); expected a CSV file or an .xlsx workbook</li>", dir);
    cr_expect(strstr(r.body, want), "%s", r.body);
    http_free(&r);
}

/* The week's rows are passed on as CSV: written for mealcheck, not for a
 * spreadsheet, they keep their names ('=Каша', not "'=Каша"). */
Test(serve_files, names_like_formulas_are_read_as_written)
{
    struct http_reply r;
    http(&srv, "GET", "/school?school=S1&week=1&lang=en", NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 200, "%s", r.body);
    cr_expect(strstr(r.body, "<td class=\"dish\">=Каша</td>"), "%s", r.body);
    cr_expect(strstr(r.body, "<td class=\"dish\">-2+3</td>"), "%s", r.body);
    http_free(&r);
}
