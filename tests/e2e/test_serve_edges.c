/*
 * test_serve_edges.c - `mealcheck serve` against requests that try to
 * smuggle a second request past it (RFC 9112 §6.1, §6.3): they are
 * answered 400 once and the connection is closed, so the bytes after the
 * body are never answered as a request of their own.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <dirent.h>
#include <limits.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <jansson.h>
#include <xlsxwriter.h>

#include "harness.h"
#include "served.h"

static struct served srv;

static void start(void)
{
    served_start(&srv, NULL);
}

static void stop(void)
{
    served_stop(&srv);
}

TestSuite(serve_edges, .init = start, .fini = stop);

/* The bytes of the file at path (*len of them), or NULL. */
static char *slurp_n(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    FILE *out = open_memstream(&buf, len);
    char chunk[65536];
    size_t got;
    while (f && out && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, got, out);
    if (f)
        fclose(f);
    if (out)
        fclose(out);
    return f ? buf : NULL;
}

/* Status lines in an answer. */
static int answers(const char *resp)
{
    int n = 0;
    for (const char *p = resp; (p = strstr(p, "HTTP/1.1 ")); p++)
        n++;
    return n;
}

/* The smuggled request: were it answered, a second status line (200,
 * the norm sets) would follow the first. */
#define SMUGGLED "GET /api/standards HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

/* ours: the answer is the server's own JSON, not libmicrohttpd's page for
 * a header it cannot parse at all (which repeats its status line and
 * headers, but closes the connection all the same). */
static void expect_refused_and_closed(const char *req, int ours)
{
    int closed;
    char *resp = http_raw(&srv, req, strlen(req), 5000, &closed);
    cr_expect(!strncmp(resp, "HTTP/1.1 400 ", 13), "%s", resp);
    cr_expect(!strstr(resp, "HTTP/1.1 200 ") && !strstr(resp, "ru_sanpin_3590_20"),
              "the smuggled request was answered: %s", resp);
    cr_expect(closed, "the connection stayed open: %s", resp);
    if (ours) {
        cr_expect_eq(answers(resp), 1, "%s", resp);
        cr_expect(strstr(resp, "\r\nConnection: close\r\n"), "%s", resp);
        cr_expect(strstr(resp, "\r\n\r\n{\"errors\":[\"Content-Length"), "%s", resp);
    }
    free(resp);
}

Test(serve_edges, two_differing_content_lengths)
{
    expect_refused_and_closed("POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              "Content-Type: application/json\r\n"
                              "Content-Length: 2\r\nContent-Length: 51\r\n\r\n"
                              "{}" SMUGGLED, 1);
    /* Also in one header, as a list. */
    expect_refused_and_closed("POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              "Content-Type: application/json\r\n"
                              "Content-Length: 2, 51\r\n\r\n{}" SMUGGLED, 0);
}

Test(serve_edges, content_length_with_transfer_encoding)
{
    expect_refused_and_closed("POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              "Content-Type: application/json\r\n"
                              "Content-Length: 57\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "2\r\n{}\r\n0\r\n\r\n" SMUGGLED, 1);
    expect_refused_and_closed("POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              "Content-Type: application/json\r\n"
                              "Transfer-Encoding: chunked\r\nContent-Length: 7\r\n\r\n"
                              "2\r\n{}\r\n0\r\n\r\n" SMUGGLED, 1);
}

/* The same Content-Length twice says one thing: it is read as one (RFC
 * 9112 §6.3 allows either), and an ordinary keep-alive request after a
 * body is still answered (pipelining is not smuggling). */
Test(serve_edges, ordinary_requests_still_work)
{
    const char req[] = "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Content-Type: application/json\r\n"
                       "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}" SMUGGLED;
    int closed;
    char *resp = http_raw(&srv, req, sizeof req - 1, 3000, &closed);
    cr_expect(!strncmp(resp, "HTTP/1.1 400 ", 13), "%s", resp);
    cr_expect(strstr(resp, "{\"errors\":[\"recipes: expected the recipe book as CSV "
                           "text\",\"menu: expected the menu as CSV text\"],"), "%s", resp);
    cr_expect_eq(answers(resp), 2, "%s", resp);
    cr_expect(strstr(resp, "\"ru_sanpin_3590_20\""), "%s", resp);
    free(resp);
}

/* A POST /api/check of the sample book and the menu text given. */
static void check_menu(const char *menu, struct http_reply *r)
{
    char *recipes = slurp("menus/recipes.csv");
    cr_assert(recipes);
    json_t *req = json_pack("{s:s,s:s,s:s,s:[s],s:[s]}", "recipes", recipes, "menu", menu,
                            "menu_name", "big.csv", "standards", "us_dri",
                            "groups", "7-11");
    char *body = json_dumps(req, JSON_COMPACT);
    http(&srv, "POST", "/api/check", "Content-Type: application/json\r\n", body,
         strlen(body), r);
    free(body);
    json_decref(req);
    free(recipes);
}

/* One request may not hold a worker: a menu of 20,001 rows (fine for the
 * CLI) is refused before it is read, and so is one row of 400,001 cells;
 * 20,000 rows (1000 weeks of four meals) are checked. */
Test(serve_edges, rows_and_cells_per_request_are_bounded)
{
    static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri"};
    static const char *const meals[] = {"breakfast", "lunch", "snack", "dinner"};
    size_t n = 20000;
    char *menu = malloc(64 + (n + 1) * 48), *p = menu;
    cr_assert(menu);
    p += sprintf(p, "week,day,meal,dish,portion_g\n");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%zu,%s,%s,Плов,250\n", i / 20 + 1, days[i / 4 % 5],
                     meals[i % 4]);
    struct http_reply r;
    check_menu(menu, &r);
    cr_expect_eq(r.status, 200, "%s", r.body); /* the limit itself is allowed */
    http_free(&r);
    sprintf(p, "1,Sat,lunch,Плов,250\n");
    check_menu(menu, &r);
    cr_expect_eq(r.status, 422, "%s", r.body);
    /* The library refuses it while reading, at the first row too many. */
#define ROWS "more than 20000 rows below the header; mealcheck reads at most 20000 rows " \
             "of this file"
    cr_expect_str_eq(r.body, "{\"errors\":[\"big.csv:20002: " ROWS "\"],\"diagnostics\":["
                     "{\"severity\":\"error\",\"file\":\"big.csv\",\"sheet\":null,"
                     "\"line\":20002,\"column\":null,\"message\":\"" ROWS "\"}]}");
    http_free(&r);
    free(menu);

    /* 5 cells of the header, 399,996 of the row. */
    menu = malloc(800100);
    p = menu + sprintf(menu, "week,day,meal,dish,portion_g\n");
    for (int i = 0; i < 399996; i++) {
        *p++ = '1';
        *p++ = ',';
    }
    p[-1] = '\0';
    check_menu(menu, &r);
    cr_expect_eq(r.status, 422, "%s", r.body);
#define CELLS "more than 400000 cells; mealcheck reads at most 400000 cells of a sheet"
    cr_expect_str_eq(r.body, "{\"errors\":[\"big.csv:2: " CELLS "\"],\"diagnostics\":["
                     "{\"severity\":\"error\",\"file\":\"big.csv\",\"sheet\":null,"
                     "\"line\":2,\"column\":null,\"message\":\"" CELLS "\"}]}");
    http_free(&r);
    free(menu);
}

struct report_job {
    const char *body;
    int status;       /* of the answer; 0: none */
    size_t len;       /* bytes of the answer */
    int xlsx;         /* its body is a workbook */
    volatile int done;
};

/* POST /api/report on a thread of its own: no Criterion assertion here
 * (they belong to the test's thread), only what the test checks after. */
static void *post_report(void *arg)
{
    struct report_job *j = arg;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(srv.port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    char head[256], *resp = NULL;
    size_t cap = 0, len = 0;
    int n = snprintf(head, sizeof head, "POST /api/report HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Connection: close\r\nContent-Type: application/json\r\n"
                     "Content-Length: %zu\r\n\r\n", strlen(j->body));
    if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
        send(fd, head, (size_t)n, MSG_NOSIGNAL) == n &&
        send(fd, j->body, strlen(j->body), MSG_NOSIGNAL) == (ssize_t)strlen(j->body)) {
        for (ssize_t got = 1; got > 0; len += (size_t)(got > 0 ? got : 0)) {
            if (cap - len < 65536 && !(resp = realloc(resp, cap = cap * 2 + 65536)))
                break;
            got = recv(fd, resp + len, cap - len, 0);
        }
    }
    if (fd >= 0)
        close(fd);
    char *body = NULL;
    for (size_t i = 0; !body && resp && i + 4 <= len; i++)
        if (!memcmp(resp + i, "\r\n\r\n", 4))
            body = resp + i;
    if (body) {
        sscanf(resp, "HTTP/1.1 %d", &j->status);
        j->len = len - (size_t)(body + 4 - resp);
        j->xlsx = j->len >= 4 && !memcmp(body + 4, "PK\3\4", 4);
    }
    free(resp);
    j->done = 1;
    return NULL;
}

/* True when a report is being written somewhere below dir (the server's
 * $TMPDIR): its temporary workbook exists. */
static int writing_report(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    int found = 0;
    for (struct dirent *e; d && !found && (e = readdir(d));) {
        char sub[PATH_MAX];
        if (e->d_name[0] == '.')
            continue;
        snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
        found = strstr(e->d_name, "report.xlsx.tmp-") ||
                (depth > 0 && writing_report(sub, depth - 1));
    }
    if (d)
        closedir(d);
    return found;
}

/* Reports do not queue behind one another: while a large report (20,000
 * menu rows, seconds of writing) is being written, a small one is written
 * and sent. */
Test(serve_edges, a_small_report_does_not_wait_for_a_large_one)
{
    char *recipes = slurp("menus/recipes.csv"), *small_menu = slurp("menus/menu.csv");
    cr_assert(recipes && small_menu);
    static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri"};
    static const char *const meals[] = {"breakfast", "lunch", "snack", "dinner"};
    char *big_menu = malloc(64 + 20000 * 48), *p = big_menu;
    cr_assert(big_menu);
    p += sprintf(p, "week,day,meal,dish,portion_g\n");
    for (size_t i = 0; i < 20000; i++)
        p += sprintf(p, "%zu,%s,%s,Плов,250\n", i / 20 + 1, days[i / 4 % 5], meals[i % 4]);
    char *bodies[2];
    const char *menus[2] = {big_menu, small_menu};
    for (int k = 0; k < 2; k++) {
        json_t *req = json_pack("{s:s,s:s,s:[s],s:[s]}", "recipes", recipes, "menu",
                                menus[k], "standards", "us_dri", "groups", "7-11");
        bodies[k] = json_dumps(req, JSON_COMPACT);
        json_decref(req);
    }
    struct report_job big = {.body = bodies[0]}, small = {.body = bodies[1]};
    pthread_t tb, ts;
    cr_assert(pthread_create(&tb, NULL, post_report, &big) == 0);
    /* Once the large one is being written (at most 60 s). */
    for (int i = 0; i < 12000 && !writing_report(srv.tmp, 3); i++)
        usleep(5000);
    cr_assert(pthread_create(&ts, NULL, post_report, &small) == 0);
    pthread_join(ts, NULL);
    int big_done = big.done;
    pthread_join(tb, NULL);
    cr_expect(!big_done, "the small report waited for the large one");
    cr_expect_eq(small.status, 200);
    cr_expect_eq(big.status, 200);
    cr_expect(small.xlsx && big.xlsx && big.len > small.len);
    for (int k = 0; k < 2; k++)
        free(bodies[k]);
    free(big_menu);
    free(small_menu);
    free(recipes);
}

/* A workbook is not counted before it is read, but a menu of 20,001 rows
 * read from one is refused before it is checked and written as a report. */
Test(serve_edges, rows_of_a_workbook_are_bounded)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/mc-serve-big-%ld.xlsx", (long)getpid());
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    cr_assert(wb && ws);
    static const char *const head[] = {"week", "day", "meal", "dish", "portion_g"};
    static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri"};
    static const char *const meals[] = {"breakfast", "lunch", "snack", "dinner"};
    for (lxw_col_t c = 0; c < 5; c++)
        worksheet_write_string(ws, 0, c, head[c], NULL);
    for (lxw_row_t i = 0; i < 20001; i++) {
        worksheet_write_number(ws, i + 1, 0, i < 20000 ? i / 20 + 1 : 1, NULL);
        worksheet_write_string(ws, i + 1, 1, i < 20000 ? days[i / 4 % 5] : "Sat", NULL);
        worksheet_write_string(ws, i + 1, 2, meals[i % 4], NULL);
        worksheet_write_string(ws, i + 1, 3, "Плов", NULL);
        worksheet_write_number(ws, i + 1, 4, 250, NULL);
    }
    cr_assert_eq(workbook_close(wb), LXW_NO_ERROR);
    size_t n;
    char *xlsx = slurp_n(path, &n);
    unlink(path);
    char *recipes = slurp("menus/recipes.csv");
    cr_assert(xlsx && recipes);
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    fprintf(f, "--" MULTIPART_BOUNDARY "\r\nContent-Disposition: form-data; "
               "name=\"menu_file\"; filename=\"big.xlsx\"\r\n\r\n");
    fwrite(xlsx, 1, n, f);
    fputs("\r\n", f);
    size_t rest_len;
    char *rest = multipart(&rest_len, "recipes", NULL, recipes, "standard", NULL, "us_dri",
                           "group", NULL, "7-11", NULL);
    fwrite(rest, 1, rest_len, f);
    fclose(f);
    struct http_reply r;
    http(&srv, "POST", "/check?lang=en", MULTIPART_HEADER, body, len, &r);
    cr_expect_eq(r.status, 422);
    cr_expect(strstr(r.body, "big.xlsx[Sheet1]:20002: more than 20000 rows below the "
                             "header; mealcheck reads at most 20000 rows of this file"),
              "%s", r.body);
    http_free(&r);
    free(rest);
    free(body);
    free(recipes);
    free(xlsx);
}
