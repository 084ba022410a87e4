/* fp-cli-consent.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `finpersona --headless consent list|grant|revoke …`: every consent path
 * of the Privacy page, scriptable and checkable from outside.
 *
 *   consent list [--cache-dir DIR]
 *   consent grant PURPOSE [--cache-dir DIR] [--sync [--bank URL] [--demo-sign-in]]
 *   consent revoke PURPOSE [--cache-dir DIR] [--sync [--bank URL] [--demo-sign-in]]
 *
 * A grant or revocation is recorded in the cache's consent history and
 * queued in the outbox exactly as the window does it (FpConsentStore),
 * also when it only confirms a purpose nobody chose yet as off; it is
 * delivered by the next sync, or at once with --sync, which also applies
 * the bank's records (the bank wins). stdout is JSON:
 *
 *   list:   {"device": "...", "consents": [STATUS, …]}
 *   grant, revoke: {"changed": true|false, "synced": true|false, "consent": STATUS}
 *
 * where STATUS is {"purpose", "title", "state" ("granted"|"revoked"),
 * "chosen" (bool), "chosenAt" (RFC 3339 UTC or null), "delivery" ("none",
 * "waiting", "delivered", "confirmed", "failed"), "reason" (a sentence or
 * null), "receipt" (or null), "device" (or null)}. A failed --sync exits 1
 * after printing, with the reason in "reason".
 */

#define G_LOG_DOMAIN "fp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "fp-cli-private.h"
#include "fp-device.h"

static const char * const delivery_ids[] = {
  [FP_DELIVERY_NONE] = "none",
  [FP_DELIVERY_WAITING] = "waiting",
  [FP_DELIVERY_DELIVERED] = "delivered",
  [FP_DELIVERY_CONFIRMED] = "confirmed",
  [FP_DELIVERY_FAILED] = "failed",
};

static void
add_nullable (JsonBuilder *b,
              const char  *name,
              const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_status (JsonBuilder           *b,
            const FpConsentStatus *status)
{
  g_autofree char *chosen_at = NULL;

  if (status->chosen_at > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (status->chosen_at / G_USEC_PER_SEC);

      if (when != NULL)
        chosen_at = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "purpose");
  json_builder_add_string_value (b, fp_purpose_to_id (status->purpose));
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, fp_purpose_get_title (status->purpose));
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, fp_consent_state_to_id (status->state));
  json_builder_set_member_name (b, "chosen");
  json_builder_add_boolean_value (b, status->chosen_at > 0);
  add_nullable (b, "chosenAt", chosen_at);
  json_builder_set_member_name (b, "delivery");
  json_builder_add_string_value (b, delivery_ids[status->delivery]);
  add_nullable (b, "reason", status->reason);
  add_nullable (b, "receipt", status->receipt);
  add_nullable (b, "device", status->device);
  json_builder_end_object (b);
}

static void
print_json (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

static int
usage (const char *message)
{
  g_printerr ("%s\n", message);
  return FP_CLI_EXIT_USAGE;
}

static char *
valid_purposes (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < FP_N_PURPOSES; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", fp_purpose_to_id ((FpPurpose) i));
  return g_string_free (text, FALSE);
}

static int
run_list (int    argc,
          char **argv)
{
  g_autofree char *cache_dir = NULL;
  const FpCliOption options[] = {
    { "--cache-dir", "DIR", &cache_dir },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(FpConsentPolicy) policy = NULL;
  g_autoptr(FpConsentStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *device = fp_device_get_display_name ();

  if (!fp_cli_parse_args ("consent list", argc, argv, options, G_N_ELEMENTS (options), 0, NULL, &error))
    return usage (error->message);

  policy = fp_consent_policy_new (device);
  if (!(cache = fp_cli_open_cache (cache_dir, &error)) ||
      !(store = fp_consent_store_new (cache, policy, &error)) ||
      !(list = fp_cache_consent_list_status (cache, policy, &error)))
    {
      g_printerr ("%s\n", error->message);
      if (store != NULL)
        fp_consent_store_disconnect (store);
      if (cache != NULL)
        fp_cache_close (cache);
      return FP_CLI_EXIT_FAILURE;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "device");
  json_builder_add_string_value (b, device);
  json_builder_set_member_name (b, "consents");
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    add_status (b, g_ptr_array_index (list, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  print_json (b);

  fp_consent_store_disconnect (store);
  fp_cache_close (cache);
  return FP_CLI_EXIT_OK;
}

static int
run_change (const char     *command,
            FpConsentState  state,
            int             argc,
            char          **argv)
{
  g_autofree char *cache_dir = NULL;
  g_autofree char *bank = NULL;
  gboolean sync = FALSE;
  gboolean demo_sign_in = FALSE;
  const FpCliOption options[] = {
    { "--cache-dir", "DIR", &cache_dir },
    { "--sync", NULL, &sync },
    { "--bank", "URL", &bank },
    { "--demo-sign-in", NULL, &demo_sign_in },
  };
  const char *words[1];
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) sync_error = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(FpConsentPolicy) policy = NULL;
  g_autoptr(FpConsentStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *device = fp_device_get_display_name ();
  FpCliSyncResult result = { 0 };
  FpPurpose purpose;
  gboolean changed;
  gboolean synced = FALSE;

  if (!fp_cli_parse_args (command, argc, argv, options, G_N_ELEMENTS (options), 1, words, &error))
    return usage (error->message);
  if (words[0] == NULL || !fp_purpose_from_id (words[0], &purpose))
    {
      g_autofree char *valid = valid_purposes ();
      g_autofree char *message =
        words[0] == NULL
        ? g_strdup_printf (_("“%s” needs a purpose. Valid purposes: %s."), command, valid)
        : g_strdup_printf (_("“%s” is not a purpose. Valid purposes: %s."), words[0], valid);

      return usage (message);
    }
  if (!sync && (bank != NULL || demo_sign_in))
    return usage (_("--bank and --demo-sign-in go with --sync."));

  policy = fp_consent_policy_new (device);
  if (!(cache = fp_cli_open_cache (cache_dir, &error)) ||
      !(store = fp_consent_store_new (cache, policy, &error)))
    {
      g_printerr ("%s\n", error->message);
      if (cache != NULL)
        fp_cache_close (cache);
      return FP_CLI_EXIT_FAILURE;
    }

  /* Recorded and queued (by the store) in one transaction. */
  changed = fp_consent_policy_choose (policy, purpose, state, g_get_real_time ());

  if (sync)
    {
      synced = fp_cli_run_sync (cache, policy, store, bank, demo_sign_in, 1000, &result, &sync_error);
      if (!synced)
        g_printerr ("%s\n", sync_error->message);
    }

  if (!(list = fp_cache_consent_list_status (cache, policy, &error)))
    {
      g_printerr ("%s\n", error->message);
      fp_cli_sync_result_clear (&result);
      fp_consent_store_disconnect (store);
      fp_cache_close (cache);
      return FP_CLI_EXIT_FAILURE;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "changed");
  json_builder_add_boolean_value (b, changed);
  json_builder_set_member_name (b, "synced");
  json_builder_add_boolean_value (b, synced);
  json_builder_set_member_name (b, "consent");
  add_status (b, g_ptr_array_index (list, purpose));
  json_builder_end_object (b);
  print_json (b);

  fp_cli_sync_result_clear (&result);
  fp_consent_store_disconnect (store);
  fp_cache_close (cache);
  return sync && !synced ? FP_CLI_EXIT_FAILURE : FP_CLI_EXIT_OK;
}

int
fp_cli_consent (int    argc,
                char **argv)
{
  const char *what = argc > 1 ? argv[1] : NULL;

  if (g_strcmp0 (what, "list") == 0)
    return run_list (argc - 2, argv + 2);
  if (g_strcmp0 (what, "grant") == 0)
    return run_change ("consent grant", FP_CONSENT_GRANTED, argc - 2, argv + 2);
  if (g_strcmp0 (what, "revoke") == 0)
    return run_change ("consent revoke", FP_CONSENT_REVOKED, argc - 2, argv + 2);

  if (what == NULL)
    return usage (_("“consent” needs a command. Valid commands: list, grant, revoke."));
  {
    g_autofree char *message =
      g_strdup_printf (_("“%s” is not a consent command. Valid commands: list, grant, revoke."), what);

    return usage (message);
  }
}
