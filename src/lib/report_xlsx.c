/*
 * report_xlsx.c - the Excel compliance report (sheet layout in report_xlsx.h).
 *
 * Every number is written as a number with a display format, never as
 * text, so a nutritionist can recompute from the cells; the dish totals of
 * the Recipes sheet are SUM formulas whose cached values are the sums of
 * the written cells, exactly what Excel computes on open.
 */
#include "mealcheck/report_xlsx.h"
#include "mealcheck/i18n.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "mealcheck/text.h"
#include "mealcheck/version.h"
#include "report_style.h"
#include "tempfile.h"

#define N_DEC 4 /* display decimals 0..3 */

/* Cell highlight classes, matching the Summary status colours. */
enum mark { MARK_NONE, MARK_OK, MARK_FAIL, MARK_ADVISORY, MARK_INSUFFICIENT, N_MARKS };

struct rpt {
    const struct mc_report *rep;
    const struct mc_check *c;
    const struct mc_menu *menu;
    const struct mc_recipe **recipes;   /* the cards the report shows, book order */
    size_t n_recipes;
    lxw_workbook *wb;
    struct mc_report_style st;          /* title, bold, head, wrap, pct */
    struct mc_report_err xl;            /* the first libxlsxwriter failure */
    lxw_format *url, *unknown;
    lxw_format *num[N_MARKS][N_DEC];
    lxw_format *status[N_MARKS];
};

/* ---- names ----------------------------------------------------------------- */

/* The name food id goes by in lang ("мука пшеничная"), "" when there is
 * none: English, no database, or no alias.  A failed lookup only loses
 * the name. */
static const char *local_name(const struct rpt *R, const char *id, const char *lang,
                              char *buf, size_t size)
{
    struct mc_err ignored = {0};
    buf[0] = '\0';
    if (R->rep->db && id)
        mc_food_db_local_name(R->rep->db, id, lang, buf, size, &ignored);
    mc_err_release(&ignored);
    return buf;
}

/* A resolved food for people: in Russian or Kazakh its name there with
 * SR28's beside it ("мука пшеничная (Wheat flour, ...)"), else SR28's. */
static const char *food_label(const struct rpt *R, const char *id, const char *name,
                              char *buf, size_t size)
{
    char local[256];
    if (*local_name(R, id, mc_i18n_lang(), local, sizeof local))
        snprintf(buf, size, "%s (%s)", local, name ? name : "");
    else
        snprintf(buf, size, "%s", name ? name : "");
    return buf;
}

/* ---- formats --------------------------------------------------------------- */

static const struct { lxw_color_t bg, fg; } mark_colours[N_MARKS] = {
    [MARK_OK] = {0xC6EFCE, 0x006100},
    [MARK_FAIL] = {0xFFC7CE, 0x9C0006},
    [MARK_ADVISORY] = {0xFFEB9C, 0x9C5700},
    [MARK_INSUFFICIENT] = {0xD9D9D9, 0x404040},
};

static void make_formats(struct rpt *R)
{
    static const char *const numfmt[N_DEC] = {"0", "0.0", "0.00", "0.000"};
    lxw_workbook *wb = R->wb;
    mc_report_style_add(wb, &R->st, &R->xl);
    if (!(R->url = mc_report_made(&R->xl, workbook_add_format(wb))) ||
        !(R->unknown = mc_report_made(&R->xl, workbook_add_format(wb))))
        return;
    format_set_font_color(R->url, LXW_COLOR_BLUE);
    format_set_underline(R->url, LXW_UNDERLINE_SINGLE);
    format_set_bg_color(R->unknown, mark_colours[MARK_INSUFFICIENT].bg);
    for (int m = 0; m < N_MARKS; m++) {
        for (int d = 0; d < N_DEC; d++) {
            lxw_format *f = mc_report_made(&R->xl, workbook_add_format(wb));
            if (!f)
                return;
            format_set_num_format(f, numfmt[d]);
            if (m != MARK_NONE && m != MARK_OK) {
                format_set_bg_color(f, mark_colours[m].bg);
                format_set_font_color(f, mark_colours[m].fg);
            }
            R->num[m][d] = f;
        }
        lxw_format *s = mc_report_made(&R->xl, workbook_add_format(wb));
        if (!s)
            return;
        if (m != MARK_NONE) {
            format_set_bg_color(s, mark_colours[m].bg);
            format_set_font_color(s, mark_colours[m].fg);
            format_set_bold(s);
        }
        R->status[m] = s;
    }
}

static int dec_of(enum mc_nutrient n)
{
    int d = mc_nutrient_info(n)->decimals;
    return d < 0 ? 0 : d >= N_DEC ? N_DEC - 1 : d;
}

/* Green only for a menu that meets every norm checked. */
static enum mark outcome_mark(enum mc_outcome o)
{
    switch (o) {
    case MC_OUTCOME_FAILS: return MARK_FAIL;
    case MC_OUTCOME_ADVISORY: return MARK_ADVISORY;
    case MC_OUTCOME_UNDECIDED: return MARK_INSUFFICIENT;
    case MC_OUTCOME_COMPLIES: break;
    }
    return MARK_OK;
}

static enum mark verdict_mark(enum mc_verdict v)
{
    switch (v) {
    case MC_VERDICT_FAIL: return MARK_FAIL;
    case MC_VERDICT_ADVISORY: return MARK_ADVISORY;
    case MC_VERDICT_INSUFFICIENT: return MARK_INSUFFICIENT;
    case MC_VERDICT_PASS: break;
    }
    return MARK_OK;
}

/* The mark of one judged value of an item: a violation of a verified bound
 * is a failure, of an unverified one advisory. */
static enum mark value_mark(const struct mc_check_item *it,
                            const struct mc_check_value *v)
{
    if (v->status == MC_STATUS_LOW)
        return it->lo_verified ? MARK_FAIL : MARK_ADVISORY;
    if (v->status == MC_STATUS_HIGH)
        return it->hi_verified ? MARK_FAIL : MARK_ADVISORY;
    return MARK_NONE;
}

/* Write a number, or leave a grey blank when it is unknown. */
static void put_num(struct rpt *R, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                    double v, int dec, enum mark m)
{
    if (isnan(v))
        mc_xl(&R->xl, worksheet_write_blank(ws, r, c, R->unknown));
    else
        mc_xl(&R->xl, worksheet_write_number(ws, r, c, v, R->num[m][dec]));
}

static void put_str(struct rpt *R, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                    const char *s, lxw_format *f)
{
    mc_xl(&R->xl, worksheet_write_string(ws, r, c, s ? s : "", f));
}

/* Nutrient columns: one per canonical nutrient, headed "Energy (kcal)". */
static void nutrient_headers(struct rpt *R, lxw_worksheet *ws, lxw_row_t r,
                             lxw_col_t first)
{
    char buf[96];
    for (int n = 0; n < MC_N_COUNT; n++) {
        snprintf(buf, sizeof buf, "%s (%s)", mc_nutrient_name(n), mc_nutrient_unit(n));
        put_str(R, ws, r, first + (lxw_col_t)n, buf, R->st.head);
    }
    mc_xl(&R->xl, worksheet_set_column(ws, first, first + MC_N_COUNT - 1, 11, NULL));
    mc_xl(&R->xl, worksheet_set_row(ws, r, 45, NULL)); /* "Monounsaturated fat (g)": 3 lines */
}

static void nvec_cells(struct rpt *R, lxw_worksheet *ws, lxw_row_t r,
                       lxw_col_t first, const struct mc_nvec *v,
                       const enum mark *marks)
{
    for (int n = 0; n < MC_N_COUNT; n++)
        put_num(R, ws, r, first + (lxw_col_t)n,
                mc_nvec_unknown(v, n) ? NAN : v->value[n], dec_of(n),
                marks ? marks[n] : MARK_NONE);
}

/* How a sheet prints.  A narrow sheet is fitted to the page width; a wide
 * one (40 nutrient columns) would become unreadable that way, so it
 * prints at a fixed scale across pages, its key columns repeated on each
 * (print_across: a row's values stay on the pages read side by side). */
struct page {
    const char *name;     /* the sheet's name, for the page header */
    int head;             /* header row repeated on every page; -1 none */
    lxw_row_t last_row;   /* the print area: A1 to (last_row, last_col) */
    lxw_col_t last_col;
    int key_cols;         /* leftmost columns repeated on wide pages; 0: narrow */
    int one_page;         /* narrow and short: the whole area on one page */
    int portrait;         /* a form, read down the page (the cards) */
};

/* A4 landscape, margins for a binder, the title and page numbers. */
static void page_setup(struct rpt *R, lxw_worksheet *ws, const struct page *p)
{
    char title[200], header[256], footer[128];
    const char *t = R->rep->title ? R->rep->title : R->menu->path;
    size_t k = 0;
    /* '&' starts a code in a page header: a literal one is doubled. */
    for (; *t && k + 2 < sizeof title; t++) {
        if (*t == '&')
            title[k++] = '&';
        title[k++] = *t;
    }
    title[k] = '\0';
    snprintf(header, sizeof header, "&L&\"-,Bold\"%s&R%s", title, _(p->name));
    snprintf(footer, sizeof footer, _("&Lmealcheck %s&CPage &P of &N"), MC_VERSION);
    if (p->portrait)
        worksheet_set_portrait(ws);
    else
        worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    mc_xl(&R->xl, worksheet_set_header(ws, header));
    mc_xl(&R->xl, worksheet_set_footer(ws, footer));
    mc_xl(&R->xl, worksheet_print_area(ws, 0, 0, p->last_row, p->last_col));
    if (p->head >= 0)
        mc_xl(&R->xl, worksheet_repeat_rows(ws, (lxw_row_t)p->head, (lxw_row_t)p->head));
    if (p->key_cols > 0) {
        mc_xl(&R->xl, worksheet_repeat_columns(ws, 0, (lxw_col_t)(p->key_cols - 1)));
        worksheet_set_print_scale(ws, 70);
        worksheet_print_across(ws);
    } else {
        worksheet_fit_to_pages(ws, 1, p->one_page ? 1 : 0);
    }
}

/* A table whose header is row `header`: frozen on screen. */
static void table_setup(lxw_worksheet *ws, lxw_row_t header)
{
    worksheet_freeze_panes(ws, header + 1, 0);
}

/* ---- Summary --------------------------------------------------------------- */

static const char *item_label(char *buf, size_t size, const struct mc_check_item *it)
{
    /* xgettext:no-c-format */
    snprintf(buf, size, "%s%s%s%s", it->pct_energy ? _("% energy from ") : "",
             mc_nutrient_name(it->nutrient), it->meal ? ", " : "",
             it->meal ? mc_meal_label(it->meal) : "");
    return buf;
}

static lxw_row_t summary_info(struct rpt *R, lxw_worksheet *ws)
{
    const struct mc_menu *m = R->menu;
    const struct mc_check *c = R->c;
    char buf[512], date[16];
    lxw_row_t r = 0;
    put_str(R, ws, r++, 0, _("mealcheck compliance report"), R->st.title);
    r++;
#define INFO(label, value)                       \
    do {                                         \
        put_str(R, ws, r, 0, label, R->st.bold); \
        put_str(R, ws, r++, 1, value, NULL);     \
    } while (0)
    INFO(_("School / menu"), R->rep->title ? R->rep->title : m->path);
    INFO(_("Menu file"), m->path);
    INFO(_("Recipe book"), R->rep->book ? R->rep->book->path : "");
    const struct mc_day *d0 = &m->days[0], *dn = &m->days[m->n_days - 1];
    char weeks[64], days[64], span[256];
    snprintf(weeks, sizeof weeks, mc_ngettext("%zu week", "%zu weeks", m->n_weeks),
             m->n_weeks);
    snprintf(days, sizeof days, mc_ngettext("%zu day", "%zu days", m->n_days), m->n_days);
    snprintf(span, sizeof span, _(": week %d %s to week %d %s"), d0->week,
             _(mc_day_name(d0->day)), dn->week, _(mc_day_name(dn->day)));
    snprintf(buf, sizeof buf, "%s, %s%s", weeks, days, span);
    INFO(_("Period"), buf);
    size_t len = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < m->n_meal_names && len < sizeof buf; k++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", k ? ", " : "",
                                mc_meal_label(m->meal_names[k]));
    INFO(_("Meals"), buf);
    INFO(_("Norms in force on"), mc_date_format(date, sizeof date, c->date));
    INFO(_("Period average"), c->average == MC_AVERAGE_TOTALS
                               ? _("total over total, weighted by planned meals")
                               : _("mean of days"));
    INFO(_("Weighted analysis"), m->weighted ? _("yes: meals = sum(item x planned "
                                              "servings) / planned meals")
                                          : _("no (planned servings not given)"));
    if (*mc_menu_cost_text(m, R->rep->budget, R->rep->currency, buf, sizeof buf))
        INFO(_("Cost per child a day"), buf);
    for (size_t i = 0; i < c->n_results; i++) {
        const struct mc_check_result *res = &c->results[i];
        char label[512], outcome[1024], line[2048];
        snprintf(line, sizeof line, _("%s, group %s: %s (%d fail, %d advisory, "
                                      "%d insufficient data, %d pass)"), res->std->id,
                 mc_check_group_label(res, label, sizeof label),
                 mc_check_outcome_label(res, outcome, sizeof outcome), res->n_fail,
                 res->n_advisory, res->n_insufficient, res->n_pass);
        put_str(R, ws, r, 0, i ? "" : _("Standards"), R->st.bold);
        put_str(R, ws, r++, 1, line, R->status[outcome_mark(res->outcome)]);
    }
    for (size_t i = 0; i < c->n_results; i++) {
        char decided[4096], line[4200];
        snprintf(line, sizeof line, "%s: %s", c->results[i].std->id,
                 mc_check_decided_label(&c->results[i], decided, sizeof decided));
        INFO(i ? "" : _("Norms that decide"), line);
    }
    for (size_t i = 0, shown = 0; i < c->n_results; i++) {
        char shares[256], line[600];
        if (!*mc_check_share_label(&c->results[i], shares, sizeof shares))
            continue;
        snprintf(line, sizeof line, "%s: %s", c->results[i].std->id, shares);
        INFO(shown++ ? "" : _("Share of the day"), line);
    }
    put_str(R, ws, r, 0, _("Result"), R->st.bold);
    put_str(R, ws, r++, 1, mc_outcome_sentence(c->outcome, c->why),
            R->status[outcome_mark(c->outcome)]);
    INFO(_("mealcheck version"), MC_VERSION);
    const struct mc_food_db_provenance *p = R->rep->prov;
    if (p)
        snprintf(buf, sizeof buf, _("%s, %s (imported %s)"), p->source, p->release,
                 p->imported_at);
    INFO(_("Food database"), p ? buf : _("unknown"));
    INFO(_("Status colours"), _("green ok; red fails a verified norm; amber fails an "
                              "unverified norm (advisory), which never decides but keeps "
                              "the result from green; grey insufficient data or cannot be "
                              "decided"));
#undef INFO
    return r + 1;
}

/* Bars of % of norm coloured as the Status cells (red: fails), growing
 * from a line at 100 %, the norm: the value axis crosses the categories
 * there, so a bar short of the norm points left and one over it right. */
static void summary_chart(struct rpt *R, lxw_worksheet *ws,
                          const struct mc_check_result *res, lxw_row_t first,
                          lxw_row_t last, lxw_row_t at, const enum mark *marks)
{
    char title[512], label[400];
    lxw_chart *ch = mc_report_made(&R->xl, workbook_add_chart(R->wb, LXW_CHART_BAR));
    lxw_chart_series *s = ch ? mc_report_made(&R->xl, chart_add_series(ch, NULL, NULL)) : NULL;
    if (!s)
        return;
    chart_series_set_categories(s, _("Summary"), first, 2, last, 2);
    chart_series_set_values(s, _("Summary"), first, 9, last, 9);
    size_t n = (size_t)(last - first + 1);
    lxw_chart_fill *fill = calloc(n, sizeof *fill);
    lxw_chart_point *point = calloc(n, sizeof *point);
    lxw_chart_point **points = calloc(n + 1, sizeof *points);
    if (fill && point && points) {
        for (size_t i = 0; i < n; i++) {
            /* The text colour of the status: the cell colours are pale. */
            fill[i].color = marks[i] == MARK_NONE ? 0x808080 : mark_colours[marks[i]].fg;
            point[i].fill = &fill[i];
            points[i] = &point[i];
        }
        mc_xl(&R->xl, chart_series_set_points(s, points)); /* copied: ours may be freed */
    }
    free(fill);
    free(point);
    free(points);
    chart_axis_set_crossing(ch->x_axis, 1.0);
    chart_axis_set_label_position(ch->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
    lxw_chart_line norm = {.color = 0x000000, .width = 2.0};
    chart_axis_set_line(ch->y_axis, &norm);
    snprintf(title, sizeof title, _("%% of norm: %s, %s"), res->std->id,
             mc_check_group_label(res, label, sizeof label));
    chart_title_set_name(ch, title);
    /* xgettext:no-c-format */
    chart_axis_set_name(ch->x_axis, _("% of norm: the line is the norm (100 %); "
                                      "red fails, amber advisory, green ok"));
    chart_axis_set_num_format(ch->x_axis, "0%");
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    chart_axis_set_reverse(ch->y_axis);
    lxw_chart_options opt = {.x_scale = 1.6,
                             .y_scale = 0.5 + 0.07 * (double)(last - first + 1)};
    mc_xl(&R->xl, worksheet_insert_chart_opt(ws, at, 21, ch, &opt));
}

/* Rows of the Summary that still read on one A4 landscape page. */
#define SUMMARY_PAGE_ROWS 70

static void sheet_summary(struct rpt *R)
{
    static const char *const cols[] = {
        N_("Standard"), N_("Group"), N_("Nutrient"), N_("Key"), N_("Unit"), N_("Meal"),
        N_("Norm min"), N_("Norm max"), N_("Value"),
        /* xgettext:no-c-format */
        N_("% of norm"), N_("Status"), N_("Verdict"), N_("Days out"), N_("Days judged"),
        N_("Coverage"), N_("Binding subgroup"), N_("Rule"), N_("Verified"),
        N_("Norm basis"), N_("Note"),
    };
    lxw_worksheet *ws = mc_report_sheet(&R->xl, R->wb, _("Summary"));
    if (!ws)
        return;
    lxw_row_t head = summary_info(R, ws);
    mc_report_style_header(&R->st, &R->xl, ws, head, cols, sizeof cols / sizeof *cols, 0);
    lxw_row_t r = head + 1, chart_at = head;
    char buf[256], st[96];
    for (size_t i = 0; i < R->c->n_results; i++) {
        const struct mc_check_result *res = &R->c->results[i];
        size_t *idx = malloc((res->n_items ? res->n_items : 1) * sizeof *idx);
        if (!idx)
            continue;
        mc_check_order(res, idx);
        lxw_row_t first = r;
        enum mark *marks = malloc((res->n_items ? res->n_items : 1) * sizeof *marks);
        for (size_t k = 0; k < res->n_items; k++, r++) {
            const struct mc_check_item *it = &res->items[idx[k]];
            const struct mc_check_value *v = &it->avg;
            int d = it->pct_energy ? 1 : dec_of(it->nutrient);
            put_str(R, ws, r, 0, res->std->id, NULL);
            put_str(R, ws, r, 1, res->spec->text, NULL);
            put_str(R, ws, r, 2, item_label(buf, sizeof buf, it), NULL);
            put_str(R, ws, r, 3, mc_nutrient_info(it->nutrient)->key, NULL);
            /* xgettext:no-c-format */
            put_str(R, ws, r, 4, it->pct_energy ? _("% kcal") : mc_nutrient_unit(it->nutrient), NULL);
            put_str(R, ws, r, 5, it->meal ? mc_meal_label(it->meal) : _("day"), NULL);
            if (!isnan(v->lo))
                put_num(R, ws, r, 6, v->lo, d, MARK_NONE);
            if (!isnan(v->hi))
                put_num(R, ws, r, 7, v->hi, d, MARK_NONE);
            put_num(R, ws, r, 8, v->value, d, value_mark(it, v));
            if (!isnan(v->pct_of_norm))
                mc_xl(&R->xl, worksheet_write_number(ws, r, 9, v->pct_of_norm / 100.0,
                                                     R->st.pct));
            enum mark m = verdict_mark(it->verdict);
            if (marks)
                marks[k] = m;
            put_str(R, ws, r, 10, mc_value_status_label(v, st, sizeof st), R->status[m]);
            put_str(R, ws, r, 11, mc_verdict_name(it->verdict), R->status[m]);
            mc_xl(&R->xl, worksheet_write_number(ws, r, 12, it->days_out, NULL));
            mc_xl(&R->xl, worksheet_write_number(ws, r, 13, it->days_judged, NULL));
            mc_xl(&R->xl, worksheet_write_number(ws, r, 14, v->coverage, R->st.pct));
            const struct mc_norm_row *row;
            size_t sub;
            int verified;
            mc_check_binding(it, &row, &sub, &verified);
            put_str(R, ws, r, 15, res->subs[sub].group->id, NULL);
            put_str(R, ws, r, 16, row->rule, NULL);
            put_str(R, ws, r, 17, verified ? _("yes") : _("no"), NULL);
            put_str(R, ws, r, 18, row->unit, NULL);
            put_str(R, ws, r, 19, row->note, NULL);
        }
        if (res->n_items && marks) {
            summary_chart(R, ws, res, first, r - 1, chart_at, marks);
            chart_at += (lxw_row_t)(6 + res->n_items * 1.4);
        }
        free(marks);
        free(idx);
    }
    mc_xl(&R->xl, worksheet_autofilter(ws, head, 0, r > head + 1 ? r - 1 : head, 19));
    mc_xl(&R->xl, worksheet_set_column(ws, 0, 0, 20, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 1, 1, 14, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 2, 2, 30, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 3, 3, 16, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 4, 5, 9, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 6, 9, 10, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 10, 11, 16, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 12, 14, 9, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 15, 16, 24, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 17, 18, 10, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 19, 19, 60, NULL));
    table_setup(ws, head);
    /* On paper the judgement, up to the coverage, on one page while that
     * stays readable (two norm sets of the sample: 62 rows); the rules and
     * notes are on the Sources sheet, the charts beside the table. */
    struct page pg = {.name = N_("Summary"), .head = (int)head,
                      .last_row = r > head ? r - 1 : head, .last_col = 14,
                      .one_page = r <= SUMMARY_PAGE_ROWS};
    page_setup(R, ws, &pg);
}

/* ---- Days ----------------------------------------------------------------- */

/* Marks of the nutrients of day d (meal == NULL: the day total). */
static void day_marks(const struct mc_check *c, size_t d, const char *meal,
                      enum mark *marks)
{
    for (int n = 0; n < MC_N_COUNT; n++)
        marks[n] = MARK_NONE;
    for (size_t i = 0; i < c->n_results; i++)
        for (size_t k = 0; k < c->results[i].n_items; k++) {
            const struct mc_check_item *it = &c->results[i].items[k];
            if (it->pct_energy || (meal ? !it->meal || strcmp(it->meal, meal) : !!it->meal))
                continue;
            enum mark m = value_mark(it, &it->days[d]);
            if (m == MARK_FAIL || (m == MARK_ADVISORY && marks[it->nutrient] == MARK_NONE))
                marks[it->nutrient] = m;
        }
}

static lxw_row_t days_norm_rows(struct rpt *R, lxw_worksheet *ws, lxw_row_t r)
{
    char label[600], gl[400];
    for (size_t i = 0; i < R->c->n_results; i++) {
        const struct mc_check_result *res = &R->c->results[i];
        for (int side = 0; side < 2; side++) {
            /* One row per scope (the day, or each meal) that has amounts. */
            for (size_t k = 0; k <= R->menu->n_meal_names; k++) {
                const char *meal = k ? R->menu->meal_names[k - 1] : NULL;
                int any = 0;
                for (size_t j = 0; j < res->n_items; j++) {
                    const struct mc_check_item *it = &res->items[j];
                    if (it->pct_energy || (meal ? !it->meal || strcmp(it->meal, meal) : !!it->meal))
                        continue;
                    double v = side ? it->avg.hi : it->avg.lo;
                    if (isnan(v))
                        continue;
                    any = 1;
                    put_num(R, ws, r, 4 + (lxw_col_t)it->nutrient, v,
                            dec_of(it->nutrient), MARK_NONE);
                }
                if (!any)
                    continue;
                snprintf(label, sizeof label, side ? _("norm max: %s, %s") : _("norm min: %s, %s"),
                         res->std->id, mc_check_group_label(res, gl, sizeof gl));
                put_str(R, ws, r, 0, label, R->st.bold);
                put_str(R, ws, r, 2, meal ? mc_meal_label(meal) : _("day total"), R->st.bold);
                r++;
            }
        }
    }
    return r;
}

/* Grams one child is served at meal ml: its portions, weighted by planned
 * servings like its nutrients.  (The vectors' mass_g is the net ingredient
 * weight behind them, which differs by what cooking lost or gained.) */
static double served_g(const struct mc_menu *m, const struct mc_meal *ml)
{
    double g = 0;
    for (size_t i = ml->first; i < ml->first + ml->count; i++) {
        const struct mc_serving *s = &m->servings[i];
        g += isnan(ml->planned_meals) ? s->portion_g
                                      : s->portion_g * s->planned_servings / ml->planned_meals;
    }
    return g;
}

/* The nutrients of v summed over only part of its food mass, with the
 * share known ("Витамин D 98 %"), "; "-separated: a day or meal whose
 * total is partial says so beside its numbers, not only by a low mark.
 * The share rounds down, so it never reads 100 %. */
static const char *partial_list(char *buf, size_t size, const struct mc_nvec *v)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int n = 0; n < MC_N_COUNT && len < size; n++) {
        double cov = mc_nvec_coverage(v, n);
        if (cov > 0.0 && cov < 1.0)
            len += (size_t)snprintf(buf + len, size - len, "%s%s %.0f %%", len ? "; " : "",
                                    mc_nutrient_name(n), floor(cov * 100.0));
    }
    return buf;
}

static void sheet_days(struct rpt *R)
{
    static const char *const cols[] = {
        N_("Week"), N_("Day"), N_("Meal"), N_("Served (g)"),
    };
    lxw_worksheet *ws = mc_report_sheet(&R->xl, R->wb, _("Days"));
    if (!ws)
        return;
    const struct mc_menu *m = R->menu;
    enum mark marks[MC_N_COUNT];
    put_str(R, ws, 0, 0, _("Every day and meal: nutrients of what one child is served. "
                        "Red: outside a verified norm; amber: outside an unverified "
                        "norm. The norms are the rows under this line."), NULL);
    lxw_row_t r = days_norm_rows(R, ws, 1);
    lxw_row_t head = r++;
    const lxw_col_t cost_col = 4 + MC_N_COUNT;
    double budget = R->rep->budget;
    mc_report_style_header(&R->st, &R->xl, ws, head, cols, 4, 0);
    nutrient_headers(R, ws, head, 4);
    put_str(R, ws, head, cost_col, _("Cost"), R->st.head);
    put_str(R, ws, head, cost_col + 1, _("Partial totals: share of the food mass whose "
                                      "value is known"), R->st.head);
    char partial[2048];
    for (size_t d = 0; d < m->n_days; d++) {
        const struct mc_day *day = &m->days[d];
        double day_g = 0;
        for (size_t i = day->first; i < day->first + day->count; i++, r++) {
            const struct mc_meal *ml = &m->meals[i];
            double g = served_g(m, ml);
            day_g += g;
            mc_xl(&R->xl, worksheet_write_number(ws, r, 0, day->week, NULL));
            put_str(R, ws, r, 1, _(mc_day_name(day->day)), NULL);
            put_str(R, ws, r, 2, mc_meal_label(ml->meal), NULL);
            mc_xl(&R->xl, worksheet_write_number(ws, r, 3, g, R->num[MARK_NONE][0]));
            day_marks(R->c, d, ml->meal, marks);
            nvec_cells(R, ws, r, 4, &ml->n, marks);
            put_num(R, ws, r, cost_col, ml->cost, 2, MARK_NONE);
            put_str(R, ws, r, cost_col + 1, partial_list(partial, sizeof partial, &ml->n),
                    R->st.wrap);
        }
        mc_xl(&R->xl, worksheet_write_number(ws, r, 0, day->week, R->st.bold));
        put_str(R, ws, r, 1, _(mc_day_name(day->day)), R->st.bold);
        put_str(R, ws, r, 2, _("day total"), R->st.bold);
        mc_xl(&R->xl, worksheet_write_number(ws, r, 3, day_g, R->num[MARK_NONE][0]));
        day_marks(R->c, d, NULL, marks);
        nvec_cells(R, ws, r, 4, &day->n, marks);
        put_num(R, ws, r, cost_col, day->cost, 2,
                budget > 0.0 && day->cost > budget ? MARK_FAIL : MARK_NONE);
        put_str(R, ws, r, cost_col + 1, partial_list(partial, sizeof partial, &day->n),
                R->st.wrap);
        r++;
    }
    mc_xl(&R->xl, worksheet_set_column(ws, cost_col + 1, cost_col + 1, 40, NULL));
    mc_xl(&R->xl, worksheet_autofilter(ws, head, 0, r - 1, 3 + MC_N_COUNT));
    mc_xl(&R->xl, worksheet_set_column(ws, 0, 0, 8, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 1, 2, 12, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 3, 3, 9, NULL));
    worksheet_freeze_panes(ws, head + 1, 4);
    struct page pg = {.name = N_("Days"), .head = (int)head, .last_row = r - 1,
                      .last_col = cost_col + 1, .key_cols = 4};
    page_setup(R, ws, &pg);
}

/* ---- Dishes ---------------------------------------------------------------- */

static void sheet_dishes(struct rpt *R)
{
    static const char *const cols[] = {
        N_("Week"), N_("Day"), N_("Meal"), N_("Dish"), N_("Recipe / food id"),
        N_("Portion (g)"), N_("Planned servings"), N_("Menu line"),
    };
    lxw_worksheet *ws = mc_report_sheet(&R->xl, R->wb, _("Dishes"));
    if (!ws)
        return;
    const struct mc_menu *m = R->menu;
    mc_report_style_header(&R->st, &R->xl, ws, 0, cols, 8, 0);
    nutrient_headers(R, ws, 0, 8);
    put_str(R, ws, 0, 8 + MC_N_COUNT, _("Price"), R->st.head);
    lxw_row_t r = 1;
    for (size_t i = 0; i < m->n_servings; i++, r++) {
        const struct mc_serving *s = &m->servings[i];
        mc_xl(&R->xl, worksheet_write_number(ws, r, 0, s->week, NULL));
        put_str(R, ws, r, 1, _(mc_day_name(s->day)), NULL);
        put_str(R, ws, r, 2, mc_meal_label(s->meal), NULL);
        put_str(R, ws, r, 3, s->dish, NULL);
        put_str(R, ws, r, 4, s->recipe ? s->recipe->name : s->food_id, NULL);
        mc_xl(&R->xl, worksheet_write_number(ws, r, 5, s->portion_g, R->num[MARK_NONE][0]));
        if (!isnan(s->planned_servings))
            mc_xl(&R->xl, worksheet_write_number(ws, r, 6, s->planned_servings, NULL));
        mc_xl(&R->xl, worksheet_write_number(ws, r, 7, (double)s->line, NULL));
        nvec_cells(R, ws, r, 8, &s->n, NULL);
        put_num(R, ws, r, 8 + MC_N_COUNT, s->price, 2, MARK_NONE);
    }
    mc_xl(&R->xl, worksheet_autofilter(ws, 0, 0, r > 1 ? r - 1 : 0, 7 + MC_N_COUNT));
    mc_xl(&R->xl, worksheet_set_column(ws, 0, 2, 10, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 3, 4, 28, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 5, 7, 10, NULL));
    worksheet_freeze_panes(ws, 1, 4);
    struct page pg = {.name = N_("Dishes"), .head = 0, .last_row = r > 1 ? r - 1 : 0,
                      .last_col = 8 + MC_N_COUNT, .key_cols = 4};
    page_setup(R, ws, &pg);
}

/* ---- Recipes ---------------------------------------------------------------- */

#define RC_FIRST_N 8 /* first nutrient column of the Recipes sheet */

/* A SUM over column c of rows [r1, r2], cached as `sum`, at (r, c). */
static void sum_formula(struct rpt *R, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                        lxw_row_t r1, lxw_row_t r2, double sum, int dec)
{
    char f[48] = "=SUM(";
    lxw_rowcol_to_range(f + 5, r1, c, r2, c);
    strcat(f, ")");
    mc_xl(&R->xl, worksheet_write_formula_num(ws, r, c, f, R->num[MARK_NONE][dec], sum));
}

/* "/10", "/1500*100": what a card's per-portion or per-100 g formulas
 * divide by, the same in every column (formatted once: %.17g is costly). */
static void div_suffix(char *buf, size_t size, double divisor, double mult)
{
    if (mult == 1.0)
        snprintf(buf, size, "/%.17g", divisor);
    else
        snprintf(buf, size, "/%.17g*%.17g", divisor, mult);
}

/* =cell<suffix>, cached; suffix from div_suffix() into 64 bytes. */
static void div_formula(struct rpt *R, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                        lxw_row_t src, const char *suffix, double cached, int dec)
{
    char f[16 + 64] = "="; /* "=XFD1048576" and the suffix */
    lxw_rowcol_to_cell(f + 1, src, c);
    strcat(f, suffix);
    mc_xl(&R->xl, worksheet_write_formula_num(ws, r, c, f, R->num[MARK_NONE][dec], cached));
}

static lxw_row_t recipe_block(struct rpt *R, lxw_worksheet *ws, lxw_row_t r,
                              const struct mc_recipe *rc)
{
    static const char *const cols[] = {
        N_("Ingredient (as written)"), N_("Resolved as"), N_("Food id"),
        N_("Gross (g)"), N_("Net (g)"), N_("Refuse %"), N_("Cooking profile"),
        N_("Book line"),
    };
    char buf[512];
    snprintf(buf, sizeof buf, _("%s: %g servings, yield %g g (portion %g g), cooking "
                                "profile %s; book line %ld"), rc->name, rc->servings, rc->yield_g,
             rc->yield_g / rc->servings, rc->cooking ? rc->cooking->name : "none",
             rc->line);
    put_str(R, ws, r++, 0, buf, R->st.title);
    mc_report_style_header(&R->st, &R->xl, ws, r, cols, RC_FIRST_N, 0);
    nutrient_headers(R, ws, r, RC_FIRST_N);
    r++;
    lxw_row_t first = r;
    double gross = 0, net = 0, sums[MC_N_COUNT] = {0};
    int have_gross = 1;
    for (size_t i = 0; i < rc->n_ingredients; i++, r++) {
        const struct mc_ingredient *in = &rc->ingredients[i];
        put_str(R, ws, r, 0, in->food, NULL);
        put_str(R, ws, r, 1, in->sub ? in->food_name
                                  : food_label(R, in->food_id, in->food_name, buf, sizeof buf),
                NULL);
        put_str(R, ws, r, 2, in->food_id ? in->food_id : _("(recipe)"), NULL);
        if (isnan(in->gross_g))
            have_gross = 0;
        else
            gross += in->gross_g;
        put_num(R, ws, r, 3, in->gross_g, 1, MARK_NONE);
        put_num(R, ws, r, 4, in->net_g, 1, MARK_NONE);
        net += in->net_g;
        mc_xl(&R->xl, worksheet_write_number(ws, r, 5, in->refuse_pct, R->num[MARK_NONE][0]));
        put_str(R, ws, r, 6, in->cooking ? in->cooking->name : "none", NULL);
        mc_xl(&R->xl, worksheet_write_number(ws, r, 7, (double)in->line, NULL));
        for (int n = 0; n < MC_N_COUNT; n++) {
            double v = mc_nvec_unknown(&in->n, n) ? NAN : in->n.value[n];
            put_num(R, ws, r, RC_FIRST_N + (lxw_col_t)n, v, dec_of(n), MARK_NONE);
            if (!isnan(v))
                sums[n] += v;
        }
    }
    lxw_row_t last = r - 1, total = r;
    put_str(R, ws, total, 0, _("Total (whole batch)"), R->st.bold);
    put_str(R, ws, total + 1, 0, _("Per portion"), R->st.bold);
    put_str(R, ws, total + 2, 0, _("Per 100 g of dish"), R->st.bold);
    if (rc->n_ingredients) {
        char per_portion[64], per_100g[64];
        div_suffix(per_portion, sizeof per_portion, rc->servings, 1.0);
        div_suffix(per_100g, sizeof per_100g, rc->yield_g, 100.0);
        if (have_gross)
            sum_formula(R, ws, total, 3, first, last, gross, 1);
        sum_formula(R, ws, total, 4, first, last, net, 1);
        for (int n = 0; n < MC_N_COUNT; n++) {
            lxw_col_t c = RC_FIRST_N + (lxw_col_t)n;
            if (mc_nvec_unknown(&rc->total, n)) {
                /* No ingredient is known: a SUM would show 0, not unknown. */
                for (lxw_row_t k = total; k <= total + 2; k++)
                    put_num(R, ws, k, c, NAN, dec_of(n), MARK_NONE);
                continue;
            }
            sum_formula(R, ws, total, c, first, last, sums[n], dec_of(n));
            div_formula(R, ws, total + 1, c, total, per_portion, sums[n] / rc->servings,
                        dec_of(n));
            div_formula(R, ws, total + 2, c, total, per_100g,
                        sums[n] / rc->yield_g * 100.0, dec_of(n));
        }
    }
    return total + 4;
}

static void sheet_recipes(struct rpt *R)
{
    lxw_worksheet *ws = mc_report_sheet(&R->xl, R->wb, _("Recipes"));
    if (!ws)
        return;
    put_str(R, ws, 0, 0, _("Technological cards: each ingredient's contribution after "
                        "its cooking-loss profile; the totals are Excel formulas over "
                        "the ingredient rows. Grey cells: value unknown in the food "
                        "table (not counted as zero by mealcheck; SUM skips them)."),
            NULL);
    lxw_row_t r = 2;
    for (size_t i = 0; i < R->n_recipes; i++)
        r = recipe_block(R, ws, r, R->recipes[i]);
    mc_xl(&R->xl, worksheet_set_column(ws, 0, 1, 32, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 2, 5, 9, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 6, 6, 20, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 7, 7, 8, NULL));
    worksheet_freeze_panes(ws, 1, 1);
    struct page pg = {.name = N_("Recipes"), .head = -1, .last_row = r,
                      .last_col = RC_FIRST_N + MC_N_COUNT - 1, .key_cols = 1};
    page_setup(R, ws, &pg);
}

/* ---- Data quality ------------------------------------------------------------ */

/* Names of the nutrients of v not fully known, comma-separated. */
static const char *unknown_list(char *buf, size_t size, const struct mc_nvec *v)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int n = 0; n < MC_N_COUNT && len < size; n++)
        if (v->mass_g > 0 && v->known_g[n] < v->mass_g)
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
                                    mc_nutrient_name(n));
    return buf;
}

static const char *assumed_list(char *buf, size_t size, unsigned bits)
{
    static const struct { unsigned bit; const char *what; } names[] = {
        {MC_ASSUMED_SERVINGS, N_("servings empty: 1 assumed")},
        {MC_ASSUMED_YIELD, N_("yield empty: sum of net weights assumed")},
        {MC_ASSUMED_NET, N_("net empty: gross less the food's refuse")},
        {MC_ASSUMED_PORTION, N_("portion empty: the recipe's portion")},
        {MC_ASSUMED_WEEK, N_("week empty: week 1")},
    };
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof *names && len < size; i++)
        if (bits & names[i].bit)
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "; " : "",
                                    _(names[i].what));
    return buf;
}

static lxw_row_t section(struct rpt *R, lxw_worksheet *ws, lxw_row_t r,
                         const char *title, const char *const *cols, size_t n)
{
    put_str(R, ws, r++, 0, title, R->st.title);
    mc_report_style_header(&R->st, &R->xl, ws, r, cols, n, 0);
    return r + 1;
}

/* The ": " that ends the place of a "file:line:col: message" line (after
 * the first run of digits following a ':'), or NULL. */
static char *where_end(char *line)
{
    for (char *p = strchr(line, ':'); p; p = strchr(p + 1, ':')) {
        char *q = p + 1;
        if (*q < '0' || *q > '9')
            continue;
        while ((*q >= '0' && *q <= '9') || (*q == ':' && q[1] >= '0' && q[1] <= '9'))
            q++;
        if (q[0] == ':' && q[1] == ' ')
            return q;
    }
    return NULL;
}

static void sheet_quality(struct rpt *R)
{
    static const char *const c_unknown[] = {
        N_("Where"), N_("Ingredient / dish"), N_("Food id"), N_("Grams"),
        N_("Nutrients not known"),
    };
    static const char *const c_cov[] = {
        N_("Nutrient"), N_("Key"), N_("Unit"), N_("Coverage of the menu"),
    };
    static const char *const c_name[] = {
        N_("Where"), N_("Written as"), N_("Matched food id"), N_("Matched food"),
    };
    static const char *const c_def[] = {
        N_("Where"), N_("Item"), N_("Line"), N_("Default assumed"),
    };
    lxw_worksheet *ws = mc_report_sheet(&R->xl, R->wb, _("Data quality"));
    if (!ws)
        return;
    const struct mc_menu *m = R->menu;
    char buf[2048], food[512];
    lxw_row_t r = section(R, ws, 0, _("Unknown nutrient values (unknown is not zero)"),
                          c_unknown, 5);
    for (size_t i = 0; i < R->n_recipes; i++)
        for (size_t j = 0; j < R->recipes[i]->n_ingredients; j++) {
            const struct mc_ingredient *in = &R->recipes[i]->ingredients[j];
            if (in->sub || !*unknown_list(buf, sizeof buf, &in->n))
                continue;
            put_str(R, ws, r, 0, R->recipes[i]->name, NULL);
            put_str(R, ws, r, 1, food_label(R, in->food_id, in->food_name, food, sizeof food),
                    NULL);
            put_str(R, ws, r, 2, in->food_id, NULL);
            mc_xl(&R->xl, worksheet_write_number(ws, r, 3, in->net_g, R->num[MARK_NONE][1]));
            put_str(R, ws, r++, 4, buf, R->st.wrap);
        }
    for (size_t i = 0; i < m->n_servings; i++) {
        const struct mc_serving *s = &m->servings[i];
        if (s->recipe || !*unknown_list(buf, sizeof buf, &s->n))
            continue;
        put_str(R, ws, r, 0, _("menu"), NULL);
        put_str(R, ws, r, 1, s->dish, NULL);
        put_str(R, ws, r, 2, s->food_id, NULL);
        mc_xl(&R->xl, worksheet_write_number(ws, r, 3, s->portion_g, R->num[MARK_NONE][1]));
        put_str(R, ws, r++, 4, buf, R->st.wrap);
    }
    struct mc_nvec all;
    mc_nvec_zero(&all);
    for (size_t d = 0; d < m->n_days; d++)
        mc_nvec_add_scaled(&all, &m->days[d].n, 1.0);
    r = section(R, ws, r + 1, _("Coverage per nutrient: share of the food mass served "
                                "whose value is known"), c_cov, 4);
    for (int n = 0; n < MC_N_COUNT; n++, r++) {
        const struct mc_nutrient_info *in = mc_nutrient_info(n);
        double cov = mc_nvec_coverage(&all, n);
        put_str(R, ws, r, 0, mc_nutrient_name(n), NULL);
        put_str(R, ws, r, 1, in->key, NULL);
        put_str(R, ws, r, 2, mc_nutrient_unit(n), NULL);
        mc_xl(&R->xl, worksheet_write_number(ws, r, 3, cov, R->st.pct));
    }
    r = section(R, ws, r + 1, _("Foods matched by name, not by id (check them)"), c_name, 4);
    for (size_t i = 0; i < R->n_recipes; i++)
        for (size_t j = 0; j < R->recipes[i]->n_ingredients; j++) {
            const struct mc_ingredient *in = &R->recipes[i]->ingredients[j];
            if (!in->matched_by_name)
                continue;
            put_str(R, ws, r, 0, R->recipes[i]->name, NULL);
            put_str(R, ws, r, 1, in->food, NULL);
            put_str(R, ws, r, 2, in->food_id, NULL);
            put_str(R, ws, r++, 3, food_label(R, in->food_id, in->food_name, food, sizeof food),
                    NULL);
        }
    for (size_t i = 0; i < m->n_servings; i++)
        if (m->servings[i].matched_by_name) {
            put_str(R, ws, r, 0, _("menu"), NULL);
            put_str(R, ws, r, 1, m->servings[i].dish, NULL);
            put_str(R, ws, r, 2, m->servings[i].food_id, NULL);
            put_str(R, ws, r++, 3, food_label(R, m->servings[i].food_id,
                                           m->servings[i].food_name, food, sizeof food),
                    NULL);
        }
    r = section(R, ws, r + 1, _("Defaults assumed"), c_def, 4);
    for (size_t i = 0; i < R->n_recipes; i++) {
        const struct mc_recipe *rc = R->recipes[i];
        if (rc->assumed) {
            put_str(R, ws, r, 0, _("recipe"), NULL);
            put_str(R, ws, r, 1, rc->name, NULL);
            mc_xl(&R->xl, worksheet_write_number(ws, r, 2, (double)rc->line, NULL));
            put_str(R, ws, r++, 3, assumed_list(buf, sizeof buf, rc->assumed), NULL);
        }
        for (size_t j = 0; j < rc->n_ingredients; j++)
            if (rc->ingredients[j].assumed) {
                put_str(R, ws, r, 0, rc->name, NULL);
                put_str(R, ws, r, 1, rc->ingredients[j].food, NULL);
                mc_xl(&R->xl, worksheet_write_number(ws, r, 2, (double)rc->ingredients[j].line,
                                                     NULL));
                put_str(R, ws, r++, 3, assumed_list(buf, sizeof buf, rc->ingredients[j].assumed), NULL);
            }
    }
    for (size_t i = 0; i < m->n_servings; i++)
        if (m->servings[i].assumed) {
            put_str(R, ws, r, 0, _("menu"), NULL);
            put_str(R, ws, r, 1, m->servings[i].dish, NULL);
            mc_xl(&R->xl, worksheet_write_number(ws, r, 2, (double)m->servings[i].line, NULL));
            put_str(R, ws, r++, 3, assumed_list(buf, sizeof buf, m->servings[i].assumed), NULL);
        }
    mc_xl(&R->xl, worksheet_set_column(ws, 0, 0, 28, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 1, 1, 40, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 2, 3, 14, NULL));
    /* No column of the inputs was ignored unseen: the ones read, as their
     * headers name them (any other was a warning or an error). */
    static const char *const c_read[] = {
        N_("File"), N_("Columns read"),
    };
    r = section(R, ws, r + 1, _("Columns read (any other column was reported when "
                                "the files were loaded)"), c_read, 2);
    for (int k = 0; k < 2; k++) {
        const struct mc_recipe_book *b = R->rep->book;
        char *const *cols = k ? m->columns : b ? b->columns : NULL;
        size_t len = 0;
        buf[0] = '\0';
        for (size_t i = 0; cols && cols[i] && len < sizeof buf; i++)
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? "; " : "",
                                    cols[i]);
        put_str(R, ws, r, 0, k ? m->path : b ? b->path : "", NULL);
        put_str(R, ws, r++, 1, buf, R->st.wrap);
    }
    static const char *const c_warn[] = {N_("Where"), N_("Warning")};
    r = section(R, ws, r + 1, _("Warnings on what was typed (check these cells)"),
                c_warn, 2);
    for (const char *p = R->rep->warnings; p && *p;) {
        size_t len = strcspn(p, "\n");
        /* "file:line:col: message": the place ends at the last ": " before
         * the message; the file name itself may hold ':' ("book.xlsx[Лист]"). */
        char line[2048];
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        char *msg = where_end(line);
        if (msg) {
            *msg = '\0';
            msg += 2;
        }
        put_str(R, ws, r, 0, msg ? line : "", NULL);
        put_str(R, ws, r++, 1, msg ? msg : line, R->st.wrap);
        p += len + (p[len] == '\n');
    }
    mc_xl(&R->xl, worksheet_set_column(ws, 4, 4, 60, NULL));
    struct page pg = {.name = N_("Data quality"), .head = -1, .last_row = r,
                      .last_col = 4};
    page_setup(R, ws, &pg);
}

/* ---- Sources ----------------------------------------------------------------- */

static lxw_row_t source_standard(struct rpt *R, lxw_worksheet *ws, lxw_row_t r,
                                 const struct mc_standard *s)
{
    char buf[1024], d1[16], d2[16];
    put_str(R, ws, r++, 0, mc_standard_title(s), R->st.title);
#define ROW(label, value)                            \
    do {                                             \
        put_str(R, ws, r, 0, label, R->st.bold);           \
        put_str(R, ws, r++, 1, value, R->st.wrap);         \
    } while (0)
    ROW(_("Id"), s->id);
    ROW(_("Issued by"), s->issuer);
    ROW(_("Legal reference"), s->legal_ref);
    put_str(R, ws, r, 0, _("Source"), R->st.bold);
    mc_xl(&R->xl, worksheet_write_url(ws, r++, 1, s->source_url, R->url));
    ROW(_("Norm file"), s->path);
    snprintf(buf, sizeof buf, _("%s to %s"),
             s->effective_from ? mc_date_format(d1, sizeof d1, s->effective_from) : "-",
             s->effective_to ? mc_date_format(d2, sizeof d2, s->effective_to) : "-");
    ROW(_("In force"), buf);
    snprintf(buf, sizeof buf, _("norms per %s; judged on %s; tolerance %g %%; "
                                "insufficient data below %g %% coverage"),
             s->per == MC_PER_DAY ? _("day") : _("meal"),
             s->judge == MC_JUDGE_EACH_DAY ? _("every day") : _("the period average"),
             s->tolerance_pct, s->coverage_min * 100.0);
    ROW(_("Evaluation"), buf);
    for (size_t i = 0; i < s->n_shares; i++) {
        snprintf(buf, sizeof buf, _("%s %g-%g %% of the day%s"),
                 mc_meal_label(s->shares[i].meal),
                 s->shares[i].min_pct, s->shares[i].max_pct,
                 s->shares[i].verified ? "" : _(" (unverified)"));
        ROW(i ? "" : _("Meal shares"), buf);
    }
    const char *notes = mc_standard_notes(s);
    for (const char *p = notes; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        snprintf(buf, sizeof buf, "%.*s", (int)len, p);
        ROW(p == notes ? _("Notes") : "", buf);
        p += len + (nl ? 1 : 0);
    }
#undef ROW
    return r + 1;
}

static void rules_rows(struct rpt *R, lxw_worksheet *ws, lxw_row_t *r,
                       const struct mc_check_result *res)
{
    char buf[256], d1[16], d2[16];
    for (size_t k = 0; k < res->n_items; k++) {
        const struct mc_check_item *it = &res->items[k];
        for (int side = 0; side < 2; side++) {
            const struct mc_norm_row *row = side ? it->hi_row : it->lo_row;
            if (!row || (side && row == it->lo_row))
                continue;
            size_t sub = side ? it->hi_sub : it->lo_sub;
            put_str(R, ws, *r, 0, res->std->id, NULL);
            put_str(R, ws, *r, 1, res->subs[sub].group->id, NULL);
            put_str(R, ws, *r, 2, item_label(buf, sizeof buf, it), NULL);
            put_str(R, ws, *r, 3, mc_bound_kind_name(row->kind), NULL);
            mc_xl(&R->xl, worksheet_write_number(ws, *r, 4, row->value, NULL));
            put_str(R, ws, *r, 5, row->unit, NULL);
            put_str(R, ws, *r, 6, row->rule, NULL);
            snprintf(buf, sizeof buf, "%s..%s",
                     row->effective_from ? mc_date_format(d1, sizeof d1, row->effective_from) : "",
                     row->effective_to ? mc_date_format(d2, sizeof d2, row->effective_to) : "");
            put_str(R, ws, *r, 7, strcmp(buf, "..") ? buf : _("always"), NULL);
            put_str(R, ws, *r, 8, row->verified ? _("yes") : _("no"), NULL);
            mc_xl(&R->xl, worksheet_write_number(ws, *r, 9, (double)row->line, NULL));
            put_str(R, ws, *r, 10, row->note, NULL);
            put_str(R, ws, *r, 11, row->source_url, NULL);
            (*r)++;
        }
    }
}

static void sheet_sources(struct rpt *R)
{
    static const char *const c_rules[] = {
        N_("Standard"), N_("Group"), N_("Nutrient"), N_("Bound"), N_("Value"),
        N_("Unit"), N_("Rule"), N_("In force"), N_("Verified"), N_("Norm file line"),
        N_("Note"), N_("Source"),
    };
    static const char *const c_cook[] = {
        N_("Profile"), N_("File"), N_("Energy recomputed 4/9/4"),
    };
    lxw_worksheet *ws = mc_report_sheet(&R->xl, R->wb, _("Sources"));
    if (!ws)
        return;
    const struct mc_check *c = R->c;
    lxw_row_t r = 0;
    for (size_t i = 0; i < c->n_results; i++) {
        int seen = 0;
        for (size_t j = 0; j < i; j++)
            seen |= c->results[j].std == c->results[i].std;
        if (!seen)
            r = source_standard(R, ws, r, c->results[i].std);
    }
    r = section(R, ws, r, _("Norm rules applied (the binding row of each bound)"),
                c_rules, 12);
    for (size_t i = 0; i < c->n_results; i++)
        rules_rows(R, ws, &r, &c->results[i]);
    put_str(R, ws, ++r, 0, _("Food composition"), R->st.title);
    r++;
    const struct mc_food_db_provenance *p = R->rep->prov;
    char buf[256];
    put_str(R, ws, r, 0, _("Source"), R->st.bold);
    put_str(R, ws, r++, 1, p ? p->source : _("unknown"), NULL);
    put_str(R, ws, r, 0, _("Release"), R->st.bold);
    put_str(R, ws, r++, 1, p ? p->release : _("unknown"), NULL);
    put_str(R, ws, r, 0, _("Imported"), R->st.bold);
    put_str(R, ws, r++, 1, p ? p->imported_at : _("unknown"), NULL);
    if (p) {
        snprintf(buf, sizeof buf, _("%ld SR28 foods, %ld local foods, %ld values, "
                                    "%ld household measures"), p->foods, p->local_foods, p->values,
                 p->measures);
        put_str(R, ws, r, 0, _("Contents"), R->st.bold);
        put_str(R, ws, r++, 1, buf, NULL);
    }
    /* Cooking-loss profiles used by the cards, each once. */
    r = section(R, ws, r + 1, _("Cooking-loss profiles used (retention factors)"),
                c_cook, 3);
    nutrient_headers(R, ws, r - 1, 3);
    const struct mc_cooking_profile *done[256];
    size_t n_done = 0;
    for (size_t i = 0; i < R->n_recipes; i++)
        for (size_t j = 0; j <= R->recipes[i]->n_ingredients; j++) {
            const struct mc_cooking_profile *cp =
                j ? R->recipes[i]->ingredients[j - 1].cooking : R->recipes[i]->cooking;
            size_t k = 0;
            while (k < n_done && done[k] != cp)
                k++;
            if (!cp || k < n_done || n_done == 256)
                continue;
            done[n_done++] = cp;
            put_str(R, ws, r, 0, cp->name, NULL);
            put_str(R, ws, r, 1, *cp->path ? cp->path : _("(built in: no losses)"), NULL);
            put_str(R, ws, r, 2, cp->recompute_energy ? _("yes") : _("no"), NULL);
            for (int n = 0; n < MC_N_COUNT; n++)
                mc_xl(&R->xl, worksheet_write_number(ws, r, 3 + (lxw_col_t)n, cp->factor[n],
                                                     R->num[MARK_NONE][2]));
            r++;
        }
    mc_xl(&R->xl, worksheet_set_column(ws, 0, 0, 22, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 1, 1, 60, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 2, 9, 14, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 10, 11, 50, NULL));
    struct page pg = {.name = N_("Sources"), .head = -1, .last_row = r,
                      .last_col = 2 + MC_N_COUNT, .key_cols = 1};
    page_setup(R, ws, &pg);
}

/* ---- Tech cards ------------------------------------------------------------ */

/* The nutrients a CIS technological card gives per portion, in its order:
 * food value, then minerals, then vitamins; the labels are the card's. */
static const struct {
    enum mc_nutrient n;
    const char *label;
} card_nutrients[3][5] = {
    {{MC_N_PROTEIN_G, "Белки, г"}, {MC_N_FAT_G, "Жиры, г"}, {MC_N_CARB_G, "Углеводы, г"},
     {MC_N_ENERGY_KCAL, "Энергетическая ценность, ккал"}, {MC_N_COUNT, NULL}},
    {{MC_N_CALCIUM_MG, "Ca, мг"}, {MC_N_MAGNESIUM_MG, "Mg, мг"},
     {MC_N_PHOSPHORUS_MG, "P, мг"}, {MC_N_IRON_MG, "Fe, мг"}, {MC_N_COUNT, NULL}},
    {{MC_N_VIT_A_UG_RAE, "Витамин A, мкг"}, {MC_N_THIAMIN_MG, "Витамин B1, мг"},
     {MC_N_RIBOFLAVIN_MG, "Витамин B2, мг"}, {MC_N_VIT_C_MG, "Витамин C, мг"},
     {MC_N_VIT_E_MG, "Витамин E, мг"}},
};

/* The raw material of a card's line.  The card is a Russian form: in
 * Russian or Kazakh it names the food as Russian kitchens do ("Мука
 * пшеничная (20481)"), else by SR28's name. */
static void card_food(const struct rpt *R, const struct mc_ingredient *in, char *buf,
                      size_t size)
{
    char local[256];
    if (!in->sub && strcmp(mc_i18n_lang(), "en") &&
        *local_name(R, in->food_id, "ru", local, sizeof local)) {
        char cap[256];
        mc_text_capitalize(local, cap, sizeof cap);
        snprintf(buf, size, "%s (%s)", cap, in->food_id);
    } else if (in->sub || in->matched_by_name) {
        snprintf(buf, size, "%s", in->food_name);
    } else {
        snprintf(buf, size, "%s %s", in->food_id, in->food_name);
    }
}

/* One card from row r; returns the row after it. */
static lxw_row_t card(struct rpt *R, lxw_worksheet *ws, lxw_row_t r, size_t no,
                      const struct mc_recipe *rc)
{
    static const char *const cols[] = {"№", "Наименование сырья", "Брутто, г",
                                       "Нетто, г", "Брутто, г", "Нетто, г"};
    char buf[600];
    double per = 1.0 / rc->servings;
    snprintf(buf, sizeof buf, "Технологическая карта № %zu", no);
    put_str(R, ws, r++, 0, buf, R->st.title);
    snprintf(buf, sizeof buf, "Наименование блюда: %s", rc->name);
    put_str(R, ws, r++, 0, buf, R->st.bold);
    snprintf(buf, sizeof buf, "Выход 1 порции: %g г; порций: %g; кулинарная обработка "
             "(профиль потерь): %s", rc->yield_g * per, rc->servings,
             /* the built-in profile has no file: the form says so in Russian */
             rc->cooking && *rc->cooking->path ? rc->cooking->name : "без потерь");
    put_str(R, ws, r++, 0, buf, NULL);
    r++;
    snprintf(buf, sizeof buf, "на %g порц.", rc->servings);
    mc_xl(&R->xl, worksheet_merge_range(ws, r, 2, r, 3, "на 1 порцию", R->st.head));
    mc_xl(&R->xl, worksheet_merge_range(ws, r, 4, r, 5, buf, R->st.head));
    r++;
    mc_report_style_header(&R->st, &R->xl, ws, r++, cols, 6, 0);
    for (size_t i = 0; i < rc->n_ingredients; i++, r++) {
        const struct mc_ingredient *in = &rc->ingredients[i];
        mc_xl(&R->xl, worksheet_write_number(ws, r, 0, (double)(i + 1), NULL));
        card_food(R, in, buf, sizeof buf);
        put_str(R, ws, r, 1, buf, R->st.wrap);
        put_num(R, ws, r, 2, in->gross_g * per, 1, MARK_NONE);
        put_num(R, ws, r, 3, in->net_g * per, 1, MARK_NONE);
        put_num(R, ws, r, 4, in->gross_g, 1, MARK_NONE);
        put_num(R, ws, r, 5, in->net_g, 1, MARK_NONE);
    }
    put_str(R, ws, r, 1, "Выход", R->st.bold);
    put_num(R, ws, r, 3, rc->yield_g * per, 1, MARK_NONE);
    put_num(R, ws, r++, 5, rc->yield_g, 1, MARK_NONE);
    if (!isnan(rc->cost)) {
        put_str(R, ws, r, 1, "Стоимость", R->st.bold);
        put_num(R, ws, r, 3, rc->cost * per, 2, MARK_NONE);
        put_num(R, ws, r++, 5, rc->cost, 2, MARK_NONE);
    }
    r++;
    snprintf(buf, sizeof buf, "Пищевая ценность 1 порции (%g г); пустая клетка: "
             "нет данных в таблице состава (не ноль)", rc->yield_g * per);
    put_str(R, ws, r++, 0, buf, R->st.bold);
    struct mc_nvec v;
    mc_recipe_per_portion(rc, &v);
    for (size_t t = 0; t < 3; t++, r += 2) {
        mc_xl(&R->xl, worksheet_set_row(ws, r, 30, NULL)); /* labels wrap on two lines */
        for (lxw_col_t k = 0; k < 5 && card_nutrients[t][k].label; k++) {
            enum mc_nutrient n = card_nutrients[t][k].n;
            put_str(R, ws, r, 1 + k, card_nutrients[t][k].label, R->st.head);
            put_num(R, ws, r + 1, 1 + k, mc_nvec_unknown(&v, n) ? NAN : v.value[n],
                    dec_of(n), MARK_NONE);
        }
    }
    return r + 1;
}

/* A technological card per dish served, in the CIS layout, one per page. */
static void sheet_cards(struct rpt *R)
{
    lxw_worksheet *ws = mc_report_sheet(&R->xl, R->wb, _("Tech cards"));
    if (!ws)
        return;
    const struct mc_menu *m = R->menu;
    lxw_row_t r = 0;
    lxw_row_t breaks[1024];
    size_t n_breaks = 0, no = 0;
    for (size_t i = 0; i < m->n_servings; i++) {
        const struct mc_recipe *rc = m->servings[i].recipe;
        size_t j = 0;
        while (j < i && m->servings[j].recipe != rc)
            j++;
        if (!rc || j < i)
            continue; /* a food served as is, or a card already printed */
        if (no && n_breaks < 1023)
            breaks[n_breaks++] = r;
        r = card(R, ws, r, ++no, rc);
    }
    breaks[n_breaks] = 0;
    mc_xl(&R->xl, worksheet_set_h_pagebreaks(ws, breaks));
    mc_xl(&R->xl, worksheet_set_column(ws, 0, 0, 5, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 1, 1, 44, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 2, 5, 15, NULL));
    struct page pg = {.name = N_("Tech cards"), .head = -1, .last_row = r ? r - 1 : 0,
                      .last_col = 5, .portrait = 1};
    page_setup(R, ws, &pg);
}

/* ---- the workbook --------------------------------------------------------------- */

/* ---- Food sets -------------------------------------------------------------- */

static enum mark food_mark(const struct mc_food_set_line *l)
{
    if (l->status == MC_FOOD_OK)
        return MARK_OK;
    if (l->status == MC_FOOD_NO_NORM)
        return MARK_NONE;
    return l->row->verified ? MARK_FAIL : MARK_ADVISORY;
}

/* The cumulative statement: food groups down, the menu's days across, then
 * the total (a SUM of the days), the average (total over the days), the
 * norm band and the verdict; below it every food with its group. */
static void sheet_food_sets(struct rpt *R)
{
    const struct mc_food_set *fs = R->rep->food_set;
    if (!fs)
        return;
    const struct mc_menu *m = R->menu;
    lxw_worksheet *ws = mc_report_sheet(&R->xl, R->wb, _("Food sets"));
    if (!ws)
        return;
    char buf[512];
    snprintf(buf, sizeof buf, _("Food set %s, group %s (%d-%d years): %s"), fs->norm->id,
             fs->age_group, fs->age_min, fs->age_max, _(mc_food_set_verdict(fs)));
    put_str(R, ws, 0, 0, buf, R->st.title);
    snprintf(buf, sizeof buf, mc_ngettext("Net grams per child per day over %zu day; the "
                                          "norm is %g-%g %% of the day's set, within %g %%; "
                                          "rows not verified against the official text are "
                                          "advisory. Source: %s",
                                          "Net grams per child per day over %zu days; the "
                                          "norm is %g-%g %% of the day's set, within %g %%; "
                                          "rows not verified against the official text are "
                                          "advisory. Source: %s", fs->n_days), fs->n_days, fs->share_lo,
             fs->share_hi, fs->tolerance_pct, fs->norm->path);
    put_str(R, ws, 1, 0, buf, NULL);
    const lxw_row_t h = 3;
    const lxw_col_t d0 = 2, tot = d0 + (lxw_col_t)fs->n_days;
    static const char *const first[] = {
        N_("Food group"), N_("Norm wording"),
    };
    static const char *const last[] = {
        N_("Total (g)"), N_("Average (g/day)"), N_("Norm (g/day)"), N_("Min (g/day)"),
        N_("Max (g/day)"),
        /* xgettext:no-c-format */
        N_("% of norm"), N_("Status"), N_("Verified"), N_("Source"), N_("Note"),
    };
    mc_report_style_header(&R->st, &R->xl, ws, h, first, 2, 0);
    for (size_t d = 0; d < fs->n_days; d++) {
        snprintf(buf, sizeof buf, _("W%d %s"), m->days[d].week, _(mc_day_name(m->days[d].day)));
        put_str(R, ws, h, d0 + (lxw_col_t)d, buf, R->st.head);
    }
    mc_report_style_header(&R->st, &R->xl, ws, h, last, 10, tot);
    lxw_row_t r = h + 1;
    for (size_t i = 0; i < fs->n_lines; i++, r++) {
        const struct mc_food_set_line *l = &fs->lines[i];
        enum mark mk = food_mark(l);
        put_str(R, ws, r, 0, l->food_group, NULL);
        put_str(R, ws, r, 1, l->name, NULL);
        for (size_t d = 0; d < fs->n_days; d++)
            mc_xl(&R->xl, worksheet_write_number(ws, r, d0 + (lxw_col_t)d, l->day_net_g[d],
                                                 R->num[MARK_NONE][1]));
        if (fs->n_days) {
            char range[32], f[64];
            lxw_rowcol_to_range(range, r, d0, r, tot - 1);
            snprintf(f, sizeof f, "=SUM(%s)", range);
            mc_xl(&R->xl, worksheet_write_formula_num(ws, r, tot, f, R->num[MARK_NONE][1],
                                                      l->total_net_g));
            lxw_rowcol_to_cell(range, r, tot);
            snprintf(f, sizeof f, "=%s/%zu", range, fs->n_days);
            mc_xl(&R->xl, worksheet_write_formula_num(ws, r, tot + 1, f, R->num[mk][1],
                                                      l->avg_net_g));
        }
        if (l->row) {
            mc_xl(&R->xl, worksheet_write_number(ws, r, tot + 2, l->row->grams,
                                                 R->num[MARK_NONE][1]));
            mc_xl(&R->xl, worksheet_write_number(ws, r, tot + 3, l->norm_lo_g,
                                                 R->num[MARK_NONE][1]));
            mc_xl(&R->xl, worksheet_write_number(ws, r, tot + 4, l->norm_hi_g,
                                                 R->num[MARK_NONE][1]));
            if (!isnan(l->pct))
                mc_xl(&R->xl, worksheet_write_number(ws, r, tot + 5, l->pct / 100.0,
                                                     R->st.pct));
            put_str(R, ws, r, tot + 7, l->row->verified ? _("yes") : _("no"), NULL);
            put_str(R, ws, r, tot + 8, l->row->source_url, NULL);
            put_str(R, ws, r, tot + 9, l->row->note, NULL);
        }
        put_str(R, ws, r, tot + 6, _(mc_food_status_name(l->status)), R->status[mk]);
    }
    r++;
    static const char *const fcols[] = {
        N_("Food id"), N_("Food"), N_("Food group"), N_("Total net (g)"),
    };
    mc_report_style_header(&R->st, &R->xl, ws, r++, fcols, 4, 0);
    for (size_t i = 0; i < fs->n_foods; i++, r++) {
        const struct mc_food_set_food *f = &fs->foods[i];
        put_str(R, ws, r, 0, f->food_id, NULL);
        put_str(R, ws, r, 1, food_label(R, f->food_id, f->name, buf, sizeof buf), NULL);
        put_str(R, ws, r, 2, f->food_group, NULL);
        mc_xl(&R->xl, worksheet_write_number(ws, r, 3, f->total_net_g, R->num[MARK_NONE][1]));
    }
    mc_xl(&R->xl, worksheet_set_column(ws, 0, 0, 16, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 1, 1, 36, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, d0, tot + 7, 10, NULL));
    table_setup(ws, h);
    worksheet_freeze_panes(ws, h + 1, 2);
}

/* ---- Suggestions ------------------------------------------------------------ */

/* The nutrients of the norms that moved, in a serving: "Calcium (mg) 12.0
 * → 250.0; ..." from old (NULL: an addition, nothing) to new. */
static void moved_nutrients(char *buf, size_t size, const struct mc_suggestion *s,
                            const struct mc_nvec *old, const struct mc_nvec *new)
{
    unsigned char seen[MC_N_COUNT] = {0};
    size_t len = 0;
    buf[0] = '\0';
    for (size_t r = 0; r < s->before->n_results; r++)
        for (size_t i = 0; i < s->before->results[r].n_items; i++) {
            const struct mc_check_item *b = &s->before->results[r].items[i];
            const struct mc_check_item *a = &s->after->results[r].items[i];
            enum mc_nutrient n = b->nutrient;
            double o = old ? old->value[n] : 0.0, v = new->value[n];
            if (seen[n] || (b->verdict == a->verdict && b->avg.value == a->avg.value) ||
                o == v || len >= size)
                continue;
            seen[n] = 1;
            len += (size_t)snprintf(buf + len, size - len, "%s%s (%s) %.*f → %.*f",
                                    len ? "; " : "", mc_nutrient_name(n),
                                    mc_nutrient_unit(n), dec_of(n), o, dec_of(n), v);
        }
}

static lxw_row_t suggestion_changes(struct rpt *R, lxw_worksheet *ws, lxw_row_t r)
{
    const struct mc_suggestion *s = R->rep->suggestion;
    static const char *const cols[] = {
        N_("Week"), N_("Day"), N_("Meal"), N_("Change"), N_("Dish"), N_("Swapped for"),
        N_("Old portion (g)"), N_("New portion (g)"), N_("Old cost"), N_("New cost"),
        N_("Cost change"), N_("Nutrients it moves (before → after)"),
    };
    char buf[2048];
    mc_report_style_header(&R->st, &R->xl, ws, r++, cols, sizeof cols / sizeof *cols, 0);
    for (size_t i = 0; i < s->n_changes; i++, r++) {
        const struct mc_suggest_change *c = &s->changes[i];
        mc_xl(&R->xl, worksheet_write_number(ws, r, 0, c->week, NULL));
        put_str(R, ws, r, 1, _(mc_day_name(c->day)), NULL);
        put_str(R, ws, r, 2, mc_meal_label(c->meal), NULL);
        put_str(R, ws, r, 3, c->added ? _("add") : c->swap_for ? _("swap") : _("portion"), NULL);
        put_str(R, ws, r, 4, c->dish, NULL);
        put_str(R, ws, r, 5, c->swap_for, NULL);
        put_num(R, ws, r, 6, c->old_g, 1, MARK_NONE);
        put_num(R, ws, r, 7, c->new_g, 1, MARK_NONE);
        put_num(R, ws, r, 8, c->old_cost, 2, MARK_NONE);
        put_num(R, ws, r, 9, c->new_cost, 2, MARK_NONE);
        put_num(R, ws, r, 10, c->new_cost - c->old_cost, 2, MARK_NONE);
        moved_nutrients(buf, sizeof buf, s,
                        c->added ? NULL : &s->before->menu->servings[c->serving].n,
                        &s->menu->servings[c->new_serving].n);
        put_str(R, ws, r, 11, buf, R->st.wrap);
    }
    r++;
    static const char *const ncols[] = {
        N_("Standard"), N_("Group"), N_("Nutrient"), N_("Unit"), N_("Before"), N_("After"),
        N_("Verdict before"), N_("Verdict after"),
    };
    mc_report_style_header(&R->st, &R->xl, ws, r++, ncols, sizeof ncols / sizeof *ncols, 0);
    for (size_t k = 0; k < s->before->n_results; k++)
        for (size_t i = 0; i < s->before->results[k].n_items; i++) {
            const struct mc_check_result *res = &s->before->results[k];
            const struct mc_check_item *b = &res->items[i];
            const struct mc_check_item *a = &s->after->results[k].items[i];
            int d = b->pct_energy ? 1 : dec_of(b->nutrient);
            if (b->verdict == a->verdict && b->avg.value == a->avg.value)
                continue;
            put_str(R, ws, r, 0, res->std->id, NULL);
            put_str(R, ws, r, 1, res->spec->text, NULL);
            put_str(R, ws, r, 2, item_label(buf, sizeof buf, b), NULL);
            /* xgettext:no-c-format */
            put_str(R, ws, r, 3, b->pct_energy ? _("% kcal") : mc_nutrient_unit(b->nutrient), NULL);
            put_num(R, ws, r, 4, b->avg.value, d, value_mark(b, &b->avg));
            put_num(R, ws, r, 5, a->avg.value, d, value_mark(a, &a->avg));
            put_str(R, ws, r, 6, mc_verdict_name(b->verdict), R->status[verdict_mark(b->verdict)]);
            put_str(R, ws, r++, 7, mc_verdict_name(a->verdict), R->status[verdict_mark(a->verdict)]);
        }
    return r;
}

static lxw_row_t suggestion_conflicts(struct rpt *R, lxw_worksheet *ws, lxw_row_t r)
{
    const struct mc_suggestion *s = R->rep->suggestion;
    static const char *const cols[] = {
        N_("Set"), N_("Standard"), N_("Group"), N_("Nutrient"), N_("Unit"), N_("Scope"),
        N_("Side"), N_("Bound"), N_("Closest reached"), N_("Shortfall"),
        N_("Most (least) alone"),
    };
    char buf[256];
    mc_report_style_header(&R->st, &R->xl, ws, r++, cols, sizeof cols / sizeof *cols, 0);
    for (size_t i = 0; i < s->n_conflicts; i++, r++) {
        const struct mc_suggest_conflict *c = &s->conflicts[i];
        const struct mc_check_result *res = &s->before->results[c->result];
        const struct mc_check_item *it = &res->items[c->item];
        int d = it->pct_energy ? 1 : dec_of(it->nutrient);
        mc_xl(&R->xl, worksheet_write_number(ws, r, 0, c->set, NULL));
        put_str(R, ws, r, 1, res->std->id, NULL);
        put_str(R, ws, r, 2, res->spec->text, NULL);
        put_str(R, ws, r, 3, item_label(buf, sizeof buf, it), NULL);
        /* xgettext:no-c-format */
        put_str(R, ws, r, 4, it->pct_energy ? _("% kcal") : mc_nutrient_unit(it->nutrient), NULL);
        if (c->day < 0)
            snprintf(buf, sizeof buf, "%s", _("period average"));
        else
            snprintf(buf, sizeof buf, _("W%d %s"), R->menu->days[c->day].week,
                     _(mc_day_name(R->menu->days[c->day].day)));
        put_str(R, ws, r, 5, buf, NULL);
        put_str(R, ws, r, 6, c->hi ? _("at most") : _("at least"), NULL);
        put_num(R, ws, r, 7, c->bound, d, MARK_NONE);
        put_num(R, ws, r, 8, c->reach, d, c->shortfall > 0 ? MARK_FAIL : MARK_NONE);
        put_num(R, ws, r, 9, c->shortfall, d, MARK_NONE);
        put_num(R, ws, r, 10, c->alone, d, MARK_NONE);
    }
    return r;
}

/* What `mealcheck suggest` found for the menu: the changes and the norms
 * they move, proven by the engine, or the norms that cannot be met. */
static void sheet_suggestions(struct rpt *R)
{
    const struct mc_suggestion *s = R->rep->suggestion;
    if (!s)
        return;
    lxw_worksheet *ws = mc_report_sheet(&R->xl, R->wb, _("Suggestions"));
    if (!ws)
        return;
    put_str(R, ws, 0, 0, _("The smallest change that makes the menu comply"), R->st.title);
    put_str(R, ws, 1, 0, s->already_complies ? _("The menu already complies: nothing to change")
                      : s->feasible ? _("With these changes the menu complies (checked "
                                        "again by the engine)")
                                    : _("No change within the bounds makes the menu comply; "
                                        "these norms cannot be met together"),
            R->status[s->feasible || s->already_complies ? MARK_OK : MARK_FAIL]);
    put_str(R, ws, 2, 0, _("Cost per child a day, before and after"), R->st.bold);
    put_num(R, ws, 2, 1, s->cost_before, 2, MARK_NONE);
    put_num(R, ws, 2, 2, s->cost_after, 2, MARK_NONE);
    lxw_row_t last = 3;
    if (s->feasible)
        last = suggestion_changes(R, ws, 4);
    else if (!s->already_complies)
        last = suggestion_conflicts(R, ws, 4);
    mc_xl(&R->xl, worksheet_set_column(ws, 0, 0, 12, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 1, 3, 14, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 4, 5, 28, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 6, 10, 12, NULL));
    mc_xl(&R->xl, worksheet_set_column(ws, 11, 11, 60, NULL));
    struct page pg = {.name = N_("Suggestions"), .head = 4, .last_row = last, .last_col = 11};
    page_setup(R, ws, &pg);
}

/* The cards the report shows, in book order: every one, or (served_only)
 * those the menu serves and the sub-recipes they use, at any depth. */
static mc_code select_recipes(struct rpt *R)
{
    const struct mc_recipe_book *b = R->rep->book;
    if (!b || !b->n)
        return MC_OK;
    if (!(R->recipes = malloc(b->n * sizeof *R->recipes)))
        return MC_ERR_NOMEM;
    if (!R->rep->served_only) {
        for (size_t i = 0; i < b->n; i++)
            R->recipes[R->n_recipes++] = &b->recipes[i];
        return MC_OK;
    }
    /* Marked, then their sub-recipes marked until none is new. */
    unsigned char *mark = calloc(b->n, 1);
    if (!mark)
        return MC_ERR_NOMEM;
    for (size_t i = 0; i < R->menu->n_servings; i++) {
        const struct mc_recipe *rc = R->menu->servings[i].recipe;
        if (rc && rc >= b->recipes && rc < b->recipes + b->n)
            mark[rc - b->recipes] = 1;
    }
    for (int grew = 1; grew;) {
        grew = 0;
        for (size_t i = 0; i < b->n; i++)
            for (size_t j = 0; mark[i] && j < b->recipes[i].n_ingredients; j++) {
                const struct mc_recipe *sub = b->recipes[i].ingredients[j].sub;
                if (sub && sub >= b->recipes && sub < b->recipes + b->n &&
                    !mark[sub - b->recipes])
                    grew = mark[sub - b->recipes] = 1;
            }
    }
    for (size_t i = 0; i < b->n; i++)
        if (mark[i])
            R->recipes[R->n_recipes++] = &b->recipes[i];
    free(mark);
    return MC_OK;
}

mc_code mc_report_xlsx_write(const struct mc_report *rep, const char *path,
                             struct mc_err *err)
{
    struct rpt R = {.rep = rep, .c = rep->check, .menu = rep->check->menu};
    struct mc_tempfile tmp = {0};
    if (select_recipes(&R)) {
        free(R.recipes);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    mc_code rc = mc_report_open(path, 0, &tmp, &R.wb, err);
    if (rc) {
        free(R.recipes);
        return rc;
    }
    /* Fixed properties: the creation time is the check date, not the clock. */
    struct tm tm = {.tm_year = R.c->date / 10000 - 1900,
                    .tm_mon = R.c->date / 100 % 100 - 1,
                    .tm_mday = R.c->date % 100};
    lxw_doc_properties props = {
        .title = (char *)_("mealcheck compliance report"),
        .subject = (char *)R.menu->path,
        .author = (char *)"mealcheck " MC_VERSION,
        .comments = (char *)_("Generated by mealcheck; see the Sources sheet"),
        .created = timegm(&tm),
    };
    mc_xl(&R.xl, workbook_set_properties(R.wb, &props));
    make_formats(&R);
    sheet_summary(&R);
    sheet_suggestions(&R);
    sheet_days(&R);
    sheet_dishes(&R);
    sheet_recipes(&R);
    sheet_quality(&R);
    sheet_sources(&R);
    sheet_food_sets(&R);
    sheet_cards(&R);
    free(R.recipes);
    return rep->fast ? mc_report_close_fast(R.wb, &tmp, path, &R.xl, MC_XLSX_MEMORY, err)
                     : mc_report_close(R.wb, &tmp, path, &R.xl, err);
}
