/* test_workbook.c - the book's and the menu's sheets of one workbook, found
 * by the headers of their first rows (workbook.h). */
#include <criterion/criterion.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "mealcheck/workbook.h"

/* A workbook of sheets, each given as its name and its header cells
 * separated by '|'; NULL ends the list.  Returns its bytes. */
static char *make(size_t *len, ...)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/mc-unit-workbook-%ld.xlsx", (long)getpid());
    lxw_workbook *wb = workbook_new(path);
    cr_assert(wb);
    va_list ap;
    va_start(ap, len);
    for (const char *name; (name = va_arg(ap, const char *)) != NULL;) {
        char head[256];
        snprintf(head, sizeof head, "%s", va_arg(ap, const char *));
        lxw_worksheet *ws = workbook_add_worksheet(wb, name);
        int col = 0;
        for (char *save = NULL, *c = strtok_r(head, "|", &save); c;
             c = strtok_r(NULL, "|", &save))
            worksheet_write_string(ws, 0, (lxw_col_t)col++, c, NULL);
        worksheet_write_string(ws, 1, 0, "1", NULL);
    }
    va_end(ap);
    cr_assert_eq(workbook_close(wb), LXW_NO_ERROR);
    FILE *f = fopen(path, "rb");
    cr_assert(f);
    char *data = malloc(1 << 20);
    *len = fread(data, 1, 1 << 20, f);
    fclose(f);
    unlink(path);
    return data;
}

Test(workbook, sheets_found_by_their_headers)
{
    size_t len;
    char *x = make(&len, "Notes", "Школа № 12|2026", "Меню", "Неделя|День|Приём|Блюдо|Порция",
                   "Раскладка", "Блюдо|Наименование продукта|Брутто, г|Нетто (г)",
                   "Menu 2", "week|day|meal|dish|portion_g", NULL);
    char book[64], menu[64];
    struct mc_err err = {0};
    cr_assert_eq(mc_workbook_find_sheets("столовая.xlsx", x, len, NULL, book, sizeof book, menu,
                                         sizeof menu, &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_str_eq(book, "Раскладка");
    cr_expect_str_eq(menu, "Меню", "the first menu sheet");
    free(x);

    x = make(&len, "Cards", "recipe|servings|yield_g|food|gross_g", "Kz", "Апта|Күн|Ас|Тағам",
             NULL);
    cr_assert_eq(mc_workbook_find_sheets("b.xlsx", x, len, NULL, book, sizeof book, menu,
                                         sizeof menu, &err), MC_OK, "%s", mc_err_text(&err));
    cr_expect_str_eq(book, "Cards");
    cr_expect_str_eq(menu, "Kz");
    free(x);
}

Test(workbook, a_kind_missing_is_named)
{
    size_t len;
    char *x = make(&len, "Cards", "recipe|food|gross_g", "Notes", "text", NULL);
    char book[64], menu[64];
    struct mc_err err = {0};
    cr_expect_eq(mc_workbook_find_sheets("b.xlsx", x, len, NULL, book, sizeof book, menu,
                                         sizeof menu, &err), MC_ERR_INPUT);
    cr_expect_str_eq(mc_err_text(&err), "b.xlsx: no sheet has the headers of a menu (a day column: day, "
                               "день, күн); the sheets are 'Cards', 'Notes'; name the "
                               "menu's sheet\n");
    mc_err_release(&err);
    free(x);
    x = make(&len, "M", "day|dish|portion_g", NULL);
    cr_expect_eq(mc_workbook_find_sheets("b.xlsx", x, len, NULL, book, sizeof book, menu,
                                         sizeof menu, &err), MC_ERR_INPUT);
    cr_expect(strstr(mc_err_text(&err), "b.xlsx: no sheet has the headers of a recipe book") == mc_err_text(&err),
              "%s", mc_err_text(&err));
    mc_err_release(&err);
    free(x);
    cr_expect_eq(mc_workbook_find_sheets("b.xlsx", "week,day\n", 9, NULL, book, sizeof book,
                                         menu, sizeof menu, &err), MC_ERR_INPUT);
    mc_err_release(&err);
}

Test(workbook, every_sheet_listed_with_its_role)
{
    size_t len, n;
    char *x = make(&len, "Notes", "Школа № 12", "Старое меню", "Неделя|День|Блюдо",
                   "ТК", "Блюдо|Продукт|Брутто", "Меню", "week|day|meal|dish", NULL);
    struct mc_workbook_sheet *s;
    struct mc_err err = {0};
    cr_assert_eq(mc_workbook_sheets("b.xlsx", x, len, NULL, &s, &n, &err), MC_OK, "%s",
                 mc_err_text(&err));
    cr_assert_eq(n, 4);
    const char *names[] = {"Notes", "Старое меню", "ТК", "Меню"};
    enum mc_workbook_role roles[] = {MC_WORKBOOK_OTHER, MC_WORKBOOK_MENU,
                                     MC_WORKBOOK_RECIPES, MC_WORKBOOK_OTHER};
    for (size_t i = 0; i < n; i++) {
        cr_expect_str_eq(s[i].name, names[i]);
        cr_expect_eq(s[i].role, roles[i], "%s", names[i]);
    }
    mc_workbook_sheets_free(s, n);
    free(x);

    cr_expect_eq(mc_workbook_sheets("b.xlsx", "PK\3\4 broken", 12, NULL, &s, &n, &err),
                 MC_ERR_INPUT);
    cr_expect_null(s);
    cr_expect_eq(n, 0);
    mc_err_release(&err);
}
