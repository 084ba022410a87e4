/* fp-http-policy.c
 *
 * The pure rules of the HTTP client: the checks every reply passes before
 * any JSON reader sees it (the size cap and the strict JSON rule of
 * src/core/fp-json-strict.c), the older depth guard, Retry-After parsing, exponential backoff with full jitter
 * and the circuit breaker. No I/O here, so all of it is unit-tested.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-http"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "fp-http-policy.h"
#include "fp-json-strict.h"
#include "fp-net-error.h"
#include "fp-net-private.h"

/**
 * _fp_json_check_reply:
 * @data: bytes from the network
 * @len: their length
 * @max_bytes: the cap for this kind of reply
 * @error: a #GError
 *
 * What every reply passes before any JSON reader sees it: the size cap,
 * then the one strict JSON rule (fp_json_strict_check(): UTF-8, no NUL, no
 * member name twice, numbers in range, at most %FP_JSON_MAX_DEPTH deep).
 * The byte offset goes to g_debug(), a sentence to @error.
 *
 * Returns: %TRUE if a parser may read @data
 */
gboolean
_fp_json_check_reply (const char  *data,
                      gsize        len,
                      gsize        max_bytes,
                      GError     **error)
{
  g_autoptr(GError) strict = NULL;

  if (len > max_bytes)
    {
      g_set_error (error, FP_NET_ERROR, FP_NET_ERROR_TOO_LARGE,
                   _("The bank sent more data than expected. Nothing was changed."));
      return FALSE;
    }
  if (data == NULL || len == 0)
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_MALFORMED,
                           _("The bank sent an empty answer. Nothing was changed."));
      return FALSE;
    }
  if (fp_json_strict_check (data, len, FP_JSON_MAX_DEPTH, &strict))
    return TRUE;

  g_debug ("reply refused: %s", strict->message);
  switch ((FpJsonStrictError) strict->code)
    {
    case FP_JSON_STRICT_ERROR_DEPTH:
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_TOO_DEEP,
                           _("The bank sent data in a form the app refuses to read. Nothing was changed."));
      break;
    case FP_JSON_STRICT_ERROR_NUL:
    case FP_JSON_STRICT_ERROR_DUPLICATE:
    case FP_JSON_STRICT_ERROR_NUMBER:
      /* Well-formed, but readers could read it differently: final. */
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_SCHEMA,
                           _("The bank sent data the app refuses to read (a field given twice, a hidden character or a number out of range). Nothing was changed."));
      break;
    case FP_JSON_STRICT_ERROR_SYNTAX:
    case FP_JSON_STRICT_ERROR_ENCODING:
    default:
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_MALFORMED,
                           _("The bank sent a damaged answer. Nothing was changed."));
      break;
    }
  return FALSE;
}

/**
 * fp_json_depth_ok:
 * @data: the bytes of a JSON document (need not be NUL-terminated)
 * @len: their length
 * @max_depth: the deepest nesting allowed
 *
 * Counts the nesting of `[` and `{` outside strings in one linear scan,
 * without building anything. It does not validate the JSON: it only makes
 * sure the recursive parser will not go deeper than @max_depth.
 *
 * Returns: %TRUE when no point nests deeper than @max_depth
 */
gboolean
fp_json_depth_ok (const char *data,
                  gsize       len,
                  guint       max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            return FALSE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

/**
 * fp_http_parse_retry_after:
 * @value: (nullable): the Retry-After header
 * @now_unix: the current time, Unix seconds
 * @out_seconds: (out): how long to wait, 0 or more
 *
 * Parses Retry-After as delay-seconds or as an HTTP-date (RFC 9110 10.2.3;
 * IMF-fixdate, RFC 850 and asctime forms). A date in the past gives 0.
 *
 * Returns: %TRUE if @value was understood
 */
gboolean
fp_http_parse_retry_after (const char *value,
                           gint64      now_unix,
                           gint64     *out_seconds)
{
  static const char *const months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  };
  g_autofree char *v = NULL;
  char mon[4] = { 0 };
  int day = 0, year = 0, hour = 0, minute = 0, second = 0;
  int month = 0;
  gboolean parsed = FALSE;
  g_autoptr(GDateTime) dt = NULL;
  const char *p;

  g_return_val_if_fail (out_seconds != NULL, FALSE);

  if (value == NULL)
    return FALSE;
  v = g_strstrip (g_strdup (value));
  if (*v == '\0')
    return FALSE;

  if (g_ascii_isdigit (*v))
    {
      guint64 n;
      char *end = NULL;

      for (p = v; *p; p++)
        if (!g_ascii_isdigit (*p))
          return FALSE;
      if (strlen (v) > 10)
        {
          *out_seconds = G_MAXINT32;
          return TRUE;
        }
      n = g_ascii_strtoull (v, &end, 10);
      *out_seconds = (gint64) n;
      return TRUE;
    }

  /* The day name is skipped; the three date forms follow it. */
  p = strchr (v, ' ');
  if (p == NULL)
    return FALSE;
  p++;
  /* IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT */
  if (sscanf (p, "%2d %3s %4d %2d:%2d:%2d GMT", &day, mon, &year, &hour, &minute, &second) == 6)
    parsed = TRUE;
  /* RFC 850: Sunday, 06-Nov-94 08:49:37 GMT */
  else if (sscanf (p, "%2d-%3s-%2d %2d:%2d:%2d GMT", &day, mon, &year, &hour, &minute, &second) == 6)
    {
      /* RFC 9110: a two-digit year more than 50 years ahead is in the past. */
      year += year < 70 ? 2000 : 1900;
      parsed = TRUE;
    }
  /* asctime: Sun Nov  6 08:49:37 1994 */
  else if (sscanf (p, "%3s %d %2d:%2d:%2d %4d", mon, &day, &hour, &minute, &second, &year) == 6)
    parsed = TRUE;
  if (!parsed)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (strcmp (mon, months[i]) == 0)
      month = (int) i + 1;
  if (month == 0)
    return FALSE;

  dt = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (dt == NULL)
    return FALSE;
  *out_seconds = MAX (0, g_date_time_to_unix (dt) - now_unix);
  return TRUE;
}

/**
 * fp_http_backoff_ceiling_ms:
 * @attempt: the retry number, 0 for the first retry
 * @base_ms: the first ceiling
 * @cap_ms: the largest ceiling
 *
 * Returns: min(@cap_ms, @base_ms × 2^@attempt), without overflow
 */
guint
fp_http_backoff_ceiling_ms (guint attempt,
                            guint base_ms,
                            guint cap_ms)
{
  guint64 ceiling = base_ms;

  for (guint i = 0; i < attempt && ceiling < cap_ms; i++)
    ceiling *= 2;
  return (guint) MIN (ceiling, (guint64) cap_ms);
}

/**
 * fp_http_backoff_delay_ms:
 * @attempt: the retry number, 0 for the first retry
 * @base_ms: the first ceiling
 * @cap_ms: the largest ceiling
 * @random01: a uniform random number in [0, 1)
 *
 * Exponential backoff with "full jitter": a uniform delay between 0 and the
 * ceiling, so that many clients failing together do not retry together.
 *
 * Returns: the delay in milliseconds
 */
guint
fp_http_backoff_delay_ms (guint  attempt,
                          guint  base_ms,
                          guint  cap_ms,
                          double random01)
{
  guint ceiling = fp_http_backoff_ceiling_ms (attempt, base_ms, cap_ms);

  random01 = CLAMP (random01, 0.0, 1.0);
  return MIN (ceiling, (guint) (random01 * (double) ceiling));
}

/* Circuit breaker */

void
fp_breaker_init (FpBreaker *breaker,
                 guint      threshold,
                 gint64     open_seconds)
{
  g_return_if_fail (breaker != NULL);

  memset (breaker, 0, sizeof *breaker);
  breaker->state = FP_BREAKER_CLOSED;
  breaker->threshold = MAX (1, threshold);
  breaker->open_seconds = MAX (1, open_seconds);
  breaker->current_open_seconds = breaker->open_seconds;
}

/**
 * fp_breaker_allow:
 * @breaker: a breaker
 * @now: monotonic seconds
 *
 * Asks whether a request may go out. An open breaker whose delay has passed
 * becomes half-open and allows exactly one trial.
 *
 * Returns: %TRUE if the request may be sent
 */
gboolean
fp_breaker_allow (FpBreaker *breaker,
                  gint64     now)
{
  g_return_val_if_fail (breaker != NULL, FALSE);

  switch (breaker->state)
    {
    case FP_BREAKER_CLOSED:
      return TRUE;
    case FP_BREAKER_OPEN:
      if (now < breaker->open_until)
        return FALSE;
      breaker->state = FP_BREAKER_HALF_OPEN;
      breaker->trial_in_flight = TRUE;
      return TRUE;
    case FP_BREAKER_HALF_OPEN:
      if (breaker->trial_in_flight)
        return FALSE;
      breaker->trial_in_flight = TRUE;
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

void
fp_breaker_success (FpBreaker *breaker)
{
  g_return_if_fail (breaker != NULL);

  breaker->state = FP_BREAKER_CLOSED;
  breaker->failures = 0;
  breaker->trial_in_flight = FALSE;
  breaker->current_open_seconds = breaker->open_seconds;
}

void
fp_breaker_failure (FpBreaker *breaker,
                    gint64     now)
{
  g_return_if_fail (breaker != NULL);

  switch (breaker->state)
    {
    case FP_BREAKER_CLOSED:
      if (++breaker->failures >= breaker->threshold)
        {
          breaker->state = FP_BREAKER_OPEN;
          breaker->open_until = now + breaker->current_open_seconds;
        }
      break;
    case FP_BREAKER_HALF_OPEN:
      breaker->trial_in_flight = FALSE;
      breaker->current_open_seconds = MIN (breaker->current_open_seconds * 2,
                                           breaker->open_seconds * 10);
      breaker->state = FP_BREAKER_OPEN;
      breaker->open_until = now + breaker->current_open_seconds;
      break;
    case FP_BREAKER_OPEN:
      break;
    default:
      g_return_if_reached ();
    }
}

/**
 * fp_breaker_seconds_left:
 * @breaker: a breaker
 * @now: monotonic seconds
 *
 * Returns: the seconds until an open breaker allows a trial, else 0
 */
gint64
fp_breaker_seconds_left (const FpBreaker *breaker,
                         gint64           now)
{
  g_return_val_if_fail (breaker != NULL, 0);

  if (breaker->state != FP_BREAKER_OPEN)
    return 0;
  return MAX (0, breaker->open_until - now);
}
