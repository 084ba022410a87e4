/* test-cache-counts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The counts kept with each page (txn_counts, fp-cache-txn-counts.c) and
 * declined rows. The counts under every kind of change, kill -9 and bulk
 * loads are compared with the rows in test-cache-sync.c.
 */

#include "config.h"

#include "fp-cache-private.h"
#include "fp-store.h"
#include "fp-store-test-util.h"

static const guint8 key_bytes[FP_CACHE_KEY_SIZE] = {
  0x31, 0x8e, 0x0b, 0xd2, 0x67, 0xfa, 0x3c, 0x85, 0x19, 0xa4, 0x5e, 0xc7, 0x02, 0xbb, 0x28, 0x7d,
  0xe6, 0x13, 0x8f, 0x44, 0xf9, 0x2c, 0xb1, 0x58, 0x0a, 0x97, 0x76, 0xcd, 0x30, 0xe1, 0x1e, 0x63,
};

static FpCache *
open_cache (const char *dir)
{
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(GError) error = NULL;
  FpCache *cache = fp_cache_open (dir, key, &error);

  g_assert_no_error (error);
  return cache;
}

/* Declined attempts are in no total but are rows the Activity list shows:
 * the counts kept per account include them, through updates that move a
 * row to another account or change its state, and deletions. */
static void
test_counts_declined (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(GError) error = NULL;
  FpTxnChange changes[] = {
    { .kind = FP_TXN_CREATED, .id = "d-1", .account_id = "acc-1", .day = 20190301,
      .amount_minor = -500, .currency = "USD", .mcc = 5411 },
    { .kind = FP_TXN_CREATED, .id = "d-2", .account_id = "acc-1", .day = 20190302,
      .amount_minor = -700, .currency = "USD", .mcc = 5411, .errors = "Insufficient Balance" },
    { .kind = FP_TXN_CREATED, .id = "d-3", .account_id = "acc-2", .day = 20190303,
      .amount_minor = -900, .currency = "USD", .mcc = 5411, .txn_state = FP_TXN_STATE_DECLINED },
  };
  FpTxnChange moved = changes[1];
  FpTxnChange gone[] = {
    { .kind = FP_TXN_DELETED, .id = "d-1" },
    { .kind = FP_TXN_DELETED, .id = "d-2" },
    { .kind = FP_TXN_DELETED, .id = "d-3" },
  };
  FpTxnFilter acc1 = { .account_id = "acc-1" };
  FpTxnFilter acc2 = { .account_id = "acc-2" };
  g_autoptr(GPtrArray) totals = NULL;
  guint64 n = 0;

  g_assert_true (fp_cache_apply_changes (cache, "transactions", changes, G_N_ELEMENTS (changes), "p1", &error));
  g_assert_no_error (error);
  g_assert_true (fp_cache_count_transactions (cache, NULL, &n, &error));
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (fp_cache_count_transactions (cache, &acc1, &n, &error));
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (fp_cache_count_transactions (cache, &acc2, &n, &error));
  g_assert_cmpuint (n, ==, 1);
  /* Only the booked one is in the rollups. */
  totals = fp_cache_list_monthly_totals (cache, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->len, ==, 1);
  g_assert_cmpint (((FpMonthlyTotal *) g_ptr_array_index (totals, 0))->count, ==, 1);

  /* The declined attempt moves to the other account and is booked. */
  moved.kind = FP_TXN_UPDATED;
  moved.account_id = "acc-2";
  moved.errors = NULL;
  g_assert_true (fp_cache_apply_changes (cache, "transactions", &moved, 1, "p2", &error));
  g_assert_no_error (error);
  g_assert_true (fp_cache_count_transactions (cache, &acc1, &n, &error));
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (fp_cache_count_transactions (cache, &acc2, &n, &error));
  g_assert_cmpuint (n, ==, 2);

  g_assert_true (fp_cache_apply_changes (cache, "transactions", gone, G_N_ELEMENTS (gone), "p3", &error));
  g_assert_no_error (error);
  g_assert_true (fp_cache_count_transactions (cache, NULL, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (fp_cache_count_transactions (cache, &acc2, &n, &error));
  g_assert_cmpuint (n, ==, 0);

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cache/counts/declined", test_counts_declined);

  return g_test_run ();
}
