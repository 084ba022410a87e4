/* fp-aws-credentials.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FpAwsCredentials:
 * @access_key_id: the key id (not secret, but kept out of logs all the same)
 * @secret_access_key: the secret; wiped when freed, never logged
 * @session_token: (nullable): the session token of temporary credentials
 * @source: where they came from, for a log line: `environment` or
 *   `shared credentials file, profile NAME`
 */
typedef struct {
  char *access_key_id;
  char *secret_access_key;
  char *session_token;
  char *source;
} FpAwsCredentials;

FpAwsCredentials *fp_aws_credentials_new        (const char  *access_key_id,
                                                 const char  *secret_access_key,
                                                 const char  *session_token,
                                                 const char  *source);
FpAwsCredentials *fp_aws_credentials_copy       (const FpAwsCredentials *credentials);
void              fp_aws_credentials_free       (FpAwsCredentials *credentials);
FpAwsCredentials *fp_aws_credentials_from_file  (const char  *path,
                                                 const char  *profile,
                                                 GError     **error);
FpAwsCredentials *fp_aws_credentials_load       (GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpAwsCredentials, fp_aws_credentials_free)

G_END_DECLS
