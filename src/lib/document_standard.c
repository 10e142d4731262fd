/*
 * document_standard.c - the norm-set JSON documents (document_standard.h).
 */
#include "mealcheck/document_standard.h"

#include <string.h>

#include "mealcheck/json.h"
#include "mealcheck/standard.h"

/* The members every document of a set begins with. */
static void head(struct mc_json *j, const struct mc_standard *s)
{
    mc_json_member_string(j, "id", s->id);
    mc_json_member_string(j, "title", s->title);
    mc_json_member_string(j, "issuer", s->issuer);
    mc_json_member_string(j, "legal_ref", s->legal_ref);
    mc_json_member_string(j, "source_url", s->source_url);
    mc_json_member_string(j, "path", s->path);
    mc_json_member_date(j, "effective_from", s->effective_from);
    mc_json_member_date(j, "effective_to", s->effective_to);
    mc_json_member_string(j, "superseded_by", *s->superseded_by ? s->superseded_by : NULL);
    mc_json_member_string(j, "per", s->per == MC_PER_DAY ? "day" : "meal");
    mc_json_member_string(j, "judge", s->judge == MC_JUDGE_EACH_DAY ? "each_day"
                                                                    : "week_average");
    mc_json_member_number(j, "tolerance_pct", s->tolerance_pct);
    mc_json_member_number(j, "coverage_min_pct", s->coverage_min * 100.0);
    mc_json_member_int(j, "groups", (long long)s->n_groups);
    mc_json_member_int(j, "rows", (long long)s->n_rows);
}

int mc_document_standards(FILE *f, const struct mc_standard_set *set)
{
    struct mc_json j;
    mc_json_init(&j, f);
    mc_json_array_begin(&j);
    for (size_t i = 0; i < set->n; i++) {
        mc_json_object_begin(&j);
        head(&j, &set->items[i]);
        mc_json_object_end(&j);
    }
    mc_json_array_end(&j);
    fputc('\n', f);
    return mc_json_finish(&j);
}

static void norm(struct mc_json *j, const struct mc_standard *s, const struct mc_norm_row *r)
{
    mc_json_object_begin(j);
    mc_json_member_string(j, "group", s->groups[r->group].id);
    mc_json_member_string(j, "nutrient", mc_nutrient_info(r->nutrient)->key);
    mc_json_member_string(j, "kind", mc_bound_kind_name(r->kind));
    mc_json_member_number(j, "value", r->value);
    mc_json_member_string(j, "unit", r->unit);
    mc_json_member_string(j, "meal", *r->meal ? r->meal : NULL);
    mc_json_member_date(j, "effective_from", r->effective_from);
    mc_json_member_date(j, "effective_to", r->effective_to);
    mc_json_member_string(j, "rule", r->rule);
    mc_json_member_bool(j, "verified", r->verified);
    mc_json_member_number(j, "tolerance_pct", r->tolerance_pct);
    mc_json_member_string(j, "source_url", r->source_url);
    mc_json_member_string(j, "note", r->note);
    mc_json_member_int(j, "line", r->line);
    mc_json_object_end(j);
}

int mc_document_standard(FILE *f, const struct mc_standard *s)
{
    struct mc_json j;
    mc_json_init(&j, f);
    mc_json_object_begin(&j);
    head(&j, s);
    mc_json_key(&j, "meal_shares");
    mc_json_array_begin(&j);
    for (size_t i = 0; i < s->n_shares; i++) {
        mc_json_object_begin(&j);
        mc_json_member_string(&j, "meal", s->shares[i].meal);
        mc_json_member_number(&j, "min_pct", s->shares[i].min_pct);
        mc_json_member_number(&j, "max_pct", s->shares[i].max_pct);
        mc_json_member_bool(&j, "verified", s->shares[i].verified);
        mc_json_object_end(&j);
    }
    mc_json_array_end(&j);
    mc_json_key(&j, "notes");
    mc_json_array_begin(&j);
    for (const char *p = s->notes; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        mc_json_string_n(&j, p, len);
        p += len + (nl ? 1 : 0);
    }
    mc_json_array_end(&j);
    mc_json_key(&j, "group_list");
    mc_json_array_begin(&j);
    for (size_t i = 0; i < s->n_groups; i++) {
        mc_json_object_begin(&j);
        mc_json_member_string(&j, "id", s->groups[i].id);
        mc_json_member_int(&j, "age_min", s->groups[i].age_min);
        mc_json_member_int(&j, "age_max", s->groups[i].age_max);
        mc_json_member_string(&j, "sex", mc_sex_name(s->groups[i].sex));
        mc_json_object_end(&j);
    }
    mc_json_array_end(&j);
    mc_json_key(&j, "norms");
    mc_json_array_begin(&j);
    for (size_t i = 0; i < s->n_rows; i++)
        norm(&j, s, &s->rows[i]);
    mc_json_array_end(&j);
    mc_json_object_end(&j);
    fputc('\n', f);
    return mc_json_finish(&j);
}
