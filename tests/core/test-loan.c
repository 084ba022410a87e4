/* test-loan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loans to the cent: the instalment against the closed form computed here
 * independently (long double), the schedule's sums, the APR against
 * published worked examples, 0 % and one-month loans, early repayment.
 */

#include "config.h"

#include <math.h>

#include "fp-error.h"
#include "fp-loan.h"

/* The closed form P·r / (1 − (1 + r)^−n) in long double, rounded to the
 * cent with halves up: the reference the instalment must equal. */
static gint64
reference_payment (gint64 principal,
                   guint  n,
                   gint32 bps)
{
  long double r = (long double) bps / 120000.0L;
  long double x;

  /* One instalment is P (1 + r): exactly, in integers. */
  if (n == 1)
    return (gint64) (((__int128) principal * (120000 + bps) * 2 + 120000) / 240000);
  if (bps == 0)
    x = (long double) principal / n;
  else
    x = (long double) principal * r / (1.0L - powl (1.0L + r, -(long double) n));
  return (gint64) floorl (x + 0.5L);
}

/* The month's interest, balance × bps / 120000, halves to even, exactly. */
static gint64
reference_interest (gint64 balance,
                    gint32 bps)
{
  __int128 num = (__int128) balance * bps;
  __int128 q = num / 120000, rem = num % 120000;

  if (2 * rem > 120000 || (2 * rem == 120000 && (q & 1)))
    q++;
  return (gint64) q;
}

static void
test_payment_closed_form (void)
{
  static const gint64 principals[] = { 100, 99999, 1000000, 1500000, 2500000, 5000000, 123456789, 99999999999 };
  static const guint terms[] = { 1, 2, 7, 12, 36, 60, 84, 120, 360, 600 };
  static const gint32 rates[] = { 0, 1, 99, 499, 749, 999, 1399, 1899, 2499, 10000 };

  /* A textbook case: 10,000.00 at 6 % over 12 months is 860.66. */
  g_assert_cmpint (fp_loan_payment (1000000, 12, 600), ==, 86066);
  /* 15,000.00 at 7.49 % over 60 months: 300.497954… is 300.50. */
  g_assert_cmpint (fp_loan_payment (1500000, 60, 749), ==, 30050);

  for (guint i = 0; i < G_N_ELEMENTS (principals); i++)
    for (guint j = 0; j < G_N_ELEMENTS (terms); j++)
      for (guint k = 0; k < G_N_ELEMENTS (rates); k++)
        g_assert_cmpint (fp_loan_payment (principals[i], terms[j], rates[k]), ==,
                         reference_payment (principals[i], terms[j], rates[k]));
}

static void
check_schedule (const FpLoanSchedule *s)
{
  gint64 principal = 0, interest = 0, paid = 0, fees = 0, balance = s->terms.principal_minor;

  g_assert_cmpuint (s->n_instalments, ==, s->terms.term_months);
  for (guint k = 0; k < s->n_instalments; k++)
    {
      const FpLoanInstalment *row = &s->instalments[k];

      g_assert_cmpuint (row->month, ==, k + 1);
      g_assert_cmpint (row->interest_minor, ==, reference_interest (balance, s->terms.rate_bps));
      g_assert_cmpint (row->principal_minor + row->interest_minor, ==, row->payment_minor);
      if (k + 1 < s->n_instalments)
        g_assert_cmpint (row->payment_minor, ==, s->payment_minor);
      balance -= row->principal_minor;
      g_assert_cmpint (row->balance_minor, ==, balance);
      g_assert_cmpint (balance, >=, 0);
      principal += row->principal_minor;
      interest += row->interest_minor;
      paid += row->payment_minor;
      fees += row->fee_minor;
    }
  /* The principal paid is exactly the amount; the last instalment is the
   * rest. */
  g_assert_cmpint (balance, ==, 0);
  g_assert_cmpint (principal, ==, s->terms.principal_minor);
  g_assert_cmpint (interest, ==, s->total_interest_minor);
  g_assert_cmpint (paid, ==, s->terms.principal_minor + s->total_interest_minor);
  g_assert_cmpint (fees + s->terms.upfront_fee_minor, ==, s->total_fees_minor);
  g_assert_cmpint (s->total_payable_minor, ==, paid + s->total_fees_minor);
  g_assert_cmpint (s->last_payment_minor, ==, s->instalments[s->n_instalments - 1].payment_minor);
}

/* Σ flows (1 + apr)^−t at the schedule's APR: zero within a cent. */
static void
check_apr_root (const FpLoanSchedule *s)
{
  long double npv = (long double) (s->terms.principal_minor - s->terms.upfront_fee_minor);

  for (guint k = 0; k < s->n_instalments; k++)
    npv -= (long double) (s->instalments[k].payment_minor + s->instalments[k].fee_minor) *
           powl (1.0L + s->apr, -(long double) s->instalments[k].month / 12.0L);
  g_assert_cmpfloat (fabsl (npv), <, 1.0L);
}

static void
test_schedule_sums (void)
{
  static const FpLoanTerms cases[] = {
    { 1500000, 60, 749, 15000, 0 },
    { 1000000, 12, 600, 0, 0 },
    { 2500000, 84, 2499, 50000, 0 },
    { 123457, 36, 1399, 1234, 250 },
    { 100, 600, 10000, 0, 0 },
    { 99999999999, 360, 499, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FpLoanSchedule) s = fp_loan_schedule_new (&cases[i], &error);

      g_assert_no_error (error);
      g_assert_cmpint (s->payment_minor, ==,
                       reference_payment (cases[i].principal_minor, cases[i].term_months, cases[i].rate_bps));
      check_schedule (s);
      check_apr_root (s);
      /* Fees make the APR exceed the compounded borrowing rate; without
       * them they are equal. */
      /* (The cents of the instalments move it a little: by less than
       * 0.1 basis point from 1,000.00 up.) */
      if (cases[i].upfront_fee_minor == 0 && cases[i].monthly_fee_minor == 0 && cases[i].principal_minor >= 100000)
        g_assert_cmpfloat (fabs (s->apr - (pow (1.0 + cases[i].rate_bps / 120000.0, 12) - 1.0)), <, 1e-5);
      else if (cases[i].upfront_fee_minor > 0 || cases[i].monthly_fee_minor > 0)
        g_assert_cmpfloat (s->apr, >, pow (1.0 + cases[i].rate_bps / 120000.0, 12) - 1.0);
    }
}

static void
test_zero_rate (void)
{
  FpLoanTerms terms = { 100000, 12, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpLoanSchedule) s = fp_loan_schedule_new (&terms, &error);

  g_assert_no_error (error);
  /* 1,000.00 / 12 = 83.333…: 83.33 eleven times, 83.37 last. */
  g_assert_cmpint (s->payment_minor, ==, 8333);
  g_assert_cmpint (s->last_payment_minor, ==, 8337);
  g_assert_cmpint (s->total_interest_minor, ==, 0);
  g_assert_cmpfloat (fabs (s->apr), <, 1e-9);
  g_assert_cmpint (s->apr_tenths, ==, 0);
  check_schedule (s);

  /* With a fee of 20.00 at the drawdown the APR is no longer 0. */
  terms.upfront_fee_minor = 2000;
  {
    g_autoptr(FpLoanSchedule) f = fp_loan_schedule_new (&terms, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (f->apr, >, 0.03);
    check_apr_root (f);
  }
}

static void
test_one_month (void)
{
  FpLoanTerms terms = { 50000, 1, 1200, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpLoanSchedule) s = fp_loan_schedule_new (&terms, &error);

  g_assert_no_error (error);
  /* 500.00 at 1 % for a month: one payment of 505.00. */
  g_assert_cmpuint (s->n_instalments, ==, 1);
  g_assert_cmpint (s->payment_minor, ==, 50500);
  g_assert_cmpint (s->last_payment_minor, ==, 50500);
  g_assert_cmpint (s->total_interest_minor, ==, 500);
  g_assert_cmpint (s->instalments[0].balance_minor, ==, 0);
  /* 1.01^12 − 1 = 12.6825 % */
  g_assert_cmpfloat (fabs (s->apr - (pow (1.01, 12) - 1.0)), <, 1e-9);
  g_assert_cmpint (s->apr_tenths, ==, 127);
  check_schedule (s);
}

static double
solve (const FpCreditFlow *flows,
       gsize               n)
{
  g_autoptr(GError) error = NULL;
  double apr = -1.0;

  g_assert_true (fp_apr_solve (flows, n, &apr, &error));
  g_assert_no_error (error);
  return apr;
}

/* The worked examples of Directive 98/7/EC, Annex III ("Examples of
 * calculation", A: calendar basis, 1 year = 365 days), which the APR
 * equation of Directive 2008/48/EC, Annex I, keeps unchanged: see
 * https://service.betterregulation.com/document/260747 and
 * https://parlementairemonitor.nl/9353000/1/j4nvirkkkr58fyw_j9tvgajcor7dxyk_j9vvij5epmj1ey0/vi8rm2xukhzg */
static void
test_apr_directive_examples (void)
{
  /* First example: 1,000 lent on 1 January 1994, repaid with 1,200 on
   * 1 July 1995, 546 days later: 12.96 %, 13.0 % to one decimal. */
  {
    FpCreditFlow flows[] = { { 0.0, 100000 }, { 546.0 / 365.0, -120000 } };
    double apr = solve (flows, G_N_ELEMENTS (flows));

    g_assert_cmpfloat (fabs (apr - 0.1296), <, 0.00005);
    g_assert_cmpint (fp_apr_round (apr), ==, 130);
  }
  /* Second example: the creditor keeps 50 for costs, so 950 is lent:
   * 16.9 %. */
  {
    FpCreditFlow flows[] = { { 0.0, 95000 }, { 546.0 / 365.0, -120000 } };

    g_assert_cmpint (fp_apr_round (solve (flows, G_N_ELEMENTS (flows))), ==, 169);
  }
  /* Third example: 1,000 repaid with 600 after one and two years:
   * i = 0.1306623, 13.1 % (13.07 % to two decimals). */
  {
    FpCreditFlow flows[] = { { 0.0, 100000 }, { 1.0, -60000 }, { 2.0, -60000 } };
    double apr = solve (flows, G_N_ELEMENTS (flows));

    /* (The Annex gives the first seven decimals.) */
    g_assert_cmpfloat (apr, >=, 0.1306623);
    g_assert_cmpfloat (apr, <, 0.1306624);
    g_assert_cmpint (fp_apr_round (apr), ==, 131);
  }
}

/* A monthly representative example as published under the UK's Consumer
 * Credit Directive rules (CONC 3.5): a car dealer's "Typical Representative
 * Finance Example", https://daciautos.co.uk/vehicles/?make=Vauxhall —
 * credit 7,200.00 over 48 months; 47 monthly payments of 156.84, a final
 * payment of 2,440.59 and an option-to-purchase fee of 10.00 with it;
 * representative APR 13.90 %. */
static void
test_apr_representative_example (void)
{
  FpCreditFlow flows[49];
  double apr;

  flows[0].years = 0.0;
  flows[0].amount_minor = 720000;
  for (guint m = 1; m <= 47; m++)
    {
      flows[m].years = m / 12.0;
      flows[m].amount_minor = -15684;
    }
  flows[48].years = 4.0;
  flows[48].amount_minor = -(244059 + 1000);
  apr = solve (flows, G_N_ELEMENTS (flows));
  g_assert_cmpfloat (fabs (apr - 0.1390), <, 0.00005);
  g_assert_cmpint (fp_apr_round (apr), ==, 139);
}

static void
test_apr_invalid (void)
{
  g_autoptr(GError) error = NULL;
  FpCreditFlow nothing_repaid[] = { { 0.0, 100000 } };
  FpCreditFlow negative_time[] = { { -1.0, 100000 }, { 1.0, -110000 } };
  double apr;

  g_assert_false (fp_apr_solve (nothing_repaid, 1, &apr, &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (fp_apr_solve (negative_time, 2, &apr, &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
}

static void
test_early_repayment (void)
{
  FpLoanTerms terms = { 1200000, 24, 999, 0, 500 };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpLoanSchedule) s = fp_loan_schedule_new (&terms, &error);
  FpEarlyRepayment e;
  gint64 interest = 0;

  g_assert_no_error (error);

  /* After 6 instalments, 18 months are left: compensation 1 % of the
   * balance. */
  g_assert_true (fp_loan_schedule_early_repayment (s, 6, &e, &error));
  for (guint k = 6; k < 24; k++)
    interest += s->instalments[k].interest_minor;
  g_assert_cmpint (e.outstanding_minor, ==, s->instalments[5].balance_minor);
  g_assert_cmpint (e.interest_saved_minor, ==, interest);
  g_assert_cmpint (e.fees_saved_minor, ==, 18 * 500);
  g_assert_cmpint (e.compensation_minor, ==, reference_interest (e.outstanding_minor, 100 * 12) );
  g_assert_cmpint (e.saving_minor, ==, interest + 18 * 500 - e.compensation_minor);

  /* After 18, 6 months are left: 0.5 %, never more than the interest. */
  g_assert_true (fp_loan_schedule_early_repayment (s, 18, &e, &error));
  g_assert_cmpint (e.compensation_minor, <=, e.interest_saved_minor);
  g_assert_cmpint (e.compensation_minor, ==,
                   MIN (reference_interest (e.outstanding_minor, 50 * 12), e.interest_saved_minor));

  /* The last instalment is not early. */
  g_assert_false (fp_loan_schedule_early_repayment (s, 24, &e, &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
}

static void
test_invalid_terms (void)
{
  static const FpLoanTerms bad[] = {
    { 99, 12, 500, 0, 0 },
    { 100000, 0, 500, 0, 0 },
    { 100000, 601, 500, 0, 0 },
    { 100000, 12, -1, 0, 0 },
    { 100000, 12, 10001, 0, 0 },
    { 100000, 12, 500, 100000, 0 },
    { 100000, 12, 500, -1, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (fp_loan_schedule_new (&bad[i], &error));
      g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
    }
}

static void
test_principal_for_payment (void)
{
  static const gint32 rates[] = { 0, 749, 1399, 2499 };

  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    for (guint n = 12; n <= 84; n += 12)
      {
        gint64 p = fp_loan_principal_for_payment (40000, n, rates[i]);

        /* The largest amount whose instalment is at most 400.00. */
        g_assert_cmpint (fp_loan_payment (p, n, rates[i]), <=, 40000);
        g_assert_cmpint (fp_loan_payment (p + 1, n, rates[i]), >, 40000);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loan/payment-closed-form", test_payment_closed_form);
  g_test_add_func ("/loan/schedule-sums", test_schedule_sums);
  g_test_add_func ("/loan/zero-rate", test_zero_rate);
  g_test_add_func ("/loan/one-month", test_one_month);
  g_test_add_func ("/loan/apr/directive-examples", test_apr_directive_examples);
  g_test_add_func ("/loan/apr/representative-example", test_apr_representative_example);
  g_test_add_func ("/loan/apr/invalid", test_apr_invalid);
  g_test_add_func ("/loan/early-repayment", test_early_repayment);
  g_test_add_func ("/loan/invalid-terms", test_invalid_terms);
  g_test_add_func ("/loan/principal-for-payment", test_principal_for_payment);

  return g_test_run ();
}
