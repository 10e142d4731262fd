/*
 * api.c - the JSON API (docs/api.md): a check and its report from recipe
 * and menu text, food search, the norm sets.  Requests are parsed with
 * jansson; every answer is written with the library's JSON writer
 * (mealcheck/json.h), the check as the very document `mealcheck check
 * --format json` prints (mc_document_check_members()).
 */
#include "web.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/document.h"
#include "mealcheck/i18n.h"

FILE *web_json_begin(struct web_response *r, struct mc_json *j)
{
    r->body = NULL;
    r->len = 0;
    FILE *f = open_memstream(&r->body, &r->len);
    if (f)
        mc_json_init(j, f);
    return f;
}

void web_json_end(struct web_response *r, unsigned status, FILE *f,
                  const struct mc_json *j)
{
    r->status = status;
    r->type = "application/json";
    /* An incomplete document is never sent: no body is a 500. */
    int bad = !f || mc_json_finish(j) != 0;
    if (!f || fclose(f) != 0 || bad) {
        free(r->body);
        r->body = NULL;
        r->len = 0;
        r->status = 500;
    }
}

void web_json_shares(struct mc_json *j, const struct mc_meal_share *shares, size_t n,
                     int verified)
{
    mc_json_array_begin(j);
    for (size_t k = 0; k < n; k++) {
        mc_json_object_begin(j);
        mc_json_member_string(j, "meal", shares[k].meal);
        mc_json_member_number(j, "min_pct", shares[k].min_pct);
        mc_json_member_number(j, "max_pct", shares[k].max_pct);
        if (verified)
            mc_json_member_bool(j, "verified", shares[k].verified);
        mc_json_object_end(j);
    }
    mc_json_array_end(j);
}

/* Diagnostic d as the API gives it (docs/api.md). */
static void diag_json(struct mc_json *j, const struct mc_diag *d)
{
    mc_json_object_begin(j);
    mc_json_member_string(j, "severity",
                          d->severity == MC_SEVERITY_WARNING ? "warning" : "error");
    mc_json_member_string(j, "file", d->file);
    mc_json_member_string(j, "sheet", d->sheet);
    mc_json_key(j, "line");
    if (d->line)
        mc_json_int(j, d->line);
    else
        mc_json_null(j);
    mc_json_key(j, "column");
    if (d->column)
        mc_json_int(j, d->column);
    else
        mc_json_null(j);
    mc_json_member_string(j, "message", d->message);
    mc_json_object_end(j);
}

void web_respond_errors(struct web_response *r, unsigned status,
                        const struct mc_err *err)
{
    struct mc_json j;
    FILE *f = web_json_begin(r, &j);
    if (f) {
        size_t n_errors = 0;
        mc_json_object_begin(&j);
        mc_json_key(&j, "errors");
        mc_json_array_begin(&j);
        for (size_t i = 0; i < mc_err_diag_count(err); i++) {
            const struct mc_diag *d = mc_err_diag(err, i);
            if (d->severity != MC_SEVERITY_ERROR)
                continue;
            char line[4096];
            size_t n = mc_diag_format(d, line, sizeof line);
            mc_json_string_n(&j, line, n < sizeof line ? n : sizeof line - 1);
            n_errors++;
        }
        if (n_errors == 0) /* never an error without a message */
            mc_json_string(&j, _(mc_strerror(err->code)));
        if (err->count > MC_ERR_LIMIT) {
            char more[64];
            snprintf(more, sizeof more, "%d more errors not shown",
                     err->count - MC_ERR_LIMIT);
            mc_json_string(&j, more);
        }
        mc_json_array_end(&j);
        mc_json_key(&j, "diagnostics");
        mc_json_array_begin(&j);
        for (size_t i = 0; i < mc_err_diag_count(err); i++)
            diag_json(&j, mc_err_diag(err, i));
        mc_json_array_end(&j);
        mc_json_object_end(&j);
    }
    web_json_end(r, status, f, &j);
}

unsigned web_status_of(mc_code code)
{
    switch (code) {
    case MC_ERR_USAGE:
        return 400;
    case MC_ERR_INPUT:
    case MC_ERR_NOT_FOUND:
        return 422;
    default:
        return 500;
    }
}

/* A string member, or NULL when absent; another type is an error. */
static const char *member_string(json_t *obj, const char *key, size_t *len,
                                 struct mc_err *err)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v)) {
        mc_err_set(err, MC_ERR_USAGE, "%s: expected a string", key);
        return NULL;
    }
    if (len)
        *len = json_string_length(v);
    return json_string_value(v);
}

/* An array of strings into out (at most WEB_MAX_ARGS; more is counted,
 * for the message); a lone string is taken as a list of one. */
static size_t member_list(json_t *obj, const char *key, const char **out,
                          struct mc_err *err)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return 0;
    if (json_is_string(v)) {
        out[0] = json_string_value(v);
        return 1;
    }
    size_t i, n = 0;
    json_t *e;
    if (!json_is_array(v)) {
        mc_err_set(err, MC_ERR_USAGE, "%s: expected an array of strings", key);
        return 0;
    }
    json_array_foreach(v, i, e) {
        if (!json_is_string(e)) {
            mc_err_set(err, MC_ERR_USAGE, "%s[%zu]: expected a string", key, i);
            return 0;
        }
        if (n < WEB_MAX_ARGS)
            out[n] = json_string_value(e);
        n++;
    }
    return n;
}

void web_check_in_inputs(struct web_check_in *in, const char *workbook, size_t len,
                         const char *field, struct mc_err *err)
{
    if (workbook && (in->recipes || in->menu)) {
        mc_err_set(err, MC_ERR_USAGE, "%s: expected either it or recipes and menu, not both",
                   field);
        return;
    }
    if (workbook) {
        in->recipes = in->menu = workbook;
        in->recipes_len = in->menu_len = len;
        /* one file: one name in messages */
        in->recipes_name = in->menu_name = in->menu_name ? in->menu_name : "workbook.xlsx";
    }
    if (!in->recipes)
        mc_err_set(err, MC_ERR_USAGE, "recipes: expected the recipe book as CSV text");
    if (!in->menu)
        mc_err_set(err, MC_ERR_USAGE, "menu: expected the menu as CSV text");
}

/* The caterer's alias table of req: aliases_csv, or aliases_base64 (an
 * .xlsx decoded into *aliases: free it after the check), named
 * aliases_name in messages. */
static void parse_aliases(json_t *req, struct web_check_in *in, char **aliases,
                          struct mc_err *err)
{
    size_t b64_len = 0;
    in->aliases = member_string(req, "aliases_csv", &in->aliases_len, err);
    const char *b64 = member_string(req, "aliases_base64", &b64_len, err);
    in->aliases_name = member_string(req, "aliases_name", NULL, err);
    if (b64 && in->aliases)
        mc_err_set(err, MC_ERR_USAGE, "aliases_base64: expected either it or aliases_csv, "
                   "not both");
    else if (b64 && !(*aliases = web_base64_decode(b64, b64_len, &in->aliases_len)))
        mc_err_set(err, MC_ERR_USAGE, "aliases_base64: expected an .xlsx file as base64");
    else if (b64) {
        in->aliases = *aliases;
        in->aliases_name = in->aliases_name ? in->aliases_name : "aliases.xlsx";
    }
}

/* A check of the request req into in; a workbook sent as base64 is decoded
 * into *workbook, an alias table into *aliases (free them after the check). */
static void parse_check(json_t *req, struct web_check_in *in, char **workbook,
                        char **aliases, struct mc_err *err)
{
    if (!json_is_object(req)) {
        mc_err_set(err, MC_ERR_USAGE, "expected a JSON object");
        return;
    }
    in->recipes = member_string(req, "recipes", &in->recipes_len, err);
    in->menu = member_string(req, "menu", &in->menu_len, err);
    in->recipes_sheet = member_string(req, "recipes_sheet", NULL, err);
    in->menu_sheet = member_string(req, "menu_sheet", NULL, err);
    in->recipes_name = member_string(req, "recipes_name", NULL, err);
    in->menu_name = member_string(req, "menu_name", NULL, err);
    size_t b64_len = 0, wb_len = 0;
    const char *b64 = member_string(req, "workbook_base64", &b64_len, err);
    if (b64 && !(in->recipes || in->menu) &&
        !(*workbook = web_base64_decode(b64, b64_len, &wb_len))) {
        mc_err_set(err, MC_ERR_USAGE, "workbook_base64: expected an .xlsx file as base64");
        return;
    }
    /* Sent with recipes or menu it is refused there, not decoded. */
    web_check_in_inputs(in, b64 ? (*workbook ? *workbook : b64) : NULL, wb_len,
                        "workbook_base64", err);
    in->date = member_string(req, "date", NULL, err);
    in->average = member_string(req, "average", NULL, err);
    in->title = member_string(req, "title", NULL, err);
    in->currency = member_string(req, "currency", NULL, err);
    json_t *budget = json_object_get(req, "budget");
    if (budget && !json_is_null(budget) &&
        !(json_is_number(budget) && json_number_value(budget) > 0))
        mc_err_set(err, MC_ERR_USAGE, "budget: expected a positive amount");
    else if (budget)
        in->budget = json_number_value(budget);
    in->n_stds = member_list(req, "standards", in->stds, err);
    in->n_groups = member_list(req, "groups", in->groups, err);
    in->n_shares = member_list(req, "meal_shares", in->shares, err);
    json_t *suggest = json_object_get(req, "suggest");
    if (suggest && !json_is_null(suggest) && !json_is_boolean(suggest) &&
        !(json_is_integer(suggest) && json_integer_value(suggest) >= 0 &&
          json_integer_value(suggest) <= 1))
        mc_err_set(err, MC_ERR_USAGE, "suggest: expected true or false (or 1 or 0)");
    else if (suggest)
        in->suggest = json_is_true(suggest) || json_integer_value(suggest) == 1;
    in->n_adds = member_list(req, "suggest_add", in->adds, err);
    parse_aliases(req, in, aliases, err);
}

mc_code web_respond_report(struct web_app *app, const struct web_check *c,
                           struct web_response *r, struct mc_err *err)
{
    int fd;
    size_t size;
    mc_code rc = web_report_open(app, c, &fd, &size, err);
    if (rc)
        return rc;
    r->status = 200;
    r->type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r->fd = fd;
    r->fd_size = size;
    r->download = "mealcheck-report.xlsx";
    return MC_OK;
}

/* Answer r with check c: its JSON (with the fix when suggest) or its report. */
static void answer(struct web_app *app, struct web_check *c, int suggest, int report,
                   struct web_response *r, struct mc_err *err)
{
    if (report) {
        web_respond_report(app, c, r, err);
        return;
    }
    struct mc_json j;
    FILE *f = web_json_begin(r, &j);
    if (!f) {
        mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        return;
    }
    mc_json_object_begin(&j);
    mc_document_check_members(&j, c->check, NULL, c->book, c->budget, c->currency);
    if (suggest) {
        mc_json_key(&j, "suggestion");
        web_fix_json(&j, c);
    }
    mc_json_object_end(&j);
    fputc('\n', f); /* as the CLI ends it */
    web_json_end(r, 200, f, &j);
    if (!r->body)
        mc_err_set(err, MC_ERR_NOMEM, "out of memory");
}

void web_api_answer(struct web_app *app, const struct web_check_in *in, int report,
                    struct web_response *r, struct mc_err *err)
{
    struct web_check c = {0};
    if (!err->code && !web_check_run(app, in, &c, err))
        answer(app, &c, in->suggest, report, r, err);
    if (err->code)
        web_respond_errors(r, web_status_of(err->code), err);
    web_check_free(&c);
    mc_err_release(err);
}

void web_api_check(struct web_app *app, const char *body, size_t len, int report,
                   struct web_response *r)
{
    struct mc_err err = {0};
    json_error_t jerr;
    json_t *req = json_loadb(body, len, 0, &jerr);
    struct web_check_in in = {0};
    struct web_check c = {0};
    const char *school = NULL;
    json_t *week = NULL;
    char *workbook = NULL, *aliases = NULL;
    if (!req)
        mc_err_set(&err, MC_ERR_USAGE, "request body:%d:%d: %s; expected a JSON object",
                   jerr.line, jerr.column, jerr.text);
    else if (json_is_object(req) && (school = member_string(req, "school", NULL, &err)))
        week = json_object_get(req, "week");
    else
        parse_check(req, &in, &workbook, &aliases, &err);
    if (week && (!json_is_integer(week) || json_integer_value(week) < 0 ||
                 json_integer_value(week) > 999))
        mc_err_set(&err, MC_ERR_USAGE, "week: expected a week number (0: every week)");
    if (school && !app->manifest)
        mc_err_set(&err, MC_ERR_USAGE, "school: the server has no audit manifest "
                   "(serve --audit)");
    if (!err.code && school &&
        !web_school_check(app, school, (int)json_integer_value(week),
                          member_string(req, "date", NULL, &err), &c, &err))
        answer(app, &c, 0, report, r, &err);
    else if (!school)
        web_api_answer(app, &in, report, r, &err);
    if (err.code)
        web_respond_errors(r, web_status_of(err.code), &err);
    web_check_free(&c);
    json_decref(req);
    free(workbook);
    free(aliases);
    mc_err_release(&err);
}

void web_api_foods(struct web_app *app, const char *q, const char *limit,
                   struct web_response *r)
{
    struct mc_err err = {0};
    char *end = NULL;
    long n = limit && *limit ? strtol(limit, &end, 10) : 10;
    if (!q || !*q)
        mc_err_set(&err, MC_ERR_USAGE, "q: expected the words to search for");
    if ((end && *end) || n < 1 || n > 100)
        mc_err_set(&err, MC_ERR_USAGE, "limit: expected a whole number from 1 to 100");
    struct mc_food_hit *hits = NULL;
    size_t count = 0;
    if (!err.code) {
        struct mc_food_db *db = web_db_acquire(app);
        if (!mc_food_db_search(db, q, (size_t)n, &hits, &count, &err))
            mc_food_db_localize_hits(db, hits, count, mc_i18n_lang(), &err);
        web_db_release(app, db);
    }
    /* the CLI's document, spelled by the library */
    FILE *f = err.code ? NULL : open_memstream(&r->body, &r->len);
    if (f) {
        int bad = mc_document_food_hits(f, hits, count) != 0;
        if (fclose(f) == 0 && !bad) {
            r->status = 200;
            r->type = "application/json";
        } else {
            free(r->body);
            r->body = NULL;
            mc_err_set(&err, MC_ERR_NOMEM, "out of memory");
        }
    } else if (!err.code) {
        mc_err_set(&err, MC_ERR_NOMEM, "out of memory");
    }
    if (err.code)
        web_respond_errors(r, web_status_of(err.code), &err);
    mc_food_hits_free(hits, count);
    mc_err_release(&err);
}

void web_api_standards(struct web_app *app, struct web_response *r)
{
    struct mc_json j;
    FILE *f = web_json_begin(r, &j);
    if (f) {
        mc_json_array_begin(&j);
        for (size_t i = 0; i < app->standards->n; i++) {
            const struct mc_standard *s = &app->standards->items[i];
            mc_json_object_begin(&j);
            mc_json_member_string(&j, "id", s->id);
            mc_json_member_string(&j, "title", s->title);
            mc_json_member_string(&j, "per", s->per == MC_PER_DAY ? "day" : "meal");
            mc_json_key(&j, "groups");
            mc_json_array_begin(&j);
            for (size_t g = 0; g < s->n_groups; g++) {
                mc_json_object_begin(&j);
                mc_json_member_string(&j, "id", s->groups[g].id);
                mc_json_member_int(&j, "age_min", s->groups[g].age_min);
                mc_json_member_int(&j, "age_max", s->groups[g].age_max);
                mc_json_member_string(&j, "sex", mc_sex_name(s->groups[g].sex));
                mc_json_object_end(&j);
            }
            mc_json_array_end(&j);
            mc_json_key(&j, "meal_shares");
            web_json_shares(&j, s->shares, s->n_shares, 1);
            mc_json_object_end(&j);
        }
        mc_json_array_end(&j);
    }
    web_json_end(r, 200, f, &j);
}
