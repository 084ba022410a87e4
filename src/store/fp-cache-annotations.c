/* fp-cache-annotations.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The customer's own word on transactions and cards: categories and notes
 * kept only here, and the answers and card controls that go to the bank
 * through the outbox, each written together with its outbox item.
 */

#define G_LOG_DOMAIN "fp-cache-annotations"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-cache-annotations.h"
#include "fp-cache-private.h"
#include "fp-store-error.h"

#define MAX_PATH_ID_LEN 64

static FpCacheActionTestHook test_hook;

static const char * const verdict_ids[] = {
  [FP_TXN_VERDICT_NONE] = NULL,
  [FP_TXN_VERDICT_MINE] = "mine",
  [FP_TXN_VERDICT_NOT_MINE] = "not_mine",
};

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID, message);
  return FALSE;
}

/* Ids go into API paths: letters, digits, '_' and '-' only (the contract's
 * ids are txn_N and crd_N). */
static gboolean
is_path_id (const char *id)
{
  gsize len = id != NULL ? strlen (id) : 0;

  if (len == 0 || len > MAX_PATH_ID_LEN)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
step_done (FpCache       *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _fp_cache_set_error (error, self->db, rc, what);
  return TRUE;
}

/* Whether a row of @sql (one parameter, ?1 = @key) exists. */
static gboolean
row_exists (FpCache     *self,
            const char  *sql,
            const char  *key,
            gboolean    *out_exists,
            GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _fp_cache_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _fp_cache_set_error (error, self->db, rc, "look up");
  *out_exists = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
require_transaction (FpCache     *self,
                     const char  *transaction_id,
                     GError     **error)
{
  gboolean exists = FALSE;

  if (!row_exists (self, "SELECT 1 FROM transactions WHERE id = ?1", transaction_id, &exists, error))
    return FALSE;
  if (!exists)
    return refuse (error, _("This transaction is no longer in your data. Sync and try again."));
  return TRUE;
}

/* Sets one column of the transaction's annotation, creating it if needed
 * (no UPSERT in SQLite 3.15). @column is one of ours, never input. */
static gboolean
annotate_locked (FpCache     *self,
                 const char  *transaction_id,
                 const char  *column,
                 const char  *value,
                 GError     **error)
{
  g_autofree char *update = g_strdup_printf ("UPDATE txn_annotations SET %s = ?2, updated = ?3"
                                             " WHERE transaction_id = ?1", column);
  g_autofree char *insert = g_strdup_printf ("INSERT INTO txn_annotations (transaction_id, %s, updated)"
                                             " VALUES (?1, ?2, ?3)", column);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  sqlite3_stmt *stmt;

  if (!(stmt = _fp_cache_prepare (self, update, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, transaction_id, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!step_done (self, stmt, "annotate transaction", error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    return TRUE;

  if (!(stmt = _fp_cache_prepare (self, insert, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, transaction_id, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, now);
  return step_done (self, stmt, "annotate transaction", error);
}

static gboolean
annotate (FpCache     *self,
          const char  *transaction_id,
          const char  *column,
          const char  *value,
          GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) || !_fp_cache_begin (self, error))
    return FALSE;
  if (!require_transaction (self, transaction_id, error) ||
      !annotate_locked (self, transaction_id, column, value, error))
    {
      _fp_cache_rollback (self);
      return FALSE;
    }
  return _fp_cache_commit (self, error);
}

/**
 * fp_cache_set_txn_category:
 * @self: a #FpCache
 * @transaction_id: the bank's id of a transaction in the cache
 * @category_id: (nullable): a category id (fp_category_get_id()), or %NULL
 *   to go back to the merchant code's category
 * @error: return location for a #FpStoreError
 *
 * Keeps the customer's category for the transaction. It replaces the
 * merchant code's in Activity, in the insights' input
 * (fp_cache_load_insights_input()) and in "Download my data", and outlives
 * every sync of the same transaction.
 *
 * Returns: %TRUE on success; %FP_STORE_ERROR_INVALID for an unknown
 *   category or transaction
 */
gboolean
fp_cache_set_txn_category (FpCache     *self,
                           const char  *transaction_id,
                           const char  *category_id,
                           GError     **error)
{
  FpCategory category;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);
  g_return_val_if_fail (transaction_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (category_id != NULL && !fp_category_from_id (category_id, &category))
    return refuse (error, _("This category does not exist."));

  return annotate (self, transaction_id, "category", category_id, error);
}

/**
 * fp_cache_set_txn_note:
 * @self: a #FpCache
 * @transaction_id: the bank's id of a transaction in the cache
 * @note: (nullable): the customer's note, at most %FP_CACHE_NOTE_MAX_CHARS
 *   characters of UTF-8 text (line breaks and tabs allowed, no other
 *   control characters); %NULL or blank removes it
 * @error: return location for a #FpStoreError
 *
 * Keeps a note on the transaction, surrounding white space removed.
 *
 * Returns: %TRUE on success; %FP_STORE_ERROR_INVALID for a note that is
 *   too long or not text, or an unknown transaction
 */
gboolean
fp_cache_set_txn_note (FpCache     *self,
                       const char  *transaction_id,
                       const char  *note,
                       GError     **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);
  g_return_val_if_fail (transaction_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (note != NULL)
    {
      if (!g_utf8_validate (note, -1, NULL))
        return refuse (error, _("The note contains characters that cannot be kept."));
      for (const char *p = note; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_iscntrl (c) && c != '\n' && c != '\t')
            return refuse (error, _("The note contains characters that cannot be kept."));
        }
      stripped = g_strstrip (g_strdup (note));
      if (g_utf8_strlen (stripped, -1) > FP_CACHE_NOTE_MAX_CHARS)
        {
          g_set_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "A note can be at most %d character long.",
                                    "A note can be at most %d characters long.",
                                    FP_CACHE_NOTE_MAX_CHARS),
                       FP_CACHE_NOTE_MAX_CHARS);
          return FALSE;
        }
      if (*stripped == '\0')
        g_clear_pointer (&stripped, g_free);
    }

  return annotate (self, transaction_id, "note", stripped, error);
}

/* The outbox */

static gint64
enqueue_locked (FpCache     *self,
                const char  *path,
                const char  *body,
                const char  *key,
                GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _fp_cache_prepare (self,
                                  "INSERT INTO outbox (created, method, path, body, idempotency_key, state, attempts)"
                                  " VALUES (?1, 'POST', ?2, ?3, ?4, 0, 0)", error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, key, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, "queue write", error))
    return -1;
  return sqlite3_last_insert_rowid (self->db);
}

/* The outbox item of @key, or -1 (no error) if there is none. */
static gint64
outbox_id_locked (FpCache     *self,
                  const char  *key,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = -1;
  int rc;

  if (!(stmt = _fp_cache_prepare (self, "SELECT id FROM outbox WHERE idempotency_key = ?1", error)))
    return -2;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "find outbox item");
      return -2;
    }
  return id;
}

FpDeliveryState
_fp_cache_outbox_delivery_locked (FpCache     *self,
                                  const char  *key,
                                  char       **out_reason)
{
  FpDeliveryState delivery = FP_DELIVERY_NONE;
  sqlite3_stmt *stmt = NULL;
  const char *reason = NULL;

  *out_reason = NULL;
  if (key == NULL)
    return FP_DELIVERY_NONE;

  if (sqlite3_prepare_v2 (self->db, "SELECT state, last_error FROM outbox WHERE idempotency_key = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return FP_DELIVERY_WAITING;
    }
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      switch ((FpOutboxState) sqlite3_column_int (stmt, 0))
        {
        case FP_OUTBOX_DELIVERED:
          delivery = FP_DELIVERY_DELIVERED;
          break;
        case FP_OUTBOX_FAILED:
          delivery = FP_DELIVERY_FAILED;
          break;
        case FP_OUTBOX_PENDING:
        default:
          delivery = FP_DELIVERY_WAITING;
          break;
        }
      reason = (const char *) sqlite3_column_text (stmt, 1);
      if (delivery != FP_DELIVERY_DELIVERED && reason != NULL)
        *out_reason = fp_delivery_reason_to_text (reason);
    }
  sqlite3_finalize (stmt);
  return delivery;
}

/**
 * fp_cache_report_txn:
 * @self: a #FpCache
 * @transaction_id: the bank's id of a transaction in the cache
 * @verdict: %FP_TXN_VERDICT_MINE or %FP_TXN_VERDICT_NOT_MINE
 * @error: return location for a #FpStoreError
 *
 * The customer's answer to an alert: kept with the transaction and queued
 * for the bank (`POST v1/transactions/{id}/verdict` with
 * `{"verdict":"mine"|"not_mine"}` and a new Idempotency-Key) in one
 * database transaction. The same answer again, while the first is not
 * refused, queues nothing new.
 *
 * Returns: the outbox item's id, or -1 on error
 */
gint64
fp_cache_report_txn (FpCache       *self,
                     const char    *transaction_id,
                     FpTxnVerdict   verdict,
                     GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *key = NULL;
  g_autofree char *old_key = NULL;
  g_autofree char *old_verdict = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  g_autofree char *at = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), -1);
  g_return_val_if_fail (transaction_id != NULL, -1);
  g_return_val_if_fail (verdict == FP_TXN_VERDICT_MINE || verdict == FP_TXN_VERDICT_NOT_MINE, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (!is_path_id (transaction_id))
    {
      refuse (error, _("This transaction cannot be reported to your bank."));
      return -1;
    }

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) || !_fp_cache_begin (self, error))
    return -1;
  if (!require_transaction (self, transaction_id, error))
    goto failed;

  /* The answer given before, if any. */
  if (!(stmt = _fp_cache_prepare (self,
                                  "SELECT verdict, verdict_key FROM txn_annotations WHERE transaction_id = ?1",
                                  error)))
    goto failed;
  sqlite3_bind_text (stmt, 1, transaction_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      old_verdict = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      old_key = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "read verdict");
      goto failed;
    }
  if (g_strcmp0 (old_verdict, verdict_ids[verdict]) == 0 && old_key != NULL)
    {
      g_autofree char *reason = NULL;

      if (_fp_cache_outbox_delivery_locked (self, old_key, &reason) != FP_DELIVERY_FAILED &&
          (id = outbox_id_locked (self, old_key, error)) != -1)
        {
          if (id < 0)
            goto failed;
          _fp_cache_rollback (self);
          return id;
        }
    }

  key = _fp_cache_new_idempotency_key ();
  at = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  if (!annotate_locked (self, transaction_id, "verdict", verdict_ids[verdict], error) ||
      !annotate_locked (self, transaction_id, "verdict_at", at, error) ||
      !annotate_locked (self, transaction_id, "verdict_key", key, error))
    goto failed;

  if (test_hook != NULL)
    test_hook ("before-outbox");

  path = g_strdup_printf ("v1/transactions/%s/verdict", transaction_id);
  body = g_strdup_printf ("{\"verdict\":\"%s\"}", verdict_ids[verdict]);
  if ((id = enqueue_locked (self, path, body, key, error)) < 0)
    goto failed;

  if (test_hook != NULL)
    test_hook ("before-commit");

  if (!_fp_cache_commit (self, error))
    return -1;
  g_debug ("Verdict %s queued as outbox item %" G_GINT64_FORMAT, verdict_ids[verdict], id);
  return id;

failed:
  _fp_cache_rollback (self);
  return -1;
}

/**
 * fp_cache_request_card_freeze:
 * @self: a #FpCache
 * @card_id: a card of the cards catalogue
 * @frozen: %TRUE to freeze the card, %FALSE to unfreeze it
 * @error: return location for a #FpStoreError
 *
 * Keeps the request as the card's latest (`card_requests`) and queues it
 * for the bank (`POST v1/cards/{id}/freeze` or `…/unfreeze` with `{}` and
 * a new Idempotency-Key) in one database transaction. The same request
 * again, while the first is not refused, queues nothing new.
 *
 * Returns: the outbox item's id, or -1 on error
 */
gint64
fp_cache_request_card_freeze (FpCache     *self,
                              const char  *card_id,
                              gboolean     frozen,
                              GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *key = NULL;
  g_autofree char *old_key = NULL;
  g_autofree char *path = NULL;
  sqlite3_stmt *stmt;
  gboolean exists = FALSE;
  gboolean old_frozen = FALSE;
  gint64 id;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), -1);
  g_return_val_if_fail (card_id != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  frozen = !!frozen;
  if (!is_path_id (card_id))
    {
      refuse (error, _("This card cannot be changed from the app."));
      return -1;
    }

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) || !_fp_cache_begin (self, error))
    return -1;
  if (!row_exists (self, "SELECT 1 FROM cards WHERE id = ?1", card_id, &exists, error))
    goto failed;
  if (!exists)
    {
      refuse (error, _("This card is not in your data. Sync and try again."));
      goto failed;
    }

  if (!(stmt = _fp_cache_prepare (self, "SELECT frozen, idempotency_key FROM card_requests WHERE card_id = ?1",
                                  error)))
    goto failed;
  sqlite3_bind_text (stmt, 1, card_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      old_frozen = sqlite3_column_int (stmt, 0) != 0;
      old_key = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "read card request");
      goto failed;
    }
  if (old_key != NULL && old_frozen == frozen)
    {
      g_autofree char *reason = NULL;

      if (_fp_cache_outbox_delivery_locked (self, old_key, &reason) != FP_DELIVERY_FAILED &&
          (id = outbox_id_locked (self, old_key, error)) != -1)
        {
          if (id < 0)
            goto failed;
          _fp_cache_rollback (self);
          return id;
        }
    }

  key = _fp_cache_new_idempotency_key ();
  if (!(stmt = _fp_cache_prepare (self,
                                  "INSERT OR REPLACE INTO card_requests (card_id, frozen, requested, idempotency_key)"
                                  " VALUES (?1, ?2, ?3, ?4)", error)))
    goto failed;
  sqlite3_bind_text (stmt, 1, card_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, frozen);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 4, key, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, "keep card request", error))
    goto failed;

  if (test_hook != NULL)
    test_hook ("before-outbox");

  path = g_strdup_printf ("v1/cards/%s/%s", card_id, frozen ? "freeze" : "unfreeze");
  if ((id = enqueue_locked (self, path, "{}", key, error)) < 0)
    goto failed;

  if (test_hook != NULL)
    test_hook ("before-commit");

  if (!_fp_cache_commit (self, error))
    return -1;
  g_debug ("Card %s queued as outbox item %" G_GINT64_FORMAT, frozen ? "freeze" : "unfreeze", id);
  return id;

failed:
  _fp_cache_rollback (self);
  return -1;
}

static FpCardRequest *
card_request_locked (FpCache     *self,
                     const char  *card_id,
                     GError     **error)
{
  g_autoptr(FpCardRequest) request = NULL;
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _fp_cache_prepare (self,
                                  "SELECT frozen, requested, idempotency_key FROM card_requests WHERE card_id = ?1",
                                  error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, card_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      request = g_new0 (FpCardRequest, 1);
      request->card_id = g_strdup (card_id);
      request->frozen = sqlite3_column_int (stmt, 0) != 0;
      request->requested = sqlite3_column_int64 (stmt, 1);
      key = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "read card request");
      return NULL;
    }
  if (request != NULL)
    request->delivery = _fp_cache_outbox_delivery_locked (self, key, &request->reason);
  return g_steal_pointer (&request);
}

/**
 * fp_cache_get_card_request:
 * @self: a #FpCache
 * @card_id: a card
 * @error: return location for a #FpStoreError
 *
 * Returns: (transfer full) (nullable): the latest freeze or unfreeze asked
 *   for the card on this device, %NULL without error if none
 */
FpCardRequest *
fp_cache_get_card_request (FpCache     *self,
                           const char  *card_id,
                           GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (FP_IS_CACHE (self), NULL);
  g_return_val_if_fail (card_id != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error))
    return NULL;
  return card_request_locked (self, card_id, error);
}

/**
 * fp_cache_get_transaction_id:
 * @self: a #FpCache
 * @txn_id: the cache's number of a transaction (#FpTxn.id, what the
 *   insights' alerts name)
 * @error: return location for a #FpStoreError
 *
 * Returns: (transfer full) (nullable): the bank's id of the transaction,
 *   for fp_cache_get_txn_details() and fp_cache_report_txn(); %NULL
 *   without an error when there is no such transaction
 */
char *
fp_cache_get_transaction_id (FpCache  *self,
                             gint64    txn_id,
                             GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  char *id = NULL;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self, "SELECT id FROM transactions WHERE txn_id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, txn_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _fp_cache_set_error (error, self->db, rc, "read transaction id");
  return id;
}

static char *
catalogue_json_locked (FpCache     *self,
                       const char  *sql,
                       const char  *id,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  char *json = NULL;
  int rc;

  if (id == NULL)
    return NULL;
  if (!(stmt = _fp_cache_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _fp_cache_set_error (error, self->db, rc, "read catalogue item");
  return json;
}

/**
 * fp_cache_get_txn_details:
 * @self: a #FpCache
 * @transaction_id: the bank's id of a transaction
 * @error: return location for a #FpStoreError
 *
 * Reads everything the details view of one transaction shows: the row with
 * the customer's category and note and the merchant's display name, the
 * answer to an alert and where its delivery stands, the account's and the
 * card's catalogue entries, and the card's latest freeze request.
 *
 * Returns: (transfer full) (nullable): the details, or %NULL with
 *   %FP_STORE_ERROR_INVALID when the transaction is not in the cache
 */
FpTxnDetails *
fp_cache_get_txn_details (FpCache     *self,
                          const char  *transaction_id,
                          GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(FpTxnDetails) details = NULL;
  g_autofree char *key = NULL;
  GError *local = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), NULL);
  g_return_val_if_fail (transaction_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self,
                                  "SELECT " FP_CACHE_TXN_READ_COLUMNS ","
                                  " txn_annotations.verdict, txn_annotations.verdict_at,"
                                  " txn_annotations.verdict_key"
                                  " FROM transactions" FP_CACHE_TXN_READ_JOIN
                                  " WHERE transactions.id = ?1", error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, transaction_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      details = g_new0 (FpTxnDetails, 1);
      details->txn = _fp_cache_txn_from_row (stmt);
      details->category = fp_cached_txn_get_category (details->txn);
      fp_txn_verdict_from_id ((const char *) sqlite3_column_text (stmt, 20), &details->verdict);
      details->verdict_at = sqlite3_column_int64 (stmt, 21);
      key = g_strdup ((const char *) sqlite3_column_text (stmt, 22));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "read transaction");
      return NULL;
    }
  if (details == NULL)
    {
      refuse (error, _("This transaction is no longer in your data. Sync and try again."));
      return NULL;
    }

  details->verdict_delivery = _fp_cache_outbox_delivery_locked (self, key, &details->verdict_reason);
  details->account_json = catalogue_json_locked (self, "SELECT json FROM accounts WHERE id = ?1",
                                                 details->txn->account_id, &local);
  if (local == NULL)
    details->card_json = catalogue_json_locked (self, "SELECT json FROM cards WHERE id = ?1",
                                                details->txn->card_id, &local);
  if (local == NULL && details->txn->card_id != NULL)
    details->card_request = card_request_locked (self, details->txn->card_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }

  return g_steal_pointer (&details);
}

/**
 * fp_cache_outbox_note_waiting:
 * @self: a #FpCache
 * @reason: why the pending items could not be delivered, a reason code
 *   (`offline`, `unreachable`, `signed-out`, `sign-in-failed`, `busy`,
 *   `server`, `failed`)
 * @error: return location for a #FpStoreError
 *
 * Notes on every item still pending why it is waiting, for
 * fp_delivery_reason_to_text(); sync calls it when a run ends before
 * delivering them.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_outbox_note_waiting (FpCache     *self,
                              const char  *reason,
                              GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self, "UPDATE outbox SET last_error = ?1 WHERE state = 0", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, reason, -1, SQLITE_STATIC);
  return step_done (self, stmt, "note outbox reason", error);
}

/**
 * fp_delivery_reason_to_text:
 * @reason: a reason code kept with an outbox item: `offline`,
 *   `unreachable`, `signed-out`, `sign-in-failed`, `busy`, `server`, `slow`,
 *   `untrusted`,
 *   `refused:STATUS`, or anything else
 *
 * Returns: (transfer full): why a write waits or failed, as a translated
 *   sentence for the customer
 */
char *
fp_delivery_reason_to_text (const char *reason)
{
  guint64 status = 0;

  g_return_val_if_fail (reason != NULL, NULL);

  if (g_str_equal (reason, "offline"))
    return g_strdup (_("This computer is offline."));
  if (g_str_equal (reason, "unreachable"))
    return g_strdup (_("Your bank could not be reached."));
  if (g_str_equal (reason, "signed-out"))
    return g_strdup (_("You need to sign in to your bank again."));
  if (g_str_equal (reason, "sign-in-failed"))
    return g_strdup (_("Signing in to your bank failed."));
  if (g_str_equal (reason, "busy"))
    return g_strdup (_("Your bank is busy. The app tries again shortly."));
  if (g_str_equal (reason, "server"))
    return g_strdup (_("Your bank had a problem. The app tries again later."));
  if (g_str_equal (reason, "slow"))
    return g_strdup (_("Your bank is answering too slowly. The app tries again later."));
  if (g_str_equal (reason, "untrusted"))
    return g_strdup (_("Your bank's certificate is not trusted, so nothing was sent."));

  /* "HTTP 422" was written before reasons had codes. */
  if ((g_str_has_prefix (reason, "refused:") &&
       g_ascii_string_to_unsigned (reason + strlen ("refused:"), 10, 400, 499, &status, NULL)) ||
      (g_str_has_prefix (reason, "HTTP ") &&
       g_ascii_string_to_unsigned (reason + strlen ("HTTP "), 10, 400, 499, &status, NULL)))
    {
      if (status == 403)
        return g_strdup (_("Your bank refused it: the app may not do this."));
      if (status == 404)
        return g_strdup (_("Your bank refused it: it does not know this item."));
      /* TRANSLATORS: %u is an HTTP status such as 422 */
      return g_strdup_printf (_("Your bank refused it (error %u)."), (guint) status);
    }

  return g_strdup (_("It could not be sent yet."));
}

/**
 * fp_txn_verdict_to_id:
 * @verdict: a verdict
 *
 * Returns: (nullable): the API's `mine` or `not_mine`, %NULL for none
 */
const char *
fp_txn_verdict_to_id (FpTxnVerdict verdict)
{
  g_return_val_if_fail ((guint) verdict < G_N_ELEMENTS (verdict_ids), NULL);

  return verdict_ids[verdict];
}

/**
 * fp_txn_verdict_from_id:
 * @id: (nullable): `mine` or `not_mine`
 * @out_verdict: (out): the verdict, %FP_TXN_VERDICT_NONE if @id is neither
 *
 * Returns: %TRUE if @id names a verdict
 */
gboolean
fp_txn_verdict_from_id (const char   *id,
                        FpTxnVerdict *out_verdict)
{
  g_return_val_if_fail (out_verdict != NULL, FALSE);

  *out_verdict = FP_TXN_VERDICT_NONE;
  for (guint i = 1; id != NULL && i < G_N_ELEMENTS (verdict_ids); i++)
    if (g_str_equal (verdict_ids[i], id))
      {
        *out_verdict = (FpTxnVerdict) i;
        return TRUE;
      }
  return FALSE;
}

void
fp_card_request_free (FpCardRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->card_id);
  g_free (request->reason);
  g_free (request);
}

void
fp_txn_details_free (FpTxnDetails *details)
{
  if (details == NULL)
    return;

  fp_cached_txn_free (details->txn);
  g_free (details->verdict_reason);
  g_free (details->account_json);
  g_free (details->card_json);
  fp_card_request_free (details->card_request);
  g_free (details);
}

/**
 * _fp_cache_annotations_set_test_hook:
 * @hook: (nullable): called inside the transactions of
 *   fp_cache_report_txn() and fp_cache_request_card_freeze()
 *
 * For tests only: lets a test crash the process between two writes.
 */
void
_fp_cache_annotations_set_test_hook (FpCacheActionTestHook hook)
{
  test_hook = hook;
}
