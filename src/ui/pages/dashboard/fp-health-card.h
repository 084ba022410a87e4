/* fp-health-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"
#include "fp-cli-insights.h"

G_BEGIN_DECLS

#define FP_TYPE_HEALTH_CARD (fp_health_card_get_type ())

G_DECLARE_FINAL_TYPE (FpHealthCard, fp_health_card, FP, HEALTH_CARD, FpCard)

GtkWidget *fp_health_card_new           (void);
void       fp_health_card_set_dashboard (FpHealthCard          *self,
                                         const FpDashboardData *data);
int        fp_health_card_get_score     (FpHealthCard          *self);

G_END_DECLS
