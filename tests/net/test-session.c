/* test-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's embedded default, end to end: a session with no bank address
 * starts the real finpersona-sandbox on a loopback port, signs the demo
 * customer in, syncs into an ephemeral encrypted cache, and leaves nothing
 * behind when it shuts down.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fp-cache-consent.h"
#include "fp-device.h"
#include "fp-session.h"

static void
wait_until (gboolean (*done) (FpSession *), FpSession *session, int seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!done (session))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static gboolean
is_settled (FpSession *session)
{
  FpSyncEngine *engine = fp_session_get_sync_engine (session);

  if (fp_session_get_state (session) == FP_SESSION_STATE_FAILED)
    return TRUE;
  return engine != NULL &&
         fp_sync_engine_get_state (engine) == FP_SYNC_STATE_IDLE &&
         fp_sync_engine_get_last_synced (engine) > 0;
}

static gboolean
is_failed (FpSession *session)
{
  return fp_session_get_state (session) == FP_SESSION_STATE_FAILED;
}

static void
test_demo_bank_end_to_end (void)
{
  g_autoptr(FpSession) session = fp_session_new ("", NULL, FP_SESSION_EPHEMERAL);
  g_autoptr(GPtrArray) totals = NULL;
  g_autoptr(GError) error = NULL;
  guint64 count = 0;
  FpCache *cache;

  g_assert_true (fp_session_get_is_demo (session));
  g_assert_cmpint (fp_session_get_state (session), ==, FP_SESSION_STATE_FIRST_RUN);

  /* Ephemeral sessions start at once, without a first-run question. */
  fp_session_start (session);
  wait_until (is_settled, session, 60);
  g_assert_cmpint (fp_session_get_state (session), ==, FP_SESSION_STATE_READY);

  cache = fp_session_get_cache (session);
  g_assert_nonnull (cache);
  g_assert_true (fp_cache_count_transactions (cache, NULL, &count, &error));
  g_assert_no_error (error);
  /* The demo customer has years of history: salaries, rent, card payments. */
  g_assert_cmpuint (count, >, 100);

  totals = fp_cache_counts_and_sums_per_account (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->len, >=, 2);

  fp_session_shutdown (session);
  g_assert_null (fp_session_get_cache (session));
  g_assert_null (fp_session_get_sync_engine (session));
}

static void
narrated_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static FpGenaiText *
narrate (FpSession  *session,
         GError    **error)
{
  static const char * const facts[] = {
    "horizon_years", "30",
    "median_net_worth_at_horizon", "825000",
    "probability_retire_goal", "0.72",
    NULL
  };
  GAsyncResult *result = NULL;
  FpGenaiText *text;

  fp_session_narrate_async (session, facts, NULL, narrated_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  text = fp_session_narrate_finish (session, result, error);
  g_object_unref (result);
  return text;
}

/* Every queued write reached the bank and the engine rests. */
static gboolean
outbox_delivered (FpSession *session)
{
  FpSyncEngine *engine = fp_session_get_sync_engine (session);
  g_autoptr(GPtrArray) pending = fp_cache_outbox_list_pending (fp_session_get_cache (session), NULL);

  return pending != NULL && pending->len == 0 &&
         fp_sync_engine_get_state (engine) == FP_SYNC_STATE_IDLE;
}

static void
test_narrative_needs_consent (void)
{
  g_autoptr(FpSession) session = fp_session_new ("", NULL, FP_SESSION_EPHEMERAL);
  g_autoptr(FpGenaiText) text = NULL;
  g_autoptr(GError) error = NULL;
  guint64 requests;

  fp_session_start (session);
  wait_until (is_settled, session, 60);

  /* Without the consent: an error at once, and not one request more. */
  requests = fp_sync_engine_get_n_requests (fp_session_get_sync_engine (session));
  text = narrate (session, &error);
  g_assert_null (text);
  g_assert_error (error, FP_CONSENT_ERROR, FP_CONSENT_ERROR_NOT_GRANTED);
  g_assert_cmpuint (fp_sync_engine_get_n_requests (fp_session_get_sync_engine (session)), ==, requests);
  g_clear_error (&error);

  /* With it, once the bank has it too (the next sync delivers it), the
   * demo's GenAI proxy has the sandbox's Bedrock stand-in write the
   * narrative, which says it is a template. */
  g_assert_true (fp_consent_policy_set (fp_session_get_consent_policy (session), FP_PURPOSE_GENAI,
                                        FP_CONSENT_GRANTED, g_get_real_time ()));
  fp_session_sync_now (session);
  wait_until (outbox_delivered, session, 60);
  text = narrate (session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);
  g_assert_cmpstr (text->generator, ==, "bedrock:anthropic.claude-3-haiku-20240307-v1:0");
  g_assert_nonnull (strstr (text->text, "not by a language model"));

  fp_session_shutdown (session);
}

static gboolean
genai_confirmed (FpSession *session)
{
  g_autoptr(GPtrArray) list = fp_session_list_consents (session, NULL);
  const FpConsentStatus *genai = list != NULL ? g_ptr_array_index (list, FP_PURPOSE_GENAI) : NULL;

  return genai != NULL && genai->delivery == FP_DELIVERY_CONFIRMED;
}

/* A consent change goes to the bank at once when online: nobody asks for
 * a sync. */
static void
test_consent_sent_at_once (void)
{
  g_autoptr(FpSession) session = fp_session_new ("", NULL, FP_SESSION_EPHEMERAL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  const FpConsentStatus *genai;

  fp_session_start (session);
  wait_until (is_settled, session, 60);

  g_assert_true (fp_session_set_consent (session, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, &error));
  g_assert_no_error (error);
  list = fp_session_list_consents (session, &error);
  g_assert_no_error (error);
  genai = g_ptr_array_index (list, FP_PURPOSE_GENAI);
  g_assert_cmpint (genai->state, ==, FP_CONSENT_GRANTED);
  g_assert_cmpint (genai->chosen_at, >, 0);

  wait_until (genai_confirmed, session, 60);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = fp_session_list_consents (session, &error);
  genai = g_ptr_array_index (list, FP_PURPOSE_GENAI);
  g_assert_nonnull (genai->receipt);
  g_assert_null (genai->reason);

  fp_session_shutdown (session);
}

static gboolean
needs_onboarding (FpSession *session)
{
  return fp_session_get_state (session) == FP_SESSION_STATE_READY && fp_session_get_needs_onboarding (session);
}

static gboolean
all_sent (FpSession *session)
{
  g_autoptr(GPtrArray) list = fp_session_list_consents (session, NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const FpConsentStatus *status = g_ptr_array_index (list, i);

      if (status->delivery != FP_DELIVERY_CONFIRMED && status->delivery != FP_DELIVERY_DELIVERED)
        return FALSE;
      /* A grant is confirmed by the bank's records at the end of the sync. */
      if (status->state == FP_CONSENT_GRANTED && status->delivery != FP_DELIVERY_CONFIRMED)
        return FALSE;
    }
  return list != NULL;
}

/* After the consent step every purpose reads as chosen, the ones left off
 * too, each on this device's display name; all of it reaches the bank. */
static void
test_onboarding_records_every_choice (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-session-XXXXXX", NULL);
  g_autofree char *cache_dir = g_build_filename (dir, "cache", NULL);
  g_autofree char *keyring = g_build_filename (dir, "keyring", NULL);
  g_autofree char *device = fp_device_get_display_name ();
  g_autoptr(FpSession) session = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  session = fp_session_new ("", cache_dir, FP_SESSION_NONE);
  fp_session_open (session);
  wait_until (needs_onboarding, session, 60);

  /* What the consent step does: the switches turned on, then done. */
  g_assert_true (fp_consent_policy_set (fp_session_get_consent_policy (session), FP_PURPOSE_PERSONALIZATION,
                                        FP_CONSENT_GRANTED, g_get_real_time ()));
  fp_session_finish_onboarding (session);
  g_assert_false (fp_session_get_needs_onboarding (session));

  list = fp_session_list_consents (session, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      const FpConsentStatus *status = g_ptr_array_index (list, i);

      g_assert_cmpint (status->chosen_at, >, 0);
      g_assert_cmpint (status->delivery, !=, FP_DELIVERY_NONE);
      g_assert_cmpint (status->state, ==, i == FP_PURPOSE_PERSONALIZATION ? FP_CONSENT_GRANTED : FP_CONSENT_REVOKED);
      g_assert_cmpstr (status->device, ==, device);
    }
  g_assert_cmpstr (fp_session_get_device_name (session), ==, device);

  /* Sent at once: the grant confirmed, the rest had nothing to withdraw. */
  wait_until (all_sent, session, 60);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = fp_session_list_consents (session, &error);
  g_assert_cmpint (((FpConsentStatus *) g_ptr_array_index (list, FP_PURPOSE_PERSONALIZATION))->delivery, ==,
                   FP_DELIVERY_CONFIRMED);

  fp_session_shutdown (session);
  g_assert_true (fp_cache_erase (cache_dir, NULL, &error));
  g_assert_no_error (error);
  g_unlink (keyring);
  g_rmdir (dir);
}

static void
test_first_run_waits (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-session-XXXXXX", NULL);
  g_autofree char *cache_dir = g_build_filename (dir, "never-created", NULL);
  g_autoptr(FpSession) session = fp_session_new ("", cache_dir, FP_SESSION_NONE);

  /* No cache on this computer: nothing starts until the customer asks. */
  fp_session_start (session);
  g_assert_cmpint (fp_session_get_state (session), ==, FP_SESSION_STATE_FIRST_RUN);
  g_assert_null (fp_session_get_cache (session));
  g_assert_false (g_file_test (cache_dir, G_FILE_TEST_EXISTS));

  g_rmdir (dir);
}

static void
test_clear_text_bank_refused (void)
{
  g_autoptr(FpSession) session = fp_session_new ("http://bank.example/api", NULL, FP_SESSION_EPHEMERAL);

  g_assert_false (fp_session_get_is_demo (session));
  fp_session_start (session);
  wait_until (is_failed, session, 10);
  g_assert_nonnull (fp_session_get_error_message (session));
  g_assert_true (strstr (fp_session_get_error_message (session), "https://") != NULL);
  g_assert_null (fp_session_get_cache (session));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/demo-bank-end-to-end", test_demo_bank_end_to_end);
  g_test_add_func ("/session/narrative-needs-consent", test_narrative_needs_consent);
  g_test_add_func ("/session/consent-sent-at-once", test_consent_sent_at_once);
  g_test_add_func ("/session/onboarding-records-every-choice", test_onboarding_records_every_choice);
  g_test_add_func ("/session/first-run-waits", test_first_run_waits);
  g_test_add_func ("/session/clear-text-bank-refused", test_clear_text_bank_refused);

  return g_test_run ();
}
