/*
 * i18n.h - the language of messages, text output and reports: English,
 * Russian or Kazakh, through GNU gettext catalogues (po/ in the source,
 * compiled by make into build/locale/<lang>/LC_MESSAGES/mealcheck.mo).
 *
 * English is the source text and needs no catalogue: until mc_i18n_set()
 * chooses another language every string is returned as written, byte for
 * byte.  Machine output (JSON, CSV keys) is never translated.
 *
 * The language is the process's (mc_i18n_set(), the command line's
 * --lang) unless a thread chooses its own (mc_i18n_set_thread(), a web
 * request's ?lang=), so that concurrent requests speak different
 * languages.
 *
 * The library marks its display strings with _() (translated where used)
 * or N_() (marked for the catalogue, translated later with _()), and still
 * never prints.
 */
#ifndef MEALCHECK_I18N_H
#define MEALCHECK_I18N_H

#include "mealcheck/error.h"

/** The gettext domain: the catalogues are named mealcheck.mo. */
#define MC_TEXT_DOMAIN "mealcheck"

/** Where the catalogues are below the project root ($MEALCHECK_HOME). */
#define MC_LOCALE_DIR_DEFAULT "build/locale"

/**
 * The language code for text ("ru", "kk", "en", any case, also "ru_RU.UTF-8"
 * and the like), or NULL when mealcheck has no such language.
 */
const char *mc_lang_code(const char *text);

/**
 * The language the user's locale asks for: the first of LC_ALL,
 * LC_MESSAGES and LANG that is set and not empty, "ru_RU.UTF-8" -> "ru",
 * "kk_KZ" -> "kk", anything else (C, POSIX, en_US, de_DE) -> "en".
 */
const char *mc_lang_from_env(void);

/**
 * Load lang's catalogue, localedir/<lang>/LC_MESSAGES/mealcheck.mo, once
 * for the process ("en" needs none).  mealcheck reads the .mo file itself:
 * no ru_RU or kk_KZ locale, no LANGUAGE variable, nothing process-wide but
 * the catalogue, which stays loaded until exit.  Thread-safe.
 * Fails (MC_ERR_NOT_FOUND) on an unknown language or a missing catalogue,
 * MC_ERR_INPUT on a file that is not a catalogue.
 */
mc_code mc_i18n_load(const char *lang, const char *localedir, struct mc_err *err);

/**
 * Speak lang ("en", "ru" or "kk") from now on in every thread that has not
 * chosen its own (mc_i18n_set_thread()), loading its catalogue
 * (mc_i18n_load()).  On failure English stays in force.
 */
mc_code mc_i18n_set(const char *lang, const char *localedir, struct mc_err *err);

/**
 * Speak lang in the calling thread only (a request of a server, a worker):
 * its catalogue must be loaded already (MC_ERR_NOT_FOUND otherwise, and the
 * thread keeps its language).  lang NULL: follow the process's language
 * again.
 */
mc_code mc_i18n_set_thread(const char *lang, struct mc_err *err);

/** The language in force in the calling thread: its own, else the
 * process's ("en" until mc_i18n_set() chose another). */
const char *mc_i18n_lang(void);

/** msgid in lang ("en", "ru", "kk"), whatever the thread speaks; msgid
 * itself for English, an unloaded catalogue or one that lacks it. */
const char *mc_i18n_text(const char *lang, const char *msgid) __attribute__((format_arg(2)));

/** mc_i18n_text() of ctx_msgid ("context\004msgid", see C_()), msgid
 * when there is no translation. */
const char *mc_i18n_ptext(const char *lang, const char *ctx_msgid, const char *msgid)
    __attribute__((format_arg(3)));

/** msgid in the language in force (msgid itself for English or when the
 * catalogue lacks it).  Keeps printf format checking on msgid. */
const char *mc_gettext(const char *msgid) __attribute__((format_arg(1)));

/** The singular or plural form for n, by the language's plural rule. */
const char *mc_ngettext(const char *msgid, const char *plural, unsigned long n)
    __attribute__((format_arg(1), format_arg(2)));

/** msgid in the language in force where one English word needs more than
 * one translation: ctx_msgid is "context\004msgid" (see C_()). */
const char *mc_pgettext(const char *ctx_msgid, const char *msgid)
    __attribute__((format_arg(2)));

/** Translate a string for display. */
#define _(s) mc_gettext(s)
/** Translate s as used in ctx ("unknown" group, not "unknown" value). */
#define C_(ctx, s) mc_pgettext(ctx "\004" s, s)
/** Mark a string for the catalogue without translating it here. */
#define N_(s) s
/** Mark s as used in ctx for the catalogue without translating it here:
 * the key that mc_i18n_ptext() and mc_pgettext() look up. */
#define NC_(ctx, s) ctx "\004" s

#endif
