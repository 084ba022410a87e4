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

/* The files a cache may consist of, besides the directory. The key check is
 * an HMAC of a fixed label under the key: it tells a wrong key from a
 * damaged file and reveals nothing about the key. */
#define KEYCHECK_NAME  "cache.keycheck"
#define KEYCHECK_LABEL "FinPersona cache key check v1"
#define KEYCHECK_MAGIC "fp-cache-keycheck-v1 "

static const char * const cache_files[] = {
  FP_CACHE_DB_NAME,
  FP_CACHE_DB_NAME "-wal",
  FP_CACHE_DB_NAME "-shm",
  FP_CACHE_DB_NAME "-journal",
  KEYCHECK_NAME,
};

/* A large page cache keeps the unique index and the day indexes in memory
 * during bulk ingest (DESIGN.md: the default cache costs ~74%). In KiB. */
#define CACHE_SIZE_KIB 65536

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

static gboolean
query_text (sqlite3     *db,
            const char  *sql,
            char       **out_text,
            int         *out_rc)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *out_text = NULL;
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const unsigned char *text = sqlite3_column_text (stmt, 0);

          *out_text = g_strdup ((const char *) text);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  *out_rc = rc;
  return rc == SQLITE_OK;
}

static char *
keycheck_compute (const FpCacheKey *key)
{
  g_autoptr(GHmac) hmac = NULL;

  hmac = g_hmac_new (G_CHECKSUM_SHA256, fp_cache_key_get_bytes (key), FP_CACHE_KEY_SIZE);
  g_hmac_update (hmac, (const guchar *) KEYCHECK_LABEL, strlen (KEYCHECK_LABEL));
  return g_strconcat (KEYCHECK_MAGIC, g_hmac_get_string (hmac), "\n", NULL);
}

/* Returns -1 if there is no (readable) key check, 0 if @key does not match
 * it and 1 if it does. */
static int
keycheck_verify (const char       *dir,
                 const FpCacheKey *key)
{
  g_autofree char *path = g_build_filename (dir, KEYCHECK_NAME, NULL);
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;

  if (!g_file_get_contents (path, &stored, NULL, NULL))
    return -1;
  if (!g_str_has_prefix (stored, KEYCHECK_MAGIC))
    return -1;

  expected = keycheck_compute (key);
  return g_strcmp0 (stored, expected) == 0 ? 1 : 0;
}

static void
keycheck_write (const char       *dir,
                const FpCacheKey *key)
{
  g_autofree char *path = g_build_filename (dir, KEYCHECK_NAME, NULL);
  g_autofree char *contents = keycheck_compute (key);
  g_autoptr(GError) error = NULL;

  if (keycheck_verify (dir, key) == 1)
    return;

  if (!g_file_set_contents_full (path, contents, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_debug ("Could not write the key check: %s", error->message);
}

static gboolean
file_is_plain_sqlite (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  char header[16] = { 0 };
  FILE *file;
  gboolean plain = FALSE;

  if ((file = g_fopen (path, "rb")) == NULL)
    return FALSE;
  if (fread (header, 1, sizeof header, file) == sizeof header)
    plain = memcmp (header, magic, sizeof magic) == 0;
  fclose (file);
  return plain;
}

/* Whether the key opens the file, read on @db; classifies the failure. */
static gboolean
verify_read (sqlite3           *db,
             const char        *dir,
             const char        *path,
             const FpCacheKey  *key,
             int               *out_rc,
             GError           **error)
{
  g_autofree char *ignored = NULL;
  int rc;

  if (query_text (db, "SELECT count(*) FROM sqlite_master", &ignored, &rc))
    return TRUE;
  if (out_rc != NULL)
    *out_rc = rc;

  if ((rc & 0xff) == SQLITE_NOTADB)
    {
      if (file_is_plain_sqlite (path))
        {
          g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_CORRUPT,
                               _("Your local data is not encrypted and will not be used."));
          return FALSE;
        }

      switch (keycheck_verify (dir, key))
        {
        case 1:
          g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_CORRUPT,
                               _("Your local data is damaged."));
          return FALSE;
        case 0:
          g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_WRONG_KEY,
                               _("The key in your keyring does not open your local data."));
          return FALSE;
        default:
          g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_WRONG_KEY,
                               _("Your local data cannot be opened with the key in your keyring; the key changed or the data is damaged."));
          return FALSE;
        }
    }

  return _fp_cache_set_error (error, db, rc, "verify key");
}

static gboolean
apply_key (sqlite3           *db,
           const FpCacheKey  *key,
           GError           **error)
{
  /* x'<64 hex digits>' makes SQLCipher use the bytes as the raw key,
   * without a passphrase KDF. The literal goes through sqlite3_key() so
   * that it never appears in an SQL statement, and is wiped at once. */
  static const char hex[] = "0123456789abcdef";
  char literal[2 + 2 * FP_CACHE_KEY_SIZE + 1 + 1];
  const guint8 *bytes = fp_cache_key_get_bytes (key);
  int rc;

  literal[0] = 'x';
  literal[1] = '\'';
  for (guint i = 0; i < FP_CACHE_KEY_SIZE; i++)
    {
      literal[2 + 2 * i] = hex[bytes[i] >> 4];
      literal[3 + 2 * i] = hex[bytes[i] & 0xf];
    }
  literal[2 + 2 * FP_CACHE_KEY_SIZE] = '\'';
  literal[3 + 2 * FP_CACHE_KEY_SIZE] = '\0';

  rc = sqlite3_key (db, literal, (int) strlen (literal));
  fp_secure_wipe (literal, sizeof literal);

  if (rc != SQLITE_OK)
    return _fp_cache_set_error (error, db, rc, "sqlite3_key");

  return TRUE;
}

static gboolean
configure (FpCache  *self,
           GError  **error)
{
  g_autofree char *mode = NULL;
  g_autofree char *pragma = NULL;
  int rc;

  if (!_fp_cache_exec (self, "PRAGMA temp_store = MEMORY", error) ||
      !_fp_cache_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  pragma = g_strdup_printf ("PRAGMA cache_size = -%d", CACHE_SIZE_KIB);
  if (!_fp_cache_exec (self, pragma, error))
    return FALSE;

  /* SQLCipher encrypts WAL frames like database pages (3.x included); the
   * -shm file holds only the WAL index (page numbers and checksums). */
  if (!query_text (self->db, "PRAGMA journal_mode = WAL", &mode, &rc))
    return _fp_cache_set_error (error, self->db, rc, "journal_mode");
  if (g_ascii_strcasecmp (mode != NULL ? mode : "", "wal") != 0)
    {
      g_debug ("WAL refused (journal mode %s); using DELETE", mode);
      g_clear_pointer (&mode, g_free);
      if (!query_text (self->db, "PRAGMA journal_mode = DELETE", &mode, &rc))
        return _fp_cache_set_error (error, self->db, rc, "journal_mode");
    }

  self->journal_mode = g_ascii_strdown (mode != NULL ? mode : "delete", -1);

  /* With WAL, NORMAL is still crash-consistent (a kill -9 loses nothing
   * committed); only a power cut may lose the last commits, which sync
   * fetches again since the cursor went with them. */
  return _fp_cache_exec (self,
                         g_str_equal (self->journal_mode, "wal")
                           ? "PRAGMA synchronous = NORMAL"
                           : "PRAGMA synchronous = FULL",
                         error);
}

static gboolean
file_size (const char *path,
           goffset    *out_size)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return FALSE;
  *out_size = st.st_size;
  return TRUE;
}

/* Opens @path with @key: checks that the library is SQLCipher and sets the
 * page size for 3.x. Reads nothing from the file yet. */
static sqlite3 *
open_keyed (const char        *path,
            const FpCacheKey  *key,
            int                flags,
            char             **out_cipher_version,
            GError           **error)
{
  g_autofree char *cipher_version = NULL;
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      _fp_cache_set_error (error, db, rc, "open");
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, 5000);
  rc = _fp_cache_register_functions (db);
  if (rc != SQLITE_OK)
    {
      _fp_cache_set_error (error, db, rc, "register functions");
      sqlite3_close (db);
      return NULL;
    }

  if (!apply_key (db, key, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  if (!query_text (db, "PRAGMA cipher_version", &cipher_version, &rc))
    {
      _fp_cache_set_error (error, db, rc, "cipher_version");
      sqlite3_close (db);
      return NULL;
    }
  if (cipher_version == NULL || *cipher_version == '\0')
    {
      g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_NOT_ENCRYPTED,
                           _("The database library in use cannot encrypt your data."));
      sqlite3_close (db);
      return NULL;
    }

  /* SQLCipher 3.x defaults to 1 KiB pages and 4.x to 4 KiB; say it for 3.x
   * before the first read, as the page size is part of the file format.
   * Branch on the version, never on a pragma's silence. */
  if (atoi (cipher_version) < 4 &&
      (rc = sqlite3_exec (db, "PRAGMA cipher_page_size = 4096", NULL, NULL, NULL)) != SQLITE_OK)
    {
      _fp_cache_set_error (error, db, rc, "cipher_page_size");
      sqlite3_close (db);
      return NULL;
    }

  *out_cipher_version = g_steal_pointer (&cipher_version);
  return db;
}

/* SQLite keeps allocation statistics behind a global mutex by default:
 * one lock per allocation, which a bulk sync does millions of times. Only
 * possible before SQLite initialises; harmless if someone was first. */
static void
configure_sqlite_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      if (sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
        g_debug ("SQLite was initialised before the cache: allocation statistics stay on");
      g_once_init_leave (&done, 1);
    }
}

/* Only the customer may read the cache: the folder 0700 and every file
 * in it 0600, also when an older version or someone else made them wider.
 * A new database file is created 0600 before SQLite opens it; SQLite
 * gives the -wal, -shm and -journal files it makes later the mode of the
 * database file. */
static gboolean
make_private (const char  *dir,
              const char  *db_path,
              GError     **error)
{
  int fd;

  if (g_chmod (dir, 0700) != 0)
    {
      int errsv = errno;

      g_debug ("Could not make the cache folder private: %s", g_strerror (errsv));
      g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_IO,
                           _("The folder of your local data could not be made private."));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (cache_files); i++)
    {
      g_autofree char *path = g_build_filename (dir, cache_files[i], NULL);

      if (g_chmod (path, 0600) != 0 && errno != ENOENT)
        {
          int errsv = errno;

          g_debug ("Could not make %s private: %s", cache_files[i], g_strerror (errsv));
          g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_IO,
                               _("Your local data could not be made private."));
          return FALSE;
        }
    }

  fd = g_open (db_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    close (fd);
  else if (errno != EEXIST)
    {
      int errsv = errno;

      g_debug ("Could not create the cache file: %s", g_strerror (errsv));
      g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_IO,
                           _("Your local data could not be read or written."));
      return FALSE;
    }
  return TRUE;
}

static FpCache *
open_internal (const char        *dir,
               const FpCacheKey  *key,
               int                max_version,
               gboolean           ephemeral,
               GError           **error)
{
  g_autoptr(FpCache) self = NULL;
  goffset size = 0;
  gboolean existed;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_debug ("Could not create the cache directory: %s", g_strerror (errsv));
      g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_IO,
                           _("The folder for your local data could not be created."));
      return NULL;
    }

  configure_sqlite_once ();

  self = g_object_new (FP_TYPE_CACHE, NULL);
  self->dir = g_strdup (dir);
  self->path = g_build_filename (dir, FP_CACHE_DB_NAME, NULL);
  self->ephemeral = !!ephemeral;

  existed = file_size (self->path, &size) && size > 0;
  if (!make_private (dir, self->path, error))
    return NULL;

  /* An SQLCipher database is a whole number of pages of at least 512
   * bytes; anything else was truncated. */
  if (existed && (size < 512 || size % 512 != 0))
    {
      g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_CORRUPT,
                           _("Your local data is damaged."));
      return NULL;
    }

  if (existed)
    {
      g_autofree char *ignored = NULL;
      g_autoptr(GError) local = NULL;
      sqlite3 *db;
      gboolean ok;
      int rc = SQLITE_OK;

      /* A key check that does not match: the key is wrong, say so before
       * SQLite even opens the files. */
      if (keycheck_verify (dir, key) == 0)
        {
          g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_WRONG_KEY,
                               _("The key in your keyring does not open your local data."));
          return NULL;
        }

      /* Otherwise try the key on a read-only connection: closing a
       * read-write one that failed would still checkpoint a WAL left by a
       * crash into the database (SQLite 3.15 has no NO_CKPT_ON_CLOSE),
       * and a failed open must leave every file as it was. */
      if (!(db = open_keyed (self->path, key, SQLITE_OPEN_READONLY, &ignored, error)))
        return NULL;
      ok = verify_read (db, dir, self->path, key, &rc, &local);
      sqlite3_close (db);
      /* After kill -9 the WAL index may need rebuilding, which SQLite 3.15
       * cannot do on a read-only connection (SQLITE_READONLY). When the
       * key check matches, the key is the right one and the read-write
       * connection cannot fail on it: go on with that one. */
      if (!ok && (rc & 0xff) == SQLITE_READONLY && keycheck_verify (dir, key) == 1)
        {
          g_debug ("The WAL needs recovery: opening read-write at once");
          g_clear_error (&local);
          ok = TRUE;
        }
      if (!ok)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }

  self->db = open_keyed (self->path, key,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                         &self->cipher_version, error);
  if (self->db == NULL)
    return NULL;

  if (!verify_read (self->db, dir, self->path, key, NULL, error))
    return NULL;

  /* A new file: the key check goes first, so that a crash during the
   * first migrations leaves a file whose key can be told right. */
  if (!existed && !ephemeral)
    keycheck_write (dir, key);

  if (!configure (self, error))
    return NULL;

  if (!_fp_cache_migrate (self->db, max_version, &self->schema_version, error))
    return NULL;

  /* A first sync killed before its end may have left the transactions
   * without their secondary indexes: look, and build them now. */
  self->txn_indexes_deferred = TRUE;
  if (!_fp_cache_ensure_txn_indexes (self, error))
    return NULL;

  if (!ephemeral)
    keycheck_write (dir, key);

  g_debug ("Opened the cache (SQLCipher %s, schema %d, journal %s)",
           self->cipher_version, self->schema_version, self->journal_mode);

  return g_steal_pointer (&self);
}

static void
remove_cache_files (const char *dir)
{
  for (guint i = 0; i < G_N_ELEMENTS (cache_files); i++)
    {
      g_autofree char *path = g_build_filename (dir, cache_files[i], NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        g_debug ("Could not remove %s: %s", cache_files[i], g_strerror (errno));
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
  return file_size (path, &size) && size > 0;
}

FpCache *
_fp_cache_open_full (const char        *dir,
                     const FpCacheKey  *key,
                     int                max_version,
                     GError           **error)
{
  return open_internal (dir, key, max_version, FALSE, error);
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

  return open_internal (dir, key, G_MAXINT, FALSE, error);
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

  cache = open_internal (dir, key, G_MAXINT, TRUE, error);
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

  for (guint i = 0; i < G_N_ELEMENTS (cache_files); i++)
    {
      g_autofree char *path = g_build_filename (dir, cache_files[i], NULL);

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
