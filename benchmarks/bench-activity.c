/* bench-activity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Activity list's model over a cache of N transactions: how long a
 * page takes from the moment the list asks for an item until its row is
 * filled in (worker thread, SQLCipher, back to the main loop), for random
 * jumps across the whole list (dragging the scrollbar) and for sequential
 * scrolling (page k right after page k-1), unfiltered and filtered by
 * account; the time to count a filter; and the peak RSS, which must not
 * grow with N beyond the cache's own page cache since the model never
 * holds more than FP_TRANSACTION_MODEL_MAX_PAGES pages.
 *
 * The cache is filled the way a first sync fills it: pages into an empty
 * table defer the secondary indexes, and the end of the feed builds them
 * (_fp_cache_end_bulk_load(), which the sync engine calls before it
 * reports success); that time is printed as part of the sync, apart from
 * the customer's first count and page. Counts of all rows or of one
 * account come from the counts kept per account (`txn_counts`).
 *
 * FP_BENCH_SIZE=small: 20k rows; full: 1M rows.
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

/* _fp_cache_end_bulk_load(): what the sync engine calls at the feed's end. */
#include "fp-cache-private.h"
#include "fp-transaction-model.h"

#define N_ACCOUNTS 8
#define BATCH 10000
#define PAGE FP_TRANSACTION_MODEL_PAGE_SIZE

static const char * const merchants[] = {
  "Corner Bakery", "FreshMart", "City Transit", "Skyways Airlines", "Bookworm & Co",
  "Cinema Paradiso", "Green Cross Pharmacy", "Northern Power", "Harbor Rentals", "Tax Office",
};
static const char * const categories[] = {
  "dining", "groceries", "transport", "travel", "shopping", "entertainment",
};

typedef struct {
  char id[24];
  char account[16];
} Names;

static guint64
mix (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

static void
fill (FpCache *cache,
      guint    n)
{
  FpTxnChange *changes = g_new0 (FpTxnChange, BATCH);
  Names *names = g_new (Names, BATCH);
  const guint64 span_minutes = G_GUINT64_CONSTANT (10) * 365 * 1440;
  g_autoptr(GError) error = NULL;

  for (guint start = 0; start < n; start += BATCH)
    {
      guint count = MIN (BATCH, n - start);

      for (guint j = 0; j < count; j++)
        {
          guint i = start + j;
          guint64 h = mix (i);
          guint64 t = (guint64) i * span_minutes / n;
          GDate date;

          g_date_clear (&date, 1);
          g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2010);
          g_date_add_days (&date, (guint) (t / 1440));
          g_snprintf (names[j].id, sizeof names[j].id, "tx-%010u", i);
          g_snprintf (names[j].account, sizeof names[j].account, "acc_%u", (guint) (h % N_ACCOUNTS));
          changes[j] = (FpTxnChange) {
            .kind = FP_TXN_CREATED,
            .id = names[j].id,
            .account_id = names[j].account,
            .day = (gint32) g_date_get_year (&date) * 10000 + (gint32) g_date_get_month (&date) * 100
                   + (gint32) g_date_get_day (&date),
            .minute = (gint32) (t % 1440),
            .amount_minor = -(gint64) ((h >> 40) % 30000) + 2000,
            .currency = "USD",
            .mcc = 5411,
            .merchant = merchants[(h >> 52) % G_N_ELEMENTS (merchants)],
            .city = "Springfield",
            .is_fraud = (h >> 60) % 500 == 0,
            .category = categories[(h >> 61) % G_N_ELEMENTS (categories)],
          };
        }
      if (!fp_cache_apply_changes (cache, "transactions", changes, count, "c", &error))
        g_error ("fill: %s", error->message);
    }

  g_free (changes);
  g_free (names);
}

static void
wait_counted (FpTransactionModel *model)
{
  while (fp_transaction_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
}

/* From asking for the item to its row being filled in, in ms. */
static double
time_fetch (FpTransactionModel *model,
            guint               position)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(FpTransaction) item = g_list_model_get_item (G_LIST_MODEL (model), position);

  while (!fp_transaction_get_loaded (item))
    g_main_context_iteration (NULL, TRUE);
  if (fp_transaction_get_txn (item) == NULL)
    g_error ("no row at %u", position);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        GArray     *times)
{
  double *v = (double *) times->data;

  g_array_sort (times, compare_double);
  g_print ("  %-44s %4u pages  median %7.2f ms  p99 %7.2f ms  max %7.2f ms\n",
           what, times->len, v[times->len / 2],
           v[MIN (times->len - 1, (guint) (times->len * 0.99))], v[times->len - 1]);
}

/* The machine is shared: every figure goes with the load it was taken at. */
static char *
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  return g_strndup (text, strcspn (text, " "));
}

static void
run (FpCache           *cache,
     const FpTxnFilter *filter,
     const char        *label)
{
  g_autoptr(FpTransactionModel) model = fp_transaction_model_new (NULL);
  g_autoptr(GArray) random_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) seq_top = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) seq_deep = g_array_new (FALSE, FALSE, sizeof (double));
  GRand *rand = g_rand_new_with_seed (42);
  gint64 start;
  guint n, n_pages, n_random, n_seq;

  fp_transaction_model_set_filter (model, filter);
  start = g_get_monotonic_time ();
  fp_transaction_model_set_cache (model, cache);
  wait_counted (model);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  n_pages = (n + PAGE - 1) / PAGE;
  {
    g_autofree char *load = load_average ();

    g_print ("%s: %u rows, counted in %.1f ms (load %s)\n", label, n,
             (g_get_monotonic_time () - start) / 1000.0, load);
  }
  if (n == 0)
    g_error ("nothing to list");

  n_random = MIN (60, n_pages);
  n_seq = MIN (100, n_pages / 2);

  for (guint k = 0; k < n_random; k++)
    {
      double t = time_fetch (model, (guint) g_rand_int_range (rand, 0, (gint32) n));

      g_array_append_val (random_times, t);
    }

  /* Fresh pages for the scrolls: the random run left some behind. */
  fp_transaction_model_reload (model);
  wait_counted (model);
  for (guint k = 0; k < n_seq; k++)
    {
      double t = time_fetch (model, k * PAGE);

      g_array_append_val (seq_top, t);
    }
  for (guint k = n_pages - n_seq; k < n_pages; k++)
    {
      double t = time_fetch (model, k * PAGE);

      g_array_append_val (seq_deep, t);
    }

  report ("random jumps over the whole list", random_times);
  report ("sequential scroll from the top", seq_top);
  report ("sequential scroll to the bottom", seq_deep);
  g_print ("  pages held: %u (at most %u)\n",
           fp_transaction_model_get_n_pages (model), FP_TRANSACTION_MODEL_MAX_PAGES);
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  const char *size = g_getenv ("FP_BENCH_SIZE");
  gboolean full = g_strcmp0 (size, "full") == 0;
  guint n = full ? 1000000 : 20000;
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_dir_make_tmp ("fp-bench-activity-XXXXXX", &error);
  FpCache *cache;
  FpTxnFilter by_account = { .account_id = "acc_3" };
  FpTxnFilter by_merchant = { .merchant = "paradiso" };
  struct rusage usage;
  gint64 start;

  g_assert_no_error (error);
  cache = fp_cache_new_ephemeral (parent, &error);
  if (cache == NULL)
    g_error ("cache: %s", error->message);

  g_print ("Activity model, %u transactions, pages of %u rows, at most %u pages held\n",
           n, PAGE, FP_TRANSACTION_MODEL_MAX_PAGES);
  start = g_get_monotonic_time ();
  fill (cache, n);
  g_print ("filled the cache in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
  start = g_get_monotonic_time ();
  if (!_fp_cache_end_bulk_load (cache, &error))
    g_error ("end of the first sync: %s", error->message);
  g_print ("end of the first sync (deferred indexes built, as the sync engine does): %.1f s\n",
           (g_get_monotonic_time () - start) / 1e6);

  run (cache, NULL, "all transactions");
  run (cache, &by_account, "one account of 8");
  run (cache, &by_merchant, "search \"paradiso\"");

  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak RSS: %.1f MiB\n", usage.ru_maxrss / 1024.0);

  /* Let the last worker threads' results reach the main loop (they hold
   * the cache), then close it: an ephemeral cache removes its folder. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  fp_cache_close (cache);
  g_object_unref (cache);
  if (g_rmdir (parent) != 0)
    g_printerr ("could not remove %s\n", parent);
  return 0;
}
