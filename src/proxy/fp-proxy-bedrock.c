/* fp-proxy-bedrock.c
 *
 * The proxy's calls to Amazon Bedrock Runtime: Converse (`POST
 * /model/{modelId}/converse`, one JSON answer) and ConverseStream
 * (`…/converse-stream`, `application/vnd.amazon.eventstream`), each
 * signed with SigV4 (service `bedrock`) by src/aws, asynchronously on the
 * proxy's main loop.
 *
 * Staying up:
 *  - ThrottlingException (429, or as a stream's first message) and
 *    failures (5xx, transport errors, a damaged stream before its first
 *    event) are retried up to --max-attempts times with full-jitter
 *    exponential backoff; validation and access errors are not;
 *  - a deadline for the model to start answering (--start-timeout, all
 *    attempts together) and one for the whole stream (--stream-timeout);
 *  - a circuit breaker: --breaker-threshold failures in a row open it for
 *    --breaker-seconds, during which calls fail at once (503); throttling
 *    is not a failure: Bedrock is there, only busy;
 *  - a stream that has started is never retried (the customer has seen
 *    its beginning): it ends as interrupted;
 *  - cancelling the caller's GCancellable (its client left) aborts the
 *    HTTP call to Bedrock at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-proxy-bedrock"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "fp-aws-eventstream.h"
#include "fp-aws-sigv4.h"
#include "fp-endpoint.h"
#include "fp-proxy-bedrock.h"
#include "fp-proxy-error.h"
#include "fp-proxy-http.h"

#define MAX_CONVERSE_BYTES (1024 * 1024)
#define MAX_EVENT_BYTES    (256 * 1024)
#define MAX_ANSWER_BYTES   (256 * 1024)

struct _FpProxyBedrock
{
  GObject           parent_instance;

  char             *base_url;
  char             *region;
  char             *model_id;
  FpAwsCredentials *credentials;
  guint             max_attempts;
  guint             backoff_base_ms;
  guint             backoff_cap_ms;
  guint             start_timeout_s;
  guint             stream_timeout_s;
  FpProxyBreaker    breaker;
  SoupSession      *session;
};

G_DEFINE_FINAL_TYPE (FpProxyBedrock, fp_proxy_bedrock, G_TYPE_OBJECT)

typedef struct {
  FpProxyBedrock    *self;
  GBytes            *body;
  gboolean           stream;
  FpProxyStartFunc   on_start;
  FpProxyDeltaFunc   on_delta;
  FpProxyDoneFunc    on_done;
  gpointer           user_data;

  GCancellable      *outer;
  gulong             outer_id;
  GCancellable      *attempt_cancel;
  GSource           *deadline;
  GSource           *backoff;
  gboolean           deadline_hit;
  gboolean           cancelled;

  guint              attempts;
  gboolean           started;
  gboolean           got_stop;
  SoupMessage       *msg;
  GInputStream      *input;
  FpAwsEventDecoder *decoder;
  GByteArray        *converse;
  GString           *text;
  char              *stop_reason;
  gint64             tokens_in;
  gint64             tokens_out;
} Call;

static void attempt (Call *call);

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_source_unref (*source);
      *source = NULL;
    }
}

static void
drop_attempt (Call *call)
{
  if (call->input != NULL)
    g_input_stream_close_async (call->input, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&call->input);
  g_clear_object (&call->msg);
  g_clear_pointer (&call->decoder, fp_aws_event_decoder_free);
  g_clear_pointer (&call->converse, g_byte_array_unref);
  g_clear_object (&call->attempt_cancel);
}

static void
done (Call            *call,
      FpProxyUpstream  outcome,
      gint64           retry_after)
{
  FpProxyUpstreamResult result = { 0 };

  destroy_source (&call->deadline);
  destroy_source (&call->backoff);
  if (call->attempt_cancel != NULL)
    g_cancellable_cancel (call->attempt_cancel);
  drop_attempt (call);
  if (call->outer_id != 0)
    g_cancellable_disconnect (call->outer, call->outer_id);

  if (call->cancelled)
    outcome = FP_PROXY_UPSTREAM_CANCELLED;
  result.outcome = outcome;
  result.text = call->text->str;
  result.stop_reason = call->stop_reason;
  result.tokens_in = call->tokens_in;
  result.tokens_out = call->tokens_out;
  result.attempts = call->attempts;
  result.retry_after = retry_after;
  g_debug ("Bedrock call ended: outcome %d after %u attempts", outcome, call->attempts);
  call->on_done (&result, call->user_data);

  g_clear_object (&call->outer);
  g_bytes_unref (call->body);
  g_string_free (call->text, TRUE);
  g_free (call->stop_reason);
  g_object_unref (call->self);
  g_free (call);
}

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

static gboolean
backoff_cb (gpointer data)
{
  Call *call = data;

  g_clear_pointer (&call->backoff, g_source_unref);
  attempt (call);
  return G_SOURCE_REMOVE;
}

/* The next attempt after @delay_ms; attempt() itself ends a cancelled
 * call, so cancelling in between only needs to bring it forward. */
static void
schedule_attempt (Call  *call,
                  guint  delay_ms)
{
  destroy_source (&call->backoff);
  call->backoff = g_timeout_source_new (delay_ms);
  g_source_set_callback (call->backoff, backoff_cb, call, NULL);
  g_source_attach (call->backoff, g_main_context_get_thread_default ());
}

/* A failure before the stream started: try again, or give up. */
static void
retry_or_give_up (Call            *call,
                  FpProxyUpstream  outcome)
{
  FpProxyBedrock *self = call->self;
  guint delay;

  drop_attempt (call);
  if (call->cancelled)
    {
      done (call, FP_PROXY_UPSTREAM_CANCELLED, 0);
      return;
    }
  if (call->deadline_hit || call->attempts >= self->max_attempts)
    {
      /* Throttled: worth asking again once the backoff's next ceiling has
       * passed; failing: once the breaker would let a trial through. */
      gint64 after = outcome == FP_PROXY_UPSTREAM_THROTTLED
                     ? (fp_proxy_backoff_ms (call->attempts, self->backoff_base_ms, self->backoff_cap_ms, 1.0)
                        + 999) / 1000
                     : fp_proxy_breaker_seconds_left (&self->breaker, now_us ());

      done (call, outcome, MAX (after, 1));
      return;
    }
  delay = fp_proxy_backoff_ms (call->attempts - 1, self->backoff_base_ms, self->backoff_cap_ms,
                               g_random_double ());
  g_debug ("Bedrock attempt %u failed (%d); again in %u ms", call->attempts, outcome, delay);
  schedule_attempt (call, delay);
}

static void
failure (Call            *call,
         FpProxyUpstream  outcome)
{
  if (outcome == FP_PROXY_UPSTREAM_UNAVAILABLE && !call->cancelled)
    fp_proxy_breaker_failure (&call->self->breaker, now_us ());
  if (call->started)
    done (call, FP_PROXY_UPSTREAM_INTERRUPTED, 0);
  else
    retry_or_give_up (call, outcome);
}

static gboolean
deadline_cb (gpointer data)
{
  Call *call = data;

  g_clear_pointer (&call->deadline, g_source_unref);
  call->deadline_hit = TRUE;
  g_debug ("Bedrock deadline passed");
  if (call->backoff != NULL)
    {
      destroy_source (&call->backoff);
      done (call, FP_PROXY_UPSTREAM_UNAVAILABLE, 1);
    }
  else if (call->attempt_cancel != NULL)
    g_cancellable_cancel (call->attempt_cancel);
  return G_SOURCE_REMOVE;
}

static void
set_deadline (Call  *call,
              guint  seconds)
{
  destroy_source (&call->deadline);
  call->deadline = g_timeout_source_new_seconds (MAX (seconds, 1u));
  g_source_set_callback (call->deadline, deadline_cb, call, NULL);
  g_source_attach (call->deadline, g_main_context_get_thread_default ());
}

/* Never ends the call itself: that would disconnect this handler from
 * inside its own emission. */
static void
outer_cancelled_cb (GCancellable *cancellable,
                    gpointer      data)
{
  Call *call = data;

  call->cancelled = TRUE;
  if (call->attempt_cancel != NULL)
    g_cancellable_cancel (call->attempt_cancel);
  else if (call->backoff != NULL)
    schedule_attempt (call, 0);
}

/* The answer's pieces */

static JsonNode *
parse_payload (GBytes *payload)
{
  return fp_proxy_http_parse_json (payload, MAX_EVENT_BYTES);
}

static const char *
string_at (JsonObject *o,
           const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static JsonObject *
object_at (JsonObject *o,
           const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;

  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static void
read_usage (Call       *call,
            JsonObject *o)
{
  JsonObject *usage = object_at (o, "usage");
  JsonNode *in = usage != NULL ? json_object_get_member (usage, "inputTokens") : NULL;
  JsonNode *out = usage != NULL ? json_object_get_member (usage, "outputTokens") : NULL;

  if (in != NULL && JSON_NODE_HOLDS_VALUE (in) && json_node_get_value_type (in) == G_TYPE_INT64)
    call->tokens_in = MAX (json_node_get_int (in), 0);
  if (out != NULL && JSON_NODE_HOLDS_VALUE (out) && json_node_get_value_type (out) == G_TYPE_INT64)
    call->tokens_out = MAX (json_node_get_int (out), 0);
}

static void
start (Call *call)
{
  if (call->started)
    return;
  call->started = TRUE;
  fp_proxy_breaker_success (&call->self->breaker);
  set_deadline (call, call->self->stream_timeout_s);
  call->on_start (call->user_data);
}

/* Returns FALSE when the call has ended. */
static gboolean
handle_message (Call              *call,
                FpAwsEventMessage *m)
{
  g_autofree char *message_type = fp_aws_event_message_dup_string (m, ":message-type");
  g_autofree char *event_type = fp_aws_event_message_dup_string (m, ":event-type");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  if (g_strcmp0 (message_type, "exception") == 0 || g_strcmp0 (message_type, "error") == 0)
    {
      g_autofree char *type = fp_aws_event_message_dup_string (m, ":exception-type");

      g_debug ("Bedrock stream exception: %s", type != NULL ? type : "(none)");
      if (!call->started && g_strcmp0 (type, "throttlingException") == 0)
        failure (call, FP_PROXY_UPSTREAM_THROTTLED);
      else if (!call->started && g_strcmp0 (type, "validationException") == 0)
        done (call, FP_PROXY_UPSTREAM_INVALID, 0);
      else
        failure (call, FP_PROXY_UPSTREAM_UNAVAILABLE);
      return FALSE;
    }
  if (g_strcmp0 (message_type, "event") != 0 || event_type == NULL
      || (root = parse_payload (m->payload)) == NULL)
    {
      failure (call, FP_PROXY_UPSTREAM_UNAVAILABLE);
      return FALSE;
    }
  o = json_node_get_object (root);

  if (strcmp (event_type, "messageStart") == 0 || strcmp (event_type, "contentBlockStart") == 0)
    start (call);
  else if (strcmp (event_type, "contentBlockDelta") == 0)
    {
      const char *text = string_at (object_at (o, "delta"), "text");

      start (call);
      if (text != NULL && *text != '\0')
        {
          if (call->text->len + strlen (text) > MAX_ANSWER_BYTES)
            {
              failure (call, FP_PROXY_UPSTREAM_UNAVAILABLE);
              return FALSE;
            }
          g_string_append (call->text, text);
          call->on_delta (text, call->user_data);
        }
    }
  else if (strcmp (event_type, "messageStop") == 0)
    {
      g_free (call->stop_reason);
      call->stop_reason = g_strdup (string_at (o, "stopReason"));
      call->got_stop = TRUE;
    }
  else if (strcmp (event_type, "metadata") == 0)
    read_usage (call, o);
  return TRUE;
}

static void stream_read_cb (GObject *object, GAsyncResult *result, gpointer data);
static void converse_read_cb (GObject *object, GAsyncResult *result, gpointer data);

static void
read_more (Call *call)
{
  g_input_stream_read_bytes_async (call->input, 16384, G_PRIORITY_DEFAULT, call->attempt_cancel,
                                   call->stream ? stream_read_cb : converse_read_cb, call);
}

static gboolean
read_failed (Call         *call,
             const GError *error)
{
  if (call->cancelled)
    done (call, FP_PROXY_UPSTREAM_CANCELLED, 0);
  else if (call->started)
    done (call, FP_PROXY_UPSTREAM_INTERRUPTED, 0);
  else
    {
      g_debug ("reading from Bedrock failed: %s", error->message);
      failure (call, FP_PROXY_UPSTREAM_UNAVAILABLE);
    }
  return FALSE;
}

static void
stream_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  Call *call = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  FpAwsEventMessage *m;

  if (chunk == NULL)
    {
      read_failed (call, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      if (!fp_aws_event_decoder_finish (call->decoder, &error) || !call->started || !call->got_stop)
        {
          g_debug ("the Bedrock stream ended early%s%s", error != NULL ? ": " : "",
                   error != NULL ? error->message : "");
          failure (call, FP_PROXY_UPSTREAM_UNAVAILABLE);
          return;
        }
      done (call, FP_PROXY_UPSTREAM_OK, 0);
      return;
    }
  fp_aws_event_decoder_feed (call->decoder, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  while ((m = fp_aws_event_decoder_next (call->decoder, &error)) != NULL)
    {
      gboolean go_on = handle_message (call, m);

      fp_aws_event_message_free (m);
      if (!go_on)
        return;
    }
  if (error != NULL)
    {
      g_debug ("the Bedrock stream is damaged: %s", error->message);
      failure (call, FP_PROXY_UPSTREAM_UNAVAILABLE);
      return;
    }
  read_more (call);
}

static void
converse_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  Call *call = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *message;
  JsonNode *content;

  if (chunk == NULL)
    {
      read_failed (call, error);
      return;
    }
  if (g_bytes_get_size (chunk) > 0)
    {
      if (call->converse->len + g_bytes_get_size (chunk) > MAX_CONVERSE_BYTES)
        {
          failure (call, FP_PROXY_UPSTREAM_UNAVAILABLE);
          return;
        }
      g_byte_array_append (call->converse, g_bytes_get_data (chunk, NULL), (guint) g_bytes_get_size (chunk));
      read_more (call);
      return;
    }

  body = g_bytes_new (call->converse->data, call->converse->len);
  root = fp_proxy_http_parse_json (body, MAX_CONVERSE_BYTES);
  o = root != NULL ? json_node_get_object (root) : NULL;
  message = object_at (object_at (o, "output"), "message");
  content = message != NULL ? json_object_get_member (message, "content") : NULL;
  if (content == NULL || !JSON_NODE_HOLDS_ARRAY (content))
    {
      g_debug ("the Converse answer is not in the documented shape");
      failure (call, FP_PROXY_UPSTREAM_UNAVAILABLE);
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (content)); i++)
    {
      JsonNode *block = json_array_get_element (json_node_get_array (content), i);
      const char *text = JSON_NODE_HOLDS_OBJECT (block) ? string_at (json_node_get_object (block), "text") : NULL;

      if (text != NULL)
        g_string_append (call->text, text);
    }
  g_free (call->stop_reason);
  call->stop_reason = g_strdup (string_at (o, "stopReason"));
  read_usage (call, o);
  fp_proxy_breaker_success (&call->self->breaker);
  done (call, FP_PROXY_UPSTREAM_OK, 0);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  Call *call = data;
  g_autoptr(GError) error = NULL;
  guint status;

  call->input = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (call->input == NULL)
    {
      if (call->cancelled)
        done (call, FP_PROXY_UPSTREAM_CANCELLED, 0);
      else
        {
          g_debug ("Bedrock could not be reached: %s", error->message);
          failure (call, FP_PROXY_UPSTREAM_UNAVAILABLE);
        }
      return;
    }

  status = soup_message_get_status (call->msg);
  if (status == SOUP_STATUS_OK)
    {
      if (call->stream)
        call->decoder = fp_aws_event_decoder_new (MAX_EVENT_BYTES);
      else
        call->converse = g_byte_array_new ();
      read_more (call);
      return;
    }

  g_debug ("Bedrock answered HTTP %u (%s)", status,
           soup_message_headers_get_one (soup_message_get_response_headers (call->msg), "x-amzn-ErrorType"));
  if (status == FP_PROXY_STATUS_TOO_MANY_REQUESTS)
    {
      /* Busy, not broken. */
      fp_proxy_breaker_success (&call->self->breaker);
      failure (call, FP_PROXY_UPSTREAM_THROTTLED);
    }
  else if (status >= 500 || status == SOUP_STATUS_REQUEST_TIMEOUT)
    failure (call, FP_PROXY_UPSTREAM_UNAVAILABLE);
  else
    {
      if (status == SOUP_STATUS_FORBIDDEN)
        g_warning ("Bedrock refused the proxy's signature or credentials (HTTP 403)");
      fp_proxy_breaker_success (&call->self->breaker);
      done (call, FP_PROXY_UPSTREAM_INVALID, 0);
    }
}

static SoupMessage *
signed_message (FpProxyBedrock  *self,
                GBytes          *body,
                gboolean         stream,
                GError         **error)
{
  g_autofree char *model = fp_aws_uri_encode (self->model_id, FALSE);
  g_autofree char *url = g_strconcat (self->base_url, "model/", model, stream ? "/converse-stream" : "/converse",
                                      NULL);
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *amz_date = fp_aws_sigv4_format_date (now);
  g_autofree char *host = NULL;
  g_auto(FpAwsSignature) signature = { 0 };
  const char *headers[9];
  guint n = 0;
  FpAwsRequest request = { 0 };
  SoupMessage *msg;
  SoupMessageHeaders *h;
  gsize len = 0;

  if (uri == NULL)
    return NULL;
  host = fp_proxy_http_host_header (uri);
  headers[n++] = "content-type";
  headers[n++] = "application/json";
  headers[n++] = "host";
  headers[n++] = host;
  headers[n++] = "x-amz-date";
  headers[n++] = amz_date;
  if (self->credentials->session_token != NULL)
    {
      headers[n++] = "x-amz-security-token";
      headers[n++] = self->credentials->session_token;
    }
  headers[n] = NULL;

  request.method = "POST";
  request.path = g_uri_get_path (uri);
  request.headers = headers;
  request.payload = g_bytes_get_data (body, &len);
  request.payload_len = len;
  if (!fp_aws_sigv4_sign (&request, self->credentials, self->region, "bedrock", amz_date, &signature, error))
    return NULL;

  msg = soup_message_new_from_uri ("POST", uri);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  h = soup_message_get_request_headers (msg);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  soup_message_headers_replace (h, "X-Amz-Date", amz_date);
  if (self->credentials->session_token != NULL)
    soup_message_headers_replace (h, "X-Amz-Security-Token", self->credentials->session_token);
  soup_message_headers_replace (h, "Authorization", signature.authorization);
  soup_message_headers_replace (h, "Accept", stream ? "application/vnd.amazon.eventstream" : "application/json");
  return msg;
}

static void
attempt (Call *call)
{
  FpProxyBedrock *self = call->self;
  g_autoptr(GError) error = NULL;

  if (call->cancelled)
    {
      done (call, FP_PROXY_UPSTREAM_CANCELLED, 0);
      return;
    }
  if (!fp_proxy_breaker_allow (&self->breaker, now_us ()))
    {
      done (call, FP_PROXY_UPSTREAM_BREAKER_OPEN, fp_proxy_breaker_seconds_left (&self->breaker, now_us ()));
      return;
    }
  call->msg = signed_message (self, call->body, call->stream, &error);
  if (call->msg == NULL)
    {
      g_warning ("Cannot sign the Bedrock request: %s", error->message);
      done (call, FP_PROXY_UPSTREAM_INVALID, 0);
      return;
    }
  call->attempts++;
  call->attempt_cancel = g_cancellable_new ();
  soup_session_send_async (self->session, call->msg, G_PRIORITY_DEFAULT, call->attempt_cancel, sent_cb, call);
}

/* GObject */

static void
fp_proxy_bedrock_dispose (GObject *object)
{
  FpProxyBedrock *self = FP_PROXY_BEDROCK (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (fp_proxy_bedrock_parent_class)->dispose (object);
}

static void
fp_proxy_bedrock_finalize (GObject *object)
{
  FpProxyBedrock *self = FP_PROXY_BEDROCK (object);

  g_free (self->base_url);
  g_free (self->region);
  g_free (self->model_id);
  fp_aws_credentials_free (self->credentials);

  G_OBJECT_CLASS (fp_proxy_bedrock_parent_class)->finalize (object);
}

static void
fp_proxy_bedrock_class_init (FpProxyBedrockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fp_proxy_bedrock_dispose;
  object_class->finalize = fp_proxy_bedrock_finalize;
}

static void
fp_proxy_bedrock_init (FpProxyBedrock *self)
{
}

/**
 * fp_proxy_bedrock_new:
 * @config: the proxy's configuration
 * @credentials: the AWS credentials; copied
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): a Bedrock client, or %NULL for an
 *   unusable endpoint, region or model id
 */
FpProxyBedrock *
fp_proxy_bedrock_new (const FpProxyConfig     *config,
                      const FpAwsCredentials  *credentials,
                      GError                 **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *url = NULL;
  FpProxyBedrock *self;

  g_return_val_if_fail (config != NULL && credentials != NULL, NULL);

  if (config->bedrock_url != NULL)
    url = fp_endpoint_normalize (config->bedrock_url, &local);
  else if (config->region != NULL)
    url = g_strdup_printf ("https://bedrock-runtime.%s.amazonaws.com/", config->region);
  if (url == NULL || *url == '\0')
    {
      g_set_error (error, FP_PROXY_ERROR, FP_PROXY_ERROR_CONFIG,
                   "--bedrock-url must be https, or http on loopback%s%s",
                   local != NULL ? ": " : "", local != NULL ? local->message : "");
      return NULL;
    }
  if (config->region == NULL || *config->region == '\0' || config->model_id == NULL
      || *config->model_id == '\0' || strlen (config->model_id) > 256)
    {
      g_set_error_literal (error, FP_PROXY_ERROR, FP_PROXY_ERROR_CONFIG, "A region and a model id are needed");
      return NULL;
    }

  self = g_object_new (FP_TYPE_PROXY_BEDROCK, NULL);
  self->base_url = g_steal_pointer (&url);
  self->region = g_strdup (config->region);
  self->model_id = g_strdup (config->model_id);
  self->credentials = fp_aws_credentials_copy (credentials);
  self->max_attempts = MAX (config->max_attempts, 1u);
  self->backoff_base_ms = config->backoff_base_ms;
  self->backoff_cap_ms = MAX (config->backoff_cap_ms, config->backoff_base_ms);
  self->start_timeout_s = MAX (config->start_timeout_s, 1u);
  self->stream_timeout_s = MAX (config->stream_timeout_s, 1u);
  fp_proxy_breaker_init (&self->breaker, config->breaker_threshold,
                         (gint64) config->breaker_seconds * G_USEC_PER_SEC);
  self->session = fp_proxy_http_session_new (self->base_url, MAX (config->max_streams, 1u) + 8,
                                             self->stream_timeout_s);
  return self;
}

/**
 * fp_proxy_bedrock_call:
 * @self: the client
 * @body: the Converse request body (fp_proxy_ask_converse())
 * @stream: ConverseStream instead of Converse
 * @on_start: called once when a stream's first event arrives
 * @on_delta: called with each piece of a stream's text
 * @on_done: called exactly once, at the end, however it ends
 * @user_data: data for the callbacks
 * @cancellable: (nullable): cancelling aborts the call to Bedrock
 *
 * Calls the model, with retries, backoff, deadlines and the breaker.
 */
void
fp_proxy_bedrock_call (FpProxyBedrock   *self,
                       const char       *body,
                       gboolean          stream,
                       FpProxyStartFunc  on_start,
                       FpProxyDeltaFunc  on_delta,
                       FpProxyDoneFunc   on_done,
                       gpointer          user_data,
                       GCancellable     *cancellable)
{
  Call *call;

  g_return_if_fail (FP_IS_PROXY_BEDROCK (self));
  g_return_if_fail (body != NULL && on_start != NULL && on_delta != NULL && on_done != NULL);

  call = g_new0 (Call, 1);
  call->self = g_object_ref (self);
  call->body = g_bytes_new (body, strlen (body));
  call->stream = stream;
  call->on_start = on_start;
  call->on_delta = on_delta;
  call->on_done = on_done;
  call->user_data = user_data;
  call->text = g_string_new (NULL);
  if (cancellable != NULL)
    {
      call->outer = g_object_ref (cancellable);
      call->outer_id = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled_cb), call, NULL);
    }
  set_deadline (call, self->start_timeout_s);
  /* Already cancelled: end from the main loop, not inside this call. */
  if (call->cancelled)
    schedule_attempt (call, 0);
  else
    attempt (call);
}

FpProxyBreakerState
fp_proxy_bedrock_get_breaker_state (FpProxyBedrock *self)
{
  g_return_val_if_fail (FP_IS_PROXY_BEDROCK (self), FP_PROXY_BREAKER_CLOSED);
  return self->breaker.state;
}

const char *
fp_proxy_bedrock_get_model_id (FpProxyBedrock *self)
{
  g_return_val_if_fail (FP_IS_PROXY_BEDROCK (self), NULL);
  return self->model_id;
}
