/* fp-proxy-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FP_PROXY_ERROR (fp_proxy_error_quark ())

/**
 * FpProxyError:
 * @FP_PROXY_ERROR_UNAUTHORIZED: the access token is missing or not active
 * @FP_PROXY_ERROR_BANK: the bank could not be asked (down, or an answer
 *   not in the contract's shape); the proxy then refuses (fails closed)
 * @FP_PROXY_ERROR_CONFIG: a command-line value is unusable
 *
 * Errors of the GenAI proxy. Messages are for operators, in English,
 * without tokens or personal data.
 */
typedef enum {
  FP_PROXY_ERROR_UNAUTHORIZED,
  FP_PROXY_ERROR_BANK,
  FP_PROXY_ERROR_CONFIG,
} FpProxyError;

GQuark fp_proxy_error_quark (void);

G_END_DECLS
