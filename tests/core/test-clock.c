/* test-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fp-booking.h"
#include "fp-clock.h"

static void
test_civil_round_trip (void)
{
  /* Every day from 1900 to 2100 against GDate, the independent reference. */
  GDate *ref = g_date_new_dmy (1, G_DATE_JANUARY, 1900);
  gint32 epoch_julian;
  GDate *epoch = g_date_new_dmy (1, G_DATE_JANUARY, 1970);

  epoch_julian = (gint32) g_date_get_julian (epoch);
  for (guint i = 0; i < 73050; i++)
    {
      gint y;
      guint m, d;
      gint32 day = fp_clock_day_from_civil (g_date_get_year (ref), g_date_get_month (ref),
                                            g_date_get_day (ref));

      g_assert_cmpint (day, ==, (gint32) g_date_get_julian (ref) - epoch_julian);
      fp_clock_civil_from_day (day, &y, &m, &d);
      g_assert_cmpint (y, ==, g_date_get_year (ref));
      g_assert_cmpuint (m, ==, g_date_get_month (ref));
      g_assert_cmpuint (d, ==, g_date_get_day (ref));
      g_date_add_days (ref, 1);
    }
  g_date_free (ref);
  g_date_free (epoch);
}

static void
test_parse (void)
{
  gint32 day = 0;
  g_autofree char *iso = NULL;

  g_assert_true (fp_clock_parse_date ("2026-12-07", &day));
  g_assert_cmpint (day, ==, 20794);
  iso = fp_clock_format_iso (day);
  g_assert_cmpstr (iso, ==, "2026-12-07");
  g_assert_true (fp_clock_parse_date ("2024-02-29", &day));

  g_assert_false (fp_clock_parse_date ("2026-02-29", &day));
  g_assert_false (fp_clock_parse_date ("2026-13-01", &day));
  g_assert_false (fp_clock_parse_date ("2026-1-01", &day));
  g_assert_false (fp_clock_parse_date ("2026-12-07 ", &day));
  g_assert_false (fp_clock_parse_date (" 2026-12-07", &day));
  g_assert_false (fp_clock_parse_date ("+026-12-07", &day));
  g_assert_false (fp_clock_parse_date ("2026/12/07", &day));
  g_assert_false (fp_clock_parse_date ("", &day));
  g_assert_false (fp_clock_parse_date (NULL, &day));
}

static void
test_today_pinned (void)
{
  gint32 day;

  g_setenv ("FP_TODAY", "2027-01-31", TRUE);
  g_assert_true (fp_clock_parse_date ("2027-01-31", &day));
  g_assert_cmpint (fp_clock_today (), ==, day);
  g_unsetenv ("FP_TODAY");
  g_assert_cmpint (fp_clock_today (), >, day - 100000);
}

static void
test_booking_rule (void)
{
  FpTxn t = { 0 };

  g_assert_cmpint (fp_txn_state_from_feed ("Booked", 0), ==, FP_TXN_STATE_BOOKED);
  g_assert_cmpint (fp_txn_state_from_feed ("Pending", 0), ==, FP_TXN_STATE_PENDING);
  g_assert_cmpint (fp_txn_state_from_feed ("Declined", 0), ==, FP_TXN_STATE_DECLINED);
  /* An error declines the attempt whatever the status says. */
  g_assert_cmpint (fp_txn_state_from_feed ("Booked", 1), ==, FP_TXN_STATE_DECLINED);
  g_assert_cmpint (fp_txn_state_from_feed (NULL, 0), ==, FP_TXN_STATE_BOOKED);

  t.flags = fp_txn_state_flags (FP_TXN_STATE_DECLINED);
  g_assert_true (fp_txn_is_declined (&t));
  t.flags = fp_txn_state_flags (FP_TXN_STATE_PENDING);
  g_assert_false (fp_txn_is_declined (&t));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clock/civil-round-trip", test_civil_round_trip);
  g_test_add_func ("/clock/parse", test_parse);
  g_test_add_func ("/clock/today-pinned", test_today_pinned);
  g_test_add_func ("/clock/booking-rule", test_booking_rule);
  return g_test_run ();
}
