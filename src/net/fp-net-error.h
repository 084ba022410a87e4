/* fp-net-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FP_NET_ERROR (fp_net_error_quark ())

GQuark fp_net_error_quark (void);

G_END_DECLS
