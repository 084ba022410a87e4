/* fp-wealth-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-offers-data.h"
#include "fp-wealth-history.h"

G_BEGIN_DECLS

#define FP_TYPE_WEALTH_VIEW (fp_wealth_view_get_type ())

G_DECLARE_FINAL_TYPE (FpWealthView, fp_wealth_view, FP, WEALTH_VIEW, AdwBin)

GtkWidget      *fp_wealth_view_new           (void);
void            fp_wealth_view_set_cache     (FpWealthView *self,
                                              FpCache      *cache);
void            fp_wealth_view_set_data      (FpWealthView *self,
                                              FpOffersData *data);
const FpWealth *fp_wealth_view_get_wealth    (FpWealthView *self);
GArray         *fp_wealth_view_get_history   (FpWealthView *self);
gboolean        fp_wealth_view_fill_form     (FpWealthView *self,
                                              const char   *name,
                                              FpWealthKind  kind,
                                              gint64        value_minor,
                                              gint32        rate_bps);
gboolean        fp_wealth_view_save          (FpWealthView *self);
gboolean        fp_wealth_view_edit          (FpWealthView *self,
                                              const char   *asset_id);
gboolean        fp_wealth_view_delete        (FpWealthView *self,
                                              const char   *asset_id);
void            fp_wealth_view_reset_form    (FpWealthView *self);
const char     *fp_wealth_view_get_error     (FpWealthView *self);

G_END_DECLS
