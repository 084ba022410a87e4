/* test-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one number formatter in English (en_US.UTF-8), German (de_DE.UTF-8)
 * and the C locale the tests run in; the home currency; the narrative
 * writing money like everything else. Tests run with LC_ALL=C.UTF-8, so
 * each case switches the thread's locale with uselocale(); the locales
 * come from Debian's locales-all (build-aux/debian-packages.txt).
 */

#include <locale.h>
#include <string.h>

#include "fp-clock.h"
#include "fp-format.h"
#include "fp-money.h"
#include "fp-simulator.h"

#define NBSP FP_FORMAT_NBSP
#define MINUS FP_FORMAT_MINUS

static locale_t
use (const char *name)
{
  locale_t l = newlocale (LC_ALL_MASK, name, (locale_t) 0);

  if (l == (locale_t) 0)
    {
      g_test_message ("The locale %s is missing: install locales-all", name);
      g_test_fail ();
      return (locale_t) 0;
    }
  uselocale (l);
  return l;
}

static void
done (locale_t l)
{
  uselocale (LC_GLOBAL_LOCALE);
  if (l != (locale_t) 0)
    freelocale (l);
}

#define CHECK(call, expected)                   \
  G_STMT_START {                                \
    g_autofree char *_text = (call);            \
    g_assert_cmpstr (_text, ==, (expected));    \
  } G_STMT_END

static void
test_english (void)
{
  locale_t l = use ("en_US.UTF-8");

  if (l == (locale_t) 0)
    return;
  CHECK (fp_format_money (106300000, "USD", FP_FORMAT_NONE), "$1,063,000.00");
  CHECK (fp_format_money (106300000, "EUR", FP_FORMAT_NONE), "€1,063,000.00");
  CHECK (fp_format_money (-5400, "USD", FP_FORMAT_NONE), MINUS "$54.00");
  CHECK (fp_format_money (106300049, "USD", FP_FORMAT_WHOLE), "$1,063,000");
  CHECK (fp_format_money (106300050, "USD", FP_FORMAT_WHOLE), "$1,063,001");
  CHECK (fp_format_money (26460, "USD", FP_FORMAT_SIGN), "+$264.60");
  CHECK (fp_format_money (0, "USD", FP_FORMAT_SIGN), "$0.00");
  CHECK (fp_format_money (100, "SEK", FP_FORMAT_NONE), "SEK" NBSP "1.00");
  CHECK (fp_format_money_short (140000, "USD"), "$1.4k");
  CHECK (fp_format_money_short (212029, "USD"), "$2.1k");
  CHECK (fp_format_money_short (-500000000, "EUR"), MINUS "€5M");
  CHECK (fp_format_count (10000), "10,000");
  CHECK (fp_format_count (-1234567), MINUS "1,234,567");
  CHECK (fp_format_number (6.0, 1), "6.0");
  CHECK (fp_format_number (-1234.567, 2), MINUS "1,234.57");
  CHECK (fp_format_number (-0.001, 2), "0.00");
  CHECK (fp_format_percent (0.42, 0, FP_FORMAT_NONE), "42%");
  CHECK (fp_format_percent (0.035, 2, FP_FORMAT_NONE), "3.50%");
  CHECK (fp_format_percent (-0.42, 0, FP_FORMAT_NONE), MINUS "42%");
  CHECK (fp_format_percent (0.12, 0, FP_FORMAT_SIGN), "+12%");
  CHECK (fp_format_date (fp_clock_day_from_civil (2026, 10, 31)), "31 October 2026");
  CHECK (fp_money_locale_currency (), "USD");
  /* The old names write the same. */
  CHECK (fp_money_format (-106300000, "EUR"), MINUS "€1,063,000.00");
  CHECK (fp_money_format_short (140000, "USD"), "$1.4k");
  done (l);
}

static void
test_german (void)
{
  locale_t l = use ("de_DE.UTF-8");

  if (l == (locale_t) 0)
    return;
  CHECK (fp_format_money (106300000, "USD", FP_FORMAT_NONE), "1.063.000,00" NBSP "$");
  CHECK (fp_format_money (106300000, "EUR", FP_FORMAT_NONE), "1.063.000,00" NBSP "€");
  CHECK (fp_format_money (-5400, "EUR", FP_FORMAT_NONE), MINUS "54,00" NBSP "€");
  CHECK (fp_format_money (106300000, "EUR", FP_FORMAT_WHOLE), "1.063.000" NBSP "€");
  CHECK (fp_format_money (100, "SEK", FP_FORMAT_NONE), "1,00" NBSP "SEK");
  CHECK (fp_format_money_short (140000, "USD"), "1,4k" NBSP "$");
  CHECK (fp_format_money_short (-500000000, "EUR"), MINUS "5M" NBSP "€");
  CHECK (fp_format_count (10000), "10.000");
  CHECK (fp_format_number (6.0, 1), "6,0");
  CHECK (fp_format_number (-1234.567, 2), MINUS "1.234,57");
  CHECK (fp_format_percent (0.42, 0, FP_FORMAT_NONE), "42" NBSP "%");
  CHECK (fp_format_percent (0.035, 2, FP_FORMAT_NONE), "3,50" NBSP "%");
  CHECK (fp_format_percent (-0.42, 0, FP_FORMAT_NONE), MINUS "42" NBSP "%");
  CHECK (fp_money_locale_currency (), "EUR");
  CHECK (fp_money_format (-106300000, "EUR"), MINUS "1.063.000,00" NBSP "€");
  {
    g_autofree char *date = fp_format_date (fp_clock_day_from_civil (2026, 10, 31));

    g_assert_nonnull (strstr (date, "Oktober"));
  }
  done (l);
}

/* The C locale of the tests: English style, grouped all the same. */
static void
test_c (void)
{
  locale_t l = use ("C.UTF-8");

  if (l == (locale_t) 0)
    return;
  CHECK (fp_format_money (123456789, "USD", FP_FORMAT_NONE), "$1,234,567.89");
  CHECK (fp_format_money (100, "SEK", FP_FORMAT_NONE), "1.00" NBSP "SEK");
  CHECK (fp_format_money (5, NULL, FP_FORMAT_NONE), "0.05");
  CHECK (fp_format_count (10000), "10,000");
  CHECK (fp_format_percent (0.75, 0, FP_FORMAT_NONE), "75%");
  CHECK (fp_money_locale_currency (), "USD");
  done (l);
}

static void
test_home_currency (void)
{
  const FpCurrencyBalance most[] = { { "USD", 100 }, { "USD", 200 }, { "EUR", 100000000 } };
  const FpCurrencyBalance tie[] = { { "USD", 10000 }, { "EUR", -50000 } };
  const FpCurrencyBalance even[] = { { "USD", 500 }, { "EUR", -500 } };
  const FpCurrencyBalance bad[] = { { "usd", 100 }, { NULL, 100 }, { "GBP", 1 }, { "US", 5 } };
  locale_t l;

  /* The most accounts win, whatever the balances. */
  CHECK (fp_money_home_currency (most, G_N_ELEMENTS (most)), "USD");
  /* As many accounts: the larger balances (a debt counts by its size). */
  CHECK (fp_money_home_currency (tie, G_N_ELEMENTS (tie)), "EUR");
  /* Then the alphabet. */
  CHECK (fp_money_home_currency (even, G_N_ELEMENTS (even)), "EUR");
  CHECK (fp_money_home_currency (bad, G_N_ELEMENTS (bad)), "GBP");

  /* No accounts: the locale's. */
  l = use ("de_DE.UTF-8");
  if (l != (locale_t) 0)
    {
      FpScenario s;

      CHECK (fp_money_home_currency (NULL, 0), "EUR");
      /* The Time Machine's defaults take it too (the old default was a
       * hard-coded EUR everywhere). */
      fp_scenario_init (&s);
      g_assert_cmpstr (s.currency, ==, "EUR");
      done (l);
    }
  l = use ("en_US.UTF-8");
  if (l != (locale_t) 0)
    {
      FpScenario s;

      CHECK (fp_money_home_currency (NULL, 0), "USD");
      fp_scenario_init (&s);
      g_assert_cmpstr (s.currency, ==, "USD");
      done (l);
    }
}

/* 1,063,000.00 in cash, nothing else, for a year; a down payment of
 * 1,000.00 that is there from the start. */
static char *
narrate_million (void)
{
  FpScenario s;
  FpSimGoal goal = { FP_SIM_GOAL_DOWN_PAYMENT, 100000, 0, 0, 12, 0.0 };
  g_autoptr(FpSimulationResult) r = NULL;
  g_autoptr(GError) error = NULL;

  fp_scenario_init (&s);
  g_strlcpy (s.currency, "EUR", sizeof s.currency);
  s.horizon_months = 12;
  s.n_paths = 8;
  s.inflation.mean = s.inflation.start = s.inflation.volatility = 0.0;
  s.start_cash_minor = 106300000;
  s.current_age = 40;
  s.retirement_age = 67;
  fp_scenario_add_goal (&s, &goal);
  r = fp_simulation_run (&s, 1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return fp_simulation_narrate (&s, r);
}

static void
test_narrative (void)
{
  locale_t l = use ("en_US.UTF-8");

  if (l != (locale_t) 0)
    {
      g_autofree char *text = narrate_million ();

      g_test_message ("%s", text);
      g_assert_nonnull (strstr (text, "€1,063,000"));
      g_assert_null (strstr (text, "1.063.000"));
      g_assert_nonnull (strstr (text, " 100%."));
      done (l);
    }

  /* German numbers (the words stay English without the catalogue). The
   * old narrative wrote "€1.063.000". */
  l = use ("de_DE.UTF-8");
  if (l != (locale_t) 0)
    {
      g_autofree char *text = narrate_million ();

      g_test_message ("%s", text);
      g_assert_nonnull (strstr (text, "1.063.000" NBSP "€"));
      g_assert_null (strstr (text, "€1"));
      g_assert_nonnull (strstr (text, "100" NBSP "%"));
      done (l);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/english", test_english);
  g_test_add_func ("/format/german", test_german);
  g_test_add_func ("/format/c", test_c);
  g_test_add_func ("/format/home-currency", test_home_currency);
  g_test_add_func ("/format/narrative", test_narrative);

  return g_test_run ();
}
