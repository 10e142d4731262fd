/*
 * json.h - one small streaming JSON writer: commas, nesting, string
 * escaping with UTF-8 validation and shortest round-trip numbers, so that
 * every JSON document mealcheck writes (the CLI's --format json, the web
 * API) is spelled by the same code.
 *
 * Strings: '"', '\\' and control characters are escaped ("\n", "\u0001"),
 * everything else is written as UTF-8.  Bytes that are not well-formed
 * UTF-8 (a stray Latin-1 byte of a quoted cell, an overlong form, a
 * surrogate) are each replaced by U+FFFD rather than rejected: a message
 * quoting a bad input must still reach the user, and the document stays
 * valid JSON.
 *
 * Numbers: the shortest of "%.15g", "%.16g", "%.17g" that reads back to
 * the same double (0.1 -> 0.1, 1e-7 -> 1e-07, 1e21 -> 1e+21); NaN and the
 * infinities, which JSON cannot hold, are null.
 */
#ifndef MEALCHECK_JSON_H
#define MEALCHECK_JSON_H

#include <stddef.h>
#include <stdio.h>

/** Deepest nesting of objects and arrays the writer tracks. */
#define MC_JSON_MAX_DEPTH 32

/**
 * A document being written to a stream.  Initialise with mc_json_init();
 * the writer puts the commas and checks that containers are closed and
 * keys come where an object wants them.
 */
struct mc_json {
    FILE *f;
    int depth;
    unsigned char count[MC_JSON_MAX_DEPTH + 1]; /* values so far, capped at 2 */
    unsigned char object[MC_JSON_MAX_DEPTH + 1];
    int after_key; /* a key was written, its value is next */
    int misuse;    /* a call out of order (a value for a key-less member, ...) */
    int line_break; /* the next element starts a line: 1 indented after a comma
                       (mc_json_line_break), 2 always (mc_json_newline) */
};

/** Start a document on f. */
void mc_json_init(struct mc_json *j, FILE *f);

/** Open / close an object or array (as a value: after a key, in an array,
 * or as the document). */
void mc_json_object_begin(struct mc_json *j);
void mc_json_object_end(struct mc_json *j);
void mc_json_array_begin(struct mc_json *j);
void mc_json_array_end(struct mc_json *j);

/** Start the next element of the array being written on a line of its
 * own, after its comma and one space: a list a person reads or a tool
 * takes line by line ("[{...},\n {...}]"); in an object, the next member
 * after its comma, without the space ("{...,\n\"nutrients\":[...]}"). */
void mc_json_line_break(struct mc_json *j);

/** Start the next element of the array being written on a line of its
 * own without indent, the first one too: a list of records a tool reads
 * line by line ("[\n{...},\n{...}]"). */
void mc_json_newline(struct mc_json *j);

/** The key of the next member of the object being written. */
void mc_json_key(struct mc_json *j, const char *key);

/** A string value (UTF-8 checked as the header says); NULL writes null. */
void mc_json_string(struct mc_json *j, const char *s);

/** A string value of the n bytes at s. */
void mc_json_string_n(struct mc_json *j, const char *s, size_t n);

/** A number value, shortest round-trip; not finite writes null. */
void mc_json_number(struct mc_json *j, double v);

/** An integer value. */
void mc_json_int(struct mc_json *j, long long v);

/** true or false. */
void mc_json_bool(struct mc_json *j, int b);

/** null. */
void mc_json_null(struct mc_json *j);

/** A member of the object being written: its key, then the value as
 * mc_json_string(), mc_json_number(), mc_json_int(), mc_json_bool() write
 * it.  A document is mostly these. */
void mc_json_member_string(struct mc_json *j, const char *key, const char *s);
void mc_json_member_number(struct mc_json *j, const char *key, double v);
void mc_json_member_int(struct mc_json *j, const char *key, long long v);
void mc_json_member_bool(struct mc_json *j, const char *key, int b);

/** A member whose value is a yyyymmdd date as "YYYY-MM-DD", null for 0 or less. */
void mc_json_member_date(struct mc_json *j, const char *key, int date);

/**
 * 0 when the document is complete (every container closed, no call out of
 * order) and the stream has no error; -1 otherwise.
 */
int mc_json_finish(const struct mc_json *j);

/** Write s as a JSON string to f, escaped as mc_json_string() does; for
 * writers that put the punctuation themselves. */
void mc_json_write_string(FILE *f, const char *s, size_t n);

/** Write v to f as mc_json_number() does. */
void mc_json_write_number(FILE *f, double v);

#endif
