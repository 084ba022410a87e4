/* fp-cache-scenarios.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saved scenarios in the local-only `scenarios` table.
 */

#define G_LOG_DOMAIN "fp-cache-scenarios"

#include "config.h"

#include <string.h>

#include "fp-cache-private.h"
#include "fp-cache-scenarios.h"
#include "fp-store-error.h"

/**
 * fp_saved_scenario_free:
 * @scenario: (nullable): a saved scenario
 */
void
fp_saved_scenario_free (FpSavedScenario *scenario)
{
  if (scenario == NULL)
    return;

  g_free (scenario->id);
  g_free (scenario->name);
  g_free (scenario->json);
  g_free (scenario);
}

/**
 * fp_cache_list_scenarios:
 * @self: a #FpCache
 * @error: return location for a #FpStoreError
 *
 * Returns: (transfer container) (element-type FpSavedScenario) (nullable):
 *   the saved scenarios, the oldest first; %NULL on error
 */
GPtrArray *
fp_cache_list_scenarios (FpCache  *self,
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
                                  "SELECT id, name, created, COALESCE (updated, created), json "
                                  "FROM scenarios ORDER BY created, rowid",
                                  error)))
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_saved_scenario_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FpSavedScenario *s = g_new0 (FpSavedScenario, 1);

      s->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      s->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      s->created = sqlite3_column_int64 (stmt, 2);
      s->updated = sqlite3_column_int64 (stmt, 3);
      s->json = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      if (s->id == NULL)
        s->id = g_strdup ("");
      if (s->name == NULL)
        s->name = g_strdup ("");
      if (s->json == NULL)
        s->json = g_strdup ("");
      g_ptr_array_add (list, s);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "list scenarios");
      return NULL;
    }

  return g_steal_pointer (&list);
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
 * fp_cache_save_scenario:
 * @self: a #FpCache
 * @id: the scenario's id (non-empty, at most 64 bytes)
 * @name: its display name
 * @json: the scenario as JSON text (at most %FP_CACHE_SCENARIO_MAX_JSON)
 * @error: return location for a #FpStoreError
 *
 * Saves a new scenario, or replaces the one with the same @id (keeping
 * when it was first saved).
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_save_scenario (FpCache     *self,
                        const char  *id,
                        const char  *name,
                        const char  *json,
                        GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (*id == '\0' || strlen (id) > 64 || !g_utf8_validate (id, -1, NULL) ||
      !g_utf8_validate (name, -1, NULL) ||
      strlen (json) > FP_CACHE_SCENARIO_MAX_JSON || !g_utf8_validate (json, -1, NULL))
    {
      g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID,
                           "a saved scenario needs a short id, a name and JSON text");
      return FALSE;
    }

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) || !_fp_cache_begin (self, error))
    return FALSE;

  if (!(stmt = _fp_cache_prepare (self, "UPDATE scenarios SET name = ?2, json = ?3, updated = ?4 WHERE id = ?1",
                                  error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now);
  if (!step_done (self, stmt, "update scenario", error))
    goto fail;

  if (sqlite3_changes (self->db) == 0)
    {
      if (!(stmt = _fp_cache_prepare (self,
                                      "INSERT INTO scenarios (id, name, created, json, updated) "
                                      "VALUES (?1, ?2, ?3, ?4, ?3)",
                                      error)))
        goto fail;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, now);
      sqlite3_bind_text (stmt, 4, json, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, "insert scenario", error))
        goto fail;
    }

  return _fp_cache_commit (self, error);

fail:
  _fp_cache_rollback (self);
  return FALSE;
}

/**
 * fp_cache_delete_scenario:
 * @self: a #FpCache
 * @id: the scenario's id
 * @error: return location for a #FpStoreError
 *
 * Forgets a saved scenario; an unknown @id is not an error.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_delete_scenario (FpCache     *self,
                          const char  *id,
                          GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self, "DELETE FROM scenarios WHERE id = ?1", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  return step_done (self, stmt, "delete scenario", error);
}
