/* fp-sim-kernel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inner loop of the simulator: a block of 64 paths through a chunk of
 * months. Paths sit side by side in the lanes of vectors (GCC's and
 * Clang's vector extensions; eight with AVX-512, four with AVX2, two with
 * SSE2). A month goes in three stages, each a loop over the block's groups
 * of lanes: the normals (Box–Muller in single precision, two pairs per
 * lane, no table and no branch), prices and returns (e^x with its table in
 * registers), then the cash flows, contributions, sales, rebalancing,
 * goals and outputs. Also here: the scan of a month's column for the
 * guided percentiles (fp-sim-guide.c), and hooks for the tests.
 *
 * Why so: on a recent x86-64 a table lookup costs about a cycle per lane
 * whether gathered or loaded, and a branch that depends on the data is
 * mispredicted half the time; an operation on a whole vector costs a
 * quarter of a cycle. A group's month is one long chain of
 * dependent operations: within a stage the groups are independent, and
 * the processor overlaps them.
 *
 * This file is built once per instruction set (meson defines
 * FP_SIM_KERNEL_VARIANT): AVX-512, AVX2 and the portable baseline (SSE2 on
 * x86-64, whatever the compiler makes of two-lane vectors elsewhere). All
 * do the same IEEE
 * operations in the same order on every lane, and src/core is built
 * without fused multiply-adds, so they give the same bits; fp-sim-paths.c
 * chooses one at run time and tests/core/test-sim-kernels.c compares them.
 *
 * The order of a month is described in fp-simulator.h.
 */

#define G_LOG_DOMAIN "fp-sim-kernel"

#include "config.h"

#include <math.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
# include <immintrin.h>
#endif
#if defined(__AVX512F__) && defined(__AVX512DQ__)
# define FP_SIM_X86_512 1
#endif

#include "fp-random-private.h"
#include "fp-sim-private.h"

#ifndef FP_SIM_KERNEL_VARIANT
# error "Build fp-sim-kernel.c through src/core/meson.build"
#endif

#define KERNEL_NAME_(variant) fp_sim_kernel_run_ ## variant
#define KERNEL_NAME(variant)  KERNEL_NAME_ (variant)
#define SCAN_NAME_(variant)   fp_sim_kernel_scan_ ## variant
#define SCAN_NAME(variant)    SCAN_NAME_ (variant)
#define NORMALS_NAME_(variant) fp_sim_kernel_normals_ ## variant
#define NORMALS_NAME(variant) NORMALS_NAME_ (variant)
#define EXP_NAME_(variant)    fp_sim_kernel_exp_ ## variant
#define EXP_NAME(variant)     EXP_NAME_ (variant)

#if defined(__GNUC__)
/* Vectors never cross a function boundary that is not inlined. */
# pragma GCC diagnostic ignored "-Wpsabi"
#endif
#if defined(__GNUC__) && !defined(__clang__)
/* The arrays of holdings and normals are filled up to the scenario's
 * number of asset classes and read up to it; with that number not a
 * constant (month_any), GCC cannot tell. Zeroing them instead would cost
 * a memset a month. */
# pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

/* Lanes per vector: the width the instruction set has, so that every
 * operation is one instruction (GCC splits wider generic vectors, but
 * not always well). Each lane's arithmetic is the same whatever the
 * width: so are the bits. */
#if defined(FP_SIM_X86_512)
# define LANES 8
#elif defined(__AVX2__)
# define LANES 4
#else
# define LANES 2
#endif

#define B        FP_SIM_BLOCK
#define N_GROUPS (B / LANES)
#define MAX_NORMALS 12   /* FP_SIM_MAX_ASSETS + 1, rounded up to four */
#define VBYTES   (LANES * 8)

typedef double  vd __attribute__ ((vector_size (VBYTES)));
typedef gint64  vl __attribute__ ((vector_size (VBYTES)));
typedef guint64 vu __attribute__ ((vector_size (VBYTES)));
typedef float   vf __attribute__ ((vector_size (VBYTES)));        /* 2 × LANES floats */
typedef gint32  vi __attribute__ ((vector_size (VBYTES)));
typedef guint32 vui __attribute__ ((vector_size (VBYTES)));
typedef float   vfh __attribute__ ((vector_size (VBYTES / 2)));   /* LANES floats */
typedef double  vd_mem __attribute__ ((vector_size (VBYTES), may_alias, aligned (VBYTES)));
typedef gint64  vl_mem __attribute__ ((vector_size (VBYTES), may_alias, aligned (VBYTES)));

/* The even and the odd elements of a vector of 2 × LANES floats. */
#if LANES == 8
# define EVEN 0, 2, 4, 6, 8, 10, 12, 14
# define ODD  1, 3, 5, 7, 9, 11, 13, 15
#elif LANES == 4
# define EVEN 0, 2, 4, 6
# define ODD  1, 3, 5, 7
#else
# define EVEN 0, 2
# define ODD  1, 3
#endif

/* Every array the kernel reads or writes a vector at a time is 64-byte
 * aligned: the block's, the columns (the arena is, and a row is a
 * multiple of 64 paths) and the local ones. */
#define LD(p)     (*(const vd_mem *) (const void *) (p))
#define ST(p, v)  (*(vd_mem *) (void *) (p) = (v))
#define LDL(p)    (*(const vl_mem *) (const void *) (p))
#define STL(p, v) (*(vl_mem *) (void *) (p) = (v))
#define SEL(mask, if_true, if_false) \
  ((vd) (((vl) (if_true) & (mask)) | ((vl) (if_false) & ~(mask))))
#define ALIGNED __attribute__ ((aligned (64)))
/* The loops over asset classes and normals, unrolled where their count is
 * a constant, so that their vectors stay in registers. */
#define UNROLL _Pragma ("GCC unroll 8")

G_ALWAYS_INLINE static inline vd
splat (double x)
{
  return (vd) { 0 } + x;
}

G_ALWAYS_INLINE static inline gboolean
any_lane (vl mask)
{
#if defined(FP_SIM_X86_512)
  return _mm512_movepi64_mask ((__m512i) mask) != 0;
#elif defined(__AVX2__)
  return !_mm256_testz_si256 ((__m256i) mask, (__m256i) mask);
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
  vd out;

  for (guint i = 0; i < LANES; i++)
    out[i] = table[index[i]];
  return out;
#endif
}

/* Square roots, correctly rounded (IEEE) whatever the instructions. */
G_ALWAYS_INLINE static inline vf
sqrt_floats (vf x)
{
#if defined(FP_SIM_X86_512)
  /* The zero-masked form: GCC 12 warns about the plain one's undefined
   * source operand. */
  return (vf) _mm512_maskz_sqrt_ps (0xffff, (__m512) x);
#elif defined(__AVX2__)
  return (vf) _mm256_sqrt_ps ((__m256) x);
#elif defined(__SSE2__)
  return (vf) _mm_sqrt_ps ((__m128) x);
#else
  for (guint i = 0; i < 2 * LANES; i++)
    x[i] = sqrtf (x[i]);
  return x;
#endif
}

/* LANES floats to doubles (exact). */
G_ALWAYS_INLINE static inline vd
to_double (vfh x)
{
#if defined(FP_SIM_X86_512)
  /* One instruction; GCC converts in halves otherwise. The zero-masked
   * form: GCC 12 warns about the plain one's undefined source operand. */
  return (vd) _mm512_maskz_cvtps_pd (0xff, (__m256) x);
#else
  return __builtin_convertvector (x, vd);
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

/* Four standard normals for each lane, by Box and Muller's transform in
 * single precision, two pairs per lane at a time: no table, no
 * rejection, no branch. Each pair takes 31 bits of one draw for the
 * radius, √(-2 ln u) with u in [2^-32, 1], and 32 bits of another for
 * the angle, 2π v / 2^32. ln, sin and cos are polynomials: ln(f) =
 * 2 atanh(s) on f in [√½, √2) (|s| < 0.172, to s^9), sin and cos on
 * [-π/4, π/4] (to a^9 and a^10), and the quarter turns are exact.
 * Accurate to about 2e-7 absolute; the radius ends at 6.66 (the mass
 * beyond it is 3e-11). Lane i's normals come from the halves of its two
 * draws: low halves give z[0] (cos) and z[1] (sin), high halves z[2] and
 * z[3]. */
G_ALWAYS_INLINE static inline void
normals4 (vu      s[4],
          double  z[4][LANES])
{
  const float ln2_hi = 0x1.62e4p-1f;          /* ln 2, high 16 bits */
  const float ln2_lo = 0x1.7f7d1cp-20f;       /* the rest */
  vui bits_u = (vui) xoshiro (s);
  vui bits_v = (vui) xoshiro (s);
  vf u, f, t, t2, lnu, radius, a, a2, sn, cs, cos_t, sin_t, zc, zs;
  vi ix, k, d;
  vui v, q, swap, cos_sign, sin_sign;

  /* u = (⌊bits / 2⌋ + ½) 2^-31, in (0, 1]: 31 bits, and the float keeps
   * their relative precision down to 2^-32. */
  u = __builtin_convertvector ((vi) (bits_u >> 1), vf) * 0x1.0p-31f + 0x1.0p-32f;

  /* ln u = k ln 2 + ln f, f in [√½, √2) (musl's reduction), ln f =
   * 2 atanh(t) = 2 (t + t³/3 + t⁵/5 + t⁷/7 + t⁹/9), t = (f - 1) / (f + 1). */
  ix = (vi) u - 0x3f3504f3;
  k = ix >> 23;
  f = (vf) ((ix & 0x007fffff) + 0x3f3504f3);
  t = (f - 1.0f) / (f + 1.0f);
  t2 = t * t;
  {
    vf t4 = t2 * t2;

    lnu = t * ((2.0f + t2 * (2.0f / 3.0f)) + t4 * ((2.0f / 5.0f + t2 * (2.0f / 7.0f)) + t4 * (2.0f / 9.0f)));
  }
  {
    vf kf = __builtin_convertvector (k, vf);

    lnu = kf * ln2_hi + (kf * ln2_lo + lnu);
  }
  radius = sqrt_floats (-2.0f * lnu);

  /* θ = 2π v / 2^32 = q π/2 + a: the nearest quarter turn q (the top two
   * bits of v + 2^29) and the rest, a in [-π/4, π/4). */
  v = bits_v + 0x20000000u;
  q = v >> 30;
  d = (vi) (v & 0x3fffffffu) - 0x20000000;
  a = __builtin_convertvector (d, vf) * 0x1.921fb6p-30f;    /* π / 2^31 */
  a2 = a * a;
  {
    vf a4 = a2 * a2;

    sn = a + (a * a2) * ((-1.0f / 6.0f + a2 * (1.0f / 120.0f)) +
                         a4 * (-1.0f / 5040.0f + a2 * (1.0f / 362880.0f)));
    cs = 1.0f + a2 * ((-0.5f + a2 * (1.0f / 24.0f)) +
                      a4 * ((-1.0f / 720.0f + a2 * (1.0f / 40320.0f)) + a4 * (-1.0f / 3628800.0f)));
  }

  /* Turn by q quarters: (cos, sin) → (-sin, cos) → (-cos, -sin) → (sin, -cos). */
  swap = -(q & 1);
  cos_sign = ((q + 1) & 2) << 30;
  sin_sign = (q & 2) << 30;
  cos_t = (vf) ((((vui) sn & swap) | ((vui) cs & ~swap)) ^ cos_sign);
  sin_t = (vf) ((((vui) cs & swap) | ((vui) sn & ~swap)) ^ sin_sign);
  zc = radius * cos_t;
  zs = radius * sin_t;

  /* Pair 2i is lane i's low halves, pair 2i + 1 its high halves. */
  ST (z[0], to_double (__builtin_shufflevector (zc, zc, EVEN)));
  ST (z[1], to_double (__builtin_shufflevector (zs, zs, EVEN)));
  ST (z[2], to_double (__builtin_shufflevector (zc, zc, ODD)));
  ST (z[3], to_double (__builtin_shufflevector (zs, zs, ODD)));
}

/* e^x for the monthly log returns, |x| <= 8 (clamped): x = k ln2/16 + r,
 * |r| <= ln2/32, e^x = 2^(k/16) e^r with 2^(j/16) from a table of 16 (two
 * registers with AVX-512) and e^r to r^7 (truncation 1.2e-18). Relative
 * error below 4e-16 (tests/core/test-simulator.c). */
G_ALWAYS_INLINE static inline vd
small_exp (vd x)
{
  const double shift = 0x1.8p52;
  const double inv_ln2_16 = 23.083120654223414518;     /* 16 / ln 2 */
  const double ln2_16_hi = 0x1.62e42fe000000p-5;       /* ln 2 / 16, high 29 bits */
  const double ln2_16_lo = 0x1.f473de6af278fp-34;      /* the rest */
  vd t, kd, r, p;
  vl n, j, scale;

  /* max (x, -8) then min (x, 8), with the semantics of the x86
   * instructions (the second operand when the first is not a number) on
   * every build. */
#if defined(FP_SIM_X86_512)
  x = (vd) _mm512_min_pd (_mm512_max_pd ((__m512d) x, (__m512d) splat (-8.0)), (__m512d) splat (8.0));
#else
  x = SEL (x > -8.0, x, splat (-8.0));
  x = SEL (x < 8.0, x, splat (8.0));
#endif
  /* k = x 16 / ln 2 rounded to an integer, in the low bits of t. */
  t = x * inv_ln2_16 + shift;
  kd = t - shift;
  r = (x - kd * ln2_16_hi) - kd * ln2_16_lo;
  /* Estrin's scheme: three multiplications deep instead of seven. The
   * small terms first, 1 last: p is then rounded about once. */
  {
    vd r2 = r * r;
    vd r4 = r2 * r2;

    p = 1.0 + (r + (r2 * (0.5 + r * (1.0 / 6.0)) +
                    r4 * (((1.0 / 24.0) + r * (1.0 / 120.0)) + r2 * ((1.0 / 720.0) + r * (1.0 / 5040.0)))));
  }
  n = (vl) t - (gint64) 0x4338000000000000;
  j = n & 15;
#if defined(FP_SIM_X86_512)
  {
    const __m512d low = (__m512d) LD (&fp_sim_exp2_16[0]);
    const __m512d high = (__m512d) LD (&fp_sim_exp2_16[8]);

    scale = (vl) _mm512_permutex2var_pd (low, (__m512i) j, high);
  }
#else
  scale = (vl) gather (fp_sim_exp2_16, j);
#endif
  /* × 2^⌊k/16⌋, exactly, in the exponent. */
  scale += (n & ~(gint64) 15) << 48;

  return (vd) scale * p;
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
  guint   n_goals;                         /* the goals still open */
  guint   goal[FP_SIM_MAX_GOALS];
  gboolean goal_retire[FP_SIM_MAX_GOALS];  /* judged on cash + investments */
  double  goal_target[FP_SIM_MAX_GOALS];   /* in today's money */
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

  /* Open until their deadline; a goal every path meets today is met
   * (month 0) on every lane, and a met goal never changes. */
  m->n_goals = 0;
  for (guint g = 0; g < plan->n_goals; g++)
    if (month <= plan->goals[g].deadline && plan->start_goal_month[g] < 0)
      {
        m->goal[m->n_goals] = g;
        m->goal_retire[m->n_goals] = plan->goals[g].kind == FP_SIM_GOAL_RETIRE;
        m->goal_target[m->n_goals] = plan->goals[g].target_real;
        m->n_goals++;
      }
}

/* One month of a block, in three stages, each a loop over the block's
 * groups of lanes: the normals, then prices and returns,
 * then the cash flows, sales, goals and outputs. A group's work is one
 * long chain of dependent operations; within a stage the groups are
 * independent, so the processor overlaps them. Between the stages the
 * values wait in the first-level cache. @n_assets is a constant where the
 * caller specialises it, so that holdings and normals live in registers
 * within a stage. */

/* Stage 1: the normals of group @o, the asset classes' then inflation's. */
G_ALWAYS_INLINE static inline void
stage_normals (const FpSimPlan *plan,
               FpSimBlock      *block,
               guint            o,
               double           z[][LANES],
               const guint      n_assets)
{
  const guint n_drawn = (plan->random_returns ? n_assets : 0) + (plan->inflation_random ? 1 : 0);
  vu s[4];

  if (n_drawn == 0)
    return;

  for (guint k = 0; k < 4; k++)
    s[k] = (vu) LDL (&block->rng[k][o]);
  UNROLL
  for (guint k = 0; k < (n_assets + 4) / 4 * 4; k += 4)
    if (k < n_drawn)
      normals4 (s, z + k);
  for (guint k = 0; k < 4; k++)
    STL (&block->rng[k][o], (vl) s[k]);
}

/* Stage 2: prices and returns of group @o; the new price goes to
 * @price, the old one stays in the block until stage 3. */
G_ALWAYS_INLINE static inline void
stage_returns (const FpSimPlan *plan,
               FpSimBlock      *block,
               guint            o,
               double           z[][LANES],
               double          *price_out,
               const guint      n_assets)
{
  const gboolean random_returns = plan->random_returns;
  vd inflation = LD (&block->inflation[o]);

  /* An AR(1) for the annual rate, compounded monthly. Inflation's normal
   * comes after the asset classes'. */
  inflation = plan->inflation_mean + plan->inflation_persistence * (inflation - plan->inflation_mean);
  if (plan->inflation_random)
    inflation = inflation + plan->inflation_volatility * LD (z[random_returns ? n_assets : 0]);
  ST (&block->inflation[o], inflation);
  ST (price_out, LD (&block->cpi[o]) * (1.0 + inflation * (1.0 / 12.0)));

  if (plan->bootstrap)
    {
      vu s[4];
      vu w;
      vl row;

      for (guint k = 0; k < 4; k++)
        s[k] = (vu) LDL (&block->rng[k][o]);
      w = xoshiro (s);
      for (guint k = 0; k < 4; k++)
        STL (&block->rng[k][o], (vl) s[k]);
      /* Lemire's multiply-shift: a bias below n / 2^32, negligible. */
      row = (vl) (((w >> 32) * (guint64) plan->n_history) >> 32);
      UNROLL
      for (guint i = 0; i < n_assets; i++)
        ST (&block->holdings[i][o],
            LD (&block->holdings[i][o]) * gather (plan->history_growth, row * (gint64) n_assets + (gint64) i));
    }
  else if (random_returns)
    {
      /* x_i = log_mean_i + Σ_j L_ij z_j */
      UNROLL
      for (guint i = 0; i < n_assets; i++)
        {
          vd sum = splat (plan->log_mean[i]);

          UNROLL
          for (guint j = 0; j <= i; j++)
            sum += plan->chol[i][j] * LD (z[j]);
          ST (&block->holdings[i][o], LD (&block->holdings[i][o]) * small_exp (sum));
        }
    }
  else
    {
      UNROLL
      for (guint i = 0; i < n_assets; i++)
        ST (&block->holdings[i][o], LD (&block->holdings[i][o]) * plan->growth[i]);
    }
}

/* Stage 3: the cash flows, contributions, sales, rebalancing, goals and
 * outputs of group @o. */
G_ALWAYS_INLINE static inline void
stage_cash (const FpSimPlan *plan,
            const Month     *m,
            FpSimBlock      *block,
            guint            o,
            vd               price,
            double          *net_worth_out,
            double          *cash_out,
            const guint      n_assets)
{
  const vd zero = splat (0.0);
  const vd one = splat (1.0);
  vd holdings[FP_SIM_MAX_ASSETS];
  vd c, debt, invested, net_worth;
  vl short_lanes;

  UNROLL
  for (guint i = 0; i < n_assets; i++)
    holdings[i] = LD (&block->holdings[i][o]);

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
      UNROLL
      for (guint i = 0; i < n_assets; i++)
        holdings[i] += moved * plan->allocation[i];
    }

  invested = zero;
  UNROLL
  for (guint i = 0; i < n_assets; i++)
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

      UNROLL
      for (guint i = 0; i < n_assets; i++)
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
    UNROLL
    for (guint i = 0; i < n_assets; i++)
      holdings[i] = invested * plan->allocation[i];

  UNROLL
  for (guint i = 0; i < n_assets; i++)
    ST (&block->holdings[i][o], holdings[i]);

  /* 9. Goals. */
  for (guint k = 0; k < m->n_goals; k++)
    {
      gint64 *month_reached = block->goal_month[m->goal[k]];
      vd value = m->goal_retire[k] ? c + invested : c;
      vl reached = LDL (&month_reached[o]);
      vl hit = (value >= m->goal_target[k] * price) & (reached < 0);

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

G_ALWAYS_INLINE static inline void
step_month (const FpSimPlan *plan,
            const Month     *m,
            FpSimBlock      *block,
            double          *net_worth_out,
            double          *cash_out,
            const guint      n_assets)
{
  double z[N_GROUPS][MAX_NORMALS][LANES] ALIGNED;
  double price[N_GROUPS][LANES] ALIGNED;

  for (guint g = 0; g < N_GROUPS; g++)
    stage_normals (plan, block, g * LANES, z[g], n_assets);
  for (guint g = 0; g < N_GROUPS; g++)
    stage_returns (plan, block, g * LANES, z[g], price[g], n_assets);
  for (guint g = 0; g < N_GROUPS; g++)
    stage_cash (plan, m, block, g * LANES, LD (price[g]), net_worth_out, cash_out, n_assets);
}

/* The month with the number of asset classes a constant. */
#define DEFINE_MONTH(suffix, n)                                                   \
  static void                                                                     \
  month_##suffix (const FpSimPlan *plan, const Month *m, FpSimBlock *block,      \
                  double *net_worth_out, double *cash_out)                        \
  {                                                                               \
    step_month (plan, m, block, net_worth_out, cash_out, (n));                    \
  }

DEFINE_MONTH (1, 1)
DEFINE_MONTH (2, 2)
DEFINE_MONTH (3, 3)
DEFINE_MONTH (4, 4)
DEFINE_MONTH (any, plan->n_assets)

/* The scan of a column for guided percentiles: counts the values below
 * each interval of @guide, copies those inside one to @inside and the
 * interval's number + 1 to @interval, in order, and returns how many. */
gsize
SCAN_NAME (FP_SIM_KERNEL_VARIANT) (const double     *values,
                                   gsize             n,
                                   const FpSimGuide *guide,
                                   gsize            *below,
                                   double           *inside,
                                   gint64           *interval)
{
  gsize n_inside = 0;
  gsize p = 0;
  vd lo[FP_SIM_GUIDE_MAX];
  vl count[FP_SIM_GUIDE_MAX];
  const vl n_intervals = (vl) { 0 } + (gint64) guide->n;
#if defined(FP_SIM_X86_512)
  const vd hi_by_k = LD (guide->hi_by_k);
#else
  vd hi[FP_SIM_GUIDE_MAX];
#endif

  /* In registers: the outputs could alias the guide, for all the
   * compiler knows. */
  for (guint j = 0; j < FP_SIM_GUIDE_MAX; j++)
    {
      lo[j] = splat (guide->lo[j]);
      count[j] = (vl) { 0 };
#if !defined(FP_SIM_X86_512)
      hi[j] = splat (guide->hi_by_k[j + 1]);
#endif
    }

  /* A vector at a time; the column is 64-byte aligned. k = how many
   * intervals start at or below v (v can only be in interval k - 1). */
  for (; p + LANES <= n; p += LANES)
    {
      vd v = LD (&values[p]);
#if defined(FP_SIM_X86_512)
      const __m512i one = _mm512_set1_epi64 (1);
      __m512i k = (__m512i) n_intervals;
      __mmask8 in;

      UNROLL
      for (guint j = 0; j < FP_SIM_GUIDE_MAX; j++)
        {
          __mmask8 lt = _mm512_cmp_pd_mask ((__m512d) v, (__m512d) lo[j], _CMP_LT_OQ);

          count[j] = (vl) _mm512_mask_add_epi64 ((__m512i) count[j], lt, (__m512i) count[j], one);
          k = _mm512_mask_sub_epi64 (k, lt, k, one);
        }
      /* The upper end of the one interval v can be in: a permutation. Then
       * compress in a register and store whole vectors (the outputs have
       * room for eight more): compressing to memory is slow on some
       * processors. */
      in = _mm512_cmp_pd_mask ((__m512d) v, _mm512_permutexvar_pd (k, (__m512d) hi_by_k), _CMP_LE_OQ);
      _mm512_storeu_pd (&inside[n_inside], _mm512_maskz_compress_pd (in, (__m512d) v));
      _mm512_storeu_si512 (&interval[n_inside], _mm512_maskz_compress_epi64 (in, k));
      n_inside += (gsize) __builtin_popcount (in);
#else
      vl in = { 0 };
      vl k = n_intervals;

      UNROLL
      for (guint j = 0; j < FP_SIM_GUIDE_MAX; j++)
        {
          vl lt = v < lo[j];

          count[j] -= lt;
          k += lt;
          in |= ~lt & (v <= hi[j]);
        }
      /* Branch-free: every value is written, the next one only overwrites
       * it if it was not inside. */
      for (guint i = 0; i < LANES; i++)
        {
          inside[n_inside] = v[i];
          interval[n_inside] = k[i];
          n_inside -= (gsize) in[i];
        }
#endif
    }

  for (guint j = 0; j < FP_SIM_GUIDE_MAX; j++)
    {
      gint64 sum = 0;

      for (guint i = 0; i < LANES; i++)
        sum += count[j][i];
      below[j] = (gsize) sum;
    }

  for (; p < n; p++)
    {
      double v = values[p];
      guint k = 0;

      for (guint j = 0; j < guide->n; j++)
        {
          below[j] += v < guide->lo[j];
          k += v >= guide->lo[j];
        }
      if (v <= guide->hi_by_k[k])
        {
          inside[n_inside] = v;
          interval[n_inside++] = k;
        }
    }

  return n_inside;
}

/* For the tests: the next four normals of eight streams, and e^x, as
 * the month step computes them. */
void
NORMALS_NAME (FP_SIM_KERNEL_VARIANT) (guint64 state[4][8],
                                      double  out[4][8])
{
  for (guint o = 0; o < 8; o += LANES)
    {
      vu s[4];
      double z[4][LANES] ALIGNED;

      for (guint k = 0; k < 4; k++)
        s[k] = (vu) LDL (&state[k][o]);
      normals4 (s, z);
      for (guint k = 0; k < 4; k++)
        {
          STL (&state[k][o], (vl) s[k]);
          ST (&out[k][o], LD (z[k]));
        }
    }
}

void
EXP_NAME (FP_SIM_KERNEL_VARIANT) (const double *x,
                                  double       *out,
                                  gsize         n)
{
  for (gsize p = 0; p + LANES <= n; p += LANES)
    ST (&out[p], small_exp (LD (&x[p])));
}

void
KERNEL_NAME (FP_SIM_KERNEL_VARIANT) (const FpSimChunk *chunk,
                                     FpSimBlock       *block,
                                     guint             block_index)
{
  const FpSimPlan *plan = chunk->plan;
  gsize lane0 = (gsize) block_index * B;

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
    }
}
