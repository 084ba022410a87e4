/* bench-simulator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Time of the Monte-Carlo simulator (issue 17) for a realistic scenario
 * (three correlated asset classes, stochastic inflation, a debt, a child,
 * a home purchase with a mortgage, two goals), beside a reference in the
 * same run: a plain single-thread C loop over the same path-months with
 * two correlated lognormal assets (Cholesky), AR(1) inflation, libm's
 * exp and Box–Muller normals from a simple generator, and no
 * percentiles. Each figure is the median (and the best) of several runs,
 * with the one-minute load average read just before it: the machine may
 * be shared, and the targets are for a quiet one.
 *
 * FP_BENCH_SIZE=full: the whole result (net worth and cash percentiles,
 * goals, ruin: what `simulate --json` prints) at 1k and 10k paths × 480
 * months on 1 and 2 threads, the reference, the ratios and the targets;
 * the Time Machine page's runs (net worth only); each build of the inner
 * loop this processor has. FP_BENCH_SIZE=small (CI) proves it runs.
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fp-sim-private.h"
#include "fp-simulator.h"

typedef struct {
  double median_ms;
  double best_ms;
  double cpu_ms;      /* processor time of all threads, median */
  double load;        /* one-minute load average before */
} Timing;

static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return NAN;
  return g_ascii_strtod (text, NULL);
}

static double
cpu_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static Timing
summarise (double *wall,
           double *cpu,
           guint   repeats,
           double  load)
{
  Timing t;

  qsort (wall, repeats, sizeof (double), compare_doubles);
  qsort (cpu, repeats, sizeof (double), compare_doubles);
  t.median_ms = wall[repeats / 2];
  t.best_ms = wall[0];
  t.cpu_ms = cpu[repeats / 2];
  t.load = load;
  return t;
}

/* ------------------------------------------------------------------ */
/* The simulator                                                       */
/* ------------------------------------------------------------------ */

static void
bench_scenario (FpScenario *s,
                guint       n_paths,
                guint       n_months,
                gboolean    net_worth_only)
{
  FpSimEvent child = { FP_SIM_EVENT_CHILD, 36, 60000, 0, 0.0, 216, 0 };
  FpSimEvent home = { FP_SIM_EVENT_HOME_PURCHASE, 60, 6000000, 24000000, 0.04, 300, 0 };
  FpSimGoal retire = { FP_SIM_GOAL_RETIRE, 300000, 0, 65, 0, 0.04 };
  FpSimGoal fund = { FP_SIM_GOAL_EMERGENCY_FUND, 0, 6, 0, 120, 0.0 };

  fp_scenario_init (s);
  s->horizon_months = n_months;
  s->n_paths = n_paths;
  s->seed = 2026;
  s->current_age = 35;
  s->retirement_age = 65;
  s->start_cash_minor = 1500000;
  s->cash_annual_rate = 0.01;
  s->monthly_income_minor = 520000;
  s->income_real_growth = 0.01;
  s->retirement_income_minor = 150000;
  s->monthly_contribution_minor = 80000;
  s->extra_savings_minor = 20000;
  fp_scenario_add_category (s, "housing", 150000, 0.0);
  fp_scenario_add_category (s, "groceries", 60000, -0.1);
  fp_scenario_add_category (s, "leisure", 40000, 0.05);
  fp_scenario_add_debt (s, "car", 1200000, 0.06, 0, 48);
  fp_scenario_add_asset (s, "equities", 0.07, 0.16, 4000000, 0.6);
  fp_scenario_add_asset (s, "bonds", 0.03, 0.06, 2000000, 0.3);
  fp_scenario_add_asset (s, "real-estate", 0.05, 0.12, 0, 0.1);
  fp_scenario_set_correlation (s, 0, 1, 0.2);
  fp_scenario_set_correlation (s, 0, 2, 0.5);
  fp_scenario_set_correlation (s, 1, 2, 0.1);
  if (n_months >= child.month)
    fp_scenario_add_event (s, &child);
  if (n_months >= home.month)
    fp_scenario_add_event (s, &home);
  /* Goals within the horizon, so that it is not extended. */
  if (n_months >= 360)
    fp_scenario_add_goal (s, &retire);
  if (n_months >= fund.by_month)
    fp_scenario_add_goal (s, &fund);
  s->net_worth_only = net_worth_only;
}

static Timing
time_simulation (guint    n_paths,
                 guint    n_months,
                 guint    n_threads,
                 gboolean net_worth_only,
                 guint    repeats)
{
  FpScenario s;
  double wall[64], cpu[64];
  double load = load_average ();

  g_assert (repeats > 0 && repeats <= G_N_ELEMENTS (wall));
  bench_scenario (&s, n_paths, n_months, net_worth_only);

  for (guint r = 0; r < repeats; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FpSimulationResult) result = NULL;
      double cpu_start = cpu_now_ms ();
      gint64 start = g_get_monotonic_time ();

      result = fp_simulation_run (&s, n_threads, NULL, NULL, NULL, &error);
      wall[r] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[r] = cpu_now_ms () - cpu_start;
      g_assert_no_error (error);
      g_assert_cmpuint (result->n_points, ==, n_months + 1);
    }

  return summarise (wall, cpu, repeats, load);
}

/* ------------------------------------------------------------------ */
/* The reference: a plain loop, no percentiles                          */
/* ------------------------------------------------------------------ */

static inline guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* A uniform in (0, 1]. */
static inline double
uniform (guint64 *state)
{
  return ((splitmix64 (state) >> 11) + 1) * 0x1.0p-53;
}

/* Two lognormal assets correlated through the Cholesky factor of their
 * correlation, AR(1) inflation, Box–Muller normals (the second of each
 * pair kept for the next draw), libm's exp; the real wealth of every path
 * summed so that nothing is optimised away. */
static double
reference_loop (guint n_paths,
                guint n_months)
{
  const double sigma1 = 0.16 / sqrt (12.0), sigma2 = 0.06 / sqrt (12.0);
  const double mu1 = log1p (0.07) / 12.0 - 0.5 * sigma1 * sigma1;
  const double mu2 = log1p (0.03) / 12.0 - 0.5 * sigma2 * sigma2;
  const double rho = 0.2, rho_c = sqrt (1.0 - rho * rho);
  const double mean = 0.02, persistence = 0.95, volatility = 0.003;
  double total = 0.0;

  for (guint p = 0; p < n_paths; p++)
    {
      guint64 state = 2026 + (guint64) p * G_GUINT64_CONSTANT (0xD1B54A32D192ED03);
      double h1 = 40000.0, h2 = 20000.0, cpi = 1.0, inflation = 0.02;
      double spare = 0.0;
      gboolean have_spare = FALSE;

      for (guint m = 0; m < n_months; m++)
        {
          double z[3];

          for (guint k = 0; k < 3; k++)
            {
              if (have_spare)
                {
                  z[k] = spare;
                  have_spare = FALSE;
                }
              else
                {
                  double r = sqrt (-2.0 * log (uniform (&state)));
                  double angle = 2.0 * G_PI * uniform (&state);

                  z[k] = r * cos (angle);
                  spare = r * sin (angle);
                  have_spare = TRUE;
                }
            }

          h1 *= exp (mu1 + sigma1 * z[0]);
          h2 *= exp (mu2 + sigma2 * (rho * z[0] + rho_c * z[1]));
          inflation = mean + persistence * (inflation - mean) + volatility * z[2];
          cpi *= 1.0 + inflation / 12.0;
        }
      total += (h1 + h2) / cpi;
    }

  return total;
}

static Timing
time_reference (guint n_paths,
                guint n_months,
                guint repeats)
{
  double wall[64], cpu[64];
  double load = load_average ();
  volatile double sink = 0.0;

  g_assert (repeats > 0 && repeats <= G_N_ELEMENTS (wall));
  for (guint r = 0; r < repeats; r++)
    {
      double cpu_start = cpu_now_ms ();
      gint64 start = g_get_monotonic_time ();

      sink += reference_loop (n_paths, n_months);
      wall[r] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[r] = cpu_now_ms () - cpu_start;
    }
  (void) sink;

  return summarise (wall, cpu, repeats, load);
}

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

static void
print_timing (const char *what,
              Timing      t,
              guint64     path_months)
{
  g_print ("%-44s median %8.2f ms  best %8.2f ms  cpu %8.2f ms  %5.2f ns/path-month  (load %.2f)\n",
           what, t.median_ms, t.best_ms, t.cpu_ms, t.median_ms * 1e6 / (double) path_months, t.load);
}

static void
print_target (const char *what,
              Timing      t,
              double      target_ms)
{
  g_print ("  target %-36s <= %5.1f ms: median %6.2f, best %6.2f: %s\n", what, target_ms, t.median_ms,
           t.best_ms, t.median_ms <= target_ms ? "met" : t.best_ms <= target_ms ? "met by the best run only" : "MISSED");
}

static guint
repeats_for (guint64 path_months,
             gboolean full)
{
  if (!full)
    return 3;
  if (path_months >= 20000000)
    return 5;
  if (path_months >= 2000000)
    return 21;
  return 41;
}

int
main (int   argc,
      char *argv[])
{
  const char *size = g_getenv ("FP_BENCH_SIZE");
  gboolean full = g_strcmp0 (size, "full") == 0;
  guint months = full ? 480 : 120;
  static const guint paths[] = { 1000, 10000 };
  Timing whole[2][2];   /* [paths][threads - 1] */
  Timing reference;

  g_print ("# simulator benchmark, size %s, %u processors, inner loop %s (this processor has:",
           full ? "full" : "small", g_get_num_processors (), fp_sim_kernel ()->name);
  for (guint i = 0; fp_sim_kernel_names (i) != NULL; i++)
    g_print (" %s", fp_sim_kernel_names (i));
  g_print (")\n# figures: median of repeated runs (and the best), with the one-minute load average before each\n");

  /* Warm up the threads and the arena. */
  time_simulation (1000, 12, 0, FALSE, 1);

  g_print ("\n## The whole result (net worth and cash percentiles, goals, ruin), %u months\n", months);
  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    for (guint threads = 1; threads <= 2; threads++)
      {
        g_autofree char *what = g_strdup_printf ("%6u paths x %u months, %u thread%s", paths[p], months,
                                                 threads, threads > 1 ? "s" : "");
        guint64 path_months = (guint64) paths[p] * months;

        whole[p][threads - 1] = time_simulation (paths[p], months, threads, FALSE, repeats_for (path_months, full));
        print_timing (what, whole[p][threads - 1], path_months);
      }

  g_print ("\n## Reference: plain C loop, one thread, 2 correlated lognormal assets, AR(1) inflation,\n"
           "## libm exp, Box-Muller from splitmix64, no percentiles\n");
  {
    g_autofree char *what = g_strdup_printf ("%6u paths x %u months, 1 thread", paths[1], months);

    reference = time_reference (paths[1], months, full ? 7 : 3);
    print_timing (what, reference, (guint64) paths[1] * months);
  }

  g_print ("\n## Ratios (reference time / simulator time, medians)\n");
  g_print ("  whole result, %u paths, 1 thread:  %.1f x faster than the reference\n", paths[1],
           reference.median_ms / whole[1][0].median_ms);
  g_print ("  whole result, %u paths, 2 threads: %.1f x faster than the reference\n", paths[1],
           reference.median_ms / whole[1][1].median_ms);

  if (!full)
    return 0;

  g_print ("\n## Targets of issue 17 (2 cores)\n");
  print_target ("10k x 480, whole result, 2 threads", whole[1][1], 15.0);
  print_target ("1k x 480, whole result, 2 threads", whole[0][1], 2.0);

  g_print ("\n## As the Time Machine page runs it: net worth percentiles only, all processors\n");
  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    {
      g_autofree char *what = g_strdup_printf ("%6u paths x %u months, net worth only", paths[p], months);
      guint64 path_months = (guint64) paths[p] * months;

      print_timing (what, time_simulation (paths[p], months, 0, TRUE, repeats_for (path_months, TRUE)), path_months);
    }

  g_print ("\n## Each build of the inner loop: 10k x 480, whole result, 1 thread (same bits)\n");
  for (guint i = 0; fp_sim_kernel_names (i) != NULL; i++)
    {
      g_autofree char *what = g_strdup_printf ("inner loop %s", fp_sim_kernel_names (i));

      fp_sim_kernel_force (fp_sim_kernel_names (i));
      print_timing (what, time_simulation (10000, months, 1, FALSE, 9), (guint64) 10000 * months);
    }
  fp_sim_kernel_force (NULL);

  g_print ("\n## 100k paths x 480 months, whole result, all processors\n");
  print_timing ("100000 paths x 480 months", time_simulation (100000, months, 0, FALSE, 3), (guint64) 100000 * months);

  return 0;
}
