/* fp-segments.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bank's segment model: the built-in default, its validation, and the
 * customer's segment as the nearest centroid.
 */

#define G_LOG_DOMAIN "fp-insights"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-format.h"
#include "fp-insights-private.h"

static const FpSegment default_segments[] = {
  {
    "careful-saver", N_("Careful saver"),
    { 3.70, 0.30, 0.60, 0.20, 0.05, 0.05, 0.05 },
    500000, 350000, 3000, 85,
    {
      [FP_CATEGORY_DINING] = 25000, [FP_CATEGORY_GROCERIES] = 60000,
      [FP_CATEGORY_TRANSPORT] = 30000, [FP_CATEGORY_TRAVEL] = 15000,
      [FP_CATEGORY_SHOPPING] = 30000, [FP_CATEGORY_ENTERTAINMENT] = 10000,
      [FP_CATEGORY_HEALTH] = 10000, [FP_CATEGORY_UTILITIES] = 20000,
      [FP_CATEGORY_HOUSING] = 120000, [FP_CATEGORY_INSURANCE] = 15000,
      [FP_CATEGORY_OTHER] = 15000,
    },
  },
  {
    "comfortable-spender", N_("Comfortable spender"),
    { 3.85, 0.08, 0.45, 0.40, 0.08, 0.25, 0.15 },
    700000, 640000, 800, 65,
    {
      [FP_CATEGORY_DINING] = 90000, [FP_CATEGORY_GROCERIES] = 70000,
      [FP_CATEGORY_TRANSPORT] = 45000, [FP_CATEGORY_TRAVEL] = 50000,
      [FP_CATEGORY_SHOPPING] = 110000, [FP_CATEGORY_ENTERTAINMENT] = 40000,
      [FP_CATEGORY_HEALTH] = 15000, [FP_CATEGORY_UTILITIES] = 25000,
      [FP_CATEGORY_HOUSING] = 160000, [FP_CATEGORY_INSURANCE] = 20000,
      [FP_CATEGORY_OTHER] = 15000,
    },
  },
  {
    "stretched-borrower", N_("Stretched borrower"),
    { 3.50, -0.05, 0.60, 0.25, 0.02, 0.75, 0.40 },
    320000, 335000, -500, 30,
    {
      [FP_CATEGORY_DINING] = 30000, [FP_CATEGORY_GROCERIES] = 55000,
      [FP_CATEGORY_TRANSPORT] = 30000, [FP_CATEGORY_TRAVEL] = 5000,
      [FP_CATEGORY_SHOPPING] = 40000, [FP_CATEGORY_ENTERTAINMENT] = 15000,
      [FP_CATEGORY_HEALTH] = 10000, [FP_CATEGORY_UTILITIES] = 20000,
      [FP_CATEGORY_HOUSING] = 110000, [FP_CATEGORY_FEES] = 5000,
      [FP_CATEGORY_OTHER] = 15000,
    },
  },
  {
    "young-starter", N_("Young starter"),
    { 3.30, 0.05, 0.45, 0.45, 0.05, 0.40, 0.10 },
    200000, 190000, 500, 50,
    {
      [FP_CATEGORY_DINING] = 35000, [FP_CATEGORY_GROCERIES] = 25000,
      [FP_CATEGORY_TRANSPORT] = 15000, [FP_CATEGORY_TRAVEL] = 8000,
      [FP_CATEGORY_SHOPPING] = 30000, [FP_CATEGORY_ENTERTAINMENT] = 20000,
      [FP_CATEGORY_HEALTH] = 3000, [FP_CATEGORY_UTILITIES] = 9000,
      [FP_CATEGORY_HOUSING] = 40000, [FP_CATEGORY_OTHER] = 5000,
    },
  },
  {
    "affluent-traveller", N_("Affluent traveller"),
    { 4.20, 0.25, 0.35, 0.30, 0.25, 0.10, 0.05 },
    1600000, 1200000, 2500, 80,
    {
      [FP_CATEGORY_DINING] = 150000, [FP_CATEGORY_GROCERIES] = 90000,
      [FP_CATEGORY_TRANSPORT] = 60000, [FP_CATEGORY_TRAVEL] = 300000,
      [FP_CATEGORY_SHOPPING] = 150000, [FP_CATEGORY_ENTERTAINMENT] = 60000,
      [FP_CATEGORY_HEALTH] = 30000, [FP_CATEGORY_UTILITIES] = 35000,
      [FP_CATEGORY_HOUSING] = 250000, [FP_CATEGORY_INSURANCE] = 45000,
      [FP_CATEGORY_OTHER] = 30000,
    },
  },
};

static const FpInsightsModel default_model = {
  FP_INSIGHTS_MODEL_VERSION,
  "builtin-2026-1",
  { 0.30, 0.15, 0.15, 0.15, 0.10, 0.25, 0.15 },
  { 1, 1, 1, 1, 1, 1, 1 },
  default_segments,
  G_N_ELEMENTS (default_segments),
  { 25, 20, 20, 15, 10, 10 },
  350,
};

/**
 * fp_insights_model_get_default:
 *
 * Returns: (transfer none): the built-in model, used until the bank's
 *   model is downloaded
 */
const FpInsightsModel *
fp_insights_model_get_default (void)
{
  return &default_model;
}

/**
 * fp_insights_model_validate:
 * @model: a model, for example from the bank
 * @error: return location for an error
 *
 * Checks the version, that there are segments, that scales are positive,
 * weights not negative, and that the health weights sum to 100.
 *
 * Returns: %TRUE if @model can be used
 */
gboolean
fp_insights_model_validate (const FpInsightsModel  *model,
                            GError                **error)
{
  guint sum = 0;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (model->version != FP_INSIGHTS_MODEL_VERSION)
    {
      g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                   "Model version %u is not supported (expected %u)",
                   model->version, FP_INSIGHTS_MODEL_VERSION);
      return FALSE;
    }

  if (model->model_id == NULL || model->segments == NULL || model->n_segments == 0)
    {
      g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                           "The model has no id or no segments");
      return FALSE;
    }

  for (guint i = 0; i < FP_SEGMENT_N_FEATURES; i++)
    {
      if (!(model->feature_scale[i] > 0) || !isfinite (model->feature_scale[i]) ||
          !(model->feature_weight[i] >= 0) || !isfinite (model->feature_weight[i]))
        {
          g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                       "Feature %u has a bad scale or weight", i);
          return FALSE;
        }
    }

  for (gsize s = 0; s < model->n_segments; s++)
    {
      const FpSegment *seg = &model->segments[s];

      if (seg->id == NULL || seg->name == NULL)
        {
          g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                       "Segment %" G_GSIZE_FORMAT " has no id or name", s);
          return FALSE;
        }
      for (guint i = 0; i < FP_SEGMENT_N_FEATURES; i++)
        {
          if (!isfinite (seg->centroid[i]))
            {
              g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                           "Segment %s has a bad centroid", seg->id);
              return FALSE;
            }
        }
    }

  for (guint i = 0; i < FP_HEALTH_N_COMPONENTS; i++)
    sum += model->health_weights[i];

  if (sum != 100)
    {
      g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                   "The health weights sum to %u, not 100", sum);
      return FALSE;
    }

  return TRUE;
}

void
fp_insights_segment (FpInsightsCtx *ctx)
{
  FpDashboard *self = ctx->out;
  FpSegmentMatch *match = &self->segment;
  const FpInsightsModel *model = ctx->model;
  const FpHealthComponentScore *cs = self->components;
  double *x = match->features;
  gint64 total = 0, essential = 0, discretionary = 0;
  double income = (double) self->monthly_income_minor / 100.0;
  g_autofree char *income_text = NULL;
  g_autofree char *typical_text = NULL;
  g_autofree char *savings = NULL, *essential_text = NULL, *discretionary_text = NULL;
  g_autofree char *travel = NULL, *used = NULL, *dti = NULL, *distance = NULL;

  /* No group without the history and the income its figures are made of. */
  match->segment = NULL;
  match->segment_name = NULL;
  match->explanation = NULL;
  match->distance = INFINITY;
  fp_ctx_unavailable (ctx, &self->segment_availability, TRUE);
  if (!self->segment_availability.available)
    return;

  for (guint c = 0; c < FP_N_CATEGORIES; c++)
    {
      total = fp_sat_add (total, ctx->recent_category[c]);
      if (fp_category_is_essential (c))
        essential = fp_sat_add (essential, ctx->recent_category[c]);
      if (fp_category_is_discretionary (c) && c != FP_CATEGORY_TRAVEL)
        discretionary = fp_sat_add (discretionary, ctx->recent_category[c]);
    }

  x[FP_FEATURE_LOG_INCOME] = log10 (MAX (income, 0.0) + 1.0);
  x[FP_FEATURE_SAVINGS_RATE] = CLAMP (cs[FP_HEALTH_SAVINGS_RATE].value, -1.0, 1.0);
  x[FP_FEATURE_ESSENTIAL_SHARE] = total > 0 ? (double) essential / (double) total : 0.0;
  x[FP_FEATURE_DISCRETIONARY_SHARE] = total > 0 ? (double) discretionary / (double) total : 0.0;
  x[FP_FEATURE_TRAVEL_SHARE] = total > 0 ? (double) ctx->recent_category[FP_CATEGORY_TRAVEL] / (double) total : 0.0;
  x[FP_FEATURE_CREDIT_UTILIZATION] = CLAMP (cs[FP_HEALTH_CREDIT_UTILIZATION].value, 0.0, 2.0);
  x[FP_FEATURE_DEBT_TO_INCOME] = CLAMP (cs[FP_HEALTH_DEBT_TO_INCOME].value, 0.0, 2.0);

  for (gsize s = 0; s < model->n_segments; s++)
    {
      double d = 0;

      for (guint i = 0; i < FP_SEGMENT_N_FEATURES; i++)
        {
          double z = (x[i] - model->segments[s].centroid[i]) / model->feature_scale[i];

          d += model->feature_weight[i] * z * z;
        }
      d = sqrt (d);
      if (d < match->distance)
        {
          match->distance = d;
          match->segment = &model->segments[s];
        }
    }

  self->segment_copy = *match->segment;
  self->segment_copy.id = g_string_chunk_insert_const (self->strings, match->segment->id);
  self->segment_copy.name = g_string_chunk_insert_const (self->strings, match->segment->name);
  match->segment = &self->segment_copy;
  match->segment_name = g_string_chunk_insert_const (self->strings, _(match->segment->name));
  income_text = fp_ctx_money (ctx, self->monthly_income_minor);
  typical_text = fp_ctx_money (ctx, match->segment->typical_income_minor);
  savings = fp_ctx_percent (x[FP_FEATURE_SAVINGS_RATE], 0);
  essential_text = fp_ctx_percent (x[FP_FEATURE_ESSENTIAL_SHARE], 0);
  discretionary_text = fp_ctx_percent (x[FP_FEATURE_DISCRETIONARY_SHARE], 0);
  travel = fp_ctx_percent (x[FP_FEATURE_TRAVEL_SHARE], 0);
  used = fp_ctx_percent (x[FP_FEATURE_CREDIT_UTILIZATION], 0);
  dti = fp_ctx_percent (x[FP_FEATURE_DEBT_TO_INCOME], 0);
  distance = fp_format_number (match->distance, 2);
  match->explanation =
    fp_ctx_intern (ctx, g_strdup_printf (_("Among the customer groups of the bank's model (%u in %s), yours is "
                                           "the one whose centre is nearest to your figures: monthly income (%s; "
                                           "typical there %s), savings rate %s, shares of essential, "
                                           "discretionary and travel spending (%s, %s, %s), credit "
                                           "utilization %s and debt to income %s. Distance %s."),
                                         (guint) model->n_segments, model->model_id, income_text, typical_text,
                                         savings, essential_text, discretionary_text, travel, used, dti,
                                         distance));
}
