/*
 * manifest.c - reading the list of schools an audit checks.
 */
#include "mealcheck/manifest.h"

#include <stdlib.h>
#include <string.h>

#include "mealcheck/csv.h"
#include "mealcheck/text.h"
#include "array.h"

enum col { C_ID, C_NAME, C_DISTRICT, C_REGION, C_MENU, C_RECIPES, C_GROUPS,
           C_STANDARDS, C_SHARES, C_ALIASES, C_CYCLE, C_COUNT };
static const char *const col_names[C_COUNT] = {
    "school_id", "school_name", "district", "region", "menu", "recipes",
    "groups", "standards", "meal_shares", "aliases", "cycle_start"};

struct loader {
    struct mc_manifest *m;
    struct mc_csv *csv;
    struct mc_err *err;
    int col[C_COUNT];
    size_t cap;
    size_t *ids;               /* open addressing: 1 + school index, 0 empty */
    size_t ids_cap;            /* a power of two, at least twice the schools */
    size_t dir_len;            /* bytes of the manifest's folder, with its '/' */
};

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

/* Record school k's id; the school already listed with that id, or NULL.
 * A table of ids keeps a national manifest linear (a scan per row was
 * quadratic: 10 s at 56,000 schools). */
static const struct mc_manifest_school *seen_id(struct loader *L, size_t k, int *oom)
{
    struct mc_manifest_school *v = L->m->schools;
    if (2 * (k + 1) > L->ids_cap) {
        size_t cap = L->ids_cap ? 2 * L->ids_cap : 64;
        size_t *t = calloc(cap, sizeof *t);
        if (!t) {
            *oom = 1;
            return NULL;
        }
        for (size_t i = 0; i < L->ids_cap; i++)
            if (L->ids[i])
                for (size_t h = mc_text_hash(v[L->ids[i] - 1].id);; h++)
                    if (!t[h & (cap - 1)]) {
                        t[h & (cap - 1)] = L->ids[i];
                        break;
                    }
        free(L->ids);
        L->ids = t;
        L->ids_cap = cap;
    }
    for (size_t h = mc_text_hash(v[k].id);; h++) {
        size_t *slot = &L->ids[h & (L->ids_cap - 1)];
        if (!*slot) {
            *slot = k + 1;
            return NULL;
        }
        if (!strcmp(v[*slot - 1].id, v[k].id))
            return &v[*slot - 1];
    }
}

static mc_code row(struct loader *L)
{
    struct mc_manifest *m = L->m;
    if (mc_array_reserve(&m->schools, &L->cap, m->n + 1, sizeof *m->schools, 16))
        return nomem(L);
    struct mc_manifest_school *s = &m->schools[m->n++];
    memset(s, 0, sizeof *s);
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
        mc_err_at(L->err, MC_ERR_INPUT, m->path, s->line, L->col[C_ID] + 1,
                  "school_id is empty; expected the school's id");
    int oom = 0;
    const struct mc_manifest_school *first = *s->id ? seen_id(L, m->n - 1, &oom) : NULL;
    if (oom)
        return nomem(L);
    if (first)
        mc_err_at(L->err, MC_ERR_INPUT, m->path, s->line, L->col[C_ID] + 1,
                  "school '%s' is listed twice (first at line %ld)", s->id,
                  first->line);
    if (!*cell(L, C_MENU))
        mc_err_at(L->err, MC_ERR_INPUT, m->path, s->line, L->col[C_MENU] + 1,
                  "menu is empty; expected the school's menu file");
    const char *cycle = cell(L, C_CYCLE);
    if (*cycle && !mc_date_parse(cycle, &s->cycle_start))
        mc_err_at(L->err, MC_ERR_INPUT, m->path, s->line, L->col[C_CYCLE] + 1,
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

mc_code mc_manifest_load(const char *path, struct mc_manifest **out,
                         struct mc_err *err)
{
    return mc_manifest_load_limited(path, NULL, out, err);
}

mc_code mc_manifest_load_limited(const char *path, const struct mc_input_limits *limits,
                                 struct mc_manifest **out, struct mc_err *err)
{
    *out = NULL;
    struct loader L = {.err = err};
    int before = err->count;
    mc_code rc;
    if (!(L.m = calloc(1, sizeof *L.m)) || !(L.m->path = strdup(path))) {
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        goto fail;
    }
    const char *slash = strrchr(path, '/');
    L.dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    if ((rc = mc_csv_open_limited(path, limits, &L.csv, err)) ||
        (rc = mc_csv_header(L.csv, col_names, C_COUNT, L.col,
                            "the columns school_id, menu, groups and standards",
                            err)))
        goto fail;
    for (enum col c = C_ID; c < C_COUNT; c++)
        if (L.col[c] < 0 && (c == C_ID || c == C_MENU || c == C_GROUPS ||
                             c == C_STANDARDS))
            mc_err_at(err, MC_ERR_INPUT, path, mc_csv_line(L.csv), 0,
                      "missing column '%s'", col_names[c]);
    if (err->count > before) {
        rc = err->code;
        goto fail;
    }
    L.m->col_groups = L.col[C_GROUPS] + 1;
    L.m->col_standards = L.col[C_STANDARDS] + 1;
    int got;
    while (!mc_err_full(err) && (got = mc_csv_next(L.csv, err)) > 0)
        if ((rc = row(&L)))
            goto fail;
    if (err->count == before && L.m->n == 0)
        mc_err_at(err, MC_ERR_INPUT, path, 0, 0, "no schools: the manifest has a "
                  "header row only; expected a row per school");
    if (err->count > before) {
        rc = err->code;
        goto fail;
    }
    *out = L.m;
    L.m = NULL;
    rc = MC_OK;
fail:
    free(L.ids);
    mc_manifest_free(L.m);
    mc_csv_close(L.csv);
    return rc;
}

void mc_manifest_free(struct mc_manifest *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        struct mc_manifest_school *s = &m->schools[i];
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
    }
    free(m->schools);
    free(m->path);
    free(m);
}
