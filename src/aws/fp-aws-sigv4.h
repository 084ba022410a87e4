/* fp-aws-sigv4.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "fp-aws-credentials.h"

G_BEGIN_DECLS

#define FP_AWS_SIGV4_ALGORITHM "AWS4-HMAC-SHA256"

/* How far a request's X-Amz-Date may be from the verifier's clock. */
#define FP_AWS_SIGV4_MAX_SKEW_SECONDS (15 * 60)

/**
 * FpAwsRequest:
 * @method: the HTTP method
 * @path: the path exactly as sent on the wire, percent-encoded once
 *   (`/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse`)
 * @query: (nullable): the query as sent, without `?`
 * @headers: name, value, name, value, …, %NULL: every header to sign, `host`
 *   and `x-amz-date` among them (and `x-amz-security-token` with temporary
 *   credentials)
 * @payload: (nullable): the body
 * @payload_len: its length
 *
 * A request to sign or to check, as plain data.
 */
typedef struct {
  const char         *method;
  const char         *path;
  const char         *query;
  const char * const *headers;
  const guint8       *payload;
  gsize               payload_len;
} FpAwsRequest;

/**
 * FpAwsSignature:
 * @canonical_request: the canonical request (task 1 of SigV4)
 * @string_to_sign: the string to sign (task 2)
 * @signed_headers: `host;x-amz-date`, lower case, sorted
 * @signature: the hex signature (task 3)
 * @authorization: the value of the Authorization header
 *
 * Everything signing produced, so tests can compare each step.
 */
typedef struct {
  char *canonical_request;
  char *string_to_sign;
  char *signed_headers;
  char *signature;
  char *authorization;
} FpAwsSignature;

void      fp_aws_signature_clear           (FpAwsSignature *signature);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FpAwsSignature, fp_aws_signature_clear)

/**
 * FpAwsAuthorization:
 * @access_key_id: the key id of the credential
 * @date: `YYYYMMDD` of the credential scope
 * @region: the region of the scope
 * @service: the service of the scope
 * @signed_headers: (array zero-terminated=1): the signed header names
 * @signature: 64 lower-case hex digits
 *
 * An Authorization header taken apart.
 */
typedef struct {
  char  *access_key_id;
  char  *date;
  char  *region;
  char  *service;
  GStrv  signed_headers;
  char  *signature;
} FpAwsAuthorization;

void      fp_aws_authorization_clear       (FpAwsAuthorization *auth);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FpAwsAuthorization, fp_aws_authorization_clear)

char     *fp_aws_uri_encode                (const char          *text,
                                            gboolean             keep_slash);
char     *fp_aws_sigv4_canonical_uri       (const char          *path,
                                            GError             **error);
char     *fp_aws_sigv4_canonical_query     (const char          *query,
                                            GError             **error);
char     *fp_aws_sigv4_canonical_request   (const FpAwsRequest  *request,
                                            char               **out_signed_headers,
                                            GError             **error);
void      fp_aws_sigv4_signing_key         (const char          *secret_access_key,
                                            const char          *date,
                                            const char          *region,
                                            const char          *service,
                                            guint8               out_key[32]);
gboolean  fp_aws_sigv4_sign                (const FpAwsRequest     *request,
                                            const FpAwsCredentials *credentials,
                                            const char             *region,
                                            const char             *service,
                                            const char             *amz_date,
                                            FpAwsSignature         *out,
                                            GError                **error);
char     *fp_aws_sigv4_format_date         (GDateTime           *time);
gboolean  fp_aws_sigv4_parse_date          (const char          *amz_date,
                                            gint64              *out_unix);
gboolean  fp_aws_sigv4_parse_authorization (const char          *header,
                                            FpAwsAuthorization  *out,
                                            GError             **error);
gboolean  fp_aws_sigv4_equal               (const char          *a,
                                            const char          *b);

G_END_DECLS
