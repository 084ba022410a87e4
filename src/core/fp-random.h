/* fp-random.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small, fast, seedable pseudo-random generator for simulations:
 * xoshiro256** seeded through splitmix64, with normals drawn by a
 * 256-layer ziggurat. Not for cryptography: keys and tokens come from the
 * system (GLib / getrandom).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FpRandom:
 *
 * The state of one xoshiro256** stream. Plain data: copy it, keep arrays
 * of it, no allocation.
 */
typedef struct {
  guint64 s[4];
} FpRandom;

void    fp_random_init_stream (FpRandom *self,
                               guint64   seed,
                               guint64   stream);
guint64 fp_random_next        (FpRandom *self);
double  fp_random_uniform     (FpRandom *self);
double  fp_random_normal      (FpRandom *self);
guint   fp_random_below       (FpRandom *self,
                               guint     bound);
double  fp_random_exp         (double    x);

G_END_DECLS
