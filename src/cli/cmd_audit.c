/*
 * cmd_audit.c - `mealcheck audit`: check every school of a manifest in one
 * process, print one line (or JSON object, or CSV row) per school and
 * optionally write the roll-up workbook and each school's full report.
 * JSON output is documented in docs/audit-json.md.
 */
#include "cli.h"
#include "mealcheck/i18n.h"

#include <errno.h>
#include <malloc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mealcheck/audit.h"
#include "mealcheck/cooking.h"
#include "mealcheck/document_audit.h"
#include "mealcheck/json.h"
#include "mealcheck/manifest.h"
#include "mealcheck/report_rollup.h"
#include "mealcheck/session.h"
#include "mealcheck/standard.h"
#include "mealcheck/version.h"

static const char usage[] = N_(
    /* xgettext:no-c-format */
    "usage: mealcheck audit MANIFEST.csv [--recipes FILE] [--jobs N]\n"
    "                       [-o|--output ROLLUP.xlsx] [--per-school DIR]\n"
    "                       [--format text|json|csv] [--date YYYY-MM-DD]\n"
    "                       [--average days|totals] [--suggest]\n"
    "  MANIFEST.csv lists the schools, one a row (docs/formats.md): school_id,\n"
    "  school_name, district, region, menu, recipes, groups, standards and\n"
    "  meal_shares; paths in it are relative to its folder.  --recipes is the\n"
    "  book of the schools whose recipes cell is empty.  --jobs: threads\n"
    "  (default: every core).  --per-school DIR also writes each school's check\n"
    "  report, with the cards its menu serves, as DIR/<school_id>.xlsx (DIR is\n"
    "  made when missing; an unsafe or long id gets a unique name, listed in\n"
    "  the JSON and the roll-up).  --suggest adds to the workbook of each\n"
    "  school whose menu does not comply a Suggestions sheet: the smallest\n"
    "  change of its portions (+-25 %) that complies, checked again, or the\n"
    "  norms that cannot be met together (as 'mealcheck suggest'; a few\n"
    "  seconds at most per school).\n"
    "  exit status: 0 every school complies, 4 some school could not be\n"
    "  checked, else 3 some school does not comply, else 7 for some school\n"
    "  compliance cannot be decided (insufficient data or unverified norms),\n"
    "  else 6 some school complies with the verified norms but not with\n"
    "  advisory ones; 2 bad usage or manifest, 1 failure\n");

struct args {
    const char *manifest, *recipes, *out, *per_school;
    int suggest;
    long jobs;
    int date;
    enum mc_average average;
    enum cli_format fmt;
};

static int take_manifest(void *self, const char *arg)
{
    struct args *a = self;
    if (a->manifest)
        return 1;
    a->manifest = arg;
    return 0;
}

static int opt_jobs(const struct cli_option *o, const char *name, const char *v,
                    const char *u)
{
    (void)name;
    char *end;
    long *jobs = o->target;
    *jobs = strtol(v, &end, 10);
    if (*end || end == v || *jobs < 1 || *jobs > 1024)
        return cli_usage_error(u, "--jobs: expected a number of threads "
                               "from 1 to 1024, got '%s'", v);
    return 0;
}

static int parse_args(int argc, char **argv, struct args *a)
{
    a->date = mc_session_today();
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    a->jobs = cores > 0 ? cores : 1;
    const struct cli_option options[] = {
        CLI_OPT_STRING("--recipes", &a->recipes),
        {"--output", 'o', 1, &a->out, cli_opt_xlsx, 0, NULL},
        CLI_OPT_STRING("--per-school", &a->per_school),
        CLI_OPT_FLAG("--suggest", &a->suggest),
        CLI_OPT_CALL("--jobs", &a->jobs, opt_jobs, 0),
        CLI_OPT_CALL("--date", &a->date, cli_opt_date, 0),
        CLI_OPT_CALL("--average", &a->average, cli_opt_average, 0),
        CLI_OPT_CALL("--format", &a->fmt, cli_opt_format,
                     1u << CLI_FORMAT_TEXT | 1u << CLI_FORMAT_JSON | 1u << CLI_FORMAT_CSV),
        CLI_OPT_END,
    };
    const struct cli_parser p = {.options = options, .usage = usage,
                                 .argument = take_manifest, .self = a};
    int rc = cli_parse_options(&p, argc, argv, 1, NULL);
    if (rc >= 0)
        return rc ? rc : -1;
    if (!a->manifest)
        return cli_usage_error(usage, "missing MANIFEST.csv");
    if (a->suggest && !a->per_school)
        return cli_usage_error(usage, "--suggest adds a sheet to each school's workbook: "
                                      "give --per-school DIR too");
    return 0;
}

/* ---- progress ----------------------------------------------------------------- */

struct progress {
    struct timespec start, last;
    int shown;
};

static double since(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* A bar on the terminal, redrawn at most ten times a second. */
static void show_progress(void *arg, size_t done, size_t total)
{
    struct progress *p = arg;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (done < total && p->shown && since(&p->last, &now) < 0.1)
        return;
    p->last = now;
    p->shown = 1;
    double t = since(&p->start, &now), rate = t > 0 ? (double)done / t : 0;
    int width = 30, fill = (int)((double)width * (double)done / (double)total);
    fprintf(stderr, "\r[%.*s%*s] ", fill, "##############################",
            width - fill, "");
    fprintf(stderr, _("%zu/%zu schools  %.0f/s  ETA %.0f s "), done, total, rate,
            rate > 0 ? (double)(total - done) / rate : 0.0);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

/* ---- output ------------------------------------------------------------------- */

/* Where each school goes as the audit hands it on: the roll-up's Schools
 * sheet, and its line, row or JSON object, kept in a temporary file until
 * the totals that come before them (text, JSON) are known. */
struct sink {
    enum cli_format fmt;
    struct mc_report_rollup *roll;
    struct mc_document_audit *doc;
    FILE *rows;                 /* text and CSV */
};

static void csv_row(FILE *f, const struct mc_audit_school *s)
{
    const struct mc_manifest_school *ms = s->school;
    char failing[1024] = "";
    size_t len = 0;
    for (int n = 0; n < MC_N_COUNT && len < sizeof failing; n++)
        if (s->nutrient_verdict[n] == MC_VERDICT_FAIL)
            len += (size_t)snprintf(failing + len, sizeof failing - len, "%s%s",
                                    len ? ";" : "", mc_nutrient_info(n)->key);
    const char *cells[] = {ms->id, ms->name, ms->district, ms->region,
                           mc_audit_verdict_key(s->verdict), failing};
    for (size_t c = 0; c < sizeof cells / sizeof *cells; c++) {
        cli_csv_field(f, cells[c]);
        fputc(',', f);
    }
    if (s->verdict == MC_AUDIT_NOT_CHECKED) {
        fputs(",,,,,,,,,,", f);
        size_t n = strlen(s->error);
        /* without the last line break */
        char *e = strndup(s->error, n && s->error[n - 1] == '\n' ? n - 1 : n);
        cli_csv_field(f, e ? e : "");
        free(e);
        fputc('\n', f);
        return;
    }
    if (s->worst >= 0) {
        fprintf(f, "%s,", mc_nutrient_info(s->worst)->key);
        cli_csv_field(f, s->worst_meal);
        fputc(',', f);
        cli_csv_field(f, s->worst_std->id);
    } else {
        fputs(",,", f);
    }
    fputc(',', f);
    mc_json_write_number(f, s->worst_pct);
    fputc(',', f);
    mc_json_write_number(f, s->coverage);
    fprintf(f, ",%d,%d,%d,%d,%d,\n", s->n_fail, s->n_advisory, s->n_insufficient,
            s->n_pass, s->n_deciding);
}

static void text_line(FILE *f, const struct mc_audit_school *s)
{
    char verdict[128];
    fprintf(f, "%-12s %s", s->school->id,
            cli_pad(verdict, sizeof verdict, _(mc_audit_verdict_name(s->verdict)), -36, 0));
    if (s->verdict == MC_AUDIT_NOT_CHECKED) {
        const char *nl = strchr(s->error, '\n');
        fprintf(f, " %.*s\n", (int)(nl ? nl - s->error : (long)strlen(s->error)),
                s->error);
        return;
    }
    fprintf(f, _(" %d fail, %d advisory not met; %d of %d norms verified (decide)"),
            s->n_fail, s->n_advisory, s->n_deciding,
            s->n_fail + s->n_advisory + s->n_insufficient + s->n_pass);
    if (s->worst >= 0) {
        fprintf(f, _("; worst %s%s%s"), mc_nutrient_name(s->worst),
                *s->worst_meal ? ", " : "", s->worst_meal);
        if (!isnan(s->worst_pct))
            fprintf(f, _(" %.0f%% of norm"), s->worst_pct);
        fprintf(f, " (%s%s)", s->nutrient_verdict[s->worst] == MC_VERDICT_ADVISORY
                                  ? _("advisory, ") : "", s->worst_std->id);
    }
    fputc('\n', f);
}

static void on_school(void *arg, const struct mc_audit_school *s)
{
    struct sink *k = arg;
    if (k->roll)
        mc_report_rollup_school(k->roll, s);
    if (k->doc)
        mc_document_audit_school(k->doc, s);
    else if (k->fmt == CLI_FORMAT_CSV)
        csv_row(k->rows, s);
    else
        text_line(k->rows, s);
}

/* The rows kept in f, to stdout. */
static int copy_rows(FILE *f)
{
    char buf[1 << 16];
    size_t got;
    rewind(f);
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        if (fwrite(buf, 1, got, stdout) != got)
            return -1;
    return ferror(f) ? -1 : 0;
}

static void print_csv(FILE *rows)
{
    fputs("school_id,school_name,district,region,verdict,failing,worst_nutrient,"
          "worst_meal,worst_standard,worst_pct_of_norm,lowest_coverage,fail,advisory,"
          "insufficient_data,pass,deciding,error\n", stdout);
    copy_rows(rows);
}

static void print_text(FILE *rows, const struct mc_audit *a)
{
    char date[16];
    FILE *f = stdout;
    fprintf(f, "%s: ", a->manifest->path);
    fprintf(f, mc_ngettext("%zu school", "%zu schools", a->n), a->n);
    fprintf(f, _("; norms in force on %s\n"), mc_date_format(date, sizeof date, a->date));
    copy_rows(rows);
    fprintf(f, _("\nschools: %zu comply, %zu comply with the verified norms but not the "
                 "advisory ones, %zu do not comply, %zu cannot be decided (%zu insufficient "
                 "data, %zu unverified norms), %zu could not be checked\n"),
            a->count[MC_AUDIT_COMPLIES], a->count[MC_AUDIT_ADVISORY],
            a->count[MC_AUDIT_FAILS],
            a->count[MC_AUDIT_INSUFFICIENT] + a->count[MC_AUDIT_UNVERIFIED],
            a->count[MC_AUDIT_INSUFFICIENT], a->count[MC_AUDIT_UNVERIFIED],
            a->count[MC_AUDIT_NOT_CHECKED]);
}

/* ---- the command ----------------------------------------------------------------- */

int cmd_audit(int argc, char **argv, struct cli_ctx *ctx)
{
    struct args a = {0};
    int st = parse_args(argc, argv, &a);
    if (st)
        return st < 0 ? CLI_EXIT_OK : st;
    struct mc_err err = {0};
    struct mc_manifest *m = NULL;
    struct mc_standard_set *set = NULL;
    struct mc_cooking_set *cooking = NULL;
    struct mc_audit *audit = NULL;
    struct sink sink = {.fmt = a.fmt};
    struct progress prog = {0};
    clock_gettime(CLOCK_MONOTONIC, &prog.start);
    struct mc_audit_opts opts = {
        .db_path = ctx->db_path, .recipes = a.recipes, .date = a.date,
        .average = a.average, .jobs = (unsigned)a.jobs, .per_school_dir = a.per_school,
        .suggest = a.suggest,
        .school = on_school, .school_arg = &sink,
        .progress = isatty(STDERR_FILENO) ? show_progress : NULL,
        .progress_arg = &prog};
    int status;
    /* Each school's workbook allocates and frees some 10 MB (its cells, its
     * parts in memory); glibc gave it back to the kernel after each school
     * and faulted it in again for the next: 186,000 page faults for 200
     * schools, a tenth of the time.  Kept in the process instead (the same
     * memory serves school after school: the peak does not grow). */
    if (a.per_school) {
        mallopt(M_TRIM_THRESHOLD, 256 << 20);
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
    }
    /* The folder is made for the reports; its parent must exist. */
    if (a.per_school && mkdir(a.per_school, 0777) != 0 && errno != EEXIST) {
        mc_err_set(&err, MC_ERR_INPUT, "%s: cannot make the folder: %s; --per-school "
                   "expects a folder for the schools' reports", a.per_school,
                   strerror(errno));
        goto fail;
    }
    if (mc_manifest_scan(a.manifest, NULL, &m, &err) ||
        mc_standard_set_load(ctx->standards_dir, &set, &err) ||
        mc_cooking_set_load(ctx->cooking_dir, &cooking, &err))
        goto fail;
    opts.standards = set;
    opts.cooking = cooking;
    if (a.out && mc_report_rollup_open(a.out, m, a.date, a.per_school != NULL, &sink.roll, &err))
        goto fail;
    if (a.fmt == CLI_FORMAT_JSON
            ? mc_document_audit_begin(m->path, a.date, a.per_school != NULL, &sink.doc, &err)
            : !(sink.rows = tmpfile()) &&
                  mc_err_set(&err, MC_ERR_IO, "cannot make a temporary file: %s",
                             strerror(errno)))
        goto fail;
    if (mc_audit_run(m, &opts, &audit, &err))
        goto fail;
    mc_code rc = mc_report_rollup_close(sink.roll, audit, &err);
    sink.roll = NULL;
    if (rc)
        goto fail;
    cli_warnings(&err);
    if (a.fmt == CLI_FORMAT_JSON)
        mc_document_audit_end(sink.doc, stdout, audit);
    else if (a.fmt == CLI_FORMAT_CSV)
        print_csv(sink.rows);
    else
        print_text(sink.rows, audit);
    sink.doc = NULL;
    if (a.out && a.fmt == CLI_FORMAT_TEXT)
        printf(_("roll-up written to %s\n"), a.out);
    status = audit->count[MC_AUDIT_NOT_CHECKED] ? CLI_EXIT_NOT_CHECKED
             : audit->count[MC_AUDIT_FAILS]     ? CLI_EXIT_NONCOMPLIANT
             : audit->count[MC_AUDIT_INSUFFICIENT] + audit->count[MC_AUDIT_UNVERIFIED]
                                                ? CLI_EXIT_UNDECIDED
             : audit->count[MC_AUDIT_ADVISORY]  ? CLI_EXIT_ADVISORY
                                                : CLI_EXIT_OK;
    goto done;
fail:
    status = cli_fail(&err);
done:
    mc_report_rollup_close(sink.roll, NULL, &err);
    mc_document_audit_end(sink.doc, stdout, NULL);
    if (sink.rows)
        fclose(sink.rows);
    mc_audit_free(audit);
    mc_cooking_set_free(cooking);
    mc_standard_set_free(set);
    mc_manifest_free(m);
    mc_err_release(&err);
    return status;
}
