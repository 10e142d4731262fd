/*
 * document.h - the JSON documents the command line and the web API both
 * write: a check (docs/check-json.md) and a food search.
 *
 * They are spelled once, here, through the streaming writer of json.h, so
 * that `mealcheck check --format json` and `POST /api/check` return the
 * same bytes for the same menu.
 */
#ifndef MEALCHECK_DOCUMENT_H
#define MEALCHECK_DOCUMENT_H

#include <stddef.h>
#include <stdio.h>

#include "mealcheck/json.h"

struct mc_check;
struct mc_food_hit;
struct mc_food_set;
struct mc_menu;
struct mc_recipe_book;

/**
 * Write a check as the JSON document of docs/check-json.md, with a
 * newline: the columns read from book and the menu, the cost against
 * budget (per child a day, <= 0: none; currency NULL: none), and the
 * food-set check fs when not NULL (its outcome counts in the document's,
 * as mc_session_outcome() says).
 * @return 0, or -1 when the stream has an error
 */
int mc_document_check(FILE *f, const struct mc_check *c, const struct mc_food_set *fs,
                      const struct mc_recipe_book *book, double budget,
                      const char *currency);

/**
 * Write the members of the check document (all that mc_document_check()
 * puts between its braces) into the object j is writing, so that a caller
 * can add its own members after them (the web API's "suggestion").
 */
void mc_document_check_members(struct mc_json *j, const struct mc_check *c,
                               const struct mc_food_set *fs,
                               const struct mc_recipe_book *book, double budget,
                               const char *currency);

/**
 * Write what a menu's analysis read and what it costs as two members of
 * the object j is writing: "columns_read":{"recipes":[...],"menu":[...]}
 * and "cost":{"currency", "budget", "mean_day", "days_priced",
 * "days_over", "days":[{"week", "day", "cost", "over_budget"}]}, null for
 * what is not known or not given.
 */
void mc_document_inputs(struct mc_json *j, const struct mc_recipe_book *book,
                        const struct mc_menu *m, double budget, const char *currency);

struct mc_nvec;

/**
 * Write a nutrient vector as the value j is at: an object keyed by
 * nutrient key, {"energy_kcal": {"value": 512.3, "coverage": 1}, ...},
 * value null when no gram behind it is known; full precision.
 */
void mc_document_nvec(struct mc_json *j, const struct mc_nvec *v);

/** Write MC_ASSUMED_* bits (mealcheck/recipe.h) as an array of their
 * names: ["servings","net",...]. */
void mc_document_assumed(struct mc_json *j, unsigned assumed);

/** Write columns (NULL-terminated, NULL for none) as an array of strings. */
void mc_document_columns(struct mc_json *j, char *const *columns);

/**
 * Write food search hits as a JSON array of {"id", "name", "name_local"
 * (only when the caller filled it; null when empty), "group", "rank"}
 * objects, one per line, with a newline.
 * @return 0, or -1 when the stream has an error
 */
int mc_document_food_hits(FILE *f, const struct mc_food_hit *h, size_t n);

struct mc_food;
struct mc_food_value;

/**
 * Write one food as the document of `foods show --format json`, with a
 * newline: {"id", "name", "name_local" (local: its name in the user's
 * language; NULL or "": null), "short_name", "group", "source",
 * "refuse_pct" (null when the table gives none), "refuse_desc",
 * "nutrients": the n values v, one a line, {"nr", "tag", "name", "unit",
 * "key", "value"} (null when unknown), "measures": [{"amount", "unit",
 * "grams"}]}.
 * @return 0, or -1 when the stream has an error
 */
int mc_document_food(FILE *f, const struct mc_food *food, const char *local,
                     const struct mc_food_value *v, size_t n);

struct mc_suggestion;

/**
 * Write a suggestion (mc_suggest_run()) as the value j is at: the object of
 * docs/suggest.md, `suggest --format json` and the API's "suggestion";
 * applied: the changed menu written, or NULL.
 */
void mc_document_suggestion(struct mc_json *j, const struct mc_suggestion *s,
                            const char *applied);

#endif
