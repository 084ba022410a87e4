/* fp-net-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fp-net-error.h"

G_DEFINE_QUARK (fp-net-error-quark, fp_net_error)
