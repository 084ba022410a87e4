/* fp-trend-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"
#include "fp-cli-insights.h"

G_BEGIN_DECLS

#define FP_TYPE_TREND_CARD (fp_trend_card_get_type ())

G_DECLARE_FINAL_TYPE (FpTrendCard, fp_trend_card, FP, TREND_CARD, FpCard)

GtkWidget *fp_trend_card_new           (void);
void       fp_trend_card_set_dashboard (FpTrendCard           *self,
                                        const FpDashboardData *data);

G_END_DECLS
