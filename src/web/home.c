/*
 * home.c - the start page for everyone (`serve --audit`): find a school by
 * name, number or district, and see what it serves today and this week,
 * the verdict first in plain words, then the dishes, then the numbers.
 *
 * "Today" is the menu day the date serves in the school's menu cycle (the
 * manifest's cycle_start, mc_menu_cycle_day()); a day without school
 * meals says so and shows the next school day.
 */
#include "web.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mealcheck/i18n.h"
#include "mealcheck/plain_verdict.h"
#include "mealcheck/school_search.h"
#include "mealcheck/text.h"

/* The most schools a search lists. */
#define HOME_MAX_HITS 50

static void put_search(FILE *f, enum web_lang lang, const char *q)
{
    fprintf(f, "<form id=\"find\" class=\"find\" method=\"get\" action=\"/\" role=\"search\">"
               "<input type=\"hidden\" name=\"lang\" value=\"%s\">"
               "<label for=\"q\">%s</label><span class=\"row\">"
               "<input type=\"search\" id=\"q\" name=\"q\" value=\"",
            web_lang_code(lang), _("Find a school: name, number or district"));
    web_html(f, q);
    fprintf(f, "\" placeholder=\"%s\"><button type=\"submit\">%s</button></span></form>\n",
            _("e.g. school 12"), _("Find"));
}

static void put_school_link(FILE *f, enum web_lang lang, const struct mc_manifest_school *s)
{
    fprintf(f, "<li><a href=\"/today?lang=%s&amp;school=", web_lang_code(lang));
    web_html(f, s->id);
    fputs("\">", f);
    web_html(f, *s->name ? s->name : s->id);
    fputs("</a>", f);
    if (*s->district) {
        fputs(" <span class=\"help\">", f);
        web_html(f, s->district);
        fputs("</span>", f);
    }
    fputs("</li>\n", f);
}

void web_put_meal_link(FILE *f, const struct web_app *app, enum web_lang lang)
{
    if (app->catalogue)
        fprintf(f, "<p class=\"more\"><a href=\"/meal?lang=%s\">%s</a></p>\n",
                web_lang_code(lang), _("No files? Check a meal from the dish catalogue"));
}

void web_home_page(FILE *f, const struct web_app *app, enum web_lang lang, const char *q)
{
    web_page_head(f, lang);
    put_search(f, lang, q);
    const struct mc_manifest *m = app->manifest;
    fputs("<section id=\"schools\">", f);
    if (q && *q) {
        struct mc_school_hit hits[HOME_MAX_HITS];
        size_t n = mc_school_search(m, q, hits, HOME_MAX_HITS);
        if (!n) {
            fprintf(f, "<p class=\"none\">%s ", _("No school matches:"));
            web_html(f, q);
            fputs("</p>", f);
        } else {
            fputs("<ul class=\"schools\">\n", f);
            for (size_t i = 0; i < n && i < HOME_MAX_HITS; i++)
                put_school_link(f, lang, &m->schools[hits[i].index]);
            fputs("</ul>", f);
        }
    } else {
        fprintf(f, "<h2>%s</h2><ul class=\"schools\">\n", _("Schools"));
        for (size_t i = 0; i < m->n && i < HOME_MAX_HITS; i++)
            put_school_link(f, lang, &m->schools[i]);
        fputs("</ul>", f);
    }
    fprintf(f, "</section>\n<p class=\"more\"><a href=\"/?form=files&amp;lang=%s\">%s</a></p>\n",
            web_lang_code(lang), web_text(lang, W_OR_UPLOAD));
    web_put_meal_link(f, app, lang);
    web_page_tail(f);
}

/* ---- a school's day ------------------------------------------------------ */

int web_parse_date(const char *text)
{
    if (!text || !*text) {
        time_t now = time(NULL);
        struct tm tm;
        if (!localtime_r(&now, &tm))
            return 0;
        return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
    }
    int y, mo, d;
    char tail;
    if (strlen(text) != 10 || sscanf(text, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3 ||
        mo < 1 || mo > 12 || d < 1 || d > 31)
        return 0;
    return y * 10000 + mo * 100 + d;
}

/* 1..7, Monday = 1 (Sakamoto's rule). */
static int weekday(int ymd)
{
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    y -= m < 3;
    int w = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7; /* 0 = Sunday */
    return w ? w : 7;
}

static void put_date(FILE *f, int ymd)
{
    web_html(f, _(mc_day_name(weekday(ymd))));
    fprintf(f, " <time datetime=\"%04d-%02d-%02d\">%04d-%02d-%02d</time>", ymd / 10000,
            ymd / 100 % 100, ymd % 100, ymd / 10000, ymd / 100 % 100, ymd % 100);
}

static const char *outcome_class(const struct mc_plain_verdict *v)
{
    if (v->balanced)
        return "st-ok";
    return v->n_high ? "st-high" : v->n_low ? "st-low" : "st-insufficient";
}

static void put_verdict(FILE *f, const struct mc_check_result *r, const struct mc_menu *m,
                        long day, enum mc_plain_when when, const char *tag)
{
    struct mc_plain_verdict v;
    char text[2048];
    mc_plain_verdict_of(r, m, day, &v);
    fprintf(f, "<%s class=\"verdict %s\" data-balanced=\"%d\"", tag, outcome_class(&v),
            v.balanced);
    if (!isnan(v.energy_pct))
        fprintf(f, " data-energy-pct=\"%.17g\"", v.energy_pct);
    /* the nutrients named, by key, for scripts and tests to read back */
    fputs(" data-low=\"", f);
    for (size_t i = 0; i < v.n_low; i++)
        fprintf(f, "%s%s", i ? " " : "", mc_nutrient_info(v.low[i])->key);
    fputs("\" data-high=\"", f);
    for (size_t i = 0; i < v.n_high; i++)
        fprintf(f, "%s%s", i ? " " : "", mc_nutrient_info(v.high[i])->key);
    fputs("\">", f);
    web_html(f, mc_plain_verdict_text(&v, when, text, sizeof text));
    fprintf(f, "</%s>", tag);
}

static void put_dishes(FILE *f, struct mc_food_db *db, enum web_lang lang,
                       const struct mc_menu *m, long day)
{
    const struct mc_day *d = &m->days[day];
    fprintf(f, "<h3>%s</h3><ul class=\"dishes\">", _("Dishes"));
    for (size_t k = d->first; k < d->first + d->count; k++) {
        const struct mc_meal *ml = &m->meals[k];
        for (size_t s = ml->first; s < ml->first + ml->count; s++) {
            const struct mc_serving *sv = &m->servings[s];
            char meal[128];
            mc_text_capitalize(mc_meal_label(ml->meal), meal, sizeof meal);
            fputs("<li><span class=\"meal\">", f);
            web_html(f, meal);
            fputs("</span> ", f);
            /* a food served as is by its number: its name says more */
            if (!web_put_food_local(f, db, lang, sv->food_id, sv->food_name))
                web_html(f, sv->food_name ? sv->food_name : sv->dish);
            fprintf(f, " <span class=\"num\">%.0f %s</span></li>", m->servings[s].portion_g,
                    mc_nutrient_unit(MC_N_PROTEIN_G));
        }
    }
    fputs("</ul>\n", f);
}

void web_put_day_numbers(FILE *f, const struct mc_check_result *r, long day, int open)
{
    const char *h[] = {_("Nutrient"), _("Amount"), _("Norm for the meals"), _("% of norm"),
                       _("Status")};
    fprintf(f, "<details class=\"numbers\"%s><summary>%s</summary><table class=\"cards\">"
               "<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>"
               "</thead><tbody>",
            open ? " open" : "", _("The numbers"), h[0], h[1], h[2], h[3], h[4]);
    for (size_t i = 0; i < r->n_items; i++) {
        const struct mc_check_item *it = &r->items[i];
        const struct mc_check_value *v = &it->days[day];
        int dec = it->pct_energy ? 1 : mc_nutrient_info(it->nutrient)->decimals;
        const char *unit = it->pct_energy ? "%" : mc_nutrient_unit(it->nutrient);
        fprintf(f, "<tr data-nutrient=\"%s\" data-value=\"%.17g\"><td data-label=\"%s\">",
                mc_nutrient_info(it->nutrient)->key, v->value, h[0]);
        web_html(f, mc_nutrient_name(it->nutrient));
        if (it->meal) {
            fputs(", ", f);
            web_html(f, mc_meal_label(it->meal));
        }
        fprintf(f, "</td><td data-label=\"%s\" class=\"num\">", h[1]);
        if (isnan(v->value))
            fputs("&mdash;", f);
        else
            fprintf(f, "%.*f %s", dec, v->value, unit);
        fprintf(f, "</td><td data-label=\"%s\" class=\"num\">", h[2]);
        if (!isnan(v->lo) && !isnan(v->hi))
            fprintf(f, "%.*f&ndash;%.*f", dec, v->lo, dec, v->hi);
        else if (!isnan(v->lo))
            fprintf(f, "&ge; %.*f", dec, v->lo);
        else if (!isnan(v->hi))
            fprintf(f, "&le; %.*f", dec, v->hi);
        fprintf(f, "</td><td data-label=\"%s\" class=\"num\">", h[3]);
        if (!isnan(v->pct_of_norm))
            fprintf(f, "%.0f %%", v->pct_of_norm);
        fprintf(f, "</td><td data-label=\"%s\" class=\"st-%s\">", h[4],
                v->status == MC_STATUS_NONE ? "none"
                : v->status == MC_STATUS_OK ? "ok"
                : v->status == MC_STATUS_LOW ? "low"
                : v->status == MC_STATUS_HIGH ? "high" : "insufficient");
        web_html(f, mc_status_name(v->status));
        fputs("</td></tr>", f);
    }
    fputs("</tbody></table></details>\n", f);
}

/* The index in m->days of day (1 = Monday) of m's first week, or -1. */
static long day_index(const struct mc_menu *m, int day)
{
    const struct mc_week *w = m->n_weeks ? &m->weeks[0] : NULL;
    for (size_t i = 0; w && i < w->count; i++)
        if (m->days[w->first + i].day == day)
            return (long)(w->first + i);
    return -1;
}

/* The week of r's menu (its one week, numbered week in the menu): its
 * average in plain words, then each day's verdict. */
static void put_week(FILE *f, enum web_lang lang, const char *id,
                     const struct mc_check_result *r, const struct mc_menu *m, int week,
                     long today)
{
    const struct mc_week *w = &m->weeks[0];
    fprintf(f, "<h3>%s</h3><div class=\"week-verdict\">", _("This week"));
    put_verdict(f, r, m, -1, MC_PLAIN_WEEK, "p");
    fputs("</div><ul class=\"week\">", f);
    for (size_t i = w->first; i < w->first + w->count; i++) {
        fprintf(f, "<li%s>", (long)i == today ? " class=\"today\"" : "");
        put_verdict(f, r, m, (long)i, MC_PLAIN_DAY, "span");
        fputs("</li>", f);
    }
    fprintf(f, "</ul>\n<p class=\"more\"><a href=\"/school?lang=%s&amp;week=%d&amp;school=",
            web_lang_code(lang), week);
    web_html(f, id);
    fprintf(f, "\">%s</a> &middot; <a href=\"/school/report?lang=%s&amp;week=%d&amp;school=",
            _("The whole week in detail"), web_lang_code(lang), week);
    web_html(f, id);
    fprintf(f, "\">%s</a></p>\n", _("Excel report"));
}

/* The messages of a failed check; returns the page's status. */
static unsigned put_failure(FILE *f, mc_code rc, struct mc_err *err)
{
    fputs("<section id=\"result\" class=\"errors\"><ul><li>", f);
    web_html(f, mc_err_text(err) ? mc_err_text(err) : mc_strerror(rc));
    fputs("</li></ul></section>", f);
    return web_status_of(rc ? rc : MC_ERR_INPUT);
}

unsigned web_today_page(FILE *f, struct web_app *app, enum web_lang lang, const char *id,
                        const char *date)
{
    const struct mc_manifest_school *s = web_school_find(app, id);
    int ymd = web_parse_date(date);
    unsigned status = 200;
    struct mc_err err = {0};
    struct web_check c = {0};
    web_page_head(f, lang);
    put_search(f, lang, NULL);
    if (!s) {
        status = 404;
        fprintf(f, "<section id=\"result\" class=\"errors\"><h2>%s</h2></section>",
                _("No such school."));
        goto tail;
    }
    fputs("<h2 class=\"school\">", f);
    web_html(f, *s->name ? s->name : s->id);
    if (*s->district) {
        fputs(" <span class=\"help\">", f);
        web_html(f, s->district);
        fputs("</span>", f);
    }
    fputs("</h2>\n", f);
    if (!ymd) {
        status = 400;
        fputs("<section id=\"result\" class=\"errors\"><p>", f);
        web_html(f, _("date: expected YYYY-MM-DD"));
        fputs("</p></section>", f);
        goto tail;
    }
    char iso[16];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
    /* The whole menu first, for the cycle's weeks; then the date's week alone:
     * its average is the week's verdict, and a week that fails is shown how
     * to fix it, as `check` and `suggest` see that week's rows. */
    mc_code rc = web_school_check(app, s->id, 0, iso, &c, &err);
    if (rc || !c.check->n_results) {
        status = put_failure(f, rc, &err);
        goto tail;
    }
    const struct mc_menu *m = c.menu;
    int per_week = 1;
    for (size_t i = 0; i < m->n_days; i++)
        if (m->days[i].day > per_week)
            per_week = m->days[i].day;
    struct mc_cycle_day cd;
    /* Without cycle_start the week of the date is taken as week 1. */
    if (!mc_menu_cycle_day(s->cycle_start ? s->cycle_start : ymd, ymd, (int)m->n_weeks,
                           per_week, NULL, 0, &cd)) {
        status = 400;
        fputs("<section id=\"result\" class=\"errors\"><p>", f);
        web_html(f, _("date: expected YYYY-MM-DD"));
        fputs("</p></section>", f);
        goto tail;
    }
    int week_no = m->weeks[cd.week - 1].week;
    web_check_free(&c);
    rc = web_school_check_fix(app, s->id, week_no, iso, &c, &err);
    if (rc || !c.check->n_results) {
        status = put_failure(f, rc, &err);
        goto tail;
    }
    m = c.menu;
    long day = day_index(m, cd.day);
    const struct mc_check_result *r = &c.check->results[0];
    fputs("<p class=\"when\">", f);
    if (cd.status == MC_CYCLE_SCHOOL_DAY) {
        fprintf(f, "%s ", _("Today,"));
        put_date(f, ymd);
    } else {
        put_date(f, ymd);
        fprintf(f, ": %s ", cd.status == MC_CYCLE_NOT_STARTED
                                ? _("the menu cycle has not begun; the first school day is")
                                : _("no school meals; the next school day is"));
        put_date(f, cd.date);
    }
    fputs(" &middot; ", f);
    fprintf(f, _("week %d of the menu"), cd.week);
    fputs("</p>\n", f);
    if (day < 0) {
        fputs("<p>", f);
        web_html(f, _("The menu serves nothing on that day."));
        fputs("</p>", f);
        goto tail;
    }
    put_verdict(f, r, m, day,
                cd.status == MC_CYCLE_SCHOOL_DAY ? MC_PLAIN_TODAY : MC_PLAIN_DAY, "p");
    fputc('\n', f);
    struct mc_food_db *db = web_db_acquire(app);
    put_dishes(f, db, lang, m, day);
    put_week(f, lang, s->id, r, m, week_no, day);
    web_put_day_numbers(f, r, day, 0);
    web_fix_page(f, db, lang, &c);
    web_db_release(app, db);
    if (!s->cycle_start)
        fprintf(f, "<p class=\"help\">%s</p>\n",
                _("The manifest gives no cycle_start for this school: the week of the date "
                  "is taken as the menu's week 1."));
tail:
    fprintf(f, "<p class=\"more\"><a href=\"/?form=files&amp;lang=%s\">%s</a></p>\n",
            web_lang_code(lang), web_text(lang, W_OR_UPLOAD));
    web_page_tail(f);
    web_check_free(&c);
    mc_err_release(&err);
    return status;
}
