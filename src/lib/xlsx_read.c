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

#include "array.h"
#include "mealcheck/i18n.h"
#include "mealcheck/text.h"

/* Excel's largest sheet: XFD1048576. */
#define MAX_COLS 16384L
#define MAX_ROWS 1048576L
/* Text is kept in blocks of this size (a longer string gets its own). */
#define BLOCK_SIZE ((size_t)64 << 10)

/* The text of an empty cell; never freed. */
static char empty_cell[1];

/* The text of a sheet's cells, in blocks freed together: a cell points
 * into them, so a shared string or a merged value is kept once. */
struct block {
    struct block *next;
    size_t used, cap;
    char data[];
};

struct mc_sheet_text {
    struct block *blocks;
};

struct text {
    char *p;
    size_t len, cap;
};

/* A cell of the row being read, with its place among the row's cells, so
 * that of a cell written twice the last counts. */
struct pending {
    long col;
    size_t seq;
    const char *text;
};

/* A merged range of cells, A2:A6 as r1 = 2, c1 = 1, r2 = 6, c2 = 1. */
struct range {
    long r1, c1, r2, c2;
};

struct reader {
    const char *name;        /* the file, for messages */
    char display[512];       /* "name[Sheet]" once the sheet is known */
    struct mc_err *err;
    XML_Parser parser;
    mc_code rc;              /* a failure inside a handler */
    const char *part;        /* the part being parsed */
    /* the budget and what has been spent of it */
    size_t max_bytes, max_cells, bytes, spent_cells;
    /* xl/workbook.xml */
    char **sheet_names, **sheet_rids;
    size_t n_sheets;
    /* xl/_rels/workbook.xml.rels */
    const char *want_rid;
    char *target;
    /* xl/sharedStrings.xml, kept in the sheet's text */
    char **sst;
    size_t n_sst, cap_sst;
    /* the text being collected and where */
    struct text text;
    int in_t, in_rph, in_v, in_is, in_row, in_cell;
    /* the worksheet */
    struct mc_sheet *sheet;
    size_t cap_rows;
    long row, col;
    char type[16];
    struct pending *cells;   /* the current row's non-empty cells, as read */
    size_t n_cells, cap_cells;
    struct range *merges;
    size_t n_merges, cap_merges;
};

static void fail_nomem(struct reader *R)
{
    if (!R->rc)
        R->rc = mc_err_set(R->err, MC_ERR_NOMEM, "%s: out of memory", R->name);
    XML_StopParser(R->parser, XML_FALSE);
}

/* Record an error at the parser's place in the part ("name[Sheet]:
 * xl/worksheets/sheet1.xml:1:60: <row> inside ..."), and stop it. */
static void fail_structure(struct reader *R, const char *el, const char *open,
                           const char *ref)
{
    if (!R->rc) {
        char where[640];
        snprintf(where, sizeof where, "%s: %s", R->display, R->part);
        long line = (long)XML_GetCurrentLineNumber(R->parser);
        long col = (long)XML_GetCurrentColumnNumber(R->parser) + 1;
        R->rc = ref ? mc_err_at(R->err, MC_ERR_INPUT, where, line, col,
                                N_("merged range '%s' is not a range of cells; "
                                   "expected one such as A2:A6 within XFD1048576"),
                                ref)
                    : mc_err_at(R->err, MC_ERR_INPUT, where, line, col,
                                N_("<%s> inside an unfinished <%s>; expected cells "
                                   "inside rows: <row><c>...</c></row>"), el, open);
    }
    XML_StopParser(R->parser, XML_FALSE);
}

/* A copy of s[0..n) in the sheet's text, NUL-terminated; NULL when out
 * of memory. */
static char *keep_text(struct mc_sheet_text *t, const char *s, size_t n)
{
    struct block *b = t->blocks;
    if (!b || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > BLOCK_SIZE ? n + 1 : BLOCK_SIZE;
        struct block *nb = malloc(sizeof *nb + cap);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->cap = cap;
        /* A long string's own block goes behind the one being filled. */
        if (b && cap > BLOCK_SIZE) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            t->blocks = nb;
        }
        b = nb;
    }
    char *d = b->data + b->used;
    memcpy(d, s, n);
    d[n] = '\0';
    b->used += n + 1;
    return d;
}

/* s without surrounding blanks, kept in the sheet's text; empty_cell when
 * nothing is left, NULL when out of memory. */
static char *keep_trimmed(struct reader *R, const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
                 s[n - 1] == '\r'))
        n--;
    return n ? keep_text(R->sheet->text, s, n) : empty_cell;
}

/* "64 MiB" or "1000 bytes", for the budget in messages. */
static const char *size_text(size_t n, char *buf, size_t size)
{
    if (n % ((size_t)1 << 20) == 0)
        snprintf(buf, size, "%zu MiB", n >> 20);
    else
        snprintf(buf, size, "%zu bytes", n);
    return buf;
}

static mc_code over_bytes(struct reader *R, const char *part)
{
    char limit[64];
    size_text(R->max_bytes, limit, sizeof limit);
    return mc_err_set(R->err, MC_ERR_INPUT, N_("%s: %s: more than %s unpacked; "
                      "mealcheck reads at most %s of a workbook"), R->display,
                      part, limit, limit);
}

/* Spend n cells of the budget; 0, or -1 after recording the error. */
static int spend_cells(struct reader *R, size_t n, long line)
{
    if (n <= R->max_cells - R->spent_cells) {
        R->spent_cells += n;
        return 0;
    }
    if (!R->rc)
        R->rc = mc_err_at(R->err, MC_ERR_INPUT, R->display, line, 0,
                          N_("more than %zu cells; mealcheck reads at most %zu "
                             "cells of a sheet"), R->max_cells, R->max_cells);
    return -1;
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

/* Parse a part with the handlers as it is unpacked, within the budget of
 * bytes; errors name the part, line and column. */
static mc_code parse(struct reader *R, zip_t *z, const char *part, int required,
                     XML_StartElementHandler start, XML_EndElementHandler end)
{
    zip_int64_t idx = zip_name_locate(z, part, 0);
    if (idx < 0)
        return required ? mc_err_set(R->err, MC_ERR_INPUT, "%s: no %s in the "
                                     "archive; expected an Excel workbook (.xlsx)",
                                     R->name, part)
                        : MC_OK;
    zip_stat_t st;
    if (zip_stat_index(z, (zip_uint64_t)idx, 0, &st) || !(st.valid & ZIP_STAT_SIZE))
        return mc_err_set(R->err, MC_ERR_INPUT, "%s: %s: cannot read it: %s; "
                          "expected an Excel workbook (.xlsx)", R->name, part,
                          zip_strerror(z));
    /* Refused before a byte is unpacked when the archive says so. */
    if (st.size > R->max_bytes - R->bytes)
        return over_bytes(R, part);
    zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
    if (!f)
        return mc_err_set(R->err, MC_ERR_INPUT, "%s: %s: cannot unpack it: %s; "
                          "expected an Excel workbook (.xlsx)", R->name, part,
                          zip_strerror(z));
    R->parser = XML_ParserCreateNS(NULL, '|');
    if (!R->parser) {
        zip_fclose(f);
        return mc_err_set(R->err, MC_ERR_NOMEM, "%s: out of memory", R->name);
    }
    R->part = part;
    XML_SetUserData(R->parser, R);
    XML_SetElementHandler(R->parser, start, end);
    XML_SetCharacterDataHandler(R->parser, on_text);
    char buf[16384];
    for (;;) {
        zip_int64_t got = zip_fread(f, buf, sizeof buf);
        if (got < 0) {
            R->rc = mc_err_set(R->err, MC_ERR_INPUT, "%s: %s: cannot unpack it: "
                               "%s; expected an Excel workbook (.xlsx)", R->name,
                               part, zip_file_strerror(f));
            break;
        }
        if ((size_t)got > R->max_bytes - R->bytes) {
            R->rc = over_bytes(R, part);
            break;
        }
        R->bytes += (size_t)got;
        if (XML_Parse(R->parser, buf, (int)got, got == 0) == XML_STATUS_ERROR) {
            if (!R->rc)
                R->rc = mc_err_set(R->err, MC_ERR_INPUT, "%s: %s:%lu:%lu: %s; "
                                   "expected an Excel workbook (.xlsx)", R->name,
                                   part,
                                   (unsigned long)XML_GetCurrentLineNumber(R->parser),
                                   (unsigned long)XML_GetCurrentColumnNumber(R->parser) + 1,
                                   XML_ErrorString(XML_GetErrorCode(R->parser)));
            break;
        }
        if (got == 0 || R->rc)
            break;
    }
    zip_fclose(f);
    XML_ParserFree(R->parser);
    R->parser = NULL;
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
    else if (mc_array_reserve(&R->sst, &R->cap_sst, R->n_sst + 1, sizeof *R->sst, 16) ||
             !(R->sst[R->n_sst] = keep_trimmed(R, R->text.p ? R->text.p : "")))
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

/* A cell reference inside Excel's sheet ("A2"), read from *s onwards. */
static int parse_ref(const char **s, long *row, long *col)
{
    *col = ref_col(*s);
    while (**s >= 'A' && **s <= 'Z')
        (*s)++;
    *row = 0;
    const char *digits = *s;
    for (; **s >= '0' && **s <= '9' && *row <= MAX_ROWS; (*s)++)
        *row = *row * 10 + (**s - '0');
    return *s > digits && *col >= 1 && *col <= MAX_COLS && *row >= 1 &&
           *row <= MAX_ROWS ? 0 : -1;
}

/* <mergeCell ref="A2:A6"/>: kept, and spread when the cells are read. */
static void merge_cell(struct reader *R, const char *ref)
{
    struct range g;
    const char *s = ref ? ref : "";
    if (parse_ref(&s, &g.r1, &g.c1) || *s++ != ':' || parse_ref(&s, &g.r2, &g.c2) ||
        *s || g.r2 < g.r1 || g.c2 < g.c1) {
        fail_structure(R, NULL, NULL, ref ? ref : "");
        return;
    }
    if (mc_array_reserve(&R->merges, &R->cap_merges, R->n_merges + 1, sizeof *R->merges, 16))
        fail_nomem(R);
    else
        R->merges[R->n_merges++] = g;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    struct reader *R = ud;
    const char *n = local_name(el);
    if (!strcmp(n, "row")) {
        /* A row inside a row or a cell would mix their cells. */
        if (R->in_row) {
            fail_structure(R, "row", R->in_cell ? "c" : "row", NULL);
            return;
        }
        const char *r = attr(atts, "r");
        R->row = r ? strtol(r, NULL, 10) : R->row <= MAX_ROWS ? R->row + 1 : R->row;
        R->col = 0;
        R->in_row = 1;
    } else if (!strcmp(n, "c")) {
        if (!R->in_row || R->in_cell) {
            fail_structure(R, "c", R->in_cell ? "c" : "sheetData", NULL);
            return;
        }
        const char *r = attr(atts, "r"), *t = attr(atts, "t");
        long col = r ? ref_col(r) : 0;
        R->col = col > 0 ? col : R->col + 1;
        snprintf(R->type, sizeof R->type, "%s", t ? t : "n");
        text_clear(R);
        R->in_cell = 1;
    } else if (!strcmp(n, "v")) {
        R->in_v = 1;
    } else if (!strcmp(n, "is")) {
        R->in_is = 1;
    } else if (!strcmp(n, "t")) {
        R->in_t = R->in_is;
    } else if (!strcmp(n, "rPh")) {
        R->in_rph = 1;
    } else if (!strcmp(n, "mergeCell")) {
        merge_cell(R, attr(atts, "ref"));
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

static void end_cell(struct reader *R)
{
    char num[64];
    R->in_cell = 0;
    const char *shown = display(R, num, sizeof num);
    if (R->rc)
        return;
    if (R->col < 1 || R->col > MAX_COLS || R->row < 1 || R->row > MAX_ROWS) {
        R->rc = mc_err_at(R->err, MC_ERR_INPUT, R->display, R->row, R->col,
                          "a cell outside Excel's sheet (XFD1048576)");
        XML_StopParser(R->parser, XML_FALSE);
        return;
    }
    /* A shared string is kept trimmed, once: its cells point to it. */
    char *cell = !strcmp(R->type, "s") ? (char *)shown : keep_trimmed(R, shown);
    if (!cell) {
        fail_nomem(R);
        return;
    }
    if (cell == empty_cell || !*cell)
        return;
    /* Every cell read is spent, a cell written twice too: the row being
     * read is bounded by the budget as the rows kept are. */
    if (spend_cells(R, 1, R->row)) {
        XML_StopParser(R->parser, XML_FALSE);
        return;
    }
    if (mc_array_reserve(&R->cells, &R->cap_cells, R->n_cells + 1, sizeof *R->cells, 16)) {
        fail_nomem(R);
        return;
    }
    R->cells[R->n_cells] = (struct pending){R->col, R->n_cells, cell};
    R->n_cells++;
}

static int by_col_then_seq(const void *a, const void *b)
{
    const struct pending *x = a, *y = b;
    if (x->col != y->col)
        return (x->col > y->col) - (x->col < y->col);
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static void end_row(struct reader *R)
{
    struct mc_sheet *s = R->sheet;
    struct pending *p = R->cells;
    size_t n = R->n_cells;
    R->in_row = 0;
    R->n_cells = 0;
    if (n == 0)
        return;
    /* Excel writes a row's cells by column; others may not. */
    for (size_t i = 1; i < n; i++)
        if (p[i - 1].col >= p[i].col) {
            qsort(p, n, sizeof *p, by_col_then_seq);
            break;
        }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (i + 1 == n || p[i + 1].col != p[i].col)
            kept++; /* a cell written twice: the last counts */
    struct mc_sheet_cell *cells = malloc(kept * sizeof *cells);
    if (!cells ||
        mc_array_reserve(&s->rows, &R->cap_rows, s->n_rows + 1, sizeof *s->rows, 16)) {
        free(cells);
        fail_nomem(R);
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (i + 1 == n || p[i + 1].col != p[i].col)
            cells[k++] = (struct mc_sheet_cell){p[i].col, p[i].text};
    s->rows[s->n_rows++] = (struct mc_sheet_row){R->row, kept, cells};
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

/* ---- merged cells: the top-left value over the whole range ---- */

static int by_line(const void *a, const void *b)
{
    const struct mc_sheet_row *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

/* Sort rows by line, stably (a merge sort: rows of one line keep their
 * order, and no input makes it quadratic); -1 when out of memory. */
static int sort_rows(struct mc_sheet_row *rows, size_t n)
{
    struct mc_sheet_row *tmp = malloc(n * sizeof *tmp);
    if (!tmp)
        return -1;
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid || j < hi)
                tmp[k++] = j == hi || (i < mid && by_line(&rows[i], &rows[j]) <= 0)
                               ? rows[i++] : rows[j++];
        }
        memcpy(rows, tmp, n * sizeof *rows);
    }
    free(tmp);
    return 0;
}

/* The first row of the sheet (sorted by line) at line, or NULL. */
static struct mc_sheet_row *find_row(struct mc_sheet *s, long line)
{
    size_t lo = 0, hi = s->n_rows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->rows[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n_rows && s->rows[lo].line == line ? &s->rows[lo] : NULL;
}

/* The text of column col in row, or empty_cell. */
static const char *cell_at(const struct mc_sheet_row *row, long col)
{
    size_t lo = 0, hi = row ? row->n : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (row->cells[mid].col < col)
            lo = mid + 1;
        else
            hi = mid;
    }
    return row && lo < row->n && row->cells[lo].col == col ? row->cells[lo].text
                                                            : empty_cell;
}

/* A cell a merged range spreads its value over; seq is the range's place
 * in the file, the later range winning where two overlap. */
struct spread {
    long line, col;
    size_t seq;
    const char *text;
};

static int by_place(const void *a, const void *b)
{
    const struct spread *x = a, *y = b;
    if (x->line != y->line)
        return (x->line > y->line) - (x->line < y->line);
    if (x->col != y->col)
        return (x->col > y->col) - (x->col < y->col);
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The cells of row (NULL: none) with the spread cells sp[0..n) of its
 * line over them, by column, into *out; -1 when out of memory. */
static int spread_row(const struct mc_sheet_row *row, const struct spread *sp,
                      size_t n, struct mc_sheet_row *out)
{
    size_t have = row ? row->n : 0;
    struct mc_sheet_cell *cells = malloc((have + n) * sizeof *cells);
    if (!cells)
        return -1;
    size_t i = 0, j = 0, k = 0;
    while (i < have || j < n) {
        if (j < n && j + 1 < n && sp[j + 1].col == sp[j].col) {
            j++; /* two ranges over one cell: the later counts */
        } else if (j < n && (i == have || sp[j].col <= row->cells[i].col)) {
            if (i < have && row->cells[i].col == sp[j].col)
                i++;
            cells[k++] = (struct mc_sheet_cell){sp[j].col, sp[j].text};
            j++;
        } else {
            cells[k++] = row->cells[i++];
        }
    }
    *out = (struct mc_sheet_row){row ? row->line : sp[0].line, k, cells};
    return 0;
}

/* Spread each merged range's value over its cells.  Each range spreads
 * the value its top-left cell has in the file, not one another range
 * spread there (ranges may overlap, though Excel writes none that do).
 * Each cell covered is spent from the budget before it is stored. */
static mc_code spread_merges(struct reader *R)
{
    struct mc_sheet *s = R->sheet;
    struct spread *sp = NULL;
    size_t n = 0, cap = 0;
    mc_code rc = MC_OK;
    for (size_t m = 0; m < R->n_merges && !rc; m++) {
        const struct range *g = &R->merges[m];
        const char *value = cell_at(find_row(s, g->r1), g->c1);
        if (!*value)
            continue;
        /* At most 1,048,576 x 16,384 cells: no overflow in size_t. */
        size_t area = (size_t)(g->r2 - g->r1 + 1) * (size_t)(g->c2 - g->c1 + 1);
        if (spend_cells(R, area, g->r1)) {
            rc = R->rc;
            break;
        }
        for (long line = g->r1; line <= g->r2 && !rc; line++)
            for (long c = g->c1; c <= g->c2; c++) {
                if (mc_array_reserve(&sp, &cap, n + 1, sizeof *sp, 16)) {
                    rc = mc_err_set(R->err, MC_ERR_NOMEM, "%s: out of memory", R->name);
                    break;
                }
                sp[n++] = (struct spread){line, c, m, value};
            }
    }
    if (rc || n == 0) {
        free(sp);
        return rc;
    }
    qsort(sp, n, sizeof *sp, by_place);
    /* A line with a row gets the spread cells in its (first) row; the
     * others get rows of their own, put in line order after. */
    struct mc_sheet_row *extra = NULL;
    size_t n_extra = 0, cap_extra = 0;
    for (size_t j = 0, end; j < n && !rc; j = end) {
        for (end = j; end < n && sp[end].line == sp[j].line; end++)
            ;
        struct mc_sheet_row *row = find_row(s, sp[j].line);
        struct mc_sheet_row done;
        if ((!row && mc_array_reserve(&extra, &cap_extra, n_extra + 1, sizeof *extra, 16)) ||
            spread_row(row, sp + j, end - j, &done)) {
            rc = mc_err_set(R->err, MC_ERR_NOMEM, "%s: out of memory", R->name);
        } else if (row) {
            free(row->cells);
            *row = done;
        } else {
            extra[n_extra++] = done;
        }
    }
    free(sp);
    struct mc_sheet_row *rows = NULL;
    if (!rc && n_extra && !(rows = malloc((s->n_rows + n_extra) * sizeof *rows)))
        rc = mc_err_set(R->err, MC_ERR_NOMEM, "%s: out of memory", R->name);
    if (rc) {
        for (size_t e = 0; e < n_extra; e++)
            free(extra[e].cells);
        free(extra);
        return rc;
    }
    if (n_extra) {
        size_t i = 0, e = 0, k = 0;
        while (i < s->n_rows || e < n_extra)
            rows[k++] = e == n_extra || (i < s->n_rows && s->rows[i].line < extra[e].line)
                            ? s->rows[i++] : extra[e++];
        free(s->rows);
        s->rows = rows;
        s->n_rows = k;
        R->cap_rows = k;
    }
    free(extra);
    return MC_OK;
}

/* ---- putting it together ---- */

/* An .ods is a ZIP too; its first entry "mimetype" says so. */
static int is_ods(zip_t *z)
{
    char buf[128];
    zip_file_t *f = zip_fopen(z, "mimetype", 0);
    zip_int64_t got = f ? zip_fread(f, buf, sizeof buf - 1) : -1;
    if (f)
        zip_fclose(f);
    if (got < 0)
        return 0;
    buf[got] = '\0';
    return strstr(buf, "opendocument") != NULL;
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
    if (is_ods(z))
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
    /* The shared strings are kept in the sheet's text. */
    if (!(R->sheet = calloc(1, sizeof *R->sheet)) ||
        !(R->sheet->text = calloc(1, sizeof *R->sheet->text)) ||
        !(R->sheet->name = strdup(R->sheet_names[which])))
        return mc_err_set(R->err, MC_ERR_NOMEM, "%s: out of memory", R->name);
    if ((rc = parse(R, z, "xl/sharedStrings.xml", 0, sst_start, sst_end)))
        return rc;
    R->in_t = R->in_rph = R->in_v = R->in_is = 0;
    if ((rc = parse(R, z, R->target, 1, sheet_start, sheet_end)))
        return rc;
    /* Excel writes rows by line; a row out of place is put in it. */
    for (size_t i = 1; i < R->sheet->n_rows; i++)
        if (R->sheet->rows[i - 1].line > R->sheet->rows[i].line) {
            if (sort_rows(R->sheet->rows, R->sheet->n_rows))
                return mc_err_set(R->err, MC_ERR_NOMEM, "%s: out of memory",
                                  R->name);
            break;
        }
    return spread_merges(R);
}

/* The ZIP archive held in data, read in place (discard it with zip_discard). */
static mc_code open_zip(const char *name, const void *data, size_t len, zip_t **z,
                        struct mc_err *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    mc_code rc = MC_OK;
    if (!*z) {
        rc = mc_err_set(err, MC_ERR_INPUT, "%s: not a readable ZIP archive (%s); "
                        "expected an Excel workbook (.xlsx) or CSV UTF-8", name,
                        zip_error_strerror(&ze));
        zip_source_free(src);
    }
    zip_error_fini(&ze);
    return rc;
}

mc_code mc_xlsx_read(const char *name, const void *data, size_t len,
                     const char *sheet, struct mc_sheet **out,
                     struct mc_err *err)
{
    return mc_xlsx_read_limited(name, data, len, sheet, NULL, out, err);
}

mc_code mc_xlsx_read_limited(const char *name, const void *data, size_t len,
                             const char *sheet,
                             const struct mc_xlsx_limits *limits,
                             struct mc_sheet **out, struct mc_err *err)
{
    *out = NULL;
    struct reader R = {.name = name, .err = err, .max_bytes = MC_XLSX_MAX_BYTES,
                       .max_cells = MC_XLSX_MAX_CELLS};
    if (limits && limits->max_bytes)
        R.max_bytes = limits->max_bytes;
    if (limits && limits->max_cells)
        R.max_cells = limits->max_cells;
    snprintf(R.display, sizeof R.display, "%s", name);
    zip_t *z;
    mc_code rc = open_zip(name, data, len, &z, err);
    if (!rc) {
        rc = read_workbook(&R, z, sheet);
        zip_discard(z);
    }
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
    free(R.sst);
    free(R.cells);
    free(R.merges);
    free(R.target);
    free(R.text.p);
    return rc;
}

mc_code mc_xlsx_sheet_names(const char *name, const void *data, size_t len,
                            char ***names, size_t *n, struct mc_err *err)
{
    *names = NULL;
    *n = 0;
    struct reader R = {.name = name, .err = err, .max_bytes = MC_XLSX_MAX_BYTES,
                       .max_cells = MC_XLSX_MAX_CELLS};
    snprintf(R.display, sizeof R.display, "%s", name);
    zip_t *z;
    mc_code rc = open_zip(name, data, len, &z, err);
    if (!rc) {
        rc = parse(&R, z, "xl/workbook.xml", 1, workbook_start, no_end);
        zip_discard(z);
    }
    for (size_t i = 0; i < R.n_sheets; i++)
        free(R.sheet_rids[i]);
    free(R.sheet_rids);
    free(R.text.p);
    if (rc) {
        for (size_t i = 0; i < R.n_sheets; i++)
            free(R.sheet_names[i]);
        free(R.sheet_names);
        return rc;
    }
    *names = R.sheet_names;
    *n = R.n_sheets;
    return MC_OK;
}

void mc_sheet_free(struct mc_sheet *sheet)
{
    if (!sheet)
        return;
    for (size_t r = 0; r < sheet->n_rows; r++)
        free(sheet->rows[r].cells);
    free(sheet->rows);
    free(sheet->name);
    for (struct block *b = sheet->text ? sheet->text->blocks : NULL, *next; b;
         b = next) {
        next = b->next;
        free(b);
    }
    free(sheet->text);
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
