/* fp-keyring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-keyring"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-keyring-private.h"
#include "fp-store-error.h"

/* The refresh token of the signed-in customer, one per account of the
 * identity provider. The net layer owns its meaning; this file only keeps it
 * in the keyring and nowhere else.
 */
static const SecretSchema token_schema = {
  "io.github.finpersona.FinPersona.RefreshToken",
  SECRET_SCHEMA_NONE,
  {
    { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/**
 * fp_secure_wipe:
 * @data: (nullable): memory to clear
 * @len: its size in bytes
 *
 * Clears memory that held a secret in a way the compiler may not remove as
 * a dead store.
 */
void
fp_secure_wipe (gpointer data,
                gsize    len)
{
  if (data == NULL || len == 0)
    return;

  explicit_bzero (data, len);
}

/* Inside Flatpak and with SECRET_BACKEND=file, libsecret keeps secrets in a
 * file encrypted with a key from the Secret portal (or, for tests, from the
 * environment) and offers only the simple password API. Everywhere else we
 * talk to the secret service ourselves, so that a locked keyring is
 * reported instead of popping up a prompt the customer did not ask for.
 */
static gboolean
use_secret_service (void)
{
  if (g_strcmp0 (g_getenv ("SECRET_BACKEND"), "file") == 0)
    return FALSE;
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return FALSE;
  return TRUE;
}

static gboolean
translate_error (GError  *local,
                 GError **error)
{
  g_assert (local != NULL);

  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, local);
      return FALSE;
    }

  g_debug ("Keyring error: %s (%s, %d)",
           local->message, g_quark_to_string (local->domain), local->code);

  if (g_error_matches (local, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_KEYRING_LOCKED,
                         _("Your keyring is locked."));
  else
    g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_NO_SECRET_SERVICE,
                         _("No keyring is available to keep your data safe."));

  g_error_free (local);
  return FALSE;
}

static SecretService *
get_service (GCancellable  *cancellable,
             GError       **error)
{
  GError *local = NULL;
  SecretService *service;

  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, cancellable, &local);
  if (service == NULL)
    translate_error (local, error);

  return service;
}

static void
set_locked_error (GError **error)
{
  g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_KEYRING_LOCKED,
                       _("Your keyring is locked."));
}

static SecretValue *
lookup_service (const SecretSchema  *schema,
                GHashTable          *attributes,
                FpKeyringFlags       flags,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autolist(GObject) items = NULL;
  g_autolist(GObject) unlocked = NULL;
  g_autoptr(GList) locked = NULL;
  GError *local = NULL;

  if (!(service = get_service (cancellable, error)))
    return NULL;

  items = secret_service_search_sync (service, schema, attributes,
                                      SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS,
                                      cancellable, &local);
  if (local != NULL)
    {
      translate_error (local, error);
      return NULL;
    }

  for (GList *l = items; l != NULL; l = l->next)
    {
      SecretItem *item = l->data;

      if (secret_item_get_locked (item))
        {
          locked = g_list_prepend (locked, item);
          continue;
        }

      {
        SecretValue *value = secret_item_get_secret (item);

        if (value != NULL)
          return value;
      }
    }

  if (locked == NULL)
    return NULL;

  if (!(flags & FP_KEYRING_INTERACTIVE))
    {
      set_locked_error (error);
      return NULL;
    }

  if (secret_service_unlock_sync (service, locked, cancellable, &unlocked, &local) == 0)
    {
      if (local != NULL)
        translate_error (local, error);
      else
        set_locked_error (error);
      return NULL;
    }

  for (GList *l = unlocked; l != NULL; l = l->next)
    {
      SecretItem *item = l->data;
      SecretValue *value;

      if (!secret_item_load_secret_sync (item, cancellable, &local))
        {
          translate_error (local, error);
          return NULL;
        }
      if ((value = secret_item_get_secret (item)) != NULL)
        return value;
    }

  set_locked_error (error);
  return NULL;
}

static gboolean
store_service (const SecretSchema  *schema,
               GHashTable          *attributes,
               const char          *label,
               SecretValue         *value,
               FpKeyringFlags       flags,
               GCancellable        *cancellable,
               GError             **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  GError *local = NULL;

  if (!(service = get_service (cancellable, error)))
    return FALSE;

  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE,
                                                 cancellable, &local);
  if (local != NULL)
    return translate_error (local, error);

  /* Creating a default keyring or unlocking one both prompt: only when the
   * customer is there to answer. */
  if (collection == NULL && !(flags & FP_KEYRING_INTERACTIVE))
    {
      g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_KEYRING_LOCKED,
                           _("Your keyring has no default collection to keep the key in."));
      return FALSE;
    }

  if (collection != NULL && secret_collection_get_locked (collection))
    {
      g_autolist(GObject) unlocked = NULL;
      GList objects = { collection, NULL, NULL };

      if (!(flags & FP_KEYRING_INTERACTIVE))
        {
          set_locked_error (error);
          return FALSE;
        }

      if (secret_service_unlock_sync (service, &objects, cancellable, &unlocked, &local) == 0)
        {
          if (local != NULL)
            return translate_error (local, error);
          set_locked_error (error);
          return FALSE;
        }
    }

  if (!secret_service_store_sync (service, schema, attributes, SECRET_COLLECTION_DEFAULT,
                                  label, value, cancellable, &local))
    return translate_error (local, error);

  return TRUE;
}

/* libsecret 0.20's password calls (its file backend, which Flatpak and the
 * tests use) set a GError over another when they are cancelled while they
 * run (seen as "GError set over the top of a previous GError" from
 * secret_password_lookupv_binary_sync under a lock in tests/net/test-lock).
 * They are short local reads and writes: they run uncancellable, and a
 * cancelled operation is refused before it starts. */
static gboolean
cancelled (GCancellable  *cancellable,
           GError       **error)
{
  GError *local = NULL;

  if (!g_cancellable_set_error_if_cancelled (cancellable, &local))
    return FALSE;
  translate_error (local, error);
  return TRUE;
}

SecretValue *
_fp_keyring_lookup (const SecretSchema  *schema,
                    GHashTable          *attributes,
                    FpKeyringFlags       flags,
                    GCancellable        *cancellable,
                    GError             **error)
{
  GError *local = NULL;
  SecretValue *value;

  g_return_val_if_fail (schema != NULL, NULL);
  g_return_val_if_fail (attributes != NULL, NULL);

  if (use_secret_service ())
    return lookup_service (schema, attributes, flags, cancellable, error);

  if (cancelled (cancellable, error))
    return NULL;
  value = secret_password_lookupv_binary_sync (schema, attributes, NULL, &local);
  if (local != NULL)
    {
      g_clear_pointer (&value, secret_value_unref);
      translate_error (local, error);
    }

  return value;
}

gboolean
_fp_keyring_store (const SecretSchema  *schema,
                   GHashTable          *attributes,
                   const char          *label,
                   SecretValue         *value,
                   FpKeyringFlags       flags,
                   GCancellable        *cancellable,
                   GError             **error)
{
  GError *local = NULL;

  g_return_val_if_fail (schema != NULL, FALSE);
  g_return_val_if_fail (attributes != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (use_secret_service ())
    return store_service (schema, attributes, label, value, flags, cancellable, error);

  if (cancelled (cancellable, error))
    return FALSE;
  if (!secret_password_storev_binary_sync (schema, attributes, SECRET_COLLECTION_DEFAULT,
                                           label, value, NULL, &local))
    return translate_error (local, error);

  return TRUE;
}

gboolean
_fp_keyring_clear (const SecretSchema  *schema,
                   GHashTable          *attributes,
                   FpKeyringFlags       flags,
                   GCancellable        *cancellable,
                   GError             **error)
{
  GError *local = NULL;

  g_return_val_if_fail (schema != NULL, FALSE);
  g_return_val_if_fail (attributes != NULL, FALSE);

  if (use_secret_service ())
    {
      g_autoptr(SecretService) service = NULL;

      if (!(service = get_service (cancellable, error)))
        return FALSE;
      secret_service_clear_sync (service, schema, attributes, cancellable, &local);
    }
  else
    {
      if (cancelled (cancellable, error))
        return FALSE;
      secret_password_clearv_sync (schema, attributes, NULL, &local);
    }

  if (local != NULL)
    return translate_error (local, error);

  return TRUE;
}

static GHashTable *
token_attributes (const char *account)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "account", (gpointer) account);
  return attributes;
}

/**
 * fp_keyring_save_refresh_token:
 * @account: the identity the token belongs to (issuer and subject, say)
 * @refresh_token: the token
 * @flags: whether a prompt may be shown
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #FpStoreError
 *
 * Keeps the refresh token in the keyring, replacing any earlier one for
 * @account. The token is never written anywhere else.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_keyring_save_refresh_token (const char      *account,
                               const char      *refresh_token,
                               FpKeyringFlags   flags,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;

  g_return_val_if_fail (account != NULL, FALSE);
  g_return_val_if_fail (refresh_token != NULL && *refresh_token != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  attributes = token_attributes (account);
  value = secret_value_new (refresh_token, -1, "text/plain");

  return _fp_keyring_store (&token_schema, attributes, _("FinPersona sign-in"),
                            value, flags, cancellable, error);
}

/**
 * fp_keyring_load_refresh_token:
 * @account: the identity the token belongs to
 * @flags: whether a prompt may be shown
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #FpStoreError
 *
 * Reads the refresh token of @account from the keyring.
 *
 * Returns: (transfer full) (nullable): the token, to be released with
 *   fp_keyring_free_token(), or %NULL without error when there is none
 */
char *
fp_keyring_load_refresh_token (const char      *account,
                               FpKeyringFlags   flags,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;
  const char *text;

  g_return_val_if_fail (account != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  attributes = token_attributes (account);
  value = _fp_keyring_lookup (&token_schema, attributes, flags, cancellable, error);
  if (value == NULL)
    return NULL;

  text = secret_value_get_text (value);
  if (text == NULL || *text == '\0')
    return NULL;

  return g_strdup (text);
}

/**
 * fp_keyring_clear_refresh_token:
 * @account: the identity the token belongs to
 * @flags: whether a prompt may be shown
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #FpStoreError
 *
 * Removes the refresh token of @account from the keyring (sign-out). Not
 * finding one is not an error.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_keyring_clear_refresh_token (const char      *account,
                                FpKeyringFlags   flags,
                                GCancellable    *cancellable,
                                GError         **error)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_val_if_fail (account != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  attributes = token_attributes (account);
  return _fp_keyring_clear (&token_schema, attributes, flags, cancellable, error);
}

/**
 * fp_keyring_free_token:
 * @token: (nullable) (transfer full): a token from the keyring
 *
 * Wipes and frees a token.
 */
void
fp_keyring_free_token (char *token)
{
  if (token == NULL)
    return;

  fp_secure_wipe (token, strlen (token));
  g_free (token);
}

typedef struct {
  char *account;
  char *token;
  FpKeyringFlags flags;
} TokenTask;

static void
token_task_free (gpointer data)
{
  TokenTask *task = data;

  g_free (task->account);
  fp_keyring_free_token (task->token);
  g_free (task);
}

static void
load_token_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  TokenTask *data = task_data;
  GError *error = NULL;
  char *token;

  token = fp_keyring_load_refresh_token (data->account, data->flags, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify) fp_keyring_free_token);
}

/**
 * fp_keyring_load_refresh_token_async:
 * @account: the identity the token belongs to
 * @flags: whether a prompt may be shown
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the refresh token in a worker thread.
 */
void
fp_keyring_load_refresh_token_async (const char          *account,
                                     FpKeyringFlags       flags,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TokenTask *data;

  g_return_if_fail (account != NULL);

  data = g_new0 (TokenTask, 1);
  data->account = g_strdup (account);
  data->flags = flags;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_keyring_load_refresh_token_async);
  g_task_set_task_data (task, data, token_task_free);
  g_task_run_in_thread (task, load_token_thread);
}

/**
 * fp_keyring_load_refresh_token_finish:
 * @result: the result given to the callback
 * @error: return location for a #FpStoreError
 *
 * Returns: (transfer full) (nullable): the token (free it with
 *   fp_keyring_free_token()), or %NULL without error when there is none
 */
char *
fp_keyring_load_refresh_token_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fp_keyring_load_refresh_token_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
save_token_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  TokenTask *data = task_data;
  GError *error = NULL;

  if (!fp_keyring_save_refresh_token (data->account, data->token, data->flags, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * fp_keyring_save_refresh_token_async:
 * @account: the identity the token belongs to
 * @refresh_token: the token
 * @flags: whether a prompt may be shown
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Keeps the refresh token in the keyring, in a worker thread.
 */
void
fp_keyring_save_refresh_token_async (const char          *account,
                                     const char          *refresh_token,
                                     FpKeyringFlags       flags,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TokenTask *data;

  g_return_if_fail (account != NULL);
  g_return_if_fail (refresh_token != NULL && *refresh_token != '\0');

  data = g_new0 (TokenTask, 1);
  data->account = g_strdup (account);
  data->token = g_strdup (refresh_token);
  data->flags = flags;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_keyring_save_refresh_token_async);
  g_task_set_task_data (task, data, token_task_free);
  g_task_run_in_thread (task, save_token_thread);
}

/**
 * fp_keyring_save_refresh_token_finish:
 * @result: the result given to the callback
 * @error: return location for a #FpStoreError
 *
 * Returns: %TRUE on success
 */
gboolean
fp_keyring_save_refresh_token_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
