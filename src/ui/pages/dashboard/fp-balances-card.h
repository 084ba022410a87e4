/* fp-balances-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"
#include "fp-cli-insights.h"

G_BEGIN_DECLS

#define FP_TYPE_BALANCES_CARD (fp_balances_card_get_type ())

G_DECLARE_FINAL_TYPE (FpBalancesCard, fp_balances_card, FP, BALANCES_CARD, FpCard)

GtkWidget *fp_balances_card_new           (void);
void       fp_balances_card_set_dashboard (FpBalancesCard        *self,
                                           const FpDashboardData *data);

G_END_DECLS
