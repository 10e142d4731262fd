/*
 * document_audit.h - the JSON document of an audit (docs/audit-json.md):
 * `mealcheck audit --format json`.  Written through json.h, as every
 * document is.
 */
#ifndef MEALCHECK_DOCUMENT_AUDIT_H
#define MEALCHECK_DOCUMENT_AUDIT_H

#include <stdio.h>

struct mc_audit;

/**
 * Write audit a as the document of docs/audit-json.md, with a newline:
 * {"mealcheck_version", "manifest", "date", "counts", "schools": one
 * school a line, "districts", "nutrients"}.  A school that could not be
 * checked has "complies": null and its messages in "errors", one a line
 * of its error text.
 * @return 0, or -1 when the stream has an error
 */
int mc_document_audit(FILE *f, const struct mc_audit *a);

#endif
