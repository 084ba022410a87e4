/* fp-cache-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-cache"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-cache-private.h"
#include "fp-store-error.h"

/* Catalogue resources as JSON text, derived data, the local-only outbox and
 * consent history, and the export of everything. */

static const char * const catalogue_tables[] = {
  [FP_CACHE_ACCOUNTS] = "accounts",
  [FP_CACHE_BALANCES] = "balances",
  [FP_CACHE_CARDS] = "cards",
  [FP_CACHE_OFFERS] = "offers",
  [FP_CACHE_CONSENTS] = "consents",
  [FP_CACHE_MARKET_DATA] = "market_data",
  [FP_CACHE_MODELS] = "models",
  [FP_CACHE_HOLDINGS] = "holdings",
};

static const char * const derived_tables[] = {
  [FP_CACHE_INSIGHTS] = "insights_cache",
  [FP_CACHE_RANKINGS] = "derived_rankings",
};

/**
 * fp_cache_catalogue_to_resource:
 * @catalogue: a catalogue
 *
 * Returns: the resource (and table) name of @catalogue, as used for ETags
 */
const char *
fp_cache_catalogue_to_resource (FpCacheCatalogue catalogue)
{
  g_return_val_if_fail ((guint) catalogue < G_N_ELEMENTS (catalogue_tables), NULL);

  return catalogue_tables[catalogue];
}

static gboolean
invalid (GError     **error,
         const char  *what)
{
  g_debug ("Refusing %s", what);
  g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID,
                       _("The data could not be saved because it is not valid."));
  return FALSE;
}

/* A card number (13 to 19 digits, maybe grouped by spaces or dashes) must
 * never reach the cache: cards keep their last four digits only. */
static gboolean
has_card_number (const char *json)
{
  guint digits = 0;

  for (const char *p = json; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (++digits >= 13)
            return TRUE;
        }
      else if (!((*p == ' ' || *p == '-') && digits > 0 && g_ascii_isdigit (p[1])))
        digits = 0;
    }

  return FALSE;
}

static gboolean
check_item (FpCacheCatalogue   catalogue,
            const char        *id,
            const char        *json,
            GError           **error)
{
  if (id == NULL || *id == '\0' || json == NULL)
    return invalid (error, "an item without id or data");
  if (catalogue == FP_CACHE_CARDS && has_card_number (json))
    return invalid (error, "a card with a full card number");
  return TRUE;
}

static gboolean
upsert_item_locked (FpCache           *self,
                    FpCacheCatalogue   catalogue,
                    const char        *id,
                    const char        *json,
                    GError           **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  sql = g_strdup_printf ("INSERT OR REPLACE INTO %s (id, json, updated) VALUES (?1, ?2, ?3)",
                         catalogue_tables[catalogue]);
  if (!(stmt = _fp_cache_prepare (self, sql, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return _fp_cache_set_error (error, self->db, rc, "save catalogue item");
  return TRUE;
}

static gboolean
save_etag_locked (FpCache     *self,
                  const char  *resource,
                  const char  *etag,
                  GError     **error)
{
  static const char * const sqls[] = {
    "UPDATE sync_state SET etag = ?2, last_synced = ?3 WHERE resource = ?1",
    "INSERT INTO sync_state (resource, etag, last_synced) VALUES (?1, ?2, ?3)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sqls); i++)
    {
      sqlite3_stmt *stmt;
      int rc;

      if (!(stmt = _fp_cache_prepare (self, sqls[i], error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, resource, -1, SQLITE_STATIC);
      if (etag != NULL)
        sqlite3_bind_text (stmt, 2, etag, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 2);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);

      if (rc != SQLITE_DONE)
        return _fp_cache_set_error (error, self->db, rc, "save etag");
      if (sqlite3_changes (self->db) > 0)
        break;
    }

  return TRUE;
}

/**
 * fp_cache_replace_catalogue:
 * @self: a #FpCache
 * @catalogue: which catalogue
 * @ids: (array length=n_items): the items' ids
 * @jsons: (array length=n_items): the items as JSON text
 * @n_items: number of items
 * @etag: (nullable): the ETag of the reply they came in
 * @error: return location for a #FpStoreError
 *
 * Replaces the whole catalogue and its ETag in one database transaction.
 * An invalid item (no id, or a card with a full number) fails the whole
 * call and changes nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_replace_catalogue (FpCache            *self,
                            FpCacheCatalogue    catalogue,
                            const char *const  *ids,
                            const char *const  *jsons,
                            gsize               n_items,
                            const char         *etag,
                            GError            **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);
  g_return_val_if_fail ((guint) catalogue < G_N_ELEMENTS (catalogue_tables), FALSE);
  g_return_val_if_fail (n_items == 0 || (ids != NULL && jsons != NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (gsize i = 0; i < n_items; i++)
    if (!check_item (catalogue, ids[i], jsons[i], error))
      return FALSE;

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) || !_fp_cache_begin (self, error))
    return FALSE;

  sql = g_strdup_printf ("DELETE FROM %s", catalogue_tables[catalogue]);
  if (!_fp_cache_exec (self, sql, error))
    goto failed;

  for (gsize i = 0; i < n_items; i++)
    if (!upsert_item_locked (self, catalogue, ids[i], jsons[i], error))
      goto failed;

  if (!save_etag_locked (self, catalogue_tables[catalogue], etag, error))
    goto failed;

  return _fp_cache_commit (self, error);

failed:
  _fp_cache_rollback (self);
  return FALSE;
}

/**
 * fp_cache_upsert_catalogue_item:
 * @self: a #FpCache
 * @catalogue: which catalogue
 * @id: the item's id
 * @json: the item as JSON text
 * @error: return location for a #FpStoreError
 *
 * Saves one item, replacing the one with the same id.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_upsert_catalogue_item (FpCache           *self,
                                FpCacheCatalogue   catalogue,
                                const char        *id,
                                const char        *json,
                                GError           **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);
  g_return_val_if_fail ((guint) catalogue < G_N_ELEMENTS (catalogue_tables), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_item (catalogue, id, json, error))
    return FALSE;

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error))
    return FALSE;

  return upsert_item_locked (self, catalogue, id, json, error);
}

/**
 * fp_cache_get_catalogue_item:
 * @self: a #FpCache
 * @catalogue: which catalogue
 * @id: the item's id
 * @error: return location for a #FpStoreError
 *
 * Returns: (transfer full) (nullable): the item's JSON, or %NULL without
 *   error if there is none
 */
char *
fp_cache_get_catalogue_item (FpCache           *self,
                             FpCacheCatalogue   catalogue,
                             const char        *id,
                             GError           **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (FP_IS_CACHE (self), NULL);
  g_return_val_if_fail ((guint) catalogue < G_N_ELEMENTS (catalogue_tables), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  sql = g_strdup_printf ("SELECT json FROM %s WHERE id = ?1", catalogue_tables[catalogue]);

  return _fp_cache_lookup_text (self, sql, id, "read catalogue item", error);
}

/**
 * fp_cache_list_catalogue:
 * @self: a #FpCache
 * @catalogue: which catalogue
 * @error: return location for a #FpStoreError
 *
 * Returns: (transfer container) (element-type utf8) (nullable): the items'
 *   JSON, ordered by id
 */
GPtrArray *
fp_cache_list_catalogue (FpCache           *self,
                         FpCacheCatalogue   catalogue,
                         GError           **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), NULL);
  g_return_val_if_fail ((guint) catalogue < G_N_ELEMENTS (catalogue_tables), NULL);

  sql = g_strdup_printf ("SELECT json FROM %s ORDER BY id", catalogue_tables[catalogue]);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self, sql, error)))
    return NULL;

  items = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "list catalogue");
      return NULL;
    }

  return g_steal_pointer (&items);
}

/**
 * fp_cache_list_catalogue_ids:
 * @self: a #FpCache
 * @catalogue: which catalogue
 * @error: return location for a #FpStoreError
 *
 * The ids of a catalogue's items: for the sync engine, which refuses
 * transactions of accounts the bank never listed.
 *
 * Returns: (transfer container) (element-type utf8) (nullable): the ids,
 *   in order
 */
GPtrArray *
fp_cache_list_catalogue_ids (FpCache           *self,
                             FpCacheCatalogue   catalogue,
                             GError           **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), NULL);
  g_return_val_if_fail ((guint) catalogue < G_N_ELEMENTS (catalogue_tables), NULL);

  sql = g_strdup_printf ("SELECT id FROM %s ORDER BY id", catalogue_tables[catalogue]);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self, sql, error)))
    return NULL;

  ids = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "list catalogue ids");
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * fp_cache_put_derived:
 * @self: a #FpCache
 * @kind: insights or rankings
 * @key: what it is about
 * @json: the derived data
 * @error: return location for a #FpStoreError
 *
 * Keeps data computed from the customer's data until
 * fp_cache_clear_derived().
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_put_derived (FpCache         *self,
                      FpCacheDerived   kind,
                      const char      *key,
                      const char      *json,
                      GError         **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (derived_tables), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  sql = g_strdup_printf ("INSERT OR REPLACE INTO %s (key, json, created) VALUES (?1, ?2, ?3)",
                         derived_tables[kind]);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self, sql, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return _fp_cache_set_error (error, self->db, rc, "save derived");
  return TRUE;
}

/**
 * fp_cache_get_derived:
 * @self: a #FpCache
 * @kind: insights or rankings
 * @key: what it is about
 * @error: return location for a #FpStoreError
 *
 * Returns: (transfer full) (nullable): the data, or %NULL without error
 */
char *
fp_cache_get_derived (FpCache         *self,
                      FpCacheDerived   kind,
                      const char      *key,
                      GError         **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (FP_IS_CACHE (self), NULL);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (derived_tables), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  sql = g_strdup_printf ("SELECT json FROM %s WHERE key = ?1", derived_tables[kind]);

  return _fp_cache_lookup_text (self, sql, key, "read derived", error);
}

/**
 * fp_cache_clear_derived:
 * @self: a #FpCache
 * @error: return location for a #FpStoreError
 *
 * Drops every insight and ranking at once, in one database transaction:
 * what withdrawing the consent to personalise does.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_clear_derived (FpCache  *self,
                        GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) || !_fp_cache_begin (self, error))
    return FALSE;

  if (!_fp_cache_exec (self, "DELETE FROM insights_cache; DELETE FROM derived_rankings;", error))
    {
      _fp_cache_rollback (self);
      return FALSE;
    }

  return _fp_cache_commit (self, error);
}

/**
 * fp_cache_outbox_enqueue:
 * @self: a #FpCache
 * @method: HTTP method
 * @path: API path
 * @body: (nullable): request body
 * @idempotency_key: the Idempotency-Key; queuing the same key twice is
 *   refused with %FP_STORE_ERROR_INVALID
 * @error: return location for a #FpStoreError
 *
 * Queues a write made offline. It stays queued across restarts until
 * fp_cache_outbox_mark() says it was delivered.
 *
 * Returns: the item's id (delivery order), or -1 on error
 */
gint64
fp_cache_outbox_enqueue (FpCache     *self,
                         const char  *method,
                         const char  *path,
                         const char  *body,
                         const char  *idempotency_key,
                         GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), -1);
  g_return_val_if_fail (method != NULL, -1);
  g_return_val_if_fail (path != NULL, -1);
  g_return_val_if_fail (idempotency_key != NULL && *idempotency_key != '\0', -1);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self,
                                  "INSERT INTO outbox (created, method, path, body, idempotency_key, state, attempts)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, 0, 0)", error)))
    return -1;

  sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 2, method, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, path, -1, SQLITE_STATIC);
  if (body != NULL)
    sqlite3_bind_text (stmt, 4, body, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, idempotency_key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "queue write");
      return -1;
    }

  id = sqlite3_last_insert_rowid (self->db);
  return id;
}

/**
 * fp_cache_outbox_list_pending:
 * @self: a #FpCache
 * @error: return location for a #FpStoreError
 *
 * Returns: (transfer container) (element-type FpOutboxItem) (nullable): the
 *   writes not delivered yet, oldest first
 */
GPtrArray *
fp_cache_outbox_list_pending (FpCache  *self,
                              GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) items = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self,
                                  "SELECT id, created, method, path, body, idempotency_key,"
                                  " state, attempts, last_error FROM outbox"
                                  " WHERE state = 0 ORDER BY id", error)))
    return NULL;

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_outbox_item_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FpOutboxItem *item = g_new0 (FpOutboxItem, 1);

      item->id = sqlite3_column_int64 (stmt, 0);
      item->created = sqlite3_column_int64 (stmt, 1);
      item->method = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      item->path = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      item->body = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      item->idempotency_key = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      item->state = (FpOutboxState) sqlite3_column_int (stmt, 6);
      item->attempts = sqlite3_column_int64 (stmt, 7);
      item->last_error = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      g_ptr_array_add (items, item);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "list outbox");
      return NULL;
    }

  return g_steal_pointer (&items);
}

/**
 * fp_cache_outbox_mark:
 * @self: a #FpCache
 * @id: an item's id
 * @state: its new state; %FP_OUTBOX_PENDING records a failed attempt
 * @last_error: (nullable): what went wrong, for developers (no PII)
 * @error: return location for a #FpStoreError
 *
 * Records a delivery attempt of an outbox item.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_outbox_mark (FpCache        *self,
                      gint64          id,
                      FpOutboxState   state,
                      const char     *last_error,
                      GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);
  g_return_val_if_fail ((guint) state <= FP_OUTBOX_FAILED, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self,
                                  "UPDATE outbox SET state = ?2, attempts = attempts + 1,"
                                  " last_error = ?3 WHERE id = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, (int) state);
  if (last_error != NULL)
    sqlite3_bind_text (stmt, 3, last_error, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return _fp_cache_set_error (error, self->db, rc, "mark outbox item");
  if (sqlite3_changes (self->db) == 0)
    return invalid (error, "an unknown outbox item");
  return TRUE;
}

/**
 * fp_cache_append_consent_history:
 * @self: a #FpCache
 * @consent_id: the consent
 * @purpose: its purpose
 * @action: what happened ("granted", "withdrawn", ...)
 * @at_unix_time: when
 * @receipt: (nullable): the bank's receipt
 * @error: return location for a #FpStoreError
 *
 * Appends to the local consent history, which is append-only (the database
 * refuses updates and deletions) and kept across every migration.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_append_consent_history (FpCache     *self,
                                 const char  *consent_id,
                                 const char  *purpose,
                                 const char  *action,
                                 gint64       at_unix_time,
                                 const char  *receipt,
                                 GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);
  g_return_val_if_fail (consent_id != NULL, FALSE);
  g_return_val_if_fail (purpose != NULL, FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self,
                                  "INSERT INTO consent_history (consent_id, purpose, action, at, receipt)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5)", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, consent_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, purpose, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, at_unix_time);
  if (receipt != NULL)
    sqlite3_bind_text (stmt, 5, receipt, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 5);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return _fp_cache_set_error (error, self->db, rc, "append consent history");
  return TRUE;
}

static gboolean
export_table (FpCache            *self,
              const char         *table,
              FpCacheExportFunc   func,
              gpointer            user_data,
              GError            **error)
{
  g_autofree char *sql = NULL;
  g_autofree const char **names = NULL;
  g_autofree const char **values = NULL;
  sqlite3_stmt *stmt;
  guint n_columns;
  int rc;

  /* Table names come from sqlite_master; quote them as identifiers. */
  sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", table);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      /* WITHOUT ROWID tables have no rowid: use their primary key order. */
      g_free (sql);
      sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      if (!(stmt = _fp_cache_prepare (self, sql, error)))
        return FALSE;
    }

  n_columns = (guint) sqlite3_column_count (stmt);
  names = g_new0 (const char *, n_columns + 1);
  values = g_new0 (const char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    names[i] = sqlite3_column_name (stmt, (int) i);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < n_columns; i++)
        values[i] = (const char *) sqlite3_column_text (stmt, (int) i);

      if (!func (table, n_columns, names, values, user_data))
        {
          sqlite3_finalize (stmt);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The export was cancelled."));
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return _fp_cache_set_error (error, self->db, rc, "export");
  return TRUE;
}

/**
 * fp_cache_export:
 * @self: a #FpCache
 * @func: (scope call): receives each row
 * @user_data: data for @func
 *
 * Reads every row of every table, table by table in name order, from one
 * consistent snapshot: the "download my data" export.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_export (FpCache            *self,
                 FpCacheExportFunc   func,
                 gpointer            user_data,
                 GError            **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !_fp_cache_exec (self, "BEGIN", error))
    return FALSE;

  if (!(stmt = _fp_cache_prepare (self,
                                  "SELECT name FROM sqlite_master WHERE type = 'table'"
                                  " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                                  error)))
    goto failed;

  tables = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "list tables");
      goto failed;
    }

  for (guint i = 0; i < tables->len; i++)
    if (!export_table (self, g_ptr_array_index (tables, i), func, user_data, error))
      goto failed;

  return _fp_cache_commit (self, error);

failed:
  _fp_cache_rollback (self);
  return FALSE;
}

/**
 * fp_outbox_item_free:
 * @item: (nullable): an outbox item
 */
void
fp_outbox_item_free (FpOutboxItem *item)
{
  if (item == NULL)
    return;

  g_free (item->method);
  g_free (item->path);
  g_free (item->body);
  g_free (item->idempotency_key);
  g_free (item->last_error);
  g_free (item);
}
