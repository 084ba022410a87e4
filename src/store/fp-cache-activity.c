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
 * way, and the widget tests compare both, page by page.
 */

#define G_LOG_DOMAIN "fp-cache-activity"

#include "config.h"

#include "fp-cache-activity.h"
#include "fp-cache-private.h"

#define COLUMNS \
  "id, account_id, day, minute, amount_minor, currency, mcc, merchant, city," \
  " state, zip, use_chip, errors, is_fraud, category"

static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

static void
append_where (GString           *sql,
              const FpTxnFilter *filter,
              const char        *key_condition)
{
  const char *sep = " WHERE ";

#define ADD(cond) G_STMT_START { g_string_append (sql, sep); g_string_append (sql, cond); sep = " AND "; } G_STMT_END
  if (filter != NULL)
    {
      if (filter->account_id != NULL)
        ADD ("account_id = :account");
      if (filter->day_from > 0)
        ADD ("day >= :day_from");
      if (filter->day_to > 0)
        ADD ("day <= :day_to");
      if (filter->category != NULL)
        ADD ("category = :category");
      if (filter->use_amount_min)
        ADD ("amount_minor >= :amount_min");
      if (filter->use_amount_max)
        ADD ("amount_minor <= :amount_max");
      if (filter->merchant != NULL && *filter->merchant != '\0')
        ADD ("merchant LIKE :merchant ESCAPE '\\'");
    }
  if (key_condition != NULL)
    ADD (key_condition);
#undef ADD
}

static void
bind_filter (sqlite3_stmt      *stmt,
             const FpTxnFilter *filter,
             char             **out_pattern)
{
  int index;

  *out_pattern = NULL;
  if (filter == NULL)
    return;

  if ((index = sqlite3_bind_parameter_index (stmt, ":account")) > 0)
    sqlite3_bind_text (stmt, index, filter->account_id, -1, SQLITE_STATIC);
  if ((index = sqlite3_bind_parameter_index (stmt, ":day_from")) > 0)
    sqlite3_bind_int (stmt, index, filter->day_from);
  if ((index = sqlite3_bind_parameter_index (stmt, ":day_to")) > 0)
    sqlite3_bind_int (stmt, index, filter->day_to);
  if ((index = sqlite3_bind_parameter_index (stmt, ":category")) > 0)
    sqlite3_bind_text (stmt, index, filter->category, -1, SQLITE_STATIC);
  if ((index = sqlite3_bind_parameter_index (stmt, ":amount_min")) > 0)
    sqlite3_bind_int64 (stmt, index, filter->amount_min);
  if ((index = sqlite3_bind_parameter_index (stmt, ":amount_max")) > 0)
    sqlite3_bind_int64 (stmt, index, filter->amount_max);
  if ((index = sqlite3_bind_parameter_index (stmt, ":merchant")) > 0)
    {
      *out_pattern = like_pattern (filter->merchant);
      sqlite3_bind_text (stmt, index, *out_pattern, -1, SQLITE_STATIC);
    }
}

static FpCachedTxn *
txn_from_row (sqlite3_stmt *stmt)
{
  FpCachedTxn *txn = g_new0 (FpCachedTxn, 1);

#define TEXT(i) g_strdup ((const char *) sqlite3_column_text (stmt, i))
  txn->id = TEXT (0);
  txn->account_id = TEXT (1);
  txn->day = sqlite3_column_int (stmt, 2);
  txn->minute = sqlite3_column_int (stmt, 3);
  txn->amount_minor = sqlite3_column_int64 (stmt, 4);
  txn->currency = TEXT (5);
  txn->mcc = sqlite3_column_int (stmt, 6);
  txn->merchant = TEXT (7);
  txn->city = TEXT (8);
  txn->state = TEXT (9);
  txn->zip = TEXT (10);
  txn->use_chip = TEXT (11);
  txn->errors = TEXT (12);
  txn->is_fraud = sqlite3_column_int (stmt, 13) != 0;
  txn->category = TEXT (14);
#undef TEXT
  return txn;
}

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

  sql = g_string_new ("SELECT " COLUMNS " FROM"
                      " (SELECT txn_id AS k, day AS d, minute AS m, id AS i FROM transactions");
  append_where (sql, filter, condition);
  g_string_append (sql, before
                   ? " ORDER BY day ASC, minute ASC, id DESC LIMIT :limit OFFSET :skip) AS page"
                   : " ORDER BY day DESC, minute DESC, id LIMIT :limit OFFSET :skip) AS page");
  g_string_append (sql, " JOIN transactions ON transactions.txn_id = page.k"
                        " ORDER BY page.d DESC, page.m DESC, page.i");

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self, sql->str, error)))
    return NULL;

  bind_filter (stmt, filter, &pattern);
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
    g_ptr_array_add (rows, txn_from_row (stmt));
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
