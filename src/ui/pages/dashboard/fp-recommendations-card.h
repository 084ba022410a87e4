/* fp-recommendations-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"
#include "fp-cli-insights.h"

G_BEGIN_DECLS

#define FP_TYPE_RECOMMENDATIONS_CARD (fp_recommendations_card_get_type ())

G_DECLARE_FINAL_TYPE (FpRecommendationsCard, fp_recommendations_card, FP, RECOMMENDATIONS_CARD, FpCard)

GtkWidget *fp_recommendations_card_new           (void);
void       fp_recommendations_card_set_dashboard (FpRecommendationsCard *self,
                                                  const FpDashboardData *data);

G_END_DECLS
