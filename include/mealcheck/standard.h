/*
 * standard.h - norm sets (nutrition standards) as data.
 *
 * A norm set is one CSV file in standards/ (format in docs/standards.md):
 * "#key: value" metadata lines at the top (id, title, issuing body, legal
 * reference, evaluation basis, tolerance, meal shares, ...) followed by a
 * long-format table with one row per group x nutrient x bound.  Adding a
 * nation's norms is a matter of dropping such a file into the directory;
 * no code changes.
 *
 * This module only loads and describes norm sets and resolves the groups a
 * user asks for; judging a menu against them is check.h.
 */
#ifndef MEALCHECK_STANDARD_H
#define MEALCHECK_STANDARD_H

#include <stddef.h>

#include "mealcheck/error.h"
#include "mealcheck/nutrient.h"

/** Sex of a norm group. */
enum mc_sex { MC_SEX_ANY, MC_SEX_MALE, MC_SEX_FEMALE };

/** Kinds of bound a norm row sets (the `kind` column). */
enum mc_bound_kind {
    MC_BOUND_MIN,            /**< at least (RDA, AI, a floor) */
    MC_BOUND_MAX,            /**< at most (UL, a sodium limit) */
    MC_BOUND_RANGE_MIN,      /**< lower end of a band (a meal's calorie range) */
    MC_BOUND_RANGE_MAX,      /**< upper end of a band */
    MC_BOUND_TARGET,         /**< a daily need: the meals must supply their share band of it */
    MC_BOUND_PCT_ENERGY_MIN, /**< at least this % of energy (4/9/4 kcal per g) */
    MC_BOUND_PCT_ENERGY_MAX  /**< at most this % of energy */
};

/** What the norm values refer to (`#per:`). */
enum mc_norm_per {
    MC_PER_DAY,  /**< a whole day; meals are judged by their share of it */
    MC_PER_MEAL  /**< one meal, named in each row's `meal` column */
};

/** What the verdict is based on (`#judge:`). */
enum mc_judge {
    MC_JUDGE_WEEK_AVERAGE, /**< the average over the menu period must comply */
    MC_JUDGE_EACH_DAY      /**< every day (and the average) must comply */
};

/** An age band with a sex: one column of a norm table. */
struct mc_norm_group {
    char *id;          /**< e.g. "male_9_13" */
    int age_min;       /**< whole years, inclusive */
    int age_max;       /**< whole years, inclusive */
    enum mc_sex sex;
};

/** The share of the daily norm one meal must cover (`#meal_share:`). */
struct mc_meal_share {
    char *meal;        /**< lowercase meal name, e.g. "breakfast" */
    double min_pct;    /**< e.g. 20 */
    double max_pct;    /**< e.g. 25 */
    int verified;      /**< 0 when the source marks the share unverified */
};

/** One row of a norm table. */
struct mc_norm_row {
    size_t group;              /**< index into mc_standard.groups */
    enum mc_nutrient nutrient;
    enum mc_bound_kind kind;
    double value;              /**< in the nutrient key's unit, or % of energy */
    char *unit;                /**< as written; differs from the key's unit when the basis does */
    char *meal;                /**< lowercase meal for per-meal norms; "" for daily */
    int effective_from;        /**< yyyymmdd, 0 = since always */
    int effective_to;          /**< yyyymmdd inclusive, 0 = until further notice */
    char *rule;                /**< the rule that sets the value, e.g. "usda_2024_sodium_limit" */
    int verified;              /**< 1 when checked against a primary source */
    double tolerance_pct;      /**< this row's tolerance; the file's when the column is empty */
    char *source_url;
    char *note;                /**< "" when none */
    long line;                 /**< line in the file */
    /** what the row bounds, as an index into mc_standard.item_rows: rows
     * of one nutrient, measure (amount or % of energy) and meal share it */
    size_t item;
};

/** Languages a norm set's title and notes may be given in besides English:
 * Russian and Kazakh. */
#define MC_STANDARD_N_LANG 2

/** A loaded norm set.  Strings are owned by the set. */
struct mc_standard {
    char *path;
    char *id;                  /**< the file's `#id:`, unique in a directory */
    char *title;
    char *issuer;
    char *legal_ref;
    char *source_url;
    char *notes;               /**< `#note:` lines joined by "\n"; "" when none */
    /** `#title_ru:` and `#title_kk:` (index 0 and 1); NULL when not given */
    char *title_local[MC_STANDARD_N_LANG];
    /** `#note_ru:` and `#note_kk:` lines joined by "\n"; NULL when none */
    char *notes_local[MC_STANDARD_N_LANG];
    int effective_from;        /**< yyyymmdd, 0 = open */
    int effective_to;          /**< yyyymmdd inclusive, 0 = open */
    char *superseded_by;       /**< `#superseded_by:` the act that replaced the set; "" when none */
    enum mc_norm_per per;
    enum mc_judge judge;
    double tolerance_pct;      /**< default tolerance of every bound, % */
    double coverage_min;       /**< below this coverage (0..1) a value is "insufficient data" */
    struct mc_meal_share *shares; size_t n_shares;
    struct mc_norm_group *groups; size_t n_groups;
    struct mc_norm_row *rows;     size_t n_rows;
    /** The distinct nutrient x measure x meal the rows bound, in the order
     * a check lists them (nutrient, amount before % of energy, meal): the
     * first row of each.  Computed once at load, so that judging a menu
     * compares indexes, not names, per row. */
    size_t *item_rows;            size_t n_items;
};

/** Every norm set of a directory, sorted by id. */
struct mc_standard_set {
    struct mc_standard *items;
    size_t n;
};

/**
 * Load every norm set (*.csv, and *.xlsx: the first sheet, laid out as the
 * CSV) of the folders in dirs: one folder, or several separated by ':'
 * (the installed standards/ first, then a user's own, which is how a user
 * adds sets without touching the install).  Every problem in every file is
 * recorded ("path:line:col: ...", up to MC_ERR_LIMIT; in an .xlsx the row
 * and column the sheet shows) before failing; a folder without norm sets
 * and the same id in two files are errors.
 * @return MC_OK with *out set (free with mc_standard_set_free), else *out NULL.
 */
mc_code mc_standard_set_load(const char *dirs, struct mc_standard_set **out,
                             struct mc_err *err);

/**
 * Load one norm file (.csv or .xlsx) as a set of one, to validate it
 * (`mealcheck standards check FILE`): the same checks and messages as
 * mc_standard_set_load().
 */
mc_code mc_standard_load_file(const char *path, struct mc_standard_set **out,
                              struct mc_err *err);

/**
 * The set's title in the language in force (mealcheck/i18n.h): its
 * `#title_ru:` or `#title_kk:` (Kazakh falls back to the Russian), else
 * the English `#title:`.
 */
const char *mc_standard_title(const struct mc_standard *s);

/** The set's notes, "\n"-separated, chosen as mc_standard_title() chooses. */
const char *mc_standard_notes(const struct mc_standard *s);

/** Free a set.  Accepts NULL. */
void mc_standard_set_free(struct mc_standard_set *set);

/** The norm set with this id (case-insensitive), or NULL. */
const struct mc_standard *mc_standard_find(const struct mc_standard_set *set,
                                           const char *id);

/**
 * Like mc_standard_find(), but an unknown id is recorded in err as
 * "unknown standard 'x' (available: a, b, c)" with MC_ERR_NOT_FOUND.
 */
mc_code mc_standard_get(const struct mc_standard_set *set, const char *id,
                        const struct mc_standard **out, struct mc_err *err);

/** The row for meal (case-insensitive) in a table of n shares, or NULL. */
const struct mc_meal_share *mc_meal_share_find(const struct mc_meal_share *tab,
                                               size_t n, const char *meal);

/**
 * Parse a share of the day as people give it: "lunch=30-35" or "lunch=30"
 * (% of the day, 0-100, min <= max); "обед=30-35" is lunch, as in a menu
 * (mc_meal_canonical).  The share is the user's stated assumption, so it is
 * marked verified.
 * @param meal  receives the meal name; out->meal points to it
 * @return 1 on success, 0 for anything else (out partly written)
 */
int mc_meal_share_parse(const char *text, struct mc_meal_share *out, char *meal,
                        size_t size);

/** The share row for meal (case-insensitive), or NULL. */
const struct mc_meal_share *mc_standard_share(const struct mc_standard *std,
                                              const char *meal);

/**
 * 1 when the set is no longer in force on date (yyyymmdd) because another
 * act replaced it: date is after its effective_to and it names the act
 * (`#superseded_by:`).  Such a set is still judged when asked for, with
 * the norms it had when it ended, and a warning (mc_check_run()).
 */
int mc_standard_superseded(const struct mc_standard *s, int date);

/** 1 when kind bounds a share of energy (% kcal), not an amount. */
int mc_bound_is_pct(enum mc_bound_kind kind);

/** 1 when row r is in force on date (yyyymmdd). */
int mc_norm_row_in_force(const struct mc_norm_row *r, int date);

/** "min", "max", ... : the CSV spelling of a bound kind. */
const char *mc_bound_kind_name(enum mc_bound_kind kind);

/**
 * kcal per gram used for share-of-energy bounds: 4 for protein,
 * carbohydrate and sugars, 9 for fat and its fractions, 0 for nutrients a
 * share of energy does not apply to.
 */
double mc_energy_factor(enum mc_nutrient n);

/** "any", "male", "female" (English, as in JSON; _() translates it). */
const char *mc_sex_name(enum mc_sex sex);

/**
 * Parse an ISO date "YYYY-MM-DD" into yyyymmdd (calendar-checked): four
 * digits, '-', two digits, '-', two digits, nothing else ("2022- 9-01",
 * " 2022-09-01" are refused).
 * @return 1 on success, 0 otherwise.
 */
int mc_date_parse(const char *text, int *out);

/** Format yyyymmdd as "YYYY-MM-DD" into buf (>= 11 bytes); "" for 0. */
const char *mc_date_format(char *buf, size_t size, int date);

/**
 * A group as the user names it.  Accepted forms:
 *   a group id of the norm set      "ru_7_11", "female_9_13"
 *   an age band, optional sex       "7-11", "12+", "9-13:female", "7-10:both"
 *   a roster                        "14 boys and 12 girls aged 9-13"
 *                                   (at most 10 000 000 of each sex)
 * An age band or roster selects, per norm set, every group of the set that
 * overlaps it with a matching sex: the subgroups the menu serves.
 */
struct mc_group_spec {
    char *text;       /**< as given */
    int is_ages;      /**< 1 for an age band or roster, 0 for a group id */
    int age_min, age_max;
    int want_male, want_female; /**< which sexes the class has */
    long boys, girls; /**< roster counts; 0 when not a roster */
};

/**
 * Parse a group spec (see struct mc_group_spec).  Never fails: text that is
 * not an age band or roster is taken as a group id, checked when resolved.
 * Release with mc_group_spec_release().
 */
mc_code mc_group_spec_parse(const char *text, struct mc_group_spec *out,
                            struct mc_err *err);

/**
 * The group of spec as a reader of the thread's language reads it: a
 * roster in words, with that language's plurals ("14 boys and 12 girls
 * aged 7-11", "14 мальчиков и 12 девочек 7–11 лет", "7–11 жастағы 14 ұл
 * және 12 қыз"); any other spec as it was given.  The input syntax and
 * the JSON keep spec->text.
 * @return buf
 */
const char *mc_group_spec_label(const struct mc_group_spec *spec, char *buf, size_t size);

/** Free the strings of a spec.  Accepts NULL. */
void mc_group_spec_release(struct mc_group_spec *spec);

/**
 * The groups of std that spec selects, as indexes into std->groups, in
 * table order.  An unknown group id, or ages no group of std covers, is
 * recorded in err with the list of valid groups (MC_ERR_NOT_FOUND).
 * @param idx  array of at least std->n_groups entries
 * @param n    out: entries filled
 */
mc_code mc_standard_select_groups(const struct mc_standard *std,
                                  const struct mc_group_spec *spec,
                                  size_t *idx, size_t *n, struct mc_err *err);

/**
 * Parse the n group texts into specs and check that each norm set of stds
 * (NULL entries, unknown sets already reported, are skipped) has norms for
 * each: every problem is recorded, as mc_standard_select_groups() words it.
 * @param specs  n zeroed specs; release each with mc_group_spec_release()
 *               whatever the result
 * @return MC_OK, MC_ERR_NOT_FOUND or MC_ERR_NOMEM.
 */
mc_code mc_standard_resolve_groups(const struct mc_standard *const *stds,
                                   size_t n_std, const char *const *texts,
                                   size_t n, struct mc_group_spec *specs,
                                   struct mc_err *err);

#endif
