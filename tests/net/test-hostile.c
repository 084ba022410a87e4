/* test-hostile.c: a hostile bank. Oversized, deeply nested, truncated,
 * mistyped and non-JSON replies each give a clear error and leave the
 * cache (rows and cursor) exactly as it was; a sign-in redirect with the
 * wrong state is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "fp-http-client.h"
#include "fp-net-error.h"
#include "fp-oauth-client.h"
#include "fp-sync-engine.h"

typedef enum {
  MODE_GOOD,
  MODE_OVERSIZED,
  MODE_OVERSIZED_CHUNKED,
  MODE_DEEP,
  MODE_TRUNCATED,
  MODE_WRONG_TYPES,
  MODE_NOT_JSON,
  MODE_NOT_OBJECT,
  MODE_STATE_MISMATCH,
  MODE_ACCESS_DENIED,
  MODE_DEVICE,
} Mode;

static gint mode;

/* The device grant, served like a strict server would: a poll sooner than
 * the interval in force is a protocol violation, counted. */
static gint64 device_next_poll_allowed;
static gint64 device_interval_s = 1;
static gint device_polls;
static gint device_violations;

#define GOOD_PAGE \
  "{\"changes\":[" \
  "{\"seq\":1,\"change\":\"created\",\"transactionId\":\"txn_1\",\"transaction\":{\"transactionId\":\"txn_1\"," \
  "\"accountId\":\"acc_1\",\"bookingDateTime\":\"2024-01-02T03:04:00Z\",\"status\":\"Booked\",\"amount\":{\"amount\":\"-10.50\",\"currency\":\"USD\"}," \
  "\"category\":\"card\",\"isFraud\":false}}," \
  "{\"seq\":2,\"change\":\"created\",\"transactionId\":\"txn_2\",\"transaction\":{\"transactionId\":\"txn_2\"," \
  "\"accountId\":\"acc_1\",\"bookingDateTime\":\"2024-01-03T03:04:00Z\",\"status\":\"Booked\",\"amount\":{\"amount\":\"100.00\",\"currency\":\"USD\"}," \
  "\"category\":\"salary\",\"isFraud\":false}}]," \
  "\"nextCursor\":\"c2\",\"hasMore\":false,\"latestSeq\":2}"

#define WRONG_TYPES_PAGE \
  "{\"changes\":[{\"seq\":3,\"change\":\"created\",\"transactionId\":\"txn_3\",\"transaction\":{\"transactionId\":\"txn_3\"," \
  "\"accountId\":\"acc_1\",\"bookingDateTime\":\"2024-01-04T03:04:00Z\",\"amount\":-10.5,\"isFraud\":false}}]," \
  "\"nextCursor\":\"c3\",\"hasMore\":false,\"latestSeq\":3}"

typedef struct {
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  char         *url;
  GMutex        lock;
  GCond         cond;
} Hostile;

static void
set_body (SoupServerMessage *msg,
          const char        *type,
          char              *data,
          gsize              len)
{
  soup_server_message_set_response (msg, type, SOUP_MEMORY_TAKE, data, len);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static char *
nested (guint depth)
{
  GString *s = g_string_new ("{\"changes\":");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append (s, ",\"nextCursor\":\"x\",\"hasMore\":false,\"latestSeq\":9}");
  return g_string_free (s, FALSE);
}

static char *
oversized (gsize *len)
{
  GString *s = g_string_new ("{\"changes\":[],\"padding\":\"");

  while (s->len < 9 * 1024 * 1024)
    g_string_append (s, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  g_string_append (s, "\",\"nextCursor\":\"x\",\"hasMore\":false,\"latestSeq\":9}");
  *len = s->len;
  return g_string_free (s, FALSE);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Mode m = (Mode) g_atomic_int_get (&mode);
  gsize len;
  char *data;

  if (strcmp (path, "/oauth/authorize") == 0)
    {
      const char *redirect = query != NULL ? g_hash_table_lookup (query, "redirect_uri") : NULL;
      const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
      g_autofree char *location = NULL;

      if (m == MODE_STATE_MISMATCH)
        location = g_strdup_printf ("%s?code=abc&state=forged", redirect);
      else if (m == MODE_ACCESS_DENIED)
        location = g_strdup_printf ("%s?error=access_denied&state=%s", redirect, state);
      else
        location = g_strdup_printf ("%s?code=abc&state=%s", redirect, state);
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
      return;
    }
  if (strcmp (path, "/oauth/device_authorization") == 0)
    {
      data = g_strdup ("{\"device_code\":\"dc\",\"user_code\":\"ABCD-EFGH\","
                       "\"verification_uri\":\"http://127.0.0.1/device\",\"expires_in\":600,\"interval\":1}");
      device_interval_s = 1;
      device_next_poll_allowed = g_get_monotonic_time () + G_USEC_PER_SEC;
      set_body (msg, "application/json", data, strlen (data));
      return;
    }
  if (strcmp (path, "/oauth/token") == 0 && m == MODE_DEVICE)
    {
      gint64 now = g_get_monotonic_time ();
      /* First poll: slow down (the interval becomes 6 s); second: the code
       * expired. */
      const char *answer = ++device_polls == 1 ? "slow_down" : "expired_token";

      if (now < device_next_poll_allowed)
        device_violations++;
      if (g_str_equal (answer, "slow_down"))
        device_interval_s += 5;
      device_next_poll_allowed = now + device_interval_s * G_USEC_PER_SEC;
      data = g_strdup_printf ("{\"error\":\"%s\"}", answer);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, data, strlen (data));
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
      return;
    }
  if (strcmp (path, "/oauth/token") == 0)
    {
      data = g_strdup ("{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"rt\"}");
      set_body (msg, "application/json", data, strlen (data));
      return;
    }
  if (strcmp (path, "/v1/transactions") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  switch (m)
    {
    case MODE_GOOD:
      data = g_strdup (GOOD_PAGE);
      set_body (msg, "application/json", data, strlen (data));
      break;
    case MODE_OVERSIZED:
      data = oversized (&len);
      set_body (msg, "application/json", data, len);
      break;
    case MODE_OVERSIZED_CHUNKED:
      data = oversized (&len);
      set_body (msg, "application/json", data, len);
      soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                         SOUP_ENCODING_CHUNKED);
      break;
    case MODE_DEEP:
      data = nested (100000);
      set_body (msg, "application/json", data, strlen (data));
      break;
    case MODE_TRUNCATED:
      data = g_strndup (GOOD_PAGE, strlen (GOOD_PAGE) / 2);
      set_body (msg, "application/json", data, strlen (data));
      break;
    case MODE_WRONG_TYPES:
      data = g_strdup (WRONG_TYPES_PAGE);
      set_body (msg, "application/json", data, strlen (data));
      break;
    case MODE_NOT_JSON:
      data = g_strdup ("<html><body>Maintenance</body></html>");
      set_body (msg, "text/html", data, strlen (data));
      break;
    case MODE_NOT_OBJECT:
      data = g_strdup ("[1, 2, 3]");
      set_body (msg, "application/json", data, strlen (data));
      break;
    case MODE_STATE_MISMATCH:
    case MODE_ACCESS_DENIED:
    case MODE_DEVICE:
    default:
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      break;
    }
}

static gpointer
hostile_thread (gpointer data)
{
  Hostile *h = data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (h->context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_mutex_lock (&h->lock);
  h->url = g_strdup_printf ("http://127.0.0.1:%d/", g_uri_get_port (uris->data));
  g_cond_signal (&h->cond);
  g_mutex_unlock (&h->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (h->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (h->context);
  return NULL;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("fp-hostile-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
rm_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
show_code_cb (const char *user_code,
              const char *verification_uri,
              const char *verification_uri_complete,
              gpointer    user_data)
{
  g_assert_cmpstr (user_code, ==, "ABCD-EFGH");
  *(gboolean *) user_data = TRUE;
}

static void
assert_cache_as_before (FpCache *cache)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = fp_cache_get_cursor (cache, "transactions", &error);
  guint64 count = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (cursor, ==, "c2");
  g_assert_true (fp_cache_count_transactions (cache, NULL, &count, &error));
  g_assert_cmpuint (count, ==, 2);
}

static void
test_hostile (void)
{
  Hostile h = { 0 };
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCacheKey) key = fp_cache_key_new_random (&error);
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(FpSyncEngine) engine = NULL;
  static const struct {
    Mode mode;
    gint code;
  } cases[] = {
    { MODE_OVERSIZED, FP_NET_ERROR_TOO_LARGE },
    { MODE_OVERSIZED_CHUNKED, FP_NET_ERROR_TOO_LARGE },
    { MODE_DEEP, FP_NET_ERROR_TOO_DEEP },
    { MODE_TRUNCATED, FP_NET_ERROR_MALFORMED },
    { MODE_WRONG_TYPES, FP_NET_ERROR_SCHEMA },
    { MODE_NOT_JSON, FP_NET_ERROR_MALFORMED },
    { MODE_NOT_OBJECT, FP_NET_ERROR_SCHEMA },
  };

  h.context = g_main_context_new ();
  h.loop = g_main_loop_new (h.context, FALSE);
  g_mutex_init (&h.lock);
  g_cond_init (&h.cond);
  g_mutex_lock (&h.lock);
  h.thread = g_thread_new ("hostile", hostile_thread, &h);
  while (h.url == NULL)
    g_cond_wait (&h.cond, &h.lock);
  g_mutex_unlock (&h.lock);

  g_assert_no_error (error);
  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  engine = fp_sync_engine_new (cache, h.url);
  fp_sync_engine_set_demo (engine, TRUE);
  fp_sync_engine_set_parts (engine, FP_SYNC_TRANSACTIONS);
  fp_sync_engine_set_retry (engine, 2, 1, 2);

  g_atomic_int_set (&mode, MODE_GOOD);
  g_assert_true (fp_sync_engine_run (engine, NULL, &error));
  g_assert_no_error (error);
  assert_cache_as_before (cache);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) e = NULL;

      g_atomic_int_set (&mode, cases[i].mode);
      g_assert_false (fp_sync_engine_run (engine, NULL, &e));
      g_assert_error (e, FP_NET_ERROR, cases[i].code);
      /* A sentence for the customer, and the engine says so. */
      g_assert_cmpuint (strlen (e->message), >, 20);
      g_assert_cmpint (fp_sync_engine_get_state (engine), ==, FP_SYNC_STATE_ERROR);
      g_assert_cmpstr (fp_sync_engine_get_error_message (engine), ==, e->message);
      assert_cache_as_before (cache);
    }

  /* Sign-in: a redirect with someone else's state, or a refusal. */
  {
    g_autoptr(FpHttpClient) http = fp_http_client_new (h.url, &error);
    g_autoptr(FpOAuthClient) oauth = fp_oauth_client_new (http);
    g_autoptr(GError) e = NULL;

    g_atomic_int_set (&mode, MODE_STATE_MISMATCH);
    g_assert_false (fp_oauth_client_sign_in (oauth, FP_OAUTH_SIGN_IN_DEMO, NULL, &e));
    g_assert_error (e, FP_NET_ERROR, FP_NET_ERROR_STATE_MISMATCH);
    g_assert_false (fp_oauth_client_is_signed_in (oauth));
    g_clear_error (&e);
    g_atomic_int_set (&mode, MODE_ACCESS_DENIED);
    g_assert_false (fp_oauth_client_sign_in (oauth, FP_OAUTH_SIGN_IN_DEMO, NULL, &e));
    g_assert_error (e, FP_NET_ERROR, FP_NET_ERROR_ACCESS_DENIED);
  }

  /* The device grant honours slow_down and stops on expired_token. */
  {
    g_autoptr(FpHttpClient) http = fp_http_client_new (h.url, &error);
    g_autoptr(FpOAuthClient) oauth = fp_oauth_client_new (http);
    g_autoptr(GError) e = NULL;
    gboolean shown = FALSE;

    g_atomic_int_set (&mode, MODE_DEVICE);
    g_assert_false (fp_oauth_client_sign_in_device (oauth, show_code_cb, &shown, NULL, &e));
    g_assert_error (e, FP_NET_ERROR, FP_NET_ERROR_EXPIRED);
    g_assert_true (shown);
    g_assert_cmpint (g_atomic_int_get (&device_polls), ==, 2);
    g_assert_cmpint (g_atomic_int_get (&device_violations), ==, 0);
  }

  fp_cache_close (cache);
  g_main_context_invoke (h.context, quit_cb, h.loop);
  g_thread_join (h.thread);
  g_main_loop_unref (h.loop);
  g_main_context_unref (h.context);
  g_free (h.url);
  rm_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net/hostile/replies-leave-cache-untouched", test_hostile);

  return g_test_run ();
}
