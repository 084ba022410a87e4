/* fp-dashboard-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-cache.h"
#include "fp-consent.h"
#include "fp-freshness-note.h"
#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_DASHBOARD_PAGE (fp_dashboard_page_get_type ())

G_DECLARE_FINAL_TYPE (FpDashboardPage, fp_dashboard_page, FP, DASHBOARD_PAGE, AdwBin)

GtkWidget       *fp_dashboard_page_new                (void);
FpCache         *fp_dashboard_page_get_cache          (FpDashboardPage *self);
void             fp_dashboard_page_set_cache          (FpDashboardPage *self,
                                                       FpCache         *cache);
FpConsentPolicy *fp_dashboard_page_get_consent_policy (FpDashboardPage *self);
void             fp_dashboard_page_set_consent_policy (FpDashboardPage *self,
                                                       FpConsentPolicy *policy);
gboolean         fp_dashboard_page_get_narrow         (FpDashboardPage *self);
void             fp_dashboard_page_set_narrow         (FpDashboardPage *self,
                                                       gboolean         narrow);
void             fp_dashboard_page_refresh            (FpDashboardPage *self);
const char      *fp_dashboard_page_get_state          (FpDashboardPage *self);
int              fp_dashboard_page_get_health_score   (FpDashboardPage *self);
FpSession       *fp_dashboard_page_get_session        (FpDashboardPage *self);
void             fp_dashboard_page_set_session        (FpDashboardPage *self,
                                                       FpSession       *session);
FpFreshnessNote *fp_dashboard_page_get_freshness_note (FpDashboardPage *self);

G_END_DECLS
