/* fp-sandbox-server.c
 *
 * The sandbox bank's HTTP front: a libsoup 3 server on loopback that routes
 * requests to the OAuth, resource and GenAI handlers and applies what every
 * endpoint shares: bearer authentication, rate limits, body size limits,
 * Idempotency-Key on writes, ETags, problem+json errors and, on demand,
 * seeded faults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-server"

#include "config.h"

#include <string.h>

#include "fp-sandbox-private.h"
#include "fp-sandbox-soup.h"

#define MAX_JSON_DEPTH 32
#define MAX_IDEMPOTENCY_KEY 255

typedef struct {
  char  *fingerprint;
  guint  status;
  char  *content_type;
  char  *body;
  gsize  body_len;
  char  *location;
} IdempotentEntry;

typedef struct {
  gint64 window_start;
  guint  count;
} RateWindow;

typedef struct {
  double storm;
  double error;
  double cut;
  double malformed;
  double truncate;
} FaultDraw;

G_DEFINE_FINAL_TYPE (FpSandboxServer, fp_sandbox_server, G_TYPE_OBJECT)

G_DEFINE_QUARK (fp-sandbox-server-error-quark, fp_sandbox_server_error)

static void
idempotent_entry_free (gpointer data)
{
  IdempotentEntry *e = data;

  g_free (e->fingerprint);
  g_free (e->content_type);
  g_free (e->body);
  g_free (e->location);
  g_free (e);
}

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

/* Configuration */

void
fp_sandbox_config_init (FpSandboxConfig *config)
{
  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  config->address = "127.0.0.1";
  config->port = 0;
  config->max_body_bytes = 64 * 1024;
  config->access_token_ttl = 600;
  config->refresh_token_ttl = 30 * 24 * 3600;
  config->device_code_ttl = 600;
  config->device_interval = 5;
  config->faults.storm_length = 5;
}

/**
 * fp_sandbox_address_is_loopback:
 *
 * Returns: whether @address is an IP literal of the loopback interface.
 */
gboolean
fp_sandbox_address_is_loopback (const char *address)
{
  g_autoptr(GInetAddress) inet = NULL;

  if (address == NULL)
    return FALSE;
  inet = g_inet_address_new_from_string (address);
  return inet != NULL && g_inet_address_get_is_loopback (inet);
}

gint64
fp_sandbox_server_now (FpSandboxServer *self)
{
  return g_get_real_time () / G_USEC_PER_SEC + self->clock_offset;
}

/* GObject */

static void
fp_sandbox_server_finalize (GObject *object)
{
  FpSandboxServer *self = FP_SANDBOX_SERVER (object);

  if (self->soup != NULL)
    fp_sandbox_soup_release (g_steal_pointer (&self->soup));
  g_clear_pointer (&self->bank, fp_sandbox_bank_free);
  g_clear_pointer (&self->oauth, fp_sandbox_oauth_free);
  g_clear_pointer (&self->idempotency, g_hash_table_unref);
  g_clear_pointer (&self->replays, g_hash_table_unref);
  g_clear_pointer (&self->rate, g_hash_table_unref);
  g_clear_pointer (&self->path_counts, g_hash_table_unref);
  g_clear_pointer (&self->fault_rand, g_rand_free);
  g_free (self->address);
  g_free (self->base_url);

  G_OBJECT_CLASS (fp_sandbox_server_parent_class)->finalize (object);
}

static void
fp_sandbox_server_class_init (FpSandboxServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fp_sandbox_server_finalize;
}

static void
fp_sandbox_server_init (FpSandboxServer *self)
{
  self->idempotency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, idempotent_entry_free);
  self->replays = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rate = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->path_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * fp_sandbox_server_new:
 * @data: (transfer full): the bank's data
 * @config: the configuration; copied
 *
 * Returns: (transfer full): a server that is not listening yet.
 */
FpSandboxServer *
fp_sandbox_server_new (FpBankData            *data,
                       const FpSandboxConfig *config)
{
  FpSandboxServer *self;
  FpSandboxOAuthTimes times;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (FP_TYPE_SANDBOX_SERVER, NULL);
  self->config = *config;
  self->address = g_strdup (config->address != NULL ? config->address : "127.0.0.1");
  self->config.address = self->address;
  self->bank = fp_sandbox_bank_new (data);
  self->fault_rand = g_rand_new_with_seed (config->faults.seed);

  times.access_token_ttl = config->access_token_ttl;
  times.refresh_token_ttl = config->refresh_token_ttl;
  times.code_ttl = 60;
  times.device_code_ttl = config->device_code_ttl;
  times.device_interval = config->device_interval;
  self->oauth = fp_sandbox_oauth_new (data, &times);
  return self;
}

const char *
fp_sandbox_server_get_base_url (FpSandboxServer *self)
{
  g_return_val_if_fail (FP_IS_SANDBOX_SERVER (self), NULL);

  return self->base_url;
}

guint
fp_sandbox_server_get_port (FpSandboxServer *self)
{
  g_return_val_if_fail (FP_IS_SANDBOX_SERVER (self), 0);

  return self->port;
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

static gboolean
unpause_cb (gpointer data)
{
  soup_server_message_unpause (SOUP_SERVER_MESSAGE (data));
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

static void
send_response (FpSandboxServer   *self,
               SoupServerMessage *msg,
               FpSandboxResponse *response,
               const FaultDraw   *draw)
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
      add_timeout (f->latency_ms, unpause_cb, g_object_ref (msg), g_object_unref);
    }
}

/* Request checks */

static gboolean
json_depth_ok (const char *data,
               gsize       len)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

static FpSandboxResponse *
parse_json_body (FpSandboxRequest *req)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
    return fp_sandbox_problem (SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                               "Unsupported media type",
                               "The body must be application/json.",
                               FP_SANDBOX_PTR_HEADER, "Content-Type");
  if (!g_utf8_validate (req->body, (gssize) req->body_len, NULL))
    return fp_sandbox_problem (SOUP_STATUS_BAD_REQUEST, "invalid-json", "Invalid JSON",
                               "The body is not UTF-8.", FP_SANDBOX_PTR_BODY, "");
  if (!json_depth_ok (req->body, req->body_len))
    return fp_sandbox_problem (SOUP_STATUS_BAD_REQUEST, "invalid-json", "Invalid JSON",
                               "The body is nested too deeply.", FP_SANDBOX_PTR_BODY, "");
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, req->body, (gssize) req->body_len, &error))
    return fp_sandbox_problem (SOUP_STATUS_BAD_REQUEST, "invalid-json", "Invalid JSON",
                               "The body is not valid JSON.", FP_SANDBOX_PTR_BODY, "");
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return fp_sandbox_problem (SOUP_STATUS_BAD_REQUEST, "invalid-json", "Invalid JSON",
                               "The body must be a JSON object.", FP_SANDBOX_PTR_BODY, "");
  req->json = json_node_copy (json_parser_get_root (parser));
  return NULL;
}

static gboolean
idempotency_key_ok (const char *key)
{
  gsize len = strlen (key);

  if (len == 0 || len > MAX_IDEMPOTENCY_KEY)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (key[i] < 0x21 || key[i] > 0x7e)
      return FALSE;
  return TRUE;
}

static char *
request_fingerprint (FpSandboxRequest *req)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *) req->method, -1);
  g_checksum_update (sum, (const guchar *) " ", 1);
  g_checksum_update (sum, (const guchar *) req->path, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) req->body, (gssize) req->body_len);
  return g_strdup (g_checksum_get_string (sum));
}

static FpSandboxResponse *
check_rate_limit (FpSandboxServer  *self,
                  FpSandboxRequest *req)
{
  g_autofree char *client = NULL;
  RateWindow *window;

  if (self->config.rate_limit == 0)
    return NULL;
  client = g_strdup_printf ("%d", req->customer);
  window = g_hash_table_lookup (self->rate, client);
  if (window == NULL)
    {
      window = g_new0 (RateWindow, 1);
      g_hash_table_insert (self->rate, g_steal_pointer (&client), window);
    }
  if (req->now - window->window_start >= 60)
    {
      window->window_start = req->now - (req->now % 60);
      window->count = 0;
    }
  if (++window->count > self->config.rate_limit)
    {
      FpSandboxResponse *r;

      self->n_rate_limited++;
      r = fp_sandbox_problem (FP_STATUS_TOO_MANY_REQUESTS, "rate-limited",
                              "Too many requests",
                              "The rate limit of this customer is exhausted; retry later.",
                              FP_SANDBOX_PTR_BODY, NULL);
      r->retry_after = g_strdup_printf ("%" G_GINT64_FORMAT,
                                        MAX (1, window->window_start + 60 - req->now));
      return r;
    }
  return NULL;
}

static void
count_path (FpSandboxServer  *self,
            FpSandboxRequest *req)
{
  g_autofree char *key = NULL;
  gpointer count;

  if (req->route == NULL)
    return;
  key = g_strdup_printf ("%s %s", req->method, req->route);
  count = g_hash_table_lookup (self->path_counts, key);
  g_hash_table_insert (self->path_counts, g_steal_pointer (&key),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
}

/* Test hooks */

static FpSandboxResponse *
handle_hooks (FpSandboxServer  *self,
              FpSandboxRequest *req)
{
  if (req->n_segments == 2 && strcmp (req->segments[1], "stats") == 0
      && strcmp (req->method, "GET") == 0)
    {
      GString *out = g_string_new (NULL);
      FpJsonWriter w;
      GHashTableIter iter;
      gpointer key, value;

      fp_json_writer_init (&w, out);
      fp_json_begin_object (&w);
      fp_json_kv_int (&w, "requests", (gint64) self->n_requests);
      fp_json_kv_int (&w, "writesApplied", (gint64) self->n_writes);
      fp_json_kv_int (&w, "genaiRequests", (gint64) self->n_genai);
      fp_json_kv_int (&w, "genaiRejected", (gint64) self->n_genai_rejected);
      fp_json_kv_int (&w, "rateLimited", (gint64) self->n_rate_limited);
      fp_json_key (&w, "faults");
      fp_json_begin_object (&w);
      fp_json_kv_int (&w, "error", (gint64) self->n_fault_error);
      fp_json_kv_int (&w, "cut", (gint64) self->n_fault_cut);
      fp_json_kv_int (&w, "malformed", (gint64) self->n_fault_malformed);
      fp_json_kv_int (&w, "truncated", (gint64) self->n_fault_truncate);
      fp_json_kv_int (&w, "storm", (gint64) self->n_fault_storm);
      fp_json_end_object (&w);
      fp_json_key (&w, "idempotentReplays");
      fp_json_begin_object (&w);
      g_hash_table_iter_init (&iter, self->replays);
      while (g_hash_table_iter_next (&iter, &key, &value))
        fp_json_kv_int (&w, key, GPOINTER_TO_UINT (value));
      fp_json_end_object (&w);
      fp_json_key (&w, "routes");
      fp_json_begin_object (&w);
      g_hash_table_iter_init (&iter, self->path_counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        fp_json_kv_int (&w, key, GPOINTER_TO_UINT (value));
      fp_json_end_object (&w);
      fp_json_end_object (&w);
      return fp_sandbox_json_response (SOUP_STATUS_OK, out);
    }

  if (req->n_segments == 2 && strcmp (req->method, "POST") == 0
      && (strcmp (req->segments[1], "clock") == 0 || strcmp (req->segments[1], "faults") == 0))
    {
      FpSandboxResponse *problem = parse_json_body (req);
      JsonObject *o;

      if (problem != NULL)
        return problem;
      o = json_node_get_object (req->json);
      if (strcmp (req->segments[1], "clock") == 0)
        self->clock_offset += json_object_get_int_member_with_default (o, "advanceSeconds", 0);
      else
        {
          FpSandboxFaults *f = &self->config.faults;

          f->seed = (guint32) json_object_get_int_member_with_default (o, "seed", f->seed);
          f->error_rate = json_object_get_double_member_with_default (o, "errorRate", 0);
          f->latency_ms = (guint) json_object_get_int_member_with_default (o, "latencyMs", 0);
          f->cut_rate = json_object_get_double_member_with_default (o, "cutRate", 0);
          f->malformed_rate = json_object_get_double_member_with_default (o, "malformedRate", 0);
          f->truncate_rate = json_object_get_double_member_with_default (o, "truncateRate", 0);
          f->storm_rate = json_object_get_double_member_with_default (o, "stormRate", 0);
          f->storm_length = (guint) json_object_get_int_member_with_default (o, "stormLength", 5);
          self->storm_left = 0;
          g_rand_set_seed (self->fault_rand, f->seed);
        }
      return fp_sandbox_response_new (SOUP_STATUS_NO_CONTENT, "application/json");
    }
  return fp_sandbox_not_found ();
}

static FpSandboxResponse *
handle_well_known (FpSandboxServer *self)
{
  GString *out = g_string_new (NULL);
  FpJsonWriter w;
  g_autofree char *issuer = g_strndup (self->base_url, strlen (self->base_url) - 1);
  g_autofree char *authorize = g_strconcat (self->base_url, "oauth/authorize", NULL);
  g_autofree char *token = g_strconcat (self->base_url, "oauth/token", NULL);
  g_autofree char *device = g_strconcat (self->base_url, "oauth/device_authorization", NULL);
  g_autofree char *revoke = g_strconcat (self->base_url, "oauth/revoke", NULL);
  g_autofree char *introspect = g_strconcat (self->base_url, "oauth/introspect", NULL);

  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "issuer", issuer);
  fp_json_kv_string (&w, "authorization_endpoint", authorize);
  fp_json_kv_string (&w, "token_endpoint", token);
  fp_json_kv_string (&w, "device_authorization_endpoint", device);
  fp_json_kv_string (&w, "revocation_endpoint", revoke);
  fp_json_kv_string (&w, "introspection_endpoint", introspect);
  fp_json_key (&w, "code_challenge_methods_supported");
  fp_json_begin_array (&w);
  fp_json_string (&w, "S256");
  fp_json_end_array (&w);
  fp_json_key (&w, "grant_types_supported");
  fp_json_begin_array (&w);
  fp_json_string (&w, "authorization_code");
  fp_json_string (&w, "refresh_token");
  fp_json_string (&w, "urn:ietf:params:oauth:grant-type:device_code");
  fp_json_end_array (&w);
  fp_json_key (&w, "response_types_supported");
  fp_json_begin_array (&w);
  fp_json_string (&w, "code");
  fp_json_end_array (&w);
  fp_json_key (&w, "token_endpoint_auth_methods_supported");
  fp_json_begin_array (&w);
  fp_json_string (&w, "none");
  fp_json_end_array (&w);
  fp_json_end_object (&w);
  return fp_sandbox_json_response (SOUP_STATUS_OK, out);
}

static void
draw_faults (FpSandboxServer *self,
             FaultDraw       *draw)
{
  /* Always five draws, so the sequence does not depend on which faults
   * are switched on. */
  draw->storm = g_rand_double (self->fault_rand);
  draw->error = g_rand_double (self->fault_rand);
  draw->cut = g_rand_double (self->fault_rand);
  draw->malformed = g_rand_double (self->fault_rand);
  draw->truncate = g_rand_double (self->fault_rand);
}

static gboolean
is_write (const char *method)
{
  return strcmp (method, "POST") == 0 || strcmp (method, "PUT") == 0
         || strcmp (method, "PATCH") == 0 || strcmp (method, "DELETE") == 0;
}

static FpSandboxResponse *
handle_api (FpSandboxServer  *self,
            FpSandboxRequest *req,
            gboolean          genai,
            FaultDraw        *draw)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  const FpSandboxFaults *f = &self->config.faults;
  FpSandboxResponse *r;
  const char *key = NULL;
  g_autofree char *scoped_key = NULL;
  g_autofree char *fingerprint = NULL;

  draw_faults (self, draw);
  if (self->storm_left == 0 && draw->storm < f->storm_rate)
    self->storm_left = MAX (f->storm_length, 1);
  if (self->storm_left > 0)
    {
      self->storm_left--;
      self->n_fault_storm++;
      r = fp_sandbox_problem (FP_STATUS_TOO_MANY_REQUESTS, "rate-limited",
                              "Too many requests", "Injected 429 storm.",
                              FP_SANDBOX_PTR_BODY, NULL);
      r->retry_after = g_strdup ("1");
      r->no_faults = TRUE;
      return r;
    }
  if (draw->error < f->error_rate)
    {
      self->n_fault_error++;
      r = fp_sandbox_problem (SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable",
                              "Service unavailable", "Injected server error.",
                              FP_SANDBOX_PTR_BODY, NULL);
      r->retry_after = g_strdup ("1");
      r->no_faults = TRUE;
      return r;
    }

  if (auth == NULL || !g_str_has_prefix (auth, "Bearer ")
      || (req->customer = fp_sandbox_oauth_authenticate (self->oauth, auth + 7, req->now,
                                                         &req->scope)) < 0)
    {
      SoupMessageHeaders *out = soup_server_message_get_response_headers (req->msg);

      soup_message_headers_replace (out, "WWW-Authenticate",
                                    auth == NULL ? "Bearer realm=\"finpersona-sandbox\""
                                                 : "Bearer realm=\"finpersona-sandbox\", error=\"invalid_token\"");
      return fp_sandbox_problem (SOUP_STATUS_UNAUTHORIZED, "unauthorized", "Unauthorized",
                                 "A valid bearer access token is required.",
                                 FP_SANDBOX_PTR_HEADER, "Authorization");
    }

  if ((r = check_rate_limit (self, req)) != NULL)
    return r;

  if (genai && is_write (req->method))
    {
      /* GenAI calls change nothing at the bank: no Idempotency-Key. */
      if ((r = parse_json_body (req)) != NULL)
        return r;
    }
  else if (is_write (req->method))
    {
      IdempotentEntry *entry;

      key = soup_message_headers_get_one (headers, "Idempotency-Key");
      if (key == NULL || !idempotency_key_ok (key))
        return fp_sandbox_problem (SOUP_STATUS_BAD_REQUEST, "idempotency-key-required",
                                   "Idempotency-Key required",
                                   "Every write carries an Idempotency-Key of 1 to 255 visible ASCII characters.",
                                   FP_SANDBOX_PTR_HEADER, "Idempotency-Key");
      scoped_key = g_strdup_printf ("%d:%s", req->customer, key);
      fingerprint = request_fingerprint (req);
      entry = g_hash_table_lookup (self->idempotency, scoped_key);
      if (entry != NULL)
        {
          gpointer count;

          if (strcmp (entry->fingerprint, fingerprint) != 0)
            return fp_sandbox_problem (SOUP_STATUS_UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                                       "Idempotency-Key reused",
                                       "This Idempotency-Key was used with another request.",
                                       FP_SANDBOX_PTR_HEADER, "Idempotency-Key");
          count = g_hash_table_lookup (self->replays, key);
          g_hash_table_insert (self->replays, g_strdup (key),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
          r = fp_sandbox_response_new (entry->status, entry->content_type);
          g_string_append_len (r->body, entry->body, (gssize) entry->body_len);
          r->location = g_strdup (entry->location);
          soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                        "Idempotent-Replayed", "true");
          return r;
        }
      if (req->body_len > 0 || strcmp (req->method, "DELETE") != 0)
        {
          if ((r = parse_json_body (req)) != NULL)
            return r;
        }
    }

  if (genai)
    r = fp_sandbox_handle_genai (req);
  else
    r = fp_sandbox_handle_resource (req);

  if (key != NULL && r->status < 500 && r->sse_events == NULL)
    {
      IdempotentEntry *entry = g_new0 (IdempotentEntry, 1);

      entry->fingerprint = g_steal_pointer (&fingerprint);
      entry->status = r->status;
      entry->content_type = g_strdup (r->content_type);
      entry->body = g_strndup (r->body->str, r->body->len);
      entry->body_len = r->body->len;
      entry->location = g_strdup (r->location);
      g_hash_table_insert (self->idempotency, g_steal_pointer (&scoped_key), entry);
      if (r->status < 300)
        self->n_writes++;
    }
  return r;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  FpSandboxServer *self = user_data;
  g_autoptr(FpSandboxResponse) response = NULL;
  g_autoptr(GBytes) body = NULL;
  g_auto(GStrv) raw_segments = NULL;
  g_autoptr(GPtrArray) segments = g_ptr_array_new ();
  FpSandboxRequest req = { 0 };
  FaultDraw draw = { 1, 1, 1, 1, 1 };
  gboolean faultable = FALSE;

  fp_sandbox_soup_track (server, msg);
  self->n_requests++;

  req.self = self;
  req.msg = msg;
  req.method = soup_server_message_get_method (msg);
  req.path = path;
  req.query = query;
  req.customer = -1;
  req.now = fp_sandbox_server_now (self);

  raw_segments = g_strsplit (path, "/", -1);
  for (guint i = 0; raw_segments[i] != NULL; i++)
    if (raw_segments[i][0] != '\0')
      g_ptr_array_add (segments, raw_segments[i]);
  g_ptr_array_add (segments, NULL);
  req.segments = (char **) segments->pdata;
  req.n_segments = segments->len - 1;

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  req.body = g_bytes_get_data (body, &req.body_len);
  if (req.body == NULL)
    req.body = "";

  if (req.body_len > self->config.max_body_bytes)
    {
      response = fp_sandbox_problem (SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "payload-too-large",
                                     "Payload too large", "The request body is too large.",
                                     FP_SANDBOX_PTR_BODY, NULL);
    }
  else if (req.n_segments >= 1 && strcmp (req.segments[0], "oauth") == 0)
    {
      response = fp_sandbox_handle_oauth (&req);
      response->no_faults = TRUE;
    }
  else if (strcmp (path, "/.well-known/oauth-authorization-server") == 0)
    response = handle_well_known (self);
  else if (req.n_segments >= 1 && strcmp (req.segments[0], "_sandbox") == 0
           && self->config.test_hooks)
    response = handle_hooks (self, &req);
  else if (req.n_segments >= 1 && strcmp (req.segments[0], "v1") == 0)
    {
      faultable = TRUE;
      response = handle_api (self, &req, FALSE, &draw);
    }
  else if (req.n_segments >= 2 && strcmp (req.segments[0], "genai") == 0
           && strcmp (req.segments[1], "v1") == 0)
    {
      faultable = TRUE;
      response = handle_api (self, &req, TRUE, &draw);
    }
  else
    response = fp_sandbox_not_found ();

  count_path (self, &req);
  send_response (self, msg, response, faultable ? &draw : NULL);
  g_clear_pointer (&req.json, json_node_unref);
}

static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  FpSandboxServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset length = soup_message_headers_get_content_length (headers);

  /* Refuse an announced oversized body before reading it. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && length > (goffset) self->config.max_body_bytes)
    {
      g_autoptr(FpSandboxResponse) r =
        fp_sandbox_problem (SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "payload-too-large",
                            "Payload too large", "The request body is too large.",
                            FP_SANDBOX_PTR_BODY, NULL);

      fp_sandbox_soup_track (server, msg);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      soup_server_message_set_response (msg, r->content_type, SOUP_MEMORY_COPY,
                                        r->body->str, r->body->len);
      soup_server_message_set_status (msg, r->status, NULL);
    }
}

/**
 * fp_sandbox_server_listen:
 *
 * Opens the socket. The address must be loopback unless the configuration
 * allows remote clients (there is no TLS).
 */
gboolean
fp_sandbox_server_listen (FpSandboxServer  *self,
                          GError          **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) local_error = NULL;
  GSList *uris;

  g_return_val_if_fail (FP_IS_SANDBOX_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  inet = g_inet_address_new_from_string (self->address);
  if (inet == NULL)
    {
      g_set_error (error, FP_SANDBOX_SERVER_ERROR, FP_SANDBOX_SERVER_ERROR_INVALID,
                   "“%s” is not an IP address", self->address);
      return FALSE;
    }
  if (!g_inet_address_get_is_loopback (inet) && !self->config.allow_remote)
    {
      g_set_error (error, FP_SANDBOX_SERVER_ERROR, FP_SANDBOX_SERVER_ERROR_NOT_LOOPBACK,
                   "“%s” is not a loopback address and the sandbox has no TLS; "
                   "allow remote clients explicitly", self->address);
      return FALSE;
    }
  if (self->config.port > 65535)
    {
      g_set_error (error, FP_SANDBOX_SERVER_ERROR, FP_SANDBOX_SERVER_ERROR_INVALID,
                   "port %u is out of range", self->config.port);
      return FALSE;
    }

  self->soup = soup_server_new ("server-header", "finpersona-sandbox ", NULL);
  soup_server_add_early_handler (self->soup, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, server_cb, self, NULL);

  address = g_inet_socket_address_new (inet, (guint16) self->config.port);
  if (!soup_server_listen (self->soup, address, 0, &local_error))
    {
      g_set_error (error, FP_SANDBOX_SERVER_ERROR, FP_SANDBOX_SERVER_ERROR_LISTEN,
                   "Cannot listen on %s port %u: %s", self->address, self->config.port,
                   local_error->message);
      g_clear_object (&self->soup);
      return FALSE;
    }

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    self->port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    self->base_url = g_strdup_printf ("http://[%s]:%u/", self->address, self->port);
  else
    self->base_url = g_strdup_printf ("http://%s:%u/", self->address, self->port);
  return TRUE;
}
