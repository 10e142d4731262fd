/*
 * folder.h - the data files of a folder, listed by one rule (private to the
 * library).
 *
 * Norm sets, cooking profiles, food sets, local foods and alias tables are
 * all read from folders a person fills by hand, in a file manager or by
 * saving from Excel.  Every reader lists them the same way: a name ending
 * in .csv (or .xlsx, where the reader takes workbooks) in any case, as
 * Windows and Excel write "Norms.CSV"; never a dot-file (".x.csv", the
 * "._x.csv" macOS leaves on a USB stick) nor Excel's lock file of an open
 * workbook ("~$x.xlsx", "~$x.csv"); sorted byte by byte (strcmp, the C
 * locale's order, whatever the user's locale), so that what is loaded
 * first and what messages list is the same on every machine.
 */
#ifndef MEALCHECK_FOLDER_H
#define MEALCHECK_FOLDER_H

#include <stddef.h>

#include "mealcheck/error.h"

/** The kinds of file a listing keeps (a mask). */
enum mc_folder_kind {
    MC_FOLDER_CSV = 1,  /**< *.csv, any case */
    MC_FOLDER_XLSX = 2, /**< *.xlsx, any case */
};

/**
 * 1 when a file named name (no folder) is one of kinds by the rule above.
 */
int mc_folder_keeps(const char *name, unsigned kinds);

/**
 * List the files of dir that mc_folder_keeps(), sorted.
 * @param names  set to a NULL-terminated array of file names (not paths),
 *               NULL when *n is 0; free with mc_folder_free()
 * @return MC_OK; MC_ERR_NOT_FOUND when dir is missing or not a folder, and
 *         MC_ERR_IO when it cannot be read, both with errno saying why and
 *         nothing recorded (each reader says what it expected there);
 *         MC_ERR_NOMEM, recorded
 */
mc_code mc_folder_list(const char *dir, unsigned kinds, char ***names, size_t *n,
                       struct mc_err *err);

/** Free a listing.  Accepts NULL. */
void mc_folder_free(char **names);

#endif
