/* fp-portfolio.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Model portfolios from the bank's catalogue: which one fits a risk
 * profile, its expected return and volatility from the bank's
 * capital-market assumptions (the same the Time Machine simulates with),
 * the range of outcomes over a horizon from the simulator itself, and the
 * drift of the customer's holdings from the target with a rebalancing
 * suggestion.
 *
 * Drift and rebalancing (fp_portfolio_rebalance()):
 *  - a fund's weight is its value over the total; its drift is the weight
 *    minus its target weight; it is out of its band when the drift exceeds
 *    the absolute band (5 percentage points) or, for a fund with a target,
 *    the relative band (25 % of the target weight);
 *  - targets in money are the new total (holdings plus the contribution)
 *    split by the target weights, to the cent, the remainders going to the
 *    largest fractions (ties: the fund listed first), so they sum exactly;
 *  - when a fund is out of its band, every fund is traded to its target:
 *    each is only bought or only sold, by exactly the difference, which is
 *    the least turnover that reaches the target;
 *  - otherwise only the contribution is invested (or a withdrawal taken),
 *    into the most underweight funds first: water-filling, so that the
 *    largest shortfalls shrink to a common level and nothing is sold;
 *  - trades sum to the contribution to the cent, and holdings after the
 *    trades sum to the total plus the contribution.
 */

#pragma once

#include <gio/gio.h>

#include "fp-simulator.h"

G_BEGIN_DECLS

#define FP_PORTFOLIO_MAX_FUNDS 256

/**
 * FpEsgTag:
 *
 * Controversial activities a fund may hold (its exposures) or exclude.
 */
typedef enum {
  FP_ESG_FOSSIL_FUELS = 1 << 0,
  FP_ESG_WEAPONS      = 1 << 1,
  FP_ESG_TOBACCO      = 1 << 2,
  FP_ESG_GAMBLING     = 1 << 3,
} FpEsgTag;

/**
 * FpEsgTheme:
 *
 * Themes a fund invests in.
 */
typedef enum {
  FP_ESG_THEME_CLIMATE = 1 << 0,
  FP_ESG_THEME_SOCIAL  = 1 << 1,
} FpEsgTheme;

/**
 * FpFund:
 * @fund_id: the catalogue's id
 * @name: its display name
 * @isin: its ISIN, which holdings name
 * @asset_class: its asset class, as in the capital-market assumptions
 * @ongoing_charge_bps: its yearly charge
 * @esg_score: 0 to 100
 * @exposures: #FpEsgTag flags it holds
 * @exclusions: #FpEsgTag flags it excludes
 * @themes: #FpEsgTheme flags
 */
typedef struct {
  const char *fund_id;
  const char *name;
  const char *isin;
  const char *asset_class;
  gint32      ongoing_charge_bps;
  guint       esg_score;
  guint32     exposures;
  guint32     exclusions;
  guint32     themes;
} FpFund;

/**
 * FpAllocation:
 * @fund_id: a fund of the universe
 * @weight_bps: its share, the shares of a portfolio summing to 10000
 */
typedef struct {
  const char *fund_id;
  gint32      weight_bps;
} FpAllocation;

/**
 * FpModelPortfolio:
 * @offer_id: the catalogue's offer
 * @name: its name
 * @risk_level: 1 (cautious) to 7
 * @management_fee_bps: the yearly fee on top of the funds' charges
 * @esg: an ESG portfolio (EcoInvest)
 * @n_allocations: how many
 * @allocations: (array length=n_allocations): the target weights
 */
typedef struct {
  const char         *offer_id;
  const char         *name;
  guint               risk_level;
  gint32              management_fee_bps;
  gboolean            esg;
  gsize               n_allocations;
  const FpAllocation *allocations;
} FpModelPortfolio;

/**
 * FpAssetClassAssumption:
 * @id: the asset class
 * @expected_return: yearly, 0.065 for 6.5 %
 * @volatility: yearly
 */
typedef struct {
  char   id[FP_SIM_ID_LEN];
  double expected_return;
  double volatility;
} FpAssetClassAssumption;

/**
 * FpMarketAssumptions:
 * @n_classes: 1 to %FP_SIM_MAX_ASSETS
 * @classes: each asset class
 * @correlation: between the classes, symmetric, 1 on the diagonal
 *
 * The bank's capital-market assumptions
 * (`GET /v1/market-data/capital-market-assumptions`).
 */
typedef struct {
  guint                  n_classes;
  FpAssetClassAssumption classes[FP_SIM_MAX_ASSETS];
  double                 correlation[FP_SIM_MAX_ASSETS][FP_SIM_MAX_ASSETS];
} FpMarketAssumptions;

/**
 * FpPortfolioStats:
 * @class_weights: the portfolio's weight in each asset class of the
 *   assumptions
 * @expected_return: Σ weight × the class's expected return, a year
 * @fees: the funds' charges and the management fee, a year
 * @net_return: @expected_return − @fees
 * @volatility: √(wᵀ Σ w) with Σ from the classes' volatilities and
 *   correlations
 * @esg_score: the weighted ESG score of the funds
 */
typedef struct {
  double class_weights[FP_SIM_MAX_ASSETS];
  double expected_return;
  double fees;
  double net_return;
  double volatility;
  double esg_score;
} FpPortfolioStats;

/**
 * FpPortfolioOutcomes:
 * @horizon_months: the horizon
 * @contributed_minor: the start plus all contributions
 * @p5_minor: the value at the horizon in a bad case (5th percentile)
 * @p50_minor: the median
 * @p95_minor: a good case (95th percentile)
 * @n_paths: paths simulated
 * @seed: the simulator's seed
 */
typedef struct {
  guint   horizon_months;
  gint64  contributed_minor;
  gint64  p5_minor;
  gint64  p50_minor;
  gint64  p95_minor;
  guint   n_paths;
  guint64 seed;
} FpPortfolioOutcomes;

/**
 * FpHoldingValue:
 * @fund_id: the fund (holdings are matched to funds by ISIN)
 * @value_minor: the market value
 */
typedef struct {
  const char *fund_id;
  gint64      value_minor;
} FpHoldingValue;

/**
 * FpDriftBands:
 * @absolute_bps: out of band above this drift (500: 5 percentage points)
 * @relative_bps: or above this share of the target weight (2500: 25 %)
 */
typedef struct {
  gint32 absolute_bps;
  gint32 relative_bps;
} FpDriftBands;

/**
 * FpDriftLine:
 * @fund_id: the fund
 * @value_minor: held now
 * @weight: its share now
 * @target_weight: its target share
 * @drift: @weight − @target_weight
 * @out_of_band: whether the drift leaves the bands
 * @target_minor: its target value after the contribution
 * @trade_minor: to buy (positive) or sell (negative)
 * @after_minor: @value_minor + @trade_minor
 */
typedef struct {
  const char *fund_id;
  gint64      value_minor;
  double      weight;
  double      target_weight;
  double      drift;
  gboolean    out_of_band;
  gint64      target_minor;
  gint64      trade_minor;
  gint64      after_minor;
} FpDriftLine;

/**
 * FpRebalance:
 * @total_minor: the holdings' value
 * @contribution_minor: new money (negative: a withdrawal)
 * @out_of_band: whether any fund left its band
 * @full_rebalance: whether the trades go to the target (sales included)
 * @buys_minor: bought
 * @sells_minor: sold (positive)
 * @n_lines: how many
 * @lines: (array length=n_lines): the target's funds in their order, then
 *   funds held outside the target
 * @explanation: in words
 */
typedef struct {
  gint64       total_minor;
  gint64       contribution_minor;
  gboolean     out_of_band;
  gboolean     full_rebalance;
  gint64       buys_minor;
  gint64       sells_minor;
  guint        n_lines;
  FpDriftLine *lines;
  char        *explanation;
} FpRebalance;

const FpFund           *fp_fund_find                (const FpFund              *funds,
                                                     gsize                      n_funds,
                                                     const char                *fund_id);
const FpFund           *fp_fund_find_by_isin        (const FpFund              *funds,
                                                     gsize                      n_funds,
                                                     const char                *isin);
gboolean                fp_market_assumptions_validate (const FpMarketAssumptions *cma,
                                                     GError                   **error);
gint                    fp_market_assumptions_find  (const FpMarketAssumptions *cma,
                                                     const char                *asset_class);

const FpModelPortfolio *fp_portfolio_recommend      (const FpModelPortfolio    *models,
                                                     gsize                      n_models,
                                                     guint                      risk_score,
                                                     gboolean                   esg);
gboolean                fp_portfolio_stats          (const FpAllocation        *allocations,
                                                     gsize                      n_allocations,
                                                     gint32                     management_fee_bps,
                                                     const FpFund              *funds,
                                                     gsize                      n_funds,
                                                     const FpMarketAssumptions *cma,
                                                     FpPortfolioStats          *out,
                                                     GError                   **error);
gboolean                fp_portfolio_outcomes       (const FpPortfolioStats    *stats,
                                                     const FpMarketAssumptions *cma,
                                                     gint64                     start_minor,
                                                     gint64                     monthly_minor,
                                                     guint                      horizon_years,
                                                     guint                      n_paths,
                                                     guint64                    seed,
                                                     FpPortfolioOutcomes       *out,
                                                     GError                   **error);
FpSimulationResult     *fp_portfolio_simulate       (const FpPortfolioStats    *stats,
                                                     const FpMarketAssumptions *cma,
                                                     gint64                     start_minor,
                                                     gint64                     monthly_minor,
                                                     guint                      horizon_years,
                                                     guint                      n_paths,
                                                     guint64                    seed,
                                                     FpPortfolioOutcomes       *out,
                                                     GError                   **error);
FpRebalance            *fp_portfolio_rebalance      (const FpHoldingValue      *holdings,
                                                     gsize                      n_holdings,
                                                     const FpAllocation        *target,
                                                     gsize                      n_target,
                                                     gint64                     contribution_minor,
                                                     const FpDriftBands        *bands,
                                                     const char                *currency,
                                                     GError                   **error);
void                    fp_rebalance_free           (FpRebalance               *rebalance);
gboolean                fp_allocations_split        (gint64                     total_minor,
                                                     const FpAllocation        *allocations,
                                                     gsize                      n_allocations,
                                                     gint64                    *out_minor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpRebalance, fp_rebalance_free)

G_END_DECLS
