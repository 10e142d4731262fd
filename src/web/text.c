/*
 * text.c - every text of the web pages, in English, Russian and Kazakh, in
 * one table so that it can move to the gettext catalogues (po/) as it is.
 */
#include "web.h"

#include <string.h>
#include <strings.h>

static const char *const texts[W_COUNT][WEB_LANG_COUNT] = {
    [W_TAGLINE] = {"Is the school meal balanced? Check a menu against the norms.",
                   "Сбалансировано ли школьное питание? Проверьте меню по нормам.",
                   "Мектеп тамағы теңгерімді ме? Мәзірді нормалар бойынша тексеріңіз."},
    [W_RECIPES] = {"Recipe book (technological cards)", "Сборник рецептур (технологические карты)",
                   "Рецептуралар жинағы (технологиялық карталар)"},
    [W_RECIPES_HELP] = {"CSV or Excel: recipe, servings, yield_g, food, gross_g, net_g",
                        "CSV или Excel: recipe, servings, yield_g, food, gross_g, net_g",
                        "CSV немесе Excel: recipe, servings, yield_g, food, gross_g, net_g"},
    [W_MENU] = {"Menu", "Меню", "Мәзір"},
    [W_MENU_HELP] = {"CSV or Excel: week, day, meal, dish, portion_g",
                     "CSV или Excel: week, day, meal, dish, portion_g",
                     "CSV немесе Excel: week, day, meal, dish, portion_g"},
    [W_FILE] = {"File", "Файл", "Файл"},
    [W_OR_PASTE] = {"or paste the text", "или вставьте текст", "немесе мәтінді қойыңыз"},
    [W_NORMS] = {"Norms", "Нормы", "Нормалар"},
    [W_STANDARDS] = {"Norm sets", "Наборы норм", "Нормалар жиынтығы"},
    [W_GROUP] = {"Group", "Группа", "Топ"},
    [W_GROUP_HELP] = {"an age band (7-11, 12+), a group id or '14 boys and 12 girls aged 9-13'; "
                      "several separated by ';'",
                      "возраст (7-11, 12+), код группы или '14 boys and 12 girls aged 9-13'; "
                      "несколько через ';'",
                      "жас аралығы (7-11, 12+), топ коды немесе '14 boys and 12 girls aged 9-13'; "
                      "бірнешеуі ';' арқылы"},
    [W_SHARES] = {"Meal shares of the day, %", "Доли приёмов пищи от суточной нормы, %",
                  "Тамақтану үлестері тәуліктік нормадан, %"},
    [W_SHARES_HELP] = {"your rule: they replace a norm set's own shares and decide, "
                       "e.g. breakfast=20-25, lunch=30-35",
                       "ваше правило: заменяют доли набора норм и решают, например "
                       "breakfast=20-25, lunch=30-35",
                       "сіздің ережеңіз: нормалар жиынтығының үлестерін алмастырады және "
                       "шешеді, мысалы breakfast=20-25, lunch=30-35"},
    [W_DATE] = {"Norms in force on", "Нормы, действующие на дату", "Нормалар күні"},
    [W_CHECK] = {"Check", "Проверить", "Тексеру"},
    [W_REPORT] = {"Download the Excel report", "Скачать отчёт Excel", "Excel есебін жүктеу"},
    [W_SAMPLE] = {"Fill in the sample", "Заполнить примером", "Үлгімен толтыру"},
    [W_RESULT] = {"Result", "Результат", "Нәтиже"},
    /* Said of the whole check and of each norm set x group alike. */
    [W_COMPLIES] = {"The menu complies", "Меню соответствует нормам",
                    "Мәзір нормаларға сәйкес"},
    [W_NOT_COMPLIES] = {"The menu does not comply", "Меню не соответствует нормам",
                        "Мәзір нормаларға сәйкес емес"},
    [W_ADVISORY_NOT_MET] = {"Complies with the verified norms; advisory norms not met",
                            "Соответствует проверенным нормам; рекомендательные нормы не "
                            "выполнены",
                            "Тексерілген нормаларға сәйкес; ұсынымдық нормалар орындалмады"},
    [W_UNDECIDED] = {"Compliance cannot be decided", "Соответствие невозможно установить",
                     "Сәйкестікті анықтау мүмкін емес"},
    [W_ERRORS] = {"The files could not be checked", "Файлы не удалось проверить",
                  "Файлдарды тексеру мүмкін болмады"},
    [W_NUTRIENT] = {"Nutrient", "Нутриент", "Нутриент"},
    [W_NORM] = {"Norm", "Норма", "Норма"},
    [W_AVERAGE] = {"Average", "Среднее", "Орташа"},
    [W_PCT_NORM] = {"% of norm", "% нормы", "норманың %"},
    [W_STATUS] = {"Status", "Статус", "Күйі"},
    [W_DAYS_OUT] = {"Days out", "Дней вне нормы", "Нормадан тыс күндер"},
    [W_COVERAGE] = {"Data", "Данные", "Деректер"},
    [W_VERDICT] = {"Verdict", "Вывод", "Қорытынды"},
    [W_CHART] = {"Average as % of norm", "Среднее в % от нормы", "Орташа мән норманың %"},
    [W_DAYS] = {"Day by day", "По дням", "Күндер бойынша"},
    [W_DISHES] = {"Dishes served", "Блюда меню", "Мәзірдегі тағамдар"},
    [W_WEEK] = {"Week", "Неделя", "Апта"},
    [W_MEAL] = {"Meal", "Приём пищи", "Тамақтану"},
    [W_DISH] = {"Dish", "Блюдо", "Тағам"},
    [W_PORTION] = {"Portion, g", "Выход, г", "Порция, г"},
    [W_ENERGY] = {"Energy, kcal", "Энергия, ккал", "Энергия, ккал"},
    [W_PROTEIN] = {"Protein, g", "Белки, г", "Ақуыз, г"},
    [W_FAT] = {"Fat, g", "Жиры, г", "Май, г"},
    [W_CARB] = {"Carbohydrate, g", "Углеводы, г", "Көмірсулар, г"},
    [W_ST_OK] = {"ok", "норма", "норма"},
    [W_ST_LOW] = {"low", "ниже нормы", "нормадан төмен"},
    [W_ST_HIGH] = {"high", "выше нормы", "нормадан жоғары"},
    [W_ST_INSUFF] = {"insufficient data", "недостаточно данных", "деректер жеткіліксіз"},
    [W_V_PASS] = {"pass", "соответствует", "сәйкес"},
    [W_V_FAIL] = {"FAIL", "НЕ СООТВЕТСТВУЕТ", "СӘЙКЕС ЕМЕС"},
    [W_V_ADVISORY] = {"advisory", "рекомендация", "ұсыным"},
    [W_V_INSUFF] = {"insufficient data", "недостаточно данных", "деректер жеткіліксіз"},
    [W_UNKNOWN] = {"unknown", "нет данных", "дерек жоқ"},
    [W_NOT_FOUND] = {"No such page", "Страница не найдена", "Бет табылмады"},
    [W_TOO_LARGE] = {"The upload is too large (at most 2 MB)",
                     "Слишком большой файл (не более 2 МБ)",
                     "Файл тым үлкен (2 МБ-тан аспауы керек)"},
    [W_BAD_METHOD] = {"This address does not take that method",
                      "Этот адрес не принимает такой запрос",
                      "Бұл мекенжай мұндай сұрауды қабылдамайды"},
    [W_MON] = {"Monday", "Понедельник", "Дүйсенбі"},
    [W_TUE] = {"Tuesday", "Вторник", "Сейсенбі"},
    [W_WED] = {"Wednesday", "Среда", "Сәрсенбі"},
    [W_THU] = {"Thursday", "Четверг", "Бейсенбі"},
    [W_FRI] = {"Friday", "Пятница", "Жұма"},
    [W_SAT] = {"Saturday", "Суббота", "Сенбі"},
    [W_SUN] = {"Sunday", "Воскресенье", "Жексенбі"},
    [W_NORMS_BY_DAY] = {"Each day against the norms", "Каждый день в сравнении с нормами",
                        "Әр күн нормалармен салыстырғанда"},
    [W_XLSX_NOTE] = {"An Excel file cannot be shown here: choose it again to download the report.",
                     "Файл Excel здесь не показывается: выберите его снова, чтобы скачать отчёт.",
                     "Excel файлы мұнда көрсетілмейді: есепті жүктеу үшін оны қайта таңдаңыз."},
    [W_SCHOOLS] = {"Schools of the audit", "Школы аудита", "Аудит мектептері"},
    [W_SCHOOL] = {"School", "Школа", "Мектеп"},
    [W_ALL_WEEKS] = {"0: every week", "0: все недели", "0: барлық апталар"},
    [W_TITLE] = {"Report title (school, menu)", "Заголовок отчёта (школа, меню)",
                 "Есеп тақырыбы (мектеп, мәзір)"},
    [W_WARNINGS] = {"Warnings", "Предупреждения", "Ескертулер"},
    [W_OR_UPLOAD] = {"Or check your own files", "Или проверьте свои файлы",
                     "Немесе өз файлдарыңызды тексеріңіз"},
};

static const char *const codes[WEB_LANG_COUNT] = {"en", "ru", "kk"};

const char *web_text(enum web_lang lang, enum web_msg msg)
{
    return texts[msg][lang];
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
