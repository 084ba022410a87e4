/* fp-store-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FP_STORE_ERROR (fp_store_error_quark ())

GQuark fp_store_error_quark (void);

G_END_DECLS
