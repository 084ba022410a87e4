/* fp-portfolio-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-offers-data.h"

G_BEGIN_DECLS

#define FP_TYPE_PORTFOLIO_VIEW (fp_portfolio_view_get_type ())

G_DECLARE_FINAL_TYPE (FpPortfolioView, fp_portfolio_view, FP, PORTFOLIO_VIEW, AdwBin)

GtkWidget              *fp_portfolio_view_new           (void);
void                    fp_portfolio_view_set_data      (FpPortfolioView     *self,
                                                         FpOffersData        *data);
void                    fp_portfolio_view_set_contribution (FpPortfolioView *self,
                                                         gint64               contribution_minor);
void                    fp_portfolio_view_set_offer_id  (FpPortfolioView     *self,
                                                         const char          *offer_id);
void                    fp_portfolio_view_set_answers   (FpPortfolioView     *self,
                                                         const FpRiskAnswers *answers);
void                    fp_portfolio_view_get_answers   (FpPortfolioView     *self,
                                                         FpRiskAnswers       *out);
const FpRiskProfile    *fp_portfolio_view_get_profile   (FpPortfolioView     *self);
const FpModelPortfolio *fp_portfolio_view_get_model     (FpPortfolioView     *self);
const FpPortfolioStats *fp_portfolio_view_get_stats     (FpPortfolioView     *self);
const FpRebalance      *fp_portfolio_view_get_rebalance (FpPortfolioView     *self);
const char             *fp_portfolio_view_get_score_text (FpPortfolioView    *self);
GtkWidget              *fp_portfolio_view_get_trades_box (FpPortfolioView    *self);

G_END_DECLS
