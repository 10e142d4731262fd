/*
 * book.c - what the commands that compute dishes share: opening the food
 * database, cooking profiles and a recipe book together, and printing
 * nutrient vectors as CSV cells and text tables.
 */
#include "cli.h"
#include "mealcheck/i18n.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "mealcheck/cooking.h"
#include "mealcheck/food_db.h"
#include "mealcheck/recipe.h"

mc_code cli_book_open(const struct cli_ctx *ctx, const char *recipes,
                      const char *cooking_dir, struct cli_book *out,
                      struct mc_err *err)
{
    memset(out, 0, sizeof *out);
    /* The library takes a missing default folder as "no profiles but
     * none"; a folder the user names must be there. */
    struct stat st;
    const char *why = !cooking_dir ? NULL
                      : stat(cooking_dir, &st) != 0 ? strerror(errno)
                      : !S_ISDIR(st.st_mode) ? _("not a folder") : NULL;
    if (why)
        return mc_err_set(err, MC_ERR_INPUT, N_("%s: %s; --cooking expects a folder "
                          "of cooking-loss profiles (*.csv)"), cooking_dir, why);
    mc_code rc;
    if ((rc = mc_food_db_open(ctx->db_path, &out->db, err)) ||
        (rc = mc_cooking_set_load(cooking_dir ? cooking_dir : ctx->cooking_dir,
                                  &out->cooking, err)) ||
        (rc = mc_recipe_book_load(recipes, out->db, out->cooking, &out->book,
                                  err)))
        cli_book_close(out);
    return rc;
}

int cli_book_args_parse(int argc, char **argv, const char *usage, int want_menu,
                        int want_name, struct cli_book_args *out)
{
    memset(out, 0, sizeof *out);
    out->format = CLI_FORMAT_TEXT;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has_value = i + 1 < argc;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(_(usage), stdout);
            return CLI_EXIT_OK;
        } else if (!strcmp(a, "--recipes") && has_value) {
            out->recipes = argv[++i];
        } else if (!strcmp(a, "--menu") && has_value && want_menu) {
            out->menu = argv[++i];
        } else if (!strcmp(a, "--cooking") && has_value) {
            out->cooking = argv[++i];
        } else if (!strcmp(a, "--format") && has_value) {
            int rc = cli_parse_format(usage, argv[++i], 7u, &out->format);
            if (rc >= 0)
                return rc;
        } else if (!strcmp(a, "--recipes") || !strcmp(a, "--cooking") ||
                   !strcmp(a, "--format") || (want_menu && !strcmp(a, "--menu"))) {
            return cli_usage_error(usage, "option '%s' needs a value", a);
        } else if (a[0] == '-' && a[1] != '\0') {
            return cli_usage_error(usage, "unknown option '%s'", a);
        } else if (!want_name || out->name) {
            return cli_usage_error(usage, "unexpected argument '%s'", a);
        } else {
            out->name = a;
        }
    }
    if (!out->recipes || (want_menu && !out->menu))
        return cli_usage_error(usage, "missing %s",
                               out->recipes ? "--menu FILE" : "--recipes FILE");
    return -1;
}

void cli_book_close(struct cli_book *b)
{
    mc_recipe_book_free(b->book);
    mc_cooking_set_free(b->cooking);
    mc_food_db_close(b->db);
    memset(b, 0, sizeof *b);
}

void cli_json_assumed(FILE *f, unsigned assumed)
{
    static const char *const names[] = {"servings", "yield", "net", "portion",
                                        "week"};
    int first = 1;
    fputc('[', f);
    for (unsigned i = 0; i < sizeof names / sizeof *names; i++)
        if (assumed & (1u << i)) {
            fprintf(f, "%s\"%s\"", first ? "" : ",", names[i]);
            first = 0;
        }
    fputc(']', f);
}

void cli_csv_nvec_header(FILE *f)
{
    for (int n = 0; n < MC_N_COUNT; n++) {
        const char *key = mc_nutrient_info(n)->key;
        fprintf(f, ",%s,%s_coverage", key, key);
    }
}

void cli_csv_nvec(FILE *f, const struct mc_nvec *v)
{
    for (int n = 0; n < MC_N_COUNT; n++) {
        fputc(',', f);
        if (!mc_nvec_unknown(v, n))
            cli_json_number(f, v->value[n]);
        fputc(',', f);
        cli_json_number(f, mc_nvec_coverage(v, n));
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
