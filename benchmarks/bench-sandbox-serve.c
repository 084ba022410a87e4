/* bench-sandbox-serve.c
 *
 * How fast the sandbox serves the transaction change feed over loopback:
 * the server runs in a thread of its own, a SoupSession signs every
 * customer in through the OAuth code flow and pages through the feed with
 * pages of 1000, the largest the contract allows. Prints transactions/s
 * and MB/s. FP_BENCH_SIZE=full generates about a million transactions,
 * small (CI) a few thousand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "fp-generator.h"
#include "fp-sandbox-oauth.h"
#include "fp-sandbox-server.h"

#define CLIENT_ID "io.github.finpersona.FinPersona"
#define REDIRECT "http://127.0.0.1:49152/callback"
#define VERIFIER "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
#define CHALLENGE "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

#define PUT(table, key, value) g_hash_table_insert ((table), (gpointer) (key), (gpointer) (value))

typedef struct {
  FpBankData   *data;
  GMainContext *context;
  GMainLoop    *loop;
  char         *url;
  GMutex        mutex;
  GCond         cond;
} Server;

static gpointer
server_thread (gpointer user_data)
{
  Server *s = user_data;
  g_autoptr(GError) error = NULL;
  FpSandboxConfig config;
  FpSandboxServer *server;

  g_main_context_push_thread_default (s->context);
  fp_sandbox_config_init (&config);
  server = fp_sandbox_server_new (s->data, &config);
  if (!fp_sandbox_server_listen (server, &error))
    g_error ("%s", error->message);
  g_mutex_lock (&s->mutex);
  s->url = g_strdup (fp_sandbox_server_get_base_url (server));
  g_cond_signal (&s->cond);
  g_mutex_unlock (&s->mutex);
  g_main_loop_run (s->loop);
  g_object_unref (server);
  g_main_context_pop_thread_default (s->context);
  return NULL;
}

static GBytes *
post_form (SoupSession *session,
           const char  *url,
           GHashTable  *fields,
           guint       *status,
           char       **location)
{
  g_autofree char *encoded = soup_form_encode_hash (fields);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new (encoded, strlen (encoded));
  GBytes *reply;

  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  reply = soup_session_send_and_read (session, msg, NULL, NULL);
  *status = soup_message_get_status (msg);
  if (location != NULL)
    *location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"));
  return reply;
}

static char *
sign_in (SoupSession *session,
         const char  *base,
         const char  *username)
{
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *otp = fp_sandbox_one_time_code (username);
  g_autofree char *authorize = g_strconcat (base, "oauth/authorize", NULL);
  g_autofree char *token_url = g_strconcat (base, "oauth/token", NULL);
  g_autofree char *location = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GBytes) tokens = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GHashTable) exchange = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *text = NULL;
  char *start, *end;
  guint status = 0;

  PUT (fields, "response_type", "code");
  PUT (fields, "client_id", CLIENT_ID);
  PUT (fields, "redirect_uri", REDIRECT);
  PUT (fields, "code_challenge", CHALLENGE);
  PUT (fields, "code_challenge_method", "S256");
  PUT (fields, "username", (gpointer) username);
  PUT (fields, "password", FP_SANDBOX_PASSWORD);
  PUT (fields, "otp", otp);
  page = post_form (session, authorize, fields, &status, &location);
  if (status != 302 || location == NULL)
    g_error ("sign-in of %s failed: %u", username, status);
  uri = g_uri_parse (location, G_URI_FLAGS_NONE, NULL);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);

  PUT (exchange, "grant_type", "authorization_code");
  PUT (exchange, "client_id", CLIENT_ID);
  PUT (exchange, "redirect_uri", REDIRECT);
  PUT (exchange, "code_verifier", VERIFIER);
  PUT (exchange, "code", g_hash_table_lookup (params, "code"));
  tokens = post_form (session, token_url, exchange, &status, NULL);
  if (status != 200)
    g_error ("token exchange failed: %u", status);
  text = g_strndup (g_bytes_get_data (tokens, NULL), g_bytes_get_size (tokens));
  start = strstr (text, "\"access_token\":\"");
  g_assert (start != NULL);
  start += strlen ("\"access_token\":\"");
  end = strchr (start, '"');
  return g_strndup (start, (gsize) (end - start));
}

/* Reads one page; returns the number of changes and sets the next cursor.
 * The JSON is scanned, not parsed: this measures the server and the wire. */
static guint
read_page (SoupSession *session,
           const char  *url,
           const char  *token,
           char       **cursor,
           gboolean    *more,
           gsize       *bytes)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GBytes) reply = NULL;
  const char *data, *p, *end;
  gsize len;
  guint n = 0;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  reply = soup_session_send_and_read (session, msg, NULL, NULL);
  if (reply == NULL || soup_message_get_status (msg) != 200)
    g_error ("GET %s failed: %u", url, soup_message_get_status (msg));
  data = g_bytes_get_data (reply, &len);
  *bytes += len;
  for (p = data; (p = g_strstr_len (p, (gssize) (len - (gsize) (p - data)), "\"seq\":")) != NULL; p += 6)
    n++;
  p = g_strstr_len (data, (gssize) len, "\"nextCursor\":\"");
  g_assert (p != NULL);
  p += 14;
  end = memchr (p, '"', len - (gsize) (p - data));
  g_free (*cursor);
  *cursor = g_strndup (p, (gsize) (end - p));
  *more = g_strstr_len (data, (gssize) len, "\"hasMore\":true") != NULL;
  return n;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  const char *size = g_getenv ("FP_BENCH_SIZE");
  gboolean full = g_strcmp0 (size, "full") == 0;
  guint customers = full ? 430 : 4;
  guint years = full ? 5 : 1;
  g_autoptr(GError) error = NULL;
  g_autoptr(GProxyResolver) direct = g_simple_proxy_resolver_new (NULL, NULL);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GPtrArray) usernames = NULL;
  Server s = { 0 };
  GThread *thread;
  gint64 t0, t1, t2;
  guint64 served = 0;
  gsize bytes = 0;
  guint pages = 0, n_customers, n_txns;

  t0 = g_get_monotonic_time ();
  s.data = fp_bank_data_new_generated (customers, years, 1, &error);
  if (s.data == NULL)
    g_error ("%s", error->message);
  t1 = g_get_monotonic_time ();
  n_customers = fp_bank_data_get_n_customers (s.data);
  n_txns = fp_bank_data_get_n_transactions (s.data);
  g_print ("size: %s, %u customers, %u years, %u transactions\n",
           full ? "full" : "small", n_customers, years, n_txns);
  g_print ("generation: %.2f s, %.0f transactions/s\n",
           (t1 - t0) / 1e6, n_txns / ((t1 - t0) / 1e6));

  /* The data belongs to the server thread from now on. */
  usernames = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < n_customers; c++)
    g_ptr_array_add (usernames, g_strdup (fp_bank_data_get_customer (s.data, c)->username));

  s.context = g_main_context_new ();
  s.loop = g_main_loop_new (s.context, FALSE);
  g_mutex_init (&s.mutex);
  g_cond_init (&s.cond);
  g_mutex_lock (&s.mutex);
  thread = g_thread_new ("sandbox", server_thread, &s);
  while (s.url == NULL)
    g_cond_wait (&s.cond, &s.mutex);
  g_mutex_unlock (&s.mutex);

  session = soup_session_new_with_options ("proxy-resolver", direct, NULL);
  t1 = g_get_monotonic_time ();
  for (guint c = 0; c < n_customers; c++)
    {
      g_autofree char *token = sign_in (session, s.url, g_ptr_array_index (usernames, c));
      g_autofree char *cursor = NULL;
      gboolean more = TRUE;

      while (more)
        {
          g_autofree char *url = cursor == NULL
            ? g_strdup_printf ("%sv1/transactions?limit=1000", s.url)
            : g_strdup_printf ("%sv1/transactions?limit=1000&cursor=%s", s.url, cursor);

          served += read_page (session, url, token, &cursor, &more, &bytes);
          pages++;
        }
    }
  t2 = g_get_monotonic_time ();

  g_print ("serving: %" G_GUINT64_FORMAT " changes in %u pages of <= 1000, %.2f s, "
           "%.0f transactions/s, %.1f MB/s, %.0f bytes per transaction\n",
           served, pages, (t2 - t1) / 1e6, served / ((t2 - t1) / 1e6),
           bytes / ((t2 - t1) / 1e6) / 1e6, (double) bytes / MAX (served, 1));

  g_main_context_invoke (s.context, quit_cb, s.loop);
  g_thread_join (thread);
  g_main_loop_unref (s.loop);
  g_main_context_unref (s.context);
  g_mutex_clear (&s.mutex);
  g_cond_clear (&s.cond);
  g_free (s.url);
  return 0;
}
