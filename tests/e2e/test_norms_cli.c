/*
 * test_norms_cli.c - norm sets judged end to end: the rows added for issue
 * 8, MR 2.3.1.0253-21 for a mixed class, a superseded act, and a user's own
 * folder of sets (CSV and .xlsx) with `standards check`.
 *
 * tests/data/norms-sodium/menu.csv, one Monday lunch: table salt 02047 5 g
 * (38758 mg sodium/100 g = 1937.9 mg) + apple 09003 200 g (1 mg/100 g =
 * 2 mg) = 1939.9 mg sodium.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "harness.h"

#define SMALL_R "tests/data/check-small/recipes.csv"
#define NA_M "tests/data/norms-sodium/menu.csv"

/* 9-13: the sodium CDRR of 1800 mg is an upper bound now, unverified, so
 * 1939.9 mg (107.8 %) is high but only advisory; 14-18: 2300 mg, verified,
 * and the same menu is within it. */
Test(norms_cli, us_dri_sodium_cdrr)
{
    struct run r;
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", NA_M, "--standard", "us_dri",
           "--group", "9-13", "--format", "json", NULL);
    const char *na = strstr(r.out, "{\"nutrient\":\"sodium_mg\"");
    cr_assert(na, "%s", r.out);
    cr_expect(str_has(na, "\"max\":{\"kind\":\"max\",\"value\":1800,\"after_tolerance\":1800,"
                          "\"unit\":\"mg\",\"group\":\"male_9_13\",\"rule\":"
                          "\"us_nasem_2019_sodium_cdrr\",\"effective_from\":null,"
                          "\"effective_to\":null,\"verified\":false,"), "%.800s", na);
    cr_expect(str_has(na, "\"average\":{\"value\":1939.9,\"coverage\":1,\"min\":1200,"
                          "\"max\":1800,\"reference\":1800,\"pct_of_norm\":107.77222222222223,"
                          "\"status\":\"high\"}"), "%.1200s", na);
    cr_expect(str_has(na, "\"verdict\":\"advisory\""));
    run_free(&r);
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", NA_M, "--standard", "us_dri",
           "--group", "14-18", "--format", "json", NULL);
    na = strstr(r.out, "{\"nutrient\":\"sodium_mg\"");
    cr_assert(na, "%s", r.out);
    cr_expect(str_has(na, "\"rule\":\"us_nasem_2019_sodium_cdrr\",\"effective_from\":null,"
                          "\"effective_to\":null,\"verified\":true,"));
    cr_expect(str_has(na, "\"average\":{\"value\":1939.9,\"coverage\":1,\"min\":1500,"
                          "\"max\":2300,\"reference\":1500,"));
    cr_expect(str_has(na, "\"verdict\":\"pass\""));
    run_free(&r);
}

/*
 * MR 2.3.1.0253-21, footnote ***: a mixed class is held to the larger of the
 * boys' and girls' needs.  tests/data/norms-mr/menu.csv: one breakfast of
 * oats 08120, 125 g: 379 kcal/100 g -> 473.75 kcal; 13.15 g protein/100 g
 * -> 16.4375 g.  With breakfast = 20-25 % of the day, the energy minimum is
 * 2500 x 20 % = 500 kcal for boys 11-14 (473.75 is 94.75 %: low) and
 * 2300 x 20 % = 460 kcal for girls (102.99 %: ok); the class of 14 boys and
 * 12 girls is held to 500, set by the boys' row, whose note names the
 * footnote.  Protein: 75 x 20 % = 15 g (boys), 69 x 20 % = 13.8 g (girls):
 * 16.4375 g passes both.
 */
#define MR_M "tests/data/norms-mr/menu.csv"

static void mr_check(struct run *r, const char *group)
{
    run_mc(r, "check", "--recipes", SMALL_R, "--menu", MR_M, "--standard",
           "ru_mr_2_3_1_0253_21", "--group", group, "--meal-share", "breakfast=20-25",
           "--format", "json", NULL);
}

Test(norms_cli, mr_0253_21_mixed_class_held_to_the_larger_need)
{
    struct run r;
    mr_check(&r, "11-14:boys");
    const char *e = strstr(r.out, "{\"nutrient\":\"energy_kcal\"");
    cr_assert(e, "%s%s", r.out, r.err);
    cr_expect(str_has(e, "\"average\":{\"value\":473.75,\"coverage\":1,\"min\":500,\"max\":null,"
                         "\"reference\":500,\"pct_of_norm\":94.75,\"status\":\"low\"}"), "%.900s", e);
    cr_expect(str_has(e, "\"verdict\":\"fail\""));
    cr_expect_eq(r.status, 3);
    run_free(&r);

    mr_check(&r, "11-14:girls");
    e = strstr(r.out, "{\"nutrient\":\"energy_kcal\"");
    cr_assert(e, "%s%s", r.out, r.err);
    cr_expect(str_has(e, "\"average\":{\"value\":473.75,\"coverage\":1,\"min\":460,\"max\":null,"
                         "\"reference\":460,\"pct_of_norm\":102.98913043478261,\"status\":\"ok\"}"),
              "%.900s", e);
    cr_expect(str_has(e, "\"verdict\":\"pass\""));
    run_free(&r);

    mr_check(&r, "14 boys and 12 girls aged 11-14");
    e = strstr(r.out, "{\"nutrient\":\"energy_kcal\"");
    cr_assert(e, "%s%s", r.out, r.err);
    cr_expect(str_has(e, "\"min\":{\"kind\":\"min\",\"value\":2500,\"after_tolerance\":2500,"
                         "\"unit\":\"kcal\",\"group\":\"mr_11_14_m\",\"rule\":"
                         "\"mr_2_3_1_0253_21_tab21\","), "%.900s", e);
    cr_expect(str_has(e, "column \\\"11-14 лет мальчики\\\"; physiological need; footnote ***: "
                         "a mixed class of an organised group is held to the larger of the "
                         "boys' and girls' values\""), "%.900s", e);
    cr_expect(str_has(e, "\"average\":{\"value\":473.75,\"coverage\":1,\"min\":500,"), "%.900s", e);
    cr_expect(str_has(e, "\"verdict\":\"fail\""));
    cr_expect(str_has(e, "{\"group\":\"mr_11_14_f\",\"value\":473.75,\"coverage\":1,\"min\":460,"));
    const char *p = strstr(r.out, "{\"nutrient\":\"protein_g\",\"unit\":\"g\",\"measure\":\"amount\"");
    cr_assert(p);
    cr_expect(str_has(p, "\"average\":{\"value\":16.4375,\"coverage\":1,\"min\":15,\"max\":null,"
                         "\"reference\":15,\"pct_of_norm\":109.58333333333333,\"status\":\"ok\"}"),
              "%.900s", p);
    run_free(&r);

    /* The text names the subgroup that binds. */
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", MR_M, "--standard",
           "ru_mr_2_3_1_0253_21", "--group", "14 boys and 12 girls aged 11-14",
           "--meal-share", "breakfast=20-25", "--lang", "en", NULL);
    cr_expect(str_has(r.out, "Energy (kcal)                        >= 500                  474     "
                             "95%  low                    1/1   100%  mr_11_14_m    FAIL"), "%s", r.out);
    run_free(&r);
}

/* SanPiN 3590-20 ended on 2026-08-31, replaced by SanPiN 2.3/2.4.4282-26:
 * on its last day it is checked as before; a day later it is still judged,
 * because it was asked for, but the text, the JSON and a warning say that it
 * is no longer in force and name the act that replaced it. */
Test(norms_cli, superseded_sanpin_by_date)
{
    struct run r;
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", NA_M, "--standard",
           "ru_sanpin_3590_20", "--group", "7-11", "--date", "2026-08-31", "--lang", "en",
           NULL);
    cr_expect(str_has(r.out, "norms in force on 2026-08-31"), "%s", r.out);
    cr_expect(!str_has(r.out, "NO LONGER IN FORCE"), "%s", r.out);
    cr_expect(!str_has(r.err, "no longer in force"), "%s", r.err);
    run_free(&r);

    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", NA_M, "--standard",
           "ru_sanpin_3590_20", "--group", "7-11", "--date", "2026-09-01", "--lang", "en",
           NULL);
    cr_expect(str_has(r.out, "== ru_sanpin_3590_20, group 7-11 (ru_7_11): "), "%s", r.out);
    cr_expect(str_has(r.out, "   NO LONGER IN FORCE on 2026-09-01: ended on 2026-08-31, "
                             "replaced by SanPiN 2.3/2.4.4282-26 (Resolution of the Chief "
                             "State Sanitary Physician No. 18 of 02.06.2026, in force from "
                             "2026-09-01;"), "%s", r.out);
    cr_expect(str_has(r.err, "mealcheck: warning: ./standards/ru_sanpin_3590_20.csv: "
                             "standard 'ru_sanpin_3590_20' is no longer in force on 2026-09-01: "
                             "it ended on 2026-08-31 and was replaced by SanPiN "
                             "2.3/2.4.4282-26 ("), "%s", r.err);
    run_free(&r);

    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", NA_M, "--standard",
           "ru_sanpin_3590_20", "--group", "7-11", "--date", "2026-09-01", "--format",
           "json", NULL);
    cr_expect(str_has(r.out, "\"standard\":\"ru_sanpin_3590_20\",\"title\":\"SanPiN "
                             "2.3/2.4.3590-20, Appendix 10: daily needs of school children "
                             "for energy and nutrients, by meal share\",\"superseded_by\":"
                             "\"SanPiN 2.3/2.4.4282-26 (Resolution"), "%.600s", r.out);
    run_free(&r);
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", NA_M, "--standard",
           "ru_sanpin_3590_20", "--group", "7-11", "--date", "2026-08-31", "--format",
           "json", NULL);
    cr_expect(str_has(r.out, "by meal share\",\"superseded_by\":null,"), "%.600s", r.out);
    run_free(&r);
}

/*
 * A nutrition centre's own norm set, outside the install:
 * tests/data/standards-user/kz_test.csv, group kz_7_10, breakfast 20-25 %
 * of a 2000 kcal / 100 g protein day.  The oats breakfast (473.75 kcal,
 * 16.4375 g protein, above) is held to 2000 x 20 % = 400 kcal (ok, 118.4 %)
 * and 100 x 20 % = 20 g protein (low, 82.1875 %): the menu does not comply.
 */
#define USER_STD "tests/data/standards-user"
#define KZ_PROTEIN "\"average\":{\"value\":16.4375,\"coverage\":1,\"min\":20,\"max\":null," \
                   "\"reference\":20,\"pct_of_norm\":82.1875,\"status\":\"low\"}"

static void expect_kz_test_result(struct run *r)
{
    cr_expect_eq(r->status, 3, "%s", r->err);
    const char *p = strstr(r->out, "{\"nutrient\":\"protein_g\"");
    cr_assert(p, "%s%s", r->out, r->err);
    cr_expect(str_has(p, "\"rule\":\"kz_test_t1\""), "%.600s", p);
    cr_expect(str_has(p, KZ_PROTEIN), "%.900s", p);
    const char *e = strstr(r->out, "{\"nutrient\":\"energy_kcal\"");
    cr_assert(e);
    cr_expect(str_has(e, "\"average\":{\"value\":473.75,\"coverage\":1,\"min\":400,"), "%.900s", e);
}

Test(norms_cli, user_folder_of_norm_sets)
{
    struct run r;
    run_mc(&r, "--standards", USER_STD, "check", "--recipes", SMALL_R, "--menu", MR_M,
           "--standard", "kz_test", "--group", "7-10", "--date", "2026-01-10", "--format",
           "json", NULL);
    expect_kz_test_result(&r);
    run_free(&r);

    /* The environment variable adds the folder too; list shows the set. */
    setenv("MEALCHECK_STANDARDS", USER_STD, 1);
    run_mc(&r, "standards", "list", NULL);
    cr_expect(str_has(r.out, "\nkz_test              per day, period average         1     2  "
                             "Test norms entered by a nutrition centre, daily needs\n"), "%s", r.out);
    cr_expect(str_has(r.out, "\nus_dri "), "the installed sets stay");
    run_free(&r);
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", MR_M, "--standard", "kz_test",
           "--group", "7-10", "--date", "2026-01-10", "--format", "json", NULL);
    expect_kz_test_result(&r);
    run_free(&r);
    unsetenv("MEALCHECK_STANDARDS");

    /* Without the folder the set is unknown. */
    run_mc(&r, "standards", "show", "kz_test", NULL);
    cr_expect_eq(r.status, 2);
    run_free(&r);
    run_mc(&r, "standards", "list", "--standards", "tests/data/no-such-folder", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_has(r.err, "tests/data/no-such-folder: cannot open the norm-set directory: "
                             "No such file or directory\n"), "%s", r.err);
    run_free(&r);
}

/* Write the CSV norm file csv as a workbook at xlsx the way a user types it
 * in Excel: a "#key: value" line in one cell of column A, the table one
 * value per cell (numbers as numbers). */
static void norm_csv_to_xlsx(const char *csv, const char *xlsx)
{
    FILE *f = fopen(csv, "r");
    cr_assert(f);
    lxw_workbook *wb = workbook_new(xlsx);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Нормы");
    char line[1024];
    for (lxw_row_t row = 0; fgets(line, sizeof line, f); row++) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#') {
            worksheet_write_string(ws, row, 0, line, NULL);
            continue;
        }
        lxw_col_t col = 0;
        for (char *cell = line, *next; cell; cell = next, col++) {
            next = strchr(cell, ',');
            if (next)
                *next++ = '\0';
            char *end;
            double v = strtod(cell, &end);
            if (*cell && !*end)
                worksheet_write_number(ws, row, col, v, NULL);
            else if (*cell)
                worksheet_write_string(ws, row, col, cell, NULL);
        }
    }
    fclose(f);
    cr_assert_eq(workbook_close(wb), LXW_NO_ERROR);
}

Test(norms_cli, user_norm_set_in_excel)
{
    char dir[] = "/tmp/mc-norms-XXXXXX", path[64];
    cr_assert(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/kz_test.xlsx", dir);
    norm_csv_to_xlsx(USER_STD "/kz_test.csv", path);
    struct run r;
    run_mc(&r, "check", "--recipes", SMALL_R, "--menu", MR_M, "--standard", "kz_test",
           "--group", "7-10", "--date", "2026-01-10", "--format", "json", "--standards", dir,
           NULL);
    expect_kz_test_result(&r);
    run_free(&r);
    run_mc(&r, "standards", "check", path, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    char want[256];
    snprintf(want, sizeof want, "%s: a valid norm set: 'kz_test' (groups: 1, rows: 2)\n", path);
    cr_expect_str_eq(r.out, want);
    run_free(&r);
    unlink(path);

    /* Mistakes in a workbook are named by the row and column the sheet shows. */
    snprintf(path, sizeof path, "%s/kz_bad.xlsx", dir);
    norm_csv_to_xlsx("tests/data/standards-user-bad/kz_bad_sheet.txt", path);
    run_mc(&r, "standards", "check", path, NULL);
    cr_expect_eq(r.status, 2);
    char msg[1024];
    snprintf(msg, sizeof msg,
             "mealcheck: error: %s:10:5: unknown nutrient 'energy' (the keys are listed in "
             "docs/standards.md)\n"
             "mealcheck: error: %s:12:4: expected sex 'any', 'male' or 'female', got 'boys'\n",
             path, path);
    cr_expect_str_eq(r.err, msg);
    run_free(&r);
    unlink(path);
    rmdir(dir);
}

/* `standards check` lists every mistake of a new CSV set by line and column. */
Test(norms_cli, standards_check_reports_every_mistake)
{
    struct run r;
    run_mc(&r, "standards", "check", "tests/data/standards-user-bad/kz_bad.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err,
        "mealcheck: error: tests/data/standards-user-bad/kz_bad.csv:10:5: unknown nutrient "
        "'energy' (the keys are listed in docs/standards.md)\n"
        "mealcheck: error: tests/data/standards-user-bad/kz_bad.csv:11:7: expected a number "
        ">= 0, got '100,5,0'\n"
        "mealcheck: error: tests/data/standards-user-bad/kz_bad.csv:12:4: expected sex 'any', "
        "'male' or 'female', got 'boys'\n"
        "mealcheck: error: tests/data/standards-user-bad/kz_bad.csv:12:13: expected 'yes' or "
        "'no', got 'да'\n");
    cr_expect_str_eq(r.out, "");
    run_free(&r);

    run_mc(&r, "standards", "check", USER_STD "/kz_test.csv", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect_str_eq(r.out, USER_STD "/kz_test.csv: a valid norm set: 'kz_test' "
                            "(groups: 1, rows: 2)\n");
    run_free(&r);

    run_mc(&r, "standards", "check", "standards", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: standards: a folder, not a norm file "
                            "(.csv or .xlsx)\n");
    run_free(&r);
    run_mc(&r, "standards", "check", "tests/data/no-such-set.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: tests/data/no-such-set.csv: cannot open: "
                            "No such file or directory\n");
    run_free(&r);

    /* A copy of an installed set under its id would shadow it. */
    run_mc(&r, "standards", "check", "tests/data/standards-user-bad/dup/us_dri.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: tests/data/standards-user-bad/dup/us_dri.csv: "
                            "id 'us_dri' is also used by ./standards/us_dri.csv\n");
    run_free(&r);
}
