/*
 * document_audit.h - the JSON document of an audit (docs/audit-json.md):
 * `mealcheck audit --format json`.  Written through json.h, as every
 * document is.
 */
#ifndef MEALCHECK_DOCUMENT_AUDIT_H
#define MEALCHECK_DOCUMENT_AUDIT_H

#include <stdio.h>

#include "mealcheck/error.h"

struct mc_audit;
struct mc_audit_school;
struct mc_document_audit;

/**
 * Start the document of an audit of the manifest at manifest_path on date
 * (yyyymmdd), with each school's "report" when reports.  Its schools are
 * written as they come (mc_document_audit_school()) to a temporary file,
 * as the counts that come before them are known only at the end.
 * @return MC_OK with *out set; MC_ERR_IO (no temporary file) or
 *         MC_ERR_NOMEM, *out NULL.
 */
mc_code mc_document_audit_begin(const char *manifest_path, int date, int reports,
                                struct mc_document_audit **out, struct mc_err *err);

/** The next school of the manifest (an mc_audit_opts.school callback: pass
 *  the document as its argument). */
void mc_document_audit_school(void *doc, const struct mc_audit_school *s);

/**
 * Write the document of audit a, whose schools were all given to
 * mc_document_audit_school(), to f with a newline: {"mealcheck_version",
 * "manifest", "date", "counts", "schools": one school a line,
 * "districts", "nutrients"} (docs/audit-json.md).  A school that could
 * not be checked has "complies": null and its messages in "errors", one a
 * line of its error text.  a NULL: the audit failed, write nothing.
 * Frees d (accepts NULL).
 * @return 0, or -1 when a stream has an error
 */
int mc_document_audit_end(struct mc_document_audit *d, FILE *f, const struct mc_audit *a);

#endif
