/*
 * test_norms_cli.c - the norm rows added for issue 8, judged end to end.
 *
 * tests/data/norms-sodium/menu.csv, one Monday lunch: table salt 02047 5 g
 * (38758 mg sodium/100 g = 1937.9 mg) + apple 09003 200 g (1 mg/100 g =
 * 2 mg) = 1939.9 mg sodium.
 */
#include <criterion/criterion.h>
#include <string.h>

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
