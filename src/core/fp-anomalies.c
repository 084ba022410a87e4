/* fp-anomalies.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Unusual payments of the last 90 days (never a declined attempt: those
 * never enter the engine): the bank's fraud and compromised
 * card flags, same-day duplicates, and amounts far above the customer's
 * own typical payment at that merchant (or in that category for merchants
 * seen rarely), by the robust modified z-score of Iglewicz and Hoaglin:
 * z = 0.6745 (x - median) / MAD, an outlier above 3.5.
 */

#define G_LOG_DOMAIN "fp-insights"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-format.h"
#include "fp-insights-private.h"

#define Z_THRESHOLD 3.5
#define MIN_MERCHANT_SAMPLES 5
#define MAX_MERCHANT_SAMPLES 256
#define MIN_CATEGORY_SAMPLES 20
#define MAX_CATEGORY_SAMPLES 1024
#define MAX_ANOMALIES 100

typedef struct {
  gint64 median;
  gint64 mad;
  guint32 n;
  gboolean done;
} Baseline;

/* Median and median absolute deviation of @v (reordered). */
static void
robust_stats (gint64   *v,
              gsize     n,
              gint64   *scratch,
              Baseline *out)
{
  out->n = (guint32) n;
  out->done = TRUE;
  if (n == 0)
    return;

  out->median = fp_median_i64 (v, n);
  for (gsize i = 0; i < n; i++)
    scratch[i] = v[i] > out->median ? v[i] - out->median : out->median - v[i];
  out->mad = fp_median_i64 (scratch, n);
}

static void
merchant_baseline (FpInsightsCtx *ctx,
                   guint32        m,
                   gint64        *buf,
                   Baseline      *out)
{
  gsize n = 0;

  for (guint32 i = ctx->merchant_offset[m + 1]; i > ctx->merchant_offset[m] && n < MAX_MERCHANT_SAMPLES; i--)
    {
      const FpMerchantTxn *t = &ctx->merchant_txns[i - 1];

      if (t->day <= ctx->today - FP_BASELINE_DAYS)
        break;
      if (fp_mt_is_spending (t))
        buf[n++] = t->amount_minor == G_MININT64 ? G_MAXINT64 : -t->amount_minor;
    }

  robust_stats (buf, n, buf + MAX_MERCHANT_SAMPLES, out);
}

static void
category_baselines (FpInsightsCtx *ctx,
                    Baseline      *out)
{
  gint64 *buf = g_new (gint64, (FP_N_CATEGORIES + 1) * MAX_CATEGORY_SAMPLES);
  gsize n[FP_N_CATEGORIES] = { 0 };
  gint32 start = MAX (ctx->window_start, ctx->today - FP_BASELINE_DAYS + 1);

  for (guint32 i = ctx->n_window; i > ctx->day_offset[start - ctx->window_start]; i--)
    {
      const FpTxn *t = &ctx->txns[ctx->order[i - 1]];
      FpCategory c;

      if (!fp_txn_is_spending (t))
        continue;
      c = fp_mcc_category (ctx->mcc_table, t->mcc);
      if (n[c] < MAX_CATEGORY_SAMPLES)
        buf[c * MAX_CATEGORY_SAMPLES + n[c]++] = t->amount_minor == G_MININT64 ? G_MAXINT64 : -t->amount_minor;
    }

  for (guint c = 0; c < FP_N_CATEGORIES; c++)
    robust_stats (buf + c * MAX_CATEGORY_SAMPLES, n[c], buf + FP_N_CATEGORIES * MAX_CATEGORY_SAMPLES, &out[c]);

  g_free (buf);
}

/* The modified z-score of @x; the MAD is floored at 5% of the median and at
 * one major unit, so that a merchant that always charges the same amount
 * does not turn every small difference into an alert. */
static double
z_score (const Baseline *b,
         gint64          x)
{
  gint64 mad = MAX (b->mad, MAX (b->median / 20, 100));

  return 0.6745 * ((double) x - (double) b->median) / (double) mad;
}

static int
cmp_anomaly (gconstpointer a,
             gconstpointer b)
{
  const FpAnomaly *x = a;
  const FpAnomaly *y = b;

  if (x->day != y->day)
    return x->day > y->day ? -1 : 1;
  return (x->txn_id < y->txn_id) - (x->txn_id > y->txn_id);
}

/* Fills the alert's words: the merchant, one plain sentence, and the
 * statistics behind it for "Why am I seeing this?". */
static void
describe (FpInsightsCtx  *ctx,
          const FpTxn    *t,
          FpAnomaly      *a,
          const Baseline *b)
{
  const char *at = fp_ctx_merchant_phrase (ctx, t->merchant_id, a->category);
  g_autofree char *amount = fp_ctx_money (ctx, fp_neg_sat (a->amount_minor));
  g_autofree char *typical = fp_ctx_money (ctx, a->typical_minor);
  g_autofree char *score = NULL;
  g_autofree char *threshold = NULL;

  a->merchant_name = fp_ctx_merchant_name (ctx, t->merchant_id, a->category);

  switch (a->kind)
    {
    case FP_ANOMALY_FRAUD:
      /* Translators: "$899.99 at Electro World was flagged by the bank as
       * fraud." */
      a->reason = fp_ctx_intern (ctx, g_strdup_printf (_("%s at %s was flagged by the bank as fraud."), amount, at));
      if (t->flags & FP_TXN_CARD_COMPROMISED)
        a->why = _("The bank's fraud checks flagged this payment, and the card used was reported compromised.");
      else
        a->why = _("The bank's fraud checks flagged this payment.");
      break;
    case FP_ANOMALY_CARD_COMPROMISED:
      a->reason = fp_ctx_intern (ctx, g_strdup_printf (_("%s at %s was paid with a card that was reported "
                                                         "compromised."),
                                                       amount, at));
      a->why = _("The bank reports that the details of this card were found where they should not be, such as "
                 "on the dark web.");
      break;
    case FP_ANOMALY_DUPLICATE:
      a->reason = fp_ctx_intern (ctx, g_strdup_printf (_("%s at %s was charged twice on the same day."),
                                                       amount, at));
      a->why = _("Two payments of the same amount to the same merchant on the same day: you may have been "
                 "charged twice.");
      break;
    case FP_ANOMALY_MERCHANT_OUTLIER:
      /* Translators: "$264.60 at Fresh Market is much more than you
       * usually spend there." */
      a->reason = fp_ctx_intern (ctx, g_strdup_printf (_("%s at %s is much more than you usually spend there."),
                                                       amount, at));
      score = fp_format_number (a->score, 1);
      threshold = fp_format_number (3.5, 1);
      a->why = fp_ctx_intern (ctx, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "You usually pay %s there: the median of your last "
                                                                 "%u payment there in 12 months. Robust z-score %s; "
                                                                 "alerts start at %s.",
                                                                 "You usually pay %s there: the median of your last "
                                                                 "%u payments there in 12 months. Robust z-score %s; "
                                                                 "alerts start at %s.",
                                                                 b->n),
                                                    typical, b->n, score, threshold));
      break;
    case FP_ANOMALY_CATEGORY_OUTLIER:
      /* Translators: "$899.99 at a shop is much more than you usually
       * spend on Shopping." */
      a->reason = fp_ctx_intern (ctx, g_strdup_printf (_("%s at %s is much more than you usually spend on %s."),
                                                       amount, at, fp_category_get_display_name (a->category)));
      score = fp_format_number (a->score, 1);
      threshold = fp_format_number (3.5, 1);
      a->why = fp_ctx_intern (ctx, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "You usually pay %s for %s: the median of %u "
                                                                 "payment in 12 months. Robust z-score %s; alerts "
                                                                 "start at %s.",
                                                                 "You usually pay %s for %s: the median of %u "
                                                                 "payments in 12 months. Robust z-score %s; alerts "
                                                                 "start at %s.",
                                                                 b->n),
                                                    typical, fp_category_get_display_name (a->category), b->n,
                                                    score, threshold));
      break;
    default:
      g_assert_not_reached ();
    }
}

void
fp_insights_anomalies (FpInsightsCtx *ctx)
{
  FpDashboard *self = ctx->out;
  Baseline *merchant_stats = g_new0 (Baseline, MAX (ctx->n_merchants, 1));
  gint32 *last_day = g_new (gint32, MAX (ctx->n_merchants, 1));
  gint64 *last_amount = g_new (gint64, MAX (ctx->n_merchants, 1));
  gint64 *buf = g_new (gint64, 2 * MAX_MERCHANT_SAMPLES);
  Baseline category_stats[FP_N_CATEGORIES];
  gboolean have_categories = FALSE;
  /* The last 90 days before the real day, as far as the data reaches. */
  gint32 start = MAX (ctx->window_start, ctx->now - FP_RECENT_DAYS + 1);
  guint32 first = start > ctx->today ? ctx->n_window : ctx->day_offset[start - ctx->window_start];

  for (guint32 m = 0; m < ctx->n_merchants; m++)
    last_day[m] = FP_DAY_NONE;

  for (guint32 i = first; i < ctx->n_window; i++)
    {
      const FpTxn *t = &ctx->txns[ctx->order[i]];
      guint32 m = ctx->order_merchant[i];
      const Baseline *b = NULL;
      FpAnomaly a = { 0 };
      gboolean found = FALSE;
      gboolean duplicate = FALSE;

      if (!fp_txn_is_spending (t))
        continue;

      if (m != FP_NO_MERCHANT)
        {
          duplicate = last_day[m] == t->day && last_amount[m] == t->amount_minor;
          last_day[m] = t->day;
          last_amount[m] = t->amount_minor;
        }

      a.txn_id = t->id;
      a.day = t->day;
      a.amount_minor = t->amount_minor;
      a.merchant_id = t->merchant_id;
      a.category = fp_mcc_category (ctx->mcc_table, t->mcc);

      if (t->flags & FP_TXN_FRAUD)
        {
          a.kind = FP_ANOMALY_FRAUD;
          found = TRUE;
        }
      else if (t->flags & FP_TXN_CARD_COMPROMISED)
        {
          a.kind = FP_ANOMALY_CARD_COMPROMISED;
          found = TRUE;
        }
      else if (duplicate)
        {
          a.kind = FP_ANOMALY_DUPLICATE;
          found = TRUE;
        }
      else
        {
          gint64 x = t->amount_minor == G_MININT64 ? G_MAXINT64 : -t->amount_minor;

          if (m != FP_NO_MERCHANT)
            {
              if (!merchant_stats[m].done)
                merchant_baseline (ctx, m, buf, &merchant_stats[m]);
              if (merchant_stats[m].n >= MIN_MERCHANT_SAMPLES)
                {
                  b = &merchant_stats[m];
                  a.kind = FP_ANOMALY_MERCHANT_OUTLIER;
                }
            }

          if (b == NULL)
            {
              if (!have_categories)
                {
                  category_baselines (ctx, category_stats);
                  have_categories = TRUE;
                }
              if (category_stats[a.category].n >= MIN_CATEGORY_SAMPLES)
                {
                  b = &category_stats[a.category];
                  a.kind = FP_ANOMALY_CATEGORY_OUTLIER;
                }
            }

          if (b != NULL)
            {
              a.score = z_score (b, x);
              a.typical_minor = b->median;
              found = a.score > Z_THRESHOLD;
            }
        }

      if (!found)
        continue;

      describe (ctx, t, &a, b);
      g_array_append_val (self->anomalies, a);
    }

  g_array_sort (self->anomalies, cmp_anomaly);
  if (self->anomalies->len > MAX_ANOMALIES)
    g_array_set_size (self->anomalies, MAX_ANOMALIES);

  g_free (merchant_stats);
  g_free (last_day);
  g_free (last_amount);
  g_free (buf);
}
