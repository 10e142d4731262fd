/* fuzz_xlsx_sheet.c - the input is xl/worksheets/sheet1.xml of a valid
 * stored workbook whose shared strings are fixed: rows, cells, their
 * nesting, references, types, merged ranges and the budget of cells. */
#include "fuzz_zip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char sst[] =
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<si><t>day</t></si><si><r><t>Плов </t></r><r><t>с мясом</t></r><rPh><t>x</t>"
    "</rPh></si><si><t xml:space=\"preserve\">  </t></si></sst>";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read_book(data, size, sst, sizeof sst - 1);
    return 0;
}
