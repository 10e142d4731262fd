/*
 * text.c - every text of the web pages, as keys of the gettext catalogues
 * (po/, context "page": a label of the page may read otherwise than the
 * same English word in a report), translated per request.
 */
#include "web.h"

#include "mealcheck/i18n.h"
#include "mealcheck/text.h"

#include <string.h>
#include <strings.h>

static const char *const texts[W_COUNT] = {
    [W_TAGLINE] =
        NC_("page", "Is the school meal balanced? Check a menu against the norms."),
    [W_RECIPES] = NC_("page", "Recipe book (technological cards)"),
    [W_RECIPES_HELP] =
        NC_("page", "CSV or Excel: recipe, servings, yield_g, food, gross_g, net_g"),
    [W_MENU] = NC_("page", "Menu"),
    [W_MENU_HELP] = NC_("page", "CSV or Excel: week, day, meal, dish, portion_g"),
    [W_FILE] = NC_("page", "File"),
    [W_OR_PASTE] = NC_("page", "or paste the text"),
    [W_NORMS] = NC_("page", "Norms"),
    [W_STANDARDS] = NC_("page", "Norm sets"),
    [W_GROUP] = NC_("page", "Group"),
    [W_GROUP_HELP] =
        NC_("page", "an age band (7-11, 12+), a group id or '14 boys and 12 girls aged 9-13'; "
                                 "several separated by ';'"),
    /* xgettext:no-c-format */
    [W_SHARES] = NC_("page", "Meal shares of the day, %"),
    [W_SHARES_HELP] =
        NC_("page", "your rule: they replace a norm set's own shares and decide, "
                                  "e.g. breakfast=20-25, lunch=30-35"),
    [W_DATE] = NC_("page", "Norms in force on"),
    [W_CHECK] = NC_("page", "Check"),
    [W_REPORT] = NC_("page", "Download the Excel report"),
    [W_SAMPLE] = NC_("page", "Fill in the sample"),
    [W_RESULT] = NC_("page", "Result"),
    /* Said of the whole check and of each norm set x group alike. */
    [W_COMPLIES] = NC_("page", "The menu complies"),
    [W_NOT_COMPLIES] = NC_("page", "The menu does not comply"),
    [W_ADVISORY_NOT_MET] =
        NC_("page", "Complies with the verified norms; advisory norms not met"),
    [W_UNDECIDED] = NC_("page", "Compliance cannot be decided"),
    [W_ERRORS] = NC_("page", "The files could not be checked"),
    [W_NUTRIENT] = NC_("page", "Nutrient"),
    [W_NORM] = NC_("page", "Norm"),
    [W_AVERAGE] = NC_("page", "Average"),
    /* xgettext:no-c-format */
    [W_PCT_NORM] = NC_("page", "% of norm"),
    [W_STATUS] = NC_("page", "Status"),
    [W_DAYS_OUT] = NC_("page", "Days out"),
    [W_COVERAGE] = NC_("page", "Data"),
    [W_VERDICT] = NC_("page", "Verdict"),
    /* xgettext:no-c-format */
    [W_CHART] = NC_("page", "Average as % of norm"),
    [W_DAYS] = NC_("page", "Day by day"),
    [W_DISHES] = NC_("page", "Dishes served"),
    [W_WEEK] = NC_("page", "Week"),
    [W_MEAL] = NC_("page", "Meal"),
    [W_DISH] = NC_("page", "Dish"),
    [W_PORTION] = NC_("page", "Portion, g"),
    [W_ENERGY] = NC_("page", "Energy, kcal"),
    [W_PROTEIN] = NC_("page", "Protein, g"),
    [W_FAT] = NC_("page", "Fat, g"),
    [W_CARB] = NC_("page", "Carbohydrate, g"),
    [W_ST_OK] = NC_("page", "ok"),
    [W_ST_LOW] = NC_("page", "low"),
    [W_ST_HIGH] = NC_("page", "high"),
    [W_ST_INSUFF] = NC_("page", "insufficient data"),
    [W_V_PASS] = NC_("page", "pass"),
    [W_V_FAIL] = NC_("page", "FAIL"),
    [W_V_ADVISORY] = NC_("page", "advisory"),
    [W_V_INSUFF] = NC_("page", "insufficient data"),
    [W_UNKNOWN] = NC_("page", "unknown"),
    [W_NOT_FOUND] = NC_("page", "No such page"),
    [W_TOO_LARGE] = NC_("page", "The upload is too large (at most 2 MB)"),
    [W_BAD_METHOD] = NC_("page", "This address does not take that method"),
    [W_MON] = NC_("page", "Monday"),
    [W_TUE] = NC_("page", "Tuesday"),
    [W_WED] = NC_("page", "Wednesday"),
    [W_THU] = NC_("page", "Thursday"),
    [W_FRI] = NC_("page", "Friday"),
    [W_SAT] = NC_("page", "Saturday"),
    [W_SUN] = NC_("page", "Sunday"),
    [W_NORMS_BY_DAY] = NC_("page", "Each day against the norms"),
    [W_XLSX_NOTE] =
        NC_("page", "An Excel file cannot be shown here: choose it again to download the report."),
    [W_SCHOOLS] = NC_("page", "Schools of the audit"),
    [W_SCHOOL] = NC_("page", "School"),
    [W_ALL_WEEKS] = NC_("page", "0: every week"),
    [W_TITLE] = NC_("page", "Report title (school, menu)"),
    [W_WARNINGS] = NC_("page", "Warnings"),
    [W_OR_UPLOAD] = NC_("page", "Or check your own files"),
};

static const char *const codes[WEB_LANG_COUNT] = {"en", "ru", "kk"};

const char *web_text(enum web_lang lang, enum web_msg msg)
{
    const char *key = texts[msg];
    return mc_i18n_ptext(codes[lang], key, strchr(key, '\004') + 1);
}

const char *web_lang_code(enum web_lang lang)
{
    return codes[lang];
}

static int lang_of(const char *tag, size_t len)
{
    for (int l = 0; l < WEB_LANG_COUNT; l++)
        if (len >= 2 && !strncasecmp(tag, codes[l], 2) && (len == 2 || tag[2] == '-'))
            return l;
    return -1;
}

enum web_lang web_lang_pick(const char *param, const char *accept_language)
{
    int l;
    if (param && (l = lang_of(param, strlen(param))) >= 0)
        return (enum web_lang)l;
    /* Browsers list languages best first; weights are not needed to take
     * the first one we have. */
    for (const char *p = accept_language; p && *p;) {
        p += strspn(p, " ,");
        size_t n = strcspn(p, ",;");
        if ((l = lang_of(p, n)) >= 0)
            return (enum web_lang)l;
        p += n;
        p += strcspn(p, ",");
    }
    return WEB_LANG_EN;
}

int web_put_food_local(FILE *f, struct mc_food_db *db, enum web_lang lang, const char *id,
                       const char *shown)
{
    char local[256], cap[256];
    struct mc_err ignored = {0};
    local[0] = '\0';
    if (db && id && lang != WEB_LANG_EN)
        mc_food_db_local_name(db, id, codes[lang], local, sizeof local, &ignored);
    /* a failed lookup only loses the local name */
    mc_err_release(&ignored);
    if (!*local)
        return 0;
    mc_text_capitalize(local, cap, sizeof cap);
    fputs("<span class=\"food\">", f);
    web_html(f, cap);
    fputs("</span> <span class=\"help\">(", f);
    web_html(f, id);
    if (shown && *shown && strcmp(shown, id)) {
        fputc(' ', f);
        web_html(f, shown);
    }
    fputs(")</span>", f);
    return 1;
}
