/*
 * session.h - what every front end does before a check: resolve the norm
 * sets and groups as the user names them, and date the check.
 *
 * The command line (`mealcheck check`, `suggest`, `audit`) and the web
 * server both call these, so that a typo in a norm set or a group reads
 * the same wherever it is made.
 */
#ifndef MEALCHECK_SESSION_H
#define MEALCHECK_SESSION_H

#include <stddef.h>

#include "mealcheck/check.h"
#include "mealcheck/error.h"

struct mc_check;
struct mc_food_set;
struct mc_standard;
struct mc_standard_set;
struct mc_group_spec;

/**
 * Find the norm sets std_ids names in set and parse the group specs,
 * checking each group against each set, so that a typo is reported before
 * the slow loading, with the valid choices.  Every problem is recorded in
 * err, not only the first.
 * @param stds   out: n_stds entries, NULL where the id is unknown
 * @param specs  n_groups zeroed entries; release each with
 *               mc_group_spec_release() whatever the result
 * @return MC_OK; MC_ERR_NOT_FOUND for an unknown norm set or group;
 *         MC_ERR_USAGE for a malformed group; MC_ERR_NOMEM
 */
mc_code mc_session_resolve(const struct mc_standard_set *set,
                           const char *const *std_ids, size_t n_stds,
                           const char *const *groups, size_t n_groups,
                           const struct mc_standard **stds,
                           struct mc_group_spec *specs, struct mc_err *err);

/**
 * The outcome of check c with its food-set check fs (NULL: none): the
 * worse of the two, where the food set fails on a verified norm missed and
 * is advisory when only unverified ones are.
 */
enum mc_outcome mc_session_outcome(const struct mc_check *c, const struct mc_food_set *fs);

/** Today's date as yyyymmdd in local time: the date a check is for unless
 * the user gives one. */
int mc_session_today(void);

#endif
