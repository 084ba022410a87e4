/* fp-sim-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Between the simulator's driver (fp-simulator.c) and its inner loop
 * (fp-sim-paths.c): the plan every path shares, and the state of a block
 * of paths stored lane by lane (structure of arrays) so that the month
 * step vectorises across paths.
 */

#pragma once

#include "fp-simulator.h"

G_BEGIN_DECLS

/* Paths simulated together, one per lane. */
#define FP_SIM_BLOCK     64
#define FP_SIM_MAX_HOMES 8

typedef struct {
  guint   month;
  double  mortgage_real;
  double *unit_payment;   /* per month, of a mortgage of 1 taken at @month */
  double *unit_balance;
} FpSimHomeLoan;

typedef struct {
  FpSimGoalKind kind;
  double        target_real;
  guint         deadline;
} FpSimGoalPlan;

/* Everything about a scenario that does not depend on the path. */
typedef struct {
  guint         n_months;
  guint         n_paths;
  guint64       seed;
  gboolean      nominal;

  guint         n_assets;
  double        start_holdings[FP_SIM_MAX_ASSETS];
  double        allocation[FP_SIM_MAX_ASSETS];
  double        log_mean[FP_SIM_MAX_ASSETS];
  double        growth[FP_SIM_MAX_ASSETS];     /* e^log_mean, without volatility */
  double        chol[FP_SIM_MAX_ASSETS][FP_SIM_MAX_ASSETS];  /* volatility × Cholesky factor */
  gboolean      random_returns;
  gboolean      bootstrap;
  double       *history_growth;   /* 1 + return, n_history × n_assets */
  guint         n_history;
  gboolean      rebalance;

  double        inflation_mean;
  double        inflation_start;
  double        inflation_volatility;
  double        inflation_persistence;
  gboolean      inflation_random;

  double        start_cash;
  double        cash_growth;

  /* Indexed by month 0 … n_months. */
  double       *real_flow;
  double       *contribution;
  double       *debt_payment;
  double       *debt_balance;
  double       *home_real;
  guint8       *home_month;

  guint         n_homes;
  FpSimHomeLoan      homes[FP_SIM_MAX_HOMES];

  guint         n_goals;
  FpSimGoalPlan      goals[FP_SIM_MAX_GOALS];
  gint          start_goal_month[FP_SIM_MAX_GOALS];
  gint          retirement_month;
} FpSimPlan;

/* The state of FP_SIM_BLOCK paths between months; every array is 64-byte
 * aligned (the block is, and each array is a multiple of 64 bytes). */
typedef struct __attribute__ ((aligned (64))) {
  guint64 rng[4][FP_SIM_BLOCK];      /* xoshiro256** state, per lane */
  double  cash[FP_SIM_BLOCK];
  double  inflation[FP_SIM_BLOCK];
  double  cpi[FP_SIM_BLOCK];
  double  holdings[FP_SIM_MAX_ASSETS][FP_SIM_BLOCK];
  double  mortgage_scale[FP_SIM_MAX_HOMES][FP_SIM_BLOCK];
  gint64  goal_month[FP_SIM_MAX_GOALS][FP_SIM_BLOCK];   /* -1: not yet */
  gint64  ruin_month[FP_SIM_BLOCK];
} FpSimBlock;

double   fp_sim_monthly_spending_real (const FpScenario *scenario);
gboolean fp_sim_cholesky              (const double      a[FP_SIM_MAX_ASSETS][FP_SIM_MAX_ASSETS],
                                       guint             n,
                                       double            l[FP_SIM_MAX_ASSETS][FP_SIM_MAX_ASSETS]);

void fp_sim_block_init  (const FpSimPlan *plan,
                         FpSimBlock      *block,
                         guint            first_path);
/* @net_worth_out and @cash_out must be 32-byte aligned. */
void fp_sim_block_month (const FpSimPlan *plan,
                         FpSimBlock      *block,
                         guint            month,
                         double          *net_worth_out,
                         double          *cash_out);

G_END_DECLS
