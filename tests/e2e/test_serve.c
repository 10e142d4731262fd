/*
 * test_serve.c - `mealcheck serve` over loopback: the JSON API answers what
 * the CLI prints for the same files, limits and errors are answered as
 * documented in docs/api.md, user text is escaped in pages, and no request
 * reaches a file it names.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <xlsxwriter.h>

#include "harness.h"
#include "served.h"

#define SAMPLE_R "menus/recipes.csv"
#define SAMPLE_M "menus/menu.csv"

static struct served srv;

static void start(void)
{
    served_start(&srv, NULL);
}

static void stop(void)
{
    served_stop(&srv);
}

TestSuite(serve, .init = start, .fini = stop, .timeout = 120);

/* A POST /api/check body naming the files as the CLI run names them. */
static char *check_request(const char *recipes_path, const char *menu_path,
                           const char *std, const char *group, const char *share)
{
    char *recipes = slurp(recipes_path), *menu = slurp(menu_path);
    cr_assert(recipes && menu);
    json_t *req = json_pack("{s:s,s:s,s:s,s:s,s:[s],s:[s],s:[s],s:s}", "recipes", recipes,
                            "recipes_name", recipes_path, "menu", menu, "menu_name",
                            menu_path, "standards", std, "groups", group, "meal_shares",
                            share, "date", "2026-09-01");
    cr_assert(req);
    char *body = json_dumps(req, JSON_COMPACT);
    json_decref(req);
    free(recipes);
    free(menu);
    return body;
}

Test(serve, api_check_is_the_cli_json)
{
    struct run cli;
    run_mc(&cli, "check", "--recipes", SAMPLE_R, "--menu", SAMPLE_M, "--standard",
           "us_dri", "--group", "7-11", "--meal-share", "lunch=30-35", "--meal-share",
           "breakfast=20-25", "--date", "2026-09-01", "--format", "json", NULL);
    cr_assert_eq(cli.status, 3, "%s", cli.err);

    /* Two shares: JSON arrays of one string each are built by check_request;
     * this one is written out to name both. */
    char *recipes = slurp(SAMPLE_R), *menu = slurp(SAMPLE_M);
    json_t *req = json_pack("{s:s,s:s,s:s,s:s,s:[s],s:[s],s:[s,s],s:s}", "recipes",
                            recipes, "recipes_name", SAMPLE_R, "menu", menu, "menu_name",
                            SAMPLE_M, "standards", "us_dri", "groups", "7-11",
                            "meal_shares", "lunch=30-35", "breakfast=20-25", "date",
                            "2026-09-01");
    char *body = json_dumps(req, JSON_COMPACT);
    struct http_reply r;
    http(&srv, "POST", "/api/check", "Content-Type: application/json\r\n", body,
         strlen(body), &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    char type[128];
    cr_expect_str_eq(http_header(&r, "Content-Type", type, sizeof type), "application/json");
    cr_expect_str_eq(r.body, cli.out);

    /* And the values are the menu's: sodium of the period average, as the
     * CLI computed it, with the document parsed. */
    json_t *doc = json_loads(r.body, 0, NULL);
    cr_assert(doc);
    cr_expect(json_is_false(json_object_get(doc, "complies")));
    cr_expect_str_eq(json_string_value(json_object_get(doc, "menu")), SAMPLE_M);
    cr_expect_eq(json_array_size(json_object_get(doc, "days")), 10);
    json_decref(doc);
    http_free(&r);
    json_decref(req);
    free(body);
    free(recipes);
    free(menu);
    run_free(&cli);
}

Test(serve, api_check_input_errors_name_the_files)
{
    struct run cli;
    run_mc(&cli, "check", "--recipes", "tests/data/web-script/recipes.csv", "--menu",
           "tests/data/web-errors/menu.csv", "--standard", "us_dri", "--group", "7-11",
           "--meal-share", "lunch=30-35", "--date", "2026-09-01", NULL);
    cr_assert_eq(cli.status, 2);
    char *body = check_request("tests/data/web-script/recipes.csv",
                               "tests/data/web-errors/menu.csv", "us_dri", "7-11",
                               "lunch=30-35");
    struct http_reply r;
    http(&srv, "POST", "/api/check", NULL, body, strlen(body), &r);
    cr_assert_eq(r.status, 422, "%s", r.body);
    /* The same messages as the CLI's, one per line there. */
    json_t *doc = json_loads(r.body, 0, NULL), *errs = json_object_get(doc, "errors");
    cr_assert_eq(json_array_size(errs), 2, "%s", r.body);
    char expected[4096] = "";
    for (size_t i = 0; i < 2; i++) {
        strcat(expected, "mealcheck: error: ");
        strcat(expected, json_string_value(json_array_get(errs, i)));
        strcat(expected, "\n");
    }
    cr_expect_str_eq(expected, cli.err);
    cr_expect(!str_has(r.body, "/tmp"), "a server path leaked: %s", r.body);
    /* The same as records: the file as uploaded, line and column apart. */
    json_t *d = json_array_get(json_object_get(doc, "diagnostics"), 1);
    cr_expect_str_eq(json_string_value(json_object_get(d, "severity")), "error");
    cr_expect_str_eq(json_string_value(json_object_get(d, "file")),
                     "tests/data/web-errors/menu.csv");
    cr_expect(json_is_null(json_object_get(d, "sheet")));
    cr_expect_eq(json_integer_value(json_object_get(d, "line")), 3);
    cr_expect_eq(json_integer_value(json_object_get(d, "column")), 5);
    cr_expect_str_eq(json_string_value(json_object_get(d, "message")),
                     "portion_g: expected a positive number, got 'abc'");
    json_decref(doc);
    http_free(&r);
    free(body);
    run_free(&cli);
}

Test(serve, api_check_bad_requests)
{
    struct http_reply r;
    http(&srv, "POST", "/api/check", NULL, "{\"recipes\": ", 12, &r);
    cr_expect_eq(r.status, 400);
    cr_expect(str_has(r.body, "{\"errors\":[\"request body:1:12: "), "%s", r.body);
    http_free(&r);
    const char *missing = "{\"recipes\":\"x\",\"groups\":[\"7-11\"],\"standards\":7}";
    http(&srv, "POST", "/api/check", NULL, missing, strlen(missing), &r);
    cr_expect_eq(r.status, 400);
    cr_expect_str_eq(r.body, "{\"errors\":[\"menu: expected the menu as CSV text\","
                             "\"standards: expected an array of strings\"],"
                             "\"diagnostics\":[" NO_PLACE("menu: expected the menu as CSV text")
                             "," NO_PLACE("standards: expected an array of strings") "]}");
    http_free(&r);
    const char *unknown = "{\"recipes\":\"\",\"menu\":\"\",\"standards\":[\"kz_302\"],"
                          "\"groups\":[\"7-11\"]}";
    http(&srv, "POST", "/api/check", NULL, unknown, strlen(unknown), &r);
    cr_expect_eq(r.status, 422);
    cr_expect(str_has(r.body, "\"unknown standard 'kz_302' (available: "), "%s", r.body);
    http_free(&r);
    http(&srv, "GET", "/api/check", NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 405);
    http_free(&r);
}

Test(serve, oversized_bodies_are_413)
{
    size_t n = 2 * 1024 * 1024 + 1;
    char *big = malloc(n);
    cr_assert(big);
    memset(big, 'a', n);
    struct http_reply r;
    http(&srv, "POST", "/api/check", NULL, big, n, &r);
    cr_expect_eq(r.status, 413);
    cr_expect(str_has(r.body, "\"errors\""), "%s", r.body);
    http_free(&r);
    http(&srv, "POST", "/check", MULTIPART_HEADER, big, n, &r);
    cr_expect_eq(r.status, 413);
    cr_expect(str_has(r.body, "<h2>The upload is too large (at most 2 MB)</h2>"));
    http_free(&r);
    /* Exactly at the limit is read (and is not JSON). */
    http(&srv, "POST", "/api/check", NULL, big, n - 1, &r);
    cr_expect_eq(r.status, 400);
    http_free(&r);
    free(big);
}

Test(serve, a_dish_named_script_is_text)
{
    char *recipes = slurp("tests/data/web-script/recipes.csv");
    char *menu = slurp("tests/data/web-script/menu.csv");
    size_t len;
    char *body = multipart(&len, "recipes_file", "recipes.csv", recipes, "menu", NULL, menu,
                           "standard", NULL, "us_dri", "group", NULL, "7-11", "shares",
                           NULL, "lunch=30-35", "date", NULL, "2026-09-01", NULL);
    struct http_reply r;
    http(&srv, "POST", "/check?lang=en", MULTIPART_HEADER, body, len, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_expect(str_has(r.body, "<td class=\"dish\">&lt;script&gt;alert(1)&lt;/script&gt;</td>"),
              "%s", r.body);
    /* In the text area the menu is shown back escaped too. */
    cr_expect(str_has(r.body, "1,Mon,lunch,&lt;script&gt;alert(1)&lt;/script&gt;,100"));
    cr_expect(!str_has(r.body, "<script>alert"), "raw markup in the page");
    cr_expect(str_has(r.body, "data-complies=\"false\""));
    cr_expect(str_has(r.body, "<span class=\"badge st-high\" data-outcome=\"does_not_comply\">"
                              "The menu does not comply</span>"), "%s", r.body);
    http_free(&r);
    free(body);
    free(recipes);
    free(menu);
}

/* Each norm set x group says whether the menu complies with it.  The
 * shares the form states are the user's rule and decide: the sample's
 * calcium (70 % of SanPiN's norm) fails.  Without them SanPiN's own lunch
 * share is unverified, every bound only advises, and the badge says it
 * cannot be decided, never "complies". */
Test(serve, each_result_says_whether_it_complies)
{
    char *recipes = slurp("menus/recipes.csv");
    char *menu = slurp("menus/menu.csv");
    size_t len;
    char *body = multipart(&len, "recipes_file", "recipes.csv", recipes, "menu", NULL, menu,
                           "standard", NULL, "ru_sanpin_3590_20", "standard", NULL, "us_dri",
                           "group", NULL, "7-11", "shares", NULL,
                           "breakfast=20-25, lunch=30-35", "date", NULL, "2026-09-01", NULL);
    struct http_reply r;
    http(&srv, "POST", "/check?lang=en", MULTIPART_HEADER, body, len, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_expect(str_has(r.body, "7-11 (ru_7_11) <span class=\"badge st-high\" "
                              "data-outcome=\"does_not_comply\">The menu does not comply"
                              "</span></h2>\n<p class=\"outcome\">DOES NOT COMPLY: 6 verified "
                              "norms not met; 3 advisory norms not met</p>"), "%s", r.body);
    cr_expect(str_has(r.body, "female_9_13) <span class=\"badge st-high\" data-outcome="
                              "\"does_not_comply\">The menu does not comply</span></h2>"),
              "%s", r.body);
    http_free(&r);
    free(body);
    body = multipart(&len, "recipes_file", "recipes.csv", recipes, "menu", NULL, menu,
                     "standard", NULL, "ru_sanpin_3590_20", "group", NULL, "7-11", "shares",
                     NULL, "", "date", NULL, "2026-09-01", NULL);
    http(&srv, "POST", "/check?lang=ru", MULTIPART_HEADER, body, len, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_expect(str_has(r.body, "data-complies=\"false\" data-outcome=\"cannot_be_decided\">"),
              "%s", r.body);
    cr_expect(str_has(r.body, "7-11 (ru_7_11) <span class=\"badge st-insufficient\" "
                              "data-outcome=\"cannot_be_decided\">Соответствие невозможно "
                              "установить</span></h2>"), "%s", r.body);
    cr_expect(!str_has(r.body, "st-ok\" data-outcome"), "no green badge");
    http_free(&r);
    free(body);
    free(recipes);
    free(menu);
}

Test(serve, warnings_are_shown_with_the_upload_names)
{
    char *menu = slurp("tests/data/web-script/menu.csv");
    const char *recipes = "recipe,servings,yield_g,food,gross_g,net_g,colour\n"
                          "<script>alert(1)</script>,1,100,09003,100,100,red\n";
    size_t len;
    char *body = multipart(&len, "recipes_file", "my book.csv", recipes, "menu", NULL, menu,
                           "standard", NULL, "us_dri", "group", NULL, "7-11", NULL);
    struct http_reply r;
    http(&srv, "POST", "/check?lang=en", MULTIPART_HEADER, body, len, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_expect(str_has(r.body, "<section class=\"warnings\"><h2>Warnings</h2><ul><li>my book.csv"
                              ":1:7: column &#39;colour&#39; is not read: "), "%s", r.body);
    cr_expect(!str_has(r.body, "/tmp"), "a server path leaked");
    http_free(&r);
    free(body);
    free(menu);
}

/* The плов card in kg under "Нетто, г": the page warns at its
 * cell, with the name it was uploaded as. */
Test(serve, sanity_warnings_on_the_page)
{
    char *recipes = slurp("tests/data/sanity/recipes.csv");
    const char *menu = "week,day,meal,dish,portion_g\n1,Mon,lunch,Плов,200\n";
    size_t len;
    char *body = multipart(&len, "recipes_file", "техкарты.csv", recipes, "menu", NULL, menu,
                           "standard", NULL, "us_dri", "group", NULL, "7-11", "shares",
                           NULL, "lunch=30-35", NULL);
    struct http_reply r;
    http(&srv, "POST", "/check?lang=en", MULTIPART_HEADER, body, len, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_expect(str_has(r.body, "<li>техкарты.csv:2:3: recipe &#39;Плов&#39;: the yield, 200 g, "
                              "is 976 times the sum of its net weights, 0.205 g (expected "
                              "1/10 to 10 times)"), "%s", r.body);
    http_free(&r);
    free(body);
    free(recipes);
}

/* menus/menu.csv as the first sheet of a workbook, every cell a string. */
static char *menu_workbook(size_t *len)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/mc-serve-menu-%ld.xlsx", (long)getpid());
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    char *csv = slurp("menus/menu.csv");
    cr_assert(wb && ws && csv);
    int row = 0;
    for (char *save = NULL, *line = strtok_r(csv, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save), row++) {
        int col = 0;
        for (char *s2 = NULL, *cell = strtok_r(line, ",", &s2); cell;
             cell = strtok_r(NULL, ",", &s2))
            worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col++, cell, NULL);
    }
    cr_assert_eq(workbook_close(wb), LXW_NO_ERROR);
    FILE *f = fopen(path, "rb");
    cr_assert(f);
    char *data = malloc(1 << 20);
    *len = fread(data, 1, 1 << 20, f);
    fclose(f);
    unlink(path);
    free(csv);
    return data;
}

Test(serve, an_excel_menu_is_checked_as_its_csv)
{
    struct run cli;
    run_mc(&cli, "check", "--recipes", SAMPLE_R, "--menu", SAMPLE_M, "--standard", "us_dri",
           "--group", "7-11", "--meal-share", "breakfast=20-25", "--meal-share",
           "lunch=30-35", "--date", "2026-09-01", "--format", "json", NULL);
    cr_assert_eq(cli.status, 3, "%s", cli.err);
    size_t n;
    char *xlsx = menu_workbook(&n);
    char *recipes = slurp(SAMPLE_R);
    /* The workbook part by hand: multipart() takes text. */
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    fprintf(f, "--" MULTIPART_BOUNDARY "\r\nContent-Disposition: form-data; name=\"menu_file\"; "
               "filename=\"menu.xlsx\"\r\nContent-Type: application/vnd.openxmlformats-"
               "officedocument.spreadsheetml.sheet\r\n\r\n");
    fwrite(xlsx, 1, n, f);
    fputs("\r\n", f);
    size_t rest_len;
    char *rest = multipart(&rest_len, "recipes", NULL, recipes, "standard", NULL, "us_dri",
                           "group", NULL, "7-11", "shares", NULL, "breakfast=20-25, lunch=30-35",
                           "date", NULL, "2026-09-01", NULL);
    fwrite(rest, 1, rest_len, f);
    fclose(f);
    struct http_reply r;
    http(&srv, "POST", "/check?lang=en", MULTIPART_HEADER, body, len, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_expect_gt(expect_page_is_check(r.body, cli.out), 20);
    cr_expect(str_has(r.body, "<p class=\"help\">menu.xlsx</p>"));
    http_free(&r);
    free(rest);
    free(body);
    free(recipes);
    free(xlsx);
    run_free(&cli);
}

Test(serve, unknown_paths_are_404_and_no_path_reaches_the_disk)
{
    static const char *const paths[] = {
        "/nope", "/api/nope", "/app.js/x", "/../Makefile", "/%2e%2e/Makefile",
        "/app.css/../../Makefile", "//etc/passwd", "/..%2f..%2fetc%2fpasswd",
        "/menus/menu.csv", "/build/mealcheck.db", "/api/../Makefile",
    };
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        struct http_reply r;
        http(&srv, "GET", paths[i], NULL, NULL, 0, &r);
        cr_expect_eq(r.status, 404, "%s: %d", paths[i], r.status);
        cr_expect(!str_has(r.body, "CFLAGS") && !str_has(r.body, "root:") &&
                  !str_has(r.body, "week,day"), "%s served a file", paths[i]);
        http_free(&r);
    }
    /* An upload's file name is a label, never where it is written. */
    char name[128], target[256];
    snprintf(name, sizeof name, "../../mc-traversal-%ld.csv", (long)getpid());
    snprintf(target, sizeof target, "%s/%s", srv.tmp, name);
    char *menu = slurp("tests/data/web-script/menu.csv");
    size_t len;
    char *body = multipart(&len, "recipes", NULL, "", "menu_file", name, menu, "standard",
                           NULL, "us_dri", "group", NULL, "7-11", NULL);
    struct http_reply r;
    http(&srv, "POST", "/check", MULTIPART_HEADER, body, len, &r);
    cr_expect_eq(r.status, 422, "%s", r.body);
    cr_expect(access(target, F_OK) != 0, "%s was written", target);
    cr_expect(access(name + 6, F_OK) != 0 && access(name + 3, F_OK) != 0);
    http_free(&r);
    free(body);
    free(menu);
}

Test(serve, foods_search_is_the_cli_json)
{
    struct run cli;
    run_mc(&cli, "foods", "search", "buckwheat groats", "--limit", "3", "--format", "json",
           NULL);
    cr_assert_eq(cli.status, 0);
    struct http_reply r;
    http(&srv, "GET", "/api/foods/search?q=buckwheat%20groats&limit=3", NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 200);
    cr_expect_str_eq(r.body, cli.out);
    http_free(&r);
    http(&srv, "GET", "/api/foods/search?q=", NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 400);
    cr_expect_str_eq(r.body, "{\"errors\":[\"q: expected the words to search for\"],"
                             "\"diagnostics\":[" NO_PLACE("q: expected the words to search for")
                             "]}");
    http_free(&r);
    run_free(&cli);
}

Test(serve, report_is_an_excel_download)
{
    char *body = check_request(SAMPLE_R, SAMPLE_M, "ru_sanpin_3590_20", "7-11",
                               "breakfast=20-25");
    struct http_reply r;
    http(&srv, "POST", "/api/report", NULL, body, strlen(body), &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    char buf[256];
    cr_expect_str_eq(http_header(&r, "Content-Disposition", buf, sizeof buf),
                     "attachment; filename=\"mealcheck-report.xlsx\"");
    cr_assert(r.len > 1000 && !memcmp(r.body, "PK\3\4", 4));
    /* The workbook is the report of this menu: the summary names it. */
    char path[] = "/tmp/mc-serve-report-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0 && write(fd, r.body, r.len) == (ssize_t)r.len);
    close(fd);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "unzip -p %s xl/sharedStrings.xml", path);
    FILE *p = popen(cmd, "r");
    char *xml = calloc(1, 1 << 20);
    cr_assert(p && xml);
    fread(xml, 1, (1 << 20) - 1, p);
    pclose(p);
    unlink(path);
    cr_expect(str_has(xml, SAMPLE_M), "the report does not name the menu");
    free(xml);
    http_free(&r);
    free(body);
}

Test(serve, no_schools_without_a_manifest)
{
    struct http_reply r;
    http(&srv, "GET", "/api/schools", NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 404);
    http_free(&r);
    http(&srv, "GET", "/school?school=ALM-001", NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 404);
    http_free(&r);
}

Test(serve, the_sample_fills_the_form)
{
    struct http_reply r;
    http(&srv, "GET", "/?demo=sample", NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 200);
    cr_expect(str_has(r.body, "name=\"menu\" rows=\"8\" spellcheck=\"false\">week,day,meal,"
                              "dish,portion_g\n1,Mon,breakfast,Каша рисовая молочная,200\n"));
    cr_expect(str_has(r.body, "value=\"us_dri\" checked>"));
    http_free(&r);
}

Test(serve, languages)
{
    struct http_reply r;
    http(&srv, "GET", "/?lang=kk", NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 200);
    cr_expect(str_has(r.body, "<html lang=\"kk\">"));
    cr_expect(str_has(r.body, "Мектеп тамағы теңгерімді ме?"));
    http_free(&r);
    http(&srv, "GET", "/", "Accept-Language: de-DE, ru-RU;q=0.8, en;q=0.5\r\n", NULL, 0, &r);
    cr_expect(str_has(r.body, "<html lang=\"ru\">"));
    cr_expect(str_has(r.body, "Проверить"));
    http_free(&r);
    http(&srv, "GET", "/?lang=<x>", NULL, NULL, 0, &r);
    cr_expect(str_has(r.body, "<html lang=\"en\">"));
    http_free(&r);
    http(&srv, "GET", "/app.css", NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 200);
    char type[64];
    cr_expect_str_eq(http_header(&r, "Content-Type", type, sizeof type),
                     "text/css; charset=utf-8");
    http_free(&r);
}

Test(serve_cli, bad_options)
{
    struct run r;
    run_mc(&r, "serve", "--port", "70000", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: --port: expected 0-65535, got '70000'\n"
                                "usage: mealcheck serve"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "serve", "--threads", "0", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: --threads: expected 1-64, got '0'\n"));
    run_free(&r);
    run_mc(&r, "serve", "--listen", "localhost", "--port", "0", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: --listen: expected an IPv4 address, got "
                            "'localhost'\n");
    run_free(&r);
    run_mc(&r, "serve", "--audit", "tests/data/web-errors/menu.csv", "--port", "0", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: tests/data/web-errors/menu.csv:1:"),
              "%s", r.err);
    run_free(&r);
}
