/*
 * recipe.h - recipe books (technological cards) and their chemical composition.
 *
 * A recipe book is a CSV with one row per ingredient (format in
 * docs/formats.md).  Loading resolves every ingredient against the food
 * database or another recipe of the book, converts quantities to net grams
 * and computes each recipe's nutrients.  The arithmetic:
 *
 *   contribution(i) = per100(food) * net_g / 100            (a food)
 *                   = total(sub) * net_g / yield_g(sub)     (a sub-recipe)
 *   then the cooking profile (ingredient's, else the recipe's) is applied;
 *   total = sum of contributions; per portion = total / servings;
 *   per 100 g of dish = total / yield_g * 100.
 */
#ifndef MEALCHECK_RECIPE_H
#define MEALCHECK_RECIPE_H

#include <stddef.h>

#include "mealcheck/cooking.h"
#include "mealcheck/error.h"
#include "mealcheck/food_db.h"
#include "mealcheck/nutrient.h"

struct mc_input_limits; /* mealcheck/csv.h */

struct mc_recipe;

/** Defaults the loader assumed, reported in the data-quality sheet. */
enum mc_assumed {
    MC_ASSUMED_SERVINGS = 1 << 0, /**< servings empty: 1 */
    MC_ASSUMED_YIELD = 1 << 1,    /**< yield_g empty: sum of net weights */
    MC_ASSUMED_NET = 1 << 2,      /**< net_g empty: gross less the food's refuse */
    MC_ASSUMED_PORTION = 1 << 3,  /**< menu portion_g empty: the recipe's portion */
    MC_ASSUMED_WEEK = 1 << 4      /**< menu week empty: 1 */
};

/** One ingredient line of a technological card, resolved. */
struct mc_ingredient {
    char *food;                    /**< as written in the book */
    char *food_id;                 /**< resolved food id; NULL for a sub-recipe */
    char *food_name;               /**< resolved food or sub-recipe name */
    int matched_by_name;           /**< 1 when found by name, not id */
    const struct mc_recipe *sub;   /**< the sub-recipe, or NULL */
    double gross_g;                /**< as purchased; NAN when not given */
    double qty;                    /**< qty column; NAN when not given */
    char *unit;                    /**< unit column ("g", "kg", "cup"); NULL when not given */
    double net_g;                  /**< edible grams into the pot (g of finished sub-recipe) */
    double refuse_pct;             /**< refuse used to derive net from gross */
    const struct mc_cooking_profile *cooking; /**< profile applied to this line */
    unsigned assumed;              /**< MC_ASSUMED_* bits */
    double price_kg;               /**< price column: 1 kg of the food as purchased
                                        (of the finished sub-recipe); NAN when not given */
    double cost;                   /**< price_kg x gross_g (else net_g) / 1000; for a
                                        sub-recipe without a price, its batch cost x
                                        net_g / its yield_g; NAN when unknown */
    struct mc_nvec per100;         /**< 100 g of the food (or of the finished sub-recipe) */
    struct mc_nvec n;              /**< contribution, after cooking losses */
    long line;                     /**< line in the book */
};

/** The course of a dish (the book's course column), which dishes may be
 * swapped for each other (suggest.h). */
enum mc_course {
    MC_COURSE_NONE,                /**< not given: the dish is never swapped */
    MC_COURSE_SOUP, MC_COURSE_MAIN, MC_COURSE_SIDE, MC_COURSE_SALAD,
    MC_COURSE_DRINK, MC_COURSE_BAKERY, MC_COURSE_PORRIDGE, MC_COURSE_DESSERT,
    MC_COURSE_FRUIT,
    MC_COURSE_COUNT
};

/** The course's English key ("soup", ...; "" for none). */
const char *mc_course_name(enum mc_course c);

/**
 * Read a course as the book writes it: the English key or a Russian or
 * Kazakh name of docs/formats.md ("первое", "суп", "сорпа" are soup), any
 * case.  @return 1 with *out, 0 for anything else.
 */
int mc_course_parse(const char *text, enum mc_course *out);

/** One technological card. */
struct mc_recipe {
    char *name;
    double servings;               /**< portions the card is written for */
    double yield_g;                /**< finished weight for all servings */
    const struct mc_cooking_profile *cooking; /**< the recipe's profile */
    enum mc_course course;         /**< course column; MC_COURSE_NONE when empty */
    unsigned assumed;              /**< MC_ASSUMED_* bits */
    struct mc_ingredient *ingredients;
    size_t n_ingredients;
    struct mc_nvec total;          /**< whole batch */
    double cost;                   /**< whole batch: the sum of its lines' costs;
                                        NAN when one is unknown */
    long line;                     /**< line of the card's first row */
    const struct mc_portion_range *portion; /**< by its name, found once */
};

/**
 * The portions of a dish plausible for a school child, 6 to 18 years, by
 * what its name says it is (a soup, a drink, any other dish; docs/formats.md):
 * a portion outside them is a typing error (a 20 g soup, a 2 kg compote),
 * not a question of norms.
 */
struct mc_portion_range {
    const char *kind;              /**< "soup", "drink", "dish" (marked N_()) */
    const char *words[12];         /**< first letters of a word of the name */
    double min_g, max_g;
};

/** The range of a dish named name: the first whose word begins one of the
 *  name's words (case-folded), else the one of any dish.  Never NULL. */
const struct mc_portion_range *mc_portion_range(const char *name);

/** A loaded and computed recipe book. */
struct mc_recipe_book {
    char *path;
    struct mc_recipe *recipes;     /**< in file order */
    size_t n;
    /** The recipes sorted by folded name, then file order, for lookups:
     *  a menu names thousands of dishes (an audit, millions). */
    const struct mc_recipe **by_name;
    /** The same, hashed by name exactly as the book writes it (a power of
     *  two slots, NULL empty): a menu usually names a dish so, and hashing
     *  it is cheaper than folding it at each step of a binary search. */
    const struct mc_recipe **by_exact;
    size_t exact_slots;
    char **columns;              /**< the columns read, as the header names
                                      them, NULL-terminated; one allocation */
};

/**
 * Load, resolve and compute a recipe book.  Every problem in the file is
 * recorded (up to MC_ERR_LIMIT) before failing, in line order: unknown
 * foods with their closest matches, unknown measures with the ones that
 * exist, cycles, undefined or duplicate recipes, net > gross, bad numbers,
 * a header that stands for a quantity column the book lacks ("gross" for
 * gross_g).  Other columns that are not read are warnings in err
 * (mc_csv_header_unread()), and so are the sanity checks below, each at
 * its cell: a yield far from the sum of the net weights, energy above
 * what food can have, a declared "Итого"/"Выход" row that does not match
 * the sum it closes (such a row is compared, never read as a food; a
 * "Выход" row gives the yield when yield_g is empty).
 * @param db       food database, used only during the call
 * @param cooking  profiles; the book points into it, so it must outlive
 *                 the book
 * @param out      the book (caller frees with mc_recipe_book_free), or
 *                 NULL on failure
 * @return MC_OK; MC_ERR_INPUT for a malformed book; MC_ERR_IO when the file
 *         cannot be read; MC_ERR_DB or MC_ERR_NOMEM.
 */
mc_code mc_recipe_book_load(const char *path, struct mc_food_db *db,
                            const struct mc_cooking_set *cooking,
                            struct mc_recipe_book **out, struct mc_err *err);

/** mc_recipe_book_load() reading the file within limits (NULL: the
 *  defaults; mc_csv_open_limited()), as a server does per request. */
mc_code mc_recipe_book_load_limited(const char *path,
                                    const struct mc_input_limits *limits,
                                    struct mc_food_db *db,
                                    const struct mc_cooking_set *cooking,
                                    struct mc_recipe_book **out, struct mc_err *err);

struct mc_input; /* mealcheck/infile.h */

/** mc_recipe_book_load() of a file or an upload (mealcheck/infile.h),
 *  within its limits; messages and book->path name it as in->name says. */
mc_code mc_recipe_book_load_input(const struct mc_input *in, struct mc_food_db *db,
                                  const struct mc_cooking_set *cooking,
                                  struct mc_recipe_book **out, struct mc_err *err);

/** Free a book.  Accepts NULL. */
void mc_recipe_book_free(struct mc_recipe_book *book);

/** The recipe with this name, case-insensitive in Latin and Cyrillic
 * (mc_text_equal_fold: "плов" finds "Плов"), or NULL; the first in the
 * file when a name repeats.  A binary search of book->by_name. */
const struct mc_recipe *mc_recipe_book_find(const struct mc_recipe_book *book,
                                            const char *name);

/** Portion weight: yield_g / servings. */
double mc_recipe_portion_g(const struct mc_recipe *r);

/** Nutrients of one portion. */
void mc_recipe_per_portion(const struct mc_recipe *r, struct mc_nvec *out);

/** Nutrients of 100 g of the finished dish. */
void mc_recipe_per_100g(const struct mc_recipe *r, struct mc_nvec *out);

/**
 * Net (edible) grams from grams as purchased: gross * (1 - refuse_pct/100).
 * @param refuse_pct inedible share, 0-100
 */
double mc_recipe_net_from_gross(double gross_g, double refuse_pct);

/**
 * Compute a recipe from its resolved ingredients, without any I/O: for
 * each ingredient, per100 is set from its sub-recipe when it has one (the
 * sub-recipe must be computed already), then
 * n = per100 * net_g / 100 with the ingredient's cooking profile applied,
 * and total = sum of the n; likewise each line's cost and the batch cost.
 * servings and yield_g are not changed.
 */
void mc_recipe_compute(struct mc_recipe *r);

/**
 * Find a food the way a recipe line or a menu dish names it: by id (a
 * numeric id may lose its leading zeros in a spreadsheet: "1001" finds
 * "01001"), then by exact long name, case-insensitively, then by a Russian
 * or Kazakh name of the alias table ("гречка", "қарақұмық"; any case).
 * @param by_name set to 1 when found by name or alias, 0 by id (may be NULL)
 * @return MC_OK with *out (caller frees), MC_ERR_NOT_FOUND with *out NULL
 *         and nothing recorded, MC_ERR_INPUT for an alias of several foods,
 *         recorded as "ambiguous food name 'масло': the alias table gives
 *         01001 Butter, salted; 04053 Oil, olive, ...; write the id of the
 *         one meant", or another code (recorded in err).
 */
mc_code mc_recipe_find_food(struct mc_food_db *db, const char *text,
                            struct mc_food **out, int *by_name,
                            struct mc_err *err);

/**
 * mc_recipe_find_food() for a name read at path:line:col, where the
 * message about an ambiguous alias points ("menu.csv:14:4: ambiguous food
 * name ...").
 * @param aliases  0 to look up ids and exact names only, as for a name a
 *                 recipe of the book has (the book's own card comes
 *                 before the alias table)
 */
mc_code mc_recipe_find_food_at(struct mc_food_db *db, const char *text,
                               const char *path, long line, long col,
                               int aliases, struct mc_food **out, int *by_name,
                               struct mc_err *err);

/** The columns a recipe book is read by, as mc_csv_header() finds them
 * (so also by their Russian and Kazakh card headers): "recipe" first,
 * then "servings", "yield_g", "food", ...  A program that rewrites a book
 * (the web's dish catalogue joins several) writes these. */
#define MC_RECIPE_N_COLUMNS 11
extern const char *const mc_recipe_columns[MC_RECIPE_N_COLUMNS];

/** What a row of a card or menu declares instead of an ingredient or dish. */
enum mc_total_row {
    MC_TOTAL_NONE,
    MC_TOTAL_SUM,     /**< "Итого", "Всего", "Барлығы", "Жиыны", "Total": the sum above */
    MC_TOTAL_YIELD    /**< "Выход", "Шығымы", "Yield": the finished weight */
};

/**
 * Whether a cell, as caterers type it ("Итого:", "Итого за день", "Выход
 * блюда", "ВСЕГО"), labels a declared total rather than a food: its first
 * word, case-folded and without trailing ':' or '.', is one of the words
 * above (Russian, Kazakh, English).
 */
enum mc_total_row mc_total_row_kind(const char *cell);

/**
 * Sanity limits on what was typed (docs/formats.md), warnings only:
 *   yield / sum of net weights outside [1/MC_YIELD_RATIO_MAX, MC_YIELD_RATIO_MAX]:
 *     a "g" column holding kg (0.095 beef, yield 200) or the reverse;
 *     cooking changes weight by far less (dry groats take up ~3 times their
 *     weight of water, an unlisted water for tea is the widest case)
 *   energy above MC_KCAL_PER_G_MAX per g of the dish: more than pure fat
 *   a meat, fish or legume row under 1 g net: kg under a "g" header
 *   a declared total row off the sum it closes by more than
 *     MC_TOTAL_TOLERANCE_G and MC_TOTAL_TOLERANCE_PCT
 */
#define MC_YIELD_RATIO_MAX 10.0
#define MC_KCAL_PER_G_MAX 9.0
#define MC_TOTAL_TOLERANCE_G 0.5
#define MC_TOTAL_TOLERANCE_PCT 1.0

/** 1 when a declared total differs from the sum by more than both tolerances. */
int mc_total_differs(double declared, double sum);

/**
 * The tail of an error message about a name that is neither a food nor a
 * recipe: the recipes of book near it by edit distance or holding it, and
 * the best full-text food matches, as "; did you mean 'Плов' (recipe);
 * 20010 Buckwheat groats, roasted, cooked?".  When nothing is close and db
 * is given, a pointer to the search instead ("; food names are SR28's, in
 * English, or common Russian and Kazakh names: find the food with
 * 'mealcheck foods search WORDS'"); else "".
 * book and db may be NULL.
 * @param buf  receives the text, always NUL-terminated
 */
void mc_recipe_suggest(const struct mc_recipe_book *book, struct mc_food_db *db,
                       const char *text, char *buf, size_t size);

#endif
