/* test-cache-insights.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The insights engine's input as loaded from the cache: what was applied
 * comes back (counts, sums per account, flags, interning), and the day
 * conversion is checked against GDate at month, year and leap boundaries.
 */

#include "config.h"

#include "fp-store.h"
#include "fp-cache-insights.h"
#include "fp-store-test-util.h"

static const guint8 key_bytes[FP_CACHE_KEY_SIZE] = {
  0x11, 0xd4, 0x87, 0x3a, 0xed, 0x50, 0x03, 0xb6, 0x69, 0x1c, 0xcf, 0x82, 0x35, 0xe8, 0x9b, 0x4e,
  0x01, 0xb4, 0x67, 0x1a, 0xcd, 0x80, 0x33, 0xe6, 0x99, 0x4c, 0xff, 0xb2, 0x65, 0x18, 0xcb, 0x7f,
};

/* Days since 1970-01-01 by GDate, an independent implementation. */
static gint32
gdate_days (int y, int m, int d)
{
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_dmy (&a, 1, G_DATE_JANUARY, 1970);
  g_date_set_dmy (&b, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_days_between (&a, &b);
}

static void
test_day_conversion (void)
{
  static const int dates[][3] = {
    { 1970, 1, 1 }, { 1999, 12, 31 }, { 2000, 1, 1 }, { 2000, 2, 28 }, { 2000, 2, 29 },
    { 2000, 3, 1 }, { 1900, 2, 28 }, { 1900, 3, 1 }, { 2019, 2, 28 }, { 2019, 3, 1 },
    { 2020, 2, 29 }, { 2020, 3, 1 }, { 2020, 12, 31 }, { 2021, 1, 1 }, { 2024, 2, 29 },
    { 2100, 2, 28 }, { 2100, 3, 1 }, { 2026, 11, 22 }, { 2019, 1, 31 }, { 2019, 2, 1 },
  };

  g_assert_cmpint (fp_cache_day_from_yyyymmdd (19700101), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      gint32 ymd = dates[i][0] * 10000 + dates[i][1] * 100 + dates[i][2];
      gint32 expected = gdate_days (dates[i][0], dates[i][1], dates[i][2]);

      g_assert_cmpint (fp_cache_day_from_yyyymmdd (ymd), ==, expected);
      g_assert_cmpint (fp_cache_day_to_yyyymmdd (expected), ==, ymd);
      /* The day before is the previous calendar day, also across months. */
      g_assert_cmpint (fp_cache_day_from_yyyymmdd (ymd) - 1, ==, expected - 1);
    }

  /* Every day of 1999..2001 round-trips against GDate. */
  {
    GDate d;

    g_date_clear (&d, 1);
    g_date_set_dmy (&d, 1, G_DATE_JANUARY, 1999);
    for (int i = 0; i < 3 * 366; i++, g_date_add_days (&d, 1))
      {
        gint32 ymd = g_date_get_year (&d) * 10000 + g_date_get_month (&d) * 100 + g_date_get_day (&d);

        g_assert_cmpint (fp_cache_day_from_yyyymmdd (ymd), ==, gdate_days (g_date_get_year (&d),
                                                                         g_date_get_month (&d),
                                                                         g_date_get_day (&d)));
        g_assert_cmpint (fp_cache_day_to_yyyymmdd (fp_cache_day_from_yyyymmdd (ymd)), ==, ymd);
      }
  }
}

static FpCache *
new_cache (char **out_dir)
{
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(GError) error = NULL;
  FpCache *cache;

  *out_dir = fp_test_make_tmpdir ();
  cache = fp_cache_open (*out_dir, key, &error);
  g_assert_no_error (error);
  return cache;
}

static void
test_empty (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(FpCache) cache = new_cache (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpInsightsInput) input = fp_cache_load_insights_input (cache, 0, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (input);
  g_assert_cmpuint (input->txns->len, ==, 0);
  g_assert_cmpuint (input->accounts->len, ==, 0);
  g_assert_null (input->currency);
  g_assert_cmpint (input->today, ==, G_MININT32);

  g_clear_pointer (&input, fp_insights_input_free);
  input = fp_cache_load_insights_input (cache, 0, 20200301, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (input->today, ==, gdate_days (2020, 3, 1));

  fp_cache_close (cache);
  fp_test_rm_rf (dir);
}

#define N_ROWS 3000

static void
test_load (void)
{
  static const char * const accounts[] = { "acc_1", "acc_2", "acc_3" };
  static const char * const merchants[] = { "mer_1", "mer_2", "Salary ACME", "Rent Oak St", NULL };
  static const char * const channels[] = { "chip", "online", "swipe", NULL };
  /* Around the ends of months, years and 29 February 2020. */
  static const gint32 days[] = { 20191231, 20200101, 20200131, 20200201, 20200228, 20200229,
                                 20200301, 20201231, 20210101, 20210228, 20210301 };
  g_autofree char *dir = NULL;
  g_autoptr(FpCache) cache = new_cache (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpInsightsInput) input = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  FpTxnChange *rows = g_new0 (FpTxnChange, N_ROWS);
  gint64 expected_sum[G_N_ELEMENTS (accounts)] = { 0 };
  guint expected_count[G_N_ELEMENTS (accounts)] = { 0 };
  guint expected_fraud = 0, expected_online = 0, expected_income = 0, expected_in_range = 0;
  gint64 expected_range_sum = 0;
  guint n_eur = 0;
  gint64 sum_by_account[G_N_ELEMENTS (accounts)] = { 0 };
  guint count_by_account[G_N_ELEMENTS (accounts)] = { 0 };
  guint fraud = 0, online = 0, income = 0;
  gint64 range_sum = 0;

  for (guint i = 0; i < N_ROWS; i++)
    {
      guint a = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (accounts));
      guint m = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (merchants));
      gboolean eur = g_rand_int_range (rand, 0, 40) == 0;
      char *id = g_strdup_printf ("tx_%u", i);

      g_ptr_array_add (ids, id);
      rows[i] = (FpTxnChange) {
        .kind = FP_TXN_CREATED,
        .id = id,
        .account_id = accounts[a],
        .day = days[g_rand_int_range (rand, 0, G_N_ELEMENTS (days))],
        .minute = g_rand_int_range (rand, 0, 1440),
        .amount_minor = g_rand_int_range (rand, -50000, 20000),
        .currency = eur ? "EUR" : "USD",
        .mcc = m < 2 ? 5411 : 0,
        .merchant = merchants[m],
        .use_chip = channels[g_rand_int_range (rand, 0, G_N_ELEMENTS (channels))],
        .is_fraud = g_rand_int_range (rand, 0, 30) == 0,
        .category = m == 2 ? "salary" : m == 3 ? "rent" : "card",
      };
      if (eur)
        {
          n_eur++;
          continue;
        }
      expected_sum[a] += rows[i].amount_minor;
      expected_count[a]++;
      expected_fraud += rows[i].is_fraud;
      expected_online += g_strcmp0 (rows[i].use_chip, "online") == 0;
      expected_income += m == 2;
      if (rows[i].day >= 20200201 && rows[i].day <= 20200301)
        {
          expected_in_range++;
          expected_range_sum += rows[i].amount_minor;
        }
    }
  g_assert_cmpuint (n_eur, >, 0);

  /* Applied in pages, with one deletion and one update at the end. */
  for (guint start = 0; start < N_ROWS; start += 1000)
    {
      g_assert_true (fp_cache_apply_changes (cache, "transactions", rows + start, 1000, "c", &error));
      g_assert_no_error (error);
    }

  input = fp_cache_load_insights_input (cache, 0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (input->currency, ==, "USD");
  g_assert_cmpuint (input->txns->len, ==, N_ROWS - n_eur);
  g_assert_cmpuint (input->account_ids->len, ==, G_N_ELEMENTS (accounts));
  g_assert_cmpuint (input->accounts->len, ==, G_N_ELEMENTS (accounts));
  g_assert_cmpuint (input->merchants->len, ==, G_N_ELEMENTS (merchants) - 1);
  g_assert_cmpint (input->first_day, ==, gdate_days (2019, 12, 31));
  g_assert_cmpint (input->last_day, ==, gdate_days (2021, 3, 1));
  g_assert_cmpint (input->today, ==, input->last_day);

  for (guint i = 0; i < input->txns->len; i++)
    {
      const FpTxn *t = &g_array_index (input->txns, FpTxn, i);
      const FpTxnChange *row;
      const char *account;
      gint32 ymd;
      guint a;

      g_assert_cmpuint (t->account_id, >=, 1);
      g_assert_cmpuint (t->account_id, <=, input->account_ids->len);
      account = g_ptr_array_index (input->account_ids, t->account_id - 1);
      for (a = 0; a < G_N_ELEMENTS (accounts); a++)
        if (g_str_equal (accounts[a], account))
          break;
      g_assert_cmpuint (a, <, G_N_ELEMENTS (accounts));
      sum_by_account[a] += t->amount_minor;
      count_by_account[a]++;
      fraud += (t->flags & FP_TXN_FRAUD) != 0;
      online += (t->flags & FP_TXN_ONLINE) != 0;
      income += (t->flags & FP_TXN_INCOME_HINT) != 0;

      /* The row itself: txn_id is the rowid, applied in order from 1. */
      g_assert_cmpint (t->id, >=, 1);
      g_assert_cmpint (t->id, <=, N_ROWS);
      row = &rows[t->id - 1];
      g_assert_cmpint (t->amount_minor, ==, row->amount_minor);
      g_assert_cmpint (t->minute_of_day, ==, row->minute);
      ymd = fp_cache_day_to_yyyymmdd (t->day);
      g_assert_cmpint (ymd, ==, row->day);
      g_assert_cmpint (t->day, ==, gdate_days (row->day / 10000, row->day / 100 % 100, row->day % 100));
      if (row->merchant == NULL)
        g_assert_cmpuint (t->merchant_id, ==, 0);
      else
        g_assert_cmpstr (fp_insights_input_merchant_name (t->merchant_id, input), ==, row->merchant);
      if (g_strcmp0 (row->category, "rent") == 0)
        g_assert_cmpuint (t->mcc, ==, 6513);
      else
        g_assert_cmpuint (t->mcc, ==, (guint) row->mcc);
    }

  for (guint a = 0; a < G_N_ELEMENTS (accounts); a++)
    {
      gint32 index = fp_insights_input_find_account (input, accounts[a]);
      const FpAccountSnapshot *snap;

      g_assert_cmpint (index, >=, 0);
      snap = &g_array_index (input->accounts, FpAccountSnapshot, index);
      g_assert_cmpuint (snap->account_id, ==, (guint) index + 1);
      g_assert_cmpint (snap->balance_minor, ==, expected_sum[a]);
      g_assert_cmpint (sum_by_account[a], ==, expected_sum[a]);
      g_assert_cmpuint (count_by_account[a], ==, expected_count[a]);
    }
  g_assert_cmpint (fp_insights_input_find_account (input, "acc_9"), ==, -1);
  g_assert_cmpuint (fraud, ==, expected_fraud);
  g_assert_cmpuint (online, ==, expected_online);
  g_assert_cmpuint (income, ==, expected_income);

  /* A range: February 2020 to 1 March 2020 inclusive; today is its end. */
  g_clear_pointer (&input, fp_insights_input_free);
  input = fp_cache_load_insights_input (cache, 20200201, 20200301, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (input->txns->len, ==, expected_in_range);
  g_assert_cmpint (input->today, ==, gdate_days (2020, 3, 1));
  for (guint i = 0; i < input->txns->len; i++)
    range_sum += g_array_index (input->txns, FpTxn, i).amount_minor;
  g_assert_cmpint (range_sum, ==, expected_range_sum);

  /* A cancelled load fails with G_IO_ERROR_CANCELLED (checked per 65536
   * rows: with 3000 rows the load finishes, which is also fine). */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(FpInsightsInput) again = NULL;

    g_cancellable_cancel (cancellable);
    again = fp_cache_load_insights_input (cache, 0, 0, cancellable, &error);
    g_assert_true (again != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
    g_clear_error (&error);
  }

  g_free (rows);
  fp_cache_close (cache);
  fp_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cache-insights/day-conversion", test_day_conversion);
  g_test_add_func ("/cache-insights/empty", test_empty);
  g_test_add_func ("/cache-insights/load", test_load);

  return g_test_run ();
}
