/*
 * report_style.h - what the two workbooks share (private to the library):
 * the compliance report (report_xlsx.c) and the audit's roll-up
 * (report_rollup.c) title their sheets and head their tables alike, so a
 * municipality reading both sees one house style.
 */
#ifndef MEALCHECK_REPORT_STYLE_H
#define MEALCHECK_REPORT_STYLE_H

#include <stddef.h>
#include <xlsxwriter.h>

#include "mealcheck/error.h"
#include "tempfile.h"
#include "xlsx_overrides.h"

/**
 * The first libxlsxwriter failure while a workbook is written, kept as
 * stdio keeps a stream's error flag: the writer calls on (libxlsxwriter
 * refuses what it cannot do, and a sheet or chart it could not add is
 * skipped), and mc_report_close() reports the failure with the sheet it
 * happened on and leaves no file.  Every call that returns an lxw_error
 * goes through mc_xl(); every one that returns a pointer through
 * mc_report_made() or mc_report_sheet().
 */
struct mc_report_err {
    lxw_error code;         /**< LXW_NO_ERROR until a call fails */
    char sheet[128];        /**< the sheet being written (mc_report_sheet()) */
    char where[128];        /**< the sheet of the first failure, "" for the workbook */
};

/** Keep e when it is the first failure; return it. */
lxw_error mc_xl(struct mc_report_err *x, lxw_error e);

/** Keep an allocation failure when p (a format, chart or series just
 * made) is NULL; return p. */
void *mc_report_made(struct mc_report_err *x, void *p);

/**
 * Add the sheet name to wb and make it the one failures are reported
 * on.  A name Excel refuses (over 31 characters, used already, with
 * []:*?/\) is kept as the failure.
 * @return the sheet, or NULL: skip writing it
 */
lxw_worksheet *mc_report_sheet(struct mc_report_err *x, lxw_workbook *wb,
                               const char *name);

/** The formats both workbooks use, owned by the workbook they were added to. */
struct mc_report_style {
    lxw_format *title; /**< sheet title: bold, 14 pt */
    lxw_format *bold;
    lxw_format *head;  /**< table header: bold, shaded, bordered, wrapped, top */
    lxw_format *wrap;  /**< wrapped text, top-aligned */
    lxw_format *pct;   /**< a fraction shown as a whole percent */
};

/** Add the shared formats to wb; a failure is kept in x. */
void mc_report_style_add(lxw_workbook *wb, struct mc_report_style *s,
                         struct mc_report_err *x);

/**
 * Write a table's header row: names[i], translated, from column first on,
 * in the head format, the row tall enough for wrapped names (not every
 * reader autofits rows).
 */
void mc_report_style_header(const struct mc_report_style *s, struct mc_report_err *x,
                            lxw_worksheet *ws, lxw_row_t row, const char *const *names,
                            size_t n, lxw_col_t first);

/**
 * Start a workbook that will become path: it is written to a temporary
 * file beside it (tempfile.h), in libxlsxwriter's constant-memory mode when
 * asked (rows written in order, for large sheets).
 * @return MC_OK with *wb and tmp set; else nothing is left behind.
 */
mc_code mc_report_open(const char *path, int constant_memory, struct mc_tempfile *tmp,
                       lxw_workbook **wb, struct mc_err *err);

/**
 * Finish a workbook begun by mc_report_open(): write it out and rename it
 * over its path, or, on a failure (x's, kept while writing, or the
 * writing out's), remove the temporary file and leave the path untouched:
 * "report.xlsx: cannot write the workbook: sheet 'Days': Worksheet name is
 * already in use."  Frees wb and releases tmp in either case.  Thread-safe:
 * reports may be written on several threads at once (see gmtime() in
 * xlsx_overrides.c).
 */
mc_code mc_report_close(lxw_workbook *wb, struct mc_tempfile *tmp, const char *path,
                        const struct mc_report_err *x, struct mc_err *err);

/**
 * mc_report_close(), written for speed as speed says (xlsx_overrides.h):
 * MC_XLSX_STREAM for an audit's roll-up, MC_XLSX_MEMORY for its thousands
 * of per-school workbooks.
 */
mc_code mc_report_close_fast(lxw_workbook *wb, struct mc_tempfile *tmp, const char *path,
                             const struct mc_report_err *x, enum mc_xlsx_speed speed,
                             struct mc_err *err);

#endif
