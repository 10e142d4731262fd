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

/** How the workbooks a thread closes are written; the parts are the same
 * bytes in every way, only compressed differently. */
enum mc_xlsx_speed {
    /** As libxlsxwriter does: each part in a temporary file, deflated by
     *  minizip at zlib's default level (6). */
    MC_XLSX_SMALL,
    /** Temporary files, zlib level 1: about a third of level 6's time for
     *  a file a quarter larger, in memory that does not grow with the
     *  workbook (an audit's roll-up of any number of schools). */
    MC_XLSX_STREAM,
    /** Each part in memory, deflated in one piece by libdeflate at its
     *  level 1 (about half of zlib level 1's time, for a part 9 % smaller):
     *  for workbooks whose cells are all held in memory anyway (an audit's
     *  per-school workbooks). */
    MC_XLSX_MEMORY,
};

/** How the workbooks this thread closes from now on are written. */
void mc_xlsx_speed(enum mc_xlsx_speed speed);

#endif
