/* fp-cache-risk.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The risk questionnaire's answers in the local-only `risk_answers` table,
 * one row, stored as core's ids (fp_risk_horizon_to_id() and the like) and
 * checked again when read: a row this build does not understand is left
 * alone and reads as no answers.
 */

#define G_LOG_DOMAIN "fp-cache-risk"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-cache-private.h"
#include "fp-cache-risk.h"
#include "fp-store-error.h"

#define ROW_ID "questionnaire"

/**
 * fp_cache_get_risk_answers:
 * @self: a #FpCache
 * @out: (out caller-allocates): the answers, when found
 * @out_found: (out): whether answers were kept
 * @error: return location for a #FpStoreError
 *
 * Returns: %TRUE on success (found or not)
 */
gboolean
fp_cache_get_risk_answers (FpCache        *self,
                           FpRiskAnswers  *out,
                           gboolean       *out_found,
                           GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);
  g_return_val_if_fail (out != NULL && out_found != NULL, FALSE);

  *out_found = FALSE;
  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self,
                                  "SELECT horizon, loss_reaction, experience FROM risk_answers WHERE id = ?1",
                                  error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, ROW_ID, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      FpRiskAnswers a;

      if (fp_risk_horizon_from_id ((const char *) sqlite3_column_text (stmt, 0), &a.horizon) &&
          fp_loss_reaction_from_id ((const char *) sqlite3_column_text (stmt, 1), &a.loss_reaction) &&
          fp_invest_experience_from_id ((const char *) sqlite3_column_text (stmt, 2), &a.experience))
        {
          *out = a;
          *out_found = TRUE;
        }
      else
        g_debug ("Kept risk answers this build does not know are left alone");
      rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _fp_cache_set_error (error, self->db, rc, "read risk answers");
  return TRUE;
}

/**
 * fp_cache_save_risk_answers:
 * @self: a #FpCache
 * @answers: the answers
 * @error: return location for a %FP_STORE_ERROR_INVALID or another
 *   #FpStoreError
 *
 * Keeps the answers in place of the ones kept before. Invalid answers
 * change nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_save_risk_answers (FpCache              *self,
                            const FpRiskAnswers  *answers,
                            GError              **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  const char *horizon, *reaction, *experience;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);
  g_return_val_if_fail (answers != NULL, FALSE);

  /* Only answers core knows. */
  if ((guint) answers->horizon > FP_HORIZON_OVER_10_YEARS ||
      (guint) answers->loss_reaction > FP_LOSS_BUY_MORE ||
      (guint) answers->experience > FP_EXPERIENCE_EXPERIENCED)
    {
      g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID,
                           _("The answers were not kept: an answer of the questionnaire is invalid."));
      return FALSE;
    }
  horizon = fp_risk_horizon_to_id (answers->horizon);
  reaction = fp_loss_reaction_to_id (answers->loss_reaction);
  experience = fp_invest_experience_to_id (answers->experience);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self,
                                  "INSERT OR REPLACE INTO risk_answers (id, horizon, loss_reaction, experience,"
                                  " updated) VALUES (?1, ?2, ?3, ?4, ?5)",
                                  error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, ROW_ID, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, horizon, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, reaction, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, experience, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _fp_cache_set_error (error, self->db, rc, "save risk answers");
  return TRUE;
}
