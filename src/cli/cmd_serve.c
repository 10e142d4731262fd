/*
 * cmd_serve.c - `mealcheck serve`: the web pages and the JSON API
 * (docs/api.md) until SIGINT or SIGTERM.  The server is src/web/.
 */
#include "cli.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "../web/web.h"

static const char usage[] =
    "usage: mealcheck serve [--port N] [--listen ADDR] [--threads N]\n"
    "                       [--audit MANIFEST.csv [--recipes FILE]]\n"
    "  --port N       TCP port (default 8080; 0: any free port)\n"
    "  --listen ADDR  IPv4 address to listen on (default 127.0.0.1; 0.0.0.0: all)\n"
    "  --threads N    worker threads, 1-64 (default 4)\n"
    "  --audit M      the schools of an audit manifest (as `mealcheck audit` reads\n"
    "                 it) can be chosen on the page and are listed by /api/schools\n"
    "  --recipes FILE the book of the manifest's schools that name none\n"
    "  --max-connections N  connections open at once, 1-10000 (default 1000)\n"
    "  --max-per-ip N   connections from one address, 1-10000 (default 100)\n"
    "  --request-timeout S  seconds a request may take to arrive, headers and\n"
    "                 body, 1-3600 (default 60); an idle one is cut after 15\n"
    "  The first line printed is 'listening on http://ADDR:PORT/'.  Uploads are\n"
    "  limited to 2 MB; the food database is opened read-only.\n";

static int parse_uint(const char *text, unsigned lo, unsigned hi, unsigned *out)
{
    char *end;
    unsigned long v = strtoul(text, &end, 10);
    if (!*text || *end || text[0] == '-' || v < lo || v > hi)
        return -1;
    *out = (unsigned)v;
    return 0;
}

int cmd_serve(int argc, char **argv, struct cli_ctx *ctx)
{
    char sample_dir[4200];
    snprintf(sample_dir, sizeof sample_dir, "%s/menus", ctx->home);
    struct web_config cfg = {
        .listen = "127.0.0.1", .port = 8080, .threads = 4, .timeout_s = 15,
        .max_connections = 1000, .max_per_ip = 100, .request_timeout_s = 60,
        .db_path = ctx->db_path,
        .standards_dir = ctx->standards_dir, .cooking_dir = ctx->cooking_dir,
        .sample_dir = sample_dir, .locale_dir = ctx->locale_dir,
    };
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
            fputs(usage, stdout);
            return CLI_EXIT_OK;
        }
        if (i + 1 >= argc)
            return cli_usage_error(usage, o[0] == '-' ? "option '%s' needs a value"
                                                      : "unexpected argument '%s'", o);
        const char *v = argv[++i];
        if (!strcmp(o, "--port")) {
            if (parse_uint(v, 0, 65535, &cfg.port))
                return cli_usage_error(usage, "--port: expected 0-65535, got '%s'", v);
        } else if (!strcmp(o, "--threads")) {
            if (parse_uint(v, 1, 64, &cfg.threads))
                return cli_usage_error(usage, "--threads: expected 1-64, got '%s'", v);
        } else if (!strcmp(o, "--max-connections")) {
            if (parse_uint(v, 1, 10000, &cfg.max_connections))
                return cli_usage_error(usage, "--max-connections: expected 1-10000, "
                                       "got '%s'", v);
        } else if (!strcmp(o, "--max-per-ip")) {
            if (parse_uint(v, 1, 10000, &cfg.max_per_ip))
                return cli_usage_error(usage, "--max-per-ip: expected 1-10000, got '%s'",
                                       v);
        } else if (!strcmp(o, "--request-timeout")) {
            if (parse_uint(v, 1, 3600, &cfg.request_timeout_s))
                return cli_usage_error(usage, "--request-timeout: expected 1-3600, "
                                       "got '%s'", v);
        } else if (!strcmp(o, "--listen")) {
            cfg.listen = v;
        } else if (!strcmp(o, "--audit")) {
            cfg.audit = v;
        } else if (!strcmp(o, "--recipes")) {
            cfg.audit_recipes = v;
        } else {
            return cli_usage_error(usage, "unknown option '%s'", o);
        }
    }
    /* Worker threads inherit the mask: only sigwait() below sees these. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct mc_err err = {0};
    struct web_server *s;
    if (web_server_start(&cfg, &s, &err))
        return cli_fail(&err);
    printf("listening on http://%s:%u/\n", cfg.listen, web_server_port(s));
    fflush(stdout);
    int sig;
    sigwait(&stop, &sig);
    web_server_stop(s);
    return CLI_EXIT_OK;
}
