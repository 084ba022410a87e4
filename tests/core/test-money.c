/* test-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include "fp-core.h"

static void
test_parse_tabformer (void)
{
  static const struct {
    const char *text;
    gint64 minor;
  } cases[] = {
    { "$134.09", 13409 },
    { "$-54.00", -5400 },
    { "-$54.00", -5400 },
    { "$59696", 5969600 },
    { "0.5", 50 },
    { "1,250.50", 125050 },
    { " 12.3 ", 1230 },
    { "7.100", 710 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = 0;

      g_assert_true (fp_money_parse (cases[i].text, &minor, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minor, ==, cases[i].minor);
    }
}

static void
test_parse_rejects (void)
{
  static const struct {
    const char *text;
    int code;
  } cases[] = {
    { "", FP_CORE_ERROR_INVALID },
    { "$", FP_CORE_ERROR_INVALID },
    { "12a", FP_CORE_ERROR_INVALID },
    { "1.2.3", FP_CORE_ERROR_INVALID },
    { ",5", FP_CORE_ERROR_INVALID },
    { "--5", FP_CORE_ERROR_INVALID },
    { "0.001", FP_CORE_ERROR_INEXACT },
    { "99999999999999999999", FP_CORE_ERROR_OVERFLOW },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = 42;

      g_assert_false (fp_money_parse (cases[i].text, &minor, &error));
      g_assert_error (error, FP_CORE_ERROR, cases[i].code);
      g_assert_cmpint (minor, ==, 42);
    }
}

static void
test_decimal_round_trip (void)
{
  static const gint64 values[] = { 0, 1, -1, 99, -100, 13409, -5400, G_MAXINT64 / 100 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = fp_money_to_decimal (values[i]);
      gint64 back = 0;

      g_assert_true (fp_money_parse (text, &back, NULL));
      g_assert_cmpint (back, ==, values[i]);
    }

  {
    g_autofree char *text = fp_money_to_decimal (-5);
    g_assert_cmpstr (text, ==, "-0.05");
  }
}

static void
test_format (void)
{
  g_autofree char *a = fp_money_format (123456789, "USD");
  g_autofree char *b = fp_money_format (-5400, "USD");
  g_autofree char *c = fp_money_format (100, "SEK");
  g_autofree char *d = fp_money_format (5, NULL);

  /* One minus sign (U+2212) and a no-break space before a code. */
  g_assert_cmpstr (a, ==, "$1,234,567.89");
  g_assert_cmpstr (b, ==, "\342\210\222$54.00");
  g_assert_cmpstr (c, ==, "1.00\302\240SEK");
  g_assert_cmpstr (d, ==, "0.05");
}

static void
test_format_short (void)
{
  struct {
    gint64      minor;
    const char *currency;
    const char *expected;
  } cases[] = {
    { 0, "EUR", "€0" },
    { 95000, "EUR", "€950" },
    { 123456, "USD", "$1.2k" },
    { 1234500, "EUR", "€12k" },
    { 99999900, "EUR", "€1M" },          /* 999,999 rounds up a unit */
    { 123400000, "GBP", "£1.2M" },
    { -500000000, "EUR", "−€5M" },
    { 250000000000, "CHF", "2.5B\302\240CHF" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = fp_money_format_short (cases[i].minor, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_mul_div_rounding (void)
{
  static const struct {
    gint64 amount, num, den;
    FpRounding rounding;
    gint64 expected;
  } cases[] = {
    /* 0.5 cent ties */
    { 5, 1, 10, FP_ROUND_HALF_EVEN, 0 },
    { 15, 1, 10, FP_ROUND_HALF_EVEN, 2 },
    { 25, 1, 10, FP_ROUND_HALF_EVEN, 2 },
    { 25, 1, 10, FP_ROUND_HALF_UP, 3 },
    { -25, 1, 10, FP_ROUND_HALF_UP, -3 },
    { -25, 1, 10, FP_ROUND_HALF_EVEN, -2 },
    { 19, 1, 10, FP_ROUND_DOWN, 1 },
    { -19, 1, 10, FP_ROUND_DOWN, -1 },
    { -11, 1, 10, FP_ROUND_FLOOR, -2 },
    { 11, 1, 10, FP_ROUND_CEILING, 2 },
    /* 1,000.00 at 1,999 bps = 199.90 */
    { 100000, 1999, 10000, FP_ROUND_HALF_EVEN, 19990 },
    /* negative denominator flips the sign */
    { 100, 1, -4, FP_ROUND_HALF_EVEN, -25 },
    /* 128-bit intermediate: no overflow for a large product */
    { G_MAXINT64 / 2, 2, 3, FP_ROUND_DOWN, (G_MAXINT64 / 2) / 3 * 2 + ((G_MAXINT64 / 2) % 3) * 2 / 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 out = 0;

      g_assert_true (fp_money_mul_div (cases[i].amount, cases[i].num, cases[i].den,
                                       cases[i].rounding, &out, NULL));
      g_assert_cmpint (out, ==, cases[i].expected);
    }
}

static void
test_mul_div_overflow (void)
{
  g_autoptr(GError) error = NULL;
  gint64 out = 7;

  g_assert_false (fp_money_mul_div (G_MAXINT64, 2, 1, FP_ROUND_DOWN, &out, &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_OVERFLOW);
  g_assert_cmpint (out, ==, 7);
}

static void
test_from_double (void)
{
  gint64 out = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (fp_money_from_double (12.345, FP_ROUND_DOWN, &out, NULL));
  g_assert_cmpint (out, ==, 1234);
  g_assert_true (fp_money_from_double (-0.015, FP_ROUND_FLOOR, &out, NULL));
  g_assert_cmpint (out, ==, -2);
  g_assert_true (fp_money_from_double (2.5 / 100.0, FP_ROUND_HALF_UP, &out, NULL));
  g_assert_cmpint (out, ==, 3);
  g_assert_false (fp_money_from_double (1.0 / 0.0, FP_ROUND_DOWN, &out, &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_OVERFLOW);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/parse/tabformer", test_parse_tabformer);
  g_test_add_func ("/money/parse/rejects", test_parse_rejects);
  g_test_add_func ("/money/decimal/round-trip", test_decimal_round_trip);
  g_test_add_func ("/money/format", test_format);
  g_test_add_func ("/money/format-short", test_format_short);
  g_test_add_func ("/money/mul-div/rounding", test_mul_div_rounding);
  g_test_add_func ("/money/mul-div/overflow", test_mul_div_overflow);
  g_test_add_func ("/money/from-double", test_from_double);

  return g_test_run ();
}
