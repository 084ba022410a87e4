/* fp-merchant-names.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the customer calls a merchant: the bank's name for it, or the kind
 * of place and its city ("Grocery store in Boise"), never a number.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *fp_merchant_display_name  (const char *bank_name,
                                     const char *merchant,
                                     const char *bank_category,
                                     guint       mcc,
                                     const char *city,
                                     gboolean    online);
gboolean  fp_merchant_text_is_name  (const char *text);

G_END_DECLS
