/* test-sandbox-oauth-unit.c
 *
 * The pure parts of the sandbox's authorization server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fp-sandbox-oauth.h"
#include "fp-sandbox-server.h"

static void
test_pkce_rfc7636_appendix_b (void)
{
  g_autofree char *challenge = fp_sandbox_pkce_s256 ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  g_assert_true (fp_sandbox_pkce_challenge_is_valid (challenge));
}

static void
test_pkce_verifier_syntax (void)
{
  g_autofree char *v43 = g_strnfill (43, 'a');
  g_autofree char *v42 = g_strnfill (42, 'a');
  g_autofree char *v128 = g_strnfill (128, '~');
  g_autofree char *v129 = g_strnfill (129, 'a');

  g_assert_true (fp_sandbox_pkce_verifier_is_valid (v43));
  g_assert_true (fp_sandbox_pkce_verifier_is_valid (v128));
  g_assert_false (fp_sandbox_pkce_verifier_is_valid (v42));
  g_assert_false (fp_sandbox_pkce_verifier_is_valid (v129));
  g_assert_false (fp_sandbox_pkce_verifier_is_valid (NULL));
  g_assert_false (fp_sandbox_pkce_verifier_is_valid ("dBjftJeZ4CVP+mB92K27uhbUJU1p1r/wW1gFWFOEjXk"));
  g_assert_false (fp_sandbox_pkce_challenge_is_valid ("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM="));
  g_assert_false (fp_sandbox_pkce_challenge_is_valid ("plain-challenge"));
}

static void
test_loopback_redirects (void)
{
  static const char *const good[] = {
    "http://127.0.0.1:49152/callback",
    "http://127.0.0.1/callback",
    "http://127.0.0.1:1/",
    "http://[::1]:8080/cb?x=1",
  };
  static const char *const bad[] = {
    "http://localhost:49152/callback",
    "https://127.0.0.1:49152/callback",
    "http://evil.example/callback",
    "http://127.0.0.1.evil.example/callback",
    "http://user@127.0.0.1:80/callback",
    "http://127.0.0.1:80/callback#fragment",
    "http://128.0.0.1/",
    "http://10.0.0.1/",
    "io.github.finpersona.FinPersona:/callback",
    "127.0.0.1:8080/callback",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (fp_sandbox_redirect_uri_is_loopback (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (fp_sandbox_redirect_uri_is_loopback (bad[i]));
  g_assert_false (fp_sandbox_redirect_uri_is_loopback (NULL));
}

static void
test_one_time_code (void)
{
  g_autofree char *demo = fp_sandbox_one_time_code ("demo");
  g_autofree char *user1 = fp_sandbox_one_time_code ("user1");

  /* Computed with Python's hmac module from the definition in the contract. */
  g_assert_cmpstr (demo, ==, "156281");
  g_assert_cmpstr (user1, ==, "830528");
}

static void
test_random_tokens (void)
{
  g_autofree char *a = fp_sandbox_random_token (32);
  g_autofree char *b = fp_sandbox_random_token (32);

  /* 32 bytes are 43 base64url characters without padding. */
  g_assert_cmpuint (strlen (a), ==, 43);
  g_assert_cmpstr (a, !=, b);
  for (const char *p = a; *p; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');
}

static void
test_loopback_addresses (void)
{
  g_assert_true (fp_sandbox_address_is_loopback ("127.0.0.1"));
  g_assert_true (fp_sandbox_address_is_loopback ("127.1.2.3"));
  g_assert_true (fp_sandbox_address_is_loopback ("::1"));
  g_assert_false (fp_sandbox_address_is_loopback ("0.0.0.0"));
  g_assert_false (fp_sandbox_address_is_loopback ("192.168.1.2"));
  g_assert_false (fp_sandbox_address_is_loopback ("localhost"));
  g_assert_false (fp_sandbox_address_is_loopback ("::"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/oauth/pkce-rfc7636-appendix-b", test_pkce_rfc7636_appendix_b);
  g_test_add_func ("/sandbox/oauth/pkce-verifier-syntax", test_pkce_verifier_syntax);
  g_test_add_func ("/sandbox/oauth/loopback-redirects", test_loopback_redirects);
  g_test_add_func ("/sandbox/oauth/one-time-code", test_one_time_code);
  g_test_add_func ("/sandbox/oauth/random-tokens", test_random_tokens);
  g_test_add_func ("/sandbox/oauth/loopback-addresses", test_loopback_addresses);

  return g_test_run ();
}
