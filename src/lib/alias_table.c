/*
 * alias_table.c - the rows of an alias table, checked the same way for the
 * shipped tables and a caterer's own.
 */
#include "alias_table.h"

#include <stdio.h>
#include <string.h>

#include "mealcheck/csv.h"
#include "mealcheck/infile.h"
#include "mealcheck/text.h"

enum { AL_ALIAS, AL_LANG, AL_FOOD, AL_NOTE, AL_COUNT };
static const char *const alias_cols[AL_COUNT] = {"alias", "lang", "food_id", "note"};

/* Check the current row; hand it to the sink when good.  -1 on a failure
 * that stops the reading. */
static int read_row(struct mc_csv *csv, const int *col, const struct mc_alias_sink *sink,
                    struct mc_err *err)
{
    const char *path = mc_csv_path(csv);
    long line = mc_csv_line(csv);
    const char *f[AL_COUNT];
    for (int k = 0; k < AL_COUNT; k++)
        f[k] = col[k] < 0 ? "" : mc_csv_field(csv, (size_t)col[k]);
    int errors = err->count;
    for (int k = AL_ALIAS; k <= AL_FOOD; k++)
        if (!*f[k])
            mc_err_at(err, MC_ERR_INPUT, path, line, col[k] + 1, "missing %s",
                      alias_cols[k]);
    if (*f[AL_LANG] && strcmp(f[AL_LANG], "ru") && strcmp(f[AL_LANG], "kk"))
        mc_err_at(err, MC_ERR_INPUT, path, line, col[AL_LANG] + 1,
                  "lang: expected ru or kk, got '%s'", f[AL_LANG]);
    if (*f[AL_FOOD]) {
        int known = sink->food_exists(sink->ctx, f[AL_FOOD]);
        if (known < 0)
            return -1;
        if (!known)
            mc_err_at(err, MC_ERR_INPUT, path, line, col[AL_FOOD] + 1,
                      "unknown food id '%s': expected an SR28 NDB_No (20009) "
                      "or a local food id (KZ0001)", f[AL_FOOD]);
    }
    if (err->count != errors)
        return 0;
    char fold[512], origin[4200], first[4200] = "?";
    mc_text_fold(f[AL_ALIAS], fold, sizeof fold);
    snprintf(origin, sizeof origin, "%s:%ld", path, line);
    struct mc_alias_row row = {f[AL_ALIAS], fold, f[AL_LANG], f[AL_FOOD], f[AL_NOTE],
                               origin, col[AL_ALIAS] + 1};
    int rc = sink->add(sink->ctx, &row, first, sizeof first);
    if (rc == 0)
        mc_err_at(err, MC_ERR_INPUT, path, line, col[AL_ALIAS] + 1,
                  "duplicate alias '%s' for %s (first at %s)", f[AL_ALIAS],
                  f[AL_FOOD], first);
    return rc < 0 ? -1 : 0;
}

mc_code mc_alias_table_read(const struct mc_input *in, const struct mc_alias_sink *sink,
                            struct mc_err *err)
{
    const char *path = mc_input_name(in);
    struct mc_csv *csv;
    int col[AL_COUNT];
    mc_code rc = mc_csv_open_input(in, &csv, err);
    if (rc)
        return rc;
    if (mc_csv_header(csv, alias_cols, AL_COUNT, col, "alias,lang,food_id,note", err))
        goto done;
    for (int k = AL_ALIAS; k <= AL_FOOD; k++)
        if (col[k] < 0)
            mc_err_at(err, MC_ERR_INPUT, path, 1, 0, "missing column '%s'",
                      alias_cols[k]);
    int got;
    while (col[AL_ALIAS] >= 0 && col[AL_LANG] >= 0 && col[AL_FOOD] >= 0 &&
           !mc_err_full(err) && (got = mc_csv_next(csv, err)) > 0)
        if (read_row(csv, col, sink, err) < 0) {
            rc = err->code ? err->code : MC_ERR_INTERNAL;
            break;
        }
done:
    mc_csv_close(csv);
    return rc;
}
