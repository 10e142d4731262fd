/*
 * food_set.c - food-set norms: the food map, the norm files, and the sum
 * of a menu's grams per food group (arithmetic in food_set.h).
 */
#include "mealcheck/food_set.h"
#include "mealcheck/i18n.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "mealcheck/csv.h"
#include "mealcheck/text.h"
#include "array.h"
#include "folder.h"

static const char unassigned[] = "unassigned";

static char *dup(const char *s)
{
    return strdup(s ? s : "");
}

/* A group key: lowercase letters, digits and '_', as norm-set ids are. */
static int valid_key(const char *s)
{
    return *s && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(s);
}

/* Open path and read its header: cols[i] for names[i], every column not in
 * the optional mask required. */
static mc_code open_table(const char *path, const char *const *names, int n,
                          unsigned optional, const char *expected, struct mc_csv **csv,
                          int *cols, struct mc_err *err)
{
    mc_code rc = mc_csv_open(path, csv, err);
    if (rc)
        return rc;
    if (!(rc = mc_csv_header(*csv, names, n, cols, expected, err)))
        for (int c = 0; c < n && !rc; c++)
            if (cols[c] < 0 && !(optional >> c & 1))
                rc = mc_err_at(err, MC_ERR_INPUT, path, 1, 0, "missing column '%s' "
                               "(expected %s)", names[c], expected);
    if (rc) {
        mc_csv_close(*csv);
        *csv = NULL;
    }
    return rc;
}

/* ---- the food map ------------------------------------------------------- */

void mc_food_map_free(struct mc_food_map *map)
{
    if (!map)
        return;
    for (size_t i = 0; i < map->n; i++) {
        free(map->rules[i].food_id);
        free(map->rules[i].name_prefix);
        free(map->rules[i].sr28_group);
        free(map->rules[i].group);
    }
    free(map->rules);
    free(map->path);
    free(map);
}

/* Same text in the same column, case aside for names; neither NULL. */
static int same(const char *a, const char *b, int fold)
{
    return a && b && (fold ? mc_text_equal_fold(a, b) : !strcmp(a, b));
}

/* The earlier rule assigning the same food, prefix or SR28 group, or NULL. */
static const struct mc_food_map_rule *map_same(const struct mc_food_map *m,
                                               const struct mc_food_map_rule *r)
{
    for (size_t i = 0; i < m->n; i++) {
        const struct mc_food_map_rule *o = &m->rules[i];
        if (same(o->food_id, r->food_id, 0) || same(o->name_prefix, r->name_prefix, 1) ||
            same(o->sr28_group, r->sr28_group, 1))
            return o;
    }
    return NULL;
}

mc_code mc_food_map_load(const char *path, struct mc_food_map **out,
                         struct mc_err *err)
{
    static const char *const names[] = {"food_id", "name_prefix", "sr28_group", "group"};
    static const char expected[] = "food_id,name_prefix,sr28_group,group,note";
    *out = NULL;
    struct mc_csv *csv;
    int cols[4];
    mc_code rc = open_table(path, names, 4, 0, expected, &csv, cols, err);
    if (rc)
        return rc;
    struct mc_food_map *m = calloc(1, sizeof *m);
    size_t cap = 0;
    if (!m || !(m->path = strdup(path))) {
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        goto done;
    }
    while (!mc_err_full(err) && mc_csv_next(csv, err) > 0) {
        long line = mc_csv_line(csv);
        const char *f[4];
        int given = 0, which = 0;
        for (int c = 0; c < 4; c++) {
            f[c] = mc_csv_field(csv, (size_t)cols[c]);
            if (c < 3 && *f[c])
                given++, which = c;
        }
        if (given != 1) {
            mc_err_at(err, MC_ERR_INPUT, path, line, cols[0] + 1, "expected exactly one "
                      "of food_id, name_prefix and sr28_group, got %d", given);
            continue;
        }
        if (!valid_key(f[3])) {
            mc_err_at(err, MC_ERR_INPUT, path, line, cols[3] + 1, "group: expected "
                      "lowercase letters, digits and '_', got '%s'", f[3]);
            continue;
        }
        if (mc_array_reserve(&m->rules, &cap, m->n + 1, sizeof *m->rules, 16)) {
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            goto done;
        }
        struct mc_food_map_rule r = {.group = strdup(f[3]), .line = line};
        char **slot = which == 0 ? &r.food_id : which == 1 ? &r.name_prefix
                                                            : &r.sr28_group;
        *slot = strdup(f[which]);
        const struct mc_food_map_rule *o = map_same(m, &r);
        if (o)
            mc_err_at(err, MC_ERR_INPUT, path, line, cols[which] + 1,
                      "'%s' is already assigned on line %ld", f[which], o->line);
        m->rules[m->n++] = r;
        if (!r.group || !*slot) {
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            goto done;
        }
    }
    rc = err->code;
done:
    mc_csv_close(csv);
    if (rc)
        mc_food_map_free(m);
    else
        *out = m;
    return rc;
}

const char *mc_food_map_group(const struct mc_food_map *map, const char *food_id,
                              const char *name, const char *sr28_group)
{
    const char *by_prefix = NULL, *by_group = NULL;
    size_t longest = 0;
    for (size_t i = 0; i < map->n; i++) {
        const struct mc_food_map_rule *r = &map->rules[i];
        if (same(r->food_id, food_id, 0))
            return r->group;
        size_t n = r->name_prefix ? strlen(r->name_prefix) : 0;
        if (n > longest && name && !strncasecmp(name, r->name_prefix, n)) {
            longest = n;
            by_prefix = r->group;
        }
        if (!by_group && same(r->sr28_group, sr28_group, 1))
            by_group = r->group;
    }
    return by_prefix ? by_prefix : by_group;
}

/* ---- the food-set norms ------------------------------------------------- */

void mc_food_norm_free(struct mc_food_norm *norm)
{
    if (!norm)
        return;
    for (size_t i = 0; i < norm->n; i++) {
        struct mc_food_norm_row *r = &norm->rows[i];
        free(r->group);
        free(r->food_group);
        free(r->name);
        free(r->source_url);
        free(r->note);
    }
    free(norm->rows);
    free(norm->id);
    free(norm->path);
    free(norm);
}

/* "unknown food set 'x' (available: a, b)" from the food sets of dir
 * (folder.h), in name order. */
static mc_code norm_not_found(const char *dir, const char *id, struct mc_err *err)
{
    char list[1024] = "", **names;
    size_t len = 0, n;
    mc_code rc = mc_folder_list(dir, MC_FOLDER_CSV, &names, &n, err);
    if (rc == MC_ERR_NOMEM)
        return rc;
    for (size_t i = 0; i < n && len < sizeof list; i++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%.*s", i ? ", " : "",
                                (int)strlen(names[i]) - 4, names[i]);
    mc_folder_free(names);
    return mc_err_set(err, MC_ERR_NOT_FOUND, "unknown food set '%s' (available: %s)",
                      id, *list ? list : "none");
}

/* The file of food set id in dir: id.csv, or as the folder spells it
 * (ID.CSV); "" when there is none. */
static mc_code norm_path(const char *dir, const char *id, char *path, size_t size,
                         struct mc_err *err)
{
    char **names;
    size_t n, k = strlen(id);
    *path = '\0';
    mc_code rc = mc_folder_list(dir, MC_FOLDER_CSV, &names, &n, err);
    if (rc == MC_ERR_NOMEM)
        return rc;
    for (size_t i = 0; i < n; i++)
        if (strlen(names[i]) == k + 4 && !strncmp(names[i], id, k)) {
            snprintf(path, size, "%s/%s", dir, names[i]);
            break;
        }
    mc_folder_free(names);
    return MC_OK;
}

/* Check one row against the rows before it: same ages for an age group,
 * one norm per food group. */
static void norm_row_check(const struct mc_food_norm *n, const struct mc_food_norm_row *r,
                           int c_group, int c_fg, struct mc_err *err)
{
    for (size_t i = 0; i < n->n; i++) {
        const struct mc_food_norm_row *o = &n->rows[i];
        if (strcmp(o->group, r->group))
            continue;
        if (o->age_min != r->age_min || o->age_max != r->age_max) {
            mc_err_at(err, MC_ERR_INPUT, n->path, r->line, c_group + 1, "group '%s' "
                      "is %d-%d on line %ld, here %d-%d", r->group, o->age_min,
                      o->age_max, o->line, r->age_min, r->age_max);
            return;
        }
        if (!strcmp(o->food_group, r->food_group)) {
            mc_err_at(err, MC_ERR_INPUT, n->path, r->line, c_fg + 1, "'%s' of group "
                      "'%s' is already given on line %ld", r->food_group, r->group,
                      o->line);
            return;
        }
    }
}

enum { N_GROUP, N_AGE_MIN, N_AGE_MAX, N_FG, N_NAME, N_GRAMS, N_VERIFIED, N_URL,
       N_NOTE, N_COLS };

/* Read one row of a norm file into r; 0 when it is good. */
static int norm_row_read(struct mc_csv *csv, const int *col, struct mc_food_norm_row *r,
                         struct mc_err *err)
{
    const char *path = mc_csv_path(csv);
    long line = mc_csv_line(csv);
    const char *f[N_COLS];
    for (int c = 0; c < N_COLS; c++)
        f[c] = col[c] >= 0 ? mc_csv_field(csv, (size_t)col[c]) : "";
    int bad = 0;
    double a[2];
    for (int k = 0; k < 2; k++) {
        int c = N_AGE_MIN + k;
        if (mc_csv_number(csv, col[c], c ? "age_max" : "age_min", 0, &a[k], err) <= 0 ||
            a[k] != floor(a[k]) || a[k] > 120) {
            if (a[k] >= 0 || isnan(a[k]))
                mc_err_at(err, MC_ERR_INPUT, path, line, col[c] + 1, "%s: expected "
                          "whole years, got '%s'", k ? "age_max" : "age_min", f[c]);
            bad = 1;
        }
    }
    if (!bad && a[0] > a[1]) {
        mc_err_at(err, MC_ERR_INPUT, path, line, col[N_AGE_MAX] + 1,
                  "age_max %s is below age_min %s", f[N_AGE_MAX], f[N_AGE_MIN]);
        bad = 1;
    }
    if (!valid_key(f[N_GROUP]) || !valid_key(f[N_FG])) {
        int c = valid_key(f[N_GROUP]) ? N_FG : N_GROUP;
        mc_err_at(err, MC_ERR_INPUT, path, line, col[c] + 1, "%s: expected lowercase "
                  "letters, digits and '_', got '%s'", c == N_FG ? "food_group" : "group",
                  f[c]);
        bad = 1;
    }
    if (mc_csv_number(csv, col[N_GRAMS], "grams", 0, &r->grams, err) <= 0) {
        if (isnan(r->grams))
            mc_err_at(err, MC_ERR_INPUT, path, line, col[N_GRAMS] + 1,
                      "grams: expected a number, got nothing");
        bad = 1;
    }
    if (strcmp(f[N_VERIFIED], "yes") && strcmp(f[N_VERIFIED], "no")) {
        mc_err_at(err, MC_ERR_INPUT, path, line, col[N_VERIFIED] + 1,
                  "verified: expected 'yes' or 'no', got '%s'", f[N_VERIFIED]);
        bad = 1;
    }
    if (bad)
        return 1;
    r->age_min = (int)a[0];
    r->age_max = (int)a[1];
    r->verified = !strcmp(f[N_VERIFIED], "yes");
    r->line = line;
    r->group = dup(f[N_GROUP]);
    r->food_group = dup(f[N_FG]);
    r->name = dup(*f[N_NAME] ? f[N_NAME] : f[N_FG]);
    r->source_url = dup(f[N_URL]);
    r->note = dup(f[N_NOTE]);
    return 0;
}

mc_code mc_food_norm_load(const char *dir, const char *id, struct mc_food_norm **out,
                          struct mc_err *err)
{
    static const char *const names[N_COLS] = {
        "group", "age_min", "age_max", "food_group", "name", "grams", "verified",
        "source_url", "note"};
    *out = NULL;
    if (!valid_key(id))
        return norm_not_found(dir, id, err);
    char path[4096];
    mc_code found = norm_path(dir, id, path, sizeof path, err);
    if (found)
        return found;
    if (!*path)
        return norm_not_found(dir, id, err);
    struct mc_csv *csv;
    int col[N_COLS];
    mc_code rc = open_table(path, names, N_COLS, 1u << N_NAME | 1u << N_URL | 1u << N_NOTE,
                            "group,age_min,age_max,food_group,name,grams,verified,"
                            "source_url,note", &csv, col, err);
    if (rc)
        return rc;
    struct mc_food_norm *n = calloc(1, sizeof *n);
    size_t cap = 0;
    if (!n || !(n->id = strdup(id)) || !(n->path = strdup(path))) {
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        goto done;
    }
    while (!mc_err_full(err) && mc_csv_next(csv, err) > 0) {
        if (mc_array_reserve(&n->rows, &cap, n->n + 1, sizeof *n->rows, 16)) {
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            goto done;
        }
        struct mc_food_norm_row *r = &n->rows[n->n];
        *r = (struct mc_food_norm_row){0};
        if (norm_row_read(csv, col, r, err))
            continue;
        if (!r->group || !r->food_group || !r->name || !r->source_url || !r->note) {
            n->n++; /* freed with the set */
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            goto done;
        }
        norm_row_check(n, r, col[N_GROUP], col[N_FG], err);
        n->n++;
    }
    rc = err->code;
done:
    mc_csv_close(csv);
    if (rc)
        mc_food_norm_free(n);
    else
        *out = n;
    return rc;
}

/* ---- the check ------------------------------------------------------------ */

const char *mc_food_status_name(enum mc_food_status s)
{
    switch (s) {
    case MC_FOOD_OK: return N_("ok");
    case MC_FOOD_LOW: return N_("low");
    case MC_FOOD_HIGH: return N_("high");
    case MC_FOOD_NO_NORM: break;
    }
    return N_("no norm");
}

const char *mc_food_set_verdict(const struct mc_food_set *fs)
{
    return !fs->complies ? N_("DOES NOT COMPLY")
           : fs->n_low || fs->n_high ? N_("complies: every deviation is advisory")
                                     : N_("complies");
}

void mc_food_set_free(struct mc_food_set *fs)
{
    if (!fs)
        return;
    for (size_t i = 0; i < fs->n_lines; i++)
        free(fs->lines[i].day_net_g);
    for (size_t i = 0; i < fs->n_foods; i++) {
        free(fs->foods[i].food_id);
        free(fs->foods[i].name);
    }
    free(fs->lines);
    free(fs->foods);
    free(fs);
}

struct tally {
    struct mc_food_set *fs;
    const struct mc_food_map *map;
    const struct mc_food_set_opts *opts;
    size_t cap_lines, cap_foods;
    int nomem;
};

static struct mc_food_set_line *line_for(struct tally *T, const char *key)
{
    struct mc_food_set *fs = T->fs;
    for (size_t i = 0; i < fs->n_lines; i++)
        if (!strcmp(fs->lines[i].food_group, key))
            return &fs->lines[i];
    if (mc_array_reserve(&fs->lines, &T->cap_lines, fs->n_lines + 1, sizeof *fs->lines,
                         16))
        return NULL;
    struct mc_food_set_line *l = &fs->lines[fs->n_lines];
    *l = (struct mc_food_set_line){.food_group = key, .name = key, .norm_lo_g = NAN,
                                   .norm_hi_g = NAN, .pct = NAN};
    if (!(l->day_net_g = calloc(fs->n_days ? fs->n_days : 1, sizeof *l->day_net_g)))
        return NULL;
    fs->n_lines++;
    return l;
}

/* Add grams of one food eaten on day d. */
static void add_food(struct tally *T, const char *id, const char *name, double net,
                     double gross, size_t d)
{
    struct mc_food_set *fs = T->fs;
    const char *sr28 = T->opts->group_of ? T->opts->group_of(T->opts->ctx, id) : NULL;
    const char *key = mc_food_map_group(T->map, id, name, sr28);
    struct mc_food_set_line *l = line_for(T, key ? key : unassigned);
    if (!l) {
        T->nomem = 1;
        return;
    }
    l->day_net_g[d] += net;
    l->total_gross_g += gross;
    size_t i = 0;
    while (i < fs->n_foods && strcmp(fs->foods[i].food_id, id))
        i++;
    if (i == fs->n_foods) {
        if (mc_array_reserve(&fs->foods, &T->cap_foods, fs->n_foods + 1, sizeof *fs->foods,
                             16)) {
            T->nomem = 1;
            return;
        }
        struct mc_food_set_food *f = &fs->foods[fs->n_foods++];
        *f = (struct mc_food_set_food){.food_id = dup(id), .name = dup(name),
                                       .food_group = l->food_group};
        if (!f->food_id || !f->name)
            T->nomem = 1;
    }
    fs->foods[i].total_net_g += net;
}

/* The ingredients of f times recipe r, on day d; sub-recipes are opened. */
static void add_recipe(struct tally *T, const struct mc_recipe *r, double f, size_t d)
{
    for (size_t i = 0; i < r->n_ingredients; i++) {
        const struct mc_ingredient *in = &r->ingredients[i];
        if (in->sub) {
            if (in->sub->yield_g > 0)
                add_recipe(T, in->sub, f * in->net_g / in->sub->yield_g, d);
        } else {
            add_food(T, in->food_id, in->food_name, f * in->net_g,
                     f * (isnan(in->gross_g) ? in->net_g : in->gross_g), d);
        }
    }
}

static void tally_menu(struct tally *T, const struct mc_menu *m)
{
    for (size_t d = 0; d < m->n_days; d++) {
        const struct mc_day *day = &m->days[d];
        for (size_t k = day->first; k < day->first + day->count; k++) {
            const struct mc_meal *ml = &m->meals[k];
            for (size_t j = ml->first; j < ml->first + ml->count; j++) {
                const struct mc_serving *s = &m->servings[j];
                double w = isnan(s->planned_servings) ? 1.0
                                                      : s->planned_servings / ml->planned_meals;
                if (s->recipe && s->recipe->yield_g > 0)
                    add_recipe(T, s->recipe, w * s->portion_g / s->recipe->yield_g, d);
                else if (!s->recipe)
                    add_food(T, s->food_id, s->food_name, w * s->portion_g,
                             w * s->portion_g, d);
            }
        }
    }
}

/* The one age group of the set that covers the class, or an error. */
static mc_code pick_group(const struct mc_food_norm *n, const struct mc_food_set_opts *o,
                          const struct mc_food_norm_row **out, struct mc_err *err)
{
    char list[1024] = "";
    size_t len = 0, found = 0;
    *out = NULL;
    for (size_t i = 0; i < n->n; i++) {
        const struct mc_food_norm_row *r = &n->rows[i];
        size_t j = 0;
        while (j < i && strcmp(n->rows[j].group, r->group))
            j++;
        if (j < i)
            continue; /* group listed already */
        if (len < sizeof list)
            len += (size_t)snprintf(list + len, sizeof list - len, "%s%s (%d-%d)",
                                    len ? ", " : "", r->group, r->age_min, r->age_max);
        if (r->age_min <= o->age_min && o->age_max <= r->age_max) {
            found++;
            *out = r;
        }
    }
    if (found == 1)
        return MC_OK;
    return mc_err_set(err, MC_ERR_NOT_FOUND, "food set '%s': %s age group covers "
                      "ages %d-%d (its groups: %s)", n->id,
                      found ? _("more than one") : C_("age groups", "no"),
                      o->age_min, o->age_max, *list ? list : "none");
}

static int by_key_then_id(const void *a, const void *b)
{
    const struct mc_food_set_food *x = a, *y = b;
    int c = strcmp(x->food_group, y->food_group);
    return c ? c : strcmp(x->food_id, y->food_id);
}

static int by_key_unassigned_last(const void *a, const void *b)
{
    const struct mc_food_set_line *x = a, *y = b;
    int ux = x->food_group == unassigned, uy = y->food_group == unassigned;
    return ux != uy ? ux - uy : strcmp(x->food_group, y->food_group);
}

/* Norm band, % of norm and status of line l. */
static void judge(struct mc_food_set *fs, struct mc_food_set_line *l)
{
    l->total_net_g = 0;
    for (size_t d = 0; d < fs->n_days; d++)
        l->total_net_g += l->day_net_g[d];
    l->avg_net_g = fs->n_days ? l->total_net_g / (double)fs->n_days : NAN;
    if (!l->row)
        return;
    double g = l->row->grams, t = fs->tolerance_pct / 100.0;
    double mid = g * (fs->share_lo + fs->share_hi) / 200.0;
    l->norm_lo_g = g * fs->share_lo / 100.0 * (1.0 - t);
    l->norm_hi_g = g * fs->share_hi / 100.0 * (1.0 + t);
    l->pct = mid > 0 ? 100.0 * l->avg_net_g / mid : NAN;
    l->status = l->avg_net_g < l->norm_lo_g   ? MC_FOOD_LOW
                : l->avg_net_g > l->norm_hi_g ? MC_FOOD_HIGH
                                              : MC_FOOD_OK;
    if (l->status == MC_FOOD_OK)
        fs->n_ok++;
    else if (l->status == MC_FOOD_LOW)
        fs->n_low++;
    else
        fs->n_high++;
    if (l->status != MC_FOOD_OK && l->row->verified)
        fs->complies = 0;
}

mc_code mc_food_set_run(const struct mc_menu *menu, const struct mc_food_norm *norm,
                        const struct mc_food_map *map,
                        const struct mc_food_set_opts *opts,
                        struct mc_food_set **out, struct mc_err *err)
{
    *out = NULL;
    const struct mc_food_norm_row *pick;
    mc_code rc = pick_group(norm, opts, &pick, err);
    if (rc)
        return rc;
    struct mc_food_set *fs = calloc(1, sizeof *fs);
    if (!fs)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    *fs = (struct mc_food_set){.norm = norm, .age_group = pick->group,
                               .age_min = pick->age_min, .age_max = pick->age_max,
                               .n_days = menu->n_days, .share_lo = opts->share_lo,
                               .share_hi = opts->share_hi,
                               .tolerance_pct = opts->tolerance_pct, .complies = 1};
    struct tally T = {.fs = fs, .map = map, .opts = opts};
    /* The norm's rows first, in the order of the source's table. */
    for (size_t i = 0; i < norm->n && !T.nomem; i++) {
        const struct mc_food_norm_row *r = &norm->rows[i];
        struct mc_food_set_line *l;
        if (strcmp(r->group, pick->group))
            continue;
        if (!(l = line_for(&T, r->food_group)))
            T.nomem = 1;
        else
            l->row = r, l->name = r->name;
    }
    size_t n_norm = fs->n_lines;
    if (!T.nomem)
        tally_menu(&T, menu);
    if (T.nomem) {
        mc_food_set_free(fs);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    qsort(fs->lines + n_norm, fs->n_lines - n_norm, sizeof *fs->lines,
          by_key_unassigned_last);
    /* Foods point at line keys; those strings do not move with the lines. */
    qsort(fs->foods, fs->n_foods, sizeof *fs->foods, by_key_then_id);
    for (size_t i = 0; i < fs->n_lines; i++)
        judge(fs, &fs->lines[i]);
    *out = fs;
    return MC_OK;
}
