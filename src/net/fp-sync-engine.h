/* fp-sync-engine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-cache.h"

G_BEGIN_DECLS

/**
 * FpSyncState:
 * @FP_SYNC_STATE_IDLE: up to date as of #FpSyncEngine:last-synced
 * @FP_SYNC_STATE_SYNCING: a sync is running; see the progress properties
 * @FP_SYNC_STATE_OFFLINE: no network; the cache is shown as it is
 * @FP_SYNC_STATE_ERROR: the last sync failed; see #FpSyncEngine:error-message
 * @FP_SYNC_STATE_CIRCUIT_OPEN: the bank is not answering; the next try is
 *   in #FpSyncEngine:retry-in seconds
 */
typedef enum {
  FP_SYNC_STATE_IDLE,
  FP_SYNC_STATE_SYNCING,
  FP_SYNC_STATE_OFFLINE,
  FP_SYNC_STATE_ERROR,
  FP_SYNC_STATE_CIRCUIT_OPEN,
} FpSyncState;

/**
 * FpSyncParts:
 * @FP_SYNC_OUTBOX: deliver queued writes
 * @FP_SYNC_CATALOGUES: accounts, balances, cards, offers, consents, market
 *   data, models
 * @FP_SYNC_TRANSACTIONS: the transaction change feed
 * @FP_SYNC_ALL: everything
 */
typedef enum {
  FP_SYNC_OUTBOX       = 1 << 0,
  FP_SYNC_CATALOGUES   = 1 << 1,
  FP_SYNC_TRANSACTIONS = 1 << 2,
  FP_SYNC_ALL          = 0x7,
} FpSyncParts;

#define FP_TYPE_SYNC_ENGINE (fp_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (FpSyncEngine, fp_sync_engine, FP, SYNC_ENGINE, GObject)

FpSyncEngine *fp_sync_engine_new             (FpCache       *cache,
                                              const char    *base_url);
void          fp_sync_engine_set_demo        (FpSyncEngine  *self,
                                              gboolean       demo);
void          fp_sync_engine_set_use_keyring (FpSyncEngine  *self,
                                              gboolean       use_keyring);
void          fp_sync_engine_set_page_size   (FpSyncEngine  *self,
                                              guint          page_size);
void          fp_sync_engine_set_parts       (FpSyncEngine  *self,
                                              FpSyncParts    parts);
void          fp_sync_engine_set_breaker     (FpSyncEngine  *self,
                                              guint          threshold,
                                              gint64         open_seconds);
void          fp_sync_engine_set_retry       (FpSyncEngine  *self,
                                              guint          max_attempts,
                                              guint          base_ms,
                                              guint          cap_ms);
void          fp_sync_engine_set_deadlines   (FpSyncEngine  *self,
                                              guint          request_ms,
                                              guint          sync_ms,
                                              guint          per_page_ms);

char         *fp_sync_engine_dup_access_token (FpSyncEngine *self);
void          fp_sync_engine_import_tokens   (FpSyncEngine  *self,
                                              const char    *access_token,
                                              const char    *refresh_token,
                                              gint64         expires_at);
void          fp_sync_engine_export_tokens   (FpSyncEngine  *self,
                                              char         **out_access_token,
                                              char         **out_refresh_token,
                                              gint64        *out_expires_at);
FpSyncState   fp_sync_engine_get_state       (FpSyncEngine  *self);
guint64       fp_sync_engine_get_received    (FpSyncEngine  *self);
guint64       fp_sync_engine_get_estimated   (FpSyncEngine  *self);
gint64        fp_sync_engine_get_last_synced (FpSyncEngine  *self);
const char   *fp_sync_engine_get_error_message (FpSyncEngine *self);
gint64        fp_sync_engine_get_retry_in    (FpSyncEngine  *self);
guint64       fp_sync_engine_get_n_requests  (FpSyncEngine  *self);

gboolean      fp_sync_engine_run             (FpSyncEngine  *self,
                                              GCancellable  *cancellable,
                                              GError       **error);
void          fp_sync_engine_sync_async      (FpSyncEngine  *self,
                                              GCancellable  *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer       user_data);
gboolean      fp_sync_engine_sync_finish     (FpSyncEngine  *self,
                                              GAsyncResult  *result,
                                              GError       **error);
void          fp_sync_engine_start           (FpSyncEngine  *self,
                                              guint          interval_seconds);
void          fp_sync_engine_stop            (FpSyncEngine  *self);
void          fp_sync_engine_sync_soon       (FpSyncEngine  *self);

G_END_DECLS
