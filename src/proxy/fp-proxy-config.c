/* fp-proxy-config.c
 *
 * The proxy's defaults, chosen for one instance in front of Bedrock
 * on-demand throughput: a customer may ask ten questions a minute with
 * bursts of five and spend 50,000 model tokens a day; Bedrock gets three
 * attempts with full-jitter backoff from 200 ms to 2 s, 30 s to start
 * answering and 120 s to finish; five failures in a row open the breaker
 * for 30 s. A bank's consent is asked again after 30 s, a token's
 * introspection after at most 5 minutes (never past its expiry).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-proxy"

#include "config.h"

#include <string.h>

#include "fp-proxy-config.h"

void
fp_proxy_config_init (FpProxyConfig *config)
{
  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  config->address = g_strdup ("127.0.0.1");
  config->max_body_bytes = 64 * 1024;
  config->max_streams = 2000;
  config->client_id = g_strdup ("finpersona-genai-proxy");
  config->consent_cache_seconds = 30;
  config->token_cache_seconds = 300;
  config->region = g_strdup ("us-east-1");
  config->model_id = g_strdup ("anthropic.claude-3-haiku-20240307-v1:0");
  config->max_output_tokens = 400;
  config->max_attempts = 3;
  config->backoff_base_ms = 200;
  config->backoff_cap_ms = 2000;
  config->start_timeout_s = 30;
  config->stream_timeout_s = 120;
  config->breaker_threshold = 5;
  config->breaker_seconds = 30;
  config->requests_per_minute = 10;
  config->burst = 5;
  config->daily_tokens = 50000;
  config->heartbeat_ms = 15000;
}

static void
wipe_free (char **text)
{
  if (*text != NULL)
    memset (*text, 0, strlen (*text));
  g_clear_pointer (text, g_free);
}

void
fp_proxy_config_clear (FpProxyConfig *config)
{
  g_return_if_fail (config != NULL);

  g_clear_pointer (&config->address, g_free);
  g_clear_pointer (&config->bank_url, g_free);
  g_clear_pointer (&config->client_id, g_free);
  wipe_free (&config->client_secret);
  g_clear_pointer (&config->bedrock_url, g_free);
  g_clear_pointer (&config->region, g_free);
  g_clear_pointer (&config->model_id, g_free);
  g_clear_pointer (&config->guardrail_id, g_free);
  g_clear_pointer (&config->guardrail_version, g_free);
  g_clear_pointer (&config->audit_file, g_free);
  memset (config->audit_key, 0, sizeof config->audit_key);
}

void
fp_proxy_config_copy (FpProxyConfig       *dest,
                      const FpProxyConfig *src)
{
  g_return_if_fail (dest != NULL && src != NULL);

  *dest = *src;
  dest->address = g_strdup (src->address);
  dest->bank_url = g_strdup (src->bank_url);
  dest->client_id = g_strdup (src->client_id);
  dest->client_secret = g_strdup (src->client_secret);
  dest->bedrock_url = g_strdup (src->bedrock_url);
  dest->region = g_strdup (src->region);
  dest->model_id = g_strdup (src->model_id);
  dest->guardrail_id = g_strdup (src->guardrail_id);
  dest->guardrail_version = g_strdup (src->guardrail_version);
  dest->audit_file = g_strdup (src->audit_file);
}
