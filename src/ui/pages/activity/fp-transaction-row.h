/* fp-transaction-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-transaction.h"

G_BEGIN_DECLS

#define FP_TYPE_TRANSACTION_ROW (fp_transaction_row_get_type ())

G_DECLARE_FINAL_TYPE (FpTransactionRow, fp_transaction_row, FP, TRANSACTION_ROW, AdwBin)

GtkWidget     *fp_transaction_row_new          (void);
FpTransaction *fp_transaction_row_get_item     (FpTransactionRow *self);
void           fp_transaction_row_set_item     (FpTransactionRow *self,
                                                FpTransaction    *item,
                                                FpTransaction    *previous,
                                                GHashTable       *account_names);
void           fp_transaction_row_set_compact  (FpTransactionRow *self,
                                                gboolean          compact);
const char    *fp_transaction_row_get_amount_text (FpTransactionRow *self);

const char    *fp_activity_category_icon_name  (const char       *category_id);
char          *fp_activity_format_amount       (gint64            amount_minor,
                                                const char       *currency);
char          *fp_activity_format_day          (gint32            day);

G_END_DECLS
