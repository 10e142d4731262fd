/*
 * fuzz_web_form.c - the web form's multipart body (POST /check), parsed by
 * libmicrohttpd's post processor on a connection, then by src/web: the
 * fields, the uploads (CSV or .xlsx), the groups and shares split from
 * them, and the page answered.  The post processor needs a connection, so
 * the server runs in this process on a loopback port and each input is
 * sent as the body of one request.  An answer is HTTP with a status below
 * 500.  Database: MC_TEST_DB (default build/mealcheck.db).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "../../src/web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct web_server *server;

static void stop(void)
{
    web_server_stop(server);
}

static void setup(void)
{
    const char *db = getenv("MC_TEST_DB");
    struct web_config cfg = {
        .listen = "127.0.0.1", .port = 0, .threads = 1, .timeout_s = 5,
        .max_connections = 256, .db_path = db ? db : "build/mealcheck.db",
        .standards_dir = "standards", .cooking_dir = "food_composition/cooking",
    };
    struct mc_err err = {0};
    if (web_server_start(&cfg, &server, &err)) {
        fprintf(stderr, "%s", mc_err_text(&err) ? mc_err_text(&err) : "cannot start the server\n");
        abort();
    }
    atexit(stop);
}

static void send_all(int fd, const void *p, size_t n)
{
    for (const char *c = p; n;) {
        ssize_t w = write(fd, c, n);
        if (w <= 0)
            return; /* the server may answer (413, 400) before reading all */
        c += w;
        n -= (size_t)w;
    }
}

/* Send one request with the input as its body; the start of the answer
 * goes to reply ("" when the connection closed without one). */
static void post(const uint8_t *data, size_t size, char *reply, size_t cap)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((uint16_t)web_server_port(server)),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    struct timeval tv = {.tv_sec = 20};
    /* Closed with a reset, so that thousands of runs a minute leave no
     * ports waiting (TIME_WAIT) until none is left. */
    struct linger reset = {.l_onoff = 1, .l_linger = 0};
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) ||
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset))
        abort();
    for (int i = 0; connect(fd, (struct sockaddr *)&a, sizeof a); i++) {
        if (i == 100) {
            perror("connect");
            abort();
        }
        usleep(10000);
    }
    char head[256];
    int n = snprintf(head, sizeof head, "POST /check?lang=en HTTP/1.1\r\nHost: fuzz\r\n"
                     "Connection: close\r\nContent-Type: multipart/form-data; "
                     "boundary=XyZ\r\nContent-Length: %zu\r\n\r\n", size);
    send_all(fd, head, (size_t)n);
    send_all(fd, data, size);
    size_t got = 0;
    ssize_t r;
    while (got < cap - 1 && (r = read(fd, reply + got, cap - 1 - got)) > 0)
        got += (size_t)r;
    reply[got] = '\0';
    char drain[4096];
    while (read(fd, drain, sizeof drain) > 0)
        ;
    close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!server)
        setup();
    char reply[64];
    /* A connection closed unanswered is tried again: the server may still
     * be releasing the previous ones (its connection limit). */
    for (int i = 0; i < 3; i++) {
        post(data, size, reply, sizeof reply);
        if (*reply)
            break;
        usleep(20000);
    }
    int status = 0;
    if (sscanf(reply, "HTTP/1.1 %d", &status) != 1 || status >= 500) {
        fprintf(stderr, "answer: %s\n", reply);
        abort();
    }
    return 0;
}
