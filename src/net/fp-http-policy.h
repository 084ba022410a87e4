/* fp-http-policy.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The deepest nesting of [ and { accepted from the network: json-glib 1.6
 * parses recursively and crashes on deep input. */
#define FP_JSON_MAX_DEPTH 64

gboolean fp_json_depth_ok            (const char  *data,
                                      gsize        len,
                                      guint        max_depth);

gboolean fp_http_parse_retry_after   (const char  *value,
                                      gint64       now_unix,
                                      gint64      *out_seconds);

guint    fp_http_backoff_ceiling_ms  (guint        attempt,
                                      guint        base_ms,
                                      guint        cap_ms);
guint    fp_http_backoff_delay_ms    (guint        attempt,
                                      guint        base_ms,
                                      guint        cap_ms,
                                      double       random01);

/**
 * FpBreakerState:
 * @FP_BREAKER_CLOSED: requests flow
 * @FP_BREAKER_OPEN: requests are held back until the delay has passed
 * @FP_BREAKER_HALF_OPEN: one trial request is allowed
 *
 * The states of a circuit breaker.
 */
typedef enum {
  FP_BREAKER_CLOSED,
  FP_BREAKER_OPEN,
  FP_BREAKER_HALF_OPEN,
} FpBreakerState;

/**
 * FpBreaker:
 * @state: the current state
 * @failures: consecutive failures while closed
 * @threshold: failures that open the breaker
 * @open_seconds: how long it stays open before a trial
 * @open_until: monotonic seconds when a trial is allowed
 * @trial_in_flight: a half-open trial is running
 *
 * A circuit breaker: after @threshold consecutive failures it opens for
 * @open_seconds, then lets one trial through (half-open); the trial's
 * success closes it, its failure opens it again for twice as long (up to
 * ten times @open_seconds). Plain data, not thread-safe: one per client.
 */
typedef struct {
  FpBreakerState state;
  guint          failures;
  guint          threshold;
  gint64         open_seconds;
  gint64         current_open_seconds;
  gint64         open_until;
  gboolean       trial_in_flight;
} FpBreaker;

void     fp_breaker_init             (FpBreaker   *breaker,
                                      guint        threshold,
                                      gint64       open_seconds);
gboolean fp_breaker_allow            (FpBreaker   *breaker,
                                      gint64       now);
void     fp_breaker_success          (FpBreaker   *breaker);
void     fp_breaker_failure          (FpBreaker   *breaker,
                                      gint64       now);
gint64   fp_breaker_seconds_left     (const FpBreaker *breaker,
                                      gint64       now);

G_END_DECLS
