/* test-offers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs `finpersona --headless offers | loan | portfolio | wealth --json` on
 * caches made here: the bank's catalogue from a real sync of the demo
 * bank, the accounts and history of the synthetic in-debt and saver
 * customers (tests/fp-dashboard-test-customers.h), and the consents set as
 * the Privacy page sets them. Checks what each consent allows, the
 * ranking's factors, feedback and dismissal, the strict arguments, and
 * hands the caches to check-offers.py, which recomputes the figures on its
 * own.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "fp-cache-assets.h"
#include "fp-cache-consent.h"
#include "fp-cache-offers.h"
#include "fp-dashboard-test-customers.h"
#include "fp-store.h"

/* libsecret 0.20.5's file backend leaks a string of GIO's on every write,
 * read and clear of its keyring file (see tests/cli/test-insights.c):
 * suppressed for those calls only. */
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
  return "leak:secret_password_storev_binary_sync\n"
         "leak:secret_password_lookupv_binary_sync\n"
         "leak:secret_password_clearv_sync\n";
}

static char *tmp;
static char *demo;

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

static char *
finpersona (void)
{
  return g_build_filename (g_getenv ("FP_BUILD_ROOT"), "src", "ui", "finpersona", NULL);
}

static void
run_cmd (Run *run,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, finpersona ());
  g_ptr_array_add (argv, g_strdup ("--headless"));
  va_start (args, run);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (a));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  if (g_spawn_check_wait_status (wait_status, &error))
    run->status = 0;
  else if (error->domain == G_SPAWN_EXIT_ERROR)
    run->status = error->code;
  else
    run->status = -1;
}

static JsonObject *
parse (JsonParser *parser,
       const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* Copies a catalogue of the demo cache (what the bank publishes to all). */
static void
copy_catalogue (FpCache          *from,
                FpCache          *to,
                FpCacheCatalogue  catalogue,
                const char       *id_member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jsons = fp_cache_list_catalogue (from, catalogue, &error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  g_assert_cmpuint (jsons->len, >, 0);
  for (guint i = 0; i < jsons->len; i++)
    {
      g_autoptr(JsonParser) p = json_parser_new ();

      g_ptr_array_add (ids, g_strdup (json_object_get_string_member (parse (p, g_ptr_array_index (jsons, i)),
                                                                     id_member)));
    }
  g_assert_true (fp_cache_replace_catalogue (to, catalogue, (const char * const *) ids->pdata,
                                             (const char * const *) jsons->pdata, ids->len, NULL, &error));
  g_assert_no_error (error);
}

static void
copy_docs (FpCache            *from,
           FpCache            *to,
           FpCacheCatalogue    catalogue,
           const char * const *ids)
{
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *json = fp_cache_get_catalogue_item (from, catalogue, ids[i], &error);

      g_assert_no_error (error);
      g_assert_true (fp_cache_upsert_catalogue_item (to, catalogue, ids[i], json, &error));
      g_assert_no_error (error);
    }
}

static char *
make_cache (FpTestCustomer customer,
            gboolean       personalization,
            gboolean       marketing)
{
  static const char * const market[] = { "funds", "capital-market-assumptions", "inflation", NULL };
  static const char * const models[] = { "credit-line", NULL };
  static guint counter;
  g_autofree char *name = g_strdup_printf ("cache-%u", counter++);
  char *dir = g_build_filename (tmp, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);
  g_autoptr(FpCache) bank = fp_cache_open_with_keyring (demo, FP_KEYRING_NONE, NULL, &error);

  g_assert_no_error (error);
  fp_test_fill_customer (cache, customer);
  copy_catalogue (bank, cache, FP_CACHE_OFFERS, "offerId");
  copy_catalogue (bank, cache, FP_CACHE_HOLDINGS, "holdingId");
  copy_docs (bank, cache, FP_CACHE_MARKET_DATA, market);
  copy_docs (bank, cache, FP_CACHE_MODELS, models);
  fp_cache_close (bank);
  {
    g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("test-device");
    g_autoptr(FpConsentStore) store = fp_consent_store_new (cache, policy, &error);

    g_assert_no_error (error);
    if (personalization)
      g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED,
                                            g_get_real_time ()));
    if (marketing)
      g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_MARKETING, FP_CONSENT_GRANTED,
                                            g_get_real_time ()));
    fp_consent_store_disconnect (store);
  }
  fp_cache_close (cache);
  return dir;
}

static JsonObject *
find_offer (JsonArray  *offers,
            const char *id,
            guint      *out_index)
{
  for (guint i = 0; i < json_array_get_length (offers); i++)
    {
      JsonObject *o = json_array_get_object_element (offers, i);

      if (g_str_equal (json_object_get_string_member (o, "offerId"), id))
        {
          if (out_index != NULL)
            *out_index = i;
          return o;
        }
    }
  return NULL;
}

static void
test_consents (void)
{
  g_autofree char *none = make_cache (FP_TEST_IN_DEBT, FALSE, FALSE);
  g_autofree char *personal = make_cache (FP_TEST_IN_DEBT, TRUE, FALSE);
  g_autofree char *both = make_cache (FP_TEST_IN_DEBT, TRUE, TRUE);
  Run run = { 0 };

  /* No consent: the bank's order, no factors, no credit line. */
  {
    g_autoptr(JsonParser) p = json_parser_new ();
    JsonObject *root, *ranking;
    JsonArray *offers;

    run_cmd (&run, "offers", "--json", "--cache-dir", none, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "Privacy"));
    root = parse (p, run.out);
    ranking = json_object_get_object_member (root, "ranking");
    offers = json_object_get_array_member (ranking, "offers");
    g_assert_false (json_object_get_boolean_member (ranking, "ranked"));
    g_assert_cmpuint (json_array_get_length (offers), ==, 7);
    for (guint i = 0; i < json_array_get_length (offers); i++)
      {
        JsonObject *o = json_array_get_object_element (offers, i);

        g_assert_cmpint (json_object_get_int_member (o, "displayOrder"), ==, i + 1);
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "factors")), ==, 0);
        g_assert_false (json_object_get_boolean_member (o, "madeForYou"));
      }
    g_assert_true (json_object_get_null_member (root, "creditLine"));
    run_clear (&run);
  }

  /* Personalization: ranked with factors. The in-debt customer has almost
   * no savings: the savings offer first; the loan next, for the card at
   * 23.99 % (its largest factor), but held back by a cash flow without
   * room; investing last. Not "made for you" without the marketing
   * consent. The credit line is explained. */
  {
    g_autoptr(JsonParser) p = json_parser_new ();
    JsonObject *root, *ranking, *first, *loan, *line;
    JsonArray *offers, *factors;
    guint loan_at = 0, growth_at = 0;

    run_cmd (&run, "offers", "--json", "--cache-dir", personal, NULL);
    g_assert_cmpint (run.status, ==, 0);
    root = parse (p, run.out);
    ranking = json_object_get_object_member (root, "ranking");
    offers = json_object_get_array_member (ranking, "offers");
    g_assert_true (json_object_get_boolean_member (ranking, "ranked"));
    g_assert_nonnull (strstr (json_object_get_string_member (ranking, "explanation"), "Article 22"));
    first = json_array_get_object_element (offers, 0);
    g_assert_cmpstr (json_object_get_string_member (first, "offerId"), ==, "savings-goal");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                       json_object_get_array_member (first, "factors"), 0), "id"), ==, "emergency-fund-short");
    loan = find_offer (offers, "loan-personal", &loan_at);
    find_offer (offers, "portfolio-growth", &growth_at);
    g_assert_cmpuint (loan_at, <, growth_at);
    factors = json_object_get_array_member (loan, "factors");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (factors, 0), "id"), ==,
                     "expensive-card-debt");
    g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (factors, 0), "source"),
                              "insights"));
    for (guint i = 0; i < json_array_get_length (offers); i++)
      g_assert_false (json_object_get_boolean_member (json_array_get_object_element (offers, i), "madeForYou"));
    line = json_object_get_object_member (root, "creditLine");
    g_assert_nonnull (line);
    g_assert_cmpint (json_object_get_int_member (line, "limitMinor"), >, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (line, "factors")), ==, 3);
    /* Its utilization near the limit is what holds it back, and lowering
     * it is the next step. */
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                       json_object_get_array_member (line, "factors"), 0), "limitEffectMinor"), <, 0);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                       json_object_get_array_member (line, "nextSteps"), 0), "feature"), ==, "utilization");
    run_clear (&run);
  }

  /* And with marketing, the first is made for the customer. */
  {
    g_autoptr(JsonParser) p = json_parser_new ();
    JsonObject *root;
    JsonArray *offers;

    run_cmd (&run, "offers", "--json", "--cache-dir", both, NULL);
    g_assert_cmpint (run.status, ==, 0);
    root = parse (p, run.out);
    offers = json_object_get_array_member (json_object_get_object_member (root, "ranking"), "offers");
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (offers, 0), "madeForYou"));
    run_clear (&run);
  }

  /* The loan without the consent is priced, not checked against the cash
   * flow. */
  {
    g_autoptr(JsonParser) p = json_parser_new ();
    JsonObject *fit;

    run_cmd (&run, "loan", "--amount", "15000", "--json", "--cache-dir", none, NULL);
    g_assert_cmpint (run.status, ==, 0);
    fit = json_object_get_object_member (parse (p, run.out), "fit");
    g_assert_false (json_object_get_boolean_member (fit, "affordabilityChecked"));
    g_assert_false (json_object_has_member (fit, "freeCashFlowMinor"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (fit, "structures")), >, 0);
    run_clear (&run);
  }

  /* The wealth view without the consent: the net worth, no advice. */
  {
    g_autoptr(JsonParser) p = json_parser_new ();
    JsonObject *wealth;

    run_cmd (&run, "wealth", "--json", "--cache-dir", none, NULL);
    g_assert_cmpint (run.status, ==, 0);
    wealth = json_object_get_object_member (parse (p, run.out), "wealth");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (wealth, "suggestions")), ==, 0);
    run_clear (&run);
  }
}

static void
test_feedback (void)
{
  g_autofree char *dir = make_cache (FP_TEST_SAVER, TRUE, TRUE);
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  guint before_index = 0, after_index = 0;
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  JsonArray *before, *after;
  double score_before, score_after;

  run_cmd (&run, "offers", "--json", "--cache-dir", dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  before = json_object_get_array_member (json_object_get_object_member (parse (p1, run.out), "ranking"), "offers");
  score_before = json_object_get_double_member (find_offer (before, "portfolio-growth", &before_index), "score");
  run_clear (&run);

  /* The customer dismisses the savings offer and says the growth
   * portfolio is not for them: too risky. */
  {
    g_autoptr(FpCache) cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);
    g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("test-device");

    g_assert_no_error (error);
    g_assert_true (fp_cache_consent_load (cache, policy, &error));
    g_assert_cmpint (fp_cache_add_offer_feedback (cache, "savings-goal", FP_OFFER_DISMISSED, 0, policy, &error), >, 0);
    g_assert_cmpint (fp_cache_add_offer_feedback (cache, "portfolio-growth", FP_OFFER_NOT_FOR_ME,
                                                  FP_OFFER_REASON_TOO_RISKY, policy, &error), >, 0);
    fp_cache_close (cache);
  }

  run_cmd (&run, "offers", "--json", "--cache-dir", dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    JsonObject *ranking = json_object_get_object_member (parse (p2, run.out), "ranking");

    after = json_object_get_array_member (ranking, "offers");
    g_assert_cmpint (json_object_get_int_member (ranking, "dismissed"), ==, 1);
  }
  g_assert_null (find_offer (after, "savings-goal", NULL));
  score_after = json_object_get_double_member (find_offer (after, "portfolio-growth", &after_index), "score");
  /* 30 points for "not for me", 10 for its reason. */
  g_assert_cmpfloat (score_after, ==, score_before - 40.0);
  g_assert_cmpstr (json_object_get_string_member (find_offer (after, "portfolio-growth", NULL), "feedback"), ==,
                   "not_for_me");
  run_clear (&run);
}

static void
test_figures (void)
{
  g_autofree char *saver = make_cache (FP_TEST_SAVER, TRUE, FALSE);
  g_autofree char *debt = make_cache (FP_TEST_IN_DEBT, TRUE, FALSE);
  g_autofree char *script = g_build_filename (g_getenv ("FP_SOURCE_ROOT"), "tests", "cli", "check-offers.py", NULL);
  g_autofree char *exe = finpersona ();
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  /* Manual items for the wealth view. */
  {
    g_autoptr(FpCache) cache = fp_cache_open_with_keyring (saver, FP_KEYRING_NONE, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (fp_cache_save_manual_asset (cache, "home", "Home", FP_WEALTH_HOME, 38000000, "USD", 0, &error));
    g_assert_true (fp_cache_save_manual_asset (cache, "mortgage", "Mortgage", FP_WEALTH_MORTGAGE, -24000000, "USD",
                                               410, &error));
    g_assert_true (fp_cache_save_manual_asset (cache, "euro", "Euro account", FP_WEALTH_OTHER_ACCOUNT, 100000,
                                               "EUR", 0, &error));
    fp_cache_close (cache);
  }

  /* The saver's structures fit; the in-debt customer's 15,000.00 does not,
   * and the refusal says why in words. */
  {
    g_autoptr(JsonParser) p = json_parser_new ();
    JsonObject *fit;

    run_cmd (&run, "loan", "--amount", "15000", "--json", "--cache-dir", debt, NULL);
    g_assert_cmpint (run.status, ==, 0);
    fit = json_object_get_object_member (parse (p, run.out), "fit");
    g_assert_true (json_object_get_boolean_member (fit, "affordabilityChecked"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (fit, "structures")), ==, 0);
    g_assert_nonnull (strstr (json_object_get_string_member (fit, "refusal"), "$15,000.00"));
    run_clear (&run);
  }
  {
    g_autoptr(JsonParser) p = json_parser_new ();
    JsonObject *fit;

    run_cmd (&run, "loan", "--amount", "15000", "--json", "--cache-dir", saver, NULL);
    g_assert_cmpint (run.status, ==, 0);
    fit = json_object_get_object_member (parse (p, run.out), "fit");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (fit, "structures")), >=, 2);
    g_assert_true (json_object_get_null_member (fit, "refusal"));
    run_clear (&run);
  }
  /* The wealth view: the home and mortgage count, the euro account not. */
  {
    g_autoptr(JsonParser) p = json_parser_new ();
    JsonObject *wealth;

    run_cmd (&run, "wealth", "--json", "--cache-dir", saver, NULL);
    g_assert_cmpint (run.status, ==, 0);
    wealth = json_object_get_object_member (parse (p, run.out), "wealth");
    g_assert_cmpint (json_object_get_int_member (wealth, "manualAssetsMinor"), ==, 38000000);
    g_assert_cmpint (json_object_get_int_member (wealth, "manualDebtsMinor"), ==, 24000000);
    run_clear (&run);
  }

  /* Every figure, recomputed independently. */
  for (guint i = 0; i < 2; i++)
    {
      const char *argv[] = { "/usr/bin/python3", script, exe, i == 0 ? saver : debt, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int wait_status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                                   &wait_status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (wait_status, NULL))
        g_error ("check-offers.py: %s%s", out, err);
    }
}

static void
test_arguments (void)
{
  g_autofree char *dir = make_cache (FP_TEST_SAVER, TRUE, FALSE);
  g_autofree char *missing = g_build_filename (tmp, "no-such-cache", NULL);
  static const char *const bad[][8] = {
    { "offers", NULL },
    { "offers", "--json", "extra", NULL },
    { "loan", "--json", NULL },
    { "loan", "--json", "--amount", "1000", "--payment", "100", NULL },
    { "loan", "--json", "--amount", "15,000", NULL },
    { "loan", "--json", "--amount", "-5", NULL },
    { "loan", "--json", "--amount", "0", NULL },
    { "loan", "--json", "--amount", "12.345", NULL },
    { "loan", "--json", "--payment", "400", "--purpose", "boat", NULL },
    { "portfolio", "--json", "--horizon", "forever", NULL },
    { "portfolio", "--json", "--exclude", "coal", NULL },
    { "portfolio", "--json", "--favour", "", NULL },
    { "portfolio", "--json", "--monthly", "1e3", NULL },
    { "wealth", "--json", "--emergency-months", "0", NULL },
    { "wealth", "--json", "--emergency-months", "many", NULL },
  };
  Run run = { 0 };

  /* Usage errors: exit 2, one sentence, nothing on stdout. */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      int wait_status = 0;

      g_ptr_array_add (argv, finpersona ());
      g_ptr_array_add (argv, g_strdup ("--headless"));
      for (guint k = 0; bad[i][k] != NULL; k++)
        g_ptr_array_add (argv, g_strdup (bad[i][k]));
      g_ptr_array_add (argv, g_strdup ("--cache-dir"));
      g_ptr_array_add (argv, g_strdup (dir));
      g_ptr_array_add (argv, NULL);
      g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &run.out, &run.err, &wait_status, &error));
      g_spawn_check_wait_status (wait_status, &error);
      if (error == NULL || error->domain != G_SPAWN_EXIT_ERROR || error->code != 2)
        g_error ("%s %s: expected exit 2, got %s", bad[i][0], bad[i][1], run.err);
      g_assert_cmpstr (run.out, ==, "");
      {
        g_auto(GStrv) lines = g_strsplit (g_strchomp (run.err), "\n", -1);

        g_assert_cmpuint (g_strv_length (lines), ==, 1);
      }
      run_clear (&run);
    }

  /* No cache: exit 1 and the way forward. */
  run_cmd (&run, "loan", "--amount", "1000", "--json", "--cache-dir", missing, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "sync"));
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring = NULL;
  g_autofree char *exe = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0, ret;

  g_test_init (&argc, &argv, NULL);

  tmp = g_dir_make_tmp ("fp-cli-offers-XXXXXX", NULL);
  g_assert_nonnull (tmp);
  keyring = g_build_filename (tmp, "keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);

  /* The bank's catalogue, through a real sync of the demo bank. */
  demo = g_build_filename (tmp, "demo", NULL);
  exe = finpersona ();
  {
    const char *sync_argv[] = { exe, "--headless", "sync", "--cache-dir", demo, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) sync_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                                 &wait_status, &error));
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (wait_status, NULL))
      g_error ("sync: %s", err);
  }

  g_test_add_func ("/cli-offers/arguments", test_arguments);
  g_test_add_func ("/cli-offers/consents", test_consents);
  g_test_add_func ("/cli-offers/feedback", test_feedback);
  g_test_add_func ("/cli-offers/figures", test_figures);

  ret = g_test_run ();
  rm_rf (tmp);
  g_free (tmp);
  g_free (demo);
  return ret;
}
