/*
 * fuzz_zip.h - a workbook packed as a valid stored (uncompressed) ZIP, so
 * that fuzz input reaches the XML handlers of the .xlsx reader instead of
 * dying at the archive's CRC.
 */
#ifndef MEALCHECK_FUZZ_ZIP_H
#define MEALCHECK_FUZZ_ZIP_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

struct fuzz_part {
    const char *name;
    const void *data;
    size_t len;
};

static unsigned char *put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    return p + 2;
}

static unsigned char *put32(unsigned char *p, uint32_t v)
{
    p = put16(p, v & 0xFFFF);
    return put16(p, v >> 16);
}

/* The archive of n parts, stored; *len its size.  Caller frees. */
static unsigned char *fuzz_stored_zip(const struct fuzz_part *parts, size_t n,
                                      size_t *len)
{
    size_t size = 22;
    for (size_t i = 0; i < n; i++)
        size += 30 + 46 + 2 * strlen(parts[i].name) + parts[i].len;
    unsigned char *zip = malloc(size), *p = zip;
    uint32_t *offsets = malloc(n * sizeof *offsets), *crcs = malloc(n * sizeof *crcs);
    if (!zip || !offsets || !crcs)
        abort();
    for (size_t i = 0; i < n; i++) {
        size_t nl = strlen(parts[i].name);
        offsets[i] = (uint32_t)(p - zip);
        crcs[i] = (uint32_t)crc32(0, parts[i].data, (uInt)parts[i].len);
        p = put32(p, 0x04034b50);
        p = put16(p, 20);
        p = put16(p, 0);
        p = put16(p, 0); /* stored */
        p = put32(p, 0);
        p = put32(p, crcs[i]);
        p = put32(p, (uint32_t)parts[i].len);
        p = put32(p, (uint32_t)parts[i].len);
        p = put16(p, (unsigned)nl);
        p = put16(p, 0);
        memcpy(p, parts[i].name, nl);
        p += nl;
        if (parts[i].len)
            memcpy(p, parts[i].data, parts[i].len);
        p += parts[i].len;
    }
    uint32_t cd = (uint32_t)(p - zip);
    for (size_t i = 0; i < n; i++) {
        size_t nl = strlen(parts[i].name);
        p = put32(p, 0x02014b50);
        p = put16(p, 20);
        p = put16(p, 20);
        p = put16(p, 0);
        p = put16(p, 0);
        p = put32(p, 0);
        p = put32(p, crcs[i]);
        p = put32(p, (uint32_t)parts[i].len);
        p = put32(p, (uint32_t)parts[i].len);
        p = put16(p, (unsigned)nl);
        p = put16(p, 0);
        p = put16(p, 0);
        p = put16(p, 0);
        p = put16(p, 0);
        p = put32(p, 0);
        p = put32(p, offsets[i]);
        memcpy(p, parts[i].name, nl);
        p += nl;
    }
    uint32_t cd_size = (uint32_t)(p - zip) - cd;
    p = put32(p, 0x06054b50);
    p = put16(p, 0);
    p = put16(p, 0);
    p = put16(p, (unsigned)n);
    p = put16(p, (unsigned)n);
    p = put32(p, cd_size);
    p = put32(p, cd);
    p = put16(p, 0);
    free(offsets);
    free(crcs);
    *len = (size_t)(p - zip);
    return zip;
}

/* The workbook parts around a sheet: one sheet, "Sheet1", in sheet1.xml. */
static const char fuzz_workbook_xml[] =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char fuzz_rels_xml[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\"><Relationship Id=\"rId1\" Type=\"ws\" "
    "Target=\"worksheets/sheet1.xml\"/></Relationships>";

/* Read the workbook of sheet and sst (NULL: none) as the reader does, with
 * a budget small enough for many runs a second, and touch every cell. */
#include "mealcheck/xlsx_read.h"

static void fuzz_read_book(const void *sheet, size_t sheet_len, const void *sst,
                           size_t sst_len)
{
    struct fuzz_part parts[] = {
        {"xl/workbook.xml", fuzz_workbook_xml, sizeof fuzz_workbook_xml - 1},
        {"xl/_rels/workbook.xml.rels", fuzz_rels_xml, sizeof fuzz_rels_xml - 1},
        {"xl/worksheets/sheet1.xml", sheet, sheet_len},
        {"xl/sharedStrings.xml", sst, sst_len}};
    size_t len;
    unsigned char *zip = fuzz_stored_zip(parts, sst ? 4 : 3, &len);
    struct mc_err err = {0};
    struct mc_sheet *s;
    struct mc_xlsx_limits limits = {.max_bytes = 4u << 20, .max_cells = 1u << 18};
    if (mc_xlsx_read_limited("fuzz.xlsx", zip, len, NULL, &limits, &s, &err) == MC_OK) {
        for (size_t r = 0; r < s->n_rows; r++)
            for (size_t i = 0; i < s->rows[r].n; i++)
                if (strlen(s->rows[r].cells[i].text) > (4u << 20))
                    abort(); /* no cell is longer than what was unpacked */
        mc_sheet_free(s);
    }
    mc_err_release(&err);
    free(zip);
}

#endif
