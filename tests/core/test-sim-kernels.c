/* test-sim-kernels.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The simulator's inner loop, built once per instruction set: every build
 * this processor runs (forced in turn through fp_sim_kernel_force(), the
 * portable one always among them) gives the same bits, for the whole
 * result and for its pieces; its normals against a double-precision
 * Box–Muller transform of the same bits and against the normal
 * distribution; its exponential against long double; the guided
 * percentiles and the branch-free selection against sorting.
 */

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fp-random.h"
#include "fp-sim-guide.h"
#include "fp-sim-private.h"
#include "fp-sim-select.h"
#include "fp-simulator.h"
#include "sim-test-scenarios.h"

static const double fractions[FP_SIM_N_PERCENTILES] = { 0.05, 0.25, 0.50, 0.75, 0.95 };

static guint
n_kernels (void)
{
  guint n = 0;

  while (fp_sim_kernel_names (n) != NULL)
    n++;
  return n;
}

static void
force (const char *name)
{
  g_assert_true (fp_sim_kernel_force (name));
  if (name != NULL)
    g_assert_cmpstr (fp_sim_kernel ()->name, ==, name);
}

/* The scenarios every kernel must agree on: each specialisation of the
 * month step (1 to 4 asset classes, and more), bootstrap, no randomness,
 * fixed inflation, nominal money, events, ruin and rebalancing, path
 * counts that are not multiples of 8 or 64. */
static guint
make_scenarios (FpScenario *s)
{
  static const double history[] = { 0.02, 0.01, -0.03, 0.00, 0.01, 0.04, -0.05, 0.03, 0.015, 0.0 };
  FpSimEvent home = { FP_SIM_EVENT_HOME_PURCHASE, 100, 1000000, 30000000, 0.05, 240, 0 };
  FpSimEvent windfall = { FP_SIM_EVENT_WINDFALL, 90, 10000000, 0, 0.0, 0, 0 };
  FpSimEvent pause = { FP_SIM_EVENT_CAREER_BREAK, 50, 0, 0, 0.0, 24, 0 };
  guint n = 0;

  random_scenario (&s[n]);
  s[n].n_paths = 1000;
  n++;

  for (guint na = 1; na <= 6; na++)
    {
      random_scenario (&s[n]);
      s[n].n_paths = 333 + 64 * na;
      s[n].horizon_months = 200;
      s[n].n_assets = 0;
      for (guint i = 0; i < na; i++)
        fp_scenario_add_asset (&s[n], "a", 0.02 + 0.01 * i, 0.04 + 0.03 * i, 1000000 * i, 1.0 / na);
      s[n].assets[0].allocation = 1.0 - (na - 1) * (1.0 / na);
      for (guint i = 0; i < na; i++)
        for (guint j = 0; j < na; j++)
          s[n].correlation[i][j] = i == j ? 1.0 : 0.1;
      n++;
    }

  random_scenario (&s[n]);
  s[n].n_paths = 517;
  s[n].n_assets = 2;
  s[n].assets[0].allocation = 0.6;
  s[n].assets[1].allocation = 0.4;
  s[n].return_model = FP_SIM_RETURNS_BOOTSTRAP;
  s[n].history_returns = history;
  s[n].n_history_months = G_N_ELEMENTS (history) / 2;
  n++;

  random_scenario (&s[n]);
  s[n].n_paths = 700;
  s[n].inflation.volatility = 0.0;
  s[n].results_nominal = TRUE;
  fp_scenario_add_event (&s[n], &home);
  fp_scenario_add_event (&s[n], &windfall);
  fp_scenario_add_event (&s[n], &pause);
  n++;

  random_scenario (&s[n]);
  s[n].n_paths = 1100;
  s[n].rebalance_yearly = TRUE;
  s[n].monthly_income_minor = 300000;
  s[n].start_cash_minor = 100000;
  n++;

  deterministic_scenario (&s[n]);
  s[n].horizon_months = 120;
  s[n].n_paths = 600;
  s[n].monthly_income_minor = 50000;
  s[n].monthly_contribution_minor = 50000;
  fp_scenario_add_asset (&s[n], "equities", 0.06, 0.0, 1000000, 1.0);
  n++;

  return n;
}

/* The whole result is the same bits with every kernel, and with 1 or 3
 * threads on the portable one. */
static void
test_same_bits (void)
{
  FpScenario s[16];
  guint n = make_scenarios (s);

  for (guint k = 0; k < n; k++)
    {
      g_autoptr(FpSimulationResult) reference = NULL;

      force ("portable");
      reference = run (&s[k], 1);

      for (guint i = 0; i < n_kernels (); i++)
        {
          g_autoptr(FpSimulationResult) r = NULL;

          force (fp_sim_kernel_names (i));
          r = run (&s[k], 2);
          g_test_message ("scenario %u, %s", k, fp_sim_kernel_names (i));
          assert_results_equal (reference, r);
        }

      {
        g_autoptr(FpSimulationResult) three = NULL;

        force ("portable");
        three = run (&s[k], 3);
        assert_results_equal (reference, three);
      }
    }

  force (NULL);
}

/* The eight lanes' streams, seeded as the simulator seeds paths. */
static void
seed_lanes (guint64  state[4][8],
            FpRandom reference[8],
            guint64  seed)
{
  for (guint lane = 0; lane < 8; lane++)
    {
      fp_random_init_stream (&reference[lane], seed, lane);
      for (guint k = 0; k < 4; k++)
        state[k][lane] = reference[lane].s[k];
    }
}

static double
normal_cdf (double x)
{
  return 0.5 * erfc (-x / G_SQRT2);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The normals: Box and Muller's transform of the same bits, in double
 * precision with libm, as the reference; then the distribution itself. */
static void
test_normals (void)
{
  const guint rounds = 1 << 15;   /* × 32 = 2^20 normals */
  const gsize n = (gsize) rounds * 32;
  g_autofree double *first = g_new (double, n);

  for (guint i = 0; i < n_kernels (); i++)
    {
      const FpSimKernel *kernel;
      guint64 state[4][8] __attribute__ ((aligned (64)));
      double out[4][8] __attribute__ ((aligned (64)));
      FpRandom reference[8];
      double worst_same_input = 0.0, worst_exact_input = 0.0, largest = 0.0;
      double sum = 0.0, sum2 = 0.0, sum4 = 0.0;
      gsize beyond_196 = 0, beyond_35 = 0, t = 0;

      force (fp_sim_kernel_names (i));
      kernel = fp_sim_kernel ();
      seed_lanes (state, reference, 2026);

      for (guint r = 0; r < rounds; r++)
        {
          kernel->normals (state, out);
          for (guint lane = 0; lane < 8; lane++)
            {
              guint64 bits_u = fp_random_next (&reference[lane]);
              guint64 bits_v = fp_random_next (&reference[lane]);

              for (guint half = 0; half < 2; half++)
                {
                  guint32 bu = (guint32) (bits_u >> (32 * half));
                  guint32 bv = (guint32) (bits_v >> (32 * half));
                  /* The kernel's u: 31 bits rounded to a float. */
                  double u_float = (double) ((float) (bu >> 1) * 0x1.0p-31f + 0x1.0p-32f);
                  double u_exact = ((bu >> 1) + 0.5) * 0x1.0p-31;
                  double angle = 2.0 * G_PI * (bv * 0x1.0p-32);
                  double r_float = sqrt (-2.0 * log (u_float));
                  double r_exact = sqrt (-2.0 * log (u_exact));
                  double z[2] = { out[2 * half][lane], out[2 * half + 1][lane] };
                  double want_float[2] = { r_float * cos (angle), r_float * sin (angle) };
                  double want_exact[2] = { r_exact * cos (angle), r_exact * sin (angle) };

                  for (guint c = 0; c < 2; c++)
                    {
                      worst_same_input = MAX (worst_same_input, fabs (z[c] - want_float[c]));
                      worst_exact_input = MAX (worst_exact_input, fabs (z[c] - want_exact[c]));
                      largest = MAX (largest, fabs (z[c]));
                      sum += z[c];
                      sum2 += z[c] * z[c];
                      sum4 += z[c] * z[c] * z[c] * z[c];
                      beyond_196 += fabs (z[c]) > 1.959963984540054;
                      beyond_35 += z[c] > 3.5;
                      if (i == 0)
                        first[t] = z[c];
                      else
                        g_assert_cmpfloat (z[c], ==, first[t]);
                      t++;
                    }
                }
            }
        }

      g_test_message ("%s: %" G_GSIZE_FORMAT " normals; largest error %.2e against the same float inputs, "
                      "%.2e against exact inputs; largest |z| %.3f",
                      kernel->name, n, worst_same_input, worst_exact_input, largest);

      /* The transform, polynomials in single precision: within 1e-6 of
       * libm's on the same inputs. The inputs are 31-bit uniforms rounded
       * to floats: near u = 1, 1 - u is a multiple of 2^-25, which moves
       * a normal near 0 (|z| < 0.01, probability 1 %) by up to 2.5e-4. */
      g_assert_cmpfloat (worst_same_input, <, 1e-6);
      g_assert_cmpfloat (worst_exact_input, <, 3e-4);
      /* The radius ends at √(64 ln 2) = 6.66. */
      g_assert_cmpfloat (largest, <=, 6.67);

      /* Moments and tail masses within five standard errors. */
      g_assert_cmpfloat (fabs (sum / n), <, 5.0 / sqrt (n));
      g_assert_cmpfloat (fabs (sum2 / n - 1.0), <, 5.0 * sqrt (2.0 / n));
      g_assert_cmpfloat (fabs (sum4 / n - 3.0), <, 5.0 * sqrt (96.0 / n));
      g_assert_cmpfloat (fabs (beyond_196 / (double) n - 0.05), <, 5.0 * sqrt (0.05 * 0.95 / n));
      {
        double p = 0.5 * erfc (3.5 / G_SQRT2);

        g_assert_cmpfloat (fabs (beyond_35 / (double) n - p), <, 5.0 * sqrt (p * (1.0 - p) / n));
      }
    }

  /* Kolmogorov–Smirnov against Φ: D √n below 1.63 (1 % level). */
  {
    double d = 0.0;

    qsort (first, n, sizeof (double), compare_doubles);
    for (gsize k = 0; k < n; k++)
      {
        double f = normal_cdf (first[k]);

        d = MAX (d, MAX (fabs (f - (double) k / n), fabs ((double) (k + 1) / n - f)));
      }
    g_test_message ("Kolmogorov–Smirnov: D √n = %.3f", d * sqrt (n));
    g_assert_cmpfloat (d * sqrt (n), <, 1.63);
  }

  force (NULL);
}

/* e^x against long double over the whole range, and clamped beyond ±8. */
static void
test_exp (void)
{
  const gsize n = 1 << 18;
  g_autofree double *x = g_aligned_alloc (n, sizeof (double), 64);
  g_autofree double *y = g_aligned_alloc (n, sizeof (double), 64);
  g_autofree double *first = g_new (double, n);
  double edge_x[8] __attribute__ ((aligned (64))) = { 0.0, 8.0, -8.0, 20.0, -20.0, 1e-300, -1e-300, 8.0001 };
  double edge_y[8] __attribute__ ((aligned (64)));
  FpRandom rng;

  fp_random_init_stream (&rng, 11, 0);
  for (gsize k = 0; k < n; k++)
    x[k] = k % 2 ? 16.0 * fp_random_uniform (&rng) - 8.0 : 0.3 * (fp_random_uniform (&rng) - 0.5);

  for (guint i = 0; i < n_kernels (); i++)
    {
      double worst = 0.0;

      force (fp_sim_kernel_names (i));
      fp_sim_kernel ()->exp (x, y, n);
      for (gsize k = 0; k < n; k++)
        {
          long double want = expl ((long double) x[k]);
          double error = (double) (fabsl ((long double) y[k] - want) / want);

          worst = MAX (worst, error);
          if (i == 0)
            first[k] = y[k];
          else
            g_assert_cmpfloat (y[k], ==, first[k]);
        }
      g_test_message ("%s: largest relative error of e^x on [-8, 8]: %.2e", fp_sim_kernel ()->name, worst);
      g_assert_cmpfloat (worst, <, 4e-16);

      /* Exact at 0, clamped beyond ±8 (a validated scenario's monthly log
       * return never comes near). */
      fp_sim_kernel ()->exp (edge_x, edge_y, 8);
      g_assert_cmpfloat (edge_y[0], ==, 1.0);
      g_assert_cmpfloat (edge_y[3], ==, edge_y[1]);
      g_assert_cmpfloat (edge_y[7], ==, edge_y[1]);
      g_assert_cmpfloat (edge_y[4], ==, edge_y[2]);
      g_assert_cmpfloat (fabs (edge_y[1] / exp (8.0) - 1.0), <, 4e-16);
      g_assert_cmpfloat (edge_y[5], ==, 1.0);
      g_assert_cmpfloat (edge_y[6], ==, 1.0);
    }

  force (NULL);
}

/* The guided percentiles give the same bits as selecting in full, with
 * every kernel, whatever their guesses: close, far off, collapsed,
 * decreasing, not numbers; on columns with ties, of lengths that are not
 * multiples of eight. */
static void
test_column_percentiles (void)
{
  static const gsize sizes[] = { 63, 64, 65, 100, 1000, 1001, 4096, 10003 };
  FpRandom rng;

  fp_random_init_stream (&rng, 4, 0);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint round = 0; round < 14; round++)
      {
        gsize n = sizes[s];
        g_autofree double *values = g_new (double, n);
        g_autofree double *column = g_aligned_alloc (n, sizeof (double), 64);
        g_autofree double *scratch = g_new (double, FP_SIM_COLUMN_SCRATCH (n));
        double exact[5], previous[5], before[5];

        for (gsize i = 0; i < n; i++)
          values[i] = round % 4 == 0 ? (double) fp_random_below (&rng, 5)
                    : round % 7 == 3 ? 0.0
                    : 1000.0 * exp (0.4 * fp_random_normal (&rng)) - 1100.0;
        memcpy (column, values, n * sizeof (double));
        fp_sim_percentiles (column, n, fractions, 5, exact);

        for (guint q = 0; q < 5; q++)
          switch (round % 7)
            {
            case 0:   /* a month earlier, close */
            case 1:
              previous[q] = exact[q] * 0.99;
              before[q] = exact[q] * 0.98;
              break;
            case 2:   /* far off */
              previous[q] = exact[q] * 3.0 + 100.0;
              before[q] = exact[q];
              break;
            case 3:   /* collapsed */
              previous[q] = 1.0;
              before[q] = 1.0;
              break;
            case 4:   /* decreasing */
              previous[q] = -exact[q];
              before[q] = 0.0;
              break;
            case 5:   /* just right */
              previous[q] = exact[q];
              before[q] = exact[q];
              break;
            default:  /* not numbers */
              previous[q] = NAN;
              before[q] = INFINITY;
              break;
            }

        for (guint i = 0; i < n_kernels (); i++)
          {
            FpSimGuideStats stats = { 0 };
            double guided[5];

            force (fp_sim_kernel_names (i));
            memcpy (column, values, n * sizeof (double));
            fp_sim_column_percentiles (fp_sim_kernel (), column, n, fractions, previous,
                                       round % 2 ? before : NULL, scratch, guided, &stats);
            g_assert_cmpmem (exact, sizeof exact, guided, sizeof guided);
          }
      }

  force (NULL);
}

/* The branch-free selection against sorting: one rank, neighbours, many;
 * ties and constant columns; every length up to 70. */
static void
test_select_values (void)
{
  FpRandom rng;

  fp_random_init_stream (&rng, 9, 0);
  for (gsize n = 1; n <= 300; n += n < 70 ? 1 : 23)
    for (guint round = 0; round < 12; round++)
      {
        g_autofree double *values = g_new (double, n);
        g_autofree double *sorted = g_new (double, n);
        g_autofree double *tmp = g_new (double, n);
        gsize ranks[16];
        double out[16];
        guint n_ranks = 0;

        for (gsize i = 0; i < n; i++)
          values[i] = round % 3 == 0 ? (double) fp_random_below (&rng, 4)
                    : round % 5 == 1 ? 7.0
                    : fp_random_normal (&rng);
        memcpy (sorted, values, n * sizeof (double));
        qsort (sorted, n, sizeof (double), compare_doubles);

        /* Increasing ranks: adjacent pairs and spread ones. */
        for (gsize r = fp_random_below (&rng, (guint) n); r < n && n_ranks < 16;
             r += 1 + (round % 2 ? 0 : fp_random_below (&rng, (guint) n / 4 + 1)))
          ranks[n_ranks++] = r;

        fp_sim_select_values (values, n, ranks, n_ranks, tmp, out);
        for (guint k = 0; k < n_ranks; k++)
          g_assert_cmpfloat (out[k], ==, sorted[ranks[k]]);
      }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; fp_sim_kernel_names (i) != NULL; i++)
    g_test_message ("kernel %s", fp_sim_kernel_names (i));

  g_test_add_func ("/sim-kernels/same-bits", test_same_bits);
  g_test_add_func ("/sim-kernels/normals", test_normals);
  g_test_add_func ("/sim-kernels/exp", test_exp);
  g_test_add_func ("/sim-kernels/column-percentiles", test_column_percentiles);
  g_test_add_func ("/sim-kernels/select-values", test_select_values);

  return g_test_run ();
}
