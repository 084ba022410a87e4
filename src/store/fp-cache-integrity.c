/* fp-cache-integrity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Damage is found before anyone relies on the data. SQLCipher keeps an
 * HMAC with every page and checks it when it decrypts the page, so bytes
 * flipped anywhere in the file are noticed exactly when that page is
 * read; a sync touches only the pages it writes. PRAGMA quick_check walks
 * every b-tree page of every table and index (and the freelist's trunk
 * pages), so it reads them all through SQLCipher. The cost is a read of
 * the whole file: see benchmarks/bench-integrity.c and the figures in
 * src/store/README.md.
 */

#define G_LOG_DOMAIN "fp-cache"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-cache-integrity.h"
#include "fp-cache-private.h"
#include "fp-store-error.h"

/**
 * fp_cache_check_integrity:
 * @self: a #FpCache
 * @error: return location for a #FpStoreError
 *
 * Reads every page of the cache, which checks each page's HMAC, and the
 * structure of every table and index. Takes the cache's lock for the
 * whole read: call it from a worker thread.
 *
 * Returns: %TRUE if the cache is whole; %FALSE with %FP_STORE_ERROR_CORRUPT
 *   and the way forward in the message when it is damaged
 */
gboolean
fp_cache_check_integrity (FpCache  *self,
                          GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *first = NULL;
  sqlite3_stmt *stmt;
  gint64 start = g_get_monotonic_time ();
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) ||
      !(stmt = _fp_cache_prepare (self, "PRAGMA quick_check", error)))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_debug ("Integrity check: %.2f s", (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);

  if (rc == SQLITE_ROW && g_strcmp0 (first, "ok") == 0)
    return TRUE;

  /* SQLite names tables and pages in its findings, never values. */
  g_debug ("The cache is damaged: %s (%d)",
           first != NULL ? first : sqlite3_errmsg (self->db), rc);
  if (rc != SQLITE_ROW && (rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
    return _fp_cache_set_error (error, self->db, rc, "quick_check");
  g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_CORRUPT,
                       _("Your local data is damaged, so it cannot be trusted. "
                         "Erase it with “finpersona --headless erase” and sync again, "
                         "or choose Start Over from the Bank in the app; "
                         "nothing is lost, the bank holds all of it."));
  return FALSE;
}
