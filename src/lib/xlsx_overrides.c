/*
 * xlsx_overrides.c - the functions of libc, minizip and libxlsxwriter that
 * mealcheck defines itself, so that workbooks close on several threads at
 * once, and an audit's thousands of per-school workbooks close quickly.
 *
 * libxlsxwriter 1.1.4 (Debian's) calls each of them through the dynamic
 * linker, which finds a program's own definition first (the linker
 * exports it for the shared library that uses it).  Those that only adjust
 * a call pass it on to the library's own (dlsym RTLD_NEXT).  Where a build
 * of libxlsxwriter binds such a call inside itself, ours is simply not
 * called and the workbook is the same, only slower.  A program linked with
 * libmealcheck.a gets them too (docs/deploy.md).
 * tests/unit/test_xlsx_overrides.c compares each with the library's own.
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "xlsx_overrides.h"

#include <dlfcn.h>
#include <libdeflate.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include <xlsxwriter.h>

/*
 * gmtime() with a result per thread, as POSIX allows (the standard only
 * says a later call may overwrite the result).  libxlsxwriter writes a
 * workbook's creation time (docProps/core.xml) with gmtime() while it
 * closes the workbook; glibc's keeps one result for the whole process, so
 * two threads closing workbooks at once (an audit's per-school workbooks,
 * the server's reports) could each format the other's date.  A lock held
 * over workbook_close() serialised all of closing, which is most of
 * writing a workbook (its XML and compression).  With this one every
 * caller in the program, libxlsxwriter included, gets its own thread's
 * result; nothing else in closing a workbook is shared between threads.
 */
struct tm *gmtime(const time_t *t)
{
    static _Thread_local struct tm result;
    return gmtime_r(t, &result);
}

/*
 * libxlsxwriter's own functions that write a sheet's XML, the same text
 * without printf() (9 % of writing a school's workbook was naming cells
 * with snprintf(), 20 % writing tags and attributes with fprintf(), and
 * each attribute was a 4 KB strncpy()).  They are written against
 * libxlsxwriter 1.1.4, the version Debian 12 ships; linked with any other
 * version they pass every call on to the library's own.
 */
static struct {
    int exact; /* the linked libxlsxwriter is 1.1.4 */
    void (*rowcol)(char *, lxw_row_t, lxw_col_t);
    void (*start)(FILE *, const char *, struct xml_attribute_list *);
    void (*empty)(FILE *, const char *, struct xml_attribute_list *);
    void (*end)(FILE *, const char *);
    void (*data)(FILE *, const char *, const char *, struct xml_attribute_list *);
    struct xml_attribute *(*attr_str)(const char *, const char *);
    struct xml_attribute *(*attr_int)(const char *, uint32_t);
    FILE *(*tmpfile)(char *);
} lxw;
static pthread_once_t lxw_once = PTHREAD_ONCE_INIT;

static void find_lxw(void)
{
    *(void **)&lxw.rowcol = dlsym(RTLD_NEXT, "lxw_rowcol_to_cell");
    *(void **)&lxw.start = dlsym(RTLD_NEXT, "lxw_xml_start_tag");
    *(void **)&lxw.empty = dlsym(RTLD_NEXT, "lxw_xml_empty_tag");
    *(void **)&lxw.end = dlsym(RTLD_NEXT, "lxw_xml_end_tag");
    *(void **)&lxw.data = dlsym(RTLD_NEXT, "lxw_xml_data_element");
    *(void **)&lxw.attr_str = dlsym(RTLD_NEXT, "lxw_new_attribute_str");
    *(void **)&lxw.attr_int = dlsym(RTLD_NEXT, "lxw_new_attribute_int");
    *(void **)&lxw.tmpfile = dlsym(RTLD_NEXT, "lxw_tmpfile");
    lxw.exact = !strcmp(lxw_version(), "1.1.4") && lxw.rowcol && lxw.start && lxw.empty &&
                lxw.end && lxw.data && lxw.attr_str && lxw.attr_int;
}

/* 1 when ours write what the linked library would. */
static int exact(void)
{
    pthread_once(&lxw_once, find_lxw);
    return lxw.exact;
}

/* n in decimal at p, as "%d" prints it. */
static void int_text(char *p, int32_t n)
{
    char rev[12];
    size_t k = 0;
    unsigned long u = n < 0 ? 0UL - (unsigned long)(long)n : (unsigned long)n;
    if (n < 0)
        *p++ = '-';
    do
        rev[k++] = (char)('0' + u % 10);
    while (u /= 10);
    while (k)
        *p++ = rev[--k];
    *p = '\0';
}

/* "AB123" for row 122, column 27.  Outside a sheet's 1,048,576 rows and
 * 16,384 columns (where the library wraps the column and cuts the row's
 * digits), the library's own. */
void lxw_rowcol_to_cell(char *cell_name, lxw_row_t row, lxw_col_t col)
{
    if (!exact() || row >= LXW_ROW_MAX || col >= LXW_COL_MAX) {
        if (lxw.rowcol)
            lxw.rowcol(cell_name, row, col);
        return;
    }
    char rev[8];
    size_t k = 0;
    for (unsigned c = (unsigned)col + 1; c; c = (c - 1) / 26)
        rev[k++] = (char)('A' + (c - 1) % 26);
    char *p = cell_name;
    while (k)
        *p++ = rev[--k];
    int_text(p, (int32_t)(row + 1));
}

/* s with the characters in esc written as XML entities. */
static void put_escaped(FILE *f, const char *s, const char *esc)
{
    for (;;) {
        size_t n = strcspn(s, esc);
        fwrite_unlocked(s, 1, n, f);
        s += n;
        switch (*s++) {
        case '\0': return;
        case '&': fputs_unlocked("&amp;", f); break;
        case '<': fputs_unlocked("&lt;", f); break;
        case '>': fputs_unlocked("&gt;", f); break;
        case '"': fputs_unlocked("&quot;", f); break;
        case '\n': fputs_unlocked("&#xA;", f); break;
        }
    }
}

/* "<tag a="1" b="x"" and end: the library escapes & < > " and newlines
 * in values. */
static void put_tag(FILE *f, const char *tag, struct xml_attribute_list *attributes,
                    const char *end)
{
    putc_unlocked('<', f);
    fputs_unlocked(tag, f);
    struct xml_attribute *a;
    if (attributes)
        STAILQ_FOREACH(a, attributes, list_entries) {
            putc_unlocked(' ', f);
            fputs_unlocked(a->key, f);
            fputs_unlocked("=\"", f);
            put_escaped(f, a->value, "&<>\"\n");
            putc_unlocked('"', f);
        }
    fputs_unlocked(end, f);
}

void lxw_xml_start_tag(FILE *xmlfile, const char *tag, struct xml_attribute_list *attributes)
{
    if (!exact()) {
        lxw.start(xmlfile, tag, attributes);
        return;
    }
    put_tag(xmlfile, tag, attributes, ">");
}

void lxw_xml_empty_tag(FILE *xmlfile, const char *tag, struct xml_attribute_list *attributes)
{
    if (!exact()) {
        lxw.empty(xmlfile, tag, attributes);
        return;
    }
    put_tag(xmlfile, tag, attributes, "/>");
}

void lxw_xml_end_tag(FILE *xmlfile, const char *tag)
{
    if (!exact()) {
        lxw.end(xmlfile, tag);
        return;
    }
    fputs_unlocked("</", xmlfile);
    fputs_unlocked(tag, xmlfile);
    putc_unlocked('>', xmlfile);
}

/* Data escapes & < > only (quotes and newlines stay as they are). */
void lxw_xml_data_element(FILE *xmlfile, const char *tag, const char *data,
                          struct xml_attribute_list *attributes)
{
    if (!exact()) {
        lxw.data(xmlfile, tag, data, attributes);
        return;
    }
    put_tag(xmlfile, tag, attributes, ">");
    put_escaped(xmlfile, data, "&<>");
    lxw_xml_end_tag(xmlfile, tag);
}

/* An attribute as the library's: at most LXW_MAX_ATTRIBUTE_LENGTH - 1
 * bytes of key and value, freed by the library with free(). */
static struct xml_attribute *attribute(const char *key)
{
    struct xml_attribute *a = malloc(sizeof *a);
    if (a) {
        size_t n = strnlen(key, LXW_MAX_ATTRIBUTE_LENGTH - 1);
        memcpy(a->key, key, n);
        a->key[n] = '\0';
    }
    return a;
}

struct xml_attribute *lxw_new_attribute_str(const char *key, const char *value)
{
    if (!exact())
        return lxw.attr_str(key, value);
    struct xml_attribute *a = attribute(key);
    if (a) {
        size_t n = strnlen(value, LXW_MAX_ATTRIBUTE_LENGTH - 1);
        memcpy(a->value, value, n);
        a->value[n] = '\0';
    }
    return a;
}

/* The value printed as an int, as "%d" does. */
struct xml_attribute *lxw_new_attribute_int(const char *key, uint32_t value)
{
    if (!exact())
        return lxw.attr_int(key, value);
    struct xml_attribute *a = attribute(key);
    if (a)
        int_text(a->value, (int32_t)value);
    return a;
}

/*
 * lxw_tmpfile(): libxlsxwriter writes each part of a workbook (some twenty)
 * to a temporary file, reads it back to compress it, and closes it: for an
 * audit's per-school workbooks (MC_XLSX_MEMORY) that creating, writing
 * and removing of files was a tenth of the time.  Those parts are written
 * to memory instead, a stream of glibc's fopencookie() that fclose()
 * frees; every other workbook gets the library's own files.
 */
struct memfile {
    char *data;
    size_t len, cap, at;
};

static ssize_t memfile_read(void *cookie, char *buf, size_t size)
{
    struct memfile *m = cookie;
    size_t n = m->at < m->len ? m->len - m->at : 0;
    if (n > size)
        n = size;
    if (n)
        memcpy(buf, m->data + m->at, n);
    m->at += n;
    return (ssize_t)n;
}

static ssize_t memfile_write(void *cookie, const char *buf, size_t size)
{
    struct memfile *m = cookie;
    if (!size)
        return 0;
    if (size > m->cap - m->at) {
        size_t cap = m->cap ? m->cap : 1 << 16;
        while (size > cap - m->at) {
            if (cap > SIZE_MAX / 4)
                return -1;
            cap *= 2;
        }
        char *grown = realloc(m->data, cap);
        if (!grown)
            return -1;
        m->data = grown;
        m->cap = cap;
    }
    memcpy(m->data + m->at, buf, size);
    m->at += size;
    if (m->at > m->len)
        m->len = m->at;
    return (ssize_t)size;
}

static int memfile_seek(void *cookie, off64_t *offset, int whence)
{
    struct memfile *m = cookie;
    off64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (off64_t)m->at
                                                               : (off64_t)m->len;
    if (*offset < -base || (size_t)(base + *offset) > m->len)
        return -1;
    m->at = (size_t)(*offset = base + *offset);
    return 0;
}

static int memfile_close(void *cookie)
{
    struct memfile *m = cookie;
    free(m->data);
    free(m);
    return 0;
}

static _Thread_local enum mc_xlsx_speed speed; /* mc_xlsx_speed() */

FILE *lxw_tmpfile(char *tmpdir)
{
    if (speed != MC_XLSX_MEMORY) {
        pthread_once(&lxw_once, find_lxw);
        return lxw.tmpfile ? lxw.tmpfile(tmpdir) : NULL;
    }
    struct memfile *m = calloc(1, sizeof *m);
    FILE *f = m ? fopencookie(m, "w+", (cookie_io_functions_t){
                                           .read = memfile_read, .write = memfile_write,
                                           .seek = memfile_seek, .close = memfile_close})
                : NULL;
    if (!f)
        free(m);
    return f;
}

/*
 * How each part of a workbook is deflated.  libxlsxwriter has no option
 * for it: it deflates every part through minizip at zlib's default level,
 * in 16 KB pieces.  For an audit's roll-up (MC_XLSX_STREAM),
 * zipOpenNewFileInZip4_64() below asks minizip for level 1.  For its
 * per-school workbooks (MC_XLSX_MEMORY), it opens the part "raw" instead,
 * zipWriteInFileInZip() keeps its bytes in memory, and zipCloseFileInZip()
 * deflates them in one piece with libdeflate at level 1, writes them and
 * closes the part with their CRC and length.  Every other part, and every
 * other workbook, goes to minizip as it came.
 */
typedef int zip_open_fn(void *file, const char *filename, const void *zipfi,
                        const void *extra_local, unsigned size_extra_local,
                        const void *extra_global, unsigned size_extra_global,
                        const char *comment, int method, int level, int raw,
                        int window_bits, int mem_level, int strategy,
                        const char *password, unsigned long crc_for_crypting,
                        unsigned long version_made_by, unsigned long flag_base,
                        int zip64);
typedef int zip_write_fn(void *file, const void *buf, unsigned len);
typedef int zip_close_fn(void *file);
typedef int zip_close_raw_fn(void *file, unsigned long long uncompressed_size,
                             unsigned long crc32);

enum { ZIP_OK_ = 0, ZIP_INTERNALERROR_ = -104 }; /* minizip's ZIP_OK, ZIP_INTERNALERROR */

static struct {
    zip_open_fn *open;
    zip_write_fn *write;
    zip_close_fn *close;
    zip_close_raw_fn *close_raw;
} minizip;
static pthread_once_t minizip_once = PTHREAD_ONCE_INIT;

static void find_minizip(void)
{
    minizip.open = (zip_open_fn *)dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
    minizip.write = (zip_write_fn *)dlsym(RTLD_NEXT, "zipWriteInFileInZip");
    minizip.close = (zip_close_fn *)dlsym(RTLD_NEXT, "zipCloseFileInZip");
    minizip.close_raw = (zip_close_raw_fn *)dlsym(RTLD_NEXT, "zipCloseFileInZipRaw64");
}

static int have_minizip(void)
{
    pthread_once(&minizip_once, find_minizip);
    return minizip.open && minizip.write && minizip.close && minizip.close_raw;
}

/* The part this thread is deflating itself: its zip (NULL: none), its bytes. */
static _Thread_local struct part {
    void *zip;
    struct memfile mem;
} part;

void mc_xlsx_speed(enum mc_xlsx_speed s)
{
    speed = s;
}

zip_open_fn zipOpenNewFileInZip4_64;
int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *zipfi,
                            const void *extra_local, unsigned size_extra_local,
                            const void *extra_global, unsigned size_extra_global,
                            const char *comment, int method, int level, int raw,
                            int window_bits, int mem_level, int strategy,
                            const char *password, unsigned long crc_for_crypting,
                            unsigned long version_made_by, unsigned long flag_base,
                            int zip64)
{
    if (!have_minizip())
        return ZIP_INTERNALERROR_; /* the workbook fails, with its message */
    /* A part left open by a failed write was closed by zipClose(). */
    free(part.mem.data);
    part = (struct part){0};
    int deflated = method == Z_DEFLATED && !raw && !password;
    int ours = deflated && speed == MC_XLSX_MEMORY;
    int rc = minizip.open(file, filename, zipfi, extra_local, size_extra_local, extra_global,
                          size_extra_global, comment, method,
                          deflated && speed != MC_XLSX_SMALL ? 1 : level, ours ? 1 : raw,
                          window_bits, mem_level, strategy, password,
                          crc_for_crypting, version_made_by, flag_base, zip64);
    if (rc == ZIP_OK_ && ours)
        part.zip = file;
    return rc;
}

zip_write_fn zipWriteInFileInZip;
int zipWriteInFileInZip(void *file, const void *buf, unsigned len)
{
    if (!have_minizip())
        return ZIP_INTERNALERROR_;
    if (!part.zip || file != part.zip)
        return minizip.write(file, buf, len);
    return memfile_write(&part.mem, buf, len) < 0 ? ZIP_INTERNALERROR_ : ZIP_OK_;
}

/* Deflate the part's bytes in one piece, write them, close the part. */
static int deflate_part(void *file, const struct memfile *p)
{
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(1);
    if (!c)
        return ZIP_INTERNALERROR_;
    size_t bound = libdeflate_deflate_compress_bound(c, p->len);
    unsigned char *out = malloc(bound);
    size_t n = out ? libdeflate_deflate_compress(c, p->data, p->len, out, bound) : 0;
    libdeflate_free_compressor(c);
    int rc = n ? ZIP_OK_ : ZIP_INTERNALERROR_;
    for (size_t at = 0; rc == ZIP_OK_ && at < n;) {
        unsigned piece = n - at > UINT_MAX ? UINT_MAX : (unsigned)(n - at);
        rc = minizip.write(file, out + at, piece);
        at += piece;
    }
    free(out);
    if (rc == ZIP_OK_)
        rc = minizip.close_raw(file, p->len, libdeflate_crc32(0, p->data, p->len));
    return rc;
}

zip_close_fn zipCloseFileInZip;
int zipCloseFileInZip(void *file)
{
    if (!have_minizip())
        return ZIP_INTERNALERROR_;
    if (!part.zip || file != part.zip)
        return minizip.close(file);
    struct memfile mem = part.mem;
    part = (struct part){0};
    int rc = deflate_part(file, &mem);
    free(mem.data);
    return rc;
}
