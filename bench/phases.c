/*
 * phases.c - the audit's phases timed one by one through the library, for
 * the figures the command's wall time mixes together.
 *
 *   build/bench-phases manifest MANIFEST
 *       loads MANIFEST 3 times: "manifest N schools S s" (the fastest)
 *   build/bench-phases scan MANIFEST
 *       the same with mc_manifest_scan (the audit's way): "scan N schools S s"
 *   build/bench-phases check MANIFEST RECIPES DB JOBS
 *       runs mc_audit_run (the check phase: books, menus, checks, no
 *       output) on JOBS threads: "check N schools JOBS jobs S s"
 *
 * Run from the project root (standards/, food_composition/cooking/).
 * Built by `make bench`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mealcheck/audit.h"
#include "mealcheck/manifest.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int fail(struct mc_err *err)
{
    fprintf(stderr, "bench-phases: %s", mc_err_text(err) ? mc_err_text(err) : "failed\n");
    return 1;
}

int main(int argc, char **argv)
{
    struct mc_err err = {0};
    struct mc_manifest *m = NULL;
    if (argc == 3 && (!strcmp(argv[1], "manifest") || !strcmp(argv[1], "scan"))) {
        int scan = !strcmp(argv[1], "scan");
        double best = 1e9;
        size_t n = 0;
        for (int i = 0; i < 3; i++) {
            double t = now();
            if (scan ? mc_manifest_scan(argv[2], NULL, &m, &err)
                     : mc_manifest_load(argv[2], &m, &err))
                return fail(&err);
            t = now() - t;
            best = t < best ? t : best;
            n = m->n;
            mc_manifest_free(m);
        }
        printf("%s %zu schools %.4f s\n", argv[1], n, best);
        return 0;
    }
    if (argc != 6 || strcmp(argv[1], "check")) {
        fputs("usage: bench-phases manifest|scan MANIFEST | check MANIFEST RECIPES DB JOBS\n",
              stderr);
        return 2;
    }
    struct mc_standard_set *set = NULL;
    struct mc_cooking_set *cooking = NULL;
    struct mc_audit *a = NULL;
    if (mc_manifest_scan(argv[2], NULL, &m, &err) ||
        mc_standard_set_load("standards", &set, &err) ||
        mc_cooking_set_load("food_composition/cooking", &cooking, &err))
        return fail(&err);
    struct mc_audit_opts o = {.db_path = argv[4], .standards = set, .cooking = cooking,
                              .recipes = argv[3], .date = 20260901,
                              .jobs = (unsigned)atoi(argv[5])};
    double t = now();
    if (mc_audit_run(m, &o, &a, &err))
        return fail(&err);
    t = now() - t;
    printf("check %zu schools %u jobs %.4f s\n", m->n, o.jobs, t);
    mc_audit_free(a);
    mc_cooking_set_free(cooking);
    mc_standard_set_free(set);
    mc_manifest_free(m);
    mc_err_release(&err);
    return 0;
}
