/* fp-random.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * xoshiro256** (Blackman and Vigna, 2018) seeded by splitmix64, so that a
 * stream is a pure function of (seed, stream index): Monte-Carlo paths get
 * independent streams and give the same result whatever thread runs them.
 * Normals come from Marsaglia and Tsang's ziggurat (2000) with 256 layers,
 * its tables computed once; it is exact (no table approximation of the
 * distribution) and needs one 64-bit draw in ~99% of the calls.
 */

#define G_LOG_DOMAIN "fp-random"

#include "config.h"

#include <math.h>

#include "fp-random.h"
#include "fp-random-private.h"

#define ZIG_LAYERS 256
#define ZIG_R      3.6541528853610088
#define ZIG_V      0.00492867323399

static double zig_x[ZIG_LAYERS + 1];
static double zig_f[ZIG_LAYERS + 1];

/* 2^(i/64), for fp_random_exp(). */
#define EXP_BITS 6
#define EXP_SIZE (1 << EXP_BITS)
double fp_random_exp2_table[EXP_SIZE];
#define exp2_table fp_random_exp2_table

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static gpointer
init_tables (gpointer data)
{
  double f = exp (-0.5 * ZIG_R * ZIG_R);

  /* Layer 0 is the base strip: a rectangle of area V whose pseudo-width
   * V / f(R) covers the tail beyond R. Each following layer has area V. */
  zig_x[0] = ZIG_V / f;
  zig_x[1] = ZIG_R;
  for (guint i = 2; i < ZIG_LAYERS; i++)
    zig_x[i] = sqrt (-2.0 * log (ZIG_V / zig_x[i - 1] + exp (-0.5 * zig_x[i - 1] * zig_x[i - 1])));
  zig_x[ZIG_LAYERS] = 0.0;

  for (guint i = 0; i <= ZIG_LAYERS; i++)
    zig_f[i] = exp (-0.5 * zig_x[i] * zig_x[i]);

  /* Powers of 2^(1/64) in long double, rounded once to double, so that
   * the table does not depend on the libm in use. */
  for (guint i = 0; i < EXP_SIZE; i++)
    {
      long double v = 1.0L;
      long double step = 1.0108892860517004600204097905618605243881L;  /* 2^(1/64) */

      for (guint k = 0; k < i; k++)
        v *= step;
      exp2_table[i] = (double) v;
    }

  return NULL;
}

static void
ensure_tables (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_tables, NULL);
}

/**
 * fp_random_init_stream:
 * @self: the generator to initialise
 * @seed: the run's seed
 * @stream: the stream index, such as a path number
 *
 * Seeds @self as a pure function of (@seed, @stream): streams of different
 * indices are, for all practical purposes, independent.
 */
void
fp_random_init_stream (FpRandom *self,
                       guint64   seed,
                       guint64   stream)
{
  guint64 sm = seed;
  guint64 mixed;

  g_return_if_fail (self != NULL);

  ensure_tables ();

  /* Hash the seed first so that nearby seeds and nearby streams do not
   * start splitmix64 at nearby states. */
  mixed = splitmix64 (&sm);
  sm = mixed ^ (stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));
  for (guint i = 0; i < 4; i++)
    self->s[i] = splitmix64 (&sm);

  /* xoshiro must not start from the all-zero state. */
  if ((self->s[0] | self->s[1] | self->s[2] | self->s[3]) == 0)
    self->s[0] = 1;
}

/**
 * fp_random_next:
 * @self: a generator
 *
 * Returns: the next 64 uniformly random bits
 */
guint64
fp_random_next (FpRandom *self)
{
  guint64 *s = self->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);

  return result;
}

/**
 * fp_random_uniform:
 * @self: a generator
 *
 * Returns: a uniform double in [0, 1) with 53 random bits
 */
double
fp_random_uniform (FpRandom *self)
{
  return (double) (fp_random_next (self) >> 11) * 0x1.0p-53;
}

/**
 * fp_random_below:
 * @self: a generator
 * @bound: the exclusive upper bound, not zero
 *
 * Returns: a uniform integer in [0, @bound), without modulo bias
 * (Lemire's multiply-and-reject).
 */
guint
fp_random_below (FpRandom *self,
                 guint     bound)
{
  guint64 m;
  guint32 low;

  g_return_val_if_fail (bound > 0, 0);

  m = (fp_random_next (self) >> 32) * (guint64) bound;
  low = (guint32) m;
  if (low < bound)
    {
      guint32 threshold = (guint32) (-bound) % bound;

      while (low < threshold)
        {
          m = (fp_random_next (self) >> 32) * (guint64) bound;
          low = (guint32) m;
        }
    }

  return (guint) (m >> 32);
}

/**
 * fp_random_normal:
 * @self: a generator seeded with fp_random_init_stream()
 *
 * Returns: a standard normal deviate
 */
double
fp_random_normal (FpRandom *self)
{
  for (;;)
    {
      guint64 bits = fp_random_next (self);
      guint i = (guint) (bits & 0xff);
      gboolean negative = (bits >> 8) & 1;
      double u = (double) (bits >> 11) * 0x1.0p-53;
      double x = u * zig_x[i];

      if (x < zig_x[i + 1])
        return negative ? -x : x;

      if (i == 0)
        {
          double a, b;

          /* The tail beyond R, by Marsaglia's exponential method. */
          do
            {
              a = -log (1.0 - fp_random_uniform (self)) / ZIG_R;
              b = -log (1.0 - fp_random_uniform (self));
            }
          while (b + b < a * a);

          return negative ? -(ZIG_R + a) : ZIG_R + a;
        }

      if (zig_f[i + 1] + fp_random_uniform (self) * (zig_f[i] - zig_f[i + 1]) < exp (-0.5 * x * x))
        return negative ? -x : x;
    }
}

/**
 * fp_random_exp:
 * @x: the exponent, clamped to ±700
 *
 * e^@x in plain double arithmetic (a 64-entry table of 2^(i/64) and a
 * degree-5 polynomial; relative error below 4e-16), so that the
 * simulation gives the same bits with any libm, and faster than glibc's
 * exp(). Built without FMA contraction (the x86-64 baseline), it is the
 * same on every machine.
 *
 * Returns: e^@x
 */
double
fp_random_exp (double x)
{
  const double shift = 0x1.8p52;
  const double inv_ln2_64 = 92.332482616893658071;      /* 64 / ln 2 */
  const double ln2_64_hi = 0x1.62e42fe000000p-7;        /* ln 2 / 64, high 29 bits */
  const double ln2_64_lo = 0x1.f473de6af278fp-36;       /* the rest */
  double t, kd, r, p;
  gint64 k;
  union { double d; guint64 u; } scale, kbits;

  ensure_tables ();

  x = CLAMP (x, -700.0, 700.0);
  /* k = x 64 / ln 2 rounded to the nearest integer, in the low bits of t. */
  t = x * inv_ln2_64 + shift;
  kbits.d = t;
  kd = t - shift;
  k = (gint64) (gint32) (guint32) kbits.u;
  r = (x - kd * ln2_64_hi) - kd * ln2_64_lo;

  p = 1.0 + r * (1.0 + r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0)))));
  scale.u = (guint64) ((k >> EXP_BITS) + 1023) << 52;

  return scale.d * exp2_table[k & (EXP_SIZE - 1)] * p;
}
