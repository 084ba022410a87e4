/* fp-proxy-http.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* libsoup 3.2 has no name for 429 (RFC 6585). */
#define FP_PROXY_STATUS_TOO_MANY_REQUESTS 429

SoupSession *fp_proxy_http_session_new   (const char          *base_url,
                                          guint                max_conns,
                                          guint                timeout_s);
void         fp_proxy_http_fetch_async   (SoupSession         *session,
                                          SoupMessage         *msg,
                                          gsize                max_bytes,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GBytes      *fp_proxy_http_fetch_finish  (GAsyncResult        *result,
                                          GError             **error);
JsonNode    *fp_proxy_http_parse_json    (GBytes              *body,
                                          gsize                max_bytes);
char        *fp_proxy_http_host_header   (GUri                *uri);
void         fp_proxy_http_track         (SoupServer          *server,
                                          SoupServerMessage   *msg);
void         fp_proxy_http_release       (SoupServer          *server);

gboolean     fp_proxy_http_listen (SoupServer          *server,
                                  GInetAddress        *inet,
                                  guint                port,
                                  GError             **error);

G_END_DECLS
