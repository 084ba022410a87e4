/* fp-cache-open.c
 *
 * Opening the cache: the key (and the key check that tells a wrong key
 * from a damaged file), the pragmas, private files, migrations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-cache"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "fp-cache-key.h"
#include "fp-cache-private.h"
#include "fp-store-error.h"

/* The key check is an HMAC of a fixed label under the key: it tells a
 * wrong key from a damaged file and reveals nothing about the key. */
#define KEYCHECK_LABEL "FinPersona cache key check v1"
#define KEYCHECK_MAGIC "fp-cache-keycheck-v1 "

/* A large page cache keeps the unique index and the day indexes in memory
 * during bulk ingest (DESIGN.md: the default cache costs ~74%). In KiB. */
#define CACHE_SIZE_KIB 65536

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
  g_autofree char *path = g_build_filename (dir, FP_CACHE_KEYCHECK_NAME, NULL);
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
  g_autofree char *path = g_build_filename (dir, FP_CACHE_KEYCHECK_NAME, NULL);
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
  for (guint i = 0; i < _fp_cache_n_files; i++)
    {
      g_autofree char *path = g_build_filename (dir, _fp_cache_files[i], NULL);

      if (g_chmod (path, 0600) != 0 && errno != ENOENT)
        {
          int errsv = errno;

          g_debug ("Could not make %s private: %s", _fp_cache_files[i], g_strerror (errsv));
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

FpCache *
_fp_cache_open_internal (const char        *dir,
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

  existed = _fp_cache_file_size (self->path, &size) && size > 0;
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
