/* fp-categories.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FpCategory:
 *
 * Spending categories. The numeric values are only stable within one build;
 * store and exchange the string id from fp_category_get_id().
 */
typedef enum {
  FP_CATEGORY_DINING,
  FP_CATEGORY_GROCERIES,
  FP_CATEGORY_TRANSPORT,
  FP_CATEGORY_TRAVEL,
  FP_CATEGORY_SHOPPING,
  FP_CATEGORY_ENTERTAINMENT,
  FP_CATEGORY_HEALTH,
  FP_CATEGORY_UTILITIES,
  FP_CATEGORY_HOUSING,
  FP_CATEGORY_EDUCATION,
  FP_CATEGORY_SERVICES,
  FP_CATEGORY_INSURANCE,
  FP_CATEGORY_GOVERNMENT,
  FP_CATEGORY_GIVING,
  FP_CATEGORY_CASH,
  FP_CATEGORY_FEES,
  FP_CATEGORY_TRANSFERS,
  FP_CATEGORY_INCOME,
  FP_CATEGORY_OTHER,
} FpCategory;

#define FP_N_CATEGORIES (FP_CATEGORY_OTHER + 1)

const char *fp_category_get_id            (FpCategory  category);
const char *fp_category_get_display_name  (FpCategory  category);
gboolean    fp_category_from_id           (const char *id,
                                           FpCategory *out_category);
FpCategory  fp_category_for_mcc           (guint       mcc);
FpCategory  fp_category_for_transaction   (const char *bank_code,
                                           guint       mcc);
gboolean    fp_category_mcc_is_mapped     (guint       mcc);
gboolean    fp_category_is_spending       (FpCategory  category);
gboolean    fp_category_is_essential      (FpCategory  category);
gboolean    fp_category_is_discretionary  (FpCategory  category);

G_END_DECLS
