/* fp-consent-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-cache-consent.h"
#include "fp-consent.h"

G_BEGIN_DECLS

#define FP_TYPE_CONSENT_ROW (fp_consent_row_get_type ())

G_DECLARE_FINAL_TYPE (FpConsentRow, fp_consent_row, FP, CONSENT_ROW, AdwActionRow)

GtkWidget       *fp_consent_row_new                (FpPurpose        purpose);
FpPurpose        fp_consent_row_get_purpose        (FpConsentRow    *self);
gboolean         fp_consent_row_get_active         (FpConsentRow    *self);
void             fp_consent_row_set_active         (FpConsentRow    *self,
                                                    gboolean         active);
FpConsentPolicy *fp_consent_row_get_consent_policy (FpConsentRow    *self);
void             fp_consent_row_set_consent_policy (FpConsentRow    *self,
                                                    FpConsentPolicy *policy);
void             fp_consent_row_set_status         (FpConsentRow    *self,
                                                    const FpConsentStatus *status);
const char      *fp_consent_row_get_status_text    (FpConsentRow    *self);
char            *fp_consent_status_to_text         (const FpConsentStatus *status);

G_END_DECLS
