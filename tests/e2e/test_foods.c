/* test_foods.c - `mealcheck foods` and `mealcheck db` as a user runs them. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "harness.h"

static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The line of `foods show` text output for one nutrient. */
static void expect_line(const char *out, const char *name, const char *amount,
                        const char *unit)
{
    char line[256];
    snprintf(line, sizeof line, "\n  %-42s %12s %s\n", name, amount, unit);
    cr_expect(strstr(out, line), "no line '%s' in:\n%s", line + 1, out);
}

/* NUT_DATA.txt: ~01001~^~208~^717, ~01001~^~204~^81.11, no 257 row. */
Test(foods, show_butter_text)
{
    struct run r;
    run_mc(&r, "foods", "show", "01001", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(starts(r.out, "01001  Butter, salted\n"), "%s", r.out);
    expect_line(r.out, "Energy", "717", "kcal");
    expect_line(r.out, "Total lipid (fat)", "81.11", "g");
    expect_line(r.out, "Fluoride, F", "2.8", "µg");
    expect_line(r.out, "Adjusted Protein", "unknown", "g");
    expect_line(r.out, "Iodine", "unknown", "µg");
    cr_expect(strstr(r.out, "\ngroup:      Dairy and Egg Products\n"));
    cr_expect(strstr(r.out, "\nrefuse:     0%\n"));
    cr_expect(strstr(r.out, "\nhousehold measures:\n  1 pat (1\" sq, 1/3\" high) = 5 g\n"
                            "  1 tbsp = 14.2 g\n  1 cup = 227 g\n  1 stick = 113 g\n"));
    cr_expect_str_eq(r.err, "");
    run_free(&r);
}

/* 20009: vitamin D measured 0.0, trans fat (605) has no row. */
Test(foods, show_unknown_differs_from_zero)
{
    struct run r;
    run_mc(&r, "foods", "show", "20009", NULL);
    cr_expect_eq(r.status, 0);
    expect_line(r.out, "Vitamin D (D2 + D3)", "0.0", "µg");
    expect_line(r.out, "Fatty acids, total trans", "unknown", "g");
    cr_expect(strstr(r.out, "\n  1 cup = 164 g\n"));
    run_free(&r);
}

Test(foods, show_refuse_with_description)
{
    struct run r;
    run_mc(&r, "foods", "show", "11003", NULL);
    cr_expect(strstr(r.out, "\nrefuse:     6% Tough stems\n"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "foods", "show", "09110", NULL);
    cr_expect(strstr(r.out, "\nrefuse:     unknown\n"), "%s", r.out);
    run_free(&r);
}

Test(foods, show_json)
{
    struct run r;
    run_mc(&r, "foods", "show", "01001", "--format", "json", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(starts(r.out, "{\"id\":\"01001\",\"name\":\"Butter, salted\","
                            "\"name_local\":null,"),
              "%s", r.out);
    cr_expect(strstr(r.out, "{\"nr\":208,\"tag\":\"ENERC_KCAL\",\"name\":\"Energy\","
                            "\"unit\":\"kcal\",\"key\":\"energy_kcal\",\"value\":717}"));
    cr_expect(strstr(r.out, "{\"nr\":257,\"tag\":\"\",\"name\":\"Adjusted Protein\","
                            "\"unit\":\"g\",\"key\":null,\"value\":null}"));
    cr_expect(strstr(r.out, "{\"amount\":1,\"unit\":\"pat (1\\\" sq, 1/3\\\" high)\","
                            "\"grams\":5}"));
    cr_expect(strstr(r.out, "\"refuse_pct\":0,\"refuse_desc\":\"\""));
    run_free(&r);
}

Test(foods, show_csv)
{
    struct run r;
    run_mc(&r, "foods", "show", "01001", "--format", "csv", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(starts(r.out, "food_id,kind,nr,name,amount,unit,key\n"));
    cr_expect(strstr(r.out, "\n01001,nutrient,204,Total lipid (fat),81.11,g,fat_g\n"));
    cr_expect(strstr(r.out, "\n01001,nutrient,257,Adjusted Protein,,g,\n"));
    cr_expect(strstr(r.out, "\n01001,measure,,\"1 pat (1\"\" sq, 1/3\"\" high)\",5,g,\n"));
    cr_expect(strstr(r.out, "\n01001,refuse,,,0,%,\n"));
    run_free(&r);
}

Test(foods, show_by_exact_name)
{
    struct run r;
    run_mc(&r, "foods", "show", "butter, salted", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(starts(r.out, "01001  Butter, salted\n"));
    run_free(&r);
}

Test(foods, show_unknown_food_suggests)
{
    struct run r;
    run_mc(&r, "foods", "show", "buckwhet", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.out, "");
    cr_expect(starts(r.err, "mealcheck: error: unknown food 'buckwhet'; closest "
                             "matches: 20008 Buckwheat; "), "%s", r.err);
    run_free(&r);
    run_mc(&r, "foods", "show", "qqqq", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: unknown food 'qqqq'\n");
    run_free(&r);
}

Test(foods, search_text)
{
    struct run r;
    run_mc(&r, "foods", "search", "buckwheat", "groats", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect_str_eq(r.out,
                     "20009   Buckwheat groats, roasted, dry  [Cereal Grains and Pasta]\n"
                     "20010   Buckwheat groats, roasted, cooked  [Cereal Grains and Pasta]\n");
    run_free(&r);
    run_mc(&r, "foods", "search", "xyzzy", NULL);
    cr_expect_eq(r.status, 5);
    cr_expect_str_eq(r.out, "");
    cr_expect_str_eq(r.err, "mealcheck: no food matches 'xyzzy'; try fewer or English "
                            "words\n");
    run_free(&r);
    run_mc(&r, "foods", "search", "xyzzy", "plugh", "--format", "json", NULL);
    cr_expect_eq(r.status, 5);
    cr_expect_str_eq(r.out, "[]\n");
    cr_expect_str_eq(r.err, "mealcheck: no food matches 'xyzzy plugh'; try fewer or "
                            "English words\n");
    run_free(&r);
    run_mc(&r, "foods", "search", "xyzzy", "--format", "csv", NULL);
    cr_expect_eq(r.status, 5);
    cr_expect_str_eq(r.out, "id,name,group,rank\n");
    run_free(&r);
    run_mc(&r, "--help", NULL);
    cr_expect(str_has(r.out, "5 foods search: no food matches, 6 check: complies with the verified\nnorms, advisory norms not met, 7 check: compliance cannot be decided\n"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "foods", "--help", NULL);
    cr_expect(str_has(r.out, "and the exit status is 5\n"), "%s", r.out);
    run_free(&r);
}

Test(foods, search_json_and_csv)
{
    struct run r;
    run_mc(&r, "foods", "search", "buckwheat groats", "--format", "json", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(starts(r.out, "[{\"id\":\"20009\",\"name\":\"Buckwheat groats, roasted, "
                             "dry\",\"name_local\":null,\"group\":\"Cereal Grains and Pasta\","
                             "\"rank\":-"), "%s", r.out);
    cr_expect(strstr(r.out, "\n {\"id\":\"20010\","));
    run_free(&r);
    run_mc(&r, "foods", "search", "buckwheat", "--limit", "2", "--format", "csv", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(starts(r.out, "id,name,group,rank\n20008,Buckwheat,Cereal Grains and "
                             "Pasta,"), "%s", r.out);
    int lines = 0;
    for (const char *p = r.out; *p; p++)
        lines += *p == '\n';
    cr_expect_eq(lines, 3, "header and --limit 2 rows");
    run_free(&r);
    run_mc(&r, "foods", "search", "xyzzy", "--format", "json", NULL);
    cr_expect_str_eq(r.out, "[]\n");
    run_free(&r);
}

Test(foods, usage_errors_exit_2)
{
    struct run r;
    const char *cases[][4] = {
        {"search", NULL, NULL, NULL},
        {"search", "milk", "--limit", "0"},
        {"search", "milk", "--format", "xml"},
        {"search", "milk", "--bogus", NULL},
        {"show", NULL, NULL, NULL},
        {"frob", NULL, NULL, NULL},
    };
    const char *want[] = {
        "mealcheck: error: missing search text\n",
        "mealcheck: error: --limit: expected a whole number from 1 to 10000, got '0'\n",
        "mealcheck: error: --format: expected text, json or csv, got 'xml'\n",
        "mealcheck: error: unknown option '--bogus'\n",
        "mealcheck: error: missing food id\n",
        "mealcheck: error: unknown subcommand 'frob'\n",
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        run_mc(&r, "foods", cases[i][0], cases[i][1], cases[i][2], cases[i][3], NULL);
        cr_expect_eq(r.status, 2, "case %zu", i);
        cr_expect(starts(r.err, want[i]), "got %s", r.err);
        cr_expect(strstr(r.err, "\nusage: mealcheck foods search"), "usage follows");
        run_free(&r);
    }
}

Test(foods, help)
{
    struct run r;
    run_mc(&r, "foods", "--help", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(starts(r.out, "usage: mealcheck foods search TEXT..."));
    cr_expect_str_eq(r.err, "");
    run_free(&r);
    run_mc(&r, "db", "--help", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(starts(r.out, "usage: mealcheck db build [-o FILE] [--force]"));
    run_free(&r);
}

Test(foods, missing_database)
{
    struct run r;
    run_mc_nodb(&r, "--db", "/nonexistent-mc.db", "foods", "show", "01001", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: /nonexistent-mc.db: cannot open the "
                            "food database: No such file or directory (build it "
                            "with 'mealcheck db build')\n");
    run_free(&r);
}

Test(db, info)
{
    struct run r;
    run_mc(&r, "db", "info", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(strstr(r.out, "\nrelease:     SR28 (May 2016)\n"), "%s", r.out);
    cr_expect(strstr(r.out, "\nfoods:       8789 SR28, "));
    cr_expect(strstr(r.out, "\nvalues:      679045 SR28, "));
    cr_expect(strstr(r.out, "\nmeasures:    15438\n"));
    run_free(&r);
}

Test(db, build_fixture_then_skip)
{
    char dir[] = "/tmp/mc-e2e-db-XXXXXX", out[64];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(out, sizeof out, "%s/m.db", dir);
    struct run r;
    run_mc_nodb(&r, "db", "build", "-o", out, "--sr28", "tests/data/sr28-mini",
                "--local", "tests/data/local-ok", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    char want[256];
    snprintf(want, sizeof want, "built %s: 3 SR28 foods, 2 local foods, 2 food "
             "groups, 5 nutrients, 8 SR28 values, 6 local values, 3 measures, 0 aliases "
             "in ", out);
    cr_expect(starts(r.out, want), "%s", r.out);
    run_free(&r);
    run_mc_nodb(&r, "db", "build", "-o", out, "--sr28", "tests/data/sr28-mini",
                "--local", "tests/data/local-ok", NULL);
    snprintf(want, sizeof want, "%s is up to date (use --force to rebuild)\n", out);
    cr_expect_str_eq(r.out, want);
    run_free(&r);
    run_mc_nodb(&r, "--db", out, "foods", "show", "KZ9002", NULL);
    cr_expect(starts(r.out, "KZ9002  Сәбіз / Морковь (carrot, local)\n"),
              "%s", r.out);
    expect_line(r.out, "Iodine", "3", "µg");
    run_free(&r);
    unlink(out);
    rmdir(dir);
}

Test(db, build_errors_exit_2)
{
    struct run r;
    run_mc_nodb(&r, "db", "build", "-o", "/tmp/mc-e2e-never.db", "--sr28",
                "tests/data/sr28-mini", "--local", "tests/data/local-collide", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: error: tests/data/local-collide/foods.csv:2:1: "
                            "food id '01001' is already SR28's 'Butter, salted'; give "
                            "local foods ids of their own, such as KZ0001\n");
    cr_expect_eq(access("/tmp/mc-e2e-never.db", F_OK), -1);
    run_free(&r);
    run_mc_nodb(&r, "db", "build", "--sr28", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(starts(r.err, "mealcheck: error: option '--sr28' needs a value\n"));
    run_free(&r);
    run_mc_nodb(&r, "db", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(starts(r.err, "mealcheck: error: missing subcommand (build or info)\n"));
    run_free(&r);
}

/* One-letter words of a Russian name ("с", "и") do not match every name
 * that has a word beginning with that letter: nothing matches this dish. */
Test(foods, one_letter_words_match_nothing)
{
    struct run r;
    run_mc(&r, "foods", "search", "Суп куриный с лапшой и фрикадельками", NULL);
    cr_expect_eq(r.status, 5);
    cr_expect_str_eq(r.out, "");
    cr_expect_str_eq(r.err, "mealcheck: no food matches 'Суп куриный с лапшой и "
                            "фрикадельками'; try fewer or English words\n");
    run_free(&r);
}

/* A Russian name one letter off is found by its Russian name, as a Latin
 * one is by its English name ("buckwhet"): a letter is one edit, whatever
 * its bytes. */
Test(foods, cyrillic_typos_are_corrected)
{
    struct run r;
    run_mc(&r, "foods", "search", "Картофль", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_starts(r.out, "11352   Potatoes, flesh and skin, raw  "
                                "[Vegetables and Vegetable Products]\n"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "foods", "search", "Марковь", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "11124   Carrots, raw  [Vegetables and Vegetable Products]\n");
    run_free(&r);
}

/* The 14 names a tech card writes that were refused as unknown, the two
 * misspelt ones included: each is now the food meant, and the card says how
 * a name was read when a mark was set aside, the table has no food for its
 * fat share or grade, or a letter was taken for a misspelling. */
Test(foods, tech_card_names_resolve)
{
    static const char *const want[][2] = {
        {"2", "23485"}, {"3", "20481"}, {"4", "18069"}, {"5", "01123"},
        {"6", "17170"}, {"7", "KZ0012"}, {"8", "20452"}, {"9", "14355"},
        {"10", "16085"}, {"11", "CIS0001"}, {"12", "CIS0002"}, {"13", "04060"},
        {"14", "11352"}, {"15", "11124"},
    };
    struct run r;
    run_mc(&r, "recipe", "--recipes", "tests/data/names/issue17-refused.csv",
           "Tech card", "--format", "csv", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        char row[64];
        snprintf(row, sizeof row, "\nTech card,none,ingredient,%s,", want[i][0]);
        const char *at = strstr(r.out, row);
        cr_expect(at != NULL, "line %s missing: %s", want[i][0], r.out);
        if (!at)
            continue;
        char id[32];
        snprintf(id, sizeof id, ",%s,100,100,100,", want[i][1]);
        const char *eol = strchr(at + 1, '\n');
        const char *found = strstr(at, id);
        cr_expect(found && (!eol || found < eol), "line %s: expected food %s", want[i][0],
                  want[i][1]);
    }
#define F "mealcheck: warning: tests/data/names/issue17-refused.csv:"
    cr_expect(str_has(r.err, F "2:4: food 'Говядина 1 кат.' read as 'говядина' (23485 Beef, "
                             "composite of trimmed retail cuts, separable lean only, trimmed to "
                             "0\" fat, all grades, raw); set aside: 1 кат\n"), "%s", r.err);
    cr_expect(str_has(r.err, F "4:4: food 'Хлеб пшеничный 1 сорт' read as 'хлеб пшеничный' "
                             "(18069 Bread, white, commercially prepared (includes soft bread "
                             "crumbs)); no food of its own for the grade\n"), "%s", r.err);
    cr_expect(str_has(r.err, F "7:4: food 'Айран 2,5%' read as 'айран' (KZ0012 Айран / Айран "
                             "(ayran, fermented milk drink)); no food of its own for 2.5 % fat\n"),
              "%s", r.err);
    cr_expect(str_has(r.err, F "14:4: food 'Картофль' read as 'картофель' (11352 Potatoes, "
                             "flesh and skin, raw); a misspelling?\n"), "%s", r.err);
    cr_expect(!str_has(r.err, F "3:4:"), "the table has flour 'высшего сорта': %s", r.err);
    cr_expect(!str_has(r.err, F "8:4:"), "ё is е: %s", r.err);
#undef F
    run_free(&r);
}

/* Fat shares pick the food where the table has one (milk 2.5 % is 01174,
 * 2 % fat), else the generic food, said; an abbreviated or inverted name is
 * found by its words; an ambiguous one stays an error listing the foods. */
Test(foods, fat_abbreviations_and_ambiguity)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", "tests/data/names/ambiguous.csv", NULL);
    cr_expect_eq(r.status, 2, "%s", r.err);
    cr_expect_str_eq(r.err, "mealcheck: error: tests/data/names/ambiguous.csv:2:4: ambiguous "
                            "food name 'Масло 72,5%': the alias table gives 01145 Butter, "
                            "without salt; 04060 Oil, sunflower, linoleic (less than 60%); "
                            "write the id of the one meant\n");
    run_free(&r);
    run_mc(&r, "recipe", "--recipes", "tests/data/names/fat-and-words.csv", "Milk and butter",
           "--format", "csv", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.err, "fat-and-words.csv:3:4: food 'Молоко м.д.ж. 1,5%' read as "
                             "'молоко' (01211 Milk, whole, 3.25% milkfat, without added vitamin "
                             "A and vitamin D); set aside: м.д.ж; no food of its own for 1.5 % "
                             "fat\n"), "%s", r.err);
    cr_expect(!str_has(r.err, "fat-and-words.csv:2:4:"), "the table has 2.5 %%: %s", r.err);
    cr_expect(str_has(r.out, "\nMilk and butter,none,ingredient,2,\"01174 Milk, reduced fat"),
              "%s", r.out);
    cr_expect(str_has(r.out, "\nMilk and butter,none,ingredient,3,\"01211 Milk, whole"), "%s",
              r.out);
    cr_expect(str_has(r.out, "\nMilk and butter,none,ingredient,4,\"01145 Butter, without salt"),
              "%s", r.out);
    cr_expect(str_has(r.out, "\nMilk and butter,none,ingredient,5,\"04060 Oil, sunflower"),
              "%s", r.out);
    run_free(&r);
}

#define KITCHEN "tests/data/names/kitchen-aliases.csv"
#define KITCHEN_BAD "tests/data/names/kitchen-aliases-bad.csv"

/* A caterer's own table is checked as `db build` checks the shipped ones:
 * every problem with file:line:column, exit status 2. */
Test(foods, alias_check)
{
    struct run r;
    run_mc(&r, "foods", "alias", "check", KITCHEN, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, KITCHEN ": 3 names of foods, every one good\n");
    run_free(&r);
    run_mc(&r, "foods", "alias", "check", KITCHEN_BAD, NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.out, "");
    cr_expect_str_eq(r.err,
        "mealcheck: error: " KITCHEN_BAD ":3:2: lang: expected ru or kk, got 'uz'\n"
        "mealcheck: error: " KITCHEN_BAD ":4:3: unknown food id '99999': expected an SR28 "
        "NDB_No (20009) or a local food id (KZ0001)\n"
        "mealcheck: error: " KITCHEN_BAD ":5:1: missing alias\n"
        "mealcheck: error: " KITCHEN_BAD ":6:1: duplicate alias 'МАСЛО' for 01145 (first at "
        KITCHEN_BAD ":2)\n");
    run_free(&r);
    run_mc(&r, "foods", "alias", "check", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_has(r.err, "missing alias table file"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "foods", "alias", "check", "tests/data/names/no-such.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_has(r.err, "tests/data/names/no-such.csv"), "%s", r.err);
    run_free(&r);
}

/* The same table as an Excel workbook. */
Test(foods, alias_table_in_a_workbook)
{
    char path[] = "/tmp/mc-aliases-XXXXXX.xlsx";
    int fd = mkstemps(path, 5);
    cr_assert_geq(fd, 0);
    close(fd);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Names");
    cr_assert(wb && ws);
    static const char *const cells[][3] = {
        {"alias", "lang", "food_id"}, {"масло", "ru", "01145"}, {"морковча", "ru", "11124"}};
    for (int row = 0; row < 3; row++)
        for (int c = 0; c < 3; c++)
            worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)c, cells[row][c], NULL);
    cr_assert_eq(workbook_close(wb), LXW_NO_ERROR);
    struct run r;
    run_mc(&r, "foods", "alias", "check", path, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.out, ": 2 names of foods, every one good\n"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "recipe", "--recipes", "tests/data/names/ambiguous.csv", "--aliases", path,
           "--format", "csv", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.out, "\nAmbiguous,none,ingredient,2,\"01145 Butter, without salt\""),
              "%s", r.out);
    run_free(&r);
    unlink(path);
}

/* --aliases: the caterer's names come first, in recipes, menus, checks and
 * search; a bad table stops the command with every problem. */
Test(foods, own_aliases_on_the_command_line)
{
    struct run r;
    run_mc(&r, "recipe", "--recipes", "tests/data/names/ambiguous.csv", NULL);
    cr_expect_eq(r.status, 2, "without the table, 'масло' is butter or oil");
    run_free(&r);
    run_mc(&r, "recipe", "--recipes", "tests/data/names/ambiguous.csv", "--aliases", KITCHEN,
           "--format", "csv", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_has(r.out, "\nAmbiguous,none,ingredient,2,\"01145 Butter, without salt\""),
              "%s", r.out);
    cr_expect(str_has(r.err, "food 'Масло 72,5%' read as 'масло' (01145 Butter, without "
                             "salt); no food of its own for 72.5 % fat\n"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "menu", "--recipes", "menus/recipes.csv", "--menu",
           "tests/data/names/menu-kitchen.csv", "--aliases", KITCHEN, "--format", "csv", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    /* 100 g of raw carrots: 41 kcal, 0.9 g protein (SR28 11124). */
    cr_expect(str_has(r.out, "\ndish,1,1,Monday,lunch,Морковча,,11124,none,100,,,41,1,0.9,1,"),
              "%s", r.out);
    run_free(&r);
    run_mc(&r, "check", "--recipes", "menus/recipes.csv", "--menu",
           "tests/data/names/menu-kitchen.csv", "--standard", "ru_sanpin_3590_20", "--group",
           "7-11", "--date", "2025-09-01", "--aliases", KITCHEN, "--format", "json", NULL);
    cr_expect_neq(r.status, 2, "%s", r.err);
    cr_expect(!str_has(r.err, "unknown dish"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "check", "--recipes", "menus/recipes.csv", "--menu",
           "tests/data/names/menu-kitchen.csv", "--standard", "ru_sanpin_3590_20", "--group",
           "7-11", "--date", "2025-09-01", "--aliases", KITCHEN_BAD, NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_has(r.err, "mealcheck: error: " KITCHEN_BAD ":3:2: lang: expected ru or "
                             "kk, got 'uz'\n"), "%s", r.err);
    run_free(&r);
    run_mc(&r, "foods", "search", "масло", "--aliases", KITCHEN, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(str_starts(r.out, "01145   Butter, without salt  [Dairy and Egg Products]\n"),
              "%s", r.out);
    run_free(&r);
    run_mc(&r, "recipe", "--recipes", "tests/data/names/ambiguous.csv", "--aliases", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(str_has(r.err, "option '--aliases' needs a value"), "%s", r.err);
    run_free(&r);
}

/* The aliases column of an audit manifest: each school's own names, and a
 * school whose table is bad is not checked, with every problem. */
Test(foods, own_aliases_in_an_audit)
{
    struct run r;
    run_mc(&r, "audit", "tests/data/names/schools.csv", "--recipes", "menus/recipes.csv",
           "--date", "2025-09-01", "--format", "json", NULL);
    cr_expect_eq(r.status, 4, "%s", r.err);
    cr_expect(str_has(r.out, "{\"id\":\"OWN\",\"name\":\"With its names\""), "%s", r.out);
    /* The shipped SanPiN set only advises (its lunch share is unverified). */
    cr_expect(str_has(r.out, "\"line\":2,\"verdict\":\"unverified_norms\""), "%s", r.out);
    cr_expect(str_has(r.out, "\"line\":3,\"verdict\":\"not_checked\",\"complies\":null,"
                             "\"errors\":[\"tests/data/names/menu-kitchen.csv:2:4: unknown "
                             "dish 'Морковча': not a recipe of menus/recipes.csv, a food id or a "
                             "food name; did you mean 'морковка' (11124 Carrots, raw)?\"]"),
              "%s", r.out);
    cr_expect(str_has(r.out, "\"line\":4,\"verdict\":\"not_checked\",\"complies\":null,"
                             "\"errors\":[\"tests/data/names/kitchen-aliases-bad.csv:3:2: "
                             "lang: expected ru or kk, got 'uz'\""), "%s", r.out);
    run_free(&r);
}

/* With --lang ru or kk, foods go by the names people there know, SR28's id
 * and English name beside them: search, show, recipe text and JSON. */
Test(foods, local_names_in_russian_and_kazakh)
{
    struct run r;
    run_mc(&r, "--lang", "ru", "foods", "search", "гречка", "--limit", "1", NULL);
    cr_expect_str_eq(r.out, "20009   гречка (Buckwheat groats, roasted, dry)  "
                            "[Cereal Grains and Pasta]\n");
    run_free(&r);
    run_mc(&r, "--lang", "kk", "foods", "search", "минтай", "--limit", "1", "--format",
           "json", NULL);
    cr_expect(str_starts(r.out, "[{\"id\":\"15066\",\"name\":\"Fish, pollock, Alaska, raw "
                                "(may have been previously frozen)\",\"name_local\":\"минтай\","),
              "%s", r.out);
    run_free(&r);
    run_mc(&r, "--lang", "kk", "foods", "show", "01145", NULL);
    cr_expect(str_starts(r.out, "01145  сары май (Butter, without salt)\n"), "%s", r.out);
    run_free(&r);
    run_mc(&r, "--lang", "ru", "foods", "show", "01145", "--format", "json", NULL);
    cr_expect(str_starts(r.out, "{\"id\":\"01145\",\"name\":\"Butter, without salt\","
                                "\"name_local\":\"масло сливочное\","), "%s", r.out);
    run_free(&r);
    run_mc(&r, "--lang", "ru", "recipe", "--recipes", "menus/recipes.csv", "Плов", NULL);
    cr_expect(str_has(r.out, "   11124 морковь (Carrots, raw)\n"), "%s", r.out);
    cr_expect(str_has(r.out, "   13293 Beef, chuck, under blade pot roast"),
              "no alias: SR28's name alone: %s", r.out);
    run_free(&r);
    run_mc(&r, "--lang", "ru", "recipe", "--recipes", "menus/recipes.csv", "Плов", "--format",
           "json", NULL);
    cr_expect(str_has(r.out, "\"food_id\":\"11124\",\"sub_recipe\":null,\"food_name\":"
                             "\"Carrots, raw\",\"food_name_local\":\"морковь\","), "%s", r.out);
    run_free(&r);
    run_mc(&r, "recipe", "--recipes", "menus/recipes.csv", "Плов", NULL);
    cr_expect(str_has(r.out, "   11124 Carrots, raw\n"), "English: SR28's names: %s", r.out);
    run_free(&r);
}

/* An ambiguous name lists its candidates by the names the user knows. */
Test(foods, ambiguous_names_in_the_users_language)
{
    struct run r;
    run_mc(&r, "--lang", "ru", "recipe", "--recipes", "tests/data/names/ambiguous.csv", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "mealcheck: ошибка: tests/data/names/ambiguous.csv:2:4: "
                            "неоднозначное название продукта «Масло 72,5%»: в таблице названий "
                            "это 01145 масло сливочное (Butter, without salt); 04060 масло "
                            "подсолнечное (Oil, sunflower, linoleic (less than 60%)); запишите "
                            "id нужного\n");
    run_free(&r);
    run_mc(&r, "--lang", "kk", "recipe", "--recipes", "tests/data/names/ambiguous.csv", NULL);
    cr_expect(str_has(r.err, "01145 сары май (Butter, without salt); 04060 күнбағыс майы "
                             "(Oil, sunflower, linoleic (less than 60%))"), "%s", r.err);
    run_free(&r);
}
