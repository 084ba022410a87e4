/* fp-store-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fp-store-error.h"

G_DEFINE_QUARK (fp-store-error-quark, fp_store_error)
