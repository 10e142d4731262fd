/*
 * cmd_recipe.c - `mealcheck recipe`: technological cards with their
 * chemical composition, per portion, per 100 g and ingredient by ingredient.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mealcheck/document_menu.h"
#include "mealcheck/i18n.h"
#include "mealcheck/recipe.h"
#include "mealcheck/session.h"

static const char usage[] = N_(
    /* xgettext:no-c-format */
    "usage: mealcheck recipe --recipes FILE [NAME] [--format text|json|csv]\n"
    "                        [--cooking DIR] [--csv-sep SEP] [--decimal-comma]\n"
    "\n"
    "Compute the recipes (technological cards) of a recipe book: every\n"
    "ingredient's gross and net weight and nutrient contribution, the whole\n"
    "batch, one portion and 100 g of the finished dish, with the cooking-loss\n"
    "profile applied to each line.  NAME limits the output to one recipe.\n"
    "\n"
    "  --recipes FILE   recipe book CSV (format: docs/formats.md)\n"
    "  --format FMT     text (default), json (docs/json.md) or csv\n"
    "  --csv-sep SEP    CSV field separator: ',' ';' or tab (default from the\n"
    "                   locale: ';' for ru_* and kk_*, else ',')\n"
    "  --decimal-comma, --decimal-point\n"
    "                   CSV decimal separator (default: comma for ru_*, kk_*)\n"
    "  --cooking DIR    cooking-loss profiles (default\n"
    "                   $MEALCHECK_HOME/food_composition/cooking)\n"
    "  --aliases FILE   your own Russian or Kazakh names of foods, CSV or .xlsx\n"
    "                   (the columns of food_composition/aliases/; docs/formats.md)\n"
    "\n"
    "Values the food table lacks are never taken as zero: a value shown as\n"
    "\"12.3 (80%)\" comes from 80% of the ingredient weight; \"unknown\" from none.\n");

/* The name a food goes by in the language in force, "" when none or when
 * db is NULL (CSV keeps SR28's names for programs).  A failed lookup only
 * loses the local name. */
static void local_name(struct mc_food_db *db, const struct mc_ingredient *ing,
                       char *out, size_t size)
{
    struct mc_err ignored = {0};
    out[0] = '\0';
    if (db && !ing->sub && ing->food_id)
        mc_food_db_local_name(db, ing->food_id, mc_i18n_lang(), out, size, &ignored);
    mc_err_release(&ignored);
}

/* What the card's food column resolved to, for people: in Russian or
 * Kazakh, the name people there know, SR28's id and name beside it. */
static void food_label(char *buf, size_t size, struct mc_food_db *db,
                       const struct mc_ingredient *ing)
{
    char local[256];
    local_name(db, ing, local, sizeof local);
    if (ing->sub)
        snprintf(buf, size, _("%s (sub-recipe)"), ing->food_name);
    else if (*local)
        snprintf(buf, size, "%s %s (%s)", ing->food_id, local, ing->food_name);
    else
        snprintf(buf, size, "%s %s", ing->food_id, ing->food_name);
}

static int text_recipe(FILE *f, struct mc_food_db *db, const struct mc_recipe_book *b,
                        const struct mc_recipe *r)
{
    fprintf(f, "%s\n", r->name);
    char h[6][128];
    fprintf(f, _("  %s line %ld; servings %g%s; yield %.1f g%s; portion %.1f g\n"),
            b->path, r->line, r->servings,
            r->assumed & MC_ASSUMED_SERVINGS ? _(" (assumed)") : "", r->yield_g,
            r->assumed & MC_ASSUMED_YIELD ? _(" (sum of net weights)") : "",
            mc_recipe_portion_g(r));
    fprintf(f, _("  cooking: %s\n"), r->cooking->name);
    if (!isnan(r->cost))
        fprintf(f, _("  cost: %.2f a portion, %.2f the batch\n"), r->cost / r->servings,
                r->cost);
    fputc('\n', f);
    fprintf(f, "  %3s %s %s %s  %s %s %s\n", "#",
            cli_pad(h[0], sizeof h[0], _("gross g"), 9, 0),
            cli_pad(h[1], sizeof h[1], _("refuse"), 8, 0),
            cli_pad(h[2], sizeof h[2], _("net g"), 9, 0),
            cli_pad(h[3], sizeof h[3], _("measure"), -12, 0),
            cli_pad(h[4], sizeof h[4], _("cooking"), -20, 0), _("food"));
    for (size_t k = 0; k < r->n_ingredients; k++) {
        const struct mc_ingredient *ing = &r->ingredients[k];
        char gross[32] = "-", refuse[32] = "-", measure[64] = "-", food[512];
        if (!isnan(ing->gross_g))
            snprintf(gross, sizeof gross, "%.1f", ing->gross_g);
        if (ing->assumed & MC_ASSUMED_NET)
            snprintf(refuse, sizeof refuse, "%.0f%%", ing->refuse_pct);
        if (ing->unit)
            snprintf(measure, sizeof measure, "%g %s", ing->qty, ing->unit);
        food_label(food, sizeof food, db, ing);
        fprintf(f, "  %3zu %9s %8s %9.1f  %-12s %-20s %s\n", k + 1, gross,
                refuse, ing->net_g, measure, ing->cooking->name, food);
    }
    fputc('\n', f);

    size_t ncols = 3 + r->n_ingredients;
    char (*names)[24] = malloc(r->n_ingredients * sizeof *names + 1);
    const char **headers = malloc(ncols * sizeof *headers);
    const struct mc_nvec **cols = malloc(ncols * sizeof *cols);
    int rc = -1;
    if (!names || !headers || !cols)
        goto done;
    struct mc_nvec portion, per100;
    mc_recipe_per_portion(r, &portion);
    mc_recipe_per_100g(r, &per100);
    headers[0] = _("per portion");
    cols[0] = &portion;
    headers[1] = _("per 100 g");
    cols[1] = &per100;
    headers[2] = _("batch");
    cols[2] = &r->total;
    for (size_t k = 0; k < r->n_ingredients; k++) {
        snprintf(names[k], sizeof names[k], "#%zu", k + 1);
        headers[3 + k] = names[k];
        cols[3 + k] = &r->ingredients[k].n;
    }
    cli_text_nvec_table(f, 2, headers, cols, ncols);
    rc = 0;
done:
    free(names);
    free(headers);
    free(cols);
    return rc;
}

/* One CSV row: recipe, cooking, part, line, food, food_id, gross_g, net_g,
 * weight_g (the grams the nutrients are for), nutrients. */
static void csv_row(FILE *f, const struct mc_recipe *r, const char *part,
                    const struct mc_ingredient *ing, const struct mc_nvec *v,
                    double cost)
{
    cli_csv_field(f, r->name);
    cli_csv_sep(f);
    cli_csv_field(f, ing ? ing->cooking->name : r->cooking->name);
    cli_csv_sep(f);
    fputs(part, f);
    cli_csv_sep(f);
    fprintf(f, "%ld", ing ? ing->line : r->line);
    cli_csv_sep(f);
    if (ing) {
        char food[512];
        food_label(food, sizeof food, NULL, ing);
        cli_csv_field(f, food);
        cli_csv_sep(f);
        fputs(ing->food_id ? ing->food_id : "", f);
        cli_csv_sep(f);
        cli_csv_number(f, ing->gross_g, 1);
        cli_csv_sep(f);
        cli_csv_number(f, ing->net_g, 1);
        cli_csv_sep(f);
        cli_csv_number(f, ing->net_g, 1);
    } else {
        cli_csv_sep(f);
        cli_csv_sep(f);
        cli_csv_sep(f);
        cli_csv_sep(f);
        cli_csv_number(f, strcmp(part, "per_portion") == 0 ? mc_recipe_portion_g(r)
                           : strcmp(part, "per_100g") == 0  ? 100.0
                                                            : r->yield_g, 1);
    }
    cli_csv_nvec(f, v);
    cli_csv_sep(f);
    cli_csv_number(f, cost, 2);
    fputc('\n', f);
}

static void csv_recipe(FILE *f, const struct mc_recipe *r)
{
    struct mc_nvec v;
    mc_recipe_per_portion(r, &v);
    csv_row(f, r, "per_portion", NULL, &v, r->cost / r->servings);
    mc_recipe_per_100g(r, &v);
    csv_row(f, r, "per_100g", NULL, &v, r->cost / r->yield_g * 100.0);
    csv_row(f, r, "total", NULL, &r->total, r->cost);
    for (size_t k = 0; k < r->n_ingredients; k++)
        csv_row(f, r, "ingredient", &r->ingredients[k], &r->ingredients[k].n,
                r->ingredients[k].cost);
}

int cmd_recipe(int argc, char **argv, struct cli_ctx *ctx)
{
    struct cli_book_args args;
    int status = cli_book_args_parse(argc, argv, usage, 0, 1, &args);
    if (status >= 0)
        return status;
    const char *recipes = args.recipes, *name = args.name;
    struct mc_err err = {0};
    struct mc_session b;
    const struct mc_session_opts o = cli_session_opts(ctx, recipes, NULL, args.cooking,
                                                      args.aliases);
    if (mc_session_open(&o, &b, &err))
        return cli_fail(&err);
    cli_warnings(&err);
    const struct mc_recipe_book *book = b.book;
    const struct mc_recipe *only = NULL;
    if (name && !(only = mc_recipe_book_find(book, name))) {
        char hint[1024];
        mc_recipe_suggest(book, NULL, name, hint, sizeof hint);
        mc_err_set(&err, MC_ERR_NOT_FOUND, N_("no recipe '%s' in %s%s"), name,
                   recipes, hint);
        mc_session_close(&b);
        return cli_fail(&err);
    }
    size_t from = only ? (size_t)(only - book->recipes) : 0;
    size_t to = only ? from + 1 : book->n;
    status = CLI_EXIT_OK;
    if (args.format == CLI_FORMAT_JSON) {
        mc_document_recipes(stdout, book, only, b.db);
    } else if (args.format == CLI_FORMAT_CSV) {
        cli_csv_header(stdout, "recipe,cooking,part,line,food,food_id,gross_g,net_g,"
                               "weight_g", 0);
        cli_csv_nvec_header(stdout);
        cli_csv_header(stdout, ",cost", 1);
        for (size_t i = from; i < to; i++)
            csv_recipe(stdout, &book->recipes[i]);
    } else {
        for (size_t i = from; i < to && status == CLI_EXIT_OK; i++) {
            if (i > from)
                fputc('\n', stdout);
            if (text_recipe(stdout, b.db, book, &book->recipes[i])) {
                mc_err_set(&err, MC_ERR_NOMEM, "out of memory");
                status = cli_fail(&err);
            }
        }
        if (status == CLI_EXIT_OK) {
            fputc('\n', stdout);
            cli_text_columns(stdout, recipes, book->columns);
        }
    }
    mc_session_close(&b);
    return status;
}
