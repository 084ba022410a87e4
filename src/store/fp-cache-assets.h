/* fp-cache-assets.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Assets and debts the customer adds by hand for the Holistic Wealth
 * Optimizer (a home, a car, a pension, another bank's account, a mortgage),
 * in the cache's local-only `manual_assets` table: encrypted like the rest,
 * never touched by a sync, kept by every migration, part of "Download my
 * data" (fp_cache_export()) and gone with fp_cache_erase(). They reach the
 * bank never: nothing here is queued.
 *
 * Values are signed minor units: what is owned positive, what is owed
 * negative; the kind says which (fp_wealth_kind_is_debt()).
 */

#pragma once

#include <gio/gio.h>

#include "fp-cache.h"
#include "fp-wealth.h"

G_BEGIN_DECLS

#define FP_CACHE_ASSET_MAX_ID   64
#define FP_CACHE_ASSET_MAX_NAME 200
#define FP_CACHE_MAX_ASSETS     1000

/**
 * FpManualAsset:
 * @id: the caller's id, unique in the cache
 * @name: what the customer calls it
 * @kind: a manual kind: home, car, pension, other account or asset,
 *   mortgage or other debt
 * @value_minor: owned positive, owed negative
 * @currency: ISO 4217 code
 * @rate_bps: a debt's interest rate or an account's, a year (0: none)
 * @created: unix seconds of the first save
 * @updated: unix seconds of the last save
 */
typedef struct {
  char         *id;
  char         *name;
  FpWealthKind  kind;
  gint64        value_minor;
  char         *currency;
  gint32        rate_bps;
  gint64        created;
  gint64        updated;
} FpManualAsset;

gboolean   fp_manual_kind_is_valid     (FpWealthKind   kind);
GPtrArray *fp_cache_list_manual_assets (FpCache       *self,
                                        GError       **error);
gboolean   fp_cache_save_manual_asset  (FpCache       *self,
                                        const char    *id,
                                        const char    *name,
                                        FpWealthKind   kind,
                                        gint64         value_minor,
                                        const char    *currency,
                                        gint32         rate_bps,
                                        GError       **error);
gboolean   fp_cache_delete_manual_asset (FpCache      *self,
                                        const char    *id,
                                        GError       **error);
void       fp_manual_asset_free        (FpManualAsset *asset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpManualAsset, fp_manual_asset_free)

G_END_DECLS
