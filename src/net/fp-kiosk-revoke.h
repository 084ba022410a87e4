/* fp-kiosk-revoke.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-sync-engine.h"

G_BEGIN_DECLS

GPtrArray *fp_kiosk_tokens_new      (void);
void       fp_kiosk_tokens_add      (GPtrArray           *tokens,
                                     char                *access_token,
                                     char                *refresh_token);
void       fp_kiosk_revoke_async    (const char          *base_url,
                                     GPtrArray           *tokens,
                                     FpSyncEngine        *engine,
                                     guint                timeout_seconds,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean   fp_kiosk_revoke_finish   (GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
