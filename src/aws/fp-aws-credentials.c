/* fp-aws-credentials.c
 *
 * The standard places AWS tools look for credentials, in their order:
 * the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and, for
 * temporary credentials, AWS_SESSION_TOKEN), then the shared credentials
 * file (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials) with the
 * profile AWS_PROFILE or `default`. Instance roles and SSO are not read:
 * a deployment that uses them exports the environment variables (the AWS
 * CLI's `configure export-credentials` does).
 *
 * Secrets are wiped from memory when freed and never appear in an error
 * message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-aws"

#include "config.h"

#include <string.h>

#include "fp-aws-credentials.h"
#include "fp-aws-error.h"

#define MAX_FILE_BYTES (256 * 1024)
#define MAX_VALUE      4096

static void
wipe_free (char *text)
{
  if (text == NULL)
    return;
  memset (text, 0, strlen (text));
  g_free (text);
}

/**
 * fp_aws_credentials_new:
 * @access_key_id: the key id
 * @secret_access_key: the secret
 * @session_token: (nullable): the session token
 * @source: (nullable): where they came from
 *
 * Returns: (transfer full): copies of the credentials
 */
FpAwsCredentials *
fp_aws_credentials_new (const char *access_key_id,
                        const char *secret_access_key,
                        const char *session_token,
                        const char *source)
{
  FpAwsCredentials *c;

  g_return_val_if_fail (access_key_id != NULL && secret_access_key != NULL, NULL);

  c = g_new0 (FpAwsCredentials, 1);
  c->access_key_id = g_strdup (access_key_id);
  c->secret_access_key = g_strdup (secret_access_key);
  c->session_token = session_token != NULL && *session_token != '\0' ? g_strdup (session_token) : NULL;
  c->source = g_strdup (source != NULL ? source : "given");
  return c;
}

FpAwsCredentials *
fp_aws_credentials_copy (const FpAwsCredentials *credentials)
{
  g_return_val_if_fail (credentials != NULL, NULL);

  return fp_aws_credentials_new (credentials->access_key_id, credentials->secret_access_key,
                                 credentials->session_token, credentials->source);
}

void
fp_aws_credentials_free (FpAwsCredentials *credentials)
{
  if (credentials == NULL)
    return;
  wipe_free (credentials->access_key_id);
  wipe_free (credentials->secret_access_key);
  wipe_free (credentials->session_token);
  g_free (credentials->source);
  g_free (credentials);
}

static gboolean
value_ok (const char *value)
{
  gsize len;

  if (value == NULL)
    return FALSE;
  len = strlen (value);
  if (len == 0 || len > MAX_VALUE)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p < 0x21 || (guchar) *p > 0x7e)
      return FALSE;
  return TRUE;
}

static FpAwsCredentials *
checked (const char  *id,
         const char  *secret,
         const char  *token,
         const char  *source,
         GError     **error)
{
  if (!value_ok (id) || !value_ok (secret) || strchr (id, '/') != NULL
      || (token != NULL && *token != '\0' && !value_ok (token)))
    {
      g_set_error (error, FP_AWS_ERROR, FP_AWS_ERROR_CREDENTIALS,
                   "The AWS credentials from the %s are malformed "
                   "(empty, too long, or with spaces or control characters)", source);
      return NULL;
    }
  return fp_aws_credentials_new (id, secret, token, source);
}

/**
 * fp_aws_credentials_from_file:
 * @path: a shared credentials file (INI: `[profile]`, `key = value`)
 * @profile: the section to read
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the profile's credentials
 */
FpAwsCredentials *
fp_aws_credentials_from_file (const char  *path,
                              const char  *profile,
                              GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *source = NULL;
  gsize len = 0;
  char *id, *secret, *token;
  FpAwsCredentials *c;

  g_return_val_if_fail (path != NULL && profile != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, &local))
    {
      g_set_error (error, FP_AWS_ERROR, FP_AWS_ERROR_CREDENTIALS,
                   "Cannot read the AWS credentials file: %s", local->message);
      return NULL;
    }
  if (len > MAX_FILE_BYTES || !g_utf8_validate (contents, (gssize) len, NULL))
    {
      memset (contents, 0, len);
      g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_CREDENTIALS,
                           "The AWS credentials file is too large or not UTF-8");
      return NULL;
    }
  /* GKeyFile reads the INI dialect of the AWS CLI: sections, `key = value`
   * with spaces around `=`, `#` comments. */
  if (!g_key_file_load_from_data (file, contents, len, G_KEY_FILE_NONE, &local))
    {
      memset (contents, 0, len);
      g_set_error (error, FP_AWS_ERROR, FP_AWS_ERROR_CREDENTIALS,
                   "The AWS credentials file is not in INI form: %s", local->message);
      return NULL;
    }
  memset (contents, 0, len);

  source = g_strdup_printf ("shared credentials file, profile %s", profile);
  if (!g_key_file_has_group (file, profile))
    {
      g_set_error (error, FP_AWS_ERROR, FP_AWS_ERROR_CREDENTIALS,
                   "The AWS credentials file has no profile “%s”", profile);
      return NULL;
    }
  /* Raw values: no GKeyFile escapes in secrets. */
  id = g_key_file_get_value (file, profile, "aws_access_key_id", NULL);
  secret = g_key_file_get_value (file, profile, "aws_secret_access_key", NULL);
  token = g_key_file_get_value (file, profile, "aws_session_token", NULL);
  if (id == NULL || secret == NULL)
    {
      g_set_error (error, FP_AWS_ERROR, FP_AWS_ERROR_CREDENTIALS,
                   "The profile “%s” lacks aws_access_key_id or aws_secret_access_key", profile);
      c = NULL;
    }
  else
    c = checked (id, secret, token, source, error);
  wipe_free (id);
  wipe_free (secret);
  wipe_free (token);
  return c;
}

/**
 * fp_aws_credentials_load:
 * @error: a #GError
 *
 * The environment first, then the shared credentials file. An
 * environment with only one of the key id and the secret is an error, not
 * a reason to look further: it is a mistake worth hearing about.
 *
 * Returns: (transfer full) (nullable): the credentials
 */
FpAwsCredentials *
fp_aws_credentials_load (GError **error)
{
  const char *id = g_getenv ("AWS_ACCESS_KEY_ID");
  const char *secret = g_getenv ("AWS_SECRET_ACCESS_KEY");
  const char *file = g_getenv ("AWS_SHARED_CREDENTIALS_FILE");
  const char *profile = g_getenv ("AWS_PROFILE");
  g_autofree char *path = NULL;

  if (id != NULL || secret != NULL)
    {
      if (id == NULL || secret == NULL)
        {
          g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_CREDENTIALS,
                               "Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither");
          return NULL;
        }
      return checked (id, secret, g_getenv ("AWS_SESSION_TOKEN"), "environment", error);
    }

  path = file != NULL && *file != '\0' ? g_strdup (file)
                                       : g_build_filename (g_get_home_dir (), ".aws", "credentials", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_CREDENTIALS,
                           "No AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                           "or write a shared credentials file (~/.aws/credentials)");
      return NULL;
    }
  return fp_aws_credentials_from_file (path, profile != NULL && *profile != '\0' ? profile : "default",
                                       error);
}
