/* fp-sandbox-limits.c
 *
 * What a client may send, enforced before the handlers see a request:
 *
 * - Request headers: at most FP_SANDBOX_MAX_HEADER_BYTES and
 *   FP_SANDBOX_MAX_HEADER_FIELDS, else 431. libsoup 3.2 reads a header
 *   block of up to 64 KiB itself and, past that, closes the connection
 *   without an answer ("Header too big"); it offers no hook there, so 431
 *   is answered for what lies between our limit and libsoup's.
 * - Request bodies: an announced Content-Length over the limit is refused
 *   at once; a chunked body is counted chunk by chunk as libsoup reads it
 *   and refused as soon as it passes the limit. Either way libsoup would
 *   read the whole body before any answer is written, so the sandbox takes
 *   the connection over, writes the 413 itself, stops writing, and reads
 *   and drops what the client still sends (for a while, in small pieces,
 *   so that the client sees the answer rather than a reset), then closes.
 * - Requests libsoup refuses itself: a broken percent-encoding in the URI,
 *   a malformed request line, an unknown HTTP version or transfer coding,
 *   a path that would climb with "..": every response starts out with a
 *   problem+json body, which the handlers replace and which otherwise gets
 *   libsoup's status filled in; a request libsoup refuses after reading its
 *   headers gets a problem body for libsoup's status.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-limits"

#include "config.h"

#include <string.h>

#include "fp-sandbox-private.h"

#define UNREAD_KEY        "fp-sandbox-unread"
#define RECEIVED_KEY      "fp-sandbox-received"
#define DISCARD_MAX_BYTES (16 * 1024 * 1024)
#define DISCARD_MAX_MS    5000

/* Refusing: take the connection over, answer, drop the rest. */

typedef struct {
  FpSandboxServer *self;
  GIOStream    *stream;
  GCancellable *cancellable;
  guint8        buffer[64 * 1024];
  gsize         dropped;
  GSource      *timeout;
} Drain;

static void
drain_close (Drain *d)
{
  g_hash_table_remove (d->self->drains, d);
  /* The server's context need not be the default one: no source ids. */
  g_source_destroy (d->timeout);
  g_source_unref (d->timeout);
  g_io_stream_close (d->stream, NULL, NULL);
  g_object_unref (d->stream);
  g_object_unref (d->cancellable);
  g_free (d);
}

static void
drain_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Drain *d = data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0 || (d->dropped += (gsize) n) >= DISCARD_MAX_BYTES || g_cancellable_is_cancelled (d->cancellable))
    {
      drain_close (d);
      return;
    }
  g_input_stream_read_async (G_INPUT_STREAM (source), d->buffer, sizeof d->buffer, G_PRIORITY_DEFAULT,
                             d->cancellable, drain_read_cb, d);
}

static gboolean
drain_timeout_cb (gpointer data)
{
  Drain *d = data;

  g_cancellable_cancel (d->cancellable);
  return G_SOURCE_REMOVE;
}

/**
 * fp_sandbox_drains_finish:
 *
 * Stops dropping what refused clients send, and closes their connections:
 * the server is going away.
 */
void
fp_sandbox_drains_finish (FpSandboxServer *self)
{
  GHashTableIter iter;
  gpointer d;

  g_hash_table_iter_init (&iter, self->drains);
  while (g_hash_table_iter_next (&iter, &d, NULL))
    g_cancellable_cancel (((Drain *) d)->cancellable);
  while (g_hash_table_size (self->drains) > 0)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
}

/**
 * fp_sandbox_refuse:
 *
 * Answers @msg with @response on a connection taken over from libsoup,
 * and closes it. Used where libsoup would read the whole request first.
 */
void
fp_sandbox_refuse (FpSandboxServer   *self,
                   SoupServerMessage *msg,
                   FpSandboxResponse *response)
{
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%a, %d %b %Y %H:%M:%S GMT");
  GOutputStream *out;
  Drain *d;

  g_object_set_data (G_OBJECT (msg), UNREAD_KEY, NULL);
  g_string_append_printf (head,
                          "HTTP/1.1 %u %s\r\nServer: finpersona-sandbox\r\nDate: %s\r\n"
                          "Content-Type: %s\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Cache-Control: no-store\r\nConnection: close\r\n\r\n",
                          response->status,
                          response->status == FP_STATUS_HEADERS_TOO_LARGE ? "Request Header Fields Too Large"
                                                                           : soup_status_get_phrase (response->status),
                          date,
                          response->content_type, response->body->len);
  g_string_append_len (head, response->body->str, (gssize) response->body->len);

  d = g_new0 (Drain, 1);
  d->self = self;
  d->stream = soup_server_message_steal_connection (msg);
  if (d->stream == NULL)
    {
      g_free (d);
      return;
    }
  out = g_io_stream_get_output_stream (d->stream);
  g_output_stream_write_all (out, head->str, head->len, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  if (G_IS_SOCKET_CONNECTION (d->stream))
    g_socket_shutdown (g_socket_connection_get_socket (G_SOCKET_CONNECTION (d->stream)), FALSE, TRUE, NULL);

  d->cancellable = g_cancellable_new ();
  g_hash_table_add (self->drains, d);
  d->timeout = g_timeout_source_new (DISCARD_MAX_MS);
  g_source_set_callback (d->timeout, drain_timeout_cb, d, NULL);
  g_source_attach (d->timeout, g_main_context_get_thread_default ());
  g_input_stream_read_async (g_io_stream_get_input_stream (d->stream), d->buffer, sizeof d->buffer,
                             G_PRIORITY_DEFAULT, d->cancellable, drain_read_cb, d);
}

static FpSandboxResponse *
too_large (void)
{
  return fp_sandbox_problem (SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "payload-too-large",
                             "Payload too large", "The request body is too large.",
                             FP_SANDBOX_PTR_BODY, NULL);
}

/* Bodies, counted as they come */

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           data)
{
  FpSandboxServer *self = data;
  gsize received = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (msg), RECEIVED_KEY));

  received += g_bytes_get_size (chunk);
  g_object_set_data (G_OBJECT (msg), RECEIVED_KEY, GSIZE_TO_POINTER (received));
  if (received > self->config.max_body_bytes)
    {
      g_autoptr(FpSandboxResponse) r = too_large ();

      g_signal_handlers_disconnect_by_func (msg, got_chunk_cb, data);
      fp_sandbox_refuse (self, msg, r);
    }
}

/**
 * fp_sandbox_early_cb:
 *
 * The early handler: the request's headers are read, its body is not.
 */
void
fp_sandbox_early_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  FpSandboxServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  gsize header_bytes = 0;
  guint n_fields = 0;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      header_bytes += strlen (name) + strlen (value) + 4;
      n_fields++;
    }
  if (header_bytes > FP_SANDBOX_MAX_HEADER_BYTES || n_fields > FP_SANDBOX_MAX_HEADER_FIELDS)
    {
      g_autofree char *detail = g_strdup_printf ("The request headers are larger than %u bytes or %u fields.",
                                                 FP_SANDBOX_MAX_HEADER_BYTES, FP_SANDBOX_MAX_HEADER_FIELDS);
      g_autoptr(FpSandboxResponse) r =
        fp_sandbox_problem (FP_STATUS_HEADERS_TOO_LARGE, "headers-too-large",
                            "Request header fields too large", detail, FP_SANDBOX_PTR_BODY, NULL);

      fp_sandbox_refuse (self, msg, r);
      return;
    }

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_CONTENT_LENGTH:
      if (soup_message_headers_get_content_length (headers) > (goffset) self->config.max_body_bytes)
        {
          g_autoptr(FpSandboxResponse) r = too_large ();

          fp_sandbox_refuse (self, msg, r);
          return;
        }
      break;
    case SOUP_ENCODING_CHUNKED:
    case SOUP_ENCODING_EOF:
      g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self);
      break;
    case SOUP_ENCODING_UNRECOGNIZED:
    case SOUP_ENCODING_NONE:
    case SOUP_ENCODING_BYTERANGES:
    default:
      break;
    }
}

/* Requests libsoup refuses */

static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           data)
{
  guint status = soup_server_message_get_status (msg);

  if (g_object_get_data (G_OBJECT (msg), UNREAD_KEY) == NULL)
    return;
  g_object_set_data (G_OBJECT (msg), UNREAD_KEY, NULL);

  if (status == 0)
    {
      /* Read fine: the handler answers. */
      soup_message_body_truncate (soup_server_message_get_response_body (msg));
      soup_message_headers_remove (soup_server_message_get_response_headers (msg), "Content-Type");
      return;
    }

  /* libsoup refused it after reading the headers (a path climbing with
   * "..", a NUL in the path): its status, a problem body. */
  {
    g_autoptr(FpSandboxResponse) r =
      fp_sandbox_problem (status, status == SOUP_STATUS_BAD_REQUEST ? "bad-request" : "refused",
                          soup_status_get_phrase (status), "The request's URI or headers are malformed.",
                          FP_SANDBOX_PTR_BODY, NULL);

    /* set_response appends to the body that is there. */
    soup_message_body_truncate (soup_server_message_get_response_body (msg));
    soup_server_message_set_response (msg, r->content_type, SOUP_MEMORY_COPY, r->body->str, r->body->len);
  }
}

/* What libsoup's own refusals carry: the status is filled in when it is
 * known; the length is the same for every three-digit status. */
static FpSandboxResponse *
unreadable (guint status)
{
  return fp_sandbox_problem (status, "unreadable-request", "Request not readable",
                             "The request could not be read: its request line, a header, the percent-encoding "
                             "of its URI, its HTTP version or its transfer coding is malformed or not supported.",
                             FP_SANDBOX_PTR_BODY, NULL);
}

/* libsoup refused the request before reading its headers completely (400
 * for a broken percent-encoding, 501 for an unknown transfer coding, 505
 * for an unknown HTTP version): the headers with the Content-Length of
 * the body set in request_started_cb() are out, the body is not, so it
 * gets the real status now. */
static void
wrote_headers_cb (SoupServerMessage *msg,
                  gpointer           data)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(FpSandboxResponse) r = NULL;

  if (g_object_get_data (G_OBJECT (msg), UNREAD_KEY) == NULL)
    return;
  g_object_set_data (G_OBJECT (msg), UNREAD_KEY, NULL);
  r = unreadable (soup_server_message_get_status (msg));
  if ((goffset) r->body->len != body->length)
    return;
  soup_message_body_truncate (body);
  soup_message_body_append (body, SOUP_MEMORY_COPY, r->body->str, r->body->len);
}

/**
 * fp_sandbox_request_started_cb:
 *
 * Connected to SoupServer::request-started: nothing of the request is read
 * yet. When libsoup cannot read its request line or URI (a broken
 * percent-encoding), it answers itself without calling any handler; the
 * body set here, completed by wrote_headers_cb(), is what that answer
 * carries.
 */
void
fp_sandbox_request_started_cb (SoupServer        *server,
                               SoupServerMessage *msg,
                               gpointer           user_data)
{
  g_autoptr(FpSandboxResponse) r = unreadable (SOUP_STATUS_BAD_REQUEST);

  soup_server_message_set_response (msg, r->content_type, SOUP_MEMORY_COPY, r->body->str, r->body->len);
  g_object_set_data (G_OBJECT (msg), UNREAD_KEY, GINT_TO_POINTER (1));
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), user_data);
  g_signal_connect (msg, "wrote-headers", G_CALLBACK (wrote_headers_cb), user_data);
}
