/* test-cache-schema.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Migrations: what exists only on this device survives every one of them.
 */

#include "config.h"

#include "fp-cache-private.h"
#include "fp-store.h"
#include "fp-store-test-util.h"

static const guint8 key_bytes[FP_CACHE_KEY_SIZE] = {
  0x5f, 0x13, 0x8a, 0xc4, 0x27, 0x9b, 0x60, 0xee, 0x01, 0x7d, 0x42, 0xb9, 0x8e, 0x35, 0xd6, 0x0c,
  0xa1, 0x64, 0x2f, 0xf8, 0x93, 0x4e, 0x17, 0xcb, 0x58, 0x06, 0xbd, 0x72, 0xe9, 0x3a, 0x85, 0x10,
};

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Every row of @sql, as "a|b|c" lines. */
static char *
dump (sqlite3    *db,
      const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", text != NULL ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static void
test_local_rows_survive (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autofree char *outbox = NULL;
  g_autofree char *history = NULL;
  g_autofree char *feedback = NULL;
  g_autofree char *scenarios = NULL;
  g_autofree char *assets = NULL;
  g_autofree char *totals = NULL;
  sqlite3 *db;

  /* A cache as version 1 of the schema left it. */
  cache = _fp_cache_open_full (dir, key, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fp_cache_get_schema_version (cache), ==, 1);
  db = _fp_cache_get_db (cache);
  exec_ok (db,
           "INSERT INTO outbox (created, method, path, body, idempotency_key, state, attempts) VALUES"
           " (1700000000, 'POST', '/consents', '{\"purpose\":\"insights\"}', 'k-1', 0, 0),"
           " (1700000100, 'POST', '/feedback', NULL, 'k-2', 0, 3),"
           " (1700000200, 'DELETE', '/consents/c-9', '', 'k-3', 1, 1);"
           "INSERT INTO consent_history (consent_id, purpose, action, at, receipt) VALUES"
           " ('c-1', 'insights', 'granted', 1600000000, 'r-1'),"
           " ('c-1', 'insights', 'withdrawn', 1600000500, NULL),"
           " ('c-2', 'offers', 'granted', 1600001000, 'r-2');"
           "INSERT INTO feedback (created, kind, subject, json) VALUES"
           " (1650000000, 'insight', 'i-4', '{\"useful\":true}');"
           "INSERT INTO scenarios (id, name, created, json) VALUES"
           " ('s-1', 'Buy a flat', 1650000001, '{\"price\":25000000}'),"
           " ('s-2', 'Sabbatical – ünïcode', 1650000002, '{}');"
           "INSERT INTO manual_assets (id, name, kind, value_minor, currency, updated) VALUES"
           " ('a-1', 'Bicycle', 'other', 120000, 'EUR', 1650000003),"
           " ('a-2', 'Gold coins', 'commodity', -5, 'USD', 1650000004);"
           /* And some cache rows, from which version 2 builds its rollups. */
           "INSERT INTO transactions (id, account_id, day, minute, amount_minor, currency, category) VALUES"
           " ('t-1', 'acc-1', 20190301, 10, 1000, 'USD', 'food'),"
           " ('t-2', 'acc-1', 20190331, 20, 250, 'USD', 'food'),"
           " ('t-3', 'acc-1', 20190401, 30, -300, 'USD', NULL),"
           " ('t-4', 'acc-2', 20190301, 40, 700, 'EUR', 'food');");

  outbox = dump (db, "SELECT id, created, method, path, body, idempotency_key, state, attempts FROM outbox ORDER BY id");
  history = dump (db, "SELECT seq, consent_id, purpose, action, at, receipt FROM consent_history ORDER BY seq");
  feedback = dump (db, "SELECT id, created, kind, subject, json FROM feedback ORDER BY id");
  scenarios = dump (db, "SELECT id, name, created, json FROM scenarios ORDER BY id");
  assets = dump (db, "SELECT id, name, kind, value_minor, currency, updated FROM manual_assets ORDER BY id");
  g_assert_cmpstr (outbox, !=, "");
  fp_cache_close (cache);
  g_clear_object (&cache);

  /* Every later migration runs on open. */
  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fp_cache_get_schema_version (cache), ==, fp_cache_get_latest_schema_version ());
  db = _fp_cache_get_db (cache);
  /* Migration 8 counts the rows that were there, per account. */
  {
    g_autofree char *counts = dump (db, "SELECT account_id, n FROM txn_counts ORDER BY account_id");

    g_assert_cmpstr (counts, ==, "acc-1|3\nacc-2|1\n");
  }

  {
    g_autofree char *outbox2 = dump (db, "SELECT id, created, method, path, body, idempotency_key, state, attempts FROM outbox ORDER BY id");
    g_autofree char *history2 = dump (db, "SELECT seq, consent_id, purpose, action, at, receipt FROM consent_history ORDER BY seq");
    g_autofree char *feedback2 = dump (db, "SELECT id, created, kind, subject, json FROM feedback ORDER BY id");
    g_autofree char *scenarios2 = dump (db, "SELECT id, name, created, json FROM scenarios ORDER BY id");
    g_autofree char *assets2 = dump (db, "SELECT id, name, kind, value_minor, currency, updated FROM manual_assets ORDER BY id");
    g_autofree char *updated = dump (db, "SELECT id, updated FROM scenarios ORDER BY id");
    g_autofree char *errors = dump (db, "SELECT count(*) FROM outbox WHERE last_error IS NOT NULL");

    g_assert_cmpstr (outbox2, ==, outbox);
    g_assert_cmpstr (history2, ==, history);
    g_assert_cmpstr (feedback2, ==, feedback);
    g_assert_cmpstr (scenarios2, ==, scenarios);
    g_assert_cmpstr (assets2, ==, assets);
    /* The columns version 3 added. */
    g_assert_cmpstr (updated, ==, "s-1|1650000001\ns-2|1650000002\n");
    g_assert_cmpstr (errors, ==, "0\n");
    /* The columns version 4 added to the manual assets. */
    {
      g_autofree char *added = dump (db, "SELECT id, rate_bps, created FROM manual_assets ORDER BY id");

      g_assert_cmpstr (added, ==, "a-1|0|1650000003\na-2|0|1650000004\n");
    }
  }

  /* Version 2 built the rollups from the rows already there (by hand:
   * acc-1 March food 1000 + 250 in 2 rows, April uncategorised -300). */
  totals = dump (db, "SELECT account_id, month, category, currency, total_minor, count"
                     " FROM monthly_totals ORDER BY account_id, month, category, currency");
  g_assert_cmpstr (totals, ==,
                   "acc-1|201903|food|USD|1250|2\n"
                   "acc-1|201904||USD|-300|1\n"
                   "acc-2|201903|food|EUR|700|1\n");

  /* The consent history stays append-only after the migrations. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE consent_history SET action = 'x'", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM consent_history", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);

  /* And the outbox still delivers in order what was queued before. */
  {
    g_autoptr(GPtrArray) pending = fp_cache_outbox_list_pending (cache, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pending->len, ==, 2);
    g_assert_cmpstr (((FpOutboxItem *) g_ptr_array_index (pending, 0))->idempotency_key, ==, "k-1");
    g_assert_cmpstr (((FpOutboxItem *) g_ptr_array_index (pending, 1))->idempotency_key, ==, "k-2");
    g_assert_cmpint (((FpOutboxItem *) g_ptr_array_index (pending, 1))->attempts, ==, 3);
  }

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

/* Version 4: rows synced before it learn their state from their errors,
 * the totals leave declined attempts out, the feed starts again so that
 * every row gets its name and card, and the customer's annotations have
 * their tables. */
static void
test_declined_and_annotations (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  sqlite3 *db;

  cache = _fp_cache_open_full (dir, key, 3, &error);
  g_assert_no_error (error);
  db = _fp_cache_get_db (cache);
  exec_ok (db,
           "INSERT INTO transactions (id, account_id, day, minute, amount_minor, currency, category, errors) VALUES"
           " ('t-1', 'acc-1', 20261001, 10, -89999, 'USD', 'card', NULL),"
           " ('t-2', 'acc-1', 20261001, 11, -89999, 'USD', 'card', 'Insufficient Balance'),"
           " ('t-3', 'acc-1', 20261002, 12, -500, 'USD', 'card', '');"
           "INSERT INTO monthly_totals VALUES ('acc-1', 202610, 'card', 'USD', -180498, 3);"
           "INSERT INTO sync_state (resource, cursor, etag, last_synced) VALUES"
           " ('transactions', 'cur-9', NULL, 1700000000), ('cards', NULL, 'etag-1', 1700000000);");
  g_clear_object (&cache);

  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fp_cache_get_schema_version (cache), >=, 4);
  db = _fp_cache_get_db (cache);
  {
    g_autofree char *states = dump (db, "SELECT id, txn_state FROM transactions ORDER BY id");
    g_autofree char *totals = dump (db, "SELECT month, total_minor, count FROM monthly_totals");
    g_autofree char *cursors = dump (db, "SELECT resource, cursor, etag FROM sync_state ORDER BY resource");

    g_assert_cmpstr (states, ==, "t-1|0\nt-2|2\nt-3|0\n");
    g_assert_cmpstr (totals, ==, "202610|-90499|2\n");
    g_assert_cmpstr (cursors, ==, "cards|NULL|etag-1\ntransactions|NULL|NULL\n");
  }
  exec_ok (db,
           "INSERT INTO txn_annotations (transaction_id, category, note, updated) VALUES ('t-1', 'dining', 'n', 1);"
           "INSERT INTO card_requests (card_id, frozen, requested, idempotency_key) VALUES ('crd_1', 1, 1, 'k');");

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

static void
test_each_step (void)
{
  /* Every intermediate version opens and upgrades as well. */
  for (int start = 1; start <= fp_cache_get_latest_schema_version (); start++)
    {
      g_autofree char *dir = fp_test_make_tmpdir ();
      g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
      g_autoptr(GError) error = NULL;
      g_autoptr(FpCache) cache = NULL;

      cache = _fp_cache_open_full (dir, key, start, &error);
      g_assert_no_error (error);
      g_assert_cmpint (fp_cache_get_schema_version (cache), ==, start);
      exec_ok (_fp_cache_get_db (cache),
               "INSERT INTO scenarios (id, name, created, json) VALUES ('s', 'n', 1, '{}')");
      /* The local-only tables of later versions, from the version that
       * made them. */
      if (start >= 4)
        exec_ok (_fp_cache_get_db (cache),
                 "INSERT INTO offer_feedback (created, offer_id, reaction, reasons, sent)"
                 " VALUES (5, 'savings-goal', 'dismissed', '', 1)");
      g_clear_object (&cache);

      cache = fp_cache_open (dir, key, &error);
      g_assert_no_error (error);
      g_assert_cmpint (fp_cache_get_schema_version (cache), ==, fp_cache_get_latest_schema_version ());
      {
        g_autofree char *rows = dump (_fp_cache_get_db (cache), "SELECT id, name, created, json FROM scenarios");

        g_assert_cmpstr (rows, ==, "s|n|1|{}\n");
        if (start >= 4)
          {
            g_autofree char *feedback = dump (_fp_cache_get_db (cache),
                                              "SELECT id, created, offer_id, reaction, reasons, sent FROM offer_feedback");

            g_assert_cmpstr (feedback, ==, "1|5|savings-goal|dismissed||1\n");
          }
      }
      g_clear_object (&cache);
      fp_test_rm_rf (dir);
    }
}

static void
test_newer_schema_refused (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  exec_ok (_fp_cache_get_db (cache), "PRAGMA user_version = 999");
  g_clear_object (&cache);

  before = fp_test_dir_fingerprint (dir);
  cache = fp_cache_open (dir, key, &error);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_MIGRATION_FAILED);
  g_assert_null (cache);
  after = fp_test_dir_fingerprint (dir);
  g_assert_cmpstr (before, ==, after);

  fp_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cache/schema/local-rows-survive", test_local_rows_survive);
  g_test_add_func ("/cache/schema/each-step", test_each_step);
  g_test_add_func ("/cache/schema/declined-and-annotations", test_declined_and_annotations);
  g_test_add_func ("/cache/schema/newer-refused", test_newer_schema_refused);

  return g_test_run ();
}
