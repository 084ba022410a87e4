/* fp-loan.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An annuity loan, exact to the cent: the instalment, the amortization
 * schedule, the annual percentage rate of charge as the EU Consumer Credit
 * Directive defines it, and what repaying early saves.
 *
 * Rounding, once for all:
 *  - the regular instalment is the closed form P·r / (1 − (1 + r)^−n) with
 *    r = rate_bps / 120000 (the nominal yearly rate compounded monthly),
 *    rounded to the nearest cent, halves up; a 0 % loan pays P / n rounded
 *    the same way;
 *  - each month's interest is balance × rate_bps / 120000, computed exactly
 *    in integers and rounded to the nearest cent, halves to even;
 *  - the principal of an instalment is the instalment minus its interest;
 *    the last instalment repays whatever is left, so the principal paid is
 *    exactly the amount borrowed.
 *
 * The APR solves Annex I of Directive 2008/48/EC (consumer credit):
 * Σ C_k (1 + X)^−t_k = Σ D_l (1 + X)^−s_l, drawdowns against repayments and
 * charges, times in years counted in 12 equal months from the drawdown; a
 * fee paid at the drawdown is a charge at time 0. It is solved numerically
 * to better than 0.01 basis point; fp_apr_round() gives the disclosed figure
 * (one decimal place of a percent, a 5 in the next place rounding up, as
 * the Annex's remark (d) says).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FP_LOAN_MAX_MONTHS       600
#define FP_LOAN_MAX_RATE_BPS     10000                                /* 100 % a year */
#define FP_LOAN_MAX_AMOUNT_MINOR (G_GINT64_CONSTANT (100000000000))   /* 1,000,000,000.00 */
#define FP_APR_MAX_FLOWS         (FP_LOAN_MAX_MONTHS * 2 + 2)

/**
 * FpLoanTerms:
 * @principal_minor: the total amount of credit, at least 1.00
 * @term_months: 1 to %FP_LOAN_MAX_MONTHS monthly instalments, the first one
 *   month after the drawdown
 * @rate_bps: the nominal yearly borrowing rate, 0 to %FP_LOAN_MAX_RATE_BPS
 * @upfront_fee_minor: charges paid at the drawdown (an origination fee)
 * @monthly_fee_minor: charges paid with every instalment
 */
typedef struct {
  gint64 principal_minor;
  guint  term_months;
  gint32 rate_bps;
  gint64 upfront_fee_minor;
  gint64 monthly_fee_minor;
} FpLoanTerms;

/**
 * FpLoanInstalment:
 * @month: 1 to the term
 * @payment_minor: principal plus interest (without the fee)
 * @interest_minor: the interest of the month
 * @principal_minor: what the instalment repays
 * @fee_minor: the monthly fee paid with it
 * @balance_minor: what is owed after it
 */
typedef struct {
  guint  month;
  gint64 payment_minor;
  gint64 interest_minor;
  gint64 principal_minor;
  gint64 fee_minor;
  gint64 balance_minor;
} FpLoanInstalment;

/**
 * FpLoanSchedule:
 * @terms: the terms it was built from
 * @payment_minor: the regular instalment (principal plus interest)
 * @last_payment_minor: the last one, which absorbs the rounding
 * @total_interest_minor: interest over the whole term
 * @total_fees_minor: upfront and monthly fees together
 * @total_payable_minor: principal, interest and fees
 * @apr: the annual percentage rate of charge, 0.1234 for 12.34 %
 * @apr_tenths: the disclosed APR in tenths of a percent (fp_apr_round())
 * @n_instalments: the instalments (the term)
 * @instalments: (array length=n_instalments): each month
 */
typedef struct {
  FpLoanTerms       terms;
  gint64            payment_minor;
  gint64            last_payment_minor;
  gint64            total_interest_minor;
  gint64            total_fees_minor;
  gint64            total_payable_minor;
  double            apr;
  gint32            apr_tenths;
  guint             n_instalments;
  FpLoanInstalment *instalments;
} FpLoanSchedule;

/**
 * FpCreditFlow:
 * @years: when, in years after the first drawdown (t = 0)
 * @amount_minor: positive for money the consumer receives (a drawdown),
 *   negative for money the consumer pays (a repayment or a charge)
 *
 * One term of the APR equation.
 */
typedef struct {
  double years;
  gint64 amount_minor;
} FpCreditFlow;

/**
 * FpEarlyRepayment:
 * @after_month: the loan is repaid in full right after this instalment
 *   (0: before the first)
 * @outstanding_minor: the principal repaid early
 * @compensation_minor: what the lender may charge for it: 1 % of the
 *   amount repaid early when more than a year of the term is left, 0.5 %
 *   otherwise, never more than the interest saved (Directive 2008/48/EC,
 *   Article 16(2))
 * @interest_saved_minor: interest of the instalments not paid
 * @fees_saved_minor: monthly fees not paid
 * @saving_minor: interest and fees saved minus the compensation
 */
typedef struct {
  guint  after_month;
  gint64 outstanding_minor;
  gint64 compensation_minor;
  gint64 interest_saved_minor;
  gint64 fees_saved_minor;
  gint64 saving_minor;
} FpEarlyRepayment;

gboolean        fp_loan_terms_validate        (const FpLoanTerms      *terms,
                                               GError                **error);
gint64          fp_loan_payment               (gint64                  principal_minor,
                                               guint                   term_months,
                                               gint32                  rate_bps);
gint64          fp_loan_principal_for_payment (gint64                  payment_minor,
                                               guint                   term_months,
                                               gint32                  rate_bps);
FpLoanSchedule *fp_loan_schedule_new          (const FpLoanTerms      *terms,
                                               GError                **error);
void            fp_loan_schedule_free         (FpLoanSchedule         *schedule);
gboolean        fp_loan_schedule_early_repayment (const FpLoanSchedule *schedule,
                                               guint                   after_month,
                                               FpEarlyRepayment       *out,
                                               GError                **error);

gboolean        fp_apr_solve                  (const FpCreditFlow     *flows,
                                               gsize                   n_flows,
                                               double                 *out_apr,
                                               GError                **error);
gint32          fp_apr_round                  (double                  apr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpLoanSchedule, fp_loan_schedule_free)

G_END_DECLS
