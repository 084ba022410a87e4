/* test-cli-consent.c: every consent path and erase, driven from outside
 * through `finpersona --headless` (the cli-driver child, as the app runs
 * it) against a sandbox bank on a thread of this test, whose own records
 * are read back over its API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "fp-http-client.h"
#include "fp-oauth-client.h"
#include "net-test-sandbox.h"

static char *tmp;

static char *
driver_path (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = g_path_get_dirname (self);

  return g_build_filename (dir, "cli-driver", NULL);
}

/* Runs `cli-driver --headless ARGS…` with stdin from /dev/null; returns
 * the exit status, stdout and stderr. */
static int
run (char       **out,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keyring = g_build_filename (tmp, "keyring", NULL);
  g_autofree char *out_text = NULL;
  g_autofree char *err_text = NULL;
  va_list args;

  g_ptr_array_add (argv, driver_path ());
  g_ptr_array_add (argv, g_strdup ("--headless"));
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (a));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "SECRET_BACKEND", "file", TRUE);
  g_subprocess_launcher_setenv (launcher, "SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_subprocess_launcher_setenv (launcher, "SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  g_subprocess_launcher_set_stdin_file_path (launcher, "/dev/null");
  child = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, &out_text, &err_text, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err_text);
  if (out != NULL)
    *out = g_steal_pointer (&out_text);
  if (err != NULL)
    *err = g_steal_pointer (&err_text);
  return g_subprocess_get_exit_status (child);
}

static JsonObject *
parse_object (const char *text,
              JsonNode  **keep)
{
  g_autoptr(GError) error = NULL;

  *keep = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*keep));
  return json_node_get_object (*keep);
}

/* The consent of @purpose in `consent list`. */
static JsonObject *
listed (JsonNode   *list,
        const char *purpose)
{
  JsonArray *consents = json_object_get_array_member (json_node_get_object (list), "consents");

  for (guint i = 0; i < json_array_get_length (consents); i++)
    {
      JsonObject *c = json_array_get_object_element (consents, i);

      if (g_str_equal (json_object_get_string_member (c, "purpose"), purpose))
        return c;
    }
  g_assert_not_reached ();
}

static JsonNode *
consent_list (const char *cache_dir)
{
  g_autofree char *out = NULL;
  JsonNode *node;

  g_assert_cmpint (run (&out, NULL, "consent", "list", "--cache-dir", cache_dir, NULL), ==, 0);
  parse_object (out, &node);
  return node;
}

/* What the bank itself records for @purpose: the latest status, or NULL. */
static char *
bank_status (TestSandbox *s,
             const char  *purpose)
{
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(FpOAuthClient) oauth = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *consents;
  char *status = NULL;
  gint64 best = -1;

  http = fp_http_client_new (s->url, &error);
  g_assert_no_error (error);
  oauth = fp_oauth_client_new (http);
  g_assert_true (fp_oauth_client_sign_in (oauth, FP_OAUTH_SIGN_IN_DEMO, NULL, &error));
  root = fp_http_client_get_json (http, "v1/consents", NULL, 1 << 20, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  consents = json_object_get_array_member (json_node_get_object (root), "consents");
  for (guint i = 0; i < json_array_get_length (consents); i++)
    {
      JsonObject *c = json_array_get_object_element (consents, i);
      gint64 number = g_ascii_strtoll (json_object_get_string_member (c, "consentId") + 4, NULL, 10);

      if (!g_str_equal (json_object_get_string_member (c, "purpose"), purpose) || number < best)
        continue;
      best = number;
      g_free (status);
      status = g_strdup (json_object_get_string_member (c, "status"));
    }
  return status;
}

/* Another device of the same customer grants @purpose at the bank. */
static void
grant_elsewhere (TestSandbox *s,
                 const char  *purpose)
{
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(FpOAuthClient) oauth = NULL;
  g_autoptr(FpHttpReply) reply = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"purpose\":\"%s\"}", purpose);
  g_autofree char *key = g_uuid_string_random ();

  http = fp_http_client_new (s->url, &error);
  g_assert_no_error (error);
  oauth = fp_oauth_client_new (http);
  g_assert_true (fp_oauth_client_sign_in (oauth, FP_OAUTH_SIGN_IN_DEMO, NULL, &error));
  body = g_bytes_new (json, strlen (json));
  reply = fp_http_client_send (http, "POST", "v1/consents", "application/json", body, key, NULL,
                               1 << 20, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
}

static void
test_usage (void)
{
  g_autofree char *cache_dir = g_build_filename (tmp, "usage", NULL);
  g_autofree char *err = NULL;

  /* Strict: one sentence naming what is valid, exit 2. */
  g_assert_cmpint (run (NULL, &err, "consent", "grant", "ads", "--cache-dir", cache_dir, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "personalization, genai, marketing, open_banking, product_improvement"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "consent", "revoke", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Valid purposes:"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "consent", "grant", "genai", "--force", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--force"));
  g_assert_nonnull (strstr (err, "--cache-dir DIR, --sync, --bank URL, --demo-sign-in"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "consent", "grant", "genai", "marketing", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "consent", "grant", "genai", "--cache-dir", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--cache-dir DIR"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "consent", "grant", "genai", "--sync=yes", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "consent", "give", "genai", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "list, grant, revoke"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "consent", "list", "--yes", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "erase", "--cache-dir", cache_dir, "--force", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--cache-dir DIR, --yes"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "sync", "now", NULL), ==, 2);
  g_clear_pointer (&err, g_free);

  /* No data yet: a clear failure, and nothing is created. */
  g_assert_cmpint (run (NULL, &err, "consent", "list", "--cache-dir", cache_dir, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "sync first"));
  g_assert_false (g_file_test (cache_dir, G_FILE_TEST_EXISTS));
}

static void
test_paths (void)
{
  TestSandbox *s = test_sandbox_start (1, NULL);
  g_autofree char *cache_dir = g_build_filename (tmp, "paths", NULL);
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *status = NULL;
  JsonObject *o, *c;

  /* The first sync: nothing chosen yet, nothing at the bank. */
  g_assert_cmpint (run (&out, NULL, "sync", "--cache-dir", cache_dir, "--bank", s->url, "--demo-sign-in", NULL), ==, 0);
  o = parse_object (out, &node);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "ok");
  list = consent_list (cache_dir);
  g_assert_false (json_object_get_boolean_member (listed (list, "genai"), "chosen"));
  g_assert_cmpstr (json_object_get_string_member (listed (list, "genai"), "delivery"), ==, "none");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (list), "device"), !=, g_get_host_name ());

  /* Granted offline: recorded, waiting, not at the bank yet. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpint (run (&out, NULL, "consent", "grant", "genai", "--cache-dir", cache_dir, NULL), ==, 0);
  o = parse_object (out, &node);
  g_assert_true (json_object_get_boolean_member (o, "changed"));
  c = json_object_get_object_member (o, "consent");
  g_assert_cmpstr (json_object_get_string_member (c, "state"), ==, "granted");
  g_assert_true (json_object_get_boolean_member (c, "chosen"));
  g_assert_cmpstr (json_object_get_string_member (c, "delivery"), ==, "waiting");
  g_assert_null (bank_status (s, "genai"));

  /* The next sync delivers it and takes the bank's receipt. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, NULL, "sync", "--cache-dir", cache_dir, "--bank", s->url, "--demo-sign-in", NULL), ==, 0);
  status = bank_status (s, "genai");
  g_assert_cmpstr (status, ==, "Authorised");
  g_clear_pointer (&list, json_node_unref);
  list = consent_list (cache_dir);
  g_assert_cmpstr (json_object_get_string_member (listed (list, "genai"), "delivery"), ==, "confirmed");
  g_assert_nonnull (json_object_get_string_member (listed (list, "genai"), "receipt"));

  /* Revoked with --sync: at the bank at once, confirmed. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpint (run (&out, NULL, "consent", "revoke", "genai", "--cache-dir", cache_dir, "--sync",
                        "--bank", s->url, "--demo-sign-in", NULL), ==, 0);
  o = parse_object (out, &node);
  g_assert_true (json_object_get_boolean_member (o, "synced"));
  c = json_object_get_object_member (o, "consent");
  g_assert_cmpstr (json_object_get_string_member (c, "state"), ==, "revoked");
  g_assert_cmpstr (json_object_get_string_member (c, "delivery"), ==, "confirmed");
  g_clear_pointer (&status, g_free);
  status = bank_status (s, "genai");
  g_assert_cmpstr (status, ==, "Revoked");

  /* A purpose kept off that nobody chose: now chosen, nothing to withdraw
   * at the bank, and never "not asked yet" again. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpint (run (&out, NULL, "consent", "revoke", "marketing", "--cache-dir", cache_dir, "--sync",
                        "--bank", s->url, "--demo-sign-in", NULL), ==, 0);
  o = parse_object (out, &node);
  g_assert_true (json_object_get_boolean_member (o, "changed"));
  c = json_object_get_object_member (o, "consent");
  g_assert_true (json_object_get_boolean_member (c, "chosen"));
  g_assert_nonnull (json_object_get_string_member (c, "chosenAt"));
  g_assert_cmpstr (json_object_get_string_member (c, "delivery"), ==, "delivered");
  g_assert_null (bank_status (s, "marketing"));
  /* Asked again: nothing new. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpint (run (&out, NULL, "consent", "revoke", "marketing", "--cache-dir", cache_dir, NULL), ==, 0);
  o = parse_object (out, &node);
  g_assert_false (json_object_get_boolean_member (o, "changed"));

  /* Granted on another device: a headless sync applies the bank's record,
   * as the window does. */
  grant_elsewhere (s, "personalization");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, NULL, "sync", "--cache-dir", cache_dir, "--bank", s->url, "--demo-sign-in", NULL), ==, 0);
  g_clear_pointer (&list, json_node_unref);
  list = consent_list (cache_dir);
  c = listed (list, "personalization");
  g_assert_cmpstr (json_object_get_string_member (c, "state"), ==, "granted");
  g_assert_cmpstr (json_object_get_string_member (c, "delivery"), ==, "confirmed");
  g_assert_true (json_object_get_boolean_member (c, "chosen"));

  /* Offline: the change waits and says why; it goes with the next sync. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpint (run (&out, &err, "consent", "grant", "open_banking", "--cache-dir", cache_dir, "--sync",
                        "--bank", "http://127.0.0.1:9/", "--demo-sign-in", NULL), ==, 1);
  o = parse_object (out, &node);
  g_assert_false (json_object_get_boolean_member (o, "synced"));
  c = json_object_get_object_member (o, "consent");
  g_assert_cmpstr (json_object_get_string_member (c, "delivery"), ==, "waiting");
  g_assert_nonnull (json_object_get_string_member (c, "reason"));
  g_test_message ("reason while unreachable: %s", json_object_get_string_member (c, "reason"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, NULL, "sync", "--cache-dir", cache_dir, "--bank", s->url, "--demo-sign-in", NULL), ==, 0);
  g_clear_pointer (&list, json_node_unref);
  list = consent_list (cache_dir);
  c = listed (list, "open_banking");
  g_assert_cmpstr (json_object_get_string_member (c, "delivery"), ==, "confirmed");
  g_assert_true (json_object_get_null_member (c, "reason"));
  g_clear_pointer (&status, g_free);
  status = bank_status (s, "open_banking");
  g_assert_cmpstr (status, ==, "Authorised");

  test_sandbox_stop (s);
}

/* A bank that fails every write: the change waits with the bank's trouble
 * as its reason. */
static void
test_bank_failing (void)
{
  FpSandboxFaults faults = { .seed = 3, .error_rate = 1.0 };
  TestSandbox *good = test_sandbox_start (1, NULL);
  TestSandbox *bad = test_sandbox_start (1, &faults);
  g_autofree char *cache_dir = g_build_filename (tmp, "failing", NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *out = NULL;
  JsonObject *c;

  g_assert_cmpint (run (NULL, NULL, "sync", "--cache-dir", cache_dir, "--bank", good->url, "--demo-sign-in", NULL), ==, 0);
  g_assert_cmpint (run (&out, NULL, "consent", "grant", "marketing", "--cache-dir", cache_dir, "--sync",
                        "--bank", bad->url, "--demo-sign-in", NULL), ==, 1);
  c = json_object_get_object_member (parse_object (out, &node), "consent");
  g_assert_cmpstr (json_object_get_string_member (c, "delivery"), ==, "waiting");
  g_assert_cmpstr (json_object_get_string_member (c, "reason"), ==,
                   "Your bank had a problem. The app tries again later.");

  test_sandbox_stop (bad);
  test_sandbox_stop (good);
}

static void
test_erase (void)
{
  g_autofree char *cache_dir = g_build_filename (tmp, "erase", NULL);
  g_autofree char *cache_id = NULL;
  g_autofree char *keyring = g_build_filename (tmp, "keyring", NULL);
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autoptr(FpCacheKey) key = NULL;
  g_autoptr(GError) error = NULL;

  /* The embedded demo bank, as `finpersona --headless sync` starts it. */
  g_assert_cmpint (run (NULL, NULL, "sync", "--cache-dir", cache_dir, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "consent", "grant", "genai", "--cache-dir", cache_dir, NULL), ==, 0);
  g_assert_true (g_file_test (cache_dir, G_FILE_TEST_IS_DIR));

  /* No terminal, no --yes: nothing happens. */
  g_assert_cmpint (run (NULL, &err, "erase", "--cache-dir", cache_dir, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--yes"));
  g_assert_true (g_file_test (cache_dir, G_FILE_TEST_IS_DIR));

  g_assert_cmpint (run (&out, NULL, "erase", "--cache-dir", cache_dir, "--yes", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"erased\" : true"));
  /* Files, folder and key. */
  g_assert_false (g_file_test (cache_dir, G_FILE_TEST_EXISTS));
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  cache_id = fp_cache_dir_to_cache_id (cache_dir);
  key = fp_cache_key_lookup (cache_id, FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (key);
  /* And nothing to list any more. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "consent", "list", "--cache-dir", cache_dir, NULL), ==, 1);
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
  tmp = g_dir_make_tmp ("fp-cli-consent-XXXXXX", NULL);

  g_test_add_func ("/net/cli/consent/usage", test_usage);
  g_test_add_func ("/net/cli/consent/paths", test_paths);
  g_test_add_func ("/net/cli/consent/bank-failing", test_bank_failing);
  g_test_add_func ("/net/cli/erase", test_erase);

  status = g_test_run ();
  rm_rf (tmp);
  g_free (tmp);
  return status;
}
