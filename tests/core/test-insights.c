/* test-insights.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The insights engine on small hand-built histories. Every expected figure
 * is worked out by hand in the comment next to it.
 */

#include <locale.h>
#include <math.h>
#include <string.h>

#include "fp-error.h"
#include "fp-format.h"
#include "fp-insights.h"

#define MCC_DINING 5812
#define MCC_GROCERIES 5411
#define MCC_STREAMING 4899
#define MCC_DIGITAL 5815
#define MCC_INSURANCE 6300
#define MCC_COMMUTER 4111
#define MCC_RENT 6513
#define MCC_ELECTRONICS 5732

static gint32
D (int y,
   int m,
   int d)
{
  return fp_day_from_date (y, m, d);
}

static void
add_txn (GArray  *txns,
         gint32   day,
         gint64   amount,
         guint16  mcc,
         guint32  merchant,
         guint32  flags)
{
  FpTxn t = { 0 };

  t.id = txns->len + 1;
  t.day = day;
  t.minute_of_day = 12 * 60;
  t.amount_minor = amount;
  t.mcc = mcc;
  t.merchant_id = merchant;
  t.account_id = 1;
  t.flags = flags;
  g_array_append_val (txns, t);
}

static const char *
merchant_name (guint32  id,
               gpointer user_data)
{
  switch (id)
    {
    case 10: return "Trattoria";
    case 11: return "Bistro";
    case 200: return "StreamFlix";
    case 201: return "TuneBox";
    default: return NULL;
    }
}

static const FpInsightsOptions options = { "USD", 0, merchant_name, NULL };

static FpDashboard *
compute (GArray                  *txns,
         const FpAccountSnapshot *accounts,
         gsize                    n_accounts,
         const FpInsightsOptions *opts,
         gint32                   today)
{
  g_autoptr(GError) error = NULL;
  FpDashboard *d = fp_dashboard_compute ((const FpTxn *) (gpointer) txns->data, txns->len,
                                         accounts, n_accounts, NULL, opts, today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (d);
  return d;
}

/* Invariants that hold for every dashboard. */
static void
check_invariants (const FpDashboard *d)
{
  const FpMonthSummary *months;
  const FpHealthComponentScore *cs;
  const FpRecommendation *recs;
  const FpForecast *f;
  const guint8 *weights = fp_insights_model_get_default ()->health_weights;
  gsize n, n_recs;
  int sum = 0;

  /* Categories sum to total spending, every month (refunds included: a
   * category can be negative). */
  months = fp_dashboard_get_months (d, &n);
  g_assert_cmpuint (n, >=, 1);
  for (gsize i = 0; i < n; i++)
    {
      gint64 s = 0;

      for (guint c = 0; c < FP_N_CATEGORIES; c++)
        {
          gint64 v = months[i].by_category_minor[c];

          /* Totals saturate rather than overflow. */
          if (v > 0 && s > G_MAXINT64 - v)
            s = G_MAXINT64;
          else if (v < 0 && s < G_MININT64 - v)
            s = G_MININT64;
          else
            s += v;
        }
      g_assert_cmpint (s, ==, months[i].spending_minor);
      g_assert_cmpint (months[i].by_category_minor[FP_CATEGORY_TRANSFERS], ==, 0);
      g_assert_cmpint (months[i].by_category_minor[FP_CATEGORY_INCOME], ==, 0);
      /* No month after the data, and partial is the opposite of complete. */
      g_assert_cmpint (months[i].first_day, <=, fp_dashboard_get_freshness (d)->as_of_day);
      g_assert_cmpint (months[i].data_last_day, <=, fp_dashboard_get_freshness (d)->as_of_day);
      g_assert_true (months[i].partial == !months[i].complete);
    }
  g_assert_nonnull (fp_dashboard_get_months_explanation (d));
  g_assert_nonnull (fp_dashboard_get_spending_explanation (d));
  g_assert_nonnull (fp_dashboard_get_income_explanation (d));
  g_assert_nonnull (fp_dashboard_get_balances_explanation (d));

  /* Every figure is explained. */
  {
    const FpCategoryTrend *trends = fp_dashboard_get_trends (d, &n);
    const FpRecurring *rec;
    const FpOverlap *ov;
    const FpAnomaly *an;

    for (gsize i = 0; i < n; i++)
      g_assert_nonnull (trends[i].explanation);
    rec = fp_dashboard_get_recurring (d, &n);
    for (gsize i = 0; i < n; i++)
      {
        g_assert_nonnull (rec[i].explanation);
        g_assert_nonnull (rec[i].merchant_name);
        g_assert_cmpint (rec[i].next_day, >, rec[i].last_day);
      }
    ov = fp_dashboard_get_overlaps (d, &n);
    for (gsize i = 0; i < n; i++)
      g_assert_nonnull (ov[i].explanation);
    an = fp_dashboard_get_anomalies (d, &n);
    for (gsize i = 0; i < n; i++)
      g_assert_nonnull (an[i].reason);
  }

  /* The forecast starts at today's balance, inside its band. */
  f = fp_dashboard_get_forecast (d);
  g_assert_cmpuint (f->n_days, ==, FP_FORECAST_DAYS + 1);
  g_assert_cmpint (f->start_day, ==, fp_dashboard_get_today (d));
  g_assert_cmpint (f->low_minor[0], ==, f->expected_minor[0]);
  g_assert_cmpint (f->high_minor[0], ==, f->expected_minor[0]);
  for (guint k = 0; k < f->n_days; k++)
    {
      g_assert_cmpint (f->low_minor[k], <=, f->expected_minor[k]);
      g_assert_cmpint (f->expected_minor[k], <=, f->high_minor[k]);
    }
  g_assert_nonnull (f->explanation);

  /* Score components sum to the score; each action's points are the
   * re-scored difference of its inputs. Without a score, no plan. */
  cs = fp_dashboard_get_health_components (d, &n);
  g_assert_cmpuint (n, ==, FP_HEALTH_N_COMPONENTS);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpint (cs[i].points, >=, 0);
      g_assert_cmpint (cs[i].points, <=, cs[i].weight);
      g_assert_nonnull (cs[i].explanation);
      sum += cs[i].points;
      if (cs[i].action.text != NULL)
        {
          int then = fp_health_score_points (&cs[i].action.inputs_after, weights, NULL, NULL);

          g_assert_cmpint (cs[i].action.points, ==, then - fp_dashboard_get_health_score (d));
          g_assert_cmpint (cs[i].action.points, >, 0);
        }
    }
  if (fp_dashboard_get_health_availability (d)->available)
    {
      g_assert_null (fp_dashboard_get_health_availability (d)->reason);
      g_assert_cmpint (sum, ==, fp_dashboard_get_health_score (d));
      g_assert_cmpint (sum, >=, 0);
      g_assert_cmpint (sum, <=, 100);
    }
  else
    {
      g_assert_nonnull (fp_dashboard_get_health_availability (d)->reason);
      g_assert_cmpint (fp_dashboard_get_health_score (d), ==, -1);
      fp_dashboard_get_health_plan (d, &n);
      g_assert_cmpuint (n, ==, 0);
      for (gsize i = 0; i < FP_HEALTH_N_COMPONENTS; i++)
        g_assert_null (cs[i].action.text);
    }

  /* Every recommendation's points equal the re-scored difference of
   * spending its saving less a month (0 for advice on balances). */
  recs = fp_dashboard_get_recommendations (d, &n_recs);
  for (gsize i = 0; i < n_recs; i++)
    {
      FpHealthInputs in = *fp_dashboard_get_health_inputs (d);
      int expected = 0;

      g_assert_nonnull (recs[i].text);
      g_assert_nonnull (recs[i].explanation);
      g_assert_cmpint (recs[i].monthly_saving_minor, >, 0);
      /* Each links to what is behind it: a period, or an account. */
      g_assert_true (recs[i].first_day != FP_DAY_NONE || recs[i].account_id != 0);
      g_assert_true ((recs[i].first_day == FP_DAY_NONE) == (recs[i].last_day == FP_DAY_NONE));
      if (recs[i].first_day != FP_DAY_NONE)
        g_assert_cmpint (recs[i].first_day, <=, recs[i].last_day);
      if (recs[i].kind != FP_RECOMMENDATION_IDLE_CASH && recs[i].kind != FP_RECOMMENDATION_EXPENSIVE_DEBT &&
          fp_dashboard_get_health_availability (d)->available)
        {
          in.monthly_spending_minor -= recs[i].monthly_saving_minor;
          expected = fp_health_score_points (&in, weights, NULL, NULL) - fp_dashboard_get_health_score (d);
        }
      g_assert_cmpint (recs[i].points, ==, expected);
      if (i > 0)
        g_assert_cmpint (recs[i - 1].monthly_saving_minor, >=, recs[i].monthly_saving_minor);
    }

  /* A segment exactly when it is available. */
  g_assert_true ((fp_dashboard_get_segment (d)->segment != NULL) ==
                 fp_dashboard_get_segment_availability (d)->available);
  if (fp_dashboard_get_segment (d)->segment != NULL)
    g_assert_nonnull (fp_dashboard_get_segment (d)->explanation);
  else
    g_assert_nonnull (fp_dashboard_get_segment_availability (d)->reason);

  /* Alerts say what happened in words and keep the statistics apart. */
  {
    const FpAnomaly *an = fp_dashboard_get_anomalies (d, &n);

    for (gsize i = 0; i < n; i++)
      {
        g_assert_nonnull (an[i].merchant_name);
        g_assert_nonnull (an[i].why);
        g_assert_null (strstr (an[i].reason, "z-score"));
      }
  }
}

static void
test_empty (void)
{
  g_autoptr(FpDashboard) d = NULL;
  g_autoptr(GArray) txns = g_array_new (FALSE, TRUE, sizeof (FpTxn));
  const FpForecast *f;
  gsize n;

  d = compute (txns, NULL, 0, NULL, D (2026, 11, 15));
  check_invariants (d);

  g_assert_cmpint (fp_dashboard_get_first_day (d), ==, FP_DAY_NONE);
  g_assert_nonnull (fp_dashboard_get_months (d, &n));
  g_assert_cmpuint (n, ==, 1);
  fp_dashboard_get_recurring (d, &n);
  g_assert_cmpuint (n, ==, 0);
  fp_dashboard_get_anomalies (d, &n);
  g_assert_cmpuint (n, ==, 0);
  fp_dashboard_get_trends (d, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (fp_dashboard_get_monthly_spending (d), ==, 0);

  f = fp_dashboard_get_forecast (d);
  for (guint k = 0; k < f->n_days; k++)
    g_assert_cmpint (f->expected_minor[k], ==, 0);
  g_assert_cmpint (f->first_risk_day, ==, FP_DAY_NONE);

  /* No history: no score (the old engine said 55 of 100 here). */
  g_assert_cmpint (fp_dashboard_get_health_score (d), ==, -1);
  g_assert_false (fp_dashboard_get_health_availability (d)->available);
  g_assert_cmpint (fp_dashboard_get_health_availability (d)->from_day, ==, FP_DAY_NONE);
  g_assert_false (f->band.available);
  g_assert_null (fp_dashboard_get_segment (d)->segment);
  g_assert_cmpint (fp_dashboard_get_freshness (d)->as_of_day, ==, D (2026, 11, 15));
  g_assert_false (fp_dashboard_get_freshness (d)->stale);
}

/* A customer since July 2026 on 2026-11-15:
 *   salary 3,000.00 from merchant 99 on the 1st of Jul..Nov;
 *   groceries 125.00 on the 3rd and 17th of Jul..Oct, 50.00 on Nov 3;
 *   dining at Trattoria (10) on the 10th: Jul 100, Aug 200, Sep 300, Oct 100;
 *   dining at Bistro (11) on Oct 20: 400.00;
 *   a 0.00 card check on Nov 15, so that the data reaches today. */
static GArray *
steady_history (void)
{
  GArray *txns = g_array_new (FALSE, TRUE, sizeof (FpTxn));
  static const gint64 trattoria[] = { 10000, 20000, 30000, 10000 };

  for (int m = 7; m <= 11; m++)
    add_txn (txns, D (2026, m, 1), 300000, 0, 99, 0);
  for (int m = 7; m <= 10; m++)
    {
      add_txn (txns, D (2026, m, 3), -12500, MCC_GROCERIES, 20, 0);
      add_txn (txns, D (2026, m, 17), -12500, MCC_GROCERIES, 20, 0);
      add_txn (txns, D (2026, m, 10), -trattoria[m - 7], MCC_DINING, 10, 0);
    }
  add_txn (txns, D (2026, 11, 3), -5000, MCC_GROCERIES, 20, 0);
  add_txn (txns, D (2026, 10, 20), -40000, MCC_DINING, 11, 0);
  /* A transfer to savings is neither spending nor income. */
  add_txn (txns, D (2026, 10, 25), -50000, 0, 0, FP_TXN_TRANSFER);
  add_txn (txns, D (2026, 11, 15), 0, 0, 0, 0);

  return txns;
}

static const FpAccountSnapshot steady_accounts[] = {
  { 1, FP_ACCOUNT_CURRENT, 500000, 0, 0, 0, 0 },
  { 2, FP_ACCOUNT_SAVINGS, 1000000, 0, 350, 0, 0 },
};

static void
test_spending_and_trends (void)
{
  g_autoptr(GArray) txns = steady_history ();
  g_autoptr(FpDashboard) d = compute (txns, steady_accounts, 2, &options, D (2026, 11, 15));
  const FpMonthSummary *months;
  const FpCategoryTrend *trends;
  const FpCategoryTrend *const *changes;
  const FpCategoryTrend *dining = NULL, *groceries = NULL;
  gsize n;

  check_invariants (d);

  /* Jul..Nov */
  months = fp_dashboard_get_months (d, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpint (months[0].month, ==, 7);
  g_assert_cmpint (months[3].month, ==, 10);
  /* October: groceries 2 x 125 = 250, dining 100 + 400 = 500, total 750. */
  g_assert_cmpint (months[3].by_category_minor[FP_CATEGORY_GROCERIES], ==, 25000);
  g_assert_cmpint (months[3].by_category_minor[FP_CATEGORY_DINING], ==, 50000);
  g_assert_cmpint (months[3].spending_minor, ==, 75000);
  /* The salary is recognised as income (monthly from the same payer). */
  g_assert_cmpint (months[3].income_minor, ==, 300000);
  g_assert_cmpint (months[3].other_inflows_minor, ==, 0);
  /* November so far: 50.00 of groceries. */
  g_assert_cmpint (months[4].spending_minor, ==, 5000);

  /* Net worth 5,000 + 10,000 = 15,000.00 */
  g_assert_cmpint (fp_dashboard_get_net_worth (d), ==, 1500000);

  /* The recent period is 2026-08-18..2026-11-15, 90 days. Spending in it:
   * Sep 3, 17 and Oct 3, 17 groceries 4 x 125 = 500, Nov 3 50, dining
   * Sep 10 300 + Oct 10 100 + Oct 20 400 = 800: 1,350.00.
   * Per month: 135000 * 1461 / (48 * 90) = 197235000 / 4320 = 45656.25
   * -> 45656. */
  g_assert_cmpint (fp_dashboard_get_monthly_spending (d), ==, 45656);
  /* Income Sep 1, Oct 1, Nov 1: 900000 * 1461 / 4320 = 304375 exactly. */
  g_assert_cmpint (fp_dashboard_get_monthly_income (d), ==, 304375);

  /* Trends of October against Jul..Sep. */
  trends = fp_dashboard_get_trends (d, &n);
  for (gsize i = 0; i < n; i++)
    {
      if (trends[i].category == FP_CATEGORY_DINING)
        dining = &trends[i];
      if (trends[i].category == FP_CATEGORY_GROCERIES)
        groceries = &trends[i];
    }
  g_assert_nonnull (dining);
  g_assert_nonnull (groceries);
  /* Dining: (100 + 200 + 300) / 3 = 200 on average, 500 in October: +300, +150%. */
  g_assert_cmpint (dining->average_minor, ==, 20000);
  g_assert_cmpuint (dining->n_average_months, ==, 3);
  g_assert_cmpint (dining->month_minor, ==, 50000);
  g_assert_cmpint (dining->change_minor, ==, 30000);
  g_assert_cmpfloat_with_epsilon (dining->change_percent, 150.0, 1e-9);
  /* Bistro went from 0 to 400, Trattoria from 200 to 100: Bistro drove it. */
  g_assert_cmpuint (dining->top_merchant_id, ==, 11);
  g_assert_nonnull (strstr (dining->explanation, "Bistro"));
  /* Groceries: 250 every month, no change. */
  g_assert_cmpint (groceries->change_minor, ==, 0);

  changes = fp_dashboard_get_largest_changes (d, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (changes[0] == dining);
}

static void
test_steady_health_and_forecast (void)
{
  g_autoptr(GArray) txns = steady_history ();
  g_autoptr(FpDashboard) d = compute (txns, steady_accounts, 2, &options, D (2026, 11, 15));
  const FpHealthComponentScore *cs;
  const FpHealthAction *const *plan;
  const FpForecast *f;
  const FpRecurring *rec;
  gsize n;

  /* Only the salary is recurring and active: Trattoria's last payment was
   * 36 days ago, later than a monthly rhythm allows (35). */
  rec = fp_dashboard_get_recurring (d, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (rec[0].merchant_id, ==, 99);
  g_assert_true (rec[0].is_income);
  g_assert_cmpint (rec[0].period, ==, FP_PERIOD_MONTHLY);
  g_assert_cmpint (rec[0].next_day, ==, D (2026, 12, 1));
  g_assert_cmpint (rec[0].next_amount_minor, ==, 300000);

  cs = fp_dashboard_get_health_components (d, &n);
  /* Savings rate (304375 - 45656) / 304375 = 0.85: 25.
   * Emergency fund 1500000 / 45656 = 32.9 months: 20.
   * No debt: 20. No cards: 15. Nothing late: 10. */
  g_assert_cmpint (cs[FP_HEALTH_SAVINGS_RATE].points, ==, 25);
  g_assert_cmpint (cs[FP_HEALTH_EMERGENCY_FUND].points, ==, 20);
  g_assert_cmpint (cs[FP_HEALTH_DEBT_TO_INCOME].points, ==, 20);
  g_assert_cmpint (cs[FP_HEALTH_CREDIT_UTILIZATION].points, ==, 15);
  g_assert_cmpint (cs[FP_HEALTH_PAYMENT_HISTORY].points, ==, 10);
  /* Monthly spending Jul 350, Aug 450, Sep 550, Oct 750: mean 525,
   * deviations -175, -75, 25, 225, variance (30625 + 5625 + 625 + 50625) / 4
   * = 21875, sd 147.902, CV 0.28172; points 10 * (0.60 - 0.28172) / 0.50
   * = 6.37 -> 6. */
  g_assert_cmpfloat_with_epsilon (cs[FP_HEALTH_SPENDING_VOLATILITY].value, 0.281718, 1e-5);
  g_assert_cmpint (cs[FP_HEALTH_SPENDING_VOLATILITY].points, ==, 6);
  g_assert_cmpint (fp_dashboard_get_health_score (d), ==, 96);

  /* The only action: steadier spending, CV 0.10 -> 10 points, +4. */
  plan = fp_dashboard_get_health_plan (d, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (plan[0] == &cs[FP_HEALTH_SPENDING_VOLATILITY].action);
  g_assert_cmpint (plan[0]->points, ==, 4);
  g_assert_nonnull (strstr (plan[0]->text, "+4"));

  /* Forecast: starts at the current account's 5,000.00. Everything but the
   * salary is non-recurring: -1350.00 over 90 days = -15.00 a day (the
   * transfer of Oct 25 counts too: -1850.00 / 90 = -20.56 -> -2056).
   * The salary arrives on Dec 1 (+16), Jan 1 (+47) and Feb 1 (+78). */
  f = fp_dashboard_get_forecast (d);
  g_assert_cmpint (f->daily_discretionary_minor, ==, -2056);
  g_assert_cmpint (f->expected_minor[0], ==, 500000);
  g_assert_cmpint (f->expected_minor[15], ==, 500000 - 15 * 2056);
  g_assert_cmpint (f->expected_minor[16], ==, 500000 - 16 * 2056 + 300000);
  g_assert_cmpint (f->expected_minor[30], ==, 500000 - 30 * 2056 + 300000);
  g_assert_cmpint (f->expected_minor[90], ==, 500000 - 90 * 2056 + 900000);
  g_assert_cmpint (f->first_risk_day, ==, FP_DAY_NONE);
  g_assert_cmpint (f->low_minor[30], <, f->expected_minor[30]);

  check_invariants (d);
}

/* On 2026-11-15 (a Sunday):
 *   StreamFlix (200, pay TV) on the 5th Jun..Nov: 15.49 x 4, then 17.99 x 2;
 *   TuneBox (201, digital media) on the 20th Jul..Oct: 9.99;
 *   insurance (203) yearly 600.00 on 2024-12-01 and 2025-12-01;
 *   commuter pass (204) 25.00 weekly, 2, 9, 16, 23 and 30 days ago;
 *   wages (300) 1,500.00 every 14 days, 3 to 73 days ago. */
static void
test_recurring (void)
{
  g_autoptr(GArray) txns = g_array_new (FALSE, TRUE, sizeof (FpTxn));
  g_autoptr(FpDashboard) d = NULL;
  gint32 today = D (2026, 11, 15);
  const FpRecurring *rec;
  const FpOverlap *ov;
  const FpRecommendation *recs;
  gsize n;
  gboolean seen_overlap = FALSE, seen_rise = FALSE;

  for (int m = 6; m <= 11; m++)
    add_txn (txns, D (2026, m, 5), m <= 9 ? -1549 : -1799, MCC_STREAMING, 200, FP_TXN_ONLINE);
  for (int m = 7; m <= 10; m++)
    add_txn (txns, D (2026, m, 20), -999, MCC_DIGITAL, 201, FP_TXN_ONLINE);
  add_txn (txns, D (2024, 12, 1), -60000, MCC_INSURANCE, 203, 0);
  add_txn (txns, D (2025, 12, 1), -60000, MCC_INSURANCE, 203, 0);
  for (int k = 2; k <= 30; k += 7)
    add_txn (txns, today - k, -2500, MCC_COMMUTER, 204, 0);
  for (int k = 3; k <= 73; k += 14)
    add_txn (txns, today - k, 150000, 0, 300, 0);

  d = compute (txns, steady_accounts, 2, &options, today);
  check_invariants (d);

  rec = fp_dashboard_get_recurring (d, &n);
  g_assert_cmpuint (n, ==, 5);

  /* By next day: TuneBox Nov 20 (+5) and the pass (+5, merchant 204 after
   * 201), wages +11, insurance Dec 1 (+16), StreamFlix Dec 5 (+20). */
  g_assert_cmpuint (rec[0].merchant_id, ==, 201);
  g_assert_cmpint (rec[0].next_day, ==, D (2026, 11, 20));
  g_assert_cmpint (rec[0].period, ==, FP_PERIOD_MONTHLY);
  g_assert_true (rec[0].is_subscription);
  g_assert_cmpint (rec[0].next_amount_minor, ==, -999);
  g_assert_cmpint (rec[0].category, ==, FP_CATEGORY_ENTERTAINMENT);
  g_assert_cmpstr (rec[0].merchant_name, ==, "TuneBox");

  g_assert_cmpuint (rec[1].merchant_id, ==, 204);
  g_assert_cmpint (rec[1].period, ==, FP_PERIOD_WEEKLY);
  g_assert_cmpint (rec[1].next_day, ==, today + 5);
  g_assert_cmpuint (rec[1].n_occurrences, ==, 5);
  /* 25.00 * 52 / 12 = 108.333 -> 108.33 a month. */
  g_assert_cmpint (rec[1].monthly_minor, ==, -10833);

  g_assert_cmpuint (rec[2].merchant_id, ==, 300);
  g_assert_true (rec[2].is_income);
  g_assert_cmpint (rec[2].period, ==, FP_PERIOD_BIWEEKLY);
  g_assert_cmpint (rec[2].next_day, ==, today + 11);
  /* 1,500.00 * 26 / 12 = 3,250.00 */
  g_assert_cmpint (rec[2].monthly_minor, ==, 325000);

  g_assert_cmpuint (rec[3].merchant_id, ==, 203);
  g_assert_cmpint (rec[3].period, ==, FP_PERIOD_YEARLY);
  g_assert_cmpint (rec[3].next_day, ==, D (2026, 12, 1));
  /* 600.00 / 12 = 50.00 */
  g_assert_cmpint (rec[3].monthly_minor, ==, -5000);

  g_assert_cmpuint (rec[4].merchant_id, ==, 200);
  g_assert_cmpuint (rec[4].n_occurrences, ==, 6);
  g_assert_true (rec[4].is_subscription);
  g_assert_true (rec[4].price_rise);
  g_assert_cmpint (rec[4].previous_amount_minor, ==, -1549);
  g_assert_cmpint (rec[4].last_amount_minor, ==, -1799);
  g_assert_cmpint (rec[4].rise_day, ==, D (2026, 10, 5));
  g_assert_cmpint (rec[4].next_day, ==, D (2026, 12, 5));
  g_assert_cmpint (rec[4].next_amount_minor, ==, -1799);

  /* Two entertainment subscriptions: 17.99 + 9.99 = 27.98 a month. */
  ov = fp_dashboard_get_overlaps (d, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (ov[0].category, ==, FP_CATEGORY_ENTERTAINMENT);
  g_assert_cmpuint (ov[0].n_items, ==, 2);
  g_assert_cmpint (ov[0].monthly_minor, ==, 2798);

  recs = fp_dashboard_get_recommendations (d, &n);
  for (gsize i = 0; i < n; i++)
    {
      /* Keeping only StreamFlix saves TuneBox's 9.99. */
      if (recs[i].kind == FP_RECOMMENDATION_OVERLAPPING_SUBSCRIPTIONS)
        {
          g_assert_cmpint (recs[i].monthly_saving_minor, ==, 999);
          g_assert_nonnull (strstr (recs[i].text, "StreamFlix"));
          seen_overlap = TRUE;
        }
      /* 17.99 - 15.49 = 2.50 a month. */
      if (recs[i].kind == FP_RECOMMENDATION_PRICE_RISE)
        {
          g_assert_cmpint (recs[i].monthly_saving_minor, ==, 250);
          seen_rise = TRUE;
        }
    }
  g_assert_true (seen_overlap);
  g_assert_true (seen_rise);
}

/* On 2026-11-15: groceries (400) 50.00 on the 1st of 2025-12..2026-09 (10
 * payments), then 400.00 on 2026-11-10; two 12.34 at a cafe (401) on
 * 2026-11-01; a payment the bank flagged as fraud (402) on 2026-10-20 and
 * one with a compromised card (403) on 2026-10-21. */
static void
test_anomalies (void)
{
  g_autoptr(GArray) txns = g_array_new (FALSE, TRUE, sizeof (FpTxn));
  g_autoptr(FpDashboard) d = NULL;
  const FpAnomaly *a;
  gsize n;

  for (int k = 0; k < 10; k++)
    add_txn (txns, fp_day_from_date (k == 0 ? 2025 : 2026, k == 0 ? 12 : k, 1) + (k % 3), -5000,
             MCC_GROCERIES, 400, 0);
  add_txn (txns, D (2026, 11, 10), -40000, MCC_GROCERIES, 400, 0);
  add_txn (txns, D (2026, 11, 1), -1234, MCC_DINING, 401, 0);
  add_txn (txns, D (2026, 11, 1), -1234, MCC_DINING, 401, 0);
  add_txn (txns, D (2026, 10, 20), -89900, MCC_ELECTRONICS, 402, FP_TXN_FRAUD | FP_TXN_ONLINE);
  add_txn (txns, D (2026, 10, 21), -2000, MCC_DINING, 403, FP_TXN_CARD_COMPROMISED);

  d = compute (txns, steady_accounts, 2, &options, D (2026, 11, 15));
  check_invariants (d);

  a = fp_dashboard_get_anomalies (d, &n);
  g_assert_cmpuint (n, ==, 4);

  /* Newest first. The 400.00: 11 payments in 12 months, median 50.00, MAD
   * 0 floored to 5% of the median = 2.50; z = 0.6745 * 350.00 / 2.50 =
   * 94.43. */
  g_assert_cmpint (a[0].kind, ==, FP_ANOMALY_MERCHANT_OUTLIER);
  g_assert_cmpint (a[0].day, ==, D (2026, 11, 10));
  g_assert_cmpint (a[0].typical_minor, ==, 5000);
  g_assert_cmpfloat_with_epsilon (a[0].score, 94.43, 1e-9);
  g_assert_nonnull (a[0].reason);

  g_assert_cmpint (a[1].kind, ==, FP_ANOMALY_DUPLICATE);
  g_assert_cmpint (a[1].txn_id, ==, 13);
  g_assert_cmpint (a[2].kind, ==, FP_ANOMALY_CARD_COMPROMISED);
  g_assert_cmpint (a[3].kind, ==, FP_ANOMALY_FRAUD);
  g_assert_cmpint (a[3].amount_minor, ==, -89900);
  for (gsize i = 0; i < n; i++)
    g_assert_nonnull (a[i].reason);
}

/* 1,000.00 in the current account, rent 800.00 on the 1st (Aug..Nov), no
 * income, nothing else. */
static void
test_forecast_risk (void)
{
  g_autoptr(GArray) txns = g_array_new (FALSE, TRUE, sizeof (FpTxn));
  static const FpAccountSnapshot accounts[] = {
    { 1, FP_ACCOUNT_CURRENT, 100000, 0, 0, 0, 0 },
  };
  gint32 today = D (2026, 11, 15);
  FpInsightsOptions opts = options;

  for (int m = 8; m <= 11; m++)
    add_txn (txns, D (2026, m, 1), -80000, MCC_RENT, 500, 0);

  {
    g_autoptr(FpDashboard) d = compute (txns, accounts, 1, &opts, today);
    const FpForecast *f = fp_dashboard_get_forecast (d);

    check_invariants (d);
    /* Nothing else happens: no daily flow, no band. */
    g_assert_cmpint (f->daily_discretionary_minor, ==, 0);
    /* Dec 1 (+16): 1000 - 800 = 200; Jan 1 (+47): -600. */
    g_assert_cmpint (f->expected_minor[15], ==, 100000);
    g_assert_cmpint (f->expected_minor[16], ==, 20000);
    g_assert_cmpint (f->expected_minor[47], ==, -60000);
    g_assert_cmpint (f->low_minor[47], ==, -60000);
    g_assert_cmpint (f->first_risk_day, ==, D (2027, 1, 1));
    g_assert_cmpint (f->first_possible_risk_day, ==, D (2027, 1, 1));
  }

  /* With a threshold of 500.00 the risk starts with December's rent. */
  opts.risk_threshold_minor = 50000;
  {
    g_autoptr(FpDashboard) d = compute (txns, accounts, 1, &opts, today);

    g_assert_cmpint (fp_dashboard_get_forecast (d)->first_risk_day, ==, D (2026, 12, 1));
  }
}

/* Dining 10.00 every day since 2025-11-01, plus 310.00 more on 2025-12-15:
 * a December twice as expensive as other months. */
static void
test_forecast_seasonal (void)
{
  g_autoptr(GArray) txns = g_array_new (FALSE, TRUE, sizeof (FpTxn));
  static const FpAccountSnapshot accounts[] = {
    { 1, FP_ACCOUNT_CURRENT, 500000, 0, 0, 0, 0 },
  };
  g_autoptr(FpDashboard) d = NULL;
  gint32 today = D (2026, 11, 15);
  const FpForecast *f;

  for (gint32 day = D (2025, 11, 1); day <= today; day++)
    add_txn (txns, day, -1000, MCC_DINING, 10, 0);
  add_txn (txns, D (2025, 12, 15), -31000, MCC_DINING, 10, 0);

  d = compute (txns, accounts, 1, &options, today);
  check_invariants (d);
  f = fp_dashboard_get_forecast (d);

  /* The last 90 days: -10.00 a day, always the same (no band). */
  g_assert_cmpint (f->daily_discretionary_minor, ==, -1000);
  g_assert_cmpint (f->high_minor[90], ==, f->low_minor[90]);

  /* Last year's months Nov 2025..Oct 2026: 300, 620, 310, 280, 310, 300,
   * 310, 300, 310, 310, 300, 310: 3,960.00, 330.00 on average. Factors:
   * Nov 300 * 12 / 3960 = 0.909 -> -909 a day (Nov 16..30, days 1..15),
   * Dec 620 * 12 / 3960 = 1.879 -> -1879 (days 16..46),
   * Jan 310 * 12 / 3960 = 0.939 -> -939 (days 47..77),
   * Feb 280 * 12 / 3960 = 0.848 -> -848 (days 78..90). */
  g_assert_cmpint (f->expected_minor[1], ==, 500000 - 909);
  g_assert_cmpint (f->expected_minor[15], ==, 500000 - 15 * 909);
  g_assert_cmpint (f->expected_minor[46], ==, 500000 - 15 * 909 - 31 * 1879);
  g_assert_cmpint (f->expected_minor[90], ==, 500000 - 15 * 909 - 31 * 1879 - 31 * 939 - 13 * 848);
  g_assert_cmpint (f->first_risk_day, ==, FP_DAY_NONE);
}

static void
test_health_formula (void)
{
  const guint8 *w = fp_insights_model_get_default ()->health_weights;
  FpHealthInputs in = { 0 };
  double values[FP_HEALTH_N_COMPONENTS];
  int points[FP_HEALTH_N_COMPONENTS];

  g_assert_cmpint (w[0] + w[1] + w[2] + w[3] + w[4] + w[5], ==, 100);

  in.monthly_income_minor = 500000;
  in.monthly_spending_minor = 440000;
  in.liquid_minor = 900000;
  in.monthly_debt_payments_minor = 100000;
  in.card_min_payments_minor = 20000;
  in.credit_owed_minor = 300000;
  in.credit_limit_minor = 500000;
  in.late_payments_12m = 1;
  in.spending_volatility = 0.35;

  /* savings (500000 - 440000) / 500000 = 0.12 -> 25 * 0.12 / 0.20 = 15;
   * emergency 900000 / 440000 = 2.045 months -> 20 * 2.045 / 6 = 6.8 -> 7;
   * debt to income 0.20 -> 20 * (0.50 - 0.20) / 0.35 = 17.1 -> 17;
   * utilization 0.60 -> 15 * (0.90 - 0.60) / 0.80 = 5.6 -> 6;
   * 1 late -> 10 * 2 / 3 = 6.7 -> 7;
   * volatility 0.35 -> 10 * (0.60 - 0.35) / 0.50 = 5.
   * Total 57. */
  g_assert_cmpint (fp_health_score_points (&in, w, values, points), ==, 57);
  g_assert_cmpint (points[FP_HEALTH_SAVINGS_RATE], ==, 15);
  g_assert_cmpint (points[FP_HEALTH_EMERGENCY_FUND], ==, 7);
  g_assert_cmpint (points[FP_HEALTH_DEBT_TO_INCOME], ==, 17);
  g_assert_cmpint (points[FP_HEALTH_CREDIT_UTILIZATION], ==, 6);
  g_assert_cmpint (points[FP_HEALTH_PAYMENT_HISTORY], ==, 7);
  g_assert_cmpint (points[FP_HEALTH_SPENDING_VOLATILITY], ==, 5);
  g_assert_cmpfloat_with_epsilon (values[FP_HEALTH_SAVINGS_RATE], 0.12, 1e-12);
  g_assert_cmpfloat_with_epsilon (values[FP_HEALTH_CREDIT_UTILIZATION], 0.60, 1e-12);
}

/* A customer in debt: dining out a lot, a card near its limit. */
static void
test_debt_actions (void)
{
  g_autoptr(GArray) txns = g_array_new (FALSE, TRUE, sizeof (FpTxn));
  static const FpAccountSnapshot accounts[] = {
    { 1, FP_ACCOUNT_CURRENT, 120000, 0, 0, 0, 0 },
    { 2, FP_ACCOUNT_CREDIT_CARD, -450000, 500000, 2499, 13500, 2 },
    { 3, FP_ACCOUNT_LOAN, -1200000, 0, 899, 40000, 0 },
  };
  g_autoptr(FpDashboard) d = NULL;
  const FpHealthComponentScore *cs;
  const FpHealthAction *const *plan;
  const FpRecommendation *recs;
  gint32 today = D (2026, 11, 15);
  gboolean seen_debt = FALSE;
  gsize n;

  /* From 2026-08-18 (90 days): wages 2,000.00 on the 1st of Sep..Nov, dining
   * 55.00 every day. */
  for (int m = 8; m <= 11; m++)
    add_txn (txns, D (2026, m, 1), 200000, 0, 300, FP_TXN_INCOME_HINT);
  for (gint32 day = D (2026, 8, 1); day <= today; day++)
    add_txn (txns, day, -5500, MCC_DINING, 10 + (guint32) (day % 5), 0);

  d = compute (txns, accounts, G_N_ELEMENTS (accounts), &options, today);
  check_invariants (d);

  /* Income: 600000 * 1461 / 4320 = 202916.67 -> 202917.
   * Spending: 90 * 5500 = 495000 * 1461 / 4320 = 167406.25 -> 167406. */
  g_assert_cmpint (fp_dashboard_get_monthly_income (d), ==, 202917);
  g_assert_cmpint (fp_dashboard_get_monthly_spending (d), ==, 167406);

  cs = fp_dashboard_get_health_components (d, &n);
  /* Utilization 450000 / 500000 = 0.9: 0 points. Two late payments:
   * 10 / 3 = 3.3 -> 3. Debt payments 13500 + 40000 = 53500 / 202917 =
   * 0.2637 -> 20 * (0.5 - 0.2637) / 0.35 = 13.5 -> 14. */
  g_assert_cmpint (cs[FP_HEALTH_CREDIT_UTILIZATION].points, ==, 0);
  g_assert_cmpint (cs[FP_HEALTH_PAYMENT_HISTORY].points, ==, 3);
  g_assert_cmpint (cs[FP_HEALTH_DEBT_TO_INCOME].points, ==, 14);

  /* Savings rate (202917 - 167406) / 202917 = 0.175 -> 25 * 0.875 = 21.9
   * -> 22. Spending less on dining: a quarter of 1,674.06 = 418.52, in
   * whole units 419.00. */
  g_assert_cmpint (cs[FP_HEALTH_SAVINGS_RATE].points, ==, 22);
  g_assert_cmpint (cs[FP_HEALTH_SAVINGS_RATE].action.amount_minor, ==, 41900);
  g_assert_cmpint (cs[FP_HEALTH_SAVINGS_RATE].action.inputs_after.monthly_spending_minor, ==, 167406 - 41900);
  /* Paying the card to 30% of its limit: 450000 - 150000 = 300000. */
  g_assert_cmpint (cs[FP_HEALTH_CREDIT_UTILIZATION].action.amount_minor, ==, 300000);

  plan = fp_dashboard_get_health_plan (d, &n);
  g_assert_cmpuint (n, >=, 2);
  for (gsize i = 1; i < n; i++)
    g_assert_cmpint (plan[i - 1]->points, >=, plan[i]->points);

  recs = fp_dashboard_get_recommendations (d, &n);
  for (gsize i = 0; i < n; i++)
    if (recs[i].kind == FP_RECOMMENDATION_EXPENSIVE_DEBT)
      {
        /* 4,500.00 at 24.99%: 450000 * 2499 / 120000 = 9371.25 -> 93.71. */
        g_assert_cmpint (recs[i].monthly_saving_minor, ==, 9371);
        seen_debt = TRUE;
      }
  g_assert_true (seen_debt);

  /* The card (4,500.00 at 24.99 %) costs the most, but 1,200.00 in the
   * current account cannot pay it off: no "pay it off from your savings". */
  g_assert_null (cs[FP_HEALTH_DEBT_TO_INCOME].action.text);

  /* Features: log10 (2029.17 + 1) = 3.307, savings rate 0.175, essential
   * share 0, discretionary share 1, travel 0, utilization 0.9, debt to
   * income 0.2637. Scaled distances to the built-in centroids: careful
   * saver 7.79, comfortable spender 6.05, stretched borrower 6.70, young
   * starter 5.35, affluent traveller 7.41. */
  g_assert_cmpstr (fp_dashboard_get_segment (d)->segment->id, ==, "young-starter");
  g_assert_cmpfloat_with_epsilon (fp_dashboard_get_segment (d)->distance, 5.346, 0.001);
}

/* With the cash at hand, paying the most expensive debt off is advised,
 * and its points are the re-scored difference. */
static void
test_debt_payoff_with_cash (void)
{
  g_autoptr(GArray) txns = g_array_new (FALSE, TRUE, sizeof (FpTxn));
  static const FpAccountSnapshot accounts[] = {
    { 1, FP_ACCOUNT_CURRENT, 120000, 0, 0, 0, 0 },
    { 4, FP_ACCOUNT_SAVINGS, 500000, 0, 0, 0, 0 },
    { 2, FP_ACCOUNT_CREDIT_CARD, -450000, 500000, 2499, 13500, 2 },
    { 3, FP_ACCOUNT_LOAN, -1200000, 0, 899, 40000, 0 },
  };
  g_autoptr(FpDashboard) d = NULL;
  const FpHealthComponentScore *cs;
  gint32 today = D (2026, 11, 15);
  gsize n;

  for (int m = 8; m <= 11; m++)
    add_txn (txns, D (2026, m, 1), 200000, 0, 300, FP_TXN_INCOME_HINT);
  for (gint32 day = D (2026, 8, 1); day <= today; day++)
    add_txn (txns, day, -5500, MCC_DINING, 10 + (guint32) (day % 5), 0);

  d = compute (txns, accounts, G_N_ELEMENTS (accounts), &options, today);
  check_invariants (d);
  cs = fp_dashboard_get_health_components (d, &n);

  /* 6,200.00 at hand pays the card's 4,500.00 (24.99 % beats the loan's
   * 8.99 %); its 135.00 minimum payment goes from the debt payments. */
  g_assert_nonnull (cs[FP_HEALTH_DEBT_TO_INCOME].action.text);
  g_assert_cmpint (cs[FP_HEALTH_DEBT_TO_INCOME].action.amount_minor, ==, 450000);
  g_assert_cmpint (cs[FP_HEALTH_DEBT_TO_INCOME].action.inputs_after.liquid_minor, ==, 620000 - 450000);
  g_assert_cmpint (cs[FP_HEALTH_DEBT_TO_INCOME].action.inputs_after.monthly_debt_payments_minor, ==, 53500 - 13500);
}

/* A new customer: one month of history, no complete month yet covered. */
static void
test_one_month (void)
{
  g_autoptr(GArray) txns = g_array_new (FALSE, TRUE, sizeof (FpTxn));
  g_autoptr(FpDashboard) d = NULL;
  gsize n;

  add_txn (txns, D (2026, 10, 20), 250000, 0, 300, FP_TXN_INCOME_HINT);
  for (int k = 0; k < 20; k++)
    add_txn (txns, D (2026, 10, 20) + k, -3000, MCC_GROCERIES, 20 + k % 3, 0);

  d = compute (txns, steady_accounts, 2, &options, D (2026, 11, 15));
  check_invariants (d);

  /* Oct and Nov are shown; October is not covered from its 1st, so there
   * are no trends yet. */
  fp_dashboard_get_months (d, &n);
  g_assert_cmpuint (n, ==, 2);
  fp_dashboard_get_trends (d, &n);
  g_assert_cmpuint (n, ==, 0);
  /* The recent period would start on the first day, 2026-10-20, 27 days,
   * but is at least 30 days: 2026-10-17..11-15.
   * Spending 20 * 30.00 = 60000 * 1461 / (48 * 30) = 60875. */
  g_assert_cmpint (fp_dashboard_get_monthly_spending (d), ==, 60875);
}

static void
test_only_income (void)
{
  g_autoptr(GArray) txns = g_array_new (FALSE, TRUE, sizeof (FpTxn));
  g_autoptr(FpDashboard) d = NULL;
  const FpHealthComponentScore *cs;
  gsize n;

  for (int m = 5; m <= 11; m++)
    add_txn (txns, D (2026, m, 1), 100000, 0, 300, 0);

  d = compute (txns, NULL, 0, &options, D (2026, 11, 15));
  check_invariants (d);

  g_assert_cmpint (fp_dashboard_get_monthly_spending (d), ==, 0);
  cs = fp_dashboard_get_health_components (d, &n);
  /* Savings rate 100%: 25. No balances: 0 months of spending, but no
   * spending either: 0. */
  g_assert_cmpint (cs[FP_HEALTH_SAVINGS_RATE].points, ==, 25);
  g_assert_cmpint (cs[FP_HEALTH_EMERGENCY_FUND].points, ==, 0);
  fp_dashboard_get_recurring (d, &n);
  g_assert_cmpuint (n, ==, 1);
}

/* Amounts near the limits of gint64 saturate instead of overflowing. */
static void
test_huge_amounts (void)
{
  g_autoptr(GArray) txns = g_array_new (FALSE, TRUE, sizeof (FpTxn));
  static const FpAccountSnapshot accounts[] = {
    { 1, FP_ACCOUNT_CURRENT, G_MAXINT64, 0, 0, 0, 0 },
    { 2, FP_ACCOUNT_SAVINGS, G_MAXINT64, 0, 0, 0, 0 },
    { 3, FP_ACCOUNT_CREDIT_CARD, G_MININT64, G_MAXINT64, 9999, G_MAXINT64, 0 },
  };
  g_autoptr(FpDashboard) d = NULL;
  gint32 today = D (2026, 11, 15);
  const FpMonthSummary *months;
  gsize n;

  for (int k = 0; k < 40; k++)
    {
      add_txn (txns, today - 3 * k, G_MININT64 / 3, MCC_DINING, 7, 0);
      add_txn (txns, today - 3 * k, G_MAXINT64 / 3, 0, 8, FP_TXN_INCOME_HINT);
    }
  add_txn (txns, today - 1, G_MININT64, MCC_GROCERIES, 0, FP_TXN_FRAUD);

  d = compute (txns, accounts, G_N_ELEMENTS (accounts), &options, today);
  check_invariants (d);

  /* MAX + MAX saturates at MAX. */
  g_assert_cmpint (fp_dashboard_get_liquid (d), ==, G_MAXINT64);
  months = fp_dashboard_get_months (d, &n);
  g_assert_cmpint (months[n - 1].spending_minor, ==, G_MAXINT64);
}

static void
test_bad_input (void)
{
  g_autoptr(GError) error = NULL;
  FpInsightsModel model = *fp_insights_model_get_default ();

  g_assert_null (fp_dashboard_compute (NULL, 3, NULL, 0, NULL, NULL, D (2026, 1, 1), &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
  g_clear_error (&error);

  model.health_weights[0] = 30;
  g_assert_null (fp_dashboard_compute (NULL, 0, NULL, 0, &model, NULL, D (2026, 1, 1), &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
  g_clear_error (&error);

  model = *fp_insights_model_get_default ();
  model.version = 99;
  g_assert_false (fp_insights_model_validate (&model, &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (fp_insights_model_validate (fp_insights_model_get_default (), NULL));
}

/* The input order does not matter, and the engine is deterministic. */
static void
test_order_independent (void)
{
  g_autoptr(GArray) txns = steady_history ();
  g_autoptr(GArray) reversed = g_array_new (FALSE, TRUE, sizeof (FpTxn));
  g_autoptr(FpDashboard) a = NULL;
  g_autoptr(FpDashboard) b = NULL;
  const FpMonthSummary *ma, *mb;
  gsize na, nb;

  for (guint i = txns->len; i > 0; i--)
    g_array_append_val (reversed, g_array_index (txns, FpTxn, i - 1));

  a = compute (txns, steady_accounts, 2, &options, D (2026, 11, 15));
  b = compute (reversed, steady_accounts, 2, &options, D (2026, 11, 15));

  ma = fp_dashboard_get_months (a, &na);
  mb = fp_dashboard_get_months (b, &nb);
  g_assert_cmpuint (na, ==, nb);
  g_assert_cmpmem (ma, na * sizeof *ma, mb, nb * sizeof *mb);
  g_assert_cmpint (fp_dashboard_get_health_score (a), ==, fp_dashboard_get_health_score (b));
  g_assert_cmpmem (fp_dashboard_get_forecast (a)->expected_minor, (FP_FORECAST_DAYS + 1) * sizeof (gint64),
                   fp_dashboard_get_forecast (b)->expected_minor, (FP_FORECAST_DAYS + 1) * sizeof (gint64));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/insights/empty", test_empty);
  g_test_add_func ("/insights/spending-and-trends", test_spending_and_trends);
  g_test_add_func ("/insights/steady-health-and-forecast", test_steady_health_and_forecast);
  g_test_add_func ("/insights/recurring", test_recurring);
  g_test_add_func ("/insights/anomalies", test_anomalies);
  g_test_add_func ("/insights/forecast-risk", test_forecast_risk);
  g_test_add_func ("/insights/forecast-seasonal", test_forecast_seasonal);
  g_test_add_func ("/insights/health-formula", test_health_formula);
  g_test_add_func ("/insights/debt-actions", test_debt_actions);
  g_test_add_func ("/insights/debt-payoff-with-cash", test_debt_payoff_with_cash);
  g_test_add_func ("/insights/one-month", test_one_month);
  g_test_add_func ("/insights/only-income", test_only_income);
  g_test_add_func ("/insights/huge-amounts", test_huge_amounts);
  g_test_add_func ("/insights/bad-input", test_bad_input);
  g_test_add_func ("/insights/order-independent", test_order_independent);

  return g_test_run ();
}
