/* fp-cli-args.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Strict arguments for the headless commands that change data (consent,
 * erase): an option the command does not know, a value missing or given
 * to a flag, or a word too many is a usage error (exit 2) with one
 * sentence that names what is valid. GOptionContext would pass unknown
 * words through and name nothing.
 */

#define G_LOG_DOMAIN "fp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fp-cli-private.h"

static char *
valid_options (const FpCliOption *options,
               guint              n_options)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_options; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, options[i].name);
      if (options[i].value_name != NULL)
        g_string_append_printf (text, " %s", options[i].value_name);
    }
  return g_string_free (text, FALSE);
}

static gboolean
usage_error (GError    **error,
             const char *message)
{
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, message);
  return FALSE;
}

/**
 * fp_cli_parse_args:
 * @command: the command's words for messages ("consent grant")
 * @argc: the number of arguments in @argv
 * @argv: the arguments after the command's words
 * @options: the options the command takes
 * @n_options: their number
 * @max_words: how many words (not options) the command takes
 * @words: (out) (array length=max_words): where the words go, %NULL for
 *   each one not given
 * @error: a #GError (%G_OPTION_ERROR) with one sentence for the customer
 *
 * Options are `--name`, `--name VALUE` or `--name=VALUE`; `--` ends them.
 *
 * Returns: %TRUE if every argument was understood
 */
gboolean
fp_cli_parse_args (const char         *command,
                   int                 argc,
                   char              **argv,
                   const FpCliOption  *options,
                   guint               n_options,
                   guint               max_words,
                   const char        **words,
                   GError            **error)
{
  guint n_words = 0;
  gboolean options_end = FALSE;

  for (guint i = 0; i < max_words; i++)
    words[i] = NULL;

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      const FpCliOption *option = NULL;
      const char *equals;
      gsize name_len;

      if (!g_utf8_validate (arg, -1, NULL))
        return usage_error (error, _("The command line holds text that is not UTF-8."));

      if (options_end || arg[0] != '-' || arg[1] == '\0')
        {
          if (n_words >= max_words)
            {
              g_autofree char *message =
                g_strdup_printf (_("“%s” takes no more than %u words; “%s” is one too many."),
                                 command, max_words, arg);

              return usage_error (error, message);
            }
          words[n_words++] = arg;
          continue;
        }
      if (g_str_equal (arg, "--"))
        {
          options_end = TRUE;
          continue;
        }

      equals = strchr (arg, '=');
      name_len = equals != NULL ? (gsize) (equals - arg) : strlen (arg);
      for (guint k = 0; k < n_options; k++)
        if (strlen (options[k].name) == name_len && strncmp (options[k].name, arg, name_len) == 0)
          option = &options[k];

      if (option == NULL)
        {
          g_autofree char *valid = valid_options (options, n_options);
          g_autofree char *name = g_strndup (arg, name_len);
          g_autofree char *message =
            n_options > 0
            ? g_strdup_printf (_("“%s” is not an option of “%s”. Valid options: %s."), name, command, valid)
            : g_strdup_printf (_("“%s” is not an option of “%s”, which takes none."), name, command);

          return usage_error (error, message);
        }

      if (option->value_name == NULL)
        {
          if (equals != NULL)
            {
              g_autofree char *message =
                g_strdup_printf (_("The option %s of “%s” takes no value."), option->name, command);

              return usage_error (error, message);
            }
          *(gboolean *) option->target = TRUE;
          continue;
        }

      if (equals == NULL && i + 1 >= argc)
        {
          g_autofree char *message =
            g_strdup_printf (_("The option %s of “%s” needs a value: %s %s."), option->name, command,
                             option->name, option->value_name);

          return usage_error (error, message);
        }
      g_free (*(char **) option->target);
      *(char **) option->target = g_strdup (equals != NULL ? equals + 1 : argv[++i]);
      if (**(char **) option->target == '\0')
        {
          g_autofree char *message =
            g_strdup_printf (_("The option %s of “%s” needs a value: %s %s."), option->name, command,
                             option->name, option->value_name);

          return usage_error (error, message);
        }
    }

  return TRUE;
}
