/* xlsx_cells.h - reading cells of a written workbook back from its XML
 * (through `unzip -p`), for the report tests.  Strings may be shared
 * (the default) or inline (constant_memory mode). */
#ifndef MEALCHECK_TEST_XLSX_CELLS_H
#define MEALCHECK_TEST_XLSX_CELLS_H

/** One member of the zip, e.g. "xl/worksheets/sheet1.xml"; caller frees.
 *  A missing member fails the test. */
char *member(const char *xlsx, const char *name);

/** The i-th shared string of sst (plain text between <t> tags); caller frees. */
char *shared(const char *sst, long i);

struct cell {
    char value[2048];  /* the cached value, strings resolved */
    char formula[128]; /* "" when none */
};

/** Cell ref ("B3") of sheet; sst may be NULL when the workbook has only
 *  inline strings.  A cell not written fails the test. */
struct cell cell(const char *sheet, const char *sst, const char *ref);

/** The cell's value as a number. */
double num(const struct cell *c);

/** The number in cell ref, expected not empty. */
double numat(const char *sheet, const char *sst, const char *ref);

#endif
