/* fp-keyring.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * FpKeyringFlags:
 * @FP_KEYRING_NONE: never show a prompt; a locked keyring is an error
 * @FP_KEYRING_INTERACTIVE: the customer is present: a locked keyring may be
 *   unlocked through the system prompt
 *
 * How a keyring operation may involve the customer.
 */
typedef enum {
  FP_KEYRING_NONE        = 0,
  FP_KEYRING_INTERACTIVE = 1 << 0,
} FpKeyringFlags;

void      fp_secure_wipe                     (gpointer             data,
                                              gsize                len);

gboolean  fp_keyring_save_refresh_token      (const char          *account,
                                              const char          *refresh_token,
                                              FpKeyringFlags       flags,
                                              GCancellable        *cancellable,
                                              GError             **error);
char     *fp_keyring_load_refresh_token      (const char          *account,
                                              FpKeyringFlags       flags,
                                              GCancellable        *cancellable,
                                              GError             **error);
gboolean  fp_keyring_clear_refresh_token     (const char          *account,
                                              FpKeyringFlags       flags,
                                              GCancellable        *cancellable,
                                              GError             **error);
void      fp_keyring_free_token              (char                *token);

void      fp_keyring_load_refresh_token_async  (const char          *account,
                                                FpKeyringFlags       flags,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
char     *fp_keyring_load_refresh_token_finish (GAsyncResult        *result,
                                                GError             **error);
void      fp_keyring_save_refresh_token_async  (const char          *account,
                                                const char          *refresh_token,
                                                FpKeyringFlags       flags,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean  fp_keyring_save_refresh_token_finish (GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
