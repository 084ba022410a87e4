/* test-generator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deterministic generator: the same options give the same data (and
 * the same bytes, whatever the locale), today and the days booked after it
 * follow from the options, customers do not depend on how many there are,
 * merchants have names. What holds for every data set is in
 * test-generator-invariants.c.
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

/* Everything about one customer, as text. */
static void
dump_customer (FpBankData *data,
               guint32     id,
               GString    *out)
{
  const FpBankCustomer *c = fp_bank_data_get_customer (data, id);
  const guint32 *ids;
  const FpBankChange *feed;
  guint n;

  g_string_append_printf (out, "customer %s|%s|%u|%u|%u|%u|%s|%s|%s|%s|%s|%s|%s|%s|%"
                          G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%u|%u\n",
                          c->username, c->person, c->current_age, c->retirement_age,
                          c->birth_year, c->birth_month, c->gender, c->address, c->apartment,
                          c->city, c->state, c->zipcode, c->latitude, c->longitude,
                          c->per_capita_income, c->yearly_income, c->total_debt,
                          c->fico_score, c->num_credit_cards);

  ids = fp_bank_data_get_customer_cards (data, id, &n);
  for (guint i = 0; i < n; i++)
    {
      const FpBankCard *k = fp_bank_data_get_card (data, ids[i]);

      g_string_append_printf (out, "card %u|%s|%s|%s|%s|%u/%u|%d|%u|%" G_GINT64_FORMAT "|%u/%u|%u|%d\n",
                              k->card_index, k->brand, k->card_type,
                              fp_bank_data_get_card_number (data, ids[i]),
                              fp_bank_data_get_card_cvv (data, ids[i]),
                              k->expires_month, k->expires_year, k->has_chip, k->cards_issued,
                              k->credit_limit, k->open_month, k->open_year,
                              k->year_pin_last_changed, k->on_dark_web);
    }

  ids = fp_bank_data_get_customer_accounts (data, id, &n);
  for (guint i = 0; i < n; i++)
    {
      const FpBankAccount *a = fp_bank_data_get_account (data, ids[i]);
      const guint32 *holdings;
      guint n_holdings;

      g_string_append_printf (out, "account %s|%s|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                              "|%" G_GINT64_FORMAT "|%u|%" G_GINT64_FORMAT "|%u|%" G_GINT64_FORMAT
                              "|%u|%" G_GINT64_FORMAT "\n",
                              fp_bank_account_kind_to_string (a->kind), a->name, a->last_four,
                              a->currency, a->opening_balance, a->balance, a->credit_limit,
                              a->interest_bps, a->loan_principal, a->loan_term_months,
                              a->loan_payment, a->n_transactions, a->transactions_sum);
      holdings = fp_bank_data_get_account_holdings (data, ids[i], &n_holdings);
      for (guint h = 0; h < n_holdings; h++)
        {
          const FpBankHolding *x = fp_bank_data_get_holding (data, holdings[h]);

          g_string_append_printf (out, "holding %s|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                                  "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "\n",
                                  x->name, x->isin, x->asset_class, x->quantity_milli,
                                  x->unit_price, x->market_value, x->cost_basis);
        }
    }

  feed = fp_bank_data_get_changes (data, id, 0, G_MAXUINT, &n);
  for (guint i = 0; i < n; i++)
    {
      FpBankTransaction t;

      g_assert_true (fp_bank_data_get_transaction (data, feed[i].txn, &t));
      g_string_append_printf (out, "%" G_GUINT64_FORMAT " %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                              " %s %s %u %" G_GINT64_FORMAT " %s|%s|%s %s %s %d %d\n",
                              feed[i].seq, fp_bank_change_kind_to_string (feed[i].kind),
                              t.booked_at, t.amount, fp_bank_category_to_string (t.category),
                              t.description ? t.description : "-", t.mcc, t.merchant_id,
                              t.merchant_city, t.merchant_state, t.merchant_zip,
                              fp_bank_use_chip_to_string (t.use_chip), t.errors,
                              t.is_fraud, t.is_deleted);
    }
}

static char *
dump_all (FpBankData *data)
{
  GString *out = g_string_new (NULL);

  for (guint32 i = 0; i < fp_bank_data_get_n_customers (data); i++)
    dump_customer (data, i, out);
  return g_string_free (out, FALSE);
}

static char *
dump_one (FpBankData *data,
          guint32     id)
{
  GString *out = g_string_new (NULL);

  dump_customer (data, id, out);
  return g_string_free (out, FALSE);
}

/* The three exported files, concatenated. */
static GBytes *
export_bytes (FpBankData *data)
{
  static const char * const names[] = {
    FP_TABFORMER_USERS_FILE, FP_TABFORMER_CARDS_FILE, FP_TABFORMER_TRANSACTIONS_FILE,
  };
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(GError) error = NULL;
  GByteArray *all = g_byte_array_new ();

  g_assert_true (fp_tabformer_export (data, dir, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *text = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &text, &len, NULL));
      g_byte_array_append (all, (const guint8 *) text, (guint) len);
    }
  remove_dir (dir);
  return g_byte_array_free_to_bytes (all);
}

/* The published first outputs of splitmix64 seeded with 1234567. */
static void
test_splitmix64 (void)
{
  static const guint64 expected[] = {
    G_GUINT64_CONSTANT (6457827717110365317),
    G_GUINT64_CONSTANT (3203168211198807973),
    G_GUINT64_CONSTANT (9817491932198370423),
    G_GUINT64_CONSTANT (4593380528125082431),
    G_GUINT64_CONSTANT (16408922859458223821),
  };
  guint64 state = 1234567;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (fp_generator_splitmix64 (&state), ==, expected[i]);
}

static void
test_deterministic (void)
{
  g_autoptr(FpBankData) a = generate (4, 2, 7);
  g_autoptr(FpBankData) b = generate (4, 2, 7);
  g_autoptr(FpBankData) other = generate (4, 2, 8);
  g_autofree char *dump_a = dump_all (a);
  g_autofree char *dump_b = dump_all (b);
  g_autofree char *dump_other = dump_all (other);
  g_autofree char *demo_a = dump_one (a, 0);
  g_autofree char *demo_other = dump_one (other, 0);
  g_autofree char *first_a = dump_one (a, 1);
  g_autofree char *first_other = dump_one (other, 1);
  g_autoptr(GBytes) bytes_a = export_bytes (a);
  g_autoptr(GBytes) bytes_b = export_bytes (b);
  g_autoptr(GBytes) bytes_other = export_bytes (other);

  g_assert_cmpstr (dump_a, ==, dump_b);
  g_assert_true (g_bytes_equal (bytes_a, bytes_b));

  /* Another seed: other customers, the same demo customer. */
  g_assert_cmpstr (dump_a, !=, dump_other);
  g_assert_false (g_bytes_equal (bytes_a, bytes_other));
  g_assert_cmpstr (demo_a, ==, demo_other);
  g_assert_cmpstr (first_a, !=, first_other);
}

static FpBankData *
generate_on (guint   customers,
             guint   years,
             guint64 seed,
             gint    year,
             guint   month,
             guint   day)
{
  g_autoptr(GError) error = NULL;
  FpGeneratorOptions options;
  FpBankData *data;

  fp_generator_options_init (&options);
  options.customers = customers;
  options.years = years;
  options.seed = seed;
  options.today = fp_clock_day_from_civil (year, month, day);
  data = fp_generator_generate (&options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

/* History ends on the day the options say: the same today gives the same
 * bytes, another today other ones. */
static void
test_today (void)
{
  g_autoptr(FpBankData) a = generate_on (3, 2, 7, 2027, 3, 15);
  g_autoptr(FpBankData) b = generate_on (3, 2, 7, 2027, 3, 15);
  g_autoptr(FpBankData) later = generate_on (3, 2, 7, 2027, 3, 16);
  g_autoptr(GBytes) bytes_a = export_bytes (a);
  g_autoptr(GBytes) bytes_b = export_bytes (b);
  g_autoptr(GBytes) bytes_later = export_bytes (later);
  g_autofree char *dump_a = dump_all (a);
  g_autofree char *dump_b = dump_all (b);
  gint32 first = fp_clock_day_from_civil (2025, 4, 1), last = fp_clock_day_from_civil (2027, 3, 15);
  gint32 min_day = G_MAXINT32, max_day = G_MININT32;

  g_assert_cmpstr (dump_a, ==, dump_b);
  g_assert_true (g_bytes_equal (bytes_a, bytes_b));
  g_assert_false (g_bytes_equal (bytes_a, bytes_later));

  for (guint32 id = 0; id < fp_bank_data_get_n_transactions (a); id++)
    {
      FpBankTransaction t;

      g_assert_true (fp_bank_data_get_transaction (a, id, &t));
      min_day = MIN (min_day, (gint32) (t.booked_at / 86400));
      max_day = MAX (max_day, (gint32) (t.booked_at / 86400));
    }
  /* Two years: from the first of April 2025 to today. */
  g_assert_cmpint (min_day, ==, first);
  g_assert_cmpint (max_day, ==, last);
  g_assert_cmpint (fp_bank_data_get_last_day (a), ==, last);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* What the transactions of a customer dated in (@after, @until] are, in
 * a form that does not depend on ids. */
static char *
dump_days (FpBankData *data,
           guint32     customer,
           gint32      after,
           gint32      until)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  guint n;
  const FpBankChange *feed = fp_bank_data_get_changes (data, customer, 0, G_MAXUINT, &n);

  for (guint i = 0; i < n; i++)
    {
      FpBankTransaction t;
      gint32 day;

      if (feed[i].kind != FP_BANK_CHANGE_CREATED)
        continue;
      g_assert_true (fp_bank_data_get_transaction (data, feed[i].txn, &t));
      day = (gint32) (t.booked_at / 86400);
      if (day <= after || day > until)
        continue;
      g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT " %u %" G_GINT64_FORMAT " %s %s %u %u %"
                                               G_GINT64_FORMAT " %s|%s|%s %s %s %d %d\n",
                                               t.booked_at, t.account, t.amount,
                                               fp_bank_category_to_string (t.category),
                                               t.description ? t.description : "-", t.card, t.mcc,
                                               t.merchant_id, t.merchant_city, t.merchant_state,
                                               t.merchant_zip, fp_bank_use_chip_to_string (t.use_chip),
                                               t.errors, t.is_fraud, t.is_deleted));
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append (out, g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

/* A bank that lives in the present: booking the days after today gives
 * each of them the transactions a generation ending later has on it,
 * whether the days are booked one by one or all at once, with new seqs
 * after the old ones; balances, holdings and ages follow. */
static void
test_live (void)
{
  gint32 d1 = fp_clock_day_from_civil (2026, 10, 20), d2 = fp_clock_day_from_civil (2026, 11, 25);
  g_autoptr(FpBankData) live = generate_on (4, 1, 3, 2026, 10, 20);
  g_autoptr(FpBankData) daily = generate_on (4, 1, 3, 2026, 10, 20);
  g_autoptr(FpBankData) fresh = generate_on (4, 1, 3, 2026, 11, 25);
  g_autoptr(GError) error = NULL;
  guint64 latest_before = fp_bank_data_get_latest_seq (live, 1);
  guint n_changes = 0;

  g_assert_cmpint (fp_bank_data_get_last_day (live), ==, d1);
  g_assert_true (fp_bank_data_advance (live, d2, &n_changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes, >, 100);
  g_assert_cmpint (fp_bank_data_get_last_day (live), ==, d2);
  for (gint32 day = d1 + 1; day <= d2; day++)
    g_assert_true (fp_bank_data_advance (daily, day, NULL, &error));
  /* An earlier day books nothing. */
  g_assert_true (fp_bank_data_advance (live, d1, &n_changes, &error));
  g_assert_cmpuint (n_changes, ==, 0);

  {
    g_autofree char *live_all = dump_all (live);
    g_autofree char *daily_all = dump_all (daily);

    g_assert_cmpstr (live_all, ==, daily_all);
  }

  for (guint32 c = 0; c < fp_bank_data_get_n_customers (live); c++)
    {
      g_autofree char *booked = dump_days (live, c, d1, d2);
      g_autofree char *generated = dump_days (fresh, c, d1, d2);
      const FpBankChange *change;
      const guint32 *ids;
      guint n;

      g_assert_cmpstr (booked, !=, "");
      g_assert_cmpstr (booked, ==, generated);

      /* The new days come after the old ones in the feed. */
      if (c == 1)
        {
          FpBankTransaction t;

          change = fp_bank_data_get_changes (live, c, latest_before, 1, &n);
          g_assert_cmpuint (n, ==, 1);
          g_assert_cmpuint (change->seq, ==, latest_before + 1);
          g_assert_true (fp_bank_data_get_transaction (live, change->txn, &t));
          g_assert_cmpint (t.booked_at / 86400, >, d1);
        }

      /* Savings, loans, cards and investments do not depend on where the
       * history starts; the current account opens with what it has. */
      ids = fp_bank_data_get_customer_accounts (live, c, &n);
      for (guint i = 0; i < n; i++)
        {
          const FpBankAccount *a = fp_bank_data_get_account (live, ids[i]);
          const FpBankAccount *b = fp_bank_data_get_account (fresh, ids[i]);

          g_assert_cmpint (a->kind, ==, b->kind);
          if (a->kind != FP_BANK_ACCOUNT_CURRENT)
            g_assert_cmpint (a->balance, ==, b->balance);
          else
            g_assert_cmpint (a->balance, ==, a->opening_balance + a->booked_sum);
        }
      g_assert_cmpuint (fp_bank_data_get_customer (live, c)->current_age, ==,
                        fp_bank_data_get_customer (fresh, c)->current_age);
    }
  for (guint32 h = 0; fp_bank_data_get_holding (live, h) != NULL; h++)
    {
      g_assert_cmpint (fp_bank_data_get_holding (live, h)->quantity_milli, ==,
                       fp_bank_data_get_holding (fresh, h)->quantity_milli);
      g_assert_cmpint (fp_bank_data_get_holding (live, h)->market_value, ==,
                       fp_bank_data_get_holding (fresh, h)->market_value);
    }

  /* The generator's world ends with 2100. */
  g_assert_false (fp_bank_data_advance (live, fp_clock_day_from_civil (2101, 1, 1), NULL, &error));
  g_assert_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID);
}

/* Merchants have names a person recognizes; the same merchant always the
 * same one. */
static void
test_names (void)
{
  g_autoptr(FpBankData) data = generate (2, 1, 5);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  guint n_named = 0;

  for (guint32 id = 0; id < fp_bank_data_get_n_transactions (data); id++)
    {
      FpBankTransaction t;
      char name[64];
      const char *known;

      g_assert_true (fp_bank_data_get_transaction (data, id, &t));
      if (t.card == FP_BANK_NO_ID)
        continue;
      g_assert_true (fp_bank_data_get_merchant_name (data, t.merchant_id, t.mcc, name, sizeof name));
      g_assert_cmpuint (strlen (name), >, 3);
      g_assert_true (g_ascii_isupper (name[0]));
      for (const char *p = name; *p != '\0'; p++)
        g_assert_false (g_ascii_isdigit (*p));
      known = g_hash_table_lookup (names, &t.merchant_id);
      if (known != NULL)
        g_assert_cmpstr (known, ==, name);
      else
        g_hash_table_insert (names, g_memdup2 (&t.merchant_id, sizeof t.merchant_id), g_strdup (name));
      n_named++;
    }
  g_assert_cmpuint (n_named, >, 100);
  /* Grocery stores sound like grocery stores. */
  {
    char name[64];

    g_assert_true (fp_bank_data_get_merchant_name (data, 42, 5411, name, sizeof name));
    g_assert_true (g_str_has_suffix (name, "Market") || g_str_has_suffix (name, "Grocers") ||
                   g_str_has_suffix (name, "Foods") || g_str_has_suffix (name, "Pantry") ||
                   g_str_has_suffix (name, "Supermarket"));
  }
  /* Account names carry no card digits: the card's last four are the card's. */
  for (guint32 a = 0; a < fp_bank_data_get_n_accounts (data); a++)
    for (const char *p = fp_bank_data_get_account (data, a)->name; *p != '\0'; p++)
      g_assert_false (g_ascii_isdigit (*p));
}

/* More customers extend fewer: customer k does not depend on N. */
static void
test_prefix_stable (void)
{
  g_autoptr(FpBankData) small = generate (2, 2, 11);
  g_autoptr(FpBankData) big = generate (5, 2, 11);

  g_assert_cmpuint (fp_bank_data_get_n_customers (small), ==, 3);
  g_assert_cmpuint (fp_bank_data_get_n_customers (big), ==, 6);
  for (guint32 i = 0; i < 3; i++)
    {
      g_autofree char *a = dump_one (small, i);
      g_autofree char *b = dump_one (big, i);

      g_assert_cmpstr (a, ==, b);
    }
}

/* The locale changes nothing (no decimal commas, no collation). */
static void
test_locale (void)
{
  g_autoptr(FpBankData) c_data = generate (3, 1, 5);
  g_autoptr(GBytes) c_bytes = export_bytes (c_data);
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autoptr(FpBankData) de_data = NULL;
  g_autoptr(GBytes) de_bytes = NULL;

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale");
      return;
    }
  de_data = generate (3, 1, 5);
  de_bytes = export_bytes (de_data);
  setlocale (LC_ALL, saved);

  g_assert_true (g_bytes_equal (c_bytes, de_bytes));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/generator/splitmix64", test_splitmix64);
  g_test_add_func ("/generator/deterministic", test_deterministic);
  g_test_add_func ("/generator/today", test_today);
  g_test_add_func ("/generator/live", test_live);
  g_test_add_func ("/generator/names", test_names);
  g_test_add_func ("/generator/prefix-stable", test_prefix_stable);
  g_test_add_func ("/generator/locale", test_locale);

  return g_test_run ();
}
