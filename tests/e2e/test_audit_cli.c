/*
 * test_audit_cli.c - `mealcheck audit` end to end on the sample audit
 * (menus/audit: 12 schools in 3 districts, one with an unknown dish), the
 * real SR28 database and the shipped norm sets, on 2025-09-01.  Each school
 * is also checked alone with `mealcheck check`, and the audit must say the
 * same of it.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

#define MANIFEST "menus/audit/schools.csv"
#define BOOK "menus/recipes.csv"
#define DATE "2025-09-01"
#define MAX_ARGS 24

/* Split s at sep into at most max fields (s is modified). */
static size_t split(char *s, char sep, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = s;
    for (char *p = s; *p && n < max; p++)
        if (*p == sep) {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

static int rank(const char *verdict)
{
    return !strncmp(verdict, "fail", 4) ? 4 : !strncmp(verdict, "advisory", 8) ? 3
           : !strncmp(verdict, "pass", 4) ? 2 : 1;
}

static double dist(double pct)
{
    return isnan(pct) ? -1 : fabs(pct - 100);
}

/* What `check --format json` says of one school: its failing nutrients
 * (";key;key;") and its worst bound, read item by item. */
struct alone {
    int status;
    char failing[1024];
    char worst[64];
    double worst_pct;
    char *err;
};

static void read_items(const char *json, struct alone *a)
{
    int worst_rank = 0;
    a->worst_pct = NAN;
    strcpy(a->failing, ";");
    for (const char *p = strstr(json, "{\"nutrient\":\""); p;) {
        const char *next = strstr(p + 1, "{\"nutrient\":\"");
        char key[64];
        sscanf(p + 13, "%63[^\"]", key);
        const char *v = strstr(p, "\"verdict\":\"") + 11;
        const char *avg = strstr(strstr(p, "\"average\":{"), "\"pct_of_norm\":") + 14;
        cr_assert(!next || v < next);
        double pct = strncmp(avg, "null", 4) ? strtod(avg, NULL) : NAN;
        int r = rank(v);
        if (r > worst_rank || (r == worst_rank && dist(pct) > dist(a->worst_pct))) {
            worst_rank = r;
            snprintf(a->worst, sizeof a->worst, "%s", key);
            a->worst_pct = pct;
        }
        char tok[80];
        snprintf(tok, sizeof tok, ";%s;", key);
        if (r == 4 && !strstr(a->failing, tok))
            snprintf(a->failing + strlen(a->failing), sizeof a->failing - strlen(a->failing),
                     "%s;", key);
        p = next;
    }
}

/* 1 when the ';'-separated keys of list are those of ";k1;k2;" */
static int same_set(const char *list, const char *keys)
{
    char *copy = strdup(list), *f[64];
    size_t n = *copy ? split(copy, ';', f, 64) : 0, in_keys = 0;
    int same = 1;
    for (size_t k = 0; k < n; k++) {
        char tok[80];
        snprintf(tok, sizeof tok, ";%s;", f[k]);
        same &= strstr(keys, tok) != NULL;
    }
    for (const char *p = keys; (p = strchr(p + 1, ';'));)
        in_keys++;
    free(copy);
    return same && in_keys == n;
}

/* Check one manifest row alone: its menu, norm sets, groups and shares. */
static void check_alone(const char *line, struct alone *a)
{
    char *row = strdup(line), *f[9], *items[8];
    cr_assert_eq(split(row, ',', f, 9), 9, "%s", line);
    const char *argv[MAX_ARGS] = {0};
    char menu[256];
    size_t n = 0;
    snprintf(menu, sizeof menu, "menus/audit/%s", f[4]);
    for (size_t k = 0, m = split(f[7], ';', items, 8); k < m; k++) {
        argv[n++] = "--standard";
        argv[n++] = items[k];
    }
    for (size_t k = 0, m = split(f[6], ';', items, 8); k < m; k++) {
        argv[n++] = "--group";
        argv[n++] = items[k];
    }
    for (size_t k = 0, m = *f[8] ? split(f[8], ';', items, 8) : 0; k < m; k++) {
        argv[n++] = "--meal-share";
        argv[n++] = items[k];
    }
    cr_assert_lt(n, MAX_ARGS - 10);
    struct run r;
    run_mc(&r, "check", "--recipes", BOOK, "--menu", menu, "--date", DATE, "--format",
           "json", argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], argv[6],
           argv[7], argv[8], argv[9], argv[10], argv[11], NULL);
    a->status = r.status;
    read_items(r.out, a);
    a->err = r.err;
    r.err = NULL;
    run_free(&r);
    free(row);
}

/* Every school's CSV row says what `check` says of it alone. */
Test(audit_cli, schools_equal_check_alone)
{
    struct run r;
    run_mc(&r, "audit", MANIFEST, "--recipes", BOOK, "--date", DATE, "--format", "csv",
           NULL);
    cr_assert_eq(r.status, 4, "%s", r.err);
    cr_expect_str_eq(r.err, "");
    char *manifest = slurp(MANIFEST);
    char *mline = strchr(manifest, '\n') + 1, *oline = strchr(r.out, '\n') + 1;
    int schools = 0, seen[3] = {0};
    while (*mline) {
        char *mend = strchr(mline, '\n'), *oend = strchr(oline, '\n');
        *mend = *oend = '\0';
        struct alone a;
        check_alone(mline, &a);
        char *f[16];
        char *out = strdup(oline);
        cr_assert_eq(split(out, ',', f, 16), 16, "%s", oline);
        cr_expect(!strncmp(mline, f[0], strlen(f[0])) && mline[strlen(f[0])] == ',');
        if (a.status == 2) {
            seen[2]++;
            cr_expect_str_eq(f[4], "not_checked", "%s", f[0]);
            /* check prints "mealcheck: error: MESSAGE"; the CSV quotes it */
            char *msg = a.err + strlen("mealcheck: error: ");
            msg[strcspn(msg, "\n")] = '\0';
            cr_expect(strstr(oline, msg), "%s\n%s", oline, msg);
        } else {
            seen[a.status == 3]++;
            cr_expect_eq(a.status == 3, !strcmp(f[4], "fails"), "%s: %s", f[0], f[4]);
            /* check's exit status says the school's verdict: 0, 6, 7 or 3 */
            int want = !strcmp(f[4], "fails") ? 3
                       : !strcmp(f[4], "unverified_norms") ||
                         !strcmp(f[4], "insufficient_data") ? 7
                       : !strcmp(f[4], "advisory_not_met") ? 6 : 0;
            cr_expect_eq(a.status, want, "%s: %s, check exits %d", f[0], f[4], a.status);
            cr_expect(same_set(f[5], a.failing), "%s: failing %s, check: %s", f[0],
                      f[5], a.failing);
            cr_expect_str_eq(f[6], a.worst, "%s", f[0]);
            cr_expect_eq(strtod(f[9], NULL), a.worst_pct, "%s: %s", f[0], f[9]);
        }
        free(a.err);
        free(out);
        schools++;
        mline = mend + 1;
        oline = oend + 1;
    }
    cr_expect_eq(schools, 12);
    cr_expect_eq(*oline, '\0', "one row per school");
    cr_expect(seen[0] > 0 && seen[1] > 0 && seen[2] == 1,
              "complying %d, failing %d, not checked %d", seen[0], seen[1], seen[2]);
    free(manifest);
    run_free(&r);
}

/* Threads share the work, never the order or the figures. */
Test(audit_cli, jobs_do_not_change_output)
{
    char dir[] = "/tmp/mc-audit-XXXXXX", x1[64], x4[64], cmd[256];
    cr_assert(mkdtemp(dir));
    snprintf(x1, sizeof x1, "%s/one.xlsx", dir);
    snprintf(x4, sizeof x4, "%s/four.xlsx", dir);
    struct run r1, r4;
    run_mc(&r1, "audit", MANIFEST, "--recipes", BOOK, "--date", DATE, "--format", "json",
           "--jobs", "1", "-o", x1, NULL);
    run_mc(&r4, "audit", MANIFEST, "--recipes", BOOK, "--date", DATE, "--format", "json",
           "--jobs", "4", "-o", x4, NULL);
    cr_expect_eq(r1.status, 4);
    cr_expect_eq(r4.status, 4);
    cr_expect_str_eq(r1.out, r4.out);
    cr_expect(strstr(r1.out, "\"counts\":{\"complies\":0,\"advisory_not_met\":0,"
                             "\"fails\":5,\"insufficient_data\":0,\"unverified_norms\":6,"
                             "\"not_checked\":1}"), "%s", r1.out);
    snprintf(cmd, sizeof cmd, "cmp -s %s %s", x1, x4);
    cr_expect_eq(system(cmd), 0, "the workbooks differ");
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
    run_free(&r1);
    run_free(&r4);
}

/* Bad schools say why, each at its own cell; the good one is checked. */
Test(audit_cli, bad_schools_do_not_stop_the_audit)
{
    struct run r;
    run_mc(&r, "audit", "tests/data/audit/schools.csv", "--recipes", BOOK, "--date", DATE,
           "--format", "json", NULL);
    cr_expect_eq(r.status, 4);
    /* SanPiN's own lunch share is unverified: no bound of G1 decides. */
    cr_expect(strstr(r.out, "{\"id\":\"G1\",") &&
              strstr(r.out, "\"verdict\":\"unverified_norms\",\"complies\":false,"
                            "\"errors\":[],\"counts\":{\"fail\":0,\"advisory\":9,"
                            "\"insufficient_data\":1,\"pass\":3,\"deciding\":0,"
                            "\"advising\":13}"), "%s", r.out);
    cr_expect(strstr(r.out, "\"verdict\":\"not_checked\",\"complies\":null,\"errors\":["
                            "\"tests/data/audit/schools.csv:3:4: unknown standard "
                            "'xx_norms' (available: ru_mr_2_3_1_0253_21, ru_sanpin_3590_20, "
                            "uk_scotland_2020, "
                            "us_dri, usda_school_meals)\",\"tests/data/audit/schools.csv:3:5: "
                            "no norms for children aged 40 in group '40-50' for standard "
                            "'us_dri' (groups: "), "%s", r.out);
    cr_expect(strstr(r.out, "\"errors\":[\"tests/data/audit/missing.csv: cannot open: "
                            "No such file or directory\"]"), "%s", r.out);
    cr_expect(strstr(r.out, "\"counts\":{\"complies\":0,\"advisory_not_met\":0,"
                            "\"fails\":0,\"insufficient_data\":0,\"unverified_norms\":1,"
                            "\"not_checked\":2}"), "%s", r.out);
    run_free(&r);
}

Test(audit_cli, text_output)
{
    struct run r;
    run_mc(&r, "audit", MANIFEST, "--recipes", BOOK, "--date", DATE, NULL);
    cr_expect_eq(r.status, 4);
    cr_expect_str_eq(r.err, "", "no progress bar when stderr is not a terminal");
    cr_expect(strstr(r.out, "\nALM-001      cannot be decided: unverified norms  0 fail, "
                            "9 advisory not met; 0 of 13 norms verified (decide); worst "
                            "Vitamin D 44% of norm (advisory, ru_sanpin_3590_20)\n"),
              "%s", r.out);
    cr_expect(strstr(r.out, "\nBOS-004      could not be checked                 menus/audit/menus/"
                            "week1-unknown-dish.csv:27:4: unknown dish 'Суп куриный с "
                            "лапшой и фрикадельками': not a recipe of menus/recipes.csv, a "
                            "food id or a food name; did you mean 'Суп куриный с лапшой' "
                            "(recipe)?\n"),
              "%s", r.out);
    cr_expect(strstr(r.out, "\nschools: 0 comply, 0 comply with the verified norms but not "
                            "the advisory ones, 5 do not comply, 6 cannot be decided (0 "
                            "insufficient data, 6 unverified norms), 1 could not be "
                            "checked\n"), "%s", r.out);
    run_free(&r);
}

Test(audit_cli, per_school_workbooks)
{
    char dir[] = "/tmp/mc-audit-XXXXXX", path[96], cmd[128];
    cr_assert(mkdtemp(dir));
    struct run r;
    run_mc(&r, "audit", MANIFEST, "--recipes", BOOK, "--date", DATE, "--per-school", dir,
           "--jobs", "2", NULL);
    cr_expect_eq(r.status, 4, "%s", r.err);
    snprintf(path, sizeof path, "%s/ALM-001.xlsx", dir);
    cr_expect_eq(access(path, R_OK), 0, "%s", path);
    snprintf(path, sizeof path, "%s/BOS-004.xlsx", dir);
    cr_expect_neq(access(path, F_OK), 0, "no report for a school not checked");
    snprintf(cmd, sizeof cmd, "test $(ls %s | wc -l) -eq 11", dir);
    cr_expect_eq(system(cmd), 0, "one workbook per school checked");
    /* Written on two threads at once: each sound, each created on the
     * check date (libxlsxwriter formats it with gmtime()). */
    char each[512];
    snprintf(each, sizeof each,
             "for f in %s/*.xlsx; do unzip -tqq \"$f\" && unzip -p \"$f\" docProps/core.xml | "
             "grep -q '>" DATE "T00:00:00Z</dcterms:created>' || exit 1; done", dir);
    cr_expect_eq(system(each), 0, "%s", each);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
    run_free(&r);
}

Test(audit_cli, bad_manifest_and_usage)
{
    struct run r;
    run_mc(&r, "audit", "tests/data/manifest/bad-header.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: tests/data/manifest/bad-header.csv:1:3: "
                            "unknown column 'group'; expected 'groups'\n");
    run_free(&r);
    run_mc(&r, "audit", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: missing MANIFEST.csv\nusage: "), "%s", r.err);
    run_free(&r);
    run_mc(&r, "audit", MANIFEST, "--jobs", "0", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: --jobs: expected a number of threads "
                                "from 1 to 1024, got '0'\n"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "audit", MANIFEST, "-o", "rollup.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_starts(r.err, "mealcheck: error: -o: expected a file name ending in "
                                ".xlsx, got 'rollup.csv'\n"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "audit", MANIFEST, "--per-school", "/nonexistent/reports", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: /nonexistent/reports: cannot make the "
                            "folder: No such file or directory; --per-school expects a "
                            "folder for the schools' reports\n");
    cr_expect_str_eq(r.out, "");
    run_free(&r);
    run_mc(&r, "audit", "--help", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(strstr(r.out, "4 some school could not be\n  checked, else 3 some school "
                            "does not comply, else 7"), "%s", r.out);
    run_free(&r);
}

/* A column a school's menu has and mealcheck does not read is said once for
 * the file, however many schools share it and however many threads run. */
Test(audit_cli, columns_not_read_are_said_once)
{
    const char *jobs[] = {"1", "2"};
    for (int j = 0; j < 2; j++) {
        struct run r;
        run_mc(&r, "audit", "tests/data/audit-warn/schools.csv", "--recipes", BOOK,
               "--date", DATE, "--jobs", jobs[j], NULL);
        /* both schools held to SanPiN alone: cannot be decided */
        cr_expect_eq(r.status, 7, "%s", r.err);
        cr_expect_str_eq(r.err,
            "mealcheck: warning: tests/data/audit-warn/menu.csv:1:6: column 'supplier' "
            "is not read: mealcheck reads week, day, meal, dish, portion_g, "
            "planned_servings, planned_meals and price (free text goes in a column "
            "'note')\n");
        run_free(&r);
    }
}

/* Report file names (issue 14 item 7): "a/b" and "a_b" no longer write the
 * same file, and an id of 300 characters does not stop the audit: each
 * school gets a unique, bounded name, listed in the JSON and in the
 * roll-up's Schools sheet.  The manifest (in a temporary folder) names the
 * sample menu by its absolute path. */
Test(audit_cli, report_file_names_unique_and_bounded)
{
    char dir[] = "/tmp/mc-names-XXXXXX", manifest[64], reports[64], rollup[64];
    char cwd[256], cmd[512], id300[301];
    cr_assert(mkdtemp(dir));
    cr_assert(getcwd(cwd, sizeof cwd));
    memset(id300, 'x', 300);
    id300[300] = '\0';
    snprintf(manifest, sizeof manifest, "%s/schools.csv", dir);
    snprintf(reports, sizeof reports, "%s/reports", dir);
    snprintf(rollup, sizeof rollup, "%s/rollup.xlsx", dir);
    FILE *f = fopen(manifest, "w");
    cr_assert(f);
    fprintf(f, "school_id,menu,groups,standards\n");
    /* "a_b~2" is the name a/b takes: it gets its own line as well. */
    const char *ids[] = {"a/b", "a_b", id300, "a_b~2"};
    for (int i = 0; i < 4; i++)
        fprintf(f, "%s,%s/menus/audit/menus/two-weeks.csv,7-11,ru_sanpin_3590_20\n",
                ids[i], cwd);
    fclose(f);
    struct run r;
    run_mc(&r, "audit", manifest, "--recipes", BOOK, "--date", DATE, "--per-school",
           reports, "-o", rollup, "--format", "json", NULL);
    /* The shipped SanPiN set only advises (its lunch share is unverified). */
    cr_expect_eq(r.status, 7, "%s", r.err);
    char name300[160];
    snprintf(name300, sizeof name300, "%.120s~4.xlsx", id300);
    char want[1024];
    snprintf(want, sizeof want, "\"id\":\"a/b\",\"name\":\"\",\"district\":\"\","
             "\"region\":\"\",\"menu\":\"%s/menus/audit/menus/two-weeks.csv\","
             "\"recipes\":null,\"report\":\"a_b~2.xlsx\",", cwd);
    cr_expect(str_has(r.out, want), "%s", r.out);
    cr_expect(str_has(r.out, "\"recipes\":null,\"report\":\"a_b.xlsx\",\"line\":3,"), "%s", r.out);
    snprintf(want, sizeof want, "\"report\":\"%s\",\"line\":4,", name300);
    cr_expect(str_has(r.out, want), "%s", r.out);
    cr_expect(str_has(r.out, "\"report\":\"a_b~2~5.xlsx\",\"line\":5,"), "%s", r.out);
    snprintf(cmd, sizeof cmd, "test \"$(ls %s | LC_ALL=C sort | tr '\\n' ' ')\" = "
             "'a_b.xlsx a_b~2.xlsx a_b~2~5.xlsx %s '", reports, name300);
    cr_expect_eq(system(cmd), 0, "four workbooks, as named");
    /* The roll-up writes its strings inline (constant memory). */
    snprintf(cmd, sizeof cmd, "unzip -p %s 'xl/worksheets/*.xml' > %s/sheets.xml", rollup,
             dir);
    cr_assert_eq(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "%s/sheets.xml", dir);
    char *xml = slurp(cmd);
    cr_expect(str_has(xml, "<t>Report file</t>"), "the roll-up's column");
    cr_expect(str_has(xml, "<t>a_b~2.xlsx</t>") && str_has(xml, "<t>a_b.xlsx</t>") &&
              str_has(xml, name300), "the mapping in the roll-up");
    free(xml);
    run_free(&r);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

/* A school whose workbook cannot be written (a folder stands in its place)
 * is that school's failure, exit 4; the others are checked and written. */
Test(audit_cli, unwritable_report_fails_its_school_only)
{
    char dir[] = "/tmp/mc-audit-XXXXXX", path[96], cmd[128], want[256];
    cr_assert(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/ALM-001.xlsx", dir);
    cr_assert_eq(mkdir(path, 0700), 0);
    struct run r;
    run_mc(&r, "audit", MANIFEST, "--recipes", BOOK, "--date", DATE, "--per-school", dir,
           NULL);
    cr_expect_eq(r.status, 4, "%s", r.err);
    snprintf(want, sizeof want, "\nALM-001      could not be checked                 "
             "%s/ALM-001.xlsx: is a directory; expected a file name\nALM-002      cannot "
             "be decided: unverified norms  ", dir);
    cr_expect(str_has(r.out, want), "%s", r.out);
    cr_expect(str_has(r.out, "\nschools: 0 comply, 0 comply with the verified norms but not "
                             "the advisory ones, 5 do not comply, 5 cannot be decided (0 "
                             "insufficient data, 5 unverified norms), 2 could not be checked\n"),
              "%s", r.out);
    snprintf(cmd, sizeof cmd, "test $(ls %s | wc -l) -eq 11", dir);
    cr_expect_eq(system(cmd), 0, "10 workbooks and the folder in the way");
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
    run_free(&r);
}
