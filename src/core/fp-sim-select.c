/* fp-sim-select.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Percentiles by linear interpolation between order statistics (Hyndman
 * and Fan's type 7, as in R and NumPy's default): for a fraction q of n
 * values, h = q (n - 1) and the result is x(⌊h⌋) + (h - ⌊h⌋) (x(⌊h⌋+1) -
 * x(⌊h⌋)). fp_sim_percentiles() finds the order statistics needed by one
 * multi-rank quickselect that reorders the column in place: O(n) per
 * column instead of a sort's O(n log n). fp_sim_select_values() is the
 * branch-free quickselect the guided percentiles (fp-sim-guide.c) use on
 * the few values inside their intervals.
 */

#define G_LOG_DOMAIN "fp-sim-select"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-sim-select.h"

#define MAX_RANKS 32

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

/* Parts this small are sorted: partitioning further costs more. */
#define SMALL_PART 6

/* Sorts a[0..n) when it is small. */
static void
sort_small (double *a,
            gsize   n)
{
  insertion_sort (a, 0, (gssize) n - 1);
}

/**
 * fp_sim_select_values:
 * @values: (inout): the values; overwritten
 * @n: their number, at least 1
 * @ranks: increasing ranks in [0, @n)
 * @n_ranks: how many, at most 16
 * @tmp: room for @n doubles
 * @out: (out caller-allocates): the value of each rank
 *
 * Quickselect without data-dependent branches in its inner loop: each
 * pass copies the values below the pivot to the front of the other
 * buffer and those above it to the back, writing every value to both
 * places and advancing one of the two ends, and counts the values equal
 * to it. Then the passes go on, buffer to buffer, in the parts that hold
 * a rank. About three times faster than partitioning in place, where
 * about one comparison in two is a mispredicted branch.
 */
void
fp_sim_select_values (double       *values,
                      gsize         n,
                      const gsize  *ranks,
                      guint         n_ranks,
                      double       *tmp,
                      double       *out)
{
  /* Parts still to select in: their values at @offset in @buf (the other
   * buffer is free there), their length, and the ranks (indices into
   * @ranks) they hold. At most one pending part per rank. */
  struct { double *buf; double *other; gsize offset, length; guint first, last; } stack[32];
  guint depth = 0;

  g_return_if_fail (n > 0 && n_ranks > 0 && n_ranks <= 16);

  stack[depth].buf = values;
  stack[depth].other = tmp;
  stack[depth].offset = 0;
  stack[depth].length = n;
  stack[depth].first = 0;
  stack[depth].last = n_ranks;
  depth++;

  while (depth > 0)
    {
      double *buf, *other, *a, *b, pivot, x, y, z;
      gsize offset, length, n_below, n_above, n_equal;
      guint first, last, k;

      depth--;
      buf = stack[depth].buf;
      other = stack[depth].other;
      offset = stack[depth].offset;
      a = buf + offset;
      b = other + offset;
      length = stack[depth].length;
      first = stack[depth].first;
      last = stack[depth].last;

      if (length <= SMALL_PART)
        {
          sort_small (a, length);
          for (k = first; k < last; k++)
            out[k] = a[ranks[k] - offset];
          continue;
        }

      /* The median of three spread values. */
      x = a[length / 4];
      y = a[length / 2];
      z = a[length - 1 - length / 4];
      pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));

      n_below = 0;
      n_above = 0;
      for (gsize i = 0; i < length; i++)
        {
          double v = a[i];

          b[n_below] = v;
          b[length - 1 - n_above] = v;
          n_below += v < pivot;
          n_above += v > pivot;
        }
      n_equal = length - n_below - n_above;

      /* The ranks below, at and above the pivot. */
      k = first;
      {
        guint below_last = k;

        while (below_last < last && ranks[below_last] < offset + n_below)
          below_last++;
        if (below_last > first)
          {
            stack[depth].buf = other;
            stack[depth].other = buf;
            stack[depth].offset = offset;
            stack[depth].length = n_below;
            stack[depth].first = first;
            stack[depth].last = below_last;
            depth++;
          }
        k = below_last;
        while (k < last && ranks[k] < offset + n_below + n_equal)
          out[k++] = pivot;
        if (k < last)
          {
            stack[depth].buf = other;
            stack[depth].other = buf;
            stack[depth].offset = offset + n_below + n_equal;
            stack[depth].length = n_above;
            stack[depth].first = k;
            stack[depth].last = last;
            depth++;
          }
      }
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
