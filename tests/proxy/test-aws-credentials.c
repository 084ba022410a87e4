/* test-aws-credentials.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the proxy finds its AWS credentials: the environment first, then
 * the shared credentials file and its profile; half a pair in the
 * environment is an error; no message ever carries the secret.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fp-aws-credentials.h"
#include "fp-aws-error.h"

static const char file_text[] =
  "# written by aws configure\n"
  "[default]\n"
  "aws_access_key_id = AKIDDEFAULT\n"
  "aws_secret_access_key = default/secret+key\n"
  "\n"
  "[work]\n"
  "aws_access_key_id=AKIDWORK\n"
  "aws_secret_access_key=work-secret\n"
  "aws_session_token = FQoGZXIvYXdzEJr//////////token\n"
  "\n"
  "[broken]\n"
  "aws_access_key_id = AKIDBROKEN\n";

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
clear_env (void)
{
  g_unsetenv ("AWS_ACCESS_KEY_ID");
  g_unsetenv ("AWS_SECRET_ACCESS_KEY");
  g_unsetenv ("AWS_SESSION_TOKEN");
  g_unsetenv ("AWS_PROFILE");
  g_unsetenv ("AWS_SHARED_CREDENTIALS_FILE");
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  clear_env ();
  f->dir = g_dir_make_tmp ("fp-aws-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "credentials", NULL);
  g_assert_true (g_file_set_contents (f->path, file_text, -1, &error));
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", f->path, TRUE);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  clear_env ();
}

static void
test_environment_first (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(FpAwsCredentials) c = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDENV", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "env-secret", TRUE);
  g_setenv ("AWS_SESSION_TOKEN", "env-token", TRUE);
  c = fp_aws_credentials_load (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (c->access_key_id, ==, "AKIDENV");
  g_assert_cmpstr (c->secret_access_key, ==, "env-secret");
  g_assert_cmpstr (c->session_token, ==, "env-token");
  g_assert_cmpstr (c->source, ==, "environment");
}

static void
test_half_environment (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(FpAwsCredentials) c = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("AWS_SECRET_ACCESS_KEY", "lonely-secret", TRUE);
  c = fp_aws_credentials_load (&error);
  g_assert_null (c);
  g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_CREDENTIALS);
  g_assert_null (strstr (error->message, "lonely-secret"));
}

static void
test_file_profiles (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(FpAwsCredentials) def = NULL;
  g_autoptr(FpAwsCredentials) work = NULL;
  g_autoptr(FpAwsCredentials) none = NULL;
  g_autoptr(FpAwsCredentials) broken = NULL;
  g_autoptr(GError) error = NULL;

  def = fp_aws_credentials_load (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (def->access_key_id, ==, "AKIDDEFAULT");
  g_assert_cmpstr (def->secret_access_key, ==, "default/secret+key");
  g_assert_null (def->session_token);
  g_assert_cmpstr (def->source, ==, "shared credentials file, profile default");

  g_setenv ("AWS_PROFILE", "work", TRUE);
  work = fp_aws_credentials_load (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (work->access_key_id, ==, "AKIDWORK");
  g_assert_cmpstr (work->session_token, ==, "FQoGZXIvYXdzEJr//////////token");

  g_setenv ("AWS_PROFILE", "nobody", TRUE);
  none = fp_aws_credentials_load (&error);
  g_assert_null (none);
  g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_CREDENTIALS);
  g_clear_error (&error);

  broken = fp_aws_credentials_from_file (f->path, "broken", &error);
  g_assert_null (broken);
  g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_CREDENTIALS);
}

static void
test_no_credentials (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing", NULL);
  g_autoptr(FpAwsCredentials) c = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", missing, TRUE);
  c = fp_aws_credentials_load (&error);
  g_assert_null (c);
  g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_CREDENTIALS);
}

static void
test_malformed_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(FpAwsCredentials) c = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("AWS_ACCESS_KEY_ID", "AKID WITH SPACE", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "s3cr3t-value", TRUE);
  c = fp_aws_credentials_load (&error);
  g_assert_null (c);
  g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_CREDENTIALS);
  g_assert_null (strstr (error->message, "s3cr3t"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/aws/credentials/" path, Fixture, NULL, setup, func, teardown)
  ADD ("environment-first", test_environment_first);
  ADD ("half-environment", test_half_environment);
  ADD ("file-profiles", test_file_profiles);
  ADD ("no-credentials", test_no_credentials);
  ADD ("malformed-refused", test_malformed_refused);

  return g_test_run ();
}
