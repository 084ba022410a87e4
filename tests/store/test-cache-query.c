/* test-cache-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the UI and the insights read: paged and filtered transactions,
 * catalogues, derived data, the outbox, and the export of everything.
 * Expected pages are computed in the test by filtering and sorting an
 * array, independently of SQL.
 */

#include "config.h"

#include "fp-cache-private.h"
#include "fp-store.h"
#include "fp-store-test-util.h"

static const guint8 key_bytes[FP_CACHE_KEY_SIZE] = {
  0x21, 0xd4, 0x87, 0x3a, 0xed, 0x50, 0x03, 0xb6, 0x69, 0x1c, 0xcf, 0x82, 0x35, 0xe8, 0x9b, 0x4e,
  0x01, 0xb4, 0x67, 0x1a, 0xcd, 0x80, 0x33, 0xe6, 0x99, 0x4c, 0xff, 0xb2, 0x65, 0x18, 0xcb, 0x7e,
};

static const char * const merchants[] = {
  "Merchant 1", "Merchant 10", "Merchant 2", "merchant 19", "Café 100% Pure",
  "cat_1 store", "ZEBRA Shop", "Big Box", NULL,
};
static const char * const categories[] = { "groceries", "transport", NULL, "dining" };
static const char * const accounts[] = { "acc-a", "acc-b", "acc-c" };

#define N_ROWS 1500

static FpTxnChange rows[N_ROWS];
static char *ids[N_ROWS];

static void
make_rows (void)
{
  GRand *rand = g_rand_new_with_seed (20190315);

  for (guint i = 0; i < N_ROWS; i++)
    {
      /* Few distinct days and minutes, so that ties on (day, minute) are
       * common and the id decides. */
      ids[i] = g_strdup_printf ("tx-%u", (guint) g_rand_int_range (rand, 0, 100000) * 10000u + i);
      rows[i] = (FpTxnChange) {
        .kind = FP_TXN_CREATED,
        .id = ids[i],
        .account_id = accounts[g_rand_int_range (rand, 0, G_N_ELEMENTS (accounts))],
        .day = 20190100 + g_rand_int_range (rand, 1, 29) + 100 * g_rand_int_range (rand, 0, 4),
        .minute = g_rand_int_range (rand, 0, 3) * 60,
        .amount_minor = g_rand_int_range (rand, -2000, 20000),
        .currency = "USD",
        .mcc = 5000 + g_rand_int_range (rand, 0, 900),
        .merchant = merchants[g_rand_int_range (rand, 0, G_N_ELEMENTS (merchants))],
        .city = "Springfield",
        .category = categories[g_rand_int_range (rand, 0, G_N_ELEMENTS (categories))],
        .is_fraud = g_rand_int_range (rand, 0, 50) == 0,
      };
    }
  g_rand_free (rand);
}

static FpCache *
open_filled_cache (const char *dir)
{
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(GError) error = NULL;
  FpCache *cache = fp_cache_open (dir, key, &error);

  g_assert_no_error (error);
  for (guint start = 0; start < N_ROWS; start += 500)
    {
      g_assert_true (fp_cache_apply_changes (cache, "transactions", rows + start,
                                             MIN (500, N_ROWS - start), "c", &error));
      g_assert_no_error (error);
    }
  /* What the sync engine does at the end of the feed: the first pages went
   * into an empty table without the secondary indexes. */
  g_assert_true (_fp_cache_end_bulk_load (cache, &error));
  g_assert_no_error (error);
  return cache;
}

static gboolean
contains_ascii_nocase (const char *haystack,
                       const char *needle)
{
  g_autofree char *h = NULL;
  g_autofree char *n = NULL;

  if (haystack == NULL)
    return FALSE;
  h = g_ascii_strdown (haystack, -1);
  n = g_ascii_strdown (needle, -1);
  return strstr (h, n) != NULL;
}

static gboolean
matches (const FpTxnChange *row,
         const FpTxnFilter *f)
{
  if (f->account_id != NULL && strcmp (row->account_id, f->account_id) != 0)
    return FALSE;
  /* The category the list shows: the one of the merchant code, else the
   * bank's code (no customer's category in these rows). */
  if (f->category != NULL &&
      g_strcmp0 (fp_category_get_id (fp_category_for_transaction (row->category, (guint) MAX (row->mcc, 0))),
                 f->category) != 0)
    return FALSE;
  if (f->day_from > 0 && row->day < f->day_from)
    return FALSE;
  if (f->day_to > 0 && row->day > f->day_to)
    return FALSE;
  if (f->use_amount_min && row->amount_minor < f->amount_min)
    return FALSE;
  if (f->use_amount_max && row->amount_minor > f->amount_max)
    return FALSE;
  if (f->merchant != NULL && !contains_ascii_nocase (row->merchant, f->merchant))
    return FALSE;
  return TRUE;
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const FpTxnChange *x = *(const FpTxnChange * const *) a;
  const FpTxnChange *y = *(const FpTxnChange * const *) b;

  if (x->day != y->day)
    return x->day > y->day ? -1 : 1;
  if (x->minute != y->minute)
    return x->minute > y->minute ? -1 : 1;
  return strcmp (x->id, y->id);
}

static void
check_filter (FpCache           *cache,
              const FpTxnFilter *filter,
              guint              page_size)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint64 count = 0;
  guint seen = 0;

  for (guint i = 0; i < N_ROWS; i++)
    if (matches (&rows[i], filter))
      g_ptr_array_add (expected, &rows[i]);
  g_ptr_array_sort (expected, newest_first);

  g_assert_true (fp_cache_count_transactions (cache, filter, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, expected->len);

  for (guint offset = 0; ; offset += page_size)
    {
      g_autoptr(GPtrArray) page = fp_cache_list_transactions (cache, filter, offset, page_size, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, page_size);
      for (guint i = 0; i < page->len; i++)
        {
          const FpCachedTxn *got = g_ptr_array_index (page, i);
          const FpTxnChange *want = g_ptr_array_index (expected, seen + i);

          g_assert_cmpstr (got->id, ==, want->id);
          g_assert_cmpstr (got->account_id, ==, want->account_id);
          g_assert_cmpint (got->day, ==, want->day);
          g_assert_cmpint (got->minute, ==, want->minute);
          g_assert_cmpint (got->amount_minor, ==, want->amount_minor);
          g_assert_cmpstr (got->currency, ==, want->currency);
          g_assert_cmpint (got->mcc, ==, want->mcc);
          g_assert_cmpstr (got->merchant, ==, want->merchant);
          g_assert_cmpstr (got->city, ==, want->city);
          g_assert_null (got->zip);
          g_assert_cmpstr (got->category, ==, want->category);
          g_assert_cmpint (got->is_fraud, ==, want->is_fraud);
        }
      seen += page->len;
      if (page->len < page_size)
        break;
    }
  g_assert_cmpuint (seen, ==, expected->len);
}

static void
test_paging_and_filters (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_filled_cache (dir);
  const FpTxnFilter filters[] = {
    { 0 },
    { .account_id = "acc-b" },
    { .category = "groceries" },
    { .day_from = 20190210, .day_to = 20190305 },
    { .use_amount_min = TRUE, .amount_min = 0, .use_amount_max = TRUE, .amount_max = 5000 },
    { .use_amount_max = TRUE, .amount_max = -1 },
    { .merchant = "merchant 1" },
    { .merchant = "ZEBRA" },
    { .merchant = "100%" },
    { .merchant = "t_1" },
    { .merchant = "no such merchant" },
    { .account_id = "acc-a", .category = "dining", .day_from = 20190115,
      .use_amount_min = TRUE, .amount_min = 100, .merchant = "m" },
    { .account_id = "acc-zzz" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_test_message ("filter %u", i);
      check_filter (cache, &filters[i], 97);
    }
  check_filter (cache, &filters[0], 1);
  check_filter (cache, &filters[0], 5000);

  /* "t_1" is a literal, not a LIKE pattern: only "cat_1 store". */
  {
    FpTxnFilter f = { .merchant = "t_1" };
    g_autoptr(GPtrArray) page = fp_cache_list_transactions (cache, &f, 0, 10, NULL);

    g_assert_cmpuint (page->len, >, 0);
    for (guint i = 0; i < page->len; i++)
      g_assert_cmpstr (((FpCachedTxn *) g_ptr_array_index (page, i))->merchant, ==, "cat_1 store");
  }

  /* Beyond the end: an empty page, not an error. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) page = fp_cache_list_transactions (cache, NULL, N_ROWS + 10, 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (page->len, ==, 0);
  }

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

static char *
plan (FpCache           *cache,
      const FpTxnFilter *filter)
{
  g_autofree char *sql = _fp_cache_list_sql (filter);
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_fp_cache_get_db (cache), explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  g_test_message ("%s", out->str);
  return g_string_free (out, FALSE);
}

static void
test_paging_plan (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_filled_cache (dir);
  FpTxnFilter all = { 0 };
  FpTxnFilter account = { .account_id = "acc-a" };
  g_autofree char *all_plan = NULL;
  g_autofree char *account_plan = NULL;

  /* The page is found on a covering index, in index order (no sort of
   * all rows before the subquery is done); only the page's rows are then
   * looked up by rowid and sorted. */
  all_plan = plan (cache, &all);
  g_assert_true (g_str_has_prefix (all_plan,
                                   "SCAN TABLE transactions USING COVERING INDEX transactions_by_day\n"
                                   "SCAN SUBQUERY 1 AS page\n"
                                   "SEARCH TABLE transactions USING INTEGER PRIMARY KEY (rowid=?)\n"));
  account_plan = plan (cache, &account);
  g_assert_true (g_str_has_prefix (account_plan,
                                   "SEARCH TABLE transactions USING COVERING INDEX transactions_by_account (account_id=?)\n"
                                   "SCAN SUBQUERY 1 AS page\n"
                                   "SEARCH TABLE transactions USING INTEGER PRIMARY KEY (rowid=?)\n"));

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

static void
test_catalogue (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = fp_cache_open (dir, key, &error);
  const char *ids3[] = { "b", "a", "c" };
  const char *jsons3[] = { "{\"id\":\"b\"}", "{\"id\":\"a\"}", "{\"id\":\"c\"}" };
  const char *card_ids[] = { "card-1", "card-2" };
  const char *card_ok[] = { "{\"last4\":\"1111\",\"expiry\":\"2027-12\"}", "{\"last4\":\"4242\"}" };
  const char *card_bad[] = { "{\"last4\":\"1111\"}", "{\"pan\":\"4111 1111 1111 1111\"}" };
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *item = NULL;

  g_assert_no_error (error);
  g_assert_true (fp_cache_replace_catalogue (cache, FP_CACHE_ACCOUNTS, ids3, jsons3, 3, "\"v1\"", &error));
  g_assert_no_error (error);
  items = fp_cache_list_catalogue (cache, FP_CACHE_ACCOUNTS, &error);
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (items, 0), ==, "{\"id\":\"a\"}");
  g_assert_cmpstr (g_ptr_array_index (items, 2), ==, "{\"id\":\"c\"}");
  g_clear_pointer (&items, g_ptr_array_unref);
  etag = fp_cache_get_etag (cache, fp_cache_catalogue_to_resource (FP_CACHE_ACCOUNTS), &error);
  g_assert_cmpstr (etag, ==, "\"v1\"");
  g_clear_pointer (&etag, g_free);

  /* Replacing drops what the bank no longer lists. */
  g_assert_true (fp_cache_replace_catalogue (cache, FP_CACHE_ACCOUNTS, ids3, jsons3, 1, "\"v2\"", &error));
  items = fp_cache_list_catalogue (cache, FP_CACHE_ACCOUNTS, &error);
  g_assert_cmpuint (items->len, ==, 1);
  g_clear_pointer (&items, g_ptr_array_unref);
  etag = fp_cache_get_etag (cache, "accounts", &error);
  g_assert_cmpstr (etag, ==, "\"v2\"");

  g_assert_true (fp_cache_upsert_catalogue_item (cache, FP_CACHE_BALANCES, "b", "{\"amount\":1}", &error));
  g_assert_true (fp_cache_upsert_catalogue_item (cache, FP_CACHE_BALANCES, "b", "{\"amount\":2}", &error));
  item = fp_cache_get_catalogue_item (cache, FP_CACHE_BALANCES, "b", &error);
  g_assert_cmpstr (item, ==, "{\"amount\":2}");
  g_clear_pointer (&item, g_free);
  item = fp_cache_get_catalogue_item (cache, FP_CACHE_BALANCES, "nope", &error);
  g_assert_no_error (error);
  g_assert_null (item);

  /* Cards: last four digits only; a full number refuses the whole set. */
  g_assert_true (fp_cache_replace_catalogue (cache, FP_CACHE_CARDS, card_ids, card_ok, 2, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (fp_cache_replace_catalogue (cache, FP_CACHE_CARDS, card_ids, card_bad, 2, NULL, &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (fp_cache_upsert_catalogue_item (cache, FP_CACHE_CARDS, "card-3", "{\"number\":\"4111111111111111\"}", &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  items = fp_cache_list_catalogue (cache, FP_CACHE_CARDS, &error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (items, 0), ==, card_ok[0]);

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

static void
test_derived (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = fp_cache_open (dir, key, &error);
  g_autofree char *json = NULL;

  g_assert_true (fp_cache_put_derived (cache, FP_CACHE_INSIGHTS, "monthly", "{\"a\":1}", &error));
  g_assert_true (fp_cache_put_derived (cache, FP_CACHE_RANKINGS, "offers", "[1,2]", &error));
  g_assert_no_error (error);
  json = fp_cache_get_derived (cache, FP_CACHE_RANKINGS, "offers", &error);
  g_assert_cmpstr (json, ==, "[1,2]");
  g_clear_pointer (&json, g_free);

  g_assert_true (fp_cache_clear_derived (cache, &error));
  g_assert_no_error (error);
  json = fp_cache_get_derived (cache, FP_CACHE_RANKINGS, "offers", &error);
  g_assert_null (json);
  json = fp_cache_get_derived (cache, FP_CACHE_INSIGHTS, "monthly", &error);
  g_assert_null (json);
  g_assert_no_error (error);

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

static void
test_outbox (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = fp_cache_open (dir, key, &error);
  g_autoptr(GPtrArray) pending = NULL;
  gint64 first, second, third;

  first = fp_cache_outbox_enqueue (cache, "POST", "/consents", "{\"p\":1}", "key-1", &error);
  second = fp_cache_outbox_enqueue (cache, "POST", "/feedback", NULL, "key-2", &error);
  third = fp_cache_outbox_enqueue (cache, "DELETE", "/consents/c1", NULL, "key-3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, <, second);
  g_assert_cmpint (second, <, third);

  /* The same Idempotency-Key is never queued twice. */
  g_assert_cmpint (fp_cache_outbox_enqueue (cache, "POST", "/consents", NULL, "key-1", &error), ==, -1);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (fp_cache_outbox_mark (cache, second, FP_OUTBOX_PENDING, "HTTP 503", &error));
  g_assert_true (fp_cache_outbox_mark (cache, first, FP_OUTBOX_DELIVERED, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (fp_cache_outbox_mark (cache, 999999, FP_OUTBOX_DELIVERED, NULL, &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  pending = fp_cache_outbox_list_pending (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 2);
  {
    FpOutboxItem *a = g_ptr_array_index (pending, 0);
    FpOutboxItem *b = g_ptr_array_index (pending, 1);

    g_assert_cmpint (a->id, ==, second);
    g_assert_cmpstr (a->method, ==, "POST");
    g_assert_cmpstr (a->path, ==, "/feedback");
    g_assert_null (a->body);
    g_assert_cmpstr (a->idempotency_key, ==, "key-2");
    g_assert_cmpint (a->attempts, ==, 1);
    g_assert_cmpstr (a->last_error, ==, "HTTP 503");
    g_assert_cmpint (a->state, ==, FP_OUTBOX_PENDING);
    g_assert_cmpint (b->id, ==, third);
  }

  g_assert_true (fp_cache_append_consent_history (cache, "c1", "insights", "granted", 1700000000, "r1", &error));
  g_assert_true (fp_cache_append_consent_history (cache, "c1", "insights", "withdrawn", 1700000001, NULL, &error));
  g_assert_no_error (error);

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

typedef struct {
  GHashTable *rows_per_table;
  guint stop_after;
  guint seen;
  gboolean saw_merchant;
} ExportState;

static gboolean
export_row_cb (const char        *table,
               guint              n_columns,
               const char *const *names,
               const char *const *values,
               gpointer           user_data)
{
  ExportState *state = user_data;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (state->rows_per_table, table));

  g_hash_table_insert (state->rows_per_table, g_strdup (table), GUINT_TO_POINTER (count + 1));
  for (guint i = 0; i < n_columns; i++)
    if (g_str_equal (names[i], "merchant") && g_strcmp0 (values[i], "ZEBRA Shop") == 0)
      state->saw_merchant = TRUE;

  return ++state->seen != state->stop_after;
}

static void
test_export (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_filled_cache (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ExportState state = { counts, 0, 0, FALSE };
  static const char * const tables[] = {
    "accounts", "balances", "cards", "offers", "consents", "market_data", "models",
    "transactions", "sync_state", "consent_history", "outbox", "feedback", "scenarios",
    "manual_assets", "monthly_totals", "insights_cache", "derived_rankings", "holdings",
    "txn_counts", "txn_terms",
  };
  guint expected_rows = 0;

  g_assert_true (fp_cache_append_consent_history (cache, "c1", "insights", "granted", 1, NULL, &error));
  g_assert_cmpint (fp_cache_outbox_enqueue (cache, "POST", "/feedback", "{}", "k", &error), >, 0);

  g_assert_true (fp_cache_export (cache, export_row_cb, &state, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "transactions")), ==, N_ROWS);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "consent_history")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "outbox")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "sync_state")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "monthly_totals")), >, 0);
  g_assert_true (state.saw_merchant);
  /* Empty tables have no rows, but nothing unknown shows up. */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, counts);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_assert_true (g_strv_contains (tables, key));
  }
  expected_rows = state.seen;

  /* Stopping early cancels. */
  g_hash_table_remove_all (counts);
  state = (ExportState) { counts, 10, 0, FALSE };
  g_assert_false (fp_cache_export (cache, export_row_cb, &state, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.seen, ==, 10);
  g_assert_cmpuint (expected_rows, >, N_ROWS);

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  make_rows ();

  g_test_add_func ("/cache/query/paging-and-filters", test_paging_and_filters);
  g_test_add_func ("/cache/query/paging-plan", test_paging_plan);
  g_test_add_func ("/cache/data/catalogue", test_catalogue);
  g_test_add_func ("/cache/data/derived", test_derived);
  g_test_add_func ("/cache/data/outbox", test_outbox);
  g_test_add_func ("/cache/data/export", test_export);

  ret = g_test_run ();
  for (guint i = 0; i < N_ROWS; i++)
    g_free (ids[i]);
  return ret;
}
