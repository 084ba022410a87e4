/* fp-cache-assets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Manual assets and debts in the local-only `manual_assets` table.
 */

#define G_LOG_DOMAIN "fp-cache-assets"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-cache-assets.h"
#include "fp-cache-private.h"
#include "fp-store-error.h"

#define MAX_VALUE_MINOR (G_GINT64_CONSTANT (1000000000000000))

/**
 * fp_manual_kind_is_valid:
 * @kind: a kind
 *
 * Returns: whether the customer may add items of @kind by hand (not the
 *   bank's own accounts and holdings)
 */
gboolean
fp_manual_kind_is_valid (FpWealthKind kind)
{
  switch (kind)
    {
    case FP_WEALTH_HOME:
    case FP_WEALTH_CAR:
    case FP_WEALTH_PENSION:
    case FP_WEALTH_OTHER_ACCOUNT:
    case FP_WEALTH_OTHER_ASSET:
    case FP_WEALTH_MORTGAGE:
    case FP_WEALTH_OTHER_DEBT:
      return TRUE;
    case FP_WEALTH_CASH:
    case FP_WEALTH_SAVINGS:
    case FP_WEALTH_HOLDING:
    case FP_WEALTH_CARD_DEBT:
    case FP_WEALTH_LOAN:
    default:
      return FALSE;
    }
}

/**
 * fp_manual_asset_free:
 * @asset: (nullable): an asset
 */
void
fp_manual_asset_free (FpManualAsset *asset)
{
  if (asset == NULL)
    return;
  g_free (asset->id);
  g_free (asset->name);
  g_free (asset->currency);
  g_free (asset);
}

static gboolean
currency_ok (const char *currency)
{
  return currency != NULL && strlen (currency) == 3 && g_ascii_isupper (currency[0]) &&
         g_ascii_isupper (currency[1]) && g_ascii_isupper (currency[2]);
}

/**
 * fp_cache_list_manual_assets:
 * @self: a #FpCache
 * @error: return location for a #FpStoreError
 *
 * Rows whose kind this build does not know are skipped (with a debug
 * message), never deleted.
 *
 * Returns: (transfer container) (element-type FpManualAsset) (nullable):
 *   the assets and debts, the oldest first
 */
GPtrArray *
fp_cache_list_manual_assets (FpCache  *self,
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
                                  "SELECT id, name, kind, value_minor, currency, rate_bps,"
                                  " COALESCE (created, updated), updated"
                                  " FROM manual_assets ORDER BY COALESCE (created, updated), id",
                                  error)))
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_manual_asset_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FpManualAsset *a;
      FpWealthKind kind;

      if (!fp_wealth_kind_from_id ((const char *) sqlite3_column_text (stmt, 2), &kind) ||
          !fp_manual_kind_is_valid (kind))
        {
          g_debug ("Skipping a manual asset of an unknown kind");
          continue;
        }
      a = g_new0 (FpManualAsset, 1);
      a->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      a->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      a->kind = kind;
      a->value_minor = sqlite3_column_int64 (stmt, 3);
      a->currency = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      a->rate_bps = sqlite3_column_int (stmt, 5);
      a->created = sqlite3_column_int64 (stmt, 6);
      a->updated = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (list, a);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "list manual assets");
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
 * fp_cache_save_manual_asset:
 * @self: a #FpCache
 * @id: its id: 1 to 64 letters, digits, '-' or '_'
 * @name: its name, 1 to 200 bytes of UTF-8 without control characters
 * @kind: a manual kind (fp_manual_kind_is_valid())
 * @value_minor: positive for an asset, negative for a debt (0 either)
 * @currency: ISO 4217 code
 * @rate_bps: 0 to 100000 basis points a year
 * @error: return location for a %FP_STORE_ERROR_INVALID or another
 *   #FpStoreError
 *
 * Adds an asset or debt, or replaces the one with the same @id (keeping
 * when it was first added). Invalid input changes nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_save_manual_asset (FpCache       *self,
                            const char    *id,
                            const char    *name,
                            FpWealthKind   kind,
                            gint64         value_minor,
                            const char    *currency,
                            gint32         rate_bps,
                            GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *why = NULL;
  sqlite3_stmt *stmt;
  gint64 count = 0;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);

  if (id == NULL || *id == '\0' || strlen (id) > FP_CACHE_ASSET_MAX_ID)
    why = _("The asset was not saved: its id must be 1 to 64 letters, digits, hyphens or underscores.");
  for (const char *p = id; why == NULL && *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      why = _("The asset was not saved: its id must be 1 to 64 letters, digits, hyphens or underscores.");
  if (why == NULL && (name == NULL || *name == '\0' || strlen (name) > FP_CACHE_ASSET_MAX_NAME ||
                      !g_utf8_validate (name, -1, NULL)))
    why = _("The asset was not saved: its name must be 1 to 200 characters.");
  for (const char *p = name; why == NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      why = _("The asset was not saved: its name must be 1 to 200 characters.");
  if (why == NULL && !fp_manual_kind_is_valid (kind))
    why = _("The asset was not saved: it must be a home, a car, a pension, another account or asset, a "
            "mortgage or another debt.");
  if (why == NULL && (ABS (value_minor) > MAX_VALUE_MINOR ||
                      (fp_wealth_kind_is_debt (kind) ? value_minor > 0 : value_minor < 0)))
    why = _("The asset was not saved: what you own cannot be worth less than nothing, and a debt is entered "
            "as a negative amount.");
  if (why == NULL && !currency_ok (currency))
    why = _("The asset was not saved: its currency must be a three-letter code such as USD.");
  if (why == NULL && (rate_bps < 0 || rate_bps > 100000))
    why = _("The asset was not saved: its rate must be between 0 and 1000 percent.");
  if (why != NULL)
    {
      g_debug ("Refusing a manual asset");
      g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID, why);
      return FALSE;
    }

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) || !_fp_cache_begin (self, error))
    return FALSE;

  if (!(stmt = _fp_cache_prepare (self,
                                  "UPDATE manual_assets SET name = ?2, kind = ?3, value_minor = ?4,"
                                  " currency = ?5, rate_bps = ?6, updated = ?7 WHERE id = ?1",
                                  error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, fp_wealth_kind_to_id (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, value_minor);
  sqlite3_bind_text (stmt, 5, currency, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, rate_bps);
  sqlite3_bind_int64 (stmt, 7, now);
  if (!step_done (self, stmt, "update manual asset", error))
    goto fail;

  if (sqlite3_changes (self->db) == 0)
    {
      if (!(stmt = _fp_cache_prepare (self, "SELECT count(*) FROM manual_assets", error)))
        goto fail;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      if (count >= FP_CACHE_MAX_ASSETS)
        {
          g_set_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID,
                       _("The asset was not saved: at most %d can be added."), FP_CACHE_MAX_ASSETS);
          goto fail;
        }
      if (!(stmt = _fp_cache_prepare (self,
                                      "INSERT INTO manual_assets (id, name, kind, value_minor, currency, updated,"
                                      " rate_bps, created) VALUES (?1, ?2, ?3, ?4, ?5, ?7, ?6, ?7)",
                                      error)))
        goto fail;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, fp_wealth_kind_to_id (kind), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, value_minor);
      sqlite3_bind_text (stmt, 5, currency, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, rate_bps);
      sqlite3_bind_int64 (stmt, 7, now);
      if (!step_done (self, stmt, "insert manual asset", error))
        goto fail;
    }
  return _fp_cache_commit (self, error);

fail:
  _fp_cache_rollback (self);
  return FALSE;
}

/**
 * fp_cache_delete_manual_asset:
 * @self: a #FpCache
 * @id: the asset's id
 * @error: return location for a #FpStoreError
 *
 * Removes an asset or debt; an unknown @id is not an error.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_delete_manual_asset (FpCache     *self,
                              const char  *id,
                              GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self, "DELETE FROM manual_assets WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  return step_done (self, stmt, "delete manual asset", error);
}
