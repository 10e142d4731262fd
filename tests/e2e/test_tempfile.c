/*
 * test_tempfile.c - temporary files left by a process killed outright
 * (SIGKILL: no handler runs) are removed by the next write of the same
 * target, and only those: a live process's, another target's and names
 * not of our pattern are kept.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

extern char **environ;

TestSuite(tempfile, .timeout = 120);

/* A pid that was a process and is no more. */
static pid_t dead_pid(void)
{
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0)
        _exit(0);
    cr_assert_eq(waitpid(pid, NULL, 0), pid);
    return pid;
}

static void touch(const char *dir, const char *name)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    cr_assert(fd >= 0, "%s", path);
    cr_assert_eq(write(fd, "partial", 7), 7);
    close(fd);
}

static int exists(const char *dir, const char *name)
{
    char path[PATH_MAX];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0;
}

/* Names in dir that contain ".tmp-". */
static int count_temps(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += strstr(e->d_name, ".tmp-") != NULL;
    if (d)
        closedir(d);
    return n;
}

Test(tempfile, a_report_write_removes_only_stale_temporaries_of_its_target)
{
    char dir[] = "/tmp/mc-tempfile-XXXXXX", out[PATH_MAX];
    cr_assert_not_null(mkdtemp(dir));
    char dead[64], live[64], other[64];
    snprintf(dead, sizeof dead, "r.xlsx.tmp-%ld-aB3xYz", (long)dead_pid());
    snprintf(live, sizeof live, "r.xlsx.tmp-%ld-Qw9eRt", (long)getpid());
    snprintf(other, sizeof other, "q.xlsx.tmp-%ld-aB3xYz", (long)dead_pid());
    const char *kept[] = {live, other, "r.xlsx.tmp-aB3xYz", "r.xlsx.tmp-123-notes",
                          "r.xlsx.tmp-0-aB3xYz"};
    touch(dir, dead);
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++)
        touch(dir, kept[i]);
    snprintf(out, sizeof out, "%s/r.xlsx", dir);
    struct run r;
    run_mc(&r, "check", "--recipes", "menus/recipes.csv", "--menu", "menus/menu.csv",
           "--standard", "us_dri", "--group", "7-11", "--date", "2026-09-01", "-o", out,
           NULL);
    cr_expect_eq(r.status, 3, "%s", r.err);
    run_free(&r);
    cr_expect(exists(dir, "r.xlsx"));
    cr_expect(!exists(dir, dead), "%s was left", dead);
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++)
        cr_expect(exists(dir, kept[i]), "%s was removed", kept[i]);
    cr_expect_eq(count_temps(dir), (int)(sizeof kept / sizeof *kept));
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
}

/* kill -9 during `db build` leaves its temporary database (no handler can
 * run); the next build removes it. */
Test(tempfile, a_killed_build_is_cleaned_by_the_next)
{
    char dir[] = "/tmp/mc-tempfile-XXXXXX", db[PATH_MAX];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/x.db", dir);
    const char *bin = getenv("MC_TEST_BIN");
    char w_db[] = "db", w_build[] = "build", w_o[] = "-o";
    char *argv[] = {(char *)(bin && *bin ? bin : "build/mealcheck"), w_db, w_build, w_o,
                    db, NULL};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    cr_assert_eq(posix_spawn(&pid, argv[0], &fa, NULL, argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    /* Kill it once its temporary database exists (at most 30 s). */
    struct timespec tick = {0, 2 * 1000 * 1000};
    for (int i = 0; i < 15000 && !count_temps(dir); i++)
        nanosleep(&tick, NULL);
    kill(pid, SIGKILL);
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert(WIFSIGNALED(st), "the build ended before it was killed");
    cr_assert_eq(count_temps(dir), 1, "no temporary database to clean");

    struct run r;
    run_mc_nodb(&r, "db", "build", "-o", db, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    run_free(&r);
    cr_expect(exists(dir, "x.db"));
    cr_expect_eq(count_temps(dir), 0, "the killed build's temporary file is left");
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
}
