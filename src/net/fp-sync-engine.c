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
 * was read through whole (fp_cache_check_integrity()).
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

static void
wipe_free (char **p)
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

  wipe_free (&self->access_token);
  wipe_free (&self->refresh_token);
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
  wipe_free (&self->access_token);
  wipe_free (&self->refresh_token);
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

static void
report_progress (FpSyncEngine *self,
                 guint64       received,
                 guint64       estimated)
{
  Update *u = update_new (self, UPDATE_PROGRESS);

  u->received = received;
  u->estimated = estimated;
  report (u);
}

/* Catalogues */

typedef struct {
  FpCacheCatalogue catalogue;
  const char      *path;
  const char      *array;      /* NULL: the document is one item */
  const char      *id_member;
} ListSpec;

static const ListSpec list_specs[] = {
  { FP_CACHE_ACCOUNTS, "v1/accounts", "accounts", "accountId" },
  { FP_CACHE_BALANCES, "v1/balances", "accounts", "accountId" },
  { FP_CACHE_CARDS,    "v1/cards",    "cards",    "cardId" },
  { FP_CACHE_OFFERS,   "v1/offers",   "offers",   "offerId" },
  { FP_CACHE_CONSENTS, "v1/consents", "consents", "consentId" },
  { FP_CACHE_HOLDINGS, "v1/holdings", "holdings", "holdingId" },
};

typedef struct {
  const char *id;
  const char *path;
} DocSpec;

static const DocSpec market_docs[] = {
  { "indices", "v1/market-data/indices" },
  { "capital-market-assumptions", "v1/market-data/capital-market-assumptions" },
  { "inflation", "v1/market-data/inflation" },
  { "funds", "v1/market-data/funds" },
};

static const DocSpec model_docs[] = {
  { "index", "v1/models" },
  { "segments", "v1/models/segments" },
  { "health-score", "v1/models/health-score" },
  { "credit-line", "v1/models/credit-line" },
};

static gboolean
schema_error (GError     **error,
              const char  *where)
{
  g_debug ("reply violates the contract at %s", where);
  g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_SCHEMA,
                       _("The bank sent data the app does not understand. Nothing was changed."));
  return FALSE;
}

static gboolean
sync_list (FpSyncEngine   *self,
           FpHttpClient   *http,
           const ListSpec *spec,
           GCancellable   *cancellable,
           GError        **error)
{
  const char *resource = fp_cache_catalogue_to_resource (spec->catalogue);
  g_autofree char *old_etag = fp_cache_get_etag (self->cache, resource, NULL);
  g_autofree char *etag = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) jsons = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local = NULL;
  gboolean not_modified = FALSE;
  JsonNode *array;
  JsonArray *a;

  root = fp_http_client_get_json (http, spec->path, old_etag, FP_HTTP_MAX_CATALOGUE_BYTES,
                                  &etag, &not_modified, cancellable, &local);
  if (root == NULL && not_modified)
    {
      g_debug ("%s not modified", resource);
      return TRUE;
    }
  if (root == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return schema_error (error, spec->path);
  array = json_object_get_member (json_node_get_object (root), spec->array);
  if (array == NULL || !JSON_NODE_HOLDS_ARRAY (array))
    return schema_error (error, spec->path);
  a = json_node_get_array (array);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *item = json_array_get_element (a, i);
      JsonNode *id;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return schema_error (error, spec->path);
      id = json_object_get_member (json_node_get_object (item), spec->id_member);
      if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING
          || *json_node_get_string (id) == '\0'
          || g_hash_table_contains (seen, json_node_get_string (id)))
        return schema_error (error, spec->path);
      g_hash_table_add (seen, (gpointer) json_node_get_string (id));
      g_ptr_array_add (ids, (gpointer) json_node_get_string (id));
      /* json-glib 1.6 writes 1e-08 as "1e-08.0": stored as JSON. */
      g_ptr_array_add (jsons, fp_json_fix_exponents (json_to_string (item, FALSE)));
    }
  return fp_cache_replace_catalogue (self->cache, spec->catalogue,
                                     (const char * const *) ids->pdata,
                                     (const char * const *) jsons->pdata,
                                     ids->len, etag, error);
}

/* A catalogue of whole documents (market data, models): each has its own
 * ETag; the cache keeps them joined by newlines. */
static gboolean
sync_docs (FpSyncEngine     *self,
           FpHttpClient     *http,
           FpCacheCatalogue  catalogue,
           const DocSpec    *docs,
           guint             n_docs,
           GCancellable     *cancellable,
           GError          **error)
{
  const char *resource = fp_cache_catalogue_to_resource (catalogue);
  g_autofree char *old_joined = fp_cache_get_etag (self->cache, resource, NULL);
  g_auto(GStrv) old_etags = old_joined != NULL ? g_strsplit (old_joined, "\n", -1) : NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) jsons = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) joined = g_string_new (NULL);
  gboolean changed = FALSE;

  if (old_etags != NULL && g_strv_length (old_etags) != n_docs)
    g_clear_pointer (&old_etags, g_strfreev);

  for (guint i = 0; i < n_docs; i++)
    {
      const char *old = old_etags != NULL && *old_etags[i] != '\0' ? old_etags[i] : NULL;
      g_autofree char *etag = NULL;
      g_autoptr(JsonNode) root = NULL;
      gboolean not_modified = FALSE;
      char *text;

      root = fp_http_client_get_json (http, docs[i].path, old, FP_HTTP_MAX_CATALOGUE_BYTES,
                                      &etag, &not_modified, cancellable, error);
      if (root == NULL && !not_modified)
        return FALSE;
      if (not_modified)
        {
          text = fp_cache_get_catalogue_item (self->cache, catalogue, docs[i].id, NULL);
          if (text == NULL)
            {
              /* The cache lost it: ask again without the ETag. */
              g_clear_pointer (&etag, g_free);
              root = fp_http_client_get_json (http, docs[i].path, NULL, FP_HTTP_MAX_CATALOGUE_BYTES,
                                              &etag, NULL, cancellable, error);
              if (root == NULL)
                return FALSE;
            }
        }
      if (root != NULL)
        {
          if (!JSON_NODE_HOLDS_OBJECT (root))
            return schema_error (error, docs[i].path);
          text = fp_json_fix_exponents (json_to_string (root, FALSE));
          changed = TRUE;
        }
      g_ptr_array_add (ids, (gpointer) docs[i].id);
      g_ptr_array_add (jsons, text);
      if (i > 0)
        g_string_append_c (joined, '\n');
      if (etag != NULL && strchr (etag, '\n') == NULL)
        g_string_append (joined, etag);
    }
  if (!changed)
    return TRUE;
  return fp_cache_replace_catalogue (self->cache, catalogue,
                                     (const char * const *) ids->pdata,
                                     (const char * const *) jsons->pdata,
                                     ids->len, joined->str, error);
}

static gboolean
sync_catalogues (FpSyncEngine  *self,
                 FpHttpClient  *http,
                 GCancellable  *cancellable,
                 GError       **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (list_specs); i++)
    if (!sync_list (self, http, &list_specs[i], cancellable, error))
      return FALSE;
  if (!sync_docs (self, http, FP_CACHE_MARKET_DATA, market_docs, G_N_ELEMENTS (market_docs),
                  cancellable, error))
    return FALSE;
  return sync_docs (self, http, FP_CACHE_MODELS, model_docs, G_N_ELEMENTS (model_docs),
                    cancellable, error);
}

/* The transaction change feed
 *
 * A fetcher thread with its own HTTP client downloads and checks the next
 * pages (at most FEED_AHEAD ahead) while this thread writes the previous
 * ones: the bank, json-glib and SQLCipher work at the same time. The pages
 * that have arrived (up to FEED_BATCH) are written in ONE database
 * transaction together with the cursor after the last of them, so the
 * cache always holds whole pages with their cursor. The order of writes
 * is the feed's; only what was written counts, so a crash or an error
 * anywhere still resumes from the cache's cursor. */

#define FEED_AHEAD 4
#define FEED_BATCH 4

typedef struct {
  JsonNode   *root;
  FpFeedPage  page;
  GError     *error;
  GHashTable *accounts;   /* borrowed: the accounts the bank listed */
} FetchedPage;

/* Reads a reply of the feed straight into the page (see
 * _fp_feed_page_parse_bytes()); called again for each attempt. A page
 * that books onto an account the bank never listed is refused whole. */
static gboolean
check_feed_page (const char  *data,
                 gsize        len,
                 gpointer     user_data,
                 GError     **error)
{
  FetchedPage *item = user_data;

  fp_feed_page_clear (&item->page);
  fp_feed_page_init (&item->page);
  if (!_fp_feed_page_parse_bytes (data, len, FP_HTTP_MAX_PAGE_BYTES, &item->page, error))
    return FALSE;
  for (guint i = 0; i < item->page.changes->len; i++)
    {
      const FpTxnChange *c = &g_array_index (item->page.changes, FpTxnChange, i);

      if (c->kind != FP_TXN_DELETED && !g_hash_table_contains (item->accounts, c->account_id))
        {
          g_debug ("feed page refused: change %u names an account the bank did not list", i);
          g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_SCHEMA,
                               _("The bank sent transactions of an account it did not list. Nothing was changed."));
          return FALSE;
        }
    }
  return TRUE;
}

static void
fetched_page_free (FetchedPage *f)
{
  fp_feed_page_clear (&f->page);
  g_clear_pointer (&f->root, json_node_unref);
  g_clear_error (&f->error);
  g_free (f);
}

typedef struct {
  char         *base_url;
  char         *access_token;
  char         *cursor;
  guint         page_size;
  guint         max_attempts;
  guint         base_ms;
  guint         cap_ms;
  guint         request_ms;
  gint64        started;       /* the sync's start, monotonic µs */
  gint64        deadline;      /* the sync's deadline so far */
  gint64        sync_ms;
  gint64        per_page_ms;
  GHashTable   *accounts;
  GCancellable *cancellable;
  GMutex        lock;
  GCond         cond;
  GQueue        queue;
  GQueue        garbage;   /* applied pages, freed by the fetcher */
  gboolean      done;
  gboolean      stop;
  guint64       n_requests;
  FpBreaker     breaker;
} Fetcher;

static void
fetcher_push (Fetcher     *f,
              FetchedPage *item,
              gboolean     last)
{
  g_mutex_lock (&f->lock);
  g_queue_push_tail (&f->queue, item);
  if (last)
    f->done = TRUE;
  g_cond_broadcast (&f->cond);
  g_mutex_unlock (&f->lock);
}

static gpointer
fetcher_thread (gpointer data)
{
  Fetcher *f = data;
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = g_strdup (f->cursor);
  gboolean first = TRUE;

  http = fp_http_client_new (f->base_url, &error);
  if (http == NULL)
    {
      FetchedPage *item = g_new0 (FetchedPage, 1);

      item->error = g_steal_pointer (&error);
      fetcher_push (f, item, TRUE);
      return NULL;
    }
  fp_http_client_set_retry (http, f->max_attempts, f->base_ms, f->cap_ms);
  fp_http_client_set_request_timeout (http, f->request_ms);
  fp_http_client_set_deadline (http, f->deadline);
  fp_http_client_set_access_token (http, f->access_token);
  fp_http_client_restore_breaker (http, &f->breaker);

  for (;;)
    {
      FetchedPage *item;
      FpHttpReply *reply;
      g_autofree char *path = NULL;
      gboolean last;

      GQueue garbage = G_QUEUE_INIT;

      g_mutex_lock (&f->lock);
      while (f->queue.length >= FEED_AHEAD && !f->stop)
        g_cond_wait (&f->cond, &f->lock);
      /* Pages were allocated on this thread: freeing them here keeps the
       * writing thread free for the cache. */
      garbage = f->garbage;
      g_queue_init (&f->garbage);
      if (f->stop)
        {
          f->done = TRUE;
          g_cond_broadcast (&f->cond);
          g_mutex_unlock (&f->lock);
          g_queue_clear_full (&garbage, (GDestroyNotify) fetched_page_free);
          break;
        }
      g_mutex_unlock (&f->lock);
      g_queue_clear_full (&garbage, (GDestroyNotify) fetched_page_free);

      if (cursor != NULL)
        {
          g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);

          path = g_strdup_printf ("v1/transactions?limit=%u&cursor=%s", f->page_size, escaped);
        }
      else
        path = g_strdup_printf ("v1/transactions?limit=%u", f->page_size);

      item = g_new0 (FetchedPage, 1);
      item->accounts = f->accounts;
      fp_feed_page_init (&item->page);
      reply = _fp_http_client_get_checked (http, path, FP_HTTP_MAX_PAGE_BYTES, check_feed_page, item,
                                           f->cancellable, &item->error);
      if (reply != NULL && item->page.has_more && item->page.last_seq == 0)
        schema_error (&item->error, "/hasMore");
      if (reply != NULL && first && item->page.last_seq > 0)
        {
          /* Now the feed's size is known: time for the pages to come,
           * within MAX_SYNC_MS whatever the bank claims. */
          gint64 pages = (item->page.latest_seq - item->page.first_seq) / MAX (f->page_size, 1) + 1;
          gint64 ms = f->sync_ms + f->per_page_ms * MIN (pages, MAX_FEED_PAGES);
          gint64 extended = f->started + MIN (ms, MAX (MAX_SYNC_MS, f->sync_ms)) * 1000;

          if (extended > f->deadline)
            {
              f->deadline = extended;
              fp_http_client_set_deadline (http, extended);
            }
        }
      first = FALSE;
      g_clear_pointer (&reply, fp_http_reply_free);
      last = item->error != NULL || !item->page.has_more;
      if (!last)
        {
          g_free (cursor);
          cursor = g_strdup (item->page.next_cursor);
        }
      fetcher_push (f, item, last);
      if (last)
        break;
    }
  f->n_requests = fp_http_client_get_n_attempts (http);
  fp_http_client_save_breaker (http, &f->breaker);
  return NULL;
}

static void
cancel_cb (GCancellable *parent,
           gpointer      data)
{
  g_cancellable_cancel (data);
}

static gboolean
sync_feed (FpSyncEngine  *self,
           FpHttpClient  *http,
           FpOAuthClient *oauth,
           gint64         started,
           gint64         deadline,
           guint64       *out_requests,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GError) local = NULL;
  Fetcher f = { 0 };
  g_autofree char *refresh = NULL;
  GThread *thread;
  gint64 start_seq = -1;
  gint64 expires = 0;
  gulong cancel_id = 0;
  gboolean ok = FALSE;
  gint64 wait_us = 0, apply_us = 0, t;
  guint n_batches = 0, n_pages = 0;
  GPtrArray *batch;
  GArray *changes;
  gboolean finished = FALSE;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);

  /* The accounts the bank listed (the catalogues come first). */
  accounts = fp_cache_list_catalogue_ids (self->cache, FP_CACHE_ACCOUNTS, error);
  if (accounts == NULL)
    return FALSE;
  for (guint i = 0; i < accounts->len; i++)
    g_hash_table_add (known, g_ptr_array_index (accounts, i));

  f.cursor = fp_cache_get_cursor (self->cache, FEED_RESOURCE, &local);
  if (f.cursor == NULL && local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  f.accounts = known;
  f.request_ms = self->request_ms;
  f.started = started;
  f.deadline = deadline;
  f.sync_ms = self->sync_ms;
  f.per_page_ms = self->per_page_ms;
  f.base_url = self->base_url;
  fp_oauth_client_export_tokens (oauth, &f.access_token, &refresh, &expires);
  f.page_size = self->page_size;
  f.max_attempts = self->max_attempts;
  f.base_ms = self->base_ms;
  f.cap_ms = self->cap_ms;
  fp_http_client_save_breaker (http, &f.breaker);
  f.cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (cancel_cb),
                                       g_object_ref (f.cancellable), g_object_unref);
  g_mutex_init (&f.lock);
  g_cond_init (&f.cond);
  g_queue_init (&f.queue);
  g_queue_init (&f.garbage);
  thread = g_thread_new ("fp-sync-fetch", fetcher_thread, &f);

  batch = g_ptr_array_new ();
  changes = g_array_new (FALSE, FALSE, sizeof (FpTxnChange));
  while (!finished)
    {
      FetchedPage *last = NULL;
      GError *fetch_error = NULL;

      /* Take what has arrived, up to FEED_BATCH pages (at least one). */
      t = g_get_monotonic_time ();
      g_mutex_lock (&f.lock);
      while (f.queue.length == 0 && !f.done)
        g_cond_wait (&f.cond, &f.lock);
      while (f.queue.length > 0 && batch->len < FEED_BATCH)
        {
          FetchedPage *item = g_queue_pop_head (&f.queue);

          g_ptr_array_add (batch, item);
          if (item->error != NULL || !item->page.has_more)
            break;
        }
      g_cond_broadcast (&f.cond);
      g_mutex_unlock (&f.lock);
      wait_us += g_get_monotonic_time () - t;

      if (batch->len == 0)
        {
          /* The fetcher stopped without a last page: only on cancel. */
          g_cancellable_set_error_if_cancelled (f.cancellable, error);
          break;
        }

      g_array_set_size (changes, 0);
      for (guint i = 0; i < batch->len; i++)
        {
          FetchedPage *item = g_ptr_array_index (batch, i);

          if (item->error != NULL)
            {
              fetch_error = item->error;
              break;
            }
          g_array_append_vals (changes, item->page.changes->data, item->page.changes->len);
          n_pages++;
          if (start_seq < 0)
            start_seq = item->page.last_seq > 0 ? item->page.first_seq - 1 : item->page.latest_seq;
          last = item;
        }

      /* The pages before an error are good: keep them. */
      if (last != NULL)
        {
          t = g_get_monotonic_time ();
          if (!fp_cache_apply_changes (self->cache, FEED_RESOURCE,
                                       (const FpTxnChange *) (gpointer) changes->data,
                                       changes->len, last->page.next_cursor, error))
            break;
          apply_us += g_get_monotonic_time () - t;
          n_batches++;
          report_progress (self,
                           (guint64) MAX (0, MAX (last->page.last_seq, start_seq) - start_seq),
                           (guint64) MAX (0, last->page.latest_seq - start_seq));
          if (fetch_error == NULL && !last->page.has_more)
            {
              ok = TRUE;
              finished = TRUE;
            }
        }
      if (fetch_error != NULL)
        {
          g_propagate_error (error, g_error_copy (fetch_error));
          break;
        }

      g_mutex_lock (&f.lock);
      for (guint i = 0; i < batch->len; i++)
        g_queue_push_tail (&f.garbage, g_ptr_array_index (batch, i));
      g_mutex_unlock (&f.lock);
      g_ptr_array_set_size (batch, 0);
    }
  g_ptr_array_foreach (batch, (GFunc) fetched_page_free, NULL);
  g_ptr_array_unref (batch);
  g_array_unref (changes);

  /* A first sync may have deferred the transaction indexes: build them
   * now (also after an error: the pages written are there to be read). */
  t = g_get_monotonic_time ();
  if (!_fp_cache_end_bulk_load (self->cache, ok ? error : NULL))
    ok = FALSE;
  apply_us += g_get_monotonic_time () - t;

  g_debug ("feed: %u pages in %u database transactions; %.2f s writing to the cache, "
           "%.2f s waiting for the bank", n_pages, n_batches, (double) apply_us / G_USEC_PER_SEC, (double) wait_us / G_USEC_PER_SEC);

  /* Stop the fetcher and drop what it fetched ahead. */
  g_mutex_lock (&f.lock);
  f.stop = TRUE;
  g_cond_broadcast (&f.cond);
  g_mutex_unlock (&f.lock);
  if (!ok)
    g_cancellable_cancel (f.cancellable);
  g_thread_join (thread);
  fp_http_client_restore_breaker (http, &f.breaker);
  g_queue_clear_full (&f.queue, (GDestroyNotify) fetched_page_free);
  g_queue_clear_full (&f.garbage, (GDestroyNotify) fetched_page_free);
  if (cancel_id != 0)
    g_cancellable_disconnect (cancellable, cancel_id);
  g_object_unref (f.cancellable);
  g_mutex_clear (&f.lock);
  g_cond_clear (&f.cond);
  *out_requests += f.n_requests;
  wipe_free (&f.access_token);
  wipe_free (&refresh);
  g_free (f.cursor);
  return ok;
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
  report_progress (self, 0, 0);

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
               || sync_catalogues (self, http, cancellable, &local))
           && (!(self->parts & FP_SYNC_TRANSACTIONS)
               || sync_feed (self, http, oauth, started, deadline, &feed_requests,
                             cancellable, &local))
           /* Nothing is reported synced from a damaged cache. */
           && fp_cache_check_integrity (self->cache, &local);

      g_mutex_lock (&self->lock);
      wipe_free (&self->access_token);
      wipe_free (&self->refresh_token);
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
