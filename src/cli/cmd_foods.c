/*
 * cmd_foods.c - `mealcheck foods search`, `show` and `alias check`: find
 * foods by name, print their full composition, check a caterer's own alias
 * table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mealcheck/document.h"
#include "mealcheck/i18n.h"
#include "mealcheck/food_db.h"

static const char usage[] = N_(
    /* xgettext:no-c-format */
    "usage: mealcheck foods search TEXT... [--limit N] [--format text|json|csv]\n"
    "       mealcheck foods show ID [--format text|json|csv]\n"
    "       mealcheck foods alias check FILE\n"
    "       (with csv: [--csv-sep SEP] [--decimal-comma|--decimal-point])\n"
    "\n"
    "search  foods whose names match TEXT, best first (id, name, group);\n"
    "        words may be prefixes, a misspelt word is matched to the closest\n"
    "        indexed word, and when no food has every word, foods with any\n"
    "        word are listed; when none has any, that is said on stderr\n"
    "        and the exit status is 5\n"
    "show    one food by id (or exact name): every nutrient per 100 g edible\n"
    "        portion with its unit, \"unknown\" where the table has no value\n"
    "        (unknown is not zero), household measures and refuse\n"
    "alias check FILE\n"
    "        check your own alias table (CSV or .xlsx with the columns of\n"
    "        food_composition/aliases/): every problem as file:line:column and\n"
    "        exit status 2, else how many names it gives\n"
    "\n"
    "options:\n"
    "  --limit N        at most N results (default 20)\n"
    "  --aliases FILE   search and show with your own alias table too\n"
    "  --csv-sep SEP    CSV field separator: ',' ';' or tab (default from the\n"
    "                   locale: ';' for ru_* and kk_*, else ',')\n"
    "  --decimal-comma, --decimal-point\n"
    "                   CSV decimal separator (default: comma for ru_*, kk_*)\n"
    "  --format FORMAT  text (default), json, or csv; csv for show is one row\n"
    "                   per nutrient, measure and refuse:\n"
    "                   food_id,kind,nr,name,amount,unit,key (empty amount =\n"
    "                   unknown)\n");

#define ALL_FORMATS ((1u << CLI_FORMAT_TEXT) | (1u << CLI_FORMAT_JSON) | \
                     (1u << CLI_FORMAT_CSV))

/* Parsed arguments shared by both subcommands. */
struct args {
    char text[1024];  /* positional words joined by spaces */
    const char *aliases; /* --aliases FILE, or NULL */
    size_t limit;
    enum cli_format format;
};

/* The search words, joined by spaces. */
static int add_word(void *self, const char *word)
{
    struct args *a = self;
    size_t len = strlen(a->text);
    int n = snprintf(a->text + len, sizeof a->text - len, "%s%s", len ? " " : "", word);
    if (n < 0 || (size_t)n >= sizeof a->text - len)
        return cli_usage_error(usage, "search text is too long");
    return 0;
}

static int opt_limit(const struct cli_option *o, const char *name, const char *v,
                     const char *u)
{
    (void)name;
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || end == v || n <= 0 || n > 10000)
        return cli_usage_error(u, "--limit: expected a whole number "
                               "from 1 to 10000, got '%s'", v);
    *(size_t *)o->target = (size_t)n;
    return 0;
}

static int parse_args(int argc, char **argv, int allow_limit, struct args *a)
{
    a->text[0] = '\0';
    a->limit = 20;
    a->format = CLI_FORMAT_TEXT;
    a->aliases = NULL;
    const struct cli_option options[] = {
        CLI_OPT_STRING("--aliases", &a->aliases),
        CLI_OPT_CALL("--format", &a->format, cli_opt_format, ALL_FORMATS),
        CLI_OPT_INCLUDE(cli_csv_options),
        /* last: for show, it ends the table */
        CLI_OPT_CALL(allow_limit ? "--limit" : NULL, &a->limit, opt_limit, 0),
        CLI_OPT_END,
    };
    const struct cli_parser p = {.options = options, .usage = usage,
                                 .argument = add_word, .self = a};
    return cli_parse_options(&p, argc, argv, 2, NULL);
}

static void print_hits(const struct mc_food_hit *h, size_t n, enum cli_format f)
{
    if (f == CLI_FORMAT_JSON) {
        mc_document_food_hits(stdout, h, n);
    } else if (f == CLI_FORMAT_CSV) {
        cli_csv_header(stdout, "id,name,group,rank", 1);
        for (size_t i = 0; i < n; i++) {
            cli_csv_field(stdout, h[i].id);
            cli_csv_sep(stdout);
            cli_csv_field(stdout, h[i].name);
            cli_csv_sep(stdout);
            cli_csv_field(stdout, h[i].group);
            cli_csv_sep(stdout);
            cli_csv_number(stdout, h[i].rank, 4);
            fputc('\n', stdout);
        }
    } else {
        /* In Russian or Kazakh, the name people there know comes first. */
        for (size_t i = 0; i < n; i++)
            if (h[i].name_local && *h[i].name_local)
                printf("%-7s %s (%s)  [%s]\n", h[i].id, h[i].name_local, h[i].name,
                       h[i].group);
            else
                printf("%-7s %s  [%s]\n", h[i].id, h[i].name, h[i].group);
    }
}

static int search(int argc, char **argv, struct cli_ctx *ctx)
{
    struct args a;
    int rc = parse_args(argc, argv, 1, &a);
    if (rc >= 0)
        return rc;
    if (!a.text[0])
        return cli_usage_error(usage, "missing search text");
    struct mc_err err = {0};
    struct mc_food_db *db = NULL;
    struct mc_food_hit *hits = NULL;
    size_t n = 0;
    if (mc_food_db_open(ctx->db_path, &db, &err) ||
        (a.aliases && mc_food_db_add_aliases(db, a.aliases, NULL, &err)) ||
        mc_food_db_search(db, a.text, a.limit, &hits, &n, &err) ||
        mc_food_db_localize_hits(db, hits, n, mc_i18n_lang(), &err)) {
        mc_food_hits_free(hits, n);
        mc_food_db_close(db);
        return cli_fail(&err);
    }
    /* Nothing found is said on stderr with its own status, so that a
     * script can tell it from a food list; JSON and CSV still get their
     * empty list. */
    if (n == 0)
        fprintf(stderr, _("mealcheck: no food matches '%s'; try fewer or English "
                          "words\n"), a.text);
    if (n > 0 || a.format != CLI_FORMAT_TEXT)
        print_hits(hits, n, a.format);
    mc_food_hits_free(hits, n);
    mc_food_db_close(db);
    return n ? CLI_EXIT_OK : CLI_EXIT_NO_MATCH;
}

/* "unknown food 'X'; closest matches: 01001 Butter, salted; ..." */
static mc_code not_found(struct mc_food_db *db, const char *id, struct mc_err *err)
{
    struct mc_food_hit *hits = NULL;
    size_t n = 0;
    char list[1024] = "";
    size_t len = 0;
    mc_code rc = mc_food_db_search(db, id, 5, &hits, &n, err);
    for (size_t i = 0; !rc && i < n && len < sizeof list; i++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s %s",
                                i ? "; " : "", hits[i].id, hits[i].name);
    mc_food_hits_free(hits, n);
    if (rc)
        return rc;
    if (n)
        return mc_err_set(err, MC_ERR_NOT_FOUND,
                          N_("unknown food '%s'; closest matches: %s"), id, list);
    return mc_err_set(err, MC_ERR_NOT_FOUND, N_("unknown food '%s'"), id);
}

/* A value with SR28's own number of decimals (81.11 g, 717 kcal). */
static const char *fmt_amount(char *buf, size_t size, const struct mc_food_value *v)
{
    if (v->known)
        snprintf(buf, size, "%.*f", v->decimals < 0 ? 0 : v->decimals, v->value);
    else
        snprintf(buf, size, "%s", _("unknown"));
    return buf;
}

static void show_text(const struct mc_food *f, const char *local,
                      const struct mc_food_value *v, size_t n)
{
    if (*local)
        printf("%s  %s (%s)\n", f->id, local, f->name);
    else
        printf("%s  %s\n", f->id, f->name);
    if (*f->short_name)
        printf(_("short name: %s\n"), f->short_name);
    printf(_("group:      %s\nsource:     %s\n"), f->group, f->source);
    if (f->refuse_known)
        printf(_("refuse:     %g%%%s%s\n"), f->refuse_pct, *f->refuse_desc ? " " : "",
               f->refuse_desc);
    else
        printf("%s", _("refuse:     unknown\n"));
    printf("%s", _("\nper 100 g edible portion:\n"));
    /* SR28 names its nutrients in English; the canonical ones have names
     * in the user's language too. */
    int english = strcmp(mc_i18n_lang(), "en") == 0;
    for (size_t i = 0; i < n; i++) {
        char amount[64], name[256];
        int k = v[i].key && !english ? mc_nutrient_by_key(v[i].key) : -1;
        /* The unit stays on unknown rows too: it names the row (kcal or kJ). */
        printf("  %s %12s %s\n",
               cli_pad(name, sizeof name, k >= 0 ? mc_nutrient_name(k) : v[i].name, -42, 0),
               fmt_amount(amount, sizeof amount, &v[i]),
               k >= 0 ? mc_nutrient_unit(k) : v[i].unit);
    }
    printf("%s", _("\nhousehold measures:\n"));
    if (f->n_measures == 0)
        printf("%s", _("  none\n"));
    for (size_t i = 0; i < f->n_measures; i++)
        printf("  %g %s = %g g\n", f->measures[i].amount, f->measures[i].unit,
               f->measures[i].grams);
}

/* amount has the decimals SR28 gives it (decimals < 0: as stored). */
static void csv_row(const char *id, const char *kind, int nr, const char *name,
                    const double *amount, int decimals, const char *unit,
                    const char *key)
{
    cli_csv_field(stdout, id);
    cli_csv_sep(stdout);
    fputs(kind, stdout);
    cli_csv_sep(stdout);
    if (nr)
        printf("%d", nr);
    cli_csv_sep(stdout);
    cli_csv_field(stdout, name);
    cli_csv_sep(stdout);
    if (amount)
        cli_csv_number(stdout, *amount, decimals < 0 ? 3 : decimals);
    cli_csv_sep(stdout);
    cli_csv_field(stdout, unit);
    cli_csv_sep(stdout);
    cli_csv_field(stdout, key ? key : "");
    fputc('\n', stdout);
}

static void show_csv(const struct mc_food *f, const struct mc_food_value *v,
                     size_t n)
{
    cli_csv_header(stdout, "food_id,kind,nr,name,amount,unit,key", 1);
    for (size_t i = 0; i < n; i++)
        csv_row(f->id, "nutrient", v[i].nr, v[i].name,
                v[i].known ? &v[i].value : NULL, v[i].decimals, v[i].unit, v[i].key);
    for (size_t i = 0; i < f->n_measures; i++) {
        char name[512];
        snprintf(name, sizeof name, "%g %s", f->measures[i].amount,
                 f->measures[i].unit);
        csv_row(f->id, "measure", 0, name, &f->measures[i].grams, 1, "g", NULL);
    }
    csv_row(f->id, "refuse", 0, f->refuse_desc,
            f->refuse_known ? &f->refuse_pct : NULL, 1, "%", NULL);
}

static int show(int argc, char **argv, struct cli_ctx *ctx)
{
    struct args a;
    int rc = parse_args(argc, argv, 0, &a);
    if (rc >= 0)
        return rc;
    if (!a.text[0])
        return cli_usage_error(usage, "missing food id");
    struct mc_err err = {0};
    struct mc_food_db *db = NULL;
    struct mc_food *food = NULL;
    struct mc_food_value *v = NULL;
    size_t n = 0;
    mc_code code = mc_food_db_open(ctx->db_path, &db, &err);
    if (!code && a.aliases)
        code = mc_food_db_add_aliases(db, a.aliases, NULL, &err);
    if (!code)
        code = mc_food_db_get(db, a.text, &food, &err);
    if (code == MC_ERR_NOT_FOUND)
        code = mc_food_db_find_name(db, a.text, &food, &err);
    if (code == MC_ERR_NOT_FOUND)
        code = not_found(db, a.text, &err);
    if (!code)
        code = mc_food_db_values(db, food->id, &v, &n, &err);
    char local[512] = "";
    if (!code)
        code = mc_food_db_local_name(db, food->id, mc_i18n_lang(), local, sizeof local, &err);
    if (!code) {
        if (a.format == CLI_FORMAT_JSON)
            mc_document_food(stdout, food, local, v, n);
        else if (a.format == CLI_FORMAT_CSV)
            show_csv(food, v, n);
        else
            show_text(food, local, v, n);
    }
    mc_food_values_free(v, n);
    mc_food_free(food);
    mc_food_db_close(db);
    return code ? cli_fail(&err) : CLI_EXIT_OK;
}

/* `foods alias check FILE`: the table checked as --aliases reads it. */
static int alias_check(int argc, char **argv, struct cli_ctx *ctx)
{
    if (argc < 3)
        return cli_usage_error(usage, "missing 'check' after 'alias'");
    if (strcmp(argv[2], "check"))
        return cli_usage_error(usage, "unknown subcommand 'alias %s'", argv[2]);
    if (argc < 4)
        return cli_usage_error(usage, "missing alias table file");
    if (argc > 4)
        return cli_usage_error(usage, "unexpected argument '%s'", argv[4]);
    struct mc_err err = {0};
    struct mc_food_db *db = NULL;
    size_t added = 0;
    if (mc_food_db_open(ctx->db_path, &db, &err) ||
        mc_food_db_add_aliases(db, argv[3], &added, &err)) {
        mc_food_db_close(db);
        return cli_fail(&err);
    }
    printf(mc_ngettext("%s: %zu name of foods, every one good\n",
                       "%s: %zu names of foods, every one good\n", added),
           argv[3], added);
    mc_food_db_close(db);
    return CLI_EXIT_OK;
}

int cmd_foods(int argc, char **argv, struct cli_ctx *ctx)
{
    if (cli_help_asked(argc, argv, usage))
        return CLI_EXIT_OK;
    if (argc < 2)
        return cli_usage_error(usage, "missing subcommand (search, show or alias check)");
    if (!strcmp(argv[1], "search"))
        return search(argc, argv, ctx);
    if (!strcmp(argv[1], "show"))
        return show(argc, argv, ctx);
    if (!strcmp(argv[1], "alias"))
        return alias_check(argc, argv, ctx);
    return cli_usage_error(usage, "unknown subcommand '%s'", argv[1]);
}
