/* fp-spending.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spending by category per month, the monthly averages, and the trends of
 * the last month the data covers completely against the customer's own
 * average of the up to 3 complete months before it.
 */

#define G_LOG_DOMAIN "fp-insights"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-insights-private.h"

/* Changes smaller than this are not worth a sentence. */
#define MIN_CHANGE_MINOR 1000

/* Whether the data covers every day of window month @mo: it began by the
 * month's 1st and reaches its last day. */
static gboolean
month_is_covered (FpInsightsCtx *ctx,
                  guint          mo)
{
  return ctx->out->first_day != FP_DAY_NONE &&
         ctx->month_start[mo] >= ctx->out->first_day &&
         ctx->month_start[mo + 1] - 1 <= ctx->today;
}

void
fp_insights_spending (FpInsightsCtx *ctx)
{
  FpDashboard *self = ctx->out;
  guint first_mo = FP_WINDOW_MONTHS - FP_SUMMARY_MONTHS;
  gint64 recent_spending = 0;
  g_autofree char *spending = NULL;
  g_autofree char *income = NULL;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;

  self->n_months = 0;
  for (guint mo = first_mo; mo < FP_WINDOW_MONTHS; mo++)
    {
      FpMonthSummary *s;

      /* Months before the first transaction are not shown. */
      if (self->first_day != FP_DAY_NONE && ctx->month_start[mo + 1] <= self->first_day &&
          mo + 1 < FP_WINDOW_MONTHS)
        continue;
      if (self->first_day == FP_DAY_NONE && mo + 1 < FP_WINDOW_MONTHS)
        continue;

      s = &self->months[self->n_months++];
      fp_day_to_date (ctx->month_start[mo], &s->year, &s->month, NULL);
      s->first_day = ctx->month_start[mo];
      s->complete = month_is_covered (ctx, mo);
      s->partial = !s->complete;
      s->data_first_day = self->first_day != FP_DAY_NONE ? MAX (self->first_day, ctx->month_start[mo])
                                                         : ctx->month_start[mo];
      s->data_last_day = MIN (ctx->today, ctx->month_start[mo + 1] - 1);
      for (guint c = 0; c < FP_N_CATEGORIES; c++)
        {
          s->by_category_minor[c] = ctx->month_spending[mo][c];
          s->spending_minor = fp_sat_add (s->spending_minor, ctx->month_spending[mo][c]);
        }
      s->income_minor = ctx->month_income[mo];
      s->other_inflows_minor = ctx->month_inflows[mo];
    }

  for (guint c = 0; c < FP_N_CATEGORIES; c++)
    recent_spending = fp_sat_add (recent_spending, ctx->recent_category[c]);

  self->monthly_spending_minor = fp_ctx_per_month (ctx, recent_spending);
  self->monthly_income_minor = fp_ctx_per_month (ctx, ctx->recent_income);

  spending = fp_ctx_money (ctx, recent_spending);
  income = fp_ctx_money (ctx, ctx->recent_income);
  since = fp_ctx_date (ctx->recent_start);
  until = fp_ctx_date (ctx->today);
  self->spending_explanation =
    fp_ctx_intern (ctx, g_strdup_printf (_("All money out from %s to %s (%u days, up to the newest transaction), "
                                           "without transfers between your own accounts and declined payments, "
                                           "less refunds, came to %s; scaled to an average month of 30.44 "
                                           "days."),
                                         since, until, ctx->recent_days, spending));
  self->income_explanation =
    fp_ctx_intern (ctx, g_strdup_printf (_("Income is money in that the bank marks as salary or pension, "
                                           "or that comes regularly from the same payer; refunds are not "
                                           "income. From %s to %s (%u days, up to the newest transaction) "
                                           "it came to %s; scaled to an average month of 30.44 days."),
                                         since, until, ctx->recent_days, income));
}

static int
cmp_change (gconstpointer a,
            gconstpointer b)
{
  const FpCategoryTrend *x = *(const FpCategoryTrend *const *) a;
  const FpCategoryTrend *y = *(const FpCategoryTrend *const *) b;
  gint64 ax = x->change_minor < 0 ? -x->change_minor : x->change_minor;
  gint64 ay = y->change_minor < 0 ? -y->change_minor : y->change_minor;

  if (ax != ay)
    return ax > ay ? -1 : 1;
  return (int) x->category - (int) y->category;
}

/* The merchant whose spending in @c moved the most in the direction of the
 * change: its total in month @last minus its average over @base months. */
static guint32
top_merchant (FpInsightsCtx *ctx,
              FpCategory     c,
              guint          last,
              const guint   *base,
              guint          n_base,
              gint64         change,
              double        *scratch)
{
  double best = 0;
  guint32 best_m = FP_NO_MERCHANT;
  guint first_mo = last;

  for (guint i = 0; i < n_base; i++)
    first_mo = MIN (first_mo, base[i]);

  memset (scratch, 0, ctx->n_merchants * sizeof (double));

  for (guint32 i = ctx->day_offset[ctx->month_start[first_mo] - ctx->window_start];
       i < ctx->day_offset[MIN ((guint) (ctx->month_start[last + 1] - ctx->window_start), ctx->n_days)];
       i++)
    {
      const FpTxn *t = &ctx->txns[ctx->order[i]];
      guint32 m = ctx->order_merchant[i];
      guint mo;
      double v;

      if (m == FP_NO_MERCHANT || !(fp_txn_is_spending (t) || fp_txn_is_refund (t)) ||
          fp_mcc_category (ctx->mcc_table, t->mcc) != c)
        continue;

      mo = ctx->month_of_day[t->day - ctx->window_start];
      /* Money out is negative, a refund positive: both as spending. */
      v = -(double) t->amount_minor;
      /* Last month minus the average of the base months, times n_base. */
      if (mo == last)
        scratch[m] += v * n_base;
      else
        scratch[m] -= v;
    }

  for (guint32 m = 0; m < ctx->n_merchants; m++)
    {
      double d = change > 0 ? scratch[m] : -scratch[m];

      if (d > best)
        {
          best = d;
          best_m = m;
        }
    }

  return best_m == FP_NO_MERCHANT ? 0 : ctx->merchants[best_m].merchant_id;
}

void
fp_insights_trends (FpInsightsCtx *ctx)
{
  FpDashboard *self = ctx->out;
  /* The month of the newest transaction if the data covers it to its end,
   * else the one before. */
  guint last = month_is_covered (ctx, FP_WINDOW_MONTHS - 1) ? FP_WINDOW_MONTHS - 1 : FP_WINDOW_MONTHS - 2;
  guint base[3];
  guint n_base = 0;
  const FpCategoryTrend *sorted[FP_N_CATEGORIES];
  double *scratch;
  g_autofree char *month_name = NULL;

  self->n_trends = 0;
  self->n_changes = 0;
  fp_insights_coverage (&self->freshness.trend_month, FP_DAY_NONE, FP_DAY_NONE, FP_DAY_NONE);
  fp_insights_coverage (&self->freshness.trend_base, FP_DAY_NONE, FP_DAY_NONE, FP_DAY_NONE);

  if (!month_is_covered (ctx, last))
    return;

  for (guint k = 1; k <= 3; k++)
    if (month_is_covered (ctx, last - k))
      base[n_base++] = last - k;

  if (n_base == 0)
    return;

  fp_insights_coverage (&self->freshness.trend_month, ctx->month_start[last], ctx->month_start[last + 1] - 1,
                        self->first_day);
  fp_insights_coverage (&self->freshness.trend_base, ctx->month_start[base[n_base - 1]],
                        ctx->month_start[base[0] + 1] - 1, self->first_day);

  month_name = fp_ctx_month_name (ctx->month_start[last]);

  for (guint c = 0; c < FP_N_CATEGORIES; c++)
    {
      FpCategoryTrend *t;
      gint64 sum = 0;

      if (!fp_category_is_spending (c))
        continue;

      for (guint i = 0; i < n_base; i++)
        sum = fp_sat_add (sum, ctx->month_spending[base[i]][c]);

      if (sum == 0 && ctx->month_spending[last][c] == 0)
        continue;

      t = &self->trends[self->n_trends++];
      t->category = c;
      t->month_minor = ctx->month_spending[last][c];
      t->average_minor = fp_div_round (sum, n_base);
      t->n_average_months = n_base;
      t->change_minor = t->month_minor - t->average_minor;
      t->change_percent = t->average_minor != 0 ?
        100.0 * (double) t->change_minor / (double) t->average_minor : 0.0;
    }

  for (gsize i = 0; i < self->n_trends; i++)
    sorted[i] = &self->trends[i];
  if (self->n_trends > 1)
    qsort (sorted, self->n_trends, sizeof sorted[0], cmp_change);

  scratch = g_new (double, MAX (ctx->n_merchants, 1));

  for (gsize i = 0; i < self->n_trends && self->n_changes < G_N_ELEMENTS (self->changes); i++)
    {
      FpCategoryTrend *t = (FpCategoryTrend *) sorted[i];
      gint64 abs_change = t->change_minor < 0 ? -t->change_minor : t->change_minor;
      g_autofree char *now = NULL;
      g_autofree char *avg = NULL;
      g_autofree char *diff = NULL;
      g_autofree char *sentence = NULL;

      if (abs_change < MIN_CHANGE_MINOR || abs_change < t->average_minor / 10)
        continue;

      t->top_merchant_id = top_merchant (ctx, t->category, last, base, n_base,
                                         t->change_minor, scratch);

      now = fp_ctx_money (ctx, t->month_minor);
      avg = fp_ctx_money (ctx, t->average_minor);
      diff = fp_ctx_money (ctx, abs_change);

      if (t->change_minor > 0)
        /* Translators: e.g. "You spent $420.00 on Dining in October 2026,
         * $120.00 more than your average of $300.00 over the 3 months before." */
        sentence = g_strdup_printf (_("You spent %s on %s in %s, %s more than your average of %s over the %u months before."),
                                    now, fp_category_get_display_name (t->category), month_name,
                                    diff, avg, n_base);
      else
        sentence = g_strdup_printf (_("You spent %s on %s in %s, %s less than your average of %s over the %u months before."),
                                    now, fp_category_get_display_name (t->category), month_name,
                                    diff, avg, n_base);

      if (t->top_merchant_id != 0)
        t->explanation = fp_ctx_intern (ctx, g_strdup_printf (_("%s Most of the change was at %s."), sentence,
                                                              fp_ctx_merchant_phrase (ctx, t->top_merchant_id,
                                                                                      t->category)));
      else
        t->explanation = fp_ctx_intern (ctx, g_steal_pointer (&sentence));

      self->changes[self->n_changes++] = t;
    }

  for (gsize i = 0; i < self->n_trends; i++)
    {
      FpCategoryTrend *t = &self->trends[i];
      g_autofree char *now = NULL;
      g_autofree char *avg = NULL;

      if (t->explanation != NULL)
        continue;

      now = fp_ctx_money (ctx, t->month_minor);
      avg = fp_ctx_money (ctx, t->average_minor);
      t->explanation = fp_ctx_intern (ctx, g_strdup_printf (_("%s in %s: %s, against an average of %s over the %u months before."),
                                                            fp_category_get_display_name (t->category),
                                                            month_name, now, avg, n_base));
    }

  g_free (scratch);
}
