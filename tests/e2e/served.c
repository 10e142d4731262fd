/*
 * served.c - a mealcheck server per test, and a loopback HTTP client.
 */
#include "served.h"

#include "harness.h"

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <xlsxwriter.h>
#include <unistd.h>

extern char **environ;

void served_start(struct served *s, const char *const *extra)
{
    snprintf(s->tmp, sizeof s->tmp, "/tmp/mc-serve-test-XXXXXX");
    cr_assert(mkdtemp(s->tmp), "mkdtemp");
    char *argv[32], wrapper[1024];
    int argc = mc_argv(argv, wrapper, sizeof wrapper, 1);
    argv[argc++] = (char *)"serve";
    argv[argc++] = (char *)"--port";
    argv[argc++] = (char *)"0";
    for (; extra && *extra && argc < 31; extra++)
        argv[argc++] = (char *)*extra;
    argv[argc] = NULL;

    /* The environment with TMPDIR replaced. */
    size_t n = 0;
    while (environ[n])
        n++;
    char **env = calloc(n + 2, sizeof *env), tmpdir[96];
    cr_assert(env);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "TMPDIR=", 7))
            env[k++] = environ[i];
    snprintf(tmpdir, sizeof tmpdir, "TMPDIR=%s", s->tmp);
    env[k++] = tmpdir;

    int out[2];
    cr_assert(pipe(out) == 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addclose(&fa, out[0]);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", 0, 0);
    int rc = posix_spawnp(&s->pid, argv[0], &fa, NULL, argv, env);
    posix_spawn_file_actions_destroy(&fa);
    free(env);
    close(out[1]);
    cr_assert(rc == 0, "cannot run %s", argv[0]);

    char line[256];
    size_t len = 0;
    struct pollfd p = {.fd = out[0], .events = POLLIN};
    while (len < sizeof line - 1 && !memchr(line, '\n', len) && poll(&p, 1, 60000) > 0) {
        ssize_t got = read(out[0], line + len, sizeof line - 1 - len);
        if (got <= 0)
            break;
        len += (size_t)got;
    }
    close(out[0]);
    line[len] = '\0';
    cr_assert(sscanf(line, "listening on http://127.0.0.1:%u/", &s->port) == 1,
              "the server did not start: '%s'", line);
}

void served_stop(struct served *s)
{
    kill(s->pid, SIGTERM);
    int st;
    cr_assert(waitpid(s->pid, &st, 0) == s->pid);
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "serve ended with status %d", st);
    /* Nothing of any upload or report is left behind. */
    DIR *d = opendir(s->tmp);
    cr_assert(d);
    struct dirent *e;
    while ((e = readdir(d)))
        cr_expect(!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."),
                  "left in TMPDIR: %s", e->d_name);
    closedir(d);
    rmdir(s->tmp);
}

static void grow(char **buf, size_t *len, size_t *cap, const char *data, size_t n)
{
    if (*len + n + 1 > *cap) {
        while (*len + n + 1 > *cap)
            *cap = *cap ? *cap * 2 : 65536;
        *buf = realloc(*buf, *cap);
        cr_assert(*buf);
    }
    memcpy(*buf + *len, data, n);
    *len += n;
    (*buf)[*len] = '\0';
}

int served_connect(const struct served *s)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert(fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(s->port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert(connect(fd, (struct sockaddr *)&a, sizeof a) == 0, "connect: %s",
              strerror(errno));
    return fd;
}

char *http_raw(const struct served *s, const char *req, size_t len, int quiet_ms,
               int *closed)
{
    int fd = served_connect(s);
    for (size_t sent = 0; sent < len;) {
        ssize_t n = send(fd, req + sent, len - sent, MSG_NOSIGNAL);
        if (n <= 0)
            break; /* the server closed early: what it said is still read */
        sent += (size_t)n;
    }
    char *resp = NULL, chunk[65536];
    size_t rlen = 0, cap = 0;
    grow(&resp, &rlen, &cap, "", 0);
    *closed = 0;
    struct pollfd p = {.fd = fd, .events = POLLIN};
    while (poll(&p, 1, quiet_ms) > 0) {
        ssize_t n = recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) {
            *closed = 1;
            break;
        }
        grow(&resp, &rlen, &cap, chunk, (size_t)n);
    }
    close(fd);
    return resp;
}

void http(struct served *s, const char *method, const char *path,
          const char *headers, const char *body, size_t len,
          struct http_reply *out)
{
    memset(out, 0, sizeof *out);
    int fd = served_connect(s);
    char *req = NULL;
    size_t rlen = 0, rcap = 0;
    char line[512];
    snprintf(line, sizeof line, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                "Connection: close\r\n", method, path);
    grow(&req, &rlen, &rcap, line, strlen(line));
    if (headers)
        grow(&req, &rlen, &rcap, headers, strlen(headers));
    if (body) {
        snprintf(line, sizeof line, "Content-Length: %zu\r\n", len);
        grow(&req, &rlen, &rcap, line, strlen(line));
    }
    grow(&req, &rlen, &rcap, "\r\n", 2);
    if (body && len)
        grow(&req, &rlen, &rcap, body, len);

    /* Send until done, or until the server answers before the body is in. */
    size_t sent = 0;
    time_t until = time(NULL) + 60;
    while (sent < rlen && time(NULL) < until) {
        struct pollfd p = {.fd = fd, .events = POLLIN | POLLOUT};
        if (poll(&p, 1, 1000) <= 0)
            continue;
        if (p.revents & (POLLIN | POLLERR | POLLHUP))
            break;
        ssize_t n = send(fd, req + sent, rlen - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno != EAGAIN && errno != EINTR)
            break;
        sent += n > 0 ? (size_t)n : 0;
    }
    free(req);

    char *resp = NULL, chunk[65536];
    size_t len_r = 0, cap_r = 0;
    struct timeval tv = {.tv_sec = 60};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ssize_t n;
    while ((n = recv(fd, chunk, sizeof chunk, 0)) > 0)
        grow(&resp, &len_r, &cap_r, chunk, (size_t)n);
    close(fd);
    cr_assert(resp, "no answer to %s %s", method, path);
    char *end = strstr(resp, "\r\n\r\n");
    cr_assert(end, "no end of headers: %s", resp);
    *end = '\0';
    out->head = resp;
    out->body = end + 4;
    out->len = len_r - (size_t)(out->body - resp);
    sscanf(resp, "HTTP/1.1 %d", &out->status);
}

void http_free(struct http_reply *r)
{
    free(r->head);
    memset(r, 0, sizeof *r);
}

const char *http_header(const struct http_reply *r, const char *name, char *buf,
                        size_t size)
{
    size_t n = strlen(name);
    for (const char *p = strstr(r->head, "\r\n"); p; p = strstr(p + 2, "\r\n"))
        if (!strncasecmp(p + 2, name, n) && p[2 + n] == ':') {
            const char *v = p + 3 + n + strspn(p + 3 + n, " ");
            snprintf(buf, size, "%.*s", (int)strcspn(v, "\r"), v);
            return buf;
        }
    *buf = '\0';
    return buf;
}

char *multipart(size_t *len, ...)
{
    char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    va_list ap;
    va_start(ap, len);
    const char *name;
    char head[512];
    while ((name = va_arg(ap, const char *))) {
        const char *file = va_arg(ap, const char *), *value = va_arg(ap, const char *);
        if (file)
            snprintf(head, sizeof head, "--" MULTIPART_BOUNDARY "\r\nContent-Disposition: "
                     "form-data; name=\"%s\"; filename=\"%s\"\r\nContent-Type: text/csv"
                     "\r\n\r\n", name, file);
        else
            snprintf(head, sizeof head, "--" MULTIPART_BOUNDARY "\r\nContent-Disposition: "
                     "form-data; name=\"%s\"\r\n\r\n", name);
        grow(&buf, len, &cap, head, strlen(head));
        grow(&buf, len, &cap, value, strlen(value));
        grow(&buf, len, &cap, "\r\n", 2);
    }
    va_end(ap);
    grow(&buf, len, &cap, "--" MULTIPART_BOUNDARY "--\r\n", strlen(MULTIPART_BOUNDARY) + 6);
    return buf;
}

/* The row attributes page.c writes for an item of a check result. */
static void item_key(char *buf, size_t size, const char *std, const char *group,
                     json_t *item)
{
    json_t *meal = json_object_get(item, "meal");
    json_t *value = json_object_get(json_object_get(item, "average"), "value");
    char num[64];
    snprintf(num, sizeof num, "%.17g", json_is_number(value) ? json_number_value(value)
                                                             : (double)NAN);
    snprintf(buf, size, "data-standard=\"%s\" data-group=\"%s\" data-nutrient=\"%s\" "
             "data-measure=\"%s\" data-meal=\"%s\" data-value=\"%s\"", std, group,
             json_string_value(json_object_get(item, "nutrient")),
             json_string_value(json_object_get(item, "measure")),
             json_is_string(meal) ? json_string_value(meal) : "", num);
}

size_t expect_page_is_check(const char *page, const char *cli_json)
{
    json_t *doc = json_loads(cli_json, 0, NULL);
    cr_assert(doc, "not JSON: %s", cli_json);
    char want[64];
    snprintf(want, sizeof want, "data-complies=\"%s\"",
             json_is_true(json_object_get(doc, "complies")) ? "true" : "false");
    cr_expect(strstr(page, want), "no %s in the page", want);
    size_t i, k, rows = 0;
    json_t *res, *item;
    json_array_foreach(json_object_get(doc, "results"), i, res) {
        const char *std = json_string_value(json_object_get(res, "standard"));
        const char *group = json_string_value(json_object_get(res, "group"));
        json_array_foreach(json_object_get(res, "items"), k, item) {
            char key[512];
            item_key(key, sizeof key, std, group, item);
            cr_expect(strstr(page, key), "the page lacks %s", key);
            rows++;
        }
    }
    json_decref(doc);
    return rows;
}

/* A CSV file without quotes as a sheet, every cell a string, empty cells
 * left empty. */
static void put_sheet(lxw_workbook *wb, const char *name, const char *path)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    char *csv = slurp(path);
    cr_assert(ws && csv);
    int row = 0;
    for (char *save = NULL, *line = strtok_r(csv, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save), row++) {
        int col = 0;
        for (char *cell; (cell = strsep(&line, ",")) != NULL; col++)
            if (*cell)
                worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, cell, NULL);
    }
    free(csv);
}

char *workbook_of(const char *path, size_t *len, ...)
{
    char tmp[64];
    if (!path) {
        snprintf(tmp, sizeof tmp, "/tmp/mc-serve-book-%ld.xlsx", (long)getpid());
        path = tmp;
    }
    lxw_workbook *wb = workbook_new(path);
    cr_assert(wb);
    va_list ap;
    va_start(ap, len);
    for (const char *name; (name = va_arg(ap, const char *)) != NULL;)
        put_sheet(wb, name, va_arg(ap, const char *));
    va_end(ap);
    cr_assert_eq(workbook_close(wb), LXW_NO_ERROR);
    FILE *f = fopen(path, "rb");
    cr_assert(f);
    char *data = malloc(1 << 21);
    *len = fread(data, 1, 1 << 21, f);
    fclose(f);
    if (path == tmp)
        unlink(path);
    return data;
}

char *sample_workbook(size_t *len)
{
    return workbook_of(NULL, len, "Меню", "menus/menu.csv", "Техкарты", "menus/recipes.csv",
                       NULL);
}
