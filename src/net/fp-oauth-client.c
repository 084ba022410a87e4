/* fp-oauth-client.c
 *
 * Sign-in to the bank with OAuth 2.0 for native apps: authorization code
 * with PKCE S256 (RFC 7636) through the system browser and a loopback
 * redirect listener opened only for the sign-in (RFC 8252); the device
 * authorization grant for kiosks (RFC 8628); refresh with rotation, the
 * refresh token kept in the keyring; sign-out with revocation (RFC 7009).
 * No token is ever logged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-oauth"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/random.h>

#include "fp-endpoint.h"
#include "fp-keyring.h"
#include "fp-net-error.h"
#include "fp-oauth-client.h"
#include "fp-pinned-database.h"

#define SIGN_IN_TIMEOUT_BROWSER_S 600
#define SIGN_IN_TIMEOUT_DEMO_S    30

struct _FpOAuthClient {
  GObject       parent_instance;

  FpHttpClient *http;
  char         *authorization_endpoint;
  char         *token_endpoint;
  char         *device_endpoint;
  char         *revocation_endpoint;

  char         *access_token;
  char         *refresh_token;
  gint64        expires_at;

  gboolean      use_keyring;
  char         *account;
};

G_DEFINE_FINAL_TYPE (FpOAuthClient, fp_oauth_client, G_TYPE_OBJECT)

static void
wipe_free (char **p)
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

  wipe_free (&self->access_token);
  wipe_free (&self->refresh_token);
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

/* PKCE */

static gboolean
random_bytes (guint8 *buf,
              gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = getrandom (buf + done, len - done, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      done += (gsize) n;
    }
  return TRUE;
}

/**
 * fp_base64url_encode:
 * @data: bytes
 * @len: their number
 *
 * Returns: (transfer full): base64url without padding (RFC 4648 5)
 */
char *
fp_base64url_encode (const guint8 *data,
                     gsize         len)
{
  char *text = g_base64_encode (data, len);

  for (char *p = text; *p; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return text;
}

/**
 * fp_pkce_new_verifier:
 *
 * Returns: (transfer full) (nullable): 43 base64url characters from 32
 *   bytes of the system's randomness (getrandom), or %NULL if it failed
 */
char *
fp_pkce_new_verifier (void)
{
  guint8 buf[32];
  char *text;

  if (!random_bytes (buf, sizeof buf))
    return NULL;
  text = fp_base64url_encode (buf, sizeof buf);
  memset (buf, 0, sizeof buf);
  return text;
}

/**
 * fp_pkce_challenge_s256:
 * @verifier: a code verifier
 *
 * Returns: (transfer full): BASE64URL(SHA256(ASCII(@verifier)))
 */
char *
fp_pkce_challenge_s256 (const char *verifier)
{
  g_autoptr(GChecksum) sum = NULL;
  guint8 digest[32];
  gsize len = sizeof digest;

  g_return_val_if_fail (verifier != NULL, NULL);

  sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sum, (const guchar *) verifier, (gssize) strlen (verifier));
  g_checksum_get_digest (sum, digest, &len);
  return fp_base64url_encode (digest, len);
}

/**
 * fp_oauth_state_equal:
 * @a: (nullable): a state
 * @b: (nullable): another
 *
 * Compares in time independent of where they differ.
 *
 * Returns: %TRUE if both are set and equal
 */
gboolean
fp_oauth_state_equal (const char *a,
                      const char *b)
{
  gsize la, lb;
  guint8 diff = 0;

  if (a == NULL || b == NULL)
    return FALSE;
  la = strlen (a);
  lb = strlen (b);
  if (la != lb)
    return FALSE;
  for (gsize i = 0; i < la; i++)
    diff |= (guint8) (a[i] ^ b[i]);
  return diff == 0;
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

  wipe_free (&self->access_token);
  wipe_free (&self->refresh_token);
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

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static gint64
member_int (JsonObject *o,
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

static gboolean
discover (FpOAuthClient *self,
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
      const char *url = o != NULL ? member_string (o, names[i]) : NULL;

      if (url != NULL && endpoint_ok (self, url))
        *slots[i] = g_strdup (url);
      else
        *slots[i] = g_strconcat (base, fallback[i], NULL);
    }
  return TRUE;
}

/* Tokens */

static gboolean
oauth_error_to_gerror (JsonObject  *o,
                       guint        status,
                       GError     **error)
{
  const char *code = o != NULL ? member_string (o, "error") : NULL;

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

static gboolean
take_tokens (FpOAuthClient *self,
             JsonNode      *root,
             GCancellable  *cancellable,
             GError       **error)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *access = o != NULL ? member_string (o, "access_token") : NULL;
  const char *refresh = o != NULL ? member_string (o, "refresh_token") : NULL;
  const char *type = o != NULL ? member_string (o, "token_type") : NULL;
  gint64 expires_in = o != NULL ? member_int (o, "expires_in", 3600) : 0;

  if (access == NULL || *access == '\0' || type == NULL || g_ascii_strcasecmp (type, "Bearer") != 0)
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_SCHEMA,
                           _("The bank’s sign-in answer was not understood."));
      return FALSE;
    }
  wipe_free (&self->access_token);
  self->access_token = g_strdup (access);
  self->expires_at = g_get_real_time () / G_USEC_PER_SEC + CLAMP (expires_in, 0, G_MAXINT32);
  fp_http_client_set_access_token (self->http, access);
  if (refresh != NULL && *refresh != '\0')
    {
      wipe_free (&self->refresh_token);
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

static gboolean
token_request (FpOAuthClient *self,
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
    return oauth_error_to_gerror (JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL,
                                  status, error);
  return take_tokens (self, root, cancellable, error);
}

static GHashTable *
new_form (void)
{
  return g_hash_table_new (g_str_hash, g_str_equal);
}

/* The loopback redirect listener */

typedef struct {
  gboolean  done;
  char     *code;
  char     *state;
  char     *error;
} Callback;

static void
callback_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  Callback *cb = user_data;
  g_autofree char *page = NULL;

  if (cb->done || g_strcmp0 (soup_server_message_get_method (msg), "GET") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  cb->done = TRUE;
  if (query != NULL)
    {
      cb->code = g_strdup (g_hash_table_lookup (query, "code"));
      cb->state = g_strdup (g_hash_table_lookup (query, "state"));
      cb->error = g_strdup (g_hash_table_lookup (query, "error"));
    }
  page = g_strdup_printf ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>FinPersona</title></head>"
                          "<body><p>%s</p></body></html>",
                          _("You can close this page and return to FinPersona."));
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    page, strlen (page));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

typedef struct {
  SoupSession *session;
  gboolean     failed;
  gboolean     refused;   /* the certificate */
} Demo;

static void
demo_follow_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Demo *demo = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  if (bytes == NULL)
    {
      g_debug ("demo sign-in: the redirect to the listener failed: %s", error->message);
      demo->failed = TRUE;
    }
}

static void
demo_authorize_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Demo *demo = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  const char *location;
  g_autoptr(SoupMessage) follow = NULL;
  g_autoptr(GUri) uri = NULL;

  if (bytes == NULL || msg == NULL || soup_message_get_status (msg) != SOUP_STATUS_FOUND)
    {
      g_debug ("demo sign-in: authorize answered %u%s%s", msg != NULL ? soup_message_get_status (msg) : 0,
               error != NULL ? ": " : "", error != NULL ? error->message : "");
      demo->failed = TRUE;
      demo->refused = g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
      return;
    }
  location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
  uri = location != NULL ? g_uri_parse (location, G_URI_FLAGS_NONE, NULL) : NULL;
  /* Only ever follow to our own loopback listener. */
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "http") != 0
      || g_strcmp0 (g_uri_get_host (uri), "127.0.0.1") != 0)
    {
      demo->failed = TRUE;
      return;
    }
  follow = soup_message_new_from_uri ("GET", uri);
  soup_session_send_and_read_async (demo->session, follow, G_PRIORITY_DEFAULT, NULL,
                                    demo_follow_cb, demo);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * fp_oauth_client_sign_in:
 * @self: a client
 * @mode: browser or the embedded demo
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Authorization code + PKCE S256 with a loopback redirect listener on
 * 127.0.0.1 and a port the system chooses, open only during the sign-in.
 * Blocks (run it on a worker thread).
 *
 * Returns: %TRUE when signed in
 */
gboolean
fp_oauth_client_sign_in (FpOAuthClient     *self,
                         FpOAuthSignInMode  mode,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSource) tick = NULL;
  g_autofree char *verifier = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *state = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autofree char *authorize_url = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(GTlsDatabase) tls = NULL;
  GSList *uris;
  guint port;
  Callback cb = { 0 };
  Demo demo = { 0 };
  gint64 deadline;
  gboolean ok = FALSE;

  g_return_val_if_fail (FP_IS_OAUTH_CLIENT (self), FALSE);

  if (!discover (self, cancellable, error))
    return FALSE;

  verifier = fp_pkce_new_verifier ();
  state = fp_pkce_new_verifier ();
  if (verifier == NULL || state == NULL)
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_FAILED,
                           _("The system could not provide secure random numbers."));
      return FALSE;
    }
  challenge = fp_pkce_challenge_s256 (verifier);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (server, "/callback", callback_handler, &cb, NULL);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  if (!soup_server_listen (server, address, 0, error))
    goto out;
  uris = soup_server_get_uris (server);
  port = uris != NULL ? (guint) g_uri_get_port (uris->data) : 0;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  redirect_uri = g_strdup_printf ("http://127.0.0.1:%u/callback", port);

  query = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (query, (gpointer) "client_id", (gpointer) FP_OAUTH_CLIENT_ID);
  g_hash_table_insert (query, (gpointer) "response_type", (gpointer) "code");
  g_hash_table_insert (query, (gpointer) "redirect_uri", redirect_uri);
  g_hash_table_insert (query, (gpointer) "code_challenge", challenge);
  g_hash_table_insert (query, (gpointer) "code_challenge_method", (gpointer) "S256");
  g_hash_table_insert (query, (gpointer) "state", state);
  g_hash_table_insert (query, (gpointer) "scope", (gpointer) FP_OAUTH_DEFAULT_SCOPE);
  if (mode == FP_OAUTH_SIGN_IN_DEMO)
    g_hash_table_insert (query, (gpointer) "login_hint", (gpointer) "demo");
  encoded = soup_form_encode_hash (query);
  authorize_url = g_strconcat (self->authorization_endpoint,
                               strchr (self->authorization_endpoint, '?') ? "&" : "?",
                               encoded, NULL);

  if (mode == FP_OAUTH_SIGN_IN_DEMO)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", authorize_url);

      g_autoptr(GProxyResolver) direct = g_simple_proxy_resolver_new (NULL, NULL);

      g_autoptr(GError) tls_error = NULL;

      tls = fp_tls_database_for_bank (self->authorization_endpoint, &tls_error);

      /* The demo bank and the listener are on loopback: never a proxy.
       * Certificates are checked as the client checks the bank's. */
      demo.session = soup_session_new_with_options ("proxy-resolver", direct, NULL);
      if (tls != NULL)
        soup_session_set_tls_database (demo.session, tls);
      if (tls_error != NULL)
        {
          g_debug ("no certificate database: %s", tls_error->message);
          g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_UNTRUSTED,
                               _("The bank’s certificate cannot be checked on this computer."));
          goto out;
        }
      if (msg == NULL)
        {
          g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_INVALID_URL,
                               _("The bank’s address is not valid."));
          goto out;
        }
      soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      soup_session_send_and_read_async (demo.session, msg, G_PRIORITY_DEFAULT, NULL,
                                        demo_authorize_cb, &demo);
    }
  else if (!g_app_info_launch_default_for_uri (authorize_url, NULL, error))
    goto out;

  /* Wake up now and then to notice cancellation and the deadline. */
  tick = g_timeout_source_new (100);
  g_source_set_callback (tick, tick_cb, NULL, NULL);
  g_source_attach (tick, context);

  deadline = g_get_monotonic_time ()
             + (mode == FP_OAUTH_SIGN_IN_DEMO ? SIGN_IN_TIMEOUT_DEMO_S : SIGN_IN_TIMEOUT_BROWSER_S)
               * G_USEC_PER_SEC;
  while (!cb.done && !demo.failed)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_EXPIRED,
                               _("The sign-in took too long. Please try again."));
          goto out;
        }
      g_main_context_iteration (context, TRUE);
    }
  if (!cb.done && demo.refused)
    {
      fp_tls_set_refused_error (error, tls, 0);
      goto out;
    }
  if (!cb.done)
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_OAUTH,
                           _("The demo bank did not sign the demo customer in."));
      goto out;
    }

  if (!fp_oauth_state_equal (cb.state, state))
    {
      g_debug ("sign-in redirect with a wrong state");
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_STATE_MISMATCH,
                           _("The sign-in answer did not belong to this sign-in. Please try again."));
      goto out;
    }
  if (cb.error != NULL)
    {
      g_autoptr(JsonObject) o = json_object_new ();

      json_object_set_string_member (o, "error", cb.error);
      oauth_error_to_gerror (o, 302, error);
      goto out;
    }
  if (cb.code == NULL)
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_OAUTH,
                           _("The bank refused the sign-in. Please try again."));
      goto out;
    }

  /* The listener is closed before the exchange: it is open only as long as
   * needed. */
  soup_server_disconnect (server);

  form = new_form ();
  g_hash_table_insert (form, (gpointer) "grant_type", (gpointer) "authorization_code");
  g_hash_table_insert (form, (gpointer) "code", cb.code);
  g_hash_table_insert (form, (gpointer) "redirect_uri", redirect_uri);
  g_hash_table_insert (form, (gpointer) "client_id", (gpointer) FP_OAUTH_CLIENT_ID);
  g_hash_table_insert (form, (gpointer) "code_verifier", verifier);
  ok = token_request (self, form, cancellable, error);

out:
  if (tick != NULL)
    g_source_destroy (tick);
  if (server != NULL)
    soup_server_disconnect (server);
  if (demo.session != NULL)
    {
      soup_session_abort (demo.session);
      g_object_unref (demo.session);
    }
  /* Let pending callbacks run before the context goes. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
  wipe_free (&cb.code);
  g_free (cb.state);
  g_free (cb.error);
  wipe_free (&verifier);
  return ok;
}

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

  if (!discover (self, cancellable, error))
    return FALSE;

  form = new_form ();
  g_hash_table_insert (form, (gpointer) "client_id", (gpointer) FP_OAUTH_CLIENT_ID);
  g_hash_table_insert (form, (gpointer) "scope", (gpointer) FP_OAUTH_DEFAULT_SCOPE);
  root = fp_http_client_post_form (self->http, self->device_endpoint, form, &http_status,
                                   cancellable, error);
  if (root == NULL)
    return FALSE;
  o = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (http_status != 200)
    return oauth_error_to_gerror (o, http_status, error);
  if (o == NULL || member_string (o, "device_code") == NULL || *member_string (o, "device_code") == '\0'
      || !user_code_ok (member_string (o, "user_code"))
      || (verification = verification_uri_parse (member_string (o, "verification_uri"))) == NULL)
    {
      g_debug ("device authorization: an answer outside RFC 8628's limits");
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_SCHEMA,
                           _("The bank’s sign-in answer was not understood."));
      return FALSE;
    }
  device_code = g_strdup (member_string (o, "device_code"));
  user_code = g_strdup (member_string (o, "user_code"));
  verification_uri = g_strdup (member_string (o, "verification_uri"));
  /* The code filled in, for the QR code: only on the verification page's
   * own scheme and host. */
  complete = verification_uri_parse (member_string (o, "verification_uri_complete"));
  if (complete != NULL
      && g_ascii_strcasecmp (g_uri_get_scheme (complete), g_uri_get_scheme (verification)) == 0
      && g_ascii_strcasecmp (g_uri_get_host (complete), g_uri_get_host (verification)) == 0
      && g_uri_get_port (complete) == g_uri_get_port (verification))
    verification_uri_complete = g_strdup (member_string (o, "verification_uri_complete"));
  interval = CLAMP (member_int (o, "interval", 5), 1, 60);
  status.expires_in = CLAMP (member_int (o, "expires_in", 600), 1, 3600);
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
        return take_tokens (self, poll, cancellable, error);
      o = JSON_NODE_HOLDS_OBJECT (poll) ? json_node_get_object (poll) : NULL;
      code = o != NULL ? member_string (o, "error") : NULL;
      if (g_strcmp0 (code, "authorization_pending") == 0)
        status.last_answer = "authorization_pending";
      else if (g_strcmp0 (code, "slow_down") == 0)
        {
          interval += 5;
          status.last_answer = "slow_down";
        }
      else
        return oauth_error_to_gerror (o, http_status, error);
      status.n_polls++;
      status.interval = interval;
      status_func (&status, user_data);
    }
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
  if (!discover (self, cancellable, error))
    return FALSE;
  refresh = g_strdup (self->refresh_token);
  form = new_form ();
  g_hash_table_insert (form, (gpointer) "grant_type", (gpointer) "refresh_token");
  g_hash_table_insert (form, (gpointer) "refresh_token", refresh);
  g_hash_table_insert (form, (gpointer) "client_id", (gpointer) FP_OAUTH_CLIENT_ID);
  if (!token_request (self, form, cancellable, error))
    {
      wipe_free (&refresh);
      return FALSE;
    }
  wipe_free (&refresh);
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
  wipe_free (&self->refresh_token);
  self->refresh_token = g_strdup (token);
  fp_keyring_free_token (token);
  return fp_oauth_client_refresh (self, cancellable, error);
}

static void
revoke_token (FpOAuthClient *self,
        const char    *token,
        GCancellable  *cancellable)
{
  g_autoptr(GHashTable) form = new_form ();
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

  if (discover (self, cancellable, NULL))
    {
      if (self->refresh_token != NULL)
        revoke_token (self, self->refresh_token, cancellable);
      if (self->access_token != NULL)
        revoke_token (self, self->access_token, cancellable);
    }
  wipe_free (&self->refresh_token);
  wipe_free (&self->access_token);
  fp_http_client_set_access_token (self->http, NULL);
  if (self->use_keyring)
    return fp_keyring_clear_refresh_token (self->account, FP_KEYRING_NONE, cancellable, error);
  return TRUE;
}
