/* fp-cache-key.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-cache-key"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n-lib.h>

#include "fp-cache-key.h"
#include "fp-keyring-private.h"
#include "fp-store-error.h"

struct _FpCacheKey {
  guint8 bytes[FP_CACHE_KEY_SIZE];
};

static const SecretSchema cache_key_schema = {
  "io.github.finpersona.FinPersona.CacheKey",
  SECRET_SCHEMA_NONE,
  {
    { "cache-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* Fills @buf from the kernel's CSPRNG; GLib's g_random is a Mersenne
 * Twister and must never make a key. */
static gboolean
system_random (guint8  *buf,
               gsize    len,
               GError **error)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = getrandom (buf + done, len - done, 0);

      if (n < 0)
        {
          int errsv = errno;

          if (errsv == EINTR)
            continue;
          g_set_error (error, FP_STORE_ERROR, FP_STORE_ERROR_FAILED,
                       _("The system could not provide random numbers: %s"),
                       g_strerror (errsv));
          return FALSE;
        }
      done += (gsize) n;
    }

  return TRUE;
}

/**
 * fp_cache_key_new_random:
 * @error: return location for a #FpStoreError
 *
 * Creates a new key from the system's random source (getrandom(2)).
 *
 * Returns: (transfer full) (nullable): a new key
 */
FpCacheKey *
fp_cache_key_new_random (GError **error)
{
  FpCacheKey *key = g_new0 (FpCacheKey, 1);

  if (!system_random (key->bytes, sizeof key->bytes, error))
    {
      fp_cache_key_free (key);
      return NULL;
    }

  return key;
}

/**
 * fp_cache_key_new_from_bytes:
 * @bytes: (array length=len): raw key material
 * @len: must be %FP_CACHE_KEY_SIZE
 *
 * Returns: (transfer full): a key holding a copy of @bytes
 */
FpCacheKey *
fp_cache_key_new_from_bytes (const guint8 *bytes,
                             gsize         len)
{
  FpCacheKey *key;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (len == FP_CACHE_KEY_SIZE, NULL);

  key = g_new0 (FpCacheKey, 1);
  memcpy (key->bytes, bytes, FP_CACHE_KEY_SIZE);
  return key;
}

/**
 * fp_cache_key_copy:
 * @key: a key
 *
 * Returns: (transfer full): a copy of @key
 */
FpCacheKey *
fp_cache_key_copy (const FpCacheKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return fp_cache_key_new_from_bytes (key->bytes, sizeof key->bytes);
}

/**
 * fp_cache_key_get_bytes:
 * @key: a key
 *
 * Returns: (array fixed-size=32): the %FP_CACHE_KEY_SIZE raw bytes
 */
const guint8 *
fp_cache_key_get_bytes (const FpCacheKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->bytes;
}

/**
 * fp_cache_key_equal:
 * @a: a key
 * @b: another key
 *
 * Compares two keys in constant time.
 *
 * Returns: %TRUE if they are the same key
 */
gboolean
fp_cache_key_equal (const FpCacheKey *a,
                    const FpCacheKey *b)
{
  guint8 diff = 0;

  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  for (gsize i = 0; i < FP_CACHE_KEY_SIZE; i++)
    diff |= a->bytes[i] ^ b->bytes[i];

  return diff == 0;
}

/**
 * fp_cache_key_free:
 * @key: (nullable) (transfer full): a key
 *
 * Wipes and frees @key.
 */
void
fp_cache_key_free (FpCacheKey *key)
{
  if (key == NULL)
    return;

  fp_secure_wipe (key->bytes, sizeof key->bytes);
  g_free (key);
}

static GHashTable *
key_attributes (const char *cache_id)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "cache-id", (gpointer) cache_id);
  return attributes;
}

/**
 * fp_cache_key_lookup:
 * @cache_id: which cache (see fp_cache_get_cache_id())
 * @flags: whether a prompt may be shown
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #FpStoreError
 *
 * Reads the key of @cache_id from the keyring.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL without error if
 *   the keyring holds none
 */
FpCacheKey *
fp_cache_key_lookup (const char      *cache_id,
                     FpKeyringFlags   flags,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;
  const guint8 *data;
  gsize len = 0;

  g_return_val_if_fail (cache_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  attributes = key_attributes (cache_id);
  value = _fp_keyring_lookup (&cache_key_schema, attributes, flags, cancellable, error);
  if (value == NULL)
    return NULL;

  data = (const guint8 *) secret_value_get (value, &len);
  if (len != FP_CACHE_KEY_SIZE)
    {
      g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_KEY_MISSING,
                           _("The key of your local data in the keyring is damaged."));
      return NULL;
    }

  return fp_cache_key_new_from_bytes (data, len);
}

/**
 * fp_cache_key_store:
 * @cache_id: which cache
 * @key: its key
 * @flags: whether a prompt may be shown
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #FpStoreError
 *
 * Keeps @key in the keyring, replacing the key of @cache_id if any.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_key_store (const char        *cache_id,
                    const FpCacheKey  *key,
                    FpKeyringFlags     flags,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;

  g_return_val_if_fail (cache_id != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  attributes = key_attributes (cache_id);
  /* secret_value_new() copies into libsecret's wiped memory. */
  value = secret_value_new ((const char *) key->bytes, sizeof key->bytes,
                            "application/octet-stream");

  return _fp_keyring_store (&cache_key_schema, attributes,
                            _("FinPersona local data key"),
                            value, flags, cancellable, error);
}

/**
 * fp_cache_key_clear:
 * @cache_id: which cache
 * @flags: whether a prompt may be shown
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #FpStoreError
 *
 * Removes the key of @cache_id from the keyring; the cache becomes
 * unreadable. Not finding a key is not an error.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_key_clear (const char      *cache_id,
                    FpKeyringFlags   flags,
                    GCancellable    *cancellable,
                    GError         **error)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_val_if_fail (cache_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  attributes = key_attributes (cache_id);
  return _fp_keyring_clear (&cache_key_schema, attributes, flags, cancellable, error);
}

/**
 * fp_cache_key_load_or_create:
 * @cache_id: which cache
 * @cache_exists: whether the cache's database file exists already
 * @flags: whether a prompt may be shown
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #FpStoreError
 *
 * The key to open a cache with: the one in the keyring, or for a cache that
 * does not exist yet a new random one, stored in the keyring before it is
 * returned. A cache that exists without its key in the keyring gives
 * %FP_STORE_ERROR_KEY_MISSING: a new key would not open it, and the cache
 * is never reset without the customer saying so (fp_cache_destroy()).
 *
 * Returns: (transfer full) (nullable): the key
 */
FpCacheKey *
fp_cache_key_load_or_create (const char      *cache_id,
                             gboolean         cache_exists,
                             FpKeyringFlags   flags,
                             GCancellable    *cancellable,
                             GError         **error)
{
  GError *local = NULL;
  FpCacheKey *key;

  g_return_val_if_fail (cache_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key = fp_cache_key_lookup (cache_id, flags, cancellable, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (key != NULL)
    return key;

  if (cache_exists)
    {
      g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_KEY_MISSING,
                           _("The key of your local data is no longer in your keyring."));
      return NULL;
    }

  if (!(key = fp_cache_key_new_random (error)))
    return NULL;

  if (!fp_cache_key_store (cache_id, key, flags, cancellable, error))
    {
      fp_cache_key_free (key);
      return NULL;
    }

  g_debug ("Created a new cache key in the keyring");
  return key;
}

typedef struct {
  char *cache_id;
  gboolean cache_exists;
  FpKeyringFlags flags;
} LoadTask;

static void
load_task_free (gpointer data)
{
  LoadTask *task = data;

  g_free (task->cache_id);
  g_free (task);
}

static void
load_or_create_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  LoadTask *data = task_data;
  GError *error = NULL;
  FpCacheKey *key;

  key = fp_cache_key_load_or_create (data->cache_id, data->cache_exists, data->flags,
                                     cancellable, &error);
  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) fp_cache_key_free);
}

/**
 * fp_cache_key_load_or_create_async:
 * @cache_id: which cache
 * @cache_exists: whether the cache's database file exists already
 * @flags: whether a prompt may be shown
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Runs fp_cache_key_load_or_create() in a worker thread.
 */
void
fp_cache_key_load_or_create_async (const char          *cache_id,
                                   gboolean             cache_exists,
                                   FpKeyringFlags       flags,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadTask *data;

  g_return_if_fail (cache_id != NULL);

  data = g_new0 (LoadTask, 1);
  data->cache_id = g_strdup (cache_id);
  data->cache_exists = !!cache_exists;
  data->flags = flags;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_cache_key_load_or_create_async);
  g_task_set_task_data (task, data, load_task_free);
  g_task_run_in_thread (task, load_or_create_thread);
}

/**
 * fp_cache_key_load_or_create_finish:
 * @result: the result given to the callback
 * @error: return location for a #FpStoreError
 *
 * Returns: (transfer full) (nullable): the key
 */
FpCacheKey *
fp_cache_key_load_or_create_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
