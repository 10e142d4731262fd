/*
 * browser.h - drive headless Chromium as a person would, for the browser
 * test of `mealcheck serve`: the DevTools protocol over the pipe Chromium
 * opens with --remote-debugging-pipe (JSON messages ended by a NUL byte on
 * fds 3 and 4), no driver to install.  Chromium runs under timeout(1) and
 * every wait is bounded, so a stuck browser fails the test, never hangs it.
 */
#ifndef MEALCHECK_TEST_BROWSER_H
#define MEALCHECK_TEST_BROWSER_H

#include <jansson.h>
#include <stddef.h>
#include <sys/types.h>

/** A browser with one page. */
struct browser {
    pid_t pid;
    int to, from;            /* pipe ends: commands out, answers in */
    char *buf;               /* bytes read and not yet parsed */
    size_t len, cap;
    int next_id;
    int loads;               /* Page.loadEventFired seen so far */
    char session[128];       /* the page's session id */
    char profile[64];        /* --user-data-dir, removed at close */
};

/** Start Chromium and open an empty page (1280 x 2400).  Aborts the test
 * on failure. */
void browser_open(struct browser *b);

/**
 * Call method on the page with params (stolen; NULL for none) and return
 * the result object (caller decrefs).  Aborts the test on an error answer
 * or after 60 s.
 */
json_t *browser_call(struct browser *b, const char *method, json_t *params);

/** Wait (at most 60 s) until the page has fired its n-th load event. */
void browser_wait_load(struct browser *b, int n);

/** Evaluate a JavaScript expression on the page; its value (caller decrefs). */
json_t *browser_eval(struct browser *b, const char *js);

/** Choose a file for the file input that selector finds, as a person would
 * in the file dialog. */
void browser_choose_file(struct browser *b, const char *selector, const char *path);

/** Save a PNG screenshot of the page to path. */
void browser_screenshot(struct browser *b, const char *path);

/**
 * Run the axe-core accessibility rules (the script at $MC_AXE, else
 * build/a11y/node_modules/axe-core/axe.min.js: `make test` installs it) on
 * the page, injected when not there yet, and fail the test for every
 * violation of impact "serious" or "critical", printing what (the page,
 * as a label), the rule id, each node's target and the help URL.
 * @return the serious or critical violations
 */
int browser_axe(struct browser *b, const char *what);

/** Close the browser and remove its profile. */
void browser_close(struct browser *b);

#endif
