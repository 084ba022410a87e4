/* fp-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What one customer's use of the app needs, in order: the bank (the
 * embedded demo bank on loopback when no address is configured), the
 * encrypted cache (its key from the keyring, or an ephemeral one on
 * kiosks), and the sync engine that keeps the cache equal to the bank.
 * The window watches the state and hands the cache to its pages.
 *
 * This file holds the object, its state and its sync engine; the other
 * parts of its life are listed in fp-session-private.h.
 */

#define G_LOG_DOMAIN "fp-session"

#include "config.h"

#include "fp-consent-sync.h"
#include "fp-consent.h"
#include "fp-device.h"
#include "fp-keyring.h"
#include "fp-sandbox-launcher.h"
#include "fp-session-private.h"

/* Sync again every quarter of an hour while the app is open. */
#define SYNC_INTERVAL_SECONDS (15 * 60)

G_DEFINE_FINAL_TYPE (FpSession, fp_session, G_TYPE_OBJECT)

GParamSpec *_fp_session_properties[N_PROPS];

enum {
  SIGNAL_SYNCED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_fp_session_set_state (FpSession      *self,
                       FpSessionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_STATE]);

  /* Signed out or erased while locked: nothing is left to unlock. */
  if (state == FP_SESSION_STATE_FIRST_RUN && self->locked)
    {
      self->locked = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_LOCKED]);
    }
}

void
_fp_session_drop_consent_store (FpSession *self)
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

void
_fp_session_new_policy (FpSession *self)
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

void
_fp_session_start_engine (FpSession  *self,
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
  g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_SYNC_ENGINE]);

  self->engine_state = fp_sync_engine_get_state (self->engine);
  g_signal_connect_object (self->engine, "notify::state", G_CALLBACK (engine_state_cb), self, 0);
  fp_sync_engine_start (self->engine, SYNC_INTERVAL_SECONDS);
}

static void
ready_cb (FpSession  *self,
          GParamSpec *pspec,
          gpointer    user_data)
{
  if (self->state == FP_SESSION_STATE_READY && self->engine == NULL)
    _fp_session_start_engine (self, self->bank_url);
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

  _fp_session_properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      FP_SESSION_STATE_FIRST_RUN, FP_SESSION_STATE_FAILED, FP_SESSION_STATE_FIRST_RUN,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _fp_session_properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, FP_TYPE_CACHE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _fp_session_properties[PROP_SYNC_ENGINE] =
    g_param_spec_object ("sync-engine", NULL, NULL, FP_TYPE_SYNC_ENGINE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _fp_session_properties[PROP_IS_DEMO] =
    g_param_spec_boolean ("is-demo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  _fp_session_properties[PROP_CONSENT_POLICY] =
    g_param_spec_object ("consent-policy", NULL, NULL, FP_TYPE_CONSENT_POLICY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  _fp_session_properties[PROP_NEEDS_ONBOARDING] =
    g_param_spec_boolean ("needs-onboarding", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _fp_session_properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _fp_session_properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _fp_session_properties[PROP_ERROR_HINT] =
    g_param_spec_string ("error-hint", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpSession:locked:
   *
   * Whether the app is locked (fp_session_lock()): the cache is closed
   * and its key is out of memory until fp_session_unlock_async().
   */
  _fp_session_properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, _fp_session_properties);

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
  _fp_session_new_policy (self);
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
  g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_NEEDS_ONBOARDING]);
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
  _fp_session_drop_consent_store (self);
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
