/*
 * test_serve_audit.c - `mealcheck serve --audit`: the schools of the sample
 * manifest (menus/audit/schools.csv, shared book menus/recipes.csv) are
 * listed, and a school's week is checked as `mealcheck check` checks the
 * same rows with the school's norm sets, groups and shares.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "served.h"

static struct served srv;

static void start(void)
{
    static const char *const extra[] = {"--audit", "menus/audit/schools.csv", "--recipes",
                                        "menus/recipes.csv", NULL};
    served_start(&srv, extra);
}

static void stop(void)
{
    served_stop(&srv);
}

TestSuite(serve_audit, .init = start, .fini = stop, .timeout = 120);

static void post_school(const char *body, struct http_reply *r)
{
    http(&srv, "POST", "/api/check", "Content-Type: application/json\r\n", body,
         strlen(body), r);
}

Test(serve_audit, schools_are_listed)
{
    struct http_reply r;
    http(&srv, "GET", "/api/schools", NULL, NULL, 0, &r);
    cr_assert_eq(r.status, 200);
    json_t *list = json_loads(r.body, 0, NULL);
    cr_assert_eq(json_array_size(list), 12, "%s", r.body);
    /* as written: numbers as the CLI writes them (20, not 20.0) */
    cr_expect(strstr(r.body, ",{\"id\":\"ALM-003\",\"name\":\"School No. 41\",\"district\":"
                             "\"Almaly\",\"region\":\"Almaty\",\"groups\":[\"7-11\"],"
                             "\"standards\":[\"ru_sanpin_3590_20\",\"us_dri\"],"
                             "\"meal_shares\":[{\"meal\":\"breakfast\",\"min_pct\":20,"
                             "\"max_pct\":25},{\"meal\":\"lunch\",\"min_pct\":30,"
                             "\"max_pct\":35}]},"), "%s", r.body);
    json_decref(list);
    http_free(&r);
}

Test(serve_audit, a_school_is_checked_as_the_cli_checks_it)
{
    struct run cli;
    run_mc(&cli, "check", "--recipes", "menus/recipes.csv", "--menu",
           "menus/audit/menus/week1.csv", "--standard", "ru_sanpin_3590_20", "--standard",
           "us_dri", "--group", "7-11", "--meal-share", "breakfast=20-25", "--meal-share",
           "lunch=30-35", "--date", "2026-09-01", "--format", "json", NULL);
    cr_assert_eq(cli.status, 3, "%s", cli.err);
    struct http_reply r;
    post_school("{\"school\":\"ALM-003\",\"week\":1,\"date\":\"2026-09-01\"}", &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_expect_str_eq(r.body, cli.out);
    http_free(&r);
    run_free(&cli);
}

/* ALM-002 serves menus/two-weeks.csv to 7-11 and 12+ under SanPiN; week 2
 * is the CLI's check of the header and the week-2 rows. */
Test(serve_audit, one_week_of_a_school)
{
    char *menu = slurp("menus/audit/menus/two-weeks.csv");
    cr_assert(menu);
    char path[] = "/tmp/mc-serve-week2-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    cr_assert(f);
    int rows = 0;
    for (char *save = NULL, *line = strtok_r(menu, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save))
        if (!strncmp(line, "week,", 5) || !strncmp(line, "2,", 2)) {
            fprintf(f, "%s\n", line);
            rows++;
        }
    fclose(f);
    cr_assert_gt(rows, 10);
    struct run cli;
    run_mc(&cli, "check", "--recipes", "menus/recipes.csv", "--menu", path, "--standard",
           "ru_sanpin_3590_20", "--group", "7-11", "--group", "12+", "--format", "json",
           NULL);
    unlink(path);
    /* SanPiN without stated shares: cannot be decided (7) */
    cr_assert_eq(cli.status, 7, "%s", cli.err);
    struct http_reply r;
    post_school("{\"school\":\"ALM-002\",\"week\":2}", &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    json_t *got = json_loads(r.body, 0, NULL), *want = json_loads(cli.out, 0, NULL);
    cr_assert(got && want);
    cr_expect_str_eq(json_string_value(json_object_get(got, "menu")),
                     "menus/audit/menus/two-weeks.csv");
    json_object_set_new(want, "menu", json_string("menus/audit/menus/two-weeks.csv"));
    cr_expect(json_equal(got, want), "week 2 differs from the CLI's check");
    cr_expect_eq(json_array_size(json_object_get(got, "days")), 5);
    json_decref(got);
    json_decref(want);
    http_free(&r);

    /* The page of the same week. */
    http(&srv, "GET", "/school?school=ALM-002&week=2&date=2026-09-01&lang=en", NULL, NULL, 0,
         &r);
    cr_expect_eq(r.status, 200);
    cr_expect(str_has(r.body, "<input type=\"date\" name=\"date\" value=\"2026-09-01\">"));
    cr_expect(str_has(r.body, "<option value=\"ALM-002\" selected>"));
    cr_expect(str_has(r.body, "<h3>Week 2, Monday</h3>"));
    cr_expect(!str_has(r.body, "<h3>Week 1, Monday</h3>"));
    http_free(&r);
    /* In Kazakh the plain foods go by their Kazakh names, the id beside:
     * week 2's Monday lunch serves rye bread, SR28 18060, 20 g. */
    http(&srv, "GET", "/school?school=ALM-002&week=2&lang=kk", NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 200);
    cr_expect(str_has(r.body, "<tr><td>түскі ас</td><td class=\"dish\"><span class=\"food\">"
                              "Қара нан</span> <span class=\"help\">(18060 Bread, rye)</span>"
                              "</td><td class=\"num\">20</td>"), "%s", r.body);
    http_free(&r);
    free(menu);
    run_free(&cli);
}

Test(serve_audit, unknown_schools_and_bad_files)
{
    struct http_reply r;
    post_school("{\"school\":\"../../etc/passwd\",\"week\":1}", &r);
    cr_expect_eq(r.status, 422);
    cr_expect_str_eq(r.body, "{\"errors\":[\"no school '../../etc/passwd' in the "
                             "manifest\"],\"diagnostics\":["
                             NO_PLACE("no school '../../etc/passwd' in the manifest") "]}");
    http_free(&r);
    post_school("{\"school\":\"ALM-001\",\"week\":\"one\"}", &r);
    cr_expect_eq(r.status, 400);
    http_free(&r);
    /* BOS-004's menu names a dish the book lacks, at the file's own line. */
    post_school("{\"school\":\"BOS-004\",\"week\":0}", &r);
    cr_expect_eq(r.status, 422);
    cr_expect(str_has(r.body, "\"menus/audit/menus/week1-unknown-dish.csv:27:4: unknown dish "
                              "'Суп куриный с лапшой и фрикадельками'"), "%s", r.body);
    http_free(&r);
    http(&srv, "GET", "/school/report?school=ALM-001&week=1", NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 200);
    cr_expect(r.len > 1000 && !memcmp(r.body, "PK\3\4", 4));
    http_free(&r);
}
