/*
 * workbook.c - a caterer's one workbook (tech cards and menu on two sheets)
 * on the files form and in the JSON API: the form's fields, and the
 * base64 text a JSON request carries it in.
 */
#include "web.h"

#include <stdlib.h>
#include <string.h>

#include "mealcheck/i18n.h"

void web_put_workbook_fields(FILE *f)
{
    fprintf(f, "<fieldset><legend>%s</legend><p class=\"help\">%s</p>"
               "<label>%s <input type=\"file\" name=\"workbook_file\" accept=\".xlsx\">"
               "</label><label>%s <input name=\"recipes_sheet\"></label>"
               "<label>%s <input name=\"menu_sheet\"></label></fieldset>\n",
            _("Or one workbook with both"),
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
