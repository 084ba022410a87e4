/* fp-sim-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Between the simulator's driver (fp-simulator.c), its inner loop
 * (fp-sim-kernel.c, chosen in fp-sim-paths.c) and its percentiles
 * (fp-sim-guide.c, fp-sim-select.c): the plan every path shares, the state
 * of a block of paths stored lane by lane (structure of arrays) so that
 * the month step vectorises across paths, and the guides and summaries of
 * the percentiles.
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

/* A guide for the percentiles of one column (fp-sim-guide.c): up to
 * FP_SIM_GUIDE_MAX disjoint intervals, sorted, expected to hold the values
 * of the percentiles' ranks. */
#define FP_SIM_GUIDE_MAX 5

typedef struct __attribute__ ((aligned (64))) {
  /* hi_by_k[k] is the upper end of interval k - 1; hi_by_k[0] and the
   * entries after the last interval are -inf. A value v lies in interval
   * k - 1 exactly when k = #{j : lo[j] <= v} and v <= hi_by_k[k]. */
  double hi_by_k[8];
  double lo[FP_SIM_GUIDE_MAX];   /* -inf after the last interval */
  guint  n;                      /* intervals, at least 1 */
} FpSimGuide;

/* A chunk of months, as every block of paths runs it. */
typedef struct {
  const FpSimPlan  *plan;
  guint             first_month;
  guint             last_month;
  /* Net worth and cash of the result, month-major: month m of path p at
   * columns[q][(m - first_month) * stride + p]; 64-byte aligned. */
  double           *columns[2];
  gsize             stride;
} FpSimChunk;

double   fp_sim_monthly_spending_real (const FpScenario *scenario);
gboolean fp_sim_cholesky              (const double      a[FP_SIM_MAX_ASSETS][FP_SIM_MAX_ASSETS],
                                       guint             n,
                                       double            l[FP_SIM_MAX_ASSETS][FP_SIM_MAX_ASSETS]);

void fp_sim_block_init (const FpSimPlan *plan,
                        FpSimBlock      *block,
                        guint            first_path);

/* The inner loop (fp-sim-kernel.c), built once per instruction set: runs
 * block @block_index through the months of @chunk. */
typedef void (*FpSimKernelFunc) (const FpSimChunk *chunk,
                                 FpSimBlock       *block,
                                 guint             block_index);

/* And the scan of a column (64-byte aligned) for guided percentiles:
 * counts the values below each interval of @guide in @below, copies
 * those inside an interval to @inside and the interval's index + 1 to
 * @interval (both with room for @n + 8), in order; returns how many. */
typedef gsize (*FpSimScanFunc) (const double     *values,
                                gsize             n,
                                const FpSimGuide *guide,
                                gsize            *below,
                                double           *inside,
                                gint64           *interval);

typedef struct {
  const char      *name;       /* "avx512", "avx2", "portable" */
  FpSimKernelFunc  run;
  FpSimScanFunc    scan;
  /* For the tests: the next four normals of eight xoshiro256** streams
   * (64-byte aligned arrays), and e^x for @n (a multiple of 8) aligned
   * values, as the month step computes them. */
  void           (*normals) (guint64       state[4][8],
                             double        out[4][8]);
  void           (*exp)     (const double *x,
                             double       *out,
                             gsize         n);
} FpSimKernel;

/* A table the kernels share, ready after fp_sim_kernel(). */
extern double fp_sim_exp2_16[16];           /* 2^(j/16) */

const FpSimKernel *fp_sim_kernel       (void);
gboolean           fp_sim_kernel_force (const char *name);
const char        *fp_sim_kernel_names (guint       index);

/* The builds of the kernel; the x86-64 ones exist when meson defines
 * FP_SIM_HAVE_AVX2 / FP_SIM_HAVE_AVX512. */
#define FP_SIM_DECLARE_KERNEL(variant)                                         \
  void  fp_sim_kernel_run_ ## variant  (const FpSimChunk *chunk,              \
                                        FpSimBlock       *block,              \
                                        guint             block_index);       \
  gsize fp_sim_kernel_scan_ ## variant (const double     *values,             \
                                        gsize             n,                  \
                                        const FpSimGuide *guide,              \
                                        gsize            *below,              \
                                        double           *inside,             \
                                        gint64           *interval);          \
  void  fp_sim_kernel_normals_ ## variant (guint64        state[4][8],        \
                                           double         out[4][8]);         \
  void  fp_sim_kernel_exp_ ## variant  (const double     *x,                  \
                                        double           *out,                \
                                        gsize             n);
FP_SIM_DECLARE_KERNEL (portable)
FP_SIM_DECLARE_KERNEL (avx2)
FP_SIM_DECLARE_KERNEL (avx512)

G_END_DECLS
G_END_DECLS
