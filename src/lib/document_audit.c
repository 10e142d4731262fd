/*
 * document_audit.c - the audit JSON document (document_audit.h).
 */
#include "mealcheck/document_audit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/audit.h"
#include "mealcheck/json.h"
#include "mealcheck/manifest.h"
#include "mealcheck/standard.h"
#include "mealcheck/version.h"

struct mc_document_audit {
    FILE *tmp;          /* the document from the schools' '[' on */
    long start;         /* where that is: a head with no counts comes before */
    struct mc_json j;   /* writing to tmp */
    const char *manifest_path;
    int date, reports;
};

static void counts(struct mc_json *j, const size_t *count)
{
    mc_json_key(j, "counts");
    mc_json_object_begin(j);
    for (int v = 0; v < MC_AUDIT_VERDICTS; v++)
        mc_json_member_int(j, mc_audit_verdict_key((enum mc_audit_verdict)v),
                           (long long)count[v]);
    mc_json_object_end(j);
}

/* The messages of a school that could not be checked, one a line. */
static void errors(struct mc_json *j, const char *text)
{
    mc_json_key(j, "errors");
    mc_json_array_begin(j);
    for (const char *p = text; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        mc_json_string_n(j, p, len);
        p += len + (nl != NULL);
    }
    mc_json_array_end(j);
}

static void worst(struct mc_json *j, const struct mc_audit_school *s)
{
    mc_json_key(j, "worst");
    if (s->worst < 0) {
        mc_json_null(j);
        return;
    }
    mc_json_object_begin(j);
    mc_json_member_string(j, "nutrient", mc_nutrient_info(s->worst)->key);
    mc_json_member_string(j, "meal", *s->worst_meal ? s->worst_meal : NULL);
    mc_json_member_string(j, "standard", s->worst_std->id);
    mc_json_member_number(j, "pct_of_norm", s->worst_pct);
    mc_json_object_end(j);
}

static void school(struct mc_json *j, const struct mc_audit_school *s, int reports)
{
    const struct mc_manifest_school *ms = s->school;
    mc_json_newline(j);
    mc_json_object_begin(j);
    mc_json_member_string(j, "id", ms->id);
    mc_json_member_string(j, "name", ms->name);
    mc_json_member_string(j, "district", ms->district);
    mc_json_member_string(j, "region", ms->region);
    mc_json_member_string(j, "menu", ms->menu);
    mc_json_member_string(j, "recipes", ms->recipes);
    if (reports)
        mc_json_member_string(j, "report", s->report);
    mc_json_member_int(j, "line", ms->line);
    mc_json_member_string(j, "verdict", mc_audit_verdict_key(s->verdict));
    if (s->verdict == MC_AUDIT_NOT_CHECKED) {
        mc_json_key(j, "complies");
        mc_json_null(j);
        errors(j, s->error);
        mc_json_object_end(j);
        return;
    }
    mc_json_member_bool(j, "complies", s->verdict == MC_AUDIT_COMPLIES);
    errors(j, NULL);
    mc_json_key(j, "counts");
    mc_json_object_begin(j);
    mc_json_member_int(j, "fail", s->n_fail);
    mc_json_member_int(j, "advisory", s->n_advisory);
    mc_json_member_int(j, "insufficient_data", s->n_insufficient);
    mc_json_member_int(j, "pass", s->n_pass);
    mc_json_member_int(j, "deciding", s->n_deciding);
    mc_json_member_int(j, "advising", s->n_fail + s->n_advisory + s->n_insufficient +
                                          s->n_pass - s->n_deciding);
    mc_json_object_end(j);
    mc_json_key(j, "failing");
    mc_json_array_begin(j);
    for (int n = 0; n < MC_N_COUNT; n++)
        if (s->nutrient_verdict[n] == MC_VERDICT_FAIL)
            mc_json_string(j, mc_nutrient_info(n)->key);
    mc_json_array_end(j);
    worst(j, s);
    mc_json_member_number(j, "lowest_coverage", s->coverage);
    mc_json_object_end(j);
}

/* The document up to the schools, with these counts. */
static void head(struct mc_json *j, const char *manifest_path, int day, const size_t *count)
{
    char date[16];
    mc_json_object_begin(j);
    mc_json_member_string(j, "mealcheck_version", MC_VERSION);
    mc_json_member_string(j, "manifest", manifest_path);
    mc_json_member_string(j, "date", mc_date_format(date, sizeof date, day));
    counts(j, count);
    mc_json_key(j, "schools");
}

mc_code mc_document_audit_begin(const char *manifest_path, int date, int reports,
                                struct mc_document_audit **out, struct mc_err *err)
{
    static const size_t none[MC_AUDIT_VERDICTS];
    struct mc_document_audit *d = calloc(1, sizeof *d);
    *out = NULL;
    if (!d)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    if (!(d->tmp = tmpfile())) {
        free(d);
        return mc_err_set(err, MC_ERR_IO, "cannot make a temporary file: %s", strerror(errno));
    }
    d->manifest_path = manifest_path;
    d->date = date;
    d->reports = reports;
    /* The writer's state after the head does not depend on the counts:
     * the head is written again, with them, at the end. */
    mc_json_init(&d->j, d->tmp);
    head(&d->j, manifest_path, date, none);
    d->start = ftell(d->tmp);
    mc_json_array_begin(&d->j);
    *out = d;
    return MC_OK;
}

void mc_document_audit_school(void *doc, const struct mc_audit_school *s)
{
    struct mc_document_audit *d = doc;
    school(&d->j, s, d->reports);
}

int mc_document_audit_end(struct mc_document_audit *d, FILE *f, const struct mc_audit *a)
{
    if (!d)
        return 0;
    int rc = 0;
    if (a) {
        struct mc_json *j = &d->j;
        mc_json_array_end(j);
        mc_json_key(j, "districts");
        mc_json_array_begin(j);
        for (size_t k = 0; k < a->n_districts; k++) {
            mc_json_object_begin(j);
            mc_json_member_string(j, "name", a->districts[k].name);
            mc_json_member_string(j, "region", a->districts[k].region);
            mc_json_member_int(j, "schools", (long long)a->districts[k].n);
            counts(j, a->districts[k].count);
            mc_json_object_end(j);
        }
        mc_json_array_end(j);
        mc_json_key(j, "nutrients");
        mc_json_array_begin(j);
        for (int n = 0; n < MC_N_COUNT; n++) {
            const struct mc_audit_nutrient *t = &a->nutrients[n];
            if (!t->n_schools)
                continue;
            mc_json_object_begin(j);
            mc_json_member_string(j, "nutrient", mc_nutrient_info(n)->key);
            mc_json_member_int(j, "schools", (long long)t->n_schools);
            mc_json_member_int(j, "failing", (long long)t->n_failing);
            mc_json_member_number(j, "median_pct_of_norm", t->median_pct);
            mc_json_member_number(j, "worst_pct_of_norm", t->worst_pct);
            mc_json_member_string(j, "worst_school", t->worst_school);
            mc_json_object_end(j);
        }
        mc_json_array_end(j);
        mc_json_object_end(j);
        rc = mc_json_finish(j);
        struct mc_json h;
        mc_json_init(&h, f);
        head(&h, d->manifest_path, d->date, a->count);
        char buf[1 << 16];
        size_t got;
        if (fseek(d->tmp, d->start, SEEK_SET))
            rc = -1;
        while (!rc && (got = fread(buf, 1, sizeof buf, d->tmp)) > 0)
            if (fwrite(buf, 1, got, f) != got)
                rc = -1;
        if (ferror(d->tmp))
            rc = -1;
        fputc('\n', f);
        if (ferror(f))
            rc = -1;
    }
    fclose(d->tmp);
    free(d);
    return rc;
}
