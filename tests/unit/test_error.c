/*
 * test_error.c - diagnostics as records: fields, the line the command line
 * prints, relabelling, limits, moving and sorting.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "mealcheck/error.h"

Test(error, fields_of_a_located_error)
{
    struct mc_err err = {0};
    cr_assert_eq(mc_err_at(&err, MC_ERR_INPUT, "menus/week1.csv", 14, 3,
                           "unknown food '%s'", "10234"), MC_ERR_INPUT);
    mc_err_warn_at(&err, "menus/week1.csv", 1, 5, "column '%s' is not read", "notes");
    cr_assert_eq(mc_err_diag_count(&err), 2);
    const struct mc_diag *d = mc_err_diag(&err, 0);
    cr_expect_eq(d->severity, MC_SEVERITY_ERROR);
    cr_expect_eq(d->code, MC_ERR_INPUT);
    cr_expect_str_eq(d->file, "menus/week1.csv");
    cr_expect_null(d->sheet);
    cr_expect_eq(d->line, 14);
    cr_expect_eq(d->column, 3);
    cr_expect_str_eq(d->message, "unknown food '10234'");
    const struct mc_diag *w = mc_err_diag(&err, 1);
    cr_expect_eq(w->severity, MC_SEVERITY_WARNING);
    cr_expect_eq(w->code, MC_OK);
    cr_expect_eq(err.count, 1);
    cr_expect_eq(err.n_warnings, 1);
    cr_expect_str_eq(mc_err_text(&err), "menus/week1.csv:14:3: unknown food '10234'\n");
    cr_expect_str_eq(mc_err_warnings(&err), "menus/week1.csv:1:5: column 'notes' is not read\n");
    mc_err_release(&err);
    cr_expect_eq(mc_err_diag_count(&err), 0);
    cr_expect_null(mc_err_text(&err));
}

Test(error, the_line_leaves_out_what_is_unknown)
{
    struct mc_err err = {0};
    mc_err_at(&err, MC_ERR_INPUT, "a.csv", 0, 7, "whole file");
    mc_err_at(&err, MC_ERR_INPUT, "a.csv", 2, 0, "a line");
    mc_err_at_sheet(&err, MC_ERR_INPUT, "b.xlsx", "Неделя 1", 3, 2, "a cell");
    mc_err_set(&err, MC_ERR_USAGE, "no place at all,\nover two lines");
    cr_expect_eq(mc_err_diag(&err, 0)->column, 0, "no column without a line");
    cr_expect_str_eq(mc_err_diag(&err, 2)->sheet, "Неделя 1");
    cr_expect_null(mc_err_diag(&err, 3)->file);
    cr_expect_str_eq(mc_err_text(&err), "a.csv: whole file\n"
                                         "a.csv:2: a line\n"
                                         "b.xlsx[Неделя 1]:3:2: a cell\n"
                                         "no place at all, over two lines\n");
    char small[8];
    size_t n = mc_diag_format(mc_err_diag(&err, 1), small, sizeof small);
    cr_expect_eq(n, strlen("a.csv:2: a line"), "the whole length, as snprintf");
    cr_expect_str_eq(small, "a.csv:2");
    cr_expect_eq(err.code, MC_ERR_INPUT, "the first failure's code");
    mc_err_release(&err);
}

Test(error, relabel_names_the_upload_not_the_temporary_file)
{
    struct mc_err err = {0};
    mc_err_at(&err, MC_ERR_INPUT, "/tmp/up-1/menu", 3, 4, "unknown dish 'Суп'");
    mc_err_at_sheet(&err, MC_ERR_INPUT, "/tmp/up-1/menu", "Week", 2, 1, "bad cell");
    mc_err_set(&err, MC_ERR_INPUT, "%s: no header row", "/tmp/up-1/menu");
    mc_err_warn_at(&err, "/tmp/up-1/menu", 1, 9, "column 'x' is not read");
    /* another file, and a path that only starts the same, stay */
    mc_err_at(&err, MC_ERR_INPUT, "/tmp/up-1/menus.csv", 1, 1, "other");
    mc_err_set(&err, MC_ERR_INPUT, "see /tmp/up-1/menu");
    mc_err_relabel(&err, "/tmp/up-1/menu", "week1.csv");
    cr_expect_str_eq(mc_err_diag(&err, 0)->file, "week1.csv");
    cr_expect_str_eq(mc_err_text(&err), "week1.csv:3:4: unknown dish 'Суп'\n"
                                         "week1.csv[Week]:2:1: bad cell\n"
                                         "week1.csv: no header row\n"
                                         "/tmp/up-1/menus.csv:1:1: other\n"
                                         "see /tmp/up-1/menu\n");
    cr_expect_str_eq(mc_err_warnings(&err), "week1.csv:1:9: column 'x' is not read\n");
    mc_err_release(&err);
}

Test(error, limits_count_what_they_do_not_keep)
{
    struct mc_err err = {0};
    for (int i = 1; i <= MC_ERR_LIMIT + 3; i++)
        mc_err_at(&err, MC_ERR_INPUT, "a.csv", i, 1, "bad %d", i);
    cr_expect_eq(err.count, MC_ERR_LIMIT + 3);
    cr_expect_eq(mc_err_diag_count(&err), MC_ERR_LIMIT);
    cr_expect(mc_err_full(&err));
    mc_err_release(&err);
}

Test(error, move_warnings_and_clear)
{
    struct mc_err to = {0}, from = {0};
    mc_err_warn_at(&to, "a.csv", 1, 1, "first");
    mc_err_set(&from, MC_ERR_INPUT, "an error stays");
    mc_err_warn_at(&from, "b.csv", 2, 2, "second");
    mc_err_move_warnings(&to, &from);
    cr_expect_eq(to.n_warnings, 2);
    cr_expect_eq(from.n_warnings, 0);
    cr_expect_str_eq(mc_err_warnings(&to), "a.csv:1:1: first\nb.csv:2:2: second\n");
    cr_expect_null(mc_err_warnings(&from));
    cr_expect_str_eq(mc_err_text(&from), "an error stays\n");
    mc_err_clear_warnings(&to);
    cr_expect_eq(mc_err_diag_count(&to), 0);
    cr_expect_eq(to.n_warnings, 0);
    mc_err_release(&to);
    mc_err_release(&from);
}

Test(error, move_sorted_orders_a_files_errors_by_place)
{
    struct mc_err to = {0}, from = {0};
    mc_err_at(&from, MC_ERR_INPUT, "book.csv", 9, 2, "late");
    mc_err_at(&from, MC_ERR_NOT_FOUND, "book.csv", 3, 5, "early, right");
    mc_err_at(&from, MC_ERR_INPUT, "book.csv", 3, 1, "early, left");
    mc_err_set(&from, MC_ERR_INPUT, "no place");
    mc_err_warn_at(&from, "book.csv", 1, 1, "a warning");
    mc_err_move_sorted(&to, &from, "book.csv");
    cr_expect_str_eq(mc_err_text(&to), "no place\n"
                                        "book.csv:3:1: early, left\n"
                                        "book.csv:3:5: early, right\n"
                                        "book.csv:9:2: late\n");
    cr_expect_eq(to.code, MC_ERR_INPUT);
    cr_expect_eq(to.count, 4);
    cr_expect_eq(to.n_warnings, 1);
    cr_expect_eq(mc_err_diag_count(&from), 0);
    mc_err_release(&to);
}
