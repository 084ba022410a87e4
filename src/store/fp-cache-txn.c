/* fp-cache-txn.c
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

/* The transaction side of the cache: the change feed is applied here, the
 * only writer of `transactions`, which keeps `monthly_totals` exact. The
 * queries over transactions are in fp-cache-txn-read.c. */

#define MAX_ABS_AMOUNT G_GINT64_CONSTANT (1000000000000) /* 10^12 minor units */
#define MAX_ID_LEN 256
#define MAX_NAME_LEN 256

static const char * const stmt_sql[N_STMTS] = {
  [STMT_TXN_OLD] =
    "SELECT txn_id, account_id, day, COALESCE (category, ''), currency, amount_minor, txn_state,"
    " merchant_name, merchant, city"
    " FROM transactions WHERE id = ?1",
  [STMT_TXN_INSERT] =
    "INSERT INTO transactions (id, account_id, day, minute, amount_minor, currency,"
    " mcc, merchant, city, state, zip, use_chip, errors, is_fraud, category,"
    " merchant_name, card_id, txn_state)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
  [STMT_TXN_UPDATE] =
    "UPDATE transactions SET id = ?1, account_id = ?2, day = ?3, minute = ?4,"
    " amount_minor = ?5, currency = ?6, mcc = ?7, merchant = ?8, city = ?9,"
    " state = ?10, zip = ?11, use_chip = ?12, errors = ?13, is_fraud = ?14,"
    " category = ?15, merchant_name = ?16, card_id = ?17, txn_state = ?18"
    " WHERE txn_id = ?19",
  [STMT_TXN_DELETE] =
    "DELETE FROM transactions WHERE txn_id = ?1",
  [STMT_ROLLUP_UPDATE] =
    "UPDATE monthly_totals SET total_minor = total_minor + ?5, count = count + ?6"
    " WHERE account_id = ?1 AND month = ?2 AND category = ?3 AND currency = ?4",
  [STMT_ROLLUP_INSERT] =
    "INSERT INTO monthly_totals (account_id, month, category, currency, total_minor, count)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_ROLLUP_GC] =
    "DELETE FROM monthly_totals WHERE account_id = ?1 AND month = ?2"
    " AND category = ?3 AND currency = ?4 AND count = 0",
  [STMT_CURSOR_UPDATE] =
    "UPDATE sync_state SET cursor = COALESCE (?2, cursor), last_synced = ?3 WHERE resource = ?1",
  [STMT_CURSOR_INSERT] =
    "INSERT INTO sync_state (resource, cursor, last_synced) VALUES (?1, ?2, ?3)",
  [STMT_COUNT_UPDATE] =
    "UPDATE txn_counts SET n = n + ?2 WHERE account_id = ?1",
  [STMT_COUNT_INSERT] =
    "INSERT INTO txn_counts (account_id, n) VALUES (?1, ?2)",
  [STMT_COUNT_GC] =
    "DELETE FROM txn_counts WHERE account_id = ?1 AND n = 0",
  [STMT_TERM_UPDATE] =
    "UPDATE txn_terms SET n = n + ?5"
    " WHERE account_id = ?1 AND merchant_name = ?2 AND merchant = ?3 AND city = ?4",
  [STMT_TERM_INSERT] =
    "INSERT INTO txn_terms (account_id, merchant_name, merchant, city, n) VALUES (?1, ?2, ?3, ?4, ?5)",
  [STMT_TERM_GC] =
    "DELETE FROM txn_terms"
    " WHERE account_id = ?1 AND merchant_name = ?2 AND merchant = ?3 AND city = ?4 AND n = 0",
};

/* The secondary indexes of transactions, exactly as migration 2 created
 * them (a migration that changes them must change this too). A first sync
 * into an empty table drops them in the transaction of its first page and
 * builds them once at the end: a million rows arriving out of day order
 * would otherwise dirty a different index page per row, and every page
 * written costs an encryption, an HMAC and a WAL frame. Each page of the
 * feed is still applied with its cursor in one transaction; a reader, the
 * end of the feed (_fp_cache_end_bulk_load()) or the next open (after a
 * crash) builds the indexes, in one transaction. The UNIQUE index on the
 * bank's id stays: it is what makes applying a page exactly-once. */
#define TXN_INDEXES_SQL \
  "CREATE INDEX IF NOT EXISTS transactions_by_day ON transactions (day DESC, minute DESC, id);" \
  "CREATE INDEX IF NOT EXISTS transactions_by_account ON transactions (account_id, day DESC, minute DESC, id);"
#define TXN_INDEXES_DROP_SQL \
  "DROP INDEX transactions_by_day;" \
  "DROP INDEX transactions_by_account;"
#define N_TXN_INDEXES 2

/* Smaller first syncs keep their indexes: nothing to gain. */
#define BULK_MIN_CHANGES 500

typedef struct {
  char *account_id;
  gint32 month;
  char *category;
  char *currency;
  gint64 total;
  gint64 count;
} Delta;

static void
delta_free (gpointer data)
{
  Delta *delta = data;

  g_free (delta->account_id);
  g_free (delta->category);
  g_free (delta->currency);
  g_free (delta);
}

sqlite3_stmt *
_fp_cache_cached_stmt (FpCache      *self,
                       FpCacheStmt   which,
                       GError      **error)
{
  g_assert (which < N_STMTS);

  if (self->stmts[which] == NULL)
    self->stmts[which] = _fp_cache_prepare (self, stmt_sql[which], error);

  return self->stmts[which];
}

gboolean
_fp_cache_step_done (FpCache       *self,
                     sqlite3_stmt  *stmt,
                     const char    *what,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _fp_cache_set_error (error, self->db, rc, what);
  return TRUE;
}

void
_fp_cache_bind_text_or_null (sqlite3_stmt *stmt,
                             int           index,
                             const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
is_currency_code (const char *code)
{
  return code != NULL && strlen (code) == 3 &&
         g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]) && g_ascii_isupper (code[2]);
}

static gboolean
is_valid_day (gint32 day)
{
  int year = day / 10000;
  int month = (day / 100) % 100;
  int mday = day % 100;

  return year >= 1900 && year <= 9999 && month >= 1 && month <= 12 && mday >= 1 &&
         g_date_valid_dmy ((GDateDay) mday, (GDateMonth) month, (GDateYear) year);
}

static gboolean
validate_change (const FpTxnChange  *change,
                 GError            **error)
{
  const char *problem = NULL;

  if (change->id == NULL || *change->id == '\0' || strlen (change->id) > MAX_ID_LEN)
    problem = "id";
  else if (change->kind != FP_TXN_DELETED)
    {
      if (change->kind != FP_TXN_CREATED && change->kind != FP_TXN_UPDATED)
        problem = "kind";
      else if (change->account_id == NULL || *change->account_id == '\0' ||
               strlen (change->account_id) > MAX_ID_LEN)
        problem = "account";
      else if (!is_valid_day (change->day))
        problem = "day";
      else if (change->minute < 0 || change->minute >= 24 * 60)
        problem = "minute";
      else if (change->amount_minor > MAX_ABS_AMOUNT || change->amount_minor < -MAX_ABS_AMOUNT)
        problem = "amount";
      else if (!is_currency_code (change->currency))
        problem = "currency";
      else if (change->mcc < 0 || change->mcc > 9999)
        problem = "mcc";
      else if (change->txn_state != FP_TXN_STATE_BOOKED && change->txn_state != FP_TXN_STATE_PENDING &&
               change->txn_state != FP_TXN_STATE_DECLINED)
        problem = "state";
      else if (change->card_id != NULL && (*change->card_id == '\0' || strlen (change->card_id) > MAX_ID_LEN))
        problem = "card";
      else if (change->merchant_name != NULL && strlen (change->merchant_name) > MAX_NAME_LEN)
        problem = "merchant name";
    }

  if (problem == NULL)
    return TRUE;

  g_debug ("Refusing a transaction change: invalid %s", problem);
  g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID,
                       _("The bank sent a transaction the app cannot store."));
  return FALSE;
}

static gboolean
add_delta (GHashTable  *deltas,
           GString     *key,
           const char  *account_id,
           gint32       month,
           const char  *category,
           const char  *currency,
           gint64       amount,
           gint64       count)
{
  Delta *delta;

  if (category == NULL)
    category = "";

  /* @key is a scratch buffer: no allocation per row unless the bucket is
   * new to this page. */
  g_string_truncate (key, 0);
  g_string_append (key, account_id);
  g_string_append_printf (key, "\x1f%d\x1f", month);
  g_string_append (key, category);
  g_string_append_c (key, '\x1f');
  g_string_append (key, currency);

  if ((delta = g_hash_table_lookup (deltas, key->str)) == NULL)
    {
      delta = g_new0 (Delta, 1);
      delta->account_id = g_strdup (account_id);
      delta->month = month;
      delta->category = g_strdup (category);
      delta->currency = g_strdup (currency);
      g_hash_table_insert (deltas, g_strndup (key->str, key->len), delta);
    }

  /* Amounts are capped at 10^12, so only absurd row counts overflow. */
  if (__builtin_add_overflow (delta->total, amount, &delta->total))
    return FALSE;
  delta->count += count;
  return TRUE;
}

/* The state a change is stored with: core's one rule decides, so that a
 * change with errors is declined whatever its state says. */
static FpTxnState
stored_state (const FpTxnChange *change)
{
  static const char * const status[] = {
    [FP_TXN_STATE_BOOKED] = "Booked",
    [FP_TXN_STATE_PENDING] = "Pending",
    [FP_TXN_STATE_DECLINED] = "Declined",
  };
  guint n_errors = 0;

  if (change->errors != NULL && *change->errors != '\0')
    {
      n_errors = 1;
      for (const char *p = change->errors; *p != '\0'; p++)
        n_errors += *p == ',';
    }
  return fp_txn_state_from_feed (status[change->txn_state], n_errors);
}

static void
bind_change (sqlite3_stmt      *stmt,
             const FpTxnChange *change)
{
  sqlite3_bind_text (stmt, 1, change->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, change->account_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, change->day);
  sqlite3_bind_int (stmt, 4, change->minute);
  sqlite3_bind_int64 (stmt, 5, change->amount_minor);
  sqlite3_bind_text (stmt, 6, change->currency, -1, SQLITE_STATIC);
  if (change->mcc > 0)
    sqlite3_bind_int (stmt, 7, change->mcc);
  else
    sqlite3_bind_null (stmt, 7);
  _fp_cache_bind_text_or_null (stmt, 8, change->merchant);
  _fp_cache_bind_text_or_null (stmt, 9, change->city);
  _fp_cache_bind_text_or_null (stmt, 10, change->state);
  _fp_cache_bind_text_or_null (stmt, 11, change->zip);
  _fp_cache_bind_text_or_null (stmt, 12, change->use_chip);
  _fp_cache_bind_text_or_null (stmt, 13, change->errors);
  sqlite3_bind_int (stmt, 14, change->is_fraud ? 1 : 0);
  _fp_cache_bind_text_or_null (stmt, 15, change->category);
  _fp_cache_bind_text_or_null (stmt, 16, change->merchant_name);
  _fp_cache_bind_text_or_null (stmt, 17, change->card_id);
  sqlite3_bind_int (stmt, 18, (int) stored_state (change));
}

static gboolean
overflow_error (GError **error)
{
  g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID,
                       _("The bank sent amounts too large to add up."));
  return FALSE;
}

static gboolean
insert_new (FpCache            *self,
            const FpTxnChange  *change,
            gboolean           *out_exists,
            GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_exists = FALSE;
  if (!(stmt = _fp_cache_cached_stmt (self, STMT_TXN_INSERT, error)))
    return FALSE;

  bind_change (stmt, change);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

  /* Only the UNIQUE id can fail here (the rest was validated): the row
   * exists already. The failed statement alone was rolled back. */
  if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_UNIQUE)
    {
      *out_exists = TRUE;
      return TRUE;
    }

  return _fp_cache_set_error (error, self->db, rc, "insert transaction");
}

static gboolean
apply_one (FpCache            *self,
           const FpTxnChange  *change,
           GHashTable         *deltas,
           FpCacheCounts      *counts,
           GString            *key,
           GError            **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  gint64 txn_id = 0;
  int rc;

  /* Most changes of a bulk sync are new rows: try the insert first, which
   * costs one index probe less than looking the row up. */
  if (change->kind != FP_TXN_DELETED)
    {
      gboolean exists;

      if (!insert_new (self, change, &exists, error))
        return FALSE;
      if (!exists)
        {
          _fp_cache_counts_add (counts, change->account_id, change->merchant_name,
                                change->merchant, change->city, 1);
          if (stored_state (change) != FP_TXN_STATE_DECLINED &&
              !add_delta (deltas, key, change->account_id, change->day / 100, change->category,
                          change->currency, change->amount_minor, 1))
            return overflow_error (error);
          return TRUE;
        }
    }

  if (!(stmt = _fp_cache_cached_stmt (self, STMT_TXN_OLD, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, change->id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      found = TRUE;
      txn_id = sqlite3_column_int64 (stmt, 0);
      _fp_cache_counts_add (counts, (const char *) sqlite3_column_text (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 7),
                            (const char *) sqlite3_column_text (stmt, 8),
                            (const char *) sqlite3_column_text (stmt, 9), -1);
      /* Declined attempts are not in the totals (see migration 4). */
      if (sqlite3_column_int (stmt, 6) != FP_TXN_STATE_DECLINED &&
          !add_delta (deltas, key,
                      (const char *) sqlite3_column_text (stmt, 1),
                      sqlite3_column_int (stmt, 2) / 100,
                      (const char *) sqlite3_column_text (stmt, 3),
                      (const char *) sqlite3_column_text (stmt, 4),
                      -sqlite3_column_int64 (stmt, 5), -1))
        {
          sqlite3_reset (stmt);
          return overflow_error (error);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _fp_cache_set_error (error, self->db, rc, "read transaction");

  if (change->kind == FP_TXN_DELETED)
    {
      if (!found)
        return TRUE;
      if (!(stmt = _fp_cache_cached_stmt (self, STMT_TXN_DELETE, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, txn_id);
      return _fp_cache_step_done (self, stmt, "delete transaction", error);
    }

  /* An update of an existing row (insert_new() found it). */
  if (!found)
    return _fp_cache_set_error (error, self->db, SQLITE_CORRUPT, "find existing transaction");
  _fp_cache_counts_add (counts, change->account_id, change->merchant_name,
                        change->merchant, change->city, 1);
  if (stored_state (change) != FP_TXN_STATE_DECLINED &&
      !add_delta (deltas, key, change->account_id, change->day / 100, change->category,
                  change->currency, change->amount_minor, 1))
    return overflow_error (error);

  if (!(stmt = _fp_cache_cached_stmt (self, STMT_TXN_UPDATE, error)))
    return FALSE;
  bind_change (stmt, change);
  sqlite3_bind_int64 (stmt, 19, txn_id);
  return _fp_cache_step_done (self, stmt, "update transaction", error);
}

static void
bind_delta_key (sqlite3_stmt *stmt,
                const Delta  *delta)
{
  sqlite3_bind_text (stmt, 1, delta->account_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, delta->month);
  sqlite3_bind_text (stmt, 3, delta->category, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, delta->currency, -1, SQLITE_STATIC);
}

static gboolean
flush_deltas (FpCache     *self,
              GHashTable  *deltas,
              GError     **error)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, deltas);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const Delta *delta = value;
      sqlite3_stmt *stmt;

      if (delta->total == 0 && delta->count == 0)
        continue;

      /* No UPSERT in SQLite 3.15: update, and insert if nothing was there. */
      if (!(stmt = _fp_cache_cached_stmt (self, STMT_ROLLUP_UPDATE, error)))
        return FALSE;
      bind_delta_key (stmt, delta);
      sqlite3_bind_int64 (stmt, 5, delta->total);
      sqlite3_bind_int64 (stmt, 6, delta->count);
      if (!_fp_cache_step_done (self, stmt, "update rollup", error))
        return FALSE;

      if (sqlite3_changes (self->db) == 0)
        {
          if (!(stmt = _fp_cache_cached_stmt (self, STMT_ROLLUP_INSERT, error)))
            return FALSE;
          bind_delta_key (stmt, delta);
          sqlite3_bind_int64 (stmt, 5, delta->total);
          sqlite3_bind_int64 (stmt, 6, delta->count);
          if (!_fp_cache_step_done (self, stmt, "insert rollup", error))
            return FALSE;
        }
      else if (delta->count < 0)
        {
          if (!(stmt = _fp_cache_cached_stmt (self, STMT_ROLLUP_GC, error)))
            return FALSE;
          bind_delta_key (stmt, delta);
          if (!_fp_cache_step_done (self, stmt, "prune rollup", error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
save_cursor (FpCache     *self,
             const char  *resource,
             const char  *cursor,
             GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!(stmt = _fp_cache_cached_stmt (self, STMT_CURSOR_UPDATE, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, resource, -1, SQLITE_STATIC);
  _fp_cache_bind_text_or_null (stmt, 2, cursor);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!_fp_cache_step_done (self, stmt, "update cursor", error))
    return FALSE;

  if (sqlite3_changes (self->db) > 0)
    return TRUE;

  if (!(stmt = _fp_cache_cached_stmt (self, STMT_CURSOR_INSERT, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, resource, -1, SQLITE_STATIC);
  _fp_cache_bind_text_or_null (stmt, 2, cursor);
  sqlite3_bind_int64 (stmt, 3, now);
  return _fp_cache_step_done (self, stmt, "insert cursor", error);
}

static gboolean
query_int64 (FpCache     *self,
             const char  *sql,
             gint64      *out_value,
             gboolean    *out_found,
             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _fp_cache_prepare (self, sql, error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  *out_found = rc == SQLITE_ROW;
  *out_value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _fp_cache_set_error (error, self->db, rc, "query");
  return TRUE;
}

gboolean
_fp_cache_ensure_txn_indexes (FpCache  *self,
                              GError  **error)
{
  gint64 n_indexes = 0;
  gboolean found;
  gint64 start;

  g_assert (self->db != NULL);

  if (!self->txn_indexes_deferred)
    return TRUE;

  if (self->schema_version >= 2)
    {
      if (!query_int64 (self,
                        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions'"
                        " AND name IN ('transactions_by_day', 'transactions_by_account')",
                        &n_indexes, &found, error))
        return FALSE;

      if (n_indexes < N_TXN_INDEXES)
        {
          start = g_get_monotonic_time ();
          if (!_fp_cache_begin (self, error))
            return FALSE;
          /* The pages of the bulk load kept no counts: recount them
           * with the indexes, in the same transaction. */
          if (!_fp_cache_exec (self, TXN_INDEXES_SQL, error) ||
              !_fp_cache_counts_rebuild (self, error))
            {
              _fp_cache_rollback (self);
              return FALSE;
            }
          if (!_fp_cache_commit (self, error))
            return FALSE;
          g_debug ("Built the transaction indexes in %.2f s",
                   (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
        }
    }

  self->txn_indexes_deferred = FALSE;
  return TRUE;
}

/* In the transaction of a page: whether to drop the secondary indexes for
 * a bulk load (see TXN_INDEXES_SQL). */
static gboolean
maybe_defer_indexes (FpCache   *self,
                     gsize      n_changes,
                     gboolean  *out_deferred,
                     GError   **error)
{
  gint64 any;
  gboolean found;

  *out_deferred = FALSE;
  if (self->txn_indexes_deferred || self->schema_version < 2 || n_changes < BULK_MIN_CHANGES)
    return TRUE;

  if (!query_int64 (self, "SELECT 1 FROM transactions LIMIT 1", &any, &found, error))
    return FALSE;
  if (found)
    return TRUE;

  if (!_fp_cache_exec (self, TXN_INDEXES_DROP_SQL, error))
    return FALSE;
  *out_deferred = TRUE;
  return TRUE;
}

/**
 * fp_cache_apply_changes:
 * @self: a #FpCache
 * @resource: the feed, "transactions" for the bank's change feed
 * @changes: (array length=n_changes): one page of the feed, in feed order
 * @n_changes: number of changes
 * @new_cursor: (nullable): the cursor after this page; %NULL keeps the old
 * @error: return location for a #FpStoreError
 *
 * Applies one page of the change feed together with its cursor, in one
 * database transaction: killed at any instant, the cache holds either the
 * old rows with the old cursor or the new rows with the new cursor.
 * Creations and updates replace the row with the same id, deletions of
 * unknown ids are ignored, so applying a page twice changes nothing; the
 * monthly totals follow exactly. An invalid change fails the whole page
 * with %FP_STORE_ERROR_INVALID and changes nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_apply_changes (FpCache            *self,
                        const char         *resource,
                        const FpTxnChange  *changes,
                        gsize               n_changes,
                        const char         *new_cursor,
                        GError            **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GHashTable) deltas = NULL;
  g_autoptr(FpCacheCounts) counts = NULL;
  g_autoptr(GString) key = NULL;
  gboolean deferring = FALSE;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);
  g_return_val_if_fail (resource != NULL, FALSE);
  g_return_val_if_fail (changes != NULL || n_changes == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (gsize i = 0; i < n_changes; i++)
    if (!validate_change (&changes[i], error))
      return FALSE;

  locker = g_mutex_locker_new (&self->lock);
  /* Not _fp_cache_check_open(): that would end a bulk load. */
  if (self->db == NULL)
    return _fp_cache_check_open (self, error);
  if (!_fp_cache_begin (self, error))
    return FALSE;

  if (!maybe_defer_indexes (self, n_changes, &deferring, error))
    goto failed;

  deltas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, delta_free);
  /* A bulk load keeps no counts page by page: its end recounts them in
   * one scan (_fp_cache_ensure_txn_indexes()), which costs less than a
   * write per distinct text per page. */
  if (!deferring && !self->txn_indexes_deferred)
    counts = _fp_cache_counts_new ();
  key = g_string_sized_new (64);

  for (gsize i = 0; i < n_changes; i++)
    if (!apply_one (self, &changes[i], deltas, counts, key, error))
      goto failed;

  if (!flush_deltas (self, deltas, error) ||
      !_fp_cache_counts_flush (self, counts, error) ||
      !save_cursor (self, resource, new_cursor, error))
    goto failed;

  if (!_fp_cache_commit (self, error))
    return FALSE;

  /* Only once the drop is committed. */
  if (deferring)
    {
      g_debug ("First sync into an empty cache: transaction indexes deferred");
      self->txn_indexes_deferred = TRUE;
    }
  return TRUE;

failed:
  _fp_cache_rollback (self);
  return FALSE;
}

gboolean
_fp_cache_end_bulk_load (FpCache  *self,
                         GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  /* Builds the deferred indexes, if any. */
  return _fp_cache_check_open (self, error);
}

static char *
sync_state_text (FpCache     *self,
                 const char  *resource,
                 const char  *column_sql,
                 GError     **error)
{
  return _fp_cache_lookup_text (self, column_sql, resource, "read sync state", error);
}

/**
 * fp_cache_get_cursor:
 * @self: a #FpCache
 * @resource: the feed
 * @error: return location for a #FpStoreError
 *
 * Returns: (transfer full) (nullable): the cursor saved with the last page
 *   applied, or %NULL without error before the first page
 */
char *
fp_cache_get_cursor (FpCache     *self,
                     const char  *resource,
                     GError     **error)
{
  g_return_val_if_fail (FP_IS_CACHE (self), NULL);
  g_return_val_if_fail (resource != NULL, NULL);

  return sync_state_text (self, resource,
                          "SELECT cursor FROM sync_state WHERE resource = ?1", error);
}

/**
 * fp_cache_get_etag:
 * @self: a #FpCache
 * @resource: a catalogue resource (fp_cache_catalogue_to_resource())
 * @error: return location for a #FpStoreError
 *
 * Returns: (transfer full) (nullable): the ETag saved with the catalogue,
 *   or %NULL without error
 */
char *
fp_cache_get_etag (FpCache     *self,
                   const char  *resource,
                   GError     **error)
{
  g_return_val_if_fail (FP_IS_CACHE (self), NULL);
  g_return_val_if_fail (resource != NULL, NULL);

  return sync_state_text (self, resource,
                          "SELECT etag FROM sync_state WHERE resource = ?1", error);
}

/**
 * fp_cache_get_last_synced:
 * @self: a #FpCache
 * @resource: a resource
 * @out_unix_time: (out): when it was last synced, 0 if never
 * @error: return location for a #FpStoreError
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_get_last_synced (FpCache     *self,
                          const char  *resource,
                          gint64      *out_unix_time,
                          GError     **error)
{
  g_autofree char *text = NULL;
  GError *local = NULL;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);
  g_return_val_if_fail (resource != NULL, FALSE);
  g_return_val_if_fail (out_unix_time != NULL, FALSE);

  text = sync_state_text (self, resource,
                          "SELECT last_synced FROM sync_state WHERE resource = ?1", &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  *out_unix_time = text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
  return TRUE;
}


/**
 * fp_cache_rebuild_rollups:
 * @self: a #FpCache
 * @error: return location for a #FpStoreError
 *
 * Recomputes the monthly totals from the transactions, in one database
 * transaction. Never needed in normal operation.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_rebuild_rollups (FpCache  *self,
                          GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) || !_fp_cache_begin (self, error))
    return FALSE;

  if (!_fp_cache_exec (self,
                       "DELETE FROM monthly_totals;"
                       "INSERT INTO monthly_totals"
                       "  SELECT account_id, day / 100, COALESCE (category, ''), currency,"
                       "         SUM (amount_minor), COUNT (*)"
                       "  FROM transactions WHERE txn_state <> 2 GROUP BY 1, 2, 3, 4;", error) ||
      (self->schema_version >= FP_CACHE_COUNTS_SCHEMA &&
       !_fp_cache_exec (self,
                        "DELETE FROM txn_counts;"
                        "INSERT INTO txn_counts SELECT account_id, COUNT (*) FROM transactions GROUP BY 1;"
                        "DELETE FROM txn_terms;"
                        "INSERT INTO txn_terms"
                        "  SELECT account_id, COALESCE (merchant_name, ''), COALESCE (merchant, ''),"
                        "         COALESCE (city, ''), COUNT (*)"
                        "  FROM transactions GROUP BY 1, 2, 3, 4;",
                        error)))
    {
      _fp_cache_rollback (self);
      return FALSE;
    }

  return _fp_cache_commit (self, error);
}
