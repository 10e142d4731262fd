/*
 * workbook.c - the caterer's workbook bench/serve.sh sends: each (sheet,
 * CSV file) pair of the command line becomes a sheet of string cells, as a
 * kitchen types its tech cards and menu into Excel.  The CSV files are the
 * sample's: no quoted fields.
 *
 *     bench-workbook OUT.xlsx SHEET FILE.csv [SHEET FILE.csv]...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static int put_sheet(lxw_workbook *wb, const char *name, const char *path)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    FILE *f = fopen(path, "r");
    if (!ws || !f) {
        fprintf(stderr, "bench-workbook: %s: cannot read\n", path);
        if (f)
            fclose(f);
        return -1;
    }
    char line[8192];
    for (lxw_row_t row = 0; fgets(line, sizeof line, f); row++) {
        line[strcspn(line, "\r\n")] = '\0';
        char *rest = line;
        lxw_col_t col = 0;
        for (char *cell; (cell = strsep(&rest, ",")) != NULL; col++)
            if (*cell)
                worksheet_write_string(ws, row, col, cell, NULL);
    }
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4 || argc % 2) {
        fprintf(stderr, "usage: bench-workbook OUT.xlsx SHEET FILE.csv...\n");
        return 2;
    }
    lxw_workbook *wb = workbook_new(argv[1]);
    if (!wb)
        return 1;
    int rc = 0;
    for (int i = 2; i + 1 < argc && !rc; i += 2)
        rc = put_sheet(wb, argv[i], argv[i + 1]);
    if (workbook_close(wb) != LXW_NO_ERROR)
        rc = 1;
    return rc ? 1 : 0;
}
