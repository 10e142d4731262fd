/*
 * folder.c - the data files of a folder, by one rule (folder.h).
 */
#include "folder.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"

static int ends_with(const char *name, size_t len, const char *ext)
{
    size_t k = strlen(ext);
    return len > k && !strcasecmp(name + len - k, ext);
}

int mc_folder_keeps(const char *name, unsigned kinds)
{
    size_t len = strlen(name);
    if (name[0] == '.' || !strncmp(name, "~$", 2))
        return 0;
    return ((kinds & MC_FOLDER_CSV) && ends_with(name, len, ".csv")) ||
           ((kinds & MC_FOLDER_XLSX) && ends_with(name, len, ".xlsx"));
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void mc_folder_free(char **names)
{
    for (char **p = names; p && *p; p++)
        free(*p);
    free(names);
}

mc_code mc_folder_list(const char *dir, unsigned kinds, char ***names, size_t *n,
                       struct mc_err *err)
{
    *names = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT || errno == ENOTDIR ? MC_ERR_NOT_FOUND : MC_ERR_IO;
    char **v = NULL;
    size_t cap = 0, k = 0;
    mc_code rc = MC_OK;
    for (struct dirent *e; (e = readdir(d));) {
        if (!mc_folder_keeps(e->d_name, kinds))
            continue;
        /* k + 2: room for the NULL at the end */
        if (mc_array_reserve(&v, &cap, k + 2, sizeof *v, 16) ||
            !(v[k] = strdup(e->d_name))) {
            rc = mc_err_set(err, MC_ERR_NOMEM, "out of memory listing %s", dir);
            break;
        }
        v[++k] = NULL;
    }
    closedir(d);
    if (rc) {
        mc_folder_free(v);
        return rc;
    }
    if (k)
        qsort(v, k, sizeof *v, by_name);
    *names = v;
    *n = k;
    return MC_OK;
}
