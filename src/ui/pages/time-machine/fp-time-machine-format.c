/* fp-time-machine-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the Time Machine's parts say a probability, a whole amount and a
 * month of the projection.
 */

#define G_LOG_DOMAIN "fp-time-machine-format"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-insights.h"
#include "fp-money.h"
#include "fp-time-machine-format.h"

/**
 * fp_time_machine_format_probability:
 * @probability: 0 to 1
 *
 * Returns: (transfer full): "42 %", and "<1 %" or ">99 %" rather than a
 *   rounded 0 or 100 that did not happen
 */
char *
fp_time_machine_format_probability (double probability)
{
  if (probability > 0 && probability < 0.005)
    return g_strdup_printf (_("<%d %%"), 1);
  if (probability < 1 && probability > 0.995)
    return g_strdup_printf (_(">%d %%"), 99);
  return g_strdup_printf (_("%.0f %%"), probability * 100);
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
  char *text = fp_money_format (minor, currency);
  gsize len = strlen (text);

  /* Whole amounts read better without ".00". */
  if (minor % 100 == 0 && len > 3 && text[len - 1] == '0' && text[len - 2] == '0' &&
      (text[len - 3] == '.' || text[len - 3] == ','))
    text[len - 3] = '\0';

  return text;
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
  gint32 y, m, d;
  g_autoptr(GDateTime) date = NULL;

  fp_day_to_date (day, &y, &m, &d);
  date = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (date == NULL)
    return g_strdup ("");
  /* TRANSLATORS: a date, as in "15 November 2026"; see g_date_time_format() */
  return g_date_time_format (date, _("%-d %B %Y"));
}
