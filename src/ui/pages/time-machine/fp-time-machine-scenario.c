/* fp-time-machine-scenario.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scenario the Time Machine simulates, built from what its parts
 * show: the starting point, the changes, the life events and the goals,
 * with the bank's market assumptions (or built-in ones). Without the
 * changes it is the baseline: the starting point and the goals, a
 * standard share of shares and income growth, no events.
 */

#define G_LOG_DOMAIN "fp-time-machine-scenario"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-money.h"
#include "fp-time-machine-scenario.h"

#define SEED         20261122u
#define LAST_AGE     95

/* Built-in assumptions: global equities and euro bonds, a typical bank's
 * long-run figures. */
#define DEFAULT_EQUITY_VOL 0.16
#define DEFAULT_BOND_VOL   0.05
#define DEFAULT_RHO        0.1

/* What "without the changes" means. */
#define BASELINE_EQUITY_SHARE  0.6
#define BASELINE_INCOME_GROWTH 0.01

/**
 * fp_time_machine_horizon_months:
 * @age: the customer's age
 *
 * Returns: the months from today to age 95, at least five years
 */
guint
fp_time_machine_horizon_months (double age)
{
  return (guint) CLAMP (((int) LAST_AGE - (int) fp_time_machine_value_uint (age)) * 12, 60, FP_SIM_MAX_MONTHS);
}

/**
 * fp_time_machine_value_minor:
 * @value: an amount as an editor shows it, in major units
 *
 * A spin button's value is a double; amounts leave it as minor units.
 *
 * Returns: the amount in minor units, 0 when it cannot be one
 */
gint64
fp_time_machine_value_minor (double value)
{
  gint64 minor = 0;

  if (!fp_money_from_double (value, FP_ROUND_HALF_EVEN, &minor, NULL))
    return 0;
  return minor;
}

/**
 * fp_time_machine_value_uint:
 * @value: a count as an editor shows it
 *
 * Returns: the count, rounded, not below 0
 */
guint
fp_time_machine_value_uint (double value)
{
  return (guint) MAX (0, lround (value));
}

static gint64
scale_minor (gint64 minor,
             gint64 numerator,
             gint64 denominator)
{
  gint64 out = 0;

  if (denominator <= 0 || !fp_money_mul_div (minor, numerator, denominator, FP_ROUND_HALF_EVEN, &out, NULL))
    return minor;
  return out;
}

/* The categories of the accounts' spending; when the customer edited the
 * total, each category in proportion. */
static void
add_start_categories (const FpTimeMachineInputs *in,
                      FpScenario                *s,
                      double                     change)
{
  const FpAccountsStart *sp = in->accounts;
  gint64 total = fp_time_machine_value_minor (in->start.spending);

  if (sp->n_categories == 0 || sp->spending_minor <= 0)
    {
      fp_scenario_add_category (s, "living", total, change);
      return;
    }

  for (guint i = 0; i < sp->n_categories; i++)
    {
      gint64 monthly = sp->categories[i].monthly_minor;

      if (in->spending_edited)
        monthly = scale_minor (monthly, total, sp->spending_minor);
      fp_scenario_add_category (s, sp->categories[i].id, monthly, change);
    }
}

/* The accounts' credit cards and loans, each with its own rate and
 * payment; when the customer edited the total, the balances in proportion. */
static void
add_start_debts (const FpTimeMachineInputs *in,
                 FpScenario                *s)
{
  const FpAccountsStart *sp = in->accounts;
  gint64 total = fp_time_machine_value_minor (in->start.loan);

  for (guint i = 0; i < sp->n_debts; i++)
    {
      const FpSimDebt *d = &sp->debts[i];
      gint64 balance = in->debt_edited ? scale_minor (d->balance_minor, total, sp->debt_minor) : d->balance_minor;

      if (balance > 0)
        fp_scenario_add_debt (s, d->id, balance, d->annual_rate, d->payment_minor, d->remaining_months);
    }
}

/**
 * fp_time_machine_build_scenario:
 * @inputs: what the parts show
 * @with_changes: %FALSE for the baseline (the starting point and the
 *   goals only)
 * @scenario: (out caller-allocates): the scenario, for 1,000 paths
 */
void
fp_time_machine_build_scenario (const FpTimeMachineInputs *inputs,
                                gboolean                   with_changes,
                                FpScenario                *scenario)
{
  const FpTimeMachineInputs *in = inputs;
  FpScenario *s = scenario;
  double equity = with_changes ? in->changes.equity_share / 100.0 : BASELINE_EQUITY_SHARE;
  gint64 investments = fp_time_machine_value_minor (in->start.investments);
  gint64 equities = (gint64) llround ((double) investments * equity);
  guint age = fp_time_machine_value_uint (in->start.age);
  guint retirement_age = fp_time_machine_value_uint (in->start.retirement_age);
  double spending_change = with_changes ? in->changes.spending_change / 100.0 : 0.0;
  FpSimGoal goal;

  g_return_if_fail (inputs != NULL && scenario != NULL);

  fp_scenario_init (s);
  g_strlcpy (s->currency, in->currency, sizeof s->currency);
  s->horizon_months = fp_time_machine_horizon_months (in->start.age);
  s->n_paths = FP_TIME_MACHINE_COARSE_PATHS;
  s->seed = SEED;
  s->results_nominal = in->nominal;

  s->current_age = age;
  s->retirement_age = retirement_age;
  s->start_cash_minor = fp_time_machine_value_minor (in->start.cash);
  s->cash_annual_rate = 0.01;
  s->monthly_income_minor = fp_time_machine_value_minor (in->start.income);
  s->income_real_growth = with_changes ? in->changes.income_growth / 100.0 : BASELINE_INCOME_GROWTH;
  s->retirement_income_minor = fp_time_machine_value_minor (in->start.pension);
  if (in->accounts != NULL)
    {
      add_start_categories (in, s, spending_change);
      add_start_debts (in, s);
    }
  else
    {
      fp_scenario_add_category (s, "living", fp_time_machine_value_minor (in->start.spending), spending_change);
      if (fp_time_machine_value_minor (in->start.loan) > 0)
        fp_scenario_add_debt (s, "loan", fp_time_machine_value_minor (in->start.loan), in->start.loan_rate / 100.0, 0,
                              fp_time_machine_value_uint (in->start.loan_years) * 12);
    }

  s->monthly_contribution_minor = fp_time_machine_value_minor (in->start.contribution);
  s->extra_savings_minor = with_changes ? fp_time_machine_value_minor (in->changes.extra_savings) : 0;
  if (in->market != NULL && in->market->have_assets)
    {
      fp_scenario_add_asset (s, "equities", in->market->equity_return, in->market->equity_volatility,
                             equities, equity);
      fp_scenario_add_asset (s, "bonds", in->market->bond_return, in->market->bond_volatility,
                             investments - equities, 1.0 - equity);
      fp_scenario_set_correlation (s, 0, 1, in->market->rho);
    }
  else
    {
      fp_scenario_add_asset (s, "equities", FP_TIME_MACHINE_EQUITY_RETURN, DEFAULT_EQUITY_VOL, equities, equity);
      fp_scenario_add_asset (s, "bonds", FP_TIME_MACHINE_BOND_RETURN, DEFAULT_BOND_VOL, investments - equities,
                             1.0 - equity);
      fp_scenario_set_correlation (s, 0, 1, DEFAULT_RHO);
    }
  if (in->market != NULL && in->market->have_inflation)
    s->inflation = in->market->inflation;

  if (with_changes)
    for (guint i = 0; i < in->n_events; i++)
      fp_scenario_add_event (s, &in->events[i]);

  memset (&goal, 0, sizeof goal);
  goal.kind = FP_SIM_GOAL_RETIRE;
  goal.age = retirement_age;
  goal.amount_minor = fp_time_machine_value_minor (in->goals.retirement_income);
  goal.withdrawal_rate = 0.04;
  fp_scenario_add_goal (s, &goal);

  memset (&goal, 0, sizeof goal);
  goal.kind = FP_SIM_GOAL_EMERGENCY_FUND;
  goal.months = fp_time_machine_value_uint (in->goals.emergency_months);
  goal.by_month = MIN (24, s->horizon_months);
  fp_scenario_add_goal (s, &goal);

  memset (&goal, 0, sizeof goal);
  goal.kind = FP_SIM_GOAL_DOWN_PAYMENT;
  goal.amount_minor = fp_time_machine_value_minor (in->goals.down_payment);
  goal.by_month = MIN (fp_time_machine_value_uint (in->goals.down_payment_years) * 12, s->horizon_months);
  fp_scenario_add_goal (s, &goal);
}
