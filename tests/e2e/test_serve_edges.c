/*
 * test_serve_edges.c - `mealcheck serve` against requests that try to
 * smuggle a second request past it (RFC 9112 §6.1, §6.3): they are
 * answered 400 once and the connection is closed, so the bytes after the
 * body are never answered as a request of their own.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

TestSuite(serve_edges, .init = start, .fini = stop, .timeout = 120);

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
                           "text\",\"menu: expected the menu as CSV text\"]}"), "%s", resp);
    cr_expect_eq(answers(resp), 2, "%s", resp);
    cr_expect(strstr(resp, "\"ru_sanpin_3590_20\""), "%s", resp);
    free(resp);
}
