/*
 * school_search.h - finding a school of a manifest as a parent types it:
 * by name, number or district, in Russian, Kazakh or English, with a typo.
 *
 * Pure computation over a loaded manifest (manifest.h).  The query and the
 * school's id, name, district and region are folded (mc_text_fold) and cut
 * into words: runs of letters and runs of digits ("№12" and "школа12" give
 * "12"; "школа-лицей" gives "школа", "лицей").  Every word of the query must
 * match a word of the school, each costing:
 *
 *   0  the same word (a number: the same number, "012" is "12")
 *   1  a word of the school begins with it (at least 2 letters: "гимн")
 *   2  one edit away (mc_text_distance; words of 4 letters or more)
 *   3  a word that only says "school" ("школа", "мектеп", "school", "сош",
 *      "No") and matches nothing: it neither helps nor excludes
 *
 * A query word with no match excludes the school.  Schools are ranked by the
 * sum of their costs, then by a number in the query that is the school's id,
 * then in manifest order.
 */
#ifndef MEALCHECK_SCHOOL_SEARCH_H
#define MEALCHECK_SCHOOL_SEARCH_H

#include <stddef.h>

#include "mealcheck/manifest.h"

/** One school found. */
struct mc_school_hit {
    size_t index;   /**< into manifest->schools */
    int cost;       /**< the sum of its words' costs (see above); 0 is exact */
};

/**
 * Find the schools of m that query names, best first.
 * @param out  room for max hits; the best max are written
 * @return how many schools match (may exceed max: only max are written);
 *         0 for a query with no word, or one that matches no school
 */
size_t mc_school_search(const struct mc_manifest *m, const char *query,
                        struct mc_school_hit *out, size_t max);

#endif
