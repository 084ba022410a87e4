/* fp-activity-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-cache.h"
#include "fp-transaction-model.h"

G_BEGIN_DECLS

#define FP_TYPE_ACTIVITY_PAGE (fp_activity_page_get_type ())

G_DECLARE_FINAL_TYPE (FpActivityPage, fp_activity_page, FP, ACTIVITY_PAGE, AdwBin)

GtkWidget          *fp_activity_page_new           (void);
FpCache            *fp_activity_page_get_cache     (FpActivityPage *self);
void                fp_activity_page_set_cache     (FpActivityPage *self,
                                                    FpCache        *cache);
gboolean            fp_activity_page_get_narrow    (FpActivityPage *self);
void                fp_activity_page_set_narrow    (FpActivityPage *self,
                                                    gboolean        narrow);
void                fp_activity_page_reload        (FpActivityPage *self);
void                fp_activity_page_clear_filters (FpActivityPage *self);
void                fp_activity_page_set_filter    (FpActivityPage    *self,
                                                    const FpTxnFilter *filter);
FpTransactionModel *fp_activity_page_get_model     (FpActivityPage *self);
GtkWindow          *fp_activity_page_open_details  (FpActivityPage *self,
                                                    const char     *transaction_id);

G_END_DECLS
