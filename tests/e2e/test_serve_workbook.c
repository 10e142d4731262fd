/*
 * test_serve_workbook.c - a caterer's one workbook: the sample book and menu
 * (menus/recipes.csv, menus/menu.csv) as two sheets of one .xlsx, the menu
 * first, named in Russian.  Uploaded on the files form (sheets found by
 * their headers, or named) and sent to the JSON API as base64 or as a
 * multipart/form-data file, the check is the CLI's on the CSV files; the
 * sheet list the page offers (POST /api/workbook/sheets); the multipart
 * API's bad requests.
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
    served_start(&srv, NULL);
}

static void stop(void)
{
    served_stop(&srv);
}

TestSuite(serve_workbook, .init = start, .fini = stop);

static void run_cli(struct run *cli)
{
    run_mc(cli, "check", "--recipes", "menus/recipes.csv", "--menu", "menus/menu.csv",
           "--standard", "us_dri", "--group", "7-11", "--meal-share", "breakfast=20-25",
           "--meal-share", "lunch=30-35", "--date", "2026-09-01", "--format", "json", NULL);
    cr_assert_eq(cli->status, 3, "%s", cli->err);
}

/* POST /check with the workbook and the sheet fields given. */
static void post_form(const char *xlsx, size_t n, const char *rsheet, const char *msheet,
                      struct http_reply *r)
{
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    fprintf(f, "--" MULTIPART_BOUNDARY "\r\nContent-Disposition: form-data; "
               "name=\"workbook_file\"; filename=\"столовая.xlsx\"\r\nContent-Type: "
               "application/octet-stream\r\n\r\n");
    fwrite(xlsx, 1, n, f);
    fputs("\r\n", f);
    size_t rest_len;
    char *rest = multipart(&rest_len, "recipes_sheet", NULL, rsheet, "menu_sheet", NULL,
                           msheet, "standard", NULL, "us_dri", "group", NULL, "7-11",
                           "shares", NULL, "breakfast=20-25, lunch=30-35", "date", NULL,
                           "2026-09-01", NULL);
    fwrite(rest, 1, rest_len, f);
    fclose(f);
    http(&srv, "POST", "/check?lang=en", MULTIPART_HEADER, body, len, r);
    free(rest);
    free(body);
}

Test(serve_workbook, one_workbook_on_the_form)
{
    struct run cli;
    run_cli(&cli);
    size_t n;
    char *xlsx = sample_workbook(&n);
    struct http_reply r;
    post_form(xlsx, n, "", "", &r); /* found by their headers */
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_expect_gt(expect_page_is_check(r.body, cli.out), 20);
    http_free(&r);
    post_form(xlsx, n, "техкарты", "МЕНЮ", &r); /* named, in any case */
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_expect_gt(expect_page_is_check(r.body, cli.out), 20);
    http_free(&r);
    post_form(xlsx, n, "Техкарты", "Лист1", &r);
    cr_expect_eq(r.status, 422);
    cr_expect(str_has(r.body, "столовая.xlsx: no sheet &#39;Лист1&#39;; the sheets are "
                              "&#39;Меню&#39;, &#39;Техкарты&#39;"), "%s", r.body);
    http_free(&r);
    free(xlsx);
    run_free(&cli);
}

static char *base64(const char *data, size_t n)
{
    static const char abc[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char *out = malloc(n / 3 * 4 + 5), *o = out;
    cr_assert(out);
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned char)data[i] << 16;
        if (i + 1 < n)
            v |= (unsigned char)data[i + 1] << 8;
        if (i + 2 < n)
            v |= (unsigned char)data[i + 2];
        *o++ = abc[v >> 18 & 63];
        *o++ = abc[v >> 12 & 63];
        *o++ = i + 1 < n ? abc[v >> 6 & 63] : '=';
        *o++ = i + 2 < n ? abc[v & 63] : '=';
    }
    *o = '\0';
    return out;
}

Test(serve_workbook, one_workbook_as_base64_in_json)
{
    struct run cli;
    run_cli(&cli);
    size_t n;
    char *xlsx = sample_workbook(&n), *b64 = base64(xlsx, n);
    json_t *req = json_pack("{s:s,s:[s],s:[s],s:[s,s],s:s}", "workbook_base64", b64,
                            "standards", "us_dri", "groups", "7-11", "meal_shares",
                            "breakfast=20-25", "lunch=30-35", "date", "2026-09-01");
    char *body = json_dumps(req, JSON_COMPACT);
    struct http_reply r;
    http(&srv, "POST", "/api/check", "Content-Type: application/json\r\n", body, strlen(body),
         &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    json_t *got = json_loads(r.body, 0, NULL), *want = json_loads(cli.out, 0, NULL);
    cr_assert(got && want);
    /* the same check; only the names of the files differ */
    cr_expect_str_eq(json_string_value(json_object_get(got, "menu")), "workbook.xlsx");
    json_object_set(want, "menu", json_object_get(got, "menu"));
    json_object_del(got, "columns_read");
    json_object_del(want, "columns_read");
    cr_expect(json_equal(got, want), "the workbook's check differs from the CLI's");
    json_decref(got);
    json_decref(want);
    http_free(&r);
    free(body);

    /* not base64; and both a workbook and texts */
    json_object_set_new(req, "workbook_base64", json_string("#not base64#"));
    body = json_dumps(req, JSON_COMPACT);
    http(&srv, "POST", "/api/check", "Content-Type: application/json\r\n", body, strlen(body),
         &r);
    cr_expect_eq(r.status, 400);
    cr_expect(str_has(r.body, "workbook_base64: expected an .xlsx file as base64"), "%s",
              r.body);
    http_free(&r);
    free(body);
    json_object_set_new(req, "workbook_base64", json_string(b64));
    json_object_set_new(req, "menu", json_string("week,day,meal,dish,portion_g\n"));
    body = json_dumps(req, JSON_COMPACT);
    http(&srv, "POST", "/api/check", "Content-Type: application/json\r\n", body, strlen(body),
         &r);
    cr_expect_eq(r.status, 400);
    cr_expect(str_has(r.body, "workbook_base64: expected either it or recipes and menu, "
                              "not both"), "%s", r.body);
    http_free(&r);
    free(body);
    json_decref(req);
    free(b64);
    free(xlsx);
    run_free(&cli);
}

/* The CLI's JSON and the API's equal, but for the name of the file the
 * workbook was uploaded as (got names it expect_menu). */
static void expect_same_check(const char *body, const char *cli_json, const char *expect_menu)
{
    json_t *got = json_loads(body, 0, NULL), *want = json_loads(cli_json, 0, NULL);
    cr_assert(got && want, "%s", body);
    cr_expect_str_eq(json_string_value(json_object_get(got, "menu")), expect_menu);
    json_object_set(want, "menu", json_object_get(got, "menu"));
    json_object_del(got, "columns_read");
    json_object_del(want, "columns_read");
    cr_expect(json_equal(got, want), "the API's check differs from the CLI's");
    json_decref(got);
    json_decref(want);
}

Test(serve_workbook, the_sheets_of_a_workbook)
{
    size_t n;
    char *xlsx = sample_workbook(&n);
    struct http_reply r;
    http(&srv, "POST", "/api/workbook/sheets?name=%D1%81%D1%82%D0%BE%D0%BB%D0%BE%D0%B2%D0%B0"
         "%D1%8F.xlsx", NULL, xlsx, n, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_expect_str_eq(r.body, "{\"sheets\":[{\"name\":\"Меню\",\"role\":\"menu\"},"
                             "{\"name\":\"Техкарты\",\"role\":\"recipes\"}]}");
    http_free(&r);
    /* a workbook cut short: the reader's error, naming the file */
    http(&srv, "POST", "/api/workbook/sheets?name=%D1%81%D1%82%D0%BE%D0%BB%D0%BE%D0%B2%D0%B0"
         "%D1%8F.xlsx", NULL, xlsx, 200, &r);
    cr_expect_eq(r.status, 422);
    cr_expect(str_has(r.body, "{\"errors\":[\"столовая.xlsx: not a readable ZIP archive (Not "
                              "a zip archive); expected an Excel workbook (.xlsx) or CSV "
                              "UTF-8\"]"), "%s", r.body);
    http_free(&r);
    free(xlsx);
    /* a sheet the reader refuses: its part, line and column; no name given */
    char *bad = slurp("tests/fuzz/corpus/xlsx/row-in-row.xlsx");
    FILE *f = fopen("tests/fuzz/corpus/xlsx/row-in-row.xlsx", "rb");
    cr_assert(bad && f);
    fseek(f, 0, SEEK_END);
    long bad_len = ftell(f);
    fclose(f);
    http(&srv, "POST", "/api/workbook/sheets", NULL, bad, (size_t)bad_len, &r);
    cr_expect_eq(r.status, 422);
    cr_expect(str_has(r.body, "{\"errors\":[\"workbook.xlsx[Sheet1]: xl/worksheets/sheet1.xml"
                              ":1:66: <row> inside an unfinished <row>; expected cells inside "
                              "rows: <row><c>...</c></row>\"]"), "%s", r.body);
    http_free(&r);
    free(bad);
    /* GET is not the way */
    http(&srv, "GET", "/api/workbook/sheets", NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 405);
    http_free(&r);
}

/* A multipart/form-data body: the workbook (n bytes) as part "workbook"
 * when xlsx is not NULL, then the text parts of rest. */
static char *workbook_request(const char *xlsx, size_t n, size_t *len, const char *rest,
                              size_t rest_len)
{
    char *body = NULL;
    FILE *f = open_memstream(&body, len);
    if (xlsx) {
        fprintf(f, "--" MULTIPART_BOUNDARY "\r\nContent-Disposition: form-data; "
                   "name=\"workbook\"; filename=\"столовая.xlsx\"\r\nContent-Type: "
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                   "\r\n\r\n");
        fwrite(xlsx, 1, n, f);
        fputs("\r\n", f);
    }
    fwrite(rest, 1, rest_len, f);
    fclose(f);
    return body;
}

Test(serve_workbook, multipart_api_request)
{
    struct run cli;
    run_cli(&cli);
    /* the book and the menu as files, the lists as one part per item */
    size_t len;
    char *recipes = slurp("menus/recipes.csv"), *menu = slurp("menus/menu.csv");
    char *body = multipart(&len, "recipes", "recipes.csv", recipes, "menu", "menu.csv", menu,
                           "standards", NULL, "us_dri", "groups", NULL, "7-11", "meal_shares",
                           NULL, "breakfast=20-25", "meal_shares", NULL, "lunch=30-35", "date",
                           NULL, "2026-09-01", NULL);
    struct http_reply r;
    http(&srv, "POST", "/api/check", MULTIPART_HEADER, body, len, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    expect_same_check(r.body, cli.out, "menu.csv");
    http_free(&r);
    free(body);

    /* one workbook, its sheets found by their headers, then named */
    size_t n, rest_len;
    char *xlsx = sample_workbook(&n);
    char *rest = multipart(&rest_len, "standards", NULL, "us_dri", "groups", NULL, "7-11",
                           "meal_shares", NULL, "breakfast=20-25", "meal_shares", NULL,
                           "lunch=30-35", "date", NULL, "2026-09-01", NULL);
    body = workbook_request(xlsx, n, &len, rest, rest_len);
    http(&srv, "POST", "/api/check", MULTIPART_HEADER, body, len, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    expect_same_check(r.body, cli.out, "столовая.xlsx");
    http_free(&r);
    free(body);
    free(rest);
    rest = multipart(&rest_len, "recipes_sheet", NULL, "Техкарты", "menu_sheet", NULL, "Лист1",
                     "standards", NULL, "us_dri", "groups", NULL, "7-11", NULL);
    body = workbook_request(xlsx, n, &len, rest, rest_len);
    http(&srv, "POST", "/api/check", MULTIPART_HEADER, body, len, &r);
    cr_expect_eq(r.status, 422);
    cr_expect(str_has(r.body, "{\"errors\":[\"столовая.xlsx: no sheet 'Лист1'; the sheets "
                              "are 'Меню', 'Техкарты'\"]"), "%s", r.body);
    http_free(&r);
    free(body);
    free(rest);

    /* a workbook and a menu: which one? */
    rest = multipart(&rest_len, "menu", NULL, "week,day,meal,dish,portion_g\n", "standards",
                     NULL, "us_dri", NULL);
    body = workbook_request(xlsx, n, &len, rest, rest_len);
    http(&srv, "POST", "/api/check", MULTIPART_HEADER, body, len, &r);
    cr_expect_eq(r.status, 400);
    cr_expect(str_has(r.body, "{\"errors\":[\"workbook: expected either it or recipes and "
                              "menu, not both\"]"), "%s", r.body);
    http_free(&r);
    free(body);
    free(rest);
    free(xlsx);
    free(recipes);
    free(menu);
    run_free(&cli);
}

Test(serve_workbook, multipart_bad_requests)
{
    size_t len;
    char *body = multipart(&len, "recipes", "recipes.csv", "recipe,servings\n", "standards",
                           NULL, "us_dri", NULL);
    struct http_reply r;
    http(&srv, "POST", "/api/check", "Content-Type: multipart/form-data\r\n", body, len, &r);
    cr_expect_eq(r.status, 400);
    cr_expect(str_has(r.body, "{\"errors\":[\"Content-Type: multipart/form-data without a "
                              "boundary; expected multipart/form-data; boundary=...\"]"),
              "%s", r.body);
    http_free(&r);
    /* cut before its closing boundary (the Content-Length says so: the
     * client sent all it meant to) */
    size_t cut = len - strlen("--" MULTIPART_BOUNDARY "--\r\n") - 5;
    http(&srv, "POST", "/api/check", MULTIPART_HEADER, body, cut, &r);
    cr_expect_eq(r.status, 400);
    cr_expect(str_has(r.body, "{\"errors\":[\"request body: expected multipart/form-data "
                              "parts ending with the closing boundary; the body is malformed "
                              "or cut short\"]"), "%s", r.body);
    http_free(&r);
    free(body);
    /* a short field past its limit; the book may be larger */
    char title[5000];
    memset(title, 'a', sizeof title - 1);
    title[sizeof title - 1] = '\0';
    body = multipart(&len, "recipes", "recipes.csv", "recipe,servings\n", "title", NULL, title,
                     NULL);
    http(&srv, "POST", "/api/check", MULTIPART_HEADER, body, len, &r);
    cr_expect_eq(r.status, 400);
    cr_expect_str_eq(r.body, "{\"errors\":[\"title: expected at most 4096 bytes\"],"
                             "\"diagnostics\":[{\"severity\":\"error\",\"file\":null,"
                             "\"sheet\":null,\"line\":null,\"column\":null,\"message\":"
                             "\"title: expected at most 4096 bytes\"}]}");
    http_free(&r);
    free(body);
    /* 4096 bytes is within it: the next error is the request's own */
    title[4096] = '\0';
    body = multipart(&len, "recipes", "recipes.csv", "recipe,servings\n", "title", NULL, title,
                     NULL);
    http(&srv, "POST", "/api/check", MULTIPART_HEADER, body, len, &r);
    cr_expect_eq(r.status, 400);
    cr_expect(str_has(r.body, "{\"errors\":[\"menu: expected the menu as CSV text\"]"), "%s",
              r.body);
    http_free(&r);
    free(body);
}

/* The body limit holds on the new ways in: the sheet list and a multipart
 * check, told by Content-Length or found while a chunked body arrives. */
Test(serve_workbook, bodies_past_the_limit)
{
    size_t n = 2 * 1024 * 1024 + 1;
    char *big = malloc(n);
    cr_assert(big);
    memset(big, 'a', n);
    static const char *const ways[][2] = {
        {"/api/workbook/sheets", NULL}, {"/api/check", MULTIPART_HEADER}};
    for (size_t i = 0; i < 2; i++) {
        struct http_reply r;
        http(&srv, "POST", ways[i][0], ways[i][1], big, n, &r);
        cr_expect_eq(r.status, 413, "%s", ways[i][0]);
        cr_expect(str_has(r.body, "{\"errors\":[\"The upload is too large (at most 2 MB)\"]"),
                  "%s: %s", ways[i][0], r.body);
        http_free(&r);
    }
    /* a chunked body that grows past it: the connection is ended, unanswered */
    char *req = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&req, &len);
    fputs("POST /api/workbook/sheets HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: "
          "chunked\r\nConnection: close\r\n\r\n", f);
    for (int k = 0; k < 5; k++) {
        fprintf(f, "%x\r\n", 512 * 1024);
        fwrite(big, 1, 512 * 1024, f);
        fputs("\r\n", f);
    }
    fputs("0\r\n\r\n", f);
    fclose(f);
    int closed = 0;
    char *answer = http_raw(&srv, req, len, 5000, &closed);
    cr_expect(closed, "the connection was kept open");
    cr_expect(!str_has(answer, "200 OK"), "%s", answer);
    free(answer);
    free(req);
    free(big);
}
