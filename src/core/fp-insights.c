/* fp-insights.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The entry point of the insights engine. Declined attempts never enter
 * it (fp_txn_counts()). Every period ends on the newest booked transaction
 * (FpFreshness.as_of_day), not on the real day: data that stops is never
 * read as days without spending. The work is bounded by the analysis
 * window, the calendar month of that day and the 24 before it:
 *
 * 1. a counting sort of the window's transactions by day (skipped when the
 *    input is already day-sorted, as the cache returns it);
 * 2. one pass in day order that maps merchants to dense indices, sums
 *    spending per month and category, and counts per merchant;
 * 3. a stable scatter into per-merchant buckets of compact copies, so that
 *    the per-merchant stages read memory in order;
 * 4. the stages: recurring items (fp-recurring.c), income, monthly spending
 *    and trends (fp-spending.c), unusual payments (fp-anomalies.c), the
 *    forecast (fp-forecast.c), the health score (fp-health-score.c), the
 *    segment (fp-segments.c) and the recommendations.
 *
 * Nothing is allocated per transaction; integers carry the money, with
 * saturating sums; doubles only carry ratios and statistics.
 */

#define G_LOG_DOMAIN "fp-insights"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-insights-private.h"

/* 1970-01-01 to 9999-12-31 */
#define MAX_DAY 2932896

static void
setup_window (FpInsightsCtx *ctx)
{
  gint32 y, m;
  gint32 index;

  fp_day_to_date (ctx->today, &y, &m, NULL);
  index = y * 12 + (m - 1) - (FP_WINDOW_MONTHS - 1);
  for (guint i = 0; i <= FP_WINDOW_MONTHS; i++)
    {
      gint32 k = index + (gint32) i;

      ctx->month_start[i] = fp_day_from_date (k / 12, k % 12 + 1, 1);
    }

  ctx->window_start = ctx->month_start[0];
  ctx->n_days = (guint) (ctx->today - ctx->window_start + 1);
  ctx->month_of_day = g_new (guint8, ctx->n_days);
  for (guint i = 0, mo = 0; i < ctx->n_days; i++)
    {
      while (ctx->window_start + (gint32) i >= ctx->month_start[mo + 1])
        mo++;
      ctx->month_of_day[i] = (guint8) mo;
    }
}

/**
 * fp_insights_history_bounds:
 * @txns: (array length=n_txns): transactions, in any order
 * @n_txns: how many
 * @today: the real day
 * @out_first_day: (out) (optional): the oldest that counts, or %FP_DAY_NONE
 * @out_last_day: (out) (optional): the newest that counts up to @today, or
 *   %FP_DAY_NONE
 *
 * The history the dashboard's periods are made of: transactions that count
 * (fp_txn_counts()) up to @today. Every period ends on @out_last_day
 * (#FpFreshness.as_of_day); the totals of the last 30 days outside the
 * engine use it too.
 */
void
fp_insights_history_bounds (const FpTxn *txns,
                            gsize        n_txns,
                            gint32       today,
                            gint32      *out_first_day,
                            gint32      *out_last_day)
{
  gint32 first = G_MAXINT32, last = G_MININT32;

  g_return_if_fail (txns != NULL || n_txns == 0);

  for (gsize i = 0; i < n_txns; i++)
    {
      const FpTxn *t = &txns[i];

      if (t->day > today || !fp_txn_counts (t))
        continue;
      first = MIN (first, t->day);
      last = MAX (last, t->day);
    }

  if (out_first_day != NULL)
    *out_first_day = first == G_MAXINT32 ? FP_DAY_NONE : first;
  if (out_last_day != NULL)
    *out_last_day = last == G_MININT32 ? FP_DAY_NONE : last;
}

/**
 * fp_insights_stale_note:
 * @last_day: the newest booked transaction, or %FP_DAY_NONE
 * @today: the real day
 *
 * Returns: (transfer full) (nullable): "No transactions since 31 October
 *   2026: the figures are as of that day." when more than %FP_STALE_DAYS
 *   days passed since @last_day, else %NULL
 */
char *
fp_insights_stale_note (gint32 last_day,
                        gint32 today)
{
  g_autofree char *since = NULL;

  if (last_day == FP_DAY_NONE || today - last_day <= FP_STALE_DAYS)
    return NULL;
  since = fp_ctx_date (last_day);
  return g_strdup_printf (_("No transactions since %s: the figures are as of that day."), since);
}

static void
find_history (FpInsightsCtx *ctx)
{
  fp_insights_history_bounds (ctx->txns, ctx->n_txns, ctx->now, &ctx->out->first_day, &ctx->last_day);
  /* Every period ends on the newest transaction; without any, today. */
  ctx->today = ctx->last_day != FP_DAY_NONE ? ctx->last_day : ctx->now;
}

/* Counting sort of the window's transactions that count, by day, stable. */
static void
sort_window (FpInsightsCtx *ctx)
{
  guint32 *counts = g_new0 (guint32, ctx->n_days + 1);
  guint32 n = 0;
  gint32 previous = G_MININT32;
  gboolean sorted = TRUE;
  gboolean contiguous = TRUE;
  gsize first_in_window = 0;
  gsize last_in_window = 0;

  for (gsize i = 0; i < ctx->n_txns; i++)
    {
      const FpTxn *t = &ctx->txns[i];
      gint32 day = t->day;

      sorted = sorted && day >= previous;
      previous = day;
      if (day > ctx->today || day < ctx->window_start)
        continue;
      if (!fp_txn_counts (t))
        {
          /* A declined attempt inside the window breaks the run. */
          contiguous = contiguous && n == 0;
          continue;
        }
      if (n == 0)
        first_in_window = i;
      else if (i != last_in_window + 1)
        contiguous = FALSE;
      last_in_window = i;
      counts[day - ctx->window_start + 1]++;
      n++;
    }

  for (guint d = 1; d <= ctx->n_days; d++)
    counts[d] += counts[d - 1];

  ctx->day_offset = g_new (guint32, ctx->n_days + 1);
  memcpy (ctx->day_offset, counts, (ctx->n_days + 1) * sizeof (guint32));
  ctx->order = g_new (guint32, MAX (n, 1));
  ctx->n_window = n;

  /* Input sorted by day, as the cache hands it over: the window is one run. */
  if (sorted && contiguous)
    {
      for (guint32 i = 0; i < n; i++)
        ctx->order[i] = (guint32) first_in_window + i;
      g_free (counts);
      return;
    }

  for (gsize i = 0; i < ctx->n_txns; i++)
    {
      gint32 day = ctx->txns[i].day;

      if (day > ctx->today || day < ctx->window_start || !fp_txn_counts (&ctx->txns[i]))
        continue;
      ctx->order[counts[day - ctx->window_start]++] = (guint32) i;
    }

  g_free (counts);
}

/* One pass in day order: merchants, monthly sums, recent sums. */
static void
scan_window (FpInsightsCtx *ctx)
{
  guint32 capacity = 1024;
  FpMerchantInfo *merchants = g_new0 (FpMerchantInfo, capacity);
  guint32 *next;

  /* The last 90 days, or since the first transaction but at least 30 days,
   * so that a few days of history are not blown up to a month. */
  if (ctx->out->first_day != FP_DAY_NONE)
    ctx->recent_start = MIN (MAX (ctx->out->first_day, ctx->today - FP_RECENT_DAYS + 1),
                             ctx->today - FP_MIN_RECENT_DAYS + 1);
  else
    ctx->recent_start = ctx->today - FP_RECENT_DAYS + 1;
  ctx->recent_days = (guint) (ctx->today - ctx->recent_start + 1);

  fp_id_map_init (&ctx->merchant_map, 1024);
  ctx->order_merchant = g_new (guint32, MAX (ctx->n_window, 1));

  for (guint32 i = 0; i < ctx->n_window; i++)
    {
      const FpTxn *t = &ctx->txns[ctx->order[i]];
      guint mo = ctx->month_of_day[t->day - ctx->window_start];
      guint32 midx = FP_NO_MERCHANT;
      gboolean spending = fp_txn_is_spending (t);
      gboolean refund = fp_txn_is_refund (t);
      FpCategory c = FP_CATEGORY_OTHER;

      if (spending || refund)
        c = fp_mcc_category (ctx->mcc_table, t->mcc);

      if (t->merchant_id != 0 && t->merchant_id != G_MAXUINT32)
        {
          FpMerchantInfo *info;

          midx = fp_id_map_insert (&ctx->merchant_map, t->merchant_id);
          if (midx >= capacity)
            {
              merchants = g_renew (FpMerchantInfo, merchants, capacity * 2);
              memset (merchants + capacity, 0, capacity * sizeof (FpMerchantInfo));
              capacity *= 2;
            }

          /* In day order, so the last seen is the latest. */
          info = &merchants[midx];
          info->n_txns++;
          info->merchant_id = t->merchant_id;
          info->account_id = t->account_id;
          if (spending)
            {
              info->category = c;
              info->n_out++;
            }
          else if (fp_txn_is_inflow (t))
            {
              info->n_in++;
            }
        }
      ctx->order_merchant[i] = midx;

      if (spending || refund)
        {
          /* Money out adds to its category; a refund takes from it, in
           * the month it comes back. */
          gint64 v = spending ? fp_neg_sat (t->amount_minor) : -t->amount_minor;

          ctx->month_spending[mo][c] = fp_sat_add (ctx->month_spending[mo][c], v);
          if (t->day >= ctx->recent_start)
            ctx->recent_category[c] = fp_sat_add (ctx->recent_category[c], v);
        }
      else if (fp_txn_is_inflow (t))
        {
          if (t->flags & FP_TXN_INCOME_HINT)
            {
              ctx->month_income_hint[mo] = fp_sat_add (ctx->month_income_hint[mo], t->amount_minor);
              if (t->day >= ctx->recent_start)
                ctx->recent_income = fp_sat_add (ctx->recent_income, t->amount_minor);
            }
          else
            {
              ctx->month_inflows[mo] = fp_sat_add (ctx->month_inflows[mo], t->amount_minor);
            }
        }
    }

  ctx->n_merchants = ctx->merchant_map.n;
  ctx->merchants = merchants;
  ctx->merchant_offset = g_new (guint32, ctx->n_merchants + 1);
  ctx->merchant_offset[0] = 0;
  for (guint32 m = 0; m < ctx->n_merchants; m++)
    {
      ctx->merchant_offset[m + 1] = ctx->merchant_offset[m] + merchants[m].n_txns;
      if (merchants[m].n_out == 0)
        merchants[m].category = FP_CATEGORY_OTHER;
    }

  /* Scatter into merchant buckets; stable, so each stays day-sorted. */
  ctx->merchant_txns = g_new (FpMerchantTxn, MAX (ctx->merchant_offset[ctx->n_merchants], 1));
  next = g_memdup2 (ctx->merchant_offset, (ctx->n_merchants + 1) * sizeof (guint32));
  for (guint32 i = 0; i < ctx->n_window; i++)
    {
      guint32 midx = ctx->order_merchant[i];

      const FpTxn *t;
      FpMerchantTxn *mt;

      if (midx == FP_NO_MERCHANT)
        continue;

      t = &ctx->txns[ctx->order[i]];
      mt = &ctx->merchant_txns[next[midx]++];
      mt->day = t->day;
      mt->amount_minor = t->amount_minor;
      mt->index_flags = ctx->order[i] |
                        ((t->flags & FP_TXN_TRANSFER) ? FP_MT_TRANSFER : 0) |
                        ((t->flags & FP_TXN_INCOME_HINT) ? FP_MT_INCOME_HINT : 0) |
                        (fp_txn_is_refund (t) ? FP_MT_REFUND : 0);
    }

  g_free (next);
}

static void
coverage (FpCoverage *out,
          gint32      first_day,
          gint32      last_day,
          gint32      history_start)
{
  if (first_day == FP_DAY_NONE || last_day == FP_DAY_NONE || last_day < first_day)
    {
      out->first_day = out->last_day = FP_DAY_NONE;
      out->n_days = 0;
      out->complete = FALSE;
      return;
    }
  out->first_day = first_day;
  out->last_day = last_day;
  out->n_days = (guint) (last_day - first_day + 1);
  out->complete = history_start != FP_DAY_NONE && history_start <= first_day;
}

static void
freshness (FpInsightsCtx *ctx)
{
  FpFreshness *f = &ctx->out->freshness;

  f->today = ctx->now;
  f->first_day = ctx->out->first_day;
  f->last_day = ctx->last_day;
  f->as_of_day = ctx->today;
  f->days_without_data = ctx->last_day != FP_DAY_NONE ? (guint) (ctx->now - ctx->last_day) : 0;
  f->stale = f->days_without_data > FP_STALE_DAYS;
  if (f->stale)
    f->note = fp_ctx_intern (ctx, fp_insights_stale_note (ctx->last_day, ctx->now));
  coverage (&f->recent, ctx->recent_start, ctx->today, f->first_day);
}

void
fp_insights_coverage (FpCoverage *out,
                      gint32      first_day,
                      gint32      last_day,
                      gint32      history_start)
{
  coverage (out, first_day, last_day, history_start);
}

static void
balances (FpInsightsCtx *ctx)
{
  FpDashboard *self = ctx->out;
  g_autofree char *net = NULL;
  g_autofree char *liquid = NULL;

  fp_id_map_init (&ctx->current_accounts, ctx->n_accounts);
  for (gsize i = 0; i < ctx->n_accounts; i++)
    {
      const FpAccountSnapshot *a = &ctx->accounts[i];

      self->net_worth_minor = fp_sat_add (self->net_worth_minor, a->balance_minor);
      if (a->kind == FP_ACCOUNT_CURRENT || a->kind == FP_ACCOUNT_SAVINGS)
        self->liquid_minor = fp_sat_add (self->liquid_minor, a->balance_minor);
      if (a->kind == FP_ACCOUNT_CURRENT && a->account_id != G_MAXUINT32)
        {
          fp_id_map_insert (&ctx->current_accounts, a->account_id);
          ctx->n_current++;
        }
    }

  net = fp_ctx_money (ctx, self->net_worth_minor);
  liquid = fp_ctx_money (ctx, self->liquid_minor);
  self->balances_explanation =
    fp_ctx_intern (ctx, g_strdup_printf (_("Net worth %s is the sum of the balances of all %u accounts, "
                                           "debts counted as negative. Cash at hand %s is the sum of "
                                           "current and savings accounts."),
                                         net, (guint) ctx->n_accounts, liquid));
}

static gboolean
validate (const FpTxn              *txns,
          gsize                     n_txns,
          const FpAccountSnapshot  *accounts,
          gsize                     n_accounts,
          gint32                    today,
          GError                  **error)
{
  if (today < 0 || today > MAX_DAY)
    {
      g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                   "The date %d is out of range", today);
      return FALSE;
    }

  if ((n_txns > 0 && txns == NULL) || (n_accounts > 0 && accounts == NULL))
    {
      g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                           "Missing transactions or accounts");
      return FALSE;
    }

  if (n_txns > FP_MAX_TXNS)
    {
      g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_OVERFLOW,
                           "Too many transactions");
      return FALSE;
    }

  return TRUE;
}

static void
ctx_clear (FpInsightsCtx *ctx)
{
  g_free (ctx->month_of_day);
  g_free (ctx->order);
  g_free (ctx->day_offset);
  g_free (ctx->order_merchant);
  g_free (ctx->merchants);
  g_free (ctx->merchant_offset);
  g_free (ctx->merchant_txns);
  fp_id_map_clear (&ctx->merchant_map);
  fp_id_map_clear (&ctx->current_accounts);
}

/**
 * fp_dashboard_compute:
 * @txns: (array length=n_txns): the cached transactions, in any order
 * @n_txns: how many
 * @accounts: (array length=n_accounts): today's balances
 * @n_accounts: how many
 * @model: (nullable): the bank's model, %NULL for the built-in one
 * @options: (nullable): currency, risk threshold and merchant names
 * @today: the day to compute the dashboard for, days since 1970-01-01
 * @error: return location for an error
 *
 * Computes every figure of the personalized dashboard. Pure and
 * deterministic: the same inputs give the same dashboard. Transactions after
 * @today are ignored, and so are declined attempts (fp_txn_counts()).
 * Periods end on the newest transaction (see #FpFreshness); the forecast
 * starts on @today from the accounts' balances.
 *
 * Returns: (transfer full): the dashboard, or %NULL with @error set
 */
FpDashboard *
fp_dashboard_compute (const FpTxn              *txns,
                      gsize                     n_txns,
                      const FpAccountSnapshot  *accounts,
                      gsize                     n_accounts,
                      const FpInsightsModel    *model,
                      const FpInsightsOptions  *options,
                      gint32                    today,
                      GError                  **error)
{
  static const FpInsightsOptions default_options = { NULL, 0, NULL, NULL };
  FpInsightsCtx *ctx;
  FpDashboard *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!validate (txns, n_txns, accounts, n_accounts, today, error))
    return NULL;

  if (model == NULL)
    model = fp_insights_model_get_default ();
  else if (!fp_insights_model_validate (model, error))
    return NULL;

  self = g_new0 (FpDashboard, 1);
  self->strings = g_string_chunk_new (4096);
  self->today = today;
  self->model_id = g_strdup (model->model_id);
  self->recurring = g_array_new (FALSE, TRUE, sizeof (FpRecurring));
  self->overlaps = g_array_new (FALSE, TRUE, sizeof (FpOverlap));
  self->overlap_items = g_ptr_array_new_with_free_func (g_free);
  self->anomalies = g_array_new (FALSE, TRUE, sizeof (FpAnomaly));
  self->recommendations = g_array_new (FALSE, TRUE, sizeof (FpRecommendation));

  ctx = g_new0 (FpInsightsCtx, 1);
  ctx->txns = txns;
  ctx->n_txns = n_txns;
  ctx->accounts = accounts;
  ctx->n_accounts = n_accounts;
  ctx->model = model;
  ctx->options = options != NULL ? options : &default_options;
  ctx->now = today;
  ctx->out = self;
  memcpy (ctx->health_weights, model->health_weights, sizeof ctx->health_weights);
  ctx->mcc_table = fp_category_table ();

  find_history (ctx);
  setup_window (ctx);
  sort_window (ctx);
  scan_window (ctx);
  freshness (ctx);
  balances (ctx);

  fp_insights_recurring (ctx);
  fp_insights_income (ctx);
  fp_insights_spending (ctx);
  fp_insights_trends (ctx);
  fp_insights_anomalies (ctx);
  fp_insights_forecast (ctx);
  fp_insights_health (ctx);
  fp_insights_segment (ctx);
  fp_insights_recommendations (ctx);

  ctx_clear (ctx);
  g_free (ctx);

  return self;
}

void
fp_dashboard_free (FpDashboard *self)
{
  if (self == NULL)
    return;

  g_string_chunk_free (self->strings);
  g_free (self->model_id);
  g_array_unref (self->recurring);
  g_array_unref (self->overlaps);
  g_ptr_array_unref (self->overlap_items);
  g_array_unref (self->anomalies);
  g_array_unref (self->recommendations);
  g_free (self->forecast_values);
  g_free (self);
}

gint32
fp_dashboard_get_today (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, FP_DAY_NONE);
  return self->today;
}

/* The day of the oldest transaction, FP_DAY_NONE without any. */
gint32
fp_dashboard_get_first_day (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, FP_DAY_NONE);
  return self->first_day;
}

/* When the data ends and the period of each figure. */
const FpFreshness *
fp_dashboard_get_freshness (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->freshness;
}

/* Whether there is a health score, and if not why and from when. */
const FpAvailability *
fp_dashboard_get_health_availability (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->health_availability;
}

/* Whether there is a segment ("people like you"), and if not why. */
const FpAvailability *
fp_dashboard_get_segment_availability (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->segment_availability;
}

gint64
fp_dashboard_get_net_worth (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->net_worth_minor;
}

gint64
fp_dashboard_get_liquid (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->liquid_minor;
}

const char *
fp_dashboard_get_balances_explanation (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->balances_explanation;
}

gint64
fp_dashboard_get_monthly_income (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->monthly_income_minor;
}

gint64
fp_dashboard_get_monthly_spending (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->monthly_spending_minor;
}

const char *
fp_dashboard_get_income_explanation (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->income_explanation;
}

const char *
fp_dashboard_get_spending_explanation (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->spending_explanation;
}

/* How the monthly summaries are computed. */
const char *
fp_dashboard_get_months_explanation (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return _("Money out per calendar month, in each payment's category from its merchant category code, without "
           "transfers between your own accounts and without declined payments; a refund is subtracted from its "
           "category in the month it comes back. Income is money in that the bank marks as salary or pension or "
           "that comes regularly from the same payer; other money in is shown apart. A month the data covers only "
           "in part is marked as partial, and months after the data stops are not shown.");
}

/* The current month and up to 12 before it, oldest first. */
const FpMonthSummary *
fp_dashboard_get_months (const FpDashboard *self,
                         gsize             *n_months)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_months != NULL, NULL);
  *n_months = self->n_months;
  return self->months;
}

const FpCategoryTrend *
fp_dashboard_get_trends (const FpDashboard *self,
                         gsize             *n_trends)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_trends != NULL, NULL);
  *n_trends = self->n_trends;
  return self->trends;
}

const FpCategoryTrend *const *
fp_dashboard_get_largest_changes (const FpDashboard *self,
                                  gsize             *n_changes)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_changes != NULL, NULL);
  *n_changes = self->n_changes;
  return self->changes;
}

const FpRecurring *
fp_dashboard_get_recurring (const FpDashboard *self,
                            gsize             *n_recurring)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_recurring != NULL, NULL);
  *n_recurring = self->recurring->len;
  return (const FpRecurring *) (gpointer) self->recurring->data;
}

const FpOverlap *
fp_dashboard_get_overlaps (const FpDashboard *self,
                           gsize             *n_overlaps)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_overlaps != NULL, NULL);
  *n_overlaps = self->overlaps->len;
  return (const FpOverlap *) (gpointer) self->overlaps->data;
}

const FpAnomaly *
fp_dashboard_get_anomalies (const FpDashboard *self,
                            gsize             *n_anomalies)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_anomalies != NULL, NULL);
  *n_anomalies = self->anomalies->len;
  return (const FpAnomaly *) (gpointer) self->anomalies->data;
}

const FpForecast *
fp_dashboard_get_forecast (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->forecast;
}

/* The score, 0 to 100; -1 when there is none (see
 * fp_dashboard_get_health_availability()). */
int
fp_dashboard_get_health_score (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->health_availability.available ? self->health_score : -1;
}

const FpHealthInputs *
fp_dashboard_get_health_inputs (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->health_inputs;
}

const FpHealthComponentScore *
fp_dashboard_get_health_components (const FpDashboard *self,
                                    gsize             *n_components)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_components != NULL, NULL);
  *n_components = FP_HEALTH_N_COMPONENTS;
  return self->components;
}

/* The components' actions that raise the score, best first. */
const FpHealthAction *const *
fp_dashboard_get_health_plan (const FpDashboard *self,
                              gsize             *n_actions)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_actions != NULL, NULL);
  *n_actions = self->n_plan;
  return self->plan;
}

const FpRecommendation *
fp_dashboard_get_recommendations (const FpDashboard *self,
                                  gsize             *n_recommendations)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_recommendations != NULL, NULL);
  *n_recommendations = self->recommendations->len;
  return (const FpRecommendation *) (gpointer) self->recommendations->data;
}

const FpSegmentMatch *
fp_dashboard_get_segment (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->segment;
}

const char *
fp_dashboard_get_model_id (const FpDashboard *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->model_id;
}

const char *
fp_period_get_id (FpPeriod period)
{
  static const char *ids[] = { "weekly", "biweekly", "monthly", "quarterly", "yearly" };

  g_return_val_if_fail ((guint) period < G_N_ELEMENTS (ids), NULL);
  return ids[period];
}

const char *
fp_anomaly_kind_get_id (FpAnomalyKind kind)
{
  static const char *ids[] = { "fraud", "card-compromised", "merchant-outlier",
                               "category-outlier", "duplicate" };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (ids), NULL);
  return ids[kind];
}

const char *
fp_recommendation_kind_get_id (FpRecommendationKind kind)
{
  static const char *ids[] = { "overlapping-subscriptions", "price-rise",
                               "category-above-average", "category-above-segment",
                               "idle-cash", "expensive-debt" };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (ids), NULL);
  return ids[kind];
}
