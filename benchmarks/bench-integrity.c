/* bench-integrity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What fp_cache_check_integrity() costs: a cache of N transactions made
 * through fp_cache_apply_changes() as a first sync makes it (pages of
 * 1000, the deferred indexes built at the end), closed, opened again, then
 * every page read through SQLCipher (PRAGMA quick_check), which checks
 * each page's HMAC. Wall and CPU time, and the file size; the file is in
 * the OS page cache (just written), so this is the CPU cost of decrypting
 * and checking, plus SQLite's walk.
 *
 * FP_BENCH_SIZE=small: 10k rows; full: 100k and 1M rows.
 */

#include "config.h"

#include <time.h>

#include <glib/gstdio.h>

#include "fp-cache-private.h"
#include "fp-store.h"

#define PAGE 1000

static const char * const merchants[] = {
  "Kwik-E-Mart", "Monorail Travel", "Krusty Burger", "Lard Lad Donuts", "Moe's Tavern",
};
static const char * const categories[] = {
  "groceries", "transport", "dining", "shopping", "utilities", "entertainment",
};

static gint64
cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
rm_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fill (FpCache *cache,
      guint    n)
{
  g_autoptr(GError) error = NULL;
  FpTxnChange *page = g_new0 (FpTxnChange, PAGE);
  char (*ids)[24] = g_malloc0 (sizeof (char[24]) * PAGE);
  char (*zips)[8] = g_malloc0 (sizeof (char[8]) * PAGE);

  for (guint start = 0; start < n; start += PAGE)
    {
      guint count = MIN (PAGE, n - start);
      g_autofree char *cursor = g_strdup_printf ("c%u", start + count);

      for (guint k = 0; k < count; k++)
        {
          guint i = start + k;
          guint64 h = (guint64) i * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
          guint day = i * 3650 / MAX (n, 1);

          g_snprintf (ids[k], sizeof ids[k], "tx-%010u", i);
          g_snprintf (zips[k], sizeof zips[k], "%05u", (guint) ((h >> 11) % 100000));
          page[k] = (FpTxnChange) {
            .kind = FP_TXN_CREATED,
            .id = ids[k],
            .account_id = (h >> 7) % 2 ? "acc-0001" : "acc-0002",
            .day = (gint32) (20100101 + (day / 365) * 10000 + ((day % 365) / 31) * 100 + (day % 28)),
            .minute = (gint32) (h % 1440),
            .amount_minor = (gint64) ((h >> 40) % 30000) - 2000,
            .currency = "USD",
            .mcc = 5000 + (gint32) ((h >> 48) % 900),
            .merchant = merchants[(h >> 52) % G_N_ELEMENTS (merchants)],
            .city = "Springfield",
            .state = "OR",
            .zip = zips[k],
            .use_chip = "Chip Transaction",
            .category = categories[(h >> 58) % G_N_ELEMENTS (categories)],
          };
        }
      if (!fp_cache_apply_changes (cache, "transactions", page, count, cursor, &error))
        g_error ("apply: %s", error->message);
    }
  if (!_fp_cache_end_bulk_load (cache, &error))
    g_error ("indexes: %s", error->message);
  g_free (page);
  g_free (ids);
  g_free (zips);
}

static void
bench (guint n)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-bench-integrity-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, FP_CACHE_DB_NAME, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCacheKey) key = fp_cache_key_new_random (&error);
  g_autoptr(FpCache) cache = NULL;
  gint64 wall, cpu;
  GStatBuf st;

  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  fill (cache, n);
  fp_cache_close (cache);
  g_clear_object (&cache);

  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);

  wall = g_get_monotonic_time ();
  cpu = cpu_usec ();
  if (!fp_cache_check_integrity (cache, &error))
    g_error ("check: %s", error->message);
  cpu = cpu_usec () - cpu;
  wall = g_get_monotonic_time () - wall;

  printf ("integrity %u: %.1f MiB file\n", n, (double) st.st_size / (1024 * 1024));
  printf ("  full read  %8.3f s wall   %8.3f s CPU   %7.0f MiB/s (CPU)\n",
          (double) wall / G_USEC_PER_SEC, (double) cpu / G_USEC_PER_SEC,
          (double) st.st_size / (1024 * 1024) / MAX ((double) cpu / G_USEC_PER_SEC, 1e-6));
  fflush (stdout);

  fp_cache_close (cache);
  rm_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *size = g_getenv ("FP_BENCH_SIZE");

  if (g_strcmp0 (size, "full") == 0)
    {
      bench (100000);
      bench (1000000);
    }
  else
    bench (10000);
  return 0;
}
