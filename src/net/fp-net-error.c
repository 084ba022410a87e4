/* fp-net-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fp-net-error.h"

#include <gio/gio.h>

G_DEFINE_QUARK (fp-net-error-quark, fp_net_error)

/**
 * fp_net_error_is_transient:
 * @error: a #GError
 *
 * Whether trying the same request again later may succeed: the bank was
 * unreachable, failed, rate-limited us, or sent a damaged reply (a cut
 * connection, a truncated or malformed body).
 *
 * Returns: %TRUE for errors worth a retry
 */
gboolean
fp_net_error_is_transient (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  if (error->domain == FP_NET_ERROR)
    {
      switch ((FpNetError) error->code)
        {
        case FP_NET_ERROR_UNREACHABLE:
        case FP_NET_ERROR_RATE_LIMITED:
        case FP_NET_ERROR_SERVER:
        case FP_NET_ERROR_MALFORMED:
        case FP_NET_ERROR_TOO_SLOW:
        case FP_NET_ERROR_SYNC_TOO_SLOW:
          return TRUE;
        case FP_NET_ERROR_INVALID_URL:
        case FP_NET_ERROR_TOO_LARGE:
        case FP_NET_ERROR_TOO_DEEP:
        case FP_NET_ERROR_SCHEMA:
        case FP_NET_ERROR_PROBLEM:
        case FP_NET_ERROR_UNAUTHORIZED:
        case FP_NET_ERROR_CIRCUIT_OPEN:
        case FP_NET_ERROR_OAUTH:
        case FP_NET_ERROR_STATE_MISMATCH:
        case FP_NET_ERROR_ACCESS_DENIED:
        case FP_NET_ERROR_EXPIRED:
        case FP_NET_ERROR_LAUNCH:
        case FP_NET_ERROR_FAILED:
        case FP_NET_ERROR_UNTRUSTED:
        case FP_NET_ERROR_PIN_MISMATCH:
        default:
          return FALSE;
        }
    }
  if (error->domain == G_IO_ERROR)
    return !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  return FALSE;
}
