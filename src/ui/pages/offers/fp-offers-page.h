/* fp-offers-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-cache.h"
#include "fp-consent.h"
#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_OFFERS_PAGE (fp_offers_page_get_type ())

G_DECLARE_FINAL_TYPE (FpOffersPage, fp_offers_page, FP, OFFERS_PAGE, AdwBin)

GtkWidget       *fp_offers_page_new                (void);
FpCache         *fp_offers_page_get_cache          (FpOffersPage    *self);
void             fp_offers_page_set_cache          (FpOffersPage    *self,
                                                    FpCache         *cache);
FpConsentPolicy *fp_offers_page_get_consent_policy (FpOffersPage    *self);
void             fp_offers_page_set_consent_policy (FpOffersPage    *self,
                                                    FpConsentPolicy *policy);
FpSession       *fp_offers_page_get_session        (FpOffersPage    *self);
void             fp_offers_page_set_session        (FpOffersPage    *self,
                                                    FpSession       *session);
gboolean         fp_offers_page_get_narrow         (FpOffersPage    *self);
void             fp_offers_page_set_narrow         (FpOffersPage    *self,
                                                    gboolean         narrow);
void             fp_offers_page_refresh            (FpOffersPage    *self);
const char      *fp_offers_page_get_state          (FpOffersPage    *self);
gboolean         fp_offers_page_show_wealth        (FpOffersPage    *self);
gboolean         fp_offers_page_show_offer         (FpOffersPage    *self,
                                                    const char      *offer_id);
void             fp_offers_page_show_list          (FpOffersPage    *self);

G_END_DECLS
