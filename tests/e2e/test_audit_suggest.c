/*
 * test_audit_suggest.c - `audit --per-school DIR --suggest`: the workbook
 * of each school whose menu does not comply has the Suggestions sheet of
 * `mealcheck suggest` for its menu, norms, groups and meal shares.
 *
 * ALM-004 of the sample manifest (week 2, us_dri, 14 boys and 12 girls
 * aged 9-13, breakfast 20-25 %, lunch 30-35 %) cannot be fixed within
 * +-25 %: vitamin D and calcium fall short and saturated fat stays over,
 * each even alone, as `suggest` says for the same files.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "../unit/xlsx_cells.h"
#include "harness.h"

#define MANIFEST "menus/audit/schools.csv"
#define BOOK "menus/recipes.csv"
#define DATE "2025-09-01"

static json_t *cli_conflicts(void)
{
    struct run r;
    run_mc(&r, "suggest", "--recipes", BOOK, "--menu", "menus/audit/menus/week2.csv",
           "--standard", "us_dri", "--group", "14 boys and 12 girls aged 9-13",
           "--meal-share", "breakfast=20-25", "--meal-share", "lunch=30-35", "--date", DATE,
           "--format", "json", NULL);
    cr_assert_eq(r.status, 3, "%s", r.err);
    json_t *doc = json_loads(r.out, 0, NULL);
    cr_assert(doc, "%s", r.out);
    run_free(&r);
    json_t *c = json_incref(json_object_get(doc, "conflicts"));
    json_decref(doc);
    return c;
}

Test(audit_suggest, failing_school_has_the_suggestions_sheet)
{
    char dir[] = "/tmp/mc-audsug-XXXXXX", path[96], cmd[128];
    cr_assert(mkdtemp(dir));
    struct run r;
    run_mc(&r, "audit", MANIFEST, "--recipes", BOOK, "--date", DATE, "--per-school", dir,
           "--suggest", "--jobs", "2", NULL);
    cr_expect_eq(r.status, 4, "%s", r.err);
    run_free(&r);

    snprintf(path, sizeof path, "%s/ALM-004.xlsx", dir);
    char *wb = member(path, "xl/workbook.xml");
    cr_expect(str_has(wb, "<sheet name=\"Summary\" sheetId=\"1\" r:id=\"rId1\"/>"
                          "<sheet name=\"Suggestions\" sheetId=\"2\" r:id=\"rId2\"/>"),
              "%s", wb);
    char *sst = member(path, "xl/sharedStrings.xml");
    char *ws = member(path, "xl/worksheets/sheet2.xml");
    cr_expect_str_eq(cell(ws, sst, "A2").value, "No change within the bounds makes the "
                                                "menu comply; these norms cannot be met "
                                                "together");
    /* Row by row the conflicts of `suggest --format json`, in its order. */
    json_t *conf = cli_conflicts();
    cr_assert_eq(json_array_size(conf), 3);
    static const char *const names[] = {"Vitamin D", "Calcium",
                                        "% energy from Saturated fat"};
    for (size_t i = 0; i < 3; i++) {
        json_t *c = json_array_get(conf, i);
        char ref[8];
        snprintf(ref, sizeof ref, "A%zu", 6 + i);
        cr_expect_float_eq(numat(ws, sst, ref), (double)json_integer_value(
                               json_object_get(c, "set")), 1e-9);
        snprintf(ref, sizeof ref, "B%zu", 6 + i);
        cr_expect_str_eq(cell(ws, sst, ref).value, "us_dri");
        snprintf(ref, sizeof ref, "C%zu", 6 + i);
        cr_expect_str_eq(cell(ws, sst, ref).value, "14 boys and 12 girls aged 9-13");
        snprintf(ref, sizeof ref, "D%zu", 6 + i);
        cr_expect_str_eq(cell(ws, sst, ref).value, names[i]);
        snprintf(ref, sizeof ref, "G%zu", 6 + i);
        cr_expect_str_eq(cell(ws, sst, ref).value, i == 2 ? "at most" : "at least");
        static const char cols[] = "HIJ";
        static const char *const keys[] = {"bound", "reach", "shortfall"};
        for (size_t k = 0; k < 3; k++) {
            snprintf(ref, sizeof ref, "%c%zu", cols[k], 6 + i);
            cr_expect_float_eq(numat(ws, sst, ref),
                               json_number_value(json_object_get(c, keys[k])), 1e-9,
                               "%s", ref);
        }
    }
    /* By hand from the text of `suggest`: 7.5 ug of vitamin D, 2.5 at best;
     * 650 mg of calcium, 418 at best; saturated fat 10 % at most, 10.9. */
    cr_expect_float_eq(numat(ws, sst, "H6"), 7.5, 1e-9);
    cr_expect_float_eq(numat(ws, sst, "I6"), 2.49, 0.005);
    cr_expect_float_eq(numat(ws, sst, "H7"), 650, 1e-9);
    cr_expect_float_eq(numat(ws, sst, "I7"), 417.5, 0.05);
    cr_expect_float_eq(numat(ws, sst, "I8"), 10.9, 0.005);
    json_decref(conf);
    free(ws);
    free(sst);
    free(wb);

    /* A school whose menu does not fail (ALM-001: cannot be decided) has
     * no Suggestions sheet. */
    snprintf(path, sizeof path, "%s/ALM-001.xlsx", dir);
    wb = member(path, "xl/workbook.xml");
    cr_expect(!str_has(wb, "Suggestions"), "%s", wb);
    free(wb);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

Test(audit_suggest, without_suggest_no_sheet)
{
    char dir[] = "/tmp/mc-audsug-XXXXXX", path[96], cmd[128];
    cr_assert(mkdtemp(dir));
    struct run r;
    run_mc(&r, "audit", MANIFEST, "--recipes", BOOK, "--date", DATE, "--per-school", dir,
           "--jobs", "2", NULL);
    run_free(&r);
    snprintf(path, sizeof path, "%s/ALM-004.xlsx", dir);
    char *wb = member(path, "xl/workbook.xml");
    cr_expect(!str_has(wb, "Suggestions"), "%s", wb);
    free(wb);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

Test(audit_suggest, needs_per_school)
{
    struct run r;
    run_mc(&r, "audit", MANIFEST, "--recipes", BOOK, "--suggest", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: --suggest adds a sheet to each school's "
                                "workbook: give --per-school DIR too\nusage: "), "%s", r.err);
    run_free(&r);
}
