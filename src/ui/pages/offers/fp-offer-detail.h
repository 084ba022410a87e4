/* fp-offer-detail.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-feedback-buttons.h"
#include "fp-offer-rank.h"
#include "fp-offer-why.h"

G_BEGIN_DECLS

#define FP_TYPE_OFFER_DETAIL (fp_offer_detail_get_type ())

G_DECLARE_FINAL_TYPE (FpOfferDetail, fp_offer_detail, FP, OFFER_DETAIL, AdwBin)

GtkWidget       *fp_offer_detail_new           (void);
void             fp_offer_detail_set_offer     (FpOfferDetail        *self,
                                                const FpRankedOffer  *offer,
                                                const FpOfferRanking *ranking,
                                                const char           *description,
                                                gint32                today,
                                                gboolean              sent_to_bank);
void             fp_offer_detail_set_extra     (FpOfferDetail        *self,
                                                GtkWidget            *extra);
GtkWidget       *fp_offer_detail_get_extra     (FpOfferDetail        *self);
void             fp_offer_detail_set_show_back (FpOfferDetail        *self,
                                                gboolean              show_back);
void             fp_offer_detail_focus         (FpOfferDetail        *self);
FpFeedbackButtons *fp_offer_detail_get_feedback  (FpOfferDetail        *self);
FpOfferWhy      *fp_offer_detail_get_why       (FpOfferDetail        *self);
const char      *fp_offer_detail_get_offer_id  (FpOfferDetail        *self);

G_END_DECLS
