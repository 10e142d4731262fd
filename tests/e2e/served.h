/*
 * served.h - run `mealcheck serve --port 0` for a test and talk HTTP to it
 * over loopback, with a client small enough to see every byte.
 */
#ifndef MEALCHECK_TEST_SERVED_H
#define MEALCHECK_TEST_SERVED_H

#include <stddef.h>
#include <sys/types.h>

/** A server the test started. */
struct served {
    pid_t pid;
    unsigned port;
    char tmp[64];     /**< its $TMPDIR, a folder of the test's own */
};

/**
 * Start `mealcheck --db $MC_TEST_DB serve --port 0 EXTRA...` (under
 * $MC_TEST_WRAPPER when set) with TMPDIR set to a fresh folder, and wait
 * (at most 60 s) for its "listening on" line.  extra is NULL-terminated,
 * or NULL.  Aborts the test on failure.
 */
void served_start(struct served *s, const char *const *extra);

/** SIGTERM the server, expect exit status 0 and an empty $TMPDIR (every
 * upload and report removed), and remove the folder. */
void served_stop(struct served *s);

/** One HTTP exchange. */
struct http_reply {
    int status;       /**< 0 when no status line came back */
    char *head;       /**< status line and headers, NUL-terminated */
    char *body;       /**< NUL-terminated (may hold NULs: see len) */
    size_t len;
};

/**
 * Send METHOD PATH with the extra header lines (each ending "\r\n"; may be
 * NULL) and len bytes of body (Content-Length is added when body is not
 * NULL), with "Connection: close", and read the answer.  Stops sending
 * when the server answers early (413).
 */
void http(struct served *s, const char *method, const char *path,
          const char *headers, const char *body, size_t len,
          struct http_reply *out);

/** A TCP connection to the server on 127.0.0.1 (aborts the test on failure). */
int served_connect(const struct served *s);

/**
 * Send len raw bytes of req on a new connection and read what comes back
 * until the server closes it (*closed = 1) or is silent for quiet_ms
 * (*closed = 0).  The answer is NUL-terminated; free it.
 */
char *http_raw(const struct served *s, const char *req, size_t len, int quiet_ms,
               int *closed);

/** Free a reply. */
void http_free(struct http_reply *r);

/** The value of header name in r (case-insensitive), copied into buf. */
const char *http_header(const struct http_reply *r, const char *name, char *buf,
                        size_t size);

/**
 * Expect page (HTML) to show the check the CLI printed as JSON: its verdict
 * and, for every item of every result, the row page.c writes with the
 * item's average to 17 digits.
 * @return the rows found
 */
size_t expect_page_is_check(const char *page, const char *cli_json);

/** A multipart/form-data body of (name, filename or NULL, value) triples,
 * ending with a NULL name; its boundary is MULTIPART_BOUNDARY. */
char *multipart(size_t *len, ...);

/** The sample book and menu (menus/recipes.csv, menus/menu.csv) as one
 * caterer's workbook: sheet "Меню" first, then "Техкарты", every cell a
 * string.  Returns its bytes (free them), *len of them. */
char *sample_workbook(size_t *len);

/** A workbook of (sheet name, CSV file) pairs ending with a NULL name, each
 * CSV cell a string cell; written to path (kept), or to a temporary file
 * when path is NULL.  Returns its bytes (free them), *len of them. */
char *workbook_of(const char *path, size_t *len, ...);

#define MULTIPART_BOUNDARY "mc-test-boundary-7f3a"
#define MULTIPART_HEADER \
    "Content-Type: multipart/form-data; boundary=" MULTIPART_BOUNDARY "\r\n"

#endif
