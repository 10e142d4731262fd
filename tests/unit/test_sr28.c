/* test_sr28.c - the reader for USDA's '^'/'~' text format. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mealcheck/sr28.h"

static struct mc_sr28 *open_text(const char *text, struct mc_err *err)
{
    struct mc_sr28 *r;
    cr_assert_eq(mc_sr28_open_buffer("t.txt", text, strlen(text), &r, err), MC_OK);
    return r;
}

Test(sr28, quoted_text_bare_numbers_and_empty_fields)
{
    struct mc_err err = {0};
    struct mc_sr28 *r = open_text("~01001~^~a^b~^~~^81.11^\r\n", &err);
    cr_assert_eq(mc_sr28_next(r, &err), 1);
    cr_assert_eq(mc_sr28_nfields(r), 5);
    cr_expect_str_eq(mc_sr28_field(r, 0), "01001");
    cr_expect_str_eq(mc_sr28_field(r, 1), "a^b", "'^' inside '~' is text");
    cr_expect_str_eq(mc_sr28_field(r, 2), "");
    cr_expect_str_eq(mc_sr28_field(r, 3), "81.11");
    cr_expect_str_eq(mc_sr28_field(r, 4), "", "a trailing '^' opens an empty field");
    cr_expect_str_eq(mc_sr28_field(r, 9), "", "past the end");
    cr_expect_eq(mc_sr28_next(r, &err), 0);
    cr_expect_eq(err.count, 0);
    mc_sr28_close(r);
}

Test(sr28, crlf_lone_cr_and_lf_all_end_a_line)
{
    struct mc_err err = {0};
    struct mc_sr28 *r = open_text("~a~\r\n~b~\r~c~\n\r\n~d~", &err);
    const char *want[] = {"a", "b", "c", "d"};
    const long line[] = {1, 2, 3, 5}; /* line 4 is blank and skipped */
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(mc_sr28_next(r, &err), 1);
        cr_expect_str_eq(mc_sr28_field(r, 0), want[i]);
        cr_expect_eq(mc_sr28_line(r), line[i], "record %d", i);
    }
    cr_expect_eq(mc_sr28_next(r, &err), 0);
    mc_sr28_close(r);
}

/* µ is 0xB5 in Latin-1 and U+00B5 (C2 B5) in UTF-8; the Windows-1252 quotes
 * 0x91/0x92 of FOOD_DES.txt are U+2018/U+2019 (E2 80 98 / E2 80 99). */
Test(sr28, latin1_and_windows1252_become_utf8)
{
    struct mc_err err = {0};
    struct mc_sr28 *r = open_text("~\xb5g~^~\x91Gold3\x92~^~caf\xe9~\r\n", &err);
    cr_assert_eq(mc_sr28_next(r, &err), 1);
    cr_expect_str_eq(mc_sr28_field(r, 0), "\xc2\xb5g");
    cr_expect_str_eq(mc_sr28_field(r, 1), "\xe2\x80\x98Gold3\xe2\x80\x99");
    cr_expect_str_eq(mc_sr28_field(r, 2), "caf\xc3\xa9");
    mc_sr28_close(r);
}

Test(sr28, empty_is_no_value_and_zero_is_a_value)
{
    struct mc_err err = {0};
    struct mc_sr28 *r = open_text("^0^0.0^.5^-2.25\n", &err);
    cr_assert_eq(mc_sr28_next(r, &err), 1);
    double v = 42;
    cr_expect_eq(mc_sr28_number(r, 0, "Refuse", &v, &err), 0);
    cr_expect_eq(v, 42, "an empty field leaves the value untouched");
    cr_expect_eq(mc_sr28_number(r, 1, "Refuse", &v, &err), 1);
    cr_expect_eq(v, 0.0);
    cr_expect_eq(mc_sr28_number(r, 2, "Refuse", &v, &err), 1);
    cr_expect_eq(v, 0.0);
    cr_expect_eq(mc_sr28_number(r, 3, "Refuse", &v, &err), 1);
    cr_expect_float_eq(v, 0.5, 1e-12);
    cr_expect_eq(mc_sr28_number(r, 4, "Refuse", &v, &err), 1);
    cr_expect_float_eq(v, -2.25, 1e-12);
    cr_expect_eq(err.count, 0);
    mc_sr28_close(r);
}

Test(sr28, non_numbers_are_errors_with_file_line_and_field)
{
    struct mc_err err = {0};
    struct mc_sr28 *r = open_text("~x~\n1^abc^inf^0x10^ 1^1,5\n", &err);
    cr_assert_eq(mc_sr28_next(r, &err), 1);
    cr_assert_eq(mc_sr28_next(r, &err), 1);
    double v;
    for (size_t i = 1; i < 6; i++)
        cr_expect_eq(mc_sr28_number(r, i, "Nutr_Val", &v, &err), -1, "field %zu", i);
    cr_expect_str_eq(mc_err_text(&err),
                     "t.txt:2:2: expected a number for Nutr_Val, found 'abc'\n"
                     "t.txt:2:3: expected a number for Nutr_Val, found 'inf'\n"
                     "t.txt:2:4: expected a number for Nutr_Val, found '0x10'\n"
                     "t.txt:2:5: expected a number for Nutr_Val, found ' 1'\n"
                     "t.txt:2:6: expected a number for Nutr_Val, found '1,5'\n");
    cr_expect_eq(err.code, MC_ERR_INPUT);
    mc_err_release(&err);
    mc_sr28_close(r);
}

Test(sr28, malformed_lines_are_reported_and_skipped)
{
    struct mc_err err = {0};
    struct mc_sr28 *r = open_text("~ok~\r\n"
                                  "~01001^~x~\r\n"
                                  "~a~b^1\r\n"
                                  "1^2~3\r\n"
                                  "~last~\r\n", &err);
    cr_expect_eq(mc_sr28_next(r, &err), 1);
    cr_expect_eq(mc_sr28_next(r, &err), -1);
    cr_expect_eq(mc_sr28_next(r, &err), -1);
    cr_expect_eq(mc_sr28_next(r, &err), -1);
    cr_assert_eq(mc_sr28_next(r, &err), 1, "reading goes on after bad lines");
    cr_expect_str_eq(mc_sr28_field(r, 0), "last");
    cr_expect_eq(mc_sr28_line(r), 5);
    /* Line 2: the '~' opened at field 1 closes at "~x", leaving "x~". */
    cr_expect_str_eq(mc_err_text(&err),
                     "t.txt:2:1: unexpected text after a closing '~'\n"
                     "t.txt:3:1: unexpected text after a closing '~'\n"
                     "t.txt:4:2: unexpected '~' inside an unquoted field\n");
    mc_err_release(&err);
    mc_sr28_close(r);
}

Test(sr28, unterminated_quote)
{
    struct mc_err err = {0};
    struct mc_sr28 *r = open_text("~01001~^~Butter, salted\r\n", &err);
    cr_expect_eq(mc_sr28_next(r, &err), -1);
    cr_expect_str_eq(mc_err_text(&err), "t.txt:1:2: unterminated '~' quote\n");
    cr_expect_eq(mc_sr28_next(r, &err), 0);
    mc_err_release(&err);
    mc_sr28_close(r);
}

/* Files are read in 64 KiB blocks: a CRLF split across two blocks is still
 * one line end. */
Test(sr28, crlf_split_across_read_blocks)
{
    char path[] = "/tmp/mc-sr28-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    size_t first = 65535; /* "~" + 65533 x + "~" then \r is byte 65536 */
    fputc('~', f);
    for (size_t i = 0; i < first - 2; i++)
        fputc('x', f);
    fputs("~\r\n~second~\r\n", f);
    fclose(f);

    struct mc_err err = {0};
    struct mc_sr28 *r;
    cr_assert_eq(mc_sr28_open(path, &r, &err), MC_OK);
    cr_assert_eq(mc_sr28_next(r, &err), 1);
    cr_expect_eq(strlen(mc_sr28_field(r, 0)), first - 2);
    cr_assert_eq(mc_sr28_next(r, &err), 1);
    cr_expect_str_eq(mc_sr28_field(r, 0), "second");
    cr_expect_eq(mc_sr28_line(r), 2);
    cr_expect_eq(mc_sr28_next(r, &err), 0);
    mc_sr28_close(r);
    unlink(path);
}

Test(sr28, missing_file)
{
    struct mc_err err = {0};
    struct mc_sr28 *r = (struct mc_sr28 *)1;
    cr_expect_eq(mc_sr28_open("tests/data/no-such/FOOD_DES.txt", &r, &err), MC_ERR_INPUT);
    cr_expect_null(r);
    cr_expect_str_eq(mc_err_text(&err), "tests/data/no-such/FOOD_DES.txt: cannot open: "
                               "No such file or directory\n");
    mc_err_release(&err);
    mc_sr28_close(NULL);
}

/* The real NUTR_DEF.txt: 150 definitions of 6 fields, µg converted. */
Test(sr28, reads_the_real_nutr_def)
{
    struct mc_err err = {0};
    struct mc_sr28 *r;
    cr_assert_eq(mc_sr28_open("food_composition/usda-sr28/NUTR_DEF.txt", &r, &err), MC_OK);
    int n = 0, micro = 0, rc;
    while ((rc = mc_sr28_next(r, &err)) > 0) {
        n++;
        cr_expect_eq(mc_sr28_nfields(r), 6);
        micro += strcmp(mc_sr28_field(r, 1), "\xc2\xb5g") == 0;
        if (!strcmp(mc_sr28_field(r, 0), "313"))
            cr_expect_str_eq(mc_sr28_field(r, 3), "Fluoride, F");
    }
    cr_expect_eq(rc, 0);
    cr_expect_eq(n, 150);
    cr_expect_eq(micro, 21, "21 nutrients are in µg (grep -c on the Latin-1 file)");
    mc_sr28_close(r);
}

/* SR28's files were opened with fopen: a FIFO named FOOD_DES.txt hung
 * `db build --sr28 DIR` for a writer.  They are now opened as every input
 * is, and refused at once (the timeout fails the test if it waits). */
Test(sr28, a_fifo_is_refused_at_once, .timeout = 10)
{
    char dir[] = "/tmp/mc-sr28-XXXXXX";
    cr_assert(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/FOOD_DES.txt", dir);
    cr_assert_eq(mkfifo(path, 0600), 0);
    struct mc_err err = {0};
    struct mc_sr28 *r = (void *)1;
    cr_expect_eq(mc_sr28_open(path, &r, &err), MC_ERR_INPUT);
    cr_expect_null(r);
    char want[256];
    snprintf(want, sizeof want, "%s: not a regular file (a pipe, a device or a socket); "
             "expected a text file\n", path);
    cr_expect_str_eq(mc_err_text(&err), want);
    mc_err_release(&err);
    unlink(path);
    rmdir(dir);
}
