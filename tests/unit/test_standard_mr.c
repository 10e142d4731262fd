/*
 * test_standard_mr.c - the MR 2.3.1.0253-21 norm set read back out of the
 * official text.
 *
 * Every row of standards/ru_mr_2_3_1_0253_21.csv names its source cell in
 * its note: 'Table 21, row "Витамин С, мг", column "11-14 лет мальчики"'.
 * The test finds that table in standards/sources/mr-2.3.1.0253-21.garant.html,
 * the row by its label and the column by its age/sex head (colspans
 * expanded), and compares the cell with the row's value, so that no
 * transcription error can hide.  Row labels that are pictures in the source
 * (B1, B2, B6, B12, "(α-токоферол)") are named by their picture file, and
 * the mapping is checked against the children's ranges the text prints in
 * words in section 4.2.2.1.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/standard.h"

#define MR_HTML "standards/sources/mr-2.3.1.0253-21.garant.html"
#define MR_ID "ru_mr_2_3_1_0253_21"

enum { MAX_ROWS = 64, MAX_CELLS = 16, MAX_COLS = 16, TEXT = 160 };

struct cell {
    int colspan, rowspan;
    char text[TEXT];
};

struct table {
    struct cell cells[MAX_ROWS][MAX_CELLS];
    int n_cells[MAX_ROWS];
    int n_rows;
    int n_cols;                 /* value columns (after N and the label) */
    char head[MAX_COLS][TEXT];  /* "11-14 лет мальчики" */
};

/* The picture labels of Table 21, in row order, with the children's range
 * section 4.2.2.1 prints for each vitamin. */
static const struct {
    const char *pict, *name;
    double lo, hi;
} picts[] = {
    {"pict1064", "B1", 0.3, 1.5},  {"pict1065", "B2", 0.4, 1.8},
    {"pict1066", "B6", 0.4, 2.0},  {"pict1067", "B12", 0.3, 3.0},
    {"pict1068", "(α-токоферол)", 3, 15},
};

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    cr_assert(buf && fread(buf, 1, (size_t)n, f) == (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int attr_int(const char *tag, const char *end, const char *name)
{
    const char *p = strstr(tag, name);
    return p && p < end ? atoi(p + strlen(name) + 2) : 1; /* name="N" */
}

/* The text of cell markup [p, end): tags dropped, a picture replaced by
 * the name it stands for, entities decoded, spaces collapsed, no space
 * before a comma. */
static void cell_text(const char *p, const char *end, char *out)
{
    char raw[1024];
    size_t n = 0;
    while (p < end && n < sizeof raw - 32) {
        if (*p == '<') {
            const char *close = strchr(p, '>');
            for (size_t i = 0; i < sizeof picts / sizeof *picts; i++) {
                const char *pic = strstr(p, picts[i].pict);
                if (!strncmp(p, "<img", 4) && pic && pic < close)
                    n += (size_t)sprintf(raw + n, " %s ", picts[i].name);
            }
            p = close + 1;
        } else if (*p == '&') {
            static const char *const ent[][2] = {
                {"&nbsp;", " "}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&quot;", "\""}};
            size_t e = 0;
            while (e < sizeof ent / sizeof *ent && strncmp(p, ent[e][0], strlen(ent[e][0])))
                e++;
            raw[n++] = e < sizeof ent / sizeof *ent ? ent[e][1][0] : '&';
            p += e < sizeof ent / sizeof *ent ? strlen(ent[e][0]) : 1;
        } else {
            raw[n++] = *p++;
        }
    }
    raw[n] = '\0';
    size_t o = 0;
    for (char *s = raw; *s && o < TEXT - 1; s++) {
        if (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t') {
            if (o && out[o - 1] != ' ')
                out[o++] = ' ';
        } else {
            if (*s == ',' && o && out[o - 1] == ' ')
                o--;
            out[o++] = *s;
        }
    }
    while (o && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
}

/* Drop footnote marks (*, **, ***) from a head. */
static void strip_stars(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++)
        if (*r != '*')
            *w++ = *r;
    *w = '\0';
}

/* Parse "Таблица N" of html into t: its cells, and the head of each value
 * column from the first three rows (rowspans and colspans laid out). */
static void table_parse(const char *html, int number, struct table *t)
{
    char mark[64];
    snprintf(mark, sizeof mark, ">Таблица %d</p>", number);
    const char *p = strstr(html, mark);
    cr_assert(p, "no %s in %s", mark, MR_HTML);
    p = strstr(p, "<table");
    const char *end = strstr(p, "</table>");
    memset(t, 0, sizeof *t);
    for (const char *tr = strstr(p, "<tr"); tr && tr < end; ) {
        const char *next = strstr(tr + 3, "<tr");
        if (!next || next > end)
            next = end;
        cr_assert_lt(t->n_rows, MAX_ROWS);
        int r = t->n_rows++;
        for (const char *c = tr; ; ) {
            const char *td = strstr(c, "<td"), *th = strstr(c, "<th");
            const char *open = td && (!th || td < th) ? td : th;
            if (!open || open >= next)
                break;
            const char *gt = strchr(open, '>');
            const char *close = strstr(gt, open[2] == 'd' ? "</td>" : "</th>");
            cr_assert_lt(t->n_cells[r], MAX_CELLS);
            struct cell *cl = &t->cells[r][t->n_cells[r]++];
            cl->colspan = attr_int(open, gt, "colspan");
            cl->rowspan = attr_int(open, gt, "rowspan");
            cell_text(gt + 1, close, cl->text);
            c = close;
        }
        tr = next;
    }
    /* Lay the three head rows out on a grid: column 0 is "N", 1 the label. */
    const struct cell *grid[3][2 + MAX_COLS] = {{0}};
    for (int r = 0; r < 3; r++) {
        int col = 0;
        for (int i = 0; i < t->n_cells[r]; i++) {
            const struct cell *cl = &t->cells[r][i];
            while (col < 2 + MAX_COLS && grid[r][col])
                col++;
            for (int dr = 0; dr < cl->rowspan && r + dr < 3; dr++)
                for (int dc = 0; dc < cl->colspan && col + dc < 2 + MAX_COLS; dc++)
                    grid[r + dr][col + dc] = cl;
            col += cl->colspan;
        }
    }
    for (int c = 2; c < 2 + MAX_COLS && grid[1][c]; c++) {
        char *h = t->head[t->n_cols++];
        snprintf(h, TEXT, "%s", grid[1][c]->text);
        if (grid[2][c] && grid[2][c] != grid[1][c])
            snprintf(h + strlen(h), TEXT - strlen(h), " %s", grid[2][c]->text);
        strip_stars(h);
    }
    cr_assert_gt(t->n_cols, 0);
}

/* The cell of row `label`, column `head`, with colspans expanded; NULL when
 * the table has no such row or column.  *row_out receives the row. */
static const struct cell *table_cell(const struct table *t, const char *label,
                                     const char *head, int *row_out)
{
    int col = -1;
    for (int c = 0; c < t->n_cols; c++)
        if (!strcmp(t->head[c], head))
            col = c;
    for (int r = 3; r < t->n_rows && col >= 0; r++) {
        if (t->n_cells[r] < 3 || strcmp(t->cells[r][1].text, label))
            continue;
        int at = 0;
        for (int i = 2; i < t->n_cells[r]; i++) {
            at += t->cells[r][i].colspan;
            if (col < at) {
                if (row_out)
                    *row_out = r;
                return &t->cells[r][i];
            }
        }
    }
    return NULL;
}

/* A number as the MR prints it: "2 500", "0,3", "18,00", "115*". */
static double mr_number(const char *s, const char **end)
{
    char buf[64];
    size_t n = 0;
    while (*s && n < sizeof buf - 1 &&
           ((*s >= '0' && *s <= '9') || *s == ',' || *s == ' ')) {
        if (*s != ' ')
            buf[n++] = *s == ',' ? '.' : *s;
        s++;
    }
    buf[n] = '\0';
    while (*s == '*')
        s++;
    if (end)
        *end = s;
    return n ? atof(buf) : NAN;
}

/* The value a bound of `kind` takes from cell text: a need "63", a band
 * "300-350" (its ends), an upper limit "<300". */
static double cell_value(const char *text, enum mc_bound_kind kind)
{
    const char *end;
    switch (kind) {
    case MC_BOUND_MIN:
    case MC_BOUND_TARGET: {
        double v = mr_number(text, &end);
        return *end ? NAN : v;
    }
    case MC_BOUND_MAX: {
        if (text[0] != '<')
            return NAN;
        double v = mr_number(text + 1, &end);
        return *end ? NAN : v;
    }
    case MC_BOUND_RANGE_MIN:
    case MC_BOUND_PCT_ENERGY_MIN:
    case MC_BOUND_RANGE_MAX:
    case MC_BOUND_PCT_ENERGY_MAX: {
        double lo = mr_number(text, &end);
        if (*end != '-')
            return NAN;
        double hi = mr_number(end + 1, &end);
        if (*end)
            return NAN;
        return kind == MC_BOUND_RANGE_MIN || kind == MC_BOUND_PCT_ENERGY_MIN ? lo : hi;
    }
    }
    return NAN;
}

/* Split 'Table 21, row "X", column "Y"' at the start of a note. */
static int citation(const char *note, int *table, char *row, char *col)
{
    int n = 0;
    if (sscanf(note, "Table %d, row \"%n", table, &n) != 1 || !n)
        return 0;
    const char *r = note + n, *q = strstr(r, "\", column \"");
    if (!q || q - r >= TEXT)
        return 0;
    memcpy(row, r, (size_t)(q - r));
    row[q - r] = '\0';
    const char *c = q + strlen("\", column \""), *e = strchr(c, '"');
    if (!e || e - c >= TEXT)
        return 0;
    memcpy(col, c, (size_t)(e - c));
    col[e - c] = '\0';
    return 1;
}

static struct mc_standard_set *load_shipped(const struct mc_standard **mr)
{
    struct mc_err err = {0};
    struct mc_standard_set *set = NULL;
    cr_assert_eq(mc_standard_set_load("standards", &set, &err), MC_OK, "%s",
                 mc_err_text(&err) ? mc_err_text(&err) : "");
    *mr = mc_standard_find(set, MR_ID);
    cr_assert(*mr);
    return set;
}

/* The column head names the group's ages and, for 11-14 and 15-17, its sex. */
static int head_matches_group(const char *head, const struct mc_norm_group *g)
{
    char ages[32];
    snprintf(ages, sizeof ages, "%d-%d ", g->age_min, g->age_max);
    int boys = strstr(head, "мальчики") || strstr(head, "юноши");
    int girls = strstr(head, "девочки") || strstr(head, "девушки");
    return !strncmp(head, ages, strlen(ages)) &&
           boys == (g->sex == MC_SEX_MALE) && girls == (g->sex == MC_SEX_FEMALE);
}

Test(standard_mr, every_row_is_the_cell_it_cites)
{
    char *html = slurp(MR_HTML);
    static struct table t21, t22;
    table_parse(html, 21, &t21);
    table_parse(html, 22, &t22);
    cr_assert_eq(t21.n_cols, 12);
    cr_expect_str_eq(t21.head[8], "11-14 лет мальчики");
    cr_expect_str_eq(t21.head[11], "15-17 лет девушки");
    cr_assert_eq(t22.n_cols, 10);
    const struct mc_standard *mr;
    struct mc_standard_set *set = load_shipped(&mr);
    cr_expect_eq(mr->n_rows, 254);
    cr_expect_eq(mr->n_groups, 7);
    for (size_t i = 0; i < mr->n_rows; i++) {
        const struct mc_norm_row *r = &mr->rows[i];
        int tab;
        char label[TEXT], head[TEXT];
        cr_assert(citation(r->note, &tab, label, head),
                  "line %ld: the note does not cite its cell: %s", r->line, r->note);
        cr_assert(tab == 21 || tab == 22, "line %ld: table %d", r->line, tab);
        const struct cell *c = table_cell(tab == 21 ? &t21 : &t22, label, head, NULL);
        cr_assert(c, "line %ld: no cell for row \"%s\", column \"%s\" in Table %d",
                  r->line, label, head, tab);
        double want = cell_value(c->text, r->kind);
        cr_expect(!isnan(want) && fabs(want - r->value) < 1e-9,
                  "line %ld: %s %s is %g, the cell says \"%s\"", r->line,
                  mc_nutrient_info(r->nutrient)->key, mc_bound_kind_name(r->kind),
                  r->value, c->text);
        cr_expect(head_matches_group(head, &mr->groups[r->group]),
                  "line %ld: group %s cites column \"%s\"", r->line,
                  mr->groups[r->group].id, head);
        cr_expect(r->verified, "line %ld", r->line);
        cr_expect_eq(tab == 22, r->kind == MC_BOUND_PCT_ENERGY_MIN ||
                                    r->kind == MC_BOUND_PCT_ENERGY_MAX,
                     "line %ld: Table 22 gives shares of energy", r->line);
        /* Footnote ** marks an adequate intake: the note must say so. */
        cr_expect(!strstr(label, "**") || strstr(r->note, "adequate intake"),
                  "line %ld", r->line);
    }
    mc_standard_set_free(set);
    free(html);
}

/* Every source row the set uses is given for all seven groups (no column
 * left out), and no group has the same bound of a row twice. */
Test(standard_mr, every_cited_row_covers_every_group)
{
    const struct mc_standard *mr;
    struct mc_standard_set *set = load_shipped(&mr);
    for (size_t i = 0; i < mr->n_rows; i++) {
        int tab;
        char label[TEXT], head[TEXT];
        cr_assert(citation(mr->rows[i].note, &tab, label, head));
        int seen[8] = {0}, same = 0;
        for (size_t j = 0; j < mr->n_rows; j++) {
            int tab2;
            char label2[TEXT], head2[TEXT];
            if (!citation(mr->rows[j].note, &tab2, label2, head2) || tab2 != tab ||
                strcmp(label2, label))
                continue;
            seen[mr->rows[j].group]++;
            same += mr->rows[j].group == mr->rows[i].group &&
                    mr->rows[j].kind == mr->rows[i].kind;
        }
        cr_expect_eq(same, 1, "line %ld: given %d times", mr->rows[i].line, same);
        for (size_t g = 0; g < mr->n_groups; g++)
            cr_expect_gt(seen[g], 0, "Table %d row \"%s\": nothing for group %s",
                         tab, label, mr->groups[g].id);
    }
    mc_standard_set_free(set);
}

/* The picture labels are what the row order says: each row's smallest and
 * largest value over the child columns are the range section 4.2.2.1 gives
 * for that vitamin in words. */
Test(standard_mr, picture_labels_match_the_ranges_in_words)
{
    char *html = slurp(MR_HTML);
    static struct table t;
    table_parse(html, 21, &t);
    const char *labels[] = {"Витамин B1, мг", "Витамин B2, мг", "Витамин B6, мг",
                            "Витамин B12, мкг", "Витамин Е (α-токоферол), мг ток. экв."};
    int last_row = 0;
    for (size_t i = 0; i < sizeof picts / sizeof *picts; i++) {
        double lo = INFINITY, hi = -INFINITY;
        int row = 0;
        for (int c = 0; c < t.n_cols; c++) {
            const struct cell *cl = table_cell(&t, labels[i], t.head[c], &row);
            cr_assert(cl, "no row \"%s\"", labels[i]);
            double v = mr_number(cl->text, NULL);
            lo = fmin(lo, v);
            hi = fmax(hi, v);
        }
        cr_expect_float_eq(lo, picts[i].lo, 1e-9, "%s", labels[i]);
        cr_expect_float_eq(hi, picts[i].hi, 1e-9, "%s", labels[i]);
        cr_expect_gt(row, last_row, "%s follows the previous vitamin", labels[i]);
        last_row = row;
    }
    free(html);
}

/* The reader itself, on cells of known text. */
Test(standard_mr, reader_reads_needs_bands_and_limits)
{
    char *html = slurp(MR_HTML);
    static struct table t;
    table_parse(html, 21, &t);
    const struct cell *c = table_cell(&t, "Энергия, ккал", "11-14 лет девочки", NULL);
    cr_assert(c);
    cr_expect_float_eq(cell_value(c->text, MC_BOUND_MIN), 2300, 1e-9);
    c = table_cell(&t, "Фолаты, мкг", "11-14 лет девочки", NULL);
    cr_assert(c);
    cr_expect_float_eq(cell_value(c->text, MC_BOUND_RANGE_MIN), 300, 1e-9);
    cr_expect_float_eq(cell_value(c->text, MC_BOUND_RANGE_MAX), 350, 1e-9);
    cr_expect(isnan(cell_value(c->text, MC_BOUND_MIN)), "a band is not a single need");
    c = table_cell(&t, "Холестерин, мг", "7-10 лет", NULL);
    cr_assert(c);
    cr_expect_float_eq(cell_value(c->text, MC_BOUND_MAX), 300, 1e-9);
    cr_expect(isnan(cell_value(c->text, MC_BOUND_MIN)), "'<300' is a limit, not a need");
    cr_expect_null(table_cell(&t, "Энергия, ккал", "11-14 лет", NULL));
    free(html);
}
