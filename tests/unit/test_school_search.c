/* test_school_search.c - finding a school by name, number or district as a
 * parent types it; costs as school_search.h states them. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "mealcheck/manifest.h"
#include "mealcheck/school_search.h"

static struct mc_manifest *m;

static void load(void)
{
    struct mc_err err = {0};
    cr_assert_eq(mc_manifest_load("tests/data/school-search/schools.csv", &m, &err), MC_OK,
                 "%s", mc_err_text(&err));
}

static void unload(void)
{
    mc_manifest_free(m);
}

/* The ids of the hits, space-separated, with their costs: "12:0 112:3". */
static const char *ids(const char *query)
{
    static char out[256];
    struct mc_school_hit hits[8];
    size_t n = mc_school_search(m, query, hits, 8);
    out[0] = '\0';
    for (size_t i = 0; i < n && i < 8; i++) {
        size_t len = strlen(out);
        snprintf(out + len, sizeof out - len, "%s%s:%d", i ? " " : "",
                 m->schools[hits[i].index].id, hits[i].cost);
    }
    return out;
}

TestSuite(school_search, .init = load, .fini = unload);

Test(school_search, by_number_with_school_word_or_sign)
{
    /* "школа" 0 + "12" 0; school 112 has "школа" but not the number 12 */
    cr_expect_str_eq(ids("школа 12"), "12:0");
    cr_expect_str_eq(ids("№12"), "12:0", "№ is no word; the digits are");
    cr_expect_str_eq(ids("Школа12"), "12:0", "letters and digits part");
    cr_expect_str_eq(ids("012"), "12:0", "leading zeros");
    cr_expect_str_eq(ids("12 мектеп"), "12:0", "Kazakh");
    /* "мектеп" is a word of N7's name, 7 its number; school 12 also says мектеп */
    cr_expect_str_eq(ids("мектеп 7"), "N7:0");
    cr_expect_str_eq(ids("school 3"), "S3:0", "School-lyceum: two words");
}

Test(school_search, by_name_in_three_languages)
{
    cr_expect_str_eq(ids("гимназия"), "G5:0 N7:0", "мектеп-гимназия is two words");
    cr_expect_str_eq(ids("Gymnasium 5"), "G5:0");
    cr_expect_str_eq(ids("гимн"), "G5:1 N7:1", "a beginning, in manifest order");
    cr_expect_str_eq(ids("лицей"), "112:0");
}

Test(school_search, by_district_and_typo)
{
    cr_expect_str_eq(ids("алмалинский"), "12:0 S3:0");
    cr_expect_str_eq(ids("Алмолинский"), "12:2 S3:2", "one letter wrong");
    cr_expect_str_eq(ids("ауэзовский гимназия"), "G5:0");
    cr_expect_str_eq(ids("бостандыкский 12"), "", "a word of one school, the number of another");
}

Test(school_search, nothing_to_find)
{
    cr_expect_str_eq(ids(""), "");
    cr_expect_str_eq(ids("  № "), "");
    cr_expect_str_eq(ids("сош"), "", "a word that only says school names none");
    cr_expect_str_eq(ids("школа"), "12:0 112:0", "unless a name has it");
    cr_expect_str_eq(ids("karaganda"), "");
    struct mc_school_hit one[1];
    cr_expect_eq(mc_school_search(m, "алматы", one, 1), 5, "all five counted, one written");
    cr_expect_eq(one[0].index, 0);
}
