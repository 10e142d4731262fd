/*
 * run.c - one check for the web: the request's uploads read by a library
 * session (mealcheck/session.h) straight from memory, as the command line
 * reads files, and the Excel report as a file that vanishes once sent.
 *
 * The report is written to a file whose name the server chooses in a fresh
 * mkdtemp folder under the server's private folder, opened, and removed
 * with its folder before the answer goes out.
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

mc_code web_check_run(struct web_app *app, const struct web_check_in *in,
                      struct web_check *out, struct mc_err *err)
{
    memset(out, 0, sizeof *out);
    struct mc_check_opts opts = {0};
    if (parse_options(in, out, &opts, err))
        return err->code;
    out->title = in->title && *in->title ? in->title : NULL;
    out->budget = in->budget;
    out->currency = in->currency;
    char rname[256], mname[256], aname[256];
    label(rname, sizeof rname, in->recipes_name, "recipes.csv");
    label(mname, sizeof mname, in->menu_name, "menu.csv");
    label(aname, sizeof aname, in->aliases_name, "aliases.csv");
    /* One request may not hold a worker for long: the library refuses a
     * file past the server's rows and cells while it reads it, CSV or
     * .xlsx alike. */
    const struct mc_input_limits limits = {.max_rows = WEB_MAX_ROWS,
                                           .max_cells = WEB_MAX_CELLS};
    struct mc_food_db *db = web_db_acquire(app);
    const struct mc_session_opts o = {
        .db_path = app->db_path, .db = db, .cooking = app->cooking,
        .aliases = {.data = in->aliases, .len = in->aliases_len, .name = aname,
                    .limits = &limits},
        .recipes = {.data = in->recipes, .len = in->recipes_len, .name = rname,
                    .sheet = in->recipes_sheet, .limits = &limits},
        /* The menu is always read: an empty upload is an empty file. */
        .menu = {.data = in->menu ? in->menu : "", .len = in->menu_len, .name = mname,
                 .sheet = in->menu_sheet, .limits = &limits},
        .standards = app->standards, .std_ids = in->stds, .n_stds = in->n_stds,
        .groups = in->groups, .n_groups = in->n_groups, .check = &opts};
    mc_code rc = mc_session_open(&o, &out->session, err);
    out->book = out->session.book;
    out->menu = out->session.menu;
    out->check = out->session.check;
    out->stds = out->session.stds;
    out->specs = out->session.specs;
    out->n_specs = out->session.n_specs;
    if (!rc)
        rc = web_fix_run(out->session.db, in, &opts, out, err);
    web_db_release(app, db);
    return rc;
}

void web_check_free(struct web_check *c)
{
    mc_suggestion_free(c->suggestion);
    mc_session_close(&c->session);
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
