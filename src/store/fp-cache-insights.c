/* fp-cache-insights.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-cache"

#include "config.h"

#include <string.h>

#include "fp-booking.h"
#include "fp-categories-private.h"
#include "fp-cache-insights.h"
#include "fp-cache-private.h"
#include "fp-merchant-names.h"
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
  g_clear_pointer (&input->merchant_names, g_ptr_array_unref);
  g_free (input->currency);
  g_free (input);
}

/**
 * fp_insights_input_merchant_name:
 * @merchant_id: a merchant id of @input's transactions
 * @input: (type FpInsightsInput): the input
 *
 * A #FpMerchantNameFunc for #FpInsightsOptions: the name a person
 * recognizes (fp_merchant_display_name()), never the bank's id.
 *
 * Returns: (nullable): the merchant's display name, owned by @input
 */
const char *
fp_insights_input_merchant_name (guint32  merchant_id,
                                 gpointer input)
{
  FpInsightsInput *self = input;

  g_return_val_if_fail (self != NULL, NULL);

  if (merchant_id == 0 || merchant_id > self->merchant_names->len)
    return NULL;
  return g_ptr_array_index (self->merchant_names, merchant_id - 1);
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

/* A merchant code of each category, so that a category the customer chose
 * for a transaction reaches the engine, which categorises by code: the
 * first code of this list that the built-in table maps to the category,
 * else the first such code at all. */
static guint16
representative_mcc (FpCategory category)
{
  static const guint16 preferred[] = {
    5812, 5411, 4121, 4511, 5311, 7832, 8011, 4900, 6513, 8220,
    7299, 6300, 9311, 8398, 6011, 6012,
  };
  static gsize done;
  static guint16 table[FP_N_CATEGORIES];

  if (g_once_init_enter (&done))
    {
      const guint8 *map = fp_category_table ();

      for (guint i = 0; i < G_N_ELEMENTS (preferred); i++)
        if (table[map[preferred[i]]] == 0)
          table[map[preferred[i]]] = preferred[i];
      for (guint mcc = 1; mcc < FP_MCC_TABLE_SIZE; mcc++)
        if (table[map[mcc]] == 0)
          table[map[mcc]] = (guint16) mcc;
      g_once_init_leave (&done, 1);
    }
  return table[category];
}

/* The customer's category instead of the merchant code's: spending
 * categories by a code of theirs, transfers and income by their flags. */
static void
apply_category_override (const char *category_id,
                         FpTxn      *t)
{
  FpCategory category;

  if (category_id == NULL || !fp_category_from_id (category_id, &category))
    return;

  if (category == FP_CATEGORY_TRANSFERS)
    {
      t->flags |= FP_TXN_TRANSFER;
      t->flags &= ~(guint32) FP_TXN_INCOME_HINT;
    }
  else if (category == FP_CATEGORY_INCOME)
    {
      t->flags &= ~(guint32) FP_TXN_TRANSFER;
      t->flags |= FP_TXN_INCOME_HINT;
    }
  else
    {
      t->flags &= ~(guint32) (FP_TXN_TRANSFER | FP_TXN_INCOME_HINT);
      t->mcc = representative_mcc (category);
    }
}

/* transaction id → category id the customer chose; NULL if none. */
static GHashTable *
load_overrides (FpCache  *self,
                GError  **error)
{
  g_autoptr(GHashTable) overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _fp_cache_prepare (self,
                                  "SELECT transaction_id, category FROM txn_annotations"
                                  " WHERE category IS NOT NULL", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (overrides,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "read categories chosen");
      return NULL;
    }
  return g_steal_pointer (&overrides);
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
 * category the customer chose for a transaction (`txn_annotations`)
 * replaces all of that: a spending category by a merchant code of it,
 * transfers and income by their flags. A transaction the bank flagged is
 * %FP_TXN_FRAUD, `online` channel is %FP_TXN_ONLINE; pending and declined
 * ones carry %FP_TXN_PENDING and %FP_TXN_DECLINED (fp_txn_state_flags()),
 * and declined attempts are left out of the balances. Merchants are named
 * by fp_merchant_display_name() (fp_insights_input_merchant_name()).
 * Transactions in another currency than the main one are skipped: the
 * engine does not convert currencies.
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
  g_autoptr(GHashTable) overrides = NULL;
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
  input->merchant_names = g_ptr_array_new_with_free_func (g_free);
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

  if (!(overrides = load_overrides (self, error)))
    return NULL;

  /* Without a range, no per-row test at all. */
  if (day_from > 0 || day_to > 0)
    sql = "SELECT txn_id, account_id, day, minute, amount_minor, currency, mcc,"
          " merchant, use_chip, is_fraud, category, txn_state, id, merchant_name, city"
          " FROM transactions WHERE day BETWEEN ?1 AND ?2";
  else
    sql = "SELECT txn_id, account_id, day, minute, amount_minor, currency, mcc,"
          " merchant, use_chip, is_fraud, category, txn_state, id, merchant_name, city"
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
      if (merchant != NULL && merchant[0] != '\0')
        {
          guint n_known = input->merchants->len;

          t.merchant_id = intern (merchants, input->merchants, merchant);
          /* Named once, from its first transaction. */
          if (input->merchants->len > n_known)
            g_ptr_array_add (input->merchant_names,
                             fp_merchant_display_name ((const char *) sqlite3_column_text (stmt, 13),
                                                       merchant,
                                                       (const char *) sqlite3_column_text (stmt, 10),
                                                       (guint) CLAMP (mcc, 0, 9999),
                                                       (const char *) sqlite3_column_text (stmt, 14),
                                                       channel != NULL && strcmp (channel, "online") == 0));
        }
      account_index = intern (accounts, input->account_ids, account);
      t.account_id = account_index;
      if (sqlite3_column_int (stmt, 9) != 0)
        t.flags |= FP_TXN_FRAUD;
      if (channel != NULL && strcmp (channel, "online") == 0)
        t.flags |= FP_TXN_ONLINE;
      apply_bank_category ((const char *) sqlite3_column_text (stmt, 10), &t);
      t.flags |= fp_txn_state_flags ((FpTxnState) sqlite3_column_int (stmt, 11));
      if (g_hash_table_size (overrides) > 0)
        apply_category_override (g_hash_table_lookup (overrides, sqlite3_column_text (stmt, 12)), &t);

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
