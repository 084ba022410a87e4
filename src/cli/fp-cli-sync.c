/* fp-cli-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `finpersona --headless sync [--bank URL] [--cache-dir DIR]`: one sync of
 * the encrypted cache with the bank. Without --bank it starts the embedded
 * demo bank and signs the demo customer in. Then the bank's consent records
 * meet the customer's, exactly as in the window (fp_consent_sync_apply():
 * the bank wins; each purpose it overrode is told on stderr). Progress goes
 * to stderr, a JSON summary (counts and sums per account, no personal data)
 * to stdout.
 */

#define G_LOG_DOMAIN "fp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "fp-cache.h"
#include "fp-cli-private.h"
#include "fp-consent-sync.h"
#include "fp-device.h"
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
conflict_cb (FpConsentPolicy *policy,
             FpPurpose        purpose,
             const char      *message,
             gpointer         user_data)
{
  g_printerr ("%s\n", message);
}

/**
 * fp_cli_open_cache:
 * @cache_dir: (nullable): the cache's folder, %NULL for the default
 * @error: a #GError
 *
 * Opens the cache of an earlier sync with its key from the keyring; a
 * folder without a cache is an error, not a new cache.
 *
 * Returns: (transfer full) (nullable): the cache
 */
FpCache *
fp_cli_open_cache (const char  *cache_dir,
                   GError     **error)
{
  g_autofree char *dir = cache_dir != NULL ? g_strdup (cache_dir) : fp_cache_get_default_dir ();

  if (!fp_cache_dir_exists (dir))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("There is no FinPersona data on this computer yet. Run finpersona --headless sync first."));
      return NULL;
    }
  return fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, error);
}

/**
 * fp_cli_run_sync:
 * @cache: the open cache
 * @policy: (nullable): the customer's consents, restored by @store
 * @store: (nullable): where @policy is kept
 * @bank: (nullable): the bank's address; %NULL or empty starts the demo bank
 * @demo_sign_in: sign the demo customer in (a sandbox started with --demo)
 * @page_size: transaction changes per request
 * @result: (out caller-allocates): what happened; clear it with
 *   fp_cli_sync_result_clear()
 * @error: a #GError
 *
 * One sync as the window runs it: the outbox first, then the catalogues
 * and the feed, then the bank's consent records applied to @policy (the
 * bank wins). Progress goes to stderr.
 *
 * Returns: %TRUE when the cache is up to date
 */
gboolean
fp_cli_run_sync (FpCache          *cache,
                 FpConsentPolicy  *policy,
                 FpConsentStore   *store,
                 const char       *bank,
                 gboolean          demo_sign_in,
                 guint             page_size,
                 FpCliSyncResult  *result,
                 GError          **error)
{
  g_autoptr(FpSandboxLauncher) launcher = NULL;
  g_autofree char *url = NULL;
  guint64 last = 0;
  gboolean ok;

  memset (result, 0, sizeof *result);

  if (bank == NULL || *bank == '\0')
    {
      launcher = fp_sandbox_launcher_new ();
      result->bank = g_strdup ("demo");
      g_printerr ("%s\n", _("Starting the demo bank…"));
      if (!fp_sandbox_launcher_start (launcher, NULL, NULL, error))
        return FALSE;
      url = g_strdup (fp_sandbox_launcher_get_url (launcher));
      demo_sign_in = TRUE;
    }
  else
    {
      url = g_strdup (bank);
      result->bank = g_strdup (bank);
    }

  result->engine = fp_sync_engine_new (cache, url);
  fp_sync_engine_set_demo (result->engine, demo_sign_in);
  fp_sync_engine_set_use_keyring (result->engine, !demo_sign_in && !fp_cache_is_ephemeral (cache));
  fp_sync_engine_set_page_size (result->engine, CLAMP (page_size, 1, 1000));
  g_signal_connect (result->engine, "notify::received", G_CALLBACK (received_cb), &last);
  g_printerr ("%s\n", _("Syncing…"));
  ok = fp_sync_engine_run (result->engine, NULL, error);
  g_signal_handlers_disconnect_by_func (result->engine, received_cb, &last);

  if (ok && policy != NULL)
    {
      gulong id = g_signal_connect (policy, "conflict", G_CALLBACK (conflict_cb), NULL);

      result->overridden = fp_consent_sync_apply (cache, policy, store, error);
      g_signal_handler_disconnect (policy, id);
      ok = error == NULL || *error == NULL;
    }

  if (launcher != NULL)
    fp_sandbox_launcher_stop (launcher);
  return ok;
}

void
fp_cli_sync_result_clear (FpCliSyncResult *result)
{
  g_clear_object (&result->engine);
  g_clear_pointer (&result->bank, g_free);
}

static void
print_summary (FpCache      *cache,
               FpSyncEngine *engine,
               const char   *bank,
               guint         overridden,
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
  json_builder_set_member_name (b, "consentsOverridden");
  json_builder_add_int_value (b, overridden);
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
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(FpConsentPolicy) policy = NULL;
  g_autoptr(FpConsentStore) store = NULL;
  g_autofree char *device = NULL;
  FpCliSyncResult result = { 0 };
  int status = FP_CLI_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Bring the encrypted cache up to date with the bank."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FP_CLI_EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_printerr (_("“sync” takes no words; “%s” is one too many.\n"), argv[1]);
      return FP_CLI_EXIT_USAGE;
    }

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

  /* The customer's consents live in the cache, as in the window. */
  device = fp_device_get_display_name ();
  policy = fp_consent_policy_new (device);
  if (!(store = fp_consent_store_new (cache, policy, &error)))
    goto fail;

  if (!fp_cli_run_sync (cache, policy, store, bank, demo_sign_in, (guint) CLAMP (page_size, 1, 1000),
                        &result, &error))
    goto fail;
  print_summary (cache, result.engine, result.bank, result.overridden, NULL);
  goto out;

fail:
  g_printerr ("%s\n", error->message);
  if (fp_store_error_get_hint (error) != NULL)
    g_printerr ("%s\n", fp_store_error_get_hint (error));
  print_summary (cache, result.engine, result.bank != NULL ? result.bank : (bank != NULL ? bank : "demo"),
                 result.overridden, error);
  status = FP_CLI_EXIT_FAILURE;

out:
  if (store != NULL)
    fp_consent_store_disconnect (store);
  fp_cli_sync_result_clear (&result);
  if (cache != NULL)
    fp_cache_close (cache);
  return status;
}
