/* test-generator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deterministic generator: the same options give the same data, the
 * demo customer is fixed, and the data holds together (balances are the
 * sums of their transactions, the feed holds every transaction, card
 * repayments have two sides, the loan instalment is the annuity). Checks
 * recompute what they compare from the transactions, independently of the
 * generator's own bookkeeping.
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

static FpBankData *
generate (guint   customers,
          guint   years,
          guint64 seed)
{
  g_autoptr(GError) error = NULL;
  FpBankData *data = fp_bank_data_new_generated (customers, years, seed, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

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

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("fp-generator-XXXXXX", &error);

  g_assert_no_error (error);
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

  g_test_add_func ("/generator/splitmix64", test_splitmix64);
  g_test_add_func ("/generator/deterministic", test_deterministic);
  g_test_add_func ("/generator/today", test_today);
  g_test_add_func ("/generator/live", test_live);
  g_test_add_func ("/generator/names", test_names);
  g_test_add_func ("/generator/prefix-stable", test_prefix_stable);
  g_test_add_func ("/generator/locale", test_locale);
  g_test_add_func ("/generator/demo", test_demo);
  g_test_add_func ("/generator/invariants", test_invariants);
  g_test_add_func ("/generator/cards-and-loans", test_cards_and_loans);
  g_test_add_func ("/generator/export-valid", test_export_valid);
  g_test_add_func ("/generator/bad-options", test_bad_options);

  return g_test_run ();
}
