/* fp-wealth-start.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain fields rather than the Time Machine's FpAccountsStart: the loader's
 * header and core's portfolio header each name an FpMarketAssumptions.
 */

#pragma once

#include "fp-cache.h"
#include "fp-simulator.h"

G_BEGIN_DECLS

guint fp_wealth_start_add_manual (FpCache    *cache,
                                  const char *currency,
                                  gint64     *cash_minor,
                                  gint64     *investments_minor,
                                  gint64     *debt_minor,
                                  FpSimDebt  *debts,
                                  guint      *n_debts);

G_END_DECLS
