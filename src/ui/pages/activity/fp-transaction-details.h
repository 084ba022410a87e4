/* fp-transaction-details.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-cache.h"

G_BEGIN_DECLS

#define FP_TYPE_TRANSACTION_DETAILS (fp_transaction_details_get_type ())

G_DECLARE_FINAL_TYPE (FpTransactionDetails, fp_transaction_details, FP, TRANSACTION_DETAILS, AdwWindow)

FpTransactionDetails *fp_transaction_details_new      (FpCache              *cache,
                                                       const char           *transaction_id,
                                                       GError              **error);
const char           *fp_transaction_details_get_transaction_id (FpTransactionDetails *self);
void                  fp_transaction_details_reload   (FpTransactionDetails *self);

G_END_DECLS
