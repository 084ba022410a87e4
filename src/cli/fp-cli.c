/* fp-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `finpersona --headless COMMAND …` (or just `finpersona COMMAND …`): the
 * computations and jobs of the app without a display, printing JSON so that
 * scripts and tests can check them.
 */

#define G_LOG_DOMAIN "fp-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-cli-private.h"

static int run_help (int argc, char **argv);

static const FpCliCommand commands[] = {
  { "help", "", N_("List the commands that need no display"), run_help },
  { "sync", "[--bank URL] [--cache-dir DIR]", N_("Bring the encrypted cache up to date with the bank"), fp_cli_sync },
  { "export", "--format json|csv --output FILE", N_("Write every table of the cache to a file"), fp_cli_export },
  { "consent", "list | grant PURPOSE | revoke PURPOSE [--sync]", N_("List or change what your data may be used for"), fp_cli_consent },
  { "erase", "[--cache-dir DIR] [--yes]", N_("Erase this computer’s FinPersona data and its key"), fp_cli_erase },
  { "simulate", "SCENARIO.json [--json]", N_("Simulate a scenario of the Financial Time Machine"), fp_cli_simulate },
  { "insights", "--json [--from DAY --to DAY]", N_("Print the personalized dashboard as JSON"), fp_cli_insights },
  { "offers", "--json", N_("Rank the bank’s offers for you, with the reasons"), fp_cli_offers },
  { "loan", "--amount A | --payment P --json", N_("Fit a loan to your cash flow, with its schedule"), fp_cli_loan },
  { "portfolio", "--json [--horizon …]", N_("Your risk profile, portfolio, drift and trades"), fp_cli_portfolio },
  { "wealth", "--json", N_("Everything you own and owe, and what to do first"), fp_cli_wealth },
};

static const FpCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];

  return NULL;
}

static int
run_help (int    argc,
          char **argv)
{
  g_print ("%s\n\n", _("Usage: finpersona --headless COMMAND [ARGUMENTS…]"));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-10s %-24s %s\n", commands[i].name, commands[i].usage, _(commands[i].summary));
  g_print ("\n%s\n", _("Run finpersona --help for the options of the graphical application."));

  return FP_CLI_EXIT_OK;
}

/**
 * fp_cli_wants:
 * @argc: the argument count of main()
 * @argv: the arguments of main()
 *
 * Returns: %TRUE if the command line asks for a headless command
 */
gboolean
fp_cli_wants (int    argc,
              char **argv)
{
  if (argc < 2)
    return FALSE;

  return g_str_equal (argv[1], "--headless") || find_command (argv[1]) != NULL;
}

/**
 * fp_cli_main:
 * @argc: the argument count of main()
 * @argv: the arguments of main()
 *
 * Runs the headless command named on the command line.
 *
 * Returns: the exit status
 */
int
fp_cli_main (int    argc,
             char **argv)
{
  const FpCliCommand *command;
  int first = 1;

  /* Logs on stderr only: stdout is the command's result (JSON). */
  g_log_writer_default_set_use_stderr (TRUE);

  if (argc > 1 && g_str_equal (argv[1], "--headless"))
    first = 2;

  if (first >= argc)
    {
      run_help (0, NULL);
      return FP_CLI_EXIT_USAGE;
    }

  command = find_command (argv[first]);
  if (command == NULL)
    {
      g_printerr (_("“%s” is not a command. Run finpersona --headless help for the list.\n"),
                  argv[first]);
      return FP_CLI_EXIT_USAGE;
    }

  return command->run (argc - first, argv + first);
}
