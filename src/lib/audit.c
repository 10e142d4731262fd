/*
 * audit.c - checking every school of a manifest, on several threads.
 *
 * A first read of the manifest plans the audit: books (loaded then, on the
 * calling thread), menus and workbook names.  Workers then take schools in
 * manifest order from a shared counter, reading each school's row
 * (mc_manifest_rows) as they take it, so no school is held beyond its
 * row's time in the window below.  A menu used by several
 * schools is loaded by the first worker that needs it (the others wait on
 * its lock) and freed when its last school is done, so at most a few menus
 * are in memory at once when schools have menus of their own.
 *
 * A finished row waits in a window of rows until the rows before it are
 * done; then one worker at a time folds it into the totals and hands it
 * to the caller.  A worker does not take a school beyond the window, so
 * the rows in memory are bounded by the threads, not the schools.
 */
#include "mealcheck/audit.h"
#include "mealcheck/i18n.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mealcheck/food_db.h"
#include "mealcheck/menu.h"
#include "mealcheck/recipe.h"
#include "mealcheck/report_xlsx.h"
#include "mealcheck/suggest.h"
#include "mealcheck/text.h"
#include "array.h"

#define MAX_LIST 16 /* norm sets and groups of one school, as check allows */
#define WINDOW 512  /* rows a thread may be ahead of the first one not done: 240 KB
                       a thread, some 0.15 s of checks, so that a thread the
                       system puts off a while does not stop the others */

struct book_entry {
    char *path;                         /* NULL: no book given */
    char *aliases;                      /* the schools' own alias table, or NULL */
    struct mc_food_db *db;              /* with those aliases; NULL: the worker's */
    struct mc_recipe_book *book;
    char *error;                        /* the load's messages, or NULL */
};

/* A menu being loaded, used or kept for its warnings. */
struct menu_state {
    pthread_mutex_t lock;
    char *path;                         /* the menu's file */
    uint32_t book;                      /* read with this book */
    struct menu_state *next_stray;      /* a menu of R->strays */
    int loaded;
    struct mc_menu *menu;
    char *error;
    struct mc_err warn;                 /* the load's warnings (columns not read) */
};

/* A menu of the plan: 16 bytes, its state only while it is in use. */
struct menu_entry {
    struct menu_state *st;              /* NULL until its first school, or once done
                                           without warnings */
    uint32_t users;                     /* schools not yet done with it */
};

/* What names the workbooks need beyond a school's own row: the lines of
 * the plain ids whose name a changed id takes (mc_audit_report_names). */
struct names {
    struct candidate { long line, want; char *name; } *cand; /* plain ids "X~N" */
    size_t n_cand, cap_cand;
    long *taken;                        /* sorted */
    size_t n_taken;
};

static char *report_name(const char *id, long line, int suffix, int *changed);
static int names_note(struct names *P, const struct mc_manifest_school *s);
static mc_code names_resolve(struct names *P, const struct mc_manifest *m,
                             struct mc_err *err);
static char *name_of(const struct names *P, const struct mc_manifest_school *s);
static void names_release(struct names *P);

/* A row being made or waiting for the rows before it. */
struct slot {
    struct mc_manifest_school ms;       /* its manifest row, read when taken */
    struct mc_audit_school s;
    int ready;
};

struct run {
    const struct mc_manifest *m;
    const struct mc_audit_opts *o;
    struct mc_audit *a;
    struct book_entry *books;  size_t n_books;
    uint32_t *school_book;              /* per school: its book entry */
    struct menu_entry *menus;  size_t n_menus;
    uint32_t *school_menu;              /* per school: its menu entry */
    struct menu_state *strays;          /* menus read for one school alone */
    struct names names;                 /* the workbooks' names */
    struct mc_manifest_rows *rows;      /* the schools, read as they are taken */
    struct slot *slots;                 /* school i's row: slots[i % window] */
    size_t window;
    FILE *pcts;                         /* per checked school, MC_N_COUNT % of norm */
    size_t cap_districts;
    int worst[MC_N_COUNT];              /* per nutrient, the verdict of its worst school */
    pthread_mutex_t lock;               /* next, done, emitted, emitting, fail, menu states */
    pthread_cond_t moved;               /* emitted moved on */
    pthread_mutex_t alias_lock;         /* a book's own database, one menu at a time */
    size_t next, done, emitted;
    int emitting;                       /* a worker is handing rows on */
    struct mc_err fail;                 /* what stops the audit */
};

static struct mc_audit_school *row(struct run *R, size_t i)
{
    return &R->slots[i % R->window].s;
}

static const struct mc_manifest_school *school_of(const struct run *R, size_t i)
{
    return &R->slots[i % R->window].ms;
}

/* ---- one school, reduced ---------------------------------------------------- */

/* Worse bounds rank higher: fail, advisory, pass, insufficient data. */
static int rank(enum mc_verdict v)
{
    switch (v) {
    case MC_VERDICT_FAIL: return 4;
    case MC_VERDICT_ADVISORY: return 3;
    case MC_VERDICT_PASS: return 2;
    case MC_VERDICT_INSUFFICIENT: return 1;
    }
    return 0;
}

static double distance(double pct)
{
    return isnan(pct) ? -1.0 : fabs(pct - 100.0);
}

/* 1 when (v, pct) is worse than (w, wpct). */
static int worse(enum mc_verdict v, double pct, int w, double wpct)
{
    int rv = rank(v), rw = w < 0 ? 0 : rank((enum mc_verdict)w);
    return rv != rw ? rv > rw : distance(pct) > distance(wpct);
}

static void summarize(const struct mc_check *c, struct mc_audit_school *s)
{
    int worst = -1;
    s->worst = -1;
    s->worst_pct = NAN;
    s->coverage = NAN;
    for (size_t i = 0; i < c->n_results; i++) {
        const struct mc_check_result *r = &c->results[i];
        s->n_fail += r->n_fail;
        s->n_advisory += r->n_advisory;
        s->n_insufficient += r->n_insufficient;
        s->n_pass += r->n_pass;
        s->n_deciding += r->n_deciding;
        for (size_t k = 0; k < r->n_items; k++) {
            const struct mc_check_item *it = &r->items[k];
            double pct = it->avg.pct_of_norm;
            if (it->verdict != MC_VERDICT_INSUFFICIENT &&
                it->avg.status != MC_STATUS_NONE && !(it->avg.coverage >= s->coverage))
                s->coverage = it->avg.coverage;
            if (worse(it->verdict, pct, s->nutrient_verdict[it->nutrient],
                      s->pct[it->nutrient])) {
                s->nutrient_verdict[it->nutrient] = (signed char)it->verdict;
                s->pct[it->nutrient] = pct;
            }
            if (worse(it->verdict, pct, worst, s->worst_pct)) {
                worst = (int)it->verdict;
                s->worst = (int)it->nutrient;
                s->worst_pct = pct;
                s->worst_std = r->std;
                snprintf(s->worst_meal, sizeof s->worst_meal, "%s",
                         it->meal ? it->meal : "");
            }
        }
    }
    static const enum mc_audit_verdict of_outcome[] = {
        [MC_OUTCOME_COMPLIES] = MC_AUDIT_COMPLIES, [MC_OUTCOME_ADVISORY] = MC_AUDIT_ADVISORY,
        [MC_OUTCOME_UNDECIDED] = MC_AUDIT_INSUFFICIENT, [MC_OUTCOME_FAILS] = MC_AUDIT_FAILS};
    s->verdict = c->outcome == MC_OUTCOME_UNDECIDED && c->why == MC_UNDECIDED_UNVERIFIED
                     ? MC_AUDIT_UNVERIFIED : of_outcome[c->outcome];
}

/* ---- errors of a school ------------------------------------------------------ */

/* The school is not checked, for the reasons in text (lines ending '\n'). */
static mc_code not_checked(struct mc_audit_school *s, const char *text)
{
    s->verdict = MC_AUDIT_NOT_CHECKED;
    s->error = strdup(text && *text ? text : "unknown error\n");
    return s->error ? MC_OK : MC_ERR_NOMEM;
}

/* Each message of from again, located at path:line:col (path NULL: as
 * they are); from is released. */
static void relocate(struct mc_err *from, const char *path, long line, long col,
                     struct mc_err *to)
{
    for (size_t i = 0; i < mc_err_diag_count(from); i++) {
        const struct mc_diag *d = mc_err_diag(from, i);
        if (d->severity != MC_SEVERITY_ERROR)
            continue;
        char text[4096];
        mc_diag_format(d, text, sizeof text);
        if (path)
            mc_err_at(to, d->code, path, line, col, "%s", text);
        else
            mc_err_set(to, d->code, "%s", text);
    }
    mc_err_release(from);
}

/* ---- workers ---------------------------------------------------------------- */

struct worker {
    struct run *run;
    struct mc_food_db *db;
    struct mc_food_db_provenance prov;
    int have_prov;
    struct mc_err fatal;                /* what stopped this worker */
};

/* The school's menu, loaded by the first school that needs it; NULL out
 * of memory. */
static struct menu_state *menu_state_new(const char *path, uint32_t book)
{
    struct menu_state *st = calloc(1, sizeof *st);
    if (st && !(st->path = strdup(path))) {
        free(st);
        return NULL;
    }
    if (st) {
        st->book = book;
        pthread_mutex_init(&st->lock, NULL);
    }
    return st;
}

/* The school's menu, loaded by the first school that needs it; NULL out
 * of memory.  A menu whose plan key another menu shares (equal 64-bit
 * hashes: not seen in practice) is read for the school alone. */
static struct menu_state *menu_of(struct worker *W, size_t i)
{
    struct run *R = W->run;
    const struct mc_manifest_school *ms = school_of(R, i);
    struct menu_entry *e = &R->menus[R->school_menu[i]];
    const struct book_entry *b = &R->books[R->school_book[i]];
    pthread_mutex_lock(&R->lock);
    if (!e->st)
        e->st = menu_state_new(ms->menu, R->school_book[i]);
    struct menu_state *st = e->st;
    if (st && (strcmp(st->path, ms->menu) || st->book != R->school_book[i]))
        st = menu_state_new(ms->menu, R->school_book[i]);
    pthread_mutex_unlock(&R->lock);
    if (!st)
        return NULL;
    pthread_mutex_lock(&st->lock);
    if (!st->loaded) {
        struct mc_err err = {0};
        /* A book read with a school's own aliases reads its menu with them
         * too; that handle is shared, so one menu at a time. */
        if (b->db)
            pthread_mutex_lock(&R->alias_lock);
        mc_code rc = mc_menu_load(ms->menu, b->book, b->db ? b->db : W->db,
                                  &st->menu, &err);
        if (b->db)
            pthread_mutex_unlock(&R->alias_lock);
        if (rc && err.code != MC_ERR_NOMEM)
            st->error = strdup(mc_err_text(&err) ? mc_err_text(&err) : "unknown error\n");
        mc_err_move_warnings(&st->warn, &err);
        mc_err_release(&err);
        st->loaded = 1;
    }
    pthread_mutex_unlock(&st->lock);
    return st;
}

static void menu_state_free(struct menu_state *st)
{
    if (!st)
        return;
    free(st->path);
    mc_menu_free(st->menu);
    free(st->error);
    mc_err_release(&st->warn);
    pthread_mutex_destroy(&st->lock);
    free(st);
}

/* School i no longer needs its menu: the last one frees it, and its state
 * unless it has warnings to report at the end. */
static void menu_done(struct run *R, size_t i, struct menu_state *used)
{
    struct menu_entry *e = &R->menus[R->school_menu[i]];
    struct menu_state *gone = NULL;
    pthread_mutex_lock(&R->lock);
    if (used && used != e->st) { /* read for this school alone */
        mc_menu_free(used->menu);
        used->menu = NULL;
        if (used->warn.n_warnings) {
            used->next_stray = R->strays;
            R->strays = used;
        } else {
            gone = used;
        }
    }
    if (--e->users == 0 && e->st) {
        if (e->st->warn.n_warnings) {
            mc_menu_free(e->st->menu);
            e->st->menu = NULL;
        } else {
            gone = e->st;
            e->st = NULL;
        }
    }
    pthread_mutex_unlock(&R->lock);
    menu_state_free(gone);
}

/* DIR/name. */
static char *report_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* School i's workbook.  Only running out of memory stops the audit; any
 * other failure to write it is the school's. */
static mc_code write_report(struct worker *W, size_t i, const struct mc_check *c,
                            const struct mc_recipe_book *book,
                            const struct mc_suggestion *sug)
{
    struct run *R = W->run;
    const struct mc_manifest_school *ms = school_of(R, i);
    struct mc_audit_school *s = row(R, i);
    if (!W->have_prov) {
        if (mc_food_db_provenance(W->db, &W->prov, &W->fatal))
            return W->fatal.code;
        W->have_prov = 1;
    }
    char *name = name_of(&R->names, ms), *path = NULL;
    if (!name || !(path = report_path(R->o->per_school_dir, name))) {
        free(name);
        return mc_err_set(&W->fatal, MC_ERR_NOMEM, "out of memory");
    }
    struct mc_report rep = {.check = c, .book = book, .prov = &W->prov,
                            .title = *ms->name ? ms->name : ms->id, .served_only = 1,
                            .db = W->db, .suggestion = sug, .fast = 1};
    struct mc_err e = {0}, at = {0};
    mc_code rc = mc_report_xlsx_write(&rep, path, &e);
    free(path);
    if (rc == MC_ERR_NOMEM) {
        free(name);
        mc_err_release(&e);
        return mc_err_set(&W->fatal, rc, "out of memory");
    }
    if (rc) {
        free(name);
        relocate(&e, NULL, 0, 0, &at);
        rc = not_checked(s, mc_err_text(&at));
        mc_err_release(&at);
        return rc;
    }
    s->report = name;
    return MC_OK;
}

/* The smallest change that makes school i's failing menu comply, for its
 * workbook's Suggestions sheet; bounded by the solver's time limits
 * (suggest.h).  A suggestion that cannot be made leaves the school not
 * checked, with the reason, as a workbook that cannot be written does. */
static mc_code suggest(struct worker *W, size_t i, const struct mc_menu *menu,
                       const struct mc_recipe_book *book,
                       const struct mc_standard *const *stds,
                       const struct mc_group_spec *specs, const struct mc_check_opts *opts,
                       struct mc_suggestion **out)
{
    const struct mc_manifest_school *ms = school_of(W->run, i);
    const struct mc_suggest_opts so = {0};
    struct mc_err e = {0}, at = {0};
    mc_code rc = mc_suggest_run(menu, book, W->db, stds, ms->n_standards, specs,
                                ms->n_groups, opts, &so, out, &e);
    if (rc == MC_ERR_NOMEM) {
        mc_err_release(&e);
        return mc_err_set(&W->fatal, rc, "out of memory");
    }
    if (rc) {
        relocate(&e, NULL, 0, 0, &at);
        rc = not_checked(row(W->run, i), mc_err_text(&at));
        mc_err_release(&at);
        return rc;
    }
    mc_err_release(&e);
    return MC_OK;
}

/* Check school i against its menu into its row. */
static mc_code judge(struct worker *W, size_t i, const struct mc_menu *menu,
                     const struct mc_standard *const *stds,
                     const struct mc_group_spec *specs)
{
    struct run *R = W->run;
    const struct mc_manifest_school *ms = school_of(R, i);
    struct mc_audit_school *s = row(R, i);
    struct mc_check_opts opts = {.date = R->o->date, .average = R->o->average,
                                 .shares = ms->shares, .n_shares = ms->n_shares};
    struct mc_err e = {0}, at = {0};
    struct mc_check *c = NULL;
    mc_code rc = mc_check_run(menu, stds, ms->n_standards, specs, ms->n_groups,
                              &opts, &c, &e);
    if (rc == MC_ERR_NOMEM) {
        mc_err_release(&e);
        return mc_err_set(&W->fatal, rc, "out of memory");
    }
    if (rc) {
        relocate(&e, R->m->path, ms->line, 0, &at);
        rc = not_checked(s, mc_err_text(&at));
        mc_err_release(&at);
        return rc;
    }
    mc_err_release(&e); /* the check's warnings: a row has no room for them */
    summarize(c, s);
    if (R->o->per_school_dir) {
        const struct mc_recipe_book *book = R->books[R->school_book[i]].book;
        struct mc_suggestion *sug = NULL;
        if (R->o->suggest && c->outcome == MC_OUTCOME_FAILS)
            rc = suggest(W, i, menu, book, stds, specs, &opts, &sug);
        if (!rc && s->verdict != MC_AUDIT_NOT_CHECKED)
            rc = write_report(W, i, c, book, sug);
        mc_suggestion_free(sug);
    }
    mc_check_free(c);
    return rc;
}

/* Check school i into its row.  Returns a code only for what stops the
 * audit (recorded in W->fatal); the school's own problems go into its row. */
static mc_code check_school(struct worker *W, size_t i)
{
    struct run *R = W->run;
    const struct mc_manifest *m = R->m;
    const struct mc_manifest_school *ms = school_of(R, i);
    struct mc_audit_school *s = row(R, i);
    struct menu_state *me = NULL;
    const struct book_entry *b = &R->books[R->school_book[i]];
    const struct mc_standard *stds[MAX_LIST] = {0};
    struct mc_group_spec specs[MAX_LIST] = {{0}};
    struct mc_err e = {0}, at = {0};
    mc_code rc = MC_OK;

    for (size_t k = 0; k < ms->n_standards && k < MAX_LIST; k++)
        mc_standard_get(R->o->standards, ms->standards[k], &stds[k], &e);
    if (ms->n_standards > MAX_LIST)
        mc_err_set(&e, MC_ERR_INPUT, "%zu norm sets; at most %d", ms->n_standards,
                   MAX_LIST);
    relocate(&e, m->path, ms->line, m->col_standards, &at);
    if (ms->n_groups > MAX_LIST)
        mc_err_set(&e, MC_ERR_INPUT, "%zu groups; at most %d", ms->n_groups, MAX_LIST);
    else if (ms->n_standards <= MAX_LIST)
        rc = mc_standard_resolve_groups(stds, ms->n_standards,
                                        (const char *const *)ms->groups,
                                        ms->n_groups, specs, &e);
    relocate(&e, m->path, ms->line, m->col_groups, &at);
    if (rc == MC_ERR_NOMEM) {
        rc = mc_err_set(&W->fatal, rc, "out of memory");
    } else if (at.count) {
        rc = not_checked(s, mc_err_text(&at));
    } else if (!b->book) {
        rc = not_checked(s, b->error ? b->error
                                     : "no recipe book: the school names none and "
                                       "the audit has no shared book\n");
    } else {
        me = menu_of(W, i);
        rc = me && me->menu ? judge(W, i, me->menu, stds, specs)
             : me && me->error ? not_checked(s, me->error)
                         : mc_err_set(&W->fatal, MC_ERR_NOMEM, "out of memory");
    }
    menu_done(R, i, me);
    for (size_t k = 0; k < MAX_LIST; k++)
        mc_group_spec_release(&specs[k]);
    mc_err_release(&at);
    if (rc && !W->fatal.count)
        mc_err_set(&W->fatal, rc, "out of memory");
    return rc;
}

/* ---- totals, as the rows come ------------------------------------------------ */

/* Fold row s into the totals: verdicts, its district, its nutrients; its
 * % of norm go to the temporary file the medians are found in. */
static mc_code fold(struct run *R, const struct mc_audit_school *s, struct mc_err *err)
{
    struct mc_audit *a = R->a;
    const struct mc_manifest_school *ms = s->school;
    a->count[s->verdict]++;
    size_t d = 0;
    while (d < a->n_districts && strcmp(a->districts[d].name, ms->district))
        d++;
    if (d == a->n_districts) {
        if (d == R->cap_districts) {
            size_t cap = R->cap_districts ? 2 * R->cap_districts : 16;
            struct mc_audit_district *grown = realloc(a->districts, cap * sizeof *grown);
            if (!grown)
                return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            a->districts = grown;
            R->cap_districts = cap;
        }
        memset(&a->districts[d], 0, sizeof a->districts[d]);
        if (!(a->districts[d].name = strdup(ms->district)) ||
            !(a->districts[d].region = strdup(ms->region))) {
            free(a->districts[d].name);
            return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        }
        a->n_districts++;
    }
    struct mc_audit_district *dd = &a->districts[d];
    dd->count[s->verdict]++;
    dd->n++;
    for (int n = 0; n < MC_N_COUNT; n++)
        dd->failing[n] += s->nutrient_verdict[n] == MC_VERDICT_FAIL;
    if (s->verdict == MC_AUDIT_NOT_CHECKED)
        return MC_OK;
    double pct[MC_N_COUNT];
    for (int n = 0; n < MC_N_COUNT; n++) {
        struct mc_audit_nutrient *t = &a->nutrients[n];
        pct[n] = NAN;
        if (s->nutrient_verdict[n] < 0)
            continue;
        t->n_schools++;
        t->n_failing += s->nutrient_verdict[n] == MC_VERDICT_FAIL;
        if (isnan(s->pct[n]))
            continue;
        pct[n] = s->pct[n];
        t->n_known++;
        /* The first school with the worst: ties keep the earlier. */
        if (worse((enum mc_verdict)s->nutrient_verdict[n], s->pct[n], R->worst[n],
                  t->worst_pct)) {
            char *id = strdup(ms->id);
            if (!id)
                return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            free(t->worst_school);
            t->worst_school = id;
            R->worst[n] = s->nutrient_verdict[n];
            t->worst_pct = s->pct[n];
        }
    }
    if (fwrite(pct, sizeof pct, 1, R->pcts) != 1)
        return mc_err_set(err, MC_ERR_IO, "cannot write a temporary file: %s",
                          strerror(errno));
    return MC_OK;
}

/* A double as an unsigned key in the same order (NaN excluded). */
static uint64_t key_of(double v)
{
    uint64_t b;
    memcpy(&b, &v, sizeof b);
    return b >> 63 ? ~b : b | UINT64_C(1) << 63;
}

static double of_key(uint64_t k)
{
    uint64_t b = k >> 63 ? k & ~(UINT64_C(1) << 63) : ~k;
    double v;
    memcpy(&v, &b, sizeof v);
    return v;
}

/* Each nutrient's median % of norm, from the file of the schools' values:
 * the two middle values (one when their number is odd) found a byte of
 * their key at a time, most significant first, by counting the values
 * that share the bytes found so far: eight reads of the file and 150 KB
 * of counts, whatever the number of schools. */
static mc_code medians(struct run *R, struct mc_err *err)
{
    struct mc_audit *a = R->a;
    size_t want[MC_N_COUNT][2];
    uint64_t found[MC_N_COUNT][2] = {{0}};
    size_t (*count)[2][256] = malloc(MC_N_COUNT * sizeof *count);
    double (*rec)[MC_N_COUNT] = malloc(256 * sizeof *rec);
    if (!count || !rec) {
        free(count);
        free(rec);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    for (int n = 0; n < MC_N_COUNT; n++) {
        want[n][0] = a->nutrients[n].n_known ? (a->nutrients[n].n_known - 1) / 2 : 0;
        want[n][1] = a->nutrients[n].n_known / 2;
    }
    mc_code rc = MC_OK;
    for (int shift = 56; shift >= 0 && !rc; shift -= 8) {
        memset(count, 0, MC_N_COUNT * sizeof *count);
        rewind(R->pcts);
        size_t got;
        while ((got = fread(rec, sizeof *rec, 256, R->pcts)) > 0)
            for (size_t k = 0; k < got; k++)
                for (int n = 0; n < MC_N_COUNT; n++) {
                    if (isnan(rec[k][n]))
                        continue;
                    uint64_t key = key_of(rec[k][n]);
                    for (int h = 0; h < 2; h++)
                        if (shift == 56 || (key ^ found[n][h]) >> (shift + 8) == 0)
                            count[n][h][key >> shift & 255]++;
                }
        if (ferror(R->pcts)) {
            rc = mc_err_set(err, MC_ERR_IO, "cannot read a temporary file: %s",
                            strerror(errno));
            break;
        }
        for (int n = 0; n < MC_N_COUNT; n++)
            for (int h = 0; h < 2 && a->nutrients[n].n_known; h++) {
                unsigned b = 0;
                while (want[n][h] >= count[n][h][b])
                    want[n][h] -= count[n][h][b++];
                found[n][h] |= (uint64_t)b << shift;
            }
    }
    for (int n = 0; n < MC_N_COUNT && !rc; n++)
        if (a->nutrients[n].n_known)
            a->nutrients[n].median_pct = a->nutrients[n].n_known % 2
                ? of_key(found[n][0])
                : (of_key(found[n][0]) + of_key(found[n][1])) / 2.0;
    free(count);
    free(rec);
    return rc;
}

/* Hand on the rows that are done, in order, one worker at a time; called
 * and returns with R->lock held. */
static mc_code emit(struct run *R, struct mc_err *err)
{
    mc_code rc = MC_OK;
    if (R->emitting)
        return MC_OK;
    R->emitting = 1;
    while (!rc && !R->fail.count && R->slots[R->emitted % R->window].ready) {
        struct slot *sl = &R->slots[R->emitted % R->window];
        pthread_mutex_unlock(&R->lock);
        rc = fold(R, &sl->s, err);
        if (!rc && R->o->school)
            R->o->school(R->o->school_arg, &sl->s);
        free(sl->s.error);
        free(sl->s.report);
        sl->s.error = sl->s.report = NULL;
        mc_manifest_school_release(&sl->ms);
        pthread_mutex_lock(&R->lock);
        sl->ready = 0;
        R->emitted++;
        pthread_cond_broadcast(&R->moved);
    }
    R->emitting = 0;
    return rc;
}

/* ---- workers, the loop --------------------------------------------------------- */

/* An empty row for school i. */
static void row_init(struct run *R, size_t i)
{
    struct mc_audit_school *s = row(R, i);
    memset(s, 0, sizeof *s);
    s->school = school_of(R, i);
    s->worst = -1;
    s->worst_pct = s->coverage = NAN;
    for (int n = 0; n < MC_N_COUNT; n++) {
        s->nutrient_verdict[n] = -1;
        s->pct[n] = NAN;
    }
}

static void *work(void *arg)
{
    struct worker *W = arg;
    struct run *R = W->run;
    pthread_mutex_lock(&R->lock);
    for (;;) {
        while (!R->fail.count && R->next < R->m->n && R->next >= R->emitted + R->window)
            pthread_cond_wait(&R->moved, &R->lock);
        size_t i = R->next++;
        if (i >= R->m->n || R->fail.count)
            break;
        /* The rows are read in order, as they are taken: the lock is held
         * a microsecond for a check of a millisecond. */
        int got = mc_manifest_rows_next(R->rows, &R->slots[i % R->window].ms, &W->fatal);
        if (got != 1) {
            if (got == 0) /* a manifest changed by its owner meanwhile */
                mc_err_set(&W->fatal, MC_ERR_INPUT, "%s: %zu schools, fewer than "
                           "counted", R->m->path, i);
            R->fail = W->fatal;
            memset(&W->fatal, 0, sizeof W->fatal);
            pthread_cond_broadcast(&R->moved);
            break;
        }
        row_init(R, i);
        pthread_mutex_unlock(&R->lock);
        mc_code rc = check_school(W, i);
        pthread_mutex_lock(&R->lock);
        R->slots[i % R->window].ready = 1;
        if (!rc)
            rc = emit(R, &W->fatal);
        if (rc && !R->fail.count) {
            R->fail = W->fatal;
            memset(&W->fatal, 0, sizeof W->fatal);
            pthread_cond_broadcast(&R->moved);
        }
        R->done++;
        if (R->o->progress)
            R->o->progress(R->o->progress_arg, R->done, R->m->n);
        if (rc)
            break;
    }
    pthread_mutex_unlock(&R->lock);
    return NULL;
}

/* ---- set-up: books and menus ------------------------------------------------- */

/* Is b the book at path read with aliases (either may be NULL)?  The same
 * book read with other aliases is another book. */
static int same_book(const struct book_entry *b, const char *path, const char *aliases)
{
    return (path ? b->path && !strcmp(b->path, path) : !b->path) &&
           (aliases ? b->aliases && !strcmp(b->aliases, aliases) : !b->aliases);
}

/* The book entry of (path, aliases), loaded when first met; -1 with err
 * set when the audit cannot go on. */
static long book_of(struct run *R, struct mc_food_db *shared, const char *path,
                    const char *aliases, size_t *cap, struct mc_err *err)
{
    size_t k = 0;
    while (k < R->n_books && !same_book(&R->books[k], path, aliases))
        k++;
    if (k < R->n_books)
        return (long)k;
    if (mc_array_reserve(&R->books, cap, R->n_books + 1, sizeof *R->books, 4)) {
        mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        return -1;
    }
    struct book_entry *b = &R->books[R->n_books++];
    memset(b, 0, sizeof *b);
    if ((path && !(b->path = strdup(path))) || (aliases && !(b->aliases = strdup(aliases)))) {
        mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        return -1;
    }
    if (!path)
        return (long)k;
    struct mc_err e = {0};
    mc_code rc = MC_OK;
    struct mc_food_db *db = shared;
    if (aliases && !(rc = mc_food_db_open(R->o->db_path, &b->db, &e)) &&
        (rc = mc_food_db_add_aliases(b->db, aliases, NULL, &e)) == MC_OK)
        db = b->db;
    if (!rc)
        rc = mc_recipe_book_load(path, db, R->o->cooking, &b->book, &e);
    if (rc == MC_ERR_NOMEM || rc == MC_ERR_DB) {
        relocate(&e, NULL, 0, 0, err);
        return -1;
    }
    if (rc && !(b->error = strdup(mc_err_text(&e) ? mc_err_text(&e) : "unknown error\n"))) {
        mc_err_release(&e);
        mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        return -1;
    }
    mc_err_move_warnings(err, &e);
    mc_err_release(&e);
    return (long)k;
}

/* A menu's key in the plan: its path and book, hashed. */
static uint64_t menu_key(const char *path, uint32_t book)
{
    uint64_t h = (uint64_t)mc_text_hash(path);
    for (int k = 0; k < 4; k++)
        h = (h ^ (book >> (8 * k) & 255)) * UINT64_C(1099511628211);
    return h ? h : 1;
}

/* The plan, in one read of the manifest: each school's book (loaded on the
 * calling thread, in the order first met) and menu entry, each menu's
 * number of schools, and what the workbooks' names need.  The menus are
 * told apart by a hash of path and book (12 bytes a school for the time
 * of the plan): what is kept is 8 bytes a school and 16 a menu. */
static mc_code plan(struct run *R, struct mc_food_db *db, struct mc_err *err)
{
    size_t n = R->m->n, cap_books = 0, cap_menus = 0, cap = 64;
    while (cap < 2 * n)
        cap *= 2;
    uint64_t *keys = calloc(cap, sizeof *keys);
    uint32_t *at = malloc(cap * sizeof *at);
    struct mc_manifest_rows *rows = NULL;
    struct mc_manifest_school s = {0};
    mc_code rc = MC_OK;
    if (!keys || !at || !(R->school_book = malloc(n * sizeof *R->school_book)) ||
        !(R->school_menu = malloc(n * sizeof *R->school_menu))) {
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        goto done;
    }
    if ((rc = mc_manifest_rows_open(R->m, &rows, err)))
        goto done;
    for (size_t i = 0; i < n; i++) {
        int got = mc_manifest_rows_next(rows, &s, err);
        if (got != 1) {
            rc = got ? err->code
                     : mc_err_set(err, MC_ERR_INPUT, "%s: %zu schools, fewer than counted",
                                  R->m->path, i);
            goto done;
        }
        long b = book_of(R, db, s.recipes ? s.recipes : R->o->recipes, s.aliases,
                         &cap_books, err);
        if (b < 0 || (R->o->per_school_dir && names_note(&R->names, &s))) {
            rc = b < 0 ? err->code : mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            goto done;
        }
        R->school_book[i] = (uint32_t)b;
        uint64_t key = menu_key(s.menu, (uint32_t)b);
        size_t h = key;
        while (keys[h & (cap - 1)] && keys[h & (cap - 1)] != key)
            h++;
        if (!keys[h & (cap - 1)]) {
            if (mc_array_reserve(&R->menus, &cap_menus, R->n_menus + 1, sizeof *R->menus,
                                 64)) {
                rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
                goto done;
            }
            keys[h & (cap - 1)] = key;
            at[h & (cap - 1)] = (uint32_t)R->n_menus;
            R->menus[R->n_menus++] = (struct menu_entry){0};
        }
        R->school_menu[i] = at[h & (cap - 1)];
        R->menus[R->school_menu[i]].users++;
        mc_manifest_school_release(&s);
    }
    if (R->o->per_school_dir)
        rc = names_resolve(&R->names, R->m, err);
done:
    mc_manifest_school_release(&s);
    mc_manifest_rows_close(rows);
    free(keys);
    free(at);
    return rc;
}

/* Menus by path, then book: their warnings in that order. */
static int cmp_menu_state(const void *pa, const void *pb)
{
    const struct menu_state *a = *(const struct menu_state *const *)pa;
    const struct menu_state *b = *(const struct menu_state *const *)pb;
    int c = strcmp(a->path, b->path);
    return c ? c : (a->book > b->book) - (a->book < b->book);
}

/* Each menu file's warnings once, in path order: the same for any number
 * of threads. */
static mc_code menu_warnings(struct run *R, struct mc_err *err)
{
    size_t n = 0, k = 0;
    for (size_t i = 0; i < R->n_menus; i++)
        n += R->menus[i].st != NULL;
    for (const struct menu_state *st = R->strays; st; st = st->next_stray)
        n++;
    struct menu_state **v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < R->n_menus; i++)
        if (R->menus[i].st)
            v[k++] = R->menus[i].st;
    for (struct menu_state *st = R->strays; st; st = st->next_stray)
        v[k++] = st;
    qsort(v, n, sizeof *v, cmp_menu_state);
    for (k = 0; k < n; k++)
        mc_err_move_warnings(err, &v[k]->warn);
    free(v);
    return MC_OK;
}

/* ---- the audit ----------------------------------------------------------------- */

mc_code mc_audit_run(const struct mc_manifest *m, const struct mc_audit_opts *o,
                     struct mc_audit **out, struct mc_err *err)
{
    *out = NULL;
    unsigned jobs = o->jobs ? o->jobs : 1;
    if (jobs > m->n)
        jobs = (unsigned)m->n;
    struct run R = {.m = m, .o = o, .window = (size_t)WINDOW * jobs};
    struct worker *W = calloc(jobs, sizeof *W);
    pthread_t *tid = calloc(jobs, sizeof *tid);
    unsigned started = 0;
    mc_code rc;
    pthread_mutex_init(&R.lock, NULL);
    pthread_cond_init(&R.moved, NULL);
    pthread_mutex_init(&R.alias_lock, NULL);
    if (!W || !tid || !(R.a = calloc(1, sizeof *R.a)) ||
        !(R.slots = calloc(R.window, sizeof *R.slots))) {
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        goto done;
    }
    if (!(R.pcts = tmpfile())) {
        rc = mc_err_set(err, MC_ERR_IO, "cannot make a temporary file: %s", strerror(errno));
        goto done;
    }
    R.a->manifest = m;
    R.a->n = m->n;
    R.a->date = o->date;
    for (int n = 0; n < MC_N_COUNT; n++) {
        R.a->nutrients[n].worst_pct = R.a->nutrients[n].median_pct = NAN;
        R.worst[n] = -1;
    }
    for (unsigned t = 0; t < jobs; t++) {
        W[t].run = &R;
        if ((rc = mc_food_db_open(o->db_path, &W[t].db, err)))
            goto done;
    }
    if ((rc = plan(&R, W[0].db, err)) || (rc = mc_manifest_rows_open(m, &R.rows, err)))
        goto done;
    R.a->reports = o->per_school_dir != NULL;
    for (; started < jobs; started++)
        if (jobs > 1 && pthread_create(&tid[started], NULL, work, &W[started])) {
            pthread_mutex_lock(&R.lock);
            if (!R.fail.count)
                mc_err_set(&R.fail, MC_ERR_NOMEM, "cannot start a thread");
            pthread_cond_broadcast(&R.moved);
            pthread_mutex_unlock(&R.lock);
            break;
        }
    if (jobs == 1)
        work(&W[0]);
    for (unsigned t = 0; jobs > 1 && t < started; t++)
        pthread_join(tid[t], NULL);
    if (R.fail.count) {
        rc = R.fail.code;
        relocate(&R.fail, NULL, 0, 0, err);
        goto done;
    }
    if ((rc = medians(&R, err)))
        goto done;
    if ((rc = menu_warnings(&R, err)))
        goto done;
    *out = R.a;
    R.a = NULL;
done:
    for (unsigned t = 0; W && t < jobs; t++) {
        mc_food_db_close(W[t].db);
        mc_food_db_provenance_release(&W[t].prov);
        mc_err_release(&W[t].fatal);
    }
    for (size_t k = 0; k < R.n_books; k++) {
        free(R.books[k].path);
        free(R.books[k].aliases);
        mc_recipe_book_free(R.books[k].book);
        mc_food_db_close(R.books[k].db);
        free(R.books[k].error);
    }
    for (size_t k = 0; k < R.n_menus; k++)
        menu_state_free(R.menus[k].st);
    while (R.strays) {
        struct menu_state *st = R.strays;
        R.strays = st->next_stray;
        menu_state_free(st);
    }
    for (size_t k = 0; R.slots && k < R.window; k++) {
        free(R.slots[k].s.error);
        free(R.slots[k].s.report);
        mc_manifest_school_release(&R.slots[k].ms);
    }
    names_release(&R.names);
    mc_manifest_rows_close(R.rows);
    free(R.slots);
    if (R.pcts)
        fclose(R.pcts);
    free(R.books);
    free(R.school_book);
    free(R.menus);
    free(R.school_menu);
    mc_err_release(&R.fail);
    pthread_mutex_destroy(&R.lock);
    pthread_cond_destroy(&R.moved);
    pthread_mutex_destroy(&R.alias_lock);
    mc_audit_free(R.a);
    free(W);
    free(tid);
    return rc;
}

/* ---- report file names ------------------------------------------------------- */

/* id as a file name (see mc_audit_report_names), with "~line" when
 * suffix; *changed: the id could not be kept as it is. */
static char *report_name(const char *id, long line, int suffix, int *changed)
{
    size_t n = strlen(id);
    *changed = n > MC_AUDIT_REPORT_ID_MAX;
    if (n > MC_AUDIT_REPORT_ID_MAX) {
        n = MC_AUDIT_REPORT_ID_MAX;
        while (n > 0 && ((unsigned char)id[n] & 0xC0) == 0x80)
            n--; /* not inside a UTF-8 character */
    }
    char *p = malloc(n + 32);
    if (!p)
        return NULL;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)id[k];
        int bad = c < 0x20 || c == 0x7f || strchr("/\\:*?\"<>|", c) || (k == 0 && c == '.');
        p[k] = bad ? '_' : (char)c;
        *changed |= bad;
    }
    if (*changed || suffix)
        snprintf(p + n, 32, "~%ld.xlsx", line);
    else
        memcpy(p + n, ".xlsx", sizeof ".xlsx");
    return p;
}

/* Note school s for the names: a plain id "X~N" may be the name that the
 * changed id of line N takes.  -1 out of memory. */
static int names_note(struct names *P, const struct mc_manifest_school *s)
{
    int changed;
    char *name = report_name(s->id, s->line, 0, &changed);
    if (!name)
        return -1;
    const char *tilde = strrchr(name, '~');
    char *end;
    long want = tilde && tilde[1] >= '0' && tilde[1] <= '9' ? strtol(tilde + 1, &end, 10) : 0;
    if (changed || want <= 0 || strcmp(end, ".xlsx")) {
        free(name);
        return 0;
    }
    if (mc_array_reserve(&P->cand, &P->cap_cand, P->n_cand + 1, sizeof *P->cand, 4)) {
        free(name);
        return -1;
    }
    P->cand[P->n_cand++] = (struct candidate){s->line, want, name};
    return 0;
}

static int cmp_want(const void *pa, const void *pb)
{
    const struct candidate *a = pa, *b = pb;
    return (a->want > b->want) - (a->want < b->want);
}

static int cmp_line(const void *pa, const void *pb)
{
    long a = *(const long *)pa, b = *(const long *)pb;
    return (a > b) - (a < b);
}

/* After every school was noted: the candidates whose name the changed id
 * of the line they name takes, found by reading the manifest again (only
 * when there are candidates: ids like "X~12" are rare). */
static mc_code names_resolve(struct names *P, const struct mc_manifest *m,
                             struct mc_err *err)
{
    if (!P->n_cand)
        return MC_OK;
    if (!(P->taken = malloc(P->n_cand * sizeof *P->taken)))
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    qsort(P->cand, P->n_cand, sizeof *P->cand, cmp_want);
    struct mc_manifest_rows *rows;
    struct mc_manifest_school s;
    mc_code rc = mc_manifest_rows_open(m, &rows, err);
    int got = 0;
    while (!rc && (got = mc_manifest_rows_next(rows, &s, err)) == 1) {
        struct candidate key = {.want = s.line};
        const struct candidate *c = bsearch(&key, P->cand, P->n_cand, sizeof *c, cmp_want);
        while (c && c > P->cand && c[-1].want == s.line)
            c--;
        int changed;
        char *name = c ? report_name(s.id, s.line, 0, &changed) : NULL;
        if (c && !name)
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        for (; name && c < P->cand + P->n_cand && c->want == s.line; c++)
            if (changed && !strcmp(name, c->name))
                P->taken[P->n_taken++] = c->line;
        free(name);
        mc_manifest_school_release(&s);
    }
    if (!rc && got < 0)
        rc = err->code;
    mc_manifest_rows_close(rows);
    qsort(P->taken, P->n_taken, sizeof *P->taken, cmp_line);
    return rc;
}

/* School s's workbook name; NULL out of memory. */
static char *name_of(const struct names *P, const struct mc_manifest_school *s)
{
    int changed;
    int taken = P->n_taken &&
                bsearch(&s->line, P->taken, P->n_taken, sizeof *P->taken, cmp_line);
    return report_name(s->id, s->line, taken, &changed);
}

static void names_release(struct names *P)
{
    for (size_t k = 0; k < P->n_cand; k++)
        free(P->cand[k].name);
    free(P->cand);
    free(P->taken);
    memset(P, 0, sizeof *P);
}

char **mc_audit_report_names(const struct mc_manifest *m)
{
    struct names P = {0};
    struct mc_err err = {0};
    char **names = calloc(m->n, sizeof *names);
    int ok = names != NULL;
    for (size_t i = 0; ok && i < m->n; i++)
        ok = names_note(&P, &m->schools[i]) == 0;
    ok = ok && names_resolve(&P, m, &err) == MC_OK;
    for (size_t i = 0; ok && i < m->n; i++)
        ok = (names[i] = name_of(&P, &m->schools[i])) != NULL;
    names_release(&P);
    mc_err_release(&err);
    if (!ok && names) {
        for (size_t i = 0; i < m->n; i++)
            free(names[i]);
        free(names);
        names = NULL;
    }
    return names;
}

void mc_audit_free(struct mc_audit *a)
{
    if (!a)
        return;
    for (size_t d = 0; d < a->n_districts; d++) {
        free(a->districts[d].name);
        free(a->districts[d].region);
    }
    for (int n = 0; n < MC_N_COUNT; n++)
        free(a->nutrients[n].worst_school);
    free(a->districts);
    free(a);
}

const char *mc_audit_verdict_name(enum mc_audit_verdict v)
{
    static const char *const names[] = {
        N_("complies"), N_("complies with verified norms, advisory not met"),
        N_("does not comply"), N_("cannot be decided: insufficient data"),
        N_("cannot be decided: unverified norms"), N_("could not be checked")};
    return v < MC_AUDIT_VERDICTS ? names[v] : "";
}

const char *mc_audit_verdict_key(enum mc_audit_verdict v)
{
    static const char *const keys[] = {"complies", "advisory_not_met", "fails",
                                       "insufficient_data", "unverified_norms",
                                       "not_checked"};
    return v < MC_AUDIT_VERDICTS ? keys[v] : "";
}
