/* fp-cache-activity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keyset ("seek") pages of transactions for the Activity list. An OFFSET
 * deep in a million rows makes SQLite step over every row before it; a
 * page that starts right after (or ends right before) a row the list
 * already holds is found with one index seek instead, however deep it is.
 *
 * The filter means exactly what it means for fp_cache_list_transactions()
 * (fp-cache-txn.c): the WHERE clause and its bindings are written the same
 * way, and the widget tests compare both, page by page. A category in a
 * filter is the one the list shows: the SQL function `fp_category`
 * registered on every connection gives core's category of a row.
 */

#define G_LOG_DOMAIN "fp-cache-activity"

#include "config.h"

#include "fp-cache-activity.h"
#include "fp-cache-private.h"

/* The range condition on the leading day column lets SQLite seek in the
 * day (or account) index and walk it from the key on; the rest only
 * breaks ties within the key's day. */
static GPtrArray *
list_near (FpCache           *self,
           const FpTxnFilter *filter,
           const FpTxnKey    *key,
           gboolean           before,
           guint              skip,
           guint              limit,
           GError           **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) sql = NULL;
  g_autofree char *pattern = NULL;
  const char *condition = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (key != NULL)
    condition = before
      ? "day >= :key_day AND (day > :key_day OR minute > :key_minute OR (minute = :key_minute AND id < :key_id))"
      : "day <= :key_day AND (day < :key_day OR minute < :key_minute OR (minute = :key_minute AND id > :key_id))";

  sql = g_string_new ("SELECT " FP_CACHE_TXN_READ_COLUMNS " FROM"
                      " (SELECT txn_id AS k, day AS d, minute AS m, id AS i FROM transactions");
  _fp_cache_append_txn_where (sql, filter, condition);
  g_string_append (sql, before
                   ? " ORDER BY day ASC, minute ASC, id DESC LIMIT :limit OFFSET :skip) AS page"
                   : " ORDER BY day DESC, minute DESC, id LIMIT :limit OFFSET :skip) AS page");
  g_string_append (sql, " JOIN transactions ON transactions.txn_id = page.k"
                        FP_CACHE_TXN_READ_JOIN
                        " ORDER BY page.d DESC, page.m DESC, page.i");

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self, sql->str, error)))
    return NULL;

  _fp_cache_bind_txn_filter (stmt, filter, &pattern);
  if (key != NULL)
    {
      sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":key_day"), key->day);
      sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":key_minute"), key->minute);
      sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":key_id"), key->id, -1, SQLITE_STATIC);
    }
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), limit);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":skip"), skip);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_cached_txn_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, _fp_cache_txn_from_row (stmt));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "list transactions near a row");
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/**
 * fp_cache_list_transactions_after:
 * @self: a #FpCache
 * @filter: (nullable): which transactions; %NULL for all
 * @after: (nullable): the row before the page; %NULL to start at the top
 * @skip: how many rows after @after to skip
 * @limit: how many at most
 * @error: return location for a #FpStoreError
 *
 * Reads the page that starts @skip rows after the row @after, in the
 * order of fp_cache_list_transactions(). With @after %NULL it is the same
 * as fp_cache_list_transactions() at offset @skip; with @after, its cost
 * depends on @skip, not on how deep @after is.
 *
 * Returns: (transfer container) (element-type FpCachedTxn) (nullable): the rows
 */
GPtrArray *
fp_cache_list_transactions_after (FpCache           *self,
                                  const FpTxnFilter *filter,
                                  const FpTxnKey    *after,
                                  guint              skip,
                                  guint              limit,
                                  GError           **error)
{
  g_return_val_if_fail (FP_IS_CACHE (self), NULL);
  g_return_val_if_fail (after == NULL || after->id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return list_near (self, filter, after, FALSE, skip, limit, error);
}

/**
 * fp_cache_list_transactions_before:
 * @self: a #FpCache
 * @filter: (nullable): which transactions; %NULL for all
 * @before: the row right after the page
 * @limit: how many at most
 * @error: return location for a #FpStoreError
 *
 * Reads the @limit rows right before the row @before, in the order of
 * fp_cache_list_transactions(): the page above one the list holds, when
 * it scrolls up.
 *
 * Returns: (transfer container) (element-type FpCachedTxn) (nullable): the rows
 */
GPtrArray *
fp_cache_list_transactions_before (FpCache           *self,
                                   const FpTxnFilter *filter,
                                   const FpTxnKey    *before,
                                   guint              limit,
                                   GError           **error)
{
  g_return_val_if_fail (FP_IS_CACHE (self), NULL);
  g_return_val_if_fail (before != NULL && before->id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return list_near (self, filter, before, TRUE, 0, limit, error);
}

/* fp_category (bank_code, mcc): the id of the category core gives a
 * transaction (fp_category_for_transaction()), for filters in SQL. */
static void
category_sql_function (sqlite3_context  *context,
                       int               argc,
                       sqlite3_value   **argv)
{
  const char *code = (const char *) sqlite3_value_text (argv[0]);
  sqlite3_int64 mcc = sqlite3_value_type (argv[1]) == SQLITE_NULL ? 0 : sqlite3_value_int64 (argv[1]);
  FpCategory category = fp_category_for_transaction (code, mcc > 0 && mcc <= 9999 ? (guint) mcc : 0);

  sqlite3_result_text (context, fp_category_get_id (category), -1, SQLITE_STATIC);
}

/*
 * _fp_cache_register_functions:
 * @db: a connection
 *
 * The SQL functions the cache's statements use: `fp_category`.
 */
int
_fp_cache_register_functions (sqlite3 *db)
{
  return sqlite3_create_function_v2 (db, "fp_category", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                     category_sql_function, NULL, NULL, NULL);
}
