/*
 * builder.c - check a meal without files: pick dishes from the server's
 * catalogue (menus/catalogue: recipes.csv, names.csv), set each portion,
 * choose the children, and see the nutrients against the norms; the same
 * Excel report downloads.  GET /meal is a plain form (it works without
 * script); GET /api/meal answers the same query as JSON for the page's
 * script to update the result as the form changes; GET /meal/report.
 *
 * The meal is checked as a one-day menu of the catalogue's book, through
 * web_check_run(), like any uploaded menu.  A request names dishes only by
 * their index in the catalogue, so nothing it says reaches a file.
 */
#include "web.h"

#include <math.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/csv.h"
#include "mealcheck/i18n.h"
#include "mealcheck/json.h"
#include "mealcheck/plain_verdict.h"
#include "mealcheck/text.h"

/* A dish's portion a request may ask for, in grams. */
#define PORTION_MAX_G 2000

/* ---- a meal asked for ------------------------------------------------------ */

/* The most meals and age bands a norm set offers on the form. */
#define MEAL_MAX 8

/* The ages of a class the form has rows for (without script, all shown). */
#define CLASS_ROWS 3

/* What the form says: the portion of each dish (0: not chosen), the meal,
 * the children and the norm set. */
struct meal_query {
    double *portion;        /* cat->n entries */
    size_t n_chosen;
    const char *meal, *std, *q;
    const struct mc_standard *set;  /* std's, NULL when the server has none such */
    const char *meals[MEAL_MAX];    /* the meals set offers */
    size_t n_meals;
    char ages[MEAL_MAX][16];        /* the age bands of set's groups, "7-11", "12+" */
    size_t n_ages;
    size_t school_age;              /* 1 + the index of a 9-year-old's band, the
                                       default; 0: none */
    /* the class: boys and girls of up to CLASS_ROWS ages; none: one child
     * of the first age */
    const char *age[CLASS_ROWS];
    long boys[CLASS_ROWS], girls[CLASS_ROWS];
    char roster[CLASS_ROWS][96];    /* "14 boys and 12 girls aged 7-11" */
    const char *groups[CLASS_ROWS]; /* as check --group takes them, one each */
    size_t n_groups;
};

static const char *arg(struct MHD_Connection *conn, const char *key)
{
    return MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, key);
}

/* The meals of set: those its meal shares name, else those its per-meal
 * rows name; a set with neither (a daily norm with no shares) judges a
 * meal against the whole day, and any meal may be chosen. */
static void set_meals(struct meal_query *mq)
{
    static const char *const any[] = {"breakfast", "lunch", "snack", "dinner"};
    const struct mc_standard *set = mq->set;
    for (size_t i = 0; set && i < set->n_shares + set->n_rows; i++) {
        const char *m = i < set->n_shares ? set->shares[i].meal
                                          : set->rows[i - set->n_shares].meal;
        size_t k = 0;
        while (k < mq->n_meals && strcmp(mq->meals[k], m))
            k++;
        if (*m && k == mq->n_meals && mq->n_meals < MEAL_MAX)
            mq->meals[mq->n_meals++] = m;
    }
    for (size_t i = 0; !mq->n_meals && i < sizeof any / sizeof *any; i++)
        mq->meals[i] = any[i];
    if (!mq->n_meals)
        mq->n_meals = sizeof any / sizeof *any;
}

/* The age bands of set's groups, "7-11" or "12+" (an open upper end). */
static void set_ages(struct meal_query *mq)
{
    for (size_t i = 0; mq->set && i < mq->set->n_groups; i++) {
        const struct mc_norm_group *g = &mq->set->groups[i];
        char band[16];
        if (g->age_max >= 99)
            snprintf(band, sizeof band, "%d+", g->age_min);
        else
            snprintf(band, sizeof band, "%d-%d", g->age_min, g->age_max);
        size_t k = 0;
        while (k < mq->n_ages && strcmp(mq->ages[k], band))
            k++;
        if (k == mq->n_ages && mq->n_ages < MEAL_MAX) {
            if (g->age_min <= 9 && 9 <= g->age_max && !mq->school_age)
                mq->school_age = mq->n_ages + 1;
            snprintf(mq->ages[mq->n_ages++], sizeof mq->ages[0], "%s", band);
        }
    }
}

/* A count of children from field key: empty is 0. */
static long read_count(struct MHD_Connection *conn, const char *key, struct mc_err *err)
{
    const char *v = arg(conn, key);
    char *end = NULL;
    long n = v && *v ? strtol(v, &end, 10) : 0;
    if ((end && *end) || n < 0 || n > 1000) {
        mc_err_set(err, MC_ERR_USAGE, _("%s: expected a number of children, 0 to 1000, got '%s'"),
                   key, v);
        return 0;
    }
    return n;
}

/* Read the query: dish i is chosen by d<i>, its portion p<i> (default the
 * card's); the meal is one of the norm set's; a class is boys and girls of
 * the age band group. */
static mc_code read_query(struct MHD_Connection *conn, const struct web_app *app,
                          struct meal_query *mq, struct mc_err *err)
{
    const struct web_catalogue *cat = app->catalogue;
    mq->portion = calloc(cat->n ? cat->n : 1, sizeof *mq->portion);
    if (!mq->portion)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    mq->std = arg(conn, "standard");
    if (!mq->std || !*mq->std)
        mq->std = "ru_sanpin_3590_20";
    for (size_t i = 0; i < app->standards->n; i++)
        if (!strcmp(app->standards->items[i].id, mq->std))
            mq->set = &app->standards->items[i];
    set_meals(mq);
    set_ages(mq);
    /* lunch when the set has it, else its first meal */
    const char *want = arg(conn, "meal");
    mq->meal = NULL;
    for (size_t i = 0; want && i < mq->n_meals; i++)
        if (!strcmp(want, mq->meals[i]))
            mq->meal = mq->meals[i];
    for (size_t i = 0; !mq->meal && i < mq->n_meals; i++)
        if (!strcmp(mq->meals[i], "lunch"))
            mq->meal = mq->meals[i];
    if (!mq->meal)
        mq->meal = mq->meals[0];
    /* row k's fields: group, boys, girls; then group2, boys2, girls2, ... */
    for (size_t k = 0; k < CLASS_ROWS; k++) {
        char key[3][16];
        const char *stem[3] = {"group", "boys", "girls"};
        for (size_t f = 0; f < 3; f++)
            snprintf(key[f], sizeof key[f], k ? "%s%zu" : "%s", stem[f], k + 1);
        mq->age[k] = arg(conn, key[0]);
        if (!mq->age[k] || !*mq->age[k]) {
            size_t first = mq->school_age ? mq->school_age - 1 : 0;
            mq->age[k] = mq->n_ages ? mq->ages[(first + k) % mq->n_ages] : "7-11";
        }
        mq->boys[k] = read_count(conn, key[1], err);
        mq->girls[k] = read_count(conn, key[2], err);
        if (mq->boys[k] || mq->girls[k]) {
            /* "14 boys and 12 girls aged 7-11", "3 boys aged 12-18" */
            char b[32] = "", g[32] = "";
            if (mq->boys[k])
                snprintf(b, sizeof b, "%ld boys ", mq->boys[k]);
            if (mq->girls[k])
                snprintf(g, sizeof g, "%s%ld girls ", *b ? "and " : "", mq->girls[k]);
            snprintf(mq->roster[k], sizeof mq->roster[k], "%s%saged %s", b, g, mq->age[k]);
            mq->groups[mq->n_groups++] = mq->roster[k];
        }
    }
    if (!mq->n_groups)
        mq->groups[mq->n_groups++] = mq->age[0];
    mq->q = arg(conn, "q");
    for (size_t i = 0; i < cat->n; i++) {
        char key[32];
        snprintf(key, sizeof key, "d%zu", i);
        if (!arg(conn, key))
            continue;
        snprintf(key, sizeof key, "p%zu", i);
        const char *p = arg(conn, key);
        char *end = NULL;
        double g = p && *p ? strtod(p, &end) : cat->dishes[i].portion_g;
        if ((end && *end) || !(g > 0 && g <= PORTION_MAX_G))
            mc_err_set(err, MC_ERR_USAGE, _("%s: expected a portion in grams, 1 to %d, got '%s'"),
                       cat->dishes[i].name, PORTION_MAX_G, p);
        else
            mq->portion[i] = g;
        mq->n_chosen++;
    }
    return err->code;
}

/* Check the chosen dishes as a one-day menu of the catalogue's book. */
static mc_code check_meal(struct web_app *app, const struct meal_query *mq,
                          struct web_check *c, struct mc_err *err)
{
    const struct web_catalogue *cat = app->catalogue;
    char *menu = NULL, *book = NULL;
    size_t len = 0, book_len = 0;
    unsigned char *chosen = calloc(cat->n, 1);
    for (size_t i = 0; chosen && i < cat->n; i++)
        chosen[i] = mq->portion[i] > 0;
    mc_code rc = chosen ? web_catalogue_book(cat, chosen, &book, &book_len, err)
                        : mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    free(chosen);
    if (rc)
        return rc;
    FILE *f = open_memstream(&menu, &len);
    if (!f) {
        free(book);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    fputs("week,day,meal,dish,portion_g\n", f);
    for (size_t i = 0; i < cat->n; i++)
        if (mq->portion[i] > 0) {
            fprintf(f, "1,1,%s,", mq->meal);
            mc_csv_write_field(f, cat->dishes[i].name, ',', 0);
            fprintf(f, ",%.17g\n", mq->portion[i]);
        }
    if (fclose(f) != 0) {
        free(menu);
        free(book);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    struct web_check_in in = {
        .recipes = book, .recipes_len = book_len,
        .recipes_name = "catalogue/recipes.csv", .menu = menu, .menu_len = len,
        .menu_name = "meal.csv", .stds = {mq->std}, .n_stds = 1, .n_groups = mq->n_groups, .title = _("A meal from the catalogue"), .suggest = 1};
    for (size_t k = 0; k < mq->n_groups; k++)
        in.groups[k] = mq->groups[k];
    rc = web_check_run(app, &in, c, err);
    free(menu);
    free(book);
    return rc;
}

/* ---- the page ------------------------------------------------------------ */

/* A status as the CLI's JSON spells it (docs/check-json.md); NULL for none. */
static const char *status_key(enum mc_status s)
{
    static const char *const keys[] = {
        [MC_STATUS_NONE] = NULL, [MC_STATUS_OK] = "ok", [MC_STATUS_LOW] = "low",
        [MC_STATUS_HIGH] = "high", [MC_STATUS_INSUFFICIENT] = "insufficient_data"};
    return keys[s];
}

static const char *course_label(enum mc_course c)
{
    static const char *const names[MC_COURSE_COUNT] = {
        [MC_COURSE_NONE] = N_("Other dishes"), [MC_COURSE_SOUP] = N_("Soups"),
        [MC_COURSE_MAIN] = N_("Main courses"), [MC_COURSE_SIDE] = N_("Side dishes"),
        [MC_COURSE_SALAD] = N_("Salads"), [MC_COURSE_DRINK] = N_("Drinks"),
        [MC_COURSE_BAKERY] = N_("Baking"), [MC_COURSE_PORRIDGE] = N_("Porridges"),
        [MC_COURSE_DESSERT] = N_("Desserts"), [MC_COURSE_FRUIT] = N_("Fruit")};
    return _(names[c]);
}

/* Whether dish d matches the search text q (folded, in any of its names). */
static int dish_matches(const struct web_dish *d, const char *q)
{
    if (!q || !*q)
        return 1;
    char fq[256], fn[512];
    mc_text_fold(q, fq, sizeof fq);
    const char *names[] = {d->shown, d->name_kk, d->name_en};
    for (size_t i = 0; i < 3; i++) {
        mc_text_fold(names[i], fn, sizeof fn);
        if (strstr(fn, fq))
            return 1;
    }
    return 0;
}

static void put_dish(FILE *f, const struct web_catalogue *cat, size_t i, double portion,
                     int hidden)
{
    const struct web_dish *d = &cat->dishes[i];
    char folded[1024], all[1024];
    snprintf(all, sizeof all, "%s %s %s", d->shown, d->name_kk, d->name_en);
    mc_text_fold(all, folded, sizeof folded);
    fprintf(f, "<li class=\"dish\" data-names=\"");
    web_html(f, folded);
    fprintf(f, "\"%s><label><input type=\"checkbox\" name=\"d%zu\" value=\"1\"%s> ",
            hidden ? " hidden" : "", i, portion > 0 ? " checked" : "");
    web_html(f, d->shown);
    if (*d->name_kk || *d->name_en) {
        fputs(" <span class=\"help\">", f);
        web_html(f, d->name_kk);
        fputs(" &middot; ", f);
        web_html(f, d->name_en);
        fputs("</span>", f);
    }
    /* the book it comes from: two cards of one name differ here */
    char from[600];
    snprintf(from, sizeof from, C_("page", "from: %s"), web_catalogue_source(cat, d));
    fputs(" <span class=\"help source\">", f);
    web_html(f, from);
    fputs("</span>", f);
    fprintf(f, "</label> <label class=\"portion\"><span class=\"sr\">%s</span>"
               "<input type=\"number\" name=\"p%zu\" min=\"1\" max=\"%d\" step=\"any\" "
               "value=\"%.0f\"> %s</label></li>\n",
            _("Portion, g"), i, PORTION_MAX_G, portion > 0 ? portion : d->portion_g,
            mc_nutrient_unit(MC_N_PROTEIN_G));
}

/* Row k of the class: an age and its boys and girls.  The first row's
 * age is also the one child's when no row counts children. */
static void put_class_row(FILE *f, const struct meal_query *mq, size_t k)
{
    char sfx[8] = "";
    if (k)
        snprintf(sfx, sizeof sfx, "%zu", k + 1);
    if (k == 1)
        fprintf(f, "<p class=\"help\">%s</p>",
                C_("page", "A class of several ages: its boys and girls of each age, "
                           "one row an age, each judged by its own norms."));
    fprintf(f, "<div class=\"class-row\"%s><label>%s <select name=\"group%s\">",
            k ? " data-extra" : "", C_("page", "Age"), sfx);
    for (size_t i = 0; i < mq->n_ages; i++) {
        fprintf(f, "<option value=\"%s\"%s>", mq->ages[i],
                strcmp(mq->ages[i], mq->age[k]) ? "" : " selected");
        fprintf(f, C_("page", "%s years"), mq->ages[i]);
        fputs("</option>", f);
    }
    fputs("</select></label>", f);
    if (!k)
        fprintf(f, "<p class=\"help\">%s</p>",
                C_("page", "For a class of that age, give its boys and girls; 0 and 0: "
                           "one child"));
    fprintf(f, "<span class=\"row\"><label>%s <input type=\"number\" name=\"boys%s\" "
               "min=\"0\" max=\"1000\" value=\"%ld\"></label><label>%s <input "
               "type=\"number\" name=\"girls%s\" min=\"0\" max=\"1000\" value=\"%ld\">"
               "</label></span></div>",
            C_("page", "Boys"), sfx, mq->boys[k], C_("page", "Girls"), sfx, mq->girls[k]);
}

static void put_meal_form(FILE *f, const struct web_app *app, enum web_lang lang,
                          const struct meal_query *mq)
{
    const struct web_catalogue *cat = app->catalogue;
    fprintf(f, "<form id=\"meal\" method=\"get\" action=\"/meal\" data-add-age=\"%s\">"
               "<input type=\"hidden\" name=\"lang\" value=\"%s\">"
               "<label for=\"dish-q\">%s</label><span class=\"row find\">"
               "<input type=\"search\" id=\"dish-q\" name=\"q\" value=\"",
            C_("page", "Add an age"), web_lang_code(lang),
            _("Find a dish (Russian, Kazakh or English name)"));
    web_html(f, mq->q);
    fprintf(f, "\"><button type=\"submit\" name=\"find\" value=\"1\">%s</button></span>\n",
            _("Find"));
    for (int c = 0; c < MC_COURSE_COUNT; c++) {
        /* a chosen dish stays listed whatever the search; a course with
         * no dish listed is hidden, as the script hides it */
        int any = 0, shown = 0;
        for (size_t i = 0; i < cat->n; i++)
            if (cat->dishes[i].course == (enum mc_course)c &&
                (mq->portion[i] || dish_matches(&cat->dishes[i], mq->q)))
                shown = 1;
        for (size_t i = 0; i < cat->n; i++) {
            if (cat->dishes[i].course != (enum mc_course)c)
                continue;
            if (!any)
                fprintf(f, "<fieldset class=\"course\"%s><legend>%s</legend>"
                           "<ul class=\"dishes\">",
                        shown ? "" : " hidden", course_label((enum mc_course)c));
            any = 1;
            put_dish(f, cat, i, mq->portion[i],
                     !mq->portion[i] && !dish_matches(&cat->dishes[i], mq->q));
        }
        if (any)
            fputs("</ul></fieldset>\n", f);
    }
    fprintf(f, "<fieldset><legend>%s</legend><label>%s <select name=\"meal\">",
            _("Who eats it"), _("Meal"));
    /* the set's own meals, each with the share of the day it must give */
    for (size_t i = 0; i < mq->n_meals; i++) {
        char label[128];
        mc_text_capitalize(mc_meal_label(mq->meals[i]), label, sizeof label);
        fprintf(f, "<option value=\"%s\"%s>", mq->meals[i],
                mq->meals[i] == mq->meal ? " selected" : "");
        web_html(f, label);
        const struct mc_meal_share *sh =
            mq->set ? mc_standard_share(mq->set, mq->meals[i]) : NULL;
        if (sh)
            fprintf(f, C_("page", " (%g-%g %% of the day)"), sh->min_pct, sh->max_pct);
        fputs("</option>", f);
    }
    fputs("</select></label>", f);
    for (size_t k = 0; k < CLASS_ROWS; k++)
        put_class_row(f, mq, k);
    fprintf(f, "<label>%s <select name=\"standard\">", web_text(lang, W_NORMS));
    for (size_t i = 0; i < app->standards->n; i++) {
        const struct mc_standard *s = &app->standards->items[i];
        fputs("<option value=\"", f);
        web_html(f, s->id);
        fprintf(f, "\"%s>", strcmp(s->id, mq->std) ? "" : " selected");
        web_html(f, s->title);
        fputs("</option>", f);
    }
    fprintf(f, "</select></label></fieldset><p class=\"actions\"><button type=\"submit\">%s"
               "</button> <button type=\"submit\" formaction=\"/meal/report\">%s</button></p>"
               "</form>\n",
            web_text(lang, W_CHECK), web_text(lang, W_REPORT));
}

void web_meal_page(struct web_app *app, struct MHD_Connection *conn, enum web_lang lang,
                   int report, struct web_response *r)
{
    struct mc_err err = {0};
    struct meal_query mq = {0};
    struct web_check c = {0};
    unsigned status = 200;
    if (!app->catalogue) {
        mc_err_set(&err, MC_ERR_NOT_FOUND, _("the server has no dish catalogue"));
        status = 404;
    } else if (read_query(conn, app, &mq, &err)) {
        status = web_status_of(err.code);
    } else if (mq.n_chosen && check_meal(app, &mq, &c, &err)) {
        status = web_status_of(err.code);
    }
    if (report && !err.code && c.check) {
        if (!web_respond_report(app, &c, r, &err))
            goto done;
        status = web_status_of(err.code);
    }
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    if (f) {
        web_page_head(f, lang);
        fprintf(f, "<h2>%s</h2>\n", _("Check a meal"));
        if (app->catalogue)
            put_meal_form(f, app, lang, &mq);
        /* the script draws its own result with the page's words */
        const char *h[] = {_("Nutrient"), _("Amount"), _("Norm for the meals"), _("% of norm"),
                           _("Status")};
        fprintf(f, "<section id=\"meal-result\" aria-live=\"polite\" data-summary=\"%s\" "
                   "data-heads=\"[", _("The numbers"));
        for (size_t i = 0; i < sizeof h / sizeof *h; i++) {
            fputs(i ? ",&quot;" : "&quot;", f);
            web_html(f, h[i]);
            fputs("&quot;", f);
        }
        fputs("]\">", f);
        if (err.code) {
            fputs("<ul class=\"errors\"><li>", f);
            web_html(f, mc_err_text(&err) ? mc_err_text(&err) : mc_strerror(err.code));
            fputs("</li></ul>", f);
        } else if (c.check && c.check->n_results) {
            /* each age of a class under its own heading */
            for (size_t k = 0; k < c.check->n_results; k++) {
                const struct mc_check_result *res = &c.check->results[k];
                struct mc_plain_verdict v;
                char text[2048];
                if (c.check->n_results > 1) {
                    fputs("<h3 class=\"group\">", f);
                    web_html(f, mc_check_group_label(res, text, sizeof text));
                    fputs("</h3>", f);
                }
                mc_plain_verdict_of(res, c.menu, 0, &v);
                fprintf(f, "<p class=\"verdict %s\">",
                        v.balanced ? "st-ok" : v.n_high ? "st-high" : v.n_low ? "st-low"
                                                                     : "st-insufficient");
                web_html(f, mc_plain_verdict_text(&v, MC_PLAIN_MEAL, text, sizeof text));
                fputs("</p>", f);
                web_put_day_numbers(f, res, 0, 1);
            }
        } else {
            fprintf(f, "<p class=\"help\">%s</p>", _("Choose dishes to see what they give."));
        }
        fputs("</section>\n", f);
        /* How to fix it follows the form as submitted; the script hides it
         * once the form changes */
        struct mc_food_db *db = web_db_acquire(app);
        web_fix_page(f, db, lang, &c);
        web_db_release(app, db);
        web_page_tail(f);
        if (fclose(f) != 0) {
            free(body);
            body = NULL;
            len = 0;
        }
    }
    r->status = status;
    r->type = "text/html; charset=utf-8";
    r->body = body;
    r->len = len;
done:
    web_check_free(&c);
    free(mq.portion);
    mc_err_release(&err);
}

/* The members of one result of a meal's check as /api/meal writes them:
 * the verdict in plain words and every nutrient against the norm
 * (docs/api.md); its outcome is key's. */
static void put_meal_json(struct mc_json *j, const struct mc_check_result *res,
                          const struct mc_menu *menu, enum mc_outcome outcome)
{
    struct mc_plain_verdict v;
    char text[2048];
    mc_plain_verdict_of(res, menu, 0, &v);
    mc_json_key(j, "verdict");
    mc_json_string(j, mc_plain_verdict_text(&v, MC_PLAIN_MEAL, text, sizeof text));
    mc_json_key(j, "balanced");
    mc_json_bool(j, v.balanced);
    mc_json_key(j, "energy_pct");
    mc_json_number(j, v.energy_pct);
    mc_json_key(j, "outcome");
    mc_json_string(j, mc_outcome_key(outcome));
    mc_json_key(j, "nutrients");
    mc_json_array_begin(j);
    for (size_t i = 0; i < res->n_items; i++) {
        const struct mc_check_item *it = &res->items[i];
        const struct mc_check_value *x = &it->days[0];
        mc_json_object_begin(j);
        mc_json_key(j, "nutrient");
        mc_json_string(j, mc_nutrient_info(it->nutrient)->key);
        mc_json_key(j, "name");
        mc_json_string(j, mc_nutrient_name(it->nutrient));
        mc_json_key(j, "unit");
        mc_json_string(j, it->pct_energy ? "%" : mc_nutrient_unit(it->nutrient));
        mc_json_key(j, "decimals");
        mc_json_int(j, it->pct_energy ? 1 : mc_nutrient_info(it->nutrient)->decimals);
        mc_json_key(j, "value");
        mc_json_number(j, x->value);
        mc_json_key(j, "min");
        mc_json_number(j, x->lo);
        mc_json_key(j, "max");
        mc_json_number(j, x->hi);
        mc_json_key(j, "pct_of_norm");
        mc_json_number(j, x->pct_of_norm);
        mc_json_key(j, "status");
        mc_json_string(j, status_key(x->status)); /* null: no norm */
        mc_json_key(j, "status_text");
        mc_json_string(j, mc_status_name(x->status));
        mc_json_object_end(j);
    }
    mc_json_array_end(j);
}

void web_api_meal(struct web_app *app, struct MHD_Connection *conn, struct web_response *r)
{
    struct mc_err err = {0};
    struct meal_query mq = {0};
    struct web_check c = {0};
    if (!app->catalogue)
        mc_err_set(&err, MC_ERR_NOT_FOUND, "the server has no dish catalogue");
    else if (!read_query(conn, app, &mq, &err) && !mq.n_chosen)
        mc_err_set(&err, MC_ERR_USAGE, "no dish chosen: expected d<N>=1 for a dish of "
                   "the catalogue");
    if (!err.code && !check_meal(app, &mq, &c, &err) && c.check->n_results) {
        char *body = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&body, &len);
        struct mc_json j;
        if (f) {
            /* the first age's at the top, as before a class had several */
            mc_json_init(&j, f);
            mc_json_object_begin(&j);
            put_meal_json(&j, &c.check->results[0], c.menu, c.check->outcome);
            mc_json_key(&j, "groups");
            mc_json_array_begin(&j);
            for (size_t k = 0; k < c.check->n_results; k++) {
                const struct mc_check_result *res = &c.check->results[k];
                char label[512];
                mc_json_object_begin(&j);
                /* the group as asked for, and as the reader reads it */
                mc_json_member_string(&j, "group",
                                      mc_check_group_name(res, label, sizeof label));
                mc_json_member_string(&j, "label",
                                      mc_check_group_label(res, label, sizeof label));
                put_meal_json(&j, res, c.menu, res->outcome);
                mc_json_object_end(&j);
            }
            mc_json_array_end(&j);
            mc_json_object_end(&j);
        }
        if (!f || mc_json_finish(&j) != 0 || fclose(f) != 0) {
            free(body);
            mc_err_set(&err, MC_ERR_NOMEM, "out of memory");
        } else {
            r->status = 200;
            r->type = "application/json";
            r->body = body;
            r->len = len;
        }
    }
    if (err.code)
        web_respond_errors(r, web_status_of(err.code), &err);
    web_check_free(&c);
    free(mq.portion);
    mc_err_release(&err);
}
