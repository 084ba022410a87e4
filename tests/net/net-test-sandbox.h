/* net-test-sandbox.h: the sandbox bank on a thread of the test process,
 * on loopback port 0, so that the test can compare the cache with the
 * bank's own figures (FpBankData) and pick the faults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "fp-bank-data.h"
#include "fp-cache.h"
#include "fp-generator.h"
#include "fp-sandbox-server.h"

typedef struct {
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  FpBankData      *data;     /* owned by the server */
  FpSandboxConfig  config;
  FpSandboxServer *server;
  char            *url;
  GMutex           lock;
  GCond            cond;
  gboolean         ready;
} TestSandbox;

static gpointer
test_sandbox_thread (gpointer user_data)
{
  TestSandbox *s = user_data;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (s->context);
  s->server = fp_sandbox_server_new (s->data, &s->config);
  if (!fp_sandbox_server_listen (s->server, &error))
    g_error ("sandbox: %s", error->message);
  g_mutex_lock (&s->lock);
  s->url = g_strdup (fp_sandbox_server_get_base_url (s->server));
  s->ready = TRUE;
  g_cond_signal (&s->cond);
  g_mutex_unlock (&s->lock);
  g_main_loop_run (s->loop);
  g_clear_object (&s->server);
  while (g_main_context_iteration (s->context, FALSE))
    ;
  g_main_context_pop_thread_default (s->context);
  return NULL;
}

/* years: of history for the demo customer; faults: NULL for none;
 * tls_certificate and tls_key: PEM files to serve https, or NULL (they
 * must outlive the sandbox); device_code_ttl, device_interval: the device
 * grant's, in seconds (0 for the sandbox's default lifetime) */
static inline TestSandbox *
test_sandbox_start_with (guint                  years,
                         const FpSandboxFaults *faults,
                         const char            *tls_certificate,
                         const char            *tls_key,
                         gint64                 device_code_ttl,
                         gint64                 device_interval)
{
  TestSandbox *s = g_new0 (TestSandbox, 1);
  g_autoptr(GError) error = NULL;

  s->data = fp_bank_data_new_generated (0, years, 1, &error);
  g_assert_no_error (error);
  fp_sandbox_config_init (&s->config);
  s->config.demo = TRUE;
  s->config.test_hooks = TRUE;
  s->config.device_interval = device_interval;
  if (device_code_ttl > 0)
    s->config.device_code_ttl = device_code_ttl;
  s->config.tls_certificate = tls_certificate;
  s->config.tls_key = tls_key;
  if (faults != NULL)
    s->config.faults = *faults;
  s->context = g_main_context_new ();
  s->loop = g_main_loop_new (s->context, FALSE);
  g_mutex_init (&s->lock);
  g_cond_init (&s->cond);
  s->thread = g_thread_new ("sandbox", test_sandbox_thread, s);
  g_mutex_lock (&s->lock);
  while (!s->ready)
    g_cond_wait (&s->cond, &s->lock);
  g_mutex_unlock (&s->lock);
  return s;
}

/* years: of history for the demo customer; faults: NULL for none;
 * tls_certificate and tls_key: PEM files to serve https, or NULL */
static inline TestSandbox *
test_sandbox_start_full (guint                  years,
                         const FpSandboxFaults *faults,
                         const char            *tls_certificate,
                         const char            *tls_key)
{
  return test_sandbox_start_with (years, faults, tls_certificate, tls_key, 0, 1);
}

/* The same with the device grant's lifetime and polling interval. */
static inline TestSandbox *
test_sandbox_start_device (guint                  years,
                           const FpSandboxFaults *faults,
                           gint64                 device_code_ttl,
                           gint64                 device_interval)
{
  return test_sandbox_start_with (years, faults, NULL, NULL, device_code_ttl, device_interval);
}

/* years: of history for the demo customer; faults: NULL for none */
static inline TestSandbox *
test_sandbox_start (guint                  years,
                    const FpSandboxFaults *faults)
{
  return test_sandbox_start_with (years, faults, NULL, NULL, 0, 1);
}

static gboolean
test_sandbox_quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static inline void
test_sandbox_stop (TestSandbox *s)
{
  g_main_context_invoke (s->context, test_sandbox_quit_cb, s->loop);
  g_thread_join (s->thread);
  g_main_loop_unref (s->loop);
  g_main_context_unref (s->context);
  /* The server owned s->data. */
  g_mutex_clear (&s->lock);
  g_cond_clear (&s->cond);
  g_free (s->url);
  g_free (s);
}

/* The demo customer's accounts and their non-deleted transactions, as the
 * bank itself counts them, compared with the cache's own per-account
 * counts and sums. */
static inline void
test_assert_cache_equals_bank (FpCache    *cache,
                               FpBankData *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) totals = fp_cache_counts_and_sums_per_account (cache, &error);
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const guint32 *ids;
  guint n = 0, with_txns = 0;
  guint64 total_expected = 0, total_cached = 0;

  g_assert_no_error (error);
  ids = fp_bank_data_get_customer_accounts (data, 0, &n);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      const FpBankAccount *a = fp_bank_data_get_account (data, ids[i]);

      g_hash_table_insert (expected, g_strdup_printf ("acc_%u", a->id), (gpointer) a);
      total_expected += a->n_transactions;
      if (a->n_transactions > 0)
        with_txns++;
    }
  for (guint i = 0; i < totals->len; i++)
    {
      FpAccountTotals *t = g_ptr_array_index (totals, i);
      const FpBankAccount *a = g_hash_table_lookup (expected, t->account_id);

      g_assert_nonnull (a);
      g_assert_cmpint (t->count, ==, (gint64) a->n_transactions);
      g_assert_cmpint (t->sum_minor, ==, a->transactions_sum);
      g_assert_cmpstr (t->currency, ==, a->currency);
      total_cached += (guint64) t->count;
    }
  g_assert_cmpuint (total_cached, ==, total_expected);
  g_assert_cmpuint (totals->len, ==, with_txns);
}

static inline FpCache *
test_open_cache (const char  *dir,
                 FpCacheKey **inout_key)
{
  g_autoptr(GError) error = NULL;
  FpCache *cache;

  if (*inout_key == NULL)
    {
      *inout_key = fp_cache_key_new_random (&error);
      g_assert_no_error (error);
    }
  cache = fp_cache_open (dir, *inout_key, &error);
  g_assert_no_error (error);
  return cache;
}

static inline char *
test_key_to_hex (const FpCacheKey *key)
{
  const guint8 *b = fp_cache_key_get_bytes (key);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < FP_CACHE_KEY_SIZE; i++)
    g_string_append_printf (s, "%02x", b[i]);
  return g_string_free (s, FALSE);
}

/* GET a test hook or API path of the sandbox as JSON text. */
static inline char *
test_sandbox_get (TestSandbox *s,
                  const char  *path,
                  const char  *bearer)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (s->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (bearer != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", bearer, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}
