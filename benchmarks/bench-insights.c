/* bench-insights.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Computes the full dashboard for synthetic customers with 100k and 1M
 * cached transactions (10k at the small size) and prints the cold (first)
 * and warm (repeated) times and the peak RSS.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "fp-insights.h"

#define WARM_RUNS 7

static const guint16 mccs[] = {
  5812, 5814, 5411, 5499, 5541, 4121, 4111, 5311, 5651, 5732, 5942, 7832,
  4899, 5815, 8011, 5912, 4900, 4814, 6513, 8220, 7230, 6300, 6011, 5999,
};

typedef struct {
  guint32 state;
} Rng;

static guint32
rng_next (Rng *r)
{
  /* xorshift32: the same sequence on every machine. */
  r->state ^= r->state << 13;
  r->state ^= r->state >> 17;
  r->state ^= r->state << 5;
  return r->state;
}

static int
cmp_day (const void *a,
         const void *b)
{
  const FpTxn *x = a;
  const FpTxn *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* @n transactions over @span_days ending @today: salary every 14 days,
 * 40 monthly bills and subscriptions, and card payments at 3000 merchants
 * whose popularity falls off like 1/rank. */
static FpTxn *
generate (gsize    n,
          gint32   today,
          gint32   span_days,
          gboolean shuffled,
          guint32  seed)
{
  FpTxn *txns = g_new0 (FpTxn, n);
  Rng rng = { seed };
  gsize i = 0;
  gint32 start = today - span_days + 1;

  for (gint32 day = start; day <= today && i < n; day += 14)
    {
      FpTxn *t = &txns[i++];

      t->day = day;
      t->amount_minor = 350000;
      t->merchant_id = 1;
      t->account_id = 1;
      t->flags = FP_TXN_INCOME_HINT;
    }

  for (guint b = 0; b < 40; b++)
    for (gint32 day = start + (gint32) b; day <= today && i < n; day += 30)
      {
        FpTxn *t = &txns[i++];

        t->day = day;
        t->amount_minor = -(gint64) (999 + 500 * b);
        t->merchant_id = 10 + b;
        t->mcc = mccs[b % G_N_ELEMENTS (mccs)];
        t->account_id = 1;
      }

  while (i < n)
    {
      FpTxn *t = &txns[i++];
      guint32 u = rng_next (&rng);
      /* 1/rank popularity: rank = 3000^x for x uniform. */
      guint32 rank = (guint32) (1 + (u % 3000) * (u % 3000) / 3000);
      guint32 v = rng_next (&rng);

      t->day = start + (gint32) (v % (guint32) span_days);
      t->minute_of_day = (gint32) (v >> 20) % 1440;
      t->merchant_id = 100 + rank;
      t->mcc = mccs[rank % G_N_ELEMENTS (mccs)];
      t->amount_minor = -(gint64) (200 + (rng_next (&rng) % 20000) * (1 + rank % 7));
      t->account_id = 1 + (rank % 3 == 0);
      if (rng_next (&rng) % 2000 == 0)
        t->flags |= FP_TXN_FRAUD;
      if (rng_next (&rng) % 50 == 0)
        t->amount_minor = -t->amount_minor;
    }

  for (gsize k = 0; k < n; k++)
    txns[k].id = (gint64) k + 1;

  if (shuffled)
    {
      for (gsize k = n - 1; k > 0; k--)
        {
          gsize j = rng_next (&rng) % (k + 1);
          FpTxn tmp = txns[k];

          txns[k] = txns[j];
          txns[j] = tmp;
        }
    }
  else
    {
      qsort (txns, n, sizeof (FpTxn), cmp_day);
    }

  return txns;
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1.0e6;
}

/* Returns the wall time in ms; the thread's CPU time in @cpu, which other
 * load on the machine disturbs less. */
static double
run_once (const FpTxn              *txns,
          gsize                     n,
          const FpAccountSnapshot  *accounts,
          gsize                     n_accounts,
          gint32                    today,
          int                      *score,
          double                   *cpu)
{
  g_autoptr(GError) error = NULL;
  double c0 = cpu_ms ();
  gint64 t0 = g_get_monotonic_time ();
  FpDashboard *d = fp_dashboard_compute (txns, n, accounts, n_accounts, NULL, NULL, today, &error);
  gint64 t1 = g_get_monotonic_time ();

  *cpu = cpu_ms () - c0;
  if (d == NULL)
    g_error ("compute failed: %s", error->message);
  *score = fp_dashboard_get_health_score (d);
  fp_dashboard_free (d);

  return (t1 - t0) / 1000.0;
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* With an argument, only the cases whose label contains it run. */
static const char *only;

static void
bench (const char *label,
       gsize       n,
       gint32      span_days,
       gboolean    shuffled)
{
  static const FpAccountSnapshot accounts[] = {
    { 1, FP_ACCOUNT_CURRENT, 420000, 0, 0, 0, 0 },
    { 2, FP_ACCOUNT_CREDIT_CARD, -180000, 800000, 2199, 5400, 0 },
    { 3, FP_ACCOUNT_SAVINGS, 1500000, 0, 350, 0, 0 },
  };
  gint32 today = fp_day_from_date (2026, 11, 15);
  FpTxn *txns;
  double warm[WARM_RUNS];
  double warm_cpu[WARM_RUNS];
  double cold, cold_cpu;
  int score = 0;
  struct rusage ru;

  if (only != NULL && strstr (label, only) == NULL)
    return;

  txns = generate (n, today, span_days, shuffled, 0x5eed1234u);

  cold = run_once (txns, n, accounts, G_N_ELEMENTS (accounts), today, &score, &cold_cpu);
  for (int r = 0; r < WARM_RUNS; r++)
    warm[r] = run_once (txns, n, accounts, G_N_ELEMENTS (accounts), today, &score, &warm_cpu[r]);
  qsort (warm, WARM_RUNS, sizeof (double), cmp_double);
  qsort (warm_cpu, WARM_RUNS, sizeof (double), cmp_double);

  getrusage (RUSAGE_SELF, &ru);
  printf ("%-30s n=%-7" G_GSIZE_FORMAT " span=%4dd  cold %7.2f ms (cpu %7.2f)  warm median %7.2f ms "
          "(min %7.2f, cpu median %7.2f)  peak RSS %4ld MiB  score %d\n",
          label, n, span_days, cold, cold_cpu, warm[WARM_RUNS / 2], warm[0], warm_cpu[WARM_RUNS / 2],
          ru.ru_maxrss / 1024, score);
  fflush (stdout);

  g_free (txns);
}

int
main (int   argc,
      char *argv[])
{
  const char *size = g_getenv ("FP_BENCH_SIZE");
  gboolean full = g_strcmp0 (size, "full") == 0;

  if (argc > 1)
    only = argv[1];

  printf ("bench-insights (%s): fp_dashboard_compute, input %" G_GSIZE_FORMAT " bytes per transaction; "
          "peak RSS is the process's so far, input arrays included\n",
          full ? "full" : "small", sizeof (FpTxn));

  if (!full)
    {
      bench ("10k, 3 years, day-sorted", 10000, 3 * 365, FALSE);
      bench ("10k, 3 years, shuffled", 10000, 3 * 365, TRUE);
      return 0;
    }

  bench ("100k, 6 years, day-sorted", 100000, 6 * 365, FALSE);
  bench ("1M, 6 years, day-sorted", 1000000, 6 * 365, FALSE);
  bench ("1M, 6 years, shuffled", 1000000, 6 * 365, TRUE);
  bench ("1M, all in the 2-year window", 1000000, 700, FALSE);

  return 0;
}
