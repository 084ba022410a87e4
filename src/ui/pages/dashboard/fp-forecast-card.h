/* fp-forecast-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"
#include "fp-cli-insights.h"

G_BEGIN_DECLS

#define FP_TYPE_FORECAST_CARD (fp_forecast_card_get_type ())

G_DECLARE_FINAL_TYPE (FpForecastCard, fp_forecast_card, FP, FORECAST_CARD, FpCard)

GtkWidget *fp_forecast_card_new           (void);
void       fp_forecast_card_set_dashboard (FpForecastCard        *self,
                                           const FpDashboardData *data);

G_END_DECLS
