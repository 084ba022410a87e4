/* fp-time-machine-loader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fp-cache.h"
#include "fp-simulator.h"
#include "fp-starting-point.h"

G_BEGIN_DECLS

/* Kept scenarios built from the customer's accounts have ids with this
 * prefix: they are shown only while the consent to personalization lasts. */
#define FP_TIME_MACHINE_ACCOUNTS_PREFIX "accounts-"

/**
 * FpMarketAssumptions:
 * @have_assets: whether the bank's equity and bond figures were usable
 * @equity_return: the expected annual return of shares
 * @equity_volatility: its volatility
 * @bond_return: the expected annual return of bonds
 * @bond_volatility: its volatility
 * @rho: their correlation
 * @assets_as_of: the day of the bank's figures, YYYY-MM-DD
 * @have_inflation: whether the bank's inflation assumption was usable
 * @inflation: the inflation process it gives
 *
 * The bank's capital-market assumptions, as the page uses them.
 */
typedef struct
{
  gboolean       have_assets;
  double         equity_return;
  double         equity_volatility;
  double         bond_return;
  double         bond_volatility;
  double         rho;
  char           assets_as_of[16];
  gboolean       have_inflation;
  FpSimInflation inflation;
} FpMarketAssumptions;

/**
 * FpAccountsStart:
 * @currency: the accounts' currency
 * @as_of_day: the day of the figures
 * @cash_minor: current accounts and savings (not below zero)
 * @investments_minor: investments
 * @income_minor: the engine's monthly income
 * @spending_minor: the engine's monthly spending
 * @debt_minor: all debts together
 * @n_categories: spending categories
 * @categories: the monthly spending split by category, adding up to
 *   @spending_minor
 * @n_debts: debts
 * @debts: credit cards and loans, each with its rate and payment
 *
 * The starting point read from the customer's accounts.
 */
typedef struct
{
  char          currency[4];
  gint32        as_of_day;
  gint64        cash_minor;
  gint64        investments_minor;
  gint64        income_minor;
  gint64        spending_minor;
  gint64        debt_minor;
  guint         n_categories;
  FpSimCategory categories[FP_SIM_MAX_CATEGORIES];
  guint         n_debts;
  FpSimDebt     debts[FP_SIM_MAX_DEBTS];
} FpAccountsStart;

/**
 * FpKeptScenario:
 * @scenario: the scenario
 * @result: its simulation
 * @card: (nullable): its card on the page, once shown
 * @number: its number, as in "Scenario 2"
 * @id: (nullable): its id in the cache's scenarios table
 *
 * A scenario the customer kept for comparison.
 */
typedef struct
{
  FpScenario          scenario;
  FpSimulationResult *result;
  GtkWidget          *card;
  guint               number;
  char               *id;
} FpKeptScenario;

/**
 * FpTimeMachineLoad:
 * @source: where the starting point comes from
 * @start: with %FP_START_FROM_ACCOUNTS, the starting point
 * @market: the bank's assumptions (@have_assets and @have_inflation say
 *   which)
 * @saved: (element-type FpKeptScenario): the kept scenarios, simulated
 *   again
 * @currency: the customer's home currency (fp_money_home_currency() of the
 *   accounts, the locale's without any): also the example households' and
 *   a starting point typed by hand's, with or without consent
 *
 * What the Time Machine reads from the cache.
 */
typedef struct
{
  FpStartSource        source;
  FpAccountsStart      start;
  FpMarketAssumptions  market;
  GPtrArray           *saved;
  char                 currency[4];
} FpTimeMachineLoad;

void               fp_kept_scenario_free      (FpKeptScenario       *kept);
void               fp_time_machine_load_async (gpointer              source_object,
                                               FpCache              *cache,
                                               gboolean              personalized,
                                               guint                 max_saved,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
FpTimeMachineLoad *fp_time_machine_load_finish (GAsyncResult        *result,
                                               GError              **error);
void               fp_time_machine_load_free  (FpTimeMachineLoad    *load);

G_END_DECLS
