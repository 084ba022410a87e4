/* fp-kiosk-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A branch kiosk's customers, one after another: the sign-in with the
 * device authorization grant (RFC 8628: a code shown on the kiosk,
 * approved on the customer's phone), then an ephemeral FpSession (its
 * cache encrypted with a key that exists only in this process, the tokens
 * in memory only, never the keyring), and at the end the session's data
 * removed and the tokens revoked (RFC 7009). The embedded demo bank, when
 * no bank is configured, lives as long as the kiosk.
 *
 * What a crash leaves is removed at the next start
 * (fp_kiosk_session_clean_up_after_crash()): the ephemeral cache's folder,
 * unreadable since its key died with the process. Its tokens cannot be
 * revoked then: they were only in the dead process's memory (RFC 7009
 * needs the token itself). The access token ends with its lifetime; the
 * refresh token is in no file and no keyring, so no one can present it.
 */

#define G_LOG_DOMAIN "fp-kiosk"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-core.h"
#include "fp-endpoint.h"
#include "fp-keyring.h"
#include "fp-kiosk-revoke.h"
#include "fp-kiosk-session.h"
#include "fp-net-error.h"
#include "fp-oauth-client.h"
#include "fp-sandbox-launcher.h"
#include "fp-store.h"

/* Revocation gets this long at the end of a session, then the kiosk moves
 * on (the bank is down: the access token ends by itself). */
#define REVOKE_TIMEOUT_SECONDS 10

struct _FpKioskSession
{
  GObject            parent_instance;

  char              *configured_url;
  char              *bank_url;          /* normalized; the demo bank's once it runs */
  FpSandboxLauncher *launcher;
  gboolean           starting_bank;
  gboolean           begin_pending;

  FpKioskState       state;
  guint              generation;        /* of the current grant */
  GCancellable      *grant_cancellable;
  guint              expiry_id;
  char              *user_code;
  char              *verification_uri;
  char              *verification_uri_complete;
  gint64             expires_at;
  gint64             interval;
  guint              n_polls;
  char              *error_message;

  FpSession         *session;
  char              *access_token;      /* the grant's, for revocation */
  char              *refresh_token;
  FpKioskEndReason   end_reason;
};

G_DEFINE_FINAL_TYPE (FpKioskSession, fp_kiosk_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_SESSION,
  PROP_USER_CODE,
  PROP_VERIFICATION_URI,
  PROP_VERIFICATION_URI_COMPLETE,
  PROP_EXPIRES_AT,
  PROP_INTERVAL,
  PROP_N_POLLS,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
state_name (FpKioskState state)
{
  static const char * const names[] = {
    "idle", "starting", "waiting", "signed-in", "denied", "expired", "failed", "ending",
  };

  return (guint) state < G_N_ELEMENTS (names) ? names[state] : "?";
}

static void
set_state (FpKioskSession *self,
           FpKioskState    state)
{
  if (self->state == state)
    return;

  g_debug ("state: %s", state_name (state));
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_string (FpKioskSession  *self,
            char           **field,
            const char      *value,
            guint            prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
clear_code (FpKioskSession *self)
{
  g_clear_handle_id (&self->expiry_id, g_source_remove);
  set_string (self, &self->user_code, NULL, PROP_USER_CODE);
  set_string (self, &self->verification_uri, NULL, PROP_VERIFICATION_URI);
  set_string (self, &self->verification_uri_complete, NULL, PROP_VERIFICATION_URI_COMPLETE);
  self->expires_at = 0;
  self->n_polls = 0;
}

static void
wipe_tokens (FpKioskSession *self)
{
  g_clear_pointer (&self->access_token, fp_keyring_free_token);
  g_clear_pointer (&self->refresh_token, fp_keyring_free_token);
}

static void
stop_grant (FpKioskSession *self)
{
  self->generation++;
  if (self->grant_cancellable != NULL)
    g_cancellable_cancel (self->grant_cancellable);
  g_clear_object (&self->grant_cancellable);
  self->begin_pending = FALSE;
  clear_code (self);
}

static void
fail (FpKioskSession *self,
      const char     *message)
{
  g_object_freeze_notify (G_OBJECT (self));
  stop_grant (self);
  set_string (self, &self->error_message, message, PROP_ERROR_MESSAGE);
  set_state (self, FP_KIOSK_STATE_FAILED);
  g_object_thaw_notify (G_OBJECT (self));
}

/* The end */

static void
ended_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FpKioskSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fp_kiosk_revoke_finish (result, &error))
    g_debug ("revoking the tokens failed: %s", error->message);
  else
    g_debug ("tokens revoked");

  g_debug ("session ended (%s)",
           self->end_reason == FP_KIOSK_END_INACTIVITY ? "inactivity"
           : self->end_reason == FP_KIOSK_END_ERASED ? "erased"
           : self->end_reason == FP_KIOSK_END_SHUTDOWN ? "shutdown" : "sign-out");
  set_state (self, FP_KIOSK_STATE_IDLE);
  g_signal_emit (self, signals[SIGNAL_ENDED], 0, (int) self->end_reason);
}

static void
late_revoked_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!fp_kiosk_revoke_finish (result, &error))
    g_debug ("revoking a late approval failed: %s", error->message);
}

/* The grant, on a worker thread */

typedef struct {
  FpKioskSession *self;            /* owned */
  guint           generation;
  char           *user_code;
  char           *verification_uri;
  char           *verification_uri_complete;
  gint64          expires_in;
  gint64          interval;
  guint           n_polls;
  gint64          issued_at;
} StatusUpdate;

static void
status_update_free (gpointer data)
{
  StatusUpdate *u = data;

  g_object_unref (u->self);
  g_free (u->user_code);
  g_free (u->verification_uri);
  g_free (u->verification_uri_complete);
  g_free (u);
}

typedef struct {
  char         *base_url;
  GMainContext *context;
  FpKioskSession *self;            /* owned */
  guint         generation;
  gint64        issued_at;
  /* The result */
  char         *access_token;
  char         *refresh_token;
  gint64        expires_at;
} GrantData;

static void
grant_data_free (gpointer data)
{
  GrantData *g = data;

  g_free (g->base_url);
  g_main_context_unref (g->context);
  g_object_unref (g->self);
  fp_keyring_free_token (g->access_token);
  fp_keyring_free_token (g->refresh_token);
  g_free (g);
}

static gboolean
expired_cb (gpointer user_data)
{
  FpKioskSession *self = user_data;

  self->expiry_id = 0;
  g_debug ("the sign-in code expired on the kiosk's clock");
  g_object_freeze_notify (G_OBJECT (self));
  stop_grant (self);
  set_state (self, FP_KIOSK_STATE_EXPIRED);
  g_object_thaw_notify (G_OBJECT (self));
  return G_SOURCE_REMOVE;
}

static gboolean
apply_status_cb (gpointer data)
{
  StatusUpdate *u = data;
  FpKioskSession *self = u->self;

  if (u->generation != self->generation || self->state == FP_KIOSK_STATE_SIGNED_IN)
    return G_SOURCE_REMOVE;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->user_code == NULL)
    {
      /* The code's lifetime counts from the bank's answer, measured on the
       * polling thread. */
      self->expires_at = u->issued_at + u->expires_in * G_USEC_PER_SEC;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPIRES_AT]);
      g_clear_handle_id (&self->expiry_id, g_source_remove);
      self->expiry_id = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                            (guint) MAX (0, (self->expires_at - g_get_monotonic_time ()) / 1000),
                                            expired_cb, self, NULL);
      g_debug ("sign-in code %s, expires in %" G_GINT64_FORMAT " s, polled every %" G_GINT64_FORMAT " s",
               u->user_code, u->expires_in, u->interval);
    }
  set_string (self, &self->user_code, u->user_code, PROP_USER_CODE);
  set_string (self, &self->verification_uri, u->verification_uri, PROP_VERIFICATION_URI);
  set_string (self, &self->verification_uri_complete, u->verification_uri_complete,
              PROP_VERIFICATION_URI_COMPLETE);
  if (self->interval != u->interval)
    {
      if (u->n_polls > 0)
        g_debug ("the bank asked to slow down: polling every %" G_GINT64_FORMAT " s", u->interval);
      self->interval = u->interval;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
    }
  if (self->n_polls != u->n_polls)
    {
      self->n_polls = u->n_polls;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POLLS]);
    }
  set_state (self, FP_KIOSK_STATE_WAITING);
  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_REMOVE;
}

/* On the polling thread: hands a copy to the kiosk's thread. */
static void
grant_status_cb (const FpOAuthDeviceStatus *status,
                 gpointer                   user_data)
{
  GrantData *g = user_data;
  StatusUpdate *u = g_new0 (StatusUpdate, 1);

  if (status->n_polls == 0)
    g->issued_at = g_get_monotonic_time ();
  u->self = g_object_ref (g->self);
  u->generation = g->generation;
  u->user_code = g_strdup (status->user_code);
  u->verification_uri = g_strdup (status->verification_uri);
  u->verification_uri_complete = g_strdup (status->verification_uri_complete);
  u->expires_in = status->expires_in;
  u->interval = status->interval;
  u->n_polls = status->n_polls;
  u->issued_at = g->issued_at;
  g_main_context_invoke_full (g->context, G_PRIORITY_DEFAULT, apply_status_cb, u, status_update_free);
}

static void
grant_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GrantData *g = task_data;
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(FpOAuthClient) oauth = NULL;
  g_autoptr(GError) error = NULL;

  http = fp_http_client_new (g->base_url, &error);
  if (http == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  oauth = fp_oauth_client_new (http);
  /* Kiosk tokens never touch the keyring. */
  fp_oauth_client_set_keyring (oauth, FALSE, NULL);
  if (!fp_oauth_client_sign_in_device_full (oauth, grant_status_cb, g, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  fp_oauth_client_export_tokens (oauth, &g->access_token, &g->refresh_token, &g->expires_at);
  /* The client wipes its own copies when it goes. */
  g_task_return_boolean (task, TRUE);
}

static void
session_state_cb (FpSession      *session,
                  GParamSpec     *pspec,
                  FpKioskSession *self)
{
  /* The customer erased this device's data (Privacy): the same as signing
   * out, and nothing is left to show. */
  if (session == self->session && self->state == FP_KIOSK_STATE_SIGNED_IN
      && fp_session_get_state (session) == FP_SESSION_STATE_FIRST_RUN)
    fp_kiosk_session_end (self, FP_KIOSK_END_ERASED);
}

static void
granted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  FpKioskSession *self = FP_KIOSK_SESSION (object);
  GrantData *g = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(FpSession) session = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g->generation != self->generation)
        return;
      g_object_freeze_notify (G_OBJECT (self));
      if (g_error_matches (error, FP_NET_ERROR, FP_NET_ERROR_ACCESS_DENIED))
        {
          stop_grant (self);
          set_state (self, FP_KIOSK_STATE_DENIED);
        }
      else if (g_error_matches (error, FP_NET_ERROR, FP_NET_ERROR_EXPIRED))
        {
          stop_grant (self);
          set_state (self, FP_KIOSK_STATE_EXPIRED);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("the device grant failed: %s", error->message);
          fail (self, error->message);
        }
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }

  if (g->generation != self->generation)
    {
      GPtrArray *late = fp_kiosk_tokens_new ();

      /* Approved just as the kiosk gave up: revoke what arrived. */
      g_debug ("an approval arrived after the sign-in was cancelled");
      fp_kiosk_tokens_add (late, g_steal_pointer (&g->access_token), g_steal_pointer (&g->refresh_token));
      fp_kiosk_revoke_async (g->base_url, late, NULL, REVOKE_TIMEOUT_SECONDS, late_revoked_cb, NULL);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  stop_grant (self);
  wipe_tokens (self);
  self->access_token = g_strdup (g->access_token);
  self->refresh_token = g_strdup (g->refresh_token);

  /* An ephemeral session: the cache's key lives in this process only, the
   * tokens go to the sync engine's memory, nothing to the keyring. */
  session = fp_session_new (self->bank_url, NULL, FP_SESSION_EPHEMERAL);
  if (self->launcher != NULL)
    {
      g_autofree char *genai = g_strconcat (self->bank_url, "genai/v1/", NULL);

      fp_session_set_genai_url (session, genai);
    }
  fp_session_set_tokens (session, g->access_token, g->refresh_token, g->expires_at);
  g_signal_connect_object (session, "notify::state", G_CALLBACK (session_state_cb), self, 0);
  self->session = g_steal_pointer (&session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  set_state (self, FP_KIOSK_STATE_SIGNED_IN);
  g_object_thaw_notify (G_OBJECT (self));
  fp_session_open (self->session);
}

static void
start_grant (FpKioskSession *self)
{
  g_autoptr(GTask) task = NULL;
  GrantData *g;

  self->begin_pending = FALSE;
  self->grant_cancellable = g_cancellable_new ();
  self->interval = 0;
  g = g_new0 (GrantData, 1);
  g->base_url = g_strdup (self->bank_url);
  g->context = g_main_context_ref_thread_default ();
  g->self = g_object_ref (self);
  g->generation = self->generation;

  task = g_task_new (self, self->grant_cancellable, granted_cb, NULL);
  g_task_set_source_tag (task, start_grant);
  g_task_set_task_data (task, g, grant_data_free);
  g_task_run_in_thread (task, grant_thread);
}

/* The demo bank */

static void
bank_wait_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!fp_sandbox_launcher_wait (task_data, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_strdup (fp_sandbox_launcher_get_url (task_data)), g_free);
}

static void
bank_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FpKioskSession *self = FP_KIOSK_SESSION (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_task_propagate_pointer (G_TASK (result), &error);

  self->starting_bank = FALSE;
  if (url == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The demo bank could not be started: %s"), error->message);

      g_clear_object (&self->launcher);
      if (self->begin_pending)
        fail (self, message);
      else
        g_debug ("%s", message);
      return;
    }

  g_debug ("the demo bank listens on %s", url);
  g_free (self->bank_url);
  self->bank_url = g_steal_pointer (&url);
  if (self->begin_pending)
    start_grant (self);
}

static gboolean
ensure_bank (FpKioskSession  *self,
             GError         **error)
{
  g_autoptr(GTask) task = NULL;

  if (self->bank_url != NULL || self->starting_bank)
    return TRUE;

  if (*self->configured_url != '\0')
    {
      self->bank_url = fp_endpoint_normalize (self->configured_url, error);
      return self->bank_url != NULL;
    }

  /* Spawned on the main thread (the launcher's rule), waited for on a
   * worker. */
  self->launcher = fp_sandbox_launcher_new ();
  if (!fp_sandbox_launcher_spawn (self->launcher, NULL, error))
    {
      g_clear_object (&self->launcher);
      return FALSE;
    }
  self->starting_bank = TRUE;
  task = g_task_new (self, NULL, bank_started_cb, NULL);
  g_task_set_source_tag (task, ensure_bank);
  g_task_set_task_data (task, g_object_ref (self->launcher), g_object_unref);
  g_task_run_in_thread (task, bank_wait_thread);
  return TRUE;
}

static void
fp_kiosk_session_dispose (GObject *object)
{
  FpKioskSession *self = FP_KIOSK_SESSION (object);

  stop_grant (self);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      fp_session_shutdown (self->session);
      g_clear_object (&self->session);
    }
  if (self->launcher != NULL)
    fp_sandbox_launcher_stop (self->launcher);
  g_clear_object (&self->launcher);
  wipe_tokens (self);

  G_OBJECT_CLASS (fp_kiosk_session_parent_class)->dispose (object);
}

static void
fp_kiosk_session_finalize (GObject *object)
{
  FpKioskSession *self = FP_KIOSK_SESSION (object);

  g_free (self->configured_url);
  g_free (self->bank_url);
  g_free (self->user_code);
  g_free (self->verification_uri);
  g_free (self->verification_uri_complete);
  g_free (self->error_message);

  G_OBJECT_CLASS (fp_kiosk_session_parent_class)->finalize (object);
}

static void
fp_kiosk_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FpKioskSession *self = FP_KIOSK_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_USER_CODE:
      g_value_set_string (value, self->user_code);
      break;
    case PROP_VERIFICATION_URI:
      g_value_set_string (value, self->verification_uri);
      break;
    case PROP_VERIFICATION_URI_COMPLETE:
      g_value_set_string (value, self->verification_uri_complete);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_int64 (value, self->expires_at);
      break;
    case PROP_INTERVAL:
      g_value_set_int64 (value, self->interval);
      break;
    case PROP_N_POLLS:
      g_value_set_uint (value, self->n_polls);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_kiosk_session_class_init (FpKioskSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = fp_kiosk_session_dispose;
  object_class->finalize = fp_kiosk_session_finalize;
  object_class->get_property = fp_kiosk_session_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, FP_KIOSK_STATE_IDLE, FP_KIOSK_STATE_ENDING,
                      FP_KIOSK_STATE_IDLE, flags);
  /**
   * FpKioskSession:session: (nullable)
   *
   * The signed-in customer's session, %NULL otherwise. It becomes %NULL
   * first when the session ends, before its data is removed.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, FP_TYPE_SESSION, flags);
  properties[PROP_USER_CODE] =
    g_param_spec_string ("user-code", NULL, NULL, NULL, flags);
  properties[PROP_VERIFICATION_URI] =
    g_param_spec_string ("verification-uri", NULL, NULL, NULL, flags);
  properties[PROP_VERIFICATION_URI_COMPLETE] =
    g_param_spec_string ("verification-uri-complete", NULL, NULL, NULL, flags);
  /**
   * FpKioskSession:expires-at:
   *
   * When the code expires, on the monotonic clock (g_get_monotonic_time()).
   */
  properties[PROP_EXPIRES_AT] =
    g_param_spec_int64 ("expires-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /**
   * FpKioskSession:interval:
   *
   * Seconds between polls: the bank's interval, 5 more per slow_down.
   */
  properties[PROP_INTERVAL] =
    g_param_spec_int64 ("interval", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_N_POLLS] =
    g_param_spec_uint ("n-polls", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FpKioskSession::ended:
   * @reason: an #FpKioskEndReason
   *
   * A customer's session is over: its cache is removed and the revocation
   * of its tokens was attempted. The kiosk is idle again.
   */
  signals[SIGNAL_ENDED] =
    g_signal_new ("ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
fp_kiosk_session_init (FpKioskSession *self)
{
  self->state = FP_KIOSK_STATE_IDLE;
}

/**
 * fp_kiosk_session_clean_up_after_crash:
 *
 * What an earlier kiosk process that crashed (or lost power) left: its
 * ephemeral cache folder, encrypted with a key no one has any more. Call
 * once as the kiosk starts.
 */
void
fp_kiosk_session_clean_up_after_crash (void)
{
  fp_cache_remove_stale_ephemeral (NULL);
}

/**
 * fp_kiosk_session_new:
 * @bank_url: the bank API's base URL; empty for the embedded demo bank
 *
 * Returns: (transfer full): an idle kiosk
 */
FpKioskSession *
fp_kiosk_session_new (const char *bank_url)
{
  FpKioskSession *self;

  g_return_val_if_fail (bank_url != NULL, NULL);

  self = g_object_new (FP_TYPE_KIOSK_SESSION, NULL);
  self->configured_url = g_strdup (bank_url);
  return self;
}

/**
 * fp_kiosk_session_prepare:
 * @self: a #FpKioskSession
 *
 * Starts the embedded demo bank now, if one is needed, so that the first
 * customer does not wait for it. A configured address that is not valid
 * puts the kiosk in %FP_KIOSK_STATE_FAILED.
 */
void
fp_kiosk_session_prepare (FpKioskSession *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (FP_IS_KIOSK_SESSION (self));

  if (!ensure_bank (self, &error))
    fail (self, error->message);
}

/**
 * fp_kiosk_session_begin:
 * @self: a #FpKioskSession
 *
 * A customer wants to sign in: asks the bank for a code
 * (%FP_KIOSK_STATE_STARTING), then shows it and polls
 * (%FP_KIOSK_STATE_WAITING). Also starts again after a denial, an expiry
 * or a failure.
 */
void
fp_kiosk_session_begin (FpKioskSession *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (FP_IS_KIOSK_SESSION (self));

  switch (self->state)
    {
    case FP_KIOSK_STATE_IDLE:
    case FP_KIOSK_STATE_DENIED:
    case FP_KIOSK_STATE_EXPIRED:
    case FP_KIOSK_STATE_FAILED:
      break;
    case FP_KIOSK_STATE_STARTING:
    case FP_KIOSK_STATE_WAITING:
    case FP_KIOSK_STATE_SIGNED_IN:
    case FP_KIOSK_STATE_ENDING:
    default:
      return;
    }

  stop_grant (self);
  set_string (self, &self->error_message, NULL, PROP_ERROR_MESSAGE);
  set_state (self, FP_KIOSK_STATE_STARTING);
  if (!ensure_bank (self, &error))
    {
      fail (self, error->message);
      return;
    }
  if (self->bank_url != NULL)
    start_grant (self);
  else
    self->begin_pending = TRUE;
}

/**
 * fp_kiosk_session_cancel:
 * @self: a #FpKioskSession
 *
 * Gives up a sign-in that has not finished (the customer tapped Cancel, or
 * walked away from a denied or expired code): back to idle.
 */
void
fp_kiosk_session_cancel (FpKioskSession *self)
{
  g_return_if_fail (FP_IS_KIOSK_SESSION (self));

  if (self->state == FP_KIOSK_STATE_SIGNED_IN || self->state == FP_KIOSK_STATE_ENDING)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  stop_grant (self);
  set_string (self, &self->error_message, NULL, PROP_ERROR_MESSAGE);
  set_state (self, FP_KIOSK_STATE_IDLE);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * fp_kiosk_session_end:
 * @self: a #FpKioskSession
 * @reason: why
 *
 * Ends the customer's session: #FpKioskSession:session becomes %NULL
 * (whoever shows it drops it), the sync stops, the ephemeral cache is
 * closed and its files removed, then the tokens — the grant's and the
 * sync engine's latest — are revoked at the bank on a worker thread
 * (%FP_KIOSK_STATE_ENDING, at most 10 s), and #FpKioskSession::ended
 * follows. A sign-in that has not finished is cancelled instead.
 */
void
fp_kiosk_session_end (FpKioskSession   *self,
                      FpKioskEndReason  reason)
{
  g_autoptr(FpSession) session = NULL;
  GPtrArray *tokens;

  g_return_if_fail (FP_IS_KIOSK_SESSION (self));

  if (self->state != FP_KIOSK_STATE_SIGNED_IN)
    {
      if (self->state != FP_KIOSK_STATE_ENDING)
        fp_kiosk_session_cancel (self);
      return;
    }

  self->end_reason = reason;
  session = g_steal_pointer (&self->session);
  g_signal_handlers_disconnect_by_data (session, self);
  set_state (self, FP_KIOSK_STATE_ENDING);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);

  tokens = fp_kiosk_tokens_new ();
  fp_kiosk_tokens_add (tokens, g_steal_pointer (&self->access_token), g_steal_pointer (&self->refresh_token));
  /* The engine is kept for its latest tokens; the customer's data goes
   * first, the network may be slow. */
  {
    g_autoptr(FpSyncEngine) engine = fp_session_get_sync_engine (session) != NULL
                                     ? g_object_ref (fp_session_get_sync_engine (session)) : NULL;

    fp_session_shutdown (session);
    fp_kiosk_revoke_async (self->bank_url, tokens, engine, REVOKE_TIMEOUT_SECONDS, ended_cb,
                           g_object_ref (self));
  }
}

FpKioskState
fp_kiosk_session_get_state (FpKioskSession *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SESSION (self), FP_KIOSK_STATE_FAILED);
  return self->state;
}

/**
 * fp_kiosk_session_get_session:
 * @self: a #FpKioskSession
 *
 * Returns: (transfer none) (nullable): the signed-in customer's session
 */
FpSession *
fp_kiosk_session_get_session (FpKioskSession *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SESSION (self), NULL);
  return self->session;
}

/**
 * fp_kiosk_session_get_bank_url:
 * @self: a #FpKioskSession
 *
 * Returns: (nullable): the bank's address, once known (the demo bank's
 *   once it listens)
 */
const char *
fp_kiosk_session_get_bank_url (FpKioskSession *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SESSION (self), NULL);
  return self->bank_url;
}

const char *
fp_kiosk_session_get_user_code (FpKioskSession *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SESSION (self), NULL);
  return self->user_code;
}

const char *
fp_kiosk_session_get_verification_uri (FpKioskSession *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SESSION (self), NULL);
  return self->verification_uri;
}

/**
 * fp_kiosk_session_get_verification_uri_complete:
 * @self: a #FpKioskSession
 *
 * Returns: (nullable): the verification page with the code filled in (for
 *   the QR code), or %NULL when the bank gave none that passed the checks
 */
const char *
fp_kiosk_session_get_verification_uri_complete (FpKioskSession *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SESSION (self), NULL);
  return self->verification_uri_complete;
}

gint64
fp_kiosk_session_get_expires_at (FpKioskSession *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SESSION (self), 0);
  return self->expires_at;
}

gint64
fp_kiosk_session_get_interval (FpKioskSession *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SESSION (self), 0);
  return self->interval;
}

guint
fp_kiosk_session_get_n_polls (FpKioskSession *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SESSION (self), 0);
  return self->n_polls;
}

const char *
fp_kiosk_session_get_error_message (FpKioskSession *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SESSION (self), NULL);
  return self->error_message;
}
