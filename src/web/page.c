/*
 * page.c - the server-rendered pages: the form, and a check as tables
 * coloured by status, an inline SVG bar chart of % of norm, each day
 * against the norms and the dishes served.  Every string that comes from
 * a user or a file goes through web_html().
 */
#include "web.h"

#include <math.h>
#include <string.h>

#include "mealcheck/i18n.h"
#include "mealcheck/version.h"

void web_html_n(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(s[i], f);
        }
    }
}

void web_html(FILE *f, const char *s)
{
    if (s)
        web_html_n(f, s, strlen(s));
}

static const char *T(enum web_lang l, enum web_msg m)
{
    return web_text(l, m);
}

static const char *status_class(enum mc_status s)
{
    static const char *const names[] = {
        [MC_STATUS_NONE] = "st-none", [MC_STATUS_OK] = "st-ok",
        [MC_STATUS_LOW] = "st-low", [MC_STATUS_HIGH] = "st-high",
        [MC_STATUS_INSUFFICIENT] = "st-insufficient",
    };
    return names[s];
}

static const char *status_text(enum web_lang l, enum mc_status s)
{
    static const enum web_msg msgs[] = {
        [MC_STATUS_OK] = W_ST_OK, [MC_STATUS_LOW] = W_ST_LOW,
        [MC_STATUS_HIGH] = W_ST_HIGH, [MC_STATUS_INSUFFICIENT] = W_ST_INSUFF,
    };
    return s == MC_STATUS_NONE ? "" : T(l, msgs[s]);
}

static const char *verdict_text(enum web_lang l, enum mc_verdict v)
{
    static const enum web_msg msgs[] = {
        [MC_VERDICT_PASS] = W_V_PASS, [MC_VERDICT_FAIL] = W_V_FAIL,
        [MC_VERDICT_ADVISORY] = W_V_ADVISORY, [MC_VERDICT_INSUFFICIENT] = W_V_INSUFF,
    };
    return T(l, msgs[v]);
}

static const char *day_text(enum web_lang l, int day)
{
    return day >= 1 && day <= 7 ? T(l, (enum web_msg)(W_MON + day - 1)) : "";
}

static int decimals(const struct mc_check_item *it)
{
    return it->pct_energy ? 1 : mc_nutrient_info(it->nutrient)->decimals;
}

static void put_number(FILE *f, enum web_lang l, double v, int dec)
{
    if (isnan(v))
        fputs(T(l, W_UNKNOWN), f);
    else
        fprintf(f, "%.*f", dec, v);
}

static void put_norm(FILE *f, const struct mc_check_item *it,
                     const struct mc_check_value *v)
{
    int d = decimals(it);
    if (!isnan(v->lo) && !isnan(v->hi))
        fprintf(f, "%.*f&ndash;%.*f", d, v->lo, d, v->hi);
    else if (!isnan(v->lo))
        fprintf(f, "&ge; %.*f", d, v->lo);
    else if (!isnan(v->hi))
        fprintf(f, "&le; %.*f", d, v->hi);
}

static void put_item_name(FILE *f, const struct mc_check_item *it)
{
    /* In the request's language, as the report names them. */
    web_html(f, mc_nutrient_name(it->nutrient));
    fputs(" (", f);
    web_html(f, it->pct_energy ? "% kcal" : mc_nutrient_unit(it->nutrient));
    fputc(')', f);
    if (it->meal) {
        fputs(", ", f);
        web_html(f, it->meal);
    }
}

/* ---- the form ------------------------------------------------------------ */

static void put_upload(FILE *f, enum web_lang l, const char *name, enum web_msg title,
                       enum web_msg help, const char *text, int xlsx)
{
    fprintf(f, "<fieldset><legend>%s</legend><p class=\"help\">%s</p>"
               "<label>%s <input type=\"file\" name=\"%s_file\" accept=\".csv,.xlsx,"
               "text/csv\" data-target=\"%s\"></label>"
               "<label for=\"%s\">%s</label>"
               "<textarea id=\"%s\" name=\"%s\" rows=\"8\" spellcheck=\"false\">",
            T(l, title), T(l, help), T(l, W_FILE), name, name, name, T(l, W_OR_PASTE),
            name, name);
    web_html(f, text);
    fputs("</textarea>", f);
    if (xlsx)
        fprintf(f, "<p class=\"help\">%s</p>", T(l, W_XLSX_NOTE));
    fputs("</fieldset>\n", f);
}

static int ticked(const struct web_form_view *v, const char *id)
{
    for (size_t i = 0; i < v->n_stds; i++)
        if (!strcmp(v->stds[i], id))
            return 1;
    return 0;
}

static void put_form(FILE *f, const struct web_app *app, enum web_lang l,
                     const struct web_form_view *v)
{
    const char *code = web_lang_code(l);
    fprintf(f, "<form id=\"check\" method=\"post\" action=\"/check?lang=%s\" "
               "enctype=\"multipart/form-data\">\n", code);
    put_upload(f, l, "recipes", W_RECIPES, W_RECIPES_HELP, v->recipes, v->xlsx & 1);
    put_upload(f, l, "menu", W_MENU, W_MENU_HELP, v->menu, v->xlsx & 2);
    web_put_workbook_fields(f);
    /* A caterer's own names of foods, read as `--aliases` reads them. */
    fprintf(f, "<fieldset><legend>%s</legend><p class=\"help\">%s</p><label>%s <input "
               "type=\"file\" name=\"aliases_file\" accept=\".csv,.xlsx,text/csv\">"
               "</label></fieldset>\n", _("Your own names of foods"),
            _("A table with the columns alias, lang (ru or kk), food_id and note names "
              "foods as your kitchen writes them; its names are looked up first."),
            _("Alias table (CSV or .xlsx)"));
    fprintf(f, "<fieldset><legend>%s</legend><p>%s</p><ul class=\"stds\">", T(l, W_NORMS),
            T(l, W_STANDARDS));
    for (size_t i = 0; i < app->standards->n; i++) {
        const struct mc_standard *s = &app->standards->items[i];
        fputs("<li><label><input type=\"checkbox\" name=\"standard\" value=\"", f);
        web_html(f, s->id);
        fprintf(f, "\"%s> <code>", ticked(v, s->id) ? " checked" : "");
        web_html(f, s->id);
        fputs("</code> ", f);
        web_html(f, s->title);
        fputs("</label></li>", f);
    }
    fprintf(f, "</ul>\n<label>%s <input name=\"group\" value=\"", T(l, W_GROUP));
    web_html(f, v->group);
    fprintf(f, "\"></label><p class=\"help\">%s</p>\n<label>%s <input name=\"shares\" "
               "value=\"", T(l, W_GROUP_HELP), T(l, W_SHARES));
    web_html(f, v->shares);
    fprintf(f, "\"></label><p class=\"help\">%s</p>\n<label>%s <input type=\"date\" "
               "name=\"date\" value=\"", T(l, W_SHARES_HELP), T(l, W_DATE));
    web_html(f, v->date);
    fprintf(f, "\"></label><label>%s <input name=\"title\" value=\"", T(l, W_TITLE));
    web_html(f, v->title);
    web_fix_form_field(f, v->adds);
    fprintf(f, "\"></label></fieldset>\n<p class=\"actions\"><button type=\"submit\">%s"
               "</button> <button type=\"submit\" formaction=\"/report?lang=%s\">%s"
               "</button>", T(l, W_CHECK), code, T(l, W_REPORT));
    if (app->sample_recipes)
        fprintf(f, " <a href=\"/?demo=sample&amp;lang=%s\">%s</a>", code, T(l, W_SAMPLE));
    fputs("</p></form>\n", f);
}

/* Choose a school of the manifest and a week: a GET form, so that a
 * school's check has an address to share. */
static void put_school_form(FILE *f, const struct web_app *app, enum web_lang l,
                            const struct web_form_view *v)
{
    const char *code = web_lang_code(l);
    fprintf(f, "<form id=\"school\" method=\"get\" action=\"/school\"><fieldset>"
               "<legend>%s</legend><input type=\"hidden\" name=\"lang\" value=\"%s\">"
               "<label>%s <select name=\"school\">",
            T(l, W_SCHOOLS), code, T(l, W_SCHOOL));
    for (size_t i = 0; i < app->manifest->n; i++) {
        const struct mc_manifest_school *s = &app->manifest->schools[i];
        fputs("<option value=\"", f);
        web_html(f, s->id);
        fprintf(f, "\"%s>", v->school && !strcmp(v->school, s->id) ? " selected" : "");
        web_html(f, s->id);
        fputs(" &mdash; ", f);
        web_html(f, s->name);
        if (*s->district) {
            fputs(" (", f);
            web_html(f, s->district);
            fputc(')', f);
        }
        fputs("</option>", f);
    }
    fprintf(f, "</select></label><label>%s <input type=\"number\" name=\"week\" min=\"0\" "
               "max=\"999\" value=\"%d\"></label><p class=\"help\">%s</p>"
               "<label>%s <input type=\"date\" name=\"date\" value=\"",
            T(l, W_WEEK), v->week, T(l, W_ALL_WEEKS), T(l, W_DATE));
    web_html(f, v->date);
    fprintf(f, "\"></label><p class=\"actions\"><button type=\"submit\">%s</button> "
               "<button type=\"submit\" formaction=\"/school/report\">%s</button></p>"
               "</fieldset></form>\n",
            T(l, W_CHECK), T(l, W_REPORT));
}

/* ---- a check ------------------------------------------------------------- */

/* A bar per item: the period average as % of its norm, 0-200 % drawn, the
 * norm (100 %) marked by a line. */
static void put_chart(FILE *f, enum web_lang l, const struct mc_check_result *r)
{
    const int label_w = 260, bar_w = 360, row_h = 18, top = 20;
    const int h = top + (int)r->n_items * row_h + 4;
    const double x100 = label_w + bar_w / 2.0;
    /* tabindex: what scrolls sideways on a phone is reached by keyboard too */
    fprintf(f, "<figure tabindex=\"0\"><figcaption>%s</figcaption><svg class=\"chart\" "
               "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
               "aria-label=\"%s\" xmlns=\"http://www.w3.org/2000/svg\">",
            T(l, W_CHART), label_w + bar_w + 70, h, label_w + bar_w + 70, h, T(l, W_CHART));
    fprintf(f, "<text x=\"%.0f\" y=\"12\" class=\"axis\">100%%</text>"
               "<text x=\"%d\" y=\"12\" class=\"axis\">200%%</text>", x100 - 14,
            label_w + bar_w - 30);
    for (size_t k = 0; k < r->n_items; k++) {
        const struct mc_check_item *it = &r->items[k];
        int y = top + (int)k * row_h;
        fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"label\">", label_w - 6, y + 13);
        put_item_name(f, it);
        fputs("</text>", f);
        double pct = it->avg.pct_of_norm;
        if (!isnan(pct)) {
            double w = fmin(fmax(pct, 0), 200) / 200.0 * bar_w;
            fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"%s\"/>"
                       "<text x=\"%.1f\" y=\"%d\" class=\"pct\">%.0f%%</text>",
                    label_w, y + 3, w, row_h - 6, status_class(it->avg.status),
                    label_w + w + 4, y + 13, pct);
        } else {
            fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"pct\">%s</text>", label_w + 4,
                    y + 13, T(l, W_UNKNOWN));
        }
    }
    fprintf(f, "<line x1=\"%.0f\" y1=\"16\" x2=\"%.0f\" y2=\"%d\" class=\"norm\"/>"
               "</svg></figure>\n", x100, x100, h);
}

/* The badge of an outcome: green only when every norm checked is met. */
static void put_badge(FILE *f, enum web_lang l, enum mc_outcome o)
{
    static const char *const cls[] = {
        [MC_OUTCOME_COMPLIES] = "st-ok", [MC_OUTCOME_ADVISORY] = "st-low",
        [MC_OUTCOME_UNDECIDED] = "st-insufficient", [MC_OUTCOME_FAILS] = "st-high"};
    static const enum web_msg text[] = {
        [MC_OUTCOME_COMPLIES] = W_COMPLIES, [MC_OUTCOME_ADVISORY] = W_ADVISORY_NOT_MET,
        [MC_OUTCOME_UNDECIDED] = W_UNDECIDED, [MC_OUTCOME_FAILS] = W_NOT_COMPLIES};
    fprintf(f, "<span class=\"badge %s\" data-outcome=\"%s\">%s</span>", cls[o],
            mc_outcome_key(o), T(l, text[o]));
}

static void put_result(FILE *f, enum web_lang l, const struct mc_check_result *r)
{
    char label[512], shares[256];
    fputs("<section class=\"result\"><h2>", f);
    web_html(f, r->std->title);
    fputs(" &mdash; ", f);
    web_html(f, mc_check_group_label(r, label, sizeof label));
    fputc(' ', f);
    put_badge(f, l, r->outcome);
    fputs("</h2>\n<p class=\"outcome\">", f);
    char text[4096];
    web_html(f, mc_check_outcome_label(r, text, sizeof text));
    fputs("</p>\n<p class=\"help decided\">", f);
    web_html(f, mc_check_decided_label(r, text, sizeof text));
    fputs("</p>\n", f);
    if (*mc_check_share_label(r, shares, sizeof shares)) {
        fputs("<p class=\"help\">", f);
        web_html(f, shares);
        fputs("</p>\n", f);
    }
    fprintf(f, "<table class=\"items\" tabindex=\"0\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
               "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>"
               "<tbody>\n",
            T(l, W_NUTRIENT), T(l, W_NORM), T(l, W_AVERAGE), T(l, W_PCT_NORM),
            T(l, W_STATUS), T(l, W_DAYS_OUT), T(l, W_COVERAGE), T(l, W_VERDICT));
    size_t idx[512];
    if (r->n_items <= sizeof idx / sizeof *idx)
        mc_check_order(r, idx);
    for (size_t k = 0; k < r->n_items; k++) {
        const struct mc_check_item *it =
            &r->items[r->n_items <= sizeof idx / sizeof *idx ? idx[k] : k];
        const struct mc_check_value *v = &it->avg;
        /* data-* carry full precision, for scripts and tests to read back. */
        fprintf(f, "<tr class=\"%s\" data-standard=\"", status_class(v->status));
        web_html(f, r->std->id);
        fputs("\" data-group=\"", f);
        web_html(f, r->spec->text);
        fprintf(f, "\" data-nutrient=\"%s\" data-measure=\"%s\" data-meal=\"",
                mc_nutrient_info(it->nutrient)->key, it->pct_energy ? "pct_energy"
                                                                   : "amount");
        web_html(f, it->meal);
        fprintf(f, "\" data-value=\"%.17g\" data-status=\"%s\"><td>", v->value,
                status_class(v->status) + 3);
        put_item_name(f, it);
        fputs("</td><td class=\"num\">", f);
        put_norm(f, it, v);
        fputs("</td><td class=\"num\">", f);
        put_number(f, l, v->value, decimals(it));
        fputs("</td><td class=\"num\">", f);
        if (!isnan(v->pct_of_norm))
            fprintf(f, "%.0f%%", v->pct_of_norm);
        fprintf(f, "</td><td>%s</td><td class=\"num\">%d/%d</td><td class=\"num\">%.0f%%"
                   "</td><td>%s</td></tr>\n",
                status_text(l, v->status), it->days_out, it->days_judged,
                v->coverage * 100.0, verdict_text(l, it->verdict));
    }
    fputs("</tbody></table>\n", f);
    put_chart(f, l, r);
    fputs("</section>\n", f);
}

/* Rows: the items of r; columns: the days; cells coloured by status. */
static void put_days(FILE *f, enum web_lang l, const struct mc_menu *m,
                     const struct mc_check_result *r)
{
    char label[512];
    fputs("<h3>", f);
    web_html(f, r->std->id);
    fputs(" &mdash; ", f);
    web_html(f, mc_check_group_label(r, label, sizeof label));
    fprintf(f, "</h3><div class=\"scroll\"><table class=\"days\" tabindex=\"0\"><thead><tr><th>%s</th>",
            T(l, W_NUTRIENT));
    for (size_t d = 0; d < m->n_days; d++)
        fprintf(f, "<th>%s %d<br>%s</th>", T(l, W_WEEK), m->days[d].week,
                day_text(l, m->days[d].day));
    fputs("</tr></thead><tbody>\n", f);
    for (size_t k = 0; k < r->n_items; k++) {
        const struct mc_check_item *it = &r->items[k];
        fputs("<tr><td>", f);
        put_item_name(f, it);
        fputs("</td>", f);
        for (size_t d = 0; d < m->n_days; d++) {
            const struct mc_check_value *v = &it->days[d];
            fprintf(f, "<td class=\"num %s\" title=\"", status_class(v->status));
            put_norm(f, it, v);
            fputs("\">", f);
            if (v->status != MC_STATUS_NONE)
                put_number(f, l, v->value, decimals(it));
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n", f);
}

static void put_dish_value(FILE *f, enum web_lang l, const struct mc_nvec *n,
                           enum mc_nutrient k)
{
    fputs("<td class=\"num\">", f);
    put_number(f, l, mc_nvec_unknown(n, k) ? NAN : n->value[k],
               mc_nutrient_info(k)->decimals);
    fputs("</td>", f);
}

static void put_dishes(FILE *f, struct mc_food_db *db, enum web_lang l,
                       const struct mc_menu *m)
{
    fprintf(f, "<section><h2>%s</h2>\n", T(l, W_DISHES));
    for (size_t d = 0; d < m->n_days; d++) {
        const struct mc_day *day = &m->days[d];
        fprintf(f, "<h3>%s %d, %s</h3><table class=\"dishes\" tabindex=\"0\"><thead><tr><th>%s</th>"
                   "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                   "</tr></thead><tbody>\n",
                T(l, W_WEEK), day->week, day_text(l, day->day), T(l, W_MEAL),
                T(l, W_DISH), T(l, W_PORTION), T(l, W_ENERGY), T(l, W_PROTEIN),
                T(l, W_FAT), T(l, W_CARB));
        for (size_t ml = day->first; ml < day->first + day->count; ml++) {
            const struct mc_meal *meal = &m->meals[ml];
            for (size_t s = meal->first; s < meal->first + meal->count; s++) {
                const struct mc_serving *sv = &m->servings[s];
                fputs("<tr><td>", f);
                web_html(f, mc_meal_label(sv->meal));
                fputs("</td><td class=\"dish\">", f);
                if (!web_put_food_local(f, db, l, sv->food_id, sv->food_name)) {
                    web_html(f, sv->dish);
                    if (sv->food_name) {
                        fputs(" <span class=\"help\">(", f);
                        web_html(f, sv->food_name);
                        fputs(")</span>", f);
                    }
                }
                fprintf(f, "</td><td class=\"num\">%.0f</td>", sv->portion_g);
                put_dish_value(f, l, &sv->n, MC_N_ENERGY_KCAL);
                put_dish_value(f, l, &sv->n, MC_N_PROTEIN_G);
                put_dish_value(f, l, &sv->n, MC_N_FAT_G);
                put_dish_value(f, l, &sv->n, MC_N_CARB_G);
                fputs("</tr>\n", f);
            }
        }
        fputs("</tbody></table>\n", f);
    }
    fputs("</section>\n", f);
}

static void put_check(FILE *f, struct mc_food_db *db, enum web_lang l,
                      const struct web_check *c)
{
    const struct mc_check *ch = c->check;
    fprintf(f, "<section id=\"result\" data-complies=\"%s\" data-outcome=\"%s\"><h2>%s: ",
            ch->complies ? "true" : "false", mc_outcome_key(ch->outcome), T(l, W_RESULT));
    put_badge(f, l, ch->outcome);
    fputs("</h2>\n<p class=\"help\">", f);
    web_html(f, ch->menu->path);
    fputs("</p>\n", f);
    for (size_t i = 0; i < ch->n_results; i++)
        put_result(f, l, &ch->results[i]);
    fprintf(f, "<section><h2>%s</h2>\n", T(l, W_NORMS_BY_DAY));
    for (size_t i = 0; i < ch->n_results; i++)
        put_days(f, l, ch->menu, &ch->results[i]);
    fputs("</section>\n", f);
    put_dishes(f, db, l, ch->menu);
    web_fix_page(f, db, l, c);
    fputs("</section>\n", f);
}

/* The lines of text as a list; count of them were recorded. */
/* The diagnostics of severity sev, one item each; count were recorded. */
static void put_messages(FILE *f, const struct mc_err *err, mc_severity sev, int count)
{
    fputs("<ul>", f);
    int shown = 0;
    for (size_t i = 0; i < mc_err_diag_count(err); i++) {
        const struct mc_diag *d = mc_err_diag(err, i);
        if (d->severity != sev)
            continue;
        char line[4096];
        mc_diag_format(d, line, sizeof line);
        fputs("<li>", f);
        web_html_n(f, line, strlen(line));
        fputs("</li>", f);
        shown++;
    }
    if (!shown && sev == MC_SEVERITY_ERROR) /* never an error without a message */
        fprintf(f, "<li>%s</li>", _(mc_strerror(err->code)));
    if (count > MC_ERR_LIMIT)
        fprintf(f, "<li>+%d</li>", count - MC_ERR_LIMIT);
    fputs("</ul>", f);
}

static void put_errors(FILE *f, enum web_lang l, const struct mc_err *err)
{
    fprintf(f, "<section id=\"result\" class=\"errors\"><h2>%s</h2>", T(l, W_ERRORS));
    put_messages(f, err, MC_SEVERITY_ERROR, err->count);
    fputs("</section>\n", f);
}

/* ---- whole pages --------------------------------------------------------- */

void web_page_head(FILE *f, enum web_lang l)
{
    fprintf(f, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
               "<title>mealcheck</title><link rel=\"stylesheet\" href=\"/app.css\">"
               "</head><body><header><h1><a href=\"/?lang=%s\">mealcheck</a></h1><p>%s</p>"
               "<nav class=\"langs\">",
            web_lang_code(l), web_lang_code(l), T(l, W_TAGLINE));
    static const char *const names[WEB_LANG_COUNT] = {"English", "Русский", "Қазақша"};
    for (int i = 0; i < WEB_LANG_COUNT; i++)
        fprintf(f, "<a href=\"/?lang=%s\"%s>%s</a> ", web_lang_code((enum web_lang)i),
                i == (int)l ? " class=\"current\"" : "", names[i]);
    fputs("</nav></header><main>\n", f);
}

void web_page_tail(FILE *f)
{
    fputs("</main><footer>mealcheck " MC_VERSION "</footer>"
          "<script src=\"/app.js\"></script></body></html>\n", f);
}

/* The verdict first (on a phone it must be in the first screen), then the
 * warnings. */
static void put_outcome(FILE *f, struct web_app *app, enum web_lang lang,
                        const struct web_check *c, const struct mc_err *err)
{
    if (c) {
        /* the foods' names in the reader's language */
        struct mc_food_db *db = web_db_acquire(app);
        put_check(f, db, lang, c);
        web_db_release(app, db);
    } else if (err && err->code)
        put_errors(f, lang, err);
    if (err && err->n_warnings) {
        fprintf(f, "<section class=\"warnings\"><h2>%s</h2>", T(lang, W_WARNINGS));
        put_messages(f, err, MC_SEVERITY_WARNING, err->n_warnings);
        fputs("</section>\n", f);
    }
}

void web_page(FILE *f, struct web_app *app, enum web_lang lang,
              const struct web_form_view *form, const struct web_check *c,
              const struct mc_err *err)
{
    web_page_head(f, lang);
    /* The outcome first, then the form that asked for it and the others. */
    put_outcome(f, app, lang, c, err);
    if (app->manifest) {
        put_school_form(f, app, lang, form);
        fprintf(f, "<h2>%s</h2>\n", T(lang, W_OR_UPLOAD));
    }
    web_put_meal_link(f, app, lang);
    put_form(f, app, lang, form);
    web_page_tail(f);
}

void web_page_error(FILE *f, enum web_lang lang, enum web_msg msg)
{
    web_page_head(f, lang);
    fprintf(f, "<section id=\"result\" class=\"errors\"><h2>%s</h2></section>",
            T(lang, msg));
    web_page_tail(f);
}
