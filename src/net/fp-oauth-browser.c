/* fp-oauth-browser.c
 *
 * Signing in through the browser: the authorization code flow with PKCE
 * (RFC 7636) and a loopback redirect listener (RFC 8252), which the demo
 * bank follows by itself.
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

#include "fp-net-error.h"
#include "fp-oauth-client-private.h"
#include "fp-pinned-database.h"

#define SIGN_IN_TIMEOUT_BROWSER_S 600
#define SIGN_IN_TIMEOUT_DEMO_S    30

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

  if (!_fp_oauth_client_discover (self, cancellable, error))
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
      _fp_oauth_error_to_gerror (o, 302, error);
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

  form = _fp_oauth_new_form ();
  g_hash_table_insert (form, (gpointer) "grant_type", (gpointer) "authorization_code");
  g_hash_table_insert (form, (gpointer) "code", cb.code);
  g_hash_table_insert (form, (gpointer) "redirect_uri", redirect_uri);
  g_hash_table_insert (form, (gpointer) "client_id", (gpointer) FP_OAUTH_CLIENT_ID);
  g_hash_table_insert (form, (gpointer) "code_verifier", verifier);
  ok = _fp_oauth_client_token_request (self, form, cancellable, error);

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
  _fp_oauth_wipe_free (&cb.code);
  g_free (cb.state);
  g_free (cb.error);
  _fp_oauth_wipe_free (&verifier);
  return ok;
}
