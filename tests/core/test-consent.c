/* test-consent.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>

#include "fp-consent.h"

#define T0 G_GINT64_CONSTANT (1763769600000000)  /* 2025-11-22 00:00 UTC */

typedef struct {
  guint changed;
  guint changed_genai;
  guint changed_personalization;
  guint conflicts;
  guint appended;
  FpPurpose last_purpose;
  FpConsentState last_state;
  char *last_conflict;
  gboolean insights_dropped;
} Counts;

static void
changed_cb (FpConsentPolicy *policy,
            FpPurpose        purpose,
            FpConsentState   state,
            Counts          *counts)
{
  counts->changed++;
  counts->last_purpose = purpose;
  counts->last_state = state;
}

static void
changed_genai_cb (FpConsentPolicy *policy,
                  FpPurpose        purpose,
                  FpConsentState   state,
                  Counts          *counts)
{
  g_assert_cmpint (purpose, ==, FP_PURPOSE_GENAI);
  counts->changed_genai++;
}

/* What the store does: drop derived insights the moment personalization is
 * revoked. */
static void
changed_personalization_cb (FpConsentPolicy *policy,
                            FpPurpose        purpose,
                            FpConsentState   state,
                            Counts          *counts)
{
  g_assert_cmpint (purpose, ==, FP_PURPOSE_PERSONALIZATION);
  counts->changed_personalization++;
  if (state == FP_CONSENT_REVOKED)
    counts->insights_dropped = TRUE;
  /* The gate already answers with the new state inside the handler. */
  g_assert_cmpint (fp_consent_policy_allows (policy, purpose), ==, state == FP_CONSENT_GRANTED);
}

static void
conflict_cb (FpConsentPolicy *policy,
             FpPurpose        purpose,
             const char      *message,
             Counts          *counts)
{
  counts->conflicts++;
  g_free (counts->last_conflict);
  counts->last_conflict = g_strdup (message);
}

static void
appended_cb (FpConsentPolicy       *policy,
             const FpConsentChange *change,
             Counts                *counts)
{
  counts->appended++;
  g_assert_cmpuint (change->seq, ==, fp_consent_policy_get_n_changes (policy));
}

static FpConsentPolicy *
new_policy (Counts *counts)
{
  FpConsentPolicy *policy = fp_consent_policy_new ("laptop");

  memset (counts, 0, sizeof *counts);
  g_signal_connect (policy, "changed", G_CALLBACK (changed_cb), counts);
  g_signal_connect (policy, "changed::genai", G_CALLBACK (changed_genai_cb), counts);
  g_signal_connect (policy, "changed::personalization",
                    G_CALLBACK (changed_personalization_cb), counts);
  g_signal_connect (policy, "conflict", G_CALLBACK (conflict_cb), counts);
  g_signal_connect (policy, "history-appended", G_CALLBACK (appended_cb), counts);

  return policy;
}

static void
test_purposes (void)
{
  static const char * const ids[] = {
    "personalization", "genai", "marketing", "open_banking", "product_improvement",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (ids) == FP_N_PURPOSES);

  for (guint i = 0; i < FP_N_PURPOSES; i++)
    {
      FpPurpose purpose = 99;
      const char *description = fp_purpose_get_description ((FpPurpose) i);

      g_assert_cmpstr (fp_purpose_to_id ((FpPurpose) i), ==, ids[i]);
      g_assert_true (fp_purpose_from_id (ids[i], &purpose));
      g_assert_cmpint (purpose, ==, i);
      g_assert_cmpuint (strlen (fp_purpose_get_title ((FpPurpose) i)), >, 0);
      g_assert_cmpuint (strlen (fp_purpose_get_title ((FpPurpose) i)), <, 40);
      /* One or two sentences. */
      g_assert_cmpuint (strlen (description), >, 20);
      g_assert_true (g_str_has_suffix (description, "."));
      g_assert_cmpstr (fp_purpose_get_policy_version ((FpPurpose) i), ==, FP_CONSENT_POLICY_VERSION);
    }

  {
    FpPurpose purpose = FP_PURPOSE_MARKETING;
    FpConsentState state = FP_CONSENT_REVOKED;

    g_assert_false (fp_purpose_from_id ("GenAI", &purpose));
    g_assert_false (fp_purpose_from_id ("", &purpose));
    g_assert_false (fp_purpose_from_id (NULL, &purpose));
    g_assert_cmpint (purpose, ==, FP_PURPOSE_MARKETING);

    g_assert_true (fp_consent_state_from_id ("granted", &state));
    g_assert_cmpint (state, ==, FP_CONSENT_GRANTED);
    g_assert_false (fp_consent_state_from_id ("yes", &state));
    g_assert_cmpstr (fp_consent_state_to_id (FP_CONSENT_REVOKED), ==, "revoked");
  }
}

static void
test_defaults_revoked (void)
{
  Counts counts;
  FpConsentPolicy *policy = new_policy (&counts);

  for (guint i = 0; i < FP_N_PURPOSES; i++)
    {
      const FpConsentRecord *record = fp_consent_policy_get_record (policy, (FpPurpose) i);

      g_assert_false (fp_consent_policy_allows (policy, (FpPurpose) i));
      g_assert_cmpint (record->purpose, ==, i);
      g_assert_cmpint (record->state, ==, FP_CONSENT_REVOKED);
      g_assert_cmpint (record->since, ==, 0);
      g_assert_null (record->receipt);
      g_assert_false (fp_consent_record_is_pending (record));
    }

  g_assert_cmpuint (fp_consent_policy_get_n_changes (policy), ==, 0);
  g_assert_cmpstr (fp_consent_policy_get_device (policy), ==, "laptop");
  g_assert_cmpuint (counts.changed + counts.appended + counts.conflicts, ==, 0);

  g_assert_finalize_object (policy);
}

static void
test_require (void)
{
  Counts counts;
  FpConsentPolicy *policy = new_policy (&counts);

  for (guint i = 0; i < FP_N_PURPOSES; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (fp_consent_policy_require (policy, (FpPurpose) i, &error));
      g_assert_error (error, FP_CONSENT_ERROR, FP_CONSENT_ERROR_NOT_GRANTED);
      g_assert_nonnull (strstr (error->message, fp_purpose_get_title ((FpPurpose) i)));
      g_assert_nonnull (strstr (error->message, "Privacy"));

      /* Only the purpose asked for opens. */
      g_assert_true (fp_consent_policy_set (policy, (FpPurpose) i, FP_CONSENT_GRANTED, T0));
      g_clear_error (&error);
      g_assert_true (fp_consent_policy_require (policy, (FpPurpose) i, &error));
      g_assert_no_error (error);
      for (guint k = i + 1; k < FP_N_PURPOSES; k++)
        g_assert_false (fp_consent_policy_allows (policy, (FpPurpose) k));
    }

  g_assert_finalize_object (policy);
}

static void
test_signals_once (void)
{
  Counts counts;
  FpConsentPolicy *policy = new_policy (&counts);

  /* No-op: already revoked. */
  g_assert_false (fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_REVOKED, T0));
  g_assert_cmpuint (counts.changed, ==, 0);
  g_assert_cmpuint (counts.appended, ==, 0);

  g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, T0 + 1));
  g_assert_cmpuint (counts.changed, ==, 1);
  g_assert_cmpuint (counts.changed_genai, ==, 1);
  g_assert_cmpuint (counts.changed_personalization, ==, 0);
  g_assert_cmpuint (counts.appended, ==, 1);
  g_assert_cmpint (counts.last_purpose, ==, FP_PURPOSE_GENAI);
  g_assert_cmpint (counts.last_state, ==, FP_CONSENT_GRANTED);
  g_assert_true (fp_consent_policy_allows (policy, FP_PURPOSE_GENAI));
  g_assert_true (fp_consent_record_is_pending (fp_consent_policy_get_record (policy, FP_PURPOSE_GENAI)));

  /* No-op again, even twice. */
  g_assert_false (fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, T0 + 2));
  g_assert_false (fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, T0 + 3));
  g_assert_cmpuint (counts.changed, ==, 1);
  g_assert_cmpuint (counts.appended, ==, 1);

  /* Personalization on, then off: the store drops insights on the revoke. */
  g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED, T0 + 4));
  g_assert_false (counts.insights_dropped);
  g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_REVOKED, T0 + 5));
  g_assert_true (counts.insights_dropped);
  g_assert_cmpuint (counts.changed_personalization, ==, 2);
  g_assert_cmpuint (counts.changed_genai, ==, 1);
  g_assert_cmpuint (counts.changed, ==, 3);

  /* A receipt is history but not a change of state. */
  g_assert_true (fp_consent_policy_confirm (policy, FP_PURPOSE_GENAI, "rcpt-1", T0 + 6));
  g_assert_false (fp_consent_policy_confirm (policy, FP_PURPOSE_GENAI, "rcpt-2", T0 + 7));
  g_assert_cmpuint (counts.changed, ==, 3);
  g_assert_cmpuint (counts.appended, ==, 4);
  g_assert_false (fp_consent_record_is_pending (fp_consent_policy_get_record (policy, FP_PURPOSE_GENAI)));
  g_assert_cmpstr (fp_consent_policy_get_record (policy, FP_PURPOSE_GENAI)->receipt, ==, "rcpt-1");

  g_assert_finalize_object (policy);
}

static void
test_history (void)
{
  static const struct {
    FpPurpose       purpose;
    FpConsentState  state;
    gint64          when;
  } steps[] = {
    { FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, T0 + 10 },
    { FP_PURPOSE_MARKETING, FP_CONSENT_GRANTED, T0 + 20 },
    { FP_PURPOSE_GENAI, FP_CONSENT_REVOKED, T0 + 30 },
    /* The clock went back: the history stays ordered. */
    { FP_PURPOSE_OPEN_BANKING, FP_CONSENT_GRANTED, T0 + 5 },
    { FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, T0 + 40 },
  };
  static const gint64 expected_when[] = { T0 + 10, T0 + 20, T0 + 30, T0 + 30, T0 + 40 };
  static const FpConsentState expected_old[] = {
    FP_CONSENT_REVOKED, FP_CONSENT_REVOKED, FP_CONSENT_GRANTED, FP_CONSENT_REVOKED,
    FP_CONSENT_REVOKED,
  };
  g_autoptr(GPtrArray) snapshot = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_consent_change_free);
  Counts counts;
  FpConsentPolicy *policy = new_policy (&counts);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_assert_true (fp_consent_policy_set (policy, steps[i].purpose, steps[i].state, steps[i].when));
      g_ptr_array_add (snapshot, fp_consent_change_copy (fp_consent_policy_get_change (policy, i)));
    }

  g_assert_cmpuint (fp_consent_policy_get_n_changes (policy), ==, G_N_ELEMENTS (steps));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      const FpConsentChange *change = fp_consent_policy_get_change (policy, i);

      g_assert_cmpuint (change->seq, ==, i + 1);
      g_assert_cmpint (change->when, ==, expected_when[i]);
      g_assert_cmpint (change->purpose, ==, steps[i].purpose);
      g_assert_cmpint (change->old_state, ==, expected_old[i]);
      g_assert_cmpint (change->new_state, ==, steps[i].state);
      g_assert_cmpint (change->origin, ==, FP_CONSENT_ORIGIN_LOCAL);
      g_assert_cmpstr (change->device, ==, "laptop");
      g_assert_null (change->receipt);
      g_assert_cmpstr (change->policy_version, ==, FP_CONSENT_POLICY_VERSION);
    }

  /* Later events append; earlier entries never change. */
  g_assert_true (fp_consent_policy_confirm (policy, FP_PURPOSE_MARKETING, "rcpt-m", T0 + 50));
  {
    g_autoptr(FpConsentRecord) bank = fp_consent_record_new (FP_PURPOSE_GENAI, FP_CONSENT_REVOKED,
                                                             T0 + 55, "2026-01", "phone", "rcpt-g");

    g_assert_cmpint (fp_consent_policy_apply_bank_record (policy, bank, T0 + 60, NULL), ==,
                     FP_CONSENT_RESOLUTION_OVERRIDDEN);
  }

  g_assert_cmpuint (fp_consent_policy_get_n_changes (policy), ==, G_N_ELEMENTS (steps) + 2);
  for (guint i = 0; i < snapshot->len; i++)
    {
      const FpConsentChange *now = fp_consent_policy_get_change (policy, i);
      const FpConsentChange *then = g_ptr_array_index (snapshot, i);

      g_assert_cmpuint (now->seq, ==, then->seq);
      g_assert_cmpint (now->when, ==, then->when);
      g_assert_cmpint (now->new_state, ==, then->new_state);
      g_assert_cmpstr (now->receipt, ==, then->receipt);
    }

  {
    const FpConsentChange *confirm = fp_consent_policy_get_change (policy, 5);
    const FpConsentChange *bank = fp_consent_policy_get_change (policy, 6);

    g_assert_cmpint (confirm->purpose, ==, FP_PURPOSE_MARKETING);
    g_assert_cmpint (confirm->old_state, ==, FP_CONSENT_GRANTED);
    g_assert_cmpint (confirm->new_state, ==, FP_CONSENT_GRANTED);
    g_assert_cmpint (confirm->origin, ==, FP_CONSENT_ORIGIN_BANK);
    g_assert_cmpstr (confirm->receipt, ==, "rcpt-m");
    g_assert_cmpint (confirm->when, ==, T0 + 50);

    g_assert_cmpint (bank->purpose, ==, FP_PURPOSE_GENAI);
    g_assert_cmpint (bank->old_state, ==, FP_CONSENT_GRANTED);
    g_assert_cmpint (bank->new_state, ==, FP_CONSENT_REVOKED);
    g_assert_cmpint (bank->origin, ==, FP_CONSENT_ORIGIN_BANK);
    g_assert_cmpstr (bank->receipt, ==, "rcpt-g");
    g_assert_cmpstr (bank->device, ==, "phone");
    g_assert_cmpstr (bank->policy_version, ==, "2026-01");
  }

  g_assert_cmpuint (counts.conflicts, ==, 1);
  g_free (counts.last_conflict);
  g_assert_finalize_object (policy);
}

static void
test_bank_wins (void)
{
  Counts counts;
  FpConsentPolicy *policy = new_policy (&counts);
  g_autoptr(FpConsentRecord) revoked = NULL;
  g_autoptr(FpConsentRecord) granted = NULL;
  g_autofree char *message = NULL;
  const FpConsentRecord *now;

  /* Offline, the customer allows GenAI: it applies at once, pending. */
  g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, T0));
  g_assert_true (fp_consent_policy_allows (policy, FP_PURPOSE_GENAI));
  g_assert_cmpuint (counts.changed, ==, 1);

  /* The bank's record says revoked: the bank wins and the customer is told. */
  revoked = fp_consent_record_new (FP_PURPOSE_GENAI, FP_CONSENT_REVOKED, T0 - 100,
                                   NULL, "tablet", "rcpt-42");
  g_assert_cmpint (fp_consent_policy_apply_bank_record (policy, revoked, T0 + 1, &message), ==,
                   FP_CONSENT_RESOLUTION_OVERRIDDEN);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, fp_purpose_get_title (FP_PURPOSE_GENAI)));
  g_assert_cmpuint (counts.conflicts, ==, 1);
  g_assert_cmpstr (counts.last_conflict, ==, message);
  g_assert_cmpuint (counts.changed, ==, 2);
  g_assert_cmpuint (counts.changed_genai, ==, 2);
  g_assert_cmpint (counts.last_state, ==, FP_CONSENT_REVOKED);
  g_assert_false (fp_consent_policy_allows (policy, FP_PURPOSE_GENAI));

  now = fp_consent_policy_get_record (policy, FP_PURPOSE_GENAI);
  g_assert_cmpint (now->state, ==, FP_CONSENT_REVOKED);
  g_assert_cmpint (now->since, ==, T0 - 100);
  g_assert_cmpstr (now->receipt, ==, "rcpt-42");
  g_assert_cmpstr (now->device, ==, "tablet");
  g_assert_false (fp_consent_record_is_pending (now));

  /* The same record again: nothing happens. */
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (fp_consent_policy_apply_bank_record (policy, revoked, T0 + 2, &message), ==,
                   FP_CONSENT_RESOLUTION_UNCHANGED);
  g_assert_null (message);
  g_assert_cmpuint (counts.changed, ==, 2);
  g_assert_cmpuint (counts.conflicts, ==, 1);
  g_assert_cmpuint (fp_consent_policy_get_n_changes (policy), ==, 2);

  /* A pending change the bank agrees with is confirmed, no conflict. */
  g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_MARKETING, FP_CONSENT_GRANTED, T0 + 3));
  granted = fp_consent_record_new (FP_PURPOSE_MARKETING, FP_CONSENT_GRANTED, T0 + 3,
                                   NULL, "laptop", "rcpt-43");
  g_assert_cmpint (fp_consent_policy_apply_bank_record (policy, granted, T0 + 4, &message), ==,
                   FP_CONSENT_RESOLUTION_CONFIRMED);
  g_assert_null (message);
  g_assert_cmpuint (counts.conflicts, ==, 1);
  g_assert_cmpuint (counts.changed, ==, 3);
  g_assert_cmpstr (fp_consent_policy_get_record (policy, FP_PURPOSE_MARKETING)->receipt, ==, "rcpt-43");

  /* Nothing pending, changed on another device: adopted quietly. */
  g_clear_pointer (&granted, fp_consent_record_free);
  granted = fp_consent_record_new (FP_PURPOSE_OPEN_BANKING, FP_CONSENT_GRANTED, T0 + 5,
                                   NULL, "phone", "rcpt-44");
  g_assert_cmpint (fp_consent_policy_apply_bank_record (policy, granted, T0 + 6, &message), ==,
                   FP_CONSENT_RESOLUTION_UPDATED);
  g_assert_null (message);
  g_assert_true (fp_consent_policy_allows (policy, FP_PURPOSE_OPEN_BANKING));
  g_assert_cmpuint (counts.conflicts, ==, 1);
  g_assert_cmpuint (counts.changed, ==, 4);

  /* A withdrawal still on its way is not undone by the bank's record of
   * the grant it withdraws: it stays in force, pending, and nobody is
   * told of a conflict. */
  g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_OPEN_BANKING, FP_CONSENT_REVOKED, T0 + 7));
  g_assert_cmpint (fp_consent_policy_apply_bank_record (policy, granted, T0 + 8, &message), ==,
                   FP_CONSENT_RESOLUTION_KEPT);
  g_assert_null (message);
  g_assert_false (fp_consent_policy_allows (policy, FP_PURPOSE_OPEN_BANKING));
  now = fp_consent_policy_get_record (policy, FP_PURPOSE_OPEN_BANKING);
  g_assert_cmpint (now->state, ==, FP_CONSENT_REVOKED);
  g_assert_true (fp_consent_record_is_pending (now));
  g_assert_cmpuint (counts.conflicts, ==, 1);
  g_assert_cmpuint (counts.changed, ==, 5);

  /* Once delivered, the bank's record of the withdrawal confirms it. */
  {
    g_autoptr(FpConsentRecord) withdrawn = fp_consent_record_new (FP_PURPOSE_OPEN_BANKING, FP_CONSENT_REVOKED,
                                                                  T0 + 9, NULL, "laptop", "rcpt-45");

    g_assert_cmpint (fp_consent_policy_apply_bank_record (policy, withdrawn, T0 + 10, &message), ==,
                     FP_CONSENT_RESOLUTION_CONFIRMED);
    g_assert_false (fp_consent_record_is_pending (fp_consent_policy_get_record (policy, FP_PURPOSE_OPEN_BANKING)));
  }

  g_free (counts.last_conflict);
  g_assert_finalize_object (policy);
}

static void
test_restore (void)
{
  Counts counts;
  FpConsentPolicy *policy = new_policy (&counts);
  g_autoptr(FpConsentRecord) record = fp_consent_record_new (FP_PURPOSE_GENAI, FP_CONSENT_GRANTED,
                                                             T0, NULL, "laptop", "rcpt-1");
  FpConsentChange change = {
    .seq = 1, .when = T0, .purpose = FP_PURPOSE_GENAI,
    .old_state = FP_CONSENT_REVOKED, .new_state = FP_CONSENT_GRANTED,
    .policy_version = (char *) FP_CONSENT_POLICY_VERSION, .device = (char *) "laptop",
    .receipt = NULL, .origin = FP_CONSENT_ORIGIN_LOCAL,
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (fp_consent_policy_restore_record (policy, record, &error));
  g_assert_no_error (error);
  g_assert_true (fp_consent_policy_restore_change (policy, &change, &error));
  g_assert_no_error (error);

  /* Out of order: a gap in the numbers, then an earlier time. */
  change.seq = 3;
  change.when = T0 + 1;
  g_assert_false (fp_consent_policy_restore_change (policy, &change, &error));
  g_assert_error (error, FP_CONSENT_ERROR, FP_CONSENT_ERROR_INVALID);
  g_clear_error (&error);
  change.seq = 2;
  change.when = T0 - 1;
  g_assert_false (fp_consent_policy_restore_change (policy, &change, &error));
  g_assert_error (error, FP_CONSENT_ERROR, FP_CONSENT_ERROR_INVALID);
  g_clear_error (&error);

  change.when = T0 + 1;
  change.receipt = (char *) "rcpt-1";
  change.origin = FP_CONSENT_ORIGIN_BANK;
  change.old_state = FP_CONSENT_GRANTED;
  g_assert_true (fp_consent_policy_restore_change (policy, &change, &error));
  g_assert_no_error (error);

  /* Restoring emits nothing; the gate answers from the restored state. */
  g_assert_cmpuint (counts.changed + counts.appended + counts.conflicts, ==, 0);
  g_assert_true (fp_consent_policy_allows (policy, FP_PURPOSE_GENAI));
  g_assert_cmpuint (fp_consent_policy_get_n_changes (policy), ==, 2);

  /* New changes continue the numbering. */
  g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_REVOKED, T0 + 2));
  g_assert_cmpuint (fp_consent_policy_get_change (policy, 2)->seq, ==, 3);

  /* A malformed record is refused. */
  record->purpose = 17;
  g_assert_false (fp_consent_policy_restore_record (policy, record, &error));
  g_assert_error (error, FP_CONSENT_ERROR, FP_CONSENT_ERROR_INVALID);
  record->purpose = FP_PURPOSE_GENAI;

  g_assert_finalize_object (policy);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/consent/purposes", test_purposes);
  g_test_add_func ("/consent/defaults-revoked", test_defaults_revoked);
  g_test_add_func ("/consent/require", test_require);
  g_test_add_func ("/consent/signals-once", test_signals_once);
  g_test_add_func ("/consent/history", test_history);
  g_test_add_func ("/consent/bank-wins", test_bank_wins);
  g_test_add_func ("/consent/restore", test_restore);

  return g_test_run ();
}
