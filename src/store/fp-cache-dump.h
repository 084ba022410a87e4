/* fp-cache-dump.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-cache.h"

G_BEGIN_DECLS

#define FP_CACHE_DUMP_JSON_NAME "finpersona-data.json"

/**
 * FpCacheDumpProgress:
 * @rows: rows written so far
 * @table: the table being written
 * @user_data: data given to fp_cache_dump_to_folder()
 *
 * Called from the thread that runs fp_cache_dump_to_folder(), every few
 * hundred rows and at each new table.
 */
typedef void (*FpCacheDumpProgress) (guint64     rows,
                                     const char *table,
                                     gpointer    user_data);

gboolean fp_cache_dump_to_folder (FpCache              *cache,
                                  GFile                *folder,
                                  FpCacheDumpProgress   progress,
                                  gpointer              user_data,
                                  guint64              *out_rows,
                                  GCancellable         *cancellable,
                                  GError              **error);

G_END_DECLS
