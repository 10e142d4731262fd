/*
 * report_rollup.h - the municipal roll-up of an audit as an Excel workbook.
 *
 * Sheets, in order:
 *   Summary    the manifest, the check date, schools by verdict overall and
 *              per district, and a stacked bar chart of the districts
 *   Schools    one row per school in manifest order: verdict (coloured like
 *              traffic lights), failing nutrients, the worst bound (nutrient,
 *              meal, norm set, % of norm), lowest coverage, counts of
 *              bounds, menu file, and why a school could not be checked;
 *              header frozen, autofilter on every column
 *   Nutrients  per nutrient: schools with a bound on it, schools failing it,
 *              median and worst % of norm, the school with the worst
 *   Districts  per district: region, schools by verdict, % complying, the
 *              nutrient failed by most schools
 *
 * % of norm is written as a number (100 = the norm) with full precision,
 * coverage as a fraction shown as a percentage.  The workbook is written in
 * libxlsxwriter's constant_memory mode (rows go to disk as they are
 * written, as the audit checks the schools, so 56 000 schools cost no
 * more memory than 1 000), to a temporary file renamed into place, with
 * fixed document properties.
 *
 * Sheet names, headers, labels, verdicts, nutrient names and units are in
 * the language in force (mealcheck/i18n.h); the names above are English's.
 * School, district and region names, ids and paths are as the manifest has
 * them.
 */
#ifndef MEALCHECK_REPORT_ROLLUP_H
#define MEALCHECK_REPORT_ROLLUP_H

#include "mealcheck/audit.h"
#include "mealcheck/error.h"

struct mc_report_rollup;

/**
 * Start the roll-up of an audit of manifest m with the norms in force on
 * date (yyyymmdd), to become path (".xlsx"), with the Report file column when reports (per-school workbooks asked
 * for).  Its sheets are made at once; the Schools rows are then written
 * one a call of mc_report_rollup_school(), in manifest order, and go to
 * disk as they come; the other sheets at mc_report_rollup_close().
 * @return MC_OK with *out set; MC_ERR_INPUT when the folder does not
 *         exist, MC_ERR_IO or MC_ERR_NOMEM (path named in err); *out NULL.
 */
mc_code mc_report_rollup_open(const char *path, const struct mc_manifest *m, int date,
                              int reports, struct mc_report_rollup **out, struct mc_err *err);

/** The Schools row of s, the next school of the manifest (an
 *  mc_audit_opts.school callback: pass the roll-up as its argument).  A
 *  failure is kept and reported by mc_report_rollup_close(). */
void mc_report_rollup_school(void *rollup, const struct mc_audit_school *s);

/**
 * Write the sheets of the totals of audit a, whose schools were all given
 * to mc_report_rollup_school(), and the workbook to its path; a NULL: the
 * audit failed, leave no file.  Frees r (accepts NULL).
 * @return MC_OK; MC_ERR_IO when the workbook could not be written (path
 *         named in err); path is then untouched.
 */
mc_code mc_report_rollup_close(struct mc_report_rollup *r, const struct mc_audit *a,
                               struct mc_err *err);

#endif
