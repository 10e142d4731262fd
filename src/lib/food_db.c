/*
 * food_db.c - read-only queries on a built food database.
 *
 * Lookups use statements prepared once per handle.  Search goes through
 * the FTS5 index in three steps: every word must match (as a prefix); if
 * none does, any word may; and a word that matches nothing at all is first
 * replaced by the closest indexed word within a small edit distance, so
 * that "buckwhet" still finds buckwheat.  The importer is food_import.c.
 */
#include "mealcheck/food_db.h"
#include "mealcheck/i18n.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mealcheck/infile.h"
#include "mealcheck/product_name.h"
#include "alias_table.h"
#include "mealcheck/text.h"
#include "array.h"

#define FOOD_COLUMNS                                                         \
    "SELECT f.id, f.name, f.short_name, g.name, f.source, f.refuse_pct,"    \
    " f.refuse_desc FROM food f JOIN food_group g ON g.code = f.group_code "

#define MAX_WORDS 16
#define MAX_WORD 64
/* One word's expression: up to MAX_ALTS words, each exact or as prefix. */
#define EXPR_SIZE (4 * (2 * MAX_WORD + 16) + 4)

struct mc_food_db {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *by_id, *by_name, *nutrients, *measures, *values, *search,
        *any_match, *by_alias, *alias_search, *alias_match, *local_name;
    /* Indexed words of the food names (VOCAB_FOODS) and of their Russian
     * and Kazakh names (VOCAB_ALIASES), loaded on the first misspelt
     * search, with how many foods or names use each. */
    struct vocab {
        char **term;
        long *docs;
        size_t n;
    } vocab[2];
    /* A caterer's own aliases (mc_food_db_add_aliases), sorted by fold
     * then food id, looked up before the shipped ones. */
    struct user_alias {
        char *fold, *alias, *food_id, *origin;
        int batch; /* which mc_food_db_add_aliases() call added it */
    } *user;
    size_t nuser, user_cap;
    int batch;
};

enum { VOCAB_FOODS, VOCAB_ALIASES };

static mc_code db_error(struct mc_food_db *db, struct mc_err *err)
{
    return mc_err_set(err, MC_ERR_DB, "%s: %s", db->path, sqlite3_errmsg(db->db));
}

mc_code mc_food_db_open(const char *path, struct mc_food_db **out,
                        struct mc_err *err)
{
    static const char *const sql[] = {
        FOOD_COLUMNS "WHERE f.id = ?",
        FOOD_COLUMNS "WHERE f.name = ? COLLATE NOCASE ORDER BY f.id LIMIT 1",
        "SELECT n.key, d.value FROM nut_data d JOIN nutrient n ON n.nr = d.nr"
        " WHERE d.food_id = ? AND n.key IS NOT NULL",
        "SELECT amount, unit, grams FROM weight WHERE food_id = ? ORDER BY seq",
        "SELECT n.nr, n.tag, n.name, n.unit, n.key, n.decimals, d.value"
        " FROM nutrient n LEFT JOIN nut_data d ON d.nr = n.nr AND d.food_id = ?"
        " ORDER BY n.sr_order",
        "SELECT f.id, f.name, g.name, bm25(food_fts, 10.0, 10.0, 5.0, 1.0) AS r"
        " FROM food_fts JOIN food f ON f.rowid = food_fts.rowid"
        " JOIN food_group g ON g.code = f.group_code"
        " WHERE food_fts MATCH ? ORDER BY r, length(f.name), f.id LIMIT ?",
        "SELECT 1 FROM food_fts WHERE food_fts MATCH ? LIMIT 1",
        "SELECT f.id, f.name, g.name, 0, min(a.alias) FROM food_alias a"
        " JOIN food f ON f.id = a.food_id JOIN food_group g ON g.code = f.group_code"
        " WHERE a.fold = ? GROUP BY f.id ORDER BY f.id LIMIT ?",
        "SELECT f.id, f.name, g.name, bm25(alias_fts) AS r, alias_fts.written"
        " FROM alias_fts"
        " JOIN food f ON f.id = alias_fts.food_id"
        " JOIN food_group g ON g.code = f.group_code"
        " WHERE alias_fts MATCH ? ORDER BY r, length(alias_fts.alias), f.id LIMIT ?",
        "SELECT 1 FROM alias_fts WHERE alias_fts MATCH ? LIMIT 1",
        "SELECT a.alias FROM food_alias a WHERE a.food_id = ?1 AND a.lang = ?2"
        " AND NOT EXISTS (SELECT 1 FROM food_alias b WHERE b.fold = a.fold"
        " AND b.food_id <> a.food_id) ORDER BY a.seq LIMIT 1",
    };
    struct stat sb;
    mc_code rc = MC_OK;
    *out = NULL;
    if (stat(path, &sb) != 0)
        return mc_err_set(err, errno == ENOENT ? MC_ERR_INPUT : MC_ERR_IO,
                          N_("%s: cannot open the food database: "
                             "%s (build it with 'mealcheck db build')"), path,
                          strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return mc_err_set(err, MC_ERR_INPUT, "%s: is a directory; expected a "
                          "mealcheck food database file", path);
    struct mc_food_db *db = calloc(1, sizeof *db);
    if (!db || !(db->path = strdup(path))) {
        free(db);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    sqlite3_stmt **stmts[] = {&db->by_id, &db->by_name, &db->nutrients,
                              &db->measures, &db->values, &db->search,
                              &db->any_match, &db->by_alias, &db->alias_search,
                              &db->alias_match, &db->local_name};
    sqlite3_stmt *ver = NULL;
    if (sqlite3_open_v2(path, &db->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        rc = db_error(db, err);
        goto fail;
    }
    if (sqlite3_prepare_v2(db->db, "SELECT value FROM meta WHERE key = "
                           "'schema_version'", -1, &ver, NULL) != SQLITE_OK ||
        sqlite3_step(ver) != SQLITE_ROW) {
        rc = mc_err_set(err, MC_ERR_INPUT, "%s: not a mealcheck food database",
                        path);
        goto fail;
    }
    if (strcmp((const char *)sqlite3_column_text(ver, 0),
               MC_FOOD_DB_SCHEMA_VERSION) != 0) {
        rc = mc_err_set(err, MC_ERR_INPUT, "%s: built by another version of "
                        "mealcheck; rebuild it with 'mealcheck db build --force'",
                        path);
        goto fail;
    }
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++)
        if (sqlite3_prepare_v2(db->db, sql[i], -1, stmts[i], NULL) != SQLITE_OK) {
            rc = db_error(db, err);
            goto fail;
        }
    sqlite3_finalize(ver);
    *out = db;
    return MC_OK;
fail:
    sqlite3_finalize(ver);
    mc_food_db_close(db);
    return rc;
}

void mc_food_db_close(struct mc_food_db *db)
{
    if (!db)
        return;
    sqlite3_stmt *stmts[] = {db->by_id, db->by_name, db->nutrients,
                             db->measures, db->values, db->search, db->any_match,
                             db->by_alias, db->alias_search, db->alias_match,
                             db->local_name};
    for (size_t i = 0; i < sizeof stmts / sizeof *stmts; i++)
        sqlite3_finalize(stmts[i]);
    sqlite3_close(db->db);
    for (size_t i = 0; i < db->nuser; i++) {
        free(db->user[i].fold);
        free(db->user[i].alias);
        free(db->user[i].food_id);
        free(db->user[i].origin);
    }
    free(db->user);
    for (int v = 0; v < 2; v++) {
        for (size_t i = 0; i < db->vocab[v].n; i++)
            free(db->vocab[v].term[i]);
        free(db->vocab[v].term);
        free(db->vocab[v].docs);
    }
    free(db->path);
    free(db);
}

void mc_food_free(struct mc_food *food)
{
    if (!food)
        return;
    for (size_t i = 0; i < food->n_measures; i++)
        free(food->measures[i].unit);
    free(food->measures);
    free(food->id);
    free(food->name);
    free(food->short_name);
    free(food->group);
    free(food->source);
    free(food->refuse_desc);
    free(food);
}

/* A copy of a text column; "" for NULL.  NULL only when out of memory. */
static char *column_dup(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return strdup(s ? s : "");
}

/* Fill food's canonical per-100 g vector and its measures. */
static mc_code load_details(struct mc_food_db *db, struct mc_food *food,
                            struct mc_err *err)
{
    mc_code rc = MC_OK;
    int step;
    mc_nvec_zero(&food->per100);
    food->per100.mass_g = 100.0;
    sqlite3_bind_text(db->nutrients, 1, food->id, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(db->nutrients)) == SQLITE_ROW) {
        int n = mc_nutrient_by_key((const char *)sqlite3_column_text(db->nutrients, 0));
        if (n < 0)
            continue;
        food->per100.value[n] = sqlite3_column_double(db->nutrients, 1);
        food->per100.known_g[n] = 100.0;
    }
    if (step != SQLITE_DONE)
        rc = db_error(db, err);
    sqlite3_reset(db->nutrients);
    if (rc)
        return rc;

    size_t cap = 0;
    sqlite3_bind_text(db->measures, 1, food->id, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(db->measures)) == SQLITE_ROW) {
        if (mc_array_reserve(&food->measures, &cap, food->n_measures + 1,
                             sizeof *food->measures, 8)) {
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            break;
        }
        struct mc_measure *m = &food->measures[food->n_measures];
        m->amount = sqlite3_column_double(db->measures, 0);
        m->grams = sqlite3_column_double(db->measures, 2);
        if (!(m->unit = column_dup(db->measures, 1))) {
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            break;
        }
        food->n_measures++;
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_error(db, err);
    sqlite3_reset(db->measures);
    return rc;
}

static mc_code food_by(struct mc_food_db *db, sqlite3_stmt *st, const char *key,
                       struct mc_food **out, struct mc_err *err)
{
    struct mc_food *food = NULL;
    mc_code rc = MC_OK;
    *out = NULL;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_DONE) {
        rc = MC_ERR_NOT_FOUND;
        goto done;
    }
    if (step != SQLITE_ROW) {
        rc = db_error(db, err);
        goto done;
    }
    if (!(food = calloc(1, sizeof *food)) || !(food->id = column_dup(st, 0)) ||
        !(food->name = column_dup(st, 1)) ||
        !(food->short_name = column_dup(st, 2)) ||
        !(food->group = column_dup(st, 3)) ||
        !(food->source = column_dup(st, 4)) ||
        !(food->refuse_desc = column_dup(st, 6))) {
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        goto done;
    }
    food->refuse_known = sqlite3_column_type(st, 5) != SQLITE_NULL;
    food->refuse_pct = sqlite3_column_double(st, 5);
    sqlite3_reset(st);
    rc = load_details(db, food, err);
done:
    sqlite3_reset(st);
    if (rc)
        mc_food_free(food);
    else
        *out = food;
    return rc;
}

mc_code mc_food_db_get(struct mc_food_db *db, const char *id,
                       struct mc_food **out, struct mc_err *err)
{
    return food_by(db, db->by_id, id, out, err);
}

mc_code mc_food_db_find_name(struct mc_food_db *db, const char *name,
                             struct mc_food **out, struct mc_err *err)
{
    return food_by(db, db->by_name, name, out, err);
}

void mc_food_values_free(struct mc_food_value *v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++) {
        free(v[i].tag);
        free(v[i].name);
        free(v[i].unit);
        free(v[i].key);
    }
    free(v);
}

mc_code mc_food_db_values(struct mc_food_db *db, const char *id,
                          struct mc_food_value **out, size_t *n,
                          struct mc_err *err)
{
    struct mc_food_value *v = NULL;
    size_t count = 0, cap = 0;
    mc_code rc = MC_OK;
    int step;
    *out = NULL;
    *n = 0;
    sqlite3_bind_text(db->by_id, 1, id, -1, SQLITE_STATIC);
    step = sqlite3_step(db->by_id);
    sqlite3_reset(db->by_id);
    if (step == SQLITE_DONE)
        return MC_ERR_NOT_FOUND;
    if (step != SQLITE_ROW)
        return db_error(db, err);
    sqlite3_stmt *st = db->values;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (mc_array_reserve(&v, &cap, count + 1, sizeof *v, 160)) {
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            goto done;
        }
        struct mc_food_value *e = &v[count++];
        memset(e, 0, sizeof *e);
        e->nr = sqlite3_column_int(st, 0);
        e->decimals = sqlite3_column_int(st, 5);
        e->known = sqlite3_column_type(st, 6) != SQLITE_NULL;
        e->value = sqlite3_column_double(st, 6);
        if (!(e->tag = column_dup(st, 1)) || !(e->name = column_dup(st, 2)) ||
            !(e->unit = column_dup(st, 3)) ||
            (sqlite3_column_type(st, 4) != SQLITE_NULL &&
             !(e->key = column_dup(st, 4)))) {
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            goto done;
        }
    }
    if (step != SQLITE_DONE)
        rc = db_error(db, err);
done:
    sqlite3_reset(st);
    if (rc) {
        mc_food_values_free(v, count);
        return rc;
    }
    *out = v;
    *n = count;
    return MC_OK;
}

void mc_food_hits_free(struct mc_food_hit *hits, size_t n)
{
    if (!hits)
        return;
    for (size_t i = 0; i < n; i++) {
        free(hits[i].id);
        free(hits[i].name);
        free(hits[i].group);
        free(hits[i].alias);
        free(hits[i].name_local);
    }
    free(hits);
}

/* Split text into lower-case words: runs of ASCII letters and digits and
 * of non-ASCII bytes (Cyrillic and other UTF-8 letters), folded as
 * mc_text_fold() does, so that "ГРЕЧКА" is corrected against the indexed
 * "гречка".  Returns the count. */
static size_t split_words(const char *text, char words[][MAX_WORD])
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (*p && n < MAX_WORDS) {
        char raw[MAX_WORD];
        size_t len = 0;
        while (*p && (*p >= 0x80 || (*p >= '0' && *p <= '9') ||
                      (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
            if (len < MAX_WORD - 1)
                raw[len++] = (char)*p;
            p++;
        }
        if (len) {
            raw[len] = '\0';
            mc_text_fold(raw, words[n++], MAX_WORD);
        } else {
            p++;
        }
    }
    return n;
}

/* Drop the one-letter words ("с", "и", "в") of a query of several: as a
 * prefix they match nearly every Russian or Kazakh name. */
static size_t drop_particles(char words[][MAX_WORD], size_t n)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *w = (const unsigned char *)words[i];
        size_t first = w[0] < 0x80 ? 1 : w[0] < 0xE0 ? 2 : w[0] < 0xF0 ? 3 : 4;
        if (n > 1 && strlen(words[i]) <= first)
            continue;
        if (kept != i)
            memcpy(words[kept], words[i], MAX_WORD);
        kept++;
    }
    return kept ? kept : n;
}

/* Does the prefix query "word"* match any food (VOCAB_FOODS) or any
 * Russian or Kazakh name (VOCAB_ALIASES)?  -1 on a database error. */
static int word_matches(struct mc_food_db *db, int which, const char *word)
{
    sqlite3_stmt *st = which == VOCAB_FOODS ? db->any_match : db->alias_match;
    char q[MAX_WORD + 4];
    snprintf(q, sizeof q, "\"%.*s\"*", MAX_WORD - 1, word);
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    sqlite3_reset(st);
    return step == SQLITE_ROW ? 1 : step == SQLITE_DONE ? 0 : -1;
}

static mc_code load_vocab(struct mc_food_db *db, int which, struct mc_err *err)
{
    struct vocab *V = &db->vocab[which];
    sqlite3_stmt *st = NULL;
    mc_code rc = MC_OK;
    size_t cap_term = 0, cap_docs = 0;
    int step;
    if (sqlite3_prepare_v2(db->db, which == VOCAB_FOODS
                                       ? "SELECT term, doc FROM food_vocab"
                                       : "SELECT term, doc FROM alias_vocab",
                           -1, &st, NULL) != SQLITE_OK)
        return db_error(db, err);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (mc_array_reserve(&V->term, &cap_term, V->n + 1, sizeof *V->term, 4096) ||
            mc_array_reserve(&V->docs, &cap_docs, V->n + 1, sizeof *V->docs, 4096)) {
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            break;
        }
        char *term = column_dup(st, 0);
        if (!term) {
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            break;
        }
        V->docs[V->n] = sqlite3_column_int64(st, 1);
        V->term[V->n++] = term;
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_error(db, err);
    sqlite3_finalize(st);
    return rc;
}

#define MAX_ALTS 4

/* Append "(\"w\" OR \"w\"*)" to expr: the exact word scores above a word it
 * only begins (bm25 adds up both), so "butter" ranks butter before butterbur. */
static void add_term(char *expr, size_t size, const char *w)
{
    size_t len = strlen(expr);
    snprintf(expr + len, size - len, "%s\"%s\" OR \"%s\"*", len > 1 ? " OR " : "",
             w, w);
}

/* An FTS5 expression for one word the user typed, against the food names
 * or the alias names (which).  A word that matches nothing there is
 * replaced by the closest indexed words (optimal string alignment
 * distance in characters, at most one edit for 4-6 characters and two for
 * longer, 10 and longer for aliases; the words more foods use first):
 * "картофль" finds "картофель" as "buckwhet" finds "buckwheat"; short
 * words are left alone, as almost anything is close to them.  expr is "" when nothing is close enough;
 * *corrected is 1 when the word was replaced. */
static mc_code word_expr(struct mc_food_db *db, int which, const char *word,
                         char *expr, size_t size, int *corrected, struct mc_err *err)
{
    struct vocab *V = &db->vocab[which];
    int m = word_matches(db, which, word);
    *corrected = !m;
    if (m < 0)
        return db_error(db, err);
    snprintf(expr, size, "(");
    if (m) {
        add_term(expr, size, word);
        strcat(expr, ")");
        return MC_OK;
    }
    /* Russian and Kazakh words change their last two letters with case and
     * gender ("куриный", "куриное"): two edits only from 10 letters on. */
    size_t len = mc_text_chars(word);
    size_t max = len < 4 ? 0 : len < 7 || (which == VOCAB_ALIASES && len < 10) ? 1 : 2;
    if (!V->term && max > 0) {
        mc_code rc = load_vocab(db, which, err);
        if (rc)
            return rc;
    }
    size_t alt[MAX_ALTS], alt_d[MAX_ALTS];
    int nalt = 0;
    for (size_t i = 0; max > 0 && i < V->n; i++) {
        /* Bytes bound characters: at most 4 bytes to one. */
        size_t tl = strlen(V->term[i]);
        if (tl >= MAX_WORD || tl + max < len || tl / 4 > len + max)
            continue;
        size_t d = mc_text_distance(word, V->term[i]);
        if (d > max)
            continue;
        /* Insertion into a short list kept sorted by distance, then use. */
        int k = nalt < MAX_ALTS ? nalt++ : MAX_ALTS;
        while (k > 0 && (alt_d[k - 1] > d ||
                         (alt_d[k - 1] == d &&
                          V->docs[alt[k - 1]] < V->docs[i]))) {
            if (k < MAX_ALTS) {
                alt[k] = alt[k - 1];
                alt_d[k] = alt_d[k - 1];
            }
            k--;
        }
        if (k < MAX_ALTS) {
            alt[k] = i;
            alt_d[k] = d;
        }
    }
    for (int k = 0; k < nalt && alt_d[k] == alt_d[0]; k++)
        add_term(expr, size, V->term[alt[k]]);
    if (nalt)
        strcat(expr, ")");
    else
        expr[0] = '\0';
    return MC_OK;
}

/* Run a query of hits (id, name, group, rank) on text: at most limit hits. */
static mc_code run_query(struct mc_food_db *db, sqlite3_stmt *st, const char *query,
                         size_t limit, struct mc_food_hit **hits, size_t *n,
                         struct mc_err *err)
{
    mc_code rc = MC_OK;
    int step;
    struct mc_food_hit *h = calloc(limit, sizeof *h);
    if (!h)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
    while ((step = sqlite3_step(st)) == SQLITE_ROW && *n < limit) {
        struct mc_food_hit *e = &h[(*n)++];
        e->rank = sqlite3_column_double(st, 3);
        if (!(e->id = column_dup(st, 0)) || !(e->name = column_dup(st, 1)) ||
            !(e->group = column_dup(st, 2)) ||
            (sqlite3_column_count(st) > 4 && !(e->alias = column_dup(st, 4)))) {
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            break;
        }
    }
    if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
        rc = db_error(db, err);
    sqlite3_reset(st);
    if (rc) {
        mc_food_hits_free(h, *n);
        *n = 0;
        return rc;
    }
    *hits = h;
    return MC_OK;
}

/* Does one of the n words begin token? */
static int begins_one(const char *token, char words[][MAX_WORD], size_t n)
{
    for (size_t w = 0; w < n; w++)
        if (strncmp(token, words[w], strlen(words[w])) == 0)
            return 1;
    return 0;
}

/* How well a name answers words as a person types them.  SR28 names a
 * food main word first ("Milk, whole"), which a person types either way:
 * 4 when the name begins with the words in any order ("milk whole" and
 * "whole milk": "Milk, whole, 3.25% milkfat"), 3 when it begins with the
 * first and holds the others after it, in order ("Milk, buttermilk,
 * fluid, whole"), 2 when it holds them consecutively, in order, elsewhere
 * ("Cheese, ricotta, whole milk"), 1 in order anywhere, else 0. */
static int order_score(const char *name, char words[][MAX_WORD], size_t nw)
{
    char tokens[MAX_WORDS][MAX_WORD]; /* a longer name is cut: 16 words do */
    size_t nt = split_words(name, tokens);
    int head = nt >= nw;
    for (size_t t = 0; head && t < nw; t++)
        head = begins_one(tokens[t], words, nw);
    /* ... and each word begins one of those (not "milk milk"). */
    for (size_t w = 0; head && w < nw; w++) {
        size_t t = 0;
        while (t < nw && strncmp(tokens[t], words[w], strlen(words[w])) != 0)
            t++;
        head = t < nw;
    }
    size_t at = 0, first = 0, last = 0;
    int adjacent = 1;
    for (size_t w = 0; w < nw; w++) {
        size_t len = strlen(words[w]);
        while (at < nt && strncmp(tokens[at], words[w], len) != 0)
            at++;
        if (at == nt)
            return head ? 4 : 0;
        if (w == 0)
            first = at;
        else if (at != last + 1)
            adjacent = 0;
        last = at++;
    }
    return head ? 4 : first == 0 ? 3 : 1 + adjacent;
}

/* Candidates fetched to reorder by word order: the best-ranked by bm25
 * among them are kept, so a few hundred is plenty. */
#define ORDER_POOL 200

/* Foods whose names (VOCAB_FOODS) or Russian and Kazakh names
 * (VOCAB_ALIASES) hold every word typed, misspelt words corrected, else
 * any word; food names in word order first. */
static mc_code search_fts(struct mc_food_db *db, int which, const char *text,
                          size_t limit, struct mc_food_hit **hits, size_t *n,
                          struct mc_err *err)
{
    char words[MAX_WORDS][MAX_WORD];
    char expr[MAX_WORDS][EXPR_SIZE];
    char query[MAX_WORDS * (EXPR_SIZE + 4)];
    size_t nw = drop_particles(words, split_words(text, words)), kept = 0;
    int as_typed[MAX_WORDS];
    mc_code rc = MC_OK;
    *hits = NULL;
    *n = 0;
    if (limit == 0)
        return MC_OK;
    for (size_t i = 0; i < nw; i++) {
        int corrected;
        if ((rc = word_expr(db, which, words[i], expr[kept], EXPR_SIZE, &corrected,
                            err)))
            return rc;
        /* A Russian word corrected to a neighbour is often another form of
         * a different word ("куриный" -> "куриные"): unless every word
         * found a match, it would suggest foods the text never named
         * ("Суп куриный с лапшой" is no egg). */
        as_typed[kept] = which == VOCAB_FOODS || !corrected;
        if (expr[kept][0])
            kept++;
    }
    if (kept == 0)
        return MC_OK;
    /* Every word first; then, when that finds nothing, any word. */
    for (int any = 0; any < 2 && *n == 0 && (any == 0 || kept > 1); any++) {
        size_t len = 0;
        for (size_t i = 0; i < kept; i++)
            if ((!any && kept == nw) || as_typed[i])
                len += (size_t)snprintf(query + len, sizeof query - len, "%s%s",
                                        len == 0 ? "" : any ? " OR " : " AND ", expr[i]);
        if (len == 0)
            break;
        mc_food_hits_free(*hits, *n);
        *hits = NULL;
        *n = 0;
        int reorder = which == VOCAB_FOODS && nw > 1;
        size_t fetch = reorder && limit < ORDER_POOL ? ORDER_POOL : limit;
        if ((rc = run_query(db, which == VOCAB_FOODS ? db->search : db->alias_search,
                            query, fetch, hits, n, err)))
            return rc;
    }
    if (which == VOCAB_FOODS && nw > 1 && *n > 1) {
        /* A stable partition by score, best first: bm25 order within. */
        struct mc_food_hit *sorted = malloc(*n * sizeof *sorted);
        int *score = malloc(*n * sizeof *score);
        if (!sorted || !score) {
            free(sorted);
            free(score);
            mc_food_hits_free(*hits, *n);
            *hits = NULL;
            *n = 0;
            return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        }
        for (size_t i = 0; i < *n; i++)
            score[i] = order_score((*hits)[i].name, words, nw);
        size_t k = 0;
        for (int want = 4; want >= 0; want--)
            for (size_t i = 0; i < *n; i++)
                if (score[i] == want)
                    sorted[k++] = (*hits)[i];
        memcpy(*hits, sorted, *n * sizeof *sorted);
        free(sorted);
        free(score);
    }
    /* More were fetched to reorder: keep the best limit. */
    for (; *n > limit; (*n)--) {
        free((*hits)[*n - 1].id);
        free((*hits)[*n - 1].name);
        free((*hits)[*n - 1].group);
        free((*hits)[*n - 1].alias);
        free((*hits)[*n - 1].name_local);
    }
    return MC_OK;
}

/* Move the hits of from that to lacks into to, which has room for limit;
 * free from. */
static void merge_hits(struct mc_food_hit *to, size_t *n, size_t limit,
                       struct mc_food_hit *from, size_t nfrom)
{
    for (size_t i = 0; i < nfrom && *n < limit; i++) {
        size_t k = 0;
        while (k < *n && strcmp(to[k].id, from[i].id))
            k++;
        if (k == *n) {
            to[(*n)++] = from[i];
            from[i] = (struct mc_food_hit){0};
        }
    }
    mc_food_hits_free(from, nfrom);
}

mc_code mc_food_db_search(struct mc_food_db *db, const char *text, size_t limit,
                          struct mc_food_hit **hits, size_t *n,
                          struct mc_err *err)
{
    /* A name of the alias table first ("гречка": the groats it names),
     * then the alias names that hold the words (a caterer reads Russian
     * and Kazakh names before SR28's English), then the foods' own names. */
    struct mc_food_hit *named, *found, *aliased;
    size_t nn, nf, na;
    *hits = NULL;
    *n = 0;
    if (limit == 0)
        return MC_OK;
    mc_code rc = mc_food_db_find_alias(db, text, limit, &named, &nn, err);
    if (rc)
        return rc;
    if ((rc = search_fts(db, VOCAB_ALIASES, text, limit, &aliased, &na, err))) {
        mc_food_hits_free(named, nn);
        return rc;
    }
    if ((rc = search_fts(db, VOCAB_FOODS, text, limit, &found, &nf, err))) {
        mc_food_hits_free(named, nn);
        mc_food_hits_free(aliased, na);
        return rc;
    }
    merge_hits(named, &nn, limit, aliased, na);
    merge_hits(named, &nn, limit, found, nf);
    *hits = named;
    *n = nn;
    return MC_OK;
}

/* The first user alias at or after (fold, id) in sort order. */
static size_t user_lower(const struct mc_food_db *db, const char *fold, const char *id)
{
    size_t lo = 0, hi = db->nuser;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(db->user[mid].fold, fold);
        if (c < 0 || (c == 0 && strcmp(db->user[mid].food_id, id) < 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The foods the caterer's own table gives for fold, as hits. */
static mc_code find_user_alias(struct mc_food_db *db, const char *fold, size_t limit,
                               struct mc_food_hit **hits, size_t *n, struct mc_err *err)
{
    size_t at = user_lower(db, fold, "");
    *hits = calloc(limit, sizeof **hits);
    if (!*hits)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    for (; at < db->nuser && *n < limit && !strcmp(db->user[at].fold, fold); at++) {
        struct mc_food *f;
        mc_code rc = mc_food_db_get(db, db->user[at].food_id, &f, err);
        if (rc)
            return rc == MC_ERR_NOT_FOUND ? MC_ERR_INTERNAL : rc;
        struct mc_food_hit *h = &(*hits)[(*n)++];
        h->id = f->id;
        h->name = f->name;
        h->group = f->group;
        f->id = f->name = f->group = NULL;
        mc_food_free(f);
        if (!(h->alias = strdup(db->user[at].alias)))
            return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    return MC_OK;
}

mc_code mc_food_db_find_alias(struct mc_food_db *db, const char *name,
                              size_t limit, struct mc_food_hit **hits, size_t *n,
                              struct mc_err *err)
{
    char fold[512];
    *hits = NULL;
    *n = 0;
    if (!limit)
        return MC_OK;
    mc_text_fold(name, fold, sizeof fold);
    if (db->nuser) {
        mc_code rc = find_user_alias(db, fold, limit, hits, n, err);
        if (rc || *n) {
            if (rc) {
                mc_food_hits_free(*hits, *n);
                *hits = NULL;
                *n = 0;
            }
            return rc;
        }
        mc_food_hits_free(*hits, *n);
        *hits = NULL;
    }
    return run_query(db, db->by_alias, fold, limit, hits, n, err);
}

/* Adding a caterer's table: rows go in as they are read, marked with the
 * call that added them, so that a table with errors is taken out again. */
struct user_load {
    struct mc_food_db *db;
    struct mc_err *err;
};

static int user_food_exists(void *ctx, const char *id)
{
    struct user_load *u = ctx;
    sqlite3_bind_text(u->db->by_id, 1, id, -1, SQLITE_STATIC);
    int step = sqlite3_step(u->db->by_id);
    sqlite3_reset(u->db->by_id);
    if (step != SQLITE_ROW && step != SQLITE_DONE) {
        db_error(u->db, u->err);
        return -1;
    }
    return step == SQLITE_ROW;
}

static int user_add(void *ctx, const struct mc_alias_row *row, char *first,
                    size_t first_size)
{
    struct user_load *u = ctx;
    struct mc_food_db *db = u->db;
    size_t at = user_lower(db, row->fold, row->food_id);
    if (at < db->nuser && !strcmp(db->user[at].fold, row->fold) &&
        !strcmp(db->user[at].food_id, row->food_id)) {
        snprintf(first, first_size, "%s", db->user[at].origin);
        return 0;
    }
    if (mc_array_reserve(&db->user, &db->user_cap, db->nuser + 1, sizeof *db->user, 64)) {
        mc_err_set(u->err, MC_ERR_NOMEM, "out of memory");
        return -1;
    }
    struct user_alias a = {strdup(row->fold), strdup(row->alias), strdup(row->food_id),
                           strdup(row->origin), db->batch};
    if (!a.fold || !a.alias || !a.food_id || !a.origin) {
        free(a.fold);
        free(a.alias);
        free(a.food_id);
        free(a.origin);
        mc_err_set(u->err, MC_ERR_NOMEM, "out of memory");
        return -1;
    }
    memmove(&db->user[at + 1], &db->user[at], (db->nuser - at) * sizeof *db->user);
    db->user[at] = a;
    db->nuser++;
    return 1;
}

mc_code mc_food_db_add_aliases(struct mc_food_db *db, const char *path,
                               size_t *added, struct mc_err *err)
{
    const struct mc_input in = {.path = path};
    return mc_food_db_add_aliases_input(db, &in, added, err);
}

mc_code mc_food_db_add_aliases_input(struct mc_food_db *db, const struct mc_input *in,
                                     size_t *added, struct mc_err *err)
{
    size_t before_rows = db->nuser;
    struct user_load u = {db, err};
    struct mc_alias_sink sink = {&u, user_food_exists, user_add};
    int before = err->count;
    db->batch++;
    mc_code rc = mc_alias_table_read(in, &sink, err);
    if (added)
        *added = 0;
    if (!rc && err->count == before) {
        if (added)
            *added = db->nuser - before_rows;
        return MC_OK;
    }
    /* Take the file's rows out again. */
    size_t kept = 0;
    for (size_t i = 0; i < db->nuser; i++) {
        struct user_alias *a = &db->user[i];
        if (a->batch == db->batch) {
            free(a->fold);
            free(a->alias);
            free(a->food_id);
            free(a->origin);
        } else {
            db->user[kept++] = *a;
        }
    }
    db->nuser = kept;
    return rc ? rc : err->code ? err->code : MC_ERR_INPUT;
}

/* Aliases of exactly as many words as base, each begun by a word of base
 * or its stem (FTS: every word as a prefix), food by food; at most limit. */
static mc_code cover_base(struct mc_food_db *db, const char *base, size_t limit,
                          struct mc_food_hit **hits, size_t *n, struct mc_err *err)
{
    char words[MAX_WORDS][MAX_WORD], query[MAX_WORDS * (MAX_WORD + 8)];
    size_t nw = split_words(base, words), len = 0, found = 0;
    struct mc_food_hit *h;
    *hits = NULL;
    *n = 0;
    /* A word of five letters or more loses its last one, which Russian
     * and Kazakh change with case and number ("петрушка", "петрушки"). */
    for (size_t i = 0; i < nw; i++) {
        size_t cut = strlen(words[i]);
        if (mc_text_chars(words[i]) >= 5)
            while (cut > 0 && ((unsigned char)words[i][--cut] & 0xC0) == 0x80)
                ;
        len += (size_t)snprintf(query + len, sizeof query - len, "%s\"%.*s\"*",
                                i ? " AND " : "", (int)cut, words[i]);
    }
    if (nw == 0 || len >= sizeof query)
        return MC_OK;
    mc_code rc = run_query(db, db->alias_search, query, 64, &h, &found, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < found; i++) {
        struct mc_product_name alias;
        char aw[MAX_WORDS][MAX_WORD];
        mc_product_name_parse(h[i].alias ? h[i].alias : "", &alias);
        size_t k = 0;
        while (k < *n && strcmp(h[k].id, h[i].id))
            k++;
        if (split_words(alias.base, aw) != nw || k < *n || *n >= limit)
            continue;
        struct mc_food_hit t = h[*n];
        h[(*n)++] = h[i];
        h[i] = t;
    }
    for (size_t i = *n; i < found; i++) {
        free(h[i].id);
        free(h[i].name);
        free(h[i].group);
        free(h[i].alias);
        free(h[i].name_local);
    }
    *hits = h;
    return MC_OK;
}

/* Is b the word a with one letter wrong, missing, extra or swapped, not in
 * its last two (which Russian and Kazakh change with case and number:
 * "морковча" is not "морковка"), in a word of five letters or more? */
static int one_typo(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), ca = mc_text_chars(a);
    if (ca < 5 || mc_text_distance(a, b) != 1)
        return 0;
    /* The last two characters, as bytes: back two lead bytes from the end. */
    size_t ta = la, tb = lb;
    for (int k = 0; k < 2; k++) {
        while (ta > 0 && ((unsigned char)a[--ta] & 0xC0) == 0x80)
            ;
        while (tb > 0 && ((unsigned char)b[--tb] & 0xC0) == 0x80)
            ;
    }
    return la - ta == lb - tb && !strcmp(a + ta, b + tb);
}

/* The aliases that base misspells by one letter in one word (one_typo),
 * the other words as written; hits only when they name one food, as a
 * typo is no reason to guess between foods. */
static mc_code typo_base(struct mc_food_db *db, const char *base, size_t limit,
                         struct mc_food_hit **hits, size_t *n, struct mc_err *err)
{
    char words[MAX_WORDS][MAX_WORD];
    size_t nw = split_words(base, words), found = 0;
    struct mc_food_hit *h;
    *hits = NULL;
    *n = 0;
    mc_code rc = search_fts(db, VOCAB_ALIASES, base, 16, &h, &found, err);
    if (rc)
        return rc;
    const char *id = NULL;
    size_t at = found;
    for (size_t i = 0; i < found; i++) {
        char aw[MAX_WORDS][MAX_WORD];
        size_t typos = 0, same = 0;
        if (!h[i].alias || split_words(h[i].alias, aw) != nw)
            continue;
        for (size_t w = 0; w < nw; w++) {
            same += !strcmp(words[w], aw[w]);
            typos += one_typo(words[w], aw[w]);
        }
        if (typos != 1 || same + 1 != nw)
            continue;
        if (id && strcmp(id, h[i].id)) {
            at = found; /* two foods: no guess */
            break;
        }
        id = h[i].id;
        at = at < found ? at : i;
    }
    if (at < found && limit > 0) {
        /* Keep the first hit of that food; free the rest. */
        struct mc_food_hit keep = h[at];
        h[at] = h[0];
        h[0] = keep;
        *n = 1;
    }
    for (size_t i = *n; i < found; i++) {
        free(h[i].id);
        free(h[i].name);
        free(h[i].group);
        free(h[i].alias);
        free(h[i].name_local);
    }
    *hits = h;
    return MC_OK;
}

mc_code mc_food_db_find_product(struct mc_food_db *db, const char *name,
                                size_t limit, struct mc_food_hit **hits,
                                size_t *n, struct mc_product_match *how,
                                struct mc_err *err)
{
    struct mc_product_name p;
    struct mc_product_match ignored;
    char form[320];
    int fat_used = 0, grade_used = 0;
    if (!how)
        how = &ignored;
    memset(how, 0, sizeof *how);
    how->fat_unmatched = -1;
    mc_code rc = mc_food_db_find_alias(db, name, limit, hits, n, err);
    how->exact = 1;
    if (rc || *n || limit == 0)
        return rc;
    how->exact = 0;
    mc_product_name_parse(name, &p);
    if (!p.base[0] && !p.aside[0])
        return MC_OK;
    /* The words in brackets may say which product the base is ("Хлеб (из
     * муки смешанной валки)" is rye-wheat bread, not bread): the alias
     * table's name for both, brackets dropped, comes first. */
    if (p.base[0] && p.aside[0]) {
        char both[sizeof p.base + sizeof p.aside + 1];
        snprintf(both, sizeof both, "%s %s", p.base, p.aside);
        mc_food_hits_free(*hits, *n);
        if ((rc = mc_food_db_find_alias(db, both, limit, hits, n, err)))
            return rc;
        if (*n) {
            size_t len = strlen(both) < sizeof how->read_as ? strlen(both)
                                                             : sizeof how->read_as - 1;
            memcpy(how->read_as, both, len);
            how->read_as[len] = '\0';
            snprintf(how->set_aside, sizeof how->set_aside, "%s", p.marks);
            how->fat_unmatched = p.fat_pct;
            how->grade_unmatched = p.grade != MC_GRADE_NONE;
            return MC_OK;
        }
    }
    /* The base with its fat share, then with its grade, then alone. */
    for (int which = 0; which < 4 && !*n && p.base[0]; which++)
        if (mc_product_name_form(&p, which, form, sizeof form)) {
            mc_food_hits_free(*hits, *n);
            if ((rc = mc_food_db_find_alias(db, form, limit, hits, n, err)))
                return rc;
            fat_used = *n && which < 2;
            grade_used = *n && which >= 2;
        }
    /* The base alone, by name, then by its words; then the head before a
     * comma ("Огурец, грунтовый"); then what brackets hold ("Жидкость
     * (молоко)").  What the one found by leaves out is set aside too. */
    const char *const tries[] = {p.base, p.head, p.aside};
    const char *left_out[] = {p.aside, p.base + strlen(p.head), p.base};
    size_t t;
    for (t = 0; t < sizeof tries / sizeof *tries && !*n; t++) {
        if (!tries[t][0])
            continue;
        mc_food_hits_free(*hits, *n);
        if ((rc = mc_food_db_find_alias(db, tries[t], limit, hits, n, err)))
            return rc;
        if (!*n) {
            mc_food_hits_free(*hits, *n);
            if ((rc = cover_base(db, tries[t], limit, hits, n, err)))
                return rc;
            how->by_words = *n > 0;
        }
    }
    if (!*n && p.base[0]) {
        mc_food_hits_free(*hits, *n);
        if ((rc = typo_base(db, p.base, limit, hits, n, err)))
            return rc;
        how->misspelt = *n > 0;
    }
    const char *more = *n && t > 0 && !how->misspelt
                           ? left_out[t - 1] + strspn(left_out[t - 1], " ") : "";
    if (*more)
        snprintf(p.marks + strlen(p.marks), sizeof p.marks - strlen(p.marks), "%s%s",
                 p.marks[0] ? "; " : "", more);
    if (*n) {
        snprintf(how->read_as, sizeof how->read_as, "%s",
                 *n == 1 && (*hits)[0].alias ? (*hits)[0].alias : p.base);
        snprintf(how->set_aside, sizeof how->set_aside, "%s", p.marks);
        how->fat_unmatched = fat_used ? -1 : p.fat_pct;
        how->grade_unmatched = p.grade && !grade_used;
    }
    return MC_OK;
}

mc_code mc_food_db_local_name(struct mc_food_db *db, const char *id, const char *lang,
                              char *out, size_t size, struct mc_err *err)
{
    out[0] = '\0';
    const char *const langs[] = {lang, !strcmp(lang, "kk") ? "ru" : NULL};
    for (size_t i = 0; i < 2 && langs[i] && !out[0]; i++) {
        if (strcmp(langs[i], "ru") && strcmp(langs[i], "kk"))
            break;
        sqlite3_bind_text(db->local_name, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(db->local_name, 2, langs[i], -1, SQLITE_STATIC);
        int step = sqlite3_step(db->local_name);
        if (step == SQLITE_ROW)
            snprintf(out, size, "%s", (const char *)sqlite3_column_text(db->local_name, 0));
        sqlite3_reset(db->local_name);
        if (step != SQLITE_ROW && step != SQLITE_DONE)
            return db_error(db, err);
    }
    return MC_OK;
}

mc_code mc_food_db_localize_hits(struct mc_food_db *db, struct mc_food_hit *hits,
                                 size_t n, const char *lang, struct mc_err *err)
{
    for (size_t i = 0; i < n; i++) {
        char name[512];
        mc_code rc = mc_food_db_local_name(db, hits[i].id, lang, name, sizeof name, err);
        if (rc)
            return rc;
        free(hits[i].name_local);
        if (!(hits[i].name_local = strdup(name)))
            return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    return MC_OK;
}

void mc_food_db_provenance_release(struct mc_food_db_provenance *p)
{
    if (!p)
        return;
    free(p->source);
    free(p->release);
    free(p->imported_at);
    memset(p, 0, sizeof *p);
}

mc_code mc_food_db_provenance(struct mc_food_db *db,
                              struct mc_food_db_provenance *out,
                              struct mc_err *err)
{
    sqlite3_stmt *st = NULL;
    mc_code rc = MC_OK;
    int step;
    memset(out, 0, sizeof *out);
    if (sqlite3_prepare_v2(db->db, "SELECT key, value FROM meta", -1, &st,
                           NULL) != SQLITE_OK)
        return db_error(db, err);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(st, 0);
        const char *v = (const char *)sqlite3_column_text(st, 1);
        char **text = !strcmp(k, "source") ? &out->source
                      : !strcmp(k, "release") ? &out->release
                      : !strcmp(k, "imported_at") ? &out->imported_at : NULL;
        long *num = !strcmp(k, "foods") ? &out->foods
                    : !strcmp(k, "local_foods") ? &out->local_foods
                    : !strcmp(k, "values") ? &out->values
                    : !strcmp(k, "measures") ? &out->measures
                    : !strcmp(k, "groups") ? &out->groups
                    : !strcmp(k, "nutrients") ? &out->nutrients
                    : !strcmp(k, "local_values") ? &out->local_values : NULL;
        if (text && !(*text = strdup(v))) {
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            break;
        }
        if (num)
            *num = strtol(v, NULL, 10);
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_error(db, err);
    sqlite3_finalize(st);
    if (!rc && (!out->source || !out->release || !out->imported_at))
        rc = mc_err_set(err, MC_ERR_INPUT, "%s: provenance is incomplete",
                        db->path);
    if (rc)
        mc_food_db_provenance_release(out);
    return rc;
}
