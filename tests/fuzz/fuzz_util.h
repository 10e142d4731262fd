/*
 * fuzz_util.h - scratch files for fuzz targets whose loaders read paths.
 *
 * Each target process gets one private directory (removed at exit); inputs
 * are rewritten into it on every run so that loaders see real files.
 */
#ifndef MEALCHECK_FUZZ_UTIL_H
#define MEALCHECK_FUZZ_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char fuzz_dir[64];

static void fuzz_rmdir(void)
{
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", fuzz_dir);
}

/* The scratch directory, created on first use. */
static const char *fuzz_scratch(void)
{
    if (!fuzz_dir[0]) {
        snprintf(fuzz_dir, sizeof fuzz_dir, "/tmp/mc-fuzz-XXXXXX");
        if (!mkdtemp(fuzz_dir))
            abort();
        atexit(fuzz_rmdir);
    }
    return fuzz_dir;
}

/* Write data to name inside the scratch directory; the path goes to out. */
static void fuzz_write(const char *name, const void *data, size_t len,
                       char *out, size_t size)
{
    snprintf(out, size, "%s/%s", fuzz_scratch(), name);
    FILE *f = fopen(out, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
        abort();
}

#endif
