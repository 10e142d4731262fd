/*
 * test_serve_workbook.c - a caterer's one workbook: the sample book and menu
 * (menus/recipes.csv, menus/menu.csv) as two sheets of one .xlsx, the menu
 * first, named in Russian.  Uploaded on the files form (sheets found by
 * their headers, or named) and sent to the JSON API as base64, the check is
 * the CLI's on the CSV files.
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
