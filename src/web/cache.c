/*
 * cache.c - the answers of /today, /meal and /api/meal kept for the next
 * request that asks the same: a school's day depends only on the school,
 * the date, the language and its files' contents; a meal only on its
 * normalised query and the language (the catalogue is loaded at start).
 *
 * Bounded in entries and bytes, least recently used out first, one lock.
 * An entry remembers the stat() of the files it was made from; a request
 * that finds them changed (mtime, ctime, size, inode) drops the entry and
 * answers afresh.
 */
#include "web.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct entry {
    struct entry *prev, *next; /* most recently used first */
    uint64_t hash;
    char *key;
    size_t key_len;
    struct web_cache_stamp stamp;
    unsigned status;
    const char *type;          /* a static string, as web_response's */
    char *body;
    size_t len;
};

struct web_cache {
    pthread_mutex_t mu;
    struct entry *head, *tail;
    size_t n, bytes;
    size_t max_entries, max_bytes;
};

/* FNV-1a: keys are short; a hash compare rejects most entries at once. */
static uint64_t hash_of(const char *key, size_t len)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)key[i]) * 1099511628211u;
    return h;
}

static size_t size_of(const struct entry *e)
{
    return e->len + e->key_len;
}

mc_code web_cache_open(size_t max_entries, size_t max_bytes, struct web_cache **out,
                       struct mc_err *err)
{
    *out = NULL;
    if (max_entries == 0 || max_bytes == 0)
        return MC_OK; /* no cache: every request answered afresh */
    struct web_cache *c = calloc(1, sizeof *c);
    if (!c)
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    pthread_mutex_init(&c->mu, NULL);
    c->max_entries = max_entries;
    c->max_bytes = max_bytes;
    *out = c;
    return MC_OK;
}

static void unlink_entry(struct web_cache *c, struct entry *e)
{
    if (e->prev)
        e->prev->next = e->next;
    else
        c->head = e->next;
    if (e->next)
        e->next->prev = e->prev;
    else
        c->tail = e->prev;
    e->prev = e->next = NULL;
}

static void push_front(struct web_cache *c, struct entry *e)
{
    e->next = c->head;
    if (c->head)
        c->head->prev = e;
    c->head = e;
    if (!c->tail)
        c->tail = e;
}

static void drop(struct web_cache *c, struct entry *e)
{
    unlink_entry(c, e);
    c->n--;
    c->bytes -= size_of(e);
    free(e->key);
    free(e->body);
    free(e);
}

void web_cache_close(struct web_cache *c)
{
    if (!c)
        return;
    while (c->head)
        drop(c, c->head);
    pthread_mutex_destroy(&c->mu);
    free(c);
}

void web_cache_stamp_add(struct web_cache_stamp *s, const char *path)
{
    if (s->n == WEB_CACHE_FILES)
        return;
    struct web_cache_file *f = &s->f[s->n++];
    memset(f, 0, sizeof *f);
    struct stat st;
    if (!path || stat(path, &st) != 0) {
        f->missing = 1;
        return;
    }
    f->dev = (unsigned long long)st.st_dev;
    f->ino = (unsigned long long)st.st_ino;
    f->size = (long long)st.st_size;
    f->mtime_s = (long long)st.st_mtim.tv_sec;
    f->mtime_ns = st.st_mtim.tv_nsec;
    f->ctime_s = (long long)st.st_ctim.tv_sec;
    f->ctime_ns = st.st_ctim.tv_nsec;
}

static int same_stamp(const struct web_cache_stamp *a, const struct web_cache_stamp *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++) {
        const struct web_cache_file *x = &a->f[i], *y = &b->f[i];
        if (x->missing != y->missing || x->dev != y->dev || x->ino != y->ino ||
            x->size != y->size || x->mtime_s != y->mtime_s || x->mtime_ns != y->mtime_ns ||
            x->ctime_s != y->ctime_s || x->ctime_ns != y->ctime_ns)
            return 0;
    }
    return 1;
}

static struct entry *find(struct web_cache *c, const char *key, size_t len, uint64_t h)
{
    for (struct entry *e = c->head; e; e = e->next)
        if (e->hash == h && e->key_len == len && !memcmp(e->key, key, len))
            return e;
    return NULL;
}

int web_cache_get(struct web_cache *c, const char *key, size_t key_len,
                  const struct web_cache_stamp *stamp, struct web_response *r)
{
    if (!c)
        return 0;
    uint64_t h = hash_of(key, key_len);
    int hit = 0;
    pthread_mutex_lock(&c->mu);
    struct entry *e = find(c, key, key_len, h);
    if (e && !same_stamp(&e->stamp, stamp)) {
        drop(c, e); /* its files changed: stale */
        e = NULL;
    }
    /* The response owns its body: a copy, made under the lock. */
    char *body = e ? malloc(e->len ? e->len : 1) : NULL;
    if (body) {
        memcpy(body, e->body, e->len);
        unlink_entry(c, e);
        push_front(c, e);
        r->status = e->status;
        r->type = e->type;
        r->body = body;
        r->len = e->len;
        hit = 1;
    }
    pthread_mutex_unlock(&c->mu);
    return hit;
}

void web_cache_put(struct web_cache *c, const char *key, size_t key_len,
                   const struct web_cache_stamp *stamp, const struct web_response *r)
{
    if (!c || !r->body || r->fd >= 0 || r->len + key_len > c->max_bytes)
        return;
    struct entry *e = calloc(1, sizeof *e);
    if (!e || !(e->key = malloc(key_len ? key_len : 1)) ||
        !(e->body = malloc(r->len ? r->len : 1))) {
        if (e)
            free(e->key);
        free(e);
        return; /* not kept: the answer is sent all the same */
    }
    memcpy(e->key, key, key_len);
    memcpy(e->body, r->body, r->len);
    e->key_len = key_len;
    e->len = r->len;
    e->hash = hash_of(key, key_len);
    e->stamp = *stamp;
    e->status = r->status;
    e->type = r->type;
    pthread_mutex_lock(&c->mu);
    struct entry *old = find(c, key, key_len, e->hash);
    if (old) /* another worker made the same answer meanwhile */
        drop(c, old);
    push_front(c, e);
    c->n++;
    c->bytes += size_of(e);
    while (c->n > c->max_entries || c->bytes > c->max_bytes)
        drop(c, c->tail);
    pthread_mutex_unlock(&c->mu);
}

void web_cache_usage(struct web_cache *c, size_t *entries, size_t *bytes)
{
    *entries = *bytes = 0;
    if (!c)
        return;
    pthread_mutex_lock(&c->mu);
    *entries = c->n;
    *bytes = c->bytes;
    pthread_mutex_unlock(&c->mu);
}
