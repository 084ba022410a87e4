/* test-cache-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fp_cache_apply_changes(): pages of the change feed applied with their
 * cursor, idempotent, atomic (also under kill -9), with exact rollups.
 * Expectations come from a model kept by the test, not from the cache.
 */

#include "config.h"

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fp-cache-private.h"
#include "fp-store.h"
#include "fp-store-test-util.h"

static const guint8 key_bytes[FP_CACHE_KEY_SIZE] = {
  0x9a, 0x41, 0x0c, 0xd7, 0x62, 0xf5, 0x38, 0x8b, 0x1e, 0xa9, 0x54, 0xc3, 0x07, 0xbe, 0x2d, 0x70,
  0xe1, 0x16, 0x83, 0x4a, 0xfd, 0x29, 0xb6, 0x5c, 0x0f, 0x98, 0x73, 0xca, 0x35, 0xe4, 0x1b, 0x66,
};

static const char * const accounts[] = { "acc-1", "acc-2", "acc-3" };
static const char * const categories[] = { "groceries", "transport", "dining", NULL, "rent" };

/* Owned copy of a change: the test's model of the bank's data. */
typedef struct {
  char *id;
  char *account_id;
  gint32 day;
  gint32 minute;
  gint64 amount;
  char *currency;
  char *merchant;
  char *category;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->id);
  g_free (row->account_id);
  g_free (row->currency);
  g_free (row->merchant);
  g_free (row->category);
  g_free (row);
}

static guint64
mix (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

/* Transaction number @i in version @version: a pure function, so that a
 * child process and the test agree without talking. */
static Row *
make_row (guint i,
          guint version)
{
  guint64 h = mix (((guint64) i << 8) | version);
  Row *row = g_new0 (Row, 1);
  guint account = (guint) (h % G_N_ELEMENTS (accounts));

  row->id = g_strdup_printf ("t-%06u", i);
  row->account_id = g_strdup (accounts[account]);
  row->day = 20190000 + (gint32) (1 + (h >> 8) % 6) * 100 + (gint32) (1 + (h >> 16) % 28);
  row->minute = (gint32) ((h >> 24) % 1440);
  row->amount = (gint64) ((h >> 32) % 60000) - 5000;
  row->currency = g_strdup (account == 2 && (h >> 40) % 4 != 0 ? "EUR" : "USD");
  row->merchant = g_strdup_printf ("Merchant %u", (guint) ((h >> 44) % 50));
  row->category = g_strdup (categories[(h >> 52) % G_N_ELEMENTS (categories)]);
  return row;
}

static void
model_put (GHashTable *model,
           Row        *row)
{
  /* The key is the value's own id, freed with it. */
  g_hash_table_replace (model, row->id, row);
}

static FpTxnChange
row_to_change (const Row       *row,
               FpTxnChangeKind  kind)
{
  FpTxnChange change = {
    .kind = kind,
    .id = row->id,
    .account_id = row->account_id,
    .day = row->day,
    .minute = row->minute,
    .amount_minor = row->amount,
    .currency = row->currency,
    .mcc = 5411,
    .merchant = row->merchant,
    .category = row->category,
  };

  return change;
}

static FpCache *
open_cache (const char *dir)
{
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(GError) error = NULL;
  FpCache *cache = fp_cache_open (dir, key, &error);

  g_assert_no_error (error);
  return cache;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "account currency count sum" lines from the model. */
static char *
model_account_totals (GHashTable *model)
{
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;
  GString *out = g_string_new (NULL);

  g_hash_table_iter_init (&iter, model);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const Row *row = value;
      char *k = g_strdup_printf ("%s %s", row->account_id, row->currency);
      gint64 *acc = g_hash_table_lookup (sums, k);

      if (acc == NULL)
        {
          acc = g_new0 (gint64, 2);
          g_hash_table_insert (sums, k, acc);
        }
      else
        g_free (k);
      acc[0] += 1;
      acc[1] += row->amount;
    }

  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 *acc = value;

      g_ptr_array_add (lines, g_strdup_printf ("%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                                               (const char *) key, acc[0], acc[1]));
    }
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append (out, g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

static char *
cache_account_totals (FpCache *cache)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) totals = fp_cache_counts_and_sums_per_account (cache, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < totals->len; i++)
    {
      const FpAccountTotals *t = g_ptr_array_index (totals, i);

      g_string_append_printf (out, "%s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                              t->account_id, t->currency, t->count, t->sum_minor);
    }
  return g_string_free (out, FALSE);
}

/* "account month category currency total count" lines, sorted. */
static char *
model_monthly_totals (GHashTable *model)
{
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;
  GString *out = g_string_new (NULL);

  g_hash_table_iter_init (&iter, model);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const Row *row = value;
      char *k = g_strdup_printf ("%s %d %s %s", row->account_id, row->day / 100,
                                 row->category != NULL ? row->category : "", row->currency);
      gint64 *acc = g_hash_table_lookup (sums, k);

      if (acc == NULL)
        {
          acc = g_new0 (gint64, 2);
          g_hash_table_insert (sums, k, acc);
        }
      else
        g_free (k);
      acc[0] += row->amount;
      acc[1] += 1;
    }

  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 *acc = value;

      g_ptr_array_add (lines, g_strdup_printf ("%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                                               (const char *) key, acc[0], acc[1]));
    }
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append (out, g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

static char *
cache_monthly_totals (FpCache *cache)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) totals = fp_cache_list_monthly_totals (cache, NULL, 0, 0, &error);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < totals->len; i++)
    {
      const FpMonthlyTotal *t = g_ptr_array_index (totals, i);

      g_assert_cmpint (t->count, >, 0);
      g_ptr_array_add (lines, g_strdup_printf ("%s %d %s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                                               t->account_id, t->month, t->category, t->currency,
                                               t->total_minor, t->count));
    }
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append (out, g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

/* The rollups recomputed by SQL from the rows, the same way. */
static char *
rebuilt_monthly_totals (FpCache *cache)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fp_cache_rebuild_rollups (cache, &error));
  g_assert_no_error (error);
  return cache_monthly_totals (cache);
}

static char *
dump (sqlite3    *db,
      const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", text != NULL ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

/* The counts kept per account (`txn_counts`, read for a filter of at most
 * one account) equal the model's and a count over the rows themselves (a
 * filter with a day bound is counted from the rows). */
static void
assert_counts_equal_rows (FpCache    *cache,
                          GHashTable *model)
{
  g_autoptr(GError) error = NULL;
  FpTxnFilter scan_all = { .day_from = 1 };
  guint64 kept = 0, scanned = 0;
  guint64 expected_total = 0;

  for (guint a = 0; a < G_N_ELEMENTS (accounts) + 1; a++)
    {
      /* The last one is an account nobody has. */
      const char *account = a < G_N_ELEMENTS (accounts) ? accounts[a] : "acc-none";
      FpTxnFilter one = { .account_id = account };
      FpTxnFilter scan_one = { .account_id = account, .day_from = 1 };
      GHashTableIter iter;
      gpointer value;
      guint64 expected = 0;

      g_hash_table_iter_init (&iter, model);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        expected += g_str_equal (((const Row *) value)->account_id, account);
      expected_total += expected;

      g_assert_true (fp_cache_count_transactions (cache, &one, &kept, &error));
      g_assert_no_error (error);
      g_assert_true (fp_cache_count_transactions (cache, &scan_one, &scanned, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (kept, ==, expected);
      g_assert_cmpuint (scanned, ==, expected);
    }

  g_assert_true (fp_cache_count_transactions (cache, NULL, &kept, &error));
  g_assert_true (fp_cache_count_transactions (cache, &scan_all, &scanned, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kept, ==, expected_total);
  g_assert_cmpuint (scanned, ==, expected_total);

  /* Both kept tables, row for row, equal a recomputation from the rows
   * (no stale or negative row that a sum would hide). */
  {
    sqlite3 *db = _fp_cache_get_db (cache);
    g_autofree char *counts = dump (db, "SELECT account_id, n FROM txn_counts ORDER BY 1");
    g_autofree char *counts_rows = dump (db, "SELECT account_id, COUNT (*) FROM transactions GROUP BY 1 ORDER BY 1");
    g_autofree char *terms = dump (db, "SELECT * FROM txn_terms ORDER BY 1, 2, 3, 4");
    g_autofree char *terms_rows = dump (db, "SELECT account_id, COALESCE (merchant_name, ''), COALESCE (merchant, ''),"
                                            " COALESCE (city, ''), COUNT (*) FROM transactions"
                                            " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4");

    g_assert_cmpstr (counts, ==, counts_rows);
    g_assert_cmpstr (terms, ==, terms_rows);
  }

  /* A merchant search, counted from `txn_terms`, alone and with an
   * account: the model's substring match, and the LIKE scan of the rows. */
  {
    static const char * const searches[] = { "merchant 1", "MERCHANT 4", "t 2", "zzz" };

    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      for (guint a = 0; a <= G_N_ELEMENTS (accounts); a++)
        {
          const char *account = a < G_N_ELEMENTS (accounts) ? accounts[a] : NULL;
          g_autofree char *needle = g_ascii_strdown (searches[i], -1);
          FpTxnFilter search = { .merchant = searches[i], .account_id = account };
          FpTxnFilter scan = { .merchant = searches[i], .account_id = account, .day_from = 1 };
          GHashTableIter iter;
          gpointer value;
          guint64 expected = 0;

          g_hash_table_iter_init (&iter, model);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              const Row *row = value;
              g_autofree char *merchant = g_ascii_strdown (row->merchant, -1);

              expected += (account == NULL || g_str_equal (row->account_id, account)) &&
                          strstr (merchant, needle) != NULL;
            }

          g_assert_true (fp_cache_count_transactions (cache, &search, &kept, &error));
          g_assert_no_error (error);
          g_assert_true (fp_cache_count_transactions (cache, &scan, &scanned, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (kept, ==, expected);
          g_assert_cmpuint (scanned, ==, expected);
        }
  }
}

static void
assert_cache_equals_model (FpCache    *cache,
                           GHashTable *model)
{
  g_autofree char *expected_accounts = model_account_totals (model);
  g_autofree char *actual_accounts = cache_account_totals (cache);
  g_autofree char *expected_months = model_monthly_totals (model);
  g_autofree char *actual_months = cache_monthly_totals (cache);
  g_autoptr(GError) error = NULL;
  guint64 count = 0;

  g_assert_true (fp_cache_count_transactions (cache, NULL, &count, &error));
  g_assert_cmpuint (count, ==, g_hash_table_size (model));
  g_assert_cmpstr (actual_accounts, ==, expected_accounts);
  g_assert_cmpstr (actual_months, ==, expected_months);
  assert_counts_equal_rows (cache, model);
}

static void
apply_rows (FpCache         *cache,
            GPtrArray       *rows,
            FpTxnChangeKind  kind,
            const char      *cursor)
{
  g_autofree FpTxnChange *changes = g_new0 (FpTxnChange, rows->len);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < rows->len; i++)
    changes[i] = row_to_change (g_ptr_array_index (rows, i), kind);
  g_assert_true (fp_cache_apply_changes (cache, "transactions", changes, rows->len, cursor, &error));
  g_assert_no_error (error);
}

static void
test_apply_idempotent (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(GHashTable) model = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, row_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autofree FpTxnChange *changes = NULL;
  guint n_changes = 0;

  cursor = fp_cache_get_cursor (cache, "transactions", &error);
  g_assert_no_error (error);
  g_assert_null (cursor);

  /* Six pages of creations, each applied twice. */
  for (guint page = 0; page < 6; page++)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
      g_autofree char *name = g_strdup_printf ("c%u", page + 1);

      for (guint i = page * 100; i < (page + 1) * 100; i++)
        g_ptr_array_add (rows, make_row (i, 0));
      for (guint i = 0; i < rows->len; i++)
        model_put (model, make_row (i + page * 100, 0));

      apply_rows (cache, rows, FP_TXN_CREATED, name);
      assert_cache_equals_model (cache, model);
      apply_rows (cache, rows, FP_TXN_CREATED, name);
      assert_cache_equals_model (cache, model);

      g_clear_pointer (&cursor, g_free);
      cursor = fp_cache_get_cursor (cache, "transactions", &error);
      g_assert_cmpstr (cursor, ==, name);
    }

  /* A page mixing updates (other amounts, categories and months), deletions,
   * deletions of ids never seen, and creations. */
  changes = g_new0 (FpTxnChange, 200);
  {
    g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (row_free);

    for (guint i = 0; i < 60; i++)
      {
        Row *row = make_row (i * 7, 1);

        g_ptr_array_add (keep, row);
        changes[n_changes++] = row_to_change (row, FP_TXN_UPDATED);
        model_put (model, make_row (i * 7, 1));
      }
    for (guint i = 0; i < 25; i++)
      {
        Row *row = make_row (i * 11 + 3, 0);

        g_ptr_array_add (keep, row);
        changes[n_changes++] = row_to_change (row, FP_TXN_DELETED);
        g_hash_table_remove (model, row->id);
      }
    for (guint i = 0; i < 5; i++)
      {
        Row *row = make_row (900000 + i, 0);

        g_ptr_array_add (keep, row);
        changes[n_changes] = row_to_change (row, FP_TXN_DELETED);
        changes[n_changes].account_id = NULL;
        n_changes++;
      }
    for (guint i = 600; i < 640; i++)
      {
        Row *row = make_row (i, 0);

        g_ptr_array_add (keep, row);
        changes[n_changes++] = row_to_change (row, FP_TXN_CREATED);
        model_put (model, make_row (i, 0));
      }
    /* The same id twice in one page: the later entry wins. */
    {
      Row *first = make_row (1, 2);
      Row *second = make_row (1, 3);

      g_ptr_array_add (keep, first);
      g_ptr_array_add (keep, second);
      changes[n_changes++] = row_to_change (first, FP_TXN_UPDATED);
      changes[n_changes++] = row_to_change (second, FP_TXN_UPDATED);
      model_put (model, make_row (1, 3));
    }

    for (guint round = 0; round < 2; round++)
      {
        g_assert_true (fp_cache_apply_changes (cache, "transactions", changes, n_changes, "c7", &error));
        g_assert_no_error (error);
        assert_cache_equals_model (cache, model);
      }
  }

  /* The incremental rollups equal the ones rebuilt from the rows. */
  {
    g_autofree char *incremental = cache_monthly_totals (cache);
    g_autofree char *rebuilt = rebuilt_monthly_totals (cache);

    g_assert_cmpstr (incremental, ==, rebuilt);
  }

  /* Delete everything: no rollup row is left with a zero count. */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, model);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_add (rows, make_row ((guint) g_ascii_strtoull (((Row *) value)->id + 2, NULL, 10), 0));
    apply_rows (cache, rows, FP_TXN_DELETED, "c8");
    g_hash_table_remove_all (model);
    assert_cache_equals_model (cache, model);
    {
      g_autofree char *left = cache_monthly_totals (cache);

      g_assert_cmpstr (left, ==, "");
    }
  }

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

static char *
snapshot (FpCache *cache)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *accounts_text = cache_account_totals (cache);
  g_autofree char *months = cache_monthly_totals (cache);
  g_autofree char *cursor = fp_cache_get_cursor (cache, "transactions", &error);

  g_assert_no_error (error);
  return g_strdup_printf ("%s--\n%s--\n%s", accounts_text, months, cursor);
}

static void
test_apply_atomic (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(GPtrArray) deleted = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(GError) error = NULL;
  g_autofree FpTxnChange *changes = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (rows, make_row (i, 0));
  apply_rows (cache, rows, FP_TXN_CREATED, "good");
  before = snapshot (cache);

  /* An invalid change at the end of a page: nothing of it is applied. */
  changes = g_new0 (FpTxnChange, 51);
  for (guint i = 0; i < 50; i++)
    changes[i] = row_to_change (g_ptr_array_index (rows, i), FP_TXN_DELETED);
  changes[50] = row_to_change (g_ptr_array_index (rows, 50), FP_TXN_UPDATED);
  changes[50].currency = "usd";
  g_assert_false (fp_cache_apply_changes (cache, "transactions", changes, 51, "bad", &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  after = snapshot (cache);
  g_assert_cmpstr (after, ==, before);

  /* A failure inside the database half-way through a page rolls the whole
   * page back, cursor included. */
  g_assert_cmpint (sqlite3_exec (_fp_cache_get_db (cache),
                                 "CREATE TEMP TRIGGER boom BEFORE INSERT ON main.transactions"
                                 " WHEN NEW.id = 't-000150' BEGIN SELECT RAISE (ABORT, 'boom'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_ptr_array_set_size (rows, 0);
  for (guint i = 100; i < 200; i++)
    g_ptr_array_add (rows, make_row (i, 0));
  g_free (changes);
  changes = g_new0 (FpTxnChange, rows->len + 10);
  for (guint i = 0; i < 10; i++)
    {
      g_ptr_array_add (deleted, make_row (i, 0));
      changes[i] = row_to_change (g_ptr_array_index (deleted, i), FP_TXN_DELETED);
    }
  for (guint i = 0; i < rows->len; i++)
    changes[i + 10] = row_to_change (g_ptr_array_index (rows, i), FP_TXN_CREATED);
  g_assert_false (fp_cache_apply_changes (cache, "transactions", changes, rows->len + 10, "bad", &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == FP_STORE_ERROR);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = snapshot (cache);
  g_assert_cmpstr (after, ==, before);

  /* The cache is still usable afterwards. */
  g_assert_cmpint (sqlite3_exec (_fp_cache_get_db (cache), "DROP TRIGGER temp.boom", NULL, NULL, NULL), ==, SQLITE_OK);
  apply_rows (cache, rows, FP_TXN_CREATED, "good-2");
  {
    g_autofree char *cursor = fp_cache_get_cursor (cache, "transactions", &error);
    guint64 count = 0;

    g_assert_cmpstr (cursor, ==, "good-2");
    g_assert_true (fp_cache_count_transactions (cache, NULL, &count, &error));
    g_assert_cmpuint (count, ==, 200);
  }

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

/* How many of the secondary indexes of transactions exist. */
static gint64
count_txn_indexes (FpCache *cache)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_fp_cache_get_db (cache),
                                       "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                       " AND name IN ('transactions_by_day', 'transactions_by_account')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static GPtrArray *
rows_range (guint from,
            guint to,
            guint version)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);

  for (guint i = from; i < to; i++)
    g_ptr_array_add (rows, make_row (i, version));
  return rows;
}

static void
model_put_range (GHashTable *model,
                 guint       from,
                 guint       to,
                 guint       version)
{
  for (guint i = from; i < to; i++)
    model_put (model, make_row (i, version));
}

/* A first sync into an empty cache goes without the day and account
 * indexes; they are there again, and the data exact, once anything reads,
 * once the feed ends, or at the next open after a crash. */
static void
test_bulk_first_sync (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(GHashTable) model = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, row_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;

  g_assert_cmpint (count_txn_indexes (cache), ==, 2);

  /* A big first page: the indexes go, in the page's transaction. */
  rows = rows_range (0, 600, 0);
  apply_rows (cache, rows, FP_TXN_CREATED, "b1");
  g_clear_pointer (&rows, g_ptr_array_unref);
  model_put_range (model, 0, 600, 0);
  g_assert_cmpint (count_txn_indexes (cache), ==, 0);

  /* More pages: overlapping rows (exactly once), updates, deletions. */
  rows = rows_range (500, 1200, 0);
  apply_rows (cache, rows, FP_TXN_CREATED, "b2");
  apply_rows (cache, rows, FP_TXN_CREATED, "b2");
  g_clear_pointer (&rows, g_ptr_array_unref);
  model_put_range (model, 600, 1200, 0);
  rows = rows_range (100, 130, 1);
  apply_rows (cache, rows, FP_TXN_UPDATED, "b3");
  g_clear_pointer (&rows, g_ptr_array_unref);
  model_put_range (model, 100, 130, 1);
  rows = rows_range (1000, 1020, 0);
  apply_rows (cache, rows, FP_TXN_DELETED, "b4");
  g_clear_pointer (&rows, g_ptr_array_unref);
  for (guint i = 1000; i < 1020; i++)
    {
      g_autofree char *id = g_strdup_printf ("t-%06u", i);

      g_assert_true (g_hash_table_remove (model, id));
    }
  g_assert_cmpint (count_txn_indexes (cache), ==, 0);

  /* Closed in the middle (what kill -9 leaves): the next open builds them. */
  fp_cache_close (cache);
  g_clear_object (&cache);
  cache = open_cache (dir);
  g_assert_cmpint (count_txn_indexes (cache), ==, 2);
  cursor = fp_cache_get_cursor (cache, "transactions", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cursor, ==, "b4");
  assert_cache_equals_model (cache, model);
  {
    g_autofree char *rebuilt = rebuilt_monthly_totals (cache);
    g_autofree char *expected = model_monthly_totals (model);

    g_assert_cmpstr (rebuilt, ==, expected);
  }

  /* Not empty any more: later big pages keep the indexes. */
  rows = rows_range (1200, 1900, 0);
  apply_rows (cache, rows, FP_TXN_CREATED, "b5");
  g_clear_pointer (&rows, g_ptr_array_unref);
  model_put_range (model, 1200, 1900, 0);
  g_assert_cmpint (count_txn_indexes (cache), ==, 2);
  assert_cache_equals_model (cache, model);

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

static void
test_bulk_ends (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(GHashTable) model = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, row_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree FpTxnChange *changes = NULL;
  g_autoptr(GPtrArray) page = NULL;
  guint64 count = 0;

  /* A small first page keeps the indexes. */
  rows = rows_range (0, 100, 0);
  apply_rows (cache, rows, FP_TXN_CREATED, "s1");
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_cmpint (count_txn_indexes (cache), ==, 2);
  g_clear_object (&cache);
  fp_test_rm_rf (dir);
  g_free (dir);

  /* A failed big first page changes nothing, the indexes included. */
  dir = fp_test_make_tmpdir ();
  cache = open_cache (dir);
  rows = rows_range (0, 600, 0);
  changes = g_new0 (FpTxnChange, rows->len);
  for (guint i = 0; i < rows->len; i++)
    changes[i] = row_to_change (g_ptr_array_index (rows, i), FP_TXN_CREATED);
  changes[599].day = 20191301;
  g_assert_false (fp_cache_apply_changes (cache, "transactions", changes, rows->len, "x", &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  changes[599].day = 20190101;
  changes[599].currency = NULL;
  g_assert_false (fp_cache_apply_changes (cache, "transactions", changes, rows->len, "x", &error));
  g_clear_error (&error);
  g_assert_cmpint (count_txn_indexes (cache), ==, 2);
  g_assert_true (fp_cache_count_transactions (cache, NULL, &count, &error));
  g_assert_cmpuint (count, ==, 0);

  /* A good one defers them; the first reader builds them. */
  apply_rows (cache, rows, FP_TXN_CREATED, "g1");
  model_put_range (model, 0, 600, 0);
  g_assert_cmpint (count_txn_indexes (cache), ==, 0);
  page = fp_cache_list_transactions (cache, NULL, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 10);
  g_assert_cmpint (count_txn_indexes (cache), ==, 2);
  assert_cache_equals_model (cache, model);
  g_clear_object (&cache);
  fp_test_rm_rf (dir);
  g_free (dir);

  /* The end of the feed builds them too. */
  dir = fp_test_make_tmpdir ();
  cache = open_cache (dir);
  apply_rows (cache, rows, FP_TXN_CREATED, "g1");
  g_assert_cmpint (count_txn_indexes (cache), ==, 0);
  g_assert_true (_fp_cache_end_bulk_load (cache, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_txn_indexes (cache), ==, 2);
  g_assert_true (_fp_cache_end_bulk_load (cache, &error));
  assert_cache_equals_model (cache, model);

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

static void
copy_file (const char *from_dir,
           const char *to_dir,
           const char *name)
{
  g_autofree char *from = g_build_filename (from_dir, name, NULL);
  g_autofree char *to = g_build_filename (to_dir, name, NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (to, contents, (gssize) len, NULL));
}

/* What a crash can leave: a WAL with committed pages and no WAL index
 * (-shm), or one whose header is garbage. The open must go through and
 * find every committed row. */
static void
test_open_after_crash_wal (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autofree char *copy = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(FpCache) reopened = NULL;
  g_autoptr(GHashTable) model = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, row_free);
  g_autoptr(GPtrArray) rows = rows_range (0, 300, 0);
  g_autofree char *wal = g_build_filename (dir, "cache.db-wal", NULL);
  g_autofree char *shm = g_build_filename (copy, "cache.db-shm", NULL);

  apply_rows (cache, rows, FP_TXN_CREATED, "w1");
  model_put_range (model, 0, 300, 0);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  copy_file (dir, copy, "cache.db");
  copy_file (dir, copy, "cache.db-wal");
  copy_file (dir, copy, "cache.keycheck");
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  reopened = open_cache (copy);
  assert_cache_equals_model (reopened, model);
  g_clear_object (&reopened);

  /* A -shm whose header is garbage: the index needs recovery. */
  fp_test_rm_rf (copy);
  g_free (copy);
  copy = fp_test_make_tmpdir ();
  g_free (shm);
  shm = g_build_filename (copy, "cache.db-shm", NULL);
  copy_file (dir, copy, "cache.db");
  copy_file (dir, copy, "cache.db-wal");
  copy_file (dir, copy, "cache.keycheck");
  {
    g_autofree char *garbage = g_malloc0 (32768);

    memset (garbage, 0x5a, 136);
    g_assert_true (g_file_set_contents (shm, garbage, 32768, NULL));
  }
  reopened = open_cache (copy);
  assert_cache_equals_model (reopened, model);

  g_clear_object (&reopened);
  g_clear_object (&cache);
  fp_test_rm_rf (copy);
  fp_test_rm_rf (dir);
}

#define KILL_PAGES 40
#define KILL_PAGE_SIZE 250

/* The child: resume from the saved cursor and apply pages until done. */
static G_NORETURN void
sync_child (const char *dir)
{
  FpCache *cache = open_cache (dir);
  GError *error = NULL;
  char *cursor = fp_cache_get_cursor (cache, "transactions", &error);
  guint page = cursor != NULL ? (guint) g_ascii_strtoull (cursor + 1, NULL, 10) : 0;

  for (; page < KILL_PAGES; page++)
    {
      GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);
      char *name = g_strdup_printf ("p%u", page + 1);

      /* Each page also repeats the previous page's last rows, as a feed
       * resumed from an older cursor would. */
      for (guint i = page * KILL_PAGE_SIZE; i < (page + 1) * KILL_PAGE_SIZE; i++)
        g_ptr_array_add (rows, make_row (i, 0));
      if (page > 0)
        for (guint i = page * KILL_PAGE_SIZE - 10; i < page * KILL_PAGE_SIZE; i++)
          g_ptr_array_add (rows, make_row (i, 0));
      apply_rows (cache, rows, FP_TXN_CREATED, name);
      g_ptr_array_unref (rows);
      g_free (name);
    }
  _exit (0);
}

static void
check_consistent (const char *dir,
                  guint      *out_pages)
{
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(GHashTable) model = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, row_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = fp_cache_get_cursor (cache, "transactions", &error);
  guint pages = cursor != NULL ? (guint) g_ascii_strtoull (cursor + 1, NULL, 10) : 0;

  g_assert_no_error (error);
  for (guint i = 0; i < pages * KILL_PAGE_SIZE; i++)
    model_put (model, make_row (i, 0));
  /* Exactly the pages up to the cursor: no gap, no duplicate, rollups exact. */
  assert_cache_equals_model (cache, model);
  *out_pages = pages;
}

static void
test_apply_kill9 (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  guint pages = 0;
  guint kills = 0;

  for (guint round = 0; round < 20 && pages < KILL_PAGES; round++)
    {
      pid_t pid = fork ();
      int status = 0;

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        sync_child (dir);

      g_usleep (g_test_rand_int_range (500, 15000));
      if (kill (pid, SIGKILL) == 0)
        kills++;
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);

      check_consistent (dir, &pages);
      g_test_message ("round %u: %u pages applied", round, pages);
    }

  /* A last run without interruption completes the feed. */
  {
    pid_t pid = fork ();
    int status = 0;

    g_assert_cmpint (pid, >=, 0);
    if (pid == 0)
      sync_child (dir);
    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  }
  check_consistent (dir, &pages);
  g_assert_cmpuint (pages, ==, KILL_PAGES);
  g_test_message ("%u kills", kills);

  fp_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cache/sync/apply-idempotent", test_apply_idempotent);
  g_test_add_func ("/cache/sync/apply-atomic", test_apply_atomic);
  g_test_add_func ("/cache/sync/apply-kill9", test_apply_kill9);
  g_test_add_func ("/cache/sync/bulk-first-sync", test_bulk_first_sync);
  g_test_add_func ("/cache/sync/bulk-ends", test_bulk_ends);
  g_test_add_func ("/cache/sync/open-after-crash-wal", test_open_after_crash_wal);

  return g_test_run ();
}
