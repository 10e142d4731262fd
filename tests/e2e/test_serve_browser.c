/*
 * test_serve_browser.c - a real browser on the page: headless Chromium
 * opens the sample (/?demo=sample&run=1 fills the form from menus/ and its
 * script posts it as a person's click would), and the rendered result is
 * compared with `mealcheck check --format json` on the same files, value
 * by value.  A screenshot is kept in build/serve.png.  Chromium runs under
 * timeout(1) so that it cannot hang the suite.
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

/* The demo page's settings, as `make run` has them. */
static void run_cli(struct run *r)
{
    run_mc(r, "check", "--recipes", "menus/recipes.csv", "--menu", "menus/menu.csv",
           "--standard", "ru_sanpin_3590_20", "--standard", "us_dri", "--group", "7-11",
           "--meal-share", "breakfast=20-25", "--meal-share", "lunch=30-35", "--format",
           "json", NULL);
}

static void chromium(struct run *r, const char *profile, const char *what,
                     const char *url)
{
    char *argv[] = {
        (char *)"timeout", (char *)"-k", (char *)"5", (char *)"90", (char *)"chromium",
        (char *)"--headless", (char *)"--no-sandbox", (char *)"--disable-gpu",
        (char *)"--disable-quic", (char *)"--no-first-run",
        (char *)"--disable-background-networking", (char *)"--disable-component-update",
        (char *)"--disable-sync", (char *)profile, (char *)"--virtual-time-budget=20000",
        (char *)"--hide-scrollbars", (char *)"--window-size=1280,2400", (char *)what,
        (char *)url, NULL};
    run_argv(r, argv);
}

/* The row attributes page.c writes for an item of a check result. */
static void item_key(char *buf, size_t size, const char *std, const char *group,
                     json_t *item)
{
    json_t *meal = json_object_get(item, "meal");
    json_t *value = json_object_get(json_object_get(item, "average"), "value");
    char num[64];
    snprintf(num, sizeof num, "%.17g", json_is_number(value) ? json_number_value(value)
                                                             : (double)NAN);
    snprintf(buf, size, "data-standard=\"%s\" data-group=\"%s\" data-nutrient=\"%s\" "
             "data-measure=\"%s\" data-meal=\"%s\" data-value=\"%s\"", std, group,
             json_string_value(json_object_get(item, "nutrient")),
             json_string_value(json_object_get(item, "measure")),
             json_is_string(meal) ? json_string_value(meal) : "", num);
}

Test(serve_browser, sample_checked_in_chromium, .timeout = 240)
{
    struct served srv;
    served_start(&srv, NULL);
    struct run cli, dom, shot;
    run_cli(&cli);
    cr_assert(cli.status == 0 || cli.status == 3, "%s", cli.err);
    json_t *doc = json_loads(cli.out, 0, NULL);
    cr_assert(doc);

    char profile[] = "/tmp/mc-chromium-XXXXXX", profile_arg[64], url[128];
    cr_assert(mkdtemp(profile));
    snprintf(profile_arg, sizeof profile_arg, "--user-data-dir=%s", profile);
    snprintf(url, sizeof url, "http://127.0.0.1:%u/?demo=sample&run=1&lang=en", srv.port);
    chromium(&dom, profile_arg, "--dump-dom", url);
    cr_assert_eq(dom.status, 0, "chromium: %s", dom.err);

    /* The page after the post: the verdict and every average, to the bit. */
    char want[64];
    snprintf(want, sizeof want, "data-complies=\"%s\"",
             json_is_true(json_object_get(doc, "complies")) ? "true" : "false");
    cr_expect(str_has(dom.out, want), "no %s in the page", want);
    size_t i, k, rows = 0;
    json_t *res, *item;
    json_array_foreach(json_object_get(doc, "results"), i, res) {
        const char *std = json_string_value(json_object_get(res, "standard"));
        const char *group = json_string_value(json_object_get(res, "group"));
        json_array_foreach(json_object_get(res, "items"), k, item) {
            char key[512];
            item_key(key, sizeof key, std, group, item);
            cr_expect(str_has(dom.out, key), "the page lacks %s", key);
            rows++;
        }
    }
    cr_expect_gt(rows, 20);
    cr_expect(str_has(dom.out, "<td class=\"dish\">Каша рисовая молочная</td>"));

    snprintf(url, sizeof url, "http://127.0.0.1:%u/?demo=sample&run=1&lang=ru", srv.port);
    unlink("build/serve.png");
    chromium(&shot, profile_arg, "--screenshot=build/serve.png", url);
    cr_expect_eq(shot.status, 0, "chromium: %s", shot.err);
    char *png = slurp("build/serve.png");
    cr_expect(png && !memcmp(png, "\x89PNG", 4), "no screenshot in build/serve.png");
    free(png);

    char rm[96];
    snprintf(rm, sizeof rm, "rm -rf %s", profile);
    cr_expect(system(rm) == 0);
    json_decref(doc);
    run_free(&cli);
    run_free(&dom);
    run_free(&shot);
    served_stop(&srv);
}
