/* test_array.c - room in a growing array (src/lib/array.h, private to the
 * library): doubling from the first capacity, the elements kept, and a
 * size that would overflow refused with the array left as it was. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>

#include "../../src/lib/array.h"

Test(array, doubles_from_first_and_keeps_the_elements)
{
    long *v = NULL;
    size_t cap = 0;
    cr_assert_eq(mc_array_reserve(&v, &cap, 1, sizeof *v, 16), 0);
    cr_expect_eq(cap, 16);
    for (size_t i = 0; i < 16; i++)
        v[i] = (long)i + 100;
    long *before = v;
    cr_expect_eq(mc_array_reserve(&v, &cap, 16, sizeof *v, 16), 0);
    cr_expect_eq(cap, 16, "room enough: nothing done");
    cr_expect_eq(v, before);
    cr_assert_eq(mc_array_reserve(&v, &cap, 17, sizeof *v, 16), 0);
    cr_expect_eq(cap, 32);
    for (size_t i = 0; i < 16; i++)
        cr_expect_eq(v[i], (long)i + 100, "element %zu", i);
    /* A need far past the capacity: doubled as often as it takes. */
    cr_assert_eq(mc_array_reserve(&v, &cap, 100, sizeof *v, 16), 0);
    cr_expect_eq(cap, 128);
    cr_expect_eq(v[0], 100);
    free(v);
}

/* Text buffers: bytes, grown to what the text needs. */
Test(array, bytes)
{
    char *t = NULL;
    size_t cap = 0;
    cr_assert_eq(mc_array_reserve(&t, &cap, 300, 1, 256), 0);
    cr_expect_eq(cap, 512);
    free(t);
}

Test(array, overflow_refused_and_nothing_changed)
{
    double *v = NULL;
    size_t cap = 0;
    cr_assert_eq(mc_array_reserve(&v, &cap, 4, sizeof *v, 4), 0);
    double *before = v;
    cr_expect_eq(mc_array_reserve(&v, &cap, SIZE_MAX, sizeof *v, 4), -1);
    cr_expect_eq(mc_array_reserve(&v, &cap, SIZE_MAX / 4, sizeof *v, 4), -1,
                 "count fits, bytes would not");
    cr_expect_eq(cap, 4);
    cr_expect_eq(v, before);
    free(v);
}
