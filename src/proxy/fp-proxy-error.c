/* fp-proxy-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-proxy"

#include "config.h"

#include "fp-proxy-error.h"

G_DEFINE_QUARK (fp-proxy-error-quark, fp_proxy_error)
