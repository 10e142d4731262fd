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

/** The formats both workbooks use, owned by the workbook they were added to. */
struct mc_report_style {
    lxw_format *title; /**< sheet title: bold, 14 pt */
    lxw_format *bold;
    lxw_format *head;  /**< table header: bold, shaded, bordered, wrapped, top */
    lxw_format *wrap;  /**< wrapped text, top-aligned */
    lxw_format *pct;   /**< a fraction shown as a whole percent */
};

/** Add the shared formats to wb. */
void mc_report_style_add(lxw_workbook *wb, struct mc_report_style *s);

/**
 * Write a table's header row: names[i], translated, from column first on,
 * in the head format, the row tall enough for wrapped names (not every
 * reader autofits rows).
 */
void mc_report_style_header(const struct mc_report_style *s, lxw_worksheet *ws,
                            lxw_row_t row, const char *const *names, size_t n,
                            lxw_col_t first);

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
 * over its path, or, on a failure, remove the temporary file and leave the
 * path untouched.  Frees wb and releases tmp in either case.  Thread-safe:
 * reports may be written on several threads at once (the one step of
 * libxlsxwriter that is not thread-safe is serialised here).
 */
mc_code mc_report_close(lxw_workbook *wb, struct mc_tempfile *tmp, const char *path,
                        struct mc_err *err);

#endif
