/* test-sandbox-bedrock.c
 *
 * The sandbox's Bedrock Runtime stand-in, spoken to as AWS's own clients
 * do (requests signed here with src/aws): it refuses every bad signature
 * in AWS's error shape, answers Converse and ConverseStream from the facts
 * in the prompt with real, CRC-checked event-stream framing, and throttles
 * or breaks streams on demand. And the bank's RFC 7662 introspection,
 * which only the proxy's client may call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fp-aws-eventstream.h"
#include "fp-aws-sandbox.h"
#include "fp-aws-sigv4.h"
#include "fp-sandbox-bedrock.h"
#include "sandbox-test-helper.h"

#define PROMPT "Template: spending_summary\\nTask: x\\n<facts>\\n" \
               "{\\\"key\\\":\\\"monthly_spending\\\",\\\"value\\\":2140.5,\\\"unit\\\":\\\"USD\\\"}\\n" \
               "{\\\"key\\\":\\\"top_category\\\",\\\"value\\\":\\\"groceries\\\"}\\n</facts>"
#define CONVERSE "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"" PROMPT "\"}]}]," \
                 "\"inferenceConfig\":{\"maxTokens\":100}}"
#define MODEL_PATH "model/anthropic.claude-3-haiku-20240307-v1%3A0/"

typedef struct {
  GThread          *thread;
  GMainContext     *context;
  GMainLoop        *loop;
  FpSandboxBedrock *bedrock;
  char             *url;
  GMutex            lock;
  GCond             cond;
  SoupSession      *session;
} Fixture;

static gpointer
bedrock_thread (gpointer data)
{
  Fixture *f = data;
  FpSandboxBedrockConfig config;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (f->context);
  fp_sandbox_bedrock_config_init (&config);
  config.test_hooks = TRUE;
  config.chunk_delay_ms = 0;
  f->bedrock = fp_sandbox_bedrock_new (&config);
  g_assert_true (fp_sandbox_bedrock_listen (f->bedrock, &error));
  g_mutex_lock (&f->lock);
  f->url = g_strdup (fp_sandbox_bedrock_get_url (f->bedrock));
  g_cond_signal (&f->cond);
  g_mutex_unlock (&f->lock);
  g_main_loop_run (f->loop);
  g_clear_object (&f->bedrock);
  while (g_main_context_iteration (f->context, FALSE))
    ;
  g_main_context_pop_thread_default (f->context);
  return NULL;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_mutex_init (&f->lock);
  g_cond_init (&f->cond);
  f->context = g_main_context_new ();
  f->loop = g_main_loop_new (f->context, FALSE);
  f->thread = g_thread_new ("bedrock", bedrock_thread, f);
  g_mutex_lock (&f->lock);
  while (f->url == NULL)
    g_cond_wait (&f->cond, &f->lock);
  g_mutex_unlock (&f->lock);
  f->session = soup_session_new ();
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->session);
  g_main_context_invoke (f->context, quit_cb, f->loop);
  g_thread_join (f->thread);
  g_main_loop_unref (f->loop);
  g_main_context_unref (f->context);
  g_mutex_clear (&f->lock);
  g_cond_clear (&f->cond);
  g_free (f->url);
}

typedef struct {
  const char *secret;
  const char *key_id;
  const char *region;
  const char *service;
  gint64      skew_seconds;
  gboolean    tamper;
  gboolean    unsigned_request;
} Signing;

static const Signing good = { FP_AWS_SANDBOX_SECRET_ACCESS_KEY, FP_AWS_SANDBOX_ACCESS_KEY_ID, "us-east-1", "bedrock", 0 };

/* POSTs @body to @op of the model, signed as @s says. */
static guint
call (Fixture       *f,
      const char    *op,
      const char    *body,
      const Signing *s,
      GBytes       **out_body,
      char         **out_error_type)
{
  g_autofree char *url = g_strconcat (f->url, MODEL_PATH, op, NULL);
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new_from_uri ("POST", uri);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) when = g_date_time_add_seconds (now, (gdouble) s->skew_seconds);
  g_autofree char *date = fp_aws_sigv4_format_date (when);
  g_autofree char *host = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  g_autoptr(FpAwsCredentials) credentials = fp_aws_credentials_new (s->key_id, s->secret, NULL, NULL);
  g_auto(FpAwsSignature) signature = { 0 };
  const char *headers[] = { "content-type", "application/json", "host", host, "x-amz-date", date, NULL };
  FpAwsRequest request = {
    .method = "POST",
    .path = g_uri_get_path (uri),
    .headers = headers,
    .payload = (const guint8 *) body,
    .payload_len = strlen (body),
  };
  SoupMessageHeaders *h = soup_message_get_request_headers (msg);
  g_autoptr(GBytes) bytes = NULL;
  GBytes *reply;

  g_assert_true (fp_aws_sigv4_sign (&request, credentials, s->region, s->service, date, &signature, NULL));
  bytes = s->tamper ? g_bytes_new ("{}", 2) : g_bytes_new (body, strlen (body));
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  soup_message_headers_replace (h, "X-Amz-Date", date);
  if (!s->unsigned_request)
    soup_message_headers_replace (h, "Authorization", signature.authorization);
  reply = soup_session_send_and_read (f->session, msg, NULL, NULL);
  g_assert_nonnull (reply);
  if (out_error_type != NULL)
    *out_error_type = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                              "x-amzn-ErrorType"));
  if (out_body != NULL)
    *out_body = reply;
  else
    g_bytes_unref (reply);
  return soup_message_get_status (msg);
}

static gint64
stat_of (Fixture    *f,
         const char *member)
{
  g_autofree char *url = g_strconcat (f->url, "_sandbox/bedrock/stats", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) reply = soup_session_send_and_read (f->session, msg, NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), NULL));
  return json_object_get_int_member_with_default (json_node_get_object (json_parser_get_root (parser)), member, 0);
}

static void
faults (Fixture    *f,
        const char *json)
{
  g_autofree char *url = g_strconcat (f->url, "_sandbox/bedrock/faults", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  g_autoptr(GBytes) reply = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (f->session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 204);
}

static char *
converse_text (GBytes *reply)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "stopReason"), ==, "end_turn");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "usage"), "outputTokens"), >, 0);
  return g_strdup (json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (
      json_object_get_object_member (json_object_get_object_member (o, "output"), "message"), "content"), 0),
    "text"));
}

static void
test_converse (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpuint (call (f, "converse", CONVERSE, &good, &reply, NULL), ==, 200);
  text = converse_text (reply);
  g_assert_cmpstr (text, ==, "You spend about $2,140.50 a month. Most of it goes to groceries. This text was "
                             "written by the sandbox's template generator, not by a language model.");
  /* Deterministic: the same facts, the same bytes. */
  g_assert_cmpuint (call (f, "converse", CONVERSE, &good, &again, NULL), ==, 200);
  g_assert_true (g_bytes_equal (reply, again));
  g_assert_cmpint (stat_of (f, "converse"), ==, 2);
}

static void
test_signatures_refused (Fixture       *f,
                         gconstpointer  data)
{
  static const struct {
    Signing     s;
    const char *type;
  } cases[] = {
    { { "wrong-secret", FP_AWS_SANDBOX_ACCESS_KEY_ID, "us-east-1", "bedrock", 0 }, "InvalidSignatureException" },
    { { FP_AWS_SANDBOX_SECRET_ACCESS_KEY, "AKIDSOMEONEELSE", "us-east-1", "bedrock", 0 }, "UnrecognizedClientException" },
    { { FP_AWS_SANDBOX_SECRET_ACCESS_KEY, FP_AWS_SANDBOX_ACCESS_KEY_ID, "eu-west-1", "bedrock", 0 }, "InvalidSignatureException" },
    { { FP_AWS_SANDBOX_SECRET_ACCESS_KEY, FP_AWS_SANDBOX_ACCESS_KEY_ID, "us-east-1", "s3", 0 }, "InvalidSignatureException" },
    { { FP_AWS_SANDBOX_SECRET_ACCESS_KEY, FP_AWS_SANDBOX_ACCESS_KEY_ID, "us-east-1", "bedrock", -20 * 60 }, "InvalidSignatureException" },
    { { FP_AWS_SANDBOX_SECRET_ACCESS_KEY, FP_AWS_SANDBOX_ACCESS_KEY_ID, "us-east-1", "bedrock", 0, TRUE }, "InvalidSignatureException" },
    { { FP_AWS_SANDBOX_SECRET_ACCESS_KEY, FP_AWS_SANDBOX_ACCESS_KEY_ID, "us-east-1", "bedrock", 0, FALSE, TRUE },
      "MissingAuthenticationTokenException" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) reply = NULL;
      g_autofree char *type = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      guint status = call (f, i % 2 == 0 ? "converse" : "converse-stream", CONVERSE, &cases[i].s, &reply, &type);

      if (status != 403)
        g_error ("case %u: %u", i, status);
      g_assert_true (g_str_has_prefix (type, cases[i].type));
      /* AWS's shape: {"message": …}. */
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply),
                                                 NULL));
      g_assert_nonnull (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "message"));
    }
  g_assert_cmpint (stat_of (f, "signatureFailures"), ==, G_N_ELEMENTS (cases));
  g_assert_cmpint (stat_of (f, "requests"), ==, 0);
}

/* Decodes a whole event stream with the codec: every frame CRC-checked. */
static GPtrArray *
decode_stream (GBytes *reply)
{
  g_autoptr(FpAwsEventDecoder) decoder = fp_aws_event_decoder_new (0);
  g_autoptr(GError) error = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_aws_event_message_free);
  FpAwsEventMessage *m;

  fp_aws_event_decoder_feed (decoder, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  while ((m = fp_aws_event_decoder_next (decoder, &error)) != NULL)
    g_ptr_array_add (out, m);
  g_assert_no_error (error);
  g_assert_true (fp_aws_event_decoder_finish (decoder, &error));
  return out;
}

static void
test_converse_stream (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *expected = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_assert_cmpuint (call (f, "converse", CONVERSE, &good, &whole, NULL), ==, 200);
  expected = converse_text (whole);
  g_assert_cmpuint (call (f, "converse-stream", CONVERSE, &good, &reply, NULL), ==, 200);
  frames = decode_stream (reply);
  g_assert_cmpuint (frames->len, >, 5);
  first = fp_aws_event_message_dup_string (g_ptr_array_index (frames, 0), ":event-type");
  last = fp_aws_event_message_dup_string (g_ptr_array_index (frames, frames->len - 1), ":event-type");
  g_assert_cmpstr (first, ==, "messageStart");
  g_assert_cmpstr (last, ==, "metadata");
  for (guint i = 0; i < frames->len; i++)
    {
      FpAwsEventMessage *m = g_ptr_array_index (frames, i);
      g_autofree char *type = fp_aws_event_message_dup_string (m, ":event-type");
      g_autofree char *message_type = fp_aws_event_message_dup_string (m, ":message-type");
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_cmpstr (message_type, ==, "event");
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (m->payload, NULL),
                                                 g_bytes_get_size (m->payload), NULL));
      if (strcmp (type, "contentBlockDelta") == 0)
        g_string_append (text, json_object_get_string_member (
          json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "delta"), "text"));
    }
  /* The stream says what Converse says. */
  g_assert_cmpstr (text->str, ==, expected);
  g_assert_cmpint (stat_of (f, "streamsCompleted"), ==, 1);
}

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  g_autofree char *type = NULL;
  g_autofree char *exception = NULL;

  faults (f, "{\"throttleNext\":1,\"streamErrorNext\":1}");
  g_assert_cmpuint (call (f, "converse", CONVERSE, &good, NULL, &type), ==, 429);
  g_assert_true (g_str_has_prefix (type, "ThrottlingException"));

  /* Two deltas, then the exception, and the stream ends. */
  g_assert_cmpuint (call (f, "converse-stream", CONVERSE, &good, &reply, NULL), ==, 200);
  frames = decode_stream (reply);
  g_assert_cmpuint (frames->len, ==, 4);
  exception = fp_aws_event_message_dup_string (g_ptr_array_index (frames, 3), ":exception-type");
  g_assert_cmpstr (exception, ==, "modelStreamErrorException");
  g_assert_cmpint (stat_of (f, "throttled"), ==, 1);
  g_assert_cmpint (stat_of (f, "streamErrors"), ==, 1);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  static const char *const bad[] = {
    "{\"messages\":[{\"role\":\"assistant\",\"content\":[{\"text\":\"hi\"}]}]}",
    "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\"}]},{\"role\":\"assistant\",\"content\":[{\"text\":\"b\"}]}]}",
    "{\"messages\":[{\"role\":\"user\",\"content\":\"not blocks\"}]}",
    "{\"messages\":[],\"extra\":1}",
    "not json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *type = NULL;

      g_assert_cmpuint (call (f, "converse", bad[i], &good, NULL, &type), ==, 400);
      g_assert_true (g_str_has_prefix (type, "ValidationException"));
    }
}

/* Introspection (RFC 7662) at the bank */

static void
test_introspection (void)
{
  FpSandboxConfig config;
  TestSandbox *ts;
  g_auto(TestTokens) tokens = { 0 };
  g_autofree char *pair = g_strconcat (FP_SANDBOX_PROXY_CLIENT_ID ":" FP_SANDBOX_PROXY_CLIENT_SECRET, NULL);
  g_autofree char *b64 = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *basic = g_strconcat ("Basic ", b64, NULL);
  g_autofree char *wrong = g_base64_encode ((const guchar *) FP_SANDBOX_PROXY_CLIENT_ID ":guess", 28);
  g_autofree char *wrong_basic = g_strconcat ("Basic ", wrong, NULL);
  g_autofree char *form = NULL;
  g_autoptr(TestResponse) none = NULL;
  g_autoptr(TestResponse) bad = NULL;
  g_autoptr(TestResponse) unknown = NULL;
  g_autoptr(TestResponse) active = NULL;
  g_autoptr(TestResponse) refresh = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;

  fp_sandbox_config_init (&config);
  ts = ts_start (&config, 2);
  g_assert_true (ts_sign_in (ts, "user1", &tokens));
  form = g_strconcat ("token=", tokens.access_token, NULL);

  /* Only the proxy's client may ask. */
  none = ts_request (ts, "POST", "/oauth/introspect", NULL, "application/x-www-form-urlencoded", form, NULL);
  g_assert_cmpuint (none->status, ==, 401);
  g_assert_nonnull (strstr (none->body, "invalid_client"));
  bad = ts_request (ts, "POST", "/oauth/introspect", NULL, "application/x-www-form-urlencoded", form,
                    "Authorization", wrong_basic, NULL);
  g_assert_cmpuint (bad->status, ==, 401);

  unknown = ts_request (ts, "POST", "/oauth/introspect", NULL, "application/x-www-form-urlencoded",
                        "token=never-issued", "Authorization", basic, NULL);
  g_assert_cmpuint (unknown->status, ==, 200);
  g_assert_cmpstr (unknown->body, ==, "{\"active\":false}");

  active = ts_request (ts, "POST", "/oauth/introspect", NULL, "application/x-www-form-urlencoded", form,
                       "Authorization", basic, NULL);
  g_assert_cmpuint (active->status, ==, 200);
  node = ts_json (active);
  o = json_node_get_object (node);
  g_assert_true (json_object_get_boolean_member (o, "active"));
  g_assert_cmpstr (json_object_get_string_member (o, "sub"), ==, "cus_1");
  g_assert_cmpstr (json_object_get_string_member (o, "token_type"), ==, "Bearer");
  g_assert_cmpint (json_object_get_int_member (o, "exp") - json_object_get_int_member (o, "iat"), ==, 600);
  g_assert_cmpint (json_object_get_int_member (o, "exp"), >, g_get_real_time () / G_USEC_PER_SEC);

  /* A refresh token is not an access token. */
  g_free (form);
  form = g_strconcat ("token=", tokens.refresh_token, NULL);
  refresh = ts_request (ts, "POST", "/oauth/introspect", NULL, "application/x-www-form-urlencoded", form,
                        "Authorization", basic, NULL);
  g_assert_cmpstr (refresh->body, ==, "{\"active\":false}");
  ts_stop (ts);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/sandbox/bedrock/" path, Fixture, NULL, setup, func, teardown)
  ADD ("converse", test_converse);
  ADD ("signatures-refused", test_signatures_refused);
  ADD ("converse-stream", test_converse_stream);
  ADD ("faults", test_faults);
  ADD ("validation", test_validation);
  g_test_add_func ("/sandbox/introspection", test_introspection);

  return g_test_run ();
}
