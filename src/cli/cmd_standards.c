/*
 * cmd_standards.c - `mealcheck standards list|show|check`: the norm sets in
 * standards/ and the user's folders (format in docs/standards.md).
 */
#include "cli.h"
#include "mealcheck/i18n.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/document_standard.h"
#include "mealcheck/menu.h"
#include "mealcheck/standard.h"

static const char usage[] = N_(
    /* xgettext:no-c-format */
    "usage: mealcheck standards list [--format text|json]\n"
    "       mealcheck standards show ID [--format text|json]\n"
    "       mealcheck standards check FILE\n"
    "  check validates a new norm set (.csv or .xlsx) and lists every problem\n"
    "  as FILE:LINE:COLUMN; exit status 0 valid, 2 invalid\n");

static const char *basis(const struct mc_standard *s)
{
    if (s->per == MC_PER_DAY)
        return s->judge == MC_JUDGE_EACH_DAY ? _("per day, each day")
                                             : _("per day, period average");
    return s->judge == MC_JUDGE_EACH_DAY ? _("per meal, each day")
                                         : _("per meal, period average");
}

static void text_show(FILE *f, const struct mc_standard *s)
{
    char d1[16], d2[16];
    fprintf(f, "%s: %s\n", s->id, mc_standard_title(s));
    fprintf(f, _("  issuer:      %s\n  legal ref:   %s\n  source:      %s\n"
                 "  file:        %s\n"),
            s->issuer, s->legal_ref, s->source_url, s->path);
    fprintf(f, _("  in force:    %s to %s\n"),
            s->effective_from ? mc_date_format(d1, sizeof d1, s->effective_from) : "-",
            s->effective_to ? mc_date_format(d2, sizeof d2, s->effective_to) : "-");
    if (*s->superseded_by)
        fprintf(f, _("  replaced by: %s\n"), s->superseded_by);
    fprintf(f, _("  basis:       %s; tolerance %g %%; insufficient data below "
                 "%g %% coverage\n"), basis(s), s->tolerance_pct,
            s->coverage_min * 100.0);
    for (size_t i = 0; i < s->n_shares; i++)
        fprintf(f, _("  meal share:  %s %g-%g %% of the day%s\n"),
                mc_meal_label(s->shares[i].meal),
                s->shares[i].min_pct, s->shares[i].max_pct,
                s->shares[i].verified ? "" : _(" (unverified)"));
    for (const char *p = mc_standard_notes(s); *p;) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);
        fprintf(f, _("  note:        %.*s\n"), len, p);
        p += len + (nl ? 1 : 0);
    }
    fputs(_("\n  groups:\n"), f);
    for (size_t i = 0; i < s->n_groups; i++)
        fprintf(f, _("    %-14s ages %d-%d, %s\n"), s->groups[i].id,
                s->groups[i].age_min, s->groups[i].age_max,
                _(mc_sex_name(s->groups[i].sex)));
    char h[7][128];
    fprintf(f, "\n  %s %s %s %s %s %s %s %s\n",
            cli_pad(h[0], sizeof h[0], _("GROUP"), -14, 0),
            cli_pad(h[1], sizeof h[1], _("NUTRIENT"), -16, 0),
            cli_pad(h[2], sizeof h[2], _("KIND"), -14, 0),
            cli_pad(h[3], sizeof h[3], _("VALUE"), 10, 0),
            cli_pad(h[4], sizeof h[4], _("UNIT"), -12, 0),
            cli_pad(h[5], sizeof h[5], _("MEAL"), -10, 0),
            cli_pad(h[6], sizeof h[6], _("IN FORCE"), -23, 0), _("RULE"));
    for (size_t i = 0; i < s->n_rows; i++) {
        const struct mc_norm_row *r = &s->rows[i];
        char when[32];
        snprintf(when, sizeof when, "%s..%s",
                 r->effective_from ? mc_date_format(d1, sizeof d1, r->effective_from) : "",
                 r->effective_to ? mc_date_format(d2, sizeof d2, r->effective_to) : "");
        fprintf(f, "  %-14s %-16s %-14s %10g %-12s %s %s %s%s\n",
                s->groups[r->group].id, mc_nutrient_info(r->nutrient)->key,
                mc_bound_kind_name(r->kind), r->value, r->unit,
                cli_pad(h[5], sizeof h[5], *r->meal ? mc_meal_label(r->meal) : _("day"), -10, 0),
                cli_pad(h[6], sizeof h[6], strcmp(when, "..") ? when : _("always"), -23, 0),
                r->rule, r->verified ? "" : _(" (unverified)"));
    }
}

/* `standards check FILE`: the file loads as a norm set, and its id is not
 * one that an installed set (or one in the user's folders) already uses. */
static int check_file(struct cli_ctx *ctx, const char *path)
{
    struct mc_err err = {0};
    struct mc_standard_set *one = NULL, *all = NULL;
    if (mc_standard_load_file(path, &one, &err))
        return cli_fail(&err);
    const struct mc_standard *s = &one->items[0], *other = NULL;
    char a[PATH_MAX], b[PATH_MAX];
    if (!mc_standard_set_load(ctx->standards_dir, &all, &err) &&
        (other = mc_standard_find(all, s->id)) &&
        realpath(s->path, a) && realpath(other->path, b) && strcmp(a, b))
        mc_err_at(&err, MC_ERR_INPUT, s->path, 0, 0, N_("id '%s' is also used by %s"),
                  s->id, other->path);
    else
        mc_err_release(&err); /* the installed sets' own problems are not this file's */
    mc_standard_set_free(all);
    if (err.code) {
        mc_standard_set_free(one);
        return cli_fail(&err);
    }
    printf(_("%s: a valid norm set: '%s' (groups: %zu, rows: %zu)\n"), path, s->id,
           s->n_groups, s->n_rows);
    mc_standard_set_free(one);
    return CLI_EXIT_OK;
}

/* The subcommand, then the id or file it names. */
struct words {
    const char *sub, *id;
};

static int take_word(void *self, const char *arg)
{
    struct words *w = self;
    if (w->id)
        return 1;
    *(w->sub ? &w->id : &w->sub) = arg;
    return 0;
}

int cmd_standards(int argc, char **argv, struct cli_ctx *ctx)
{
    enum cli_format fmt = CLI_FORMAT_TEXT;
    struct words w = {0};
    const struct cli_option options[] = {
        CLI_OPT_CALL("--format", &fmt, cli_opt_format,
                     1u << CLI_FORMAT_TEXT | 1u << CLI_FORMAT_JSON),
        CLI_OPT_END,
    };
    const struct cli_parser p = {.options = options, .usage = usage,
                                 .argument = take_word, .self = &w};
    int rc = cli_parse_options(&p, argc, argv, 1, NULL);
    if (rc >= 0)
        return rc;
    const char *sub = w.sub, *id = w.id;
    int show = sub && !strcmp(sub, "show");
    int check = sub && !strcmp(sub, "check");
    if (!sub || (!show && !check && strcmp(sub, "list")))
        return cli_usage_error(usage, sub ? "unknown subcommand '%s'" : "%s",
                               sub ? sub : _("expected 'list', 'show' or 'check'"));
    if ((show || check) != (id != NULL))
        return cli_usage_error(usage, show ? "show needs a standard id"
                                      : check ? N_("check needs a norm file")
                                              : N_("list takes no argument"));
    if (check)
        return check_file(ctx, id);
    struct mc_err err = {0};
    struct mc_standard_set *set = NULL;
    const struct mc_standard *s = NULL;
    if (mc_standard_set_load(ctx->standards_dir, &set, &err) ||
        (show && mc_standard_get(set, id, &s, &err))) {
        mc_standard_set_free(set);
        return cli_fail(&err);
    }
    if (show && fmt == CLI_FORMAT_JSON) {
        mc_document_standard(stdout, s);
    } else if (show) {
        text_show(stdout, s);
    } else if (fmt == CLI_FORMAT_JSON) {
        mc_document_standards(stdout, set);
    } else {
        char h[4][128];
        printf("%-20s %s %s %s  %s\n", "ID", cli_pad(h[0], sizeof h[0], _("BASIS"), -26, 0),
               cli_pad(h[1], sizeof h[1], _("GROUPS"), 6, 0),
               cli_pad(h[2], sizeof h[2], _("ROWS"), 5, 0), _("TITLE"));
        for (size_t i = 0; i < set->n; i++) {
            const struct mc_standard *t = &set->items[i];
            printf("%-20s %s %6zu %5zu  %s\n", t->id,
                   cli_pad(h[0], sizeof h[0], basis(t), -26, 0), t->n_groups,
                   t->n_rows, mc_standard_title(t));
        }
    }
    mc_standard_set_free(set);
    return CLI_EXIT_OK;
}
