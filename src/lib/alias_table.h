/*
 * alias_table.h - reading an alias table (private to the library).
 *
 * The Russian and Kazakh names of foods come from two places: the shipped
 * tables that `db build` imports (the CSV files of food_composition/aliases/) and a
 * caterer's own table given when a check runs (`--aliases FILE`).  Both are
 * read here, with the same columns, checks and messages, so that a name
 * that `db build` would refuse is refused the same way at run time.
 */
#ifndef MEALCHECK_ALIAS_TABLE_H
#define MEALCHECK_ALIAS_TABLE_H

#include <stddef.h>

#include "mealcheck/error.h"

/** One checked row of an alias table. */
struct mc_alias_row {
    const char *alias;   /**< the name as written */
    const char *fold;    /**< the name as mc_text_fold() writes it */
    const char *lang;    /**< "ru" or "kk" */
    const char *food_id; /**< a food of the database */
    const char *note;    /**< "" when none */
    const char *origin;  /**< "path:line" */
    int alias_col;       /**< 1-based column of alias, for messages */
};

/** What reading a table needs from its caller. */
struct mc_alias_sink {
    void *ctx;
    /** 1 when the database has a food with this id, 0 if not, -1 on failure */
    int (*food_exists)(void *ctx, const char *id);
    /** Keep a row: 1 kept, 0 the alias is already given for this food (the
     *  origin of the first is written to first), -1 on failure (recorded). */
    int (*add)(void *ctx, const struct mc_alias_row *row, char *first,
               size_t first_size);
};

/**
 * Read the alias table in (a file or an upload: CSV, or an .xlsx
 * workbook's first sheet, "book.xlsx#Sheet" or in->sheet for another; columns alias, lang, food_id and
 * optionally note) and hand every good row to sink->add.  Every problem is
 * recorded as "path:line:col: ..." (MC_ERR_INPUT), up to MC_ERR_LIMIT: a
 * missing column or field, a language other than ru and kk, an unknown
 * food id, the same alias twice for one food.
 * @return MC_OK (problems may be recorded: check err->count), or the code
 *         of a failure that stopped the reading
 */
struct mc_input; /* mealcheck/infile.h */

mc_code mc_alias_table_read(const struct mc_input *in, const struct mc_alias_sink *sink,
                            struct mc_err *err);

#endif
