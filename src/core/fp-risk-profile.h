/* fp-risk-profile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The investor's risk profile on a scale of 1 (cautious) to 7: the
 * willingness from a short questionnaire, capped by the capacity the
 * customer's own finances give.
 *
 * Willingness: horizon (0 to 3 points), reaction to a 20 % loss (0 to 3)
 * and experience (0 to 2) sum to 0 … 8 points; the score is
 * 1 + round (6 × points / 8), halves up.
 *
 * Capacity starts at 7 and each weakness caps it:
 *  - an emergency fund under 1 month of spending: 2; under 3 months: 3;
 *  - debt payments over 40 % of income: 3; over 20 %: 5;
 *  - income varying by more than 30 % month to month: 4; more than 15 %: 5;
 *  - a horizon under 3 years: 3.
 * The profile is the smaller of willingness and capacity.
 */

#pragma once

#include <glib.h>

#include "fp-insights.h"

G_BEGIN_DECLS

typedef enum {
  FP_HORIZON_UNDER_3_YEARS,
  FP_HORIZON_3_TO_5_YEARS,
  FP_HORIZON_6_TO_10_YEARS,
  FP_HORIZON_OVER_10_YEARS,
} FpRiskHorizon;

typedef enum {
  FP_LOSS_SELL_ALL,
  FP_LOSS_SELL_SOME,
  FP_LOSS_HOLD,
  FP_LOSS_BUY_MORE,
} FpLossReaction;

typedef enum {
  FP_EXPERIENCE_NONE,
  FP_EXPERIENCE_SOME,
  FP_EXPERIENCE_EXPERIENCED,
} FpInvestExperience;

/**
 * FpRiskAnswers:
 * @horizon: when the money will be needed
 * @loss_reaction: what the customer would do after a 20 % fall
 * @experience: with investing
 */
typedef struct {
  FpRiskHorizon      horizon;
  FpLossReaction     loss_reaction;
  FpInvestExperience experience;
} FpRiskAnswers;

/**
 * FpRiskCapacityInputs:
 * @monthly_income_minor: average monthly income
 * @monthly_spending_minor: average monthly spending
 * @liquid_minor: current and savings balances
 * @monthly_debt_payments_minor: debt payments due a month
 * @income_variation: coefficient of variation of monthly income
 * @currency: ISO 4217 code for the texts
 */
typedef struct {
  gint64      monthly_income_minor;
  gint64      monthly_spending_minor;
  gint64      liquid_minor;
  gint64      monthly_debt_payments_minor;
  double      income_variation;
  const char *currency;
} FpRiskCapacityInputs;

#define FP_RISK_MAX_LINES 8

/**
 * FpRiskProfile:
 * @answers: the answers
 * @willingness_points: 0 to 8
 * @willingness: 1 to 7
 * @capacity: 1 to 7
 * @score: the profile: MIN (@willingness, @capacity)
 * @capped: whether the capacity lowered it
 * @horizon_years: the horizon the answers stand for (2, 4, 8 or 15)
 * @n_lines: how many
 * @lines: each step of the computation in words
 */
typedef struct {
  FpRiskAnswers answers;
  guint         willingness_points;
  guint         willingness;
  guint         capacity;
  guint         score;
  gboolean      capped;
  guint         horizon_years;
  guint         n_lines;
  char         *lines[FP_RISK_MAX_LINES];
} FpRiskProfile;

const char    *fp_risk_horizon_to_id           (FpRiskHorizon        horizon);
gboolean       fp_risk_horizon_from_id         (const char          *id,
                                                FpRiskHorizon       *out);
const char    *fp_loss_reaction_to_id          (FpLossReaction       reaction);
gboolean       fp_loss_reaction_from_id        (const char          *id,
                                                FpLossReaction      *out);
const char    *fp_invest_experience_to_id      (FpInvestExperience   experience);
gboolean       fp_invest_experience_from_id    (const char          *id,
                                                FpInvestExperience  *out);

void           fp_risk_capacity_from_dashboard (FpRiskCapacityInputs *out,
                                                const FpDashboard    *dashboard,
                                                const char           *currency);
FpRiskProfile *fp_risk_profile_compute         (const FpRiskAnswers        *answers,
                                                const FpRiskCapacityInputs *capacity,
                                                GError                    **error);
void           fp_risk_profile_free            (FpRiskProfile              *profile);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpRiskProfile, fp_risk_profile_free)

G_END_DECLS
