/* test_product_name.c - product names as tech cards write them, read. */
#include <criterion/criterion.h>

#include "mealcheck/product_name.h"

static struct mc_product_name parse(const char *text)
{
    struct mc_product_name p;
    mc_product_name_parse(text, &p);
    return p;
}

Test(product_name, plain_name_is_its_own_base)
{
    struct mc_product_name p = parse("Гречка");
    cr_expect_str_eq(p.base, "гречка");
    cr_expect_lt(p.fat_pct, 0);
    cr_expect_eq(p.grade, MC_GRADE_NONE);
    cr_expect_str_eq(p.marks, "");
    cr_expect_eq(p.abbreviated, 0);
}

Test(product_name, fat_share_with_comma_point_and_space)
{
    cr_expect_float_eq(parse("Молоко 2,5 %").fat_pct, 2.5, 1e-9);
    cr_expect_float_eq(parse("Масло сливочное 72.5%").fat_pct, 72.5, 1e-9);
    cr_expect_float_eq(parse("Сметана 15%").fat_pct, 15, 1e-9);
    struct mc_product_name p = parse("Молоко м.д.ж. 3,2 %");
    cr_expect_str_eq(p.base, "молоко");
    cr_expect_str_eq(p.marks, "м.д.ж");
}

Test(product_name, grades)
{
    struct mc_product_name p = parse("Мука пшеничная в/с");
    cr_expect_str_eq(p.base, "мука пшеничная");
    cr_expect_eq(p.grade, MC_GRADE_PREMIUM);
    cr_expect_str_eq(p.marks, "", "a grade is not set aside");
    cr_expect_eq(parse("Мука пшеничная высш. сорт").grade, MC_GRADE_PREMIUM);
    cr_expect_eq(parse("Мука пшеничная высшего сорта").grade, MC_GRADE_PREMIUM);
    cr_expect_eq(parse("Хлеб пшеничный 1 с.").grade, MC_GRADE_FIRST);
    cr_expect_eq(parse("Хлеб пшеничный 1-го сорта").grade, MC_GRADE_FIRST);
    cr_expect_eq(parse("Мука первого сорта").grade, MC_GRADE_FIRST);
    cr_expect_eq(parse("Мука 2 сорт").grade, MC_GRADE_SECOND);
    cr_expect_eq(parse("Бидай ұны жоғары сорт").grade, MC_GRADE_PREMIUM);
    cr_expect_str_eq(parse("Бидай ұны жоғары сорт").base, "бидай ұны");
}

Test(product_name, marks_set_aside)
{
    struct mc_product_name p = parse("Говядина 1 кат. б/к охл.");
    cr_expect_str_eq(p.base, "говядина");
    cr_expect_str_eq(p.marks, "1 кат; б/к; охл");
    cr_expect_eq(p.abbreviated, 0, "a mark's dot is no abbreviation");
    p = parse("Куры 1 категории на кости, замороженные");
    cr_expect_str_eq(p.base, "куры");
    cr_expect_str_eq(p.marks, "1 категории; на кости; замороженные");
    p = parse("Горошек зелёный консерв. пром. производства ГОСТ 34112-2017");
    cr_expect_str_eq(p.base, "горошек зеленый консерв", "canned is another food");
    cr_expect_eq(p.abbreviated, 1);
    cr_expect_str_eq(p.marks, "пром; производства; гост 34112-2017");
    p = parse("Минтай с/м");
    cr_expect_str_eq(p.base, "минтай");
    p = parse("Сиыр еті сүйексіз");
    cr_expect_str_eq(p.base, "сиыр еті");
    cr_expect_str_eq(p.marks, "сүйексіз");
    cr_expect_str_eq(parse("Яблоки сушёные").base, "яблоки сушеные",
                     "dried apples are not apples");
}

Test(product_name, egg_categories)
{
    cr_expect_str_eq(parse("Яйцо куриное С1").base, "яйцо куриное");
    cr_expect_str_eq(parse("Яйцо куриное С1").marks, "с1");
    cr_expect_str_eq(parse("Яйцо столовое Д0").base, "яйцо столовое");
    cr_expect_str_eq(parse("Яйцо С-0").base, "яйцо");
    cr_expect_str_eq(parse("Яйцо СВ").marks, "св");
}

Test(product_name, hyphens_quotes_and_abbreviations)
{
    cr_expect_str_eq(parse("Чай-заварка").base, "чай");
    cr_expect_str_eq(parse("Сыр «Российский»").base, "сыр", "a brand in quotes is aside");
    cr_expect_str_eq(parse("Сыр «Российский»").aside, "российский");
    struct mc_product_name p = parse("Масло раст. рафинированное");
    cr_expect_str_eq(p.base, "масло раст");
    cr_expect_eq(p.abbreviated, 1);
    cr_expect_str_eq(p.marks, "рафинированное");
    cr_expect_str_eq(parse("б/к").base, "", "nothing but marks");
}

Test(product_name, forms_to_look_up)
{
    char out[128];
    struct mc_product_name p = parse("Молоко 2,5 %");
    cr_expect(mc_product_name_form(&p, 0, out, sizeof out));
    cr_expect_str_eq(out, "молоко 2,5%");
    cr_expect(mc_product_name_form(&p, 1, out, sizeof out));
    cr_expect_str_eq(out, "молоко 2.5%");
    cr_expect(!mc_product_name_form(&p, 2, out, sizeof out), "no grade");
    p = parse("Сметана 15 %");
    cr_expect(!mc_product_name_form(&p, 0, out, sizeof out), "15 has no comma form");
    cr_expect(mc_product_name_form(&p, 1, out, sizeof out));
    cr_expect_str_eq(out, "сметана 15%");
    p = parse("Мука пшеничная в/с");
    cr_expect(mc_product_name_form(&p, 2, out, sizeof out));
    cr_expect_str_eq(out, "мука пшеничная в/с");
    cr_expect(mc_product_name_form(&p, 3, out, sizeof out));
    cr_expect_str_eq(out, "мука пшеничная высшего сорта");
    p = parse("Мука пшеничная 1 с.");
    cr_expect(mc_product_name_form(&p, 3, out, sizeof out));
    cr_expect_str_eq(out, "мука пшеничная 1 сорта");
}

/* Brackets hold what is set aside, unless they name the part of a plant;
 * a comma ends the head of a name. */
Test(product_name, brackets_commas_and_parts)
{
    struct mc_product_name p = parse("Помидоры (томаты)");
    cr_expect_str_eq(p.base, "помидоры");
    cr_expect_str_eq(p.aside, "томаты");
    cr_expect_str_eq(p.head, "", "no comma");
    p = parse("Петрушка (корень)");
    cr_expect_str_eq(p.base, "петрушка корень");
    cr_expect_str_eq(p.aside, "");
    p = parse("Огурец, грунтовый");
    cr_expect_str_eq(p.base, "огурец грунтовый");
    cr_expect_str_eq(p.head, "огурец");
    p = parse("Хлеб пшеничный 1-сорт, обогащенный витаминной и минеральной смесью");
    cr_expect_str_eq(p.head, "хлеб пшеничный");
    cr_expect_eq(p.grade, MC_GRADE_FIRST);
    p = parse("Творог (18% жирности фас)");
    cr_expect_str_eq(p.base, "творог");
    cr_expect_float_eq(p.fat_pct, 18, 1e-9, "a share in brackets still counts");
    cr_expect_str_eq(p.marks, "фас");
}

Test(product_name, spellings_ranges_and_glued_numbers)
{
    cr_expect_str_eq(parse("Соль иодированная").base, "соль йодированная");
    struct mc_product_name p = parse("Сыр сычужный твердый 45-50% жир.");
    cr_expect_float_eq(p.fat_pct, 45, 1e-9, "the first of a range");
    cr_expect_str_eq(p.base, "сыр твердый");
    p = parse("Молоко 2,5%-3,2% жир.");
    cr_expect_float_eq(p.fat_pct, 2.5, 1e-9);
    cr_expect_str_eq(p.base, "молоко");
    p = parse("Говядина1 категории (котлетное мясо)");
    cr_expect_str_eq(p.base, "говядина");
    cr_expect_str_eq(p.marks, "1 категории");
    cr_expect_str_eq(parse("Масло сладко-сливочное несоленое 72,5%").base, "масло сливочное");
    cr_expect_str_eq(parse("Масло коровье сладкосливочное").base, "масло сливочное");
}
