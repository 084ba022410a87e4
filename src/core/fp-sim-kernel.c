/* fp-sim-kernel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inner loop of the simulator: a block of 64 paths through a chunk of
 * months. Each month, eight paths at a time, side by side in the lanes of
 * one vector (GCC's and Clang's vector extensions), go through the whole
 * month in one pass with their values in registers: the random bits, the
 * ziggurat's fast path, inflation, the returns and their exponentials,
 * the cash flows, contributions, sales, rebalancing, goals and the
 * outputs. Then, when the month has a guide (fp-sim-guide.c), the block
 * counts its values below each guide interval and marks those inside
 * while they are still in the first-level cache.
 *
 * This file is built once per instruction set (meson defines
 * FP_SIM_KERNEL_VARIANT): AVX-512, AVX2 and the portable baseline, which
 * splits the eight lanes into what the machine has. All do the same IEEE
 * operations in the same order on every lane, and src/core is built
 * without fused multiply-adds, so they give the same bits; fp-sim-paths.c
 * chooses one at run time and the tests compare them.
 *
 * The order of a month is described in fp-simulator.h.
 */

#define G_LOG_DOMAIN "fp-sim-kernel"

#include "config.h"

#include <math.h>
#include <string.h>

#if defined(__AVX512F__) && defined(__AVX512DQ__)
# include <immintrin.h>
# define FP_SIM_X86_512 1
#endif

#include "fp-random-private.h"
#include "fp-sim-private.h"

#ifndef FP_SIM_KERNEL_VARIANT
# error "Build fp-sim-kernel.c through src/core/meson.build"
#endif

#define KERNEL_NAME_(variant) fp_sim_kernel_run_ ## variant
#define KERNEL_NAME(variant)  KERNEL_NAME_ (variant)

#if defined(__GNUC__)
/* Vectors never cross a function boundary that is not inlined. */
# pragma GCC diagnostic ignored "-Wpsabi"
#endif

#define B        FP_SIM_BLOCK
#define LANES    8
#define N_GROUPS (B / LANES)
#define MAX_NORMALS (FP_SIM_MAX_ASSETS + 2)

typedef double  vd __attribute__ ((vector_size (64)));
typedef gint64  vl __attribute__ ((vector_size (64)));
typedef guint64 vu __attribute__ ((vector_size (64)));
typedef double  vd_mem __attribute__ ((vector_size (64), may_alias, aligned (64)));
typedef gint64  vl_mem __attribute__ ((vector_size (64), may_alias, aligned (64)));

/* Every array the kernel reads or writes eight lanes at a time is 64-byte
 * aligned: the block's, the columns (the arena is, and a row is a
 * multiple of 64 paths) and the guides. */
#define LD(p)     (*(const vd_mem *) (const void *) (p))
#define ST(p, v)  (*(vd_mem *) (void *) (p) = (v))
#define LDL(p)    (*(const vl_mem *) (const void *) (p))
#define STL(p, v) (*(vl_mem *) (void *) (p) = (v))
#define SEL(mask, if_true, if_false) \
  ((vd) (((vl) (if_true) & (mask)) | ((vl) (if_false) & ~(mask))))
#define ALIGNED __attribute__ ((aligned (64)))

G_ALWAYS_INLINE static inline vd
splat (double x)
{
  return (vd) { x, x, x, x, x, x, x, x };
}

G_ALWAYS_INLINE static inline gboolean
any_lane (vl mask)
{
#if defined(FP_SIM_X86_512)
  return _mm512_movepi64_mask ((__m512i) mask) != 0;
#else
  gint64 folded = 0;

  for (guint i = 0; i < LANES; i++)
    folded |= mask[i];
  return folded != 0;
#endif
}

/* table[index[i]] in each lane. */
G_ALWAYS_INLINE static inline vd
gather (const double *table,
        vl            index)
{
#if defined(FP_SIM_X86_512)
  /* The masked form: GCC 12 warns about the unmasked one's undefined
   * source operand. */
  return (vd) _mm512_mask_i64gather_pd (_mm512_setzero_pd (), 0xff, (__m512i) index, table, 8);
#else
  return (vd) { table[index[0]], table[index[1]], table[index[2]], table[index[3]],
                table[index[4]], table[index[5]], table[index[6]], table[index[7]] };
#endif
}

/* The next 64 bits of each lane's xoshiro256** stream. */
G_ALWAYS_INLINE static inline vu
xoshiro (vu s[4])
{
  vu a = s[0], b = s[1], c = s[2], d = s[3];
  vu five = b + (b << 2);
  vu rotated = (five << 7) | (five >> 57);
  vu t = b << 17;
  vu out = rotated + (rotated << 3);

  c ^= a;
  d ^= b;
  b ^= c;
  a ^= d;
  c ^= t;
  d = (d << 45) | (d >> 19);
  s[0] = a;
  s[1] = b;
  s[2] = c;
  s[3] = d;
  return out;
}

/* The ziggurat's fast path for the 32-bit halves @half of eight draws: 8
 * bits choose the layer, 1 the sign, 23 the position; NAN where the point
 * falls outside its layer's rectangle and needs the slow path. */
G_ALWAYS_INLINE static inline vd
normal_fast (vu half)
{
  const vu magic = { 0x4330000000000000, 0x4330000000000000, 0x4330000000000000, 0x4330000000000000,
                     0x4330000000000000, 0x4330000000000000, 0x4330000000000000, 0x4330000000000000 };
  vl layer = (vl) (half & 0xff);
  vu sign = ((half >> 8) & 1) << 63;
  vd position = (vd) (((half >> 9) & 0x7fffff) | magic) - 0x1.0p52;   /* exact */
  /* The width is pre-multiplied by 2^-23: position × 2^-23 × width
   * rounded once, as fp_random_normal_slow() computes it. */
  vd x = position * gather (fp_sim_zig_width, layer);
  vd z = (vd) ((vu) x ^ sign);

  return SEL (x < gather (fp_sim_zig_limit, layer), z, splat (NAN));
}

/* e^x for the monthly log returns, |x| <= 8 (clamped): 2^(k/64) from the
 * table and a degree-5 polynomial for the rest, relative error below
 * 4e-16 (as fp_random_exp()). */
G_ALWAYS_INLINE static inline vd
small_exp (vd x)
{
  const double shift = 0x1.8p52 + FP_SIM_EXP_RANGE;
  const double inv_ln2_64 = 92.332482616893658071;
  const double ln2_64_hi = 0x1.62e42fe000000p-7;
  const double ln2_64_lo = 0x1.f473de6af278fp-36;
  vd t, kd, r, p;

  x = SEL (x < -8.0, splat (-8.0), x);
  x = SEL (x > 8.0, splat (8.0), x);
  /* Rounds x 64 / ln 2 to the integer k; k + 768 is in the low bits of t. */
  t = x * inv_ln2_64 + shift;
  kd = t - shift;
  r = (x - kd * ln2_64_hi) - kd * ln2_64_lo;
  p = 1.0 + r * (1.0 + r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0)))));

  return gather (fp_sim_exp_table, (vl) t & 0xfff) * p;
}

/* What every group of a month shares. */
typedef struct {
  guint   month;
  double  growth;
  double  flow;
  double  payment;
  double  balance;
  double  contribution;
  double  home_real;
  gboolean rebalance;
  guint   n_homes;
  guint   home[FP_SIM_MAX_HOMES];          /* the homes bought or paid for this month */
  gboolean home_starts[FP_SIM_MAX_HOMES];
  gboolean home_pays[FP_SIM_MAX_HOMES];    /* a payment or a balance this month */
  double  unit_payment[FP_SIM_MAX_HOMES];
  double  unit_balance[FP_SIM_MAX_HOMES];
  double  mortgage_real[FP_SIM_MAX_HOMES];
  guint   n_goals;
  guint   goal[FP_SIM_MAX_GOALS];          /* the goals still open */
} Month;

static void
month_init (const FpSimPlan *plan,
            guint            month,
            Month           *m)
{
  m->month = month;
  m->growth = plan->cash_growth;
  m->flow = plan->real_flow[month];
  m->payment = plan->debt_payment[month];
  m->balance = plan->debt_balance[month];
  m->contribution = plan->contribution[month];
  m->home_real = plan->home_real[month];
  m->rebalance = plan->rebalance && month % 12 == 0;

  m->n_homes = 0;
  for (guint h = 0; h < plan->n_homes; h++)
    {
      const FpSimHomeLoan *home = &plan->homes[h];
      gboolean starts = home->month == month;
      gboolean pays = home->unit_payment[month] != 0.0 || home->unit_balance[month] != 0.0;

      if (!starts && !pays)
        continue;
      m->home[m->n_homes] = h;
      m->home_starts[m->n_homes] = starts;
      m->home_pays[m->n_homes] = pays;
      m->unit_payment[m->n_homes] = home->unit_payment[month];
      m->unit_balance[m->n_homes] = home->unit_balance[month];
      m->mortgage_real[m->n_homes] = home->mortgage_real;
      m->n_homes++;
    }

  m->n_goals = 0;
  for (guint g = 0; g < plan->n_goals; g++)
    if (month <= plan->goals[g].deadline)
      m->goal[m->n_goals++] = g;
}

/* The ziggurat's slow path for the lanes of group @o whose fast path
 * missed, normal after normal, each from the 32-bit half of its draw and
 * then from the lane's stream. */
__attribute__ ((noinline)) static void
normals_slow (FpSimBlock *block,
              guint       o,
              guint       n_normals,
              double      z[][LANES],
              guint64     bits[][LANES])
{
  for (guint k = 0; k < n_normals; k++)
    for (guint i = 0; i < LANES; i++)
      if (z[k][i] != z[k][i])
        {
          FpRandom rng;
          guint p = o + i;
          guint64 w = bits[k / 2][i];

          for (guint s = 0; s < 4; s++)
            rng.s[s] = block->rng[s][p];
          z[k][i] = fp_random_normal_slow (&rng, (guint32) (k % 2 == 0 ? w : w >> 32));
          for (guint s = 0; s < 4; s++)
            block->rng[s][p] = rng.s[s];
        }
}

/* One month of the eight paths at lane @o of @block. @n_assets is a
 * constant where the caller specialises it, so that the holdings and the
 * normals live in registers. */
G_ALWAYS_INLINE static inline void
step_group (const FpSimPlan *plan,
            const Month     *m,
            FpSimBlock      *block,
            guint            o,
            double          *net_worth_out,
            double          *cash_out,
            const guint      n_assets)
{
  const gboolean random_returns = plan->random_returns;
  const guint inflation_normal = random_returns ? n_assets : 0;
  const guint n_drawn = inflation_normal + (plan->inflation_random ? 1 : 0);
  const guint n_normals = n_drawn + n_drawn % 2;
  const vd zero = splat (0.0);
  const vd one = splat (1.0);
  vd z[MAX_NORMALS];
  vd holdings[FP_SIM_MAX_ASSETS];
  vd price, c, debt, invested, net_worth;
  vl short_lanes;
  vu s[4];

  for (guint k = 0; k < 4; k++)
    s[k] = (vu) LDL (&block->rng[k][o]);

  /* 1. The normals: the asset classes', then inflation's. */
  if (n_normals > 0)
    {
      guint64 bits[MAX_NORMALS / 2][LANES] ALIGNED;
      vl missed = { 0 };

      for (guint k = 0; k < MAX_NORMALS; k += 2)
        if (k < n_normals)
          {
            vu w = xoshiro (s);

            z[k] = normal_fast (w & 0xffffffff);
            z[k + 1] = normal_fast (w >> 32);
            missed |= (z[k] != z[k]) | (z[k + 1] != z[k + 1]);
            STL (bits[k / 2], (vl) w);
          }

      for (guint k = 0; k < 4; k++)
        STL (&block->rng[k][o], (vl) s[k]);

      /* About one group in five has a lane outside its rectangle. */
      if (G_UNLIKELY (any_lane (missed)))
        {
          double zs[MAX_NORMALS][LANES] ALIGNED;

          for (guint k = 0; k < MAX_NORMALS; k++)
            if (k < n_normals)
              ST (zs[k], z[k]);
          normals_slow (block, o, n_normals, zs, bits);
          for (guint k = 0; k < MAX_NORMALS; k++)
            if (k < n_normals)
              z[k] = LD (zs[k]);
          for (guint k = 0; k < 4; k++)
            s[k] = (vu) LDL (&block->rng[k][o]);
        }
    }

  /* 2. Prices: an AR(1) for the annual rate, compounded monthly. */
  {
    vd inflation = LD (&block->inflation[o]);

    inflation = plan->inflation_mean + plan->inflation_persistence * (inflation - plan->inflation_mean);
    if (plan->inflation_random)
      inflation = inflation + plan->inflation_volatility * z[inflation_normal];
    ST (&block->inflation[o], inflation);
    price = LD (&block->cpi[o]) * (1.0 + inflation * (1.0 / 12.0));
  }

  for (guint i = 0; i < FP_SIM_MAX_ASSETS; i++)
    if (i < n_assets)
      holdings[i] = LD (&block->holdings[i][o]);

  /* 3. Returns. */
  if (plan->bootstrap)
    {
      vu w = xoshiro (s);
      /* Lemire's multiply-shift: a bias below n / 2^32, negligible. */
      vl row = (vl) (((w >> 32) * (guint64) plan->n_history) >> 32);

      for (guint k = 0; k < 4; k++)
        STL (&block->rng[k][o], (vl) s[k]);
      for (guint i = 0; i < FP_SIM_MAX_ASSETS; i++)
        if (i < n_assets)
          holdings[i] *= gather (plan->history_growth, row * (gint64) n_assets + (gint64) i);
    }
  else if (random_returns)
    {
      /* x_i = log_mean_i + Σ_j L_ij z_j */
      for (guint i = 0; i < FP_SIM_MAX_ASSETS; i++)
        if (i < n_assets)
          {
            vd sum = splat (plan->log_mean[i]);

            for (guint j = 0; j <= i; j++)
              sum += plan->chol[i][j] * z[j];
            holdings[i] *= small_exp (sum);
          }
    }
  else
    {
      for (guint i = 0; i < FP_SIM_MAX_ASSETS; i++)
        if (i < n_assets)
          holdings[i] *= plan->growth[i];
    }

  /* 4. Interest on cash (selecting the factor keeps it branch-free), and
   * 5. the month's flows. */
  c = LD (&block->cash[o]);
  c = c * SEL (c > zero, splat (m->growth), one) + (m->flow * price - m->payment);
  debt = zero + m->balance;

  for (guint k = 0; k < m->n_homes; k++)
    {
      double *scale = block->mortgage_scale[m->home[k]];
      vd sc;

      if (m->home_starts[k])
        ST (&scale[o], m->mortgage_real[k] * price);
      if (!m->home_pays[k])
        continue;
      sc = LD (&scale[o]);
      c -= sc * m->unit_payment[k];
      debt += sc * m->unit_balance[k];
    }

  /* 6. Contributions, as far as the cash is positive. */
  if (m->contribution > 0.0)
    {
      vd available = SEL (c > zero, c, zero);
      vd wanted = m->contribution * price;
      vd moved = SEL (wanted < available, wanted, available);

      c -= moved;
      for (guint i = 0; i < FP_SIM_MAX_ASSETS; i++)
        if (i < n_assets)
          holdings[i] += moved * plan->allocation[i];
    }

  invested = zero;
  for (guint i = 0; i < FP_SIM_MAX_ASSETS; i++)
    if (i < n_assets)
      invested += holdings[i];

  /* 7. Selling investments pro rata to cover a shortfall. */
  short_lanes = c < zero;
  if (G_UNLIKELY (any_lane (short_lanes)))
    {
      vd need = SEL (short_lanes, -c, zero);
      vd available = SEL (invested > zero, invested, zero);
      vd take = SEL (need < available, need, available);
      /* 1 - 0 / owned is exactly 1: no change without a shortfall. */
      vd kept = one - take / SEL (invested > zero, invested, one);
      vl ruin, ruined;

      for (guint i = 0; i < FP_SIM_MAX_ASSETS; i++)
        if (i < n_assets)
          holdings[i] *= kept;
      c += take;
      invested -= take;

      ruin = LDL (&block->ruin_month[o]);
      ruined = (c < zero) & (ruin < 0);
      ruin = (ruin & ~ruined) | ((gint64) m->month & ruined);
      STL (&block->ruin_month[o], ruin);
    }

  /* 8. Rebalancing. */
  if (m->rebalance)
    for (guint i = 0; i < FP_SIM_MAX_ASSETS; i++)
      if (i < n_assets)
        holdings[i] = invested * plan->allocation[i];

  for (guint i = 0; i < FP_SIM_MAX_ASSETS; i++)
    if (i < n_assets)
      ST (&block->holdings[i][o], holdings[i]);

  /* 9. Goals. */
  for (guint k = 0; k < m->n_goals; k++)
    {
      const FpSimGoalPlan *goal = &plan->goals[m->goal[k]];
      gint64 *month_reached = block->goal_month[m->goal[k]];
      vd value = goal->kind == FP_SIM_GOAL_RETIRE ? c + invested : c;
      vl reached = LDL (&month_reached[o]);
      vl hit = (value >= goal->target_real * price) & (reached < 0);

      STL (&month_reached[o], (reached & ~hit) | ((gint64) m->month & hit));
    }

  /* 10. What the result shows. */
  ST (&block->cash[o], c);
  ST (&block->cpi[o], price);
  net_worth = c + invested + m->home_real * price - debt;
  if (!plan->nominal)
    {
      vd deflator = one / price;

      net_worth *= deflator;
      c *= deflator;
    }
  ST (&net_worth_out[o], net_worth);
  ST (&cash_out[o], c);
}

/* The month of all groups, with the number of asset classes a constant. */
#define DEFINE_MONTH(suffix, n)                                                   \
  static void                                                                     \
  month_##suffix (const FpSimPlan *plan, const Month *m, FpSimBlock *block,      \
                  double *net_worth_out, double *cash_out)                        \
  {                                                                               \
    for (guint o = 0; o < B; o += LANES)                                          \
      step_group (plan, m, block, o, net_worth_out, cash_out, (n));               \
  }

DEFINE_MONTH (1, 1)
DEFINE_MONTH (2, 2)
DEFINE_MONTH (3, 3)
DEFINE_MONTH (4, 4)
DEFINE_MONTH (any, plan->n_assets)

/* Counts the block's values below each interval of @guide and marks those
 * inside one, for the first @n_valid lanes. */
static void
summarize (const double     *values,
           const FpSimGuide *guide,
           guint             n_valid,
           FpSimSummary     *out)
{
  guint64 inside = 0;

  if (n_valid == B)
    {
      vl below[FP_SIM_GUIDE_MAX] = { { 0 } };
      vu bits = { 0 };
#if defined(FP_SIM_X86_512)
      const vd hi_by_k = LD (guide->hi_by_k);
#endif

      for (guint o = 0; o < B; o += LANES)
        {
          const vu weight = { 1, 2, 4, 8, 16, 32, 64, 128 };
          vd v = LD (&values[o]);
          vl in = { 0 };
#if defined(FP_SIM_X86_512)
          vl k = (vl) { 0 } + (gint64) guide->n;
#endif

          for (guint j = 0; j < FP_SIM_GUIDE_MAX; j++)
            {
              vl lt = v < guide->lo[j];

              below[j] += lt;
#if defined(FP_SIM_X86_512)
              k += lt;
#else
              in |= ~lt & (v <= guide->hi_by_k[j + 1]);
#endif
            }
#if defined(FP_SIM_X86_512)
          /* The upper end of the one interval v can be in: a permutation. */
          in = v <= __builtin_shuffle (hi_by_k, k);
#endif
          bits |= (vu) in & (weight << o);
        }

      for (guint i = 0; i < LANES; i++)
        inside |= bits[i];
      for (guint j = 0; j < FP_SIM_GUIDE_MAX; j++)
        {
          gint64 sum = 0;

          for (guint i = 0; i < LANES; i++)
            sum -= below[j][i];
          out->below[j] = (guint8) sum;
        }
    }
  else
    {
      memset (out->below, 0, sizeof out->below);
      for (guint p = 0; p < n_valid; p++)
        {
          double v = values[p];
          guint k = 0;

          for (guint j = 0; j < guide->n; j++)
            {
              out->below[j] += v < guide->lo[j];
              k += v >= guide->lo[j];
            }
          if (v <= guide->hi_by_k[k])
            inside |= G_GUINT64_CONSTANT (1) << p;
        }
    }

  out->inside = inside;
}

void
KERNEL_NAME (FP_SIM_KERNEL_VARIANT) (const FpSimChunk *chunk,
                                     FpSimBlock       *block,
                                     guint             block_index)
{
  const FpSimPlan *plan = chunk->plan;
  gsize lane0 = (gsize) block_index * B;
  guint n_valid = MIN (B, chunk->n_paths - block_index * B);

  for (guint month = chunk->first_month; month <= chunk->last_month; month++)
    {
      guint row = month - chunk->first_month;
      double *net_worth_out = chunk->columns[0] + (gsize) row * chunk->stride + lane0;
      double *cash_out = chunk->columns[1] + (gsize) row * chunk->stride + lane0;
      Month m;

      month_init (plan, month, &m);
      switch (plan->bootstrap ? 0 : plan->n_assets)
        {
        case 1: month_1 (plan, &m, block, net_worth_out, cash_out); break;
        case 2: month_2 (plan, &m, block, net_worth_out, cash_out); break;
        case 3: month_3 (plan, &m, block, net_worth_out, cash_out); break;
        case 4: month_4 (plan, &m, block, net_worth_out, cash_out); break;
        default: month_any (plan, &m, block, net_worth_out, cash_out); break;
        }

      if (chunk->guides != NULL)
        for (guint q = 0; q < 2; q++)
          {
            const FpSimGuide *guide = &chunk->guides[row * 2 + q];

            if (guide->n > 0)
              summarize (q == 0 ? net_worth_out : cash_out, guide, n_valid,
                         &chunk->summaries[(gsize) (row * 2 + q) * chunk->n_blocks + block_index]);
          }
    }
}
