/* fp-loan-fit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loan structures fitted to the bank's pricing grid and the customer's
 * cash flow; see fp-loan-fit.h for the rules.
 */

#define G_LOG_DOMAIN "fp-loan"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-loan-fit.h"
#include "fp-money.h"

/* A bad month: one in twenty, spending this many standard deviations
 * above its average (the one-sided 95 % point of a normal distribution). */
#define BAD_MONTH_SIGMAS 1.645

static const char *const purpose_ids[FP_LOAN_N_PURPOSES] = {
  "car", "home_improvement", "debt_consolidation", "education", "other",
};

static const char *const limit_ids[] = {
  "none", "no_income", "payment_to_income", "debt_to_income", "bad_month", "forecast", "grid",
};

/**
 * fp_loan_purpose_to_id:
 * @purpose: a purpose
 *
 * Returns: its stable id, as the bank API spells it (`home_improvement`)
 */
const char *
fp_loan_purpose_to_id (FpLoanPurpose purpose)
{
  g_return_val_if_fail ((guint) purpose < FP_LOAN_N_PURPOSES, "other");
  return purpose_ids[purpose];
}

/**
 * fp_loan_purpose_from_id:
 * @id: an id such as `car`
 * @out_purpose: (out): the purpose
 *
 * Returns: %FALSE for an unknown id
 */
gboolean
fp_loan_purpose_from_id (const char    *id,
                         FpLoanPurpose *out_purpose)
{
  for (guint i = 0; i < FP_LOAN_N_PURPOSES; i++)
    if (g_strcmp0 (id, purpose_ids[i]) == 0)
      {
        *out_purpose = (FpLoanPurpose) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * fp_loan_limit_to_id:
 * @limit: a limit
 *
 * Returns: its stable id (`bad_month`)
 */
const char *
fp_loan_limit_to_id (FpLoanLimit limit)
{
  g_return_val_if_fail ((guint) limit < G_N_ELEMENTS (limit_ids), "none");
  return limit_ids[limit];
}

/**
 * fp_loan_risk_band_for_score:
 * @health_score: the financial health score, 0 to 100
 *
 * The pricing band estimated on the device from the health score (the bank
 * decides the band of an application from its own data): A from 80, B from
 * 65, C from 50, D from 35, E below.
 *
 * Returns: 'A' to 'E'
 */
char
fp_loan_risk_band_for_score (int health_score)
{
  if (health_score >= 80)
    return 'A';
  if (health_score >= 65)
    return 'B';
  if (health_score >= 50)
    return 'C';
  if (health_score >= 35)
    return 'D';
  return 'E';
}

/**
 * fp_loan_pricing_validate:
 * @pricing: a pricing grid
 * @error: return location for a %FP_CORE_ERROR_INVALID
 *
 * Returns: whether the grid is usable
 */
gboolean
fp_loan_pricing_validate (const FpLoanPricing  *pricing,
                          GError              **error)
{
  const char *why = NULL;

  g_return_val_if_fail (pricing != NULL, FALSE);

  if (pricing->min_amount_minor < 100 || pricing->max_amount_minor < pricing->min_amount_minor ||
      pricing->max_amount_minor > FP_LOAN_MAX_AMOUNT_MINOR)
    why = "amounts";
  else if (pricing->amount_step_minor < 1 || pricing->amount_step_minor > pricing->min_amount_minor)
    why = "amount step";
  else if (pricing->n_term_options < 1 || pricing->n_term_options > FP_LOAN_MAX_TERM_OPTIONS ||
           pricing->term_options == NULL)
    why = "term options";
  else if (pricing->n_rows < 1 || pricing->rows == NULL)
    why = "grid";
  else if (pricing->origination_fee_bps < 0 || pricing->origination_fee_bps > 10000 ||
           pricing->max_origination_fee_minor < 0)
    why = "fee";
  else if (pricing->max_debt_to_income_bps <= 0 || pricing->max_debt_to_income_bps > 10000 ||
           pricing->max_payment_to_income_bps <= 0 || pricing->max_payment_to_income_bps > 10000)
    why = "income limits";

  for (gsize i = 0; why == NULL && i < pricing->n_term_options; i++)
    if (pricing->term_options[i] < 1 || pricing->term_options[i] > FP_LOAN_MAX_MONTHS ||
        (i > 0 && pricing->term_options[i] <= pricing->term_options[i - 1]))
      why = "term options";
  for (gsize i = 0; why == NULL && i < pricing->n_rows; i++)
    {
      const FpLoanPriceRow *r = &pricing->rows[i];

      if (r->band < 'A' || r->band > 'E' || r->min_term_months < 1 ||
          r->max_term_months < r->min_term_months || r->max_term_months > FP_LOAN_MAX_MONTHS ||
          r->min_amount_minor < 0 || r->max_amount_minor < r->min_amount_minor ||
          r->rate_bps < 0 || r->rate_bps > FP_LOAN_MAX_RATE_BPS)
        why = "grid";
    }
  for (guint i = 0; why == NULL && i < FP_LOAN_N_PURPOSES; i++)
    if (pricing->max_term_by_purpose[i] > FP_LOAN_MAX_MONTHS)
      why = "purposes";

  if (why != NULL)
    {
      g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID, "The loan pricing is invalid (%s)", why);
      return FALSE;
    }
  return TRUE;
}

/* The row of the grid that prices this loan, or NULL. */
static const FpLoanPriceRow *
find_row (const FpLoanPricing *pricing,
          char                 band,
          guint                term_months,
          gint64               amount_minor)
{
  for (gsize i = 0; i < pricing->n_rows; i++)
    {
      const FpLoanPriceRow *r = &pricing->rows[i];

      if (r->band == band && term_months >= r->min_term_months && term_months <= r->max_term_months &&
          amount_minor >= r->min_amount_minor && amount_minor <= r->max_amount_minor)
        return r;
    }
  return NULL;
}

/**
 * fp_loan_pricing_rate:
 * @pricing: a valid pricing grid
 * @band: 'A' to 'E'
 * @term_months: the term
 * @amount_minor: the amount
 * @out_rate_bps: (out): the nominal yearly rate
 *
 * Returns: %FALSE when the grid has no rate for this loan (the first
 *   matching row wins)
 */
gboolean
fp_loan_pricing_rate (const FpLoanPricing *pricing,
                      char                 band,
                      guint                term_months,
                      gint64               amount_minor,
                      gint32              *out_rate_bps)
{
  const FpLoanPriceRow *row;

  g_return_val_if_fail (pricing != NULL, FALSE);
  g_return_val_if_fail (out_rate_bps != NULL, FALSE);

  row = find_row (pricing, band, term_months, amount_minor);
  if (row == NULL)
    return FALSE;
  *out_rate_bps = row->rate_bps;
  return TRUE;
}

/**
 * fp_loan_pricing_fee:
 * @pricing: a valid pricing grid
 * @amount_minor: the amount
 *
 * Returns: the origination fee: the grid's share of the amount (to the
 *   cent, halves to even), at most its cap
 */
gint64
fp_loan_pricing_fee (const FpLoanPricing *pricing,
                     gint64               amount_minor)
{
  gint64 fee = 0;

  g_return_val_if_fail (pricing != NULL, 0);

  if (!fp_money_mul_div (amount_minor, pricing->origination_fee_bps, 10000, FP_ROUND_HALF_EVEN, &fee, NULL))
    return pricing->max_origination_fee_minor;
  return MIN (fee, pricing->max_origination_fee_minor);
}

/**
 * fp_borrower_from_dashboard:
 * @out: (out): the borrower
 * @dashboard: the computed insights
 *
 * Reads the cash flow, the debts, the forecast and the health score (for
 * the risk band) from the insights; see fp-loan-fit.h.
 */
void
fp_borrower_from_dashboard (FpBorrower        *out,
                            const FpDashboard *dashboard)
{
  const FpHealthInputs *h;
  const FpForecast *f;

  g_return_if_fail (out != NULL);
  g_return_if_fail (dashboard != NULL);

  memset (out, 0, sizeof *out);
  h = fp_dashboard_get_health_inputs (dashboard);
  f = fp_dashboard_get_forecast (dashboard);

  out->monthly_income_minor = fp_dashboard_get_monthly_income (dashboard);
  out->monthly_spending_minor = fp_dashboard_get_monthly_spending (dashboard);
  out->debt_payments_minor = MAX (0, h->monthly_debt_payments_minor);
  out->loan_payments_minor = MAX (0, h->monthly_debt_payments_minor - h->card_min_payments_minor);
  out->bad_month_shortfall_minor = (gint64) llround (BAD_MONTH_SIGMAS * MAX (0.0, h->spending_volatility) *
                                                     (double) MAX (0, out->monthly_spending_minor));
  if (f != NULL && f->n_days > 0 && f->low_minor != NULL)
    {
      out->has_forecast = TRUE;
      out->forecast_low_minor = f->low_minor[0];
      for (guint d = 1; d < f->n_days; d++)
        out->forecast_low_minor = MIN (out->forecast_low_minor, f->low_minor[d]);
      out->forecast_months = (f->n_days - 1) / 30;
    }
  out->risk_band = fp_loan_risk_band_for_score (fp_dashboard_get_health_score (dashboard));
}

/* Figures */

typedef struct {
  const FpLoanPricing *pricing;
  const FpBorrower    *borrower;
  FpLoanFit           *fit;
  gint64               limits[G_N_ELEMENTS (limit_ids)];
} Ctx;

static gint64
share_of (gint64 amount,
          gint32 bps)
{
  gint64 out = 0;

  if (!fp_money_mul_div (amount, bps, 10000, FP_ROUND_FLOOR, &out, NULL))
    return amount > 0 ? G_MAXINT64 / 4 : 0;
  return out;
}

static gint32
bps_of (gint64 part,
        gint64 whole)
{
  gint64 out = 0;

  if (whole <= 0 || !fp_money_mul_div (part, 10000, whole, FP_ROUND_HALF_EVEN, &out, NULL))
    return G_MAXINT32;
  return (gint32) CLAMP (out, G_MININT32, G_MAXINT32);
}

static char *
money (Ctx    *ctx,
       gint64  minor)
{
  return fp_money_format (minor, ctx->pricing->currency);
}

static char *
percent_bps (gint32 bps)
{
  return g_strdup_printf ("%d.%02d", bps / 100, ABS (bps % 100));
}

/* The most a month carries, and which limit sets it. */
static void
compute_max_payment (Ctx *ctx)
{
  const FpBorrower *b = ctx->borrower;
  const FpLoanPricing *p = ctx->pricing;
  FpLoanFit *fit = ctx->fit;
  static const FpLoanLimit order[] = {
    FP_LOAN_LIMIT_PAYMENT_TO_INCOME, FP_LOAN_LIMIT_DEBT_TO_INCOME,
    FP_LOAN_LIMIT_BAD_MONTH, FP_LOAN_LIMIT_FORECAST,
  };

  fit->free_cash_flow_minor = b->monthly_income_minor - b->monthly_spending_minor - b->loan_payments_minor;
  if (b->monthly_income_minor <= 0)
    {
      fit->max_payment_minor = 0;
      fit->binding_limit = FP_LOAN_LIMIT_NO_INCOME;
      return;
    }

  ctx->limits[FP_LOAN_LIMIT_PAYMENT_TO_INCOME] = share_of (b->monthly_income_minor, p->max_payment_to_income_bps);
  ctx->limits[FP_LOAN_LIMIT_DEBT_TO_INCOME] = share_of (b->monthly_income_minor, p->max_debt_to_income_bps)
                                              - b->debt_payments_minor;
  ctx->limits[FP_LOAN_LIMIT_BAD_MONTH] = fit->free_cash_flow_minor - b->bad_month_shortfall_minor;
  ctx->limits[FP_LOAN_LIMIT_FORECAST] = b->has_forecast && b->forecast_months > 0
                                        ? (b->forecast_low_minor > 0 ? b->forecast_low_minor / b->forecast_months
                                                                     : b->forecast_low_minor)
                                        : G_MAXINT64;

  fit->max_payment_minor = G_MAXINT64;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (ctx->limits[order[i]] < fit->max_payment_minor)
      {
        fit->max_payment_minor = ctx->limits[order[i]];
        fit->binding_limit = order[i];
      }
  fit->max_payment_minor = MAX (0, fit->max_payment_minor);
}

/* The limit in words: "…, because " completes it. */
static char *
limit_sentence (Ctx         *ctx,
                FpLoanLimit  limit)
{
  const FpBorrower *b = ctx->borrower;
  g_autofree char *income = money (ctx, b->monthly_income_minor);
  g_autofree char *value = money (ctx, MAX (0, ctx->limits[limit]));

  switch (limit)
    {
    case FP_LOAN_LIMIT_NO_INCOME:
      return g_strdup (_("no regular income was found in your accounts, so no monthly payment can be carried"));

    case FP_LOAN_LIMIT_PAYMENT_TO_INCOME:
      {
        g_autofree char *pct = percent_bps (ctx->pricing->max_payment_to_income_bps);

        /* TRANSLATORS: "a loan's payment may be at most 15.00 % of your income of $4,000.00: $600.00" */
        return g_strdup_printf (_("a loan’s payment may be at most %s %% of your income of %s: %s"),
                                pct, income, value);
      }

    case FP_LOAN_LIMIT_DEBT_TO_INCOME:
      {
        g_autofree char *pct = percent_bps (ctx->pricing->max_debt_to_income_bps);
        g_autofree char *debts = money (ctx, b->debt_payments_minor);

        return g_strdup_printf (_("all debt payments together may be at most %s %% of your income of %s, "
                                  "and %s a month already goes to your debts, which leaves %s"),
                                pct, income, debts, value);
      }

    case FP_LOAN_LIMIT_BAD_MONTH:
      {
        g_autofree char *fcf = money (ctx, ctx->fit->free_cash_flow_minor);
        g_autofree char *shortfall = money (ctx, b->bad_month_shortfall_minor);

        return g_strdup_printf (_("your free cash flow is %s a month and in a bad month (one in twenty, "
                                  "from how much your spending varies) you spend %s more, which leaves %s"),
                                fcf, shortfall, value);
      }

    case FP_LOAN_LIMIT_FORECAST:
      {
        g_autofree char *low = money (ctx, b->forecast_low_minor);

        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "the lower band of your balance forecast falls to %s within "
                                             "90 days, which carries %s for the %u instalment in it",
                                             "the lower band of your balance forecast falls to %s within "
                                             "90 days, which carries %s for each of the %u instalments in it",
                                             b->forecast_months),
                                low, value, b->forecast_months);
      }

    case FP_LOAN_LIMIT_NONE:
    case FP_LOAN_LIMIT_GRID:
    default:
      return g_strdup ("");
    }
}

static char *
cash_flow_explanation (Ctx *ctx)
{
  const FpBorrower *b = ctx->borrower;
  FpLoanFit *fit = ctx->fit;
  g_autofree char *income = money (ctx, b->monthly_income_minor);
  g_autofree char *spending = money (ctx, b->monthly_spending_minor);
  g_autofree char *loans = money (ctx, b->loan_payments_minor);
  g_autofree char *fcf = money (ctx, fit->free_cash_flow_minor);
  g_autofree char *max = money (ctx, fit->max_payment_minor);
  g_autofree char *why = limit_sentence (ctx, fit->binding_limit);

  if (!fit->affordability_checked)
    return g_strdup (_("Priced from the bank’s grid only: your cash flow is used only with your consent "
                       "to personalization, so whether you can afford it was not checked."));

  return g_strdup_printf (_("Free cash flow %s a month: income %s, less spending %s and existing loan "
                            "instalments %s. A new payment may be at most %s, because %s."),
                          fcf, income, spending, loans, max, why);
}

/* Structures */

static void
structure_clear (FpLoanStructure *s)
{
  g_clear_pointer (&s->schedule, fp_loan_schedule_free);
  g_clear_pointer (&s->explanation, g_free);
}

/**
 * fp_loan_fit_free:
 * @fit: (nullable): a fit
 */
void
fp_loan_fit_free (FpLoanFit *fit)
{
  if (fit == NULL)
    return;
  for (guint i = 0; i < fit->n_structures; i++)
    structure_clear (&fit->structures[i]);
  g_free (fit->refusal);
  g_free (fit->cash_flow_explanation);
  g_free (fit);
}

static FpLoanSchedule *
price (Ctx     *ctx,
       gint64   amount,
       guint    term,
       GError **error)
{
  FpLoanTerms terms = { 0 };

  if (!fp_loan_pricing_rate (ctx->pricing, ctx->fit->risk_band, term, amount, &terms.rate_bps))
    return NULL;
  terms.principal_minor = amount;
  terms.term_months = term;
  terms.upfront_fee_minor = fp_loan_pricing_fee (ctx->pricing, amount);
  return fp_loan_schedule_new (&terms, error);
}

static gint64
monthly_outgo (const FpLoanSchedule *s)
{
  return s->payment_minor + s->terms.monthly_fee_minor;
}

static gboolean
affordable (Ctx                  *ctx,
            const FpLoanSchedule *s)
{
  return !ctx->fit->affordability_checked || monthly_outgo (s) <= ctx->fit->max_payment_minor;
}

/* The largest amount, in steps, whose instalment at this term is at most
 * @cap, over the grid's rows for the band; 0 when none reaches the
 * smallest loan. */
static gint64
amount_for_payment (Ctx    *ctx,
                    guint   term,
                    gint64  cap)
{
  const FpLoanPricing *p = ctx->pricing;
  gint64 best = 0;

  for (gsize i = 0; i < p->n_rows; i++)
    {
      const FpLoanPriceRow *r = &p->rows[i];
      gint64 amount;
      gint32 rate;

      if (r->band != ctx->fit->risk_band || term < r->min_term_months || term > r->max_term_months)
        continue;
      amount = fp_loan_principal_for_payment (cap, term, r->rate_bps);
      amount = MIN (amount, MIN (r->max_amount_minor, p->max_amount_minor));
      amount = amount / p->amount_step_minor * p->amount_step_minor;
      if (amount < MAX (r->min_amount_minor, p->min_amount_minor) || amount <= best)
        continue;
      /* Overlapping rows: the first that matches prices it. */
      if (!fp_loan_pricing_rate (p, ctx->fit->risk_band, term, amount, &rate) ||
          fp_loan_payment (amount, term, rate) > cap)
        continue;
      best = amount;
    }
  return best;
}

static guint
max_term (Ctx *ctx)
{
  guint cap = ctx->pricing->max_term_by_purpose[ctx->fit->request.purpose];

  return cap > 0 ? cap : FP_LOAN_MAX_MONTHS;
}

static char *
structure_explanation (Ctx                   *ctx,
                       const FpLoanStructure *st)
{
  const FpLoanSchedule *s = st->schedule;
  const FpLoanPriceRow *row = find_row (ctx->pricing, ctx->fit->risk_band, s->terms.term_months,
                                        s->terms.principal_minor);
  g_autofree char *rate = percent_bps (s->terms.rate_bps);
  g_autofree char *from = money (ctx, row->min_amount_minor);
  g_autofree char *to = money (ctx, row->max_amount_minor);
  g_autofree char *fee = money (ctx, s->terms.upfront_fee_minor);
  g_autofree char *fee_pct = percent_bps (ctx->pricing->origination_fee_bps);
  g_autofree char *fee_cap = money (ctx, ctx->pricing->max_origination_fee_minor);
  g_autofree char *apr = g_strdup_printf ("%d.%d", s->apr_tenths / 10, ABS (s->apr_tenths % 10));
  g_autofree char *priced = NULL;

  /* TRANSLATORS: "Rate 9.99 % from the bank's grid for risk band B, terms of 25 to 36 months and
   * amounts from $5,000.00 to $14,999.99; fee 1.00 % (at most $500.00): $150.00 at the drawdown.
   * APR 10.7 % (EU Consumer Credit Directive)." */
  priced = g_strdup_printf (_("Rate %s %% from the bank’s grid for risk band %c, terms of %u to %u months "
                              "and amounts from %s to %s; fee %s %% (at most %s): %s at the drawdown. "
                              "APR %s %% (EU Consumer Credit Directive, fees included)."),
                            rate, ctx->fit->risk_band, row->min_term_months, row->max_term_months, from, to,
                            fee_pct, fee_cap, fee, apr);
  if (!ctx->fit->affordability_checked)
    return g_steal_pointer (&priced);

  {
    g_autofree char *headroom = money (ctx, st->headroom_minor);
    g_autofree char *bad = money (ctx, st->bad_month_headroom_minor);
    g_autofree char *dti = percent_bps (st->debt_to_income_bps);

    return g_strdup_printf (_("%s It leaves %s of your free cash flow in an ordinary month and %s in a bad "
                              "one; all your debt payments would be %s %% of your income."),
                            priced, headroom, bad, dti);
  }
}

static void
add_structure (Ctx            *ctx,
               FpLoanSchedule *schedule,
               const char     *label)
{
  const FpBorrower *b = ctx->borrower;
  FpLoanFit *fit = ctx->fit;
  FpLoanStructure *st = &fit->structures[fit->n_structures++];
  gint64 outgo = monthly_outgo (schedule);

  st->schedule = schedule;
  st->label = label;
  if (fit->affordability_checked)
    {
      st->headroom_minor = fit->free_cash_flow_minor - outgo;
      st->bad_month_headroom_minor = st->headroom_minor - b->bad_month_shortfall_minor;
      st->debt_to_income_bps = bps_of (b->debt_payments_minor + outgo, b->monthly_income_minor);
      st->payment_to_income_bps = bps_of (outgo, b->monthly_income_minor);
      st->forecast_low_after_minor = b->has_forecast
                                     ? b->forecast_low_minor - outgo * (gint64) MIN (b->forecast_months,
                                                                                    schedule->n_instalments)
                                     : 0;
    }
  if (schedule->n_instalments > 1)
    fp_loan_schedule_early_repayment (schedule, schedule->n_instalments / 2, &st->early_repayment, NULL);
  st->explanation = structure_explanation (ctx, st);
}

/* Keeps the shortest, the longest and one in between of the affordable
 * candidates (ascending terms); frees the others. */
static void
choose (Ctx       *ctx,
        GPtrArray *candidates)
{
  guint n = candidates->len;

  if (n == 0)
    return;
  if (n == 1)
    {
      add_structure (ctx, g_ptr_array_steal_index (candidates, 0), _("Only option"));
      return;
    }
  {
    FpLoanSchedule *first = g_ptr_array_index (candidates, 0);
    FpLoanSchedule *middle = n >= 3 ? g_ptr_array_index (candidates, n / 2) : NULL;
    FpLoanSchedule *last = g_ptr_array_index (candidates, n - 1);

    g_ptr_array_index (candidates, 0) = NULL;
    g_ptr_array_index (candidates, n - 1) = NULL;
    if (middle != NULL)
      g_ptr_array_index (candidates, n / 2) = NULL;
    add_structure (ctx, first, _("Shortest term"));
    if (middle != NULL)
      add_structure (ctx, middle, _("Balanced"));
    add_structure (ctx, last, _("Lowest payment"));
  }
}

static gboolean
fit_amount (Ctx     *ctx,
            GError **error)
{
  const FpLoanPricing *p = ctx->pricing;
  FpLoanFit *fit = ctx->fit;
  gint64 amount = fit->request.amount_minor;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_loan_schedule_free);
  g_autoptr(FpLoanSchedule) cheapest = NULL;

  if (amount < p->min_amount_minor || amount > p->max_amount_minor)
    {
      g_autofree char *a = money (ctx, amount);
      g_autofree char *lo = money (ctx, p->min_amount_minor);
      g_autofree char *hi = money (ctx, p->max_amount_minor);

      fit->binding_limit = FP_LOAN_LIMIT_GRID;
      fit->refusal = g_strdup_printf (_("The bank lends between %s and %s; %s is outside."), lo, hi, a);
      return TRUE;
    }

  for (gsize i = 0; i < p->n_term_options; i++)
    {
      guint term = p->term_options[i];
      g_autoptr(GError) local = NULL;
      FpLoanSchedule *s;

      if (term > max_term (ctx))
        continue;
      s = price (ctx, amount, term, &local);
      if (s == NULL)
        {
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          continue;
        }
      if (cheapest == NULL || monthly_outgo (s) <= monthly_outgo (cheapest))
        {
          fp_loan_schedule_free (g_steal_pointer (&cheapest));
          cheapest = fp_loan_schedule_new (&s->terms, NULL);
        }
      if (affordable (ctx, s))
        g_ptr_array_add (candidates, s);
      else
        fp_loan_schedule_free (s);
    }

  if (cheapest == NULL)
    {
      fit->binding_limit = FP_LOAN_LIMIT_GRID;
      fit->refusal = g_strdup_printf (_("The bank’s grid has no rate for risk band %c at this amount."),
                                      fit->risk_band);
      return TRUE;
    }

  choose (ctx, candidates);
  if (fit->n_structures == 0)
    {
      g_autofree char *a = money (ctx, amount);
      g_autofree char *pay = money (ctx, monthly_outgo (cheapest));
      g_autofree char *why = limit_sentence (ctx, fit->binding_limit);
      gint64 most = amount_for_payment (ctx, cheapest->terms.term_months, fit->max_payment_minor);

      if (most >= p->min_amount_minor)
        {
          g_autofree char *m = money (ctx, most);

          fit->refusal = g_strdup_printf (_("A loan of %s costs at least %s a month (over %u months), more "
                                            "than your cash flow can carry, because %s. At most %s over %u "
                                            "months would fit."),
                                          a, pay, cheapest->terms.term_months, why, m,
                                          cheapest->terms.term_months);
        }
      else
        fit->refusal = g_strdup_printf (_("A loan of %s costs at least %s a month (over %u months), more "
                                          "than your cash flow can carry, because %s."),
                                        a, pay, cheapest->terms.term_months, why);
    }
  return TRUE;
}

static gboolean
fit_payment (Ctx     *ctx,
             GError **error)
{
  const FpLoanPricing *p = ctx->pricing;
  FpLoanFit *fit = ctx->fit;
  gint64 cap = fit->request.payment_minor;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_loan_schedule_free);

  if (fit->affordability_checked)
    cap = MIN (cap, fit->max_payment_minor);

  for (gsize i = 0; cap > 0 && i < p->n_term_options; i++)
    {
      guint term = p->term_options[i];
      gint64 amount;
      FpLoanSchedule *s;

      if (term > max_term (ctx) || (amount = amount_for_payment (ctx, term, cap)) == 0)
        continue;
      s = price (ctx, amount, term, error);
      if (s == NULL)
        return FALSE;
      g_ptr_array_add (candidates, s);
    }
  choose (ctx, candidates);

  if (fit->n_structures == 0)
    {
      g_autofree char *c = money (ctx, cap);
      g_autofree char *lo = money (ctx, p->min_amount_minor);

      if (fit->affordability_checked && fit->max_payment_minor < fit->request.payment_minor)
        {
          g_autofree char *why = limit_sentence (ctx, fit->binding_limit);

          fit->refusal = g_strdup_printf (_("Your cash flow carries at most %s a month, because %s; that "
                                            "is not enough for the smallest loan of %s."),
                                          c, why, lo);
        }
      else
        {
          fit->binding_limit = FP_LOAN_LIMIT_GRID;
          fit->refusal = g_strdup_printf (_("%s a month is not enough for the smallest loan of %s at any "
                                            "term the bank offers."),
                                          c, lo);
        }
    }
  return TRUE;
}

/**
 * fp_loan_fit:
 * @pricing: the bank's pricing grid
 * @borrower: the customer's cash flow and risk band
 * @request: the purpose and the amount or payment
 * @error: return location for a %FP_CORE_ERROR
 *
 * Fits loan structures; see fp-loan-fit.h. A request nothing can satisfy
 * is not an error: the result then has no structures and a refusal.
 *
 * Returns: (transfer full) (nullable): the fit, %NULL for invalid input
 */
FpLoanFit *
fp_loan_fit (const FpLoanPricing  *pricing,
             const FpBorrower     *borrower,
             const FpLoanRequest  *request,
             GError              **error)
{
  g_autoptr(FpLoanFit) fit = NULL;
  Ctx ctx = { 0 };

  g_return_val_if_fail (pricing != NULL, NULL);
  g_return_val_if_fail (borrower != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (!fp_loan_pricing_validate (pricing, error))
    return NULL;
  if ((guint) request->purpose >= FP_LOAN_N_PURPOSES ||
      (request->mode == FP_LOAN_FIT_AMOUNT && request->amount_minor <= 0) ||
      (request->mode == FP_LOAN_FIT_PAYMENT && request->payment_minor <= 0) ||
      borrower->risk_band < 'A' || borrower->risk_band > 'E')
    {
      g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                           "A loan request needs a purpose, a positive amount or payment and a risk band");
      return NULL;
    }

  fit = g_new0 (FpLoanFit, 1);
  fit->request = *request;
  fit->risk_band = borrower->risk_band;
  fit->affordability_checked = request->check_affordability;
  ctx.pricing = pricing;
  ctx.borrower = borrower;
  ctx.fit = fit;

  if (fit->affordability_checked)
    compute_max_payment (&ctx);
  else
    fit->max_payment_minor = request->mode == FP_LOAN_FIT_PAYMENT ? request->payment_minor : G_MAXINT64;

  if (!(request->mode == FP_LOAN_FIT_AMOUNT ? fit_amount (&ctx, error) : fit_payment (&ctx, error)))
    return NULL;
  fit->cash_flow_explanation = cash_flow_explanation (&ctx);

  return g_steal_pointer (&fit);
}
