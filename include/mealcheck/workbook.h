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

#endif
