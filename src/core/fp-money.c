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

#include <locale.h>
#include <math.h>
#include <string.h>

#include "fp-error.h"
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

static const char *
currency_symbol (const char *currency)
{
  static const struct {
    const char *code;
    const char *symbol;
  } symbols[] = {
    { "USD", "$" },
    { "EUR", "€" },
    { "GBP", "£" },
    { "JPY", "¥" },
    { "CHF", "CHF " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_strcmp0 (currency, symbols[i].code) == 0)
      return symbols[i].symbol;

  return NULL;
}

/**
 * fp_money_format:
 * @minor: an amount in minor units
 * @currency: (nullable): an ISO 4217 code, %NULL for none
 *
 * Formats @minor for people: grouped digits with the current locale's
 * separators and the currency's symbol, such as `-$1,234.56`.
 *
 * Returns: (transfer full): the text
 */
char *
fp_money_format (gint64      minor,
                 const char *currency)
{
  const struct lconv *lc = localeconv ();
  const char *decimal_point = lc->decimal_point && *lc->decimal_point ? lc->decimal_point : ".";
  const char *thousands = lc->thousands_sep && *lc->thousands_sep ? lc->thousands_sep : ",";
  guint64 abs_minor = minor < 0 ? (guint64) 0 - (guint64) minor : (guint64) minor;
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, abs_minor / 100);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *symbol = currency_symbol (currency);
  gsize len = strlen (digits);

  /* Locales without grouping (C) still get commas: amounts are read by people. */
  if (g_strcmp0 (decimal_point, thousands) == 0)
    thousands = g_strcmp0 (decimal_point, ",") == 0 ? "." : ",";

  if (minor < 0)
    g_string_append_c (out, '-');
  if (symbol != NULL)
    g_string_append (out, symbol);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, thousands);
      g_string_append_c (out, digits[i]);
    }

  g_string_append_printf (out, "%s%02u", decimal_point, (guint) (abs_minor % 100));

  if (symbol == NULL && currency != NULL && *currency != '\0')
    g_string_append_printf (out, " %s", currency);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * fp_money_format_short:
 * @minor: an amount in minor units
 * @currency: (nullable): an ISO 4217 code
 *
 * Formats @minor in a few characters for chart axes and summaries:
 * `€950`, `$1.2k`, `€12k`, `£1.2M`, `−€5M`, `2.5B CHF`. One decimal only
 * below ten of a unit, and amounts that round up to the next unit take it
 * (999,999 is `€1M`, not `€1000k`).
 *
 * Returns: (transfer full): the text
 */
char *
fp_money_format_short (gint64      minor,
                       const char *currency)
{
  const char *symbol = currency_symbol (currency);
  double major = fabs ((double) minor / 100.0);
  const char *sign = minor < 0 ? "−" : "";
  g_autofree char *number = NULL;
  const char *suffix = "";
  double scaled = major;

  /* A symbol written apart from the number (CHF) goes after it. */
  if (symbol != NULL && g_str_has_suffix (symbol, " "))
    symbol = NULL;

  if (major >= 999500000.0)
    scaled = major / 1e9, suffix = "B";
  else if (major >= 999500.0)
    scaled = major / 1e6, suffix = "M";
  else if (major >= 1000.0)
    scaled = major / 1e3, suffix = "k";

  if (*suffix != '\0' && scaled < 9.95 && fabs (scaled - round (scaled)) >= 0.05)
    number = g_strdup_printf ("%.1f", scaled);
  else
    number = g_strdup_printf ("%.0f", round (scaled));

  if (symbol != NULL)
    return g_strdup_printf ("%s%s%s%s", sign, symbol, number, suffix);
  if (currency == NULL || *currency == '\0')
    return g_strdup_printf ("%s%s%s", sign, number, suffix);
  return g_strdup_printf ("%s%s%s %s", sign, number, suffix, currency);
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
