/*
 * text.h - case folding of the names people type: ASCII and the Cyrillic
 * letters of Russian and Kazakh, in UTF-8.
 *
 * Recipe, dish, day and meal names are compared as a caterer reads them:
 * "плов" is "Плов", "ДҮЙСЕНБІ" is "дүйсенбі".  The C library's strcasecmp()
 * folds ASCII only, and a full Unicode folding table is not needed for the
 * alphabets these files are written in.
 */
#ifndef MEALCHECK_TEXT_H
#define MEALCHECK_TEXT_H

#include <stddef.h>

/**
 * Write in lowercased into out: ASCII A-Z and the Cyrillic capitals of
 * Russian and Kazakh (А-Я, Ё, І, Ә Ғ Қ Ң Ө Ұ Ү Һ); other bytes are copied.
 * @param size  bytes of out (>= 1); longer text is cut, always
 *              NUL-terminated
 */
void mc_text_fold(const char *in, char *out, size_t size);

/** True when a and b are the same text after mc_text_fold(), at any length. */
int mc_text_equal_fold(const char *a, const char *b);

/**
 * Order a and b as mc_text_fold() writes them, at any length: < 0, 0 or
 * > 0 like strcmp, and 0 exactly when mc_text_equal_fold() is true; for
 * sorting names so that they can be found by binary search.
 */
int mc_text_compare_fold(const char *a, const char *b);

/**
 * Levenshtein distance between a and b in bytes, for "did you mean"
 * hints: fold both first to ignore case.  A Cyrillic letter counts as two
 * edits, which only makes a hint stricter.
 * @return the distance, or (size_t)-1 when out of memory
 */
size_t mc_text_distance(const char *a, const char *b);

/**
 * A hash of s's bytes as written (FNV-1a), for tables of names: equal
 * strings hash alike, equal-when-folded ones need not.
 */
size_t mc_text_hash(const char *s);

#endif
