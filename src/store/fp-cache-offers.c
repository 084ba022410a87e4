/* fp-cache-offers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Offer feedback in the local-only `offer_feedback` table, and its outbox
 * item in the same transaction; see the header.
 */

#define G_LOG_DOMAIN "fp-cache-offers"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n-lib.h>

#include "fp-cache-offers.h"
#include "fp-cache-private.h"
#include "fp-store-error.h"

#define MAX_OFFER_ID 64

/**
 * fp_cached_offer_feedback_free:
 * @feedback: (nullable): a row
 */
void
fp_cached_offer_feedback_free (FpCachedOfferFeedback *feedback)
{
  if (feedback == NULL)
    return;
  g_free (feedback->offer_id);
  g_free (feedback);
}

/* Offer ids as the contract spells them: ^[a-z0-9-]+$. */
static gboolean
offer_id_ok (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > MAX_OFFER_ID)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/* The reasons as "a,b" (the table) or "\"a\",\"b\"" (JSON). */
static char *
reasons_text (guint32  reasons,
              gboolean json)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < FP_OFFER_N_REASONS; i++)
    if (reasons & (1u << i))
      g_string_append_printf (out, json ? "%s\"%s\"" : "%s%s", out->len > 0 ? "," : "",
                              fp_offer_reason_to_id ((FpOfferReason) (1u << i)));
  return g_string_free (out, FALSE);
}

/* A random (version 4) UUID from the system's generator, as
 * fp-cache-consent.c makes them: two processes must never queue the same
 * key, whatever a test did to GLib's GRand. */
static char *
new_idempotency_key (void)
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
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
                          b[12], b[13], b[14], b[15]);
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

/**
 * fp_cache_add_offer_feedback:
 * @self: a #FpCache
 * @offer_id: the catalogue's offer (`^[a-z0-9-]{1,64}$`)
 * @reaction: what the customer said
 * @reasons: #FpOfferReason flags (for "not for me"; any reaction may carry
 *   them)
 * @policy: (nullable): the customer's consents; the feedback is queued for
 *   the bank only when it allows %FP_PURPOSE_MARKETING now (%NULL: never)
 * @error: return location for a #FpStoreError
 *
 * Records the feedback and, with the marketing consent, queues it in the
 * outbox in the same transaction. Invalid input changes nothing.
 *
 * Returns: the feedback's sequence number, -1 on error
 */
gint64
fp_cache_add_offer_feedback (FpCache          *self,
                             const char       *offer_id,
                             FpOfferReaction   reaction,
                             guint32           reasons,
                             FpConsentPolicy  *policy,
                             GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *list = NULL;
  g_autofree char *json_list = NULL;
  g_autofree char *body = NULL;
  g_autofree char *key = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  sqlite3_stmt *stmt;
  gint64 seq, count = 0;
  gboolean send_to_bank;

  g_return_val_if_fail (FP_IS_CACHE (self), -1);
  g_return_val_if_fail (policy == NULL || FP_IS_CONSENT_POLICY (policy), -1);

  send_to_bank = policy != NULL && fp_consent_policy_allows (policy, FP_PURPOSE_MARKETING);

  if (!offer_id_ok (offer_id) || (guint) reaction > FP_OFFER_DISMISSED ||
      (reasons & ~((1u << FP_OFFER_N_REASONS) - 1)) != 0)
    {
      g_debug ("Refusing offer feedback: invalid offer id, reaction or reasons");
      g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID,
                           _("The feedback was not saved because it is not valid."));
      return -1;
    }
  list = reasons_text (reasons, FALSE);
  json_list = reasons_text (reasons, TRUE);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) || !_fp_cache_begin (self, error))
    return -1;

  if (!(stmt = _fp_cache_prepare (self, "SELECT count(*) FROM offer_feedback", error)))
    goto fail;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (count >= FP_CACHE_MAX_OFFER_FEEDBACK)
    {
      g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID,
                           _("The feedback was not saved: there is too much of it already."));
      goto fail;
    }

  if (!(stmt = _fp_cache_prepare (self,
                                  "INSERT INTO offer_feedback (created, offer_id, reaction, reasons, sent)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5)", error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, offer_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, fp_offer_reaction_to_id (reaction), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, list, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, send_to_bank ? 1 : 0);
  if (!step_done (self, stmt, "add offer feedback", error))
    goto fail;
  seq = sqlite3_last_insert_rowid (self->db);

  if (send_to_bank)
    {
      /* Both strings are plain tokens checked above: no escaping needed. */
      body = g_strdup_printf ("{\"offerId\":\"%s\",\"reaction\":\"%s\",\"reasons\":[%s]}",
                              offer_id, fp_offer_reaction_to_id (reaction), json_list);
      key = new_idempotency_key ();
      if (!(stmt = _fp_cache_prepare (self,
                                      "INSERT INTO outbox (created, method, path, body, idempotency_key, state,"
                                      " attempts) VALUES (?1, 'POST', 'v1/feedback', ?2, ?3, 0, 0)", error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_text (stmt, 2, body, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, "queue offer feedback", error))
        goto fail;
    }

  if (!_fp_cache_commit (self, error))
    return -1;
  return seq;

fail:
  _fp_cache_rollback (self);
  return -1;
}

/**
 * fp_cache_list_offer_feedback:
 * @self: a #FpCache
 * @error: return location for a #FpStoreError
 *
 * Rows this build cannot read (an unknown reaction or reason) are skipped
 * with a debug message, never deleted.
 *
 * Returns: (transfer container) (element-type FpCachedOfferFeedback)
 *   (nullable): the feedback, in the order it was given
 */
GPtrArray *
fp_cache_list_offer_feedback (FpCache  *self,
                              GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self,
                                  "SELECT id, offer_id, reaction, reasons, created, sent FROM offer_feedback ORDER BY id",
                                  error)))
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_cached_offer_feedback_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(FpCachedOfferFeedback) f = g_new0 (FpCachedOfferFeedback, 1);
      g_auto(GStrv) reasons = g_strsplit ((const char *) sqlite3_column_text (stmt, 3), ",", -1);
      gboolean ok = fp_offer_reaction_from_id ((const char *) sqlite3_column_text (stmt, 2), &f->reaction);

      f->seq = sqlite3_column_int64 (stmt, 0);
      f->offer_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      f->created = sqlite3_column_int64 (stmt, 4);
      f->sent = sqlite3_column_int (stmt, 5) != 0;
      for (guint i = 0; ok && reasons[i] != NULL; i++)
        {
          FpOfferReason r = 0;

          if (*reasons[i] == '\0')
            continue;
          ok = fp_offer_reason_from_id (reasons[i], &r);
          f->reasons |= r;
        }
      if (!ok || !offer_id_ok (f->offer_id))
        {
          g_debug ("Skipping offer feedback this build cannot read");
          continue;
        }
      g_ptr_array_add (list, g_steal_pointer (&f));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "list offer feedback");
      return NULL;
    }
  return g_steal_pointer (&list);
}
