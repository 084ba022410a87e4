/* fp-onboarding-consent.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-consent.h"

G_BEGIN_DECLS

#define FP_TYPE_ONBOARDING_CONSENT (fp_onboarding_consent_get_type ())

G_DECLARE_FINAL_TYPE (FpOnboardingConsent, fp_onboarding_consent, FP, ONBOARDING_CONSENT, AdwBin)

GtkWidget       *fp_onboarding_consent_new                (FpConsentPolicy     *policy);
FpConsentPolicy *fp_onboarding_consent_get_consent_policy (FpOnboardingConsent *self);
void             fp_onboarding_consent_set_consent_policy (FpOnboardingConsent *self,
                                                           FpConsentPolicy     *policy);
gboolean         fp_onboarding_consent_get_narrow         (FpOnboardingConsent *self);
void             fp_onboarding_consent_set_narrow         (FpOnboardingConsent *self,
                                                           gboolean             narrow);
gboolean         fp_onboarding_consent_get_chosen         (FpOnboardingConsent *self,
                                                           FpPurpose            purpose);
void             fp_onboarding_consent_set_chosen         (FpOnboardingConsent *self,
                                                           FpPurpose            purpose,
                                                           gboolean             chosen);

G_END_DECLS
