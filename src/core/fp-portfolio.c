/* fp-portfolio.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Model portfolios: recommendation, figures from the capital-market
 * assumptions, outcomes from the simulator, drift and rebalancing.
 */

#define G_LOG_DOMAIN "fp-portfolio"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-money.h"
#include "fp-portfolio.h"

/* No holding is worth more than 10,000,000,000,000.00. */
#define MAX_VALUE_MINOR (G_GINT64_CONSTANT (1000000000000000))

const FpFund *
fp_fund_find (const FpFund *funds,
              gsize         n_funds,
              const char   *fund_id)
{
  for (gsize i = 0; i < n_funds; i++)
    if (g_strcmp0 (funds[i].fund_id, fund_id) == 0)
      return &funds[i];
  return NULL;
}

const FpFund *
fp_fund_find_by_isin (const FpFund *funds,
                      gsize         n_funds,
                      const char   *isin)
{
  for (gsize i = 0; isin != NULL && i < n_funds; i++)
    if (g_strcmp0 (funds[i].isin, isin) == 0)
      return &funds[i];
  return NULL;
}

/**
 * fp_market_assumptions_find:
 * @cma: the assumptions
 * @asset_class: a class id
 *
 * Returns: the index of @asset_class, -1 if the assumptions lack it
 */
gint
fp_market_assumptions_find (const FpMarketAssumptions *cma,
                            const char                *asset_class)
{
  for (guint i = 0; asset_class != NULL && i < cma->n_classes; i++)
    if (strcmp (cma->classes[i].id, asset_class) == 0)
      return (gint) i;
  return -1;
}

/**
 * fp_market_assumptions_validate:
 * @cma: the assumptions
 * @error: return location for a %FP_CORE_ERROR_INVALID
 *
 * Returns: whether the classes are within the simulator's ranges and the
 *   correlation is symmetric with a unit diagonal
 */
gboolean
fp_market_assumptions_validate (const FpMarketAssumptions  *cma,
                                GError                    **error)
{
  g_return_val_if_fail (cma != NULL, FALSE);

  if (cma->n_classes < 1 || cma->n_classes > FP_SIM_MAX_ASSETS)
    goto invalid;
  for (guint i = 0; i < cma->n_classes; i++)
    {
      const FpAssetClassAssumption *c = &cma->classes[i];

      if (c->id[0] == '\0' || !isfinite (c->expected_return) || fabs (c->expected_return) > 0.5 ||
          !isfinite (c->volatility) || c->volatility < 0.0 || c->volatility > 1.0 ||
          fabs (cma->correlation[i][i] - 1.0) > 1e-9)
        goto invalid;
      for (guint j = 0; j < cma->n_classes; j++)
        if (!isfinite (cma->correlation[i][j]) || fabs (cma->correlation[i][j]) > 1.0 ||
            fabs (cma->correlation[i][j] - cma->correlation[j][i]) > 1e-9 ||
            (i != j && fp_market_assumptions_find (cma, c->id) != (gint) i))
          goto invalid;
    }
  return TRUE;

invalid:
  g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID, "The capital-market assumptions are invalid");
  return FALSE;
}

/**
 * fp_portfolio_recommend:
 * @models: (array length=n_models): the catalogue's model portfolios
 * @n_models: how many
 * @risk_score: the customer's profile, 1 to 7
 * @esg: look among ESG portfolios (EcoInvest) instead of the others
 *
 * The portfolio with the highest risk level not above @risk_score (the
 * first such in the catalogue's order); the most cautious one if all are
 * above it. Falls back to the other kind if there is none of @esg's kind.
 *
 * Returns: (nullable): the recommendation, %NULL without models
 */
const FpModelPortfolio *
fp_portfolio_recommend (const FpModelPortfolio *models,
                        gsize                   n_models,
                        guint                   risk_score,
                        gboolean                esg)
{
  const FpModelPortfolio *best = NULL, *lowest = NULL;
  gboolean any = FALSE;

  for (gsize i = 0; i < n_models; i++)
    any = any || (!models[i].esg == !esg);

  for (gsize i = 0; i < n_models; i++)
    {
      const FpModelPortfolio *m = &models[i];

      if (any && !m->esg != !esg)
        continue;
      if (m->risk_level <= risk_score && (best == NULL || m->risk_level > best->risk_level))
        best = m;
      if (lowest == NULL || m->risk_level < lowest->risk_level)
        lowest = m;
    }
  return best != NULL ? best : lowest;
}

static gboolean
invalid (GError    **error,
         const char *what,
         const char *id)
{
  g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID, "%s: %s", what, id != NULL ? id : "(none)");
  return FALSE;
}

/**
 * fp_portfolio_stats:
 * @allocations: (array length=n_allocations): the target weights
 * @n_allocations: how many
 * @management_fee_bps: the portfolio's own yearly fee
 * @funds: (array length=n_funds): the fund universe
 * @n_funds: how many
 * @cma: the capital-market assumptions
 * @out: (out): the figures
 * @error: return location for a %FP_CORE_ERROR_INVALID
 *
 * Returns: %FALSE when a fund or its asset class is unknown or the weights
 *   do not sum to 10000
 */
gboolean
fp_portfolio_stats (const FpAllocation         *allocations,
                    gsize                       n_allocations,
                    gint32                      management_fee_bps,
                    const FpFund               *funds,
                    gsize                       n_funds,
                    const FpMarketAssumptions  *cma,
                    FpPortfolioStats           *out,
                    GError                    **error)
{
  FpPortfolioStats s = { { 0 } };
  gint64 total = 0;
  double variance = 0.0;

  g_return_val_if_fail (allocations != NULL || n_allocations == 0, FALSE);
  g_return_val_if_fail (cma != NULL && out != NULL, FALSE);

  for (gsize i = 0; i < n_allocations; i++)
    {
      const FpFund *f = fp_fund_find (funds, n_funds, allocations[i].fund_id);
      gint c;
      double w = allocations[i].weight_bps / 10000.0;

      if (f == NULL)
        return invalid (error, "The portfolio names a fund that is not in the catalogue", allocations[i].fund_id);
      if ((c = fp_market_assumptions_find (cma, f->asset_class)) < 0)
        return invalid (error, "The capital-market assumptions lack the asset class", f->asset_class);
      if (allocations[i].weight_bps < 0 || allocations[i].weight_bps > 10000)
        return invalid (error, "A weight is out of range", f->fund_id);
      total += allocations[i].weight_bps;
      s.class_weights[c] += w;
      s.fees += w * f->ongoing_charge_bps / 10000.0;
      s.esg_score += w * f->esg_score;
    }
  if (total != 10000)
    return invalid (error, "The weights do not sum to 100 %", NULL);

  s.fees += management_fee_bps / 10000.0;
  for (guint i = 0; i < cma->n_classes; i++)
    {
      s.expected_return += s.class_weights[i] * cma->classes[i].expected_return;
      for (guint j = 0; j < cma->n_classes; j++)
        variance += s.class_weights[i] * s.class_weights[j] * cma->classes[i].volatility *
                    cma->classes[j].volatility * cma->correlation[i][j];
    }
  s.net_return = s.expected_return - s.fees;
  s.volatility = sqrt (MAX (0.0, variance));
  *out = s;
  return TRUE;
}

/**
 * fp_portfolio_outcomes:
 * @stats: the portfolio's figures (fp_portfolio_stats())
 * @cma: the assumptions they came from
 * @start_minor: invested today
 * @monthly_minor: invested every month
 * @horizon_years: 1 to 50
 * @n_paths: paths to simulate, such as 2000
 * @seed: the simulator's seed
 * @out: (out): the range at the horizon
 * @error: return location for an error
 *
 * Runs the Time Machine's simulator on the portfolio alone: each asset
 * class with the assumptions' return (less the portfolio's fees, spread
 * evenly) and volatility and their correlations, rebalanced yearly, the
 * contributions invested by the weights; no inflation, so the amounts are
 * in today's money as well as nominal.
 *
 * Returns: whether it ran
 */
gboolean
fp_portfolio_outcomes (const FpPortfolioStats     *stats,
                       const FpMarketAssumptions  *cma,
                       gint64                      start_minor,
                       gint64                      monthly_minor,
                       guint                       horizon_years,
                       guint                       n_paths,
                       guint64                     seed,
                       FpPortfolioOutcomes        *out,
                       GError                    **error)
{
  g_autoptr(FpSimulationResult) result = fp_portfolio_simulate (stats, cma, start_minor, monthly_minor, horizon_years,
                                                                n_paths, seed, out, error);

  return result != NULL;
}

/**
 * fp_portfolio_simulate:
 * @stats: the portfolio's figures (fp_portfolio_stats())
 * @cma: the assumptions they came from
 * @start_minor: invested today
 * @monthly_minor: invested every month
 * @horizon_years: 1 to 50
 * @n_paths: paths to simulate, such as 2000
 * @seed: the simulator's seed
 * @out: (out): the range at the horizon
 * @error: return location for an error
 *
 * As fp_portfolio_outcomes(), and the simulation itself: its percentiles
 * month by month, for a fan chart (FpSimulationResult.net_worth).
 *
 * Returns: (transfer full) (nullable): the simulation
 */
FpSimulationResult *
fp_portfolio_simulate (const FpPortfolioStats     *stats,
                       const FpMarketAssumptions  *cma,
                       gint64                      start_minor,
                       gint64                      monthly_minor,
                       guint                       horizon_years,
                       guint                       n_paths,
                       guint64                     seed,
                       FpPortfolioOutcomes        *out,
                       GError                    **error)
{
  g_autoptr(FpSimulationResult) result = NULL;
  FpScenario s;
  guint map[FP_SIM_MAX_ASSETS];
  gint64 given = 0;

  g_return_val_if_fail (stats != NULL && cma != NULL && out != NULL, NULL);

  if (horizon_years < 1 || horizon_years > FP_SIM_MAX_MONTHS / 12 || start_minor < 0 || monthly_minor < 0)
    {
      invalid (error, "The horizon or an amount is out of range", NULL);
      return NULL;
    }

  fp_scenario_init (&s);
  g_strlcpy (s.currency, "XXX", sizeof s.currency);
  s.horizon_months = horizon_years * 12;
  s.n_paths = n_paths;
  s.seed = seed;
  s.results_nominal = TRUE;
  s.net_worth_only = TRUE;
  s.current_age = 30;
  s.retirement_age = 30 + horizon_years + 1;
  s.monthly_income_minor = monthly_minor;
  s.monthly_contribution_minor = monthly_minor;
  s.rebalance_yearly = TRUE;
  s.inflation.mean = 0.0;
  s.inflation.start = 0.0;
  s.inflation.volatility = 0.0;
  s.inflation.persistence = 0.0;

  for (guint c = 0; c < cma->n_classes; c++)
    {
      gint64 start;

      if (stats->class_weights[c] <= 0.0)
        continue;
      start = (gint64) floor ((double) start_minor * stats->class_weights[c]);
      given += start;
      map[s.n_assets] = c;
      fp_scenario_add_asset (&s, cma->classes[c].id, cma->classes[c].expected_return - stats->fees,
                             cma->classes[c].volatility, start, stats->class_weights[c]);
    }
  if (s.n_assets == 0)
    {
      invalid (error, "The portfolio holds no asset class", NULL);
      return NULL;
    }
  /* What the floors left over goes to the first class, so the start sums. */
  s.assets[0].start_minor += start_minor - given;
  for (guint i = 0; i < s.n_assets; i++)
    for (guint j = 0; j < s.n_assets; j++)
      s.correlation[i][j] = cma->correlation[map[i]][map[j]];

  if (!fp_scenario_validate (&s, error))
    return NULL;
  result = fp_simulation_run (&s, 0, NULL, NULL, NULL, error);
  if (result == NULL)
    return NULL;

  out->horizon_months = s.horizon_months;
  out->contributed_minor = start_minor + monthly_minor * (gint64) s.horizon_months;
  out->p5_minor = result->net_worth[FP_SIM_P5][s.horizon_months];
  out->p50_minor = result->net_worth[FP_SIM_P50][s.horizon_months];
  out->p95_minor = result->net_worth[FP_SIM_P95][s.horizon_months];
  out->n_paths = result->n_paths;
  out->seed = seed;
  return g_steal_pointer (&result);
}

/**
 * fp_allocations_split:
 * @total_minor: an amount, not negative
 * @allocations: (array length=n_allocations): weights summing to 10000
 * @n_allocations: how many
 * @out_minor: (array length=n_allocations): each share
 *
 * Splits @total_minor by the weights exactly: each share rounded down,
 * then the remaining cents one each to the largest remainders (ties: the
 * first listed).
 *
 * Returns: %FALSE if the weights do not sum to 10000
 */
gboolean
fp_allocations_split (gint64              total_minor,
                      const FpAllocation *allocations,
                      gsize               n_allocations,
                      gint64             *out_minor)
{
  g_autofree gint64 *remainder = g_new0 (gint64, MAX (n_allocations, 1));
  gint64 weights = 0, given = 0;

  g_return_val_if_fail (total_minor >= 0, FALSE);

  for (gsize i = 0; i < n_allocations; i++)
    {
      if (allocations[i].weight_bps < 0)
        return FALSE;
      weights += allocations[i].weight_bps;
    }
  if (weights != 10000)
    return FALSE;

  for (gsize i = 0; i < n_allocations; i++)
    {
      __int128 p = (__int128) total_minor * allocations[i].weight_bps;

      out_minor[i] = (gint64) (p / 10000);
      remainder[i] = (gint64) (p % 10000);
      given += out_minor[i];
    }
  while (given < total_minor)
    {
      gsize best = 0;

      for (gsize i = 1; i < n_allocations; i++)
        if (remainder[i] > remainder[best])
          best = i;
      out_minor[best]++;
      remainder[best] = -1;
      given++;
    }
  return TRUE;
}

/**
 * fp_rebalance_free:
 * @rebalance: (nullable): a suggestion
 */
void
fp_rebalance_free (FpRebalance *rebalance)
{
  if (rebalance == NULL)
    return;
  g_free (rebalance->lines);
  g_free (rebalance->explanation);
  g_free (rebalance);
}

/* Water-filling: @amount (> 0) into the positive gaps, the largest first,
 * down to a common level; the last cents go one each to the funds at the
 * level, largest gap first (ties: listed first). */
static void
fill (FpDriftLine *lines,
      guint        n,
      const gint64 *gap,
      gint64       amount,
      gint          sign)
{
  gint64 lo = 0, hi = 0, placed = 0;

  for (guint i = 0; i < n; i++)
    hi = MAX (hi, gap[i]);
  /* The smallest level L with Σ max (0, gap − L) ≤ amount. */
  while (lo < hi)
    {
      gint64 mid = lo + (hi - lo) / 2;
      gint64 sum = 0;

      for (guint i = 0; i < n && sum <= amount; i++)
        sum += MAX (0, gap[i] - mid);
      if (sum <= amount)
        hi = mid;
      else
        lo = mid + 1;
    }
  for (guint i = 0; i < n; i++)
    {
      gint64 part = MAX (0, gap[i] - lo);

      lines[i].trade_minor = sign * part;
      placed += part;
    }
  while (placed < amount)
    {
      gint best = -1;

      for (guint i = 0; i < n; i++)
        if (gap[i] >= lo && gap[i] > 0 && sign * lines[i].trade_minor == MAX (0, gap[i] - lo) &&
            (best < 0 || gap[i] > gap[best]))
          best = (gint) i;
      g_assert (best >= 0);
      lines[best].trade_minor += sign;
      placed++;
    }
}

/**
 * fp_portfolio_rebalance:
 * @holdings: (array length=n_holdings): the customer's holdings by fund
 *   (a fund may appear more than once)
 * @n_holdings: how many
 * @target: (array length=n_target): the target weights, summing to 10000
 * @n_target: how many, at least 1
 * @contribution_minor: new money to invest (negative: to withdraw)
 * @bands: (nullable): the drift bands; %NULL for 5 points / 25 %
 * @currency: ISO 4217 code for the explanation
 * @error: return location for a %FP_CORE_ERROR_INVALID
 *
 * Drift and the trades that fix it; see the header.
 *
 * Returns: (transfer full) (nullable): the suggestion
 */
FpRebalance *
fp_portfolio_rebalance (const FpHoldingValue  *holdings,
                        gsize                  n_holdings,
                        const FpAllocation    *target,
                        gsize                  n_target,
                        gint64                 contribution_minor,
                        const FpDriftBands    *bands,
                        const char            *currency,
                        GError               **error)
{
  static const FpDriftBands default_bands = { 500, 2500 };
  g_autoptr(FpRebalance) r = NULL;
  g_autofree FpAllocation *all = NULL;
  g_autofree gint64 *targets = NULL;
  g_autofree gint64 *gap = NULL;
  gint64 total = 0, new_total;
  guint n = 0;

  g_return_val_if_fail (holdings != NULL || n_holdings == 0, NULL);
  g_return_val_if_fail (target != NULL && n_target > 0, NULL);

  if (bands == NULL)
    bands = &default_bands;
  if (n_holdings + n_target > FP_PORTFOLIO_MAX_FUNDS * 4 || bands->absolute_bps < 0 || bands->relative_bps < 0)
    {
      invalid (error, "Too many holdings, or negative bands", NULL);
      return NULL;
    }

  /* The lines: the target's funds, then funds held outside it (target 0). */
  all = g_new0 (FpAllocation, n_holdings + n_target);
  r = g_new0 (FpRebalance, 1);
  r->lines = g_new0 (FpDriftLine, n_holdings + n_target);
  for (gsize i = 0; i < n_target; i++)
    {
      for (guint k = 0; k < n; k++)
        if (g_strcmp0 (all[k].fund_id, target[i].fund_id) == 0)
          {
            invalid (error, "The target names a fund twice", target[i].fund_id);
            return NULL;
          }
      all[n] = target[i];
      r->lines[n++].fund_id = target[i].fund_id;
    }
  for (gsize i = 0; i < n_holdings; i++)
    {
      guint k;

      if (holdings[i].value_minor < 0 || holdings[i].value_minor > MAX_VALUE_MINOR)
        {
          invalid (error, "A holding's value is out of range", holdings[i].fund_id);
          return NULL;
        }
      for (k = 0; k < n; k++)
        if (g_strcmp0 (r->lines[k].fund_id, holdings[i].fund_id) == 0)
          break;
      if (k == n)
        {
          all[n].fund_id = holdings[i].fund_id;
          all[n].weight_bps = 0;
          r->lines[n++].fund_id = holdings[i].fund_id;
        }
      r->lines[k].value_minor += holdings[i].value_minor;
      total += holdings[i].value_minor;
    }
  r->n_lines = n;
  r->total_minor = total;
  r->contribution_minor = contribution_minor;
  new_total = total + contribution_minor;
  if (new_total < 0)
    {
      invalid (error, "The withdrawal is larger than the holdings", NULL);
      return NULL;
    }

  targets = g_new0 (gint64, n);
  if (!fp_allocations_split (new_total, all, n, targets))
    {
      invalid (error, "The target weights do not sum to 100 %", NULL);
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    {
      FpDriftLine *l = &r->lines[i];
      double abs_drift;

      l->target_weight = all[i].weight_bps / 10000.0;
      l->weight = total > 0 ? (double) l->value_minor / (double) total : 0.0;
      l->drift = l->weight - l->target_weight;
      l->target_minor = targets[i];
      abs_drift = fabs (l->drift);
      l->out_of_band = total > 0 &&
                       (abs_drift * 10000.0 > bands->absolute_bps + 1e-9 ||
                        (all[i].weight_bps > 0 && abs_drift * 10000.0 * 10000.0 >
                                                  (double) bands->relative_bps * all[i].weight_bps + 1e-6));
      r->out_of_band = r->out_of_band || l->out_of_band;
    }

  gap = g_new0 (gint64, n);
  if (r->out_of_band || total == 0)
    {
      /* To the target: each fund only bought or only sold. */
      r->full_rebalance = r->out_of_band;
      for (guint i = 0; i < n; i++)
        r->lines[i].trade_minor = targets[i] - r->lines[i].value_minor;
    }
  else if (contribution_minor > 0)
    {
      for (guint i = 0; i < n; i++)
        gap[i] = MAX (0, targets[i] - r->lines[i].value_minor);
      fill (r->lines, n, gap, contribution_minor, 1);
    }
  else if (contribution_minor < 0)
    {
      for (guint i = 0; i < n; i++)
        gap[i] = MAX (0, r->lines[i].value_minor - targets[i]);
      fill (r->lines, n, gap, -contribution_minor, -1);
    }

  for (guint i = 0; i < n; i++)
    {
      FpDriftLine *l = &r->lines[i];

      l->after_minor = l->value_minor + l->trade_minor;
      if (l->trade_minor > 0)
        r->buys_minor += l->trade_minor;
      else
        r->sells_minor -= l->trade_minor;
    }
  g_assert (r->buys_minor - r->sells_minor == contribution_minor);

  {
    g_autofree char *buys = fp_money_format (r->buys_minor, currency);
    g_autofree char *sells = fp_money_format (r->sells_minor, currency);
    g_autofree char *c = fp_money_format (contribution_minor, currency);

    if (r->full_rebalance)
      r->explanation = g_strdup_printf (_("A fund has drifted more than %d.%02d percentage points or %d %% of its "
                                          "target from it, so every fund goes back to its target: buy %s, sell "
                                          "%s; each fund is only bought or only sold."),
                                        bands->absolute_bps / 100, bands->absolute_bps % 100,
                                        bands->relative_bps / 100, buys, sells);
    else if (contribution_minor != 0)
      r->explanation = g_strdup_printf (_("Every fund is within its band (%d.%02d percentage points or %d %% of "
                                          "its target), so nothing is sold: %s goes to the funds furthest from "
                                          "their target first."),
                                        bands->absolute_bps / 100, bands->absolute_bps % 100,
                                        bands->relative_bps / 100, c);
    else
      r->explanation = g_strdup_printf (_("Every fund is within its band (%d.%02d percentage points or %d %% of "
                                          "its target): no trade is needed."),
                                        bands->absolute_bps / 100, bands->absolute_bps % 100,
                                        bands->relative_bps / 100);
  }
  return g_steal_pointer (&r);
}
