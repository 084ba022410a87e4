/* fp-proxy-config.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FpProxyConfig:
 *
 * Everything the GenAI proxy is told on its command line (see
 * fp-proxy-main.c and src/proxy/README.md for the meaning and default of
 * each). Strings are owned; fp_proxy_config_clear() frees them and wipes
 * the client secret.
 */
typedef struct {
  /* Listening */
  char     *address;
  guint     port;
  gboolean  allow_remote;
  gsize     max_body_bytes;
  guint     max_streams;

  /* The bank: introspection (RFC 7662), consents and profile */
  char     *bank_url;
  char     *client_id;
  char     *client_secret;
  gint64    consent_cache_seconds;
  gint64    token_cache_seconds;

  /* Bedrock */
  char     *bedrock_url;
  char     *region;
  char     *model_id;
  char     *guardrail_id;
  char     *guardrail_version;
  guint     max_output_tokens;
  guint     max_attempts;
  guint     backoff_base_ms;
  guint     backoff_cap_ms;
  guint     start_timeout_s;
  guint     stream_timeout_s;
  guint     breaker_threshold;
  guint     breaker_seconds;

  /* Per customer */
  double    requests_per_minute;
  guint     burst;
  gint64    daily_tokens;

  /* Streams and audit */
  guint     heartbeat_ms;
  char     *audit_file;
  guint8    audit_key[32];
} FpProxyConfig;

void  fp_proxy_config_init  (FpProxyConfig *config);
void  fp_proxy_config_clear (FpProxyConfig *config);
void  fp_proxy_config_copy  (FpProxyConfig       *dest,
                             const FpProxyConfig *src);

G_END_DECLS
