/*
 * infile.c - whole input files, refused when not regular or too large.
 */
#include "mealcheck/infile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mealcheck/i18n.h"

int mc_input_given(const struct mc_input *in)
{
    return in->path || in->data;
}

const char *mc_input_name(const struct mc_input *in)
{
    return in->name ? in->name : in->path ? in->path : "";
}

static mc_code refuse(int fd, char *buf, mc_code rc)
{
    int saved = errno;
    free(buf);
    if (fd >= 0)
        close(fd);
    errno = saved;
    return rc;
}

/* Open path and check that it is a regular file: *fd, or -1 on failure.
 * text: the file is streamed text (SR28's), not a CSV file or workbook. */
static mc_code open_regular(const char *path, int text, int *fdp, struct stat *stp,
                            struct mc_err *err)
{
    *fdp = -1;
    /* O_NONBLOCK: opening a FIFO for reading would wait for a writer. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        /* A file the user named that does not exist or that they may not
         * read is bad input (exit 2); anything else is a system failure. */
        mc_code rc = mc_err_set(err, e == ENOENT || e == EACCES || e == ENOTDIR
                                         ? MC_ERR_INPUT : MC_ERR_IO,
                                N_("%s: cannot open: %s"), path, strerror(e));
        errno = e;
        return rc;
    }
    if (fstat(fd, stp) != 0)
        return refuse(fd, NULL, mc_err_set(err, MC_ERR_IO, "%s: cannot open: %s", path,
                                           strerror(errno)));
    if (S_ISDIR(stp->st_mode))
        return refuse(fd, NULL, mc_err_set(err, MC_ERR_INPUT,
                                           N_("%s: is a directory; expected a CSV file"),
                                           path));
    if (!S_ISREG(stp->st_mode))
        return refuse(fd, NULL,
                      text ? mc_err_set(err, MC_ERR_INPUT,
                                        N_("%s: not a regular file (a pipe, a device "
                                           "or a socket); expected a text file"), path)
                           : mc_err_set(err, MC_ERR_INPUT,
                                        N_("%s: not a regular file (a pipe, a device "
                                           "or a socket); expected a CSV file or an "
                                           ".xlsx workbook"), path));
    *fdp = fd;
    return MC_OK;
}

mc_code mc_infile_open(const char *path, int *fd, struct mc_err *err)
{
    struct stat st;
    return open_regular(path, 1, fd, &st, err);
}

mc_code mc_infile_read(const char *path, char **buf, size_t *len, struct mc_err *err)
{
    return mc_infile_read_max(path, 0, buf, len, err);
}

mc_code mc_infile_too_large(const char *path, size_t max, struct mc_err *err)
{
    if (max % ((size_t)1 << 20) == 0)
        return mc_err_set(err, MC_ERR_INPUT,
                          N_("%s: larger than %d MiB, the most an input file may hold"),
                          path, (int)(max >> 20));
    return mc_err_set(err, MC_ERR_INPUT,
                      N_("%s: larger than %zu bytes, the most an input file may hold"),
                      path, max);
}

mc_code mc_infile_read_max(const char *path, size_t max, char **buf, size_t *len,
                           struct mc_err *err)
{
    if (max == 0 || max > MC_INFILE_MAX)
        max = MC_INFILE_MAX;
    *buf = NULL;
    *len = 0;
    int fd;
    struct stat st;
    mc_code rc = open_regular(path, 0, &fd, &st, err);
    if (rc)
        return rc;
    char *b = NULL;
    size_t n = 0, cap = 0;
    /* st_size is only a hint: the file may grow while it is read, so the
     * limit is also kept on the bytes actually read. */
    for (;;) {
        if (st.st_size > (off_t)max || n > max)
            return refuse(fd, b, mc_infile_too_large(path, max, err));
        if (n == cap) {
            size_t want = cap ? cap * 2 : (size_t)st.st_size + 1;
            if (want > max + 1)
                want = max + 1;
            char *p = realloc(b, want + 1);
            if (!p)
                return refuse(fd, b, mc_err_set(err, MC_ERR_NOMEM, "%s: out of memory",
                                                path));
            b = p;
            cap = want;
        }
        ssize_t got = read(fd, b + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return refuse(fd, b, mc_err_set(err, MC_ERR_IO, "%s: read error: %s", path,
                                            strerror(errno)));
        if (got == 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    b[n] = '\0';
    *buf = b;
    *len = n;
    return MC_OK;
}
