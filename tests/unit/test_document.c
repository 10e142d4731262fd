/* test_document.c - the check and food-search JSON documents that the
 * command line and the web API both write. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book_fixture.h"
#include "mealcheck/check.h"
#include "mealcheck/document.h"
#include "mealcheck/food_db.h"
#include "mealcheck/menu.h"
#include "mealcheck/standard.h"

/* The document f wrote into a memory stream, as a string to free. */
static char *text_of(FILE *f, char **buf)
{
    cr_assert_eq(fclose(f), 0);
    return *buf;
}

Test(document, food_hits_one_per_line)
{
    struct mc_food_hit h[2] = {
        {.id = (char *)"01077", .name = (char *)"Milk, \"whole\"",
         .group = (char *)"Dairy", .rank = -1.5},
        {.id = (char *)"11124", .name = (char *)"Carrots", .group = (char *)"Vegetables",
         .rank = 0.25, .name_local = (char *)""},
    };
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_eq(mc_document_food_hits(f, h, 2), 0);
    cr_expect_str_eq(text_of(f, &buf),
        "[{\"id\":\"01077\",\"name\":\"Milk, \\\"whole\\\"\",\"group\":\"Dairy\",\"rank\":-1.5},\n"
        " {\"id\":\"11124\",\"name\":\"Carrots\",\"name_local\":null,"
        "\"group\":\"Vegetables\",\"rank\":0.25}]\n");
    free(buf);

    buf = NULL;
    f = open_memstream(&buf, &len);
    cr_assert_eq(mc_document_food_hits(f, NULL, 0), 0);
    cr_expect_str_eq(text_of(f, &buf), "[]\n");
    free(buf);
}

static void open_prices(void)
{
    fx_book_open_at("tests/data/prices/recipes.csv");
}

Test(document, check_with_its_inputs_and_cost, .init = open_prices, .fini = fx_book_close)
{
    struct mc_err err = {0};
    struct mc_standard_set *set = NULL;
    struct mc_menu *menu = NULL;
    struct mc_check *check = NULL;
    struct mc_group_spec spec = {0};
    cr_assert_eq(mc_standard_set_load("tests/data/standards-basic", &set, &err), MC_OK);
    cr_assert_eq(mc_menu_load("tests/data/prices/menu.csv", fx_book, fx_db, &menu, &err),
                 MC_OK, "%s", mc_err_text(&err) ? mc_err_text(&err) : "");
    const struct mc_standard *std = mc_standard_find(set, "t_daily");
    mc_group_spec_parse("7-10", &spec, NULL);
    struct mc_check_opts o = {.date = 20240902};
    cr_assert_eq(mc_check_run(menu, &std, 1, &spec, 1, &o, &check, &err), MC_OK);

    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_eq(mc_document_check(f, check, NULL, fx_book, 150.0, "KZT"), 0);
    const char *text = text_of(f, &buf);
    cr_expect(!strncmp(text, "{\"mealcheck_version\":\"", 22), "%.40s", text);
    cr_expect_str_eq(text + strlen(text) - 2, "}\n");

    json_error_t jerr;
    json_t *doc = json_loads(text, 0, &jerr);
    cr_assert(doc, "not JSON: %s at %d", jerr.text, jerr.position);
    cr_expect_str_eq(json_string_value(json_object_get(doc, "menu")),
                     "tests/data/prices/menu.csv");
    cr_expect_str_eq(json_string_value(json_object_get(doc, "date")), "2024-09-02");
    cr_expect_str_eq(json_string_value(json_object_get(doc, "outcome")),
                     mc_outcome_key(check->outcome));
    cr_expect_null(json_object_get(doc, "food_set"), "no food set asked for");
    json_t *r = json_array_get(json_object_get(doc, "results"), 0);
    cr_expect_str_eq(json_string_value(json_object_get(r, "standard")), "t_daily");
    cr_expect_str_eq(json_string_value(json_object_get(r, "group")), "7-10");
    cr_expect_eq(json_array_size(json_object_get(r, "items")), check->results[0].n_items);

    json_t *cols = json_object_get(json_object_get(doc, "columns_read"), "menu");
    const char *want[] = {"week", "day", "meal", "dish", "portion_g", "price"};
    cr_assert_eq(json_array_size(cols), 6);
    for (size_t i = 0; i < 6; i++)
        cr_expect_str_eq(json_string_value(json_array_get(cols, i)), want[i]);

    json_t *cost = json_object_get(doc, "cost");
    cr_expect_str_eq(json_string_value(json_object_get(cost, "currency")), "KZT");
    cr_expect_float_eq(json_number_value(json_object_get(cost, "budget")), 150.0, 1e-12);
    /* Monday: half the 250 g of Oatmeal (50 g oats at 800 a kg, 200 g milk
     * at 450: 130) is 65, the Carrot salad 120 g at 300 a kg is 36, and
     * the priced 09003 25: 126, under the budget of 150.  Tuesday is over. */
    json_t *days = json_object_get(cost, "days");
    cr_assert_eq(json_array_size(days), 2);
    cr_expect_float_eq(json_number_value(json_object_get(json_array_get(days, 0), "cost")),
                       126.0, 1e-9);
    cr_expect(json_is_false(json_object_get(json_array_get(days, 0), "over_budget")));
    cr_expect(json_is_true(json_object_get(json_array_get(days, 1), "over_budget")));
    cr_expect_eq(json_integer_value(json_object_get(cost, "days_over")), 1);
    json_decref(doc);

    /* The members alone, in an object the caller opens and closes: the same
     * bytes, and a member of the caller's own after them (the web API's
     * "suggestion"), without editing what was written. */
    char *buf2 = NULL;
    size_t len2 = 0;
    FILE *f2 = open_memstream(&buf2, &len2);
    struct mc_json j;
    mc_json_init(&j, f2);
    mc_json_object_begin(&j);
    mc_document_check_members(&j, check, NULL, fx_book, 150.0, "KZT");
    mc_json_key(&j, "suggestion");
    mc_json_null(&j);
    mc_json_object_end(&j);
    cr_expect_eq(mc_json_finish(&j), 0);
    const char *text2 = text_of(f2, &buf2);
    size_t body = strlen(text) - 2; /* without its "}\n" */
    cr_expect_eq(strlen(text2), body + strlen(",\"suggestion\":null}"));
    cr_expect(!strncmp(text2, text, body), "the members differ from the document's");
    cr_expect_str_eq(text2 + body, ",\"suggestion\":null}");
    free(buf2);
    free(buf);
    mc_check_free(check);
    mc_group_spec_release(&spec);
    mc_menu_free(menu);
    mc_standard_set_free(set);
    mc_err_release(&err);
}
