/* test-scenario-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scenarios as JSON (what the Time Machine saves in the cache): written
 * in the `simulate` schema, read back to the very same scenario, and
 * refused when the text is not a scenario.
 */

#include "config.h"

#include <string.h>

#include "fp-scenario-json.h"

static void
fill (FpScenario *s)
{
  FpSimEvent e;
  FpSimGoal g;

  fp_scenario_init (s);
  g_strlcpy (s->currency, "USD", sizeof s->currency);
  s->horizon_months = 360;
  s->n_paths = 1234;
  s->seed = 99;
  s->results_nominal = TRUE;
  s->current_age = 41;
  s->retirement_age = 63;
  s->start_cash_minor = 123456;
  s->cash_annual_rate = 0.0125;
  s->monthly_income_minor = 523401;
  s->income_real_growth = 0.013;
  s->retirement_income_minor = 150000;
  s->monthly_contribution_minor = 30001;
  s->extra_savings_minor = 2599;
  s->rebalance_yearly = FALSE;
  fp_scenario_add_category (s, "groceries", 61234, -0.1);
  fp_scenario_add_category (s, "dining", 20000, 0.0);
  fp_scenario_add_debt (s, "card-1", 250000, 0.199, 7500, 41);
  fp_scenario_add_debt (s, "loan-1", 1200000, 0.055, 0, 48);
  fp_scenario_add_asset (s, "equities", 0.065, 0.16, 2500000, 0.7);
  fp_scenario_add_asset (s, "bonds", 0.033, 0.055, 1000000, 0.3);
  fp_scenario_set_correlation (s, 0, 1, 0.15);
  s->inflation.mean = 0.021;
  s->inflation.start = 0.028;
  s->inflation.volatility = 0.0031;

  memset (&e, 0, sizeof e);
  e.kind = FP_SIM_EVENT_HOME_PURCHASE;
  e.month = 48;
  e.amount_minor = 4000000;
  e.mortgage_minor = 25000000;
  e.rate = 0.035;
  e.duration_months = 300;
  fp_scenario_add_event (s, &e);
  memset (&e, 0, sizeof e);
  e.kind = FP_SIM_EVENT_LOAN_PAYOFF;
  e.month = 12;
  e.debt_index = 1;
  fp_scenario_add_event (s, &e);

  memset (&g, 0, sizeof g);
  g.kind = FP_SIM_GOAL_RETIRE;
  g.age = 63;
  g.amount_minor = 250000;
  g.withdrawal_rate = 0.04;
  fp_scenario_add_goal (s, &g);
  memset (&g, 0, sizeof g);
  g.kind = FP_SIM_GOAL_EMERGENCY_FUND;
  g.months = 6;
  g.by_month = 24;
  fp_scenario_add_goal (s, &g);
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  FpScenario s, back;

  fill (&s);
  json = fp_scenario_to_json (&s);
  g_test_message ("%s", json);

  /* Amounts are decimal strings, never binary floats. */
  g_assert_nonnull (strstr (json, "\"cash\":\"1234.56\""));
  g_assert_nonnull (strstr (json, "\"extra_savings\":\"25.99\""));
  g_assert_nonnull (strstr (json, "\"kind\":\"loan_payoff\""));

  g_assert_true (fp_scenario_from_json (json, -1, &back, &error));
  g_assert_no_error (error);
  g_assert_true (fp_scenario_validate (&back, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (back.currency, ==, "USD");
  g_assert_cmpuint (back.n_categories, ==, 2);
  g_assert_cmpstr (back.categories[0].id, ==, "groceries");
  g_assert_cmpint (back.categories[0].monthly_minor, ==, 61234);
  g_assert_cmpfloat (back.categories[0].change, ==, -0.1);
  g_assert_cmpuint (back.n_debts, ==, 2);
  g_assert_cmpint (back.debts[0].payment_minor, ==, 7500);
  g_assert_cmpuint (back.debts[1].remaining_months, ==, 48);
  g_assert_cmpfloat (back.correlation[0][1], ==, 0.15);
  g_assert_cmpfloat (back.correlation[1][0], ==, 0.15);
  g_assert_cmpfloat (back.inflation.start, ==, 0.028);
  g_assert_cmpuint (back.n_events, ==, 2);
  g_assert_cmpuint (back.events[1].debt_index, ==, 1);
  g_assert_cmpuint (back.n_goals, ==, 2);
  g_assert_false (back.rebalance_yearly);
  g_assert_true (back.results_nominal);

  /* Every byte the same: nothing lost, nothing rounded. */
  g_assert_cmpmem (&back, sizeof back, &s, sizeof s);
}

static void
test_refuses (void)
{
  static const char *bad[] = {
    "[1, 2]",
    "{\"cash\": 12.5}",
    "{\"cashh\": \"1\"}",
    "{\"categories\": [{\"id\": \"x\", \"monthly\": \"-5\"}]}",
    "{\"events\": [{\"kind\": \"loan_payoff\", \"month\": 3, \"debt\": 0}]}",
    "[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]",
    "not json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      FpScenario s;

      g_assert_false (fp_scenario_from_json (bad[i], -1, &s, &error));
      g_assert_nonnull (error);
      g_test_message ("%s: %s", bad[i], error->message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenario-json/round-trip", test_round_trip);
  g_test_add_func ("/scenario-json/refuses", test_refuses);

  return g_test_run ();
}
