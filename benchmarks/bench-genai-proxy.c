/* bench-genai-proxy.c
 *
 * What finpersona-genai-proxy costs, measured on loopback against the
 * sandbox's Bedrock stand-in (both as child processes, as deployed):
 *
 *  1. the latency the proxy adds per request: a signed Converse call
 *     straight to the stand-in, against the same answer asked of the proxy
 *     (token introspection and consent from its caches, the contract
 *     checked, the PII scan, the prompt built, the call signed): p50/p99;
 *  2. the time to the first streamed token: from sending a question until
 *     the first `event: delta` arrives (and, for comparison, until the
 *     stand-in's first contentBlockDelta when asked directly): p50/p99;
 *  3. memory per stream: the proxy's resident memory with N streams open
 *     at once (each has delivered its first piece; the stand-in paces the
 *     rest), minus its resident memory before, divided by N.
 *
 * FP_BENCH_SIZE=full: 2,000 requests and 1,000 concurrent streams; small
 * (CI): 100 requests and 50 streams. Prints the figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "fp-aws-eventstream.h"
#include "fp-aws-sandbox.h"
#include "fp-aws-sigv4.h"
#include "fp-http-client.h"
#include "fp-oauth-client.h"

#define FACTS "\"facts\":[{\"key\":\"monthly_income\",\"value\":4200,\"unit\":\"USD\"}," \
              "{\"key\":\"rent\",\"value\":1450,\"unit\":\"USD\"}," \
              "{\"key\":\"goal.probability\",\"value\":0.82,\"unit\":\"ratio\"}]"
#define NARRATIVE "{\"task\":\"simulation_summary\",\"locale\":\"en\"," FACTS "}"
#define CHAT "{\"messages\":[{\"role\":\"user\",\"content\":\"Can I afford $600 more rent a month?\"}]," FACTS "}"
/* What the proxy sends the stand-in for NARRATIVE, near enough: the same
 * facts in the same framing, so both ways make the stand-in do the same. */
#define DIRECT "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Template: simulation_summary\\n<facts>\\n" \
               "{\\\"key\\\":\\\"monthly_income\\\",\\\"value\\\":4200,\\\"unit\\\":\\\"USD\\\"}\\n" \
               "{\\\"key\\\":\\\"rent\\\",\\\"value\\\":1450,\\\"unit\\\":\\\"USD\\\"}\\n" \
               "{\\\"key\\\":\\\"goal.probability\\\",\\\"value\\\":0.82,\\\"unit\\\":\\\"ratio\\\"}\\n</facts>\"}]}]," \
               "\"inferenceConfig\":{\"maxTokens\":400,\"temperature\":0.2}}"

typedef struct {
  GSubprocess *sandbox;
  GSubprocess *proxy;
  char        *bank_url;
  char        *bedrock_url;
  char        *proxy_url;
  char        *token;
  SoupSession *session;
} Bench;

static char *
find_program (const char *folder,
              const char *name)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = g_path_get_dirname (self_exe);
  char *path = g_build_filename (dir, "..", "src", folder, name, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("%s not found next to the benchmark", name);
  return path;
}

/* Reads lines of @process until @last; fills @a / @b from lines starting
 * with their prefixes. */
static void
read_urls (GSubprocess *process,
           const char  *prefix_a,
           char       **a,
           const char  *prefix_b,
           char       **b)
{
  g_autoptr(GDataInputStream) out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

  while (*a == NULL || (prefix_b != NULL && *b == NULL))
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, NULL);

      if (line == NULL)
        g_error ("a child exited before printing its address");
      if (g_str_has_prefix (line, prefix_a))
        *a = g_strdup (line + strlen (prefix_a));
      else if (prefix_b != NULL && g_str_has_prefix (line, prefix_b))
        *b = g_strdup (line + strlen (prefix_b));
    }
}

static void
child_setup (gpointer data)
{
  /* The children die with the benchmark, whatever ends it. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
start (Bench *b,
       guint  streams)
{
  g_autofree char *sandbox = find_program ("sandbox", "finpersona-sandbox");
  g_autofree char *proxy = find_program ("proxy", "finpersona-genai-proxy");
  g_autofree char *max_streams = g_strdup_printf ("%u", streams + 100);
  g_autoptr(GSubprocessLauncher) sandbox_launcher = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;

  sandbox_launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (sandbox_launcher, child_setup, NULL, NULL);
  b->sandbox = g_subprocess_launcher_spawn (sandbox_launcher, &error, sandbox, "--port", "0",
                                            "--bedrock-port", "0", "--bedrock-chunk-delay", "0", "--demo",
                                            "--test-hooks", "--customers", "0", "--years", "1", NULL);
  g_assert_no_error (error);
  read_urls (b->sandbox, "FINPERSONA_SANDBOX_URL=", &b->bank_url, "FINPERSONA_BEDROCK_URL=", &b->bedrock_url);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  /* The stand-in's published throwaway credentials (fp-aws-sandbox.h). */
  g_subprocess_launcher_setenv (launcher, "AWS_ACCESS_KEY_ID", FP_AWS_SANDBOX_ACCESS_KEY_ID, TRUE);
  g_subprocess_launcher_setenv (launcher, "AWS_SECRET_ACCESS_KEY", FP_AWS_SANDBOX_SECRET_ACCESS_KEY, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "AWS_SESSION_TOKEN");
  g_subprocess_launcher_setenv (launcher, "FINPERSONA_PROXY_CLIENT_SECRET", FP_SANDBOX_PROXY_CLIENT_SECRET, TRUE);
  b->proxy = g_subprocess_launcher_spawn (launcher, &error, proxy, "--port", "0", "--bank-url", b->bank_url,
                                          "--bedrock-url", b->bedrock_url, "--burst", "100000",
                                          "--requests-per-minute", "10000000", "--daily-tokens", "0",
                                          "--max-streams", max_streams, "--audit-file", "/dev/null", NULL);
  g_assert_no_error (error);
  read_urls (b->proxy, "FINPERSONA_GENAI_PROXY_URL=", &b->proxy_url, NULL, NULL);
  b->session = soup_session_new_with_options ("max-conns", streams + 64, "max-conns-per-host", streams + 64,
                                              "timeout", 120, NULL);
}

static void
stop (Bench *b)
{
  g_clear_object (&b->session);
  g_subprocess_send_signal (b->proxy, SIGTERM);
  g_subprocess_send_signal (b->sandbox, SIGTERM);
  g_subprocess_wait (b->proxy, NULL, NULL);
  g_subprocess_wait (b->sandbox, NULL, NULL);
  g_clear_object (&b->proxy);
  g_clear_object (&b->sandbox);
  g_free (b->bank_url);
  g_free (b->bedrock_url);
  g_free (b->proxy_url);
  g_free (b->token);
}

static SoupMessage *
post_json (const char *url,
           const char *body,
           const char *bearer,
           const char *accept)
{
  SoupMessage *msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new_static (body, strlen (body));

  if (bearer != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", bearer, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (accept != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", accept);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  return msg;
}

static void
sign_in_and_consent (Bench *b)
{
  g_autoptr(FpHttpClient) http = fp_http_client_new (b->bank_url, NULL);
  g_autoptr(FpOAuthClient) oauth = fp_oauth_client_new (http);
  g_autoptr(GError) error = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *url = g_strconcat (b->bank_url, "v1/consents", NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) reply = NULL;
  gint64 expires;

  if (!fp_oauth_client_sign_in (oauth, FP_OAUTH_SIGN_IN_DEMO, NULL, &error))
    g_error ("sign-in: %s", error->message);
  fp_oauth_client_export_tokens (oauth, &b->token, &refresh, &expires);
  msg = post_json (url, "{\"purpose\":\"genai\"}", b->token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", "bench-genai");
  reply = soup_session_send_and_read (b->session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
}

static SoupMessage *
signed_direct (Bench      *b,
               const char *op)
{
  g_autofree char *url = g_strconcat (b->bedrock_url, "model/anthropic.claude-3-haiku-20240307-v1%3A0/", op, NULL);
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  SoupMessage *msg = soup_message_new_from_uri ("POST", uri);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = fp_aws_sigv4_format_date (now);
  g_autofree char *host = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  g_autoptr(FpAwsCredentials) credentials =
    fp_aws_credentials_new (FP_AWS_SANDBOX_ACCESS_KEY_ID, FP_AWS_SANDBOX_SECRET_ACCESS_KEY, NULL, NULL);
  const char *headers[] = { "content-type", "application/json", "host", host, "x-amz-date", date, NULL };
  FpAwsRequest request = { "POST", g_uri_get_path (uri), NULL, headers, (const guint8 *) DIRECT, strlen (DIRECT) };
  g_auto(FpAwsSignature) signature = { 0 };
  g_autoptr(GBytes) bytes = g_bytes_new_static (DIRECT, strlen (DIRECT));

  g_assert_true (fp_aws_sigv4_sign (&request, credentials, FP_AWS_SANDBOX_REGION, "bedrock", date, &signature, NULL));
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Amz-Date", date);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", signature.authorization);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  return msg;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *ms,
            double  p)
{
  g_array_sort (ms, compare_doubles);
  return g_array_index (ms, double, MIN (ms->len - 1, (guint) (p * ms->len)));
}

/* Milliseconds of one whole request. */
static double
time_request (Bench       *b,
              SoupMessage *msg)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(GBytes) reply = soup_session_send_and_read (b->session, msg, NULL, NULL);
  double ms = (g_get_monotonic_time () - t0) / 1000.0;

  if (soup_message_get_status (msg) != 200)
    g_error ("HTTP %u", soup_message_get_status (msg));
  return ms;
}

/* Milliseconds until @marker shows in the body as it streams. */
static double
time_to_first (Bench       *b,
               SoupMessage *msg,
               const char  *marker,
               gboolean     eventstream)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(GInputStream) in = soup_session_send (b->session, msg, NULL, NULL);
  g_autoptr(GByteArray) seen = g_byte_array_new ();
  g_autoptr(FpAwsEventDecoder) decoder = fp_aws_event_decoder_new (0);
  double ms = -1;
  guint8 buf[4096];
  gssize n;

  g_assert_nonnull (in);
  while ((n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    {
      if (ms >= 0)
        continue;    /* read to the end, so the connection is reused */
      if (eventstream)
        {
          FpAwsEventMessage *m;

          fp_aws_event_decoder_feed (decoder, buf, (gsize) n);
          while (ms < 0 && (m = fp_aws_event_decoder_next (decoder, NULL)) != NULL)
            {
              g_autofree char *type = fp_aws_event_message_dup_string (m, ":event-type");

              if (g_strcmp0 (type, marker) == 0)
                ms = (g_get_monotonic_time () - t0) / 1000.0;
              fp_aws_event_message_free (m);
            }
        }
      else
        {
          g_byte_array_append (seen, buf, (guint) n);
          g_byte_array_append (seen, (const guint8 *) "", 1);
          if (strstr ((const char *) seen->data, marker) != NULL)
            ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_byte_array_set_size (seen, seen->len - 1);
        }
    }
  if (ms < 0)
    g_error ("no %s in the stream", marker);
  return ms;
}

static void
report (const char *what,
        GArray     *ms)
{
  double p50 = percentile (ms, 0.50), p99 = percentile (ms, 0.99);

  g_print ("  %-44s p50 %7.3f ms   p99 %7.3f ms   (%u)\n", what, p50, p99, ms->len);
}

/* Memory */

static gint64
rss_kib (GSubprocess *process)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (process));
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL) || (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return g_ascii_strtoll (line + 6, NULL, 10);
}

typedef struct {
  Bench        *bench;
  GInputStream *in;
  SoupMessage  *msg;
  GString      *seen;
  gboolean      first;
  gboolean      done;
  guint        *n_first;
  guint        *n_done;
  gboolean     *failed;
} Stream;

static void stream_read_cb (GObject *object, GAsyncResult *result, gpointer data);

static void
stream_read_more (Stream *s)
{
  g_input_stream_read_bytes_async (s->in, 4096, G_PRIORITY_DEFAULT, NULL, stream_read_cb, s);
}

static void
stream_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  Stream *s = data;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, NULL);

  if (chunk == NULL || g_bytes_get_size (chunk) == 0)
    {
      if (strstr (s->seen->str, "event: done") == NULL)
        {
          g_printerr ("a stream ended without its done event: …%s\n",
                      s->seen->str + MAX (s->seen->len, 200) - 200);
          *s->failed = TRUE;
        }
      s->done = TRUE;
      (*s->n_done)++;
      return;
    }
  g_string_append_len (s->seen, g_bytes_get_data (chunk, NULL), (gssize) g_bytes_get_size (chunk));
  if (!s->first && strstr (s->seen->str, "event: delta") != NULL)
    {
      s->first = TRUE;
      (*s->n_first)++;
    }
  stream_read_more (s);
}

static void
stream_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  Stream *s = data;

  g_autoptr(GError) error = NULL;

  s->in = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (s->in == NULL || soup_message_get_status (s->msg) != 200)
    {
      char text[512] = "";

      if (s->in != NULL)
        text[MAX (g_input_stream_read (s->in, text, sizeof text - 1, NULL, NULL), 0)] = '\0';
      g_printerr ("a stream failed: HTTP %u %s %s\n", soup_message_get_status (s->msg),
                  error != NULL ? error->message : "", text);
      *s->failed = TRUE;
      s->done = TRUE;
      (*s->n_done)++;
      return;
    }
  stream_read_more (s);
}

static void
bedrock_pace (Bench      *b,
              const char *json)
{
  g_autofree char *url = g_strconcat (b->bedrock_url, "_sandbox/bedrock/faults", NULL);
  g_autoptr(SoupMessage) msg = post_json (url, json, NULL, NULL);
  g_autoptr(GBytes) reply = soup_session_send_and_read (b->session, msg, NULL, NULL);

  g_assert_cmpuint (soup_message_get_status (msg), ==, 204);
}

static void
measure_memory (Bench *b,
                guint  n)
{
  g_autofree char *url = g_strconcat (b->proxy_url, "v1/chat", NULL);
  g_autofree Stream *streams = g_new0 (Stream, n);
  guint n_first = 0, n_done = 0;
  gboolean failed = FALSE;
  gint64 before, during, t0;

  /* The stand-in writes a piece a second: every stream stays open while
   * the others are opened. */
  bedrock_pace (b, "{\"chunkDelayMs\":1000}");
  before = rss_kib (b->proxy);
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      Stream *s = &streams[i];

      s->bench = b;
      s->seen = g_string_new (NULL);
      s->n_first = &n_first;
      s->n_done = &n_done;
      s->failed = &failed;
      s->msg = post_json (url, CHAT, b->token, "text/event-stream");
      soup_session_send_async (b->session, s->msg, G_PRIORITY_DEFAULT, NULL, stream_sent_cb, s);
    }
  while (n_first + n_done < n)
    g_main_context_iteration (NULL, TRUE);
  during = rss_kib (b->proxy);
  g_print ("  %u streams open at once after %.1f s; the proxy's resident memory %" G_GINT64_FORMAT " KiB before, %"
           G_GINT64_FORMAT " KiB with them: %.1f KiB per stream\n", n,
           (g_get_monotonic_time () - t0) / 1e6, before, during, (double) (during - before) / n);
  while (n_done < n)
    g_main_context_iteration (NULL, TRUE);
  if (failed || n_first != n)
    g_error ("%u of %u streams failed", n - n_first, n);
  g_print ("  all %u streams ended with their done event\n", n);
  for (guint i = 0; i < n; i++)
    {
      g_clear_object (&streams[i].in);
      g_clear_object (&streams[i].msg);
      g_string_free (streams[i].seen, TRUE);
    }
  bedrock_pace (b, "{\"chunkDelayMs\":0}");
}

int
main (int   argc,
      char *argv[])
{
  const char *size = g_getenv ("FP_BENCH_SIZE");
  gboolean full = g_strcmp0 (size, "full") == 0;
  guint requests = full ? 2000 : 100;
  guint streams = full ? 1000 : 50;
  g_autofree char *narratives = NULL;
  g_autofree char *chat = NULL;
  g_autoptr(GArray) direct = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) proxied = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ttft_direct = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ttft_proxy = g_array_new (FALSE, FALSE, sizeof (double));
  struct rlimit limit;
  Bench b = { 0 };

  /* Four sockets per stream across the processes: room for them. */
  if (getrlimit (RLIMIT_NOFILE, &limit) == 0)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
    }
  start (&b, streams);
  sign_in_and_consent (&b);
  narratives = g_strconcat (b.proxy_url, "v1/narratives", NULL);
  chat = g_strconcat (b.proxy_url, "v1/chat", NULL);

  g_print ("finpersona-genai-proxy on loopback, %s size: %u requests, %u concurrent streams\n",
           full ? "full" : "small", requests, streams);

  /* Warm up both ways (connections, the proxy's caches). */
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(SoupMessage) d = signed_direct (&b, "converse");
      g_autoptr(SoupMessage) p = post_json (narratives, NARRATIVE, b.token, NULL);

      time_request (&b, d);
      time_request (&b, p);
    }
  for (guint i = 0; i < requests; i++)
    {
      g_autoptr(SoupMessage) d = signed_direct (&b, "converse");
      g_autoptr(SoupMessage) p = post_json (narratives, NARRATIVE, b.token, NULL);
      double x = time_request (&b, d), y = time_request (&b, p);

      g_array_append_val (direct, x);
      g_array_append_val (proxied, y);
    }
  for (guint i = 0; i < requests; i++)
    {
      g_autoptr(SoupMessage) d = signed_direct (&b, "converse-stream");
      g_autoptr(SoupMessage) p = post_json (chat, CHAT, b.token, "text/event-stream");
      double x = time_to_first (&b, d, "contentBlockDelta", TRUE);
      double y = time_to_first (&b, p, "event: delta", FALSE);

      g_array_append_val (ttft_direct, x);
      g_array_append_val (ttft_proxy, y);
    }

  g_print ("Latency of a whole answer (Converse, %u each):\n", requests);
  report ("straight to the Bedrock stand-in", direct);
  report ("through the proxy (POST /v1/narratives)", proxied);
  {
    double added50 = percentile (proxied, 0.5) - percentile (direct, 0.5);
    double added99 = percentile (proxied, 0.99) - percentile (direct, 0.99);

    g_print ("  %-44s p50 %7.3f ms   p99 %7.3f ms\n", "added by the proxy", added50, added99);
  }
  g_print ("Time to the first streamed token (ConverseStream):\n");
  report ("straight to the stand-in (first delta frame)", ttft_direct);
  report ("through the proxy (first SSE delta)", ttft_proxy);
  g_print ("Memory per stream:\n");
  measure_memory (&b, streams);

  stop (&b);
  return 0;
}
