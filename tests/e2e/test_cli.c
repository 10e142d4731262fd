/* test_cli.c - the tool's global options and dispatch. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "mealcheck/version.h"

Test(cli, version)
{
    struct run r;
    run_mc_nodb(&r, "--version", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect_str_eq(r.out, "mealcheck " MC_VERSION "\n");
    run_free(&r);
}

Test(cli, unknown_command_is_a_usage_error)
{
    struct run r;
    run_mc_nodb(&r, "frobnicate", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(strncmp(r.err, "mealcheck: error: unknown command 'frobnicate'\n", 47) == 0,
              "stderr: %s", r.err);
    run_free(&r);
}

Test(cli, help_lists_every_command)
{
    struct run r;
    run_mc_nodb(&r, "--help", NULL);
    cr_expect_eq(r.status, 0);
    const char *cmds[] = {"db", "foods", "recipe", "menu", "standards", "check"};
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        char needle[32];
        snprintf(needle, sizeof needle, "\n  %s ", cmds[i]);
        cr_expect(strstr(r.out, needle), "help lacks %s", cmds[i]);
    }
    run_free(&r);
}

/* `--db FILE` and `--db=FILE` work after the command as before it; the
 * command never sees them.  A missing file named after the command is the
 * file opened (the error names it), which shows the option was taken. */
Test(cli, db_after_the_command)
{
    const char *db = getenv("MC_TEST_DB") ? getenv("MC_TEST_DB") : "build/mealcheck.db";
    char eq[4200];
    snprintf(eq, sizeof eq, "--db=%s", db);
    struct run r;
    run_mc_nodb(&r, "foods", "show", "01001", "--db", db, NULL);
    cr_expect_eq(r.status, 0, "stderr: %s", r.err);
    cr_expect(str_starts(r.out, "01001 "), "stdout: %s", r.out);
    run_free(&r);
    run_mc_nodb(&r, "--db", "/nonexistent/a.db", "foods", "show", "01001", eq, NULL);
    cr_expect_eq(r.status, 0, "stderr: %s", r.err);
    run_free(&r);
    run_mc_nodb(&r, "foods", "show", "01001", "--db", "/nonexistent/b.db", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_has(r.err, "/nonexistent/b.db"), "stderr: %s", r.err);
    run_free(&r);
    run_mc_nodb(&r, "foods", "show", "01001", "--db", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: option '--db' needs a value\n");
    run_free(&r);
}
