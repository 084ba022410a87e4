/* fp-sandbox-introspect.c
 *
 * POST /oauth/introspect (RFC 7662): whether an access token is active,
 * whose it is and until when, for the bank's own services. The GenAI
 * proxy asks here before it lets a customer's request through.
 *
 * Only a confidential client may ask, authenticated with HTTP Basic
 * (client_secret_basic, RFC 6749 2.3.1: id and secret form-urlencoded,
 * joined by a colon, base64). The sandbox knows one: the proxy, with the
 * published throwaway secret of fp-aws-sandbox.h. A wrong or missing
 * client gets 401 invalid_client; every token that is not an active
 * access token gets `{"active": false}`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-oauth"

#include "config.h"

#include <string.h>

#include "fp-aws-sandbox.h"
#include "fp-sandbox-introspect.h"

static gboolean
same_secret (const char *a,
             const char *b)
{
  gsize len = strlen (b);
  guint8 diff = 0;

  if (strlen (a) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    diff |= (guint8) (a[i] ^ b[i]);
  return diff == 0;
}

/* client_secret_basic: Basic base64(urlencode(id) ":" urlencode(secret)). */
static gboolean
client_ok (FpSandboxRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  g_autofree guchar *decoded = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  g_autofree char *secret = NULL;
  gsize len = 0;
  char *colon;

  if (auth == NULL || g_ascii_strncasecmp (auth, "Basic ", 6) != 0 || strlen (auth) > 1024)
    return FALSE;
  decoded = g_base64_decode (auth + 6, &len);
  if (decoded == NULL || len == 0)
    return FALSE;
  text = g_strndup ((const char *) decoded, len);
  if (strlen (text) != len || (colon = strchr (text, ':')) == NULL)
    return FALSE;
  *colon = '\0';
  id = g_uri_unescape_string (text, NULL);
  secret = g_uri_unescape_string (colon + 1, NULL);
  if (id == NULL || secret == NULL)
    return FALSE;
  return strcmp (id, FP_SANDBOX_PROXY_CLIENT_ID) == 0
         && same_secret (secret, FP_SANDBOX_PROXY_CLIENT_SECRET);
}

static FpSandboxResponse *
oauth_error (guint       status,
             const char *error,
             const char *description)
{
  FpSandboxResponse *r = fp_sandbox_response_new (status, "application/json");
  FpJsonWriter w;

  fp_json_writer_init (&w, r->body);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "error", error);
  fp_json_kv_string (&w, "error_description", description);
  fp_json_end_object (&w);
  return r;
}

FpSandboxResponse *
fp_sandbox_handle_introspect (FpSandboxRequest *req,
                              GHashTable       *form)
{
  FpSandboxServer *self = req->self;
  const char *token = g_hash_table_lookup (form, "token");
  const char *hint = g_hash_table_lookup (form, "token_type_hint");
  const char *scope = NULL;
  gint64 expires = 0, issued = 0;
  FpSandboxResponse *r;
  FpJsonWriter w;
  gint customer;

  if (!client_ok (req))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "WWW-Authenticate", "Basic realm=\"finpersona-sandbox\"");
      return oauth_error (SOUP_STATUS_UNAUTHORIZED, "invalid_client",
                          "introspection needs the resource server's client credentials");
    }
  if (token == NULL || *token == '\0' || strlen (token) > 512)
    return oauth_error (SOUP_STATUS_BAD_REQUEST, "invalid_request", "token is required");
  if (hint != NULL && strcmp (hint, "access_token") != 0 && strcmp (hint, "refresh_token") != 0)
    return oauth_error (SOUP_STATUS_BAD_REQUEST, "invalid_request", "unknown token_type_hint");

  customer = fp_sandbox_oauth_introspect (self->oauth, token, req->now, &scope, &expires, &issued);
  r = fp_sandbox_response_new (SOUP_STATUS_OK, "application/json");
  fp_json_writer_init (&w, r->body);
  fp_json_begin_object (&w);
  fp_json_kv_bool (&w, "active", customer >= 0);
  if (customer >= 0)
    {
      g_autofree char *sub = g_strdup_printf ("cus_%d", customer);
      g_autofree char *issuer = g_strndup (self->base_url, strlen (self->base_url) - 1);

      fp_json_kv_string (&w, "scope", scope);
      fp_json_kv_string (&w, "client_id", FP_SANDBOX_CLIENT_ID);
      fp_json_kv_string (&w, "token_type", "Bearer");
      fp_json_kv_int (&w, "exp", expires);
      fp_json_kv_int (&w, "iat", issued);
      fp_json_kv_string (&w, "sub", sub);
      fp_json_kv_string (&w, "iss", issuer);
    }
  fp_json_end_object (&w);
  return r;
}
