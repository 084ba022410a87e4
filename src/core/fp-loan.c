/* fp-loan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Annuity loans exact to the cent, and the APR of Directive 2008/48/EC.
 */

#define G_LOG_DOMAIN "fp-loan"

#include "config.h"

#include <math.h>

#include "fp-error.h"
#include "fp-loan.h"
#include "fp-money.h"

/* Months in a year: the Annex's "12 equal months". */
#define MONTHS_PER_YEAR 12
/* The monthly rate is rate_bps / (10000 × 12). */
#define MONTHLY_RATE_DENOMINATOR 120000
/* Flows whose times are whole months are summed with powers of one
 * monthly discount factor instead of an exp() each. */
#define MAX_TABLE_MONTHS (FP_LOAN_MAX_MONTHS * 2 + 1)

/**
 * fp_loan_terms_validate:
 * @terms: the terms
 * @error: return location for a %FP_CORE_ERROR_INVALID
 *
 * Returns: whether the terms describe a loan this module computes
 */
gboolean
fp_loan_terms_validate (const FpLoanTerms  *terms,
                        GError            **error)
{
  g_return_val_if_fail (terms != NULL, FALSE);

  if (terms->principal_minor < 100 || terms->principal_minor > FP_LOAN_MAX_AMOUNT_MINOR)
    {
      g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                   "The amount of credit must be between 1.00 and %" G_GINT64_FORMAT ".00",
                   FP_LOAN_MAX_AMOUNT_MINOR / 100);
      return FALSE;
    }
  if (terms->term_months < 1 || terms->term_months > FP_LOAN_MAX_MONTHS)
    {
      g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                   "The term must be between 1 and %d months", FP_LOAN_MAX_MONTHS);
      return FALSE;
    }
  if (terms->rate_bps < 0 || terms->rate_bps > FP_LOAN_MAX_RATE_BPS)
    {
      g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                   "The rate must be between 0 and %d basis points", FP_LOAN_MAX_RATE_BPS);
      return FALSE;
    }
  if (terms->upfront_fee_minor < 0 || terms->upfront_fee_minor >= terms->principal_minor ||
      terms->monthly_fee_minor < 0 || terms->monthly_fee_minor > terms->principal_minor)
    {
      g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                           "The fees must not be negative, and the upfront fee must be less than the amount");
      return FALSE;
    }
  return TRUE;
}

/**
 * fp_loan_payment:
 * @principal_minor: the amount borrowed
 * @term_months: the number of monthly instalments, at least 1
 * @rate_bps: the nominal yearly rate, compounded monthly
 *
 * The instalment of an annuity: P·r / (1 − (1 + r)^−n) with
 * r = @rate_bps / 120000, rounded to the nearest cent, halves up
 * (P / n for a 0 % loan).
 *
 * Returns: the monthly instalment, principal and interest
 */
gint64
fp_loan_payment (gint64 principal_minor,
                 guint  term_months,
                 gint32 rate_bps)
{
  g_return_val_if_fail (term_months > 0, 0);
  g_return_val_if_fail (rate_bps >= 0, 0);

  if (principal_minor <= 0)
    return 0;
  if (rate_bps == 0)
    return (2 * principal_minor + (gint64) term_months) / (2 * (gint64) term_months);

  /* One instalment: P (1 + r), exactly. */
  if (term_months == 1)
    {
      gint64 payment = 0;

      if (!fp_money_mul_div (principal_minor, MONTHLY_RATE_DENOMINATOR + rate_bps, MONTHLY_RATE_DENOMINATOR,
                             FP_ROUND_HALF_UP, &payment, NULL))
        return G_MAXINT64;
      return payment;
    }

  /* 1 − (1 + r)^−n without cancellation for small r, in extended
   * precision so that only amounts within about 1e−9 of a cent's half
   * could round the other way. */
  {
    long double rl = (long double) rate_bps / MONTHLY_RATE_DENOMINATOR;
    long double x = (long double) principal_minor * rl / -expm1l (-(long double) term_months * log1pl (rl));

    return (gint64) floorl (x + 0.5L);
  }
}

/**
 * fp_loan_principal_for_payment:
 * @payment_minor: the monthly instalment
 * @term_months: the number of instalments, at least 1
 * @rate_bps: the nominal yearly rate
 *
 * The inverse of fp_loan_payment(): the largest amount (to the cent,
 * rounded down) that an instalment of @payment_minor repays.
 *
 * Returns: the amount, 0 when @payment_minor is not positive
 */
gint64
fp_loan_principal_for_payment (gint64 payment_minor,
                               guint  term_months,
                               gint32 rate_bps)
{
  double r;
  gint64 principal;

  g_return_val_if_fail (term_months > 0, 0);
  g_return_val_if_fail (rate_bps >= 0, 0);

  if (payment_minor <= 0)
    return 0;
  if (rate_bps == 0)
    principal = payment_minor * (gint64) term_months;
  else
    {
      r = (double) rate_bps / MONTHLY_RATE_DENOMINATOR;
      principal = (gint64) floor ((double) payment_minor * -expm1 (-(double) term_months * log1p (r)) / r);
    }
  /* The closed form rounds to the cent: a few amounts around the
   * estimate share an instalment. Step to the largest that fits. */
  while (principal > 0 && fp_loan_payment (principal, term_months, rate_bps) > payment_minor)
    principal--;
  while (principal < FP_LOAN_MAX_AMOUNT_MINOR &&
         fp_loan_payment (principal + 1, term_months, rate_bps) <= payment_minor)
    principal++;
  return principal;
}

/**
 * fp_loan_schedule_free:
 * @schedule: (nullable): a schedule
 */
void
fp_loan_schedule_free (FpLoanSchedule *schedule)
{
  if (schedule == NULL)
    return;
  g_free (schedule->instalments);
  g_free (schedule);
}

/**
 * fp_loan_schedule_new:
 * @terms: the loan's terms
 * @error: return location for a %FP_CORE_ERROR
 *
 * The whole amortization schedule, its totals and APR (see the header for
 * the rounding).
 *
 * Returns: (transfer full) (nullable): the schedule, %NULL for invalid terms
 */
FpLoanSchedule *
fp_loan_schedule_new (const FpLoanTerms  *terms,
                      GError            **error)
{
  g_autoptr(FpLoanSchedule) s = NULL;
  g_autofree FpCreditFlow *flows = NULL;
  gint64 balance;
  guint n;

  g_return_val_if_fail (terms != NULL, NULL);

  if (!fp_loan_terms_validate (terms, error))
    return NULL;

  s = g_new0 (FpLoanSchedule, 1);
  s->terms = *terms;
  s->payment_minor = fp_loan_payment (terms->principal_minor, terms->term_months, terms->rate_bps);
  s->instalments = g_new0 (FpLoanInstalment, terms->term_months);
  s->total_fees_minor = terms->upfront_fee_minor;

  balance = terms->principal_minor;
  n = terms->term_months;
  for (guint k = 1; k <= n && balance > 0; k++)
    {
      FpLoanInstalment *row = &s->instalments[s->n_instalments++];
      gint64 interest;

      /* Exact: balance ≤ 1e11 and rate ≤ 1e4 fit 128 bits with room. */
      if (!fp_money_mul_div (balance, terms->rate_bps, MONTHLY_RATE_DENOMINATOR,
                             FP_ROUND_HALF_EVEN, &interest, error))
        return NULL;

      row->month = k;
      row->interest_minor = interest;
      row->fee_minor = terms->monthly_fee_minor;
      /* The last instalment, or one that would overshoot, repays the rest. */
      if (k == n || s->payment_minor >= balance + interest)
        {
          row->principal_minor = balance;
          row->payment_minor = balance + interest;
        }
      else
        {
          row->payment_minor = s->payment_minor;
          row->principal_minor = s->payment_minor - interest;
        }
      balance -= row->principal_minor;
      row->balance_minor = balance;

      s->total_interest_minor += interest;
      s->total_fees_minor += row->fee_minor;
    }
  g_assert (balance == 0);

  s->last_payment_minor = s->instalments[s->n_instalments - 1].payment_minor;
  s->total_payable_minor = terms->principal_minor + s->total_interest_minor + s->total_fees_minor;

  /* The APR: the credit less the fee at t = 0, then each month's
   * instalment and fee. */
  flows = g_new (FpCreditFlow, s->n_instalments + 1);
  flows[0].years = 0.0;
  flows[0].amount_minor = terms->principal_minor - terms->upfront_fee_minor;
  for (guint k = 0; k < s->n_instalments; k++)
    {
      flows[k + 1].years = (double) s->instalments[k].month / MONTHS_PER_YEAR;
      flows[k + 1].amount_minor = -(s->instalments[k].payment_minor + s->instalments[k].fee_minor);
    }
  if (!fp_apr_solve (flows, s->n_instalments + 1, &s->apr, error))
    return NULL;
  s->apr_tenths = fp_apr_round (s->apr);

  return g_steal_pointer (&s);
}

/**
 * fp_loan_schedule_early_repayment:
 * @schedule: a schedule
 * @after_month: repay everything right after this instalment, 0 to the
 *   term minus one
 * @out: (out): what it costs and saves
 * @error: return location for a %FP_CORE_ERROR_INVALID
 *
 * What repaying the whole balance early saves: the interest and fees of
 * the instalments that are not paid, less the compensation Article 16(2)
 * of Directive 2008/48/EC allows the lender (1 % of the amount repaid when
 * more than a year is left, 0.5 % otherwise, never more than the interest
 * saved); the compensation is rounded to the cent, halves to even.
 *
 * Returns: %FALSE when @after_month is not before the last instalment
 */
gboolean
fp_loan_schedule_early_repayment (const FpLoanSchedule  *schedule,
                                  guint                  after_month,
                                  FpEarlyRepayment      *out,
                                  GError               **error)
{
  FpEarlyRepayment r = { 0 };
  gint64 compensation;
  guint left;

  g_return_val_if_fail (schedule != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (after_month >= schedule->n_instalments)
    {
      g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                   "An early repayment must come before the last instalment (month %u)",
                   schedule->n_instalments);
      return FALSE;
    }

  r.after_month = after_month;
  r.outstanding_minor = after_month == 0 ? schedule->terms.principal_minor
                                         : schedule->instalments[after_month - 1].balance_minor;
  for (guint k = after_month; k < schedule->n_instalments; k++)
    {
      r.interest_saved_minor += schedule->instalments[k].interest_minor;
      r.fees_saved_minor += schedule->instalments[k].fee_minor;
    }
  left = schedule->terms.term_months - after_month;
  if (!fp_money_mul_div (r.outstanding_minor, left > MONTHS_PER_YEAR ? 100 : 50, 10000,
                         FP_ROUND_HALF_EVEN, &compensation, error))
    return FALSE;
  r.compensation_minor = MIN (compensation, r.interest_saved_minor);
  r.saving_minor = r.interest_saved_minor + r.fees_saved_minor - r.compensation_minor;

  *out = r;
  return TRUE;
}

/* The APR equation, Σ A_k (1 + X)^−t_k, as a function of v = ln (1 + X),
 * and its derivative. @powers holds e^(−v m / 12) for whole months m when
 * the flows allow it. */
typedef struct {
  const FpCreditFlow *flows;
  gsize               n_flows;
  gboolean            monthly;
  guint               max_month;
  double             *powers;
} AprEquation;

static void
apr_eval (AprEquation *eq,
          double       v,
          double      *out_f,
          double      *out_df)
{
  double f = 0.0, df = 0.0;

  if (eq->monthly)
    {
      double q = exp (-v / MONTHS_PER_YEAR);

      eq->powers[0] = 1.0;
      for (guint m = 1; m <= eq->max_month; m++)
        eq->powers[m] = eq->powers[m - 1] * q;
    }

  for (gsize i = 0; i < eq->n_flows; i++)
    {
      double t = eq->flows[i].years;
      double a = (double) eq->flows[i].amount_minor;
      double d;

      if (eq->monthly)
        d = eq->powers[(guint) lround (t * MONTHS_PER_YEAR)];
      else
        d = exp (-v * t);
      f += a * d;
      df -= t * a * d;
    }
  *out_f = f;
  *out_df = df;
}

/**
 * fp_apr_solve:
 * @flows: (array length=n_flows): drawdowns (positive) and repayments and
 *   charges (negative) with their times in years
 * @n_flows: how many, at most %FP_APR_MAX_FLOWS
 * @out_apr: (out): X, the annual percentage rate of charge (0.1296 for
 *   12.96 %)
 * @error: return location for a %FP_CORE_ERROR_INVALID
 *
 * Solves the basic equation of Annex I of Directive 2008/48/EC for X
 * between −99 % and 10,000 %: bisection safeguarding Newton's method on
 * ln (1 + X), to |ΔX| < 1e−10.
 *
 * Returns: %FALSE when the flows have no root in that range (no money
 *   lent, nothing repaid, or a rate beyond it)
 */
gboolean
fp_apr_solve (const FpCreditFlow  *flows,
              gsize                n_flows,
              double              *out_apr,
              GError             **error)
{
  double powers[MAX_TABLE_MONTHS + 1];
  AprEquation eq = { flows, n_flows, TRUE, 0, powers };
  double lo = log (0.01), hi = log (101.0), v;
  double f_lo, f_hi, f, df, dummy;

  g_return_val_if_fail (flows != NULL || n_flows == 0, FALSE);
  g_return_val_if_fail (out_apr != NULL, FALSE);

  if (n_flows == 0 || n_flows > FP_APR_MAX_FLOWS)
    {
      g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                   "The APR needs 1 to %d flows", FP_APR_MAX_FLOWS);
      return FALSE;
    }
  for (gsize i = 0; i < n_flows; i++)
    {
      double m = flows[i].years * MONTHS_PER_YEAR;

      if (!isfinite (flows[i].years) || flows[i].years < 0.0 || flows[i].years > 100.0)
        {
          g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                               "A flow of the APR must come between 0 and 100 years after the drawdown");
          return FALSE;
        }
      if (fabs (m - round (m)) > 1e-9 || round (m) > MAX_TABLE_MONTHS)
        eq.monthly = FALSE;
      else
        eq.max_month = MAX (eq.max_month, (guint) lround (m));
    }

  apr_eval (&eq, lo, &f_lo, &dummy);
  apr_eval (&eq, hi, &f_hi, &dummy);
  if (f_lo == 0.0 || f_hi == 0.0 || (f_lo < 0.0) == (f_hi < 0.0))
    {
      if (f_lo == 0.0 || f_hi == 0.0)
        {
          *out_apr = expm1 (f_lo == 0.0 ? lo : hi);
          return TRUE;
        }
      g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                           "These flows have no annual percentage rate between -99 % and 10,000 %");
      return FALSE;
    }
  /* Orient so that f(lo) < 0 < f(hi). */
  if (f_lo > 0.0)
    {
      double t = lo;

      lo = hi;
      hi = t;
    }

  v = 0.0;
  if (v <= MIN (lo, hi) || v >= MAX (lo, hi))
    v = 0.5 * (lo + hi);
  for (guint iter = 0; iter < 200; iter++)
    {
      double next;

      apr_eval (&eq, v, &f, &df);
      if (f == 0.0)
        break;
      if (f < 0.0)
        lo = v;
      else
        hi = v;
      next = df != 0.0 ? v - f / df : 0.5 * (lo + hi);
      /* Outside the bracket, or not converging fast: bisect. */
      if (!isfinite (next) || next <= MIN (lo, hi) || next >= MAX (lo, hi))
        next = 0.5 * (lo + hi);
      if (fabs (next - v) < 1e-13 || fabs (hi - lo) < 1e-13)
        {
          v = next;
          break;
        }
      v = next;
    }

  *out_apr = expm1 (v);
  return TRUE;
}

/**
 * fp_apr_round:
 * @apr: an APR such as 0.12962
 *
 * The disclosed figure: one decimal place of a percent, a 5 or more in the
 * next place rounding up (Annex I, remark (d)).
 *
 * Returns: the APR in tenths of a percent (130 for 13.0 %)
 */
gint32
fp_apr_round (double apr)
{
  return (gint32) floor (apr * 1000.0 + 0.5);
}
