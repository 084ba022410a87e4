/* test-invest.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The investing offers of the Offers page with the bank's real catalogue
 * (a sync of the sandbox bank: funds, model portfolios, assumptions,
 * holdings) and the synthetic customers: the risk questionnaire's scoring
 * and the capacity cap, answered through the page's rows and checked
 * against the rules written out again here; the holdings' drift and the
 * rebalancing trades shown equal to core's, summing to the cent; the
 * values of EcoInvest excluding what they must, with weights summing to
 * one; what the consent to personalization gates; and screenshots of the
 * risk profile, a portfolio with drift and EcoInvest at 360×640 and
 * 1280×800, light and dark (tests/ui/invest-screenshots).
 */

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "fp-figure-row.h"
#include "fp-figure.h"
#include "fp-format.h"
#include "fp-offers-page-private.h"
#include "fp-store.h"
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

/* A customer's history, the bank's catalogue and the holdings the sandbox
 * generated. */
static FpCache *
new_cache (FpTestCustomer customer)
{
  g_autoptr(GError) error = NULL;
  FpCache *cache = fp_cache_new_ephemeral (tmp_dir, &error);

  g_assert_no_error (error);
  offers_test_fill (cache, bank, customer);
  offers_test_copy_catalogue (bank, cache, FP_CACHE_HOLDINGS, "holdingId");
  return cache;
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
  fp_ui_test_spin (300);
}

static void
hide (Shown *shown)
{
  gtk_window_destroy (GTK_WINDOW (shown->window));
  fp_ui_test_spin (50);
}

static FpPortfolioView *
show_portfolio (Shown *shown)
{
  FpPortfolioView *view;

  g_assert_true (fp_offers_page_show_offer (shown->page, "portfolio-balanced"));
  view = fp_offers_page_get_portfolio_view (shown->page);
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (view), GTK_WIDGET (fp_offers_page_get_detail (shown->page))));
  return view;
}

/* The questionnaire's rows, found by their titles in the page. */
typedef struct {
  const char *title;
  GtkWidget  *found;
} FindRow;

static gboolean
find_row_cb (GtkWidget *widget,
             gpointer   user_data)
{
  FindRow *f = user_data;

  if (ADW_IS_COMBO_ROW (widget) &&
      g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), f->title))
    {
      f->found = widget;
      return FALSE;
    }
  return TRUE;
}

static AdwComboRow *
combo_row (GtkWidget  *root,
           const char *title)
{
  FindRow f = { title, NULL };

  offers_test_walk (root, find_row_cb, &f);
  g_assert_nonnull (f.found);
  return ADW_COMBO_ROW (f.found);
}

/* The documented scoring, written out again: horizon 0…3, reaction 0…3,
 * experience 0…2 points; 1 + round (6 × points / 8), halves up. */
static guint
expected_willingness (guint horizon,
                      guint reaction,
                      guint experience)
{
  guint points = horizon + reaction + experience;

  return 1 + (guint) floor (6.0 * points / 8.0 + 0.5);
}

/* The documented capacity caps over the customer's figures. */
static guint
expected_capacity (const FpRiskCapacityInputs *c,
                   guint                       horizon)
{
  guint cap = 7;

  if (horizon == 0)
    cap = MIN (cap, 3);
  if (c == NULL)
    return cap;
  if (c->monthly_spending_minor > 0)
    {
      double months = (double) MAX (0, c->liquid_minor) / (double) c->monthly_spending_minor;

      if (months < 1.0)
        cap = MIN (cap, 2);
      else if (months < 3.0)
        cap = MIN (cap, 3);
    }
  if (c->monthly_income_minor <= 0)
    cap = MIN (cap, 3);
  else
    {
      double dti = (double) c->monthly_debt_payments_minor / (double) c->monthly_income_minor;

      /* Whole percent, as the profile states it. */
      if (floor (dti * 100.0) > 40)
        cap = MIN (cap, 3);
      else if (floor (dti * 100.0) > 20)
        cap = MIN (cap, 5);
    }
  if (c->income_variation > 0.30)
    cap = MIN (cap, 4);
  else if (c->income_variation > 0.15)
    cap = MIN (cap, 5);
  return cap;
}

static void
check_questionnaire (FpTestCustomer customer,
                     gboolean       personalization,
                     gboolean       expect_capped)
{
  g_autoptr(FpCache) cache = new_cache (customer);
  g_autoptr(FpConsentPolicy) policy = policy_with (personalization);
  FpRiskCapacityInputs inputs;
  const FpRiskCapacityInputs *capacity = NULL;
  AdwComboRow *horizon, *loss, *experience;
  FpPortfolioView *view;
  gboolean any_capped = FALSE;
  Shown shown;

  show (&shown, cache, policy, 1280, 800);
  view = show_portfolio (&shown);
  horizon = combo_row (GTK_WIDGET (view), "When Will You _Need the Money?");
  loss = combo_row (GTK_WIDGET (view), "If Your Investments _Fell by 20 %");
  experience = combo_row (GTK_WIDGET (view), "Your _Experience with Investing");

  if (personalization)
    {
      FpOffersData *data = fp_offers_page_get_data (shown.page);

      g_assert_nonnull (data->dashboard->dashboard);
      fp_risk_capacity_from_dashboard (&inputs, data->dashboard->dashboard, data->currency);
      capacity = &inputs;
    }

  /* Every combination of answers, chosen as the customer chooses them. */
  for (guint h = 0; h < 4; h++)
    for (guint r = 0; r < 4; r++)
      for (guint e = 0; e < 3; e++)
        {
          const FpRiskProfile *p;
          guint willingness = expected_willingness (h, r, e);
          guint cap = expected_capacity (capacity, h);
          g_autofree char *score = g_strdup_printf ("%u of 7", MIN (willingness, cap));

          adw_combo_row_set_selected (horizon, h);
          adw_combo_row_set_selected (loss, r);
          adw_combo_row_set_selected (experience, e);
          p = fp_portfolio_view_get_profile (view);
          g_assert_nonnull (p);
          g_assert_cmpuint (p->willingness, ==, willingness);
          g_assert_cmpuint (p->capacity, ==, cap);
          g_assert_cmpuint (p->score, ==, MIN (willingness, cap));
          g_assert_cmpstr (fp_portfolio_view_get_score_text (view), ==, score);
          g_assert_cmpint (p->capped, ==, cap < willingness);
          any_capped |= p->capped && h > 0;
          /* The recommended model is the bank's for that score. */
          g_assert_nonnull (fp_portfolio_view_get_model (view));
        }
  /* The in-debt customer's finances cap a willing investor; without
   * the consent nothing but the horizon does. */
  g_assert_cmpint (any_capped, ==, expect_capped);
  hide (&shown);
  fp_cache_close (cache);
}

static void
test_questionnaire_in_debt (void)
{
  check_questionnaire (FP_TEST_IN_DEBT, TRUE, TRUE);
}

static void
test_questionnaire_no_consent (void)
{
  check_questionnaire (FP_TEST_IN_DEBT, FALSE, FALSE);
}

/* The figure a row shows. */
static const char *
row_figure (GtkWidget *row)
{
  return fp_figure_get_text (FP_FIGURE (fp_figure_row_get_figure (FP_FIGURE_ROW (row))));
}

/* The answers stay on this computer: another page over the same cache
 * starts from them. */
static void
test_answers_kept (void)
{
  g_autoptr(FpCache) cache = new_cache (FP_TEST_SAVER);
  g_autoptr(FpConsentPolicy) policy = policy_with (FALSE);
  FpPortfolioView *view;
  FpRiskAnswers got;
  Shown shown;

  show (&shown, cache, policy, 1280, 800);
  view = show_portfolio (&shown);
  adw_combo_row_set_selected (combo_row (GTK_WIDGET (view), "When Will You _Need the Money?"), 3);
  adw_combo_row_set_selected (combo_row (GTK_WIDGET (view), "If Your Investments _Fell by 20 %"), 0);
  adw_combo_row_set_selected (combo_row (GTK_WIDGET (view), "Your _Experience with Investing"), 2);
  fp_ui_test_spin (100);
  hide (&shown);

  show (&shown, cache, policy, 1280, 800);
  view = show_portfolio (&shown);
  fp_portfolio_view_get_answers (view, &got);
  g_assert_cmpint (got.horizon, ==, FP_HORIZON_OVER_10_YEARS);
  g_assert_cmpint (got.loss_reaction, ==, FP_LOSS_SELL_ALL);
  g_assert_cmpint (got.experience, ==, FP_EXPERIENCE_EXPERIENCED);
  g_assert_cmpuint (fp_portfolio_view_get_profile (view)->willingness, ==, expected_willingness (3, 0, 2));

  /* Another customer's cache on the same page: none of it stays. */
  {
    g_autoptr(FpCache) other = new_cache (FP_TEST_IN_DEBT);

    shown.updated = FALSE;
    fp_offers_page_set_cache (shown.page, other);
    fp_ui_test_wait (&shown.updated);
    view = show_portfolio (&shown);
    fp_portfolio_view_get_answers (view, &got);
    g_assert_cmpint (got.horizon, ==, FP_HORIZON_6_TO_10_YEARS);
    g_assert_cmpint (got.loss_reaction, ==, FP_LOSS_HOLD);
    g_assert_cmpint (got.experience, ==, FP_EXPERIENCE_SOME);
    hide (&shown);
    fp_cache_close (other);
  }
  fp_cache_close (cache);
}

static void
test_drift_trades (void)
{
  g_autoptr(FpCache) cache = new_cache (FP_TEST_SAVER);
  g_autoptr(FpConsentPolicy) policy = policy_with (TRUE);
  g_autoptr(FpRebalance) core = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree FpHoldingValue *held = NULL;
  const FpModelPortfolio *model;
  const FpRebalance *shown_r;
  FpPortfolioView *view;
  FpOffersData *data;
  GtkWidget *row;
  gint64 trades = 0, after = 0, total = 0;
  guint i;
  Shown shown;

  show (&shown, cache, policy, 1280, 800);
  view = show_portfolio (&shown);
  data = fp_offers_page_get_data (shown.page);
  g_assert_cmpuint (data->holdings->len, >, 0);
  model = fp_portfolio_view_get_model (view);
  shown_r = fp_portfolio_view_get_rebalance (view);
  g_assert_nonnull (model);
  g_assert_nonnull (shown_r);

  /* Core's answer for the same holdings and target. */
  held = g_new0 (FpHoldingValue, data->holdings->len);
  for (i = 0; i < data->holdings->len; i++)
    {
      const FpOffersHolding *h = &g_array_index (data->holdings, FpOffersHolding, i);

      held[i].fund_id = h->fund != NULL ? h->fund->fund_id : h->holding_id;
      held[i].value_minor = h->value_minor;
      total += h->value_minor;
    }
  core = fp_portfolio_rebalance (held, data->holdings->len, model->allocations, model->n_allocations, 0, NULL,
                                 data->currency, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shown_r->n_lines, ==, core->n_lines);
  g_assert_cmpint (shown_r->total_minor, ==, total);

  /* Under whether a fund left its band, each row shows core's trade for
   * its fund, in its order, then what is bought and sold. */
  row = gtk_widget_get_next_sibling (gtk_widget_get_first_child (fp_portfolio_view_get_trades_box (view)));
  for (i = 0; i < core->n_lines; i++, row = gtk_widget_get_next_sibling (row))
    {
      const FpDriftLine *l = &core->lines[i];
      g_autofree char *amount = fp_format_money (ABS (l->trade_minor), data->currency, FP_FORMAT_NONE);
      g_autofree char *expected = l->trade_minor > 0 ? g_strdup_printf ("buy %s", amount)
                                  : l->trade_minor < 0 ? g_strdup_printf ("sell %s", amount) : g_strdup ("keep");

      g_assert_nonnull (row);
      g_assert_cmpstr (shown_r->lines[i].fund_id, ==, l->fund_id);
      g_assert_cmpint (shown_r->lines[i].trade_minor, ==, l->trade_minor);
      g_assert_cmpstr (row_figure (row), ==, expected);
      trades += l->trade_minor;
      after += l->after_minor;
      /* The drift is the weight now minus the target, from the values. */
      g_assert_cmpfloat_with_epsilon (l->drift, (double) l->value_minor / (double) total - l->target_weight, 1e-9);
      /* Out of band: 5 points absolute or 25 % of the target. */
      g_assert_cmpint (l->out_of_band, ==,
                       fabs (l->drift) > 0.05 + 1e-12 ||
                       (l->target_weight > 0 && fabs (l->drift) > 0.25 * l->target_weight + 1e-12));
    }
  {
    g_autofree char *bought = fp_format_money (core->buys_minor, data->currency, FP_FORMAT_NONE);
    g_autofree char *sold = fp_format_money (core->sells_minor, data->currency, FP_FORMAT_NONE);

    g_assert_cmpstr (row_figure (row), ==, bought);
    row = gtk_widget_get_next_sibling (row);
    g_assert_cmpstr (row_figure (row), ==, sold);
    row = gtk_widget_get_next_sibling (row);
  }
  g_assert_null (row);
  /* Without new money the trades sum to nothing and the holdings after
   * them to the total, to the cent. */
  g_assert_cmpint (trades, ==, 0);
  g_assert_cmpint (after, ==, total);
  g_assert_cmpint (core->buys_minor, ==, core->sells_minor);
  /* The sandbox's holdings drift out of band: a full rebalance, each fund
   * traded exactly to its target split of the total. */
  g_assert_true (core->out_of_band);
  for (i = 0; i < core->n_lines; i++)
    {
      double target = core->lines[i].target_weight * (double) total;

      g_assert_cmpint (core->lines[i].after_minor, ==, core->lines[i].target_minor);
      g_assert_cmpfloat (fabs ((double) core->lines[i].target_minor - target), <=, 1.0);
    }
  hide (&shown);
  fp_cache_close (cache);
}

static void
test_eco_values (void)
{
  g_autoptr(FpCache) cache = new_cache (FP_TEST_SAVER);
  g_autoptr(FpConsentPolicy) policy = policy_with (FALSE);
  static const guint32 excludes[] = { 0, FP_ESG_FOSSIL_FUELS, FP_ESG_FOSSIL_FUELS | FP_ESG_WEAPONS | FP_ESG_TOBACCO };
  FpEcoInvestView *view;
  FpOffersData *data;
  Shown shown;

  /* No consent is needed: the values are the customer's own choice. */
  show (&shown, cache, policy, 1280, 800);
  g_assert_true (fp_offers_page_show_offer (shown.page, "ecoinvest"));
  view = fp_offers_page_get_eco_invest_view (shown.page);
  g_assert_nonnull (view);
  data = fp_offers_page_get_data (shown.page);

  for (guint x = 0; x < G_N_ELEMENTS (excludes); x++)
    for (guint32 favour = 0; favour < 4; favour++)
      {
        FpEsgValues values = { excludes[x], favour, 0 };
        const FpEsgPortfolio *e;
        gint64 sum = 0;
        guint n_rows = 0, n_left_out = 0;

        fp_eco_invest_view_set_values (view, &values);
        e = fp_eco_invest_view_get_portfolio (view);
        g_assert_nonnull (e);
        for (guint i = 0; i < e->n_allocations; i++)
          {
            const FpFund *fund = fp_fund_find ((const FpFund *) (gconstpointer) data->funds->data, data->funds->len,
                                               e->allocations[i].fund_id);

            g_assert_nonnull (fund);
            /* No fund that holds an excluded activity. */
            g_assert_cmpuint (fund->exposures & values.exclude, ==, 0);
            g_assert_cmpint (e->allocations[i].weight_bps, >, 0);
            sum += e->allocations[i].weight_bps;
          }
        /* The weights sum to one exactly. */
        g_assert_cmpint (sum, ==, 10000);
        /* Every fund of the universe with an excluded activity is left
         * out, and shown so. */
        for (guint i = 0; i < data->funds->len; i++)
          n_left_out += (g_array_index (data->funds, FpFund, i).exposures & values.exclude) != 0;
        g_assert_cmpuint (e->n_excluded, >=, n_left_out);
        if (values.exclude != 0)
          g_assert_cmpuint (n_left_out, >, 0);
        for (GtkWidget *r = gtk_widget_get_first_child (fp_eco_invest_view_get_weights_box (view)); r != NULL;
             r = gtk_widget_get_next_sibling (r))
          {
            g_autofree char *w = fp_format_percent (e->allocations[n_rows].weight_bps / 10000.0, 2, FP_FORMAT_NONE);

            g_assert_cmpstr (row_figure (r), ==, w);
            n_rows++;
          }
        g_assert_cmpuint (n_rows, ==, e->n_allocations);
        /* The cost is the difference against the unfiltered portfolio. */
        g_assert_cmpfloat_with_epsilon (e->return_difference, e->stats.net_return - e->baseline.net_return, 1e-12);
        g_assert_cmpfloat_with_epsilon (e->fee_difference, e->stats.fees - e->baseline.fees, 1e-12);
      }
  hide (&shown);
  fp_cache_close (cache);
}

static void
test_consent_gate (void)
{
  g_autoptr(FpCache) cache = new_cache (FP_TEST_SAVER);
  g_autoptr(FpConsentPolicy) policy = policy_with (FALSE);
  FpPortfolioView *view;
  Shown shown;

  /* Without the consent to personalization: no capacity, no holdings
   * compared, but the model portfolio and its figures. */
  show (&shown, cache, policy, 1280, 800);
  view = show_portfolio (&shown);
  g_assert_nonnull (fp_portfolio_view_get_model (view));
  g_assert_nonnull (fp_portfolio_view_get_stats (view));
  g_assert_null (fp_portfolio_view_get_rebalance (view));
  g_assert_null (fp_portfolio_view_get_trades_box (view));
  g_assert_cmpuint (fp_portfolio_view_get_profile (view)->capacity, ==, 7);

  /* The consent given: the holdings appear against the target. */
  fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED, g_get_real_time ());
  shown.updated = FALSE;
  fp_ui_test_wait (&shown.updated);
  fp_ui_test_spin (100);
  view = show_portfolio (&shown);
  g_assert_nonnull (fp_portfolio_view_get_rebalance (view));
  hide (&shown);
  fp_cache_close (cache);
}

static void
refresh (Shown *shown)
{
  shown->updated = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shown->page), "page.refresh", NULL));
  fp_ui_test_wait (&shown->updated);
}

/* Holdings exactly at @model's target weights: inside every band. */
static void
hold_the_target (FpCache                *cache,
                 FpOffersData           *data,
                 const FpModelPortfolio *model)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) jsons = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < model->n_allocations; i++)
    {
      const FpFund *fund = fp_fund_find ((const FpFund *) (gconstpointer) data->funds->data, data->funds->len,
                                         model->allocations[i].fund_id);
      gint64 value = (gint64) model->allocations[i].weight_bps * 100;   /* of 10,000.00 */

      g_assert_nonnull (fund);
      g_ptr_array_add (ids, g_strdup_printf ("hld_t%" G_GSIZE_FORMAT, i));
      g_ptr_array_add (jsons, g_strdup_printf ("{\"holdingId\":\"hld_t%" G_GSIZE_FORMAT "\",\"accountId\":\"acc_t\","
                                               "\"name\":\"%s\",\"isin\":\"%s\",\"assetClass\":\"%s\","
                                               "\"quantity\":\"1.000\","
                                               "\"unitPrice\":{\"amount\":\"%" G_GINT64_FORMAT ".%02d\",\"currency\":\"%s\"},"
                                               "\"marketValue\":{\"amount\":\"%" G_GINT64_FORMAT ".%02d\",\"currency\":\"%s\"}}",
                                               i, fund->name, fund->isin, fund->asset_class, value / 100,
                                               (int) (value % 100), data->currency, value / 100, (int) (value % 100),
                                               data->currency));
    }
  g_assert_true (fp_cache_replace_catalogue (cache, FP_CACHE_HOLDINGS, (const char * const *) ids->pdata,
                                             (const char * const *) jsons->pdata, ids->len, NULL, &error));
  g_assert_no_error (error);
}

/* The notification when the holdings leave their bands: once per
 * crossing, again after they came back inside and left again. */
static void
test_drift_notice (void)
{
  g_autoptr(FpCache) cache = new_cache (FP_TEST_SAVER);
  g_autoptr(FpConsentPolicy) policy = policy_with (TRUE);
  FpPortfolioView *view;
  Shown shown;

  /* The sandbox's holdings are out of band: one notification. */
  show (&shown, cache, policy, 1280, 800);
  view = show_portfolio (&shown);
  g_assert_true (fp_portfolio_view_get_rebalance (view)->out_of_band);
  g_assert_cmpuint (fp_offers_page_get_drift_notices (shown.page), ==, 1);
  /* Still out after a sync, and on another page: no second one. */
  refresh (&shown);
  g_assert_cmpuint (fp_offers_page_get_drift_notices (shown.page), ==, 1);
  hide (&shown);
  show (&shown, cache, policy, 1280, 800);
  g_assert_cmpuint (fp_offers_page_get_drift_notices (shown.page), ==, 0);

  /* Back inside the bands: nothing; out again: one more. */
  view = show_portfolio (&shown);
  hold_the_target (cache, fp_offers_page_get_data (shown.page), fp_portfolio_view_get_model (view));
  refresh (&shown);
  view = show_portfolio (&shown);
  g_assert_false (fp_portfolio_view_get_rebalance (view)->out_of_band);
  g_assert_cmpuint (fp_offers_page_get_drift_notices (shown.page), ==, 0);

  /* Inside the bands, new money is only bought, underweight first, and
   * the trades sum to it to the cent. */
  {
    const FpRebalance *r;
    gint64 sum = 0;

    fp_portfolio_view_set_contribution (view, 1234567);
    r = fp_portfolio_view_get_rebalance (view);
    g_assert_cmpint (r->contribution_minor, ==, 1234567);
    g_assert_false (r->full_rebalance);
    g_assert_cmpint (r->sells_minor, ==, 0);
    g_assert_cmpint (r->buys_minor, ==, 1234567);
    for (guint i = 0; i < r->n_lines; i++)
      {
        g_assert_cmpint (r->lines[i].trade_minor, >=, 0);
        sum += r->lines[i].trade_minor;
      }
    g_assert_cmpint (sum, ==, 1234567);
    fp_portfolio_view_set_contribution (view, 0);
  }
  offers_test_copy_catalogue (bank, cache, FP_CACHE_HOLDINGS, "holdingId");
  refresh (&shown);
  g_assert_cmpuint (fp_offers_page_get_drift_notices (shown.page), ==, 1);
  hide (&shown);
  fp_cache_close (cache);
}

/* Renders @widget (on @background, or the window's own) into a PNG. */
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
shoot (Shown      *shown,
       const char *name,
       gboolean    dark)
{
  g_autofree char *full = g_strconcat (name, "-full", NULL);
  GdkRGBA bg;

  fp_ui_test_spin (400);
  save_shot (shown->window, shown->window, NULL, name);
  gdk_rgba_parse (&bg, dark ? "#242424" : "#fafafa");
  save_shot (shown->window, GTK_WIDGET (fp_offers_page_get_detail (shown->page)), &bg, full);
}

static void
test_screenshots (void)
{
  static const struct { int width, height; const char *name; } sizes[] = {
    { 360, 640, "360x640" },
    { 1280, 800, "1280x800" },
  };
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(FpCache) cache = new_cache (FP_TEST_SAVER);
  g_autoptr(FpConsentPolicy) policy = policy_with (TRUE);

  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
        {
          const char *look = dark ? "dark" : "light";
          g_autofree char *portfolio = g_strdup_printf ("portfolio-%s-%s", sizes[z].name, look);
          g_autofree char *eco = g_strdup_printf ("ecoinvest-%s-%s", sizes[z].name, look);
          Shown shown;

          show (&shown, cache, policy, sizes[z].width, sizes[z].height);
          show_portfolio (&shown);
          shoot (&shown, portfolio, dark);
          g_assert_true (fp_offers_page_show_offer (shown.page, "ecoinvest"));
          shoot (&shown, eco, dark);
          hide (&shown);
        }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  fp_cache_close (cache);
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

  tmp_dir = g_dir_make_tmp ("fp-invest-test-XXXXXX", &error);
  g_assert_no_error (error);
  shot_dir = g_test_build_filename (G_TEST_BUILT, "ui", "invest-screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (shot_dir, 0755), ==, 0);
  bank = offers_test_sync_bank (tmp_dir);

  g_test_add_func ("/invest/questionnaire-capacity-in-debt", test_questionnaire_in_debt);
  g_test_add_func ("/invest/questionnaire-no-consent", test_questionnaire_no_consent);
  g_test_add_func ("/invest/answers-kept", test_answers_kept);
  g_test_add_func ("/invest/drift-trades-equal-core", test_drift_trades);
  g_test_add_func ("/invest/eco-values-filter", test_eco_values);
  g_test_add_func ("/invest/consent-gate", test_consent_gate);
  g_test_add_func ("/invest/drift-notice-once-per-crossing", test_drift_notice);
  g_test_add_func ("/invest/screenshots", test_screenshots);

  ret = g_test_run ();
  fp_cache_close (bank);
  g_object_unref (bank);
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  g_free (shot_dir);
  return ret;
}
