/* test-endpoint.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fp-core.h"

static void
test_accepts (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "", "" },
    { "   ", "" },
    { "https://bank.example/api", "https://bank.example/api/" },
    { " https://bank.example/api/v1/ ", "https://bank.example/api/v1/" },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080/" },
    { "http://127.1.2.3:9/x/", "http://127.1.2.3:9/x/" },
    { "http://localhost:5000/", "http://localhost:5000/" },
    { "http://[::1]:5000/", "http://[::1]:5000/" },
    { "HTTPS://Bank.Example", "https://bank.example/" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = fp_endpoint_normalize (cases[i].in, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_rejects (void)
{
  static const char *cases[] = {
    "http://bank.example/api",      /* clear text off this computer */
    "http://10.0.0.1/",             /* private is not loopback */
    "http://127.0.0.1.evil.example/",
    "ftp://bank.example/",
    "bank.example",
    "https://",
    "https://user:pw@bank.example/",
    "https://bank.example/?debug=1",
    "https://bank.example/#x",
    "javascript:alert(1)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = fp_endpoint_normalize (cases[i], &error);

      g_assert_null (out);
      g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
      g_assert_nonnull (error->message);
    }
}

static void
test_loopback (void)
{
  g_assert_true (fp_endpoint_is_loopback_host ("localhost"));
  g_assert_true (fp_endpoint_is_loopback_host ("127.0.0.1"));
  g_assert_true (fp_endpoint_is_loopback_host ("127.255.0.9"));
  g_assert_true (fp_endpoint_is_loopback_host ("::1"));
  g_assert_false (fp_endpoint_is_loopback_host ("128.0.0.1"));
  g_assert_false (fp_endpoint_is_loopback_host ("localhost.example"));
  g_assert_false (fp_endpoint_is_loopback_host (""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/endpoint/accepts", test_accepts);
  g_test_add_func ("/endpoint/rejects", test_rejects);
  g_test_add_func ("/endpoint/loopback", test_loopback);

  return g_test_run ();
}
