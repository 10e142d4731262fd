/*
 * cmd_menu.c - `mealcheck menu`: what a child is served, dish by dish,
 * meal by meal, day by day, and the average day of each week.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "mealcheck/document_menu.h"
#include "mealcheck/i18n.h"
#include "mealcheck/menu.h"
#include "mealcheck/session.h"

static const char usage[] = N_(
    /* xgettext:no-c-format */
    "usage: mealcheck menu --recipes FILE --menu FILE [--format text|json|csv]\n"
    "                      [--cooking DIR] [--csv-sep SEP] [--decimal-comma]\n"
    "\n"
    "Compute a menu against its recipe book: every dish portion with the\n"
    "cooking-loss profile of its recipe, then the totals of each meal and\n"
    "day, and the average day of each week, for the canonical nutrients.\n"
    "When the menu gives planned_servings and planned_meals, meals are the\n"
    "weighted averages of USDA weighted nutrient analysis.\n"
    "\n"
    "  --recipes FILE   recipe book CSV (format: docs/formats.md)\n"
    "  --menu FILE      menu CSV (format: docs/formats.md)\n"
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
    "\"12.3 (80%)\" comes from 80% of the food weight; \"unknown\" from none.\n");

/* The profile applied to a served dish: its recipe's, none for a food. */
static const char *serving_cooking(const struct mc_serving *s)
{
    return s->recipe ? s->recipe->cooking->name : "none";
}

/* The same, for people: "none" is translated, a profile's name is a file's. */
static const char *serving_cooking_text(const struct mc_serving *s)
{
    return s->recipe ? s->recipe->cooking->name : _("none");
}

/* A plain food served, for people: in Russian or Kazakh the name people
 * there know, SR28's id and name beside it.  A failed lookup only loses
 * the local name. */
static void text_food(FILE *f, struct mc_food_db *db, const struct mc_serving *s)
{
    char local[256];
    struct mc_err ignored = {0};
    local[0] = '\0';
    mc_food_db_local_name(db, s->food_id, mc_i18n_lang(), local, sizeof local, &ignored);
    mc_err_release(&ignored);
    if (*local)
        fprintf(f, "%s %s (%s)", s->food_id, local, s->food_name);
    else
        fprintf(f, "%s %s", s->food_id, s->food_name);
}

static void text_serving(FILE *f, struct mc_food_db *db, const struct mc_serving *s)
{
    char e[64], p[64], fa[64], c[64], pad[5][128];
    fprintf(f, _("    %7.1f g%s %s %s kcal  %s %s %s "),
            s->portion_g, s->assumed & MC_ASSUMED_PORTION ? "*" : " ",
            cli_pad(pad[0], sizeof pad[0], serving_cooking_text(s), -20, 0),
            cli_pad(pad[1], sizeof pad[1],
                    cli_fmt_nutrient(e, sizeof e, &s->n, MC_N_ENERGY_KCAL), 9, 0),
            cli_pad(pad[2], sizeof pad[2],
                    cli_fmt_nutrient(p, sizeof p, &s->n, MC_N_PROTEIN_G), -11, 0),
            cli_pad(pad[3], sizeof pad[3],
                    cli_fmt_nutrient(fa, sizeof fa, &s->n, MC_N_FAT_G), -11, 0),
            cli_pad(pad[4], sizeof pad[4],
                    cli_fmt_nutrient(c, sizeof c, &s->n, MC_N_CARB_G), -11, 0));
    /* The name goes last: Cyrillic names would break a padded column. */
    if (s->food_id && strcmp(s->dish, s->food_id) == 0)
        text_food(f, db, s);
    else
        fputs(s->dish, f);
    if (!isnan(s->planned_servings))
        fprintf(f, _(" (planned servings %g)"), s->planned_servings);
    fputc('\n', f);
}

static void text_menu(FILE *f, const struct mc_menu *m,
                      const struct mc_recipe_book *book, struct mc_food_db *db)
{
    const char *headers[16];
    const struct mc_nvec *cols[16];
    char h[7][128];
    for (size_t w = 0; w < m->n_weeks; w++) {
        const struct mc_week *wk = &m->weeks[w];
        for (size_t d = wk->first; d < wk->first + wk->count; d++) {
            const struct mc_day *day = &m->days[d];
            fprintf(f, _("Week %d, %s\n"), day->week, _(mc_day_name(day->day)));
            fprintf(f, "    %s  %s %s  %s %s %s %s\n",
                    cli_pad(h[0], sizeof h[0], _("portion"), 9, 0),
                    cli_pad(h[1], sizeof h[1], _("cooking"), -20, 0),
                    cli_pad(h[2], sizeof h[2], _("energy"), 14, 0),
                    cli_pad(h[3], sizeof h[3], _("protein g"), -11, 0),
                    cli_pad(h[4], sizeof h[4], _("fat g"), -11, 0),
                    cli_pad(h[5], sizeof h[5], _("carb g"), -11, 0), _("dish"));
            size_t ncols = 0;
            for (size_t i = day->first; i < day->first + day->count; i++) {
                const struct mc_meal *ml = &m->meals[i];
                fprintf(f, "  %s", mc_meal_label(ml->meal));
                if (!isnan(ml->planned_meals))
                    fprintf(f, _(" (weighted over %g planned meals)"), ml->planned_meals);
                fputc('\n', f);
                for (size_t s = ml->first; s < ml->first + ml->count; s++)
                    text_serving(f, db, &m->servings[s]);
                /* A day rarely has more than a handful of meals; beyond
                 * the table's width the day column still shows the sum. */
                if (ncols < 15) {
                    headers[ncols] = mc_meal_label(ml->meal);
                    cols[ncols++] = &ml->n;
                }
            }
            headers[ncols] = _("day");
            cols[ncols++] = &day->n;
            fputc('\n', f);
            cli_text_nvec_table(f, 2, headers, cols, ncols);
            if (!isnan(day->cost))
                fprintf(f, _("  cost of the day: %.2f\n"), day->cost);
            fputc('\n', f);
        }
        char label[64];
        snprintf(label, sizeof label,
                 mc_ngettext("avg of %zu day", "avg of %zu days", wk->count), wk->count);
        fprintf(f, _("Week %d, average day\n"), wk->week);
        headers[0] = label;
        cols[0] = &wk->avg;
        cli_text_nvec_table(f, 2, headers, cols, 1);
        if (w + 1 < m->n_weeks)
            fputc('\n', f);
    }
    for (size_t s = 0; s < m->n_servings; s++)
        if (m->servings[s].assumed & MC_ASSUMED_PORTION) {
            fputs(_("\n* portion not given in the menu: the recipe's portion "
                    "(yield / servings)\n"), f);
            break;
        }
    fputc('\n', f);
    cli_text_cost(f, m, 0.0, NULL);
    cli_text_columns(f, book->path, book->columns);
    cli_text_columns(f, m->path, m->columns);
}

/* level,week,day,day_name,meal,dish,recipe,food_id,cooking,portion_g,
 * planned_servings,planned_meals, nutrients */
static void csv_row(FILE *f, const char *level, int week, int day,
                    const char *meal, const struct mc_serving *s,
                    double planned_meals, const struct mc_nvec *v, double cost)
{
    fputs(level, f);
    cli_csv_sep(f);
    fprintf(f, "%d", week);
    cli_csv_sep(f);
    if (day)
        fprintf(f, "%d", day);
    cli_csv_sep(f);
    fputs(day ? mc_day_name(day) : "", f);
    cli_csv_sep(f);
    cli_csv_field(f, meal ? meal : "");
    cli_csv_sep(f);
    cli_csv_field(f, s ? s->dish : "");
    cli_csv_sep(f);
    cli_csv_field(f, s && s->recipe ? s->recipe->name : "");
    cli_csv_sep(f);
    fputs(s && s->food_id ? s->food_id : "", f);
    cli_csv_sep(f);
    fputs(s ? serving_cooking(s) : "", f);
    cli_csv_sep(f);
    if (s)
        cli_csv_number(f, s->portion_g, 1);
    cli_csv_sep(f);
    if (s)
        cli_csv_number(f, s->planned_servings, 2);
    cli_csv_sep(f);
    cli_csv_number(f, planned_meals, 2);
    cli_csv_nvec(f, v);
    cli_csv_sep(f);
    cli_csv_number(f, cost, 2);
    fputc('\n', f);
}

static void csv_menu(FILE *f, const struct mc_menu *m)
{
    cli_csv_header(f, "level,week,day,day_name,meal,dish,recipe,food_id,cooking,"
                      "portion_g,planned_servings,planned_meals", 0);
    cli_csv_nvec_header(f);
    cli_csv_header(f, ",cost", 1);
    for (size_t i = 0; i < m->n_meals; i++) {
        const struct mc_meal *ml = &m->meals[i];
        for (size_t s = ml->first; s < ml->first + ml->count; s++) {
            const struct mc_serving *sv = &m->servings[s];
            csv_row(f, "dish", sv->week, sv->day, sv->meal, sv,
                    sv->planned_meals, &sv->n, sv->price);
        }
        csv_row(f, "meal", ml->week, ml->day, ml->meal, NULL, ml->planned_meals,
                &ml->n, ml->cost);
    }
    for (size_t i = 0; i < m->n_days; i++)
        csv_row(f, "day", m->days[i].week, m->days[i].day, NULL, NULL, NAN,
                &m->days[i].n, m->days[i].cost);
    for (size_t i = 0; i < m->n_weeks; i++)
        csv_row(f, "week_average_day", m->weeks[i].week, 0, NULL, NULL, NAN,
                &m->weeks[i].avg, m->weeks[i].avg_cost);
}

int cmd_menu(int argc, char **argv, struct cli_ctx *ctx)
{
    struct cli_book_args args;
    int status = cli_book_args_parse(argc, argv, usage, 1, 0, &args);
    if (status >= 0)
        return status;
    struct mc_err err = {0};
    struct mc_session s;
    const struct mc_session_opts o = cli_session_opts(ctx, args.recipes, args.menu,
                                                      args.cooking, args.aliases);
    if (mc_session_open(&o, &s, &err))
        return cli_fail(&err);
    cli_warnings(&err);
    if (args.format == CLI_FORMAT_JSON)
        mc_document_menu(stdout, s.menu, s.book);
    else if (args.format == CLI_FORMAT_CSV)
        csv_menu(stdout, s.menu);
    else
        text_menu(stdout, s.menu, s.book, s.db);
    mc_session_close(&s);
    return CLI_EXIT_OK;
}
