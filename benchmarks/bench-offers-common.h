/* bench-offers-common.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The customer the offers benchmarks measure: the demo bank's catalogue,
 * market data, models and holdings synced from the sandbox (on a thread of
 * the benchmark), N transactions of ten years in the cache (a salary, the
 * rent, and card payments), and optionally more holdings.
 */

#pragma once

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fp-bank-data.h"
#include "fp-cache.h"
#include "fp-clock.h"
#include "fp-generator.h"
#include "fp-offers-data.h"
#include "fp-sandbox-server.h"
#include "fp-sync-engine.h"

#define BENCH_BATCH 10000
#define BENCH_YEARS 10

typedef struct {
  GMainContext *context;
  GMainLoop    *loop;
  FpBankData   *data;
  char         *url;
  GMutex        lock;
  GCond         cond;
  GThread      *thread;
} BenchBank;

static gpointer
bench_bank_thread (gpointer user_data)
{
  BenchBank *b = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpSandboxServer) server = NULL;
  FpSandboxConfig config;

  g_main_context_push_thread_default (b->context);
  fp_sandbox_config_init (&config);
  config.demo = TRUE;
  server = fp_sandbox_server_new (b->data, &config);
  if (!fp_sandbox_server_listen (server, &error))
    g_error ("%s", error->message);
  g_mutex_lock (&b->lock);
  b->url = g_strdup (fp_sandbox_server_get_base_url (server));
  g_cond_signal (&b->cond);
  g_mutex_unlock (&b->lock);
  g_main_loop_run (b->loop);
  g_main_context_pop_thread_default (b->context);
  return NULL;
}

static gboolean
bench_quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static guint
bench_size (guint full,
            guint small)
{
  const char *size = g_getenv ("FP_BENCH_SIZE");

  return g_strcmp0 (size, "full") == 0 ? full : small;
}

static guint64
bench_mix (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

typedef struct {
  char id[24];
} BenchId;

/* @n transactions over the ten years up to today on the demo's current
 * account (acc_0): 120 salaries of 5,200.00 on the 28th, 120 rents of
 * 1,400.00 on the 1st, and card payments worth about 2,400.00 a month. */
static void
bench_fill (FpCache *cache,
            guint    n)
{
  static const char *const merchants[] = { "Green Grocer", "Corner Fuel", "Luigi's Trattoria", "City Transit",
                                           "Bookworm & Co", "FreshMart" };
  static const gint32 mccs[] = { 5411, 5541, 5812, 4111, 5942, 5411 };
  FpTxnChange *changes = g_new0 (FpTxnChange, BENCH_BATCH);
  BenchId *ids = g_new (BenchId, BENCH_BATCH);
  g_autoptr(GError) error = NULL;
  GDate end, day;
  guint months = BENCH_YEARS * 12;
  guint cards = n > 2 * months ? n - 2 * months : 0;
  gint64 card_amount = MAX (1, (gint64) 240000 * months / MAX (cards, 1));
  guint made = 0, in_batch = 0;
  guint32 span;

  /* Up to today (FP_TODAY, or the real date the sandbox dates its
   * balances with), so that the months before it are complete. */
  {
    gint y;
    guint m, dd;

    fp_clock_civil_from_day (fp_clock_today (), &y, &m, &dd);
    g_date_clear (&end, 1);
    g_date_set_dmy (&end, (GDateDay) dd, (GDateMonth) m, (GDateYear) y);
  }
  day = end;
  g_date_subtract_months (&day, months);
  span = (guint32) g_date_days_between (&day, &end);

  for (guint i = 0; i < n; i++)
    {
      FpTxnChange *c = &changes[in_batch];
      GDate d = day;
      guint64 h = bench_mix (i);

      g_snprintf (ids[in_batch].id, sizeof ids[in_batch].id, "bench-%010u", i);
      *c = (FpTxnChange) { .kind = FP_TXN_CREATED, .id = ids[in_batch].id, .account_id = "acc_0",
                           .currency = "USD", .use_chip = "none" };
      if (i < 2 * months)
        {
          /* Salary (even) and rent (odd) of month i / 2. */
          g_date_add_months (&d, i / 2 + 1);
          g_date_set_day (&d, i % 2 == 0 ? 28 : 1);
          c->amount_minor = i % 2 == 0 ? 520000 : -140000;
          c->merchant = i % 2 == 0 ? "Salary Acme Corp" : "Oak Street Rentals";
          c->category = i % 2 == 0 ? "salary" : "rent";
        }
      else
        {
          guint k = (guint) (h % G_N_ELEMENTS (merchants));

          g_date_add_days (&d, (guint) ((guint64) (i - 2 * months) * span / MAX (cards, 1)));
          /* Steady spending, a little different each time. */
          c->amount_minor = -(card_amount * 9 / 10 + (gint64) ((h >> 20) % (guint64) MAX (card_amount / 5, 1)));
          c->merchant = merchants[k];
          c->mcc = mccs[k];
          c->category = "card";
          c->use_chip = "chip";
        }
      if (g_date_compare (&d, &end) > 0)
        d = end;
      c->day = (gint32) g_date_get_year (&d) * 10000 + (gint32) g_date_get_month (&d) * 100 +
               (gint32) g_date_get_day (&d);
      c->minute = (gint32) ((h >> 8) % 1440);
      made++;
      if (++in_batch == BENCH_BATCH || i + 1 == n)
        {
          if (!fp_cache_apply_changes (cache, "transactions", changes, in_batch, "bench", &error))
            g_error ("fill: %s", error->message);
          in_batch = 0;
        }
    }
  g_assert (made == n);
  g_free (changes);
  g_free (ids);
}

/* More holdings in the demo's investment account, in the catalogue's
 * funds (so they count for drift and fees) and a few unknown ones. */
static void
bench_add_holdings (FpCache *cache,
                    guint    n)
{
  static const char *const isins[] = {
    "ZZ0000000011", "ZZ0000000029", "ZZ0000000037", "ZZ0000000045", "ZZ0000000052", "XS0000000102",
    "XS0000000103", "XS0000000104", "XS0000000105", "XS0000000107", "QQ0000000001",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *first = fp_cache_get_catalogue_item (cache, FP_CACHE_HOLDINGS, "hld_0", &error);
  g_autoptr(JsonNode) node = NULL;
  const char *account;

  if (first == NULL)
    g_error ("the demo customer has no holdings");
  node = json_from_string (first, &error);
  g_assert_no_error (error);
  account = json_object_get_string_member (json_node_get_object (node), "accountId");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("hld_%u", 100000 + i);
      g_autofree char *json = g_strdup_printf (
          "{\"holdingId\":\"%s\",\"accountId\":\"%s\",\"name\":\"Fund %u\",\"isin\":\"%s\","
          "\"assetClass\":\"equity\",\"quantity\":\"10.000\","
          "\"unitPrice\":{\"amount\":\"100.00\",\"currency\":\"USD\"},"
          "\"marketValue\":{\"amount\":\"%u.%02u\",\"currency\":\"USD\"},"
          "\"costBasis\":{\"amount\":\"900.00\",\"currency\":\"USD\"}}",
          id, account, i, isins[i % G_N_ELEMENTS (isins)], 500 + (guint) (bench_mix (i) % 5000), i % 100);

      if (!fp_cache_upsert_catalogue_item (cache, FP_CACHE_HOLDINGS, id, json, &error))
        g_error ("holdings: %s", error->message);
    }
}

/* A cache in @dir: the bank's catalogues, @n transactions, @extra_holdings. */
static FpCache *
bench_make_cache (const char *dir,
                  guint       n,
                  guint       extra_holdings)
{
  BenchBank b = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCacheKey) key = fp_cache_key_new_random (&error);
  g_autoptr(FpSyncEngine) engine = NULL;
  FpCache *cache;

  g_assert_no_error (error);
  b.data = fp_bank_data_new_generated (0, 1, 1, &error);
  g_assert_no_error (error);
  b.context = g_main_context_new ();
  b.loop = g_main_loop_new (b.context, FALSE);
  g_mutex_init (&b.lock);
  g_cond_init (&b.cond);
  g_mutex_lock (&b.lock);
  b.thread = g_thread_new ("bank", bench_bank_thread, &b);
  while (b.url == NULL)
    g_cond_wait (&b.cond, &b.lock);
  g_mutex_unlock (&b.lock);

  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  /* The catalogues first, then the history in bulk into an empty table. */
  engine = fp_sync_engine_new (cache, b.url);
  fp_sync_engine_set_demo (engine, TRUE);
  fp_sync_engine_set_parts (engine, FP_SYNC_CATALOGUES);
  if (!fp_sync_engine_run (engine, NULL, &error))
    g_error ("sync: %s", error->message);
  bench_fill (cache, n);
  bench_add_holdings (cache, extra_holdings);

  g_main_context_invoke (b.context, bench_quit_cb, b.loop);
  g_thread_join (b.thread);
  g_main_loop_unref (b.loop);
  g_main_context_unref (b.context);
  g_mutex_clear (&b.lock);
  g_cond_clear (&b.cond);
  g_free (b.url);
  return cache;
}

static int
bench_cmp_double (const void *a,
                  const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Median and maximum of @n samples in ms (sorts them). */
static void
bench_print_samples (const char *what,
                     double     *ms,
                     guint       n)
{
  qsort (ms, n, sizeof *ms, bench_cmp_double);
  printf ("  %-44s median %7.3f ms   max %7.3f ms   (%u runs)\n", what, ms[n / 2], ms[n - 1], n);
}
