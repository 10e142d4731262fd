/*
 * test_audit.c - the audit's own helpers (the audit itself runs end to end
 * in tests/e2e/test_audit_cli.c).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mealcheck/audit.h"

/* Report names: an id kept as it is; changed ones with their line; a plain
 * id that another school's name already takes gets its line too; "..",
 * a leading dot and characters Windows refuses replaced; a long Cyrillic
 * id cut on a character boundary (120 bytes = 60 letters). */
Test(audit, report_names)
{
    char path[] = "/tmp/mc-audit-names-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("school_id,menu,groups,standards\n"
          "a/b,m.csv,7-11,x\n"         /* line 2 */
          "a_b,m.csv,7-11,x\n"         /* 3 */
          "a_b~2,m.csv,7-11,x\n"       /* 4: what a/b becomes */
          "..,m.csv,7-11,x\n"          /* 5 */
          "q?:*|\"<>\\,m.csv,7-11,x\n", f); /* 6 */
    for (int i = 0; i < 61; i++)
        fputs("Щ", f);                 /* 7 */
    fputs(",m.csv,7-11,x\n", f);
    fclose(f);
    struct mc_err err = {0};
    struct mc_manifest *m;
    cr_assert_eq(mc_manifest_load(path, &m, &err), MC_OK, "%s", mc_err_text(&err));
    char **names = mc_audit_report_names(m);
    cr_assert(names);
    cr_expect_str_eq(names[0], "a_b~2.xlsx");
    cr_expect_str_eq(names[1], "a_b.xlsx");
    cr_expect_str_eq(names[2], "a_b~2~4.xlsx");
    cr_expect_str_eq(names[3], "_.~5.xlsx");
    cr_expect_str_eq(names[4], "q________~6.xlsx");
    char want[256] = "";
    for (int i = 0; i < 60; i++)
        strcat(want, "Щ");
    strcat(want, "~7.xlsx");
    cr_expect_str_eq(names[5], want);
    for (size_t i = 0; i < m->n; i++)
        free(names[i]);
    free(names);
    mc_manifest_free(m);
    unlink(path);
}
