/* fp-offer-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"
#include "fp-feedback-buttons.h"
#include "fp-offer-rank.h"

G_BEGIN_DECLS

#define FP_TYPE_OFFER_ROW (fp_offer_row_get_type ())

G_DECLARE_FINAL_TYPE (FpOfferRow, fp_offer_row, FP, OFFER_ROW, FpCard)

GtkWidget       *fp_offer_row_new          (const FpRankedOffer *offer,
                                            gboolean             ranked,
                                            gboolean             sent_to_bank);
const char      *fp_offer_row_get_offer_id (FpOfferRow          *self);
FpFeedbackButtons *fp_offer_row_get_feedback (FpOfferRow          *self);
GtkWidget       *fp_offer_row_get_details_button (FpOfferRow    *self);

G_END_DECLS
