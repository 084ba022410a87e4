/* fp-sim-select.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Percentiles by linear interpolation between order statistics (Hyndman
 * and Fan's type 7, as in R and NumPy's default): for a fraction q of n
 * values, h = q (n - 1) and the result is x(⌊h⌋) + (h - ⌊h⌋) (x(⌊h⌋+1) -
 * x(⌊h⌋)). The order statistics needed are found by one multi-rank
 * quickselect that reorders the column in place: O(n) per column instead
 * of a sort's O(n log n).
 *
 * A simulation asks for the same percentiles month after month, and they
 * move little from one month to the next. fp_sim_percentiles_guided()
 * uses the previous months' percentiles to guess a narrow interval around
 * each one, counts in one pass the values below each interval and copies
 * those inside, and selects within the few copied. When a guess misses
 * (the rank is not inside its interval) it falls back to the full
 * selection, so the result is always exact and the same either way.
 */

#define G_LOG_DOMAIN "fp-sim-select"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-sim-select.h"

#define MAX_RANKS 32

#if defined(__GNUC__)
/* Vectors are only used inside functions: their ABI does not matter. */
# pragma GCC diagnostic ignored "-Wpsabi"
#endif

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__) && !defined(FP_SIM_NO_CLONES)
# define FP_SIM_CLONES __attribute__ ((target_clones ("avx2", "default")))
#else
# define FP_SIM_CLONES
#endif

typedef double v4d __attribute__ ((vector_size (32)));
typedef gint64 v4l __attribute__ ((vector_size (32)));
#define MAX_GUIDED 8

static void
insertion_sort (double *a,
                gssize  lo,
                gssize  hi)
{
  for (gssize i = lo + 1; i <= hi; i++)
    {
      double v = a[i];
      gssize j = i - 1;

      while (j >= lo && a[j] > v)
        {
          a[j + 1] = a[j];
          j--;
        }
      a[j + 1] = v;
    }
}

static inline void
swap (double *a,
      gssize  i,
      gssize  j)
{
  double t = a[i];

  a[i] = a[j];
  a[j] = t;
}

/* Reorders a[lo..hi] so that a[k] is the value of rank k in it, smaller or
 * equal values before it and greater or equal after it. */
static void
select_rank (double *a,
             gssize  lo,
             gssize  hi,
             gssize  k)
{
  g_assert (lo <= k && k <= hi);

  while (hi - lo >= 16)
    {
      gssize mid = lo + (hi - lo) / 2;
      gssize i = lo;
      gssize j = hi;
      double pivot;

      /* Median of three, which also puts sentinels at both ends. */
      if (a[mid] < a[lo])
        swap (a, mid, lo);
      if (a[hi] < a[lo])
        swap (a, hi, lo);
      if (a[hi] < a[mid])
        swap (a, hi, mid);
      pivot = a[mid];

      while (i <= j)
        {
          while (a[i] < pivot)
            i++;
          while (a[j] > pivot)
            j--;
          if (i <= j)
            {
              swap (a, i, j);
              i++;
              j--;
            }
        }

      /* Now a[lo..j] <= pivot <= a[i..hi], and a[j+1..i-1] == pivot. */
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        return;
    }

  insertion_sort (a, lo, hi);
}

static void
select_ranks (double       *a,
              gssize        lo,
              gssize        hi,
              const gssize *ranks,
              guint         n_ranks)
{
  guint middle;
  gssize k;
  guint after;

  while (n_ranks > 0)
    {
      middle = n_ranks / 2;
      k = ranks[middle];
      select_rank (a, lo, hi, k);

      select_ranks (a, lo, k - 1, ranks, middle);

      after = middle + 1;
      ranks += after;
      n_ranks -= after;
      lo = k + 1;
    }
}

/**
 * fp_sim_percentiles:
 * @values: (inout): the column; reordered
 * @n: its length, at least 1
 * @fractions: increasing fractions in [0, 1], such as 0.05 … 0.95
 * @n_fractions: how many, at most 16
 * @out: (out caller-allocates): one percentile per fraction
 */
void
fp_sim_percentiles (double       *values,
                    gsize         n,
                    const double *fractions,
                    guint         n_fractions,
                    double       *out)
{
  gssize ranks[MAX_RANKS] = { 0 };
  guint n_ranks = 0;

  g_return_if_fail (values != NULL);
  g_return_if_fail (n > 0);
  g_return_if_fail (n_fractions <= MAX_RANKS / 2);

  for (guint q = 0; q < n_fractions; q++)
    {
      double h = fractions[q] * (double) (n - 1);
      gssize lo = (gssize) floor (h);

      g_assert (q == 0 || fractions[q] >= fractions[q - 1]);

      if (n_ranks == 0 || ranks[n_ranks - 1] < lo)
        ranks[n_ranks++] = lo;
      if (h > (double) lo && ranks[n_ranks - 1] < lo + 1)
        ranks[n_ranks++] = lo + 1;
    }

  select_ranks (values, 0, (gssize) n - 1, ranks, n_ranks);

  for (guint q = 0; q < n_fractions; q++)
    {
      double h = fractions[q] * (double) (n - 1);
      gssize lo = (gssize) floor (h);
      double frac = h - (double) lo;

      if (frac > 0.0)
        out[q] = values[lo] + frac * (values[lo + 1] - values[lo]);
      else
        out[q] = values[lo];
    }
}

/* One pass with the intervals guess ± width; FALSE if an interval misses
 * its rank. */
FP_SIM_CLONES static gboolean
guided_pass (const double *values,
             gsize         n,
             const double *fractions,
             guint         nb,
             const double *guess,
             const double *width,
             double       *scratch,
             double       *out)
{
  double lo[MAX_GUIDED], hi[MAX_GUIDED + 1];
  gsize histogram[MAX_GUIDED + 1] = { 0 };
  gsize inside[MAX_GUIDED + 1] = { 0 };
  gsize below = 0;

  for (guint j = 0; j < nb; j++)
    {
      lo[j] = guess[j] - width[j];
      hi[j + 1] = guess[j] + width[j];
    }
  hi[0] = -G_MAXDOUBLE;   /* bucket 0, below every interval, is not kept */

  /* Intervals must be increasing and disjoint. */
  for (guint j = 0; j + 1 < nb; j++)
    if (hi[j + 1] >= lo[j + 1])
      {
        double mid = 0.5 * (hi[j + 1] + lo[j + 1]);

        if (!(lo[j] < mid && mid < hi[j + 2]))
          return FALSE;
        hi[j + 1] = mid;
        lo[j + 1] = mid;
      }

  /* k = how many intervals start at or below v; v can only be inside the
   * k-th (1-based), and exactly the values with k <= j are below the
   * (j+1)-th. Copies go to bucket k of the scratch. */
  if (nb == 5)
    {
      /* The common case, four values at a time: counts below each
       * interval in vector accumulators, and a scalar look only at the
       * groups with a value inside some interval (a few percent). */
      const v4d lo0 = { lo[0], lo[0], lo[0], lo[0] }, lo1 = { lo[1], lo[1], lo[1], lo[1] };
      const v4d lo2 = { lo[2], lo[2], lo[2], lo[2] }, lo3 = { lo[3], lo[3], lo[3], lo[3] };
      const v4d lo4 = { lo[4], lo[4], lo[4], lo[4] };
      const v4d hi0 = { hi[1], hi[1], hi[1], hi[1] }, hi1 = { hi[2], hi[2], hi[2], hi[2] };
      const v4d hi2 = { hi[3], hi[3], hi[3], hi[3] }, hi3 = { hi[4], hi[4], hi[4], hi[4] };
      const v4d hi4 = { hi[5], hi[5], hi[5], hi[5] };
      v4l below0 = { 0 }, below1 = { 0 }, below2 = { 0 }, below3 = { 0 }, below4 = { 0 };
      gsize i = 0;

      for (; i + 4 <= n; i += 4)
        {
          v4d v;
          v4l ge0, ge1, ge2, ge3, ge4, any;

          memcpy (&v, &values[i], sizeof v);
          ge0 = v >= lo0;
          ge1 = v >= lo1;
          ge2 = v >= lo2;
          ge3 = v >= lo3;
          ge4 = v >= lo4;
          below0 += ~ge0 & 1;
          below1 += ~ge1 & 1;
          below2 += ~ge2 & 1;
          below3 += ~ge3 & 1;
          below4 += ~ge4 & 1;
          any = (ge0 & (v <= hi0)) | (ge1 & (v <= hi1)) | (ge2 & (v <= hi2)) |
                (ge3 & (v <= hi3)) | (ge4 & (v <= hi4));

          if (G_UNLIKELY ((any[0] | any[1] | any[2] | any[3]) != 0))
            {
              /* k = how many intervals start at or below each value. */
              v4l k = -(ge0 + ge1 + ge2 + ge3 + ge4);

              for (guint e = 0; e < 4; e++)
                if (any[e])
                  scratch[k[e] * n + inside[k[e]]++] = v[e];
            }
        }

      /* below_j counts k <= j; the histogram is its difference. */
      {
        gsize b[5];

        b[0] = (gsize) (below0[0] + below0[1] + below0[2] + below0[3]);
        b[1] = (gsize) (below1[0] + below1[1] + below1[2] + below1[3]);
        b[2] = (gsize) (below2[0] + below2[1] + below2[2] + below2[3]);
        b[3] = (gsize) (below3[0] + below3[1] + below3[2] + below3[3]);
        b[4] = (gsize) (below4[0] + below4[1] + below4[2] + below4[3]);
        histogram[0] = b[0];
        for (guint j = 1; j < 5; j++)
          histogram[j] = b[j] - b[j - 1];
      }

      for (; i < n; i++)
        {
          double v = values[i];
          guint k = (guint) (v >= lo[0]) + (guint) (v >= lo[1]) + (guint) (v >= lo[2]) +
                    (guint) (v >= lo[3]) + (guint) (v >= lo[4]);

          histogram[k]++;
          if (k > 0 && v <= hi[k])
            scratch[k * n + inside[k]++] = v;
        }
    }
  else
    {
      for (gsize i = 0; i < n; i++)
        {
          double v = values[i];
          guint k = 0;

          for (guint j = 0; j < nb; j++)
            k += v >= lo[j];

          histogram[k]++;
          if (v <= hi[k])
            scratch[k * n + inside[k]++] = v;
        }
    }

  for (guint j = 0; j < nb; j++)
    {
      double h = fractions[j] * (double) (n - 1);
      gsize r = (gsize) floor (h);
      gsize count = inside[j + 1];

      below += histogram[j];
      if (below > r || below + count <= (h > (double) r ? r + 1 : r))
        return FALSE;
    }

  below = 0;
  for (guint j = 0; j < nb; j++)
    {
      double h = fractions[j] * (double) (n - 1);
      gsize r = (gsize) floor (h);
      double frac = h - (double) r;
      double *bucket = scratch + (j + 1) * n;
      gssize ranks[2];

      below += histogram[j];
      ranks[0] = (gssize) (r - below);
      ranks[1] = ranks[0] + (frac > 0.0 ? 1 : 0);
      select_ranks (bucket, 0, (gssize) inside[j + 1] - 1, ranks, ranks[1] > ranks[0] ? 2 : 1);
      out[j] = frac > 0.0 ? bucket[ranks[0]] + frac * (bucket[ranks[1]] - bucket[ranks[0]]) : bucket[ranks[0]];
    }

  return TRUE;
}

/**
 * fp_sim_percentiles_guided:
 * @values: (inout): the column; may be reordered
 * @n: its length, at least 1
 * @fractions: increasing fractions in (0, 1)
 * @n_fractions: how many, at most 8
 * @previous: (nullable): the same percentiles of the previous month
 * @before_previous: (nullable): and of the month before it
 * @scratch: room for (@n_fractions + 1) × @n doubles
 * @out: (out caller-allocates): one percentile per fraction
 *
 * The same result as fp_sim_percentiles(), faster when @previous is close.
 */
void
fp_sim_percentiles_guided (double       *values,
                           gsize         n,
                           const double *fractions,
                           guint         n_fractions,
                           const double *previous,
                           const double *before_previous,
                           double       *scratch,
                           double       *out)
{
  double guess[MAX_GUIDED], width[MAX_GUIDED];
  guint nb = n_fractions;

  g_return_if_fail (n_fractions <= MAX_GUIDED);

  if (previous == NULL || n < 64 || n_fractions < 2)
    {
      fp_sim_percentiles (values, n, fractions, n_fractions, out);
      return;
    }

  /* Guess: extrapolate from the last two months. The interval's half
   * width is 1.5 standard errors of the sample percentile, √(q (1 - q) /
   * n) in fractions, plus 0.2 %, turned into values at the previous
   * month's density (from the spacing of the neighbouring percentiles),
   * plus a little of the last move for the error of the extrapolation. */
  for (guint j = 0; j < nb; j++)
    {
      guint a = j > 0 ? j - 1 : j;
      guint b = j + 1 < nb ? j + 1 : j;
      double per_fraction = (previous[b] - previous[a]) / (fractions[b] - fractions[a]);
      double move = before_previous != NULL ? previous[j] - before_previous[j] : 0.0;

      guess[j] = previous[j] + move;
      width[j] = (1.5 * sqrt (fractions[j] * (1.0 - fractions[j]) / (double) n) + 0.002) * per_fraction +
                 0.02 * fabs (move) + 1e-9 * fabs (guess[j]);

      if (!isfinite (guess[j]) || !isfinite (width[j]) || !(width[j] > 0.0))
        {
          fp_sim_percentiles (values, n, fractions, n_fractions, out);
          return;
        }
    }

  /* Three tries, each with intervals four times wider. */
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      if (guided_pass (values, n, fractions, nb, guess, width, scratch, out))
        return;
      for (guint j = 0; j < nb; j++)
        width[j] *= 4.0;
    }

  fp_sim_percentiles (values, n, fractions, n_fractions, out);
}
