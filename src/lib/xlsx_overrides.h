/*
 * xlsx_overrides.h - the functions of other libraries that mealcheck
 * defines in place of their own while libxlsxwriter writes a workbook:
 * gmtime() (a result per thread), libxlsxwriter's cell names, XML tags,
 * attributes and temporary files, and minizip's three calls that deflate
 * a part.  Why each, and what it keeps the same, is said at each
 * definition in xlsx_overrides.c.
 */
#ifndef MC_XLSX_OVERRIDES_H
#define MC_XLSX_OVERRIDES_H

/**
 * How the workbooks this thread closes from now on are written: fast = 0,
 * as libxlsxwriter does (each part in a temporary file, deflated by
 * minizip at zlib's default level); fast = 1, each part in memory,
 * deflated in one piece by libdeflate at its level 1 (about half of zlib
 * level 1's time, for a part 9 % smaller).  The parts are the same bytes
 * either way.  Fast is for workbooks whose cells are all held in memory
 * anyway (an audit's per-school workbooks), not for a streamed roll-up.
 */
void mc_xlsx_fast(int fast);

#endif
