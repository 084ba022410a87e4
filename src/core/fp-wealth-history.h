/* fp-wealth-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Net worth over time for the Holistic Wealth Optimizer, from the
 * balances of today walked back through the booked transactions: the
 * counted accounts' balance at the end of a month is today's balance less
 * every booked transaction on them after that day (declined and pending
 * ones moved no balance). What has no history on the device (holdings,
 * which have no price history, and the items added by hand) is counted at
 * today's value in every month; @fixed_minor carries it.
 */

#pragma once

#include <glib.h>

#include "fp-insights-types.h"

G_BEGIN_DECLS

/**
 * FpWealthPoint:
 * @day: the last day of a month (days since 1970-01-01), today for the
 *   last point
 * @net_worth_minor: the net worth at the end of that day
 */
typedef struct {
  gint32 day;
  gint64 net_worth_minor;
} FpWealthPoint;

GArray *fp_wealth_history (const FpTxn   *txns,
                           gsize          n_txns,
                           const guint32 *account_ids,
                           gsize          n_accounts,
                           gint64         accounts_minor,
                           gint64         fixed_minor,
                           gint32         first_day,
                           gint32         today,
                           guint          n_months);

G_END_DECLS
