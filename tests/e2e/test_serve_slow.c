/*
 * test_serve_slow.c - `mealcheck serve` against slow clients (slowloris):
 * a request that keeps dripping bytes is cut at its deadline, though never
 * idle, and one address holding its share of connections does not keep an
 * ordinary request from another from being answered; the same holds on
 * every route (the sheet list, a school's day, a meal), and the cap on all
 * connections too.  Loopback only (127.0.0.2-5 are other addresses);
 * every loop is bounded in time.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "served.h"

static struct served srv;

static void start(void)
{
    static const char *const extra[] = {"--max-connections", "24", "--max-per-ip", "8",
                                        "--request-timeout", "2", "--audit",
                                        "menus/audit/schools.csv", "--recipes",
                                        "menus/recipes.csv", NULL};
    served_start(&srv, extra);
}

static void stop(void)
{
    served_stop(&srv);
}

TestSuite(serve_slow, .init = start, .fini = stop, .timeout = 120);

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* A connection from the loopback address from, with the start of a
 * request sent: line, or "GET / ..." when NULL. */
static int slow_request(const char *from, const char *line)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert(fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET};
    inet_pton(AF_INET, from, &a.sin_addr);
    cr_assert(bind(fd, (struct sockaddr *)&a, sizeof a) == 0, "bind: %s", strerror(errno));
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(srv.port)};
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert(connect(fd, (struct sockaddr *)&to, sizeof to) == 0, "connect: %s",
              strerror(errno));
    if (!line)
        line = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    cr_assert(send(fd, line, strlen(line), MSG_NOSIGNAL) == (ssize_t)strlen(line));
    return fd;
}

static int slow_client(const char *from)
{
    return slow_request(from, NULL);
}

/* How long a refused connection may take to be closed: under valgrind
 * the server is slow, but the wait stays below the 2 s request deadline,
 * which would close a held connection too. */
#define REFUSED_MS 1500

/* True when the server has closed fd (waits at most ms). */
static int closed_by_server(int fd, int ms)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    char c;
    return poll(&p, 1, ms) > 0 && recv(fd, &c, 1, MSG_DONTWAIT) <= 0;
}

/* A byte of a header every 200 ms is never idle for the 15 s timeout; the
 * 2 s deadline for the whole request cuts it. */
Test(serve_slow, a_dripping_request_is_cut_at_its_deadline)
{
    int fd = slow_client("127.0.0.1");
    double t0 = now(), cut = 0;
    while (now() - t0 < 8) {
        if (send(fd, "X", 1, MSG_NOSIGNAL) != 1 || closed_by_server(fd, 200)) {
            cut = now() - t0;
            break;
        }
    }
    close(fd);
    cr_expect(cut >= 1.5 && cut <= 4.5, "cut after %.1f s (0: never)", cut);
}

/* 20 connections from 127.0.0.2 (more than its 8) while an ordinary
 * request from 127.0.0.1 is answered at once, long before their
 * deadline frees anything. */
Test(serve_slow, one_address_does_not_hold_every_slot)
{
    int fds[20], held = 0;
    for (int i = 0; i < 20; i++)
        fds[i] = slow_client("127.0.0.2");
    for (int i = 0; i < 20; i++)
        held += !closed_by_server(fds[i], i < 8 ? 0 : REFUSED_MS);
    cr_expect_eq(held, 8, "127.0.0.2 holds %d connections", held);
    double t0 = now();
    struct http_reply r;
    http(&srv, "GET", "/api/standards", NULL, NULL, 0, &r);
    double took = now() - t0;
    cr_expect_eq(r.status, 200);
    cr_expect(took < 1.0, "answered after %.2f s", took);
    http_free(&r);
    for (int i = 0; i < 20; i++)
        close(fds[i]);
}

/* An ordinary request is not cut by the deadline once it is all in: a
 * check answered slowly is still answered.  And a keep-alive connection's
 * next request starts its own clock. */
Test(serve_slow, complete_requests_are_not_cut)
{
    int fd = served_connect(&srv);
    static const char req[] = "GET /api/standards HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    for (int round = 0; round < 2; round++) {
        cr_assert(send(fd, req, sizeof req - 1, MSG_NOSIGNAL) == (ssize_t)sizeof req - 1);
        char buf[8192];
        ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
        cr_assert(n > 0, "round %d: no answer", round);
        buf[n] = '\0';
        cr_expect(!strncmp(buf, "HTTP/1.1 200 ", 13), "%s", buf);
        /* Longer than the deadline between the two requests: only the idle
         * timeout (15 s) applies to a connection between requests. */
        if (!round)
            usleep(2500 * 1000);
    }
    close(fd);
}

/* The deadline on the new routes: a sheet list whose body drips (its
 * headers all in), and a school's day and a meal whose headers drip. */
Test(serve_slow, new_routes_are_cut_at_their_deadline)
{
    static const char *const starts[] = {
        "POST /api/workbook/sheets HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000"
        "\r\n\r\nPK",
        "GET /today?school=ALM-001 HTTP/1.1\r\nHost: 127.0.0.1\r\n",
        "GET /api/meal?d0=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"};
    for (size_t i = 0; i < sizeof starts / sizeof *starts; i++) {
        int fd = slow_request("127.0.0.1", starts[i]);
        double t0 = now(), cut = 0;
        while (now() - t0 < 8) {
            if (send(fd, "X", 1, MSG_NOSIGNAL) != 1 || closed_by_server(fd, 200)) {
                cut = now() - t0;
                break;
            }
        }
        close(fd);
        cr_expect(cut >= 1.5 && cut <= 4.5, "%.40s: cut after %.1f s (0: never)", starts[i],
                  cut);
    }
}

/* The caps on the new routes: 8 per address, 24 in all.  127.0.0.2 opens
 * 10 sheet lists and keeps 8; .3 and .4 fill the other 16 slots.  Past the
 * cap libmicrohttpd accepts no more: a 25th connection's complete request
 * (a school's day) waits in the listen queue, unanswered, until slots free. */
Test(serve_slow, connection_caps_on_new_routes)
{
    static const char start_line[] = "POST /api/workbook/sheets HTTP/1.1\r\nHost: 127.0.0.1"
                                     "\r\nContent-Length: 100000\r\n\r\nPK";
    int fds[26], n = 0, held = 0;
    for (int i = 0; i < 10; i++)
        fds[n++] = slow_request("127.0.0.2", start_line);
    for (int i = 0; i < 10; i++)
        held += !closed_by_server(fds[i], i < 8 ? 0 : REFUSED_MS);
    cr_expect_eq(held, 8, "127.0.0.2 holds %d connections", held);
    for (int i = 0; i < 16; i++)
        fds[n++] = slow_request(i < 8 ? "127.0.0.3" : "127.0.0.4", start_line);
    for (int i = 10; i < n; i++)
        cr_expect(!closed_by_server(fds[i], 0), "connection %d was refused", i);
    int fd = slow_request("127.0.0.5", "GET /today?school=ALM-001&date=2026-09-08 HTTP/1.1"
                                       "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    struct pollfd p = {.fd = fd, .events = POLLIN};
    cr_expect_eq(poll(&p, 1, 1000), 0, "a 25th connection was answered");
    for (int i = 0; i < n; i++)
        close(fds[i]);
    double t0 = now();
    char buf[64] = "";
    cr_expect(poll(&p, 1, 5000) > 0 && recv(fd, buf, sizeof buf - 1, 0) > 0,
              "the 25th was not answered once slots were free");
    cr_expect(!strncmp(buf, "HTTP/1.1 200 ", 13), "%s", buf);
    cr_expect(now() - t0 < 5);
    close(fd);
}
