/*
 * test_serve_home_browser.c - the start page in headless Chromium, as a
 * parent uses it on a desktop (1280 px) and on a phone (390 x 844): type a
 * school's number, follow the result to today's meal, read the verdict.
 * On the phone the verdict must be inside the first screen and no page may
 * scroll sideways (document.documentElement.scrollWidth <= innerWidth);
 * every chart label of a school's full check is at least 12 px high.  The
 * energy share the page states is the CLI's (`check --format json`).  Then
 * a meal is built on /meal from the catalogue, as one types and ticks, and
 * the result the script draws states the CLI's energy share too; last, a
 * caterer's one workbook (book and menu on two sheets) is uploaded on the
 * files form and its check is the CLI's on the two CSV files.
 * Screenshots: build/home-<width>.png, build/today-<width>.png,
 * build/school-<width>.png, build/meal-<width>.png, build/workbook-<width>.png.
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

/* Evaluate js, which clicks something that loads a page, and wait for it. */
static void click_and_wait(struct browser *b, const char *js)
{
    int loads = b->loads;
    json_decref(browser_eval(b, js));
    browser_wait_load(b, loads + 1);
}

static int eval_true(struct browser *b, const char *js)
{
    json_t *v = browser_eval(b, js);
    int yes = json_is_true(v);
    json_decref(v);
    return yes;
}

static double eval_number(struct browser *b, const char *js)
{
    json_t *v = browser_eval(b, js);
    double d = json_number_value(v);
    json_decref(v);
    return d;
}

static void shot(struct browser *b, const char *name, int width)
{
    char path[128];
    snprintf(path, sizeof path, "build/%s-%d.png", name, width);
    unlink(path);
    browser_screenshot(b, path);
    char *png = slurp(path);
    cr_expect(png && !memcmp(png, "\x89PNG", 4), "no screenshot in %s", path);
    free(png);
}

/* innerWidth too: a phone widens its layout viewport to fit what overflows */
static char no_sideways[160];

/* The energy (kcal) of the menu in path as `mealcheck check` finds it on
 * its day day (0-based), with book, SanPiN for 7-11 and the usual shares. */
static double cli_energy(const char *book, const char *path, const char *date, int day)
{
    struct run cli;
    run_mc(&cli, "check", "--recipes", book, "--menu", path, "--standard",
           "ru_sanpin_3590_20", "--group", "7-11", "--meal-share", "breakfast=20-25",
           "--meal-share", "lunch=30-35", "--date", date, "--format", "json", NULL);
    json_t *want = json_loads(cli.out, 0, NULL);
    cr_assert(want, "%s", cli.err);
    json_t *energy_item = json_array_get(
        json_object_get(json_array_get(json_object_get(want, "results"), 0), "items"), 0);
    cr_assert_str_eq(json_string_value(json_object_get(energy_item, "nutrient")),
                     "energy_kcal");
    double kcal = json_number_value(json_object_get(
        json_array_get(json_object_get(energy_item, "days"), day), "value"));
    json_decref(want);
    run_free(&cli);
    return kcal;
}

/* Build a meal on /meal: the noodle soup at 250 g and the plov at its
 * card's 220 g, ticked and typed as a person does; the script's result
 * must state the CLI's share of the day's energy. */
static void build_meal(struct browser *b, unsigned port, int width, double energy)
{
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/meal?lang=en", port);
    go(b, url);
    /* the search hides the other dishes as one types */
    json_decref(browser_eval(b, "(() => { const q = document.getElementById('dish-q'); "
                                "q.value = 'kespe'; q.dispatchEvent(new Event('input', "
                                "{bubbles: true})); return true; })()"));
    cr_expect(eval_true(b, "[...document.querySelectorAll('li.dish')].filter(li => "
                           "!li.hidden).length === 1"), "%d px: kespe finds one dish", width);
    json_decref(browser_eval(
        b, "(() => { const li = [...document.querySelectorAll('li.dish')].find(l => !l.hidden);"
           " li.querySelector('input[type=checkbox]').click();"
           " const p = li.querySelector('input[type=number]'); p.value = '250';"
           " p.dispatchEvent(new Event('input', {bubbles: true}));"
           " const plov = [...document.querySelectorAll('li.dish')].find(l => "
           "l.textContent.includes('Плов с курицей'));"
           " plov.querySelector('input[type=checkbox]').click(); return true; })()"));
    char want[96], js[256];
    snprintf(want, sizeof want, "Lunch: a 7-11-year-old gets %.0f %% of the day's energy",
             100 * energy / 2350);
    snprintf(js, sizeof js, "(document.querySelector('#meal-result p.verdict') || {})"
                            ".textContent || ''");
    json_t *text = NULL;
    for (int i = 0; i < 100; i++) {
        json_decref(text);
        text = browser_eval(b, js);
        if (str_starts(json_string_value(text), want))
            break;
        usleep(100000);
    }
    cr_expect(str_starts(json_string_value(text), want), "%d px: '%s' is not '%s...'", width,
              json_string_value(text), want);
    json_decref(text);
    cr_expect(eval_true(b, no_sideways), "%d px: /meal scrolls sideways", width);
    shot(b, "meal", width);
}

/* Upload the caterer's one workbook on the files form, its sheets found by
 * their headers; the page is the CLI's check of the two CSV files. */
static void upload_workbook(struct browser *b, unsigned port, int width, const char *cli_json)
{
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/?form=files&lang=en", port);
    go(b, url);
    browser_choose_file(b, "input[name=workbook_file]", "build/caterer.xlsx");
    json_decref(browser_eval(b, "document.querySelector('input[name=date]').value = "
                                "'2026-09-01', true"));
    click_and_wait(b, "document.querySelector('#check button[type=submit]').click(), true");
    json_t *html = browser_eval(b, "document.documentElement.outerHTML");
    cr_assert(json_string_value(html));
    cr_expect_gt(expect_page_is_check(json_string_value(html), cli_json), 10,
                 "%d px: the workbook's check is not the CLI's", width);
    json_decref(html);
    cr_expect(eval_true(b, no_sideways), "%d px: the checked workbook scrolls sideways", width);
    shot(b, "workbook", width);
}

static void at_width(struct browser *b, unsigned port, int width, int height, double energy,
                     double meal_energy, const char *workbook_json)
{
    json_decref(browser_call(b, "Emulation.setDeviceMetricsOverride",
                             json_pack("{s:i,s:i,s:i,s:b}", "width", width, "height", height,
                                       "deviceScaleFactor", 1, "mobile", width < 600)));
    snprintf(no_sideways, sizeof no_sideways, "window.innerWidth === %d && "
             "document.documentElement.scrollWidth <= window.innerWidth", width);
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/?lang=en", port);
    go(b, url);
    cr_expect(eval_true(b, no_sideways), "%d px: the start page scrolls sideways", width);
    /* type "№12" and search */
    json_decref(browser_eval(b, "document.getElementById('q').value = '\u211612', true"));
    click_and_wait(b, "document.querySelector('#find button').click(), true");
    cr_assert(eval_true(b, "document.querySelectorAll('.schools a').length === 1 && "
                           "document.querySelector('.schools a').textContent.includes('12')"),
              "%d px: №12 finds one school", width);
    shot(b, "home", width);
    click_and_wait(b, "document.querySelector('.schools a').click(), true");
    cr_assert(eval_true(b, "location.pathname === '/today' && !!document.querySelector("
                           "'p.verdict')"), "%d px: today's page with a verdict", width);
    cr_expect(eval_true(b, "document.querySelector('p.verdict').getBoundingClientRect()"
                           ".bottom <= window.innerHeight"),
              "%d px: the verdict is below the first screen (bottom %.0f, height %d)", width,
              eval_number(b, "document.querySelector('p.verdict').getBoundingClientRect()"
                             ".bottom"), height);
    cr_expect(eval_true(b, no_sideways), "%d px: today's page scrolls sideways", width);
    /* the numbers open as cards on a phone: still nothing sideways */
    json_decref(browser_eval(b, "document.querySelector('details.numbers').open = true"));
    cr_expect(eval_true(b, no_sideways), "%d px: the numbers scroll sideways", width);
    shot(b, "today", width);

    /* week 2's Tuesday: the share of the day's energy the CLI's value gives */
    snprintf(url, sizeof url,
             "http://127.0.0.1:%u/today?lang=en&school=ALM-012&date=2026-09-15", port);
    go(b, url);
    char want[64];
    snprintf(want, sizeof want, "gets %.0f %% of the day's energy", 100 * energy / 2350);
    json_t *text = browser_eval(b, "document.querySelector('p.verdict').textContent");
    cr_expect(str_has(json_string_value(text), want), "%d px: '%s' lacks '%s'", width,
              json_string_value(text), want);
    json_decref(text);
    /* the week's verdict above its days, and how to fix the week, with
     * nothing sideways and the labels readable */
    cr_expect(eval_true(b, "!!document.querySelector('.week-verdict p.verdict') && "
                           "document.querySelector('.week-verdict').compareDocumentPosition("
                           "document.querySelector('ul.week')) === 4 && "
                           "!!document.querySelector('#fix .fix-conflicts li')"),
              "%d px: the week's verdict and how to fix it", width);
    cr_expect(eval_true(b, "parseFloat(getComputedStyle(document.querySelector("
                           "'#fix li')).fontSize) >= 12"), "%d px: fix labels under 12 px",
              width);
    cr_expect(eval_true(b, no_sideways), "%d px: the week's fix scrolls sideways", width);

    /* the school's full check: tables and chart scroll in their own boxes */
    snprintf(url, sizeof url, "http://127.0.0.1:%u/school?lang=en&school=ALM-012&week=2",
             port);
    go(b, url);
    cr_expect(eval_true(b, no_sideways), "%d px: the full check scrolls sideways", width);
    cr_expect(eval_true(b, "[...document.querySelectorAll('svg.chart text')].every("
                           "t => t.getBoundingClientRect().height >= 12)"),
              "%d px: a chart label is smaller than 12 px (smallest %.1f)", width,
              eval_number(b, "Math.min(...[...document.querySelectorAll('svg.chart text')]"
                             ".map(t => t.getBoundingClientRect().height))"));
    cr_expect(eval_true(b, "(() => { const r = document.querySelector('section.result'), "
                           "u = [...document.querySelectorAll('h2')].find(h => h.textContent"
                           ".startsWith('Or check your own files')); return !!r && !!u && "
                           "(r.compareDocumentPosition(u) & Node.DOCUMENT_POSITION_FOLLOWING)"
                           " !== 0; })()"),
              "%d px: 'Or check your own files' is not below the result", width);
    shot(b, "school", width);
    build_meal(b, port, width, meal_energy);
    upload_workbook(b, port, width, workbook_json);
}

/* No .timeout: every wait of browser.c is bounded, and Chromium runs under
 * timeout(1). */
Test(serve_home_browser, find_a_school_today_and_build_a_meal_at_1280_and_390)
{
    static const char *const extra[] = {"--audit", "tests/data/home/schools.csv",
                                        "--recipes", "menus/recipes.csv", NULL};
    struct served srv;
    served_start(&srv, extra);
    /* the CLI's energy on week 2's Tuesday of the two-week menu */
    char *menu = slurp("menus/audit/menus/two-weeks.csv");
    cr_assert(menu);
    char path[] = "/tmp/mc-home-browser-XXXXXX";
    FILE *f = fdopen(mkstemp(path), "w");
    cr_assert(f);
    for (char *save = NULL, *line = strtok_r(menu, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save))
        if (!strncmp(line, "week,", 5) || !strncmp(line, "2,", 2))
            fprintf(f, "%s\n", line);
    fclose(f);
    double energy = cli_energy("menus/recipes.csv", path, "2026-09-15", 1);
    unlink(path);
    char meal[] = "/tmp/mc-home-meal-XXXXXX";
    f = fdopen(mkstemp(meal), "w");
    cr_assert(f);
    fprintf(f, "week,day,meal,dish,portion_g\n1,1,lunch,Суп-лапша домашняя,250\n"
               "1,1,lunch,Плов с курицей,220\n");
    fclose(f);
    /* the energy of a meal is the same on any date */
    double meal_energy = cli_energy("menus/catalogue/recipes.csv", meal, "2026-09-15", 0);
    unlink(meal);

    /* the caterer's workbook and the CLI's check of its two CSV files */
    size_t n;
    char *xlsx = sample_workbook(&n);
    f = fopen("build/caterer.xlsx", "wb");
    cr_assert(f && fwrite(xlsx, 1, n, f) == n);
    fclose(f);
    free(xlsx);
    struct run cli;
    run_mc(&cli, "check", "--recipes", "menus/recipes.csv", "--menu", "menus/menu.csv",
           "--standard", "ru_sanpin_3590_20", "--group", "7-11", "--meal-share",
           "breakfast=20-25", "--meal-share", "lunch=30-35", "--date", "2026-09-01",
           "--format", "json", NULL);

    struct browser b;
    browser_open(&b);
    at_width(&b, srv.port, 1280, 800, energy, meal_energy, cli.out);
    at_width(&b, srv.port, 390, 844, energy, meal_energy, cli.out);
    browser_close(&b);
    run_free(&cli);
    free(menu);
    served_stop(&srv);
}
