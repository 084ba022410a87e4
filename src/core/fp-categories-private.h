/* fp-categories-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-categories.h"

G_BEGIN_DECLS

#define FP_MCC_TABLE_SIZE 10000

/* The MCC table itself, for hot loops: every entry of the FP_MCC_TABLE_SIZE
 * is a valid FpCategory, unknown codes FP_CATEGORY_OTHER. */
const guint8 *fp_category_table (void);

static inline FpCategory
fp_mcc_category (const guint8 *table,
                 guint         mcc)
{
  return mcc < FP_MCC_TABLE_SIZE ? (FpCategory) table[mcc] : FP_CATEGORY_OTHER;
}

G_END_DECLS
