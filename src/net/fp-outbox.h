/* fp-outbox.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-cache.h"
#include "fp-http-client.h"

G_BEGIN_DECLS

/**
 * FpOutboxResult:
 * @delivered: items the bank accepted in this run
 * @failed: items the bank refused for good in this run (reported)
 * @pending: items still waiting
 */
typedef struct {
  guint delivered;
  guint failed;
  guint pending;
} FpOutboxResult;

gint64   fp_outbox_enqueue (FpCache         *cache,
                            const char      *method,
                            const char      *path,
                            const char      *json_body,
                            GError         **error);
void     fp_outbox_note_failure (FpCache      *cache,
                                 const GError *error);
gboolean fp_outbox_deliver (FpCache         *cache,
                            FpHttpClient    *http,
                            FpOutboxResult  *result,
                            GCancellable    *cancellable,
                            GError         **error);

G_END_DECLS
