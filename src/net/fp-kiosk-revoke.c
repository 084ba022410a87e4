/* fp-kiosk-revoke.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The end of a kiosk customer's session at the bank: every token the
 * session held — the device grant's, and the sync engine's latest, which
 * refreshes rotate — revoked (RFC 7009) on a worker thread, within a time
 * limit. A sync still in flight may rotate the tokens once more: its end
 * is awaited first. The tokens are wiped from memory when done.
 */

#define G_LOG_DOMAIN "fp-kiosk"

#include "config.h"

#include "fp-http-client.h"
#include "fp-keyring.h"
#include "fp-kiosk-revoke.h"
#include "fp-oauth-client.h"

typedef struct {
  char         *base_url;
  GPtrArray    *tokens;          /* access, refresh, access, refresh, …; NULLs allowed */
  guint         timeout_seconds;
  GCancellable *cancellable;
  guint         timeout_id;
  FpSyncEngine *engine;          /* while a sync in flight settles */
  gulong        engine_handler;
  guint         settle_id;
} RevokeData;

static void
revoke_data_free (gpointer data)
{
  RevokeData *r = data;

  g_clear_handle_id (&r->timeout_id, g_source_remove);
  g_clear_handle_id (&r->settle_id, g_source_remove);
  if (r->engine != NULL)
    g_clear_signal_handler (&r->engine_handler, r->engine);
  g_clear_object (&r->engine);
  g_object_unref (r->cancellable);
  g_free (r->base_url);
  g_ptr_array_unref (r->tokens);
  g_free (r);
}

static gboolean
has_token (GPtrArray  *tokens,
           const char *token)
{
  for (guint i = 0; i < tokens->len; i++)
    if (g_strcmp0 (g_ptr_array_index (tokens, i), token) == 0)
      return TRUE;
  return FALSE;
}

/**
 * fp_kiosk_tokens_new:
 *
 * Returns: (transfer full): an empty list of token pairs, wiped when freed
 */
GPtrArray *
fp_kiosk_tokens_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) fp_keyring_free_token);
}

/**
 * fp_kiosk_tokens_add:
 * @tokens: from fp_kiosk_tokens_new()
 * @access_token: (transfer full) (nullable): an access token
 * @refresh_token: (transfer full) (nullable): its refresh token
 *
 * Adds a pair unless both are known: the grant's tokens and the sync
 * engine's may be the same.
 */
void
fp_kiosk_tokens_add (GPtrArray *tokens,
                     char      *access_token,
                     char      *refresh_token)
{
  if ((access_token == NULL || has_token (tokens, access_token))
      && (refresh_token == NULL || has_token (tokens, refresh_token)))
    {
      fp_keyring_free_token (access_token);
      fp_keyring_free_token (refresh_token);
      return;
    }
  g_ptr_array_add (tokens, access_token);
  g_ptr_array_add (tokens, refresh_token);
}

static void
revoke_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RevokeData *r = task_data;
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(FpOAuthClient) oauth = NULL;
  g_autoptr(GError) error = NULL;

  http = fp_http_client_new (r->base_url, &error);
  if (http == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  fp_http_client_set_retry (http, 2, 200, 1000);
  oauth = fp_oauth_client_new (http);
  fp_oauth_client_set_keyring (oauth, FALSE, NULL);
  /* Revoking the refresh token ends the grant at the bank (RFC 7009 2.1);
   * the access token is revoked too, for banks that do not tie them. */
  for (guint i = 0; i + 1 < r->tokens->len; i += 2)
    {
      fp_oauth_client_import_tokens (oauth, g_ptr_array_index (r->tokens, i),
                                     g_ptr_array_index (r->tokens, i + 1), 0);
      fp_oauth_client_sign_out (oauth, cancellable, NULL);
    }
  g_task_return_boolean (task, TRUE);
}

static gboolean
timeout_cb (gpointer user_data)
{
  RevokeData *r = user_data;

  r->timeout_id = 0;
  g_cancellable_cancel (r->cancellable);
  return G_SOURCE_REMOVE;
}

static void
run (GTask *task)
{
  RevokeData *r = g_task_get_task_data (task);

  r->timeout_id = g_timeout_add_seconds (r->timeout_seconds, timeout_cb, r);
  g_task_run_in_thread (task, revoke_thread);
}

static void
settled (GTask *task)
{
  RevokeData *r = g_task_get_task_data (task);
  char *access = NULL, *refresh = NULL;
  gint64 expires = 0;

  g_clear_signal_handler (&r->engine_handler, r->engine);
  g_clear_handle_id (&r->settle_id, g_source_remove);
  /* A refresh during the last run may have rotated the tokens. */
  fp_sync_engine_export_tokens (r->engine, &access, &refresh, &expires);
  fp_kiosk_tokens_add (r->tokens, access, refresh);
  g_clear_object (&r->engine);
  run (task);
  g_object_unref (task);
}

static void
engine_state_cb (FpSyncEngine *engine,
                 GParamSpec   *pspec,
                 GTask        *task)
{
  if (fp_sync_engine_get_state (engine) != FP_SYNC_STATE_SYNCING)
    settled (task);
}

static gboolean
settle_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  RevokeData *r = g_task_get_task_data (task);

  r->settle_id = 0;
  settled (task);
  return G_SOURCE_REMOVE;
}

/**
 * fp_kiosk_revoke_async:
 * @base_url: the bank's address
 * @tokens: (transfer full): from fp_kiosk_tokens_new()
 * @engine: (nullable): the session's sync engine, stopped: its latest
 *   tokens are revoked too, once a sync still in flight has ended
 * @timeout_seconds: how long each of the waits may take
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Revokes the tokens at the bank. A bank that cannot be reached fails it;
 * the tokens are forgotten either way.
 */
void
fp_kiosk_revoke_async (const char          *base_url,
                       GPtrArray           *tokens,
                       FpSyncEngine        *engine,
                       guint                timeout_seconds,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  RevokeData *r;
  GTask *task;

  g_return_if_fail (base_url != NULL);
  g_return_if_fail (tokens != NULL);

  r = g_new0 (RevokeData, 1);
  r->base_url = g_strdup (base_url);
  r->tokens = tokens;
  r->timeout_seconds = MAX (1, timeout_seconds);
  r->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, r->cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_kiosk_revoke_async);
  g_task_set_task_data (task, r, revoke_data_free);

  if (engine != NULL)
    {
      char *access = NULL, *refresh = NULL;
      gint64 expires = 0;

      fp_sync_engine_export_tokens (engine, &access, &refresh, &expires);
      fp_kiosk_tokens_add (r->tokens, access, refresh);
      if (fp_sync_engine_get_state (engine) == FP_SYNC_STATE_SYNCING)
        {
          r->engine = g_object_ref (engine);
          r->engine_handler = g_signal_connect (engine, "notify::state", G_CALLBACK (engine_state_cb), task);
          r->settle_id = g_timeout_add_seconds (r->timeout_seconds, settle_timeout_cb, task);
          return;
        }
    }
  run (task);
  g_object_unref (task);
}

gboolean
fp_kiosk_revoke_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
