/* fp-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every figure the customer reads is written here, in the locale of the
 * calling thread (nl_langinfo() follows uselocale(), and unlike
 * localeconv() it is safe in the worker threads the engine runs in):
 *
 * - money follows LC_MONETARY: its decimal mark, digit groups and where
 *   the symbol goes (`$1,063,000.00` in English, `1.063.000,00 €` in
 *   German); the currency's own symbol when the locale has one for it,
 *   else a small table ($, €, £, ¥), else the ISO code;
 * - counts, decimals and percentages follow LC_NUMERIC;
 * - the percent sign follows the language's custom (`42%` in English,
 *   `42 %` in German, French, Spanish, the Nordic and several Slavic
 *   languages, as in the Unicode CLDR);
 * - negative figures start with U+2212 MINUS SIGN, always; a unit is
 *   joined by a no-break space so that a line never breaks inside a figure.
 *
 * Locales without digit groups (C, POSIX) still group: amounts are read by
 * people. They get the English style.
 */

#define G_LOG_DOMAIN "fp-format"

#include "config.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-format.h"

typedef struct {
  const char *decimal;
  const char *thousands;
  const char *grouping;
  gboolean    symbol_first;   /* money only */
  gboolean    symbol_space;
} Style;

static const char *
item (nl_item what)
{
  const char *v = nl_langinfo (what);

  return v != NULL ? v : "";
}

/* lconv's CHAR_MAX, which nl_langinfo() gives as -1 in the C locale. */
static gboolean
unspecified (const char *value)
{
  return value[0] == CHAR_MAX || value[0] == (char) -1;
}

static void
numeric_style (Style *s)
{
  s->decimal = item (__DECIMAL_POINT);
  s->thousands = item (__THOUSANDS_SEP);
  s->grouping = item (__GROUPING);
  if (*s->decimal == '\0')
    s->decimal = ".";
  if (*s->thousands == '\0' || strcmp (s->thousands, s->decimal) == 0)
    s->thousands = strcmp (s->decimal, ",") == 0 ? "." : ",";
  s->symbol_first = TRUE;
  s->symbol_space = FALSE;
}

static void
monetary_style (Style *s)
{
  const char *decimal = item (__MON_DECIMAL_POINT);
  const char *precedes = item (__P_CS_PRECEDES);
  const char *space = item (__P_SEP_BY_SPACE);

  /* A locale without a monetary part (C) writes money like its numbers. */
  numeric_style (s);
  if (*decimal != '\0')
    {
      const char *thousands = item (__MON_THOUSANDS_SEP);

      s->decimal = decimal;
      s->grouping = item (__MON_GROUPING);
      s->thousands = *thousands != '\0' && strcmp (thousands, decimal) != 0
                     ? thousands : (strcmp (decimal, ",") == 0 ? "." : ",");
    }
  s->symbol_first = unspecified (precedes) ? TRUE : precedes[0] != 0;
  s->symbol_space = unspecified (space) ? FALSE : space[0] != 0;
}

/* Appends @digits grouped by @grouping (as in struct lconv: sizes from the
 * right, CHAR_MAX ends grouping, the last size repeats; groups of 3 when
 * the locale has none). */
static void
append_grouped (GString    *out,
                const char *digits,
                const Style *s)
{
  gsize len = strlen (digits);
  gsize cut[64];
  guint n_cuts = 0;
  gsize pos = len;
  const char *g = s->grouping;
  int size = 3;

  if (g == NULL || *g == '\0' || unspecified (g) || *g <= 0)
    g = "\003";

  while (n_cuts < G_N_ELEMENTS (cut))
    {
      if (*g != '\0')
        {
          if (unspecified (g) || *g < 0)
            break;
          size = *g > 0 ? *g : size;
          g++;
        }
      if (pos <= (gsize) size)
        break;
      pos -= (gsize) size;
      cut[n_cuts++] = pos;
    }

  for (gsize i = 0, c = n_cuts; i < len; i++)
    {
      if (c > 0 && i == cut[c - 1])
        {
          g_string_append (out, s->thousands);
          c--;
        }
      g_string_append_c (out, digits[i]);
    }
}

static const char *
glyph (const char *currency)
{
  static const struct {
    const char *code;
    const char *symbol;
  } glyphs[] = {
    { "USD", "$" },
    { "EUR", "€" },
    { "GBP", "£" },
    { "JPY", "¥" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (glyphs); i++)
    if (strcmp (currency, glyphs[i].code) == 0)
      return glyphs[i].symbol;
  return NULL;
}

/* The symbol to write for @currency; *@is_code when it is the ISO code,
 * which is always set apart from the number by a space. */
static const char *
symbol_for (const char *currency,
            gboolean   *is_code)
{
  const char *local = item (__INT_CURR_SYMBOL);
  const char *symbol;

  *is_code = FALSE;
  /* The locale's own currency ("USD " in en_US): its own symbol. */
  if (strncmp (local, currency, 3) == 0 && strlen (currency) == 3)
    {
      symbol = item (__CURRENCY_SYMBOL);
      if (*symbol != '\0' && strcmp (symbol, currency) != 0)
        return symbol;
    }
  if ((symbol = glyph (currency)) != NULL)
    return symbol;
  *is_code = TRUE;
  return currency;
}

/* Puts @number and the currency together, the sign first. */
static char *
assemble (const char    *number,
          gboolean       negative,
          gboolean       positive_sign,
          const char    *currency,
          const Style   *s)
{
  GString *out = g_string_new (NULL);
  gboolean is_code = FALSE;
  const char *symbol = NULL;
  gboolean first, space;

  if (negative)
    g_string_append (out, FP_FORMAT_MINUS);
  else if (positive_sign)
    g_string_append_c (out, '+');

  if (currency == NULL || *currency == '\0')
    {
      g_string_append (out, number);
      return g_string_free (out, FALSE);
    }

  symbol = symbol_for (currency, &is_code);
  /* An ISO code goes after the number where the locale says nothing
   * (C: "1.00 SEK"), and is always set apart. */
  first = is_code && unspecified (item (__P_CS_PRECEDES)) ? FALSE : s->symbol_first;
  space = is_code || s->symbol_space;

  if (first)
    g_string_append_printf (out, "%s%s%s", symbol, space ? FP_FORMAT_NBSP : "", number);
  else
    g_string_append_printf (out, "%s%s%s", number, space ? FP_FORMAT_NBSP : "", symbol);

  return g_string_free (out, FALSE);
}

/**
 * fp_format_money:
 * @minor: an amount in minor units (cents)
 * @currency: (nullable): an ISO 4217 code; %NULL or "" for a bare number
 * @flags: #FpFormatFlags
 *
 * Formats an amount for people in the user's locale: `−$1,063,000.00`
 * (English), `−1.063.000,00 €` (German), `1.00 SEK` (no symbol known).
 *
 * Returns: (transfer full): the text
 */
char *
fp_format_money (gint64        minor,
                 const char   *currency,
                 FpFormatFlags flags)
{
  Style s;
  guint64 abs_minor = minor < 0 ? (guint64) 0 - (guint64) minor : (guint64) minor;
  guint64 units = abs_minor / 100;
  guint cents = (guint) (abs_minor % 100);
  g_autofree char *digits = NULL;
  g_autoptr(GString) number = g_string_new (NULL);

  monetary_style (&s);

  if (flags & FP_FORMAT_WHOLE)
    {
      if (cents >= 50)
        units++;
      cents = 0;
    }

  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, units);
  append_grouped (number, digits, &s);
  if (!(flags & FP_FORMAT_WHOLE))
    g_string_append_printf (number, "%s%02u", s.decimal, cents);

  return assemble (number->str, units != 0 || cents != 0 ? minor < 0 : FALSE,
                   (flags & FP_FORMAT_SIGN) && minor > 0 && (units != 0 || cents != 0),
                   currency, &s);
}

/**
 * fp_format_money_short:
 * @minor: an amount in minor units
 * @currency: (nullable): an ISO 4217 code
 *
 * Formats an amount in a few characters for chart axes and summaries:
 * `€950`, `$1.4k`, `€12k`, `£1.2M`, `−€5M`, `2.5B CHF`; in German
 * `1,4k $`. One decimal only below ten of a unit, and amounts that round up
 * to the next unit take it (999,999 is `1M`, not `1000k`).
 *
 * Returns: (transfer full): the text
 */
char *
fp_format_money_short (gint64      minor,
                       const char *currency)
{
  Style s;
  double major = fabs ((double) minor / 100.0);
  const char *suffix = "";
  double scaled = major;
  g_autofree char *number = NULL;
  gboolean negative;

  monetary_style (&s);

  if (major >= 999500000.0)
    scaled = major / 1e9, suffix = "B";
  else if (major >= 999500.0)
    scaled = major / 1e6, suffix = "M";
  else if (major >= 999.5)
    scaled = major / 1e3, suffix = "k";

  if (*suffix != '\0' && scaled < 9.95 && fabs (scaled - round (scaled)) >= 0.05)
    {
      gint tenths = (gint) lround (scaled * 10.0);

      number = g_strdup_printf ("%d%s%d%s", tenths / 10, s.decimal, tenths % 10, suffix);
    }
  else
    {
      g_autoptr(GString) grouped = g_string_new (NULL);
      g_autofree char *digits = g_strdup_printf ("%.0f", round (scaled));

      append_grouped (grouped, digits, &s);
      g_string_append (grouped, suffix);
      number = g_string_free (g_steal_pointer (&grouped), FALSE);
    }

  negative = minor < 0 && strcmp (number, "0") != 0;
  return assemble (number, negative, FALSE, currency, &s);
}

/**
 * fp_format_count:
 * @n: a count
 *
 * Returns: (transfer full): @n with the locale's digit groups, `10,000`
 *   (English) or `10.000` (German)
 */
char *
fp_format_count (gint64 n)
{
  Style s;
  guint64 abs_n = n < 0 ? (guint64) 0 - (guint64) n : (guint64) n;
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, abs_n);
  GString *out = g_string_new (n < 0 ? FP_FORMAT_MINUS : "");

  numeric_style (&s);
  append_grouped (out, digits, &s);
  return g_string_free (out, FALSE);
}

/* |@value| with @decimals places (at most 9), grouped, without a sign. */
static void
append_decimal (GString     *out,
                double       value,
                guint        decimals,
                const Style *s)
{
  double scale = pow (10.0, MIN (decimals, 9));
  double scaled = round (fabs (value) * scale);
  guint64 whole, fraction;
  g_autofree char *digits = NULL;

  decimals = MIN (decimals, 9);
  if (!isfinite (value))
    {
      g_string_append (out, isnan (value) ? "?" : "∞");
      return;
    }
  if (scaled >= 9.0e18)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      append_grouped (out, g_ascii_formatd (buffer, sizeof buffer, "%.0f", fabs (value)), s);
      return;
    }

  whole = (guint64) scaled / (guint64) scale;
  fraction = (guint64) scaled % (guint64) scale;
  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, whole);
  append_grouped (out, digits, s);
  if (decimals > 0)
    g_string_append_printf (out, "%s%0*" G_GUINT64_FORMAT, s->decimal, (int) decimals, fraction);
}

/* Whether @value written with @decimals places is zero. */
static gboolean
rounds_to_zero (double value,
                guint  decimals)
{
  return fabs (value) * pow (10.0, MIN (decimals, 9)) < 0.5;
}

/**
 * fp_format_number:
 * @value: a number
 * @decimals: places after the decimal mark, at most 9
 *
 * Returns: (transfer full): @value rounded, `6.0` (English) or `6,0`
 *   (German), `1,234.5`, `−0.25`
 */
char *
fp_format_number (double value,
                  guint  decimals)
{
  Style s;
  GString *out = g_string_new (NULL);

  numeric_style (&s);
  if (value < 0 && !rounds_to_zero (value, decimals))
    g_string_append (out, FP_FORMAT_MINUS);
  append_decimal (out, value, decimals, &s);
  return g_string_free (out, FALSE);
}

/* Whether the language of LC_NUMERIC sets the percent sign apart. */
static gboolean
percent_spaced (void)
{
  /* The languages whose CLDR percent pattern is "#,##0 %". */
  static const char * const spaced[] = {
    "ca", "cs", "da", "de", "es", "fi", "fr", "hr", "lt", "nb", "nn", "no",
    "ro", "ru", "sk", "sl", "sv",
  };
  const char *name = item (_NL_LOCALE_NAME (LC_NUMERIC));
  char language[4] = { 0 };
  gsize len = strspn (name, "abcdefghijklmnopqrstuvwxyz");

  if (len < 2 || len > 3)
    return FALSE;
  memcpy (language, name, len);
  /* Swiss German writes 42%. */
  if (g_str_has_prefix (name, "de_CH"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (spaced); i++)
    if (strcmp (language, spaced[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * fp_format_percent:
 * @ratio: a ratio, 0.42 for 42 %
 * @decimals: places after the decimal mark of the percentage
 * @flags: %FP_FORMAT_SIGN for a `+` before increases
 *
 * Returns: (transfer full): the percentage in the one percent style of the
 *   locale: `42%`, `3.5%`, `−42%` (English), `42 %`, `3,5 %` (German)
 */
char *
fp_format_percent (double        ratio,
                   guint         decimals,
                   FpFormatFlags flags)
{
  Style s;
  double value = ratio * 100.0;
  GString *out = g_string_new (NULL);
  gboolean zero = rounds_to_zero (value, decimals);

  numeric_style (&s);
  if (value < 0 && !zero)
    g_string_append (out, FP_FORMAT_MINUS);
  else if ((flags & FP_FORMAT_SIGN) && value > 0 && !zero)
    g_string_append_c (out, '+');
  append_decimal (out, value, decimals, &s);
  g_string_append (out, percent_spaced () ? FP_FORMAT_NBSP "%" : "%");
  return g_string_free (out, FALSE);
}

/**
 * fp_format_date:
 * @day: days since 1970-01-01
 *
 * Returns: (transfer full): the date for people, `31 October 2026`
 *   (the order and the month's name are the translation's and the locale's)
 */
char *
fp_format_date (gint32 day)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) epoch = g_date_time_new_utc (1970, 1, 1, 0, 0, 0);
  char *text;

  dt = g_date_time_add_days (epoch, day);
  if (dt == NULL)
    return g_strdup ("?");
  /* Translators: a date as strftime() writes it, "31 October 2026";
   * keep %-d (no leading zero), %B (the month's name) and %Y. */
  text = g_date_time_format (dt, C_("date", "%-d %B %Y"));
  return text != NULL ? text : g_strdup ("?");
}
