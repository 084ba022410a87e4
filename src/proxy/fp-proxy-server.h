/* fp-proxy-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-aws-credentials.h"
#include "fp-proxy-config.h"

G_BEGIN_DECLS

/**
 * FpProxyStats:
 * @requests: requests received
 * @answered: answers the model wrote and the client received whole
 * @refused: 4xx answers (401, 403, 400, 413, 415, 422, 429)
 * @failed: 5xx answers and streams that broke
 * @cancelled: requests whose client left before the end
 * @upstream_calls: requests that went to Bedrock
 * @active_calls: calls to Bedrock in flight now
 *
 * Counters of one proxy instance, for tests and benchmarks.
 */
typedef struct {
  guint64 requests;
  guint64 answered;
  guint64 refused;
  guint64 failed;
  guint64 cancelled;
  guint64 upstream_calls;
  guint   active_calls;
} FpProxyStats;

#define FP_TYPE_PROXY_SERVER (fp_proxy_server_get_type ())

G_DECLARE_FINAL_TYPE (FpProxyServer, fp_proxy_server, FP, PROXY_SERVER, GObject)

FpProxyServer *fp_proxy_server_new       (const FpProxyConfig    *config,
                                          const FpAwsCredentials *credentials,
                                          GError                **error);
gboolean       fp_proxy_server_listen    (FpProxyServer          *self,
                                          GError                **error);
const char    *fp_proxy_server_get_url   (FpProxyServer          *self);
void           fp_proxy_server_get_stats (FpProxyServer          *self,
                                          FpProxyStats           *out);

G_END_DECLS
