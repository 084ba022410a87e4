/* fp-sim-paths.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The paths' start and the choice of the inner loop. The inner loop
 * (fp-sim-kernel.c) is built once per instruction set; the best one the
 * processor runs is chosen once, at the first simulation: AVX-512 (F, DQ,
 * VL, BW), else AVX2, else the portable build. All give the same bits.
 * fp_sim_kernel_force() picks one by name, so that the tests compare them
 * in one run and the benchmark measures each.
 */

#define G_LOG_DOMAIN "fp-sim-paths"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-random-private.h"
#include "fp-sim-private.h"

double fp_sim_exp2_16[16] __attribute__ ((aligned (64)));

static gboolean
cpu_has_avx2 (void)
{
#if defined(FP_SIM_HAVE_AVX2)
  __builtin_cpu_init ();
  return __builtin_cpu_supports ("avx2");
#else
  return FALSE;
#endif
}

static gboolean
cpu_has_avx512 (void)
{
#if defined(FP_SIM_HAVE_AVX512)
  __builtin_cpu_init ();
  return __builtin_cpu_supports ("avx512f") && __builtin_cpu_supports ("avx512dq") &&
         __builtin_cpu_supports ("avx512vl") && __builtin_cpu_supports ("avx512bw");
#else
  return FALSE;
#endif
}

/* Best first. */
static const struct {
  FpSimKernel   kernel;
  gboolean    (*supported) (void);
} kernels[] = {
#if defined(FP_SIM_HAVE_AVX512)
  { { "avx512", fp_sim_kernel_run_avx512, fp_sim_kernel_scan_avx512,
      fp_sim_kernel_normals_avx512, fp_sim_kernel_exp_avx512 }, cpu_has_avx512 },
#endif
#if defined(FP_SIM_HAVE_AVX2)
  { { "avx2", fp_sim_kernel_run_avx2, fp_sim_kernel_scan_avx2,
      fp_sim_kernel_normals_avx2, fp_sim_kernel_exp_avx2 }, cpu_has_avx2 },
#endif
  { { "portable", fp_sim_kernel_run_portable, fp_sim_kernel_scan_portable,
      fp_sim_kernel_normals_portable, fp_sim_kernel_exp_portable }, NULL },
};

static const FpSimKernel *forced;

static gpointer
init_tables (gpointer data)
{
  FpRandom ready;

  /* Seeding a stream makes fp-random's tables ready. */
  fp_random_init_stream (&ready, 0, 0);

  /* 2^(j/16) = 2^(4j/64): fp-random's table, rounded once from long
   * double, so that it does not depend on the libm. */
  for (guint j = 0; j < 16; j++)
    fp_sim_exp2_16[j] = fp_random_exp2_table[4 * j];

  for (guint i = 0; i < G_N_ELEMENTS (kernels); i++)
    if (kernels[i].supported == NULL || kernels[i].supported ())
      return (gpointer) &kernels[i].kernel;

  g_assert_not_reached ();
}

/**
 * fp_sim_kernel:
 *
 * Returns: the inner loop to run: the fastest this processor has, or the
 *   one fp_sim_kernel_force() chose
 */
const FpSimKernel *
fp_sim_kernel (void)
{
  static GOnce once = G_ONCE_INIT;
  const FpSimKernel *best = g_once (&once, init_tables, NULL);
  const FpSimKernel *chosen = g_atomic_pointer_get (&forced);

  return chosen != NULL ? chosen : best;
}

/**
 * fp_sim_kernel_names:
 * @index: from 0
 *
 * Returns: (nullable): the name of the @index-th build of the inner loop
 *   this processor runs, best first; %NULL after the last
 */
const char *
fp_sim_kernel_names (guint index)
{
  for (guint i = 0; i < G_N_ELEMENTS (kernels); i++)
    if (kernels[i].supported == NULL || kernels[i].supported ())
      {
        if (index == 0)
          return kernels[i].kernel.name;
        index--;
      }

  return NULL;
}

/**
 * fp_sim_kernel_force:
 * @name: (nullable): "avx512", "avx2" or "portable"; %NULL for the best
 *
 * For tests and benchmarks: runs every later simulation of the process
 * with the named build of the inner loop. The results do not change.
 *
 * Returns: %FALSE if this processor (or build) does not have it
 */
gboolean
fp_sim_kernel_force (const char *name)
{
  fp_sim_kernel ();

  if (name == NULL)
    {
      g_atomic_pointer_set (&forced, NULL);
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (kernels); i++)
    if (g_str_equal (kernels[i].kernel.name, name) &&
        (kernels[i].supported == NULL || kernels[i].supported ()))
      {
        g_atomic_pointer_set (&forced, &kernels[i].kernel);
        return TRUE;
      }

  return FALSE;
}

/* Starts the 64 paths of @block from today, path @first_path first. */
void
fp_sim_block_init (const FpSimPlan *plan,
                   FpSimBlock      *block,
                   guint            first_path)
{
  fp_sim_kernel ();

  for (guint p = 0; p < FP_SIM_BLOCK; p++)
    {
      FpRandom rng;

      fp_random_init_stream (&rng, plan->seed, (guint64) first_path + p);
      for (guint k = 0; k < 4; k++)
        block->rng[k][p] = rng.s[k];
      block->cash[p] = plan->start_cash;
      block->inflation[p] = plan->inflation_start;
      block->cpi[p] = 1.0;
      block->ruin_month[p] = -1;
    }

  for (guint i = 0; i < FP_SIM_MAX_ASSETS; i++)
    for (guint p = 0; p < FP_SIM_BLOCK; p++)
      block->holdings[i][p] = i < plan->n_assets ? plan->start_holdings[i] : 0.0;
  for (guint h = 0; h < FP_SIM_MAX_HOMES; h++)
    for (guint p = 0; p < FP_SIM_BLOCK; p++)
      block->mortgage_scale[h][p] = 0.0;
  for (guint g = 0; g < FP_SIM_MAX_GOALS; g++)
    for (guint p = 0; p < FP_SIM_BLOCK; p++)
      block->goal_month[g][p] = g < plan->n_goals ? plan->start_goal_month[g] : -1;
}
