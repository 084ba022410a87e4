/* test-offers-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Offers page's local data against the sandbox bank and kill -9:
 * feedback given with the marketing consent reaches the bank exactly once,
 * in order, however often delivery is killed, and feedback given without
 * it never does; manual assets and dismissals survive syncs, a kill -9 in
 * the middle of one, and restarts.
 */

#include "config.h"

#include <signal.h>

#include <json-glib/json-glib.h>

#include "fp-cache-assets.h"
#include "fp-cache-offers.h"
#include "fp-http-client.h"
#include "fp-oauth-client.h"
#include "net-test-sandbox.h"

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("fp-offers-XXXXXX", &error);

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

/* sync-child, built next to this test: one sync in a process of its own. */
static GSubprocess *
spawn_child (TestSandbox *s,
             const char  *dir,
             const char  *key_hex,
             const char  *parts)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bindir = g_path_get_dirname (self);
  g_autofree char *exe = g_build_filename (bindir, "sync-child", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;
  GSubprocess *child;

  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  child = g_subprocess_launcher_spawn (launcher, &error, exe, s->url, dir, key_hex, parts, "20", NULL);
  g_assert_no_error (error);
  return child;
}

static void
run_child_to_completion (TestSandbox *s,
                         const char  *dir,
                         const char  *key_hex,
                         const char  *parts)
{
  g_autoptr(GSubprocess) child = spawn_child (s, dir, key_hex, parts);
  g_autoptr(GError) error = NULL;

  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
}

/* Kills @n children at random instants of their run. */
static guint
kill_children (TestSandbox *s,
               const char  *dir,
               const char  *key_hex,
               const char  *parts,
               guint        n,
               GRand       *rand)
{
  guint killed = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GSubprocess) child = spawn_child (s, dir, key_hex, parts);

      g_usleep ((gulong) g_rand_int_range (rand, 20000, 250000));
      if (g_subprocess_get_identifier (child) != NULL)
        {
          g_subprocess_send_signal (child, SIGKILL);
          killed++;
        }
      g_subprocess_wait (child, NULL, NULL);
    }
  return killed;
}

/* What the bank holds as the demo customer's feedback. */
static JsonNode *
bank_feedback (TestSandbox *s)
{
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(FpOAuthClient) oauth = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  http = fp_http_client_new (s->url, &error);
  g_assert_no_error (error);
  oauth = fp_oauth_client_new (http);
  g_assert_true (fp_oauth_client_sign_in (oauth, FP_OAUTH_SIGN_IN_DEMO, NULL, &error));
  g_assert_no_error (error);
  root = fp_http_client_get_json (http, "v1/feedback", NULL, 1 << 20, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return root;
}

static void
test_feedback_exactly_once (void)
{
  FpSandboxFaults faults = { .seed = 11, .latency_ms = 40 };
  TestSandbox *s = test_sandbox_start (1, &faults);
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(FpCacheKey) key = NULL;
  g_autofree char *key_hex = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261031);
  g_autoptr(JsonNode) root = NULL;
  /* Given in this order; only those with the consent go to the bank. */
  static const struct {
    const char *offer;
    FpOfferReaction reaction;
    guint32 reasons;
    gboolean consent;
  } given[] = {
    { "loan-personal", FP_OFFER_NOT_FOR_ME, FP_OFFER_REASON_RATE_TOO_HIGH, TRUE },
    { "ecoinvest", FP_OFFER_INTERESTED, 0, TRUE },
    { "portfolio-growth", FP_OFFER_NOT_FOR_ME, FP_OFFER_REASON_TOO_RISKY, FALSE },
    { "savings-goal", FP_OFFER_DISMISSED, 0, TRUE },
    { "credit-line-adaptive", FP_OFFER_INTERESTED, 0, FALSE },
    { "portfolio-balanced", FP_OFFER_NOT_FOR_ME,
      FP_OFFER_REASON_NOT_NEEDED_NOW | FP_OFFER_REASON_OTHER, TRUE },
    { "loan-personal", FP_OFFER_DISMISSED, 0, TRUE },
  };
  JsonArray *feedback;
  guint k = 0, killed;

  {
    g_autoptr(FpCache) cache = test_open_cache (dir, &key);
    g_autoptr(GError) error = NULL;
    g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("test device");

    for (guint i = 0; i < G_N_ELEMENTS (given); i++)
      {
        /* The customer changes their mind about marketing as they go. */
        fp_consent_policy_set (policy, FP_PURPOSE_MARKETING,
                               given[i].consent ? FP_CONSENT_GRANTED : FP_CONSENT_REVOKED, g_get_real_time ());
        g_assert_cmpint (fp_cache_add_offer_feedback (cache, given[i].offer, given[i].reaction, given[i].reasons,
                                                      policy, &error), >, 0);
        g_assert_no_error (error);
      }
    fp_cache_close (cache);
  }
  key_hex = test_key_to_hex (key);

  killed = kill_children (s, dir, key_hex, "outbox", 8, rand);
  g_test_message ("%u of 8 deliveries killed", killed);
  run_child_to_completion (s, dir, key_hex, "outbox");

  /* Nothing left to send; the bank holds each one with the consent once,
   * in order, and none of the others. */
  {
    g_autoptr(FpCache) cache = test_open_cache (dir, &key);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) pending = fp_cache_outbox_list_pending (cache, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pending->len, ==, 0);
    fp_cache_close (cache);
  }
  root = bank_feedback (s);
  feedback = json_object_get_array_member (json_node_get_object (root), "feedback");
  g_assert_cmpuint (json_array_get_length (feedback), ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    {
      JsonObject *f;
      JsonArray *reasons;

      if (!given[i].consent)
        continue;
      f = json_array_get_object_element (feedback, k++);
      g_assert_cmpstr (json_object_get_string_member (f, "offerId"), ==, given[i].offer);
      g_assert_cmpstr (json_object_get_string_member (f, "reaction"), ==, fp_offer_reaction_to_id (given[i].reaction));
      reasons = json_object_get_array_member (f, "reasons");
      g_assert_cmpuint (json_array_get_length (reasons), ==, (guint) __builtin_popcount (given[i].reasons));
    }
  {
    g_autofree char *stats = test_sandbox_get (s, "_sandbox/stats", NULL);

    g_test_message ("%s", stats);
  }
  test_sandbox_stop (s);
  rm_rf (dir);
}

static char *
dump_assets (FpCache *cache)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = fp_cache_list_manual_assets (cache, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      FpManualAsset *a = g_ptr_array_index (list, i);

      g_string_append_printf (out, "%s|%s|%s|%" G_GINT64_FORMAT "|%s|%d|%" G_GINT64_FORMAT "\n", a->id, a->name,
                              fp_wealth_kind_to_id (a->kind), a->value_minor, a->currency, a->rate_bps, a->created);
    }
  return g_string_free (out, FALSE);
}

static void
test_local_data_survive (void)
{
  /* Small pages and some latency: a sync takes long enough to be killed
   * in the middle. */
  FpSandboxFaults faults = { .seed = 4, .latency_ms = 8 };
  TestSandbox *s = test_sandbox_start (1, &faults);
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(FpCacheKey) key = NULL;
  g_autofree char *key_hex = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint killed;

  {
    g_autoptr(FpCache) cache = test_open_cache (dir, &key);
    g_autoptr(GError) error = NULL;

    g_assert_true (fp_cache_save_manual_asset (cache, "home", "Home", FP_WEALTH_HOME, 42000000, "USD", 0, &error));
    g_assert_true (fp_cache_save_manual_asset (cache, "mortgage", "Mortgage", FP_WEALTH_MORTGAGE, -25000000,
                                               "USD", 425, &error));
    g_assert_true (fp_cache_save_manual_asset (cache, "pension", "401(k)", FP_WEALTH_PENSION, 8800000, "USD", 0,
                                               &error));
    g_assert_cmpint (fp_cache_add_offer_feedback (cache, "savings-goal", FP_OFFER_DISMISSED, 0, NULL, &error), >, 0);
    g_assert_no_error (error);
    before = dump_assets (cache);
    fp_cache_close (cache);
  }
  key_hex = test_key_to_hex (key);

  /* Syncs killed at random instants, then one to the end. */
  killed = kill_children (s, dir, key_hex, "all", 6, rand);
  g_test_message ("%u of 6 syncs killed", killed);
  g_assert_cmpuint (killed, >=, 3);
  run_child_to_completion (s, dir, key_hex, "all");
  /* And a second sync over a full cache. */
  run_child_to_completion (s, dir, key_hex, "all");

  {
    g_autoptr(FpCache) cache = test_open_cache (dir, &key);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) feedback = fp_cache_list_offer_feedback (cache, &error);
    g_autoptr(GPtrArray) offers = fp_cache_list_catalogue (cache, FP_CACHE_OFFERS, &error);
    g_autofree char *after = dump_assets (cache);

    g_assert_no_error (error);
    /* The sync brought the catalogue and the holdings... */
    test_assert_cache_equals_bank (cache, s->data);
    g_assert_cmpuint (offers->len, ==, 7);
    /* ...and left the customer's own data as it was. */
    g_assert_cmpstr (after, ==, before);
    g_assert_cmpuint (feedback->len, ==, 1);
    g_assert_cmpstr (((FpCachedOfferFeedback *) g_ptr_array_index (feedback, 0))->offer_id, ==, "savings-goal");
    g_assert_cmpint (((FpCachedOfferFeedback *) g_ptr_array_index (feedback, 0))->reaction, ==, FP_OFFER_DISMISSED);
    fp_cache_close (cache);
  }
  test_sandbox_stop (s);
  rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net/offers/feedback-exactly-once", test_feedback_exactly_once);
  g_test_add_func ("/net/offers/local-data-survive", test_local_data_survive);

  return g_test_run ();
}
