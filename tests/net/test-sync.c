/* test-sync.c: the sync engine against the sandbox bank on loopback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "fp-net-error.h"
#include "fp-oauth-client.h"
#include "fp-outbox.h"
#include "fp-sync-engine.h"
#include "net-test-sandbox.h"

#define YEARS 1

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("fp-net-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        rm_rf (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static guint64
count_catalogue (FpCache          *cache,
                 FpCacheCatalogue  catalogue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = fp_cache_list_catalogue (cache, catalogue, &error);

  g_assert_no_error (error);
  return items->len;
}

static gboolean
sync_until_done (FpSyncEngine *engine,
                 guint         max_runs,
                 guint        *out_failed_runs)
{
  *out_failed_runs = 0;
  for (guint i = 0; i < max_runs; i++)
    {
      g_autoptr(GError) error = NULL;

      if (fp_sync_engine_run (engine, NULL, &error))
        return TRUE;
      g_test_message ("run %u failed: %s", i, error->message);
      (*out_failed_runs)++;
      /* A damaged or refused page must never be half-applied; the next
       * run resumes from the cache's cursor. */
      g_assert_true (error->domain == FP_NET_ERROR);
      if (g_error_matches (error, FP_NET_ERROR, FP_NET_ERROR_CIRCUIT_OPEN))
        g_usleep (G_USEC_PER_SEC * (gulong) MAX (1, fp_sync_engine_get_retry_in (engine)));
    }
  return FALSE;
}

static void
test_clean (void)
{
  TestSandbox *s = test_sandbox_start (YEARS, NULL);
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(FpCacheKey) key = NULL;
  g_autoptr(FpCache) cache = test_open_cache (dir, &key);
  g_autoptr(FpSyncEngine) engine = fp_sync_engine_new (cache, s->url);
  g_autoptr(GError) error = NULL;
  guint n_accounts = 0, n_cards = 0;
  guint64 latest;

  fp_bank_data_get_customer_accounts (s->data, 0, &n_accounts);
  fp_bank_data_get_customer_cards (s->data, 0, &n_cards);
  latest = fp_bank_data_get_latest_seq (s->data, 0);

  fp_sync_engine_set_demo (engine, TRUE);
  fp_sync_engine_set_page_size (engine, 500);
  g_assert_cmpint (fp_sync_engine_get_last_synced (engine), ==, 0);
  g_assert_true (fp_sync_engine_run (engine, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fp_sync_engine_get_state (engine), ==, FP_SYNC_STATE_IDLE);
  g_assert_cmpint (fp_sync_engine_get_last_synced (engine), >, 0);
  g_assert_cmpuint (fp_sync_engine_get_received (engine), ==, latest);
  g_assert_cmpuint (fp_sync_engine_get_estimated (engine), ==, latest);

  test_assert_cache_equals_bank (cache, s->data);
  g_assert_cmpuint (count_catalogue (cache, FP_CACHE_ACCOUNTS), ==, n_accounts);
  g_assert_cmpuint (count_catalogue (cache, FP_CACHE_BALANCES), ==, n_accounts);
  g_assert_cmpuint (count_catalogue (cache, FP_CACHE_CARDS), ==, n_cards);
  g_assert_cmpuint (count_catalogue (cache, FP_CACHE_OFFERS), >, 0);
  g_assert_cmpuint (count_catalogue (cache, FP_CACHE_MARKET_DATA), ==, 4);
  g_assert_cmpuint (count_catalogue (cache, FP_CACHE_MODELS), ==, 4);
  /* The demo customer's investment account holds three funds. */
  g_assert_cmpuint (count_catalogue (cache, FP_CACHE_HOLDINGS), ==, 3);

  /* A second sync: no new changes; ETags make the catalogues 304. */
  g_assert_true (fp_sync_engine_run (engine, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fp_sync_engine_get_received (engine), ==, 0);
  test_assert_cache_equals_bank (cache, s->data);
  {
    g_autofree char *stats = test_sandbox_get (s, "_sandbox/stats", NULL);

    g_test_message ("%s", stats);
  }

  fp_cache_close (cache);
  test_sandbox_stop (s);
  rm_rf (dir);
}

typedef struct {
  const char *name;
  FpSandboxFaults faults;
} FaultCase;

static void
test_faults (gconstpointer data)
{
  const FaultCase *fc = data;
  TestSandbox *s = test_sandbox_start (YEARS, &fc->faults);
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(FpCacheKey) key = NULL;
  g_autoptr(FpCache) cache = test_open_cache (dir, &key);
  g_autoptr(FpSyncEngine) engine = fp_sync_engine_new (cache, s->url);
  guint failed = 0;

  fp_sync_engine_set_demo (engine, TRUE);
  fp_sync_engine_set_page_size (engine, 50);
  fp_sync_engine_set_retry (engine, 6, 2, 50);
  g_assert_true (sync_until_done (engine, 30, &failed));
  g_test_message ("%s: %u failed runs before success", fc->name, failed);
  test_assert_cache_equals_bank (cache, s->data);
  {
    g_autofree char *stats = test_sandbox_get (s, "_sandbox/stats", NULL);
    g_autoptr(JsonNode) root = json_from_string (stats, NULL);
    JsonObject *f = json_object_get_object_member (json_node_get_object (root), "faults");
    gint64 injected = json_object_get_int_member (f, "error") + json_object_get_int_member (f, "cut")
                      + json_object_get_int_member (f, "malformed")
                      + json_object_get_int_member (f, "truncated")
                      + json_object_get_int_member (f, "storm");

    g_test_message ("%s", stats);
    /* The faults really happened (latency is not counted). */
    if (fc->faults.latency_ms == 0 || fc->faults.error_rate > 0)
      g_assert_cmpint (injected, >, 0);
  }
  fp_cache_close (cache);
  test_sandbox_stop (s);
  rm_rf (dir);
}

static const FaultCase fault_cases[] = {
  { "error",     { .seed = 11, .error_rate = 0.25 } },
  { "cut",       { .seed = 12, .cut_rate = 0.25 } },
  { "malformed", { .seed = 13, .malformed_rate = 0.25 } },
  { "truncate",  { .seed = 14, .truncate_rate = 0.25 } },
  { "storm",     { .seed = 15, .storm_rate = 0.05, .storm_length = 2 } },
  { "latency",   { .seed = 16, .latency_ms = 20 } },
  { "all",       { .seed = 17, .error_rate = 0.1, .cut_rate = 0.1, .malformed_rate = 0.1,
                   .truncate_rate = 0.1, .storm_rate = 0.02, .storm_length = 2, .latency_ms = 2 } },
};

/* Every request the sandbox saw, this one included. */
static gint64
request_count (TestSandbox *s)
{
  g_autofree char *stats = test_sandbox_get (s, "_sandbox/stats", NULL);
  g_autoptr(JsonNode) root = json_from_string (stats, NULL);

  return json_object_get_int_member (json_node_get_object (root), "requests");
}

/* A bank that always fails: after the threshold the breaker opens, the
 * engine says so with the delay, and stops sending requests. */
static void
test_circuit_open (void)
{
  FpSandboxFaults faults = { .seed = 1, .error_rate = 1.0 };
  TestSandbox *s = test_sandbox_start (YEARS, &faults);
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(FpCacheKey) key = NULL;
  g_autoptr(FpCache) cache = test_open_cache (dir, &key);
  g_autoptr(FpSyncEngine) engine = fp_sync_engine_new (cache, s->url);
  g_autoptr(GError) error = NULL;
  gint64 before;

  fp_sync_engine_set_demo (engine, TRUE);
  fp_sync_engine_set_retry (engine, 2, 1, 2);
  fp_sync_engine_set_breaker (engine, 3, 30);

  g_assert_false (fp_sync_engine_run (engine, NULL, &error));
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_SERVER);
  g_assert_cmpint (fp_sync_engine_get_state (engine), ==, FP_SYNC_STATE_ERROR);
  g_clear_error (&error);

  g_assert_false (fp_sync_engine_run (engine, NULL, &error));
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_CIRCUIT_OPEN);
  g_assert_cmpint (fp_sync_engine_get_state (engine), ==, FP_SYNC_STATE_CIRCUIT_OPEN);
  g_assert_cmpint (fp_sync_engine_get_retry_in (engine), >, 0);
  g_assert_cmpint (fp_sync_engine_get_retry_in (engine), <=, 30);
  g_assert_nonnull (strstr (fp_sync_engine_get_error_message (engine), "not answering"));
  g_clear_error (&error);

  /* While open, the bank gets nothing (the only request between the two
   * counts is the second count itself). */
  before = request_count (s);
  g_assert_false (fp_sync_engine_run (engine, NULL, &error));
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_CIRCUIT_OPEN);
  g_assert_cmpint (request_count (s), ==, before + 1);

  fp_cache_close (cache);
  test_sandbox_stop (s);
  rm_rf (dir);
}

static void
count_synced_cb (FpSyncEngine *engine,
                 GParamSpec   *pspec,
                 guint        *n)
{
  /* Property changes arrive on the thread that made the engine. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  (*n)++;
}

static gboolean
timeout_cb (gpointer data)
{
  g_error ("the background sync did not finish in time");
  return G_SOURCE_REMOVE;
}

/* In the background: a sync at start, then periodic ones, on a worker
 * thread, with the properties updated on this thread. */
static void
test_background (void)
{
  TestSandbox *s = test_sandbox_start (YEARS, NULL);
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(FpCacheKey) key = NULL;
  g_autoptr(FpCache) cache = test_open_cache (dir, &key);
  g_autoptr(FpSyncEngine) engine = fp_sync_engine_new (cache, s->url);
  guint n_synced = 0, n_state = 0;
  guint timeout_id;

  fp_sync_engine_set_demo (engine, TRUE);
  g_signal_connect (engine, "notify::last-synced", G_CALLBACK (count_synced_cb), &n_synced);
  g_signal_connect (engine, "notify::state", G_CALLBACK (count_synced_cb), &n_state);
  timeout_id = g_timeout_add_seconds (60, timeout_cb, NULL);
  fp_sync_engine_start (engine, 1);
  /* last-synced has one-second resolution: two changes need two periods. */
  while (n_synced < 2)
    g_main_context_iteration (NULL, TRUE);
  fp_sync_engine_stop (engine);
  g_source_remove (timeout_id);
  g_assert_cmpuint (n_state, >=, 2);
  test_assert_cache_equals_bank (cache, s->data);
  /* Let the last worker finish before the cache goes. */
  while (fp_sync_engine_get_state (engine) == FP_SYNC_STATE_SYNCING)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  fp_cache_close (cache);
  test_sandbox_stop (s);
  rm_rf (dir);
}

/* The child process */

static char *
child_path (void)
{
  /* Built next to this test. */
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = g_path_get_dirname (self);

  return g_build_filename (dir, "sync-child", NULL);
}

static GSubprocess *
spawn_child (TestSandbox   *s,
             const char    *dir,
             const char    *key_hex,
             const char    *parts,
             const char    *page_size,
             gboolean       debug_log)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *exe = child_path ();
  g_autoptr(GError) error = NULL;
  GSubprocess *child;

  launcher = g_subprocess_launcher_new (debug_log
                                        ? G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE
                                        : G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  if (debug_log)
    g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  child = g_subprocess_launcher_spawn (launcher, &error, exe, s->url, dir, key_hex, parts,
                                       page_size, NULL);
  g_assert_no_error (error);
  return child;
}

static void
run_child_to_completion (TestSandbox *s,
                         const char  *dir,
                         const char  *key_hex,
                         const char  *parts,
                         const char  *page_size)
{
  g_autoptr(GSubprocess) child = spawn_child (s, dir, key_hex, parts, page_size, FALSE);
  g_autoptr(GError) error = NULL;

  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
}

/* kill -9 at random instants, many times; then one run to the end. */
static void
test_kill9 (void)
{
  /* Small pages and a little latency so that a sync takes a few seconds
   * and the kills land in the middle of it. */
  FpSandboxFaults faults = { .seed = 3, .latency_ms = 8 };
  TestSandbox *s = test_sandbox_start (2, &faults);
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(FpCacheKey) key = fp_cache_key_new_random (NULL);
  g_autofree char *key_hex = test_key_to_hex (key);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  guint killed_running = 0;

  /* The accounts first: the feed books only onto accounts the bank listed. */
  run_child_to_completion (s, dir, key_hex, "catalogues", "5");
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GSubprocess) child = spawn_child (s, dir, key_hex, "transactions", "5", FALSE);
      gulong delay_us = (gulong) g_rand_int_range (rand, 20000, 200000);

      g_usleep (delay_us);
      if (g_subprocess_get_identifier (child) != NULL)
        {
          g_subprocess_send_signal (child, SIGKILL);
          killed_running++;
        }
      g_subprocess_wait (child, NULL, NULL);
      if (g_subprocess_get_if_signaled (child))
        g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
      else
        g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
    }
  g_test_message ("%u of 20 children killed while running", killed_running);
  g_test_message ("the bank's feed has %" G_GUINT64_FORMAT " changes",
                  fp_bank_data_get_latest_seq (s->data, 0));
  g_assert_cmpuint (killed_running, >=, 10);

  run_child_to_completion (s, dir, key_hex, "transactions", "5");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FpCache) cache = fp_cache_open (dir, key, &error);

    g_assert_no_error (error);
    test_assert_cache_equals_bank (cache, s->data);
    fp_cache_close (cache);
  }
  test_sandbox_stop (s);
  rm_rf (dir);
}

/* Strings that would identify the customer or what they bought. */
static GPtrArray *
personal_needles (FpBankData *data)
{
  GPtrArray *needles = g_ptr_array_new_with_free_func (g_free);
  const FpBankCustomer *c = fp_bank_data_get_customer (data, 0);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const guint32 *accounts;
  guint n = 0;

  g_ptr_array_add (needles, g_strdup (c->person));
  g_ptr_array_add (needles, g_strdup (c->address));
  accounts = fp_bank_data_get_customer_accounts (data, 0, &n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (needles, g_strdup (fp_bank_data_get_account (data, accounts[i])->name));
  for (guint32 id = 0; id < fp_bank_data_get_n_transactions (data) && needles->len < 200; id++)
    {
      FpBankTransaction t;
      const char *candidates[2];

      if (!fp_bank_data_get_transaction (data, id, &t) || t.customer != 0)
        continue;
      candidates[0] = t.description;
      candidates[1] = t.merchant_city;
      for (guint k = 0; k < 2; k++)
        if (candidates[k] != NULL && strlen (candidates[k]) >= 5
            && g_strcmp0 (candidates[k], "ONLINE") != 0
            && !g_hash_table_contains (seen, candidates[k]))
          {
            g_hash_table_add (seen, (gpointer) candidates[k]);
            g_ptr_array_add (needles, g_strdup (candidates[k]));
          }
    }
  return needles;
}

static gboolean
memmem_ci (const char *hay,
           gsize       hay_len,
           const char *needle)
{
  gsize n = strlen (needle);

  if (n == 0 || n > hay_len)
    return FALSE;
  for (gsize i = 0; i + n <= hay_len; i++)
    if (g_ascii_strncasecmp (hay + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static guint
grep_dir (const char *dir,
          GPtrArray  *needles,
          guint      *out_files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint hits = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          hits += grep_dir (path, needles, out_files);
          continue;
        }
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      (*out_files)++;
      g_test_message ("scanning %s (%" G_GSIZE_FORMAT " bytes)", name, len);
      for (guint i = 0; i < needles->len; i++)
        if (memmem_ci (contents, len, g_ptr_array_index (needles, i)))
          {
            g_test_message ("found a personal string in %s", name);
            hits++;
          }
    }
  return hits;
}

static void
test_no_plaintext (void)
{
  TestSandbox *s = test_sandbox_start (YEARS, NULL);
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(FpCacheKey) key = fp_cache_key_new_random (NULL);
  g_autofree char *key_hex = test_key_to_hex (key);
  g_autoptr(GPtrArray) needles = personal_needles (s->data);
  g_autoptr(GSubprocess) child = NULL;
  guint files = 0;

  g_assert_cmpuint (needles->len, >, 5);
  /* Kill one sync in the middle so that a WAL and shm are left behind
   * too, then finish with another. */
  child = spawn_child (s, dir, key_hex, "all", "50", FALSE);
  g_usleep (30000);
  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, NULL);
  g_clear_object (&child);
  run_child_to_completion (s, dir, key_hex, "all", "50");
  {
    g_autoptr(FpCache) cache = test_open_cache (dir, &key);

    test_assert_cache_equals_bank (cache, s->data);
    /* Scan while it is open (WAL, shm present) and after closing it. */
    g_assert_cmpuint (grep_dir (dir, needles, &files), ==, 0);
    fp_cache_close (cache);
  }
  g_assert_cmpuint (grep_dir (dir, needles, &files), ==, 0);
  g_assert_cmpuint (files, >, 0);
  test_sandbox_stop (s);
  rm_rf (dir);
}

static gboolean
has_long_base64url_run (const char *text,
                        gsize       min_len)
{
  gsize run = 0;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_')
        {
          if (++run >= min_len)
            return TRUE;
        }
      else
        run = 0;
    }
  return FALSE;
}

static void
test_log_no_secrets (void)
{
  TestSandbox *s = test_sandbox_start (YEARS, NULL);
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(FpCacheKey) key = fp_cache_key_new_random (NULL);
  g_autofree char *key_hex = test_key_to_hex (key);
  g_autoptr(GPtrArray) needles = personal_needles (s->data);
  g_autoptr(GSubprocess) child = spawn_child (s, dir, key_hex, "all", "100", TRUE);
  g_autofree char *log = NULL;
  g_autoptr(GError) error = NULL;
  const char *secrets[] = {
    "Bearer", "access_token", "refresh_token", "code_verifier", "code_challenge",
    "Authorization", key_hex, "password",
  };

  g_subprocess_communicate_utf8 (child, NULL, NULL, &log, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  /* The debug log is really on, and really talks about the sync. */
  g_assert_nonnull (strstr (log, "fp-http-DEBUG"));
  g_assert_nonnull (strstr (log, "fp-oauth-DEBUG"));
  for (guint i = 0; i < needles->len; i++)
    if (memmem_ci (log, strlen (log), g_ptr_array_index (needles, i)))
      g_error ("personal string %u in the log", i);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_null (strstr (log, secrets[i]));
  /* Tokens, codes, verifiers and state are 32+ base64url characters. */
  g_assert_false (has_long_base64url_run (log, 32));
  test_sandbox_stop (s);
  rm_rf (dir);
}

/* The outbox: six writes (one the bank refuses for good) delivered in
 * order, exactly once, across kill -9. */
static void
test_outbox_crash (void)
{
  FpSandboxFaults faults = { .seed = 5, .latency_ms = 40 };
  TestSandbox *s = test_sandbox_start (YEARS, &faults);
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(FpCacheKey) key = fp_cache_key_new_random (NULL);
  g_autofree char *key_hex = test_key_to_hex (key);
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  static const char *const reactions[] = {
    "interested", "not_for_me", "dismissed", "BAD", "interested", "not_for_me", "dismissed",
  };
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(FpOAuthClient) oauth = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *feedback;
  guint k = 0;

  {
    g_autoptr(FpCache) cache = test_open_cache (dir, &key);

    for (guint i = 0; i < G_N_ELEMENTS (reactions); i++)
      {
        g_autofree char *body = g_strdup_printf ("{\"offerId\":\"loan-personal\",\"reaction\":\"%s\",\"reasons\":[]}",
                                                 reactions[i]);

        g_assert_cmpint (fp_outbox_enqueue (cache, "POST", "v1/feedback", body, &error), >, 0);
        g_assert_no_error (error);
      }
    fp_cache_close (cache);
  }

  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(GSubprocess) child = spawn_child (s, dir, key_hex, "outbox", "100", FALSE);

      g_usleep ((gulong) g_rand_int_range (rand, 20000, 250000));
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, NULL);
    }
  run_child_to_completion (s, dir, key_hex, "outbox", "100");

  {
    g_autoptr(FpCache) cache = test_open_cache (dir, &key);
    g_autoptr(GPtrArray) pending = fp_cache_outbox_list_pending (cache, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pending->len, ==, 0);
    fp_cache_close (cache);
  }

  /* What the bank holds: each valid write once, in order. */
  http = fp_http_client_new (s->url, &error);
  g_assert_no_error (error);
  oauth = fp_oauth_client_new (http);
  g_assert_true (fp_oauth_client_sign_in (oauth, FP_OAUTH_SIGN_IN_DEMO, NULL, &error));
  g_assert_no_error (error);
  root = fp_http_client_get_json (http, "v1/feedback", NULL, 1 << 20, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  feedback = json_object_get_array_member (json_node_get_object (root), "feedback");
  g_assert_cmpuint (json_array_get_length (feedback), ==, G_N_ELEMENTS (reactions) - 1);
  for (guint i = 0; i < G_N_ELEMENTS (reactions); i++)
    {
      JsonObject *f;

      if (g_str_equal (reactions[i], "BAD"))
        continue;
      f = json_array_get_object_element (feedback, k++);
      g_assert_cmpstr (json_object_get_string_member (f, "reaction"), ==, reactions[i]);
    }
  {
    g_autofree char *stats = test_sandbox_get (s, "_sandbox/stats", NULL);

    g_test_message ("%s", stats);
  }
  test_sandbox_stop (s);
  rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net/sync/clean", test_clean);
  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/net/sync/faults/%s", fault_cases[i].name);

      g_test_add_data_func (path, &fault_cases[i], test_faults);
    }

  g_test_add_func ("/net/sync/circuit-open", test_circuit_open);
  g_test_add_func ("/net/sync/background", test_background);
  g_test_add_func ("/net/sync/kill9", test_kill9);
  g_test_add_func ("/net/sync/no-plaintext-in-cache-files", test_no_plaintext);
  g_test_add_func ("/net/sync/no-secrets-in-debug-log", test_log_no_secrets);
  g_test_add_func ("/net/outbox/exactly-once-across-crash", test_outbox_crash);

  return g_test_run ();
}
