/* fp-sandbox-soup.c
 *
 * Letting go of a SoupServer safely. libsoup 3.2 finishes a request from a
 * main-loop source of its own after the last byte went out, and then emits
 * `request-finished` on the SoupServer through a pointer it holds no
 * reference for (soup-server.c, request_finished()); a server freed in
 * between is used after it was freed — seen as "instance with invalid
 * (NULL) class pointer" when a test stops a server right after its last
 * answer. So every request a handler took is tracked, and the server is
 * only unreferenced, from an idle, once the last of them has finished.
 * (The GenAI proxy has the same few lines in src/proxy/fp-proxy-http.c:
 * it may not depend on the sandbox.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox"

#include "config.h"

#include "fp-sandbox-soup.h"

#define KEY "fp-sandbox-in-flight"

typedef struct {
  guint    in_flight;
  gboolean released;
} Keeper;

static Keeper *
keeper_of (SoupServer *server)
{
  Keeper *k = g_object_get_data (G_OBJECT (server), KEY);

  if (k == NULL)
    {
      k = g_new0 (Keeper, 1);
      g_object_set_data_full (G_OBJECT (server), KEY, k, g_free);
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
finished_cb (SoupServerMessage *msg,
             gpointer           data)
{
  SoupServer *server = data;
  Keeper *k = keeper_of (server);

  g_signal_handlers_disconnect_by_func (msg, finished_cb, data);
  if (--k->in_flight == 0 && k->released)
    unref_later (server);
}

/**
 * fp_sandbox_soup_track:
 * @server: the server
 * @msg: a request a handler of @server took (or answered early)
 */
void
fp_sandbox_soup_track (SoupServer        *server,
                       SoupServerMessage *msg)
{
  g_return_if_fail (SOUP_IS_SERVER (server));

  keeper_of (server)->in_flight++;
  g_signal_connect (msg, "finished", G_CALLBACK (finished_cb), server);
}

/**
 * fp_sandbox_soup_release:
 * @server: (transfer full): the server
 *
 * Stops listening and drops the caller's reference once no tracked
 * request is in flight.
 */
void
fp_sandbox_soup_release (SoupServer *server)
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
fp_sandbox_soup_listen (SoupServer    *server,
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
