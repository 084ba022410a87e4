/* test-sandbox-cli.c
 *
 * The finpersona-sandbox executable: clear errors and exit status 2 for
 * wrong arguments, loopback only unless told otherwise, the base URL on
 * one line of standard output, and the same bytes for the same seed and
 * --today.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
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
    { "--today", "2026-13-01", NULL },
    { "--today", "2026-02-29", NULL },
    { "--today", "2026-1-05", NULL },
    { "--today", "2026-01-05T00:00", NULL },
    { "--today", "2019-12-31", NULL },
    { "--today", "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run (cases[i], &out, &err), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpuint (strlen (err), >, 0);
      /* One sentence, one line. */
      g_assert_nonnull (strchr (err, '\n'));
      g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
    }
}

/* The three files of an export, concatenated. */
static char *
export_with (const char *seed,
             const char *today,
             const char *dir)
{
  static const char * const files[] = { "sd254_users.csv", "sd254_cards.csv", "credit_card_transactions.csv" };
  const char *args[] = { "--customers", "2", "--years", "1", "--seed", seed, "--today", today,
                         "--export-tabformer", dir, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GString *all = g_string_new (NULL);

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_string_append (all, text);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  return g_string_free (all, FALSE);
}

/* --today: the same seed and the same today give the same bytes; another
 * today other ones, whose history ends on that day. */
static void
test_today (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fp-sandbox-cli-XXXXXX", &error);
  g_autofree char *a = export_with ("4", "2027-05-20", dir);
  g_autofree char *b = export_with ("4", "2027-05-20", dir);
  g_autofree char *c = export_with ("4", "2027-05-21", dir);
  g_autofree char *other_seed = export_with ("5", "2027-05-20", dir);

  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_cmpstr (a, !=, other_seed);
  /* TabFormer rows: User,Card,Year,Month,Day,... The last day is today. */
  g_assert_nonnull (strstr (a, ",2027,5,20,"));
  g_assert_null (strstr (a, ",2027,5,21,"));
  g_assert_nonnull (strstr (c, ",2027,5,21,"));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* An import with a bad line: exit 1, the file and line named, nothing
 * served. */
static void
test_bad_import (void)
{
  static const char * const files[] = { "sd254_users.csv", "sd254_cards.csv", "credit_card_transactions.csv" };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fp-sandbox-cli-XXXXXX", &error);
  const char *args[] = { "--import-tabformer", dir, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *from = g_test_build_filename (G_TEST_DIST, "sandbox", "fixtures", "tabformer", files[i], NULL);
      g_autofree char *to = g_build_filename (dir, files[i], NULL);
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (from, &text, NULL, NULL));
      if (i == 2)
        {
          char *bad = g_strconcat (text, "0,0,2002,9,1,06:21,$1.00,Swipe Transaction,1,Caf\xe9,CA,91750.0,5812,,No\n", NULL);

          g_free (text);
          text = bad;
        }
      g_assert_true (g_file_set_contents (to, text, -1, NULL));
    }

  g_assert_cmpint (run (args, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "credit_card_transactions.csv:32: the line is not valid UTF-8"));

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
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
  g_test_add_func ("/sandbox/cli/today", test_today);
  g_test_add_func ("/sandbox/cli/bad-import", test_bad_import);
  g_test_add_func ("/sandbox/cli/prints-url", test_prints_url);

  return g_test_run ();
}
