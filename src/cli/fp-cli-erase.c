/* fp-cli-erase.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `finpersona --headless erase [--cache-dir DIR] [--yes]`: what "Erase
 * this device's data" does in the window — the cache's files, its folder
 * and its key in the keyring — for scripts and for the way forward when
 * the cache is damaged. On a terminal it asks first; elsewhere it needs
 * --yes (exit 2 without it). stdout: {"erased": true, "cacheDir": DIR}.
 */

#define G_LOG_DOMAIN "fp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <unistd.h>

#include "fp-cache.h"
#include "fp-cli-private.h"

static gboolean
confirm (const char *dir)
{
  char answer[16] = { 0 };

  /* TRANSLATORS: %s is a folder; the answer expected is the word in the
   * parentheses, "yes" */
  g_printerr (_("Erase all FinPersona data on this computer (%s) and its key? Type “yes” to erase: "), dir);
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  g_strstrip (answer);
  return g_ascii_strcasecmp (answer, "yes") == 0 || g_ascii_strcasecmp (answer, _("yes")) == 0;
}

int
fp_cli_erase (int    argc,
              char **argv)
{
  g_autofree char *cache_dir = NULL;
  gboolean yes = FALSE;
  const FpCliOption options[] = {
    { "--cache-dir", "DIR", &cache_dir },
    { "--yes", NULL, &yes },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  if (!fp_cli_parse_args ("erase", argc - 1, argv + 1, options, G_N_ELEMENTS (options), 0, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return FP_CLI_EXIT_USAGE;
    }
  if (cache_dir == NULL)
    cache_dir = fp_cache_get_default_dir ();

  if (!yes)
    {
      if (!isatty (STDIN_FILENO) || !isatty (STDERR_FILENO))
        {
          g_printerr ("%s\n", _("“erase” asks before it erases; without a terminal to ask on, add --yes. Nothing was erased."));
          return FP_CLI_EXIT_USAGE;
        }
      if (!confirm (cache_dir))
        {
          g_printerr ("%s\n", _("Nothing was erased."));
          return FP_CLI_EXIT_FAILURE;
        }
    }

  if (!fp_cache_erase (cache_dir, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return FP_CLI_EXIT_FAILURE;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "erased");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "cacheDir");
  json_builder_add_string_value (b, cache_dir);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
  return FP_CLI_EXIT_OK;
}
