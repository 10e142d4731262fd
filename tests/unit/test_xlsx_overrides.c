/*
 * test_xlsx_overrides.c - the libxlsxwriter and minizip functions mealcheck
 * defines itself (src/lib/xlsx_overrides.c) write what the libraries' own
 * write: cell names and XML tags compared with the library's own
 * (dlsym RTLD_NEXT) byte for byte, and a workbook closed at either speed
 * (the roll-up's zlib level 1; a school's parts in memory, deflated by
 * libdeflate) has the same parts as one closed the library's way, each
 * deflated and with a sound CRC.
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <criterion/criterion.h>
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "../../src/lib/report_style.h"

static void *own(const char *name)
{
    void *f = dlsym(RTLD_NEXT, name);
    cr_assert_not_null(f, "libxlsxwriter's own %s", name);
    return f;
}

Test(xlsx_overrides, cell_names_as_the_library)
{
    void (*lib)(char *, lxw_row_t, lxw_col_t) =
        (void (*)(char *, lxw_row_t, lxw_col_t))own("lxw_rowcol_to_cell");
    static const lxw_row_t rows[] = {0, 1, 8, 9, 98, 99, 12345, 1048574, 1048575,
                                     1048576, 99999999, 2147483646, 2147483647,
                                     4294967294u};
    static const lxw_col_t cols[] = {0, 1, 24, 25, 26, 27, 51, 52, 701, 702, 703,
                                     16383, 16384, 65534};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        for (size_t j = 0; j < sizeof cols / sizeof *cols; j++) {
            char ours[32] = "", theirs[32] = "";
            lxw_rowcol_to_cell(ours, rows[i], cols[j]);
            lib(theirs, rows[i], cols[j]);
            cr_expect_str_eq(ours, theirs, "row %u, column %u", rows[i], cols[j]);
        }
    char name[32];
    lxw_rowcol_to_cell(name, 122, 27);
    cr_expect_str_eq(name, "AB123");
    lxw_rowcol_to_cell(name, 1048575, 16383);
    cr_expect_str_eq(name, "XFD1048576");
}

/* Two attributes, the second with a value from the caller. */
static void attributes(struct xml_attribute_list *list, const char *value)
{
    STAILQ_INIT(list);
    struct xml_attribute *a = lxw_new_attribute_int("r", 42);
    STAILQ_INSERT_TAIL(list, a, list_entries);
    a = lxw_new_attribute_str("name", value);
    STAILQ_INSERT_TAIL(list, a, list_entries);
}

static void attributes_free(struct xml_attribute_list *list)
{
    while (!STAILQ_EMPTY(list)) {
        struct xml_attribute *a = STAILQ_FIRST(list);
        STAILQ_REMOVE_HEAD(list, list_entries);
        free(a);
    }
}

/* What one set of writers prints for tags with these values and data. */
struct writers {
    void (*start)(FILE *, const char *, struct xml_attribute_list *);
    void (*empty)(FILE *, const char *, struct xml_attribute_list *);
    void (*end)(FILE *, const char *);
    void (*data)(FILE *, const char *, const char *, struct xml_attribute_list *);
};

static char *print_tags(const struct writers *w, const char *const *texts, size_t n)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    cr_assert_not_null(f);
    for (size_t i = 0; i < n; i++) {
        struct xml_attribute_list list;
        attributes(&list, texts[i]);
        w->start(f, "row", &list);
        w->empty(f, "c", &list);
        w->data(f, "f", texts[i], NULL);
        w->data(f, "t", texts[i], &list);
        w->empty(f, "sheetData", NULL);
        w->end(f, "row");
        attributes_free(&list);
    }
    fclose(f);
    return out;
}

Test(xlsx_overrides, tags_as_the_library)
{
    static const char *const texts[] = {
        "", "plain", "SUM(I5:I8)", "Молоко 3,2 %", "a & b", "<x>", "say \"hi\"",
        "line\nbreak", "&&<<>>\"\"\n\n", "tab\there", "'quoted' ; = 1/2",
    };
    struct writers ours = {lxw_xml_start_tag, lxw_xml_empty_tag, lxw_xml_end_tag,
                           lxw_xml_data_element};
    struct writers theirs;
    *(void **)&theirs.start = own("lxw_xml_start_tag");
    *(void **)&theirs.empty = own("lxw_xml_empty_tag");
    *(void **)&theirs.end = own("lxw_xml_end_tag");
    *(void **)&theirs.data = own("lxw_xml_data_element");
    size_t n = sizeof texts / sizeof *texts;
    char *a = print_tags(&ours, texts, n), *b = print_tags(&theirs, texts, n);
    cr_expect_str_eq(a, b);
    cr_expect(strstr(a, "<row r=\"42\" name=\"say &quot;hi&quot;\">"), "%s", a);
    cr_expect(strstr(a, "<f>say \"hi\"</f>"), "%s", a);
    cr_expect(strstr(a, "name=\"line&#xA;break\""), "%s", a);
    cr_expect(strstr(a, "<f>a &amp; b</f>"), "%s", a);
    free(a);
    free(b);
}

Test(xlsx_overrides, attributes_as_the_library)
{
    struct xml_attribute *(*lib_int)(const char *, uint32_t) =
        (struct xml_attribute * (*)(const char *, uint32_t)) own("lxw_new_attribute_int");
    struct xml_attribute *(*lib_str)(const char *, const char *) =
        (struct xml_attribute * (*)(const char *, const char *)) own("lxw_new_attribute_str");
    static const uint32_t ints[] = {0, 1, 9, 10, 1048576, 2147483647u, 2147483648u,
                                    4294967295u};
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
        struct xml_attribute *a = lxw_new_attribute_int("s", ints[i]);
        struct xml_attribute *b = lib_int("s", ints[i]);
        cr_expect_str_eq(a->key, b->key);
        cr_expect_str_eq(a->value, b->value, "%u", ints[i]);
        free(a);
        free(b);
    }
    /* A value past the attribute's 2,079 bytes is cut there by both. */
    char *longer = malloc(3001);
    cr_assert_not_null(longer);
    memset(longer, 'x', 3000);
    longer[3000] = '\0';
    struct xml_attribute *a = lxw_new_attribute_str("spans", longer);
    struct xml_attribute *b = lib_str("spans", longer);
    cr_expect_eq(strlen(a->value), LXW_MAX_ATTRIBUTE_LENGTH - 1);
    cr_expect_str_eq(a->value, b->value);
    cr_expect_str_eq(a->key, "spans");
    free(a);
    free(b);
    free(longer);
}

/* A workbook of 30,000 rows (sheet1.xml over a megabyte, so that the
 * in-memory part and its copy grow several times), with text to escape,
 * numbers and formulas; closed at speed. */
static void write_book(const char *path, enum mc_xlsx_speed speed)
{
    struct mc_tempfile tmp;
    lxw_workbook *wb;
    struct mc_err err = {0};
    cr_assert_eq(mc_report_open(path, 0, &tmp, &wb, &err), MC_OK);
    struct mc_report_err x = {0};
    lxw_worksheet *ws = mc_report_sheet(&x, wb, "Data & <notes>");
    cr_assert_not_null(ws);
    for (lxw_row_t r = 0; r < 30000; r++) {
        char text[64], f[32];
        snprintf(text, sizeof text, "Блюдо %u: \"суп\" & <хлеб>", r);
        worksheet_write_string(ws, r, 0, text, NULL);
        worksheet_write_number(ws, r, 1, r / 7.0, NULL);
        snprintf(f, sizeof f, "=B%u*2", r + 1);
        worksheet_write_formula_num(ws, r, 2, f, NULL, 2 * (r / 7.0));
    }
    cr_assert_not_null(mc_report_sheet(&x, wb, "Empty"));
    mc_code rc = speed == MC_XLSX_SMALL ? mc_report_close(wb, &tmp, path, &x, &err)
                 : mc_report_close_fast(wb, &tmp, path, &x, speed, &err);
    cr_assert_eq(rc, MC_OK, "%s", mc_err_text(&err));
}

/* Every part of path in order: its name, length and bytes (libzip checks
 * each part's CRC as it reads it); docProps/core.xml's bytes are left out,
 * as they hold the time the workbook was closed. */
static char *parts(const char *path, int want_deflated)
{
    int ze = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    cr_assert_not_null(z, "%s: libzip error %d", path, ze);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    zip_int64_t n = zip_get_num_entries(z, 0);
    cr_assert_gt(n, 10);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        cr_assert_eq(zip_stat_index(z, (zip_uint64_t)i, 0, &st), 0);
        if (want_deflated) {
            cr_expect_eq(st.comp_method, ZIP_CM_DEFLATE, "%s", st.name);
            if (st.size > 1000)
                cr_expect_lt(st.comp_size, st.size / 2, "%s", st.name);
        }
        zip_file_t *zf = zip_fopen_index(z, (zip_uint64_t)i, 0);
        cr_assert_not_null(zf, "%s", st.name);
        char *data = malloc(st.size + 1);
        cr_assert_not_null(data);
        zip_int64_t got = zip_fread(zf, data, st.size);
        char extra;
        cr_expect_eq(got, (zip_int64_t)st.size, "%s: %s", st.name, zip_file_strerror(zf));
        cr_expect_eq(zip_fread(zf, &extra, 1), 0, "%s: CRC: %s", st.name,
                     zip_file_strerror(zf));
        zip_fclose(zf);
        fprintf(f, "== %s %llu\n", st.name, (unsigned long long)st.size);
        if (strcmp(st.name, "docProps/core.xml"))
            fwrite(data, 1, st.size, f);
        free(data);
    }
    fclose(f);
    zip_close(z);
    return out;
}

/* Two workbooks a and b in a new folder dir, closed at these speeds. */
static void two_books(char *dir, char *a, char *b, enum mc_xlsx_speed a_speed,
                      enum mc_xlsx_speed b_speed)
{
    cr_assert_not_null(mkdtemp(dir));
    sprintf(a, "%s/a.xlsx", dir);
    sprintf(b, "%s/b.xlsx", dir);
    write_book(a, a_speed);
    write_book(b, b_speed);
}

static void two_books_remove(const char *dir, const char *a, const char *b)
{
    unlink(a);
    unlink(b);
    rmdir(dir);
}

Test(xlsx_overrides, in_memory_same_parts)
{
    char dir[] = "/tmp/mc-xlsxov-XXXXXX", a[64], b[64];
    two_books(dir, a, b, MC_XLSX_SMALL, MC_XLSX_MEMORY);
    char *pa = parts(a, 0), *pb = parts(b, 1);
    cr_expect(strlen(pa) > 1000000, "%zu bytes of parts", strlen(pa));
    cr_expect(!strcmp(pa, pb), "the parts differ");
    cr_expect(strstr(pb, "<c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>0</v></c>"
                         "<c r=\"C1\"><f>B1*2</f><v>0</v></c>"), "%.400s", strstr(pb, "<sheetData>"));
    cr_expect(strstr(pb, "<sheet name=\"Data &amp; &lt;notes&gt;\""));
    free(pa);
    free(pb);
    two_books_remove(dir, a, b);
}

/* The level minizip marks in a zip's first part: its flag bits 1-2, 0 for
 * zlib's default level, 3 for the fast parts (minizip's mark of level 1). */
static int first_part_level_bits(const char *path)
{
    unsigned char head[30];
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f);
    cr_assert_eq(fread(head, 1, sizeof head, f), sizeof head);
    fclose(f);
    return (head[6] >> 1) & 3;
}

/* The roll-up's way: the library's temporary files, minizip at level 1:
 * the same parts, marked fast, each deflated. */
Test(xlsx_overrides, streamed_same_parts)
{
    char dir[] = "/tmp/mc-xlsxov-XXXXXX", a[64], b[64];
    two_books(dir, a, b, MC_XLSX_SMALL, MC_XLSX_STREAM);
    char *pa = parts(a, 0), *pb = parts(b, 1);
    cr_expect(!strcmp(pa, pb), "the parts differ");
    cr_expect_eq(first_part_level_bits(b), 3);
    free(pa);
    free(pb);
    two_books_remove(dir, a, b);
}

/* Closing fast on one thread leaves the next workbook closed the library's
 * way: the speed is per close. */
Test(xlsx_overrides, speed_is_per_close)
{
    char dir[] = "/tmp/mc-xlsxov-XXXXXX", a[64], b[64];
    two_books(dir, a, b, MC_XLSX_MEMORY, MC_XLSX_SMALL);
    cr_expect_eq(first_part_level_bits(a), 3);
    cr_expect_eq(first_part_level_bits(b), 0);
    two_books_remove(dir, a, b);
}
