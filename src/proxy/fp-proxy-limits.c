/* fp-proxy-limits.c
 *
 * What keeps one customer from starving the others, and the proxy from
 * hammering a Bedrock that is down:
 *
 *  - a token bucket per customer: @burst requests at once, refilled at
 *    @requests_per_minute; an empty bucket answers 429 with the seconds
 *    until the next token as Retry-After;
 *  - a daily quota of model tokens (input and output, as Bedrock reports
 *    them) per customer and UTC day; spent, it answers 429 with the
 *    seconds until midnight UTC;
 *  - a circuit breaker and full-jitter exponential backoff for the calls
 *    to Bedrock.
 *
 * All of it is per instance and in memory (src/proxy/README.md says how a
 * deployment of several instances shares it). Customers are keys only —
 * the keyed hash the audit log uses, never an id. Times come in as
 * arguments (microseconds of real time, g_get_real_time()), so the tests
 * need no clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-proxy"

#include "config.h"

#include <math.h>

#include "fp-proxy-limits.h"

/* Idle customers are forgotten once the table holds this many. */
#define PRUNE_AT 10000

typedef struct {
  double tokens;
  gint64 refilled_us;
  gint64 day;            /* days since the epoch of @used */
  gint64 used;
} Customer;

struct _FpProxyLimits {
  double      per_us;
  double      burst;
  gint64      daily_tokens;
  GHashTable *customers;   /* key → Customer */
};

FpProxyLimits *
fp_proxy_limits_new (double requests_per_minute,
                     guint  burst,
                     gint64 daily_tokens)
{
  FpProxyLimits *l = g_new0 (FpProxyLimits, 1);

  l->per_us = MAX (requests_per_minute, 0.0) / 60e6;
  l->burst = MAX (burst, 1u);
  l->daily_tokens = daily_tokens;
  l->customers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return l;
}

void
fp_proxy_limits_free (FpProxyLimits *limits)
{
  if (limits == NULL)
    return;
  g_hash_table_unref (limits->customers);
  g_free (limits);
}

static void
refill (FpProxyLimits *l,
        Customer      *c,
        gint64         now_us)
{
  if (now_us > c->refilled_us)
    c->tokens = MIN (l->burst, c->tokens + (double) (now_us - c->refilled_us) * l->per_us);
  c->refilled_us = MAX (c->refilled_us, now_us);
}

static void
prune (FpProxyLimits *l,
       gint64         now_us)
{
  GHashTableIter iter;
  gpointer value;
  gint64 today = now_us / G_USEC_PER_SEC / 86400;

  g_hash_table_iter_init (&iter, l->customers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Customer *c = value;

      refill (l, c, now_us);
      if (c->tokens >= l->burst && (c->day != today || c->used == 0))
        g_hash_table_iter_remove (&iter);
    }
}

static Customer *
lookup (FpProxyLimits *l,
        const char    *customer,
        gint64         now_us)
{
  Customer *c = g_hash_table_lookup (l->customers, customer);

  if (c == NULL)
    {
      if (g_hash_table_size (l->customers) >= PRUNE_AT)
        prune (l, now_us);
      c = g_new0 (Customer, 1);
      c->tokens = l->burst;
      c->refilled_us = now_us;
      g_hash_table_insert (l->customers, g_strdup (customer), c);
    }
  return c;
}

/**
 * fp_proxy_limits_take:
 * @limits: the limits
 * @customer: the customer's key
 * @now_us: microseconds of real time
 * @out_retry_after: (out): seconds until a request would be let through
 *
 * Takes one request from the customer's bucket.
 *
 * Returns: %TRUE when the request may go on
 */
gboolean
fp_proxy_limits_take (FpProxyLimits *limits,
                      const char    *customer,
                      gint64         now_us,
                      gint64        *out_retry_after)
{
  Customer *c;

  g_return_val_if_fail (limits != NULL && customer != NULL && out_retry_after != NULL, FALSE);

  c = lookup (limits, customer, now_us);
  refill (limits, c, now_us);
  *out_retry_after = 0;
  if (c->tokens >= 1.0)
    {
      c->tokens -= 1.0;
      return TRUE;
    }
  if (limits->per_us <= 0)
    *out_retry_after = 60;
  else
    *out_retry_after = MAX (1, (gint64) ceil ((1.0 - c->tokens) / limits->per_us / G_USEC_PER_SEC));
  return FALSE;
}

static void
roll_day (Customer *c,
          gint64    now_us)
{
  gint64 day = now_us / G_USEC_PER_SEC / 86400;

  if (c->day != day)
    {
      c->day = day;
      c->used = 0;
    }
}

/**
 * fp_proxy_limits_quota_left:
 * @limits: the limits
 * @customer: the customer's key
 * @now_us: microseconds of real time
 * @out_retry_after: (out): seconds until midnight UTC when none is left
 *
 * Returns: whether the customer has model tokens left today
 */
gboolean
fp_proxy_limits_quota_left (FpProxyLimits *limits,
                            const char    *customer,
                            gint64         now_us,
                            gint64        *out_retry_after)
{
  Customer *c;
  gint64 now_unix = now_us / G_USEC_PER_SEC;

  g_return_val_if_fail (limits != NULL && customer != NULL && out_retry_after != NULL, FALSE);

  c = lookup (limits, customer, now_us);
  roll_day (c, now_us);
  *out_retry_after = 0;
  if (limits->daily_tokens <= 0 || c->used < limits->daily_tokens)
    return TRUE;
  *out_retry_after = MAX (1, 86400 - now_unix % 86400);
  return FALSE;
}

/**
 * fp_proxy_limits_charge:
 * @limits: the limits
 * @customer: the customer's key
 * @now_us: microseconds of real time
 * @tokens: model tokens spent (input and output)
 */
void
fp_proxy_limits_charge (FpProxyLimits *limits,
                        const char    *customer,
                        gint64         now_us,
                        gint64         tokens)
{
  Customer *c;

  g_return_if_fail (limits != NULL && customer != NULL);

  c = lookup (limits, customer, now_us);
  roll_day (c, now_us);
  c->used += MAX (tokens, 0);
}

gint64
fp_proxy_limits_used_today (FpProxyLimits *limits,
                            const char    *customer,
                            gint64         now_us)
{
  Customer *c;

  g_return_val_if_fail (limits != NULL && customer != NULL, 0);

  c = g_hash_table_lookup (limits->customers, customer);
  if (c == NULL || c->day != now_us / G_USEC_PER_SEC / 86400)
    return 0;
  return c->used;
}

guint
fp_proxy_limits_get_size (FpProxyLimits *limits)
{
  g_return_val_if_fail (limits != NULL, 0);
  return g_hash_table_size (limits->customers);
}

/* The breaker */

void
fp_proxy_breaker_init (FpProxyBreaker *breaker,
                       guint           threshold,
                       gint64          open_us)
{
  g_return_if_fail (breaker != NULL);

  breaker->state = FP_PROXY_BREAKER_CLOSED;
  breaker->failures = 0;
  breaker->threshold = MAX (threshold, 1u);
  breaker->open_us = MAX (open_us, 0);
  breaker->open_until_us = 0;
}

/**
 * fp_proxy_breaker_allow:
 * @breaker: a breaker
 * @now_us: monotonic microseconds
 *
 * Returns: whether a call may go to Bedrock now; an open breaker whose
 *   delay has passed lets exactly one trial through
 */
gboolean
fp_proxy_breaker_allow (FpProxyBreaker *breaker,
                        gint64          now_us)
{
  g_return_val_if_fail (breaker != NULL, FALSE);

  switch (breaker->state)
    {
    case FP_PROXY_BREAKER_CLOSED:
      return TRUE;
    case FP_PROXY_BREAKER_OPEN:
      if (now_us < breaker->open_until_us)
        return FALSE;
      breaker->state = FP_PROXY_BREAKER_HALF_OPEN;
      return TRUE;
    case FP_PROXY_BREAKER_HALF_OPEN:
    default:
      return FALSE;
    }
}

void
fp_proxy_breaker_success (FpProxyBreaker *breaker)
{
  g_return_if_fail (breaker != NULL);

  breaker->state = FP_PROXY_BREAKER_CLOSED;
  breaker->failures = 0;
}

void
fp_proxy_breaker_failure (FpProxyBreaker *breaker,
                          gint64          now_us)
{
  g_return_if_fail (breaker != NULL);

  if (breaker->state == FP_PROXY_BREAKER_HALF_OPEN || ++breaker->failures >= breaker->threshold)
    {
      breaker->state = FP_PROXY_BREAKER_OPEN;
      breaker->open_until_us = now_us + breaker->open_us;
      breaker->failures = 0;
    }
}

/**
 * fp_proxy_breaker_seconds_left:
 * @breaker: a breaker
 * @now_us: monotonic microseconds
 *
 * Returns: seconds until an open breaker lets a trial through (at least
 *   1), or 0 when it is not open
 */
gint64
fp_proxy_breaker_seconds_left (const FpProxyBreaker *breaker,
                               gint64                now_us)
{
  g_return_val_if_fail (breaker != NULL, 0);

  if (breaker->state == FP_PROXY_BREAKER_CLOSED)
    return 0;
  return MAX (1, (breaker->open_until_us - now_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

/**
 * fp_proxy_backoff_ms:
 * @attempt: 0 for the wait after the first failure
 * @base_ms: the first ceiling
 * @cap_ms: the largest ceiling
 * @random01: a uniform draw in [0, 1)
 *
 * Full jitter: a uniform wait between 0 and min(@cap_ms, @base_ms × 2^@attempt).
 *
 * Returns: milliseconds to wait
 */
guint
fp_proxy_backoff_ms (guint  attempt,
                     guint  base_ms,
                     guint  cap_ms,
                     double random01)
{
  guint64 ceiling = base_ms;

  for (guint i = 0; i < attempt && ceiling < cap_ms; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, (guint64) cap_ms);
  return (guint) (CLAMP (random01, 0.0, 1.0) * (double) ceiling);
}
