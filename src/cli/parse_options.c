/*
 * parse_options.c - the one walk over argv that every command's option
 * table goes through (parse_options.h).
 */
#include "parse_options.h"

#include <string.h>

#include "cli.h"
#include "mealcheck/i18n.h"
#include "mealcheck/standard.h"

/* The errors of the walk, worded as they always were. */
static int fail(const struct cli_parser *p, const char *fmt, const char *arg)
{
    if (p->mode & CLI_PARSE_QUIET)
        return CLI_EXIT_BAD_INPUT;
    if (p->usage)
        return cli_usage_error(p->usage, fmt, arg);
    fputs(_("mealcheck: error: "), stderr);
    fprintf(stderr, _(fmt), arg);
    fputc('\n', stderr);
    if (p->print_usage)
        p->print_usage(stderr);
    return CLI_EXIT_BAD_INPUT;
}

/* The entry for --name (len bytes of it) or, when len is 0, for -c. */
static const struct cli_option *find(const struct cli_option *t, const char *name,
                                     size_t len, char c)
{
    for (; t->name || t->short_name || t->include; t++) {
        const struct cli_option *o = t->include ? find(t->include, name, len, c)
                                     : len ? (t->name && strlen(t->name) == len &&
                                              !memcmp(t->name, name, len) ? t : NULL)
                                           : (t->short_name == c ? t : NULL);
        if (o)
            return o;
    }
    return NULL;
}

static int apply(const struct cli_parser *p, const struct cli_option *o,
                 const char *name, const char *value)
{
    if (o->fn)
        return o->fn(o, name, value, p->usage);
    if (o->target && o->takes_value)
        *(const char **)o->target = value;
    else if (o->target)
        *(int *)o->target = 1;
    return 0;
}

int cli_help_asked(int argc, char **argv, const char *usage)
{
    for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(_(usage), stdout);
            return 1;
        }
    return 0;
}

/* -abc: flags, the last of which may take the rest (-oFILE) or the next
 * argument as its value. */
static int short_options(const struct cli_parser *p, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    for (size_t j = 1; a[j]; j++) {
        char name[3] = {'-', a[j], '\0'};
        const struct cli_option *o = find(p->options, NULL, 0, a[j]);
        if (!o)
            return fail(p, N_("unknown option '%s'"), j == 1 ? a : name);
        if (!o->takes_value) {
            int rc = apply(p, o, name, NULL);
            if (rc)
                return rc;
            continue;
        }
        if (!a[j + 1] && *i + 1 >= argc)
            return fail(p, N_("option '%s' needs a value"), name);
        return apply(p, o, name, a[j + 1] ? a + j + 1 : argv[++*i]);
    }
    return 0;
}

static int long_option(const struct cli_parser *p, int argc, char **argv, int *i,
                       const struct cli_option *o)
{
    const char *a = argv[*i], *eq = strchr(a, '=');
    if (!o->takes_value) {
        if (eq)
            return fail(p, N_("option '%s' takes no value"), o->name);
        return apply(p, o, o->name, NULL);
    }
    if (eq)
        return apply(p, o, o->name, eq + 1);
    if (*i + 1 >= argc)
        return fail(p, N_("option '%s' needs a value"), a);
    return apply(p, o, o->name, argv[++*i]);
}

static int argument(const struct cli_parser *p, const char *a)
{
    int rc = p->argument ? p->argument(p->self, a) : 1;
    return rc == 1 ? fail(p, N_("unexpected argument '%s'"), a) : rc;
}

int cli_parse_options(const struct cli_parser *p, int argc, char **argv, int from,
                      int *rest)
{
    int keep = p->mode & CLI_PARSE_KEEP_UNKNOWN, kept = from, rc = 0, i;
    if (!keep && p->usage && cli_help_asked(argc, argv, p->usage))
        return CLI_EXIT_OK;
    for (i = from; i < argc && !rc; i++) {
        char *a = argv[i];
        if (!strcmp(a, "--")) {
            if (keep)
                while (i < argc)
                    argv[kept++] = argv[i++];
            else if (p->mode & CLI_PARSE_STOP_AT_ARG)
                i++;
            else
                for (i++; i < argc && !rc; i++)
                    rc = argument(p, argv[i]);
            break;
        }
        const struct cli_option *o = NULL;
        if (a[0] == '-' && a[1] == '-') {
            const char *eq = strchr(a, '=');
            o = find(p->options, a, eq ? (size_t)(eq - a) : strlen(a), 0);
        } else if (a[0] == '-' && a[1]) {
            o = find(p->options, NULL, 0, a[1]);
        }
        if (keep && !o) {
            argv[kept++] = a;
        } else if (a[0] != '-' || !a[1]) {
            if (p->mode & CLI_PARSE_STOP_AT_ARG)
                break;
            rc = argument(p, a);
        } else if (a[1] != '-') {
            rc = short_options(p, argc, argv, &i);
        } else {
            rc = o ? long_option(p, argc, argv, &i, o)
                   : fail(p, N_("unknown option '%s'"), a);
        }
    }
    if (rest)
        *rest = keep ? kept : i;
    return rc ? rc : -1;
}

int cli_opt_format(const struct cli_option *o, const char *name, const char *value,
                   const char *usage)
{
    (void)name;
    int rc = cli_parse_format(usage, value, o->arg, o->target);
    return rc >= 0 ? rc : 0;
}

int cli_opt_date(const struct cli_option *o, const char *name, const char *value,
                 const char *usage)
{
    (void)name;
    if (!mc_date_parse(value, o->target))
        return cli_usage_error(usage, "--date: expected YYYY-MM-DD, got '%s'", value);
    return 0;
}

int cli_opt_average(const struct cli_option *o, const char *name, const char *value,
                    const char *usage)
{
    (void)name;
    enum mc_average *avg = o->target;
    if (!strcmp(value, "days"))
        *avg = MC_AVERAGE_DAYS;
    else if (!strcmp(value, "totals"))
        *avg = MC_AVERAGE_TOTALS;
    else
        return cli_usage_error(usage, "--average: expected 'days' or 'totals', got '%s'",
                               value);
    return 0;
}

int cli_opt_xlsx(const struct cli_option *o, const char *name, const char *value,
                 const char *usage)
{
    if (cli_xlsx_name(usage, name, value))
        return CLI_EXIT_BAD_INPUT;
    *(const char **)o->target = value;
    return 0;
}
