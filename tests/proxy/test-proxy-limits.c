/* test-proxy-limits.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The proxy's limits (src/proxy/fp-proxy-limits.c) with the clock given
 * by the test: a customer's token bucket and daily quota, what they say
 * as Retry-After, that customers do not share them, the circuit breaker's
 * states and the full-jitter backoff's bounds.
 */

#include "config.h"

#include "fp-proxy-limits.h"

#define S ((gint64) G_USEC_PER_SEC)
/* 2026-10-31 01:00:00 UTC */
#define T0 ((gint64) 1793408400 * S)

static void
test_bucket (void)
{
  g_autoptr(FpProxyLimits) l = fp_proxy_limits_new (60, 3, 0);
  gint64 retry = -1;

  for (guint i = 0; i < 3; i++)
    g_assert_true (fp_proxy_limits_take (l, "a", T0, &retry));
  g_assert_false (fp_proxy_limits_take (l, "a", T0, &retry));
  g_assert_cmpint (retry, ==, 1);
  /* Another customer has a bucket of their own. */
  g_assert_true (fp_proxy_limits_take (l, "b", T0, &retry));
  /* One request a second comes back... */
  g_assert_false (fp_proxy_limits_take (l, "a", T0 + S / 2, &retry));
  g_assert_true (fp_proxy_limits_take (l, "a", T0 + S, &retry));
  /* ...and never more than the burst. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (fp_proxy_limits_take (l, "a", T0 + 100 * S, &retry));
  g_assert_false (fp_proxy_limits_take (l, "a", T0 + 100 * S, &retry));
}

static void
test_slow_bucket_retry_after (void)
{
  g_autoptr(FpProxyLimits) l = fp_proxy_limits_new (2, 1, 0);
  gint64 retry = 0;

  g_assert_true (fp_proxy_limits_take (l, "a", T0, &retry));
  g_assert_false (fp_proxy_limits_take (l, "a", T0, &retry));
  /* Two a minute: the next one in 30 s. */
  g_assert_cmpint (retry, ==, 30);
  g_assert_false (fp_proxy_limits_take (l, "a", T0 + 20 * S, &retry));
  g_assert_cmpint (retry, ==, 10);
}

static void
test_quota (void)
{
  g_autoptr(FpProxyLimits) l = fp_proxy_limits_new (60, 3, 100);
  gint64 retry = -1;

  g_assert_true (fp_proxy_limits_quota_left (l, "a", T0, &retry));
  fp_proxy_limits_charge (l, "a", T0, 60);
  g_assert_true (fp_proxy_limits_quota_left (l, "a", T0, &retry));
  fp_proxy_limits_charge (l, "a", T0, 50);
  g_assert_cmpint (fp_proxy_limits_used_today (l, "a", T0), ==, 110);
  g_assert_false (fp_proxy_limits_quota_left (l, "a", T0, &retry));
  /* Until midnight UTC: 23 hours. */
  g_assert_cmpint (retry, ==, 23 * 3600);
  g_assert_true (fp_proxy_limits_quota_left (l, "b", T0, &retry));
  /* A new day, a new quota. */
  g_assert_true (fp_proxy_limits_quota_left (l, "a", T0 + 23 * 3600 * S, &retry));
  g_assert_cmpint (fp_proxy_limits_used_today (l, "a", T0 + 23 * 3600 * S), ==, 0);
}

static void
test_no_quota (void)
{
  g_autoptr(FpProxyLimits) l = fp_proxy_limits_new (60, 3, 0);
  gint64 retry = -1;

  fp_proxy_limits_charge (l, "a", T0, 1000000);
  g_assert_true (fp_proxy_limits_quota_left (l, "a", T0, &retry));
}

static void
test_breaker (void)
{
  FpProxyBreaker b;
  gint64 t = 5 * S;

  fp_proxy_breaker_init (&b, 2, 10 * S);
  g_assert_true (fp_proxy_breaker_allow (&b, t));
  fp_proxy_breaker_failure (&b, t);
  g_assert_true (fp_proxy_breaker_allow (&b, t));
  /* A success in between starts the count again. */
  fp_proxy_breaker_success (&b);
  fp_proxy_breaker_failure (&b, t);
  g_assert_cmpint (b.state, ==, FP_PROXY_BREAKER_CLOSED);
  fp_proxy_breaker_failure (&b, t);
  g_assert_cmpint (b.state, ==, FP_PROXY_BREAKER_OPEN);
  g_assert_false (fp_proxy_breaker_allow (&b, t + 9 * S));
  g_assert_cmpint (fp_proxy_breaker_seconds_left (&b, t + 9 * S), ==, 1);
  /* After the delay, one trial and only one. */
  g_assert_true (fp_proxy_breaker_allow (&b, t + 10 * S));
  g_assert_cmpint (b.state, ==, FP_PROXY_BREAKER_HALF_OPEN);
  g_assert_false (fp_proxy_breaker_allow (&b, t + 10 * S));
  /* The trial failed: open again. */
  fp_proxy_breaker_failure (&b, t + 10 * S);
  g_assert_cmpint (b.state, ==, FP_PROXY_BREAKER_OPEN);
  g_assert_true (fp_proxy_breaker_allow (&b, t + 20 * S));
  fp_proxy_breaker_success (&b);
  g_assert_cmpint (b.state, ==, FP_PROXY_BREAKER_CLOSED);
  g_assert_cmpint (fp_proxy_breaker_seconds_left (&b, t + 20 * S), ==, 0);
}

static void
test_backoff (void)
{
  g_assert_cmpuint (fp_proxy_backoff_ms (0, 200, 2000, 1.0), ==, 200);
  g_assert_cmpuint (fp_proxy_backoff_ms (1, 200, 2000, 1.0), ==, 400);
  g_assert_cmpuint (fp_proxy_backoff_ms (3, 200, 2000, 1.0), ==, 1600);
  g_assert_cmpuint (fp_proxy_backoff_ms (4, 200, 2000, 1.0), ==, 2000);
  g_assert_cmpuint (fp_proxy_backoff_ms (40, 200, 2000, 1.0), ==, 2000);
  /* Full jitter: anywhere from 0 to the ceiling. */
  g_assert_cmpuint (fp_proxy_backoff_ms (3, 200, 2000, 0.0), ==, 0);
  g_assert_cmpuint (fp_proxy_backoff_ms (3, 200, 2000, 0.5), ==, 800);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proxy/limits/bucket", test_bucket);
  g_test_add_func ("/proxy/limits/slow-bucket-retry-after", test_slow_bucket_retry_after);
  g_test_add_func ("/proxy/limits/quota", test_quota);
  g_test_add_func ("/proxy/limits/no-quota", test_no_quota);
  g_test_add_func ("/proxy/limits/breaker", test_breaker);
  g_test_add_func ("/proxy/limits/backoff", test_backoff);

  return g_test_run ();
}
