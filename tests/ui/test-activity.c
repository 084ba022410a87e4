/* test-activity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Activity page's paged model and the store's pages, over an
 * ephemeral cache filled with a few thousand generated transactions
 * (activity-test-rows.c). Expected counts and orders are computed from
 * the generated rows themselves (sorting and filtering them in C), and
 * compared with both the model and the store. The page itself is in
 * test-activity-page.c.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "fp-activity-page.h"
#include "fp-cache-activity.h"
#include "fp-cache-annotations.h"
#include "fp-categories.h"
#include "fp-transaction-details.h"
#include "fp-transaction-row.h"
#include "fp-ui-test.h"

#include "activity-test-rows.h"

static guint64
store_count (FpCache           *cache,
             const FpTxnFilter *filter)
{
  g_autoptr(GError) error = NULL;
  guint64 count = 0;

  g_assert_true (fp_cache_count_transactions (cache, filter, &count, &error));
  g_assert_no_error (error);
  return count;
}

static char *
store_id_at (FpCache           *cache,
             const FpTxnFilter *filter,
             guint              offset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = fp_cache_list_transactions (cache, filter, offset, 1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  return g_strdup (((FpCachedTxn *) g_ptr_array_index (page, 0))->id);
}

/* Items at random positions (and both ends) are the rows expected there,
 * and the rows the store returns for that offset. */
static void
check_items (FpTransactionModel *model,
             FpCache            *cache,
             const FpTxnFilter  *filter,
             GPtrArray          *expected)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  g_assert_cmpuint (n, ==, expected->len);
  g_assert_cmpuint (n, ==, store_count (cache, filter));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));

  for (guint k = 0; k < 40 && n > 0; k++)
    {
      guint position = k == 0 ? 0 : k == 1 ? n - 1 : (guint) g_test_rand_int_range (0, (gint32) n);
      g_autoptr(FpTransaction) item = get_loaded_item (model, position);
      const FpCachedTxn *txn = fp_transaction_get_txn (item);
      const Row *want = g_ptr_array_index (expected, position);
      g_autofree char *store_id = store_id_at (cache, filter, position);

      g_assert_nonnull (txn);
      g_assert_cmpuint (fp_transaction_get_position (item), ==, position);
      g_assert_cmpstr (txn->id, ==, want->id);
      g_assert_cmpstr (txn->id, ==, store_id);
      g_assert_cmpstr (txn->merchant, ==, want->change.merchant);
      g_assert_cmpint (txn->amount_minor, ==, want->change.amount_minor);
      g_assert_cmpint (txn->day, ==, want->change.day);
      g_assert_cmpuint (fp_transaction_model_get_n_pages (model), <=, FP_TRANSACTION_MODEL_MAX_PAGES);
    }
}

static void
test_model_matches_store (void)
{
  FpCache *cache = new_cache (N_ROWS);
  FpTransactionModel *model = fp_transaction_model_new (cache);
  g_autoptr(GPtrArray) all = expected_rows (NULL);
  g_autoptr(FpTransaction) first = NULL;
  g_autoptr(FpTransaction) again = NULL;

  g_assert_true (fp_transaction_model_get_loading (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  wait_counted (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == FP_TYPE_TRANSACTION);

  check_items (model, cache, NULL, all);

  /* An item asked for twice while its page is held is the same object. */
  first = get_loaded_item (model, 5);
  again = g_list_model_get_item (G_LIST_MODEL (model), 5);
  g_assert_true (first == again);

  /* Every page read from the cache, scrolling down (each page seeks from
   * the one above), then up from the bottom (each seeks from the one
   * below): the rows are still those expected, and few pages are kept. */
  fp_transaction_model_reload (model);
  wait_counted (model);
  for (guint position = 0; position < N_ROWS; position += FP_TRANSACTION_MODEL_PAGE_SIZE / 2)
    {
      g_autoptr(FpTransaction) item = get_loaded_item (model, position);

      g_assert_cmpstr (fp_transaction_get_txn (item)->id, ==, ((Row *) g_ptr_array_index (all, position))->id);
    }
  g_assert_cmpuint (fp_transaction_model_get_n_pages (model), <=, FP_TRANSACTION_MODEL_MAX_PAGES);

  fp_transaction_model_reload (model);
  wait_counted (model);
  for (guint position = N_ROWS; position-- > 0;)
    {
      g_autoptr(FpTransaction) item = get_loaded_item (model, position);

      g_assert_cmpstr (fp_transaction_get_txn (item)->id, ==, ((Row *) g_ptr_array_index (all, position))->id);
      position -= MIN (position, 37u);
    }
  g_assert_cmpuint (fp_transaction_model_get_n_pages (model), <=, FP_TRANSACTION_MODEL_MAX_PAGES);

  g_assert_finalize_object (model);
  g_assert_finalize_object (cache);
}

static void
test_filters_change_count (void)
{
  FpCache *cache = new_cache (N_ROWS);
  FpTransactionModel *model = fp_transaction_model_new (cache);
  const FpTxnFilter filters[] = {
    { .account_id = "acc_2" },
    { .category = "groceries" },
    { .day_from = 20190301, .day_to = 20190331 },
    { .use_amount_min = TRUE, .amount_min = 0 },
    { .use_amount_min = TRUE, .amount_min = -5000, .use_amount_max = TRUE, .amount_max = -1000 },
    { .merchant = "mart" },
    { .merchant = "BAKERY", .account_id = "acc_1", .day_from = 20190601 },
    { .category = "travel", .use_amount_max = TRUE, .amount_max = -20000 },
    { .merchant = "no such merchant" },
  };

  wait_counted (model);

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GPtrArray) expected = expected_rows (&filters[i]);

      g_test_message ("filter %u: %u rows expected", i, expected->len);
      fp_transaction_model_set_filter (model, &filters[i]);
      g_assert_true (fp_transaction_model_get_loading (model));
      wait_counted (model);
      check_items (model, cache, &filters[i], expected);

      /* The filter is copied, and reads back. */
      g_assert_cmpint (fp_transaction_model_get_filter (model)->day_from, ==, filters[i].day_from);
    }

  /* The last filter matched nothing; no filter lists all again. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  fp_transaction_model_set_filter (model, NULL);
  wait_counted (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS);

  g_assert_finalize_object (model);
  g_assert_finalize_object (cache);
}

/* The store's keyset pages (fp-cache-activity.c) against the offsets of
 * fp_cache_list_transactions() and the expected order, for every filter
 * kind: after a row with and without a skip, and before a row. */
static void
test_keyset_pages_match_offsets (void)
{
  FpCache *cache = new_cache (N_ROWS);
  const FpTxnFilter filters[] = {
    { 0 },
    { .account_id = "acc_3" },
    { .merchant = "mart", .day_to = 20191130 },
    { .category = "dining", .use_amount_max = TRUE, .amount_max = -500 },
  };

  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    {
      g_autoptr(GPtrArray) expected = expected_rows (&filters[f]);

      for (guint k = 0; k < 30; k++)
        {
          guint at = (guint) g_test_rand_int_range (0, (gint32) expected->len);
          guint skip = (guint) g_test_rand_int_range (0, 50);
          guint limit = (guint) g_test_rand_int_range (1, 120);
          const Row *row = g_ptr_array_index (expected, at);
          FpTxnKey key = { row->change.day, row->change.minute, row->change.id };
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) after = fp_cache_list_transactions_after (cache, &filters[f], &key, skip, limit, &error);
          g_autoptr(GPtrArray) offset = NULL;
          g_autoptr(GPtrArray) before = NULL;
          guint want_after = at + 1 + skip < expected->len ? MIN (limit, expected->len - at - 1 - skip) : 0;

          g_assert_no_error (error);
          offset = fp_cache_list_transactions (cache, &filters[f], at + 1 + skip, limit, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (after->len, ==, want_after);
          g_assert_cmpuint (offset->len, ==, want_after);
          for (guint i = 0; i < after->len; i++)
            {
              const char *id = ((FpCachedTxn *) g_ptr_array_index (after, i))->id;

              g_assert_cmpstr (id, ==, ((Row *) g_ptr_array_index (expected, at + 1 + skip + i))->id);
              g_assert_cmpstr (id, ==, ((FpCachedTxn *) g_ptr_array_index (offset, i))->id);
            }

          before = fp_cache_list_transactions_before (cache, &filters[f], &key, limit, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (before->len, ==, MIN (limit, at));
          for (guint i = 0; i < before->len; i++)
            g_assert_cmpstr (((FpCachedTxn *) g_ptr_array_index (before, i))->id, ==,
                             ((Row *) g_ptr_array_index (expected, at - before->len + i))->id);
        }
    }

  g_assert_finalize_object (cache);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  fp_ui_test_init (&argc, &argv);
  activity_rows_setup ();

  g_test_add_func ("/activity/model-matches-store", test_model_matches_store);
  g_test_add_func ("/activity/filters-change-count", test_filters_change_count);
  g_test_add_func ("/activity/keyset-pages-match-offsets", test_keyset_pages_match_offsets);

  status = g_test_run ();

  activity_rows_teardown ();
  return status;
}
