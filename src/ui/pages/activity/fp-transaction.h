/* fp-transaction.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fp-cache.h"

G_BEGIN_DECLS

#define FP_TYPE_TRANSACTION (fp_transaction_get_type ())

G_DECLARE_FINAL_TYPE (FpTransaction, fp_transaction, FP, TRANSACTION, GObject)

FpTransaction *fp_transaction_new_placeholder (guint          position);
guint          fp_transaction_get_position    (FpTransaction *self);
gboolean       fp_transaction_get_loaded      (FpTransaction *self);
const FpCachedTxn   *fp_transaction_get_txn         (FpTransaction *self);
void           fp_transaction_fill            (FpTransaction *self,
                                               FpCachedTxn         *txn);

G_END_DECLS
