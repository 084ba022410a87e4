/* fp-upcoming-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"
#include "fp-cli-insights.h"

G_BEGIN_DECLS

#define FP_TYPE_UPCOMING_CARD (fp_upcoming_card_get_type ())

G_DECLARE_FINAL_TYPE (FpUpcomingCard, fp_upcoming_card, FP, UPCOMING_CARD, FpCard)

GtkWidget *fp_upcoming_card_new           (void);
void       fp_upcoming_card_set_dashboard (FpUpcomingCard        *self,
                                           const FpDashboardData *data);

G_END_DECLS
