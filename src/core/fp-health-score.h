/* fp-health-score.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "fp-insights-types.h"

G_BEGIN_DECLS

/**
 * FpHealthInputs:
 * @monthly_income_minor: average monthly income
 * @monthly_spending_minor: average monthly spending
 * @liquid_minor: current and savings balances together
 * @monthly_debt_payments_minor: monthly payments due on cards and loans
 * @card_min_payments_minor: the credit card part of the payments above
 * @credit_owed_minor: owed on credit cards, positive
 * @credit_limit_minor: credit card limits together
 * @late_payments_12m: late or missed payments in 12 months
 * @spending_volatility: coefficient of variation of monthly spending
 *
 * Everything the health score depends on. Scoring is a pure function of
 * these, so an action is quantified by scoring the inputs it would produce.
 */
typedef struct {
  gint64  monthly_income_minor;
  gint64  monthly_spending_minor;
  gint64  liquid_minor;
  gint64  monthly_debt_payments_minor;
  gint64  card_min_payments_minor;
  gint64  credit_owed_minor;
  gint64  credit_limit_minor;
  guint32 late_payments_12m;
  double  spending_volatility;
} FpHealthInputs;

int fp_health_score_points (const FpHealthInputs *inputs,
                            const guint8         *weights,
                            double               *out_values,
                            int                  *out_points);

G_END_DECLS
