/* fp-net-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FP_NET_ERROR (fp_net_error_quark ())

/**
 * FpNetError:
 * @FP_NET_ERROR_INVALID_URL: the address is not https (nor http on loopback)
 * @FP_NET_ERROR_UNREACHABLE: the bank could not be reached (network, DNS,
 *   connection refused or cut)
 * @FP_NET_ERROR_TOO_LARGE: a reply was larger than the cap for its kind
 * @FP_NET_ERROR_TOO_DEEP: a reply was nested deeper than the parser allows
 * @FP_NET_ERROR_MALFORMED: a reply was not valid JSON
 * @FP_NET_ERROR_SCHEMA: a reply was JSON but not of the expected shape
 * @FP_NET_ERROR_PROBLEM: the bank answered with an error (RFC 7807)
 * @FP_NET_ERROR_UNAUTHORIZED: the sign-in is missing, expired or revoked
 * @FP_NET_ERROR_RATE_LIMITED: the bank asked us to slow down (429)
 * @FP_NET_ERROR_SERVER: the bank failed (5xx)
 * @FP_NET_ERROR_CIRCUIT_OPEN: too many failures in a row: requests are
 *   held back until the breaker's delay has passed
 * @FP_NET_ERROR_OAUTH: the authorization server refused a grant
 * @FP_NET_ERROR_STATE_MISMATCH: the sign-in redirect's `state` did not match
 * @FP_NET_ERROR_ACCESS_DENIED: the customer declined the sign-in
 * @FP_NET_ERROR_EXPIRED: a device code or sign-in attempt expired
 * @FP_NET_ERROR_LAUNCH: the sandbox bank or the browser could not be started
 * @FP_NET_ERROR_FAILED: anything else
 * @FP_NET_ERROR_TOO_SLOW: a request (with its retries) did not end within
 *   its deadline: the bank answers too slowly, or not at all
 * @FP_NET_ERROR_SYNC_TOO_SLOW: the sync did not end within its deadline
 * @FP_NET_ERROR_UNTRUSTED: the bank's TLS certificate was refused (unknown
 *   issuer, expired, wrong host name …)
 * @FP_NET_ERROR_PIN_MISMATCH: the certificate is valid, but its key is
 *   none of the pinned ones (`bank-pin-sha256`)
 *
 * Errors of the bank client. Messages are sentences for the customer; the
 * developer detail goes to g_debug() without tokens or personal data.
 */
typedef enum {
  FP_NET_ERROR_INVALID_URL,
  FP_NET_ERROR_UNREACHABLE,
  FP_NET_ERROR_TOO_LARGE,
  FP_NET_ERROR_TOO_DEEP,
  FP_NET_ERROR_MALFORMED,
  FP_NET_ERROR_SCHEMA,
  FP_NET_ERROR_PROBLEM,
  FP_NET_ERROR_UNAUTHORIZED,
  FP_NET_ERROR_RATE_LIMITED,
  FP_NET_ERROR_SERVER,
  FP_NET_ERROR_CIRCUIT_OPEN,
  FP_NET_ERROR_OAUTH,
  FP_NET_ERROR_STATE_MISMATCH,
  FP_NET_ERROR_ACCESS_DENIED,
  FP_NET_ERROR_EXPIRED,
  FP_NET_ERROR_LAUNCH,
  FP_NET_ERROR_FAILED,
  FP_NET_ERROR_TOO_SLOW,
  FP_NET_ERROR_SYNC_TOO_SLOW,
  FP_NET_ERROR_UNTRUSTED,
  FP_NET_ERROR_PIN_MISMATCH,
} FpNetError;

GQuark   fp_net_error_quark        (void);
gboolean fp_net_error_is_transient (const GError *error);

G_END_DECLS
