#!/usr/bin/env python3
"""gen-hostile-xlsx.py DIR [--big] - the hostile workbooks of issue 14, for
the fuzz seeds (tests/fuzz/corpus/xlsx/) and for measuring peak memory:

  nested-row.xlsx     a <row> inside a <c> (crashed every reader, 706 bytes)
  row-in-row.xlsx     a <row> inside an unfinished <row> (leaked its cells)
  xfd-4k.xlsx         4,000 rows with one cell at XFD (~1 KB)
  xfd-20k.xlsx        20,000 such rows (~2.8 KB)
  xfd-60k.xlsx        60,000 such rows (~6.9 KB)
  sst-1m-x30.xlsx     a 1 MB shared string shown by 30 cells
  with --big: sst-10m-x30.xlsx and sst-100m-x30.xlsx (10 MB, 100 MB strings)
"""
import os
import sys
import zipfile

WB = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
      'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
      'officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" '
      'r:id="rId1"/></sheets></workbook>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="ws" '
        'Target="worksheets/sheet1.xml"/></Relationships>')


def book(path, sheet, sst=None, stored=False):
    how = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, 'w', how, compresslevel=None if stored else 9) as z:
        z.writestr('xl/workbook.xml', WB)
        z.writestr('xl/_rels/workbook.xml.rels', RELS)
        z.writestr('xl/worksheets/sheet1.xml', sheet)
        if sst is not None:
            z.writestr('xl/sharedStrings.xml', sst)


def sheet(rows):
    return '<worksheet><sheetData>' + ''.join(rows) + '</sheetData></worksheet>'


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    book(os.path.join(out, 'nested-row.xlsx'),
         sheet(['<row><c><v>1</v></c></row><row><c><v>2</v><row/></c></row>']),
         stored=True)
    book(os.path.join(out, 'row-in-row.xlsx'),
         sheet(['<row><c t="inlineStr"><is><t>x</t></is></c><row><c><v>2</v></c>'
                '</row></row>']), stored=True)
    for name, n in (('xfd-4k', 4000), ('xfd-20k', 20000), ('xfd-60k', 60000)):
        book(os.path.join(out, name + '.xlsx'),
             sheet(['<row><c r="XFD1"><v>1</v></c></row>'] * n))
    sizes = [('sst-1m-x30', 1 << 20)]
    if '--big' in sys.argv:
        sizes += [('sst-10m-x30', 10 << 20), ('sst-100m-x30', 100 << 20)]
    for name, size in sizes:
        sst = '<sst><si><t>' + 'a' * size + '</t></si></sst>'
        book(os.path.join(out, name + '.xlsx'),
             sheet('<row r="%d"><c t="s"><v>0</v></c></row>' % (r + 1)
                   for r in range(30)), sst)


main()
