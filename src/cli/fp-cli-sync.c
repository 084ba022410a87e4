/* fp-cli-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `finpersona --headless sync [--bank URL] [--cache-dir DIR]`: one sync of
 * the encrypted cache with the bank. Without --bank it starts the embedded
 * demo bank and signs the demo customer in. Progress goes to stderr, a JSON
 * summary (counts and sums per account, no personal data) to stdout.
 */

#define G_LOG_DOMAIN "fp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "fp-cache.h"
#include "fp-cli-private.h"
#include "fp-money.h"
#include "fp-sandbox-launcher.h"
#include "fp-store-error.h"
#include "fp-sync-engine.h"

static void
received_cb (FpSyncEngine *engine,
             GParamSpec   *pspec,
             gpointer      user_data)
{
  guint64 *last = user_data;
  guint64 received = fp_sync_engine_get_received (engine);
  guint64 estimated = fp_sync_engine_get_estimated (engine);

  if (received == 0 || (received - *last < 10000 && received != estimated))
    return;
  *last = received;
  {
    g_autofree char *r = g_strdup_printf ("%" G_GUINT64_FORMAT, received);
    g_autofree char *e = g_strdup_printf ("%" G_GUINT64_FORMAT, estimated);

    /* TRANSLATORS: progress of a sync: changes received, changes expected */
    g_printerr (_("Received %s of %s transaction changes"), r, e);
    g_printerr ("\n");
  }
}

static void
print_summary (FpCache      *cache,
               FpSyncEngine *engine,
               const char   *bank,
               GError       *error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) totals = NULL;
  guint64 count = 0;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, error == NULL ? "ok" : "error");
  if (error != NULL)
    {
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, error->message);
    }
  json_builder_set_member_name (b, "bank");
  json_builder_add_string_value (b, bank);
  if (engine != NULL)
    {
      json_builder_set_member_name (b, "received");
      json_builder_add_int_value (b, (gint64) fp_sync_engine_get_received (engine));
      json_builder_set_member_name (b, "requests");
      json_builder_add_int_value (b, (gint64) fp_sync_engine_get_n_requests (engine));
      json_builder_set_member_name (b, "lastSynced");
      json_builder_add_int_value (b, fp_sync_engine_get_last_synced (engine));
    }
  if (cache != NULL && fp_cache_count_transactions (cache, NULL, &count, NULL))
    {
      json_builder_set_member_name (b, "transactions");
      json_builder_add_int_value (b, (gint64) count);
    }
  if (cache != NULL && (totals = fp_cache_counts_and_sums_per_account (cache, NULL)) != NULL)
    {
      json_builder_set_member_name (b, "accounts");
      json_builder_begin_array (b);
      for (guint i = 0; i < totals->len; i++)
        {
          FpAccountTotals *t = g_ptr_array_index (totals, i);
          g_autofree char *sum = fp_money_to_decimal (t->sum_minor);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "accountId");
          json_builder_add_string_value (b, t->account_id);
          json_builder_set_member_name (b, "currency");
          json_builder_add_string_value (b, t->currency);
          json_builder_set_member_name (b, "count");
          json_builder_add_int_value (b, t->count);
          json_builder_set_member_name (b, "sum");
          json_builder_add_string_value (b, sum);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

int
fp_cli_sync (int    argc,
             char **argv)
{
  g_autofree char *bank = NULL;
  g_autofree char *cache_dir = NULL;
  gboolean demo_sign_in = FALSE;
  gboolean ephemeral = FALSE;
  gint page_size = 1000;
  GOptionEntry entries[] = {
    { "bank", 0, 0, G_OPTION_ARG_STRING, &bank, N_("The bank’s API address (default: the embedded demo bank)"), N_("URL") },
    { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir, N_("Folder of the encrypted cache"), N_("DIR") },
    { "demo-sign-in", 0, 0, G_OPTION_ARG_NONE, &demo_sign_in, N_("Sign the demo customer in (a sandbox bank started with --demo)"), NULL },
    { "ephemeral", 0, 0, G_OPTION_ARG_NONE, &ephemeral, N_("Use a cache whose key is never stored, removed at the end"), NULL },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size, N_("Transaction changes per request"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpSandboxLauncher) launcher = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(FpSyncEngine) engine = NULL;
  g_autofree char *url = NULL;
  guint64 last = 0;
  int status = FP_CLI_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Bring the encrypted cache up to date with the bank."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FP_CLI_EXIT_USAGE;
    }

  if (bank == NULL || *bank == '\0')
    {
      launcher = fp_sandbox_launcher_new ();
      g_printerr ("%s\n", _("Starting the demo bank…"));
      if (!fp_sandbox_launcher_start (launcher, NULL, NULL, &error))
        goto fail;
      url = g_strdup (fp_sandbox_launcher_get_url (launcher));
      demo_sign_in = TRUE;
    }
  else
    url = g_strdup (bank);

  if (ephemeral)
    {
      g_autofree char *parent = g_build_filename (g_get_user_cache_dir (), "finpersona", NULL);

      g_mkdir_with_parents (parent, 0700);
      cache = fp_cache_new_ephemeral (parent, &error);
    }
  else
    {
      if (cache_dir == NULL)
        cache_dir = fp_cache_get_default_dir ();
      cache = fp_cache_open_with_keyring (cache_dir, FP_KEYRING_NONE, NULL, &error);
    }
  if (cache == NULL)
    goto fail;

  engine = fp_sync_engine_new (cache, url);
  fp_sync_engine_set_demo (engine, demo_sign_in);
  fp_sync_engine_set_use_keyring (engine, !demo_sign_in && !ephemeral);
  fp_sync_engine_set_page_size (engine, (guint) CLAMP (page_size, 1, 1000));
  g_signal_connect (engine, "notify::received", G_CALLBACK (received_cb), &last);
  g_printerr ("%s\n", _("Syncing…"));
  if (!fp_sync_engine_run (engine, NULL, &error))
    goto fail;
  print_summary (cache, engine, launcher != NULL ? "demo" : url, NULL);
  goto out;

fail:
  g_printerr ("%s\n", error->message);
  if (fp_store_error_get_hint (error) != NULL)
    g_printerr ("%s\n", fp_store_error_get_hint (error));
  print_summary (cache, engine, launcher != NULL ? "demo" : (url != NULL ? url : ""), error);
  status = FP_CLI_EXIT_FAILURE;

out:
  if (cache != NULL)
    fp_cache_close (cache);
  if (launcher != NULL)
    fp_sandbox_launcher_stop (launcher);
  return status;
}
