/* fp-time-machine-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the Time Machine's parts say a probability, a whole amount and a
 * month of the projection.
 */

#define G_LOG_DOMAIN "fp-time-machine-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-format.h"
#include "fp-insights.h"
#include "fp-time-machine-format.h"

/**
 * fp_time_machine_format_probability:
 * @probability: 0 to 1
 *
 * Returns: (transfer full): "42%" ("42 %" in German: core's one percent
 *   style), and "<1%" or ">99%" rather than a rounded 0 or 100 that did
 *   not happen
 */
char *
fp_time_machine_format_probability (double probability)
{
  g_autofree char *bound = NULL;

  if (probability > 0 && probability < 0.005)
    {
      bound = fp_format_percent (0.01, 0, FP_FORMAT_NONE);
      return g_strconcat ("<", bound, NULL);
    }
  if (probability < 1 && probability > 0.995)
    {
      bound = fp_format_percent (0.99, 0, FP_FORMAT_NONE);
      return g_strconcat (">", bound, NULL);
    }
  return fp_format_percent (probability, 0, FP_FORMAT_NONE);
}

/**
 * fp_time_machine_format_whole:
 * @minor: an amount in minor units
 * @currency: its ISO 4217 code
 *
 * Returns: (transfer full): the amount, without ".00" when it is whole
 */
char *
fp_time_machine_format_whole (gint64      minor,
                              const char *currency)
{
  /* Whole amounts read better without ".00". */
  return fp_format_money (minor, currency, minor % 100 == 0 ? FP_FORMAT_WHOLE : FP_FORMAT_NONE);
}

/**
 * fp_time_machine_format_month:
 * @start_year: the year of month 0
 * @start_month: its month, 1 to 12
 * @month: a month of the projection, from 0
 *
 * Returns: (transfer full): the month and year, as in "March 2041"
 */
char *
fp_time_machine_format_month (int start_year,
                              int start_month,
                              int month)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (start_year, start_month, 1, 0, 0, 0);
  g_autoptr(GDateTime) then = g_date_time_add_months (date, month);

  /* TRANSLATORS: a month and a year, as in "March 2041"; see g_date_time_format() */
  return g_date_time_format (then, _("%B %Y"));
}

/**
 * fp_time_machine_format_day:
 * @day: days since 1970-01-01
 *
 * Returns: (transfer full): the day, as in "15 November 2026"
 */
char *
fp_time_machine_format_day (gint32 day)
{
  return fp_format_date (day);
}
