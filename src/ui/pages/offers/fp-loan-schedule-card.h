/* fp-loan-schedule-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"
#include "fp-loan-fit.h"

G_BEGIN_DECLS

#define FP_TYPE_LOAN_SCHEDULE_CARD (fp_loan_schedule_card_get_type ())

G_DECLARE_FINAL_TYPE (FpLoanScheduleCard, fp_loan_schedule_card, FP, LOAN_SCHEDULE_CARD, FpCard)

GtkWidget  *fp_loan_schedule_card_new           (void);
void        fp_loan_schedule_card_set_structure (FpLoanScheduleCard    *self,
                                                 const FpLoanStructure *structure,
                                                 const char            *currency);
GListModel *fp_loan_schedule_card_get_model     (FpLoanScheduleCard    *self);
GtkColumnView *fp_loan_schedule_card_get_table  (FpLoanScheduleCard    *self);

G_END_DECLS
