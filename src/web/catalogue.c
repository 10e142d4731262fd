/*
 * catalogue.c - the dishes a meal is built of on /meal: the cards of the
 * server's own books (menus/catalogue, the books of the `--audit` schools,
 * `--recipes`), read once at start into one book.
 *
 * Each book is first loaded with the library's loader, so that a broken
 * one is left out with its own messages; then its rows are rewritten under
 * the loader's column names (mc_recipe_columns: a Russian header "Нетто, г"
 * becomes net_g), cell for cell, so that a card reads exactly as in its own
 * book.  A meal's check gets only the cards it uses (web_catalogue_book()),
 * so a large catalogue does not slow every check.
 */
#include "web.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mealcheck/csv.h"
#include "mealcheck/i18n.h"
#include "mealcheck/text.h"

enum { COL_RECIPE, COL_FOOD = 3 };

/* One card of a book being read: its rows (MC_RECIPE_N_COLUMNS cells each). */
struct card {
    char *name;
    char **cells;
    size_t n_rows;
    char *body;     /* the rows as CSV with the recipe cells empty: its content */
    char *as;       /* the name it takes in the catalogue; NULL: left out */
};

struct source {
    char *path;
    char *label;
};

void web_catalogue_free(struct web_catalogue *cat)
{
    if (!cat)
        return;
    for (size_t i = 0; i < cat->n; i++) {
        free(cat->dishes[i].name);
        free(cat->dishes[i].shown);
        free(cat->dishes[i].name_kk);
        free(cat->dishes[i].name_en);
        free(cat->cards[i]);
    }
    for (size_t i = 0; i < cat->n_sources; i++)
        free(cat->sources[i]);
    free(cat->sources);
    free(cat->dishes);
    free(cat->cards);
    mc_recipe_book_free(cat->book);
    free(cat);
}

const char *web_catalogue_source(const struct web_catalogue *cat, const struct web_dish *d)
{
    const char *s = cat->sources[d->source];
    return *s ? s : C_("page", "school dish catalogue");
}

static void cards_free(struct card *cards, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < cards[i].n_rows * MC_RECIPE_N_COLUMNS; k++)
            free(cards[i].cells[k]);
        free(cards[i].cells);
        free(cards[i].name);
        free(cards[i].body);
        free(cards[i].as);
    }
    free(cards);
}

/* Write one row; the recipe cell is name (NULL: empty), a food cell naming
 * a card of the same book renamed is written with its new name. */
static void put_row(FILE *f, char *const *row, const char *name, const struct card *book,
                    size_t n_cards)
{
    for (size_t c = 0; c < MC_RECIPE_N_COLUMNS; c++) {
        const char *v = row[c];
        if (c == COL_RECIPE)
            v = name ? name : "";
        for (size_t k = 0; c == COL_FOOD && k < n_cards; k++)
            if (book[k].as && strcmp(book[k].as, book[k].name) &&
                mc_text_equal_fold(v, book[k].name))
                v = book[k].as;
        if (c)
            fputc(',', f);
        mc_csv_write_field(f, v, ',', 0);
    }
    fputc('\n', f);
}

static char *card_text(const struct card *c, const char *name, const struct card *book,
                       size_t n_cards)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return NULL;
    for (size_t r = 0; r < c->n_rows; r++)
        put_row(f, &c->cells[r * MC_RECIPE_N_COLUMNS], r ? NULL : name, book, n_cards);
    if (fclose(f) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

/* The rows of path grouped into cards as the loader groups them: a row
 * naming a recipe opens one, unless it declares a total ("Итого"). */
static mc_code read_cards(const char *path, struct card **out, size_t *n_out,
                          size_t *cells, struct mc_err *err)
{
    const struct mc_input_limits limits = {.max_rows = WEB_MAX_ROWS,
                                           .max_cells = WEB_MAX_CELLS};
    struct mc_csv *csv;
    mc_code rc = mc_csv_open_limited(path, &limits, &csv, err);
    if (rc)
        return rc;
    int col[MC_RECIPE_N_COLUMNS];
    struct card *cards = NULL;
    size_t n = 0;
    int r = 0;
    if ((rc = mc_csv_header(csv, mc_recipe_columns, MC_RECIPE_N_COLUMNS, col, "", err)))
        goto out;
    while ((r = mc_csv_next(csv, err)) > 0) {
        const char *v[MC_RECIPE_N_COLUMNS];
        for (size_t c = 0; c < MC_RECIPE_N_COLUMNS; c++)
            v[c] = col[c] >= 0 ? mc_csv_field(csv, (size_t)col[c]) : "";
        const char *name = v[COL_RECIPE], *food = v[COL_FOOD];
        int total = mc_total_row_kind(*food ? food : name) && (!*name || !*food);
        if (*name && !(total && n)) {
            struct card *grown = realloc(cards, (n + 1) * sizeof *grown);
            if (!grown)
                goto nomem;
            cards = grown;
            memset(&cards[n], 0, sizeof cards[n]);
            if (!(cards[n++].name = strdup(name)))
                goto nomem;
        }
        if (!n)
            continue; /* the loader refused it already */
        struct card *cd = &cards[n - 1];
        char **grown = realloc(cd->cells, (cd->n_rows + 1) * MC_RECIPE_N_COLUMNS *
                                              sizeof *grown);
        if (!grown)
            goto nomem;
        cd->cells = grown;
        for (size_t c = 0; c < MC_RECIPE_N_COLUMNS; c++)
            if (!(grown[cd->n_rows * MC_RECIPE_N_COLUMNS + c] = strdup(v[c]))) {
                while (c--)
                    free(grown[cd->n_rows * MC_RECIPE_N_COLUMNS + c]);
                goto nomem;
            }
        cd->n_rows++;
        *cells += MC_RECIPE_N_COLUMNS;
    }
    rc = r < 0 ? err->code : MC_OK;
    for (size_t i = 0; !rc && i < n; i++)
        if (!(cards[i].body = card_text(&cards[i], NULL, NULL, 0)))
            goto nomem;
    goto out;
nomem:
    rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
out:
    mc_csv_close(csv);
    if (rc) {
        cards_free(cards, n);
        cards = NULL;
        n = 0;
    }
    *out = cards;
    *n_out = n;
    return rc;
}

/* What the catalogue is being built of. */
struct build {
    struct web_catalogue *cat;
    FILE *f;                /* the joined book */
    size_t rows, cells;
    struct card **taken;    /* the cards written, in order (pointers into books) */
    size_t n_taken;
    struct card **books;    /* each book's cards, kept to compare later ones */
    size_t *n_cards, n_books;
    int failed, added;      /* books left out, books in */
    mc_code first_rc;       /* the first failure's code */
};

static void build_release(struct build *b)
{
    for (size_t i = 0; i < b->n_books; i++)
        cards_free(b->books[i], b->n_cards[i]);
    free(b->books);
    free(b->n_cards);
    free(b->taken);
}

/* Name the cards of one book in the catalogue (or leave them out) and
 * write them. */
static mc_code add_cards(struct build *b, struct card *cards, size_t n, size_t source,
                         struct mc_err *err)
{
    struct web_catalogue *cat = b->cat;
    for (size_t i = 0; i < n; i++) {
        struct card *c = &cards[i];
        const struct card *same = NULL;
        for (size_t k = 0; k < b->n_taken && !same; k++)
            if (mc_text_equal_fold(b->taken[k]->name, c->name))
                same = b->taken[k];
        if (same && !strcmp(same->body, c->body))
            continue; /* the same card: listed once, under its first book */
        if (same) {
            size_t len = strlen(c->name) + strlen(cat->sources[source]) + 4;
            if (!(c->as = malloc(len)))
                return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
            snprintf(c->as, len, "%s (%s)", c->name, cat->sources[source]);
        } else if (!(c->as = strdup(c->name))) {
            return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        }
    }
    for (size_t i = 0; i < n; i++) {
        struct card *c = &cards[i];
        if (!c->as)
            continue;
        struct card **taken = realloc(b->taken, (b->n_taken + 1) * sizeof *taken);
        if (taken)
            b->taken = taken;
        struct web_dish *dishes = taken ? realloc(cat->dishes, (cat->n + 1) * sizeof *dishes)
                                        : NULL;
        if (dishes)
            cat->dishes = dishes;
        char **texts = dishes ? realloc(cat->cards, (cat->n + 1) * sizeof *texts) : NULL;
        if (!texts)
            return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        cat->cards = texts;
        b->taken[b->n_taken++] = c;
        struct web_dish *d = &cat->dishes[cat->n];
        memset(d, 0, sizeof *d);
        d->source = source;
        texts[cat->n] = card_text(c, c->as, cards, n);
        d->name = strdup(c->as);
        d->shown = strdup(c->name);
        cat->n++;
        if (!texts[cat->n - 1] || !d->name || !d->shown)
            return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
        fputs(texts[cat->n - 1], b->f);
    }
    return MC_OK;
}

/* Add the book at path, labelled label, or leave it out with a warning. */
static mc_code add_book(struct web_app *app, struct build *b, const char *path,
                        const char *label, struct mc_err *err)
{
    struct web_catalogue *cat = b->cat;
    char **sources = realloc(cat->sources, (cat->n_sources + 1) * sizeof *sources);
    if (!sources)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    cat->sources = sources;
    if (!(sources[cat->n_sources] = strdup(label)))
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    size_t source = cat->n_sources++;
    struct card **books = realloc(b->books, (b->n_books + 1) * sizeof *books);
    if (books)
        b->books = books;
    size_t *n_cards = books ? realloc(b->n_cards, (b->n_books + 1) * sizeof *n_cards) : NULL;
    if (!n_cards)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    b->n_cards = n_cards;

    const struct mc_input_limits limits = {.max_rows = WEB_MAX_ROWS,
                                           .max_cells = WEB_MAX_CELLS};
    struct mc_err e = {0};
    struct mc_recipe_book *book = NULL;
    struct card *cards = NULL;
    size_t n = 0, cells = 0;
    struct mc_food_db *db = web_db_acquire(app);
    mc_code rc = mc_recipe_book_load_limited(path, &limits, db, app->cooking, &book, &e);
    web_db_release(app, db);
    mc_recipe_book_free(book);
    if (!rc)
        rc = read_cards(path, &cards, &n, &cells, &e);
    if (!rc && (b->rows + cells / MC_RECIPE_N_COLUMNS > WEB_MAX_ROWS ||
                b->cells + cells > WEB_MAX_CELLS))
        rc = mc_err_set(&e, MC_ERR_INPUT, _("%s: the dish catalogue would pass the "
                                            "server's limit of %d rows and %d cells"),
                        path, WEB_MAX_ROWS, WEB_MAX_CELLS);
    if (!rc) {
        b->books[b->n_books] = cards;
        b->n_cards[b->n_books++] = n;
        b->rows += cells / MC_RECIPE_N_COLUMNS;
        b->cells += cells;
        b->added++;
        rc = add_cards(b, cards, n, source, err);
    } else if (rc != MC_ERR_NOMEM) {
        cards_free(cards, n);
        if (!b->failed++)
            b->first_rc = rc;
        mc_err_warn_at(err, NULL, 0, 0, N_("the dish catalogue of /meal leaves out %s: %s"),
                       path, mc_err_text(&e));
        rc = MC_OK;
    }
    mc_err_release(&e);
    return rc;
}

/* names.csv: the Kazakh and English names of menus/catalogue's cards (the
 * first source), by the card's name. */
static mc_code read_names(const char *path, struct web_catalogue *cat, struct mc_err *err)
{
    struct mc_csv *csv;
    mc_code rc = mc_csv_open(path, &csv, err);
    if (rc)
        return rc;
    int c_name = -1, c_kk = -1, c_en = -1, r, first = 1;
    while ((r = mc_csv_next(csv, err)) > 0) {
        if (first) {
            c_name = mc_csv_find(csv, "recipe");
            c_kk = mc_csv_find(csv, "name_kk");
            c_en = mc_csv_find(csv, "name_en");
            first = 0;
            continue;
        }
        const char *name = c_name >= 0 ? mc_csv_field(csv, (size_t)c_name) : "";
        for (size_t i = 0; i < cat->n; i++) {
            struct web_dish *d = &cat->dishes[i];
            if (d->source || *d->name_kk || *d->name_en ||
                !mc_text_equal_fold(d->shown, name))
                continue;
            free(d->name_kk);
            free(d->name_en);
            d->name_kk = strdup(c_kk >= 0 ? mc_csv_field(csv, (size_t)c_kk) : "");
            d->name_en = strdup(c_en >= 0 ? mc_csv_field(csv, (size_t)c_en) : "");
            if (!d->name_kk || !d->name_en) {
                r = -1;
                mc_err_set(err, MC_ERR_NOMEM, "out of memory");
                break;
            }
        }
    }
    mc_csv_close(csv);
    return r < 0 ? err->code : MC_OK;
}

/* Load the joined book (its cards are known good) for what each card uses
 * and its portion and course. */
static mc_code load_joined(struct web_app *app, const char *text, size_t len,
                           struct web_catalogue *cat, struct mc_err *err)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/catalogue.csv", app->tmp_root);
    FILE *f = fopen(path, "wx");
    if (!f)
        return mc_err_set(err, MC_ERR_IO, "cannot write %s", path);
    int ok = fwrite(text, 1, len, f) == len;
    ok = fclose(f) == 0 && ok;
    struct mc_err e = {0};
    mc_code rc = MC_ERR_IO;
    if (ok) {
        struct mc_food_db *db = web_db_acquire(app);
        rc = mc_recipe_book_load(path, db, app->cooking, &cat->book, &e);
        web_db_release(app, db);
    }
    unlink(path);
    if (!rc && cat->book->n != cat->n)
        rc = mc_err_set(&e, MC_ERR_INTERNAL, "the joined catalogue has %zu cards, not %zu",
                        cat->book->n, cat->n);
    if (rc)
        mc_err_set(err, rc, "the dish catalogue: %s", ok ? mc_err_text(&e) : "cannot write");
    mc_err_release(&e);
    for (size_t i = 0; !rc && i < cat->n; i++) {
        cat->dishes[i].portion_g = mc_recipe_portion_g(&cat->book->recipes[i]);
        cat->dishes[i].course = cat->book->recipes[i].course;
    }
    return rc;
}

/* "School No. 41" when one school names the book, else its file name. */
static void book_label(const struct mc_manifest *m, const char *path, const char *dflt,
                       char *out, size_t size)
{
    const struct mc_manifest_school *one = NULL;
    size_t n = 0;
    for (size_t i = 0; m && i < m->n; i++) {
        const char *p = m->schools[i].recipes ? m->schools[i].recipes : dflt;
        if (p && !strcmp(p, path) && !n++)
            one = &m->schools[i];
    }
    const char *base = strrchr(path, '/');
    snprintf(out, size, "%s", n == 1 ? (*one->name ? one->name : one->id)
                                     : base ? base + 1 : path);
}

mc_code web_catalogue_load(struct web_app *app, const char *dir,
                           struct web_catalogue **out, struct mc_err *err)
{
    *out = NULL;
    struct web_catalogue *cat = calloc(1, sizeof *cat);
    if (!cat)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    struct build b = {.cat = cat};
    char *text = NULL;
    size_t len = 0;
    mc_code rc = MC_OK;
    if (!(b.f = open_memstream(&text, &len))) {
        free(cat);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    for (size_t c = 0; c < MC_RECIPE_N_COLUMNS; c++)
        fprintf(b.f, "%s%s", c ? "," : "", mc_recipe_columns[c]);
    fputc('\n', b.f);
    char own[4200], names[4200];
    snprintf(own, sizeof own, "%s/recipes.csv", dir ? dir : "");
    snprintf(names, sizeof names, "%s/names.csv", dir ? dir : "");
    if (dir && access(own, R_OK) == 0)
        rc = add_book(app, &b, own, "", err);
    /* each book once, in the manifest's order, then --recipes */
    const struct mc_manifest *m = app->manifest;
    size_t n_schools = m ? m->n : 0;
    for (size_t i = 0; !rc && i <= n_schools; i++) {
        const char *path = i < n_schools ? m->schools[i].recipes : app->audit_recipes;
        size_t k = 0;
        while (path && k < i && strcmp(m->schools[k].recipes ? m->schools[k].recipes : "",
                                       path))
            k++;
        if (!path || k < i)
            continue;
        char label[512];
        book_label(m, path, app->audit_recipes, label, sizeof label);
        rc = add_book(app, &b, path, label, err);
    }
    if (fclose(b.f) != 0 && !rc)
        rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    for (size_t i = 0; !rc && i < cat->n; i++)
        if (!(cat->dishes[i].name_kk = strdup("")) || !(cat->dishes[i].name_en = strdup("")))
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    if (!rc && b.failed && !b.added)
        rc = mc_err_set(err, b.first_rc, _("no recipe book of the server loads, so /meal "
                                           "has no dishes (see the warnings)"));
    if (!rc && cat->n)
        rc = load_joined(app, text, len, cat, err);
    if (!rc && cat->n && dir && access(names, R_OK) == 0)
        rc = read_names(names, cat, err);
    free(text);
    build_release(&b);
    if (rc || !cat->n) {
        web_catalogue_free(cat);
        cat = NULL;
    }
    *out = cat;
    return rc;
}

/* Mark card i and the cards it uses. */
static void mark(const struct mc_recipe_book *book, size_t i, unsigned char *need)
{
    if (need[i])
        return;
    need[i] = 1;
    const struct mc_recipe *r = &book->recipes[i];
    for (size_t k = 0; k < r->n_ingredients; k++)
        if (r->ingredients[k].sub)
            mark(book, (size_t)(r->ingredients[k].sub - book->recipes), need);
}

mc_code web_catalogue_book(const struct web_catalogue *cat, const unsigned char *chosen,
                           char **text, size_t *len, struct mc_err *err)
{
    unsigned char *need = calloc(cat->n ? cat->n : 1, 1);
    FILE *f = need ? open_memstream(text, len) : NULL;
    if (!f) {
        free(need);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < cat->n; i++)
        if (chosen[i])
            mark(cat->book, i, need);
    for (size_t c = 0; c < MC_RECIPE_N_COLUMNS; c++)
        fprintf(f, "%s%s", c ? "," : "", mc_recipe_columns[c]);
    fputc('\n', f);
    for (size_t i = 0; i < cat->n; i++)
        if (need[i])
            fputs(cat->cards[i], f);
    free(need);
    if (fclose(f) != 0) {
        free(*text);
        *text = NULL;
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    return MC_OK;
}
