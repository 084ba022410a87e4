/* fp-transaction-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-cache.h"
#include "fp-transaction.h"

G_BEGIN_DECLS

/* Rows read from the cache at once, and pages kept in memory. */
#define FP_TRANSACTION_MODEL_PAGE_SIZE 200
#define FP_TRANSACTION_MODEL_MAX_PAGES 12

#define FP_TYPE_TRANSACTION_MODEL (fp_transaction_model_get_type ())

G_DECLARE_FINAL_TYPE (FpTransactionModel, fp_transaction_model, FP, TRANSACTION_MODEL, GObject)

FpTransactionModel *fp_transaction_model_new           (FpCache            *cache);
FpCache            *fp_transaction_model_get_cache     (FpTransactionModel *self);
void                fp_transaction_model_set_cache     (FpTransactionModel *self,
                                                        FpCache            *cache);
const FpTxnFilter  *fp_transaction_model_get_filter    (FpTransactionModel *self);
void                fp_transaction_model_set_filter    (FpTransactionModel *self,
                                                        const FpTxnFilter  *filter);
void                fp_transaction_model_reload        (FpTransactionModel *self);
gboolean            fp_transaction_model_get_loading   (FpTransactionModel *self);
const GError       *fp_transaction_model_get_error     (FpTransactionModel *self);
guint               fp_transaction_model_get_n_pages   (FpTransactionModel *self);
guint               fp_transaction_model_get_n_fetches (FpTransactionModel *self);

gboolean            fp_txn_filter_is_empty             (const FpTxnFilter  *filter);

G_END_DECLS
