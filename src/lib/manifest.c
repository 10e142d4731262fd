/*
 * manifest.c - reading the list of schools an audit checks.
 */
#include "mealcheck/manifest.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mealcheck/csv.h"
#include "mealcheck/text.h"
#include "array.h"

enum col { C_ID, C_NAME, C_DISTRICT, C_REGION, C_MENU, C_RECIPES, C_GROUPS,
           C_STANDARDS, C_SHARES, C_ALIASES, C_CYCLE, C_COUNT };
static const char *const col_names[C_COUNT] = {
    "school_id", "school_name", "district", "region", "menu", "recipes",
    "groups", "standards", "meal_shares", "aliases", "cycle_start"};

/* Reading and checking a manifest's rows (load, scan). */
struct loader {
    const struct mc_manifest *m;
    const struct mc_input_limits *limits;
    struct mc_csv *csv;
    struct mc_err *err;
    int col[C_COUNT];
    uint64_t *ids;             /* open addressing: the ids' hashes, 0 empty */
    size_t n_ids, ids_cap;     /* ids_cap a power of two, at least twice n_ids */
    size_t dir_len;            /* bytes of the manifest's folder, with its '/' */
};

/* A scanned manifest's schools, kept in a temporary file rather than in
 * memory: per school a head of numbers, then its strings as a 4-byte
 * length (0: NULL; else with its '\0') and bytes. */
struct mc_manifest_spool {
    FILE *f;
};

struct head {
    long line;
    int cycle_start;
    uint32_t n_groups, n_standards, n_shares;
};

struct mc_manifest_rows {
    const struct mc_manifest *m;
    size_t next;                /* the school read next */
    off_t off;                  /* in the spool, of buf's end */
    size_t pos, len;            /* in buf */
    char buf[1 << 16];
};

static int spool_put(FILE *f, const struct mc_manifest_school *s);

static const char *cell(const struct loader *L, enum col c)
{
    return L->col[c] < 0 ? "" : mc_csv_field(L->csv, (size_t)L->col[c]);
}

static mc_code nomem(struct loader *L)
{
    return mc_err_set(L->err, MC_ERR_NOMEM, "out of memory reading %s", L->m->path);
}

/* A path of the manifest, relative to its folder unless absolute. */
static char *resolve_path(const struct loader *L, const char *p)
{
    if (p[0] == '/' || L->dir_len == 0)
        return strdup(p);
    size_t n = strlen(p);
    char *out = malloc(L->dir_len + n + 1);
    if (out) {
        memcpy(out, L->m->path, L->dir_len);
        memcpy(out + L->dir_len, p, n + 1);
    }
    return out;
}

/* Split a ';'-separated cell into its trimmed, non-empty items.
 * @return the count (0 for an empty cell), or -1 out of memory. */
static long split(const char *text, char ***out)
{
    *out = NULL;
    long n = 0;
    const char *p = text;
    while (*p) {
        const char *end = strchr(p, ';');
        if (!end)
            end = p + strlen(p);
        const char *a = p, *b = end;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (b > a) {
            char **grown = realloc(*out, (size_t)(n + 1) * sizeof *grown);
            if (!grown || !(grown[n] = strndup(a, (size_t)(b - a)))) {
                *out = grown ? grown : *out;
                return -1 - n; /* the caller frees the n items kept */
            }
            *out = grown;
            n++;
        }
        p = *end ? end + 1 : end;
    }
    return n;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* Read a list cell into *v, *n; an empty required cell is an error. */
static mc_code list(struct loader *L, enum col c, const char *what, char ***v,
                    size_t *n)
{
    long k = split(cell(L, c), v);
    if (k < 0) {
        *n = (size_t)(-1 - k);
        return nomem(L);
    }
    *n = (size_t)k;
    if (k == 0 && what)
        mc_err_at(L->err, MC_ERR_INPUT, L->m->path, mc_csv_line(L->csv),
                  L->col[c] + 1, "%s is empty; expected %s", col_names[c], what);
    return MC_OK;
}

static mc_code shares(struct loader *L, struct mc_manifest_school *s)
{
    char **items;
    size_t n;
    mc_code rc = list(L, C_SHARES, NULL, &items, &n);
    if (!rc && n && !(s->shares = calloc(n, sizeof *s->shares)))
        rc = nomem(L);
    for (size_t i = 0; !rc && i < n; i++) {
        char meal[64];
        struct mc_meal_share sh;
        if (!mc_meal_share_parse(items[i], &sh, meal, sizeof meal)) {
            mc_err_at(L->err, MC_ERR_INPUT, L->m->path, mc_csv_line(L->csv),
                      L->col[C_SHARES] + 1, "meal_shares: expected MEAL=MIN-MAX "
                      "(%% of the day, e.g. lunch=30-35), got '%s'", items[i]);
        } else if (mc_meal_share_find(s->shares, s->n_shares, meal)) {
            mc_err_at(L->err, MC_ERR_INPUT, L->m->path, mc_csv_line(L->csv),
                      L->col[C_SHARES] + 1, "meal_shares: %s is given twice", meal);
        } else if (!(sh.meal = strdup(meal))) {
            rc = nomem(L);
        } else {
            s->shares[s->n_shares++] = sh;
        }
    }
    free_list(items, n);
    return rc;
}

static uint64_t id_hash(const char *id)
{
    uint64_t h = (uint64_t)mc_text_hash(id);
    return h ? h : 1; /* 0 marks an empty slot */
}

/* The line of the first row before line `before` whose id is id, 0 when
 * none: the file read again, as a duplicate id is rare. */
static long first_line(const struct loader *L, const char *id, long before)
{
    struct mc_err e = {0};
    struct mc_csv *csv = NULL;
    long at = 0;
    int col[C_COUNT];
    if (!mc_csv_open_limited(L->m->path, L->limits, &csv, &e) &&
        !mc_csv_header(csv, col_names, C_COUNT, col, "", &e))
        while (!at && mc_csv_next(csv, &e) > 0 && mc_csv_line(csv) < before)
            if (!strcmp(mc_csv_field(csv, (size_t)col[C_ID]), id))
                at = mc_csv_line(csv);
    mc_csv_close(csv);
    mc_err_release(&e);
    return at;
}

/* Record the id of the row at line; the line of the row before it with the
 * same id, 0 when none, -1 out of memory.  A table of 8-byte hashes keeps a
 * national manifest linear and small (a scan per row was quadratic, a
 * copy of every id 800 bytes a school); equal hashes are compared in the
 * file. */
static long seen_id(struct loader *L, const char *id, long line)
{
    if (2 * (L->n_ids + 1) > L->ids_cap) {
        size_t cap = L->ids_cap ? 2 * L->ids_cap : 64;
        uint64_t *t = calloc(cap, sizeof *t);
        if (!t)
            return -1;
        for (size_t i = 0; i < L->ids_cap; i++)
            for (size_t h = L->ids[i]; L->ids[i]; h++)
                if (!t[h & (cap - 1)]) {
                    t[h & (cap - 1)] = L->ids[i];
                    break;
                }
        free(L->ids);
        L->ids = t;
        L->ids_cap = cap;
    }
    uint64_t key = id_hash(id);
    for (size_t h = key;; h++) {
        uint64_t *slot = &L->ids[h & (L->ids_cap - 1)];
        if (*slot == key) {
            long first = first_line(L, id, line);
            if (first)
                return first;
        } else if (!*slot) {
            *slot = key;
            L->n_ids++;
            return 0;
        }
    }
}

/* Read the current record into s (zeroed by the caller; release it with
 * mc_manifest_school_release even on failure), recording its problems. */
static mc_code row(struct loader *L, struct mc_manifest_school *s)
{
    const char *path = L->m->path;
    s->line = mc_csv_line(L->csv);
    const char *recipes = cell(L, C_RECIPES), *aliases = cell(L, C_ALIASES);
    if (!(s->id = strdup(cell(L, C_ID))) || !(s->name = strdup(cell(L, C_NAME))) ||
        !(s->district = strdup(cell(L, C_DISTRICT))) ||
        !(s->region = strdup(cell(L, C_REGION))) ||
        !(s->menu = resolve_path(L, cell(L, C_MENU))) ||
        (*recipes && !(s->recipes = resolve_path(L, recipes))) ||
        (*aliases && !(s->aliases = resolve_path(L, aliases))))
        return nomem(L);
    if (!*s->id)
        mc_err_at(L->err, MC_ERR_INPUT, path, s->line, L->col[C_ID] + 1,
                  "school_id is empty; expected the school's id");
    long first = *s->id ? seen_id(L, s->id, s->line) : 0;
    if (first < 0)
        return nomem(L);
    if (first)
        mc_err_at(L->err, MC_ERR_INPUT, path, s->line, L->col[C_ID] + 1,
                  "school '%s' is listed twice (first at line %ld)", s->id, first);
    if (!*cell(L, C_MENU))
        mc_err_at(L->err, MC_ERR_INPUT, path, s->line, L->col[C_MENU] + 1,
                  "menu is empty; expected the school's menu file");
    const char *cycle = cell(L, C_CYCLE);
    if (*cycle && !mc_date_parse(cycle, &s->cycle_start))
        mc_err_at(L->err, MC_ERR_INPUT, path, s->line, L->col[C_CYCLE] + 1,
                  "cycle_start: expected the first day of the menu's week 1 as "
                  "YYYY-MM-DD (e.g. 2025-09-01), got '%s'", cycle);
    mc_code rc;
    if ((rc = list(L, C_GROUPS, "an age group or roster, e.g. 7-11", &s->groups,
                   &s->n_groups)) ||
        (rc = list(L, C_STANDARDS, "a norm set id, e.g. ru_sanpin_3590_20",
                   &s->standards, &s->n_standards)))
        return rc;
    return shares(L, s);
}

/* Open m's file and read its header into L; a missing required column is
 * recorded (and fails). */
static mc_code begin(struct loader *L, const struct mc_manifest *m,
                     const struct mc_input_limits *limits, struct mc_err *err)
{
    int before = err->count;
    L->m = m;
    L->limits = limits;
    L->err = err;
    const char *slash = strrchr(m->path, '/');
    L->dir_len = slash ? (size_t)(slash - m->path) + 1 : 0;
    mc_code rc;
    if ((rc = mc_csv_open_limited(m->path, limits, &L->csv, err)) ||
        (rc = mc_csv_header(L->csv, col_names, C_COUNT, L->col,
                            "the columns school_id, menu, groups and standards",
                            err)))
        return rc;
    for (enum col c = C_ID; c < C_COUNT; c++)
        if (L->col[c] < 0 && (c == C_ID || c == C_MENU || c == C_GROUPS ||
                              c == C_STANDARDS))
            mc_err_at(err, MC_ERR_INPUT, m->path, mc_csv_line(L->csv), 0,
                      "missing column '%s'", col_names[c]);
    return err->count > before ? err->code : MC_OK;
}

/* Read every row of the manifest at path, checking them all; keep: the
 * schools are kept in (*out)->schools, else only counted. */
static mc_code read_all(const char *path, const struct mc_input_limits *limits, int keep,
                        struct mc_manifest **out, struct mc_err *err)
{
    *out = NULL;
    struct loader L = {0};
    struct mc_manifest *m = calloc(1, sizeof *m);
    struct mc_manifest_school one;
    size_t cap = 0;
    int before = err->count;
    mc_code rc;
    if (!m || !(m->path = strdup(path)) ||
        (!keep && !(m->spool = calloc(1, sizeof *m->spool)))) {
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        goto fail;
    }
    if (!keep && !(m->spool->f = tmpfile())) {
        rc = mc_err_set(err, MC_ERR_IO, "cannot make a temporary file: %s", strerror(errno));
        goto fail;
    }
    if ((rc = begin(&L, m, limits, err)))
        goto fail;
    m->col_groups = L.col[C_GROUPS] + 1;
    m->col_standards = L.col[C_STANDARDS] + 1;
    int got;
    while (!mc_err_full(err) && (got = mc_csv_next(L.csv, err)) > 0) {
        if (keep && mc_array_reserve(&m->schools, &cap, m->n + 1, sizeof *m->schools, 16)) {
            rc = nomem(&L);
            goto fail;
        }
        struct mc_manifest_school *s = keep ? &m->schools[m->n] : &one;
        memset(s, 0, sizeof *s);
        rc = row(&L, s);
        m->n++;
        if (!rc && !keep && err->count == before && spool_put(m->spool->f, s))
            rc = mc_err_set(err, MC_ERR_IO, "cannot write a temporary file: %s",
                            strerror(errno));
        if (!keep)
            mc_manifest_school_release(s);
        if (rc)
            goto fail;
    }
    if (!keep && fflush(m->spool->f)) {
        rc = mc_err_set(err, MC_ERR_IO, "cannot write a temporary file: %s", strerror(errno));
        goto fail;
    }
    if (err->count == before && m->n == 0)
        mc_err_at(err, MC_ERR_INPUT, path, 0, 0, "no schools: the manifest has a "
                  "header row only; expected a row per school");
    if (err->count > before) {
        rc = err->code;
        goto fail;
    }
    *out = m;
    m = NULL;
    rc = MC_OK;
fail:
    free(L.ids);
    mc_manifest_free(m);
    mc_csv_close(L.csv);
    return rc;
}

mc_code mc_manifest_load(const char *path, struct mc_manifest **out,
                         struct mc_err *err)
{
    return read_all(path, NULL, 1, out, err);
}

mc_code mc_manifest_load_limited(const char *path, const struct mc_input_limits *limits,
                                 struct mc_manifest **out, struct mc_err *err)
{
    return read_all(path, limits, 1, out, err);
}

mc_code mc_manifest_scan(const char *path, const struct mc_input_limits *limits,
                         struct mc_manifest **out, struct mc_err *err)
{
    return read_all(path, limits, 0, out, err);
}

mc_code mc_manifest_rows_open(const struct mc_manifest *m, struct mc_manifest_rows **out,
                              struct mc_err *err)
{
    if (!(*out = malloc(sizeof **out)))
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    (*out)->m = m;
    (*out)->next = 0;
    (*out)->off = 0;
    (*out)->pos = (*out)->len = 0;
    return MC_OK;
}

/* n bytes of the spool into dst; -1 when it cannot be read or ends. */
static int take(struct mc_manifest_rows *r, void *dst, size_t n)
{
    char *d = dst;
    while (n) {
        if (r->pos == r->len) {
            ssize_t got = pread(fileno(r->m->spool->f), r->buf, sizeof r->buf, r->off);
            if (got <= 0) {
                if (got == 0)
                    errno = EIO;
                return -1;
            }
            r->off += got;
            r->pos = 0;
            r->len = (size_t)got;
        }
        size_t k = r->len - r->pos < n ? r->len - r->pos : n;
        memcpy(d, r->buf + r->pos, k);
        r->pos += k;
        d += k;
        n -= k;
    }
    return 0;
}

static int take_str(struct mc_manifest_rows *r, char **s)
{
    uint32_t n;
    *s = NULL;
    if (take(r, &n, sizeof n))
        return -1;
    if (!n)
        return 0;
    if (!(*s = malloc(n))) {
        errno = ENOMEM;
        return -1;
    }
    return take(r, *s, n);
}

/* The spool is written by one thread: its stream needs no lock. */
static int put_str(FILE *f, const char *s)
{
    uint32_t n = s ? (uint32_t)strlen(s) + 1 : 0;
    return fwrite_unlocked(&n, sizeof n, 1, f) == 1 && (!n || fwrite_unlocked(s, 1, n, f) == n) ? 0 : -1;
}

/* School s at the spool's end; -1 when it cannot be written. */
static int spool_put(FILE *f, const struct mc_manifest_school *s)
{
    struct head h = {s->line, s->cycle_start, (uint32_t)s->n_groups,
                     (uint32_t)s->n_standards, (uint32_t)s->n_shares};
    int bad = fwrite_unlocked(&h, sizeof h, 1, f) != 1 || put_str(f, s->id) || put_str(f, s->name) ||
              put_str(f, s->district) || put_str(f, s->region) || put_str(f, s->menu) ||
              put_str(f, s->recipes) || put_str(f, s->aliases);
    for (size_t k = 0; !bad && k < s->n_groups; k++)
        bad = put_str(f, s->groups[k]);
    for (size_t k = 0; !bad && k < s->n_standards; k++)
        bad = put_str(f, s->standards[k]);
    for (size_t k = 0; !bad && k < s->n_shares; k++) {
        const struct mc_meal_share *sh = &s->shares[k];
        bad = put_str(f, sh->meal) || fwrite_unlocked(&sh->min_pct, sizeof sh->min_pct, 1, f) != 1 ||
              fwrite_unlocked(&sh->max_pct, sizeof sh->max_pct, 1, f) != 1 ||
              fwrite_unlocked(&sh->verified, sizeof sh->verified, 1, f) != 1;
    }
    return bad ? -1 : 0;
}

/* The next school of the spool into s. */
static int spool_get(struct mc_manifest_rows *r, struct mc_manifest_school *s)
{
    struct head h;
    if (take(r, &h, sizeof h))
        return -1;
    s->line = h.line;
    s->cycle_start = h.cycle_start;
    if (take_str(r, &s->id) || take_str(r, &s->name) || take_str(r, &s->district) ||
        take_str(r, &s->region) || take_str(r, &s->menu) || take_str(r, &s->recipes) ||
        take_str(r, &s->aliases) ||
        !(s->groups = calloc(h.n_groups + 1, sizeof *s->groups)) ||
        !(s->standards = calloc(h.n_standards + 1, sizeof *s->standards)) ||
        !(s->shares = calloc(h.n_shares + 1, sizeof *s->shares)))
        return -1;
    /* counted before read: a failed read leaves nothing unfreed */
    while (s->n_groups < h.n_groups)
        if (take_str(r, &s->groups[s->n_groups++]))
            return -1;
    while (s->n_standards < h.n_standards)
        if (take_str(r, &s->standards[s->n_standards++]))
            return -1;
    while (s->n_shares < h.n_shares) {
        struct mc_meal_share *sh = &s->shares[s->n_shares++];
        if (take_str(r, &sh->meal) || take(r, &sh->min_pct, sizeof sh->min_pct) ||
            take(r, &sh->max_pct, sizeof sh->max_pct) ||
            take(r, &sh->verified, sizeof sh->verified))
            return -1;
    }
    return 0;
}

/* A copy of *from into s. */
static int copy_school(const struct mc_manifest_school *from, struct mc_manifest_school *s)
{
    *s = (struct mc_manifest_school){.line = from->line, .cycle_start = from->cycle_start};
    const char *const one[] = {from->id, from->name, from->district, from->region,
                               from->menu, from->recipes, from->aliases};
    char **to[] = {&s->id, &s->name, &s->district, &s->region, &s->menu, &s->recipes,
                   &s->aliases};
    for (size_t k = 0; k < sizeof one / sizeof *one; k++)
        if (one[k] && !(*to[k] = strdup(one[k])))
            return -1;
    if (!(s->groups = calloc(from->n_groups + 1, sizeof *s->groups)) ||
        !(s->standards = calloc(from->n_standards + 1, sizeof *s->standards)) ||
        !(s->shares = calloc(from->n_shares + 1, sizeof *s->shares)))
        return -1;
    for (; s->n_groups < from->n_groups; s->n_groups++)
        if (!(s->groups[s->n_groups] = strdup(from->groups[s->n_groups])))
            return -1;
    for (; s->n_standards < from->n_standards; s->n_standards++)
        if (!(s->standards[s->n_standards] = strdup(from->standards[s->n_standards])))
            return -1;
    for (; s->n_shares < from->n_shares; s->n_shares++) {
        s->shares[s->n_shares] = from->shares[s->n_shares];
        if (!(s->shares[s->n_shares].meal = strdup(from->shares[s->n_shares].meal)))
            return -1;
    }
    return 0;
}

int mc_manifest_rows_next(struct mc_manifest_rows *r, struct mc_manifest_school *s,
                          struct mc_err *err)
{
    memset(s, 0, sizeof *s);
    if (r->next == r->m->n)
        return 0;
    const struct mc_manifest *m = r->m;
    errno = 0;
    if (m->schools ? copy_school(&m->schools[r->next], s) : spool_get(r, s)) {
        int e = m->schools ? ENOMEM : errno;
        mc_manifest_school_release(s);
        if (e == ENOMEM)
            mc_err_set(err, MC_ERR_NOMEM, "out of memory reading %s", m->path);
        else
            mc_err_set(err, MC_ERR_IO, "cannot read a temporary file: %s", strerror(e));
        return -1;
    }
    r->next++;
    return 1;
}

void mc_manifest_rows_close(struct mc_manifest_rows *r)
{
    free(r);
}

void mc_manifest_school_release(struct mc_manifest_school *s)
{
    free(s->id);
    free(s->name);
    free(s->district);
    free(s->region);
    free(s->menu);
    free(s->recipes);
    free(s->aliases);
    free_list(s->groups, s->n_groups);
    free_list(s->standards, s->n_standards);
    for (size_t k = 0; k < s->n_shares; k++)
        free(s->shares[k].meal);
    free(s->shares);
    memset(s, 0, sizeof *s);
}

void mc_manifest_free(struct mc_manifest *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n && m->schools; i++)
        mc_manifest_school_release(&m->schools[i]);
    free(m->schools);
    if (m->spool && m->spool->f)
        fclose(m->spool->f);
    free(m->spool);
    free(m->path);
    free(m);
}
