/* fp-random-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tables behind fp-random.c, for the simulator's vectorised inner loop
 * (fp-sim-paths.c). Ready once a stream was seeded with
 * fp_random_init_stream().
 */

#pragma once

#include "fp-random.h"

G_BEGIN_DECLS

/* The ziggurat's 256 layers: x[0] the base strip's pseudo-width, x[1] = R,
 * decreasing to x[256] = 0. */
extern double fp_random_zig_x[257];

/* 2^(i/64) for i = 0 … 63. */
extern double fp_random_exp2_table[64];

/* The ziggurat's slow path for the 32-bit draw @bits that fell outside its
 * layer's rectangle: the wedge test and the tail, drawing more bits from
 * @self as needed. */
double fp_random_normal_slow (FpRandom *self,
                              guint32   bits);

G_END_DECLS
