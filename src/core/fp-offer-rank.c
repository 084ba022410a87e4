/* fp-offer-rank.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The offer catalogue ranked for the customer, with the factors of each
 * score; see the header for the consent rules.
 */

#define G_LOG_DOMAIN "fp-offer-rank"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-format.h"
#include "fp-money.h"
#include "fp-offer-rank.h"

/* Months of spending an emergency fund should hold, at least and ideally. */
#define FUND_MIN_MONTHS 3
#define FUND_IDEAL_MONTHS 6
/* Debt payments above this share of income are a burden. */
#define HIGH_DTI_BPS 3600
/* Debt above this rate is better repaid than invested against. */
#define EXPENSIVE_DEBT_BPS 800

static const char *const kind_ids[] = {
  "personal_loan", "credit_line", "portfolio", "esg_portfolio", "savings",
};

static const char *const reaction_ids[] = {
  "interested", "not_for_me", "dismissed",
};

static const char *const reason_ids[FP_OFFER_N_REASONS] = {
  "rate_too_high", "amount_too_low", "amount_too_high", "term_not_suitable", "not_needed_now",
  "values_mismatch", "too_risky", "not_relevant", "other",
};

const char *
fp_offer_kind_to_id (FpOfferKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_ids), "savings");
  return kind_ids[kind];
}

gboolean
fp_offer_kind_from_id (const char  *id,
                       FpOfferKind *out_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_ids); i++)
    if (g_strcmp0 (id, kind_ids[i]) == 0)
      {
        *out_kind = (FpOfferKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
fp_offer_reaction_to_id (FpOfferReaction reaction)
{
  g_return_val_if_fail ((guint) reaction < G_N_ELEMENTS (reaction_ids), "interested");
  return reaction_ids[reaction];
}

gboolean
fp_offer_reaction_from_id (const char      *id,
                           FpOfferReaction *out_reaction)
{
  for (guint i = 0; i < G_N_ELEMENTS (reaction_ids); i++)
    if (g_strcmp0 (id, reaction_ids[i]) == 0)
      {
        *out_reaction = (FpOfferReaction) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * fp_offer_reason_to_id:
 * @reason: a single #FpOfferReason flag
 *
 * Returns: the bank API's reason code
 */
const char *
fp_offer_reason_to_id (FpOfferReason reason)
{
  for (guint i = 0; i < FP_OFFER_N_REASONS; i++)
    if ((guint32) reason == 1u << i)
      return reason_ids[i];
  g_return_val_if_reached ("other");
}

gboolean
fp_offer_reason_from_id (const char    *id,
                         FpOfferReason *out_reason)
{
  for (guint i = 0; i < FP_OFFER_N_REASONS; i++)
    if (g_strcmp0 (id, reason_ids[i]) == 0)
      {
        *out_reason = (FpOfferReason) (1u << i);
        return TRUE;
      }
  return FALSE;
}

/**
 * fp_offer_customer_from_dashboard:
 * @out: (out): what ranking reads
 * @dashboard: the computed insights
 * @accounts: (array length=n_accounts): the accounts the insights used
 * @n_accounts: how many
 * @currency: ISO 4217 code for the texts
 *
 * Fills @out from the insights; @risk_score and @has_values stay 0.
 */
void
fp_offer_customer_from_dashboard (FpOfferCustomer         *out,
                                  const FpDashboard       *dashboard,
                                  const FpAccountSnapshot *accounts,
                                  gsize                    n_accounts,
                                  const char              *currency)
{
  const FpHealthInputs *h;

  g_return_if_fail (out != NULL);
  g_return_if_fail (dashboard != NULL);

  memset (out, 0, sizeof *out);
  h = fp_dashboard_get_health_inputs (dashboard);
  out->currency = currency;
  out->monthly_income_minor = fp_dashboard_get_monthly_income (dashboard);
  out->monthly_spending_minor = fp_dashboard_get_monthly_spending (dashboard);
  out->liquid_minor = h->liquid_minor;
  out->credit_owed_minor = h->credit_owed_minor;
  out->credit_limit_minor = h->credit_limit_minor;
  out->monthly_debt_payments_minor = h->monthly_debt_payments_minor;
  out->late_payments_12m = h->late_payments_12m;
  out->health_score = fp_dashboard_get_health_score (dashboard);
  for (gsize i = 0; i < n_accounts; i++)
    {
      const FpAccountSnapshot *a = &accounts[i];

      if (a->kind == FP_ACCOUNT_INVESTMENT)
        out->investments_minor += MAX (0, a->balance_minor);
      else if ((a->kind == FP_ACCOUNT_CREDIT_CARD || a->kind == FP_ACCOUNT_LOAN) && a->balance_minor < 0)
        out->card_apr_bps = MAX (out->card_apr_bps, a->apr_bps);
    }
}

/* Factors */

typedef struct {
  const FpOfferCustomer *c;
  FpRankedOffer         *r;
} Ctx;

static void
add (Ctx        *ctx,
     const char *id,
     double      contribution,
     const char *source,
     char       *text)
{
  FpOfferFactor *f;

  if (ctx->r->n_factors >= FP_OFFER_MAX_FACTORS || contribution == 0.0)
    {
      g_free (text);
      return;
    }
  f = &ctx->r->factors[ctx->r->n_factors++];
  f->id = id;
  f->contribution = contribution;
  f->source = source;
  f->text = text;
  ctx->r->score += contribution;
}

static char *
money (Ctx    *ctx,
       gint64  minor)
{
  return fp_money_format (minor, ctx->c->currency);
}

static char *
rate (gint32 bps)
{
  return fp_format_percent (bps / 10000.0, 2, FP_FORMAT_NONE);
}

/* A whole percent as core's formatter writes it in the locale ("42%",
 * German "42 %"), rounded. */
static char *
percent (double ratio)
{
  return fp_format_percent (ratio, 0, FP_FORMAT_NONE);
}

static double
fund_months (const FpOfferCustomer *c)
{
  return c->monthly_spending_minor > 0 ? (double) MAX (0, c->liquid_minor) / (double) c->monthly_spending_minor
                                       : (c->liquid_minor > 0 ? FUND_IDEAL_MONTHS : 0.0);
}

static gint64
free_cash_flow (const FpOfferCustomer *c)
{
  return c->monthly_income_minor - c->monthly_spending_minor - c->monthly_debt_payments_minor;
}

static void
loan_factors (Ctx *ctx)
{
  const FpOfferCustomer *c = ctx->c;
  const FpOfferInfo *o = ctx->r->offer;
  gint64 fcf = free_cash_flow (c);
  g_autofree char *dti = percent (HIGH_DTI_BPS / 10000.0);

  if (c->credit_owed_minor > 0 && c->card_apr_bps > o->rate_bps)
    {
      gint64 saved = 0;
      g_autofree char *owed = money (ctx, c->credit_owed_minor);
      g_autofree char *from = rate (c->card_apr_bps);
      g_autofree char *to = rate (o->rate_bps);
      g_autofree char *s = NULL;

      fp_money_mul_div (c->credit_owed_minor, c->card_apr_bps - o->rate_bps, 10000, FP_ROUND_HALF_EVEN,
                        &saved, NULL);
      s = money (ctx, saved);
      add (ctx, "expensive-card-debt", 10.0 + MIN (30.0, (c->card_apr_bps - o->rate_bps) / 100.0),
           "insights.creditOwed, accounts.aprBps, catalogue.aprByRiskBand",
           g_strdup_printf (_("You owe %s at up to %s; this loan starts at %s, so moving the debt to it could "
                              "save about %s a year."), owed, from, to, s));
    }
  if (c->monthly_income_minor > 0 && fcf > 0)
    {
      g_autofree char *f = money (ctx, fcf);

      add (ctx, "cash-flow-room", MIN (15.0, 50.0 * (double) fcf / (double) c->monthly_income_minor),
           "insights.monthlyIncome, insights.monthlySpending, insights.monthlyDebtPayments",
           g_strdup_printf (_("Your free cash flow of %s a month leaves room for a payment."), f));
    }
  else
    add (ctx, "no-cash-flow-room", -20.0, "insights.monthlyIncome, insights.monthlySpending",
         g_strdup (_("Your spending and debt payments use all your income: a new payment would not fit.")));

  if (c->monthly_income_minor > 0 &&
      c->monthly_debt_payments_minor * 10000 > (gint64) HIGH_DTI_BPS * c->monthly_income_minor)
    add (ctx, "high-debt-to-income", -25.0, "insights.monthlyDebtPayments, insights.monthlyIncome",
         g_strdup_printf (_("Your debt payments are already more than %s of your income."), dti));
  if (c->late_payments_12m > 0)
    add (ctx, "late-payments", -10.0, "insights.latePayments12m",
         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u payment was late in the last 12 months.",
                                       "%u payments were late in the last 12 months.", c->late_payments_12m),
                          c->late_payments_12m));
}

static void
credit_line_factors (Ctx *ctx)
{
  const FpOfferCustomer *c = ctx->c;
  g_autofree char *used = c->credit_limit_minor > 0 ? percent ((double) c->credit_owed_minor /
                                                                (double) c->credit_limit_minor) : NULL;
  g_autofree char *low = percent (0.30);

  if (c->late_payments_12m == 0)
    add (ctx, "on-time-record", 10.0, "insights.latePayments12m",
         g_strdup (_("Every payment was on time in the last 12 months: the line’s limit grows with that.")));
  else
    add (ctx, "late-payments", -15.0, "insights.latePayments12m",
         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u payment was late in the last 12 months.",
                                       "%u payments were late in the last 12 months.", c->late_payments_12m),
                          c->late_payments_12m));
  if (c->credit_limit_minor <= 0)
    add (ctx, "no-card", 10.0, "insights.creditLimit",
         g_strdup (_("You have no card limit yet: a line covers unexpected costs.")));
  else if (c->credit_owed_minor * 2 > c->credit_limit_minor)
    add (ctx, "high-utilization", -15.0, "insights.creditOwed, insights.creditLimit",
         g_strdup_printf (_("You already use %s of your card limits."), used));
  else if (c->credit_owed_minor * 10 < c->credit_limit_minor * 3)
    add (ctx, "low-utilization", 5.0, "insights.creditOwed, insights.creditLimit",
         g_strdup_printf (_("You use less than %s of your card limits."), low));
}

static void
savings_factors (Ctx *ctx)
{
  const FpOfferCustomer *c = ctx->c;
  double months = fund_months (c);
  g_autofree char *m = fp_format_number (months, 1);

  if (months < FUND_MIN_MONTHS)
    add (ctx, "emergency-fund-short", 10.0 + 20.0 * (1.0 - months / FUND_MIN_MONTHS),
         "insights.liquid, insights.monthlySpending",
         g_strdup_printf (_("Your savings cover %s months of spending; %d to %d are advised."), m,
                          FUND_MIN_MONTHS, FUND_IDEAL_MONTHS));
  if (free_cash_flow (c) > 0 && c->monthly_income_minor > 0)
    add (ctx, "can-save", 5.0, "insights.monthlyIncome, insights.monthlySpending",
         g_strdup (_("You have money left at the end of a month to put aside.")));
}

static void
portfolio_factors (Ctx *ctx)
{
  const FpOfferCustomer *c = ctx->c;
  const FpOfferInfo *o = ctx->r->offer;
  double months = fund_months (c);
  gint64 idle = c->liquid_minor - FUND_IDEAL_MONTHS * c->monthly_spending_minor;

  if (months >= FUND_MIN_MONTHS)
    add (ctx, "emergency-fund-ready", 20.0, "insights.liquid, insights.monthlySpending",
         g_strdup (_("Your emergency fund is in place, so money can be invested for longer.")));
  else
    add (ctx, "emergency-fund-first", -25.0, "insights.liquid, insights.monthlySpending",
         g_strdup (_("Build an emergency fund of at least three months of spending before investing.")));
  if (c->credit_owed_minor > 0 && c->card_apr_bps >= EXPENSIVE_DEBT_BPS)
    {
      g_autofree char *r = rate (c->card_apr_bps);

      add (ctx, "expensive-debt-first", -20.0, "insights.creditOwed, accounts.aprBps",
           g_strdup_printf (_("Repaying your debt at %s earns more, and more surely, than investing."), r));
    }
  if (idle > 0 && months >= FUND_MIN_MONTHS)
    {
      g_autofree char *i = money (ctx, idle);

      add (ctx, "idle-cash", MIN (20.0, 5.0 + (double) idle / MAX (1, c->monthly_spending_minor) * 5.0),
           "insights.liquid, insights.monthlySpending",
           g_strdup_printf (_("%s lies above six months of spending and could be invested."), i));
    }
  if (c->risk_score > 0 && o->risk_level > 0)
    {
      int gap = abs ((int) o->risk_level - (int) c->risk_score);

      if (gap <= 1)
        add (ctx, "risk-match", 15.0, "riskProfile.score, catalogue.riskLevel",
             g_strdup_printf (_("Its risk level %u matches your risk profile (%u)."), o->risk_level, c->risk_score));
      else if (gap >= 3)
        add (ctx, "risk-mismatch", -15.0, "riskProfile.score, catalogue.riskLevel",
             g_strdup_printf (_("Its risk level %u is far from your risk profile (%u)."), o->risk_level,
                              c->risk_score));
    }
  if (c->has_values)
    {
      if (o->kind == FP_OFFER_ESG_PORTFOLIO)
        add (ctx, "values-match", 15.0, "esgValues",
             g_strdup (_("It filters its funds by the values you stated.")));
      else
        add (ctx, "values-not-applied", -5.0, "esgValues",
             g_strdup (_("It does not filter its funds by the values you stated.")));
    }
  if (o->management_fee_bps > 0)
    {
      g_autofree char *f = rate (o->management_fee_bps);

      add (ctx, "fee", -(double) o->management_fee_bps / 10.0, "catalogue.managementFeeBps",
           g_strdup_printf (_("Its management fee is %s a year."), f));
    }
}

static guint32
reasons_against (FpOfferKind kind)
{
  switch (kind)
    {
    case FP_OFFER_PERSONAL_LOAN:
    case FP_OFFER_CREDIT_LINE:
      return FP_OFFER_REASON_RATE_TOO_HIGH | FP_OFFER_REASON_AMOUNT_TOO_LOW | FP_OFFER_REASON_AMOUNT_TOO_HIGH |
             FP_OFFER_REASON_TERM_NOT_SUITABLE | FP_OFFER_REASON_NOT_NEEDED_NOW | FP_OFFER_REASON_NOT_RELEVANT;
    case FP_OFFER_PORTFOLIO:
    case FP_OFFER_ESG_PORTFOLIO:
      return FP_OFFER_REASON_TOO_RISKY | FP_OFFER_REASON_VALUES_MISMATCH | FP_OFFER_REASON_NOT_NEEDED_NOW |
             FP_OFFER_REASON_AMOUNT_TOO_LOW | FP_OFFER_REASON_NOT_RELEVANT;
    case FP_OFFER_SAVINGS:
    default:
      return FP_OFFER_REASON_RATE_TOO_HIGH | FP_OFFER_REASON_NOT_NEEDED_NOW | FP_OFFER_REASON_NOT_RELEVANT;
    }
}

static void
feedback_factor (Ctx                   *ctx,
                 const FpOfferFeedback *fb)
{
  guint n_reasons = 0;

  if (fb->reaction == FP_OFFER_INTERESTED)
    {
      add (ctx, "interested", 25.0, "feedback", g_strdup (_("You said you are interested.")));
      return;
    }
  for (guint i = 0; i < FP_OFFER_N_REASONS; i++)
    if ((fb->reasons & reasons_against (ctx->r->offer->kind)) & (1u << i))
      n_reasons++;
  add (ctx, "not-for-me", -30.0 - 10.0 * n_reasons, "feedback",
       g_strdup (n_reasons > 0 ? _("You said it is not for you, and why.") : _("You said it is not for you.")));
}

static gint
compare_factors (gconstpointer a,
                 gconstpointer b)
{
  const FpOfferFactor *x = a;
  const FpOfferFactor *y = b;
  double ax = fabs (x->contribution), ay = fabs (y->contribution);

  if (ax != ay)
    return ax > ay ? -1 : 1;
  return strcmp (x->id, y->id);
}

static gint
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const FpRankedOffer *x = a;
  const FpRankedOffer *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return (x->offer->display_order > y->offer->display_order) -
         (x->offer->display_order < y->offer->display_order);
}

static gint
compare_catalogue (gconstpointer a,
                   gconstpointer b)
{
  const FpRankedOffer *x = a;
  const FpRankedOffer *y = b;

  return (x->offer->display_order > y->offer->display_order) -
         (x->offer->display_order < y->offer->display_order);
}

/**
 * fp_offer_ranking_free:
 * @ranking: (nullable): a ranking
 */
void
fp_offer_ranking_free (FpOfferRanking *ranking)
{
  if (ranking == NULL)
    return;
  for (guint i = 0; i < ranking->n_offers; i++)
    for (guint k = 0; k < ranking->offers[i].n_factors; k++)
      g_free (ranking->offers[i].factors[k].text);
  g_free (ranking->offers);
  g_free (ranking->explanation);
  g_free (ranking);
}

/* The latest feedback on @offer_id, or NULL; *dismissed if it was ever
 * dismissed. */
static const FpOfferFeedback *
latest_feedback (const FpOfferFeedback *feedback,
                 gsize                  n_feedback,
                 const char            *offer_id,
                 gboolean              *dismissed)
{
  const FpOfferFeedback *latest = NULL;

  *dismissed = FALSE;
  for (gsize i = 0; i < n_feedback; i++)
    if (g_strcmp0 (feedback[i].offer_id, offer_id) == 0)
      {
        if (feedback[i].reaction == FP_OFFER_DISMISSED)
          *dismissed = TRUE;
        if (latest == NULL || feedback[i].seq > latest->seq)
          latest = &feedback[i];
      }
  return latest;
}

/**
 * fp_offer_rank:
 * @offers: (array length=n_offers): the synced catalogue
 * @n_offers: how many
 * @customer: (nullable): what the insights say of the customer; required
 *   with the consent to personalization, never read without it
 * @feedback: (array length=n_feedback) (nullable): the customer's reactions
 * @n_feedback: how many
 * @consent: the consent state, from #FpConsentPolicy
 * @error: return location for a %FP_CORE_ERROR_INVALID
 *
 * Returns: (transfer full) (nullable): the offers to show, best first
 */
FpOfferRanking *
fp_offer_rank (const FpOfferInfo      *offers,
               gsize                   n_offers,
               const FpOfferCustomer  *customer,
               const FpOfferFeedback  *feedback,
               gsize                   n_feedback,
               const FpOfferConsent   *consent,
               GError                **error)
{
  g_autoptr(FpOfferRanking) ranking = NULL;
  gboolean personal;

  g_return_val_if_fail (offers != NULL || n_offers == 0, NULL);
  g_return_val_if_fail (feedback != NULL || n_feedback == 0, NULL);
  g_return_val_if_fail (consent != NULL, NULL);

  personal = consent->personalization;
  if (personal && customer == NULL)
    {
      g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                           "Ranking with the consent to personalization needs the customer's figures");
      return NULL;
    }

  ranking = g_new0 (FpOfferRanking, 1);
  ranking->ranked = personal;
  ranking->offers = g_new0 (FpRankedOffer, MAX (n_offers, 1));

  for (gsize i = 0; i < n_offers; i++)
    {
      const FpOfferFeedback *fb;
      gboolean dismissed;
      FpRankedOffer *r;
      Ctx ctx;

      if ((guint) offers[i].kind >= G_N_ELEMENTS (kind_ids) || offers[i].offer_id == NULL)
        {
          g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID, "An offer has no id or kind");
          return NULL;
        }
      fb = latest_feedback (feedback, n_feedback, offers[i].offer_id, &dismissed);
      if (dismissed)
        {
          ranking->n_dismissed++;
          continue;
        }

      r = &ranking->offers[ranking->n_offers++];
      r->offer = &offers[i];
      r->has_feedback = fb != NULL;
      r->reaction = fb != NULL ? fb->reaction : FP_OFFER_INTERESTED;
      if (!personal)
        continue;

      ctx.c = customer;
      ctx.r = r;
      switch (offers[i].kind)
        {
        case FP_OFFER_PERSONAL_LOAN: loan_factors (&ctx); break;
        case FP_OFFER_CREDIT_LINE: credit_line_factors (&ctx); break;
        case FP_OFFER_SAVINGS: savings_factors (&ctx); break;
        case FP_OFFER_PORTFOLIO:
        case FP_OFFER_ESG_PORTFOLIO: portfolio_factors (&ctx); break;
        default: g_assert_not_reached ();
        }
      if (fb != NULL)
        feedback_factor (&ctx, fb);
      if (r->n_factors > 1)
        qsort (r->factors, r->n_factors, sizeof r->factors[0], compare_factors);
      r->made_for_you = consent->marketing && r->score > 0.0;
    }

  if (ranking->n_offers > 1)
    qsort (ranking->offers, ranking->n_offers, sizeof ranking->offers[0],
           personal ? compare_ranked : compare_catalogue);

  if (!personal)
    ranking->explanation = g_strdup (_("Shown in the bank’s order: offers are ranked for you only with your "
                                       "consent to personalization (Privacy page)."));
  else
    ranking->explanation = g_strdup_printf (
        "%s %s",
        consent->marketing ? _("Ranked on this device by an automated process from your accounts’ figures and "
                               "your feedback; each offer shows the factors that placed it.")
                           : _("Ranked on this device by an automated process from your accounts’ figures and "
                               "your feedback. Without your consent to marketing no offer is presented as made "
                               "for you."),
        _("You can ask the bank for a person to review any automated decision (GDPR Article 22)."));

  return g_steal_pointer (&ranking);
}
