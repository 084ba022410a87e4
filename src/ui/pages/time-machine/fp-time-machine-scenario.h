/* fp-time-machine-scenario.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-change-editor.h"
#include "fp-goal-editor.h"
#include "fp-simulator.h"
#include "fp-starting-point.h"
#include "fp-time-machine-loader.h"

G_BEGIN_DECLS

/**
 * FpTimeMachineInputs:
 * @start: the starting point as the editor shows it
 * @changes: the changes
 * @goals: the goals
 * @events: (array length=n_events): the life events within the horizon
 * @n_events: how many
 * @accounts: (nullable): the starting point from the accounts, when it
 *   comes from them: spending and debts then keep their categories and
 *   rates
 * @spending_edited: whether the customer changed the accounts' spending
 * @debt_edited: whether they changed the accounts' debts
 * @market: the bank's assumptions, or none
 * @currency: the ISO 4217 code of the amounts
 * @nominal: whether results are in future money rather than today's
 *
 * Everything a scenario is built from, as the Time Machine's parts show
 * it.
 */
typedef struct {
  FpStartValues              start;
  FpChangeValues             changes;
  FpGoalValues               goals;
  FpSimEvent                 events[FP_SIM_MAX_EVENTS];
  guint                      n_events;
  const FpAccountsStart     *accounts;
  gboolean                   spending_edited;
  gboolean                   debt_edited;
  const FpMarketAssumptions *market;
  const char                *currency;
  gboolean                   nominal;
} FpTimeMachineInputs;

/* A first, coarse run; the refined one has ten times the paths. */
#define FP_TIME_MACHINE_COARSE_PATHS  1000
#define FP_TIME_MACHINE_REFINED_PATHS 10000

/* The built-in return assumptions, when the bank gives none. */
#define FP_TIME_MACHINE_EQUITY_RETURN 0.07
#define FP_TIME_MACHINE_BOND_RETURN   0.03

guint   fp_time_machine_horizon_months (double                     age);
gint64  fp_time_machine_value_minor    (double                     value);
guint   fp_time_machine_value_uint     (double                     value);
void    fp_time_machine_build_scenario (const FpTimeMachineInputs *inputs,
                                        gboolean                   with_changes,
                                        FpScenario                *scenario);

G_END_DECLS
