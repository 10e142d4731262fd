/*
 * test_serve_hostile.c - what fuzzing and a reliability audit sent to
 * `mealcheck serve`: an API error is never answered without its message
 * (a message longer than the 2,048 bytes it is formatted into was cut
 * inside a UTF-8 character, the API could not encode it and answered 422
 * {"errors":[]}); a form part without a name stopped the server.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* In the server's suite (TestSuite in test_serve.c), with its own server. */
Test(serve, a_long_cyrillic_dish_keeps_its_message, .init = start, .fini = stop)
{
    /* 1,100 "Щ" (2 bytes each) in a dish that is not in the book. */
    char dish[2201];
    for (int i = 0; i < 1100; i++)
        memcpy(dish + 2 * i, "Щ", 2);
    dish[2200] = '\0';
    char menu[2400];
    snprintf(menu, sizeof menu, "week,day,meal,dish,portion_g\n1,Mon,lunch,%s,100\n",
             dish);
    char *recipes = slurp("tests/data/web-script/recipes.csv");
    cr_assert(recipes);
    json_t *req = json_pack("{s:s,s:s,s:s,s:s,s:[s],s:[s],s:[s],s:s}", "recipes",
                            recipes, "recipes_name", "recipes.csv", "menu", menu,
                            "menu_name", "menu.csv", "standards", "us_dri", "groups",
                            "7-11", "meal_shares", "lunch=30-35", "date", "2026-09-01");
    cr_assert(req);
    char *body = json_dumps(req, JSON_COMPACT);
    struct http_reply r;
    http(&srv, "POST", "/api/check", "Content-Type: application/json\r\n", body,
         strlen(body), &r);
    cr_assert_eq(r.status, 422, "%s", r.body);
    json_t *doc = json_loads(r.body, 0, NULL);
    cr_assert(doc, "%s", r.body);
    json_t *errs = json_object_get(doc, "errors");
    cr_assert_eq(json_array_size(errs), 1, "%s", r.body);
    const char *msg = json_string_value(json_array_get(errs, 0));
    cr_assert(msg);
    /* The message names the place and quotes the dish from its start,
     * cut after a whole character (2,047 bytes after the place, the
     * 3 of "…" included) and marked so. */
    cr_expect(!strncmp(msg, "menu.csv:2:4: ", 14), "%s", msg);
    cr_expect(strstr(msg, "'ЩЩЩЩЩЩЩЩЩЩ") != NULL, "%s", msg);
    size_t len = strlen(msg);
    cr_expect_geq(len, 14 + 2047 - 1, "%zu bytes", len);
    cr_expect_leq(len, 14 + 2047, "%zu bytes", len);
    cr_expect_str_eq(msg + len - 5, "Щ…", "%s", msg + len - 20);
    json_decref(doc);
    http_free(&r);
    free(body);
    json_decref(req);
    free(recipes);
}

/* A multipart part whose Content-Disposition has no name reached
 * strcmp(NULL) in the form parser: the server died on the request. */
Test(serve, a_form_part_without_a_name_is_ignored, .init = start, .fini = stop)
{
    static const char body[] =
        "--XyZ\r\nContent-Disposition: form-data; nam\r\n\r\nx\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"group\"\r\n\r\n7-11\r\n"
        "--XyZ--\r\n";
    struct http_reply r;
    http(&srv, "POST", "/check?lang=en", "Content-Type: multipart/form-data; "
         "boundary=XyZ\r\n", body, sizeof body - 1, &r);
    /* The named field after it is read, the form is answered with what it
     * lacks, and the server still runs. */
    cr_expect_eq(r.status, 400, "status %u", r.status);
    cr_expect(strstr(r.body, "<input name=\"group\" value=\"7-11\">") != NULL, "%s",
              r.body);
    cr_expect(strstr(r.body, "<li>standards: give at least one norm set</li>") != NULL,
              "%s", r.body);
    http_free(&r);
    http(&srv, "GET", "/", NULL, NULL, 0, &r);
    cr_expect_eq(r.status, 200);
    http_free(&r);
}
