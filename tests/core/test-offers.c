/* test-offers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Offer ranking under each consent, feedback re-ranking and dismissal;
 * the Adaptive Credit Line explained; the risk questionnaire and the
 * capacity cap.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-credit-line.h"
#include "fp-error.h"
#include "fp-offer-rank.h"
#include "fp-risk-profile.h"

/* Ranking */

static const FpOfferInfo catalogue[] = {
  { "loan-personal", FP_OFFER_PERSONAL_LOAN, "Personal Loan", 1, 749, 0, 0 },
  { "credit-line-adaptive", FP_OFFER_CREDIT_LINE, "Adaptive Credit Line", 2, 1599, 0, 0 },
  { "portfolio-balanced", FP_OFFER_PORTFOLIO, "Balanced", 3, 0, 4, 35 },
  { "ecoinvest", FP_OFFER_ESG_PORTFOLIO, "EcoInvest", 4, 0, 5, 45 },
  { "savings-goal", FP_OFFER_SAVINGS, "Goal Saver", 5, 375, 0, 0 },
};

/* In debt: 4,000.00 owed on cards at 24.99 %, little savings. */
static void
init_in_debt (FpOfferCustomer *c)
{
  memset (c, 0, sizeof *c);
  c->currency = "USD";
  c->monthly_income_minor = 400000;
  c->monthly_spending_minor = 330000;
  c->liquid_minor = 80000;
  c->credit_owed_minor = 400000;
  c->credit_limit_minor = 500000;
  c->card_apr_bps = 2499;
  c->monthly_debt_payments_minor = 12000;
  c->health_score = 38;
}

/* A saver: no debt, a year of spending in the bank. */
static void
init_saver (FpOfferCustomer *c)
{
  memset (c, 0, sizeof *c);
  c->currency = "USD";
  c->monthly_income_minor = 600000;
  c->monthly_spending_minor = 300000;
  c->liquid_minor = 3600000;
  c->credit_limit_minor = 500000;
  c->health_score = 85;
  c->risk_score = 4;
}

static guint
position (const FpOfferRanking *r,
          const char           *id)
{
  for (guint i = 0; i < r->n_offers; i++)
    if (g_strcmp0 (r->offers[i].offer->offer_id, id) == 0)
      return i;
  return G_MAXUINT;
}

static const FpOfferFactor *
factor (const FpRankedOffer *o,
        const char          *id)
{
  for (guint i = 0; i < o->n_factors; i++)
    if (g_strcmp0 (o->factors[i].id, id) == 0)
      return &o->factors[i];
  return NULL;
}

static void
test_rank_personal (void)
{
  FpOfferConsent consent = { TRUE, TRUE };
  FpOfferCustomer c;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpOfferRanking) debt = NULL;
  g_autoptr(FpOfferRanking) saver = NULL;

  init_in_debt (&c);
  debt = fp_offer_rank (catalogue, G_N_ELEMENTS (catalogue), &c, NULL, 0, &consent, &error);
  g_assert_no_error (error);
  g_assert_true (debt->ranked);
  g_assert_cmpuint (debt->n_offers, ==, G_N_ELEMENTS (catalogue));
  /* Expensive card debt puts the loan first; investing comes last. */
  g_assert_cmpstr (debt->offers[0].offer->offer_id, ==, "loan-personal");
  g_assert_true (debt->offers[0].made_for_you);
  g_assert_nonnull (factor (&debt->offers[0], "expensive-card-debt"));
  /* Its contribution: 10 + (24.99 − 7.49) = 27.5 points; its source. */
  g_assert_cmpfloat (fabs (factor (&debt->offers[0], "expensive-card-debt")->contribution - 27.5), <, 1e-9);
  g_assert_nonnull (strstr (factor (&debt->offers[0], "expensive-card-debt")->source, "insights.creditOwed"));
  g_assert_cmpuint (position (debt, "ecoinvest"), >, position (debt, "savings-goal"));
  /* Scores are the sums of the factors; factors by decreasing size. */
  for (guint i = 0; i < debt->n_offers; i++)
    {
      double sum = 0.0;

      for (guint k = 0; k < debt->offers[i].n_factors; k++)
        {
          sum += debt->offers[i].factors[k].contribution;
          if (k > 0)
            g_assert_cmpfloat (fabs (debt->offers[i].factors[k].contribution), <=,
                               fabs (debt->offers[i].factors[k - 1].contribution));
          g_assert_nonnull (debt->offers[i].factors[k].text);
        }
      g_assert_cmpfloat (fabs (sum - debt->offers[i].score), <, 1e-9);
      if (i > 0)
        g_assert_cmpfloat (debt->offers[i].score, <=, debt->offers[i - 1].score);
    }

  init_saver (&c);
  saver = fp_offer_rank (catalogue, G_N_ELEMENTS (catalogue), &c, NULL, 0, &consent, &error);
  g_assert_no_error (error);
  /* The saver's idle cash and matching risk profile put the balanced
   * portfolio first. */
  g_assert_cmpstr (saver->offers[0].offer->offer_id, ==, "portfolio-balanced");
  g_assert_nonnull (factor (&saver->offers[0], "risk-match"));
  g_assert_nonnull (factor (&saver->offers[0], "idle-cash"));
  g_assert_cmpuint (position (saver, "loan-personal"), >, position (saver, "portfolio-balanced"));
  g_assert_nonnull (strstr (saver->explanation, "Article 22"));
}

static void
test_rank_consent (void)
{
  FpOfferCustomer c;
  g_autoptr(GError) error = NULL;
  FpOfferConsent none = { FALSE, FALSE };
  FpOfferConsent no_marketing = { TRUE, FALSE };
  FpOfferConsent marketing_only = { FALSE, TRUE };

  init_in_debt (&c);
  /* Without personalization: the catalogue's order, nothing personal,
   * nothing made for you; the customer's figures are not even read. */
  {
    g_autoptr(FpOfferRanking) r = fp_offer_rank (catalogue, G_N_ELEMENTS (catalogue), NULL, NULL, 0,
                                                 &none, &error);

    g_assert_no_error (error);
    g_assert_false (r->ranked);
    for (guint i = 0; i < r->n_offers; i++)
      {
        g_assert_cmpuint (r->offers[i].offer->display_order, ==, i + 1);
        g_assert_cmpuint (r->offers[i].n_factors, ==, 0);
        g_assert_false (r->offers[i].made_for_you);
      }
  }
  {
    g_autoptr(FpOfferRanking) r = fp_offer_rank (catalogue, G_N_ELEMENTS (catalogue), NULL, NULL, 0,
                                                 &marketing_only, &error);

    g_assert_no_error (error);
    g_assert_false (r->ranked);
    for (guint i = 0; i < r->n_offers; i++)
      g_assert_false (r->offers[i].made_for_you);
  }
  /* Without marketing: ranked, but nothing is "made for you". */
  {
    g_autoptr(FpOfferRanking) r = fp_offer_rank (catalogue, G_N_ELEMENTS (catalogue), &c, NULL, 0,
                                                 &no_marketing, &error);

    g_assert_no_error (error);
    g_assert_true (r->ranked);
    g_assert_cmpstr (r->offers[0].offer->offer_id, ==, "loan-personal");
    g_assert_cmpfloat (r->offers[0].score, >, 0.0);
    for (guint i = 0; i < r->n_offers; i++)
      g_assert_false (r->offers[i].made_for_you);
  }
  /* Personalization without the figures is a programming error. */
  g_assert_null (fp_offer_rank (catalogue, G_N_ELEMENTS (catalogue), NULL, NULL, 0, &no_marketing, &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
}

static void
test_rank_feedback (void)
{
  FpOfferConsent consent = { TRUE, TRUE };
  FpOfferCustomer c;
  g_autoptr(GError) error = NULL;
  FpOfferFeedback fb[] = {
    { "loan-personal", FP_OFFER_NOT_FOR_ME, FP_OFFER_REASON_RATE_TOO_HIGH, 1 },
    { "ecoinvest", FP_OFFER_INTERESTED, 0, 2 },
    { "savings-goal", FP_OFFER_DISMISSED, 0, 3 },
    /* Interest after a dismissal does not bring it back. */
    { "savings-goal", FP_OFFER_INTERESTED, 0, 4 },
  };
  g_autoptr(FpOfferRanking) before = NULL;
  g_autoptr(FpOfferRanking) after = NULL;

  init_in_debt (&c);
  before = fp_offer_rank (catalogue, G_N_ELEMENTS (catalogue), &c, NULL, 0, &consent, &error);
  after = fp_offer_rank (catalogue, G_N_ELEMENTS (catalogue), &c, fb, G_N_ELEMENTS (fb), &consent, &error);
  g_assert_no_error (error);

  /* Not for me (the rate): 30 + 10 points less; no longer first. */
  g_assert_cmpuint (position (after, "loan-personal"), >, position (before, "loan-personal"));
  g_assert_cmpfloat (fabs (after->offers[position (after, "loan-personal")].score -
                           (before->offers[position (before, "loan-personal")].score - 40.0)), <, 1e-9);
  g_assert_nonnull (factor (&after->offers[position (after, "loan-personal")], "not-for-me"));
  /* Interested: 25 points more. */
  g_assert_cmpfloat (fabs (after->offers[position (after, "ecoinvest")].score -
                           (before->offers[position (before, "ecoinvest")].score + 25.0)), <, 1e-9);
  /* Dismissed stays out. */
  g_assert_cmpuint (position (after, "savings-goal"), ==, G_MAXUINT);
  g_assert_cmpuint (after->n_dismissed, ==, 1);
  g_assert_cmpuint (after->n_offers, ==, G_N_ELEMENTS (catalogue) - 1);

  /* Dismissed stays out without personalization, too. */
  {
    FpOfferConsent none = { FALSE, FALSE };
    g_autoptr(FpOfferRanking) r = fp_offer_rank (catalogue, G_N_ELEMENTS (catalogue), NULL, fb,
                                                 G_N_ELEMENTS (fb), &none, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (position (r, "savings-goal"), ==, G_MAXUINT);
    g_assert_cmpuint (r->offers[0].n_factors, ==, 0);
  }
}

static void
test_reason_ids (void)
{
  for (guint i = 0; i < FP_OFFER_N_REASONS; i++)
    {
      FpOfferReason r;

      g_assert_true (fp_offer_reason_from_id (fp_offer_reason_to_id ((FpOfferReason) (1u << i)), &r));
      g_assert_cmpuint (r, ==, 1u << i);
    }
}

/* The Adaptive Credit Line */

static void
init_model (FpCreditLineModel *m)
{
  FpCreditFeatureModel *u = &m->features[FP_CREDIT_UTILIZATION];
  FpCreditFeatureModel *o = &m->features[FP_CREDIT_ON_TIME];
  FpCreditFeatureModel *s = &m->features[FP_CREDIT_INCOME_STABILITY];

  memset (m, 0, sizeof *m);
  m->model_id = "credit-line";
  m->version = "2026.11.1";
  m->currency = "USD";

  u->weight = 0.4;
  u->window_months = 3;
  u->baseline = 0.4;
  u->n_bands = 4;
  u->bands[0] = (FpCreditBand) { 0.0, 0.1, 100 };
  u->bands[1] = (FpCreditBand) { 0.1, 0.3, 80 };
  u->bands[2] = (FpCreditBand) { 0.3, 0.5, 50 };
  u->bands[3] = (FpCreditBand) { 0.5, G_MAXDOUBLE, 10 };

  o->weight = 0.4;
  o->window_months = 12;
  o->baseline = 0.95;
  o->n_bands = 3;
  o->bands[0] = (FpCreditBand) { 0.0, 0.9, 0 };
  o->bands[1] = (FpCreditBand) { 0.9, 1.0, 60 };
  o->bands[2] = (FpCreditBand) { 1.0, G_MAXDOUBLE, 100 };

  s->weight = 0.2;
  s->window_months = 6;
  s->baseline = 0.2;
  s->n_bands = 3;
  s->bands[0] = (FpCreditBand) { 0.0, 0.1, 100 };
  s->bands[1] = (FpCreditBand) { 0.1, 0.3, 50 };
  s->bands[2] = (FpCreditBand) { 0.3, G_MAXDOUBLE, 0 };

  m->n_tiers = 3;
  m->tiers[0] = (FpCreditTier) { 80.0, 5000, 2500000, 1599 };
  m->tiers[1] = (FpCreditTier) { 60.0, 3000, 1000000, 1999 };
  m->tiers[2] = (FpCreditTier) { 0.0, 1500, 500000, 2499 };
  m->min_limit_minor = 50000;
  m->limit_step_minor = 10000;
  m->review_every_months = 3;
}

static void
test_credit_line (void)
{
  FpCreditLineModel m;
  FpCreditLineInputs in = { { 0.42, 1.0, 0.05 }, 400000 };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCreditLineResult) r = NULL;

  init_model (&m);
  r = fp_credit_line_evaluate (&m, &in, &error);
  g_assert_no_error (error);

  /* By hand: 0.4 × 50 + 0.4 × 100 + 0.2 × 100 = 80: tier 1 (from 80),
   * limit 50 % of 4,000.00 = 2,000.00, rate 15.99 %. */
  g_assert_cmpfloat (fabs (r->score - 80.0), <, 1e-9);
  g_assert_cmpuint (r->tier, ==, 0);
  g_assert_cmpint (r->limit_minor, ==, 200000);
  g_assert_cmpint (r->apr_bps, ==, 1599);

  /* Utilization is at its baseline band (0.4): no effect. Paying on time
   * (100 against 60 at the baseline of 95 %) is worth 16 points: without
   * it the score is 64, tier 2: 30 % = 1,200.00 at 19.99 %. */
  g_assert_cmpint (r->factors[FP_CREDIT_UTILIZATION].limit_effect_minor, ==, 0);
  g_assert_cmpint (r->factors[FP_CREDIT_ON_TIME].limit_effect_minor, ==, 200000 - 120000);
  g_assert_cmpint (r->factors[FP_CREDIT_ON_TIME].apr_effect_bps, ==, 1599 - 1999);
  g_assert_cmpfloat (fabs (r->factors[FP_CREDIT_ON_TIME].contribution - 40.0), <, 1e-9);
  g_assert_nonnull (r->factors[FP_CREDIT_ON_TIME].explanation);
  g_assert_nonnull (r->explanation);

  /* Already in the top tier: nothing changes the limit further but the
   * income (no next step). */
  g_assert_cmpuint (r->n_next_steps, ==, 0);

  /* One late payment (on time 11/12 = 0.917: 60 points): 64, tier 2.
   * Next steps: utilization under 30 % for 3 months (80 points: 76, still
   * tier 2 — no change) or under 10 % (100: 84, tier 1: +800.00 and −4
   * points); on time for 12 months (80, tier 1). */
  in.values[FP_CREDIT_ON_TIME] = 11.0 / 12.0;
  {
    g_autoptr(FpCreditLineResult) late = fp_credit_line_evaluate (&m, &in, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (fabs (late->score - 64.0), <, 1e-9);
    g_assert_cmpint (late->limit_minor, ==, 120000);
    g_assert_cmpuint (late->n_next_steps, ==, 2);
    for (guint i = 0; i < late->n_next_steps; i++)
      {
        g_assert_cmpint (late->next_steps[i].limit_change_minor, ==, 80000);
        g_assert_cmpint (late->next_steps[i].apr_change_bps, ==, -400);
      }
    /* The ties go by feature: utilization first. */
    g_assert_cmpint (late->next_steps[0].feature, ==, FP_CREDIT_UTILIZATION);
    g_assert_cmpfloat (late->next_steps[0].target, ==, 0.1);
    g_assert_cmpuint (late->next_steps[0].months, ==, 3);
    g_assert_cmpstr (late->next_steps[0].text, ==,
                     "Keep card utilization under 10% for 3 months: limit review +$800.00, rate −4.00 percentage points");
    g_assert_cmpint (late->next_steps[1].feature, ==, FP_CREDIT_ON_TIME);
    g_assert_cmpuint (late->next_steps[1].months, ==, 12);

    /* The what-if: utilization 5 % is what the next step promised. */
    in.values[FP_CREDIT_UTILIZATION] = 0.05;
    {
      g_autoptr(FpCreditLineResult) what_if = fp_credit_line_evaluate (&m, &in, &error);

      g_assert_no_error (error);
      g_assert_cmpint (what_if->limit_minor - late->limit_minor, ==, late->next_steps[0].limit_change_minor);
    }
  }

  /* Tiny income: the limit floors at the minimum. */
  in.monthly_income_minor = 1000;
  {
    g_autoptr(FpCreditLineResult) low = fp_credit_line_evaluate (&m, &in, &error);

    g_assert_no_error (error);
    g_assert_cmpint (low->limit_minor, ==, 50000);
  }
}

static void
test_credit_line_invalid (void)
{
  FpCreditLineModel m;
  FpCreditLineInputs in = { { 0.1, 1.0, 0.1 }, 400000 };
  g_autoptr(GError) error = NULL;

  init_model (&m);
  m.features[0].weight = 0.5;   /* weights sum to 1.1 */
  g_assert_null (fp_credit_line_evaluate (&m, &in, &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
  g_clear_error (&error);

  init_model (&m);
  m.features[0].bands[1].from = 0.2;   /* a gap */
  g_assert_null (fp_credit_line_evaluate (&m, &in, &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
  g_clear_error (&error);

  init_model (&m);
  in.values[0] = NAN;
  g_assert_null (fp_credit_line_evaluate (&m, &in, &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
}

/* The risk profile */

static void
test_risk_questionnaire (void)
{
  static const struct {
    FpRiskHorizon horizon;
    FpLossReaction reaction;
    FpInvestExperience experience;
    guint points;
    guint willingness;
  } cases[] = {
    /* 1 + round (6 × points / 8), halves up. */
    { FP_HORIZON_UNDER_3_YEARS, FP_LOSS_SELL_ALL, FP_EXPERIENCE_NONE, 0, 1 },
    { FP_HORIZON_3_TO_5_YEARS, FP_LOSS_SELL_ALL, FP_EXPERIENCE_NONE, 1, 2 },      /* 0.75 → 1 */
    { FP_HORIZON_3_TO_5_YEARS, FP_LOSS_SELL_SOME, FP_EXPERIENCE_NONE, 2, 3 },     /* 1.5 → 2 */
    { FP_HORIZON_6_TO_10_YEARS, FP_LOSS_SELL_SOME, FP_EXPERIENCE_NONE, 3, 3 },    /* 2.25 → 2 */
    { FP_HORIZON_6_TO_10_YEARS, FP_LOSS_HOLD, FP_EXPERIENCE_SOME, 5, 5 },         /* 3.75 → 4 */
    { FP_HORIZON_OVER_10_YEARS, FP_LOSS_HOLD, FP_EXPERIENCE_SOME, 6, 6 },         /* 4.5 → 5 */
    { FP_HORIZON_OVER_10_YEARS, FP_LOSS_BUY_MORE, FP_EXPERIENCE_SOME, 7, 6 },     /* 5.25 → 5 */
    { FP_HORIZON_OVER_10_YEARS, FP_LOSS_BUY_MORE, FP_EXPERIENCE_EXPERIENCED, 8, 7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FpRiskAnswers a = { cases[i].horizon, cases[i].reaction, cases[i].experience };
      g_autoptr(GError) error = NULL;
      g_autoptr(FpRiskProfile) p = fp_risk_profile_compute (&a, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (p->willingness_points, ==, cases[i].points);
      g_assert_cmpuint (p->willingness, ==, cases[i].willingness);
      /* Without the customer's figures only the horizon caps. */
      g_assert_cmpuint (p->score, ==, MIN (cases[i].willingness,
                                           cases[i].horizon == FP_HORIZON_UNDER_3_YEARS ? 3u : 7u));
      g_assert_cmpuint (p->n_lines, >=, 2);
    }
}

static void
test_risk_capacity_cap (void)
{
  FpRiskAnswers bold = { FP_HORIZON_OVER_10_YEARS, FP_LOSS_BUY_MORE, FP_EXPERIENCE_EXPERIENCED };
  FpRiskCapacityInputs strong = { 600000, 300000, 3600000, 0, 0.05, "USD" };
  FpRiskCapacityInputs c;
  g_autoptr(GError) error = NULL;

  /* Strong finances: nothing caps the willingness of 7. */
  {
    g_autoptr(FpRiskProfile) p = fp_risk_profile_compute (&bold, &strong, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (p->capacity, ==, 7);
    g_assert_cmpuint (p->score, ==, 7);
    g_assert_false (p->capped);
  }
  /* Two months of savings: at most 3. */
  c = strong;
  c.liquid_minor = 600000;
  {
    g_autoptr(FpRiskProfile) p = fp_risk_profile_compute (&bold, &c, &error);

    g_assert_cmpuint (p->capacity, ==, 3);
    g_assert_cmpuint (p->score, ==, 3);
    g_assert_true (p->capped);
  }
  /* Half a month: at most 2. */
  c.liquid_minor = 150000;
  {
    g_autoptr(FpRiskProfile) p = fp_risk_profile_compute (&bold, &c, &error);

    g_assert_cmpuint (p->score, ==, 2);
  }
  /* Debts taking 30 % of income: at most 5; 45 %: at most 3. */
  c = strong;
  c.monthly_debt_payments_minor = 180000;
  {
    g_autoptr(FpRiskProfile) p = fp_risk_profile_compute (&bold, &c, &error);

    g_assert_cmpuint (p->score, ==, 5);
  }
  c.monthly_debt_payments_minor = 270000;
  {
    g_autoptr(FpRiskProfile) p = fp_risk_profile_compute (&bold, &c, &error);

    g_assert_cmpuint (p->score, ==, 3);
  }
  /* Income varying by 40 %: at most 4. */
  c = strong;
  c.income_variation = 0.4;
  {
    g_autoptr(FpRiskProfile) p = fp_risk_profile_compute (&bold, &c, &error);

    g_assert_cmpuint (p->score, ==, 4);
    g_assert_nonnull (strstr (p->lines[p->n_lines - 1], "caps"));
  }
  /* A cautious customer is not raised by strong finances. */
  {
    FpRiskAnswers careful = { FP_HORIZON_3_TO_5_YEARS, FP_LOSS_SELL_ALL, FP_EXPERIENCE_NONE };
    g_autoptr(FpRiskProfile) p = fp_risk_profile_compute (&careful, &strong, &error);

    g_assert_cmpuint (p->score, ==, 2);
    g_assert_false (p->capped);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/offers/rank/personal", test_rank_personal);
  g_test_add_func ("/offers/rank/consent", test_rank_consent);
  g_test_add_func ("/offers/rank/feedback", test_rank_feedback);
  g_test_add_func ("/offers/rank/reason-ids", test_reason_ids);
  g_test_add_func ("/offers/credit-line/explained", test_credit_line);
  g_test_add_func ("/offers/credit-line/invalid", test_credit_line_invalid);
  g_test_add_func ("/offers/risk/questionnaire", test_risk_questionnaire);
  g_test_add_func ("/offers/risk/capacity-cap", test_risk_capacity_cap);

  return g_test_run ();
}
