/* test-sandbox-oauth.c
 *
 * The sandbox's OAuth 2.0 endpoints over real HTTP: the code flow with
 * PKCE S256 (RFC 7636's own example), what must be rejected, refresh
 * rotation with reuse detection, revocation, the demo sign-in and the
 * device grant's states.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-helper.h"

#define VERIFIER "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
#define CHALLENGE "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

typedef struct {
  TestSandbox *ts;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  FpSandboxConfig config;

  fp_sandbox_config_init (&config);
  config.test_hooks = TRUE;
  config.demo = GPOINTER_TO_INT (data);
  f->ts = ts_start (&config, 3);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ts_stop (f->ts);
}

static const char *
member (JsonNode   *node,
        const char *name)
{
  return json_object_get_string_member_with_default (json_node_get_object (node), name, NULL);
}

static TestResponse *
exchange (TestSandbox *ts,
          const char  *code,
          const char  *verifier,
          const char  *redirect_uri)
{
  return ts_form (ts, "/oauth/token",
                  "grant_type", "authorization_code",
                  "client_id", TS_CLIENT_ID,
                  "code", code,
                  "redirect_uri", redirect_uri,
                  "code_verifier", verifier,
                  NULL);
}

static guint
customer_status (TestSandbox *ts,
                 const char  *token)
{
  g_autoptr(TestResponse) r = ts_request (ts, "GET", "/v1/customer", token, NULL, NULL, NULL);

  return r->status;
}

static void
assert_oauth_error (TestResponse *r,
                    guint         status,
                    const char   *error)
{
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpuint (r->status, ==, status);
  g_assert_true (g_str_has_prefix (ts_header (r, "Content-Type"), "application/json"));
  node = ts_json (r);
  g_assert_cmpstr (member (node, "error"), ==, error);
}

static void
test_code_flow_rfc7636 (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *location = ts_authorize (f->ts, "user1", CHALLENGE, TS_REDIRECT, "st-42");
  g_autofree char *code = NULL;
  g_autofree char *state = NULL;
  g_autoptr(TestResponse) r = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_nonnull (location);
  g_assert_true (g_str_has_prefix (location, TS_REDIRECT "?"));
  code = ts_query_param (location, "code");
  state = ts_query_param (location, "state");
  g_assert_nonnull (code);
  g_assert_cmpstr (state, ==, "st-42");

  r = exchange (f->ts, code, VERIFIER, TS_REDIRECT);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (ts_header (r, "Cache-Control"), ==, "no-store");
  node = ts_json (r);
  g_assert_cmpstr (member (node, "token_type"), ==, "Bearer");
  g_assert_nonnull (member (node, "access_token"));
  g_assert_nonnull (member (node, "refresh_token"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "expires_in"), >, 0);
  g_assert_cmpuint (customer_status (f->ts, member (node, "access_token")), ==, 200);
}

static void
test_plain_rejected (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *otp = ts_otp ("user1");
  g_autofree char *path = g_strdup_printf ("/oauth/authorize?response_type=code&client_id=%s"
                                           "&redirect_uri=%s&code_challenge=%s"
                                           "&code_challenge_method=plain&state=p1",
                                           TS_CLIENT_ID, TS_REDIRECT, VERIFIER);
  g_autoptr(TestResponse) r = ts_request (f->ts, "GET", path, NULL, NULL, NULL, NULL);
  g_autofree char *error = NULL;
  g_autofree char *state = NULL;
  g_autoptr(TestResponse) posted = NULL;
  g_autoptr(TestResponse) missing = NULL;

  g_assert_cmpuint (r->status, ==, 302);
  error = ts_query_param (ts_header (r, "Location"), "error");
  state = ts_query_param (ts_header (r, "Location"), "state");
  g_assert_cmpstr (error, ==, "invalid_request");
  g_assert_cmpstr (state, ==, "p1");
  g_assert_null (ts_query_param (ts_header (r, "Location"), "code"));

  /* Also when the form is posted with good credentials. */
  posted = ts_form (f->ts, "/oauth/authorize",
                    "response_type", "code", "client_id", TS_CLIENT_ID,
                    "redirect_uri", TS_REDIRECT, "code_challenge", VERIFIER,
                    "code_challenge_method", "plain", "username", "user1",
                    "password", "sandbox", "otp", otp, NULL);
  g_assert_cmpuint (posted->status, ==, 302);
  g_assert_null (ts_query_param (ts_header (posted, "Location"), "code"));

  /* No method at all means plain in RFC 7636: rejected too. */
  missing = ts_form (f->ts, "/oauth/authorize",
                     "response_type", "code", "client_id", TS_CLIENT_ID,
                     "redirect_uri", TS_REDIRECT, "code_challenge", CHALLENGE,
                     "username", "user1", "password", "sandbox", "otp", otp, NULL);
  g_assert_cmpuint (missing->status, ==, 302);
  g_assert_null (ts_query_param (ts_header (missing, "Location"), "code"));
}

static void
test_wrong_verifier (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *location = ts_authorize (f->ts, "user1", CHALLENGE, TS_REDIRECT, "s");
  g_autofree char *code = ts_query_param (location, "code");
  g_autoptr(TestResponse) wrong = NULL;
  g_autoptr(TestResponse) right = NULL;

  wrong = exchange (f->ts, code, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXl", TS_REDIRECT);
  assert_oauth_error (wrong, 400, "invalid_grant");
  /* The code is burned: even the right verifier cannot use it now. */
  right = exchange (f->ts, code, VERIFIER, TS_REDIRECT);
  assert_oauth_error (right, 400, "invalid_grant");
}

static void
test_reused_code (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *location = ts_authorize (f->ts, "user1", CHALLENGE, TS_REDIRECT, "s");
  g_autofree char *code = ts_query_param (location, "code");
  g_autoptr(TestResponse) first = exchange (f->ts, code, VERIFIER, TS_REDIRECT);
  g_autoptr(TestResponse) second = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpuint (first->status, ==, 200);
  node = ts_json (first);
  g_assert_cmpuint (customer_status (f->ts, member (node, "access_token")), ==, 200);

  second = exchange (f->ts, code, VERIFIER, TS_REDIRECT);
  assert_oauth_error (second, 400, "invalid_grant");
  /* RFC 6749 4.1.2: what the code issued is revoked. */
  g_assert_cmpuint (customer_status (f->ts, member (node, "access_token")), ==, 401);
}

static void
test_foreign_redirect (Fixture       *f,
                       gconstpointer  data)
{
  static const char *const foreign[] = {
    "http://evil.example/callback",
    "http://localhost:49152/callback",
    "https://127.0.0.1:49152/callback",
    "http://127.0.0.1.evil.example/callback",
  };

  for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
    {
      g_autofree char *otp = ts_otp ("user1");
      g_autoptr(TestResponse) r = ts_form (f->ts, "/oauth/authorize",
                                           "response_type", "code", "client_id", TS_CLIENT_ID,
                                           "redirect_uri", foreign[i], "code_challenge", CHALLENGE,
                                           "code_challenge_method", "S256", "username", "user1",
                                           "password", "sandbox", "otp", otp, NULL);

      /* Never redirected anywhere. */
      g_assert_cmpuint (r->status, ==, 400);
      g_assert_null (ts_header (r, "Location"));
    }

  /* A redirect URI at the token endpoint other than the authorized one. */
  {
    g_autofree char *location = ts_authorize (f->ts, "user1", CHALLENGE, TS_REDIRECT, "s");
    g_autofree char *code = ts_query_param (location, "code");
    g_autoptr(TestResponse) r = exchange (f->ts, code, VERIFIER, "http://127.0.0.1:49153/callback");

    assert_oauth_error (r, 400, "invalid_grant");
  }
}

static void
test_bad_credentials (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *otp = ts_otp ("user1");
  g_autofree char *other_otp = ts_otp ("user2");
  struct {
    const char *username;
    const char *password;
    const char *otp;
  } cases[] = {
    { "user1", "wrong", otp },
    { "user1", "sandbox", other_otp },
    { "user1", "sandbox", "000000" },
    { "nobody", "sandbox", otp },
    { "user01", "sandbox", otp },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TestResponse) r = ts_form (f->ts, "/oauth/authorize",
                                           "response_type", "code", "client_id", TS_CLIENT_ID,
                                           "redirect_uri", TS_REDIRECT, "code_challenge", CHALLENGE,
                                           "code_challenge_method", "S256",
                                           "username", cases[i].username,
                                           "password", cases[i].password,
                                           "otp", cases[i].otp, NULL);

      g_assert_cmpuint (r->status, ==, 401);
      g_assert_null (ts_header (r, "Location"));
      g_assert_nonnull (strstr (r->body, "<form"));
    }

  /* An unknown client is not redirected either. */
  {
    g_autoptr(TestResponse) r = ts_form (f->ts, "/oauth/authorize",
                                         "response_type", "code", "client_id", "someone-else",
                                         "redirect_uri", TS_REDIRECT, "code_challenge", CHALLENGE,
                                         "code_challenge_method", "S256", NULL);

    g_assert_cmpuint (r->status, ==, 400);
    g_assert_null (ts_header (r, "Location"));
  }
}

static void
test_sign_in_form (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/oauth/authorize?response_type=code&client_id=%s"
                                           "&redirect_uri=%s&code_challenge=%s"
                                           "&code_challenge_method=S256&state=a%%22b&login_hint=demo",
                                           TS_CLIENT_ID, TS_REDIRECT, CHALLENGE);
  g_autoptr(TestResponse) r = ts_request (f->ts, "GET", path, NULL, NULL, NULL, NULL);

  /* Without --demo, login_hint=demo still asks for all three factors. */
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_nonnull (strstr (r->body, "name=\"username\""));
  g_assert_nonnull (strstr (r->body, "name=\"password\""));
  g_assert_nonnull (strstr (r->body, "name=\"otp\""));
  /* The state is carried along, escaped. */
  g_assert_nonnull (strstr (r->body, "value=\"a&quot;b\""));
}

static void
test_demo_sign_in (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/oauth/authorize?response_type=code&client_id=%s"
                                           "&redirect_uri=%s&code_challenge=%s"
                                           "&code_challenge_method=S256&state=d&login_hint=demo",
                                           TS_CLIENT_ID, TS_REDIRECT, CHALLENGE);
  g_autoptr(TestResponse) r = ts_request (f->ts, "GET", path, NULL, NULL, NULL, NULL);
  g_autofree char *code = NULL;
  g_autoptr(TestResponse) token = NULL;
  g_autoptr(TestResponse) customer = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) profile = NULL;

  g_assert_cmpuint (r->status, ==, 302);
  code = ts_query_param (ts_header (r, "Location"), "code");
  g_assert_nonnull (code);
  token = exchange (f->ts, code, VERIFIER, TS_REDIRECT);
  g_assert_cmpuint (token->status, ==, 200);
  node = ts_json (token);
  customer = ts_request (f->ts, "GET", "/v1/customer", member (node, "access_token"), NULL, NULL, NULL);
  g_assert_cmpuint (customer->status, ==, 200);
  profile = ts_json (customer);
  g_assert_cmpstr (member (profile, "username"), ==, "demo");
}

static TestResponse *
refresh (TestSandbox *ts,
         const char  *refresh_token)
{
  return ts_form (ts, "/oauth/token",
                  "grant_type", "refresh_token",
                  "client_id", TS_CLIENT_ID,
                  "refresh_token", refresh_token,
                  NULL);
}

static void
test_refresh_rotation (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(TestTokens) tokens = { 0 };
  g_autoptr(TestResponse) first = NULL;
  g_autoptr(TestResponse) reuse = NULL;
  g_autoptr(TestResponse) after = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_true (ts_sign_in (f->ts, "user1", &tokens));
  first = refresh (f->ts, tokens.refresh_token);
  g_assert_cmpuint (first->status, ==, 200);
  node = ts_json (first);
  /* Rotated: a new refresh token and a new access token. */
  g_assert_cmpstr (member (node, "refresh_token"), !=, tokens.refresh_token);
  g_assert_cmpstr (member (node, "access_token"), !=, tokens.access_token);
  g_assert_cmpuint (customer_status (f->ts, member (node, "access_token")), ==, 200);

  /* The old refresh token again: reuse, the whole family is revoked. */
  reuse = refresh (f->ts, tokens.refresh_token);
  assert_oauth_error (reuse, 400, "invalid_grant");
  g_assert_cmpuint (customer_status (f->ts, member (node, "access_token")), ==, 401);
  after = refresh (f->ts, member (node, "refresh_token"));
  assert_oauth_error (after, 400, "invalid_grant");
}

static void
test_revoke (Fixture       *f,
             gconstpointer  data)
{
  g_auto(TestTokens) tokens = { 0 };
  g_autoptr(TestResponse) r = NULL;
  g_autoptr(TestResponse) again = NULL;
  g_autoptr(TestResponse) unknown = NULL;

  g_assert_true (ts_sign_in (f->ts, "user2", &tokens));
  g_assert_cmpuint (customer_status (f->ts, tokens.access_token), ==, 200);
  r = ts_form (f->ts, "/oauth/revoke", "client_id", TS_CLIENT_ID,
               "token", tokens.refresh_token, "token_type_hint", "refresh_token", NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (customer_status (f->ts, tokens.access_token), ==, 401);
  again = refresh (f->ts, tokens.refresh_token);
  assert_oauth_error (again, 400, "invalid_grant");
  /* RFC 7009 2.2: an unknown token is not an error. */
  unknown = ts_form (f->ts, "/oauth/revoke", "client_id", TS_CLIENT_ID, "token", "nonsense", NULL);
  g_assert_cmpuint (unknown->status, ==, 200);
}

static void
advance_clock (TestSandbox *ts,
               gint64       seconds)
{
  g_autofree char *body = g_strdup_printf ("{\"advanceSeconds\": %" G_GINT64_FORMAT "}", seconds);
  g_autoptr(TestResponse) r = ts_request (ts, "POST", "/_sandbox/clock", NULL,
                                          "application/json", body, NULL);

  g_assert_cmpuint (r->status, ==, 204);
}

static void
test_access_token_expires (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(TestTokens) tokens = { 0 };
  g_autoptr(TestResponse) r = NULL;

  g_assert_true (ts_sign_in (f->ts, "user1", &tokens));
  g_assert_cmpuint (customer_status (f->ts, tokens.access_token), ==, 200);
  advance_clock (f->ts, 601);
  g_assert_cmpuint (customer_status (f->ts, tokens.access_token), ==, 401);
  /* The refresh token still works and gives a fresh access token. */
  r = refresh (f->ts, tokens.refresh_token);
  g_assert_cmpuint (r->status, ==, 200);
}

static JsonNode *
device_authorize (TestSandbox *ts)
{
  g_autoptr(TestResponse) r = ts_form (ts, "/oauth/device_authorization",
                                       "client_id", TS_CLIENT_ID, "scope", "accounts", NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return ts_json (r);
}

static TestResponse *
device_poll (TestSandbox *ts,
             const char  *device_code)
{
  return ts_form (ts, "/oauth/token",
                  "grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                  "client_id", TS_CLIENT_ID,
                  "device_code", device_code,
                  NULL);
}

static void
test_device_flow (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) grant = device_authorize (f->ts);
  const char *device_code = member (grant, "device_code");
  const char *user_code = member (grant, "user_code");
  const char *complete = member (grant, "verification_uri_complete");
  g_autofree char *code_in_uri = ts_query_param (complete, "user_code");
  g_autofree char *otp = ts_otp ("user2");
  g_autofree char *page_path = NULL;
  g_autoptr(TestResponse) page = NULL;
  g_autoptr(TestResponse) pending = NULL;
  g_autoptr(TestResponse) slow = NULL;
  g_autoptr(TestResponse) approve = NULL;
  g_autoptr(TestResponse) token = NULL;
  g_autoptr(TestResponse) again = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpuint (strlen (user_code), ==, 9);
  g_assert_cmpstr (code_in_uri, ==, user_code);
  g_assert_true (g_str_has_prefix (member (grant, "verification_uri"), ts_url (f->ts)));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (grant), "interval"), ==, 5);

  pending = device_poll (f->ts, device_code);
  assert_oauth_error (pending, 400, "authorization_pending");
  /* Polled again at once, faster than the interval. */
  slow = device_poll (f->ts, device_code);
  assert_oauth_error (slow, 400, "slow_down");

  /* The verification page a phone opens from the QR code. */
  page_path = g_strdup_printf ("/oauth/device?user_code=%s", user_code);
  page = ts_request (f->ts, "GET", page_path, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->body, user_code));

  approve = ts_form (f->ts, "/oauth/device", "user_code", user_code, "username", "user2",
                     "password", "sandbox", "otp", otp, "action", "approve", NULL);
  g_assert_cmpuint (approve->status, ==, 200);

  advance_clock (f->ts, 20);
  token = device_poll (f->ts, device_code);
  g_assert_cmpuint (token->status, ==, 200);
  node = ts_json (token);
  g_assert_cmpuint (customer_status (f->ts, member (node, "access_token")), ==, 200);
  {
    g_autoptr(TestResponse) c = ts_request (f->ts, "GET", "/v1/customer", member (node, "access_token"),
                                            NULL, NULL, NULL);
    g_autoptr(JsonNode) profile = ts_json (c);

    g_assert_cmpstr (member (profile, "username"), ==, "user2");
  }

  /* A device code gives tokens once. */
  advance_clock (f->ts, 20);
  again = device_poll (f->ts, device_code);
  assert_oauth_error (again, 400, "invalid_grant");
}

static void
test_device_denied_and_expired (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(JsonNode) denied = device_authorize (f->ts);
  g_autoptr(JsonNode) expired = device_authorize (f->ts);
  g_autoptr(TestResponse) deny = NULL;
  g_autoptr(TestResponse) r1 = NULL;
  g_autoptr(TestResponse) r2 = NULL;
  g_autoptr(TestResponse) late = NULL;
  g_autofree char *otp = ts_otp ("user1");

  /* User codes are accepted in lower case and without the dash. */
  {
    g_autofree char *lower = g_ascii_strdown (member (denied, "user_code"), -1);
    g_autofree char *no_dash = g_strdup_printf ("%.4s%s", lower, lower + 5);

    deny = ts_form (f->ts, "/oauth/device", "user_code", no_dash, "action", "deny", NULL);
  }
  g_assert_cmpuint (deny->status, ==, 200);
  r1 = device_poll (f->ts, member (denied, "device_code"));
  assert_oauth_error (r1, 400, "access_denied");

  advance_clock (f->ts, 601);
  r2 = device_poll (f->ts, member (expired, "device_code"));
  assert_oauth_error (r2, 400, "expired_token");
  /* Approving an expired code fails too. */
  late = ts_form (f->ts, "/oauth/device", "user_code", member (expired, "user_code"),
                  "username", "user1", "password", "sandbox", "otp", otp, "action", "approve", NULL);
  g_assert_cmpuint (late->status, ==, 400);
}

static void
test_token_endpoint_errors (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(TestResponse) no_client = ts_form (f->ts, "/oauth/token", "grant_type", "refresh_token",
                                               "refresh_token", "x", NULL);
  g_autoptr(TestResponse) bad_grant = ts_form (f->ts, "/oauth/token", "grant_type", "password",
                                               "client_id", TS_CLIENT_ID, NULL);
  g_autoptr(TestResponse) json_body = ts_request (f->ts, "POST", "/oauth/token", NULL,
                                                  "application/json", "{\"grant_type\":\"x\"}", NULL);

  assert_oauth_error (no_client, 401, "invalid_client");
  assert_oauth_error (bad_grant, 400, "unsupported_grant_type");
  assert_oauth_error (json_body, 400, "invalid_request");
}

static void
test_discovery (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TestResponse) r = ts_request (f->ts, "GET", "/.well-known/oauth-authorization-server",
                                          NULL, NULL, NULL, NULL);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *methods;

  g_assert_cmpuint (r->status, ==, 200);
  node = ts_json (r);
  methods = json_object_get_array_member (json_node_get_object (node), "code_challenge_methods_supported");
  g_assert_cmpuint (json_array_get_length (methods), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (methods, 0), ==, "S256");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, demo) \
  g_test_add ("/sandbox/oauth/" path, Fixture, GINT_TO_POINTER (demo), fixture_setup, func, fixture_teardown)

  ADD ("code-flow-rfc7636", test_code_flow_rfc7636, FALSE);
  ADD ("plain-rejected", test_plain_rejected, FALSE);
  ADD ("wrong-verifier", test_wrong_verifier, FALSE);
  ADD ("reused-code", test_reused_code, FALSE);
  ADD ("foreign-redirect", test_foreign_redirect, FALSE);
  ADD ("bad-credentials", test_bad_credentials, FALSE);
  ADD ("sign-in-form", test_sign_in_form, FALSE);
  ADD ("demo-sign-in", test_demo_sign_in, TRUE);
  ADD ("refresh-rotation", test_refresh_rotation, FALSE);
  ADD ("revoke", test_revoke, FALSE);
  ADD ("access-token-expires", test_access_token_expires, FALSE);
  ADD ("device-flow", test_device_flow, FALSE);
  ADD ("device-denied-and-expired", test_device_denied_and_expired, FALSE);
  ADD ("token-endpoint-errors", test_token_endpoint_errors, FALSE);
  ADD ("discovery", test_discovery, FALSE);

  return g_test_run ();
}
