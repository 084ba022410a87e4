/* fp-feedback-buttons.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-offer-rank.h"

G_BEGIN_DECLS

#define FP_TYPE_FEEDBACK_BUTTONS (fp_feedback_buttons_get_type ())

G_DECLARE_FINAL_TYPE (FpFeedbackButtons, fp_feedback_buttons, FP, FEEDBACK_BUTTONS, AdwBin)

GtkWidget  *fp_feedback_buttons_new       (void);
void        fp_feedback_buttons_set_offer (FpFeedbackButtons     *self,
                                         const FpRankedOffer *offer,
                                         gboolean             sent_to_bank);
const char *fp_feedback_buttons_get_offer_id (FpFeedbackButtons  *self);
void        fp_feedback_buttons_give      (FpFeedbackButtons     *self,
                                         FpOfferReaction      reaction,
                                         guint32              reasons);

G_END_DECLS
