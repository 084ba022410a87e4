/* fp-endpoint.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean fp_endpoint_is_loopback_host (const char  *host);
char    *fp_endpoint_normalize        (const char  *url,
                                       GError     **error);

G_END_DECLS
