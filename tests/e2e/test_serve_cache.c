/*
 * test_serve_cache.c - /today, /meal and /api/meal answered from the
 * server's cache: the same bytes a second time, a school's changed menu
 * seen at once, and the bounds of MEALCHECK_CACHE_ENTRIES and
 * MEALCHECK_CACHE_BYTES (docs/deploy.md) never passed.
 *
 * The school is tests/data/home's ALM-012 with its menu copied into a
 * folder of the test's own, so that the test may rewrite it.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "served.h"

static struct served srv;
static char dir[] = "/tmp/mc-serve-cache-XXXXXX";
static char manifest[128], menu[128];

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert(f, "%s", path);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

/* ALM-012 of tests/data/home, its menu a copy; the server started with
 * the cache's bounds entries and bytes (NULL: the defaults). */
static void start_with(const char *entries, const char *bytes)
{
    cr_assert(mkdtemp(dir));
    snprintf(manifest, sizeof manifest, "%s/schools.csv", dir);
    snprintf(menu, sizeof menu, "%s/two-weeks.csv", dir);
    char *text = slurp("menus/audit/menus/two-weeks.csv");
    cr_assert(text);
    write_file(menu, text);
    free(text);
    write_file(manifest, "school_id,school_name,district,region,menu,groups,standards,"
                         "meal_shares,cycle_start\n"
                         "ALM-012,School No. 12,Almaly,Almaty,two-weeks.csv,7-11,"
                         "ru_sanpin_3590_20,breakfast=20-25;lunch=30-35,2026-09-07\n");
    if (entries)
        setenv("MEALCHECK_CACHE_ENTRIES", entries, 1);
    if (bytes)
        setenv("MEALCHECK_CACHE_BYTES", bytes, 1);
    const char *const extra[] = {"--audit", manifest, "--recipes", "menus/recipes.csv",
                                 NULL};
    served_start(&srv, extra);
}

static void start(void)
{
    start_with(NULL, NULL);
}

static void stop(void)
{
    served_stop(&srv);
    unlink(manifest);
    unlink(menu);
    rmdir(dir);
}

/* GET path: its status 200, its body (free it), and its X-Cache header's
 * parts: *hit, and the cache's entries and bytes after it. */
static char *get(const char *path, int *hit, size_t *entries, size_t *bytes, size_t *len)
{
    struct http_reply r;
    http(&srv, "GET", path, NULL, NULL, 0, &r);
    cr_assert_eq(r.status, 200, "%s: %d %s", path, r.status, r.body);
    char xc[128];
    cr_assert(http_header(&r, "X-Cache", xc, sizeof xc), "%s: no X-Cache", path);
    char word[8];
    cr_assert_eq(sscanf(xc, "%7[a-z]; entries=%zu; bytes=%zu", word, entries, bytes), 3,
                 "%s", xc);
    *hit = !strcmp(word, "hit");
    cr_assert(*hit || !strcmp(word, "miss"), "%s", xc);
    char *body = malloc(r.len + 1);
    cr_assert(body);
    memcpy(body, r.body, r.len + 1);
    *len = r.len;
    http_free(&r);
    return body;
}

TestSuite(serve_cache, .init = start, .fini = stop, .timeout = 120);

Test(serve_cache, a_second_request_gets_the_same_bytes)
{
    static const char *const paths[][2] = {
        {"/today?lang=ru&school=ALM-012&date=2026-09-15",
         "/today?date=2026-09-15&school=ALM-012&lang=ru"},
        {"/meal?lang=en&d0=1&p0=250&d1=1&meal=lunch",
         "/meal?meal=lunch&d1=1&p0=250&d0=1&lang=en"},
        {"/api/meal?d0=1&p0=250&d1=1&meal=lunch&group=7-11",
         "/api/meal?group=7-11&meal=lunch&d0=1&d1=1&p0=250"},
    };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        int hit;
        size_t n, bytes, len1, len2;
        char *first = get(paths[i][0], &hit, &n, &bytes, &len1);
        cr_expect(!hit, "%s: a first request is made afresh", paths[i][0]);
        cr_expect_eq(n, i + 1);
        /* the same request with its arguments in another order */
        char *second = get(paths[i][1], &hit, &n, &bytes, &len2);
        cr_expect(hit, "%s: the second comes from the cache", paths[i][1]);
        cr_expect_eq(n, i + 1);
        cr_expect(len1 == len2 && !memcmp(first, second, len1), "%s: other bytes",
                  paths[i][1]);
        free(first);
        free(second);
    }
    /* another language, another answer */
    int hit;
    size_t n, bytes, len;
    char *kk = get("/today?lang=kk&school=ALM-012&date=2026-09-15", &hit, &n, &bytes, &len);
    cr_expect(!hit);
    cr_expect(str_has(kk, "lang=\"kk\""), "%.300s", kk);
    free(kk);
}

Test(serve_cache, a_changed_menu_is_seen)
{
    const char *path = "/today?lang=en&school=ALM-012&date=2026-09-15";
    int hit;
    size_t n, bytes, len1, len2;
    char *before = get(path, &hit, &n, &bytes, &len1);
    cr_expect(str_has(before, "Запеканка творожная со сметаной <span class=\"num\">150 g"));
    free(get(path, &hit, &n, &bytes, &len2));
    cr_expect(hit);

    /* The same bytes with a new time (touch): made afresh, the same page. */
    struct stat st;
    cr_assert_eq(stat(menu, &st), 0);
    struct timespec t[2] = {st.st_atim, st.st_mtim};
    t[1].tv_sec += 10;
    cr_assert_eq(utimensat(AT_FDCWD, menu, t, 0), 0);
    char *touched = get(path, &hit, &n, &bytes, &len2);
    cr_expect(!hit, "the file was written again");
    cr_expect(len1 == len2 && !memcmp(before, touched, len1));
    cr_expect_eq(n, 1, "the stale entry replaced, not kept beside");
    free(touched);

    /* Week 2's Tuesday breakfast of 150 g becomes 180 g: the new page. */
    char *text = slurp(menu);
    cr_assert(text);
    char *p = strstr(text, "Запеканка творожная со сметаной,150");
    cr_assert(p, "the menu has the dish");
    memcpy(strstr(p, ",150") + 1, "180", 3);
    write_file(menu, text);
    free(text);
    char *after = get(path, &hit, &n, &bytes, &len2);
    cr_expect(!hit);
    cr_expect(str_has(after, "Запеканка творожная со сметаной <span class=\"num\">180 g"),
              "%s", after);
    free(after);
    free(before);
}

/* Two entries at most: the least recently used goes first. */
static void start_two(void)
{
    start_with("2", NULL);
}

TestSuite(serve_cache_bound, .init = start_two, .fini = stop, .timeout = 120);

Test(serve_cache_bound, never_more_entries_than_the_bound)
{
    static const char *const paths[] = {
        "/today?lang=en&school=ALM-012&date=2026-09-15",
        "/today?lang=en&school=ALM-012&date=2026-09-16",
        "/api/meal?d0=1&p0=250&meal=lunch&group=7-11",
        "/today?lang=en&school=ALM-012&date=2026-09-16", /* used: kept */
        "/today?lang=en&school=ALM-012&date=2026-09-15", /* gone: the oldest */
        "/api/meal?d0=1&p0=250&meal=lunch&group=7-11",   /* gone meanwhile */
    };
    static const int want_hit[] = {0, 0, 0, 1, 0, 0};
    static const size_t want_n[] = {1, 2, 2, 2, 2, 2};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        int hit;
        size_t n, bytes, len;
        free(get(paths[i], &hit, &n, &bytes, &len));
        cr_expect_eq(hit, want_hit[i], "%zu %s", i, paths[i]);
        cr_expect_eq(n, want_n[i], "%zu %s: %zu entries", i, paths[i], n);
    }
}

/* 8000 bytes: a meal's JSON fits, a school's page does not. */
static void start_small(void)
{
    start_with(NULL, "8000");
}

TestSuite(serve_cache_bytes, .init = start_small, .fini = stop, .timeout = 120);

Test(serve_cache_bytes, never_more_bytes_than_the_bound)
{
    const char *page = "/today?lang=en&school=ALM-012&date=2026-09-15";
    int hit;
    size_t n, bytes, len;
    for (int i = 0; i < 2; i++) {
        free(get(page, &hit, &n, &bytes, &len));
        cr_expect(len > 8000, "the page is %zu bytes", len);
        cr_expect(!hit, "a page larger than the bound is never kept");
        cr_expect_eq(n, 0);
        cr_expect_eq(bytes, 0);
    }
    const char *meals[] = {"/api/meal?d0=1&p0=250&meal=lunch&group=7-11",
                           "/api/meal?d0=1&p0=200&meal=lunch&group=7-11",
                           "/api/meal?d0=1&p0=150&meal=lunch&group=7-11"};
    for (size_t i = 0; i < 3; i++) {
        free(get(meals[i], &hit, &n, &bytes, &len));
        cr_expect(bytes <= 8000, "%zu bytes kept", bytes);
        cr_expect(n >= 1 && bytes >= len, "the last meal (%zu bytes) is kept", len);
    }
}

Test(serve_cache_env, a_bad_bound_is_refused)
{
    struct run r;
    setenv("MEALCHECK_CACHE_ENTRIES", "ten", 1);
    run_mc(&r, "serve", "--port", "0", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: MEALCHECK_CACHE_ENTRIES: expected a whole "
                            "number (0: no cache), got 'ten'\n");
    run_free(&r);
}
