/* fp-sandbox-soup.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

void fp_sandbox_soup_track   (SoupServer        *server,
                              SoupServerMessage *msg);
void fp_sandbox_soup_release (SoupServer        *server);

gboolean     fp_sandbox_soup_listen (SoupServer          *server,
                                    GInetAddress        *inet,
                                    guint                port,
                                    GError             **error);

G_END_DECLS
