/* bench-sync.c: a full sync of N transactions from the sandbox bank over
 * loopback HTTP into the encrypted cache, against a bare SQLCipher insert
 * of the same rows.
 *
 * FP_BENCH_SIZE=small: 10k transactions; full: 100k and 1M.
 *
 * The sandbox runs on a thread of this process (so that it can hold N
 * transactions for one customer: the demo history is topped up with
 * copies); the client side is the real one: HTTP, OAuth, json-glib, the
 * schema check and fp_cache_apply_changes() per page with its cursor.
 * Peak RSS is the process's (sandbox included), reset after the data is
 * generated; CPU is the process's user + system time during the sync
 * (the machine is shared: wall time alone can mislead).
 *
 * The bare insert is the floor: the same rows, in the feed's order, into
 * a plain rowid table without any index, one prepared INSERT, 1000 rows
 * per transaction, same key, 4 KiB pages, WAL, the cache's 64 MiB page
 * cache. (Until the perf pass it was a TEXT PRIMARY KEY filled newest
 * first, which is itself superlinear: 0.5 s at 100k, 19-45 s at 1M.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "fp-bank-data.h"
#include "fp-cache.h"
#include "fp-cache-private.h"
#include "fp-generator.h"
#include "fp-sandbox-server.h"
#include "fp-sync-engine.h"

typedef struct {
  GMainContext    *context;
  GMainLoop       *loop;
  FpBankData      *data;
  char            *url;
  GMutex           lock;
  GCond            cond;
} Bank;

static gpointer
bank_thread (gpointer user_data)
{
  Bank *b = user_data;
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
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static FpBankData *
make_data (guint n_target)
{
  g_autoptr(GError) error = NULL;
  FpBankData *data = fp_bank_data_new_generated (0, 1, 1, &error);
  g_autoptr(GArray) templates = g_array_new (FALSE, FALSE, sizeof (FpBankTransaction));
  guint64 have;

  g_assert_no_error (error);
  for (guint32 id = 0; id < fp_bank_data_get_n_transactions (data); id++)
    {
      FpBankTransaction t;

      if (fp_bank_data_get_transaction (data, id, &t) && t.customer == 0 && !t.is_deleted)
        g_array_append_val (templates, t);
    }
  have = fp_bank_data_get_latest_seq (data, 0);
  for (guint64 i = 0; have + i < n_target; i++)
    {
      FpBankTransaction t = g_array_index (templates, FpBankTransaction, i % templates->len);

      /* Copies of the history, a few minutes earlier and a little
       * different each time (dates stay within ten years). */
      t.booked_at -= (gint64) ((i / templates->len + 1) % 5000) * 60 * 17;
      t.amount += (gint64) (i % 97) - 48;
      if (fp_bank_data_add_transaction (data, &t, &error) == FP_BANK_NO_ID)
        g_error ("%s", error->message);
    }
  return data;
}

static void
reset_peak_rss (void)
{
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
}

static gint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (p = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtoll (p + 6, NULL, 10);
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

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (double) usage.ru_utime.tv_sec + (double) usage.ru_utime.tv_usec / 1e6
         + (double) usage.ru_stime.tv_sec + (double) usage.ru_stime.tv_usec / 1e6;
}

typedef struct {
  char *id, *account_id, *currency, *merchant, *city, *state, *zip, *use_chip, *errors, *category;
  gint32 day, minute, mcc, is_fraud;
  gint64 amount;
} BareRow;

static void
bare_row_clear (gpointer data)
{
  BareRow *r = data;

  g_free (r->id);
  g_free (r->account_id);
  g_free (r->currency);
  g_free (r->merchant);
  g_free (r->city);
  g_free (r->state);
  g_free (r->zip);
  g_free (r->use_chip);
  g_free (r->errors);
  g_free (r->category);
}

static char *
dup_col (sqlite3_stmt *stmt,
         int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

static void
bind_text (sqlite3_stmt *stmt,
           int           i,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, i);
}

/* The same rows straight into SQLCipher (see the header comment). */
static double
bare_insert (FpCache *cache)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-bench-bare-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bare.db", NULL);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (BareRow));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 start;
  double seconds;

  /* Read the rows first, in the order they came (not timed). */
  g_array_set_clear_func (rows, bare_row_clear);
  g_assert_cmpint (sqlite3_prepare_v2 (_fp_cache_get_db (cache),
                                       "SELECT id, account_id, day, minute, amount_minor, currency, mcc,"
                                       " merchant, city, state, zip, use_chip, errors, is_fraud, category"
                                       " FROM transactions ORDER BY txn_id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      BareRow r = {
        .id = dup_col (stmt, 0), .account_id = dup_col (stmt, 1),
        .day = sqlite3_column_int (stmt, 2), .minute = sqlite3_column_int (stmt, 3),
        .amount = sqlite3_column_int64 (stmt, 4), .currency = dup_col (stmt, 5),
        .mcc = sqlite3_column_int (stmt, 6), .merchant = dup_col (stmt, 7),
        .city = dup_col (stmt, 8), .state = dup_col (stmt, 9), .zip = dup_col (stmt, 10),
        .use_chip = dup_col (stmt, 11), .errors = dup_col (stmt, 12),
        .is_fraud = sqlite3_column_int (stmt, 13), .category = dup_col (stmt, 14),
      };

      g_array_append_val (rows, r);
    }
  sqlite3_finalize (stmt);

  start = g_get_monotonic_time ();
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA key = \"x'000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f'\";"
                                 "PRAGMA cipher_page_size = 4096;"
                                 "PRAGMA journal_mode = WAL;"
                                 "PRAGMA synchronous = NORMAL;"
                                 "PRAGMA cache_size = -65536;"
                                 "CREATE TABLE t (id TEXT, account_id TEXT, day INTEGER, minute INTEGER,"
                                 " amount INTEGER, currency TEXT, mcc INTEGER, merchant TEXT, city TEXT, state TEXT,"
                                 " zip TEXT, use_chip TEXT, errors TEXT, is_fraud INTEGER, category TEXT);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO t VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < rows->len; i++)
    {
      const BareRow *t = &g_array_index (rows, BareRow, i);

      if (i % 1000 == 0)
        sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
      bind_text (stmt, 1, t->id);
      bind_text (stmt, 2, t->account_id);
      sqlite3_bind_int (stmt, 3, t->day);
      sqlite3_bind_int (stmt, 4, t->minute);
      sqlite3_bind_int64 (stmt, 5, t->amount);
      bind_text (stmt, 6, t->currency);
      sqlite3_bind_int (stmt, 7, t->mcc);
      bind_text (stmt, 8, t->merchant);
      bind_text (stmt, 9, t->city);
      bind_text (stmt, 10, t->state);
      bind_text (stmt, 11, t->zip);
      bind_text (stmt, 12, t->use_chip);
      bind_text (stmt, 13, t->errors);
      sqlite3_bind_int (stmt, 14, t->is_fraud);
      bind_text (stmt, 15, t->category);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
      if (i % 1000 == 999 || i + 1 == rows->len)
        sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  rm_dir (dir);
  return seconds;
}

static void
bench (guint n)
{
  Bank b = { 0 };
  GThread *thread;
  g_autofree char *dir = g_dir_make_tmp ("fp-bench-sync-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCacheKey) key = fp_cache_key_new_random (&error);
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(FpSyncEngine) engine = NULL;
  guint64 count = 0, latest;
  gint64 peak;
  gint64 start, gen_start;
  double seconds, gen_seconds, bare, cpu;

  gen_start = g_get_monotonic_time ();
  b.data = make_data (n);
  gen_seconds = (double) (g_get_monotonic_time () - gen_start) / G_USEC_PER_SEC;
  latest = fp_bank_data_get_latest_seq (b.data, 0);
  b.context = g_main_context_new ();
  b.loop = g_main_loop_new (b.context, FALSE);
  g_mutex_init (&b.lock);
  g_cond_init (&b.cond);
  g_mutex_lock (&b.lock);
  thread = g_thread_new ("bank", bank_thread, &b);
  while (b.url == NULL)
    g_cond_wait (&b.cond, &b.lock);
  g_mutex_unlock (&b.lock);

  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  engine = fp_sync_engine_new (cache, b.url);
  fp_sync_engine_set_demo (engine, TRUE);
  /* The accounts first, not timed: the feed books only onto listed ones. */
  fp_sync_engine_set_parts (engine, FP_SYNC_CATALOGUES);
  if (!fp_sync_engine_run (engine, NULL, &error))
    g_error ("catalogues: %s", error->message);
  fp_sync_engine_set_parts (engine, FP_SYNC_TRANSACTIONS);
  fp_sync_engine_set_page_size (engine, 1000);

  reset_peak_rss ();
  cpu = cpu_seconds ();
  start = g_get_monotonic_time ();
  if (!fp_sync_engine_run (engine, NULL, &error))
    g_error ("sync: %s", error->message);
  seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  cpu = cpu_seconds () - cpu;
  peak = peak_rss_kib ();
  g_assert_true (fp_cache_count_transactions (cache, NULL, &count, NULL));

  bare = bare_insert (cache);

  printf ("sync %u: %" G_GUINT64_FORMAT " changes, %" G_GUINT64_FORMAT " rows in the cache\n",
          n, latest, count);
  printf ("  end to end     %8.2f s   %10.0f transactions/s\n", seconds, (double) count / seconds);
  printf ("  CPU            %8.2f s   (user + system, all threads, during the sync)\n", cpu);
  printf ("  peak RSS       %8" G_GINT64_FORMAT " KiB during the sync (process, sandbox thread included)\n", peak);
  printf ("  bare SQLCipher %8.2f s   %10.0f rows/s\n", bare, (double) count / bare);
  printf ("  ratio          %8.1f x the bare insert\n", seconds / bare);
  printf ("  (generating the bank's data took %.2f s, not counted)\n", gen_seconds);
  fflush (stdout);

  fp_cache_close (cache);
  g_main_context_invoke (b.context, quit_cb, b.loop);
  g_thread_join (thread);
  g_main_loop_unref (b.loop);
  g_main_context_unref (b.context);
  g_mutex_clear (&b.lock);
  g_cond_clear (&b.cond);
  g_free (b.url);
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
    bench (g_getenv ("FP_BENCH_N") != NULL ? (guint) g_ascii_strtoull (g_getenv ("FP_BENCH_N"), NULL, 10) : 10000);
  return 0;
}
