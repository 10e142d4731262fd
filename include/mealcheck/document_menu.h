/*
 * document_menu.h - the JSON documents of what a recipe book computes
 * (docs/json.md): `mealcheck menu --format json`, every dish, meal, day and
 * week of a menu, and `mealcheck recipe --format json`, every card with
 * its ingredients.  Written through json.h, as every document is.
 */
#ifndef MEALCHECK_DOCUMENT_MENU_H
#define MEALCHECK_DOCUMENT_MENU_H

#include <stdio.h>

struct mc_food_db;
struct mc_menu;
struct mc_recipe;
struct mc_recipe_book;

/**
 * Write menu m, computed against book, as the document of `menu --format
 * json`, with a newline: {"schema_version":1, "menu_file", "recipes_file",
 * "weighted", "weeks":[{"week", "days_count", "average_day", "days":[{...,
 * "meals":[{..., "dishes":[...]}]}]}], "columns_read", "cost"}.
 * @return 0, or -1 when the stream has an error
 */
int mc_document_menu(FILE *f, const struct mc_menu *m, const struct mc_recipe_book *book);

/**
 * Write the recipes of book (only: that one; NULL: every one) as the
 * document of `recipe --format json`, with a newline: {"schema_version":1,
 * "recipes_file", "recipes":[...], "columns_read"}.  Each ingredient's
 * "food_name_local" is the name db gives its food in the language in force
 * (mc_i18n_lang()), null when none; a failed lookup only loses it.
 * @return 0, or -1 when the stream has an error
 */
int mc_document_recipes(FILE *f, const struct mc_recipe_book *book,
                        const struct mc_recipe *only, struct mc_food_db *db);

#endif
