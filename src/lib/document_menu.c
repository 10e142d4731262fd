/*
 * document_menu.c - the menu and recipe JSON documents (document_menu.h).
 */
#include "mealcheck/document_menu.h"

#include "mealcheck/document.h"
#include "mealcheck/food_db.h"
#include "mealcheck/i18n.h"
#include "mealcheck/json.h"
#include "mealcheck/menu.h"
#include "mealcheck/recipe.h"

static void nvec(struct mc_json *j, const char *key, const struct mc_nvec *v)
{
    mc_json_key(j, key);
    mc_document_nvec(j, v);
}

static void assumed(struct mc_json *j, unsigned bits)
{
    mc_json_key(j, "assumed");
    mc_document_assumed(j, bits);
}

static void serving(struct mc_json *j, const struct mc_serving *s)
{
    mc_json_object_begin(j);
    mc_json_member_string(j, "dish", s->dish);
    mc_json_member_int(j, "line", s->line);
    mc_json_member_string(j, "recipe", s->recipe ? s->recipe->name : NULL);
    mc_json_member_string(j, "food_id", s->food_id);
    mc_json_member_string(j, "food_name", s->food_name);
    /* The profile applied: its recipe's, none for a plain food. */
    mc_json_member_string(j, "cooking", s->recipe ? s->recipe->cooking->name : "none");
    mc_json_member_number(j, "portion_g", s->portion_g);
    mc_json_member_number(j, "planned_servings", s->planned_servings);
    mc_json_member_number(j, "price", s->price);
    assumed(j, s->assumed);
    nvec(j, "nutrients", &s->n);
    mc_json_object_end(j);
}

static void meal(struct mc_json *j, const struct mc_menu *m, const struct mc_meal *ml)
{
    mc_json_object_begin(j);
    mc_json_member_string(j, "meal", ml->meal);
    mc_json_member_number(j, "planned_meals", ml->planned_meals);
    nvec(j, "total", &ml->n);
    mc_json_member_number(j, "cost", ml->cost);
    mc_json_key(j, "dishes");
    mc_json_array_begin(j);
    for (size_t s = ml->first; s < ml->first + ml->count; s++)
        serving(j, &m->servings[s]);
    mc_json_array_end(j);
    mc_json_object_end(j);
}

int mc_document_menu(FILE *f, const struct mc_menu *m, const struct mc_recipe_book *book)
{
    struct mc_json j;
    mc_json_init(&j, f);
    mc_json_object_begin(&j);
    mc_json_member_int(&j, "schema_version", 1);
    mc_json_member_string(&j, "menu_file", m->path);
    mc_json_member_string(&j, "recipes_file", book->path);
    mc_json_member_bool(&j, "weighted", m->weighted);
    mc_json_key(&j, "weeks");
    mc_json_array_begin(&j);
    for (size_t w = 0; w < m->n_weeks; w++) {
        const struct mc_week *wk = &m->weeks[w];
        mc_json_object_begin(&j);
        mc_json_member_int(&j, "week", wk->week);
        mc_json_member_int(&j, "days_count", (long long)wk->count);
        nvec(&j, "average_day", &wk->avg);
        mc_json_key(&j, "days");
        mc_json_array_begin(&j);
        for (size_t d = wk->first; d < wk->first + wk->count; d++) {
            const struct mc_day *day = &m->days[d];
            mc_json_object_begin(&j);
            mc_json_member_int(&j, "day", day->day);
            mc_json_member_string(&j, "day_name", mc_day_name(day->day));
            nvec(&j, "total", &day->n);
            mc_json_key(&j, "meals");
            mc_json_array_begin(&j);
            for (size_t i = day->first; i < day->first + day->count; i++)
                meal(&j, m, &m->meals[i]);
            mc_json_array_end(&j);
            mc_json_object_end(&j);
        }
        mc_json_array_end(&j);
        mc_json_object_end(&j);
    }
    mc_json_array_end(&j);
    mc_document_inputs(&j, book, m, 0.0, NULL);
    mc_json_object_end(&j);
    fputc('\n', f);
    return mc_json_finish(&j);
}

static void ingredient(struct mc_json *j, const struct mc_ingredient *ing,
                       struct mc_food_db *db)
{
    char local[256] = "";
    struct mc_err ignored = {0};
    if (db && !ing->sub && ing->food_id)
        mc_food_db_local_name(db, ing->food_id, mc_i18n_lang(), local, sizeof local,
                              &ignored);
    mc_err_release(&ignored);
    mc_json_object_begin(j);
    mc_json_member_int(j, "line", ing->line);
    mc_json_member_string(j, "food", ing->food);
    mc_json_member_string(j, "food_id", ing->food_id);
    mc_json_member_string(j, "sub_recipe", ing->sub ? ing->sub->name : NULL);
    mc_json_member_string(j, "food_name", ing->food_name);
    mc_json_member_string(j, "food_name_local", *local ? local : NULL);
    mc_json_member_bool(j, "matched_by_name", ing->matched_by_name);
    mc_json_member_number(j, "gross_g", ing->gross_g); /* NAN: null */
    mc_json_member_number(j, "qty", ing->qty);
    mc_json_member_string(j, "unit", ing->unit);
    mc_json_member_number(j, "refuse_pct", ing->refuse_pct);
    mc_json_member_number(j, "net_g", ing->net_g);
    mc_json_member_string(j, "cooking", ing->cooking->name);
    mc_json_member_number(j, "price_kg", ing->price_kg);
    mc_json_member_number(j, "cost", ing->cost);
    assumed(j, ing->assumed);
    nvec(j, "contribution", &ing->n);
    mc_json_object_end(j);
}

static void recipe(struct mc_json *j, const struct mc_recipe *r, struct mc_food_db *db)
{
    struct mc_nvec v;
    mc_json_object_begin(j);
    mc_json_member_string(j, "name", r->name);
    mc_json_member_int(j, "line", r->line);
    mc_json_member_number(j, "servings", r->servings);
    mc_json_member_number(j, "yield_g", r->yield_g);
    mc_json_member_number(j, "portion_g", mc_recipe_portion_g(r));
    mc_json_member_string(j, "cooking", r->cooking->name);
    assumed(j, r->assumed);
    mc_recipe_per_portion(r, &v);
    nvec(j, "per_portion", &v);
    mc_recipe_per_100g(r, &v);
    nvec(j, "per_100g", &v);
    nvec(j, "total", &r->total);
    mc_json_member_number(j, "cost", r->cost);
    mc_json_member_number(j, "portion_cost", r->cost / r->servings);
    mc_json_key(j, "ingredients");
    mc_json_array_begin(j);
    for (size_t k = 0; k < r->n_ingredients; k++)
        ingredient(j, &r->ingredients[k], db);
    mc_json_array_end(j);
    mc_json_object_end(j);
}

int mc_document_recipes(FILE *f, const struct mc_recipe_book *book,
                        const struct mc_recipe *only, struct mc_food_db *db)
{
    struct mc_json j;
    mc_json_init(&j, f);
    mc_json_object_begin(&j);
    mc_json_member_int(&j, "schema_version", 1);
    mc_json_member_string(&j, "recipes_file", book->path);
    mc_json_key(&j, "recipes");
    mc_json_array_begin(&j);
    for (size_t i = 0; i < book->n; i++)
        if (!only || only == &book->recipes[i])
            recipe(&j, &book->recipes[i], db);
    mc_json_array_end(&j);
    mc_json_key(&j, "columns_read");
    mc_document_columns(&j, book->columns);
    mc_json_object_end(&j);
    fputc('\n', f);
    return mc_json_finish(&j);
}
