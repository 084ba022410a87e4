/* fp-proxy-limits.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FpProxyLimits FpProxyLimits;

FpProxyLimits *fp_proxy_limits_new         (double         requests_per_minute,
                                            guint          burst,
                                            gint64         daily_tokens);
void           fp_proxy_limits_free        (FpProxyLimits *limits);
gboolean       fp_proxy_limits_take        (FpProxyLimits *limits,
                                            const char    *customer,
                                            gint64         now_us,
                                            gint64        *out_retry_after);
gboolean       fp_proxy_limits_quota_left  (FpProxyLimits *limits,
                                            const char    *customer,
                                            gint64         now_us,
                                            gint64        *out_retry_after);
void           fp_proxy_limits_charge      (FpProxyLimits *limits,
                                            const char    *customer,
                                            gint64         now_us,
                                            gint64         tokens);
gint64         fp_proxy_limits_used_today  (FpProxyLimits *limits,
                                            const char    *customer,
                                            gint64         now_us);
guint          fp_proxy_limits_get_size    (FpProxyLimits *limits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpProxyLimits, fp_proxy_limits_free)

/**
 * FpProxyBreakerState:
 * @FP_PROXY_BREAKER_CLOSED: calls go through
 * @FP_PROXY_BREAKER_OPEN: calls are refused until the delay has passed
 * @FP_PROXY_BREAKER_HALF_OPEN: one trial call is in flight
 */
typedef enum {
  FP_PROXY_BREAKER_CLOSED,
  FP_PROXY_BREAKER_OPEN,
  FP_PROXY_BREAKER_HALF_OPEN,
} FpProxyBreakerState;

/**
 * FpProxyBreaker:
 *
 * A circuit breaker in front of Bedrock: @threshold failures in a row open
 * it for @open_us; then one trial call decides (success closes, failure
 * opens again). Plain data, one per proxy instance.
 */
typedef struct {
  FpProxyBreakerState state;
  guint               failures;
  guint               threshold;
  gint64              open_us;
  gint64              open_until_us;
} FpProxyBreaker;

void     fp_proxy_breaker_init         (FpProxyBreaker *breaker,
                                        guint           threshold,
                                        gint64          open_us);
gboolean fp_proxy_breaker_allow        (FpProxyBreaker *breaker,
                                        gint64          now_us);
void     fp_proxy_breaker_success      (FpProxyBreaker *breaker);
void     fp_proxy_breaker_failure      (FpProxyBreaker *breaker,
                                        gint64          now_us);
gint64   fp_proxy_breaker_seconds_left (const FpProxyBreaker *breaker,
                                        gint64          now_us);

guint    fp_proxy_backoff_ms           (guint           attempt,
                                        guint           base_ms,
                                        guint           cap_ms,
                                        double          random01);

G_END_DECLS
