/* fp-offers-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The offers' results as JSON; see the header.
 */

#define G_LOG_DOMAIN "fp-cli"

#include "config.h"

#include "fp-offers-json.h"

static void
kv_int (JsonBuilder *b,
        const char  *name,
        gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
kv_str (JsonBuilder *b,
        const char  *name,
        const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
kv_double (JsonBuilder *b,
           const char  *name,
           double       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, value);
}

static void
kv_bool (JsonBuilder *b,
         const char  *name,
         gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
kv_band (JsonBuilder *b,
         const char  *name,
         char         band)
{
  char text[2] = { band, '\0' };

  kv_str (b, name, text);
}

/**
 * fp_offers_json_ranking:
 * @b: a builder, where a value may go
 * @ranking: the ranking
 *
 * Each offer with its score, "madeForYou", its top factors and all of
 * them.
 */
void
fp_offers_json_ranking (JsonBuilder          *b,
                        const FpOfferRanking *ranking)
{
  json_builder_begin_object (b);
  kv_bool (b, "ranked", ranking->ranked);
  kv_str (b, "explanation", ranking->explanation);
  kv_int (b, "dismissed", ranking->n_dismissed);
  json_builder_set_member_name (b, "offers");
  json_builder_begin_array (b);
  for (guint i = 0; i < ranking->n_offers; i++)
    {
      const FpRankedOffer *o = &ranking->offers[i];

      json_builder_begin_object (b);
      kv_str (b, "offerId", o->offer->offer_id);
      kv_str (b, "kind", fp_offer_kind_to_id (o->offer->kind));
      kv_str (b, "name", o->offer->name);
      kv_int (b, "displayOrder", o->offer->display_order);
      kv_double (b, "score", o->score);
      kv_bool (b, "madeForYou", o->made_for_you);
      kv_str (b, "feedback", o->has_feedback ? fp_offer_reaction_to_id (o->reaction) : NULL);
      json_builder_set_member_name (b, "factors");
      json_builder_begin_array (b);
      for (guint k = 0; k < o->n_factors; k++)
        {
          json_builder_begin_object (b);
          kv_str (b, "id", o->factors[k].id);
          kv_double (b, "contribution", o->factors[k].contribution);
          kv_str (b, "source", o->factors[k].source);
          kv_str (b, "text", o->factors[k].text);
          kv_bool (b, "top", k < FP_OFFER_TOP_FACTORS);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/**
 * fp_offers_json_schedule:
 * @b: a builder
 * @schedule: a loan
 * @with_instalments: include every month
 */
void
fp_offers_json_schedule (JsonBuilder          *b,
                         const FpLoanSchedule *s,
                         gboolean              with_instalments)
{
  json_builder_begin_object (b);
  kv_int (b, "principalMinor", s->terms.principal_minor);
  kv_int (b, "termMonths", s->terms.term_months);
  kv_int (b, "rateBps", s->terms.rate_bps);
  kv_int (b, "upfrontFeeMinor", s->terms.upfront_fee_minor);
  kv_int (b, "monthlyFeeMinor", s->terms.monthly_fee_minor);
  kv_int (b, "paymentMinor", s->payment_minor);
  kv_int (b, "lastPaymentMinor", s->last_payment_minor);
  kv_int (b, "totalInterestMinor", s->total_interest_minor);
  kv_int (b, "totalFeesMinor", s->total_fees_minor);
  kv_int (b, "totalPayableMinor", s->total_payable_minor);
  kv_double (b, "apr", s->apr);
  kv_int (b, "aprTenthsPercent", s->apr_tenths);
  if (with_instalments)
    {
      json_builder_set_member_name (b, "instalments");
      json_builder_begin_array (b);
      for (guint k = 0; k < s->n_instalments; k++)
        {
          const FpLoanInstalment *row = &s->instalments[k];

          json_builder_begin_object (b);
          kv_int (b, "month", row->month);
          kv_int (b, "paymentMinor", row->payment_minor);
          kv_int (b, "interestMinor", row->interest_minor);
          kv_int (b, "principalMinor", row->principal_minor);
          kv_int (b, "feeMinor", row->fee_minor);
          kv_int (b, "balanceMinor", row->balance_minor);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

/**
 * fp_offers_json_loan_fit:
 * @b: a builder
 * @fit: the fitted structures
 * @with_instalments: include every month of each schedule
 */
void
fp_offers_json_loan_fit (JsonBuilder     *b,
                         const FpLoanFit *fit,
                         gboolean         with_instalments)
{
  json_builder_begin_object (b);
  kv_str (b, "mode", fit->request.mode == FP_LOAN_FIT_AMOUNT ? "amount" : "payment");
  kv_str (b, "purpose", fp_loan_purpose_to_id (fit->request.purpose));
  if (fit->request.mode == FP_LOAN_FIT_AMOUNT)
    kv_int (b, "requestedAmountMinor", fit->request.amount_minor);
  else
    kv_int (b, "requestedPaymentMinor", fit->request.payment_minor);
  kv_band (b, "riskBand", fit->risk_band);
  kv_bool (b, "affordabilityChecked", fit->affordability_checked);
  if (fit->affordability_checked)
    {
      kv_int (b, "freeCashFlowMinor", fit->free_cash_flow_minor);
      kv_int (b, "maxPaymentMinor", fit->max_payment_minor);
      kv_str (b, "bindingLimit", fp_loan_limit_to_id (fit->binding_limit));
    }
  kv_str (b, "cashFlowExplanation", fit->cash_flow_explanation);
  kv_str (b, "refusal", fit->refusal);
  json_builder_set_member_name (b, "structures");
  json_builder_begin_array (b);
  for (guint i = 0; i < fit->n_structures; i++)
    {
      const FpLoanStructure *st = &fit->structures[i];

      json_builder_begin_object (b);
      kv_str (b, "label", st->label);
      json_builder_set_member_name (b, "loan");
      fp_offers_json_schedule (b, st->schedule, with_instalments);
      if (fit->affordability_checked)
        {
          kv_int (b, "headroomMinor", st->headroom_minor);
          kv_int (b, "badMonthHeadroomMinor", st->bad_month_headroom_minor);
          kv_int (b, "debtToIncomeBps", st->debt_to_income_bps);
          kv_int (b, "paymentToIncomeBps", st->payment_to_income_bps);
          kv_int (b, "forecastLowAfterMinor", st->forecast_low_after_minor);
        }
      json_builder_set_member_name (b, "earlyRepayment");
      json_builder_begin_object (b);
      kv_int (b, "afterMonth", st->early_repayment.after_month);
      kv_int (b, "outstandingMinor", st->early_repayment.outstanding_minor);
      kv_int (b, "compensationMinor", st->early_repayment.compensation_minor);
      kv_int (b, "interestSavedMinor", st->early_repayment.interest_saved_minor);
      kv_int (b, "feesSavedMinor", st->early_repayment.fees_saved_minor);
      kv_int (b, "savingMinor", st->early_repayment.saving_minor);
      json_builder_end_object (b);
      kv_str (b, "explanation", st->explanation);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/**
 * fp_offers_json_credit_line:
 * @b: a builder
 * @r: the Adaptive Credit Line
 */
void
fp_offers_json_credit_line (JsonBuilder              *b,
                            const FpCreditLineResult *r)
{
  json_builder_begin_object (b);
  kv_double (b, "score", r->score);
  kv_int (b, "tier", r->tier + 1);
  kv_int (b, "limitMinor", r->limit_minor);
  kv_int (b, "aprBps", r->apr_bps);
  kv_str (b, "explanation", r->explanation);
  json_builder_set_member_name (b, "factors");
  json_builder_begin_array (b);
  for (guint f = 0; f < FP_CREDIT_N_FEATURES; f++)
    {
      const FpCreditFactor *x = &r->factors[f];

      json_builder_begin_object (b);
      kv_str (b, "feature", fp_credit_feature_to_id (x->feature));
      kv_double (b, "value", x->value);
      kv_int (b, "points", x->points);
      kv_double (b, "contribution", x->contribution);
      kv_double (b, "baselineContribution", x->baseline_contribution);
      kv_int (b, "limitEffectMinor", x->limit_effect_minor);
      kv_int (b, "aprEffectBps", x->apr_effect_bps);
      kv_str (b, "explanation", x->explanation);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "nextSteps");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->n_next_steps; i++)
    {
      const FpCreditNextStep *s = &r->next_steps[i];

      json_builder_begin_object (b);
      kv_str (b, "feature", fp_credit_feature_to_id (s->feature));
      kv_double (b, "target", s->target);
      kv_int (b, "months", s->months);
      kv_int (b, "limitChangeMinor", s->limit_change_minor);
      kv_int (b, "aprChangeBps", s->apr_change_bps);
      kv_str (b, "text", s->text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/**
 * fp_offers_json_risk_profile:
 * @b: a builder
 * @p: a risk profile
 */
void
fp_offers_json_risk_profile (JsonBuilder         *b,
                             const FpRiskProfile *p)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "answers");
  json_builder_begin_object (b);
  kv_str (b, "horizon", fp_risk_horizon_to_id (p->answers.horizon));
  kv_str (b, "lossReaction", fp_loss_reaction_to_id (p->answers.loss_reaction));
  kv_str (b, "experience", fp_invest_experience_to_id (p->answers.experience));
  json_builder_end_object (b);
  kv_int (b, "willingnessPoints", p->willingness_points);
  kv_int (b, "willingness", p->willingness);
  kv_int (b, "capacity", p->capacity);
  kv_int (b, "score", p->score);
  kv_bool (b, "capped", p->capped);
  kv_int (b, "horizonYears", p->horizon_years);
  json_builder_set_member_name (b, "explanation");
  json_builder_begin_array (b);
  for (guint i = 0; i < p->n_lines; i++)
    json_builder_add_string_value (b, p->lines[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/**
 * fp_offers_json_stats:
 * @b: a builder
 * @s: a portfolio's figures
 * @cma: the assumptions they came from
 */
void
fp_offers_json_stats (JsonBuilder               *b,
                      const FpPortfolioStats    *s,
                      const FpMarketAssumptions *cma)
{
  json_builder_begin_object (b);
  kv_double (b, "expectedReturn", s->expected_return);
  kv_double (b, "fees", s->fees);
  kv_double (b, "netReturn", s->net_return);
  kv_double (b, "volatility", s->volatility);
  kv_double (b, "esgScore", s->esg_score);
  json_builder_set_member_name (b, "assetClasses");
  json_builder_begin_object (b);
  for (guint c = 0; c < cma->n_classes; c++)
    if (s->class_weights[c] > 0.0)
      kv_double (b, cma->classes[c].id, s->class_weights[c]);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/**
 * fp_offers_json_outcomes:
 * @b: a builder
 * @o: the simulated range
 */
void
fp_offers_json_outcomes (JsonBuilder               *b,
                         const FpPortfolioOutcomes *o)
{
  json_builder_begin_object (b);
  kv_int (b, "horizonMonths", o->horizon_months);
  kv_int (b, "contributedMinor", o->contributed_minor);
  kv_int (b, "p5Minor", o->p5_minor);
  kv_int (b, "p50Minor", o->p50_minor);
  kv_int (b, "p95Minor", o->p95_minor);
  kv_int (b, "paths", o->n_paths);
  kv_int (b, "seed", (gint64) o->seed);
  json_builder_end_object (b);
}

/**
 * fp_offers_json_rebalance:
 * @b: a builder
 * @r: drift and trades
 */
void
fp_offers_json_rebalance (JsonBuilder       *b,
                          const FpRebalance *r)
{
  json_builder_begin_object (b);
  kv_int (b, "totalMinor", r->total_minor);
  kv_int (b, "contributionMinor", r->contribution_minor);
  kv_bool (b, "outOfBand", r->out_of_band);
  kv_bool (b, "fullRebalance", r->full_rebalance);
  kv_int (b, "buysMinor", r->buys_minor);
  kv_int (b, "sellsMinor", r->sells_minor);
  kv_str (b, "explanation", r->explanation);
  json_builder_set_member_name (b, "funds");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->n_lines; i++)
    {
      const FpDriftLine *l = &r->lines[i];

      json_builder_begin_object (b);
      kv_str (b, "fundId", l->fund_id);
      kv_int (b, "valueMinor", l->value_minor);
      kv_double (b, "weight", l->weight);
      kv_double (b, "targetWeight", l->target_weight);
      kv_double (b, "drift", l->drift);
      kv_bool (b, "outOfBand", l->out_of_band);
      kv_int (b, "targetMinor", l->target_minor);
      kv_int (b, "tradeMinor", l->trade_minor);
      kv_int (b, "afterMinor", l->after_minor);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/**
 * fp_offers_json_esg:
 * @b: a builder
 * @p: the EcoInvest portfolio
 */
void
fp_offers_json_esg (JsonBuilder          *b,
                    const FpEsgPortfolio *p)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "allocation");
  json_builder_begin_array (b);
  for (guint i = 0; i < p->n_allocations; i++)
    {
      json_builder_begin_object (b);
      kv_str (b, "fundId", p->allocations[i].fund_id);
      kv_int (b, "weightBps", p->allocations[i].weight_bps);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "excluded");
  json_builder_begin_array (b);
  for (guint i = 0; i < p->n_excluded; i++)
    {
      json_builder_begin_object (b);
      kv_str (b, "fundId", p->excluded[i].fund_id);
      kv_str (b, "reason", p->excluded[i].reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  kv_double (b, "netReturn", p->stats.net_return);
  kv_double (b, "fees", p->stats.fees);
  kv_double (b, "volatility", p->stats.volatility);
  kv_double (b, "esgScore", p->stats.esg_score);
  kv_double (b, "unfilteredNetReturn", p->baseline.net_return);
  kv_double (b, "unfilteredFees", p->baseline.fees);
  kv_double (b, "unfilteredVolatility", p->baseline.volatility);
  kv_double (b, "returnDifference", p->return_difference);
  kv_double (b, "feeDifference", p->fee_difference);
  kv_str (b, "explanation", p->explanation);
  json_builder_end_object (b);
}

/**
 * fp_offers_json_wealth:
 * @b: a builder
 * @w: the wealth view
 * @items: (array length=n_items): what it was computed from
 * @n_items: how many
 */
void
fp_offers_json_wealth (JsonBuilder        *b,
                       const FpWealth     *w,
                       const FpWealthItem *items,
                       gsize               n_items)
{
  json_builder_begin_object (b);
  kv_int (b, "netWorthMinor", w->net_worth_minor);
  kv_int (b, "assetsMinor", w->assets_minor);
  kv_int (b, "debtsMinor", w->debts_minor);
  kv_int (b, "liquidMinor", w->liquid_minor);
  kv_int (b, "investedMinor", w->invested_minor);
  kv_int (b, "manualAssetsMinor", w->manual_assets_minor);
  kv_int (b, "manualDebtsMinor", w->manual_debts_minor);
  kv_str (b, "explanation", w->explanation);
  json_builder_set_member_name (b, "byKind");
  json_builder_begin_object (b);
  for (guint k = 0; k < FP_WEALTH_N_KINDS; k++)
    if (w->by_kind_minor[k] != 0)
      kv_int (b, fp_wealth_kind_to_id ((FpWealthKind) k), w->by_kind_minor[k]);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (gsize i = 0; i < n_items; i++)
    {
      json_builder_begin_object (b);
      kv_str (b, "id", items[i].id);
      kv_str (b, "name", items[i].name);
      kv_str (b, "kind", fp_wealth_kind_to_id (items[i].kind));
      kv_bool (b, "manual", items[i].manual);
      kv_int (b, "valueMinor", items[i].value_minor);
      kv_int (b, "rateBps", items[i].rate_bps);
      kv_str (b, "fundId", items[i].fund != NULL ? items[i].fund->fund_id : NULL);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "suggestions");
  json_builder_begin_array (b);
  for (guint i = 0; i < w->n_suggestions; i++)
    {
      const FpWealthSuggestion *s = &w->suggestions[i];

      json_builder_begin_object (b);
      kv_str (b, "kind", fp_wealth_suggestion_kind_to_id (s->kind));
      kv_str (b, "itemId", s->item_id);
      kv_int (b, "amountMinor", s->amount_minor);
      kv_int (b, "yearlyMinor", s->yearly_minor);
      kv_str (b, "text", s->text);
      kv_str (b, "computation", s->computation);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/**
 * fp_offers_json_print:
 * @b: a builder holding a complete value
 *
 * Prints it to stdout, indented.
 */
void
fp_offers_json_print (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}
