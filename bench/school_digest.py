#!/usr/bin/python3
"""school_digest.py WORKBOOK... - one line per workbook and sheet: a SHA-256
of the sheet's cell values (formulas' cached values, strings resolved), so
that workbooks written before and after a change can be compared by their
content, whatever order libxlsxwriter gave their shared strings.  Recipes
and Data quality are left out: a school's workbook keeps only the cards
its menu serves there (tests/unit/test_report_xlsx.c checks which).  The
time the food database was imported (Summary, Sources) is masked: the
content compared is the engine's, not the day the database was built.
"""
import hashlib
import os
import re
import sys

import openpyxl

SKIP = {"Recipes", "Data quality"}
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")

for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for name in wb.sheetnames:
        if name in SKIP:
            continue
        h = hashlib.sha256()
        for row in wb[name].iter_rows(values_only=True):
            h.update(STAMP.sub("IMPORTED", repr(row)).encode())
        print(f"{os.path.basename(path)} {name} {h.hexdigest()}")
