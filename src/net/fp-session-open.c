/* fp-session-open.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening the session: the demo bank and its GenAI proxy when no bank
 * address is configured, the cache (its key from the keyring, or an
 * ephemeral one), the browser sign-in of a configured bank, and the way
 * forward when the cache cannot be opened (fp_session_reset()). Once the
 * session is ready, fp-session.c starts the sync engine.
 */

#define G_LOG_DOMAIN "fp-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-core.h"
#include "fp-http-client.h"
#include "fp-keyring.h"
#include "fp-oauth-client.h"
#include "fp-session-private.h"
#include "fp-store-error.h"

static void
set_status (FpSession  *self,
            const char *status)
{
  if (g_strcmp0 (self->status, status) == 0)
    return;

  g_free (self->status);
  self->status = g_strdup (status);
  g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_STATUS]);
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
  g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_ERROR_MESSAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_ERROR_HINT]);
  _fp_session_set_state (self, FP_SESSION_STATE_FAILED);
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

  _fp_session_set_state (self, FP_SESSION_STATE_READY);
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
  g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_NEEDS_ONBOARDING]);
  g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_CACHE]);

  /* The demo bank signs its customer in by itself; kiosks use the device
   * grant (not built yet), so only a desktop with a configured bank opens
   * the browser here. */
  if (self->launcher != NULL || (self->flags & FP_SESSION_EPHEMERAL))
    {
      _fp_session_set_state (self, FP_SESSION_STATE_READY);
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

  _fp_session_set_state (self, FP_SESSION_STATE_OPENING);

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
      g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_SYNC_ENGINE]);
    }
  _fp_session_drop_consent_store (self);
  if (self->cache != NULL)
    {
      fp_cache_close (self->cache);
      g_clear_object (&self->cache);
      g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_CACHE]);
    }

  if (!fp_cache_erase (self->cache_dir, NULL, error))
    return FALSE;

  _fp_session_set_state (self, FP_SESSION_STATE_FIRST_RUN);
  fp_session_open (self);
  return TRUE;
}
