/*
 * test_json.c - the streaming JSON writer: commas and nesting, escaping,
 * invalid UTF-8 replaced, shortest round-trip numbers, misuse detected.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

#include "mealcheck/json.h"

struct doc {
    char *text;
    size_t len;
    FILE *f;
    struct mc_json j;
};

static void open_doc(struct doc *d)
{
    d->f = open_memstream(&d->text, &d->len);
    cr_assert(d->f);
    mc_json_init(&d->j, d->f);
}

/* Close the stream; the writer's verdict. */
static int close_doc(struct doc *d)
{
    int rc = mc_json_finish(&d->j);
    fclose(d->f);
    return rc;
}

Test(json, commas_and_nesting)
{
    struct doc d;
    open_doc(&d);
    mc_json_object_begin(&d.j);
    mc_json_key(&d.j, "id");
    mc_json_string(&d.j, "01001");
    mc_json_key(&d.j, "days");
    mc_json_array_begin(&d.j);
    mc_json_int(&d.j, 1);
    mc_json_object_begin(&d.j);
    mc_json_object_end(&d.j);
    mc_json_array_begin(&d.j);
    mc_json_array_end(&d.j);
    mc_json_bool(&d.j, 0);
    mc_json_array_end(&d.j);
    mc_json_key(&d.j, "local");
    mc_json_string(&d.j, NULL);
    mc_json_key(&d.j, "ok");
    mc_json_bool(&d.j, 1);
    mc_json_object_end(&d.j);
    cr_expect_eq(close_doc(&d), 0);
    cr_expect_str_eq(d.text, "{\"id\":\"01001\",\"days\":[1,{},[],false],\"local\":null,"
                             "\"ok\":true}");
    free(d.text);
}

Test(json, escaping)
{
    struct doc d;
    open_doc(&d);
    mc_json_string(&d.j, "a \"quoted\" \\ path\n\ttab\r\x01 Плов «ё» 🍎");
    cr_expect_eq(close_doc(&d), 0);
    cr_expect_str_eq(d.text, "\"a \\\"quoted\\\" \\\\ path\\n\\ttab\\r\\u0001 Плов «ё» 🍎\"");
    free(d.text);
}

/* Documented in json.h: each byte that is not UTF-8 becomes U+FFFD. */
Test(json, invalid_utf8_is_replaced)
{
    struct doc d;
    open_doc(&d);
    mc_json_array_begin(&d.j);
    mc_json_string(&d.j, "caf\xE9!");              /* Latin-1 é */
    mc_json_string(&d.j, "\xC0\xAF");              /* overlong '/' */
    mc_json_string(&d.j, "\xED\xA0\x80");          /* a surrogate */
    mc_json_string(&d.j, "\xD0");                  /* cut short at the end */
    mc_json_string_n(&d.j, "a\0b", 3);             /* NUL is a control character */
    mc_json_array_end(&d.j);
    cr_expect_eq(close_doc(&d), 0);
    cr_expect_str_eq(d.text, "[\"caf\xEF\xBF\xBD!\",\"\xEF\xBF\xBD\xEF\xBF\xBD\","
                             "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\",\"\xEF\xBF\xBD\","
                             "\"a\\u0000b\"]");
    free(d.text);
}

Test(json, numbers_round_trip_shortest)
{
    struct doc d;
    open_doc(&d);
    mc_json_array_begin(&d.j);
    mc_json_number(&d.j, 0.1);
    mc_json_number(&d.j, 1e-7);
    mc_json_number(&d.j, 1e21);
    mc_json_number(&d.j, 0.1 + 0.2);
    mc_json_number(&d.j, 250);
    mc_json_number(&d.j, -0.5);
    mc_json_number(&d.j, 0.0 / 0.0);
    mc_json_number(&d.j, 1.0 / 0.0);
    mc_json_int(&d.j, -42);
    mc_json_array_end(&d.j);
    cr_expect_eq(close_doc(&d), 0);
    cr_expect_str_eq(d.text, "[0.1,1e-07,1e+21,0.30000000000000004,250,-0.5,null,null,-42]");
    free(d.text);
    /* every one reads back to the same double */
    cr_expect_eq(strtod("0.30000000000000004", NULL), 0.1 + 0.2);
}

Test(json, misuse_is_reported)
{
    struct doc d;
    open_doc(&d);
    mc_json_object_begin(&d.j);
    mc_json_string(&d.j, "a member without a key");
    mc_json_object_end(&d.j);
    cr_expect_eq(close_doc(&d), -1);
    free(d.text);
    open_doc(&d);
    mc_json_array_begin(&d.j);
    mc_json_key(&d.j, "no keys in arrays");
    mc_json_int(&d.j, 1);
    mc_json_array_end(&d.j);
    cr_expect_eq(close_doc(&d), -1);
    free(d.text);
    open_doc(&d);
    mc_json_array_begin(&d.j);
    mc_json_object_end(&d.j); /* the wrong bracket */
    cr_expect_eq(close_doc(&d), -1, "unclosed");
    free(d.text);
    open_doc(&d);
    cr_expect_eq(close_doc(&d), -1, "an empty document is not JSON");
    free(d.text);
}

Test(json, line_break_before_an_element)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct mc_json j;
    mc_json_init(&j, f);
    mc_json_array_begin(&j);
    mc_json_line_break(&j); /* the first element has no comma to follow */
    mc_json_int(&j, 1);
    mc_json_line_break(&j);
    mc_json_int(&j, 2);
    mc_json_int(&j, 3);
    mc_json_array_end(&j);
    cr_expect_eq(mc_json_finish(&j), 0);
    cr_assert_eq(fclose(f), 0);
    cr_expect_str_eq(buf, "[1,\n 2,3]");
    free(buf);
}

/* A member after a line break starts its line without indent (foods show). */
Test(json, line_break_before_a_member)
{
    struct doc d;
    open_doc(&d);
    mc_json_object_begin(&d.j);
    mc_json_line_break(&d.j); /* the first member has no comma to follow */
    mc_json_member_int(&d.j, "a", 1);
    mc_json_line_break(&d.j);
    mc_json_member_string(&d.j, "b", "x");
    mc_json_member_bool(&d.j, "c", 0);
    mc_json_object_end(&d.j);
    cr_expect_eq(close_doc(&d), 0);
    cr_expect_str_eq(d.text, "{\"a\":1,\n\"b\":\"x\",\"c\":false}");
    free(d.text);
}

/* Records one a line, the first too (audit's schools). */
Test(json, newline_before_every_record)
{
    struct doc d;
    open_doc(&d);
    mc_json_array_begin(&d.j);
    for (int i = 1; i <= 2; i++) {
        mc_json_newline(&d.j);
        mc_json_object_begin(&d.j);
        mc_json_member_number(&d.j, "n", i / 4.0);
        mc_json_member_date(&d.j, "d", i == 1 ? 20250115 : 0);
        mc_json_object_end(&d.j);
    }
    mc_json_array_end(&d.j);
    cr_expect_eq(close_doc(&d), 0);
    cr_expect_str_eq(d.text, "[\n{\"n\":0.25,\"d\":\"2025-01-15\"},\n{\"n\":0.5,\"d\":null}]");
    free(d.text);
}
