/* fp-cache-txn-read.c
 *
 * Reading transactions: the filter shared by every list, one page of the
 * list, counts, per-account sums and the monthly totals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-cache"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-cache-private.h"
#include "fp-merchant-names.h"
#include "fp-store-error.h"

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

/*
 * _fp_cache_append_txn_where:
 * @sql: the statement being built
 * @filter: (nullable): which transactions
 * @extra: (nullable): one more condition, such as a keyset seek
 *
 * Appends the WHERE clause of @filter with named parameters for
 * _fp_cache_bind_txn_filter(); values are never formatted into SQL.
 */
void
_fp_cache_append_txn_where (GString           *sql,
                            const FpTxnFilter *filter,
                            const char        *extra)
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
      /* The category the customer sees: their own, else the one of the
       * bank's code and the merchant code (fp_cached_txn_get_category()). */
      if (filter->category != NULL)
        ADD ("coalesce ((SELECT a.category FROM txn_annotations AS a WHERE a.transaction_id = transactions.id),"
             " fp_category (transactions.category, transactions.mcc)) = :category");
      if (filter->use_amount_min)
        ADD ("amount_minor >= :amount_min");
      if (filter->use_amount_max)
        ADD ("amount_minor <= :amount_max");
      if (filter->merchant != NULL && *filter->merchant != '\0')
        ADD ("(merchant_name LIKE :merchant ESCAPE '\\' OR merchant LIKE :merchant ESCAPE '\\'"
             " OR city LIKE :merchant ESCAPE '\\')");
    }
  if (extra != NULL)
    ADD (extra);
#undef ADD
}

void
_fp_cache_bind_txn_filter (sqlite3_stmt      *stmt,
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

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

FpCachedTxn *
_fp_cache_txn_from_row (sqlite3_stmt *stmt)
{
  FpCachedTxn *txn = g_new0 (FpCachedTxn, 1);

  txn->id = dup_column (stmt, 0);
  txn->account_id = dup_column (stmt, 1);
  txn->day = sqlite3_column_int (stmt, 2);
  txn->minute = sqlite3_column_int (stmt, 3);
  txn->amount_minor = sqlite3_column_int64 (stmt, 4);
  txn->currency = dup_column (stmt, 5);
  txn->mcc = sqlite3_column_int (stmt, 6);
  txn->merchant = dup_column (stmt, 7);
  txn->city = dup_column (stmt, 8);
  txn->state = dup_column (stmt, 9);
  txn->zip = dup_column (stmt, 10);
  txn->use_chip = dup_column (stmt, 11);
  txn->errors = dup_column (stmt, 12);
  txn->is_fraud = sqlite3_column_int (stmt, 13) != 0;
  txn->category = dup_column (stmt, 14);
  txn->merchant_name = dup_column (stmt, 15);
  txn->card_id = dup_column (stmt, 16);
  txn->txn_state = (FpTxnState) CLAMP (sqlite3_column_int (stmt, 17), FP_TXN_STATE_BOOKED, FP_TXN_STATE_DECLINED);
  txn->category_override = dup_column (stmt, 18);
  txn->note = dup_column (stmt, 19);
  txn->display_name = fp_merchant_display_name (txn->merchant_name, txn->merchant, txn->category,
                                                (guint) CLAMP (txn->mcc, 0, 9999), txn->city,
                                                fp_cached_txn_is_online (txn));
  return txn;
}

/* The page is picked on an index alone (the subquery reads only indexed
 * columns when the filter allows), then only its rows are read. */
char *
_fp_cache_list_sql (const FpTxnFilter *filter)
{
  GString *sql = g_string_new ("SELECT " FP_CACHE_TXN_READ_COLUMNS " FROM"
                               " (SELECT txn_id AS k, day AS d, minute AS m, id AS i FROM transactions");

  _fp_cache_append_txn_where (sql, filter, NULL);
  g_string_append (sql, " ORDER BY day DESC, minute DESC, id LIMIT :limit OFFSET :offset) AS page"
                        " JOIN transactions ON transactions.txn_id = page.k"
                        FP_CACHE_TXN_READ_JOIN
                        " ORDER BY page.d DESC, page.m DESC, page.i");
  return g_string_free (sql, FALSE);
}

/**
 * fp_cache_list_transactions:
 * @self: a #FpCache
 * @filter: (nullable): which transactions; %NULL for all
 * @offset: how many to skip
 * @limit: how many at most
 * @error: return location for a #FpStoreError
 *
 * Reads one page of transactions, newest first (day, then minute
 * descending, then id). The page is found on the covering day (or account)
 * index alone, and only its rows are read from the table, so that paging
 * stays fast at a million rows.
 *
 * Returns: (transfer container) (element-type FpCachedTxn) (nullable): the rows
 */
GPtrArray *
fp_cache_list_transactions (FpCache            *self,
                            const FpTxnFilter  *filter,
                            guint               offset,
                            guint               limit,
                            GError            **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *pattern = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sql = _fp_cache_list_sql (filter);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self, sql, error)))
    return NULL;

  _fp_cache_bind_txn_filter (stmt, filter, &pattern);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), limit);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), offset);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_cached_txn_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, _fp_cache_txn_from_row (stmt));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "list transactions");
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* Whether @filter asks for nothing but (at most) one account and a
 * merchant search: the counts kept with each page (`txn_counts`,
 * `txn_terms`, fp-cache-txn-counts.c) answer it. */
static gboolean
counts_are_kept_for (const FpTxnFilter *filter)
{
  return filter == NULL ||
         (filter->category == NULL && filter->day_from <= 0 && filter->day_to <= 0 &&
          !filter->use_amount_min && !filter->use_amount_max);
}

/**
 * fp_cache_count_transactions:
 * @self: a #FpCache
 * @filter: (nullable): which transactions; %NULL for all
 * @out_count: (out): how many match
 * @error: return location for a #FpStoreError
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_count_transactions (FpCache            *self,
                             const FpTxnFilter  *filter,
                             guint64            *out_count,
                             GError            **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GString) sql = NULL;
  g_autofree char *pattern = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error))
    return FALSE;

  /* All rows, one account's, a merchant search: from the counts kept with
   * each page, the search matched against the distinct texts the same way
   * as against the rows (_fp_cache_append_txn_where()). */
  if (self->schema_version >= FP_CACHE_COUNTS_SCHEMA && counts_are_kept_for (filter))
    {
      if (filter != NULL && filter->merchant != NULL && *filter->merchant != '\0')
        {
          sql = g_string_new ("SELECT COALESCE (SUM (n), 0) FROM txn_terms");
          _fp_cache_append_txn_where (sql, filter, NULL);
        }
      else
        {
          sql = g_string_new ("SELECT COALESCE (SUM (n), 0) FROM txn_counts");
          if (filter != NULL && filter->account_id != NULL)
            g_string_append (sql, " WHERE account_id = :account");
        }
    }
  else
    {
      sql = g_string_new ("SELECT count(*) FROM transactions");
      _fp_cache_append_txn_where (sql, filter, NULL);
    }

  if (!(stmt = _fp_cache_prepare (self, sql->str, error)))
    return FALSE;

  _fp_cache_bind_txn_filter (stmt, filter, &pattern);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_count = (guint64) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    return _fp_cache_set_error (error, self->db, rc, "count transactions");

  return TRUE;
}

/**
 * fp_cache_counts_and_sums_per_account:
 * @self: a #FpCache
 * @error: return location for a #FpStoreError
 *
 * Counts and sums the transaction rows themselves (not the rollups) per
 * account and currency, ordered by account then currency: what the sync
 * tests compare with the bank's data.
 *
 * Returns: (transfer container) (element-type FpAccountTotals) (nullable):
 *   the totals
 */
GPtrArray *
fp_cache_counts_and_sums_per_account (FpCache  *self,
                                      GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self,
                                  "SELECT account_id, currency, count(*), sum(amount_minor)"
                                  " FROM transactions GROUP BY account_id, currency"
                                  " ORDER BY account_id, currency", error)))
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_account_totals_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FpAccountTotals *totals = g_new0 (FpAccountTotals, 1);

      totals->account_id = dup_column (stmt, 0);
      totals->currency = dup_column (stmt, 1);
      totals->count = sqlite3_column_int64 (stmt, 2);
      totals->sum_minor = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (rows, totals);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "sum transactions");
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/**
 * fp_cache_list_monthly_totals:
 * @self: a #FpCache
 * @account_id: (nullable): one account, or %NULL for all
 * @month_from: first month (yyyymm), 0 for no bound
 * @month_to: last month (yyyymm), 0 for no bound
 * @error: return location for a #FpStoreError
 *
 * Reads the monthly totals per account, category and currency, ordered by
 * month, account, category and currency.
 *
 * Returns: (transfer container) (element-type FpMonthlyTotal) (nullable):
 *   the totals
 */
GPtrArray *
fp_cache_list_monthly_totals (FpCache     *self,
                              const char  *account_id,
                              gint32       month_from,
                              gint32       month_to,
                              GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self,
                                  "SELECT account_id, month, category, currency, total_minor, count"
                                  " FROM monthly_totals"
                                  " WHERE (?1 IS NULL OR account_id = ?1)"
                                  " AND month >= ?2 AND month <= ?3"
                                  " ORDER BY month, account_id, category, currency", error)))
    return NULL;

  _fp_cache_bind_text_or_null (stmt, 1, account_id);
  sqlite3_bind_int (stmt, 2, month_from);
  sqlite3_bind_int (stmt, 3, month_to > 0 ? month_to : G_MAXINT32);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_monthly_total_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FpMonthlyTotal *total = g_new0 (FpMonthlyTotal, 1);

      total->account_id = dup_column (stmt, 0);
      total->month = sqlite3_column_int (stmt, 1);
      total->category = dup_column (stmt, 2);
      total->currency = dup_column (stmt, 3);
      total->total_minor = sqlite3_column_int64 (stmt, 4);
      total->count = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (rows, total);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "list monthly totals");
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/**
 * fp_cached_txn_free:
 * @txn: (nullable): a transaction
 */
void
fp_cached_txn_free (FpCachedTxn *txn)
{
  if (txn == NULL)
    return;

  g_free (txn->id);
  g_free (txn->account_id);
  g_free (txn->currency);
  g_free (txn->merchant);
  g_free (txn->city);
  g_free (txn->state);
  g_free (txn->zip);
  g_free (txn->use_chip);
  g_free (txn->errors);
  g_free (txn->category);
  g_free (txn->merchant_name);
  g_free (txn->card_id);
  g_free (txn->category_override);
  g_free (txn->note);
  g_free (txn->display_name);
  g_free (txn);
}

/**
 * fp_cached_txn_get_category:
 * @txn: a transaction
 *
 * The category the customer sees for @txn: the one they chose for it, or
 * else what fp_category_for_transaction() makes of the bank's kind of item
 * and the merchant's code.
 *
 * Returns: the category
 */
FpCategory
fp_cached_txn_get_category (const FpCachedTxn *txn)
{
  FpCategory category;

  g_return_val_if_fail (txn != NULL, FP_CATEGORY_OTHER);

  if (txn->category_override != NULL && fp_category_from_id (txn->category_override, &category))
    return category;
  return fp_category_for_transaction (txn->category, txn->mcc > 0 ? (guint) txn->mcc : 0);
}

/**
 * fp_cached_txn_is_online:
 * @txn: a transaction
 *
 * Returns: whether the card was not present: the feed's channel `online`,
 *   or TabFormer's merchant city `ONLINE`
 */
gboolean
fp_cached_txn_is_online (const FpCachedTxn *txn)
{
  g_return_val_if_fail (txn != NULL, FALSE);

  return g_strcmp0 (txn->use_chip, "online") == 0 || g_strcmp0 (txn->city, "ONLINE") == 0;
}

/**
 * fp_account_totals_free:
 * @totals: (nullable): account totals
 */
void
fp_account_totals_free (FpAccountTotals *totals)
{
  if (totals == NULL)
    return;

  g_free (totals->account_id);
  g_free (totals->currency);
  g_free (totals);
}

/**
 * fp_monthly_total_free:
 * @total: (nullable): a monthly total
 */
void
fp_monthly_total_free (FpMonthlyTotal *total)
{
  if (total == NULL)
    return;

  g_free (total->account_id);
  g_free (total->category);
  g_free (total->currency);
  g_free (total);
}
