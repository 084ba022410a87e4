/* fp-credit-line.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Adaptive Credit Line, computed on the device from the bank's credit
 * line model (`GET /v1/models/credit-line`): each behaviour (feature) falls
 * into a band worth 0 to 100 points; the score is the weighted sum of the
 * points (weights sum to 1); the highest tier whose minimum score it
 * reaches sets the rate and the limit (a share of monthly income, capped,
 * rounded down to the model's step).
 *
 * Explained three ways:
 *  - each behaviour's effect: the limit and rate now, against the limit and
 *    rate with that behaviour at the model's baseline (where a customer
 *    without history starts);
 *  - what would change them next: for each behaviour, its next better band,
 *    kept for the feature's window ("keep utilization under 30 % for 3
 *    months: limit review +$1,000.00"), when that changes the limit or rate;
 *  - a what-if: fp_credit_line_evaluate() on changed inputs.
 */

#pragma once

#include <glib.h>

#include "fp-insights.h"

G_BEGIN_DECLS

/**
 * FpCreditFeature:
 * @FP_CREDIT_UTILIZATION: the share of the card limits used, 0.25 for 25 %
 *   (lower is better)
 * @FP_CREDIT_ON_TIME: the share of payments made on time over 12 months
 *   (higher is better)
 * @FP_CREDIT_INCOME_STABILITY: how much monthly income varies, the
 *   coefficient of variation (lower is better)
 */
typedef enum {
  FP_CREDIT_UTILIZATION,
  FP_CREDIT_ON_TIME,
  FP_CREDIT_INCOME_STABILITY,
} FpCreditFeature;

#define FP_CREDIT_N_FEATURES (FP_CREDIT_INCOME_STABILITY + 1)
#define FP_CREDIT_MAX_BANDS 8
#define FP_CREDIT_MAX_TIERS 8

/**
 * FpCreditBand:
 * @from: the smallest value of the band (inclusive)
 * @to: the largest (exclusive); the last band may use G_MAXDOUBLE
 * @points: 0 to 100
 */
typedef struct {
  double from;
  double to;
  int    points;
} FpCreditBand;

/**
 * FpCreditFeatureModel:
 * @weight: its share of the score; the weights sum to 1
 * @window_months: over how many months the bank measures it
 * @baseline: the value a customer without history is given
 * @n_bands: 1 to %FP_CREDIT_MAX_BANDS, ascending, without gaps
 * @bands: the bands
 */
typedef struct {
  double       weight;
  guint        window_months;
  double       baseline;
  guint        n_bands;
  FpCreditBand bands[FP_CREDIT_MAX_BANDS];
} FpCreditFeatureModel;

/**
 * FpCreditTier:
 * @min_score: the score from which the tier applies, 0 to 100
 * @limit_to_income_bps: the limit as a share of monthly income
 * @max_limit_minor: the tier's largest limit
 * @apr_bps: the tier's yearly rate
 */
typedef struct {
  double min_score;
  gint32 limit_to_income_bps;
  gint64 max_limit_minor;
  gint32 apr_bps;
} FpCreditTier;

/**
 * FpCreditLineModel:
 * @model_id: the bank's id, for explanations
 * @version: its version
 * @currency: ISO 4217 code of the limits
 * @features: one per #FpCreditFeature
 * @n_tiers: 1 to %FP_CREDIT_MAX_TIERS, by descending @min_score; the last
 *   has @min_score 0
 * @tiers: the tiers
 * @min_limit_minor: no limit is lower
 * @limit_step_minor: limits are multiples of this
 * @review_every_months: how often the bank reviews the line
 */
typedef struct {
  const char           *model_id;
  const char           *version;
  const char           *currency;
  FpCreditFeatureModel  features[FP_CREDIT_N_FEATURES];
  guint                 n_tiers;
  FpCreditTier          tiers[FP_CREDIT_MAX_TIERS];
  gint64                min_limit_minor;
  gint64                limit_step_minor;
  guint                 review_every_months;
} FpCreditLineModel;

/**
 * FpCreditLineInputs:
 * @values: the customer's value of each #FpCreditFeature
 * @monthly_income_minor: income the limit is a share of
 */
typedef struct {
  double values[FP_CREDIT_N_FEATURES];
  gint64 monthly_income_minor;
} FpCreditLineInputs;

/**
 * FpCreditFactor:
 * @feature: the behaviour
 * @value: the customer's value
 * @points: its band's points
 * @contribution: weight × points: what it adds to the score
 * @baseline_contribution: what it would add at the baseline
 * @limit_effect_minor: the limit now minus the limit at the baseline
 * @apr_effect_bps: the rate now minus the rate at the baseline
 * @explanation: in words
 */
typedef struct {
  FpCreditFeature feature;
  double          value;
  int             points;
  double          contribution;
  double          baseline_contribution;
  gint64          limit_effect_minor;
  gint32          apr_effect_bps;
  char           *explanation;
} FpCreditFactor;

/**
 * FpCreditNextStep:
 * @feature: the behaviour to change
 * @target: the value to reach (the edge of the next better band)
 * @months: how long to keep it (the feature's window)
 * @limit_change_minor: the limit after the review minus the limit now
 * @apr_change_bps: the rate after minus the rate now
 * @text: "Keep utilization under 30 % for 3 months: limit review +$1,000.00"
 */
typedef struct {
  FpCreditFeature feature;
  double          target;
  guint           months;
  gint64          limit_change_minor;
  gint32          apr_change_bps;
  char           *text;
} FpCreditNextStep;

/**
 * FpCreditLineResult:
 * @score: 0 to 100
 * @tier: the index of the tier reached
 * @limit_minor: the limit
 * @apr_bps: the rate
 * @factors: each behaviour's effect, in #FpCreditFeature order
 * @n_next_steps: how many of @next_steps are set
 * @next_steps: what would change the limit or rate next, largest limit
 *   change first
 * @explanation: how the limit and rate were reached
 */
typedef struct {
  double           score;
  guint            tier;
  gint64           limit_minor;
  gint32           apr_bps;
  FpCreditFactor   factors[FP_CREDIT_N_FEATURES];
  guint            n_next_steps;
  FpCreditNextStep next_steps[FP_CREDIT_N_FEATURES];
  char            *explanation;
} FpCreditLineResult;

const char         *fp_credit_feature_to_id             (FpCreditFeature            feature);
gboolean            fp_credit_feature_from_id           (const char                *id,
                                                         FpCreditFeature           *out_feature);
gboolean            fp_credit_line_model_validate       (const FpCreditLineModel   *model,
                                                         GError                   **error);
void                fp_credit_line_inputs_from_dashboard (FpCreditLineInputs       *out,
                                                         const FpDashboard         *dashboard);
void                fp_credit_line_inputs_for_card      (FpCreditLineInputs       *out,
                                                         const FpDashboard         *dashboard,
                                                         const FpAccountSnapshot   *card);
FpCreditLineResult *fp_credit_line_evaluate             (const FpCreditLineModel   *model,
                                                         const FpCreditLineInputs  *inputs,
                                                         GError                   **error);
void                fp_credit_line_result_free          (FpCreditLineResult        *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpCreditLineResult, fp_credit_line_result_free)

G_END_DECLS
