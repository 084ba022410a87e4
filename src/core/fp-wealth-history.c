/* fp-wealth-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Net worth over time, walked back from today's balances; see the header.
 */

#define G_LOG_DOMAIN "fp-wealth"

#include "config.h"

#include <stdlib.h>

#include "fp-clock.h"
#include "fp-wealth-history.h"

#define MAX_MONTHS 120

static int
cmp_u32 (const void *a,
         const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* The last day of the month before the one of @day. */
static gint32
end_of_previous_month (gint32 day)
{
  gint year;
  guint month, d;

  fp_clock_civil_from_day (day, &year, &month, &d);
  return fp_clock_day_from_civil (year, month, 1) - 1;
}

/**
 * fp_wealth_history:
 * @txns: (array length=n_txns): the transactions, in any order
 * @n_txns: how many
 * @account_ids: (array length=n_accounts): the accounts whose balances
 *   count (an investment account valued by its holdings does not)
 * @n_accounts: how many
 * @accounts_minor: their balances today, together
 * @fixed_minor: what is counted at today's value in every month: holdings
 *   and the items added by hand (debts negative)
 * @first_day: the first booking day the cache holds; months that ended
 *   before it are not known and left out
 * @today: the day of today's balances
 * @n_months: how many month ends before today, 0 to 120
 *
 * Returns: (transfer full) (element-type FpWealthPoint): the month ends in
 *   order, then today
 */
GArray *
fp_wealth_history (const FpTxn   *txns,
                   gsize          n_txns,
                   const guint32 *account_ids,
                   gsize          n_accounts,
                   gint64         accounts_minor,
                   gint64         fixed_minor,
                   gint32         first_day,
                   gint32         today,
                   guint          n_months)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (FpWealthPoint));
  g_autofree guint32 *ids = g_memdup2 (account_ids, n_accounts * sizeof (guint32));
  gint32 ends[MAX_MONTHS + 1];
  gint64 after[MAX_MONTHS + 1] = { 0 };
  guint n = 0;
  gint32 end = today;

  n_months = MIN (n_months, MAX_MONTHS);
  /* The month ends, newest first, then put in order. */
  for (guint i = 0; i < n_months; i++)
    {
      end = end_of_previous_month (end);
      if (end < first_day)
        break;
      ends[n++] = end;
    }
  for (guint i = 0; i < n / 2; i++)
    {
      gint32 t = ends[i];

      ends[i] = ends[n - 1 - i];
      ends[n - 1 - i] = t;
    }
  ends[n] = today;

  if (n_accounts > 0)
    qsort (ids, n_accounts, sizeof (guint32), cmp_u32);
  /* after[k]: booked on a counted account after ends[k], up to ends[k+1]. */
  for (gsize i = 0; i < n_txns && n > 0; i++)
    {
      const FpTxn *t = &txns[i];
      guint lo = 0, hi = n;

      if (t->day <= ends[0] || t->day > today || (t->flags & (FP_TXN_DECLINED | FP_TXN_PENDING)) != 0 ||
          bsearch (&t->account_id, ids, n_accounts, sizeof (guint32), cmp_u32) == NULL)
        continue;
      /* The last k with ends[k] < day. */
      while (hi - lo > 1)
        {
          guint mid = (lo + hi) / 2;

          if (ends[mid] < t->day)
            lo = mid;
          else
            hi = mid;
        }
      after[lo] += t->amount_minor;
    }

  {
    gint64 later = 0;
    FpWealthPoint p;

    g_array_set_size (out, n + 1);
    p.day = today;
    p.net_worth_minor = accounts_minor + fixed_minor;
    g_array_index (out, FpWealthPoint, n) = p;
    for (guint k = n; k-- > 0;)
      {
        later += after[k];
        p.day = ends[k];
        p.net_worth_minor = accounts_minor - later + fixed_minor;
        g_array_index (out, FpWealthPoint, k) = p;
      }
  }
  return out;
}
