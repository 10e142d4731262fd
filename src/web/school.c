/*
 * school.c - the schools of an audit manifest (`serve --audit`): listed for
 * the page and GET /api/schools, and checked one week at a time.
 *
 * A request names a school only by its id, looked up among the manifest's
 * ids; the files read are the ones the manifest names.
 */
#include "web.h"

#include <stdlib.h>
#include <string.h>

#include "mealcheck/csv.h"
#include "mealcheck/infile.h"

const struct mc_manifest_school *web_school_find(const struct web_app *app,
                                                 const char *id)
{
    for (size_t i = 0; app->manifest && id && i < app->manifest->n; i++)
        if (!strcmp(app->manifest->schools[i].id, id))
            return &app->manifest->schools[i];
    return NULL;
}

/* The menu as CSV text with only week's rows (week 0: every row); the
 * other rows become blank lines, which the menu loader skips, so that
 * messages keep the file's line numbers. */
static mc_code week_menu(const char *path, int week, char **text, size_t *len,
                         struct mc_err *err)
{
    struct mc_csv *csv;
    mc_code rc = mc_csv_open(path, &csv, err);
    if (rc)
        return rc;
    FILE *f = open_memstream(text, len);
    if (!f) {
        mc_csv_close(csv);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    int col = -1, first = 1, r;
    long line = 1;
    while ((r = mc_csv_next(csv, err)) > 0) {
        if (first) {
            col = mc_csv_find(csv, "week");
        } else if (week) {
            const char *w = col >= 0 ? mc_csv_field(csv, (size_t)col) : "";
            if ((*w ? atoi(w) : 1) != week) /* no week is week 1, as in the menu */
                continue;
        }
        first = 0;
        for (; line < mc_csv_line(csv); line++)
            fputc('\n', f);
        for (size_t i = 0; i < mc_csv_nfields(csv); i++) {
            if (i)
                fputc(',', f);
            mc_csv_write_field(f, mc_csv_field(csv, i), ',', 0);
        }
        fputc('\n', f);
        line++;
    }
    mc_csv_close(csv);
    if (fclose(f) != 0 && r == 0) {
        mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        r = -1;
    }
    if (r < 0) {
        free(*text);
        *text = NULL;
        return err->code;
    }
    return MC_OK;
}

static mc_code school_check(struct web_app *app, const char *id, int week, const char *date,
                            int suggest, struct web_check *out, struct mc_err *err)
{
    memset(out, 0, sizeof *out);
    const struct mc_manifest_school *s = web_school_find(app, id);
    if (!s)
        return mc_err_set(err, MC_ERR_NOT_FOUND, "no school '%s' in the manifest", id);
    struct web_check_in in = {.menu_name = s->menu, .date = date,
                              .title = *s->name ? s->name : s->id, .suggest = suggest};
    char *book = NULL, *menu = NULL;
    size_t book_len = 0, menu_len = 0;
    const char *book_path = s->recipes ? s->recipes : app->audit_recipes;
    if (!book_path)
        return mc_err_set(err, MC_ERR_INPUT, "%s:%ld: school %s names no recipe book, "
                          "and serve was given no --recipes", app->manifest->path,
                          s->line, s->id);
    mc_code rc = mc_infile_read(book_path, &book, &book_len, err);
    if (rc)
        return rc;
    rc = week_menu(s->menu, week, &menu, &menu_len, err);
    if (!rc) {
        in.recipes = book;
        in.recipes_len = book_len;
        in.recipes_name = book_path;
        in.menu = menu;
        in.menu_len = menu_len;
        for (size_t i = 0; i < s->n_standards && i < WEB_MAX_ARGS; i++)
            in.stds[in.n_stds++] = s->standards[i];
        for (size_t i = 0; i < s->n_groups && i < WEB_MAX_ARGS; i++)
            in.groups[in.n_groups++] = s->groups[i];
        in.parsed_shares = s->shares;
        in.n_shares = s->n_shares;
        rc = web_check_run(app, &in, out, err);
    }
    free(book);
    free(menu);
    return rc;
}

mc_code web_school_check(struct web_app *app, const char *id, int week,
                         const char *date, struct web_check *out, struct mc_err *err)
{
    return school_check(app, id, week, date, 0, out, err);
}

mc_code web_school_check_fix(struct web_app *app, const char *id, int week,
                             const char *date, struct web_check *out, struct mc_err *err)
{
    return school_check(app, id, week, date, 1, out, err);
}

/* A list of strings as a JSON array. */
static void strings(struct mc_json *j, char *const *list, size_t n)
{
    mc_json_array_begin(j);
    for (size_t i = 0; i < n; i++)
        mc_json_string(j, list[i]);
    mc_json_array_end(j);
}

void web_api_schools(struct web_app *app, struct web_response *r)
{
    struct mc_json j;
    FILE *f = web_json_begin(r, &j);
    if (f) {
        mc_json_array_begin(&j);
        for (size_t i = 0; app->manifest && i < app->manifest->n; i++) {
            const struct mc_manifest_school *s = &app->manifest->schools[i];
            mc_json_object_begin(&j);
            mc_json_member_string(&j, "id", s->id);
            mc_json_member_string(&j, "name", s->name);
            mc_json_member_string(&j, "district", s->district);
            mc_json_member_string(&j, "region", s->region);
            mc_json_key(&j, "groups");
            strings(&j, s->groups, s->n_groups);
            mc_json_key(&j, "standards");
            strings(&j, s->standards, s->n_standards);
            mc_json_key(&j, "meal_shares");
            web_json_shares(&j, s->shares, s->n_shares, 0);
            mc_json_object_end(&j);
        }
        mc_json_array_end(&j);
    }
    web_json_end(r, 200, f, &j);
}
