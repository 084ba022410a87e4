/* fp-offers-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON the offers, loan, portfolio and wealth commands print: the
 * results of src/core as they are, amounts as integers of minor units
 * ("…Minor"), rates in basis points ("…Bps") or as fractions (0.052 for
 * 5.2 %), texts as the customer reads them.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "fp-credit-line.h"
#include "fp-esg.h"
#include "fp-loan-fit.h"
#include "fp-offer-rank.h"
#include "fp-portfolio.h"
#include "fp-risk-profile.h"
#include "fp-wealth.h"

G_BEGIN_DECLS

void  fp_offers_json_ranking      (JsonBuilder              *b,
                                   const FpOfferRanking     *ranking);
void  fp_offers_json_schedule     (JsonBuilder              *b,
                                   const FpLoanSchedule     *schedule,
                                   gboolean                  with_instalments);
void  fp_offers_json_loan_fit     (JsonBuilder              *b,
                                   const FpLoanFit          *fit,
                                   gboolean                  with_instalments);
void  fp_offers_json_credit_line  (JsonBuilder              *b,
                                   const FpCreditLineResult *result);
void  fp_offers_json_risk_profile (JsonBuilder              *b,
                                   const FpRiskProfile      *profile);
void  fp_offers_json_stats        (JsonBuilder              *b,
                                   const FpPortfolioStats   *stats,
                                   const FpMarketAssumptions *cma);
void  fp_offers_json_outcomes     (JsonBuilder              *b,
                                   const FpPortfolioOutcomes *outcomes);
void  fp_offers_json_rebalance    (JsonBuilder              *b,
                                   const FpRebalance        *rebalance);
void  fp_offers_json_esg          (JsonBuilder              *b,
                                   const FpEsgPortfolio     *esg);
void  fp_offers_json_wealth       (JsonBuilder              *b,
                                   const FpWealth           *wealth,
                                   const FpWealthItem       *items,
                                   gsize                     n_items);
void  fp_offers_json_print        (JsonBuilder              *b);

G_END_DECLS
