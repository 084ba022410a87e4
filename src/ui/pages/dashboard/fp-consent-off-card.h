/* fp-consent-off-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"

G_BEGIN_DECLS

#define FP_TYPE_CONSENT_OFF_CARD (fp_consent_off_card_get_type ())

G_DECLARE_FINAL_TYPE (FpConsentOffCard, fp_consent_off_card, FP, CONSENT_OFF_CARD, FpCard)

GtkWidget *fp_consent_off_card_new (void);

G_END_DECLS
