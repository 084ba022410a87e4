/* fp-wealth-start.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Time Machine starts from everything the customer owns and owes: to
 * the starting point read from the accounts, the items added by hand in
 * the Holistic Wealth Optimizer (the local-only `manual_assets` table)
 * are added as the simulator can carry them:
 *  - an account at another bank is cash;
 *  - a pension is invested money;
 *  - a mortgage or another debt is a debt at its rate, repaid as an
 *    annuity (25 years for a mortgage, 5 for another debt, as no payment
 *    is known);
 *  - a home, a car or another asset is not money the simulation can
 *    spend or invest, and is left out of it.
 * Items in another currency than the starting point's are left out.
 */

#define G_LOG_DOMAIN "fp-wealth"

#include "config.h"

#include "fp-cache-assets.h"
#include "fp-wealth-start.h"

#define MORTGAGE_MONTHS 300
#define DEBT_MONTHS 60

/**
 * fp_wealth_start_add_manual:
 * @cache: the cache
 * @currency: the starting point's currency
 * @cash_minor: (inout): its cash
 * @investments_minor: (inout): its investments
 * @debt_minor: (inout): its debts together
 * @debts: (array fixed-size=FP_SIM_MAX_DEBTS): its debts
 * @n_debts: (inout): how many
 *
 * Adds the manual items to a starting point read from the accounts
 * (worker thread).
 *
 * Returns: how many were added
 */
guint
fp_wealth_start_add_manual (FpCache    *cache,
                            const char *currency,
                            gint64     *cash_minor,
                            gint64     *investments_minor,
                            gint64     *debt_minor,
                            FpSimDebt  *debts,
                            guint      *n_debts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assets = fp_cache_list_manual_assets (cache, &error);
  guint added = 0, n_manual = 0;

  if (assets == NULL)
    {
      g_debug ("No manual assets for the starting point: %s", error->message);
      return 0;
    }
  for (guint i = 0; i < assets->len; i++)
    {
      const FpManualAsset *m = g_ptr_array_index (assets, i);

      if (g_strcmp0 (m->currency, currency) != 0)
        continue;
      switch (m->kind)
        {
        case FP_WEALTH_OTHER_ACCOUNT:
          *cash_minor += MAX (0, m->value_minor);
          added++;
          break;
        case FP_WEALTH_PENSION:
          *investments_minor += MAX (0, m->value_minor);
          added++;
          break;
        case FP_WEALTH_MORTGAGE:
        case FP_WEALTH_OTHER_DEBT:
          if (m->value_minor < 0 && *n_debts < FP_SIM_MAX_DEBTS)
            {
              FpSimDebt *debt = &debts[(*n_debts)++];

              g_snprintf (debt->id, sizeof debt->id, "manual-%u", ++n_manual);
              debt->balance_minor = -m->value_minor;
              debt->annual_rate = CLAMP (m->rate_bps, 0, 10000) / 10000.0;
              debt->payment_minor = 0;
              debt->remaining_months = m->kind == FP_WEALTH_MORTGAGE ? MORTGAGE_MONTHS : DEBT_MONTHS;
              *debt_minor += debt->balance_minor;
              added++;
            }
          break;
        case FP_WEALTH_HOME:
        case FP_WEALTH_CAR:
        case FP_WEALTH_OTHER_ASSET:
        case FP_WEALTH_CASH:
        case FP_WEALTH_SAVINGS:
        case FP_WEALTH_HOLDING:
        case FP_WEALTH_CARD_DEBT:
        case FP_WEALTH_LOAN:
        default:
          break;
        }
    }
  return added;
}
