/* fp-forecast.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cash-flow forecast of the current accounts for the next 90 days from
 * the real day: the recurring items on their expected days, plus the
 * average daily flow of everything else over the recent period (which ends
 * on the newest transaction), scaled by the month's seasonal factor from
 * last year, with a 90% band from the day-to-day variation. Without
 * FP_MIN_HISTORY_DAYS of history, or with data that stopped, there is no
 * band: its width would be a guess.
 */

#define G_LOG_DOMAIN "fp-insights"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-insights-private.h"

/* Two-sided 90%: the 95th percentile of the standard normal. */
#define Z_90 1.6448536269514722

static gboolean
is_current (FpInsightsCtx *ctx,
            guint32        account_id)
{
  return ctx->n_current == 0 ||
         fp_id_map_lookup (&ctx->current_accounts, account_id) != FP_NO_MERCHANT;
}

static gboolean
is_recurring (FpInsightsCtx *ctx,
              guint32        m,
              const FpTxn   *t)
{
  if (m == FP_NO_MERCHANT)
    return FALSE;
  return t->amount_minor < 0 ? ctx->merchants[m].recurring_out != 0
                             : ctx->merchants[m].recurring_in != 0;
}

static gint32
occurrence (const FpRecurring *r,
            int                k)
{
  switch (r->period)
    {
    case FP_PERIOD_WEEKLY:
      return r->last_day + 7 * k;
    case FP_PERIOD_BIWEEKLY:
      return r->last_day + 14 * k;
    case FP_PERIOD_MONTHLY:
      return fp_day_add_months (r->last_day, k);
    case FP_PERIOD_QUARTERLY:
      return fp_day_add_months (r->last_day, 3 * k);
    case FP_PERIOD_YEARLY:
      return fp_day_add_months (r->last_day, 12 * k);
    default:
      g_assert_not_reached ();
    }
}

/* The spending of the calendar month of @day last year against the average
 * month of last year, clamped to 0.5..2; 1 without 12 months of history. */
static double
seasonal_factor (FpInsightsCtx *ctx,
                 gint32         day,
                 gboolean      *out_seasonal)
{
  guint first = FP_WINDOW_MONTHS - 13;
  gint64 total = 0;
  gint64 same = 0;
  gint32 month, m;
  double factor;

  if (ctx->out->first_day == FP_DAY_NONE || ctx->month_start[first] < ctx->out->first_day)
    return 1.0;

  fp_day_to_date (day, NULL, &month, NULL);
  for (guint mo = first; mo < FP_WINDOW_MONTHS - 1; mo++)
    {
      gint64 s = 0;

      for (guint c = 0; c < FP_N_CATEGORIES; c++)
        s = fp_sat_add (s, ctx->month_spending[mo][c]);
      total = fp_sat_add (total, s);
      fp_day_to_date (ctx->month_start[mo], NULL, &m, NULL);
      if (m == month)
        same = s;
    }

  if (total <= 0)
    return 1.0;

  *out_seasonal = TRUE;
  factor = (double) same * 12.0 / (double) total;
  return CLAMP (factor, 0.5, 2.0);
}

void
fp_insights_forecast (FpInsightsCtx *ctx)
{
  FpDashboard *self = ctx->out;
  FpForecast *f = &self->forecast;
  const FpRecurring *rec = (const FpRecurring *) (gpointer) self->recurring->data;
  guint n = FP_FORECAST_DAYS + 1;
  gint64 *flow = g_new0 (gint64, n);
  gint64 *daily = g_new0 (gint64, ctx->recent_days);
  gint64 start_balance = 0;
  gint64 total = 0;
  gint64 *expected, *low, *high;
  double mean, var = 0, sigma;
  gboolean seasonal = FALSE;
  guint n_items = 0;
  g_autofree char *start_text = NULL;
  g_autofree char *daily_text = NULL;
  g_autofree char *sigma_text = NULL;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  g_autofree char *band_share = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  gint32 now = ctx->now;
  /* Items due by this day and not booked come tomorrow; with data that
   * stopped, those due after it may have been paid unseen. */
  gint32 known = self->freshness.stale ? ctx->today : now;

  for (gsize i = 0; i < ctx->n_accounts; i++)
    {
      const FpAccountSnapshot *a = &ctx->accounts[i];

      if (ctx->n_current > 0 ? a->kind == FP_ACCOUNT_CURRENT
                             : (a->kind == FP_ACCOUNT_SAVINGS))
        start_balance = fp_sat_add (start_balance, a->balance_minor);
    }

  /* Everything that is not a recurring item, day by day. */
  for (guint32 i = ctx->day_offset[ctx->recent_start - ctx->window_start]; i < ctx->n_window; i++)
    {
      const FpTxn *t = &ctx->txns[ctx->order[i]];

      if (!is_current (ctx, t->account_id) || is_recurring (ctx, ctx->order_merchant[i], t))
        continue;
      daily[t->day - ctx->recent_start] = fp_sat_add (daily[t->day - ctx->recent_start], t->amount_minor);
      total = fp_sat_add (total, t->amount_minor);
    }

  f->daily_discretionary_minor = fp_div_round (total, ctx->recent_days);
  mean = (double) total / ctx->recent_days;
  for (guint d = 0; d < ctx->recent_days; d++)
    var += ((double) daily[d] - mean) * ((double) daily[d] - mean);
  sigma = sqrt (var / ctx->recent_days);

  for (guint k = 1; k < n; k++)
    {
      gint64 v = f->daily_discretionary_minor;

      if (v < 0)
        v = (gint64) llround (MAX ((double) v * seasonal_factor (ctx, now + (gint32) k, &seasonal),
                                   -9.0e18));
      flow[k] = v;
    }

  for (guint i = 0; i < self->recurring->len; i++)
    {
      const FpRecurring *r = &rec[i];
      gboolean first = TRUE;

      if (!is_current (ctx, r->account_id))
        continue;

      n_items++;
      for (int k = 1; ; k++)
        {
          gint32 day = occurrence (r, k);

          /* An item due but not booked yet comes tomorrow. */
          if (day <= now)
            {
              gboolean overdue = first && day <= known;

              first = FALSE;
              if (!overdue)
                continue;
              day = now + 1;
            }
          first = FALSE;
          if (day > now + FP_FORECAST_DAYS)
            break;
          flow[day - now] = fp_sat_add (flow[day - now], r->next_amount_minor);
        }
    }

  self->forecast_values = g_new (gint64, 3 * n);
  expected = self->forecast_values;
  low = expected + n;
  high = low + n;
  expected[0] = low[0] = high[0] = start_balance;

  f->start_day = now;
  f->n_days = n;
  fp_insights_coverage (&f->history, ctx->recent_start, ctx->today, self->first_day);
  if (self->freshness.stale)
    {
      g_autofree char *last = fp_ctx_date (ctx->today);

      f->band.available = FALSE;
      f->band.from_day = FP_DAY_NONE;
      f->band.reason = fp_ctx_intern (ctx, g_strdup_printf (_("No band: the data stops on %s, so how much the "
                                                              "balance varies now is not known."),
                                                            last));
    }
  else
    {
      fp_ctx_unavailable (ctx, &f->band, FALSE);
    }
  f->threshold_minor = ctx->options->risk_threshold_minor;
  f->first_risk_day = FP_DAY_NONE;
  f->first_possible_risk_day = FP_DAY_NONE;

  for (guint k = 1; k < n; k++)
    {
      double half_d = f->band.available ? MIN (Z_90 * sigma * sqrt ((double) k), 9.0e18) : 0.0;
      gint64 half = (gint64) llround (half_d);

      expected[k] = fp_sat_add (expected[k - 1], flow[k]);
      low[k] = fp_sat_add (expected[k], -half);
      high[k] = fp_sat_add (expected[k], half);
    }

  for (guint k = 0; k < n; k++)
    {
      if (f->first_risk_day == FP_DAY_NONE && expected[k] < f->threshold_minor)
        f->first_risk_day = now + (gint32) k;
      if (f->first_possible_risk_day == FP_DAY_NONE && low[k] < f->threshold_minor)
        f->first_possible_risk_day = now + (gint32) k;
    }

  f->expected_minor = expected;
  f->low_minor = low;
  f->high_minor = high;

  start_text = fp_ctx_money (ctx, start_balance);
  daily_text = fp_ctx_money (ctx, f->daily_discretionary_minor);
  sigma_text = fp_ctx_money (ctx, (gint64) llround (MIN (sigma, 9.0e18)));
  since = fp_ctx_date (ctx->recent_start);
  until = fp_ctx_date (ctx->today);
  g_string_append_printf (text, _("Starts at today's balance of your current accounts, %s. Adds %u recurring "
                                  "items on their expected days, and every other day %s: the average daily "
                                  "flow of all other transactions from %s to %s."),
                          start_text, n_items, daily_text, since, until);
  g_string_append_c (text, ' ');
  if (seasonal)
    g_string_append (text, _("Spending is scaled by how the same month compared with the average month last year."));
  else
    g_string_append (text, _("There is less than a year of history, so there is no seasonal adjustment."));
  g_string_append_c (text, ' ');
  band_share = fp_ctx_percent (0.90, 0);
  if (f->band.available)
    g_string_append_printf (text, _("The band holds %s of likely outcomes: the day-to-day variation (%s) times "
                                    "1.645 times the square root of the number of days ahead."),
                            band_share, sigma_text);
  else
    g_string_append (text, f->band.reason);
  f->explanation = fp_ctx_intern (ctx, g_string_free (g_steal_pointer (&text), FALSE));

  g_free (flow);
  g_free (daily);
}
