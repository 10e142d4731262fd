/*
 * test_serve_lang.c - a language per request: `mealcheck serve` answers
 * each request in the language it asks for (?lang=), messages, headline,
 * nutrient names and report sheets alike, while other requests at the same
 * moment ask for others; the server's own language stays for the API.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "served.h"

static struct served srv;

static void start(void)
{
    served_start(&srv, NULL);
}

static void stop(void)
{
    served_stop(&srv);
}

TestSuite(serve_lang, .init = start, .fini = stop, .timeout = 120);

/* One client: ROUNDS requests of one kind in one language, the replies kept
 * for the test's thread to assert on (no assertions off the test thread). */
#define ROUNDS 6

struct client {
    const char *path;
    char *body;
    size_t len;
    struct http_reply r[ROUNDS];
};

static void *client_run(void *p)
{
    struct client *c = p;
    for (int i = 0; i < ROUNDS; i++)
        http(&srv, "POST", c->path, MULTIPART_HEADER, c->body, c->len, &c->r[i]);
    return NULL;
}

static char *form(size_t *len, const char *menu)
{
    char *recipes = slurp("menus/recipes.csv");
    char *body = multipart(len, "recipes_file", "recipes.csv", recipes, "menu", NULL, menu,
                           "standard", NULL, "ru_sanpin_3590_20", "group", NULL, "7-11",
                           "shares", NULL, "breakfast=20-25, lunch=30-35", "date", NULL,
                           "2026-09-01", NULL);
    free(recipes);
    return body;
}

Test(serve_lang, concurrent_requests_each_get_their_language)
{
    char *menu = slurp("menus/menu.csv");
    const char *bad = "week,day,meal,dish,portion_g\n1,Mon,lunch,Пирог бабушки,100\n";
    struct client cl[4] = {{.path = "/check?lang=ru"}, {.path = "/check?lang=kk"},
                           {.path = "/check?lang=ru"}, {.path = "/check?lang=kk"}};
    cl[0].body = form(&cl[0].len, menu);
    cl[1].body = form(&cl[1].len, menu);
    cl[2].body = form(&cl[2].len, bad);
    cl[3].body = form(&cl[3].len, bad);
    pthread_t t[4];
    for (int k = 0; k < 4; k++)
        cr_assert_eq(pthread_create(&t[k], NULL, client_run, &cl[k]), 0);
    for (int k = 0; k < 4; k++)
        pthread_join(t[k], NULL);
    for (int i = 0; i < ROUNDS; i++) {
        /* A checked menu: the headline and the nutrient names. */
        struct http_reply *ru = &cl[0].r[i], *kk = &cl[1].r[i];
        cr_expect_eq(ru->status, 200, "%s", ru->body);
        cr_expect(str_has(ru->body, "Меню не соответствует нормам"), "%s", ru->body);
        cr_expect(str_has(ru->body, "<tr><td>Белки (г)</td>"), "%s", ru->body);
        cr_expect(str_has(ru->body, "Энергетическая ценность, Белки (не выполнена в 6 из "
                                    "10 дней)"), "%s", ru->body);
        cr_expect(!str_has(ru->body, "Ақуыз"), "Kazakh in a Russian answer");
        cr_expect_eq(kk->status, 200, "%s", kk->body);
        cr_expect(str_has(kk->body, "Мәзір нормаларға сәйкес емес"), "%s", kk->body);
        cr_expect(str_has(kk->body, "<tr><td>Ақуыз (г)</td>"), "%s", kk->body);
        cr_expect(str_has(kk->body, "Энергетикалық құндылығы, Ақуыз (6 / 10 күнде "
                                    "орындалмады)"), "%s", kk->body);
        cr_expect(!str_has(kk->body, "Белки"), "Russian in a Kazakh answer");
        /* A menu that cannot be checked: the message about the file. */
        ru = &cl[2].r[i];
        kk = &cl[3].r[i];
        cr_expect(str_has(ru->body, "<li>menu.csv:2:4: неизвестное блюдо «Пирог бабушки»: "
                                    "это не рецептура из recipes.csv"), "%s", ru->body);
        cr_expect(str_has(ru->body, "Файлы не удалось проверить"), "%s", ru->body);
        cr_expect(str_has(kk->body, "<li>menu.csv:2:4: белгісіз тағам «Пирог бабушки»: "
                                    "бұл recipes.csv ішіндегі рецептура"), "%s", kk->body);
        cr_expect(str_has(kk->body, "Файлдарды тексеру мүмкін болмады"), "%s", kk->body);
    }
    for (int k = 0; k < 4; k++) {
        for (int i = 0; i < ROUNDS; i++)
            http_free(&cl[k].r[i]);
        free(cl[k].body);
    }
    free(menu);
}

/* The text of one member of the workbook the reply holds (xl/workbook.xml:
 * the names of its sheets). */
static char *member_text(const struct http_reply *r, const char *member)
{
    char path[] = "/tmp/mc-serve-lang-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0 && write(fd, r->body, r->len) == (ssize_t)r->len);
    close(fd);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "unzip -p %s %s", path, member);
    FILE *p = popen(cmd, "r");
    char *xml = calloc(1, 1 << 20);
    cr_assert(p && xml);
    size_t n = fread(xml, 1, (1 << 20) - 1, p);
    xml[n] = '\0';
    pclose(p);
    unlink(path);
    return xml;
}

Test(serve_lang, the_report_has_sheets_in_the_language_asked)
{
    char *menu = slurp("menus/menu.csv");
    size_t len;
    char *body = form(&len, menu);
    struct http_reply r;
    http(&srv, "POST", "/report?lang=ru", MULTIPART_HEADER, body, len, &r);
    cr_assert_eq(r.status, 200, "%s", r.len < 2000 ? r.body : "");
    cr_assert(r.len > 1000 && !memcmp(r.body, "PK\3\4", 4));
    char *xml = member_text(&r, "xl/workbook.xml");
    cr_expect(str_has(xml, "<sheet name=\"Сводка\" sheetId=\"1\""), "%s", xml);
    cr_expect(!str_has(xml, "name=\"Summary\""), "%s", xml);
    free(xml);
    /* Foods go by their Russian names, SR28's id beside them (Tech cards). */
    xml = member_text(&r, "xl/sharedStrings.xml");
    cr_expect(str_has(xml, "Масло сливочное (01145)"), "the Tech cards name butter in Russian");
    free(xml);
    http_free(&r);
    http(&srv, "POST", "/report?lang=kk", MULTIPART_HEADER, body, len, &r);
    cr_assert_eq(r.status, 200);
    xml = member_text(&r, "xl/workbook.xml");
    cr_expect(str_has(xml, "<sheet name=\"Жиынтық\" sheetId=\"1\""), "%s", xml);
    free(xml);
    http_free(&r);
    /* The next request on the same workers, without ?lang=, is English again. */
    http(&srv, "POST", "/report?lang=en", MULTIPART_HEADER, body, len, &r);
    cr_assert_eq(r.status, 200);
    xml = member_text(&r, "xl/workbook.xml");
    cr_expect(str_has(xml, "<sheet name=\"Summary\" sheetId=\"1\""), "%s", xml);
    free(xml);
    http_free(&r);
    free(body);
    free(menu);
}

Test(serve_lang, the_api_speaks_the_servers_language_unless_asked)
{
    const char *q = "{\"recipes\":\"\",\"menu\":\"\",\"standards\":[\"kz_302\"],"
                    "\"groups\":[\"7-11\"]}";
    struct http_reply r;
    http(&srv, "POST", "/api/check", NULL, q, strlen(q), &r);
    cr_expect(str_has(r.body, "unknown standard 'kz_302'"), "%s", r.body);
    http_free(&r);
    http(&srv, "POST", "/api/check?lang=ru", NULL, q, strlen(q), &r);
    cr_expect(str_has(r.body, "kz_302") && str_has(r.body, "неизвестный набор норм «kz_302»"), "%s",
              r.body);
    cr_expect(str_has(r.body, "\"diagnostics\":[{\"severity\":\"error\""), "%s", r.body);
    http_free(&r);
}
