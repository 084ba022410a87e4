/* fp-cache-key.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-keyring.h"

G_BEGIN_DECLS

#define FP_CACHE_KEY_SIZE 32

/**
 * FpCacheKey:
 *
 * The 256-bit raw key of one encrypted cache. It lives in memory (wiped when
 * freed) and in the keyring, nowhere else.
 */
typedef struct _FpCacheKey FpCacheKey;

FpCacheKey   *fp_cache_key_new_random         (GError              **error);
FpCacheKey   *fp_cache_key_new_from_bytes     (const guint8         *bytes,
                                               gsize                 len);
FpCacheKey   *fp_cache_key_copy               (const FpCacheKey     *key);
const guint8 *fp_cache_key_get_bytes          (const FpCacheKey     *key);
gboolean      fp_cache_key_equal              (const FpCacheKey     *a,
                                               const FpCacheKey     *b);
void          fp_cache_key_free               (FpCacheKey           *key);

FpCacheKey   *fp_cache_key_lookup             (const char           *cache_id,
                                               FpKeyringFlags        flags,
                                               GCancellable         *cancellable,
                                               GError              **error);
gboolean      fp_cache_key_store              (const char           *cache_id,
                                               const FpCacheKey     *key,
                                               FpKeyringFlags        flags,
                                               GCancellable         *cancellable,
                                               GError              **error);
gboolean      fp_cache_key_clear              (const char           *cache_id,
                                               FpKeyringFlags        flags,
                                               GCancellable         *cancellable,
                                               GError              **error);
FpCacheKey   *fp_cache_key_load_or_create     (const char           *cache_id,
                                               gboolean              cache_exists,
                                               FpKeyringFlags        flags,
                                               GCancellable         *cancellable,
                                               GError              **error);
void          fp_cache_key_load_or_create_async  (const char           *cache_id,
                                                  gboolean              cache_exists,
                                                  FpKeyringFlags        flags,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
FpCacheKey   *fp_cache_key_load_or_create_finish (GAsyncResult         *result,
                                                  GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpCacheKey, fp_cache_key_free)

G_END_DECLS
