/* fp-esg.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * EcoInvest: the customer's values filter and re-weight the bank's fund
 * universe, and the cost of the values is shown against the unfiltered
 * portfolio.
 *
 * Starting from a model portfolio (the one recommended for the risk
 * profile), each asset family keeps its weight (the equity classes are one
 * family: equity and esg_equity). Within a family the weight goes to the
 * funds that hold none of the excluded activities and reach the minimum
 * ESG score, in proportion to their ESG score, one and a half times as much
 * for a fund in a favoured theme. A family left without any fund gives its
 * weight to the other families in proportion to theirs. Weights are
 * rounded to basis points that sum to exactly 10000 (largest remainders).
 */

#pragma once

#include <glib.h>

#include "fp-portfolio.h"

G_BEGIN_DECLS

/**
 * FpEsgValues:
 * @exclude: #FpEsgTag flags: no fund that holds any of them
 * @favour: #FpEsgTheme flags: funds in these themes weigh more
 * @min_esg_score: funds below this ESG score are left out (0: none)
 */
typedef struct {
  guint32 exclude;
  guint32 favour;
  guint   min_esg_score;
} FpEsgValues;

/**
 * FpEsgExclusion:
 * @fund_id: a fund of the universe left out
 * @reason: why, in words
 */
typedef struct {
  const char *fund_id;
  char       *reason;
} FpEsgExclusion;

/**
 * FpEsgPortfolio:
 * @values: the values applied
 * @n_allocations: how many funds
 * @allocations: (array length=n_allocations): the weights, summing to
 *   exactly 10000 (fund ids borrowed from the universe)
 * @n_excluded: how many
 * @excluded: (array length=n_excluded): the funds left out, and why
 * @stats: the filtered portfolio's figures
 * @baseline: the unfiltered model portfolio's figures
 * @return_difference: @stats.net_return − @baseline.net_return
 * @fee_difference: @stats.fees − @baseline.fees
 * @volatility_difference: @stats.volatility − @baseline.volatility
 * @explanation: the cost of the values in words
 */
typedef struct {
  FpEsgValues       values;
  guint             n_allocations;
  FpAllocation     *allocations;
  guint             n_excluded;
  FpEsgExclusion   *excluded;
  FpPortfolioStats  stats;
  FpPortfolioStats  baseline;
  double            return_difference;
  double            fee_difference;
  double            volatility_difference;
  char             *explanation;
} FpEsgPortfolio;

const char     *fp_esg_tag_to_id      (FpEsgTag    tag);
gboolean        fp_esg_tag_from_id    (const char *id,
                                       FpEsgTag   *out_tag);
const char     *fp_esg_theme_to_id    (FpEsgTheme  theme);
gboolean        fp_esg_theme_from_id  (const char *id,
                                       FpEsgTheme *out_theme);

FpEsgPortfolio *fp_esg_build          (const FpModelPortfolio    *base,
                                       const FpFund              *funds,
                                       gsize                      n_funds,
                                       const FpEsgValues         *values,
                                       gint32                     management_fee_bps,
                                       const FpMarketAssumptions *cma,
                                       GError                   **error);
void            fp_esg_portfolio_free (FpEsgPortfolio            *portfolio);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpEsgPortfolio, fp_esg_portfolio_free)

G_END_DECLS
