/* fp-sim-guide.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Guided percentiles of a column (a month of net worth or cash over all
 * paths). The percentiles of a month lie close to those of the month
 * before: each gets an interval around the previous month's value moved
 * as it moved the month before, a few standard errors of the sample
 * percentile wide (√(q (1 - q) / n) in fractions, turned into values by
 * the spacing of the neighbouring percentiles). One pass of the kernel's
 * scan (fp-sim-kernel.c: vectorised, branch-free) counts the values below
 * each interval and copies those inside; the order statistic of rank r is
 * then the (r - below)-th of its interval exactly when below <= r <
 * below + inside, and is selected among those few values.
 *
 * When a rank is not inside its interval (a few percent of the months:
 * the sample percentile jumped, or a life event moved everything), the
 * counts say exactly which gap between the intervals holds it; a second
 * pass copies that gap and selects in it. So the result is always the
 * exact order statistic, interpolated as fp_sim_percentiles() does (type
 * 7): the same bits whichever way it was found.
 */

#define G_LOG_DOMAIN "fp-sim-guide"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-sim-guide.h"
#include "fp-sim-select.h"

#define NP FP_SIM_N_PERCENTILES

/* The half width of an interval, in fractions of the paths: standard
 * errors of the sample percentile, and a floor; plus a share of the last
 * move. Measured on the benchmark's scenarios (10,000 and 1,000 paths,
 * with events and with ruin): about 8 % of the values fall inside an
 * interval and 2 to 4 % of the ranks outside theirs. */
#define WIDTH_STANDARD_ERRORS 1.5
#define WIDTH_FLOOR           0.002
#define WIDTH_MOVE            0.02

/* Sorts the intervals [lo[i], hi[i]] by their lower ends, merges those
 * that overlap, and fills @guide. */
static void
guide_from_intervals (FpSimGuide   *guide,
                      const double *lo,
                      const double *hi,
                      guint         n)
{
  guint order[NP];
  guint n_intervals = 0;

  g_assert (n > 0 && n <= NP);

  for (guint a = 0; a < n; a++)
    order[a] = a;
  for (guint a = 1; a < n; a++)
    for (guint b = a; b > 0 && lo[order[b]] < lo[order[b - 1]]; b--)
      {
        guint t = order[b];

        order[b] = order[b - 1];
        order[b - 1] = t;
      }

  memset (guide, 0, sizeof *guide);
  for (guint a = 0; a < n; a++)
    {
      guint i = order[a];

      if (n_intervals > 0 && lo[i] <= guide->hi_by_k[n_intervals])
        guide->hi_by_k[n_intervals] = MAX (guide->hi_by_k[n_intervals], hi[i]);
      else
        {
          guide->lo[n_intervals] = lo[i];
          guide->hi_by_k[n_intervals + 1] = hi[i];
          n_intervals++;
        }
    }

  guide->n = n_intervals;
  guide->hi_by_k[0] = -INFINITY;
  for (guint k = n_intervals + 1; k < G_N_ELEMENTS (guide->hi_by_k); k++)
    guide->hi_by_k[k] = -INFINITY;
  for (guint j = n_intervals; j < FP_SIM_GUIDE_MAX; j++)
    guide->lo[j] = -INFINITY;
}

/* The ranks percentile @i interpolates between. */
static void
ranks_of (const double *fractions,
          guint         i,
          gsize         n,
          gsize        *first,
          gsize        *last,
          double       *frac)
{
  double h = fractions[i] * (double) (n - 1);
  gsize r = (gsize) floor (h);

  *first = r;
  *frac = h - (double) r;
  *last = *frac > 0.0 ? r + 1 : r;
}

/* The interval (index) holding rank @r after a scan, or -1 if it lies
 * in a gap; and the bounds of that interval or gap. */
static gint
locate (const FpSimGuide *guide,
        const gsize      *below,
        const gsize      *size,
        gsize             r,
        double           *lo,
        double           *hi)
{
  guint j = 0;

  /* The first interval that starts above rank r. */
  while (j < guide->n && below[j] <= r)
    j++;
  if (j > 0 && r < below[j - 1] + size[j - 1])
    {
      *lo = guide->lo[j - 1];
      *hi = guide->hi_by_k[j];
      return (gint) j - 1;
    }
  /* Strictly between interval j - 1 and interval j. */
  *lo = j > 0 ? nextafter (guide->hi_by_k[j], INFINITY) : -INFINITY;
  *hi = j < guide->n ? nextafter (guide->lo[j], -INFINITY) : INFINITY;
  return -1;
}

/* After a scan with @guide: sorts the @n_inside values of @inside into
 * their intervals (in @bucket, their counts in @size), and selects every
 * percentile @wanted whose ranks lie inside one interval; clears those
 * from @wanted. */
static void
select_inside (const FpSimGuide *guide,
               const gsize      *below,
               double           *inside,
               const gint64     *interval,
               gsize             n_inside,
               double           *bucket,
               gsize             n,
               const double     *fractions,
               gboolean         *wanted,
               double           *out,
               gsize            *size)
{
  gsize start[FP_SIM_GUIDE_MAX + 1] = { 0 };
  gsize fill[FP_SIM_GUIDE_MAX];
  gint where[NP];
  const guint n_intervals = guide->n;

  memset (size, 0, sizeof (gsize) * FP_SIM_GUIDE_MAX);

  /* Counting sort by interval (the scan gave each value's). */
  for (gsize t = 0; t < n_inside; t++)
    size[interval[t] - 1]++;
  for (guint j = 0; j < n_intervals; j++)
    start[j + 1] = start[j] + size[j];
  memcpy (fill, start, sizeof fill);
  for (gsize t = 0; t < n_inside; t++)
    bucket[fill[interval[t] - 1]++] = inside[t];

  /* Which interval holds each percentile's ranks, if one does. */
  for (guint i = 0; i < NP; i++)
    {
      gsize first, last;
      double frac, a, b;

      where[i] = -1;
      if (!wanted[i])
        continue;
      ranks_of (fractions, i, n, &first, &last, &frac);
      where[i] = locate (guide, below, size, first, &a, &b);
      if (where[i] >= 0 && last >= below[where[i]] + size[where[i]])
        where[i] = -1;
    }

  /* Select, interval by interval, the ranks of the percentiles that fit
   * (@inside is free now), and interpolate as fp_sim_percentiles() does. */
  for (guint j = 0; j < n_intervals; j++)
    {
      gsize ranks[2 * NP];
      double value[2 * NP];
      guint n_ranks = 0;

      for (guint i = 0; i < NP; i++)
        {
          gsize first, last;
          double frac;

          if (where[i] != (gint) j)
            continue;
          ranks_of (fractions, i, n, &first, &last, &frac);
          for (gsize r = first; r <= last; r++)
            if (n_ranks == 0 || ranks[n_ranks - 1] < r - below[j])
              ranks[n_ranks++] = r - below[j];
        }
      if (n_ranks == 0)
        continue;
      fp_sim_select_values (bucket + start[j], size[j], ranks, n_ranks, inside, value);

      for (guint i = 0; i < NP; i++)
        {
          gsize first, last;
          double frac, v0, v1;
          guint k = 0;

          if (where[i] != (gint) j)
            continue;
          ranks_of (fractions, i, n, &first, &last, &frac);
          while (ranks[k] != first - below[j])
            k++;
          v0 = value[k];
          v1 = last > first ? value[k + 1] : v0;
          out[i] = frac > 0.0 ? v0 + frac * (v1 - v0) : v0;
          wanted[i] = FALSE;
        }
    }
}

/**
 * fp_sim_column_percentiles:
 * @kernel: whose scan to use
 * @column: (inout): the column, 64-byte aligned; may be reordered
 * @n: its length
 * @fractions: NP increasing fractions in (0, 1)
 * @previous: (nullable): the exact percentiles of the month before
 * @before: (nullable): and of the month before that
 * @scratch: room for FP_SIM_COLUMN_SCRATCH (@n) doubles
 * @out: (out caller-allocates): NP percentiles
 * @stats: (inout): counts for the log
 *
 * The same as fp_sim_percentiles() on @column, faster when @previous is
 * close.
 */
void
fp_sim_column_percentiles (const FpSimKernel *kernel,
                           double            *column,
                           gsize              n,
                           const double      *fractions,
                           const double      *previous,
                           const double      *before,
                           double            *scratch,
                           double            *out,
                           FpSimGuideStats   *stats)
{
  FpSimGuide guide;
  double lo[NP], hi[NP];
  gsize below[FP_SIM_GUIDE_MAX];
  gsize size[FP_SIM_GUIDE_MAX];
  gboolean wanted[NP];
  double *inside = scratch;
  double *bucket = scratch + n + 8;
  gint64 *interval = (gint64 *) (gpointer) (scratch + 2 * (n + 8));
  gsize n_inside;

  G_STATIC_ASSERT (sizeof (gint64) == sizeof (double));

  if (previous == NULL || n < 64)
    {
      stats->full++;
      fp_sim_percentiles (column, n, fractions, NP, out);
      return;
    }

  for (guint i = 0; i < NP; i++)
    {
      guint a = i > 0 ? i - 1 : i;
      guint b = i + 1 < NP ? i + 1 : i;
      double per_fraction = (previous[b] - previous[a]) / (fractions[b] - fractions[a]);
      double move = before != NULL ? previous[i] - before[i] : 0.0;
      double guess = previous[i] + move;
      double width = (WIDTH_STANDARD_ERRORS * sqrt (fractions[i] * (1.0 - fractions[i]) / (double) n) +
                      WIDTH_FLOOR) * fabs (per_fraction) +
                     WIDTH_MOVE * fabs (move) + 1e-9 * (fabs (guess) + 1.0);

      if (!isfinite (guess) || !isfinite (width))
        {
          stats->full++;
          fp_sim_percentiles (column, n, fractions, NP, out);
          return;
        }
      lo[i] = guess - width;
      hi[i] = guess + width;
      wanted[i] = TRUE;
    }

  guide_from_intervals (&guide, lo, hi, NP);
  n_inside = kernel->scan (column, n, &guide, below, inside, interval);
  stats->guided++;
  stats->inside += n_inside;
  select_inside (&guide, below, inside, interval, n_inside, bucket, n, fractions, wanted, out, size);

  /* The ranks that missed: the counts say exactly where each lies, in
   * which intervals or gaps between them; a second scan copies that
   * stretch, and the count below it is exact, so it cannot miss. */
  {
    double lo2[NP], hi2[NP];
    guint n_retry = 0;

    for (guint i = 0; i < NP; i++)
      {
        gsize first, last;
        double frac, a, b;

        if (!wanted[i])
          continue;
        ranks_of (fractions, i, n, &first, &last, &frac);
        locate (&guide, below, size, first, &lo2[n_retry], &b);
        locate (&guide, below, size, last, &a, &hi2[n_retry]);
        n_retry++;
      }

    if (n_retry > 0)
      {
        FpSimGuide retry;

        guide_from_intervals (&retry, lo2, hi2, n_retry);
        n_inside = kernel->scan (column, n, &retry, below, inside, interval);
        stats->retried++;
        stats->inside += n_inside;
        select_inside (&retry, below, inside, interval, n_inside, bucket, n, fractions, wanted, out, size);
      }
  }

  /* Not numbers in the column, or an interval that could not hold its
   * rank after all: select in full. */
  for (guint i = 0; i < NP; i++)
    if (wanted[i])
      {
        stats->full++;
        fp_sim_percentiles (column, n, fractions, NP, out);
        return;
      }
}
