/*
 * document_standard.h - the JSON documents of norm sets (docs/json.md):
 * `mealcheck standards list --format json` and `standards show ID --format
 * json`.  Written through json.h, as every document is.
 */
#ifndef MEALCHECK_DOCUMENT_STANDARD_H
#define MEALCHECK_DOCUMENT_STANDARD_H

#include <stdio.h>

struct mc_standard;
struct mc_standard_set;

/**
 * Write the norm sets of set as an array of their heads, with a newline:
 * [{"id", "title", "issuer", "legal_ref", "source_url", "path",
 * "effective_from", "effective_to", "superseded_by", "per", "judge",
 * "tolerance_pct", "coverage_min_pct", "groups", "rows"}, ...].
 * @return 0, or -1 when the stream has an error
 */
int mc_document_standards(FILE *f, const struct mc_standard_set *set);

/**
 * Write norm set s whole, with a newline: its head (as in
 * mc_document_standards()) and "meal_shares", "notes" (one string a line),
 * "group_list" and "norms", one object a row of its file.
 * @return 0, or -1 when the stream has an error
 */
int mc_document_standard(FILE *f, const struct mc_standard *s);

#endif
