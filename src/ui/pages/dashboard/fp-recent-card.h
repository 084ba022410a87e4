/* fp-recent-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"
#include "fp-cli-insights.h"

G_BEGIN_DECLS

#define FP_TYPE_RECENT_CARD (fp_recent_card_get_type ())

G_DECLARE_FINAL_TYPE (FpRecentCard, fp_recent_card, FP, RECENT_CARD, FpCard)

GtkWidget *fp_recent_card_new           (void);
void       fp_recent_card_set_dashboard (FpRecentCard          *self,
                                         const FpDashboardData *data);

G_END_DECLS
