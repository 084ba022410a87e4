/* fp-sandbox-introspect.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-sandbox-private.h"

G_BEGIN_DECLS

FpSandboxResponse *fp_sandbox_handle_introspect (FpSandboxRequest *req,
                                                 GHashTable       *form);

G_END_DECLS
