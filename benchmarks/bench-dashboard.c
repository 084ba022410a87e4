/* bench-dashboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dashboard from the encrypted cache: opening the cache, loading the
 * engine's input (one sequential scan of the transactions plus the
 * catalogues) and computing the whole dashboard, cold (first time after
 * opening) and warm (repeated; the median of 5), separately, and the peak
 * RSS. With a display (the benchmark runs in its own Xvfb), also the
 * first painted dashboard: from the start of the process (GTK's start-up
 * included) to the first frame drawn after the page shows the computed
 * dashboard, with the cache opened cold as at launch. Only the keyring
 * lookup of the key is not in it (the key is given).
 *
 * FP_BENCH_SIZE=small: 10k cached transactions; full: 100k and 1M.
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <adwaita.h>

#include "fp-cache-insights.h"
#include "fp-cli-insights.h"
#include "fp-dashboard-page.h"
#include "fp-store.h"

#define BATCH 10000
#define N_MERCHANTS 3000
#define RUNS 5

static const guint8 key_bytes[FP_CACHE_KEY_SIZE] = {
  0x3e, 0x21, 0xd4, 0x87, 0x3a, 0xed, 0x50, 0x03, 0xb6, 0x69, 0x1c, 0xcf, 0x82, 0x35, 0xe8, 0x9b,
  0x4e, 0x01, 0xb4, 0x67, 0x1a, 0xcd, 0x80, 0x33, 0xe6, 0x99, 0x4c, 0xff, 0xb2, 0x65, 0x18, 0xcc,
};

static const gint32 mccs[] = { 5411, 5812, 5814, 5541, 5311, 5651, 5732, 4121, 4111, 5912, 7832, 5942, 4899, 5999 };

static long
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static double
ms (gint64 usec)
{
  return usec / 1000.0;
}

static int
compare_i64 (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* One customer's history of @n transactions over 5 years, up to
 * 2026-11-15: card payments at N_MERCHANTS merchants, salary, rent and
 * utilities every month, 3 accounts. */
static void
fill (FpCache *cache,
      guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree FpTxnChange *changes = g_new0 (FpTxnChange, BATCH);
  g_autoptr(GPtrArray) merchants = g_ptr_array_new_with_free_func (g_free);
  gint32 last = fp_cache_day_from_yyyymmdd (20261115);
  gint32 first = last - 5 * 365;
  char *ids = g_malloc (BATCH * 24);
  guint done = 0;

  for (guint m = 0; m < N_MERCHANTS; m++)
    g_ptr_array_add (merchants, g_strdup_printf ("Merchant %u", m));

  while (done < n)
    {
      guint k = MIN (BATCH, n - done);

      for (guint i = 0; i < k; i++)
        {
          guint index = done + i;
          gint32 day = first + (gint32) ((gint64) index * (last - first + 1) / n);
          int mday = fp_cache_day_to_yyyymmdd (day) % 100;
          FpTxnChange *c = &changes[i];

          g_snprintf (ids + 24 * i, 24, "txn_%u", index);
          *c = (FpTxnChange) {
            .kind = FP_TXN_CREATED,
            .id = ids + 24 * i,
            .account_id = "acc_1",
            .day = fp_cache_day_to_yyyymmdd (day),
            .minute = g_rand_int_range (rand, 0, 1440),
            .currency = "USD",
            .use_chip = "chip",
            .category = "card",
          };
          /* The first transaction of some days is a regular one. */
          if (i > 0 && changes[i - 1].day == c->day)
            {
              guint m = (guint) g_rand_int_range (rand, 0, N_MERCHANTS);

              c->amount_minor = -(gint64) g_rand_int_range (rand, 100, 15000);
              c->mcc = mccs[m % G_N_ELEMENTS (mccs)];
              c->merchant = g_ptr_array_index (merchants, m);
              c->account_id = (m % 3) == 0 ? "acc_2" : "acc_1";
              c->is_fraud = g_rand_int_range (rand, 0, 20000) == 0;
              if (m % 7 == 0)
                c->use_chip = "online";
            }
          else if (mday == 28)
            {
              c->amount_minor = 650000;
              c->merchant = "Salary";
              c->category = "salary";
              c->use_chip = "none";
            }
          else if (mday == 1)
            {
              c->amount_minor = -180000;
              c->merchant = "Rent";
              c->category = "rent";
              c->use_chip = "none";
            }
          else
            {
              c->amount_minor = -(gint64) g_rand_int_range (rand, 3000, 12000);
              c->merchant = "City Power";
              c->category = "utilities";
              c->use_chip = "none";
            }
        }
      if (!fp_cache_apply_changes (cache, "transactions", changes, k, "cursor", &error))
        g_error ("apply: %s", error->message);
      done += k;
    }

  fp_cache_upsert_catalogue_item (cache, FP_CACHE_ACCOUNTS, "acc_1",
                                  "{\"accountId\": \"acc_1\", \"status\": \"Enabled\", \"currency\": \"USD\","
                                  " \"kind\": \"current\", \"nickname\": \"Current\"}", NULL);
  fp_cache_upsert_catalogue_item (cache, FP_CACHE_ACCOUNTS, "acc_2",
                                  "{\"accountId\": \"acc_2\", \"status\": \"Enabled\", \"currency\": \"USD\","
                                  " \"kind\": \"credit_card\", \"nickname\": \"Card\","
                                  " \"creditLimit\": {\"amount\": \"9000.00\", \"currency\": \"USD\"}}", NULL);
  fp_cache_upsert_catalogue_item (cache, FP_CACHE_BALANCES, "acc_2",
                                  "{\"accountId\": \"acc_2\", \"balances\": [{\"type\": \"InterimBooked\","
                                  " \"amount\": {\"amount\": \"-2300.00\", \"currency\": \"USD\"},"
                                  " \"dateTime\": \"2026-11-15T00:00:00Z\"}]}", NULL);
  g_free (ids);
}

static gint64 process_start;
static gint64 gtk_ready;
static gboolean have_display;

/* When the kernel started this process, on the monotonic clock. */
static gint64
process_start_time (void)
{
  g_autofree char *stat = NULL;
  g_autofree char *uptime = NULL;
  const char *p;
  guint64 start_ticks = 0;
  double up = 0;
  long hz = sysconf (_SC_CLK_TCK);

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      !g_file_get_contents ("/proc/uptime", &uptime, NULL, NULL) ||
      (p = strrchr (stat, ')')) == NULL)
    return g_get_monotonic_time ();

  /* Field 22 (starttime) is the 20th after the command's ')'. */
  for (guint field = 0; field < 20 && p != NULL; field++)
    p = strchr (p + 1, ' ');
  if (p != NULL)
    start_ticks = g_ascii_strtoull (p + 1, NULL, 10);
  up = g_ascii_strtod (uptime, NULL);

  return g_get_monotonic_time () - (gint64) ((up - (double) start_ticks / hz) * G_USEC_PER_SEC);
}

static void
updated_cb (FpDashboardPage *page,
            gboolean        *updated)
{
  *updated = TRUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Opens the cache cold, puts the dashboard page with the personalization
 * consent in a window, and waits for the first frame painted after the
 * computed dashboard is shown. Returns the time from @since to then. */
static gint64
first_paint (const char       *dir,
             const FpCacheKey *key,
             gint64            since)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("bench");
  FpCache *cache;
  GtkWidget *window;
  GtkWidget *page;
  gboolean updated = FALSE, painted = FALSE;
  gint64 painted_at;

  fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED, g_get_real_time ());
  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);

  window = adw_window_new ();
  page = fp_dashboard_page_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  adw_window_set_content (ADW_WINDOW (window), page);
  g_signal_connect (page, "updated", G_CALLBACK (updated_cb), &updated);
  fp_dashboard_page_set_consent_policy (FP_DASHBOARD_PAGE (page), policy);
  fp_dashboard_page_set_cache (FP_DASHBOARD_PAGE (page), cache);
  gtk_window_present (GTK_WINDOW (window));

  while (!updated)
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  painted_at = g_get_monotonic_time ();

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  fp_cache_close (cache);
  g_object_unref (cache);

  return painted_at - since;
}

static void
run_size (guint n)
{
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fp-bench-dashboard-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "cache.db", NULL);
  FpCache *cache;
  gint64 t0, open_us, fill_us, load_cold, compute_cold;
  gint64 load_warm[RUNS], compute_warm[RUNS];
  GStatBuf st;

  t0 = g_get_monotonic_time ();
  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  fill (cache, n);
  fp_cache_close (cache);
  g_object_unref (cache);
  fill_us = g_get_monotonic_time () - t0;
  g_stat (db, &st);

  /* Cold: a fresh FpCache (SQLCipher's page cache empty; the file is in
   * the OS cache, as after a recent sync). */
  t0 = g_get_monotonic_time ();
  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  open_us = g_get_monotonic_time () - t0;

  {
    g_autoptr(FpDashboardData) data = fp_dashboard_data_load (cache, 0, 0, TRUE, NULL, &error);

    g_assert_no_error (error);
    load_cold = data->load_usec;
    compute_cold = data->compute_usec;
    g_assert_cmpuint (data->input->txns->len, ==, n);
  }

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(FpDashboardData) data = fp_dashboard_data_load (cache, 0, 0, FALSE, NULL, &error);

      g_assert_no_error (error);
      load_warm[r] = data->load_usec;
      /* The engine alone, on the loaded input. */
      g_assert_true (fp_dashboard_data_compute (data, &error));
      compute_warm[r] = data->compute_usec;
    }
  qsort (load_warm, RUNS, sizeof (gint64), compare_i64);
  qsort (compute_warm, RUNS, sizeof (gint64), compare_i64);

  g_print ("%u cached transactions (cache file %.1f MiB, filled in %.1f s)\n",
           n, st.st_size / 1048576.0, fill_us / 1e6);
  g_print ("  open cache:        %8.1f ms\n", ms (open_us));
  g_print ("  load  cold / warm: %8.1f ms / %8.1f ms (median of %d, min %.1f)\n",
           ms (load_cold), ms (load_warm[RUNS / 2]), RUNS, ms (load_warm[0]));
  g_print ("  compute cold/warm: %8.1f ms / %8.1f ms (median of %d, min %.1f)\n",
           ms (compute_cold), ms (compute_warm[RUNS / 2]), RUNS, ms (compute_warm[0]));
  g_print ("  open + load + compute, cold: %.1f ms\n", ms (open_us + load_cold + compute_cold));
  g_print ("  peak RSS so far: %.1f MiB\n", peak_rss_kib () / 1024.0);

  fp_cache_close (cache);
  g_object_unref (cache);

  if (have_display)
    {
      /* As at launch: process and GTK start-up (measured once, at the
       * start), then the cache opened cold and the page painted. */
      gint64 startup = process_start > 0 ? gtk_ready - process_start : 0;
      gint64 page_us = first_paint (dir, key, g_get_monotonic_time ());

      g_print ("  first painted dashboard: %.1f ms (process and GTK start-up %.1f ms"
               " + cold open, load, compute and paint %.1f ms; the keyring lookup not included)\n",
               ms (startup + page_us), ms (startup), ms (page_us));
    }
  fp_cache_destroy (dir, NULL);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *size = g_getenv ("FP_BENCH_SIZE");

  process_start = process_start_time ();
  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();
  gtk_ready = g_get_monotonic_time ();
  if (!have_display)
    g_print ("no display: the first painted dashboard is not measured\n");

  if (g_strcmp0 (size, "full") == 0)
    {
      run_size (100000);
      run_size (1000000);
    }
  else
    run_size (10000);
  g_print ("peak RSS: %.1f MiB\n", peak_rss_kib () / 1024.0);
  return 0;
}
