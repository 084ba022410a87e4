/* fp-random-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A table behind fp-random.c, for the simulator's inner loop
 * (fp-sim-paths.c, fp-sim-kernel.c). Ready once a stream was seeded with
 * fp_random_init_stream().
 */

#pragma once

#include "fp-random.h"

G_BEGIN_DECLS

/* 2^(i/64) for i = 0 … 63, each rounded once from long double. */
extern double fp_random_exp2_table[64];

G_END_DECLS
