/* fp-keyring-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsecret/secret.h>

#include "fp-keyring.h"

G_BEGIN_DECLS

SecretValue *_fp_keyring_lookup (const SecretSchema  *schema,
                                 GHashTable          *attributes,
                                 FpKeyringFlags       flags,
                                 GCancellable        *cancellable,
                                 GError             **error);
gboolean     _fp_keyring_store  (const SecretSchema  *schema,
                                 GHashTable          *attributes,
                                 const char          *label,
                                 SecretValue         *value,
                                 FpKeyringFlags       flags,
                                 GCancellable        *cancellable,
                                 GError             **error);
gboolean     _fp_keyring_clear  (const SecretSchema  *schema,
                                 GHashTable          *attributes,
                                 FpKeyringFlags       flags,
                                 GCancellable        *cancellable,
                                 GError             **error);

G_END_DECLS
