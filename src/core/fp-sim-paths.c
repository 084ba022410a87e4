/* fp-sim-paths.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inner loop of the simulator: one month of a block of 64 paths, the
 * paths side by side in the lanes of vectors (GCC's and Clang's vector
 * extensions, four doubles at a time): the random draws, the ziggurat's
 * fast path, the returns with their exponentials, then the cash flows,
 * contributions, sales, rebalancing, goals and outputs in one pass with
 * the lanes' values in registers. Month after month, the paths of a block
 * are independent, so the processor also overlaps their dependency
 * chains. With GCC on x86-64 the function is built twice, for AVX2 and
 * for the SSE2 baseline, chosen at run time; both do the same IEEE
 * operations in the same order (no fused multiply-add), so their results
 * are identical to the bit (checked against builds at -O0 and with Clang).
 *
 * The order of a month is described in fp-simulator.h.
 */

#define G_LOG_DOMAIN "fp-sim-paths"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-random-private.h"
#include "fp-sim-private.h"

#define B FP_SIM_BLOCK
#define MAX_NORMALS (FP_SIM_MAX_ASSETS + 2)

/* Four lanes at a time with GCC's (and Clang's) vector extensions, where
 * the auto-vectoriser would need gathers: AVX2 in the AVX2 build, pairs of
 * SSE2 operations otherwise, the same IEEE operations either way. */
#if defined(__GNUC__)
/* The functions returning these are always inlined: their ABI does not
 * matter. */
# pragma GCC diagnostic ignored "-Wpsabi"
#endif

typedef double  v2d __attribute__ ((vector_size (16)));
typedef double  v4d __attribute__ ((vector_size (32)));
typedef gint64  v4l __attribute__ ((vector_size (32)));
typedef guint64 v4u __attribute__ ((vector_size (32)));

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__) && !defined(FP_SIM_NO_CLONES)
# define FP_SIM_CLONES __attribute__ ((target_clones ("avx2", "default")))
#else
# define FP_SIM_CLONES
#endif

/* e^x for the small arguments of monthly returns, |x| <= 8 (clamped):
 * 2^(k/64) from a table and a degree-5 polynomial for the rest, relative
 * error below 4e-16; no bit manipulation, so that it vectorises. */
#define EXP_RANGE 768
static double exp_table[2 * EXP_RANGE + 1];

static gpointer
init_exp_table (gpointer data)
{
  FpRandom ready;

  /* Seeding a stream makes fp-random's tables ready. */
  fp_random_init_stream (&ready, 0, 0);

  /* 2^(k/64) = 2^q 2^(j/64) for k = 64 q + j: a power of two times
   * fp-random's table, exact. */
  for (gint k = -EXP_RANGE; k <= EXP_RANGE; k++)
    exp_table[k + EXP_RANGE] = ldexp (fp_random_exp2_table[k & 63], k >> 6);
  return NULL;
}

/* Aligned loads and stores of four lanes. The block's arrays, the output
 * columns and the local arrays are all 32-byte aligned; aligned whole
 * accesses also keep stores forwarding to the loads that follow (GCC's
 * generic tuning splits unaligned 32-byte accesses in halves, which do
 * not forward). */
typedef double v4d_alias __attribute__ ((vector_size (32), may_alias));
typedef gint64 v4l_alias __attribute__ ((vector_size (32), may_alias));

#define load4(p)      ((v4d) *(const v4d_alias *) __builtin_assume_aligned ((p), 32))
#define store4(p, v)  (*(v4d_alias *) __builtin_assume_aligned ((p), 32) = (v))
#define load4l(p)     ((v4l) *(const v4l_alias *) __builtin_assume_aligned ((p), 32))
#define store4l(p, v) (*(v4l_alias *) __builtin_assume_aligned ((p), 32) = (v))
#define select4(mask, if_true, if_false) \
  ((v4d) (((v4l) (if_true) & (mask)) | ((v4l) (if_false) & ~(mask))))
#define ALIGNED __attribute__ ((aligned (32)))

G_ALWAYS_INLINE static inline v4d
small_exp4 (const v4d *argument)
{
  const v4d shift = { 0x1.8p52 + EXP_RANGE, 0x1.8p52 + EXP_RANGE, 0x1.8p52 + EXP_RANGE, 0x1.8p52 + EXP_RANGE };
  const double inv_ln2_64 = 92.332482616893658071;
  const double ln2_64_hi = 0x1.62e42fe000000p-7;
  const double ln2_64_lo = 0x1.f473de6af278fp-36;
  const v4d low = { -8.0, -8.0, -8.0, -8.0 };
  const v4d high = { 8.0, 8.0, 8.0, 8.0 };
  v4d x = *argument;
  v4d t, kd, r, p, scale;
  v4l index;

  x = select4 (x < low, low, x);
  x = select4 (x > high, high, x);
  /* Rounds x 64 / ln 2 to the integer k, and keeps k + EXP_RANGE in the
   * low bits of t. */
  t = x * inv_ln2_64 + shift;
  kd = t - shift;
  index = (v4l) t & 0xfff;
  r = (x - kd * ln2_64_hi) - kd * ln2_64_lo;
  p = 1.0 + r * (1.0 + r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0)))));
  scale = (v4d) { exp_table[index[0]], exp_table[index[1]], exp_table[index[2]], exp_table[index[3]] };

  return scale * p;
}

void
fp_sim_block_init (const FpSimPlan *plan,
                   FpSimBlock      *block,
                   guint            first_path)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_exp_table, NULL);

  for (guint p = 0; p < B; p++)
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
    for (guint p = 0; p < B; p++)
      block->holdings[i][p] = i < plan->n_assets ? plan->start_holdings[i] : 0.0;
  for (guint h = 0; h < FP_SIM_MAX_HOMES; h++)
    for (guint p = 0; p < B; p++)
      block->mortgage_scale[h][p] = 0.0;
  for (guint g = 0; g < FP_SIM_MAX_GOALS; g++)
    for (guint p = 0; p < B; p++)
      block->goal_month[g][p] = g < plan->n_goals ? plan->start_goal_month[g] : -1;
}

/* The next 64 bits of every lane's xoshiro256** stream. */
G_ALWAYS_INLINE static inline void
draw_bits (FpSimBlock *block,
           guint64    *out)
{
  guint64 *s0 = block->rng[0];
  guint64 *s1 = block->rng[1];
  guint64 *s2 = block->rng[2];
  guint64 *s3 = block->rng[3];

  for (guint p = 0; p < B; p++)
    {
      guint64 a = s0[p], b = s1[p], c = s2[p], d = s3[p];
      guint64 five = b + (b << 2);
      guint64 rotated = (five << 7) | (five >> 57);
      guint64 t = b << 17;

      out[p] = rotated + (rotated << 3);
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = (d << 45) | (d >> 19);
      s0[p] = a;
      s1[p] = b;
      s2[p] = c;
      s3[p] = d;
    }
}

/* The ziggurat's fast path for the 32-bit halves (@shift 0 or 32) of four
 * draws: 8 bits choose the layer, 1 the sign, 23 the position; NAN when
 * the point falls outside the layer's rectangle and needs the slow path. */
G_ALWAYS_INLINE static inline v4d
normal_fast4 (const guint64 *draws,
              int            shift)
{
  const v4u magic = { 0x4330000000000000, 0x4330000000000000, 0x4330000000000000, 0x4330000000000000 };
  const v4d two52 = { 0x1.0p52, 0x1.0p52, 0x1.0p52, 0x1.0p52 };
  const v4d nan = { NAN, NAN, NAN, NAN };
  v4u w, half, layer, sign;
  v4d position, width, limit, x, z;

  w = (v4u) load4l (draws);
  half = (w >> shift) & 0xffffffff;
  layer = half & 0xff;
  sign = ((half >> 8) & 1) << 63;
  position = (v4d) (((half >> 9) & 0x7fffff) | magic) - two52;   /* exact */
  /* The layer's width and the next one's are neighbours in the table:
   * one 16-byte load per lane, then two shuffles. */
  {
    v2d p0, p1, p2, p3;
    v4d a, b;

    memcpy (&p0, &fp_random_zig_x[layer[0]], sizeof p0);
    memcpy (&p1, &fp_random_zig_x[layer[1]], sizeof p1);
    memcpy (&p2, &fp_random_zig_x[layer[2]], sizeof p2);
    memcpy (&p3, &fp_random_zig_x[layer[3]], sizeof p3);
    a = __builtin_shufflevector (p0, p1, 0, 1, 2, 3);
    b = __builtin_shufflevector (p2, p3, 0, 1, 2, 3);
    width = __builtin_shufflevector (a, b, 0, 2, 4, 6);
    limit = __builtin_shufflevector (a, b, 1, 3, 5, 7);
  }
  x = position * 0x1.0p-23 * width;
  z = (v4d) ((v4u) x ^ sign);

  return select4 (x < limit, z, nan);
}

/* @n_normals (even) standard normals per lane, in z[k][lane]. */
G_ALWAYS_INLINE static inline void
draw_normals (FpSimBlock *block,
              guint       n_normals,
              double      z[][B])
{
  guint64 bits[MAX_NORMALS / 2][B] ALIGNED;

  for (guint k = 0; k < n_normals; k += 2)
    {
      guint64 *w = bits[k / 2];
      double *z0 = z[k];
      double *z1 = z[k + 1];

      draw_bits (block, w);
      for (guint p = 0; p < B; p += 4)
        {
          store4 (&z0[p], normal_fast4 (&w[p], 0));
          store4 (&z1[p], normal_fast4 (&w[p], 32));
        }
    }

  /* The rare draws outside the rectangles (about 1 %), lane by lane, in
   * the groups of four that have one. */
  for (guint k = 0; k < n_normals; k++)
    {
      v4l missed = { 0, 0, 0, 0 };

      for (guint q = 0; q < B; q += 4)
        {
          v4d group = load4 (&z[k][q]);

          missed |= group != group;
        }

      if (G_LIKELY ((missed[0] | missed[1] | missed[2] | missed[3]) == 0))
        continue;

      for (guint q = 0; q < B; q += 4)
        for (guint p = q; p < q + 4; p++)
          if (z[k][p] != z[k][p])
            {
              FpRandom rng;
              guint64 w = bits[k / 2][p];

              for (guint s = 0; s < 4; s++)
                rng.s[s] = block->rng[s][p];
              z[k][p] = fp_random_normal_slow (&rng, (guint32) (k % 2 == 0 ? w : w >> 32));
              for (guint s = 0; s < 4; s++)
                block->rng[s][p] = rng.s[s];
            }
    }
}

/* Simulates month @month for every lane of @block; writes the lanes' net
 * worth and cash, in the result's money, to the first FP_SIM_BLOCK
 * entries of @net_worth_out and @cash_out. */
FP_SIM_CLONES void
fp_sim_block_month (const FpSimPlan *plan,
                    FpSimBlock      *block,
                    guint            month,
                    double          *net_worth_out,
                    double          *cash_out)
{
  const guint n_assets = plan->n_assets;
  double z[MAX_NORMALS][B] ALIGNED;
  double *restrict cash = block->cash;
  double *restrict cpi = block->cpi;
  double *restrict inflation = block->inflation;
  guint inflation_normal = plan->random_returns ? n_assets : 0;
  guint n_normals = inflation_normal + (plan->inflation_random ? 1 : 0);

  /* 1. Random draws: the asset classes', then inflation's. */
  n_normals += n_normals % 2;
  if (n_normals > 0)
    draw_normals (block, n_normals, z);

  /* 2. Prices: an AR(1) for the annual rate, compounded monthly. */
  {
    const double mean = plan->inflation_mean;
    const double persistence = plan->inflation_persistence;
    const double volatility = plan->inflation_volatility;

    if (plan->inflation_random)
      {
        const double *shock = z[inflation_normal];

        for (guint p = 0; p < B; p++)
          inflation[p] = mean + persistence * (inflation[p] - mean) + volatility * shock[p];
      }
    else
      {
        for (guint p = 0; p < B; p++)
          inflation[p] = mean + persistence * (inflation[p] - mean);
      }

    for (guint p = 0; p < B; p++)
      cpi[p] *= 1.0 + inflation[p] * (1.0 / 12.0);
  }

  /* 3. Returns. */
  if (plan->bootstrap)
    {
      guint64 w[B] ALIGNED;

      draw_bits (block, w);
      for (guint p = 0; p < B; p++)
        {
          /* Lemire's multiply-shift: a bias below n / 2^32, negligible. */
          guint64 row = ((w[p] >> 32) * plan->n_history) >> 32;
          const double *growth = plan->history_growth + row * n_assets;

          for (guint i = 0; i < n_assets; i++)
            block->holdings[i][p] *= growth[i];
        }
    }
  else if (plan->random_returns)
    {
      /* x_i = log_mean_i + Σ_j L_ij z_j, four lanes at a time. */
      for (guint p = 0; p < B; p += 4)
        for (guint i = 0; i < n_assets; i++)
          {
            double *holdings = block->holdings[i];
            v4d sum = { plan->log_mean[i], plan->log_mean[i], plan->log_mean[i], plan->log_mean[i] };

            for (guint j = 0; j <= i; j++)
              sum += plan->chol[i][j] * load4 (&z[j][p]);
            store4 (&holdings[p], load4 (&holdings[p]) * small_exp4 (&sum));
          }
    }
  else
    {
      for (guint i = 0; i < n_assets; i++)
        {
          double *restrict holdings = block->holdings[i];
          const double growth = plan->growth[i];

          for (guint p = 0; p < B; p++)
            holdings[p] *= growth;
        }
    }

  /* Steps 4 to 10, four lanes at a time, with the lanes' cash, prices,
   * debt and investments kept in registers. */
  {
    const double growth = plan->cash_growth;
    const double flow = plan->real_flow[month];
    const double payment = plan->debt_payment[month];
    const double balance = plan->debt_balance[month];
    const double contribution = plan->contribution[month];
    const double home_real = plan->home_real[month];
    const gboolean rebalance = plan->rebalance && month % 12 == 0;
    const v4d zero = { 0.0, 0.0, 0.0, 0.0 };
    const v4d one = { 1.0, 1.0, 1.0, 1.0 };
    const v4d grow = { growth, growth, growth, growth };

    for (guint p = 0; p < B; p += 4)
      {
        v4d price = load4 (&cpi[p]);
        v4d c = load4 (&cash[p]);
        v4d debt = zero + balance;
        v4d invested = zero;
        v4l short_lanes;
        v4d net_worth;

        /* 4. Interest on cash (selecting the factor keeps it branch-free),
         * and 5. the month's flows. */
        c = c * select4 (c > zero, grow, one) + (flow * price - payment);

        for (guint h = 0; h < plan->n_homes; h++)
          {
            const FpSimHomeLoan *home = &plan->homes[h];
            const double unit_payment = home->unit_payment[month];
            const double unit_balance = home->unit_balance[month];
            double *scale = block->mortgage_scale[h];

            if (home->month == month)
              store4 (&scale[p], home->mortgage_real * price);
            if (unit_payment != 0.0 || unit_balance != 0.0)
              {
                v4d s = load4 (&scale[p]);

                c -= s * unit_payment;
                debt += s * unit_balance;
              }
          }

        /* 6. Contributions, as far as the cash is positive. */
        if (contribution > 0.0)
          {
            v4d available = select4 (c > zero, c, zero);
            v4d wanted = contribution * price;
            v4d moved = select4 (wanted < available, wanted, available);

            c -= moved;
            for (guint i = 0; i < n_assets; i++)
              store4 (&block->holdings[i][p], load4 (&block->holdings[i][p]) + moved * plan->allocation[i]);
          }

        for (guint i = 0; i < n_assets; i++)
          invested += load4 (&block->holdings[i][p]);

        /* 7. Selling investments pro rata to cover a shortfall. */
        short_lanes = c < zero;
        if (G_UNLIKELY ((short_lanes[0] | short_lanes[1] | short_lanes[2] | short_lanes[3]) != 0))
          {
            v4d need = select4 (short_lanes, -c, zero);
            v4d available = select4 (invested > zero, invested, zero);
            v4d take = select4 (need < available, need, available);
            /* 1 - 0 / owned is exactly 1: no change without a shortfall. */
            v4d kept = one - take / select4 (invested > zero, invested, one);
            v4l ruin, ruined;

            for (guint i = 0; i < n_assets; i++)
              store4 (&block->holdings[i][p], load4 (&block->holdings[i][p]) * kept);
            c += take;
            invested -= take;

            ruin = load4l (&block->ruin_month[p]);
            ruined = (c < zero) & (ruin < 0);
            ruin = (ruin & ~ruined) | ((gint64) month & ruined);
            store4l (&block->ruin_month[p], ruin);
          }

        /* 8. Rebalancing. */
        if (rebalance)
          for (guint i = 0; i < n_assets; i++)
            store4 (&block->holdings[i][p], invested * plan->allocation[i]);

        /* 9. Goals. */
        for (guint g = 0; g < plan->n_goals; g++)
          {
            const FpSimGoalPlan *goal = &plan->goals[g];
            v4d value = goal->kind == FP_SIM_GOAL_RETIRE ? c + invested : c;
            v4l reached, hit;

            if (month > goal->deadline)
              continue;

            reached = load4l (&block->goal_month[g][p]);
            hit = (value >= goal->target_real * price) & (reached < 0);
            reached = (reached & ~hit) | ((gint64) month & hit);
            store4l (&block->goal_month[g][p], reached);
          }

        /* 10. What the result shows. */
        store4 (&cash[p], c);
        net_worth = c + invested + home_real * price - debt;
        if (!plan->nominal)
          {
            v4d deflator = one / price;

            net_worth *= deflator;
            c *= deflator;
          }
        store4 (&net_worth_out[p], net_worth);
        store4 (&cash_out[p], c);
      }
  }
}
