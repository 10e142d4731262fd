/*
 * manifest.h - the list of schools an audit checks.
 *
 * A manifest is a CSV with one row per school (format in docs/formats.md):
 * school_id, school_name, district, region, menu, recipes, groups,
 * standards, meal_shares, aliases, cycle_start.  Paths are relative to the manifest's folder.
 * Loading only reads the file: whether the menus, books, norm sets and
 * groups exist is found out when each school is checked (audit.h), so one
 * bad school does not stop the others.
 *
 * @code
 *   struct mc_manifest *m;
 *   if (mc_manifest_load("audit/schools.csv", &m, &err)) return err.code;
 *   for (size_t i = 0; i < m->n; i++)
 *       printf("%s %s\n", m->schools[i].id, m->schools[i].menu);
 *   mc_manifest_free(m);
 * @endcode
 *
 * A national manifest need not be kept in memory (some 800 bytes a
 * school): mc_manifest_scan() checks it all the same and keeps its
 * schools in a temporary file; mc_manifest_rows_open() then reads them
 * back one at a time.
 */
#ifndef MEALCHECK_MANIFEST_H
#define MEALCHECK_MANIFEST_H

#include <stddef.h>

#include "mealcheck/error.h"
#include "mealcheck/standard.h"

struct mc_input_limits; /* mealcheck/csv.h */
struct mc_manifest_spool;

/** One school of a manifest.  Strings are owned by the manifest. */
struct mc_manifest_school {
    char *id;                   /**< school_id, unique in the manifest */
    char *name;                 /**< school_name; "" when not given */
    char *district;             /**< "" when not given */
    char *region;               /**< "" when not given */
    char *menu;                 /**< menu file, resolved against the manifest's folder */
    char *recipes;              /**< recipe book, resolved; NULL: the audit's shared book */
    char **groups;              /**< group specs as written ("7-11", a roster) */
    size_t n_groups;            /**< at least 1 */
    char **standards;           /**< norm set ids as written */
    size_t n_standards;         /**< at least 1 */
    struct mc_meal_share *shares; /**< meal shares (meal names canonical) */
    size_t n_shares;            /**< 0 when the row gives none */
    long line;                  /**< the school's line in the manifest */
    char *aliases;              /**< the school's own alias table (column
                                     aliases), resolved; NULL: none */
    int cycle_start;            /**< yyyymmdd, the first day of week 1 of
                                     the menu's cycle (column cycle_start),
                                     for mc_menu_cycle_day(); 0: not given */
};

/** A loaded manifest. */
struct mc_manifest {
    char *path;
    struct mc_manifest_school *schools; /**< in file order; NULL after
                                             mc_manifest_scan() */
    size_t n;                   /**< at least 1 */
    int col_groups;             /**< 1-based column of groups, for messages */
    int col_standards;          /**< 1-based column of standards */
    struct mc_manifest_spool *spool; /**< after mc_manifest_scan(): its schools, kept
                                          in a temporary file; else NULL */
};

/**
 * Read a manifest.  Every problem is recorded (up to MC_ERR_LIMIT) as
 * "path:line:col: ..." before failing: a missing required column
 * (school_id, menu, groups, standards), an empty required cell, a school
 * id used twice, a meal share that is not MEAL=MIN-MAX, a cycle_start that
 * is not a YYYY-MM-DD date, no school at all.
 * @return MC_OK with *out set (free with mc_manifest_free); MC_ERR_INPUT
 *         for a bad manifest, MC_ERR_IO or MC_ERR_NOMEM; *out NULL then.
 */
mc_code mc_manifest_load(const char *path, struct mc_manifest **out,
                         struct mc_err *err);

/** mc_manifest_load() reading the file within limits (NULL: the defaults;
 *  mc_csv_open_limited()). */
mc_code mc_manifest_load_limited(const char *path, const struct mc_input_limits *limits,
                                 struct mc_manifest **out, struct mc_err *err);

/**
 * mc_manifest_load_limited() without keeping the schools in memory: the
 * same checks and messages, *out with schools NULL, n counted and the
 * schools written to a temporary file (m->spool) for mc_manifest_rows.
 * While it reads it keeps the file's bytes (the CSV reader reads a file
 * whole) and 8 to 16 bytes a school (the ids' hashes; ids with equal
 * hashes are compared by reading the file again); nothing a school after.
 */
mc_code mc_manifest_scan(const char *path, const struct mc_input_limits *limits,
                         struct mc_manifest **out, struct mc_err *err);

/** The schools of a manifest, one at a time. */
struct mc_manifest_rows;

/** Start reading m's schools (a scanned manifest's from its temporary
 *  file, a loaded one's copied); close with mc_manifest_rows_close().  m
 *  must outlive the reader; readers of one manifest do not disturb each
 *  other. */
mc_code mc_manifest_rows_open(const struct mc_manifest *m, struct mc_manifest_rows **out,
                              struct mc_err *err);

/**
 * The next school into *s, owned by the caller (mc_manifest_school_release).
 * @return 1 with *s set; 0 after the last one; -1 when the temporary file
 *         cannot be read (MC_ERR_IO) or memory runs out (MC_ERR_NOMEM),
 *         with err set; *s is empty unless 1.
 */
int mc_manifest_rows_next(struct mc_manifest_rows *r, struct mc_manifest_school *s,
                          struct mc_err *err);

/** Accepts NULL. */
void mc_manifest_rows_close(struct mc_manifest_rows *r);

/** Free the strings of s and empty it. */
void mc_manifest_school_release(struct mc_manifest_school *s);

/** Free a manifest.  Accepts NULL. */
void mc_manifest_free(struct mc_manifest *m);

#endif
