/* fp-oauth-client.c
 *
 * Sign-in to the bank with OAuth 2.0 for native apps: authorization code
 * with PKCE S256 (RFC 7636) through the system browser and a loopback
 * redirect listener opened only for the sign-in (RFC 8252); the device
 * authorization grant for kiosks (RFC 8628); refresh with rotation, the
 * refresh token kept in the keyring; sign-out with revocation (RFC 7009).
 * No token is ever logged.
 *
 * This file holds the object, discovery, the token endpoint, refresh and
 * sign-out; the browser's flow is in fp-oauth-browser.c, the device grant
 * in fp-oauth-device.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-oauth"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fp-keyring.h"
#include "fp-net-error.h"
#include "fp-oauth-client-private.h"

G_DEFINE_FINAL_TYPE (FpOAuthClient, fp_oauth_client, G_TYPE_OBJECT)

void
_fp_oauth_wipe_free (char **p)
{
  if (*p != NULL)
    {
      memset (*p, 0, strlen (*p));
      g_clear_pointer (p, g_free);
    }
}

static void
fp_oauth_client_finalize (GObject *object)
{
  FpOAuthClient *self = FP_OAUTH_CLIENT (object);

  _fp_oauth_wipe_free (&self->access_token);
  _fp_oauth_wipe_free (&self->refresh_token);
  g_free (self->authorization_endpoint);
  g_free (self->token_endpoint);
  g_free (self->device_endpoint);
  g_free (self->revocation_endpoint);
  g_free (self->account);
  if (self->http != NULL)
    fp_http_client_set_refresh_func (self->http, NULL, NULL, NULL);
  g_clear_object (&self->http);
  G_OBJECT_CLASS (fp_oauth_client_parent_class)->finalize (object);
}

static void
fp_oauth_client_class_init (FpOAuthClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fp_oauth_client_finalize;
}

static void
fp_oauth_client_init (FpOAuthClient *self)
{
}

/**
 * fp_oauth_client_new:
 * @http: the client of the bank
 *
 * Returns: (transfer full): a sign-in client for @http's bank; it also
 *   becomes @http's refresher on 401
 */
static char *refresh_for_http (FpHttpClient  *client,
                               GCancellable  *cancellable,
                               GError       **error,
                               gpointer       user_data);

FpOAuthClient *
fp_oauth_client_new (FpHttpClient *http)
{
  FpOAuthClient *self;

  g_return_val_if_fail (FP_IS_HTTP_CLIENT (http), NULL);

  self = g_object_new (FP_TYPE_OAUTH_CLIENT, NULL);
  self->http = g_object_ref (http);
  self->account = g_strdup (fp_http_client_get_base_url (http));
  /* A weak back-pointer: the oauth client outlives the requests it serves. */
  fp_http_client_set_refresh_func (http, refresh_for_http, self, NULL);
  return self;
}

/**
 * fp_oauth_client_set_keyring:
 * @self: a client
 * @use_keyring: whether the refresh token is kept in the keyring
 * @account: (nullable): the keyring account, default the bank's base URL
 */
void
fp_oauth_client_set_keyring (FpOAuthClient *self,
                             gboolean       use_keyring,
                             const char    *account)
{
  g_return_if_fail (FP_IS_OAUTH_CLIENT (self));

  self->use_keyring = use_keyring;
  if (account != NULL)
    {
      g_free (self->account);
      self->account = g_strdup (account);
    }
}

gboolean
fp_oauth_client_is_signed_in (FpOAuthClient *self)
{
  g_return_val_if_fail (FP_IS_OAUTH_CLIENT (self), FALSE);
  return self->access_token != NULL;
}

gint64
fp_oauth_client_get_expires_at (FpOAuthClient *self)
{
  g_return_val_if_fail (FP_IS_OAUTH_CLIENT (self), 0);
  return self->expires_at;
}

/**
 * fp_oauth_client_import_tokens:
 * @self: a client
 * @access_token: (nullable): an access token
 * @refresh_token: (nullable): a refresh token
 * @expires_at: when @access_token expires, Unix seconds
 *
 * Hands a session over from another client (another thread's).
 */
void
fp_oauth_client_import_tokens (FpOAuthClient *self,
                               const char    *access_token,
                               const char    *refresh_token,
                               gint64         expires_at)
{
  g_return_if_fail (FP_IS_OAUTH_CLIENT (self));

  _fp_oauth_wipe_free (&self->access_token);
  _fp_oauth_wipe_free (&self->refresh_token);
  self->access_token = g_strdup (access_token);
  self->refresh_token = g_strdup (refresh_token);
  self->expires_at = expires_at;
  fp_http_client_set_access_token (self->http, access_token);
}

/**
 * fp_oauth_client_export_tokens:
 * @self: a client
 * @out_access_token: (out) (transfer full) (nullable): the access token
 * @out_refresh_token: (out) (transfer full) (nullable): the refresh token
 * @out_expires_at: (out): when the access token expires
 */
void
fp_oauth_client_export_tokens (FpOAuthClient  *self,
                               char          **out_access_token,
                               char          **out_refresh_token,
                               gint64         *out_expires_at)
{
  g_return_if_fail (FP_IS_OAUTH_CLIENT (self));

  *out_access_token = g_strdup (self->access_token);
  *out_refresh_token = g_strdup (self->refresh_token);
  *out_expires_at = self->expires_at;
}

/* Discovery (RFC 8414), with the sandbox's paths as fallback. */

const char *
_fp_oauth_member_string (JsonObject *o,
                         const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

gint64
_fp_oauth_member_int (JsonObject *o,
                      const char *name,
                      gint64      fallback)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (n);
}

static gboolean
endpoint_ok (FpOAuthClient *self,
             const char    *url)
{
  g_autoptr(GUri) base = g_uri_parse (fp_http_client_get_base_url (self->http), G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  /* The authorization server is the bank itself: same scheme and host. */
  return base != NULL && uri != NULL
         && g_ascii_strcasecmp (g_uri_get_scheme (uri), g_uri_get_scheme (base)) == 0
         && g_ascii_strcasecmp (g_uri_get_host (uri), g_uri_get_host (base)) == 0;
}

gboolean
_fp_oauth_client_discover (FpOAuthClient *self,
                           GCancellable  *cancellable,
                           GError       **error)
{
  const char *base = fp_http_client_get_base_url (self->http);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local = NULL;
  JsonObject *o;
  const char *names[] = {
    "authorization_endpoint", "token_endpoint",
    "device_authorization_endpoint", "revocation_endpoint",
  };
  const char *fallback[] = {
    "oauth/authorize", "oauth/token", "oauth/device_authorization", "oauth/revoke",
  };
  char **slots[] = {
    &self->authorization_endpoint, &self->token_endpoint,
    &self->device_endpoint, &self->revocation_endpoint,
  };

  if (self->token_endpoint != NULL)
    return TRUE;

  root = fp_http_client_get_json (self->http, ".well-known/oauth-authorization-server", NULL,
                                  FP_HTTP_MAX_TOKEN_BYTES, NULL, NULL, cancellable, &local);
  if (root == NULL && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  o = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *url = o != NULL ? _fp_oauth_member_string (o, names[i]) : NULL;

      if (url != NULL && endpoint_ok (self, url))
        *slots[i] = g_strdup (url);
      else
        *slots[i] = g_strconcat (base, fallback[i], NULL);
    }
  return TRUE;
}

/* Tokens */

gboolean
_fp_oauth_error_to_gerror (JsonObject  *o,
                           guint        status,
                           GError     **error)
{
  const char *code = o != NULL ? _fp_oauth_member_string (o, "error") : NULL;

  g_debug ("token endpoint: HTTP %u, error %s", status, code != NULL ? code : "(none)");
  if (g_strcmp0 (code, "access_denied") == 0)
    g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_ACCESS_DENIED,
                         _("The sign-in was cancelled."));
  else if (g_strcmp0 (code, "expired_token") == 0)
    g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_EXPIRED,
                         _("The sign-in code expired. Please start again."));
  else if (g_strcmp0 (code, "invalid_grant") == 0)
    g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_UNAUTHORIZED,
                         _("Your sign-in has expired or was withdrawn. Please sign in again."));
  else
    g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_OAUTH,
                         _("The bank refused the sign-in. Please try again."));
  return FALSE;
}

gboolean
_fp_oauth_client_take_tokens (FpOAuthClient *self,
                              JsonNode      *root,
                              GCancellable  *cancellable,
                              GError       **error)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *access = o != NULL ? _fp_oauth_member_string (o, "access_token") : NULL;
  const char *refresh = o != NULL ? _fp_oauth_member_string (o, "refresh_token") : NULL;
  const char *type = o != NULL ? _fp_oauth_member_string (o, "token_type") : NULL;
  gint64 expires_in = o != NULL ? _fp_oauth_member_int (o, "expires_in", 3600) : 0;

  if (access == NULL || *access == '\0' || type == NULL || g_ascii_strcasecmp (type, "Bearer") != 0)
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_SCHEMA,
                           _("The bank’s sign-in answer was not understood."));
      return FALSE;
    }
  _fp_oauth_wipe_free (&self->access_token);
  self->access_token = g_strdup (access);
  self->expires_at = g_get_real_time () / G_USEC_PER_SEC + CLAMP (expires_in, 0, G_MAXINT32);
  fp_http_client_set_access_token (self->http, access);
  if (refresh != NULL && *refresh != '\0')
    {
      _fp_oauth_wipe_free (&self->refresh_token);
      self->refresh_token = g_strdup (refresh);
      if (self->use_keyring)
        {
          g_autoptr(GError) local = NULL;

          /* Losing the stored token only costs a sign-in next time; a
           * lock or sign-out in the middle cancels the write on purpose. */
          if (!fp_keyring_save_refresh_token (self->account, refresh, FP_KEYRING_NONE,
                                              cancellable, &local))
            {
              if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                g_debug ("The sign-in was not kept in the keyring: cancelled");
              else
                g_warning ("Could not keep the sign-in in the keyring: %s", local->message);
            }
        }
    }
  g_debug ("signed in; access token valid for %" G_GINT64_FORMAT " s", expires_in);
  return TRUE;
}

gboolean
_fp_oauth_client_token_request (FpOAuthClient *self,
                                GHashTable    *form,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  guint status = 0;

  root = fp_http_client_post_form (self->http, self->token_endpoint, form, &status,
                                   cancellable, error);
  if (root == NULL)
    return FALSE;
  if (status != 200)
    return _fp_oauth_error_to_gerror (JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL,
                                  status, error);
  return _fp_oauth_client_take_tokens (self, root, cancellable, error);
}

GHashTable *
_fp_oauth_new_form (void)
{
  return g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * fp_oauth_client_refresh:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Gets a new access token with the refresh token; the rotated refresh
 * token replaces the old one (in the keyring too).
 *
 * Returns: %TRUE on success
 */
gboolean
fp_oauth_client_refresh (FpOAuthClient *self,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *refresh = NULL;

  g_return_val_if_fail (FP_IS_OAUTH_CLIENT (self), FALSE);

  if (self->refresh_token == NULL)
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_UNAUTHORIZED,
                           _("Your sign-in has expired or was withdrawn. Please sign in again."));
      return FALSE;
    }
  if (!_fp_oauth_client_discover (self, cancellable, error))
    return FALSE;
  refresh = g_strdup (self->refresh_token);
  form = _fp_oauth_new_form ();
  g_hash_table_insert (form, (gpointer) "grant_type", (gpointer) "refresh_token");
  g_hash_table_insert (form, (gpointer) "refresh_token", refresh);
  g_hash_table_insert (form, (gpointer) "client_id", (gpointer) FP_OAUTH_CLIENT_ID);
  if (!_fp_oauth_client_token_request (self, form, cancellable, error))
    {
      _fp_oauth_wipe_free (&refresh);
      return FALSE;
    }
  _fp_oauth_wipe_free (&refresh);
  return TRUE;
}

static char *
refresh_for_http (FpHttpClient  *client,
                  GCancellable  *cancellable,
                  GError       **error,
                  gpointer       user_data)
{
  FpOAuthClient *self = user_data;

  if (!fp_oauth_client_refresh (self, cancellable, error))
    return NULL;
  return g_strdup (self->access_token);
}

/**
 * fp_oauth_client_resume:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Signs in silently with the refresh token kept in the keyring.
 *
 * Returns: %TRUE when signed in
 */
gboolean
fp_oauth_client_resume (FpOAuthClient *self,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GError) local = NULL;
  char *token;

  g_return_val_if_fail (FP_IS_OAUTH_CLIENT (self), FALSE);

  if (!self->use_keyring)
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_UNAUTHORIZED,
                           _("Please sign in to your bank."));
      return FALSE;
    }
  token = fp_keyring_load_refresh_token (self->account, FP_KEYRING_NONE, cancellable, &local);
  if (token == NULL)
    {
      /* Nothing stored is not a failure of the keyring, but still no
       * sign-in. */
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_UNAUTHORIZED,
                             _("Please sign in to your bank."));
      return FALSE;
    }
  _fp_oauth_wipe_free (&self->refresh_token);
  self->refresh_token = g_strdup (token);
  fp_keyring_free_token (token);
  return fp_oauth_client_refresh (self, cancellable, error);
}

static void
revoke_token (FpOAuthClient *self,
        const char    *token,
        GCancellable  *cancellable)
{
  g_autoptr(GHashTable) form = _fp_oauth_new_form ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local = NULL;
  guint status = 0;

  g_hash_table_insert (form, (gpointer) "token", (gpointer) token);
  g_hash_table_insert (form, (gpointer) "client_id", (gpointer) FP_OAUTH_CLIENT_ID);
  root = fp_http_client_post_form (self->http, self->revocation_endpoint, form, &status,
                                   cancellable, &local);
  if (root == NULL || status != 200)
    g_debug ("revocation failed (HTTP %u)", status);
}

/**
 * fp_oauth_client_sign_out:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Revokes the refresh and access tokens at the bank (best effort: a bank
 * that cannot be reached does not keep the customer signed in), forgets
 * them and removes the refresh token from the keyring.
 *
 * Returns: %FALSE only if the keyring could not be cleared
 */
gboolean
fp_oauth_client_sign_out (FpOAuthClient *self,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_return_val_if_fail (FP_IS_OAUTH_CLIENT (self), FALSE);

  if (_fp_oauth_client_discover (self, cancellable, NULL))
    {
      if (self->refresh_token != NULL)
        revoke_token (self, self->refresh_token, cancellable);
      if (self->access_token != NULL)
        revoke_token (self, self->access_token, cancellable);
    }
  _fp_oauth_wipe_free (&self->refresh_token);
  _fp_oauth_wipe_free (&self->access_token);
  fp_http_client_set_access_token (self->http, NULL);
  if (self->use_keyring)
    return fp_keyring_clear_refresh_token (self->account, FP_KEYRING_NONE, cancellable, error);
  return TRUE;
}
