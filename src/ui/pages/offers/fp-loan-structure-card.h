/* fp-loan-structure-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-card.h"
#include "fp-loan-fit.h"

G_BEGIN_DECLS

#define FP_TYPE_LOAN_STRUCTURE_CARD (fp_loan_structure_card_get_type ())

G_DECLARE_FINAL_TYPE (FpLoanStructureCard, fp_loan_structure_card, FP, LOAN_STRUCTURE_CARD, FpCard)

GtkWidget       *fp_loan_structure_card_new        (const FpLoanFit *fit,
                                                    guint            index,
                                                    const char      *currency);
GtkToggleButton *fp_loan_structure_card_get_toggle (FpLoanStructureCard *self);
guint            fp_loan_structure_card_get_index  (FpLoanStructureCard *self);

G_END_DECLS
