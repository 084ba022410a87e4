/* fp-loan-fit.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dynamic loan structuring: from a purpose and either an amount or the
 * monthly payment the customer can afford, the structures (amount, term,
 * rate, payment) the bank's pricing grid allows and the customer's cash
 * flow can carry, two or three of them to compare, or a refusal with its
 * reason in words.
 *
 * The cash flow comes from the insights (fp_borrower_from_dashboard()):
 *  - free cash flow = income − spending − the instalments of existing loans
 *    (spending as the insights count it: card purchases in, transfers to the
 *    customer's own loan and card accounts out);
 *  - a bad month leaves less: one month in twenty, spending 1.645 standard
 *    deviations above its average (the insights' month-to-month variation
 *    of spending);
 *  - the forecast's low band over its 90 days must stay above zero after the
 *    new instalments that fall in it;
 *  - debt payments (old and new) at most the grid's debt-to-income limit,
 *    the new payment at most its payment-to-income limit.
 * The most a month can carry is the smallest of these; a structure whose
 * payment is above it is refused, naming the limit that binds.
 */

#pragma once

#include <glib.h>

#include "fp-insights.h"
#include "fp-loan.h"

G_BEGIN_DECLS

#define FP_LOAN_MAX_STRUCTURES 3
#define FP_LOAN_MAX_TERM_OPTIONS 32

/**
 * FpLoanPurpose:
 *
 * What the loan is for; the grid can cap the term per purpose.
 */
typedef enum {
  FP_LOAN_PURPOSE_CAR,
  FP_LOAN_PURPOSE_HOME_IMPROVEMENT,
  FP_LOAN_PURPOSE_DEBT_CONSOLIDATION,
  FP_LOAN_PURPOSE_EDUCATION,
  FP_LOAN_PURPOSE_OTHER,
} FpLoanPurpose;

#define FP_LOAN_N_PURPOSES (FP_LOAN_PURPOSE_OTHER + 1)

/**
 * FpLoanPriceRow:
 * @band: the risk band, 'A' (best) to 'E'
 * @min_term_months: the shortest term the row prices
 * @max_term_months: the longest
 * @min_amount_minor: the smallest amount of the amount band
 * @max_amount_minor: the largest
 * @rate_bps: the nominal yearly rate
 *
 * One cell of the pricing grid: a rate by risk band, term and amount.
 */
typedef struct {
  char   band;
  guint  min_term_months;
  guint  max_term_months;
  gint64 min_amount_minor;
  gint64 max_amount_minor;
  gint32 rate_bps;
} FpLoanPriceRow;

/**
 * FpLoanPricing:
 * @offer_id: the catalogue's offer
 * @currency: ISO 4217 code of the amounts
 * @min_amount_minor: the smallest loan
 * @max_amount_minor: the largest
 * @amount_step_minor: amounts fitted to a payment are multiples of this
 * @term_options: (array length=n_term_options): the terms offered, ascending
 * @n_term_options: how many, 1 to %FP_LOAN_MAX_TERM_OPTIONS
 * @max_term_by_purpose: the longest term per #FpLoanPurpose, 0 for no cap
 * @rows: (array length=n_rows): the grid
 * @n_rows: how many
 * @origination_fee_bps: the fee at drawdown, of the amount
 * @max_origination_fee_minor: its cap
 * @max_debt_to_income_bps: all debt payments at most this share of income
 * @max_payment_to_income_bps: the new payment at most this share of income
 */
typedef struct {
  const char           *offer_id;
  const char           *currency;
  gint64                min_amount_minor;
  gint64                max_amount_minor;
  gint64                amount_step_minor;
  const guint          *term_options;
  gsize                 n_term_options;
  guint                 max_term_by_purpose[FP_LOAN_N_PURPOSES];
  const FpLoanPriceRow *rows;
  gsize                 n_rows;
  gint32                origination_fee_bps;
  gint64                max_origination_fee_minor;
  gint32                max_debt_to_income_bps;
  gint32                max_payment_to_income_bps;
} FpLoanPricing;

/**
 * FpBorrower:
 * @monthly_income_minor: average monthly income
 * @monthly_spending_minor: average monthly spending (see the header)
 * @loan_payments_minor: instalments of existing loans (not in the spending)
 * @debt_payments_minor: every monthly debt payment due, loans and cards
 * @bad_month_shortfall_minor: how much less than expected a bad month
 *   leaves
 * @forecast_low_minor: the lowest point of the forecast's low band
 * @forecast_months: the instalments that fall within the forecast
 * @has_forecast: whether the two fields above are known
 * @risk_band: 'A' to 'E'
 */
typedef struct {
  gint64   monthly_income_minor;
  gint64   monthly_spending_minor;
  gint64   loan_payments_minor;
  gint64   debt_payments_minor;
  gint64   bad_month_shortfall_minor;
  gint64   forecast_low_minor;
  guint    forecast_months;
  gboolean has_forecast;
  char     risk_band;
} FpBorrower;

typedef enum {
  FP_LOAN_FIT_AMOUNT,
  FP_LOAN_FIT_PAYMENT,
} FpLoanFitMode;

/**
 * FpLoanRequest:
 * @mode: fit to an amount or to a payment
 * @purpose: what it is for
 * @amount_minor: the amount (%FP_LOAN_FIT_AMOUNT)
 * @payment_minor: the monthly payment the customer can afford
 *   (%FP_LOAN_FIT_PAYMENT)
 * @check_affordability: %FALSE prices the structures without the
 *   customer's cash flow (no consent to personalization); the borrower is
 *   then only read for its risk band
 */
typedef struct {
  FpLoanFitMode mode;
  FpLoanPurpose purpose;
  gint64        amount_minor;
  gint64        payment_minor;
  gboolean      check_affordability;
} FpLoanRequest;

/**
 * FpLoanLimit:
 *
 * What limits the monthly payment.
 */
typedef enum {
  FP_LOAN_LIMIT_NONE,
  FP_LOAN_LIMIT_NO_INCOME,
  FP_LOAN_LIMIT_PAYMENT_TO_INCOME,
  FP_LOAN_LIMIT_DEBT_TO_INCOME,
  FP_LOAN_LIMIT_BAD_MONTH,
  FP_LOAN_LIMIT_FORECAST,
  FP_LOAN_LIMIT_GRID,
} FpLoanLimit;

/**
 * FpLoanStructure:
 * @schedule: the loan, with its schedule and APR
 * @label: "Shortest term", "Balanced", "Lowest payment" (translated)
 * @headroom_minor: free cash flow left in an ordinary month after the
 *   payment (and its fee)
 * @bad_month_headroom_minor: the same in a bad month
 * @debt_to_income_bps: all debt payments after the loan, of income
 * @payment_to_income_bps: the new payment, of income
 * @forecast_low_after_minor: the forecast's low point less the new
 *   instalments that fall in it
 * @early_repayment: what repaying everything halfway through saves
 * @explanation: how it was priced and checked
 */
typedef struct {
  FpLoanSchedule  *schedule;
  const char      *label;
  gint64           headroom_minor;
  gint64           bad_month_headroom_minor;
  gint32           debt_to_income_bps;
  gint32           payment_to_income_bps;
  gint64           forecast_low_after_minor;
  FpEarlyRepayment early_repayment;
  char            *explanation;
} FpLoanStructure;

/**
 * FpLoanFit:
 * @request: the request
 * @risk_band: the band priced
 * @affordability_checked: whether the cash flow was checked
 * @free_cash_flow_minor: income − spending − existing loan instalments
 * @max_payment_minor: the most a month can carry (with its fee)
 * @binding_limit: the limit that sets it
 * @n_structures: 0 to %FP_LOAN_MAX_STRUCTURES
 * @structures: (array length=n_structures): from the shortest term to
 *   the lowest payment
 * @refusal: (nullable): why nothing fits, in words
 * @cash_flow_explanation: how the cash flow was read
 */
typedef struct {
  FpLoanRequest    request;
  char             risk_band;
  gboolean         affordability_checked;
  gint64           free_cash_flow_minor;
  gint64           max_payment_minor;
  FpLoanLimit      binding_limit;
  guint            n_structures;
  FpLoanStructure  structures[FP_LOAN_MAX_STRUCTURES];
  char            *refusal;
  char            *cash_flow_explanation;
} FpLoanFit;

const char *fp_loan_purpose_to_id        (FpLoanPurpose         purpose);
gboolean    fp_loan_purpose_from_id      (const char           *id,
                                          FpLoanPurpose        *out_purpose);
const char *fp_loan_limit_to_id          (FpLoanLimit           limit);
char        fp_loan_risk_band_for_score  (int                   health_score);

gboolean    fp_loan_pricing_validate     (const FpLoanPricing  *pricing,
                                          GError              **error);
gboolean    fp_loan_pricing_rate         (const FpLoanPricing  *pricing,
                                          char                  band,
                                          guint                 term_months,
                                          gint64                amount_minor,
                                          gint32               *out_rate_bps);
gint64      fp_loan_pricing_fee          (const FpLoanPricing  *pricing,
                                          gint64                amount_minor);

void        fp_borrower_from_dashboard   (FpBorrower           *out,
                                          const FpDashboard    *dashboard);

FpLoanFit  *fp_loan_fit                  (const FpLoanPricing  *pricing,
                                          const FpBorrower     *borrower,
                                          const FpLoanRequest  *request,
                                          GError              **error);
void        fp_loan_fit_free             (FpLoanFit            *fit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpLoanFit, fp_loan_fit_free)

G_END_DECLS
