/* test-sandbox-state.c
 *
 * The sandbox's state survives a restart with --state-dir: consents and
 * their history, feedback, card freezes, verdicts, tokens (a rotated
 * refresh token stays used, its reuse still revokes the session),
 * Idempotency-Key records (a replay after the restart gets the first
 * answer), the ids handed out, the clock and the days booked (a cursor of
 * before the restart reads the same feed). A state of another bank is
 * refused. The real finpersona-sandbox, stopped with SIGTERM.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "sandbox-test-helper.h"

static const char *sandbox_exe;

typedef struct {
  GSubprocess *proc;
  TestSandbox *ts;
} Running;

static void
start (Running    *r,
       const char *dir,
       const char *seed)
{
  const char *argv[] = { sandbox_exe, "--port", "0", "--customers", "2", "--years", "1", "--seed", seed,
                         "--today", "2026-10-31", "--test-hooks", "--state-dir", dir, NULL };
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  r->proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (r->proc));
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "FINPERSONA_SANDBOX_URL="));
  r->ts = ts_attach (line + strlen ("FINPERSONA_SANDBOX_URL="));
}

static void
stop (Running *r)
{
  g_autoptr(GError) error = NULL;

  ts_stop (r->ts);
  g_subprocess_send_signal (r->proc, SIGTERM);
  g_subprocess_wait (r->proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (r->proc));
  g_assert_cmpint (g_subprocess_get_exit_status (r->proc), ==, 0);
  g_clear_object (&r->proc);
}

static JsonNode *
get_json (Running    *r,
          const char *token,
          const char *path)
{
  g_autoptr(TestResponse) response = ts_request (r->ts, "GET", path, token, NULL, NULL, NULL);

  if (response->status != 200)
    g_error ("GET %s gave %u: %s", path, response->status, response->body);
  return ts_json (response);
}

static TestResponse *
post (Running    *r,
      const char *token,
      const char *path,
      const char *key,
      const char *body)
{
  return ts_request (r->ts, "POST", path, token, "application/json", body, "Idempotency-Key", key, NULL);
}

static JsonObject *
object (JsonNode *node)
{
  return json_node_get_object (node);
}

/* The ids of the feed from @cursor (NULL: the start) on, one a line;
 * @next gets the last cursor. */
static char *
feed_ids (Running    *r,
          const char *token,
          const char *cursor,
          char      **next,
          gint64     *latest)
{
  GString *out = g_string_new (NULL);
  g_autofree char *at = g_strdup (cursor);
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = at != NULL ? g_strdup_printf ("/v1/transactions?limit=1000&cursor=%s", at)
                                         : g_strdup ("/v1/transactions?limit=1000");
      g_autoptr(JsonNode) page = get_json (r, token, path);
      JsonArray *changes = json_object_get_array_member (object (page), "changes");

      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *c = json_array_get_object_element (changes, i);

          g_string_append_printf (out, "%" G_GINT64_FORMAT " %s %s\n", json_object_get_int_member (c, "seq"),
                                  json_object_get_string_member (c, "change"),
                                  json_object_get_string_member (c, "transactionId"));
        }
      g_free (at);
      at = g_strdup (json_object_get_string_member (object (page), "nextCursor"));
      more = json_object_get_boolean_member (object (page), "hasMore");
      *latest = json_object_get_int_member (object (page), "latestSeq");
    }
  *next = g_steal_pointer (&at);
  return g_string_free (out, FALSE);
}

static TestResponse *
refresh (Running    *r,
         const char *refresh_token)
{
  return ts_form (r->ts, "/oauth/token", "grant_type", "refresh_token", "client_id", TS_CLIENT_ID,
                  "refresh_token", refresh_token, NULL);
}

static char *
member_string (TestResponse *response,
               const char   *name)
{
  g_autoptr(JsonNode) node = ts_json (response);

  return g_strdup (json_object_get_string_member (object (node), name));
}

static void
test_restart (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fp-sandbox-state-XXXXXX", &error);
  g_autofree char *state = g_build_filename (dir, "state", NULL);
  g_autofree char *db = g_build_filename (state, "sandbox-state.db", NULL);
  g_auto(TestTokens) first = { 0 };
  g_auto(TestTokens) again = { 0 };
  g_autoptr(TestResponse) consent = NULL;
  g_autoptr(TestResponse) feedback = NULL;
  g_autoptr(TestResponse) frozen = NULL;
  g_autoptr(TestResponse) verdict = NULL;
  g_autoptr(TestResponse) rotated = NULL;
  g_autofree char *rotated_access = NULL;
  g_autofree char *rotated_refresh = NULL;
  g_autofree char *consent_id = NULL;
  g_autofree char *card = NULL;
  g_autofree char *txn = NULL;
  g_autofree char *verdict_path = NULL;
  g_autofree char *cursor_before = NULL;
  g_autofree char *cursor_after = NULL;
  g_autofree char *ids_before = NULL;
  gint64 latest_before, latest_after;
  Running r = { 0 };
  GStatBuf st;

  g_assert_no_error (error);

  /* First run: things to remember. */
  start (&r, state, "3");
  g_assert_true (ts_sign_in (r.ts, "user1", &first));
  consent = post (&r, first.access_token, "/v1/consents", "c-1", "{\"purpose\":\"genai\"}");
  g_assert_cmpuint (consent->status, ==, 201);
  consent_id = member_string (consent, "consentId");
  feedback = post (&r, first.access_token, "/v1/feedback", "f-1",
                   "{\"offerId\":\"loan-personal\",\"reaction\":\"not_for_me\",\"reasons\":[\"rate_too_high\"]}");
  g_assert_cmpuint (feedback->status, ==, 201);
  {
    g_autoptr(JsonNode) cards = get_json (&r, first.access_token, "/v1/cards");
    g_autofree char *path = NULL;

    card = g_strdup (json_object_get_string_member (json_array_get_object_element (
                       json_object_get_array_member (object (cards), "cards"), 0), "cardId"));
    path = g_strdup_printf ("/v1/cards/%s/freeze", card);
    frozen = post (&r, first.access_token, path, "z-1", "{}");
    g_assert_cmpuint (frozen->status, ==, 200);
  }
  ids_before = feed_ids (&r, first.access_token, NULL, &cursor_before, &latest_before);
  txn = g_strdup (strchr (strchr (ids_before, ' ') + 1, ' ') + 1);
  *strchr (txn, '\n') = '\0';
  verdict_path = g_strdup_printf ("/v1/transactions/%s/verdict", txn);
  verdict = post (&r, first.access_token, verdict_path, "v-1", "{\"verdict\":\"not_mine\"}");
  g_assert_cmpuint (verdict->status, ==, 201);

  /* Two days later: days booked; a fresh session whose refresh token is
   * then rotated once. */
  {
    g_autoptr(TestResponse) clock = ts_request (r.ts, "POST", "/_sandbox/clock", NULL, "application/json",
                                                "{\"advanceSeconds\": 172800}", NULL);

    g_assert_cmpuint (clock->status, ==, 204);
  }
  g_assert_true (ts_sign_in (r.ts, "user1", &again));
  g_free (feed_ids (&r, again.access_token, cursor_before, &cursor_after, &latest_after));
  g_assert_cmpint (latest_after, >, latest_before);
  rotated = refresh (&r, again.refresh_token);
  g_assert_cmpuint (rotated->status, ==, 200);
  rotated_access = member_string (rotated, "access_token");
  rotated_refresh = member_string (rotated, "refresh_token");
  stop (&r);

  /* The state is private. */
  g_assert_cmpint (g_stat (state, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Second run. */
  start (&r, state, "3");
  {
    g_autoptr(JsonNode) stats = get_json (&r, NULL, "/_sandbox/stats");

    g_assert_cmpstr (json_object_get_string_member (object (stats), "today"), ==, "2026-11-02");
    g_assert_cmpstr (json_object_get_string_member (object (stats), "lastBookedDay"), ==, "2026-11-02");
  }
  /* The rotated session works; the feed is the same, before and after the
   * cursor. */
  {
    g_autoptr(JsonNode) customer = get_json (&r, rotated_access, "/v1/customer");
    g_autofree char *next = NULL;
    g_autofree char *ids = NULL;
    gint64 latest;

    g_assert_cmpstr (json_object_get_string_member (object (customer), "username"), ==, "user1");
    ids = feed_ids (&r, rotated_access, NULL, &next, &latest);
    g_assert_cmpint (latest, ==, latest_after);
    g_assert_true (g_str_has_prefix (ids, ids_before));
    g_free (next);
    g_free (ids);
    ids = feed_ids (&r, rotated_access, cursor_after, &next, &latest);
    g_assert_cmpstr (ids, ==, "");
    g_assert_cmpstr (next, ==, cursor_after);
  }
  /* What the customer did is still there. */
  {
    g_autoptr(JsonNode) consents = get_json (&r, rotated_access, "/v1/consents");
    g_autoptr(JsonNode) history = get_json (&r, rotated_access, "/v1/consents/history");
    g_autoptr(JsonNode) feedbacks = get_json (&r, rotated_access, "/v1/feedback");
    g_autoptr(JsonNode) cards = get_json (&r, rotated_access, "/v1/cards");
    g_autoptr(JsonNode) read = get_json (&r, rotated_access, verdict_path);
    JsonObject *c = json_array_get_object_element (json_object_get_array_member (object (consents), "consents"), 0);

    g_assert_cmpstr (json_object_get_string_member (c, "consentId"), ==, consent_id);
    g_assert_cmpstr (json_object_get_string_member (c, "status"), ==, "Authorised");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object (history), "events")), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object (feedbacks), "feedback")), ==, 1);
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (
                     json_object_get_array_member (object (cards), "cards"), 0), "frozen"));
    g_assert_cmpstr (json_object_get_string_member (object (read), "verdict"), ==, "not_mine");
  }
  /* A replay gets the first answer; a new write gets a new id. */
  {
    g_autoptr(TestResponse) replay = post (&r, rotated_access, "/v1/consents", "c-1", "{\"purpose\":\"genai\"}");
    g_autoptr(TestResponse) other = post (&r, rotated_access, "/v1/consents", "c-2", "{\"purpose\":\"marketing\"}");
    g_autofree char *other_id = NULL;

    g_assert_cmpuint (replay->status, ==, 201);
    g_assert_cmpstr (ts_header (replay, "Idempotent-Replayed"), ==, "true");
    g_assert_cmpstr (replay->body, ==, consent->body);
    g_assert_cmpuint (other->status, ==, 201);
    other_id = member_string (other, "consentId");
    g_assert_cmpstr (other_id, !=, consent_id);
    g_assert_cmpint (g_ascii_strtoll (other_id + 4, NULL, 10), >, g_ascii_strtoll (consent_id + 4, NULL, 10));
  }
  /* The refresh token used before the restart is still used: its reuse
   * revokes the session, which the restart does not undo. */
  {
    g_autoptr(TestResponse) reuse = refresh (&r, again.refresh_token);
    g_autoptr(TestResponse) after = ts_request (r.ts, "GET", "/v1/customer", rotated_access, NULL, NULL, NULL);
    g_autoptr(TestResponse) old = refresh (&r, rotated_refresh);

    g_assert_cmpuint (reuse->status, ==, 400);
    g_assert_cmpuint (after->status, ==, 401);
    g_assert_cmpuint (old->status, ==, 400);
  }
  stop (&r);

  /* Third run: a restart after the revocation keeps it. */
  start (&r, state, "3");
  {
    g_autoptr(TestResponse) after = ts_request (r.ts, "GET", "/v1/customer", rotated_access, NULL, NULL, NULL);

    g_assert_cmpuint (after->status, ==, 401);
  }
  stop (&r);

  /* Another bank's state is refused. */
  {
    const char *argv[] = { sandbox_exe, "--port", "0", "--customers", "2", "--years", "1", "--seed", "4",
                           "--state-dir", state, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status = 0;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
    g_assert_cmpstr (out, ==, "");
    g_assert_nonnull (strstr (err, "belongs to another bank"));
  }

  g_assert_cmpint (g_unlink (db), ==, 0);
  g_assert_cmpint (g_rmdir (state), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  sandbox_exe = argc > 1 ? argv[1] : "finpersona-sandbox";
  g_test_add_func ("/sandbox/state/restart", test_restart);

  return g_test_run ();
}
