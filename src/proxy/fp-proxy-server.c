/* fp-proxy-server.c
 *
 * finpersona-genai-proxy's HTTP side (data/api/finpersona-genai.openapi.json):
 * `POST /v1/narratives` and `POST /v1/chat`, answered from Amazon Bedrock,
 * and `GET /healthz` for load balancers.
 *
 * Each request passes, in this order, and is refused as problem+json at
 * the first gate it fails:
 *
 *   401  a bearer token the bank's introspection says is active
 *   403  an authorised GenAI consent at the bank          (fp-proxy-bank.c)
 *   503  the bank could be asked at all (fail closed)
 *   429  the customer's token bucket                      (fp-proxy-limits.c)
 *   400  the contract's shape and templates               (fp-proxy-prompt.c)
 *   422  no personal data, scanned again with the customer's profile
 *   429  the customer's daily quota of model tokens
 *   503  room for another call to Bedrock (--max-streams)
 *
 * Then Bedrock (fp-proxy-bedrock.c): narratives through Converse and
 * answered as JSON, or, when the client accepts text/event-stream (the
 * chat always), through ConverseStream and answered as server-sent
 * events: `meta`, `delta`…, `done`, or `error` if the stream breaks, with
 * `: keep-alive` comments when nothing was written for --heartbeat-ms.
 * Throttling and failures before the stream starts become 429 / 503 with
 * Retry-After. When the client goes away the call to Bedrock is cancelled.
 *
 * One audit line per request, written when it has ended.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-proxy"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "fp-proxy-audit.h"
#include "fp-proxy-bank.h"
#include "fp-proxy-bedrock.h"
#include "fp-proxy-error.h"
#include "fp-proxy-http.h"
#include "fp-proxy-limits.h"
#include "fp-proxy-prompt.h"
#include "fp-proxy-server.h"

#define PROBLEM_BASE    "https://finpersona.example/problems/"
#define MAX_TOKEN_CHARS 4096

struct _FpProxyServer
{
  GObject         parent_instance;

  FpProxyConfig   config;
  SoupServer     *soup;
  char           *url;
  FpProxyBank    *bank;
  FpProxyBedrock *bedrock;
  FpProxyLimits  *limits;
  FpProxyAudit   *audit;
  FpProxyStats    stats;
};

G_DEFINE_FINAL_TYPE (FpProxyServer, fp_proxy_server, G_TYPE_OBJECT)

typedef struct {
  gint               refs;
  FpProxyServer     *self;
  SoupServerMessage *msg;
  FpProxyRoute       route;
  const char        *route_path;
  gboolean           stream;
  GBytes            *body;
  char              *token;
  GCancellable      *cancellable;
  gint64             start_us;
  char              *request_id;
  char              *customer;
  FpProxyAsk        *ask;
  char              *answer_id;

  gboolean           completed;     /* the response was handed to libsoup */
  gboolean           finished;      /* libsoup is done with the message */
  gboolean           committed;     /* a 200 event stream was started */
  gboolean           wrote;         /* written since the last heartbeat */
  gulong             finished_id;
  GSource           *heartbeat;

  guint              status;
  const char        *outcome;
  gint64             tokens_in;
  gint64             tokens_out;
  guint              attempts;
} Call;

static Call *
call_ref (Call *call)
{
  call->refs++;
  return call;
}

static void
call_unref (Call *call)
{
  FpProxyAuditRecord record = { 0 };

  if (--call->refs > 0)
    return;

  record.request_id = call->request_id;
  record.customer = call->customer;
  record.template_name = call->ask != NULL ? call->ask->template_name : NULL;
  record.route = call->route_path;
  record.status = call->status;
  record.outcome = call->outcome != NULL ? call->outcome : "cancelled";
  record.tokens_in = call->tokens_in;
  record.tokens_out = call->tokens_out;
  record.latency_ms = (g_get_monotonic_time () - call->start_us) / 1000;
  record.attempts = call->attempts;
  record.streamed = call->stream;
  fp_proxy_audit_write (call->self->audit, &record);

  if (call->heartbeat != NULL)
    {
      g_source_destroy (call->heartbeat);
      g_source_unref (call->heartbeat);
    }
  if (call->finished_id != 0)
    g_signal_handler_disconnect (call->msg, call->finished_id);
  g_object_unref (call->msg);
  g_object_unref (call->self);
  g_clear_pointer (&call->body, g_bytes_unref);
  if (call->token != NULL)
    memset (call->token, 0, strlen (call->token));
  g_free (call->token);
  g_object_unref (call->cancellable);
  g_free (call->request_id);
  g_free (call->customer);
  g_clear_pointer (&call->ask, fp_proxy_ask_free);
  g_free (call->answer_id);
  g_free (call);
}

static char *
random_id (const char *prefix)
{
  return g_strdup_printf ("%s%08x%08x", prefix, g_random_int (), g_random_int ());
}

/* Replies */

static void
set_outcome (Call       *call,
             guint       status,
             const char *outcome)
{
  FpProxyStats *stats = &call->self->stats;

  call->status = status;
  call->outcome = outcome;
  if (strcmp (outcome, "ok") == 0)
    stats->answered++;
  else if (strcmp (outcome, "cancelled") == 0)
    stats->cancelled++;
  else if (status >= 400 && status < 500)
    stats->refused++;
  else
    stats->failed++;
}

static void
json_string (GString    *out,
             const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
problem (Call       *call,
         guint       status,
         const char *outcome,
         const char *type,
         const char *title,
         const char *detail,
         const char *pointer_kind,
         const char *pointer,
         gint64      retry_after)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (call->msg);
  g_autoptr(GString) body = g_string_new ("{\"type\":");
  g_autofree char *type_uri = g_strconcat (PROBLEM_BASE, type, NULL);

  set_outcome (call, status, outcome);
  if (call->finished || call->completed)
    return;
  call->completed = TRUE;

  json_string (body, type_uri);
  g_string_append (body, ",\"title\":");
  json_string (body, title);
  g_string_append_printf (body, ",\"status\":%u,\"detail\":", status);
  json_string (body, detail);
  if (pointer != NULL)
    {
      g_string_append_printf (body, ",\"errors\":[{\"%s\":", pointer_kind);
      json_string (body, pointer);
      g_string_append (body, ",\"detail\":");
      json_string (body, detail);
      g_string_append (body, "}]");
      if (strcmp (pointer_kind, "pointer") == 0)
        {
          g_string_append (body, ",\"pointer\":");
          json_string (body, pointer);
        }
    }
  g_string_append_c (body, '}');

  if (retry_after > 0)
    {
      g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, retry_after);

      soup_message_headers_replace (headers, "Retry-After", seconds);
    }
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_server_message_set_response (call->msg, "application/problem+json", SOUP_MEMORY_COPY,
                                    body->str, body->len);
  soup_server_message_set_status (call->msg, status, NULL);
  soup_server_message_unpause (call->msg);
}

static void
unauthorized (Call       *call,
              const char *detail,
              gboolean    token_given)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (call->msg), "WWW-Authenticate",
                                token_given ? "Bearer realm=\"finpersona-genai-proxy\", error=\"invalid_token\""
                                            : "Bearer realm=\"finpersona-genai-proxy\"");
  problem (call, SOUP_STATUS_UNAUTHORIZED, "unauthorized", "unauthorized", "Unauthorized", detail,
           "header", "Authorization", 0);
}

/* Server-sent events */

static void
sse_write (Call       *call,
           const char *text)
{
  if (call->finished)
    return;
  soup_message_body_append (soup_server_message_get_response_body (call->msg), SOUP_MEMORY_COPY,
                            text, strlen (text));
  soup_server_message_unpause (call->msg);
  call->wrote = TRUE;
}

static void
sse_event (Call       *call,
           const char *event,
           GString    *json)
{
  g_autofree char *text = g_strdup_printf ("event: %s\ndata: %s\n\n", event, json->str);

  sse_write (call, text);
}

static gboolean
heartbeat_cb (gpointer data)
{
  Call *call = data;

  if (!call->wrote)
    sse_write (call, ": keep-alive\n\n");
  call->wrote = FALSE;
  return G_SOURCE_CONTINUE;
}

static void
sse_close (Call *call)
{
  if (call->heartbeat != NULL)
    {
      g_source_destroy (call->heartbeat);
      g_clear_pointer (&call->heartbeat, g_source_unref);
    }
  if (call->finished)
    return;
  call->completed = TRUE;
  soup_message_body_complete (soup_server_message_get_response_body (call->msg));
  soup_server_message_unpause (call->msg);
}

/* The stream began: commit to 200 and tell the client who writes. */
static void
upstream_start_cb (gpointer user_data)
{
  Call *call = user_data;
  FpProxyServer *self = call->self;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (call->msg);
  g_autoptr(GString) meta = g_string_new ("{");

  if (!call->stream || call->finished || call->completed)
    return;
  call->committed = TRUE;
  soup_server_message_set_status (call->msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Accel-Buffering", "no");

  g_string_append (meta, call->route == FP_PROXY_ROUTE_CHAT ? "\"conversationId\":" : "\"narrativeId\":");
  json_string (meta, call->answer_id);
  g_string_append_printf (meta, ",\"generator\":\"bedrock:%s\",\"locale\":",
                          fp_proxy_bedrock_get_model_id (self->bedrock));
  json_string (meta, call->ask->locale);
  g_string_append_c (meta, '}');
  sse_event (call, "meta", meta);

  call->heartbeat = g_timeout_source_new (MAX (self->config.heartbeat_ms, 1u));
  g_source_set_callback (call->heartbeat, heartbeat_cb, call, NULL);
  g_source_attach (call->heartbeat, g_main_context_get_thread_default ());
}

static void
upstream_delta_cb (const char *text,
                   gpointer    user_data)
{
  Call *call = user_data;
  g_autoptr(GString) json = g_string_new ("{\"text\":");

  if (!call->committed)
    return;
  json_string (json, text);
  g_string_append_c (json, '}');
  sse_event (call, "delta", json);
}

static const char *
finish_reason (const char *stop_reason)
{
  if (g_strcmp0 (stop_reason, "max_tokens") == 0)
    return "length";
  if (g_strcmp0 (stop_reason, "guardrail_intervened") == 0 || g_strcmp0 (stop_reason, "content_filtered") == 0)
    return "content_filter";
  return "stop";
}

static void
answer_done (Call                        *call,
             const FpProxyUpstreamResult *result)
{
  FpProxyServer *self = call->self;
  g_autoptr(GString) json = g_string_new ("{");
  g_auto(GStrv) keys = fp_proxy_ask_fact_keys (call->ask);

  set_outcome (call, SOUP_STATUS_OK, "ok");
  if (call->stream)
    {
      g_string_append_printf (json, "\"finishReason\":\"%s\",\"factKeys\":[", finish_reason (result->stop_reason));
      for (guint i = 0; keys[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (json, ',');
          json_string (json, keys[i]);
        }
      g_string_append_printf (json, "],\"usage\":{\"inputTokens\":%" G_GINT64_FORMAT ",\"outputTokens\":%"
                              G_GINT64_FORMAT "}}", result->tokens_in, result->tokens_out);
      sse_event (call, "done", json);
      sse_close (call);
      return;
    }

  g_string_append (json, "\"narrativeId\":");
  json_string (json, call->answer_id);
  g_string_append_printf (json, ",\"generator\":\"bedrock:%s\",\"task\":", fp_proxy_bedrock_get_model_id (self->bedrock));
  json_string (json, call->ask->template_name);
  g_string_append (json, ",\"locale\":");
  json_string (json, call->ask->locale);
  g_string_append (json, ",\"text\":");
  json_string (json, result->text);
  g_string_append_printf (json, ",\"factsUsed\":%u}", call->ask->facts->len);
  if (call->finished || call->completed)
    return;
  call->completed = TRUE;
  soup_message_headers_replace (soup_server_message_get_response_headers (call->msg), "Cache-Control", "no-store");
  soup_server_message_set_response (call->msg, "application/json", SOUP_MEMORY_COPY, json->str, json->len);
  soup_server_message_set_status (call->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_unpause (call->msg);
}

static void
upstream_done_cb (const FpProxyUpstreamResult *result,
                  gpointer                     user_data)
{
  Call *call = user_data;
  FpProxyServer *self = call->self;

  self->stats.active_calls--;
  call->tokens_in = result->tokens_in;
  call->tokens_out = result->tokens_out;
  call->attempts = result->attempts;
  if (call->customer != NULL && result->tokens_in + result->tokens_out > 0)
    fp_proxy_limits_charge (self->limits, call->customer, g_get_real_time (),
                            result->tokens_in + result->tokens_out);

  switch (result->outcome)
    {
    case FP_PROXY_UPSTREAM_OK:
      answer_done (call, result);
      break;
    case FP_PROXY_UPSTREAM_INTERRUPTED:
      if (call->committed)
        {
          g_autoptr(GString) json = g_string_new ("{\"type\":\"" PROBLEM_BASE "upstream-interrupted\","
                                                  "\"title\":\"The answer was interrupted\",\"status\":502,"
                                                  "\"retryAfter\":1}");

          set_outcome (call, SOUP_STATUS_BAD_GATEWAY, "interrupted");
          sse_event (call, "error", json);
          sse_close (call);
        }
      else
        problem (call, SOUP_STATUS_BAD_GATEWAY, "interrupted", "upstream-interrupted",
                 "The answer was interrupted", "The model stopped before the answer was complete.",
                 "pointer", NULL, 1);
      break;
    case FP_PROXY_UPSTREAM_THROTTLED:
      problem (call, FP_PROXY_STATUS_TOO_MANY_REQUESTS, "upstream_throttled", "upstream-throttled",
               "The model is busy", "The model is answering too many requests; try again shortly.",
               "pointer", NULL, result->retry_after);
      break;
    case FP_PROXY_UPSTREAM_UNAVAILABLE:
      problem (call, SOUP_STATUS_SERVICE_UNAVAILABLE, "upstream_unavailable", "upstream-unavailable",
               "The model is unavailable", "The model could not be reached; try again later.",
               "pointer", NULL, MAX (result->retry_after, 1));
      break;
    case FP_PROXY_UPSTREAM_BREAKER_OPEN:
      problem (call, SOUP_STATUS_SERVICE_UNAVAILABLE, "breaker_open", "upstream-unavailable",
               "The model is unavailable", "The model failed repeatedly; the proxy waits before trying again.",
               "pointer", NULL, MAX (result->retry_after, 1));
      break;
    case FP_PROXY_UPSTREAM_INVALID:
      problem (call, SOUP_STATUS_BAD_GATEWAY, "upstream_invalid", "upstream-refused",
               "The model refused the request", "The model refused the request; the proxy's operators were told.",
               "pointer", NULL, 0);
      break;
    case FP_PROXY_UPSTREAM_CANCELLED:
    default:
      set_outcome (call, 499, "cancelled");
      break;
    }
  call_unref (call);
}

/* The gates after the bank's answer */

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Call *call = user_data;
  FpProxyServer *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpProxyPrincipal) principal = fp_proxy_bank_check_finish (FP_PROXY_BANK (object), result, &error);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *pointer = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *converse = NULL;
  FpRedactContext ctx = { 0 };
  FpProxyModelConfig model = { 0 };
  gint64 retry_after = 0;
  FpPiiKind kind;

  if (principal == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || call->finished)
        set_outcome (call, 499, "cancelled");
      else if (g_error_matches (error, FP_PROXY_ERROR, FP_PROXY_ERROR_UNAUTHORIZED))
        unauthorized (call, "The access token is not active.", TRUE);
      else
        problem (call, SOUP_STATUS_SERVICE_UNAVAILABLE, "bank_unavailable", "bank-unavailable",
                 "The bank is unavailable", "The bank could not confirm who is asking; try again later.",
                 "pointer", NULL, 5);
      call_unref (call);
      return;
    }

  call->customer = fp_proxy_audit_customer_hash (self->audit, principal->subject);
  if (!principal->genai_consent)
    {
      problem (call, SOUP_STATUS_FORBIDDEN, "no_consent", "consent-required", "Consent required",
               "The customer has not consented to GenAI processing at the bank.", "pointer", NULL, 0);
      call_unref (call);
      return;
    }
  if (!fp_proxy_limits_take (self->limits, call->customer, g_get_real_time (), &retry_after))
    {
      problem (call, FP_PROXY_STATUS_TOO_MANY_REQUESTS, "rate_limited", "rate-limited", "Too many requests",
               "This customer asked too often; try again later.", "pointer", NULL, retry_after);
      call_unref (call);
      return;
    }

  root = fp_proxy_http_parse_json (call->body, self->config.max_body_bytes);
  if (root == NULL)
    problem (call, SOUP_STATUS_BAD_REQUEST, "invalid", "invalid-json", "Invalid JSON",
             "The body must be a JSON object in UTF-8, nested 32 levels at most.", "pointer", "", 0);
  else if ((call->ask = fp_proxy_ask_parse (call->route, root, &pointer, &detail)) == NULL)
    problem (call, SOUP_STATUS_BAD_REQUEST, "invalid", "invalid-request", "Invalid request", detail,
             "pointer", pointer, 0);
  if (call->ask == NULL)
    {
      call_unref (call);
      return;
    }

  ctx.names = (const char * const *) principal->names;
  ctx.addresses = (const char * const *) principal->addresses;
  g_clear_pointer (&pointer, g_free);
  kind = fp_proxy_ask_scan (call->ask, &ctx, &pointer);
  if (kind != FP_PII_NONE)
    {
      g_autofree char *kinds = fp_pii_kind_to_string (kind);
      g_autofree char *text = g_strdup_printf ("The request carries personal data (%s); "
                                               "send aggregated, redacted facts only.", kinds);

      problem (call, SOUP_STATUS_UNPROCESSABLE_ENTITY, "pii", "pii-detected", "Personal data in a GenAI request",
               text, "pointer", pointer, 0);
      call_unref (call);
      return;
    }

  if (!fp_proxy_limits_quota_left (self->limits, call->customer, g_get_real_time (), &retry_after))
    {
      problem (call, FP_PROXY_STATUS_TOO_MANY_REQUESTS, "quota", "quota-exhausted", "Daily quota used up",
               "This customer's GenAI quota for today is used up.", "pointer", NULL, retry_after);
      call_unref (call);
      return;
    }
  if (self->stats.active_calls >= self->config.max_streams)
    {
      problem (call, SOUP_STATUS_SERVICE_UNAVAILABLE, "busy", "busy", "The proxy is busy",
               "The proxy is at its limit of answers in progress; try again shortly.", "pointer", NULL, 1);
      call_unref (call);
      return;
    }
  if (call->finished)
    {
      set_outcome (call, 499, "cancelled");
      call_unref (call);
      return;
    }

  model.max_output_tokens = self->config.max_output_tokens;
  model.guardrail_id = self->config.guardrail_id;
  model.guardrail_version = self->config.guardrail_version;
  converse = fp_proxy_ask_converse (call->ask, &model, call->stream);
  call->answer_id = random_id (call->route == FP_PROXY_ROUTE_CHAT ? "chat_" : "nar_");
  self->stats.upstream_calls++;
  self->stats.active_calls++;
  /* The reference of the bank check goes on to the upstream call. */
  fp_proxy_bedrock_call (self->bedrock, converse, call->stream, upstream_start_cb, upstream_delta_cb,
                         upstream_done_cb, call, call->cancellable);
}

/* libsoup is done with the message: written out, or the client left. */
static void
finished_cb (SoupServerMessage *msg,
             gpointer           user_data)
{
  Call *call = user_data;

  call->finished = TRUE;
  if (!call->completed)
    {
      g_debug ("the client of %s went away", call->request_id);
      g_cancellable_cancel (call->cancellable);
    }
  g_signal_handler_disconnect (msg, call->finished_id);
  call->finished_id = 0;
  if (call->heartbeat != NULL)
    {
      g_source_destroy (call->heartbeat);
      g_clear_pointer (&call->heartbeat, g_source_unref);
    }
  call_unref (call);
}

static gboolean
token_ok (const char *token)
{
  gsize len = strlen (token);

  if (len == 0 || len > MAX_TOKEN_CHARS)
    return FALSE;
  for (const char *p = token; *p != '\0'; p++)
    if ((guchar) *p < 0x21 || (guchar) *p > 0x7e)
      return FALSE;
  return TRUE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  FpProxyServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *auth, *type, *accept;
  Call *call;

  fp_proxy_http_track (server, msg);
  if (strcmp (path, "/healthz") == 0 && strcmp (method, "GET") == 0)
    {
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok\n", 3);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      return;
    }

  self->stats.requests++;
  call = g_new0 (Call, 1);
  call->refs = 1;
  call->self = g_object_ref (self);
  call->msg = g_object_ref (msg);
  call->cancellable = g_cancellable_new ();
  call->start_us = g_get_monotonic_time ();
  call->request_id = random_id ("req_");
  call->route_path = "other";
  call->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (finished_cb), call);
  soup_server_message_pause (msg);

  if (strcmp (path, "/v1/narratives") == 0)
    {
      call->route = FP_PROXY_ROUTE_NARRATIVES;
      call->route_path = "/v1/narratives";
    }
  else if (strcmp (path, "/v1/chat") == 0)
    {
      call->route = FP_PROXY_ROUTE_CHAT;
      call->route_path = "/v1/chat";
    }
  else
    {
      problem (call, SOUP_STATUS_NOT_FOUND, "not_found", "not-found", "Not found", "No such resource.",
               "pointer", NULL, 0);
      return;
    }
  if (strcmp (method, "POST") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "POST");
      problem (call, SOUP_STATUS_METHOD_NOT_ALLOWED, "invalid", "method-not-allowed", "Method not allowed",
               "Use POST.", "pointer", NULL, 0);
      return;
    }

  accept = soup_message_headers_get_one (headers, "Accept");
  call->stream = call->route == FP_PROXY_ROUTE_CHAT
                 || (accept != NULL && strstr (accept, "text/event-stream") != NULL);

  auth = soup_message_headers_get_one (headers, "Authorization");
  if (auth == NULL || g_ascii_strncasecmp (auth, "Bearer ", 7) != 0 || !token_ok (auth + 7))
    {
      unauthorized (call, "A valid bearer access token is required.", auth != NULL);
      return;
    }
  type = soup_message_headers_get_content_type (headers, NULL);
  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
    {
      problem (call, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "invalid", "unsupported-media-type",
               "Unsupported media type", "The body must be application/json.", "header", "Content-Type", 0);
      return;
    }
  call->body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  if (g_bytes_get_size (call->body) > self->config.max_body_bytes)
    {
      problem (call, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "invalid", "payload-too-large", "Payload too large",
               "The request body is too large.", "pointer", NULL, 0);
      return;
    }

  call->token = g_strdup (auth + 7);
  fp_proxy_bank_check_async (self->bank, call->token, call->cancellable, checked_cb, call_ref (call));
}

static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  FpProxyServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  static const char body[] = "{\"type\":\"" PROBLEM_BASE "payload-too-large\",\"title\":\"Payload too large\","
                             "\"status\":413,\"detail\":\"The request body is too large.\"}";

  /* An announced oversized body is refused before it is read. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > (goffset) self->config.max_body_bytes)
    {
      fp_proxy_http_track (server, msg);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      soup_server_message_set_response (msg, "application/problem+json", SOUP_MEMORY_STATIC,
                                        body, sizeof body - 1);
      soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
    }
}

/* GObject */

static void
fp_proxy_server_dispose (GObject *object)
{
  FpProxyServer *self = FP_PROXY_SERVER (object);

  if (self->soup != NULL)
    fp_proxy_http_release (g_steal_pointer (&self->soup));
  g_clear_object (&self->bank);
  g_clear_object (&self->bedrock);

  G_OBJECT_CLASS (fp_proxy_server_parent_class)->dispose (object);
}

static void
fp_proxy_server_finalize (GObject *object)
{
  FpProxyServer *self = FP_PROXY_SERVER (object);

  g_clear_pointer (&self->limits, fp_proxy_limits_free);
  g_clear_pointer (&self->audit, fp_proxy_audit_free);
  g_free (self->url);
  fp_proxy_config_clear (&self->config);

  G_OBJECT_CLASS (fp_proxy_server_parent_class)->finalize (object);
}

static void
fp_proxy_server_class_init (FpProxyServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fp_proxy_server_dispose;
  object_class->finalize = fp_proxy_server_finalize;
}

static void
fp_proxy_server_init (FpProxyServer *self)
{
}

/* Public API */

/**
 * fp_proxy_server_new:
 * @config: the configuration; copied
 * @credentials: the AWS credentials; copied
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): a proxy that is not listening yet,
 *   or %NULL when the configuration is unusable (%FP_PROXY_ERROR_CONFIG)
 */
FpProxyServer *
fp_proxy_server_new (const FpProxyConfig     *config,
                     const FpAwsCredentials  *credentials,
                     GError                 **error)
{
  g_autoptr(FpProxyServer) self = NULL;

  g_return_val_if_fail (config != NULL && credentials != NULL, NULL);

  if ((config->guardrail_id == NULL) != (config->guardrail_version == NULL))
    {
      g_set_error_literal (error, FP_PROXY_ERROR, FP_PROXY_ERROR_CONFIG,
                           "A guardrail needs both its id and its version");
      return NULL;
    }

  self = g_object_new (FP_TYPE_PROXY_SERVER, NULL);
  fp_proxy_config_copy (&self->config, config);
  self->bank = fp_proxy_bank_new (&self->config, error);
  if (self->bank == NULL)
    return NULL;
  self->bedrock = fp_proxy_bedrock_new (&self->config, credentials, error);
  if (self->bedrock == NULL)
    return NULL;
  self->audit = fp_proxy_audit_new (self->config.audit_file, self->config.audit_key, error);
  if (self->audit == NULL)
    return NULL;
  self->limits = fp_proxy_limits_new (self->config.requests_per_minute, self->config.burst,
                                      self->config.daily_tokens);
  return g_steal_pointer (&self);
}

/**
 * fp_proxy_server_listen:
 * @self: a proxy
 * @error: a #GError
 *
 * Opens the socket in the caller's thread-default main context. The
 * address must be loopback unless the configuration allows remote
 * clients: the proxy speaks plain HTTP and expects TLS to end at the load
 * balancer in front of it.
 *
 * Returns: %TRUE when listening
 */
gboolean
fp_proxy_server_listen (FpProxyServer  *self,
                        GError        **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  GSList *uris;
  guint port = 0;

  g_return_val_if_fail (FP_IS_PROXY_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  inet = g_inet_address_new_from_string (self->config.address);
  if (inet == NULL || self->config.port > 65535)
    {
      g_set_error (error, FP_PROXY_ERROR, FP_PROXY_ERROR_CONFIG, "“%s” port %u is not an IP address and port",
                   self->config.address, self->config.port);
      return FALSE;
    }
  if (!g_inet_address_get_is_loopback (inet) && !self->config.allow_remote)
    {
      g_set_error (error, FP_PROXY_ERROR, FP_PROXY_ERROR_CONFIG,
                   "“%s” is not a loopback address and the proxy has no TLS of its own; "
                   "put it behind a TLS load balancer and allow remote clients explicitly",
                   self->config.address);
      return FALSE;
    }

  self->soup = soup_server_new ("server-header", "finpersona-genai-proxy ", NULL);
  soup_server_add_early_handler (self->soup, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, server_cb, self, NULL);
  if (!fp_proxy_http_listen (self->soup, inet, self->config.port, error))
    {
      g_clear_object (&self->soup);
      return FALSE;
    }
  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    self->url = g_strdup_printf ("http://[%s]:%u/", self->config.address, port);
  else
    self->url = g_strdup_printf ("http://%s:%u/", self->config.address, port);
  return TRUE;
}

/**
 * fp_proxy_server_get_url:
 * @self: a listening proxy
 *
 * Returns: its base URL; the API is under `v1/`
 */
const char *
fp_proxy_server_get_url (FpProxyServer *self)
{
  g_return_val_if_fail (FP_IS_PROXY_SERVER (self), NULL);
  return self->url;
}

void
fp_proxy_server_get_stats (FpProxyServer *self,
                           FpProxyStats  *out)
{
  g_return_if_fail (FP_IS_PROXY_SERVER (self));
  g_return_if_fail (out != NULL);

  *out = self->stats;
}
