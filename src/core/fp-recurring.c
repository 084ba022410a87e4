/* fp-recurring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recurring payments, subscriptions and regular income, detected per
 * merchant from the intervals between its payments; overlapping
 * subscriptions; and income detection, which builds on them.
 */

#define G_LOG_DOMAIN "fp-insights"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-insights-private.h"

/* Only the most recent payments of a merchant decide its rhythm. */
#define MAX_SERIES 24

typedef struct {
  FpPeriod period;
  gint32 lo;          /* intervals from lo to hi days fit the period */
  gint32 hi;
  guint min_count;    /* payments needed */
  int months;         /* calendar step, or 0 for days */
  gint32 days;
  gint64 per_year;
  const char *name;
} PeriodRule;

static const PeriodRule rules[] = {
  { FP_PERIOD_WEEKLY,    6,   8,   4, 0,  7,   52, N_("every week") },
  { FP_PERIOD_BIWEEKLY,  12,  16,  3, 0,  14,  26, N_("every two weeks") },
  { FP_PERIOD_MONTHLY,   26,  35,  3, 1,  0,   12, N_("every month") },
  { FP_PERIOD_QUARTERLY, 84,  98,  3, 3,  0,   4,  N_("every quarter") },
  { FP_PERIOD_YEARLY,    350, 380, 2, 12, 0,   1,  N_("every year") },
};

/* Categories in which two subscriptions likely do the same job. */
static gboolean
overlap_category (FpCategory c)
{
  return c == FP_CATEGORY_ENTERTAINMENT || c == FP_CATEGORY_SERVICES ||
         c == FP_CATEGORY_SHOPPING || c == FP_CATEGORY_EDUCATION ||
         c == FP_CATEGORY_OTHER;
}

typedef struct {
  gint32 day;
  gint64 amount;
  guint32 index;
} Occurrence;

static const PeriodRule *
classify (const Occurrence *s,
          guint             k,
          guint            *out_count)
{
  gint64 intervals[MAX_SERIES];
  gint64 median;
  const PeriodRule *rule = NULL;
  guint run = 0;

  if (k < 2)
    return NULL;

  for (guint i = 0; i + 1 < k; i++)
    intervals[i] = s[i + 1].day - s[i].day;

  median = fp_median_i64 (intervals, k - 1);
  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    if (median >= rules[r].lo && median <= rules[r].hi)
      rule = &rules[r];

  if (rule == NULL)
    return NULL;

  /* The regular streak: trailing intervals that fit the period. */
  for (guint i = k - 1; i > 0; i--)
    {
      gint32 d = s[i].day - s[i - 1].day;

      if (d < rule->lo || d > rule->hi)
        break;
      run++;
    }

  if (run + 1 < rule->min_count)
    return NULL;

  *out_count = run + 1;
  return rule;
}

/* Collects the last MAX_SERIES payments of one direction, oldest first. */
static guint
collect (FpInsightsCtx *ctx,
         guint32        m,
         gboolean       incoming,
         Occurrence    *s)
{
  guint k = 0;
  /* Stop once all of this direction are found. */
  guint wanted = MIN (MAX_SERIES, incoming ? ctx->merchants[m].n_in : ctx->merchants[m].n_out);

  for (guint32 i = ctx->merchant_offset[m + 1]; i > ctx->merchant_offset[m] && k < wanted; i--)
    {
      const FpMerchantTxn *t = &ctx->merchant_txns[i - 1];

      /* Refunds are neither income nor payments. */
      if ((t->index_flags & (FP_MT_TRANSFER | FP_MT_REFUND)) || t->amount_minor == 0 ||
          (t->amount_minor > 0) != incoming)
        continue;

      s[k].day = t->day;
      s[k].amount = t->amount_minor;
      s[k].index = t->index_flags & FP_MT_INDEX_MASK;
      k++;
    }

  for (guint i = 0; i < k / 2; i++)
    {
      Occurrence tmp = s[i];

      s[i] = s[k - 1 - i];
      s[k - 1 - i] = tmp;
    }

  return k;
}

static gboolean
detect (FpInsightsCtx *ctx,
        guint32        m,
        gboolean       incoming,
        FpRecurring   *out,
        gboolean      *out_active)
{
  Occurrence s[MAX_SERIES];
  const Occurrence *streak;
  const PeriodRule *rule;
  guint k, n = 0, changes = 0, change_at = 0;
  const Occurrence *last;

  if ((incoming ? ctx->merchants[m].n_in : ctx->merchants[m].n_out) < 2)
    return FALSE;

  k = collect (ctx, m, incoming, s);
  rule = classify (s, k, &n);
  if (rule == NULL)
    return FALSE;

  streak = s + (k - n);
  last = &s[k - 1];
  for (guint i = 1; i < n; i++)
    {
      if (streak[i].amount != streak[i - 1].amount)
        {
          changes++;
          change_at = i;
        }
    }

  memset (out, 0, sizeof *out);
  out->merchant_id = ctx->merchants[m].merchant_id;
  out->account_id = ctx->txns[last->index].account_id;
  out->category = incoming ? FP_CATEGORY_INCOME : ctx->merchants[m].category;
  out->period = rule->period;
  out->n_occurrences = n;
  out->last_day = last->day;
  out->last_amount_minor = last->amount;
  out->is_income = incoming;
  out->is_subscription = !incoming && changes <= 1;
  out->rise_day = FP_DAY_NONE;

  if (out->is_subscription)
    {
      out->next_amount_minor = last->amount;
      if (changes == 1 && streak[change_at].amount < streak[change_at - 1].amount &&
          streak[change_at].day > ctx->today - FP_BASELINE_DAYS)
        {
          /* Money out is negative: a lower amount is a higher price. */
          out->price_rise = TRUE;
          out->previous_amount_minor = streak[change_at - 1].amount;
          out->rise_day = streak[change_at].day;
        }
    }
  else
    {
      gint64 lastn[3];
      guint c = MIN (n, 3);

      for (guint i = 0; i < c; i++)
        lastn[i] = streak[n - c + i].amount;
      out->next_amount_minor = fp_median_i64 (lastn, c);
    }

  if (rule->months > 0)
    out->next_day = fp_day_add_months (last->day, rule->months);
  else
    out->next_day = last->day + rule->days;

  out->monthly_minor = fp_mul_div_round (out->next_amount_minor, rule->per_year, 12);
  *out_active = ctx->today - last->day <= rule->hi;

  return TRUE;
}

static void
explain (FpInsightsCtx *ctx,
         FpRecurring   *r)
{
  const PeriodRule *rule = &rules[r->period];
  g_autofree char *last_date = fp_ctx_date (r->last_day);
  g_autofree char *next_date = fp_ctx_date (r->next_day);
  g_autofree char *last_amount = fp_ctx_money (ctx, r->last_amount_minor);
  g_autofree char *next_amount = fp_ctx_money (ctx, r->next_amount_minor);
  g_autofree char *text = NULL;

  r->merchant_name = fp_ctx_merchant_name (ctx, r->merchant_id, r->category);

  /* Translators: "The last 6 payments with Netflix came every month
   * (intervals of 26 to 35 days), the last on 3 November 2026 for
   * −$15.99." */
  text = g_strdup_printf (_("The last %u payments with %s came %s (intervals of %d to %d days), the last on %s "
                            "for %s. The next is expected on %s for %s."),
                          r->n_occurrences, fp_ctx_merchant_phrase (ctx, r->merchant_id, r->category),
                          _(rule->name), rule->lo, rule->hi, last_date, last_amount, next_date, next_amount);

  if (r->price_rise)
    {
      g_autofree char *before = fp_ctx_money (ctx, r->previous_amount_minor);
      g_autofree char *since = fp_ctx_date (r->rise_day);
      char *more = g_strdup_printf (_("%s The amount changed from %s to %s on %s."), text, before,
                                    last_amount, since);

      g_free (text);
      text = more;
    }
  else if (!r->is_subscription && !r->is_income)
    {
      char *more = g_strdup_printf (_("%s The amount varies; the expected one is the median of the last three."),
                                    text);

      g_free (text);
      text = more;
    }

  r->explanation = fp_ctx_intern (ctx, g_steal_pointer (&text));
}

static int
cmp_recurring (gconstpointer a,
               gconstpointer b)
{
  const FpRecurring *x = a;
  const FpRecurring *y = b;

  if (x->next_day != y->next_day)
    return x->next_day < y->next_day ? -1 : 1;
  if (x->merchant_id != y->merchant_id)
    return x->merchant_id < y->merchant_id ? -1 : 1;
  return (int) x->is_income - (int) y->is_income;
}

static void
overlaps (FpInsightsCtx *ctx)
{
  FpDashboard *self = ctx->out;
  const FpRecurring *rec = (const FpRecurring *) (gpointer) self->recurring->data;

  for (guint c = 0; c < FP_N_CATEGORIES; c++)
    {
      g_autoptr(GString) names = NULL;
      g_autofree char *total = NULL;
      FpOverlap o = { 0 };
      guint *items;
      guint n = 0;

      if (!overlap_category (c))
        continue;

      for (guint i = 0; i < self->recurring->len; i++)
        if (rec[i].is_subscription && rec[i].category == c)
          n++;

      if (n < 2)
        continue;

      items = g_new (guint, n);
      names = g_string_new (NULL);
      for (guint i = 0; i < self->recurring->len; i++)
        {
          if (!rec[i].is_subscription || rec[i].category != c)
            continue;
          if (o.n_items > 0)
            g_string_append (names, ", ");
          g_string_append (names, rec[i].merchant_name);
          items[o.n_items++] = i;
          o.monthly_minor = fp_sat_add (o.monthly_minor, fp_neg_sat (rec[i].monthly_minor));
        }

      g_ptr_array_add (self->overlap_items, items);
      o.items = items;
      o.category = c;
      total = fp_ctx_money (ctx, o.monthly_minor);
      o.explanation = fp_ctx_intern (ctx, g_strdup_printf (_("You pay %u subscriptions in %s: %s. Together they cost %s a month."),
                                                           o.n_items, fp_category_get_display_name (c),
                                                           names->str, total));
      g_array_append_val (self->overlaps, o);
    }
}

void
fp_insights_recurring (FpInsightsCtx *ctx)
{
  FpDashboard *self = ctx->out;
  FpRecurring *rec;

  for (guint32 m = 0; m < ctx->n_merchants; m++)
    {
      for (int incoming = 0; incoming <= 1; incoming++)
        {
          FpRecurring r;
          gboolean active = FALSE;

          if (!detect (ctx, m, incoming, &r, &active))
            continue;

          if (incoming)
            ctx->merchants[m].income = TRUE;
          if (active)
            g_array_append_val (self->recurring, r);
        }
    }

  g_array_sort (self->recurring, cmp_recurring);

  rec = (FpRecurring *) (gpointer) self->recurring->data;
  for (guint i = 0; i < self->recurring->len; i++)
    {
      guint32 m = fp_id_map_lookup (&ctx->merchant_map, rec[i].merchant_id);

      if (rec[i].is_income)
        ctx->merchants[m].recurring_in = i + 1;
      else
        ctx->merchants[m].recurring_out = i + 1;
      explain (ctx, &rec[i]);
    }

  overlaps (ctx);
}

/* Income: credits the bank marks as income, plus every credit from a payer
 * that pays regularly. */
void
fp_insights_income (FpInsightsCtx *ctx)
{
  for (guint32 m = 0; m < ctx->n_merchants; m++)
    {
      if (!ctx->merchants[m].income)
        continue;

      for (guint32 i = ctx->merchant_offset[m]; i < ctx->merchant_offset[m + 1]; i++)
        {
          const FpMerchantTxn *t = &ctx->merchant_txns[i];
          guint mo;

          if (t->amount_minor <= 0 || (t->index_flags & (FP_MT_TRANSFER | FP_MT_INCOME_HINT | FP_MT_REFUND)))
            continue;

          mo = ctx->month_of_day[t->day - ctx->window_start];
          ctx->month_income[mo] = fp_sat_add (ctx->month_income[mo], t->amount_minor);
          ctx->month_inflows[mo] -= t->amount_minor;
          if (t->day >= ctx->recent_start)
            ctx->recent_income = fp_sat_add (ctx->recent_income, t->amount_minor);
        }
    }

  for (guint mo = 0; mo < FP_WINDOW_MONTHS; mo++)
    ctx->month_income[mo] = fp_sat_add (ctx->month_income[mo], ctx->month_income_hint[mo]);
}
