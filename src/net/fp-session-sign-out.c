/* fp-session-sign-out.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Leaving: signing out (the tokens revoked at the bank and forgotten
 * here, the cache erased when asked), and forgetting a cache the Privacy
 * page erased.
 */

#define G_LOG_DOMAIN "fp-session"

#include "config.h"

#include "fp-http-client.h"
#include "fp-keyring.h"
#include "fp-oauth-client.h"
#include "fp-session-private.h"

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
      g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_SYNC_ENGINE]);
    }
  if (erase)
    {
      _fp_session_drop_consent_store (self);
      if (self->cache != NULL)
        {
          fp_cache_close (self->cache);
          g_clear_object (&self->cache);
          g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_CACHE]);
        }
      if (!(self->flags & FP_SESSION_EPHEMERAL) && !fp_cache_erase (self->cache_dir, NULL, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  _fp_session_set_state (self, FP_SESSION_STATE_FIRST_RUN);
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
      g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_SYNC_ENGINE]);
    }
  _fp_session_drop_consent_store (self);
  if (self->cache != NULL)
    {
      g_clear_object (&self->cache);
      g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_CACHE]);
    }

  /* Consents were part of the erased data; start from none. */
  _fp_session_new_policy (self);
  g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_CONSENT_POLICY]);

  _fp_session_set_state (self, FP_SESSION_STATE_FIRST_RUN);
}
