/* fp-time-machine-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-cache.h"
#include "fp-consent.h"
#include "fp-narrative.h"

G_BEGIN_DECLS

#define FP_TYPE_TIME_MACHINE_PAGE (fp_time_machine_page_get_type ())

G_DECLARE_FINAL_TYPE (FpTimeMachinePage, fp_time_machine_page, FP, TIME_MACHINE_PAGE, GtkWidget)

GtkWidget *fp_time_machine_page_new           (void);
gboolean   fp_time_machine_page_get_narrow    (FpTimeMachinePage *self);
void       fp_time_machine_page_set_narrow    (FpTimeMachinePage *self,
                                               gboolean           narrow);
gboolean   fp_time_machine_page_get_refining  (FpTimeMachinePage *self);
void       fp_time_machine_page_set_narrative (FpTimeMachinePage *self,
                                               const char        *text,
                                               FpNarrativeSource  source);
void       fp_time_machine_page_reset_narrative (FpTimeMachinePage *self);
GPtrArray *fp_time_machine_page_dup_facts     (FpTimeMachinePage *self);
FpCache   *fp_time_machine_page_get_cache     (FpTimeMachinePage *self);
void       fp_time_machine_page_set_cache     (FpTimeMachinePage *self,
                                               FpCache           *cache);
FpConsentPolicy *fp_time_machine_page_get_consent_policy (FpTimeMachinePage *self);
void       fp_time_machine_page_set_consent_policy (FpTimeMachinePage *self,
                                                    FpConsentPolicy   *policy);
void       fp_time_machine_page_refresh       (FpTimeMachinePage *self);

G_END_DECLS
