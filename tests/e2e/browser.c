/*
 * browser.c - headless Chromium over the DevTools pipe (see browser.h).
 */
#include "browser.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void send_msg(struct browser *b, json_t *msg)
{
    char *text = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    cr_assert(text);
    size_t n = strlen(text) + 1, done = 0; /* the NUL ends the message */
    while (done < n) {
        ssize_t w = write(b->to, text + done, n - done);
        cr_assert(w > 0 || errno == EINTR, "chromium pipe: %s", strerror(errno));
        done += w > 0 ? (size_t)w : 0;
    }
    free(text);
}

/* The next message from the browser, within the deadline. */
static json_t *next_msg(struct browser *b, time_t deadline)
{
    for (;;) {
        char *end = b->len ? memchr(b->buf, '\0', b->len) : NULL;
        if (end) {
            json_error_t e;
            json_t *msg = json_loadb(b->buf, (size_t)(end - b->buf), 0, &e);
            cr_assert(msg, "chromium sent bad JSON: %s", e.text);
            b->len -= (size_t)(end - b->buf) + 1;
            memmove(b->buf, end + 1, b->len);
            const char *method = json_string_value(json_object_get(msg, "method"));
            if (method && !strcmp(method, "Page.loadEventFired"))
                b->loads++;
            return msg;
        }
        struct pollfd p = {.fd = b->from, .events = POLLIN};
        int left = (int)(deadline - time(NULL));
        cr_assert(left > 0 && poll(&p, 1, left * 1000) > 0, "chromium did not answer");
        if (b->cap - b->len < 65536) {
            b->cap = b->cap ? b->cap * 2 : 1 << 20;
            b->buf = realloc(b->buf, b->cap);
            cr_assert(b->buf);
        }
        ssize_t n = read(b->from, b->buf + b->len, b->cap - b->len);
        cr_assert(n > 0, "chromium closed its pipe");
        b->len += (size_t)n;
    }
}

static json_t *call(struct browser *b, const char *session, const char *method,
                    json_t *params)
{
    int id = ++b->next_id;
    json_t *msg = json_pack("{s:i,s:s,s:o}", "id", id, "method", method, "params",
                            params ? params : json_object());
    if (session)
        json_object_set_new(msg, "sessionId", json_string(session));
    send_msg(b, msg);
    time_t deadline = time(NULL) + 60;
    for (;;) {
        json_t *m = next_msg(b, deadline);
        if (json_integer_value(json_object_get(m, "id")) != id) {
            json_decref(m);
            continue;
        }
        json_t *error = json_object_get(m, "error");
        cr_assert(!error, "%s: %s", method,
                  json_string_value(json_object_get(error, "message")));
        json_t *result = json_incref(json_object_get(m, "result"));
        json_decref(m);
        return result;
    }
}

json_t *browser_call(struct browser *b, const char *method, json_t *params)
{
    return call(b, b->session, method, params);
}

void browser_open(struct browser *b)
{
    memset(b, 0, sizeof *b);
    snprintf(b->profile, sizeof b->profile, "/tmp/mc-chromium-XXXXXX");
    cr_assert(mkdtemp(b->profile));
    char profile_arg[96];
    snprintf(profile_arg, sizeof profile_arg, "--user-data-dir=%s", b->profile);
    char *argv[] = {
        (char *)"timeout", (char *)"-k", (char *)"5", (char *)"150", (char *)"chromium",
        (char *)"--headless", (char *)"--no-sandbox", (char *)"--disable-gpu",
        (char *)"--disable-quic", (char *)"--no-first-run",
        (char *)"--disable-background-networking", (char *)"--disable-component-update",
        (char *)"--disable-sync", (char *)"--hide-scrollbars", profile_arg,
        (char *)"--remote-debugging-pipe", (char *)"about:blank", NULL};
    int in[2], out[2];
    cr_assert(pipe(in) == 0 && pipe(out) == 0);
    /* Keep the ends away from 3 and 4, where the browser wants them. */
    int ends[4] = {fcntl(in[0], F_DUPFD, 10), fcntl(in[1], F_DUPFD, 10),
                   fcntl(out[0], F_DUPFD, 10), fcntl(out[1], F_DUPFD, 10)};
    close(in[0]), close(in[1]), close(out[0]), close(out[1]);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, ends[0], 3);
    posix_spawn_file_actions_adddup2(&fa, ends[3], 4);
    for (int i = 0; i < 4; i++)
        posix_spawn_file_actions_addclose(&fa, ends[i]);
    int rc = posix_spawnp(&b->pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(ends[0]);
    close(ends[3]);
    b->to = ends[1];
    b->from = ends[2];
    cr_assert(rc == 0, "cannot run chromium");
    signal(SIGPIPE, SIG_IGN);

    json_t *t = call(b, NULL, "Target.createTarget", json_pack("{s:s}", "url", "about:blank"));
    json_t *s = call(b, NULL, "Target.attachToTarget",
                     json_pack("{s:O,s:b}", "targetId", json_object_get(t, "targetId"),
                               "flatten", 1));
    snprintf(b->session, sizeof b->session, "%s",
             json_string_value(json_object_get(s, "sessionId")));
    json_decref(t);
    json_decref(s);
    json_decref(browser_call(b, "Page.enable", NULL));
    json_decref(browser_call(b, "Emulation.setDeviceMetricsOverride",
                             json_pack("{s:i,s:i,s:i,s:b}", "width", 1280, "height", 2400,
                                       "deviceScaleFactor", 1, "mobile", 0)));
}

void browser_wait_load(struct browser *b, int n)
{
    time_t deadline = time(NULL) + 60;
    while (b->loads < n)
        json_decref(next_msg(b, deadline));
}

json_t *browser_eval(struct browser *b, const char *js)
{
    json_t *r = browser_call(b, "Runtime.evaluate",
                             json_pack("{s:s,s:b}", "expression", js, "returnByValue", 1));
    json_t *exc = json_object_get(r, "exceptionDetails");
    cr_assert(!exc, "%s: %s", js, json_string_value(json_object_get(exc, "text")));
    json_t *v = json_incref(json_object_get(json_object_get(r, "result"), "value"));
    json_decref(r);
    return v;
}

void browser_choose_file(struct browser *b, const char *selector, const char *path)
{
    char abs[PATH_MAX];
    cr_assert(realpath(path, abs), "%s", path);
    json_t *doc = browser_call(b, "DOM.getDocument", NULL);
    json_t *q = browser_call(b, "DOM.querySelector", json_pack(
        "{s:O,s:s}", "nodeId", json_object_get(json_object_get(doc, "root"), "nodeId"),
        "selector", selector));
    cr_assert(json_integer_value(json_object_get(q, "nodeId")) > 0, "no %s", selector);
    json_decref(browser_call(b, "DOM.setFileInputFiles", json_pack(
        "{s:[s],s:O}", "files", abs, "nodeId", json_object_get(q, "nodeId"))));
    json_decref(q);
    json_decref(doc);
}

static int b64(int c)
{
    const char *set = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *p = c ? strchr(set, c) : NULL;
    return p ? (int)(p - set) : -1;
}

void browser_screenshot(struct browser *b, const char *path)
{
    json_t *r = browser_call(b, "Page.captureScreenshot", json_pack("{s:s}", "format", "png"));
    const char *data = json_string_value(json_object_get(r, "data"));
    cr_assert(data);
    FILE *f = fopen(path, "wb");
    cr_assert(f, "%s", path);
    unsigned acc = 0;
    int bits = 0;
    for (const char *p = data; *p; p++) {
        int v = b64(*p);
        if (v < 0)
            continue; /* padding */
        acc = acc << 6 | (unsigned)v;
        if ((bits += 6) >= 8) {
            bits -= 8;
            fputc((int)(acc >> bits & 0xff), f);
        }
    }
    cr_assert(fclose(f) == 0);
    json_decref(r);
}

int browser_axe(struct browser *b, const char *what)
{
    json_t *have = browser_eval(b, "typeof axe !== 'undefined'");
    if (!json_is_true(have)) {
        const char *path = getenv("MC_AXE");
        char *axe = NULL;
        size_t n = 0;
        FILE *f = fopen(path && *path ? path : "build/a11y/node_modules/axe-core/axe.min.js",
                        "rb");
        cr_assert(f, "no axe-core: run make test (it installs tools/a11y), or set MC_AXE");
        FILE *m = open_memstream(&axe, &n);
        char chunk[65536];
        for (size_t k; (k = fread(chunk, 1, sizeof chunk, f)) > 0;)
            fwrite(chunk, 1, k, m);
        fclose(f);
        fclose(m);
        json_decref(browser_eval(b, axe));
        free(axe);
    }
    json_decref(have);
    json_t *r = browser_call(b, "Runtime.evaluate", json_pack(
        "{s:s,s:b,s:b}", "expression",
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.filter("
        "v => v.impact === 'serious' || v.impact === 'critical').map(v => ({id: v.id, "
        "impact: v.impact, help: v.help, url: v.helpUrl, nodes: v.nodes.map(n => "
        "n.target.join(' '))})))",
        "returnByValue", 1, "awaitPromise", 1));
    json_t *exc = json_object_get(r, "exceptionDetails");
    cr_assert(!exc, "axe.run: %s", json_string_value(json_object_get(exc, "text")));
    json_t *list = json_object_get(json_object_get(r, "result"), "value");
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) {
        size_t k;
        json_t *node;
        json_array_foreach(json_object_get(v, "nodes"), k, node)
            cr_expect_fail("%s: %s (%s): %s: %s; %s", what,
                           json_string_value(json_object_get(v, "id")),
                           json_string_value(json_object_get(v, "impact")),
                           json_string_value(node), json_string_value(json_object_get(v, "help")),
                           json_string_value(json_object_get(v, "url")));
    }
    int count = (int)json_array_size(list);
    json_decref(r);
    return count;
}

void browser_close(struct browser *b)
{
    json_t *msg = json_pack("{s:i,s:s,s:{}}", "id", ++b->next_id, "method", "Browser.close",
                            "params");
    send_msg(b, msg);
    close(b->to);
    close(b->from);
    int st;
    waitpid(b->pid, &st, 0);
    free(b->buf);
    char rm[96];
    snprintf(rm, sizeof rm, "rm -rf %s", b->profile);
    cr_expect(system(rm) == 0);
}
