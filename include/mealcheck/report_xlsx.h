/*
 * report_xlsx.h - the compliance report as an Excel workbook (libxlsxwriter).
 *
 * Sheets, in order:
 *   Summary       menu, norm sets, groups, period, check date, versions; one
 *                 row per nutrient bound with norm, value, % of norm, status
 *                 (coloured), days out of range, coverage; a bar chart of
 *                 % of norm per norm set x group; the cost per child a day
 *                 against the budget, when prices or a budget are given
 *   Days          every day x meal with its nutrients; cells out of range
 *                 highlighted; the norms as rows above; its cost (red over
 *                 the budget); its partial totals (each nutrient whose
 *                 value is known for only part of the food mass, with
 *                 the share known)
 *   Dishes        every dish served with its per-portion nutrients and price
 *   Recipes       each technological card: ingredients, gross and net grams,
 *                 cooking profile, contributions, and the dish totals as
 *                 Excel formulas over those rows (with cached values)
 *   Data quality  unknown values by ingredient, coverage per nutrient, foods
 *                 matched by name, defaults assumed, the columns read from
 *                 the recipe book and the menu, the warnings on what was
 *                 typed (a yield far from the net weights, an implausible
 *                 portion, ...) each at its file:line:col
 *   Sources       the norm sets' legal references and URLs, the rules used,
 *                 the food database provenance, the cooking-loss profiles
 *   Suggestions   (with a suggestion, after the Summary) the verdict once
 *                 changed, the cost per child a day before and after, each
 *                 change (day, meal, dish, kind, old and new portion, old
 *                 and new cost, the nutrients of the failing norms it
 *                 moves, before -> after) and each norm whose value or
 *                 verdict changed, before -> after; or, when nothing
 *                 complies, the norms that cannot be met together
 *   Food sets     (with a food-set check) the cumulative statement: one row
 *                 per food group with net grams per day, total, average,
 *                 norm, % of norm and status; then every food and its group
 *   Tech cards    a technological card per dish served, in the CIS layout
 *                 (Технологическая карта: raw materials with gross and net
 *                 grams per portion and per batch, the yield, proteins,
 *                 fats, carbohydrates, energy, minerals and vitamins per
 *                 portion, its cost), portrait, one page per card
 *
 * In Russian or Kazakh (mealcheck/i18n.h) foods go by the names people
 * there know (struct mc_report's db), meals by theirs (mc_meal_label),
 * nutrients by name, norm sets by their translated titles and notes.
 *
 * The % of norm charts colour each bar as its status (red fails, amber
 * advisory, green ok, grey insufficient data) and grow the bars from a
 * line at 100 %, the norm.
 *
 * Printed, every sheet is A4 landscape with margins, the title and the
 * sheet's name at the top and "Page N of M" at the bottom.  The Summary
 * prints its judgement (up to the Coverage column) on one page while it
 * has at most 70 rows, else one page wide with its header repeated;
 * Data quality is fitted to the page width; the wide sheets (Days,
 * Dishes, Recipes, Sources: a column per nutrient) print at 70 % across
 * pages, their key columns and header row repeated on each; the Tech
 * cards are portrait, fitted to the width, a page break before each card.
 *
 * The workbook is written to a temporary file beside the target and renamed
 * into place, so a failure never leaves a half-written report.  Document
 * properties are fixed (no wall-clock time) so the same inputs give the same
 * workbook contents.
 */
#ifndef MEALCHECK_REPORT_XLSX_H
#define MEALCHECK_REPORT_XLSX_H

#include "mealcheck/check.h"
#include "mealcheck/error.h"
#include "mealcheck/food_db.h"
#include "mealcheck/food_set.h"
#include "mealcheck/recipe.h"
#include "mealcheck/suggest.h"

/** Everything the report shows.  Only check is required. */
struct mc_report {
    const struct mc_check *check;              /**< the judgement, with its menu */
    const struct mc_recipe_book *book;         /**< the cards; NULL = no Recipes rows */
    const struct mc_food_db_provenance *prov;  /**< NULL = "unknown" */
    const char *title;                         /**< school or menu name; NULL = the menu path */
    const struct mc_food_set *food_set;        /**< NULL = no Food sets sheet */
    const struct mc_suggestion *suggestion;    /**< of check's menu (suggest.h);
                                                    NULL = no Suggestions sheet */
    double budget;                             /**< per child per day; <= 0: none */
    const char *currency;                      /**< label of amounts; NULL = none */
    /** The warnings of loading the book and menu (struct mc_err's, one
     *  "file:line:col: message" a line); NULL = none. */
    const char *warnings;
    /** The database the book's foods came from, for the names they go by in
     *  the language in force (mc_food_db_local_name): in Russian or Kazakh
     *  every sheet names a food so ("мука пшеничная"), SR28's id and name
     *  beside it where there is room; used only during the call.  NULL =
     *  SR28's names. */
    struct mc_food_db *db;
    /** 1: of the book, only the cards the menu serves and the sub-recipes
     *  they use (Recipes, Data quality, cooking profiles), as a school of
     *  an audit needs; 0: the whole book. */
    int served_only;
    /** 1: written for speed (in memory, each part deflated by libdeflate
     *  at level 1: a file about a sixth larger), for an audit's thousands
     *  of workbooks; 0: as libxlsxwriter writes it, as small as it makes
     *  it. */
    int fast;
};

/**
 * Write the report to path (".xlsx").  Thread-safe: several reports may be
 * written at once (a server's requests, an audit's schools).
 * @return MC_OK; MC_ERR_INPUT when the folder does not exist, MC_ERR_IO on
 *         another write failure (path named in err); path is then untouched.
 */
mc_code mc_report_xlsx_write(const struct mc_report *rep, const char *path,
                             struct mc_err *err);

#endif
