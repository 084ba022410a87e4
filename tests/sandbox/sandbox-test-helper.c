/* sandbox-test-helper.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sandbox-test"

#include "config.h"

#include <string.h>

#include "fp-generator.h"
#include "sandbox-test-helper.h"

struct _TestSandbox {
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  FpSandboxConfig  config;
  guint            customers;
  char            *url;
  GMutex           mutex;
  GCond            cond;
  gboolean         ready;
  SoupSession     *session;
};

static gpointer
server_thread (gpointer data)
{
  TestSandbox *ts = data;
  g_autoptr(GError) error = NULL;
  FpSandboxServer *server;
  FpGeneratorOptions options;
  FpBankData *bank;

  g_main_context_push_thread_default (ts->context);
  /* One year of seed 7, ending on the configured today (or the clock's). */
  fp_generator_options_init (&options);
  options.customers = ts->customers;
  options.years = 1;
  options.seed = 7;
  if (ts->config.today != G_MININT32)
    options.today = ts->config.today;
  bank = fp_generator_generate (&options, &error);
  g_assert_no_error (error);
  server = fp_sandbox_server_new (bank, &ts->config);
  fp_sandbox_server_listen (server, &error);
  g_assert_no_error (error);

  g_mutex_lock (&ts->mutex);
  ts->url = g_strdup (fp_sandbox_server_get_base_url (server));
  ts->ready = TRUE;
  g_cond_signal (&ts->cond);
  g_mutex_unlock (&ts->mutex);

  g_main_loop_run (ts->loop);
  g_object_unref (server);
  g_main_context_pop_thread_default (ts->context);
  return NULL;
}

TestSandbox *
ts_start (const FpSandboxConfig *config,
          guint                  customers)
{
  TestSandbox *ts = g_new0 (TestSandbox, 1);

  ts->config = *config;
  ts->customers = customers;
  ts->context = g_main_context_new ();
  ts->loop = g_main_loop_new (ts->context, FALSE);
  g_mutex_init (&ts->mutex);
  g_cond_init (&ts->cond);
  ts->thread = g_thread_new ("sandbox", server_thread, ts);
  g_mutex_lock (&ts->mutex);
  while (!ts->ready)
    g_cond_wait (&ts->cond, &ts->mutex);
  g_mutex_unlock (&ts->mutex);
  {
    /* Loopback needs no proxy; libproxy also throws C++ exceptions that
     * trip AddressSanitizer. */
    g_autoptr(GProxyResolver) direct = g_simple_proxy_resolver_new (NULL, NULL);

    ts->session = soup_session_new_with_options ("max-conns-per-host", 1,
                                                 "proxy-resolver", direct, NULL);
  }
  return ts;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* A session for a sandbox running elsewhere (a process of its own). */
TestSandbox *
ts_attach (const char *url)
{
  TestSandbox *ts = g_new0 (TestSandbox, 1);
  g_autoptr(GProxyResolver) direct = g_simple_proxy_resolver_new (NULL, NULL);

  ts->url = g_strdup (url);
  g_mutex_init (&ts->mutex);
  g_cond_init (&ts->cond);
  ts->session = soup_session_new_with_options ("max-conns-per-host", 1, "proxy-resolver", direct, NULL);
  return ts;
}

void
ts_stop (TestSandbox *ts)
{
  g_object_unref (ts->session);
  if (ts->thread != NULL)
    {
      g_main_context_invoke (ts->context, quit_cb, ts->loop);
      g_thread_join (ts->thread);
      g_main_loop_unref (ts->loop);
      g_main_context_unref (ts->context);
    }
  g_mutex_clear (&ts->mutex);
  g_cond_clear (&ts->cond);
  g_free (ts->url);
  g_free (ts);
}

const char *
ts_url (TestSandbox *ts)
{
  return ts->url;
}

static TestResponse *
send_message (TestSandbox *ts,
              SoupMessage *msg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  TestResponse *r = g_new0 (TestResponse, 1);
  gsize len = 0;
  const char *data;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  bytes = soup_session_send_and_read (ts->session, msg, NULL, &error);
  if (error != NULL)
    {
      /* A transport failure (a fault cut the connection): status 0. */
      r->status = 0;
      r->body = g_strdup (error->message);
      r->len = strlen (r->body);
      r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
      return r;
    }
  data = g_bytes_get_data (bytes, &len);
  r->status = soup_message_get_status (msg);
  r->body = g_strndup (data != NULL ? data : "", len);
  r->len = len;
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return r;
}

TestResponse *
ts_request (TestSandbox *ts,
            const char  *method,
            const char  *path,
            const char  *token,
            const char  *content_type,
            const char  *body,
            const char  *first_header,
            ...)
{
  g_autofree char *uri = g_strconcat (ts->url, path[0] == '/' ? path + 1 : path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  SoupMessageHeaders *headers;
  const char *name = first_header;
  va_list args;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", auth);
    }
  va_start (args, first_header);
  while (name != NULL)
    {
      const char *value = va_arg (args, const char *);

      soup_message_headers_replace (headers, name, value);
      name = va_arg (args, const char *);
    }
  va_end (args);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  return send_message (ts, msg);
}

TestResponse *
ts_form (TestSandbox *ts,
         const char  *path,
         const char  *first_field,
         ...)
{
  g_autofree char *uri = g_strconcat (ts->url, path[0] == '/' ? path + 1 : path, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *encoded = NULL;
  const char *name = first_field;
  va_list args;

  va_start (args, first_field);
  while (name != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        g_hash_table_insert (fields, (gpointer) name, (gpointer) value);
      name = va_arg (args, const char *);
    }
  va_end (args);
  encoded = soup_form_encode_hash (fields);
  msg = soup_message_new ("POST", uri);
  bytes = g_bytes_new (encoded, strlen (encoded));
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
  return send_message (ts, msg);
}

void
ts_response_free (TestResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->body);
  soup_message_headers_unref (response->headers);
  g_free (response);
}

JsonNode *
ts_json (TestResponse *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, response->body, (gssize) response->len, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

const char *
ts_header (TestResponse *response,
           const char   *name)
{
  return soup_message_headers_get_one (response->headers, name);
}

char *
ts_query_param (const char *uri,
                const char *name)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GHashTable) params = NULL;

  if (parsed == NULL || g_uri_get_query (parsed) == NULL)
    return NULL;
  params = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return NULL;
  return g_strdup (g_hash_table_lookup (params, name));
}

/* The documented one-time code, computed here from its definition in the
 * contract: HMAC-SHA256("finpersona-sandbox-otp", username), first four
 * bytes big-endian, top bit cleared, modulo one million. */
char *
ts_otp (const char *username)
{
  static const char key[] = "finpersona-sandbox-otp";
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) key, strlen (key));
  guint8 digest[32];
  gsize len = sizeof digest;
  guint32 v;

  g_hmac_update (hmac, (const guchar *) username, -1);
  g_hmac_get_digest (hmac, digest, &len);
  v = ((guint32) digest[0] << 24 | (guint32) digest[1] << 16 | (guint32) digest[2] << 8 | digest[3]) & 0x7fffffffu;
  return g_strdup_printf ("%06u", v % 1000000u);
}

/* Signs in through the HTML form of the authorize endpoint, as a browser
 * would; returns the Location of the redirect. */
char *
ts_authorize (TestSandbox *ts,
              const char  *username,
              const char  *challenge,
              const char  *redirect_uri,
              const char  *state)
{
  g_autofree char *otp = ts_otp (username);
  g_autoptr(TestResponse) r = ts_form (ts, "/oauth/authorize",
                                       "response_type", "code",
                                       "client_id", TS_CLIENT_ID,
                                       "redirect_uri", redirect_uri,
                                       "code_challenge", challenge,
                                       "code_challenge_method", "S256",
                                       "state", state,
                                       "username", username,
                                       "password", "sandbox",
                                       "otp", otp,
                                       "action", "approve",
                                       NULL);

  if (r->status != 302)
    return NULL;
  return g_strdup (ts_header (r, "Location"));
}

gboolean
ts_sign_in (TestSandbox *ts,
            const char  *username,
            TestTokens  *out)
{
  static const char verifier[] = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  static const char challenge[] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  g_autofree char *location = ts_authorize (ts, username, challenge, TS_REDIRECT, "s");
  g_autofree char *code = NULL;
  g_autoptr(TestResponse) r = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;

  if (location == NULL)
    return FALSE;
  code = ts_query_param (location, "code");
  r = ts_form (ts, "/oauth/token",
               "grant_type", "authorization_code",
               "client_id", TS_CLIENT_ID,
               "code", code,
               "redirect_uri", TS_REDIRECT,
               "code_verifier", verifier,
               NULL);
  if (r->status != 200)
    return FALSE;
  node = ts_json (r);
  o = json_node_get_object (node);
  out->access_token = g_strdup (json_object_get_string_member (o, "access_token"));
  out->refresh_token = g_strdup (json_object_get_string_member (o, "refresh_token"));
  return TRUE;
}

void
ts_tokens_clear (TestTokens *tokens)
{
  g_clear_pointer (&tokens->access_token, g_free);
  g_clear_pointer (&tokens->refresh_token, g_free);
}
