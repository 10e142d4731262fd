/*
 * document_audit.c - the audit JSON document (document_audit.h).
 */
#include "mealcheck/document_audit.h"

#include <string.h>

#include "mealcheck/audit.h"
#include "mealcheck/json.h"
#include "mealcheck/manifest.h"
#include "mealcheck/standard.h"
#include "mealcheck/version.h"

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

int mc_document_audit(FILE *f, const struct mc_audit *a)
{
    char date[16];
    struct mc_json j;
    mc_json_init(&j, f);
    mc_json_object_begin(&j);
    mc_json_member_string(&j, "mealcheck_version", MC_VERSION);
    mc_json_member_string(&j, "manifest", a->manifest->path);
    mc_json_member_string(&j, "date", mc_date_format(date, sizeof date, a->date));
    counts(&j, a->count);
    mc_json_key(&j, "schools");
    mc_json_array_begin(&j);
    for (size_t i = 0; i < a->n; i++)
        school(&j, &a->schools[i], a->reports);
    mc_json_array_end(&j);
    mc_json_key(&j, "districts");
    mc_json_array_begin(&j);
    for (size_t d = 0; d < a->n_districts; d++) {
        mc_json_object_begin(&j);
        mc_json_member_string(&j, "name", a->districts[d].name);
        mc_json_member_string(&j, "region", a->districts[d].region);
        mc_json_member_int(&j, "schools", (long long)a->districts[d].n);
        counts(&j, a->districts[d].count);
        mc_json_object_end(&j);
    }
    mc_json_array_end(&j);
    mc_json_key(&j, "nutrients");
    mc_json_array_begin(&j);
    for (int n = 0; n < MC_N_COUNT; n++) {
        const struct mc_audit_nutrient *t = &a->nutrients[n];
        if (!t->n_schools)
            continue;
        mc_json_object_begin(&j);
        mc_json_member_string(&j, "nutrient", mc_nutrient_info(n)->key);
        mc_json_member_int(&j, "schools", (long long)t->n_schools);
        mc_json_member_int(&j, "failing", (long long)t->n_failing);
        mc_json_member_number(&j, "median_pct_of_norm", t->median_pct);
        mc_json_member_number(&j, "worst_pct_of_norm", t->worst_pct);
        mc_json_member_string(&j, "worst_school", t->worst_school);
        mc_json_object_end(&j);
    }
    mc_json_array_end(&j);
    mc_json_object_end(&j);
    fputc('\n', f);
    return mc_json_finish(&j);
}
