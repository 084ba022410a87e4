/* test-loan-fit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loan structuring: structures fitted to a grid and a cash flow; a
 * structure the forecast cannot carry is refused with its reason.
 */

#include "config.h"

#include <string.h>

#include "fp-error.h"
#include "fp-loan-fit.h"

static const guint terms[] = { 12, 24, 36, 48, 60, 72, 84 };

/* Band B: 8.99 % up to 36 months, 9.99 % beyond; 0.50 percentage points
 * less from 10,000.00. */
static const FpLoanPriceRow rows[] = {
  { 'B', 12, 36, 100000, 999999, 899 },
  { 'B', 12, 36, 1000000, 5000000, 849 },
  { 'B', 37, 84, 100000, 999999, 999 },
  { 'B', 37, 84, 1000000, 5000000, 949 },
  { 'E', 12, 84, 100000, 5000000, 2499 },
};

static void
init_pricing (FpLoanPricing *p)
{
  memset (p, 0, sizeof *p);
  p->offer_id = "loan-personal";
  p->currency = "USD";
  p->min_amount_minor = 100000;
  p->max_amount_minor = 5000000;
  p->amount_step_minor = 10000;
  p->term_options = terms;
  p->n_term_options = G_N_ELEMENTS (terms);
  p->max_term_by_purpose[FP_LOAN_PURPOSE_EDUCATION] = 60;
  p->rows = rows;
  p->n_rows = G_N_ELEMENTS (rows);
  p->origination_fee_bps = 100;
  p->max_origination_fee_minor = 50000;
  p->max_debt_to_income_bps = 4300;
  p->max_payment_to_income_bps = 1500;
}

/* Income 5,000.00, spending 3,500.00, no loans: free cash flow 1,500.00; a
 * bad month 400.00 less; the forecast's low band at 6,000.00. */
static void
init_borrower (FpBorrower *b)
{
  memset (b, 0, sizeof *b);
  b->monthly_income_minor = 500000;
  b->monthly_spending_minor = 350000;
  b->loan_payments_minor = 0;
  b->debt_payments_minor = 10000;
  b->bad_month_shortfall_minor = 40000;
  b->forecast_low_minor = 600000;
  b->forecast_months = 3;
  b->has_forecast = TRUE;
  b->risk_band = 'B';
}

static void
test_amount_fits (void)
{
  FpLoanPricing p;
  FpBorrower b;
  FpLoanRequest req = { FP_LOAN_FIT_AMOUNT, FP_LOAN_PURPOSE_CAR, 1500000, 0, TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpLoanFit) fit = NULL;

  init_pricing (&p);
  init_borrower (&b);
  fit = fp_loan_fit (&p, &b, &req, &error);
  g_assert_no_error (error);

  /* Limits by hand: payment to income 15 % of 5,000.00 = 750.00; debt to
   * income 43 % = 2,150.00 − 100.00 = 2,050.00; bad month 1,500.00 − 400.00
   * = 1,100.00; forecast 6,000.00 / 3 = 2,000.00. The first binds. */
  g_assert_cmpint (fit->free_cash_flow_minor, ==, 150000);
  g_assert_cmpint (fit->max_payment_minor, ==, 75000);
  g_assert_cmpint (fit->binding_limit, ==, FP_LOAN_LIMIT_PAYMENT_TO_INCOME);
  g_assert_null (fit->refusal);

  /* 15,000.00 at 8.49 % over 12 months is 1,308.23: too much; 24 months
   * 681.77 fits. Of the six that fit (24 … 84) the shortest, the one
   * in the middle (index 6 / 2: 60) and the longest. */
  g_assert_cmpuint (fit->n_structures, ==, 3);
  g_assert_cmpuint (fit->structures[0].schedule->terms.term_months, ==, 24);
  g_assert_cmpuint (fit->structures[1].schedule->terms.term_months, ==, 60);
  g_assert_cmpuint (fit->structures[2].schedule->terms.term_months, ==, 84);
  g_assert_cmpint (fit->structures[0].schedule->terms.rate_bps, ==, 849);
  g_assert_cmpint (fit->structures[2].schedule->terms.rate_bps, ==, 949);
  for (guint i = 0; i < fit->n_structures; i++)
    {
      const FpLoanStructure *s = &fit->structures[i];

      g_assert_cmpint (s->schedule->terms.principal_minor, ==, 1500000);
      /* 1 % fee, 150.00, under its cap. */
      g_assert_cmpint (s->schedule->terms.upfront_fee_minor, ==, 15000);
      g_assert_cmpint (s->schedule->payment_minor, <=, fit->max_payment_minor);
      g_assert_cmpint (s->headroom_minor, ==, 150000 - s->schedule->payment_minor);
      g_assert_cmpint (s->bad_month_headroom_minor, ==, s->headroom_minor - 40000);
      g_assert_cmpint (s->bad_month_headroom_minor, >=, 0);
      g_assert_cmpint (s->forecast_low_after_minor, ==, 600000 - 3 * s->schedule->payment_minor);
      g_assert_nonnull (s->explanation);
      g_assert_nonnull (s->label);
      /* Repaying halfway saves something. */
      g_assert_cmpint (s->early_repayment.saving_minor, >, 0);
    }
  /* Shorter costs more a month and less in all. */
  g_assert_cmpint (fit->structures[0].schedule->payment_minor, >, fit->structures[2].schedule->payment_minor);
  g_assert_cmpint (fit->structures[0].schedule->total_interest_minor, <,
                   fit->structures[2].schedule->total_interest_minor);
}

/* The forecast cannot carry it: its low band falls to 500.00 within 90
 * days, 166.66 for each of 3 instalments; even 84 months cost more. */
static void
test_forecast_refuses (void)
{
  FpLoanPricing p;
  FpBorrower b;
  FpLoanRequest req = { FP_LOAN_FIT_AMOUNT, FP_LOAN_PURPOSE_OTHER, 1500000, 0, TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpLoanFit) fit = NULL;

  init_pricing (&p);
  init_borrower (&b);
  b.forecast_low_minor = 50000;
  fit = fp_loan_fit (&p, &b, &req, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fit->max_payment_minor, ==, 16666);
  g_assert_cmpint (fit->binding_limit, ==, FP_LOAN_LIMIT_FORECAST);
  g_assert_cmpuint (fit->n_structures, ==, 0);
  g_assert_nonnull (fit->refusal);
  g_assert_nonnull (strstr (fit->refusal, "$15,000.00"));
  g_assert_nonnull (strstr (fit->refusal, "forecast"));
  /* It says what would fit instead: 166.66 a month over 84 months repays
   * 10,200.22 at 9.49 % (the rate from 10,000.00), so 10,200.00 in steps
   * of 100.00. */
  g_assert_nonnull (strstr (fit->refusal, "At most $10,200.00 over 84 months"));

  /* Once the forecast recovers, the same request fits. */
  b.forecast_low_minor = 600000;
  {
    g_autoptr(FpLoanFit) again = fp_loan_fit (&p, &b, &req, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (again->n_structures, >, 0);
  }
}

static void
test_bad_month_refuses (void)
{
  FpLoanPricing p;
  FpBorrower b;
  FpLoanRequest req = { FP_LOAN_FIT_AMOUNT, FP_LOAN_PURPOSE_CAR, 2000000, 0, TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpLoanFit) fit = NULL;

  init_pricing (&p);
  init_borrower (&b);
  /* Free cash flow 500.00 − loans 100.00 = 400.00, a bad month 350.00 less:
   * 50.00 a month. */
  b.monthly_spending_minor = 450000;
  b.loan_payments_minor = 10000;
  b.debt_payments_minor = 10000;
  b.bad_month_shortfall_minor = 35000;
  fit = fp_loan_fit (&p, &b, &req, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fit->free_cash_flow_minor, ==, 40000);
  g_assert_cmpint (fit->max_payment_minor, ==, 5000);
  g_assert_cmpint (fit->binding_limit, ==, FP_LOAN_LIMIT_BAD_MONTH);
  g_assert_cmpuint (fit->n_structures, ==, 0);
  g_assert_nonnull (strstr (fit->refusal, "bad month"));
}

static void
test_payment_mode (void)
{
  FpLoanPricing p;
  FpBorrower b;
  FpLoanRequest req = { FP_LOAN_FIT_PAYMENT, FP_LOAN_PURPOSE_HOME_IMPROVEMENT, 0, 40000, TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpLoanFit) fit = NULL;

  init_pricing (&p);
  init_borrower (&b);
  fit = fp_loan_fit (&p, &b, &req, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fit->n_structures, ==, 3);
  for (guint i = 0; i < fit->n_structures; i++)
    {
      const FpLoanSchedule *s = fit->structures[i].schedule;
      gint32 rate;

      g_assert_cmpint (s->payment_minor, <=, 40000);
      g_assert_cmpint (s->terms.principal_minor % 10000, ==, 0);
      /* The largest amount in steps: one step more costs more than 400.00
       * (at whatever rate the grid gives it). */
      g_assert_true (fp_loan_pricing_rate (&p, 'B', s->terms.term_months, s->terms.principal_minor + 10000, &rate));
      g_assert_cmpint (fp_loan_payment (s->terms.principal_minor + 10000, s->terms.term_months, rate), >, 40000);
    }
  /* Longer terms borrow more for the same payment. */
  g_assert_cmpint (fit->structures[0].schedule->terms.principal_minor, <,
                   fit->structures[2].schedule->terms.principal_minor);

  /* Asking for more than the cash flow carries fits to what it carries. */
  req.payment_minor = 200000;
  {
    g_autoptr(FpLoanFit) capped = fp_loan_fit (&p, &b, &req, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < capped->n_structures; i++)
      g_assert_cmpint (capped->structures[i].schedule->payment_minor, <=, 75000);
  }
}

static void
test_purpose_caps_term (void)
{
  FpLoanPricing p;
  FpBorrower b;
  FpLoanRequest req = { FP_LOAN_FIT_AMOUNT, FP_LOAN_PURPOSE_EDUCATION, 1500000, 0, TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpLoanFit) fit = NULL;

  init_pricing (&p);
  init_borrower (&b);
  fit = fp_loan_fit (&p, &b, &req, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fit->n_structures, >, 0);
  for (guint i = 0; i < fit->n_structures; i++)
    g_assert_cmpuint (fit->structures[i].schedule->terms.term_months, <=, 60);
}

static void
test_without_consent (void)
{
  FpLoanPricing p;
  FpBorrower b = { 0 };
  FpLoanRequest req = { FP_LOAN_FIT_AMOUNT, FP_LOAN_PURPOSE_CAR, 1500000, 0, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpLoanFit) fit = NULL;

  /* No cash flow at all: priced, not checked. */
  init_pricing (&p);
  b.risk_band = 'E';
  fit = fp_loan_fit (&p, &b, &req, &error);
  g_assert_no_error (error);
  g_assert_false (fit->affordability_checked);
  g_assert_cmpuint (fit->n_structures, ==, 3);
  g_assert_cmpint (fit->structures[0].schedule->terms.rate_bps, ==, 2499);
  g_assert_cmpuint (fit->structures[0].schedule->terms.term_months, ==, 12);
}

static void
test_outside_grid (void)
{
  FpLoanPricing p;
  FpBorrower b;
  FpLoanRequest req = { FP_LOAN_FIT_AMOUNT, FP_LOAN_PURPOSE_CAR, 9000000, 0, TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpLoanFit) fit = NULL;
  FpLoanPriceRow bad_row = { 'F', 12, 84, 100000, 5000000, 999 };

  init_pricing (&p);
  init_borrower (&b);
  fit = fp_loan_fit (&p, &b, &req, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fit->n_structures, ==, 0);
  g_assert_cmpint (fit->binding_limit, ==, FP_LOAN_LIMIT_GRID);

  /* An invalid grid is an error. */
  p.rows = &bad_row;
  p.n_rows = 1;
  g_assert_null (fp_loan_fit (&p, &b, &req, &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
}

static void
test_risk_band (void)
{
  g_assert_cmpint (fp_loan_risk_band_for_score (100), ==, 'A');
  g_assert_cmpint (fp_loan_risk_band_for_score (80), ==, 'A');
  g_assert_cmpint (fp_loan_risk_band_for_score (79), ==, 'B');
  g_assert_cmpint (fp_loan_risk_band_for_score (50), ==, 'C');
  g_assert_cmpint (fp_loan_risk_band_for_score (35), ==, 'D');
  g_assert_cmpint (fp_loan_risk_band_for_score (0), ==, 'E');
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loan-fit/amount", test_amount_fits);
  g_test_add_func ("/loan-fit/forecast-refuses", test_forecast_refuses);
  g_test_add_func ("/loan-fit/bad-month-refuses", test_bad_month_refuses);
  g_test_add_func ("/loan-fit/payment", test_payment_mode);
  g_test_add_func ("/loan-fit/purpose", test_purpose_caps_term);
  g_test_add_func ("/loan-fit/without-consent", test_without_consent);
  g_test_add_func ("/loan-fit/outside-grid", test_outside_grid);
  g_test_add_func ("/loan-fit/risk-band", test_risk_band);

  return g_test_run ();
}
