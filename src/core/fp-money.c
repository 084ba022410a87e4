/* fp-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Money is a gint64 count of minor units (cents) with an ISO 4217 code
 * beside it. Every operation that can be inexact names its rounding, and an
 * amount that does not fit is an error, never a silent wrap.
 */

#define G_LOG_DOMAIN "fp-money"

#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "fp-error.h"
#include "fp-format.h"
#include "fp-money.h"

/* Rounds the exact quotient q + r/d (|r| < |d|, d > 0) by @rounding. */
static gint64
round_quotient (gint64     q,
                gint64     r,
                gint64     d,
                FpRounding rounding)
{
  guint64 twice_r;

  g_assert (d > 0);

  if (r == 0)
    return q;

  twice_r = 2 * (guint64) ABS (r);

  switch (rounding)
    {
    case FP_ROUND_DOWN:
      return q;
    case FP_ROUND_FLOOR:
      return r < 0 ? q - 1 : q;
    case FP_ROUND_CEILING:
      return r > 0 ? q + 1 : q;
    case FP_ROUND_HALF_UP:
      if (twice_r >= (guint64) d)
        return r > 0 ? q + 1 : q - 1;
      return q;
    case FP_ROUND_HALF_EVEN:
    default:
      if (twice_r > (guint64) d || (twice_r == (guint64) d && (q % 2) != 0))
        return r > 0 ? q + 1 : q - 1;
      return q;
    }
}

/**
 * fp_money_parse:
 * @text: an amount such as `134.09`, `-54.00`, `$-54.00`, `$59696` or `1,250.5`
 * @out_minor: (out): the amount in minor units
 * @error: a #GError
 *
 * Parses a decimal amount with at most two decimals exactly, without going
 * through a double. A leading `$`, a sign before or after it, and `,` as a
 * thousands separator are accepted; anything else is an error.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_money_parse (const char  *text,
                gint64      *out_minor,
                GError     **error)
{
  const char *p;
  gboolean negative = FALSE;
  gboolean seen_digit = FALSE;
  guint64 units = 0;
  guint64 cents = 0;
  guint decimals = 0;
  guint64 total;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  p = text;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-')
    negative = TRUE, p++;
  if (*p == '$')
    p++;
  if (*p == '-' && !negative)
    negative = TRUE, p++;

  for (; g_ascii_isdigit (*p) || *p == ','; p++)
    {
      if (*p == ',')
        {
          if (!seen_digit)
            goto invalid;
          continue;
        }
      seen_digit = TRUE;
      if (units > (G_MAXINT64 / 100 - 9) / 10)
        goto overflow;
      units = units * 10 + (guint64) (*p - '0');
    }

  if (*p == '.')
    {
      p++;
      for (; g_ascii_isdigit (*p); p++)
        {
          seen_digit = TRUE;
          if (decimals == 2)
            {
              if (*p != '0')
                {
                  g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INEXACT,
                               "“%s” has more than two decimals", text);
                  return FALSE;
                }
              continue;
            }
          cents = cents * 10 + (guint64) (*p - '0');
          decimals++;
        }
    }

  while (g_ascii_isspace (*p))
    p++;

  if (!seen_digit || *p != '\0')
    goto invalid;

  for (; decimals < 2; decimals++)
    cents *= 10;

  total = units * 100 + cents;
  *out_minor = negative ? -(gint64) total : (gint64) total;
  return TRUE;

invalid:
  g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
               "“%s” is not an amount of money", text);
  return FALSE;

overflow:
  g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_OVERFLOW,
               "“%s” is too large an amount", text);
  return FALSE;
}

/**
 * fp_money_to_decimal:
 * @minor: an amount in minor units
 *
 * Formats @minor as a plain decimal with two places and a `.` separator,
 * independent of the locale, for files and JSON.
 *
 * Returns: (transfer full): the text, such as `-54.00`
 */
char *
fp_money_to_decimal (gint64 minor)
{
  guint64 abs_minor = minor < 0 ? (guint64) 0 - (guint64) minor : (guint64) minor;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u",
                          minor < 0 ? "-" : "",
                          abs_minor / 100, (guint) (abs_minor % 100));
}

/**
 * fp_money_format:
 * @minor: an amount in minor units
 * @currency: (nullable): an ISO 4217 code, %NULL for none
 *
 * The same as fp_format_money (@minor, @currency, %FP_FORMAT_NONE): the
 * user's locale, `−$1,234.56` in English, `−1.234,56 €` in German.
 *
 * Returns: (transfer full): the text
 */
char *
fp_money_format (gint64      minor,
                 const char *currency)
{
  return fp_format_money (minor, currency, FP_FORMAT_NONE);
}

/**
 * fp_money_format_short:
 * @minor: an amount in minor units
 * @currency: (nullable): an ISO 4217 code
 *
 * The same as fp_format_money_short(): `€950`, `$1.2k`, `−€5M`.
 *
 * Returns: (transfer full): the text
 */
char *
fp_money_format_short (gint64      minor,
                       const char *currency)
{
  return fp_format_money_short (minor, currency);
}

static gboolean
is_currency_code (const char *code)
{
  return code != NULL && strlen (code) == 3 && g_ascii_isupper (code[0]) &&
         g_ascii_isupper (code[1]) && g_ascii_isupper (code[2]);
}

/**
 * fp_money_locale_currency:
 *
 * The currency of the user's locale: the first three letters of
 * LC_MONETARY's int_curr_symbol (`USD` in en_US, `EUR` in de_DE). Locales
 * without one (C, POSIX) give `USD`, the currency of the bank the app
 * ships for (and of its demo bank).
 *
 * Returns: (transfer full): an ISO 4217 code
 */
char *
fp_money_locale_currency (void)
{
  const char *symbol = nl_langinfo (__INT_CURR_SYMBOL);
  char code[4] = { 0 };

  if (symbol != NULL && strlen (symbol) >= 3)
    {
      memcpy (code, symbol, 3);
      if (is_currency_code (code))
        return g_strdup (code);
    }
  return g_strdup ("USD");
}

/**
 * fp_money_home_currency:
 * @accounts: (array length=n_accounts) (nullable): each account's
 *   currency and balance
 * @n_accounts: how many
 *
 * The customer's home currency, in which every figure is shown: the
 * currency of **the most accounts**; between currencies with as many
 * accounts, the one with the largest balances together (their absolute
 * values, in minor units); then the first in alphabetical order. Accounts
 * whose code is not three capital letters are left out. Without any
 * account, the locale's (fp_money_locale_currency()).
 *
 * Returns: (transfer full): an ISO 4217 code
 */
char *
fp_money_home_currency (const FpCurrencyBalance *accounts,
                        gsize                    n_accounts)
{
  const char *best = NULL;
  guint best_count = 0;
  guint64 best_sum = 0;

  g_return_val_if_fail (accounts != NULL || n_accounts == 0, NULL);

  for (gsize i = 0; i < n_accounts; i++)
    {
      const char *code = accounts[i].currency;
      guint count = 0;
      guint64 sum = 0;

      if (!is_currency_code (code))
        continue;
      for (gsize j = 0; j < n_accounts; j++)
        {
          gint64 b = accounts[j].balance_minor;

          if (g_strcmp0 (accounts[j].currency, code) != 0)
            continue;
          count++;
          sum += b < 0 ? (guint64) 0 - (guint64) b : (guint64) b;
        }
      if (best == NULL || count > best_count ||
          (count == best_count && (sum > best_sum || (sum == best_sum && strcmp (code, best) < 0))))
        {
          best = code;
          best_count = count;
          best_sum = sum;
        }
    }

  return best != NULL ? g_strdup (best) : fp_money_locale_currency ();
}

/**
 * fp_money_mul_div:
 * @amount: an amount in minor units
 * @numerator: the numerator of the factor
 * @denominator: the denominator of the factor, not zero
 * @rounding: how to round an inexact result
 * @out_minor: (out): @amount × @numerator / @denominator, rounded
 * @error: a #GError
 *
 * Scales money exactly through 128-bit arithmetic, such as applying an
 * interest rate in basis points (`numerator = apr_bps, denominator = 10000`).
 *
 * Returns: %TRUE on success, %FALSE if the result does not fit
 */
gboolean
fp_money_mul_div (gint64      amount,
                  gint64      numerator,
                  gint64      denominator,
                  FpRounding  rounding,
                  gint64     *out_minor,
                  GError    **error)
{
  __int128 product;
  __int128 q;
  __int128 r;

  g_return_val_if_fail (denominator != 0, FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  product = (__int128) amount * numerator;
  if (denominator < 0)
    {
      product = -product;
      denominator = -denominator;
    }

  q = product / denominator;
  r = product % denominator;

  if (q > G_MAXINT64 || q < G_MININT64 + 1)
    {
      g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_OVERFLOW,
                           "The amount is too large");
      return FALSE;
    }

  *out_minor = round_quotient ((gint64) q, (gint64) r, denominator, rounding);
  return TRUE;
}

/**
 * fp_money_from_double:
 * @major_units: an amount in major units, such as a simulation's result
 * @rounding: how to round to a cent
 * @out_minor: (out): the amount in minor units
 * @error: a #GError
 *
 * Converts the result of a floating-point computation back to money.
 *
 * Returns: %TRUE on success, %FALSE for NaN, infinity or overflow
 */
gboolean
fp_money_from_double (double      major_units,
                      FpRounding  rounding,
                      gint64     *out_minor,
                      GError    **error)
{
  double cents = major_units * 100.0;
  double whole;
  double frac;

  g_return_val_if_fail (out_minor != NULL, FALSE);

  if (!isfinite (cents) || fabs (cents) >= 9.0e18)
    {
      g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_OVERFLOW,
                           "The amount is not a finite amount of money");
      return FALSE;
    }

  frac = modf (cents, &whole);
  switch (rounding)
    {
    case FP_ROUND_DOWN:
      break;
    case FP_ROUND_FLOOR:
      if (frac < 0)
        whole -= 1;
      break;
    case FP_ROUND_CEILING:
      if (frac > 0)
        whole += 1;
      break;
    case FP_ROUND_HALF_UP:
      if (fabs (frac) >= 0.5)
        whole += frac > 0 ? 1 : -1;
      break;
    case FP_ROUND_HALF_EVEN:
    default:
      if (fabs (frac) > 0.5 || (fabs (frac) == 0.5 && fmod (whole, 2.0) != 0))
        whole += frac > 0 ? 1 : -1;
      break;
    }

  *out_minor = (gint64) whole;
  return TRUE;
}

/**
 * fp_money_to_double:
 * @minor: an amount in minor units
 *
 * Returns: @minor in major units, for simulations and charts only
 */
double
fp_money_to_double (gint64 minor)
{
  return (double) minor / 100.0;
}
