/*
 * fuzz_web_api.c - the JSON API's request parsing and answers, called as
 * the server calls them but without a socket: the input is a POST
 * /api/check body (first byte even) or, first byte odd, the q and limit
 * of GET /api/foods/search (split at the first newline).  Every answer
 * must be JSON that parses, with a message in every error.  The database
 * is MC_TEST_DB (default build/mealcheck.db); norm sets and cooking
 * profiles are the project's.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct web_app app;
static struct mc_food_db *db;
static int busy;

static void setup(void)
{
    struct mc_err err = {0};
    const char *path = getenv("MC_TEST_DB");
    pthread_mutex_init(&app.pool.mu, NULL);
    pthread_cond_init(&app.pool.free_cv, NULL);
    if (mc_standard_set_load("standards", &app.standards, &err) ||
        mc_cooking_set_load("food_composition/cooking", &app.cooking, &err) ||
        mc_food_db_open(path ? path : "build/mealcheck.db", &db, &err)) {
        fprintf(stderr, "%s", mc_err_text(&err) ? mc_err_text(&err) : "setup failed\n");
        abort();
    }
    app.pool.dbs = &db;
    app.pool.busy = &busy;
    app.pool.n = 1;
    /* The uploads' folder, left for the system's cleaning of /tmp: the
     * server removes each request's files itself. */
    snprintf(app.tmp_root, sizeof app.tmp_root, "/tmp/mc-fuzz-web-XXXXXX");
    if (!mkdtemp(app.tmp_root))
        abort();
}

/* An answer is JSON; an error answer names at least one message. */
static void check_answer(const struct web_response *r)
{
    if (!r->body)
        return;
    json_t *doc = json_loadb(r->body, r->len, 0, NULL);
    if (!doc)
        abort();
    json_t *errs = json_object_get(doc, "errors");
    if (r->status >= 400 && (!json_is_array(errs) || json_array_size(errs) == 0 ||
                             !json_string_length(json_array_get(errs, 0))))
        abort();
    json_decref(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!db)
        setup();
    if (size == 0)
        return 0;
    struct web_response r = {.fd = -1};
    if (data[0] % 2 == 0) {
        web_api_check(&app, (const char *)data + 1, size - 1, 0, &r);
    } else {
        char *text = malloc(size);
        if (!text)
            return 0;
        memcpy(text, data + 1, size - 1);
        text[size - 1] = '\0';
        char *nl = strchr(text, '\n');
        if (nl)
            *nl = '\0';
        web_api_foods(&app, text, nl ? nl + 1 : NULL, &r);
        free(text);
    }
    check_answer(&r);
    free(r.body);
    if (r.fd >= 0)
        close(r.fd);
    return 0;
}
