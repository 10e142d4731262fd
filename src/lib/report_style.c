/*
 * report_style.c - the formats and header rows both workbooks share.
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "report_style.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "mealcheck/i18n.h"

lxw_error mc_xl(struct mc_report_err *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->code == LXW_NO_ERROR) {
        x->code = e;
        memcpy(x->where, x->sheet, sizeof x->where);
    }
    return e;
}

void *mc_report_made(struct mc_report_err *x, void *p)
{
    if (!p)
        mc_xl(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return p;
}

lxw_worksheet *mc_report_sheet(struct mc_report_err *x, lxw_workbook *wb,
                               const char *name)
{
    snprintf(x->sheet, sizeof x->sheet, "%s", name);
    /* workbook_add_worksheet() says only NULL: ask it why first. */
    if (mc_xl(x, workbook_validate_sheet_name(wb, name)))
        return NULL;
    return mc_report_made(x, workbook_add_worksheet(wb, name));
}

void mc_report_style_add(lxw_workbook *wb, struct mc_report_style *s,
                         struct mc_report_err *x)
{
    if (!(s->title = mc_report_made(x, workbook_add_format(wb))) ||
        !(s->bold = mc_report_made(x, workbook_add_format(wb))) ||
        !(s->head = mc_report_made(x, workbook_add_format(wb))) ||
        !(s->wrap = mc_report_made(x, workbook_add_format(wb))) ||
        !(s->pct = mc_report_made(x, workbook_add_format(wb))))
        return;
    format_set_bold(s->title);
    format_set_font_size(s->title, 14);
    format_set_bold(s->bold);
    format_set_bold(s->head);
    format_set_bg_color(s->head, 0xDDEBF7);
    format_set_border(s->head, LXW_BORDER_THIN);
    format_set_text_wrap(s->head);
    format_set_align(s->head, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(s->wrap);
    format_set_align(s->wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(s->pct, "0%");
}

void mc_report_style_header(const struct mc_report_style *s, struct mc_report_err *x,
                            lxw_worksheet *ws, lxw_row_t row, const char *const *names,
                            size_t n, lxw_col_t first)
{
    for (size_t i = 0; i < n; i++)
        mc_xl(x, worksheet_write_string(ws, row, first + (lxw_col_t)i, _(names[i]),
                                        s->head));
    mc_xl(x, worksheet_set_row(ws, row, 30, NULL));
}

mc_code mc_report_open(const char *path, int constant_memory, struct mc_tempfile *tmp,
                       lxw_workbook **wb, struct mc_err *err)
{
    mc_code rc = mc_tempfile_create(tmp, path, err);
    if (rc)
        return rc;
    lxw_workbook_options opt = {.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE};
    if (!(*wb = workbook_new_opt(tmp->path, &opt))) {
        mc_tempfile_release(tmp);
        return mc_err_set(err, MC_ERR_IO, "%s: cannot create the workbook", path);
    }
    return MC_OK;
}

/*
 * gmtime() with a result per thread, as POSIX allows (the standard only
 * says a later call may overwrite the result).  libxlsxwriter 1.1.4 writes
 * a workbook's creation time (docProps/core.xml) with gmtime() while it
 * closes the workbook; glibc's keeps one result for the whole process, so
 * two threads closing workbooks at once (an audit's per-school workbooks,
 * the server's reports) could each format the other's date.  A lock held
 * over workbook_close() serialised all of closing, which is most of
 * writing a workbook (its XML and compression).  Defining gmtime() here
 * makes every caller in the program, libxlsxwriter included (the linker
 * exports it for the shared library that uses it), get its own thread's
 * result; nothing else in closing a workbook is shared between threads.
 * It is the one library function mealcheck defines; tests/unit's report
 * tests write workbooks from two threads and compare their dates.
 */
struct tm *gmtime(const time_t *t)
{
    static _Thread_local struct tm result;
    return gmtime_r(t, &result);
}

/*
 * The compression level of the workbooks this thread closes: -1, the
 * library's own, or (mc_report_close_fast) 1.  libxlsxwriter 1.1.4 has no
 * option for it: it deflates every part through the system's minizip at
 * zlib's default level 6, which was 40 % of writing a school's workbook.
 * zipOpenNewFileInZip4_64() below is minizip's (the one libxlsxwriter
 * calls for each part, found by the dynamic linker in the program first),
 * passing the call on to minizip's own with this level; at -1 it changes
 * nothing.  Where libxlsxwriter is built with a bundled minizip that it
 * calls directly, this function is simply not called.
 */
static _Thread_local int zip_level = -1;

typedef int zip_open_fn(void *file, const char *filename, const void *zipfi,
                        const void *extra_local, unsigned size_extra_local,
                        const void *extra_global, unsigned size_extra_global,
                        const char *comment, int method, int level, int raw,
                        int window_bits, int mem_level, int strategy,
                        const char *password, unsigned long crc_for_crypting,
                        unsigned long version_made_by, unsigned long flag_base,
                        int zip64);
static zip_open_fn *minizip_open;
static pthread_once_t minizip_once = PTHREAD_ONCE_INIT;

static void find_minizip(void)
{
    minizip_open = (zip_open_fn *)dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
}

zip_open_fn zipOpenNewFileInZip4_64;
int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *zipfi,
                            const void *extra_local, unsigned size_extra_local,
                            const void *extra_global, unsigned size_extra_global,
                            const char *comment, int method, int level, int raw,
                            int window_bits, int mem_level, int strategy,
                            const char *password, unsigned long crc_for_crypting,
                            unsigned long version_made_by, unsigned long flag_base,
                            int zip64)
{
    pthread_once(&minizip_once, find_minizip);
    if (!minizip_open)
        return -104; /* ZIP_INTERNALERROR: the workbook fails, with its message */
    if (zip_level >= 0 && method == Z_DEFLATED)
        level = zip_level;
    return minizip_open(file, filename, zipfi, extra_local, size_extra_local, extra_global,
                        size_extra_global, comment, method, level, raw, window_bits,
                        mem_level, strategy, password, crc_for_crypting, version_made_by,
                        flag_base, zip64);
}

mc_code mc_report_close_fast(lxw_workbook *wb, struct mc_tempfile *tmp, const char *path,
                             const struct mc_report_err *x, struct mc_err *err)
{
    zip_level = 1;
    mc_code rc = mc_report_close(wb, tmp, path, x, err);
    zip_level = -1;
    return rc;
}

mc_code mc_report_close(lxw_workbook *wb, struct mc_tempfile *tmp, const char *path,
                        const struct mc_report_err *x, struct mc_err *err)
{
    lxw_error le = workbook_close(wb);
    lxw_error e = x->code ? x->code : le;
    mc_code rc = !e ? mc_tempfile_commit(tmp, err)
                 : *x->where ? mc_err_set(err, MC_ERR_IO, N_("%s: cannot write the workbook: "
                                                            "sheet '%s': %s"),
                                          path, x->where, lxw_strerror(e))
                             : mc_err_set(err, MC_ERR_IO, "%s: cannot write the workbook: %s",
                                          path, lxw_strerror(e));
    mc_tempfile_release(tmp);
    return rc;
}
