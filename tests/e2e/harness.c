/*
 * harness.c - spawn the CLI with its output captured in temporary files.
 */
#include "harness.h"

#include <criterion/criterion.h>
#include <criterion/hooks.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* CSV output follows the locale (';' and decimal commas in ru and kk):
 * the tests expect the C locale's unless they set another. */
ReportHook(PRE_ALL)(struct criterion_test_set *tests)
{
    (void)tests;
    setenv("LC_ALL", "C", 1);
}

char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) {
            char *p = realloc(buf, cap *= 2);
            if (!p) {
                free(buf);
                buf = NULL;
            }
            buf = p;
        }
    }
    fclose(f);
    if (buf)
        buf[len] = '\0';
    return buf;
}

int str_has(const char *hay, const char *needle)
{
    return strstr(hay, needle) != NULL;
}

int str_starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static const char *env_or(const char *name, const char *dflt)
{
    const char *v = getenv(name);
    return v && *v ? v : dflt;
}

static void run_v(struct run *r, int with_db, va_list ap)
{
    /* posix_spawn takes char *const[] for historical reasons; it never
     * writes to the strings. */
    char *argv[64];
    int argc = 0;
    char wrapper[1024];
    snprintf(wrapper, sizeof wrapper, "%s", env_or("MC_TEST_WRAPPER", ""));
    for (char *tok = strtok(wrapper, " "); tok && argc < 16; tok = strtok(NULL, " "))
        argv[argc++] = tok;
    argv[argc++] = (char *)env_or("MC_TEST_BIN", "build/mealcheck");
    if (with_db) {
        argv[argc++] = (char *)"--db";
        argv[argc++] = (char *)env_or("MC_TEST_DB", "build/mealcheck.db");
    }
    const char *a;
    while ((a = va_arg(ap, const char *)) && argc < 63)
        argv[argc++] = (char *)a;
    argv[argc] = NULL;

    char out_path[] = "/tmp/mc-test-out-XXXXXX";
    char err_path[] = "/tmp/mc-test-err-XXXXXX";
    int out_fd = mkstemp(out_path), err_fd = mkstemp(err_path);
    cr_assert(out_fd >= 0 && err_fd >= 0, "cannot create capture files");

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
    posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    cr_assert(rc == 0, "cannot run %s", argv[0]);
    int st;
    cr_assert(waitpid(pid, &st, 0) == pid);
    r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    close(out_fd);
    close(err_fd);
    r->out = slurp(out_path);
    r->err = slurp(err_path);
    unlink(out_path);
    unlink(err_path);
    cr_assert(r->out && r->err, "cannot read captured output");
}

void run_mc(struct run *r, ...)
{
    va_list ap;
    va_start(ap, r);
    run_v(r, 1, ap);
    va_end(ap);
}

void run_mc_nodb(struct run *r, ...)
{
    va_list ap;
    va_start(ap, r);
    run_v(r, 0, ap);
    va_end(ap);
}

void run_free(struct run *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}
