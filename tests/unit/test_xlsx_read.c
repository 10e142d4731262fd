/*
 * test_xlsx_read.c - workbooks read as CSV: the sample recipe book and menu
 * saved as .xlsx give exactly the nutrients of their CSV, and the cell
 * kinds and failures of hand-made workbooks.
 *
 * The sample's workbooks are written here with libxlsxwriter, once with
 * shared strings and once in constant-memory mode (inline strings), every
 * cell that reads as a plain number written as a number, as a caterer's
 * spreadsheet holds it (food id 01077 becomes the number 1077).  The
 * hand-made ones are XML parts zipped with libzip.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "book_fixture.h"
#include "mealcheck/csv.h"
#include "mealcheck/menu.h"
#include "mealcheck/xlsx_read.h"

TestSuite(xlsx, .init = fx_book_open, .fini = fx_book_close);

static char tmp_path[64];

static const char *tmp_name(const char *ext)
{
    snprintf(tmp_path, sizeof tmp_path, "/tmp/mc-xlsx-%ld%s", (long)getpid(), ext);
    return tmp_path;
}

/* Write the CSV at csv as sheet `sheet` of a workbook at out, each record
 * on the row of its CSV line. */
static void csv_to_xlsx(const char *csv, const char *out, int inline_strings,
                        const char *sheet)
{
    struct mc_err err = {0};
    struct mc_csv *c;
    cr_assert_eq(mc_csv_open(csv, &c, &err), MC_OK, "%s", mc_err_text(&err));
    lxw_workbook_options opt = {.constant_memory = (uint8_t)inline_strings};
    lxw_workbook *wb = workbook_new_opt(out, &opt);
    cr_assert(wb);
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    int rc;
    while ((rc = mc_csv_next(c, &err)) > 0)
        for (size_t i = 0; i < mc_csv_nfields(c); i++) {
            const char *f = mc_csv_field(c, i);
            char *end;
            double v = strtod(f, &end);
            lxw_row_t row = (lxw_row_t)(mc_csv_line(c) - 1);
            if (!*f)
                continue;
            if (!*end)
                worksheet_write_number(ws, row, (lxw_col_t)i, v, NULL);
            else
                worksheet_write_string(ws, row, (lxw_col_t)i, f, NULL);
        }
    cr_assert_eq(rc, 0);
    mc_csv_close(c);
    cr_assert_eq(workbook_close(wb), LXW_NO_ERROR);
}

static void expect_same_nvec(const struct mc_nvec *a, const struct mc_nvec *b,
                             const char *what)
{
    for (int n = 0; n < MC_N_COUNT; n++) {
        cr_expect_eq(a->value[n], b->value[n], "%s: nutrient %d", what, n);
        cr_expect_eq(a->known_g[n], b->known_g[n], "%s: coverage %d", what, n);
    }
    cr_expect_eq(a->mass_g, b->mass_g, "%s: mass", what);
}

static void same_as_csv(int inline_strings)
{
    struct mc_err err = {0};
    char recipes[64], menu[64];
    snprintf(recipes, sizeof recipes, "%s", tmp_name("-recipes.xlsx"));
    snprintf(menu, sizeof menu, "%s", tmp_name("-menu.xlsx"));
    csv_to_xlsx("menus/recipes.csv", recipes, inline_strings, "Техкарты");
    csv_to_xlsx("menus/menu.csv", menu, inline_strings, "Меню");

    struct mc_recipe_book *bc = NULL, *bx = NULL;
    struct mc_menu *mc = NULL, *mx = NULL;
    cr_assert_eq(mc_recipe_book_load("menus/recipes.csv", fx_db, fx_cooking, &bc, &err),
                 MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_recipe_book_load(recipes, fx_db, fx_cooking, &bx, &err), MC_OK,
                 "%s", mc_err_text(&err));
    cr_assert_eq(bx->n, bc->n);
    cr_assert_gt(bc->n, 10);
    for (size_t i = 0; i < bc->n; i++) {
        cr_expect_str_eq(bx->recipes[i].name, bc->recipes[i].name);
        cr_expect_eq(bx->recipes[i].yield_g, bc->recipes[i].yield_g);
        cr_expect_eq(bx->recipes[i].line, bc->recipes[i].line);
        expect_same_nvec(&bx->recipes[i].total, &bc->recipes[i].total,
                         bc->recipes[i].name);
    }
    cr_assert_eq(mc_menu_load("menus/menu.csv", bc, fx_db, &mc, &err), MC_OK, "%s",
                 mc_err_text(&err));
    cr_assert_eq(mc_menu_load(menu, bx, fx_db, &mx, &err), MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mx->n_days, mc->n_days);
    cr_assert_eq(mx->n_servings, mc->n_servings);
    for (size_t i = 0; i < mc->n_days; i++)
        expect_same_nvec(&mx->days[i].n, &mc->days[i].n, "day");
    mc_menu_free(mc);
    mc_menu_free(mx);
    mc_recipe_book_free(bc);
    mc_recipe_book_free(bx);
    unlink(recipes);
    unlink(menu);
}

Test(xlsx, sample_with_shared_strings_as_csv)
{
    same_as_csv(0);
}

Test(xlsx, sample_with_inline_strings_as_csv)
{
    same_as_csv(1);
}

/* ---- hand-made workbooks ---- */

static const char rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
    "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"ws\" "
    "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"ws\" "
    "Target=\"/xl/worksheets/other.xml\"/></Relationships>";

static const char workbook[] =
    "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/"
    "spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships\"><sheets><sheet name=\"Меню\" sheetId=\"1\" "
    "r:id=\"rId1\"/><sheet name=\"Other\" sheetId=\"2\" r:id=\"rId2\"/></sheets>"
    "</workbook>";

/* Rich text joined, its phonetic run left out. */
static const char shared[] =
    "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/"
    "spreadsheetml/2006/main\"><si><t>day</t></si><si><r><t>Плов </t></r><r><t>"
    "с мясом</t></r><rPh><t>ぷろふ</t></rPh></si></sst>";

/* A prefixed namespace, as some writers use; row 2 missing; a gap at B1. */
static const char sheet1[] =
    "<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/"
    "spreadsheetml/2006/main\"><x:sheetData>"
    "<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c>"
    "<x:c r=\"C1\" t=\"inlineStr\"><x:is><x:t xml:space=\"preserve\"> portion_g </x:t>"
    "</x:is></x:c></x:row>"
    "<x:row r=\"3\"><x:c r=\"A3\"><x:v>0.30000000000000004</x:v></x:c>"
    "<x:c r=\"B3\" t=\"s\"><x:v>1</x:v></x:c><x:c r=\"C3\" t=\"b\"><x:v>1</x:v></x:c>"
    "<x:c r=\"D3\" t=\"e\"><x:v>#N/A</x:v></x:c><x:c r=\"E3\" t=\"str\"><x:f>A1</x:f>"
    "<x:v>day</x:v></x:c><x:c r=\"F3\"><x:v>1.5E-3</x:v></x:c>"
    "<x:c r=\"G3\"><x:v>200</x:v></x:c><x:c r=\"H3\"/></x:row>"
    "<x:row r=\"4\"><x:c r=\"B4\" t=\"s\"><x:v>0</x:v></x:c></x:row>"
    "<x:row r=\"5\"><x:c r=\"A5\" t=\"inlineStr\"><x:is><x:t>  </x:t></x:is></x:c></x:row>"
    "</x:sheetData></x:worksheet>";

static const char other[] =
    "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
    "spreadsheetml/2006/main\"><sheetData><row r=\"7\"><c r=\"B7\"><v>7</v></c></row>"
    "</sheetData></worksheet>";

struct part {
    const char *name, *text;
};

static void zip_parts(const char *path, const struct part *parts, size_t n)
{
    int ze;
    unlink(path);
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
    cr_assert(z);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(z, parts[i].text, strlen(parts[i].text), 0);
        cr_assert(s);
        cr_assert_geq(zip_file_add(z, parts[i].name, s, ZIP_FL_ENC_UTF_8), 0);
    }
    cr_assert_eq(zip_close(z), 0);
}

static void write_workbook(const char *path, const char *sheet_xml,
                           const char *shared_xml)
{
    struct part parts[] = {
        {"xl/workbook.xml", workbook}, {"xl/_rels/workbook.xml.rels", rels},
        {"xl/worksheets/sheet1.xml", sheet_xml}, {"xl/worksheets/other.xml", other},
        {"xl/sharedStrings.xml", shared_xml}};
    zip_parts(path, parts, 5);
}

static void expect_row(struct mc_csv *c, long line, size_t n, const char *const *cells)
{
    struct mc_err err = {0};
    cr_assert_eq(mc_csv_next(c, &err), 1, "row %ld", line);
    cr_expect_eq(mc_csv_line(c), line);
    cr_expect_eq(mc_csv_nfields(c), n, "row %ld has %zu cells", line, mc_csv_nfields(c));
    for (size_t i = 0; i < n; i++)
        cr_expect_str_eq(mc_csv_field(c, i), cells[i], "row %ld cell %zu", line, i + 1);
}

Test(xlsx, cells_as_they_display)
{
    const char *path = tmp_name(".xlsx");
    write_workbook(path, sheet1, shared);
    struct mc_err err = {0};
    struct mc_csv *c;
    cr_assert_eq(mc_csv_open(path, &c, &err), MC_OK, "%s", mc_err_text(&err));
    char name[128];
    snprintf(name, sizeof name, "%s[Меню]", path);
    cr_expect_str_eq(mc_csv_path(c), name);
    expect_row(c, 1, 3, (const char *[]){"day", "", "portion_g"});
    expect_row(c, 3, 7, (const char *[]){"0.3", "Плов с мясом", "TRUE", "#N/A", "day",
                                         "0.0015", "200"});
    expect_row(c, 4, 2, (const char *[]){"", "day"});
    cr_expect_eq(mc_csv_next(c, &err), 0, "a row of blanks is no row");
    mc_csv_close(c);

    /* "book.xlsx#Sheet" picks a sheet by name, in any case. */
    char pick[128];
    snprintf(pick, sizeof pick, "%s#other", path);
    cr_assert_eq(mc_csv_open(pick, &c, &err), MC_OK, "%s", mc_err_text(&err));
    snprintf(name, sizeof name, "%s[Other]", path);
    cr_expect_str_eq(mc_csv_path(c), name);
    expect_row(c, 7, 2, (const char *[]){"", "7"});
    mc_csv_close(c);
    unlink(path);
}

static void expect_open_error(const char *path, const char *message)
{
    struct mc_err err = {0};
    struct mc_csv *c = (void *)1;
    cr_expect_eq(mc_csv_open(path, &c, &err), MC_ERR_INPUT);
    cr_expect_null(c);
    cr_expect_str_eq(mc_err_text(&err), message);
    mc_err_release(&err);
}

Test(xlsx, what_cannot_be_read)
{
    const char *path = tmp_name(".xlsx");
    char want[1024], arg[128];

    write_workbook(path, sheet1, "<sst><si><t>x</t></si></sst>");
    snprintf(want, sizeof want, "%s[Меню]:3:2: shared string '1' does not exist; "
             "expected an index below 1\n", path);
    expect_open_error(path, want);

    write_workbook(path, "<worksheet><sheetData><row></sheetData>", shared);
    snprintf(want, sizeof want, "%s: xl/worksheets/sheet1.xml:1:30: mismatched tag; "
             "expected an Excel workbook (.xlsx)\n", path);
    expect_open_error(path, want);

    write_workbook(path, sheet1, shared);
    snprintf(arg, sizeof arg, "%s#Menu", path);
    snprintf(want, sizeof want, "%s: no sheet 'Menu'; the sheets are 'Меню', 'Other'\n",
             path);
    expect_open_error(arg, want);

    struct part ods[] = {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                         {"content.xml", "<office:document-content/>"}};
    zip_parts(path, ods, 2);
    snprintf(want, sizeof want, "%s: an OpenDocument spreadsheet (.ods) cannot be "
             "read; expected an Excel workbook (.xlsx) or CSV UTF-8: save it as "
             "\"Excel 2007-365 (.xlsx)\" or as \"Text CSV\" in UTF-8\n", path);
    expect_open_error(path, want);

    FILE *f = fopen(path, "wb");
    cr_assert(f);
    fwrite("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 1, 12, f);
    fclose(f);
    snprintf(want, sizeof want, "%s: an Excel 97-2003 workbook (.xls) cannot be read; "
             "expected .xlsx or CSV UTF-8: in Excel, save it as \"Excel Workbook "
             "(*.xlsx)\" or \"CSV UTF-8\"\n", path);
    expect_open_error(path, want);

    f = fopen(path, "wb");
    cr_assert(f);
    fputs("PK\x03\x04 truncated", f);
    fclose(f);
    struct mc_err err = {0};
    struct mc_csv *c;
    cr_expect_eq(mc_csv_open(path, &c, &err), MC_ERR_INPUT);
    snprintf(want, sizeof want, "%s: not a readable ZIP archive (", path);
    cr_expect(!strncmp(mc_err_text(&err), want, strlen(want)), "%s", mc_err_text(&err));
    mc_err_release(&err);
    unlink(path);

    expect_open_error("menus/menu.csv#Меню", "menus/menu.csv: a sheet ('#Меню') can "
                      "be chosen in an Excel workbook (.xlsx) only\n");
}

/* A loader's messages name the sheet, the row Excel shows and the column
 * (A = 1). */
Test(xlsx, errors_name_sheet_row_and_column)
{
    static const char sheet[] =
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>recipe</t></is></c>"
        "<c r=\"B1\" t=\"inlineStr\"><is><t>food</t></is></c><c r=\"C1\" t=\"inlineStr\">"
        "<is><t>net_g</t></is></c></row><row r=\"14\"><c r=\"A14\" t=\"inlineStr\"><is>"
        "<t>Каша</t></is></c><c r=\"B14\"><v>20044</v></c><c r=\"C14\"><v>100</v></c>"
        "</row><row r=\"15\"><c r=\"B15\"><v>1077</v></c><c r=\"C15\" t=\"inlineStr\">"
        "<is><t>12x</t></is></c></row></sheetData></worksheet>";
    const char *path = tmp_name(".xlsx");
    write_workbook(path, sheet, shared);
    struct mc_err err = {0};
    struct mc_recipe_book *b = (void *)1;
    cr_expect_eq(mc_recipe_book_load(path, fx_db, fx_cooking, &b, &err), MC_ERR_INPUT);
    char want[256];
    snprintf(want, sizeof want, "%s[Меню]:15:3: net_g: expected a non-negative number, "
             "got '12x'\n", path);
    cr_expect_str_eq(mc_err_text(&err), want);
    mc_err_release(&err);
    unlink(path);
}

/* ---- hostile workbooks (each kept as a seed in tests/fuzz/corpus/) ---- */

/* The file's bytes, for mc_xlsx_read_limited(). */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    char *data = malloc(*len);
    cr_assert(data);
    cr_assert_eq(fread(data, 1, *len, f), *len);
    fclose(f);
    return data;
}

/* The message for the XML of sheet1 at the place of `at` in it. */
static void expect_structure_error(const char *path, const char *sheet,
                                   const char *at, const char *message)
{
    char want[512];
    snprintf(want, sizeof want, "%s[Меню]: xl/worksheets/sheet1.xml:1:%ld: %s\n",
             path, (long)(strstr(sheet, at) - sheet) + 1, message);
    expect_open_error(path, want);
}

/* A <row> opened inside a <c> made the cell's column 0: the reader wrote
 * cells[-1] and freed the allocator's header (SIGSEGV); the shape of the
 * 706-byte workbook that stopped the server. */
Test(xlsx, row_inside_a_cell_is_refused)
{
    static const char sheet[] =
        "<worksheet><sheetData><row><c><v>1</v></c></row>"
        "<row><c><v>2</v><row/></c></row></sheetData></worksheet>";
    const char *path = tmp_name(".xlsx");
    write_workbook(path, sheet, shared);
    expect_structure_error(path, sheet, "<row/>", "<row> inside an unfinished <c>; "
                           "expected cells inside rows: <row><c>...</c></row>");

    static const char cell_in_cell[] =
        "<worksheet><sheetData><row><c><v>1</v><c><v>2</v></c></c></row>"
        "</sheetData></worksheet>";
    write_workbook(path, cell_in_cell, shared);
    expect_structure_error(path, cell_in_cell, "<c><v>2", "<c> inside an unfinished "
                           "<c>; expected cells inside rows: <row><c>...</c></row>");

    static const char cell_alone[] =
        "<worksheet><sheetData><c r=\"A1\"><v>1</v></c></sheetData></worksheet>";
    write_workbook(path, cell_alone, shared);
    expect_structure_error(path, cell_alone, "<c ", "<c> inside an unfinished "
                           "<sheetData>; expected cells inside rows: "
                           "<row><c>...</c></row>");
    unlink(path);
}

/* A row opened inside an unfinished row dropped the cells read so far
 * without freeing them (valgrind: definitely lost); it is refused, and
 * `make valgrind` runs this test. */
Test(xlsx, row_inside_a_row_is_refused)
{
    static const char sheet[] =
        "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>kept</t></is></c>"
        "<row><c><v>2</v></c></row></row></sheetData></worksheet>";
    const char *path = tmp_name(".xlsx");
    write_workbook(path, sheet, shared);
    expect_structure_error(path, sheet, "<row><c><v>2", "<row> inside an unfinished "
                           "<row>; expected cells inside rows: <row><c>...</c></row>");
    unlink(path);
}

/* rows rows of one number at XFD (the last column): 16384 cells each. */
static char *far_right_sheet(int rows)
{
    size_t size = 200 + (size_t)rows * 64;
    char *s = malloc(size);
    cr_assert(s);
    size_t len = (size_t)snprintf(s, size, "<worksheet><sheetData>");
    for (int r = 1; r <= rows; r++)
        len += (size_t)snprintf(s + len, size - len, "<row r=\"%d\"><c r=\"XFD%d\">"
                                "<v>1</v></c></row>", r, r);
    snprintf(s + len, size - len, "</sheetData></worksheet>");
    return s;
}

/* One cell at XFD per row cost 128 KiB a row (1.2 KB of workbook took
 * 521 MB) and 16384 cells of the budget: rows are now stored sparsely,
 * and 200 such rows are 200 cells. */
Test(xlsx, far_right_cells_cost_one_cell_each)
{
    const char *path = tmp_name(".xlsx");
    char *sheet = far_right_sheet(200);
    write_workbook(path, sheet, shared);
    free(sheet);
    size_t len;
    char *data = slurp(path, &len);
    struct mc_err err = {0};
    struct mc_sheet *s;
    struct mc_xlsx_limits limits = {.max_cells = 200};
    cr_assert_eq(mc_xlsx_read_limited("menu.xlsx", data, len, NULL, &limits, &s, &err),
                 MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(s->n_rows, 200);
    for (size_t r = 0; r < s->n_rows; r++) {
        cr_assert_eq(s->rows[r].line, (long)r + 1);
        cr_assert_eq(s->rows[r].n, 1);
        cr_expect_eq(s->rows[r].cells[0].col, 16384);
        cr_expect_str_eq(s->rows[r].cells[0].text, "1");
    }
    mc_sheet_free(s);
    /* One more cell is over the budget. */
    limits.max_cells = 199;
    cr_expect_eq(mc_xlsx_read_limited("menu.xlsx", data, len, NULL, &limits, &s, &err),
                 MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err), "menu.xlsx[Меню]:200: more than 199 cells; mealcheck "
                     "reads at most 199 cells of a sheet\n");
    mc_err_release(&err);
    free(data);
    unlink(path);
}

/* A cell far right of the header is read as CSV reads a field past the
 * header: the record is as wide as the header, and the cell is reported
 * with its column (XFD is 16384). */
Test(xlsx, a_cell_past_the_header_is_reported_with_its_column)
{
    static const char sheet[] =
        "<worksheet><sheetData>"
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
        "<c r=\"C1\" t=\"inlineStr\"><is><t>dish</t></is></c></row>"
        "<row r=\"2\"><c r=\"B2\"><v>5</v></c><c r=\"XFD2\"><v>7</v></c></row>"
        "<row r=\"3\"><c r=\"E3\"><v>8</v></c></row>"
        "<row r=\"4\"><c r=\"C4\"><v>9</v></c></row>"
        "</sheetData></worksheet>";
    const char *path = tmp_name(".xlsx");
    write_workbook(path, sheet, shared);
    struct mc_err err = {0};
    struct mc_csv *c;
    cr_assert_eq(mc_csv_open(path, &c, &err), MC_OK, "%s", mc_err_text(&err));
    int cols[2];
    cr_assert_eq(mc_csv_header(c, (const char *const[]){"day", "dish"}, 2, cols,
                               "day, dish", &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_eq(cols[0], 0);
    cr_expect_eq(cols[1], 2);
    cr_assert_eq(mc_csv_next(c, &err), 1);
    cr_expect_eq(mc_csv_nfields(c), 3);
    cr_expect_str_eq(mc_csv_field(c, 0), "");
    cr_expect_str_eq(mc_csv_field(c, 1), "5");
    cr_expect_str_eq(mc_csv_field(c, 2), "");
    char want[512];
    snprintf(want, sizeof want, "%s[Меню]:2:16384: '7' is past the last column of "
             "the header (3); expected the sheet's values under its header\n", path);
    cr_expect_str_eq(mc_err_text(&err), want);
    mc_err_release(&err);
    /* A row holding only a stray cell is still a record, and reported. */
    cr_assert_eq(mc_csv_next(c, &err), 1);
    cr_expect_eq(mc_csv_line(c), 3);
    cr_expect_eq(mc_csv_nfields(c), 3);
    snprintf(want, sizeof want, "%s[Меню]:3:5: '8' is past the last column of "
             "the header (3); expected the sheet's values under its header\n", path);
    cr_expect_str_eq(mc_err_text(&err), want);
    mc_err_release(&err);
    cr_assert_eq(mc_csv_next(c, &err), 1);
    cr_expect_str_eq(mc_csv_field(c, 2), "9");
    cr_expect_eq(err.count, 0);
    cr_expect_eq(mc_csv_next(c, &err), 0);
    mc_csv_close(c);
    unlink(path);
}

/* A caller (the server, per request) sets a smaller budget of cells and
 * of bytes unpacked; the message names the file, the sheet and the limit. */
Test(xlsx, a_caller_sets_the_budget)
{
    const char *path = tmp_name(".xlsx");
    write_workbook(path, sheet1, shared);
    size_t len;
    char *data = slurp(path, &len);
    struct mc_err err = {0};
    struct mc_sheet *s = (void *)1;
    struct mc_xlsx_limits cells = {.max_cells = 9};
    cr_expect_eq(mc_xlsx_read_limited("menu.xlsx", data, len, NULL, &cells, &s, &err),
                 MC_ERR_INPUT);
    cr_expect_null(s);
    /* Cells with a value count: 2 in row 1 (B1 is a gap), 7 in row 3 (H3
     * is empty), the 10th in row 4. */
    cr_expect_str_eq(mc_err_text(&err), "menu.xlsx[Меню]:4: more than 9 cells; mealcheck reads "
                     "at most 9 cells of a sheet\n");
    mc_err_release(&err);

    cells.max_cells = 10;
    cr_assert_eq(mc_xlsx_read_limited("menu.xlsx", data, len, NULL, &cells, &s, &err),
                 MC_OK, "%s", mc_err_text(&err));
    cr_expect_eq(s->n_rows, 3);
    mc_sheet_free(s);

    /* workbook.xml, the rels and sharedStrings.xml (755 bytes) fit in 1000, the
     * sheet does not. */
    struct mc_xlsx_limits bytes = {.max_bytes = 1000};
    cr_expect_eq(mc_xlsx_read_limited("menu.xlsx", data, len, NULL, &bytes, &s, &err),
                 MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err), "menu.xlsx[Меню]: xl/worksheets/sheet1.xml: more than "
                     "1000 bytes unpacked; mealcheck reads at most 1000 bytes of a "
                     "workbook\n");
    mc_err_release(&err);
    free(data);
    unlink(path);
}

/* A shared string was copied into every cell showing it (100 MB used 30
 * times: 6 GB); its cells now point to one text. */
Test(xlsx, a_shared_string_is_kept_once)
{
    char sheet[4096];
    size_t len = (size_t)snprintf(sheet, sizeof sheet, "<worksheet><sheetData>");
    for (int r = 1; r <= 30; r++)
        len += (size_t)snprintf(sheet + len, sizeof sheet - len, "<row r=\"%d\"><c "
                                "r=\"B%d\" t=\"s\"><v>1</v></c></row>", r, r);
    snprintf(sheet + len, sizeof sheet - len, "</sheetData></worksheet>");
    const char *path = tmp_name(".xlsx");
    write_workbook(path, sheet, shared);
    size_t size;
    char *data = slurp(path, &size);
    struct mc_err err = {0};
    struct mc_sheet *s;
    cr_assert_eq(mc_xlsx_read("menu.xlsx", data, size, NULL, &s, &err), MC_OK, "%s",
                 mc_err_text(&err));
    cr_assert_eq(s->n_rows, 30);
    for (size_t r = 0; r < 30; r++) {
        cr_assert_eq(s->rows[r].n, 1);
        cr_expect_eq(s->rows[r].cells[0].col, 2);
        cr_expect_str_eq(s->rows[r].cells[0].text, "Плов с мясом");
        cr_expect_eq(s->rows[r].cells[0].text, s->rows[0].cells[0].text, "row %zu",
                     r + 1);
    }
    mc_sheet_free(s);
    free(data);
    unlink(path);
}

/* Caterers merge the "День" cell over the dishes of a day: every cell of a
 * merged range reads as its top-left value, rows of the range that hold
 * nothing else included; rows are read by line. */
Test(xlsx, merged_cells_read_as_their_top_left_value)
{
    static const char sheet[] =
        "<worksheet><sheetData>"
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>День</t></is></c>"
        "<c r=\"B1\" t=\"inlineStr\"><is><t>Блюдо</t></is></c></row>"
        "<row r=\"3\"><c r=\"B3\" t=\"s\"><v>1</v></c></row>"
        "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"s\"><v>0</v></c></row>"
        "<row r=\"5\"><c r=\"A5\"><v>2</v></c></row>"
        "<row r=\"8\"><c r=\"B8\"><v>9</v></c></row>"
        "</sheetData><mergeCells count=\"4\"><mergeCell ref=\"A2:A4\"/>"
        "<mergeCell ref=\"A5:C6\"/><mergeCell ref=\"A7:A8\"/>"
        "<mergeCell ref=\"A1:B1\"/></mergeCells></worksheet>";
    const char *path = tmp_name(".xlsx");
    write_workbook(path, sheet, shared);
    struct mc_err err = {0};
    struct mc_csv *c;
    cr_assert_eq(mc_csv_open(path, &c, &err), MC_OK, "%s", mc_err_text(&err));
    expect_row(c, 1, 2, (const char *[]){"День", "День"});
    expect_row(c, 2, 2, (const char *[]){"1", "day"});
    expect_row(c, 3, 2, (const char *[]){"1", "Плов с мясом"});
    expect_row(c, 4, 1, (const char *[]){"1"});
    expect_row(c, 5, 3, (const char *[]){"2", "2", "2"});
    expect_row(c, 6, 3, (const char *[]){"2", "2", "2"});
    /* A7 is empty: A7:A8 spreads nothing. */
    expect_row(c, 8, 2, (const char *[]){"", "9"});
    cr_expect_eq(mc_csv_next(c, &err), 0);
    mc_csv_close(c);

    /* Ranges that overlap (Excel writes none; a fuzzer did) each spread
     * the value their top-left cell has in the file: A2 is empty there, so
     * A2:C6 spreads nothing and rows 5-6 stay absent (they were read past
     * the rows the sheet has). */
    static const char overlap[] =
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>День"
        "</t></is></c></row><row r=\"3\"><c r=\"B3\"><v>5</v></c></row></sheetData>"
        "<mergeCells><mergeCell ref=\"A1:A4\"/><mergeCell ref=\"A2:C6\"/></mergeCells>"
        "</worksheet>";
    write_workbook(path, overlap, shared);
    cr_assert_eq(mc_csv_open(path, &c, &err), MC_OK, "%s", mc_err_text(&err));
    expect_row(c, 1, 1, (const char *[]){"День"});
    expect_row(c, 2, 1, (const char *[]){"День"});
    expect_row(c, 3, 2, (const char *[]){"День", "5"});
    expect_row(c, 4, 1, (const char *[]){"День"});
    cr_expect_eq(mc_csv_next(c, &err), 0);
    mc_csv_close(c);

    static const char bad[] =
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
        "</sheetData><mergeCells><mergeCell ref=\"A3:A2\"/></mergeCells></worksheet>";
    write_workbook(path, bad, shared);
    expect_structure_error(path, bad, "<mergeCell ", "merged range 'A3:A2' is not a "
                           "range of cells; expected one such as A2:A6 within "
                           "XFD1048576");

    /* A range over the whole sheet is held to the budget of cells. */
    static const char whole[] =
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
        "</sheetData><mergeCells><mergeCell ref=\"A1:XFD1048576\"/></mergeCells>"
        "</worksheet>";
    write_workbook(path, whole, shared);
    char want[512];
    snprintf(want, sizeof want, "%s[Меню]:1: more than 2097152 cells; mealcheck "
             "reads at most 2097152 cells of a sheet\n", path);
    expect_open_error(path, want);
    unlink(path);
}

/* A caller's limits on what one input may cost, for CSV and .xlsx alike:
 * the sample menu has 99 rows below its header, 500 cells and 4572 bytes. */
static struct mc_recipe_book *sample_book;

static void expect_menu_refused(const char *path, struct mc_input_limits limits,
                                const char *message)
{
    struct mc_err err = {0};
    struct mc_menu *m = (void *)1;
    cr_expect_eq(mc_menu_load_limited(path, &limits, sample_book, fx_db, &m, &err),
                 MC_ERR_INPUT, "%s", path);
    cr_expect_null(m);
    cr_expect_str_eq(mc_err_text(&err), message);
    mc_err_release(&err);
}

Test(xlsx, a_caller_limits_rows_cells_and_bytes_of_csv_and_xlsx)
{
    struct mc_err err = {0};
    struct mc_menu *m;
    cr_assert_eq(mc_recipe_book_load("menus/recipes.csv", fx_db, fx_cooking, &sample_book,
                                     &err), MC_OK, "%s", mc_err_text(&err));
    struct mc_input_limits fits = {.max_bytes = 4572, .max_rows = 99, .max_cells = 500};
    cr_assert_eq(mc_menu_load_limited("menus/menu.csv", &fits, sample_book, fx_db, &m, &err),
                 MC_OK, "%s", mc_err_text(&err));
    cr_expect_eq(m->n_servings, 99);
    mc_menu_free(m);
    expect_menu_refused("menus/menu.csv", (struct mc_input_limits){.max_rows = 98},
                        "menus/menu.csv:100: more than 98 rows below the header; "
                        "mealcheck reads at most 98 rows of this file\n");
    expect_menu_refused("menus/menu.csv", (struct mc_input_limits){.max_cells = 499},
                        "menus/menu.csv:100: more than 499 cells; mealcheck reads at "
                        "most 499 cells of a sheet\n");
    expect_menu_refused("menus/menu.csv", (struct mc_input_limits){.max_bytes = 4571},
                        "menus/menu.csv: larger than 4571 bytes, the most an input "
                        "file may hold\n");

    char path[64], want[256];
    snprintf(path, sizeof path, "%s", tmp_name("-menu.xlsx"));
    csv_to_xlsx("menus/menu.csv", path, 0, "Меню");
    size_t len;
    free(slurp(path, &len));
    fits = (struct mc_input_limits){.max_rows = 99, .max_cells = 500};
    cr_assert_eq(mc_menu_load_limited(path, &fits, sample_book, fx_db, &m, &err), MC_OK,
                 "%s", mc_err_text(&err));
    mc_menu_free(m);
    snprintf(want, sizeof want, "%s[Меню]:100: more than 98 rows below the header; "
             "mealcheck reads at most 98 rows of this file\n", path);
    expect_menu_refused(path, (struct mc_input_limits){.max_rows = 98}, want);
    snprintf(want, sizeof want, "%s[Меню]:100: more than 499 cells; mealcheck reads "
             "at most 499 cells of a sheet\n", path);
    expect_menu_refused(path, (struct mc_input_limits){.max_cells = 499}, want);
    /* The file fits; its parts unpacked do not. */
    snprintf(want, sizeof want, "%s[Меню]: xl/worksheets/sheet1.xml: more than %zu "
             "bytes unpacked; mealcheck reads at most %zu bytes of a workbook\n", path,
             len + 1, len + 1);
    expect_menu_refused(path, (struct mc_input_limits){.max_bytes = len + 1}, want);
    unlink(path);

    /* The recipe book and the manifest take the same limits. */
    struct mc_recipe_book *b = (void *)1;
    cr_expect_eq(mc_recipe_book_load_limited("menus/recipes.csv",
                                             &(struct mc_input_limits){.max_rows = 5},
                                             fx_db, fx_cooking, &b, &err), MC_ERR_INPUT);
    cr_expect_null(b);
    cr_expect_str_eq(mc_err_text(&err), "menus/recipes.csv:7: more than 5 rows below the "
                     "header; mealcheck reads at most 5 rows of this file\n");
    mc_err_release(&err);
    mc_recipe_book_free(sample_book);
}
