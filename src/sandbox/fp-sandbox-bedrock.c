/* fp-sandbox-bedrock.c
 *
 * The sandbox plays Amazon Bedrock Runtime, on a listener of its own, for
 * the GenAI proxy's tests and the demo. Like the real service it
 *
 *  - checks every request's AWS Signature Version 4 (service `bedrock`,
 *    its region, the published sandbox key pair; the date within fifteen
 *    minutes) and answers 403 in AWS's error shape (an `x-amzn-ErrorType`
 *    header and `{"message": …}`) when it does not match;
 *  - answers `POST /model/{modelId}/converse` with a Converse response and
 *    `…/converse-stream` with `application/vnd.amazon.eventstream`:
 *    messageStart, contentBlockDelta…, contentBlockStop, messageStop,
 *    metadata, each framed and CRC-checked as AWS does (src/aws);
 *  - refuses malformed conversations with ValidationException.
 *
 * Unlike a model it is deterministic: it reads the facts the proxy put
 * between `<facts>` and `</facts>` (one JSON object per line) and the
 * `Template:` line, and answers with the sandbox's template generator
 * (fp_sandbox_genai_compose()), which says that no language model wrote
 * the text.
 *
 * Misbehaviour on demand, seeded: ThrottlingException (429), a
 * modelStreamErrorException in the middle of a stream, 503s; and, with
 * test hooks, counters of everything it saw, including streams the caller
 * hung up on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-bedrock"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "fp-aws-eventstream.h"
#include "fp-aws-sandbox.h"
#include "fp-aws-sigv4.h"
#include "fp-sandbox-bedrock.h"
#include "fp-sandbox-bedrock-prompt.h"
#include "fp-sandbox-json.h"
#include "fp-sandbox-soup.h"

#define MAX_BODY        (1024 * 1024)
#define WORDS_PER_DELTA 3
/* libsoup 3.2 has no name for 429 (RFC 6585). */
#define FP_SANDBOX_BEDROCK_TOO_MANY_REQUESTS 429

struct _FpSandboxBedrock
{
  GObject                 parent_instance;

  FpSandboxBedrockConfig  config;
  char                   *address;
  char                   *region;
  char                   *access_key_id;
  char                   *secret_access_key;
  SoupServer             *soup;
  char                   *url;
  GMainContext           *context;
  GRand                  *rand;
  GList                  *streams;

  /* Faults set through the test hooks. */
  guint                   throttle_next;
  guint                   unavailable_next;
  guint                   stream_error_next;

  /* Counters for GET /_sandbox/bedrock/stats. */
  guint64                 n_requests;
  guint64                 n_signature_failures;
  guint64                 n_throttled;
  guint64                 n_unavailable;
  guint64                 n_invalid;
  guint64                 n_converse;
  guint64                 n_streams;
  guint64                 n_streams_completed;
  guint64                 n_streams_cancelled;
  guint64                 n_stream_errors;
  guint64                 n_guardrail;
  char                   *last_model;
  char                   *last_guardrail;
  char                   *last_prompt;
};

G_DEFINE_FINAL_TYPE (FpSandboxBedrock, fp_sandbox_bedrock, G_TYPE_OBJECT)

typedef struct {
  FpSandboxBedrock  *self;
  SoupServerMessage *msg;
  GPtrArray         *frames;       /* GBytes */
  guint              next;
  gboolean           completed;
  gulong             finished_id;
  GSource           *timer;
} Stream;

/* Responses in AWS's shape */

static void
aws_error (SoupServerMessage *msg,
           guint              status,
           const char        *type,
           const char        *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *request_id = g_uuid_string_random ();
  g_autofree char *error_type = g_strdup_printf ("%s:http://internal.amazon.com/coral/com.amazon.bedrock/", type);
  g_autoptr(GString) body = g_string_new (NULL);
  FpJsonWriter w;

  fp_json_writer_init (&w, body);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "message", message);
  fp_json_end_object (&w);
  soup_message_headers_replace (headers, "x-amzn-ErrorType", error_type);
  soup_message_headers_replace (headers, "x-amzn-RequestId", request_id);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body->str, body->len);
  soup_server_message_set_status (msg, status, NULL);
}

static void
json_reply (SoupServerMessage *msg,
            GString           *body)
{
  g_autofree char *request_id = g_uuid_string_random ();

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "x-amzn-RequestId", request_id);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body->str, body->len);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

/* SigV4 */

static gboolean
signature_error (FpSandboxBedrock  *self,
                 SoupServerMessage *msg,
                 const char        *type,
                 const char        *message)
{
  self->n_signature_failures++;
  aws_error (msg, SOUP_STATUS_FORBIDDEN, type, message);
  return FALSE;
}

/* libsoup hands the server the path decoded (`…-v1:0`); the sender encoded
 * each segment once (`…-v1%3A0`), which is what it signed. */
static char *
wire_path (const char *decoded)
{
  g_auto(GStrv) segments = g_strsplit (decoded, "/", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; segments[i] != NULL; i++)
    {
      g_autofree char *encoded = fp_aws_uri_encode (segments[i], FALSE);

      if (i > 0)
        g_string_append_c (out, '/');
      g_string_append (out, encoded);
    }
  return g_string_free (out, FALSE);
}

/* Rebuilds the canonical request from what arrived, signs it with the
 * stand-in's secret and compares. */
static gboolean
verify_signature (FpSandboxBedrock  *self,
                  SoupServerMessage *msg,
                  GBytes            *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *amz_date = soup_message_headers_get_one (headers, "X-Amz-Date");
  g_auto(FpAwsAuthorization) auth = { 0 };
  g_auto(FpAwsSignature) expected = { 0 };
  g_autoptr(GPtrArray) signed_headers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(FpAwsCredentials) credentials = NULL;
  g_autofree char *path = NULL;
  FpAwsRequest request = { 0 };
  gint64 when = 0;
  gsize len = 0;

  if (authorization == NULL)
    return signature_error (self, msg, "MissingAuthenticationTokenException", "Missing Authentication Token");
  if (!fp_aws_sigv4_parse_authorization (authorization, &auth, NULL))
    return signature_error (self, msg, "IncompleteSignatureException",
                            "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' "
                            "parameters.");
  if (strcmp (auth.access_key_id, self->access_key_id) != 0)
    return signature_error (self, msg, "UnrecognizedClientException",
                            "The security token included in the request is invalid.");
  if (strcmp (auth.service, "bedrock") != 0)
    return signature_error (self, msg, "InvalidSignatureException",
                            "Credential should be scoped to correct service: 'bedrock'.");
  if (strcmp (auth.region, self->region) != 0)
    return signature_error (self, msg, "InvalidSignatureException",
                            "Credential should be scoped to a valid region.");
  if (!fp_aws_sigv4_parse_date (amz_date, &when) || strncmp (amz_date, auth.date, 8) != 0)
    return signature_error (self, msg, "IncompleteSignatureException",
                            "X-Amz-Date must be YYYYMMDDTHHMMSSZ and match the credential scope.");
  if (ABS (when - g_get_real_time () / G_USEC_PER_SEC) > FP_AWS_SIGV4_MAX_SKEW_SECONDS)
    return signature_error (self, msg, "InvalidSignatureException",
                            "Signature expired: the request time is too far from the server's.");

  for (guint i = 0; auth.signed_headers[i] != NULL; i++)
    {
      const char *value = soup_message_headers_get_list (headers, auth.signed_headers[i]);

      if (value == NULL)
        return signature_error (self, msg, "InvalidSignatureException",
                                "A signed header is missing from the request.");
      g_ptr_array_add (signed_headers, g_strdup (auth.signed_headers[i]));
      g_ptr_array_add (signed_headers, g_strdup (value));
    }
  g_ptr_array_add (signed_headers, NULL);

  request.method = soup_server_message_get_method (msg);
  path = wire_path (g_uri_get_path (uri));
  request.path = path;
  request.query = g_uri_get_query (uri);
  request.headers = (const char * const *) signed_headers->pdata;
  request.payload = g_bytes_get_data (body, &len);
  request.payload_len = len;
  credentials = fp_aws_credentials_new (self->access_key_id, self->secret_access_key,
                                        soup_message_headers_get_one (headers, "X-Amz-Security-Token"),
                                        "sandbox");
  if (!fp_aws_sigv4_sign (&request, credentials, auth.region, auth.service, amz_date, &expected, NULL)
      || !fp_aws_sigv4_equal (expected.signature, auth.signature))
    return signature_error (self, msg, "InvalidSignatureException",
                            "The request signature we calculated does not match the signature you "
                            "provided. Check your AWS Secret Access Key and signing method. Consult "
                            "the service documentation for details.");
  return TRUE;
}

static void
write_usage (FpJsonWriter *w,
             gsize         input_chars,
             const char   *answer)
{
  gint64 in = (gint64) ((input_chars + 3) / 4);
  gint64 out = (gint64) ((strlen (answer) + 3) / 4);

  fp_json_key (w, "usage");
  fp_json_begin_object (w);
  fp_json_kv_int (w, "inputTokens", in);
  fp_json_kv_int (w, "outputTokens", out);
  fp_json_kv_int (w, "totalTokens", in + out);
  fp_json_end_object (w);
  fp_json_key (w, "metrics");
  fp_json_begin_object (w);
  fp_json_kv_int (w, "latencyMs", 1);
  fp_json_end_object (w);
}

static void
converse_reply (SoupServerMessage     *msg,
                FpBedrockConversation *c,
                const char            *answer)
{
  g_autoptr(GString) body = g_string_new (NULL);
  FpJsonWriter w;

  fp_json_writer_init (&w, body);
  fp_json_begin_object (&w);
  fp_json_key (&w, "output");
  fp_json_begin_object (&w);
  fp_json_key (&w, "message");
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "role", "assistant");
  fp_json_key (&w, "content");
  fp_json_begin_array (&w);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "text", answer);
  fp_json_end_object (&w);
  fp_json_end_array (&w);
  fp_json_end_object (&w);
  fp_json_end_object (&w);
  fp_json_kv_string (&w, "stopReason", "end_turn");
  write_usage (&w, c->input_chars, answer);
  fp_json_end_object (&w);
  json_reply (msg, body);
}

/* Streams */

static void
stream_free (Stream *s)
{
  if (s->timer != NULL)
    {
      g_source_destroy (s->timer);
      g_source_unref (s->timer);
    }
  if (s->finished_id != 0)
    g_signal_handler_disconnect (s->msg, s->finished_id);
  s->self->streams = g_list_remove (s->self->streams, s);
  g_object_unref (s->msg);
  g_ptr_array_unref (s->frames);
  g_free (s);
}

/* The message is done: written to the end, or the caller went away. */
static void
stream_finished_cb (SoupServerMessage *msg,
                    gpointer           data)
{
  Stream *s = data;

  if (!s->completed)
    {
      s->self->n_streams_cancelled++;
      g_debug ("stream cancelled by the caller after %u of %u messages", s->next, s->frames->len);
    }
  s->finished_id = 0;
  g_signal_handlers_disconnect_by_data (msg, s);
  stream_free (s);
}

/* Unpausing may finish the message and free @s: nothing touches @s after. */
static gboolean
stream_tick_cb (gpointer data)
{
  Stream *s = data;
  g_autoptr(SoupServerMessage) msg = g_object_ref (s->msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (s->next >= s->frames->len)
    {
      s->completed = TRUE;
      s->self->n_streams_completed++;
      g_clear_pointer (&s->timer, g_source_unref);
      soup_message_body_complete (body);
      soup_server_message_unpause (msg);
      return G_SOURCE_REMOVE;
    }
  soup_message_body_append_bytes (body, g_ptr_array_index (s->frames, s->next++));
  soup_server_message_unpause (msg);
  return G_SOURCE_CONTINUE;
}

static void
add_frame (GPtrArray   *frames,
           const char  *type,
           GString     *json)
{
  g_ptr_array_add (frames, fp_aws_event_encode_json ("event", ":event-type", type, json->str));
  g_string_truncate (json, 0);
}

static void
start_stream (FpSandboxBedrock      *self,
              SoupServerMessage     *msg,
              FpBedrockConversation *c,
              const char            *answer,
              gboolean               fail_midway)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GString) json = g_string_new (NULL);
  g_auto(GStrv) words = g_strsplit (answer, " ", -1);
  g_autofree char *request_id = g_uuid_string_random ();
  guint n_words = g_strv_length (words);
  guint n_deltas = 0;
  Stream *s = g_new0 (Stream, 1);
  FpJsonWriter w;

  s->self = self;
  s->msg = g_object_ref (msg);
  s->frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  fp_json_writer_init (&w, json);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "role", "assistant");
  fp_json_end_object (&w);
  add_frame (s->frames, "messageStart", json);

  for (guint i = 0; i < n_words; i += WORDS_PER_DELTA)
    {
      g_autoptr(GString) chunk = g_string_new (NULL);

      for (guint j = i; j < MIN (i + WORDS_PER_DELTA, n_words); j++)
        {
          if (j > 0)
            g_string_append_c (chunk, ' ');
          g_string_append (chunk, words[j]);
        }
      fp_json_writer_init (&w, json);
      fp_json_begin_object (&w);
      fp_json_kv_int (&w, "contentBlockIndex", 0);
      fp_json_key (&w, "delta");
      fp_json_begin_object (&w);
      fp_json_kv_string (&w, "text", chunk->str);
      fp_json_end_object (&w);
      fp_json_end_object (&w);
      add_frame (s->frames, "contentBlockDelta", json);
      if (fail_midway && ++n_deltas == 2)
        break;
    }

  if (fail_midway)
    {
      self->n_stream_errors++;
      g_ptr_array_add (s->frames,
                       fp_aws_event_encode_json ("exception", ":exception-type", "modelStreamErrorException",
                                                 "{\"message\":\"The model stream was interrupted.\","
                                                 "\"originalStatusCode\":500}"));
    }
  else
    {
      fp_json_writer_init (&w, json);
      fp_json_begin_object (&w);
      fp_json_kv_int (&w, "contentBlockIndex", 0);
      fp_json_end_object (&w);
      add_frame (s->frames, "contentBlockStop", json);
      fp_json_writer_init (&w, json);
      fp_json_begin_object (&w);
      fp_json_kv_string (&w, "stopReason", "end_turn");
      fp_json_end_object (&w);
      add_frame (s->frames, "messageStop", json);
      fp_json_writer_init (&w, json);
      fp_json_begin_object (&w);
      write_usage (&w, c->input_chars, answer);
      fp_json_end_object (&w);
      add_frame (s->frames, "metadata", json);
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/vnd.amazon.eventstream", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "x-amzn-RequestId", request_id);
  soup_server_message_pause (msg);
  s->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (stream_finished_cb), s);
  s->timer = g_timeout_source_new (self->config.chunk_delay_ms);
  g_source_set_callback (s->timer, stream_tick_cb, s, NULL);
  g_source_attach (s->timer, self->context);
  self->streams = g_list_prepend (self->streams, s);
}

/* Test hooks */

static void
stats_reply (FpSandboxBedrock  *self,
             SoupServerMessage *msg)
{
  g_autoptr(GString) body = g_string_new (NULL);
  FpJsonWriter w;

  fp_json_writer_init (&w, body);
  fp_json_begin_object (&w);
  fp_json_kv_int (&w, "requests", (gint64) self->n_requests);
  fp_json_kv_int (&w, "signatureFailures", (gint64) self->n_signature_failures);
  fp_json_kv_int (&w, "throttled", (gint64) self->n_throttled);
  fp_json_kv_int (&w, "unavailable", (gint64) self->n_unavailable);
  fp_json_kv_int (&w, "invalid", (gint64) self->n_invalid);
  fp_json_kv_int (&w, "converse", (gint64) self->n_converse);
  fp_json_kv_int (&w, "streams", (gint64) self->n_streams);
  fp_json_kv_int (&w, "streamsCompleted", (gint64) self->n_streams_completed);
  fp_json_kv_int (&w, "streamsCancelled", (gint64) self->n_streams_cancelled);
  fp_json_kv_int (&w, "streamErrors", (gint64) self->n_stream_errors);
  fp_json_kv_int (&w, "guardrailRequests", (gint64) self->n_guardrail);
  if (self->last_model != NULL)
    fp_json_kv_string (&w, "lastModelId", self->last_model);
  if (self->last_guardrail != NULL)
    fp_json_kv_string (&w, "lastGuardrail", self->last_guardrail);
  /* What the model was given, for tests that check what left the device
   * (test hooks only, like the rest of this reply). */
  if (self->last_prompt != NULL)
    fp_json_kv_string (&w, "lastPrompt", self->last_prompt);
  fp_json_end_object (&w);
  json_reply (msg, body);
}

static void
faults_hook (FpSandboxBedrock  *self,
             SoupServerMessage *msg,
             GBytes            *body)
{
  g_autoptr(JsonNode) root = fp_bedrock_parse_json (body);
  JsonObject *o;

  if (root == NULL)
    {
      aws_error (msg, SOUP_STATUS_BAD_REQUEST, "ValidationException", "The body must be a JSON object.");
      return;
    }
  o = json_node_get_object (root);
  self->throttle_next = (guint) json_object_get_int_member_with_default (o, "throttleNext", self->throttle_next);
  self->unavailable_next = (guint) json_object_get_int_member_with_default (o, "unavailableNext",
                                                                             self->unavailable_next);
  self->stream_error_next = (guint) json_object_get_int_member_with_default (o, "streamErrorNext",
                                                                              self->stream_error_next);
  self->config.chunk_delay_ms = (guint) json_object_get_int_member_with_default (o, "chunkDelayMs",
                                                                                 self->config.chunk_delay_ms);
  self->config.throttle_rate = json_object_get_double_member_with_default (o, "throttleRate",
                                                                            self->config.throttle_rate);
  self->config.stream_error_rate = json_object_get_double_member_with_default (o, "streamErrorRate",
                                                                                self->config.stream_error_rate);
  if (json_object_has_member (o, "seed"))
    g_rand_set_seed (self->rand, (guint32) json_object_get_int_member (o, "seed"));
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

/* The handler */

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *unused_path,
           GHashTable        *query,
           gpointer           user_data)
{
  FpSandboxBedrock *self = user_data;
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  g_auto(FpBedrockConversation) c = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *model = NULL;
  g_autofree char *answer = NULL;
  const char *problem;
  gboolean stream;
  double throttle_draw, error_draw;

  fp_sandbox_soup_track (server, msg);
  if (self->config.test_hooks && strcmp (path, "/_sandbox/bedrock/stats") == 0 && strcmp (method, "GET") == 0)
    {
      stats_reply (self, msg);
      return;
    }
  if (self->config.test_hooks && strcmp (path, "/_sandbox/bedrock/faults") == 0 && strcmp (method, "POST") == 0)
    {
      faults_hook (self, msg, body);
      return;
    }

  /* /model/{modelId}/converse[-stream] */
  if (g_strv_length (segments) != 4 || segments[0][0] != '\0' || strcmp (segments[1], "model") != 0
      || (strcmp (segments[3], "converse") != 0 && strcmp (segments[3], "converse-stream") != 0)
      || strcmp (method, "POST") != 0)
    {
      aws_error (msg, SOUP_STATUS_NOT_FOUND, "UnknownOperationException", "Unknown operation.");
      return;
    }
  if (g_bytes_get_size (body) > MAX_BODY)
    {
      aws_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "ValidationException", "The request is too large.");
      return;
    }
  if (!verify_signature (self, msg, body))
    return;

  self->n_requests++;
  stream = strcmp (segments[3], "converse-stream") == 0;
  model = g_uri_unescape_string (segments[2], NULL);
  if (model == NULL || *model == '\0' || strlen (model) > 256)
    {
      self->n_invalid++;
      aws_error (msg, SOUP_STATUS_BAD_REQUEST, "ValidationException", "The provided model identifier is invalid.");
      return;
    }
  g_free (self->last_model);
  self->last_model = g_strdup (model);

  /* Always both draws, so the sequence does not depend on the faults. */
  throttle_draw = g_rand_double (self->rand);
  error_draw = g_rand_double (self->rand);
  if (self->unavailable_next > 0)
    {
      self->unavailable_next--;
      self->n_unavailable++;
      aws_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "ServiceUnavailableException",
                 "The service is temporarily unavailable.");
      return;
    }
  if (self->throttle_next > 0 || throttle_draw < self->config.throttle_rate)
    {
      if (self->throttle_next > 0)
        self->throttle_next--;
      self->n_throttled++;
      aws_error (msg, FP_SANDBOX_BEDROCK_TOO_MANY_REQUESTS, "ThrottlingException",
                 "Too many requests, please wait before trying again.");
      return;
    }

  root = fp_bedrock_parse_json (body);
  problem = root == NULL ? "The request body is not a JSON object." : fp_bedrock_read_conversation (root, &c);
  if (problem != NULL)
    {
      self->n_invalid++;
      aws_error (msg, SOUP_STATUS_BAD_REQUEST, "ValidationException", problem);
      return;
    }
  if (c.guardrail != NULL)
    {
      self->n_guardrail++;
      g_free (self->last_guardrail);
      self->last_guardrail = g_strdup (c.guardrail);
    }
  fp_bedrock_read_prompt (&c);
  if (self->config.test_hooks)
    {
      g_free (self->last_prompt);
      self->last_prompt = g_strdup (c.last_user);
    }
  answer = fp_bedrock_answer (&c);

  if (!stream)
    {
      self->n_converse++;
      converse_reply (msg, &c, answer);
      return;
    }
  self->n_streams++;
  {
    gboolean fail = self->stream_error_next > 0 || error_draw < self->config.stream_error_rate;

    if (self->stream_error_next > 0)
      self->stream_error_next--;
    start_stream (self, msg, &c, answer, fail);
  }
}

/* GObject */

static void
fp_sandbox_bedrock_dispose (GObject *object)
{
  FpSandboxBedrock *self = FP_SANDBOX_BEDROCK (object);

  while (self->streams != NULL)
    stream_free (self->streams->data);
  if (self->soup != NULL)
    fp_sandbox_soup_release (g_steal_pointer (&self->soup));

  G_OBJECT_CLASS (fp_sandbox_bedrock_parent_class)->dispose (object);
}

static void
fp_sandbox_bedrock_finalize (GObject *object)
{
  FpSandboxBedrock *self = FP_SANDBOX_BEDROCK (object);

  g_free (self->address);
  g_free (self->region);
  g_free (self->access_key_id);
  if (self->secret_access_key != NULL)
    memset (self->secret_access_key, 0, strlen (self->secret_access_key));
  g_free (self->secret_access_key);
  g_free (self->url);
  g_free (self->last_model);
  g_free (self->last_guardrail);
  g_free (self->last_prompt);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (fp_sandbox_bedrock_parent_class)->finalize (object);
}

static void
fp_sandbox_bedrock_class_init (FpSandboxBedrockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fp_sandbox_bedrock_dispose;
  object_class->finalize = fp_sandbox_bedrock_finalize;
}

static void
fp_sandbox_bedrock_init (FpSandboxBedrock *self)
{
}

/* Public API */

/**
 * fp_sandbox_bedrock_config_init:
 * @config: (out caller-allocates): the configuration to fill
 *
 * Loopback, a port the OS picks, us-east-1, the published sandbox key
 * pair (fp-aws-sandbox.h), no faults, 5 ms between stream messages.
 */
void
fp_sandbox_bedrock_config_init (FpSandboxBedrockConfig *config)
{
  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  config->address = "127.0.0.1";
  config->region = FP_AWS_SANDBOX_REGION;
  config->access_key_id = FP_AWS_SANDBOX_ACCESS_KEY_ID;
  config->secret_access_key = FP_AWS_SANDBOX_SECRET_ACCESS_KEY;
  config->chunk_delay_ms = 5;
}

/**
 * fp_sandbox_bedrock_new:
 * @config: the configuration; copied
 *
 * Returns: (transfer full): a stand-in that is not listening yet
 */
FpSandboxBedrock *
fp_sandbox_bedrock_new (const FpSandboxBedrockConfig *config)
{
  FpSandboxBedrock *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->region != NULL && config->access_key_id != NULL, NULL);
  g_return_val_if_fail (config->secret_access_key != NULL, NULL);

  self = g_object_new (FP_TYPE_SANDBOX_BEDROCK, NULL);
  self->config = *config;
  self->address = g_strdup (config->address != NULL ? config->address : "127.0.0.1");
  self->region = g_strdup (config->region);
  self->access_key_id = g_strdup (config->access_key_id);
  self->secret_access_key = g_strdup (config->secret_access_key);
  self->config.address = self->address;
  self->config.region = self->region;
  self->config.access_key_id = self->access_key_id;
  self->config.secret_access_key = self->secret_access_key;
  self->rand = g_rand_new_with_seed (config->seed);
  return self;
}

/**
 * fp_sandbox_bedrock_listen:
 * @self: a stand-in
 * @error: a #GError
 *
 * Opens the socket, on loopback only (the stand-in has no TLS), in the
 * thread-default main context of the caller.
 *
 * Returns: %TRUE when listening
 */
gboolean
fp_sandbox_bedrock_listen (FpSandboxBedrock  *self,
                           GError           **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  GSList *uris;
  guint port = 0;

  g_return_val_if_fail (FP_IS_SANDBOX_BEDROCK (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  inet = g_inet_address_new_from_string (self->address);
  if (inet == NULL || !g_inet_address_get_is_loopback (inet) || self->config.port > 65535)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "The Bedrock stand-in listens on a loopback address and a valid port only");
      return FALSE;
    }

  self->context = g_main_context_ref_thread_default ();
  self->soup = soup_server_new ("server-header", "finpersona-sandbox-bedrock ", NULL);
  soup_server_add_handler (self->soup, NULL, server_cb, self, NULL);
  if (!fp_sandbox_soup_listen (self->soup, inet, self->config.port, error))
    {
      g_clear_object (&self->soup);
      return FALSE;
    }
  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    self->url = g_strdup_printf ("http://[%s]:%u/", self->address, port);
  else
    self->url = g_strdup_printf ("http://%s:%u/", self->address, port);
  return TRUE;
}

/**
 * fp_sandbox_bedrock_get_url:
 * @self: a listening stand-in
 *
 * Returns: its base URL, `http://127.0.0.1:PORT/`
 */
const char *
fp_sandbox_bedrock_get_url (FpSandboxBedrock *self)
{
  g_return_val_if_fail (FP_IS_SANDBOX_BEDROCK (self), NULL);

  return self->url;
}
