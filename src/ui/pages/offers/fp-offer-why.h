/* fp-offer-why.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"
#include "fp-offer-rank.h"

G_BEGIN_DECLS

#define FP_TYPE_OFFER_WHY (fp_offer_why_get_type ())

G_DECLARE_FINAL_TYPE (FpOfferWhy, fp_offer_why, FP, OFFER_WHY, FpCard)

GtkWidget *fp_offer_why_new       (void);
void       fp_offer_why_set_offer (FpOfferWhy           *self,
                                   const FpRankedOffer  *offer,
                                   const FpOfferRanking *ranking,
                                   gint32                today);
guint      fp_offer_why_get_n_factors (FpOfferWhy       *self);

G_END_DECLS
