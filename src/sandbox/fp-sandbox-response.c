/* fp-sandbox-response.c
 *
 * What the sandbox answers with: responses, RFC 7807 problem+json, and
 * the sending of them: ETags and If-None-Match, server-sent event streams,
 * and the injected faults (cut connections, malformed or truncated bodies,
 * latency).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-server"

#include "config.h"

#include <string.h>

#include "fp-sandbox-private.h"

/* Responses */

FpSandboxResponse *
fp_sandbox_response_new (guint       status,
                         const char *content_type)
{
  FpSandboxResponse *r = g_new0 (FpSandboxResponse, 1);

  r->status = status;
  r->content_type = g_strdup (content_type);
  r->body = g_string_new (NULL);
  return r;
}

void
fp_sandbox_response_free (FpSandboxResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->content_type);
  g_string_free (response->body, TRUE);
  g_free (response->location);
  g_free (response->retry_after);
  g_free (response->allow);
  g_clear_pointer (&response->sse_events, g_ptr_array_unref);
  g_free (response);
}

FpSandboxResponse *
fp_sandbox_json_response (guint    status,
                          GString *body)
{
  FpSandboxResponse *r = fp_sandbox_response_new (status, "application/json");

  g_string_free (r->body, TRUE);
  r->body = body;
  return r;
}

/**
 * fp_sandbox_problem:
 * @kind: where the bad input is; a body field is named by an RFC 6901 JSON
 *   pointer (`"pointer"`), a query parameter, header or path segment by name
 * @pointer: (nullable): the pointer or name
 *
 * Returns: an RFC 7807 problem+json response.
 */
FpSandboxResponse *
fp_sandbox_problem (guint                status,
                    const char          *type,
                    const char          *title,
                    const char          *detail,
                    FpSandboxPointerKind kind,
                    const char          *pointer)
{
  FpSandboxResponse *r = fp_sandbox_response_new (status, "application/problem+json");
  g_autofree char *type_uri = g_strconcat (FP_PROBLEM_BASE, type, NULL);
  FpJsonWriter w;

  fp_json_writer_init (&w, r->body);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "type", type_uri);
  fp_json_kv_string (&w, "title", title);
  fp_json_kv_int (&w, "status", status);
  if (detail != NULL)
    fp_json_kv_string (&w, "detail", detail);
  if (pointer != NULL)
    {
      static const char *const names[] = { "pointer", "parameter", "header", "pathParameter" };

      fp_json_key (&w, "errors");
      fp_json_begin_array (&w);
      fp_json_begin_object (&w);
      fp_json_kv_string (&w, names[kind], pointer);
      fp_json_kv_string (&w, "detail", detail != NULL ? detail : title);
      fp_json_end_object (&w);
      fp_json_end_array (&w);
      if (kind == FP_SANDBOX_PTR_BODY)
        fp_json_kv_string (&w, "pointer", pointer);
    }
  fp_json_end_object (&w);
  return r;
}

FpSandboxResponse *
fp_sandbox_not_found (void)
{
  return fp_sandbox_problem (SOUP_STATUS_NOT_FOUND, "not-found", "Not found",
                             "No such resource for this customer.",
                             FP_SANDBOX_PTR_BODY, NULL);
}


/* Sending */

static char *
compute_etag (const GString *body)
{
  g_autofree char *hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                      (const guchar *) body->str,
                                                      body->len);

  return g_strdup_printf ("\"%.32s\"", hex);
}

static gboolean
if_none_match_matches (const char *header,
                       const char *etag)
{
  g_auto(GStrv) parts = NULL;

  if (header == NULL)
    return FALSE;
  parts = g_strsplit (header, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *p = g_strstrip (parts[i]);

      if (g_str_has_prefix (p, "W/"))
        p += 2;
      if (strcmp (p, "*") == 0 || strcmp (p, etag) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Timeouts go to the context the server runs in, which need not be the
 * global default one (tests run the server in a thread of its own). */
static void
add_timeout (guint          ms,
             GSourceFunc    func,
             gpointer       data,
             GDestroyNotify destroy)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, destroy);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_source_unref (source);
}

/* A reply held back (a latency fault). The client may hang up meanwhile:
 * libsoup then finishes the message and it must not be unpaused again. */
typedef struct {
  SoupServerMessage *msg;
  gulong             finished_id;
  gulong             disconnected_id;
  gboolean           finished;
} Delayed;

static void
delayed_finished_cb (SoupServerMessage *msg,
                     gpointer           data)
{
  ((Delayed *) data)->finished = TRUE;
}

static Delayed *
delayed_new (SoupServerMessage *msg)
{
  Delayed *d = g_new0 (Delayed, 1);

  d->msg = g_object_ref (msg);
  d->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (delayed_finished_cb), d);
  d->disconnected_id = g_signal_connect (msg, "disconnected", G_CALLBACK (delayed_finished_cb), d);
  return d;
}

static void
delayed_free (gpointer data)
{
  Delayed *d = data;

  g_signal_handler_disconnect (d->msg, d->finished_id);
  g_signal_handler_disconnect (d->msg, d->disconnected_id);
  g_object_unref (d->msg);
  g_free (d);
}

static gboolean
unpause_cb (gpointer data)
{
  Delayed *d = data;

  if (!d->finished)
    soup_server_message_unpause (d->msg);
  return G_SOURCE_REMOVE;
}

static void
cut_connection (SoupServerMessage *msg,
                FpSandboxResponse *response)
{
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GString) head = g_string_new (NULL);
  GOutputStream *out;
  gsize half = MIN (response->body->len / 2, 4096);

  /* Promise the whole body, send half of it, hang up. */
  g_string_append_printf (head,
                          "HTTP/1.1 %u %s\r\nContent-Type: %s\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                          response->status, soup_status_get_phrase (response->status),
                          response->content_type, response->body->len);
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;
  out = g_io_stream_get_output_stream (stream);
  g_output_stream_write_all (out, head->str, head->len, NULL, NULL, NULL);
  g_output_stream_write_all (out, response->body->str, half, NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

typedef struct {
  SoupServerMessage *msg;
  GPtrArray         *events;
  guint              next;
  gulong             finished_id;
  gboolean           finished;
} SseStream;

static void
sse_finished_cb (SoupServerMessage *msg,
                 gpointer           data)
{
  SseStream *s = data;

  s->finished = TRUE;
}

static gboolean
sse_tick_cb (gpointer data)
{
  SseStream *s = data;
  SoupMessageBody *body;

  if (s->finished)
    goto done;
  body = soup_server_message_get_response_body (s->msg);
  if (s->next < s->events->len)
    {
      const char *event = g_ptr_array_index (s->events, s->next++);

      soup_message_body_append (body, SOUP_MEMORY_COPY, event, strlen (event));
      soup_server_message_unpause (s->msg);
      return G_SOURCE_CONTINUE;
    }
  soup_message_body_complete (body);
  soup_server_message_unpause (s->msg);

done:
  g_signal_handler_disconnect (s->msg, s->finished_id);
  g_object_unref (s->msg);
  g_ptr_array_unref (s->events);
  g_free (s);
  return G_SOURCE_REMOVE;
}

static void
send_sse (SoupServerMessage *msg,
          FpSandboxResponse *response)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SseStream *s = g_new0 (SseStream, 1);

  soup_server_message_set_status (msg, response->status, NULL);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  s->msg = g_object_ref (msg);
  s->events = g_ptr_array_ref (response->sse_events);
  s->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (sse_finished_cb), s);
  soup_server_message_pause (msg);
  /* A few milliseconds between events, so a reader really sees a stream. */
  add_timeout (5, sse_tick_cb, s, NULL);
}

void
fp_sandbox_send_response (FpSandboxServer          *self,
                          SoupServerMessage        *msg,
                          FpSandboxResponse        *response,
                          const FpSandboxFaultDraw *draw)
{
  SoupMessageHeaders *req_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const FpSandboxFaults *f = &self->config.faults;

  if (response->sse_events != NULL)
    {
      send_sse (msg, response);
      return;
    }

  if (response->location != NULL)
    soup_message_headers_replace (headers, "Location", response->location);
  if (response->retry_after != NULL)
    soup_message_headers_replace (headers, "Retry-After", response->retry_after);
  if (response->allow != NULL)
    soup_message_headers_replace (headers, "Allow", response->allow);

  if (response->etag && response->status == SOUP_STATUS_OK)
    {
      g_autofree char *etag = compute_etag (response->body);

      soup_message_headers_replace (headers, "ETag", etag);
      soup_message_headers_replace (headers, "Cache-Control", "no-cache");
      if (if_none_match_matches (soup_message_headers_get_one (req_headers, "If-None-Match"), etag))
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
    }
  else
    soup_message_headers_replace (headers, "Cache-Control", "no-store");

  if (draw != NULL && !response->no_faults)
    {
      if (draw->cut < f->cut_rate)
        {
          self->n_fault_cut++;
          cut_connection (msg, response);
          return;
        }
      if (draw->malformed < f->malformed_rate)
        {
          self->n_fault_malformed++;
          g_string_assign (response->body, "{\"data\": [1, 2,, }<html>");
          g_free (response->content_type);
          response->content_type = g_strdup ("application/json");
        }
      else if (draw->truncate < f->truncate_rate && response->body->len > 1)
        {
          self->n_fault_truncate++;
          g_string_truncate (response->body, response->body->len / 2);
        }
    }

  soup_server_message_set_response (msg, response->content_type, SOUP_MEMORY_COPY,
                                    response->body->str, response->body->len);
  soup_server_message_set_status (msg, response->status, NULL);

  if (draw != NULL && f->latency_ms > 0)
    {
      soup_server_message_pause (msg);
      add_timeout (f->latency_ms, unpause_cb, delayed_new (msg), delayed_free);
    }
}
