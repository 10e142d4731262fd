/*
 * standard.c - loading norm sets from the CSV files in standards/ and resolving groups.
 *
 * A norm file is "#key: value" metadata lines followed by a CSV table.  The
 * metadata block is read line by line and blanked (newlines kept) before
 * the rest goes to the CSV reader, so diagnostics keep the file's real line
 * numbers.
 */
#include "mealcheck/standard.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>

#include "mealcheck/csv.h"
#include "mealcheck/i18n.h"
#include "mealcheck/infile.h"
#include "mealcheck/menu.h"
#include "mealcheck/xlsx_read.h"
#include "array.h"
#include "folder.h"

static const char *const kind_names[] = {
    [MC_BOUND_MIN] = "min",
    [MC_BOUND_MAX] = "max",
    [MC_BOUND_RANGE_MIN] = "range_min",
    [MC_BOUND_RANGE_MAX] = "range_max",
    [MC_BOUND_TARGET] = "target",
    [MC_BOUND_PCT_ENERGY_MIN] = "pct_energy_min",
    [MC_BOUND_PCT_ENERGY_MAX] = "pct_energy_max",
};
#define N_KINDS (sizeof kind_names / sizeof *kind_names)

const char *mc_bound_kind_name(enum mc_bound_kind kind)
{
    return kind_names[kind];
}

const char *mc_sex_name(enum mc_sex sex)
{
    return sex == MC_SEX_MALE ? N_("male") : sex == MC_SEX_FEMALE ? N_("female") : N_("any");
}

/* The n digits at s as a number, or -1 when one is not a digit. */
static int date_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int mc_date_parse(const char *text, int *out)
{
    /* Exactly YYYY-MM-DD: sscanf's %d would also take blanks and signs
     * ("2022- 9-01", "2022-+9-01"). */
    if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        return 0;
    int y = date_digits(text, 4), m = date_digits(text + 5, 2),
        d = date_digits(text + 8, 2);
    if (y < 1900 || m < 1 || m > 12 || d < 1)
        return 0;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[m - 1] || (m == 2 && d == 29 && !leap))
        return 0;
    *out = y * 10000 + m * 100 + d;
    return 1;
}

const char *mc_date_format(char *buf, size_t size, int date)
{
    if (date <= 0)
        snprintf(buf, size, "%s", "");
    else
        snprintf(buf, size, "%04d-%02d-%02d", date / 10000, date / 100 % 100,
                 date % 100);
    return buf;
}

int mc_standard_superseded(const struct mc_standard *s, int date)
{
    return s->effective_to && date > s->effective_to && *s->superseded_by;
}

int mc_norm_row_in_force(const struct mc_norm_row *r, int date)
{
    return (!r->effective_from || date >= r->effective_from) &&
           (!r->effective_to || date <= r->effective_to);
}

int mc_bound_is_pct(enum mc_bound_kind kind)
{
    return kind == MC_BOUND_PCT_ENERGY_MIN || kind == MC_BOUND_PCT_ENERGY_MAX;
}

/* Lowercase ASCII in place (meal names are compared lowercase). */
static char *lower(char *s)
{
    for (char *p = s; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return s;
}

static void standard_release(struct mc_standard *s)
{
    free(s->path);
    free(s->id);
    free(s->title);
    free(s->issuer);
    free(s->legal_ref);
    free(s->source_url);
    free(s->notes);
    for (int k = 0; k < MC_STANDARD_N_LANG; k++) {
        free(s->title_local[k]);
        free(s->notes_local[k]);
    }
    free(s->superseded_by);
    for (size_t i = 0; i < s->n_shares; i++)
        free(s->shares[i].meal);
    free(s->shares);
    for (size_t i = 0; i < s->n_groups; i++)
        free(s->groups[i].id);
    free(s->groups);
    for (size_t i = 0; i < s->n_rows; i++) {
        struct mc_norm_row *r = &s->rows[i];
        free(r->unit);
        free(r->meal);
        free(r->rule);
        free(r->source_url);
        free(r->note);
    }
    free(s->rows);
    free(s->item_rows);
}

void mc_standard_set_free(struct mc_standard_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n; i++)
        standard_release(&set->items[i]);
    free(set->items);
    free(set);
}

/* ---- metadata ---------------------------------------------------------- */

struct loader {
    const char *path;
    struct mc_standard *s;
    struct mc_err *err;
    size_t cap_shares, cap_groups, cap_rows;
    int seen_per, seen_judge;
};

/* Drop the spaces at the end of s. */
static void rtrim(char *s)
{
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        s[--n] = '\0';
}

/* Split off the last space-separated word of s, which keeps what comes
 * before it (trailing spaces dropped); NULL when s has no word before the
 * last. */
static char *cut_last_word(char *s)
{
    rtrim(s);
    char *sp = strrchr(s, ' ');
    if (!sp)
        return NULL;
    *sp = '\0';
    rtrim(s);
    return sp + 1;
}

static mc_code meta_share(struct loader *L, long line, const char *val)
{
    /* Read from the right: a meal name may have spaces ("second breakfast"). */
    char buf[128], *meal = buf, *range = NULL, *dash;
    double lo = -1, hi = -1;
    int verified = 1;
    if (strlen(val) < sizeof buf) {
        strcpy(buf, val);
        range = cut_last_word(buf);
        if (range && !strcmp(range, "unverified")) {
            verified = 0;
            range = cut_last_word(buf);
        }
        while (*meal == ' ')
            meal++;
    }
    if (range && *meal && (dash = strchr(range, '-')) != NULL) {
        *dash = '\0';
        if (!mc_parse_number(range, &lo) || !mc_parse_number(dash + 1, &hi))
            lo = hi = -1;
    }
    if (lo < 0 || hi < lo || hi > 100)
        return mc_err_at(L->err, MC_ERR_INPUT, L->path, line, 0,
                         "meal_share: expected 'MEAL MIN-MAX [unverified]' with "
                         "percentages 0-100 (e.g. 'breakfast 20-25'), got '%s'",
                         val);
    struct mc_standard *s = L->s;
    lower(meal);
    if (mc_standard_share(s, meal))
        return mc_err_at(L->err, MC_ERR_INPUT, L->path, line, 0,
                         "meal_share: '%s' given twice", meal);
    if (mc_array_reserve(&s->shares, &L->cap_shares, s->n_shares + 1, sizeof *s->shares,
                         16))
        return mc_err_set(L->err, MC_ERR_NOMEM, "out of memory");
    struct mc_meal_share *sh = &s->shares[s->n_shares];
    if (!(sh->meal = strdup(meal)))
        return mc_err_set(L->err, MC_ERR_NOMEM, "out of memory");
    s->n_shares++;
    sh->min_pct = lo;
    sh->max_pct = hi;
    sh->verified = verified;
    return MC_OK;
}

static mc_code meta_string(struct loader *L, char **dst, const char *val)
{
    free(*dst);
    if (!(*dst = strdup(val)))
        return mc_err_set(L->err, MC_ERR_NOMEM, "out of memory");
    return MC_OK;
}

/* Append a `#note:` line to *notes, "\n"-separated. */
static mc_code meta_note(struct loader *L, char **notes, const char *val)
{
    size_t old = *notes ? strlen(*notes) : 0;
    char *p = realloc(*notes, old + strlen(val) + 2);
    if (!p)
        return mc_err_set(L->err, MC_ERR_NOMEM, "out of memory");
    if (old)
        p[old++] = '\n';
    strcpy(p + old, val);
    *notes = p;
    return MC_OK;
}

/* The languages of `#title_xx:` and `#note_xx:`, in the order of
 * title_local[] and notes_local[]. */
static const char *const local_langs[MC_STANDARD_N_LANG] = {"ru", "kk"};

static int local_lang(const char *code)
{
    for (int k = 0; k < MC_STANDARD_N_LANG; k++)
        if (!strcmp(code, local_langs[k]))
            return k;
    return -1;
}

/* The Kazakh text falls back to the Russian, which Kazakhstan's schools
 * also read, before the English. */
static const char *local_text(char *const *local, const char *english)
{
    int k = local_lang(mc_i18n_lang());
    if (k == 1 && !local[1])
        k = 0;
    return k >= 0 && local[k] ? local[k] : english;
}

const char *mc_standard_title(const struct mc_standard *s)
{
    return local_text(s->title_local, s->title);
}

const char *mc_standard_notes(const struct mc_standard *s)
{
    return local_text(s->notes_local, s->notes);
}

/* Parse one "#key: value" line (without the leading '#'). */
static mc_code meta_line(struct loader *L, long line, char *text)
{
    struct mc_standard *s = L->s;
    char *colon = strchr(text, ':');
    size_t klen = colon ? (size_t)(colon - text) : 0;
    if (!colon || klen == 0 || strspn(text, "abcdefghijklmnopqrstuvwxyz_") != klen)
        return mc_err_at(L->err, MC_ERR_INPUT, L->path, line, 0,
                         "expected '#key: value' metadata (a comment is "
                         "'# text', with a space)");
    *colon = '\0';
    char *val = colon + 1;
    while (*val == ' ' || *val == '\t')
        val++;
    size_t vlen = strlen(val);
    while (vlen && isspace((unsigned char)val[vlen - 1]))
        val[--vlen] = '\0';
    const char *key = text;
    double x;
    if (!strcmp(key, "id")) {
        if (!*val || strspn(val, "abcdefghijklmnopqrstuvwxyz0123456789_") != vlen)
            return mc_err_at(L->err, MC_ERR_INPUT, L->path, line, 0,
                             "id: expected lowercase letters, digits and '_', "
                             "got '%s'", val);
        return meta_string(L, &s->id, val);
    }
    if (!strcmp(key, "title"))
        return meta_string(L, &s->title, val);
    if (!strcmp(key, "issuer"))
        return meta_string(L, &s->issuer, val);
    if (!strcmp(key, "legal_ref"))
        return meta_string(L, &s->legal_ref, val);
    if (!strcmp(key, "source_url"))
        return meta_string(L, &s->source_url, val);
    if (!strcmp(key, "note"))
        return meta_note(L, &s->notes, val);
    if ((!strncmp(key, "title_", 6) || !strncmp(key, "note_", 5)) &&
        local_lang(strchr(key, '_') + 1) >= 0) {
        int k = local_lang(strchr(key, '_') + 1);
        return key[0] == 't' ? meta_string(L, &s->title_local[k], val)
                             : meta_note(L, &s->notes_local[k], val);
    }
    if (!strcmp(key, "superseded_by"))
        return meta_string(L, &s->superseded_by, val);
    if (!strcmp(key, "meal_share"))
        return meta_share(L, line, val);
    if (!strcmp(key, "effective_from") || !strcmp(key, "effective_to")) {
        int *dst = key[10] == 'f' ? &s->effective_from : &s->effective_to;
        if (*val && !mc_date_parse(val, dst))
            return mc_err_at(L->err, MC_ERR_INPUT, L->path, line, 0,
                             "%s: expected a date YYYY-MM-DD, got '%s'", key, val);
        return MC_OK;
    }
    if (!strcmp(key, "per")) {
        L->seen_per = 1;
        if (!strcmp(val, "day") || !strcmp(val, "meal")) {
            s->per = val[0] == 'd' ? MC_PER_DAY : MC_PER_MEAL;
            return MC_OK;
        }
        return mc_err_at(L->err, MC_ERR_INPUT, L->path, line, 0,
                         "per: expected 'day' or 'meal', got '%s'", val);
    }
    if (!strcmp(key, "judge")) {
        L->seen_judge = 1;
        if (!strcmp(val, "week_average") || !strcmp(val, "each_day")) {
            s->judge = val[0] == 'w' ? MC_JUDGE_WEEK_AVERAGE : MC_JUDGE_EACH_DAY;
            return MC_OK;
        }
        return mc_err_at(L->err, MC_ERR_INPUT, L->path, line, 0,
                         "judge: expected 'week_average' or 'each_day', got '%s'",
                         val);
    }
    if (!strcmp(key, "tolerance_pct") || !strcmp(key, "coverage_min_pct")) {
        if (!mc_parse_number(val, &x) || x < 0 || x > 100)
            return mc_err_at(L->err, MC_ERR_INPUT, L->path, line, 0,
                             "%s: expected a percentage 0-100, got '%s'", key, val);
        if (key[0] == 't')
            s->tolerance_pct = x;
        else
            s->coverage_min = x / 100.0;
        return MC_OK;
    }
    return mc_err_at(L->err, MC_ERR_INPUT, L->path, line, 0,
                     "unknown metadata key '%s' (known: id, title, issuer, "
                     "legal_ref, source_url, effective_from, effective_to, "
                     "superseded_by, per, judge, tolerance_pct, coverage_min_pct, "
                     "meal_share, note, title_ru, title_kk, note_ru, note_kk)",
                     key);
}

/* A growing text buffer. */
struct text {
    char *p;
    size_t len, cap;
};

static int text_add(struct text *t, const char *s, size_t n)
{
    if (mc_array_reserve(&t->p, &t->cap, t->len + n + 1, 1, 8192))
        return -1;
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
    return 0;
}

/* A cell as a CSV field: quoted when it holds a comma, quote or newline. */
static int text_add_field(struct text *t, const char *cell)
{
    if (!cell[strcspn(cell, ",\"\r\n")])
        return text_add(t, cell, strlen(cell));
    if (text_add(t, "\"", 1))
        return -1;
    for (const char *q; (q = strchr(cell, '"')); cell = q + 1)
        if (text_add(t, cell, (size_t)(q - cell + 1)) || text_add(t, "\"", 1))
            return -1;
    return text_add(t, cell, strlen(cell)) || text_add(t, "\"", 1);
}

/*
 * The first sheet of an .xlsx norm file as the text of a CSV norm file,
 * each row on the line of its Excel row number, so that messages give the
 * row and column the sheet shows.  A "#key: value" row is metadata; Excel
 * splits such a line at its commas when it opens a CSV, so its cells are
 * joined again with ", ".
 */
static mc_code xlsx_text(const char *path, const char *data, size_t len,
                         struct text *out, struct mc_err *err)
{
    struct mc_sheet *sh;
    mc_code rc = mc_xlsx_read(path, data, len, NULL, &sh, err);
    if (rc)
        return rc;
    long line = 1;
    for (size_t i = 0; i < sh->n_rows && !rc; i++) {
        const struct mc_sheet_row *row = &sh->rows[i];
        int meta = row->n && row->cells[0].col == 1 && row->cells[0].text[0] == '#';
        for (; line < row->line && !rc; line++)
            rc = text_add(out, "\n", 1) ? MC_ERR_NOMEM : MC_OK;
        long col = 1;
        for (size_t c = 0; c < row->n && !rc; c++) {
            const struct mc_sheet_cell *cell = &row->cells[c];
            /* Empty cells between are empty fields, so that each value
             * keeps its column; metadata is joined as Excel split it. */
            for (; !meta && col < cell->col && !rc; col++)
                rc = text_add(out, ",", 1) ? MC_ERR_NOMEM : MC_OK;
            if (rc || (c && meta && text_add(out, ", ", 2)) ||
                (meta ? text_add(out, cell->text, strlen(cell->text))
                      : text_add_field(out, cell->text)))
                rc = MC_ERR_NOMEM;
        }
        if (!rc && text_add(out, "\n", 1))
            rc = MC_ERR_NOMEM;
        line++;
        /* Sparse cells far apart make wide text: held to an input file's
         * limit. */
        if (!rc && out->len > MC_INFILE_MAX) {
            mc_sheet_free(sh);
            return mc_err_set(err, MC_ERR_INPUT,
                              N_("%s: larger than %d MiB, the most an input file may hold"),
                              path, MC_INFILE_MAX_MIB);
        }
    }
    mc_sheet_free(sh);
    return rc == MC_ERR_NOMEM ? mc_err_set(err, MC_ERR_NOMEM, "out of memory") : rc;
}

/* The whole of a norm file as CSV text: a CSV file as it is, an .xlsx
 * workbook's first sheet through xlsx_text(). */
static mc_code file_text(const char *path, struct text *out, struct mc_err *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return mc_err_set(err, MC_ERR_INPUT, "%s: a folder, not a norm file (.csv or .xlsx)",
                          path);
    /* One reader for every input: no FIFO hangs it, no file grows it past
     * its limit. */
    struct text raw = {0};
    mc_code rc = mc_infile_read(path, &raw.p, &raw.len, err);
    if (rc)
        return rc;
    raw.cap = raw.len;
    enum mc_sheet_format fmt = raw.len ? mc_sheet_sniff(raw.p, raw.len) : MC_SHEET_TEXT;
    if (!rc && fmt == MC_SHEET_ZIP)
        rc = xlsx_text(path, raw.p, raw.len, out, err);
    else if (!rc && fmt == MC_SHEET_OLE2)
        rc = mc_err_set(err, MC_ERR_INPUT,
                        "%s: an Excel 97-2003 workbook (.xls) cannot be read; expected "
                        ".xlsx or CSV UTF-8: in Excel, save it as \"Excel Workbook "
                        "(*.xlsx)\" or \"CSV UTF-8\"", path);
    if (!rc && fmt == MC_SHEET_TEXT) {
        *out = raw;
        return MC_OK;
    }
    free(raw.p);
    return rc;
}

/*
 * Parse the leading '#' lines of the file's text as metadata and return the
 * text with those lines blanked in *csv (caller frees csv->p).
 */
static mc_code read_meta(struct loader *L, struct text *csv)
{
    struct text in = {0};
    mc_code rc = file_text(L->path, &in, L->err);
    if (rc)
        return rc;
    long lineno = 0;
    int in_meta = 1;
    for (size_t at = 0; at < in.len && !rc;) {
        char *p = in.p + at, *nl = memchr(p, '\n', in.len - at);
        size_t n = nl ? (size_t)(nl - p) + 1 : in.len - at;
        at += n;
        if (++lineno == 1 && n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
            p += 3;
            n -= 3;
        }
        const char *copy = p;
        size_t clen = n;
        if (in_meta && p[0] == '#') {
            if (mc_csv_check_text(L->path, lineno, p, n, L->err) == MC_OK &&
                p[1] != ' ' && p[1] != '\r' && p[1] != '\n' && p[1] != '\0') {
                p[strcspn(p, "\r\n")] = '\0'; /* ends the line: n >= 2 here */
                if (meta_line(L, lineno, p + 1) == MC_ERR_NOMEM)
                    rc = MC_ERR_NOMEM;
            }
            copy = "\n";
            clen = 1;
        } else {
            in_meta = 0;
        }
        if (!rc && text_add(csv, copy, clen))
            rc = mc_err_set(L->err, MC_ERR_NOMEM, "out of memory");
    }
    free(in.p);
    if (rc) {
        free(csv->p);
        csv->p = NULL;
    }
    return rc;
}

/* ---- the table ---------------------------------------------------------- */

enum col {
    C_GROUP, C_AGE_MIN, C_AGE_MAX, C_SEX, C_NUTRIENT, C_KIND, C_VALUE, C_UNIT,
    C_MEAL, C_FROM, C_TO, C_RULE, C_VERIFIED, C_TOLERANCE, C_SOURCE, C_NOTE,
    N_COLS
};
static const char *const col_names[N_COLS] = {
    "group", "age_min", "age_max", "sex", "nutrient", "kind", "value", "unit",
    "meal", "effective_from", "effective_to", "rule", "verified",
    "tolerance_pct", "source_url", "note",
};
/* Columns a file must have; the others may be left out. */
static const int col_required[N_COLS] = {
    [C_GROUP] = 1, [C_AGE_MIN] = 1, [C_AGE_MAX] = 1, [C_SEX] = 1,
    [C_NUTRIENT] = 1, [C_KIND] = 1, [C_VALUE] = 1, [C_VERIFIED] = 1,
};

double mc_energy_factor(enum mc_nutrient n)
{
    switch (n) {
    case MC_N_PROTEIN_G:
    case MC_N_CARB_G:
    case MC_N_SUGARS_G:
        return 4.0;
    case MC_N_FAT_G:
    case MC_N_SATFAT_G:
    case MC_N_MUFA_G:
    case MC_N_PUFA_G:
    case MC_N_TRANS_FAT_G:
        return 9.0;
    default:
        return 0.0;
    }
}

static int parse_age(const char *text, int *out)
{
    double x;
    if (!mc_parse_number(text, &x) || x < 0 || x > 120 || x != floor(x))
        return 0;
    *out = (int)x;
    return 1;
}

/* The group named by the row, added on first sight; -1 on a conflict. */
static long row_group(struct loader *L, struct mc_csv *csv, const int *col)
{
    struct mc_standard *s = L->s;
    const char *id = mc_csv_field(csv, (size_t)col[C_GROUP]);
    long line = mc_csv_line(csv);
    int amin, amax;
    enum mc_sex sex;
    const char *sx = mc_csv_field(csv, (size_t)col[C_SEX]);
    if (!*id)
        return mc_err_at(L->err, MC_ERR_INPUT, L->path, line, col[C_GROUP] + 1,
                         "expected a group id"), -1;
    if (!parse_age(mc_csv_field(csv, (size_t)col[C_AGE_MIN]), &amin))
        return mc_err_at(L->err, MC_ERR_INPUT, L->path, line, col[C_AGE_MIN] + 1,
                         "expected an age in whole years, got '%s'",
                         mc_csv_field(csv, (size_t)col[C_AGE_MIN])), -1;
    if (!parse_age(mc_csv_field(csv, (size_t)col[C_AGE_MAX]), &amax) ||
        amax < amin)
        return mc_err_at(L->err, MC_ERR_INPUT, L->path, line, col[C_AGE_MAX] + 1,
                         "expected an age in whole years >= age_min (%d), got '%s'",
                         amin, mc_csv_field(csv, (size_t)col[C_AGE_MAX])), -1;
    if (!strcasecmp(sx, "any"))
        sex = MC_SEX_ANY;
    else if (!strcasecmp(sx, "male"))
        sex = MC_SEX_MALE;
    else if (!strcasecmp(sx, "female"))
        sex = MC_SEX_FEMALE;
    else
        return mc_err_at(L->err, MC_ERR_INPUT, L->path, line, col[C_SEX] + 1,
                         "expected sex 'any', 'male' or 'female', got '%s'", sx), -1;
    for (size_t g = 0; g < s->n_groups; g++) {
        struct mc_norm_group *gr = &s->groups[g];
        if (strcmp(gr->id, id))
            continue;
        if (gr->age_min != amin || gr->age_max != amax || gr->sex != sex)
            return mc_err_at(L->err, MC_ERR_INPUT, L->path, line,
                             col[C_GROUP] + 1,
                             "group '%s' was defined as ages %d-%d, %s; this row "
                             "says %d-%d, %s", id, gr->age_min, gr->age_max,
                             mc_sex_name(gr->sex), amin, amax, mc_sex_name(sex)), -1;
        return (long)g;
    }
    if (mc_array_reserve(&s->groups, &L->cap_groups, s->n_groups + 1, sizeof *s->groups,
                         16) ||
        !(s->groups[s->n_groups].id = strdup(id)))
        return mc_err_set(L->err, MC_ERR_NOMEM, "out of memory"), -1;
    struct mc_norm_group *gr = &s->groups[s->n_groups];
    gr->age_min = amin;
    gr->age_max = amax;
    gr->sex = sex;
    return (long)s->n_groups++;
}

static mc_code dup_field(struct loader *L, char **dst, const char *val,
                         const char *dflt)
{
    if (!(*dst = strdup(*val ? val : dflt)))
        return mc_err_set(L->err, MC_ERR_NOMEM, "out of memory");
    return MC_OK;
}

static mc_code parse_row(struct loader *L, struct mc_csv *csv, const int *col)
{
    struct mc_standard *s = L->s;
    long line = mc_csv_line(csv);
    int bad = 0;
#define FIELD(c) (col[c] >= 0 ? mc_csv_field(csv, (size_t)col[c]) : "")
#define BAD(c, ...) (bad = 1, mc_err_at(L->err, MC_ERR_INPUT, L->path, line, \
                                        col[c] + 1, __VA_ARGS__))
    struct mc_norm_row r = {.tolerance_pct = NAN, .line = line};
    long g = row_group(L, csv, col);
    if (g < 0)
        bad = 1;
    int n = mc_nutrient_by_key(FIELD(C_NUTRIENT));
    if (n < 0)
        BAD(C_NUTRIENT, "unknown nutrient '%s' (the keys are listed in "
                        "docs/standards.md)", FIELD(C_NUTRIENT));
    size_t k = 0;
    while (k < N_KINDS && strcasecmp(FIELD(C_KIND), kind_names[k]))
        k++;
    if (k == N_KINDS)
        BAD(C_KIND, "unknown kind '%s' (expected min, max, range_min, "
                    "range_max, target, pct_energy_min or pct_energy_max)",
            FIELD(C_KIND));
    int pct = k == MC_BOUND_PCT_ENERGY_MIN || k == MC_BOUND_PCT_ENERGY_MAX;
    if (!mc_parse_number(FIELD(C_VALUE), &r.value) || r.value < 0 ||
        (pct && r.value > 100))
        BAD(C_VALUE, "expected a number >= 0%s, got '%s'",
            /* xgettext:no-c-format */
            pct ? _(" and <= 100 (% of energy)") : "", FIELD(C_VALUE));
    if (pct && n >= 0 && mc_energy_factor((enum mc_nutrient)n) == 0)
        BAD(C_NUTRIENT, "a share of energy needs protein, carbohydrate, sugars "
                        "or a fat, not '%s'", FIELD(C_NUTRIENT));
    if (k == MC_BOUND_TARGET && s->per == MC_PER_MEAL)
        BAD(C_KIND, "'target' is a daily need split by meal shares; a per-meal "
                    "norm set uses range_min/range_max");
    const char *meal = FIELD(C_MEAL);
    if (s->per == MC_PER_MEAL && !*meal)
        BAD(C_MEAL, "expected the meal this norm applies to (the file says "
                    "'#per: meal')");
    if (s->per == MC_PER_DAY && *meal && strcasecmp(meal, "daily"))
        BAD(C_MEAL, "expected 'daily' or nothing (the file says '#per: day'), "
                    "got '%s'", meal);
    if (*FIELD(C_FROM) && !mc_date_parse(FIELD(C_FROM), &r.effective_from))
        BAD(C_FROM, "expected a date YYYY-MM-DD, got '%s'", FIELD(C_FROM));
    if (*FIELD(C_TO) && !mc_date_parse(FIELD(C_TO), &r.effective_to))
        BAD(C_TO, "expected a date YYYY-MM-DD, got '%s'", FIELD(C_TO));
    else if (r.effective_to && r.effective_to < r.effective_from)
        BAD(C_TO, "effective_to is before effective_from");
    const char *ver = FIELD(C_VERIFIED);
    if (!strcasecmp(ver, "yes") || !strcasecmp(ver, "no"))
        r.verified = tolower((unsigned char)ver[0]) == 'y';
    else
        BAD(C_VERIFIED, "expected 'yes' or 'no', got '%s'", ver);
    if (*FIELD(C_TOLERANCE) &&
        (!mc_parse_number(FIELD(C_TOLERANCE), &r.tolerance_pct) ||
         r.tolerance_pct < 0 || r.tolerance_pct > 100))
        BAD(C_TOLERANCE, "expected a percentage 0-100, got '%s'",
            FIELD(C_TOLERANCE));
#undef BAD
    if (bad)
        return MC_ERR_INPUT;
    r.group = (size_t)g;
    r.nutrient = (enum mc_nutrient)n;
    r.kind = (enum mc_bound_kind)k;
    if (isnan(r.tolerance_pct))
        r.tolerance_pct = s->tolerance_pct;
    const char *unit = pct ? "pct_energy" : mc_nutrient_info(r.nutrient)->unit;
    if (mc_array_reserve(&s->rows, &L->cap_rows, s->n_rows + 1, sizeof *s->rows, 16))
        return mc_err_set(L->err, MC_ERR_NOMEM, "out of memory");
    mc_code rc = MC_OK;
    if ((rc = dup_field(L, &r.unit, FIELD(C_UNIT), unit)) ||
        (rc = dup_field(L, &r.meal, strcasecmp(meal, "daily") ? meal : "", "")) ||
        (rc = dup_field(L, &r.rule, FIELD(C_RULE), s->id ? s->id : "")) ||
        (rc = dup_field(L, &r.source_url, FIELD(C_SOURCE),
                        s->source_url ? s->source_url : "")) ||
        (rc = dup_field(L, &r.note, FIELD(C_NOTE), ""))) {
        free(r.unit);
        free(r.meal);
        free(r.rule);
        free(r.source_url);
        return rc;
    }
#undef FIELD
    lower(r.meal);
    s->rows[s->n_rows++] = r;
    return MC_OK;
}

static mc_code parse_table(struct loader *L, const char *text, size_t len)
{
    struct mc_csv *csv = NULL;
    mc_code rc = mc_csv_open_buffer(L->path, text, len, &csv, L->err);
    if (rc)
        return rc;
    int col[N_COLS];
    int r = mc_csv_next(csv, L->err);
    if (r <= 0) {
        if (r == 0)
            mc_err_at(L->err, MC_ERR_INPUT, L->path, 0, 0,
                      "expected a header row after the metadata");
        rc = MC_ERR_INPUT;
        goto done;
    }
    for (int c = 0; c < N_COLS; c++) {
        col[c] = mc_csv_find(csv, col_names[c]);
        if (col[c] < 0 && col_required[c])
            rc = mc_err_at(L->err, MC_ERR_INPUT, L->path, mc_csv_line(csv), 0,
                           "the header lacks the column '%s'", col_names[c]);
    }
    if (rc)
        goto done;
    while (!mc_err_full(L->err) && (r = mc_csv_next(csv, L->err)) > 0) {
        mc_code e = parse_row(L, csv, col);
        if (e == MC_ERR_NOMEM) {
            rc = e;
            goto done;
        }
        if (e)
            rc = e;
    }
    if (r < 0)
        rc = MC_ERR_INPUT;
done:
    mc_csv_close(csv);
    return rc;
}

static mc_code check_meta(struct loader *L)
{
    struct mc_standard *s = L->s;
    mc_code rc = MC_OK;
    const struct { const char *key; const char *val; } req[] = {
        {"id", s->id}, {"title", s->title}, {"issuer", s->issuer},
        {"legal_ref", s->legal_ref}, {"source_url", s->source_url},
    };
    for (size_t i = 0; i < sizeof req / sizeof *req; i++)
        if (!req[i].val || !*req[i].val)
            rc = mc_err_at(L->err, MC_ERR_INPUT, L->path, 0, 0,
                           "missing metadata line '#%s: ...'", req[i].key);
    if (!L->seen_per)
        rc = mc_err_at(L->err, MC_ERR_INPUT, L->path, 0, 0,
                       "missing metadata line '#per: day' or '#per: meal'");
    if (!L->seen_judge)
        rc = mc_err_at(L->err, MC_ERR_INPUT, L->path, 0, 0,
                       "missing metadata line '#judge: week_average' or "
                       "'#judge: each_day'");
    if (s->superseded_by && *s->superseded_by && !s->effective_to)
        rc = mc_err_at(L->err, MC_ERR_INPUT, L->path, 0, 0,
                       "superseded_by needs the date the set ended: "
                       "'#effective_to: YYYY-MM-DD'");
    if (s->n_shares && s->per == MC_PER_MEAL)
        rc = mc_err_at(L->err, MC_ERR_INPUT, L->path, 0, 0,
                       "meal_share only applies to '#per: day' norm sets");
    return rc;
}

/* A daily target without meal shares or a tolerance would demand an exact value. */
static mc_code check_rows(struct loader *L)
{
    struct mc_standard *s = L->s;
    mc_code rc = MC_OK;
    for (size_t i = 0; i < s->n_rows; i++)
        if (s->rows[i].kind == MC_BOUND_TARGET && !s->n_shares &&
            s->rows[i].tolerance_pct == 0)
            rc = mc_err_at(L->err, MC_ERR_INPUT, L->path, s->rows[i].line, 0,
                           "a 'target' needs '#meal_share' lines or a tolerance, "
                           "else only the exact value would comply");
    if (!s->n_rows)
        rc = mc_err_at(L->err, MC_ERR_INPUT, L->path, 0, 0, "no norm rows");
    return rc;
}

/* Rows in the order of their items (mc_standard.item_rows), then of the file. */
static int cmp_row_item(const void *pa, const void *pb)
{
    const struct mc_norm_row *a = *(const struct mc_norm_row *const *)pa;
    const struct mc_norm_row *b = *(const struct mc_norm_row *const *)pb;
    if (a->nutrient != b->nutrient)
        return (int)a->nutrient - (int)b->nutrient;
    int pa_ = mc_bound_is_pct(a->kind), pb_ = mc_bound_is_pct(b->kind);
    if (pa_ != pb_)
        return pa_ - pb_;
    int c = strcmp(a->meal, b->meal);
    return c ? c : (a > b) - (a < b);
}

/* Number the distinct items the rows bound (mc_norm_row.item). */
static mc_code index_items(struct mc_standard *s, struct mc_err *err)
{
    const struct mc_norm_row **by = malloc((s->n_rows ? s->n_rows : 1) * sizeof *by);
    if (!by || !(s->item_rows = malloc((s->n_rows ? s->n_rows : 1) * sizeof *s->item_rows))) {
        free(by);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < s->n_rows; i++)
        by[i] = &s->rows[i];
    qsort(by, s->n_rows, sizeof *by, cmp_row_item);
    for (size_t i = 0; i < s->n_rows; i++) {
        const struct mc_norm_row *r = by[i], *p = i ? by[i - 1] : NULL;
        if (!p || p->nutrient != r->nutrient ||
            mc_bound_is_pct(p->kind) != mc_bound_is_pct(r->kind) || strcmp(p->meal, r->meal))
            s->item_rows[s->n_items++] = (size_t)(r - s->rows);
        s->rows[r - s->rows].item = s->n_items - 1;
    }
    free(by);
    return MC_OK;
}

static mc_code load_file(const char *path, struct mc_standard *s,
                         struct mc_err *err)
{
    struct loader L = {.path = path, .s = s, .err = err};
    memset(s, 0, sizeof *s);
    s->coverage_min = 0.8;
    struct text csv = {0};
    mc_code rc = MC_OK;
    if (!(s->path = strdup(path)))
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    if ((rc = read_meta(&L, &csv)))
        goto done;
    /* Metadata errors are reported together with table errors. */
    mc_code meta_rc = check_meta(&L);
    if (err && err->code && !meta_rc)
        meta_rc = err->code;
    if ((rc = parse_table(&L, csv.p ? csv.p : "", csv.len)) == MC_ERR_NOMEM)
        goto done;
    if (!rc && !meta_rc)
        rc = check_rows(&L);
    if (!rc)
        rc = meta_rc;
    if (!rc)
        rc = index_items(s, err);
    if ((!s->notes && !(s->notes = strdup(""))) ||
        (!s->superseded_by && !(s->superseded_by = strdup(""))))
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
done:
    free(csv.p);
    return rc;
}

static int cmp_std(const void *a, const void *b)
{
    return strcmp(((const struct mc_standard *)a)->id,
                  ((const struct mc_standard *)b)->id);
}

/* Append the paths of the norm files of dir (*.csv, *.xlsx: folder.h), in
 * name order, to *out (caller frees each and the array). */
static mc_code list_files(const char *dir, char ***out, size_t *n, size_t *cap,
                          struct mc_err *err)
{
    char **names;
    size_t k;
    mc_code rc = mc_folder_list(dir, MC_FOLDER_CSV | MC_FOLDER_XLSX, &names, &k, err);
    if (rc == MC_ERR_NOT_FOUND || rc == MC_ERR_IO)
        return mc_err_set(err, rc == MC_ERR_NOT_FOUND ? MC_ERR_INPUT : MC_ERR_IO,
                          "%s: cannot open the norm-set directory: %s", dir,
                          strerror(errno));
    if (!rc && !k)
        rc = mc_err_set(err, MC_ERR_NOT_FOUND, "%s: no norm sets (*.csv, *.xlsx)", dir);
    for (size_t i = 0; !rc && i < k; i++) {
        char *p = malloc(strlen(dir) + strlen(names[i]) + 2);
        if (!p || mc_array_reserve(out, cap, *n + 1, sizeof **out, 16)) {
            free(p);
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            break;
        }
        sprintf(p, "%s/%s", dir, names[i]);
        (*out)[(*n)++] = p;
    }
    mc_folder_free(names);
    return rc;
}

/* Load the n files into a new set; ids must be unique across them. */
static mc_code load_files(char **files, size_t nfiles, struct mc_standard_set **out,
                          struct mc_err *err)
{
    struct mc_standard_set *set = calloc(1, sizeof *set);
    mc_code rc = set ? MC_OK : mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    if (!rc && !(set->items = calloc(nfiles ? nfiles : 1, sizeof *set->items)))
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    for (size_t i = 0; !rc && i < nfiles && !mc_err_full(err); i++) {
        mc_code e = load_file(files[i], &set->items[set->n], err);
        set->n++;
        if (e == MC_ERR_NOMEM || e == MC_ERR_IO)
            rc = e;
    }
    if (!rc && err && err->code)
        rc = err->code;
    if (!rc) {
        qsort(set->items, set->n, sizeof *set->items, cmp_std);
        for (size_t i = 1; i < set->n; i++)
            if (!strcmp(set->items[i].id, set->items[i - 1].id))
                rc = mc_err_at(err, MC_ERR_INPUT, set->items[i].path, 0, 0,
                               "id '%s' is also used by %s", set->items[i].id,
                               set->items[i - 1].path);
    }
    if (rc) {
        mc_standard_set_free(set);
        return rc;
    }
    *out = set;
    return MC_OK;
}

mc_code mc_standard_set_load(const char *dirs, struct mc_standard_set **out,
                             struct mc_err *err)
{
    char **files = NULL;
    size_t nfiles = 0, cap = 0;
    mc_code rc = MC_OK;
    *out = NULL;
    for (const char *d = dirs; !rc;) {
        size_t len = strcspn(d, ":");
        char *dir = strndup(d, len);
        if (!dir)
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        else if (len)
            rc = list_files(dir, &files, &nfiles, &cap, err);
        free(dir);
        if (!d[len])
            break;
        d += len + 1;
    }
    if (!rc)
        rc = load_files(files, nfiles, out, err);
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    return rc;
}

mc_code mc_standard_load_file(const char *path, struct mc_standard_set **out,
                              struct mc_err *err)
{
    char *one = strdup(path);
    *out = NULL;
    if (!one)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    mc_code rc = load_files(&one, 1, out, err);
    free(one);
    return rc;
}

const struct mc_standard *mc_standard_find(const struct mc_standard_set *set,
                                           const char *id)
{
    for (size_t i = 0; i < set->n; i++)
        if (!strcasecmp(set->items[i].id, id))
            return &set->items[i];
    return NULL;
}

mc_code mc_standard_get(const struct mc_standard_set *set, const char *id,
                        const struct mc_standard **out, struct mc_err *err)
{
    if ((*out = mc_standard_find(set, id)))
        return MC_OK;
    char list[2048] = "";
    size_t len = 0;
    for (size_t i = 0; i < set->n && len < sizeof list; i++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
                                i ? ", " : "", set->items[i].id);
    return mc_err_set(err, MC_ERR_NOT_FOUND,
                      N_("unknown standard '%s' (available: %s)"), id, list);
}

const struct mc_meal_share *mc_meal_share_find(const struct mc_meal_share *tab,
                                               size_t n, const char *meal)
{
    for (size_t i = 0; i < n; i++)
        if (!strcasecmp(tab[i].meal, meal))
            return &tab[i];
    return NULL;
}

const struct mc_meal_share *mc_standard_share(const struct mc_standard *std,
                                              const char *meal)
{
    return mc_meal_share_find(std->shares, std->n_shares, meal);
}

int mc_meal_share_parse(const char *text, struct mc_meal_share *out, char *meal,
                        size_t size)
{
    const char *eq = strchr(text, '=');
    if (!eq || eq == text)
        return 0;
    char lo[32], hi[32], name[256];
    const char *range = eq + 1, *dash = strchr(range, '-');
    size_t nlo = dash ? (size_t)(dash - range) : strlen(range);
    size_t nname = (size_t)(eq - text);
    if (nlo >= sizeof lo || (dash && strlen(dash + 1) >= sizeof hi) ||
        nname >= sizeof name)
        return 0;
    memcpy(lo, range, nlo);
    lo[nlo] = '\0';
    snprintf(hi, sizeof hi, "%s", dash ? dash + 1 : lo);
    if (!mc_parse_number(lo, &out->min_pct) || !mc_parse_number(hi, &out->max_pct) ||
        out->min_pct < 0 || out->max_pct > 100 || out->min_pct > out->max_pct)
        return 0;
    memcpy(name, text, nname);
    name[nname] = '\0';
    mc_meal_canonical(name, meal, size);
    out->meal = meal;
    out->verified = 1; /* the user's stated assumption, named in every output */
    return 1;
}

/* ---- groups ------------------------------------------------------------ */

/* "A-B", "A+" (school age: up to 18) or "A"; returns chars consumed or 0. */
static int parse_ages(const char *s, int *lo, int *hi)
{
    char *end;
    if (*s < '0' || *s > '9')
        return 0;
    long a = strtol(s, &end, 10), b = a;
    if (*end == '-' && end[1] >= '0' && end[1] <= '9')
        b = strtol(end + 1, &end, 10);
    else if (*end == '+' && ++end)
        b = a > 18 ? a : 18; /* "12+": the rest of school age */
    if (b < a || b > 120)
        return 0;
    *lo = (int)a;
    *hi = (int)b;
    return (int)(end - s);
}

/* Most children a roster may count of each sex: far more than any school
 * or district has, and small enough that sums of counts cannot overflow. */
#define ROSTER_MAX 10000000L

/* "14 boys and 12 girls aged 9-13" (either count may be left out). */
static int parse_roster(const char *text, struct mc_group_spec *g)
{
    char word[32];
    const char *p = text;
    int n, have_ages = 0;
    long num = -1;
    while (sscanf(p, " %31s%n", word, &n) == 1) {
        p += n;
        lower(word);
        char *end;
        long v = strtol(word, &end, 10);
        if (*end == '\0' && end != word) {
            if (v > ROSTER_MAX)
                return 0;
            num = v;
        } else if (!strcmp(word, "boys") || !strcmp(word, "boy")) {
            if (num < 0)
                return 0;
            g->boys = num;
            num = -1;
        } else if (!strcmp(word, "girls") || !strcmp(word, "girl")) {
            if (num < 0)
                return 0;
            g->girls = num;
            num = -1;
        } else if (!strcmp(word, "aged")) {
            if (sscanf(p, " %31s%n", word, &n) != 1 ||
                parse_ages(word, &g->age_min, &g->age_max) != (int)strlen(word))
                return 0;
            p += n;
            have_ages = 1;
        } else if (strcmp(word, "and") && strcmp(word, ",")) {
            return 0;
        }
    }
    if (!have_ages || num >= 0 || (g->boys <= 0 && g->girls <= 0))
        return 0;
    g->want_male = g->boys > 0;
    g->want_female = g->girls > 0;
    return 1;
}

const char *mc_group_spec_label(const struct mc_group_spec *spec, char *buf, size_t size)
{
    if (spec->boys <= 0 && spec->girls <= 0) {
        snprintf(buf, size, "%s", spec->text);
        return buf;
    }
    /* The counts and ages in words of the reader's language, with its
     * plurals: "14 мальчиков и 12 девочек 7–11 лет". */
    char boys[64] = "", girls[64] = "", kids[160], ages[32];
    if (spec->boys > 0)
        snprintf(boys, sizeof boys, mc_ngettext("%ld boy", "%ld boys",
                                                (unsigned long)spec->boys), spec->boys);
    if (spec->girls > 0)
        snprintf(girls, sizeof girls, mc_ngettext("%ld girl", "%ld girls",
                                                  (unsigned long)spec->girls), spec->girls);
    if (*boys && *girls)
        snprintf(kids, sizeof kids, C_("roster", "%s and %s"), boys, girls);
    else
        snprintf(kids, sizeof kids, "%s", *boys ? boys : girls);
    if (spec->age_min == spec->age_max)
        snprintf(ages, sizeof ages, "%d", spec->age_min);
    else
        snprintf(ages, sizeof ages, C_("roster", "%d-%d"), spec->age_min, spec->age_max);
    /* TRANSLATORS: children (14 boys and 12 girls) and their ages (7-11);
     * the plural follows the oldest age. */
    snprintf(buf, size, mc_ngettext("%s aged %s", "%s aged %s",
                                    (unsigned long)spec->age_max), kids, ages);
    return buf;
}

mc_code mc_group_spec_parse(const char *text, struct mc_group_spec *out,
                            struct mc_err *err)
{
    memset(out, 0, sizeof *out);
    if (!(out->text = strdup(text)))
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    int n = parse_ages(text, &out->age_min, &out->age_max);
    const char *sx = text + n + (text[n] == ':');
    int male = !strcasecmp(sx, "male") || !strcasecmp(sx, "boys");
    int female = !strcasecmp(sx, "female") || !strcasecmp(sx, "girls");
    if (n > 0 && (male || female || !*sx || !strcasecmp(sx, "both") ||
                  !strcasecmp(sx, "any"))) {
        out->is_ages = 1;
        out->want_male = !female;
        out->want_female = !male;
    } else if (!parse_roster(text, out)) {
        char *keep = out->text; /* not a roster: a group id */
        memset(out, 0, sizeof *out);
        out->text = keep;
    } else {
        out->is_ages = 1;
    }
    return MC_OK;
}

void mc_group_spec_release(struct mc_group_spec *spec)
{
    if (!spec)
        return;
    free(spec->text);
    spec->text = NULL;
}

static mc_code group_error(const struct mc_standard *std,
                           const struct mc_group_spec *spec, const char *why,
                           struct mc_err *err)
{
    char list[4096] = "";
    size_t len = 0;
    for (size_t g = 0; g < std->n_groups && len < sizeof list; g++) {
        const struct mc_norm_group *gr = &std->groups[g];
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s (%d-%d, %s)",
                                g ? ", " : "", gr->id, gr->age_min, gr->age_max,
                                mc_sex_name(gr->sex));
    }
    return mc_err_set(err, MC_ERR_NOT_FOUND,
                      "%s group '%s' for standard '%s' (groups: %s; or give ages "
                      "such as '7-11', '9-13:female', '14 boys and 12 girls "
                      "aged 9-13')", why, spec->text, std->id, list);
}

static int sex_matches(enum mc_sex g, int male)
{
    return g == MC_SEX_ANY || g == (male ? MC_SEX_MALE : MC_SEX_FEMALE);
}

mc_code mc_standard_select_groups(const struct mc_standard *std,
                                  const struct mc_group_spec *spec,
                                  size_t *idx, size_t *n, struct mc_err *err)
{
    *n = 0;
    if (!spec->is_ages) {
        for (size_t g = 0; g < std->n_groups; g++)
            if (!strcasecmp(std->groups[g].id, spec->text)) {
                idx[(*n)++] = g;
                return MC_OK;
            }
        return group_error(std, spec, C_("group", "unknown"), err);
    }
    for (size_t g = 0; g < std->n_groups; g++) {
        const struct mc_norm_group *gr = &std->groups[g];
        if (gr->age_max < spec->age_min || gr->age_min > spec->age_max)
            continue;
        if ((spec->want_male && sex_matches(gr->sex, 1)) ||
            (spec->want_female && sex_matches(gr->sex, 0)))
            idx[(*n)++] = g;
    }
    /* Every age and sex of the class must have a norm group. */
    for (int age = spec->age_min; age <= spec->age_max; age++) {
        int missing[2] = {0, 0}; /* girls, boys */
        for (int male = 0; male <= 1; male++) {
            int found = 0;
            for (size_t i = 0; i < *n && !found; i++) {
                const struct mc_norm_group *gr = &std->groups[idx[i]];
                found = age >= gr->age_min && age <= gr->age_max &&
                        sex_matches(gr->sex, male);
            }
            missing[male] = !found && (male ? spec->want_male : spec->want_female);
        }
        if (missing[0] || missing[1]) {
            char why[96];
            snprintf(why, sizeof why, _("no norms for %s aged %d in"),
                     missing[0] && missing[1] ? _("children") : missing[1] ? _("boys")
                                                                          : _("girls"),
                     age);
            *n = 0;
            return group_error(std, spec, why, err);
        }
    }
    return MC_OK;
}

mc_code mc_standard_resolve_groups(const struct mc_standard *const *stds,
                                   size_t n_std, const char *const *texts,
                                   size_t n, struct mc_group_spec *specs,
                                   struct mc_err *err)
{
    mc_code rc = MC_OK;
    size_t idx[256];
    for (size_t g = 0; g < n; g++) {
        if (mc_group_spec_parse(texts[g], &specs[g], err))
            return MC_ERR_NOMEM;
        for (size_t i = 0; i < n_std; i++) {
            size_t k;
            if (stds[i] && stds[i]->n_groups <= sizeof idx / sizeof *idx &&
                mc_standard_select_groups(stds[i], &specs[g], idx, &k, err))
                rc = MC_ERR_NOT_FOUND;
        }
    }
    return rc;
}
