/* test-hostile.c: a hostile bank. Oversized, deeply nested, truncated,
 * mistyped and non-JSON replies each give a clear error and leave the
 * cache (rows and cursor) exactly as it was; a sign-in redirect with the
 * wrong state is refused. Issue 15: a member name given twice, a NUL, 2^64
 * and 1e999 are refused before any reader sees them, also by the headless
 * `sync` (non-zero exit, a sentence); a page naming an account the bank
 * never listed is refused whole; a bank that answers a byte at a time,
 * sends its headers and then nothing, or nothing at all, ends the request
 * or the sync at its deadline with "answering too slowly".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
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
  MODE_DUPLICATE_AMOUNT,
  MODE_NUL,
  MODE_HUGE_INT,
  MODE_INFINITE,
  MODE_UNKNOWN_ACCOUNT,
  MODE_DRIBBLE,
  MODE_HEADERS_ONLY,
  MODE_SILENT,
  MODE_SLOW_PAGES,
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

/* The page after GOOD_PAGE, as a hostile bank writes it. */
#define TXN3(account, amount) \
  "{\"seq\":3,\"change\":\"created\",\"transactionId\":\"txn_3\",\"transaction\":{\"transactionId\":\"txn_3\"," \
  "\"accountId\":\"" account "\",\"bookingDateTime\":\"2024-01-04T03:04:00Z\",\"status\":\"Booked\",\"amount\":{" amount "}," \
  "\"category\":\"card\",\"isFraud\":false}}"
#define USD(a) "\"amount\":\"" a "\",\"currency\":\"USD\""
#define NEXT_PAGE(changes, latest) \
  "{\"changes\":[" changes "],\"nextCursor\":\"c3\",\"hasMore\":false,\"latestSeq\":" latest "}"

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

/* Answers "{" and then a byte every 100 ms (@bytes of them), or with
 * @bytes 0 nothing more after the headers and that "{", until the client
 * goes away. */
typedef struct {
  SoupServerMessage *msg;
  gulong             finished_id;
  gboolean           finished;
  guint              left;
} Trickle;

static void
trickle_finished_cb (SoupServerMessage *msg,
                     gpointer           data)
{
  ((Trickle *) data)->finished = TRUE;
}

static void
trickle_free (gpointer data)
{
  Trickle *t = data;

  g_signal_handler_disconnect (t->msg, t->finished_id);
  g_object_unref (t->msg);
  g_free (t);
}

static gboolean
trickle_cb (gpointer data)
{
  Trickle *t = data;
  SoupMessageBody *body = soup_server_message_get_response_body (t->msg);

  if (t->finished)
    return G_SOURCE_REMOVE;
  if (t->left == 0)
    return G_SOURCE_CONTINUE;
  if (--t->left == 0)
    soup_message_body_complete (body);
  else
    soup_message_body_append (body, SOUP_MEMORY_STATIC, " ", 1);
  soup_server_message_unpause (t->msg);
  return G_SOURCE_CONTINUE;
}

static void
trickle (SoupServerMessage *msg,
         guint              bytes)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  Trickle *t = g_new0 (Trickle, 1);
  GSource *source = g_timeout_source_new (100);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC, "{", 1);
  t->msg = g_object_ref (msg);
  t->left = bytes;
  t->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (trickle_finished_cb), t);
  g_source_set_callback (source, trickle_cb, t, trickle_free);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_source_unref (source);
}

static gboolean
unpause_cb (gpointer data)
{
  soup_server_message_unpause (data);
  return G_SOURCE_REMOVE;
}

/* A good page with one new transaction, after 300 ms; always more to come. */
static void
slow_page (SoupServerMessage *msg)
{
  static gint seq = 2;
  gint n = g_atomic_int_add (&seq, 1) + 1;
  char *data = g_strdup_printf ("{\"changes\":[{\"seq\":%d,\"change\":\"created\",\"transactionId\":\"slow_%d\","
                                "\"transaction\":{\"transactionId\":\"slow_%d\",\"accountId\":\"acc_1\","
                                "\"bookingDateTime\":\"2024-02-01T03:04:00Z\",\"status\":\"Booked\","
                                "\"amount\":{\"amount\":\"-1.00\",\"currency\":\"USD\"},\"isFraud\":false}}],"
                                "\"nextCursor\":\"s%d\",\"hasMore\":true,\"latestSeq\":1000000}", n, n, n, n);
  GSource *source = g_timeout_source_new (300);

  set_body (msg, "application/json", data, strlen (data));
  soup_server_message_pause (msg);
  g_source_set_callback (source, unpause_cb, g_object_ref (msg), g_object_unref);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_source_unref (source);
}

/* The catalogues the headless sync asks for before the feed: one account. */
static gboolean
catalogue (SoupServerMessage *msg,
           const char        *path)
{
  static const struct {
    const char *path;
    const char *body;
  } docs[] = {
    { "/v1/accounts", "{\"accounts\":[{\"accountId\":\"acc_1\",\"currency\":\"USD\"}]}" },
    { "/v1/balances", "{\"accounts\":[]}" },
    { "/v1/cards", "{\"cards\":[]}" },
    { "/v1/offers", "{\"offers\":[]}" },
    { "/v1/consents", "{\"consents\":[]}" },
    { "/v1/holdings", "{\"holdings\":[]}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    if (strcmp (path, docs[i].path) == 0)
      {
        set_body (msg, "application/json", g_strdup (docs[i].body), strlen (docs[i].body));
        return TRUE;
      }
  if (g_str_has_prefix (path, "/v1/market-data/") || g_str_has_prefix (path, "/v1/models"))
    {
      set_body (msg, "application/json", g_strdup ("{}"), 2);
      return TRUE;
    }
  return FALSE;
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
  if (catalogue (msg, path))
    return;
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
    case MODE_DUPLICATE_AMOUNT:
      data = g_strdup (NEXT_PAGE (TXN3 ("acc_1", "\"amount\":\"-1.00\"," USD ("-99999.00")), "3"));
      set_body (msg, "application/json", data, strlen (data));
      break;
    case MODE_NUL:
      data = g_strdup (NEXT_PAGE (TXN3 ("acc_1\\u0000evil", USD ("-1.00")), "3"));
      set_body (msg, "application/json", data, strlen (data));
      break;
    case MODE_HUGE_INT:
      data = g_strdup (NEXT_PAGE (TXN3 ("acc_1", USD ("-1.00")), "18446744073709551616"));
      set_body (msg, "application/json", data, strlen (data));
      break;
    case MODE_INFINITE:
      data = g_strdup (NEXT_PAGE (TXN3 ("acc_1", USD ("-1.00")), "1e999"));
      set_body (msg, "application/json", data, strlen (data));
      break;
    case MODE_UNKNOWN_ACCOUNT:
      /* One transaction of a listed account, one of an unlisted one. */
      data = g_strdup ("{\"changes\":["
                       "{\"seq\":3,\"change\":\"created\",\"transactionId\":\"txn_3\",\"transaction\":{\"transactionId\":\"txn_3\","
                       "\"accountId\":\"acc_1\",\"bookingDateTime\":\"2024-01-04T03:04:00Z\",\"amount\":{" USD ("-1.00") "},\"isFraud\":false}},"
                       "{\"seq\":4,\"change\":\"created\",\"transactionId\":\"txn_4\",\"transaction\":{\"transactionId\":\"txn_4\","
                       "\"accountId\":\"acc_9\",\"bookingDateTime\":\"2024-01-04T03:05:00Z\",\"amount\":{" USD ("500.00") "},\"isFraud\":false}}],"
                       "\"nextCursor\":\"c4\",\"hasMore\":false,\"latestSeq\":4}");
      set_body (msg, "application/json", data, strlen (data));
      break;
    case MODE_DRIBBLE:
      trickle (msg, 1000);
      break;
    case MODE_HEADERS_ONLY:
      trickle (msg, 0);
      break;
    case MODE_SILENT:
      /* Not even the headers, ever. */
      soup_server_message_pause (msg);
      break;
    case MODE_SLOW_PAGES:
      slow_page (msg);
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

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        rm_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* `finpersona --headless ARGS…` (tests/net/cli-driver), its key in
 * libsecret's file backend under @dir. Returns the exit status. */
static int
run_cli (const char  *dir,
         char       **out,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bin = g_path_get_dirname (self);
  g_autofree char *keyring = g_build_filename (dir, "keyring", NULL);
  va_list args;

  g_ptr_array_add (argv, g_build_filename (bin, "cli-driver", NULL));
  g_ptr_array_add (argv, g_strdup ("--headless"));
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (a));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "SECRET_BACKEND", "file", TRUE);
  g_subprocess_launcher_setenv (launcher, "SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_subprocess_launcher_setenv (launcher, "SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  child = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", *err);
  return g_subprocess_get_exit_status (child);
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
    /* Issue 15: JSON that readers could read differently. */
    { MODE_DUPLICATE_AMOUNT, FP_NET_ERROR_SCHEMA },
    { MODE_NUL, FP_NET_ERROR_SCHEMA },
    { MODE_HUGE_INT, FP_NET_ERROR_SCHEMA },
    { MODE_INFINITE, FP_NET_ERROR_SCHEMA },
    /* A page that books onto an account the bank never listed. */
    { MODE_UNKNOWN_ACCOUNT, FP_NET_ERROR_SCHEMA },
  };
  static const Mode slow[] = { MODE_DRIBBLE, MODE_HEADERS_ONLY, MODE_SILENT };
  const char *accounts[] = { "acc_1" };
  const char *account_json[] = { "{\"accountId\":\"acc_1\",\"currency\":\"USD\"}" };

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
  /* As a sync of the catalogues left it: the bank lists acc_1 only. */
  g_assert_true (fp_cache_replace_catalogue (cache, FP_CACHE_ACCOUNTS, accounts, account_json, 1,
                                             NULL, &error));
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

  /* A byte at a time, the headers and then nothing, or nothing at all:
   * the request ends at its deadline (1 s here, 30 s by default), as
   * "too slow", not as "could not be reached". */
  fp_sync_engine_set_deadlines (engine, 1000, 60000, 0);
  for (guint i = 0; i < G_N_ELEMENTS (slow); i++)
    {
      g_autoptr(GError) e = NULL;

      g_atomic_int_set (&mode, slow[i]);
      g_assert_false (fp_sync_engine_run (engine, NULL, &e));
      g_assert_error (e, FP_NET_ERROR, FP_NET_ERROR_TOO_SLOW);
      g_assert_nonnull (strstr (e->message, "too slowly"));
      g_assert_cmpint (fp_sync_engine_get_state (engine), ==, FP_SYNC_STATE_ERROR);
      assert_cache_as_before (cache);
    }

  /* The headless sync: a non-zero exit, the sentence, nothing changed. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *cli_dir = g_build_filename (dir, "cli", NULL);
    g_autoptr(JsonNode) summary = NULL;
    JsonObject *o;

    g_atomic_int_set (&mode, MODE_GOOD);
    g_assert_cmpint (run_cli (dir, &out, &err, "sync", "--bank", h.url, "--demo-sign-in",
                              "--cache-dir", cli_dir, NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_atomic_int_set (&mode, MODE_DUPLICATE_AMOUNT);
    g_assert_cmpint (run_cli (dir, &out, &err, "sync", "--bank", h.url, "--demo-sign-in",
                              "--cache-dir", cli_dir, NULL), ==, 1);
    g_assert_nonnull (strstr (err, "a field given twice"));
    summary = json_from_string (out, &error);
    g_assert_no_error (error);
    o = json_node_get_object (summary);
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "error");
    g_assert_cmpint (json_object_get_int_member (o, "transactions"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                       json_object_get_array_member (o, "accounts"), 0), "sum"), ==, "89.50");
  }

  /* Every request in time, but the sync as a whole too slow: it ends at
   * its deadline; what arrived is kept, with its cursor. */
  {
    g_autoptr(GError) e = NULL;
    g_autofree char *cursor = NULL;
    guint64 count = 0;

    fp_sync_engine_set_deadlines (engine, 30000, 1500, 0);
    g_atomic_int_set (&mode, MODE_SLOW_PAGES);
    g_assert_false (fp_sync_engine_run (engine, NULL, &e));
    g_assert_error (e, FP_NET_ERROR, FP_NET_ERROR_SYNC_TOO_SLOW);
    g_assert_nonnull (strstr (e->message, "too slowly"));
    g_assert_true (fp_cache_count_transactions (cache, NULL, &count, NULL));
    cursor = fp_cache_get_cursor (cache, "transactions", NULL);
    g_assert_cmpuint (count, >, 2);
    g_assert_true (g_str_has_prefix (cursor, "s"));
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
