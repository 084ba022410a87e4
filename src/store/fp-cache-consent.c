/* fp-cache-consent.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The consent policy in the cache: current records, the append-only
 * history, and the outbox item of every local change, written together.
 */

#define G_LOG_DOMAIN "fp-cache-consent"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n-lib.h>

#include "fp-cache-consent.h"
#include "fp-cache-private.h"
#include "fp-store-error.h"

struct _FpConsentStore
{
  GObject parent_instance;

  FpCache         *cache;
  FpConsentPolicy *policy;
  gulong           history_id;
  gulong           personalization_id;
};

G_DEFINE_FINAL_TYPE (FpConsentStore, fp_consent_store, G_TYPE_OBJECT)

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static FpCacheConsentTestHook test_hook;

/* Local-only tables beside the store's consent_history; see the header. */
static const char schema_sql[] =
  "CREATE TABLE IF NOT EXISTS consent_records ("
  "  purpose TEXT PRIMARY KEY NOT NULL,"
  "  state TEXT NOT NULL,"
  "  since INTEGER NOT NULL,"
  "  policy_version TEXT NOT NULL,"
  "  device TEXT,"
  "  receipt TEXT);"
  "CREATE TABLE IF NOT EXISTS consent_history_details ("
  "  seq INTEGER PRIMARY KEY NOT NULL,"
  "  when_us INTEGER NOT NULL,"
  "  old_state TEXT NOT NULL,"
  "  new_state TEXT NOT NULL,"
  "  policy_version TEXT NOT NULL,"
  "  device TEXT,"
  "  origin TEXT NOT NULL);"
  "CREATE TRIGGER IF NOT EXISTS consent_history_details_no_update"
  "  BEFORE UPDATE ON consent_history_details"
  "  BEGIN SELECT RAISE (ABORT, 'consent_history_details is append-only'); END;"
  "CREATE TRIGGER IF NOT EXISTS consent_history_details_no_delete"
  "  BEFORE DELETE ON consent_history_details"
  "  BEGIN SELECT RAISE (ABORT, 'consent_history_details is append-only'); END;";

#define SCHEMA_READY_KEY "fp-cache-consent-schema-ready"

/* Helpers; the caller holds the cache's lock. */

static gboolean
ensure_schema_locked (FpCache  *cache,
                      GError  **error)
{
  if (g_object_get_data (G_OBJECT (cache), SCHEMA_READY_KEY) != NULL)
    return TRUE;

  if (!_fp_cache_begin (cache, error))
    return FALSE;
  if (!_fp_cache_exec (cache, schema_sql, error))
    {
      _fp_cache_rollback (cache);
      return FALSE;
    }
  if (!_fp_cache_commit (cache, error))
    return FALSE;

  g_object_set_data (G_OBJECT (cache), SCHEMA_READY_KEY, GINT_TO_POINTER (1));
  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
step_done (FpCache       *cache,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _fp_cache_set_error (error, cache->db, rc, what);
  return TRUE;
}

static gboolean
save_record_locked (FpCache                *cache,
                    const FpConsentRecord  *record,
                    GError                **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _fp_cache_prepare (cache,
                                  "INSERT OR REPLACE INTO consent_records"
                                  " (purpose, state, since, policy_version, device, receipt)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, fp_purpose_to_id (record->purpose), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, fp_consent_state_to_id (record->state), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, record->since);
  sqlite3_bind_text (stmt, 4, record->policy_version, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 5, record->device);
  bind_text_or_null (stmt, 6, record->receipt);

  return step_done (cache, stmt, "save consent record", error);
}

/* Only letters, digits, '.', '-' and '_' go into the JSON we build by
 * hand; anything else is left out. */
static gboolean
is_plain_token (const char *text)
{
  if (text == NULL || *text == '\0' || strlen (text) > 32)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
enqueue_locked (FpCache     *cache,
                const char  *method,
                const char  *path,
                const char  *body,
                const char  *key,
                GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _fp_cache_prepare (cache,
                                  "INSERT INTO outbox (created, method, path, body, idempotency_key, state, attempts)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, 0, 0)", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 2, method, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, path, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, body);
  sqlite3_bind_text (stmt, 5, key, -1, SQLITE_TRANSIENT);

  return step_done (cache, stmt, "queue consent change", error);
}

/* A random (version 4) UUID from the system's generator: GLib's
 * g_uuid_string_random() uses the process-wide GRand, which a test seeds
 * with a fixed value and a fork() copies, and two processes must never
 * queue the same key. */
char *
_fp_cache_new_idempotency_key (void)
{
  guint8 b[16];
  gsize got = 0;

  while (got < sizeof b)
    {
      gssize n = getrandom (b + got, sizeof b - got, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("getrandom() failed: %s", g_strerror (errno));
        }
      got += (gsize) n;
    }

  b[6] = (guint8) ((b[6] & 0x0f) | 0x40);
  b[8] = (guint8) ((b[8] & 0x3f) | 0x80);

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

static const char *
action_of (const FpConsentChange *change)
{
  if (change->old_state == change->new_state)
    return "confirmed";
  return fp_consent_state_to_id (change->new_state);
}

static gboolean
append_locked (FpCache                *cache,
               FpConsentPolicy        *policy,
               const FpConsentChange  *change,
               GError                **error)
{
  const char *purpose_id = fp_purpose_to_id (change->purpose);
  gboolean local = change->origin == FP_CONSENT_ORIGIN_LOCAL;
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  gint64 row;

  if (local)
    key = _fp_cache_new_idempotency_key ();

  if (!_fp_cache_begin (cache, error))
    return FALSE;

  /* 1. The history entry, as the store's table knows it. */
  if (!(stmt = _fp_cache_prepare (cache,
                                  "INSERT INTO consent_history (consent_id, purpose, action, at, receipt)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5)", error)))
    goto failed;
  sqlite3_bind_text (stmt, 1,
                     local ? key : (change->receipt != NULL ? change->receipt : "bank"),
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, purpose_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, action_of (change), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, change->when / G_USEC_PER_SEC);
  bind_text_or_null (stmt, 5, change->receipt);
  if (!step_done (cache, stmt, "append consent history", error))
    goto failed;
  row = sqlite3_last_insert_rowid (cache->db);

  /* 2. What the policy needs to restore it exactly. */
  if (!(stmt = _fp_cache_prepare (cache,
                                  "INSERT INTO consent_history_details"
                                  " (seq, when_us, old_state, new_state, policy_version, device, origin)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, row);
  sqlite3_bind_int64 (stmt, 2, change->when);
  sqlite3_bind_text (stmt, 3, fp_consent_state_to_id (change->old_state), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, fp_consent_state_to_id (change->new_state), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, change->policy_version != NULL ? change->policy_version
                                                             : FP_CONSENT_POLICY_VERSION,
                     -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 6, change->device);
  sqlite3_bind_text (stmt, 7, local ? "local" : "bank", -1, SQLITE_STATIC);
  if (!step_done (cache, stmt, "append consent details", error))
    goto failed;

  /* 3. The purpose's current record. */
  if (!save_record_locked (cache, fp_consent_policy_get_record (policy, change->purpose), error))
    goto failed;

  if (test_hook != NULL)
    test_hook ("before-outbox");

  /* 4. A local change goes to the bank through the outbox. */
  if (local)
    {
      g_autofree char *path = NULL;
      g_autofree char *body = NULL;

      if (change->new_state == FP_CONSENT_GRANTED)
        {
          path = g_strdup ("v1/consents");
          if (is_plain_token (change->policy_version))
            body = g_strdup_printf ("{\"purpose\":\"%s\",\"policyVersion\":\"%s\"}",
                                    purpose_id, change->policy_version);
          else
            body = g_strdup_printf ("{\"purpose\":\"%s\"}", purpose_id);
        }
      else
        {
          path = g_strdup_printf ("v1/consents/" FP_CONSENT_OUTBOX_PLACEHOLDER_PREFIX "%s}/revoke",
                                  purpose_id);
          body = g_strdup ("{}");
        }

      if (!enqueue_locked (cache, "POST", path, body, key, error))
        goto failed;
    }

  if (test_hook != NULL)
    test_hook ("before-commit");

  if (!_fp_cache_commit (cache, error))
    return FALSE;

  g_debug ("Consent change %" G_GUINT64_FORMAT " (%s, %s) kept%s",
           change->seq, purpose_id, action_of (change), local ? " and queued" : "");
  return TRUE;

failed:
  _fp_cache_rollback (cache);
  return FALSE;
}

static gboolean
state_from_column (sqlite3_stmt   *stmt,
                   int             column,
                   FpConsentState *out_state)
{
  return fp_consent_state_from_id ((const char *) sqlite3_column_text (stmt, column), out_state);
}

static gboolean
invalid_row (GError     **error,
             const char  *what)
{
  g_debug ("Unreadable consent data: %s", what);
  g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_CORRUPT,
                       _("Your saved privacy choices could not be read."));
  return FALSE;
}

static gboolean
load_records_locked (FpCache          *cache,
                     FpConsentPolicy  *policy,
                     GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _fp_cache_prepare (cache,
                                  "SELECT purpose, state, since, policy_version, device, receipt"
                                  " FROM consent_records", error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FpConsentRecord record = { 0 };

      if (!fp_purpose_from_id ((const char *) sqlite3_column_text (stmt, 0), &record.purpose))
        continue;   /* A purpose a later version added: not ours to judge. */
      if (!state_from_column (stmt, 1, &record.state))
        {
          sqlite3_finalize (stmt);
          return invalid_row (error, "record state");
        }
      record.since = sqlite3_column_int64 (stmt, 2);
      record.policy_version = (char *) sqlite3_column_text (stmt, 3);
      record.device = (char *) sqlite3_column_text (stmt, 4);
      record.receipt = (char *) sqlite3_column_text (stmt, 5);
      if (!fp_consent_policy_restore_record (policy, &record, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return _fp_cache_set_error (error, cache->db, rc, "read consent records");
  return TRUE;
}

static gboolean
load_history_locked (FpCache          *cache,
                     FpConsentPolicy  *policy,
                     GError          **error)
{
  FpConsentState states[FP_N_PURPOSES] = { FP_CONSENT_REVOKED, };
  sqlite3_stmt *stmt;
  gint64 last_when = 0;
  guint64 seq = 0;
  int rc;

  if (!(stmt = _fp_cache_prepare (cache,
                                  "SELECT h.purpose, h.action, h.at, h.receipt, d.when_us,"
                                  " d.old_state, d.new_state, d.policy_version, d.device, d.origin"
                                  " FROM consent_history h"
                                  " LEFT JOIN consent_history_details d ON d.seq = h.seq"
                                  " ORDER BY h.seq", error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FpConsentChange change = { 0 };
      gboolean has_details = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      const char *action = (const char *) sqlite3_column_text (stmt, 1);

      if (!fp_purpose_from_id ((const char *) sqlite3_column_text (stmt, 0), &change.purpose))
        continue;

      change.seq = ++seq;
      change.receipt = (char *) sqlite3_column_text (stmt, 3);
      if (has_details)
        {
          const char *origin = (const char *) sqlite3_column_text (stmt, 9);

          change.when = sqlite3_column_int64 (stmt, 4);
          if (!state_from_column (stmt, 5, &change.old_state) ||
              !state_from_column (stmt, 6, &change.new_state))
            {
              sqlite3_finalize (stmt);
              return invalid_row (error, "history state");
            }
          change.policy_version = (char *) sqlite3_column_text (stmt, 7);
          change.device = (char *) sqlite3_column_text (stmt, 8);
          change.origin = g_strcmp0 (origin, "bank") == 0 ? FP_CONSENT_ORIGIN_BANK
                                                          : FP_CONSENT_ORIGIN_LOCAL;
        }
      else
        {
          /* Written by someone else through fp_cache_append_consent_history():
           * rebuild what the row says. */
          change.when = sqlite3_column_int64 (stmt, 2) * G_USEC_PER_SEC;
          change.old_state = states[change.purpose];
          if (!fp_consent_state_from_id (action, &change.new_state))
            change.new_state = g_strcmp0 (action, "withdrawn") == 0 ? FP_CONSENT_REVOKED
                                                                     : change.old_state;
          change.policy_version = (char *) FP_CONSENT_POLICY_VERSION;
          change.origin = change.receipt != NULL ? FP_CONSENT_ORIGIN_BANK
                                                 : FP_CONSENT_ORIGIN_LOCAL;
        }

      /* The policy wants times that never go back (a clock set back). */
      change.when = MAX (change.when, last_when);
      last_when = change.when;
      states[change.purpose] = change.new_state;

      if (!fp_consent_policy_restore_change (policy, &change, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return _fp_cache_set_error (error, cache->db, rc, "read consent history");
  return TRUE;
}

/* Public functions on the cache */

/**
 * fp_cache_consent_load:
 * @cache: an open cache
 * @policy: a policy just created (no history yet)
 * @error: return location for a #GError
 *
 * Restores @policy from @cache: the current record of each purpose and the
 * whole history, oldest first, without emitting any signal.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_consent_load (FpCache          *cache,
                       FpConsentPolicy  *policy,
                       GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (FP_IS_CACHE (cache), FALSE);
  g_return_val_if_fail (FP_IS_CONSENT_POLICY (policy), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (fp_consent_policy_get_n_changes (policy) != 0)
    {
      g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID,
                           "The consent policy to restore into is not new");
      return FALSE;
    }

  locker = g_mutex_locker_new (&cache->lock);
  if (!_fp_cache_check_open (cache, error) || !ensure_schema_locked (cache, error))
    return FALSE;

  /* One snapshot for both reads. */
  if (!_fp_cache_exec (cache, "BEGIN", error))
    return FALSE;
  if (!load_records_locked (cache, policy, error) ||
      !load_history_locked (cache, policy, error))
    {
      _fp_cache_rollback (cache);
      return FALSE;
    }
  return _fp_cache_commit (cache, error);
}

/**
 * fp_cache_consent_append:
 * @cache: an open cache
 * @policy: the policy @change belongs to (its current record is saved)
 * @change: an entry the policy just appended
 * @error: return location for a #GError
 *
 * Writes @change to the append-only history and the current record of its
 * purpose; for a local change (no receipt) also queues it in the outbox with
 * a new Idempotency-Key. All of it in one database transaction: after a
 * crash, either everything is there or nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_consent_append (FpCache                *cache,
                         FpConsentPolicy        *policy,
                         const FpConsentChange  *change,
                         GError                **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (FP_IS_CACHE (cache), FALSE);
  g_return_val_if_fail (FP_IS_CONSENT_POLICY (policy), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);
  g_return_val_if_fail ((guint) change->purpose < FP_N_PURPOSES, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&cache->lock);
  if (!_fp_cache_check_open (cache, error) || !ensure_schema_locked (cache, error))
    return FALSE;

  return append_locked (cache, policy, change, error);
}

/**
 * fp_cache_consent_save_records:
 * @cache: an open cache
 * @policy: a policy
 * @error: return location for a #GError
 *
 * Saves the current record of every purpose, for changes that add no
 * history entry (fp_consent_policy_apply_bank_record() refreshing a receipt
 * of an unchanged state).
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_consent_save_records (FpCache          *cache,
                               FpConsentPolicy  *policy,
                               GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (FP_IS_CACHE (cache), FALSE);
  g_return_val_if_fail (FP_IS_CONSENT_POLICY (policy), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&cache->lock);
  if (!_fp_cache_check_open (cache, error) || !ensure_schema_locked (cache, error) ||
      !_fp_cache_begin (cache, error))
    return FALSE;

  for (guint i = 0; i < FP_N_PURPOSES; i++)
    if (!save_record_locked (cache, fp_consent_policy_get_record (policy, (FpPurpose) i), error))
      {
        _fp_cache_rollback (cache);
        return FALSE;
      }

  return _fp_cache_commit (cache, error);
}

/**
 * fp_cache_consent_request_erasure:
 * @cache: an open cache
 * @error: return location for a #GError
 *
 * Queues the request to erase all the customer's data at the bank
 * (`POST v1/privacy/erasure-requests`) in the outbox, with a new
 * Idempotency-Key.
 *
 * Returns: the outbox item's id, or -1 on error
 */
gint64
fp_cache_consent_request_erasure (FpCache  *cache,
                                  GError  **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (FP_IS_CACHE (cache), -1);

  key = _fp_cache_new_idempotency_key ();
  return fp_cache_outbox_enqueue (cache, "POST", "v1/privacy/erasure-requests",
                                  "{\"scope\":\"all\"}", key, error);
}

/* The Idempotency-Key of the latest change of @purpose made on this
 * device, or NULL. */
static char *
latest_local_key_locked (FpCache     *cache,
                         FpPurpose    purpose,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  char *key = NULL;
  int rc;

  if (!(stmt = _fp_cache_prepare (cache,
                                  "SELECT h.consent_id FROM consent_history h"
                                  " JOIN consent_history_details d ON d.seq = h.seq"
                                  " WHERE h.purpose = ?1 AND d.origin = 'local'"
                                  " ORDER BY h.seq DESC LIMIT 1", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, fp_purpose_to_id (purpose), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _fp_cache_set_error (error, cache->db, rc, "read consent history");
  return key;
}

/**
 * fp_cache_consent_list_status:
 * @cache: an open cache
 * @policy: the policy kept in @cache
 * @error: return location for a #GError
 *
 * What was chosen for each purpose, when, and whether the bank has it:
 * the record of @policy, and for a change made on this device the state
 * of its outbox item (by the Idempotency-Key the history keeps) with the
 * reason it waits or failed.
 *
 * Returns: (transfer container) (element-type FpConsentStatus) (nullable):
 *   one status per purpose, in #FpPurpose order
 */
GPtrArray *
fp_cache_consent_list_status (FpCache          *cache,
                              FpConsentPolicy  *policy,
                              GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (FP_IS_CACHE (cache), NULL);
  g_return_val_if_fail (FP_IS_CONSENT_POLICY (policy), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&cache->lock);
  if (!_fp_cache_check_open (cache, error) || !ensure_schema_locked (cache, error))
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_consent_status_free);
  for (guint i = 0; i < FP_N_PURPOSES; i++)
    {
      const FpConsentRecord *record = fp_consent_policy_get_record (policy, (FpPurpose) i);
      FpConsentStatus *status = g_new0 (FpConsentStatus, 1);

      status->purpose = (FpPurpose) i;
      status->state = record->state;
      status->chosen_at = record->since;
      status->receipt = g_strdup (record->receipt);
      status->device = g_strdup (record->device);
      g_ptr_array_add (list, status);

      if (record->since == 0)
        status->delivery = FP_DELIVERY_NONE;
      else if (record->receipt != NULL)
        status->delivery = FP_DELIVERY_CONFIRMED;
      else
        {
          GError *local = NULL;
          g_autofree char *key = latest_local_key_locked (cache, (FpPurpose) i, &local);

          if (local != NULL)
            {
              g_propagate_error (error, local);
              return NULL;
            }
          status->delivery = _fp_cache_outbox_delivery_locked (cache, key, &status->reason);
          /* Chosen here, but the outbox never had it: still to be sent. */
          if (status->delivery == FP_DELIVERY_NONE)
            status->delivery = FP_DELIVERY_WAITING;
        }
    }

  return g_steal_pointer (&list);
}

void
fp_consent_status_free (FpConsentStatus *status)
{
  if (status == NULL)
    return;

  g_free (status->reason);
  g_free (status->receipt);
  g_free (status->device);
  g_free (status);
}

/**
 * fp_cache_consent_path_get_purpose:
 * @path: an outbox item's path
 * @out_purpose: (out): the purpose
 *
 * Returns: %TRUE if @path is a revocation whose consent id is still to be
 *   filled in (`v1/consents/{consentId:PURPOSE}/revoke`)
 */
gboolean
fp_cache_consent_path_get_purpose (const char *path,
                                   FpPurpose  *out_purpose)
{
  const char *start, *end;
  g_autofree char *id = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (out_purpose != NULL, FALSE);

  start = strstr (path, FP_CONSENT_OUTBOX_PLACEHOLDER_PREFIX);
  if (start == NULL)
    return FALSE;
  start += strlen (FP_CONSENT_OUTBOX_PLACEHOLDER_PREFIX);
  end = strchr (start, '}');
  if (end == NULL)
    return FALSE;

  id = g_strndup (start, (gsize) (end - start));
  return fp_purpose_from_id (id, out_purpose);
}

/**
 * fp_cache_consent_resolve_path:
 * @path: an outbox item's path
 * @consent_id: the bank's id of the consent to revoke
 *
 * Returns: (transfer full): @path with its `{consentId:PURPOSE}` replaced
 *   by @consent_id, or a copy of @path if it has none
 */
char *
fp_cache_consent_resolve_path (const char *path,
                               const char *consent_id)
{
  const char *start, *end;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (consent_id != NULL, NULL);

  start = strstr (path, FP_CONSENT_OUTBOX_PLACEHOLDER_PREFIX);
  if (start == NULL || (end = strchr (start, '}')) == NULL)
    return g_strdup (path);

  return g_strdup_printf ("%.*s%s%s", (int) (start - path), path, consent_id, end + 1);
}

/**
 * _fp_cache_consent_set_test_hook:
 * @hook: (nullable): called inside the transaction of
 *   fp_cache_consent_append() at named points
 *
 * For tests only: lets a test crash the process between two writes.
 */
void
_fp_cache_consent_set_test_hook (FpCacheConsentTestHook hook)
{
  test_hook = hook;
}

/* FpConsentStore */

static void
history_appended_cb (FpConsentStore        *self,
                     const FpConsentChange *change,
                     FpConsentPolicy       *policy)
{
  g_autoptr(GError) error = NULL;

  g_assert (FP_IS_CONSENT_STORE (self));

  if (!fp_cache_consent_append (self->cache, policy, change, &error))
    {
      g_debug ("Could not keep consent change %" G_GUINT64_FORMAT ": %s",
               change->seq, error->message);
      g_signal_emit (self, signals[FAILED], 0, error);
    }
}

static void
personalization_changed_cb (FpConsentStore  *self,
                            FpPurpose        purpose,
                            FpConsentState   state,
                            FpConsentPolicy *policy)
{
  g_autoptr(GError) error = NULL;

  g_assert (FP_IS_CONSENT_STORE (self));

  if (purpose != FP_PURPOSE_PERSONALIZATION || state != FP_CONSENT_REVOKED)
    return;

  if (!fp_cache_clear_derived (self->cache, &error))
    {
      g_debug ("Could not drop derived data: %s", error->message);
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }
  g_debug ("Personalization revoked: insights and rankings dropped");
}

/**
 * fp_consent_store_disconnect:
 * @self: a store
 *
 * Stops writing the policy's changes (before the cache is closed or
 * destroyed).
 */
void
fp_consent_store_disconnect (FpConsentStore *self)
{
  g_return_if_fail (FP_IS_CONSENT_STORE (self));

  if (self->policy != NULL)
    {
      g_clear_signal_handler (&self->history_id, self->policy);
      g_clear_signal_handler (&self->personalization_id, self->policy);
    }
}

static void
fp_consent_store_dispose (GObject *object)
{
  FpConsentStore *self = (FpConsentStore *) object;

  fp_consent_store_disconnect (self);
  g_clear_object (&self->policy);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (fp_consent_store_parent_class)->dispose (object);
}

static void
fp_consent_store_class_init (FpConsentStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fp_consent_store_dispose;

  /**
   * FpConsentStore::failed:
   * @self: the store
   * @error: what went wrong
   *
   * A change of the policy could not be written to the cache. It still
   * applies on this device until the app restarts.
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
fp_consent_store_init (FpConsentStore *self)
{
}

/**
 * fp_consent_store_new:
 * @cache: an open cache
 * @policy: a policy just created, with no history
 * @error: return location for a #GError
 *
 * Restores @policy from @cache, then writes every later change of it to
 * @cache as it happens, and drops derived data when personalization is
 * revoked.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL if the saved
 *   choices could not be read
 */
FpConsentStore *
fp_consent_store_new (FpCache          *cache,
                      FpConsentPolicy  *policy,
                      GError          **error)
{
  FpConsentStore *self;

  g_return_val_if_fail (FP_IS_CACHE (cache), NULL);
  g_return_val_if_fail (FP_IS_CONSENT_POLICY (policy), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!fp_cache_consent_load (cache, policy, error))
    return NULL;

  self = g_object_new (FP_TYPE_CONSENT_STORE, NULL);
  self->cache = g_object_ref (cache);
  self->policy = g_object_ref (policy);
  self->history_id = g_signal_connect_object (policy, "history-appended",
                                              G_CALLBACK (history_appended_cb), self,
                                              G_CONNECT_SWAPPED);
  self->personalization_id = g_signal_connect_object (policy, "changed::personalization",
                                                      G_CALLBACK (personalization_changed_cb), self,
                                                      G_CONNECT_SWAPPED);
  return self;
}

FpCache *
fp_consent_store_get_cache (FpConsentStore *self)
{
  g_return_val_if_fail (FP_IS_CONSENT_STORE (self), NULL);

  return self->cache;
}

FpConsentPolicy *
fp_consent_store_get_policy (FpConsentStore *self)
{
  g_return_val_if_fail (FP_IS_CONSENT_STORE (self), NULL);

  return self->policy;
}

/**
 * fp_consent_store_save_records:
 * @self: a store
 * @error: return location for a #GError
 *
 * See fp_cache_consent_save_records(); sync calls it after applying the
 * bank's records.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_consent_store_save_records (FpConsentStore  *self,
                               GError         **error)
{
  g_return_val_if_fail (FP_IS_CONSENT_STORE (self), FALSE);

  return fp_cache_consent_save_records (self->cache, self->policy, error);
}
