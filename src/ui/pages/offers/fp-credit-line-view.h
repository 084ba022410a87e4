/* fp-credit-line-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-offers-data.h"

G_BEGIN_DECLS

#define FP_TYPE_CREDIT_LINE_VIEW (fp_credit_line_view_get_type ())

G_DECLARE_FINAL_TYPE (FpCreditLineView, fp_credit_line_view, FP, CREDIT_LINE_VIEW, AdwBin)

GtkWidget *fp_credit_line_view_new        (void);
void       fp_credit_line_view_set_data   (FpCreditLineView *self,
                                           FpOffersData     *data);
guint      fp_credit_line_view_get_n_cards (FpCreditLineView *self);
GtkWidget *fp_credit_line_view_get_card   (FpCreditLineView *self,
                                           guint             index);

G_END_DECLS
