/*
 * cooking.c - cooking-loss profiles read from CSV files, and their
 * application to nutrient vectors.
 *
 * A profile file has the columns nutrient, factor and note.  factor is a
 * retention share in [0, 1]; for energy_kcal it may instead be the word
 * "atwater", meaning energy is recomputed from the retained protein, fat
 * and carbohydrate (4/9/4 kcal per gram), as CIS technological cards do.
 */
#include "mealcheck/cooking.h"
#include "mealcheck/i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mealcheck/csv.h"
#include "folder.h"

static void profile_init_none(struct mc_cooking_profile *p)
{
    for (int n = 0; n < MC_N_COUNT; n++)
        p->factor[n] = 1.0;
    p->recompute_energy = 0;
}

/* Read the rows of one opened profile file into p; errors accumulate. */
static void parse_profile(struct mc_csv *csv, struct mc_cooking_profile *p,
                          struct mc_err *err)
{
    static const char *const names[] = {"nutrient", "factor"};
    const char *path = mc_csv_path(csv);
    int cols[2];
    if (mc_csv_header(csv, names, 2, cols, "'nutrient,factor,note'", err))
        return;
    int c_nut = cols[0], c_fac = cols[1];
    if (c_nut < 0 || c_fac < 0) {
        mc_err_at(err, MC_ERR_INPUT, path, mc_csv_line(csv), 0,
                  "missing column '%s' (expected nutrient,factor,note)",
                  c_nut < 0 ? "nutrient" : "factor");
        return;
    }
    long seen[MC_N_COUNT] = {0};
    while (!mc_err_full(err) && mc_csv_next(csv, err) > 0) {
        long line = mc_csv_line(csv);
        const char *key = mc_csv_field(csv, (size_t)c_nut);
        const char *fac = mc_csv_field(csv, (size_t)c_fac);
        int n = mc_nutrient_by_key(key);
        if (n < 0) {
            mc_err_at(err, MC_ERR_INPUT, path, line, c_nut + 1,
                      "unknown nutrient '%s'", key);
            continue;
        }
        if (seen[n]) {
            mc_err_at(err, MC_ERR_INPUT, path, line, c_nut + 1,
                      "nutrient '%s' already given at line %ld", key, seen[n]);
            continue;
        }
        seen[n] = line;
        double f;
        if (n == MC_N_ENERGY_KCAL && strcasecmp(fac, "atwater") == 0) {
            p->recompute_energy = 1;
        } else if (mc_parse_number(fac, &f) && f >= 0.0 && f <= 1.0) {
            p->factor[n] = f;
        } else {
            mc_err_at(err, MC_ERR_INPUT, path, line, c_fac + 1,
                      "expected a retention factor between 0 and 1%s, got '%s'",
                      n == MC_N_ENERGY_KCAL ? _(" or 'atwater'") : "", fac);
        }
    }
}

/* The profiles of dir (folder.h), in name order so that profile order is
 * reproducible; a missing folder has none. */
static mc_code list_csv(const char *dir, char ***names, size_t *n, struct mc_err *err)
{
    mc_code rc = mc_folder_list(dir, MC_FOLDER_CSV, names, n, err);
    if (rc == MC_ERR_NOT_FOUND && errno == ENOENT)
        return MC_OK;
    if (rc == MC_ERR_NOT_FOUND || rc == MC_ERR_IO)
        return mc_err_set(err, MC_ERR_IO, "%s: cannot open: %s", dir, strerror(errno));
    return rc;
}

mc_code mc_cooking_set_load(const char *dir, struct mc_cooking_set **out,
                            struct mc_err *err)
{
    *out = NULL;
    char **names = NULL;
    size_t n_names = 0;
    mc_code rc;
    struct mc_cooking_set *set = calloc(1, sizeof *set);
    if (!set) {
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        goto fail;
    }
    if ((rc = list_csv(dir, &names, &n_names, err)))
        goto fail;
    set->profiles = calloc(n_names + 1, sizeof *set->profiles);
    if (!set->profiles || !(set->profiles[0].name = strdup("none")) ||
        !(set->profiles[0].path = strdup(""))) {
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        goto fail;
    }
    profile_init_none(&set->profiles[0]);
    set->n = 1;
    int before = err->count;
    for (size_t i = 0; i < n_names && !mc_err_full(err); i++) {
        struct mc_cooking_profile *p = &set->profiles[set->n];
        size_t plen = strlen(dir) + strlen(names[i]) + 2;
        p->path = malloc(plen);
        p->name = strndup(names[i], strlen(names[i]) - 4);
        if (!p->path || !p->name) {
            set->n++;
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            goto fail;
        }
        snprintf(p->path, plen, "%s/%s", dir, names[i]);
        set->n++;
        profile_init_none(p);
        if (strcasecmp(p->name, "none") == 0) {
            mc_err_at(err, MC_ERR_INPUT, p->path, 0, 0,
                      "the profile 'none' is built in and cannot be redefined");
            continue;
        }
        struct mc_csv *csv;
        if (mc_csv_open(p->path, &csv, err) == MC_OK) {
            parse_profile(csv, p, err);
            mc_csv_close(csv);
        }
    }
    if (err->count > before) {
        rc = err->code;
        goto fail;
    }
    *out = set;
    goto done;
fail:
    mc_cooking_set_free(set);
done:
    mc_folder_free(names);
    return rc;
}

void mc_cooking_set_free(struct mc_cooking_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; set->profiles && i < set->n; i++) {
        free(set->profiles[i].name);
        free(set->profiles[i].path);
    }
    free(set->profiles);
    free(set);
}

const struct mc_cooking_profile *
mc_cooking_find(const struct mc_cooking_set *set, const char *name)
{
    for (size_t i = 0; i < set->n; i++)
        if (strcasecmp(set->profiles[i].name, name) == 0)
            return &set->profiles[i];
    return NULL;
}

void mc_cooking_apply(const struct mc_cooking_profile *p, struct mc_nvec *v)
{
    for (int n = 0; n < MC_N_COUNT; n++)
        v->value[n] *= p->factor[n];
    if (!p->recompute_energy)
        return;
    double known = v->known_g[MC_N_PROTEIN_G];
    if (v->known_g[MC_N_FAT_G] < known)
        known = v->known_g[MC_N_FAT_G];
    if (v->known_g[MC_N_CARB_G] < known)
        known = v->known_g[MC_N_CARB_G];
    v->value[MC_N_ENERGY_KCAL] = 4.0 * v->value[MC_N_PROTEIN_G] +
                                 9.0 * v->value[MC_N_FAT_G] +
                                 4.0 * v->value[MC_N_CARB_G];
    v->known_g[MC_N_ENERGY_KCAL] = known;
}
