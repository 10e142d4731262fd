/*
 * output.c - printing helpers shared by the commands: error reporting,
 * JSON and CSV encoding, and display rounding of nutrient values.
 */
#include "cli.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mealcheck/csv.h"
#include "mealcheck/food_db.h"
#include "mealcheck/i18n.h"

/* Print each diagnostic of severity sev after prefix ("mealcheck: error: ");
 * count were recorded, the ones past MC_ERR_LIMIT only counted. */
static void print_diags(const struct mc_err *err, mc_severity sev, int count,
                        const char *prefix)
{
    for (size_t i = 0; i < mc_err_diag_count(err); i++) {
        const struct mc_diag *d = mc_err_diag(err, i);
        if (d->severity != sev)
            continue;
        char line[4096];
        mc_diag_format(d, line, sizeof line);
        fprintf(stderr, "%s%s\n", prefix, line);
    }
    if (count > MC_ERR_LIMIT) {
        int more = count - MC_ERR_LIMIT;
        fputs(prefix, stderr);
        fprintf(stderr, sev == MC_SEVERITY_WARNING
                            ? mc_ngettext("%d more warning not shown\n",
                                          "%d more warnings not shown\n",
                                          (unsigned long)more)
                            : mc_ngettext("%d more error not shown\n",
                                          "%d more errors not shown\n",
                                          (unsigned long)more),
                more);
    }
}

void cli_warnings(struct mc_err *err)
{
    print_diags(err, MC_SEVERITY_WARNING, err->n_warnings, _("mealcheck: warning: "));
    mc_err_clear_warnings(err);
}

int cli_fail(struct mc_err *err)
{
    const char *prefix = _("mealcheck: error: ");
    cli_warnings(err);
    if (!mc_err_diag_count(err))
        fprintf(stderr, "%s%s\n", prefix, _(mc_strerror(err->code)));
    print_diags(err, MC_SEVERITY_ERROR, err->count, prefix);
    mc_code code = err->code;
    mc_err_release(err);
    switch (code) {
    case MC_ERR_USAGE:
    case MC_ERR_INPUT:
    case MC_ERR_NOT_FOUND:
        return CLI_EXIT_BAD_INPUT;
    default:
        return CLI_EXIT_FAILURE;
    }
}

int cli_usage_error(const char *usage, const char *fmt, ...)
{
    va_list ap;
    fputs(_("mealcheck: error: "), stderr);
    va_start(ap, fmt);
    vfprintf(stderr, _(fmt), ap);
    va_end(ap);
    fprintf(stderr, "\n%s", _(usage));
    return CLI_EXIT_BAD_INPUT;
}

int cli_parse_format(const char *usage, const char *text, unsigned allowed,
                     enum cli_format *out)
{
    static const char *names[] = {"text", "json", "csv"};
    char expected[64] = "";
    int n = 0, total = 0;
    for (int f = 0; f < 3; f++)
        total += (allowed >> f) & 1u;
    for (int f = 0; f < 3; f++) {
        if (!(allowed & (1u << f)))
            continue;
        if (strcasecmp(text, names[f]) == 0) {
            *out = (enum cli_format)f;
            return -1;
        }
        n++;
        snprintf(expected + strlen(expected), sizeof expected - strlen(expected),
                 "%s%s", n == 1 ? "" : n == total ? _(" or ") : ", ", names[f]);
    }
    return cli_usage_error(usage, "--format: expected %s, got '%s'", expected, text);
}

/* The CSV style: set by the options, else from the locale at first use. */
static char csv_sep, csv_point;

static void csv_style(void)
{
    const char *loc = NULL;
    const char *vars[] = {"LC_ALL", "LC_NUMERIC", "LANG"};
    for (size_t i = 0; i < 3 && !(loc && *loc); i++)
        loc = getenv(vars[i]);
    int cis = loc && (!strncmp(loc, "ru", 2) || !strncmp(loc, "kk", 2));
    if (!csv_sep)
        csv_sep = cis ? ';' : ',';
    if (!csv_point)
        csv_point = cis ? ',' : '.';
}

static int csv_option(const struct cli_option *o, const char *a, const char *v,
                      const char *usage)
{
    (void)o;
    if (!v) { /* --decimal-comma or --decimal-point */
        csv_point = a[10] == 'c' ? ',' : '.';
        return 0;
    }
    if (!strcmp(v, ",") || !strcmp(v, ";"))
        csv_sep = v[0];
    else if (!strcmp(v, "\\t") || !strcmp(v, "tab") || !strcmp(v, "\t"))
        csv_sep = '\t';
    else
        return cli_usage_error(usage, "--csv-sep: expected ',' ';' or tab, got '%s'",
                               v);
    return 0;
}

const struct cli_option cli_csv_options[] = {
    CLI_OPT_CALL("--csv-sep", NULL, csv_option, 0),
    {"--decimal-comma", 0, 0, NULL, csv_option, 0, NULL},
    {"--decimal-point", 0, 0, NULL, csv_option, 0, NULL},
    CLI_OPT_END,
};

void cli_csv_sep(FILE *f)
{
    csv_style();
    fputc(csv_sep, f);
}

void cli_csv_header(FILE *f, const char *names, int newline)
{
    csv_style();
    for (const char *p = names; *p; p++)
        fputc(*p == ',' ? csv_sep : *p, f);
    if (newline)
        fputc('\n', f);
}

void cli_csv_number(FILE *f, double v, int decimals)
{
    if (isnan(v))
        return;
    csv_style();
    double scale = pow(10.0, decimals);
    double r = round(v * scale) / scale;
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", decimals, r == 0.0 ? 0.0 : r);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf);
        while (end[-1] == '0')
            *--end = '\0';
        if (end[-1] == '.')
            end[-1] = '\0';
        else
            *dot = csv_point;
    }
    /* A decimal comma between commas must be quoted, as Excel writes it. */
    if (csv_point == csv_sep && strchr(buf, csv_point))
        fprintf(f, "\"%s\"", buf);
    else
        fputs(buf, f);
}

void cli_csv_field(FILE *f, const char *s)
{
    csv_style();
    mc_csv_write_field(f, s, csv_sep, MC_CSV_FORMULA_SAFE);
}

void cli_csv_data(FILE *f, const char *s)
{
    csv_style();
    mc_csv_write_field(f, s, csv_sep, 0);
}

const char *cli_fmt_nutrient(char *buf, size_t size, const struct mc_nvec *v,
                             enum mc_nutrient n)
{
    if (mc_nvec_unknown(v, n)) {
        snprintf(buf, size, "%s", _("unknown"));
        return buf;
    }
    double cov = mc_nvec_coverage(v, n);
    int dec = mc_nutrient_info(n)->decimals;
    /* Halves round away from zero, as people rounding by hand do (printf
     * would round 76.5 to the even 76). */
    double scale = pow(10.0, dec);
    double val = round(v->value[n] * scale) / scale;
    if (val == 0.0)
        val = 0.0; /* no "-0" */
    /* Partial coverage rounds down, so it never reads as "(100%)". */
    if (cov < 0.9995)
        snprintf(buf, size, "%.*f (%.0f%%)", dec, val, floor(cov * 100.0));
    else
        snprintf(buf, size, "%.*f", dec, val);
    return buf;
}

const char *cli_pad(char *buf, size_t size, const char *s, int width, int cut)
{
    size_t w = (size_t)(width < 0 ? -width : width), chars = 0, bytes = 0;
    /* Count characters, not bytes: continuation bytes are 10xxxxxx. */
    for (; s[bytes]; bytes++) {
        if (((unsigned char)s[bytes] & 0xC0) == 0x80)
            continue;
        if (cut && chars == w)
            break;
        chars++;
    }
    size_t pad = chars < w ? w - chars : 0;
    if (width > 0)
        snprintf(buf, size, "%*s%.*s", (int)pad, "", (int)bytes, s);
    else
        snprintf(buf, size, "%.*s%*s", (int)bytes, s, (int)pad, "");
    return buf;
}

int cli_xlsx_name(const char *usage, const char *opt, const char *v)
{
    size_t n = strlen(v);
    if (n < 6 || strcasecmp(v + n - 5, ".xlsx") || v[n - 6] == '/')
        return cli_usage_error(usage, "%s: expected a file name ending in .xlsx, "
                               "got '%s'", opt, v);
    return 0;
}
