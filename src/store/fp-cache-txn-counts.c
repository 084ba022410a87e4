/* fp-cache-txn-counts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The counts kept with each page of the change feed, in the page's
 * database transaction (fp_cache_apply_changes()), so that the Activity
 * list counts without reading a million rows:
 *
 * - `txn_counts`: the rows per account;
 * - `txn_terms`: the rows per account and searchable text (the merchant's
 *   name, the bank's merchant and the city). A merchant search counts by
 *   matching its LIKE pattern against these few distinct texts and adding
 *   up their counts, the same match as over the rows.
 *
 * Declined attempts are rows the list shows, so they are counted here
 * (they are in no total of `monthly_totals`).
 */

#define G_LOG_DOMAIN "fp-cache"

#include "config.h"

#include "fp-cache-private.h"

typedef struct {
  char *account_id;
  char *merchant_name;
  char *merchant;
  char *city;
  gint64 n;
} TermDelta;

struct _FpCacheCounts {
  GHashTable *accounts;   /* account id -> gint64 *, at the flush */
  GHashTable *terms;      /* key -> TermDelta */
  GString *key;           /* scratch */
};

static void
term_delta_free (gpointer data)
{
  TermDelta *delta = data;

  g_free (delta->account_id);
  g_free (delta->merchant_name);
  g_free (delta->merchant);
  g_free (delta->city);
  g_free (delta);
}

FpCacheCounts *
_fp_cache_counts_new (void)
{
  FpCacheCounts *counts = g_new0 (FpCacheCounts, 1);

  counts->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  counts->terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, term_delta_free);
  counts->key = g_string_sized_new (128);
  return counts;
}

void
_fp_cache_counts_free (FpCacheCounts *counts)
{
  if (counts == NULL)
    return;
  g_hash_table_unref (counts->accounts);
  g_hash_table_unref (counts->terms);
  g_string_free (counts->key, TRUE);
  g_free (counts);
}

/*
 * _fp_cache_counts_add:
 * @counts: the counts of one page
 * @account_id: the row's account
 * @merchant_name: (nullable): the row's merchant name
 * @merchant: (nullable): the bank's merchant
 * @city: (nullable): the city
 * @n: +1 for a row that comes, -1 for one that goes
 *
 * A missing text is kept as "", which no search pattern matches, as no
 * LIKE pattern matches NULL.
 */
void
_fp_cache_counts_add (FpCacheCounts *counts,
                      const char    *account_id,
                      const char    *merchant_name,
                      const char    *merchant,
                      const char    *city,
                      gint64         n)
{
  TermDelta *delta;

  /* A first sync's bulk load: rebuilt at its end instead. */
  if (counts == NULL)
    return;

  merchant_name = merchant_name != NULL ? merchant_name : "";
  merchant = merchant != NULL ? merchant : "";
  city = city != NULL ? city : "";

  /* The texts were validated: none holds a control character. */
  g_string_truncate (counts->key, 0);
  g_string_append (counts->key, account_id);
  g_string_append_c (counts->key, '\x1f');
  g_string_append (counts->key, merchant_name);
  g_string_append_c (counts->key, '\x1f');
  g_string_append (counts->key, merchant);
  g_string_append_c (counts->key, '\x1f');
  g_string_append (counts->key, city);

  if ((delta = g_hash_table_lookup (counts->terms, counts->key->str)) == NULL)
    {
      delta = g_new0 (TermDelta, 1);
      delta->account_id = g_strdup (account_id);
      delta->merchant_name = g_strdup (merchant_name);
      delta->merchant = g_strdup (merchant);
      delta->city = g_strdup (city);
      g_hash_table_insert (counts->terms, g_strndup (counts->key->str, counts->key->len), delta);
    }
  delta->n += n;
}

static void
bind_term (sqlite3_stmt    *stmt,
           const TermDelta *delta)
{
  sqlite3_bind_text (stmt, 1, delta->account_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, delta->merchant_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, delta->merchant, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, delta->city, -1, SQLITE_STATIC);
}

/* Runs one of the statements of a count, keyed by @account_id or @term,
 * with @n as its last parameter unless @n is 0. */
static gboolean
run_count_stmt (FpCache          *self,
                FpCacheStmt       which,
                const char       *account_id,
                const TermDelta  *term,
                gint64            n,
                GError          **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _fp_cache_cached_stmt (self, which, error)))
    return FALSE;
  if (term != NULL)
    bind_term (stmt, term);
  else
    sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_STATIC);
  if (n != 0)
    sqlite3_bind_int64 (stmt, term != NULL ? 5 : 2, n);
  return _fp_cache_step_done (self, stmt, "keep a count", error);
}

/* Adds @n to one count: no UPSERT in SQLite 3.15, so update, insert if
 * nothing was there, and drop a count that fell to 0. */
static gboolean
add_to_row (FpCache          *self,
            FpCacheStmt       update,
            FpCacheStmt       insert,
            FpCacheStmt       gc,
            const char       *account_id,
            const TermDelta  *term,
            gint64            n,
            GError          **error)
{
  if (!run_count_stmt (self, update, account_id, term, n, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return run_count_stmt (self, insert, account_id, term, n, error);
  if (n < 0)
    return run_count_stmt (self, gc, account_id, term, 0, error);
  return TRUE;
}

/* Writes the counts of one page; the caller holds the lock and the
 * page's database transaction. */
gboolean
_fp_cache_counts_flush (FpCache        *self,
                        FpCacheCounts  *counts,
                        GError        **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (counts == NULL || self->schema_version < FP_CACHE_COUNTS_SCHEMA)
    return TRUE;

  /* The accounts' counts are the sums of their texts' (one hash lookup
   * per row fewer during a sync). */
  g_hash_table_iter_init (&iter, counts->terms);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const TermDelta *delta = value;
      gint64 *account_n;

      if ((account_n = g_hash_table_lookup (counts->accounts, delta->account_id)) == NULL)
        {
          account_n = g_new0 (gint64, 1);
          g_hash_table_insert (counts->accounts, g_strdup (delta->account_id), account_n);
        }
      *account_n += delta->n;
    }

  g_hash_table_iter_init (&iter, counts->accounts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(gint64 *) value != 0 &&
        !add_to_row (self, STMT_COUNT_UPDATE, STMT_COUNT_INSERT, STMT_COUNT_GC,
                     key, NULL, *(gint64 *) value, error))
      return FALSE;

  g_hash_table_iter_init (&iter, counts->terms);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const TermDelta *delta = value;

      if (delta->n != 0 &&
          !add_to_row (self, STMT_TERM_UPDATE, STMT_TERM_INSERT, STMT_TERM_GC,
                       NULL, delta, delta->n, error))
        return FALSE;
    }

  return TRUE;
}

/*
 * _fp_cache_counts_rebuild:
 *
 * Recounts both tables from the rows, in one scan, hashed in memory: what
 * the end of a first sync's bulk load does (the pages of a bulk load keep
 * no counts; see _fp_cache_ensure_txn_indexes()). The caller holds the
 * lock and a database transaction.
 */
gboolean
_fp_cache_counts_rebuild (FpCache  *self,
                          GError  **error)
{
  g_autoptr(FpCacheCounts) counts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (self->schema_version < FP_CACHE_COUNTS_SCHEMA)
    return TRUE;

  if (!_fp_cache_exec (self, "DELETE FROM txn_counts; DELETE FROM txn_terms;", error) ||
      !(stmt = _fp_cache_prepare (self, "SELECT account_id, merchant_name, merchant, city FROM transactions",
                                  error)))
    return FALSE;

  counts = _fp_cache_counts_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    _fp_cache_counts_add (counts,
                          (const char *) sqlite3_column_text (stmt, 0),
                          (const char *) sqlite3_column_text (stmt, 1),
                          (const char *) sqlite3_column_text (stmt, 2),
                          (const char *) sqlite3_column_text (stmt, 3), 1);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _fp_cache_set_error (error, self->db, rc, "recount transactions");

  return _fp_cache_counts_flush (self, counts, error);
}
