/* bench-offers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ranking and loan fitting for a customer with 1M cached transactions
 * (10k at the small size), warm: the Offers page's data loaded once (the
 * insights over the history computed then, as the page does in its
 * worker), then the ranking and both loan fits (15,000.00, and 400.00 a
 * month) computed again and again, as they are when the customer gives
 * feedback or changes the amount. Prints the cold load and the warm
 * figures.
 */

#include "config.h"

#include "bench-offers-common.h"

#define WARM_RUNS 51

int
main (int   argc,
      char *argv[])
{
  guint n = bench_size (1000000, 10000);
  g_autofree char *dir = g_dir_make_tmp ("fp-bench-offers-XXXXXX", NULL);
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(FpOffersData) data = NULL;
  g_autoptr(GError) error = NULL;
  double rank_ms[WARM_RUNS], fit_ms[WARM_RUNS], both_ms[WARM_RUNS];
  FpLoanRequest by_amount = { FP_LOAN_FIT_AMOUNT, FP_LOAN_PURPOSE_CAR, 1500000, 0, TRUE };
  FpLoanRequest by_payment = { FP_LOAN_FIT_PAYMENT, FP_LOAN_PURPOSE_OTHER, 0, 40000, TRUE };
  guint structures = 0;
  gint64 start;

  cache = bench_make_cache (dir, n, 0);
  start = g_get_monotonic_time ();
  data = fp_offers_data_load (cache, TRUE, TRUE, NULL, &error);
  g_assert_no_error (error);
  printf ("offers for a customer with %u cached transactions\n", n);
  printf ("  (income %.2f, spending %.2f a month, health score %d)\n",
          fp_dashboard_get_monthly_income (data->dashboard->dashboard) / 100.0,
          fp_dashboard_get_monthly_spending (data->dashboard->dashboard) / 100.0,
          fp_dashboard_get_health_score (data->dashboard->dashboard));
  printf ("  cold load (cache read + insights)  %8.1f ms  (insights alone %.1f ms)\n",
          (g_get_monotonic_time () - start) / 1000.0, data->dashboard->compute_usec / 1000.0);

  for (guint i = 0; i < WARM_RUNS; i++)
    {
      g_autoptr(FpOfferRanking) ranking = NULL;
      g_autoptr(FpLoanFit) a = NULL;
      g_autoptr(FpLoanFit) p = NULL;
      gint64 t0 = g_get_monotonic_time (), t1, t2;

      ranking = fp_offers_data_rank (data, 4, FALSE, &error);
      t1 = g_get_monotonic_time ();
      a = fp_offers_data_fit_loan (data, &by_amount, &error);
      p = fp_offers_data_fit_loan (data, &by_payment, &error);
      t2 = g_get_monotonic_time ();
      g_assert_no_error (error);
      g_assert_cmpuint (ranking->n_offers, >, 0);
      structures = a->n_structures + p->n_structures;
      rank_ms[i] = (t1 - t0) / 1000.0;
      fit_ms[i] = (t2 - t1) / 1000.0;
      both_ms[i] = (t2 - t0) / 1000.0;
    }
  bench_print_samples ("warm: ranking", rank_ms, WARM_RUNS);
  bench_print_samples ("warm: loan fitting (amount and payment)", fit_ms, WARM_RUNS);
  bench_print_samples ("warm: ranking + loan fitting (target 20 ms)", both_ms, WARM_RUNS);
  printf ("  (%u structures with their schedules and APRs per run)\n", structures);
  {
    g_autoptr(FpLoanFit) a = fp_offers_data_fit_loan (data, &by_amount, &error);

    if (a->refusal != NULL)
      printf ("  (15,000.00: %s)\n", a->refusal);
    printf ("  (%s)\n", a->cash_flow_explanation);
  }
  fflush (stdout);

  fp_cache_close (cache);
  fp_cache_destroy (dir, NULL);
  g_rmdir (dir);
  return 0;
}
