/* test-wealth-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Net worth over time walked back from today's balances, against a small
 * example computed by hand.
 */

#include "config.h"

#include "fp-clock.h"
#include "fp-wealth-history.h"

static FpTxn
txn (gint32  day,
     guint32 account,
     gint64  amount,
     guint32 flags)
{
  FpTxn t = { 0 };

  t.day = day;
  t.account_id = account;
  t.amount_minor = amount;
  t.flags = flags;
  return t;
}

static void
test_by_hand (void)
{
  gint32 today = fp_clock_day_from_civil (2026, 3, 15);
  gint32 jan31 = fp_clock_day_from_civil (2026, 1, 31);
  gint32 feb28 = fp_clock_day_from_civil (2026, 2, 28);
  FpTxn txns[] = {
    txn (fp_clock_day_from_civil (2026, 3, 10), 1, -20000, 0),          /* after Feb 28 */
    txn (fp_clock_day_from_civil (2026, 3, 1), 1, 300000, 0),           /* after Feb 28 */
    txn (fp_clock_day_from_civil (2026, 2, 28), 1, -5000, 0),           /* on Feb 28: in its balance */
    txn (fp_clock_day_from_civil (2026, 2, 3), 2, -7000, 0),            /* after Jan 31 */
    txn (fp_clock_day_from_civil (2026, 2, 4), 1, -99999, FP_TXN_DECLINED), /* moved nothing */
    txn (fp_clock_day_from_civil (2026, 3, 11), 1, -88888, FP_TXN_PENDING), /* not booked */
    txn (fp_clock_day_from_civil (2026, 3, 12), 9, 55555, 0),           /* an account not counted */
    txn (fp_clock_day_from_civil (2026, 1, 20), 1, 1000, 0),            /* before the first point */
  };
  const guint32 accounts[] = { 2, 1 };
  g_autoptr(GArray) h = NULL;
  const FpWealthPoint *p;

  /* Today: 1,000.00 + (−200.00) in the accounts, 5,000.00 held fixed. */
  h = fp_wealth_history (txns, G_N_ELEMENTS (txns), accounts, 2, 80000, 500000,
                         fp_clock_day_from_civil (2026, 1, 5), today, 6);
  /* Dec 31 is before the first booking day: Jan 31, Feb 28, today. */
  g_assert_cmpuint (h->len, ==, 3);
  p = (const FpWealthPoint *) (gconstpointer) h->data;
  g_assert_cmpint (p[2].day, ==, today);
  g_assert_cmpint (p[2].net_worth_minor, ==, 580000);
  /* Feb 28: 80,000 − (300,000 − 20,000) = −200,000; + 500,000. */
  g_assert_cmpint (p[1].day, ==, feb28);
  g_assert_cmpint (p[1].net_worth_minor, ==, 300000);
  /* Jan 31: −200,000 − (−5,000 − 7,000) = −188,000; + 500,000. */
  g_assert_cmpint (p[0].day, ==, jan31);
  g_assert_cmpint (p[0].net_worth_minor, ==, 312000);
}

static void
test_no_history (void)
{
  gint32 today = fp_clock_day_from_civil (2026, 3, 15);
  g_autoptr(GArray) h = fp_wealth_history (NULL, 0, NULL, 0, 1234, -34, today, today, 12);

  g_assert_cmpuint (h->len, ==, 1);
  g_assert_cmpint (g_array_index (h, FpWealthPoint, 0).net_worth_minor, ==, 1200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/wealth-history/by-hand", test_by_hand);
  g_test_add_func ("/wealth-history/no-history", test_no_history);
  return g_test_run ();
}
