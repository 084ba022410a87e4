/* fp-endpoint.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule for every address the client talks to: https, or http on this
 * computer's loopback only. Checked once here, where settings and command
 * lines come in, so that no other code has to.
 */

#define G_LOG_DOMAIN "fp-endpoint"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "fp-endpoint.h"
#include "fp-error.h"

/**
 * fp_endpoint_is_loopback_host:
 * @host: a host name or IP literal, without brackets
 *
 * Returns: %TRUE for `localhost`, 127.0.0.0/8 and ::1
 */
gboolean
fp_endpoint_is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  g_return_val_if_fail (host != NULL, FALSE);

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * fp_endpoint_normalize:
 * @url: a base URL typed by a person or given on the command line
 * @error: a #GError
 *
 * Checks @url as a bank API or GenAI proxy base URL: an absolute `https`
 * URL, or `http` on loopback; no user name or password, query or fragment.
 * An empty string means the embedded demo bank and is returned as is.
 *
 * Returns: (transfer full) (nullable): the URL with surrounding space removed
 *   and a trailing `/`, or %NULL with @error set to a sentence for the customer
 */
char *
fp_endpoint_normalize (const char  *url,
                       GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;
  const char *path;

  g_return_val_if_fail (url != NULL, NULL);

  stripped = g_strstrip (g_strdup (url));
  if (*stripped == '\0')
    return g_steal_pointer (&stripped);

  uri = g_uri_parse (stripped, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                   _("“%s” is not a web address. Use a full address such as https://bank.example/api/."),
                   stripped);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                           _("The address must not contain a user name, password, query or fragment."));
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "https") != 0)
    {
      if (g_ascii_strcasecmp (scheme, "http") != 0)
        {
          g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                               _("The address must start with https://."));
          return NULL;
        }
      if (!fp_endpoint_is_loopback_host (host))
        {
          g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                               _("Only addresses on this computer may use http://. Use https:// so that your data is encrypted on the way."));
          return NULL;
        }
    }

  path = g_uri_get_path (uri);

  {
    g_autofree char *lower_scheme = g_ascii_strdown (scheme, -1);
    g_autofree char *lower_host = g_ascii_strdown (host, -1);
    g_autofree char *with_slash = g_str_has_suffix (path, "/") ? g_strdup (path)
                                                               : g_strconcat (path, "/", NULL);
    g_autoptr(GUri) fixed = g_uri_build (G_URI_FLAGS_NONE, lower_scheme, NULL,
                                         lower_host, g_uri_get_port (uri),
                                         with_slash, NULL, NULL);

    return g_uri_to_string (fixed);
  }
}
