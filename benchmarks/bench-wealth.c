/* bench-wealth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The wealth view and rebalancing for a customer with 1M cached
 * transactions and 200 holdings (10k transactions at the small size),
 * warm: the data loaded once, then the wealth items, the net worth with
 * its suggestions, and the drift and trades of the 200 holdings against
 * the recommended portfolio (with new money), computed again and again;
 * and the wealth view's net worth over twelve months (fp_wealth_history(),
 * one pass over the cached transactions), which the view adds.
 */

#include "config.h"

#include "bench-offers-common.h"
#include "fp-wealth-history.h"

#define WARM_RUNS 51
#define N_HOLDINGS 200

int
main (int   argc,
      char *argv[])
{
  guint n = bench_size (1000000, 10000);
  g_autofree char *dir = g_dir_make_tmp ("fp-bench-wealth-XXXXXX", NULL);
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(FpOffersData) data = NULL;
  g_autoptr(GError) error = NULL;
  double wealth_ms[WARM_RUNS], rebalance_ms[WARM_RUNS], both_ms[WARM_RUNS], history_ms[WARM_RUNS];
  const FpModelPortfolio *model;
  guint lines = 0, suggestions = 0, points = 0;
  gint64 start;

  /* The demo customer holds 3; 197 more make 200. */
  cache = bench_make_cache (dir, n, N_HOLDINGS - 3);
  start = g_get_monotonic_time ();
  data = fp_offers_data_load (cache, TRUE, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->holdings->len, ==, N_HOLDINGS);
  model = fp_offers_data_find_model (data, "portfolio-balanced");
  g_assert_nonnull (model);
  printf ("wealth for a customer with %u cached transactions and %u holdings\n", n, data->holdings->len);
  printf ("  cold load (cache read + insights)  %8.1f ms  (insights alone %.1f ms)\n",
          (g_get_monotonic_time () - start) / 1000.0, data->dashboard->compute_usec / 1000.0);

  for (guint i = 0; i < WARM_RUNS; i++)
    {
      g_autoptr(GArray) items = NULL;
      g_autoptr(FpWealth) wealth = NULL;
      g_autoptr(FpRebalance) rebalance = NULL;
      g_autofree FpHoldingValue *held = g_new0 (FpHoldingValue, data->holdings->len);
      FpWealthContext ctx = { data->currency, TRUE, fp_dashboard_get_monthly_spending (data->dashboard->dashboard),
                              6, data->savings_rate_bps, 450, 4000,
                              (const FpFund *) (gconstpointer) data->funds->data, data->funds->len };
      const FpInsightsInput *in = data->dashboard->input;
      g_autofree guint32 *ids = g_new0 (guint32, in->accounts->len + 1);
      g_autoptr(GArray) history = NULL;
      gint64 t0 = g_get_monotonic_time (), t1, t2, t3;

      items = fp_offers_data_wealth_items (data);
      wealth = fp_wealth_compute ((const FpWealthItem *) (gconstpointer) items->data, items->len, &ctx, &error);
      t1 = g_get_monotonic_time ();
      for (guint k = 0; k < data->holdings->len; k++)
        {
          const FpOffersHolding *h = &g_array_index (data->holdings, FpOffersHolding, k);

          held[k].fund_id = h->fund != NULL ? h->fund->fund_id : h->holding_id;
          held[k].value_minor = h->value_minor;
        }
      rebalance = fp_portfolio_rebalance (held, data->holdings->len, model->allocations, model->n_allocations,
                                          100000, NULL, data->currency, &error);
      t2 = g_get_monotonic_time ();
      /* As the view walks it: every account, the rest fixed. */
      for (guint a = 0; a < in->accounts->len; a++)
        ids[a] = g_array_index (in->accounts, FpAccountSnapshot, a).account_id;
      history = fp_wealth_history ((const FpTxn *) (gconstpointer) in->txns->data, in->txns->len, ids,
                                   in->accounts->len, wealth->liquid_minor, wealth->net_worth_minor - wealth->liquid_minor,
                                   data->dashboard->first_day, data->dashboard->as_of_day, 12);
      t3 = g_get_monotonic_time ();
      points = history->len;
      history_ms[i] = (t3 - t2) / 1000.0;
      g_assert_no_error (error);
      lines = rebalance->n_lines;
      suggestions = wealth->n_suggestions;
      wealth_ms[i] = (t1 - t0) / 1000.0;
      rebalance_ms[i] = (t2 - t1) / 1000.0;
      both_ms[i] = (t2 - t0) / 1000.0;
    }
  bench_print_samples ("warm: wealth view", wealth_ms, WARM_RUNS);
  bench_print_samples ("warm: drift and rebalancing", rebalance_ms, WARM_RUNS);
  bench_print_samples ("warm: wealth + rebalancing (target 20 ms)", both_ms, WARM_RUNS);
  bench_print_samples ("warm: net worth over 12 months", history_ms, WARM_RUNS);
  printf ("  (%u suggestions, %u funds in the drift, %u points of history per run)\n", suggestions, lines, points);
  fflush (stdout);

  fp_cache_close (cache);
  fp_cache_destroy (dir, NULL);
  g_rmdir (dir);
  return 0;
}
