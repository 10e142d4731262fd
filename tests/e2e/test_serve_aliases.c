/*
 * test_serve_aliases.c - a caterer's own alias table on the web (issue 17):
 * the form's "Alias table" file and the API's aliases_csv / aliases_base64
 * read it as `check --aliases` does, with the CLI's numbers and messages.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "harness.h"
#include "served.h"

static struct served srv;
static char dir[] = "/tmp/mc-serve-aliases-XXXXXX";
static char menu[PATH_MAX], table[PATH_MAX], bad[PATH_MAX];

#define BOOK "menus/recipes.csv"
/* The kitchen writes «Картошка молодая» for raw potatoes, 11352. */
#define MENU_TEXT "week,day,meal,dish,portion_g\n1,Mon,lunch,Картошка молодая,150\n" \
                  "1,Mon,lunch,Плов,250\n"
#define TABLE_TEXT "alias,lang,food_id,note\nКартошка молодая,ru,11352,как пишет повар\n"
#define BAD_TEXT "alias,lang,food_id\nКартошка молодая,uz,11352\nРепка,ru,99999\n"

static void write_file(char *path, const char *name, const char *text)
{
    snprintf(path, PATH_MAX, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s", path);
    fputs(text, f);
    fclose(f);
}

static void start(void)
{
    cr_assert_not_null(mkdtemp(dir));
    write_file(menu, "week.csv", MENU_TEXT);
    write_file(table, "kitchen.csv", TABLE_TEXT);
    write_file(bad, "kitchen-bad.csv", BAD_TEXT);
    served_start(&srv, NULL);
}

static void stop(void)
{
    served_stop(&srv);
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
}

TestSuite(serve_aliases, .init = start, .fini = stop, .timeout = 120);

/* POST /api/check of the sample book and the kitchen's menu, named as the
 * CLI's files are, with the alias members given (NULL: none). */
static void api_check(const char *key, const char *value, const char *name,
                      struct http_reply *r)
{
    char *book = slurp(BOOK);
    json_t *req = json_pack("{s:s,s:s,s:s,s:s,s:[s],s:[s],s:s}", "recipes", book,
                            "recipes_name", BOOK, "menu", MENU_TEXT, "menu_name", menu,
                            "standards", "ru_sanpin_3590_20", "groups", "7-11", "date",
                            "2025-01-15");
    if (key)
        json_object_set_new(req, key, json_string(value));
    if (name)
        json_object_set_new(req, "aliases_name", json_string(name));
    char *body = json_dumps(req, JSON_COMPACT);
    http(&srv, "POST", "/api/check", "Content-Type: application/json\r\n", body,
         strlen(body), r);
    free(body);
    json_decref(req);
    free(book);
}

static void cli_check(struct run *cli, const char *aliases)
{
    run_mc(cli, "check", "--recipes", BOOK, "--menu", menu, "--standard",
           "ru_sanpin_3590_20", "--group", "7-11", "--date", "2025-01-15", "--format",
           "json", aliases ? "--aliases" : NULL, aliases, NULL);
}

/* The API's "errors" joined one a line, as the CLI prints them after
 * "mealcheck: error: ". */
static char *api_errors(const char *body)
{
    json_t *doc = json_loads(body, 0, NULL);
    cr_assert(doc, "%s", body);
    json_t *errs = json_object_get(doc, "errors");
    char *out = calloc(1, 8192);
    for (size_t i = 0; i < json_array_size(errs); i++) {
        strcat(out, "mealcheck: error: ");
        strncat(out, json_string_value(json_array_get(errs, i)), 4000);
        strcat(out, "\n");
    }
    json_decref(doc);
    return out;
}

Test(serve_aliases, without_the_table_the_kitchens_name_is_unknown)
{
    struct run cli;
    cli_check(&cli, NULL);
    cr_assert_eq(cli.status, 2, "%s", cli.err);
    char want[PATH_MAX + 512];
    snprintf(want, sizeof want, "mealcheck: error: %s:2:4: unknown dish 'Картошка "
             "молодая': not a recipe of menus/recipes.csv, a food id or a food name; did "
             "you mean 'картошка' (11352 Potatoes, flesh and skin, raw)?\n", menu);
    cr_expect_str_eq(cli.err, want);
    struct http_reply r;
    api_check(NULL, NULL, NULL, &r);
    cr_expect_eq(r.status, 422, "%s", r.body);
    char *got = api_errors(r.body);
    cr_expect_str_eq(got, cli.err, "the API says what the CLI says");
    free(got);
    http_free(&r);
    run_free(&cli);
}

/* With the table the check is the CLI's, byte for byte: 150 g of raw
 * potato (77 kcal per 100 g in SR28) and the sample's plov. */
Test(serve_aliases, with_the_table_the_check_is_the_clis)
{
    struct run cli;
    cli_check(&cli, table);
    cr_assert_eq(cli.status, 7, "%s", cli.err); /* lunch: only advisory norms */
    struct http_reply r;
    api_check("aliases_csv", TABLE_TEXT, table, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_expect_str_eq(r.body, cli.out);
    run_free(&cli);

    /* The potato's share of the day, as `menu` computes it with the table. */
    run_mc(&cli, "menu", "--recipes", BOOK, "--menu", menu, "--aliases", table,
           "--format", "json", NULL);
    cr_assert_eq(cli.status, 0, "%s", cli.err);
    json_t *doc = json_loads(cli.out, 0, NULL);
    json_t *dish = json_array_get(json_object_get(json_array_get(json_object_get(
        json_array_get(json_object_get(json_array_get(json_object_get(doc, "weeks"), 0),
                                       "days"), 0), "meals"), 0), "dishes"), 0);
    cr_expect_str_eq(json_string_value(json_object_get(dish, "food_id")), "11352");
    cr_expect_float_eq(json_real_value(json_object_get(json_object_get(json_object_get(
                           dish, "nutrients"), "energy_kcal"), "value")), 115.5, 1e-9,
                       "150 g x 77 kcal / 100 g");
    json_decref(doc);
    http_free(&r);
    run_free(&cli);
}

Test(serve_aliases, a_bad_row_is_named_by_file_line_and_column)
{
    struct run cli;
    cli_check(&cli, bad);
    cr_assert_eq(cli.status, 2);
    char want[2 * PATH_MAX + 512];
    snprintf(want, sizeof want, "mealcheck: error: %s:2:2: lang: expected ru or kk, got "
             "'uz'\nmealcheck: error: %s:3:3: unknown food id '99999': expected an SR28 "
             "NDB_No (20009) or a local food id (KZ0001)\n", bad, bad);
    cr_expect_str_eq(cli.err, want);
    struct http_reply r;
    api_check("aliases_csv", BAD_TEXT, bad, &r);
    cr_expect_eq(r.status, 422, "%s", r.body);
    char *got = api_errors(r.body);
    cr_expect_str_eq(got, cli.err);
    free(got);
    http_free(&r);
    /* Unnamed, the upload is "aliases.csv". */
    api_check("aliases_csv", BAD_TEXT, NULL, &r);
    cr_expect(strstr(r.body, "\"aliases.csv:2:2: lang: expected ru or kk, got 'uz'\""),
              "%s", r.body);
    http_free(&r);
    run_free(&cli);
}

static const char b64chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char *base64(const unsigned char *p, size_t n)
{
    char *out = malloc(n / 3 * 4 + 5), *o = out;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
                     (i + 2 < n ? p[i + 2] : 0);
        *o++ = b64chars[v >> 18 & 63];
        *o++ = b64chars[v >> 12 & 63];
        *o++ = i + 1 < n ? b64chars[v >> 6 & 63] : '=';
        *o++ = i + 2 < n ? b64chars[v & 63] : '=';
    }
    *o = '\0';
    return out;
}

/* The table as a workbook, sent as base64: the same check as its CSV. */
Test(serve_aliases, an_xlsx_table_as_base64)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/kitchen.xlsx", dir);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, "Названия") : NULL;
    cr_assert(ws);
    const char *cells[2][3] = {{"alias", "lang", "food_id"},
                               {"Картошка молодая", "ru", "11352"}};
    for (int row = 0; row < 2; row++)
        for (int col = 0; col < 3; col++)
            worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, cells[row][col],
                                   NULL);
    cr_assert_eq(workbook_close(wb), LXW_NO_ERROR);
    FILE *f = fopen(path, "rb");
    cr_assert(f);
    unsigned char *xlsx = malloc(1 << 20);
    size_t n = fread(xlsx, 1, 1 << 20, f);
    fclose(f);
    char *b64 = base64(xlsx, n);
    struct run cli;
    cli_check(&cli, path);
    cr_assert_eq(cli.status, 7, "%s", cli.err); /* lunch: only advisory norms */
    struct http_reply r;
    api_check("aliases_base64", b64, "kitchen.xlsx", &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_expect_str_eq(r.body, cli.out);
    http_free(&r);
    api_check("aliases_base64", "not base64!", NULL, &r);
    cr_expect_eq(r.status, 400, "%s", r.body);
    cr_expect(strstr(r.body, "\"aliases_base64: expected an .xlsx file as base64\""), "%s",
              r.body);
    http_free(&r);
    run_free(&cli);
    free(b64);
    free(xlsx);
}

/* The files form: the "Alias table" field is there, and a table uploaded
 * there is read under the name it was uploaded as. */
Test(serve_aliases, the_form_takes_the_table)
{
    struct http_reply r;
    http(&srv, "GET", "/?form=files&lang=en", NULL, NULL, 0, &r);
    cr_expect(strstr(r.body, "Alias table (CSV or .xlsx) <input type=\"file\" "
                             "name=\"aliases_file\""), "%s", r.body);
    http_free(&r);

    char *book = slurp(BOOK);
    size_t len;
    char *body = multipart(&len, "recipes", NULL, book, "menu", NULL, MENU_TEXT,
                           "aliases_file", "мои-названия.csv", BAD_TEXT, "standard", NULL,
                           "ru_sanpin_3590_20", "group", NULL, "7-11", "date", NULL,
                           "2025-01-15", NULL);
    http(&srv, "POST", "/check?lang=en", MULTIPART_HEADER, body, len, &r);
    cr_expect_eq(r.status, 422, "%s", r.body);
    cr_expect(strstr(r.body, "<li>мои-названия.csv:2:2: lang: expected ru or kk, got "
                             "&#39;uz&#39;</li>"), "%s", r.body);
    http_free(&r);
    free(body);

    struct run cli;
    cli_check(&cli, table);
    cr_assert_eq(cli.status, 7, "%s", cli.err); /* lunch: only advisory norms */
    body = multipart(&len, "recipes", NULL, book, "menu", NULL, MENU_TEXT, "aliases_file",
                     "kitchen.csv", TABLE_TEXT, "standard", NULL, "ru_sanpin_3590_20",
                     "group", NULL, "7-11", "date", NULL, "2025-01-15", NULL);
    http(&srv, "POST", "/check?lang=en", MULTIPART_HEADER, body, len, &r);
    cr_expect_eq(r.status, 200, "%s", r.body);
    cr_expect_gt(expect_page_is_check(r.body, cli.out), 0);
    http_free(&r);
    run_free(&cli);
    free(body);
    free(book);
}

/* The API's multipart form takes the table as the part "aliases", as a
 * file or as text: the answer is the CLI's, and a bad row is named by the
 * part's file name. */
Test(serve_aliases, the_multipart_api_takes_the_table)
{
    struct run cli;
    cli_check(&cli, table);
    cr_assert_eq(cli.status, 7, "%s", cli.err);
    char *book = slurp(BOOK);
    size_t len;
    /* a part's file name is its base name: the menu is named as the CLI's */
    char *body = multipart(&len, "recipes", BOOK, book, "menu", menu, MENU_TEXT, "menu_name",
                           NULL, menu, "aliases", table, TABLE_TEXT, "standards", NULL,
                           "ru_sanpin_3590_20",
                           "groups", NULL, "7-11", "date", NULL, "2025-01-15", NULL);
    struct http_reply r;
    http(&srv, "POST", "/api/check", MULTIPART_HEADER, body, len, &r);
    cr_expect_eq(r.status, 200, "%s", r.body);
    cr_expect_str_eq(r.body, cli.out);
    http_free(&r);
    free(body);
    run_free(&cli);

    body = multipart(&len, "recipes", BOOK, book, "menu", menu, MENU_TEXT, "aliases",
                     "kitchen.csv", BAD_TEXT, "standards", NULL, "ru_sanpin_3590_20",
                     "groups", NULL, "7-11", NULL);
    http(&srv, "POST", "/api/check", MULTIPART_HEADER, body, len, &r);
    cr_expect_eq(r.status, 422, "%s", r.body);
    char *got = api_errors(r.body);
    cr_expect_str_eq(got, "mealcheck: error: kitchen.csv:2:2: lang: expected ru or kk, "
                          "got 'uz'\nmealcheck: error: kitchen.csv:3:3: unknown food id "
                          "'99999': expected an SR28 NDB_No (20009) or a local food id "
                          "(KZ0001)\n");
    free(got);
    http_free(&r);
    free(body);
    free(book);
}
