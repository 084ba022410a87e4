/* fp-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Days are counted from 1970-01-01 (day 0), proleptic Gregorian, as in the
 * insights engine (FpTxn.day) and the cache.
 */

#define G_LOG_DOMAIN "fp-clock"

#include "config.h"

#include <string.h>

#include "fp-clock.h"

/**
 * fp_clock_day_from_civil:
 * @year: the year
 * @month: 1 to 12
 * @day: 1 to 31
 *
 * Howard Hinnant's days_from_civil: exact for every Gregorian date.
 *
 * Returns: days since 1970-01-01
 */
gint32
fp_clock_day_from_civil (gint  year,
                         guint month,
                         guint day)
{
  gint y = year - (month <= 2);
  gint era = (y >= 0 ? y : y - 399) / 400;
  guint yoe = (guint) (y - era * 400);
  guint doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  guint doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (gint32) (era * 146097 + (gint) doe - 719468);
}

/**
 * fp_clock_civil_from_day:
 * @day: days since 1970-01-01
 * @out_year: (out): the year
 * @out_month: (out): 1 to 12
 * @out_day: (out): 1 to 31
 *
 * The inverse of fp_clock_day_from_civil().
 */
void
fp_clock_civil_from_day (gint32  day,
                         gint   *out_year,
                         guint  *out_month,
                         guint  *out_day)
{
  gint z = day + 719468;
  gint era = (z >= 0 ? z : z - 146096) / 146097;
  guint doe = (guint) (z - era * 146097);
  guint yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint y = (gint) yoe + era * 400;
  guint doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  guint mp = (5 * doy + 2) / 153;
  guint d = doy - (153 * mp + 2) / 5 + 1;
  guint m = mp < 10 ? mp + 3 : mp - 9;

  *out_year = y + (m <= 2);
  *out_month = m;
  *out_day = d;
}

/**
 * fp_clock_parse_date:
 * @text: a date `YYYY-MM-DD`, nothing before or after it
 * @out_day: (out): days since 1970-01-01
 *
 * Strict: four digits, two, two, separated by `-`, a real date from 1900 to
 * 2999.
 *
 * Returns: %TRUE if @text is such a date
 */
gboolean
fp_clock_parse_date (const char *text,
                     gint32     *out_day)
{
  guint y = 0, m = 0, d = 0;

  g_return_val_if_fail (out_day != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = (guint) g_ascii_digit_value (text[0]) * 1000 + (guint) g_ascii_digit_value (text[1]) * 100 +
      (guint) g_ascii_digit_value (text[2]) * 10 + (guint) g_ascii_digit_value (text[3]);
  m = (guint) g_ascii_digit_value (text[5]) * 10 + (guint) g_ascii_digit_value (text[6]);
  d = (guint) g_ascii_digit_value (text[8]) * 10 + (guint) g_ascii_digit_value (text[9]);
  if (y < 1900 || y > 2999 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  *out_day = fp_clock_day_from_civil ((gint) y, m, d);
  return TRUE;
}

/**
 * fp_clock_format_iso:
 * @day: days since 1970-01-01
 *
 * Returns: (transfer full): `YYYY-MM-DD`
 */
char *
fp_clock_format_iso (gint32 day)
{
  gint y;
  guint m, d;

  fp_clock_civil_from_day (day, &y, &m, &d);
  return g_strdup_printf ("%04d-%02u-%02u", y, m, d);
}

/**
 * fp_clock_today:
 *
 * Today's date in the local time zone, or the date in the environment
 * variable `FP_TODAY` (`YYYY-MM-DD`) when it is set: tests, screenshots and
 * demos pin the day with it. A malformed `FP_TODAY` is reported once and
 * the real date is used.
 *
 * Returns: days since 1970-01-01
 */
gint32
fp_clock_today (void)
{
  const char *pinned = g_getenv ("FP_TODAY");
  g_autoptr(GDateTime) now = NULL;
  gint32 day;

  if (pinned != NULL && *pinned != '\0')
    {
      static gsize warned = 0;

      if (fp_clock_parse_date (pinned, &day))
        return day;
      if (g_once_init_enter (&warned))
        {
          g_warning ("FP_TODAY must be a date such as 2026-12-07; using the real date");
          g_once_init_leave (&warned, 1);
        }
    }

  now = g_date_time_new_now_local ();
  return fp_clock_day_from_civil (g_date_time_get_year (now),
                                  (guint) g_date_time_get_month (now),
                                  (guint) g_date_time_get_day_of_month (now));
}
