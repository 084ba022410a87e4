/* fp-aws-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-aws"

#include "config.h"

#include "fp-aws-error.h"

G_DEFINE_QUARK (fp-aws-error-quark, fp_aws_error)
