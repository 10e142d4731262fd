/*
 * food_sets.c - `check --food-set`: load the food map and a food set, sum
 * the menu's grams per food group, and print the cumulative statement as
 * text or JSON (docs/check-json.md).
 */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/food_db.h"
#include "mealcheck/food_set.h"
#include "mealcheck/i18n.h"
#include "mealcheck/standard.h"

/* Food id -> SR28 group name, looked up once per food. */
struct group_cache {
    struct mc_food_db *db;
    struct mc_food **foods;
    size_t n, cap;
};

static const char *group_of(void *ctx, const char *food_id)
{
    struct group_cache *c = ctx;
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->foods[i]->id, food_id))
            return c->foods[i]->group;
    struct mc_food *f = NULL;
    struct mc_err e = {0};
    mc_food_db_get(c->db, food_id, &f, &e);
    mc_err_release(&e);
    if (!f)
        return NULL; /* counted as unassigned */
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 64;
        struct mc_food **p = realloc(c->foods, nc * sizeof *p);
        if (!p) {
            mc_food_free(f);
            return NULL;
        }
        c->foods = p;
        c->cap = nc;
    }
    c->foods[c->n++] = f;
    return f->group;
}

void cli_food_set_close(struct cli_food_set *s)
{
    mc_food_set_free(s->result);
    mc_food_norm_free(s->norm);
    mc_food_map_free(s->map);
    memset(s, 0, sizeof *s);
}

mc_code cli_food_set_open(const struct cli_ctx *ctx, const struct cli_food_set_args *a,
                          const struct mc_menu *menu, struct mc_food_db *db,
                          struct cli_food_set *out, struct mc_err *err)
{
    char path[4096], dir[4096];
    memset(out, 0, sizeof *out);
    snprintf(path, sizeof path, "%s/food_composition/food_sets/food_groups.csv", ctx->home);
    snprintf(dir, sizeof dir, "%s/food_composition/food_sets/norms", ctx->home);
    struct mc_group_spec spec = {0};
    mc_code rc;
    if ((rc = mc_food_map_load(path, &out->map, err)) ||
        (rc = mc_food_norm_load(dir, a->id, &out->norm, err)) ||
        (rc = mc_group_spec_parse(a->group, &spec, err)))
        goto done;
    struct mc_food_set_opts o = {.age_min = spec.age_min, .age_max = spec.age_max,
                                 .share_lo = a->share_lo, .share_hi = a->share_hi,
                                 .tolerance_pct = a->tolerance_pct};
    /* A group id names an age group of the food set itself. */
    if (!spec.is_ages) {
        size_t i = 0;
        while (i < out->norm->n && strcmp(out->norm->rows[i].group, a->group))
            i++;
        if (i == out->norm->n) {
            rc = mc_err_set(err, MC_ERR_NOT_FOUND, "food set '%s' has no group '%s'; "
                            "give an age band such as --group 7-11", a->id, a->group);
            goto done;
        }
        o.age_min = out->norm->rows[i].age_min;
        o.age_max = out->norm->rows[i].age_max;
    }
    struct group_cache cache = {.db = db};
    o.group_of = group_of;
    o.ctx = &cache;
    rc = mc_food_set_run(menu, out->norm, out->map, &o, &out->result, err);
    for (size_t i = 0; i < cache.n; i++)
        mc_food_free(cache.foods[i]);
    free(cache.foods);
done:
    mc_group_spec_release(&spec);
    if (rc)
        cli_food_set_close(out);
    return rc;
}

void cli_food_set_text(FILE *f, const struct mc_food_set *fs)
{
    char h[6][128];
    fprintf(f, _("\n== food set %s, group %s (%d-%d): %s (%d low, %d high, %d ok)\n"),
            fs->norm->id, fs->age_group, fs->age_min, fs->age_max,
            _(mc_food_set_verdict(fs)), fs->n_low, fs->n_high,
            fs->n_ok);
    fprintf(f, mc_ngettext("   net grams per child per day, average of %zu day; norm: "
                           "%g-%g %% of the day's set, tolerance %g %%\n",
                           "   net grams per child per day, average of %zu days; norm: "
                           "%g-%g %% of the day's set, tolerance %g %%\n", fs->n_days),
            fs->n_days, fs->share_lo, fs->share_hi, fs->tolerance_pct);
    fprintf(f, "   %s %s %s %s %s  %s %s\n",
            cli_pad(h[0], sizeof h[0], _("FOOD GROUP"), -18, 0),
            cli_pad(h[1], sizeof h[1], _("TOTAL G"), 10, 0),
            cli_pad(h[2], sizeof h[2], _("AVG G/DAY"), 10, 0),
            cli_pad(h[3], sizeof h[3], _("NORM G/DAY"), -15, 0),
            /* xgettext:no-c-format */
            cli_pad(h[4], sizeof h[4], _("% NORM"), 7, 0),
            cli_pad(h[5], sizeof h[5], _("STATUS"), -8, 0), _("VERIFIED"));
    for (size_t i = 0; i < fs->n_lines; i++) {
        const struct mc_food_set_line *l = &fs->lines[i];
        char norm[32] = "-", pct[16] = "-";
        if (l->row) {
            if (l->norm_lo_g == l->norm_hi_g)
                snprintf(norm, sizeof norm, "%.1f", l->norm_lo_g);
            else
                snprintf(norm, sizeof norm, "%.1f-%.1f", l->norm_lo_g, l->norm_hi_g);
        }
        if (!isnan(l->pct))
            snprintf(pct, sizeof pct, "%.0f%%", l->pct);
        char status[128];
        fprintf(f, "   %-18s %10.1f %10.1f %-15s %7s  %s %s\n", l->food_group,
                l->total_net_g, l->avg_net_g, norm, pct,
                cli_pad(status, sizeof status, _(mc_food_status_name(l->status)), -8, 0),
                !l->row ? "" : l->row->verified ? _("yes") : _("no (advisory)"));
    }
}
