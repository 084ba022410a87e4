/* fp-loan-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"
#include "fp-lending.h"
#include "fp-offer-rank.h"
#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_LOAN_APPLICATION (fp_loan_application_get_type ())

G_DECLARE_FINAL_TYPE (FpLoanApplication, fp_loan_application, FP, LOAN_APPLICATION, FpCard)

GtkWidget            *fp_loan_application_new          (void);
void                  fp_loan_application_set_session  (FpLoanApplication     *self,
                                                        FpSession             *session);
void                  fp_loan_application_set_choice   (FpLoanApplication     *self,
                                                        const FpOfferInfo     *offer,
                                                        FpLoanPurpose          purpose,
                                                        const FpLoanStructure *structure,
                                                        const char            *currency);
void                  fp_loan_application_start        (FpLoanApplication     *self);
GtkWidget            *fp_loan_application_get_dialog   (FpLoanApplication     *self);
const FpLoanDecision *fp_loan_application_get_decision (FpLoanApplication     *self);
gboolean              fp_loan_application_get_busy     (FpLoanApplication     *self);
const char           *fp_loan_application_get_status   (FpLoanApplication     *self);

G_END_DECLS
