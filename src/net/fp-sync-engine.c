/* fp-sync-engine.c
 *
 * Keeps the encrypted cache equal to the bank's data: delivers queued
 * writes, refreshes the catalogues (with ETags where the bank gives them)
 * and follows the transaction change feed page by page. Each page goes
 * into the cache in one database transaction together with the cursor
 * after it, so a process killed at any instant resumes where the cache
 * says, with no duplicate and no gap. A reply that is damaged or breaks
 * the contract is refused before anything is written, and so is a page
 * that books onto an account the bank never listed. Every request and the
 * whole sync have deadlines; a sync reports success only after the cache
 * was read through whole (fp_cache_check_integrity()). The phases are
 * in fp-sync-catalogues.c and fp-sync-feed.c.
 *
 * The network work runs on a worker thread with its own HTTP client; the
 * properties (state, progress, last-synced) change on the thread that
 * made the engine, so widgets can bind to them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fp-bank-schema.h"
#include "fp-cache-integrity.h"
/* _fp_cache_end_bulk_load(): the engine is the one that knows when the
 * change feed is through. */
#include "fp-cache-private.h"
#include "fp-http-client.h"
#include "fp-http-policy.h"
#include "fp-json-strict.h"
#include "fp-net-error.h"
#include "fp-net-private.h"
#include "fp-oauth-client.h"
#include "fp-outbox.h"
#include "fp-sync-engine.h"
#include "fp-sync-engine-private.h"

G_DEFINE_FINAL_TYPE (FpSyncEngine, fp_sync_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_RECEIVED,
  PROP_ESTIMATED,
  PROP_LAST_SYNCED,
  PROP_ERROR_MESSAGE,
  PROP_RETRY_IN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_fp_sync_wipe_free (char **p)
{
  if (*p != NULL)
    {
      memset (*p, 0, strlen (*p));
      g_clear_pointer (p, g_free);
    }
}

static void
fp_sync_engine_dispose (GObject *object)
{
  FpSyncEngine *self = FP_SYNC_ENGINE (object);

  fp_sync_engine_stop (self);
  G_OBJECT_CLASS (fp_sync_engine_parent_class)->dispose (object);
}

static void
fp_sync_engine_finalize (GObject *object)
{
  FpSyncEngine *self = FP_SYNC_ENGINE (object);

  _fp_sync_wipe_free (&self->access_token);
  _fp_sync_wipe_free (&self->refresh_token);
  g_mutex_clear (&self->lock);
  g_clear_object (&self->cache);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->base_url);
  g_free (self->error_message);
  G_OBJECT_CLASS (fp_sync_engine_parent_class)->finalize (object);
}

static void
fp_sync_engine_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FpSyncEngine *self = FP_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_uint (value, self->state);
      break;
    case PROP_RECEIVED:
      g_value_set_uint64 (value, self->received);
      break;
    case PROP_ESTIMATED:
      g_value_set_uint64 (value, self->estimated);
      break;
    case PROP_LAST_SYNCED:
      g_value_set_int64 (value, self->last_synced);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_RETRY_IN:
      g_value_set_int64 (value, self->retry_in);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_sync_engine_class_init (FpSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = fp_sync_engine_dispose;
  object_class->finalize = fp_sync_engine_finalize;
  object_class->get_property = fp_sync_engine_get_property;

  /**
   * FpSyncEngine:state:
   *
   * The #FpSyncState.
   */
  properties[PROP_STATE] =
    g_param_spec_uint ("state", NULL, NULL, 0, FP_SYNC_STATE_CIRCUIT_OPEN, 0, flags);
  /**
   * FpSyncEngine:received:
   *
   * Transaction changes received in the running sync so far.
   */
  properties[PROP_RECEIVED] =
    g_param_spec_uint64 ("received", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  /**
   * FpSyncEngine:estimated:
   *
   * Transaction changes the running sync expects in all, from the bank's
   * latest sequence number.
   */
  properties[PROP_ESTIMATED] =
    g_param_spec_uint64 ("estimated", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  /**
   * FpSyncEngine:last-synced:
   *
   * When the last sync finished, Unix seconds; 0 for never.
   */
  properties[PROP_LAST_SYNCED] =
    g_param_spec_int64 ("last-synced", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL, flags);
  properties[PROP_RETRY_IN] =
    g_param_spec_int64 ("retry-in", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fp_sync_engine_init (FpSyncEngine *self)
{
  g_mutex_init (&self->lock);
  self->page_size = DEFAULT_PAGE_SIZE;
  self->parts = FP_SYNC_ALL;
  self->max_attempts = 6;
  self->base_ms = 250;
  self->cap_ms = 8000;
  self->request_ms = DEFAULT_REQUEST_MS;
  self->sync_ms = DEFAULT_SYNC_MS;
  self->per_page_ms = DEFAULT_PER_PAGE_MS;
  fp_breaker_init (&self->breaker, 8, 15);
}

/**
 * fp_sync_engine_new:
 * @cache: the open cache
 * @base_url: the bank's API base URL
 *
 * Returns: (transfer full): an engine; its properties change on the thread
 *   that calls this
 */
FpSyncEngine *
fp_sync_engine_new (FpCache    *cache,
                    const char *base_url)
{
  FpSyncEngine *self;
  gint64 last = 0;

  g_return_val_if_fail (FP_IS_CACHE (cache), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (FP_TYPE_SYNC_ENGINE, NULL);
  self->cache = g_object_ref (cache);
  self->base_url = g_strdup (base_url);
  self->owner = g_thread_self ();
  self->context = g_main_context_ref_thread_default ();
  if (fp_cache_get_last_synced (cache, FEED_RESOURCE, &last, NULL))
    self->last_synced = last;
  return self;
}

void
fp_sync_engine_set_demo (FpSyncEngine *self,
                         gboolean      demo)
{
  g_return_if_fail (FP_IS_SYNC_ENGINE (self));
  self->demo = demo;
}

void
fp_sync_engine_set_use_keyring (FpSyncEngine *self,
                                gboolean      use_keyring)
{
  g_return_if_fail (FP_IS_SYNC_ENGINE (self));
  self->use_keyring = use_keyring;
}

void
fp_sync_engine_set_page_size (FpSyncEngine *self,
                              guint         page_size)
{
  g_return_if_fail (FP_IS_SYNC_ENGINE (self));
  self->page_size = CLAMP (page_size, 1, 1000);
}

void
fp_sync_engine_set_parts (FpSyncEngine *self,
                          FpSyncParts   parts)
{
  g_return_if_fail (FP_IS_SYNC_ENGINE (self));
  self->parts = parts;
}

/**
 * fp_sync_engine_set_breaker:
 * @self: an engine
 * @threshold: consecutive failures that open the circuit breaker
 * @open_seconds: how long it stays open before one trial request
 */
void
fp_sync_engine_set_breaker (FpSyncEngine *self,
                            guint         threshold,
                            gint64        open_seconds)
{
  g_return_if_fail (FP_IS_SYNC_ENGINE (self));

  g_mutex_lock (&self->lock);
  fp_breaker_init (&self->breaker, threshold, open_seconds);
  g_mutex_unlock (&self->lock);
}

void
fp_sync_engine_set_retry (FpSyncEngine *self,
                          guint         max_attempts,
                          guint         base_ms,
                          guint         cap_ms)
{
  g_return_if_fail (FP_IS_SYNC_ENGINE (self));
  self->max_attempts = MAX (1, max_attempts);
  self->base_ms = base_ms;
  self->cap_ms = MAX (base_ms, cap_ms);
}

/**
 * fp_sync_engine_set_deadlines:
 * @self: an engine
 * @request_ms: how long one request may take, its retries included
 * @sync_ms: how long a sync may take before the change feed's size is
 *   known
 * @per_page_ms: what each page of the feed still to come adds to that,
 *   counted once the first page tells how many there are
 *
 * Besides the connection's inactivity timeout: a bank that answers a byte
 * at a time, or sends its headers and then nothing, fails the request
 * with %FP_NET_ERROR_TOO_SLOW or the sync with
 * %FP_NET_ERROR_SYNC_TOO_SLOW. Defaults: 30 s, 3 min and 2 s. The pages
 * written before a deadline stay, with their cursor.
 */
void
fp_sync_engine_set_deadlines (FpSyncEngine *self,
                              guint         request_ms,
                              guint         sync_ms,
                              guint         per_page_ms)
{
  g_return_if_fail (FP_IS_SYNC_ENGINE (self));
  self->request_ms = MAX (1, request_ms);
  self->sync_ms = MAX (1, sync_ms);
  self->per_page_ms = per_page_ms;
}

/**
 * fp_sync_engine_dup_access_token:
 * @self: a #FpSyncEngine
 *
 * The access token of the last run, for other calls to the same bank (the
 * GenAI proxy of the demo bank). Never log it.
 *
 * Returns: (transfer full) (nullable): the token, or %NULL before the first
 *   sign-in; free it with fp_keyring_free_token()
 */
char *
fp_sync_engine_dup_access_token (FpSyncEngine *self)
{
  char *token;

  g_return_val_if_fail (FP_IS_SYNC_ENGINE (self), NULL);

  g_mutex_lock (&self->lock);
  token = g_strdup (self->access_token);
  g_mutex_unlock (&self->lock);

  return token;
}

/**
 * fp_sync_engine_import_tokens:
 * @self: a #FpSyncEngine
 * @access_token: (nullable): an access token
 * @refresh_token: (nullable): a refresh token
 * @expires_at: when @access_token expires, Unix seconds
 *
 * Starts the engine with a sign-in made elsewhere (a kiosk's device
 * grant): the next run uses these tokens before the keyring or the demo
 * flow.
 */
void
fp_sync_engine_import_tokens (FpSyncEngine *self,
                              const char   *access_token,
                              const char   *refresh_token,
                              gint64        expires_at)
{
  g_return_if_fail (FP_IS_SYNC_ENGINE (self));

  g_mutex_lock (&self->lock);
  _fp_sync_wipe_free (&self->access_token);
  _fp_sync_wipe_free (&self->refresh_token);
  self->access_token = g_strdup (access_token);
  self->refresh_token = g_strdup (refresh_token);
  self->expires_at = expires_at;
  g_mutex_unlock (&self->lock);
}

/**
 * fp_sync_engine_export_tokens:
 * @self: a #FpSyncEngine
 * @out_access_token: (out) (transfer full) (nullable): the access token
 * @out_refresh_token: (out) (transfer full) (nullable): the refresh token
 *   (rotated by refreshes since the import)
 * @out_expires_at: (out): when the access token expires
 *
 * The tokens after the last run, to revoke them. Never log them; free them
 * with fp_keyring_free_token().
 */
void
fp_sync_engine_export_tokens (FpSyncEngine  *self,
                              char         **out_access_token,
                              char         **out_refresh_token,
                              gint64        *out_expires_at)
{
  g_return_if_fail (FP_IS_SYNC_ENGINE (self));

  g_mutex_lock (&self->lock);
  *out_access_token = g_strdup (self->access_token);
  *out_refresh_token = g_strdup (self->refresh_token);
  *out_expires_at = self->expires_at;
  g_mutex_unlock (&self->lock);
}

FpSyncState
fp_sync_engine_get_state (FpSyncEngine *self)
{
  g_return_val_if_fail (FP_IS_SYNC_ENGINE (self), FP_SYNC_STATE_IDLE);
  return self->state;
}

guint64
fp_sync_engine_get_received (FpSyncEngine *self)
{
  g_return_val_if_fail (FP_IS_SYNC_ENGINE (self), 0);
  return self->received;
}

guint64
fp_sync_engine_get_estimated (FpSyncEngine *self)
{
  g_return_val_if_fail (FP_IS_SYNC_ENGINE (self), 0);
  return self->estimated;
}

gint64
fp_sync_engine_get_last_synced (FpSyncEngine *self)
{
  g_return_val_if_fail (FP_IS_SYNC_ENGINE (self), 0);
  return self->last_synced;
}

const char *
fp_sync_engine_get_error_message (FpSyncEngine *self)
{
  g_return_val_if_fail (FP_IS_SYNC_ENGINE (self), NULL);
  return self->error_message;
}

gint64
fp_sync_engine_get_retry_in (FpSyncEngine *self)
{
  g_return_val_if_fail (FP_IS_SYNC_ENGINE (self), 0);
  return self->retry_in;
}

/**
 * fp_sync_engine_get_n_requests:
 * @self: an engine
 *
 * Returns: HTTP attempts made by the last run (retries included)
 */
guint64
fp_sync_engine_get_n_requests (FpSyncEngine *self)
{
  g_return_val_if_fail (FP_IS_SYNC_ENGINE (self), 0);
  return self->n_requests;
}

/* Reporting to the owner thread */

enum {
  UPDATE_STATE     = 1 << 0,
  UPDATE_PROGRESS  = 1 << 1,
  UPDATE_SYNCED    = 1 << 2,
  UPDATE_MESSAGE   = 1 << 3,
  UPDATE_RETRY_IN  = 1 << 4,
};

typedef struct {
  FpSyncEngine *self;
  guint         what;
  FpSyncState   state;
  guint64       received;
  guint64       estimated;
  gint64        last_synced;
  char         *message;
  gint64        retry_in;
} Update;

static void
update_free (Update *u)
{
  g_object_unref (u->self);
  g_free (u->message);
  g_free (u);
}

static gboolean
apply_update (gpointer data)
{
  Update *u = data;
  FpSyncEngine *self = u->self;
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  if ((u->what & UPDATE_STATE) && self->state != u->state)
    {
      self->state = u->state;
      g_object_notify_by_pspec (object, properties[PROP_STATE]);
    }
  if (u->what & UPDATE_PROGRESS)
    {
      if (self->received != u->received)
        {
          self->received = u->received;
          g_object_notify_by_pspec (object, properties[PROP_RECEIVED]);
        }
      if (self->estimated != u->estimated)
        {
          self->estimated = u->estimated;
          g_object_notify_by_pspec (object, properties[PROP_ESTIMATED]);
        }
    }
  if ((u->what & UPDATE_SYNCED) && self->last_synced != u->last_synced)
    {
      self->last_synced = u->last_synced;
      g_object_notify_by_pspec (object, properties[PROP_LAST_SYNCED]);
    }
  if ((u->what & UPDATE_MESSAGE) && g_strcmp0 (self->error_message, u->message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (u->message);
      g_object_notify_by_pspec (object, properties[PROP_ERROR_MESSAGE]);
    }
  if ((u->what & UPDATE_RETRY_IN) && self->retry_in != u->retry_in)
    {
      self->retry_in = u->retry_in;
      g_object_notify_by_pspec (object, properties[PROP_RETRY_IN]);
    }
  g_object_thaw_notify (object);
  return G_SOURCE_REMOVE;
}

static void
report (Update *u)
{
  if (g_thread_self () == u->self->owner)
    {
      apply_update (u);
      update_free (u);
    }
  else
    {
      /* On the engine's thread, always: g_main_context_invoke() would run
       * it right here, on the worker, whenever nobody iterates that
       * context at the moment, and the listeners (the session's consent
       * sync) would race the thread that owns them. */
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, apply_update, u, (GDestroyNotify) update_free);
      g_source_attach (source, u->self->context);
      g_source_unref (source);
    }
}

static Update *
update_new (FpSyncEngine *self,
            guint         what)
{
  Update *u = g_new0 (Update, 1);

  u->self = g_object_ref (self);
  u->what = what;
  return u;
}

static void
report_state (FpSyncEngine *self,
              FpSyncState   state)
{
  Update *u = update_new (self, UPDATE_STATE);

  u->state = state;
  report (u);
}

void
_fp_sync_engine_report_progress (FpSyncEngine *self,
                                 guint64       received,
                                 guint64       estimated)
{
  Update *u = update_new (self, UPDATE_PROGRESS);

  u->received = received;
  u->estimated = estimated;
  report (u);
}

/* One run */

static gboolean
sign_in (FpSyncEngine  *self,
         FpOAuthClient *oauth,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GError) local = NULL;

  g_mutex_lock (&self->lock);
  if (self->access_token != NULL || self->refresh_token != NULL)
    fp_oauth_client_import_tokens (oauth, self->access_token, self->refresh_token,
                                   self->expires_at);
  g_mutex_unlock (&self->lock);

  if (fp_oauth_client_is_signed_in (oauth))
    {
      /* Refresh a token about to expire rather than fail a page. */
      if (fp_oauth_client_get_expires_at (oauth) > g_get_real_time () / G_USEC_PER_SEC + 120
          || fp_oauth_client_refresh (oauth, cancellable, NULL))
        return TRUE;
    }
  if (self->use_keyring && fp_oauth_client_resume (oauth, cancellable, &local))
    return TRUE;
  if (local != NULL)
    g_debug ("silent sign-in failed: %s", local->message);
  if (self->demo)
    return fp_oauth_client_sign_in (oauth, FP_OAUTH_SIGN_IN_DEMO, cancellable, error);
  g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_UNAUTHORIZED,
                       _("Please sign in to your bank."));
  return FALSE;
}

static gboolean
run (FpSyncEngine  *self,
     GCancellable  *cancellable,
     GError       **error)
{
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(FpOAuthClient) oauth = NULL;
  g_autoptr(GError) local = NULL;
  guint64 feed_requests = 0;
  gboolean ok = FALSE;
  gint64 started = g_get_monotonic_time ();
  gint64 deadline = started + (gint64) self->sync_ms * 1000;
  Update *u;

  report_state (self, FP_SYNC_STATE_SYNCING);
  _fp_sync_engine_report_progress (self, 0, 0);

  http = fp_http_client_new (self->base_url, &local);
  if (http != NULL)
    {
      fp_http_client_set_retry (http, self->max_attempts, self->base_ms, self->cap_ms);
      fp_http_client_set_request_timeout (http, self->request_ms);
      fp_http_client_set_deadline (http, deadline);
      g_mutex_lock (&self->lock);
      fp_http_client_restore_breaker (http, &self->breaker);
      g_mutex_unlock (&self->lock);
      oauth = fp_oauth_client_new (http);
      fp_oauth_client_set_keyring (oauth, self->use_keyring, NULL);
      ok = sign_in (self, oauth, cancellable, &local)
           && (!(self->parts & FP_SYNC_OUTBOX)
               || fp_outbox_deliver (self->cache, http, NULL, cancellable, &local))
           && (!(self->parts & FP_SYNC_CATALOGUES)
               || _fp_sync_engine_sync_catalogues (self, http, cancellable, &local))
           && (!(self->parts & FP_SYNC_TRANSACTIONS)
               || _fp_sync_engine_sync_feed (self, http, oauth, started, deadline, &feed_requests,
                             cancellable, &local))
           /* Nothing is reported synced from a damaged cache. */
           && fp_cache_check_integrity (self->cache, &local);

      g_mutex_lock (&self->lock);
      _fp_sync_wipe_free (&self->access_token);
      _fp_sync_wipe_free (&self->refresh_token);
      fp_oauth_client_export_tokens (oauth, &self->access_token, &self->refresh_token,
                                     &self->expires_at);
      fp_http_client_save_breaker (http, &self->breaker);
      g_mutex_unlock (&self->lock);
      self->n_requests = fp_http_client_get_n_attempts (http) + feed_requests;
    }

  u = update_new (self, UPDATE_STATE | UPDATE_MESSAGE | UPDATE_RETRY_IN);
  if (ok)
    {
      u->what |= UPDATE_SYNCED;
      u->state = FP_SYNC_STATE_IDLE;
      u->last_synced = g_get_real_time () / G_USEC_PER_SEC;
    }
  else
    {
      u->message = g_strdup (local->message);
      if (g_error_matches (local, FP_NET_ERROR, FP_NET_ERROR_CIRCUIT_OPEN))
        {
          u->state = FP_SYNC_STATE_CIRCUIT_OPEN;
          u->retry_in = MAX (1, fp_http_client_get_retry_in (http));
        }
      else if (g_error_matches (local, FP_NET_ERROR, FP_NET_ERROR_UNREACHABLE)
               && !g_network_monitor_get_network_available (g_network_monitor_get_default ()))
        u->state = FP_SYNC_STATE_OFFLINE;
      else
        u->state = FP_SYNC_STATE_ERROR;
      g_debug ("sync failed: %s", local->message);
      /* Writes still waiting say why (also when signing in failed). */
      if (self->parts & FP_SYNC_OUTBOX)
        fp_outbox_note_failure (self->cache, local);
      g_propagate_error (error, g_steal_pointer (&local));
    }
  report (u);
  return ok;
}

/**
 * fp_sync_engine_run:
 * @self: an engine
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Runs one sync on the calling thread (blocking): for the command line,
 * tests and benchmarks. Signs in first if needed (the demo flow when
 * fp_sync_engine_set_demo() was set).
 *
 * Returns: %TRUE when the cache is up to date
 */
gboolean
fp_sync_engine_run (FpSyncEngine  *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (FP_IS_SYNC_ENGINE (self), FALSE);
  return run (self, cancellable, error);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (run (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * fp_sync_engine_sync_async:
 * @self: an engine
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Runs one sync on a worker thread.
 */
void
fp_sync_engine_sync_async (FpSyncEngine        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FP_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_sync_engine_sync_async);
  g_task_run_in_thread (task, sync_thread);
}

gboolean
fp_sync_engine_sync_finish (FpSyncEngine  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Running in the background: on network changes, periodically, after the
 * breaker's delay, and when asked (fp_sync_engine_sync_soon()). */

static void schedule_sync (FpSyncEngine *self);

static gboolean
retry_cb (gpointer data)
{
  FpSyncEngine *self = data;

  self->retry_id = 0;
  schedule_sync (self);
  return G_SOURCE_REMOVE;
}

static void
background_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  FpSyncEngine *self = FP_SYNC_ENGINE (source);
  g_autoptr(GError) error = NULL;

  self->running = FALSE;
  if (!fp_sync_engine_sync_finish (self, result, &error)
      && self->state == FP_SYNC_STATE_CIRCUIT_OPEN && self->cancellable != NULL
      && self->retry_id == 0)
    self->retry_id = g_timeout_add_seconds ((guint) MAX (1, self->retry_in), retry_cb, self);
  else if (self->again)
    {
      self->again = FALSE;
      schedule_sync (self);
    }
}

static void
schedule_sync (FpSyncEngine *self)
{
  if (self->cancellable == NULL)
    return;
  if (self->running)
    {
      /* Asked while a sync runs (a write queued after its outbox step, say):
       * one more when it ends. */
      self->again = TRUE;
      return;
    }
  if (self->monitor != NULL && !g_network_monitor_get_network_available (self->monitor))
    {
      report_state (self, FP_SYNC_STATE_OFFLINE);
      return;
    }
  self->running = TRUE;
  fp_sync_engine_sync_async (self, self->cancellable, background_done_cb, NULL);
}

static gboolean
periodic_cb (gpointer data)
{
  schedule_sync (data);
  return G_SOURCE_CONTINUE;
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    gpointer         user_data)
{
  FpSyncEngine *self = user_data;

  if (!available)
    {
      if (!self->running)
        report_state (self, FP_SYNC_STATE_OFFLINE);
      return;
    }
  if (self->state == FP_SYNC_STATE_OFFLINE || self->state == FP_SYNC_STATE_ERROR)
    schedule_sync (self);
}

/**
 * fp_sync_engine_start:
 * @self: an engine
 * @interval_seconds: seconds between periodic syncs, 0 for none
 *
 * Syncs now, then again when the network comes back (GNetworkMonitor),
 * every @interval_seconds while running, and after an open circuit
 * breaker's delay. Call on the engine's thread.
 */
void
fp_sync_engine_start (FpSyncEngine *self,
                      guint         interval_seconds)
{
  g_return_if_fail (FP_IS_SYNC_ENGINE (self));

  if (self->cancellable != NULL)
    return;
  self->cancellable = g_cancellable_new ();
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_id = g_signal_connect (self->monitor, "network-changed",
                                       G_CALLBACK (network_changed_cb), self);
  if (interval_seconds > 0)
    self->periodic_id = g_timeout_add_seconds (interval_seconds, periodic_cb, self);
  schedule_sync (self);
}

/**
 * fp_sync_engine_stop:
 * @self: an engine
 *
 * Stops background syncing and cancels a running sync.
 */
void
fp_sync_engine_stop (FpSyncEngine *self)
{
  g_return_if_fail (FP_IS_SYNC_ENGINE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->periodic_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->network_id, self->monitor);
  g_clear_object (&self->monitor);
}

/**
 * fp_sync_engine_sync_soon:
 * @self: a #FpSyncEngine started with fp_sync_engine_start()
 *
 * Syncs now, in the background; if a sync is running, once more when it
 * ends. The "Refresh" action, and what a new write in the outbox asks for.
 */
void
fp_sync_engine_sync_soon (FpSyncEngine *self)
{
  g_return_if_fail (FP_IS_SYNC_ENGINE (self));

  schedule_sync (self);
}
