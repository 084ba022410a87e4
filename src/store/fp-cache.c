/* fp-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-cache"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "fp-cache-key.h"
#include "fp-cache-private.h"
#include "fp-store-error.h"

/* The files a cache may consist of, besides the directory
 * (fp-cache-open.c makes them private). */
const char * const _fp_cache_files[] = {
  FP_CACHE_DB_NAME,
  FP_CACHE_DB_NAME "-wal",
  FP_CACHE_DB_NAME "-shm",
  FP_CACHE_DB_NAME "-journal",
  FP_CACHE_KEYCHECK_NAME,
};
const guint _fp_cache_n_files = G_N_ELEMENTS (_fp_cache_files);

G_DEFINE_FINAL_TYPE (FpCache, fp_cache, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIR,
  PROP_PATH,
  PROP_EPHEMERAL,
  PROP_SCHEMA_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint ephemeral_counter;

gboolean
_fp_cache_set_error (GError     **error,
                     sqlite3     *db,
                     int          rc,
                     const char  *what)
{
  FpStoreError code;
  const char *message;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = FP_STORE_ERROR_BUSY;
      message = _("Your local data is in use by another FinPersona window or program.");
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = FP_STORE_ERROR_CORRUPT;
      message = _("Your local data is damaged.");
      break;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      code = FP_STORE_ERROR_IO;
      message = _("Your local data could not be read or written.");
      break;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_TOOBIG:
      code = FP_STORE_ERROR_INVALID;
      message = _("The data could not be saved because it is not valid.");
      break;
    default:
      code = FP_STORE_ERROR_FAILED;
      message = _("Your local data could not be used.");
      break;
    }

  /* SQLite's messages name tables and constraints, never values. */
  g_debug ("%s failed: %s (%d)", what,
           db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc), rc);
  g_set_error_literal (error, FP_STORE_ERROR, code, message);
  return FALSE;
}

gboolean
_fp_cache_check_open (FpCache  *self,
                      GError  **error)
{
  if (self->db == NULL)
    {
      g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_FAILED,
                           _("Your local data is closed."));
      return FALSE;
    }

  /* Every reader comes through here: a first sync that deferred the
   * transaction indexes ends as soon as anything else wants the data. */
  if (self->txn_indexes_deferred && sqlite3_get_autocommit (self->db))
    return _fp_cache_ensure_txn_indexes (self, error);

  return TRUE;
}

gboolean
_fp_cache_exec (FpCache     *self,
                const char  *sql,
                GError     **error)
{
  int rc;

  g_assert (FP_IS_CACHE (self));
  g_assert (self->db != NULL);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return _fp_cache_set_error (error, self->db, rc, "exec");

  return TRUE;
}

gboolean
_fp_cache_begin (FpCache  *self,
                 GError  **error)
{
  return _fp_cache_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_fp_cache_commit (FpCache  *self,
                  GError  **error)
{
  if (!_fp_cache_exec (self, "COMMIT", error))
    {
      _fp_cache_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
_fp_cache_rollback (FpCache *self)
{
  g_assert (FP_IS_CACHE (self));

  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3_stmt *
_fp_cache_prepare (FpCache     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert (FP_IS_CACHE (self));
  g_assert (self->db != NULL);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _fp_cache_set_error (error, self->db, rc, "prepare");
      return NULL;
    }
  return stmt;
}

/*
 * _fp_cache_lookup_text:
 * @self: a #FpCache
 * @sql: a query with one parameter, ?1, returning one text column
 * @key: the value of ?1
 * @what: what is read, for the error
 * @error: return location for a #FpStoreError
 *
 * Takes the lock and reads one text by one key.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL without error if
 *   there is no such row
 */
char *
_fp_cache_lookup_text (FpCache     *self,
                       const char  *sql,
                       const char  *key,
                       const char  *what,
                       GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  char *text = NULL;
  int rc;

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self, sql, error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    _fp_cache_set_error (error, self->db, rc, what);
  sqlite3_finalize (stmt);

  return text;
}


gboolean
_fp_cache_file_size (const char *path,
                     goffset    *out_size)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return FALSE;
  *out_size = st.st_size;
  return TRUE;
}

static void
remove_cache_files (const char *dir)
{
  for (guint i = 0; i < _fp_cache_n_files; i++)
    {
      g_autofree char *path = g_build_filename (dir, _fp_cache_files[i], NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        g_debug ("Could not remove %s: %s", _fp_cache_files[i], g_strerror (errno));
    }
}

static void
close_locked (FpCache *self)
{
  if (self->db == NULL)
    return;

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);

  _fp_cache_rollback (self);
  if (sqlite3_close (self->db) != SQLITE_OK)
    g_debug ("Closing the cache failed: %s", sqlite3_errmsg (self->db));
  self->db = NULL;

  if (self->ephemeral)
    {
      remove_cache_files (self->dir);
      if (g_rmdir (self->dir) != 0)
        g_debug ("Could not remove the ephemeral cache folder: %s", g_strerror (errno));
    }
}

static void
fp_cache_finalize (GObject *object)
{
  FpCache *self = (FpCache *)object;

  close_locked (self);

  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->cipher_version, g_free);
  g_clear_pointer (&self->journal_mode, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (fp_cache_parent_class)->finalize (object);
}

static void
fp_cache_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  FpCache *self = FP_CACHE (object);

  switch (prop_id)
    {
    case PROP_DIR:
      g_value_set_string (value, self->dir);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_EPHEMERAL:
      g_value_set_boolean (value, self->ephemeral);
      break;
    case PROP_SCHEMA_VERSION:
      g_value_set_int (value, self->schema_version);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_cache_class_init (FpCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fp_cache_finalize;
  object_class->get_property = fp_cache_get_property;

  properties[PROP_DIR] =
    g_param_spec_string ("dir", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EPHEMERAL] =
    g_param_spec_boolean ("ephemeral", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCHEMA_VERSION] =
    g_param_spec_int ("schema-version", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fp_cache_init (FpCache *self)
{
  g_mutex_init (&self->lock);
}

/**
 * fp_cache_get_default_dir:
 *
 * Returns: (transfer full): the folder of the customer's cache,
 *   `$XDG_DATA_HOME/finpersona`
 */
char *
fp_cache_get_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "finpersona", NULL);
}

/**
 * fp_cache_dir_to_cache_id:
 * @dir: a cache folder
 *
 * Returns: (transfer full): the id under which the key of the cache in
 *   @dir is kept in the keyring (its canonical path)
 */
char *
fp_cache_dir_to_cache_id (const char *dir)
{
  g_return_val_if_fail (dir != NULL, NULL);

  return g_canonicalize_filename (dir, NULL);
}

/**
 * fp_cache_dir_exists:
 * @dir: a cache folder
 *
 * Returns: whether @dir holds a (non-empty) cache database
 */
gboolean
fp_cache_dir_exists (const char *dir)
{
  g_autofree char *path = NULL;
  goffset size = 0;

  g_return_val_if_fail (dir != NULL, FALSE);

  path = g_build_filename (dir, FP_CACHE_DB_NAME, NULL);
  return _fp_cache_file_size (path, &size) && size > 0;
}

FpCache *
_fp_cache_open_full (const char        *dir,
                     const FpCacheKey  *key,
                     int                max_version,
                     GError           **error)
{
  return _fp_cache_open_internal (dir, key, max_version, FALSE, error);
}

sqlite3 *
_fp_cache_get_db (FpCache *self)
{
  g_return_val_if_fail (FP_IS_CACHE (self), NULL);

  return self->db;
}

/**
 * fp_cache_open:
 * @dir: the cache folder, created if needed (see fp_cache_get_default_dir())
 * @key: the cache's key
 * @error: return location for a #FpStoreError
 *
 * Opens (or creates) the encrypted cache in @dir and brings its schema up
 * to date. A wrong key gives %FP_STORE_ERROR_WRONG_KEY and a damaged file
 * %FP_STORE_ERROR_CORRUPT; in both cases the files are left as they are,
 * and fp_cache_destroy() is the way forward the customer may choose.
 *
 * Returns: (transfer full) (nullable): the cache
 */
FpCache *
fp_cache_open (const char        *dir,
               const FpCacheKey  *key,
               GError           **error)
{
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _fp_cache_open_internal (dir, key, G_MAXINT, FALSE, error);
}

/**
 * fp_cache_open_with_keyring:
 * @dir: the cache folder
 * @flags: whether the keyring may prompt
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #FpStoreError
 *
 * Opens the cache in @dir with its key from the keyring, creating both on
 * first run. Blocks: call it from a worker thread, or use
 * fp_cache_open_with_keyring_async().
 *
 * Returns: (transfer full) (nullable): the cache
 */
FpCache *
fp_cache_open_with_keyring (const char      *dir,
                            FpKeyringFlags   flags,
                            GCancellable    *cancellable,
                            GError         **error)
{
  g_autoptr(FpCacheKey) key = NULL;
  g_autofree char *cache_id = NULL;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  cache_id = fp_cache_dir_to_cache_id (dir);
  key = fp_cache_key_load_or_create (cache_id, fp_cache_dir_exists (dir), flags,
                                     cancellable, error);
  if (key == NULL)
    return NULL;

  return fp_cache_open (dir, key, error);
}

typedef struct {
  char *dir;
  FpKeyringFlags flags;
} OpenTask;

static void
open_task_free (gpointer data)
{
  OpenTask *task = data;

  g_free (task->dir);
  g_free (task);
}

static void
open_with_keyring_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  OpenTask *data = task_data;
  GError *error = NULL;
  FpCache *cache;

  cache = fp_cache_open_with_keyring (data->dir, data->flags, cancellable, &error);
  if (cache == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cache, g_object_unref);
}

/**
 * fp_cache_open_with_keyring_async:
 * @dir: the cache folder
 * @flags: whether the keyring may prompt
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Runs fp_cache_open_with_keyring() in a worker thread.
 */
void
fp_cache_open_with_keyring_async (const char          *dir,
                                  FpKeyringFlags       flags,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenTask *data;

  g_return_if_fail (dir != NULL);

  data = g_new0 (OpenTask, 1);
  data->dir = g_strdup (dir);
  data->flags = flags;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_cache_open_with_keyring_async);
  g_task_set_task_data (task, data, open_task_free);
  g_task_run_in_thread (task, open_with_keyring_thread);
}

/**
 * fp_cache_open_with_keyring_finish:
 * @result: the result given to the callback
 * @error: return location for a #FpStoreError
 *
 * Returns: (transfer full) (nullable): the cache
 */
FpCache *
fp_cache_open_with_keyring_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
parse_ephemeral_pid (const char *name,
                     pid_t      *out_pid)
{
  guint64 pid = 0;
  const char *rest;
  char *end = NULL;

  if (!g_str_has_prefix (name, "ephemeral-"))
    return FALSE;
  rest = name + strlen ("ephemeral-");
  pid = g_ascii_strtoull (rest, &end, 10);
  if (end == rest || *end != '-' || pid == 0 || pid > G_MAXINT32)
    return FALSE;
  *out_pid = (pid_t) pid;
  return TRUE;
}

/**
 * fp_cache_remove_stale_ephemeral:
 * @parent_dir: (nullable): where ephemeral caches are created; %NULL for
 *   `$XDG_RUNTIME_DIR/finpersona`
 *
 * Removes the ephemeral caches left by sessions that ended without closing
 * them (a crash, kill -9): folders of processes that no longer run. Their
 * keys died with the process. fp_cache_new_ephemeral() does this too; a
 * kiosk calls it as it starts.
 */
void
fp_cache_remove_stale_ephemeral (const char *parent_dir)
{
  g_autofree char *default_parent = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (parent_dir == NULL)
    parent_dir = default_parent = g_build_filename (g_get_user_runtime_dir (), "finpersona", NULL);
  if ((dir = g_dir_open (parent_dir, 0, NULL)) == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      pid_t pid;

      if (!parse_ephemeral_pid (name, &pid) || pid == getpid ())
        continue;
      if (kill (pid, 0) == 0 || errno != ESRCH)
        continue;

      path = g_build_filename (parent_dir, name, NULL);
      g_debug ("Removing an ephemeral cache left by a crashed session");
      remove_cache_files (path);
      g_rmdir (path);
    }
}

/**
 * fp_cache_new_ephemeral:
 * @parent_dir: (nullable): where to create the session's folder; %NULL for
 *   `$XDG_RUNTIME_DIR/finpersona` (memory-backed on most systems)
 * @error: return location for a #FpStoreError
 *
 * Creates a cache for a kiosk session: its key is random, kept only in
 * memory inside SQLCipher and never stored; its files are removed when the
 * cache is closed or finalized. Folders left by sessions that crashed are
 * removed first.
 *
 * Returns: (transfer full) (nullable): the cache
 */
FpCache *
fp_cache_new_ephemeral (const char  *parent_dir,
                        GError     **error)
{
  g_autofree char *default_parent = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(FpCacheKey) key = NULL;
  FpCache *cache;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (parent_dir == NULL)
    parent_dir = default_parent = g_build_filename (g_get_user_runtime_dir (), "finpersona", NULL);

  fp_cache_remove_stale_ephemeral (parent_dir);

  name = g_strdup_printf ("ephemeral-%d-%d", (int) getpid (),
                          g_atomic_int_add (&ephemeral_counter, 1));
  dir = g_build_filename (parent_dir, name, NULL);
  remove_cache_files (dir);

  if (!(key = fp_cache_key_new_random (error)))
    return NULL;

  cache = _fp_cache_open_internal (dir, key, G_MAXINT, TRUE, error);
  if (cache == NULL)
    {
      remove_cache_files (dir);
      g_rmdir (dir);
    }
  return cache;
}

/**
 * fp_cache_close:
 * @self: a #FpCache
 *
 * Closes the database (an ephemeral cache is removed). Later calls on
 * @self fail. Finalizing closes too.
 */
void
fp_cache_close (FpCache *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (FP_IS_CACHE (self));

  locker = g_mutex_locker_new (&self->lock);
  close_locked (self);
}

/**
 * fp_cache_destroy:
 * @dir: a cache folder
 * @error: return location for a #FpStoreError
 *
 * Erases the cache in @dir: the explicit way forward after a wrong key or
 * a damaged file, and what sign-out does when the customer asks to erase.
 * The key stays in the keyring (see fp_cache_key_clear()). The cache must
 * not be open.
 *
 * Returns: %TRUE if no cache file remains
 */
gboolean
fp_cache_destroy (const char  *dir,
                  GError     **error)
{
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  remove_cache_files (dir);

  for (guint i = 0; i < _fp_cache_n_files; i++)
    {
      g_autofree char *path = g_build_filename (dir, _fp_cache_files[i], NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_IO,
                               _("Your local data could not be erased."));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * fp_cache_erase:
 * @dir: a cache folder
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #FpStoreError
 *
 * Erases everything of the cache in @dir from this computer: its files,
 * its key in the keyring and the folder itself. What "erase this device's
 * data" and "sign out and erase" do. The cache must not be open.
 *
 * Returns: %TRUE if neither a file nor the key remains
 */
gboolean
fp_cache_erase (const char    *dir,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree char *cache_id = NULL;
  g_autoptr(GError) key_error = NULL;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!fp_cache_destroy (dir, error))
    return FALSE;

  /* Empty now, unless someone put their own files there. */
  if (g_rmdir (dir) != 0 && errno != ENOENT)
    g_debug ("The cache folder stays: %s", g_strerror (errno));

  cache_id = fp_cache_dir_to_cache_id (dir);
  if (!fp_cache_key_clear (cache_id, FP_KEYRING_NONE, cancellable, &key_error) &&
      !g_error_matches (key_error, FP_STORE_ERROR, FP_STORE_ERROR_NO_SECRET_SERVICE))
    {
      g_propagate_error (error, g_steal_pointer (&key_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * fp_cache_get_dir:
 * @self: a #FpCache
 *
 * Returns: the cache's folder
 */
const char *
fp_cache_get_dir (FpCache *self)
{
  g_return_val_if_fail (FP_IS_CACHE (self), NULL);

  return self->dir;
}

/**
 * fp_cache_get_path:
 * @self: a #FpCache
 *
 * Returns: the database file
 */
const char *
fp_cache_get_path (FpCache *self)
{
  g_return_val_if_fail (FP_IS_CACHE (self), NULL);

  return self->path;
}

/**
 * fp_cache_is_ephemeral:
 * @self: a #FpCache
 *
 * Returns: whether @self is a kiosk session's cache
 */
gboolean
fp_cache_is_ephemeral (FpCache *self)
{
  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);

  return self->ephemeral;
}

/**
 * fp_cache_get_schema_version:
 * @self: a #FpCache
 *
 * Returns: the schema version of the open database
 */
int
fp_cache_get_schema_version (FpCache *self)
{
  g_return_val_if_fail (FP_IS_CACHE (self), 0);

  return self->schema_version;
}

/**
 * fp_cache_get_cipher_version:
 * @self: a #FpCache
 *
 * Returns: SQLCipher's version, as `PRAGMA cipher_version` gives it
 */
const char *
fp_cache_get_cipher_version (FpCache *self)
{
  g_return_val_if_fail (FP_IS_CACHE (self), NULL);

  return self->cipher_version;
}

/**
 * fp_cache_get_journal_mode:
 * @self: a #FpCache
 *
 * Returns: "wal", or "delete" if the file system refused WAL
 */
const char *
fp_cache_get_journal_mode (FpCache *self)
{
  g_return_val_if_fail (FP_IS_CACHE (self), NULL);

  return self->journal_mode;
}
