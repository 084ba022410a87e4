/* fp-recommendations.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Savings and expense-optimization advice built on the other figures, each
 * with its monthly saving and, for advice that lowers spending, the health
 * score points it is worth, by re-scoring.
 */

#define G_LOG_DOMAIN "fp-insights"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-format.h"
#include "fp-insights-private.h"

/* Debt above this rate is worth paying first. */
#define EXPENSIVE_APR_BPS 1500

/* All but one month of spending, in whole units. */
static gint64
whole_move (gint64 current,
            gint64 monthly_spending)
{
  return (current - monthly_spending) / 100 * 100;
}

static int
rescore_saving (FpInsightsCtx *ctx,
                gint64         monthly_saving)
{
  FpHealthInputs after = ctx->out->health_inputs;

  if (!ctx->out->health_availability.available)
    return 0;

  after.monthly_spending_minor = fp_sat_add (after.monthly_spending_minor, -monthly_saving);
  return fp_health_score_points (&after, ctx->health_weights, NULL, NULL) - ctx->out->health_score;
}

/* What links a recommendation to the transactions behind it. */
typedef struct {
  guint32 merchant_id;
  guint32 account_id;
  gint32  first_day;
  gint32  last_day;
} Link;

static void
add (FpInsightsCtx        *ctx,
     FpRecommendationKind  kind,
     FpCategory            category,
     const Link           *link,
     gint64                saving,
     gboolean              lowers_spending,
     char                 *text,
     char                 *explanation)
{
  FpRecommendation r = { 0 };

  r.kind = kind;
  r.category = category;
  r.monthly_saving_minor = saving;
  r.points = lowers_spending ? rescore_saving (ctx, saving) : 0;
  r.text = fp_ctx_intern (ctx, text);
  r.explanation = fp_ctx_intern (ctx, explanation);
  r.merchant_id = link->merchant_id;
  r.account_id = link->account_id;
  r.first_day = link->first_day;
  r.last_day = link->last_day;
  g_array_append_val (ctx->out->recommendations, r);
}

static void
subscriptions (FpInsightsCtx *ctx)
{
  FpDashboard *self = ctx->out;
  const FpRecurring *rec = (const FpRecurring *) (gpointer) self->recurring->data;
  const FpOverlap *ov = (const FpOverlap *) (gpointer) self->overlaps->data;

  for (guint i = 0; i < self->overlaps->len; i++)
    {
      const FpRecurring *keep = NULL;
      gint64 saving;
      g_autofree char *saving_text = NULL;
      g_autofree char *total_text = NULL;
      /* The subscriptions' category over the recent period. */
      Link link = { 0, 0, ctx->recent_start, ctx->today };

      for (guint j = 0; j < ov[i].n_items; j++)
        {
          const FpRecurring *r = &rec[ov[i].items[j]];

          if (keep == NULL || fp_neg_sat (r->monthly_minor) > fp_neg_sat (keep->monthly_minor))
            keep = r;
        }

      saving = ov[i].monthly_minor - fp_neg_sat (keep->monthly_minor);
      saving_text = fp_ctx_money (ctx, saving);
      total_text = fp_ctx_money (ctx, ov[i].monthly_minor);
      add (ctx, FP_RECOMMENDATION_OVERLAPPING_SUBSCRIPTIONS, ov[i].category, &link, saving, TRUE,
           g_strdup_printf (_("You have %u subscriptions in %s. Keeping only %s saves %s a month."),
                            ov[i].n_items, fp_category_get_display_name (ov[i].category),
                            keep->merchant_name, saving_text),
           g_strdup_printf (_("Together they cost %s a month; the saving is that minus the most expensive one, "
                              "each converted to a monthly amount."),
                            total_text));
    }

  for (guint i = 0; i < self->recurring->len; i++)
    {
      const FpRecurring *r = &rec[i];
      gint64 per_year[] = { 52, 26, 12, 4, 1 };
      static const gint32 period_days[] = { 8, 16, 35, 98, 380 };
      gint64 diff, saving;
      g_autofree char *before = NULL;
      g_autofree char *now = NULL;
      g_autofree char *since = NULL;
      g_autofree char *saving_text = NULL;
      Link link = { r->merchant_id, r->account_id, FP_DAY_NONE, r->last_day };

      if (!r->price_rise)
        continue;

      /* From the last payment at the old price (at most one period of its
       * rhythm before the rise) to the latest. */
      link.first_day = r->rise_day - period_days[r->period];

      diff = r->previous_amount_minor - r->last_amount_minor;
      saving = fp_mul_div_round (diff, per_year[r->period], 12);
      before = fp_ctx_money (ctx, fp_neg_sat (r->previous_amount_minor));
      now = fp_ctx_money (ctx, fp_neg_sat (r->last_amount_minor));
      since = fp_ctx_date (r->rise_day);
      saving_text = fp_ctx_money (ctx, saving);
      add (ctx, FP_RECOMMENDATION_PRICE_RISE, r->category, &link, saving, TRUE,
           g_strdup_printf (_("%s went up from %s to %s on %s. A cheaper plan or cancelling would save at least "
                              "%s a month."),
                            r->merchant_name, before, now, since, saving_text),
           g_strdup (_("The difference of each payment, converted to a monthly amount.")));
    }
}

static void
categories (FpInsightsCtx *ctx)
{
  FpDashboard *self = ctx->out;
  const FpSegment *segment = self->segment.segment;

  for (gsize i = 0; i < self->n_changes; i++)
    {
      const FpCategoryTrend *t = self->changes[i];
      g_autofree char *change = NULL;
      g_autofree char *month = NULL;
      /* The month behind it, in the category. */
      Link link = { 0, 0, self->freshness.trend_month.first_day, self->freshness.trend_month.last_day };

      if (t->change_minor <= 0)
        continue;

      change = fp_ctx_money (ctx, t->change_minor);
      month = fp_ctx_month_name (link.first_day);
      /* Translators: "Your Dining spending in October 2026 was $300.00
       * above your own average. …" */
      add (ctx, FP_RECOMMENDATION_CATEGORY_ABOVE_AVERAGE, t->category, &link, t->change_minor, TRUE,
           g_strdup_printf (_("Your %s spending in %s was %s above your own average. Going back to your "
                              "average saves %s a month."),
                            fp_category_get_display_name (t->category), month, change, change),
           g_strdup (t->explanation));
    }

  if (segment == NULL)
    return;

  for (guint c = 0; c < FP_N_CATEGORIES; c++)
    {
      gint64 own, typical;
      g_autofree char *own_text = NULL;
      g_autofree char *typical_text = NULL;
      g_autofree char *saving_text = NULL;
      Link link = { 0, 0, ctx->recent_start, ctx->today };

      if (!fp_category_is_discretionary (c))
        continue;

      own = fp_ctx_per_month (ctx, ctx->recent_category[c]);
      typical = segment->typical_category_minor[c];
      /* More than 20% and 20.00 above what is typical. */
      if (typical <= 0 || own - typical < 2000 || (double) own <= 1.2 * (double) typical)
        continue;

      own_text = fp_ctx_money (ctx, own);
      typical_text = fp_ctx_money (ctx, typical);
      saving_text = fp_ctx_money (ctx, own - typical);
      add (ctx, FP_RECOMMENDATION_CATEGORY_ABOVE_SEGMENT, c, &link, own - typical, TRUE,
           g_strdup_printf (_("You spend %s a month on %s; customers like you (%s) typically spend %s. Spending "
                              "like them saves %s a month."),
                            own_text, fp_category_get_display_name (c), _(segment->name), typical_text,
                            saving_text),
           g_strdup_printf (_("Your spending in the category over the last %u days scaled to a month, against "
                              "the typical figure of your group in the bank's model."),
                            ctx->recent_days));
    }
}

static void
balances (FpInsightsCtx *ctx)
{
  FpDashboard *self = ctx->out;
  gint64 current = 0;
  gint32 apr = ctx->model->savings_apr_bps;
  guint32 current_account = 0;
  guint n_current = 0;

  for (gsize i = 0; i < ctx->n_accounts; i++)
    {
      const FpAccountSnapshot *a = &ctx->accounts[i];

      if (a->kind == FP_ACCOUNT_CURRENT)
        {
          current = fp_sat_add (current, a->balance_minor);
          current_account = a->account_id;
          n_current++;
        }

      if ((a->kind == FP_ACCOUNT_CREDIT_CARD || a->kind == FP_ACCOUNT_LOAN) &&
          a->balance_minor < 0 && a->apr_bps >= EXPENSIVE_APR_BPS)
        {
          gint64 owed = fp_neg_sat (a->balance_minor);
          gint64 interest = fp_mul_div_round (owed, a->apr_bps, 120000);
          g_autofree char *owed_text = fp_ctx_money (ctx, owed);
          g_autofree char *interest_text = fp_ctx_money (ctx, interest);
          g_autofree char *rate = fp_ctx_percent (a->apr_bps / 10000.0, 2);
          Link link = { 0, a->account_id, FP_DAY_NONE, FP_DAY_NONE };

          add (ctx, FP_RECOMMENDATION_EXPENSIVE_DEBT, FP_CATEGORY_FEES, &link, interest, FALSE,
               g_strdup_printf (a->kind == FP_ACCOUNT_LOAN ?
                                _("Your loan of %s costs %s a year, about %s a month in interest. Pay it "
                                  "down first.") :
                                _("Your credit card balance of %s costs %s a year, about %s a month in "
                                  "interest. Pay it down first."),
                                owed_text, rate, interest_text),
               g_strdup (_("The balance times the yearly rate divided by 12.")));
        }
    }

  /* Advice on spending needs a spending figure one can trust. */
  if (apr > 0 && self->monthly_spending_minor > 0 && self->health_availability.available &&
      current > fp_mul_div_round (self->monthly_spending_minor, 2, 1))
    {
      gint64 move = whole_move (current, self->monthly_spending_minor);
      gint64 earn = fp_mul_div_round (move, apr, 120000);
      g_autofree char *move_text = fp_ctx_money (ctx, move);
      g_autofree char *earn_text = fp_ctx_money (ctx, earn);
      g_autofree char *rate = fp_ctx_percent (apr / 10000.0, 2);
      /* The current account, when there is one; its recent transactions. */
      Link link = { 0, n_current == 1 ? current_account : 0, ctx->recent_start, ctx->today };

      if (earn > 0)
        add (ctx, FP_RECOMMENDATION_IDLE_CASH, FP_CATEGORY_OTHER, &link, earn, FALSE,
             g_strdup_printf (_("Move %s you do not need this month from your current account to savings at "
                                "%s: about %s a month in interest."),
                              move_text, rate, earn_text),
             g_strdup (_("Your current accounts hold more than two months of spending; one month stays. The "
                         "interest is the amount times the yearly rate divided by 12.")));
    }
}

static int
cmp_recommendation (gconstpointer a,
                    gconstpointer b)
{
  const FpRecommendation *x = a;
  const FpRecommendation *y = b;

  if (x->monthly_saving_minor != y->monthly_saving_minor)
    return x->monthly_saving_minor > y->monthly_saving_minor ? -1 : 1;
  if (x->kind != y->kind)
    return (int) x->kind - (int) y->kind;
  return (int) x->category - (int) y->category;
}

void
fp_insights_recommendations (FpInsightsCtx *ctx)
{
  subscriptions (ctx);
  categories (ctx);
  balances (ctx);
  g_array_sort (ctx->out->recommendations, cmp_recommendation);
}
