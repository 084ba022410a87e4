/* fp-store-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FP_STORE_ERROR (fp_store_error_quark ())

/**
 * FpStoreError:
 * @FP_STORE_ERROR_NO_SECRET_SERVICE: no keyring is reachable (no secret
 *   service on the session bus, no D-Bus session, no Secret portal)
 * @FP_STORE_ERROR_KEYRING_LOCKED: the keyring is locked and may not be
 *   unlocked now (non-interactive), or the customer dismissed the prompt
 * @FP_STORE_ERROR_KEY_MISSING: a cache exists but its key is not in the
 *   keyring (the keyring was reset or changed)
 * @FP_STORE_ERROR_WRONG_KEY: the key does not open the cache
 * @FP_STORE_ERROR_CORRUPT: the cache file is damaged
 * @FP_STORE_ERROR_NOT_ENCRYPTED: the SQLite library in use is not SQLCipher,
 *   so the cache would not be encrypted; nothing was written
 * @FP_STORE_ERROR_MIGRATION_FAILED: the schema could not be brought up to
 *   date (or was written by a newer version); the file is unchanged
 * @FP_STORE_ERROR_BUSY: another process holds the cache
 * @FP_STORE_ERROR_INVALID: the caller passed data the cache refuses
 * @FP_STORE_ERROR_IO: the disk failed (full, read-only, permissions)
 * @FP_STORE_ERROR_FAILED: any other database failure
 *
 * Errors of the encrypted cache and the keyring. Each code maps to one
 * sentence the customer understands and a way forward; see
 * fp_store_error_get_hint().
 */
typedef enum {
  FP_STORE_ERROR_NO_SECRET_SERVICE,
  FP_STORE_ERROR_KEYRING_LOCKED,
  FP_STORE_ERROR_KEY_MISSING,
  FP_STORE_ERROR_WRONG_KEY,
  FP_STORE_ERROR_CORRUPT,
  FP_STORE_ERROR_NOT_ENCRYPTED,
  FP_STORE_ERROR_MIGRATION_FAILED,
  FP_STORE_ERROR_BUSY,
  FP_STORE_ERROR_INVALID,
  FP_STORE_ERROR_IO,
  FP_STORE_ERROR_FAILED,
} FpStoreError;

GQuark      fp_store_error_quark    (void);
const char *fp_store_error_get_hint (const GError *error);

G_END_DECLS
