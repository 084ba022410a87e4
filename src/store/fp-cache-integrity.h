/* fp-cache-integrity.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-cache.h"

G_BEGIN_DECLS

gboolean fp_cache_check_integrity (FpCache  *self,
                                   GError  **error);

G_END_DECLS
