/* fp-cache-insights.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-cache.h"
#include "fp-insights-types.h"

G_BEGIN_DECLS

/**
 * FpInsightsInput:
 * @txns: (element-type FpTxn): the transactions in the range, in the
 *   cache's storage order; @FpTxn.account_id and @FpTxn.merchant_id are
 *   indices + 1 into @account_ids and @merchants (0: no merchant)
 * @accounts: (element-type FpAccountSnapshot): one per account seen in the
 *   transactions, in the order of @account_ids. The store cannot read the
 *   catalogues' JSON, so @kind is %FP_ACCOUNT_CURRENT and @balance_minor the
 *   sum of the account's transactions in the range; the JSON-aware layers
 *   overwrite them from the accounts and balances catalogues
 *   (fp_insights_input_load() in src/cli does)
 * @account_ids: (element-type utf8): the bank's account ids
 * @merchants: (element-type utf8): the merchant texts of the cache (the
 *   bank's ids, or the descriptions of its own items): what tells
 *   merchants apart, never shown
 * @merchant_names: (element-type utf8): the display name of each of
 *   @merchants, in the same order (fp_merchant_display_name())
 * @currency: (nullable): the currency of most transactions
 * @first_day: the first booking day (days since 1970-01-01 UTC), or
 *   %G_MININT32 when there are no transactions
 * @last_day: the last booking day, or %G_MININT32
 * @today: the day the dashboard is computed for: the latest booking day in
 *   the cache (or @day_to when given), %G_MININT32 for an empty cache. Not
 *   the wall clock: a cache that was not synced for a week still shows the
 *   figures of its data, and the same cache always gives the same
 *   dashboard. fp_insights_input_load() (src/cli) moves it to the day of
 *   the bank's balances when that is later (quiet days without payments),
 *   never past the real date, and uses the real date for an empty cache
 *
 * What the insights engine reads, loaded in one sequential scan.
 */
typedef struct {
  GArray    *txns;
  GArray    *accounts;
  GPtrArray *account_ids;
  GPtrArray *merchants;
  GPtrArray *merchant_names;
  char      *currency;
  gint32     first_day;
  gint32     last_day;
  gint32     today;
} FpInsightsInput;

FpInsightsInput *fp_cache_load_insights_input     (FpCache          *self,
                                                   gint32            day_from,
                                                   gint32            day_to,
                                                   GCancellable     *cancellable,
                                                   GError          **error);
void             fp_insights_input_free           (FpInsightsInput  *input);
const char      *fp_insights_input_merchant_name  (guint32           merchant_id,
                                                   gpointer          input);
gint32           fp_insights_input_find_account   (const FpInsightsInput *input,
                                                   const char       *account_id);

gint32           fp_cache_day_from_yyyymmdd       (gint32            yyyymmdd);
gint32           fp_cache_day_to_yyyymmdd         (gint32            day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpInsightsInput, fp_insights_input_free)

G_END_DECLS
