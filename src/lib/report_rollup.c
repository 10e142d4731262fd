/*
 * report_rollup.c - the roll-up workbook of an audit (libxlsxwriter).
 *
 * Each sheet is written in libxlsxwriter's constant_memory mode to a file
 * of its own: the Schools rows as the audit hands them on, the sheets of
 * the totals when the audit is done, though Summary comes first.
 */
#include "mealcheck/report_rollup.h"
#include "mealcheck/i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "mealcheck/standard.h"
#include "mealcheck/version.h"
#include "report_style.h"
#include "tempfile.h"

/* Traffic lights, one per verdict: green only for complying, amber when
 * advisory norms are not met, red, blue and violet when it cannot be
 * decided, grey. */
static const struct { lxw_color_t bg, fg; } colours[MC_AUDIT_VERDICTS] = {
    [MC_AUDIT_COMPLIES] = {0xC6EFCE, 0x006100},
    [MC_AUDIT_ADVISORY] = {0xFFEB9C, 0x9C5700},
    [MC_AUDIT_FAILS] = {0xFFC7CE, 0x9C0006},
    [MC_AUDIT_INSUFFICIENT] = {0xDDEBF7, 0x1F4E79},
    [MC_AUDIT_UNVERIFIED] = {0xE4DFEC, 0x5B3A7A},
    [MC_AUDIT_NOT_CHECKED] = {0xD9D9D9, 0x404040},
};

/* The sheets, in reading order. */
enum { SUMMARY, SCHOOLS, NUTRIENTS, DISTRICTS, SHEETS };

struct mc_report_rollup {
    const struct mc_audit *a;           /* at close */
    const struct mc_manifest *m;
    int reports;
    char *path;
    struct mc_tempfile tmp;
    lxw_workbook *wb;
    lxw_worksheet *ws[SHEETS];          /* NULL: could not be added (kept in xl) */
    const char *name[SHEETS];
    struct mc_report_style st;          /* title, bold, head, wrap, pct */
    struct mc_report_err xl;            /* the first libxlsxwriter failure */
    lxw_format *num1;
    lxw_format *verdict[MC_AUDIT_VERDICTS];
    lxw_row_t row;                      /* the last Schools row written */
};

/* Sheet k, the one failures are now reported on; NULL: skip it. */
static lxw_worksheet *sheet(struct mc_report_rollup *R, int k)
{
    if (R->ws[k])
        snprintf(R->xl.sheet, sizeof R->xl.sheet, "%s", R->name[k]);
    return R->ws[k];
}

static void make_formats(struct mc_report_rollup *R)
{
    lxw_workbook *wb = R->wb;
    mc_report_style_add(wb, &R->st, &R->xl);
    if (!(R->num1 = mc_report_made(&R->xl, workbook_add_format(wb))))
        return;
    format_set_num_format(R->num1, "0.0");
    for (int v = 0; v < MC_AUDIT_VERDICTS; v++) {
        if (!(R->verdict[v] = mc_report_made(&R->xl, workbook_add_format(wb))))
            return;
        format_set_bg_color(R->verdict[v], colours[v].bg);
        format_set_font_color(R->verdict[v], colours[v].fg);
        format_set_bold(R->verdict[v]);
    }
}

/* A number, or an empty cell when it is unknown. */
static void number(struct mc_report_rollup *R, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                   double v, lxw_format *f)
{
    if (!isnan(v))
        mc_xl(&R->xl, worksheet_write_number(ws, r, c, v, f));
}

/* ---- Summary --------------------------------------------------------------- */

/* The table's header row of the Summary sheet. */
#define SUMMARY_HEAD 7

/* The Summary sheet down to its table's header: what is known before the
 * schools are checked.  Written first, it also gives the formats their
 * numbers in the order they are first used on it, as when the sheets were
 * written one after the other. */
static void summary_head(struct mc_report_rollup *R, int day)
{
    lxw_worksheet *ws = sheet(R, SUMMARY);
    if (!ws)
        return;
    char date[16];
    mc_xl(&R->xl, worksheet_set_column(ws, 0, 0, 28, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 1, 1, 16, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 2, 2 + MC_AUDIT_VERDICTS, 13, NULL));
    mc_xl(&R->xl, worksheet_write_string(ws, 0, 0,
                                         _("mealcheck audit: school meals against the norms"),
                                         R->st.title));
    mc_xl(&R->xl, worksheet_write_string(ws, 2, 0, _("Manifest"), R->st.bold));
    mc_xl(&R->xl, worksheet_write_string(ws, 2, 1, R->m->path, NULL));
    mc_xl(&R->xl, worksheet_write_string(ws, 3, 0, _("Norms in force on"), R->st.bold));
    mc_xl(&R->xl, worksheet_write_string(ws, 3, 1, mc_date_format(date, sizeof date, day),
                                         NULL));
    mc_xl(&R->xl, worksheet_write_string(ws, 4, 0, _("Schools"), R->st.bold));
    mc_xl(&R->xl, worksheet_write_number(ws, 4, 1, (double)R->m->n, NULL));
    mc_xl(&R->xl, worksheet_write_string(ws, 5, 0, "mealcheck", R->st.bold));
    mc_xl(&R->xl, worksheet_write_string(ws, 5, 1, MC_VERSION, NULL));
    mc_xl(&R->xl, worksheet_write_string(ws, 6, 0, _("Verdicts"), R->st.bold));
    mc_xl(&R->xl, worksheet_write_string(ws, 6, 1,
                                         _("only verified norms decide; unverified norms "
                                           "only advise, and a school whose advisory norms "
                                           "are not met is amber, never green"), NULL));

    static const char *const h[] = {N_("District"), N_("Region"), N_("Schools"),
                                    N_("Complies"), N_("Advisory norms not met"),
                                    N_("Does not comply"),
                                    N_("Undecided: insufficient data"),
                                    N_("Undecided: unverified norms"),
                                    N_("Could not be checked")};
    mc_report_style_header(&R->st, &R->xl, ws, SUMMARY_HEAD, h,
                           (size_t)(3 + MC_AUDIT_VERDICTS), 0);
}

/* The rest of the Summary sheet: per district, then the chart. */
static void sheet_summary(struct mc_report_rollup *R)
{
    const struct mc_audit *a = R->a;
    /* The chart names this sheet too: both in the language in force. */
    const char *name = R->name[SUMMARY];
    lxw_worksheet *ws = sheet(R, SUMMARY);
    if (!ws)
        return;
    const lxw_row_t head = SUMMARY_HEAD;
    lxw_row_t r = head + 1;
    for (size_t d = 0; d < a->n_districts; d++, r++) {
        const struct mc_audit_district *dd = &a->districts[d];
        mc_xl(&R->xl, worksheet_write_string(ws, r, 0,
                                             *dd->name ? dd->name : _("(no district)"), NULL));
        mc_xl(&R->xl, worksheet_write_string(ws, r, 1, dd->region, NULL));
        mc_xl(&R->xl, worksheet_write_number(ws, r, 2, (double)dd->n, NULL));
        for (int v = 0; v < MC_AUDIT_VERDICTS; v++)
            mc_xl(&R->xl, worksheet_write_number(ws, r, (lxw_col_t)(3 + v),
                                                 (double)dd->count[v], NULL));
    }
    mc_xl(&R->xl, worksheet_write_string(ws, r, 0, _("All districts"), R->st.bold));
    mc_xl(&R->xl, worksheet_write_number(ws, r, 2, (double)a->n, R->st.bold));
    for (int v = 0; v < MC_AUDIT_VERDICTS; v++)
        mc_xl(&R->xl, worksheet_write_number(ws, r, (lxw_col_t)(3 + v), (double)a->count[v],
                                             R->st.bold));

    /* Districts side by side, each bar split by verdict. */
    lxw_chart *ch = mc_report_made(&R->xl, workbook_add_chart(R->wb, LXW_CHART_BAR_STACKED));
    if (!ch)
        return;
    for (int v = 0; v < MC_AUDIT_VERDICTS; v++) {
        lxw_chart_series *s = mc_report_made(&R->xl, chart_add_series(ch, NULL, NULL));
        if (!s)
            return;
        chart_series_set_categories(s, name, head + 1, 0, head + a->n_districts, 0);
        chart_series_set_values(s, name, head + 1, (lxw_col_t)(3 + v),
                                head + a->n_districts, (lxw_col_t)(3 + v));
        chart_series_set_name_range(s, name, head, (lxw_col_t)(3 + v));
        lxw_chart_fill fill = {.color = colours[v].bg};
        lxw_chart_line line = {.color = colours[v].fg};
        chart_series_set_fill(s, &fill);
        chart_series_set_line(s, &line);
    }
    chart_title_set_name(ch, _("Schools by verdict, per district"));
    chart_axis_set_name(ch->x_axis, _("schools"));
    chart_axis_set_reverse(ch->y_axis);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opt = {.x_scale = 1.5,
                             .y_scale = 1.0 + (double)a->n_districts / 12.0};
    mc_xl(&R->xl, worksheet_insert_chart_opt(ws, r + 2, 0, ch, &opt));
}

/* ---- Schools --------------------------------------------------------------- */

/* The nutrients failed by s, by name: "Calcium, Vitamin D". */
/* Columns of the Schools sheet before the Report file. */
#define SCHOOL_COLS 19

static void failing(const struct mc_audit_school *s, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int n = 0; n < MC_N_COUNT && len < size; n++)
        if (s->nutrient_verdict[n] == MC_VERDICT_FAIL)
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
                                    mc_nutrient_name(n));
}

/* The Schools sheet's header; its rows come one a school. */
static void schools_head(struct mc_report_rollup *R)
{
    lxw_worksheet *ws = sheet(R, SCHOOLS);
    if (!ws)
        return;
    static const char *const h[] = {
        N_("School id"), N_("School"), N_("District"), N_("Region"), N_("Verdict"),
        N_("Failing nutrients"), N_("Worst nutrient"), N_("Meal"), N_("Norm set"),
        /* xgettext:no-c-format */
        N_("% of norm"), N_("Lowest coverage"), N_("Verified norms not met"),
        N_("Advisory norms not met"), N_("Insufficient data"), N_("Passed"), N_("Menu"),
        N_("Why it could not be checked"), N_("Norms that decide (verified)"),
        N_("Norms that only advise (unverified)")};
    static const double widths[] = {12, 28, 16, 14, 30, 36, 20, 11, 20, 10, 10, 8,
                                    9, 11, 8, 28, 60, 10, 10};
    for (int c = 0; c < SCHOOL_COLS; c++)
        mc_xl(&R->xl, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL));
    mc_report_style_header(&R->st, &R->xl, ws, 0, h, SCHOOL_COLS, 0);
    worksheet_freeze_panes(ws, 1, 0);
    if (R->reports) { /* the workbook of each school, as --per-school named it */
        static const char *const report[] = {N_("Report file")};
        mc_xl(&R->xl, worksheet_set_column(ws, SCHOOL_COLS, SCHOOL_COLS, 28, NULL));
        mc_report_style_header(&R->st, &R->xl, ws, 0, report, 1, SCHOOL_COLS);
    }
    mc_xl(&R->xl, worksheet_autofilter(ws, 0, 0, (lxw_row_t)R->m->n,
                                       (lxw_col_t)(SCHOOL_COLS - 1 + !!R->reports)));
}

void mc_report_rollup_school(void *rollup, const struct mc_audit_school *s)
{
    struct mc_report_rollup *R = rollup;
    lxw_worksheet *ws = R->ws[SCHOOLS];
    if (!ws)
        return;
    const struct mc_manifest_school *ms = s->school;
    const lxw_col_t nh = SCHOOL_COLS;
    lxw_row_t r = ++R->row;
    char buf[2048];
    if (s->report)
        mc_xl(&R->xl, worksheet_write_string(ws, r, nh, s->report, NULL));
    mc_xl(&R->xl, worksheet_write_string(ws, r, 0, ms->id, NULL));
    mc_xl(&R->xl, worksheet_write_string(ws, r, 1, ms->name, NULL));
    mc_xl(&R->xl, worksheet_write_string(ws, r, 2, ms->district, NULL));
    mc_xl(&R->xl, worksheet_write_string(ws, r, 3, ms->region, NULL));
    mc_xl(&R->xl, worksheet_write_string(ws, r, 4, _(mc_audit_verdict_name(s->verdict)),
                                         R->verdict[s->verdict]));
    if (s->verdict == MC_AUDIT_NOT_CHECKED) {
        mc_xl(&R->xl, worksheet_write_string(ws, r, 15, ms->menu, NULL));
        mc_xl(&R->xl, worksheet_write_string(ws, r, 16, s->error, NULL));
        return;
    }
    failing(s, buf, sizeof buf);
    mc_xl(&R->xl, worksheet_write_string(ws, r, 5, buf, NULL));
    if (s->worst >= 0) {
        mc_xl(&R->xl, worksheet_write_string(ws, r, 6, mc_nutrient_name(s->worst), NULL));
        mc_xl(&R->xl, worksheet_write_string(ws, r, 7, mc_meal_label(s->worst_meal), NULL));
        mc_xl(&R->xl, worksheet_write_string(ws, r, 8, s->worst_std->id, NULL));
        number(R, ws, r, 9, s->worst_pct, R->num1);
    }
    number(R, ws, r, 10, s->coverage, R->st.pct);
    mc_xl(&R->xl, worksheet_write_number(ws, r, 11, s->n_fail, NULL));
    mc_xl(&R->xl, worksheet_write_number(ws, r, 12, s->n_advisory, NULL));
    mc_xl(&R->xl, worksheet_write_number(ws, r, 13, s->n_insufficient, NULL));
    mc_xl(&R->xl, worksheet_write_number(ws, r, 14, s->n_pass, NULL));
    mc_xl(&R->xl, worksheet_write_string(ws, r, 15, ms->menu, NULL));
    mc_xl(&R->xl, worksheet_write_number(ws, r, 17, s->n_deciding, NULL));
    mc_xl(&R->xl, worksheet_write_number(ws, r, 18,
                                         s->n_fail + s->n_advisory + s->n_insufficient +
                                             s->n_pass - s->n_deciding, NULL));
}

/* ---- Nutrients -------------------------------------------------------------- */

static void sheet_nutrients(struct mc_report_rollup *R)
{
    const struct mc_audit *a = R->a;
    lxw_worksheet *ws = sheet(R, NUTRIENTS);
    if (!ws)
        return;
    static const char *const h[] = {
        N_("Nutrient"), N_("Unit"), N_("Schools with a bound"), N_("Schools failing"),
        N_("Share failing"),
        /* xgettext:no-c-format */
        N_("Median % of norm"),
        /* xgettext:no-c-format */
        N_("Worst % of norm"), N_("School with the worst")};
    mc_xl(&R->xl, worksheet_set_column(ws, 0, 0, 24, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 1, 7, 13, NULL));
    mc_report_style_header(&R->st, &R->xl, ws, 0, h, (size_t)8, 0);
    worksheet_freeze_panes(ws, 1, 0);
    lxw_row_t r = 1;
    for (int n = 0; n < MC_N_COUNT; n++) {
        const struct mc_audit_nutrient *t = &a->nutrients[n];
        if (!t->n_schools)
            continue;
        mc_xl(&R->xl, worksheet_write_string(ws, r, 0, mc_nutrient_name(n), NULL));
        mc_xl(&R->xl, worksheet_write_string(ws, r, 1, mc_nutrient_unit(n), NULL));
        mc_xl(&R->xl, worksheet_write_number(ws, r, 2, (double)t->n_schools, NULL));
        mc_xl(&R->xl, worksheet_write_number(ws, r, 3, (double)t->n_failing,
                                             t->n_failing ? R->verdict[MC_AUDIT_FAILS] : NULL));
        mc_xl(&R->xl, worksheet_write_number(ws, r, 4,
                                             (double)t->n_failing / (double)t->n_schools,
                                             R->st.pct));
        number(R, ws, r, 5, t->median_pct, R->num1);
        number(R, ws, r, 6, t->worst_pct, R->num1);
        if (t->worst_school)
            mc_xl(&R->xl, worksheet_write_string(ws, r, 7, t->worst_school, NULL));
        r++;
    }
    mc_xl(&R->xl, worksheet_autofilter(ws, 0, 0, r - 1, 7));
}

/* ---- Districts -------------------------------------------------------------- */

static void sheet_districts(struct mc_report_rollup *R)
{
    const struct mc_audit *a = R->a;
    lxw_worksheet *ws = sheet(R, DISTRICTS);
    if (!ws)
        return;
    static const char *const h[] = {
        N_("District"), N_("Region"), N_("Schools"), N_("Complies"),
        N_("Advisory norms not met"), N_("Does not comply"),
        N_("Undecided: insufficient data"), N_("Undecided: unverified norms"),
        N_("Could not be checked"), N_("Share complying"), N_("Nutrient failed most"),
        N_("Schools failing it")};
    /* The columns after the verdicts'. */
    const lxw_col_t share = 3 + MC_AUDIT_VERDICTS, last = share + 2;
    mc_xl(&R->xl, worksheet_set_column(ws, 0, 1, 20, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 2, last, 13, NULL));
    mc_report_style_header(&R->st, &R->xl, ws, 0, h, (size_t)last + 1, 0);
    worksheet_freeze_panes(ws, 1, 0);
    for (size_t d = 0; d < a->n_districts; d++) {
        const struct mc_audit_district *dd = &a->districts[d];
        lxw_row_t r = (lxw_row_t)(d + 1);
        const size_t *fails = dd->failing;
        int most = 0;
        for (int n = 1; n < MC_N_COUNT; n++)
            if (fails[n] > fails[most])
                most = n;
        mc_xl(&R->xl, worksheet_write_string(ws, r, 0,
                                             *dd->name ? dd->name : _("(no district)"), NULL));
        mc_xl(&R->xl, worksheet_write_string(ws, r, 1, dd->region, NULL));
        mc_xl(&R->xl, worksheet_write_number(ws, r, 2, (double)dd->n, NULL));
        for (int v = 0; v < MC_AUDIT_VERDICTS; v++)
            mc_xl(&R->xl, worksheet_write_number(ws, r, (lxw_col_t)(3 + v),
                                                 (double)dd->count[v],
                                                 dd->count[v] ? R->verdict[v] : NULL));
        double share_ok = (double)dd->count[MC_AUDIT_COMPLIES] / (double)dd->n;
        mc_xl(&R->xl, worksheet_write_number(ws, r, share, share_ok, R->st.pct));
        if (fails[most]) {
            mc_xl(&R->xl, worksheet_write_string(ws, r, share + 1, mc_nutrient_name(most),
                                                 NULL));
            mc_xl(&R->xl, worksheet_write_number(ws, r, share + 2, (double)fails[most], NULL));
        }
    }
    mc_xl(&R->xl, worksheet_autofilter(ws, 0, 0, (lxw_row_t)a->n_districts, last));
}

mc_code mc_report_rollup_open(const char *path, const struct mc_manifest *m, int date,
                              int reports, struct mc_report_rollup **out, struct mc_err *err)
{
    struct mc_report_rollup *R = calloc(1, sizeof *R);
    *out = NULL;
    if (!R || !(R->path = strdup(path))) {
        free(R);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    R->m = m;
    R->reports = reports;
    mc_code rc = mc_report_open(path, 1, &R->tmp, &R->wb, err);
    if (rc) {
        free(R->path);
        free(R);
        return rc;
    }
    make_formats(R);
    /* TRANSLATORS: the sheet listing the schools one a row; "Schools"
     * without a context is the number of schools. */
    const char *names[SHEETS] = {_("Summary"), C_("sheet", "Schools"), _("Nutrients"),
                                 _("Districts")};
    for (int k = 0; k < SHEETS; k++)
        if ((R->name[k] = names[k]) && !R->xl.code)
            R->ws[k] = mc_report_sheet(&R->xl, R->wb, names[k]);
    summary_head(R, date);
    schools_head(R);
    *out = R;
    return MC_OK;
}

mc_code mc_report_rollup_close(struct mc_report_rollup *R, const struct mc_audit *a,
                               struct mc_err *err)
{
    if (!R)
        return MC_OK;
    mc_code rc;
    if (a) {
        R->a = a;
        /* Fixed properties: the creation time is the check date, not the clock. */
        struct tm tm = {.tm_year = a->date / 10000 - 1900,
                        .tm_mon = a->date / 100 % 100 - 1,
                        .tm_mday = a->date % 100};
        lxw_doc_properties props = {
            .title = (char *)_("mealcheck audit roll-up"),
            .subject = a->manifest->path,
            .author = (char *)"mealcheck " MC_VERSION,
            .created = timegm(&tm),
        };
        mc_xl(&R->xl, workbook_set_properties(R->wb, &props));
        sheet_summary(R);
        sheet_nutrients(R);
        sheet_districts(R);
        /* Closing is after the last school, on one thread: level 1 takes a
         * third of the default's time, for a file a quarter larger. */
        rc = mc_report_close_fast(R->wb, &R->tmp, R->path, &R->xl, MC_XLSX_STREAM, err);
    } else { /* no file: a failure closes it without renaming */
        struct mc_err none = {0};
        if (!R->xl.code)
            R->xl.code = LXW_ERROR_PARAMETER_VALIDATION;
        mc_report_close(R->wb, &R->tmp, R->path, &R->xl, &none);
        mc_err_release(&none);
        rc = MC_OK;
    }
    free(R->path);
    free(R);
    return rc;
}
