/* bench-store-insert.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bare SQLCipher inserts of N transaction rows with the cache's schema and
 * pragmas: the baseline the sync benchmark compares with. Plain SQLite
 * cannot be linked beside SQLCipher, so the comparisons are SQLCipher
 * without a key (no encryption), with a key and 4 KiB pages (what the
 * cache uses) and with a key and SQLCipher 3's default 1 KiB pages; then
 * the same rows through fp_cache_apply_changes() (rollups, counts,
 * idempotent upserts, cursor) and the end of the feed that builds the
 * deferred indexes, as a first sync writes them, and reads of pages deep
 * in the list and counts. Each ratio is printed with the load average.
 *
 * FP_BENCH_SIZE=small: 10k rows; full: 100k and 1M rows.
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <glib/gstdio.h>

#include "fp-cache-private.h"
#include "fp-store.h"

#define BATCH 10000
#define N_ACCOUNTS 8

typedef enum {
  MODE_PLAIN,
  MODE_KEY_1K,
  MODE_KEY_4K,
} Mode;

static const char * const mode_names[] = {
  [MODE_PLAIN] = "SQLCipher, no key, 4 KiB",
  [MODE_KEY_1K] = "SQLCipher, key, 1 KiB",
  [MODE_KEY_4K] = "SQLCipher, key, 4 KiB (cache)",
};

static const char * const merchants[] = {
  "Kwik-E-Mart", "Monorail Travel", "Krusty Burger", "Lard Lad Donuts", "Moe's Tavern",
  "Android's Dungeon", "Leftorium", "Try-N-Save", "Springfield Power", "Frying Dutchman",
};
static const char * const categories[] = {
  "groceries", "transport", "dining", "shopping", "utilities", "entertainment",
};

static const guint8 key_bytes[FP_CACHE_KEY_SIZE] = {
  0x6e, 0x21, 0xd4, 0x87, 0x3a, 0xed, 0x50, 0x03, 0xb6, 0x69, 0x1c, 0xcf, 0x82, 0x35, 0xe8, 0x9b,
  0x4e, 0x01, 0xb4, 0x67, 0x1a, 0xcd, 0x80, 0x33, 0xe6, 0x99, 0x4c, 0xff, 0xb2, 0x65, 0x18, 0xcb,
};

typedef struct {
  char id[24];
  char account[16];
  char zip[8];
  FpTxnChange change;
} BenchRow;

/* CPU time of the process: on a shared 2-core machine, wall time mostly
 * measures the neighbours; ratios are computed on CPU time. */
static gint64
cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static guint64
mix (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

/* Rows shaped like TabFormer's: one customer's 8 cards over ten years,
 * in the order of a change feed, i.e. by time. @shuffled breaks that order
 * (ids stay sequential) to show what random index inserts cost. */
static BenchRow *
make_rows (guint    n,
           gboolean shuffled)
{
  BenchRow *rows = g_new0 (BenchRow, n);
  const guint64 span_minutes = G_GUINT64_CONSTANT (10) * 365 * 1440;
  GDate date;

  for (guint i = 0; i < n; i++)
    {
      BenchRow *r = &rows[i];
      guint64 h = mix (i);
      guint64 t = (shuffled ? mix (h) % n : i) * span_minutes / n;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2010);
      g_date_add_days (&date, (guint) (t / 1440));

      g_snprintf (r->id, sizeof r->id, "tx-%010u", i);
      g_snprintf (r->account, sizeof r->account, "acc-%04u", (guint) (h % N_ACCOUNTS));
      g_snprintf (r->zip, sizeof r->zip, "%05u", (guint) ((h >> 11) % 100000));
      r->change = (FpTxnChange) {
        .kind = FP_TXN_CREATED,
        .id = r->id,
        .account_id = r->account,
        .day = (gint32) g_date_get_year (&date) * 10000 + (gint32) g_date_get_month (&date) * 100
               + (gint32) g_date_get_day (&date),
        .minute = (gint32) (t % 1440),
        .amount_minor = (gint64) ((h >> 40) % 30000) - 2000,
        .currency = "USD",
        .mcc = 5000 + (gint32) ((h >> 48) % 900),
        .merchant = merchants[(h >> 52) % G_N_ELEMENTS (merchants)],
        .city = "Springfield",
        .state = "OR",
        .zip = r->zip,
        .use_chip = (h >> 56) % 3 == 0 ? "Swipe Transaction" : "Chip Transaction",
        .errors = (h >> 58) % 50 == 0 ? "Insufficient Balance" : NULL,
        .is_fraud = (h >> 60) % 500 == 0,
        .category = categories[(h >> 61) % G_N_ELEMENTS (categories)],
      };
    }
  return rows;
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static sqlite3 *
open_raw (const char *path,
          Mode        mode)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  int version = 0;

  if (sqlite3_open (path, &db) != SQLITE_OK)
    g_error ("open failed");

  if (mode != MODE_PLAIN)
    {
      GString *literal = g_string_new ("x'");

      for (guint i = 0; i < FP_CACHE_KEY_SIZE; i++)
        g_string_append_printf (literal, "%02x", key_bytes[i]);
      g_string_append_c (literal, '\'');
      sqlite3_key (db, literal->str, (int) literal->len);
      g_string_free (literal, TRUE);
      exec_or_die (db, mode == MODE_KEY_1K ? "PRAGMA cipher_page_size = 1024"
                                           : "PRAGMA cipher_page_size = 4096");
    }
  else
    exec_or_die (db, "PRAGMA page_size = 4096");

  /* The cache's pragmas (fp-cache.c). */
  exec_or_die (db, "PRAGMA temp_store = MEMORY");
  exec_or_die (db, "PRAGMA foreign_keys = ON");
  exec_or_die (db, "PRAGMA cache_size = -65536");
  exec_or_die (db, "PRAGMA journal_mode = WAL");
  exec_or_die (db, "PRAGMA synchronous = NORMAL");

  if (!_fp_cache_migrate (db, G_MAXINT, &version, &error))
    g_error ("migrate: %s", error->message);
  return db;
}

static void
bind_row (sqlite3_stmt      *stmt,
          const FpTxnChange *c)
{
  sqlite3_bind_text (stmt, 1, c->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, c->account_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, c->day);
  sqlite3_bind_int (stmt, 4, c->minute);
  sqlite3_bind_int64 (stmt, 5, c->amount_minor);
  sqlite3_bind_text (stmt, 6, c->currency, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, c->mcc);
  sqlite3_bind_text (stmt, 8, c->merchant, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, c->city, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, c->state, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, c->zip, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, c->use_chip, -1, SQLITE_STATIC);
  if (c->errors != NULL)
    sqlite3_bind_text (stmt, 13, c->errors, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 13);
  sqlite3_bind_int (stmt, 14, c->is_fraud);
  sqlite3_bind_text (stmt, 15, c->category, -1, SQLITE_STATIC);
}

static goffset
dir_size (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  goffset total = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (g_stat (path, &st) == 0)
        total += st.st_size;
    }
  return total;
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

/* Rows per second of a bare insert (prepared statement, one transaction
 * per BATCH rows). */
static double
bench_bare (const BenchRow *rows,
            guint           n,
            Mode            mode)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-bench-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cache.db", NULL);
  sqlite3 *db = open_raw (path, mode);
  sqlite3_stmt *stmt = NULL;
  gint64 start, elapsed, cpu_start, cpu;
  double rate;

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO transactions (id, account_id, day, minute, amount_minor, currency,"
                          " mcc, merchant, city, state, zip, use_chip, errors, is_fraud, category)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                          -1, &stmt, NULL) != SQLITE_OK)
    g_error ("prepare: %s", sqlite3_errmsg (db));

  start = g_get_monotonic_time ();
  cpu_start = cpu_usec ();
  for (guint i = 0; i < n; i++)
    {
      if (i % BATCH == 0)
        exec_or_die (db, "BEGIN");
      bind_row (stmt, &rows[i].change);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("insert: %s", sqlite3_errmsg (db));
      sqlite3_reset (stmt);
      if (i % BATCH == BATCH - 1 || i == n - 1)
        exec_or_die (db, "COMMIT");
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  elapsed = g_get_monotonic_time () - start;
  cpu = cpu_usec () - cpu_start;

  rate = n / (cpu / (double) G_USEC_PER_SEC);
  g_print ("  bare insert   %-32s %9.0f rows/s (CPU)  %6.2f s CPU  %6.2f s wall  %6.1f MB on disk\n",
           mode_names[mode], rate, cpu / (double) G_USEC_PER_SEC,
           elapsed / (double) G_USEC_PER_SEC, dir_size (dir) / 1e6);
  remove_dir (dir);
  return rate;
}

/* The same rows through the cache's apply path, in pages of @page rows,
 * then reads of list pages at several depths. */
static double
bench_apply (const BenchRow *rows,
             guint           n,
             guint           page)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-bench-store-XXXXXX", NULL);
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = fp_cache_open (dir, key, &error);
  g_autofree FpTxnChange *changes = g_new0 (FpTxnChange, page);
  gint64 start, elapsed, cpu_start, cpu;
  double rate;

  if (cache == NULL)
    g_error ("open: %s", error->message);

  start = g_get_monotonic_time ();
  cpu_start = cpu_usec ();
  for (guint i = 0; i < n; i += page)
    {
      guint len = MIN (page, n - i);
      char cursor[32];

      for (guint j = 0; j < len; j++)
        changes[j] = rows[i + j].change;
      g_snprintf (cursor, sizeof cursor, "c%u", i + len);
      if (!fp_cache_apply_changes (cache, "transactions", changes, len, cursor, &error))
        g_error ("apply: %s", error->message);
    }
  elapsed = g_get_monotonic_time () - start;
  cpu = cpu_usec () - cpu_start;
  rate = n / (cpu / (double) G_USEC_PER_SEC);
  g_print ("  apply pages   %-32s %9.0f rows/s (CPU)  %6.2f s CPU  %6.2f s wall  %6.1f MB on disk  (pages of %u)\n",
           "fp_cache_apply_changes", rate, cpu / (double) G_USEC_PER_SEC,
           elapsed / (double) G_USEC_PER_SEC, dir_size (dir) / 1e6, page);

  /* A first sync into an empty cache deferred the paging indexes; the
   * sync engine builds them at the end of the feed, before it reports
   * success (_fp_cache_end_bulk_load()): part of the sync's cost, not of
   * the customer's first read. */
  start = g_get_monotonic_time ();
  cpu_start = cpu_usec ();
  if (!_fp_cache_end_bulk_load (cache, &error))
    g_error ("end of the feed: %s", error->message);
  elapsed = g_get_monotonic_time () - start;
  g_print ("  end of feed   %-32s %6.2f s CPU  %6.2f s wall\n", "deferred indexes built",
           (cpu_usec () - cpu_start) / (double) G_USEC_PER_SEC, elapsed / (double) G_USEC_PER_SEC);
  cpu += cpu_usec () - cpu_start;
  rate = n / (cpu / (double) G_USEC_PER_SEC);

  /* Listing: the Activity page asks for pages anywhere in the list. */
  {
    const guint offsets[] = { 0, n / 2, n > 100 ? n - 100 : 0 };
    FpTxnFilter by_account = { .account_id = "acc-0005" };
    FpTxnFilter by_merchant = { .merchant = "krusty" };
    guint64 count = 0;

    for (guint k = 0; k < G_N_ELEMENTS (offsets); k++)
      {
        g_autoptr(GPtrArray) list = NULL;

        start = g_get_monotonic_time ();
        list = fp_cache_list_transactions (cache, NULL, offsets[k], 100, &error);
        elapsed = g_get_monotonic_time () - start;
        g_print ("  list 100 rows at offset %-9u %8.2f ms\n", offsets[k], elapsed / 1000.0);
      }

    start = g_get_monotonic_time ();
    fp_cache_count_transactions (cache, NULL, &count, &error);
    elapsed = g_get_monotonic_time () - start;
    g_print ("  count all (%" G_GUINT64_FORMAT ")          %8.2f ms\n", count, elapsed / 1000.0);

    start = g_get_monotonic_time ();
    fp_cache_count_transactions (cache, &by_account, &count, &error);
    g_ptr_array_unref (fp_cache_list_transactions (cache, &by_account, 0, 100, &error));
    elapsed = g_get_monotonic_time () - start;
    g_print ("  one account: count + first page   %8.2f ms\n", elapsed / 1000.0);

    start = g_get_monotonic_time ();
    fp_cache_count_transactions (cache, &by_merchant, &count, &error);
    elapsed = g_get_monotonic_time () - start;
    g_print ("  merchant search, count (%" G_GUINT64_FORMAT ") %8.2f ms\n", count, elapsed / 1000.0);

    start = g_get_monotonic_time ();
    g_ptr_array_unref (fp_cache_list_transactions (cache, &by_merchant, n / 20, 100, &error));
    elapsed = g_get_monotonic_time () - start;
    g_print ("  merchant search, page at %-8u %8.2f ms\n", n / 20, elapsed / 1000.0);
  }

  fp_cache_close (cache);
  remove_dir (dir);
  return rate;
}

int
main (int   argc,
      char *argv[])
{
  const char *size = g_getenv ("FP_BENCH_SIZE");
  gboolean full = g_strcmp0 (size, "full") == 0;
  const guint small_sizes[] = { 10000 };
  const guint full_sizes[] = { 100000, 1000000 };
  const guint *sizes = full ? full_sizes : small_sizes;
  guint n_sizes = full ? G_N_ELEMENTS (full_sizes) : G_N_ELEMENTS (small_sizes);
  const char *rows_env = g_getenv ("FP_BENCH_ROWS");
  guint custom_size[1];
  struct rusage usage;

  /* FP_BENCH_ROWS=N measures one size only. */
  if (rows_env != NULL && (custom_size[0] = (guint) g_ascii_strtoull (rows_env, NULL, 10)) > 0)
    {
      sizes = custom_size;
      n_sizes = 1;
    }

  g_print ("bench-store-insert (%s; SQLite %s)\n", full ? "full" : "small", sqlite3_libversion ());

  for (guint s = 0; s < n_sizes; s++)
    {
      guint n = sizes[s];
      g_autofree BenchRow *rows = make_rows (n, FALSE);
      double plain, key1k, key4k, apply;

      g_autofree char *load = NULL;

      g_print ("%u rows in feed (time) order\n", n);
      plain = bench_bare (rows, n, MODE_PLAIN);
      key1k = bench_bare (rows, n, MODE_KEY_1K);
      key4k = bench_bare (rows, n, MODE_KEY_4K);
      apply = bench_apply (rows, n, 1000);
      if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
        load[strcspn (load, " ")] = '\0';

      g_print ("  cost of encryption, 4 KiB pages: %+.0f%% CPU time vs no key\n", (plain / key4k - 1) * 100);
      g_print ("  cost of encryption, 1 KiB pages: %+.0f%% CPU time vs no key\n", (plain / key1k - 1) * 100);
      g_print ("  apply path and deferred indexes vs bare insert (4 KiB, key): %.2fx the CPU time (load %s)\n",
               key4k / apply, load);
    }

  /* What a feed in random time order costs (index inserts all over the
   * day and account indexes instead of at their ends). */
  {
    guint n = full ? 100000 : 10000;
    g_autofree BenchRow *rows = make_rows (n, TRUE);

    g_print ("%u rows in random time order\n", n);
    bench_bare (rows, n, MODE_KEY_4K);
  }

  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak RSS: %.1f MB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
