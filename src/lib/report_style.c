/*
 * report_style.c - the formats and header rows both workbooks share.
 */
#include "report_style.h"

#include <pthread.h>

#include "mealcheck/i18n.h"

void mc_report_style_add(lxw_workbook *wb, struct mc_report_style *s)
{
    s->title = workbook_add_format(wb);
    format_set_bold(s->title);
    format_set_font_size(s->title, 14);
    s->bold = workbook_add_format(wb);
    format_set_bold(s->bold);
    s->head = workbook_add_format(wb);
    format_set_bold(s->head);
    format_set_bg_color(s->head, 0xDDEBF7);
    format_set_border(s->head, LXW_BORDER_THIN);
    format_set_text_wrap(s->head);
    format_set_align(s->head, LXW_ALIGN_VERTICAL_TOP);
    s->wrap = workbook_add_format(wb);
    format_set_text_wrap(s->wrap);
    format_set_align(s->wrap, LXW_ALIGN_VERTICAL_TOP);
    s->pct = workbook_add_format(wb);
    format_set_num_format(s->pct, "0%");
}

void mc_report_style_header(const struct mc_report_style *s, lxw_worksheet *ws,
                            lxw_row_t row, const char *const *names, size_t n,
                            lxw_col_t first)
{
    for (size_t i = 0; i < n; i++)
        worksheet_write_string(ws, row, first + (lxw_col_t)i, _(names[i]), s->head);
    worksheet_set_row(ws, row, 30, NULL);
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

/* libxlsxwriter formats the workbook's creation time with gmtime(), whose
 * buffer every thread shares, while it closes a workbook: the one step
 * of writing a report that threads may not run at once. */
static pthread_mutex_t close_lock = PTHREAD_MUTEX_INITIALIZER;

mc_code mc_report_close(lxw_workbook *wb, struct mc_tempfile *tmp, const char *path,
                        struct mc_err *err)
{
    pthread_mutex_lock(&close_lock);
    lxw_error le = workbook_close(wb);
    pthread_mutex_unlock(&close_lock);
    mc_code rc = le ? mc_err_set(err, MC_ERR_IO, "%s: cannot write the workbook: %s",
                                 path, lxw_strerror(le))
                    : mc_tempfile_commit(tmp, err);
    mc_tempfile_release(tmp);
    return rc;
}
