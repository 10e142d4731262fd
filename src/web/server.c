/*
 * server.c - the HTTP side of `mealcheck serve`: libmicrohttpd with a fixed
 * pool of worker threads, bounded request bodies, fixed routes (a request
 * path is only ever compared with them, never opened), forms, and the
 * database handles the workers share.
 */
#include "web.h"

#include "mealcheck/i18n.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "mealcheck/infile.h"

/* A connection while its request arrives: the idle timeout alone is reset
 * by every byte, so a client dripping a header byte a second would hold
 * its slot for ever (slowloris). */
struct watch {
    struct watch *prev, *next;
    int fd;
    struct timespec start; /* when the request under way began to arrive */
    time_t allow;          /* seconds it has from start to be all in */
    int complete;          /* its headers and body are in (or it was cut) */
};

struct web_server {
    struct MHD_Daemon *daemon;
    struct web_app app;
    unsigned port;
    unsigned deadline_s;   /* for a whole request: headers and body */
    unsigned idle_s;       /* the idle timeout */
    pthread_mutex_t wmu;   /* watches, stopping */
    pthread_cond_t wcv;
    struct watch *watches;
    int stopping;
    pthread_t reaper;
    int reaper_on;
};

/* ---- the database pool --------------------------------------------------- */

struct mc_food_db *web_db_acquire(struct web_app *app)
{
    struct web_db_pool *p = &app->pool;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        for (size_t i = 0; i < p->n; i++)
            if (!p->busy[i]) {
                p->busy[i] = 1;
                pthread_mutex_unlock(&p->mu);
                return p->dbs[i];
            }
        pthread_cond_wait(&p->free_cv, &p->mu);
    }
}

void web_db_release(struct web_app *app, struct mc_food_db *db)
{
    struct web_db_pool *p = &app->pool;
    pthread_mutex_lock(&p->mu);
    for (size_t i = 0; i < p->n; i++)
        if (p->dbs[i] == db)
            p->busy[i] = 0;
    pthread_cond_signal(&p->free_cv);
    pthread_mutex_unlock(&p->mu);
}

/* ---- the request deadline ------------------------------------------------ */

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    struct web_server *s = cls;
    struct watch *w = *socket_context;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *info =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (!info || !(w = calloc(1, sizeof *w)))
            return; /* unwatched: only the idle timeout applies */
        w->fd = info->connect_fd;
        w->allow = s->deadline_s;
        clock_gettime(CLOCK_MONOTONIC, &w->start);
        pthread_mutex_lock(&s->wmu);
        w->next = s->watches;
        if (w->next)
            w->next->prev = w;
        s->watches = w;
        pthread_mutex_unlock(&s->wmu);
        *socket_context = w;
    } else if (w) {
        /* Before libmicrohttpd closes the socket: the reaper, under the
         * same lock, never touches a descriptor that was reused. */
        pthread_mutex_lock(&s->wmu);
        if (w->prev)
            w->prev->next = w->next;
        else
            s->watches = w->next;
        if (w->next)
            w->next->prev = w->prev;
        pthread_mutex_unlock(&s->wmu);
        free(w);
        *socket_context = NULL;
    }
}

/* The request of conn is complete (1) or done with (0).  The next request
 * on a kept-alive connection may begin to arrive at any time within the
 * idle timeout, and then has its deadline: the clock starts now with both. */
static void watch_mark(struct web_server *s, struct MHD_Connection *conn, int complete)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    struct watch *w = info ? info->socket_context : NULL;
    if (!w)
        return;
    pthread_mutex_lock(&s->wmu);
    w->complete = complete;
    if (!complete) {
        clock_gettime(CLOCK_MONOTONIC, &w->start);
        w->allow = (time_t)s->idle_s + s->deadline_s;
    }
    pthread_mutex_unlock(&s->wmu);
}

/* Once a second, cut the connections whose request is not complete by its
 * deadline.  shutdown() and not close(): libmicrohttpd sees the end of the
 * stream and closes the connection itself. */
static void *reap(void *arg)
{
    struct web_server *s = arg;
    pthread_mutex_lock(&s->wmu);
    while (!s->stopping) {
        struct timespec now, wake;
        clock_gettime(CLOCK_MONOTONIC, &now);
        for (struct watch *w = s->watches; w; w = w->next)
            if (!w->complete && now.tv_sec - w->start.tv_sec >= w->allow) {
                shutdown(w->fd, SHUT_RDWR);
                w->complete = 1;
            }
        clock_gettime(CLOCK_REALTIME, &wake);
        wake.tv_sec += 1;
        pthread_cond_timedwait(&s->wcv, &s->wmu, &wake);
    }
    pthread_mutex_unlock(&s->wmu);
    return NULL;
}

/* ---- requests ------------------------------------------------------------ */

/* The school routes come last: route_of() stops before them without a
 * manifest. */
enum route_id {
    R_INDEX, R_CHECK, R_REPORT, R_CSS, R_JS, R_API_CHECK, R_API_REPORT,
    R_API_FOODS, R_API_STANDARDS, R_MEAL, R_MEAL_REPORT, R_API_MEAL, R_API_SHEETS, R_SCHOOL, R_SCHOOL_REPORT, R_API_SCHOOLS, R_TODAY,
    R_NONE
};

struct route {
    const char *path;
    const char *method;
};

static const struct route routes[R_NONE] = {
    [R_INDEX] = {"/", "GET"},
    [R_CHECK] = {"/check", "POST"},
    [R_REPORT] = {"/report", "POST"},
    [R_CSS] = {"/app.css", "GET"},
    [R_JS] = {"/app.js", "GET"},
    [R_API_CHECK] = {"/api/check", "POST"},
    [R_API_REPORT] = {"/api/report", "POST"},
    [R_API_FOODS] = {"/api/foods/search", "GET"},
    [R_API_STANDARDS] = {"/api/standards", "GET"},
    [R_MEAL] = {"/meal", "GET"},
    [R_MEAL_REPORT] = {"/meal/report", "GET"},
    [R_API_MEAL] = {"/api/meal", "GET"},
    [R_API_SHEETS] = {"/api/workbook/sheets", "POST"},
    [R_SCHOOL] = {"/school", "GET"},
    [R_SCHOOL_REPORT] = {"/school/report", "GET"},
    [R_API_SCHOOLS] = {"/api/schools", "GET"},
    [R_TODAY] = {"/today", "GET"},
};

/* One connection's request while its body arrives. */
struct req {
    enum route_id route;
    char *body;
    size_t len, cap;
};

/* The school routes exist only with a manifest. */
static enum route_id route_of(const struct web_app *app, const char *url)
{
    for (int i = 0; i < (app->manifest ? R_NONE : R_SCHOOL); i++)
        if (!strcmp(url, routes[i].path))
            return (enum route_id)i;
    return R_NONE;
}

static int append(struct req *r, const char *data, size_t n)
{
    if (n > WEB_MAX_BODY - r->len)
        return -1;
    if (r->len + n > r->cap) {
        size_t cap = r->cap ? r->cap : 16384;
        while (cap < r->len + n)
            cap *= 2;
        char *p = realloc(r->body, cap);
        if (!p)
            return -1;
        r->body = p;
        r->cap = cap;
    }
    memcpy(r->body + r->len, data, n);
    r->len += n;
    return 0;
}

static enum MHD_Result send_response(struct MHD_Connection *conn,
                                     struct web_response *r)
{
    struct MHD_Response *resp;
    if (r->fd >= 0) {
        resp = MHD_create_response_from_fd(r->fd_size, r->fd);
        if (!resp)
            close(r->fd);
    } else if (r->body) {
        resp = MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_MUST_FREE);
        if (!resp)
            free(r->body);
    } else {
        static char failed[] = "internal error\n";
        r->status = 500;
        r->type = "text/plain; charset=utf-8";
        resp = MHD_create_response_from_buffer(sizeof failed - 1, failed,
                                               MHD_RESPMEM_PERSISTENT);
    }
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", r->type);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'none'; style-src 'self'; script-src 'self'; "
                            "connect-src 'self'; img-src 'self' data:; form-action 'self'; "
                            "frame-ancestors 'none'; base-uri 'none'");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (r->download) {
        char disp[128];
        snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", r->download);
        MHD_add_response_header(resp, "Content-Disposition", disp);
    }
    if (r->close)
        MHD_add_response_header(resp, "Connection", "close");
    if (r->status == 405)
        MHD_add_response_header(resp, "Allow", "GET, POST");
    if (r->cache) {
        char use[96];
        snprintf(use, sizeof use, "%s; entries=%zu; bytes=%zu", r->cache == 2 ? "hit" : "miss",
                 r->cache_entries, r->cache_bytes);
        MHD_add_response_header(resp, "X-Cache", use);
    }
    enum MHD_Result rc = MHD_queue_response(conn, r->status, resp);
    MHD_destroy_response(resp);
    return rc;
}

/* Render a page into r with open_memstream; r->body stays NULL (500) when
 * memory runs out. */
#define RENDER(resp_, status_, call_)                                        \
    do {                                                                     \
        FILE *f = open_memstream(&(resp_)->body, &(resp_)->len);             \
        if (f) {                                                             \
            call_;                                                           \
            if (fclose(f) != 0) {                                            \
                free((resp_)->body);                                         \
                (resp_)->body = NULL;                                        \
            }                                                                \
        }                                                                    \
        (resp_)->status = (status_);                                         \
        (resp_)->type = "text/html; charset=utf-8";                          \
    } while (0)

static void respond_error(struct web_response *r, int api, unsigned status,
                          enum web_lang lang, enum web_msg msg)
{
    if (api) {
        struct mc_err e = {0};
        mc_err_set(&e, MC_ERR_USAGE, "%s", web_text(WEB_LANG_EN, msg));
        web_respond_errors(r, status, &e);
        mc_err_release(&e);
    } else {
        RENDER(r, status, web_page_error(f, lang, msg));
    }
}

static enum web_lang page_lang(struct MHD_Connection *conn)
{
    return web_lang_pick(
        MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "lang"),
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Language"));
}

/* Messages, nutrient names and the report in the request's language, in
 * this thread only: the page's; the API's when ?lang= names one, else the
 * server's.  A language without a catalogue reads in English, as its page. */
static void speak(struct MHD_Connection *conn, int api)
{
    const char *param = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "lang");
    if (api && !param)
        return;
    struct mc_err e = {0};
    if (mc_i18n_set_thread(web_lang_code(page_lang(conn)), &e))
        mc_i18n_set_thread("en", NULL);
    mc_err_release(&e);
}

/* ---- forms --------------------------------------------------------------- */

#define FORM_FIELDS 48

struct form_field {
    char name[32];
    char *data;
    size_t len;
    char filename[128];
};

struct form {
    struct form_field f[FORM_FIELDS];
    size_t n;
    char over[32]; /* the first field past its limit, or "" */
};

/* The parts that carry a book, a menu or a workbook may fill the body;
 * every other field (a name, a sheet, a norm set) is short. */
static int big_part(const char *key)
{
    size_t n = strlen(key);
    return !strcmp(key, "recipes") || !strcmp(key, "menu") || !strcmp(key, "workbook") ||
           !strcmp(key, "aliases") || (n > 5 && !strcmp(key + n - 5, "_file"));
}

static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *filename, const char *content_type,
                                const char *transfer_encoding, const char *data,
                                uint64_t off, size_t size)
{
    (void)kind, (void)content_type, (void)transfer_encoding;
    struct form *form = cls;
    if (!key) /* a part without a name is no field of the form */
        return MHD_YES;
    if (off == 0) {
        if (form->n == FORM_FIELDS)
            return MHD_YES; /* more fields than the form has: ignored */
        struct form_field *fld = &form->f[form->n++];
        snprintf(fld->name, sizeof fld->name, "%s", key);
        /* Only a label for messages: the part after any folder. */
        const char *base = filename ? filename : "";
        for (const char *p = base; *p; p++)
            if (*p == '/' || *p == '\\')
                base = p + 1;
        snprintf(fld->filename, sizeof fld->filename, "%s", base);
    }
    if (!form->n || !size || strcmp(form->f[form->n - 1].name, key))
        return MHD_YES;
    struct form_field *fld = &form->f[form->n - 1];
    if (!big_part(key) && size > WEB_MAX_FIELD - fld->len) {
        if (!form->over[0])
            snprintf(form->over, sizeof form->over, "%s", key);
        return MHD_YES;
    }
    char *p = realloc(fld->data, fld->len + size + 1);
    if (!p)
        return MHD_NO;
    memcpy(p + fld->len, data, size);
    fld->data = p;
    fld->len += size;
    p[fld->len] = '\0';
    return MHD_YES;
}

static void form_free(struct form *form)
{
    for (size_t i = 0; i < form->n; i++)
        free(form->f[i].data);
}

/* The multipart/form-data (or urlencoded) body of rq into form, with
 * libmicrohttpd's post processor; what it cannot read is said in err. */
static int form_parse(struct MHD_Connection *conn, const struct req *rq, struct form *form,
                      struct mc_err *err)
{
    const char *type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
    if (type && !strncasecmp(type, "multipart/form-data", 19) && !strstr(type, "boundary="))
        return mc_err_set(err, MC_ERR_USAGE, "Content-Type: multipart/form-data without a "
                          "boundary; expected multipart/form-data; boundary=...");
    struct MHD_PostProcessor *pp = MHD_create_post_processor(conn, 65536, on_field, form);
    if (!pp)
        return mc_err_set(err, MC_ERR_USAGE, "Content-Type: expected multipart/form-data "
                          "or application/x-www-form-urlencoded");
    int ok = MHD_post_process(pp, rq->body ? rq->body : "", rq->len) == MHD_YES;
    /* It says no at the end of a body cut short of its closing boundary. */
    ok &= MHD_destroy_post_processor(pp) == MHD_YES;
    if (!ok)
        return mc_err_set(err, MC_ERR_USAGE, "request body: expected multipart/form-data "
                          "parts ending with the closing boundary; the body is malformed "
                          "or cut short");
    if (form->over[0])
        return mc_err_set(err, MC_ERR_USAGE, "%s: expected at most %u bytes", form->over,
                          WEB_MAX_FIELD);
    return 0;
}

static const struct form_field *form_get(const struct form *form, const char *name)
{
    for (size_t i = 0; i < form->n; i++)
        if (!strcmp(form->f[i].name, name))
            return &form->f[i];
    return NULL;
}

static const char *form_text(const struct form *form, const char *name)
{
    const struct form_field *f = form_get(form, name);
    return f && f->data ? f->data : "";
}

/* Split text at any of seps into trimmed, non-empty items of out. */
static size_t split(char *text, const char *seps, const char **out)
{
    size_t n = 0;
    for (char *save = NULL, *tok = strtok_r(text, seps, &save); tok;
         tok = strtok_r(NULL, seps, &save)) {
        while (*tok == ' ' || *tok == '\t' || *tok == '\n' || *tok == '\r')
            tok++;
        char *end = tok + strlen(tok);
        while (end > tok && strchr(" \t\r\n", end[-1]))
            *--end = '\0';
        if (*tok && n < WEB_MAX_ARGS)
            out[n++] = tok;
    }
    return n;
}

/* The book or menu of a form: the file when one was chosen, else the text;
 * a CSV file is shown in the text area again. */
static int form_upload(const struct form *form, const char *name, const char **data,
                       size_t *len, const char **label, const char **shown)
{
    char file_key[40];
    snprintf(file_key, sizeof file_key, "%s_file", name);
    const struct form_field *file = form_get(form, file_key);
    const struct form_field *text = form_get(form, name);
    if (file && file->len) {
        *data = file->data;
        *len = file->len;
        *label = file->filename[0] ? file->filename : NULL;
        int xlsx = file->len >= 4 && !memcmp(file->data, "PK\3\4", 4);
        *shown = xlsx ? "" : file->data;
        return xlsx;
    }
    *data = text && text->data ? text->data : "";
    *len = text ? text->len : 0;
    *label = NULL;
    *shown = *data;
    return 0;
}

/* A check done for a page: the report when asked for and possible, else
 * the page with the check or its errors.  Frees c and err. */
static void answer_check(struct web_app *app, enum web_lang lang,
                         const struct web_form_view *view, mc_code rc,
                         struct web_check *c, struct mc_err *err, int report,
                         struct web_response *r)
{
    if (!rc && report)
        rc = web_respond_report(app, c, r, err);
    if (rc || !report)
        RENDER(r, rc ? web_status_of(rc) : 200,
               web_page(f, app, lang, view, rc ? NULL : c, err));
    web_check_free(c);
    mc_err_release(err);
}

/* POST /check and /report: the form's check as a page or a download. */
static void handle_form(struct web_app *app, struct MHD_Connection *conn,
                        struct req *rq, int report, enum web_lang lang,
                        struct web_response *r)
{
    struct form form = {0};
    struct mc_err perr = {0};
    if (form_parse(conn, rq, &form, &perr)) {
        form_free(&form);
        struct web_form_view none = {0};
        RENDER(r, 400, web_page(f, app, lang, &none, NULL, &perr));
        mc_err_release(&perr);
        return;
    }

    struct web_check_in in = {0};
    struct web_form_view view = {0};
    view.xlsx = (unsigned)form_upload(&form, "recipes", &in.recipes, &in.recipes_len,
                                      &in.recipes_name, &view.recipes) |
                (unsigned)form_upload(&form, "menu", &in.menu, &in.menu_len,
                                      &in.menu_name, &view.menu) << 1;
    /* A caterer's one workbook holds both, its sheets named or found. */
    const struct form_field *wb = form_get(&form, "workbook_file");
    if (wb && wb->len) {
        in.recipes = in.menu = wb->data;
        in.recipes_len = in.menu_len = wb->len;
        in.recipes_name = in.menu_name = wb->filename[0] ? wb->filename : "workbook.xlsx";
        view.xlsx = 3;
        view.recipes = view.menu = "";
    }
    /* The caterer's alias table, read as `--aliases` reads it. */
    const struct form_field *al = form_get(&form, "aliases_file");
    if (al && al->len) {
        in.aliases = al->data;
        in.aliases_len = al->len;
        in.aliases_name = al->filename[0] ? al->filename : NULL;
    }
    in.recipes_sheet = form_text(&form, "recipes_sheet");
    in.menu_sheet = form_text(&form, "menu_sheet");
    for (size_t i = 0; i < form.n; i++)
        if (!strcmp(form.f[i].name, "standard") && form.f[i].data &&
            in.n_stds < WEB_MAX_ARGS)
            view.stds[view.n_stds++] = in.stds[in.n_stds++] = form.f[i].data;
    char groups[1024], shares[1024];
    view.group = form_text(&form, "group");
    view.shares = form_text(&form, "shares");
    view.date = in.date = form_text(&form, "date");
    view.title = in.title = form_text(&form, "title");
    snprintf(groups, sizeof groups, "%s", view.group);
    snprintf(shares, sizeof shares, "%s", view.shares);
    in.n_groups = split(groups, ";", in.groups);
    in.n_shares = split(shares, ",;", in.shares);
    /* A failing menu is shown how to fix it, with these items allowed. */
    char adds[1024];
    view.adds = form_text(&form, "suggest_add");
    snprintf(adds, sizeof adds, "%s", view.adds);
    in.n_adds = split(adds, ",;", in.adds);
    in.suggest = 1;

    struct mc_err err = {0};
    struct web_check c = {0};
    mc_code rc = web_check_run(app, &in, &c, &err);
    answer_check(app, lang, &view, rc, &c, &err, report, r);
    form_free(&form);
}

/* A text part of an API request, or NULL when absent. */
static const char *part_text(const struct form *form, const char *name)
{
    const struct form_field *f = form_get(form, name);
    return f ? (f->data ? f->data : "") : NULL;
}

/* A book or menu part: a file or its text; named after the file. */
static void part_upload(const struct form *form, const char *name, const char **data,
                        size_t *len, const char **label)
{
    const struct form_field *f = form_get(form, name);
    if (!f)
        return;
    *data = f->data ? f->data : "";
    *len = f->len;
    if (f->filename[0])
        *label = f->filename;
}

/* POST /api/check and /api/report as multipart/form-data: the JSON
 * request's members as parts (a list member as one part per item), the
 * book and menu, or one workbook, as files or text (docs/api.md). */
static void handle_api_form(struct web_app *app, struct MHD_Connection *conn,
                            struct req *rq, int report, struct web_response *r)
{
    struct form form = {0};
    struct web_check_in in = {0};
    struct mc_err err = {0};
    if (!form_parse(conn, rq, &form, &err)) {
        part_upload(&form, "recipes", &in.recipes, &in.recipes_len, &in.recipes_name);
        part_upload(&form, "menu", &in.menu, &in.menu_len, &in.menu_name);
        const char *wb = NULL;
        size_t wb_len = 0;
        part_upload(&form, "workbook", &wb, &wb_len, &in.menu_name);
        if (part_text(&form, "recipes_name"))
            in.recipes_name = part_text(&form, "recipes_name");
        if (part_text(&form, "menu_name"))
            in.menu_name = part_text(&form, "menu_name");
        web_check_in_inputs(&in, wb, wb_len, "workbook", &err);
        part_upload(&form, "aliases", &in.aliases, &in.aliases_len, &in.aliases_name);
        if (part_text(&form, "aliases_name"))
            in.aliases_name = part_text(&form, "aliases_name");
        in.recipes_sheet = part_text(&form, "recipes_sheet");
        in.menu_sheet = part_text(&form, "menu_sheet");
        in.date = part_text(&form, "date");
        in.average = part_text(&form, "average");
        in.title = part_text(&form, "title");
        in.currency = part_text(&form, "currency");
        for (size_t i = 0; i < form.n; i++) {
            const struct form_field *f = &form.f[i];
            const char *v = f->data ? f->data : "";
            if (!strcmp(f->name, "standards") && in.n_stds < WEB_MAX_ARGS)
                in.stds[in.n_stds++] = v;
            else if (!strcmp(f->name, "groups") && in.n_groups < WEB_MAX_ARGS)
                in.groups[in.n_groups++] = v;
            else if (!strcmp(f->name, "meal_shares") && in.n_shares < WEB_MAX_ARGS)
                in.shares[in.n_shares++] = v;
            else if (!strcmp(f->name, "suggest_add") && in.n_adds < WEB_MAX_ARGS)
                in.adds[in.n_adds++] = v;
        }
        const char *budget = part_text(&form, "budget"), *suggest = part_text(&form, "suggest");
        char *end = NULL;
        if (budget && *budget && ((in.budget = strtod(budget, &end)) <= 0 || *end))
            mc_err_set(&err, MC_ERR_USAGE, "budget: expected a positive amount");
        if (suggest && *suggest) {
            in.suggest = !strcmp(suggest, "true") || !strcmp(suggest, "1");
            if (!in.suggest && strcmp(suggest, "false") && strcmp(suggest, "0"))
                mc_err_set(&err, MC_ERR_USAGE, "suggest: expected true or false (or 1 or 0)");
        }
    }
    web_api_answer(app, &in, report, r, &err);
    form_free(&form);
}

static void handle_index(struct web_app *app, struct MHD_Connection *conn,
                         enum web_lang lang, struct web_response *r)
{
    const char *demo = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "demo");
    const char *form = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "form");
    /* With a manifest the start page finds a school; ?form=files, the files form. */
    if (app->manifest && !demo && !form) {
        RENDER(r, 200, web_home_page(f, app, lang, MHD_lookup_connection_value(
                                         conn, MHD_GET_ARGUMENT_KIND, "q")));
        return;
    }
    struct web_form_view view = {.group = "7-11", .shares = "breakfast=20-25, lunch=30-35",
                                 .stds = {"ru_sanpin_3590_20"}, .n_stds = 1};
    if (demo && !strcmp(demo, "sample") && app->sample_recipes) {
        view.recipes = app->sample_recipes;
        view.menu = app->sample_menu;
        view.stds[1] = "us_dri";
        view.n_stds = 2;
    }
    RENDER(r, 200, web_page(f, app, lang, &view, NULL, NULL));
}

/* GET /school?school=ID&week=N and /school/report: a school of the
 * manifest as a page or a download. */
static void handle_school(struct web_app *app, struct MHD_Connection *conn,
                          int report, enum web_lang lang, struct web_response *r)
{
    const char *id = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "school");
    const char *week = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "week");
    const char *date = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "date");
    struct web_form_view view = {.group = "7-11", .shares = "breakfast=20-25, lunch=30-35",
                                 .school = id, .date = date};
    struct mc_err err = {0};
    char *end = NULL;
    long w = week && *week ? strtol(week, &end, 10) : 0;
    if ((end && *end) || w < 0 || w > 999)
        mc_err_set(&err, MC_ERR_USAGE, "week: expected a week number, got '%s'", week);
    view.week = (int)w;
    struct web_check c = {0};
    /* the page shows how to fix a failing week; the report does not */
    mc_code rc = err.code ? err.code
                 : report ? web_school_check(app, id ? id : "", view.week, date, &c, &err)
                          : web_school_check_fix(app, id ? id : "", view.week, date, &c, &err);
    answer_check(app, lang, &view, rc, &c, &err, report, r);
}

/* ---- answers kept for the next request ----------------------------------- */

/* One query argument; at: its place in the query. */
struct arg {
    const char *key, *value;
    size_t at;
};

/* The query arguments of a request, in their order. */
struct query {
    struct arg arg[64];
    size_t n;
    int over; /* more than arg holds */
};

static enum MHD_Result on_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                              const char *value)
{
    (void)kind;
    struct query *q = cls;
    if (!strcmp(key, "lang")) /* the key holds the language it resolves to */
        return MHD_YES;
    if (q->n == sizeof q->arg / sizeof q->arg[0]) {
        q->over = 1;
        return MHD_NO;
    }
    q->arg[q->n] = (struct arg){key, value ? value : "", q->n};
    q->n++;
    return MHD_YES;
}

/* By name; one name given twice keeps its order, for the first is the one
 * a handler reads. */
static int arg_order(const void *a, const void *b)
{
    const struct arg *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* The cache's key of a request: its route, the language its answer speaks
 * and its query but lang, sorted (the same meal asked with its arguments
 * in another order is the same answer); /today without a date, today's.
 * @return its length, or 0 when the query is too long to keep */
static size_t cache_key(struct MHD_Connection *conn, enum route_id route,
                        const char *lang, char *key, size_t size)
{
    struct query q = {0};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, on_arg, &q);
    if (q.over)
        return 0;
    qsort(q.arg, q.n, sizeof q.arg[0], arg_order);
    size_t len = (size_t)snprintf(key, size, "%s\n%s\n", routes[route].path, lang);
    for (size_t i = 0; i < q.n && len < size; i++) /* lengths: no two queries alike */
        len += (size_t)snprintf(key + len, size - len, "%zu:%s=%zu:%s&", strlen(q.arg[i].key),
                                q.arg[i].key, strlen(q.arg[i].value), q.arg[i].value);
    const char *date = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "date");
    if (route == R_TODAY && (!date || !*date) && len < size)
        len += (size_t)snprintf(key + len, size - len, "today=%d", web_parse_date(NULL));
    return len < size ? len : 0;
}

static void answer_cacheable(struct web_app *app, struct MHD_Connection *conn,
                             enum route_id route, enum web_lang lang, struct web_response *r)
{
    if (route == R_TODAY) {
        unsigned status = 200;
        RENDER(r, status, status = web_today_page(
                              f, app, lang,
                              MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "school"),
                              MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "date")));
    } else if (route == R_MEAL) {
        web_meal_page(app, conn, lang, 0, r);
    } else {
        web_api_meal(app, conn, r);
    }
}

/* GET /today, /meal and /api/meal: the answer kept for the same request
 * while the school's files are unchanged, else made and kept. */
static void answer_cached(struct web_app *app, struct MHD_Connection *conn,
                          enum route_id route, enum web_lang lang, struct web_response *r)
{
    char key[8192];
    /* the API speaks the thread's language (speak()), a page its own */
    size_t len = app->cache ? cache_key(conn, route, route == R_API_MEAL ? mc_i18n_lang()
                                                    : web_lang_code(lang), key, sizeof key)
                            : 0;
    struct web_cache_stamp stamp;
    memset(&stamp, 0, sizeof stamp);
    const struct mc_manifest_school *s =
        route == R_TODAY ? web_school_find(app, MHD_lookup_connection_value(
                                                    conn, MHD_GET_ARGUMENT_KIND, "school"))
                         : NULL;
    if (s) { /* what web_school_check() reads */
        web_cache_stamp_add(&stamp, s->recipes ? s->recipes : app->audit_recipes);
        web_cache_stamp_add(&stamp, s->menu);
        if (s->aliases)
            web_cache_stamp_add(&stamp, s->aliases);
    }
    if (len && web_cache_get(app->cache, key, len, &stamp, r)) {
        r->cache = 2;
    } else {
        answer_cacheable(app, conn, route, lang, r);
        if (len) {
            web_cache_put(app->cache, key, len, &stamp, r);
            r->cache = 1;
        }
    }
    web_cache_usage(app->cache, &r->cache_entries, &r->cache_bytes);
}

static void handle(struct web_app *app, struct MHD_Connection *conn, struct req *rq,
                   const char *url, const char *method, struct web_response *r)
{
    int api = !strncmp(url, "/api/", 5);
    enum web_lang lang = page_lang(conn);
    if (rq->route == R_NONE) {
        respond_error(r, api, 404, lang, W_NOT_FOUND);
        return;
    }
    if (strcmp(method, routes[rq->route].method) &&
        !(!strcmp(method, "HEAD") && !strcmp(routes[rq->route].method, "GET"))) {
        respond_error(r, api, 405, lang, W_BAD_METHOD);
        return;
    }
    switch (rq->route) {
    case R_INDEX:
        handle_index(app, conn, lang, r);
        break;
    case R_CHECK:
    case R_REPORT:
        handle_form(app, conn, rq, rq->route == R_REPORT, lang, r);
        break;
    case R_CSS:
    case R_JS:
        r->status = 200;
        r->type = rq->route == R_CSS ? "text/css; charset=utf-8"
                                     : "text/javascript; charset=utf-8";
        r->body = strdup(rq->route == R_CSS ? web_css : web_js);
        r->len = r->body ? strlen(r->body) : 0;
        break;
    case R_API_CHECK:
    case R_API_REPORT: {
        const char *type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
        if (type && !strncasecmp(type, "multipart/form-data", 19))
            handle_api_form(app, conn, rq, rq->route == R_API_REPORT, r);
        else
            web_api_check(app, rq->body ? rq->body : "", rq->len, rq->route == R_API_REPORT,
                          r);
        break;
    }
    case R_API_SHEETS:
        web_api_workbook_sheets(app, MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND,
                                                                 "name"),
                                rq->body ? rq->body : "", rq->len, r);
        break;
    case R_API_FOODS:
        web_api_foods(app, MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "q"),
                      MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "limit"),
                      r);
        break;
    case R_API_STANDARDS:
        web_api_standards(app, r);
        break;
    case R_SCHOOL:
    case R_SCHOOL_REPORT:
        handle_school(app, conn, rq->route == R_SCHOOL_REPORT, lang, r);
        break;
    case R_API_SCHOOLS:
        web_api_schools(app, r);
        break;
    case R_MEAL_REPORT:
        web_meal_page(app, conn, lang, 1, r);
        break;
    case R_MEAL:
    case R_API_MEAL:
    case R_TODAY:
        answer_cached(app, conn, rq->route, lang, r);
        break;
    case R_NONE:
        break;
    }
}

/* How a request says where its body ends: every Content-Length value
 * (repeated headers and comma-separated lists) and any Transfer-Encoding. */
struct framing {
    unsigned long long length;
    int n_lengths, differ, bad, encoded;
};

static enum MHD_Result on_framing(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
    (void)kind;
    struct framing *fr = cls;
    if (!strcasecmp(key, "Transfer-Encoding")) {
        fr->encoded = 1;
    } else if (!strcasecmp(key, "Content-Length")) {
        for (const char *p = value ? value : ""; ; p++) {
            p += strspn(p, " \t");
            char *end;
            errno = 0;
            unsigned long long n = strtoull(p, &end, 10);
            if (end == p || *p == '-' || errno)
                fr->bad = 1;
            else if (fr->n_lengths++ && n != fr->length)
                fr->differ = 1;
            fr->length = n;
            p = end + strspn(end, " \t");
            if (*p != ',') {
                fr->bad |= *p != '\0';
                break;
            }
        }
    }
    return MHD_YES;
}

/* A request whose body could be read two ways is how a second request is
 * smuggled past a proxy: Content-Length values that differ, or one with
 * Transfer-Encoding (RFC 9112 §6.1, §6.3).  Refused whatever
 * libmicrohttpd would make of it, and the connection closed, so that the
 * bytes after the body are never read as a request. */
static int ambiguous_framing(struct MHD_Connection *conn, struct mc_err *err)
{
    struct framing fr = {0};
    MHD_get_connection_values(conn, MHD_HEADER_KIND, on_framing, &fr);
    if (fr.bad)
        mc_err_set(err, MC_ERR_USAGE, "Content-Length: expected a number");
    else if (fr.differ)
        mc_err_set(err, MC_ERR_USAGE, "Content-Length: expected one length, got "
                   "different lengths");
    else if (fr.encoded && fr.n_lengths)
        mc_err_set(err, MC_ERR_USAGE, "Content-Length and Transfer-Encoding: "
                   "expected only one of them");
    return err->count != 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    struct web_server *s = cls;
    struct web_app *app = &s->app;
    struct req *rq = *con_cls;
    struct web_response r = {.fd = -1};
    if (!rq) {
        if (!(rq = calloc(1, sizeof *rq)))
            return MHD_NO;
        rq->route = route_of(app, url);
        *con_cls = rq;
        struct mc_err e = {0};
        if (ambiguous_framing(conn, &e)) {
            web_respond_errors(&r, 400, &e);
            mc_err_release(&e);
            r.close = 1;
            return send_response(conn, &r);
        }
        /* Refuse a body that says it is too large before reading it. */
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                     "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > WEB_MAX_BODY) {
            respond_error(&r, !strncmp(url, "/api/", 5), 413, page_lang(conn),
                          W_TOO_LARGE);
            return send_response(conn, &r);
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        /* Only POST routes keep a body; a chunked one that grows past the
         * limit ends the connection. */
        if (append(rq, upload_data, *upload_data_size))
            return MHD_NO;
        *upload_data_size = 0;
        return MHD_YES;
    }
    watch_mark(s, conn, 1);
    speak(conn, !strncmp(url, "/api/", 5));
    handle(app, conn, rq, url, method, &r);
    mc_i18n_set_thread(NULL, NULL); /* the worker serves other requests next */
    return send_response(conn, &r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)toe;
    watch_mark(cls, conn, 0);
    struct req *rq = *con_cls;
    if (rq) {
        free(rq->body);
        free(rq);
    }
    *con_cls = NULL;
}

/* ---- start and stop ------------------------------------------------------ */

static char *read_sample(const char *dir, const char *name)
{
    char path[4200], *text;
    size_t len;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct mc_err err = {0}; /* no sample: the page offers none */
    mc_infile_read(path, &text, &len, &err);
    mc_err_release(&err);
    return text;
}

static void app_free(struct web_app *app)
{
    for (size_t i = 0; i < app->pool.n; i++)
        mc_food_db_close(app->pool.dbs[i]);
    free(app->pool.dbs);
    free(app->pool.busy);
    pthread_mutex_destroy(&app->pool.mu);
    pthread_cond_destroy(&app->pool.free_cv);
    mc_standard_set_free(app->standards);
    mc_cooking_set_free(app->cooking);
    mc_manifest_free(app->manifest);
    free(app->sample_recipes);
    free(app->sample_menu);
    web_catalogue_free(app->catalogue);
    web_cache_close(app->cache);
    /* Empty by now: every request removes its own files. */
    if (app->tmp_root[0])
        rmdir(app->tmp_root);
}

/* A bound of the answer cache from the environment (docs/deploy.md), when
 * set: a whole number, 0 for no cache. */
static mc_code cache_bound(const char *name, size_t *out, struct mc_err *err)
{
    const char *v = getenv(name);
    if (!v || !*v)
        return MC_OK;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (*end || *v == '-' || errno || n > SIZE_MAX)
        return mc_err_set(err, MC_ERR_USAGE, "%s: expected a whole number (0: no cache), "
                          "got '%s'", name, v);
    *out = (size_t)n;
    return MC_OK;
}

static mc_code app_init(struct web_app *app, const struct web_config *cfg,
                        struct mc_err *err)
{
    pthread_mutex_init(&app->pool.mu, NULL);
    pthread_cond_init(&app->pool.free_cv, NULL);
    mc_code rc;
    if ((rc = mc_standard_set_load(cfg->standards_dir, &app->standards, err)) ||
        (rc = mc_cooking_set_load(cfg->cooking_dir, &app->cooking, err)) ||
        (cfg->audit && (rc = mc_manifest_load(cfg->audit, &app->manifest, err))))
        return rc;
    app->audit_recipes = cfg->audit_recipes;
    size_t entries = WEB_CACHE_ENTRIES, bytes = WEB_CACHE_BYTES;
    if ((rc = cache_bound("MEALCHECK_CACHE_ENTRIES", &entries, err)) ||
        (rc = cache_bound("MEALCHECK_CACHE_BYTES", &bytes, err)) ||
        (rc = web_cache_open(entries, bytes, &app->cache, err)))
        return rc;
    app->db_path = cfg->db_path;
    /* Every language a request may ask for, loaded before any request. */
    for (int l = 0; l < WEB_LANG_COUNT; l++) {
        struct mc_err e = {0}; /* none: that language's pages read in English */
        mc_i18n_load(web_lang_code((enum web_lang)l), cfg->locale_dir, &e);
        mc_err_release(&e);
    }
    app->pool.dbs = calloc(cfg->threads, sizeof *app->pool.dbs);
    app->pool.busy = calloc(cfg->threads, sizeof *app->pool.busy);
    if (!app->pool.dbs || !app->pool.busy)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    for (; app->pool.n < cfg->threads; app->pool.n++)
        if ((rc = mc_food_db_open(cfg->db_path, &app->pool.dbs[app->pool.n], err)))
            return rc;
    const char *tmp = getenv("TMPDIR");
    snprintf(app->tmp_root, sizeof app->tmp_root, "%s/mealcheck-serve-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(app->tmp_root)) {
        app->tmp_root[0] = '\0';
        return mc_err_set(err, MC_ERR_IO, "cannot create a temporary folder: %s",
                          strerror(errno));
    }
    if (cfg->sample_dir) {
        app->sample_recipes = read_sample(cfg->sample_dir, "recipes.csv");
        app->sample_menu = read_sample(cfg->sample_dir, "menu.csv");
        if (!app->sample_recipes || !app->sample_menu) {
            free(app->sample_recipes);
            free(app->sample_menu);
            app->sample_recipes = app->sample_menu = NULL;
        }
    }
    /* /meal's dishes: menus/catalogue and the schools' books */
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/catalogue", cfg->sample_dir ? cfg->sample_dir : "");
    return web_catalogue_load(app, cfg->sample_dir ? dir : NULL, &app->catalogue, err);
}

mc_code web_server_start(const struct web_config *cfg, struct web_server **out,
                         struct mc_err *err)
{
    *out = NULL;
    struct web_server *s = calloc(1, sizeof *s);
    if (!s)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    mc_code rc = app_init(&s->app, cfg, err);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(cfg->port)};
    if (!rc && inet_pton(AF_INET, cfg->listen, &addr.sin_addr) != 1)
        rc = mc_err_set(err, MC_ERR_USAGE, "--listen: expected an IPv4 address, got "
                        "'%s'", cfg->listen);
    s->deadline_s = cfg->request_timeout_s;
    s->idle_s = cfg->timeout_s;
    pthread_mutex_init(&s->wmu, NULL);
    pthread_cond_init(&s->wcv, NULL);
    if (!rc && pthread_create(&s->reaper, NULL, reap, s) != 0)
        rc = mc_err_set(err, MC_ERR_IO, "cannot start a thread");
    s->reaper_on = !rc;
    if (!rc) {
        s->daemon = MHD_start_daemon(
            MHD_USE_AUTO_INTERNAL_THREAD, cfg->port, NULL, NULL, on_request, s,
            MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
            MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
            MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout_s,
            MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections,
            MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->max_per_ip,
            MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
            MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
            MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
            MHD_OPTION_END);
        if (!s->daemon)
            rc = mc_err_set(err, MC_ERR_IO, "%s:%u: cannot listen: %s", cfg->listen,
                            cfg->port, strerror(errno));
    }
    if (rc) {
        web_server_stop(s);
        return rc;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : cfg->port;
    *out = s;
    return MC_OK;
}

unsigned web_server_port(const struct web_server *s)
{
    return s->port;
}

void web_server_stop(struct web_server *s)
{
    if (!s)
        return;
    if (s->reaper_on) {
        pthread_mutex_lock(&s->wmu);
        s->stopping = 1;
        pthread_cond_signal(&s->wcv);
        pthread_mutex_unlock(&s->wmu);
        pthread_join(s->reaper, NULL);
    }
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    pthread_mutex_destroy(&s->wmu);
    pthread_cond_destroy(&s->wcv);
    app_free(&s->app);
    free(s);
}
