/*
 * workbook.h - a caterer's one workbook: the tech cards on one sheet and
 * the menu on another, found by their headers when she does not name them.
 *
 * A sheet is the menu when a cell of its first row names the day ("day",
 * "день", "күн"); it is the recipe book when one names the food or its
 * weights ("food", "gross_g", "net_g", "продукт...", "наименование
 * продукта", "брутто...", "нетто...", "өнім") and none the day.  The first
 * sheet of each kind is taken.
 */
#ifndef MEALCHECK_WORKBOOK_H
#define MEALCHECK_WORKBOOK_H

#include <stddef.h>

#include "mealcheck/error.h"
#include "mealcheck/xlsx_read.h"

/**
 * Find the recipe book's sheet and the menu's sheet of the .xlsx workbook
 * in data (read within limits; NULL: the defaults).
 * @param name  the file, for messages
 * @return MC_OK with the two sheet names written (cut to their sizes);
 *         MC_ERR_INPUT, as mc_xlsx_read() for an unreadable workbook, or
 *         "name: no sheet has the headers of a menu (a day column: day,
 *         день, күн); the sheets are 'A', 'B'; name the menu's sheet";
 *         MC_ERR_NOMEM.
 */
mc_code mc_workbook_find_sheets(const char *name, const void *data, size_t len,
                                const struct mc_xlsx_limits *limits, char *recipes,
                                size_t recipes_size, char *menu, size_t menu_size,
                                struct mc_err *err);

/** What a sheet of a workbook holds, by its headers. */
enum mc_workbook_role {
    MC_WORKBOOK_OTHER,    /**< neither, or not the first of its kind */
    MC_WORKBOOK_RECIPES,  /**< the recipe book: the first sheet with its headers */
    MC_WORKBOOK_MENU      /**< the menu: the first sheet with its headers */
};

/** One sheet of a workbook and the role header detection gives it. */
struct mc_workbook_sheet {
    char *name;                 /**< as its tab shows it */
    enum mc_workbook_role role; /**< what mc_workbook_find_sheets() takes it for */
};

/**
 * Every sheet of the .xlsx workbook in data, in the workbook's order, each
 * with its role: the sheets mc_workbook_find_sheets() would take are
 * MC_WORKBOOK_RECIPES and MC_WORKBOOK_MENU, every other MC_WORKBOOK_OTHER
 * (a workbook may have neither).  Each sheet is read within limits (NULL:
 * the defaults), so that a person can be offered the sheets to choose.
 * @return MC_OK with *out (free with mc_workbook_sheets_free()) and *n;
 *         MC_ERR_INPUT as mc_xlsx_read() for an unreadable workbook or a
 *         sheet past the limits; MC_ERR_NOMEM.
 */
mc_code mc_workbook_sheets(const char *name, const void *data, size_t len,
                           const struct mc_xlsx_limits *limits,
                           struct mc_workbook_sheet **out, size_t *n, struct mc_err *err);

/** Free what mc_workbook_sheets() returned.  Accepts NULL. */
void mc_workbook_sheets_free(struct mc_workbook_sheet *sheets, size_t n);

#endif
