/* test-cli.c: `finpersona --headless sync` against the embedded demo bank
 * (a real finpersona-sandbox child) and `export` of the result, with the
 * cache key in libsecret's file backend. Issue 15: with every debug
 * message on, stdout still carries only the command's JSON; and a cache
 * damaged in the middle of its file fails the next sync, with the way
 * forward, instead of reporting "ok".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "fp-bank-data.h"
#include "fp-generator.h"

static char *tmp;

/* Each test its own keyring file: libsecret 0.20.5's file backend leaks
 * the ETag of every rewrite of an existing keyring file (see
 * tests/cli/test-insights.c), which LeakSanitizer would report in the
 * child. */
static const char *keyring_name = "keyring";

static char *
driver_path (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = g_path_get_dirname (self);

  return g_build_filename (dir, "cli-driver", NULL);
}

/* Runs PROGRAM --headless ARGS… with every debug message on when
 * @debug; @err may be NULL. */
static int
run_program (const char  *program,
             gboolean     debug,
             char       **out,
             char       **err,
             const char  *first,
             va_list      args)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keyring = g_build_filename (tmp, keyring_name, NULL);
  g_autofree char *errors = NULL;

  g_ptr_array_add (argv, g_strdup (program));
  g_ptr_array_add (argv, g_strdup ("--headless"));
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (a));
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "SECRET_BACKEND", "file", TRUE);
  g_subprocess_launcher_setenv (launcher, "SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_subprocess_launcher_setenv (launcher, "SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  if (debug)
    g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  child = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, out, &errors, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (child) != 0)
    g_test_message ("%s exited with %d: %s", program, g_subprocess_get_exit_status (child), errors);
  if (err != NULL)
    *err = g_steal_pointer (&errors);
  return g_subprocess_get_exit_status (child);
}

static int
run (char       **out,
     const char  *first,
     ...)
{
  g_autofree char *driver = driver_path ();
  va_list args;
  int status;

  va_start (args, first);
  status = run_program (driver, FALSE, out, NULL, first, args);
  va_end (args);
  return status;
}

static int
run_debug (const char  *program,
           char       **out,
           char       **err,
           const char  *first,
           ...)
{
  va_list args;
  int status;

  va_start (args, first);
  status = run_program (program, TRUE, out, err, first, args);
  va_end (args);
  return status;
}

static void
test_sync_and_export (void)
{
  g_autofree char *cache_dir = g_build_filename (tmp, "cache", NULL);
  g_autofree char *csv = g_build_filename (tmp, "export.csv", NULL);
  g_autofree char *json = g_build_filename (tmp, "export.json", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonArray *accounts;
  FpBankData *bank;
  gint64 transactions;
  GStatBuf st;
  guint n_rows = 0;
  gboolean in_txns = FALSE;

  /* The bank's own figures: the demo customer of the sandbox's defaults
   * (3 years; the demo history depends on nothing else). */
  bank = fp_bank_data_new_generated (0, 3, 1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run (&out, "sync", "--cache-dir", cache_dir, NULL), ==, 0);
  summary = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (summary), "status"), ==, "ok");
  transactions = json_object_get_int_member (json_node_get_object (summary), "transactions");
  accounts = json_object_get_array_member (json_node_get_object (summary), "accounts");
  {
    gint64 expected = 0;
    const guint32 *ids;
    guint n = 0;

    ids = fp_bank_data_get_customer_accounts (bank, 0, &n);
    for (guint i = 0; i < n; i++)
      {
        const FpBankAccount *a = fp_bank_data_get_account (bank, ids[i]);
        g_autofree char *id = g_strdup_printf ("acc_%u", a->id);

        expected += a->n_transactions;
        for (guint k = 0; k < json_array_get_length (accounts); k++)
          {
            JsonObject *o = json_array_get_object_element (accounts, k);
            gint64 sum = 0;

            if (g_strcmp0 (json_object_get_string_member (o, "accountId"), id) != 0)
              continue;
            g_assert_cmpint (json_object_get_int_member (o, "count"), ==, a->n_transactions);
            /* "-12.34" → -1234 */
            {
              g_autofree char *digits = g_strdup (json_object_get_string_member (o, "sum"));
              char *dot = strchr (digits, '.');

              g_assert_nonnull (dot);
              memmove (dot, dot + 1, strlen (dot));
              sum = g_ascii_strtoll (digits, NULL, 10);
            }
            g_assert_cmpint (sum, ==, a->transactions_sum);
          }
      }
    g_assert_cmpint (transactions, ==, expected);
  }
  fp_bank_data_free (bank);

  /* A second sync with nothing new. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, "sync", "--cache-dir", cache_dir, NULL), ==, 0);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, "export", "--format", "csv", "--output", csv, "--cache-dir", cache_dir, NULL), ==, 0);
  g_assert_cmpint (g_stat (csv, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  {
    g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        if (g_str_has_prefix (lines[i], "# "))
          {
            in_txns = g_str_equal (lines[i], "# transactions");
            i++;   /* the header */
            continue;
          }
        if (in_txns && *lines[i] != '\0')
          n_rows++;
      }
  }
  g_assert_cmpint (n_rows, ==, transactions);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, "export", "--format", "json", "--output", json, "--cache-dir", cache_dir, NULL), ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *tables;

    g_assert_true (json_parser_load_from_file (parser, json, &error));
    g_assert_no_error (error);
    tables = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "tables");
    g_assert_cmpint (json_array_get_length (json_object_get_array_member (tables, "transactions")), ==, transactions);
    g_assert_true (json_object_has_member (tables, "accounts"));
    g_assert_true (json_object_has_member (tables, "offers"));
  }
}

/* stdout is exactly one JSON document, whatever the logs say. */
static JsonNode *
assert_json (const char *out)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (out, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
test_logs_on_stderr (void)
{
  g_autofree char *cache_dir = g_build_filename (tmp, "cache-logs", NULL);
  g_autofree char *driver = driver_path ();
  g_autofree char *app = g_build_filename (g_getenv ("FP_BUILD_ROOT"), "src", "ui", "finpersona", NULL);
  const char *programs[] = { driver, app };

  keyring_name = "keyring-logs";
  for (guint i = 0; i < G_N_ELEMENTS (programs); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(JsonNode) summary = NULL;
      g_autoptr(JsonNode) insights = NULL;

      if (!g_file_test (programs[i], G_FILE_TEST_IS_EXECUTABLE))
        {
          g_test_message ("%s was not built", programs[i]);
          continue;
        }
      g_assert_cmpint (run_debug (programs[i], &out, &err, "sync", "--cache-dir", cache_dir, NULL), ==, 0);
      /* The debug messages were there, on stderr. */
      g_assert_nonnull (strstr (err, "-DEBUG: "));
      summary = assert_json (out);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (summary), "status"), ==, "ok");
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);

      g_assert_cmpint (run_debug (programs[i], &out, &err, "insights", "--json", "--cache-dir", cache_dir,
                                  NULL), ==, 0);
      insights = assert_json (out);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (insights));
    }
}

static void
flip_middle (const char *path)
{
  FILE *file = g_fopen (path, "r+b");
  guint8 bytes[8];
  long middle;

  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, 0, SEEK_END), ==, 0);
  middle = ftell (file) / 2;
  g_assert_cmpint (fseek (file, middle, SEEK_SET), ==, 0);
  g_assert_cmpuint (fread (bytes, 1, sizeof bytes, file), ==, sizeof bytes);
  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] ^= 0xff;
  g_assert_cmpint (fseek (file, middle, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (bytes, 1, sizeof bytes, file), ==, sizeof bytes);
  fclose (file);
}

static void
test_damaged_cache (void)
{
  g_autofree char *cache_dir = g_build_filename (tmp, "cache-damaged", NULL);
  g_autofree char *db = g_build_filename (cache_dir, "cache.db", NULL);
  g_autofree char *driver = driver_path ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) summary = NULL;

  keyring_name = "keyring-damaged";
  g_assert_cmpint (run (&out, "sync", "--cache-dir", cache_dir, NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  /* Issue 15: eight bytes in the middle of the file. */
  flip_middle (db);
  g_assert_cmpint (run_debug (driver, &out, &err, "sync", "--cache-dir", cache_dir, NULL), !=, 0);
  summary = assert_json (out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (summary), "status"), ==, "error");
  g_assert_nonnull (strstr (err, "finpersona --headless erase"));
}

static void
rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        rm_rf (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp = g_dir_make_tmp ("fp-cli-XXXXXX", NULL);

  g_test_add_func ("/net/cli/sync-and-export", test_sync_and_export);
  g_test_add_func ("/net/cli/logs-on-stderr", test_logs_on_stderr);
  g_test_add_func ("/net/cli/damaged-cache-fails-sync", test_damaged_cache);

  status = g_test_run ();
  rm_rf (tmp);
  g_free (tmp);
  return status;
}
