/*
 * session.c - what every front end does before a check (session.h).
 */
#include "mealcheck/session.h"

#include <time.h>

#include "mealcheck/food_set.h"
#include "mealcheck/standard.h"

mc_code mc_session_resolve(const struct mc_standard_set *set,
                           const char *const *std_ids, size_t n_stds,
                           const char *const *groups, size_t n_groups,
                           const struct mc_standard **stds,
                           struct mc_group_spec *specs, struct mc_err *err)
{
    mc_code rc = MC_OK;
    for (size_t i = 0; i < n_stds; i++)
        if (mc_standard_get(set, std_ids[i], &stds[i], err))
            rc = MC_ERR_NOT_FOUND;
    mc_code g = mc_standard_resolve_groups(stds, n_stds, groups, n_groups, specs, err);
    return g ? g : rc;
}

enum mc_outcome mc_session_outcome(const struct mc_check *c, const struct mc_food_set *fs)
{
    enum mc_outcome f = !fs ? MC_OUTCOME_COMPLIES
                        : !fs->complies ? MC_OUTCOME_FAILS
                        : fs->n_low || fs->n_high ? MC_OUTCOME_ADVISORY
                                                  : MC_OUTCOME_COMPLIES;
    return f > c->outcome ? f : c->outcome;
}

int mc_session_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}
