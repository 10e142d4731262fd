/*
 * web.h - `mealcheck serve`: the web pages and the JSON API (docs/api.md)
 * over libmicrohttpd.  Private to the tool: src/cli/cmd_serve.c starts the
 * server, the rest of src/web/ answers requests.
 *
 * Safety rules every file here keeps: nothing a request says is ever used
 * as a file path (uploads go to files the server names itself, in a
 * private temporary folder); bodies are bounded (WEB_MAX_BODY, else 413);
 * every user string written into HTML goes through web_html(); the food
 * database is opened read-only, one handle per worker thread.
 */
#ifndef MEALCHECK_WEB_H
#define MEALCHECK_WEB_H

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

#include "mealcheck/check.h"
#include "mealcheck/cooking.h"
#include "mealcheck/error.h"
#include "mealcheck/food_db.h"
#include "mealcheck/json.h"
#include "mealcheck/manifest.h"
#include "mealcheck/menu.h"
#include "mealcheck/recipe.h"
#include "mealcheck/session.h"
#include "mealcheck/standard.h"
#include "mealcheck/suggest.h"

/** The largest request body accepted (an upload, a JSON request): 2 MiB. */
#define WEB_MAX_BODY (2u * 1024 * 1024)

/** The most rows and cells of one uploaded CSV file (a book or a menu) a
 * request may have read: a 600,000-row menu fits in WEB_MAX_BODY and
 * would hold a worker for half a minute and gigabytes; 20,000 rows take
 * about 3 s.  The CLI has no such limit. */
#define WEB_MAX_ROWS 20000
#define WEB_MAX_CELLS 400000

/** The most bytes of one short field of a posted form or multipart API
 * request (a name, a sheet, a norm set); the parts that carry a book, a
 * menu or a workbook may fill the body. */
#define WEB_MAX_FIELD 4096u

/** Norm sets, groups and meal shares one check may name. */
#define WEB_MAX_ARGS 16

/** How the server is run (`mealcheck serve` options). */
struct web_config {
    const char *listen;        /**< IPv4 address to bind, "127.0.0.1" by default */
    unsigned port;             /**< 0: any free port (printed at start) */
    unsigned threads;          /**< worker threads, fixed; one database handle each */
    unsigned timeout_s;        /**< an idle connection is closed after this */
    unsigned request_timeout_s;/**< a request not all in (headers and body)
                                    this long after it began is cut off */
    unsigned max_connections;  /**< connections beyond this are refused */
    unsigned max_per_ip;       /**< connections from one address beyond this
                                    are refused */
    const char *db_path;
    const char *standards_dir;
    const char *cooking_dir;
    const char *sample_dir;    /**< folder of the sample recipes.csv and menu.csv */
    const char *locale_dir;    /**< the catalogues of the pages' languages */
    const char *audit;         /**< audit manifest (`--audit`), or NULL */
    const char *audit_recipes; /**< book of its schools that name none, or NULL */
};

/** Read-only food database handles shared by the worker threads. */
struct web_db_pool {
    pthread_mutex_t mu;
    pthread_cond_t free_cv;
    struct mc_food_db **dbs;
    int *busy;
    size_t n;
};

/** What every request may read; set up before the server starts and not
 * changed while it runs (except through its own locks). */
struct web_app {
    struct mc_standard_set *standards;
    struct mc_cooking_set *cooking;
    struct web_db_pool pool;
    const char *db_path;       /* a request with its own alias table opens it */
    char tmp_root[4096];       /* private folder (0700) for this server's uploads */
    char *sample_recipes, *sample_menu; /* ?demo=sample; NULL when absent */
    struct mc_manifest *manifest;       /* --audit; NULL when not given */
    const char *audit_recipes;          /* --recipes for its schools */
    struct web_catalogue *catalogue;    /* dishes to check a meal; NULL: none */
    struct web_cache *cache;            /* /today, /meal, /api/meal; NULL: none */
};

/** The dish catalogue of /meal (catalogue.c). */
struct web_catalogue;

/** A connection of libmicrohttpd. */
struct MHD_Connection;

/** The running server.  Opaque. */
struct web_server;

/**
 * Load the norm sets and cooking profiles, open cfg->threads database
 * handles and start listening.  Errors are recorded in err.
 */
mc_code web_server_start(const struct web_config *cfg, struct web_server **out,
                         struct mc_err *err);

/** The port the server listens on. */
unsigned web_server_port(const struct web_server *s);

/** Stop accepting, finish the requests under way and free everything.
 * Accepts NULL. */
void web_server_stop(struct web_server *s);

/* ---- the database pool (server.c) ---------------------------------------- */

/** A handle no other thread is using; waits while all are taken. */
struct mc_food_db *web_db_acquire(struct web_app *app);

/** Give back a handle from web_db_acquire(). */
void web_db_release(struct web_app *app, struct mc_food_db *db);

/* ---- one check (run.c) --------------------------------------------------- */

/** A check as a form or a JSON request asks for it. */
struct web_check_in {
    const char *recipes;            /**< the book: CSV text or xlsx bytes */
    size_t recipes_len;
    const char *recipes_name;       /**< its name in messages; NULL: "recipes.csv" */
    const char *menu;
    size_t menu_len;
    const char *menu_name;          /**< NULL: "menu.csv" */
    const char *recipes_sheet;      /**< the book's sheet of a workbook; NULL:
                                         the first, or found by its headers when
                                         recipes and menu are one workbook */
    const char *menu_sheet;         /**< the menu's sheet, likewise */
    const char *aliases;            /**< the caterer's alias table: CSV text or
                                         xlsx bytes; NULL: none */
    size_t aliases_len;
    const char *aliases_name;       /**< NULL: "aliases.csv" */
    const char *stds[WEB_MAX_ARGS];
    size_t n_stds;
    const char *groups[WEB_MAX_ARGS];
    size_t n_groups;
    const char *shares[WEB_MAX_ARGS]; /**< "lunch=30-35" */
    size_t n_shares;
    const struct mc_meal_share *parsed_shares; /**< instead of shares: n_shares parsed */
    const char *date;               /**< "YYYY-MM-DD"; NULL or "": today */
    const char *average;            /**< "days" or "totals"; NULL or "": days */
    const char *title;              /**< report title; NULL: the menu name */
    double budget;                  /**< per child a day, for the cost; 0: none */
    const char *currency;           /**< label of amounts; NULL: none */
    int suggest;                    /**< 1: when the menu fails, find how to fix it */
    const char *adds[WEB_MAX_ARGS]; /**< items the fix may add, "NAME[=GRAMS]" */
    size_t n_adds;
};

/** A check done, with everything it points into.  Do not copy. */
struct web_check {
    struct mc_session session;      /**< what the check read and owns */
    struct mc_recipe_book *book;    /**< the session's, for short */
    struct mc_menu *menu;
    struct mc_check *check;
    const struct mc_standard *const *stds;
    struct mc_group_spec *specs;
    size_t n_specs;
    struct mc_meal_share shares[WEB_MAX_ARGS];
    char share_meals[WEB_MAX_ARGS][64];
    const char *title;
    double budget;
    const char *currency;
    struct mc_suggestion *suggestion; /**< how to fix it (fix.c); NULL: not asked
                                           for, or the menu does not fail */
    char add_names[WEB_MAX_ARGS][256];
};

/**
 * Run a check: a session (mealcheck/session.h) reads the book and menu
 * from the request's bytes (CSV or .xlsx) within the server's limits, with
 * the caterer's alias table when given.  Messages name the files as
 * in->recipes_name, in->menu_name and in->aliases_name.
 * @return MC_OK with out filled (free with web_check_free()); MC_ERR_USAGE
 *         for a request that is malformed (no norm set, a bad share);
 *         MC_ERR_INPUT / MC_ERR_NOT_FOUND for what the files or names say;
 *         another code for a server failure.  Whatever the result, call
 *         web_check_free().
 */
mc_code web_check_run(struct web_app *app, const struct web_check_in *in,
                      struct web_check *out, struct mc_err *err);

/** Free what web_check_run() made.  Accepts a zeroed struct. */
void web_check_free(struct web_check *c);

/**
 * Write the Excel report of a check to a private file and return it open
 * for reading and already unlinked, so that it disappears when closed.
 * @return MC_OK with *fd and *size, or the code recorded in err.
 */
mc_code web_report_open(struct web_app *app, const struct web_check *c, int *fd,
                        size_t *size, struct mc_err *err);

/** The languages of the pages. */
enum web_lang { WEB_LANG_EN, WEB_LANG_RU, WEB_LANG_KK, WEB_LANG_COUNT };

/* ---- how to fix a failing menu (fix.c) ---------------------------------- */

/**
 * When in asks for it and c's check fails, c->suggestion: the smallest
 * change of c's menu that complies (mc_suggest_run() with the check's
 * options, portions +-25 %, in->adds allowed), bounded by the solver's
 * time limit.  A bad item to add is MC_ERR_USAGE.
 */
mc_code web_fix_run(struct mc_food_db *db, const struct web_check_in *in,
                    const struct mc_check_opts *opts, struct web_check *c,
                    struct mc_err *err);

/** The "How to fix it" section of c->suggestion; nothing when NULL.  Foods
 * are named for lang with db (web_put_food_local()); db may be NULL. */
void web_fix_page(FILE *f, struct mc_food_db *db, enum web_lang lang,
                  const struct web_check *c);

/** The form's field of the items a fix may add, its value adds. */
void web_fix_form_field(FILE *f, const char *adds);

/** Write c->suggestion as the value j is at: the JSON of `suggest --format
 * json`, or null. */
void web_fix_json(struct mc_json *j, const struct web_check *c);

/* ---- answers (server.c sends them) --------------------------------------- */

/** What a handler answers: a body in memory or an open file. */
struct web_response {
    unsigned status;            /**< HTTP status */
    const char *type;           /**< Content-Type, a static string */
    char *body;                 /**< malloc'd, owned by the response */
    size_t len;
    int fd;                     /**< >= 0: send this file (closed after) instead */
    size_t fd_size;
    const char *download;       /**< attachment file name, a static string; or NULL */
    int close;                  /**< close the connection after answering */
    int cache;                  /**< 1: answered afresh, 2: from the cache
                                     (X-Cache header); 0: not cacheable */
    size_t cache_entries, cache_bytes; /**< the cache's use after it */
};

/* ---- answers kept for the next request (cache.c) ------------------------- */

/** Files an answer is made from, at most this many. */
#define WEB_CACHE_FILES 4

/** What stat() says of one file; all zero but missing when it has none. */
struct web_cache_file {
    unsigned long long dev, ino;
    long long size, mtime_s, ctime_s;
    long mtime_ns, ctime_ns;
    int missing;
};

/** The files an answer depends on, as they were when it was made. */
struct web_cache_stamp {
    struct web_cache_file f[WEB_CACHE_FILES];
    size_t n;
};

/** Answers by key, bounded in entries and bytes, least recently used
 * out first; thread-safe.  Opaque. */
struct web_cache;

/** Default bounds (MEALCHECK_CACHE_ENTRIES, MEALCHECK_CACHE_BYTES). */
#define WEB_CACHE_ENTRIES 512
#define WEB_CACHE_BYTES (64u * 1024 * 1024)

/**
 * A cache of at most max_entries answers and max_bytes bytes (bodies and
 * keys).  Either 0: *out is NULL, no cache (the functions below accept it).
 */
mc_code web_cache_open(size_t max_entries, size_t max_bytes, struct web_cache **out,
                       struct mc_err *err);

/** Free a cache.  Accepts NULL. */
void web_cache_close(struct web_cache *c);

/** Add path's stat() (or that it has none) to s; s zeroed first by the
 * caller; past WEB_CACHE_FILES files, ignored. */
void web_cache_stamp_add(struct web_cache_stamp *s, const char *path);

/**
 * The answer kept for key, when its files are still as stamp says: r's
 * status, type and a copy of the body.  An entry whose files changed is
 * dropped.
 * @return 1 when r was filled, 0 otherwise (r untouched)
 */
int web_cache_get(struct web_cache *c, const char *key, size_t key_len,
                  const struct web_cache_stamp *stamp, struct web_response *r);

/** Keep a copy of answer r (a body in memory) for key, made from files as
 * stamp says; older entries go while the bounds are passed; an answer
 * larger than the byte bound is not kept. */
void web_cache_put(struct web_cache *c, const char *key, size_t key_len,
                   const struct web_cache_stamp *stamp, const struct web_response *r);

/** Entries and bytes the cache holds now. */
void web_cache_usage(struct web_cache *c, size_t *entries, size_t *bytes);

/**
 * Start r's JSON body: a stream in memory with j set up to write one
 * document to it (mealcheck/json.h, the CLI's writer).
 * @return the stream, or NULL when memory ran out (then call web_json_end()
 *         all the same: it answers 500)
 */
FILE *web_json_begin(struct web_response *r, struct mc_json *j);

/** Close f and answer r with its document and status; a document left
 * incomplete, or a stream that failed, answers 500 with no body. */
void web_json_end(struct web_response *r, unsigned status, FILE *f,
                  const struct mc_json *j);

/** Write n meal shares as the value j is at: [{"meal", "min_pct",
 * "max_pct"(, "verified" when verified is 1)}]. */
void web_json_shares(struct mc_json *j, const struct mc_meal_share *shares, size_t n,
                     int verified);

/** Set r to {"errors": [every message of err]} with status. */
void web_respond_errors(struct web_response *r, unsigned status,
                        const struct mc_err *err);

/** The status a failed check answers: 400 for a malformed request, 422
 * for files or names that are wrong, 500 for the server's own failure. */
unsigned web_status_of(mc_code code);

/* ---- the JSON API (api.c; docs/api.md) ----------------------------------- */

/** POST /api/check (report 0) and POST /api/report (report 1). */
void web_api_check(struct web_app *app, const char *body, size_t len, int report,
                   struct web_response *r);

/**
 * The book and menu of in: workbook (len bytes; NULL when none was sent,
 * its request member named field) holds both, and may not come with
 * either; a book or menu missing is an error.  One workbook is named in
 * messages as in->menu_name, else "workbook.xlsx".
 */
void web_check_in_inputs(struct web_check_in *in, const char *workbook, size_t len,
                         const char *field, struct mc_err *err);

/** Run the check in asks for and answer r with its JSON (report 0) or
 * its report; when err already holds an error (a bad request), or the
 * check fails, answer with err's messages.  Releases err. */
void web_api_answer(struct web_app *app, const struct web_check_in *in, int report,
                    struct web_response *r, struct mc_err *err);

/** POST /api/workbook/sheets: the sheets of the .xlsx workbook that is the
 * body, {"sheets":[{"name","role":"recipes"|"menu"|null}]}; name (NULL:
 * "workbook.xlsx") names it in messages. */
void web_api_workbook_sheets(struct web_app *app, const char *name, const char *body,
                             size_t len, struct web_response *r);

/** GET /api/foods/search?q=TEXT&limit=N */
void web_api_foods(struct web_app *app, const char *q, const char *limit,
                   struct web_response *r);

/** GET /api/standards */
void web_api_standards(struct web_app *app, struct web_response *r);

/** Answer r with the Excel report of c as a download; on failure r is
 * untouched and err says why. */
mc_code web_respond_report(struct web_app *app, const struct web_check *c,
                           struct web_response *r, struct mc_err *err);

/* ---- the schools of an audit manifest (school.c) ------------------------- */

/** The school with this id, or NULL (also when no manifest is loaded). */
const struct mc_manifest_school *web_school_find(const struct web_app *app,
                                                 const char *id);

/**
 * Check one school of the manifest with its book, groups, norm sets and
 * shares, on the rows of its menu for week (0: every week), against the
 * norms in force on date ("YYYY-MM-DD"; NULL or "": today).
 * @return as web_check_run(); MC_ERR_NOT_FOUND for an unknown id
 */
mc_code web_school_check(struct web_app *app, const char *id, int week,
                         const char *date, struct web_check *out, struct mc_err *err);

/** As web_school_check(), and when the check fails, out->suggestion: how to
 * fix it (web_fix_run(): portions +-25 %, nothing added). */
mc_code web_school_check_fix(struct web_app *app, const char *id, int week,
                             const char *date, struct web_check *out, struct mc_err *err);

/** GET /api/schools */
void web_api_schools(struct web_app *app, struct web_response *r);

/* ---- languages (text.c) -------------------------------------------------- */

/** Every text of the pages, one entry of the table in text.c. */
enum web_msg {
    W_TAGLINE, W_RECIPES, W_RECIPES_HELP, W_MENU, W_MENU_HELP, W_FILE,
    W_OR_PASTE, W_NORMS, W_STANDARDS, W_GROUP, W_GROUP_HELP, W_SHARES,
    W_SHARES_HELP, W_DATE, W_CHECK, W_REPORT, W_SAMPLE, W_RESULT,
    W_COMPLIES, W_NOT_COMPLIES, W_ADVISORY_NOT_MET, W_UNDECIDED, W_ERRORS, W_NUTRIENT, W_NORM, W_AVERAGE,
    W_PCT_NORM, W_STATUS, W_DAYS_OUT, W_COVERAGE, W_VERDICT, W_CHART,
    W_DAYS, W_DISHES, W_WEEK, W_MEAL, W_DISH, W_PORTION, W_ENERGY,
    W_PROTEIN, W_FAT, W_CARB, W_ST_OK, W_ST_LOW, W_ST_HIGH, W_ST_INSUFF,
    W_V_PASS, W_V_FAIL, W_V_ADVISORY, W_V_INSUFF, W_UNKNOWN, W_NOT_FOUND,
    W_TOO_LARGE, W_BAD_METHOD, W_MON, W_TUE, W_WED, W_THU, W_FRI, W_SAT,
    W_SUN, W_NORMS_BY_DAY, W_XLSX_NOTE, W_SCHOOLS, W_SCHOOL, W_ALL_WEEKS,
    W_OR_UPLOAD, W_TITLE, W_WARNINGS, W_COUNT
};

/** The text of msg in lang (UTF-8, HTML-safe: no markup characters). */
const char *web_text(enum web_lang lang, enum web_msg msg);

/** "en", "ru", "kk". */
const char *web_lang_code(enum web_lang lang);

/**
 * The page language: the ?lang= parameter when it names one, else the
 * first language of an Accept-Language header we have, else English.
 * Either argument may be NULL.
 */
enum web_lang web_lang_pick(const char *param, const char *accept_language);

/**
 * Write plain food id as the reader of lang knows it, when the database
 * gives it a Russian or Kazakh name: "Хлеб пшеничный (18069 shown)", the
 * local name first and the SR28 id and shown (SR28's name, or the dish as
 * the menu writes it; may be NULL) beside it, as the CLI and the report do.
 * @return 1 when written; 0 (nothing written) for English, a food with no
 *         local name, a NULL db or id, or a failed lookup
 */
int web_put_food_local(FILE *f, struct mc_food_db *db, enum web_lang lang, const char *id,
                       const char *shown);

/* ---- pages (page.c) ------------------------------------------------------ */

/** Write s with &, <, >, " and ' escaped; NULL writes nothing. */
void web_html(FILE *f, const char *s);

/** Write the n bytes at s escaped as web_html() does. */
void web_html_n(FILE *f, const char *s, size_t n);

/** What the form shows (its fields as last submitted). */
struct web_form_view {
    const char *recipes, *menu;     /**< text areas */
    const char *stds[WEB_MAX_ARGS];
    size_t n_stds;                  /**< 0: the first norm set is ticked */
    const char *group, *shares, *date, *title;
    const char *adds;               /**< items a fix may add, "NAME=GRAMS, ..." */
    unsigned xlsx;                  /**< 1: the book, 2: the menu was a workbook */
    const char *school;             /**< the school chosen (`--audit`), or NULL */
    int week;                       /**< its week; 0: every week */
};

/**
 * Write the whole page: the form, and below it the check (c, may be NULL)
 * or the messages of a failed one (err, may be NULL); err's warnings are
 * shown either way.
 */
void web_page(FILE *f, struct web_app *app, enum web_lang lang,
              const struct web_form_view *form, const struct web_check *c,
              const struct mc_err *err);

/** The top of every page: the head, the header with the language links,
 * and <main> opened. */
void web_page_head(FILE *f, enum web_lang lang);

/** The end of every page: </main>, the footer and the script. */
void web_page_tail(FILE *f);

/** A short page for an error status (404, 405, 413). */
void web_page_error(FILE *f, enum web_lang lang, enum web_msg msg);

/** The style sheet and the script the pages load, served from the binary. */
extern const char web_css[];
extern const char web_js[];

/* ---- the start page for everyone (home.c) ------------------------------- */

/** GET / with a manifest: the search box and the schools q finds (every
 * school, up to 50, when q is NULL or empty), each a link to its day. */
void web_home_page(FILE *f, const struct web_app *app, enum web_lang lang, const char *q);

/** yyyymmdd of "YYYY-MM-DD", of today (local time) for NULL or "", or 0
 * for anything else. */
int web_parse_date(const char *date);

/**
 * GET /today?school=ID&date=YYYY-MM-DD: the school's meal on date (today
 * when NULL or ""; the next school day when date has none) and its week,
 * the verdict in plain words first, then the dishes, then the numbers.
 * @return the HTTP status of the page written: 200, 404 for an unknown
 *         school, 400 for a bad date, or a failed check's status
 */
unsigned web_today_page(FILE *f, struct web_app *app, enum web_lang lang, const char *id,
                        const char *date);

/**
 * The nutrients of r's menu day (an index into its menu's days) against the
 * norms: a table in a <details> (open when open is 1) that stacks into
 * cards on a narrow screen.
 */
void web_put_day_numbers(FILE *f, const struct mc_check_result *r, long day, int open);

/** A link to /meal when the server has a dish catalogue. */
void web_put_meal_link(FILE *f, const struct web_app *app, enum web_lang lang);

/* ---- one workbook with both (workbook.c) -------------------------------- */

/** The files form's fields for one workbook: workbook_file, recipes_sheet,
 * menu_sheet. */
void web_put_workbook_fields(FILE *f);

/**
 * Decode base64 text (RFC 4648, line breaks allowed).
 * @return the bytes (malloc'd, *out_len of them), or NULL for text that is
 *         not base64 or out of memory
 */
char *web_base64_decode(const char *text, size_t len, size_t *out_len);

/* ---- the dish catalogue of /meal (catalogue.c) --------------------------- */

/** One dish a meal may be built of: a card of one of the server's books. */
struct web_dish {
    char *name;             /**< as the catalogue's book names it: the card's
                                 name, or "NAME (SOURCE)" when an earlier book
                                 has a different card of that name */
    char *shown;            /**< the card's own name */
    char *name_kk, *name_en;/**< "" when names.csv gives none */
    size_t source;          /**< its book: an index into sources */
    enum mc_course course;
    double portion_g;       /**< the card's yield per serving */
};

/** The dishes of every book the server has, each card once. */
struct web_catalogue {
    struct web_dish *dishes;
    size_t n;
    char **sources;         /**< each book's label: "" for menus/catalogue, else
                                 the school that names it, or its file name */
    size_t n_sources;
    char **cards;           /**< dish i's card as CSV rows of mc_recipe_columns */
    struct mc_recipe_book *book; /**< every card, loaded: what a card uses */
};

/**
 * Load the catalogue: the cards of dir/recipes.csv (with the Kazakh and
 * English names of dir/names.csv; dir may be NULL), then of each book of
 * the manifest's schools and of --recipes, in that order.  A card whose
 * name an earlier book has is left out when it is the same card, else
 * named "NAME (SOURCE)".  A book that does not load, or would take the
 * catalogue past WEB_MAX_ROWS or WEB_MAX_CELLS, is left out with a
 * warning in err.  *out is NULL when there is no book at all.
 * @return MC_OK; the code of the first failure when every book failed
 */
mc_code web_catalogue_load(struct web_app *app, const char *dir,
                           struct web_catalogue **out, struct mc_err *err);

/** Free a catalogue.  Accepts NULL. */
void web_catalogue_free(struct web_catalogue *cat);

/**
 * The recipe book of a meal: the header and the cards of the dishes
 * chosen[i] != 0 and of the cards they use, as CSV text (malloc'd).
 * @return MC_OK or MC_ERR_NOMEM
 */
mc_code web_catalogue_book(const struct web_catalogue *cat, const unsigned char *chosen,
                           char **text, size_t *len, struct mc_err *err);

/** The label of dish d's book in lang: the catalogue's own, or the source. */
const char *web_catalogue_source(const struct web_catalogue *cat, const struct web_dish *d);

/* ---- check a meal without files (builder.c) ------------------------------ */

/** GET /meal (report 0) and GET /meal/report (report 1): the form, the
 * meal its query asks for checked below it, or its Excel report. */
void web_meal_page(struct web_app *app, struct MHD_Connection *conn, enum web_lang lang,
                   int report, struct web_response *r);

/** GET /api/meal: the same query as JSON, {"verdict", "balanced",
 * "energy_pct", "outcome", "nutrients": [...]} (docs/api.md). */
void web_api_meal(struct web_app *app, struct MHD_Connection *conn, struct web_response *r);

#endif
