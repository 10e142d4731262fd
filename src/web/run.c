/*
 * run.c - one check for the web: uploads through the library's own
 * loaders, and the Excel report as a file that vanishes once sent.
 *
 * The loaders read files, so an upload is written to a file whose name the
 * server chooses ("recipes.csv" or "recipes.xlsx", by content, never by
 * what the request calls it) in a fresh mkdtemp folder under the server's
 * private folder, and the folder is removed before the answer goes out.
 */
#include "web.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mealcheck/csv.h"
#include "mealcheck/report_xlsx.h"
#include "mealcheck/session.h"
#include "mealcheck/workbook.h"

/* A workbook is a zip archive. */
static const char *extension(const char *data, size_t len)
{
    return len >= 4 && !memcmp(data, "PK\3\4", 4) ? "xlsx" : "csv";
}

static mc_code make_dir(struct web_app *app, char *dir, size_t size,
                        struct mc_err *err)
{
    if ((size_t)snprintf(dir, size, "%s/req-XXXXXX", app->tmp_root) >= size ||
        !mkdtemp(dir)) {
        *dir = '\0';
        return mc_err_set(err, MC_ERR_IO, "cannot create a temporary folder: %s",
                          strerror(errno));
    }
    return MC_OK;
}

static mc_code write_file(const char *dir, const char *stem, const char *data,
                          size_t len, char *path, size_t size, struct mc_err *err)
{
    snprintf(path, size, "%s/%s.%s", dir, stem, extension(data, len));
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
    size_t done = 0;
    while (fd >= 0 && done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno != EINTR)
            break;
        done += n > 0 ? (size_t)n : 0;
    }
    int ok = fd >= 0 && done == len;
    if (fd >= 0 && close(fd) != 0)
        ok = 0;
    return ok ? MC_OK
              : mc_err_set(err, MC_ERR_IO, "cannot write an upload: %s",
                           strerror(errno));
}

static mc_code rename_path(char **path, const char *name, struct mc_err *err)
{
    char *copy = strdup(name);
    if (!copy)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    free(*path);
    *path = copy;
    return MC_OK;
}

/* The options as the CLI takes them; a bad one is the request's fault. */
static mc_code parse_options(const struct web_check_in *in, struct web_check *out,
                             struct mc_check_opts *opts, struct mc_err *err)
{
    if (!in->n_stds)
        mc_err_set(err, MC_ERR_USAGE, "standards: give at least one norm set");
    if (!in->n_groups)
        mc_err_set(err, MC_ERR_USAGE, "groups: give at least one group");
    if (in->n_stds > WEB_MAX_ARGS || in->n_groups > WEB_MAX_ARGS ||
        in->n_shares > WEB_MAX_ARGS)
        mc_err_set(err, MC_ERR_USAGE, "at most %d norm sets, groups and meal shares",
                   WEB_MAX_ARGS);
    opts->date = mc_session_today();
    if (in->date && *in->date && !mc_date_parse(in->date, &opts->date))
        mc_err_set(err, MC_ERR_USAGE, "date: expected YYYY-MM-DD, got '%s'", in->date);
    if (in->average && *in->average && strcmp(in->average, "days")) {
        if (strcmp(in->average, "totals"))
            mc_err_set(err, MC_ERR_USAGE, "average: expected 'days' or 'totals', "
                       "got '%s'", in->average);
        opts->average = MC_AVERAGE_TOTALS;
    }
    for (size_t k = 0; k < in->n_shares && k < WEB_MAX_ARGS; k++) {
        if (in->parsed_shares)
            out->shares[k] = in->parsed_shares[k];
        else if (!mc_meal_share_parse(in->shares[k], &out->shares[k],
                                      out->share_meals[k], sizeof out->share_meals[k]))
            mc_err_set(err, MC_ERR_USAGE, "meal_shares: expected MEAL=MIN-MAX (%% of "
                       "the day, e.g. lunch=30-35), got '%s'", in->shares[k]);
    }
    opts->shares = out->shares;
    opts->n_shares = in->n_shares;
    return err->code;
}

/* A file's name as messages show it: one line, not empty, cut between
 * characters when too long. */
static void label(char *buf, size_t size, const char *name, const char *dflt)
{
    const char *src = name && *name ? name : dflt;
    snprintf(buf, size, "%s", src);
    size_t n = strlen(buf);
    if (src[n])
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    buf[n] = '\0';
    for (char *p = buf; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = ' ';
}

static mc_code load(struct web_app *app, struct mc_food_db *db,
                    const struct web_check_in *in, const char *dir,
                    struct web_check *out, const struct mc_check_opts *opts,
                    struct mc_err *err)
{
    char rname[256], mname[256];
    label(rname, sizeof rname, in->recipes_name, "recipes.csv");
    label(mname, sizeof mname, in->menu_name, "menu.csv");
    char rpath[4200], mpath[4200];
    mc_code rc;
    /* One workbook with both: the sheets not named are found by their headers. */
    char rsheet[256], msheet[256];
    snprintf(rsheet, sizeof rsheet, "%s", in->recipes_sheet ? in->recipes_sheet : "");
    snprintf(msheet, sizeof msheet, "%s", in->menu_sheet ? in->menu_sheet : "");
    if (in->recipes == in->menu && !strcmp(extension(in->menu, in->menu_len), "xlsx") &&
        (!*rsheet || !*msheet)) {
        char r2[256], m2[256];
        const struct mc_xlsx_limits lim = {.max_cells = WEB_MAX_CELLS};
        if ((rc = mc_workbook_find_sheets(rname, in->menu, in->menu_len, &lim, r2, sizeof r2,
                                          m2, sizeof m2, err)))
            return rc;
        if (!*rsheet)
            snprintf(rsheet, sizeof rsheet, "%s", r2);
        if (!*msheet)
            snprintf(msheet, sizeof msheet, "%s", m2);
    }
    if ((rc = write_file(dir, "recipes", in->recipes, in->recipes_len, rpath,
                         sizeof rpath, err)) ||
        (rc = write_file(dir, "menu", in->menu, in->menu_len, mpath, sizeof mpath,
                         err)))
        return rc;
    /* "file#Sheet" chooses a workbook's sheet (mc_csv_open()).  One request
     * may not hold a worker for long: the library refuses a file past the
     * server's rows and cells while it reads it, CSV or .xlsx alike. */
    char rload[4500], mload[4500];
    snprintf(rload, sizeof rload, "%s%s%s", rpath, *rsheet ? "#" : "", rsheet);
    snprintf(mload, sizeof mload, "%s%s%s", mpath, *msheet ? "#" : "", msheet);
    const struct mc_input_limits limits = {.max_rows = WEB_MAX_ROWS,
                                           .max_cells = WEB_MAX_CELLS};
    rc = mc_recipe_book_load_limited(rload, &limits, db, app->cooking, &out->book, err);
    /* The menu's messages name the book ("not a recipe of ..."). */
    if (!rc && !(rc = rename_path(&out->book->path, rname, err)))
        rc = mc_menu_load_limited(mload, &limits, out->book, db, &out->menu, err);
    if (!rc && !(rc = rename_path(&out->menu->path, mname, err)))
        rc = mc_check_run(out->menu, out->stds, in->n_stds, out->specs, in->n_groups,
                          opts, &out->check, err);
    /* Messages name "<dir>/menu"; the user knows the file by the name it
     * was uploaded as. */
    mc_err_relabel(err, rpath, rname);
    mc_err_relabel(err, mpath, mname);
    unlink(rpath);
    unlink(mpath);
    return rc;
}

mc_code web_check_run(struct web_app *app, const struct web_check_in *in,
                      struct web_check *out, struct mc_err *err)
{
    memset(out, 0, sizeof *out);
    struct mc_check_opts opts = {0};
    if (parse_options(in, out, &opts, err))
        return err->code;
    out->n_specs = in->n_groups;
    mc_code rc = mc_session_resolve(app->standards, in->stds, in->n_stds, in->groups,
                                   in->n_groups, out->stds, out->specs, err);
    if (rc)
        return rc;
    out->title = in->title && *in->title ? in->title : NULL;
    out->budget = in->budget;
    out->currency = in->currency;
    char dir[4200];
    if ((rc = make_dir(app, dir, sizeof dir, err)))
        return rc;
    struct mc_food_db *db = web_db_acquire(app);
    rc = load(app, db, in, dir, out, &opts, err);
    if (!rc)
        rc = web_fix_run(db, in, &opts, out, err);
    web_db_release(app, db);
    rmdir(dir);
    return rc;
}

void web_check_free(struct web_check *c)
{
    mc_suggestion_free(c->suggestion);
    mc_check_free(c->check);
    mc_menu_free(c->menu);
    mc_recipe_book_free(c->book);
    for (size_t g = 0; g < c->n_specs; g++)
        mc_group_spec_release(&c->specs[g]);
    memset(c, 0, sizeof *c);
}

mc_code web_report_open(struct web_app *app, const struct web_check *c, int *fd,
                        size_t *size, struct mc_err *err)
{
    char dir[4200], path[4300];
    mc_code rc = make_dir(app, dir, sizeof dir, err);
    if (rc)
        return rc;
    snprintf(path, sizeof path, "%s/report.xlsx", dir);
    struct mc_food_db_provenance prov = {0};
    struct mc_food_db *db = web_db_acquire(app);
    rc = mc_food_db_provenance(db, &prov, err);
    if (!rc) {
        /* The database names each food in the request's language (Мука
         * пшеничная on the Tech cards sheet), as the CLI's report does. */
        struct mc_report rep = {.check = c->check, .book = c->book, .prov = &prov,
                                .title = c->title, .budget = c->budget,
                                .currency = c->currency, .warnings = mc_err_warnings(err),
                                .db = db};
        rc = mc_report_xlsx_write(&rep, path, err);
    }
    web_db_release(app, db);
    mc_food_db_provenance_release(&prov);
    struct stat st;
    *fd = rc ? -1 : open(path, O_RDONLY);
    if (!rc && (*fd < 0 || fstat(*fd, &st) != 0))
        rc = mc_err_set(err, MC_ERR_IO, "cannot read the report: %s", strerror(errno));
    if (!rc)
        *size = (size_t)st.st_size;
    if (rc && *fd >= 0)
        close(*fd);
    unlink(path);
    rmdir(dir);
    return rc;
}
