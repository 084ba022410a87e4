/* fp-insights-types.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input contract of the insights engine: plain arrays of transactions
 * and account snapshots that the cache hands over, and the bank's model.
 */

#pragma once

#include <glib.h>

#include "fp-categories.h"

G_BEGIN_DECLS

/**
 * FpTxnFlags:
 * @FP_TXN_FRAUD: the bank flagged the transaction as fraud
 * @FP_TXN_CARD_COMPROMISED: the card used was reported compromised
 * @FP_TXN_ONLINE: card not present (online or by phone)
 * @FP_TXN_TRANSFER: money moved between the customer's own accounts
 * @FP_TXN_INCOME_HINT: the bank marks this credit as income (salary, pension)
 * @FP_TXN_PENDING: not booked yet
 * @FP_TXN_DECLINED: an attempt the bank declined (TabFormer's errors such as
 *   "Insufficient Balance"): never booked, moves no balance, is not spending,
 *   income, a recurring payment or an alert; fp_txn_state_from_feed() is the
 *   one rule that sets it
 */
typedef enum {
  FP_TXN_FRAUD            = 1 << 0,
  FP_TXN_CARD_COMPROMISED = 1 << 1,
  FP_TXN_ONLINE           = 1 << 2,
  FP_TXN_TRANSFER         = 1 << 3,
  FP_TXN_INCOME_HINT      = 1 << 4,
  FP_TXN_PENDING          = 1 << 5,
  FP_TXN_DECLINED         = 1 << 6,
} FpTxnFlags;

/**
 * FpTxn:
 * @id: the cache's id of the transaction
 * @amount_minor: the amount in minor units; negative is money out
 * @day: days since 1970-01-01 (UTC) of the booking
 * @minute_of_day: 0 to 1439, local time of the card payment
 * @merchant_id: the counterparty, 0 if unknown
 * @account_id: the account it was booked on
 * @flags: #FpTxnFlags
 * @mcc: the merchant category code, 0 if none
 *
 * One transaction, 40 bytes. The array handed to the engine may be in any
 * order; sorted by day is fastest.
 */
typedef struct {
  gint64  id;
  gint64  amount_minor;
  gint32  day;
  gint32  minute_of_day;
  guint32 merchant_id;
  guint32 account_id;
  guint32 flags;
  guint16 mcc;
  guint16 reserved;
} FpTxn;

typedef enum {
  FP_ACCOUNT_CURRENT,
  FP_ACCOUNT_SAVINGS,
  FP_ACCOUNT_CREDIT_CARD,
  FP_ACCOUNT_LOAN,
  FP_ACCOUNT_INVESTMENT,
} FpAccountKind;

/**
 * FpAccountSnapshot:
 * @account_id: matches #FpTxn.account_id
 * @kind: the kind of account
 * @balance_minor: the balance today as the customer owns it: money held is
 *   positive, money owed (credit cards, loans, an overdraft) negative
 * @credit_limit_minor: credit cards and overdrafts: the limit, else 0
 * @apr_bps: the annual interest rate in basis points (debt or savings)
 * @min_payment_minor: credit cards and loans: the monthly payment due
 * @late_payments_12m: payments made late or missed in the last 12 months
 */
typedef struct {
  guint32       account_id;
  FpAccountKind kind;
  gint64        balance_minor;
  gint64        credit_limit_minor;
  gint32        apr_bps;
  gint64        min_payment_minor;
  guint32       late_payments_12m;
} FpAccountSnapshot;

/**
 * FpMerchantNameFunc:
 * @merchant_id: a merchant id of the transactions
 * @user_data: the closure
 *
 * Used only to write explanations.
 *
 * Returns: (nullable): the display name of the merchant, owned by the caller
 *   and valid during fp_dashboard_compute()
 */
typedef const char *(*FpMerchantNameFunc) (guint32  merchant_id,
                                           gpointer user_data);

/**
 * FpHealthComponent:
 *
 * The named components of the financial health score.
 */
typedef enum {
  FP_HEALTH_SAVINGS_RATE,
  FP_HEALTH_EMERGENCY_FUND,
  FP_HEALTH_DEBT_TO_INCOME,
  FP_HEALTH_CREDIT_UTILIZATION,
  FP_HEALTH_PAYMENT_HISTORY,
  FP_HEALTH_SPENDING_VOLATILITY,
} FpHealthComponent;

#define FP_HEALTH_N_COMPONENTS (FP_HEALTH_SPENDING_VOLATILITY + 1)

/**
 * FpSegmentFeature:
 *
 * The customer features the bank's segment model is defined on.
 */
typedef enum {
  FP_FEATURE_LOG_INCOME,          /* log10 (monthly income in major units + 1) */
  FP_FEATURE_SAVINGS_RATE,        /* (income - spending) / income, -1..1 */
  FP_FEATURE_ESSENTIAL_SHARE,     /* share of spending on essentials */
  FP_FEATURE_DISCRETIONARY_SHARE, /* dining, shopping, entertainment */
  FP_FEATURE_TRAVEL_SHARE,
  FP_FEATURE_CREDIT_UTILIZATION,
  FP_FEATURE_DEBT_TO_INCOME,
} FpSegmentFeature;

#define FP_SEGMENT_N_FEATURES (FP_FEATURE_DEBT_TO_INCOME + 1)

/**
 * FpSegment:
 * @id: stable id, such as `careful-saver`
 * @name: the display name (translated through gettext when it is one of the
 *   built-in names)
 * @centroid: the segment's centre in feature space
 * @typical_income_minor: typical monthly income of the segment
 * @typical_spending_minor: typical monthly spending
 * @typical_savings_rate_bps: typical savings rate
 * @typical_health_score: typical health score
 * @typical_category_minor: typical monthly spending per #FpCategory
 */
typedef struct {
  const char *id;
  const char *name;
  double      centroid[FP_SEGMENT_N_FEATURES];
  gint64      typical_income_minor;
  gint64      typical_spending_minor;
  gint32      typical_savings_rate_bps;
  gint32      typical_health_score;
  gint64      typical_category_minor[FP_N_CATEGORIES];
} FpSegment;

#define FP_INSIGHTS_MODEL_VERSION 1

/**
 * FpInsightsModel:
 * @version: %FP_INSIGHTS_MODEL_VERSION
 * @model_id: the bank's id of this model, for the explanation
 * @feature_scale: divides each feature before the distance
 * @feature_weight: weighs each squared scaled difference
 * @segments: the segments
 * @n_segments: how many, at least 1
 * @health_weights: the weight of each #FpHealthComponent, summing to 100
 * @savings_apr_bps: the rate of the bank's savings account, for advice
 *
 * The bank's on-device model: segment centroids and scoring weights. The
 * net layer fills it from the bank's model endpoint; without one the engine
 * uses fp_insights_model_get_default().
 */
typedef struct {
  guint32          version;
  const char      *model_id;
  double           feature_scale[FP_SEGMENT_N_FEATURES];
  double           feature_weight[FP_SEGMENT_N_FEATURES];
  const FpSegment *segments;
  gsize            n_segments;
  guint8           health_weights[FP_HEALTH_N_COMPONENTS];
  gint32           savings_apr_bps;
} FpInsightsModel;

const FpInsightsModel *fp_insights_model_get_default (void);
gboolean               fp_insights_model_validate    (const FpInsightsModel  *model,
                                                      GError                **error);

G_END_DECLS
