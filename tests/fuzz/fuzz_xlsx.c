/* fuzz_xlsx.c - workbooks: the archive, the XML parts and every cell; and
 * the same bytes as a quantity and a unit (unit.h), which read text too. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/unit.h"
#include "mealcheck/xlsx_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mc_err err = {0};
    struct mc_sheet *sheet;
    if (mc_xlsx_read("fuzz.xlsx", data, size, size & 1 ? "Sheet1" : NULL, &sheet,
                     &err) == MC_OK) {
        for (size_t r = 0; r < sheet->n_rows; r++)
            for (size_t i = 0; i < sheet->rows[r].n; i++)
                (void)strlen(sheet->rows[r].cells[i].text);
        mc_sheet_free(sheet);
    }
    mc_err_release(&err);
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    static const struct mc_measure measures[] = {
        {1, (char *)"cup", 244}, {0.5, (char *)"cup", 120}, {1, (char *)"medium", 44}};
    struct mc_unit_grams w;
    double q;
    (void)mc_unit_parse_qty(text, &q);
    (void)mc_unit_grams(text, measures, 3, &w);
    free(text);
    return 0;
}
