/* test-time-machine-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Time Machine page with a cache: with the consent to personalization
 * its starting point is what the insights engine computes from the same
 * data; without it, the starting point stays entered by hand; the bank's
 * capital-market assumptions replace the built-in returns; saved
 * scenarios survive closing and reopening the cache. Also renders the page
 * with consent into PNGs for review.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "fp-cache-key.h"
#include "fp-cache-scenarios.h"
#include "fp-cli-insights.h"
#include "fp-consent.h"
#include "fp-dashboard-test-customers.h"
#include "fp-money.h"
#include "fp-time-machine-page-private.h"
#include "fp-ui-test.h"

static char *tmp_dir;
static char *shot_dir;

static const char assumptions_json[] =
  "{\"asOf\":\"2026-10-01\",\"horizonYears\":10,\"currency\":\"USD\","
  "\"assetClasses\":[{\"assetClass\":\"money_market\",\"expectedReturn\":0.02,\"volatility\":0.005},"
  "{\"assetClass\":\"bond\",\"expectedReturn\":0.025,\"volatility\":0.04},"
  "{\"assetClass\":\"equity\",\"expectedReturn\":0.055,\"volatility\":0.15}],"
  "\"correlation\":{\"assetClasses\":[\"money_market\",\"bond\",\"equity\"],"
  "\"matrix\":[[1,0.1,0],[0.1,1,0.3],[0,0.3,1]]}}";

static const char inflation_json[] =
  "{\"asOf\":\"2026-10-01\",\"region\":\"US\",\"measure\":\"CPI\",\"history\":[],"
  "\"assumption\":{\"expectedAnnual\":0.03,\"volatility\":0.01,\"longTermTarget\":0.02}}";

static FpCache *
new_cache (int customer)
{
  g_autoptr(GError) error = NULL;
  FpCache *cache = fp_cache_new_ephemeral (tmp_dir, &error);

  g_assert_no_error (error);
  if (customer >= 0)
    fp_test_fill_customer (cache, (FpTestCustomer) customer);
  return cache;
}

static void
put_market_data (FpCache    *cache,
                 const char *assumptions)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fp_cache_upsert_catalogue_item (cache, FP_CACHE_MARKET_DATA, "capital-market-assumptions",
                                                 assumptions, &error));
  g_assert_no_error (error);
  g_assert_true (fp_cache_upsert_catalogue_item (cache, FP_CACHE_MARKET_DATA, "inflation", inflation_json, &error));
  g_assert_no_error (error);
}

static FpConsentPolicy *
granted_policy (void)
{
  FpConsentPolicy *policy = fp_consent_policy_new ("test-device");

  fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED, g_get_real_time ());
  return policy;
}

typedef struct {
  FpTimeMachinePage *page;
  guint              loads;
  guint              results;
} Wait;

static gboolean
loaded_and_settled (gpointer data)
{
  Wait *w = data;
  FpSimulationResult *result = fp_time_machine_page_get_result (w->page);

  return fp_time_machine_page_get_n_loads (w->page) > w->loads &&
         fp_time_machine_page_get_n_results (w->page) > w->results &&
         !fp_time_machine_page_get_refining (w->page) &&
         result != NULL && result->n_paths == 10000;
}

/* Runs until the page has read the cache again and its simulations are in. */
static void
wait_loaded (FpTimeMachinePage *page,
             guint              loads,
             guint              results)
{
  Wait w = { page, loads, results };
  gint64 deadline = fp_ui_test_deadline (60);

  while (!loaded_and_settled (&w))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static GtkWindow *
show_page (FpTimeMachinePage **out_page,
           int                 width,
           int                 height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page = fp_time_machine_page_new ();

  gtk_window_set_decorated (window, FALSE);
  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, page);
  fp_time_machine_page_set_narrow (FP_TIME_MACHINE_PAGE (page), width < 720);
  gtk_window_present (window);
  *out_page = FP_TIME_MACHINE_PAGE (page);
  return window;
}

/* Sets the cache (and consent) and waits until the page has used them. */
static void
attach (FpTimeMachinePage *page,
        FpCache           *cache,
        FpConsentPolicy   *policy)
{
  guint loads = fp_time_machine_page_get_n_loads (page);
  guint results = fp_time_machine_page_get_n_results (page);

  fp_time_machine_page_set_consent_policy (page, policy);
  fp_time_machine_page_set_cache (page, cache);
  wait_loaded (page, loads, results);
}

static gint64
sum_categories (const FpScenario *s)
{
  gint64 sum = 0;

  for (guint i = 0; i < s->n_categories; i++)
    sum += s->categories[i].monthly_minor;
  return sum;
}

static gint64
sum_assets (const FpScenario *s)
{
  gint64 sum = 0;

  for (guint i = 0; i < s->n_assets; i++)
    sum += s->assets[i].start_minor;
  return sum;
}

static const FpSimDebt *
find_debt (const FpScenario *s,
           gint64            balance_minor)
{
  for (guint i = 0; i < s->n_debts; i++)
    if (s->debts[i].balance_minor == balance_minor)
      return &s->debts[i];
  return NULL;
}

/* The engine's own figures for the same cache. */
static FpDashboardData *
engine_figures (FpCache *cache)
{
  g_autoptr(GError) error = NULL;
  FpDashboardData *data = fp_dashboard_data_load (cache, 0, 0, TRUE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  g_assert_nonnull (data->dashboard);
  return data;
}

static void
test_start_from_accounts (void)
{
  g_autoptr(FpConsentPolicy) policy = granted_policy ();
  static const int customers[] = { FP_TEST_SAVER, FP_TEST_IN_DEBT };

  for (guint c = 0; c < G_N_ELEMENTS (customers); c++)
    {
      g_autoptr(FpCache) cache = new_cache (customers[c]);
      g_autoptr(FpDashboardData) data = engine_figures (cache);
      const FpDashboard *d = data->dashboard;
      FpTimeMachinePage *page;
      GtkWindow *window = show_page (&page, 1280, 800);
      FpScenario s;
      gint64 debts = 0;

      attach (page, cache, policy);
      g_assert_true (fp_time_machine_page_get_from_accounts (page));
      g_assert_nonnull (strstr (fp_time_machine_page_get_start_caption (page), "From your accounts"));
      g_assert_nonnull (strstr (fp_time_machine_page_get_start_caption (page), "15 November 2026"));

      fp_time_machine_page_build_baseline (page, &s);
      g_assert_cmpstr (s.currency, ==, "USD");
      /* Cash: the engine's liquid balance (current and savings). */
      g_assert_cmpint (s.start_cash_minor, ==, MAX (0, fp_dashboard_get_liquid (d)));
      g_assert_cmpint (s.monthly_income_minor, ==, fp_dashboard_get_monthly_income (d));
      /* The categories add up to the engine's monthly spending, exactly. */
      g_assert_cmpuint (s.n_categories, >, 1);
      g_assert_cmpint (sum_categories (&s), ==, fp_dashboard_get_monthly_spending (d));
      for (guint i = 0; i < s.n_categories; i++)
        {
          FpCategory category;
          gboolean known = FALSE;

          for (category = 0; category < FP_N_CATEGORIES; category++)
            known |= g_str_equal (fp_category_get_id (category), s.categories[i].id);
          g_assert_true (known);
        }
      for (guint i = 0; i < s.n_debts; i++)
        debts += s.debts[i].balance_minor;
      /* Net worth as the engine computes it: cash + investments - debts. */
      g_assert_cmpint (s.start_cash_minor + sum_assets (&s) - debts, ==, fp_dashboard_get_net_worth (d));

      if (customers[c] == FP_TEST_SAVER)
        {
          /* 8,240.17 + 42,150.00 from the fixture, by hand. */
          g_assert_cmpint (s.start_cash_minor, ==, 5039017);
          g_assert_cmpuint (s.n_debts, ==, 0);
        }
      else
        {
          const FpSimDebt *card = find_debt (&s, 782035);
          const FpSimDebt *loan = find_debt (&s, 1523000);

          g_assert_cmpint (s.start_cash_minor, ==, 14250);
          g_assert_cmpuint (s.n_debts, ==, 2);
          g_assert_nonnull (card);
          g_assert_nonnull (loan);
          g_assert_cmpfloat_with_epsilon (card->annual_rate, 0.2399, 1e-12);
          g_assert_cmpfloat_with_epsilon (loan->annual_rate, 0.11, 1e-12);
          g_assert_cmpint (loan->payment_minor, ==, 45000);
          /* 15,230 at 11 % repaid by 450 a month: -ln(1 - rB/P) / ln(1 + r)
           * = 40.7 months, so 41 (worked out by hand). */
          g_assert_cmpuint (loan->remaining_months, ==, 41);
          for (guint i = 0; i < data->input->accounts->len; i++)
            {
              const FpAccountSnapshot *a = &g_array_index (data->input->accounts, FpAccountSnapshot, i);

              if (a->kind == FP_ACCOUNT_CREDIT_CARD)
                g_assert_cmpint (card->payment_minor, ==, a->min_payment_minor);
            }
        }

      /* The customer may still edit the starting point. */
      {
        guint results = fp_time_machine_page_get_n_results (page);
        GtkAdjustment *spending = fp_time_machine_page_find_child (page, "spending_adj");
        gint64 before = sum_categories (&s);
        FpScenario edited;

        gtk_adjustment_set_value (spending, gtk_adjustment_get_value (spending) * 2);
        fp_time_machine_page_build_baseline (page, &edited);
        g_assert_cmpuint (edited.n_categories, ==, s.n_categories);
        /* Each category doubled, up to a cent of rounding each. */
        g_assert_cmpint (llabs (sum_categories (&edited) - 2 * before), <=, (gint64) s.n_categories + 100);
        while (fp_time_machine_page_get_n_results (page) <= results)
          g_main_context_iteration (NULL, FALSE);
      }

      gtk_window_destroy (window);
      fp_ui_test_spin (50);
      fp_cache_close (cache);
    }
}

static void
test_no_consent (void)
{
  g_autoptr(FpCache) cache = new_cache (FP_TEST_IN_DEBT);
  g_autoptr(FpConsentPolicy) policy = granted_policy ();
  FpTimeMachinePage *page;
  GtkWindow *window = show_page (&page, 1280, 800);
  FpScenario s;
  guint loads, results;

  /* No policy: no consent. */
  attach (page, cache, NULL);
  g_assert_false (fp_time_machine_page_get_from_accounts (page));
  g_assert_nonnull (strstr (fp_time_machine_page_get_start_caption (page), "consent"));
  fp_time_machine_page_build_baseline (page, &s);
  /* The first example household, entered by hand. */
  g_assert_cmpint (s.start_cash_minor, ==, 1500000);
  g_assert_cmpuint (s.n_categories, ==, 1);
  g_assert_cmpstr (s.categories[0].id, ==, "living");
  /* In the customer's currency, also without the consent: their accounts
   * are in dollars (issue 10: no euros for a customer in dollars). */
  g_assert_cmpstr (s.currency, ==, "USD");

  /* Given, then withdrawn: the customer's figures leave the editor. */
  loads = fp_time_machine_page_get_n_loads (page);
  results = fp_time_machine_page_get_n_results (page);
  fp_time_machine_page_set_consent_policy (page, policy);
  wait_loaded (page, loads, results);
  g_assert_true (fp_time_machine_page_get_from_accounts (page));
  /* A scenario kept from the accounts' figures... */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "time-machine.keep-scenario", NULL));
  g_assert_cmpuint (fp_time_machine_page_get_n_saved (page), ==, 1);

  loads = fp_time_machine_page_get_n_loads (page);
  results = fp_time_machine_page_get_n_results (page);
  fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_REVOKED, g_get_real_time ());
  wait_loaded (page, loads, results);
  g_assert_false (fp_time_machine_page_get_from_accounts (page));
  fp_time_machine_page_build_baseline (page, &s);
  g_assert_cmpint (s.start_cash_minor, ==, 1500000);
  g_assert_cmpuint (s.n_debts, ==, 1);
  g_assert_cmpstr (s.debts[0].id, ==, "loan");
  /* ... is not shown without the consent (and still kept in the cache). */
  g_assert_cmpuint (fp_time_machine_page_get_n_saved (page), ==, 0);
  {
    g_autoptr(GPtrArray) rows = fp_cache_list_scenarios (cache, NULL);

    g_assert_cmpuint (rows->len, ==, 1);
  }

  gtk_window_destroy (window);
  fp_ui_test_spin (50);
  fp_cache_close (cache);
}

static void
test_market_data (void)
{
  g_autoptr(FpCache) cache = new_cache (-1);
  g_autoptr(FpCache) bad = new_cache (-1);
  FpTimeMachinePage *page;
  GtkWindow *window = show_page (&page, 1280, 800);
  FpScenario s;

  /* Before: the built-in assumptions. */
  fp_time_machine_page_build_baseline (page, &s);
  g_assert_cmpfloat (s.assets[0].expected_return, ==, 0.07);

  /* Market data is the bank's, not the customer's: no consent needed. */
  put_market_data (cache, assumptions_json);
  attach (page, cache, NULL);
  fp_time_machine_page_build_baseline (page, &s);
  g_assert_cmpstr (s.assets[0].id, ==, "equities");
  g_assert_cmpfloat (s.assets[0].expected_return, ==, 0.055);
  g_assert_cmpfloat (s.assets[0].volatility, ==, 0.15);
  g_assert_cmpstr (s.assets[1].id, ==, "bonds");
  g_assert_cmpfloat (s.assets[1].expected_return, ==, 0.025);
  g_assert_cmpfloat (s.assets[1].volatility, ==, 0.04);
  g_assert_cmpfloat (s.correlation[0][1], ==, 0.3);
  g_assert_cmpfloat (s.inflation.start, ==, 0.03);
  g_assert_cmpfloat (s.inflation.mean, ==, 0.02);
  /* 0.01 × √(1 − 0.95²) = 0.0031225, by hand. */
  g_assert_cmpfloat_with_epsilon (s.inflation.volatility, 0.0031225, 1e-7);
  g_assert_nonnull (strstr (fp_time_machine_page_get_returns_caption (page), "your bank"));
  g_assert_nonnull (strstr (fp_time_machine_page_get_returns_caption (page), "1 October 2026"));
  /* The scenario's shares grow by the bank's figure now. */
  g_assert_cmpfloat (fp_time_machine_page_get_result (page) != NULL, ==, TRUE);

  /* A document that is not what the contract says: the built-in ones. */
  put_market_data (bad, "{\"asOf\":\"2026-10-01\",\"assetClasses\":[\"equity\",{\"assetClass\":\"equity\","
                        "\"expectedReturn\":\"lots\",\"volatility\":0.1},{\"assetClass\":\"bond\","
                        "\"expectedReturn\":0.02,\"volatility\":0.1}],\"correlation\":{}}");
  attach (page, bad, NULL);
  fp_time_machine_page_build_baseline (page, &s);
  g_assert_cmpfloat (s.assets[0].expected_return, ==, 0.07);
  g_assert_cmpfloat (s.assets[1].expected_return, ==, 0.03);
  g_assert_null (strstr (fp_time_machine_page_get_returns_caption (page), "your bank"));

  gtk_window_destroy (window);
  fp_ui_test_spin (50);
  fp_cache_close (cache);
  fp_cache_close (bad);
}

static const guint8 key_bytes[FP_CACHE_KEY_SIZE] = {
  0x31, 0x52, 0x9c, 0x07, 0xe3, 0x6a, 0xd1, 0x48, 0xbf, 0x20, 0x75, 0x3e, 0xc9, 0x84, 0x1d, 0x66,
  0x0a, 0xf7, 0x33, 0x5b, 0x92, 0xce, 0x41, 0x18, 0x6d, 0xa5, 0x2f, 0xe0, 0x79, 0x04, 0xbb, 0x59,
};

static FpCache *
open_cache (const char *dir)
{
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(GError) error = NULL;
  FpCache *cache = fp_cache_open (dir, key, &error);

  g_assert_no_error (error);
  return cache;
}

static void
test_saved_survive (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (tmp_dir, "saved", NULL);
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(GPtrArray) rows = NULL;
  FpTimeMachinePage *page;
  GtkWindow *window = show_page (&page, 1280, 800);
  GtkFlowBox *saved_box = fp_time_machine_page_find_child (page, "saved_box");
  FpScenario kept;
  FpSimulationResult *kept_result;
  gint64 kept_median;

  attach (page, cache, NULL);
  g_assert_cmpuint (fp_time_machine_page_get_n_saved (page), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "time-machine.keep-scenario", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "time-machine.keep-scenario", NULL));
  g_assert_cmpuint (fp_time_machine_page_get_n_saved (page), ==, 2);
  kept_result = fp_time_machine_page_get_result (page);
  kept_median = kept_result->net_worth[FP_SIM_P50][kept_result->n_points - 1];
  fp_time_machine_page_build_baseline (page, &kept);
  /* No accounts: the locale's currency (the tests run in en_US.UTF-8). */
  g_assert_cmpstr (kept.currency, ==, "USD");

  rows = fp_cache_list_scenarios (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Closed: the page lets go of them. */
  fp_time_machine_page_set_cache (page, NULL);
  g_assert_cmpuint (fp_time_machine_page_get_n_saved (page), ==, 0);
  fp_cache_close (cache);
  g_clear_object (&cache);
  gtk_window_destroy (window);
  fp_ui_test_spin (50);

  /* Reopened, in a new page: both back, simulated again (same seed, same
   * scenario, so the same median as when they were kept). */
  cache = open_cache (dir);
  window = show_page (&page, 1280, 800);
  saved_box = fp_time_machine_page_find_child (page, "saved_box");
  attach (page, cache, NULL);
  g_assert_cmpuint (fp_time_machine_page_get_n_saved (page), ==, 2);
  g_assert_nonnull (gtk_flow_box_get_child_at_index (saved_box, 1));
  {
    g_autofree char *median = fp_money_format_short (kept_median, kept.currency);
    GtkWidget *card = gtk_flow_box_child_get_child (gtk_flow_box_get_child_at_index (saved_box, 0));
    gboolean found = FALSE;

    for (GtkWidget *c = gtk_widget_get_first_child (card); c != NULL; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_LABEL (c) && strstr (gtk_label_get_label (GTK_LABEL (c)), median) != NULL)
        found = TRUE;
    g_test_message ("median kept: %s", median);
    g_assert_true (found);
  }

  /* A third fits, a fourth does not. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "time-machine.keep-scenario", NULL));
  g_assert_cmpuint (fp_time_machine_page_get_n_saved (page), ==, 3);
  rows = fp_cache_list_scenarios (cache, &error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Forgetting one removes its row. */
  {
    GtkWidget *card = gtk_flow_box_child_get_child (gtk_flow_box_get_child_at_index (saved_box, 0));
    GtkWidget *header = gtk_widget_get_first_child (card);
    GtkWidget *forget = gtk_widget_get_last_child (header);

    g_assert_true (GTK_IS_BUTTON (forget));
    g_signal_emit_by_name (forget, "clicked");
  }
  g_assert_cmpuint (fp_time_machine_page_get_n_saved (page), ==, 2);
  rows = fp_cache_list_scenarios (cache, &error);
  g_assert_cmpuint (rows->len, ==, 2);

  gtk_window_destroy (window);
  fp_ui_test_spin (50);
  fp_cache_close (cache);
  g_clear_object (&cache);
  (void) fp_cache_destroy (dir, NULL);
}

static void
save_shot (GtkWidget     *window,
           GtkWidget     *widget,
           const GdkRGBA *background,
           const char    *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (shot_dir, file, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  g_assert_nonnull (renderer);
  g_assert_cmpint (width, >, 0);
  if (background != NULL)
    gtk_snapshot_append_color (snapshot, background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s (%d×%d)", path, width, height);
}

static void
test_screenshots (void)
{
  static const struct { const char *name; int customer; gboolean consent; } states[] = {
    { "in-debt", FP_TEST_IN_DEBT, TRUE },
    { "saver", FP_TEST_SAVER, TRUE },
    { "no-consent", FP_TEST_SAVER, FALSE },
  };
  static const struct { int width, height; const char *name; } sizes[] = {
    { 1280, 800, "1280x800" },
    { 360, 640, "360x640" },
  };
  g_autoptr(FpConsentPolicy) policy = granted_policy ();

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(FpCache) cache = new_cache (states[i].customer);

      put_market_data (cache, assumptions_json);
      for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
        {
          g_autofree char *name = g_strdup_printf ("time-machine-%s-%s", states[i].name, sizes[z].name);
          g_autofree char *editor = g_strconcat (name, "-editor", NULL);
          FpTimeMachinePage *page;
          GtkWindow *window = show_page (&page, sizes[z].width, sizes[z].height);
          GtkWidget *clamp = fp_time_machine_page_find_child (page, "editor_clamp");
          GdkRGBA bg;

          attach (page, cache, states[i].consent ? policy : NULL);
          fp_ui_test_spin (400);
          save_shot (GTK_WIDGET (window), GTK_WIDGET (window), NULL, name);
          gdk_rgba_parse (&bg, "#fafafa");
          if (z == 0)
            save_shot (GTK_WIDGET (window), clamp, &bg, editor);
          gtk_window_destroy (window);
          fp_ui_test_spin (50);
        }
      fp_cache_close (cache);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  fp_ui_test_init (&argc, &argv);
  /* The test customers' "today" (tests/fp-dashboard-test-customers.h). */
  g_setenv ("FP_TODAY", "2026-11-15", TRUE);

  tmp_dir = g_dir_make_tmp ("fp-time-machine-test-XXXXXX", &error);
  g_assert_no_error (error);
  shot_dir = g_test_build_filename (G_TEST_BUILT, "ui", "time-machine-screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (shot_dir, 0755), ==, 0);

  g_test_add_func ("/time-machine-cache/start-from-accounts", test_start_from_accounts);
  g_test_add_func ("/time-machine-cache/no-consent", test_no_consent);
  g_test_add_func ("/time-machine-cache/market-data", test_market_data);
  g_test_add_func ("/time-machine-cache/saved-survive", test_saved_survive);
  g_test_add_func ("/time-machine-cache/screenshots", test_screenshots);

  ret = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (shot_dir);
  g_free (tmp_dir);
  return ret;
}
