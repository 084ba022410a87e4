/* fp-insights.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The personalized dashboard: every figure the customer sees, computed from
 * plain arrays in one call, each with a "how this was computed" text.
 */

#pragma once

#include <glib.h>

#include "fp-categories.h"
#include "fp-health-score.h"
#include "fp-insights-types.h"

G_BEGIN_DECLS

/* A day number that means "none". */
#define FP_DAY_NONE G_MININT32

/* How many days the forecast looks ahead. */
#define FP_FORECAST_DAYS 90

/* More days than this without a booked transaction and the dashboard says
 * that the data stops ("no transactions since 31 October"). */
#define FP_STALE_DAYS 7

/* Days of history the health score, the forecast's band and the segment
 * need (and, for the score and the segment, a detected income). */
#define FP_MIN_HISTORY_DAYS 60

/**
 * FpCoverage:
 * @first_day: the first day of the period a figure covers
 * @last_day: its last day (inclusive); %FP_DAY_NONE for both when the
 *   figure has no period (no data)
 * @n_days: @last_day - @first_day + 1, 0 without a period
 * @complete: the history covers every day of the period (it began on or
 *   before @first_day); when %FALSE the days before the first transaction
 *   count as days without money moving
 *
 * The period behind a figure. Periods never reach past the newest booked
 * transaction (#FpFreshness.as_of_day): missing data is never counted as
 * days without spending.
 */
typedef struct {
  gint32   first_day;
  gint32   last_day;
  guint    n_days;
  gboolean complete;
} FpCoverage;

/**
 * FpAvailability:
 * @available: whether the figure could be computed honestly
 * @reason: (nullable): when not, what is missing, as a sentence for the
 *   customer ("Needs 60 days of history; it appears on 15 January 2027.")
 * @from_day: when not, the day it will appear if the data keeps coming,
 *   or %FP_DAY_NONE when that depends on something else (an income)
 */
typedef struct {
  gboolean    available;
  const char *reason;
  gint32      from_day;
} FpAvailability;

/**
 * FpFreshness:
 * @today: the real day the dashboard was computed on
 * @first_day: the oldest booked transaction, or %FP_DAY_NONE
 * @last_day: the newest booked transaction up to @today, or %FP_DAY_NONE
 * @as_of_day: the day every period of the dashboard ends: @last_day, or
 *   @today without any data
 * @days_without_data: @today - @last_day (0 without data)
 * @stale: more than %FP_STALE_DAYS days without a booked transaction
 * @note: (nullable): when @stale, the sentence the dashboard shows ("No
 *   transactions since 31 October 2026: the figures are as of that day.")
 * @recent: the period of the monthly income and spending, the health
 *   score's inputs, the forecast's daily flow and the segment (up to 90
 *   days ending on @as_of_day)
 * @trend_month: the month the trends look at, the last one the data covers
 *   completely (both days %FP_DAY_NONE without trends)
 * @trend_base: the up to 3 complete months before it they compare with
 *
 * When the dashboard's data ends and which period each figure covers.
 */
typedef struct {
  gint32      today;
  gint32      first_day;
  gint32      last_day;
  gint32      as_of_day;
  guint       days_without_data;
  gboolean    stale;
  const char *note;
  FpCoverage  recent;
  FpCoverage  trend_month;
  FpCoverage  trend_base;
} FpFreshness;

/**
 * FpInsightsOptions:
 * @currency: ISO 4217 code used in the texts, %NULL for none
 * @risk_threshold_minor: the balance under which a day is "at risk"
 * @merchant_name: (nullable): names merchants in texts
 * @merchant_name_data: its closure
 */
typedef struct {
  const char        *currency;
  gint64             risk_threshold_minor;
  FpMerchantNameFunc merchant_name;
  gpointer           merchant_name_data;
} FpInsightsOptions;

/**
 * FpMonthSummary:
 * @year: the calendar year
 * @month: 1 to 12
 * @first_day: the day number of the 1st
 * @complete: the data covers every day of the month (the month is over by
 *   #FpFreshness.as_of_day and began after the first transaction)
 * @spending_minor: money out, without transfers between own accounts, less
 *   the refunds of the month; the sum of @by_category_minor
 * @income_minor: income detected (salary and other regular income)
 * @other_inflows_minor: money in that is neither income, a transfer nor a
 *   refund
 * @by_category_minor: spending per #FpCategory less the refunds booked in
 *   that category in the month (negative when the refunds were larger)
 * @data_first_day: the first day of the month the data covers
 * @data_last_day: the last day of the month the data covers
 * @partial: not @complete: the current month, or one the data begins or
 *   ends in; its figures are for @data_first_day to @data_last_day only
 *
 * Months after #FpFreshness.as_of_day are not listed: no data is not zero
 * spending.
 */
typedef struct {
  gint32 year;
  gint32 month;
  gint32 first_day;
  gboolean complete;
  gint64 spending_minor;
  gint64 income_minor;
  gint64 other_inflows_minor;
  gint64 by_category_minor[FP_N_CATEGORIES];
  gint32 data_first_day;
  gint32 data_last_day;
  gboolean partial;
} FpMonthSummary;

/**
 * FpCategoryTrend:
 * @category: the category
 * @month_minor: spending in the last complete month
 * @average_minor: average of the up to 3 complete months before it
 * @n_average_months: how many months the average has
 * @change_minor: @month_minor - @average_minor
 * @change_percent: the change against the average, 0 if it is 0
 * @top_merchant_id: the merchant whose spending changed the most, or 0
 * @explanation: the change in words
 */
typedef struct {
  FpCategory category;
  gint64 month_minor;
  gint64 average_minor;
  guint n_average_months;
  gint64 change_minor;
  double change_percent;
  guint32 top_merchant_id;
  const char *explanation;
} FpCategoryTrend;

typedef enum {
  FP_PERIOD_WEEKLY,
  FP_PERIOD_BIWEEKLY,
  FP_PERIOD_MONTHLY,
  FP_PERIOD_QUARTERLY,
  FP_PERIOD_YEARLY,
} FpPeriod;

/**
 * FpRecurring:
 * @merchant_id: the counterparty
 * @account_id: the account of the last payment
 * @category: its category
 * @period: how often it comes
 * @n_occurrences: how many were found in the regular series
 * @last_day: the last one
 * @last_amount_minor: its amount (negative is money out)
 * @next_day: the next expected day
 * @next_amount_minor: the next expected amount
 * @monthly_minor: the amount per month (negative is money out)
 * @is_income: money in (salary, pension)
 * @is_subscription: the same amount each time (with at most one change)
 * @price_rise: the amount went up within the last 12 months
 * @previous_amount_minor: before the rise (when @price_rise)
 * @rise_day: the first payment at the new price (when @price_rise)
 * @merchant_name: the name, or a placeholder
 * @explanation: how it was detected
 */
typedef struct {
  guint32 merchant_id;
  guint32 account_id;
  FpCategory category;
  FpPeriod period;
  guint n_occurrences;
  gint32 last_day;
  gint64 last_amount_minor;
  gint32 next_day;
  gint64 next_amount_minor;
  gint64 monthly_minor;
  gboolean is_income;
  gboolean is_subscription;
  gboolean price_rise;
  gint64 previous_amount_minor;
  gint32 rise_day;
  const char *merchant_name;
  const char *explanation;
} FpRecurring;

/**
 * FpOverlap:
 * @category: the shared category
 * @n_items: how many subscriptions
 * @items: indices into the recurring array
 * @monthly_minor: what they cost together per month, positive
 * @explanation: in words
 */
typedef struct {
  FpCategory category;
  guint n_items;
  const guint *items;
  gint64 monthly_minor;
  const char *explanation;
} FpOverlap;

typedef enum {
  FP_ANOMALY_FRAUD,
  FP_ANOMALY_CARD_COMPROMISED,
  FP_ANOMALY_MERCHANT_OUTLIER,
  FP_ANOMALY_CATEGORY_OUTLIER,
  FP_ANOMALY_DUPLICATE,
} FpAnomalyKind;

/**
 * FpAnomaly:
 * @txn_id: the transaction
 * @day: its day
 * @amount_minor: its amount
 * @merchant_id: its merchant
 * @category: its category
 * @kind: why it is unusual
 * @score: robust z-score for outliers (0.6745 (x - median) / MAD), else 0
 * @typical_minor: the median it was compared with (outliers), else 0
 * @reason: one plain sentence a person can act on ("$264.60 at Fresh
 *   Market is much more than you usually spend there.")
 * @merchant_name: the merchant's name, or its kind from the category
 *   ("Grocery store") when the bank gives none: never a raw id
 * @why: the statistics behind it, for "Why am I seeing this?"
 */
typedef struct {
  gint64 txn_id;
  gint32 day;
  gint64 amount_minor;
  guint32 merchant_id;
  FpCategory category;
  FpAnomalyKind kind;
  double score;
  gint64 typical_minor;
  const char *reason;
  const char *merchant_name;
  const char *why;
} FpAnomaly;

/**
 * FpForecast:
 * @start_day: today
 * @n_days: FP_FORECAST_DAYS + 1 points, the first being today
 * @expected_minor: expected balance per day
 * @low_minor: lower edge of the 90% band
 * @high_minor: upper edge of the 90% band
 * @threshold_minor: the balance considered at risk
 * @first_risk_day: first day the expected balance is under the threshold,
 *   or %FP_DAY_NONE
 * @first_possible_risk_day: first day the lower edge is under it, or
 *   %FP_DAY_NONE
 * @daily_discretionary_minor: the average daily spending outside recurring
 *   items used
 * @explanation: how it was computed
 * @history: the period the daily flow and the band were measured on
 * @band: whether there is a band; without enough history (or with data
 *   that stopped more than %FP_STALE_DAYS days ago) @low_minor and
 *   @high_minor equal @expected_minor and @band says why
 */
typedef struct {
  gint32 start_day;
  guint n_days;
  const gint64 *expected_minor;
  const gint64 *low_minor;
  const gint64 *high_minor;
  gint64 threshold_minor;
  gint32 first_risk_day;
  gint32 first_possible_risk_day;
  gint64 daily_discretionary_minor;
  const char *explanation;
  FpCoverage history;
  FpAvailability band;
} FpForecast;

/**
 * FpHealthAction:
 * @text: what to do, quantified, with the points (%NULL if there is none)
 * @amount_minor: the amount of the action (per month or once, see @text)
 * @points: the score after the action minus the score now, by re-scoring
 * @inputs_after: the inputs the action leads to (what was re-scored)
 */
typedef struct {
  const char *text;
  gint64 amount_minor;
  int points;
  FpHealthInputs inputs_after;
} FpHealthAction;

/**
 * FpHealthComponentScore:
 * @component: which one
 * @id: stable id such as `savings-rate`
 * @name: display name
 * @value: the measured value (a ratio, months, or a count)
 * @weight: the maximum points
 * @points: the points earned, 0 to @weight
 * @explanation: how the value and points were computed
 * @action: the action that raises the score the most through it
 */
typedef struct {
  FpHealthComponent component;
  const char *id;
  const char *name;
  double value;
  int weight;
  int points;
  const char *explanation;
  FpHealthAction action;
} FpHealthComponentScore;

typedef enum {
  FP_RECOMMENDATION_OVERLAPPING_SUBSCRIPTIONS,
  FP_RECOMMENDATION_PRICE_RISE,
  FP_RECOMMENDATION_CATEGORY_ABOVE_AVERAGE,
  FP_RECOMMENDATION_CATEGORY_ABOVE_SEGMENT,
  FP_RECOMMENDATION_IDLE_CASH,
  FP_RECOMMENDATION_EXPENSIVE_DEBT,
} FpRecommendationKind;

/**
 * FpRecommendation:
 * @kind: the kind
 * @category: the category concerned, %FP_CATEGORY_OTHER if none
 * @monthly_saving_minor: what it saves or earns per month
 * @points: health score change if monthly spending fell by the saving
 *   (re-scored; 0 for advice that does not change spending, and without a
 *   health score)
 * @text: the advice
 * @explanation: how the figures were computed
 * @merchant_id: the link to the transactions behind it: those of this
 *   merchant (0: any merchant) …
 * @account_id: … on this account (0: any account; the debt or the current
 *   account the advice is about) …
 * @first_day: … from this day …
 * @last_day: … to this day (%FP_DAY_NONE for both: no period, such as the
 *   balance of a debt), and in @category unless it is %FP_CATEGORY_OTHER
 */
typedef struct {
  FpRecommendationKind kind;
  FpCategory category;
  gint64 monthly_saving_minor;
  int points;
  const char *text;
  const char *explanation;
  guint32 merchant_id;
  guint32 account_id;
  gint32 first_day;
  gint32 last_day;
} FpRecommendation;

/**
 * FpSegmentMatch:
 * @segment: the nearest segment of the model, with its typical figures
 * @segment_name: its translated name
 * @distance: the weighted distance to its centroid
 * @features: the customer's features
 * @explanation: how it was chosen
 */
typedef struct {
  const FpSegment *segment;
  const char *segment_name;
  double distance;
  double features[FP_SEGMENT_N_FEATURES];
  const char *explanation;
} FpSegmentMatch;

typedef struct _FpDashboard FpDashboard;

FpDashboard *fp_dashboard_compute (const FpTxn              *txns,
                                   gsize                     n_txns,
                                   const FpAccountSnapshot  *accounts,
                                   gsize                     n_accounts,
                                   const FpInsightsModel    *model,
                                   const FpInsightsOptions  *options,
                                   gint32                    today,
                                   GError                  **error);
void         fp_dashboard_free    (FpDashboard              *self);

void         fp_insights_history_bounds (const FpTxn        *txns,
                                         gsize               n_txns,
                                         gint32              today,
                                         gint32             *out_first_day,
                                         gint32             *out_last_day);
char        *fp_insights_stale_note     (gint32              last_day,
                                         gint32              today);

gint32                        fp_dashboard_get_today              (const FpDashboard *self);
gint32                        fp_dashboard_get_first_day          (const FpDashboard *self);
const FpFreshness            *fp_dashboard_get_freshness          (const FpDashboard *self);
const FpAvailability         *fp_dashboard_get_health_availability (const FpDashboard *self);
const FpAvailability         *fp_dashboard_get_segment_availability (const FpDashboard *self);
gint64                        fp_dashboard_get_net_worth          (const FpDashboard *self);
gint64                        fp_dashboard_get_liquid             (const FpDashboard *self);
const char                   *fp_dashboard_get_balances_explanation (const FpDashboard *self);
gint64                        fp_dashboard_get_monthly_income     (const FpDashboard *self);
gint64                        fp_dashboard_get_monthly_spending   (const FpDashboard *self);
const char                   *fp_dashboard_get_income_explanation (const FpDashboard *self);
const char                   *fp_dashboard_get_spending_explanation (const FpDashboard *self);
const char                   *fp_dashboard_get_months_explanation (const FpDashboard *self);
const FpMonthSummary         *fp_dashboard_get_months             (const FpDashboard *self,
                                                                   gsize             *n_months);
const FpCategoryTrend        *fp_dashboard_get_trends             (const FpDashboard *self,
                                                                   gsize             *n_trends);
const FpCategoryTrend *const *fp_dashboard_get_largest_changes    (const FpDashboard *self,
                                                                   gsize             *n_changes);
const FpRecurring            *fp_dashboard_get_recurring          (const FpDashboard *self,
                                                                   gsize             *n_recurring);
const FpOverlap              *fp_dashboard_get_overlaps           (const FpDashboard *self,
                                                                   gsize             *n_overlaps);
const FpAnomaly              *fp_dashboard_get_anomalies          (const FpDashboard *self,
                                                                   gsize             *n_anomalies);
const FpForecast             *fp_dashboard_get_forecast           (const FpDashboard *self);
int                           fp_dashboard_get_health_score       (const FpDashboard *self);
const FpHealthInputs         *fp_dashboard_get_health_inputs      (const FpDashboard *self);
const FpHealthComponentScore *fp_dashboard_get_health_components  (const FpDashboard *self,
                                                                   gsize             *n_components);
const FpHealthAction *const  *fp_dashboard_get_health_plan        (const FpDashboard *self,
                                                                   gsize             *n_actions);
const FpRecommendation       *fp_dashboard_get_recommendations    (const FpDashboard *self,
                                                                   gsize             *n_recommendations);
const FpSegmentMatch         *fp_dashboard_get_segment            (const FpDashboard *self);
const char                   *fp_dashboard_get_model_id           (const FpDashboard *self);

const char *fp_period_get_id            (FpPeriod      period);
const char *fp_anomaly_kind_get_id      (FpAnomalyKind kind);
const char *fp_recommendation_kind_get_id (FpRecommendationKind kind);
const char *fp_health_component_get_id  (FpHealthComponent component);

void fp_day_to_date (gint32  day,
                     gint32 *year,
                     gint32 *month,
                     gint32 *mday);
gint32 fp_day_from_date (gint32 year,
                         gint32 month,
                         gint32 mday);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpDashboard, fp_dashboard_free)

G_END_DECLS
