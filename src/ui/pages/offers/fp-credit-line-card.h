/* fp-credit-line-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"
#include "fp-credit-line.h"

G_BEGIN_DECLS

#define FP_TYPE_CREDIT_LINE_CARD (fp_credit_line_card_get_type ())

G_DECLARE_FINAL_TYPE (FpCreditLineCard, fp_credit_line_card, FP, CREDIT_LINE_CARD, FpCard)

GtkWidget                *fp_credit_line_card_new         (const FpCreditLineModel  *model,
                                                           const FpCreditLineInputs *inputs,
                                                           const char               *name,
                                                           gint64                    card_limit_minor);
const FpCreditLineResult *fp_credit_line_card_get_result  (FpCreditLineCard         *self);
const FpCreditLineResult *fp_credit_line_card_get_what_if (FpCreditLineCard         *self);
void                      fp_credit_line_card_set_what_if (FpCreditLineCard         *self,
                                                           double                    utilization,
                                                           double                    on_time);
const char               *fp_credit_line_card_get_what_if_text (FpCreditLineCard    *self);

G_END_DECLS
