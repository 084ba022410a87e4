/* test-simulator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The simulator against closed forms and independent computations: the
 * future value of an annuity, the lognormal distribution's percentiles, a
 * loan's total interest, sorted percentiles; and its contracts:
 * determinism across thread counts, life events, goals, cancellation,
 * invalid scenarios.
 */

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fp-core.h"
#include "fp-random.h"
#include "fp-sim-select.h"
#include "fp-simulator.h"
#include "sim-test-scenarios.h"

static void
assert_all_percentiles (const FpSimulationResult *r,
                        guint                     month,
                        gint64                    net_worth,
                        gint64                    cash)
{
  for (guint q = 0; q < FP_SIM_N_PERCENTILES; q++)
    {
      g_assert_cmpint (r->net_worth[q][month], ==, net_worth);
      g_assert_cmpint (r->cash[q][month], ==, cash);
    }
}

/* With zero volatility, holdings of P plus contributions c at the end of
 * each month grow to P g^n + c (g^n - 1) / (g - 1), g = (1 + r)^(1/12). */
static void
test_annuity_closed_form (void)
{
  FpScenario s;
  g_autoptr(FpSimulationResult) r = NULL;
  long double g = powl (1.06L, 1.0L / 12.0L);

  deterministic_scenario (&s);
  s.horizon_months = 480;
  s.monthly_income_minor = 50000;           /* 500.00 in … */
  s.monthly_contribution_minor = 50000;     /* … and all of it invested */
  fp_scenario_add_asset (&s, "equities", 0.06, 0.0, 1000000, 1.0);

  r = run (&s, 0);
  g_assert_cmpuint (r->n_points, ==, 481);

  for (guint m = 0; m <= 480; m++)
    {
      long double gn = powl (g, (long double) m);
      long double fv = 10000.0L * gn + 500.0L * (gn - 1.0L) / (g - 1.0L);
      gint64 expected = (gint64) llroundl (fv * 100.0L);

      assert_all_percentiles (r, m, expected, 0);
    }

  /* 10,000 for 40 years at 6 %, plus 500 a month: by hand, 1.06^40 =
   * 10.2857 and the annuity factor 9.2857 / 0.0048676 = 1,907.7, so
   * 102,857 + 953,835 ≈ 1,056,692. */
  g_assert_cmpint (r->net_worth[FP_SIM_P50][480], >, 105660000);
  g_assert_cmpint (r->net_worth[FP_SIM_P50][480], <, 105680000);
}

/* A loan in a deterministic world: after its term, net worth has fallen by
 * exactly the interest paid, n × payment - principal. */
static void
test_debt_closed_form (void)
{
  FpScenario s;
  g_autoptr(FpSimulationResult) r = NULL;
  double i = 0.06 / 12.0;
  double payment = 10000.0 * i / (1.0 - pow (1.0 + i, -36.0));
  double interest = 36.0 * payment - 10000.0;

  deterministic_scenario (&s);
  s.horizon_months = 48;
  s.start_cash_minor = 2000000;
  fp_scenario_add_debt (&s, "car", 1000000, 0.06, 0, 36);

  r = run (&s, 1);
  assert_all_percentiles (r, 0, 1000000, 2000000);
  g_assert_cmpint (llabs (r->net_worth[FP_SIM_P50][36] - (gint64) llround ((10000.0 - interest) * 100.0)), <=, 1);
  g_assert_cmpint (r->net_worth[FP_SIM_P50][48], ==, r->net_worth[FP_SIM_P50][36]);
  g_assert_cmpint (llabs (r->cash[FP_SIM_P50][1] - (gint64) llround ((20000.0 - payment) * 100.0)), <=, 1);
}

static double
normal_quantile (double p)
{
  /* Bisection on erfc: slow, simple and independent of the code tested. */
  double lo = -10.0, hi = 10.0;

  for (guint k = 0; k < 200; k++)
    {
      double mid = 0.5 * (lo + hi);

      if (0.5 * erfc (-mid / M_SQRT2) < p)
        lo = mid;
      else
        hi = mid;
    }
  return 0.5 * (lo + hi);
}

/* Without cash flows, W_T = W_0 exp(S) with S ~ N(T μ, T σ²): the q-th
 * percentile is W_0 exp(T μ + √T σ z_q). The sample percentile of n paths
 * has a standard error of √(q (1 - q) / n) / f(x_q), f the lognormal
 * density; we allow four standard errors. Twice: 4,000 paths, and 40,000
 * (standard errors three times smaller, to see a bias of the normals). */
static void
test_lognormal_percentiles (void)
{
  static const double fractions[] = { 0.05, 0.25, 0.50, 0.75, 0.95 };
  static const guint months[] = { 1, 12, 120, 240, 480 };
  static const struct { guint paths; guint64 seed; } runs[] = { { 4000, 7 }, { 40000, 8 } };
  double sigma = 0.15 / sqrt (12.0);
  double mu = log (1.07) / 12.0 - 0.5 * sigma * sigma;
  double w0 = 100000.0;

  for (guint k = 0; k < G_N_ELEMENTS (runs); k++)
    {
      FpScenario s;
      g_autoptr(FpSimulationResult) r = NULL;

      deterministic_scenario (&s);
      s.horizon_months = 480;
      s.n_paths = runs[k].paths;
      s.seed = runs[k].seed;
      fp_scenario_add_asset (&s, "equities", 0.07, 0.15, 10000000, 1.0);

      r = run (&s, 0);

      for (guint m = 0; m < G_N_ELEMENTS (months); m++)
        for (guint q = 0; q < FP_SIM_N_PERCENTILES; q++)
          {
            double t = months[m];
            double spread = sigma * sqrt (t);
            double z = normal_quantile (fractions[q]);
            double x = w0 * exp (t * mu + spread * z);
            double density = exp (-0.5 * z * z) / (sqrt (2.0 * G_PI) * x * spread);
            double se = sqrt (fractions[q] * (1.0 - fractions[q]) / s.n_paths) / density;
            double got = r->net_worth[q][months[m]] / 100.0;

            g_test_message ("%u paths, month %u p%.0f: %.2f expected %.2f ± %.2f (%.2f standard errors)",
                            s.n_paths, months[m], fractions[q] * 100, got, x, 4 * se, (got - x) / se);
            g_assert_cmpfloat (fabs (got - x), <, 4.0 * se);
          }
    }
}

/* Bootstrapping from a history of one constant monthly return is the
 * compound interest formula. */
static void
test_bootstrap_constant (void)
{
  static const double history[] = { 0.01, 0.01, 0.01 };
  FpScenario s;
  g_autoptr(FpSimulationResult) r = NULL;

  deterministic_scenario (&s);
  s.horizon_months = 120;
  s.return_model = FP_SIM_RETURNS_BOOTSTRAP;
  s.history_returns = history;
  s.n_history_months = G_N_ELEMENTS (history);
  fp_scenario_add_asset (&s, "equities", 0.0, 0.0, 100000, 1.0);

  r = run (&s, 0);
  for (guint m = 0; m <= 120; m++)
    assert_all_percentiles (r, m, (gint64) llround (1000.0 * pow (1.01, m) * 100.0), 0);
}

/* Deterministic inflation of 3 % a year compounded monthly: nominal cash
 * stays, its value in today's money falls; spending indexed to prices. */
static void
test_inflation_money_basis (void)
{
  FpScenario s;
  g_autoptr(FpSimulationResult) real = NULL;
  g_autoptr(FpSimulationResult) nominal = NULL;
  g_autoptr(FpSimulationResult) spending = NULL;
  double spent = 0.0;

  deterministic_scenario (&s);
  s.horizon_months = 24;
  s.start_cash_minor = 100000000;
  s.inflation.mean = 0.03;
  s.inflation.start = 0.03;

  real = run (&s, 0);
  s.results_nominal = TRUE;
  nominal = run (&s, 0);
  fp_scenario_add_category (&s, "groceries", 10000, 0.0);
  spending = run (&s, 0);

  for (guint m = 0; m <= 24; m++)
    {
      double cpi = pow (1.0 + 0.03 / 12.0, m);

      if (m > 0)
        spent += 100.0 * cpi;
      assert_all_percentiles (nominal, m, 100000000, 100000000);
      g_assert_cmpint (llabs (real->cash[FP_SIM_P50][m] - (gint64) llround (1000000.0 / cpi * 100.0)), <=, 1);
      g_assert_cmpint (llabs (spending->cash[FP_SIM_P50][m] - (gint64) llround ((1000000.0 - spent) * 100.0)), <=, 1);
    }
}

static void
assert_months_equal_until (const FpSimulationResult *a,
                           const FpSimulationResult *b,
                           guint                     first_different)
{
  for (guint m = 0; m < first_different; m++)
    for (guint q = 0; q < FP_SIM_N_PERCENTILES; q++)
      {
        g_assert_cmpint (a->net_worth[q][m], ==, b->net_worth[q][m]);
        g_assert_cmpint (a->cash[q][m], ==, b->cash[q][m]);
      }
}

/* A windfall in a random world changes nothing before its month, and
 * every percentile from its month on. */
static void
test_event_windfall (void)
{
  FpScenario s;
  FpSimEvent windfall = { FP_SIM_EVENT_WINDFALL, 100, 5000000, 0, 0.0, 0, 0 };
  g_autoptr(FpSimulationResult) without = NULL;
  g_autoptr(FpSimulationResult) with = NULL;

  random_scenario (&s);
  s.n_paths = 500;
  without = run (&s, 0);
  fp_scenario_add_event (&s, &windfall);
  with = run (&s, 0);

  assert_months_equal_until (without, with, 100);

  /* After the horizon, it does not happen. */
  {
    g_autoptr(FpSimulationResult) later = NULL;

    s.events[s.n_events - 1].month = s.horizon_months + 1;
    later = run (&s, 0);
    assert_results_equal (without, later);
  }

  for (guint m = 100; m <= s.horizon_months; m++)
    for (guint q = 0; q < FP_SIM_N_PERCENTILES; q++)
      g_assert_cmpint (with->net_worth[q][m], >, without->net_worth[q][m]);
}

/* A career break of 12 months from month 60, and a child costing 300 a
 * month for 24 months from month 10, in a world of cash only: the
 * difference is exactly the income lost and the costs, month by month. */
static void
test_event_break_and_child (void)
{
  FpScenario s;
  FpSimEvent pause = { FP_SIM_EVENT_CAREER_BREAK, 60, 0, 0, 0.0, 12, 0 };
  FpSimEvent child = { FP_SIM_EVENT_CHILD, 10, 30000, 0, 0.0, 24, 0 };
  g_autoptr(FpSimulationResult) base = NULL;
  g_autoptr(FpSimulationResult) paused = NULL;
  g_autoptr(FpSimulationResult) kid = NULL;

  deterministic_scenario (&s);
  s.horizon_months = 120;
  s.monthly_income_minor = 300000;
  fp_scenario_add_category (&s, "rent", 200000, 0.0);
  base = run (&s, 0);

  fp_scenario_add_event (&s, &pause);
  paused = run (&s, 0);
  s.events[0] = child;
  kid = run (&s, 0);

  for (guint m = 0; m <= 120; m++)
    {
      gint64 lost = 300000 * (gint64) CLAMP ((gint) m - 59, 0, 12);
      gint64 cost = 30000 * (gint64) CLAMP ((gint) m - 9, 0, 24);

      g_assert_cmpint (base->cash[FP_SIM_P50][m], ==, 100000 * (gint64) m);
      g_assert_cmpint (base->cash[FP_SIM_P50][m] - paused->cash[FP_SIM_P50][m], ==, lost);
      g_assert_cmpint (base->net_worth[FP_SIM_P50][m] - kid->net_worth[FP_SIM_P50][m], ==, cost);
    }
}

/* A home bought with a mortgage: net worth is unchanged in the month of
 * purchase and, once the mortgage is repaid, lower by exactly its interest
 * (the home keeps its value: no inflation here). */
static void
test_event_home (void)
{
  FpScenario s;
  FpSimEvent home = { FP_SIM_EVENT_HOME_PURCHASE, 24, 5000000, 20000000, 0.036, 120, 0 };
  g_autoptr(FpSimulationResult) base = NULL;
  g_autoptr(FpSimulationResult) bought = NULL;
  double i = 0.036 / 12.0;
  double payment = 200000.0 * i / (1.0 - pow (1.0 + i, -120.0));
  double interest = 120.0 * payment - 200000.0;

  deterministic_scenario (&s);
  s.horizon_months = 180;
  s.start_cash_minor = 8000000;
  s.monthly_income_minor = 400000;
  base = run (&s, 0);
  fp_scenario_add_event (&s, &home);
  bought = run (&s, 0);

  assert_months_equal_until (base, bought, 24);
  g_assert_cmpint (bought->net_worth[FP_SIM_P50][24], ==, base->net_worth[FP_SIM_P50][24]);
  g_assert_cmpint (bought->cash[FP_SIM_P50][24], ==, base->cash[FP_SIM_P50][24] - 5000000);
  g_assert_cmpint (llabs (base->net_worth[FP_SIM_P50][144] - bought->net_worth[FP_SIM_P50][144] -
                          (gint64) llround (interest * 100.0)), <=, 1);
  g_assert_cmpint (base->net_worth[FP_SIM_P50][180] - bought->net_worth[FP_SIM_P50][180], ==,
                   base->net_worth[FP_SIM_P50][144] - bought->net_worth[FP_SIM_P50][144]);
}

/* Paying a loan off early: the same net worth up to the payoff month, then
 * more (the interest saved); cash falls by the balance in that month. */
static void
test_event_loan_payoff (void)
{
  FpScenario s;
  FpSimEvent payoff = { FP_SIM_EVENT_LOAN_PAYOFF, 12, 0, 0, 0.0, 0, 0 };
  g_autoptr(FpSimulationResult) base = NULL;
  g_autoptr(FpSimulationResult) paid = NULL;

  deterministic_scenario (&s);
  s.horizon_months = 60;
  s.start_cash_minor = 3000000;
  fp_scenario_add_debt (&s, "car", 1000000, 0.08, 0, 48);
  base = run (&s, 0);
  fp_scenario_add_event (&s, &payoff);
  paid = run (&s, 0);

  assert_months_equal_until (base, paid, 12);
  g_assert_cmpint (llabs (paid->net_worth[FP_SIM_P50][12] - base->net_worth[FP_SIM_P50][12]), <=, 1);
  g_assert_cmpint (paid->cash[FP_SIM_P50][12], <, base->cash[FP_SIM_P50][12]);
  for (guint m = 13; m <= 60; m++)
    g_assert_cmpint (paid->net_worth[FP_SIM_P50][m], >, base->net_worth[FP_SIM_P50][m]);
  g_assert_cmpint (paid->cash[FP_SIM_P50][60], ==, paid->net_worth[FP_SIM_P50][60]);
}

static void
test_threads_deterministic (void)
{
  FpScenario s;
  g_autoptr(FpSimulationResult) one = NULL;
  g_autoptr(FpSimulationResult) two = NULL;
  g_autoptr(FpSimulationResult) three = NULL;

  random_scenario (&s);
  one = run (&s, 1);
  two = run (&s, 2);
  three = run (&s, 3);
  assert_results_equal (one, two);
  assert_results_equal (one, three);

  /* Enough paths for the months to be simulated in several chunks. */
  {
    g_autoptr(FpSimulationResult) chunked_one = NULL;
    g_autoptr(FpSimulationResult) chunked_two = NULL;

    s.n_paths = 20000;
    s.horizon_months = 120;
    chunked_one = run (&s, 1);
    chunked_two = run (&s, 2);
    assert_results_equal (chunked_one, chunked_two);
  }
}

static void
test_net_worth_only (void)
{
  FpScenario s;
  g_autoptr(FpSimulationResult) whole = NULL;
  g_autoptr(FpSimulationResult) page = NULL;

  /* What the page asks for is the same net worth, goals and ruin, bit for
   * bit, without the cash percentiles it does not draw. */
  random_scenario (&s);
  whole = run (&s, 2);
  s.net_worth_only = TRUE;
  page = run (&s, 2);

  for (guint q = 0; q < FP_SIM_N_PERCENTILES; q++)
    {
      g_assert_nonnull (whole->cash[q]);
      g_assert_null (page->cash[q]);
      g_assert_cmpmem (whole->net_worth[q], whole->n_points * sizeof (gint64),
                       page->net_worth[q], page->n_points * sizeof (gint64));
    }
  for (guint g = 0; g < whole->n_goals; g++)
    {
      g_assert_cmpfloat (whole->goals[g].probability, ==, page->goals[g].probability);
      g_assert_cmpint (whole->goals[g].median_month, ==, page->goals[g].median_month);
    }
  g_assert_cmpfloat (whole->probability_ruin, ==, page->probability_ruin);
}

static void
test_seeds_differ (void)
{
  FpScenario s;
  g_autoptr(FpSimulationResult) a = NULL;
  g_autoptr(FpSimulationResult) b = NULL;
  g_autoptr(FpSimulationResult) again = NULL;
  guint differing = 0;

  random_scenario (&s);
  a = run (&s, 0);
  again = run (&s, 0);
  s.seed = 43;
  b = run (&s, 0);

  assert_results_equal (a, again);
  for (guint m = 1; m < a->n_points; m++)
    if (a->net_worth[FP_SIM_P50][m] != b->net_worth[FP_SIM_P50][m])
      differing++;
  g_assert_cmpuint (differing, ==, a->n_points - 1);
}

static void
test_goals_degenerate (void)
{
  FpScenario s;
  FpSimGoal nothing = { FP_SIM_GOAL_DOWN_PAYMENT, 0, 0, 0, 0, 0.0 };
  FpSimGoal impossible = { FP_SIM_GOAL_DOWN_PAYMENT, G_GINT64_CONSTANT (90000000000000), 0, 0, 0, 0.0 };
  FpSimGoal fund = { FP_SIM_GOAL_EMERGENCY_FUND, 0, 6, 0, 0, 0.0 };
  FpSimGoal fund_too_early = { FP_SIM_GOAL_EMERGENCY_FUND, 0, 6, 0, 11, 0.0 };
  FpSimGoal retire = { FP_SIM_GOAL_RETIRE, 100000, 0, 31, 0, 0.04 };
  g_autoptr(FpSimulationResult) r = NULL;
  g_autoptr(FpSimulationResult) broke = NULL;

  deterministic_scenario (&s);
  s.horizon_months = 60;
  s.n_paths = 100;
  s.monthly_income_minor = 300000;
  fp_scenario_add_category (&s, "rent", 200000, 0.0);
  fp_scenario_add_goal (&s, &nothing);
  fp_scenario_add_goal (&s, &impossible);
  fp_scenario_add_goal (&s, &fund);
  fp_scenario_add_goal (&s, &fund_too_early);
  fp_scenario_add_goal (&s, &retire);

  r = run (&s, 0);
  g_assert_cmpfloat (r->goals[0].probability, ==, 1.0);
  g_assert_cmpint (r->goals[0].median_month, ==, 0);
  g_assert_cmpfloat (r->goals[1].probability, ==, 0.0);
  g_assert_cmpint (r->goals[1].median_month, ==, -1);
  /* 1,000 saved a month; 6 × 2,000 = 12,000 is there in month 12. */
  g_assert_cmpfloat (r->goals[2].probability, ==, 1.0);
  g_assert_cmpint (r->goals[2].median_month, ==, 12);
  g_assert_cmpfloat (r->goals[3].probability, ==, 0.0);
  /* At 31, 12 months have saved 12,000; 1,000 a month at 4 % needs 300,000. */
  g_assert_cmpfloat (r->goals[4].probability, ==, 0.0);
  g_assert_cmpfloat (r->probability_ruin, ==, 0.0);
  g_assert_cmpint (r->median_ruin_month, ==, -1);

  /* Spending 1,000 more than the income from 5,000 of cash: the money
   * runs out in month 6 on every path. */
  s.n_goals = 0;
  s.monthly_income_minor = 100000;
  s.start_cash_minor = 500000;
  broke = run (&s, 0);
  g_assert_cmpfloat (broke->probability_ruin, ==, 1.0);
  g_assert_cmpint (broke->median_ruin_month, ==, 6);
  g_assert_cmpint (broke->cash[FP_SIM_P50][5], ==, 0);
  g_assert_cmpint (broke->cash[FP_SIM_P50][6], ==, -100000);
}

/* A goal after the horizon is judged at its own date: the simulation runs
 * on to it, and the months before are those of the shorter run. */
static void
test_goals_own_date (void)
{
  FpScenario full, short_;
  FpSimGoal later = { FP_SIM_GOAL_DOWN_PAYMENT, 50000000, 0, 0, 420, 0.0 };
  g_autoptr(FpSimulationResult) a = NULL;
  g_autoptr(FpSimulationResult) b = NULL;
  g_autoptr(FpSimulationResult) c = NULL;

  /* Retiring at 65 from 35 is month 360. */
  random_scenario (&full);
  short_ = full;
  short_.horizon_months = 336;
  g_assert_cmpuint (fp_scenario_get_horizon (&short_), ==, 360);
  g_assert_cmpuint (fp_scenario_get_horizon (&full), ==, 480);

  a = run (&full, 0);
  b = run (&short_, 1);
  g_assert_cmpuint (b->n_points, ==, 361);
  /* The same chance as with the long horizon; the old engine judged the
   * goal at month 336, the horizon. */
  g_assert_cmpfloat (b->goals[0].probability, ==, a->goals[0].probability);
  g_assert_cmpint (b->goals[0].median_month, ==, a->goals[0].median_month);
  g_assert_cmpfloat (b->goals[1].probability, ==, a->goals[1].probability);
  for (guint q = 0; q < FP_SIM_N_PERCENTILES; q++)
    g_assert_cmpmem (b->net_worth[q], b->n_points * sizeof (gint64), a->net_worth[q], b->n_points * sizeof (gint64));

  /* And whatever the threads. */
  c = run (&short_, 3);
  assert_results_equal (b, c);

  /* A goal with a deadline after the horizon extends it too (and never
   * past the maximum). */
  fp_scenario_add_goal (&short_, &later);
  g_assert_cmpuint (fp_scenario_get_horizon (&short_), ==, 420);
  short_.goals[short_.n_goals - 1].by_month = FP_SIM_MAX_MONTHS;
  short_.goals[0].age = 130;
  g_assert_cmpuint (fp_scenario_get_horizon (&short_), ==, FP_SIM_MAX_MONTHS);
}

static void
cancel_on_progress (double   fraction,
                    gpointer user_data)
{
  GCancellable *cancellable = user_data;

  if (fraction >= 0.1)
    g_cancellable_cancel (cancellable);
}

static void
count_progress (double   fraction,
                gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_cancellation (void)
{
  FpScenario s;
  g_autoptr(GCancellable) before = g_cancellable_new ();
  g_autoptr(GCancellable) during = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpSimulationResult) r = NULL;
  double last = -1.0;

  random_scenario (&s);
  s.n_paths = 20000;

  g_cancellable_cancel (before);
  r = fp_simulation_run (&s, 0, before, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (r);
  g_clear_error (&error);

  r = fp_simulation_run (&s, 2, during, cancel_on_progress, during, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (r);
  g_clear_error (&error);

  s.n_paths = 2000;
  r = fp_simulation_run (&s, 2, NULL, count_progress, &last, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpfloat (last, ==, 1.0);
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  FpSimulationResult **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = fp_simulation_run_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  FpScenario s;
  g_autoptr(FpSimulationResult) sync = NULL;
  g_autoptr(FpSimulationResult) async = NULL;
  static const double history[] = { 0.02, 0.01, -0.03, 0.00, 0.01, 0.04 };

  random_scenario (&s);
  s.n_assets = 2;
  s.assets[0].allocation = 0.6;
  s.assets[1].allocation = 0.4;
  s.return_model = FP_SIM_RETURNS_BOOTSTRAP;
  s.history_returns = history;
  s.n_history_months = 3;
  sync = run (&s, 0);

  fp_simulation_run_async (&s, 0, NULL, async_done, &async);
  s.seed = 99;   /* the run works on its own copy */
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);

  assert_results_equal (sync, async);
}

static void
assert_invalid (const FpScenario *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpSimulationResult) r = fp_simulation_run (s, 0, NULL, NULL, NULL, &error);

  g_assert_null (r);
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
  g_test_message ("rejected: %s", error->message);
}

static void
test_invalid (void)
{
  FpScenario good;
  FpScenario s;

  random_scenario (&good);
  g_assert_true (fp_scenario_validate (&good, NULL));

  s = good;
  s.horizon_months = 0;
  assert_invalid (&s);

  s = good;
  s.horizon_months = (guint) -12;   /* a negative horizon from a careless cast */
  assert_invalid (&s);

  s = good;
  s.horizon_months = 601;
  assert_invalid (&s);

  s = good;
  s.n_paths = 0;
  assert_invalid (&s);

  s = good;
  s.n_paths = FP_SIM_MAX_PATHS + 1;
  assert_invalid (&s);

  s = good;
  s.assets[0].allocation = 0.5;     /* 0.5 + 0.3 + 0.1 */
  assert_invalid (&s);

  s = good;
  s.assets[1].volatility = -0.1;
  assert_invalid (&s);

  s = good;
  s.assets[0].expected_return = NAN;
  assert_invalid (&s);

  /* Each pair is possible, the three together are not. */
  s = good;
  fp_scenario_set_correlation (&s, 0, 1, 0.9);
  fp_scenario_set_correlation (&s, 0, 2, 0.9);
  fp_scenario_set_correlation (&s, 1, 2, -0.9);
  assert_invalid (&s);

  s = good;
  s.correlation[0][1] = 0.3;        /* not symmetric */
  assert_invalid (&s);

  s = good;
  s.return_model = FP_SIM_RETURNS_BOOTSTRAP;
  assert_invalid (&s);

  s = good;
  s.events[0].month = 0;
  assert_invalid (&s);

  s = good;
  s.events[0].month = 601;
  assert_invalid (&s);

  s = good;
  s.events[s.n_events].kind = FP_SIM_EVENT_LOAN_PAYOFF;
  s.events[s.n_events].month = 10;
  s.events[s.n_events].debt_index = 5;
  s.n_events++;
  assert_invalid (&s);

  s = good;
  s.inflation.persistence = 1.0;
  assert_invalid (&s);

  s = good;
  s.n_goals = FP_SIM_MAX_GOALS + 1;
  assert_invalid (&s);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Selection against sorting with the type 7 formula. */
static void
test_percentiles_select (void)
{
  static const double fractions[] = { 0.05, 0.25, 0.5, 0.75, 0.95 };
  static const gsize sizes[] = { 1, 2, 3, 5, 16, 17, 100, 1001, 10000 };
  FpRandom rng;

  fp_random_init_stream (&rng, 3, 0);
  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    for (guint round = 0; round < 20; round++)
      {
        gsize n = sizes[k];
        g_autofree double *values = g_new (double, n);
        g_autofree double *sorted = g_new (double, n);
        double out[5];

        for (gsize i = 0; i < n; i++)
          values[i] = round % 3 == 0 ? (double) fp_random_below (&rng, 7) : fp_random_normal (&rng);
        memcpy (sorted, values, n * sizeof (double));
        qsort (sorted, n, sizeof (double), compare_doubles);

        fp_sim_percentiles (values, n, fractions, 5, out);
        for (guint q = 0; q < 5; q++)
          {
            double h = fractions[q] * (n - 1);
            gsize lo = (gsize) floor (h);
            double expected = lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];

            g_assert_cmpfloat (out[q], ==, expected);
          }
      }
}

/* fp_random_exp() against libm over the whole range. */
static void
test_random_exp (void)
{
  FpRandom rng;

  fp_random_init_stream (&rng, 5, 0);
  g_assert_cmpfloat (fp_random_exp (0.0), ==, 1.0);
  for (guint i = 0; i < 200000; i++)
    {
      double x = i % 2 ? 1400.0 * fp_random_uniform (&rng) - 700.0 : 0.2 * fp_random_normal (&rng);
      double expected = exp (x);

      g_assert_cmpfloat (fabs (fp_random_exp (x) - expected), <=, 4e-16 * expected);
    }
}

/* The ziggurat against the normal distribution: moments and tail mass
 * within five standard errors for 10^6 draws. */
static void
test_random_normal (void)
{
  FpRandom rng;
  const guint n = 1000000;
  double sum = 0.0, sum2 = 0.0;
  guint beyond = 0;
  guint far = 0;

  fp_random_init_stream (&rng, 12345, 6);
  for (guint i = 0; i < n; i++)
    {
      double z = fp_random_normal (&rng);

      sum += z;
      sum2 += z * z;
      beyond += fabs (z) > 1.959963984540054;
      far += z > 3.7;   /* the ziggurat's tail starts at 3.654 */
    }

  g_assert_cmpfloat (fabs (sum / n), <, 5.0 / sqrt (n));
  g_assert_cmpfloat (fabs (sum2 / n - 1.0), <, 5.0 * sqrt (2.0 / n));
  g_assert_cmpfloat (fabs (beyond / (double) n - 0.05), <, 5.0 * sqrt (0.05 * 0.95 / n));
  /* P(Z > 3.7) = 1.078e-4: about 108 draws. */
  g_assert_cmpuint (far, >, 108 - 5 * 11);
  g_assert_cmpuint (far, <, 108 + 5 * 11);

  /* Streams are pure functions of (seed, index). */
  {
    FpRandom a, b, c;

    fp_random_init_stream (&a, 1, 2);
    fp_random_init_stream (&b, 1, 2);
    fp_random_init_stream (&c, 1, 3);
    g_assert_cmpuint (fp_random_next (&a), ==, fp_random_next (&b));
    g_assert_cmpuint (fp_random_next (&a), !=, fp_random_next (&c));
  }
}

static void
test_narrative_and_facts (void)
{
  FpScenario s;
  g_autoptr(FpSimulationResult) r = NULL;
  g_autoptr(GPtrArray) facts = NULL;
  g_autofree char *text = NULL;
  guint sentences = 0;
  gboolean seen_horizon = FALSE, seen_retire = FALSE, seen_median = FALSE;

  random_scenario (&s);
  r = run (&s, 0);
  text = fp_simulation_narrate (&s, r);
  g_test_message ("%s", text);

  for (const char *p = text; *p; p++)
    if (*p == '.' && (p[1] == ' ' || p[1] == '\0'))
      sentences++;
  g_assert_cmpuint (sentences, >=, 3);
  g_assert_cmpuint (sentences, <=, 5);
  g_assert_nonnull (strstr (text, "40 years"));
  g_assert_nonnull (strstr (text, "€"));

  facts = fp_simulation_facts (&s, r);
  for (guint i = 0; i < facts->len; i++)
    {
      FpSimFact *fact = g_ptr_array_index (facts, i);

      g_test_message ("%s = %s", fact->key, fact->value);
      /* Nothing that names a category, an asset or a debt. */
      g_assert_null (strstr (fact->value, "groceries"));
      g_assert_null (strstr (fact->value, "car"));
      g_assert_null (strstr (fact->value, "equities"));
      if (g_str_equal (fact->key, "horizon_years"))
        {
          seen_horizon = TRUE;
          g_assert_cmpstr (fact->value, ==, "40.0");
        }
      else if (g_str_equal (fact->key, "probability_retire_goal"))
        {
          seen_retire = TRUE;
          g_assert_cmpint (atoi (fact->value), ==, (gint) floor (r->goals[0].probability * 100 + 0.5));
        }
      else if (g_str_equal (fact->key, "median_net_worth_at_retirement"))
        {
          gint64 value = g_ascii_strtoll (fact->value, NULL, 10);

          seen_median = TRUE;
          g_assert_cmpint (value % 1000, ==, 0);
          g_assert_cmpint (llabs (value * 100 - r->net_worth[FP_SIM_P50][360]), <=, 50000);
        }
    }
  g_assert_true (seen_horizon && seen_retire && seen_median);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/simulator/closed-form/annuity", test_annuity_closed_form);
  g_test_add_func ("/simulator/closed-form/debt", test_debt_closed_form);
  g_test_add_func ("/simulator/closed-form/lognormal-percentiles", test_lognormal_percentiles);
  g_test_add_func ("/simulator/closed-form/bootstrap", test_bootstrap_constant);
  g_test_add_func ("/simulator/closed-form/inflation", test_inflation_money_basis);
  g_test_add_func ("/simulator/events/windfall", test_event_windfall);
  g_test_add_func ("/simulator/events/career-break-and-child", test_event_break_and_child);
  g_test_add_func ("/simulator/events/home", test_event_home);
  g_test_add_func ("/simulator/events/loan-payoff", test_event_loan_payoff);
  g_test_add_func ("/simulator/determinism/threads", test_threads_deterministic);
  g_test_add_func ("/simulator/net-worth-only", test_net_worth_only);
  g_test_add_func ("/simulator/determinism/seeds", test_seeds_differ);
  g_test_add_func ("/simulator/goals/degenerate", test_goals_degenerate);
  g_test_add_func ("/simulator/goals/own-date", test_goals_own_date);
  g_test_add_func ("/simulator/cancellation", test_cancellation);
  g_test_add_func ("/simulator/async", test_async);
  g_test_add_func ("/simulator/invalid", test_invalid);
  g_test_add_func ("/simulator/percentiles", test_percentiles_select);
  g_test_add_func ("/simulator/random/normal", test_random_normal);
  g_test_add_func ("/simulator/random/exp", test_random_exp);
  g_test_add_func ("/simulator/narrative", test_narrative_and_facts);

  return g_test_run ();
}
