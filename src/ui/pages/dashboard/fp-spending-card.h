/* fp-spending-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"
#include "fp-cli-insights.h"

G_BEGIN_DECLS

#define FP_TYPE_SPENDING_CARD (fp_spending_card_get_type ())

G_DECLARE_FINAL_TYPE (FpSpendingCard, fp_spending_card, FP, SPENDING_CARD, FpCard)

GtkWidget *fp_spending_card_new           (void);
void       fp_spending_card_set_dashboard (FpSpendingCard        *self,
                                           const FpDashboardData *data);

G_END_DECLS
