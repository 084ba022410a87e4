/* test-invest-wealth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Holistic Wealth Optimizer in the Offers page: assets and debts
 * added, changed and deleted through the form, refused when invalid
 * without losing anything; the net worth with them equal to a sum made
 * here; the net worth over time against a direct computation from the
 * transactions; the suggestions only with the consent to personalization;
 * manual items that survive a sync, closing and opening the cache and a
 * kill -9, are in "Download my data" and gone after erase; and
 * screenshots of the wealth view at 360×640 and 1280×800, light and dark
 * (tests/ui/invest-screenshots).
 */

#include "config.h"

#include <signal.h>

#include <glib/gstdio.h>

#include "fp-cache-assets.h"
#include "fp-offers-page-private.h"
#include "fp-store.h"
/* The Time Machine's loader and core's portfolio header each name an
 * FpMarketAssumptions: the loader's is renamed in this file. */
#define FpMarketAssumptions FpTimeMachineMarket
#include "fp-time-machine-loader.h"
#undef FpMarketAssumptions
#include "fp-ui-test.h"
#include "offers-test-data.h"

static char *tmp_dir;
static char *shot_dir;
static FpCache *bank;

typedef struct {
  GtkWidget    *window;
  FpOffersPage *page;
  gboolean      updated;
} Shown;

static void
updated_cb (FpOffersPage *page,
            Shown        *shown)
{
  shown->updated = TRUE;
}

static void
fill (FpCache        *cache,
      FpTestCustomer  customer)
{
  offers_test_fill (cache, bank, customer);
  offers_test_copy_catalogue (bank, cache, FP_CACHE_HOLDINGS, "holdingId");
}

static FpConsentPolicy *
policy_with (gboolean personalization)
{
  FpConsentPolicy *policy = fp_consent_policy_new ("test-device");

  if (personalization)
    fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED, g_get_real_time ());
  return policy;
}

static void
wait_updated (Shown *shown)
{
  shown->updated = FALSE;
  fp_ui_test_wait (&shown->updated);
}

static FpWealthView *
show (Shown           *shown,
      FpCache         *cache,
      FpConsentPolicy *policy,
      int              width,
      int              height)
{
  gint64 deadline = fp_ui_test_deadline (10);

  shown->updated = FALSE;
  shown->window = gtk_window_new ();
  gtk_window_set_decorated (GTK_WINDOW (shown->window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (shown->window), width, height);
  shown->page = FP_OFFERS_PAGE (fp_offers_page_new ());
  fp_offers_page_set_narrow (shown->page, width < 720);
  g_signal_connect (shown->page, "updated", G_CALLBACK (updated_cb), shown);
  gtk_window_set_child (GTK_WINDOW (shown->window), GTK_WIDGET (shown->page));
  fp_offers_page_set_consent_policy (shown->page, policy);
  fp_offers_page_set_cache (shown->page, cache);
  gtk_window_present (GTK_WINDOW (shown->window));
  fp_ui_test_wait (&shown->updated);
  while (gtk_widget_get_width (shown->window) <= 0 || !gtk_widget_get_mapped (GTK_WIDGET (shown->page)))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  g_assert_true (fp_offers_page_show_wealth (shown->page));
  fp_ui_test_spin (200);
  return fp_offers_page_get_wealth_view (shown->page);
}

static void
hide (Shown *shown)
{
  gtk_window_destroy (GTK_WINDOW (shown->window));
  fp_ui_test_spin (50);
}

/* Typed into the form and saved; the page reads its data again. */
static void
add (Shown        *shown,
     const char   *name,
     FpWealthKind  kind,
     gint64        value_minor,
     gint32        rate_bps)
{
  FpWealthView *view = fp_offers_page_get_wealth_view (shown->page);

  g_assert_true (fp_wealth_view_fill_form (view, name, kind, value_minor, rate_bps));
  shown->updated = FALSE;
  g_assert_true (fp_wealth_view_save (view));
  g_assert_null (fp_wealth_view_get_error (view));
  fp_ui_test_wait (&shown->updated);
}

static const FpManualAsset *
find_named (GPtrArray  *assets,
            const char *name)
{
  for (guint i = 0; i < assets->len; i++)
    if (g_str_equal (((FpManualAsset *) g_ptr_array_index (assets, i))->name, name))
      return g_ptr_array_index (assets, i);
  return NULL;
}

static GPtrArray *
list (FpCache *cache)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *assets = fp_cache_list_manual_assets (cache, &error);

  g_assert_no_error (error);
  return assets;
}

static void
use_file_keyring (void)
{
  g_autofree char *keyring = g_build_filename (tmp_dir, "keyring", NULL);

  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
}

static FpCache *
open_cache (const char *dir)
{
  g_autoptr(GError) error = NULL;
  FpCache *cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);

  g_assert_no_error (error);
  return cache;
}

static void
sync_with (FpCache     *cache,
           TestSandbox *sandbox)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpSyncEngine) engine = fp_sync_engine_new (cache, sandbox->url);

  fp_sync_engine_set_demo (engine, TRUE);
  fp_sync_engine_set_use_keyring (engine, FALSE);
  fp_sync_engine_run (engine, NULL, &error);
  g_assert_no_error (error);
}

typedef struct {
  guint    n_assets;
  gboolean saw_home;
} ExportState;

static gboolean
export_cb (const char        *table,
           guint              n_columns,
           const char *const *names,
           const char *const *values,
           gpointer           user_data)
{
  ExportState *s = user_data;

  if (!g_str_equal (table, "manual_assets"))
    return TRUE;
  s->n_assets++;
  for (guint i = 0; i < n_columns; i++)
    s->saw_home |= values[i] != NULL && g_str_equal (values[i], "Our flat");
  return TRUE;
}

static void
test_manual_items (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "wealth", NULL);
  g_autoptr(FpConsentPolicy) policy = policy_with (TRUE);
  g_autoptr(GError) error = NULL;
  FpCache *cache;
  FpWealthView *view;
  const FpWealth *w;
  gint64 net_before, owned_before, owed_before;
  ExportState state = { 0 };
  TestSandbox *sandbox;
  Shown shown;

  use_file_keyring ();
  cache = open_cache (dir);
  /* The customer of the sandbox bank, synced. */
  sandbox = test_sandbox_start (1, NULL);
  sync_with (cache, sandbox);
  view = show (&shown, cache, policy, 1280, 800);
  w = fp_wealth_view_get_wealth (view);
  g_assert_nonnull (w);
  net_before = w->net_worth_minor;
  owned_before = w->assets_minor;
  owed_before = w->debts_minor;
  g_assert_cmpint (w->manual_assets_minor, ==, 0);

  /* A home and its mortgage, typed in: the net worth moves by exactly
   * their difference. */
  add (&shown, "Our flat", FP_WEALTH_HOME, 35000000, 0);
  add (&shown, "Mortgage of the flat", FP_WEALTH_MORTGAGE, 21234567, 385);
  view = fp_offers_page_get_wealth_view (shown.page);
  w = fp_wealth_view_get_wealth (view);
  g_assert_cmpint (w->manual_assets_minor, ==, 35000000);
  g_assert_cmpint (w->manual_debts_minor, ==, 21234567);
  g_assert_cmpint (w->assets_minor, ==, owned_before + 35000000);
  g_assert_cmpint (w->debts_minor, ==, owed_before + 21234567);
  g_assert_cmpint (w->net_worth_minor, ==, net_before + 35000000 - 21234567);

  /* Invalid input is refused with the store's reason; nothing changes
   * and what was typed stays. */
  {
    g_autoptr(GPtrArray) assets = list (cache);

    g_autoptr(GPtrArray) after = NULL;

    g_assert_true (fp_wealth_view_fill_form (view, "   ", FP_WEALTH_CAR, 1000000, 0));
    g_assert_false (fp_wealth_view_save (view));
    g_assert_nonnull (fp_wealth_view_get_error (view));
    after = list (cache);
    g_assert_cmpuint (after->len, ==, assets->len);
    g_assert_true (fp_wealth_view_fill_form (view, "Car\nwith a line break", FP_WEALTH_CAR, 1000000, 0));
    g_assert_false (fp_wealth_view_save (view));
    g_assert_cmpuint (assets->len, ==, 2);
  }
  {
    g_autoptr(GPtrArray) again = list (cache);

    g_assert_cmpuint (again->len, ==, 2);
  }

  /* Edited: the same item, a new value. */
  {
    g_autoptr(GPtrArray) assets = list (cache);
    const FpManualAsset *flat = find_named (assets, "Our flat");

    g_assert_true (fp_wealth_view_edit (view, flat->id));
    g_assert_true (fp_wealth_view_fill_form (view, "Our flat", FP_WEALTH_HOME, 36000000, 0));
    shown.updated = FALSE;
    g_assert_true (fp_wealth_view_save (view));
    fp_ui_test_wait (&shown.updated);
  }
  {
    g_autoptr(GPtrArray) assets = list (cache);

    g_assert_cmpuint (assets->len, ==, 2);
    g_assert_cmpint (find_named (assets, "Our flat")->value_minor, ==, 36000000);
    g_assert_cmpint (find_named (assets, "Mortgage of the flat")->value_minor, ==, -21234567);
    g_assert_cmpint (find_named (assets, "Mortgage of the flat")->rate_bps, ==, 385);
  }
  /* Added and deleted again. */
  add (&shown, "Old car", FP_WEALTH_CAR, 250000, 0);
  {
    g_autoptr(GPtrArray) assets = list (cache);

    g_assert_cmpuint (assets->len, ==, 3);
    shown.updated = FALSE;
    g_assert_true (fp_wealth_view_delete (fp_offers_page_get_wealth_view (shown.page),
                                          find_named (assets, "Old car")->id));
    fp_ui_test_wait (&shown.updated);
  }
  hide (&shown);

  /* A sync with the bank: the items the customer added stay. */
  {
    g_autoptr(GPtrArray) assets = NULL;

    sync_with (cache, sandbox);
    test_sandbox_stop (sandbox);
    assets = list (cache);
    g_assert_cmpuint (assets->len, ==, 2);
  }

  /* Closed and opened again: still there, and shown. */
  fp_cache_close (cache);
  g_object_unref (cache);
  cache = open_cache (dir);
  view = show (&shown, cache, policy, 1280, 800);
  g_assert_cmpint (fp_wealth_view_get_wealth (view)->manual_assets_minor, ==, 36000000);
  g_assert_cmpint (fp_wealth_view_get_wealth (view)->manual_debts_minor, ==, 21234567);
  hide (&shown);

  /* In "Download my data". */
  g_assert_true (fp_cache_export (cache, export_cb, &state, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (state.n_assets, ==, 2);
  g_assert_true (state.saw_home);
  fp_cache_close (cache);
  g_object_unref (cache);

  /* Gone after erase. */
  g_assert_true (fp_cache_erase (dir, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  cache = open_cache (dir);
  {
    g_autoptr(GPtrArray) assets = list (cache);

    g_assert_cmpuint (assets->len, ==, 0);
  }
  fp_cache_close (cache);
  g_object_unref (cache);
  g_assert_true (fp_cache_erase (dir, NULL, &error));
}

/* The child adds an item through the form and is killed at once. */
static void
test_kill_9 (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "killed", NULL);

  /* The child keeps the parent's keyring file and folder (its
   * environment). */
  if (g_test_subprocess ())
    {
      const char *child_dir = g_getenv ("FP_INVEST_KILL_DIR");
      g_autoptr(FpConsentPolicy) policy = policy_with (TRUE);
      FpCache *cache = open_cache (child_dir);
      FpWealthView *view;
      Shown shown;

      view = show (&shown, cache, policy, 1280, 800);
      g_assert_true (fp_wealth_view_fill_form (view, "Pension at work", FP_WEALTH_PENSION, 8765432, 0));
      g_assert_true (fp_wealth_view_save (view));
      raise (SIGKILL);
      return;
    }

  use_file_keyring ();
  {
    FpCache *cache = open_cache (dir);

    fill (cache, FP_TEST_SAVER);
    fp_cache_close (cache);
    g_object_unref (cache);
  }
  g_setenv ("FP_INVEST_KILL_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, fp_ui_test_deadline (60) - g_get_monotonic_time (), G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  {
    FpCache *cache = open_cache (dir);
    g_autoptr(GPtrArray) assets = list (cache);

    g_assert_cmpuint (assets->len, ==, 1);
    g_assert_cmpint (find_named (assets, "Pension at work")->value_minor, ==, 8765432);
    g_assert_cmpint (find_named (assets, "Pension at work")->kind, ==, FP_WEALTH_PENSION);
    fp_cache_close (cache);
    g_object_unref (cache);
  }
}

/* The net worth at the end of a month, summed here directly: today's
 * balances of the accounts the wealth view counts, less each booked
 * transaction on them after that day. */
static void
test_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpConsentPolicy) policy = policy_with (TRUE);
  FpCache *cache = fp_cache_new_ephemeral (tmp_dir, &error);
  FpWealthView *view;
  FpOffersData *data;
  GArray *history;
  const FpWealth *w;
  const FpInsightsInput *in;
  Shown shown;

  g_assert_no_error (error);
  fill (cache, FP_TEST_IN_DEBT);
  view = show (&shown, cache, policy, 1280, 800);
  data = fp_offers_page_get_data (shown.page);
  w = fp_wealth_view_get_wealth (view);
  history = fp_wealth_view_get_history (view);
  in = data->dashboard->input;
  g_assert_nonnull (history);
  g_assert_cmpuint (history->len, >, 6);
  /* Today's point is today's net worth. */
  g_assert_cmpint (g_array_index (history, FpWealthPoint, history->len - 1).net_worth_minor, ==, w->net_worth_minor);
  for (guint k = 0; k + 1 < history->len; k++)
    {
      const FpWealthPoint *p = &g_array_index (history, FpWealthPoint, k);
      gint64 expected = w->net_worth_minor;

      for (guint t = 0; t < in->txns->len; t++)
        {
          const FpTxn *x = &g_array_index (in->txns, FpTxn, t);
          gboolean counted = FALSE;

          if (x->day <= p->day || x->day > data->dashboard->as_of_day ||
              (x->flags & (FP_TXN_DECLINED | FP_TXN_PENDING)) != 0)
            continue;
          /* The accounts, except an investment account that its holdings
           * stand for. */
          for (guint a = 0; a < in->accounts->len; a++)
            {
              const FpAccountSnapshot *s = &g_array_index (in->accounts, FpAccountSnapshot, a);
              gboolean has_holdings = FALSE;

              for (guint h = 0; h < data->holdings->len; h++)
                has_holdings |= g_strcmp0 (g_array_index (data->holdings, FpOffersHolding, h).account_id,
                                           g_ptr_array_index (in->account_ids, a)) == 0;
              if (s->account_id == x->account_id && !(s->kind == FP_ACCOUNT_INVESTMENT && has_holdings))
                counted = TRUE;
            }
          if (counted)
            expected -= x->amount_minor;
        }
      g_assert_cmpint (p->net_worth_minor, ==, expected);
    }
  /* The in-debt customer gets suggestions, the emergency fund first. */
  g_assert_cmpuint (w->n_suggestions, >, 0);
  g_assert_cmpint (w->suggestions[0].kind, ==, FP_WEALTH_SUGGEST_EMERGENCY_FUND);

  /* Without the consent to personalization: no history, no suggestions. */
  fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_REVOKED, g_get_real_time ());
  wait_updated (&shown);
  view = fp_offers_page_get_wealth_view (shown.page);
  g_assert_null (fp_wealth_view_get_history (view));
  g_assert_cmpuint (fp_wealth_view_get_wealth (view)->n_suggestions, ==, 0);
  hide (&shown);
  fp_cache_close (cache);
  g_object_unref (cache);
}

/* Every control of the wealth view and of the investing offers has an
 * accessible name: its label, or one given in context. */
static gboolean
unnamed_cb (GtkWidget *w,
            gpointer   data)
{
  GPtrArray *unnamed = data;
  const char *label = NULL;

  if (!gtk_widget_get_visible (w) ||
      !(GTK_IS_BUTTON (w) || GTK_IS_SPIN_BUTTON (w) || GTK_IS_SWITCH (w) || GTK_IS_CHECK_BUTTON (w)))
    return TRUE;
  /* A menu button's inner toggle is named by the menu button; the steps
   * of a spin button by the spin button. */
  if ((GTK_IS_TOGGLE_BUTTON (w) && GTK_IS_MENU_BUTTON (gtk_widget_get_parent (w))) ||
      GTK_IS_SPIN_BUTTON (gtk_widget_get_parent (w)))
    return TRUE;
  if (GTK_IS_BUTTON (w))
    label = gtk_button_get_label (GTK_BUTTON (w));
  if ((label != NULL && *label != '\0') ||
      gtk_test_accessible_has_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      /* A button around a label (FpFigure) is named by its text; a
       * tooltip alone names nothing. */
      (GTK_IS_BUTTON (w) && GTK_IS_LABEL (gtk_widget_get_first_child (w))))
    return TRUE;
  g_ptr_array_add (unnamed, (gpointer) G_OBJECT_TYPE_NAME (w));
  g_test_message ("no accessible name: a %s in a %s", G_OBJECT_TYPE_NAME (w),
                  G_OBJECT_TYPE_NAME (gtk_widget_get_parent (w)));
  return TRUE;
}

static void
test_accessible_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpConsentPolicy) policy = policy_with (TRUE);
  g_autoptr(GPtrArray) unnamed = g_ptr_array_new ();
  FpCache *cache = fp_cache_new_ephemeral (tmp_dir, &error);
  const char *offers[] = { "portfolio-balanced", "ecoinvest" };
  FpWealthView *view;
  Shown shown;

  g_assert_no_error (error);
  fill (cache, FP_TEST_SAVER);
  g_assert_true (fp_cache_save_manual_asset (cache, "home", "Our flat", FP_WEALTH_HOME, 35000000, "USD", 0, &error));
  view = show (&shown, cache, policy, 1280, 800);
  offers_test_walk (GTK_WIDGET (view), unnamed_cb, unnamed);
  for (guint i = 0; i < G_N_ELEMENTS (offers); i++)
    {
      g_assert_true (fp_offers_page_show_offer (shown.page, offers[i]));
      fp_ui_test_spin (100);
      offers_test_walk (GTK_WIDGET (fp_offers_page_get_detail (shown.page)), unnamed_cb, unnamed);
    }
  if (unnamed->len > 0)
    g_error ("%u controls without an accessible name, the first a %s", unnamed->len,
             (const char *) g_ptr_array_index (unnamed, 0));
  hide (&shown);
  fp_cache_close (cache);
  g_object_unref (cache);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  FpTimeMachineLoad **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = fp_time_machine_load_finish (result, &error);
  g_assert_no_error (error);
}

static FpTimeMachineLoad *
load_time_machine (FpCache *cache)
{
  FpTimeMachineLoad *load = NULL;
  gint64 deadline = fp_ui_test_deadline (30);

  fp_time_machine_load_async (NULL, cache, TRUE, 0, NULL, loaded_cb, &load);
  while (load == NULL)
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  return load;
}

/* The Time Machine starts from the manual items too: another bank's
 * account as cash, a pension invested, a mortgage as a debt; a home is
 * no money to simulate. */
static void
test_time_machine_start (void)
{
  g_autoptr(GError) error = NULL;
  FpCache *cache = fp_cache_new_ephemeral (tmp_dir, &error);
  FpTimeMachineLoad *before, *after;
  const FpSimDebt *mortgage;

  g_assert_no_error (error);
  fill (cache, FP_TEST_IN_DEBT);
  before = load_time_machine (cache);
  g_assert_cmpint (before->source, ==, FP_START_FROM_ACCOUNTS);
  g_assert_true (fp_cache_save_manual_asset (cache, "other", "Account at the other bank", FP_WEALTH_OTHER_ACCOUNT,
                                             123456, before->start.currency, 50, &error));
  g_assert_true (fp_cache_save_manual_asset (cache, "pension", "Pension", FP_WEALTH_PENSION, 4567800,
                                             before->start.currency, 0, &error));
  g_assert_true (fp_cache_save_manual_asset (cache, "mortgage", "Mortgage", FP_WEALTH_MORTGAGE, -20000000,
                                             before->start.currency, 390, &error));
  g_assert_true (fp_cache_save_manual_asset (cache, "home", "Home", FP_WEALTH_HOME, 30000000,
                                             before->start.currency, 0, &error));
  after = load_time_machine (cache);
  g_assert_cmpint (after->start.cash_minor, ==, before->start.cash_minor + 123456);
  g_assert_cmpint (after->start.investments_minor, ==, before->start.investments_minor + 4567800);
  g_assert_cmpint (after->start.debt_minor, ==, before->start.debt_minor + 20000000);
  g_assert_cmpuint (after->start.n_debts, ==, before->start.n_debts + 1);
  mortgage = &after->start.debts[after->start.n_debts - 1];
  g_assert_cmpint (mortgage->balance_minor, ==, 20000000);
  g_assert_cmpfloat_with_epsilon (mortgage->annual_rate, 0.039, 1e-12);
  fp_time_machine_load_free (before);
  fp_time_machine_load_free (after);
  fp_cache_close (cache);
  g_object_unref (cache);
}

static void
save_shot (GtkWidget     *window,
           GtkWidget     *widget,
           const GdkRGBA *background,
           const char    *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (shot_dir, file, NULL);

  fp_ui_test_save_png (window, widget, background, path);
}

static void
test_screenshots (void)
{
  static const struct { int width, height; const char *name; } sizes[] = {
    { 360, 640, "360x640" },
    { 1280, 800, "1280x800" },
  };
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpConsentPolicy) policy = policy_with (TRUE);
  FpCache *cache = fp_cache_new_ephemeral (tmp_dir, &error);

  g_assert_no_error (error);
  fill (cache, FP_TEST_IN_DEBT);
  g_assert_true (fp_cache_save_manual_asset (cache, "home", "Our flat", FP_WEALTH_HOME, 35000000, "USD", 0, &error));
  g_assert_true (fp_cache_save_manual_asset (cache, "mortgage", "Mortgage of the flat", FP_WEALTH_MORTGAGE, -21234567,
                                             "USD", 385, &error));
  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
        {
          g_autofree char *name = g_strdup_printf ("wealth-%s-%s", sizes[z].name, dark ? "dark" : "light");
          g_autofree char *full = g_strconcat (name, "-full", NULL);
          FpWealthView *view;
          Shown shown;
          GdkRGBA bg;

          view = show (&shown, cache, policy, sizes[z].width, sizes[z].height);
          fp_ui_test_spin (400);
          save_shot (shown.window, shown.window, NULL, name);
          gdk_rgba_parse (&bg, dark ? "#242424" : "#fafafa");
          save_shot (shown.window, GTK_WIDGET (view), &bg, full);
          hide (&shown);
        }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  fp_cache_close (cache);
  g_object_unref (cache);
}

static void
rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        rm_rf (child);
      else
        g_unlink (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_setenv ("GTK_A11Y", "test", TRUE);
  fp_ui_test_init (&argc, &argv);
  /* The test customers' "today" (tests/fp-dashboard-test-customers.h). */
  g_setenv ("FP_TODAY", "2026-11-15", TRUE);

  tmp_dir = g_dir_make_tmp ("fp-wealth-test-XXXXXX", &error);
  g_assert_no_error (error);
  shot_dir = g_test_build_filename (G_TEST_BUILT, "ui", "invest-screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (shot_dir, 0755), ==, 0);
  bank = offers_test_sync_bank (tmp_dir);

  g_test_add_func ("/invest-wealth/manual-items-sync-restart-export-erase", test_manual_items);
  g_test_add_func ("/invest-wealth/kill-9", test_kill_9);
  g_test_add_func ("/invest-wealth/history-and-consent", test_history);
  g_test_add_func ("/invest-wealth/time-machine-starts-from-all", test_time_machine_start);
  g_test_add_func ("/invest-wealth/accessible-names", test_accessible_names);
  g_test_add_func ("/invest-wealth/screenshots", test_screenshots);

  ret = g_test_run ();
  fp_cache_close (bank);
  g_object_unref (bank);
  rm_rf (tmp_dir);
  g_free (tmp_dir);
  g_free (shot_dir);
  return ret;
}
