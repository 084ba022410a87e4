/* fp-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FP_CORE_ERROR (fp_core_error_quark ())

/**
 * FpCoreError:
 * @FP_CORE_ERROR_INVALID: the input is malformed
 * @FP_CORE_ERROR_OVERFLOW: the result does not fit the type
 * @FP_CORE_ERROR_INEXACT: the conversion would lose precision
 *
 * Errors of the pure computations in `src/core`.
 */
typedef enum {
  FP_CORE_ERROR_INVALID,
  FP_CORE_ERROR_OVERFLOW,
  FP_CORE_ERROR_INEXACT,
} FpCoreError;

GQuark fp_core_error_quark (void);

G_END_DECLS
