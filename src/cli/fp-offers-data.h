/* fp-offers-data.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Offers page and the offers, loan, portfolio and wealth commands
 * read, loaded from the encrypted cache in one call and turned into the
 * plain structs of src/core: the synced catalogue (offers, the loan's
 * pricing grid, model portfolios), the fund universe, the capital-market
 * assumptions, the credit line model, the holdings, the manual assets, the
 * offer feedback, the consent state and, with the consent to
 * personalization, the insights.
 *
 * Everything read from the cache is checked again here, strictly: an offer
 * or a fund that does not match the contract is left out (a debug message
 * says which), a pricing grid, model or set of assumptions that does not
 * is not used; nothing is guessed.
 *
 * Safe in a worker thread; the result is read-only and owns everything it
 * points to. The UI loads it in a GTask and calls the fp_offers_data_*()
 * computations (cheap: the insights are computed once, when loading).
 */

#pragma once

#include "fp-cache.h"
#include "fp-cache-assets.h"
#include "fp-cache-offers.h"
#include "fp-cli-insights.h"
#include "fp-credit-line.h"
#include "fp-esg.h"
#include "fp-loan-fit.h"
#include "fp-offer-rank.h"
#include "fp-portfolio.h"
#include "fp-risk-profile.h"
#include "fp-wealth.h"

G_BEGIN_DECLS

/**
 * FpOffersHolding:
 * @holding_id: the bank's id
 * @account_id: the investment account
 * @name: the fund's name as the bank sent it
 * @isin: its ISIN
 * @value_minor: the market value
 * @fund: (nullable): the fund of the universe with this ISIN
 */
typedef struct {
  const char   *holding_id;
  const char   *account_id;
  const char   *name;
  const char   *isin;
  gint64        value_minor;
  const FpFund *fund;
} FpOffersHolding;

/**
 * FpOffersData:
 * @currency: ISO 4217 code of the customer's money
 * @personalization: the consent to personalization was given
 * @marketing: the consent to marketing was given
 * @offers: (element-type FpOfferInfo): the catalogue's offers
 * @has_pricing: whether @pricing holds the personal loan's grid
 * @pricing: the grid (arrays owned by the data)
 * @models: (element-type FpModelPortfolio): the model portfolios
 * @funds: (element-type FpFund): the fund universe
 * @has_cma: whether @cma holds the bank's assumptions
 * @cma: the capital-market assumptions
 * @has_credit_model: whether @credit_model holds the credit line model
 * @credit_model: the Adaptive Credit Line's model
 * @savings_rate_bps: the savings offer's rate, 0 without one
 * @holdings: (element-type FpOffersHolding): the investment accounts'
 *   holdings
 * @assets: (element-type FpManualAsset): the manual assets and debts
 * @feedback: (element-type FpOfferFeedback): the customer's feedback, in
 *   the order given
 * @dashboard: (nullable): the insights, only with @personalization
 * @load_usec: time spent reading the cache and computing the insights
 */
typedef struct {
  char                *currency;
  gboolean             personalization;
  gboolean             marketing;
  GArray              *offers;
  gboolean             has_pricing;
  FpLoanPricing        pricing;
  GArray              *models;
  GArray              *funds;
  gboolean             has_cma;
  FpMarketAssumptions  cma;
  gboolean             has_credit_model;
  FpCreditLineModel    credit_model;
  gint32               savings_rate_bps;
  GArray              *holdings;
  GPtrArray           *assets;
  GArray              *feedback;
  FpDashboardData     *dashboard;
  gint64               load_usec;

  /*< private >*/
  GStringChunk        *strings;
  GPtrArray           *owned;
  GPtrArray           *feedback_rows;
} FpOffersData;

FpOffersData   *fp_offers_data_load            (FpCache              *cache,
                                                gboolean              personalization,
                                                gboolean              marketing,
                                                GCancellable         *cancellable,
                                                GError              **error);
FpOffersData   *fp_offers_data_load_with_policy (FpCache             *cache,
                                                GCancellable         *cancellable,
                                                GError              **error);
void            fp_offers_data_free            (FpOffersData         *data);

FpOfferRanking *fp_offers_data_rank            (FpOffersData         *data,
                                                guint                 risk_score,
                                                gboolean              has_values,
                                                GError              **error);
FpLoanFit      *fp_offers_data_fit_loan        (FpOffersData         *data,
                                                const FpLoanRequest  *request,
                                                GError              **error);
FpCreditLineResult *fp_offers_data_credit_line (FpOffersData         *data,
                                                GError              **error);
GArray         *fp_offers_data_wealth_items    (FpOffersData         *data);
const FpModelPortfolio *fp_offers_data_find_model (FpOffersData      *data,
                                                const char           *offer_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpOffersData, fp_offers_data_free)

G_END_DECLS
