/*
 * tempfile.c - atomic replacement of a file through a temporary sibling.
 */
#include "tempfile.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Temporary files a fatal signal must remove.  A slot is written only while
 * not live, and the handler reads only live slots. */
#define N_PENDING 4
static char pending[N_PENDING][4096];
static volatile sig_atomic_t live[N_PENDING];
static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP};
/* An audit writes per-school reports on several threads: the list and the
 * umask, read by setting it, are shared. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void on_fatal_signal(int sig)
{
    for (int i = 0; i < N_PENDING; i++)
        if (live[i])
            unlink(pending[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Install the handler (once) and block the fatal signals into *old, so
 * that none lands between creating a file and listing it. */
static void hold_signals(sigset_t *old)
{
    static int installed;
    sigset_t set;
    sigemptyset(&set);
    for (size_t s = 0; s < sizeof fatal_signals / sizeof *fatal_signals; s++) {
        sigaddset(&set, fatal_signals[s]);
        struct sigaction was, sa = {.sa_handler = on_fatal_signal};
        sigemptyset(&sa.sa_mask);
        /* A signal the caller ignores (nohup, a background job) stays ignored. */
        if (!installed && sigaction(fatal_signals[s], NULL, &was) == 0 &&
            was.sa_handler == SIG_DFL)
            sigaction(fatal_signals[s], &sa, NULL);
    }
    installed = 1;
    pthread_sigmask(SIG_BLOCK, &set, old);
}

/* Put path on the list; 0 when it is full or the path too long, which
 * only loses the cleanup on a signal. */
static int watch(const char *path)
{
    size_t len = strlen(path);
    for (int i = 0; i < N_PENDING; i++)
        if (!live[i] && len < sizeof pending[i]) {
            memcpy(pending[i], path, len + 1);
            live[i] = 1;
            return i + 1;
        }
    return 0;
}

static void unwatch(struct mc_tempfile *t)
{
    if (t->slot) {
        pthread_mutex_lock(&lock);
        live[t->slot - 1] = 0;
        pthread_mutex_unlock(&lock);
    }
    t->slot = 0;
}

mc_code mc_tempfile_create(struct mc_tempfile *t, const char *target,
                           struct mc_err *err)
{
    struct stat st;
    if (stat(target, &st) == 0 && S_ISDIR(st.st_mode))
        return mc_err_set(err, MC_ERR_INPUT, "%s: is a directory; expected a "
                          "file name", target);
    size_t size = strlen(target) + sizeof ".tmp-XXXXXX";
    t->target = strdup(target);
    t->path = malloc(size);
    if (!t->target || !t->path) {
        mc_tempfile_release(t);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    snprintf(t->path, size, "%s.tmp-XXXXXX", target);
    sigset_t held;
    pthread_mutex_lock(&lock);
    hold_signals(&held);
    int fd = mkstemp(t->path);
    int mkstemp_errno = errno;
    if (fd >= 0)
        t->slot = watch(t->path);
    pthread_sigmask(SIG_SETMASK, &held, NULL);
    pthread_mutex_unlock(&lock);
    errno = mkstemp_errno;
    if (fd < 0) {
        /* A missing folder or one the user may not write is theirs to fix:
         * bad input, like a missing file. */
        int user = errno == ENOENT || errno == ENOTDIR || errno == EACCES ||
                   errno == EPERM || errno == EROFS;
        mc_code rc = mc_err_set(err, user ? MC_ERR_INPUT : MC_ERR_IO,
                                "%s: cannot write: %s", target, strerror(errno));
        free(t->path);
        t->path = NULL;
        mc_tempfile_release(t);
        return rc;
    }
    pthread_mutex_lock(&lock);
    mode_t mask = umask(0);
    umask(mask);
    pthread_mutex_unlock(&lock);
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
    unwatch(t);
    free(t->path);
    t->path = NULL; /* committed: nothing left to remove */
    return MC_OK;
}

void mc_tempfile_release(struct mc_tempfile *t)
{
    unwatch(t);
    if (t->path)
        unlink(t->path);
    free(t->path);
    free(t->target);
    t->path = t->target = NULL;
}
