/* fp-tabformer-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import keeps the text of every field it cannot re-create exactly
 * (coordinates, zips, error lists) and checks every other field against the
 * way the exporter writes it, so that a file that imports also exports to
 * the same bytes; a field written differently is a bad row, not a silent
 * normalization. Line endings and the final newline are remembered per
 * file, and the transactions of each input file are written back to a file
 * of the same name.
 */

#define G_LOG_DOMAIN "fp-tabformer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fp-clock.h"
#include "fp-tabformer-private.h"

static void
import_info_free (gpointer data)
{
  ImportInfo *info = data;

  g_free (info->users.name);
  g_free (info->cards.name);
  for (guint i = 0; i < info->txn_files->len; i++)
    g_free (g_array_index (info->txn_files, SourceFile, i).name);
  g_array_unref (info->txn_files);
  g_free (info);
}

/* The three files */

static gboolean
read_users (FpBankData  *data,
            Reader      *reader,
            GError     **error)
{
  static const char * const columns[N_USER_FIELDS] = {
    "Person", "Current Age", "Retirement Age", "Birth Year", "Birth Month",
    "Gender", "Address", "Apartment", "City", "State", "Zipcode", "Latitude",
    "Longitude", "Per Capita Income - Zipcode", "Yearly Income - Person",
    "Total Debt", "FICO Score", "Num Credit Cards",
  };
  char *f[MAX_FIELDS];

  if (!tab_read_header (reader, USERS_HEADER, error))
    return FALSE;

  while (tab_reader_next (reader, error))
    {
      guint current_age, retirement_age, birth_year, birth_month, fico, n_cards;
      gint64 per_capita, income, debt;
      g_autofree char *username = NULL;
      FpBankCustomer *c;

      if (!tab_read_row (reader, f, N_USER_FIELDS, error))
        return FALSE;
      if (f[0][0] == '\0')
        return tab_bad_field (error, reader, f[0], columns[0]);
      if (!tab_parse_uint (f[1], 150, &current_age))
        return tab_bad_field (error, reader, f[1], columns[1]);
      if (!tab_parse_uint (f[2], 150, &retirement_age))
        return tab_bad_field (error, reader, f[2], columns[2]);
      if (!tab_parse_uint (f[3], 9999, &birth_year))
        return tab_bad_field (error, reader, f[3], columns[3]);
      if (!tab_parse_uint (f[4], 12, &birth_month) || birth_month == 0)
        return tab_bad_field (error, reader, f[4], columns[4]);
      if (f[5][0] == '\0')
        return tab_bad_field (error, reader, f[5], columns[5]);
      /* A ZIP code is text: "04101" keeps its zero, the dataset's "2101"
       * stays as it is. */
      if (!tab_is_digits (f[10], 3, 5))
        return tab_bad_field (error, reader, f[10], columns[10]);
      if (!tab_is_decimal (f[11], TRUE))
        return tab_bad_field (error, reader, f[11], columns[11]);
      if (!tab_is_decimal (f[12], TRUE))
        return tab_bad_field (error, reader, f[12], columns[12]);
      if (!tab_parse_money (f[13], TRUE, &per_capita))
        return tab_bad_field (error, reader, f[13], columns[13]);
      if (!tab_parse_money (f[14], TRUE, &income))
        return tab_bad_field (error, reader, f[14], columns[14]);
      if (!tab_parse_money (f[15], TRUE, &debt))
        return tab_bad_field (error, reader, f[15], columns[15]);
      if (!tab_parse_uint (f[16], 999, &fico))
        return tab_bad_field (error, reader, f[16], columns[16]);
      if (!tab_parse_uint (f[17], 99, &n_cards))
        return tab_bad_field (error, reader, f[17], columns[17]);

      username = g_strdup_printf ("user%u", fp_bank_data_get_n_customers (data));
      c = fp_bank_data_append_customer (data, username);
      c->person = fp_bank_data_intern_static (data, f[0]);
      c->current_age = current_age;
      c->retirement_age = retirement_age;
      c->birth_year = birth_year;
      c->birth_month = birth_month;
      c->gender = fp_bank_data_intern_static (data, f[5]);
      c->address = fp_bank_data_intern_static (data, f[6]);
      c->apartment = fp_bank_data_intern_static (data, f[7]);
      c->city = fp_bank_data_intern_static (data, f[8]);
      c->state = fp_bank_data_intern_static (data, f[9]);
      c->zipcode = fp_bank_data_intern_static (data, f[10]);
      c->latitude = fp_bank_data_intern_static (data, f[11]);
      c->longitude = fp_bank_data_intern_static (data, f[12]);
      c->per_capita_income = per_capita;
      c->yearly_income = income;
      c->total_debt = debt;
      c->fico_score = fico;
      c->num_credit_cards = n_cards;
    }

  return !reader->failed;
}

static guint32
find_card (FpBankData *data,
           guint       user,
           guint       card_index)
{
  guint n;
  const guint32 *cards = fp_bank_data_get_customer_cards (data, user, &n);

  for (guint i = 0; i < n; i++)
    if (fp_bank_data_get_card (data, cards[i])->card_index == card_index)
      return cards[i];
  return FP_BANK_NO_ID;
}

static gboolean
read_cards (FpBankData  *data,
            Reader      *reader,
            GError     **error)
{
  static const char * const columns[N_CARD_FIELDS] = {
    "User", "CARD INDEX", "Card Brand", "Card Type", "Card Number", "Expires",
    "CVV", "Has Chip", "Cards Issued", "Credit Limit", "Acct Open Date",
    "Year PIN last Changed", "Card on Dark Web",
  };
  char *f[MAX_FIELDS];
  guint n_users = fp_bank_data_get_n_customers (data);

  if (!tab_read_header (reader, CARDS_HEADER, error))
    return FALSE;

  while (tab_reader_next (reader, error))
    {
      guint user, index, exp_month, exp_year, issued, open_month, open_year, pin_year;
      gboolean has_chip, dark_web;
      gint64 limit;
      FpBankCard *card;

      if (!tab_read_row (reader, f, N_CARD_FIELDS, error))
        return FALSE;
      if (!tab_parse_uint (f[0], G_MAXINT32, &user))
        return tab_bad_field (error, reader, f[0], columns[0]);
      if (user >= n_users)
        {
          tab_set_row_error (error, reader, _("the user %u is not in %s"), user, FP_TABFORMER_USERS_FILE);
          return FALSE;
        }
      if (!tab_parse_uint (f[1], 999, &index))
        return tab_bad_field (error, reader, f[1], columns[1]);
      if (find_card (data, user, index) != FP_BANK_NO_ID)
        {
          tab_set_row_error (error, reader, _("the card %u of user %u appears twice"), index, user);
          return FALSE;
        }
      if (f[2][0] == '\0')
        return tab_bad_field (error, reader, f[2], columns[2]);
      if (f[3][0] == '\0')
        return tab_bad_field (error, reader, f[3], columns[3]);
      if (!tab_is_digits (f[4], 12, 19))
        return tab_bad_field (error, reader, f[4], columns[4]);
      if (!tab_parse_month_year (f[5], &exp_month, &exp_year))
        return tab_bad_field (error, reader, f[5], columns[5]);
      if (!tab_is_digits (f[6], 1, 4))
        return tab_bad_field (error, reader, f[6], columns[6]);
      if (!tab_parse_choice (f[7], "YES", "NO", &has_chip))
        return tab_bad_field (error, reader, f[7], columns[7]);
      if (!tab_parse_uint (f[8], 99, &issued))
        return tab_bad_field (error, reader, f[8], columns[8]);
      if (!tab_parse_money (f[9], TRUE, &limit))
        return tab_bad_field (error, reader, f[9], columns[9]);
      if (!tab_parse_month_year (f[10], &open_month, &open_year))
        return tab_bad_field (error, reader, f[10], columns[10]);
      if (!tab_parse_uint (f[11], 9999, &pin_year))
        return tab_bad_field (error, reader, f[11], columns[11]);
      if (!tab_parse_choice (f[12], "Yes", "No", &dark_web))
        return tab_bad_field (error, reader, f[12], columns[12]);

      card = fp_bank_data_append_card (data, user, f[4], f[6]);
      card->card_index = index;
      card->brand = fp_bank_data_intern_static (data, f[2]);
      card->card_type = fp_bank_data_intern_static (data, f[3]);
      card->expires_month = exp_month;
      card->expires_year = exp_year;
      card->has_chip = has_chip;
      card->cards_issued = issued;
      card->credit_limit = limit;
      card->open_month = open_month;
      card->open_year = open_year;
      card->year_pin_last_changed = pin_year;
      card->on_dark_web = dark_web;
    }

  return !reader->failed;
}

/* Each customer gets a current account, where debit cards book, and an
 * account per credit card. */
static void
create_accounts (FpBankData *data)
{
  for (guint32 u = 0; u < fp_bank_data_get_n_customers (data); u++)
    {
      FpBankAccount *current = fp_bank_data_append_account (data, u, FP_BANK_ACCOUNT_CURRENT);
      guint32 current_id = current->id;
      const guint32 *cards;
      guint n;

      current->name = "Everyday Checking";
      g_snprintf (current->last_four, sizeof current->last_four, "%04u", (u * 7919u + 1234u) % 10000u);

      cards = fp_bank_data_get_customer_cards (data, u, &n);
      for (guint i = 0; i < n; i++)
        {
          FpBankCard *card = (FpBankCard *) fp_bank_data_get_card (data, cards[i]);

          if (g_str_equal (card->card_type, "Credit"))
            {
              FpBankAccount *account = fp_bank_data_append_account (data, u, FP_BANK_ACCOUNT_CREDIT_CARD);
              g_autofree char *name = g_strdup_printf ("%s Credit Card", card->brand);

              account->name = fp_bank_data_intern_static (data, name);
              memcpy (account->last_four, card->last_four, sizeof account->last_four);
              account->credit_limit = card->credit_limit;
              account->card = card->id;
              card->account = account->id;
            }
          else
            card->account = current_id;
        }
    }
}

/* The files hold no balances: choose opening balances so that the current
 * account holds two months of income and each card owes a tenth of its
 * limit. */
static void
set_opening_balances (FpBankData *data)
{
  for (guint32 a = 0; a < fp_bank_data_get_n_accounts (data); a++)
    {
      const FpBankAccount *account = fp_bank_data_get_account (data, a);
      gint64 target;

      if (account->kind == FP_BANK_ACCOUNT_CURRENT)
        target = fp_bank_data_get_customer (data, account->customer)->yearly_income / 6;
      else
        target = -(account->credit_limit / 10);
      fp_bank_data_set_opening_balance (data, a, target - account->booked_sum);
    }
}

static gboolean
read_transactions (FpBankData  *data,
                   Reader      *reader,
                   GError     **error)
{
  static const char * const columns[N_TXN_FIELDS] = {
    "User", "Card", "Year", "Month", "Day", "Time", "Amount", "Use Chip",
    "Merchant Name", "Merchant City", "Merchant State", "Zip", "MCC",
    "Errors?", "Is Fraud?",
  };
  char *f[MAX_FIELDS];
  guint n_users = fp_bank_data_get_n_customers (data);
  guint last_user = G_MAXUINT, last_index = G_MAXUINT;
  guint32 last_card = FP_BANK_NO_ID;
  guint32 last_account = FP_BANK_NO_ID;

  if (!tab_read_header (reader, TXNS_HEADER, error))
    return FALSE;

  while (tab_reader_next (reader, error))
    {
      FpBankTxnRecord r = { 0 };
      guint user, index, year, month, day, mcc;
      gboolean fraud;
      gint64 amount;
      const char *t;
      guint32 id;

      if (!tab_read_row (reader, f, N_TXN_FIELDS, error))
        return FALSE;
      if (fp_bank_data_get_n_transactions (data) >= FP_BANK_MAX_TRANSACTIONS)
        {
          tab_set_row_error (error, reader, _("the sandbox holds at most %u transactions"),
                             FP_BANK_MAX_TRANSACTIONS);
          return FALSE;
        }
      if (!tab_parse_uint (f[0], G_MAXINT32, &user))
        return tab_bad_field (error, reader, f[0], columns[0]);
      if (!tab_parse_uint (f[1], 999, &index))
        return tab_bad_field (error, reader, f[1], columns[1]);
      if (user != last_user || index != last_index)
        {
          if (user >= n_users)
            {
              tab_set_row_error (error, reader, _("the user %u is not in %s"), user, FP_TABFORMER_USERS_FILE);
              return FALSE;
            }
          last_card = find_card (data, user, index);
          if (last_card == FP_BANK_NO_ID)
            {
              tab_set_row_error (error, reader, _("the card %u of user %u is not in %s"),
                                 index, user, FP_TABFORMER_CARDS_FILE);
              return FALSE;
            }
          last_account = fp_bank_data_get_card (data, last_card)->account;
          last_user = user;
          last_index = index;
        }
      if (!tab_parse_uint (f[2], 2200, &year) || year < 1900)
        return tab_bad_field (error, reader, f[2], columns[2]);
      if (!tab_parse_uint (f[3], 12, &month) || month == 0)
        return tab_bad_field (error, reader, f[3], columns[3]);
      if (!tab_parse_uint (f[4], 31, &day) || day == 0 || day > fp_bank_days_in_month ((gint) year, month))
        return tab_bad_field (error, reader, f[4], columns[4]);
      t = f[5];
      if (strlen (t) != 5 || t[2] != ':' || !g_ascii_isdigit (t[0]) || !g_ascii_isdigit (t[1]) ||
          !g_ascii_isdigit (t[3]) || !g_ascii_isdigit (t[4]) ||
          (t[0] - '0') * 10 + (t[1] - '0') > 23 || (t[3] - '0') * 10 + (t[4] - '0') > 59)
        return tab_bad_field (error, reader, f[5], columns[5]);
      if (!tab_parse_money (f[6], FALSE, &amount) || amount == G_MININT64)
        return tab_bad_field (error, reader, f[6], columns[6]);
      if (strcmp (f[7], "Swipe Transaction") == 0)
        r.use_chip = FP_BANK_USE_CHIP_SWIPE;
      else if (strcmp (f[7], "Chip Transaction") == 0)
        r.use_chip = FP_BANK_USE_CHIP_CHIP;
      else if (strcmp (f[7], "Online Transaction") == 0)
        r.use_chip = FP_BANK_USE_CHIP_ONLINE;
      else
        return tab_bad_field (error, reader, f[7], columns[7]);
      if (!tab_parse_int64 (f[8], &r.merchant))
        return tab_bad_field (error, reader, f[8], columns[8]);
      if (f[9][0] == '\0')
        return tab_bad_field (error, reader, f[9], columns[9]);
      if (f[11][0] != '\0' && !tab_is_decimal (f[11], FALSE))
        return tab_bad_field (error, reader, f[11], columns[11]);
      if (!tab_parse_uint (f[12], 9999, &mcc))
        return tab_bad_field (error, reader, f[12], columns[12]);
      if (!tab_is_error_list (f[13]))
        return tab_bad_field (error, reader, f[13], columns[13]);
      if (!tab_parse_choice (f[14], "Yes", "No", &fraud))
        return tab_bad_field (error, reader, f[14], columns[14]);

      /* TabFormer's purchases are positive; the bank's debits negative. */
      r.amount = -amount;
      r.minutes = fp_clock_day_from_civil ((gint) year, month, day) * 1440 +
                  ((t[0] - '0') * 10 + (t[1] - '0')) * 60 + (t[3] - '0') * 10 + (t[4] - '0');
      r.account = last_account;
      r.card = last_card;
      r.city = fp_bank_data_intern (data, f[9]);
      r.state = fp_bank_data_intern (data, f[10]);
      r.zip = fp_bank_data_intern (data, f[11]);
      r.text = fp_bank_data_intern (data, f[13]);
      r.mcc = mcc;
      r.category = FP_BANK_CATEGORY_CARD;
      r.is_fraud = fraud ? 1 : 0;

      id = fp_bank_data_append_record (data, &r);
      fp_bank_data_push_change (data, FP_BANK_CHANGE_CREATED, id, r.minutes);
    }

  return !reader->failed;
}

static gboolean
read_file (FpBankData  *data,
           const char  *dir,
           SourceFile  *source,
           gboolean   (*read_rows) (FpBankData *, Reader *, GError **),
           GError     **error)
{
  g_autofree char *path = g_build_filename (dir, source->name, NULL);
  Reader reader;
  gboolean ok;

  if (!tab_reader_open (&reader, path, source, error))
    return FALSE;
  ok = read_rows (data, &reader, error);
  tab_reader_close (&reader);

  return ok;
}

static int
compare_user_files (gconstpointer a,
                    gconstpointer b)
{
  const char *na = *(const char * const *) a;
  const char *nb = *(const char * const *) b;
  guint64 ua = g_ascii_strtoull (na + 4, NULL, 10);
  guint64 ub = g_ascii_strtoull (nb + 4, NULL, 10);

  if (ua != ub)
    return ua < ub ? -1 : 1;
  return strcmp (na, nb);
}

/* The transactions files of @dir, in reading order. */
static GPtrArray *
find_transaction_files (const char  *dir,
                        GError     **error)
{
  static const char * const names[] = {
    FP_TABFORMER_TRANSACTIONS_FILE,
    "credit_card_transactions-ibm_v2.csv",
    "card_transaction.v1.csv",
  };
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = NULL;
  const char *name;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_ptr_array_add (found, g_strdup (names[i]));
          return g_steal_pointer (&found);
        }
    }

  d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      const char *p = name + 4;

      if (!g_str_has_prefix (name, "User") || !g_ascii_isdigit (*p))
        continue;
      while (g_ascii_isdigit (*p))
        p++;
      if (strcmp (p, "_credit_card_transactions.csv") == 0)
        g_ptr_array_add (found, g_strdup (name));
    }
  if (found->len == 0)
    {
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_MISSING_FILE,
                   _("No card transactions file in %s (expected %s)"),
                   display, FP_TABFORMER_TRANSACTIONS_FILE);
      return NULL;
    }
  g_ptr_array_sort (found, compare_user_files);

  return g_steal_pointer (&found);
}

FpBankData *
fp_tabformer_import (const char  *dir,
                     GError     **error)
{
  g_autoptr(FpBankData) data = NULL;
  g_autoptr(GPtrArray) txn_names = NULL;
  ImportInfo *info;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  txn_names = find_transaction_files (dir, error);
  if (txn_names == NULL)
    return NULL;

  data = fp_bank_data_new ();
  info = g_new0 (ImportInfo, 1);
  info->users.name = g_strdup (FP_TABFORMER_USERS_FILE);
  info->cards.name = g_strdup (FP_TABFORMER_CARDS_FILE);
  info->txn_files = g_array_new (FALSE, TRUE, sizeof (SourceFile));
  fp_bank_data_set_import_info (data, info, import_info_free);

  if (!read_file (data, dir, &info->users, read_users, error) ||
      !read_file (data, dir, &info->cards, read_cards, error))
    return NULL;

  create_accounts (data);

  for (guint i = 0; i < txn_names->len; i++)
    {
      SourceFile source = { 0 };
      SourceFile *stored;

      source.name = g_strdup (g_ptr_array_index (txn_names, i));
      source.first_txn = fp_bank_data_get_n_transactions (data);
      g_array_append_val (info->txn_files, source);
      stored = &g_array_index (info->txn_files, SourceFile, i);
      if (!read_file (data, dir, stored, read_transactions, error))
        return NULL;
      stored->end_txn = fp_bank_data_get_n_transactions (data);
    }

  set_opening_balances (data);
  fp_bank_data_seal (data);

  return g_steal_pointer (&data);
}
