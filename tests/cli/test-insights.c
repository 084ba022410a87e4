/* test-insights.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs `finpersona --headless insights --json` on caches made here (the
 * three synthetic customers, keys in libsecret's file backend) and checks
 * the invariants of the dashboard: categories sum to the spending, the
 * forecast starts at today's balance of the current accounts, the health
 * components sum to the score; what it says when the data stops; and the
 * errors and exit codes. The customers' "today" is 15 November 2026: the
 * command runs with FP_TODAY pinned to it unless a test says otherwise.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "fp-dashboard-test-customers.h"
#include "fp-cache-consent.h"
#include "fp-store.h"

/* libsecret 0.20.5's file backend leaks the ETag string of every write of
 * its keyring file (a g_strdup() inside GIO's replace-contents), as in
 * tests/store/test-cache-key.c: suppressed for that call only, which needs
 * full stacks. */
const char *__lsan_default_suppressions (void);
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

const char *
__lsan_default_suppressions (void)
{
  return "leak:secret_password_storev_binary_sync\n";
}

static char *tmp;

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_unlink (path);
      return;
    }
  if ((dir = g_dir_open (path, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        rm_rf (child);
      }
  g_rmdir (path);
}

typedef struct {
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static const char *today = "2026-11-15";

static void
run_insights (Run *run,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "FP_TODAY", today, TRUE);
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, g_build_filename (g_getenv ("FP_BUILD_ROOT"), "src", "ui", "finpersona", NULL));
  g_ptr_array_add (argv, g_strdup ("--headless"));
  g_ptr_array_add (argv, g_strdup ("insights"));
  va_start (args, run);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (a));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  if (g_spawn_check_wait_status (wait_status, &error))
    run->status = 0;
  else if (error->domain == G_SPAWN_EXIT_ERROR)
    run->status = error->code;
  else
    run->status = -1;
}

static char *
make_customer_cache (FpTestCustomer customer,
                     gboolean       consent,
                     guint         *out_n)
{
  g_autofree char *name = g_strdup_printf ("cache-%d-%d", customer, consent);
  char *dir = g_build_filename (tmp, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);

  g_assert_no_error (error);
  *out_n = fp_test_fill_customer (cache, customer);
  if (consent)
    {
      /* As the Privacy page does: the policy, kept in the cache. */
      g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("test-device");
      g_autoptr(FpConsentStore) store = fp_consent_store_new (cache, policy, &error);

      g_assert_no_error (error);
      g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED,
                                            g_get_real_time ()));
      fp_consent_store_disconnect (store);
    }
  fp_cache_close (cache);
  return dir;
}

static gint64
sum_members (JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);
  gint64 sum = 0;

  for (GList *l = members; l != NULL; l = l->next)
    sum += json_object_get_int_member (object, l->data);
  return sum;
}

/* Checks the invariants; returns the health score. */
static gint64
check_invariants (JsonObject *root,
                  guint       n_txns)
{
  JsonArray *accounts = json_object_get_array_member (root, "accounts");
  JsonArray *months = json_object_get_array_member (root, "months");
  JsonObject *by_cat = json_object_get_object_member (root, "spendingByCategory");
  JsonObject *forecast = json_object_get_object_member (root, "forecast");
  JsonArray *days = json_object_get_array_member (forecast, "days");
  JsonObject *health = json_object_get_object_member (root, "health");
  JsonArray *components = json_object_get_array_member (health, "components");
  JsonObject *day0;
  gint64 current = 0, points = 0, weights = 0;

  g_assert_cmpstr (json_object_get_string_member (root, "today"), ==, "2026-11-15");
  g_assert_cmpstr (json_object_get_string_member (root, "currency"), ==, "USD");
  g_assert_cmpstr (json_object_get_string_member (root, "homeCurrency"), ==, "USD");
  g_assert_cmpint (json_object_get_int_member (root, "transactionCount"), ==, n_txns);
  g_assert_true (json_object_get_boolean_member (root, "personalized"));

  /* Categories sum to the spending, every month. */
  g_assert_cmpuint (json_array_get_length (months), >, 0);
  for (guint i = 0; i < json_array_get_length (months); i++)
    {
      JsonObject *m = json_array_get_object_element (months, i);

      g_assert_cmpint (sum_members (json_object_get_object_member (m, "byCategoryMinor")), ==,
                       json_object_get_int_member (m, "spendingMinor"));
      g_assert_cmpint (json_object_get_int_member (m, "spendingMinor"), >=, 0);
    }
  if (json_object_has_member (by_cat, "totalMinor"))
    g_assert_cmpint (sum_members (json_object_get_object_member (by_cat, "byCategoryMinor")), ==,
                     json_object_get_int_member (by_cat, "totalMinor"));

  /* The forecast starts at today's balance of the current accounts. */
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *a = json_array_get_object_element (accounts, i);

      if (g_str_equal (json_object_get_string_member (a, "kind"), "current"))
        current += json_object_get_int_member (a, "balanceMinor");
    }
  g_assert_cmpstr (json_object_get_string_member (forecast, "startDay"), ==, "2026-11-15");
  g_assert_cmpint (json_object_get_int_member (forecast, "startBalanceMinor"), ==, current);
  g_assert_cmpuint (json_array_get_length (days), ==, 91);
  day0 = json_array_get_object_element (days, 0);
  g_assert_cmpstr (json_object_get_string_member (day0, "day"), ==, "2026-11-15");
  g_assert_cmpint (json_object_get_int_member (day0, "expectedMinor"), ==, current);
  g_assert_cmpint (json_object_get_int_member (day0, "lowMinor"), ==, current);
  g_assert_cmpint (json_object_get_int_member (day0, "highMinor"), ==, current);
  for (guint i = 0; i < json_array_get_length (days); i++)
    {
      JsonObject *d = json_array_get_object_element (days, i);

      g_assert_cmpint (json_object_get_int_member (d, "lowMinor"), <=, json_object_get_int_member (d, "expectedMinor"));
      g_assert_cmpint (json_object_get_int_member (d, "expectedMinor"), <=, json_object_get_int_member (d, "highMinor"));
    }

  /* The components sum to the score; the weights to 100. Without enough
   * history there is no score, and the reason says why. */
  if (json_node_is_null (json_object_get_member (health, "score")))
    {
      JsonObject *a = json_object_get_object_member (health, "availability");

      g_assert_false (json_object_get_boolean_member (a, "available"));
      g_assert_nonnull (json_object_get_string_member (a, "reason"));
      return -1;
    }
  for (guint i = 0; i < json_array_get_length (components); i++)
    {
      JsonObject *c = json_array_get_object_element (components, i);

      g_assert_cmpint (json_object_get_int_member (c, "points"), >=, 0);
      g_assert_cmpint (json_object_get_int_member (c, "points"), <=, json_object_get_int_member (c, "weight"));
      points += json_object_get_int_member (c, "points");
      weights += json_object_get_int_member (c, "weight");
      g_assert_nonnull (json_object_get_string_member (c, "explanation"));
    }
  g_assert_cmpuint (json_array_get_length (components), ==, 6);
  g_assert_cmpint (weights, ==, 100);
  g_assert_cmpint (points, ==, json_object_get_int_member (health, "score"));

  return json_object_get_int_member (health, "score");
}

static JsonObject *
parse (JsonParser *parser,
       const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static gboolean
has_alert (JsonObject *root,
           const char *kind)
{
  JsonArray *alerts = json_object_get_array_member (root, "alerts");

  for (guint i = 0; i < json_array_get_length (alerts); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (alerts, i), "kind"), kind))
      return TRUE;
  return FALSE;
}

static void
test_customers (void)
{
  guint n_saver, n_debt, n_new;
  g_autofree char *saver = make_customer_cache (FP_TEST_SAVER, TRUE, &n_saver);
  g_autofree char *debt = make_customer_cache (FP_TEST_IN_DEBT, TRUE, &n_debt);
  g_autofree char *fresh = make_customer_cache (FP_TEST_NEW_CUSTOMER, TRUE, &n_new);
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(JsonParser) p3 = json_parser_new ();
  JsonObject *root;
  gint64 saver_score, debt_score;
  Run run = { 0 };

  run_insights (&run, "--json", "--cache-dir", saver, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (p1, run.out);
  saver_score = check_invariants (root, n_saver);
  /* The balances are the bank's. */
  g_assert_cmpint (json_object_get_int_member (root, "totalBalanceMinor"), ==, 824017 + 4215000);
  g_assert_cmpint (json_object_get_int_member (root, "netWorthMinor"), ==, 824017 + 4215000);
  g_assert_true (has_alert (root, "fraud"));
  run_clear (&run);

  run_insights (&run, "--json", "--cache-dir", debt, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (p2, run.out);
  debt_score = check_invariants (root, n_debt);
  g_assert_cmpint (json_object_get_int_member (root, "netWorthMinor"), ==, 14250 - 782035 - 1523000);
  g_assert_cmpint (debt_score, <, saver_score);
  run_clear (&run);

  run_insights (&run, "--json", "--cache-dir", fresh, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (p3, run.out);
  /* A month of history: no score yet (the old dashboard gave one). */
  g_assert_cmpint (check_invariants (root, n_new), ==, -1);
  g_assert_true (json_node_is_null (json_object_get_member (root, "segment")));
  /* One month of history. */
  g_assert_cmpstr (json_object_get_string_member (root, "firstBookingDay"), >=, "2026-10-16");
  g_assert_cmpstr (json_object_get_string_member (root, "firstBookingDay"), <=, "2026-10-20");
  run_clear (&run);

  /* Three weeks later without new data: "today" is the real day, the
   * figures are as of the newest transaction, and the dashboard says so;
   * no month after it, no 30 days of zero spending. */
  {
    g_autoptr(JsonParser) p = json_parser_new ();
    JsonObject *freshness, *recent;
    JsonArray *months;

    today = "2026-12-07";
    run_insights (&run, "--json", "--cache-dir", saver, NULL);
    today = "2026-11-15";
    g_assert_cmpint (run.status, ==, 0);
    root = parse (p, run.out);
    g_assert_cmpstr (json_object_get_string_member (root, "today"), ==, "2026-12-07");
    freshness = json_object_get_object_member (root, "freshness");
    g_assert_cmpstr (json_object_get_string_member (freshness, "asOf"), ==, "2026-11-15");
    g_assert_cmpint (json_object_get_int_member (freshness, "daysWithoutData"), ==, 22);
    g_assert_true (json_object_get_boolean_member (freshness, "stale"));
    g_assert_nonnull (strstr (json_object_get_string_member (freshness, "note"), "15 November 2026"));
    recent = json_object_get_object_member (root, "recent");
    g_assert_cmpstr (json_object_get_string_member (recent, "to"), ==, "2026-11-15");
    g_assert_cmpint (json_object_get_int_member (recent, "count"), >, 0);
    months = json_object_get_array_member (root, "months");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (months,
                                                                                   json_array_get_length (months) - 1),
                                                    "month"), ==, "2026-11");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "forecast"), "startDay"), ==,
                     "2026-12-07");
    g_assert_false (json_object_get_boolean_member (json_object_get_object_member (json_object_get_object_member (root, "forecast"),
                                                                                   "band"),
                                                    "available"));
    run_clear (&run);
  }

  /* A range: October only; "today" is its end. */
  {
    g_autoptr(JsonParser) p = json_parser_new ();

    run_insights (&run, "--json", "--cache-dir", saver, "--from", "2026-10-01", "--to", "2026-10-31", NULL);
    g_assert_cmpint (run.status, ==, 0);
    root = parse (p, run.out);
    g_assert_cmpstr (json_object_get_string_member (root, "today"), ==, "2026-10-31");
    g_assert_cmpstr (json_object_get_string_member (root, "firstBookingDay"), >=, "2026-10-01");
    g_assert_cmpstr (json_object_get_string_member (root, "lastBookingDay"), <=, "2026-10-31");
    g_assert_cmpint (json_object_get_int_member (root, "transactionCount"), >, 0);
    g_assert_cmpint (json_object_get_int_member (root, "transactionCount"), <, n_saver);
    run_clear (&run);
  }

  /* The cache's key lives in the keyring: another keyring has none. */
  {
    g_autofree char *other = g_build_filename (tmp, "other-keyring", NULL);
    g_autofree char *keyring = g_strdup (g_getenv ("SECRET_FILE_TEST_PATH"));

    g_setenv ("SECRET_FILE_TEST_PATH", other, TRUE);
    run_insights (&run, "--json", "--cache-dir", saver, NULL);
    g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpstr (run.err, !=, "");
    run_clear (&run);
  }
}

static void
test_no_consent (void)
{
  guint n;
  g_autofree char *dir = make_customer_cache (FP_TEST_SAVER, FALSE, &n);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  Run run = { 0 };

  /* Without the consent to personalization: balances and totals only. */
  run_insights (&run, "--json", "--cache-dir", dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (parser, run.out);
  g_assert_false (json_object_get_boolean_member (root, "personalized"));
  g_assert_cmpint (json_object_get_int_member (root, "totalBalanceMinor"), ==, 824017 + 4215000);
  g_assert_cmpint (json_object_get_int_member (root, "transactionCount"), ==, n);
  g_assert_true (json_object_has_member (root, "recent"));
  g_assert_false (json_object_has_member (root, "health"));
  g_assert_false (json_object_has_member (root, "forecast"));
  g_assert_false (json_object_has_member (root, "alerts"));
  g_assert_nonnull (strstr (run.err, "Privacy"));
  run_clear (&run);
}

static void
test_errors (void)
{
  g_autofree char *missing = g_build_filename (tmp, "no-such-cache", NULL);
  Run run = { 0 };

  /* Usage errors: exit status 2. */
  run_insights (&run, "--cache-dir", missing, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run_insights (&run, "--json", "--from", "2026-13-01", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "YYYY-MM-DD"));
  run_clear (&run);
  run_insights (&run, "--json", "--to", "2026-02-30", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run_insights (&run, "--json", "--from", "2026-11-02", "--to", "2026-11-01", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run_insights (&run, "--json", "--no-such-option", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  /* No cache yet: exit status 1 and the way forward. */
  run_insights (&run, "--json", "--cache-dir", missing, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "sync"));
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp = g_dir_make_tmp ("fp-cli-insights-XXXXXX", NULL);
  g_assert_nonnull (tmp);
  keyring = g_build_filename (tmp, "keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);

  g_test_add_func ("/cli-insights/errors", test_errors);
  g_test_add_func ("/cli-insights/customers", test_customers);
  g_test_add_func ("/cli-insights/no-consent", test_no_consent);

  ret = g_test_run ();
  rm_rf (tmp);
  g_free (tmp);
  return ret;
}
