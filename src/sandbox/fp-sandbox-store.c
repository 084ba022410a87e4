/* fp-sandbox-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite through SQLCipher's library (the one the project links), used
 * without a key. Statements are prepared per call: the sandbox writes a
 * few rows per request at most.
 */

#define G_LOG_DOMAIN "fp-sandbox-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "fp-bank-data.h"
#include "fp-sandbox-store.h"

#define SCHEMA_VERSION 1

struct _FpSandboxStore {
  sqlite3 *db;
  char    *path;
};

static const char schema[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE customers (customer INTEGER PRIMARY KEY, state TEXT NOT NULL);"
  "CREATE TABLE idempotency (scoped_key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,"
  "  status INTEGER NOT NULL, content_type TEXT NOT NULL, body BLOB NOT NULL, location TEXT);"
  "CREATE TABLE tokens (hash TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),"
  "  customer INTEGER NOT NULL, scope TEXT NOT NULL, expires INTEGER NOT NULL,"
  "  family INTEGER NOT NULL, used INTEGER NOT NULL);"
  "CREATE TABLE revoked_families (family INTEGER PRIMARY KEY);";

static gboolean
fail (FpSandboxStore  *store,
      GError         **error)
{
  g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID,
               _("The sandbox state in %s: %s"), store->path, sqlite3_errmsg (store->db));
  return FALSE;
}

static gboolean
exec (FpSandboxStore  *store,
      const char      *sql,
      GError         **error)
{
  if (sqlite3_exec (store->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return fail (store, error);
  return TRUE;
}

static sqlite3_stmt *
prepare (FpSandboxStore *store,
         const char     *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  return stmt;
}

/* Runs @stmt to its end and finalizes it. */
static gboolean
step_done (FpSandboxStore  *store,
           sqlite3_stmt    *stmt,
           GError         **error)
{
  gboolean ok = stmt != NULL && sqlite3_step (stmt) == SQLITE_DONE;

  if (!ok)
    fail (store, error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
get_text (FpSandboxStore  *store,
          const char      *key,
          char           **value)
{
  sqlite3_stmt *stmt = prepare (store, "SELECT value FROM meta WHERE key = ?");
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      found = TRUE;
    }
  sqlite3_finalize (stmt);
  return found;
}

static gboolean
set_text (FpSandboxStore  *store,
          const char      *key,
          const char      *value,
          GError         **error)
{
  sqlite3_stmt *stmt = prepare (store, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
    }
  return step_done (store, stmt, error);
}

FpSandboxStore *
fp_sandbox_store_open (const char  *dir,
                       const char  *bank,
                       GError     **error)
{
  g_autoptr(FpSandboxStore) store = g_new0 (FpSandboxStore, 1);
  g_autofree char *stored_bank = NULL;
  sqlite3_stmt *stmt;
  gint version = -1;
  int fd;

  g_return_val_if_fail (dir != NULL && bank != NULL, NULL);

  store->path = g_build_filename (dir, FP_SANDBOX_STORE_FILE, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0 || g_chmod (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create the sandbox state directory %s: %s"), display, g_strerror (saved));
      return NULL;
    }
  /* Private from the start: the database holds token hashes. */
  fd = g_open (store->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || g_chmod (store->path, 0600) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not open %s: %s"), store->path, g_strerror (saved));
      return NULL;
    }
  close (fd);

  if (sqlite3_open_v2 (store->path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK)
    {
      fail (store, error);
      return NULL;
    }
  sqlite3_busy_timeout (store->db, 5000);
  if (!exec (store, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;", error))
    return NULL;

  stmt = prepare (store, "PRAGMA user_version");
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (version == 0)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d;", SCHEMA_VERSION);

      if (!exec (store, "BEGIN IMMEDIATE;", error) || !exec (store, schema, error) ||
          !set_text (store, "bank", bank, error) || !exec (store, set_version, error) ||
          !exec (store, "COMMIT;", error))
        return NULL;
    }
  else if (version != SCHEMA_VERSION)
    {
      g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID,
                   _("The sandbox state in %s has version %d; this sandbox knows version %d"),
                   store->path, version, SCHEMA_VERSION);
      return NULL;
    }

  if (!get_text (store, "bank", &stored_bank) || g_strcmp0 (stored_bank, bank) != 0)
    {
      g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID,
                   _("The sandbox state in %s belongs to another bank (%s, not %s); use another state directory"),
                   store->path, stored_bank != NULL ? stored_bank : "none", bank);
      return NULL;
    }

  return g_steal_pointer (&store);
}

void
fp_sandbox_store_free (FpSandboxStore *store)
{
  if (store == NULL)
    return;
  if (store->db != NULL)
    sqlite3_close (store->db);
  g_free (store->path);
  g_free (store);
}

gboolean
fp_sandbox_store_get_int (FpSandboxStore *store,
                          const char     *key,
                          gint64         *value)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  return get_text (store, key, &text) &&
         g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, value, NULL);
}

gboolean
fp_sandbox_store_set_int (FpSandboxStore  *store,
                          const char      *key,
                          gint64           value,
                          GError         **error)
{
  char text[32];

  g_return_val_if_fail (store != NULL, FALSE);

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  return set_text (store, key, text, error);
}

gboolean
fp_sandbox_store_begin (FpSandboxStore  *store,
                        GError         **error)
{
  return exec (store, "BEGIN IMMEDIATE;", error);
}

gboolean
fp_sandbox_store_commit (FpSandboxStore  *store,
                         GError         **error)
{
  return exec (store, "COMMIT;", error);
}

void
fp_sandbox_store_rollback (FpSandboxStore *store)
{
  sqlite3_exec (store->db, "ROLLBACK;", NULL, NULL, NULL);
}

gboolean
fp_sandbox_store_put_customer (FpSandboxStore  *store,
                               guint            customer,
                               const char      *state_json,
                               GError         **error)
{
  sqlite3_stmt *stmt = prepare (store, "INSERT OR REPLACE INTO customers (customer, state) VALUES (?, ?)");

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, customer);
      sqlite3_bind_text (stmt, 2, state_json, -1, SQLITE_TRANSIENT);
    }
  return step_done (store, stmt, error);
}

gboolean
fp_sandbox_store_put_idempotent (FpSandboxStore  *store,
                                 const char      *scoped_key,
                                 const char      *fingerprint,
                                 guint            status,
                                 const char      *content_type,
                                 const char      *body,
                                 gsize            body_len,
                                 const char      *location,
                                 GError         **error)
{
  sqlite3_stmt *stmt = prepare (store, "INSERT OR REPLACE INTO idempotency (scoped_key, fingerprint, status,"
                                       " content_type, body, location) VALUES (?, ?, ?, ?, ?, ?)");

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, scoped_key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, fingerprint, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, status);
      sqlite3_bind_text (stmt, 4, content_type != NULL ? content_type : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob64 (stmt, 5, body != NULL ? body : "", body_len, SQLITE_TRANSIENT);
      if (location != NULL)
        sqlite3_bind_text (stmt, 6, location, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, 6);
    }
  return step_done (store, stmt, error);
}

gboolean
fp_sandbox_store_put_token (FpSandboxStore  *store,
                            const char      *hash,
                            const char      *kind,
                            guint            customer,
                            const char      *scope,
                            gint64           expires,
                            guint            family,
                            gboolean         used,
                            GError         **error)
{
  sqlite3_stmt *stmt = prepare (store, "INSERT OR REPLACE INTO tokens (hash, kind, customer, scope, expires,"
                                       " family, used) VALUES (?, ?, ?, ?, ?, ?, ?)");

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, customer);
      sqlite3_bind_text (stmt, 4, scope != NULL ? scope : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, expires);
      sqlite3_bind_int64 (stmt, 6, family);
      sqlite3_bind_int (stmt, 7, used ? 1 : 0);
    }
  return step_done (store, stmt, error);
}

gboolean
fp_sandbox_store_revoke_family (FpSandboxStore  *store,
                                guint            family,
                                GError         **error)
{
  sqlite3_stmt *stmt = prepare (store, "INSERT OR IGNORE INTO revoked_families (family) VALUES (?)");

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, family);
  return step_done (store, stmt, error);
}

gboolean
fp_sandbox_store_load (FpSandboxStore                *store,
                       FpSandboxStoreCustomerFunc     customer,
                       FpSandboxStoreIdempotentFunc   idempotent,
                       FpSandboxStoreTokenFunc        token,
                       FpSandboxStoreFamilyFunc       family,
                       gpointer                       user_data,
                       GError                       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (store != NULL, FALSE);

  stmt = prepare (store, "SELECT customer, state FROM customers ORDER BY customer");
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    customer ((guint) sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1), user_data);
  sqlite3_finalize (stmt);

  stmt = prepare (store, "SELECT scoped_key, fingerprint, status, content_type, body, location FROM idempotency");
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    idempotent ((const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
                (guint) sqlite3_column_int64 (stmt, 2), (const char *) sqlite3_column_text (stmt, 3),
                sqlite3_column_blob (stmt, 4), (gsize) sqlite3_column_bytes (stmt, 4),
                (const char *) sqlite3_column_text (stmt, 5), user_data);
  sqlite3_finalize (stmt);

  stmt = prepare (store, "SELECT hash, kind, customer, scope, expires, family, used FROM tokens");
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    token ((const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
           (guint) sqlite3_column_int64 (stmt, 2), (const char *) sqlite3_column_text (stmt, 3),
           sqlite3_column_int64 (stmt, 4), (guint) sqlite3_column_int64 (stmt, 5),
           sqlite3_column_int (stmt, 6) != 0, user_data);
  sqlite3_finalize (stmt);

  stmt = prepare (store, "SELECT family FROM revoked_families");
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    family ((guint) sqlite3_column_int64 (stmt, 0), user_data);
  sqlite3_finalize (stmt);

  return TRUE;
}
