/*
 * test_serve_home.c - the start page for everyone (`serve --audit`): a
 * school found by number, name or district, and its meal of the day from
 * the menu cycle, with the numbers the CLI gives for the same day.
 *
 * tests/data/home/schools.csv: ALM-012's cycle starts on Monday 2026-09-07
 * over the two-week menu, so Tuesday 2026-09-15 is week 2's Tuesday and
 * Saturday 2026-09-19 has no meal (the next is Monday 2026-09-21, week 3
 * of the cycle = the menu's week 1).
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "served.h"

static struct served srv;

static void start(void)
{
    static const char *const extra[] = {"--audit", "tests/data/home/schools.csv",
                                        "--recipes", "menus/recipes.csv", NULL};
    served_start(&srv, extra);
}

static void stop(void)
{
    served_stop(&srv);
}

TestSuite(serve_home, .init = start, .fini = stop);

/* The school links of a page, "ID ID ...", in page order. */
static void links(const char *page, char *out, size_t size)
{
    const char *tag = "/today?lang=en&amp;school=";
    out[0] = '\0';
    for (const char *p = strstr(page, tag); p; p = strstr(p + 1, tag)) {
        p += strlen(tag);
        size_t n = strcspn(p, "\"");
        size_t len = strlen(out);
        snprintf(out + len, size - len, "%s%.*s", len ? " " : "", (int)n, p);
    }
}

static void search(const char *q, const char *want)
{
    char path[512], got[512];
    snprintf(path, sizeof path, "/?lang=en&q=%s", q);
    struct http_reply r;
    http(&srv, "GET", path, NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 200);
    links(r.body, got, sizeof got);
    cr_expect_str_eq(got, want, "q=%s", q);
    http_free(&r);
}

Test(serve_home, find_a_school)
{
    search("%E2%84%9612", "ALM-012");                      /* №12 */
    search("%D1%88%D0%BA%D0%BE%D0%BB%D0%B0+112", "MED-112"); /* школа 112 */
    search("12+%D0%BC%D0%B5%D0%BA%D1%82%D0%B5%D0%BF", "ALM-012"); /* 12 мектеп */
    search("gymnasium", "BOS-009");
    /* Медеуский with one letter wrong: Медиуский */
    search("%D0%9C%D0%B5%D0%B4%D0%B8%D1%83%D1%81%D0%BA%D0%B8%D0%B9", "MED-112");
    search("%D0%B0%D0%BB%D0%BC%D0%B0%D1%82%D1%8B", "ALM-012 BOS-009 MED-112"); /* алматы */
    search("karaganda", "");
    struct http_reply r;
    http(&srv, "GET", "/?lang=en&q=karaganda", NULL, NULL, 0, &r);
    cr_expect(str_has(r.body, "<p class=\"none\">No school matches: karaganda</p>"));
    http_free(&r);
    /* no query: every school; the files form is one link away */
    http(&srv, "GET", "/?lang=en", NULL, NULL, 0, &r);
    char got[512];
    links(r.body, got, sizeof got);
    cr_expect_str_eq(got, "ALM-012 BOS-009 MED-112");
    cr_expect(str_has(r.body, "<a href=\"/?form=files&amp;lang=en\">Or check your own files</a>"));
    http_free(&r);
    http(&srv, "GET", "/?form=files&lang=en", NULL, NULL, 0, &r);
    cr_expect(str_has(r.body, "<form id=\"check\""), "the files form");
    http_free(&r);
}

/* The value of attribute name in the element that has marker, or NULL. */
static char *attr_after(const char *page, const char *marker, const char *name)
{
    const char *p = strstr(page, marker);
    if (!p)
        return NULL;
    char key[64];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *end = strchr(p, '>'), *a = strstr(p, key);
    if (!a || (end && a > end))
        return NULL;
    a += strlen(key);
    return strndup(a, strcspn(a, "\""));
}

/* `mealcheck CMD` (check or suggest) of the school's week 2 (the header and
 * the week-2 rows of its menu) with the school's norms and shares, as JSON. */
static void cli_week2(struct run *cli, const char *cmd)
{
    char *menu = slurp("menus/audit/menus/two-weeks.csv");
    cr_assert(menu);
    char path[] = "/tmp/mc-home-week2-XXXXXX";
    FILE *f = fdopen(mkstemp(path), "w");
    cr_assert(f);
    for (char *save = NULL, *line = strtok_r(menu, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save))
        if (!strncmp(line, "week,", 5) || !strncmp(line, "2,", 2))
            fprintf(f, "%s\n", line);
    fclose(f);
    free(menu);
    run_mc(cli, cmd, "--recipes", "menus/recipes.csv", "--menu", path, "--standard",
           "ru_sanpin_3590_20", "--group", "7-11", "--meal-share", "breakfast=20-25",
           "--meal-share", "lunch=30-35", "--date", "2026-09-15", "--format", "json", NULL);
    unlink(path);
}

Test(serve_home, today_is_the_cycle_day_with_the_cli_numbers)
{
    /* The CLI on week 2 of the menu, with the school's shares. */
    struct run cli;
    cli_week2(&cli, "check");
    json_t *want = json_loads(cli.out, 0, NULL);
    cr_assert(want, "%s", cli.err);

    struct http_reply r;
    http(&srv, "GET", "/today?lang=en&school=ALM-012&date=2026-09-15", NULL, NULL, 0, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_expect(str_has(r.body, "Today, Tuesday <time datetime=\"2026-09-15\">2026-09-15</time>"
                              " &middot; week 2 of the menu"));
    /* the dishes of week 2's Tuesday, in menu order, the verdict before them */
    const char *verdict = strstr(r.body, "<p class=\"verdict");
    const char *dishes = strstr(r.body, "<h3>Dishes</h3>");
    cr_assert(verdict && dishes && verdict < dishes, "the verdict comes first");
    cr_expect(str_has(dishes, "<li><span class=\"meal\">Breakfast</span> Запеканка творожная "
                              "со сметаной <span class=\"num\">150 g</span></li>"));
    cr_expect(str_has(dishes, "<li><span class=\"meal\">Lunch</span> Котлеты рыбные с "
                              "картофельным пюре <span class=\"num\">280 g</span></li>"));

    /* every number of the day is the CLI's; low and high are its statuses */
    json_t *items = json_object_get(json_array_get(json_object_get(want, "results"), 0),
                                    "items");
    char low[512] = "", high[512] = "";
    size_t n_checked = 0;
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_t *it = json_array_get(items, i);
        json_t *day = json_array_get(json_object_get(it, "days"), 1);
        cr_assert_eq(json_integer_value(json_object_get(day, "day")), 2);
        const char *key = json_string_value(json_object_get(it, "nutrient"));
        const char *st = json_string_value(json_object_get(day, "status"));
        char marker[128];
        snprintf(marker, sizeof marker, "<tr data-nutrient=\"%s\"", key);
        char *v = attr_after(r.body, marker, "data-value");
        cr_assert(v, "%s on the page", key);
        double cli_v = json_number_value(json_object_get(day, "value"));
        if (json_is_null(json_object_get(day, "value")))
            cr_expect_str_eq(v, "nan", "%s unknown", key);
        else
            cr_expect_eq(strtod(v, NULL), cli_v, "%s: page %s, CLI %.17g", key, v, cli_v);
        free(v);
        n_checked++;
        char *list = !strcmp(st, "low") ? low : !strcmp(st, "high") ? high : NULL;
        if (list && !str_has(list, key))
            snprintf(list + strlen(list), 256, "%s%s", *list ? " " : "", key);
    }
    cr_expect_gt(n_checked, 10);
    char *got_low = attr_after(r.body, "<p class=\"verdict", "data-low");
    char *got_high = attr_after(r.body, "<p class=\"verdict", "data-high");
    char *pct = attr_after(r.body, "<p class=\"verdict", "data-energy-pct");
    cr_assert(got_low && got_high && pct);
    cr_expect_str_eq(got_low, low);
    cr_expect_str_eq(got_high, high);
    /* energy of the day over SanPiN's daily 2350 kcal for 7-11 */
    double energy = json_number_value(json_object_get(
        json_array_get(json_object_get(json_array_get(items, 0), "days"), 1), "value"));
    cr_expect_float_eq(strtod(pct, NULL), 100 * energy / 2350, 1e-9);
    char sentence[128];
    snprintf(sentence, sizeof sentence, "The meals today: a 7-11-year-old gets %.0f %% of the "
             "day&#39;s energy", 100 * energy / 2350);
    cr_expect(str_has(r.body, sentence), "%s", sentence);
    free(got_low);
    free(got_high);
    free(pct);
    http_free(&r);
    json_decref(want);
    run_free(&cli);
}

Test(serve_home, a_weekend_shows_the_next_school_day)
{
    struct http_reply r;
    http(&srv, "GET", "/today?lang=en&school=ALM-012&date=2026-09-19", NULL, NULL, 0, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_expect(str_has(r.body, "Saturday <time datetime=\"2026-09-19\">2026-09-19</time>: "
                              "no school meals; the next school day is Monday <time "
                              "datetime=\"2026-09-21\">2026-09-21</time> &middot; week 1 of "
                              "the menu"), "%s", r.body);
    cr_expect(str_has(r.body, "<p class=\"verdict"));
    cr_expect(str_has(r.body, "The meals, Monday: a 7-11-year-old gets "));
    http_free(&r);
}

Test(serve_home, unknown_school_and_bad_date)
{
    struct http_reply r;
    http(&srv, "GET", "/today?school=../etc/passwd", NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 404);
    cr_expect(str_has(r.body, "No such school."));
    http_free(&r);
    http(&srv, "GET", "/today?school=ALM-012&date=2026-13-01", NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 400);
    cr_expect(str_has(r.body, "date: expected YYYY-MM-DD"));
    http_free(&r);
    http(&srv, "POST", "/today?school=ALM-012", NULL, "x", 1, &r);
    cr_expect_eq(r.status, 405);
    http_free(&r);
}

/* Plain foods on today's page: Wednesday 2026-09-16 (week 2) serves white
 * bread, SR28 18069, at lunch; a Russian or Kazakh reader sees the name
 * the kitchen uses, the id and SR28's name beside it. */
Test(serve_home, today_names_foods_in_the_readers_language)
{
    static const char *const want[][2] = {
        {"ru", "<li><span class=\"meal\">Обед</span> <span class=\"food\">Хлеб пшеничный</span> "
               "<span class=\"help\">(18069 Bread, white, commercially prepared (includes "
               "soft bread crumbs))</span> <span class=\"num\">20 г</span></li>"},
        {"kk", "<li><span class=\"meal\">Түскі ас</span> <span class=\"food\">Нан</span> "
               "<span class=\"help\">(18069 Bread, white, commercially prepared (includes "
               "soft bread crumbs))</span> <span class=\"num\">20 г</span></li>"},
        {"en", "<li><span class=\"meal\">Lunch</span> Bread, white, commercially prepared "
               "(includes soft bread crumbs) <span class=\"num\">20 g</span></li>"}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        char path[128];
        snprintf(path, sizeof path, "/today?lang=%s&school=ALM-012&date=2026-09-16",
                 want[i][0]);
        struct http_reply r;
        http(&srv, "GET", path, NULL, NULL, 0, &r);
        cr_assert_eq(r.status, 200, "%s", r.body);
        cr_expect(str_has(r.body, want[i][1]), "%s: %s", want[i][0], r.body);
        http_free(&r);
    }
}

/* Above the days, the week's average against the norms in plain words: the
 * CLI's average of week 2, its low and high nutrients; and below, how to
 * fix the week, as `suggest` finds it (here nothing within +-25 % of the
 * portions can: the norms that cannot be met, each as the CLI lists them). */
Test(serve_home, the_week_in_plain_words_and_how_to_fix_it)
{
    struct run cli;
    cli_week2(&cli, "check");
    json_t *want = json_loads(cli.out, 0, NULL);
    cr_assert(want, "%s", cli.err);
    run_free(&cli);
    struct http_reply r;
    http(&srv, "GET", "/today?lang=en&school=ALM-012&date=2026-09-15", NULL, NULL, 0, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    const char *week = strstr(r.body, "<h3>This week</h3><div class=\"week-verdict\"><p "
                                      "class=\"verdict");
    const char *days = strstr(r.body, "<ul class=\"week\">");
    cr_assert(week && days && week < days, "the week's verdict above the days: %s", r.body);
    json_t *items = json_object_get(json_array_get(json_object_get(want, "results"), 0),
                                    "items");
    char low[512] = "", high[512] = "";
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_t *it = json_array_get(items, i);
        const char *key = json_string_value(json_object_get(it, "nutrient"));
        const char *st = json_string_value(
            json_object_get(json_object_get(it, "average"), "status"));
        char *list = !strcmp(st, "low") ? low : !strcmp(st, "high") ? high : NULL;
        if (list && !str_has(list, key))
            snprintf(list + strlen(list), 256, "%s%s", *list ? " " : "", key);
    }
    char *got_low = attr_after(week, "<p class=\"verdict", "data-low");
    char *got_high = attr_after(week, "<p class=\"verdict", "data-high");
    char *pct = attr_after(week, "<p class=\"verdict", "data-energy-pct");
    cr_assert(got_low && got_high && pct);
    cr_expect_str_eq(got_low, low);
    cr_expect_str_eq(got_high, high);
    cr_expect_str_eq(got_low, "calcium_mg vit_c_mg vit_d_ug");
    double energy = json_number_value(json_object_get(
        json_object_get(json_array_get(items, 0), "average"), "value"));
    cr_expect_float_eq(strtod(pct, NULL), 100 * energy / 2350, 1e-9);
    char sentence[256];
    snprintf(sentence, sizeof sentence, ">The meals this week, on average: a 7-11-year-old "
             "gets %.0f %% of the day&#39;s energy; low in calcium, vitamin C, vitamin D.</p>",
             100 * energy / 2350);
    cr_expect(str_has(week, sentence), "%s", sentence);
    free(got_low);
    free(got_high);
    free(pct);
    json_decref(want);

    cli_week2(&cli, "suggest");
    json_t *fix = json_loads(cli.out, 0, NULL);
    cr_assert(fix, "%s", cli.err);
    run_free(&cli);
    cr_assert(json_is_false(json_object_get(fix, "feasible")));
    const char *sec = strstr(r.body, "<section id=\"fix\" data-feasible=\"false\"><h2>How to "
                                     "fix it</h2>");
    cr_assert(sec, "%s", r.body);
    /* every norm the CLI names, in its order; Calcium (mg) and Vitamin C (mg)
     * have 0 and 1 decimals, Vitamin A and D 0 and 1 */
    size_t i;
    json_t *c;
    const char *at = sec;
    json_array_foreach(json_object_get(fix, "conflicts"), i, c) {
        const char *key = json_string_value(json_object_get(c, "nutrient"));
        json_t *scope = json_object_get(c, "scope");
        const char *name = !strcmp(key, "vit_d_ug") ? "Vitamin D (ug)"
                         : !strcmp(key, "vit_c_mg") ? "Vitamin C (mg)"
                         : !strcmp(key, "calcium_mg") ? "Calcium (mg)"
                         : !strcmp(key, "vit_a_ug_rae") ? "Vitamin A (RAE) (ug)" : key;
        int dec = !strcmp(key, "vit_d_ug") || !strcmp(key, "vit_c_mg") ? 1 : 0;
        char when[64], li[512];
        if (json_is_string(scope))
            snprintf(when, sizeof when, "period average");
        else
            snprintf(when, sizeof when, "week %d %s",
                     (int)json_integer_value(json_object_get(scope, "week")),
                     json_string_value(json_object_get(scope, "day")));
        /* in suggest's words: the share short, and the most the dishes
         * give with only this norm counting */
        double bound = json_number_value(json_object_get(c, "bound"));
        double shortfall = json_number_value(json_object_get(c, "shortfall"));
        json_t *alone = json_object_get(c, "alone");
        char more[160] = "";
        if (json_is_number(alone) && json_number_value(alone) < bound)
            snprintf(more, sizeof more, "; even alone it cannot be met: the most these "
                     "dishes can give is %.*f", dec, json_number_value(alone));
        snprintf(li, sizeof li, "<li>ru_sanpin_3590_20 7-11 (ru_7_11), %s, %s: at least %.*f: "
                 "the closest the dishes come is %.*f, short by %.*f (%.0f %%)%s</li>", name,
                 when, dec, bound, dec, json_number_value(json_object_get(c, "reach")), dec,
                 shortfall, 100 * shortfall / bound, more);
        const char *next = strstr(at, li);
        cr_expect(next, "conflict %zu not on the page in order: %s", i, li);
        if (next)
            at = next + strlen(li);
    }
    cr_expect_eq(i, 14);
    json_decref(fix);
    http_free(&r);
}
