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

static int opt_port(const struct cli_option *o, const char *name, const char *v,
                    const char *u)
{
    (void)name;
    if (parse_uint(v, 0, 65535, o->target))
        return cli_usage_error(u, "--port: expected 0-65535, got '%s'", v);
    return 0;
}

/* A count from 1 to the option's arg: threads, connections, seconds. */
static int opt_count(const struct cli_option *o, const char *name, const char *v,
                     const char *u)
{
    if (parse_uint(v, 1, o->arg, o->target))
        return cli_usage_error(u, "%s: expected 1-%u, got '%s'", name, o->arg, v);
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
    const struct cli_option options[] = {
        CLI_OPT_CALL("--port", &cfg.port, opt_port, 0),
        CLI_OPT_CALL("--threads", &cfg.threads, opt_count, 64),
        CLI_OPT_CALL("--max-connections", &cfg.max_connections, opt_count, 10000),
        CLI_OPT_CALL("--max-per-ip", &cfg.max_per_ip, opt_count, 10000),
        CLI_OPT_CALL("--request-timeout", &cfg.request_timeout_s, opt_count, 3600),
        CLI_OPT_STRING("--listen", &cfg.listen),
        CLI_OPT_STRING("--audit", &cfg.audit),
        CLI_OPT_STRING("--recipes", &cfg.audit_recipes),
        CLI_OPT_END,
    };
    const struct cli_parser p = {.options = options, .usage = usage};
    int rc = cli_parse_options(&p, argc, argv, 1, NULL);
    if (rc >= 0)
        return rc;
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
    cli_warnings(&err); /* a book left out of /meal's dishes */
    printf("listening on http://%s:%u/\n", cfg.listen, web_server_port(s));
    fflush(stdout);
    int sig;
    sigwait(&stop, &sig);
    web_server_stop(s);
    return CLI_EXIT_OK;
}
