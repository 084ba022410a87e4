/* fp-sandbox-main.c
 *
 * finpersona-sandbox: the sandbox bank. Generates or imports the bank's
 * data, listens on loopback and prints the base URL on one line,
 * `FINPERSONA_SANDBOX_URL=http://127.0.0.1:PORT/`, for tests and the app.
 * With --bedrock-port it also plays Amazon Bedrock Runtime on a second
 * listener and prints `FINPERSONA_BEDROCK_URL=…` on the line before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "finpersona-sandbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#include "fp-bank-data.h"
#include "fp-clock.h"
#include "fp-generator.h"
#include "fp-sandbox-bedrock.h"
#include "fp-sandbox-server.h"
#include "fp-tabformer.h"

#define EXIT_USAGE 2

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gboolean
rate_ok (double rate)
{
  return rate >= 0.0 && rate <= 1.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpSandboxServer) server = NULL;
  g_autoptr(FpSandboxBedrock) bedrock = NULL;
  FpSandboxBedrockConfig bedrock_config;
  gint bedrock_port = -1, bedrock_chunk_delay = 5, bedrock_seed = 0;
  double bedrock_throttle = 0, bedrock_stream_errors = 0;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *address = NULL;
  g_autofree char *import_dir = NULL;
  g_autofree char *export_dir = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *state_dir = NULL;
  g_autoptr(FpSandboxStore) store = NULL;
  g_autofree char *tls_certificate = NULL;
  g_autofree char *tls_key = NULL;
  FpBankData *data = NULL;
  FpGeneratorOptions options;
  gint32 today = G_MININT32;
  FpSandboxConfig config;
  gint port = 0, customers = 10, years = 3, rate_limit = 0;
  gint64 seed = 1, max_body = 64 * 1024;
  gint64 access_ttl = 600, device_ttl = 600, device_interval = 5;
  gint fault_seed = 0, latency = 0, storm_length = 5;
  double error_rate = 0, cut_rate = 0, malformed_rate = 0, truncate_rate = 0, storm_rate = 0;
  gboolean allow_remote = FALSE, demo = FALSE, test_hooks = FALSE;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, N_("Port to listen on (0: any free port)"), N_("PORT") },
    { "address", 'a', 0, G_OPTION_ARG_STRING, &address, N_("IP address to listen on (default 127.0.0.1)"), N_("ADDRESS") },
    { "allow-remote", 0, 0, G_OPTION_ARG_NONE, &allow_remote, N_("Allow a non-loopback address (there is no TLS)"), NULL },
    { "customers", 0, 0, G_OPTION_ARG_INT, &customers, N_("Customers to generate besides the demo customer"), N_("N") },
    { "years", 0, 0, G_OPTION_ARG_INT, &years, N_("Years of history to generate"), N_("Y") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the generator"), N_("S") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("The bank’s today, where generated history ends (default: the date, or FP_TODAY)"), N_("YYYY-MM-DD") },
    { "import-tabformer", 0, 0, G_OPTION_ARG_FILENAME, &import_dir, N_("Serve the TabFormer files of DIR instead of generated data"), N_("DIR") },
    { "state-dir", 0, 0, G_OPTION_ARG_FILENAME, &state_dir, N_("Keep consents, tokens, idempotency records, verdicts and card freezes in DIR across restarts"), N_("DIR") },
    { "export-tabformer", 0, 0, G_OPTION_ARG_FILENAME, &export_dir, N_("Write the data as TabFormer files into DIR and exit"), N_("DIR") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Sign the demo customer in without typing (login_hint=demo)"), NULL },
    { "test-hooks", 0, 0, G_OPTION_ARG_NONE, &test_hooks, N_("Enable the test-only endpoints under /_sandbox/"), NULL },
    { "tls-certificate", 0, 0, G_OPTION_ARG_FILENAME, &tls_certificate, N_("Serve https with this PEM certificate (chain)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, N_("The PEM private key of --tls-certificate"), N_("FILE") },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &rate_limit, N_("Requests per minute and customer (0: no limit)"), N_("N") },
    { "max-body-bytes", 0, 0, G_OPTION_ARG_INT64, &max_body, N_("Largest request body accepted"), N_("BYTES") },
    { "access-token-ttl", 0, 0, G_OPTION_ARG_INT64, &access_ttl, N_("Lifetime of access tokens in seconds"), N_("SECONDS") },
    { "device-code-ttl", 0, 0, G_OPTION_ARG_INT64, &device_ttl, N_("Lifetime of device codes in seconds"), N_("SECONDS") },
    { "device-interval", 0, 0, G_OPTION_ARG_INT64, &device_interval, N_("Polling interval of the device grant in seconds"), N_("SECONDS") },
    { "fault-seed", 0, 0, G_OPTION_ARG_INT, &fault_seed, N_("Seed of the fault injection"), N_("S") },
    { "fault-error-rate", 0, 0, G_OPTION_ARG_DOUBLE, &error_rate, N_("Share of requests answered with 503"), N_("RATE") },
    { "fault-latency", 0, 0, G_OPTION_ARG_INT, &latency, N_("Delay added to every response"), N_("MS") },
    { "fault-cut-rate", 0, 0, G_OPTION_ARG_DOUBLE, &cut_rate, N_("Share of responses cut off mid-body"), N_("RATE") },
    { "fault-malformed-rate", 0, 0, G_OPTION_ARG_DOUBLE, &malformed_rate, N_("Share of responses with malformed JSON"), N_("RATE") },
    { "fault-truncate-rate", 0, 0, G_OPTION_ARG_DOUBLE, &truncate_rate, N_("Share of responses with truncated JSON"), N_("RATE") },
    { "fault-storm-rate", 0, 0, G_OPTION_ARG_DOUBLE, &storm_rate, N_("Chance per request of starting a storm of 429 responses"), N_("RATE") },
    { "fault-storm-length", 0, 0, G_OPTION_ARG_INT, &storm_length, N_("Requests answered 429 in a storm"), N_("N") },
    { "bedrock-port", 0, 0, G_OPTION_ARG_INT, &bedrock_port, N_("Also play Amazon Bedrock Runtime on this port (0: any free port)"), N_("PORT") },
    { "bedrock-chunk-delay", 0, 0, G_OPTION_ARG_INT, &bedrock_chunk_delay, N_("Pause between the messages of a Bedrock stream"), N_("MS") },
    { "bedrock-seed", 0, 0, G_OPTION_ARG_INT, &bedrock_seed, N_("Seed of the Bedrock stand-in's faults"), N_("S") },
    { "bedrock-throttle-rate", 0, 0, G_OPTION_ARG_DOUBLE, &bedrock_throttle, N_("Share of Bedrock requests answered with ThrottlingException"), N_("RATE") },
    { "bedrock-stream-error-rate", 0, 0, G_OPTION_ARG_DOUBLE, &bedrock_stream_errors, N_("Share of Bedrock streams cut by an error"), N_("RATE") },
    { NULL }
  };

  /* Logs go to stderr; stdout carries only the address line. */
  g_log_writer_default_set_use_stderr (TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("The FinPersona sandbox bank: a reference server of the bank API."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_printerr (_("%s: unexpected argument “%s”\n"), g_get_prgname (), argv[1]);
      return EXIT_USAGE;
    }
  if (port < 0 || port > 65535)
    {
      g_printerr (_("%s: --port must be from 0 to 65535\n"), g_get_prgname ());
      return EXIT_USAGE;
    }
  if (customers < 0 || customers > FP_GENERATOR_MAX_CUSTOMERS)
    {
      g_printerr (_("%s: --customers must be from 0 to %d\n"), g_get_prgname (), FP_GENERATOR_MAX_CUSTOMERS);
      return EXIT_USAGE;
    }
  if (years < 1 || years > FP_GENERATOR_MAX_YEARS)
    {
      g_printerr (_("%s: --years must be from 1 to %d\n"), g_get_prgname (), FP_GENERATOR_MAX_YEARS);
      return EXIT_USAGE;
    }
  if (today_text != NULL &&
      (!fp_clock_parse_date (today_text, &today) || today < fp_clock_day_from_civil (2020, 1, 1) ||
       today > fp_clock_day_from_civil (2100, 12, 31)))
    {
      g_printerr (_("%s: --today must be a date from 2020-01-01 to 2100-12-31, such as 2026-12-07\n"),
                  g_get_prgname ());
      return EXIT_USAGE;
    }
  if (seed < 0)
    {
      g_printerr (_("%s: --seed must not be negative\n"), g_get_prgname ());
      return EXIT_USAGE;
    }
  if (rate_limit < 0 || max_body < 1 || max_body > 64 * 1024 * 1024
      || access_ttl < 1 || device_ttl < 1 || device_interval < 0
      || latency < 0 || latency > 600000 || fault_seed < 0 || storm_length < 1
      || bedrock_port < -1 || bedrock_port > 65535 || bedrock_chunk_delay < 0
      || bedrock_chunk_delay > 60000 || bedrock_seed < 0)
    {
      g_printerr (_("%s: a numeric option is out of range\n"), g_get_prgname ());
      return EXIT_USAGE;
    }
  if ((tls_certificate == NULL) != (tls_key == NULL))
    {
      g_printerr (_("%s: --tls-certificate and --tls-key go together\n"), g_get_prgname ());
      return EXIT_USAGE;
    }
  if (!rate_ok (error_rate) || !rate_ok (cut_rate) || !rate_ok (malformed_rate)
      || !rate_ok (truncate_rate) || !rate_ok (storm_rate)
      || !rate_ok (bedrock_throttle) || !rate_ok (bedrock_stream_errors))
    {
      g_printerr (_("%s: fault rates must be from 0 to 1\n"), g_get_prgname ());
      return EXIT_USAGE;
    }

  fp_sandbox_config_init (&config);
  if (address != NULL)
    config.address = address;
  if (!fp_sandbox_address_is_loopback (config.address) && !allow_remote && export_dir == NULL)
    {
      g_printerr (_("%s: “%s” is not a loopback address; the sandbox has no TLS. "
                    "Add --allow-remote to listen there anyway.\n"),
                  g_get_prgname (), config.address);
      return EXIT_USAGE;
    }

  fp_generator_options_init (&options);
  options.customers = (guint) customers;
  options.years = (guint) years;
  options.seed = (guint64) seed;
  if (today != G_MININT32)
    options.today = today;

  /* A restarted bank generates the history it started with: the days it
   * has booked since are booked again when the state is read. */
  if (state_dir != NULL && export_dir == NULL)
    {
      g_autofree char *bank = NULL;
      gint64 history_end;

      if (import_dir != NULL)
        {
          g_autofree char *absolute = g_canonicalize_filename (import_dir, NULL);

          bank = g_strdup_printf ("tabformer %s", absolute);
        }
      else
        bank = g_strdup_printf ("generated seed=%" G_GUINT64_FORMAT " customers=%u years=%u",
                                options.seed, options.customers, options.years);
      store = fp_sandbox_store_open (state_dir, bank, &error);
      if (store == NULL)
        {
          g_printerr ("%s: %s\n", g_get_prgname (), error->message);
          return EXIT_FAILURE;
        }
      if (fp_sandbox_store_get_int (store, "history_end", &history_end))
        options.today = (gint32) CLAMP (history_end, G_MININT32, G_MAXINT32);
      else if (!fp_sandbox_store_set_int (store, "history_end", options.today, &error))
        {
          g_printerr ("%s: %s\n", g_get_prgname (), error->message);
          return EXIT_FAILURE;
        }
    }

  if (import_dir != NULL)
    data = fp_tabformer_import (import_dir, &error);
  else
    data = fp_generator_generate (&options, &error);
  if (data == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_FAILURE;
    }

  if (export_dir != NULL)
    {
      gboolean ok = fp_tabformer_export (data, export_dir, &error);

      fp_bank_data_free (data);
      if (!ok)
        {
          g_printerr ("%s: %s\n", g_get_prgname (), error->message);
          return EXIT_FAILURE;
        }
      return EXIT_SUCCESS;
    }

  config.today = today;
  config.port = (guint) port;
  config.tls_certificate = tls_certificate;
  config.tls_key = tls_key;
  config.allow_remote = allow_remote;
  config.demo = demo;
  config.test_hooks = test_hooks;
  config.rate_limit = (guint) rate_limit;
  config.max_body_bytes = (gsize) max_body;
  config.access_token_ttl = access_ttl;
  config.device_code_ttl = device_ttl;
  config.device_interval = device_interval;
  config.faults.seed = (guint32) fault_seed;
  config.faults.error_rate = error_rate;
  config.faults.latency_ms = (guint) latency;
  config.faults.cut_rate = cut_rate;
  config.faults.malformed_rate = malformed_rate;
  config.faults.truncate_rate = truncate_rate;
  config.faults.storm_rate = storm_rate;
  config.faults.storm_length = (guint) storm_length;

  server = fp_sandbox_server_new (data, &config);
  if (store != NULL && !fp_sandbox_server_use_store (server, g_steal_pointer (&store), &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_FAILURE;
    }
  if (!fp_sandbox_server_listen (server, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_FAILURE;
    }

  if (bedrock_port >= 0)
    {
      fp_sandbox_bedrock_config_init (&bedrock_config);
      bedrock_config.address = config.address;
      bedrock_config.port = (guint) bedrock_port;
      bedrock_config.chunk_delay_ms = (guint) bedrock_chunk_delay;
      bedrock_config.seed = (guint32) bedrock_seed;
      bedrock_config.throttle_rate = bedrock_throttle;
      bedrock_config.stream_error_rate = bedrock_stream_errors;
      bedrock_config.test_hooks = test_hooks;
      bedrock = fp_sandbox_bedrock_new (&bedrock_config);
      if (!fp_sandbox_bedrock_listen (bedrock, &error))
        {
          g_printerr ("%s: %s\n", g_get_prgname (), error->message);
          return EXIT_FAILURE;
        }
    }

  /* The handlers are in place before anyone learns the address, so that
   * a SIGTERM right after it still ends the process cleanly. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);

  if (bedrock != NULL)
    g_print ("FINPERSONA_BEDROCK_URL=%s\n", fp_sandbox_bedrock_get_url (bedrock));
  g_print ("FINPERSONA_SANDBOX_URL=%s\n", fp_sandbox_server_get_base_url (server));
  fflush (stdout);

  g_main_loop_run (loop);
  return EXIT_SUCCESS;
}
