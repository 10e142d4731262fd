/*
 * text.h - the names people type, compared as they read them: Unicode
 * text in UTF-8, normalised and case-folded by GNU libunistring.
 *
 * Recipe, dish, day, meal and food names are compared as a caterer reads
 * them: "плов" is "Плов", "ДҮЙСЕНБІ" is "дүйсенбі", "пшённая" is
 * "пшенная" (ё is written as е as often as not), and a name whose ё is
 * "е" followed by a combining diaeresis (U+0308, as some editors and web
 * forms store it) is the same name as one with the precomposed letter.
 */
#ifndef MEALCHECK_TEXT_H
#define MEALCHECK_TEXT_H

#include <stddef.h>

/**
 * Write in folded into out: normalised to NFC, case-folded by Unicode's
 * full case folding (every script, not only Latin and Cyrillic), and ё
 * (Ё) written as е.  Text that is not valid UTF-8 is copied with ASCII
 * letters lowercased.
 * @param size  bytes of out (>= 1); longer text is cut at a whole
 *              character, always NUL-terminated
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
 * Optimal string alignment distance between a and b in characters (code
 * points): insertions, deletions, substitutions and swaps of two
 * neighbouring characters count one each, so "Картофль" is one edit from
 * "картофель" once both are folded with mc_text_fold() (the caller folds:
 * the distance itself is case-sensitive).
 * @return the distance, or (size_t)-1 when out of memory
 */
size_t mc_text_distance(const char *a, const char *b);

/**
 * Write in into out with its first character in upper case ("мука
 * пшеничная" -> "Мука пшеничная"), as a name heads a line of a form.
 * Text that is not valid UTF-8 is copied as it is.
 * @param size  bytes of out (>= 1); longer text is cut, NUL-terminated
 */
void mc_text_capitalize(const char *in, char *out, size_t size);

/** The number of characters (code points) of UTF-8 text s. */
size_t mc_text_chars(const char *s);

/**
 * The byte offset of the first byte of s[0..n) that does not begin a
 * well-formed UTF-8 character (overlong forms, surrogates and code points
 * past U+10FFFF are ill-formed), or n when all of it is well-formed.
 */
size_t mc_text_utf8_check(const char *s, size_t n);

/**
 * The bytes of the well-formed UTF-8 character at p (n >= 1 bytes left),
 * or 0 when none begins there, for code that replaces each bad byte (by
 * U+FFFD) rather than refusing the text.
 */
size_t mc_text_utf8_char(const char *p, size_t n);

/**
 * A hash of s's bytes as written (FNV-1a), for tables of names: equal
 * strings hash alike, equal-when-folded ones need not.
 */
size_t mc_text_hash(const char *s);

#endif
