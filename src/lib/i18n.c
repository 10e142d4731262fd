/*
 * i18n.c - choosing the language and looking strings up in the compiled
 * gettext catalogues.
 *
 * mealcheck reads its .mo files itself rather than through gettext(): glibc
 * takes the language from the process's locale and LANGUAGE, one for every
 * thread, and translates nothing where only C.UTF-8 is installed (a CI
 * container, a caterer's machine).  A catalogue here is an immutable table
 * loaded once, and the language a per-thread choice over a process-wide
 * default, so that a server answers each request in its own language.
 */
#include "mealcheck/i18n.h"
#include "mealcheck/infile.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { LANG_EN, LANG_RU, LANG_KK, N_LANGS };

static const char *const langs[N_LANGS] = {"en", "ru", "kk"};

/* A .mo file: the originals (msgid, or "ctx\004msgid", then "\0plural") and
 * their translations (the forms separated by '\0'), by sorted msgid. */
struct catalogue {
    char *data;
    size_t size;
    uint32_t n;
    const char **ids, **strs; /* sorted by id */
    uint32_t *str_lens;
};

static struct catalogue *_Atomic cats[N_LANGS];
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic int process_lang = LANG_EN;
static _Thread_local int thread_lang = -1; /* -1: the process's */

static int lang_index(const char *code)
{
    for (int i = 0; i < N_LANGS; i++)
        if (!strcmp(code, langs[i]))
            return i;
    return -1;
}

const char *mc_lang_code(const char *text)
{
    size_t n = strcspn(text, "_.@-");
    for (size_t i = 0; i < N_LANGS; i++)
        if (n == 2 && strncasecmp(text, langs[i], 2) == 0)
            return langs[i];
    return NULL;
}

const char *mc_lang_from_env(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) {
            const char *code = mc_lang_code(v);
            return code ? code : "en";
        }
    }
    return "en";
}

/* ---- reading a .mo file ----------------------------------------------------- */

static uint32_t word(const struct catalogue *c, size_t at, int swap)
{
    uint32_t w;
    memcpy(&w, c->data + at, 4);
    return swap ? __builtin_bswap32(w) : w;
}

/* Entry i of the string table at table: its text, checked to lie inside
 * the file and end in '\0'; NULL when it does not. */
static const char *entry(const struct catalogue *c, uint32_t table, uint32_t i,
                         int swap, uint32_t *len)
{
    size_t at = (size_t)table + 8 * (size_t)i;
    if (at + 8 > c->size)
        return NULL;
    *len = word(c, at, swap);
    size_t off = word(c, at + 4, swap);
    if (off >= c->size || *len >= c->size - off || c->data[off + *len] != '\0')
        return NULL;
    return c->data + off;
}

struct pair {
    const char *id, *str;
    uint32_t str_len;
};

static int cmp_pair(const void *a, const void *b)
{
    return strcmp(((const struct pair *)a)->id, ((const struct pair *)b)->id);
}

static void catalogue_free(struct catalogue *c)
{
    if (!c)
        return;
    free(c->data);
    free(c->ids);
    free(c->strs);
    free(c->str_lens);
    free(c);
}

static mc_code parse_mo(struct catalogue *c, const char *path, struct mc_err *err)
{
    uint32_t magic = c->size >= 28 ? word(c, 0, 0) : 0;
    int swap = magic == 0xde120495u;
    if (magic != 0x950412deu && !swap)
        return mc_err_set(err, MC_ERR_INPUT, N_("%s: not a message catalogue (.mo)"),
                          path);
    c->n = word(c, 8, swap);
    uint32_t orig = word(c, 12, swap), trans = word(c, 16, swap);
    if (c->n > c->size / 16) /* two table entries of 8 bytes each */
        return mc_err_set(err, MC_ERR_INPUT, N_("%s: not a message catalogue (.mo)"),
                          path);
    struct pair *v = malloc((c->n ? c->n : 1) * sizeof *v);
    if (!v)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    for (uint32_t i = 0; i < c->n; i++) {
        uint32_t ilen;
        v[i].id = entry(c, orig, i, swap, &ilen);
        v[i].str = entry(c, trans, i, swap, &v[i].str_len);
        if (!v[i].id || !v[i].str) {
            free(v);
            return mc_err_set(err, MC_ERR_INPUT, N_("%s: not a message catalogue (.mo)"),
                              path);
        }
    }
    /* msgfmt sorts them; a catalogue written otherwise is sorted here. */
    qsort(v, c->n, sizeof *v, cmp_pair);
    c->ids = malloc((c->n ? c->n : 1) * sizeof *c->ids);
    c->strs = malloc((c->n ? c->n : 1) * sizeof *c->strs);
    c->str_lens = malloc((c->n ? c->n : 1) * sizeof *c->str_lens);
    if (!c->ids || !c->strs || !c->str_lens) {
        free(v);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    for (uint32_t i = 0; i < c->n; i++) {
        c->ids[i] = v[i].id;
        c->strs[i] = v[i].str;
        c->str_lens[i] = v[i].str_len;
    }
    free(v);
    return MC_OK;
}

/* The translation of key (all its forms), or NULL. */
static const char *find(const struct catalogue *c, const char *key, uint32_t *len)
{
    size_t lo = 0, hi = c ? c->n : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int d = strcmp(key, c->ids[mid]);
        if (d == 0) {
            *len = c->str_lens[mid];
            return c->strs[mid];
        }
        if (d < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* ---- choosing the language -------------------------------------------------- */

mc_code mc_i18n_load(const char *lang, const char *localedir, struct mc_err *err)
{
    const char *code = mc_lang_code(lang);
    if (!code)
        return mc_err_set(err, MC_ERR_NOT_FOUND, N_("unknown language '%s'; expected "
                          "ru, kk or en"), lang);
    int k = lang_index(code);
    if (k == LANG_EN || atomic_load(&cats[k]))
        return MC_OK;
    char mo[4096];
    int n = snprintf(mo, sizeof mo, "%s/%s/LC_MESSAGES/" MC_TEXT_DOMAIN ".mo",
                     localedir ? localedir : MC_LOCALE_DIR_DEFAULT, code);
    struct mc_err quiet = {0};
    struct catalogue *c = calloc(1, sizeof *c);
    mc_code rc = !c ? MC_ERR_NOMEM
               : n < 0 || (size_t)n >= sizeof mo ? MC_ERR_NOT_FOUND
               : mc_infile_read(mo, &c->data, &c->size, &quiet);
    mc_err_release(&quiet);
    if (rc == MC_ERR_NOMEM) {
        catalogue_free(c);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    if (rc) {
        catalogue_free(c);
        return mc_err_set(err, MC_ERR_NOT_FOUND, "%s: no message catalogue for "
                          "'%s' (run make, or set MEALCHECK_HOME to the "
                          "mealcheck folder)", mo, code);
    }
    if ((rc = parse_mo(c, mo, err))) {
        catalogue_free(c);
        return rc;
    }
    /* Two threads may read it at once; the first to publish wins. */
    pthread_mutex_lock(&load_lock);
    struct catalogue *none = NULL;
    if (!atomic_compare_exchange_strong(&cats[k], &none, c))
        catalogue_free(c);
    pthread_mutex_unlock(&load_lock);
    return MC_OK;
}

mc_code mc_i18n_set(const char *lang, const char *localedir, struct mc_err *err)
{
    mc_code rc = mc_i18n_load(lang, localedir, err);
    atomic_store(&process_lang, rc ? LANG_EN : lang_index(mc_lang_code(lang)));
    return rc;
}

mc_code mc_i18n_set_thread(const char *lang, struct mc_err *err)
{
    if (!lang) {
        thread_lang = -1;
        return MC_OK;
    }
    const char *code = mc_lang_code(lang);
    if (!code)
        return mc_err_set(err, MC_ERR_NOT_FOUND, N_("unknown language '%s'; expected "
                          "ru, kk or en"), lang);
    int k = lang_index(code);
    if (k != LANG_EN && !atomic_load(&cats[k]))
        return mc_err_set(err, MC_ERR_NOT_FOUND, N_("no message catalogue for '%s' "
                          "is loaded"), code);
    thread_lang = k;
    return MC_OK;
}

static int lang_now(void)
{
    return thread_lang >= 0 ? thread_lang : atomic_load(&process_lang);
}

const char *mc_i18n_lang(void)
{
    return langs[lang_now()];
}

/* ---- looking up ------------------------------------------------------------- */

/* The translation of key in language k, or NULL. */
static const char *lookup(int k, const char *key, uint32_t *len)
{
    /* English is the source text.  "" would find the catalogue's header. */
    if (k == LANG_EN || !*key)
        return NULL;
    const char *t = find(atomic_load(&cats[k]), key, len);
    return t && *t ? t : NULL;
}

const char *mc_i18n_text(const char *lang, const char *msgid)
{
    uint32_t len;
    int k = lang_index(lang);
    const char *t = k < 0 ? NULL : lookup(k, msgid, &len);
    return t ? t : msgid;
}

const char *mc_i18n_ptext(const char *lang, const char *ctx_msgid, const char *msgid)
{
    uint32_t len;
    int k = lang_index(lang);
    const char *t = k < 0 ? NULL : lookup(k, ctx_msgid, &len);
    return t ? t : msgid;
}

const char *mc_gettext(const char *msgid)
{
    return mc_i18n_text(mc_i18n_lang(), msgid);
}

const char *mc_pgettext(const char *ctx_msgid, const char *msgid)
{
    return mc_i18n_ptext(mc_i18n_lang(), ctx_msgid, msgid);
}

/* Which plural form n takes: the Plural-Forms of po/ru.po and po/kk.po. */
static unsigned long plural_form(int k, unsigned long n)
{
    if (k == LANG_RU)
        return n % 10 == 1 && n % 100 != 11 ? 0
             : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 1 : 2;
    return n != 1;
}

const char *mc_ngettext(const char *msgid, const char *plural, unsigned long n)
{
    int k = lang_now();
    uint32_t len;
    const char *t = lookup(k, msgid, &len);
    if (!t)
        return n == 1 ? msgid : plural;
    /* The forms follow each other, each ending in '\0'. */
    const char *end = t + len;
    for (unsigned long form = plural_form(k, n); form > 0 && t < end; form--)
        t += strlen(t) + 1;
    return t < end ? t : n == 1 ? msgid : plural;
}
