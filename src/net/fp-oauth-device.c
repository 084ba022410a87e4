/* fp-oauth-device.c
 *
 * Signing in with the device grant (RFC 8628), for kiosks: the code and
 * the address to show, checked strictly, then polling the token endpoint.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-oauth"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fp-endpoint.h"
#include "fp-net-error.h"
#include "fp-oauth-client-private.h"

/* The device grant's answer is shown to the customer and put in a QR
 * code: checked strictly first (RFC 8628 3.2, 6.1). */
#define MAX_USER_CODE_CHARS       32
#define MAX_VERIFICATION_URI_LEN 512

static gboolean
user_code_ok (const char *code)
{
  guint n = 0;

  if (code == NULL || *code == '\0' || !g_utf8_validate (code, -1, NULL))
    return FALSE;
  for (const char *p = code; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isgraph (g_utf8_get_char (p)) || ++n > MAX_USER_CODE_CHARS)
        return FALSE;
    }
  return TRUE;
}

/* https, or http on loopback (the demo bank); printable ASCII, no user
 * information, short enough for a QR code a phone reads at arm's length. */
static GUri *
verification_uri_parse (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;
  gsize len;

  if (text == NULL || (len = strlen (text)) == 0 || len > MAX_VERIFICATION_URI_LEN)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (text[i] <= 0x20 || text[i] >= 0x7f)
      return NULL;
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL || *host == '\0'
      || g_uri_get_userinfo (uri) != NULL)
    return NULL;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0
      && !(g_ascii_strcasecmp (scheme, "http") == 0 && fp_endpoint_is_loopback_host (host)))
    return NULL;
  return g_steal_pointer (&uri);
}

typedef struct {
  FpOAuthDeviceFunc show_code;
  gpointer          user_data;
  gboolean          shown;
} ShowCode;

static void
show_code_once (const FpOAuthDeviceStatus *status,
                gpointer                   user_data)
{
  ShowCode *show = user_data;

  if (show->shown)
    return;
  show->shown = TRUE;
  show->show_code (status->user_code, status->verification_uri, status->verification_uri_complete,
                   show->user_data);
}

/**
 * fp_oauth_client_sign_in_device:
 * @self: a client
 * @show_code: shows the user code
 * @user_data: data for @show_code
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * The device authorization grant (RFC 8628) for kiosks: shows a code to
 * type on another device and polls, honouring interval, slow_down and
 * expired_token. Blocks. See fp_oauth_client_sign_in_device_full().
 *
 * Returns: %TRUE when signed in
 */
gboolean
fp_oauth_client_sign_in_device (FpOAuthClient     *self,
                                FpOAuthDeviceFunc  show_code,
                                gpointer           user_data,
                                GCancellable      *cancellable,
                                GError           **error)
{
  ShowCode show = { show_code, user_data, FALSE };

  g_return_val_if_fail (show_code != NULL, FALSE);

  return fp_oauth_client_sign_in_device_full (self, show_code_once, &show, cancellable, error);
}

/**
 * fp_oauth_client_sign_in_device_full:
 * @self: a client
 * @status_func: told the code once it is issued and after every poll that
 *   keeps waiting (on the calling thread)
 * @user_data: data for @status_func
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * The device authorization grant (RFC 8628): asks for a code, then polls
 * the token endpoint every `interval` seconds, 5 more after each
 * slow_down, until the customer approves (tokens), denies
 * (%FP_NET_ERROR_ACCESS_DENIED) or the code expires
 * (%FP_NET_ERROR_EXPIRED, by the bank's answer or by `expires_in`). A
 * user code or verification URI outside the RFC's limits is refused
 * (%FP_NET_ERROR_SCHEMA); a doubtful verification_uri_complete is dropped,
 * the customer then types the code. Blocks; cancellable.
 *
 * Returns: %TRUE when signed in
 */
gboolean
fp_oauth_client_sign_in_device_full (FpOAuthClient           *self,
                                     FpOAuthDeviceStatusFunc  status_func,
                                     gpointer                 user_data,
                                     GCancellable            *cancellable,
                                     GError                 **error)
{
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GUri) verification = NULL;
  g_autoptr(GUri) complete = NULL;
  g_autofree char *device_code = NULL;
  g_autofree char *user_code = NULL;
  g_autofree char *verification_uri = NULL;
  g_autofree char *verification_uri_complete = NULL;
  FpOAuthDeviceStatus status = { 0 };
  JsonObject *o;
  guint http_status = 0;
  gint64 interval, deadline;

  g_return_val_if_fail (FP_IS_OAUTH_CLIENT (self), FALSE);
  g_return_val_if_fail (status_func != NULL, FALSE);

  if (!_fp_oauth_client_discover (self, cancellable, error))
    return FALSE;

  form = _fp_oauth_new_form ();
  g_hash_table_insert (form, (gpointer) "client_id", (gpointer) FP_OAUTH_CLIENT_ID);
  g_hash_table_insert (form, (gpointer) "scope", (gpointer) FP_OAUTH_DEFAULT_SCOPE);
  root = fp_http_client_post_form (self->http, self->device_endpoint, form, &http_status,
                                   cancellable, error);
  if (root == NULL)
    return FALSE;
  o = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (http_status != 200)
    return _fp_oauth_error_to_gerror (o, http_status, error);
  if (o == NULL || _fp_oauth_member_string (o, "device_code") == NULL || *_fp_oauth_member_string (o, "device_code") == '\0'
      || !user_code_ok (_fp_oauth_member_string (o, "user_code"))
      || (verification = verification_uri_parse (_fp_oauth_member_string (o, "verification_uri"))) == NULL)
    {
      g_debug ("device authorization: an answer outside RFC 8628's limits");
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_SCHEMA,
                           _("The bank’s sign-in answer was not understood."));
      return FALSE;
    }
  device_code = g_strdup (_fp_oauth_member_string (o, "device_code"));
  user_code = g_strdup (_fp_oauth_member_string (o, "user_code"));
  verification_uri = g_strdup (_fp_oauth_member_string (o, "verification_uri"));
  /* The code filled in, for the QR code: only on the verification page's
   * own scheme and host. */
  complete = verification_uri_parse (_fp_oauth_member_string (o, "verification_uri_complete"));
  if (complete != NULL
      && g_ascii_strcasecmp (g_uri_get_scheme (complete), g_uri_get_scheme (verification)) == 0
      && g_ascii_strcasecmp (g_uri_get_host (complete), g_uri_get_host (verification)) == 0
      && g_uri_get_port (complete) == g_uri_get_port (verification))
    verification_uri_complete = g_strdup (_fp_oauth_member_string (o, "verification_uri_complete"));
  interval = CLAMP (_fp_oauth_member_int (o, "interval", 5), 1, 60);
  status.expires_in = CLAMP (_fp_oauth_member_int (o, "expires_in", 600), 1, 3600);
  deadline = g_get_monotonic_time () + status.expires_in * G_USEC_PER_SEC;

  status.user_code = user_code;
  status.verification_uri = verification_uri;
  status.verification_uri_complete = verification_uri_complete;
  status.interval = interval;
  status_func (&status, user_data);

  g_hash_table_remove_all (form);
  g_hash_table_insert (form, (gpointer) "grant_type",
                       (gpointer) "urn:ietf:params:oauth:grant-type:device_code");
  g_hash_table_insert (form, (gpointer) "device_code", device_code);
  g_hash_table_insert (form, (gpointer) "client_id", (gpointer) FP_OAUTH_CLIENT_ID);

  for (;;)
    {
      g_autoptr(JsonNode) poll = NULL;
      const char *code;
      gint64 wake = g_get_monotonic_time () + interval * G_USEC_PER_SEC;

      while (g_get_monotonic_time () < wake)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          g_usleep (50000);
        }
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_EXPIRED,
                               _("The sign-in code expired. Please start again."));
          return FALSE;
        }
      poll = fp_http_client_post_form (self->http, self->token_endpoint, form, &http_status,
                                       cancellable, error);
      if (poll == NULL)
        return FALSE;
      if (http_status == 200)
        return _fp_oauth_client_take_tokens (self, poll, cancellable, error);
      o = JSON_NODE_HOLDS_OBJECT (poll) ? json_node_get_object (poll) : NULL;
      code = o != NULL ? _fp_oauth_member_string (o, "error") : NULL;
      if (g_strcmp0 (code, "authorization_pending") == 0)
        status.last_answer = "authorization_pending";
      else if (g_strcmp0 (code, "slow_down") == 0)
        {
          interval += 5;
          status.last_answer = "slow_down";
        }
      else
        return _fp_oauth_error_to_gerror (o, http_status, error);
      status.n_polls++;
      status.interval = interval;
      status_func (&status, user_data);
    }
}
