/* test-tabformer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The TabFormer importer and exporter against small files written by hand in
 * the dataset's format (fixtures/tabformer) and a list of bad rows
 * (fixtures/tabformer-bad-rows.txt). Expected values were read off the
 * fixtures by hand (sums checked with awk), not taken from the code.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "fp-bank-data.h"
#include "fp-tabformer.h"

static const char * const files[] = {
  FP_TABFORMER_USERS_FILE,
  FP_TABFORMER_CARDS_FILE,
  FP_TABFORMER_TRANSACTIONS_FILE,
};

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "sandbox", "fixtures", "tabformer", name, NULL);
}

static char *
read_text (const char *path)
{
  char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
write_text (const char *dir,
            const char *name,
            const char *text,
            gssize      len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gsize size = len < 0 ? strlen (text) : (gsize) len;
  FILE *file;

  /* Plain stdio, no fsync: the files are scratch. */
  file = g_fopen (path, "wb");
  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (text, 1, size, file), ==, size);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* A temporary copy of the fixtures. */
static char *
copy_fixtures (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("fp-tabformer-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = fixture_path (files[i]);
      g_autofree char *text = read_text (path);

      write_text (dir, files[i], text, -1);
    }
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("fp-tabformer-out-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
assert_same_file (const char *dir_a,
                  const char *dir_b,
                  const char *name)
{
  g_autofree char *path_a = g_build_filename (dir_a, name, NULL);
  g_autofree char *path_b = g_build_filename (dir_b, name, NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize len_a, len_b;

  g_assert_true (g_file_get_contents (path_a, &a, &len_a, NULL));
  g_assert_true (g_file_get_contents (path_b, &b, &len_b, NULL));
  g_assert_cmpuint (len_a, ==, len_b);
  g_assert_true (memcmp (a, b, len_a) == 0);
}

/* Imports @in, exports to a new directory and checks that @names came back
 * byte for byte. */
static void
assert_round_trip (const char         *in,
                   const char * const *names,
                   guint               n_names)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpBankData) data = fp_tabformer_import (in, &error);
  g_autofree char *out = make_tmp_dir ();

  g_assert_no_error (error);
  g_assert_nonnull (data);
  g_assert_true (fp_tabformer_export (data, out, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_names; i++)
    assert_same_file (in, out, names[i]);

  remove_dir (out);
}

static void
test_round_trip (void)
{
  g_autofree char *in = fixture_path (NULL);

  assert_round_trip (in, files, G_N_ELEMENTS (files));
}

static const FpBankAccount *
account_of (FpBankData *data,
            guint32     customer,
            guint       index)
{
  guint n;
  const guint32 *accounts = fp_bank_data_get_customer_accounts (data, customer, &n);

  g_assert_cmpuint (index, <, n);
  return fp_bank_data_get_account (data, accounts[index]);
}

static void
test_values (void)
{
  g_autofree char *in = fixture_path (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpBankData) data = fp_tabformer_import (in, &error);
  const FpBankCustomer *c;
  const FpBankCard *card;
  const FpBankAccount *a;
  FpBankTransaction t;
  const guint32 *ids;
  guint n, n_fraud = 0;

  g_assert_no_error (error);

  g_assert_cmpuint (fp_bank_data_get_n_customers (data), ==, 4);
  g_assert_cmpuint (fp_bank_data_get_n_cards (data), ==, 7);
  g_assert_cmpuint (fp_bank_data_get_n_transactions (data), ==, 30);

  /* Users: the row is the id; money is whole dollars. */
  c = fp_bank_data_get_customer (data, 0);
  g_assert_cmpstr (c->person, ==, "Maya Patel");
  g_assert_cmpstr (c->username, ==, "user0");
  g_assert_cmpuint (c->current_age, ==, 53);
  g_assert_cmpuint (c->birth_month, ==, 11);
  g_assert_cmpstr (c->apartment, ==, "");
  g_assert_cmpstr (c->latitude, ==, "34.15");
  g_assert_cmpstr (c->longitude, ==, "-117.76");
  g_assert_cmpint (c->per_capita_income, ==, 2927800);
  g_assert_cmpint (c->yearly_income, ==, 5969600);
  g_assert_cmpint (c->total_debt, ==, 12761300);
  g_assert_cmpuint (c->fico_score, ==, 787);
  c = fp_bank_data_find_customer (data, "user1");
  g_assert_nonnull (c);
  g_assert_cmpuint (c->id, ==, 1);
  g_assert_cmpstr (c->zipcode, ==, "2101");
  g_assert_cmpstr (fp_bank_data_get_customer (data, 2)->apartment, ==, "12");
  g_assert_cmpint (fp_bank_data_get_customer (data, 3)->total_debt, ==, 0);
  g_assert_null (fp_bank_data_find_customer (data, "demo"));
  g_assert_null (fp_bank_data_get_customer (data, 4));

  /* Cards: last four only. */
  ids = fp_bank_data_get_customer_cards (data, 1, &n);
  g_assert_cmpuint (n, ==, 2);
  card = fp_bank_data_get_card (data, ids[0]);
  g_assert_cmpstr (card->brand, ==, "Amex");
  g_assert_cmpstr (card->last_four, ==, "1482");
  g_assert_false (card->has_chip);
  g_assert_cmpint (card->credit_limit, ==, 1240000);
  card = fp_bank_data_get_card (data, ids[1]);
  g_assert_cmpstr (card->card_type, ==, "Debit (Prepaid)");
  g_assert_cmpuint (card->expires_month, ==, 3);
  g_assert_cmpuint (card->expires_year, ==, 2023);
  g_assert_true (card->on_dark_web);

  /* Accounts: current first, then one per credit card, named by the
   * card's kind, not its digits; sums by hand. Declined attempts (rows
   * with errors) are in the feed's count and sum but move no balance:
   * booked_sum leaves them out. */
  a = account_of (data, 0, 0);
  g_assert_cmpint (a->kind, ==, FP_BANK_ACCOUNT_CURRENT);
  g_assert_cmpuint (a->n_transactions, ==, 8);
  g_assert_cmpint (a->transactions_sum, ==, -147646);
  g_assert_cmpint (a->booked_sum, ==, -144546);     /* $6.00 and $25.00 declined */
  g_assert_cmpint (a->balance, ==, a->opening_balance + a->booked_sum);
  a = account_of (data, 0, 1);
  g_assert_cmpint (a->kind, ==, FP_BANK_ACCOUNT_CREDIT_CARD);
  g_assert_cmpstr (a->name, ==, "Visa Credit Card");
  g_assert_cmpuint (a->n_transactions, ==, 4);
  g_assert_cmpint (a->transactions_sum, ==, -48490);
  g_assert_cmpint (a->booked_sum, ==, -46670);
  g_assert_cmpstr (a->last_four, ==, "9986");
  a = account_of (data, 1, 0);
  g_assert_cmpuint (a->n_transactions, ==, 2);
  g_assert_cmpint (a->transactions_sum, ==, -6275);
  g_assert_cmpint (a->booked_sum, ==, -2000);
  a = account_of (data, 1, 1);
  g_assert_cmpuint (a->n_transactions, ==, 6);
  g_assert_cmpint (a->transactions_sum, ==, -190469);
  g_assert_cmpint (a->booked_sum, ==, -129269);
  a = account_of (data, 2, 0);
  g_assert_cmpuint (a->n_transactions, ==, 0);
  a = account_of (data, 2, 1);
  g_assert_cmpint (a->transactions_sum, ==, -7562);
  g_assert_cmpint (a->booked_sum, ==, -7562);
  a = account_of (data, 3, 0);
  g_assert_cmpint (a->transactions_sum, ==, -17980);
  g_assert_cmpint (a->booked_sum, ==, -11580);
  a = account_of (data, 3, 1);
  g_assert_cmpint (a->transactions_sum, ==, -201898);
  /* A $1,999.00 attempt with a bad card number moved nothing. */
  g_assert_cmpint (a->booked_sum, ==, -1998);
  g_assert_cmpint (a->balance, ==, a->opening_balance + a->booked_sum);

  /* Transactions, in file order. */
  g_assert_true (fp_bank_data_get_transaction (data, 0, &t));
  g_assert_cmpint (t.amount, ==, -13409);
  g_assert_cmpuint (t.year, ==, 2002);
  g_assert_cmpuint (t.month, ==, 9);
  g_assert_cmpuint (t.day, ==, 1);
  g_assert_cmpuint (t.hour, ==, 6);
  g_assert_cmpuint (t.minute, ==, 21);
  /* 2002-09-01 06:21 UTC */
  g_assert_cmpint (t.booked_at, ==, G_GINT64_CONSTANT (1030861260));
  g_assert_cmpint (t.merchant_id, ==, G_GINT64_CONSTANT (3527213246127876953));
  g_assert_cmpstr (t.merchant_zip, ==, "91750.0");
  g_assert_cmpint (t.use_chip, ==, FP_BANK_USE_CHIP_SWIPE);
  g_assert_cmpint (t.category, ==, FP_BANK_CATEGORY_CARD);
  g_assert_null (t.description);
  g_assert_cmpuint (t.mcc, ==, 5300);

  g_assert_true (fp_bank_data_get_transaction (data, 3, &t));
  g_assert_cmpint (t.amount, ==, 5400);                  /* the refund $-54.00 */

  g_assert_true (fp_bank_data_get_transaction (data, 6, &t));
  g_assert_cmpstr (t.merchant_city, ==, "ONLINE");
  g_assert_cmpstr (t.merchant_state, ==, "");
  g_assert_cmpstr (t.merchant_zip, ==, "");
  g_assert_cmpint (t.use_chip, ==, FP_BANK_USE_CHIP_ONLINE);
  g_assert_cmpuint (t.month, ==, 2);
  g_assert_cmpuint (t.day, ==, 29);
  g_assert_cmpuint (t.hour, ==, 23);
  g_assert_cmpuint (t.minute, ==, 59);

  g_assert_true (fp_bank_data_get_transaction (data, 7, &t));
  g_assert_cmpstr (t.errors, ==, "Bad PIN,Insufficient Balance");
  g_assert_true (fp_bank_data_get_transaction (data, 10, &t));
  g_assert_cmpstr (t.merchant_state, ==, "Italy");
  g_assert_cmpint (t.use_chip, ==, FP_BANK_USE_CHIP_CHIP);
  g_assert_true (fp_bank_data_get_transaction (data, 12, &t));
  g_assert_cmpstr (t.merchant_zip, ==, "2101.0");
  g_assert_cmpint (t.merchant_id, ==, 987654321);
  g_assert_true (fp_bank_data_get_transaction (data, 29, &t));
  g_assert_cmpint (t.merchant_id, ==, G_MININT64);
  g_assert_cmpint (t.amount, ==, -199900);
  g_assert_true (t.is_fraud);

  for (guint32 i = 0; i < 30; i++)
    {
      g_assert_true (fp_bank_data_get_transaction (data, i, &t));
      n_fraud += t.is_fraud ? 1 : 0;
      g_assert_false (t.is_deleted);
    }
  g_assert_cmpuint (n_fraud, ==, 4);
  g_assert_false (fp_bank_data_get_transaction (data, 30, &t));
}

/* The feed: each transaction created once, in time order, paged. */
static void
test_feed (void)
{
  g_autofree char *in = fixture_path (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpBankData) data = fp_tabformer_import (in, &error);
  const FpBankChange *page;
  gint64 last = G_MININT64;
  guint n, total = 0;
  guint64 after = 0;
  gboolean seen[30] = { FALSE };

  g_assert_no_error (error);
  g_assert_cmpuint (fp_bank_data_get_latest_seq (data, 1), ==, 8);

  /* Pages of 3: 3 + 3 + 2. */
  while ((page = fp_bank_data_get_changes (data, 1, after, 3, &n)) != NULL)
    {
      g_assert_cmpuint (n, <=, 3);
      for (guint i = 0; i < n; i++)
        {
          FpBankTransaction t;

          g_assert_cmpuint (page[i].seq, ==, after + i + 1);
          g_assert_cmpint (page[i].kind, ==, FP_BANK_CHANGE_CREATED);
          g_assert_true (fp_bank_data_get_transaction (data, page[i].txn, &t));
          g_assert_cmpuint (t.customer, ==, 1);
          g_assert_cmpint (t.booked_at, >=, last);
          g_assert_false (seen[page[i].txn]);
          seen[page[i].txn] = TRUE;
          last = t.booked_at;
        }
      after += n;
      total += n;
    }
  g_assert_cmpuint (total, ==, 8);
  g_assert_cmpuint (n, ==, 0);

  /* User 0: the file has card 0 (2002, then 2020) before card 1 (2014);
   * the feed has 2002, 2014, 2020. */
  page = fp_bank_data_get_changes (data, 0, 0, 100, &n);
  g_assert_cmpuint (n, ==, 12);
  g_assert_cmpuint (page[0].txn, ==, 0);
  g_assert_cmpuint (page[5].txn, ==, 5);
  g_assert_cmpuint (page[6].txn, ==, 8);
  g_assert_cmpuint (page[9].txn, ==, 11);
  g_assert_cmpuint (page[10].txn, ==, 6);
  g_assert_cmpuint (page[11].txn, ==, 7);
  g_assert_cmpuint (page[11].seq, ==, 12);
  g_assert_null (fp_bank_data_get_changes (data, 1, 8, 10, &n));
  g_assert_null (fp_bank_data_get_changes (data, 1, 0, 0, &n));
  g_assert_null (fp_bank_data_get_changes (data, 9, 0, 10, &n));
  g_assert_cmpuint (n, ==, 0);
}

/* Changes after the import keep balances and the feed right, and the
 * exporter writes them. */
static void
test_changes (void)
{
  g_autofree char *in = fixture_path (NULL);
  g_autofree char *out = make_tmp_dir ();
  g_autofree char *path = g_build_filename (out, FP_TABFORMER_TRANSACTIONS_FILE, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpBankData) data = fp_tabformer_import (in, &error);
  const FpBankAccount *a;
  FpBankTransaction t = { 0 };
  const FpBankChange *change;
  guint32 id;
  guint n;
  gint64 balance;

  g_assert_no_error (error);
  a = account_of (data, 3, 1);
  balance = a->balance;

  t.account = a->id;
  t.card = a->card;
  t.booked_at = G_GINT64_CONSTANT (1600000000);    /* 2020-09-13 12:26:40 */
  t.amount = -4250;
  t.mcc = 5411;
  t.merchant_id = -42;
  t.merchant_city = "New York";
  t.merchant_state = "NY";
  t.merchant_zip = "10069.0";
  t.use_chip = FP_BANK_USE_CHIP_CHIP;
  t.errors = "";
  id = fp_bank_data_add_transaction (data, &t, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (id, ==, 30);
  g_assert_cmpint (a->balance, ==, balance - 4250);
  g_assert_cmpuint (fp_bank_data_get_latest_seq (data, 3), ==, 7);
  change = fp_bank_data_get_changes (data, 3, 6, 10, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (change->txn, ==, 30);
  g_assert_cmpint (change->kind, ==, FP_BANK_CHANGE_CREATED);

  g_assert_true (fp_bank_data_update_transaction (data, 30, -5000, NULL, t.booked_at, &error));
  g_assert_cmpint (a->balance, ==, balance - 5000);
  /* 29 is the declined $1,999.00 attempt: it moved nothing, so deleting
   * it moves nothing either. */
  g_assert_true (fp_bank_data_delete_transaction (data, 29, &error));
  g_assert_no_error (error);
  g_assert_cmpint (a->balance, ==, balance - 5000);
  g_assert_cmpuint (a->n_transactions, ==, 3);
  change = fp_bank_data_get_changes (data, 3, 7, 10, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (change[0].kind, ==, FP_BANK_CHANGE_UPDATED);
  g_assert_cmpint (change[1].kind, ==, FP_BANK_CHANGE_DELETED);
  g_assert_cmpuint (change[1].seq, ==, 9);
  g_assert_true (fp_bank_data_get_transaction (data, 29, &t));
  g_assert_true (t.is_deleted);

  g_assert_false (fp_bank_data_delete_transaction (data, 29, &error));
  g_assert_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A card of another customer is refused. */
  t.account = account_of (data, 0, 0)->id;
  t.card = a->card;
  g_assert_cmpuint (fp_bank_data_add_transaction (data, &t, &error), ==, FP_BANK_NO_ID);
  g_assert_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (fp_tabformer_export (data, out, &error));
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_nonnull (strstr (text, "\n3,1,2020,9,13,12:26,$50.00,Chip Transaction,-42,New York,NY,10069.0,5411,,No\n"));
  g_assert_null (strstr (text, "-9223372036854775808"));
  remove_dir (out);
}

static char *
to_crlf (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strjoinv ("\r\n", lines);
}

/* Windows line endings, and a byte order mark on one file. */
static void
test_crlf (void)
{
  g_autofree char *dir = copy_fixtures ();

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_autofree char *text = read_text (path);
      g_autofree char *crlf = to_crlf (text);
      g_autofree char *bom = g_strconcat ("\xef\xbb\xbf", crlf, NULL);

      write_text (dir, files[i], i == 1 ? bom : crlf, -1);
    }
  assert_round_trip (dir, files, G_N_ELEMENTS (files));
  remove_dir (dir);
}

static void
test_no_final_newline (void)
{
  g_autofree char *dir = copy_fixtures ();
  g_autofree char *path = g_build_filename (dir, FP_TABFORMER_TRANSACTIONS_FILE, NULL);
  g_autofree char *text = read_text (path);

  g_assert_true (g_str_has_suffix (text, "\n"));
  write_text (dir, FP_TABFORMER_TRANSACTIONS_FILE, text, (gssize) strlen (text) - 1);
  assert_round_trip (dir, files, G_N_ELEMENTS (files));
  remove_dir (dir);
}

/* The dataset's per-user files: User<N>_credit_card_transactions.csv, read
 * in the order of N and written back under the same names. */
static void
test_user_files (void)
{
  static const char * const names[] = {
    FP_TABFORMER_USERS_FILE,
    FP_TABFORMER_CARDS_FILE,
    "User0_credit_card_transactions.csv",
    "User1_credit_card_transactions.csv",
    "User2_credit_card_transactions.csv",
    "User3_credit_card_transactions.csv",
  };
  g_autofree char *dir = copy_fixtures ();
  g_autofree char *path = g_build_filename (dir, FP_TABFORMER_TRANSACTIONS_FILE, NULL);
  g_autofree char *text = read_text (path);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *parts[4];
  g_autoptr(GError) error = NULL;
  g_autoptr(FpBankData) data = NULL;
  FpBankTransaction t;

  for (guint u = 0; u < 4; u++)
    parts[u] = g_string_new (lines[0]);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      guint u = (guint) (lines[i][0] - '0');

      g_string_append_printf (parts[u], "\n%s", lines[i]);
    }
  /* Written in reverse, so that the directory order cannot help. */
  for (guint u = 4; u-- > 0;)
    {
      g_string_append_c (parts[u], '\n');
      write_text (dir, names[2 + u], parts[u]->str, -1);
      g_string_free (parts[u], TRUE);
    }
  g_assert_cmpint (g_unlink (path), ==, 0);

  data = fp_tabformer_import (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fp_bank_data_get_n_transactions (data), ==, 30);
  g_assert_true (fp_bank_data_get_transaction (data, 12, &t));
  g_assert_cmpuint (t.customer, ==, 1);

  assert_round_trip (dir, names, G_N_ELEMENTS (names));
  remove_dir (dir);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n' ? 1 : 0;
  return n;
}

static void
test_bad_rows (void)
{
  g_autofree char *list_path = g_test_build_filename (G_TEST_DIST, "sandbox", "fixtures",
                                                      "tabformer-bad-rows.txt", NULL);
  g_autofree char *list = read_text (list_path);
  g_auto(GStrv) lines = g_strsplit (list, "\n", -1);
  guint n_cases = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      g_autofree char *dir = NULL;
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autofree char *appended = NULL;
      g_autofree char *bad = NULL;
      g_autofree char *prefix = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(FpBankData) data = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      parts = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (parts), ==, 3);

      dir = copy_fixtures ();
      path = g_build_filename (dir, parts[0], NULL);
      text = read_text (path);
      appended = g_strcompress (parts[1]);
      bad = g_strconcat (text, appended, NULL);
      write_text (dir, parts[0], bad, -1);

      data = fp_tabformer_import (dir, &error);
      g_test_message ("%s: %s", parts[2], error != NULL ? error->message : "(no error)");
      g_assert_null (data);
      g_assert_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID);
      prefix = g_strdup_printf ("%s:%u: ", parts[0], count_lines (text) + 1);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_assert_nonnull (strstr (error->message, parts[2]));
      remove_dir (dir);
      n_cases++;
    }
  g_assert_cmpuint (n_cases, >=, 30);
}

static void
assert_import_fails (const char *dir,
                     const char *file,
                     const char *text,
                     gssize      len,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpBankData) data = NULL;

  write_text (dir, file, text, len);
  data = fp_tabformer_import (dir, &error);
  g_assert_null (data);
  g_assert_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, expected));
}

static void
test_hostile (void)
{
  g_autofree char *dir = copy_fixtures ();
  g_autofree char *path = g_build_filename (dir, FP_TABFORMER_USERS_FILE, NULL);
  g_autofree char *users = read_text (path);
  static const char nul_row[] = "Nul\0Person,53,66,1966,11,Female,462 Rose Lane,,La Verne,CA,91750,34.15,-117.76,$29278,$59696,$127613,787,5\n";
  g_autoptr(GString) with_nul = g_string_new (users);
  g_autoptr(GString) many = g_string_new (users);
  g_autoptr(GString) longer = g_string_new (users);

  g_string_append_len (with_nul, nul_row, sizeof nul_row - 1);
  assert_import_fails (dir, FP_TABFORMER_USERS_FILE, with_nul->str, (gssize) with_nul->len,
                       "sd254_users.csv:6: ");

  /* Hundreds of fields in one line. */
  for (guint i = 0; i < 1500; i++)
    g_string_append (many, "x,");
  g_string_append (many, "x\n");
  assert_import_fails (dir, FP_TABFORMER_USERS_FILE, many->str, -1,
                       "sd254_users.csv:6: expected 18 fields but found 1501");
  /* A line over the limit, refused without reading it whole. */
  for (guint i = 0; i < 2100; i++)
    g_string_append (longer, "x,");
  g_string_append (longer, "x\n");
  assert_import_fails (dir, FP_TABFORMER_USERS_FILE, longer->str, -1,
                       "sd254_users.csv:6: the line is longer than 4096 bytes");

  assert_import_fails (dir, FP_TABFORMER_USERS_FILE,
                       "person,Current Age\nMaya,53\n", -1, "sd254_users.csv:1: the header is not");
  assert_import_fails (dir, FP_TABFORMER_USERS_FILE, "", 0, "sd254_users.csv:1: the file is empty");
  write_text (dir, FP_TABFORMER_USERS_FILE, users, -1);
  assert_import_fails (dir, FP_TABFORMER_TRANSACTIONS_FILE,
                       "User,Card,Year,Month,Day,Time,Amount\n", -1,
                       "credit_card_transactions.csv:1: the header is not");
  remove_dir (dir);
}

/* A 64 MiB line: refused after its first kilobytes, naming its line;
 * nothing of the import is kept. */
static void
test_huge_line (void)
{
  g_autofree char *dir = copy_fixtures ();
  g_autofree char *path = g_build_filename (dir, FP_TABFORMER_TRANSACTIONS_FILE, NULL);
  g_autofree char *text = read_text (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpBankData) data = NULL;
  gsize huge = 64 * 1024 * 1024;
  FILE *f;

  f = fopen (path, "ab");
  g_assert_nonnull (f);
  for (gsize written = 0; written < huge; written += 1024 * 1024)
    {
      static char block[1024 * 1024];

      memset (block, '7', sizeof block);
      g_assert_cmpuint (fwrite (block, 1, sizeof block, f), ==, sizeof block);
    }
  fputc ('\n', f);
  fclose (f);

  data = fp_tabformer_import (dir, &error);
  g_assert_null (data);
  g_assert_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "credit_card_transactions.csv:32: the line is longer"));
  g_assert_cmpuint (count_lines (text), ==, 31);
  remove_dir (dir);
}

/* ZIP codes are text: a real one with a leading zero is accepted and
 * written back byte for byte; one that is not digits is refused. */
static void
test_zip_text (void)
{
  g_autofree char *dir = copy_fixtures ();
  g_autofree char *out = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, FP_TABFORMER_USERS_FILE, NULL);
  g_autofree char *users = read_text (path);
  g_autofree char *with_zero = g_strconcat (users, "Ada Lovelace,36,67,1990,12,Female,1 Congress Street,,Portland,ME,04101,"
                                            "43.66,-70.26,$35000,$82000,$1200,760,1\n", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *out_path = g_build_filename (out, FP_TABFORMER_USERS_FILE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpBankData) data = NULL;

  write_text (dir, FP_TABFORMER_USERS_FILE, with_zero, -1);
  data = fp_tabformer_import (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fp_bank_data_get_customer (data, 4)->zipcode, ==, "04101");
  g_assert_true (fp_tabformer_export (data, out, &error));
  exported = read_text (out_path);
  g_assert_cmpstr (exported, ==, with_zero);
  remove_dir (out);
  remove_dir (dir);
}

static void
test_missing_files (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *txns = fixture_path (FP_TABFORMER_TRANSACTIONS_FILE);
  g_autofree char *text = read_text (txns);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpBankData) data = NULL;

  data = fp_tabformer_import (dir, &error);
  g_assert_null (data);
  g_assert_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_MISSING_FILE);
  g_clear_error (&error);

  write_text (dir, FP_TABFORMER_TRANSACTIONS_FILE, text, -1);
  data = fp_tabformer_import (dir, &error);
  g_assert_null (data);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  remove_dir (dir);
}

/* Nothing the server can reach holds a full card number or a CVV. */
static void
test_no_card_numbers (void)
{
  static const char * const secrets[] = {
    "4344676511950444", "4956965974959986", "340071811951482", "5175842699412235",
    "6011988307133961", "5488317162245510", "4532112233445566",
  };
  g_autofree char *in = fixture_path (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpBankData) data = fp_tabformer_import (in, &error);
  g_autoptr(GString) all = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint32 i = 0; i < fp_bank_data_get_n_cards (data); i++)
    {
      const FpBankCard *c = fp_bank_data_get_card (data, i);

      g_string_append_printf (all, "%s|%s|%s|", c->brand, c->card_type, c->last_four);
      g_assert_true (g_str_has_suffix (secrets[i], c->last_four));
    }
  for (guint32 i = 0; i < fp_bank_data_get_n_accounts (data); i++)
    {
      const FpBankAccount *a = fp_bank_data_get_account (data, i);

      g_string_append_printf (all, "%s|%s|", a->name, a->last_four);
    }
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_null (strstr (all->str, secrets[i]));
  /* The digits are the card's; the account's name is its kind. */
  g_assert_nonnull (strstr (all->str, "Visa Credit Card|9986|"));
  g_assert_null (strstr (all->str, "623"));
}

/* Random damage to the fixtures: every import either fails with a
 * "file:line: " message or succeeds, and then the export gives back exactly
 * the damaged bytes. Nothing is normalized silently. */
static void
test_mutations (void)
{
  static const char alphabet[] = ",\"\r\n\t 0123456789$.-:/Yes";
  g_autofree char *dir = copy_fixtures ();
  g_autofree char *out = make_tmp_dir ();
  char *originals[G_N_ELEMENTS (files)];
  GRand *rand = g_rand_new_with_seed (20261122);
  guint n_accepted = 0, n_rejected = 0;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);

      originals[i] = read_text (path);
    }

  for (guint round = 0; round < 400; round++)
    {
      guint which = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (files));
      g_autoptr(GString) text = g_string_new (originals[which]);
      g_autoptr(GError) error = NULL;
      g_autoptr(FpBankData) data = NULL;
      guint n_edits = (guint) g_rand_int_range (rand, 1, 4);

      for (guint e = 0; e < n_edits && text->len > 0; e++)
        {
          gsize pos = (gsize) g_rand_int_range (rand, 0, (gint32) text->len);
          char c = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];

          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:
              text->str[pos] = c;
              break;
            case 1:
              g_string_erase (text, (gssize) pos, 1);
              break;
            case 2:
              g_string_insert_c (text, (gssize) pos, c);
              break;
            default:
              g_string_truncate (text, pos);
              break;
            }
        }
      write_text (dir, files[which], text->str, (gssize) text->len);

      data = fp_tabformer_import (dir, &error);
      if (data == NULL)
        {
          g_autofree char *prefix = g_strdup_printf ("%s:", files[which]);

          g_assert_nonnull (error);
          /* A damaged users file can also surface as a bad user in the
           * cards or transactions file. */
          g_assert_true (g_str_has_prefix (error->message, prefix) ||
                         strstr (error->message, ".csv:") != NULL);
          n_rejected++;
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (fp_tabformer_export (data, out, &error));
          g_assert_no_error (error);
          for (guint i = 0; i < G_N_ELEMENTS (files); i++)
            assert_same_file (dir, out, files[i]);
          n_accepted++;
        }
      write_text (dir, files[which], originals[which], -1);
    }

  g_test_message ("%u damaged copies accepted, %u rejected", n_accepted, n_rejected);
  g_assert_cmpuint (n_rejected, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_free (originals[i]);
  g_rand_free (rand);
  remove_dir (dir);
  remove_dir (out);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tabformer/round-trip", test_round_trip);
  g_test_add_func ("/tabformer/values", test_values);
  g_test_add_func ("/tabformer/feed", test_feed);
  g_test_add_func ("/tabformer/changes", test_changes);
  g_test_add_func ("/tabformer/crlf", test_crlf);
  g_test_add_func ("/tabformer/no-final-newline", test_no_final_newline);
  g_test_add_func ("/tabformer/user-files", test_user_files);
  g_test_add_func ("/tabformer/bad-rows", test_bad_rows);
  g_test_add_func ("/tabformer/hostile", test_hostile);
  g_test_add_func ("/tabformer/huge-line", test_huge_line);
  g_test_add_func ("/tabformer/zip-text", test_zip_text);
  g_test_add_func ("/tabformer/missing-files", test_missing_files);
  g_test_add_func ("/tabformer/no-card-numbers", test_no_card_numbers);
  g_test_add_func ("/tabformer/mutations", test_mutations);

  return g_test_run ();
}
