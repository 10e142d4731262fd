/*
 * xlsx_read.h - one worksheet of an Excel workbook (.xlsx), read as rows
 * of text cells, so that recipe books and menus kept in Excel are read as
 * they are (mc_csv_open() hands a workbook to this module).
 *
 * A workbook is a ZIP archive of XML parts (ECMA-376, Office Open XML):
 * xl/workbook.xml lists the sheets, xl/_rels/workbook.xml.rels says which
 * part holds each, xl/sharedStrings.xml holds the text most cells point
 * to.  They are read with libzip and expat.  Each cell becomes the text it
 * displays: a string (shared, inline, or a formula's text result), a
 * number with Excel's 15 significant digits (0.1 + 0.2 stored as
 * 0.30000000000000004 reads "0.3"), TRUE or FALSE, an error value as
 * written (#N/A); number formats are not applied (a date reads as its
 * serial number, 3.2 % as 0.032).  Surrounding spaces are removed, as from
 * an unquoted CSV field.
 */
#ifndef MEALCHECK_XLSX_READ_H
#define MEALCHECK_XLSX_READ_H

#include <stddef.h>

#include "mealcheck/error.h"

/** One row of a sheet: its cells from column A, "" where a cell is empty. */
struct mc_sheet_row {
    long line;        /**< the row number Excel shows (1 = the first) */
    size_t n;         /**< cells, up to the last non-empty one */
    char **cells;     /**< n NUL-terminated UTF-8 strings, never NULL */
};

/** A worksheet read into memory.  Free with mc_sheet_free(). */
struct mc_sheet {
    char *name;                 /**< the sheet's name, as its tab shows it */
    struct mc_sheet_row *rows;  /**< rows with a non-empty cell, in order */
    size_t n_rows;
};

/** What a file's first bytes say it is. */
enum mc_sheet_format {
    MC_SHEET_TEXT,  /**< anything else: CSV is assumed */
    MC_SHEET_ZIP,   /**< a ZIP archive: .xlsx (or .ods, refused when read) */
    MC_SHEET_OLE2   /**< an OLE2 compound file: Excel 97-2003 .xls */
};

/** Tell the format of a file from its first len bytes. */
enum mc_sheet_format mc_sheet_sniff(const void *data, size_t len);

/**
 * Read one worksheet of the .xlsx workbook held in data.
 * @param name   the file, for messages ("menus/menu.xlsx")
 * @param sheet  the sheet's name (compared as mc_text_equal_fold), or NULL
 *               for the first sheet
 * @return MC_OK with *out; MC_ERR_INPUT, with *out NULL, for what is not a
 *         readable workbook: "name: an OpenDocument spreadsheet (.ods) ...;
 *         expected .xlsx or CSV UTF-8", "name: no sheet 'Menu'; the sheets
 *         are 'Sheet1', 'Лист2'", "name[Menu]:14:3: shared string 99 does
 *         not exist", malformed XML with its part, line and column;
 *         MC_ERR_NOMEM.
 */
mc_code mc_xlsx_read(const char *name, const void *data, size_t len,
                     const char *sheet, struct mc_sheet **out,
                     struct mc_err *err);

/** Free a sheet.  Accepts NULL. */
void mc_sheet_free(struct mc_sheet *sheet);

#endif
