/*
 * workbook.c - a caterer's one workbook (tech cards and menu on two sheets)
 * on the files form and in the JSON API: the form's fields, and the
 * base64 text a JSON request carries it in, and its sheets for the page
 * to offer.
 */
#include "web.h"

#include <stdlib.h>
#include <string.h>

#include "mealcheck/i18n.h"
#include "mealcheck/workbook.h"

void web_put_workbook_fields(FILE *f)
{
    /* The script offers the chosen workbook's sheets in two lists
     * (POST /api/workbook/sheets); without it the names are typed or found. */
    fprintf(f, "<fieldset id=\"workbook\" data-auto=\"%s\"><legend>%s</legend>"
               "<p class=\"help\">%s</p>"
               "<label>%s <input type=\"file\" name=\"workbook_file\" accept=\".xlsx\">"
               "</label><label>%s <input id=\"recipes_sheet\" name=\"recipes_sheet\">"
               "</label><label>%s <input id=\"menu_sheet\" name=\"menu_sheet\"></label>"
               "<p class=\"help\" id=\"workbook-note\" aria-live=\"polite\"></p>"
               "</fieldset>\n",
            _("(found by its headers)"), _("Or one workbook with both"),
            _("An Excel workbook with the tech cards on one sheet and the menu on another: "
              "leave the sheet names empty to have them found by their headers."),
            _("Workbook (.xlsx)"), _("Tech cards' sheet"), _("Menu's sheet"));
}

static int b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

char *web_base64_decode(const char *text, size_t len, size_t *out_len)
{
    char *out = malloc(len / 4 * 3 + 3);
    if (!out)
        return NULL;
    unsigned acc = 0;
    int bits = 0;
    size_t n = 0, i = 0;
    for (; i < len && text[i] != '='; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n' || c == '\r' || c == ' ')
            continue;
        int v = b64_value(c);
        if (v < 0)
            break;
        acc = (acc << 6 | (unsigned)v) & 0xffffff;
        if ((bits += 6) >= 8) {
            bits -= 8;
            out[n++] = (char)(acc >> bits & 0xff);
        }
    }
    while (i < len && (text[i] == '=' || text[i] == '\n' || text[i] == '\r'))
        i++;
    if (i != len) {
        free(out);
        return NULL;
    }
    *out_len = n;
    return out;
}

void web_api_workbook_sheets(struct web_app *app, const char *name, const char *body,
                             size_t len, struct web_response *r)
{
    (void)app;
    struct mc_err err = {0};
    struct mc_workbook_sheet *sheets = NULL;
    size_t n = 0;
    char label[256];
    /* Only a label for messages, one line. */
    snprintf(label, sizeof label, "%s", name && *name ? name : "workbook.xlsx");
    for (char *p = label; *p; p++)
        if ((unsigned char)*p < 0x20)
            *p = ' ';
    /* Read as a check reads it: within the server's cells. */
    const struct mc_xlsx_limits lim = {.max_cells = WEB_MAX_CELLS};
    if (!mc_workbook_sheets(label, body, len, &lim, &sheets, &n, &err)) {
        static const char *const roles[] = {
            [MC_WORKBOOK_RECIPES] = "recipes", [MC_WORKBOOK_MENU] = "menu"};
        struct mc_json j;
        FILE *f = web_json_begin(r, &j);
        if (f) {
            mc_json_object_begin(&j);
            mc_json_key(&j, "sheets");
            mc_json_array_begin(&j);
            for (size_t i = 0; i < n; i++) {
                mc_json_object_begin(&j);
                mc_json_member_string(&j, "name", sheets[i].name);
                mc_json_member_string(&j, "role",
                                      sheets[i].role ? roles[sheets[i].role] : NULL);
                mc_json_object_end(&j);
            }
            mc_json_array_end(&j);
            mc_json_object_end(&j);
        }
        web_json_end(r, 200, f, &j);
    }
    if (err.code)
        web_respond_errors(r, web_status_of(err.code), &err);
    mc_workbook_sheets_free(sheets, n);
    mc_err_release(&err);
}
