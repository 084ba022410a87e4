/* test-cache-consent.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The consent policy in the cache: a round trip restores every record and
 * history entry; the history is append-only; each local change is queued in
 * the outbox exactly once with its own Idempotency-Key, in order; the
 * history entry and the outbox item are written in one transaction, also
 * under kill -9; revoking personalization drops derived data.
 */

#include "config.h"

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fp-cache-consent.h"
#include "fp-cache-dump.h"
#include "fp-cache-private.h"
#include "fp-store.h"
#include "fp-store-test-util.h"

static const guint8 key_bytes[FP_CACHE_KEY_SIZE] = {
  0x11, 0x52, 0x9c, 0x07, 0xe3, 0x6a, 0xd1, 0x48, 0xbf, 0x20, 0x75, 0x3e, 0xc9, 0x84, 0x1d, 0x66,
  0x0a, 0xf7, 0x33, 0x5b, 0x92, 0xce, 0x41, 0x18, 0x6d, 0xa5, 0x2f, 0xe0, 0x79, 0x04, 0xbb, 0x57,
};

/* 2026-11-01 00:00:00 UTC in µs, and a minute. */
#define T0 (G_GINT64_CONSTANT (1793491200) * G_USEC_PER_SEC)
#define MINUTE (60 * G_USEC_PER_SEC)

static FpCache *
open_cache (const char *dir)
{
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(GError) error = NULL;
  FpCache *cache = fp_cache_open (dir, key, &error);

  g_assert_no_error (error);
  return cache;
}

static gint64
query_int (FpCache    *cache,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_fp_cache_get_db (cache), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Rows of a query as "a|b|c" lines. */
static GPtrArray *
query_rows (FpCache    *cache,
            const char *sql)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_fp_cache_get_db (cache), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GString *line = g_string_new (NULL);

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          if (i > 0)
            g_string_append_c (line, '|');
          g_string_append (line, text != NULL ? text : "NULL");
        }
      g_ptr_array_add (rows, g_string_free (line, FALSE));
    }
  sqlite3_finalize (stmt);
  return rows;
}

static FpConsentRecord *
bank_record (FpPurpose       purpose,
             FpConsentState  state,
             gint64          since,
             const char     *receipt)
{
  return fp_consent_record_new (purpose, state, since, "2026-11", NULL, receipt);
}

/* The same history as the test expects it, written by hand. */
typedef struct {
  FpPurpose purpose;
  FpConsentState old_state, new_state;
  gint64 when;
  const char *device;
  const char *receipt;
  FpConsentOrigin origin;
} Expected;

static void
test_round_trip (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  static const Expected expected[] = {
    { FP_PURPOSE_GENAI, FP_CONSENT_REVOKED, FP_CONSENT_GRANTED, T0, "laptop", NULL, FP_CONSENT_ORIGIN_LOCAL },
    { FP_PURPOSE_MARKETING, FP_CONSENT_REVOKED, FP_CONSENT_GRANTED, T0 + MINUTE, "laptop", NULL, FP_CONSENT_ORIGIN_LOCAL },
    { FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, FP_CONSENT_GRANTED, T0 + 2 * MINUTE, "laptop", "rcp_7", FP_CONSENT_ORIGIN_BANK },
    { FP_PURPOSE_MARKETING, FP_CONSENT_GRANTED, FP_CONSENT_REVOKED, T0 + 3 * MINUTE, NULL, "rcp_9", FP_CONSENT_ORIGIN_BANK },
    { FP_PURPOSE_PERSONALIZATION, FP_CONSENT_REVOKED, FP_CONSENT_GRANTED, T0 + 4 * MINUTE + 17, "laptop", NULL, FP_CONSENT_ORIGIN_LOCAL },
  };

  {
    g_autoptr(FpCache) cache = open_cache (dir);
    g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("laptop");
    g_autoptr(FpConsentStore) store = fp_consent_store_new (cache, policy, &error);
    g_autoptr(FpConsentRecord) overriding = bank_record (FP_PURPOSE_MARKETING, FP_CONSENT_REVOKED,
                                                         T0 + 3 * MINUTE, "rcp_9");
    g_assert_nonnull (store);

    g_assert_no_error (error);
    g_assert_cmpuint (fp_consent_policy_get_n_changes (policy), ==, 0);

    g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, T0));
    g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_MARKETING, FP_CONSENT_GRANTED, T0 + MINUTE));
    g_assert_true (fp_consent_policy_confirm (policy, FP_PURPOSE_GENAI, "rcp_7", T0 + 2 * MINUTE));
    /* The bank wins over the pending marketing change. */
    g_assert_cmpint (fp_consent_policy_apply_bank_record (policy, overriding, T0 + 3 * MINUTE, NULL),
                     ==, FP_CONSENT_RESOLUTION_OVERRIDDEN);
    g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED,
                                          T0 + 4 * MINUTE + 17));
    g_assert_cmpuint (fp_consent_policy_get_n_changes (policy), ==, G_N_ELEMENTS (expected));
  }

  /* A new process: a new policy, restored from the file. */
  {
    g_autoptr(FpCache) cache = open_cache (dir);
    g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("laptop");
    g_autoptr(FpConsentStore) store = fp_consent_store_new (cache, policy, &error);
    const FpConsentRecord *r;
    g_assert_nonnull (store);

    g_assert_no_error (error);
    g_assert_cmpuint (fp_consent_policy_get_n_changes (policy), ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        const FpConsentChange *c = fp_consent_policy_get_change (policy, i);

        g_assert_cmpuint (c->seq, ==, i + 1);
        g_assert_cmpint (c->purpose, ==, expected[i].purpose);
        g_assert_cmpint (c->old_state, ==, expected[i].old_state);
        g_assert_cmpint (c->new_state, ==, expected[i].new_state);
        g_assert_cmpint (c->when, ==, expected[i].when);
        g_assert_cmpstr (c->device, ==, expected[i].device);
        g_assert_cmpstr (c->receipt, ==, expected[i].receipt);
        g_assert_cmpstr (c->policy_version, ==, "2026-11");
        g_assert_cmpint (c->origin, ==, expected[i].origin);
      }

    /* Current records: GenAI granted and confirmed, marketing revoked by
     * the bank, personalization granted and pending, the rest untouched. */
    r = fp_consent_policy_get_record (policy, FP_PURPOSE_GENAI);
    g_assert_cmpint (r->state, ==, FP_CONSENT_GRANTED);
    g_assert_cmpint (r->since, ==, T0);
    g_assert_cmpstr (r->receipt, ==, "rcp_7");
    g_assert_cmpstr (r->device, ==, "laptop");
    r = fp_consent_policy_get_record (policy, FP_PURPOSE_MARKETING);
    g_assert_cmpint (r->state, ==, FP_CONSENT_REVOKED);
    g_assert_cmpint (r->since, ==, T0 + 3 * MINUTE);
    g_assert_cmpstr (r->receipt, ==, "rcp_9");
    r = fp_consent_policy_get_record (policy, FP_PURPOSE_PERSONALIZATION);
    g_assert_cmpint (r->state, ==, FP_CONSENT_GRANTED);
    g_assert_true (fp_consent_record_is_pending (r));
    r = fp_consent_policy_get_record (policy, FP_PURPOSE_OPEN_BANKING);
    g_assert_cmpint (r->state, ==, FP_CONSENT_REVOKED);
    g_assert_cmpint (r->since, ==, 0);
    g_assert_false (fp_consent_policy_allows (policy, FP_PURPOSE_OPEN_BANKING));
    g_assert_true (fp_consent_policy_allows (policy, FP_PURPOSE_GENAI));

    /* The restored history goes on without a gap. */
    g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_REVOKED, T0 + 5 * MINUTE));
    g_assert_cmpuint (fp_consent_policy_get_change (policy, 5)->seq, ==, 6);
  }

  /* Restoring into a policy that already has history is refused. */
  {
    g_autoptr(FpCache) cache = open_cache (dir);
    g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("laptop");

    fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, T0);
    g_assert_false (fp_cache_consent_load (cache, policy, &error));
    g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  }

  fp_test_rm_rf (dir);
}

static void
test_append_only (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("laptop");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpConsentStore) store = fp_consent_store_new (cache, policy, &error);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  static const char * const refused[] = {
    "UPDATE consent_history SET action = 'granted'",
    "DELETE FROM consent_history",
    "UPDATE consent_history_details SET new_state = 'granted'",
    "DELETE FROM consent_history_details",
  };
  g_assert_nonnull (store);

  g_assert_no_error (error);
  fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, T0);
  fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_REVOKED, T0 + MINUTE);
  before = query_rows (cache, "SELECT * FROM consent_history h JOIN consent_history_details d"
                              " ON d.seq = h.seq ORDER BY h.seq");
  g_assert_cmpuint (before->len, ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      char *message = NULL;

      g_assert_cmpint (sqlite3_exec (_fp_cache_get_db (cache), refused[i], NULL, NULL, &message),
                       !=, SQLITE_OK);
      g_assert_nonnull (strstr (message, "append-only"));
      sqlite3_free (message);
    }

  /* More changes only add rows; the old ones stay byte for byte. */
  fp_consent_policy_set (policy, FP_PURPOSE_MARKETING, FP_CONSENT_GRANTED, T0 + 2 * MINUTE);
  after = query_rows (cache, "SELECT * FROM consent_history h JOIN consent_history_details d"
                             " ON d.seq = h.seq ORDER BY h.seq");
  g_assert_cmpuint (after->len, ==, 3);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpstr (g_ptr_array_index (after, i), ==, g_ptr_array_index (before, i));

  g_clear_object (&store);
  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

static void
test_outbox (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("laptop");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpConsentStore) store = fp_consent_store_new (cache, policy, &error);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_assert_nonnull (store);

  g_assert_no_error (error);
  fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, T0);
  fp_consent_policy_set (policy, FP_PURPOSE_MARKETING, FP_CONSENT_GRANTED, T0 + 1);
  /* A receipt is not a change of the customer's: nothing to send. */
  fp_consent_policy_confirm (policy, FP_PURPOSE_GENAI, "rcp_1", T0 + 2);
  fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_REVOKED, T0 + 3);
  /* Setting the same state again is no change either. */
  g_assert_false (fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_REVOKED, T0 + 4));

  items = fp_cache_outbox_list_pending (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 3);

  {
    const FpOutboxItem *a = g_ptr_array_index (items, 0);
    const FpOutboxItem *b = g_ptr_array_index (items, 1);
    const FpOutboxItem *c = g_ptr_array_index (items, 2);
    FpPurpose purpose;

    g_assert_cmpstr (a->method, ==, "POST");
    g_assert_cmpstr (a->path, ==, "v1/consents");
    g_assert_cmpstr (a->body, ==, "{\"purpose\":\"genai\",\"policyVersion\":\"2026-11\"}");
    g_assert_cmpstr (b->path, ==, "v1/consents");
    g_assert_cmpstr (b->body, ==, "{\"purpose\":\"marketing\",\"policyVersion\":\"2026-11\"}");
    g_assert_cmpstr (c->path, ==, "v1/consents/{consentId:genai}/revoke");
    g_assert_cmpstr (c->body, ==, "{}");
    g_assert_true (fp_cache_consent_path_get_purpose (c->path, &purpose));
    g_assert_cmpint (purpose, ==, FP_PURPOSE_GENAI);
    g_assert_false (fp_cache_consent_path_get_purpose (a->path, &purpose));
    {
      g_autofree char *resolved = fp_cache_consent_resolve_path (c->path, "cns_42");

      g_assert_cmpstr (resolved, ==, "v1/consents/cns_42/revoke");
    }
    g_assert_true (a->id < b->id && b->id < c->id);
  }

  /* Each key once, and it is the consent_id of its history entry, in the
   * same order. */
  for (guint i = 0; i < items->len; i++)
    {
      const FpOutboxItem *item = g_ptr_array_index (items, i);

      g_assert_cmpuint (strlen (item->idempotency_key), ==, 36);
      g_assert_true (g_uuid_string_is_valid (item->idempotency_key));
      g_assert_false (g_hash_table_contains (keys, item->idempotency_key));
      g_hash_table_add (keys, item->idempotency_key);
    }
  links = query_rows (cache, "SELECT h.purpose, h.action FROM consent_history h"
                             " JOIN outbox o ON o.idempotency_key = h.consent_id ORDER BY o.id");
  g_assert_cmpuint (links->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (links, 0), ==, "genai|granted");
  g_assert_cmpstr (g_ptr_array_index (links, 1), ==, "marketing|granted");
  g_assert_cmpstr (g_ptr_array_index (links, 2), ==, "genai|revoked");
  g_assert_cmpint (query_int (cache, "SELECT COUNT(*) FROM consent_history"), ==, 4);

  /* The erasure request goes the same way. */
  {
    gint64 id = fp_cache_consent_request_erasure (cache, &error);
    g_autoptr(GPtrArray) again = NULL;
    const FpOutboxItem *last;

    g_assert_no_error (error);
    g_assert_cmpint (id, >, 0);
    again = fp_cache_outbox_list_pending (cache, &error);
    g_assert_cmpuint (again->len, ==, 4);
    last = g_ptr_array_index (again, 3);
    g_assert_cmpint (last->id, ==, id);
    g_assert_cmpstr (last->path, ==, "v1/privacy/erasure-requests");
    g_assert_cmpstr (last->body, ==, "{\"scope\":\"all\"}");
    g_assert_false (g_hash_table_contains (keys, last->idempotency_key));
  }

  g_clear_object (&store);
  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

/* A failure between the history append and the outbox insert rolls back
 * both; the store says so. */
static void
failed_cb (FpConsentStore *store,
           const GError   *error,
           gpointer        user_data)
{
  guint *n_failed = user_data;

  g_assert_nonnull (error);
  (*n_failed)++;
}

static void
test_atomic_failure (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("laptop");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpConsentStore) store = fp_consent_store_new (cache, policy, &error);
  guint n_failed = 0;
  g_assert_nonnull (store);

  g_assert_no_error (error);
  g_signal_connect (store, "failed", G_CALLBACK (failed_cb), &n_failed);

  fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, T0);
  g_assert_cmpint (sqlite3_exec (_fp_cache_get_db (cache),
                                 "CREATE TEMP TRIGGER boom BEFORE INSERT ON main.outbox"
                                 " BEGIN SELECT RAISE (ABORT, 'boom'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  fp_consent_policy_set (policy, FP_PURPOSE_MARKETING, FP_CONSENT_GRANTED, T0 + 1);
  g_assert_cmpuint (n_failed, ==, 1);

  /* Neither the history entry nor the record of the failed change. */
  g_assert_cmpint (query_int (cache, "SELECT COUNT(*) FROM consent_history"), ==, 1);
  g_assert_cmpint (query_int (cache, "SELECT COUNT(*) FROM consent_history_details"), ==, 1);
  g_assert_cmpint (query_int (cache, "SELECT COUNT(*) FROM consent_records WHERE purpose = 'marketing'"), ==, 0);
  g_assert_cmpint (query_int (cache, "SELECT COUNT(*) FROM outbox"), ==, 1);

  g_clear_object (&store);
  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

/* A crash exactly between the history insert and the outbox insert. */
static void
crash_hook (const char *point)
{
  if (g_strcmp0 (point, "before-outbox") == 0)
    _exit (3);
}

static void
test_crash_between (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  pid_t pid;
  int status = 0;

  /* One change that lands, then the crash. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      FpCache *cache = open_cache (dir);
      FpConsentPolicy *policy = fp_consent_policy_new ("laptop");
      FpConsentStore *store = fp_consent_store_new (cache, policy, NULL);

      g_assert_nonnull (store);
      fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, T0);
      _fp_cache_consent_set_test_hook (crash_hook);
      fp_consent_policy_set (policy, FP_PURPOSE_MARKETING, FP_CONSENT_GRANTED, T0 + 1);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 3);

  {
    g_autoptr(FpCache) cache = open_cache (dir);
    g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("laptop");
    g_autoptr(GError) error = NULL;
    g_autoptr(FpConsentStore) store = fp_consent_store_new (cache, policy, &error);
    g_assert_nonnull (store);

    g_assert_no_error (error);
    g_assert_cmpint (query_int (cache, "SELECT COUNT(*) FROM consent_history"), ==, 1);
    g_assert_cmpint (query_int (cache, "SELECT COUNT(*) FROM outbox"), ==, 1);
    g_assert_cmpuint (fp_consent_policy_get_n_changes (policy), ==, 1);
    g_assert_false (fp_consent_policy_allows (policy, FP_PURPOSE_MARKETING));
    g_assert_true (fp_consent_policy_allows (policy, FP_PURPOSE_GENAI));
  }

  fp_test_rm_rf (dir);
}

#define KILL_ROUNDS 20
#define CHILD_CHANGES 100000

/* The child: restore, then flip consents as fast as it can. */
static G_NORETURN void
toggle_child (const char *dir)
{
  FpCache *cache = open_cache (dir);
  FpConsentPolicy *policy = fp_consent_policy_new ("laptop");
  FpConsentStore *store = fp_consent_store_new (cache, policy, NULL);
  gint64 when = T0;

  if (store == NULL)
    _exit (2);
  if (fp_consent_policy_get_n_changes (policy) > 0)
    when = fp_consent_policy_get_change (policy, fp_consent_policy_get_n_changes (policy) - 1)->when;

  for (guint i = 0; i < CHILD_CHANGES; i++)
    {
      FpPurpose purpose = (FpPurpose) (i % FP_N_PURPOSES);
      FpConsentState next = fp_consent_policy_allows (policy, purpose) ? FP_CONSENT_REVOKED
                                                                       : FP_CONSENT_GRANTED;

      fp_consent_policy_set (policy, purpose, next, ++when);
    }
  _exit (0);
}

/* After any crash: every local history entry has exactly one outbox item
 * with its key and vice versa, in the same order; the records agree with
 * the history; the policy restores. */
static guint
check_consistent (const char *dir)
{
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("laptop");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpConsentStore) store = fp_consent_store_new (cache, policy, &error);
  gint64 n_history, n_outbox, n_linked, n_details;
  guint n;
  g_assert_nonnull (store);

  g_assert_no_error (error);
  n_history = query_int (cache, "SELECT COUNT(*) FROM consent_history");
  n_details = query_int (cache, "SELECT COUNT(*) FROM consent_history_details");
  n_outbox = query_int (cache, "SELECT COUNT(*) FROM outbox");
  n_linked = query_int (cache, "SELECT COUNT(*) FROM consent_history h"
                               " JOIN outbox o ON o.idempotency_key = h.consent_id");
  g_assert_cmpint (n_history, ==, n_details);
  g_assert_cmpint (n_outbox, ==, n_history);
  g_assert_cmpint (n_linked, ==, n_history);
  g_assert_cmpint (query_int (cache, "SELECT COUNT(DISTINCT idempotency_key) FROM outbox"), ==, n_outbox);
  /* Same order: walking the history by seq, the outbox ids only grow. */
  {
    g_autoptr(GPtrArray) ids = query_rows (cache, "SELECT o.id FROM consent_history h"
                                                  " JOIN outbox o ON o.idempotency_key = h.consent_id"
                                                  " ORDER BY h.seq");
    gint64 prev = 0;

    for (guint i = 0; i < ids->len; i++)
      {
        gint64 id = g_ascii_strtoll (g_ptr_array_index (ids, i), NULL, 10);

        g_assert_cmpint (id, >, prev);
        prev = id;
      }
  }

  n = fp_consent_policy_get_n_changes (policy);
  g_assert_cmpint (n, ==, n_history);
  for (guint p = 0; p < FP_N_PURPOSES; p++)
    {
      const FpConsentRecord *r = fp_consent_policy_get_record (policy, (FpPurpose) p);
      const FpConsentChange *last = NULL;

      for (guint i = 0; i < n; i++)
        if (fp_consent_policy_get_change (policy, i)->purpose == (FpPurpose) p)
          last = fp_consent_policy_get_change (policy, i);
      if (last == NULL)
        g_assert_cmpint (r->since, ==, 0);
      else
        {
          g_assert_cmpint (r->state, ==, last->new_state);
          g_assert_cmpint (r->since, ==, last->when);
        }
    }
  return n;
}

static void
test_kill9 (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  guint kills = 0, changes = 0;

  for (guint round = 0; round < KILL_ROUNDS; round++)
    {
      pid_t pid = fork ();
      int status = 0;

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        toggle_child (dir);

      g_usleep (g_rand_int_range (rand, 10000, 150000));
      if (kill (pid, SIGKILL) == 0)
        kills++;
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_false (WIFEXITED (status) && WEXITSTATUS (status) == 2);

      changes = check_consistent (dir);
      g_test_message ("round %u: %u changes kept", round, changes);
    }

  g_test_message ("%u kills, %u changes", kills, changes);
  g_assert_cmpuint (kills, >, 0);
  g_assert_cmpuint (changes, >, 0);
  fp_test_rm_rf (dir);
}

static void
test_personalization_clears_derived (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("laptop");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpConsentStore) store = fp_consent_store_new (cache, policy, &error);
  g_autofree char *insight = NULL;
  g_autofree char *ranking = NULL;
  g_assert_nonnull (store);

  g_assert_no_error (error);
  fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED, T0);
  g_assert_true (fp_cache_put_derived (cache, FP_CACHE_INSIGHTS, "spending", "{\"a\":1}", &error));
  g_assert_true (fp_cache_put_derived (cache, FP_CACHE_RANKINGS, "offers", "[\"o1\"]", &error));

  /* Revoking another purpose keeps them. */
  fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, T0 + 1);
  fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_REVOKED, T0 + 2);
  insight = fp_cache_get_derived (cache, FP_CACHE_INSIGHTS, "spending", &error);
  g_assert_cmpstr (insight, ==, "{\"a\":1}");
  g_clear_pointer (&insight, g_free);

  /* Revoking personalization drops them at once, before set() returns. */
  fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_REVOKED, T0 + 3);
  insight = fp_cache_get_derived (cache, FP_CACHE_INSIGHTS, "spending", &error);
  ranking = fp_cache_get_derived (cache, FP_CACHE_RANKINGS, "offers", &error);
  g_assert_no_error (error);
  g_assert_null (insight);
  g_assert_null (ranking);
  g_assert_cmpint (query_int (cache, "SELECT COUNT(*) FROM insights_cache"), ==, 0);
  g_assert_cmpint (query_int (cache, "SELECT COUNT(*) FROM derived_rankings"), ==, 0);

  /* Also when the bank's record revokes it. */
  {
    g_autoptr(FpConsentRecord) granted = bank_record (FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED, T0 + 4, "rcp_2");
    g_autoptr(FpConsentRecord) revoked = bank_record (FP_PURPOSE_PERSONALIZATION, FP_CONSENT_REVOKED, T0 + 5, "rcp_3");

    fp_consent_policy_confirm (policy, FP_PURPOSE_PERSONALIZATION, "rcp_1", T0 + 4);
    fp_consent_policy_apply_bank_record (policy, granted, T0 + 4, NULL);
    g_assert_true (fp_cache_put_derived (cache, FP_CACHE_INSIGHTS, "spending", "{}", &error));
    fp_consent_policy_apply_bank_record (policy, revoked, T0 + 5, NULL);
    g_assert_cmpint (query_int (cache, "SELECT COUNT(*) FROM insights_cache"), ==, 0);
  }

  g_clear_object (&store);
  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

/* The export writes every table, also empty ones, as JSON and CSV; text
 * with quotes, commas and newlines survives. */
static void
test_dump (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autofree char *out_dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("laptop");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpConsentStore) store = fp_consent_store_new (cache, policy, &error);
  g_autoptr(GFile) folder = g_file_new_for_path (out_dir);
  g_autoptr(GPtrArray) tables = NULL;
  g_autofree char *json_path = g_build_filename (out_dir, FP_CACHE_DUMP_JSON_NAME, NULL);
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *csv_path = g_build_filename (out_dir, "accounts.csv", NULL);
  const char *ids[] = { "a1" };
  const char *jsons[] = { "{\"n\":\"x, \\\"y\\\"\nz\"}" };
  guint64 rows = 0;
  g_assert_nonnull (store);

  g_assert_no_error (error);
  fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, T0);
  g_assert_true (fp_cache_replace_catalogue (cache, FP_CACHE_ACCOUNTS, ids, jsons, 1, NULL, &error));
  g_assert_true (fp_cache_dump_to_folder (cache, folder, NULL, NULL, &rows, NULL, &error));
  g_assert_no_error (error);
  /* account, sync_state etag, history, details, record, outbox item */
  g_assert_cmpuint (rows, ==, 6);

  g_assert_true (g_file_get_contents (json_path, &json, NULL, NULL));
  g_assert_true (g_str_has_prefix (json, "{\"format\":\"finpersona-export-1\""));
  tables = query_rows (cache, "SELECT name FROM sqlite_master WHERE type = 'table'"
                              " AND name NOT LIKE 'sqlite%'");
  g_assert_cmpuint (tables->len, >=, 19);
  for (guint i = 0; i < tables->len; i++)
    {
      const char *name = g_ptr_array_index (tables, i);
      g_autofree char *member = g_strdup_printf ("\n\"%s\":[", name);
      g_autofree char *file = g_strdup_printf ("%s/%s.csv", out_dir, name);

      g_assert_nonnull (strstr (json, member));
      g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
    }
  /* The tricky JSON text, escaped once more inside the export. */
  g_assert_nonnull (strstr (json, "\"json\":\"{\\\"n\\\":\\\"x, \\\\\\\"y\\\\\\\"\\nz\\\"}\""));
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "id,json,updated\r\na1,\"{\"\"n\"\":\"\"x, \\\"\"y\\\"\"\nz\"\"}\","));

  g_clear_object (&store);
  g_clear_object (&cache);
  fp_test_rm_rf (dir);
  fp_test_rm_rf (out_dir);
}

/* A purpose left off is recorded as chosen, survives a restart as such,
 * and each purpose says whether the bank has it and why not. */
static void
test_status (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(FpCache) cache = open_cache (dir);
    g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("Anna's laptop");
    g_autoptr(FpConsentStore) store = fp_consent_store_new (cache, policy, &error);
    g_autoptr(GPtrArray) list = NULL;
    g_autoptr(GPtrArray) pending = NULL;
    const FpConsentStatus *status;

    g_assert_no_error (error);
    g_assert_true (fp_consent_policy_choose (policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, T0));
    g_assert_true (fp_consent_policy_choose (policy, FP_PURPOSE_MARKETING, FP_CONSENT_REVOKED, T0 + MINUTE));
    /* Chosen once already: nothing more. */
    g_assert_false (fp_consent_policy_choose (policy, FP_PURPOSE_MARKETING, FP_CONSENT_REVOKED, T0 + 2 * MINUTE));
    g_assert_false (fp_consent_policy_allows (policy, FP_PURPOSE_MARKETING));

    list = fp_cache_consent_list_status (cache, policy, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, FP_N_PURPOSES);
    status = g_ptr_array_index (list, FP_PURPOSE_MARKETING);
    g_assert_cmpint (status->state, ==, FP_CONSENT_REVOKED);
    g_assert_cmpint (status->chosen_at, ==, T0 + MINUTE);
    g_assert_cmpint (status->delivery, ==, FP_DELIVERY_WAITING);
    g_assert_cmpstr (status->device, ==, "Anna's laptop");
    status = g_ptr_array_index (list, FP_PURPOSE_PERSONALIZATION);
    g_assert_cmpint (status->chosen_at, ==, 0);
    g_assert_cmpint (status->delivery, ==, FP_DELIVERY_NONE);

    /* The grant goes out; the revocation is refused by the bank; why is kept. */
    pending = fp_cache_outbox_list_pending (cache, &error);
    g_assert_cmpuint (pending->len, ==, 2);
    g_assert_cmpstr (((FpOutboxItem *) g_ptr_array_index (pending, 1))->path, ==,
                     "v1/consents/{consentId:marketing}/revoke");
    g_assert_true (fp_cache_outbox_note_waiting (cache, "offline", &error));
    g_clear_pointer (&list, g_ptr_array_unref);
    list = fp_cache_consent_list_status (cache, policy, &error);
    g_assert_cmpstr (((FpConsentStatus *) g_ptr_array_index (list, FP_PURPOSE_GENAI))->reason, ==,
                     "This computer is offline.");
    g_assert_true (fp_cache_outbox_mark (cache, ((FpOutboxItem *) g_ptr_array_index (pending, 0))->id,
                                         FP_OUTBOX_DELIVERED, NULL, &error));
    g_assert_true (fp_cache_outbox_mark (cache, ((FpOutboxItem *) g_ptr_array_index (pending, 1))->id,
                                         FP_OUTBOX_FAILED, "refused:403", &error));
    g_clear_pointer (&list, g_ptr_array_unref);
    list = fp_cache_consent_list_status (cache, policy, &error);
    g_assert_cmpint (((FpConsentStatus *) g_ptr_array_index (list, FP_PURPOSE_GENAI))->delivery, ==, FP_DELIVERY_DELIVERED);
    status = g_ptr_array_index (list, FP_PURPOSE_MARKETING);
    g_assert_cmpint (status->delivery, ==, FP_DELIVERY_FAILED);
    g_assert_cmpstr (status->reason, ==, "Your bank refused it: the app may not do this.");

    fp_consent_store_disconnect (store);
    fp_cache_close (cache);
  }

  /* After a restart: still chosen, not "never asked". */
  {
    g_autoptr(FpCache) cache = open_cache (dir);
    g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("Anna's laptop");
    g_autoptr(FpConsentStore) store = fp_consent_store_new (cache, policy, &error);
    g_autoptr(GPtrArray) list = fp_cache_consent_list_status (cache, policy, &error);

    g_assert_no_error (error);
    g_assert_cmpint (((FpConsentStatus *) g_ptr_array_index (list, FP_PURPOSE_MARKETING))->chosen_at, ==, T0 + MINUTE);
    g_assert_false (fp_consent_policy_choose (policy, FP_PURPOSE_MARKETING, FP_CONSENT_REVOKED, T0 + 3 * MINUTE));
    fp_consent_store_disconnect (store);
    fp_cache_close (cache);
  }

  fp_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cache/consent/round-trip", test_round_trip);
  g_test_add_func ("/cache/consent/append-only", test_append_only);
  g_test_add_func ("/cache/consent/outbox", test_outbox);
  g_test_add_func ("/cache/consent/atomic-failure", test_atomic_failure);
  g_test_add_func ("/cache/consent/crash-between", test_crash_between);
  g_test_add_func ("/cache/consent/kill9", test_kill9);
  g_test_add_func ("/cache/consent/personalization-clears-derived", test_personalization_clears_derived);
  g_test_add_func ("/cache/consent/dump", test_dump);
  g_test_add_func ("/cache/consent/status", test_status);

  return g_test_run ();
}
