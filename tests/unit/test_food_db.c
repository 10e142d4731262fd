/*
 * test_food_db.c - the food database: lookups and search on the real SR28
 * database ($MC_TEST_DB), and builds from the small fixtures in tests/data/.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mealcheck/csv.h"
#include "mealcheck/food_db.h"
#include "mealcheck/recipe.h"

static struct mc_food_db *db;

static void open_real(void)
{
    const char *path = getenv("MC_TEST_DB");
    struct mc_err err = {0};
    cr_assert_eq(mc_food_db_open(path ? path : MC_FOOD_DB_DEFAULT, &db, &err), MC_OK,
                 "%s", mc_err_text(&err) ? mc_err_text(&err) : "");
}

static void close_real(void)
{
    mc_food_db_close(db);
    db = NULL;
}

static struct mc_food *get(const char *id)
{
    struct mc_err err = {0};
    struct mc_food *f = NULL;
    cr_assert_eq(mc_food_db_get(db, id, &f, &err), MC_OK, "food %s", id);
    return f;
}

TestSuite(food_db, .init = open_real, .fini = close_real);

/* NUT_DATA.txt: ~01001~^~208~^717 and ~01001~^~204~^81.11. */
Test(food_db, butter_salted)
{
    struct mc_food *f = get("01001");
    cr_expect_str_eq(f->id, "01001");
    cr_expect_str_eq(f->name, "Butter, salted");
    cr_expect_str_eq(f->short_name, "BUTTER,WITH SALT");
    cr_expect_str_eq(f->group, "Dairy and Egg Products");
    cr_expect_str_eq(f->source, "USDA SR28");
    cr_expect_float_eq(f->per100.mass_g, 100.0, 0);
    cr_expect_float_eq(f->per100.value[MC_N_ENERGY_KCAL], 717.0, 1e-9);
    cr_expect_float_eq(f->per100.value[MC_N_FAT_G], 81.11, 1e-9);
    cr_expect_float_eq(f->per100.value[MC_N_PROTEIN_G], 0.85, 1e-9);
    cr_expect_float_eq(f->per100.value[MC_N_SODIUM_MG], 643.0, 1e-9);
    cr_expect_float_eq(f->per100.known_g[MC_N_FAT_G], 100.0, 0);
    mc_food_free(f);
}

/* 20009 has ~20009~^~328~^0.0 (vitamin D measured as zero) and no row for
 * 605 (trans fat): zero is known, the missing row is unknown. */
Test(food_db, unknown_is_not_zero)
{
    struct mc_food *f = get("20009");
    cr_expect_float_eq(f->per100.value[MC_N_VIT_D_UG], 0.0, 0);
    cr_expect_float_eq(f->per100.known_g[MC_N_VIT_D_UG], 100.0, 0);
    cr_expect(!mc_nvec_unknown(&f->per100, MC_N_VIT_D_UG));
    cr_expect_float_eq(f->per100.known_g[MC_N_TRANS_FAT_G], 0.0, 0);
    cr_expect(mc_nvec_unknown(&f->per100, MC_N_TRANS_FAT_G));
    cr_expect(mc_nvec_unknown(&f->per100, MC_N_IODINE_UG), "SR28 has no iodine");
    cr_expect_float_eq(f->per100.value[MC_N_ENERGY_KCAL], 346.0, 1e-9);
    mc_food_free(f);
}

/* WEIGHT.txt rows of 01001, in Seq order. */
Test(food_db, household_measures)
{
    struct mc_food *f = get("01001");
    cr_assert_eq(f->n_measures, 4);
    const char *unit[] = {"pat (1\" sq, 1/3\" high)", "tbsp", "cup", "stick"};
    const double grams[] = {5.0, 14.2, 227, 113};
    for (size_t i = 0; i < 4; i++) {
        cr_expect_float_eq(f->measures[i].amount, 1.0, 0);
        cr_expect_str_eq(f->measures[i].unit, unit[i]);
        cr_expect_float_eq(f->measures[i].grams, grams[i], 1e-9);
    }
    mc_food_free(f);
}

/* FOOD_DES.txt: 11003 "Tough stems", 6 %; 09110 (goji) has no Refuse. */
Test(food_db, refuse)
{
    struct mc_food *f = get("11003");
    cr_expect(f->refuse_known);
    cr_expect_float_eq(f->refuse_pct, 6.0, 1e-9);
    cr_expect_str_eq(f->refuse_desc, "Tough stems");
    mc_food_free(f);
    f = get("09110");
    cr_expect(!f->refuse_known);
    cr_expect_float_eq(f->refuse_pct, 0.0, 0);
    cr_expect_str_eq(f->refuse_desc, "");
    mc_food_free(f);
}

Test(food_db, not_found_records_nothing)
{
    struct mc_err err = {0};
    struct mc_food *f = (struct mc_food *)1;
    cr_expect_eq(mc_food_db_get(db, "99999", &f, &err), MC_ERR_NOT_FOUND);
    cr_expect_null(f);
    cr_expect_eq(mc_food_db_find_name(db, "Butter", &f, &err), MC_ERR_NOT_FOUND);
    cr_expect_eq(err.count, 0);
    cr_expect_null(mc_err_text(&err));
}

Test(food_db, find_name_ignores_ascii_case)
{
    struct mc_err err = {0};
    struct mc_food *f = NULL;
    cr_assert_eq(mc_food_db_find_name(db, "BUTTER, SALTED", &f, &err), MC_OK);
    cr_expect_str_eq(f->id, "01001");
    cr_expect_eq(f->n_measures, 4);
    mc_food_free(f);
}

/* Search and return the hits' ids, joined by spaces. */
static void search_ids(const char *text, size_t limit, char *out, size_t size)
{
    struct mc_err err = {0};
    struct mc_food_hit *h;
    size_t n, len = 0;
    cr_assert_eq(mc_food_db_search(db, text, limit, &h, &n, &err), MC_OK);
    cr_assert(n <= limit);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        len += (size_t)snprintf(out + len, size - len, "%s%s", i ? " " : "", h[i].id);
        /* One word has no order: plain rank order. */
        if (i && !strchr(text, ' '))
            cr_expect(h[i - 1].rank <= h[i].rank, "hits in rank order");
    }
    mc_food_hits_free(h, n);
}

/* Only 20009 and 20010 have both words, the same number of times in names
 * of equal word count, so they tie on rank; the shorter name comes first. */
Test(food_db, search_ranks_buckwheat_groats_first)
{
    char ids[512];
    search_ids("buckwheat groats", 5, ids, sizeof ids);
    cr_expect_str_eq(ids, "20009 20010");
    search_ids("Buckwheat, GROATS!", 5, ids, sizeof ids);
    cr_expect_str_eq(ids, "20009 20010", "case and punctuation do not matter");
    search_ids("kasha", 5, ids, sizeof ids);
    cr_expect_str_eq(ids, "20009 20010", "the common name is indexed");
}

/* "buckwhet" is one edit from "buckwheat"; "grots" one from both "groats"
 * and "grits", and both are tried. */
Test(food_db, search_corrects_typos)
{
    char ids[512];
    search_ids("buckwhet grots", 5, ids, sizeof ids);
    cr_expect_str_eq(ids, "20009 20010");
    search_ids("brocoli", 1, ids, sizeof ids);
    cr_expect_str_eq(ids, "11090", "Broccoli, raw");
    search_ids("xyzzy", 5, ids, sizeof ids);
    cr_expect_str_eq(ids, "");
    search_ids("", 5, ids, sizeof ids);
    cr_expect_str_eq(ids, "");
}

/* The head of the name (before the first comma) outweighs a mention:
 * "Butter, salted" before "Croissants, butter". */
Test(food_db, search_prefers_the_food_itself)
{
    char ids[512];
    search_ids("butter", 2, ids, sizeof ids);
    cr_expect_str_eq(ids, "01001 01145", "Butter, salted; Butter, without salt");
}

/* No food is both buckwheat and a spaceship: any word will do. */
Test(food_db, search_falls_back_to_any_word)
{
    struct mc_err err = {0};
    struct mc_food_hit *h;
    size_t n;
    cr_assert_eq(mc_food_db_search(db, "buckwheat spaceship", 20, &h, &n, &err), MC_OK);
    cr_expect_eq(n, 7, "7 SR28 names contain buckwheat (grep -ci on FOOD_DES)");
    for (size_t i = 0; i < n; i++)
        cr_expect(strstr(h[i].name, "uckwheat"), "%s", h[i].name);
    mc_food_hits_free(h, n);
    char ids[512];
    search_ids("milk", 3, ids, sizeof ids);
    cr_expect_eq(strlen(ids), 17, "limit 3: three 5-digit ids: '%s'", ids);
}

/* Words as a person types them: whole milk (01077, 01211: "Milk, whole,
 * ...") before buttermilk (01230: "Milk, buttermilk, fluid, whole"),
 * which bm25 alone ranks first (a shorter name), then dry whole milk,
 * all before potatoes mashed "without milk, whole milk". */
Test(food_db, search_prefers_typed_word_order)
{
    char ids[512];
    search_ids("Milk whole", 5, ids, sizeof ids);
    cr_expect_str_eq(ids, "01077 01211 01230 01090 01212");
    /* Typed the other way round, the name's head is still whole milk;
     * then the names that hold "whole milk" (ricotta, mozzarella). */
    search_ids("whole milk", 4, ids, sizeof ids);
    cr_expect_str_eq(ids, "01077 01211 01036 01026");
}

Test(food_db, search_finds_local_foods_in_cyrillic)
{
    char ids[512];
    search_ids("кумыс", 5, ids, sizeof ids);
    cr_expect_str_eq(ids, "KZ0001");
    search_ids("ҚҰРТ", 5, ids, sizeof ids);
    cr_expect_str_eq(ids, "KZ0002", "Kazakh upper case folds");
}

/* 115 NUT_DATA rows for 01001 (grep -c '^~01001~' NUT_DATA.txt) out of
 * 150 SR28 nutrients, plus iodine, which only local tables can give. */
/* Every alias of food_composition/aliases/ names a food of the database
 * and is found again by mc_food_db_find_alias(); the table has at least
 * 400, in Russian and Kazakh. */
Test(food_db, every_alias_resolves)
{
    struct mc_err err = {0};
    struct mc_csv *csv;
    cr_assert_eq(mc_csv_open("food_composition/aliases/cis_school.csv", &csv, &err),
                 MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(mc_csv_next(csv, &err), 1);
    cr_assert_str_eq(mc_csv_field(csv, 0), "alias");
    cr_assert_str_eq(mc_csv_field(csv, 1), "lang");
    cr_assert_str_eq(mc_csv_field(csv, 2), "food_id");
    long n = 0, ru = 0, kk = 0;
    while (mc_csv_next(csv, &err) > 0) {
        const char *alias = mc_csv_field(csv, 0), *id = mc_csv_field(csv, 2);
        n++;
        ru += !strcmp(mc_csv_field(csv, 1), "ru");
        kk += !strcmp(mc_csv_field(csv, 1), "kk");
        struct mc_food *f = NULL;
        cr_expect_eq(mc_food_db_get(db, id, &f, &err), MC_OK, "line %ld: %s -> %s",
                     mc_csv_line(csv), alias, id);
        mc_food_free(f);
        struct mc_food_hit *hits;
        size_t nh, k = 0;
        cr_assert_eq(mc_food_db_find_alias(db, alias, 16, &hits, &nh, &err), MC_OK);
        while (k < nh && strcmp(hits[k].id, id))
            k++;
        cr_expect_lt(k, nh, "line %ld: '%s' does not find %s", mc_csv_line(csv),
                     alias, id);
        mc_food_hits_free(hits, nh);
    }
    mc_csv_close(csv);
    cr_expect_geq(n, 400);
    cr_expect_geq(ru, 200);
    cr_expect_geq(kk, 200);
}

/* Russian and Kazakh names find the food they name first, in any case. */
Test(food_db, search_finds_russian_and_kazakh_names)
{
    static const char *const q[][2] = {
        {"гречка", "20009"}, {"ГРЕЧКА", "20009"}, {"Қарақұмық", "20009"},
        {"сүт", "01211"}, {"картофель", "11352"}, {"КАРТОП", "11352"},
        {"минтай", "15066"}, {"жылқы еті", "17170"}};
    for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
        struct mc_err err = {0};
        struct mc_food_hit *hits;
        size_t n;
        cr_assert_eq(mc_food_db_search(db, q[i][0], 5, &hits, &n, &err), MC_OK);
        cr_assert_gt(n, 0, "%s", q[i][0]);
        cr_expect_str_eq(hits[0].id, q[i][1], "%s", q[i][0]);
        for (size_t k = 1; k < n; k++)
            cr_expect_str_neq(hits[k].id, hits[0].id, "%s: listed twice", q[i][0]);
        mc_food_hits_free(hits, n);
    }
}

/* Kazakh foods of food_composition/local/kz_national.csv: mare's milk
 * with the values its source states (41 kcal, fat 1.0 g, protein 2.2 g,
 * water 89.3 g), kazy with none (unknown, not zero), both found by their
 * Kazakh names. */
Test(food_db, kazakh_national_foods)
{
    struct mc_food *f = get("KZ0005");
    cr_expect_float_eq(f->per100.value[MC_N_ENERGY_KCAL], 41, 1e-9);
    cr_expect_float_eq(f->per100.value[MC_N_FAT_G], 1.0, 1e-9);
    cr_expect_float_eq(f->per100.value[MC_N_PROTEIN_G], 2.2, 1e-9);
    cr_expect_float_eq(f->per100.value[MC_N_WATER_G], 89.3, 1e-9);
    cr_expect_eq(f->per100.known_g[MC_N_CARB_G], 0, "carbohydrate unknown");
    mc_food_free(f);
    f = get("KZ0007");
    for (int n = 0; n < MC_N_COUNT; n++)
        cr_expect_eq(f->per100.known_g[n], 0, "kazy: nutrient %d is unknown", n);
    mc_food_free(f);
    static const char *const names[][2] = {{"қазы", "KZ0007"}, {"бие сүті", "KZ0005"},
                                           {"бауырсақ", "KZ0010"}, {"Құрт", "KZ0002"}};
    for (size_t i = 0; i < 4; i++) {
        struct mc_err err = {0};
        struct mc_food_hit *hits;
        size_t n;
        cr_assert_eq(mc_food_db_find_alias(db, names[i][0], 4, &hits, &n, &err), MC_OK);
        cr_assert_eq(n, 1, "%s", names[i][0]);
        cr_expect_str_eq(hits[0].id, names[i][1]);
        mc_food_hits_free(hits, n);
    }
}

/* "масло" alone is butter or oil: both, by id. */
Test(food_db, ambiguous_alias)
{
    struct mc_err err = {0};
    struct mc_food_hit *hits;
    size_t n;
    cr_assert_eq(mc_food_db_find_alias(db, "Масло", 16, &hits, &n, &err), MC_OK);
    cr_assert_eq(n, 2);
    cr_expect_str_eq(hits[0].id, "01145");
    cr_expect_str_eq(hits[1].id, "04060");
    mc_food_hits_free(hits, n);
    cr_assert_eq(mc_food_db_find_alias(db, "не еда", 16, &hits, &n, &err), MC_OK);
    cr_expect_eq(n, 0);
    mc_food_hits_free(hits, n);
}

Test(food_db, values_list_every_nutrient)
{
    struct mc_err err = {0};
    struct mc_food_value *v;
    size_t n, known = 0;
    cr_assert_eq(mc_food_db_values(db, "01001", &v, &n, &err), MC_OK);
    cr_expect_eq(n, 151);
    for (size_t i = 0; i < n; i++) {
        known += (size_t)v[i].known;
        if (v[i].nr == 208) {
            cr_expect_float_eq(v[i].value, 717, 1e-9);
            cr_expect_str_eq(v[i].unit, "kcal");
            cr_expect_str_eq(v[i].key, "energy_kcal");
            cr_expect_str_eq(v[i].tag, "ENERC_KCAL");
        }
        if (v[i].nr == 313) { /* ~01001~^~313~^2.8 */
            cr_expect_str_eq(v[i].unit, "µg");
            cr_expect_str_eq(v[i].name, "Fluoride, F");
            cr_expect_float_eq(v[i].value, 2.8, 1e-9);
            cr_expect_null(v[i].key, "not a canonical nutrient");
        }
        if (v[i].nr == 257) {
            cr_expect_str_eq(v[i].name, "Adjusted Protein");
            cr_expect(!v[i].known, "butter has no 257 row");
        }
    }
    cr_expect_eq(known, 115);
    cr_expect_str_eq(v[0].name, "Water", "SR_Order 100 comes first");
    mc_food_values_free(v, n);
    cr_expect_eq(mc_food_db_values(db, "99999", &v, &n, &err), MC_ERR_NOT_FOUND);
    cr_expect_null(v);
}

Test(food_db, provenance)
{
    struct mc_err err = {0};
    struct mc_food_db_provenance p;
    cr_assert_eq(mc_food_db_provenance(db, &p, &err), MC_OK);
    cr_expect_str_eq(p.source, "USDA National Nutrient Database for Standard Reference");
    cr_expect_str_eq(p.release, "SR28 (May 2016)");
    cr_expect_eq(strlen(p.imported_at), 20, "%s", p.imported_at);
    cr_expect_eq(p.imported_at[10], 'T');
    cr_expect_eq(p.foods, 8789);
    cr_expect_eq(p.values, 679045);
    cr_expect_eq(p.measures, 15438);
    cr_expect_eq(p.groups, 25);
    cr_expect_eq(p.nutrients, 150);
    mc_food_db_provenance_release(&p);
    mc_food_db_provenance_release(NULL);
}

/* --- builds from fixtures -------------------------------------------- */

static char tmpdir[64];

static void make_tmpdir(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/mc-food-db-XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir));
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[512];
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (unlink(path) != 0)
            remove_tree(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

static void remove_tmpdir(void)
{
    remove_tree(tmpdir);
}

TestSuite(food_build, .init = make_tmpdir, .fini = remove_tmpdir);

static const char *const sr28_files[] = {"FD_GROUP.txt", "NUTR_DEF.txt",
                                         "FOOD_DES.txt", "NUT_DATA.txt",
                                         "WEIGHT.txt"};

/* Copy tests/data/sr28-mini to tmpdir/sr28, so a test may change it. */
static void copy_mini(char *dir, size_t size)
{
    snprintf(dir, size, "%s/sr28", tmpdir);
    cr_assert_eq(mkdir(dir, 0755), 0);
    for (size_t i = 0; i < 5; i++) {
        char from[256], to[256];
        snprintf(from, sizeof from, "tests/data/sr28-mini/%s", sr28_files[i]);
        snprintf(to, sizeof to, "%s/%s", dir, sr28_files[i]);
        FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
        cr_assert(in && out);
        int c;
        while ((c = fgetc(in)) != EOF)
            fputc(c, out);
        fclose(in);
        fclose(out);
    }
}

static mc_code build(const char *sr28, const char *local, const char *out,
                     int force, struct mc_food_db_build_stats *st,
                     struct mc_err *err)
{
    struct mc_food_db_build_opts o = {sr28, local, out, force, NULL};
    return mc_food_db_build(&o, st, err);
}

static int count_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    while (d && (e = readdir(d)))
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

Test(food_build, mini_sr28)
{
    char out[128];
    snprintf(out, sizeof out, "%s/m.db", tmpdir);
    struct mc_err err = {0};
    struct mc_food_db_build_stats st;
    cr_assert_eq(build("tests/data/sr28-mini", NULL, out, 0, &st, &err), MC_OK,
                 "%s", mc_err_text(&err));
    cr_expect_eq(st.skipped, 0);
    cr_expect_eq(st.foods, 3);
    cr_expect_eq(st.groups, 2);
    cr_expect_eq(st.nutrients, 5);
    cr_expect_eq(st.values, 8);
    cr_expect_eq(st.measures, 3);
    cr_expect_eq(st.local_foods, 0);

    cr_assert_eq(mc_food_db_open(out, &db, &err), MC_OK);
    struct mc_food *f = get("11124");
    cr_expect_float_eq(f->per100.value[MC_N_ENERGY_KCAL], 41, 1e-9);
    cr_expect(mc_nvec_unknown(&f->per100, MC_N_FAT_G), "no 204 row for 11124");
    cr_expect_float_eq(f->refuse_pct, 11, 1e-9);
    cr_expect_str_eq(f->refuse_desc, "Crown, tops and scrapings");
    cr_assert_eq(f->n_measures, 1);
    cr_expect_float_eq(f->measures[0].amount, 0.5, 0);
    cr_expect_str_eq(f->measures[0].unit, "cup chopped");
    mc_food_free(f);
    f = get("11999");
    cr_expect_str_eq(f->name, "Kiwi \xe2\x80\x98Gold3\xe2\x80\x99, test item");
    cr_expect(!f->refuse_known);
    cr_expect_eq(f->n_measures, 0);
    mc_food_free(f);
    f = get("01001");
    cr_expect_float_eq(f->per100.value[MC_N_VIT_C_MG], 0.0, 0);
    cr_expect(!mc_nvec_unknown(&f->per100, MC_N_VIT_C_MG), "0.0 is a value");
    cr_expect_float_eq(f->per100.value[MC_N_VIT_A_UG_RAE], 684, 1e-9);
    mc_food_free(f);
    mc_food_db_close(db);
    db = NULL;
    struct stat sb;
    cr_assert_eq(stat(out, &sb), 0);
    cr_expect_eq(sb.st_mode & 0044, 0044, "readable like any file the user makes");
}

Test(food_build, unchanged_inputs_are_skipped)
{
    char sr28[128], out[128];
    copy_mini(sr28, sizeof sr28);
    snprintf(out, sizeof out, "%s/m.db", tmpdir);
    struct mc_err err = {0};
    struct mc_food_db_build_stats st;
    cr_assert_eq(build(sr28, NULL, out, 0, &st, &err), MC_OK);
    cr_expect_eq(st.skipped, 0);
    cr_assert_eq(build(sr28, NULL, out, 0, &st, &err), MC_OK);
    cr_expect_eq(st.skipped, 1);
    cr_expect_eq(st.foods, 3, "counts come from the existing database");
    cr_expect_eq(st.values, 8);
    cr_assert_eq(build(sr28, NULL, out, 1, &st, &err), MC_OK);
    cr_expect_eq(st.skipped, 0, "--force");
    /* A newer modification time is a change. */
    char path[256];
    snprintf(path, sizeof path, "%s/WEIGHT.txt", sr28);
    struct timespec t[2] = {{0, UTIME_NOW}, {2000000000, 0}};
    cr_assert_eq(utimensat(AT_FDCWD, path, t, 0), 0);
    cr_assert_eq(build(sr28, NULL, out, 0, &st, &err), MC_OK);
    cr_expect_eq(st.skipped, 0);
    cr_expect_eq(count_files(tmpdir), 2, "sr28/ and m.db, no temporary files");
}

/* Every problem of every file in one run; line:field as in the files. */
Test(food_build, bad_sr28_reports_everything_and_keeps_the_old_database)
{
    char out[128];
    snprintf(out, sizeof out, "%s/m.db", tmpdir);
    struct mc_err err = {0};
    struct mc_food_db_build_stats st;
    cr_assert_eq(build("tests/data/sr28-mini", NULL, out, 0, &st, &err), MC_OK);
    cr_expect_eq(build("tests/data/sr28-bad", NULL, out, 1, &st, &err), MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err),
        "tests/data/sr28-bad/FOOD_DES.txt:2:3: unexpected text after a closing '~'\n"
        "tests/data/sr28-bad/FOOD_DES.txt:3:1: duplicate food '01001' (first on line 1)\n"
        "tests/data/sr28-bad/FOOD_DES.txt:4:2: unknown food group '1200' (not in FD_GROUP.txt)\n"
        "tests/data/sr28-bad/FOOD_DES.txt:4:9: expected a number for Refuse, found '1O'\n"
        "tests/data/sr28-bad/NUT_DATA.txt:2:3: expected a number for Nutr_Val, found 'abc'\n"
        "tests/data/sr28-bad/NUT_DATA.txt:3:1: unknown food '01002' (not in FOOD_DES.txt)\n"
        "tests/data/sr28-bad/NUT_DATA.txt:4:2: unknown nutrient '999' (not in NUTR_DEF.txt)\n"
        "tests/data/sr28-bad/NUT_DATA.txt:5: expected 18 fields, found 4\n"
        "tests/data/sr28-bad/NUT_DATA.txt:6:2: duplicate value of nutrient 203 for food '01001'\n"
        "tests/data/sr28-bad/WEIGHT.txt:1:3: missing Amount\n");
    mc_err_release(&err);
    cr_expect_eq(count_files(tmpdir), 1, "no temporary file left behind");
    /* The database from the good build is still there, whole. */
    struct mc_food_db_provenance p;
    cr_assert_eq(mc_food_db_open(out, &db, &err), MC_OK);
    cr_assert_eq(mc_food_db_provenance(db, &p, &err), MC_OK);
    cr_expect_eq(p.foods, 3);
    cr_expect_eq(p.values, 8);
    mc_food_db_provenance_release(&p);
    struct mc_food *f = get("11124");
    cr_expect_str_eq(f->name, "Carrots, raw");
    mc_food_free(f);
    mc_food_db_close(db);
    db = NULL;
}

Test(food_build, missing_sr28_file)
{
    char sr28[128], out[128], path[256];
    copy_mini(sr28, sizeof sr28);
    snprintf(path, sizeof path, "%s/WEIGHT.txt", sr28);
    cr_assert_eq(unlink(path), 0);
    snprintf(out, sizeof out, "%s/m.db", tmpdir);
    struct mc_err err = {0};
    struct mc_food_db_build_stats st;
    cr_expect_eq(build(sr28, NULL, out, 0, &st, &err), MC_ERR_INPUT);
    char want[300];
    snprintf(want, sizeof want, "%s: cannot open: No such file or directory\n", path);
    cr_expect_str_eq(mc_err_text(&err), want);
    mc_err_release(&err);
    cr_expect_eq(count_files(tmpdir), 1, "only sr28/: no database, no temporary");
}

Test(food_build, never_overwrites_a_file_that_is_not_a_database)
{
    char out[128];
    snprintf(out, sizeof out, "%s/menu.csv", tmpdir);
    FILE *f = fopen(out, "w");
    cr_assert_not_null(f);
    fputs("day,meal,dish,grams\n", f);
    fclose(f);
    struct mc_err err = {0};
    struct mc_food_db_build_stats st;
    cr_expect_eq(build("tests/data/sr28-mini", NULL, out, 1, &st, &err), MC_ERR_INPUT);
    char want[256];
    snprintf(want, sizeof want, "%s: exists and is not a mealcheck food database; "
             "not replacing it\n", out);
    cr_expect_str_eq(mc_err_text(&err), want);
    mc_err_release(&err);
    char *text = NULL;
    size_t cap = 0;
    f = fopen(out, "r");
    cr_assert_not_null(f);
    cr_expect_eq(getline(&text, &cap, f), 20);
    cr_expect_str_eq(text, "day,meal,dish,grams\n", "the file is untouched");
    free(text);
    fclose(f);
}

Test(food_build, output_folder_missing)
{
    struct mc_err err = {0};
    struct mc_food_db_build_stats st;
    cr_expect_eq(build("tests/data/sr28-mini", NULL, "/nonexistent-mc/x.db", 0,
                       &st, &err), MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err), "/nonexistent-mc/x.db: cannot write: "
                               "No such file or directory\n");
    mc_err_release(&err);
}

/* tests/data/local-ok/foods.csv: a BOM, CRLF, a blank line, Cyrillic and
 * Kazakh names, a decimal comma ("350,5"), empty cells (unknown). */
Test(food_build, local_foods)
{
    char out[128];
    snprintf(out, sizeof out, "%s/m.db", tmpdir);
    struct mc_err err = {0};
    struct mc_food_db_build_stats st;
    cr_assert_eq(build("tests/data/sr28-mini", "tests/data/local-ok", out, 0, &st,
                       &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_eq(st.local_foods, 2);
    cr_expect_eq(st.local_values, 6, "KZ9001: 2 values, KZ9002: 4");
    cr_expect_eq(st.values, 8, "SR28 values are counted apart");
    cr_assert_eq(mc_food_db_open(out, &db, &err), MC_OK);
    struct mc_food *f = get("KZ9001");
    cr_expect_str_eq(f->name, "Бауырсақ (baursak, fried dough)");
    cr_expect_str_eq(f->group, "Baked goods", "a group of its own");
    cr_expect_str_eq(f->source, "Test fixture");
    cr_expect_str_eq(f->short_name, "");
    cr_expect_float_eq(f->per100.value[MC_N_ENERGY_KCAL], 350.5, 1e-9);
    cr_expect_float_eq(f->per100.value[MC_N_PROTEIN_G], 7.5, 1e-9);
    cr_expect(mc_nvec_unknown(&f->per100, MC_N_FAT_G), "empty cell = unknown");
    cr_expect(f->refuse_known);
    cr_expect_float_eq(f->refuse_pct, 0, 0);
    mc_food_free(f);
    f = get("KZ9002");
    cr_expect_str_eq(f->group, "Vegetables and Vegetable Products",
                     "the SR28 group, whatever the case");
    cr_expect_float_eq(f->per100.value[MC_N_IODINE_UG], 3, 1e-9);
    cr_expect_float_eq(f->refuse_pct, 12.5, 1e-9);
    cr_expect_str_eq(f->refuse_desc, "peel");
    mc_food_free(f);
    char ids[512];
    search_ids("бауырсақ", 5, ids, sizeof ids);
    cr_expect_str_eq(ids, "KZ9001");
    mc_food_db_close(db);
    db = NULL;
}

static void expect_local_error(const char *local, const char *want)
{
    char out[128];
    snprintf(out, sizeof out, "%s/m.db", tmpdir);
    struct mc_err err = {0};
    struct mc_food_db_build_stats st;
    cr_expect_eq(build("tests/data/sr28-mini", local, out, 0, &st, &err),
                 MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err), want);
    mc_err_release(&err);
    cr_expect_eq(count_files(tmpdir), 0, "nothing written");
}

Test(food_build, duplicate_local_id)
{
    expect_local_error("tests/data/local-dup",
        "tests/data/local-dup/b.csv:2:1: duplicate food id 'KZ9001' (first at "
        "tests/data/local-dup/a.csv:2)\n");
}

Test(food_build, local_id_colliding_with_sr28)
{
    expect_local_error("tests/data/local-collide",
        "tests/data/local-collide/foods.csv:2:1: food id '01001' is already "
        "SR28's 'Butter, salted'; give local foods ids of their own, such as "
        "KZ0001\n");
}

Test(food_build, bad_local_tables)
{
    expect_local_error("tests/data/local-bad",
        "tests/data/local-bad/a_header.csv:1:5: unknown column 'vitamin_x' "
        "(expected id, name, group, refuse_pct, source, refuse_desc or a "
        "nutrient key such as energy_kcal)\n"
        "tests/data/local-bad/a_header.csv:1:7: duplicate column 'energy_kcal'\n"
        "tests/data/local-bad/a_header.csv:1: missing column 'source'\n"
        "tests/data/local-bad/b_rows.csv:2:2: missing name\n"
        "tests/data/local-bad/b_rows.csv:3:4: expected a refuse percentage from "
        "0 to below 100, found '120'\n"
        "tests/data/local-bad/b_rows.csv:3:6: expected a number >= 0 for "
        "energy_kcal, found 'abc'\n"
        "tests/data/local-bad/b_rows.csv:3:7: expected a number >= 0 for "
        "protein_g, found '-1'\n"
        "tests/data/local-bad/b_rows.csv:4:2: unterminated quoted field; "
        "expected a closing '\"'\n");
}

/* Alias rows are checked like local foods: every problem, with its place. */
Test(food_build, bad_alias_table)
{
    char out[600];
    snprintf(out, sizeof out, "%s/a.db", tmpdir);
    struct mc_food_db_build_opts o = {.sr28_dir = "tests/data/sr28-mini",
                                      .out_path = out,
                                      .alias_dir = "tests/data/aliases-bad"};
    struct mc_food_db_build_stats st;
    struct mc_err err = {0};
    cr_assert_eq(mc_food_db_build(&o, &st, &err), MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err),
        "tests/data/aliases-bad/a.csv:5:1: duplicate alias 'масло' for 01001 (first "
        "at tests/data/aliases-bad/a.csv:4)\n"
        "tests/data/aliases-bad/a.csv:6:3: unknown food id '09252': expected an SR28 "
        "NDB_No (20009) or a local food id (KZ0001)\n"
        "tests/data/aliases-bad/a.csv:7:2: lang: expected ru or kk, got 'en'\n"
        "tests/data/aliases-bad/a.csv:8:1: missing alias\n");
    mc_err_release(&err);
    cr_expect_eq(count_files(tmpdir), 0, "nothing written");
}

Test(food_build, open_errors)
{
    struct mc_err err = {0};
    struct mc_food_db *d = (struct mc_food_db *)1;
    cr_expect_eq(mc_food_db_open("/nonexistent-mc/x.db", &d, &err), MC_ERR_INPUT);
    cr_expect_null(d);
    cr_expect_str_eq(mc_err_text(&err), "/nonexistent-mc/x.db: cannot open the food "
                     "database: No such file or directory (build it with "
                     "'mealcheck db build')\n");
    mc_err_release(&err);
    cr_expect_eq(mc_food_db_open("tests/data/local-ok/foods.csv", &d, &err),
                 MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err), "tests/data/local-ok/foods.csv: not a mealcheck "
                               "food database\n");
    mc_err_release(&err);
    mc_food_db_close(NULL);
    mc_food_free(NULL);
    mc_food_hits_free(NULL, 0);
    mc_food_values_free(NULL, 0);
}

/* Append line to file name of the SR28 copy in dir; its path goes to path. */
static void append_line(const char *dir, const char *name, const char *line,
                        char *path, size_t size)
{
    snprintf(path, size, "%s/%s", dir, name);
    FILE *f = fopen(path, "ab");
    cr_assert(f);
    fputs(line, f);
    cr_assert_eq(fclose(f), 0);
}

/* Build from the SR28 copy in sr28, which must fail; the messages go to err. */
static void build_bad(const char *sr28, struct mc_err *err)
{
    char out[128];
    struct mc_food_db_build_stats st;
    snprintf(out, sizeof out, "%s/m.db", tmpdir);
    cr_expect_eq(build(sr28, NULL, out, 0, &st, err), MC_ERR_INPUT);
}

/* A code of twenty digits is reported like any malformed code; reading it
 * once overflowed an int (undefined behaviour, found under UBSan). */
Test(food_build, overlong_code)
{
    char sr28[128], path[256], want[512];
    struct mc_err err = {0};
    copy_mini(sr28, sizeof sr28);
    append_line(sr28, "FD_GROUP.txt", "~01000000000000000000~^~Overflow~\r\n",
                path, sizeof path);
    build_bad(sr28, &err);
    snprintf(want, sizeof want, "%s:3:1: expected a 4-digit FdGrp_Cd, found "
             "'01000000000000000000'\n", path);
    cr_expect_str_eq(mc_err_text(&err), want);
    mc_err_release(&err);
}

/* Seq, Num_Dec and SR_Order are whole numbers: 1e300 was converted to int
 * as it stood (undefined behaviour, found under UBSan).  The fixture's
 * NUTR_DEF.txt has five lines (one ends in a lone CR): ours is line 6. */
Test(food_build, out_of_range_whole_numbers)
{
    char sr28[128], path[256], path2[256], want[1024];
    struct mc_err err = {0};
    copy_mini(sr28, sizeof sr28);
    append_line(sr28, "WEIGHT.txt", "~11124~^1e300^1^~cup~^128^^\r\n", path,
                sizeof path);
    append_line(sr28, "NUTR_DEF.txt",
                "~205~^~g~^~CHOCDF~^~Carbohydrate~^~-1~^~2.5~\r\n", path2,
                sizeof path2);
    build_bad(sr28, &err);
    snprintf(want, sizeof want,
             "%s:6:5: expected a whole number for Num_Dec, found '-1'\n"
             "%s:4:2: expected a whole number for Seq, found '1e300'\n",
             path2, path);
    cr_expect_str_eq(mc_err_text(&err), want);
    mc_err_release(&err);
}

/* 212 product names as published school tech cards, menus-требования and
 * food-set norms write them (tests/data/names/cis-products.csv, each with
 * its source): at least 156 resolve to one food, as they did when the list
 * was made (73 before names were read apart from their marks), and each
 * name with an expected id resolves to that food. */
Test(food_db, published_product_names)
{
    struct mc_err err = {0};
    struct mc_csv *csv;
    cr_assert_eq(mc_csv_open("tests/data/names/cis-products.csv", &csv, &err), MC_OK,
                 "%s", mc_err_text(&err));
    cr_assert_eq(mc_csv_next(csv, &err), 1);
    cr_assert_str_eq(mc_csv_field(csv, 2), "expected_food_id_or_empty");
    long names = 0, resolved = 0, checked = 0;
    while (mc_csv_next(csv, &err) > 0) {
        const char *name = mc_csv_field(csv, 0), *want = mc_csv_field(csv, 2);
        struct mc_err e = {0};
        struct mc_food *f = NULL;
        names++;
        cr_expect(strncmp(mc_csv_field(csv, 1), "http", 4) == 0, "line %ld: no source",
                  mc_csv_line(csv));
        mc_code rc = mc_recipe_find_food(db, name, &f, NULL, &e);
        resolved += rc == MC_OK;
        if (*want) {
            checked++;
            cr_expect(rc == MC_OK && !strcmp(f->id, want), "line %ld: '%s' gives %s, not %s",
                      mc_csv_line(csv), name, rc == MC_OK ? f->id : "no food", want);
        }
        mc_food_free(f);
        mc_err_release(&e);
    }
    mc_csv_close(csv);
    cr_expect_eq(names, 212);
    cr_expect_eq(checked, 155);
    cr_expect_geq(resolved, 166, "%ld of %ld names resolve", resolved, names);
}

/* The published names the alias table learnt (tests/data/names/README.md),
 * each to the SR28 food it means. */
Test(food_db, published_names_learnt)
{
    static const struct { const char *name, *id; } want[] = {
        {"Хлеб из муки пшеничной", "18069"},
        {"Хлеб белый из пшеничной муки 1 сорта", "18069"},
        {"Хлеб зерновой пшеничный", "28397"},
        {"Бедро куриное", "05091"},
        {"Булочка", "18342"},
        {"Заварка", "14355"},
        {"Кофе", "14209"},
        {"Бульон мясной", "06170"},
        {"Биойогурт", "01116"},
        {"Вода питьевая детская", "14555"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        struct mc_err e = {0};
        struct mc_food *f = NULL;
        mc_code rc = mc_recipe_find_food(db, want[i].name, &f, NULL, &e);
        cr_expect(rc == MC_OK && !strcmp(f->id, want[i].id), "'%s' gives %s, not %s",
                  want[i].name, rc == MC_OK ? f->id : "no food", want[i].id);
        mc_food_free(f);
        mc_err_release(&e);
    }
}

/* Words in brackets that say which bread it is are read with the base:
 * «Хлеб (из муки смешанной валки)» is rye-wheat bread (18060), not the
 * white bread «Хлеб» alone names (18069). */
Test(food_db, bracketed_words_choose_the_food)
{
    struct mc_err err = {0};
    struct mc_food_hit *hits;
    size_t n;
    struct mc_product_match how;
    cr_assert_eq(mc_food_db_find_product(db, "Хлеб (из муки смешанной валки)", 8, &hits, &n,
                                         &how, &err), MC_OK, "%s", mc_err_text(&err));
    cr_assert_eq(n, 1);
    cr_expect_str_eq(hits[0].id, "18060");
    cr_expect_str_eq(how.read_as, "хлеб из муки смешанной валки");
    mc_food_hits_free(hits, n);
    /* Brackets that only repeat the name still give the base's food. */
    cr_assert_eq(mc_food_db_find_product(db, "Хлеб (батон)", 8, &hits, &n, &how, &err), MC_OK);
    cr_assert_eq(n, 1);
    cr_expect_str_eq(hits[0].id, "18069");
    mc_food_hits_free(hits, n);
}

/* A kitchen's own table comes first; one with errors adds nothing, and
 * takes out only its own rows, not those of a table added before. */
Test(food_db, own_aliases_first_and_all_or_nothing)
{
    struct mc_err err = {0};
    struct mc_food_hit *hits;
    size_t n, added = 99;
    cr_assert_eq(mc_food_db_add_aliases(db, "tests/data/names/kitchen-aliases-bad.csv",
                                        &added, &err), MC_ERR_INPUT);
    cr_expect_eq(added, 0);
    cr_expect_eq(err.count, 4, "%s", mc_err_text(&err));
    mc_err_release(&err);
    cr_assert_eq(mc_food_db_find_alias(db, "масло", 8, &hits, &n, &err), MC_OK);
    cr_expect_eq(n, 2, "the bad table's 'масло' was taken out: butter and oil");
    mc_food_hits_free(hits, n);

    cr_assert_eq(mc_food_db_add_aliases(db, "tests/data/names/kitchen-aliases.csv", &added,
                                        &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_eq(added, 3);
    cr_assert_eq(mc_food_db_find_alias(db, "МАСЛО", 8, &hits, &n, &err), MC_OK);
    cr_assert_eq(n, 1);
    cr_expect_str_eq(hits[0].id, "01145");
    cr_expect_str_eq(hits[0].alias, "масло");
    mc_food_hits_free(hits, n);

    /* The same table again: every row a duplicate, none added twice. */
    cr_expect_eq(mc_food_db_add_aliases(db, "tests/data/names/kitchen-aliases.csv", &added,
                                        &err), MC_ERR_INPUT);
    cr_expect_eq(err.count, 3);
    cr_expect(strstr(mc_err_text(&err), "kitchen-aliases.csv:2:1: duplicate alias 'масло' for 01145 "
                               "(first at tests/data/names/kitchen-aliases.csv:2)"), "%s",
              mc_err_text(&err));
    mc_err_release(&err);
    cr_assert_eq(mc_food_db_find_alias(db, "морковча", 8, &hits, &n, &err), MC_OK);
    cr_expect_eq(n, 1, "the first table's rows stay");
    mc_food_hits_free(hits, n);
}

/* Iodised salt carries the iodine of its national standard (40 µg/g) on top
 * of SR28's table salt, and the card's name finds it. */
Test(food_db, iodised_salt)
{
    struct mc_food *f = get("CIS0003");
    cr_expect_float_eq(f->per100.value[MC_N_IODINE_UG], 4000.0, 1e-9);
    cr_expect_eq(f->per100.known_g[MC_N_IODINE_UG], 100.0);
    cr_expect_float_eq(f->per100.value[MC_N_SODIUM_MG], 38758.0, 1e-9, "SR28 02047's");
    mc_food_free(f);
    struct mc_err err = {0};
    cr_assert_eq(mc_recipe_find_food(db, "Соль поваренная пищевая йодированная", &f, NULL,
                                     &err), MC_OK);
    cr_expect_str_eq(f->id, "CIS0003");
    mc_food_free(f);
    cr_assert_eq(mc_recipe_find_food(db, "соль", &f, NULL, &err), MC_OK);
    cr_expect_str_eq(f->id, "02047", "plain salt stays SR28's, iodine unknown");
    cr_expect_eq(f->per100.known_g[MC_N_IODINE_UG], 0.0);
    mc_food_free(f);
}

/* The name a food goes by: the first of its aliases in the language that
 * names no other food; Kazakh falls back to Russian; English has none. */
Test(food_db, local_names)
{
    static const char *const want[][3] = {
        {"20009", "ru", "гречка"}, {"20009", "kk", "қарақұмық"}, {"01145", "kk", "сары май"},
        {"01145", "ru", "масло сливочное"}, {"15066", "ru", "минтай"},
        {"15066", "kk", "минтай"}, /* its Kazakh name, балық, is every fish's */
        {"20009", "en", ""}, {"13293", "ru", ""}, {"KZ0001", "ru", "кумыс"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        struct mc_err err = {0};
        char name[128] = "x";
        cr_assert_eq(mc_food_db_local_name(db, want[i][0], want[i][1], name, sizeof name,
                                           &err), MC_OK);
        cr_expect_str_eq(name, want[i][2], "%s in %s", want[i][0], want[i][1]);
    }
}

/* One wrong letter in one word is read as the alias it misspells, when
 * that names one food and the letter is not in the word's last two. */
Test(food_db, misspelt_product_names)
{
    static const char *const want[][2] = {
        {"Картофль", "11352"}, {"Марковь", "11124"}, {"Капуста белокачанная", "11109"},
        {"Морковча", ""},  /* ча/ка: an ending, another word */
        {"Яица", ""},      /* four letters: too short to guess */
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        struct mc_err err = {0};
        struct mc_food_hit *hits;
        struct mc_product_match how;
        size_t n;
        cr_assert_eq(mc_food_db_find_product(db, want[i][0], 8, &hits, &n, &how, &err),
                     MC_OK);
        if (*want[i][1]) {
            cr_expect(n == 1 && !strcmp(hits[0].id, want[i][1]), "%s", want[i][0]);
            cr_expect_eq(how.misspelt, 1, "%s", want[i][0]);
        } else {
            cr_expect_eq(n, 0, "%s", want[i][0]);
        }
        mc_food_hits_free(hits, n);
    }
}
