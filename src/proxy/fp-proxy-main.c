/* fp-proxy-main.c
 *
 * finpersona-genai-proxy: the bank's GenAI proxy in front of Amazon
 * Bedrock. Listens on loopback (or, with --allow-remote, behind a TLS load
 * balancer) and prints its base URL on one line,
 * `FINPERSONA_GENAI_PROXY_URL=http://127.0.0.1:PORT/`. See
 * src/proxy/README.md for what it does and what each option means.
 *
 * Secrets never come from the command line, where `ps` shows them: the
 * AWS credentials from the standard AWS environment variables or shared
 * credentials file, the proxy's client secret at the bank from
 * FINPERSONA_PROXY_CLIENT_SECRET or --client-secret-file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "finpersona-genai-proxy"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "fp-aws-credentials.h"
#include "fp-proxy-server.h"

#define EXIT_USAGE 2

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static char *
read_secret_file (const char  *path,
                  GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  g_strchomp (contents);
  if (*contents == '\0' || strlen (contents) != strlen (g_strchomp (contents)) || len > 4096)
    {
      memset (contents, 0, len);
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "The secret file is empty or too long");
      return NULL;
    }
  return g_steal_pointer (&contents);
}

static gboolean
load_audit_key (const char  *path,
                guint8       key[32],
                GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (path == NULL)
    {
      /* A key of this run only: hashes match within it, not across runs. */
      if (getrandom (key, 32, 0) != 32)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "No randomness for the audit key");
          return FALSE;
        }
      return TRUE;
    }
  if (!g_file_get_contents (path, &contents, &len, error))
    return FALSE;
  if (len < 32)
    {
      memset (contents, 0, len);
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                           "The audit key file must hold at least 32 bytes");
      return FALSE;
    }
  {
    g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
    gsize n = 32;

    g_checksum_update (sum, (const guchar *) contents, (gssize) len);
    g_checksum_get_digest (sum, key, &n);
  }
  memset (contents, 0, len);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpProxyServer) server = NULL;
  g_autoptr(FpAwsCredentials) credentials = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *address = NULL, *bank_url = NULL, *client_id = NULL, *secret_file = NULL;
  g_autofree char *bedrock_url = NULL, *region = NULL, *model_id = NULL;
  g_autofree char *guardrail_id = NULL, *guardrail_version = NULL;
  g_autofree char *audit_file = NULL, *audit_key_file = NULL;
  const char *env_region = g_getenv ("AWS_REGION") != NULL ? g_getenv ("AWS_REGION") : g_getenv ("AWS_DEFAULT_REGION");
  const char *env_secret = g_getenv ("FINPERSONA_PROXY_CLIENT_SECRET");
  FpProxyConfig config;
  gint port = 0, max_output = 400, attempts = 3, base_ms = 200, cap_ms = 2000, start_timeout = 30;
  gint stream_timeout = 120, breaker_threshold = 5, breaker_seconds = 30, burst = 5, max_streams = 2000;
  gint heartbeat_ms = 15000, consent_cache = 30, token_cache = 300;
  gint64 daily_tokens = 50000, max_body = 64 * 1024;
  double per_minute = 10;
  gboolean allow_remote = FALSE;
  GOptionEntry entries[] = {
    { "address", 'a', 0, G_OPTION_ARG_STRING, &address, "IP address to listen on (default 127.0.0.1)", "ADDRESS" },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port to listen on (0: any free port)", "PORT" },
    { "allow-remote", 0, 0, G_OPTION_ARG_NONE, &allow_remote, "Listen on a non-loopback address (TLS ends at the load balancer in front)", NULL },
    { "bank-url", 0, 0, G_OPTION_ARG_STRING, &bank_url, "The bank API's base URL (introspection, consents, profile)", "URL" },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id, "The proxy's client id at the bank (default finpersona-genai-proxy)", "ID" },
    { "client-secret-file", 0, 0, G_OPTION_ARG_FILENAME, &secret_file, "File with the proxy's client secret (else $FINPERSONA_PROXY_CLIENT_SECRET)", "FILE" },
    { "bedrock-url", 0, 0, G_OPTION_ARG_STRING, &bedrock_url, "Bedrock Runtime endpoint (default https://bedrock-runtime.REGION.amazonaws.com)", "URL" },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, "AWS region (default $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1)", "REGION" },
    { "model-id", 0, 0, G_OPTION_ARG_STRING, &model_id, "Bedrock model id (default anthropic.claude-3-haiku-20240307-v1:0)", "ID" },
    { "guardrail-id", 0, 0, G_OPTION_ARG_STRING, &guardrail_id, "Bedrock Guardrail id or ARN (optional)", "ID" },
    { "guardrail-version", 0, 0, G_OPTION_ARG_STRING, &guardrail_version, "Its version, with --guardrail-id", "VERSION" },
    { "max-output-tokens", 0, 0, G_OPTION_ARG_INT, &max_output, "Most tokens the model may write per answer (400)", "N" },
    { "max-attempts", 0, 0, G_OPTION_ARG_INT, &attempts, "Calls to Bedrock per request, retries included (3)", "N" },
    { "backoff-base-ms", 0, 0, G_OPTION_ARG_INT, &base_ms, "First backoff ceiling (200)", "MS" },
    { "backoff-cap-ms", 0, 0, G_OPTION_ARG_INT, &cap_ms, "Largest backoff ceiling (2000)", "MS" },
    { "start-timeout", 0, 0, G_OPTION_ARG_INT, &start_timeout, "Seconds for the model to start answering, retries included (30)", "S" },
    { "stream-timeout", 0, 0, G_OPTION_ARG_INT, &stream_timeout, "Seconds an answer may take in all (120)", "S" },
    { "breaker-threshold", 0, 0, G_OPTION_ARG_INT, &breaker_threshold, "Failures in a row that open the breaker (5)", "N" },
    { "breaker-seconds", 0, 0, G_OPTION_ARG_INT, &breaker_seconds, "How long the breaker stays open (30)", "S" },
    { "requests-per-minute", 0, 0, G_OPTION_ARG_DOUBLE, &per_minute, "Requests per customer and minute (10)", "N" },
    { "burst", 0, 0, G_OPTION_ARG_INT, &burst, "Requests a customer may make at once (5)", "N" },
    { "daily-tokens", 0, 0, G_OPTION_ARG_INT64, &daily_tokens, "Model tokens per customer and UTC day, 0 for no quota (50000)", "N" },
    { "max-streams", 0, 0, G_OPTION_ARG_INT, &max_streams, "Answers in progress at once (2000)", "N" },
    { "max-body-bytes", 0, 0, G_OPTION_ARG_INT64, &max_body, "Largest request body (65536)", "BYTES" },
    { "heartbeat-ms", 0, 0, G_OPTION_ARG_INT, &heartbeat_ms, "Keep-alive comment after this much silence in a stream (15000)", "MS" },
    { "consent-cache-seconds", 0, 0, G_OPTION_ARG_INT, &consent_cache, "How long the bank's consent answer is kept (30)", "S" },
    { "token-cache-seconds", 0, 0, G_OPTION_ARG_INT, &token_cache, "Longest a token's introspection is kept, never past its expiry (300)", "S" },
    { "audit-file", 0, 0, G_OPTION_ARG_FILENAME, &audit_file, "Append the audit lines here instead of stderr", "FILE" },
    { "audit-key-file", 0, 0, G_OPTION_ARG_FILENAME, &audit_key_file, "Key of the customer hash in the audit lines (else a key of this run)", "FILE" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  /* stdout carries the address line only: whoever started us may read
   * nothing more from the pipe, and debug output must not fill it. */
  g_log_writer_default_set_use_stderr (TRUE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, "The FinPersona GenAI proxy: aggregated, redacted facts in, "
                                         "text from Amazon Bedrock out.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_printerr ("%s: unexpected argument “%s”\n", g_get_prgname (), argv[1]);
      return EXIT_USAGE;
    }
  if (bank_url == NULL)
    {
      g_printerr ("%s: --bank-url is required\n", g_get_prgname ());
      return EXIT_USAGE;
    }
  if (port < 0 || port > 65535 || max_output < 1 || max_output > 8192 || attempts < 1 || attempts > 10
      || base_ms < 0 || cap_ms < base_ms || cap_ms > 60000 || start_timeout < 1 || stream_timeout < start_timeout
      || breaker_threshold < 1 || breaker_seconds < 0 || per_minute < 0 || burst < 1 || daily_tokens < 0
      || max_streams < 1 || max_body < 1024 || max_body > 1024 * 1024 || heartbeat_ms < 1
      || consent_cache < 0 || token_cache < 0)
    {
      g_printerr ("%s: a numeric option is out of range\n", g_get_prgname ());
      return EXIT_USAGE;
    }

  fp_proxy_config_init (&config);
  if (address != NULL)
    {
      g_free (config.address);
      config.address = g_strdup (address);
    }
  config.port = (guint) port;
  config.allow_remote = allow_remote;
  config.bank_url = g_strdup (bank_url);
  if (client_id != NULL)
    {
      g_free (config.client_id);
      config.client_id = g_strdup (client_id);
    }
  if (secret_file != NULL)
    config.client_secret = read_secret_file (secret_file, &error);
  else if (env_secret != NULL)
    config.client_secret = g_strdup (env_secret);
  if (config.client_secret == NULL)
    {
      g_printerr ("%s: the proxy's client secret at the bank is missing (--client-secret-file or "
                  "FINPERSONA_PROXY_CLIENT_SECRET)%s%s\n", g_get_prgname (),
                  error != NULL ? ": " : "", error != NULL ? error->message : "");
      fp_proxy_config_clear (&config);
      return EXIT_USAGE;
    }
  config.bedrock_url = g_strdup (bedrock_url);
  if (region != NULL || env_region != NULL)
    {
      g_free (config.region);
      config.region = g_strdup (region != NULL ? region : env_region);
    }
  if (model_id != NULL)
    {
      g_free (config.model_id);
      config.model_id = g_strdup (model_id);
    }
  config.guardrail_id = g_strdup (guardrail_id);
  config.guardrail_version = g_strdup (guardrail_version);
  config.max_output_tokens = (guint) max_output;
  config.max_attempts = (guint) attempts;
  config.backoff_base_ms = (guint) base_ms;
  config.backoff_cap_ms = (guint) cap_ms;
  config.start_timeout_s = (guint) start_timeout;
  config.stream_timeout_s = (guint) stream_timeout;
  config.breaker_threshold = (guint) breaker_threshold;
  config.breaker_seconds = (guint) breaker_seconds;
  config.requests_per_minute = per_minute;
  config.burst = (guint) burst;
  config.daily_tokens = daily_tokens;
  config.max_streams = (guint) max_streams;
  config.max_body_bytes = (gsize) max_body;
  config.heartbeat_ms = (guint) heartbeat_ms;
  config.consent_cache_seconds = consent_cache;
  config.token_cache_seconds = token_cache;
  config.audit_file = g_strdup (audit_file);
  if (!load_audit_key (audit_key_file, config.audit_key, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      fp_proxy_config_clear (&config);
      return EXIT_FAILURE;
    }

  credentials = fp_aws_credentials_load (&error);
  if (credentials == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      fp_proxy_config_clear (&config);
      return EXIT_FAILURE;
    }
  g_message ("AWS credentials from the %s; region %s, model %s", credentials->source, config.region,
             config.model_id);

  server = fp_proxy_server_new (&config, credentials, &error);
  fp_proxy_config_clear (&config);
  if (server == NULL || !fp_proxy_server_listen (server, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_FAILURE;
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);

  g_print ("FINPERSONA_GENAI_PROXY_URL=%s\n", fp_proxy_server_get_url (server));
  fflush (stdout);

  g_main_loop_run (loop);
  /* Let the server finish what it started before the process ends. */
  g_clear_object (&server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return EXIT_SUCCESS;
}
