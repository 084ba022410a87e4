/* fp-cache-activity.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-cache.h"

G_BEGIN_DECLS

/**
 * FpTxnKey:
 * @day: the row's day (yyyymmdd)
 * @minute: the row's minute of the day
 * @id: the row's bank id
 *
 * Where a row sits in the list's order (day, then minute descending, then
 * id ascending): the anchor of a keyset (seek) page.
 */
typedef struct {
  gint32 day;
  gint32 minute;
  const char *id;
} FpTxnKey;

GPtrArray *fp_cache_list_transactions_after  (FpCache           *self,
                                              const FpTxnFilter *filter,
                                              const FpTxnKey    *after,
                                              guint              skip,
                                              guint              limit,
                                              GError           **error);
GPtrArray *fp_cache_list_transactions_before (FpCache           *self,
                                              const FpTxnFilter *filter,
                                              const FpTxnKey    *before,
                                              guint              limit,
                                              GError           **error);

G_END_DECLS
