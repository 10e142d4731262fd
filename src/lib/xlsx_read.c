/*
 * xlsx_read.c - one worksheet of an .xlsx workbook as rows of text cells,
 * with libzip (the archive) and expat (the XML parts).
 *
 * Element names are read with their namespace ("...main|c") and compared
 * by local name, so that workbooks whose writer puts a prefix on every
 * element (<x:c>) read as Excel's own.
 */
#include "mealcheck/xlsx_read.h"

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "mealcheck/text.h"

/* A part larger than this is no school's menu: refuse it rather than
 * inflate a ZIP bomb into memory. */
#define PART_MAX ((zip_uint64_t)256 << 20)
/* Excel's largest sheet: XFD1048576. */
#define MAX_COLS 16384L
#define MAX_ROWS 1048576L

/* The text of an empty cell; never freed. */
static char empty_cell[1];

struct text {
    char *p;
    size_t len, cap;
};

struct reader {
    const char *name;        /* the file, for messages */
    char display[512];       /* "name[Sheet]" once the sheet is known */
    struct mc_err *err;
    XML_Parser parser;
    mc_code rc;              /* a failure inside a handler */
    const char *part;        /* the part being parsed */
    /* xl/workbook.xml */
    char **sheet_names, **sheet_rids;
    size_t n_sheets;
    /* xl/_rels/workbook.xml.rels */
    const char *want_rid;
    char *target;
    /* xl/sharedStrings.xml */
    char **sst;
    size_t n_sst, cap_sst;
    /* the text being collected and where */
    struct text text;
    int in_t, in_rph, in_v, in_is;
    /* the worksheet */
    struct mc_sheet *sheet;
    size_t cap_rows;
    long row, col;
    char type[16];
    char **cells;            /* the current row; NULL where empty */
    size_t n_cells, cap_cells;
};

static void fail_nomem(struct reader *R)
{
    if (!R->rc)
        R->rc = mc_err_set(R->err, MC_ERR_NOMEM, "%s: out of memory", R->name);
    XML_StopParser(R->parser, XML_FALSE);
}

static void text_add(struct reader *R, const char *s, size_t n)
{
    struct text *t = &R->text;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *p = realloc(t->p, cap);
        if (!p) {
            fail_nomem(R);
            return;
        }
        t->p = p;
        t->cap = cap;
    }
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
}

static void text_clear(struct reader *R)
{
    R->text.len = 0;
    if (R->text.p)
        R->text.p[0] = '\0';
}

/* Grow *p, an array of n elements of size bytes, to hold one more. */
static int grow(void *pp, size_t n, size_t *cap, size_t size)
{
    void **p = pp;
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 16;
    void *q = realloc(*p, c * size);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

static const char *local_name(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (!strcmp(local_name(atts[i]), name))
            return atts[i + 1];
    return NULL;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    struct reader *R = ud;
    if (R->in_v || (R->in_t && !R->in_rph))
        text_add(R, s, (size_t)len);
}

/* Read the part whole into *data (NUL-terminated); 0 when the workbook
 * has no such part, -1 after recording an error. */
static int read_part(struct reader *R, zip_t *z, const char *part, char **data,
                     size_t *len)
{
    *data = NULL;
    *len = 0;
    zip_stat_t st;
    zip_int64_t idx = zip_name_locate(z, part, 0);
    if (idx < 0)
        return 0;
    if (zip_stat_index(z, (zip_uint64_t)idx, 0, &st) || !(st.valid & ZIP_STAT_SIZE)) {
        mc_err_set(R->err, MC_ERR_INPUT, "%s: %s: cannot read it: %s; expected "
                   "an Excel workbook (.xlsx)", R->name, part, zip_strerror(z));
        return -1;
    }
    if (st.size > PART_MAX) {
        mc_err_set(R->err, MC_ERR_INPUT, "%s: %s: %llu bytes unpacked, more than "
                   "mealcheck reads (256 MiB)", R->name, part,
                   (unsigned long long)st.size);
        return -1;
    }
    char *buf = malloc((size_t)st.size + 1);
    zip_file_t *f = buf ? zip_fopen_index(z, (zip_uint64_t)idx, 0) : NULL;
    zip_int64_t got = f ? zip_fread(f, buf, st.size) : -1;
    if (f)
        zip_fclose(f);
    if (!buf) {
        mc_err_set(R->err, MC_ERR_NOMEM, "%s: out of memory", R->name);
        return -1;
    }
    if (got < 0 || (zip_uint64_t)got != st.size) {
        free(buf);
        mc_err_set(R->err, MC_ERR_INPUT, "%s: %s: cannot unpack it: %s; "
                   "expected an Excel workbook (.xlsx)", R->name, part,
                   zip_strerror(z));
        return -1;
    }
    buf[st.size] = '\0';
    *data = buf;
    *len = (size_t)st.size;
    return 1;
}

/* Parse a part with the handlers; errors name the part, line and column. */
static mc_code parse(struct reader *R, zip_t *z, const char *part, int required,
                     XML_StartElementHandler start, XML_EndElementHandler end)
{
    char *data;
    size_t len;
    int got = read_part(R, z, part, &data, &len);
    if (got < 0)
        return R->err->code;
    if (got == 0)
        return required ? mc_err_set(R->err, MC_ERR_INPUT, "%s: no %s in the "
                                     "archive; expected an Excel workbook (.xlsx)",
                                     R->name, part)
                        : MC_OK;
    R->parser = XML_ParserCreateNS(NULL, '|');
    if (!R->parser) {
        free(data);
        return mc_err_set(R->err, MC_ERR_NOMEM, "%s: out of memory", R->name);
    }
    R->part = part;
    XML_SetUserData(R->parser, R);
    XML_SetElementHandler(R->parser, start, end);
    XML_SetCharacterDataHandler(R->parser, on_text);
    if (XML_Parse(R->parser, data, (int)len, 1) == XML_STATUS_ERROR && !R->rc)
        R->rc = mc_err_set(R->err, MC_ERR_INPUT, "%s: %s:%lu:%lu: %s; expected "
                           "an Excel workbook (.xlsx)", R->name, part,
                           (unsigned long)XML_GetCurrentLineNumber(R->parser),
                           (unsigned long)XML_GetCurrentColumnNumber(R->parser) + 1,
                           XML_ErrorString(XML_GetErrorCode(R->parser)));
    XML_ParserFree(R->parser);
    R->parser = NULL;
    free(data);
    return R->rc;
}

/* ---- xl/workbook.xml: the sheets in tab order ---- */

static void XMLCALL workbook_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    struct reader *R = ud;
    if (strcmp(local_name(el), "sheet"))
        return;
    const char *name = attr(atts, "name"), *rid = attr(atts, "id");
    size_t i = R->n_sheets; /* grown one at a time: workbooks have few sheets */
    char **n = realloc(R->sheet_names, (i + 1) * sizeof *n);
    if (n)
        R->sheet_names = n;
    char **r = n ? realloc(R->sheet_rids, (i + 1) * sizeof *r) : NULL;
    if (r)
        R->sheet_rids = r;
    if (!n || !r) {
        fail_nomem(R);
        return;
    }
    R->sheet_names[i] = strdup(name ? name : "");
    R->sheet_rids[i] = strdup(rid ? rid : "");
    R->n_sheets++;
    if (!R->sheet_names[i] || !R->sheet_rids[i])
        fail_nomem(R);
}

static void XMLCALL no_end(void *ud, const XML_Char *el)
{
    (void)ud;
    (void)el;
}

/* ---- xl/_rels/workbook.xml.rels: which part holds the sheet ---- */

static void XMLCALL rels_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    struct reader *R = ud;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
    if (strcmp(local_name(el), "Relationship") || !id || !target || R->target ||
        strcmp(id, R->want_rid))
        return;
    /* Targets are relative to xl/, or absolute from the archive's root. */
    size_t n = strlen(target) + 4;
    if (!(R->target = malloc(n)))
        fail_nomem(R);
    else if (target[0] == '/')
        snprintf(R->target, n, "%s", target + 1);
    else
        snprintf(R->target, n, "xl/%s", target);
}

/* ---- xl/sharedStrings.xml: <si> items, rich text runs joined, phonetic
 * runs (<rPh>) left out ---- */

static void XMLCALL sst_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    struct reader *R = ud;
    (void)atts;
    const char *n = local_name(el);
    if (!strcmp(n, "si"))
        text_clear(R);
    else if (!strcmp(n, "t"))
        R->in_t = 1;
    else if (!strcmp(n, "rPh"))
        R->in_rph = 1;
}

static void XMLCALL sst_end(void *ud, const XML_Char *el)
{
    struct reader *R = ud;
    const char *n = local_name(el);
    if (!strcmp(n, "t"))
        R->in_t = 0;
    else if (!strcmp(n, "rPh"))
        R->in_rph = 0;
    else if (strcmp(n, "si"))
        return;
    else if (grow(&R->sst, R->n_sst, &R->cap_sst, sizeof *R->sst) ||
             !(R->sst[R->n_sst] = strdup(R->text.p ? R->text.p : "")))
        fail_nomem(R);
    else
        R->n_sst++;
}

/* ---- the worksheet ---- */

/* Column of a cell reference ("C14" -> 3); 0 when it has no letters. */
static long ref_col(const char *ref)
{
    long col = 0;
    for (; *ref >= 'A' && *ref <= 'Z' && col <= MAX_COLS; ref++)
        col = col * 26 + (*ref - 'A' + 1);
    return col;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    struct reader *R = ud;
    const char *n = local_name(el);
    if (!strcmp(n, "row")) {
        const char *r = attr(atts, "r");
        R->row = r ? strtol(r, NULL, 10) : R->row + 1;
        R->col = 0;
        for (size_t i = 0; i < R->n_cells; i++)
            R->cells[i] = NULL;
        R->n_cells = 0;
    } else if (!strcmp(n, "c")) {
        const char *r = attr(atts, "r"), *t = attr(atts, "t");
        R->col = r && ref_col(r) > 0 ? ref_col(r) : R->col + 1;
        snprintf(R->type, sizeof R->type, "%s", t ? t : "n");
        text_clear(R);
    } else if (!strcmp(n, "v")) {
        R->in_v = 1;
    } else if (!strcmp(n, "is")) {
        R->in_is = 1;
    } else if (!strcmp(n, "t")) {
        R->in_t = R->in_is;
    } else if (!strcmp(n, "rPh")) {
        R->in_rph = 1;
    }
}

/* The text a cell displays, from its type and collected text (in buf). */
static const char *display(struct reader *R, char *num, size_t size)
{
    const char *v = R->text.p ? R->text.p : "";
    if (!strcmp(R->type, "s")) {
        char *end;
        unsigned long i = strtoul(v, &end, 10);
        if (end == v || *end || i >= R->n_sst) {
            R->rc = mc_err_at(R->err, MC_ERR_INPUT, R->display, R->row, R->col,
                              "shared string '%s' does not exist; expected an "
                              "index below %zu", v, R->n_sst);
            XML_StopParser(R->parser, XML_FALSE);
            return "";
        }
        return R->sst[i];
    }
    if (!strcmp(R->type, "b"))
        return !strcmp(v, "1") ? "TRUE" : "FALSE";
    if (strcmp(R->type, "n") || !*v)
        return v; /* inlineStr, str (a formula's text), e (#N/A), d (ISO date) */
    /* Excel keeps 17 digits and shows 15: 0.30000000000000004 is 0.3. */
    char *end;
    double d = strtod(v, &end);
    if (*end)
        return v;
    snprintf(num, size, "%.15g", d);
    return num;
}

static char *trimmed_dup(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
                 s[n - 1] == '\r'))
        n--;
    if (n == 0)
        return empty_cell;
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static void end_cell(struct reader *R)
{
    char num[64];
    const char *shown = display(R, num, sizeof num);
    if (R->rc)
        return;
    if (R->col > MAX_COLS || R->row < 1 || R->row > MAX_ROWS) {
        R->rc = mc_err_at(R->err, MC_ERR_INPUT, R->display, R->row, R->col,
                          "a cell outside Excel's sheet (XFD1048576)");
        XML_StopParser(R->parser, XML_FALSE);
        return;
    }
    char *cell = trimmed_dup(shown);
    if (!cell) {
        fail_nomem(R);
        return;
    }
    if (cell == empty_cell)
        return;
    size_t col = (size_t)R->col;
    while (R->n_cells < col) {
        if (grow(&R->cells, R->n_cells, &R->cap_cells, sizeof *R->cells)) {
            free(cell);
            fail_nomem(R);
            return;
        }
        R->cells[R->n_cells++] = NULL;
    }
    if (R->cells[col - 1] && R->cells[col - 1] != empty_cell)
        free(R->cells[col - 1]); /* a cell written twice: the last counts */
    R->cells[col - 1] = cell;
}

static void end_row(struct reader *R)
{
    struct mc_sheet *s = R->sheet;
    if (R->n_cells == 0)
        return;
    char **cells = malloc(R->n_cells * sizeof *cells);
    if (!cells || grow(&s->rows, s->n_rows, &R->cap_rows, sizeof *s->rows)) {
        free(cells);
        fail_nomem(R);
        return;
    }
    for (size_t i = 0; i < R->n_cells; i++) {
        cells[i] = R->cells[i] ? R->cells[i] : empty_cell;
        R->cells[i] = NULL;
    }
    s->rows[s->n_rows++] = (struct mc_sheet_row){R->row, R->n_cells, cells};
    R->n_cells = 0;
}

static void XMLCALL sheet_end(void *ud, const XML_Char *el)
{
    struct reader *R = ud;
    const char *n = local_name(el);
    if (!strcmp(n, "c"))
        end_cell(R);
    else if (!strcmp(n, "row"))
        end_row(R);
    else if (!strcmp(n, "v"))
        R->in_v = 0;
    else if (!strcmp(n, "is"))
        R->in_is = 0;
    else if (!strcmp(n, "t"))
        R->in_t = 0;
    else if (!strcmp(n, "rPh"))
        R->in_rph = 0;
}

/* ---- putting it together ---- */

/* An .ods is a ZIP too; its first entry "mimetype" says so. */
static int is_ods(struct reader *R, zip_t *z)
{
    char *data;
    size_t len;
    if (read_part(R, z, "mimetype", &data, &len) <= 0)
        return 0;
    int ods = strstr(data, "opendocument") != NULL;
    free(data);
    return ods;
}

static mc_code pick_sheet(struct reader *R, const char *want, size_t *which)
{
    for (size_t i = 0; i < R->n_sheets; i++)
        if (!want || mc_text_equal_fold(R->sheet_names[i], want)) {
            *which = i;
            return MC_OK;
        }
    if (!want)
        return mc_err_set(R->err, MC_ERR_INPUT, "%s: the workbook has no "
                          "sheets; expected an Excel workbook (.xlsx)", R->name);
    char list[1024] = "";
    size_t len = 0;
    for (size_t i = 0; i < R->n_sheets && len < sizeof list; i++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s'%s'",
                                i ? ", " : "", R->sheet_names[i]);
    return mc_err_set(R->err, MC_ERR_INPUT, "%s: no sheet '%s'; the sheets are %s",
                      R->name, want, list);
}

static mc_code read_workbook(struct reader *R, zip_t *z, const char *want)
{
    mc_code rc;
    if (is_ods(R, z))
        return mc_err_set(R->err, MC_ERR_INPUT, "%s: an OpenDocument spreadsheet "
                          "(.ods) cannot be read; expected an Excel workbook "
                          "(.xlsx) or CSV UTF-8: save it as \"Excel 2007-365 "
                          "(.xlsx)\" or as \"Text CSV\" in UTF-8", R->name);
    size_t which = 0;
    if ((rc = parse(R, z, "xl/workbook.xml", 1, workbook_start, no_end)) ||
        (rc = pick_sheet(R, want, &which)))
        return rc;
    snprintf(R->display, sizeof R->display, "%s[%s]", R->name,
             R->sheet_names[which]);
    R->want_rid = R->sheet_rids[which];
    if ((rc = parse(R, z, "xl/_rels/workbook.xml.rels", 1, rels_start, no_end)))
        return rc;
    if (!R->target)
        return mc_err_set(R->err, MC_ERR_INPUT, "%s: the workbook does not say "
                          "which part holds sheet '%s'; expected an Excel "
                          "workbook (.xlsx)", R->name, R->sheet_names[which]);
    if ((rc = parse(R, z, "xl/sharedStrings.xml", 0, sst_start, sst_end)))
        return rc;
    R->in_t = R->in_rph = 0;
    if (!(R->sheet = calloc(1, sizeof *R->sheet)) ||
        !(R->sheet->name = strdup(R->sheet_names[which])))
        return mc_err_set(R->err, MC_ERR_NOMEM, "%s: out of memory", R->name);
    return parse(R, z, R->target, 1, sheet_start, sheet_end);
}

mc_code mc_xlsx_read(const char *name, const void *data, size_t len,
                     const char *sheet, struct mc_sheet **out,
                     struct mc_err *err)
{
    *out = NULL;
    struct reader R = {.name = name, .err = err};
    snprintf(R.display, sizeof R.display, "%s", name);
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    mc_code rc;
    if (!z) {
        rc = mc_err_set(err, MC_ERR_INPUT, "%s: not a readable ZIP archive (%s); "
                        "expected an Excel workbook (.xlsx) or CSV UTF-8", name,
                        zip_error_strerror(&ze));
        zip_source_free(src);
    } else {
        rc = read_workbook(&R, z, sheet);
        zip_discard(z);
    }
    zip_error_fini(&ze);
    if (rc == MC_OK) {
        *out = R.sheet;
        R.sheet = NULL;
    }
    mc_sheet_free(R.sheet);
    for (size_t i = 0; i < R.n_sheets; i++) {
        free(R.sheet_names[i]);
        free(R.sheet_rids[i]);
    }
    free(R.sheet_names);
    free(R.sheet_rids);
    for (size_t i = 0; i < R.n_sst; i++)
        free(R.sst[i]);
    free(R.sst);
    for (size_t i = 0; i < R.n_cells; i++)
        if (R.cells[i] != empty_cell)
            free(R.cells[i]);
    free(R.cells);
    free(R.target);
    free(R.text.p);
    return rc;
}

void mc_sheet_free(struct mc_sheet *sheet)
{
    if (!sheet)
        return;
    for (size_t r = 0; r < sheet->n_rows; r++) {
        for (size_t i = 0; i < sheet->rows[r].n; i++)
            if (sheet->rows[r].cells[i] != empty_cell)
                free(sheet->rows[r].cells[i]);
        free(sheet->rows[r].cells);
    }
    free(sheet->rows);
    free(sheet->name);
    free(sheet);
}

enum mc_sheet_format mc_sheet_sniff(const void *data, size_t len)
{
    const unsigned char *b = data;
    if (len >= 4 && !memcmp(b, "PK\x03\x04", 4))
        return MC_SHEET_ZIP;
    if (len >= 8 && !memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        return MC_SHEET_OLE2;
    return MC_SHEET_TEXT;
}
