/*
 * tempfile.c - atomic replacement of a file through a temporary sibling.
 */
#include "tempfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

mc_code mc_tempfile_create(struct mc_tempfile *t, const char *target,
                           struct mc_err *err)
{
    size_t size = strlen(target) + sizeof ".tmp-XXXXXX";
    t->target = strdup(target);
    t->path = malloc(size);
    if (!t->target || !t->path) {
        mc_tempfile_release(t);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    snprintf(t->path, size, "%s.tmp-XXXXXX", target);
    int fd = mkstemp(t->path);
    if (fd < 0) {
        /* A missing folder is the user's to fix: bad input, like a missing file. */
        mc_code rc = mc_err_set(err, errno == ENOENT ? MC_ERR_INPUT : MC_ERR_IO,
                                "%s: cannot write: %s", target, strerror(errno));
        free(t->path);
        t->path = NULL;
        mc_tempfile_release(t);
        return rc;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    close(fd);
    return MC_OK;
}

mc_code mc_tempfile_commit(struct mc_tempfile *t, struct mc_err *err)
{
    int fd = open(t->path, O_RDONLY);
    if (fd < 0 || fsync(fd) != 0) {
        mc_code rc = mc_err_set(err, MC_ERR_IO, "%s: cannot sync: %s", t->path,
                                strerror(errno));
        if (fd >= 0)
            close(fd);
        return rc;
    }
    close(fd);
    if (rename(t->path, t->target) != 0)
        return mc_err_set(err, MC_ERR_IO, "%s: cannot replace: %s", t->target,
                          strerror(errno));
    free(t->path);
    t->path = NULL; /* committed: nothing left to remove */
    return MC_OK;
}

void mc_tempfile_release(struct mc_tempfile *t)
{
    if (t->path)
        unlink(t->path);
    free(t->path);
    free(t->target);
    t->path = t->target = NULL;
}
