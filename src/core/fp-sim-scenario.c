/* fp-sim-scenario.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Building and checking an #FpScenario: defaults, the fp_scenario_add_*()
 * helpers, and the validation that fp_simulation_run() relies on, so that
 * no input, however careless, can crash the engine.
 */

#define G_LOG_DOMAIN "fp-sim-scenario"

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "fp-error.h"
#include "fp-money.h"
#include "fp-sim-private.h"

/* ------------------------------------------------------------------ */
/* Scenario helpers                                                    */
/* ------------------------------------------------------------------ */

/**
 * fp_scenario_init:
 * @scenario: (out caller-allocates): the scenario to fill
 *
 * Resets @scenario to a neutral starting point: the currency of the
 * user's locale (fp_money_locale_currency(); set the customer's home
 * currency, fp_money_home_currency(), when there are accounts), 30 years, 1,000
 * paths, seed 1, results in today's money, age 40 retiring at 67, nothing
 * owned or owed, no income or spending, the identity correlation matrix,
 * yearly rebalancing, and inflation of 2 % a year (starting at 2 %, shocks
 * of 0.3 % a month with persistence 0.95).
 */
void
fp_scenario_init (FpScenario *scenario)
{
  g_autofree char *currency = NULL;

  g_return_if_fail (scenario != NULL);

  currency = fp_money_locale_currency ();
  memset (scenario, 0, sizeof *scenario);
  g_strlcpy (scenario->currency, currency, sizeof scenario->currency);
  scenario->horizon_months = 360;
  scenario->n_paths = 1000;
  scenario->seed = 1;
  scenario->current_age = 40;
  scenario->retirement_age = 67;
  scenario->rebalance_yearly = TRUE;
  scenario->return_model = FP_SIM_RETURNS_ASSUMPTIONS;
  for (guint i = 0; i < FP_SIM_MAX_ASSETS; i++)
    scenario->correlation[i][i] = 1.0;
  scenario->inflation.mean = 0.02;
  scenario->inflation.start = 0.02;
  scenario->inflation.volatility = 0.003;
  scenario->inflation.persistence = 0.95;
}

/**
 * fp_scenario_add_asset:
 * @scenario: a scenario
 * @id: the asset class
 * @expected_return: expected annual return
 * @volatility: annual volatility
 * @start_minor: holdings today
 * @allocation: its share of the portfolio
 *
 * Returns: %FALSE if the scenario already has %FP_SIM_MAX_ASSETS classes
 */
gboolean
fp_scenario_add_asset (FpScenario *scenario,
                       const char *id,
                       double      expected_return,
                       double      volatility,
                       gint64      start_minor,
                       double      allocation)
{
  FpSimAsset *asset;

  g_return_val_if_fail (scenario != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (scenario->n_assets >= FP_SIM_MAX_ASSETS)
    return FALSE;

  asset = &scenario->assets[scenario->n_assets++];
  g_strlcpy (asset->id, id, sizeof asset->id);
  asset->expected_return = expected_return;
  asset->volatility = volatility;
  asset->start_minor = start_minor;
  asset->allocation = allocation;
  return TRUE;
}

/**
 * fp_scenario_set_correlation:
 * @scenario: a scenario
 * @i: an asset class index
 * @j: another
 * @rho: their correlation
 *
 * Sets both [@i][@j] and [@j][@i].
 *
 * Returns: %FALSE if an index is out of range
 */
gboolean
fp_scenario_set_correlation (FpScenario *scenario,
                             guint       i,
                             guint       j,
                             double      rho)
{
  g_return_val_if_fail (scenario != NULL, FALSE);

  if (i >= FP_SIM_MAX_ASSETS || j >= FP_SIM_MAX_ASSETS)
    return FALSE;

  scenario->correlation[i][j] = rho;
  scenario->correlation[j][i] = rho;
  return TRUE;
}

/**
 * fp_scenario_add_category:
 * @scenario: a scenario
 * @id: the category id
 * @monthly_minor: baseline monthly spending
 * @change: the scenario's relative change, such as -0.1
 *
 * Returns: %FALSE if the scenario is full
 */
gboolean
fp_scenario_add_category (FpScenario *scenario,
                          const char *id,
                          gint64      monthly_minor,
                          double      change)
{
  FpSimCategory *category;

  g_return_val_if_fail (scenario != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (scenario->n_categories >= FP_SIM_MAX_CATEGORIES)
    return FALSE;

  category = &scenario->categories[scenario->n_categories++];
  g_strlcpy (category->id, id, sizeof category->id);
  category->monthly_minor = monthly_minor;
  category->change = change;
  return TRUE;
}

/**
 * fp_scenario_add_debt:
 * @scenario: a scenario
 * @id: a name for the debt
 * @balance_minor: outstanding today
 * @annual_rate: nominal annual rate
 * @payment_minor: monthly payment, 0 to compute it from the term
 * @remaining_months: remaining term
 *
 * Returns: %FALSE if the scenario is full
 */
gboolean
fp_scenario_add_debt (FpScenario *scenario,
                      const char *id,
                      gint64      balance_minor,
                      double      annual_rate,
                      gint64      payment_minor,
                      guint       remaining_months)
{
  FpSimDebt *debt;

  g_return_val_if_fail (scenario != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (scenario->n_debts >= FP_SIM_MAX_DEBTS)
    return FALSE;

  debt = &scenario->debts[scenario->n_debts++];
  g_strlcpy (debt->id, id, sizeof debt->id);
  debt->balance_minor = balance_minor;
  debt->annual_rate = annual_rate;
  debt->payment_minor = payment_minor;
  debt->remaining_months = remaining_months;
  return TRUE;
}

/**
 * fp_scenario_add_event:
 * @scenario: a scenario
 * @event: the life event, copied
 *
 * Returns: %FALSE if the scenario is full
 */
gboolean
fp_scenario_add_event (FpScenario       *scenario,
                       const FpSimEvent *event)
{
  g_return_val_if_fail (scenario != NULL, FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  if (scenario->n_events >= FP_SIM_MAX_EVENTS)
    return FALSE;

  scenario->events[scenario->n_events++] = *event;
  return TRUE;
}

/**
 * fp_scenario_add_goal:
 * @scenario: a scenario
 * @goal: the goal, copied
 *
 * Returns: %FALSE if the scenario is full
 */
gboolean
fp_scenario_add_goal (FpScenario      *scenario,
                      const FpSimGoal *goal)
{
  g_return_val_if_fail (scenario != NULL, FALSE);
  g_return_val_if_fail (goal != NULL, FALSE);

  if (scenario->n_goals >= FP_SIM_MAX_GOALS)
    return FALSE;

  scenario->goals[scenario->n_goals++] = *goal;
  return TRUE;
}

double
fp_sim_monthly_spending_real (const FpScenario *scenario)
{
  double total = 0.0;

  for (guint i = 0; i < scenario->n_categories; i++)
    total += fp_money_to_double (scenario->categories[i].monthly_minor) * (1.0 + scenario->categories[i].change);

  return total;
}

/**
 * fp_scenario_monthly_spending:
 * @scenario: a scenario
 *
 * Returns: the monthly spending of all categories after the scenario's
 *   changes, in today's money, rounded to the cent
 */
gint64
fp_scenario_monthly_spending (const FpScenario *scenario)
{
  gint64 minor = 0;

  g_return_val_if_fail (scenario != NULL, 0);

  if (!fp_money_from_double (fp_sim_monthly_spending_real (scenario), FP_ROUND_HALF_EVEN, &minor, NULL))
    return 0;
  return minor;
}

/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

static gboolean
invalid (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
amount_ok (gint64 minor)
{
  /* A trillion in major units is far beyond any household; beyond it the
   * doubles of the simulation would start to lose cents. */
  return minor >= -G_GINT64_CONSTANT (100000000000000) && minor <= G_GINT64_CONSTANT (100000000000000);
}

static gboolean
rate_ok (double rate)
{
  return isfinite (rate) && rate > -1.0 && rate < 10.0;
}

/* Cholesky factor of the first @n rows and columns of @a into @l (lower
 * triangular); FALSE if @a is not positive definite. */
gboolean
fp_sim_cholesky (const double a[FP_SIM_MAX_ASSETS][FP_SIM_MAX_ASSETS],
                 guint        n,
                 double       l[FP_SIM_MAX_ASSETS][FP_SIM_MAX_ASSETS])
{
  memset (l, 0, sizeof (double) * FP_SIM_MAX_ASSETS * FP_SIM_MAX_ASSETS);

  for (guint j = 0; j < n; j++)
    {
      double d = a[j][j];

      for (guint k = 0; k < j; k++)
        d -= l[j][k] * l[j][k];
      if (!(d > 1e-12))
        return FALSE;
      l[j][j] = sqrt (d);

      for (guint i = j + 1; i < n; i++)
        {
          double s = a[i][j];

          for (guint k = 0; k < j; k++)
            s -= l[i][k] * l[j][k];
          l[i][j] = s / l[j][j];
        }
    }

  return TRUE;
}

/**
 * fp_scenario_get_horizon:
 * @scenario: a scenario
 *
 * The months the simulation covers: @scenario's horizon_months, or more
 * when a goal lies after it (a retirement goal at its age, another at its
 * by_month), at most %FP_SIM_MAX_MONTHS.
 *
 * Returns: the months simulated; #FpSimulationResult.n_points is one more
 */
guint
fp_scenario_get_horizon (const FpScenario *scenario)
{
  guint n;

  g_return_val_if_fail (scenario != NULL, 0);

  n = scenario->horizon_months;
  for (guint g = 0; g < scenario->n_goals && g < FP_SIM_MAX_GOALS; g++)
    {
      const FpSimGoal *goal = &scenario->goals[g];
      gint64 month = goal->by_month;

      if (goal->kind == FP_SIM_GOAL_RETIRE)
        month = ((gint64) goal->age - (gint64) scenario->current_age) * 12;
      if (month > (gint64) n)
        n = (guint) MIN (month, (gint64) FP_SIM_MAX_MONTHS);
    }

  return MIN (n, FP_SIM_MAX_MONTHS);
}

/**
 * fp_scenario_validate:
 * @scenario: a scenario
 * @error: a #GError
 *
 * Checks everything fp_simulation_run() relies on: horizon 1 …
 * %FP_SIM_MAX_MONTHS, paths 1 … %FP_SIM_MAX_PATHS, finite rates,
 * allocations in [0, 1] summing to 1, a symmetric positive-definite
 * correlation matrix with a unit diagonal, a usable history for
 * bootstrapping, events and goals inside the horizon.
 *
 * Returns: %TRUE if the scenario can be simulated, otherwise %FALSE with
 *   @error set (%FP_CORE_ERROR_INVALID)
 */
gboolean
fp_scenario_validate (const FpScenario  *scenario,
                      GError           **error)
{
  double total_allocation = 0.0;
  double l[FP_SIM_MAX_ASSETS][FP_SIM_MAX_ASSETS];
  guint n_homes = 0;

  g_return_val_if_fail (scenario != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (scenario->horizon_months < 1 || scenario->horizon_months > FP_SIM_MAX_MONTHS)
    return invalid (error, "horizon of %u months is not within 1 … %u",
                    scenario->horizon_months, FP_SIM_MAX_MONTHS);
  if (scenario->n_paths < 1 || scenario->n_paths > FP_SIM_MAX_PATHS)
    return invalid (error, "%u paths is not within 1 … %u", scenario->n_paths, FP_SIM_MAX_PATHS);
  if (scenario->current_age > 130 || scenario->retirement_age > 130)
    return invalid (error, "ages above 130 years");
  if (!amount_ok (scenario->start_cash_minor) || !amount_ok (scenario->monthly_income_minor) ||
      !amount_ok (scenario->retirement_income_minor) ||
      !amount_ok (scenario->monthly_contribution_minor) || !amount_ok (scenario->extra_savings_minor))
    return invalid (error, "an amount is out of range");
  if (scenario->monthly_income_minor < 0 || scenario->retirement_income_minor < 0 ||
      scenario->monthly_contribution_minor < 0 || scenario->extra_savings_minor < 0)
    return invalid (error, "income, contributions and savings cannot be negative");
  if (!rate_ok (scenario->cash_annual_rate) || !rate_ok (scenario->income_real_growth))
    return invalid (error, "cash rate or income growth is not a usable rate");

  if (scenario->n_categories > FP_SIM_MAX_CATEGORIES)
    return invalid (error, "too many spending categories");
  for (guint i = 0; i < scenario->n_categories; i++)
    {
      const FpSimCategory *c = &scenario->categories[i];

      if (!amount_ok (c->monthly_minor) || !isfinite (c->change) || c->change < -1.0 || c->change > 100.0)
        return invalid (error, "spending category %u is out of range", i);
    }

  if (scenario->n_debts > FP_SIM_MAX_DEBTS)
    return invalid (error, "too many debts");
  for (guint i = 0; i < scenario->n_debts; i++)
    {
      const FpSimDebt *d = &scenario->debts[i];

      if (!amount_ok (d->balance_minor) || d->balance_minor < 0 || !amount_ok (d->payment_minor) ||
          d->payment_minor < 0 || !rate_ok (d->annual_rate) || d->annual_rate < 0.0 ||
          d->remaining_months < 1 || d->remaining_months > FP_SIM_MAX_MONTHS)
        return invalid (error, "debt %u is out of range", i);
    }

  if (scenario->n_assets > FP_SIM_MAX_ASSETS)
    return invalid (error, "too many asset classes");
  for (guint i = 0; i < scenario->n_assets; i++)
    {
      const FpSimAsset *a = &scenario->assets[i];

      if (!rate_ok (a->expected_return) || !isfinite (a->volatility) || a->volatility < 0.0 ||
          a->volatility > 2.0 || !amount_ok (a->start_minor) || a->start_minor < 0 ||
          !isfinite (a->allocation) || a->allocation < 0.0 || a->allocation > 1.0)
        return invalid (error, "asset class %u is out of range", i);
      total_allocation += a->allocation;
    }
  if (scenario->n_assets > 0 && fabs (total_allocation - 1.0) > 1e-6)
    return invalid (error, "the allocation sums to %g, not 1", total_allocation);
  if (scenario->n_assets == 0 &&
      (scenario->monthly_contribution_minor > 0 || scenario->extra_savings_minor > 0))
    return invalid (error, "contributions need at least one asset class");

  for (guint i = 0; i < scenario->n_assets; i++)
    for (guint j = 0; j < scenario->n_assets; j++)
      {
        double rho = scenario->correlation[i][j];

        if (!isfinite (rho) || fabs (rho - scenario->correlation[j][i]) > 1e-12 ||
            (i == j && rho != 1.0) || fabs (rho) > 1.0)
          return invalid (error, "the correlation matrix is not symmetric with a unit diagonal");
      }
  if (!fp_sim_cholesky ((const double (*)[FP_SIM_MAX_ASSETS]) scenario->correlation, scenario->n_assets, l))
    return invalid (error, "the correlation matrix is not positive definite");

  switch (scenario->return_model)
    {
    case FP_SIM_RETURNS_ASSUMPTIONS:
      break;
    case FP_SIM_RETURNS_BOOTSTRAP:
      if (scenario->history_returns == NULL || scenario->n_history_months < 1 || scenario->n_assets < 1)
        return invalid (error, "bootstrapping needs historical returns");
      for (gsize i = 0; i < (gsize) scenario->n_history_months * scenario->n_assets; i++)
        if (!rate_ok (scenario->history_returns[i]))
          return invalid (error, "historical return %" G_GSIZE_FORMAT " is not usable", i);
      break;
    default:
      return invalid (error, "unknown return model");
    }

  if (!isfinite (scenario->inflation.mean) || !isfinite (scenario->inflation.start) ||
      fabs (scenario->inflation.mean) > 1.0 || fabs (scenario->inflation.start) > 1.0 ||
      !isfinite (scenario->inflation.volatility) || scenario->inflation.volatility < 0.0 ||
      scenario->inflation.volatility > 0.1 || !isfinite (scenario->inflation.persistence) ||
      scenario->inflation.persistence < 0.0 || scenario->inflation.persistence >= 1.0)
    return invalid (error, "the inflation model is out of range");

  if (scenario->n_events > FP_SIM_MAX_EVENTS)
    return invalid (error, "too many life events");
  for (guint i = 0; i < scenario->n_events; i++)
    {
      const FpSimEvent *e = &scenario->events[i];

      if (e->month < 1 || e->month > FP_SIM_MAX_MONTHS)
        return invalid (error, "life event %u is not in months 1 … %u", i, FP_SIM_MAX_MONTHS);
      if (!amount_ok (e->amount_minor) || e->amount_minor < 0 || !amount_ok (e->mortgage_minor) ||
          e->mortgage_minor < 0)
        return invalid (error, "life event %u has an amount out of range", i);

      switch (e->kind)
        {
        case FP_SIM_EVENT_HOME_PURCHASE:
          if (++n_homes > FP_SIM_MAX_HOMES)
            return invalid (error, "more than %u home purchases", FP_SIM_MAX_HOMES);
          if (e->mortgage_minor > 0 &&
              (!rate_ok (e->rate) || e->rate < 0.0 || e->duration_months < 1 ||
               e->duration_months > FP_SIM_MAX_MONTHS))
            return invalid (error, "life event %u has an unusable mortgage", i);
          break;
        case FP_SIM_EVENT_CHILD:
        case FP_SIM_EVENT_CAREER_BREAK:
          if (e->duration_months < 1 || e->duration_months > FP_SIM_MAX_MONTHS)
            return invalid (error, "life event %u has no duration", i);
          break;
        case FP_SIM_EVENT_WINDFALL:
          break;
        case FP_SIM_EVENT_LOAN_PAYOFF:
          if (e->debt_index >= scenario->n_debts)
            return invalid (error, "life event %u pays off debt %u, which does not exist",
                            i, e->debt_index);
          break;
        default:
          return invalid (error, "life event %u is of an unknown kind", i);
        }
    }

  if (scenario->n_goals > FP_SIM_MAX_GOALS)
    return invalid (error, "too many goals");
  for (guint i = 0; i < scenario->n_goals; i++)
    {
      const FpSimGoal *g = &scenario->goals[i];

      if (!amount_ok (g->amount_minor) || g->amount_minor < 0 || g->by_month > FP_SIM_MAX_MONTHS)
        return invalid (error, "goal %u is out of range", i);

      switch (g->kind)
        {
        case FP_SIM_GOAL_RETIRE:
          if (!isfinite (g->withdrawal_rate) || g->withdrawal_rate < 0.0 || g->withdrawal_rate > 1.0 ||
              g->age > 130)
            return invalid (error, "retirement goal %u is out of range", i);
          break;
        case FP_SIM_GOAL_EMERGENCY_FUND:
          if (g->months > FP_SIM_MAX_MONTHS)
            return invalid (error, "emergency fund goal %u is out of range", i);
          break;
        case FP_SIM_GOAL_DOWN_PAYMENT:
          break;
        default:
          return invalid (error, "goal %u is of an unknown kind", i);
        }
    }

  return TRUE;
}
