/* test-sandbox-cli.c
 *
 * The finpersona-sandbox executable: clear errors and exit status 2 for
 * wrong arguments, loopback only unless told otherwise, and the base URL
 * on one line of standard output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

static const char *sandbox_exe;

static int
run (const char * const *args,
     char              **out,
     char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) sandbox_exe);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_usage_errors (void)
{
  static const char *const cases[][4] = {
    { "--port", "70000", NULL },
    { "--port", "abc", NULL },
    { "--customers", "-1", NULL },
    { "--years", "0", NULL },
    { "--fault-error-rate", "1.5", NULL },
    { "--no-such-option", NULL },
    { "stray-argument", NULL },
    { "--address", "192.0.2.10", NULL },
    { "--address", "0.0.0.0", NULL },
    { "--address", "not-an-address", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run (cases[i], &out, &err), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpuint (strlen (err), >, 0);
    }
}

static void
test_remote_refused (void)
{
  static const char *const args[] = { "--address", "192.0.2.10", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (args, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--allow-remote"));
}

static void
test_prints_url (void)
{
  const char *argv[] = { sandbox_exe, "--customers", "1", "--years", "1", NULL };
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "FINPERSONA_SANDBOX_URL=http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (line, "/"));
  g_subprocess_send_signal (proc, SIGTERM);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  sandbox_exe = g_getenv ("FP_SANDBOX_EXE");
  if (sandbox_exe == NULL)
    sandbox_exe = argc > 1 ? argv[1] : "finpersona-sandbox";

  g_test_add_func ("/sandbox/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/sandbox/cli/remote-refused", test_remote_refused);
  g_test_add_func ("/sandbox/cli/prints-url", test_prints_url);

  return g_test_run ();
}
