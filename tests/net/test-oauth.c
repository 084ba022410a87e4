/* test-oauth.c: sign-in against the sandbox bank: code + PKCE with the
 * loopback listener (demo flow), refresh with rotation, sign-out with
 * revocation, and the device grant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fp-net-error.h"
#include "fp-oauth-client.h"
#include "fp-sandbox-oauth.h"
#include "net-test-sandbox.h"

/* libsecret 0.20.5's file backend leaks the ETag string of every write of
 * its keyring file (a g_strdup() inside GIO's replace-contents under
 * secret_file_collection_write()); not our allocation. Suppressed here
 * only (as in tests/store/test-cache-key.c), which needs full stacks. */
const char *__lsan_default_suppressions (void);
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

const char *
__lsan_default_suppressions (void)
{
  return "leak:secret_password_storev_binary_sync\n"
         "leak:secret_password_clearv_sync\n";
}

static void
test_code_refresh_sign_out (void)
{
  TestSandbox *s = test_sandbox_start (1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpHttpClient) http = fp_http_client_new (s->url, &error);
  g_autoptr(FpOAuthClient) oauth = fp_oauth_client_new (http);
  g_autoptr(JsonNode) accounts = NULL;
  g_autofree char *access1 = NULL, *refresh1 = NULL, *access2 = NULL, *refresh2 = NULL;
  gint64 expires = 0;

  g_assert_no_error (error);
  g_assert_false (fp_oauth_client_is_signed_in (oauth));
  g_assert_true (fp_oauth_client_sign_in (oauth, FP_OAUTH_SIGN_IN_DEMO, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (fp_oauth_client_is_signed_in (oauth));
  g_assert_cmpint (fp_oauth_client_get_expires_at (oauth), >, g_get_real_time () / G_USEC_PER_SEC);
  fp_oauth_client_export_tokens (oauth, &access1, &refresh1, &expires);
  g_assert_nonnull (access1);
  g_assert_nonnull (refresh1);

  accounts = fp_http_client_get_json (http, "v1/accounts", NULL, 1 << 20, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (accounts));
  g_clear_pointer (&accounts, json_node_unref);

  /* Refresh rotates both tokens. */
  g_assert_true (fp_oauth_client_refresh (oauth, NULL, &error));
  g_assert_no_error (error);
  fp_oauth_client_export_tokens (oauth, &access2, &refresh2, &expires);
  g_assert_cmpstr (access1, !=, access2);
  g_assert_cmpstr (refresh1, !=, refresh2);
  accounts = fp_http_client_get_json (http, "v1/accounts", NULL, 1 << 20, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&accounts, json_node_unref);

  /* A stale access token is refreshed silently on 401. */
  fp_http_client_set_access_token (http, "not-a-valid-token");
  accounts = fp_http_client_get_json (http, "v1/accounts", NULL, 1 << 20, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (accounts);
  g_clear_pointer (&accounts, json_node_unref);

  /* Sign-out revokes: the old tokens no longer work anywhere. */
  g_clear_pointer (&access2, g_free);
  g_clear_pointer (&refresh2, g_free);
  fp_oauth_client_export_tokens (oauth, &access2, &refresh2, &expires);
  g_assert_true (fp_oauth_client_sign_out (oauth, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (fp_oauth_client_is_signed_in (oauth));
  fp_oauth_client_import_tokens (oauth, access2, refresh2, expires);
  accounts = fp_http_client_get_json (http, "v1/accounts", NULL, 1 << 20, NULL, NULL, NULL, &error);
  g_assert_null (accounts);
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_UNAUTHORIZED);

  test_sandbox_stop (s);
}

typedef struct {
  char *base_url;
  char *user_code;
} Approve;

static gpointer
approve_thread (gpointer data)
{
  Approve *a = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (a->base_url, "oauth/device", NULL);
  g_autofree char *otp = fp_sandbox_one_time_code ("demo");
  g_autoptr(SoupMessage) msg = soup_message_new_from_encoded_form ("POST", url,
    soup_form_encode ("user_code", a->user_code, "username", "demo", "password", "sandbox",
                      "otp", otp, "action", "approve", NULL));
  g_autoptr(GBytes) body = NULL;

  /* Wait until the kiosk has polled at least once. */
  g_usleep (1500000);
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return NULL;
}

static void
show_code_cb (const char *user_code,
              const char *verification_uri,
              const char *verification_uri_complete,
              gpointer    user_data)
{
  Approve *a = user_data;

  g_assert_nonnull (user_code);
  g_assert_true (g_str_has_suffix (verification_uri, "/oauth/device"));
  a->user_code = g_strdup (user_code);
  g_thread_unref (g_thread_new ("approve", approve_thread, a));
}

static void
test_device (void)
{
  TestSandbox *s = test_sandbox_start (1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpHttpClient) http = fp_http_client_new (s->url, &error);
  g_autoptr(FpOAuthClient) oauth = fp_oauth_client_new (http);
  g_autoptr(JsonNode) accounts = NULL;
  Approve a = { .base_url = s->url };

  g_assert_true (fp_oauth_client_sign_in_device (oauth, show_code_cb, &a, NULL, &error));
  g_assert_no_error (error);
  accounts = fp_http_client_get_json (http, "v1/accounts", NULL, 1 << 20, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_free (a.user_code);
  test_sandbox_stop (s);
}

/* The refresh token lives in the keyring (libsecret's file backend here):
 * a new client signs in silently with it; sign-out removes it. */
static void
test_keyring_resume (void)
{
  TestSandbox *s = test_sandbox_start (1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpHttpClient) http = fp_http_client_new (s->url, &error);
  g_autoptr(FpOAuthClient) oauth = fp_oauth_client_new (http);
  g_autoptr(FpHttpClient) http2 = fp_http_client_new (s->url, &error);
  g_autoptr(FpOAuthClient) oauth2 = fp_oauth_client_new (http2);
  g_autoptr(JsonNode) accounts = NULL;

  fp_oauth_client_set_keyring (oauth, TRUE, "test-account");
  fp_oauth_client_set_keyring (oauth2, TRUE, "test-account");
  g_assert_true (fp_oauth_client_sign_in (oauth, FP_OAUTH_SIGN_IN_DEMO, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (fp_oauth_client_resume (oauth2, NULL, &error));
  g_assert_no_error (error);
  accounts = fp_http_client_get_json (http2, "v1/accounts", NULL, 1 << 20, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* oauth2's refresh rotated the token in the keyring: sign-out from
   * oauth2 revokes it and removes it. */
  g_assert_true (fp_oauth_client_sign_out (oauth2, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (fp_oauth_client_resume (oauth, NULL, &error));
  g_assert_nonnull (error);
  test_sandbox_stop (s);
}

static void
test_refuses_plain_http (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpHttpClient) http = fp_http_client_new ("http://bank.example/api/", &error);

  g_assert_null (http);
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_INVALID_URL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *keyring = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("fp-oauth-XXXXXX", NULL);
  keyring = g_build_filename (dir, "keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);

  g_test_add_func ("/net/oauth/code-refresh-sign-out", test_code_refresh_sign_out);
  g_test_add_func ("/net/oauth/device", test_device);
  g_test_add_func ("/net/oauth/keyring-resume", test_keyring_resume);
  g_test_add_func ("/net/oauth/refuses-plain-http", test_refuses_plain_http);

  status = g_test_run ();
  g_unlink (keyring);
  g_rmdir (dir);
  return status;
}
