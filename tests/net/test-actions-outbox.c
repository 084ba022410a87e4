/* test-actions-outbox.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "This was me" / "Not me" and "Freeze card" reach the bank through the
 * outbox exactly once, in the order they were made, however often the
 * delivering process is killed (kill -9 at random instants).
 *
 * The bank: the sandbox on a thread of this test when it serves the
 * contract's card controls and verdicts (POST v1/cards/{id}/freeze,
 * POST v1/transactions/{id}/verdict); until it does, a stand-in on
 * loopback that implements just those two writes as the contract says
 * (Idempotency-Key required, the first answer replayed for the same key,
 * a key reused with another body refused) and counts what it applied,
 * while signing in still goes to the sandbox (the stand-in's OAuth
 * metadata points there). The stand-in is test code, not a bank: it only
 * lets the client's side be checked before the sandbox has the endpoints.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <signal.h>

#include "fp-cache-annotations.h"
#include "fp-http-client.h"
#include "fp-oauth-client.h"
#include "net-test-sandbox.h"

typedef struct {
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *url;
  char         *sandbox_url;
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  /* Guarded by lock. */
  GHashTable   *replies;    /* Idempotency-Key → first answer's body */
  GHashTable   *bodies;     /* Idempotency-Key → request body */
  GPtrArray    *applied;    /* "path body" of each write applied, in order */
  guint         requests;
} StandIn;

typedef struct {
  StandIn           *standin;
  SoupServerMessage *msg;
  guint              status;
  char              *body;
} Delayed;

static gboolean
respond_cb (gpointer data)
{
  Delayed *d = data;

  soup_server_message_set_status (d->msg, d->status, NULL);
  soup_server_message_set_response (d->msg, "application/json", SOUP_MEMORY_TAKE, d->body, strlen (d->body));
  soup_server_message_unpause (d->msg);
  g_object_unref (d->msg);
  g_free (d);
  return G_SOURCE_REMOVE;
}

/* Answers after 100 ms, so that kills land while writes are in flight. */
static void
respond_later (StandIn           *standin,
               SoupServerMessage *msg,
               guint              status,
               char              *body)
{
  Delayed *d = g_new0 (Delayed, 1);
  g_autoptr(GSource) source = g_timeout_source_new (100);

  d->standin = standin;
  d->msg = g_object_ref (msg);
  d->status = status;
  d->body = body;
  soup_server_message_pause (msg);
  g_source_set_callback (source, respond_cb, d, NULL);
  g_source_attach (source, standin->context);
}

static gboolean
path_matches (const char  *path,
              const char  *prefix,
              const char  *suffix1,
              const char  *suffix2,
              char       **out_id,
              char       **out_suffix)
{
  const char *id = path + strlen (prefix);
  const char *slash;

  if (!g_str_has_prefix (path, prefix) || (slash = strchr (id, '/')) == NULL || slash == id)
    return FALSE;
  if (g_strcmp0 (slash + 1, suffix1) != 0 && g_strcmp0 (slash + 1, suffix2) != 0)
    return FALSE;
  *out_id = g_strndup (id, (gsize) (slash - id));
  *out_suffix = g_strdup (slash + 1);
  return TRUE;
}

static void
standin_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  StandIn *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  const char *key = soup_message_headers_get_one (headers, "Idempotency-Key");
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *body = g_strndup (request->data, (gsize) request->length);
  g_autofree char *id = NULL;
  g_autofree char *suffix = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  gboolean verdict;
  char *reply;

  locker = g_mutex_locker_new (&self->lock);
  self->requests++;

  if (g_str_equal (path, "/.well-known/oauth-authorization-server"))
    {
      reply = g_strdup_printf ("{\"issuer\":\"%s\",\"authorization_endpoint\":\"%soauth/authorize\","
                               "\"token_endpoint\":\"%soauth/token\",\"revocation_endpoint\":\"%soauth/revoke\"}",
                               self->sandbox_url, self->sandbox_url, self->sandbox_url, self->sandbox_url);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, reply, strlen (reply));
      return;
    }

  verdict = path_matches (path, "/v1/transactions/", "verdict", NULL, &id, &suffix);
  if ((!verdict && !path_matches (path, "/v1/cards/", "freeze", "unfreeze", &id, &suffix)) ||
      !g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  if (auth == NULL || !g_str_has_prefix (auth, "Bearer ") || key == NULL || *key == '\0')
    {
      soup_server_message_set_status (msg, auth == NULL ? 401 : 400, NULL);
      return;
    }

  /* The same key: the first answer again, nothing applied; with another
   * request: refused. */
  if (g_hash_table_contains (self->replies, key))
    {
      if (!g_str_equal (g_hash_table_lookup (self->bodies, key), body))
        {
          soup_server_message_set_status (msg, 422, NULL);
          return;
        }
      respond_later (self, msg, verdict ? 201 : 200, g_strdup (g_hash_table_lookup (self->replies, key)));
      return;
    }

  if (verdict && !g_str_equal (body, "{\"verdict\":\"mine\"}") && !g_str_equal (body, "{\"verdict\":\"not_mine\"}"))
    {
      soup_server_message_set_status (msg, 422, NULL);
      return;
    }

  if (verdict)
    reply = g_strdup_printf ("{\"verdictId\":\"vrd_%u\",\"transactionId\":\"%s\",\"verdict\":\"%s\","
                             "\"receivedAt\":\"2026-10-31T12:00:00Z\"}",
                             self->applied->len, id, strstr (body, "not_mine") != NULL ? "not_mine" : "mine");
  else
    reply = g_strdup_printf ("{\"cardId\":\"%s\",\"frozen\":%s}", id,
                             g_str_equal (suffix, "freeze") ? "true" : "false");
  g_hash_table_insert (self->replies, g_strdup (key), g_strdup (reply));
  g_hash_table_insert (self->bodies, g_strdup (key), g_strdup (body));
  g_ptr_array_add (self->applied, g_strdup_printf ("%s %s", path, body));
  respond_later (self, msg, verdict ? 201 : 200, reply);
}

static gpointer
standin_thread (gpointer data)
{
  StandIn *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (self->server, NULL, standin_cb, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("stand-in: %s", error->message);
  uris = soup_server_get_uris (self->server);
  g_mutex_lock (&self->lock);
  self->url = g_strdup_printf ("http://127.0.0.1:%d/", g_uri_get_port (uris->data));
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (self->loop);
  g_clear_object (&self->server);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static StandIn *
standin_start (const char *sandbox_url)
{
  StandIn *self = g_new0 (StandIn, 1);

  self->sandbox_url = g_strdup (sandbox_url);
  self->replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->applied = g_ptr_array_new_with_free_func (g_free);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("stand-in", standin_thread, self);
  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
standin_stop (StandIn *self)
{
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->replies);
  g_hash_table_unref (self->bodies);
  g_ptr_array_unref (self->applied);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->url);
  g_free (self->sandbox_url);
  g_free (self);
}

/* The child that delivers (tests/net/sync-child.c). */
static GSubprocess *
spawn_child (const char *url,
             const char *dir,
             const char *key_hex,
             const char *parts)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bin = g_path_get_dirname (self);
  g_autofree char *exe = g_build_filename (bin, "sync-child", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *child;

  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  child = g_subprocess_launcher_spawn (launcher, &error, exe, url, dir, key_hex, parts, "500", NULL);
  g_assert_no_error (error);
  return child;
}

static void
run_child_to_completion (const char *url,
                         const char *dir,
                         const char *key_hex,
                         const char *parts)
{
  g_autoptr(GSubprocess) child = spawn_child (url, dir, key_hex, parts);
  g_autoptr(GError) error = NULL;

  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
}

static FpHttpClient *
signed_in (TestSandbox *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpOAuthClient) oauth = NULL;
  FpHttpClient *http = fp_http_client_new (s->url, &error);

  g_assert_no_error (error);
  oauth = fp_oauth_client_new (http);
  g_assert_true (fp_oauth_client_sign_in (oauth, FP_OAUTH_SIGN_IN_DEMO, NULL, &error));
  g_assert_no_error (error);
  return http;
}

/* Whether the sandbox serves the verdicts of the contract (with a
 * transaction the test does not use otherwise). */
static gboolean
sandbox_has_verdicts (TestSandbox *s,
                      const char  *probe_id)
{
  g_autoptr(FpHttpClient) http = signed_in (s);
  g_autoptr(FpHttpReply) reply = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"verdict\":\"mine\"}", 18);
  g_autofree char *path = g_strdup_printf ("v1/transactions/%s/verdict", probe_id);
  g_autofree char *key = g_uuid_string_random ();

  reply = fp_http_client_send (http, "POST", path, "application/json", body, key, NULL, 1 << 16, NULL, NULL);
  return reply != NULL;
}

static char *
get_text (FpHttpClient *http,
          const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = fp_http_client_get_json (http, path, NULL, 1 << 20, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return json_to_string (root, FALSE);
}

static void
test_exactly_once (void)
{
  TestSandbox *s = test_sandbox_start (1, NULL);
  StandIn *standin = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fp-actions-XXXXXX", NULL);
  g_autoptr(FpCacheKey) key = fp_cache_key_new_random (NULL);
  g_autofree char *key_hex = test_key_to_hex (key);
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) txn_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) card_ids = g_ptr_array_new_with_free_func (g_free);
  const char *url;
  guint killed_running = 0;

  /* The customer's data: a first sync straight from the sandbox. */
  run_child_to_completion (s->url, dir, key_hex, "all");
  {
    g_autoptr(FpCache) cache = test_open_cache (dir, &key);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) rows = fp_cache_list_transactions (cache, NULL, 0, 7, &error);
    g_autoptr(GPtrArray) cards = fp_cache_list_catalogue (cache, FP_CACHE_CARDS, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 7);
    g_assert_cmpuint (cards->len, >=, 2);
    for (guint i = 0; i < rows->len; i++)
      g_ptr_array_add (txn_ids, g_strdup (((FpCachedTxn *) g_ptr_array_index (rows, i))->id));
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(JsonNode) card = json_from_string (g_ptr_array_index (cards, i), &error);

        g_assert_no_error (error);
        g_ptr_array_add (card_ids, g_strdup (json_object_get_string_member (json_node_get_object (card), "cardId")));
      }
    fp_cache_close (cache);
  }

  if (sandbox_has_verdicts (s, g_ptr_array_index (txn_ids, 6)))
    url = s->url;
  else
    {
      g_test_message ("The sandbox has no card controls or verdicts yet: a stand-in takes them");
      standin = standin_start (s->url);
      url = standin->url;
    }

  /* Made offline, in this order: answers to alerts (one changed), card
   * freezes and an unfreeze, and double clicks that queue nothing. */
  {
    g_autoptr(FpCache) cache = test_open_cache (dir, &key);
    g_autoptr(GError) error = NULL;
    static const struct {
      gint          txn;     /* index in txn_ids, or -1 */
      FpTxnVerdict  verdict;
      gint          card;    /* index in card_ids, or -1 */
      gboolean      frozen;
    } actions[] = {
      { 0, FP_TXN_VERDICT_NOT_MINE, -1, FALSE },
      { -1, 0, 0, TRUE },
      { 1, FP_TXN_VERDICT_MINE, -1, FALSE },
      { 1, FP_TXN_VERDICT_MINE, -1, FALSE },        /* again: nothing new */
      { 2, FP_TXN_VERDICT_NOT_MINE, -1, FALSE },
      { -1, 0, 1, TRUE },
      { -1, 0, 1, TRUE },                           /* again: nothing new */
      { 3, FP_TXN_VERDICT_MINE, -1, FALSE },
      { 2, FP_TXN_VERDICT_MINE, -1, FALSE },        /* a change of mind */
      { -1, 0, 0, FALSE },
      { 4, FP_TXN_VERDICT_NOT_MINE, -1, FALSE },
      { 5, FP_TXN_VERDICT_MINE, -1, FALSE },
    };
    gint64 last = 0;

    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      {
        gint64 id;
        char *what;

        if (actions[i].txn >= 0)
          {
            const char *txn = g_ptr_array_index (txn_ids, actions[i].txn);

            id = fp_cache_report_txn (cache, txn, actions[i].verdict, &error);
            what = g_strdup_printf ("/v1/transactions/%s/verdict {\"verdict\":\"%s\"}", txn,
                                    fp_txn_verdict_to_id (actions[i].verdict));
          }
        else
          {
            const char *card = g_ptr_array_index (card_ids, actions[i].card);

            id = fp_cache_request_card_freeze (cache, card, actions[i].frozen, &error);
            what = g_strdup_printf ("/v1/cards/%s/%s {}", card, actions[i].frozen ? "freeze" : "unfreeze");
          }
        g_assert_no_error (error);
        g_assert_cmpint (id, >, 0);
        if (id > last)
          g_ptr_array_add (expected, what);
        else
          g_free (what);
        last = MAX (last, id);
      }
    g_assert_cmpuint (expected->len, ==, 10);
    fp_cache_close (cache);
  }

  /* Deliver, killed at random instants. */
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GSubprocess) child = spawn_child (url, dir, key_hex, "outbox");

      g_usleep ((gulong) g_rand_int_range (rand, 20000, 300000));
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, NULL);
      if (g_subprocess_get_if_signaled (child))
        killed_running++;
    }
  g_test_message ("%u of 10 deliveries killed while running", killed_running);
  run_child_to_completion (url, dir, key_hex, "outbox");

  /* Nothing left, everything delivered. */
  {
    g_autoptr(FpCache) cache = test_open_cache (dir, &key);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) pending = fp_cache_outbox_list_pending (cache, &error);
    g_autoptr(FpTxnDetails) details = fp_cache_get_txn_details (cache, g_ptr_array_index (txn_ids, 2), &error);
    g_autoptr(FpCardRequest) request = fp_cache_get_card_request (cache, g_ptr_array_index (card_ids, 0), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pending->len, ==, 0);
    g_assert_cmpint (details->verdict, ==, FP_TXN_VERDICT_MINE);
    g_assert_cmpint (details->verdict_delivery, ==, FP_DELIVERY_DELIVERED);
    g_assert_false (request->frozen);
    g_assert_cmpint (request->delivery, ==, FP_DELIVERY_DELIVERED);
    fp_cache_close (cache);
  }

  if (standin != NULL)
    {
      /* What the bank applied: each write once, in the order made. */
      g_mutex_lock (&standin->lock);
      g_test_message ("stand-in: %u requests, %u writes applied", standin->requests, standin->applied->len);
      g_assert_cmpuint (standin->applied->len, ==, expected->len);
      for (guint i = 0; i < expected->len; i++)
        g_assert_cmpstr (g_ptr_array_index (standin->applied, i), ==, g_ptr_array_index (expected, i));
      g_mutex_unlock (&standin->lock);
      standin_stop (standin);
    }
  else
    {
      /* The sandbox's own records: the latest answer per transaction, the
       * cards as asked last. */
      g_autoptr(FpHttpClient) http = signed_in (s);
      g_autofree char *stats = test_sandbox_get (s, "_sandbox/stats", NULL);
      g_autofree char *cards = get_text (http, "v1/cards");

      g_test_message ("%s", stats);
      for (guint i = 0; i < 6; i++)
        {
          g_autofree char *path = g_strdup_printf ("v1/transactions/%s/verdict",
                                                   (char *) g_ptr_array_index (txn_ids, i));
          g_autofree char *verdict = get_text (http, path);

          g_assert_nonnull (strstr (verdict, i == 0 || i == 4 ? "\"not_mine\"" : "\"mine\""));
        }
      g_assert_nonnull (strstr (cards, "\"frozen\":true"));
    }

  test_sandbox_stop (s);
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
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net/outbox/actions-exactly-once-across-crash", test_exactly_once);

  return g_test_run ();
}
