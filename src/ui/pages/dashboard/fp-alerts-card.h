/* fp-alerts-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"
#include "fp-cli-insights.h"

G_BEGIN_DECLS

#define FP_TYPE_ALERTS_CARD (fp_alerts_card_get_type ())

G_DECLARE_FINAL_TYPE (FpAlertsCard, fp_alerts_card, FP, ALERTS_CARD, FpCard)

GtkWidget *fp_alerts_card_new           (void);
void       fp_alerts_card_set_dashboard (FpAlertsCard          *self,
                                         const FpDashboardData *data);
void       fp_alerts_card_set_answers   (FpAlertsCard          *self,
                                         GHashTable            *answers);

G_END_DECLS
