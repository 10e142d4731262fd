/*
 * test_serve_browser.c - a real browser on the page: headless Chromium,
 * driven over its DevTools pipe (browser.h), chooses the sample book and
 * menu in the page's file fields, ticks a norm set and clicks Check; the
 * rendered result is compared with `mealcheck check --format json` on the
 * same files, value by value.  A screenshot is kept in build/serve.png.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "browser.h"
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

Test(serve_browser, sample_uploaded_and_checked_in_chromium, .timeout = 240)
{
    struct served srv;
    served_start(&srv, NULL);
    struct run cli;
    run_cli(&cli);
    cr_assert(cli.status == 0 || cli.status == 3, "%s", cli.err);

    struct browser b;
    browser_open(&b);
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/?lang=en", srv.port);
    int loads = b.loads;
    json_decref(browser_call(&b, "Page.navigate", json_pack("{s:s}", "url", url)));
    browser_wait_load(&b, loads + 1);

    /* Choose the two files; the page's script shows them in the text areas. */
    browser_choose_file(&b, "input[name=recipes_file]", "menus/recipes.csv");
    browser_choose_file(&b, "input[name=menu_file]", "menus/menu.csv");
    json_t *shown = NULL;
    for (int i = 0; i < 100 && !json_is_true(shown); i++) {
        json_decref(shown);
        usleep(100000);
        shown = browser_eval(&b, "document.getElementById('recipes').value.startsWith("
                                 "'recipe,servings') && document.getElementById('menu')"
                                 ".value.startsWith('week,day')");
    }
    cr_assert(json_is_true(shown), "the chosen files did not reach the text areas");
    json_decref(shown);
    /* SanPiN is ticked, 7-11 and the shares are filled in: add the DRIs. */
    json_decref(browser_eval(&b, "document.querySelector('input[name=standard]"
                                 "[value=us_dri]').click(), true"));
    loads = b.loads;
    json_decref(browser_eval(&b, "document.querySelector('#check button[type=submit]')"
                                 ".click(), true"));
    browser_wait_load(&b, loads + 1);
    json_t *html = browser_eval(&b, "document.documentElement.outerHTML");
    const char *dom = json_string_value(html);
    cr_assert(dom);

    /* The page after the post: the verdict and every average, to the bit. */
    cr_expect_gt(expect_page_is_check(dom, cli.out), 20);
    cr_expect(str_has(dom, "<td class=\"dish\">Каша рисовая молочная</td>"));
    /* The uploads are named as the person's files were. */
    cr_expect(str_has(dom, "<p class=\"help\">menu.csv</p>"));

    unlink("build/serve.png");
    browser_screenshot(&b, "build/serve.png");
    char *png = slurp("build/serve.png");
    cr_expect(png && !memcmp(png, "\x89PNG", 4), "no screenshot in build/serve.png");
    free(png);
    browser_close(&b);
    json_decref(html);
    run_free(&cli);
    served_stop(&srv);
}
