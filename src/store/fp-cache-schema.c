/* fp-cache-schema.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-cache-schema"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-cache-private.h"
#include "fp-store-error.h"

/* The schema, as a list of migrations; `PRAGMA user_version` says how many
 * ran. Each runs in one transaction together with the version bump, so a
 * crash leaves the previous version intact. Never edit a migration that
 * shipped: add one.
 *
 * Two kinds of tables:
 *  - the cache proper (accounts, transactions, ...) can always be fetched
 *    again from the bank;
 *  - local-only tables (outbox, consent_history, feedback, scenarios,
 *    manual_assets, offer_feedback, txn_annotations, card_requests,
 *    risk_answers, assistant_messages) exist
 *    nowhere else, and every migration must keep their rows: never DROP
 *    them; rebuild them only by copying every row.
 *
 * SQLite here is 3.15 (SQLCipher 3.4.1): no UPSERT, no window functions,
 * no ALTER TABLE RENAME COLUMN.
 */

typedef struct {
  int version;
  const char *sql;
} Migration;

static const Migration migrations[] = {
  { 1,
    /* Catalogue-like resources as the bank sends them, keyed by id. */
    "CREATE TABLE accounts (id TEXT PRIMARY KEY NOT NULL, json TEXT NOT NULL, updated INTEGER NOT NULL);"
    "CREATE TABLE balances (id TEXT PRIMARY KEY NOT NULL, json TEXT NOT NULL, updated INTEGER NOT NULL);"
    "CREATE TABLE cards (id TEXT PRIMARY KEY NOT NULL, json TEXT NOT NULL, updated INTEGER NOT NULL);"
    "CREATE TABLE offers (id TEXT PRIMARY KEY NOT NULL, json TEXT NOT NULL, updated INTEGER NOT NULL);"
    "CREATE TABLE consents (id TEXT PRIMARY KEY NOT NULL, json TEXT NOT NULL, updated INTEGER NOT NULL);"
    "CREATE TABLE market_data (id TEXT PRIMARY KEY NOT NULL, json TEXT NOT NULL, updated INTEGER NOT NULL);"
    "CREATE TABLE models (id TEXT PRIMARY KEY NOT NULL, json TEXT NOT NULL, updated INTEGER NOT NULL);"
    /* The change feed's transactions: a rowid table (compact secondary
     * indexes) with the bank's id unique. day is yyyymmdd, minute the
     * minute of the day. */
    "CREATE TABLE transactions ("
    "  txn_id INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  account_id TEXT NOT NULL,"
    "  day INTEGER NOT NULL,"
    "  minute INTEGER NOT NULL,"
    "  amount_minor INTEGER NOT NULL,"
    "  currency TEXT NOT NULL,"
    "  mcc INTEGER,"
    "  merchant TEXT,"
    "  city TEXT,"
    "  state TEXT,"
    "  zip TEXT,"
    "  use_chip TEXT,"
    "  errors TEXT,"
    "  is_fraud INTEGER NOT NULL DEFAULT 0,"
    "  category TEXT);"
    "CREATE TABLE sync_state (resource TEXT PRIMARY KEY NOT NULL, cursor TEXT, etag TEXT, last_synced INTEGER);"
    /* Local-only. */
    "CREATE TABLE consent_history ("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  consent_id TEXT NOT NULL,"
    "  purpose TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  at INTEGER NOT NULL,"
    "  receipt TEXT);"
    "CREATE TRIGGER consent_history_no_update BEFORE UPDATE ON consent_history"
    "  BEGIN SELECT RAISE (ABORT, 'consent_history is append-only'); END;"
    "CREATE TRIGGER consent_history_no_delete BEFORE DELETE ON consent_history"
    "  BEGIN SELECT RAISE (ABORT, 'consent_history is append-only'); END;"
    "CREATE TABLE outbox ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  created INTEGER NOT NULL,"
    "  method TEXT NOT NULL,"
    "  path TEXT NOT NULL,"
    "  body TEXT,"
    "  idempotency_key TEXT NOT NULL UNIQUE,"
    "  state INTEGER NOT NULL DEFAULT 0,"
    "  attempts INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE feedback ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  created INTEGER NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  subject TEXT,"
    "  json TEXT NOT NULL);"
    "CREATE TABLE scenarios ("
    "  id TEXT PRIMARY KEY NOT NULL,"
    "  name TEXT NOT NULL,"
    "  created INTEGER NOT NULL,"
    "  json TEXT NOT NULL);"
    "CREATE TABLE manual_assets ("
    "  id TEXT PRIMARY KEY NOT NULL,"
    "  name TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  value_minor INTEGER NOT NULL,"
    "  currency TEXT NOT NULL,"
    "  updated INTEGER NOT NULL);"
  },
  { 2,
    /* What the Activity page and the dashboard read. The day index is
     * declared in the order of the list (day DESC, minute DESC, id) so that
     * paging walks it without sorting, and covers the paging subquery.
     * Merchant search is a LIKE over the rows in that order: FTS4 exists
     * in SQLCipher 3.4.1 but would cost every insert of a bulk sync for a
     * search the list answers by scanning in display order anyway. */
    "CREATE INDEX transactions_by_day ON transactions (day DESC, minute DESC, id);"
    "CREATE INDEX transactions_by_account ON transactions (account_id, day DESC, minute DESC, id);"
    /* Monthly totals per account, category and currency, kept exact by
     * fp_cache_apply_changes(), the only writer of transactions. */
    "CREATE TABLE monthly_totals ("
    "  account_id TEXT NOT NULL,"
    "  month INTEGER NOT NULL,"
    "  category TEXT NOT NULL,"
    "  currency TEXT NOT NULL,"
    "  total_minor INTEGER NOT NULL,"
    "  count INTEGER NOT NULL,"
    "  PRIMARY KEY (account_id, month, category, currency)) WITHOUT ROWID;"
    "CREATE INDEX monthly_totals_by_month ON monthly_totals (month, category);"
    "INSERT INTO monthly_totals"
    "  SELECT account_id, day / 100, COALESCE (category, ''), currency,"
    "         SUM (amount_minor), COUNT (*)"
    "  FROM transactions GROUP BY 1, 2, 3, 4;"
  },
  { 3,
    /* Derived data, dropped when the consent to personalise goes. */
    "CREATE TABLE insights_cache (key TEXT PRIMARY KEY NOT NULL, json TEXT NOT NULL, created INTEGER NOT NULL);"
    "CREATE TABLE derived_rankings (key TEXT PRIMARY KEY NOT NULL, json TEXT NOT NULL, created INTEGER NOT NULL);"
    /* Delivery diagnostics for the outbox; edits of saved scenarios. */
    "ALTER TABLE outbox ADD COLUMN last_error TEXT;"
    "CREATE INDEX outbox_by_state ON outbox (state, id);"
    "ALTER TABLE scenarios ADD COLUMN updated INTEGER;"
    "UPDATE scenarios SET updated = created;"
  },
  { 4,
    /* Offers: the holdings of the investment accounts (a catalogue), what
     * the wealth view needs of a manual asset or debt, and the customer's
     * feedback on offers, local-only (fp-cache-assets.c,
     * fp-cache-offers.c): a dismissal stays across syncs and restarts. */
    "CREATE TABLE holdings (id TEXT PRIMARY KEY NOT NULL, json TEXT NOT NULL, updated INTEGER NOT NULL);"
    "ALTER TABLE manual_assets ADD COLUMN rate_bps INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE manual_assets ADD COLUMN created INTEGER;"
    "UPDATE manual_assets SET created = updated;"
    "CREATE TABLE offer_feedback ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  created INTEGER NOT NULL,"
    "  offer_id TEXT NOT NULL,"
    "  reaction TEXT NOT NULL,"
    "  reasons TEXT NOT NULL,"
    "  sent INTEGER NOT NULL);"
  },
  { 5,
    /* What the feed says of each transaction beyond its amount: its state
     * (txn_state, an FpTxnState: 0 booked, 1 pending, 2 declined, from
     * fp_txn_state_from_feed()), the merchant's name as the bank gives it
     * (or the description of the bank's own items) and the card used. Rows
     * synced before this carry none of it: their errors say which were
     * declined, and the feed is read again from its start (the cursor is
     * cleared) so that every row gets the rest. */
    "ALTER TABLE transactions ADD COLUMN merchant_name TEXT;"
    "ALTER TABLE transactions ADD COLUMN card_id TEXT;"
    "ALTER TABLE transactions ADD COLUMN txn_state INTEGER NOT NULL DEFAULT 0;"
    "UPDATE transactions SET txn_state = 2 WHERE errors IS NOT NULL AND errors <> '';"
    "UPDATE sync_state SET cursor = NULL WHERE resource = 'transactions';"
    /* Declined attempts moved no money: the totals leave them out. */
    "DELETE FROM monthly_totals;"
    "INSERT INTO monthly_totals"
    "  SELECT account_id, day / 100, COALESCE (category, ''), currency,"
    "         SUM (amount_minor), COUNT (*)"
    "  FROM transactions WHERE txn_state <> 2 GROUP BY 1, 2, 3, 4;"
    /* Local-only: the customer's own word on a transaction, by the bank's
     * id so that it outlives every re-sync of the row: a category that
     * replaces the merchant code's, a note, and the answer to an alert
     * ("mine" or "not_mine") with the Idempotency-Key of the outbox item
     * that tells the bank. */
    "CREATE TABLE txn_annotations ("
    "  transaction_id TEXT PRIMARY KEY NOT NULL,"
    "  category TEXT,"
    "  note TEXT,"
    "  verdict TEXT,"
    "  verdict_at INTEGER,"
    "  verdict_key TEXT,"
    "  updated INTEGER NOT NULL);"
    /* Local-only: the latest freeze or unfreeze the customer asked for per
     * card, with the Idempotency-Key of its outbox item; the card's own
     * `frozen` comes from the bank with the next sync. */
    "CREATE TABLE card_requests ("
    "  card_id TEXT PRIMARY KEY NOT NULL,"
    "  frozen INTEGER NOT NULL,"
    "  requested INTEGER NOT NULL,"
    "  idempotency_key TEXT NOT NULL);"
  },
  { 6,
    /* Local-only: the answers to the risk questionnaire of the Offers
     * page (fp-cache-risk.c), one row; never sent to the bank. */
    "CREATE TABLE risk_answers ("
    "  id TEXT PRIMARY KEY NOT NULL,"
    "  horizon TEXT NOT NULL,"
    "  loss_reaction TEXT NOT NULL,"
    "  experience TEXT NOT NULL,"
    "  updated INTEGER NOT NULL);"
  },
  { 7,
    /* Local-only: the assistant's conversation, question and answer, with
     * who wrote the answer (`device`, `sandbox-template`, `bedrock:…`) and
     * the facts it was based on as `key=value` lines. */
    "CREATE TABLE assistant_messages ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),"
    "  text TEXT NOT NULL,"
    "  source TEXT,"
    "  facts TEXT,"
    "  created INTEGER NOT NULL);"
  },
  { 8,
    /* How many rows each account has, declined ones included (the
     * Activity list shows them): kept by fp_cache_apply_changes() with
     * each page, so that counting a million rows reads a few instead. */
    "CREATE TABLE txn_counts ("
    "  account_id TEXT PRIMARY KEY NOT NULL,"
    "  n INTEGER NOT NULL) WITHOUT ROWID;"
    "INSERT INTO txn_counts SELECT account_id, COUNT (*) FROM transactions GROUP BY 1;"
    /* And per account and searchable text (fp-cache-txn-counts.c): a
     * merchant search counts over these few distinct texts. A missing
     * text is "", which no search matches. */
    "CREATE TABLE txn_terms ("
    "  account_id TEXT NOT NULL,"
    "  merchant_name TEXT NOT NULL,"
    "  merchant TEXT NOT NULL,"
    "  city TEXT NOT NULL,"
    "  n INTEGER NOT NULL,"
    "  PRIMARY KEY (account_id, merchant_name, merchant, city)) WITHOUT ROWID;"
    "INSERT INTO txn_terms"
    "  SELECT account_id, COALESCE (merchant_name, ''), COALESCE (merchant, ''), COALESCE (city, ''), COUNT (*)"
    "  FROM transactions GROUP BY 1, 2, 3, 4;"
  },
};

/**
 * fp_cache_get_latest_schema_version:
 *
 * Returns: the schema version this build creates
 */
int
fp_cache_get_latest_schema_version (void)
{
  return migrations[G_N_ELEMENTS (migrations) - 1].version;
}

static int
read_user_version (sqlite3 *db,
                   int     *out_rc)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      version = sqlite3_column_int (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  *out_rc = rc;
  return version;
}

static gboolean
migration_failed (sqlite3     *db,
                  int          version,
                  GError     **error)
{
  g_debug ("Migration to schema %d failed: %s", version, sqlite3_errmsg (db));
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  g_set_error (error, FP_STORE_ERROR, FP_STORE_ERROR_MIGRATION_FAILED,
               _("Your local data could not be updated to this version of FinPersona (step %d)."),
               version);
  return FALSE;
}

gboolean
_fp_cache_migrate (sqlite3  *db,
                   int       target_version,
                   int      *out_version,
                   GError  **error)
{
  int version;
  int rc;

  g_assert (db != NULL);

  version = read_user_version (db, &rc);
  if (version < 0)
    return _fp_cache_set_error (error, db, rc, "user_version");

  if (version > fp_cache_get_latest_schema_version ())
    {
      g_set_error (error, FP_STORE_ERROR, FP_STORE_ERROR_MIGRATION_FAILED,
                   _("Your local data was written by a newer version of FinPersona."));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      const Migration *m = &migrations[i];
      g_autofree char *bump = NULL;

      if (m->version <= version || m->version > target_version)
        continue;

      if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
          sqlite3_exec (db, m->sql, NULL, NULL, NULL) != SQLITE_OK)
        return migration_failed (db, m->version, error);

      bump = g_strdup_printf ("PRAGMA user_version = %d", m->version);
      if (sqlite3_exec (db, bump, NULL, NULL, NULL) != SQLITE_OK ||
          sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        return migration_failed (db, m->version, error);

      g_debug ("Migrated the cache to schema %d", m->version);
      version = m->version;
    }

  *out_version = version;
  return TRUE;
}
