/*
 * tempfile.c - atomic replacement of a file through a temporary sibling.
 */
#include "tempfile.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

/* The folder of path into dir, and where its last component starts. */
static const char *split_dir(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, size, ".");
    else
        snprintf(dir, size, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    return slash ? slash + 1 : path;
}

/* The pid in a name "<base>.tmp-<pid>-XXXXXX" (mkstemp's six letters or
 * digits), or 0 when the name is not one of ours for base. */
static long temp_owner(const char *name, const char *base)
{
    size_t n = strlen(base);
    if (strncmp(name, base, n) || strncmp(name + n, ".tmp-", 5))
        return 0;
    const char *p = name + n + 5;
    char *end;
    if (*p < '1' || *p > '9')
        return 0;
    errno = 0;
    long pid = strtol(p, &end, 10);
    if (errno || pid > INT_MAX || *end != '-' || strlen(end + 1) != 6)
        return 0;
    for (const char *c = end + 1; *c; c++)
        if (!isalnum((unsigned char)*c))
            return 0;
    return pid;
}

/* Remove the temporary files of target that a process killed before it
 * could (SIGKILL, a power cut) left behind: only names of our own pattern
 * whose process is gone.  A live process, ours or another's (EPERM), keeps
 * its file. */
static void remove_stale(const char *target)
{
    char dir[4096];
    const char *base = split_dir(target, dir, sizeof dir);
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        long pid = temp_owner(e->d_name, base);
        struct stat st;
        if (pid && kill((pid_t)pid, 0) != 0 && errno == ESRCH &&
            fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISREG(st.st_mode))
            unlinkat(dirfd(d), e->d_name, 0);
    }
    closedir(d);
}

mc_code mc_tempfile_create(struct mc_tempfile *t, const char *target,
                           struct mc_err *err)
{
    struct stat st;
    if (stat(target, &st) == 0 && S_ISDIR(st.st_mode))
        return mc_err_set(err, MC_ERR_INPUT, "%s: is a directory; expected a "
                          "file name", target);
    remove_stale(target);
    size_t size = strlen(target) + sizeof ".tmp-4294967295-XXXXXX";
    t->target = strdup(target);
    t->path = malloc(size);
    if (!t->target || !t->path) {
        mc_tempfile_release(t);
        return mc_err_set(err, MC_ERR_NOMEM, "out of memory");
    }
    /* The pid tells a later run whether the file's owner is gone. */
    snprintf(t->path, size, "%s.tmp-%ld-XXXXXX", target, (long)getpid());
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
    /* The rename is durable only once the folder is synced.  A folder we
     * may not open for reading, or a file system that cannot sync one
     * (EINVAL), gets no more than the rename. */
    char dir[4096];
    split_dir(t->target, dir, sizeof dir);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    int synced = dfd < 0 || fsync(dfd) == 0 || errno == EINVAL;
    int sync_errno = errno;
    if (dfd >= 0)
        close(dfd);
    unwatch(t);
    free(t->path);
    t->path = NULL; /* committed: nothing left to remove */
    if (!synced)
        return mc_err_set(err, MC_ERR_IO, "%s: cannot sync its folder: %s", t->target,
                          strerror(sync_errno));
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
