/* fp-booking.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-booking"

#include "config.h"

#include "fp-booking.h"

/**
 * fp_txn_state_from_feed:
 * @status: (nullable): the feed's `status` ("Booked", "Pending", "Declined")
 * @n_errors: how many entries the feed's `errors` list has
 *
 * A card attempt with any error (TabFormer's "Insufficient Balance", "Bad
 * PIN", "Technical Glitch", …) was declined by the bank, whatever its status
 * says: the customer's retry, if any, is a transaction of its own. This is
 * the one place that decides it; the store keeps declined rows (Activity
 * shows them) and everything that counts money skips them.
 *
 * Returns: the state
 */
FpTxnState
fp_txn_state_from_feed (const char *status,
                        guint       n_errors)
{
  if (n_errors > 0 || g_strcmp0 (status, "Declined") == 0)
    return FP_TXN_STATE_DECLINED;
  if (g_strcmp0 (status, "Pending") == 0)
    return FP_TXN_STATE_PENDING;
  return FP_TXN_STATE_BOOKED;
}

/**
 * fp_txn_state_flags:
 * @state: a state
 *
 * Returns: the #FpTxnFlags that mark @state on an #FpTxn
 */
guint32
fp_txn_state_flags (FpTxnState state)
{
  switch (state)
    {
    case FP_TXN_STATE_PENDING:
      return FP_TXN_PENDING;
    case FP_TXN_STATE_DECLINED:
      return FP_TXN_DECLINED;
    case FP_TXN_STATE_BOOKED:
    default:
      return 0;
    }
}
