/*
 * audit.h - checking every school of a manifest in one process.
 *
 * An audit opens the food database once per worker thread (read-only
 * SQLite connections are not shared between threads), loads each distinct
 * recipe book once, loads each distinct menu (path x book) once, and
 * checks the schools on `jobs` threads with mc_check_run(), exactly as
 * `mealcheck check` would check each one alone.  A school is reduced to
 * one row (struct mc_audit_school) as soon as it is checked, and the row
 * is handed to the caller (mc_audit_opts.school) in manifest order, then
 * forgotten: what the audit keeps of a school is 8 bytes of plan (its
 * book and menu).  The manifest's rows are read as the schools are taken
 * (mc_manifest_rows_open), so it need not be held in memory:
 * mc_manifest_scan() is enough.  Rows checked ahead of an earlier
 * school wait for it in a window of 512 rows a thread; the order and the
 * rows do not depend on the number of threads.
 *
 * A school whose files are bad (a missing menu, an unknown dish, an
 * unknown norm set) is "not checked" with the messages that say why; the
 * others go on.
 *
 * A school's verdict is its check's outcome (mc_check_classify(), the
 * worst over its norm sets x groups):
 *   not checked        its files or manifest row could not be used
 *   does not comply    a verified bound is violated (check's FAIL)
 *   cannot be decided: insufficient data
 *                      nothing verified fails, but a verified bound could
 *                      not be judged (coverage below the norm set's threshold)
 *   cannot be decided: unverified norms
 *                      nothing verified fails and no bound checked is
 *                      verified: every norm only advises
 *   complies with the verified norms, advisory norms not met
 *                      every verified bound is met, an unverified one is not
 *   complies           every bound checked is met
 */
#ifndef MEALCHECK_AUDIT_H
#define MEALCHECK_AUDIT_H

#include <stddef.h>

#include "mealcheck/check.h"
#include "mealcheck/cooking.h"
#include "mealcheck/error.h"
#include "mealcheck/manifest.h"
#include "mealcheck/nutrient.h"
#include "mealcheck/standard.h"

/** A school's verdict (see above); the order of the Summary columns. */
enum mc_audit_verdict {
    MC_AUDIT_COMPLIES,
    MC_AUDIT_ADVISORY,          /**< complies with the verified norms, advisory not met */
    MC_AUDIT_FAILS,
    MC_AUDIT_INSUFFICIENT,      /**< cannot be decided: insufficient data */
    MC_AUDIT_UNVERIFIED,        /**< cannot be decided: no verified norm */
    MC_AUDIT_NOT_CHECKED,
    MC_AUDIT_VERDICTS           /**< the number of verdicts */
};

/** One school, reduced to what a roll-up shows; lent to
 *  mc_audit_opts.school for the time of the call. */
struct mc_audit_school {
    const struct mc_manifest_school *school;
    enum mc_audit_verdict verdict;
    char *error;                /**< not checked: the messages, one per line; else NULL */
    /** With per_school_dir: the file name of the school's workbook in that
     *  folder once written (mc_audit_report_names), else NULL. */
    char *report;
    int n_fail, n_advisory, n_insufficient, n_pass; /**< bounds, over every norm set x group */
    int n_deciding;             /**< of them, verified: they decide; the others only advise */
    /** The worst bound: the highest verdict (fail, advisory, pass,
     *  insufficient), then the farthest % of norm from 100. */
    int worst;                  /**< its nutrient, -1 when none */
    char worst_meal[32];        /**< its meal for a per-meal norm, else "" */
    const struct mc_standard *worst_std;
    double worst_pct;           /**< its % of norm; NAN when unknown */
    double coverage;            /**< lowest coverage (0..1) of an average judged (not
                                     insufficient data: those are counted); NAN when none */
    /** Per nutrient, its worst bound: its enum mc_verdict, -1 when the
     *  school's norm sets bound it nowhere, and its % of norm (NAN when
     *  none or unknown). */
    signed char nutrient_verdict[MC_N_COUNT];
    double pct[MC_N_COUNT];
};

/** Schools of one district, by verdict. */
struct mc_audit_district {
    char *name;                 /**< the manifest's district; "" when not given */
    char *region;               /**< the region of its first school */
    size_t count[MC_AUDIT_VERDICTS];
    size_t n;                   /**< schools */
    size_t failing[MC_N_COUNT]; /**< per nutrient, its schools failing a bound on it */
};

/** One nutrient over the checked schools that have a bound on it. */
struct mc_audit_nutrient {
    size_t n_schools;           /**< checked schools with a bound on it */
    size_t n_failing;           /**< schools where a bound on it failed */
    size_t n_known;             /**< of them, with a known % of norm */
    double median_pct;          /**< median % of norm; NAN when n_known is 0 */
    double worst_pct;           /**< the % of norm farthest from 100; NAN likewise */
    char *worst_school;         /**< id of the school with it (the first one) */
};

/** A finished audit: its totals (the schools went to mc_audit_opts.school).
 *  The median % of norm of a nutrient is found in a temporary file of
 *  the schools' % of norm (8 bytes a school and nutrient), read a few
 *  times, not in memory. */
struct mc_audit {
    const struct mc_manifest *manifest;
    size_t n;                            /**< schools */
    size_t count[MC_AUDIT_VERDICTS];     /**< schools by verdict */
    struct mc_audit_district *districts; /**< in order of first appearance */
    size_t n_districts;
    struct mc_audit_nutrient nutrients[MC_N_COUNT];
    int date;                            /**< yyyymmdd the norms were taken on */
    int reports;                         /**< 1: per-school workbooks were asked for */
};

/** How to audit. */
struct mc_audit_opts {
    const char *db_path;        /**< the food database; each worker opens it read-only */
    const struct mc_standard_set *standards;
    const struct mc_cooking_set *cooking; /**< cooking-loss profiles for the books (required) */
    const char *recipes;        /**< shared book for schools that name none; NULL: none */
    int date;                   /**< yyyymmdd: the bounds in force that day */
    enum mc_average average;
    unsigned jobs;              /**< worker threads; 0 = 1 */
    /** When set, each checked school's report (mc_report_xlsx_write, the
     *  cards its menu serves) is written there, named as
     *  mc_audit_report_names() says.  A school whose report cannot be
     *  written is not checked, with the reason. */
    const char *per_school_dir;
    /** With per_school_dir: 1 adds to the workbook of each school whose menu
     *  does not comply the Suggestions sheet of mc_suggest_run() (portions
     *  +-25 %, nothing added; bounded by its solver's time limits). */
    int suggest;
    /** Called with each school's row, in manifest order, one call at a
     *  time, from a worker thread (or the caller's); the row, its error and
     *  report are valid only during the call.  NULL: none. */
    void (*school)(void *arg, const struct mc_audit_school *s);
    void *school_arg;
    /** Called after each school, from a worker thread, one call at a time:
     *  done schools of total.  NULL: none. */
    void (*progress)(void *arg, size_t done, size_t total);
    void *progress_arg;
};

/**
 * Check every school of m (loaded or scanned), handing each row to
 * opts->school.  Problems of
 * a school are its row's error; the audit itself fails only when it cannot
 * run: the database cannot be opened, memory, threads or the temporary
 * file of the medians run out (a school whose report cannot be written is
 * not checked, like one whose files are bad); the rows handed so far are
 * then to be thrown away.
 * Warnings of the books and menus (a column not read) are recorded once
 * per file in err's warnings: the books', then the menus' in path order.
 * The result points into m, opts->standards: keep them alive.
 * @return MC_OK with *out set (free with mc_audit_free); else *out NULL.
 */
mc_code mc_audit_run(const struct mc_manifest *m, const struct mc_audit_opts *opts,
                     struct mc_audit **out, struct mc_err *err);

/** Longest school id kept whole in a report's file name, in bytes. */
#define MC_AUDIT_REPORT_ID_MAX 120

/**
 * The file name of school i's workbook: its id, with '/', '\\', control
 * characters and :*?"<>| replaced by '_' and a leading '.' too, cut to
 * MC_AUDIT_REPORT_ID_MAX bytes (on a character boundary), then ".xlsx".
 * An id that had to be changed, or whose name another school's already
 * takes, also gets "~<its manifest line>" before ".xlsx": "a/b" on line 3
 * is "a_b~3.xlsx" beside "a_b.xlsx".  Names are unique in the manifest,
 * at most MC_AUDIT_REPORT_ID_MAX + 26 bytes, and do not depend on threads.
 * Only ids like "a_b~2" need another school's row: m's rows are read
 * again for them, so that an audit need not hold the manifest.
 * @return an array of m->n names (free each, then the array), or NULL out
 *         of memory.
 */
char **mc_audit_report_names(const struct mc_manifest *m);

/** Free an audit.  Accepts NULL. */
void mc_audit_free(struct mc_audit *a);

/** "complies", "complies with verified norms, advisory not met", "does not
 * comply", "cannot be decided: insufficient data", "cannot be decided:
 * unverified norms", "could not be checked" (untranslated: pass to _()). */
const char *mc_audit_verdict_name(enum mc_audit_verdict v);

/** JSON/CSV spelling: "complies", "advisory_not_met", "fails",
 * "insufficient_data", "unverified_norms", "not_checked". */
const char *mc_audit_verdict_key(enum mc_audit_verdict v);

#endif
