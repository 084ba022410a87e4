/* test-generator-invariants.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What holds for every data set the generator makes: the demo customer is
 * fixed, and the data holds together (balances are the sums of their
 * transactions, the feed holds every transaction, card repayments have
 * two sides, the loan instalment is the annuity); card numbers pass Luhn,
 * exports are accepted by the importer, bad options are refused. Checks
 * recompute what they compare from the transactions, independently of the
 * generator's own bookkeeping. Determinism is in test-generator.c.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "fp-bank-data-private.h"
#include "fp-clock.h"
#include "fp-generator.h"
#include "fp-tabformer.h"

#include "generator-test-helper.h"

static gboolean
luhn_valid (const char *number)
{
  guint sum = 0;
  gsize len = strlen (number);

  for (gsize i = 0; i < len; i++)
    {
      guint d = (guint) (number[len - 1 - i] - '0');

      if (i % 2 == 1)
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
  return sum % 10 == 0;
}

static const FpBankAccount *
find_account (FpBankData        *data,
              guint32            customer,
              FpBankAccountKind  kind)
{
  guint n;
  const guint32 *ids = fp_bank_data_get_customer_accounts (data, customer, &n);

  for (guint i = 0; i < n; i++)
    if (fp_bank_data_get_account (data, ids[i])->kind == kind)
      return fp_bank_data_get_account (data, ids[i]);
  return NULL;
}

static void
test_demo (void)
{
  g_autoptr(FpBankData) data = generate (0, 3, 1);
  const FpBankCustomer *demo = fp_bank_data_find_customer (data, FP_GENERATOR_DEMO_USERNAME);
  const FpBankAccount *current, *investment;
  const guint32 *ids;
  const FpBankChange *feed;
  guint n, n_salary = 0, n_rent = 0;
  gint64 value = 0;
  GHashTable *subscriptions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, count;
  FpBankTransaction first, last;

  g_assert_nonnull (demo);
  g_assert_cmpuint (demo->id, ==, 0);
  g_assert_cmpuint (fp_bank_data_get_n_customers (data), ==, 1);
  g_assert_cmpstr (demo->person, ==, "Alex Morgan");

  for (FpBankAccountKind k = FP_BANK_ACCOUNT_CURRENT; k <= FP_BANK_ACCOUNT_INVESTMENT; k++)
    g_assert_nonnull (find_account (data, 0, k));
  ids = fp_bank_data_get_customer_cards (data, 0, &n);
  g_assert_cmpuint (n, ==, 3);

  investment = find_account (data, 0, FP_BANK_ACCOUNT_INVESTMENT);
  ids = fp_bank_data_get_account_holdings (data, investment->id, &n);
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < n; i++)
    {
      const FpBankHolding *h = fp_bank_data_get_holding (data, ids[i]);

      g_assert_cmpint (h->market_value, ==, h->quantity_milli * h->unit_price / 1000);
      g_assert_cmpint (h->quantity_milli, >, 0);
      value += h->market_value;
    }
  g_assert_cmpint (investment->balance, ==, value);

  /* Three years: 2023-11-01 to 2026-10-31, a salary and a rent each month,
   * each subscription on the same card, merchant and amount every month. */
  current = find_account (data, 0, FP_BANK_ACCOUNT_CURRENT);
  feed = fp_bank_data_get_changes (data, 0, 0, G_MAXUINT, &n);
  g_assert_cmpuint (n, >, 36 * 40);
  g_assert_true (fp_bank_data_get_transaction (data, feed[0].txn, &first));
  g_assert_true (fp_bank_data_get_transaction (data, feed[n - 1].txn, &last));
  g_assert_cmpuint (first.year, ==, 2023);
  g_assert_cmpuint (first.month, ==, 11);
  g_assert_cmpint (last.booked_at, <, G_GINT64_CONSTANT (1793491200));   /* 2026-11-01 */

  for (guint i = 0; i < n; i++)
    {
      FpBankTransaction t;

      if (feed[i].kind != FP_BANK_CHANGE_CREATED)
        continue;
      g_assert_true (fp_bank_data_get_transaction (data, feed[i].txn, &t));
      if (t.category == FP_BANK_CATEGORY_SALARY)
        {
          g_assert_cmpuint (t.account, ==, current->id);
          g_assert_cmpint (t.amount, >, 0);
          n_salary++;
        }
      if (t.category == FP_BANK_CATEGORY_RENT)
        n_rent++;
      if (t.category == FP_BANK_CATEGORY_SUBSCRIPTION)
        {
          gint64 *k = g_new (gint64, 1);
          /* Merchant and amount together: one key per subscription. */
          *k = t.merchant_id ^ (t.amount * G_GINT64_CONSTANT (1000003));
          count = g_hash_table_lookup (subscriptions, k);
          g_hash_table_replace (subscriptions, k, GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
          g_assert_cmpint (t.use_chip, ==, FP_BANK_USE_CHIP_ONLINE);
          g_assert_cmpstr (t.merchant_city, ==, "ONLINE");
        }
    }
  g_assert_cmpuint (n_salary, ==, 36);
  g_assert_cmpuint (n_rent, ==, 36);
  g_assert_cmpuint (g_hash_table_size (subscriptions), ==, 4);
  g_hash_table_iter_init (&iter, subscriptions);
  while (g_hash_table_iter_next (&iter, &key, &count))
    g_assert_cmpuint (GPOINTER_TO_UINT (count), ==, 36);
  g_hash_table_unref (subscriptions);
}

typedef struct {
  gint64 sum;
  gint64 booked;
  guint  count;
} Tally;

static void
load_mcc_categories (GHashTable *listed)
{
  g_autofree char *path = g_build_filename (g_getenv ("FP_SOURCE_ROOT") ? g_getenv ("FP_SOURCE_ROOT") : ".",
                                            "data", "categories", "mcc-categories.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 lo, hi;
      char *end;

      if (!g_ascii_isdigit (lines[i][0]))
        continue;
      lo = g_ascii_strtoull (lines[i], &end, 10);
      hi = *end == '-' ? g_ascii_strtoull (end + 1, NULL, 10) : lo;
      for (guint64 m = lo; m <= hi && m < 10000; m++)
        g_hash_table_add (listed, GUINT_TO_POINTER ((guint) m + 1));
    }
}

/* What holds for every generated data set. */
static void
test_invariants (void)
{
  g_autoptr(FpBankData) data = generate (12, 3, 2024);
  guint n_txns = fp_bank_data_get_n_transactions (data);
  guint n_accounts = fp_bank_data_get_n_accounts (data);
  g_autofree Tally *tally = g_new0 (Tally, n_accounts);
  g_autofree guint8 *created = g_new0 (guint8, n_txns);
  g_autofree guint8 *deleted = g_new0 (guint8, n_txns);
  g_autoptr(GHashTable) mcc_listed = g_hash_table_new (NULL, NULL);
  guint n_card = 0, n_fraud = 0, n_errors = 0, n_online = 0, n_abroad = 0;
  guint n_in_person_late = 0, n_chip_late = 0, n_refunds = 0, n_updated = 0, n_deleted = 0;
  const gint64 late = G_GINT64_CONSTANT (1451606400);   /* 2016-01-01 */

  load_mcc_categories (mcc_listed);

  for (guint32 id = 0; id < n_txns; id++)
    {
      FpBankTransaction t;

      g_assert_true (fp_bank_data_get_transaction (data, id, &t));
      g_assert_cmpuint (t.account, <, n_accounts);
      g_assert_cmpuint (fp_bank_data_get_account (data, t.account)->customer, ==, t.customer);
      /* Booked means booked: a card attempt with errors was declined. */
      g_assert_cmpint (t.is_declined, ==, t.card != FP_BANK_NO_ID && t.errors[0] != '\0');
      if (!t.is_deleted)
        {
          tally[t.account].sum += t.amount;
          tally[t.account].booked += t.is_declined ? 0 : t.amount;
          tally[t.account].count++;
        }

      if (t.card == FP_BANK_NO_ID)
        {
          g_assert_cmpuint (t.mcc, ==, 0);
          g_assert_nonnull (t.description);
          g_assert_cmpstr (t.description, !=, "");
          g_assert_cmpint (t.category, !=, FP_BANK_CATEGORY_CARD);
          continue;
        }

      n_card++;
      g_assert_cmpuint (fp_bank_data_get_card (data, t.card)->customer, ==, t.customer);
      g_assert_cmpuint (fp_bank_data_get_card (data, t.card)->account, ==, t.account);
      g_assert_cmpuint (t.mcc, >=, 742);
      g_assert_cmpuint (t.mcc, <=, 9999);
      if (g_hash_table_size (mcc_listed) > 0)
        g_assert_true (g_hash_table_contains (mcc_listed, GUINT_TO_POINTER (t.mcc + 1)));
      g_assert_true (t.category == FP_BANK_CATEGORY_CARD || t.category == FP_BANK_CATEGORY_SUBSCRIPTION);
      g_assert_null (t.description);
      n_fraud += t.is_fraud ? 1 : 0;
      n_errors += t.errors[0] != '\0' ? 1 : 0;
      n_refunds += t.amount > 0 ? 1 : 0;
      if (t.use_chip == FP_BANK_USE_CHIP_ONLINE)
        {
          n_online++;
          g_assert_cmpstr (t.merchant_city, ==, "ONLINE");
          g_assert_cmpstr (t.merchant_state, ==, "");
          g_assert_cmpstr (t.merchant_zip, ==, "");
        }
      else if (strlen (t.merchant_state) == 2)
        {
          g_assert_true (g_str_has_suffix (t.merchant_zip, ".0"));
          if (t.booked_at >= late)
            {
              n_in_person_late++;
              n_chip_late += t.use_chip == FP_BANK_USE_CHIP_CHIP ? 1 : 0;
            }
        }
      else
        {
          /* Abroad: a country name in the state column, no zip. */
          g_assert_cmpuint (strlen (t.merchant_state), >, 2);
          g_assert_cmpstr (t.merchant_zip, ==, "");
          n_abroad++;
        }
    }

  /* Balances are the sums of the booked transactions; declined attempts
   * count in the feed only. */
  for (guint32 a = 0; a < n_accounts; a++)
    {
      const FpBankAccount *account = fp_bank_data_get_account (data, a);

      g_assert_cmpuint (account->n_transactions, ==, tally[a].count);
      g_assert_cmpint (account->transactions_sum, ==, tally[a].sum);
      g_assert_cmpint (account->booked_sum, ==, tally[a].booked);
      if (account->kind != FP_BANK_ACCOUNT_INVESTMENT)
        g_assert_cmpint (account->balance, ==, account->opening_balance + tally[a].booked);
      if (account->kind == FP_BANK_ACCOUNT_CREDIT_CARD)
        {
          g_assert_cmpint (account->balance, <=, 0);
          g_assert_cmpint (-account->balance, <, account->credit_limit);
        }
    }

  /* The feed: seq 1..n, every transaction created exactly once and before
   * its update or deletion, in time order of creation. */
  for (guint32 c = 0; c < fp_bank_data_get_n_customers (data); c++)
    {
      guint n;
      const FpBankChange *feed = fp_bank_data_get_changes (data, c, 0, G_MAXUINT, &n);
      gint64 last = G_MININT64;
      guint64 after = 0;
      guint paged = 0;
      const FpBankChange *page;

      g_assert_cmpuint (n, ==, fp_bank_data_get_latest_seq (data, c));
      for (guint i = 0; i < n; i++)
        {
          FpBankTransaction t;

          g_assert_cmpuint (feed[i].seq, ==, i + 1);
          g_assert_true (fp_bank_data_get_transaction (data, feed[i].txn, &t));
          g_assert_cmpuint (t.customer, ==, c);
          switch (feed[i].kind)
            {
            case FP_BANK_CHANGE_CREATED:
              g_assert_cmpuint (created[feed[i].txn], ==, 0);
              created[feed[i].txn] = 1;
              g_assert_cmpint (t.booked_at, >=, last);
              last = t.booked_at;
              break;
            case FP_BANK_CHANGE_UPDATED:
              g_assert_cmpuint (created[feed[i].txn], ==, 1);
              n_updated++;
              break;
            case FP_BANK_CHANGE_DELETED:
              g_assert_cmpuint (created[feed[i].txn], ==, 1);
              g_assert_true (t.is_deleted);
              deleted[feed[i].txn] = 1;
              n_deleted++;
              break;
            default:
              g_assert_not_reached ();
            }
        }

      /* Pages of 97 give the same entries. */
      while ((page = fp_bank_data_get_changes (data, c, after, 97, &n)) != NULL)
        {
          g_assert_cmpuint (page[0].seq, ==, after + 1);
          after += n;
          paged += n;
        }
      g_assert_cmpuint (paged, ==, fp_bank_data_get_latest_seq (data, c));
    }
  for (guint32 id = 0; id < n_txns; id++)
    {
      FpBankTransaction t;

      g_assert_true (fp_bank_data_get_transaction (data, id, &t));
      g_assert_cmpuint (created[id], ==, 1);
      g_assert_cmpuint (deleted[id], ==, t.is_deleted ? 1 : 0);
    }

  /* The mix: TabFormer has about 0.1% fraud, a percent or two of errors,
   * around a tenth online, chip cards after 2015. */
  g_test_message ("%u card transactions: %u fraud, %u errors, %u online, %u abroad, %u refunds, "
                  "%u updated, %u deleted", n_card, n_fraud, n_errors, n_online, n_abroad,
                  n_refunds, n_updated, n_deleted);
  g_assert_cmpuint (n_card, >, 10000);
  g_assert_cmpuint (n_fraud * 100000, >, n_card * 20);
  g_assert_cmpuint (n_fraud * 100000, <, n_card * 500);
  g_assert_cmpuint (n_errors * 1000, >, n_card * 5);
  g_assert_cmpuint (n_errors * 1000, <, n_card * 40);
  g_assert_cmpuint (n_online * 100, >, n_card * 5);
  g_assert_cmpuint (n_online * 100, <, n_card * 35);
  g_assert_cmpuint (n_abroad, >, 0);
  g_assert_cmpuint (n_refunds, >, 0);
  g_assert_cmpuint (n_updated, >, 0);
  g_assert_cmpuint (n_deleted, >, 0);
  g_assert_cmpuint (n_chip_late * 10, >, n_in_person_late * 6);
}

/* Card numbers pass the Luhn check; repayments have two sides; the loan
 * instalment is the annuity of the textbook formula. */
static void
test_cards_and_loans (void)
{
  g_autoptr(FpBankData) data = generate (15, 2, 99);
  guint n_loans = 0;

  for (guint32 i = 0; i < fp_bank_data_get_n_cards (data); i++)
    {
      const FpBankCard *card = fp_bank_data_get_card (data, i);
      const char *number = fp_bank_data_get_card_number (data, i);

      g_assert_true (luhn_valid (number));
      g_assert_true (g_str_has_suffix (number, card->last_four));
      g_assert_cmpuint (strlen (card->last_four), ==, 4);
      if (g_str_equal (card->brand, "Amex"))
        g_assert_cmpuint (strlen (number), ==, 15);
      else
        g_assert_cmpuint (strlen (number), ==, 16);
    }

  for (guint32 a = 0; a < fp_bank_data_get_n_accounts (data); a++)
    {
      const FpBankAccount *account = fp_bank_data_get_account (data, a);
      const FpBankAccount *current = find_account (data, account->customer, FP_BANK_ACCOUNT_CURRENT);
      guint n;
      const FpBankChange *feed = fp_bank_data_get_changes (data, account->customer, 0, G_MAXUINT, &n);

      if (account->kind == FP_BANK_ACCOUNT_LOAN)
        {
          double r = account->interest_bps / 120000.0;
          double formula = account->loan_principal * r / (1 - pow (1 + r, -(double) account->loan_term_months));

          n_loans++;
          g_assert_cmpfloat (fabs ((double) account->loan_payment - formula), <=, 3.0);
        }

      if (account->kind != FP_BANK_ACCOUNT_CREDIT_CARD)
        continue;

      /* Each repayment on the card pays exactly what was booked on it the
       * month before (declined attempts and reversed authorizations do not
       * count; a card left in credit gets it back), and is the opposite
       * amount on the same day on the current account. The first one pays
       * the month before the history: what the card opened with. */
      {
        g_autoptr(GHashTable) month_sums = g_hash_table_new_full (g_int_hash, g_int_equal, g_free, g_free);
        guint n_repayments = 0;

        for (guint i = 0; i < n; i++)
          {
            FpBankTransaction t;
            gint key;
            gint64 *sum;

            g_assert_true (fp_bank_data_get_transaction (data, feed[i].txn, &t));
            if (feed[i].kind != FP_BANK_CHANGE_CREATED || t.account != a || t.is_deleted || t.is_declined ||
                t.card == FP_BANK_NO_ID)
              continue;
            key = (gint) (t.year * 12 + t.month - 1);
            sum = g_hash_table_lookup (month_sums, &key);
            if (sum == NULL)
              {
                sum = g_new0 (gint64, 1);
                g_hash_table_insert (month_sums, g_memdup2 (&key, sizeof key), sum);
              }
            *sum += t.amount;
          }

        for (guint i = 0; i < n; i++)
          {
            FpBankTransaction t, u;
            gboolean matched = FALSE;
            gint key;
            gint64 *sum;

            g_assert_true (fp_bank_data_get_transaction (data, feed[i].txn, &t));
            if (feed[i].kind != FP_BANK_CHANGE_CREATED || t.account != a ||
                t.category != FP_BANK_CATEGORY_CARD_REPAYMENT)
              continue;
            g_assert_cmpuint (t.day, ==, 22);
            key = (gint) (t.year * 12 + t.month - 2);
            sum = g_hash_table_lookup (month_sums, &key);
            if (n_repayments++ == 0 && sum == NULL)
              g_assert_cmpint (t.amount, ==, -account->opening_balance);
            else
              g_assert_cmpint (t.amount, ==, -(sum != NULL ? *sum : 0));
            for (guint j = 0; j < n && !matched; j++)
              {
                g_assert_true (fp_bank_data_get_transaction (data, feed[j].txn, &u));
                matched = u.account == current->id && u.category == FP_BANK_CATEGORY_CARD_REPAYMENT &&
                          u.amount == -t.amount && u.booked_at / 86400 == t.booked_at / 86400;
              }
            g_assert_true (matched);
          }
        g_assert_cmpuint (n_repayments, >, 0);
      }
    }
  g_assert_cmpuint (n_loans, >, 1);
}

/* Generated data exports to files the importer accepts, row for row. */
static void
test_export_valid (void)
{
  g_autoptr(FpBankData) data = generate (5, 1, 3);
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *again = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, FP_TABFORMER_TRANSACTIONS_FILE, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpBankData) imported = NULL;
  guint n_card = 0, n_lines = 0;

  g_assert_true (fp_tabformer_export (data, dir, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "User,Card,Year,Month,Day,Time,Amount,Use Chip,Merchant Name,"
                                   "Merchant City,Merchant State,Zip,MCC,Errors?,Is Fraud?\n"));
  for (const char *p = text; *p != '\0'; p++)
    n_lines += *p == '\n' ? 1 : 0;
  for (guint32 id = 0; id < fp_bank_data_get_n_transactions (data); id++)
    {
      FpBankTransaction t;

      g_assert_true (fp_bank_data_get_transaction (data, id, &t));
      n_card += t.card != FP_BANK_NO_ID && !t.is_deleted ? 1 : 0;
    }
  g_assert_cmpuint (n_lines, ==, n_card + 1);

  imported = fp_tabformer_import (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fp_bank_data_get_n_transactions (imported), ==, n_card);
  g_assert_cmpuint (fp_bank_data_get_n_customers (imported), ==, 6);
  g_assert_true (fp_tabformer_export (imported, again, &error));
  g_assert_no_error (error);
  {
    g_autofree char *path2 = g_build_filename (again, FP_TABFORMER_TRANSACTIONS_FILE, NULL);
    g_autofree char *text2 = NULL;

    g_assert_true (g_file_get_contents (path2, &text2, NULL, NULL));
    g_assert_cmpstr (text, ==, text2);
  }
  remove_dir (dir);
  remove_dir (again);
}

static void
test_bad_options (void)
{
  FpGeneratorOptions options;
  g_autoptr(GError) error = NULL;
  FpBankData *data;

  data = fp_bank_data_new_generated (1, 0, 1, &error);
  g_assert_null (data);
  g_assert_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID);
  g_clear_error (&error);

  data = fp_bank_data_new_generated (1, FP_GENERATOR_MAX_YEARS + 1, 1, &error);
  g_assert_null (data);
  g_assert_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID);
  g_clear_error (&error);

  data = fp_bank_data_new_generated (FP_GENERATOR_MAX_CUSTOMERS + 1, 1, 1, &error);
  g_assert_null (data);
  g_assert_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID);
  g_clear_error (&error);

  /* 20000 customers and the demo over 3 years: 60003 customer-years. */
  data = fp_bank_data_new_generated (20000, 3, 1, &error);
  g_assert_null (data);
  g_assert_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID);
  g_clear_error (&error);

  /* Today must be from 2020 to 2100: history may reach back 30 years and
   * the generator's world starts in 1990. */
  fp_generator_options_init (&options);
  options.today = fp_clock_day_from_civil (2019, 12, 31);
  data = fp_generator_generate (&options, &error);
  g_assert_null (data);
  g_assert_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID);
  g_clear_error (&error);
  options.today = fp_clock_day_from_civil (2101, 1, 1);
  data = fp_generator_generate (&options, &error);
  g_assert_null (data);
  g_assert_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID);
  g_clear_error (&error);

  /* A leap day is a fine end. */
  options.today = fp_clock_day_from_civil (2028, 2, 29);
  options.customers = 1;
  options.years = 1;
  data = fp_generator_generate (&options, &error);
  g_assert_no_error (error);
  fp_bank_data_free (data);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/generator/demo", test_demo);
  g_test_add_func ("/generator/invariants", test_invariants);
  g_test_add_func ("/generator/cards-and-loans", test_cards_and_loans);
  g_test_add_func ("/generator/export-valid", test_export_valid);
  g_test_add_func ("/generator/bad-options", test_bad_options);

  return g_test_run ();
}
