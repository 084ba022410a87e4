/* fp-sim-select.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exact percentiles of a column of doubles by selection, without sorting,
 * and the selection of a few ranks among a few values.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void fp_sim_percentiles (double       *values,
                         gsize         n,
                         const double *fractions,
                         guint         n_fractions,
                         double       *out);

void fp_sim_select_values (double       *values,
                           gsize         n,
                           const gsize  *ranks,
                           guint         n_ranks,
                           double       *tmp,
                           double       *out);

G_END_DECLS
