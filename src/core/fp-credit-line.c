/* fp-credit-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Adaptive Credit Line model evaluated on the device; see the header.
 */

#define G_LOG_DOMAIN "fp-credit-line"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-credit-line.h"
#include "fp-format.h"
#include "fp-error.h"
#include "fp-money.h"

/* Months of income that measure its stability. */
#define STABILITY_MONTHS 6
#define SCORE_EPSILON 1e-9

static const char *const feature_ids[FP_CREDIT_N_FEATURES] = {
  "utilization", "on_time_payments", "income_stability",
};

/**
 * fp_credit_feature_to_id:
 * @feature: a feature
 *
 * Returns: its id in the bank's model (`utilization`)
 */
const char *
fp_credit_feature_to_id (FpCreditFeature feature)
{
  g_return_val_if_fail ((guint) feature < FP_CREDIT_N_FEATURES, "utilization");
  return feature_ids[feature];
}

/**
 * fp_credit_feature_from_id:
 * @id: an id
 * @out_feature: (out): the feature
 *
 * Returns: %FALSE for an unknown id
 */
gboolean
fp_credit_feature_from_id (const char      *id,
                           FpCreditFeature *out_feature)
{
  for (guint i = 0; i < FP_CREDIT_N_FEATURES; i++)
    if (g_strcmp0 (id, feature_ids[i]) == 0)
      {
        *out_feature = (FpCreditFeature) i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
lower_is_better (FpCreditFeature feature)
{
  return feature != FP_CREDIT_ON_TIME;
}

static const char *
feature_name (FpCreditFeature feature)
{
  switch (feature)
    {
    case FP_CREDIT_UTILIZATION: return _("Card utilization");
    case FP_CREDIT_ON_TIME: return _("On-time payments");
    case FP_CREDIT_INCOME_STABILITY: return _("Income stability");
    default: g_return_val_if_reached ("");
    }
}

/**
 * fp_credit_line_model_validate:
 * @model: a model
 * @error: return location for a %FP_CORE_ERROR_INVALID
 *
 * Returns: whether the model is usable: weights sum to 1, bands ascend
 *   without gaps, tiers descend to a last one at 0, limits are steps
 */
gboolean
fp_credit_line_model_validate (const FpCreditLineModel  *model,
                               GError                  **error)
{
  double weights = 0.0;
  const char *why = NULL;

  g_return_val_if_fail (model != NULL, FALSE);

  for (guint f = 0; why == NULL && f < FP_CREDIT_N_FEATURES; f++)
    {
      const FpCreditFeatureModel *fm = &model->features[f];

      if (!isfinite (fm->weight) || fm->weight < 0.0 || fm->weight > 1.0 || !isfinite (fm->baseline) ||
          fm->n_bands < 1 || fm->n_bands > FP_CREDIT_MAX_BANDS || fm->window_months < 1 || fm->window_months > 24)
        why = "feature";
      weights += fm->weight;
      for (guint b = 0; why == NULL && b < fm->n_bands; b++)
        {
          const FpCreditBand *band = &fm->bands[b];

          if (isnan (band->from) || isnan (band->to) || band->to <= band->from ||
              band->points < 0 || band->points > 100 ||
              (b > 0 && band->from != fm->bands[b - 1].to))
            why = "bands";
        }
    }
  if (why == NULL && fabs (weights - 1.0) > 1e-6)
    why = "weights";
  if (why == NULL && (model->n_tiers < 1 || model->n_tiers > FP_CREDIT_MAX_TIERS))
    why = "tiers";
  for (guint t = 0; why == NULL && t < model->n_tiers; t++)
    {
      const FpCreditTier *tier = &model->tiers[t];

      if (!isfinite (tier->min_score) || tier->min_score < 0.0 || tier->min_score > 100.0 ||
          (t > 0 && tier->min_score >= model->tiers[t - 1].min_score) ||
          (t == model->n_tiers - 1 && tier->min_score != 0.0) ||
          tier->limit_to_income_bps < 0 || tier->limit_to_income_bps > 100000 ||
          tier->max_limit_minor < model->min_limit_minor || tier->apr_bps < 0 || tier->apr_bps > 10000)
        why = "tiers";
    }
  if (why == NULL && (model->limit_step_minor < 1 || model->min_limit_minor < 0 ||
                      model->min_limit_minor % model->limit_step_minor != 0 ||
                      model->review_every_months < 1 || model->currency == NULL))
    why = "limits";

  if (why != NULL)
    {
      g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID, "The credit line model is invalid (%s)", why);
      return FALSE;
    }
  return TRUE;
}

static guint
band_index (const FpCreditFeatureModel *fm,
            double                      value)
{
  if (value < fm->bands[0].from)
    return 0;
  for (guint b = 0; b < fm->n_bands; b++)
    if (value >= fm->bands[b].from && value < fm->bands[b].to)
      return b;
  return fm->n_bands - 1;
}

typedef struct {
  double score;
  guint  tier;
  gint64 limit;
  gint32 apr;
} Outcome;

static Outcome
outcome (const FpCreditLineModel *model,
         const double            *values,
         gint64                   income)
{
  Outcome o = { 0 };
  gint64 limit = 0;

  for (guint f = 0; f < FP_CREDIT_N_FEATURES; f++)
    {
      const FpCreditFeatureModel *fm = &model->features[f];

      o.score += fm->weight * fm->bands[band_index (fm, values[f])].points;
    }
  o.tier = model->n_tiers - 1;
  for (guint t = 0; t < model->n_tiers; t++)
    if (o.score + SCORE_EPSILON >= model->tiers[t].min_score)
      {
        o.tier = t;
        break;
      }
  if (!fp_money_mul_div (MAX (0, income), model->tiers[o.tier].limit_to_income_bps, 10000,
                         FP_ROUND_FLOOR, &limit, NULL))
    limit = model->tiers[o.tier].max_limit_minor;
  limit = MIN (limit, model->tiers[o.tier].max_limit_minor);
  limit = limit / model->limit_step_minor * model->limit_step_minor;
  o.limit = MAX (limit, model->min_limit_minor);
  o.apr = model->tiers[o.tier].apr_bps;
  return o;
}

/* "42%" or "4.5%", in the locale (fp-format.h) */
static char *
format_share (double share)
{
  double pct = share * 100.0;

  return fp_format_percent (share, fabs (pct - round (pct)) < 0.05 ? 0 : 1, FP_FORMAT_NONE);
}

static char *
format_rate (gint32 bps)
{
  return fp_format_percent (bps / 10000.0, 2, FP_FORMAT_NONE);
}

static char *
format_change (const FpCreditLineModel *model,
               gint64                   limit_change,
               gint32                   apr_change)
{
  g_autofree char *limit = fp_format_money (limit_change, model->currency, FP_FORMAT_SIGN);
  g_autofree char *number = fp_format_number (apr_change / 100.0, 2);
  g_autofree char *apr = apr_change > 0 ? g_strconcat ("+", number, NULL) : g_strdup (number);

  if (limit_change != 0 && apr_change != 0)
    /* TRANSLATORS: "limit review +$1,000.00, rate −0.50 percentage points" */
    return g_strdup_printf (_("limit review %s, rate %s percentage points"), limit, apr);
  if (limit_change != 0)
    return g_strdup_printf (_("limit review %s"), limit);
  return g_strdup_printf (_("rate %s percentage points"), apr);
}

static char *
next_step_text (const FpCreditLineModel *model,
                FpCreditFeature          feature,
                double                   target,
                guint                    months,
                gint64                   limit_change,
                gint32                   apr_change)
{
  g_autofree char *change = format_change (model, limit_change, apr_change);
  g_autofree char *share = format_share (target);

  switch (feature)
    {
    case FP_CREDIT_UTILIZATION:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Keep card utilization under %s for %u month: %s",
                                           "Keep card utilization under %s for %u months: %s", months),
                              share, months, change);
    case FP_CREDIT_ON_TIME:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Make at least %s of your payments on time for %u month: %s",
                                           "Make at least %s of your payments on time for %u months: %s",
                                           months),
                              share, months, change);
    case FP_CREDIT_INCOME_STABILITY:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Keep your monthly income varying by less than %s for %u month: %s",
                                           "Keep your monthly income varying by less than %s for %u months: %s",
                                           months),
                              share, months, change);
    }
}

/**
 * fp_credit_line_result_free:
 * @result: (nullable): a result
 */
void
fp_credit_line_result_free (FpCreditLineResult *result)
{
  if (result == NULL)
    return;
  for (guint f = 0; f < FP_CREDIT_N_FEATURES; f++)
    g_free (result->factors[f].explanation);
  for (guint i = 0; i < result->n_next_steps; i++)
    g_free (result->next_steps[i].text);
  g_free (result->explanation);
  g_free (result);
}

static gint
compare_steps (gconstpointer a,
               gconstpointer b)
{
  const FpCreditNextStep *x = a;
  const FpCreditNextStep *y = b;

  if (x->limit_change_minor != y->limit_change_minor)
    return x->limit_change_minor > y->limit_change_minor ? -1 : 1;
  if (x->apr_change_bps != y->apr_change_bps)
    return x->apr_change_bps < y->apr_change_bps ? -1 : 1;
  return (int) x->feature - (int) y->feature;
}

/**
 * fp_credit_line_evaluate:
 * @model: a valid model
 * @inputs: the customer's behaviours and income
 * @error: return location for a %FP_CORE_ERROR_INVALID
 *
 * The limit and rate, each behaviour's effect and the next steps; call it
 * again on changed inputs for a what-if.
 *
 * Returns: (transfer full) (nullable): the result
 */
FpCreditLineResult *
fp_credit_line_evaluate (const FpCreditLineModel   *model,
                         const FpCreditLineInputs  *inputs,
                         GError                   **error)
{
  g_autoptr(FpCreditLineResult) r = NULL;
  g_autoptr(GString) parts = g_string_new (NULL);
  Outcome now;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (inputs != NULL, NULL);

  if (!fp_credit_line_model_validate (model, error))
    return NULL;
  for (guint f = 0; f < FP_CREDIT_N_FEATURES; f++)
    if (!isfinite (inputs->values[f]))
      {
        g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID, "The value of %s is not a number",
                     feature_ids[f]);
        return NULL;
      }

  r = g_new0 (FpCreditLineResult, 1);
  now = outcome (model, inputs->values, inputs->monthly_income_minor);
  r->score = now.score;
  r->tier = now.tier;
  r->limit_minor = now.limit;
  r->apr_bps = now.apr;

  for (guint f = 0; f < FP_CREDIT_N_FEATURES; f++)
    {
      const FpCreditFeatureModel *fm = &model->features[f];
      FpCreditFactor *factor = &r->factors[f];
      double values[FP_CREDIT_N_FEATURES];
      const FpCreditBand *band = &fm->bands[band_index (fm, inputs->values[f])];
      Outcome base;
      g_autofree char *value = format_share (inputs->values[f]);
      g_autofree char *baseline = format_share (fm->baseline);
      g_autofree char *effect = NULL;

      memcpy (values, inputs->values, sizeof values);
      values[f] = fm->baseline;
      base = outcome (model, values, inputs->monthly_income_minor);

      factor->feature = (FpCreditFeature) f;
      factor->value = inputs->values[f];
      factor->points = band->points;
      factor->contribution = fm->weight * band->points;
      factor->baseline_contribution = fm->weight * fm->bands[band_index (fm, fm->baseline)].points;
      factor->limit_effect_minor = now.limit - base.limit;
      factor->apr_effect_bps = now.apr - base.apr;
      if (factor->limit_effect_minor != 0 || factor->apr_effect_bps != 0)
        effect = format_change (model, factor->limit_effect_minor, factor->apr_effect_bps);
      else
        effect = g_strdup (_("no change to the limit or rate"));
      /* TRANSLATORS: "Card utilization 42 %: 55 points × 0.40 = 22.0 of the score (18.0 at the
       * baseline of 30 %); against the baseline: limit review −$500.00" */
      factor->explanation = g_strdup_printf (_("%s %s: %d points × %.2f = %.1f of the score (%.1f at the "
                                               "baseline of %s); against the baseline: %s"),
                                             feature_name ((FpCreditFeature) f), value, band->points,
                                             fm->weight, factor->contribution,
                                             factor->baseline_contribution, baseline, effect);
      g_string_append_printf (parts, "%s%s %.1f", f > 0 ? ", " : "", feature_name ((FpCreditFeature) f),
                              factor->contribution);

      /* The first better band that changes the limit or the rate. */
      for (gint b = (gint) band_index (fm, inputs->values[f]), step = lower_is_better (f) ? -1 : 1;
           (b += step) >= 0 && b < (gint) fm->n_bands;)
        {
          const FpCreditBand *better = &fm->bands[b];
          double target = lower_is_better (f) ? better->to : better->from;
          Outcome after;

          if (better->points <= band->points)
            continue;
          memcpy (values, inputs->values, sizeof values);
          /* Just inside the band: under its upper edge, or at its lower one. */
          values[f] = lower_is_better (f) ? target - 1e-9 * MAX (1.0, fabs (target)) : target;
          after = outcome (model, values, inputs->monthly_income_minor);
          if (after.limit == now.limit && after.apr == now.apr)
            continue;
          {
            FpCreditNextStep *ns = &r->next_steps[r->n_next_steps++];

            ns->feature = (FpCreditFeature) f;
            ns->target = target;
            ns->months = fm->window_months;
            ns->limit_change_minor = after.limit - now.limit;
            ns->apr_change_bps = after.apr - now.apr;
            ns->text = next_step_text (model, ns->feature, target, ns->months,
                                       ns->limit_change_minor, ns->apr_change_bps);
          }
          break;
        }
    }
  if (r->n_next_steps > 1)
    qsort (r->next_steps, r->n_next_steps, sizeof r->next_steps[0], compare_steps);

  {
    const FpCreditTier *tier = &model->tiers[now.tier];
    g_autofree char *income = fp_money_format (inputs->monthly_income_minor, model->currency);
    g_autofree char *limit = fp_money_format (now.limit, model->currency);
    g_autofree char *cap = fp_money_format (tier->max_limit_minor, model->currency);
    g_autofree char *step = fp_money_format (model->limit_step_minor, model->currency);
    g_autofree char *share = format_rate (tier->limit_to_income_bps);
    g_autofree char *apr = format_rate (now.apr);

    r->explanation = g_strdup_printf (_("Score %.1f of 100 (%s) reaches tier %u of the bank’s model %s %s "
                                        "(from %.0f points): rate %s; limit %s of your monthly income of "
                                        "%s, at most %s, in steps of %s: %s."),
                                      now.score, parts->str, now.tier + 1, model->model_id,
                                      model->version != NULL ? model->version : "",
                                      tier->min_score, apr, share, income, cap, step, limit);
  }
  return g_steal_pointer (&r);
}

/**
 * fp_credit_line_inputs_from_dashboard:
 * @out: (out): the inputs
 * @dashboard: the computed insights
 *
 * Utilization: owed on cards over their limits (0 without a card); on-time
 * payments: 1 − late payments in 12 months / 12; income stability: the
 * coefficient of variation of income over the last up to 6 complete
 * months (1 when there is no income); income: the insights' monthly income.
 */
void
fp_credit_line_inputs_from_dashboard (FpCreditLineInputs *out,
                                      const FpDashboard  *dashboard)
{
  const FpHealthInputs *h;
  const FpMonthSummary *months;
  gsize n_months = 0;
  double sum = 0.0, sum2 = 0.0;
  guint n = 0;

  g_return_if_fail (out != NULL);
  g_return_if_fail (dashboard != NULL);

  memset (out, 0, sizeof *out);
  h = fp_dashboard_get_health_inputs (dashboard);
  out->monthly_income_minor = fp_dashboard_get_monthly_income (dashboard);
  out->values[FP_CREDIT_UTILIZATION] = h->credit_limit_minor > 0
                                       ? (double) MAX (0, h->credit_owed_minor) / (double) h->credit_limit_minor
                                       : 0.0;
  out->values[FP_CREDIT_ON_TIME] = CLAMP (1.0 - h->late_payments_12m / 12.0, 0.0, 1.0);

  months = fp_dashboard_get_months (dashboard, &n_months);
  for (gsize i = n_months; i > 0 && n < STABILITY_MONTHS; i--)
    if (months[i - 1].complete)
      {
        double v = (double) months[i - 1].income_minor;

        sum += v;
        sum2 += v * v;
        n++;
      }
  if (n == 0 || sum <= 0.0)
    out->values[FP_CREDIT_INCOME_STABILITY] = 1.0;
  else
    {
      double mean = sum / n;
      double var = MAX (0.0, sum2 / n - mean * mean);

      out->values[FP_CREDIT_INCOME_STABILITY] = sqrt (var) / mean;
    }
}

/**
 * fp_credit_line_inputs_for_card:
 * @out: (out): the inputs
 * @dashboard: the computed insights
 * @card: one credit card account of the customer
 *
 * The inputs of one card's line: its own utilization (owed on it over its
 * limit; 0 without a limit) and its own on-time payments (1 − its late
 * payments in 12 months / 12); income and its stability are the
 * customer's, as in fp_credit_line_inputs_from_dashboard().
 */
void
fp_credit_line_inputs_for_card (FpCreditLineInputs      *out,
                                const FpDashboard       *dashboard,
                                const FpAccountSnapshot *card)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (dashboard != NULL);
  g_return_if_fail (card != NULL);

  fp_credit_line_inputs_from_dashboard (out, dashboard);
  out->values[FP_CREDIT_UTILIZATION] = card->credit_limit_minor > 0
                                       ? (double) MAX (0, -card->balance_minor) / (double) card->credit_limit_minor
                                       : 0.0;
  out->values[FP_CREDIT_ON_TIME] = CLAMP (1.0 - card->late_payments_12m / 12.0, 0.0, 1.0);
}
