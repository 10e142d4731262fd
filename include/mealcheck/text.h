/*
 * text.h - comparing names as people write them, in English, Russian or
 * Kazakh: case folding of UTF-8 text.
 *
 * Folding lowercases ASCII and the Cyrillic capitals of Russian and Kazakh
 * (А-Я, Ё, І, and Ә Ғ Қ Ң Ө Ұ Ү Һ); every other byte is kept as it is.
 */
#ifndef MEALCHECK_TEXT_H
#define MEALCHECK_TEXT_H

#include <stddef.h>

/**
 * Fold in into out (see above).
 * @param size  bytes of out; the result is cut to fit and always
 *              NUL-terminated (size >= 1)
 */
void mc_text_fold(const char *in, char *out, size_t size);

/**
 * Compare two UTF-8 strings ignoring case as mc_text_fold() does, with no
 * length limit ("Плов" equals "плов", "ҚЫМЫЗ" equals "қымыз").
 * @return <0, 0 or >0 like strcmp, over the folded bytes
 */
int mc_text_casecmp(const char *a, const char *b);

#endif
