/*
 * test_serve_fix.c - how to fix a failing menu on the web: the page's "How
 * to fix it" and POST /api/check with "suggest" give what `mealcheck
 * suggest` gives for the same files (the sample menu, the shipped DRIs for
 * 9-13 year olds, breakfast 20-25 % and lunch 30-35 % of the day, skimmed
 * milk 01085 allowed at 200 g +-25 %), and a menu nothing can fix names
 * the norms that cannot be met.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "harness.h"
#include "served.h"

#define R "menus/recipes.csv"
#define M "menus/menu.csv"

static struct served srv;

static void start(void)
{
    served_start(&srv, NULL);
}

static void stop(void)
{
    served_stop(&srv);
}

TestSuite(serve_fix, .init = start, .fini = stop, .timeout = 120);

/* `suggest --format json` of the sample for 9-13 with milk allowed. */
static json_t *cli_suggestion(void)
{
    struct run cli;
    run_mc(&cli, "suggest", "--recipes", R, "--menu", M, "--standard", "us_dri",
           "--meal-share", "breakfast=20-25", "--meal-share", "lunch=30-35", "--group",
           "9-13", "--add", "01085=200", "--date", "2026-09-01", "--format", "json", NULL);
    cr_assert_eq(cli.status, 0, "%s", cli.err);
    json_t *doc = json_loads(cli.out, 0, NULL);
    cr_assert(doc, "%s", cli.out);
    run_free(&cli);
    return doc;
}

static json_t *api_check(const char *group, int suggest, const char *add, int *status)
{
    char *recipes = slurp(R), *menu = slurp(M);
    json_t *req = json_pack("{s:s,s:s,s:s,s:s,s:[s],s:[s],s:[s,s],s:s,s:b}", "recipes",
                            recipes, "recipes_name", R, "menu", menu, "menu_name", M,
                            "standards", "us_dri", "groups", group, "meal_shares",
                            "breakfast=20-25", "lunch=30-35", "date", "2026-09-01",
                            "suggest", suggest);
    if (add)
        json_object_set_new(req, "suggest_add", json_pack("[s]", add));
    char *body = json_dumps(req, JSON_COMPACT);
    struct http_reply r;
    http(&srv, "POST", "/api/check", "Content-Type: application/json\r\n", body,
         strlen(body), &r);
    *status = r.status;
    json_t *doc = json_loads(r.body, 0, NULL);
    cr_assert(doc, "%s", r.body);
    http_free(&r);
    free(body);
    json_decref(req);
    free(recipes);
    free(menu);
    return doc;
}

Test(serve_fix, api_suggestion_is_the_cli_json)
{
    json_t *cli = cli_suggestion();
    int status;
    json_t *doc = api_check("9-13", 1, "01085=200", &status);
    cr_assert_eq(status, 200);
    cr_expect(json_is_false(json_object_get(doc, "complies")));
    json_t *s = json_object_get(doc, "suggestion");
    cr_assert(json_is_object(s));
    /* Every field: the changes, the nutrients before -> after, the model. */
    char *a = json_dumps(s, JSON_SORT_KEYS), *b = json_dumps(cli, JSON_SORT_KEYS);
    cr_expect_str_eq(a, b);
    cr_expect(json_is_true(json_object_get(s, "feasible")));
    cr_expect_gt(json_array_size(json_object_get(s, "changes")), 0);
    free(a);
    free(b);
    json_decref(doc);

    /* Not asked for: the check's document as it was, without the solver. */
    doc = api_check("9-13", 0, NULL, &status);
    cr_assert_eq(status, 200);
    cr_expect_null(json_object_get(doc, "suggestion"));
    json_decref(doc);
    json_decref(cli);
}

Test(serve_fix, api_bad_item_to_add)
{
    int status;
    json_t *doc = api_check("9-13", 1, "01085=-5", &status);
    cr_expect_eq(status, 400);
    cr_expect_str_eq(json_string_value(json_array_get(json_object_get(doc, "errors"), 0)),
                     "suggest_add: expected NAME or NAME=GRAMS (a recipe of the book or "
                     "a food), got '01085=-5'");
    json_decref(doc);
}

static char *page(const char *group, const char *add, const char *lang)
{
    char *recipes = slurp(R), *menu = slurp(M), path[64];
    size_t len;
    char *body = multipart(&len, "recipes_file", "recipes.csv", recipes, "menu_file",
                           "menu.csv", menu, "standard", NULL, "us_dri", "group", NULL,
                           group, "shares", NULL, "breakfast=20-25, lunch=30-35", "date",
                           NULL, "2026-09-01", "suggest_add", NULL, add, NULL);
    struct http_reply r;
    snprintf(path, sizeof path, "/check?lang=%s", lang);
    http(&srv, "POST", path, MULTIPART_HEADER, body, len, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    char *html = strdup(r.body);
    http_free(&r);
    free(body);
    free(recipes);
    free(menu);
    return html;
}

Test(serve_fix, page_shows_the_cli_changes)
{
    json_t *cli = cli_suggestion();
    char *html = page("9-13", "01085=200", "en");
    const char *fix = strstr(html, "<section id=\"fix\" data-feasible=\"true\"><h2>How to fix "
                                   "it</h2>");
    cr_assert(fix, "%s", html);
    /* Each change of the CLI, in its order, as a row. */
    size_t i;
    json_t *c;
    const char *at = fix;
    json_array_foreach(json_object_get(cli, "changes"), i, c) {
        const char *kind = json_string_value(json_object_get(c, "kind"));
        char row[1024];
        snprintf(row, sizeof row, "<tr><td>week %d %s</td><td>%s</td><td>%s%s</td><td>"
                                  "%.1f &rarr; %.1f</td></tr>",
                 (int)json_integer_value(json_object_get(c, "week")),
                 json_string_value(json_object_get(c, "day")),
                 json_string_value(json_object_get(c, "meal")),
                 !strcmp(kind, "add") ? "add " : "",
                 json_string_value(json_object_get(c, "dish")),
                 json_number_value(json_object_get(c, "old_g")),
                 json_number_value(json_object_get(c, "new_g")));
        const char *next = strstr(at, row);
        cr_expect(next, "change %zu not on the page in order: %s", i, row);
        if (next)
            at = next + strlen(row);
    }
    /* Vitamin D's average moves from failing to passing; the engine's
     * check of the changed menu fails nothing (iodine stays unknown). */
    cr_expect(str_has(fix, "<tr><td>us_dri 9-13 (male_9_13, female_9_13), Vitamin D (ug)"
                           "</td><td>2.2 &rarr; 7.8</td><td>FAIL &rarr; pass</td></tr>"), "%s", fix);
    cr_expect(str_has(fix, "<p class=\"fix-outcome\">With these changes (checked again): "
                           "compliance cannot be decided: a verified norm has insufficient "
                           "data</p>"), "%s", fix);
    free(html);
    json_decref(cli);
}

/* The lines of `suggest`'s text that name the norms nothing can meet,
 * each set's heading and each norm with what the dishes reach, are on the
 * page in order: "<p class="fix-set">HEADING</p>" and "<li>NORM</li>".
 * @return the norms found */
static size_t expect_conflicts_are_suggest(const char *fix, const char *cli_text)
{
    char *text = strdup(cli_text), *save = NULL;
    cr_assert(text);
    const char *at = fix;
    size_t norms = 0;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char want[1024];
        size_t n = strlen(line);
        if (!strncmp(line, "  ", 2))
            snprintf(want, sizeof want, "<li>%s</li>", line + 2);
        else if (n && line[n - 1] == ':' && str_has(line, "cannot be met"))
            snprintf(want, sizeof want, "<p class=\"fix-set\">%s</p>", line);
        else
            continue;
        const char *next = strstr(at, want);
        cr_expect(next, "not on the page in order: %s\n%s", want, fix);
        if (next)
            at = next + strlen(want);
        norms += line[0] == ' ';
    }
    free(text);
    return norms;
}

Test(serve_fix, page_names_the_norms_nothing_can_meet)
{
    char *html = page("7-11", "", "en");
    const char *fix = strstr(html, "<section id=\"fix\" data-feasible=\"false\">");
    cr_assert(fix, "%s", html);
    /* As `suggest` says it: 7.5 ug of vitamin D is out of reach, 2.7 at best. */
    cr_expect(str_has(fix, "<li>us_dri 7-11 (child_4_8, male_9_13, female_9_13), Vitamin D "
                           "(ug), period average: at least 7.5: the closest the dishes come "
                           "is 2.7, short by 4.8 (65 %); even alone it cannot be met: the most "
                           "these dishes can give is 2.8</li>"), "%s", fix);
    struct run cli;
    run_mc(&cli, "suggest", "--recipes", R, "--menu", M, "--standard", "us_dri",
           "--meal-share", "breakfast=20-25", "--meal-share", "lunch=30-35", "--group",
           "7-11", "--date", "2026-09-01", NULL);
    cr_assert_eq(cli.status, 3, "%s", cli.err);
    cr_expect_gt(expect_conflicts_are_suggest(fix, cli.out), 0, "%s", cli.out);
    run_free(&cli);
    free(html);
}

Test(serve_fix, page_in_russian)
{
    char *html = page("7-11", "", "ru");
    cr_expect(str_has(html, "<h2>Как исправить меню</h2>"), "%s", html);
    free(html);
}

Test(serve_fix, no_fix_for_a_menu_that_complies)
{
    /* check-ok complies with the USDA K-5 meals (test_check_cli.c): asked
     * for, the suggestion is null and the page has no section. */
    char *recipes = slurp("tests/data/check-small/recipes.csv");
    char *menu = slurp("tests/data/check-ok/menu.csv");
    json_t *req = json_pack("{s:s,s:s,s:[s],s:[s],s:s,s:b}", "recipes", recipes, "menu",
                            menu, "standards", "usda_school_meals", "groups", "5-10",
                            "date", "2025-01-01", "suggest", 1);
    char *body = json_dumps(req, JSON_COMPACT);
    struct http_reply r;
    http(&srv, "POST", "/api/check", NULL, body, strlen(body), &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_expect(str_has(r.body, "\"complies\":true"), "%s", r.body);
    cr_expect(str_has(r.body, ",\"suggestion\":null}\n"), "%s", r.body);
    http_free(&r);
    free(body);
    size_t len;
    body = multipart(&len, "recipes", NULL, recipes, "menu", NULL, menu, "standard", NULL,
                     "usda_school_meals", "group", NULL, "5-10", "date", NULL, "2025-01-01",
                     NULL);
    http(&srv, "POST", "/check?lang=en", MULTIPART_HEADER, body, len, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_expect(str_has(r.body, "data-complies=\"true\""), "%s", r.body);
    cr_expect(!str_has(r.body, "<section id=\"fix\""));
    http_free(&r);
    free(body);
    json_decref(req);
    free(recipes);
    free(menu);
}

/* The upload result page of tests/data/fix-food (check-ok's menu with
 * lunch's apples cut from 500 to 300 g) for the USDA K-5 meals in lang. */
static char *food_page(const char *lang)
{
    char *recipes = slurp("tests/data/check-small/recipes.csv");
    char *menu = slurp("tests/data/fix-food/menu.csv"), path[64];
    size_t len;
    char *body = multipart(&len, "recipes", NULL, recipes, "menu", NULL, menu, "standard",
                           NULL, "usda_school_meals", "group", NULL, "5-10", "date", NULL,
                           "2025-01-01", NULL);
    struct http_reply r;
    snprintf(path, sizeof path, "/check?lang=%s", lang);
    http(&srv, "POST", path, MULTIPART_HEADER, body, len, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    char *html = strdup(r.body);
    http_free(&r);
    free(body);
    free(recipes);
    free(menu);
    return html;
}

/* Plain foods (served by SR28 id) are named as the reader knows them, the
 * id beside: in the dishes served and in the fix, which (as `suggest`
 * says) grows lunch's rolled oats 08120 from 100 to 104 g to reach the
 * lunch's 550 kcal. */
Test(serve_fix, foods_in_the_readers_language)
{
    struct run cli;
    run_mc(&cli, "suggest", "--recipes", "tests/data/check-small/recipes.csv", "--menu",
           "tests/data/fix-food/menu.csv", "--standard", "usda_school_meals", "--group",
           "5-10", "--date", "2025-01-01", NULL);
    cr_expect(str_has(cli.out, "  week 1 Monday, lunch: 08120 100.0 g -> 104.0 g (+4 %)\n"),
              "%s", cli.out);
    run_free(&cli);

    char *html = food_page("ru");
    const char *fix = strstr(html, "<section id=\"fix\" data-feasible=\"true\">");
    cr_assert(fix, "%s", html);
    cr_expect(str_has(fix, "<tr><td>неделя 1, Понедельник</td><td>обед</td><td><span "
                           "class=\"food\">Овсяные хлопья</span> <span class=\"help\">(08120)"
                           "</span></td><td>100.0 &rarr; 104.0</td></tr>"), "%s", fix);
    cr_expect(str_has(html, "<tr><td>завтрак</td><td class=\"dish\"><span class=\"food\">"
                            "Яблоко</span> <span class=\"help\">(09003 Apples, raw, with "
                            "skin)</span></td><td class=\"num\">400</td>"), "%s", html);
    free(html);
    /* the Kazakh name in Kazakh */
    html = food_page("kk");
    cr_expect(str_has(html, "<td class=\"dish\"><span class=\"food\">Алма</span> <span "
                            "class=\"help\">(09003 Apples, raw, with skin)</span>"), "%s",
              html);
    free(html);
    /* English: SR28's names, as before */
    html = food_page("en");
    cr_expect(str_has(html, "<td>lunch</td><td>08120</td><td>100.0 &rarr; 104.0</td></tr>"), "%s", html);
    cr_expect(str_has(html, "<td class=\"dish\">09003 <span class=\"help\">(Apples, raw, with "
                            "skin)</span></td>"), "%s", html);
    free(html);
}

/* ---- a school of the manifest (serve --audit) --------------------------- */

static struct served audit_srv;

static void audit_start(void)
{
    static const char *const extra[] = {"--audit", "menus/audit/schools.csv", "--recipes",
                                        R, NULL};
    served_start(&audit_srv, extra);
}

static void audit_stop(void)
{
    served_stop(&audit_srv);
}

TestSuite(serve_fix_school, .init = audit_start, .fini = audit_stop, .timeout = 120);

/* School No. 41 (menus/audit/menus/week1.csv, SanPiN and the DRIs for
 * 7-11, breakfast 20-25 % and lunch 30-35 %): its page says how to fix
 * it as `suggest` does for the same menu and norms. */
Test(serve_fix_school, school_page_shows_how_to_fix_it_as_suggest)
{
    struct http_reply r;
    http(&audit_srv, "GET", "/school?school=ALM-003&date=2026-09-01&lang=en", NULL, NULL, 0,
         &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    const char *fix = strstr(r.body, "<section id=\"fix\" data-feasible=\"false\"><h2>How to "
                                     "fix it</h2>");
    cr_assert(fix, "%s", r.body);
    /* SanPiN's iodine is unknown; the DRIs' vitamin D and calcium are out
     * of reach: 496 mg of calcium at best together, 501 mg alone */
    cr_expect(str_has(fix, "<li>us_dri 7-11 (child_4_8, male_9_13, female_9_13), Calcium (mg), "
                           "period average: at least 650: the closest the dishes come is 496, "
                           "short by 154 (24 %); even alone it cannot be met: the most these "
                           "dishes can give is 501</li>"), "%s", fix);
    struct run cli;
    run_mc(&cli, "suggest", "--recipes", R, "--menu", "menus/audit/menus/week1.csv",
           "--standard", "ru_sanpin_3590_20", "--standard", "us_dri", "--group", "7-11",
           "--meal-share", "breakfast=20-25", "--meal-share", "lunch=30-35", "--date",
           "2026-09-01", NULL);
    cr_assert_eq(cli.status, 3, "%s", cli.err);
    /* every norm `suggest` names, and no other */
    size_t lis = 0;
    const char *end = strstr(fix, "</section>");
    for (const char *li = strstr(fix, "<li>"); li && li < end; li = strstr(li + 1, "<li>"))
        lis++;
    cr_expect_eq(expect_conflicts_are_suggest(fix, cli.out), lis, "%s", cli.out);
    cr_expect_gt(lis, 2);
    run_free(&cli);
    http_free(&r);

    /* the report of the same week is the plain check, no fix run */
    http(&audit_srv, "GET", "/school/report?school=ALM-003&date=2026-09-01", NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 200);
    cr_expect(r.len > 4 && !memcmp(r.body, "PK", 2), "an .xlsx (zip) file");
    http_free(&r);
}
