/* fp-segment-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"
#include "fp-cli-insights.h"

G_BEGIN_DECLS

#define FP_TYPE_SEGMENT_CARD (fp_segment_card_get_type ())

G_DECLARE_FINAL_TYPE (FpSegmentCard, fp_segment_card, FP, SEGMENT_CARD, FpCard)

GtkWidget *fp_segment_card_new           (void);
void       fp_segment_card_set_dashboard (FpSegmentCard         *self,
                                          const FpDashboardData *data);

G_END_DECLS
