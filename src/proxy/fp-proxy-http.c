/* fp-proxy-http.c
 *
 * The proxy's outgoing HTTP, to the bank and to Bedrock: sessions without
 * cookies or HSTS stores (TLS verified as libsoup does by default), never
 * through a proxy for loopback, every body read with a cap and every JSON
 * reply size-, UTF-8- and depth-checked before json-glib sees it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-proxy"

#include "config.h"

#include <string.h>

#include "fp-endpoint.h"
#include "fp-json-strict.h"
#include "fp-proxy-http.h"

#define MAX_DEPTH 32

/**
 * fp_proxy_http_session_new:
 * @base_url: the service the session talks to
 * @max_conns: connections to keep open to it at most
 * @timeout_s: the I/O timeout of a read or write
 *
 * Returns: (transfer full): a session
 */
SoupSession *
fp_proxy_http_session_new (const char *base_url,
                           guint       max_conns,
                           guint       timeout_s)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  SoupSession *session;

  session = soup_session_new_with_options ("timeout", timeout_s,
                                           "idle-timeout", 60,
                                           "max-conns", max_conns,
                                           "max-conns-per-host", max_conns,
                                           "user-agent", "finpersona-genai-proxy/" PACKAGE_VERSION,
                                           NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL && fp_endpoint_is_loopback_host (g_uri_get_host (uri)))
    {
      g_autoptr(GProxyResolver) direct = g_simple_proxy_resolver_new (NULL, NULL);

      soup_session_set_proxy_resolver (session, direct);
    }
  return session;
}

typedef struct {
  GInputStream *stream;
  GByteArray   *body;
  gsize         max_bytes;
} Fetch;

static void
fetch_free (Fetch *f)
{
  g_clear_object (&f->stream);
  g_byte_array_unref (f->body);
  g_free (f);
}

static void read_cb (GObject *object, GAsyncResult *result, gpointer data);

static void
read_more (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (f->stream, 16384, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  GTask *task = data;
  Fetch *f = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);

  if (chunk == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_byte_array_ref (f->body)),
                             (GDestroyNotify) g_bytes_unref);
      g_object_unref (task);
      return;
    }
  if (f->body->len + g_bytes_get_size (chunk) > f->max_bytes)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, "The reply is too large");
      g_object_unref (task);
      return;
    }
  g_byte_array_append (f->body, g_bytes_get_data (chunk, NULL), (guint) g_bytes_get_size (chunk));
  read_more (task);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  GTask *task = data;
  Fetch *f = g_task_get_task_data (task);
  GError *error = NULL;

  f->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (f->stream == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  read_more (task);
}

/**
 * fp_proxy_http_fetch_async:
 * @session: a session
 * @msg: the request; its status is set when the reply arrives
 * @max_bytes: the cap on the reply's body
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the body
 * @user_data: data for @callback
 *
 * Sends @msg and reads the whole reply, up to @max_bytes.
 */
void
fp_proxy_http_fetch_async (SoupSession         *session,
                           SoupMessage         *msg,
                           gsize                max_bytes,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (msg, cancellable, callback, user_data);
  Fetch *f = g_new0 (Fetch, 1);

  f->body = g_byte_array_new ();
  f->max_bytes = max_bytes;
  g_task_set_source_tag (task, fp_proxy_http_fetch_async);
  g_task_set_task_data (task, f, (GDestroyNotify) fetch_free);
  soup_session_send_async (session, msg, G_PRIORITY_DEFAULT, cancellable, sent_cb, task);
}

/**
 * fp_proxy_http_fetch_finish:
 * @result: the result
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the body; the status is the
 *   message's
 */
GBytes *
fp_proxy_http_fetch_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * fp_proxy_http_parse_json:
 * @body: (nullable): bytes from the network
 * @max_bytes: the cap
 *
 * Returns: (transfer full) (nullable): the root, only when @body is a JSON
 *   object within the cap that passes the strict JSON rule (nested 32
 *   levels at most)
 */
JsonNode *
fp_proxy_http_parse_json (GBytes *body,
                          gsize   max_bytes)
{
  g_autoptr(JsonParser) parser = NULL;
  gsize len = 0;
  const char *data;

  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &len);
  /* The one strict JSON rule of the client and the bank (core's
   * fp-json-strict.c): UTF-8, no member twice, no NUL, numbers in range,
   * bounded nesting. */
  if (data == NULL || len == 0 || len > max_bytes || !fp_json_strict_check (data, len, MAX_DEPTH, NULL))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

/**
 * fp_proxy_http_host_header:
 * @uri: a request URI
 *
 * Returns: (transfer full): the Host header libsoup sends for @uri (the
 *   port only when it is not the scheme's; IPv6 literals bracketed), which
 *   SigV4 must sign exactly
 */
char *
fp_proxy_http_host_header (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  const char *scheme = g_uri_get_scheme (uri);
  int port = g_uri_get_port (uri);
  gboolean ipv6 = strchr (host, ':') != NULL;
  gboolean default_port = port == -1 || (g_ascii_strcasecmp (scheme, "https") == 0 && port == 443)
                          || (g_ascii_strcasecmp (scheme, "http") == 0 && port == 80);

  if (default_port)
    return ipv6 ? g_strdup_printf ("[%s]", host) : g_strdup (host);
  return ipv6 ? g_strdup_printf ("[%s]:%d", host, port) : g_strdup_printf ("%s:%d", host, port);
}

/* Letting go of the SoupServer safely. libsoup 3.2 finishes a request from
 * a main-loop source after its last byte went out and then emits on the
 * server through a pointer it holds no reference for (soup-server.c,
 * request_finished()); a server freed in between is used after free. So
 * every request a handler took is tracked, and the server is unreferenced,
 * from an idle, only once the last of them has finished. The sandbox has
 * the same few lines (src/sandbox/fp-sandbox-soup.c); the proxy may not
 * depend on it. */

#define KEEPER_KEY "fp-proxy-in-flight"

typedef struct {
  guint    in_flight;
  gboolean released;
} Keeper;

static Keeper *
keeper_of (SoupServer *server)
{
  Keeper *k = g_object_get_data (G_OBJECT (server), KEEPER_KEY);

  if (k == NULL)
    {
      k = g_new0 (Keeper, 1);
      g_object_set_data_full (G_OBJECT (server), KEEPER_KEY, k, g_free);
    }
  return k;
}

static gboolean
unref_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* Never at once: the last reference may be dropped from inside libsoup's
 * own emission of "finished", which goes on to use the server. */
static void
unref_later (SoupServer *server)
{
  GSource *idle = g_idle_source_new ();

  g_source_set_callback (idle, unref_cb, server, NULL);
  g_source_attach (idle, g_main_context_get_thread_default ());
  g_source_unref (idle);
}

static void
tracked_finished_cb (SoupServerMessage *msg,
                     gpointer           data)
{
  SoupServer *server = data;
  Keeper *k = keeper_of (server);

  g_signal_handlers_disconnect_by_func (msg, tracked_finished_cb, data);
  if (--k->in_flight == 0 && k->released)
    unref_later (server);
}

void
fp_proxy_http_track (SoupServer        *server,
                     SoupServerMessage *msg)
{
  g_return_if_fail (SOUP_IS_SERVER (server));

  keeper_of (server)->in_flight++;
  g_signal_connect (msg, "finished", G_CALLBACK (tracked_finished_cb), server);
}

/* Stops listening; drops the caller's reference once nothing is in flight. */
void
fp_proxy_http_release (SoupServer *server)
{
  Keeper *k;

  g_return_if_fail (SOUP_IS_SERVER (server));

  k = keeper_of (server);
  soup_server_disconnect (server);
  k->released = TRUE;
  if (k->in_flight == 0)
    unref_later (server);
}

/* Listening with a backlog for bursts: GSocket's default of 10 pending
 * connections overflows when hundreds of clients connect at once, and the
 * kernel then drops or resets some of them. */
gboolean
fp_proxy_http_listen (SoupServer    *server,
                     GInetAddress  *inet,
                     guint          port,
                     GError       **error)
{
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, (guint16) port);
  g_autoptr(GSocket) socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);

  if (socket == NULL || !g_socket_bind (socket, address, TRUE, error))
    return FALSE;
  g_socket_set_listen_backlog (socket, 4096);
  return g_socket_listen (socket, error) && soup_server_listen_socket (server, socket, 0, error);
}
