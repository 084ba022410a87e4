/* sim-test-scenarios.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scenarios and checks the simulator's tests share.
 */

#pragma once

#include <glib.h>

#include "fp-simulator.h"

/* A scenario without randomness: no inflation, no volatility. */
static inline void
deterministic_scenario (FpScenario *s)
{
  fp_scenario_init (s);
  s->inflation.mean = 0.0;
  s->inflation.start = 0.0;
  s->inflation.volatility = 0.0;
  s->n_paths = 16;
  s->current_age = 30;
  s->retirement_age = 100;
}

/* A realistic random scenario. */
static inline void
random_scenario (FpScenario *s)
{
  FpSimEvent child = { FP_SIM_EVENT_CHILD, 36, 60000, 0, 0.0, 216, 0 };
  FpSimEvent home = { FP_SIM_EVENT_HOME_PURCHASE, 60, 6000000, 24000000, 0.04, 300, 0 };
  FpSimGoal retire = { FP_SIM_GOAL_RETIRE, 300000, 0, 65, 0, 0.04 };
  FpSimGoal fund = { FP_SIM_GOAL_EMERGENCY_FUND, 0, 6, 0, 120, 0.0 };

  fp_scenario_init (s);
  g_strlcpy (s->currency, "EUR", sizeof s->currency);
  s->horizon_months = 480;
  s->n_paths = 1000;
  s->seed = 42;
  s->current_age = 35;
  s->retirement_age = 65;
  s->start_cash_minor = 1500000;
  s->cash_annual_rate = 0.01;
  s->monthly_income_minor = 520000;
  s->income_real_growth = 0.01;
  s->retirement_income_minor = 150000;
  s->monthly_contribution_minor = 80000;
  s->extra_savings_minor = 20000;
  fp_scenario_add_category (s, "housing", 150000, 0.0);
  fp_scenario_add_category (s, "groceries", 60000, -0.1);
  fp_scenario_add_category (s, "leisure", 40000, 0.05);
  fp_scenario_add_debt (s, "car", 1200000, 0.06, 0, 48);
  fp_scenario_add_asset (s, "equities", 0.07, 0.16, 4000000, 0.6);
  fp_scenario_add_asset (s, "bonds", 0.03, 0.06, 2000000, 0.3);
  fp_scenario_add_asset (s, "real-estate", 0.05, 0.12, 0, 0.1);
  fp_scenario_set_correlation (s, 0, 1, 0.2);
  fp_scenario_set_correlation (s, 0, 2, 0.5);
  fp_scenario_set_correlation (s, 1, 2, 0.1);
  fp_scenario_add_event (s, &child);
  fp_scenario_add_event (s, &home);
  fp_scenario_add_goal (s, &retire);
  fp_scenario_add_goal (s, &fund);
}

static inline FpSimulationResult *
run (const FpScenario *s,
     guint             n_threads)
{
  g_autoptr(GError) error = NULL;
  FpSimulationResult *result = fp_simulation_run (s, n_threads, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static inline void
assert_results_equal (const FpSimulationResult *a,
                      const FpSimulationResult *b)
{
  g_assert_cmpuint (a->n_points, ==, b->n_points);
  for (guint q = 0; q < FP_SIM_N_PERCENTILES; q++)
    {
      g_assert_cmpmem (a->net_worth[q], a->n_points * sizeof (gint64), b->net_worth[q], b->n_points * sizeof (gint64));
      g_assert_cmpmem (a->cash[q], a->n_points * sizeof (gint64), b->cash[q], b->n_points * sizeof (gint64));
    }
  g_assert_cmpuint (a->n_goals, ==, b->n_goals);
  g_assert_cmpmem (a->goals, sizeof a->goals, b->goals, sizeof b->goals);
  g_assert_cmpfloat (a->probability_ruin, ==, b->probability_ruin);
  g_assert_cmpint (a->median_ruin_month, ==, b->median_ruin_month);
}

