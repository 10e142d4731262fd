/* cmd_check.c - placeholder until the command lands (replaced by its issue). */
#include "cli.h"

int cmd_check(int argc, char **argv, struct cli_ctx *ctx)
{
    (void)argc;
    (void)ctx;
    fprintf(stderr, "mealcheck: error: '%s' is not available yet\n", argv[0]);
    return CLI_EXIT_FAILURE;
}
