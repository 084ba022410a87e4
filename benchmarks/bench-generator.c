/* bench-generator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates the sandbox bank's data at about 1M transactions (about 15k at
 * the small size) and prints the generation rate in transactions per
 * second, the TabFormer export and import rates, a full walk of every
 * customer's change feed in pages of 500, and the peak RSS.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "fp-generator.h"
#include "fp-tabformer.h"

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static long
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static void
remove_dir (const char *dir)
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

int
main (void)
{
  const char *size = g_getenv ("FP_BENCH_SIZE");
  gboolean full = g_strcmp0 (size, "full") == 0;
  /* About 480 transactions per customer and year, bank-side items included. */
  guint customers = full ? 700 : 8;
  guint years = 3;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpBankData) data = NULL;
  g_autoptr(FpBankData) imported = NULL;
  g_autofree char *dir = NULL;
  guint n_txns, n_card;
  guint64 n_changes = 0;
  gint64 start;
  double t_generate, t_export, t_import, t_feed;
  long rss_generated;

  start = g_get_monotonic_time ();
  data = fp_bank_data_new_generated (customers, years, 1, &error);
  t_generate = seconds_since (start);
  if (data == NULL)
    {
      fprintf (stderr, "generation failed: %s\n", error->message);
      return 1;
    }
  n_txns = fp_bank_data_get_n_transactions (data);
  rss_generated = peak_rss_kib ();

  /* The server's access pattern: every customer's feed, page by page. */
  start = g_get_monotonic_time ();
  for (guint32 c = 0; c < fp_bank_data_get_n_customers (data); c++)
    {
      guint64 after = 0;
      const FpBankChange *page;
      guint n;

      while ((page = fp_bank_data_get_changes (data, c, after, 500, &n)) != NULL)
        {
          for (guint i = 0; i < n; i++)
            {
              FpBankTransaction t;

              fp_bank_data_get_transaction (data, page[i].txn, &t);
            }
          after += n;
          n_changes += n;
        }
    }
  t_feed = seconds_since (start);

  dir = g_dir_make_tmp ("fp-bench-generator-XXXXXX", &error);
  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  start = g_get_monotonic_time ();
  if (!fp_tabformer_export (data, dir, &error))
    {
      fprintf (stderr, "export failed: %s\n", error->message);
      return 1;
    }
  t_export = seconds_since (start);

  start = g_get_monotonic_time ();
  imported = fp_tabformer_import (dir, &error);
  t_import = seconds_since (start);
  remove_dir (dir);
  if (imported == NULL)
    {
      fprintf (stderr, "import failed: %s\n", error->message);
      return 1;
    }
  n_card = fp_bank_data_get_n_transactions (imported);

  printf ("size: %s (%u customers + demo, %u years)\n", full ? "full" : "small", customers, years);
  printf ("generate: %u transactions in %.3f s: %.0f transactions/s\n",
          n_txns, t_generate, n_txns / MAX (t_generate, 1e-9));
  printf ("feed walk (pages of 500): %" G_GUINT64_FORMAT " changes in %.3f s: %.0f changes/s\n",
          n_changes, t_feed, n_changes / MAX (t_feed, 1e-9));
  printf ("export TabFormer: %u card transactions in %.3f s: %.0f rows/s\n",
          n_card, t_export, n_card / MAX (t_export, 1e-9));
  printf ("import TabFormer: %u card transactions in %.3f s: %.0f rows/s\n",
          n_card, t_import, n_card / MAX (t_import, 1e-9));
  printf ("peak RSS: %ld KiB after generating, %ld KiB with the imported copy too\n",
          rss_generated, peak_rss_kib ());

  return 0;
}
