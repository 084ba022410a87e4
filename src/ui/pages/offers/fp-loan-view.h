/* fp-loan-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-loan-application.h"
#include "fp-loan-schedule-card.h"
#include "fp-offers-data.h"
#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_LOAN_VIEW (fp_loan_view_get_type ())

G_DECLARE_FINAL_TYPE (FpLoanView, fp_loan_view, FP, LOAN_VIEW, AdwBin)

GtkWidget          *fp_loan_view_new                (void);
void                fp_loan_view_set_data           (FpLoanView          *self,
                                                     FpOffersData        *data,
                                                     const FpOfferInfo   *offer);
void                fp_loan_view_set_session        (FpLoanView          *self,
                                                     FpSession           *session);
void                fp_loan_view_set_narrow         (FpLoanView          *self,
                                                     gboolean             narrow);
void                fp_loan_view_set_request        (FpLoanView          *self,
                                                     FpLoanFitMode        mode,
                                                     FpLoanPurpose        purpose,
                                                     gint64               value_minor);
void                fp_loan_view_choose             (FpLoanView          *self,
                                                     guint                index);
const FpLoanFit    *fp_loan_view_get_fit            (FpLoanView          *self);
guint               fp_loan_view_get_chosen         (FpLoanView          *self);
FpLoanScheduleCard *fp_loan_view_get_schedule_card  (FpLoanView          *self);
FpLoanApplication  *fp_loan_view_get_application    (FpLoanView          *self);
GtkWidget          *fp_loan_view_get_value_entry    (FpLoanView          *self);

G_END_DECLS
