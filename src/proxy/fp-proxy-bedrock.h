/* fp-proxy-bedrock.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-aws-credentials.h"
#include "fp-proxy-config.h"
#include "fp-proxy-limits.h"

G_BEGIN_DECLS

/**
 * FpProxyUpstream:
 * @FP_PROXY_UPSTREAM_OK: the model answered
 * @FP_PROXY_UPSTREAM_THROTTLED: Bedrock throttled every attempt
 * @FP_PROXY_UPSTREAM_UNAVAILABLE: Bedrock failed, timed out or could not be
 *   reached on every attempt
 * @FP_PROXY_UPSTREAM_BREAKER_OPEN: the breaker held the call back
 * @FP_PROXY_UPSTREAM_INVALID: Bedrock refused the request (4xx other than
 *   throttling: the proxy's configuration or a bug, never retried)
 * @FP_PROXY_UPSTREAM_INTERRUPTED: a stream broke after it had started
 * @FP_PROXY_UPSTREAM_CANCELLED: the caller cancelled (its client left)
 */
typedef enum {
  FP_PROXY_UPSTREAM_OK,
  FP_PROXY_UPSTREAM_THROTTLED,
  FP_PROXY_UPSTREAM_UNAVAILABLE,
  FP_PROXY_UPSTREAM_BREAKER_OPEN,
  FP_PROXY_UPSTREAM_INVALID,
  FP_PROXY_UPSTREAM_INTERRUPTED,
  FP_PROXY_UPSTREAM_CANCELLED,
} FpProxyUpstream;

/**
 * FpProxyUpstreamResult:
 * @outcome: how it ended
 * @text: (nullable): the whole answer of a Converse call
 * @stop_reason: (nullable): Bedrock's stopReason (`end_turn`, `max_tokens`,
 *   `guardrail_intervened`, `content_filtered`…)
 * @tokens_in: input tokens Bedrock reported
 * @tokens_out: output tokens
 * @attempts: calls made
 * @retry_after: seconds worth waiting before asking again (throttling,
 *   an open breaker), else 0
 */
typedef struct {
  FpProxyUpstream  outcome;
  const char      *text;
  const char      *stop_reason;
  gint64           tokens_in;
  gint64           tokens_out;
  guint            attempts;
  gint64           retry_after;
} FpProxyUpstreamResult;

/**
 * FpProxyStartFunc:
 * @user_data: the call's data
 *
 * A stream started: Bedrock's first event arrived. Until now the call
 * could still be retried; from now on deltas follow.
 */
typedef void (*FpProxyStartFunc)  (gpointer                     user_data);
typedef void (*FpProxyDeltaFunc)  (const char                  *text,
                                   gpointer                     user_data);
typedef void (*FpProxyDoneFunc)   (const FpProxyUpstreamResult *result,
                                   gpointer                     user_data);

#define FP_TYPE_PROXY_BEDROCK (fp_proxy_bedrock_get_type ())

G_DECLARE_FINAL_TYPE (FpProxyBedrock, fp_proxy_bedrock, FP, PROXY_BEDROCK, GObject)

FpProxyBedrock *fp_proxy_bedrock_new              (const FpProxyConfig    *config,
                                                   const FpAwsCredentials *credentials,
                                                   GError                **error);
void            fp_proxy_bedrock_call             (FpProxyBedrock         *self,
                                                   const char             *body,
                                                   gboolean                stream,
                                                   FpProxyStartFunc        on_start,
                                                   FpProxyDeltaFunc        on_delta,
                                                   FpProxyDoneFunc         on_done,
                                                   gpointer                user_data,
                                                   GCancellable           *cancellable);
FpProxyBreakerState fp_proxy_bedrock_get_breaker_state (FpProxyBedrock    *self);
const char     *fp_proxy_bedrock_get_model_id     (FpProxyBedrock         *self);

G_END_DECLS
