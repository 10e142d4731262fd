/*
 * csv.c - RFC 4180 reading with spreadsheet leniency and line tracking.
 *
 * The whole file is read into memory: menus and recipe books are small, and
 * a single buffer lets fields point into it after in-place unquoting.
 */
#include "mealcheck/csv.h"
#include "mealcheck/i18n.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "mealcheck/text.h"
#include "mealcheck/xlsx_read.h"
#include "array.h"
#include "mealcheck/infile.h"

struct mc_csv {
    char *path;
    char *buf;     /* the input, NUL-terminated, rewritten in place */
    size_t len;
    size_t pos;    /* next byte to read */
    long line;     /* line of pos */
    long rec_line; /* line where the current record starts */
    char sep;      /* ',' or, for a semicolon-separated file, ';' */
    size_t header_n; /* fields of the header read by mc_csv_header, or 0 */
    char **fields;
    size_t nfields, cap;
    struct mc_sheet *sheet; /* an .xlsx worksheet read instead of buf, or NULL */
    size_t next_row;        /* of sheet */
    /* the first cell of the current row past the header's last column */
    const struct mc_sheet_cell *stray;
    /* the caller's limits (0: none) and what has been read of them */
    size_t max_rows, max_cells, records, fields_read;
};

/* The field separator: ';' when the first line with either separator
 * outside quotes (the header) has semicolons and no comma, as Excel writes
 * CSV in locales whose decimal separator is a comma (Russian, Kazakh);
 * ',' otherwise. */
static char detect_sep(const char *b, size_t pos, size_t len)
{
    int quoted = 0, commas = 0, semis = 0;
    for (; pos < len; pos++) {
        char ch = b[pos];
        if (ch == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (ch == ',')
            commas++;
        else if (ch == ';')
            semis++;
        else if (ch == '\n' && (commas || semis))
            break;
    }
    return semis && !commas ? ';' : ',';
}

/* mc_text_utf8_check(b, len), with the characters of most menus and books
 * (ASCII, and two bytes: Cyrillic) checked here, not by a call each. */
static size_t utf8_valid(const unsigned char *b, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if (b[i] < 0x80) {
            i++;
        } else if (b[i] >= 0xC2 && b[i] <= 0xDF && i + 1 < len && (b[i + 1] & 0xC0) == 0x80) {
            i += 2;
        } else {
            size_t k = mc_text_utf8_char((const char *)b + i, len - i);
            if (!k)
                return i;
            i += k;
        }
    }
    return len;
}

/* Check that b holds text mealcheck can read: UTF-8, without the UTF-16
 * byte-order mark or NUL bytes of other encodings, so that a file in a
 * legacy encoding is refused at its first odd byte instead of yielding
 * garbled food names.  The place is given as line and field number, as
 * every other diagnostic; quotes are tracked for that. */
static mc_code check_encoding(const char *name, const unsigned char *b,
                              size_t len, char sep, long line,
                              struct mc_err *err)
{
    static const char expected[] =
        "expected UTF-8 text (in a spreadsheet: save as \"CSV UTF-8\")";
    if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
                     (b[0] == 0xFE && b[1] == 0xFF)))
        return mc_err_at(err, MC_ERR_INPUT, name, line, 0,
                         "the file is UTF-16; %s", expected);
    /* The first byte that is NUL or not UTF-8, then its line and field:
     * quotes, separators and line ends are ASCII, never inside a
     * multi-byte character. */
    size_t bad = utf8_valid(b, len);
    const unsigned char *nul = memchr(b, '\0', bad);
    if (nul)
        bad = (size_t)(nul - b);
    if (bad == len)
        return MC_OK;
    long col = 1;
    int quoted = 0;
    for (size_t i = 0; i < bad; i++) {
        unsigned char c = b[i];
        if (c == '"')
            quoted = !quoted;
        else if (c == sep && !quoted)
            col++;
        else if (c == '\n') {
            line++;
            if (!quoted)
                col = 1;
        }
    }
    if (nul)
        return mc_err_at(err, MC_ERR_INPUT, name, line, col,
                         "a NUL byte: the file is binary or UTF-16; %s",
                         expected);
    return mc_err_at(err, MC_ERR_INPUT, name, line, col,
                     "byte 0x%02X is not UTF-8 (the file may be in "
                     "Windows-1251 or another legacy encoding); %s",
                     b[bad], expected);
}

static mc_code csv_new(const char *name, char *buf, size_t len,
                       struct mc_csv **out, struct mc_err *err)
{
    struct mc_csv *c = calloc(1, sizeof *c);
    if (!c || !(c->path = strdup(name))) {
        free(c);
        free(buf);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory reading %s", name);
    }
    c->buf = buf;
    c->len = len;
    c->line = 1;
    /* A UTF-8 byte-order mark is how Excel marks a UTF-8 CSV. */
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        c->pos = 3;
    c->sep = detect_sep(buf, c->pos, len);
    mc_code rc = check_encoding(name, (const unsigned char *)buf + c->pos,
                                len - c->pos, c->sep, 1, err);
    if (rc) {
        mc_csv_close(c);
        return rc;
    }
    *out = c;
    return MC_OK;
}

mc_code mc_csv_check_text(const char *name, long line, const char *text,
                          size_t len, struct mc_err *err)
{
    return check_encoding(name, (const unsigned char *)text, len, ',', line, err);
}

/* A worksheet of an .xlsx workbook as the records of a CSV reader, named
 * "file[Sheet]" in messages. */
static mc_code csv_from_sheet(const char *file, const char *sheet_name,
                              char *buf, size_t len,
                              const struct mc_input_limits *limits,
                              struct mc_csv **out, struct mc_err *err)
{
    struct mc_sheet *sheet;
    struct mc_xlsx_limits budget = {limits ? limits->max_bytes : 0,
                                    limits ? limits->max_cells : 0};
    mc_code rc = mc_xlsx_read_limited(file, buf, len, sheet_name, &budget, &sheet, err);
    free(buf);
    if (rc)
        return rc;
    size_t n = strlen(file) + strlen(sheet->name) + 3;
    struct mc_csv *c = calloc(1, sizeof *c);
    if (!c || !(c->path = malloc(n))) {
        free(c);
        mc_sheet_free(sheet);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory reading %s", file);
    }
    snprintf(c->path, n, "%s[%s]", file, sheet->name);
    c->sheet = sheet;
    c->sep = ',';
    *out = c;
    return MC_OK;
}

/* A file mc_csv_open() does not read: an .xls, or text named with a
 * sheet. */
static mc_code refuse_format(const char *file, const char *sheet,
                             enum mc_sheet_format format, char *buf,
                             struct mc_err *err)
{
    free(buf);
    if (format == MC_SHEET_OLE2)
        return mc_err_set(err, MC_ERR_INPUT, "%s: an Excel 97-2003 workbook (.xls) "
                          "cannot be read; expected .xlsx or CSV UTF-8: in Excel, "
                          "save it as \"Excel Workbook (*.xlsx)\" or \"CSV UTF-8\"",
                          file);
    return mc_err_set(err, MC_ERR_INPUT, "%s: a sheet ('#%s') can be chosen in an "
                      "Excel workbook (.xlsx) only", file, sheet);
}

mc_code mc_csv_open(const char *path, struct mc_csv **out, struct mc_err *err)
{
    return mc_csv_open_limited(path, NULL, out, err);
}

mc_code mc_csv_open_limited(const char *path, const struct mc_input_limits *limits,
                            struct mc_csv **out, struct mc_err *err)
{
    const struct mc_input in = {.path = path, .limits = limits};
    return mc_csv_open_input(&in, out, err);
}

/* The bytes of in: its file read whole, or a copy of its data; *file is
 * what messages call it, *sheet the sheet chosen ("" none). */
static mc_code input_bytes(const struct mc_input *in, char *file, size_t size,
                           const char **sheet, char **buf, size_t *len,
                           struct mc_err *err)
{
    size_t max = in->limits ? in->limits->max_bytes : 0;
    *sheet = in->sheet && *in->sheet ? in->sheet : NULL;
    if (!in->path) {
        snprintf(file, size, "%s", mc_input_name(in));
        if (max == 0 || max > MC_INFILE_MAX)
            max = MC_INFILE_MAX;
        if (in->len > max)
            return mc_infile_too_large(file, max, err);
        if (!(*buf = malloc(in->len + 1)))
            return mc_err_set(err, MC_ERR_NOMEM, "out of memory reading %s", file);
        if (in->len) /* data may be NULL when empty */
            memcpy(*buf, in->data, in->len);
        (*buf)[in->len] = '\0';
        *len = in->len;
        return MC_OK;
    }
    snprintf(file, size, "%s", in->path);
    /* When there is no such file and path is "book.xlsx#Sheet", read
     * book.xlsx and choose "Sheet"; else messages are about the path as
     * given. */
    const char *hash = strrchr(in->path, '#');
    struct stat st;
    if (!*sheet && hash && (size_t)(hash - in->path) < size &&
        stat(in->path, &st) != 0 && errno == ENOENT) {
        file[hash - in->path] = '\0';
        if (stat(file, &st) == 0)
            *sheet = hash + 1;
        else
            snprintf(file, size, "%s", in->path);
    }
    mc_code rc = mc_infile_read_max(file, max, buf, len, err);
    /* Messages name the file as the user knows it. */
    if (rc && in->name)
        mc_err_relabel(err, file, in->name);
    if (!rc && in->name)
        snprintf(file, size, "%s", in->name);
    return rc;
}

mc_code mc_csv_open_input(const struct mc_input *in, struct mc_csv **out,
                          struct mc_err *err)
{
    *out = NULL;
    char file[4096];
    const char *sheet;
    char *buf;
    size_t len;
    mc_code rc = input_bytes(in, file, sizeof file, &sheet, &buf, &len, err);
    if (rc)
        return rc;
    enum mc_sheet_format format = mc_sheet_sniff(buf, len);
    if (format == MC_SHEET_ZIP)
        rc = csv_from_sheet(file, sheet, buf, len, in->limits, out, err);
    else if (format == MC_SHEET_TEXT && !sheet)
        rc = csv_new(file, buf, len, out, err);
    else
        return refuse_format(file, sheet, format, buf, err);
    if (rc == MC_OK && in->limits) {
        (*out)->max_rows = in->limits->max_rows;
        /* A sheet's cells were held to max_cells as they were read. */
        (*out)->max_cells = (*out)->sheet ? 0 : in->limits->max_cells;
    }
    return rc;
}

mc_code mc_csv_open_buffer(const char *name, const char *data, size_t len,
                           struct mc_csv **out, struct mc_err *err)
{
    *out = NULL;
    char *buf = malloc(len + 1);
    if (!buf)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory reading %s", name);
    if (len) /* data may be NULL when empty */
        memcpy(buf, data, len);
    buf[len] = '\0';
    return csv_new(name, buf, len, out, err);
}

void mc_csv_close(struct mc_csv *csv)
{
    if (!csv)
        return;
    free(csv->fields);
    free(csv->buf);
    mc_sheet_free(csv->sheet);
    free(csv->path);
    free(csv);
}

static int push_field(struct mc_csv *c, char *f)
{
    if (c->nfields < c->cap) {
        c->fields[c->nfields++] = f;
        return 0;
    }
    if (mc_array_reserve(&c->fields, &c->cap, c->nfields + 1, sizeof *c->fields, 16))
        return -1;
    c->fields[c->nfields++] = f;
    return 0;
}

static char *trim(char *s, char *end)
{
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    *end = '\0';
    return s;
}

/* The next row of an .xlsx worksheet as a record: its cells in their
 * columns, "" between them, as far as the header's last column (the
 * header's own row, as far as its last cell).  A cell further right is
 * the row's stray cell, reported by check_width() with its column, so
 * that one cell at XFD never costs 16,384 fields. */
static int read_row(struct mc_csv *c, struct mc_err *err)
{
    static char empty[1];
    c->stray = NULL;
    if (c->next_row == c->sheet->n_rows)
        return 0;
    const struct mc_sheet_row *row = &c->sheet->rows[c->next_row++];
    c->rec_line = row->line;
    size_t width = c->header_n ? c->header_n
                   : row->n   ? (size_t)row->cells[row->n - 1].col : 0;
    size_t k = 0;
    for (size_t col = 1; col <= width; col++) {
        const char *text = empty;
        if (k < row->n && row->cells[k].col == (long)col)
            text = row->cells[k++].text;
        /* Fields are read only; they are char * for the CSV reader's
         * unquoting in place. */
        if (push_field(c, (char *)text) < 0)
            return mc_err_set(err, MC_ERR_NOMEM, "out of memory"), -1;
    }
    if (k < row->n)
        c->stray = &row->cells[k];
    return 1;
}

/* Parse one record starting at c->pos; fields are NUL-terminated in place. */
static int read_record(struct mc_csv *c, struct mc_err *err)
{
    char *b = c->buf;
    c->nfields = 0;
    if (c->sheet)
        return read_row(c, err);
    c->rec_line = c->line;
    if (c->pos >= c->len)
        return 0;
    for (;;) {
        size_t start = c->pos;
        char *field;
        if (b[c->pos] == '"') {
            long qline = c->line;
            size_t w = ++c->pos;
            field = b + w;
            for (;;) {
                if (c->pos >= c->len)
                    return mc_err_at(err, MC_ERR_INPUT, c->path, qline,
                                     (long)c->nfields + 1,
                                     "unterminated quoted field; expected a "
                                     "closing '\"'"), -1;
                char ch = b[c->pos];
                if (ch == '"') {
                    if (b[c->pos + 1] == '"') {
                        b[w++] = '"';
                        c->pos += 2;
                        continue;
                    }
                    c->pos++;
                    break;
                }
                /* Line ends inside quotes count as outside: CRLF, LF or
                 * a lone CR (b[len] is a NUL, so pos + 1 can be read). */
                if (ch == '\n' || (ch == '\r' && b[c->pos + 1] != '\n'))
                    c->line++;
                b[w++] = ch;
                c->pos++;
            }
            size_t fend = w;
            /* Spreadsheets never write text after a closing quote, but
             * hand edits do ("a" ,b): tolerate blanks only. */
            while (c->pos < c->len && (b[c->pos] == ' ' || b[c->pos] == '\t'))
                c->pos++;
            b[fend] = '\0';
        } else {
            const char *p = b + c->pos, *end = b + c->len, sep_ch = c->sep;
            while (p < end && *p != sep_ch && *p != '\n' && *p != '\r')
                p++;
            c->pos = (size_t)(p - b);
            field = NULL;
        }
        char sep = c->pos < c->len ? b[c->pos] : '\0';
        if (!field)
            field = trim(b + start, b + c->pos);
        else if (sep != c->sep && sep != '\r' && sep != '\n' && sep != '\0')
            return mc_err_at(err, MC_ERR_INPUT, c->path, c->line,
                             (long)c->nfields + 1,
                             "unexpected text after a closing quote"), -1;
        if (push_field(c, field) < 0)
            return mc_err_set(err, MC_ERR_NOMEM, "out of memory"), -1;
        if (sep == c->sep) {
            b[c->pos++] = '\0';
            continue;
        }
        /* End of record: consume CRLF, LF or a lone CR. */
        if (sep == '\r') {
            b[c->pos++] = '\0';
            if (c->pos < c->len && b[c->pos] == '\n')
                c->pos++;
            c->line++;
        } else if (sep == '\n') {
            b[c->pos++] = '\0';
            c->line++;
        }
        return 1;
    }
}

/* A value past the header's last column is a field that held an
 * unquoted separator ("Milk, whole") more often than data on purpose. */
static void check_width(const struct mc_csv *c, struct mc_err *err)
{
    if (c->stray) {
        mc_err_at(err, MC_ERR_INPUT, c->path, c->rec_line, c->stray->col,
                  "'%s' is past the last column of the header (%zu); expected "
                  "the sheet's values under its header", c->stray->text,
                  c->header_n);
        return;
    }
    for (size_t i = c->header_n; c->header_n && i < c->nfields; i++)
        if (c->fields[i][0] != '\0') {
            mc_err_at(err, MC_ERR_INPUT, c->path, c->rec_line, (long)i + 1,
                      "'%s' is past the last column of the header (%zu); "
                      "expected a value with a '%c' in it to be quoted", c->fields[i],
                      c->header_n, c->sep);
            return;
        }
}

/* Count the record just read against the caller's limits; 0, or -1 with
 * the error recorded. */
static int spend_record(struct mc_csv *c, struct mc_err *err)
{
    c->records++;
    c->fields_read += c->nfields;
    /* The header is not one of the rows. */
    if (c->max_rows && c->records > c->max_rows + (c->header_n ? 1 : 0))
        return mc_err_at(err, MC_ERR_INPUT, c->path, c->rec_line, 0,
                         N_("more than %zu rows below the header; mealcheck reads "
                            "at most %zu rows of this file"), c->max_rows,
                         c->max_rows), -1;
    if (c->max_cells && c->fields_read > c->max_cells)
        return mc_err_at(err, MC_ERR_INPUT, c->path, c->rec_line, 0,
                         N_("more than %zu cells; mealcheck reads at most %zu "
                            "cells of a sheet"), c->max_cells, c->max_cells), -1;
    return 0;
}

int mc_csv_next(struct mc_csv *csv, struct mc_err *err)
{
    for (;;) {
        int rc = read_record(csv, err);
        if (rc <= 0)
            return rc;
        int any = csv->stray != NULL;
        for (size_t i = 0; i < csv->nfields && !any; i++)
            any = csv->fields[i][0] != '\0';
        if (any) {
            if (spend_record(csv, err))
                return -1;
            check_width(csv, err);
            return 1;
        }
    }
}

size_t mc_csv_rows_left(const struct mc_csv *csv)
{
    if (csv->sheet)
        return csv->sheet->n_rows - csv->next_row;
    size_t n = 0;
    for (const char *p = csv->buf + csv->pos, *end = csv->buf + csv->len;
         p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
        n++;
    return n + 1; /* the last line may have no line end */
}

size_t mc_csv_nfields(const struct mc_csv *csv)
{
    return csv->nfields;
}

const char *mc_csv_field(const struct mc_csv *csv, size_t i)
{
    return i < csv->nfields ? csv->fields[i] : "";
}

long mc_csv_line(const struct mc_csv *csv)
{
    return csv->rec_line;
}

const char *mc_csv_path(const struct mc_csv *csv)
{
    return csv->path;
}

int mc_csv_find(const struct mc_csv *csv, const char *name)
{
    for (size_t i = 0; i < csv->nfields; i++)
        if (strcasecmp(csv->fields[i], name) == 0)
            return (int)i;
    return -1;
}

/* Russian and Kazakh headers of technological cards and menus, read as
 * the column they name (docs/formats.md).  A header names a column only
 * in a file that reads it: "Выход" is yield_g in a recipe book, portion_g
 * in a menu; "Блюдо" is recipe in a book, dish in a menu. */
static const struct {
    const char *column, *header;
} synonyms[] = {
    {"recipe", "Блюдо"}, {"recipe", "Наименование блюда"}, {"recipe", "Тағам"},
    {"recipe", "Тағам атауы"},
    {"servings", "Количество порций"}, {"servings", "Кол-во порций"},
    {"servings", "Порция саны"},
    {"yield_g", "Выход"}, {"yield_g", "Шығымы"},
    {"food", "Наименование продукта"}, {"food", "Продукт"},
    {"food", "Наименование сырья"}, {"food", "Сырьё"}, {"food", "Сырье"},
    {"food", "Өнім атауы"}, {"food", "Өнім"},
    {"gross_g", "Брутто"}, {"net_g", "Нетто"},
    {"qty", "Количество"}, {"qty", "Саны"},
    {"unit", "Единица измерения"}, {"unit", "Өлшем бірлігі"},
    {"week", "Неделя"}, {"week", "Апта"},
    {"day", "День"}, {"day", "Күн"},
    {"meal", "Приём пищи"}, {"meal", "Прием пищи"}, {"meal", "Ас"},
    {"meal", "Ас ішу"},
    {"dish", "Блюдо"}, {"dish", "Наименование блюда"}, {"dish", "Тағам"},
    {"dish", "Тағам атауы"},
    {"portion_g", "Порция"}, {"portion_g", "Выход"}, {"portion_g", "Шығымы"},
    {"price", "Цена"}, {"price", "Баға"},
    {"course", "Категория"}, {"course", "Вид блюда"}, {"course", "Тағам түрі"},
    {"course", "Санаты"},
};
#define N_SYNONYMS (sizeof synonyms / sizeof *synonyms)

/* A header cell folded, without a unit in grams after it ("Брутто, г",
 * "Выход (гр.)", "Нетто г" are "брутто", "выход", "нетто"): a card's
 * weights are in grams, and a cell in kilograms keeps its unit and is
 * not taken for grams. */
static void header_folded(const char *cell, char *out, size_t size)
{
    static const char *const units[] = {"(г)", "(гр)", "(гр.)", "(g)", "г", "гр",
                                        "гр.", "g"};
    mc_text_fold(cell, out, size);
    size_t len = strlen(out);
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        size_t ul = strlen(units[u]);
        if (len > ul && !strcmp(out + len - ul, units[u]) &&
            (units[u][0] == '(' || out[len - ul - 1] == ' ' || out[len - ul - 1] == ',')) {
            len -= ul;
            break;
        }
    }
    while (len && (out[len - 1] == ' ' || out[len - 1] == ','))
        len--;
    out[len] = '\0';
}

/* The Russian or Kazakh synonym, among the columns of names, that the
 * folded header cell is with a unit in kilograms after it ("брутто, кг"),
 * or NULL; *column gets its index in names. */
static const char *synonym_in_kg(const char *cell, const char *const *names,
                                 int n, int *column)
{
    static const char *const kg[] = {", кг", " кг", " (кг)", "(кг)", ", kg", " kg",
                                     " (kg)"};
    char syn[256];
    size_t len = strlen(cell);
    for (size_t u = 0; u < sizeof kg / sizeof *kg; u++) {
        size_t ul = strlen(kg[u]);
        if (len <= ul || strcmp(cell + len - ul, kg[u]))
            continue;
        for (size_t k = 0; k < N_SYNONYMS; k++) {
            mc_text_fold(synonyms[k].header, syn, sizeof syn);
            if (strlen(syn) != len - ul || strncmp(cell, syn, len - ul))
                continue;
            for (int i = 0; i < n; i++)
                if (!strcmp(names[i], synonyms[k].column)) {
                    *column = i;
                    return synonyms[k].header;
                }
        }
    }
    return NULL;
}

/* True when text has a byte past ASCII: a header in Cyrillic. */
static int non_ascii(const char *text)
{
    for (; *text; text++)
        if ((unsigned char)*text >= 0x80)
            return 1;
    return 0;
}

/* The field of the header that is a Russian or Kazakh synonym of name, or -1. */
static int find_synonym(const struct mc_csv *csv, const char *name)
{
    char cell[256], syn[256];
    for (size_t f = 0; f < csv->nfields; f++) {
        header_folded(csv->fields[f], cell, sizeof cell);
        for (size_t k = 0; k < N_SYNONYMS; k++) {
            if (strcmp(synonyms[k].column, name))
                continue;
            mc_text_fold(synonyms[k].header, syn, sizeof syn);
            if (!strcmp(cell, syn))
                return (int)f;
        }
    }
    return -1;
}

/*
 * The last header a thread read without a problem, as its fields joined by
 * NULs, with the columns it gave for names: an audit reads thousands of
 * menus with the same header, and finding synonyms and near misses is
 * most of reading a small file.  Headers longer than the buffer are not
 * kept.
 */
struct header_memo {
    const char *const *names;
    int n;
    size_t nfields, len;
    char text[512];
    int cols[32];
};
static _Thread_local struct header_memo memo;

/* The header just read as memo keys it: 1, or 0 when it does not fit. */
static int header_key_text(const struct mc_csv *csv, char *text, size_t size, size_t *len)
{
    size_t k = 0;
    for (size_t f = 0; f < csv->nfields; f++) {
        size_t l = strlen(csv->fields[f]) + 1;
        if (k + l > size)
            return 0;
        memcpy(text + k, csv->fields[f], l);
        k += l;
    }
    *len = k;
    return 1;
}

mc_code mc_csv_header(struct mc_csv *csv, const char *const *names, int n,
                      int *cols, const char *expected, struct mc_err *err)
{
    int rc = mc_csv_next(csv, err);
    if (rc < 0)
        return err->code;
    if (rc == 0)
        return mc_err_at(err, MC_ERR_INPUT, csv->path, 0, 0,
                         "empty file: expected a header row with %s", expected);
    char key[sizeof memo.text];
    size_t key_len = 0;
    int keyed = n <= (int)(sizeof memo.cols / sizeof *memo.cols) &&
                header_key_text(csv, key, sizeof key, &key_len);
    if (keyed && memo.names == names && memo.n == n && memo.nfields == csv->nfields &&
        memo.len == key_len && !memcmp(memo.text, key, key_len)) {
        memcpy(cols, memo.cols, (size_t)n * sizeof *cols);
        csv->header_n = csv->nfields;
        return MC_OK;
    }
    for (int i = 0; i < n; i++)
        if ((cols[i] = mc_csv_find(csv, names[i])) < 0)
            cols[i] = find_synonym(csv, names[i]);
    csv->header_n = csv->nfields;
    /* Unknown columns are ignored, so a misspelt one would be silently:
     * refuse a header cell one edit or one swap from a column this file
     * lacks ("dsh", "dya"), or that column without its unit ("portion" for
     * "portion_g").  Only a column the file lacks is matched, so a column
     * of notes next to the real ones is not taken for a typo. */
    int before = err->count;
    unsigned long long named = 0; /* missing columns already suggested, once each */
    for (size_t f = 0; f < csv->nfields; f++) {
        char cell[128], want[128];
        mc_text_fold(csv->fields[f], cell, sizeof cell);
        size_t len = strlen(cell);
        for (int i = 0; i < n && i < 64 && len >= 3; i++) {
            if (cols[i] >= 0 || (named >> i & 1ull))
                continue;
            mc_text_fold(names[i], want, sizeof want);
            if (mc_text_distance(cell, want) <= 1 ||
                (!strncmp(cell, want, len) && want[len] == '_')) {
                mc_err_at(err, MC_ERR_INPUT, csv->path, csv->rec_line, (long)f + 1,
                          "unknown column '%s'; expected '%s'", csv->fields[f],
                          names[i]);
                named |= 1ull << i;
                break;
            }
        }
    }
    if (err->count > before)
        return err->code;
    if (keyed) {
        memo.names = names;
        memo.n = n;
        memo.nfields = csv->nfields;
        memo.len = key_len;
        memcpy(memo.text, key, key_len);
        memcpy(memo.cols, cols, (size_t)n * sizeof *cols);
    }
    return MC_OK;
}

/* A header cell as struct mc_csv_lookalike spells it: folded, with
 * blanks and hyphens as '_' ("Portion size" is "portion_size"). */
static void header_key(const char *cell, char *out, size_t size)
{
    mc_text_fold(cell, out, size);
    for (char *p = out; *p; p++)
        if (*p == ' ' || *p == '-')
            *p = '_';
}

/* The header cells at the field indexes of cols, in the file's order, as
 * a NULL-terminated array in one allocation; NULL when out of memory. */
static char **columns_read(const struct mc_csv *csv, const char *const *names,
                           const int *cols, int n)
{
    size_t count = 0, bytes = 0;
    for (size_t f = 0; f < csv->nfields; f++)
        for (int i = 0; i < n; i++)
            if (cols[i] == (int)f) {
                count++;
                bytes += strlen(csv->fields[f]) + strlen(names[i]) + 4;
            }
    char **v = malloc((count + 1) * sizeof *v + bytes);
    if (!v)
        return NULL;
    char *text = (char *)(v + count + 1);
    size_t k = 0;
    for (size_t f = 0; f < csv->nfields; f++)
        for (int i = 0; i < n; i++)
            if (cols[i] == (int)f) {
                /* A synonym says which column it was read as. */
                if (strcasecmp(csv->fields[f], names[i]))
                    sprintf(text, "%s (%s)", csv->fields[f], names[i]);
                else
                    strcpy(text, csv->fields[f]);
                v[k++] = text;
                text += strlen(text) + 1;
            }
    v[k] = NULL;
    return v;
}

/* The columns read, in known; for a header in Cyrillic, with their Russian
 * and Kazakh names, in cyrillic. */
static void list_columns(const char *const *names, int n, char *known, size_t ksize,
                         char *cyrillic, size_t csize)
{
    size_t len = 0, clen = 0;
    for (int i = 0; i < n && len < ksize && clen < csize; i++) {
        const char *sep = i == 0 ? "" : i + 1 < n ? ", " : " and ";
        len += (size_t)snprintf(known + len, ksize - len, "%s%s", sep, names[i]);
        clen += (size_t)snprintf(cyrillic + clen, csize - clen, "%s%s", sep, names[i]);
        int any = 0;
        for (size_t k = 0; k < N_SYNONYMS && clen < csize; k++)
            if (!strcmp(synonyms[k].column, names[i]))
                clen += (size_t)snprintf(cyrillic + clen, csize - clen, "%s%s",
                                         any++ ? ", " : " (", synonyms[k].header);
        if (any && clen < csize)
            clen += (size_t)snprintf(cyrillic + clen, csize - clen, ")");
    }
}

mc_code mc_csv_header_unread(const struct mc_csv *csv, const char *const *names,
                             int n, const int *cols,
                             const struct mc_csv_lookalike *like, size_t n_like,
                             char ***read, struct mc_err *err)
{
    *read = NULL;
    char known[1024] = "", cyrillic[1800] = ""; /* for the first warning */
    int before = err->count;
    for (size_t f = 0; f < csv->nfields; f++) {
        const char *cell = csv->fields[f];
        int i = 0;
        while (i < n && cols[i] != (int)f)
            i++;
        char key[128];
        header_key(cell, key, sizeof key);
        /* 'note' is the documented column of free text for people. */
        if (i < n || !*cell || !strcmp(key, "note"))
            continue;
        size_t k = 0;
        while (k < n_like && (strcmp(key, like[k].header) || cols[like[k].column] >= 0))
            k++;
        char folded[256];
        mc_text_fold(cell, folded, sizeof folded);
        int column;
        const char *syn = synonym_in_kg(folded, names, n, &column);
        if (k < n_like) {
            mc_err_at(err, MC_ERR_INPUT, csv->path, csv->rec_line, (long)f + 1,
                      "column '%s' is not read; expected '%s' (%s)", cell,
                      names[like[k].column], like[k].meaning);
        } else if (syn) {
            mc_err_at(err, MC_ERR_INPUT, csv->path, csv->rec_line, (long)f + 1,
                      "column '%s' is not read: weights are read in grams; "
                      "expected '%s, г' or '%s'", cell, syn, names[column]);
        } else {
            if (!*known)
                list_columns(names, n, known, sizeof known, cyrillic, sizeof cyrillic);
            mc_err_warn_at(err, csv->path, csv->rec_line, (long)f + 1,
                           "column '%s' is not read: mealcheck reads %s (free "
                           "text goes in a column 'note')", cell,
                           non_ascii(cell) ? cyrillic : known);
        }
    }
    if (err->count > before)
        return err->code;
    if (!(*read = columns_read(csv, names, cols, n)))
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory reading %s", csv->path);
    return MC_OK;
}

/* Bytes of the digit-group separator at s: a space, or the no-break
 * spaces U+00A0 and U+202F that Russian and Kazakh spreadsheets put in
 * "1 000"; 0 when s is none. */
static size_t group_separator(const char *s)
{
    if (*s == ' ')
        return 1;
    if (!strncmp(s, "\xC2\xA0", 2))
        return 2;
    return strncmp(s, "\xE2\x80\xAF", 3) ? 0 : 3;
}

/* Copy the n bytes of text to tmp without digit-group separators, which
 * may only part a first group of 1-3 digits from groups of exactly 3
 * ("12 500,5"); 0 when they part anything else ("12 5"). */
static int ungroup(const char *text, size_t n, char *tmp)
{
    size_t i = 0, o = 0, group = 0, seps = 0;
    if (i < n && (text[i] == '-' || text[i] == '+'))
        tmp[o++] = text[i++];
    while (i < n) {
        size_t sep = group_separator(text + i);
        if (text[i] >= '0' && text[i] <= '9') {
            tmp[o++] = text[i++];
            group++;
        } else if (sep) {
            if (group == 0 || group > 3 || (seps && group != 3))
                return 0;
            seps++;
            group = 0;
            i += sep;
        } else {
            break;
        }
    }
    if (seps && group != 3)
        return 0;
    memcpy(tmp + o, text + i, n - i);
    tmp[o + n - i] = '\0';
    return 1;
}

/* Digits with at most one '.' or ',' and at most 15 digits in all ("250",
 * "12,5"), as most cells are: 1 with the value in *out.  The digits
 * are an integer below 2^53 and 10^k is exact, so the one rounding of
 * their quotient is strtod's correctly rounded value. */
static int plain_decimal(const char *s, double *out)
{
    static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
                                   1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    long long v = 0;
    int digits = 0, frac = -1;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            if (++digits > 15)
                return 0; /* past 15 digits v could overflow: strtod's turn */
            v = v * 10 + (*s - '0');
            frac += frac >= 0;
        } else if ((*s == '.' || *s == ',') && frac < 0) {
            frac = 0;
        } else {
            return 0;
        }
    }
    if (!digits)
        return 0;
    *out = frac > 0 ? (double)v / pow10[frac] : (double)v;
    return 1;
}

int mc_parse_number(const char *text, double *out)
{
    if (plain_decimal(text, out))
        return 1;
    char tmp[64];
    size_t n = strlen(text);
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
        n--;
    while (n && (*text == ' ' || *text == '\t')) {
        text++;
        n--;
    }
    if (n == 0 || n >= sizeof tmp || !ungroup(text, n, tmp))
        return 0;
    char *comma = strchr(tmp, ',');
    if (comma) {
        if (strchr(comma + 1, ',') || strchr(tmp, '.'))
            return 0;
        *comma = '.';
    }
    errno = 0;
    char *end;
    double v = strtod(tmp, &end);
    if (*end != '\0' || errno == ERANGE || !isfinite(v))
        return 0;
    /* strtod also takes hex floats and "inf"; numbers here are decimal. */
    for (const char *p = tmp; *p; p++)
        if (!strchr("0123456789.+-eE", *p))
            return 0;
    *out = v;
    return 1;
}

/* MC_CSV_NUMBER_MAX as the message spells it. */
#define MAX_TEXT "10000000"
/* C11 allows a floating constant here only as the operand of a cast. */
_Static_assert((long)MC_CSV_NUMBER_MAX == 10000000L, "MAX_TEXT spells MC_CSV_NUMBER_MAX");

int mc_csv_number(const struct mc_csv *csv, int i, const char *name,
                  int positive, double *out, struct mc_err *err)
{
    *out = NAN;
    const char *t = i < 0 ? "" : mc_csv_field(csv, (size_t)i);
    if (!*t)
        return 0;
    double v;
    int ok = mc_parse_number(t, &v);
    if (!ok || v < 0.0 || (positive && v == 0.0) || v > MC_CSV_NUMBER_MAX) {
        *out = -1.0;
        mc_err_at(err, MC_ERR_INPUT, csv->path, csv->rec_line, i + 1,
                  "%s: expected a %s number%s, got '%s'", name,
                  positive ? _("positive") : _("non-negative"),
                  ok && v > MC_CSV_NUMBER_MAX ? " up to " MAX_TEXT : "", t);
        return -1;
    }
    *out = v;
    return 1;
}

/* A plain number, as a spreadsheet reads one: "-5", "+1.5", "-1,5", "-2e3". */
static int plain_number(const char *s)
{
    s += *s == '+' || *s == '-';
    size_t n = strspn(s, "0123456789");
    if (!n)
        return 0;
    s += n;
    if ((*s == '.' || *s == ',') && (n = strspn(s + 1, "0123456789")))
        s += 1 + n;
    if (*s == 'e' || *s == 'E') {
        const char *e = s + 1 + (s[1] == '+' || s[1] == '-');
        if ((n = strspn(e, "0123456789")))
            s = e + n;
    }
    return *s == '\0';
}

void mc_csv_write_field(FILE *f, const char *s, char sep, unsigned flags)
{
    /* Text a spreadsheet would run as a formula (a dish named
     * "=HYPERLINK(...)"): OWASP's advice, a leading quote that makes it
     * text, inside quotes.  Numbers stay numbers. */
    int formula = (flags & MC_CSV_FORMULA_SAFE) && *s && strchr("=+-@\t\r", *s) &&
                  !plain_number(s);
    char special[] = {sep, ',', '"', '\r', '\n', '\0'};
    if (!formula && !strpbrk(s, special)) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    if (formula)
        fputc('\'', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}
