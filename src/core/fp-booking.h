/* fp-booking.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one rule for what is booked: declined attempts are not.
 */

#pragma once

#include <glib.h>

#include "fp-insights-types.h"

G_BEGIN_DECLS

/**
 * FpTxnState:
 * @FP_TXN_STATE_BOOKED: booked: it moved the balance
 * @FP_TXN_STATE_PENDING: authorised, not booked yet
 * @FP_TXN_STATE_DECLINED: the bank declined the attempt; it moved nothing
 */
typedef enum {
  FP_TXN_STATE_BOOKED,
  FP_TXN_STATE_PENDING,
  FP_TXN_STATE_DECLINED,
} FpTxnState;

FpTxnState  fp_txn_state_from_feed  (const char *status,
                                     guint       n_errors);
guint32     fp_txn_state_flags      (FpTxnState  state);

/**
 * fp_txn_is_declined:
 * @t: a transaction
 *
 * Returns: %TRUE if @t was declined and must not count anywhere
 */
static inline gboolean
fp_txn_is_declined (const FpTxn *t)
{
  return (t->flags & FP_TXN_DECLINED) != 0;
}

/**
 * fp_txn_counts:
 * @t: a transaction
 *
 * The one test every figure applies before it counts a transaction: in
 * spending, income, recurring payments, alerts, the forecast's history and
 * any balance derived from transactions. Declined attempts do not count;
 * pending ones do (the money is held already). Activity still lists what
 * does not count.
 *
 * Returns: %TRUE if @t counts as money that moved
 */
static inline gboolean
fp_txn_counts (const FpTxn *t)
{
  return !fp_txn_is_declined (t);
}

G_END_DECLS
