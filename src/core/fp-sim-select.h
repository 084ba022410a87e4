/* fp-sim-select.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exact percentiles of a column of doubles by selection, without sorting.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void fp_sim_percentiles (double       *values,
                         gsize         n,
                         const double *fractions,
                         guint         n_fractions,
                         double       *out);

void fp_sim_percentiles_guided (double       *values,
                                gsize         n,
                                const double *fractions,
                                guint         n_fractions,
                                const double *previous,
                                const double *before_previous,
                                double       *scratch,
                                double       *out);

G_END_DECLS
