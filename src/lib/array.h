/*
 * array.h - room in a growing heap array (private to the library): the one
 * place that does the doubling and its overflow arithmetic, for the arrays
 * of rows, fields, cells and names the readers fill, and their text buffers.
 */
#ifndef MEALCHECK_ARRAY_H
#define MEALCHECK_ARRAY_H

#include <stddef.h>

/**
 * Make *arr, an array of *cap elements of elem bytes, hold at least need:
 * the capacity doubles, starting from first, until it does.  The new
 * elements are left as realloc leaves them (unset: memory not touched is
 * not counted against the process), and on failure *arr and *cap are as
 * they were.
 * @param arr  the address of the array's pointer (a T **)
 * @return 0, or -1 when memory is short or the size would overflow
 */
int mc_array_reserve(void *arr, size_t *cap, size_t need, size_t elem, size_t first);

#endif
