/* test-kiosk-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A kiosk's sign-in with the device grant against the sandbox bank, the
 * verification page driven over HTTP as a phone's browser would: the
 * pending, slow_down, denied and expired paths, cancel, and the end of a
 * session (cache removed, tokens revoked, nothing in the keyring), and
 * what a crashed kiosk leaves behind removed at the next start.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fp-kiosk-session.h"
#include "fp-net-error.h"
#include "fp-sandbox-oauth.h"
#include "fp-test-browser.h"
#include "fp-oauth-client.h"
#include "net-test-sandbox.h"

static char *keyring_file;

typedef gboolean (*Predicate) (gpointer data);

static void
wait_for (Predicate   done,
          gpointer    data,
          int         seconds,
          const char *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      if (g_get_monotonic_time () > deadline)
        g_error ("%s did not happen within %d s", what, seconds);
    }
}

static FpKioskState wanted_state;

static gboolean
in_wanted_state (gpointer data)
{
  return fp_kiosk_session_get_state (data) == wanted_state;
}

static void
wait_state (FpKioskSession *kiosk,
            FpKioskState    state,
            int             seconds)
{
  g_autofree char *what = g_strdup_printf ("kiosk state %d", state);

  wanted_state = state;
  wait_for (in_wanted_state, kiosk, seconds, what);
}

static gboolean
polled_twice (gpointer data)
{
  return fp_kiosk_session_get_n_polls (data) >= 2;
}

static gboolean
is_settled (gpointer data)
{
  FpSession *session = fp_kiosk_session_get_session (data);
  FpSyncEngine *engine = session != NULL ? fp_session_get_sync_engine (session) : NULL;

  return engine != NULL && fp_sync_engine_get_state (engine) == FP_SYNC_STATE_IDLE
         && fp_sync_engine_get_last_synced (engine) > 0;
}

static void
post_hook (TestSandbox *s,
           const char  *path,
           const char  *json)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (s->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  g_autoptr(GBytes) answer = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  answer = soup_session_send_and_read (session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 204);
}

static gint64
stat_int (TestSandbox *s,
          const char  *member)
{
  g_autofree char *text = test_sandbox_get (s, "_sandbox/stats", NULL);
  g_autoptr(JsonNode) root = json_from_string (text, NULL);

  g_assert_nonnull (root);
  return json_object_get_int_member (json_node_get_object (root), member);
}

/* The phone: opens the QR code's address and signs in as the demo customer. */
static FpTestBrowserResult *
phone_approves (FpKioskSession *kiosk)
{
  g_autofree char *otp = fp_sandbox_one_time_code ("demo");
  const char *page = fp_kiosk_session_get_verification_uri_complete (kiosk);

  g_assert_nonnull (page);
  return fp_test_browser_submit (page, "approve", "username", "demo", "password", "sandbox",
                                 "otp", otp, NULL);
}

static guint
status_with_token (TestSandbox *s,
                   const char  *token)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (s->url, "v1/accounts", NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  return soup_message_get_status (msg);
}

static void
ended_cb (FpKioskSession *kiosk,
          int             reason,
          int            *out)
{
  *out = reason;
}

static gboolean
has_ended (gpointer data)
{
  return *(int *) data >= 0;
}

/* Pending, approved, synced, signed out: the cache goes, the tokens stop
 * working at the bank, nothing was ever in the keyring. */
static void
test_pending_approve_end (void)
{
  TestSandbox *s = test_sandbox_start (1, NULL);
  g_autoptr(FpKioskSession) kiosk = fp_kiosk_session_new (s->url);
  g_autoptr(FpTestBrowserResult) approved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  gint64 expires = 0;
  int reason = -1;
  FpSession *session;
  FpCache *cache;
  guint64 count = 0;

  g_assert_cmpint (fp_kiosk_session_get_state (kiosk), ==, FP_KIOSK_STATE_IDLE);
  fp_kiosk_session_begin (kiosk);
  wait_state (kiosk, FP_KIOSK_STATE_WAITING, 20);
  g_assert_nonnull (fp_kiosk_session_get_user_code (kiosk));
  g_assert_true (g_str_has_suffix (fp_kiosk_session_get_verification_uri (kiosk), "/oauth/device"));
  g_assert_nonnull (strstr (fp_kiosk_session_get_verification_uri_complete (kiosk),
                            fp_kiosk_session_get_user_code (kiosk)));
  g_assert_cmpint (fp_kiosk_session_get_interval (kiosk), ==, 1);
  g_assert_cmpint (fp_kiosk_session_get_expires_at (kiosk), >, g_get_monotonic_time ());

  /* authorization_pending keeps it waiting. */
  wait_for (polled_twice, kiosk, 20, "two polls");
  g_assert_cmpint (fp_kiosk_session_get_state (kiosk), ==, FP_KIOSK_STATE_WAITING);
  g_assert_null (fp_kiosk_session_get_session (kiosk));

  approved = phone_approves (kiosk);
  g_assert_null (approved->refusal);
  g_assert_cmpuint (approved->status, ==, 200);
  wait_state (kiosk, FP_KIOSK_STATE_SIGNED_IN, 20);
  /* Waited for the interval every time: the bank never had to slow it down. */
  g_assert_cmpint (stat_int (s, "deviceSlowDowns"), ==, 0);

  wait_for (is_settled, kiosk, 60, "the first sync");
  session = fp_kiosk_session_get_session (kiosk);
  cache = fp_session_get_cache (session);
  g_assert_true (fp_cache_is_ephemeral (cache));
  dir = g_strdup (fp_cache_get_dir (cache));
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_assert_true (fp_cache_count_transactions (cache, NULL, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, >, 100);
  test_assert_cache_equals_bank (cache, s->data);

  fp_sync_engine_export_tokens (fp_session_get_sync_engine (session), &access, &refresh, &expires);
  g_assert_nonnull (access);
  g_assert_nonnull (refresh);
  g_assert_cmpuint (status_with_token (s, access), ==, 200);

  g_signal_connect (kiosk, "ended", G_CALLBACK (ended_cb), &reason);
  fp_kiosk_session_end (kiosk, FP_KIOSK_END_SIGN_OUT);
  /* Whoever showed the session lets go of it at once, and its files are gone. */
  g_assert_null (fp_kiosk_session_get_session (kiosk));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  wait_for (has_ended, &reason, 20, "the end of the session");
  g_assert_cmpint (reason, ==, FP_KIOSK_END_SIGN_OUT);
  g_assert_cmpint (fp_kiosk_session_get_state (kiosk), ==, FP_KIOSK_STATE_IDLE);

  /* Revoked at the bank: neither token works any more. */
  g_assert_cmpuint (status_with_token (s, access), ==, 401);
  {
    g_autoptr(FpHttpClient) http = fp_http_client_new (s->url, &error);
    g_autoptr(FpOAuthClient) oauth = fp_oauth_client_new (http);

    fp_oauth_client_import_tokens (oauth, NULL, refresh, 0);
    g_assert_false (fp_oauth_client_refresh (oauth, NULL, &error));
    g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_UNAUTHORIZED);
  }

  /* The kiosk never used the keyring. */
  g_assert_false (g_file_test (keyring_file, G_FILE_TEST_EXISTS));

  test_sandbox_stop (s);
}

/* A slow_down adds 5 s to the interval, and the kiosk keeps to it: the
 * bank (which answers slow_down to any poll faster than the code's
 * interval) never has to say it again. */
static void
test_slow_down (void)
{
  TestSandbox *s = test_sandbox_start (1, NULL);
  g_autoptr(FpKioskSession) kiosk = fp_kiosk_session_new (s->url);
  g_autoptr(FpTestBrowserResult) approved = NULL;

  post_hook (s, "_sandbox/faults", "{\"deviceSlowDowns\": 1}");
  fp_kiosk_session_begin (kiosk);
  wait_state (kiosk, FP_KIOSK_STATE_WAITING, 20);
  g_assert_cmpint (fp_kiosk_session_get_interval (kiosk), ==, 1);
  wait_for (polled_twice, kiosk, 30, "two polls");
  g_assert_cmpint (fp_kiosk_session_get_interval (kiosk), ==, 6);
  g_assert_cmpint (stat_int (s, "deviceSlowDowns"), ==, 1);

  approved = phone_approves (kiosk);
  g_assert_cmpuint (approved->status, ==, 200);
  wait_state (kiosk, FP_KIOSK_STATE_SIGNED_IN, 30);
  g_assert_cmpint (stat_int (s, "deviceSlowDowns"), ==, 1);

  fp_kiosk_session_end (kiosk, FP_KIOSK_END_SIGN_OUT);
  wait_state (kiosk, FP_KIOSK_STATE_IDLE, 20);
  test_sandbox_stop (s);
}

/* Cancel on the phone: a browser submits it without the password
 * (formnovalidate), and the kiosk says it was declined; it can start over. */
static void
test_denied (void)
{
  TestSandbox *s = test_sandbox_start (1, NULL);
  g_autoptr(FpKioskSession) kiosk = fp_kiosk_session_new (s->url);
  g_autoptr(FpTestBrowserResult) denied = NULL;
  g_autofree char *first_code = NULL;

  fp_kiosk_session_begin (kiosk);
  wait_state (kiosk, FP_KIOSK_STATE_WAITING, 20);
  first_code = g_strdup (fp_kiosk_session_get_user_code (kiosk));

  denied = fp_test_browser_submit (fp_kiosk_session_get_verification_uri_complete (kiosk), "deny", NULL);
  g_assert_null (denied->refusal);
  g_assert_cmpuint (denied->status, ==, 200);
  wait_state (kiosk, FP_KIOSK_STATE_DENIED, 20);
  g_assert_null (fp_kiosk_session_get_session (kiosk));
  g_assert_null (fp_kiosk_session_get_user_code (kiosk));

  /* Try again: a new code. */
  fp_kiosk_session_begin (kiosk);
  wait_state (kiosk, FP_KIOSK_STATE_WAITING, 20);
  g_assert_cmpstr (fp_kiosk_session_get_user_code (kiosk), !=, first_code);
  fp_kiosk_session_cancel (kiosk);
  g_assert_cmpint (fp_kiosk_session_get_state (kiosk), ==, FP_KIOSK_STATE_IDLE);
  test_sandbox_stop (s);
}

/* The bank says expired_token (its clock moved past the code's life). */
static void
test_expired_by_bank (void)
{
  TestSandbox *s = test_sandbox_start (1, NULL);
  g_autoptr(FpKioskSession) kiosk = fp_kiosk_session_new (s->url);

  fp_kiosk_session_begin (kiosk);
  wait_state (kiosk, FP_KIOSK_STATE_WAITING, 20);
  post_hook (s, "_sandbox/clock", "{\"advanceSeconds\": 601}");
  wait_state (kiosk, FP_KIOSK_STATE_EXPIRED, 20);
  g_assert_null (fp_kiosk_session_get_user_code (kiosk));
  test_sandbox_stop (s);
}

/* The kiosk's own clock: a code that lives 2 s, polled every 60 s, is
 * shown as expired after 2 s without waiting for the next poll. */
static void
test_expired_by_countdown (void)
{
  TestSandbox *s = test_sandbox_start_device (1, NULL, 2, 60);
  g_autoptr(FpKioskSession) kiosk = fp_kiosk_session_new (s->url);

  fp_kiosk_session_begin (kiosk);
  wait_state (kiosk, FP_KIOSK_STATE_WAITING, 20);
  g_assert_cmpint (fp_kiosk_session_get_interval (kiosk), ==, 60);
  wait_state (kiosk, FP_KIOSK_STATE_EXPIRED, 10);
  g_assert_cmpuint (fp_kiosk_session_get_n_polls (kiosk), ==, 0);
  test_sandbox_stop (s);
}

/* Cancelled: an approval that comes later signs no one in. */
static void
test_cancel (void)
{
  TestSandbox *s = test_sandbox_start (1, NULL);
  g_autoptr(FpKioskSession) kiosk = fp_kiosk_session_new (s->url);
  g_autofree char *page = NULL;
  g_autofree char *otp = fp_sandbox_one_time_code ("demo");
  g_autoptr(FpTestBrowserResult) approved = NULL;

  fp_kiosk_session_begin (kiosk);
  wait_state (kiosk, FP_KIOSK_STATE_WAITING, 20);
  page = g_strdup (fp_kiosk_session_get_verification_uri_complete (kiosk));
  fp_kiosk_session_cancel (kiosk);
  g_assert_cmpint (fp_kiosk_session_get_state (kiosk), ==, FP_KIOSK_STATE_IDLE);
  g_assert_null (fp_kiosk_session_get_user_code (kiosk));

  approved = fp_test_browser_submit (page, "approve", "username", "demo", "password", "sandbox",
                                     "otp", otp, NULL);
  g_assert_cmpuint (approved->status, ==, 200);
  {
    gint64 until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpint (fp_kiosk_session_get_state (kiosk), ==, FP_KIOSK_STATE_IDLE);
  g_assert_null (fp_kiosk_session_get_session (kiosk));
  test_sandbox_stop (s);
}

/* A bank that is not https (nor loopback) is refused with a sentence. */
static void
test_bad_address (void)
{
  g_autoptr(FpKioskSession) kiosk = fp_kiosk_session_new ("http://bank.example/api/");

  fp_kiosk_session_begin (kiosk);
  g_assert_cmpint (fp_kiosk_session_get_state (kiosk), ==, FP_KIOSK_STATE_FAILED);
  g_assert_nonnull (fp_kiosk_session_get_error_message (kiosk));
}

/* A kiosk killed with its cache open leaves the (encrypted) folder; the
 * next kiosk removes it as it starts. */
static void
test_crash_leftovers (void)
{
  g_autofree char *parent = g_build_filename (g_get_user_runtime_dir (), "finpersona", NULL);
  g_autofree char *leftover = NULL;
  g_autoptr(GDir) dir = NULL;
  int fds[2];
  pid_t pid;
  int status;
  char buf[4096] = { 0 };
  gssize n;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      FpCache *cache = fp_cache_new_ephemeral (NULL, &error);

      if (cache == NULL)
        _exit (1);
      if (write (fds[1], fp_cache_get_dir (cache), strlen (fp_cache_get_dir (cache))) < 0)
        _exit (1);
      /* As kill -9: nothing closes. */
      raise (SIGKILL);
      _exit (2);
    }
  close (fds[1]);
  n = read (fds[0], buf, sizeof buf - 1);
  close (fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (n, >, 0);
  leftover = g_strdup (buf);
  g_assert_true (g_str_has_prefix (leftover, parent));
  g_assert_true (g_file_test (leftover, G_FILE_TEST_IS_DIR));

  fp_kiosk_session_clean_up_after_crash ();
  g_assert_false (g_file_test (leftover, G_FILE_TEST_EXISTS));
  dir = g_dir_open (parent, 0, NULL);
  if (dir != NULL)
    g_assert_null (g_dir_read_name (dir));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = g_dir_make_tmp ("fp-kiosk-XXXXXX", NULL);
  g_autofree char *runtime = g_build_filename (tmp, "run", NULL);
  int status;

  /* Before anything asks GLib for them. */
  g_mkdir (runtime, 0700);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  keyring_file = g_build_filename (tmp, "keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring_file, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/net/kiosk/crash-leftovers", test_crash_leftovers);
  g_test_add_func ("/net/kiosk/bad-address", test_bad_address);
  g_test_add_func ("/net/kiosk/pending-approve-end", test_pending_approve_end);
  g_test_add_func ("/net/kiosk/slow-down", test_slow_down);
  g_test_add_func ("/net/kiosk/denied", test_denied);
  g_test_add_func ("/net/kiosk/expired-by-bank", test_expired_by_bank);
  g_test_add_func ("/net/kiosk/expired-by-countdown", test_expired_by_countdown);
  g_test_add_func ("/net/kiosk/cancel", test_cancel);
  status = g_test_run ();

  g_free (keyring_file);
  {
    g_autofree char *parent = g_build_filename (runtime, "finpersona", NULL);

    g_rmdir (parent);
  }
  g_rmdir (runtime);
  g_rmdir (tmp);
  return status;
}
