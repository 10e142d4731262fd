/*
 * product_name.h - a product name as CIS technological cards, menus-
 * требования and накопительные ведомости write it, read into its parts.
 *
 * "Мука пшеничная в/с", "Говядина 1 кат. б/к охл.", "Молоко 2,5 %",
 * "Яйцо куриное С1", "Чай-заварка", "Масло раст. рафинированное": a base
 * name ("мука пшеничная") and marks that say which grade, fat share or
 * state of that product was bought.  Only the fat share and the grade can
 * choose another food of the table (milk 2.5 % is not milk 3.2 %);
 * category, bone, chilling, freezing, packaging and standards do not
 * change a food's composition per 100 g edible portion as far as the
 * table can tell, and are recognised only to be set aside.
 *
 * Pure computation: no database, no I/O.
 */
#ifndef MEALCHECK_PRODUCT_NAME_H
#define MEALCHECK_PRODUCT_NAME_H

#include <stddef.h>

/** Grades of flour and bread (сорт). */
enum mc_grade {
    MC_GRADE_NONE = 0,
    MC_GRADE_FIRST = 1,   /**< 1 сорт, первый сорт, 1 с. */
    MC_GRADE_SECOND = 2,  /**< 2 сорт */
    MC_GRADE_PREMIUM = 9  /**< высший сорт, в/с, жоғары сорт */
};

/** A product name, read. */
struct mc_product_name {
    char base[256];   /**< the words that name the product, folded
                           (mc_text_fold), in the order written, one space
                           apart: "мука пшеничная" */
    double fat_pct;   /**< fat or strength share written ("2,5 %"): 2.5;
                           a negative number when none */
    enum mc_grade grade; /**< the grade written, or MC_GRADE_NONE */
    int abbreviated;  /**< 1 when a word of base was cut short with a dot
                           ("раст.", "слив"): it may stand for any word it
                           begins */
    char head[256];   /**< the base's words before a comma ("Огурец,
                           грунтовый": "огурец"), "" when there is none */
    char aside[128];  /**< words in brackets or quotes ("Помидоры
                           (томаты)": "томаты"), "" when none */
    char marks[192];  /**< the marks set aside (all but fat and grade),
                           folded, "; " apart: "1 кат; б/к; охл"; "" when
                           none */
};

/**
 * Read text (UTF-8, any case, NFC or not) into *out.  A name without marks
 * is its own base ("Гречка" -> "гречка").  base is "" when the text is
 * nothing but marks.
 */
void mc_product_name_parse(const char *text, struct mc_product_name *out);

/**
 * Write the base with the fat share as alias tables write it ("молоко
 * 2,5%"), or with the grade ("мука пшеничная высшего сорта", "хлеб
 * пшеничный 1 сорта"), into out: the names to look up before the base
 * alone.  which = 0: fat with a decimal comma, 1: with a point, 2: grade
 * as "в/с" or "N сорт", 3: grade as "высшего сорта" or "N сорта".
 * @return 0 when that form does not apply (no fat, no grade), else 1
 */
int mc_product_name_form(const struct mc_product_name *p, int which, char *out,
                         size_t size);

#endif
