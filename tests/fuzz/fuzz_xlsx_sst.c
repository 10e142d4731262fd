/* fuzz_xlsx_sst.c - the input is xl/sharedStrings.xml of a valid stored
 * workbook whose sheet shows shared strings 0-7, one merged over a range. */
#include "fuzz_zip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char sheet[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\">"
    "<v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c></row><row r=\"2\"><c t=\"s\">"
    "<v>3</v></c><c t=\"s\"><v>4</v></c><c t=\"s\"><v>5</v></c></row><row r=\"4\">"
    "<c r=\"A4\" t=\"s\"><v>6</v></c><c r=\"D4\" t=\"s\"><v>7</v></c></row>"
    "</sheetData><mergeCells><mergeCell ref=\"A4:B6\"/></mergeCells></worksheet>";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read_book(sheet, sizeof sheet - 1, data, size);
    return 0;
}
