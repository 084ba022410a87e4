/* fp-offers-consent-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"
#include "fp-consent.h"

G_BEGIN_DECLS

#define FP_TYPE_OFFERS_CONSENT_CARD (fp_offers_consent_card_get_type ())

G_DECLARE_FINAL_TYPE (FpOffersConsentCard, fp_offers_consent_card, FP, OFFERS_CONSENT_CARD, FpCard)

GtkWidget *fp_offers_consent_card_new       (void);
void       fp_offers_consent_card_set_state (FpOffersConsentCard *self,
                                             FpConsentPolicy     *policy,
                                             gboolean             personalization,
                                             gboolean             marketing);

G_END_DECLS
