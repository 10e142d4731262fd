/* test_csv.c - the CSV reader people's spreadsheets feed, and number parsing. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/csv.h"

static struct mc_csv *open_text(const char *text, struct mc_err *err)
{
    struct mc_csv *c;
    cr_assert_eq(mc_csv_open_buffer("t.csv", text, strlen(text), &c, err), MC_OK);
    return c;
}

Test(csv, bom_crlf_and_header_lookup)
{
    struct mc_err err = {0};
    struct mc_csv *c = open_text("\xEF\xBB\xBFid,Name\r\nKZ0001,Курт\r\n", &err);
    cr_assert_eq(mc_csv_next(c, &err), 1);
    cr_expect_str_eq(mc_csv_field(c, 0), "id", "the byte-order mark is not data");
    cr_expect_eq(mc_csv_find(c, "NAME"), 1, "header lookup ignores case");
    cr_expect_eq(mc_csv_find(c, "group"), -1);
    cr_assert_eq(mc_csv_next(c, &err), 1);
    cr_expect_str_eq(mc_csv_field(c, 1), "Курт", "no stray CR in the last field");
    cr_expect_eq(mc_csv_line(c), 2);
    cr_expect_eq(mc_csv_next(c, &err), 0);
    cr_expect_str_eq(mc_csv_path(c), "t.csv");
    mc_csv_close(c);
}

Test(csv, quoted_commas_quotes_and_newlines)
{
    struct mc_err err = {0};
    struct mc_csv *c = open_text("a,\"b, c\",\"say \"\"hi\"\"\",\"two\nlines\"\n"
                                 "  spaced  ,\" kept \"\n", &err);
    cr_assert_eq(mc_csv_next(c, &err), 1);
    cr_assert_eq(mc_csv_nfields(c), 4);
    cr_expect_str_eq(mc_csv_field(c, 1), "b, c");
    cr_expect_str_eq(mc_csv_field(c, 2), "say \"hi\"");
    cr_expect_str_eq(mc_csv_field(c, 3), "two\nlines");
    cr_expect_eq(mc_csv_line(c), 1);
    cr_assert_eq(mc_csv_next(c, &err), 1);
    cr_expect_eq(mc_csv_line(c), 3, "the quoted newline counted as a line");
    cr_expect_str_eq(mc_csv_field(c, 0), "spaced", "unquoted fields are trimmed");
    cr_expect_str_eq(mc_csv_field(c, 1), " kept ", "quoted fields are not");
    cr_expect_str_eq(mc_csv_field(c, 7), "");
    mc_csv_close(c);
}

Test(csv, blank_lines_and_lone_cr)
{
    struct mc_err err = {0};
    struct mc_csv *c = open_text("x\r\n\r\n,,\r\ny\rz", &err);
    const char *want[] = {"x", "y", "z"};
    const long line[] = {1, 4, 5};
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(mc_csv_next(c, &err), 1);
        cr_expect_str_eq(mc_csv_field(c, 0), want[i]);
        cr_expect_eq(mc_csv_line(c), line[i]);
    }
    cr_expect_eq(mc_csv_next(c, &err), 0);
    mc_csv_close(c);
}

Test(csv, unterminated_quote_names_the_line_where_it_opened)
{
    struct mc_err err = {0};
    struct mc_csv *c = open_text("id,name\nKZ1,\"Kurt\nKZ2,Talkan\n", &err);
    cr_assert_eq(mc_csv_next(c, &err), 1);
    cr_expect_eq(mc_csv_next(c, &err), -1);
    cr_expect_str_eq(mc_err_text(&err), "t.csv:2:2: unterminated quoted field; expected a closing '\"'\n");
    cr_expect_eq(err.code, MC_ERR_INPUT);
    mc_err_release(&err);
    mc_csv_close(c);
}

Test(csv, text_after_closing_quote)
{
    struct mc_err err = {0};
    struct mc_csv *c = open_text("\"a\" ,b\n\"a\"x,b\n", &err);
    cr_assert_eq(mc_csv_next(c, &err), 1, "blanks after a closing quote are fine");
    cr_expect_str_eq(mc_csv_field(c, 0), "a");
    cr_expect_eq(mc_csv_next(c, &err), -1);
    cr_expect_str_eq(mc_err_text(&err), "t.csv:2:1: unexpected text after a closing quote\n");
    mc_err_release(&err);
    mc_csv_close(c);
}

Test(csv, semicolons_when_the_header_has_no_comma)
{
    struct mc_err err = {0};
    /* Excel in a Russian locale: ';' between fields, decimal commas. */
    struct mc_csv *c = open_text("\xEF\xBB\xBF\"day\";meal;dish;portion_g\r\n"
                                 "Пн;завтрак;\"Каша; рисовая\";200,5\r\n", &err);
    cr_assert_eq(mc_csv_next(c, &err), 1);
    cr_assert_eq(mc_csv_nfields(c), 4);
    cr_expect_str_eq(mc_csv_field(c, 0), "day");
    cr_assert_eq(mc_csv_next(c, &err), 1);
    cr_expect_str_eq(mc_csv_field(c, 2), "Каша; рисовая");
    cr_expect_str_eq(mc_csv_field(c, 3), "200,5", "a decimal comma is not a separator");
    mc_csv_close(c);

    c = open_text("name,note\nx,a;b\n", &err);
    cr_assert_eq(mc_csv_next(c, &err), 1);
    cr_assert_eq(mc_csv_next(c, &err), 1);
    cr_expect_str_eq(mc_csv_field(c, 1), "a;b", "a header with a comma keeps ','");
    mc_csv_close(c);
    cr_expect_null(mc_err_text(&err));
}

static void expect_refused(const char *text, size_t len, const char *message)
{
    struct mc_err err = {0};
    struct mc_csv *c = (struct mc_csv *)&err;
    cr_expect_eq(mc_csv_open_buffer("t.csv", text, len, &c, &err), MC_ERR_INPUT);
    cr_expect_null(c);
    cr_expect_str_eq(mc_err_text(&err), message);
    mc_err_release(&err);
}

Test(csv, legacy_encodings_are_refused_where_they_start)
{
    /* "рис" in Windows-1251 is F0 E8 F1: line 4 (the quoted field spans
     * lines 2-3), field 2. */
    const char cp1251[] = "id,name\nKZ1,\"a\nb\"\nKZ2,\xF0\xE8\xF1\n";
    expect_refused(cp1251, sizeof cp1251 - 1,
                   "t.csv:4:2: byte 0xF0 is not UTF-8 (the file may be in "
                   "Windows-1251 or another legacy encoding); expected UTF-8 "
                   "text (in a spreadsheet: save as \"CSV UTF-8\")\n");
    const char utf16[] = "\xFF\xFEi\0d\0";
    expect_refused(utf16, sizeof utf16 - 1,
                   "t.csv:1: the file is UTF-16; expected UTF-8 text (in a "
                   "spreadsheet: save as \"CSV UTF-8\")\n");
    const char nul[] = "id,name\nKZ1,a\0b\n";
    expect_refused(nul, sizeof nul - 1,
                   "t.csv:2:2: a NUL byte: the file is binary or UTF-16; "
                   "expected UTF-8 text (in a spreadsheet: save as \"CSV UTF-8\")\n");
    const char cut[] = "id\n\xD0\xB1\xD0";
    expect_refused(cut, sizeof cut - 1,
                   "t.csv:2:1: byte 0xD0 is not UTF-8 (the file may be in "
                   "Windows-1251 or another legacy encoding); expected UTF-8 "
                   "text (in a spreadsheet: save as \"CSV UTF-8\")\n");
    const char overlong[] = "id,x\nab,\xC1\x81\n";
    expect_refused(overlong, sizeof overlong - 1,
                   "t.csv:2:2: byte 0xC1 is not UTF-8 (the file may be in "
                   "Windows-1251 or another legacy encoding); expected UTF-8 "
                   "text (in a spreadsheet: save as \"CSV UTF-8\")\n");
    const char surrogate[] = "id\n\xED\xA0\x80\n";
    expect_refused(surrogate, sizeof surrogate - 1,
                   "t.csv:2:1: byte 0xED is not UTF-8 (the file may be in "
                   "Windows-1251 or another legacy encoding); expected UTF-8 "
                   "text (in a spreadsheet: save as \"CSV UTF-8\")\n");
}

Test(csv, header_typos_of_missing_columns)
{
    static const char *const names[] = {"day", "portion_g", "note"};
    int cols[3];
    struct mc_err err = {0};
    struct mc_csv *c = open_text("Day,portion,notes\n", &err);
    cr_expect_eq(mc_csv_header(c, names, 3, cols, "day", &err), MC_ERR_INPUT);
    cr_expect_eq(cols[0], 0);
    cr_expect_str_eq(mc_err_text(&err), "t.csv:1:2: unknown column 'portion'; expected 'portion_g'\n"
                               "t.csv:1:3: unknown column 'notes'; expected 'note'\n");
    mc_err_release(&err);
    mc_csv_close(c);
    c = open_text("day,date,portion_g\n", &err);
    cr_expect_eq(mc_csv_header(c, names, 3, cols, "day", &err), MC_OK,
                 "date is near day, but day is there; two edits from note");
    cr_expect_eq(cols[1], 2);
    cr_expect_eq(cols[2], -1);
    mc_csv_close(c);
}

Test(csv, missing_file)
{
    struct mc_err err = {0};
    struct mc_csv *c;
    cr_expect_eq(mc_csv_open("tests/data/none.csv", &c, &err), MC_ERR_INPUT);
    cr_expect_null(c);
    cr_expect_str_eq(mc_err_text(&err), "tests/data/none.csv: cannot open: No such file or directory\n");
    mc_err_release(&err);
}

Test(csv, parse_number)
{
    double v = 0;
    cr_expect(mc_parse_number("12.5", &v));
    cr_expect_float_eq(v, 12.5, 1e-12);
    cr_expect(mc_parse_number(" 12,5 ", &v), "decimal comma, blanks");
    cr_expect_float_eq(v, 12.5, 1e-12);
    cr_expect(mc_parse_number("-0.25", &v));
    cr_expect_float_eq(v, -0.25, 1e-12);
    cr_expect(mc_parse_number("1e3", &v));
    cr_expect_float_eq(v, 1000.0, 1e-9);
    cr_expect(mc_parse_number("0", &v));
    cr_expect_eq(v, 0.0);
    cr_expect(mc_parse_number("1 000", &v), "thousands grouped by a space");
    cr_expect_float_eq(v, 1000.0, 1e-9);
    cr_expect(mc_parse_number("-12\xC2\xA0" "500,25", &v), "by a no-break space");
    cr_expect_float_eq(v, -12500.25, 1e-9);
    cr_expect(mc_parse_number("1\xE2\x80\xAF" "000\xE2\x80\xAF" "000", &v),
              "by a narrow no-break space");
    cr_expect_float_eq(v, 1e6, 1e-9);
    const char *bad[] = {"", "   ", "abc", "12abc", "1,2,3", "1.5,2", "inf",
                         "nan", "0x10", "1e999", "--1", "12 5", "1 00",
                         "1000 000", " 1 0000", "1 000 00", "1  000", "1 000.5,5"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        v = 7;
        cr_expect(!mc_parse_number(bad[i], &v), "'%s' accepted", bad[i]);
        cr_expect_eq(v, 7, "'%s' changed the output", bad[i]);
    }
}

/* Plain decimals ("250", "12,5") are read without strtod: the value must
 * be strtod's to the last bit, for every place of the point and up to 15
 * digits. */
Test(csv, parse_number_plain_decimals_as_strtod)
{
    char text[32], dotted[32];
    long bad = 0;
    for (long i = 0; i < 300000; i++) {
        long long digits = i * 7919LL % 1000000007LL; /* spread over the digits */
        int places = (int)(i % 9);
        snprintf(dotted, sizeof dotted, "%lld", digits);
        size_t n = strlen(dotted);
        if ((size_t)places > n)
            places = (int)n;
        /* d...d.d...d and the same with a decimal comma */
        snprintf(text, sizeof text, "%.*s%s%s", (int)(n - (size_t)places), dotted,
                 places ? "," : "", dotted + n - (size_t)places);
        snprintf(dotted, sizeof dotted, "%s", text);
        char *comma = strchr(dotted, ',');
        if (comma)
            *comma = '.';
        double v = -1, want = strtod(dotted, NULL);
        if (!mc_parse_number(text, &v) || memcmp(&v, &want, sizeof v))
            bad++;
    }
    cr_expect_eq(bad, 0, "%ld plain decimals read otherwise than strtod", bad);
    double v = 0;
    const char *const same[][2] = {{"123456789012345", "123456789012345"},
                                   {"0,1", "0.1"}, {"5.", "5"}, {".5", "0.5"},
                                   {"007", "7"}, {"9007199254740993", "9007199254740993"},
                                   /* past 19 digits a long long overflows
                                    * (found by make fuzz) */
                                   {"99999999999999999999", "99999999999999999999"},
                                   {"3511111135111111115,25", "3511111135111111115.25"}};
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        cr_expect(mc_parse_number(same[i][0], &v), "'%s'", same[i][0]);
        cr_expect_eq(v, strtod(same[i][1], NULL), "'%s'", same[i][0]);
    }
    v = 7;
    cr_expect(!mc_parse_number(".", &v));
    cr_expect(!mc_parse_number(",", &v));
    cr_expect_eq(v, 7);
}

/* mc_csv_rows_left: at least the records left, for sizing an array. */
Test(csv, rows_left)
{
    struct mc_err err = {0};
    struct mc_csv *c = open_text("day,dish\nMon,a\n\nTue,\"b\nc\"\nWed,d", &err);
    cr_expect_eq(mc_csv_rows_left(c), 6, "five line ends, and a last line without one");
    cr_assert_eq(mc_csv_next(c, &err), 1);
    cr_expect_eq(mc_csv_rows_left(c), 5);
    int n = 0;
    while (mc_csv_next(c, &err) > 0)
        n++;
    cr_expect_eq(n, 3);
    cr_expect_eq(mc_csv_rows_left(c), 1);
    mc_csv_close(c);
}

/* The header's columns are kept for the next file with the same header
 * cells and the same columns asked for (an audit's thousands of menus);
 * other columns asked for, or other cells, are looked up again. */
Test(csv, header_kept_only_for_the_same_header_and_names)
{
    static const char *const names[] = {"day", "dish", "portion_g"};
    static const char *const other[] = {"portion_g", "day"};
    int cols[3];
    struct mc_err err = {0};
    for (int k = 0; k < 2; k++) {
        struct mc_csv *c = open_text("day,dish,portion_g\nMon,a,1\n", &err);
        cr_assert_eq(mc_csv_header(c, names, 3, cols, "day", &err), MC_OK);
        cr_expect(cols[0] == 0 && cols[1] == 1 && cols[2] == 2, "file %d", k);
        cr_assert_eq(mc_csv_next(c, &err), 1);
        cr_expect_str_eq(mc_csv_field(c, 1), "a");
        mc_csv_close(c);
    }
    struct mc_csv *c = open_text("day,dish,portion_g\n", &err);
    cr_assert_eq(mc_csv_header(c, other, 2, cols, "day", &err), MC_OK);
    cr_expect(cols[0] == 2 && cols[1] == 0, "other names: %d %d", cols[0], cols[1]);
    mc_csv_close(c);
    c = open_text("day,dsh,portion_g\n", &err);
    cr_expect_eq(mc_csv_header(c, names, 3, cols, "day", &err), MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err), "t.csv:1:2: unknown column 'dsh'; expected 'dish'\n");
    mc_err_release(&err);
    mc_csv_close(c);
    c = open_text("day,dsh,portion_g\n", &err);
    cr_expect_eq(mc_csv_header(c, names, 3, cols, "day", &err), MC_ERR_INPUT,
                 "a header with a problem is never kept");
    mc_err_release(&err);
    mc_csv_close(c);
}

/* A quoted line break written as a lone CR (old Mac spreadsheets) counts
 * as a line, as it does outside quotes; CRLF inside quotes counts once. */
Test(csv, lone_cr_inside_quotes_counts_as_a_line)
{
    struct mc_err err = {0};
    struct mc_csv *c = open_text("a,\"x\ry\"\rb,\"p\r\nq\"\r\nc\r", &err);
    const char *want[] = {"x\ry", "p\r\nq", ""};
    const long line[] = {1, 3, 5};
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(mc_csv_next(c, &err), 1);
        cr_expect_str_eq(mc_csv_field(c, 1), want[i]);
        cr_expect_eq(mc_csv_line(c), line[i]);
    }
    cr_expect_eq(mc_csv_next(c, &err), 0);
    mc_csv_close(c);
}

/* Every header cell is read, a note, a lookalike of a missing column
 * (an error naming the column meant) or a warning. */
Test(csv, header_cells_not_read)
{
    static const char *const names[] = {"dish", "portion_g"};
    static const struct mc_csv_lookalike like[] = {{"portions", 1, "grams served"}};
    struct mc_err err = {0};
    int cols[2];
    char **read = NULL;
    struct mc_csv *c = open_text("Dish,Portion size,Note,price,\n", &err);
    cr_assert_eq(mc_csv_header(c, names, 2, cols, "dish", &err), MC_OK);
    cr_expect_eq(mc_csv_header_unread(c, names, 2, cols, like, 1, &read, &err), MC_OK);
    cr_assert_not_null(read);
    cr_expect_str_eq(read[0], "Dish");
    cr_expect_null(read[1]);
    cr_expect_eq(err.count, 0);
    cr_expect_eq(err.n_warnings, 2);
    cr_expect_str_eq(mc_err_warnings(&err),
        "t.csv:1:2: column 'Portion size' is not read: mealcheck reads dish and "
        "portion_g (free text goes in a column 'note')\n"
        "t.csv:1:4: column 'price' is not read: mealcheck reads dish and portion_g "
        "(free text goes in a column 'note')\n");
    free(read);
    mc_csv_close(c);
    mc_err_release(&err);

    c = open_text("dish,Portions\n", &err);
    cr_assert_eq(mc_csv_header(c, names, 2, cols, "dish", &err), MC_OK);
    cr_expect_eq(mc_csv_header_unread(c, names, 2, cols, like, 1, &read, &err),
                 MC_ERR_INPUT);
    cr_expect_null(read);
    cr_expect_str_eq(mc_err_text(&err), "t.csv:1:2: column 'Portions' is not read; expected "
                               "'portion_g' (grams served)\n");
    cr_expect_eq(err.n_warnings, 0);
    mc_csv_close(c);
    mc_err_release(&err);

    /* A lookalike of a column the file has is only a warning. */
    c = open_text("dish,portion_g,portions\n", &err);
    cr_assert_eq(mc_csv_header(c, names, 2, cols, "dish", &err), MC_OK);
    cr_expect_eq(mc_csv_header_unread(c, names, 2, cols, like, 1, &read, &err), MC_OK);
    cr_expect_str_eq(read[1], "portion_g");
    cr_expect_eq(err.n_warnings, 1);
    free(read);
    mc_csv_close(c);
    mc_err_release(&err);
}

/* Technological-card headers in Russian and Kazakh are the columns they
 * name, with a unit in grams or none; in kilograms they are refused. */
Test(csv, russian_and_kazakh_headers)
{
    static const char *const names[] = {"recipe", "food", "gross_g", "net_g", "yield_g"};
    struct mc_err err = {0};
    int cols[5];
    char **read = NULL;
    struct mc_csv *c = open_text("БЛЮДО;Өнім атауы;\"Брутто, г\";Нетто (гр.);Шығымы\n", &err);
    cr_assert_eq(mc_csv_header(c, names, 5, cols, "recipe", &err), MC_OK);
    for (int i = 0; i < 5; i++)
        cr_expect_eq(cols[i], i, "%s", names[i]);
    cr_expect_eq(mc_csv_header_unread(c, names, 5, cols, NULL, 0, &read, &err), MC_OK);
    cr_expect_str_eq(read[2], "Брутто, г (gross_g)");
    cr_expect_str_eq(read[4], "Шығымы (yield_g)");
    free(read);
    mc_csv_close(c);

    c = open_text("Блюдо,Продукт,\"Брутто, кг\",Нетто,Калорийность\n", &err);
    cr_assert_eq(mc_csv_header(c, names, 5, cols, "recipe", &err), MC_OK);
    cr_expect_eq(cols[2], -1);
    cr_expect_eq(mc_csv_header_unread(c, names, 5, cols, NULL, 0, &read, &err),
                 MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err), "t.csv:1:3: column 'Брутто, кг' is not read: weights are "
                               "read in grams; expected 'Брутто, г' or 'gross_g'\n");
    cr_expect_str_eq(mc_err_warnings(&err),
        "t.csv:1:5: column 'Калорийность' is not read: mealcheck reads recipe (Блюдо, "
        "Наименование блюда, Тағам, Тағам атауы), food (Наименование продукта, Продукт, "
        "Наименование сырья, Сырьё, Сырье, Өнім атауы, Өнім), gross_g (Брутто), net_g "
        "(Нетто) and yield_g (Выход, Шығымы) (free text goes in a column 'note')\n");
    mc_csv_close(c);
    mc_err_release(&err);
}

/* What mc_csv_write_field() writes for s, in a static buffer. */
static const char *written(const char *s, char sep, unsigned flags)
{
    static char buf[256];
    memset(buf, 0, sizeof buf);
    FILE *f = fmemopen(buf, sizeof buf, "w");
    cr_assert(f);
    mc_csv_write_field(f, s, sep, flags);
    cr_assert_eq(fclose(f), 0);
    return buf;
}

Test(csv, write_field_quotes_only_what_needs_it)
{
    cr_expect_str_eq(written("Каша пшённая", ',', 0), "Каша пшённая");
    cr_expect_str_eq(written("Суп, овощной", ',', 0), "\"Суп, овощной\"",
                     "a comma is quoted whatever the separator");
    cr_expect_str_eq(written("Суп, овощной", ';', 0), "\"Суп, овощной\"");
    cr_expect_str_eq(written("a;b", ';', 0), "\"a;b\"");
    cr_expect_str_eq(written("a;b", ',', 0), "a;b");
    cr_expect_str_eq(written("a\tb", '\t', 0), "\"a\tb\"");
    cr_expect_str_eq(written("Чай \"Ассам\"", ',', 0), "\"Чай \"\"Ассам\"\"\"");
    cr_expect_str_eq(written("line\nbreak", ',', 0), "\"line\nbreak\"");
    cr_expect_str_eq(written("", ',', MC_CSV_FORMULA_SAFE), "");
}

Test(csv, write_field_keeps_formulas_from_running)
{
    cr_expect_str_eq(written("=HYPERLINK(\"x\")", ',', MC_CSV_FORMULA_SAFE),
                     "\"'=HYPERLINK(\"\"x\"\")\"");
    cr_expect_str_eq(written("@SUM(A1)", ',', MC_CSV_FORMULA_SAFE), "\"'@SUM(A1)\"");
    cr_expect_str_eq(written("=1+1", ',', 0), "=1+1", "data read back stays as it is");
    cr_expect_str_eq(written("-5", ',', MC_CSV_FORMULA_SAFE), "-5", "numbers stay numbers");
    cr_expect_str_eq(written("+1.5", ',', MC_CSV_FORMULA_SAFE), "+1.5");
    cr_expect_str_eq(written("-1,5", ';', MC_CSV_FORMULA_SAFE), "\"-1,5\"",
                     "a decimal comma is quoted, not neutralised");
    cr_expect_str_eq(written("-2e3", ',', MC_CSV_FORMULA_SAFE), "-2e3");
    cr_expect_str_eq(written("-5 kg", ',', MC_CSV_FORMULA_SAFE), "\"'-5 kg\"");
}
