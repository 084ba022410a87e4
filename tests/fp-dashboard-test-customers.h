/* fp-dashboard-test-customers.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three very different synthetic customers for the dashboard's tests,
 * written into a cache the way sync does (change feed and catalogues):
 * a saver, a customer in debt, and a new customer with one month of
 * history. Deterministic (fixed seed); "today" is 15 November 2026.
 */

#pragma once

#include <glib.h>

#include "fp-cache.h"
#include "fp-cache-insights.h"

typedef enum {
  FP_TEST_SAVER,
  FP_TEST_IN_DEBT,
  FP_TEST_NEW_CUSTOMER,
} FpTestCustomer;

#define FP_TEST_TODAY_YMD 20261115

typedef struct {
  GArray    *changes; /* FpTxnChange, strings in @strings */
  GPtrArray *strings;
  guint      n;
  GRand     *rand;
} FpTestFeed;

static inline void
fp_test_feed_add (FpTestFeed *feed,
                  const char *account,
                  gint32      day,
                  gint64      amount,
                  gint32      mcc,
                  const char *merchant,
                  const char *category,
                  gboolean    fraud)
{
  char *id = g_strdup_printf ("txn_%u", feed->n++);
  FpTxnChange c = {
    .kind = FP_TXN_CREATED,
    .id = id,
    .account_id = account,
    .day = fp_cache_day_to_yyyymmdd (day),
    .minute = 9 * 60 + (gint32) (feed->n % 600),
    .amount_minor = amount,
    .currency = "USD",
    .mcc = mcc,
    .merchant = merchant,
    .use_chip = mcc != 0 ? "chip" : "none",
    .is_fraud = fraud,
    .category = category,
  };

  g_ptr_array_add (feed->strings, id);
  g_array_append_val (feed->changes, c);
}

static inline void
fp_test_put_account (FpCache    *cache,
                     const char *id,
                     const char *kind,
                     const char *sub_type,
                     const char *nickname,
                     const char *balance,
                     const char *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *account = g_strdup_printf ("{\"accountId\": \"%s\", \"status\": \"Enabled\", \"currency\": \"USD\","
                                              " \"accountType\": \"Personal\", \"accountSubType\": \"%s\","
                                              " \"kind\": \"%s\", \"nickname\": \"%s\","
                                              " \"maskedIdentification\": \"****1234\","
                                              " \"openingBalance\": {\"amount\": \"0.00\", \"currency\": \"USD\"},"
                                              " \"transactionCount\": 0%s}",
                                              id, sub_type, kind, nickname, extra != NULL ? extra : "");
  g_autofree char *bal = g_strdup_printf ("{\"accountId\": \"%s\", \"balances\": [{\"type\": \"InterimBooked\","
                                          " \"creditDebitIndicator\": \"%s\", \"amount\": {\"amount\": \"%s\","
                                          " \"currency\": \"USD\"}, \"dateTime\": \"2026-11-15T00:00:00Z\"}]}",
                                          id, balance[0] == '-' ? "Debit" : "Credit", balance);

  g_assert_true (fp_cache_upsert_catalogue_item (cache, FP_CACHE_ACCOUNTS, id, account, &error));
  g_assert_no_error (error);
  g_assert_true (fp_cache_upsert_catalogue_item (cache, FP_CACHE_BALANCES, id, bal, &error));
  g_assert_no_error (error);
}

static inline gint32
fp_test_day (int y, int m, int d)
{
  return fp_cache_day_from_yyyymmdd (y * 10000 + m * 100 + d);
}

/* Adds the customer's history and accounts to @cache; returns the number
 * of transactions. */
static inline guint
fp_test_fill_customer (FpCache        *cache,
                       FpTestCustomer  customer)
{
  g_autoptr(GError) error = NULL;
  FpTestFeed feed = { 0 };
  gint32 today = fp_cache_day_from_yyyymmdd (FP_TEST_TODAY_YMD);
  gint32 first;

  feed.changes = g_array_new (FALSE, FALSE, sizeof (FpTxnChange));
  feed.strings = g_ptr_array_new_with_free_func (g_free);
  feed.rand = g_rand_new_with_seed (20261115 + customer);

  switch (customer)
    {
    case FP_TEST_SAVER:
      first = fp_test_day (2025, 5, 1);
      for (gint32 day = first; day <= today; day++)
        {
          gint32 ymd = fp_cache_day_to_yyyymmdd (day);
          int mday = ymd % 100;

          if (mday == 28)
            fp_test_feed_add (&feed, "acc_1", day, 520000, 0, "Salary Acme Corp", "salary", FALSE);
          if (mday == 1)
            fp_test_feed_add (&feed, "acc_1", day, -140000, 0, "Oak Street Rentals", "rent", FALSE);
          if (mday == 2)
            {
              fp_test_feed_add (&feed, "acc_1", day, -150000, 0, "To savings", "savings", FALSE);
              fp_test_feed_add (&feed, "acc_2", day, 150000, 0, "From current account", "savings", FALSE);
            }
          if (mday == 12)
            fp_test_feed_add (&feed, "acc_1", day, -(9000 + g_rand_int_range (feed.rand, 0, 4000)), 4900,
                              "City Power", "utilities", FALSE);
          if (mday == 15)
            fp_test_feed_add (&feed, "acc_1", day, -5999, 4814, "FastNet", "subscription", FALSE);
          if (mday == 5)
            fp_test_feed_add (&feed, "acc_1", day, -1599, 4899, "StreamFlix", "subscription", FALSE);
          if (day % 7 == 3)
            fp_test_feed_add (&feed, "acc_1", day, -(7000 + g_rand_int_range (feed.rand, 0, 3000)), 5411,
                              "Green Grocer", "card", FALSE);
          if (day % 14 == 6)
            fp_test_feed_add (&feed, "acc_1", day, -(3000 + g_rand_int_range (feed.rand, 0, 2500)), 5812,
                              "Luigi's Trattoria", "card", FALSE);
          if (day % 9 == 2)
            fp_test_feed_add (&feed, "acc_1", day, -(2000 + g_rand_int_range (feed.rand, 0, 1500)), 5541,
                              "Corner Fuel", "card", FALSE);
        }
      /* One payment the bank flagged as fraud, two days ago. */
      fp_test_feed_add (&feed, "acc_1", today - 2, -48999, 5732, "Electro Outlet", "card", TRUE);
      fp_test_put_account (cache, "acc_1", "current", "CurrentAccount", "Everyday Account", "8240.17", NULL);
      fp_test_put_account (cache, "acc_2", "savings", "Savings", "Rainy Day Savings", "42150.00",
                           ", \"interestRateBps\": 350");
      break;

    case FP_TEST_IN_DEBT:
      first = fp_test_day (2025, 5, 1);
      for (gint32 day = first; day <= today; day++)
        {
          gint32 ymd = fp_cache_day_to_yyyymmdd (day);
          int mday = ymd % 100;

          if (mday == 28)
            fp_test_feed_add (&feed, "acc_1", day, 280000, 0, "Salary Quick Mart", "salary", FALSE);
          if (mday == 1)
            fp_test_feed_add (&feed, "acc_1", day, -130000, 0, "Riverside Apartments", "rent", FALSE);
          if (mday == 3)
            {
              fp_test_feed_add (&feed, "acc_1", day, -45000, 0, "Loan payment", "loan_payment", FALSE);
              fp_test_feed_add (&feed, "acc_3", day, 45000, 0, "Loan payment", "loan_payment", FALSE);
            }
          if (mday == 20)
            {
              fp_test_feed_add (&feed, "acc_1", day, -30000, 0, "Card repayment", "card_repayment", FALSE);
              fp_test_feed_add (&feed, "acc_2", day, 30000, 0, "Card repayment", "card_repayment", FALSE);
            }
          if (mday == 12)
            fp_test_feed_add (&feed, "acc_1", day, -(11000 + g_rand_int_range (feed.rand, 0, 4000)), 4900,
                              "City Power", "utilities", FALSE);
          if (mday == 9)
            fp_test_feed_add (&feed, "acc_2", day, -1599, 4899, "StreamFlix", "subscription", FALSE);
          if (mday == 9)
            fp_test_feed_add (&feed, "acc_2", day, -1299, 4899, "TuneBox", "subscription", FALSE);
          if (mday == 17)
            fp_test_feed_add (&feed, "acc_2", day, -1799, 4899, "MovieMax", "subscription", FALSE);
          if (day % 4 == 1)
            fp_test_feed_add (&feed, "acc_2", day, -(4500 + g_rand_int_range (feed.rand, 0, 4000)), 5812,
                              "Burger Barn", "card", FALSE);
          if (day % 3 == 0)
            fp_test_feed_add (&feed, "acc_2", day, -(1500 + g_rand_int_range (feed.rand, 0, 2000)), 5814,
                              "Quick Bites", "card", FALSE);
          if (day % 10 == 4)
            fp_test_feed_add (&feed, "acc_2", day, -(8000 + g_rand_int_range (feed.rand, 0, 9000)), 5651,
                              "Trend Clothing", "card", FALSE);
          if (day % 8 == 5)
            fp_test_feed_add (&feed, "acc_1", day, -(6000 + g_rand_int_range (feed.rand, 0, 2500)), 5411,
                              "Value Foods", "card", FALSE);
        }
      /* An unusually large payment at a usual place. */
      fp_test_feed_add (&feed, "acc_2", today - 5, -61000, 5651, "Trend Clothing", "card", FALSE);
      fp_test_put_account (cache, "acc_1", "current", "CurrentAccount", "Checking", "142.50", NULL);
      fp_test_put_account (cache, "acc_2", "credit_card", "CreditCard", "Rewards Card", "-7820.35",
                           ", \"creditLimit\": {\"amount\": \"8000.00\", \"currency\": \"USD\"},"
                           " \"interestRateBps\": 2399");
      fp_test_put_account (cache, "acc_3", "loan", "Loan", "Car Loan", "-15230.00",
                           ", \"interestRateBps\": 1100, \"loan\": {\"principal\": {\"amount\": \"25000.00\","
                           " \"currency\": \"USD\"}, \"termMonths\": 60, \"monthlyPayment\": {\"amount\": \"450.00\","
                           " \"currency\": \"USD\"}}");
      break;

    case FP_TEST_NEW_CUSTOMER:
    default:
      first = fp_test_day (2026, 10, 16);
      fp_test_feed_add (&feed, "acc_1", fp_test_day (2026, 10, 28), 310000, 0, "Salary Bright Labs", "salary",
                        FALSE);
      fp_test_feed_add (&feed, "acc_1", fp_test_day (2026, 11, 1), -110000, 0, "Maple Court", "rent", FALSE);
      for (gint32 day = first; day <= today; day++)
        {
          if (day % 5 == 0)
            fp_test_feed_add (&feed, "acc_1", day, -(2500 + g_rand_int_range (feed.rand, 0, 6000)), 5411,
                              "Fresh Market", "card", FALSE);
          if (day % 6 == 2)
            fp_test_feed_add (&feed, "acc_1", day, -(1200 + g_rand_int_range (feed.rand, 0, 1800)), 5814,
                              "Coffee Corner", "card", FALSE);
        }
      fp_test_put_account (cache, "acc_1", "current", "CurrentAccount", "First Account", "2035.60", NULL);
      break;
    }

  for (guint start = 0; start < feed.changes->len; start += 500)
    {
      guint n = MIN (500, feed.changes->len - start);

      g_assert_true (fp_cache_apply_changes (cache, "transactions",
                                             &g_array_index (feed.changes, FpTxnChange, start), n,
                                             "cursor", &error));
      g_assert_no_error (error);
    }

  g_array_unref (feed.changes);
  g_ptr_array_unref (feed.strings);
  g_rand_free (feed.rand);
  return feed.n;
}
