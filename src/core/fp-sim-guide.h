/* fp-sim-guide.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Guided percentiles of a column: intervals from the months before, one
 * vectorised scan, a selection among the few values inside
 * (fp-sim-guide.c).
 */

#pragma once

#include "fp-sim-private.h"

G_BEGIN_DECLS

/* How the columns of a run were reduced, for the log. */
typedef struct {
  guint64 guided;     /* columns scanned with a guide */
  guint64 retried;    /* … and scanned again for a rank that missed */
  guint64 full;       /* columns selected in full */
  guint64 inside;     /* values copied by the scans */
} FpSimGuideStats;

/* Doubles of scratch memory fp_sim_column_percentiles() needs for a
 * column of @n. */
#define FP_SIM_COLUMN_SCRATCH(n) (3 * ((gsize) (n) + 8))

void fp_sim_column_percentiles (const FpSimKernel *kernel,
                                double            *column,
                                gsize              n,
                                const double      *fractions,
                                const double      *previous,
                                const double      *before,
                                double            *scratch,
                                double            *out,
                                FpSimGuideStats   *stats);

G_END_DECLS
