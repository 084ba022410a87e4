/* fp-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fp-error.h"

G_DEFINE_QUARK (fp-core-error-quark, fp_core_error)
