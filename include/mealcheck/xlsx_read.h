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
 * an unquoted CSV field.  A merged range (<mergeCell ref="A2:A6"/>) reads
 * as its top-left value in every cell of the range, as Excel shows it.
 *
 * Cells are checked to nest in rows (<row><c>...</c></row>), and a
 * workbook is read within a budget (struct mc_xlsx_limits): bytes unpacked
 * from its parts and cells handed on, so that a few kilobytes cannot
 * expand into gigabytes.  A shared string is kept once, whatever the
 * number of cells that show it.
 */
#ifndef MEALCHECK_XLSX_READ_H
#define MEALCHECK_XLSX_READ_H

#include <stddef.h>

#include "mealcheck/error.h"

/** A non-empty cell of a sheet. */
struct mc_sheet_cell {
    long col;          /**< its column (1 = A, 16384 = XFD) */
    const char *text;  /**< what it shows, NUL-terminated UTF-8, never "" */
};

/** One row of a sheet: its non-empty cells only, in column order, so that
 *  a cell at XFD costs one cell, not 16,384.  Cells showing the same
 *  shared string (or one merged range) point to the same text: read them,
 *  never free or change them. */
struct mc_sheet_row {
    long line;                   /**< the row number Excel shows (1 = the first) */
    size_t n;                    /**< cells stored */
    struct mc_sheet_cell *cells; /**< n cells by ascending column, each once */
};

struct mc_sheet_text;

/** A worksheet read into memory.  Free with mc_sheet_free(). */
struct mc_sheet {
    char *name;                 /**< the sheet's name, as its tab shows it */
    struct mc_sheet_row *rows;  /**< rows with a non-empty cell, by line */
    size_t n_rows;
    struct mc_sheet_text *text; /**< private: the text the cells point to */
};

/** Default budget of one workbook: bytes unpacked from its XML parts. */
#define MC_XLSX_MAX_BYTES ((size_t)64 << 20)
/** Default budget of one workbook: cells stored (non-empty cells read,
 *  and each cell a merged range spreads its value over). */
#define MC_XLSX_MAX_CELLS ((size_t)2 << 20)

/** What one read may cost; 0 in a field means its default above.  A
 *  server passes a smaller budget per request. */
struct mc_xlsx_limits {
    size_t max_bytes;  /**< bytes unpacked from the parts read, in total */
    size_t max_cells;  /**< cells stored, as counted above */
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
 * Read one worksheet of the .xlsx workbook held in data, within the
 * default budget (MC_XLSX_MAX_BYTES, MC_XLSX_MAX_CELLS): as
 * mc_xlsx_read_limited() with limits NULL.
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

/**
 * Read one worksheet within a budget; limits NULL is the default.
 * @return as mc_xlsx_read(), and MC_ERR_INPUT for a workbook over its
 *         budget: "name[Menu]: xl/worksheets/sheet1.xml: more than 64 MiB
 *         unpacked; mealcheck reads at most 64 MiB of a workbook",
 *         "name[Menu]:130: more than 2097152 cells; mealcheck reads at most
 *         2097152 cells of a sheet"; or for cells that do not nest in rows:
 *         "name[Menu]: xl/worksheets/sheet1.xml:1:60: <row> inside an
 *         unfinished <c>; expected cells inside rows: <row><c>...</c></row>".
 */
mc_code mc_xlsx_read_limited(const char *name, const void *data, size_t len,
                             const char *sheet,
                             const struct mc_xlsx_limits *limits,
                             struct mc_sheet **out, struct mc_err *err);

/**
 * The names of the worksheets of the .xlsx workbook held in data, in the
 * workbook's order, as their tabs show them.
 * @return MC_OK with *names (n strings; free each and the array) and *n;
 *         MC_ERR_INPUT for what is not a readable workbook (as
 *         mc_xlsx_read()), MC_ERR_NOMEM.
 */
mc_code mc_xlsx_sheet_names(const char *name, const void *data, size_t len,
                            char ***names, size_t *n, struct mc_err *err);

/** Free a sheet.  Accepts NULL. */
void mc_sheet_free(struct mc_sheet *sheet);

#endif
