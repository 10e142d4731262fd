/*
 * i18n.c - choosing the language and looking strings up in the gettext
 * catalogues.
 *
 * glibc's gettext translates only when the LC_MESSAGES locale is not "C"
 * and takes the language from LANGUAGE before the locale's own name.  A
 * caterer's machine (or a CI container) often has no ru_RU or kk_KZ locale
 * installed, only C.UTF-8, so mealcheck sets LC_MESSAGES to C.UTF-8 and
 * names the language in LANGUAGE.  Only LC_MESSAGES changes: numbers keep
 * the C locale's decimal point, as CSV and JSON need.
 */
#include "mealcheck/i18n.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char *const langs[] = {"en", "ru", "kk"};

/* The language in force, one of langs. */
static const char *current = "en";

const char *mc_lang_code(const char *text)
{
    size_t n = strcspn(text, "_.@-");
    for (size_t i = 0; i < sizeof langs / sizeof *langs; i++)
        if (n == 2 && strncasecmp(text, langs[i], 2) == 0)
            return langs[i];
    return NULL;
}

const char *mc_lang_from_env(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) {
            const char *code = mc_lang_code(v);
            return code ? code : "en";
        }
    }
    return "en";
}

/* A locale for LC_MESSAGES other than "C": C.UTF-8 is built into glibc
 * 2.35 and later; the language's own locale, when installed, does as well. */
static int messages_locale(const char *lang)
{
    char own[32];
    snprintf(own, sizeof own, "%s_%s.UTF-8", lang,
             strcmp(lang, "kk") == 0 ? "KZ" : "RU");
    const char *const names[] = {"C.UTF-8", "C.utf8", own, "en_US.UTF-8"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (setlocale(LC_MESSAGES, names[i]))
            return 0;
    return -1;
}

mc_code mc_i18n_set(const char *lang, const char *localedir, struct mc_err *err)
{
    const char *code = mc_lang_code(lang);
    if (!code)
        return mc_err_set(err, MC_ERR_NOT_FOUND, N_("unknown language '%s'; expected "
                          "ru, kk or en"), lang);
    if (strcmp(code, "en") == 0) {
        setlocale(LC_MESSAGES, "C"); /* gettext gives every msgid back */
        current = "en";
        return MC_OK;
    }
    char mo[4096];
    int n = snprintf(mo, sizeof mo, "%s/%s/LC_MESSAGES/" MC_TEXT_DOMAIN ".mo",
                     localedir, code);
    if (n < 0 || (size_t)n >= sizeof mo || access(mo, R_OK) != 0)
        return mc_err_set(err, MC_ERR_NOT_FOUND, "%s: no message catalogue for "
                          "'%s' (run make, or set MEALCHECK_HOME to the "
                          "mealcheck folder)", mo, code);
    /* A change of locale after LANGUAGE empties gettext's cache of the
     * previous language's strings; setting the same locale again would not. */
    setlocale(LC_MESSAGES, "C");
    if (setenv("LANGUAGE", code, 1) != 0 || messages_locale(code) != 0 ||
        !bindtextdomain(MC_TEXT_DOMAIN, localedir) ||
        !bind_textdomain_codeset(MC_TEXT_DOMAIN, "UTF-8")) {
        setlocale(LC_MESSAGES, "C");
        current = "en";
        return mc_err_set(err, MC_ERR_INTERNAL, "cannot switch messages to '%s': "
                          "no usable locale (C.UTF-8)", code);
    }
    current = code;
    return MC_OK;
}

const char *mc_i18n_lang(void)
{
    return current;
}

const char *mc_gettext(const char *msgid)
{
    /* English is the source text: no lookup at all.  "" would look up the
     * catalogue's header. */
    return current == langs[0] || !*msgid ? msgid : dgettext(MC_TEXT_DOMAIN, msgid);
}

const char *mc_ngettext(const char *msgid, const char *plural, unsigned long n)
{
    if (current == langs[0])
        return n == 1 ? msgid : plural;
    return dngettext(MC_TEXT_DOMAIN, msgid, plural, n);
}

const char *mc_pgettext(const char *ctx_msgid, const char *msgid)
{
    if (current == langs[0])
        return msgid;
    const char *t = dgettext(MC_TEXT_DOMAIN, ctx_msgid);
    return t == ctx_msgid ? msgid : t; /* not in the catalogue */
}
