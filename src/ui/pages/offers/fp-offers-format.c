/* fp-offers-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See the header. Rates are basis points shown as percentages with two
 * decimals (fp_format_percent()); points of a ranking with one.
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-format.h"
#include "fp-offers-format.h"

/**
 * fp_offers_asset_class_title:
 * @asset_class: an asset class of the bank's assumptions
 *
 * Returns: its name in words; an id the app does not know is shown as is
 */
const char *
fp_offers_asset_class_title (const char *asset_class)
{
  if (g_strcmp0 (asset_class, "equity") == 0)
    return _("Shares");
  if (g_strcmp0 (asset_class, "esg_equity") == 0)
    return _("Sustainable shares");
  if (g_strcmp0 (asset_class, "bond") == 0)
    return _("Bonds");
  if (g_strcmp0 (asset_class, "money_market") == 0)
    return _("Money market");
  return asset_class;
}

/**
 * fp_offers_kind_title:
 * @kind: a kind of offer
 *
 * Returns: what it is, in words ("Personal loan")
 */
const char *
fp_offers_kind_title (FpOfferKind kind)
{
  switch (kind)
    {
    case FP_OFFER_PERSONAL_LOAN: return _("Personal loan");
    case FP_OFFER_CREDIT_LINE: return _("Credit line");
    case FP_OFFER_PORTFOLIO: return _("Investment portfolio");
    case FP_OFFER_ESG_PORTFOLIO: return _("Sustainable portfolio");
    case FP_OFFER_SAVINGS: return _("Savings account");
    default: return _("Offer");
    }
}

/**
 * fp_offers_purpose_title:
 * @purpose: what a loan is for
 *
 * Returns: the purpose in words
 */
const char *
fp_offers_purpose_title (FpLoanPurpose purpose)
{
  switch (purpose)
    {
    case FP_LOAN_PURPOSE_CAR: return _("A car");
    case FP_LOAN_PURPOSE_HOME_IMPROVEMENT: return _("Home improvement");
    case FP_LOAN_PURPOSE_DEBT_CONSOLIDATION: return _("Paying off other debts");
    case FP_LOAN_PURPOSE_EDUCATION: return _("Education");
    case FP_LOAN_PURPOSE_OTHER:
    default: return _("Something else");
    }
}

/**
 * fp_offers_reason_title:
 * @reason: one #FpOfferReason
 *
 * Returns: the reason as the customer picks it
 */
const char *
fp_offers_reason_title (FpOfferReason reason)
{
  switch (reason)
    {
    case FP_OFFER_REASON_RATE_TOO_HIGH: return _("The rate is too high");
    case FP_OFFER_REASON_AMOUNT_TOO_LOW: return _("The amount is too low");
    case FP_OFFER_REASON_AMOUNT_TOO_HIGH: return _("The amount is too high");
    case FP_OFFER_REASON_TERM_NOT_SUITABLE: return _("The term does not suit me");
    case FP_OFFER_REASON_NOT_NEEDED_NOW: return _("I do not need it now");
    case FP_OFFER_REASON_VALUES_MISMATCH: return _("It does not match my values");
    case FP_OFFER_REASON_TOO_RISKY: return _("It is too risky");
    case FP_OFFER_REASON_NOT_RELEVANT: return _("It is not relevant to me");
    case FP_OFFER_REASON_OTHER:
    default: return _("Another reason");
    }
}

/**
 * fp_offers_reasons_for_kind:
 * @kind: a kind of offer
 *
 * Returns: the #FpOfferReason flags that make sense for @kind
 */
guint32
fp_offers_reasons_for_kind (FpOfferKind kind)
{
  guint32 always = FP_OFFER_REASON_NOT_NEEDED_NOW | FP_OFFER_REASON_NOT_RELEVANT | FP_OFFER_REASON_OTHER;

  switch (kind)
    {
    case FP_OFFER_PERSONAL_LOAN:
    case FP_OFFER_CREDIT_LINE:
      return always | FP_OFFER_REASON_RATE_TOO_HIGH | FP_OFFER_REASON_AMOUNT_TOO_LOW |
             FP_OFFER_REASON_AMOUNT_TOO_HIGH | FP_OFFER_REASON_TERM_NOT_SUITABLE;
    case FP_OFFER_PORTFOLIO:
    case FP_OFFER_ESG_PORTFOLIO:
      return always | FP_OFFER_REASON_TOO_RISKY | FP_OFFER_REASON_VALUES_MISMATCH;
    case FP_OFFER_SAVINGS:
    default:
      return always | FP_OFFER_REASON_RATE_TOO_HIGH;
    }
}

/* One field a ranking factor read, in words. */
static const char *
source_title (const char *source)
{
  static const struct {
    const char *id;
    const char *title;
  } titles[] = {
    { "insights.creditOwed", N_("what you owe on cards") },
    { "insights.creditLimit", N_("your card limits") },
    { "insights.monthlyIncome", N_("your monthly income") },
    { "insights.monthlySpending", N_("your monthly spending") },
    { "insights.monthlyDebtPayments", N_("your debt payments") },
    { "insights.latePayments12m", N_("your late payments in 12 months") },
    { "insights.liquid", N_("your current and savings balances") },
    { "insights.investments", N_("your investments") },
    { "insights.healthScore", N_("your financial health score") },
    { "accounts.aprBps", N_("your accounts’ interest rates") },
    { "profile.riskScore", N_("your risk profile") },
    { "profile.values", N_("the values you stated") },
    /* As fp-offer-rank.c names them. */
    { "riskProfile.score", N_("your risk profile") },
    { "esgValues", N_("the values you stated") },
    { "feedback", N_("your feedback") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (source, titles[i].id))
      return _(titles[i].title);
  if (g_str_has_prefix (source, "catalogue."))
    return _("the bank’s catalogue");
  return NULL;
}

/**
 * fp_offers_format_sources:
 * @sources: a factor's sources, as core names them, separated by commas
 *
 * Returns: (transfer full): the data it came from, in words, each once
 */
char *
fp_offers_format_sources (const char *sources)
{
  g_auto(GStrv) parts = g_strsplit (sources != NULL ? sources : "", ",", -1);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *title = source_title (g_strstrip (parts[i]));

      if (*parts[i] == '\0')
        continue;
      /* A field without words keeps its name: never hide where data came from. */
      if (title == NULL)
        title = parts[i];
      if (g_ptr_array_find_with_equal_func (seen, title, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, (gpointer) title);
      if (out->len > 0)
        g_string_append (out, _(", "));
      g_string_append (out, title);
    }
  return g_string_free (out, FALSE);
}

/**
 * fp_offers_format_points:
 * @points: a factor's contribution
 *
 * Returns: (transfer full): "+25.0 points", "−10.0 points"
 */
char *
fp_offers_format_points (double points)
{
  g_autofree char *number = fp_format_number (points, 1);
  g_autofree char *signed_number = points > 0 ? g_strconcat ("+", number, NULL) : g_strdup (number);

  /* Translators: a factor's contribution to a ranking; %s is a signed number */
  return g_strdup_printf (_("%s points"), signed_number);
}

/**
 * fp_offers_format_rate:
 * @bps: a yearly rate in basis points
 *
 * Returns: (transfer full): "9.99%"
 */
char *
fp_offers_format_rate (gint32 bps)
{
  return fp_format_percent (bps / 10000.0, 2, FP_FORMAT_NONE);
}

/**
 * fp_offers_format_rate_change:
 * @bps: a change of a rate in basis points
 *
 * Returns: (transfer full): "+0.50 percentage points", "no change"
 */
char *
fp_offers_format_rate_change (gint32 bps)
{
  g_autofree char *number = NULL;
  g_autofree char *signed_number = NULL;

  if (bps == 0)
    return g_strdup (_("no change"));
  number = fp_format_number (bps / 100.0, 2);
  signed_number = bps > 0 ? g_strconcat ("+", number, NULL) : g_strdup (number);
  /* Translators: a change of an interest rate; %s is a signed number */
  return g_strdup_printf (_("%s percentage points"), signed_number);
}

/**
 * fp_offers_format_term:
 * @months: a loan's term
 *
 * Returns: (transfer full): "36 months"
 */
char *
fp_offers_format_term (guint months)
{
  g_autofree char *n = fp_format_count (months);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s month", "%s months", months), n);
}

/**
 * fp_offers_format_headline:
 * @offer: an offer of the catalogue
 *
 * Returns: (transfer full): its kind and its best figure, "Personal loan ·
 *   from 7.49% a year"
 */
char *
fp_offers_format_headline (const FpOfferInfo *offer)
{
  const char *kind = fp_offers_kind_title (offer->kind);
  g_autofree char *rate = fp_offers_format_rate (offer->rate_bps);
  g_autofree char *fee = fp_offers_format_rate (offer->management_fee_bps);

  switch (offer->kind)
    {
    case FP_OFFER_PERSONAL_LOAN:
    case FP_OFFER_CREDIT_LINE:
      /* Translators: kind of offer · its lowest yearly rate */
      return offer->rate_bps > 0 ? g_strdup_printf (_("%s · from %s a year"), kind, rate) : g_strdup (kind);
    case FP_OFFER_SAVINGS:
      /* Translators: kind of offer · its yearly interest */
      return g_strdup_printf (_("%s · %s interest a year"), kind, rate);
    case FP_OFFER_PORTFOLIO:
    case FP_OFFER_ESG_PORTFOLIO:
    default:
      /* Translators: kind of offer · risk level 1 to 7 · yearly fee */
      return offer->risk_level > 0 ? g_strdup_printf (_("%s · risk %u of 7 · fee %s a year"), kind,
                                                      offer->risk_level, fee)
                                   : g_strdup (kind);
    }
}
