/*
 * test_report_xlsx.c - the written workbook, read back from its XML.
 *
 * The report for tests/data/check-small (real SR28 values) against the
 * test norm set t_daily, group 7-10, on 2021-01-01:
 *
 *   Oatmeal (1 serving, 250 g) = 50 g oats 08120 + 200 g milk 01077, no losses
 *     energy  379 x 0.5 + 61 x 2    = 189.5 + 122 = 311.5 kcal
 *     calcium  52 x 0.5 + 113 x 2   = 26 + 226     = 252 mg
 *   Monday:  breakfast Oatmeal 250 g (311.5 kcal) + lunch apple 09003 100 g
 *            (52 kcal, vitamin C 4.6 mg) = 363.5 kcal
 *   Tuesday: Oatmeal 125 g (155.75) + apple 200 g (104) = 259.75 kcal,
 *            vitamin C 9.2 mg
 *   mean energy (363.5 + 259.75) / 2 = 311.625 kcal against the target
 *   2000 x 50..60 % = 1000..1200 (middle 1100): 28.3 %, low; verified: FAIL.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mealcheck/check.h"
#include "mealcheck/cooking.h"
#include "mealcheck/food_db.h"
#include "mealcheck/i18n.h"
#include "mealcheck/menu.h"
#include "mealcheck/recipe.h"
#include "mealcheck/report_xlsx.h"
#include "mealcheck/standard.h"
#include "mealcheck/version.h"
#include "xlsx_cells.h"

static struct mc_food_db *db;
static struct mc_cooking_set *cooking;
static struct mc_recipe_book *book;
static struct mc_menu *menu;
static struct mc_standard_set *set;
static struct mc_group_spec spec;
static struct mc_check *check;
static char dir[64];

static void setup(void)
{
    struct mc_err err = {0};
    const char *path = getenv("MC_TEST_DB");
    cr_assert_eq(mc_food_db_open(path && *path ? path : MC_FOOD_DB_DEFAULT, &db, &err),
                 MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_cooking_set_load("food_composition/cooking", &cooking, &err), MC_OK);
    cr_assert_eq(mc_recipe_book_load("tests/data/check-small/recipes.csv", db, cooking,
                                     &book, &err), MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_menu_load("tests/data/check-small/menu.csv", book, db, &menu, &err),
                 MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_standard_set_load("tests/data/standards-basic", &set, &err), MC_OK);
    const struct mc_standard *s = mc_standard_find(set, "t_daily");
    mc_group_spec_parse("7-10", &spec, NULL);
    struct mc_check_opts o = {.date = 20210101};
    cr_assert_eq(mc_check_run(menu, &s, 1, &spec, 1, &o, &check, &err), MC_OK, "%s",
                 mc_err_text(&err));
    snprintf(dir, sizeof dir, "/tmp/mc-report-XXXXXX");
    cr_assert(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
    mc_check_free(check);
    mc_group_spec_release(&spec);
    mc_standard_set_free(set);
    mc_menu_free(menu);
    mc_recipe_book_free(book);
    mc_cooking_set_free(cooking);
    mc_food_db_close(db);
}

TestSuite(report_xlsx, .init = setup, .fini = teardown);

static int str_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void write_report_fast(const char *path, int fast)
{
    struct mc_err err = {0};
    struct mc_food_db_provenance prov = {0};
    cr_assert_eq(mc_food_db_provenance(db, &prov, &err), MC_OK);
    struct mc_report rep = {.check = check, .book = book, .prov = &prov,
                            .title = "School No. 7, Almaty", .fast = fast};
    cr_assert_eq(mc_report_xlsx_write(&rep, path, &err), MC_OK, "%s", mc_err_text(&err));
    mc_food_db_provenance_release(&prov);
}

static void write_report(const char *path)
{
    write_report_fast(path, 0);
}

/* The report as dir/report.xlsx, its path in path. */
static void write_report_in_dir(char *path, size_t size)
{
    snprintf(path, size, "%s/report.xlsx", dir);
    write_report(path);
}

Test(report_xlsx, sheets_summary_and_formulas)
{
    char path[128];
    write_report_in_dir(path, sizeof path);
    char *wb = member(path, "xl/workbook.xml");
    cr_expect(strstr(wb, "<sheets><sheet name=\"Summary\" sheetId=\"1\" r:id=\"rId1\"/>"
                         "<sheet name=\"Days\" sheetId=\"2\" r:id=\"rId2\"/>"
                         "<sheet name=\"Dishes\" sheetId=\"3\" r:id=\"rId3\"/>"
                         "<sheet name=\"Recipes\" sheetId=\"4\" r:id=\"rId4\"/>"
                         "<sheet name=\"Data quality\" sheetId=\"5\" r:id=\"rId5\"/>"
                         "<sheet name=\"Sources\" sheetId=\"6\" r:id=\"rId6\"/>"
                         "<sheet name=\"Tech cards\" sheetId=\"7\" r:id=\"rId7\"/></sheets>"),
              "%s", wb);
    char *sst = member(path, "xl/sharedStrings.xml");
    char *sum = member(path, "xl/worksheets/sheet1.xml");
    struct cell c = cell(sum, sst, "B3");
    cr_expect_str_eq(c.value, "School No. 7, Almaty");
    cr_expect_str_eq(cell(sum, sst, "B6").value, "1 week, 2 days: week 1 Monday to week 1 Tuesday");
    cr_expect_str_eq(cell(sum, sst, "B8").value, "2021-01-01");
    /* t_daily gives its own meal shares; the summary says what norms were scaled to. */
    cr_expect_str_eq(cell(sum, sst, "B13").value, "t_daily: the menu's meals must cover "
                     "50-60 % of the daily norm (shares of the norm set)");
    cr_expect_str_eq(cell(sum, sst, "B12").value, "t_daily: decide (verified): Energy "
                     "(28 % of norm, low), Protein (% kcal), Saturated fat (% kcal), Sodium, "
                     "Iron (30 % of norm, low), Vitamin C (23 % of norm, low); only advise "
                     "(unverified): none");
    cr_expect_str_eq(cell(sum, sst, "B14").value, "the menu does NOT comply");
    /* The table: header on row 19, failing nutrients first, energy first. */
    cr_expect_str_eq(cell(sum, sst, "A19").value, "Standard");
    cr_expect_str_eq(cell(sum, sst, "C20").value, "Energy");
    cr_expect_float_eq(numat(sum, sst, "G20"), 1000, 1e-9);
    cr_expect_float_eq(numat(sum, sst, "H20"), 1200, 1e-9);
    cr_expect_float_eq(numat(sum, sst, "I20"), 311.625, 1e-9);
    cr_expect_float_eq(numat(sum, sst, "J20"), 311.625 / 1100, 1e-9);
    cr_expect_str_eq(cell(sum, sst, "K20").value, "low");
    cr_expect_str_eq(cell(sum, sst, "L20").value, "FAIL");
    cr_expect_str_eq(cell(sum, sst, "Q20").value, "r_energy");
    cr_expect_str_eq(cell(sum, sst, "R20").value, "yes");
    cr_expect_str_eq(cell(sum, sst, "S20").value, "kcal");
    /* Vitamin C: mean (4.6 + 9.2) / 2 = 6.9 mg against 60 x 50 % = 30. */
    cr_expect_str_eq(cell(sum, sst, "C21").value, "Iron", "nutrient order among failures");
    cr_expect_str_eq(cell(sum, sst, "C22").value, "Vitamin C");
    cr_expect_float_eq(numat(sum, sst, "I22"), 6.9, 1e-9);
    cr_expect_float_eq(numat(sum, sst, "G22"), 30, 1e-9);
    cr_expect(strstr(sum, "<autoFilter ref=\"A19:T"), "autofilter on the table");
    cr_expect(strstr(sum, "<pane ySplit=\"19\" topLeftCell=\"A20\""), "frozen header");
    cr_expect(strstr(sum, "<pageSetUpPr fitToPage=\"1\"/>"), "fit to the page");
    cr_expect(strstr(sum, "<pageSetup paperSize=\"9\" orientation=\"landscape\"/>"),
              "A4 landscape, one page wide and tall");
    cr_expect(strstr(sum, "<drawing r:id=\"rId1\"/>"), "the % of norm chart");
    char *chart = member(path, "xl/charts/chart1.xml");
    cr_expect(strstr(chart, "<c:barChart>"));
    cr_expect(strstr(chart, "<c:f>Summary!$J$20:$J$"), "%s", chart);

    /* Recipes: the oatmeal card, totals as formulas with cached values. */
    char *rc = member(path, "xl/worksheets/sheet4.xml");
    cr_expect_str_eq(cell(rc, sst, "A5").value, "08120");
    cr_expect_float_eq(numat(rc, sst, "E5"), 50, 1e-9);
    cr_expect_float_eq(numat(rc, sst, "I5"), 189.5, 1e-9);
    cr_expect_float_eq(numat(rc, sst, "I6"), 122, 1e-9);
    c = cell(rc, sst, "I7");
    cr_expect_str_eq(c.formula, "SUM(I5:I6)");
    cr_expect_float_eq(num(&c), 311.5, 1e-9);
    c = cell(rc, sst, "E7");
    cr_expect_str_eq(c.formula, "SUM(E5:E6)");
    cr_expect_float_eq(num(&c), 250, 1e-9);
    /* Calcium is column I + 14 = W. */
    c = cell(rc, sst, "W7");
    cr_expect_str_eq(c.formula, "SUM(W5:W6)");
    cr_expect_float_eq(num(&c), 252, 1e-9);
    c = cell(rc, sst, "I8");
    cr_expect_str_eq(c.formula, "I7/1");
    cr_expect_float_eq(num(&c), 311.5, 1e-9);
    c = cell(rc, sst, "I9");
    cr_expect_str_eq(c.formula, "I7/250*100");
    cr_expect_float_eq(num(&c), 124.6, 1e-9);

    /* Days: the norm rows (2-3), the header (4), then Monday breakfast, lunch and the day total;
     * energy is column E.  The day total (363.5) is below the 1000 kcal
     * minimum of a verified norm: highlighted red, like a failed status. */
    char *days = member(path, "xl/worksheets/sheet2.xml");
    cr_expect_str_eq(cell(days, sst, "A2").value, "norm min: t_daily, 7-10 (kids_7_10)");
    cr_expect_float_eq(numat(days, sst, "E2"), 1000, 1e-9);
    cr_expect_float_eq(numat(days, sst, "E3"), 1200, 1e-9);
    cr_expect_str_eq(cell(days, sst, "C4").value, "Meal");
    cr_expect_str_eq(cell(days, sst, "E4").value, "Energy (kcal)");
    cr_expect_str_eq(cell(days, sst, "C5").value, "breakfast");
    cr_expect_float_eq(numat(days, sst, "E5"), 311.5, 1e-9);
    cr_expect_str_eq(cell(days, sst, "C7").value, "day total");
    cr_expect_float_eq(numat(days, sst, "E7"), 363.5, 1e-9);
    const char *e7 = strstr(days, "<c r=\"E7\" s=\"");
    const char *e5 = strstr(days, "<c r=\"E5\" s=\"");
    cr_assert(e7 && e5);
    cr_expect_neq(atoi(e7 + 13), atoi(e5 + 13), "the failing day total has its own style");
    /* Data quality names the columns read from each file. */
    cr_expect(strstr(sst, "<t>recipe; servings; yield_g; cooking; food; gross_g; net_g</t>"),
              "%s", sst);
    cr_expect(strstr(sst, "<t>week; day; meal; dish; portion_g</t>"), "%s", sst);
    char *sources = member(path, "xl/worksheets/sheet6.xml");
    cr_expect(strstr(sources, "https://example.org/daily") || strstr(sst, "https://example.org/daily"));
    char *core = member(path, "docProps/core.xml");
    cr_expect(strstr(core, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2021-01-01T00:00:00Z</dcterms:created>"),
              "%s", core);
    cr_expect(strstr(core, "<dc:title>mealcheck compliance report</dc:title>"));
    free(core);
    free(sources);
    free(days);
    free(rc);
    free(chart);
    free(sum);
    free(sst);
    free(wb);
}

/* Printed, a sheet reads: the Summary on one A4 landscape page, narrow
 * sheets fitted to the width, wide ones (40 nutrient columns) at 70 %
 * across pages with their key columns and header row repeated; margins,
 * the title and page numbers on every page.  The chart shows what fails. */
Test(report_xlsx, print_setup_and_chart)
{
    char path[128];
    write_report_in_dir(path, sizeof path);
    char *wb = member(path, "xl/workbook.xml");
    /* The Summary prints up to its Coverage column (O): 18 info rows, the
     * header (19), 6 norm rows. */
    cr_expect(strstr(wb, "<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">"
                         "Summary!$A$1:$O$25</definedName>"), "%s", wb);
    cr_expect(strstr(wb, "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">"
                         "Summary!$19:$19</definedName>"), "%s", wb);
    cr_expect(strstr(wb, "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">"
                         "Days!$A:$D,Days!$4:$4</definedName>"), "%s", wb);
    cr_expect(strstr(wb, "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"2\">"
                         "Dishes!$A:$D,Dishes!$1:$1</definedName>"), "%s", wb);
    cr_expect(strstr(wb, "<definedName name=\"_xlnm.Print_Area\" localSheetId=\"2\">"
                         "Dishes!$A$1:$AS$5</definedName>"), "%s", wb);
    char *days = member(path, "xl/worksheets/sheet2.xml");
    cr_expect(!strstr(days, "fitToPage"), "a wide sheet is not squeezed to one page");
    cr_expect(strstr(days, "<pageSetup paperSize=\"9\" scale=\"70\" pageOrder="
                           "\"overThenDown\" orientation=\"landscape\"/>"), "%s", days);
    cr_expect(strstr(days, "<pageMargins left=\"0.4\" right=\"0.4\" top=\"0.6\" "
                           "bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"));
    cr_expect(strstr(days, "<headerFooter><oddHeader>&amp;L&amp;\"-,Bold\"School No. 7, "
                           "Almaty&amp;RDays</oddHeader><oddFooter>&amp;Lmealcheck "
                           MC_VERSION "&amp;CPage &amp;P of &amp;N</oddFooter></headerFooter>"),
              "%s", days);
    char *dq = member(path, "xl/worksheets/sheet5.xml");
    cr_expect(strstr(dq, "<pageSetUpPr fitToPage=\"1\"/>"));
    cr_expect(strstr(dq, "<pageSetup paperSize=\"9\" fitToHeight=\"0\" "
                         "orientation=\"landscape\"/>"), "narrow: one page wide");
    free(dq);
    free(days);
    free(wb);

    /* The % of norm chart shows what fails: each bar in the colour of its
     * status, in the Summary's order (failures first: energy, iron,
     * vitamin C red 9C0006, then a pass green 006100), growing from the
     * norm, where the category axis crosses the value axis at 100 %. */
    char *chart = member(path, "xl/charts/chart1.xml");
    for (int i = 0; i < 4; i++) {
        char dpt[160];
        snprintf(dpt, sizeof dpt, "<c:dPt><c:idx val=\"%d\"/><c:spPr><a:solidFill><a:srgbClr "
                 "val=\"%s\"/></a:solidFill></c:spPr></c:dPt>", i, i < 3 ? "9C0006" : "006100");
        cr_expect(strstr(chart, dpt), "%s", dpt);
    }
    cr_expect(strstr(chart, "<c:crossesAt val=\"1\"/>"), "%s", chart);
    free(chart);
}

/* The technological card of Oatmeal in the CIS layout: raw materials
 * with gross and net per portion and per batch, the yield, and per
 * portion (250 g) energy 311.5 kcal and calcium 252 mg (header comment);
 * portrait A4, a page per card. */
Test(report_xlsx, tech_card)
{
    char path[128];
    write_report_in_dir(path, sizeof path);
    char *sst = member(path, "xl/sharedStrings.xml");
    char *tc = member(path, "xl/worksheets/sheet7.xml");
    cr_expect_str_eq(cell(tc, sst, "A1").value, "Технологическая карта № 1");
    cr_expect_str_eq(cell(tc, sst, "A2").value, "Наименование блюда: Oatmeal");
    cr_expect_str_eq(cell(tc, sst, "A3").value, "Выход 1 порции: 250 г; порций: 1; "
                                                "кулинарная обработка (профиль потерь): без потерь");
    cr_expect_str_eq(cell(tc, sst, "C5").value, "на 1 порцию");
    cr_expect_str_eq(cell(tc, sst, "B6").value, "Наименование сырья");
    cr_expect_str_eq(cell(tc, sst, "C6").value, "Брутто, г");
    cr_expect_str_eq(cell(tc, sst, "D6").value, "Нетто, г");
    cr_expect(str_starts_with(cell(tc, sst, "B7").value, "08120 Cereals, oats"),
              "%s", cell(tc, sst, "B7").value);
    cr_expect_float_eq(numat(tc, sst, "C7"), 50, 1e-9);
    cr_expect_float_eq(numat(tc, sst, "D8"), 200, 1e-9);
    cr_expect_str_eq(cell(tc, sst, "B9").value, "Выход");
    cr_expect_float_eq(numat(tc, sst, "D9"), 250, 1e-9);
    cr_expect_str_eq(cell(tc, sst, "E12").value, "Энергетическая ценность, ккал");
    cr_expect_float_eq(numat(tc, sst, "E13"), 311.5, 1e-9);
    cr_expect_str_eq(cell(tc, sst, "B14").value, "Ca, мг");
    cr_expect_float_eq(numat(tc, sst, "B15"), 252, 1e-9);
    cr_expect(strstr(tc, "<pageSetup paperSize=\"9\" fitToHeight=\"0\" "
                         "orientation=\"portrait\"/>"), "%s", tc);
    free(tc);
    free(sst);
}

/* The same inputs give the same file, byte for byte. */
Test(report_xlsx, deterministic)
{
    char a[128], b[128], cmd[300];
    snprintf(a, sizeof a, "%s/a.xlsx", dir);
    snprintf(b, sizeof b, "%s/b.xlsx", dir);
    write_report(a);
    write_report(b);
    snprintf(cmd, sizeof cmd, "cmp -s %s %s", a, b);
    cr_expect_eq(system(cmd), 0);
}

/* Workbooks close on several threads at once, and libxlsxwriter formats
 * their creation time with gmtime(): each thread gets its own result
 * (xlsx_overrides.c), so one thread's date never shows in another's
 * workbook.  Each thread converts its own time over and over and counts
 * the results that are not its date (with one result per process, the
 * other thread's overwrite them). */
struct gm_arg {
    time_t t;
    int year, mday;
    long wrong;
};

static void *gm_loop(void *p)
{
    struct gm_arg *a = p;
    for (int i = 0; i < 200000; i++) {
        const struct tm *tm = gmtime(&a->t);
        a->wrong += tm->tm_year != a->year || tm->tm_mday != a->mday;
    }
    return NULL;
}

Test(report_gmtime, one_result_per_thread)
{
    /* 2021-01-01 and 2026-09-15, UTC */
    struct gm_arg a = {1609459200, 121, 1, 0}, b = {1789430400, 126, 15, 0};
    pthread_t ta, tb;
    cr_assert_eq(pthread_create(&ta, NULL, gm_loop, &a), 0);
    cr_assert_eq(pthread_create(&tb, NULL, gm_loop, &b), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    cr_expect_eq(a.wrong, 0, "2021-01-01 read as another date %ld times", a.wrong);
    cr_expect_eq(b.wrong, 0, "2026-09-15 read as another date %ld times", b.wrong);
}

/* An audit's workbooks are closed for speed (parts in memory, libdeflate
 * level 1): the same parts, byte for byte, in a file unzip finds sound.
 * tests/unit/test_xlsx_overrides.c checks each part's method and CRC. */
Test(report_xlsx, fast_compression_same_parts)
{
    char a[128], b[128], cmd[1200];
    snprintf(a, sizeof a, "%s/a.xlsx", dir);
    snprintf(b, sizeof b, "%s/b.xlsx", dir);
    write_report_fast(a, 0);
    write_report_fast(b, 1);
    snprintf(cmd, sizeof cmd, "unzip -tqq %s && unzip -p %s 'xl/*' > %s/a.xml && "
             "unzip -p %s 'xl/*' > %s/b.xml && cmp -s %s/a.xml %s/b.xml",
             b, a, dir, b, dir, dir, dir);
    cr_expect_eq(system(cmd), 0, "%s", cmd);
}

/* An unwritable target fails cleanly and leaves no file behind. */
Test(report_xlsx, failure_leaves_nothing)
{
    char path[128], cmd[200];
    struct mc_err err = {0};
    struct mc_report rep = {.check = check};
    snprintf(path, sizeof path, "%s/missing/report.xlsx", dir);
    cr_expect_eq(mc_report_xlsx_write(&rep, path, &err), MC_ERR_INPUT);
    char want[256];
    snprintf(want, sizeof want, "%s: cannot write: No such file or directory\n", path);
    cr_expect_str_eq(mc_err_text(&err), want);
    mc_err_release(&err);
    /* Only the first report exists in the directory after a good write. */
    snprintf(path, sizeof path, "%s/ok.xlsx", dir);
    cr_expect_eq(mc_report_xlsx_write(&rep, path, &err), MC_OK);
    snprintf(cmd, sizeof cmd, "test \"$(ls %s)\" = ok.xlsx", dir);
    cr_expect_eq(system(cmd), 0, "no temporary file left");
}

/* A catalogue for lang in dir/locale that names one sheet as translators
 * might get it wrong. */
static void bad_catalogue(const char *lang, const char *msgid, const char *msgstr)
{
    char po[128], cmd[512];
    snprintf(po, sizeof po, "%s/%s.po", dir, lang);
    FILE *f = fopen(po, "w");
    cr_assert(f);
    fprintf(f, "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
               "msgid \"%s\"\nmsgstr \"%s\"\n", msgid, msgstr);
    fclose(f);
    snprintf(cmd, sizeof cmd, "mkdir -p %s/locale/%s/LC_MESSAGES && msgfmt -o "
             "%s/locale/%s/LC_MESSAGES/mealcheck.mo %s && rm %s", dir, lang, dir, lang, po, po);
    cr_assert_eq(system(cmd), 0);
}

/* A sheet name Excel refuses (a translation naming Days as Summary; one
 * over 31 characters) fails the write with the sheet and libxlsxwriter's
 * reason, and leaves neither the report nor its temporary file. */
Test(report_xlsx, refused_sheet_name_fails_and_leaves_nothing)
{
    static const struct {
        const char *lang, *msgid, *msgstr, *why;
    } cases[] = {
        {"ru", "Days", "Summary", "sheet 'Summary': Worksheet name is already in use."},
        {"kk", "Dishes", "Мәзірдегі тағамдар мен олардың порциялары",
         "sheet 'Мәзірдегі тағамдар мен олардың порциялары': Worksheet name exceeds "
         "Excel's limit of 31 characters."},
    };
    char locale[96], path[128], want[512], cmd[200];
    snprintf(locale, sizeof locale, "%s/locale", dir);
    snprintf(path, sizeof path, "%s/report.xlsx", dir);
    struct mc_food_db_provenance prov = {0};
    struct mc_err err = {0};
    cr_assert_eq(mc_food_db_provenance(db, &prov, &err), MC_OK);
    struct mc_report rep = {.check = check, .book = book, .prov = &prov};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bad_catalogue(cases[i].lang, cases[i].msgid, cases[i].msgstr);
        cr_assert_eq(mc_i18n_set(cases[i].lang, locale, &err), MC_OK, "%s", mc_err_text(&err));
        cr_expect_eq(mc_report_xlsx_write(&rep, path, &err), MC_ERR_IO, "case %zu", i);
        snprintf(want, sizeof want, "%s: cannot write the workbook: %s\n", path,
                 cases[i].why);
        cr_expect_str_eq(mc_err_text(&err), want, "case %zu", i);
        mc_err_release(&err);
        snprintf(cmd, sizeof cmd, "test \"$(ls %s)\" = locale", dir);
        cr_expect_eq(system(cmd), 0, "case %zu: a file is left", i);
    }
    mc_i18n_set("en", locale, &err);
    mc_food_db_provenance_release(&prov);
}

/* A nutrient no ingredient of a card has a value for is unknown in its
 * totals too, not 0: SR28 has no iodine, so the oatmeal's iodine column
 * (I + 22 = AE) is a grey blank on the ingredient rows (5, 6) and on the
 * total, per portion and per 100 g rows (7-9), with no SUM that would show
 * 0 µg. */
Test(report_xlsx, unknown_recipe_totals_stay_blank)
{
    char path[128];
    write_report_in_dir(path, sizeof path);
    char *sst = member(path, "xl/sharedStrings.xml");
    char *rc = member(path, "xl/worksheets/sheet4.xml");
    const char *grey = strstr(rc, "<c r=\"AE5\" s=\"");
    cr_assert(grey);
    int style = atoi(grey + 14);
    const char *refs[] = {"AE6", "AE7", "AE8", "AE9"};
    for (size_t i = 0; i < sizeof refs / sizeof *refs; i++) {
        struct cell c = cell(rc, sst, refs[i]);
        cr_expect_str_eq(c.formula, "", "%s", refs[i]);
        cr_expect_str_eq(c.value, "", "%s", refs[i]);
        char key[32];
        snprintf(key, sizeof key, "<c r=\"%s\" s=\"", refs[i]);
        const char *p = strstr(rc, key);
        cr_assert(p, "%s", refs[i]);
        cr_expect_eq(atoi(p + strlen(key)), style, "%s is grey like AE5", refs[i]);
    }
    /* Vitamin B12 (column AR), known for both foods, is still a SUM. */
    cr_expect_str_eq(cell(rc, sst, "AR7").formula, "SUM(AR5:AR6)");
    free(rc);
    free(sst);
}

/* The Days sheet gives the grams a child is served, not the net ingredient
 * weight behind the nutrients (tests/data/report-served):
 *   Porridge: 100 g oats + 400 g milk = 500 g net, yield 400 g for 2
 *   servings: a 200 g portion is 250 g of ingredients;
 *   energy (379 + 61 x 4) / 400 x 200 = 623 / 2 = 311.5 kcal.
 *   breakfast: Porridge, its portion: 200 g served
 *   lunch (weighted, 100 meals): apple 150 g x 60 + Porridge 100 g x 40:
 *     150 x 0.6 + 100 x 0.4 = 90 + 40 = 130 g served
 *     (ingredients 90 + 125 x 0.4 = 140 g);
 *     energy 52 x 1.5 x 0.6 + 155.75 x 0.4 = 46.8 + 62.3 = 109.1 kcal
 *   day: 330 g served, 420.6 kcal. */
Test(report_xlsx, days_sheet_gives_served_grams)
{
    struct mc_err err = {0};
    struct mc_recipe_book *b = NULL;
    struct mc_menu *m = NULL;
    struct mc_check *c = NULL;
    cr_assert_eq(mc_recipe_book_load("tests/data/report-served/recipes.csv", db, cooking,
                                     &b, &err), MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_menu_load("tests/data/report-served/menu.csv", b, db, &m, &err), MC_OK,
                 "%s", mc_err_text(&err));
    const struct mc_standard *s = mc_standard_find(set, "t_daily");
    struct mc_check_opts o = {.date = 20210101};
    cr_assert_eq(mc_check_run(m, &s, 1, &spec, 1, &o, &c, &err), MC_OK, "%s", mc_err_text(&err));
    char path[128];
    snprintf(path, sizeof path, "%s/served.xlsx", dir);
    struct mc_food_db_provenance prov = {0};
    cr_assert_eq(mc_food_db_provenance(db, &prov, &err), MC_OK);
    struct mc_report rep = {.check = c, .book = b, .prov = &prov, .title = "served"};
    cr_assert_eq(mc_report_xlsx_write(&rep, path, &err), MC_OK, "%s", mc_err_text(&err));
    mc_food_db_provenance_release(&prov);

    char *sst = member(path, "xl/sharedStrings.xml");
    char *days = member(path, "xl/worksheets/sheet2.xml");
    /* t_daily's norm rows take rows 2-3, the header row 4. */
    cr_expect_str_eq(cell(days, sst, "D4").value, "Served (g)");
    cr_expect_str_eq(cell(days, sst, "C5").value, "breakfast");
    cr_expect_float_eq(numat(days, sst, "D5"), 200, 1e-9);
    cr_expect_float_eq(numat(days, sst, "E5"), 311.5, 1e-9);
    cr_expect_str_eq(cell(days, sst, "C6").value, "lunch");
    cr_expect_float_eq(numat(days, sst, "D6"), 130, 1e-9);
    cr_expect_float_eq(numat(days, sst, "E6"), 109.1, 1e-9);
    cr_expect_str_eq(cell(days, sst, "C7").value, "day total");
    cr_expect_float_eq(numat(days, sst, "D7"), 330, 1e-9);
    cr_expect_float_eq(numat(days, sst, "E7"), 420.6, 1e-9);
    free(days);
    free(sst);
    mc_check_free(c);
    mc_menu_free(m);
    mc_recipe_book_free(b);
}

/* The Food sets sheet for tests/data/food-set against t_set, 7-10 years
 * (grams worked out in tests/unit/test_food_set.c): oats 50 g on Monday and
 * 100 g on Tuesday, total 150, average 75 against 100 g: 75 %, low. */
static const char *fs_group_of(void *ctx, const char *id)
{
    struct mc_food *f = NULL;
    mc_food_db_get(db, id, &f, NULL);
    cr_assert(f, "food %s", id);
    struct mc_food **held = ctx;
    while (*held)
        held++;
    *held = f;
    return f->group;
}

Test(report_xlsx, food_sets_sheet)
{
    struct mc_err err = {0};
    struct mc_recipe_book *b = NULL;
    struct mc_menu *m = NULL;
    struct mc_check *c = NULL;
    struct mc_food_map *map = NULL;
    struct mc_food_norm *norm = NULL;
    struct mc_food_set *fs = NULL;
    struct mc_food *held[32] = {0};
    cr_assert_eq(mc_recipe_book_load("tests/data/food-set/recipes.csv", db, cooking, &b,
                                     &err), MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_menu_load("tests/data/food-set/menu.csv", b, db, &m, &err), MC_OK);
    const struct mc_standard *s = mc_standard_find(set, "t_daily");
    struct mc_check_opts o = {.date = 20210101};
    cr_assert_eq(mc_check_run(m, &s, 1, &spec, 1, &o, &c, &err), MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_food_map_load("food_composition/food_sets/food_groups.csv", &map, &err),
                 MC_OK);
    cr_assert_eq(mc_food_norm_load("tests/data/food-set/norms", "t_set", &norm, &err), MC_OK);
    struct mc_food_set_opts fo = {.age_min = 7, .age_max = 10, .share_lo = 100,
                                  .share_hi = 100, .group_of = fs_group_of, .ctx = held};
    cr_assert_eq(mc_food_set_run(m, norm, map, &fo, &fs, &err), MC_OK, "%s", mc_err_text(&err));
    char path[128];
    snprintf(path, sizeof path, "%s/food.xlsx", dir);
    struct mc_report rep = {.check = c, .book = b, .title = "food", .food_set = fs};
    cr_assert_eq(mc_report_xlsx_write(&rep, path, &err), MC_OK, "%s", mc_err_text(&err));

    char *wbk = member(path, "xl/workbook.xml");
    cr_expect(strstr(wbk, "<sheet name=\"Food sets\" sheetId=\"7\""), "%s", wbk);
    char *sst = member(path, "xl/sharedStrings.xml");
    char *sh = member(path, "xl/worksheets/sheet7.xml");
    cr_expect_str_eq(cell(sh, sst, "A1").value,
                     "Food set t_set, group t_7_11 (7-11 years): DOES NOT COMPLY");
    cr_expect_str_eq(cell(sh, sst, "A4").value, "Food group");
    cr_expect_str_eq(cell(sh, sst, "C4").value, "W1 Monday");
    cr_expect_str_eq(cell(sh, sst, "D4").value, "W1 Tuesday");
    cr_expect_str_eq(cell(sh, sst, "E4").value, "Total (g)");
    cr_expect_str_eq(cell(sh, sst, "A5").value, "cereals_legumes");
    cr_expect_str_eq(cell(sh, sst, "B5").value, "Крупы, бобовые");
    cr_expect_float_eq(numat(sh, sst, "C5"), 50, 1e-9);
    cr_expect_float_eq(numat(sh, sst, "D5"), 100, 1e-9);
    struct mc_cell_pair { const char *ref, *formula; double v; } f[] = {
        {"E5", "SUM(C5:D5)", 150}, {"F5", "E5/2", 75}};
    for (size_t i = 0; i < 2; i++) {
        struct cell x = cell(sh, sst, f[i].ref);
        cr_expect_str_eq(x.formula, f[i].formula);
        cr_expect_float_eq(num(&x), f[i].v, 1e-9);
    }
    cr_expect_float_eq(numat(sh, sst, "G5"), 100, 1e-9);
    cr_expect_float_eq(numat(sh, sst, "J5"), 0.75, 1e-9);
    cr_expect_str_eq(cell(sh, sst, "K5").value, "low");
    cr_expect_str_eq(cell(sh, sst, "L5").value, "yes");
    cr_expect_str_eq(cell(sh, sst, "M5").value, "https://example.org/t");
    cr_expect_str_eq(cell(sh, sst, "A12").value, "vegetables");
    cr_expect_float_eq(numat(sh, sst, "E12"), 45, 1e-9);
    cr_expect_str_eq(cell(sh, sst, "K12").value, "no norm");
    cr_expect_str_eq(cell(sh, sst, "A14").value, "Food id");
    cr_expect_str_eq(cell(sh, sst, "A15").value, "18069");
    cr_expect_str_eq(cell(sh, sst, "C15").value, "bread_wheat");
    cr_expect_float_eq(numat(sh, sst, "D15"), 60, 1e-9);
    free(sh);
    free(sst);
    free(wbk);
    for (size_t i = 0; held[i]; i++)
        mc_food_free(held[i]);
    mc_food_set_free(fs);
    mc_food_norm_free(norm);
    mc_food_map_free(map);
    mc_check_free(c);
    mc_menu_free(m);
    mc_recipe_book_free(b);
}

/* Costs in the report (tests/data/prices, worked out in
 * tests/e2e/test_check_cli.c): the Summary's line against the budget, a
 * cost per meal and day on Days (Tuesday's 210 over the budget of 150, in
 * red), a price per dish on Dishes, the cost of the card. */
Test(report_xlsx, costs)
{
    struct mc_err err = {0};
    struct mc_recipe_book *pb;
    struct mc_menu *pm;
    struct mc_check *pc;
    cr_assert_eq(mc_recipe_book_load("tests/data/prices/recipes.csv", db, cooking, &pb,
                                     &err), MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_menu_load("tests/data/prices/menu.csv", pb, db, &pm, &err), MC_OK,
                 "%s", mc_err_text(&err));
    const struct mc_standard *s = mc_standard_find(set, "t_daily");
    struct mc_check_opts o = {.date = 20210101};
    cr_assert_eq(mc_check_run(pm, &s, 1, &spec, 1, &o, &pc, &err), MC_OK, "%s", mc_err_text(&err));
    char path[128];
    snprintf(path, sizeof path, "%s/costs.xlsx", dir);
    struct mc_report rep = {.check = pc, .book = pb, .budget = 150, .currency = "KZT"};
    cr_assert_eq(mc_report_xlsx_write(&rep, path, &err), MC_OK, "%s", mc_err_text(&err));
    char *sst = member(path, "xl/sharedStrings.xml");
    char *sum = member(path, "xl/worksheets/sheet1.xml");
    cr_expect_str_eq(cell(sum, sst, "A11").value, "Cost per child a day");
    cr_expect_str_eq(cell(sum, sst, "B11").value, "mean 168.00 KZT; budget 150.00 KZT: "
                                                  "1 of 2 days over");
    char *days = member(path, "xl/worksheets/sheet2.xml");
    cr_expect_str_eq(cell(days, sst, "AO4").value, "Cost");
    cr_expect_float_eq(numat(days, sst, "AO5"), 65, 1e-9);
    cr_expect_float_eq(numat(days, sst, "AO6"), 61, 1e-9);
    cr_expect_float_eq(numat(days, sst, "AO7"), 126, 1e-9);
    cr_expect_float_eq(numat(days, sst, "AO10"), 210, 1e-9);
    const char *mon = strstr(days, "<c r=\"AO7\" s=\""), *tue = strstr(days, "<c r=\"AO10\" s=\"");
    cr_assert(mon && tue);
    cr_expect_neq(atoi(mon + 14), atoi(tue + 15), "the day over budget has its own style");
    char *dishes = member(path, "xl/worksheets/sheet3.xml");
    cr_expect_str_eq(cell(dishes, sst, "AS1").value, "Price");
    cr_expect_float_eq(numat(dishes, sst, "AS2"), 65, 1e-9);
    cr_expect_float_eq(numat(dishes, sst, "AS4"), 25, 1e-9);
    char *tc = member(path, "xl/worksheets/sheet7.xml");
    cr_expect_str_eq(cell(tc, sst, "B10").value, "Стоимость");
    cr_expect_float_eq(numat(tc, sst, "D10"), 130, 1e-9);
    free(tc);
    free(dishes);
    free(days);
    free(sum);
    free(sst);
    mc_check_free(pc);
    mc_menu_free(pm);
    mc_recipe_book_free(pb);
}

/* The text of cell ref of sheet, "" when it is not written. */
static const char *text_at(const char *sheet, const char *sst, const char *ref,
                           struct cell *c)
{
    char key[32];
    snprintf(key, sizeof key, "<c r=\"%s\"", ref);
    *c = strstr(sheet, key) ? cell(sheet, sst, ref) : (struct cell){"", ""};
    return c->value;
}

/* The warnings of loading (what was typed) are listed on the Data quality
 * sheet, the place (file:line:col, a workbook's sheet in brackets) apart
 * from the message. */
Test(report_xlsx, data_quality_lists_the_warnings)
{
    char path[128];
    snprintf(path, sizeof path, "%s/warn.xlsx", dir);
    struct mc_err err = {0};
    struct mc_report rep = {
        .check = check, .book = book,
        .warnings = "техкарты.xlsx[Лист 1]:2:3: recipe 'Плов': the yield, 200 g, is 976 "
                    "times the sum of its net weights, 0.205 g\n"
                    "menu.csv:5:5: soup 'Суп': a portion of 20 g is implausible\n"};
    cr_assert_eq(mc_report_xlsx_write(&rep, path, &err), MC_OK, "%s", mc_err_text(&err));
    char *sst = member(path, "xl/sharedStrings.xml");
    char *dq = member(path, "xl/worksheets/sheet5.xml");
    struct cell c;
    char ref[16];
    int row = 0;
    for (int r = 1; r < 500 && !row; r++) {
        snprintf(ref, sizeof ref, "A%d", r);
        if (!strcmp(text_at(dq, sst, ref, &c), "Warnings on what was typed (check these cells)"))
            row = r;
    }
    cr_assert(row, "a Warnings section");
    snprintf(ref, sizeof ref, "B%d", row + 1);
    cr_expect_str_eq(text_at(dq, sst, ref, &c), "Warning");
    snprintf(ref, sizeof ref, "A%d", row + 2);
    cr_expect_str_eq(text_at(dq, sst, ref, &c), "техкарты.xlsx[Лист 1]:2:3");
    snprintf(ref, sizeof ref, "B%d", row + 2);
    cr_expect_str_eq(text_at(dq, sst, ref, &c), "recipe 'Плов': the yield, 200 g, is 976 "
                     "times the sum of its net weights, 0.205 g");
    snprintf(ref, sizeof ref, "A%d", row + 3);
    cr_expect_str_eq(text_at(dq, sst, ref, &c), "menu.csv:5:5");
    snprintf(ref, sizeof ref, "B%d", row + 3);
    cr_expect_str_eq(text_at(dq, sst, ref, &c), "soup 'Суп': a portion of 20 g is implausible");
    free(dq);
    free(sst);
}

/* An audit's school report shows the cards its menu serves and the
 * sub-recipes they use, at any depth, in book order; not the rest of the
 * book (tests/data/report-book: Oatmeal -> Milk base -> Sugar syrup served;
 * Compote -> Cherry syrup not).  Recipes sheet rows: a block is a title, a
 * header, its ingredients, three total rows and a blank one. */
Test(report_served_only, cards_of_the_menu_and_their_sub_recipes)
{
    struct mc_err err = {0};
    struct mc_food_db *fdb;
    struct mc_cooking_set *cs;
    struct mc_recipe_book *b;
    struct mc_menu *m;
    struct mc_standard_set *ss;
    struct mc_group_spec g;
    struct mc_check *c;
    const char *env = getenv("MC_TEST_DB");
    cr_assert_eq(mc_food_db_open(env && *env ? env : MC_FOOD_DB_DEFAULT, &fdb, &err), MC_OK);
    cr_assert_eq(mc_cooking_set_load("food_composition/cooking", &cs, &err), MC_OK);
    cr_assert_eq(mc_recipe_book_load("tests/data/report-book/recipes.csv", fdb, cs, &b,
                                     &err), MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_menu_load("tests/data/report-book/menu.csv", b, fdb, &m, &err), MC_OK,
                 "%s", mc_err_text(&err));
    cr_assert_eq(mc_standard_set_load("tests/data/standards-basic", &ss, &err), MC_OK);
    const struct mc_standard *s = mc_standard_find(ss, "t_daily");
    mc_group_spec_parse("7-10", &g, NULL);
    struct mc_check_opts o = {.date = 20210101};
    cr_assert_eq(mc_check_run(m, &s, 1, &g, 1, &o, &c, &err), MC_OK, "%s", mc_err_text(&err));
    char d[] = "/tmp/mc-served-XXXXXX", path[64], cmd[64];
    cr_assert(mkdtemp(d));
    snprintf(path, sizeof path, "%s/school.xlsx", d);

    struct mc_report rep = {.check = c, .book = b, .title = "School", .served_only = 1};
    cr_assert_eq(mc_report_xlsx_write(&rep, path, &err), MC_OK, "%s", mc_err_text(&err));
    char *sst = member(path, "xl/sharedStrings.xml");
    char *rc = member(path, "xl/worksheets/sheet4.xml");
    cr_expect(str_starts_with(cell(rc, sst, "A3").value, "Sugar syrup: 1 servings"));
    cr_expect(str_starts_with(cell(rc, sst, "A10").value, "Oatmeal: 1 servings"));
    cr_expect(str_starts_with(cell(rc, sst, "A18").value, "Milk base: 1 servings"));
    cr_expect_null(strstr(sst, "Compote"), "a card the menu does not serve");
    cr_expect_null(strstr(sst, "Cherry syrup"), "a sub-recipe of a card not served");
    cr_expect_null(strstr(rc, "r=\"A26\""), "three blocks only");
    free(rc);
    free(sst);

    rep.served_only = 0;
    cr_assert_eq(mc_report_xlsx_write(&rep, path, &err), MC_OK, "%s", mc_err_text(&err));
    sst = member(path, "xl/sharedStrings.xml");
    rc = member(path, "xl/worksheets/sheet4.xml");
    cr_expect(str_starts_with(cell(rc, sst, "A18").value, "Compote: 1 servings"),
              "the whole book, in its order");
    cr_expect(strstr(sst, "Cherry syrup: 1 servings"));
    free(rc);
    free(sst);

    snprintf(cmd, sizeof cmd, "rm -rf %s", d);
    cr_expect_eq(system(cmd), 0);
    mc_check_free(c);
    mc_group_spec_release(&g);
    mc_standard_set_free(ss);
    mc_menu_free(m);
    mc_recipe_book_free(b);
    mc_cooking_set_free(cs);
    mc_food_db_close(fdb);
    mc_err_release(&err);
}
