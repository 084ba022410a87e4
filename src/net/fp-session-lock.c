/* fp-session-lock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Locking the app: the cache closes and its key leaves memory until the
 * keyring gives it again (fp_session_unlock_async()).
 */

#define G_LOG_DOMAIN "fp-session"

#include "config.h"

#include "fp-keyring.h"
#include "fp-session-private.h"

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
      g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_SYNC_ENGINE]);
    }
  _fp_session_drop_consent_store (self);
  if (self->cache != NULL)
    {
      fp_cache_close (self->cache);
      g_clear_object (&self->cache);
      g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_CACHE]);
    }

  self->locked = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_LOCKED]);
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
  g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_CACHE]);
  g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_LOCKED]);
  _fp_session_start_engine (self, self->bank_url);
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
      g_object_notify_by_pspec (G_OBJECT (self), _fp_session_properties[PROP_LOCKED]);
      _fp_session_set_state (self, FP_SESSION_STATE_FIRST_RUN);
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
