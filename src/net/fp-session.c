/* fp-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What one customer's use of the app needs, in order: the bank (the
 * embedded demo bank on loopback when no address is configured), the
 * encrypted cache (its key from the keyring, or an ephemeral one on
 * kiosks), and the sync engine that keeps the cache equal to the bank.
 * The window watches the state and hands the cache to its pages.
 */

#define G_LOG_DOMAIN "fp-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fp-cache-consent.h"
#include "fp-consent-sync.h"
#include "fp-consent.h"
#include "fp-core.h"
#include "fp-device.h"
#include "fp-genai-client.h"
#include "fp-http-client.h"
#include "fp-net-error.h"
#include "fp-keyring.h"
#include "fp-oauth-client.h"
#include "fp-sandbox-launcher.h"
#include "fp-session.h"
#include "fp-store-error.h"

/* Sync again every quarter of an hour while the app is open. */
#define SYNC_INTERVAL_SECONDS (15 * 60)

struct _FpSession
{
  GObject            parent_instance;

  char              *bank_url;
  char              *genai_url;
  char              *cache_dir;
  FpSessionFlags     flags;

  FpSessionState     state;
  FpSyncState        engine_state;
  gboolean           needs_onboarding;
  gboolean           cache_existed;
  gboolean           locked;
  gboolean           consent_resync;
  char              *status;
  char              *error_message;
  char              *error_hint;

  /* Owned references */
  FpSandboxLauncher *launcher;
  FpCache           *cache;
  FpSyncEngine      *engine;
  FpConsentPolicy   *policy;
  FpConsentStore    *consent_store;
  GCancellable      *cancellable;

  /* A kiosk's sign-in, handed to the sync engine when it starts. */
  char              *access_token;
  char              *refresh_token;
  gint64             expires_at;
};

G_DEFINE_FINAL_TYPE (FpSession, fp_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_CACHE,
  PROP_SYNC_ENGINE,
  PROP_IS_DEMO,
  PROP_CONSENT_POLICY,
  PROP_NEEDS_ONBOARDING,
  PROP_STATUS,
  PROP_ERROR_MESSAGE,
  PROP_ERROR_HINT,
  PROP_LOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SYNCED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_state (FpSession      *self,
           FpSessionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);

  /* Signed out or erased while locked: nothing is left to unlock. */
  if (state == FP_SESSION_STATE_FIRST_RUN && self->locked)
    {
      self->locked = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
    }
}

static void
drop_consent_store (FpSession *self)
{
  if (self->consent_store == NULL)
    return;

  fp_consent_store_disconnect (self->consent_store);
  g_clear_object (&self->consent_store);
}

/* A change the customer made here goes to the bank at once when online:
 * a sync delivers the outbox first. After the store's handler, which
 * queued it. */
static void
consent_changed_cb (FpSession             *self,
                    const FpConsentChange *change)
{
  if (change->origin == FP_CONSENT_ORIGIN_LOCAL)
    fp_session_sync_now (self);
}

static void
new_policy (FpSession *self)
{
  g_autofree char *device = fp_device_get_display_name ();

  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_data (self->policy, self);
  g_clear_object (&self->policy);
  self->policy = fp_consent_policy_new (device);
  g_signal_connect_object (self->policy, "history-appended", G_CALLBACK (consent_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static void
wipe_tokens (FpSession *self)
{
  g_clear_pointer (&self->access_token, fp_keyring_free_token);
  g_clear_pointer (&self->refresh_token, fp_keyring_free_token);
}

static void
set_status (FpSession  *self,
            const char *status)
{
  if (g_strcmp0 (self->status, status) == 0)
    return;

  g_free (self->status);
  self->status = g_strdup (status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
fail (FpSession    *self,
      const GError *error)
{
  g_debug ("Could not open the session: %s", error->message);

  g_free (self->error_message);
  self->error_message = g_strdup (error->message);
  g_free (self->error_hint);
  self->error_hint = error->domain == FP_STORE_ERROR
                     ? g_strdup (fp_store_error_get_hint (error))
                     : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_HINT]);
  set_state (self, FP_SESSION_STATE_FAILED);
}

/* Runs in a worker thread: the demo bank, started on the main thread,
 * prints its address once it listens. */
static void
start_bank_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  FpSandboxLauncher *launcher = task_data;
  g_autoptr(GError) error = NULL;

  if (!fp_sandbox_launcher_wait (launcher, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_strdup (fp_sandbox_launcher_get_url (launcher)), g_free);
}

/* Whether a consent change waits in the outbox for the bank. */
static gboolean
consent_change_pending (FpCache *cache)
{
  g_autoptr(GPtrArray) items = fp_cache_outbox_list_pending (cache, NULL);

  for (guint i = 0; items != NULL && i < items->len; i++)
    if (g_str_has_prefix (((FpOutboxItem *) g_ptr_array_index (items, i))->path, "v1/consents"))
      return TRUE;
  return FALSE;
}

/* A sync ends when the engine leaves the syncing state for idle. The
 * last-synced time alone cannot tell: two syncs may end in one second. */
static void
engine_state_cb (FpSyncEngine *engine,
                 GParamSpec   *pspec,
                 FpSession    *self)
{
  FpSyncState state = fp_sync_engine_get_state (engine);
  gboolean synced = self->engine_state == FP_SYNC_STATE_SYNCING && state == FP_SYNC_STATE_IDLE;
  g_autoptr(GError) error = NULL;

  self->engine_state = state;
  if (!synced || self->cache == NULL)
    return;

  /* The bank's consents meet ours first (the bank wins), then whoever
   * shows the data hears of it. A consent changed while this sync ran,
   * after its outbox step, has not reached the bank yet: its records are
   * older than the customer's choice and must not undo it. The next sync
   * delivers the change first; they meet then. */
  if (consent_change_pending (self->cache))
    {
      /* Once: a change the bank keeps refusing must not spin syncs. */
      if (!self->consent_resync)
        fp_sync_engine_sync_soon (engine);
      self->consent_resync = TRUE;
    }
  else
    {
      self->consent_resync = FALSE;
      fp_consent_sync_apply (self->cache, self->policy, self->consent_store, &error);
    }
  if (error != NULL)
    g_debug ("The bank's consents were not applied: %s", error->message);

  g_signal_emit (self, signals[SIGNAL_SYNCED], 0);
}

static void
start_engine (FpSession  *self,
              const char *base_url)
{
  gboolean demo = self->launcher != NULL;

  self->engine = fp_sync_engine_new (self->cache, base_url);
  fp_sync_engine_set_demo (self->engine, demo);
  fp_sync_engine_set_use_keyring (self->engine, !(self->flags & FP_SESSION_EPHEMERAL));
  if (self->access_token != NULL || self->refresh_token != NULL)
    fp_sync_engine_import_tokens (self->engine, self->access_token, self->refresh_token,
                                  self->expires_at);
  wipe_tokens (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ENGINE]);

  self->engine_state = fp_sync_engine_get_state (self->engine);
  g_signal_connect_object (self->engine, "notify::state", G_CALLBACK (engine_state_cb), self, 0);
  fp_sync_engine_start (self->engine, SYNC_INTERVAL_SECONDS);
}

/* Runs in a worker thread: a configured bank signs in through the system
 * browser, unless the keyring holds a refresh token from an earlier run. */
static void
sign_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *base_url = task_data;
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(FpOAuthClient) oauth = NULL;
  g_autoptr(GError) error = NULL;

  http = fp_http_client_new (base_url, &error);
  if (http == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  oauth = fp_oauth_client_new (http);
  fp_oauth_client_set_keyring (oauth, TRUE, NULL);
  if (fp_oauth_client_resume (oauth, cancellable, NULL) ||
      fp_oauth_client_sign_in (oauth, FP_OAUTH_SIGN_IN_BROWSER, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FpSession) self = user_data;
  g_autoptr(GError) error = NULL;

  set_status (self, NULL);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error);
      return;
    }

  set_state (self, FP_SESSION_STATE_READY);
}

static void
cache_ready (FpSession *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  /* Consents live in the cache: restore them before anything reads data. */
  self->consent_store = fp_consent_store_new (self->cache, self->policy, &error);
  if (self->consent_store == NULL)
    {
      fp_cache_close (self->cache);
      g_clear_object (&self->cache);
      fail (self, error);
      return;
    }

  /* The consent step follows the first sign-in on this computer. */
  self->needs_onboarding = !self->cache_existed &&
                           (!(self->flags & FP_SESSION_EPHEMERAL) || (self->flags & FP_SESSION_ASK_CONSENT)) &&
                           fp_consent_policy_get_n_changes (self->policy) == 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_ONBOARDING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);

  /* The demo bank signs its customer in by itself; kiosks use the device
   * grant (not built yet), so only a desktop with a configured bank opens
   * the browser here. */
  if (self->launcher != NULL || (self->flags & FP_SESSION_EPHEMERAL))
    {
      set_state (self, FP_SESSION_STATE_READY);
      return;
    }

  set_status (self, _("Finish signing in on your bank’s page in your browser."));
  task = g_task_new (self, self->cancellable, signed_in_cb, g_object_ref (self));
  g_task_set_source_tag (task, cache_ready);
  g_task_set_task_data (task, g_strdup (self->bank_url), g_free);
  g_task_run_in_thread (task, sign_in_thread);
}

static void
cache_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FpSession) self = user_data;
  g_autoptr(GError) error = NULL;
  FpCache *cache;

  cache = fp_cache_open_with_keyring_finish (result, &error);
  if (cache == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error);
      return;
    }

  self->cache = cache;
  cache_ready (self);
}

static void open_cache (FpSession *self);

/* Runs in a worker thread: the demo GenAI proxy prints its address. */
static void
proxy_ready_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (fp_sandbox_launcher_wait_proxy (task_data, cancellable, &error) == NULL)
    g_debug ("The demo GenAI proxy did not start: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
bank_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FpSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  url = g_task_propagate_pointer (G_TASK (result), &error);
  if (url == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autoptr(GError) wrapped =
            g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                         _("The demo bank could not be started: %s"), error->message);
          fail (self, wrapped);
        }
      return;
    }

  g_free (self->bank_url);
  self->bank_url = g_steal_pointer (&url);

  /* The GenAI proxy for the demo bank and its Bedrock stand-in, spawned on
   * the main thread like the bank; without it the app still works, only
   * the narratives and answers are written on the device. */
  if (fp_sandbox_launcher_spawn_proxy (self->launcher, &error))
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, NULL, NULL);

      g_task_set_task_data (task, g_object_ref (self->launcher), g_object_unref);
      g_task_run_in_thread (task, proxy_ready_thread);
    }
  else
    g_debug ("No demo GenAI proxy: %s", error->message);
  open_cache (self);
}

static void
ready_cb (FpSession  *self,
          GParamSpec *pspec,
          gpointer    user_data)
{
  if (self->state == FP_SESSION_STATE_READY && self->engine == NULL)
    start_engine (self, self->bank_url);
}

static void
open_cache (FpSession *self)
{
  if (self->flags & FP_SESSION_EPHEMERAL)
    {
      g_autoptr(GError) error = NULL;

      self->cache = fp_cache_new_ephemeral (NULL, &error);
      if (self->cache == NULL)
        {
          fail (self, error);
          return;
        }
      cache_ready (self);
      return;
    }

  self->cache_existed = fp_cache_dir_exists (self->cache_dir);
  fp_cache_open_with_keyring_async (self->cache_dir, FP_KEYRING_INTERACTIVE, self->cancellable,
                                    cache_opened_cb, g_object_ref (self));
}

static void
fp_session_dispose (GObject *object)
{
  FpSession *self = FP_SESSION (object);

  fp_session_shutdown (self);

  G_OBJECT_CLASS (fp_session_parent_class)->dispose (object);
}

static void
fp_session_finalize (GObject *object)
{
  FpSession *self = FP_SESSION (object);

  g_clear_pointer (&self->bank_url, g_free);
  g_clear_pointer (&self->genai_url, g_free);
  g_clear_pointer (&self->cache_dir, g_free);
  g_clear_object (&self->policy);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->error_hint, g_free);
  wipe_tokens (self);

  G_OBJECT_CLASS (fp_session_parent_class)->finalize (object);
}

static void
fp_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FpSession *self = FP_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;

    case PROP_SYNC_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    case PROP_IS_DEMO:
      g_value_set_boolean (value, fp_session_get_is_demo (self));
      break;

    case PROP_CONSENT_POLICY:
      g_value_set_object (value, self->policy);
      break;

    case PROP_NEEDS_ONBOARDING:
      g_value_set_boolean (value, self->needs_onboarding);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_ERROR_HINT:
      g_value_set_string (value, self->error_hint);
      break;

    case PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_session_class_init (FpSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fp_session_dispose;
  object_class->finalize = fp_session_finalize;
  object_class->get_property = fp_session_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      FP_SESSION_STATE_FIRST_RUN, FP_SESSION_STATE_FAILED, FP_SESSION_STATE_FIRST_RUN,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, FP_TYPE_CACHE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC_ENGINE] =
    g_param_spec_object ("sync-engine", NULL, NULL, FP_TYPE_SYNC_ENGINE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_DEMO] =
    g_param_spec_boolean ("is-demo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSENT_POLICY] =
    g_param_spec_object ("consent-policy", NULL, NULL, FP_TYPE_CONSENT_POLICY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDS_ONBOARDING] =
    g_param_spec_boolean ("needs-onboarding", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_HINT] =
    g_param_spec_string ("error-hint", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpSession:locked:
   *
   * Whether the app is locked (fp_session_lock()): the cache is closed
   * and its key is out of memory until fp_session_unlock_async().
   */
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FpSession::synced:
   *
   * A sync ended well: the cache holds the bank's data as of now, and the
   * bank's consents have been applied.
   */
  signals[SIGNAL_SYNCED] =
    g_signal_new ("synced",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
fp_session_init (FpSession *self)
{
  self->cancellable = g_cancellable_new ();
  new_policy (self);
  g_signal_connect (self, "notify::state", G_CALLBACK (ready_cb), NULL);
}

/**
 * fp_session_new:
 * @bank_url: the bank API's base URL, checked with fp_endpoint_normalize();
 *   empty for the embedded demo bank
 * @cache_dir: (nullable): where the cache lives, %NULL for the default
 * @flags: #FpSessionFlags
 *
 * Returns: (transfer full): a session, not started yet
 */
FpSession *
fp_session_new (const char     *bank_url,
                const char     *cache_dir,
                FpSessionFlags  flags)
{
  FpSession *self;

  g_return_val_if_fail (bank_url != NULL, NULL);

  self = g_object_new (FP_TYPE_SESSION, NULL);
  self->bank_url = g_strdup (bank_url);
  self->cache_dir = cache_dir != NULL ? g_strdup (cache_dir) : fp_cache_get_default_dir ();
  self->flags = flags;
  self->state = FP_SESSION_STATE_FIRST_RUN;

  return self;
}

/**
 * fp_session_set_tokens:
 * @self: a #FpSession, not opened yet
 * @access_token: (nullable): an access token
 * @refresh_token: (nullable): a refresh token
 * @expires_at: when @access_token expires, Unix seconds
 *
 * A sign-in made before the session opens (a kiosk's device grant): the
 * sync engine starts with these tokens. For an ephemeral session they stay
 * in memory only.
 */
void
fp_session_set_tokens (FpSession  *self,
                       const char *access_token,
                       const char *refresh_token,
                       gint64      expires_at)
{
  g_return_if_fail (FP_IS_SESSION (self));
  g_return_if_fail (self->engine == NULL);

  wipe_tokens (self);
  self->access_token = g_strdup (access_token);
  self->refresh_token = g_strdup (refresh_token);
  self->expires_at = expires_at;
}

/**
 * fp_session_start:
 * @self: a #FpSession
 *
 * Opens the cache if this device has one (the app opens on it at once,
 * also offline), and stays in %FP_SESSION_STATE_FIRST_RUN otherwise.
 * Ephemeral sessions always start.
 */
void
fp_session_start (FpSession *self)
{
  g_return_if_fail (FP_IS_SESSION (self));

  if ((self->flags & FP_SESSION_EPHEMERAL) || fp_cache_dir_exists (self->cache_dir))
    fp_session_open (self);
}

/**
 * fp_session_open:
 * @self: a #FpSession
 *
 * Starts the demo bank when no bank address is configured, opens (or, the
 * first time, creates) the cache, and starts syncing.
 */
void
fp_session_open (FpSession *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (FP_IS_SESSION (self));

  if (self->state == FP_SESSION_STATE_OPENING || self->state == FP_SESSION_STATE_READY)
    return;

  set_state (self, FP_SESSION_STATE_OPENING);

  if (*self->bank_url == '\0')
    {
      g_autoptr(GTask) task = NULL;

      if (self->launcher == NULL)
        self->launcher = fp_sandbox_launcher_new ();
      /* Spawned here, on the main thread: the demo bank is told to stop
       * when the thread that started it ends (see the launcher). */
      if (fp_sandbox_launcher_get_url (self->launcher) == NULL &&
          !fp_sandbox_launcher_spawn (self->launcher, NULL, &error))
        {
          fail (self, error);
          return;
        }
      task = g_task_new (self, self->cancellable, bank_started_cb, g_object_ref (self));
      g_task_set_source_tag (task, fp_session_open);
      g_task_set_task_data (task, g_object_ref (self->launcher), g_object_unref);
      g_task_run_in_thread (task, start_bank_thread);
      return;
    }

  url = fp_endpoint_normalize (self->bank_url, &error);
  if (url == NULL)
    {
      fail (self, error);
      return;
    }

  g_free (self->bank_url);
  self->bank_url = g_steal_pointer (&url);

  open_cache (self);
}

/**
 * fp_session_reset:
 * @self: a #FpSession
 * @error: a #GError
 *
 * The way forward when the cache cannot be opened (wrong key, damaged
 * file): removes it and its key, then opens a new one and syncs it again
 * from the bank. Only what is also at the bank is lost.
 *
 * Returns: %TRUE if the old cache was removed
 */
gboolean
fp_session_reset (FpSession  *self,
                  GError    **error)
{
  g_return_val_if_fail (FP_IS_SESSION (self), FALSE);

  if (self->engine != NULL)
    {
      fp_sync_engine_stop (self->engine);
      g_clear_object (&self->engine);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ENGINE]);
    }
  drop_consent_store (self);
  if (self->cache != NULL)
    {
      fp_cache_close (self->cache);
      g_clear_object (&self->cache);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
    }

  if (!fp_cache_erase (self->cache_dir, NULL, error))
    return FALSE;

  set_state (self, FP_SESSION_STATE_FIRST_RUN);
  fp_session_open (self);
  return TRUE;
}

/* Runs in a worker thread: revokes the tokens at the bank and removes the
 * refresh token from the keyring. */
static void
sign_out_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const char *base_url = task_data;
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(FpOAuthClient) oauth = NULL;
  g_autoptr(GError) error = NULL;

  http = fp_http_client_new (base_url, &error);
  if (http != NULL)
    {
      oauth = fp_oauth_client_new (http);
      fp_oauth_client_set_keyring (oauth, TRUE, NULL);
      if (fp_oauth_client_resume (oauth, cancellable, NULL))
        fp_oauth_client_sign_out (oauth, cancellable, &error);
    }
  if (error != NULL)
    g_debug ("Revoking the tokens failed: %s", error->message);

  /* Whatever the bank said, this computer forgets the token. */
  g_clear_error (&error);
  /* The OAuth client files the token under the bank's base URL. */
  if (!fp_keyring_clear_refresh_token (base_url, FP_KEYRING_NONE, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * fp_session_sign_out_async:
 * @self: a #FpSession
 * @erase: whether to remove the cache and its key from this computer too
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stops syncing, revokes the tokens at the bank, forgets the refresh token
 * and, when @erase, destroys the cache. The session is then back to
 * %FP_SESSION_STATE_FIRST_RUN.
 */
void
fp_session_sign_out_async (FpSession           *self,
                           gboolean             erase,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (FP_IS_SESSION (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, fp_session_sign_out_async);
  g_task_set_task_data (task, g_strdup (self->bank_url), g_free);

  if (self->engine != NULL)
    {
      fp_sync_engine_stop (self->engine);
      g_clear_object (&self->engine);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ENGINE]);
    }
  if (erase)
    {
      drop_consent_store (self);
      if (self->cache != NULL)
        {
          fp_cache_close (self->cache);
          g_clear_object (&self->cache);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
        }
      if (!(self->flags & FP_SESSION_EPHEMERAL) && !fp_cache_erase (self->cache_dir, NULL, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  set_state (self, FP_SESSION_STATE_FIRST_RUN);
  g_task_run_in_thread (task, sign_out_thread);
}

gboolean
fp_session_sign_out_finish (FpSession     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * fp_session_finish_onboarding:
 * @self: a #FpSession
 *
 * The customer answered the consent step (possibly with none): every
 * purpose they left off is recorded as chosen off now
 * (fp_consent_policy_choose()), so that the Privacy page says when it was
 * chosen and nothing reads as never asked.
 */
void
fp_session_finish_onboarding (FpSession *self)
{
  gint64 now = g_get_real_time ();

  g_return_if_fail (FP_IS_SESSION (self));

  if (!self->needs_onboarding)
    return;

  for (guint i = 0; i < FP_N_PURPOSES; i++)
    if (fp_consent_policy_get_record (self->policy, (FpPurpose) i)->since == 0)
      fp_consent_policy_choose (self->policy, (FpPurpose) i, FP_CONSENT_REVOKED, now);

  self->needs_onboarding = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_ONBOARDING]);
}

/**
 * fp_session_forget:
 * @self: a #FpSession
 *
 * The cache was erased from this computer (the Privacy page closed and
 * removed it): stop syncing, drop every reference to it and go back to
 * the first run.
 */
void
fp_session_forget (FpSession *self)
{
  g_return_if_fail (FP_IS_SESSION (self));

  if (self->engine != NULL)
    {
      fp_sync_engine_stop (self->engine);
      g_clear_object (&self->engine);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ENGINE]);
    }
  drop_consent_store (self);
  if (self->cache != NULL)
    {
      g_clear_object (&self->cache);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
    }

  /* Consents were part of the erased data; start from none. */
  new_policy (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT_POLICY]);

  set_state (self, FP_SESSION_STATE_FIRST_RUN);
}

/**
 * fp_session_set_genai_url:
 * @self: a #FpSession
 * @genai_url: the GenAI proxy's base URL, checked with
 *   fp_endpoint_normalize(); empty for the demo bank's own proxy
 *
 * Sets where narratives are written. Returns %FALSE for an address that
 * fp_endpoint_normalize() refuses, and keeps the previous one.
 *
 * Returns: whether the address was taken
 */
gboolean
fp_session_set_genai_url (FpSession  *self,
                          const char *genai_url)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (FP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (genai_url != NULL, FALSE);

  normalized = fp_endpoint_normalize (genai_url, &error);
  if (normalized == NULL)
    {
      g_debug ("GenAI proxy address refused: %s", error->message);
      return FALSE;
    }

  g_free (self->genai_url);
  self->genai_url = g_steal_pointer (&normalized);
  return TRUE;
}

typedef struct
{
  char              *base_url;
  char              *prefix;
  char              *token;
  char             **facts;
  char              *locale;
  FpConsentPolicy   *policy;
  FpSandboxLauncher *launcher;   /* the demo GenAI proxy's, when base_url is NULL */
} NarrateData;

static void
narrate_data_free (NarrateData *data)
{
  g_free (data->base_url);
  g_free (data->prefix);
  fp_keyring_free_token (data->token);
  g_strfreev (data->facts);
  g_free (data->locale);
  g_clear_object (&data->policy);
  g_clear_object (&data->launcher);
  g_free (data);
}

/* Runs in a worker thread. The GenAI client checks the consent again and
 * redacts every fact before anything is sent. */
static void
narrate_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  NarrateData *data = task_data;
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(FpGenaiClient) genai = NULL;
  g_autoptr(GError) error = NULL;
  FpGenaiText *text;

  if (data->base_url == NULL)
    {
      const char *url = fp_sandbox_launcher_wait_proxy (data->launcher, cancellable, &error);

      if (url == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      data->base_url = g_strdup (url);
    }
  http = fp_http_client_new (data->base_url, &error);
  if (http == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  fp_http_client_set_access_token (http, data->token);
  genai = fp_genai_client_new (http, data->prefix, data->policy);
  text = fp_genai_client_narrate (genai, "simulation_summary", data->locale,
                                  (const char * const *) data->facts, cancellable, &error);
  if (text == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, text, (GDestroyNotify) fp_genai_text_free);
}

/* "de" for de_DE.UTF-8; the proxy answers in English when it cannot. */
static char *
current_language (void)
{
  const char * const *names = g_get_language_names ();
  const char *name = names[0] != NULL ? names[0] : "C";

  if (g_str_equal (name, "C") || g_str_equal (name, "POSIX"))
    return g_strdup ("en");

  return g_strndup (name, strcspn (name, "_.@"));
}

/**
 * fp_session_narrate_async:
 * @self: a #FpSession
 * @facts: aggregated facts as key, value, key, value, …, %NULL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the narrative, or an error
 * @user_data: data for @callback
 *
 * Asks the GenAI proxy for a plain-language narrative of @facts. Fails at
 * once, without a request, when the customer has not given the GenAI
 * consent, when no one is signed in yet, or when no proxy is set up.
 */
void
fp_session_narrate_async (FpSession           *self,
                          const char * const  *facts,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  NarrateData *data;
  char *token;

  g_return_if_fail (FP_IS_SESSION (self));
  g_return_if_fail (facts != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_session_narrate_async);

  if (!fp_consent_policy_require (self->policy, FP_PURPOSE_GENAI, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  token = self->engine != NULL ? fp_sync_engine_dup_access_token (self->engine) : NULL;
  if (token == NULL)
    {
      g_task_return_new_error (task, FP_NET_ERROR, FP_NET_ERROR_UNAUTHORIZED,
                               _("Please sign in to your bank."));
      return;
    }

  data = g_new0 (NarrateData, 1);
  data->token = token;
  data->facts = g_strdupv ((char **) facts);
  data->locale = current_language ();
  data->policy = g_object_ref (self->policy);
  if (self->genai_url != NULL && *self->genai_url != '\0')
    {
      data->base_url = g_strdup (self->genai_url);
      data->prefix = g_strdup ("");
    }
  else if (self->launcher != NULL)
    {
      /* The demo's own GenAI proxy, in front of the demo bank's Bedrock
       * stand-in; the worker waits for it if it is still starting. */
      data->launcher = g_object_ref (self->launcher);
      data->prefix = g_strdup ("v1/");
    }
  else
    {
      narrate_data_free (data);
      g_task_return_new_error (task, FP_NET_ERROR, FP_NET_ERROR_INVALID_URL,
                               _("No GenAI proxy is set up. Set its address in Preferences."));
      return;
    }

  g_task_set_task_data (task, data, (GDestroyNotify) narrate_data_free);
  g_task_run_in_thread (task, narrate_thread);
}

/**
 * fp_session_narrate_finish:
 * @self: a #FpSession
 * @result: the result given to the callback
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the narrative and who wrote it
 */
FpGenaiText *
fp_session_narrate_finish (FpSession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * fp_session_lock:
 * @self: a #FpSession
 *
 * Locks the app (after an idle time, or when the desktop session locks):
 * stops syncing, closes the cache, which ends SQLCipher's connection and
 * with it the only copy of the key in memory (SQLCipher wipes its buffers
 * when it frees them; the key read from the keyring was wiped as soon as
 * the cache was open), and drops every reference to the cache. Whoever
 * still holds the cache gets "closed" from every query. An ephemeral
 * cache is removed: kiosks lock and wipe. Hiding the figures is the
 * window's part.
 */
void
fp_session_lock (FpSession *self)
{
  g_return_if_fail (FP_IS_SESSION (self));

  if (self->locked || self->state != FP_SESSION_STATE_READY)
    return;

  if (self->engine != NULL)
    {
      fp_sync_engine_stop (self->engine);
      g_clear_object (&self->engine);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ENGINE]);
    }
  drop_consent_store (self);
  if (self->cache != NULL)
    {
      fp_cache_close (self->cache);
      g_clear_object (&self->cache);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
    }

  self->locked = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

static void
unlocked_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FpSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  self->cache = fp_cache_open_with_keyring_finish (result, &error);
  if (self->cache == NULL)
    {
      /* Still locked: the customer may try again (a dismissed prompt). */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->consent_store = fp_consent_store_new (self->cache, self->policy, &error);
  if (self->consent_store == NULL)
    {
      fp_cache_close (self->cache);
      g_clear_object (&self->cache);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->locked = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
  start_engine (self, self->bank_url);
  g_task_return_boolean (task, TRUE);
}

/**
 * fp_session_unlock_async:
 * @self: a locked #FpSession
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the key from the keyring again (the keyring may ask to be
 * unlocked), reopens the cache and syncs. An ephemeral session starts
 * over with a new, empty cache.
 */
void
fp_session_unlock_async (FpSession           *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FP_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_session_unlock_async);

  if (!self->locked)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (self->flags & FP_SESSION_EPHEMERAL)
    {
      self->locked = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
      set_state (self, FP_SESSION_STATE_FIRST_RUN);
      fp_session_open (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  fp_cache_open_with_keyring_async (self->cache_dir, FP_KEYRING_INTERACTIVE, cancellable,
                                    unlocked_cb, g_steal_pointer (&task));
}

gboolean
fp_session_unlock_finish (FpSession     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
fp_session_get_locked (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), FALSE);

  return self->locked;
}

/**
 * fp_session_ask:
 * @self: a #FpSession
 * @task: what to ask for (#FpGenaiTask)
 * @question: (nullable): the customer's question, for
 *   %FP_GENAI_TASK_ANSWER_QUESTION
 * @facts: aggregated facts as key, value, key, value, …, %NULL
 * @cancellable: (nullable): a #GCancellable
 *
 * Asks the GenAI proxy (the demo's own, or the one set with
 * fp_session_set_genai_url()) for a streamed answer; see
 * fp_genai_client_ask(). The consent is checked and the facts redacted
 * before anything is sent; the answer fails at once with an
 * %FP_GENAI_ERROR when there is no consent, no sign-in or no proxy.
 *
 * Returns: (transfer full): the answer, streaming in on this thread
 */
FpGenaiAnswer *
fp_session_ask (FpSession          *self,
                FpGenaiTask         task,
                const char         *question,
                const char * const *facts,
                GCancellable       *cancellable)
{
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(FpGenaiClient) genai = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *locale = NULL;
  const char *base = NULL, *prefix = "";
  char *token;

  g_return_val_if_fail (FP_IS_SESSION (self), NULL);
  g_return_val_if_fail (facts != NULL, NULL);

  if (!fp_consent_policy_require (self->policy, FP_PURPOSE_GENAI, &error))
    return _fp_genai_answer_new_failed (fp_genai_error_new_from (error, 0));
  if (self->genai_url != NULL && *self->genai_url != '\0')
    base = self->genai_url;
  else if (self->launcher != NULL)
    {
      base = fp_sandbox_launcher_get_proxy_url (self->launcher);
      prefix = "v1/";
    }
  if (base == NULL)
    return _fp_genai_answer_new_failed (g_error_new_literal (FP_GENAI_ERROR, FP_GENAI_ERROR_OFFLINE,
                                                             _("No GenAI proxy is set up. Set its address in Preferences.")));
  token = self->engine != NULL ? fp_sync_engine_dup_access_token (self->engine) : NULL;
  if (token == NULL)
    return _fp_genai_answer_new_failed (g_error_new_literal (FP_GENAI_ERROR, FP_GENAI_ERROR_UNAUTHORIZED,
                                                             _("Please sign in to your bank.")));
  http = fp_http_client_new (base, &error);
  if (http == NULL)
    {
      fp_keyring_free_token (token);
      return _fp_genai_answer_new_failed (fp_genai_error_new_from (error, 0));
    }
  fp_http_client_set_access_token (http, token);
  fp_keyring_free_token (token);
  genai = fp_genai_client_new (http, prefix, self->policy);
  locale = current_language ();
  return fp_genai_client_ask (genai, task, question, locale, facts, cancellable);
}

/**
 * fp_session_sync_now:
 * @self: a #FpSession
 *
 * Syncs at once (the "Refresh" action).
 */
void
fp_session_sync_now (FpSession *self)
{
  g_return_if_fail (FP_IS_SESSION (self));

  if (self->engine != NULL)
    fp_sync_engine_sync_soon (self->engine);
}

/**
 * fp_session_shutdown:
 * @self: a #FpSession
 *
 * Stops syncing, closes the cache (removing it if ephemeral) and stops the
 * demo bank. Safe to call more than once.
 */
void
fp_session_shutdown (FpSession *self)
{
  g_return_if_fail (FP_IS_SESSION (self));

  g_cancellable_cancel (self->cancellable);

  if (self->engine != NULL)
    fp_sync_engine_stop (self->engine);
  g_clear_object (&self->engine);
  drop_consent_store (self);
  if (self->cache != NULL)
    fp_cache_close (self->cache);
  g_clear_object (&self->cache);
  if (self->launcher != NULL)
    fp_sandbox_launcher_stop (self->launcher);
  g_clear_object (&self->launcher);
  wipe_tokens (self);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

FpSessionState
fp_session_get_state (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), FP_SESSION_STATE_FAILED);

  return self->state;
}

/**
 * fp_session_get_cache:
 * @self: a #FpSession
 *
 * Returns: (transfer none) (nullable): the open cache
 */
FpCache *
fp_session_get_cache (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);

  return self->cache;
}

/**
 * fp_session_get_sync_engine:
 * @self: a #FpSession
 *
 * Returns: (transfer none) (nullable): the sync engine, once the cache is open
 */
FpSyncEngine *
fp_session_get_sync_engine (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);

  return self->engine;
}

/**
 * fp_session_get_is_demo:
 * @self: a #FpSession
 *
 * Returns: whether the session talks to the embedded demo bank
 */
gboolean
fp_session_get_is_demo (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), FALSE);

  return self->launcher != NULL || (self->bank_url != NULL && *self->bank_url == '\0');
}

/**
 * fp_session_get_bank_url:
 * @self: a #FpSession
 *
 * Returns: (nullable): the bank's base URL once the session is open (the
 *   demo bank's loopback address for the demo), %NULL before
 */
const char *
fp_session_get_bank_url (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);

  return self->state == FP_SESSION_STATE_READY && self->bank_url != NULL && *self->bank_url != '\0'
         ? self->bank_url : NULL;
}

/**
 * fp_session_get_consent_policy:
 * @self: a #FpSession
 *
 * Returns: (transfer none): the customer's consents, the one place every
 *   feature asks before it uses data for a purpose
 */
FpConsentPolicy *
fp_session_get_consent_policy (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);

  return self->policy;
}

gboolean
fp_session_get_needs_onboarding (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), FALSE);

  return self->needs_onboarding;
}

/**
 * fp_session_get_status:
 * @self: a #FpSession
 *
 * Returns: (nullable): what the customer has to do while the session opens
 */
const char *
fp_session_get_status (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);

  return self->status;
}

const char *
fp_session_get_error_message (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);

  return self->error_message;
}

const char *
fp_session_get_error_hint (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);

  return self->error_hint;
}
