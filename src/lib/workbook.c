/*
 * workbook.c - the book's and the menu's sheets of one workbook, by their
 * headers (workbook.h).
 */
#include "mealcheck/workbook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/text.h"

/* Folded beginnings of the header cells that mark each kind of sheet. */
static const char *const day_heads[] = {"day", "день", "күн"};
static const char *const food_heads[] = {
    "food", "gross_g", "net_g", "продукт", "наименование продукта", "брутто", "нетто",
    "өнім"};

static int starts_any(const char *cell, const char *const *heads, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strncmp(cell, heads[i], strlen(heads[i])))
            return 1;
    return 0;
}

/* 1 for a menu, 2 for a book, 0 for neither, by the first row of s. */
static int kind_of(const struct mc_sheet *s)
{
    if (!s->n_rows)
        return 0;
    const struct mc_sheet_row *row = &s->rows[0];
    int day = 0, food = 0;
    for (size_t c = 0; c < row->n; c++) {
        char folded[256];
        mc_text_fold(row->cells[c].text, folded, sizeof folded);
        day |= starts_any(folded, day_heads, sizeof day_heads / sizeof *day_heads);
        food |= starts_any(folded, food_heads, sizeof food_heads / sizeof *food_heads);
    }
    return day ? 1 : food ? 2 : 0;
}

mc_code mc_workbook_sheets(const char *name, const void *data, size_t len,
                           const struct mc_xlsx_limits *limits,
                           struct mc_workbook_sheet **out, size_t *n, struct mc_err *err)
{
    char **names;
    *out = NULL;
    *n = 0;
    mc_code rc = mc_xlsx_sheet_names(name, data, len, &names, n, err);
    if (rc)
        return rc;
    struct mc_workbook_sheet *sheets = calloc(*n ? *n : 1, sizeof *sheets);
    if (!sheets)
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    int have_menu = 0, have_book = 0;
    for (size_t i = 0; i < *n; i++) {
        struct mc_sheet *s;
        /* Past the first of each kind a sheet has no role: it is not read. */
        if (sheets && !rc && !(have_menu && have_book) &&
            !(rc = mc_xlsx_read_limited(name, data, len, names[i], limits,
                                                         &s, err))) {
            int kind = kind_of(s);
            if (kind == 1 && !have_menu)
                sheets[i].role = MC_WORKBOOK_MENU, have_menu = 1;
            else if (kind == 2 && !have_book)
                sheets[i].role = MC_WORKBOOK_RECIPES, have_book = 1;
            mc_sheet_free(s);
        }
        if (sheets)
            sheets[i].name = names[i]; /* owned by the list from here */
        else
            free(names[i]);
    }
    free(names);
    if (rc) {
        mc_workbook_sheets_free(sheets, sheets ? *n : 0);
        *n = 0;
        return rc;
    }
    *out = sheets;
    return MC_OK;
}

void mc_workbook_sheets_free(struct mc_workbook_sheet *sheets, size_t n)
{
    for (size_t i = 0; sheets && i < n; i++)
        free(sheets[i].name);
    free(sheets);
}

mc_code mc_workbook_find_sheets(const char *name, const void *data, size_t len,
                                const struct mc_xlsx_limits *limits, char *recipes,
                                size_t recipes_size, char *menu, size_t menu_size,
                                struct mc_err *err)
{
    struct mc_workbook_sheet *sheets;
    size_t n;
    mc_code rc = mc_workbook_sheets(name, data, len, limits, &sheets, &n, err);
    if (rc)
        return rc;
    int have_menu = 0, have_book = 0;
    for (size_t i = 0; i < n; i++) {
        if (sheets[i].role == MC_WORKBOOK_MENU) {
            snprintf(menu, menu_size, "%s", sheets[i].name);
            have_menu = 1;
        } else if (sheets[i].role == MC_WORKBOOK_RECIPES) {
            snprintf(recipes, recipes_size, "%s", sheets[i].name);
            have_book = 1;
        }
    }
    if (!have_menu || !have_book) {
        char list[1024] = "";
        size_t used = 0;
        for (size_t i = 0; i < n && used < sizeof list; i++)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s'%s'", i ? ", " : "",
                                     sheets[i].name);
        rc = !have_menu
                 ? mc_err_set(err, MC_ERR_INPUT, "%s: no sheet has the headers of a menu "
                              "(a day column: day, день, күн); the sheets are %s; name the "
                              "menu's sheet", name, list)
                 : mc_err_set(err, MC_ERR_INPUT, "%s: no sheet has the headers of a recipe "
                              "book (a food column: food, продукт, өнім, or gross_g, "
                              "брутто); the sheets are %s; name the recipe book's sheet",
                              name, list);
    }
    mc_workbook_sheets_free(sheets, n);
    return rc;
}
