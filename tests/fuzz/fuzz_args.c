/* fuzz_args.c - what users type as option values: a group ("7-11",
 * "14 boys and 12 girls aged 9-13"), a meal share ("обед=30-35"), a date
 * ("2026-09-01") and a day of a menu; the input is each of them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/menu.h"
#include "mealcheck/standard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';

    struct mc_err err = {0};
    struct mc_group_spec spec = {0};
    if (mc_group_spec_parse(text, &spec, &err) == MC_OK && spec.is_ages &&
        (spec.age_min > spec.age_max || spec.boys < 0 || spec.girls < 0))
        abort(); /* an age band is ordered, a roster counts children */
    mc_group_spec_release(&spec);
    mc_err_release(&err);

    struct mc_meal_share share;
    char meal[64];
    if (mc_meal_share_parse(text, &share, meal, sizeof meal) &&
        !(share.min_pct >= 0 && share.min_pct <= share.max_pct && share.max_pct <= 100))
        abort(); /* documented: 0-100, min <= max */

    /* A date read is a calendar date: written out, it reads the same.
     * (The parser also takes "2022- 9-01": strtol's leading blanks.) */
    int date, again;
    char back[16];
    if (mc_date_parse(text, &date) &&
        (!mc_date_parse(mc_date_format(back, sizeof back, date), &again) ||
         again != date))
        abort();

    (void)mc_day_parse(text);
    char canon[64];
    mc_meal_canonical(text, canon, sizeof canon);
    free(text);
    return 0;
}
