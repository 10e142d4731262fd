/*
 * report_style.c - the formats and header rows both workbooks share.
 */
#include "report_style.h"

#include <stdio.h>
#include <string.h>

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

mc_code mc_report_close_fast(lxw_workbook *wb, struct mc_tempfile *tmp, const char *path,
                             const struct mc_report_err *x, enum mc_xlsx_speed speed,
                             struct mc_err *err)
{
    mc_xlsx_speed(speed);
    mc_code rc = mc_report_close(wb, tmp, path, x, err);
    mc_xlsx_speed(MC_XLSX_SMALL);
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
