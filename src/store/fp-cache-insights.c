/* fp-cache-insights.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-cache"

#include "config.h"

#include <string.h>

#include "fp-booking.h"
#include "fp-cache-insights.h"
#include "fp-cache-private.h"
#include "fp-store-error.h"

/* The insights engine's input, read in one sequential scan of the
 * transactions table (rowid order: no index walk, no sort; the engine takes
 * any order). Nothing is allocated per row: account and merchant texts are
 * looked up with SQLite's borrowed text and copied only the first time they
 * are seen, and the day conversion is cached for runs of the same day. */

#define CANCEL_CHECK_ROWS 65536

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static gint32
days_from_civil (gint32 y,
                 gint32 m,
                 gint32 d)
{
  gint32 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/**
 * fp_cache_day_from_yyyymmdd:
 * @yyyymmdd: a day as the cache stores it (20190315)
 *
 * Returns: the number of days since 1970-01-01 (UTC) of that day
 */
gint32
fp_cache_day_from_yyyymmdd (gint32 yyyymmdd)
{
  return days_from_civil (yyyymmdd / 10000, (yyyymmdd / 100) % 100, yyyymmdd % 100);
}

/**
 * fp_cache_day_to_yyyymmdd:
 * @day: days since 1970-01-01 (UTC)
 *
 * Returns: the day as yyyymmdd
 */
gint32
fp_cache_day_to_yyyymmdd (gint32 day)
{
  gint32 z = day + 719468;
  gint32 era = (z >= 0 ? z : z - 146096) / 146097;
  gint32 doe = z - era * 146097;
  gint32 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint32 y = yoe + era * 400;
  gint32 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint32 mp = (5 * doy + 2) / 153;
  gint32 d = doy - (153 * mp + 2) / 5 + 1;
  gint32 m = mp + (mp < 10 ? 3 : -9);

  return (y + (m <= 2)) * 10000 + m * 100 + d;
}

void
fp_insights_input_free (FpInsightsInput *input)
{
  if (input == NULL)
    return;

  g_clear_pointer (&input->txns, g_array_unref);
  g_clear_pointer (&input->accounts, g_array_unref);
  g_clear_pointer (&input->account_ids, g_ptr_array_unref);
  g_clear_pointer (&input->merchants, g_ptr_array_unref);
  g_free (input->currency);
  g_free (input);
}

/**
 * fp_insights_input_merchant_name:
 * @merchant_id: a merchant id of @input's transactions
 * @input: (type FpInsightsInput): the input
 *
 * A #FpMerchantNameFunc for #FpInsightsOptions.
 *
 * Returns: (nullable): the merchant text, owned by @input
 */
const char *
fp_insights_input_merchant_name (guint32  merchant_id,
                                 gpointer input)
{
  FpInsightsInput *self = input;

  g_return_val_if_fail (self != NULL, NULL);

  if (merchant_id == 0 || merchant_id > self->merchants->len)
    return NULL;
  return g_ptr_array_index (self->merchants, merchant_id - 1);
}

/**
 * fp_insights_input_find_account:
 * @input: the input
 * @account_id: the bank's account id
 *
 * Returns: the index of the account in @input->accounts, or -1
 */
gint32
fp_insights_input_find_account (const FpInsightsInput *input,
                                const char            *account_id)
{
  g_return_val_if_fail (input != NULL, -1);
  g_return_val_if_fail (account_id != NULL, -1);

  for (guint i = 0; i < input->account_ids->len; i++)
    if (strcmp (g_ptr_array_index (input->account_ids, i), account_id) == 0)
      return (gint32) i;
  return -1;
}

/* The bank's own categories (fp-bank-data.c) become flags and, for items
 * that carry no merchant category code, a representative one. */
static void
apply_bank_category (const char *category,
                     FpTxn      *t)
{
  if (category == NULL)
    return;

  switch (category[0])
    {
    case 's':
      if (strcmp (category, "salary") == 0)
        t->flags |= FP_TXN_INCOME_HINT;
      else if (strcmp (category, "savings") == 0)
        t->flags |= FP_TXN_TRANSFER;
      break;
    case 'c':
      if (strcmp (category, "card_repayment") == 0)
        t->flags |= FP_TXN_TRANSFER;
      break;
    case 't':
      if (strcmp (category, "transfer") == 0)
        t->flags |= FP_TXN_TRANSFER;
      break;
    case 'i':
      if (strcmp (category, "investment") == 0)
        t->flags |= FP_TXN_TRANSFER;
      else if (strcmp (category, "interest") == 0 && t->mcc == 0 && t->amount_minor < 0)
        t->mcc = 6012; /* financial institutions: fees */
      break;
    case 'l':
      /* Between the current account and the loan account, both ours. */
      if (strcmp (category, "loan_payment") == 0)
        t->flags |= FP_TXN_TRANSFER;
      break;
    case 'r':
      if (strcmp (category, "rent") == 0 && t->mcc == 0)
        t->mcc = 6513; /* real estate agents and managers: rentals */
      break;
    case 'u':
      if (strcmp (category, "utilities") == 0 && t->mcc == 0)
        t->mcc = 4900; /* utilities */
      break;
    default:
      break;
    }
}

static guint32
intern (GHashTable *table,
        GPtrArray  *strings,
        const char *text)
{
  gpointer value;
  char *copy;

  if (g_hash_table_lookup_extended (table, text, NULL, &value))
    return GPOINTER_TO_UINT (value);

  copy = g_strdup (text);
  g_ptr_array_add (strings, copy);
  g_hash_table_insert (table, copy, GUINT_TO_POINTER (strings->len));
  return strings->len;
}

/**
 * fp_cache_load_insights_input:
 * @self: a #FpCache
 * @day_from: first booking day (yyyymmdd, inclusive), 0 for no bound
 * @day_to: last booking day (yyyymmdd, inclusive), 0 for no bound; when
 *   given it is also "today" of the result
 * @cancellable: (nullable): checked every 65536 rows
 * @error: return location for a #FpStoreError or %G_IO_ERROR_CANCELLED
 *
 * Loads the transactions of the range as #FpTxn, with the merchant texts
 * and account ids they refer to. Amounts keep the bank's sign (negative is
 * money out, as #FpTxn wants). The bank's categories become flags: salary
 * is income, transfers, savings, investments, card repayments and loan
 * payments move money between the customer's own accounts; rent and
 * utilities without a merchant category code get 6513 and 4900. A
 * transaction the bank flagged is %FP_TXN_FRAUD, `online` channel is
 * %FP_TXN_ONLINE. Transactions in another currency than the main one are
 * skipped: the engine does not convert currencies.
 *
 * Returns: (transfer full): the input, possibly without transactions
 */
FpInsightsInput *
fp_cache_load_insights_input (FpCache       *self,
                              gint32         day_from,
                              gint32         day_to,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(FpInsightsInput) input = NULL;
  g_autoptr(GHashTable) merchants = NULL;
  g_autoptr(GHashTable) accounts = NULL;
  g_autoptr(GArray) sums = NULL;
  sqlite3_stmt *stmt = NULL;
  gint32 cached_ymd = 0, cached_day = 0;
  const char *sql;
  guint64 n_rows = 0;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), NULL);
  g_return_val_if_fail (day_from >= 0 && day_to >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  input = g_new0 (FpInsightsInput, 1);
  input->txns = g_array_new (FALSE, FALSE, sizeof (FpTxn));
  input->accounts = g_array_new (FALSE, TRUE, sizeof (FpAccountSnapshot));
  input->account_ids = g_ptr_array_new_with_free_func (g_free);
  input->merchants = g_ptr_array_new_with_free_func (g_free);
  input->first_day = G_MININT32;
  input->last_day = G_MININT32;
  input->today = G_MININT32;

  /* Hash tables borrow their keys from the arrays. */
  merchants = g_hash_table_new (g_str_hash, g_str_equal);
  accounts = g_hash_table_new (g_str_hash, g_str_equal);
  sums = g_array_new (FALSE, TRUE, sizeof (gint64));

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error))
    return NULL;

  /* The main currency: the one of most transactions (the rollups are small). */
  if (!(stmt = _fp_cache_prepare (self,
                                  "SELECT currency FROM monthly_totals"
                                  " GROUP BY currency ORDER BY SUM (count) DESC, currency LIMIT 1",
                                  error)))
    return NULL;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    input->currency = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return (_fp_cache_set_error (error, self->db, rc, "read the main currency"), NULL);

  if (input->currency == NULL)
    {
      /* No transactions at all. */
      if (day_to > 0)
        input->today = fp_cache_day_from_yyyymmdd (day_to);
      return g_steal_pointer (&input);
    }

  /* The largest rowid bounds the row count (a count(*) would scan an
   * index), so the array is allocated once. */
  if (!(stmt = _fp_cache_prepare (self, "SELECT max (txn_id) FROM transactions", error)))
    return NULL;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_array_set_size (input->txns, (guint) CLAMP (sqlite3_column_int64 (stmt, 0), 0, 50000000));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return (_fp_cache_set_error (error, self->db, rc, "size transactions"), NULL);
  g_array_set_size (input->txns, 0);

  /* Without a range, no per-row test at all. */
  if (day_from > 0 || day_to > 0)
    sql = "SELECT txn_id, account_id, day, minute, amount_minor, currency, mcc,"
          " merchant, use_chip, is_fraud, category, errors"
          " FROM transactions WHERE day BETWEEN ?1 AND ?2";
  else
    sql = "SELECT txn_id, account_id, day, minute, amount_minor, currency, mcc,"
          " merchant, use_chip, is_fraud, category, errors"
          " FROM transactions";
  if (!(stmt = _fp_cache_prepare (self, sql, error)))
    return NULL;
  if (day_from > 0 || day_to > 0)
    {
      sqlite3_bind_int (stmt, 1, day_from);
      sqlite3_bind_int (stmt, 2, day_to > 0 ? day_to : G_MAXINT32);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FpTxn t = { 0 };
      const char *account = (const char *) sqlite3_column_text (stmt, 1);
      const char *currency = (const char *) sqlite3_column_text (stmt, 5);
      const char *merchant = (const char *) sqlite3_column_text (stmt, 7);
      const char *channel = (const char *) sqlite3_column_text (stmt, 8);
      gint32 ymd = sqlite3_column_int (stmt, 2);
      gint mcc = sqlite3_column_int (stmt, 6);
      guint32 account_index;

      if ((++n_rows % CANCEL_CHECK_ROWS) == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_finalize (stmt);
          return NULL;
        }

      if (currency == NULL || strcmp (currency, input->currency) != 0 || account == NULL)
        continue;

      if (ymd != cached_ymd)
        {
          cached_ymd = ymd;
          cached_day = fp_cache_day_from_yyyymmdd (ymd);
        }

      t.id = sqlite3_column_int64 (stmt, 0);
      t.amount_minor = sqlite3_column_int64 (stmt, 4);
      t.day = cached_day;
      t.minute_of_day = CLAMP (sqlite3_column_int (stmt, 3), 0, 1439);
      t.mcc = (guint16) CLAMP (mcc, 0, 9999);
      t.merchant_id = (merchant != NULL && merchant[0] != '\0')
                      ? intern (merchants, input->merchants, merchant) : 0;
      account_index = intern (accounts, input->account_ids, account);
      t.account_id = account_index;
      if (sqlite3_column_int (stmt, 9) != 0)
        t.flags |= FP_TXN_FRAUD;
      if (channel != NULL && strcmp (channel, "online") == 0)
        t.flags |= FP_TXN_ONLINE;
      apply_bank_category ((const char *) sqlite3_column_text (stmt, 10), &t);
      /* Any error: declined (fp-booking.h), and it moved no balance. */
      {
        const char *errors = (const char *) sqlite3_column_text (stmt, 11);

        t.flags |= fp_txn_state_flags (fp_txn_state_from_feed (NULL, errors != NULL && *errors != '\0'));
      }

      if (account_index > sums->len)
        g_array_set_size (sums, account_index);
      if (fp_txn_counts (&t))
        g_array_index (sums, gint64, account_index - 1) += t.amount_minor;

      if (input->first_day == G_MININT32 || t.day < input->first_day)
        input->first_day = t.day;
      if (t.day > input->last_day)
        input->last_day = t.day;

      g_array_append_val (input->txns, t);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return (_fp_cache_set_error (error, self->db, rc, "read transactions"), NULL);

  for (guint i = 0; i < input->account_ids->len; i++)
    {
      FpAccountSnapshot a = { 0 };

      a.account_id = i + 1;
      a.kind = FP_ACCOUNT_CURRENT;
      a.balance_minor = g_array_index (sums, gint64, i);
      g_array_append_val (input->accounts, a);
    }

  if (day_to > 0)
    input->today = fp_cache_day_from_yyyymmdd (day_to);
  else
    input->today = input->last_day;

  return g_steal_pointer (&input);
}
