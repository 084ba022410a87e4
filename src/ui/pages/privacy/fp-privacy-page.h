/* fp-privacy-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-cache.h"
#include "fp-consent.h"

G_BEGIN_DECLS

#define FP_TYPE_PRIVACY_PAGE (fp_privacy_page_get_type ())

G_DECLARE_FINAL_TYPE (FpPrivacyPage, fp_privacy_page, FP, PRIVACY_PAGE, AdwBin)

GtkWidget       *fp_privacy_page_new                (void);
FpCache         *fp_privacy_page_get_cache          (FpPrivacyPage       *self);
void             fp_privacy_page_set_cache          (FpPrivacyPage       *self,
                                                     FpCache             *cache);
FpConsentPolicy *fp_privacy_page_get_consent_policy (FpPrivacyPage       *self);
void             fp_privacy_page_set_consent_policy (FpPrivacyPage       *self,
                                                     FpConsentPolicy     *policy);
gboolean         fp_privacy_page_get_narrow         (FpPrivacyPage       *self);
void             fp_privacy_page_set_narrow         (FpPrivacyPage       *self,
                                                     gboolean             narrow);

void             fp_privacy_page_export_async       (FpPrivacyPage       *self,
                                                     GFile               *parent_folder,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GFile           *fp_privacy_page_export_finish      (FpPrivacyPage       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
