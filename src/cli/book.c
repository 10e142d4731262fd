/*
 * book.c - what the commands that compute dishes share: their options,
 * what their session reads, and printing nutrient vectors as CSV cells and
 * text tables.
 */
#include "cli.h"
#include "mealcheck/i18n.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/menu.h"
#include "mealcheck/recipe.h"

struct mc_session_opts cli_session_opts(const struct cli_ctx *ctx, const char *recipes,
                                        const char *menu, const char *cooking_dir,
                                        const char *aliases)
{
    return (struct mc_session_opts){
        .db_path = ctx->db_path,
        .aliases = {.path = aliases},
        .cooking_dir = cooking_dir ? cooking_dir : ctx->cooking_dir,
        .cooking_named = cooking_dir != NULL,
        .recipes = {.path = recipes},
        .menu = {.path = menu},
    };
}

static int take_name(void *self, const char *arg)
{
    struct cli_book_args *out = self;
    if (out->name)
        return 1;
    out->name = arg;
    return 0;
}

int cli_book_args_parse(int argc, char **argv, const char *usage, int want_menu,
                        int want_name, struct cli_book_args *out)
{
    memset(out, 0, sizeof *out);
    out->format = CLI_FORMAT_TEXT;
    const struct cli_option options[] = {
        CLI_OPT_STRING("--recipes", &out->recipes),
        CLI_OPT_STRING("--cooking", &out->cooking),
        CLI_OPT_STRING("--aliases", &out->aliases),
        CLI_OPT_CALL("--format", &out->format, cli_opt_format, 7u),
        CLI_OPT_INCLUDE(cli_csv_options),
        /* last: without want_menu, it ends the table */
        CLI_OPT_STRING(want_menu ? "--menu" : NULL, &out->menu),
        CLI_OPT_END,
    };
    const struct cli_parser p = {.options = options, .usage = usage,
                                 .argument = want_name ? take_name : NULL, .self = out};
    int rc = cli_parse_options(&p, argc, argv, 1, NULL);
    if (rc >= 0)
        return rc;
    if (!out->recipes || (want_menu && !out->menu))
        return cli_usage_error(usage, "missing %s",
                               out->recipes ? "--menu FILE" : "--recipes FILE");
    return -1;
}

void cli_text_columns(FILE *f, const char *path, char *const *columns)
{
    fprintf(f, _("columns read from %s:"), path);
    for (size_t i = 0; columns && columns[i]; i++)
        fprintf(f, "%s %s", i ? "," : "", columns[i]);
    fputc('\n', f);
}

void cli_text_cost(FILE *f, const struct mc_menu *m, double budget,
                   const char *currency)
{
    char buf[256];
    if (*mc_menu_cost_text(m, budget, currency, buf, sizeof buf))
        fprintf(f, _("cost per child a day: %s\n"), buf);
}

void cli_csv_nvec_header(FILE *f)
{
    for (int n = 0; n < MC_N_COUNT; n++) {
        const char *key = mc_nutrient_info(n)->key;
        cli_csv_sep(f);
        fputs(key, f);
        cli_csv_sep(f);
        fprintf(f, "%s_coverage", key);
    }
}

void cli_csv_nvec(FILE *f, const struct mc_nvec *v)
{
    for (int n = 0; n < MC_N_COUNT; n++) {
        cli_csv_sep(f);
        if (!mc_nvec_unknown(v, n))
            cli_csv_number(f, v->value[n], mc_nutrient_info(n)->decimals);
        cli_csv_sep(f);
        double cov = mc_nvec_coverage(v, n);
        cli_csv_number(f, cov < 1.0 ? floor(cov * 1000.0) / 1000.0 : cov, 3);
    }
}

void cli_text_nvec_table(FILE *f, int indent, const char *const *headers,
                         const struct mc_nvec *const *cols, size_t ncols)
{
    char buf[64];
    char name[256], unit[32];
    fprintf(f, "%*s%s %s", indent, "", cli_pad(name, sizeof name, _("nutrient"), -28, 0),
            cli_pad(unit, sizeof unit, _("unit"), -4, 0));
    for (size_t c = 0; c < ncols; c++)
        fprintf(f, " %s", cli_pad(name, sizeof name, headers[c], 14, 1));
    fputc('\n', f);
    for (int n = 0; n < MC_N_COUNT; n++) {
        fprintf(f, "%*s%s %s", indent, "",
                cli_pad(name, sizeof name, mc_nutrient_name(n), -28, 0),
                cli_pad(unit, sizeof unit, mc_nutrient_unit(n), -4, 0));
        for (size_t c = 0; c < ncols; c++)
            fprintf(f, " %s", cli_pad(name, sizeof name,
                                      cli_fmt_nutrient(buf, sizeof buf, cols[c], n), 14, 0));
        fputc('\n', f);
    }
}
