/*
 * food_db.h - the food-composition database (SQLite).
 *
 * mc_food_db_build() imports USDA SR28, exactly as USDA distributes it, plus
 * the project's local food tables (CSV files in food_composition/local/) and
 * the Russian and Kazakh names of foods (food_composition/aliases/) into one
 * SQLite file.  Everything else opens that file read-only and asks for foods
 * by id, by exact name, or by free text.
 *
 * Values are per 100 g of edible portion.  A nutrient that SR28 has no row
 * for is *unknown*: the database stores no row for it, and struct mc_food
 * reports it with known_g == 0 in its per-100 g vector.
 */
#ifndef MEALCHECK_FOOD_DB_H
#define MEALCHECK_FOOD_DB_H

#include <stddef.h>

#include "mealcheck/error.h"
#include "mealcheck/nutrient.h"

/** Default database path, relative to the working directory. */
#define MC_FOOD_DB_DEFAULT "build/mealcheck.db"

/**
 * The database layout version, recorded in the database.  It changes
 * whenever the schema or the import rules do, so that an older database is
 * rebuilt (by `db build`) or refused (by mc_food_db_open()).
 */
#define MC_FOOD_DB_SCHEMA_VERSION "5"

/** An open database handle.  Opaque. */
struct mc_food_db;

/** What to import, and where to write it. */
struct mc_food_db_build_opts {
    const char *sr28_dir;  /**< folder with FOOD_DES.txt, NUT_DATA.txt, ... */
    const char *local_dir; /**< folder of local food CSVs; NULL or missing = none */
    const char *out_path;  /**< database to (re)write atomically */
    int force;             /**< rebuild even if the inputs are unchanged */
    const char *alias_dir; /**< folder of alias CSVs (Russian and Kazakh names
                                of foods); NULL or missing = none */
};

/** What a build did, for the CLI and for `make bench`. */
struct mc_food_db_build_stats {
    int skipped;          /**< 1 when the database was already up to date */
    long foods;           /**< SR28 foods imported */
    long local_foods;     /**< local foods imported */
    long groups;          /**< food groups */
    long nutrients;       /**< nutrient definitions */
    long values;          /**< SR28 nutrient values */
    long measures;        /**< household measures */
    double seconds;       /**< wall time of the import */
    long local_values;    /**< nutrient values of local foods */
    long aliases;         /**< Russian and Kazakh names of foods */
};

/**
 * Import SR28 and local foods into opts->out_path.  The database is written
 * to a temporary file beside it and renamed into place, so a failed or
 * interrupted build leaves the previous database untouched.  When the
 * inputs are unchanged since the last build (same files, sizes and
 * modification times) and force is 0, nothing is done and stats->skipped
 * is set, with the counts of the existing database.  Malformed input is
 * reported as "path:line:col: ..." in err (MC_ERR_INPUT), every problem
 * up to MC_ERR_LIMIT; a missing input file, an output folder that is
 * missing or not writable, or an output path that is a directory is
 * MC_ERR_INPUT too.
 */
mc_code mc_food_db_build(const struct mc_food_db_build_opts *opts,
                         struct mc_food_db_build_stats *stats,
                         struct mc_err *err);

/**
 * Open a built database read-only.  *out is NULL on failure: MC_ERR_INPUT
 * when the file does not exist, is a directory, is not a mealcheck
 * database or was built by another schema version; MC_ERR_DB or MC_ERR_IO
 * otherwise.
 */
mc_code mc_food_db_open(const char *path, struct mc_food_db **out,
                        struct mc_err *err);

/** Close the handle.  Accepts NULL. */
void mc_food_db_close(struct mc_food_db *db);

/** A household measure from SR28's WEIGHT table ("1 cup" = 227 g). */
struct mc_measure {
    double amount;  /**< e.g. 1, 0.5 */
    char *unit;     /**< e.g. "cup", "tbsp", "pat (1\" sq, 1/3\" high)" */
    double grams;   /**< grams for `amount` units */
};

/** One food with its canonical nutrients.  Free with mc_food_free(). */
struct mc_food {
    char *id;            /**< SR28 NDB_No ("01001") or local id ("KZ0001") */
    char *name;          /**< long description, UTF-8 */
    char *short_name;    /**< SR28 short description; "" for local foods */
    char *group;         /**< food group name */
    char *source;        /**< "USDA SR28" or the local table's source */
    double refuse_pct;   /**< inedible share as purchased, 0-100 */
    char *refuse_desc;   /**< what the refuse is ("bones", ""); never NULL */
    struct mc_nvec per100; /**< 100 g edible portion: mass_g = 100, known_g = 100 or 0 */
    struct mc_measure *measures; /**< household measures, in SR28 order */
    size_t n_measures;
    int refuse_known;    /**< 0 when the table gives no refuse (refuse_pct is then 0) */
};

/** Free a food.  Accepts NULL. */
void mc_food_free(struct mc_food *food);

/** One nutrient of one food, for complete listings (`foods show`). */
struct mc_food_value {
    int nr;          /**< SR28 Nutr_No; 9000 + n for canonical nutrient n that SR28 lacks (iodine) */
    char *tag;       /**< INFOODS tag name ("PROCNT"); "" when none */
    char *name;      /**< "Protein" */
    char *unit;      /**< "g", "mg", "µg", "kcal", "kJ" or "IU", UTF-8 */
    char *key;       /**< canonical key ("protein_g"), or NULL when not canonical */
    int decimals;    /**< decimals SR28 uses for this nutrient */
    int known;       /**< 0 when the table has no value: unknown, not zero */
    double value;    /**< per 100 g edible portion; 0 when !known */
};

/**
 * Every nutrient the database defines (the 150 of SR28 plus the canonical
 * ones SR28 lacks), in SR28's display order, with this food's value or
 * known == 0.
 * @return MC_OK with *out (caller frees with mc_food_values_free) and *n;
 *         MC_ERR_NOT_FOUND with nothing recorded when there is no such food.
 */
mc_code mc_food_db_values(struct mc_food_db *db, const char *id,
                          struct mc_food_value **out, size_t *n,
                          struct mc_err *err);

/** Free a list from mc_food_db_values().  Accepts NULL. */
void mc_food_values_free(struct mc_food_value *v, size_t n);

/**
 * Look a food up by id.
 * @return MC_OK with *out set (caller frees), MC_ERR_NOT_FOUND with *out
 *         NULL and nothing recorded in err, or another code on failure.
 */
mc_code mc_food_db_get(struct mc_food_db *db, const char *id,
                       struct mc_food **out, struct mc_err *err);

/**
 * Look a food up by its exact long name, compared case-insensitively
 * (ASCII case only).  Same returns as mc_food_db_get().
 */
mc_code mc_food_db_find_name(struct mc_food_db *db, const char *name,
                             struct mc_food **out, struct mc_err *err);

/** A search result. */
struct mc_food_hit {
    char *id;
    char *name;
    char *group;
    double rank;  /**< lower is better (SQLite FTS5 bm25); hits are in rank
                       order within a tier of word order */
    char *alias;  /**< the Russian or Kazakh name it was found by, as the
                       alias table writes it; NULL when found by its own name */
    char *name_local; /**< the name it goes by in the user's language
                           (mc_food_db_local_name), when a caller filled it;
                           NULL otherwise */
};

/**
 * Full-text search of food names, best matches first.  Tolerant of the way
 * people type ("buckwheat groats" finds "Buckwheat groats, roasted, dry"):
 * case, punctuation and word order do not matter, words may be prefixes, a
 * word that matches no food is replaced by the closest indexed words
 * ("buckwhet" -> buckwheat), and when no food matches every word, falls
 * back to foods matching any word, so it also serves "did you mean ...?"
 * suggestions for unknown names.  Of several words, names that keep the
 * typed order come first ("milk whole": whole milk before buttermilk),
 * bm25 rank within each such tier.  Russian and Kazakh names come first:
 * an alias named exactly, then aliases holding the words (misspelt ones
 * corrected: "Картофль" -> картофель), then SR28's English names; a hit
 * found by an alias carries it in alias.  The method is described in
 * docs/database.md.
 * @param limit at most this many hits (> 0)
 * @return MC_OK with *hits (caller frees with mc_food_hits_free) and *n,
 *         possibly 0.
 */
mc_code mc_food_db_search(struct mc_food_db *db, const char *text, size_t limit,
                          struct mc_food_hit **hits, size_t *n,
                          struct mc_err *err);

/**
 * The foods the alias table (food_composition/aliases/) gives for a Russian
 * or Kazakh name, compared as mc_text_fold() writes it ("Гречка" is
 * "гречка", "пшённая" is "пшенная"), by id: none, one, or several when the
 * name is ambiguous ("масло": butter or oil).  A kitchen's own table
 * (mc_food_db_add_aliases) is asked first: when it has the name, only its
 * foods are given.  rank is 0; alias is the name as the table writes it.
 * @param limit at most this many foods (0: none)
 * @return MC_OK with *hits (caller frees with mc_food_hits_free) and *n,
 *         possibly 0.
 */
mc_code mc_food_db_find_alias(struct mc_food_db *db, const char *name,
                              size_t limit, struct mc_food_hit **hits, size_t *n,
                              struct mc_err *err);

/**
 * The foods a product name as technological cards write it stands for
 * (read by mc_product_name_parse(): "Мука пшеничная в/с", "Говядина 1 кат.
 * б/к", "Молоко 2,5 %", "Чай-заварка", "Слив. масло"): the alias table's
 * name exactly (mc_food_db_find_alias); else the base name and the words in
 * brackets together ("Хлеб (из муки смешанной валки)": "хлеб из муки
 * смешанной валки"); else the base name with its fat
 * share or grade as the table writes them ("молоко 2,5%", "мука пшеничная
 * высшего сорта"); else the base name alone; else the alias names of as
 * many words, each begun by one of the base's words in any order
 * ("сливочное масло", "слив масло": масло сливочное); else, when one
 * letter of one word of five or more is wrong, missing, extra or swapped,
 * not in its last two, and that reading names one food only, that food
 * ("Картофль", "Марковь").  Several foods: the name is ambiguous
 * (mc_food_db_find_alias).
 * @param how   filled with how the name was read (may be NULL)
 * @return MC_OK with *hits (caller frees with mc_food_hits_free) and *n,
 *         possibly 0.
 */
struct mc_product_match {
    int exact;            /**< 1: the alias table's name as written */
    char read_as[256];    /**< else the alias name it was read as */
    char set_aside[192];  /**< marks set aside ("1 кат; б/к"), "" none */
    double fat_unmatched; /**< the fat share written that no food of the
                               table has (the generic food was taken), or
                               a negative number */
    int grade_unmatched;  /**< 1 when the grade written has no food of its own */
    int by_words;         /**< 1 when read_as was found by its words (an
                               abbreviation, another word order) */
    int misspelt;         /**< 1 when read_as is the name with one letter
                               of one word wrong, missing, extra or swapped
                               ("Картофль": картофель), the only food such
                               a reading gives */
};

mc_code mc_food_db_find_product(struct mc_food_db *db, const char *name,
                                size_t limit, struct mc_food_hit **hits,
                                size_t *n, struct mc_product_match *how,
                                struct mc_err *err);

/**
 * Add a caterer's own alias table to this handle: a CSV file or an .xlsx
 * workbook ("names.xlsx#Sheet" for a sheet other than the first) with the
 * columns of food_composition/aliases/ (alias, lang, food_id, note).  Its
 * names are looked up before the shipped table's, everywhere a Russian or
 * Kazakh name is (mc_food_db_find_alias, mc_food_db_find_product,
 * mc_food_db_search): a kitchen whose "масло" is always butter says so once.
 * Rows are checked as `db build` checks the shipped tables, with the same
 * messages ("path:line:col: unknown food id ..."), every problem up to
 * MC_ERR_LIMIT; when there is any, nothing of the file is added.  Several
 * files may be added; an alias given twice for one food is an error.
 * @param added  set to the rows added (0 on error); may be NULL
 * @return MC_OK, MC_ERR_INPUT (problems recorded) or another failure
 */
mc_code mc_food_db_add_aliases(struct mc_food_db *db, const char *path,
                               size_t *added, struct mc_err *err);

struct mc_input; /* mealcheck/infile.h */

/** mc_food_db_add_aliases() of a file or an upload (mealcheck/infile.h),
 *  its messages naming it as in->name says. */
mc_code mc_food_db_add_aliases_input(struct mc_food_db *db, const struct mc_input *in,
                                     size_t *added, struct mc_err *err);

/**
 * The name a food goes by in Russian or Kazakh: the first name the alias
 * tables give it in lang ("ru" or "kk"; Kazakh falls back to Russian)
 * that names no other food ("гречка" for 20009, "сары май" for 01145).
 * out is "" when there is none: another language, or no alias.
 * @return MC_OK, or a database failure
 */
mc_code mc_food_db_local_name(struct mc_food_db *db, const char *id, const char *lang,
                              char *out, size_t size, struct mc_err *err);

/**
 * Fill each hit's name_local with mc_food_db_local_name() in lang ("" when
 * the food has none), so that a list in Russian or Kazakh shows the names
 * people there know.
 */
mc_code mc_food_db_localize_hits(struct mc_food_db *db, struct mc_food_hit *hits,
                                 size_t n, const char *lang, struct mc_err *err);

/** Free search results.  Accepts NULL. */
void mc_food_hits_free(struct mc_food_hit *hits, size_t n);

/** Where the data came from, for reports. */
struct mc_food_db_provenance {
    char *source;        /**< "USDA National Nutrient Database for Standard Reference" */
    char *release;       /**< "SR28 (May 2016)" */
    char *imported_at;   /**< ISO 8601 UTC time of the build */
    long foods, local_foods, values, measures; /**< SR28 foods, local foods, SR28 values, measures */
    long groups, nutrients; /**< food groups and SR28 nutrient definitions */
    long local_values;      /**< nutrient values of local foods */
};

/** Read the provenance recorded at build time.  Release with mc_food_db_provenance_release(). */
mc_code mc_food_db_provenance(struct mc_food_db *db,
                              struct mc_food_db_provenance *out,
                              struct mc_err *err);

/** Free the strings of a provenance record.  Accepts NULL. */
void mc_food_db_provenance_release(struct mc_food_db_provenance *p);

#endif
