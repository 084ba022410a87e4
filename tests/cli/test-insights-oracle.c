/* test-insights-oracle.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dashboard checked against an independent computation. A
 * TabFormer-like history (card payments at merchants known only by their
 * 64-bit ids, declined attempts with TabFormer's errors and their retries,
 * refunds, plus a salary, rent, subscriptions and transfers) is written
 * both into a cache, as sync does, and into a CSV file in TabFormer's
 * columns. `finpersona --headless insights --json` reads the cache;
 * check-insights.py reads only the CSV and the MCC table and computes the
 * spending per category and month, income, the recurring payments, the
 * totals of the last 30 days and a derived balance in its own way, then
 * compares them with the JSON. Nothing of the engine is shared.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "fp-cache-consent.h"
#include "fp-cache-insights.h"
#include "fp-store.h"

/* As tests/cli/test-insights.c: libsecret 0.20.5's file backend leaks on
 * every write of its keyring file. */
const char *__lsan_default_suppressions (void);
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

const char *
__lsan_default_suppressions (void)
{
  return "leak:secret_password_storev_binary_sync\n";
}

static char *tmp;

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_unlink (path);
      return;
    }
  if ((dir = g_dir_open (path, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        rm_rf (child);
      }
  g_rmdir (path);
}

typedef struct {
  const char *name;   /* TabFormer's merchant id */
  gint32      mcc;
  const char *city;
  gint64      low, high;
} CardMerchant;

static const CardMerchant card_merchants[] = {
  { "7063484755188710920", 5411, "Boise", 2000, 16000 },
  { "-792227525922014876", 5812, "Boise", 1500, 9000 },
  { "4722913068560264812", 5541, "Meridian", 2500, 7000 },
  { "-2693549958519391393", 5651, "Boise", 3000, 25000 },
  { "1799189980464955940", 5732, "Nampa", 5000, 90000 },
  { "-5475680618560174533", 5912, "Boise", 800, 6000 },
  { "6051395022895754231", 5814, "Boise", 300, 1800 },
};

static const char * const errors[] = {
  "Insufficient Balance,", "Bad PIN,", "Technical Glitch,", "Bad CVV,", "Bad Expiration,",
};

typedef struct {
  GArray    *changes;   /* FpTxnChange */
  GPtrArray *strings;
  GString   *csv;
  guint      n;
} Feed;

static const char *
keep (Feed *feed,
      char *text)
{
  g_ptr_array_add (feed->strings, text);
  return text;
}

/* A CSV field, quoted when it holds a comma. */
static void
field (GString    *csv,
       const char *text,
       gboolean    last)
{
  if (text != NULL && strchr (text, ',') != NULL)
    g_string_append_printf (csv, "\"%s\"", text);
  else if (text != NULL)
    g_string_append (csv, text);
  g_string_append_c (csv, last ? '\n' : ',');
}

/* One row: into the cache's feed and, in TabFormer's columns, into the CSV
 * (Amount is what the card holder pays, "$-54.00" for money back; two
 * columns of ours at the end: the account and the bank's category). */
static void
add (Feed       *feed,
     const char *account,
     gint32      day,
     gint64      amount,
     gint32      mcc,
     const char *merchant,
     const char *city,
     const char *error,
     const char *category)
{
  FpTxnChange c = { 0 };
  gint32 ymd = fp_cache_day_to_yyyymmdd (day);
  guint64 abs_amount = amount < 0 ? (guint64) -amount : (guint64) amount;
  g_autofree char *money = g_strdup_printf ("$%s%" G_GUINT64_FORMAT ".%02u", amount > 0 ? "-" : "",
                                            abs_amount / 100, (guint) (abs_amount % 100));
  g_autofree char *mcc_text = mcc != 0 ? g_strdup_printf ("%d", mcc) : g_strdup ("");
  g_autofree char *y = g_strdup_printf ("%d", ymd / 10000);
  g_autofree char *m = g_strdup_printf ("%d", ymd / 100 % 100);
  g_autofree char *d = g_strdup_printf ("%d", ymd % 100);
  g_autofree char *time = NULL;

  c.kind = FP_TXN_CREATED;
  c.id = keep (feed, g_strdup_printf ("txn_%u", feed->n++));
  c.account_id = account;
  c.day = ymd;
  c.minute = 8 * 60 + (gint32) (feed->n * 37 % 720);
  c.amount_minor = amount;
  c.currency = "USD";
  c.mcc = mcc;
  c.merchant = merchant;
  c.city = city;
  c.use_chip = mcc != 0 ? "Chip Transaction" : NULL;
  c.errors = error;
  c.category = category;
  g_array_append_val (feed->changes, c);

  time = g_strdup_printf ("%02d:%02d", c.minute / 60, c.minute % 60);
  field (feed->csv, "0", FALSE);
  field (feed->csv, "0", FALSE);
  field (feed->csv, y, FALSE);
  field (feed->csv, m, FALSE);
  field (feed->csv, d, FALSE);
  field (feed->csv, time, FALSE);
  field (feed->csv, money, FALSE);
  field (feed->csv, mcc != 0 ? "Chip Transaction" : "", FALSE);
  field (feed->csv, merchant, FALSE);
  field (feed->csv, city, FALSE);
  field (feed->csv, city != NULL ? "ID" : "", FALSE);
  field (feed->csv, city != NULL ? "83702" : "", FALSE);
  field (feed->csv, mcc_text, FALSE);
  field (feed->csv, error != NULL ? error : "", FALSE);
  field (feed->csv, "No", FALSE);
  field (feed->csv, account, FALSE);
  field (feed->csv, category != NULL ? category : "", TRUE);
}

/* Fourteen and a half months up to 2026-11-15, deterministic. */
static void
generate (Feed *feed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261115);
  gint32 first = fp_cache_day_from_yyyymmdd (20250901);
  gint32 last = fp_cache_day_from_yyyymmdd (20261115);
  gint32 next_visit[G_N_ELEMENTS (card_merchants)];

  for (guint i = 0; i < G_N_ELEMENTS (card_merchants); i++)
    next_visit[i] = first + g_rand_int_range (rand, 0, 5);

  for (gint32 day = first; day <= last; day++)
    {
      int mday = fp_cache_day_to_yyyymmdd (day) % 100;

      if (mday == 28)
        add (feed, "acc_1", day, 520000, 0, "Salary Acme Corp", NULL, NULL, "salary");
      if (mday == 1)
        add (feed, "acc_1", day, -140000, 6513, "Oak Street Rentals", NULL, NULL, "rent");
      if (mday == 2)
        {
          add (feed, "acc_1", day, -30000, 0, "To savings", NULL, NULL, "savings");
          add (feed, "acc_2", day, 30000, 0, "From current account", NULL, NULL, "savings");
        }
      if (mday == 5)
        add (feed, "acc_1", day, -1599, 4899, "StreamFlix", NULL, NULL, "subscription");
      if (mday == 15)
        add (feed, "acc_1", day, -5999, 4814, "FastNet", NULL, NULL, "subscription");
      /* A gym the card cannot pay: refused every month, never booked. */
      if (mday == 10)
        add (feed, "acc_1", day, -2999, 7997, "GymPass", NULL, "Insufficient Balance,", "subscription");

      for (guint i = 0; i < G_N_ELEMENTS (card_merchants); i++)
        {
          const CardMerchant *cm = &card_merchants[i];
          gint64 amount;

          if (day != next_visit[i])
            continue;
          /* Visits 1 to 5 days apart: never a weekly rhythm. */
          next_visit[i] = day + g_rand_int_range (rand, 1, 6);
          amount = -(gint64) g_rand_int_range (rand, (gint32) cm->low, (gint32) cm->high + 1);

          /* About one attempt in 12 is declined; half of those are
           * retried at once and go through. */
          if (g_rand_int_range (rand, 0, 12) == 0)
            {
              add (feed, "acc_1", day, amount, cm->mcc, cm->name, cm->city,
                   errors[g_rand_int_range (rand, 0, G_N_ELEMENTS (errors))], "card");
              if (g_rand_boolean (rand))
                continue;
            }
          add (feed, "acc_1", day, amount, cm->mcc, cm->name, cm->city, NULL, "card");

          /* About one purchase in 20 comes back, in part or whole, 3 to 20
           * days later, at the same merchant. */
          if (g_rand_int_range (rand, 0, 20) == 0)
            {
              gint32 back = day + g_rand_int_range (rand, 3, 21);
              gint64 refund = g_rand_boolean (rand) ? -amount : -amount / 2;

              if (back <= last && back != next_visit[i])
                add (feed, "acc_1", back, refund, cm->mcc, cm->name, cm->city, NULL, "card");
            }
        }
    }
}

static char *
make_cache (const char *csv_path)
{
  char *dir = g_build_filename (tmp, "cache", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);
  Feed feed = { 0 };

  g_assert_no_error (error);
  feed.changes = g_array_new (FALSE, FALSE, sizeof (FpTxnChange));
  feed.strings = g_ptr_array_new_with_free_func (g_free);
  feed.csv = g_string_new ("User,Card,Year,Month,Day,Time,Amount,Use Chip,Merchant Name,Merchant City,"
                           "Merchant State,Zip,MCC,Errors?,Is Fraud?,Account,Category\n");
  generate (&feed);

  for (guint start = 0; start < feed.changes->len; start += 500)
    {
      g_assert_true (fp_cache_apply_changes (cache, "transactions", &g_array_index (feed.changes, FpTxnChange, start),
                                             MIN (500, feed.changes->len - start), "cursor", &error));
      g_assert_no_error (error);
    }

  /* The current account without a balance from the bank: its balance is
   * the opening balance plus what was booked. */
  g_assert_true (fp_cache_upsert_catalogue_item (cache, FP_CACHE_ACCOUNTS, "acc_1",
                                                 "{\"accountId\": \"acc_1\", \"status\": \"Enabled\", "
                                                 "\"currency\": \"USD\", \"accountType\": \"Personal\", "
                                                 "\"accountSubType\": \"CurrentAccount\", \"kind\": \"current\", "
                                                 "\"nickname\": \"Everyday\", \"openingBalance\": "
                                                 "{\"amount\": \"1000.00\", \"currency\": \"USD\"}}",
                                                 &error));
  g_assert_no_error (error);
  g_assert_true (fp_cache_upsert_catalogue_item (cache, FP_CACHE_ACCOUNTS, "acc_2",
                                                 "{\"accountId\": \"acc_2\", \"status\": \"Enabled\", "
                                                 "\"currency\": \"USD\", \"accountType\": \"Personal\", "
                                                 "\"accountSubType\": \"Savings\", \"kind\": \"savings\", "
                                                 "\"nickname\": \"Savings\", \"openingBalance\": "
                                                 "{\"amount\": \"0.00\", \"currency\": \"USD\"}}",
                                                 &error));
  g_assert_no_error (error);
  g_assert_true (fp_cache_upsert_catalogue_item (cache, FP_CACHE_BALANCES, "acc_2",
                                                 "{\"accountId\": \"acc_2\", \"balances\": [{\"type\": "
                                                 "\"InterimBooked\", \"creditDebitIndicator\": \"Credit\", "
                                                 "\"amount\": {\"amount\": \"4500.00\", \"currency\": \"USD\"}, "
                                                 "\"dateTime\": \"2026-11-15T00:00:00Z\"}]}",
                                                 &error));
  g_assert_no_error (error);

  {
    g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("test-device");
    g_autoptr(FpConsentStore) store = fp_consent_store_new (cache, policy, &error);

    g_assert_no_error (error);
    g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED,
                                          g_get_real_time ()));
    fp_consent_store_disconnect (store);
  }
  fp_cache_close (cache);

  g_assert_true (g_file_set_contents (csv_path, feed.csv->str, (gssize) feed.csv->len, &error));
  g_assert_no_error (error);
  g_test_message ("%u rows", feed.n);

  g_array_unref (feed.changes);
  g_ptr_array_unref (feed.strings);
  g_string_free (feed.csv, TRUE);
  return dir;
}

/* Runs the command with FP_TODAY = @today into @json_path. */
static void
run_insights (const char *cache_dir,
              const char *today,
              const char *json_path)
{
  g_autofree char *finpersona = g_build_filename (g_getenv ("FP_BUILD_ROOT"), "src", "ui", "finpersona", NULL);
  const char *argv[] = { finpersona, "--headless", "insights", "--json", "--cache-dir", cache_dir, NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "FP_TODAY", today, TRUE);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_set_contents (json_path, out, -1, &error));
  g_assert_no_error (error);
}

/* check-insights.py CSV JSON MCC-TABLE: exit 0 when everything agrees. */
static void
check (const char *csv_path,
       const char *json_path)
{
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "cli", "check-insights.py", NULL);
  g_autofree char *table = g_build_filename (g_getenv ("FP_SOURCE_ROOT"), "data", "categories",
                                             "mcc-categories.csv", NULL);
  const char *argv[] = { "/usr/bin/python3", script, csv_path, json_path, table, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                               &error));
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_independent (void)
{
  g_autofree char *csv = g_build_filename (tmp, "transactions.csv", NULL);
  g_autofree char *json = g_build_filename (tmp, "insights.json", NULL);
  g_autofree char *later = g_build_filename (tmp, "insights-later.json", NULL);
  g_autofree char *cache = make_cache (csv);

  /* On the day the data ends. */
  run_insights (cache, "2026-11-15", json);
  check (csv, json);

  /* Three weeks later, nothing new: the same figures as of 15 November,
   * and the dashboard says the data stops. */
  run_insights (cache, "2026-12-07", later);
  check (csv, later);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp = g_dir_make_tmp ("fp-cli-oracle-XXXXXX", NULL);
  g_assert_nonnull (tmp);
  keyring = g_build_filename (tmp, "keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);

  g_test_add_func ("/cli-insights/independent", test_independent);

  ret = g_test_run ();
  rm_rf (tmp);
  g_free (tmp);
  return ret;
}
