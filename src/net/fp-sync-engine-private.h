/* fp-sync-engine-private.h: what the pieces of the sync engine share
 * (fp-sync-engine.c, fp-sync-catalogues.c, fp-sync-feed.c); not API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-http-client.h"
#include "fp-http-policy.h"
#include "fp-oauth-client.h"
#include "fp-sync-engine.h"

G_BEGIN_DECLS

#define FEED_RESOURCE     "transactions"
#define DEFAULT_PAGE_SIZE 1000

/* Deadlines (see fp_sync_engine_set_deadlines()): a request, its retries
 * included, gets 30 s; a sync gets 3 minutes, plus 2 s per page of the
 * change feed still to come, counted from the first page (a first sync of
 * a million transactions: 1000 pages, 36 minutes in all), never more than
 * two hours, however large a feed the bank claims. */
#define DEFAULT_REQUEST_MS  30000
#define DEFAULT_SYNC_MS     (3 * 60 * 1000)
#define DEFAULT_PER_PAGE_MS 2000
#define MAX_SYNC_MS         (2 * 60 * 60 * 1000)
#define MAX_FEED_PAGES      100000

struct _FpSyncEngine {
  GObject       parent_instance;

  FpCache      *cache;
  char         *base_url;
  gboolean      demo;
  gboolean      use_keyring;
  guint         page_size;
  FpSyncParts   parts;
  guint         max_attempts;
  guint         base_ms;
  guint         cap_ms;
  guint         request_ms;
  guint         sync_ms;
  guint         per_page_ms;
  FpBreaker     breaker;   /* carried from run to run; guarded by lock */

  GThread      *owner;
  GMainContext *context;

  /* Tokens handed from one run to the next; guarded by lock. */
  GMutex        lock;
  char         *access_token;
  char         *refresh_token;
  gint64        expires_at;

  FpSyncState   state;
  guint64       received;
  guint64       estimated;
  gint64        last_synced;
  char         *error_message;
  gint64        retry_in;
  guint64       n_requests;

  gboolean      running;
  gboolean      again;
  GCancellable *cancellable;
  GNetworkMonitor *monitor;
  gulong        network_id;
  guint         periodic_id;
  guint         retry_id;
};

/* Engine (fp-sync-engine.c) */
void     _fp_sync_wipe_free              (char          **p);
void     _fp_sync_engine_report_progress (FpSyncEngine   *self,
                                          guint64         received,
                                          guint64         estimated);

/* Catalogues (fp-sync-catalogues.c) */
gboolean _fp_sync_schema_error           (GError        **error,
                                          const char     *where);
gboolean _fp_sync_engine_sync_catalogues (FpSyncEngine   *self,
                                          FpHttpClient   *http,
                                          GCancellable   *cancellable,
                                          GError        **error);

/* The change feed (fp-sync-feed.c) */
gboolean _fp_sync_engine_sync_feed       (FpSyncEngine   *self,
                                          FpHttpClient   *http,
                                          FpOAuthClient  *oauth,
                                          gint64          started,
                                          gint64          deadline,
                                          guint64        *out_requests,
                                          GCancellable   *cancellable,
                                          GError        **error);

G_END_DECLS
