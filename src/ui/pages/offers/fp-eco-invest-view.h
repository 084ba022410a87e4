/* fp-eco-invest-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-offers-data.h"

G_BEGIN_DECLS

#define FP_TYPE_ECO_INVEST_VIEW (fp_eco_invest_view_get_type ())

G_DECLARE_FINAL_TYPE (FpEcoInvestView, fp_eco_invest_view, FP, ECO_INVEST_VIEW, AdwBin)

GtkWidget            *fp_eco_invest_view_new           (void);
void                  fp_eco_invest_view_set_data      (FpEcoInvestView   *self,
                                                        FpOffersData      *data,
                                                        guint              risk_score);
void                  fp_eco_invest_view_set_values    (FpEcoInvestView   *self,
                                                        const FpEsgValues *values);
void                  fp_eco_invest_view_get_values    (FpEcoInvestView   *self,
                                                        FpEsgValues       *out);
const FpEsgPortfolio *fp_eco_invest_view_get_portfolio (FpEcoInvestView   *self);
GtkWidget            *fp_eco_invest_view_get_weights_box (FpEcoInvestView *self);

G_END_DECLS
