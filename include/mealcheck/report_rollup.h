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
 * written, so 7 000 schools cost little memory), to a temporary file
 * renamed into place, with fixed document properties.
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

/**
 * Write the roll-up of audit a to path (".xlsx").
 * @return MC_OK; MC_ERR_INPUT when the folder does not exist, MC_ERR_IO on
 *         another write failure (path named in err); path is then untouched.
 */
mc_code mc_report_rollup_write(const struct mc_audit *a, const char *path,
                               struct mc_err *err);

#endif
