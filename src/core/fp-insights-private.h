/* fp-insights-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between the files of the insights engine, not installed.
 */

#pragma once

#include "fp-booking.h"
#include "fp-categories-private.h"
#include "fp-insights.h"

G_BEGIN_DECLS

/* Months kept in the analysis window: the current one and 24 before it. */
#define FP_WINDOW_MONTHS 25
/* Months shown in the monthly summary: the current one and 12 before it. */
#define FP_SUMMARY_MONTHS 13
/* Days of recent history that averages and alerts use. */
#define FP_RECENT_DAYS 90
#define FP_MIN_RECENT_DAYS 30
/* Days of history the outlier baselines use. */
#define FP_BASELINE_DAYS 365

#define FP_NO_MERCHANT G_MAXUINT32

/* An open-addressing map from 32-bit ids to dense indices. */
typedef struct {
  guint32 *keys;
  guint32 *values;
  guint32  mask;
  guint32  n;
} FpIdMap;

void    fp_id_map_init   (FpIdMap *map,
                          gsize    expected);
void    fp_id_map_clear  (FpIdMap *map);
guint32 fp_id_map_insert (FpIdMap *map,
                          guint32  key);
guint32 fp_id_map_lookup (const FpIdMap *map,
                          guint32        key);

/* A merchant's transaction, copied next to its others so that the
 * per-merchant work reads memory in order. */
typedef struct {
  gint32  day;
  guint32 index_flags;         /* index into txns | FP_MT_* */
  gint64  amount_minor;
} FpMerchantTxn;

#define FP_MT_TRANSFER    (1u << 31)
#define FP_MT_INCOME_HINT (1u << 30)
#define FP_MT_REFUND      (1u << 29)
#define FP_MT_INDEX_MASK  (FP_MT_REFUND - 1)
#define FP_MAX_TXNS       FP_MT_INDEX_MASK

static inline gboolean
fp_mt_is_spending (const FpMerchantTxn *t)
{
  return t->amount_minor < 0 && !(t->index_flags & FP_MT_TRANSFER);
}

typedef struct {
  guint32    n_txns;           /* in the window */
  guint32    n_out;            /* payments out in the window */
  guint32    n_in;             /* money in, not transfers nor refunds, in the window */
  guint32    merchant_id;
  FpCategory category;         /* of its latest payment out */
  guint32    account_id;       /* of its latest transaction */
  guint      recurring_out;    /* index + 1 into the recurring array, or 0 */
  guint      recurring_in;
  gboolean   income;           /* its payments in are income */
} FpMerchantInfo;

struct _FpDashboard {
  GStringChunk *strings;

  gint32  today;
  gint32  first_day;           /* of all history, FP_DAY_NONE if empty */
  char   *model_id;
  FpFreshness freshness;
  FpAvailability health_availability;
  FpAvailability segment_availability;

  gint64  net_worth_minor;
  gint64  liquid_minor;
  const char *balances_explanation;
  gint64  monthly_income_minor;
  gint64  monthly_spending_minor;
  const char *income_explanation;
  const char *spending_explanation;

  FpMonthSummary months[FP_SUMMARY_MONTHS];
  gsize  n_months;

  FpCategoryTrend trends[FP_N_CATEGORIES];
  gsize  n_trends;
  const FpCategoryTrend *changes[3];
  gsize  n_changes;

  GArray *recurring;           /* FpRecurring */
  GArray *overlaps;            /* FpOverlap */
  GPtrArray *overlap_items;    /* guint arrays */
  GArray *anomalies;           /* FpAnomaly */

  FpForecast forecast;
  gint64 *forecast_values;     /* 3 * n_days */

  int health_score;
  FpHealthInputs health_inputs;
  FpHealthComponentScore components[FP_HEALTH_N_COMPONENTS];
  const FpHealthAction *plan[FP_HEALTH_N_COMPONENTS];
  gsize n_plan;

  GArray *recommendations;     /* FpRecommendation */
  FpSegmentMatch segment;
  FpSegment segment_copy;      /* so that the model may go away */
};

typedef struct {
  /* Inputs */
  const FpTxn *txns;
  gsize n_txns;
  const FpAccountSnapshot *accounts;
  gsize n_accounts;
  const FpInsightsModel *model;
  const FpInsightsOptions *options;
  /* The day every period ends: the newest booked transaction (or the real
   * day without any), FpFreshness.as_of_day. */
  gint32 today;
  /* The real day: the forecast starts on it, alerts look back from it. */
  gint32 now;
  gint32 last_day;                       /* newest booked, FP_DAY_NONE */

  FpDashboard *out;

  /* The window: FP_WINDOW_MONTHS calendar months ending on ctx->today. */
  gint32 window_start;
  guint n_days;                          /* today - window_start + 1 */
  gint32 month_start[FP_WINDOW_MONTHS + 1];
  guint8 *month_of_day;                  /* n_days */

  /* Transactions of the window sorted by day (stable), and per day the
   * offset of its first one. */
  guint32 *order;
  guint32 *day_offset;                   /* n_days + 1 */
  guint32 n_window;
  guint32 *order_merchant;               /* merchant index per order entry */

  /* Transactions per merchant, day-sorted, as indices into txns. */
  FpIdMap merchant_map;
  FpMerchantInfo *merchants;
  guint32 n_merchants;
  guint32 *merchant_offset;              /* n_merchants + 1 */
  FpMerchantTxn *merchant_txns;

  /* Current accounts, for the forecast. */
  FpIdMap current_accounts;
  guint n_current;

  /* Per window month. */
  gint64 month_spending[FP_WINDOW_MONTHS][FP_N_CATEGORIES];
  gint64 month_income_hint[FP_WINDOW_MONTHS];
  gint64 month_inflows[FP_WINDOW_MONTHS];
  gint64 month_income[FP_WINDOW_MONTHS];

  /* The recent period the monthly averages use. */
  gint32 recent_start;
  guint recent_days;
  gint64 recent_category[FP_N_CATEGORIES];
  gint64 recent_income;

  guint8 health_weights[FP_HEALTH_N_COMPONENTS];
  const guint8 *mcc_table;
} FpInsightsCtx;

static inline gint64
fp_sat_add (gint64 a,
            gint64 b)
{
  gint64 out;

  if (!__builtin_add_overflow (a, b, &out))
    return out;

  return b < 0 ? G_MININT64 : G_MAXINT64;
}

static inline gint64
fp_neg_sat (gint64 v)
{
  return v == G_MININT64 ? G_MAXINT64 : -v;
}

static inline gboolean
fp_txn_is_spending (const FpTxn *t)
{
  return fp_txn_counts (t) && t->amount_minor < 0 && !(t->flags & FP_TXN_TRANSFER);
}

/* A refund: money back at a merchant (a merchant category code), neither a
 * transfer nor income. It nets against its category in its month. */
static inline gboolean
fp_txn_is_refund (const FpTxn *t)
{
  return fp_txn_counts (t) && t->amount_minor > 0 && t->mcc != 0 &&
         !(t->flags & (FP_TXN_TRANSFER | FP_TXN_INCOME_HINT));
}

/* Money in that is not a transfer or a refund: income or other inflows. */
static inline gboolean
fp_txn_is_inflow (const FpTxn *t)
{
  return fp_txn_counts (t) && t->amount_minor > 0 && !(t->flags & FP_TXN_TRANSFER) &&
         !fp_txn_is_refund (t);
}

/* Utilities (fp-insights-util.c) */
gint64      fp_div_round          (gint64 a,
                                   gint64 b);
gint64      fp_mul_div_round      (gint64 a,
                                   gint64 b,
                                   gint64 c);
gint64      fp_median_i64         (gint64 *values,
                                   gsize   n);
gint32      fp_day_add_months     (gint32 day,
                                   int    months);
const char *fp_ctx_intern         (FpInsightsCtx *ctx,
                                   char          *text);
char       *fp_ctx_money          (FpInsightsCtx *ctx,
                                   gint64         minor);
char       *fp_ctx_money_whole    (FpInsightsCtx *ctx,
                                   gint64         minor);
const char *fp_ctx_merchant_name  (FpInsightsCtx *ctx,
                                   guint32        merchant_id,
                                   FpCategory     category);
const char *fp_ctx_merchant_phrase (FpInsightsCtx *ctx,
                                    guint32        merchant_id,
                                    FpCategory     category);
char       *fp_ctx_date           (gint32 day);
char       *fp_ctx_month_name     (gint32 day);
char       *fp_ctx_percent        (double ratio,
                                   guint  decimals);
gint64      fp_ctx_per_month      (FpInsightsCtx *ctx,
                                   gint64         sum);
void        fp_ctx_unavailable    (FpInsightsCtx  *ctx,
                                   FpAvailability *out,
                                   gboolean        needs_income);

void        fp_insights_coverage  (FpCoverage *out,
                                   gint32      first_day,
                                   gint32      last_day,
                                   gint32      history_start);

/* The stages, in order. */
void fp_insights_spending        (FpInsightsCtx *ctx);
void fp_insights_recurring       (FpInsightsCtx *ctx);
void fp_insights_income          (FpInsightsCtx *ctx);
void fp_insights_trends          (FpInsightsCtx *ctx);
void fp_insights_anomalies       (FpInsightsCtx *ctx);
void fp_insights_forecast        (FpInsightsCtx *ctx);
void fp_insights_health          (FpInsightsCtx *ctx);
void fp_insights_segment         (FpInsightsCtx *ctx);
void fp_insights_recommendations (FpInsightsCtx *ctx);

G_END_DECLS
