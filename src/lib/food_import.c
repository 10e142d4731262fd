/*
 * food_import.c - mc_food_db_build(): SR28 and local food tables into SQLite.
 *
 * The importer validates as it goes (field counts, numbers, references
 * between the SR28 files, duplicate ids) and keeps reading after a bad
 * line, so one run reports every problem up to MC_ERR_LIMIT.  Everything
 * is written inside one transaction to a temporary file beside the target,
 * which is renamed into place only when the whole import succeeded.  The
 * schema is documented in docs/database.md.
 */
#include "mealcheck/food_db.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mealcheck/csv.h"
#include "mealcheck/infile.h"
#include "mealcheck/sr28.h"
#include "mealcheck/text.h"
#include "mealcheck/version.h"
#include "alias_table.h"
#include "folder.h"
#include "tempfile.h"

#define SCHEMA_VERSION MC_FOOD_DB_SCHEMA_VERSION

/* A hash of the importer's sources (the Makefile's IMPORTER list), so that
 * a database built by other import rules is rebuilt even when nobody bumped
 * the schema version. */
#ifndef MC_IMPORTER_HASH
#error "MC_IMPORTER_HASH is not defined: build with make (see IMPORTER in the Makefile)"
#endif

#define SR28_SOURCE "USDA SR28"
#define SR28_SOURCE_LONG "USDA National Nutrient Database for Standard Reference"
#define SR28_RELEASE "SR28 (May 2016)"

/* Nutrient numbers for canonical nutrients SR28 lacks (iodine): beyond the
 * three-digit SR28 range, so they can never collide. */
#define LOCAL_NR_BASE 9000

static const char schema[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE food_group(code TEXT PRIMARY KEY, name TEXT NOT NULL,"
    "  source TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE nutrient(nr INTEGER PRIMARY KEY, unit TEXT NOT NULL,"
    "  tag TEXT NOT NULL, name TEXT NOT NULL, decimals INTEGER NOT NULL,"
    "  sr_order INTEGER NOT NULL, key TEXT UNIQUE, source TEXT NOT NULL);"
    "CREATE TABLE food(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    "  group_code TEXT NOT NULL REFERENCES food_group(code),"
    "  name TEXT NOT NULL, head TEXT NOT NULL, short_name TEXT NOT NULL,"
    "  common_name TEXT NOT NULL,"
    "  manufacturer TEXT NOT NULL, sci_name TEXT NOT NULL,"
    "  refuse_pct REAL, refuse_desc TEXT NOT NULL,"
    "  n_factor REAL, pro_factor REAL, fat_factor REAL, cho_factor REAL,"
    "  source TEXT NOT NULL, origin TEXT NOT NULL);"
    "CREATE INDEX food_by_name ON food(name COLLATE NOCASE);"
    "CREATE TABLE nut_data(food_id TEXT NOT NULL, nr INTEGER NOT NULL,"
    "  value REAL NOT NULL, PRIMARY KEY(food_id, nr)) WITHOUT ROWID;"
    "CREATE TABLE weight(food_id TEXT NOT NULL, seq INTEGER NOT NULL,"
    "  amount REAL NOT NULL, unit TEXT NOT NULL, grams REAL NOT NULL,"
    "  PRIMARY KEY(food_id, seq)) WITHOUT ROWID;"
    "CREATE TABLE food_alias(fold TEXT NOT NULL, alias TEXT NOT NULL,"
    "  lang TEXT NOT NULL, food_id TEXT NOT NULL REFERENCES food(id),"
    "  note TEXT NOT NULL, origin TEXT NOT NULL, seq INTEGER NOT NULL,"
    "  PRIMARY KEY(fold, food_id)) WITHOUT ROWID;"
    "CREATE VIRTUAL TABLE alias_fts USING fts5(alias, food_id UNINDEXED,"
    "  written UNINDEXED, tokenize='unicode61 remove_diacritics 2');"
    "CREATE VIRTUAL TABLE alias_vocab USING fts5vocab(alias_fts, 'row');"
    "CREATE VIRTUAL TABLE food_fts USING fts5(name, head, common_name,"
    "  short_name, content='food', content_rowid='rowid',"
    "  tokenize='unicode61 remove_diacritics 2');"
    "CREATE VIRTUAL TABLE food_vocab USING fts5vocab(food_fts, 'row');";

/* Everything one import needs; lives for one mc_food_db_build() call. */
struct import {
    sqlite3 *db;
    struct mc_err *err;
    struct mc_food_db_build_stats *st;
    int *food_line;          /* FOOD_DES line of NDB_No n, 0 = none */
    unsigned char grp[10000];  /* FdGrp_Cd seen */
    unsigned char nutr[1000];  /* Nutr_No seen */
    int local_groups;
    sqlite3_stmt *ins_group, *ins_nutr, *ins_food, *ins_value, *ins_weight;
    sqlite3_stmt *find_food, *find_group;
};

static mc_code db_error(struct import *im, const char *what)
{
    return mc_err_set(im->err, MC_ERR_DB, "%s: %s", what, sqlite3_errmsg(im->db));
}

static mc_code exec(struct import *im, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(im->db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return MC_OK;
    mc_code rc = mc_err_set(im->err, MC_ERR_DB, "database: %s", msg ? msg : "error");
    sqlite3_free(msg);
    return rc;
}

static mc_code prepare(struct import *im, const char *sql, sqlite3_stmt **st)
{
    if (sqlite3_prepare_v2(im->db, sql, -1, st, NULL) != SQLITE_OK)
        return db_error(im, "preparing the import");
    return MC_OK;
}

/* Run an insert whose parameters are bound; 1 = done, 0 = constraint
 * violated (a duplicate), -1 = database failure (recorded). */
static int step_insert(struct import *im, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    int ret = rc == SQLITE_DONE ? 1 : rc == SQLITE_CONSTRAINT ? 0 : -1;
    if (ret < 0) /* before the reset, which would clear the message */
        db_error(im, "writing the database");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return ret;
}

/* An insert that checks made sure cannot be a duplicate: MC_OK or the
 * recorded failure. */
static mc_code insert_new(struct import *im, sqlite3_stmt *st)
{
    int rc = step_insert(im, st);
    if (rc == 0)
        return mc_err_set(im->err, MC_ERR_INTERNAL,
                          "a row was written twice to the database");
    return rc > 0 ? MC_OK : MC_ERR_DB;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* An SR28 number field bound as REAL, or left NULL when empty or bad
 * (recorded). */
static void bind_number(struct import *im, struct mc_sr28 *r, size_t f,
                        const char *what, sqlite3_stmt *st, int i)
{
    double v;
    if (mc_sr28_number(r, f, what, &v, im->err) > 0)
        sqlite3_bind_double(st, i, v);
}

/* A fixed-width all-digit code (NDB_No "01001", FdGrp_Cd "0100", Nutr_No
 * "203"), as its number; -1 when malformed (recorded). */
static int code(struct import *im, struct mc_sr28 *r, size_t f, int width,
                const char *what)
{
    const char *s = mc_sr28_field(r, f);
    int v = 0, n = 0;
    /* Past width digits the code is wrong anyway; v must not overflow. */
    for (; n <= width && s[n] >= '0' && s[n] <= '9'; n++)
        v = v * 10 + (s[n] - '0');
    if (s[n] == '\0' && n == width)
        return v;
    mc_err_at(im->err, MC_ERR_INPUT, mc_sr28_path(r), mc_sr28_line(r),
              (long)f + 1, "expected a %d-digit %s, found '%s'", width, what, s);
    return -1;
}

/* Field f as a whole number from 0 to INT_MAX (Seq, Num_Dec, SR_Order);
 * returns as mc_sr28_number does.  A double outside int's range has no
 * conversion to int (undefined behaviour), so it is reported here. */
static int whole_number(struct import *im, struct mc_sr28 *r, size_t f,
                        const char *what, int *out)
{
    double x;
    int rc = mc_sr28_number(r, f, what, &x, im->err);
    if (rc <= 0)
        return rc;
    if (!(x >= 0 && x <= INT_MAX) || x != floor(x))
        return mc_err_at(im->err, MC_ERR_INPUT, mc_sr28_path(r),
                         mc_sr28_line(r), (long)f + 1,
                         "expected a whole number for %s, found '%s'", what,
                         mc_sr28_field(r, f)), -1;
    *out = (int)x;
    return 1;
}

/* Whether field f, read with result rc, was there: an empty field is
 * recorded as missing.  1 = present and good, 0 = missing or bad. */
static int required(struct import *im, struct mc_sr28 *r, size_t f,
                    const char *what, int rc)
{
    if (rc == 0)
        mc_err_at(im->err, MC_ERR_INPUT, mc_sr28_path(r), mc_sr28_line(r),
                  (long)f + 1, "missing %s", what);
    return rc > 0;
}

/* A number that must be present: 1 = *out set, 0 = empty or bad (recorded). */
static int required_number(struct import *im, struct mc_sr28 *r, size_t f,
                           const char *what, double *out)
{
    return required(im, r, f, what, mc_sr28_number(r, f, what, out, im->err));
}

/* Row handlers: 0 = imported or a recorded input error (keep going),
 * -1 = a database failure (stop). */

static int row_group(struct import *im, struct mc_sr28 *r)
{
    int c = code(im, r, 0, 4, "FdGrp_Cd");
    if (c < 0)
        return 0;
    bind_text(im->ins_group, 1, mc_sr28_field(r, 0));
    bind_text(im->ins_group, 2, mc_sr28_field(r, 1));
    bind_text(im->ins_group, 3, SR28_SOURCE);
    int rc = step_insert(im, im->ins_group);
    if (rc == 0)
        mc_err_at(im->err, MC_ERR_INPUT, mc_sr28_path(r), mc_sr28_line(r), 1,
                  "duplicate food group '%s'", mc_sr28_field(r, 0));
    if (rc > 0) {
        im->grp[c] = 1;
        im->st->groups++;
    }
    return rc < 0 ? -1 : 0;
}

/* SR28 writes µg; the canonical table writes ug. */
static int same_unit(const char *sr, const char *canon)
{
    return strcmp(sr, canon) == 0 ||
           (strcmp(canon, "ug") == 0 && strcmp(sr, "\xC2\xB5g") == 0);
}

static int row_nutrient(struct import *im, struct mc_sr28 *r)
{
    int nr = code(im, r, 0, 3, "Nutr_No");
    int dec = 0, order = 0;
    if (nr < 0 || whole_number(im, r, 4, "Num_Dec", &dec) < 0 ||
        whole_number(im, r, 5, "SR_Order", &order) < 0)
        return 0;
    int n = mc_nutrient_by_sr(nr);
    const char *unit = mc_sr28_field(r, 1);
    if (n >= 0 && !same_unit(unit, mc_nutrient_info(n)->unit)) {
        mc_err_at(im->err, MC_ERR_INPUT, mc_sr28_path(r), mc_sr28_line(r), 2,
                  "nutrient %d is in %s, but mealcheck's %s expects %s", nr,
                  unit, mc_nutrient_info(n)->key, mc_nutrient_info(n)->unit);
        return 0;
    }
    sqlite3_bind_int(im->ins_nutr, 1, nr);
    bind_text(im->ins_nutr, 2, unit);
    bind_text(im->ins_nutr, 3, mc_sr28_field(r, 2));
    bind_text(im->ins_nutr, 4, mc_sr28_field(r, 3));
    sqlite3_bind_int(im->ins_nutr, 5, dec);
    sqlite3_bind_int(im->ins_nutr, 6, order);
    if (n >= 0)
        bind_text(im->ins_nutr, 7, mc_nutrient_info(n)->key);
    bind_text(im->ins_nutr, 8, SR28_SOURCE);
    int rc = step_insert(im, im->ins_nutr);
    if (rc == 0)
        mc_err_at(im->err, MC_ERR_INPUT, mc_sr28_path(r), mc_sr28_line(r), 1,
                  "duplicate nutrient %d", nr);
    if (rc > 0) {
        im->nutr[nr] = 1;
        im->st->nutrients++;
    }
    return rc < 0 ? -1 : 0;
}

static int row_food(struct import *im, struct mc_sr28 *r)
{
    int id = code(im, r, 0, 5, "NDB_No");
    int grp = code(im, r, 1, 4, "FdGrp_Cd");
    if (id < 0 || grp < 0)
        return 0;
    const char *path = mc_sr28_path(r);
    long line = mc_sr28_line(r);
    int errors = im->err->count;
    if (im->food_line[id])
        mc_err_at(im->err, MC_ERR_INPUT, path, line, 1,
                  "duplicate food '%s' (first on line %d)", mc_sr28_field(r, 0),
                  im->food_line[id]);
    if (!im->grp[grp])
        mc_err_at(im->err, MC_ERR_INPUT, path, line, 2,
                  "unknown food group '%s' (not in FD_GROUP.txt)",
                  mc_sr28_field(r, 1));
    sqlite3_stmt *st = im->ins_food;
    bind_text(st, 1, mc_sr28_field(r, 0));
    bind_text(st, 2, mc_sr28_field(r, 1));
    bind_text(st, 3, mc_sr28_field(r, 2));
    bind_text(st, 4, mc_sr28_field(r, 3));
    bind_text(st, 5, mc_sr28_field(r, 4));
    bind_text(st, 6, mc_sr28_field(r, 5));
    bind_text(st, 7, mc_sr28_field(r, 9));
    bind_text(st, 9, mc_sr28_field(r, 7));
    bind_text(st, 14, SR28_SOURCE);
    bind_text(st, 15, "");
    /* Each number is checked so that every bad field is reported. */
    bind_number(im, r, 8, "Refuse", st, 8);
    bind_number(im, r, 10, "N_Factor", st, 10);
    bind_number(im, r, 11, "Pro_Factor", st, 11);
    bind_number(im, r, 12, "Fat_Factor", st, 12);
    bind_number(im, r, 13, "CHO_Factor", st, 13);
    if (im->err->count != errors) {
        sqlite3_clear_bindings(st);
        return 0;
    }
    int rc = step_insert(im, st);
    if (rc > 0) {
        im->food_line[id] = (int)line;
        im->st->foods++;
    }
    return rc < 0 ? -1 : 0;
}

/* Checks shared by NUT_DATA and WEIGHT: the food must exist. */
static int known_food(struct import *im, struct mc_sr28 *r)
{
    int id = code(im, r, 0, 5, "NDB_No");
    if (id < 0)
        return 0;
    if (!im->food_line[id]) {
        mc_err_at(im->err, MC_ERR_INPUT, mc_sr28_path(r), mc_sr28_line(r), 1,
                  "unknown food '%s' (not in FOOD_DES.txt)", mc_sr28_field(r, 0));
        return 0;
    }
    return 1;
}

static int row_value(struct import *im, struct mc_sr28 *r)
{
    if (!known_food(im, r))
        return 0;
    int nr = code(im, r, 1, 3, "Nutr_No");
    if (nr < 0)
        return 0;
    const char *path = mc_sr28_path(r);
    long line = mc_sr28_line(r);
    if (!im->nutr[nr])
        return mc_err_at(im->err, MC_ERR_INPUT, path, line, 2,
                         "unknown nutrient '%s' (not in NUTR_DEF.txt)",
                         mc_sr28_field(r, 1)), 0;
    double v;
    if (!required_number(im, r, 2, "Nutr_Val", &v))
        return 0;
    bind_text(im->ins_value, 1, mc_sr28_field(r, 0));
    sqlite3_bind_int(im->ins_value, 2, nr);
    sqlite3_bind_double(im->ins_value, 3, v);
    int rc = step_insert(im, im->ins_value);
    if (rc == 0)
        mc_err_at(im->err, MC_ERR_INPUT, path, line, 2,
                  "duplicate value of nutrient %d for food '%s'", nr,
                  mc_sr28_field(r, 0));
    if (rc > 0)
        im->st->values++;
    return rc < 0 ? -1 : 0;
}

static int row_weight(struct import *im, struct mc_sr28 *r)
{
    if (!known_food(im, r))
        return 0;
    const char *path = mc_sr28_path(r);
    long line = mc_sr28_line(r);
    double amount, grams;
    int seq = 0;
    /* Every check runs so that each bad field of the line is reported. */
    int ok = required(im, r, 1, "Seq", whole_number(im, r, 1, "Seq", &seq));
    ok &= required_number(im, r, 2, "Amount", &amount);
    ok &= required_number(im, r, 4, "Gm_Wgt", &grams);
    if (!*mc_sr28_field(r, 3)) {
        mc_err_at(im->err, MC_ERR_INPUT, path, line, 4, "missing Msre_Desc");
        ok = 0;
    }
    if (!ok)
        return 0;
    bind_text(im->ins_weight, 1, mc_sr28_field(r, 0));
    sqlite3_bind_int(im->ins_weight, 2, seq);
    sqlite3_bind_double(im->ins_weight, 3, amount);
    bind_text(im->ins_weight, 4, mc_sr28_field(r, 3));
    sqlite3_bind_double(im->ins_weight, 5, grams);
    int rc = step_insert(im, im->ins_weight);
    if (rc == 0)
        mc_err_at(im->err, MC_ERR_INPUT, path, line, 2,
                  "duplicate measure %d for food '%s'", seq,
                  mc_sr28_field(r, 0));
    if (rc > 0)
        im->st->measures++;
    return rc < 0 ? -1 : 0;
}

/* The SR28 files, in dependency order. */
static const struct sr28_table {
    const char *file;
    size_t nfields;
    int (*row)(struct import *im, struct mc_sr28 *r);
} sr28_tables[] = {
    {"FD_GROUP.txt", 2, row_group},
    {"NUTR_DEF.txt", 6, row_nutrient},
    {"FOOD_DES.txt", 14, row_food},
    {"NUT_DATA.txt", 18, row_value},
    {"WEIGHT.txt", 7, row_weight},
};

static mc_code import_sr28_table(struct import *im, const char *dir,
                                 const struct sr28_table *t)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, t->file);
    struct mc_sr28 *r;
    mc_code rc = mc_sr28_open(path, &r, im->err);
    if (rc)
        return rc;
    int got;
    while (!mc_err_full(im->err) && (got = mc_sr28_next(r, im->err)) != 0) {
        if (got < 0)
            continue;
        if (mc_sr28_nfields(r) != t->nfields) {
            mc_err_at(im->err, MC_ERR_INPUT, path, mc_sr28_line(r), 0,
                      "expected %zu fields, found %zu", t->nfields,
                      mc_sr28_nfields(r));
            continue;
        }
        if (t->row(im, r) < 0) {
            rc = MC_ERR_DB;
            break;
        }
    }
    mc_sr28_close(r);
    return rc;
}

/* --- local foods ------------------------------------------------------ */

/* Column roles in a local food table. */
enum { COL_ID, COL_NAME, COL_GROUP, COL_REFUSE, COL_SOURCE, COL_REFUSE_DESC,
       COL_FIXED };
static const char *const fixed_cols[COL_FIXED] = {
    "id", "name", "group", "refuse_pct", "source", "refuse_desc"};

/* The nutrient number that stores canonical nutrient n. */
static int nutrient_nr(int n)
{
    int nr = mc_nutrient_info(n)->sr_nutr_no;
    return nr ? nr : LOCAL_NR_BASE + n;
}

/* Canonical nutrients SR28 lacks get a definition of their own, so local
 * tables can give values for them. */
static mc_code add_local_nutrients(struct import *im)
{
    for (int n = 0; n < MC_N_COUNT; n++) {
        const struct mc_nutrient_info *ni = mc_nutrient_info(n);
        if (ni->sr_nutr_no)
            continue;
        sqlite3_bind_int(im->ins_nutr, 1, nutrient_nr(n));
        /* Written the way SR28 writes units. */
        bind_text(im->ins_nutr, 2, strcmp(ni->unit, "ug") ? ni->unit : "\xC2\xB5g");
        bind_text(im->ins_nutr, 3, "");
        bind_text(im->ins_nutr, 4, ni->name);
        sqlite3_bind_int(im->ins_nutr, 5, ni->decimals);
        sqlite3_bind_int(im->ins_nutr, 6, 100000 + n);
        bind_text(im->ins_nutr, 7, ni->key);
        bind_text(im->ins_nutr, 8, "mealcheck");
        mc_code rc = insert_new(im, im->ins_nutr);
        if (rc)
            return rc;
    }
    return MC_OK;
}

/* The group code for a local group name: an SR28 group of that name, or a
 * new "Lnn" group. */
static mc_code local_group(struct import *im, const char *name, char code_out[16])
{
    mc_code rc = MC_OK;
    bind_text(im->find_group, 1, name);
    int step = sqlite3_step(im->find_group);
    if (step == SQLITE_ROW) {
        snprintf(code_out, 16, "%s",
                 (const char *)sqlite3_column_text(im->find_group, 0));
    } else if (step == SQLITE_DONE) {
        snprintf(code_out, 16, "L%02d", ++im->local_groups);
        bind_text(im->ins_group, 1, code_out);
        bind_text(im->ins_group, 2, name);
        bind_text(im->ins_group, 3, "local");
        rc = insert_new(im, im->ins_group);
    } else {
        rc = db_error(im, "looking up a food group");
    }
    sqlite3_reset(im->find_group);
    return rc;
}

/* Record an error when id exists already: in SR28 or in a local table. */
static void check_new_id(struct import *im, const char *id, const char *path,
                         long line, long col)
{
    bind_text(im->find_food, 1, id);
    if (sqlite3_step(im->find_food) == SQLITE_ROW) {
        const char *origin = (const char *)sqlite3_column_text(im->find_food, 0);
        const char *name = (const char *)sqlite3_column_text(im->find_food, 1);
        if (*origin)
            mc_err_at(im->err, MC_ERR_INPUT, path, line, col,
                      "duplicate food id '%s' (first at %s)", id, origin);
        else
            mc_err_at(im->err, MC_ERR_INPUT, path, line, col,
                      "food id '%s' is already SR28's '%s'; give local foods "
                      "ids of their own, such as KZ0001", id, name);
    }
    sqlite3_reset(im->find_food);
}

/* Insert one local food row; 0 = done or input error recorded, -1 = db. */
static int local_row(struct import *im, struct mc_csv *csv, const int *col,
                     const int *nut_of, size_t ncols)
{
    const char *path = mc_csv_path(csv);
    long line = mc_csv_line(csv);
    const char *id = mc_csv_field(csv, (size_t)col[COL_ID]);
    const char *name = mc_csv_field(csv, (size_t)col[COL_NAME]);
    const char *group = mc_csv_field(csv, (size_t)col[COL_GROUP]);
    const char *source = mc_csv_field(csv, (size_t)col[COL_SOURCE]);
    const char *refuse = mc_csv_field(csv, (size_t)col[COL_REFUSE]);
    const char *rdesc = col[COL_REFUSE_DESC] >= 0
                            ? mc_csv_field(csv, (size_t)col[COL_REFUSE_DESC]) : "";
    int errors = im->err->count;
    char origin[4200];
    const char *required[] = {id, name, group, source};
    const int req_col[] = {COL_ID, COL_NAME, COL_GROUP, COL_SOURCE};
    for (int i = 0; i < 4; i++) {
        if (!*required[i])
            mc_err_at(im->err, MC_ERR_INPUT, path, line, col[req_col[i]] + 1,
                      "missing %s", fixed_cols[req_col[i]]);
        else if (mc_text_utf8_check(required[i], strlen(required[i])) < strlen(required[i]))
            mc_err_at(im->err, MC_ERR_INPUT, path, line, col[req_col[i]] + 1,
                      "%s is not valid UTF-8", fixed_cols[req_col[i]]);
    }
    double refuse_pct = 0;
    if (*refuse && (!mc_parse_number(refuse, &refuse_pct) || refuse_pct < 0 ||
                    refuse_pct >= 100))
        mc_err_at(im->err, MC_ERR_INPUT, path, line, col[COL_REFUSE] + 1,
                  "expected a refuse percentage from 0 to below 100, found '%s'",
                  refuse);
    if (*id)
        check_new_id(im, id, path, line, col[COL_ID] + 1);
    double values[MC_N_COUNT];
    int known[MC_N_COUNT] = {0};
    for (size_t c = 0; c < ncols; c++) {
        int n = nut_of[c];
        const char *s = mc_csv_field(csv, c);
        if (n < 0 || !*s)
            continue;
        if (!mc_parse_number(s, &values[n]) || values[n] < 0)
            mc_err_at(im->err, MC_ERR_INPUT, path, line, (long)c + 1,
                      "expected a number >= 0 for %s, found '%s'",
                      mc_nutrient_info(n)->key, s);
        else
            known[n] = 1;
    }
    if (im->err->count != errors)
        return 0;

    char gcode[16];
    if (local_group(im, group, gcode))
        return -1;
    snprintf(origin, sizeof origin, "%s:%ld", path, line);
    sqlite3_stmt *st = im->ins_food;
    bind_text(st, 1, id);
    bind_text(st, 2, gcode);
    bind_text(st, 3, name);
    bind_text(st, 4, "");
    bind_text(st, 5, "");
    bind_text(st, 6, "");
    bind_text(st, 7, "");
    if (*refuse)
        sqlite3_bind_double(st, 8, refuse_pct);
    bind_text(st, 9, rdesc);
    bind_text(st, 14, source);
    bind_text(st, 15, origin);
    if (insert_new(im, st))
        return -1;
    for (int n = 0; n < MC_N_COUNT; n++) {
        if (!known[n])
            continue;
        bind_text(im->ins_value, 1, id);
        sqlite3_bind_int(im->ins_value, 2, nutrient_nr(n));
        sqlite3_bind_double(im->ins_value, 3, values[n]);
        if (insert_new(im, im->ins_value))
            return -1;
        im->st->local_values++;
    }
    im->st->local_foods++;
    return 0;
}

/* Map the header: fixed columns into col[], nutrient keys into nut_of[]. */
static int local_header(struct import *im, struct mc_csv *csv, int *col,
                        int *nut_of)
{
    const char *path = mc_csv_path(csv);
    int errors = im->err->count;
    for (int k = 0; k < COL_FIXED; k++)
        col[k] = -1;
    for (size_t c = 0; c < mc_csv_nfields(csv); c++) {
        const char *h = mc_csv_field(csv, c);
        nut_of[c] = -1;
        int k = 0;
        while (k < COL_FIXED && strcasecmp(h, fixed_cols[k]) != 0)
            k++;
        int n = k < COL_FIXED ? -1 : mc_nutrient_by_key(h);
        int dup = k < COL_FIXED ? col[k] >= 0 : n >= 0 && mc_csv_find(csv, h) != (int)c;
        if (dup)
            mc_err_at(im->err, MC_ERR_INPUT, path, 1, (long)c + 1,
                      "duplicate column '%s'", h);
        else if (k < COL_FIXED)
            col[k] = (int)c;
        else if (n >= 0)
            nut_of[c] = n;
        else
            mc_err_at(im->err, MC_ERR_INPUT, path, 1, (long)c + 1,
                      "unknown column '%s' (expected id, name, group, "
                      "refuse_pct, source, refuse_desc or a nutrient key "
                      "such as energy_kcal)", h);
    }
    for (int k = 0; k < COL_REFUSE_DESC; k++)
        if (col[k] < 0)
            mc_err_at(im->err, MC_ERR_INPUT, path, 1, 0,
                      "missing column '%s'", fixed_cols[k]);
    return im->err->count == errors;
}

static mc_code import_local_file(void *ctx, const char *path)
{
    struct import *im = ctx;
    struct mc_csv *csv;
    mc_code rc = mc_csv_open(path, &csv, im->err);
    if (rc)
        return rc;
    int col[COL_FIXED], *nut_of = NULL;
    int got = mc_csv_next(csv, im->err);
    if (got == 0)
        mc_err_at(im->err, MC_ERR_INPUT, path, 0, 0, "empty file: expected a "
                  "header row starting id,name,group,refuse_pct,source");
    if (got <= 0)
        goto done;
    size_t ncols = mc_csv_nfields(csv);
    if (!(nut_of = malloc(ncols * sizeof *nut_of))) {
        rc = mc_err_set(im->err, MC_ERR_NOMEM, "out of memory");
        goto done;
    }
    if (!local_header(im, csv, col, nut_of))
        goto done;
    while (!mc_err_full(im->err) && (got = mc_csv_next(csv, im->err)) > 0) {
        if (mc_csv_nfields(csv) > ncols) {
            mc_err_at(im->err, MC_ERR_INPUT, path, mc_csv_line(csv),
                      (long)ncols + 1, "expected %zu fields, found %zu", ncols,
                      mc_csv_nfields(csv));
            continue;
        }
        if (local_row(im, csv, col, nut_of, ncols) < 0) {
            rc = MC_ERR_DB;
            break;
        }
    }
done:
    free(nut_of);
    mc_csv_close(csv);
    return rc;
}

/* ---- Russian and Kazakh names of foods: the CSVs of the aliases folder ---- */

/* Writing the rows of an alias table (alias_table.c reads and checks them). */
struct alias_import {
    struct import *im;
    sqlite3_stmt *ins, *first;
};

static int alias_food_exists(void *ctx, const char *id)
{
    struct import *im = ((struct alias_import *)ctx)->im;
    bind_text(im->find_food, 1, id);
    int step = sqlite3_step(im->find_food);
    sqlite3_reset(im->find_food);
    return step == SQLITE_ROW;
}

static int alias_insert(void *ctx, const struct mc_alias_row *row, char *first,
                        size_t first_size)
{
    struct alias_import *ai = ctx;
    bind_text(ai->ins, 1, row->fold);
    bind_text(ai->ins, 2, row->alias);
    bind_text(ai->ins, 3, row->lang);
    bind_text(ai->ins, 4, row->food_id);
    bind_text(ai->ins, 5, row->note);
    bind_text(ai->ins, 6, row->origin);
    sqlite3_bind_int64(ai->ins, 7, ai->im->st->aliases); /* the order read */
    int rc = step_insert(ai->im, ai->ins);
    if (rc > 0)
        ai->im->st->aliases++;
    if (rc != 0)
        return rc;
    bind_text(ai->first, 1, row->fold);
    bind_text(ai->first, 2, row->food_id);
    if (sqlite3_step(ai->first) == SQLITE_ROW)
        snprintf(first, first_size, "%s", (const char *)sqlite3_column_text(ai->first, 0));
    sqlite3_reset(ai->first);
    sqlite3_clear_bindings(ai->first);
    return 0;
}

static mc_code import_alias_file(void *ctx, const char *path)
{
    struct alias_import ai = {ctx, NULL, NULL};
    struct mc_alias_sink sink = {&ai, alias_food_exists, alias_insert};
    const struct mc_input in = {.path = path};
    mc_code rc;
    if (!(rc = prepare(ai.im, "INSERT INTO food_alias(fold, alias, lang, food_id, note,"
                       " origin, seq) VALUES(?, ?, ?, ?, ?, ?, ?)", &ai.ins)) &&
        !(rc = prepare(ai.im, "SELECT origin FROM food_alias WHERE fold = ? AND"
                       " food_id = ?", &ai.first)))
        rc = mc_alias_table_read(&in, &sink, ai.im->err);
    sqlite3_finalize(ai.ins);
    sqlite3_finalize(ai.first);
    return rc;
}

/* Call fn(ctx, path) for each CSV of dir (folder.h), in name order, until
 * one fails; a missing folder (or dir NULL) has none. */
static mc_code each_csv(const char *dir, mc_code (*fn)(void *ctx, const char *path),
                        void *ctx, struct mc_err *err)
{
    char **names = NULL;
    size_t n = 0;
    mc_code rc = dir ? mc_folder_list(dir, MC_FOLDER_CSV, &names, &n, err) : MC_OK;
    if (rc == MC_ERR_NOT_FOUND && errno == ENOENT)
        rc = MC_OK;
    else if (rc == MC_ERR_NOT_FOUND || rc == MC_ERR_IO)
        rc = mc_err_set(err, MC_ERR_IO, "%s: cannot list: %s", dir, strerror(errno));
    for (size_t i = 0; !rc && i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        rc = fn(ctx, path);
    }
    mc_folder_free(names);
    return rc;
}

/* --- fingerprint, provenance, atomic replace --------------------------- */

static void fnv(uint64_t *h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        *h ^= p[i];
        *h *= 1099511628211ULL;
    }
}

static mc_code fingerprint_file(uint64_t *h, const char *path, struct mc_err *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return mc_err_set(err, errno == ENOENT ? MC_ERR_INPUT : MC_ERR_IO,
                          "%s: cannot open: %s", path, strerror(errno));
    long long meta[3] = {(long long)sb.st_size, (long long)sb.st_mtim.tv_sec,
                         (long long)sb.st_mtim.tv_nsec};
    fnv(h, path, strlen(path) + 1);
    fnv(h, meta, sizeof meta);
    return MC_OK;
}

/* Hash of every input's path, size and modification time, plus the
 * importer's version and sources: equal fingerprints mean an equal database. */
struct hashing {
    uint64_t *h;
    struct mc_err *err;
};

static mc_code hash_file(void *ctx, const char *path)
{
    struct hashing *hs = ctx;
    return fingerprint_file(hs->h, path, hs->err);
}

static mc_code fingerprint(const struct mc_food_db_build_opts *o, char out[17],
                           struct mc_err *err)
{
    uint64_t h = 14695981039346656037ULL;
    char path[4096];
    mc_code rc = MC_OK;
    static const char importer[] = MC_VERSION "/" SCHEMA_VERSION "/" MC_IMPORTER_HASH;
    fnv(&h, importer, sizeof importer);
    for (size_t i = 0; !rc && i < sizeof sr28_tables / sizeof *sr28_tables; i++) {
        snprintf(path, sizeof path, "%s/%s", o->sr28_dir, sr28_tables[i].file);
        rc = fingerprint_file(&h, path, err);
    }
    struct hashing hs = {&h, err};
    if (!rc)
        rc = each_csv(o->local_dir, hash_file, &hs, err);
    if (!rc)
        rc = each_csv(o->alias_dir, hash_file, &hs, err);
    snprintf(out, 17, "%016llx", (unsigned long long)h);
    return rc;
}

/* Compare the target with the inputs' fingerprint, reading its counts into
 * stats.  1 = up to date; 0 = absent, empty, out of date or a directory
 * (which creating the temporary file reports); -1 = a file that is not a
 * mealcheck database, which a build must not overwrite. */
static int up_to_date(const char *path, const char *fp,
                      struct mc_food_db_build_stats *st)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    struct stat sb;
    int same = 0;
    if (stat(path, &sb) != 0 || S_ISDIR(sb.st_mode) ||
        (S_ISREG(sb.st_mode) && sb.st_size == 0))
        goto done;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT key, value FROM meta", -1, &q, NULL) != SQLITE_OK) {
        same = -1;
        goto done;
    }
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(q, 0);
        const char *v = (const char *)sqlite3_column_text(q, 1);
        long n = strtol(v, NULL, 10);
        if (!strcmp(k, "fingerprint"))
            same = !strcmp(v, fp);
        else if (!strcmp(k, "foods")) st->foods = n;
        else if (!strcmp(k, "local_foods")) st->local_foods = n;
        else if (!strcmp(k, "groups")) st->groups = n;
        else if (!strcmp(k, "nutrients")) st->nutrients = n;
        else if (!strcmp(k, "values")) st->values = n;
        else if (!strcmp(k, "measures")) st->measures = n;
        else if (!strcmp(k, "local_values")) st->local_values = n;
        else if (!strcmp(k, "aliases")) st->aliases = n;
    }
done:
    sqlite3_finalize(q);
    sqlite3_close(db);
    return same;
}

static mc_code write_meta(struct import *im, const char *fp)
{
    char now[32], num[8][24];
    time_t t = time(NULL);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
    const long counts[8] = {im->st->foods, im->st->local_foods, im->st->groups,
                            im->st->nutrients, im->st->values, im->st->measures,
                            im->st->local_values, im->st->aliases};
    for (int i = 0; i < 8; i++)
        snprintf(num[i], sizeof num[i], "%ld", counts[i]);
    const char *kv[][2] = {
        {"schema_version", SCHEMA_VERSION}, {"mealcheck_version", MC_VERSION},
        {"source", SR28_SOURCE_LONG}, {"release", SR28_RELEASE},
        {"imported_at", now}, {"importer", MC_IMPORTER_HASH}, {"fingerprint", fp},
        {"foods", num[0]}, {"local_foods", num[1]}, {"groups", num[2]},
        {"nutrients", num[3]}, {"values", num[4]}, {"measures", num[5]},
        {"local_values", num[6]}, {"aliases", num[7]},
    };
    sqlite3_stmt *st;
    mc_code rc = prepare(im, "INSERT INTO meta(key, value) VALUES(?, ?)", &st);
    for (size_t i = 0; !rc && i < sizeof kv / sizeof *kv; i++) {
        bind_text(st, 1, kv[i][0]);
        bind_text(st, 2, kv[i][1]);
        rc = insert_new(im, st);
    }
    sqlite3_finalize(st);
    return rc;
}

static mc_code import_all(struct import *im, const struct mc_food_db_build_opts *o,
                          const char *fp)
{
    static const char *const sql[] = {
        "INSERT INTO food_group(code, name, source) VALUES(?, ?, ?)",
        "INSERT INTO nutrient(nr, unit, tag, name, decimals, sr_order, key, source)"
        " VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
        /* head: the name up to its first comma ("Milk" in "Milk, whole"), the
         * food itself rather than its qualifiers; search weights it up. */
        "INSERT INTO food(id, group_code, name, short_name, common_name,"
        " manufacturer, sci_name, refuse_pct, refuse_desc, n_factor, pro_factor,"
        " fat_factor, cho_factor, source, origin, head)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
        " substr(?3, 1, instr(?3 || ',', ',') - 1))",
        "INSERT INTO nut_data(food_id, nr, value) VALUES(?, ?, ?)",
        "INSERT INTO weight(food_id, seq, amount, unit, grams) VALUES(?, ?, ?, ?, ?)",
        "SELECT origin, name FROM food WHERE id = ?",
        "SELECT code FROM food_group WHERE name = ? COLLATE NOCASE",
    };
    sqlite3_stmt **stmts[] = {&im->ins_group, &im->ins_nutr, &im->ins_food,
                              &im->ins_value, &im->ins_weight, &im->find_food,
                              &im->find_group};
    mc_code rc = exec(im, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                          "PRAGMA cache_size=-65536; BEGIN");
    if (!rc)
        rc = exec(im, schema);
    for (size_t i = 0; !rc && i < sizeof sql / sizeof *sql; i++)
        rc = prepare(im, sql[i], stmts[i]);
    for (size_t i = 0; !rc && i < sizeof sr28_tables / sizeof *sr28_tables; i++)
        rc = import_sr28_table(im, o->sr28_dir, &sr28_tables[i]);
    if (!rc && im->err->count == 0)
        rc = add_local_nutrients(im);
    if (!rc && im->err->count == 0)
        rc = each_csv(o->local_dir, import_local_file, im, im->err);
    /* Aliases after the local foods, which they may name. */
    if (!rc && im->err->count == 0)
        rc = each_csv(o->alias_dir, import_alias_file, im, im->err);
    if (!rc && im->err->count)
        rc = im->err->code;
    /* Indexed apart from the names, whose ranking they would change (bm25
     * weighs a food by the length of all its indexed text). */
    if (!rc)
        rc = exec(im, "INSERT INTO alias_fts(alias, food_id, written)"
                      " SELECT fold, food_id, alias FROM food_alias");
    if (!rc)
        rc = exec(im, "INSERT INTO food_fts(food_fts) VALUES('rebuild')");
    if (!rc)
        rc = write_meta(im, fp);
    if (!rc)
        rc = exec(im, "COMMIT; ANALYZE");
    for (size_t i = 0; i < sizeof stmts / sizeof *stmts; i++)
        sqlite3_finalize(*stmts[i]);
    return rc;
}

mc_code mc_food_db_build(const struct mc_food_db_build_opts *opts,
                         struct mc_food_db_build_stats *stats,
                         struct mc_err *err)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    memset(stats, 0, sizeof *stats);
    struct import im = {.err = err, .st = stats};
    char fp[17];
    struct mc_tempfile tmp = {0};
    mc_code rc = fingerprint(opts, fp, err);
    if (rc)
        return rc;
    int current = up_to_date(opts->out_path, fp, stats);
    if (current < 0)
        return mc_err_set(err, MC_ERR_INPUT, "%s: exists and is not a mealcheck "
                          "food database; not replacing it", opts->out_path);
    if (current && !opts->force) {
        stats->skipped = 1;
        return MC_OK;
    }
    memset(stats, 0, sizeof *stats);
    if ((rc = mc_tempfile_create(&tmp, opts->out_path, err)))
        return rc;
    if (!(im.food_line = calloc(100000, sizeof *im.food_line))) {
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        goto fail;
    }
    if (sqlite3_open_v2(tmp.path, &im.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        rc = db_error(&im, tmp.path);
        goto fail;
    }
    rc = import_all(&im, opts, fp);
    if (rc)
        goto fail;
    if (sqlite3_close(im.db) != SQLITE_OK) {
        rc = db_error(&im, tmp.path);
        goto fail;
    }
    im.db = NULL;
    if ((rc = mc_tempfile_commit(&tmp, err)))
        goto fail;
    mc_tempfile_release(&tmp);
    free(im.food_line);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    stats->seconds = (double)(t1.tv_sec - t0.tv_sec) +
                     (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    return MC_OK;
fail:
    sqlite3_close(im.db);
    mc_tempfile_release(&tmp);
    free(im.food_line);
    return rc;
}
