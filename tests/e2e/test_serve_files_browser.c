/*
 * test_serve_files_browser.c - the files page in headless Chromium at
 * 1280 x 800 and on a phone (390 x 844), and the accessibility of every
 * page of `mealcheck serve`.
 *
 * A caterer chooses her workbook, whose sheets are in an unusual order and
 * named her way: a note, last year's menu, the tech cards, this month's
 * menu.  The page lists the sheets in two lists (POST
 * /api/workbook/sheets), the ones their headers name preselected (last
 * year's menu, the cards); she picks this month's menu and checks: the page
 * is the CLI's check of the two CSV files, value by value.  On the phone
 * the verdict is inside the first screen after the upload and nothing
 * scrolls sideways.
 *
 * axe-core runs on every page a person goes through (home, today, school,
 * meal, files page, result) at both widths: a violation of impact serious
 * or critical fails the test, with its rule, node and help URL.
 * Screenshots: build/files-<width>.png, build/files-result-<width>.png.
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

static void go(struct browser *b, const char *url)
{
    int loads = b->loads;
    json_decref(browser_call(b, "Page.navigate", json_pack("{s:s}", "url", url)));
    browser_wait_load(b, loads + 1);
}

static int eval_true(struct browser *b, const char *js)
{
    json_t *v = browser_eval(b, js);
    int yes = json_is_true(v);
    json_decref(v);
    return yes;
}

static char *eval_text(struct browser *b, const char *js)
{
    json_t *v = browser_eval(b, js);
    char *s = strdup(json_is_string(v) ? json_string_value(v) : "");
    json_decref(v);
    return s;
}

static void shot(struct browser *b, const char *name, int width)
{
    char path[128];
    snprintf(path, sizeof path, "build/%s-%d.png", name, width);
    unlink(path);
    browser_screenshot(b, path);
}

/* The pages axe-core audits, below http://127.0.0.1:PORT. */
static const char *const pages[] = {
    "/?lang=en",
    "/?lang=ru",
    "/today?lang=kk&school=ALM-012&date=2026-09-15",
    "/school?lang=en&school=ALM-012&week=2",
    "/meal?lang=en",
    "/meal?lang=ru&d0=1&p0=250&d1=1&meal=lunch",
    "/?form=files&lang=en",
};

static void audit_pages(struct browser *b, unsigned port, int width)
{
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        char url[256], what[300];
        snprintf(url, sizeof url, "http://127.0.0.1:%u%s", port, pages[i]);
        snprintf(what, sizeof what, "%d px %s", width, pages[i]);
        go(b, url);
        browser_axe(b, what);
    }
}

/* The workbook's sheets, chosen on the files page; the result checked. */
static void pick_sheets(struct browser *b, unsigned port, int width, int height,
                        const char *cli_json)
{
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/?form=files&lang=en", port);
    go(b, url);
    browser_choose_file(b, "input[name=workbook_file]", "build/caterer-odd.xlsx");
    /* the script replaces the two sheet fields with lists of the sheets */
    int listed = 0;
    for (int i = 0; i < 100 && !listed; i++) {
        usleep(100000);
        listed = eval_true(b, "document.getElementById('menu_sheet').tagName === 'SELECT'");
    }
    cr_assert(listed, "%d px: the sheets were not listed", width);
    char *options = eval_text(b, "[...document.getElementById('menu_sheet').options]"
                                 ".map(o => o.value).join('|')");
    cr_expect_str_eq(options, "|Пояснения|Старое меню|ТК 2026|Сентябрь");
    free(options);
    char *pre = eval_text(b, "document.getElementById('recipes_sheet').value + '|' + "
                             "document.getElementById('menu_sheet').value");
    cr_expect_str_eq(pre, "ТК 2026|Старое меню", "preselected by their headers");
    free(pre);
    char no_sideways[160];
    snprintf(no_sideways, sizeof no_sideways, "window.innerWidth === %d && "
             "document.documentElement.scrollWidth <= window.innerWidth", width);
    cr_expect(eval_true(b, no_sideways), "%d px: the files page scrolls sideways", width);
    shot(b, "files", width);
    browser_axe(b, width < 600 ? "390 px files page, sheets listed"
                               : "1280 px files page, sheets listed");
    json_decref(browser_eval(b, "(() => { const m = document.getElementById('menu_sheet'); "
                                "m.value = 'Сентябрь'; document.querySelector("
                                "'input[name=date]').value = '2026-09-01'; return true; })()"));
    int loads = b->loads;
    json_decref(browser_eval(b, "document.querySelector('#check button[type=submit]')"
                                ".click(), true"));
    browser_wait_load(b, loads + 1);
    json_t *html = browser_eval(b, "document.documentElement.outerHTML");
    cr_assert(json_string_value(html));
    cr_expect_gt(expect_page_is_check(json_string_value(html), cli_json), 10,
                 "%d px: the check of the sheets picked is not the CLI's", width);
    json_decref(html);
    /* the verdict in the first screen; the form follows the result */
    cr_expect(eval_true(b, "document.querySelector('#result h2 .badge')"
                           ".getBoundingClientRect().bottom <= window.innerHeight"),
              "%d x %d: the verdict is below the first screen", width, height);
    cr_expect(eval_true(b, "!!(document.getElementById('result').compareDocumentPosition("
                           "document.getElementById('check')) & "
                           "Node.DOCUMENT_POSITION_FOLLOWING)"),
              "%d px: the form comes before the result", width);
    cr_expect(eval_true(b, no_sideways), "%d px: the result scrolls sideways", width);
    shot(b, "files-result", width);
    browser_axe(b, width < 600 ? "390 px result" : "1280 px result");
}

/* No .timeout: every wait of browser.c is bounded, and Chromium runs under
 * timeout(1). */
Test(serve_files_browser, sheets_picked_phone_first_and_no_serious_axe_violation)
{
    static const char *const extra[] = {"--audit", "tests/data/home/schools.csv",
                                        "--recipes", "menus/recipes.csv", NULL};
    struct served srv;
    served_start(&srv, extra);
    /* a note, last year's menu (one day), the cards, this month's menu */
    FILE *f = fopen("build/caterer-note.csv", "w");
    cr_assert(f);
    fputs("Школа № 12,сентябрь 2026\nЗав. производством,Иванова\n", f);
    fclose(f);
    f = fopen("build/caterer-old-menu.csv", "w");
    cr_assert(f);
    fputs("week,day,meal,dish,portion_g\n1,1,breakfast,Каша рисовая молочная,150\n", f);
    fclose(f);
    size_t n;
    free(workbook_of("build/caterer-odd.xlsx", &n, "Пояснения", "build/caterer-note.csv",
                     "Старое меню", "build/caterer-old-menu.csv", "ТК 2026",
                     "menus/recipes.csv", "Сентябрь", "menus/menu.csv", NULL));
    struct run cli;
    run_mc(&cli, "check", "--recipes", "menus/recipes.csv", "--menu", "menus/menu.csv",
           "--standard", "ru_sanpin_3590_20", "--group", "7-11", "--meal-share",
           "breakfast=20-25", "--meal-share", "lunch=30-35", "--date", "2026-09-01",
           "--format", "json", NULL);
    cr_assert(cli.status == 0 || cli.status == 3, "%s", cli.err);

    struct browser b;
    browser_open(&b);
    json_decref(browser_call(&b, "Page.setBypassCSP", json_pack("{s:b}", "enabled", 1)));
    static const int sizes[][2] = {{1280, 800}, {390, 844}};
    for (size_t i = 0; i < 2; i++) {
        json_decref(browser_call(&b, "Emulation.setDeviceMetricsOverride", json_pack(
            "{s:i,s:i,s:i,s:b}", "width", sizes[i][0], "height", sizes[i][1],
            "deviceScaleFactor", 1, "mobile", sizes[i][0] < 600)));
        audit_pages(&b, srv.port, sizes[i][0]);
        pick_sheets(&b, srv.port, sizes[i][0], sizes[i][1], cli.out);
    }
    browser_close(&b);
    run_free(&cli);
    unlink("build/caterer-note.csv");
    unlink("build/caterer-old-menu.csv");
    served_stop(&srv);
}
