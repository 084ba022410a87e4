/* test-consent-outbox.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Consent changes made offline reach the bank through the outbox: a grant
 * becomes a consent at the bank, and a revocation queued before the bank
 * ever assigned the consent an id revokes the right one.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "fp-cache-consent.h"
#include "fp-consent-sync.h"
#include "fp-sync-engine.h"
#include "net-test-sandbox.h"

/* The status the bank reports for @purpose_id, from the synced catalogue. */
static char *
bank_status (FpCache    *cache,
             const char *purpose_id)
{
  g_autoptr(GPtrArray) jsons = NULL;
  g_autoptr(GError) error = NULL;
  char *status = NULL;

  jsons = fp_cache_list_catalogue (cache, FP_CACHE_CONSENTS, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < jsons->len; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (g_ptr_array_index (jsons, i), &error);
      JsonObject *object;

      g_assert_no_error (error);
      object = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (object, "purpose", NULL), purpose_id) != 0)
        continue;
      /* The latest word on the purpose wins: Revoked after Authorised. */
      if (status == NULL || g_strcmp0 (json_object_get_string_member (object, "status"), "Revoked") == 0)
        {
          g_free (status);
          status = g_strdup (json_object_get_string_member (object, "status"));
        }
    }

  return status;
}

static void
test_offline_grant_then_revoke (void)
{
  TestSandbox *sandbox = test_sandbox_start (1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = fp_cache_new_ephemeral (NULL, &error);
  g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("test device");
  g_autoptr(FpConsentStore) store = NULL;
  g_autoptr(FpSyncEngine) engine = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autofree char *genai = NULL;
  g_autofree char *marketing = NULL;
  g_autofree char *personalization = NULL;
  gint64 now = g_get_real_time ();

  g_assert_no_error (error);
  store = fp_consent_store_new (cache, policy, &error);
  g_assert_no_error (error);

  /* Offline: grant two purposes, then change the mind about one. */
  g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, now));
  g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_MARKETING, FP_CONSENT_GRANTED, now + 1));
  g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_MARKETING, FP_CONSENT_REVOKED, now + 2));

  pending = fp_cache_outbox_list_pending (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 3);

  /* Back online: one sync delivers the outbox, then reads the bank's record. */
  engine = fp_sync_engine_new (cache, sandbox->url);
  fp_sync_engine_set_demo (engine, TRUE);
  fp_sync_engine_set_use_keyring (engine, FALSE);
  g_assert_true (fp_sync_engine_run (engine, NULL, &error));
  g_assert_no_error (error);

  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = fp_cache_outbox_list_pending (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 0);

  genai = bank_status (cache, "genai");
  marketing = bank_status (cache, "marketing");
  personalization = bank_status (cache, "personalization");
  g_assert_cmpstr (genai, ==, "Authorised");
  g_assert_cmpstr (marketing, ==, "Revoked");
  g_assert_null (personalization);

  /* The bank's records confirm both changes with its receipts. */
  g_assert_cmpuint (fp_consent_sync_apply (cache, policy, store, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (fp_consent_policy_get_record (policy, FP_PURPOSE_GENAI)->state, ==, FP_CONSENT_GRANTED);
  g_assert_nonnull (fp_consent_policy_get_record (policy, FP_PURPOSE_GENAI)->receipt);
  g_assert_cmpint (fp_consent_policy_get_record (policy, FP_PURPOSE_MARKETING)->state, ==, FP_CONSENT_REVOKED);
  g_assert_nonnull (fp_consent_policy_get_record (policy, FP_PURPOSE_MARKETING)->receipt);

  fp_consent_store_disconnect (store);
  fp_cache_close (cache);
  test_sandbox_stop (sandbox);
}

static void
conflict_cb (FpConsentPolicy *policy,
             FpPurpose        purpose,
             const char      *message,
             guint           *count)
{
  g_assert_cmpint (purpose, ==, FP_PURPOSE_PERSONALIZATION);
  g_assert_nonnull (message);
  (*count)++;
}

static void
test_bank_wins (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = fp_cache_new_ephemeral (NULL, &error);
  g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("test device");
  g_autoptr(FpConsentStore) store = NULL;
  const FpConsentRecord *record;
  guint conflicts = 0;

  g_assert_no_error (error);
  store = fp_consent_store_new (cache, policy, &error);
  g_assert_no_error (error);
  g_signal_connect (policy, "conflict", G_CALLBACK (conflict_cb), &conflicts);

  /* Granted here, not yet delivered; meanwhile the bank records a
   * revocation made elsewhere. */
  g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED,
                                        g_get_real_time ()));
  g_assert_true (fp_cache_upsert_catalogue_item (cache, FP_CACHE_CONSENTS, "cns_7",
                                                 "{\"consentId\":\"cns_7\",\"purpose\":\"personalization\","
                                                 "\"status\":\"Revoked\",\"policyVersion\":\"2026-01\","
                                                 "\"creationDateTime\":\"2026-11-01T10:00:00Z\","
                                                 "\"statusUpdateDateTime\":\"2026-11-02T10:00:00Z\","
                                                 "\"receipt\":{\"receiptId\":\"rcp_7\"}}",
                                                 &error));
  g_assert_no_error (error);

  g_assert_cmpuint (fp_consent_sync_apply (cache, policy, store, &error), ==, 1);
  g_assert_no_error (error);

  /* The bank wins, and the customer is told once. */
  record = fp_consent_policy_get_record (policy, FP_PURPOSE_PERSONALIZATION);
  g_assert_cmpint (record->state, ==, FP_CONSENT_REVOKED);
  g_assert_cmpstr (record->receipt, ==, "rcp_7");
  g_assert_false (fp_consent_policy_allows (policy, FP_PURPOSE_PERSONALIZATION));
  g_assert_cmpuint (conflicts, ==, 1);

  /* Applying the same record again changes nothing. */
  g_assert_cmpuint (fp_consent_sync_apply (cache, policy, store, &error), ==, 0);
  g_assert_cmpuint (conflicts, ==, 1);

  fp_consent_store_disconnect (store);
  fp_cache_close (cache);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net/outbox/consent-grant-then-revoke", test_offline_grant_then_revoke);
  g_test_add_func ("/net/consent/bank-wins", test_bank_wins);

  return g_test_run ();
}
